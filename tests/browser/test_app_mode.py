"""The meeting in app mode (`erfakit app`, Voilà): the same forms, no code anywhere on the page."""

from __future__ import annotations

from pathlib import Path

import meetingpage as m
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_START_TIMEOUT_MS = 120_000
CODE_SNIPPETS = ("import ", "session_path =", "erfakit.ui", "open_meeting(")


def test_app_mode_shows_forms_without_code_saves_what_is_typed_and_stays_offline(
    page, start_app, tmp_path: Path, screenshots: Path, blocked_requests
):
    from erfakit.demo import prepare_demo

    session_path = prepare_demo(tmp_path / "app-meeting", filled=False)
    app = start_app(session_path)

    page.goto(app.page_url)
    expect(page.locator(".erfakit-app")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    expect(page.locator(".erfakit-header")).to_be_visible()
    m.assert_no_bug_shown(page)
    page.screenshot(path=screenshots / "app-00-start.png")
    # A Danish page named after the meeting (screen readers, tabs, the window list on a projector).
    assert page.evaluate("document.documentElement.lang") == "da"
    assert page.title() == "Møde – Afdeling 7 – Lærkeparken"

    assert page.locator(".jp-InputArea, .jp-InputArea-editor, .cm-editor").count() == 0, "app mode shows code cells"
    shown = page.locator("body").inner_text()
    leaked = [snippet for snippet in CODE_SNIPPETS if snippet in shown]
    assert leaked == [], f"app mode shows code: {leaked}"

    m.fill_velkommen(page)
    question = "o1.a.role"
    m.fill_answers(page, "ovelse1", {question: m.ANSWERS[question]})
    m.add_agreement(page, "ovelse1", m.AGREEMENTS[0])
    m.shoot(page, screenshots, "app-01-ovelse1-agreement", page.locator(".erfakit-agreements-ovelse1"), above=120)

    on_disk = m.wait_for_file(
        session_path,
        lambda s: (
            s.answers.get(question) == m.ANSWERS[question] and any(a.text == m.AGREEMENTS[0].text for a in s.agreements)
        ),
        "the answer and the agreement typed in app mode",
    )
    assert {f: on_disk.since_last.get(f) for f in m.SINCE_LAST} == m.SINCE_LAST

    # The tovholder reloads the page: Voilà starts a new kernel while the old one still holds the
    # file; it is the same tab, so the file is taken back without a question, on the part she was on.
    page.reload()
    expect(page.locator(".erfakit-part-ovelse1 .erfakit-agreements-ovelse1")).to_be_visible(
        timeout=APP_START_TIMEOUT_MS
    )
    expect(page.locator("button.erfakit-nav-ovelse1")).to_have_class(m.re_class("erfakit-nav-current"))
    assert page.locator(".erfakit-lock-message").count() == 0
    m.shoot(page, screenshots, "app-02-after-reload")
    screen = m.go_to(page, "velkommen")
    for function, value in m.SINCE_LAST.items():
        expect(screen.locator(f".erfakit-since-{function.value} textarea")).to_have_value(value)
    screen = m.go_to(page, "ovelse1")
    expect(screen.locator(f".erfakit-answer-{m.css_id(question)} textarea")).to_have_value(m.ANSWERS[question])
    later = "o1.a.how"
    m.type_text(screen.locator(f".erfakit-answer-{m.css_id(later)} textarea"), m.ANSWERS[later])
    m.wait_for_file(
        session_path,
        lambda s: s.answers.get(later) == m.ANSWERS[later] and s.answers.get(question) == m.ANSWERS[question],
        "an answer typed after taking over, next to the earlier one",
    )
    # The meeting room may have no internet: the page must not even ask (no CDN fonts or scripts).
    assert blocked_requests == [], f"app mode tried to reach the network: {blocked_requests}"


def test_app_mode_a_second_tab_that_takes_over_stops_the_first_from_overwriting(
    context, start_app, tmp_path: Path, screenshots: Path
):
    from erfakit.demo import prepare_demo
    from erfakit.io.meeting_file.document import load_session

    session_path = prepare_demo(tmp_path / "two-tabs", filled=False)
    app = start_app(session_path)
    drift = ".erfakit-since-drift textarea"

    first = context.new_page()
    first.goto(app.page_url)
    expect(first.locator(drift)).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    m.type_text(first.locator(drift), "Skrevet i første faneblad")
    m.wait_for_file(
        session_path, lambda s: s.since_last.get("drift") == "Skrevet i første faneblad", "the first tab's text"
    )

    second = context.new_page()  # another tab: asked, calmly, with the safe choice as the primary button
    second.goto(app.url + "/")
    expect(second.locator(".erfakit-lock-message")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    expect(second.locator(".erfakit-lock-message details")).not_to_have_attribute("open", "")
    expect(second.locator("button.erfakit-lock-read-only")).to_have_class(m.re_class("mod-primary"))
    m.shoot(second, screenshots, "app-03-second-tab-lock-question")
    second.locator("button.erfakit-lock-take-over").click(timeout=APP_START_TIMEOUT_MS)
    expect(second.locator(drift)).to_have_value("Skrevet i første faneblad")
    m.type_text(second.locator(drift), "Skrevet i andet faneblad")
    m.wait_for_file(
        session_path, lambda s: s.since_last.get("drift") == "Skrevet i andet faneblad", "the second tab's text"
    )

    first.bring_to_front()
    m.type_text(first.locator(drift), "For sent fra første faneblad")
    expect(first.locator(".erfakit-save-error")).not_to_be_empty(timeout=10_000)
    m.shoot(first, screenshots, "app-04-first-tab-after-take-over", first.locator(".erfakit-header"))
    assert load_session(session_path).since_last["drift"] == "Skrevet i andet faneblad"
