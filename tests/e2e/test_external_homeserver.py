"""A whole run against an external homeserver (--homeserver-url): the harness deactivates every
user it made there."""

from __future__ import annotations

import os

import httpx

from fixtures.matrix import matrix_client
from fixtures.matrix.accounts import LOCALPART_MARK
from tests.harness_run import run_pytest


def test_a_run_against_an_external_homeserver_deactivates_its_users(homeserver, tmp_path):
    admin_name = f"admin{LOCALPART_MARK}{os.getpid()}"
    matrix_client.register_user(homeserver.base_url, homeserver.registration_secret, admin_name, "admin-pw",
                                admin=True)
    admin = matrix_client.login(homeserver.base_url, admin_name, "admin-pw")

    def harness_users() -> dict[str, bool]:
        r = httpx.get(f"{homeserver.base_url}/_synapse/admin/v2/users",
                      params={"name": LOCALPART_MARK, "deactivated": "true", "limit": 1000},
                      headers={"Authorization": f"Bearer {admin.access_token}"})
        r.raise_for_status()
        return {u["name"]: u["deactivated"] for u in r.json()["users"]}

    before = harness_users()
    run = run_pytest("features", "-q", "-k", "first_letter", "--homeserver-url", homeserver.base_url,
                     f"--registration-secret={homeserver.registration_secret}", "--artifacts", str(tmp_path),
                     timeout=300)
    assert run.returncode == 0, run.output
    made = {name: gone for name, gone in harness_users().items() if name not in before}
    assert made and all(made.values()), made
