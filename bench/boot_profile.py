"""Where Element's boot goes, in the page: the profile behind bench/README.md's "Where the time goes".

Starts a Synapse and the embedded Element, then boots Element signed in, as a scenario does
(a new user, storage wiped, the worker's persistent context with its caches warm), `--boots` times.
The last boot runs under Chromium's tracing (the Tracing domain, timeline and V8 categories), and
the renderer main thread's busy time is summed per event name. No pytest, no harness steps.

    .venv/bin/python bench/boot_profile.py [--boots 6] [--top 25] [--trace-out boot.trace.json]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.matrix.accounts import create_account  # noqa: E402
from fixtures.matrix.page_sign_in import injection_script  # noqa: E402
from fixtures.stack.browser import VIEWPORT, find_chromium, launch_args  # noqa: E402
from fixtures.stack.element_server import EmbeddedElement, client_config  # noqa: E402
from fixtures.stack.homeserver import ProcessHomeserver  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "blink", "loading"]
WIPE = """async () => { localStorage.clear(); sessionStorage.clear();
    for (const db of await indexedDB.databases()) indexedDB.deleteDatabase(db.name); }"""


def boot(ctx, app_url: str, hs, traced: bool) -> tuple[float, list[dict]]:
    """One signed-in boot of a new user, until the user menu shows; its seconds and trace events."""
    from playwright.sync_api import expect
    page = ctx.new_page()
    page.add_init_script(injection_script(app_url, create_account(hs).login()))
    events: list[dict] = []
    cdp = ctx.new_cdp_session(page) if traced else None
    if cdp:
        finished: list[bool] = []
        cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
        cdp.on("Tracing.tracingComplete", lambda _e: finished.append(True))
        cdp.send("Tracing.start", {"transferMode": "ReportEvents", "traceConfig": {"includedCategories": CATEGORIES}})
    start = time.perf_counter()
    page.goto(app_url)
    expect(page.get_by_role("button", name="User menu")).to_be_visible(timeout=60_000)
    seconds = time.perf_counter() - start
    if cdp:
        cdp.send("Tracing.end")
        while not finished:
            page.evaluate("() => new Promise(requestAnimationFrame)")
    page.evaluate(WIPE)
    page.close()
    return seconds, events


def main_thread_summary(events: list[dict], top: int) -> list[tuple[str, float, int]]:
    """(event name, milliseconds, count) on the renderer's main thread, most time first."""
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    spent: collections.Counter = collections.Counter()
    counts: collections.Counter = collections.Counter()
    for e in events:
        if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X":
            spent[e["name"]] += e.get("dur", 0) / 1000
            counts[e["name"]] += 1
    return [(name, ms, counts[name]) for name, ms in spent.most_common(top)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boots", type=int, default=6, help="boots in all; the last one is traced")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--trace-out", type=Path, help="write the traced boot's events here (Chrome's trace JSON)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        runner = ProcessHomeserver(Path(tmp) / "hs")
        hs = runner.start()
        web = EmbeddedElement(client_config(hs.base_url, hs.server_name))
        app = web.start()
        try:
            with sync_playwright() as pw:
                ctx = pw.chromium.launch_persistent_context(str(Path(tmp) / "profile"), viewport=VIEWPORT,
                                                            **launch_args(find_chromium()))
                runs = [boot(ctx, app.url, hs, traced=i == args.boots - 1) for i in range(args.boots)]
                ctx.close()
        finally:
            web.stop()
            runner.stop()
    report(runs, args)
    return 0


def report(runs: list[tuple[float, list[dict]]], args: argparse.Namespace) -> None:
    seconds = [round(s, 2) for s, _ in runs]
    events = runs[-1][1]
    print(f"boots (s): {seconds}; the first ones fill the caches, the last is traced")
    if args.trace_out:
        args.trace_out.write_text(json.dumps({"traceEvents": events}))
    for name, ms, count in main_thread_summary(events, args.top):
        print(f"{ms:8.0f} ms  x{count:<5} {name}")


if __name__ == "__main__":
    raise SystemExit(main())
