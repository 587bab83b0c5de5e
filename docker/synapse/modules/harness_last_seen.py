"""Test-only Synapse module: set when a device was last seen.

No Matrix API sets a device's last-seen time, yet the guide's Inactive filter (90 days or more)
depends on it. Synapse batches token activity in memory and flushes it to the `devices` table
every few seconds, so a plain database write made too early is overwritten. This module drops
the device's pending activity and writes the row through Synapse's own database pool, which
works on SQLite and Postgres alike and needs no waiting.

It reaches into Synapse internals (the client-ips store), so the Synapse version stays pinned.
The endpoint is guarded by a per-run secret and is only ever loaded on throw-away servers.

    POST /_harness/v1/last_seen
    Authorization: Bearer <secret>
    {"user_id": "@u:hs", "device_id": "ABC", "last_seen_ts": 1700000000000,
     "ip": "203.0.113.7", "user_agent": "Mozilla/5.0 ..."}          (ip, user_agent optional)
"""

from __future__ import annotations

import hmac
from typing import Any

from synapse.module_api import DirectServeJsonResource, ModuleApi
from synapse.module_api.errors import SynapseError
from synapse.http.servlet import parse_json_object_from_request


class LastSeenModule:
    def __init__(self, config: dict[str, Any], api: ModuleApi):
        self._secret = config["secret"]
        api.register_web_resource("/_harness/v1/last_seen", _LastSeenResource(self._secret, api))

    @staticmethod
    def parse_config(config: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(config, dict) or not config.get("secret"):
            raise Exception("harness_last_seen needs a non-empty 'secret'")
        return config


class _LastSeenResource(DirectServeJsonResource):
    def __init__(self, secret: str, api: ModuleApi):
        super().__init__()
        self._secret = secret
        # Internal store: the module API offers no way to touch device activity.
        self._store = api._store  # noqa: SLF001

    async def _async_render_POST(self, request):  # noqa: N802 (Twisted naming)
        header = (request.getHeader("Authorization") or "").removeprefix("Bearer ")
        if not hmac.compare_digest(header.encode(), self._secret.encode()):
            raise SynapseError(403, "bad harness secret", "M_FORBIDDEN")
        body = parse_json_object_from_request(request)
        try:
            user_id, device_id = body["user_id"], body["device_id"]
            last_seen = int(body["last_seen_ts"])
        except (KeyError, TypeError, ValueError) as e:
            raise SynapseError(400, f"missing or bad field: {e}", "M_BAD_JSON") from e

        store = self._store
        # Forget activity not yet flushed, or the next flush would overwrite our write.
        pending = store._batch_row_update  # noqa: SLF001
        for key in [k for k, v in pending.items() if k[0] == user_id and v[1] == device_id]:
            del pending[key]

        values: dict[str, Any] = {"last_seen": last_seen}
        if body.get("ip"):
            values["ip"] = body["ip"]
        if body.get("user_agent"):
            values["user_agent"] = body["user_agent"]
        updated = await store.db_pool.simple_update(
            table="devices",
            keyvalues={"user_id": user_id, "device_id": device_id},
            updatevalues=values,
            desc="harness_set_last_seen",
        )
        if not updated:
            raise SynapseError(404, f"no device {device_id} for {user_id}", "M_NOT_FOUND")
        return 200, {"user_id": user_id, "device_id": device_id, **values}
