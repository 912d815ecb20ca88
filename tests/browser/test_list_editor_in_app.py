"""The list editor on the real page (app mode, Chromium): after "Slet" nothing is selected, and
editing is a mode the tovholder can see, with its own "Annullér" and nothing else to choose meanwhile."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import meetingpage as m
import pytest
from playwright.sync_api import expect

from erfakit.core.model import Origin

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_START_TIMEOUT_MS = 120_000


def test_an_agreement_is_only_edited_after_it_was_chosen_and_editing_shows_as_a_mode(
    page, start_app, tmp_path: Path, screenshots: Path
):
    from erfakit.demo import prepare_demo

    session_path = prepare_demo(tmp_path / "editor-meeting", filled=False)
    page.goto(start_app(session_path).page_url)  # the printed address, with its token
    expect(page.locator(".erfakit-app")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    # Øvelse 1 is built when first shown (its composition charts take a while on a busy machine).
    page.locator("button.erfakit-nav-ovelse1").first.click()
    expect(m.within(page, "ovelse1").locator(".erfakit-agreements-ovelse1")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    third = dataclasses.replace(m.AGREEMENTS[0], text="Vi laver en plakat om beboerdemokratiet til opgangene.")
    for agreement in (*m.AGREEMENTS, third):
        m.add_agreement(page, "ovelse1", agreement)
    editor = m.within(page, "ovelse1").locator(".erfakit-agreements-ovelse1")
    listing = editor.locator(".erfakit-agreement-list select")

    listing.select_option(index=2)
    editor.locator("button.erfakit-agreement-delete").click()
    expect(listing).not_to_contain_text(third.text[:25])
    expect(listing).to_have_js_property("selectedIndex", -1)
    editor.locator("button.erfakit-agreement-edit").click()
    expect(editor.locator(".erfakit-message .erfakit-error")).to_contain_text("Vælg først en aftale")
    expect(editor.locator("button.erfakit-agreement-add")).to_have_text("Tilføj aftale")

    listing.select_option(index=1)
    editor.locator("button.erfakit-agreement-edit").click()
    expect(editor.locator("button.erfakit-agreement-add")).to_have_text("Gem ændring")
    expect(editor.locator(".erfakit-agreement-text textarea")).to_have_value(m.AGREEMENTS[1].text)
    expect(editor.locator(".erfakit-agreement-editing")).to_contain_text(m.AGREEMENTS[1].text[:25])
    expect(editor.locator("button.erfakit-agreement-cancel")).to_be_visible()
    expect(listing).to_be_disabled()
    for action in ("edit", "delete", "undo"):
        expect(editor.locator(f"button.erfakit-agreement-{action}")).to_be_disabled()
    m.shoot(page, screenshots, "app-editor-1600-editing", editor, above=80)
    page.set_viewport_size({"width": 1280, "height": 720})
    m.shoot(page, screenshots, "app-editor-1280-editing", editor, above=80)
    page.locator("button.erfakit-large-text").first.click()
    expect(page.locator(".erfakit-part-ovelse1.erfakit-large")).to_be_visible()
    m.shoot(page, screenshots, "app-editor-1280-large-editing", editor, above=80)

    editor.locator("button.erfakit-agreement-cancel").click()
    # The kernel may first redraw the charts for large text.
    expect(editor.locator("button.erfakit-agreement-add")).to_have_text("Tilføj aftale", timeout=m.UI_TIMEOUT_MS)
    expect(editor.locator("button.erfakit-agreement-cancel")).to_be_hidden()
    expect(listing).to_be_enabled()
    expect(listing).to_have_js_property("selectedIndex", -1)
    expect(editor.locator(".erfakit-agreement-text textarea")).to_have_value("")
    saved = m.wait_for_file(
        session_path,
        lambda s: [a.text for a in s.agreements if a.origin == Origin.OVELSE1] == [a.text for a in m.AGREEMENTS],
        "the two agreements left after the delete, unchanged",
    )
    assert saved.display.large_text
