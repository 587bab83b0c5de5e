"""The settings dialog and its vertical tab list."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from pages.vocabulary import Vocabulary

_PX = 1  # rounding: boxes a pixel apart are aligned


@dataclass(frozen=True)
class Box:
    """An element's box on the page, in CSS pixels (Playwright's bounding box)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def centre_x(self) -> float:
        return self.x + self.width / 2


def box_of(element: Locator) -> Box:
    expect(element).to_be_visible()
    return Box(**element.bounding_box())


@dataclass(frozen=True)
class NavigationLayout:
    """Where the dialog, its tab list, the tabs and the open tab's panel are drawn."""

    dialog: Box
    tab_list: Box
    tabs: tuple[Box, ...]
    panel: Box

    def vertical(self) -> bool:
        """Two tabs or more, one under the other: same left edge, each below the one before."""
        pairs = list(zip(self.tabs, self.tabs[1:]))
        return bool(pairs) and all(abs(b.x - a.x) <= _PX and b.y >= a.bottom - _PX for a, b in pairs)

    def on_the_left(self) -> bool:
        """The list's middle in the dialog's left half, the list left of the panel it opens tabs in.
        (Element draws the list a few pixels out over the dialog's edge: its middle is what counts.)"""
        return (self.dialog.x <= self.tab_list.centre_x < self.dialog.centre_x
                and self.tab_list.right <= self.panel.x + _PX)


class SettingsDialog:
    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        self.root = page.get_by_role("dialog")
        self.tab_list = self.root.get_by_role("tablist")
        self.tabs = self.root.get_by_role("tab")
        self.selected_tab = self.root.get_by_role("tab", selected=True)
        self.close_button = self.root.get_by_role("button", name=words.close_dialog)

    def close(self) -> None:
        self.close_button.click()
        expect(self.tab_list).to_be_hidden()

    def expect_open(self) -> None:
        expect(self.tab_list).to_be_visible()

    def selected_tab_name(self) -> str:
        expect(self.selected_tab).to_have_count(1)
        return self.selected_tab.inner_text().strip()

    def expect_first_tab_selected(self) -> str:
        """The tab the dialog opened on is the first in the list, by position; returns its name."""
        expect(self.tabs.first).to_have_attribute("aria-selected", "true")
        expect(self.selected_tab).to_have_count(1)
        return self.tabs.first.inner_text().strip()

    def tab_names(self) -> list[str]:
        expect(self.tabs.first).to_be_visible()
        return [t.strip() for t in self.tabs.all_inner_texts()]

    def navigation_layout(self) -> NavigationLayout:
        """The boxes of the dialog, its tab list, each tab, and the panel the selected tab controls
        (found by the tab's aria-controls: Element's panel has no role)."""
        expect(self.selected_tab).to_have_count(1)
        panel = self.root.locator(f"[id='{self.selected_tab.get_attribute('aria-controls')}']")
        return NavigationLayout(box_of(self.root), box_of(self.tab_list),
                                tuple(box_of(tab) for tab in self.tabs.all()), box_of(panel))

    def open_tab(self, name: str) -> None:
        self.root.get_by_role("tab", name=name, exact=True).click()
        expect(self.selected_tab).to_have_text(name)
