"""What Element shows about a session's device: the tile's device-type icon and the details'
Device table (Model, Operating system, Browser), for the current session and other sessions alike.

Element draws both from the user agent the homeserver reports for the session (MSC3852):
DeviceTypeIcon (an icon with an accessible label per device type) and DeviceDetails' table
data-testid="device-detail-metadata-device", whose rows are label and value cells; rows with no
value are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

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


SIGN_OUT_DIALOG, RENAME_EDITOR = "the sign-out dialog", "the rename editor"


@dataclass(frozen=True)
class ButtonEffect:
    """One button of a session's details: its words, read from the page, and what clicking it opened."""

    label: str
    opens: str             # SIGN_OUT_DIALOG or RENAME_EDITOR


class DetailButtons:
    """The two buttons of a session's details that the guide names by what they do: one signs the
    session out (Element asks first, in a dialog), one renames it (an editor in place). Found by
    Element's test ids; which is which is seen by clicking each and closing what it opened, unused."""

    def __init__(self, page: Page, words: Vocabulary, device_id: str):
        details = page.get_by_test_id(f"device-detail-{device_id}")
        self.sign_out_button = details.get_by_test_id("device-detail-sign-out-cta")
        self.rename_button = details.get_by_test_id("device-heading-rename-cta")
        self.name = details.get_by_test_id("device-detail-heading").get_by_role("heading")
        self.rename_editor = details.get_by_test_id("device-rename-input")
        self.rename_cancel = details.get_by_test_id("device-rename-cancel-cta")
        # A dialog over the settings (theirs has the tab list) asking about signing out, in any of
        # Element's forms: other sessions' question, or the current session's LogoutDialog.
        titles = "|".join(re.escape(t) for t in (words.sign_out_question_title, words.logout_confirm,
                                                  words.logout_lose_keys_title))
        self.sign_out_dialog = page.get_by_role("dialog").filter(has_not=page.get_by_role("tablist")).filter(
            has=page.get_by_role("heading", name=re.compile(f"^({titles})$")))
        self.close_dialog = self.sign_out_dialog.get_by_role("button", name=words.close_dialog, exact=True)

    def shown_name(self) -> str:
        expect(self.name).to_be_visible()
        return self.name.inner_text().strip()

    def effects(self) -> list[ButtonEffect]:
        """What each button opens, with its words; each is closed again unused. The rename button
        goes first: closing the current session's sign-out dialog (a static modal in Element)
        closes the settings with it."""
        effects = []
        for button in (self.rename_button, self.sign_out_button):
            expect(button, f"the details are gone after {effects}").to_be_visible()
            effects.append(self._try(button))
        return effects

    def _try(self, button: Locator) -> ButtonEffect:
        label, name = button.inner_text().strip(), self.shown_name()
        button.click()
        opened = self.sign_out_dialog.or_(self.rename_editor)
        expect(opened, f"the button reading {label!r} opened neither {SIGN_OUT_DIALOG} nor {RENAME_EDITOR}"
               ).to_be_visible()
        if self.rename_editor.is_visible():
            self.rename_cancel.click()
            expect(self.rename_editor).to_be_hidden()
            expect(self.name).to_have_text(name)  # a cancelled rename keeps the name
            return ButtonEffect(label, RENAME_EDITOR)
        self.close_dialog.click()
        expect(self.sign_out_dialog).to_be_hidden()
        return ButtonEffect(label, SIGN_OUT_DIALOG)
