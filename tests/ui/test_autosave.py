"""The autosaver: every change on disk within a second, a refused disk shown, read-only never writes."""

from __future__ import annotations

import datetime as dt
import time

from uihelpers import on_disk_within

from erfakit.exceptions import SessionFileError
from erfakit.io.meeting_file.store import SessionStore
from erfakit.ui.autosave import Autosaver, SaveState
from erfakit.ui.header import save_state_text


def test_a_change_is_on_disk_within_one_second_without_an_explicit_save(meeting_path):
    store = SessionStore.open(meeting_path)
    saver = Autosaver(store)
    store.session.answers["o1.a.role"] = "Vigtig"
    saver.mark_dirty()
    assert saver.state is SaveState.PENDING
    on_disk_within(meeting_path, lambda session: session.answers.get("o1.a.role") == "Vigtig")
    store.close()


def test_many_quick_changes_are_written_once_after_the_delay(meeting_path):
    store = SessionStore.open(meeting_path)
    saves = []
    original = store.save
    store.save = lambda: saves.append(1) or original()
    saver = Autosaver(store, delay=0.2)
    for letter in "beboerne":
        store.session.answers["o1.a.role"] = store.session.answers.get("o1.a.role", "") + letter
        saver.mark_dirty()
    assert saver.wait_until_saved(2.0)
    assert len(saves) == 1
    assert on_disk_within(meeting_path, lambda s: s.answers["o1.a.role"] == "beboerne")
    store.close()


def test_an_immediate_change_is_written_before_mark_dirty_returns(meeting_path):
    store = SessionStore.open(meeting_path)
    saver = Autosaver(store)
    store.session.answers["o1.c.contribute"] = "Kage"
    saver.mark_dirty(immediate=True)
    assert saver.state is SaveState.SAVED
    assert on_disk_within(meeting_path, lambda s: s.answers["o1.c.contribute"] == "Kage", seconds=0)
    store.close()


def test_a_refused_disk_is_shown_as_an_error_and_retried_until_it_works(meeting_path):
    store = SessionStore.open(meeting_path)
    saver = Autosaver(store)
    original = store.save
    failures = [OSError(28, "No space left on device")]

    def flaky_save() -> dt.datetime:
        if failures:
            raise failures.pop()
        return original()

    store.save = flaky_save
    states = []
    saver.on_state(lambda s: states.append(s.state))
    store.session.answers["o1.a.how"] = "Hver måned"
    saver.mark_dirty(immediate=True)
    assert saver.state is SaveState.ERROR
    assert "No space left" in str(saver.error)
    assert save_state_text(saver, "da") == "IKKE GEMT"
    # The retry runs on its own a few seconds later; flush stands in for it here.
    assert saver.flush()
    assert states[-1] is SaveState.SAVED
    assert on_disk_within(meeting_path, lambda s: s.answers["o1.a.how"] == "Hver måned", seconds=0)
    store.close()


def test_a_read_only_store_is_never_written(meeting_path):
    before = meeting_path.read_bytes()
    store = SessionStore.open(meeting_path, read_only=True)
    saver = Autosaver(store)
    store.session.answers["o1.a.role"] = "ændret"
    saver.mark_dirty(immediate=True)
    time.sleep(0.1)
    assert saver.state is SaveState.READ_ONLY
    assert meeting_path.read_bytes() == before
    assert save_state_text(saver, "da") == "Skrivebeskyttet – gemmes ikke"


def test_saved_state_names_the_time_in_danish(meeting_path):
    store = SessionStore.open(meeting_path)
    saver = Autosaver(store)
    store.session.answers["o1.a.role"] = "x"
    saver.mark_dirty(immediate=True)
    saver.saved_at = dt.datetime(2026, 12, 3, 14, 32)
    assert save_state_text(saver, "da") == "Gemt kl. 14.32"
    assert save_state_text(saver, "en") == "Saved at 14:32"
    store.close()


def test_a_store_error_from_a_take_over_is_shown_not_raised(meeting_path):
    store = SessionStore.open(meeting_path)
    saver = Autosaver(store)

    def taken_over() -> dt.datetime:
        raise SessionFileError("Mødefilen er overtaget af en anden proces.")

    store.save = taken_over
    saver.mark_dirty(immediate=True)
    assert saver.state is SaveState.ERROR
    assert "overtaget" in str(saver.error)
    store.close()
