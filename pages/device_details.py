"""What Element shows about a session's device: the tile's device-type icon and the details'
Device table (Model, Operating system, Browser), for the current session and other sessions alike.

Element draws both from the user agent the homeserver reports for the session (MSC3852):
DeviceTypeIcon (an icon with an accessible label per device type) and DeviceDetails' table
data-testid="device-detail-metadata-device", whose rows are label and value cells; rows with no
value are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect

from pages.vocabulary import Vocabulary



@dataclass(frozen=True)
class ShownDevice:
    """What the page showed, in its own words."""

    type_label: str
    model: str | None
    operating_system: str | None
    browser: str | None


class DeviceOnPage:
    """One session's device as shown: its tile (in the Current or Other sessions section) and its
    details, which must be open for the table to be read."""

    def __init__(self, page: Page, words: Vocabulary, device_id: str):
        self.words, self.device_id = words, device_id
        tile = page.get_by_test_id(f"device-tile-{device_id}")
        # The device-type icon (beside it, the verification badge). Found by its class, not its
        # role: our build's SVG components (element/build.mjs) keep aria-hidden="true" beside the
        # role="img" and aria-label Element passes, so the label is outside the accessibility tree.
        self.type_icon = tile.locator("svg.mx_DeviceTypeIcon_deviceIcon")
        self.details = page.get_by_test_id(f"device-detail-{device_id}")
        self.device_table = self.details.get_by_test_id("device-detail-metadata-device")

    def type_label(self) -> str:
        expect(self.type_icon).to_have_count(1)
        label = self.type_icon.get_attribute("aria-label")
        assert label, f"the device-type icon of {self.device_id} has no accessible label"
        return label

    def expect_type_label(self, label: str) -> None:
        expect(self.type_icon).to_have_attribute("aria-label", label)

    def device_rows(self) -> dict[str, str]:
        """The Device table's rows, label: value (its heading row aside)."""
        expect(self.details).to_be_visible()
        expect(self.device_table).to_be_visible()
        rows = self.device_table.locator("tbody tr")
        found = {}
        for i in range(rows.count()):
            cells = rows.nth(i).get_by_role("cell")
            expect(cells).to_have_count(2)
            found[cells.nth(0).inner_text().strip()] = cells.nth(1).inner_text().strip()
        return found

    def shown(self) -> ShownDevice:
        rows = self.device_rows()
        return ShownDevice(self.type_label(), rows.get(self.words.details_model),
                          rows.get(self.words.details_operating_system), rows.get(self.words.details_browser))
