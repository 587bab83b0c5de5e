"""The avatar top left and the menu it opens."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from pages.vocabulary import Vocabulary

# The avatar as a whole: Element's test id marks it, or (up to 3.73) the coloured image under its
# letter, whose parent (mx_BaseAvatar) holds both.
_AVATAR_ROOT = "e => e.closest('.mx_BaseAvatar') || e"

# What the avatar looks like, read from the browser: the guide's "coloured circle". The colour is
# the avatar's own background, or an image of one flat colour under the letter (Element's colour
# disc up to 3.73); any other image (or one the page may not read) is a picture. The shape is read
# from what paints the colour.
_AVATAR_LOOK = """async e => {
    const root = (""" + _AVATAR_ROOT + """)(e);
    let painter = root, background = getComputedStyle(root).backgroundColor;
    let hasImage = getComputedStyle(root).backgroundImage !== 'none';
    const transparent = c => !c || c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
    for (const img of root.querySelectorAll('img')) {
        let flat = null;
        try {
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            const same = data.every((v, i) => v === data[i % 4]);
            if (same && data.length && data[3] === 255) flat = `rgb(${data[0]}, ${data[1]}, ${data[2]})`;
        } catch (err) { flat = null; }
        if (flat && transparent(background)) { background = flat; painter = img; } else { hasImage = true; }
    }
    const style = getComputedStyle(painter);
    const box = painter.getBoundingClientRect();
    // A radius may be a length or a percentage of the box: in pixels either way.
    const r = style.borderTopLeftRadius.split(' ')[0];
    const radius = r.endsWith('%') ? parseFloat(r) / 100 * box.width : parseFloat(r) || 0;
    return {letter: root.innerText.trim(), width: box.width, height: box.height, radius: radius,
            radiusText: style.borderTopLeftRadius, background: background, hasImage: hasImage};
}"""


# Where the avatar is drawn, and the window it is drawn in (CSS pixels).
_AVATAR_PLACE = """e => {
    const box = (""" + _AVATAR_ROOT + """)(e).getBoundingClientRect();
    return {left: box.left, top: box.top, right: box.right, bottom: box.bottom,
            windowWidth: window.innerWidth, windowHeight: window.innerHeight};
}"""


@dataclass(frozen=True)
class AvatarPlace:
    """The avatar's box in the window, from the window's top-left corner (CSS pixels)."""

    left: float
    top: float
    right: float
    bottom: float
    window_width: float
    window_height: float

    def within_top_left(self, fraction: float) -> bool:
        """Wholly inside the window's top-left corner: `fraction` of its width and of its height."""
        return (0 <= self.left < self.right <= self.window_width * fraction
                and 0 <= self.top < self.bottom <= self.window_height * fraction)


@dataclass(frozen=True)
class AvatarLook:
    letter: str
    width: float
    height: float
    radius: float          # the corner radius in pixels
    radius_text: str       # as the style says it
    background: str
    has_image: bool

    @property
    def round(self) -> bool:
        """A circle: square box, corners rounded by half its side (or a 50% radius)."""
        square = abs(self.width - self.height) < 1
        return square and self.radius >= self.width / 2 - 0.5

    @property
    def filled(self) -> bool:
        """A colour behind the letter: neither transparent nor white."""
        return self.background not in ("", "transparent", "rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")


class UserMenu:
    def __init__(self, page: Page, words: Vocabulary):
        self.page, self.words = page, words
        self.button = page.get_by_role("button", name=words.user_menu_button)
        self.avatar = self.button.get_by_test_id("avatar-img")
        self.menu = page.get_by_role("menu")
        self.items = self.menu.get_by_role("menuitem")
        self.display_name = self.menu.locator(".mx_UserMenu_contextMenu_displayName")

    def avatar_look(self) -> AvatarLook:
        """The letter and the shape the avatar shows now."""
        expect(self.avatar).to_be_visible()
        facts = self.avatar.evaluate(_AVATAR_LOOK)
        return AvatarLook(letter=facts["letter"], width=facts["width"], height=facts["height"],
                          radius=facts["radius"], radius_text=facts["radiusText"],
                          background=facts["background"], has_image=facts["hasImage"])

    def avatar_place(self) -> AvatarPlace:
        """Where the avatar is in the window now."""
        expect(self.avatar).to_be_visible()
        facts = self.avatar.evaluate(_AVATAR_PLACE)
        return AvatarPlace(facts["left"], facts["top"], facts["right"], facts["bottom"],
                           facts["windowWidth"], facts["windowHeight"])

    def open(self) -> None:
        self.button.click()
        expect(self.menu).to_be_visible()

    def choose_from_open_or_new_menu(self, label: str) -> None:
        """Pick an item, opening the menu first unless the user already has it open."""
        if not self.menu.is_visible():
            self.open()
        self.choose(label)

    def close(self) -> None:
        self.page.keyboard.press("Escape")
        expect(self.menu).to_be_hidden()

    def expect_display_name(self, name: str) -> None:
        """With the menu open: its header names the user as the server does (the profile has
        loaded, so the avatar beside it has too)."""
        expect(self.display_name).to_have_text(name)

    def item(self, label: str) -> Locator:
        return self.menu.get_by_role("menuitem", name=label)

    def item_labels(self) -> list[str]:
        expect(self.items.first).to_be_visible()
        return [label.strip() for label in self.items.all_inner_texts()]

    def choose(self, label: str) -> None:
        self.item(label).click()
