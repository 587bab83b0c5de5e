"""An accessibility audit reads a still page. Element fades a tooltip in under the pointer after a
delay (the Settings dialog opens under it), and axe read the half-faded colours once, a contrast
violation no still page has: a harness artefact reported as Element's. The audit now notes any
transition or animation that runs during it and audits again once the page is still. Checked in
Chromium on a page whose tooltip starts fading in just as axe starts, so the moment is the test's."""

from __future__ import annotations

import pytest

from report import a11y_audit

# White on near-black: far above 4.5:1 once shown; a third of the way in, over white, far below.
PAGE = """
<main>
  <p>Profile</p>
  <div id="tip" style="opacity: 0.3; background: #1b1d22; color: #ffffff; padding: 4px;
                       transition: opacity 1.5s linear">Add a photo so people know it's you.</div>
</main>
<script>
  // The fade starts when axe is first asked to run, once: the audit is under way.
  let axe, wrapped = false;
  Object.defineProperty(window, 'axe', {configurable: true, set: real => { axe = real; }, get: () => {
    if (axe && axe.run && !wrapped) {  // axe defines run after it sets window.axe
      const run = axe.run.bind(axe);
      axe.run = (...args) => {
        if (!window.faded) { window.faded = true; document.getElementById('tip').style.opacity = '1'; }
        return run(...args);
      };
      wrapped = true;
    }
    return axe;
  }});
</script>
"""


@pytest.fixture
def page_of(chromium_browser):
    """A new page in a context of its own showing the given HTML; closed after the test."""
    contexts = []

    def open_page(html: str):
        contexts.append(chromium_browser.new_context())
        page = contexts[-1].new_page()
        page.set_content(html)
        return page
    yield open_page
    for context in contexts:
        context.close()


def contrast_targets(audits: list[dict]) -> list[str]:
    return [n["html"] for scope in audits for v in scope["violations"] if v["rule"] == "color-contrast"
            for n in v["nodes"]]


def test_a_single_axe_run_during_the_fade_reads_half_faded_colours(page_of):
    """The control: the page reproduces the artefact when axe runs once, as the audit used to."""
    page = page_of(PAGE)
    page.evaluate(a11y_audit._axe_source())  # noqa: SLF001: the audit's own axe
    said = page.evaluate(a11y_audit._RUN_AXE, a11y_audit.WHERE)  # noqa: SLF001
    assert said["moved"] is True
    assert any("Add a photo" in html for html in contrast_targets(said["audits"])), said["audits"]


def test_the_audit_waits_for_the_fade_and_finds_no_contrast_violation(page_of, caplog):
    caplog.set_level("INFO", logger=a11y_audit.__name__)
    page = page_of(PAGE)
    audits = a11y_audit.audit(page)
    assert contrast_targets(audits) == []
    assert page.evaluate("getComputedStyle(document.getElementById('tip')).opacity") == "1"
    assert "the page moved during it" in caplog.text  # audited again, and said so


def test_a_still_page_is_audited_once(page_of, caplog):
    caplog.set_level("INFO", logger=a11y_audit.__name__)
    audits = a11y_audit.audit(page_of('<main><p style="color: #aaaaaa">Low contrast, and still</p></main>'))
    assert any("Low contrast" in html for html in contrast_targets(audits))  # a real violation stays
    assert "moved" not in caplog.text
