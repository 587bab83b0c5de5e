"""A documented state is pictured once per run and recorded for every scenario that reaches it;
a failure's picture is taken every time (report/pictures.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from report.pictures import PICTURES_DIR, picture


class CountingPage:
    def __init__(self):
        self.shots = 0

    def screenshot(self, path, **_options):
        self.shots += 1
        path.write_bytes(b"png %d" % self.shots)

    def get_by_test_id(self, _test_id):  # the volatile parts to mask: pages/volatile.py
        return None

    def locator(self, _selector):
        return None

    def get_by_text(self, _text):
        return None


def _scenario(config, page):
    return SimpleNamespace(config=config, getfixturevalue=lambda name: {"page": page}[name],
                           node=SimpleNamespace(user_properties=[]))


@pytest.fixture
def config(tmp_path):
    stash = pytest.Stash()
    stash[PICTURES_DIR] = tmp_path / "screenshots"
    return SimpleNamespace(stash=stash)


def test_a_state_reached_again_keeps_its_picture_and_is_still_recorded(config):
    page = CountingPage()
    first, second = _scenario(config, page), _scenario(config, page)
    picture(first, "filter-Verified", ("G17",), retake=False)
    picture(second, "filter-Verified", ("G17",), retake=False)
    assert page.shots == 1
    for scenario in (first, second):
        assert scenario.node.user_properties == [("picture", {
            "name": "filter-Verified", "path": "screenshots/filter-Verified.png", "guide_ids": ["G17"]})]


def test_a_missing_file_is_pictured_again(config):
    page = CountingPage()
    picture(_scenario(config, page), "filter-Verified", ("G17",), retake=False)
    (config.stash[PICTURES_DIR] / "filter-Verified.png").unlink()
    picture(_scenario(config, page), "filter-Verified", ("G17",), retake=False)
    assert page.shots == 2


def test_a_retake_is_the_default(config):
    page = CountingPage()
    for _ in range(2):
        picture(_scenario(config, page), "failed-some-scenario", ("G9",))
    assert page.shots == 2
