"""What the server says the account's other sessions are: cross-signed or not, idle for how long.

Shared by the filter and recommendation steps (a plain module, not a step plugin), so both
compute the sessions a filter or recommendation concerns the same way, from the server.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pages.session_filter import FILTERS

# The guide: "Inactive: Inactive for 90 days or longer".
GUIDE_INACTIVE_DAYS = 90
DAY_MS = 86_400_000


# -- the server's truth ----------------------------------------------------------------------
@dataclass(frozen=True)
class ServerSession:
    """One of the account's other sessions, as the server has it."""

    device_id: str
    cross_signed: bool        # its device keys carry the account's self-signing signature
    idle_days: float | None   # since last_seen_ts; None when the server has no time

    @property
    def inactive(self) -> bool:
        return self.idle_days is not None and self.idle_days >= GUIDE_INACTIVE_DAYS


@dataclass(frozen=True)
class ServerView:
    browser_cross_signed: bool   # Element trusts other sessions' signatures only when its own is signed
    others: dict[str, ServerSession]

    def verified(self, s: ServerSession) -> bool:
        return self.browser_cross_signed and s.cross_signed

    def matching(self, name: str) -> set[str]:
        """The other sessions one of the guide's filters should list."""
        if name not in FILTERS:
            raise ValueError(f"no filter {name!r}; the guide's filters are {', '.join(FILTERS)}")
        keep = {"All": lambda s: True, "Verified": self.verified,
                "Unverified": lambda s: not self.verified(s), "Inactive": lambda s: s.inactive}[name]
        return {d for d, s in self.others.items() if keep(s)}


def server_view(user) -> ServerView:
    """GET /devices (last_seen_ts) and /keys/query (cross-signing signatures), browser's token."""
    user_id = user.account.user_id
    with user.api() as api:
        devices = api.devices()
        keys = api.query_keys([user_id])
    now_ms = time.time() * 1000
    self_signing = set((keys.get("self_signing_keys", {}).get(user_id, {}).get("keys") or {}))
    device_keys = keys.get("device_keys", {}).get(user_id, {})

    def cross_signed(device_id: str) -> bool:
        signatures = device_keys.get(device_id, {}).get("signatures", {}).get(user_id, {})
        return bool(self_signing & set(signatures))

    others = {}
    for d in devices:
        if d["device_id"] == user.session.device_id:
            continue
        seen = d.get("last_seen_ts")
        others[d["device_id"]] = ServerSession(d["device_id"], cross_signed(d["device_id"]),
                                               (now_ms - seen) / DAY_MS if seen else None)
    return ServerView(cross_signed(user.session.device_id), others)


def expected_for(user, name: str) -> set[str]:
    """What a filter should list, from the server; the server must agree with what was seeded."""
    view = server_view(user)
    found = view.matching(name)
    if user.seeded is not None:
        seeded = user.seeded
        by_seed = {
            "All": seeded.device_ids(),
            "Verified": seeded.device_ids(state="verified") if view.browser_cross_signed else set(),
            "Unverified": seeded.device_ids() - (seeded.device_ids(state="verified")
                                                 if view.browser_cross_signed else set()),
            "Inactive": seeded.device_ids(inactive=True),
        }[name]
        assert found == by_seed, f"{name}: the server has {sorted(found)}, the seed made {sorted(by_seed)}"
    return found
