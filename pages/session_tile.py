"""One session in the list (a device tile) and its expanded details."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from pages.vocabulary import Vocabulary


class SessionDetails:
    """The details under a tile: heading with Rename, metadata, push toggle, sign out."""

    def __init__(self, page: Page, words: Vocabulary, device_id: str):
        self.words = words
        self.root = page.get_by_test_id(f"device-detail-{device_id}")
        self.heading = self.root.get_by_test_id("device-detail-heading")
        self.name = self.heading.get_by_role("heading")
        self.rename_button = self.root.get_by_test_id("device-heading-rename-cta")
        self.rename_input = self.root.get_by_test_id("device-rename-input")
        self.rename_save = self.root.get_by_test_id("device-rename-submit-cta")
        self.rename_cancel = self.root.get_by_test_id("device-rename-cancel-cta")
        self.rename_error = self.root.get_by_test_id("device-rename-error")
        self.session_metadata = self.root.get_by_test_id("device-detail-metadata-session")
        self.application_metadata = self.root.get_by_test_id("device-detail-metadata-application")
        self.push_section = self.root.get_by_test_id("device-detail-push-notification")
        self.push_switch = self.root.get_by_test_id("device-detail-push-notification-checkbox")
        self.push_heading = self.push_section.locator(".mx_DeviceDetails_sectionHeading")
        self.sign_out_button = self.root.get_by_test_id("device-detail-sign-out-cta")
        self.verify_button = self.root.get_by_role("button", name=words.verify_session)

    def expect_open(self) -> None:
        expect(self.root).to_be_visible()

    def expect_name(self, name: str) -> None:
        expect(self.name).to_have_text(name)

    def session_id(self) -> str:
        return self.metadata_value(self.words.session_id)

    def sign_out_label(self) -> str:
        expect(self.sign_out_button).to_be_visible()
        return self.sign_out_button.inner_text().strip()

    def metadata_value(self, label: str) -> str:
        row = self.root.get_by_role("row").filter(has=self.root.page.get_by_role("cell", name=label, exact=True))
        expect(row).to_have_count(1)
        return row.get_by_role("cell").nth(1).inner_text().strip()

    def expect_application_name(self) -> str:
        """The Application table's Name, waiting for it: a session whose application is known
        must show it."""
        row = self.application_metadata.get_by_role("row").filter(
            has=self.root.page.get_by_role("cell", name=self.words.details_application_name, exact=True))
        expect(row).to_have_count(1)
        return row.get_by_role("cell").nth(1).inner_text().strip()

    def shown_name(self) -> str:
        expect(self.name).to_be_visible()
        return self.name.inner_text().strip()

    def offered_labels(self) -> dict[str, str]:
        """The words on the three offers: sign out, rename, and the push toggle's heading."""
        for control in (self.sign_out_button, self.rename_button, self.push_switch):
            expect(control).to_be_visible()
        return {
            "sign_out": self.sign_out_button.inner_text().strip(),
            "rename": self.rename_button.inner_text().strip(),
            # The heading's own text, without its <small> subheading.
            "push": self.push_heading.evaluate("p => p.firstChild.textContent").strip(),
        }

    def start_rename(self) -> None:
        self.rename_button.click()
        expect(self.rename_input).to_be_visible()

    def type_new_name(self, name: str) -> None:
        """Rename in progress: the form is open with the new name typed, not saved yet."""
        self.start_rename()
        self.rename_input.fill(name)
        expect(self.rename_input).to_have_value(name)

    def save_name(self) -> None:
        name = self.rename_input.input_value()
        self.rename_save.click()
        expect(self.rename_input).to_be_hidden()
        expect(self.name).to_have_text(name)

    def rename_to(self, name: str) -> None:
        self.type_new_name(name)
        self.save_name()

    def push_enabled(self) -> bool:
        """The toggle's checked state (a switch: role and aria-checked), never its words."""
        expect(self.push_switch).to_have_role("switch")
        return self.push_switch.is_checked()

    def expect_push(self, enabled: bool) -> None:
        expect(self.push_switch).to_have_role("switch")
        expect(self.push_switch).to_be_checked(checked=enabled)

    def sign_out(self) -> None:
        """"Sign out of this session": Element then asks first, then wants the password."""
        expect(self.sign_out_button).to_be_visible()
        self.sign_out_button.click()

    def toggle_push(self) -> bool:
        """Flip the push toggle; returns the new state once the page shows it."""
        before = self.push_enabled()
        self.push_switch.click()
        expect(self.push_switch).to_be_checked(checked=not before)
        return not before


class SessionTile:
    def __init__(self, page: Page, words: Vocabulary, device_id: str):
        self.page, self.words, self.device_id = page, words, device_id
        self.root = page.get_by_test_id(f"device-tile-{device_id}")
        self.name = self.root.get_by_role("heading")
        self.verification = self.root.get_by_test_id("device-metadata-isVerified")
        self.inactive = self.root.get_by_test_id("device-metadata-inactive")
        self.last_activity = self.root.get_by_test_id("device-metadata-lastActivity")
        self.details_toggle = self.root.get_by_role("button", name=words.show_details)
        # Visually hidden checkbox: its label is what a person clicks.
        self.checkbox = page.get_by_test_id(f"device-tile-checkbox-{device_id}")
        # The box itself, not the whole label: the label wraps the tile, whose click expands it.
        self.checkbox_box = page.locator(f"label[for='device-tile-checkbox-{device_id}'] .mx_Checkbox_background")
        self.details = SessionDetails(page, words, device_id)

    def open_details(self) -> SessionDetails:
        self.details_toggle.click()
        self.details.expect_open()
        return self.details

    def expect_name(self, name: str) -> None:
        expect(self.name).to_have_text(name)

    def expect_verified(self, verified: bool) -> None:
        expect(self.verification).to_have_text(self.words.verified if verified else self.words.unverified)

    def is_verified(self) -> bool:
        text = self.verification.inner_text().strip()
        return text == self.words.verified

    def tick(self) -> None:
        self.checkbox_box.click()
        expect(self.checkbox).to_be_checked()

    def untick(self) -> None:
        self.checkbox_box.click()
        expect(self.checkbox).not_to_be_checked()


# Every session's tile, by its test id (device-tile-<device id>), not the tile's checkbox.
TILES = "[data-testid^='device-tile-']:not([data-testid^='device-tile-checkbox-'])"


def device_ids_in(container: Locator) -> list[str]:
    """The device ids of the tiles shown in a list, in the order they are shown."""
    ids = container.locator(TILES)
    return [t.removeprefix("device-tile-") for t in
            (ids.nth(i).get_attribute("data-testid") for i in range(ids.count()))]


def record_detail_offers(offered: dict[str, str], record) -> None:
    """The three offers of a session's details, in the page's words, beside the guide's; each must
    have words (the controls themselves were found by test id)."""
    for key, label in {"sign_out_this_session": offered["sign_out"], "rename": offered["rename"],
                       "push_heading": offered["push"]}.items():
        assert label, f"the {key} control has no words"
        record(key, label)
