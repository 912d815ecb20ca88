"""Never lose a word in app mode (`erfakit app`, Voilà, Chromium): a killed kernel, an orderly end
(a kernel shutdown, SIGTERM to `erfakit app`), a half-typed date, half an emoji pasted, and Danish
dates in an English browser."""

from __future__ import annotations

import datetime as dt
import json
import signal
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import meetingpage as m
import neverlose as n
import psutil
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_START_TIMEOUT_MS = 120_000


def newest_kernel(server) -> psutil.Process:
    """The kernel Voilà started last for this server (the open page's)."""
    kernels = [
        process
        for process in psutil.Process(server.process.pid).children(recursive=True)
        if "ipykernel" in " ".join(process.cmdline())
    ]
    assert kernels, "the app runs no kernel"
    return max(kernels, key=lambda process: process.create_time())


def open_app(page, start_app, folder: Path) -> tuple[Path, object]:
    from erfakit.demo import prepare_demo

    session_path = prepare_demo(folder, filled=False)
    server = start_app(session_path)
    page.goto(server.page_url)
    expect(page.locator(".erfakit-since-drift textarea")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    expect(page.locator(".erfakit-save-state")).to_contain_text("Alt er gemt", timeout=m.UI_TIMEOUT_MS)
    return session_path, server


def test_typing_across_a_killed_kernel_loses_nothing_after_a_reload(page, start_app, tmp_path, screenshots):
    session_path, server = open_app(page, start_app, tmp_path / "kill")
    fields = n.fields_to_type()
    kernel = newest_kernel(server)
    killed_at = n.type_across_a_kill(page, lambda: kernel.send_signal(signal.SIGKILL), fields)
    n.assert_banner_and_no_saved_claim(page, killed_at)
    m.shoot(page, screenshots, "app-10-kernel-killed-banner")

    # Reloaded by the same tab: no question, the same part, and every character back in the file.
    page.reload()
    expect(page.locator(".erfakit-part-ovelse3 .erfakit-topics-meet-about textarea")).to_have_value(
        fields[-1].text, timeout=APP_START_TIMEOUT_MS
    )
    assert page.locator(".erfakit-lock-message").count() == 0
    expect(page.locator(".erfakit-restore-notice")).to_contain_text("Sat ind igen fra browseren")
    n.assert_every_character_in_file(session_path, fields)
    expect(page.locator(".erfakit-connection-banner")).to_be_hidden()
    expect(page.locator(".erfakit-save-state")).to_contain_text("Gemt", timeout=m.UI_TIMEOUT_MS)
    m.shoot(page, screenshots, "app-11-after-reload-restored")
    for typed in fields:
        screen = m.go_to(page, typed.part)
        expect(screen.locator(typed.selector)).to_have_value(typed.text)
    assert page.evaluate("() => Object.keys(localStorage).filter(k => !k.endsWith('#view'))") == []


def test_a_half_typed_agreement_comes_back_into_its_field_after_a_kill_and_a_reload(page, start_app, tmp_path):
    # An agreement being typed is not in the meeting file until "Tilføj aftale": only the browser has it.
    from erfakit.io.meeting_file.document import load_session

    session_path, server = open_app(page, start_app, tmp_path / "draft")
    screen = m.go_to(page, "ovelse1")
    words = "Driften og beboerne mødes hver anden uge – skrevet, ikke tilføjet endnu"
    kernel = newest_kernel(server)
    n.type_like_a_person(page, screen.locator(".erfakit-agreement-text textarea"), words)
    kernel.send_signal(signal.SIGKILL)
    expect(page.locator(".erfakit-connection-banner")).to_be_visible(timeout=10_000)
    page.reload()
    expect(page.locator(".erfakit-nav-ovelse1").first).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    screen = m.go_to(page, "ovelse1")
    expect(screen.locator(".erfakit-agreement-text textarea")).to_have_value(words, timeout=m.UI_TIMEOUT_MS)
    # Put back into the field, not added behind the tovholder's back.
    assert all(agreement.text != words for agreement in load_session(session_path).agreements)


def test_an_orderly_kernel_shutdown_just_after_a_keystroke_keeps_it(page, start_app, tmp_path):
    session_path, server = open_app(page, start_app, tmp_path / "shutdown")
    n.wait_until_settled(page, session_path)
    field = page.locator(".erfakit-since-genhusning textarea")
    n.type_like_a_person(page, field, "Sidste tastetryk før lukning!")
    time.sleep(0.1)  # inside the autosaver's 0.25 s delay
    token = parse_qs(urlsplit(server.page_url).query)["token"][0]
    shut_down_kernels(server.url, token)
    m.wait_for_file(
        session_path,
        lambda s: s.since_last.get("genhusning") == "Sidste tastetryk før lukning!",
        "the keystroke typed 0.1 s before the kernel was shut down",
    )


def test_sigterm_to_erfakit_app_just_after_a_keystroke_keeps_it_and_leaves_no_process(page, start_app, tmp_path):
    session_path, server = open_app(page, start_app, tmp_path / "sigterm")
    kit = psutil.Process(server.process.pid)
    newest_kernel(server)  # the page's kernel is among the processes counted below
    family = [kit, *kit.children(recursive=True)]
    n.wait_until_settled(page, session_path)
    words = "Sidste ord, før erfakit app blev stoppet."
    n.type_like_a_person(page, page.locator(".erfakit-since-udlejning textarea"), words)
    time.sleep(0.1)  # inside the autosaver's 0.25 s delay
    kit.send_signal(signal.SIGTERM)  # the erfakit process only, as `kill` or a logout does
    _gone, alive = psutil.wait_procs(family, timeout=10)
    assert not alive, f"left running 10 s after SIGTERM: {[(p.pid, p.name()) for p in alive]}"
    m.wait_for_file(
        session_path,
        lambda s: s.since_last.get("udlejning") == words,
        "the keystroke typed 0.1 s before erfakit app got SIGTERM",
    )


def shut_down_kernels(url: str, token: str) -> None:
    """Ask the server to shut every kernel down, as `erfakit app` stopping or JupyterLab's restart does."""
    headers = {"Authorization": f"token {token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{url}/api/kernels", headers=headers), timeout=10) as answer:
        kernels = json.load(answer)
    assert kernels
    for kernel in kernels:
        request = urllib.request.Request(f"{url}/api/kernels/{kernel['id']}", headers=headers, method="DELETE")
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 204


