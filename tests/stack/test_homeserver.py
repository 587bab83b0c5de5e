"""The homeserver fixture against a real Synapse: start, register, log in, stop cleanly, fail clearly."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
import yaml

from fixtures.matrix import matrix_client
from fixtures.matrix.accounts import LOCALPART_MARK
from fixtures.stack.homeserver import HomeserverError, ProcessHomeserver, external_homeserver, free_port
from fixtures.stack.options import OptionError, StackOptions
from tests.harness_run import run_pytest



def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def test_started_server_answers_and_reports_synapse(homeserver):
    assert homeserver.base_url.startswith("http://127.0.0.1:")
    versions = httpx.get(f"{homeserver.base_url}/_matrix/client/versions").json()["versions"]
    assert "v1.11" in versions or versions, versions
    assert homeserver.version.startswith("Synapse 1.150.0")  # requirements.txt's pin


def test_registration_makes_no_session_and_login_makes_one(account):
    assert LOCALPART_MARK in account.localpart
    first = account.login(display_name="First laptop")
    api = first.client()
    devices = api.devices()
    # Registration used inhibit_login: the only device is the one /login just made.
    assert [d["device_id"] for d in devices] == [first.device_id]
    assert devices[0]["display_name"] == "First laptop"
    assert api.whoami()["device_id"] == first.device_id


def test_uia_password_flow_deletes_a_device(account):
    keeper, doomed = account.login(), account.login()
    api = keeper.client()
    with pytest.raises(matrix_client.MatrixError) as wrong:
        api.delete_device(doomed.device_id, account.user_id, "not-the-password")
    assert wrong.value.errcode == "M_FORBIDDEN"
    api.delete_device(doomed.device_id, account.user_id, account.password)
    assert doomed.device_id not in {d["device_id"] for d in api.devices()}
    assert matrix_client.token_error(account.base_url, doomed.access_token) == "M_UNKNOWN_TOKEN"


def test_rendered_config_is_loopback_only_with_rate_limits_off(homeserver):
    config = yaml.safe_load((homeserver.log_path.parent / "homeserver.yaml").read_text())
    assert config["listeners"][0]["bind_addresses"] == ["127.0.0.1"]
    assert config["trusted_key_servers"] == []
    assert config["rc_login"]["failed_attempts"]["per_second"] >= 1000
    assert "ui_auth" not in config  # Element's password prompt must appear
    assert config["experimental_features"] == {
        "msc3881_enabled": True, "msc3391_enabled": True, "msc3890_enabled": True, "msc3852_enabled": True}


def test_stop_leaves_no_process_behind(tmp_path):
    runner = ProcessHomeserver(tmp_path / "hs")
    server = runner.start()
    pgid = runner.proc.pid
    assert _group_alive(pgid)
    runner.stop()
    assert not _group_alive(pgid)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{server.base_url}/health", timeout=2)


def test_dead_server_is_named_with_its_log(tmp_path):
    runner = ProcessHomeserver(tmp_path / "hs")
    server = runner.start()
    runner.stop()
    with pytest.raises(HomeserverError) as dead:
        server.check_alive()
    message = str(dead.value)
    assert "homeserver (process)" in message and server.base_url in message
    assert "Last lines of its log" in message and "synapse" in message.lower()


def test_broken_config_fails_with_the_mode_and_log_tail(tmp_path, monkeypatch):
    import fixtures.stack.homeserver as hs_module
    bad_template = tmp_path / "synapse"
    bad_template.mkdir()
    (bad_template / "homeserver.yaml").write_text(
        (hs_module.SYNAPSE_DIR / "homeserver.yaml").read_text() + "\nnot_a_real_option_block: [\n")
    (bad_template / "log.config").write_text((hs_module.SYNAPSE_DIR / "log.config").read_text())
    (bad_template / "modules").symlink_to(hs_module.SYNAPSE_DIR / "modules")
    monkeypatch.setattr(hs_module, "SYNAPSE_DIR", bad_template)
    runner = ProcessHomeserver(tmp_path / "hs")
    with pytest.raises(HomeserverError) as failed:
        runner.start()
    assert "mode process" in str(failed.value)
    assert "Last lines of" in str(failed.value)
    assert runner.proc is None


def test_bad_homeserver_url_is_a_clear_error():
    closed = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(HomeserverError, match="no Matrix homeserver answers there"):
        external_homeserver(closed, "secret")
    with pytest.raises(OptionError, match="--homeserver-url: 'localhost:8008' is not a http/https URL"):
        StackOptions.parse(homeserver=None, homeserver_url="localhost:8008", registration_secret="s",
                           element_url=None, browser_path=None)
    with pytest.raises(OptionError, match="--homeserver: 'foo' is not one of"):
        StackOptions.parse(homeserver="foo", homeserver_url=None, registration_secret=None,
                           element_url=None, browser_path=None)


def test_external_mode_works_against_a_running_server(homeserver):
    # The embedded server, reached the way a user's own server would be.
    server = external_homeserver(homeserver.base_url, homeserver.registration_secret)
    user_id = matrix_client.register_user(server.base_url, server.registration_secret,
                                          f"ext{LOCALPART_MARK}check", "pw-ext-check")
    assert user_id.startswith(f"@ext{LOCALPART_MARK}check:")
    with pytest.raises(matrix_client.MatrixError, match="is the registration secret right"):
        matrix_client.register_user(server.base_url, "wrong-secret", f"x{LOCALPART_MARK}x", "pw")


def test_pytest_refuses_a_bad_homeserver_url_before_running_anything():
    closed = f"http://127.0.0.1:{free_port()}"
    run = run_pytest("features", "-q", "-p", "no:randomly", "--homeserver-url", closed, "--registration-secret", "x",
                     timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"--homeserver-url {closed}: no Matrix homeserver answers there" in output


def test_deactivating_a_harness_account_ends_its_sessions_and_login(homeserver):
    from fixtures.matrix.accounts import create_account, deactivate_account

    account = create_account(homeserver)
    session = account.login()
    deactivate_account(account)
    assert matrix_client.token_error(account.base_url, session.access_token) == "M_UNKNOWN_TOKEN"
    with pytest.raises(matrix_client.MatrixError) as refused:
        account.login()
    assert refused.value.errcode in ("M_FORBIDDEN", "M_USER_DEACTIVATED")


def test_concurrent_workers_build_the_database_snapshot_once(tmp_path, monkeypatch):
    import threading

    from fixtures.stack import db_snapshot

    builds = []
    real_start = ProcessHomeserver.start

    def counting_start(self, *args, **kwargs):
        builds.append(self.data_dir)
        return real_start(self, *args, **kwargs)

    monkeypatch.setattr(ProcessHomeserver, "start", counting_start)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "homeserver-0000000000000000.db").write_bytes(b"another Synapse's")
    found: list[Path] = []
    workers = [threading.Thread(target=lambda: found.append(db_snapshot.database_snapshot(tmp_path / "cache")))
               for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(builds) == 1 and len(set(found)) == 1 and len(found) == 3
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [found[0].name, "snapshot.lock"]
    runner = ProcessHomeserver(tmp_path / "hs", template_db=found[0])
    try:
        server = runner.start()  # starts from the snapshot and works
        matrix_client.register_user(server.base_url, server.registration_secret, f"snap{LOCALPART_MARK}x", "pw-snap-1")
        assert matrix_client.login(server.base_url, f"snap{LOCALPART_MARK}x", "pw-snap-1")
    finally:
        runner.stop()
