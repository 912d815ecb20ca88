"""Nothing typed is lost, and the header never lies (issue 10), checked at the widget level.

The browser's side (localStorage, the banner, the ping) is driven here by the messages the page
sends; `tests/browser/test_never_lose_in_app.py` and `…_in_lab.py` run the same in Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from pydantic import BaseModel, ValidationError
from uihelpers import TODAY, find, hold_lock_elsewhere, on_disk_within, one, reload, visit

from erfakit.core.parsing import clean_typed_text, parse_date_text, read_date
from erfakit.exceptions import FormInputError
from erfakit.io.meeting_file import lock
from erfakit.io.meeting_file.store import SessionStore
from erfakit.ui.app import MeetingApp
from erfakit.ui.autosave import Autosaver, SaveState, save_error_message
from erfakit.ui.widgets import DateField


def page_says(app: MeetingApp, **message: object) -> None:
    """A message from the page's status widget, as its JavaScript sends it."""
    app.status._handle_custom_msg(message, [])


def sent_to_page(app: MeetingApp, monkeypatch) -> list[dict]:
    sent: list[dict] = []
    monkeypatch.setattr(app.status, "send", lambda content, buffers=None: sent.append(content))
    return sent


# --- saving: every failure shown, retried, and later edits saved -------------------------------


class _Strict(BaseModel):
    number: int


def _validation_error() -> ValidationError:
    try:
        _Strict.model_validate({"number": "mange"})
    except ValidationError as error:
        return error
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        (OSError(28, "No space left on device"), "disken er fuld"),
        (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), "uventet fejl"),
        (_validation_error(), "mange"),
        (RuntimeError("noget helt uventet"), "noget helt uventet"),
    ],
)
def test_any_exception_from_a_save_shows_ikke_gemt_with_a_danish_reason_and_later_edits_are_saved(
    meeting_path, failure, shown
):
    store = SessionStore.open(meeting_path)
    saver = Autosaver(store)
    original = store.save
    failing = [failure]

    def save() -> dt.datetime:
        if failing:
            raise failing[0]
        return original()

    store.save = save
    store.session.answers["o1.a.how"] = "Før fejlen"
    saver.mark_dirty(immediate=True, edit=3)
    assert saver.state is SaveState.ERROR
    assert saver.saved_edit == 0  # the page is not told the keystroke is safe
    message = save_error_message(saver.error, "da")
    assert shown in message.lower() or shown in message
    assert "Traceback" not in message
    failing.clear()  # the cause is gone
    store.session.answers["o1.a.how"] = "Efter fejlen"
    saver.mark_dirty(edit=4)
    assert saver.wait_until_saved(5.0)
    assert saver.saved_edit == 4
    assert on_disk_within(meeting_path, lambda s: s.answers["o1.a.how"] == "Efter fejlen")
    store.close()


# --- text that cannot be stored is cleaned at the field, with a note -----------------------------


def test_half_an_emoji_and_control_characters_are_cleaned_at_the_field_and_saved(app, meeting_path):
    field = one(visit(app, "ovelse1"), "erfakit-answer-o1-a-role")
    field.value = "Beboerne \ud83d siger\x00 ja\x07"
    assert field.value == "Beboerne \ufffd siger ja"
    assert "emoji" in field.note and "styretegn" in field.note
    assert on_disk_within(meeting_path, lambda s: s.answers.get("o1.a.role") == "Beboerne \ufffd siger ja")
    # The saver marks itself saved just after the file is written: poll for it, never a raced read.
    deadline = time.monotonic() + 1.0
    while app.ctx.saver.state is not SaveState.SAVED and time.monotonic() < deadline:
        time.sleep(0.02)
    assert app.ctx.saver.state is SaveState.SAVED


def test_clean_text_is_left_as_typed_and_line_breaks_stay():
    assert clean_typed_text("Linje 1\nLinje 2\tmed tab 🙂").text == "Linje 1\nLinje 2\tmed tab 🙂"
    assert clean_typed_text("a\r\nb").text == "a\nb"
    assert not clean_typed_text("æøå ÆØÅ").changed


