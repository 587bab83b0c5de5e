"""The Gherkin tables of other sessions, read into seed specs: a plain module, so that step
modules and tests share it without importing a step plugin."""

from __future__ import annotations

import re

from fixtures.matrix.seed import SessionSpec

TABLE_COLUMNS = {"name": "name", "state": "state", "inactive days": "inactive_days", "pusher": "pusher",
                 "client": "client", "client version": "client_version", "ip": "ip",
                 "idle for": "last_seen_minutes_ago", "device": "device", "user agent": "user_agent"}
# The pusher column: a pusher the server has on, one it has off (MSC3881), or none.
PUSHER_CELLS = {"yes": {"pusher": True}, "on": {"pusher": True},
                "off": {"pusher": True, "pusher_enabled": False}, "no": {"pusher": False}}
IDLE_FOR = re.compile(r"(?P<days>\d+) days?(?: (?P<sign>[+-]) (?P<minutes>\d+) minutes?)?")


def idle_minutes(cell: str) -> int:
    """'90 days + 1 minute' -> 129601: the boundary cases of the Inactive filter, to the minute."""
    match = IDLE_FOR.fullmatch(cell)
    if not match:
        raise ValueError(f"idle for: {cell!r} is not like '90 days' or '90 days - 1 minute'")
    minutes = int(match["minutes"] or 0) * (-1 if match["sign"] == "-" else 1)
    return int(match["days"]) * 1440 + minutes


def pusher_cell(cell: str) -> dict:
    try:
        return PUSHER_CELLS[cell.lower()]
    except KeyError:
        raise ValueError(f"pusher: {cell!r} is not one of {', '.join(PUSHER_CELLS)}") from None


def specs_from_table(datatable: list[list[str]]) -> list[SessionSpec]:
    """A Gherkin table (header row first) of other sessions -> seed specs. Blank cells mean default."""
    header, *rows = datatable
    unknown = [h for h in header if h.strip() not in TABLE_COLUMNS]
    if unknown:
        raise ValueError(f"unknown session table column {unknown[0]!r}; known: {', '.join(TABLE_COLUMNS)}")
    specs = []
    for row in rows:
        raw = {}
        for head, cell in zip(header, row):
            field, cell = TABLE_COLUMNS[head.strip()], cell.strip()
            if not cell:
                continue
            if field == "inactive_days":
                raw[field] = int(cell)
            elif field == "last_seen_minutes_ago":
                raw[field] = idle_minutes(cell)
            elif field == "pusher":
                raw.update(pusher_cell(cell))
            else:
                raw[field] = cell
        specs.append(SessionSpec.from_dict(raw, f"table row {len(specs) + 1}"))
    return specs
