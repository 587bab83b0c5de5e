"""Seeded sessions' devices: the user agent each session's requests sent, read back from the
server's GET /devices with plain HTTP; what Element makes of it, checked against Element's own code."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import fixtures.homeserver
from fixtures.devices import DEVICES, REALISTIC_MIX, USER_AGENTS
from fixtures.element_user_agent import element_reading
from fixtures.homeserver import ProcessHomeserver, discard_data
from fixtures.seed import Seeder, SessionSpec, SpecError, parse_specs, specs_from_counts
from steps.common import specs_from_table

REPO = Path(__file__).resolve().parents[2]
UA_FIELD = "org.matrix.msc3852.last_seen_user_agent"
ELEMENT_SDK = REPO / "element" / "node_modules" / "matrix-react-sdk"
MSC3852_LINE = "  msc3852_enabled: true\n"


def _devices(base_url: str, token: str) -> dict[str, dict]:
    r = httpx.get(f"{base_url}/_matrix/client/v3/devices", headers={"Authorization": f"Bearer {token}"})
    r.raise_for_status()
    return {d["display_name"] or d["device_id"]: d for d in r.json()["devices"]}


def test_every_device_kind_is_on_the_server_with_its_user_agent(homeserver, account):
    helper = account.login(display_name="helper")
    specs = [SessionSpec(name=kind, device=kind) for kind in DEVICES]
    # One through the last-seen module (it must write the session's user agent back), one raw.
    specs += [SessionSpec(name="old phone", device="ios", inactive_days=91),
              SessionSpec(name="raw", user_agent="Element/1.5.0 (Samsung SM-G960F; Android 6.0.1; x)")]
    seeded = Seeder(homeserver, account).seed(specs, helper=helper)
    devices = _devices(homeserver.base_url, helper.access_token)
    for kind in DEVICES:
        assert devices[kind].get(UA_FIELD) == USER_AGENTS[kind], kind
    assert devices["old phone"][UA_FIELD] == USER_AGENTS["ios"]
    assert devices["raw"][UA_FIELD] == "Element/1.5.0 (Samsung SM-G960F; Android 6.0.1; x)"
    assert seeded.user_agents_reported is True
    assert {s.display_name: s.summary()["device"] for s in seeded.sessions}["raw"] is None


def test_the_user_agents_are_what_their_clients_send():
    """A few anchors, so an edit of the catalogue cannot swap one client for another unseen."""
    assert USER_AGENTS["android"].startswith("Element/") and "; Android " in USER_AGENTS["android"]
    assert USER_AGENTS["ios"].startswith("Element/") and "; iOS " in USER_AGENTS["ios"]
    for kind, platform in (("desktop-macos", "Macintosh"), ("desktop-windows", "Windows NT"),
                           ("desktop-linux", "Linux")):
        assert " Electron/" in USER_AGENTS[kind] and platform in USER_AGENTS[kind]
    for kind, token in (("web-chrome", "Chrome/"), ("web-firefox", "Firefox/"), ("web-safari", "Version/")):
        assert token in USER_AGENTS[kind] and "Electron" not in USER_AGENTS[kind]


@pytest.mark.parametrize("raw, message", [
    ([{"device": "nokia-3310"}], "sessions[0].device: 'nokia-3310' is not a known device (known: android, ios,"),
    ([{"device": "ios", "user_agent": "x"}], "sessions[0]: give device or user_agent, not both"),
    ([{"user_agent": " "}], "sessions[0].user_agent: empty"),
    ([{"device": 3}], "sessions[0].device: 3 is not text"),
])
def test_a_bad_device_is_refused(raw, message):
    with pytest.raises(SpecError) as refused:
        parse_specs(raw)
    assert message in str(refused.value)


def test_a_bad_device_in_a_gherkin_table_is_refused_with_the_known_ones():
    with pytest.raises(SpecError) as refused:
        specs_from_table([["name", "device"], ["Phone", "blackberry"]])
    assert "table row 1.device: 'blackberry'" in str(refused.value)
    assert ", ".join(DEVICES) in str(refused.value)
    assert specs_from_table([["name", "device"], ["Phone", "android"]])[0].device == "android"


def test_counts_spread_sessions_over_a_realistic_mix():
    specs = specs_from_counts(verified=3, unverified=3, no_keys=1, inactive=1)
    assert [s.device for s in specs] == list(REALISTIC_MIX)
    assert set(REALISTIC_MIX) == set(DEVICES)
    assert [s.device for s in specs_from_counts(unverified=10)][8:] == list(REALISTIC_MIX[:2])


def _elements_parse(tmp_path: Path, user_agents: list[str]) -> list[dict]:
    """Element's own parseUserAgent (the SDK's source, over the locked ua-parser-js), bundled
    with the esbuild of our Element build and run by node."""
    esbuild = REPO / "element" / "node_modules" / ".bin" / "esbuild"
    source = ELEMENT_SDK / "src" / "utils" / "device" / "parseUserAgent.ts"
    assert esbuild.exists() and source.exists(), "no element/node_modules: run make element"
    bundle = tmp_path / "parse.cjs"
    subprocess.run([str(esbuild), str(source), "--bundle", "--platform=node", "--format=cjs",
                    f"--outfile={bundle}", "--log-level=warning"], check=True, cwd=REPO / "element")
    script = (f"const {{ parseUserAgent }} = require({json.dumps(str(bundle))});"
              "const uas = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(uas.map((ua) => parseUserAgent(ua))));")
    node = shutil.which("node")
    assert node, "no node on the PATH (make setup needs it for the Element build)"
    out = subprocess.run([node, "-e", script], input=json.dumps(user_agents), capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)


def test_element_reads_every_device_as_the_harness_expects(tmp_path):
    chromium = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                "HeadlessChrome/131.0.6778.33 Safari/537.36")
    pixel = ("Element/1.6.34 (Google Pixel 8; Android 14; AP2A.240805.005; Flavour GooglePlay; "
             "MatrixAndroidSdk2 1.6.34)")
    user_agents = [*USER_AGENTS.values(), chromium, pixel, "Element/1.8.21 (iPad Pro (11-inch); iOS 15.2; Scale/3.00)"]
    for ua, element in zip(user_agents, _elements_parse(tmp_path, user_agents), strict=True):
        mine = element_reading(ua)
        assert {"deviceType": mine.device_type, "deviceModel": mine.model,
                "deviceOperatingSystem": mine.operating_system, "client": mine.browser} == \
            {k: element.get(k) for k in ("deviceType", "deviceModel", "deviceOperatingSystem", "client")}, ua
    # Each catalogue device is read as a known type, never as an unknown one.
    types = {kind: element_reading(ua).device_type for kind, ua in USER_AGENTS.items()}
    assert types == {"android": "Mobile", "ios": "Mobile", "desktop-macos": "Desktop", "desktop-windows": "Desktop",
                     "desktop-linux": "Desktop", "web-chrome": "Web", "web-firefox": "Web", "web-safari": "Web"}


@pytest.fixture
def server_without_user_agents(tmp_path, monkeypatch):
    """A Synapse from our template with MSC3852 off: it never reports user agents."""
    template = tmp_path / "synapse"
    shutil.copytree(fixtures.homeserver.SYNAPSE_DIR, template)
    config = template / "homeserver.yaml"
    text = config.read_text()
    assert MSC3852_LINE in text, "the template no longer turns MSC3852 on as this test expects"
    config.write_text(text.replace(MSC3852_LINE, ""))
    monkeypatch.setattr(fixtures.homeserver, "SYNAPSE_DIR", template)
    runner = ProcessHomeserver(tmp_path / "hs")
    try:
        yield runner.start()
    finally:
        runner.stop()
        discard_data(tmp_path / "hs")


def test_seed_command_says_device_details_cannot_be_shown_where_the_server_hides_user_agents(
        server_without_user_agents, tmp_path):
    hs = server_without_user_agents
    proc = subprocess.Popen([sys.executable, "-m", "fixtures", "seed", "--unverified", "2", "--json",
                             "--artifacts", str(tmp_path / "artifacts"), "--homeserver-url", hs.base_url,
                             f"--registration-secret={hs.registration_secret}"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said = []
    try:
        line = proc.stdout.readline()
        assert line, f"no JSON line; stderr: {proc.stderr.read() if proc.poll() is not None else '(running)'}"
        summary = json.loads(line)
        while not said or not said[-1].startswith("Up until Ctrl-C"):  # the human summary, on stderr
            said.append(proc.stderr.readline())
            assert said[-1], f"stderr ended early: {''.join(said)}"
    finally:
        proc.send_signal(signal.SIGTERM)
        _, rest = proc.communicate(timeout=30)
    err = "".join(said) + rest
    assert proc.returncode == 0, err
    assert summary["user_agents_reported"] is False
    assert "Device details cannot be shown" in err and UA_FIELD in err
    # Seeding still worked: the sessions are there, and the server simply does not say their agents.
    login = httpx.post(f"{hs.base_url}/_matrix/client/v3/login", json={
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": summary["user_id"]},
        "password": summary["password"]}).json()
    devices = {d["device_id"]: d for d in _devices(hs.base_url, login["access_token"]).values()}
    seeded_ids = {s["device_id"] for s in summary["sessions"]}
    assert len(seeded_ids) == 2 and seeded_ids <= set(devices)
    assert all(UA_FIELD not in d for d in devices.values())
    assert [s["device"] for s in summary["sessions"]] == list(REALISTIC_MIX[:2])