# --- Danish dates, whatever the browser's language ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3.12.2026", dt.date(2026, 12, 3)),
        ("3/12", dt.date(2026, 12, 3)),
        ("3. dec", dt.date(2026, 12, 3)),
        ("3 december 2026", dt.date(2026, 12, 3)),
        ("torsdag den 3. december 2026", dt.date(2026, 12, 3)),
        ("15/1", dt.date(2027, 1, 15)),  # after a December meeting: next January
        ("1.12", dt.date(2026, 12, 1)),  # a slip just before the meeting stays in its year
        ("2027-02-01", dt.date(2027, 2, 1)),
    ],
)
def test_dates_are_read_as_danes_type_them_with_the_meetings_year_when_missing(typed, expected):
    assert read_date(typed, reference=TODAY) == expected


@pytest.mark.parametrize("typed", ["3", "3.", "3.1.202", "dec", "31.2.2027", "29/2", "32.1", "3.13", "i morgen"])
def test_partial_or_impossible_dates_are_refused_in_danish(typed):
    with pytest.raises(FormInputError, match=r"Frist.*3\.12\.2026"):
        parse_date_text(typed, field="Frist", reference=TODAY)


def test_the_date_field_shows_danish_words_and_refuses_what_it_cannot_read():
    field = DateField(lang="da", reference=TODAY, label="Frist")
    field.typed = "3/12"
    field.commit()
    assert field.value == dt.date(2026, 12, 3)
    assert field.shown == "3. december 2026"
    assert field.error == ""
    field.typed = "31.2"
    field.commit()
    assert "findes" in field.error
    assert field.shown == "31.2"  # kept as typed, to be corrected
    with pytest.raises(FormInputError):
        field.read()
    assert field.texts["months"][11] == "december" and field.texts["weekdays"][0] == "ma."


def test_a_half_typed_deadline_adds_nothing_and_says_why(app, meeting_path):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-text").value = "Studietur med bestyrelsen"
    one(editor, "erfakit-agreement-deadline").typed = "3.1.2"
    one(editor, "erfakit-agreement-add").click()
    message = one(editor, "erfakit-message").value
    assert "er ikke en hel dato" in message
    assert "tilføjet" not in message
    assert one(editor, "erfakit-agreement-text").value == "Studietur med bestyrelsen"  # nothing cleared
    assert not [a for a in reload(meeting_path).agreements if a.text == "Studietur med bestyrelsen"]
    one(editor, "erfakit-agreement-deadline").typed = "1/2"
    one(editor, "erfakit-agreement-add").click()
    added = on_disk_within(meeting_path, lambda s: any(a.text == "Studietur med bestyrelsen" for a in s.agreements))
    assert [a.deadline for a in added.agreements if a.text == "Studietur med bestyrelsen"] == [dt.date(2027, 2, 1)]


# --- the page's ping, keystroke numbers and flush ---------------------------------------------------


def test_the_kernel_answers_a_ping_with_the_newest_keystroke_on_disk(app, monkeypatch):
    sent = sent_to_page(app, monkeypatch)
    field = one(visit(app, "velkommen"), "erfakit-since-drift")
    with field.hold_trait_notifications():  # as the page sends them: one message, value and number
        field.value = "Tre beboermøder"
        field.edit = 17
    assert app.ctx.saver.wait_until_saved()
    page_says(app, type="ping")
    assert sent[-1] == {"type": "pong", "saved": 17}


def test_closing_the_page_flushes_the_pending_save_at_once(app, meeting_path):
    one(visit(app, "velkommen"), "erfakit-since-udlejning").value = "Sidste ord"
    assert app.ctx.saver.unsaved
    page_says(app, type="flush")
    assert on_disk_within(meeting_path, lambda s: s.since_last.get("udlejning") == "Sidste ord", seconds=0)


# --- putting back what the browser kept ------------------------------------------------------------


def copy(key: str, value: str, *, base: str | None = "", own_tab: bool = True, time_ms: int | None = None) -> dict:
    return {
        "key": key,
        "value": value,
        "base": base,
        "time": time_ms if time_ms is not None else int(dt.datetime.now().timestamp() * 1000),
        "tab": own_tab,
    }


