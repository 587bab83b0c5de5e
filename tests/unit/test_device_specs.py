"""Seeded sessions' devices without a server: the user agents are what their clients send, bad
devices are refused, and Element's own code reads every device as the harness expects. On the real
Synapse: tests/stack/test_devices.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from fixtures.matrix.devices import DEVICES, REALISTIC_MIX, USER_AGENTS
from fixtures.matrix.element_user_agent import element_reading
from fixtures.matrix.seed import SpecError, parse_specs, specs_from_counts
from steps.session_tables import specs_from_table

REPO = Path(__file__).resolve().parents[2]
ELEMENT_SDK = REPO / "element" / "node_modules" / "matrix-react-sdk"


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
