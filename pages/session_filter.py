"""The filter on the grey bar of Other sessions: "Show: All" and its four options."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from fixtures.matrix.server_view import FILTERS
from pages.vocabulary import Vocabulary

# The ids Element gives the options of the guide's filters
# (found by id, so the words the report compares with the guide are read, never assumed).
_OPTION_ID = {"All": "ALL", "Verified": "Verified", "Unverified": "Unverified", "Inactive": "Inactive"}
_OPTION_TEST_ID = "filter-option-"  # + the id: the test id on each option's content
_log = logging.getLogger(__name__)
# A click the page moved under is made again, at most this often (SessionFilter.choose).
_CHOICE_ATTEMPTS = 3
# Which option the browser delivers the next click to (its Element id), noted before Element's
# own handlers run; the page is only watched, never changed.
_NOTE_CLICKED_OPTION = """(prefix) => {
    window.__harnessClickedOption = null;
    document.addEventListener("click", (event) => {
        const inner = event.target.closest("[role=option]")?.querySelector(`[data-testid^='${prefix}']`);
        window.__harnessClickedOption = inner ? inner.dataset.testid.slice(prefix.length) : null;
    }, {capture: true, once: true});
}"""
_NO_RESULTS_FIELD = {"Verified": "no_verified_sessions", "Unverified": "no_unverified_sessions",
                     "Inactive": "no_inactive_sessions"}


@dataclass(frozen=True)
class FilterOption:
    element_id: str             # Element's id for the option: ALL, Verified, Unverified, Inactive
    label: str
    description: str | None

    @property
    def guide_name(self) -> str | None:
        """Which of the guide's filters this option is, by Element's id for it."""
        return next((name for name, oid in _OPTION_ID.items() if oid == self.element_id), None)


class SessionFilter:
    """What the user does with the filter: open it, read its options, choose one, clear it."""

    def __init__(self, page: Page, words: Vocabulary, section: Locator):
        self.page, self.words = page, words
        self.button = section.get_by_role("button", name=words.filter_button, exact=True)
        self.listbox = section.get_by_role("listbox")
        self.options = self.listbox.get_by_role("option")
        self.no_results = section.locator(".mx_FilteredDeviceList_noResults")
        self.show_all_button = section.get_by_test_id("devices-clear-filter-btn")

    @staticmethod
    def _check(name: str) -> str:
        if name not in FILTERS:
            raise ValueError(f"no filter {name!r}; the guide's filters are {', '.join(FILTERS)}")
        return name

    def option_label(self, name: str) -> str:
        """The label Element shows for one of the guide's filters (All, Verified, ...), read from
        its option (the filter opens if it is closed)."""
        self._open_if_closed()
        label = self.option(name).locator(".mx_FilterDropdown_optionLabel")
        expect(label).to_be_visible()
        return label.inner_text().strip()

    def no_results_message(self, name: str) -> str:
        return getattr(self.words, _NO_RESULTS_FIELD[self._check(name)])

    def option(self, name: str) -> Locator:
        return self.options.filter(has=self.page.get_by_test_id(_OPTION_TEST_ID + _OPTION_ID[self._check(name)]))

    def _open_if_closed(self) -> None:
        if not self.listbox.is_visible():
            self.button.click()
            expect(self.listbox).to_be_visible()

    # -- what the user does ----------------------------------------------------------------
    def open(self) -> list[FilterOption]:
        """Open the filter; the options it offers, in order, with their Element ids and words."""
        self.button.click()
        expect(self.listbox).to_be_visible()
        expect(self.options.first).to_be_visible()
        return [self._read(option) for option in self.options.all()]

    @staticmethod
    def _read(option: Locator) -> FilterOption:
        """One option of the open filter: Element's id for it, and its words."""
        inner = option.locator(f"[data-testid^='{_OPTION_TEST_ID}']")
        label = inner.locator(".mx_FilterDropdown_optionLabel").inner_text().strip()
        description = inner.locator(".mx_FilterDropdown_optionDescription")
        return FilterOption(inner.get_attribute("data-testid").removeprefix(_OPTION_TEST_ID), label,
                            description.inner_text().strip() if description.count() else None)

    def choose(self, name: str) -> None:
        """Click the option, as the user does. Element's list sits inside the filter's own button,
        so Playwright's check that a click lands on its target cannot tell one option from
        another, and Element may re-lay the tab out just then (a device list it asked for at boot
        arriving). So the page reports which option the browser delivered the click to: when that
        was another option, the page moved under the pointer and the choice is made again; when
        it was this one, what Element then shows as chosen is Element's answer and is judged."""
        for attempt in range(1, _CHOICE_ATTEMPTS + 1):
            self._open_if_closed()
            label = self.option_label(name)
            self.page.evaluate(_NOTE_CLICKED_OPTION, _OPTION_TEST_ID)
            self.option(name).click()
            clicked = self.page.evaluate("() => window.__harnessClickedOption")
            if clicked == _OPTION_ID[name] or attempt == _CHOICE_ATTEMPTS:
                break
            _log.info("the click aimed at the %r option reached %r: the page moved under it; choosing again",
                      name, clicked)
        expect(self.listbox).to_be_hidden()
        self.expect_chosen_label(label)

    def show_all(self) -> str:
        """Click the way back to All an empty result offers; returns its label."""
        expect(self.show_all_button).to_be_visible()
        label = self.show_all_button.inner_text().strip()
        self.show_all_button.click()
        expect(self.no_results).to_be_hidden()
        return label

    # -- what the user sees ----------------------------------------------------------------
    def expect_chosen(self, name: str) -> None:
        """The closed filter names the chosen option, in the option's own words: "Show: Unverified"."""
        label = self.option_label(name)
        expect(self.option(name).locator(".mx_FilterDropdown_optionSelectedIcon")).to_be_visible()
        self.button.press("Escape")  # close it again; the user only looked
        expect(self.listbox).to_be_hidden()
        self.expect_chosen_label(label)

    def chosen_option(self) -> FilterOption:
        """The option the filter marks as chosen (its check mark, not its id or words), read with
        its words; the filter is closed again, as the user found it."""
        self._open_if_closed()
        chosen = self.options.filter(has=self.page.locator(".mx_FilterDropdown_optionSelectedIcon"))
        expect(chosen).to_have_count(1)
        option = self._read(chosen)
        self.button.press("Escape")
        expect(self.listbox).to_be_hidden()
        return option

    def expect_chosen_label(self, label: str) -> None:
        expect(self.button).to_have_accessible_description(self.words.filter_chosen.format(label=label))

    def expect_no_results(self, name: str) -> str:
        """An empty filter says so; returns what it says."""
        expect(self.no_results).to_contain_text(self.no_results_message(name))
        return self.no_results.inner_text().replace(self.words.show_all, "").strip()
