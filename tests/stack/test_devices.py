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

import fixtures.stack.homeserver
from fixtures.matrix.devices import DEVICES, REALISTIC_MIX, USER_AGENTS
from fixtures.stack.homeserver import ProcessHomeserver, discard_data
from fixtures.matrix.seed import Seeder, SessionSpec

REPO = Path(__file__).resolve().parents[2]
UA_FIELD = "org.matrix.msc3852.last_seen_user_agent"
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


@pytest.fixture
def server_without_user_agents(tmp_path, monkeypatch):
    """A Synapse from our template with MSC3852 off: it never reports user agents."""
    template = tmp_path / "synapse"
    shutil.copytree(fixtures.stack.homeserver.SYNAPSE_DIR, template)
    config = template / "homeserver.yaml"
    text = config.read_text()
    assert MSC3852_LINE in text, "the template no longer turns MSC3852 on as this test expects"
    config.write_text(text.replace(MSC3852_LINE, ""))
    monkeypatch.setattr(fixtures.stack.homeserver, "SYNAPSE_DIR", template)
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
