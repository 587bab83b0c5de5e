"""--cpu-throttle, --network-latency, --network-kbps: refused out of range, applied to the page,
recorded in what each scenario reports."""

from __future__ import annotations

import ast

import pytest

from fixtures.stack.throttling import Throttling, ThrottlingError, parse_throttling
from tests.harness_run import run_pytest


@pytest.mark.parametrize("cpu, latency, kbps, message", [
    ("0.5", None, None, "--cpu-throttle: 0.5 is out of range; give 1.0 to 20.0"),
    ("21", None, None, "--cpu-throttle: 21 is out of range"),
    ("fast", None, None, "--cpu-throttle: 'fast' is not a number"),
    (None, "-1", None, "--network-latency: -1 is out of range; give 0 to 10000"),
    (None, "1.5", None, "--network-latency: '1.5' is not an integer"),
    (None, None, "4", "--network-kbps: 4 is out of range; give 8 to 1000000"),
])
def test_values_out_of_range_are_refused_with_the_option_named(cpu, latency, kbps, message):
    with pytest.raises(ThrottlingError, match=message.replace(".", r"\.")):
        parse_throttling(cpu, latency, kbps)


def test_what_was_asked_for_is_what_the_report_gets():
    assert parse_throttling("4", "300", None).facts() == {"cpu_throttle": 4.0, "network_latency_ms": 300}
    assert parse_throttling(None, None, None).facts() == {}


def test_pytest_refuses_a_bad_value_before_anything_starts():
    run = run_pytest("features", "--collect-only", "-q", "--network-latency", "99999", timeout=120)
    assert run.returncode == 4
    assert "--network-latency: 99999 is out of range" in run.stderr


def _round_trip_ms(page) -> float:
    return page.evaluate("""async () => {
        const start = performance.now();
        await fetch('config.json?' + Math.random(), {cache: 'no-store'});
        return performance.now() - start;
    }""")


def _busy_loop_ms(page) -> float:
    return page.evaluate("""() => {
        const start = performance.now();
        let x = 0;
        for (let i = 0; i < 3e7; i++) x += i % 7;
        return performance.now() - start;
    }""")


def test_the_slowdowns_reach_the_page(page, element_server):
    page.goto(element_server.url + "welcome.html")
    plain_loop = min(_busy_loop_ms(page) for _ in range(2))
    Throttling(cpu_rate=8, latency_ms=400).apply(page)
    assert _round_trip_ms(page) >= 400
    # Chromium slows the page by pausing it part of each wall-clock slice; on a machine that already
    # keeps it waiting for a core, the pauses overlap that wait (8x measured as 2x at a load of 20).
    assert _busy_loop_ms(page) >= 1.5 * plain_loop


def test_a_throttled_run_passes_and_each_scenario_reports_its_slowdown(tmp_path):
    run = run_pytest("features", "-q", "-p", "no:randomly", "-k", "first_letter_of_its",
                     "--cpu-throttle", "2", "--network-latency", "100", "--network-kbps", "20000",
                     "--artifacts", str(tmp_path / "artifacts"))
    assert run.returncode == 0, run.output
    stacks = [ast.literal_eval(value) for name, value in run.properties if name == "stack"]
    assert stacks and all(s["browser"]["throttling"] == {"cpu_throttle": 2.0, "network_latency_ms": 100,
                                                         "network_kbps": 20000} for s in stacks)


def test_a_slower_cpu_gives_every_wait_as_many_times_longer():
    from playwright.sync_api import expect

    from pages import patience

    try:
        patience.set_slowdown(4)
        assert expect._timeout == 4 * patience.ASSERTION_MS  # noqa: SLF001: no public getter
        assert patience.ms(patience.APP_START_MS) == 4 * patience.APP_START_MS
    finally:
        patience.set_slowdown(1.0)
    assert expect._timeout == patience.ASSERTION_MS  # noqa: SLF001
