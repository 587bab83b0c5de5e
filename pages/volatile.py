"""Parts of the page that change from run to run (times, device ids, IPs): masked in pictures."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

_VOLATILE_TEST_IDS = (
    "device-metadata-lastActivity",
    "device-metadata-lastSeenIp",
    "device-metadata-deviceId",
    "device-metadata-inactive",
    "device-detail-metadata-session",
)


def volatile_parts(page: Page) -> list[Locator]:
    return [page.get_by_test_id(t) for t in _VOLATILE_TEST_IDS] + [
        page.locator(".mx_UserMenu_contextMenu_userId"),
        page.get_by_text(r"/@[\w.=-]*-harness-[\w.=-]+:\S+/"),
    ]
