"""The seed against the real Synapse, read back with plain HTTP and independent crypto checks."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import tempfile
import sys
import time
from pathlib import Path

import httpx
import nacl.signing
import pytest
from signedjson.key import decode_verify_key_bytes
from signedjson.sign import verify_signed_json

from tests.processes import processes_mentioning
from tests.secret_storage_reference import key_check_mac, recovery_key_bytes, ssss_decrypt, unb64
from fixtures.matrix.seed import SessionSpec, Seeder

REPO = Path(__file__).resolve().parents[2]
DAY_MS = 86_400_000


@pytest.fixture
def seeded(homeserver, account):
    helper = account.login(display_name="helper")
    specs = [
        SessionSpec(name="Signed phone", state="verified", pusher=True),
        SessionSpec(name="Plain laptop", state="unverified"),
        SessionSpec(name="Old tablet", state="unverified", inactive_days=91),
        SessionSpec(name="Recent-ish", state="no-keys", inactive_days=89),
        SessionSpec(name="Desktop app", state="no-keys", client="Element Desktop", client_version="1.11.85",
                    ip="203.0.113.9"),
    ]
    return Seeder(homeserver, account).seed(specs, helper=helper), helper


def _get(helper, path: str, **kw) -> dict:
    r = httpx.request(kw.pop("method", "GET"), helper.base_url + path,
                      headers={"Authorization": f"Bearer {helper.access_token}"}, **kw)
    r.raise_for_status()
    return r.json()


def test_devices_have_the_asked_ages_and_names(seeded):
    result, helper = seeded
    devices = {d["display_name"]: d for d in _get(helper, "/_matrix/client/v3/devices")["devices"]}
    now = time.time() * 1000
    assert set(devices) == {"helper", "Signed phone", "Plain laptop", "Old tablet", "Recent-ish", "Desktop app"}
    assert 91 <= (now - devices["Old tablet"]["last_seen_ts"]) / DAY_MS < 91.1
    assert 89 <= (now - devices["Recent-ish"]["last_seen_ts"]) / DAY_MS < 89.1
    assert (now - devices["Plain laptop"]["last_seen_ts"]) < DAY_MS
    assert devices["Desktop app"]["last_seen_ip"] == "203.0.113.9"
    for name in ("Signed phone", "Plain laptop", "Old tablet"):
        assert devices[name]["last_seen_ip"].startswith(("198.51.100.", "203.0.113."))


def test_verified_sessions_carry_the_self_signing_signature_and_others_do_not(seeded):
    result, helper = seeded
    user = result.account.user_id
    keys = _get(helper, "/_matrix/client/v3/keys/query", method="POST", json={"device_keys": {user: []}})
    ssk = keys["self_signing_keys"][user]
    (ssk_id, ssk_pub), = ssk["keys"].items()
    master = keys["master_keys"][user]
    (master_id, master_pub), = master["keys"].items()
    verify_signed_json(ssk, user, decode_verify_key_bytes(master_id, unb64(master_pub)))
    ssk_verify = decode_verify_key_bytes(ssk_id, unb64(ssk_pub))
    by_name = {s.display_name: s.device_id for s in result.sessions}
    devices = keys["device_keys"][user]
    verify_signed_json(devices[by_name["Signed phone"]], user, ssk_verify)
    assert ssk_id not in devices[by_name["Plain laptop"]]["signatures"][user]
    assert by_name["Recent-ish"] not in devices  # no-keys: nothing uploaded


def test_recovery_key_opens_secret_storage_holding_the_master_key(seeded):
    result, helper = seeded
    user = result.account.user_id
    key = recovery_key_bytes(result.recovery_key)
    default = _get(helper, f"/_matrix/client/v3/user/{user}/account_data/m.secret_storage.default_key")["key"]
    description = _get(helper, f"/_matrix/client/v3/user/{user}/account_data/m.secret_storage.key.{default}")
    assert description["algorithm"] == "m.secret_storage.v1.aes-hmac-sha2"
    assert key_check_mac(key, unb64(description["iv"])) == unb64(description["mac"])
    stored = _get(helper, f"/_matrix/client/v3/user/{user}/account_data/m.cross_signing.master")
    seed = unb64(ssss_decrypt(key, "m.cross_signing.master", stored["encrypted"][default]).decode())
    keys = _get(helper, "/_matrix/client/v3/keys/query", method="POST", json={"device_keys": {user: []}})
    (master_pub,) = keys["master_keys"][user]["keys"].values()
    public = nacl.signing.SigningKey(seed).verify_key.encode()
    assert base64.b64encode(public).decode().rstrip("=") == master_pub


def test_pusher_belongs_to_its_own_session_and_is_enabled(seeded):
    result, helper = seeded
    phone = result.by_name("Signed phone")
    pushers = _get(helper, "/_matrix/client/v3/pushers")["pushers"]
    assert len(pushers) == 1
    (pusher,) = pushers
    assert pusher["org.matrix.msc3881.device_id"] == phone.device_id
    assert pusher["org.matrix.msc3881.enabled"] is True
    assert pusher["data"]["url"].startswith("http://127.0.0.1:")
    assert pusher["data"]["url"].endswith("/_matrix/push/v1/notify")


def test_client_information_is_account_data_for_that_device(seeded):
    result, helper = seeded
    desktop = result.by_name("Desktop app")
    info = _get(helper, f"/_matrix/client/v3/user/{result.account.user_id}/account_data/"
                        f"io.element.matrix_client_information.{desktop.device_id}")
    assert info == {"name": "Element Desktop", "version": "1.11.85"}


def _run_seed(*args: str, tmpdir: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)  # to see every temporary file it makes
    return subprocess.Popen([sys.executable, "-m", "fixtures", "seed", *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_seed_command_with_a_bad_spec_starts_nothing(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("sessions:\n  - state: verified\n  - state: sideways\n")
    proc = _run_seed("--spec", str(spec))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "sessions[1].state: 'sideways'" in err and str(spec) in err
    assert out == ""


def test_seed_command_against_an_external_server_refuses_inactive_sessions(homeserver, tmp_path):
    proc = _run_seed("--inactive", "1", "--artifacts", str(tmp_path), "--homeserver-url", homeserver.base_url,
                     f"--registration-secret={homeserver.registration_secret}")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "need the harness's last-seen module" in err and "external" in err


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_seed_command_prints_credentials_and_stops_everything_on_a_signal(tmp_path, sig):
    outside = Path(tempfile.mkdtemp(prefix="out-", dir="/tmp"))  # short: see test_faults
    proc = _run_seed("--verified", "1", "--unverified", "1", "--no-keys", "1", "--inactive", "1",
                     "--push", "1", "--json", "--artifacts", str(tmp_path), tmpdir=outside)
    try:
        first = json.loads(proc.stdout.readline())
    except json.JSONDecodeError:
        proc.kill()
        pytest.fail(f"no JSON line; stderr: {proc.stderr.read()}")
    assert {"homeserver_url", "element_url", "user_id", "password", "recovery_key", "sessions"} <= set(first)
    assert [s["state"] for s in first["sessions"]] == ["verified", "unverified", "no-keys", "unverified"]
    assert first["sessions"][0]["pusher"] is True
    # The credentials work, and the server shows exactly the seeded sessions (the seeder logged out).
    login = httpx.post(f"{first['homeserver_url']}/_matrix/client/v3/login", json={
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": first["user_id"]},
        "password": first["password"]}).json()
    devices = httpx.get(f"{first['homeserver_url']}/_matrix/client/v3/devices",
                        headers={"Authorization": f"Bearer {login['access_token']}"}).json()["devices"]
    assert {d["device_id"] for d in devices} == {s["device_id"] for s in first["sessions"]} | {login["device_id"]}
    assert processes_mentioning(str(tmp_path)), "its Synapse should be running while it is up"
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert proc.returncode == 0
    assert processes_mentioning(str(tmp_path)) == []
    with pytest.raises(httpx.TransportError):
        httpx.get(first["homeserver_url"] + "/health", timeout=2)
    with pytest.raises(httpx.TransportError):
        httpx.get(first["element_url"], timeout=2)
    # Only the server's logs stay behind, as artifacts.
    left = {p.name for p in (tmp_path / "seed-homeserver").iterdir()}
    assert left and all(name.endswith(".log") for name in left), left
    assert list(outside.iterdir()) == []  # no temporary file outside the artifacts
    outside.rmdir()