def test_text_the_browser_kept_from_this_tab_is_put_back_saved_and_then_forgotten(app, meeting_path, monkeypatch):
    sent = sent_to_page(app, monkeypatch)
    entries = [copy("since/drift", "Skrevet mens kernen var død"), copy("answers/o1.a.role", "Også her")]
    page_says(app, type="hello", tab="T1", entries=entries, view=None)
    saved = on_disk_within(meeting_path, lambda s: s.since_last.get("drift") == "Skrevet mens kernen var død")
    assert saved.answers["o1.a.role"] == "Også her"
    forgotten = [message for message in sent if message["type"] == "forget"]
    assert sorted(key for message in forgotten for key, _time in message["keys"]) == [
        "answers/o1.a.role",
        "since/drift",
    ]
    assert "Sat ind igen fra browseren" in one(app.show_header(), "erfakit-restore-notice").value
    # A part built afterwards shows the text put back.
    assert one(visit(app, "ovelse1"), "erfakit-answer-o1-a-role").value == "Også her"


def test_another_tabs_or_an_older_copy_is_offered_as_a_choice_never_written_over_the_file(
    app, meeting_path, monkeypatch
):
    sent_to_page(app, monkeypatch)
    one(visit(app, "velkommen"), "erfakit-since-drift").value = "Filens tekst"
    assert app.ctx.saver.wait_until_saved()
    long_ago = int((dt.datetime.now() - dt.timedelta(hours=1)).timestamp() * 1000)
    page_says(
        app,
        type="hello",
        tab="T1",
        entries=[copy("since/drift", "Browserens gamle tekst", base="noget andet", time_ms=long_ago)],
        view=None,
    )
    question = one(app.show_header(), "erfakit-restore-question")
    assert "Browserens gamle tekst" in shown_html(question) and "Filens tekst" in shown_html(question)
    assert reload(meeting_path).since_last["drift"] == "Filens tekst"
    one(question, "erfakit-restore-use-browser").click()
    assert on_disk_within(meeting_path, lambda s: s.since_last.get("drift") == "Browserens gamle tekst")
    assert one(visit(app, "velkommen"), "erfakit-since-drift").value == "Browserens gamle tekst"
    assert not find(app.show_header(), "erfakit-restore-question")


def shown_html(widget) -> str:
    return json.dumps([child.value for child in widget.children if hasattr(child, "value")], ensure_ascii=False)


# --- the lock: the same tab reloaded is not asked; another tab is, calmly --------------------------


def test_the_same_tab_reloaded_takes_the_file_back_without_a_question(meeting_path, other_process):
    hold_lock_elsewhere(meeting_path, other_process)
    holder = lock.read_holder(meeting_path)
    lock.lock_path(meeting_path).write_text(
        json.dumps({**holder.__dict__, "tab": "TAB-1"}), encoding="utf-8"
    )  # the reloaded tab's old kernel
    again = MeetingApp(meeting_path, today=lambda: TODAY)
    page_says(
        again,
        type="hello",
        tab="TAB-1",
        entries=[],
        view={"part": "ovelse2", "used": {"ovelse2": 300}, "running": False, "at": 0},
    )
    assert again.store is not None and not again.store.read_only
    assert not find(again.show_header(), "erfakit-lock-message")
    assert lock.read_holder(meeting_path).tab == "TAB-1"
    assert again.navigation.current.value == "ovelse2"  # back on the part she was on
    assert "30:00 tilbage" in one(again.show_header(), "erfakit-clock").value  # 35 min box, 5 used
    again.close()


def test_another_tab_is_asked_with_the_safe_choice_first(meeting_path, other_process):
    hold_lock_elsewhere(meeting_path, other_process)
    holder = lock.read_holder(meeting_path)
    lock.lock_path(meeting_path).write_text(json.dumps({**holder.__dict__, "tab": "TAB-1"}), encoding="utf-8")
    second = MeetingApp(meeting_path, today=lambda: TODAY)
    page_says(second, type="hello", tab="TAB-2", entries=[], view=None)
    assert second.store is None
    question = one(second.show_header(), "erfakit-lock-message").value
    assert "et andet sted" in question and "<details" in question
    assert str(other_process) in question.split("<details", 1)[1]  # the process only in the details
    assert one(second.show_header(), "erfakit-lock-read-only").button_style == "primary"