def test_a_half_typed_date_and_half_an_emoji_are_never_dropped_silently(page, start_app, tmp_path, screenshots):
    session_path, _server = open_app(page, start_app, tmp_path / "hostile")
    screen = m.go_to(page, "ovelse1")
    editor = screen.locator(".erfakit-agreements-ovelse1")
    m.type_text(editor.locator(".erfakit-agreement-text textarea"), "Studietur med bestyrelsen")
    deadline = editor.locator(".erfakit-agreement-deadline input")
    deadline.fill("3.1.2")
    editor.locator("button.erfakit-agreement-add").click()
    expect(editor.locator(".erfakit-message .erfakit-error")).to_contain_text("er ikke en hel dato")
    expect(editor.locator(".erfakit-agreement-deadline .erfakit-field-error")).to_contain_text("hel dato")
    expect(editor.locator(".erfakit-agreement-text textarea")).to_have_value("Studietur med bestyrelsen")
    expect(editor.locator(".erfakit-agreement-list select")).not_to_contain_text("Studietur")
    m.shoot(page, screenshots, "app-12-half-typed-deadline", editor, above=80)
    deadline.fill("1/2")
    deadline.press("Enter")
    expect(deadline).to_have_value("1. februar 2027")
    editor.locator("button.erfakit-agreement-add").click()
    expect(editor.locator(".erfakit-agreement-list select")).to_contain_text("Studietur")

    # Half an emoji pasted (a lone UTF-16 surrogate) and a control character from a PDF copy.
    answer = screen.locator(".erfakit-answer-o1-a-how textarea")
    answer.click()
    answer.evaluate(
        """(field) => {
          field.value = "Hver måned \\ud83d og\\u0007 ved behov";
          field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
        }"""
    )
    expect(answer).to_have_value("Hver måned \ufffd og ved behov")
    expect(screen.locator(".erfakit-answer-o1-a-how .erfakit-field-note")).to_contain_text("emoji")
    n.type_like_a_person(page, answer, " – og mere")
    saved = m.wait_for_file(
        session_path,
        lambda s: (
            s.answers.get("o1.a.how") == "Hver måned \ufffd og ved behov – og mere"
            and any(a.text == "Studietur med bestyrelsen" for a in s.agreements)
        ),
        "the cleaned answer, a later edit, and the agreement with its deadline",
    )
    assert [a.deadline for a in saved.agreements if a.text == "Studietur med bestyrelsen"] == [dt.date(2027, 2, 1)]
    expect(page.locator(".erfakit-save-state")).not_to_contain_text("IKKE GEMT")


def test_dates_are_danish_in_an_english_browser_with_a_danish_calendar(english_page, start_app, tmp_path, screenshots):
    page = english_page
    session_path, _server = open_app(page, start_app, tmp_path / "english")
    screen = m.go_to(page, "ovelse3")
    first = screen.locator(".erfakit-plan-first-date")
    first.locator("input").fill("14. jan")
    first.locator("input").press("Tab")
    expect(first.locator("input")).to_have_value("14. januar 2027")
    first.locator("button.erfakit-date-calendar").click()
    calendar = page.locator(".erfakit-calendar")  # on the page's body, under the field
    expect(calendar).to_contain_text("januar 2027")
    expect(calendar.locator("th").first).to_have_text("ma.")
    page.screenshot(path=screenshots / "app-13-danish-calendar-in-english-browser.png")
    calendar.locator("button[data-date='2027-01-21']").click()
    expect(first.locator("input")).to_have_value("21. januar 2027")
    m.wait_for_file(session_path, lambda s: s.plan.first_date == dt.date(2027, 1, 21), "the first date picked")
