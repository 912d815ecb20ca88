"""`erfakit lab` as a tovholder who has never used Jupyter meets it: the forms, not code.

The real command (`erfakit lab MØDEFIL --no-browser`), opened at the address it prints, and nothing
clicked: the meeting notebook has run by itself, the side bars are folded away, the larger text is
applied, JupyterLab has chosen Danish and shows no news pop-up.
"""

from __future__ import annotations

from pathlib import Path

import meetingpage as m
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPEN_TIMEOUT_MS = 120_000
SIZES = ({"width": 1600, "height": 900}, {"width": 1280, "height": 720})


def test_erfakit_lab_opens_with_the_forms_shown_larger_text_danish_and_no_news(
    english_page, start_lab, tmp_path: Path, screenshots: Path, blocked_requests
):
    page = english_page
    from erfakit.demo import prepare_demo

    session_path = prepare_demo(tmp_path / "lab-newcomer", filled=False)
    lab = start_lab(session_path)

    page.goto(lab.page_url)
    # Nobody runs anything: the kit's extension does, once the kernel answers.
    expect(page.locator(".erfakit-header")).to_be_visible(timeout=OPEN_TIMEOUT_MS)
    first_field = page.locator(".erfakit-since-boligsocial textarea")
    expect(first_field).to_be_visible()
    m.assert_no_bug_shown(page)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

    # The code stays folded: no editor is shown, only the collapsed inputs.
    assert page.locator(".jp-Notebook .cm-editor:visible").count() == 0
    # The side bars are folded away, so the notebook has the width of the screen.
    expect(page.locator("#jp-left-stack")).to_be_hidden()

    # The larger text of erfakit/lab/overrides.json is really applied (not only a default in Settings).
    sizes = page.evaluate(
        """() => {
          const root = getComputedStyle(document.documentElement);
          return {content: root.getPropertyValue('--jp-content-font-size1').trim(),
                  ui: root.getPropertyValue('--jp-ui-font-size1').trim()};
        }"""
    )
    assert sizes == {"content": "18px", "ui": "15px"}

    # No news pop-up: JupyterLab asks at once when it has started; the forms came long after.
    expect(page.locator(".jp-toast-message, .Toastify__toast")).to_have_count(0)

    # Danish is chosen, whatever the browser's language (this one is English). The Danish language
    # pack translates only a few dozen of JupyterLab's strings: the menus themselves stay English.
    assert page.evaluate("document.documentElement.lang") == "da-DK"

    for size in SIZES:
        page.set_viewport_size(size)
        expect(first_field).to_be_visible()
        page.screenshot(path=screenshots / f"lab-newcomer-{size['width']}x{size['height']}.png")

    # What is typed is on disk, as in the app.
    m.type_text(first_field, "Første ord i JupyterLab")
    m.wait_for_file(session_path, lambda s: s.since_last.get("boligsocial") == "Første ord i JupyterLab", "typed text")
    assert blocked_requests == [], f"JupyterLab tried to reach the network: {blocked_requests}"
