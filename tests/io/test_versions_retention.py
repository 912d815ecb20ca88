"""Versions: a way back for destructive commands, retention after the meeting, clocks put back."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from erfakit.cli import main
from erfakit.core.model import Meeting, Session
from erfakit.io.meeting_file import history
from erfakit.io.meeting_file.document import dumps_session, load_session, save_session
from erfakit.io.meeting_file.store import SessionStore, restore_version

HOLDER = """
import sys
from erfakit.io.meeting_file.store import SessionStore
store = SessionStore.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
"""


def old_meeting(path: Path, meeting_date: dt.date) -> Session:
    session = Session(meeting=Meeting(afdeling="Afdeling 5 – Gamle Have", date=meeting_date))
    save_session(session, path)
    return session


def stamps(path: Path) -> list[dt.datetime]:
    return sorted(version.saved_at for version in history.list_versions(path))


def test_versions_older_than_90_days_after_the_meeting_are_removed_when_the_file_is_opened(tmp_path: Path):
    path = tmp_path / "moede.json"
    session = old_meeting(path, dt.date(2020, 3, 1))
    content = dumps_session(session).encode("utf-8")
    now = dt.datetime.now()
    expired = [dt.datetime(2020, 2, 20, 10), dt.datetime(2020, 3, 1, 15), dt.datetime(2020, 5, 29, 9)]
    recent = [now - dt.timedelta(days=89), now - dt.timedelta(days=2)]
    for stamp in [*expired, *recent]:
        history.record(path, content, force=True, now=stamp)
    SessionStore.open(path).close()
    kept = stamps(path)
    assert not set(expired) & set(kept), "kept past 90 days after the meeting"
    assert set(recent) <= set(kept), "a version saved later is kept 90 days after its own save"


def test_history_ryd_removes_what_is_past_retention_and_says_so_in_danish(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    session = old_meeting(path, dt.date(2020, 3, 1))
    content = dumps_session(session).encode("utf-8")
    for day in range(1, 6):
        history.record(path, content, force=True, now=dt.datetime(2020, 3, day, 12))
    history.record(path, content, force=True, now=dt.datetime.now() - dt.timedelta(days=1))
    before = len(history.list_versions(path))  # the five of March 2020, yesterday's and the first save's
    assert main(["history", str(path), "--ryd"]) == 0
    said = capsys.readouterr().out
    assert "Slettede 5 versioner" in said and "gemt fra 1. marts 2020 til 5. marts 2020" in said, said
    assert "90 dage efter mødet den 1. marts 2020" in said and "Versioner tilbage: 2" in said
    assert len(history.list_versions(path)) == before - 5
    assert main(["history", str(path), "--ryd"]) == 0
    assert "intet er slettet" in capsys.readouterr().out


def test_history_ryd_with_a_shorter_period(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    today = dt.date.today()
    session = old_meeting(path, today - dt.timedelta(days=40))
    content = dumps_session(session).encode("utf-8")
    history.record(path, content, force=True, now=dt.datetime.combine(today - dt.timedelta(days=41), dt.time(9)))
    assert main(["history", str(path), "--ryd"]) == 0
    assert "intet er slettet" in capsys.readouterr().out
    assert main(["history", str(path), "--ryd", "--dage", "30"]) == 0
    assert "Slettede 1 version af" in capsys.readouterr().out


def test_three_hundred_versions_stamped_in_the_future_never_break_open_save_or_restore(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    session = old_meeting(path, dt.date.today())
    content = dumps_session(session).encode("utf-8")
    later = dt.datetime.now() + dt.timedelta(days=2)
    for minute in range(310):
        history.record(path, content, force=True, now=later + dt.timedelta(minutes=minute))
    store = SessionStore.open(path)
    opened = history.list_versions(path)
    for minute in (1, 2):
        store.session.answers["o1.a.role"] = f"skrevet efter at uret blev stillet tilbage ({minute})"
        store.save(now=dt.datetime.now() + dt.timedelta(minutes=minute))
    store.close()
    versions = history.list_versions(path)
    assert len(versions) <= history.MAX_VERSIONS
    texts = [v.path.read_text(encoding="utf-8") for v in versions]
    assert sum("stillet tilbage" in text for text in texts) == 2, "today's saves are kept, the future ones go first"
    removed = set(opened) - set(versions)
    assert removed and all(v.saved_at >= later for v in removed), "only versions stamped in the future made room"
    assert main(["history", str(path)]) == 0
    assert "uret er stillet tilbage" in capsys.readouterr().out
    assert main(["restore", str(path), "1"]) == 0
    assert "o1.a.role" not in load_session(path).answers
    restore_version(path, versions[-1].version)


def test_a_clock_put_back_still_keeps_versions_while_typing(tmp_path: Path):
    path = tmp_path / "moede.json"
    old_meeting(path, dt.date(2026, 12, 3))
    noon = dt.datetime(2026, 12, 3, 12)
    history.record(path, b"{}", now=noon)
    assert history.record(path, b"{ }", now=noon - dt.timedelta(hours=1)) is not None


def test_new_overskriv_keeps_the_replaced_file_as_a_version(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    old_meeting(path, dt.date(2026, 12, 3))
    store = SessionStore.open(path)
    store.session.answers["o1.a.role"] = "svar der ikke må gå tabt"
    store.save()
    store.close()
    code = main(["new", str(path), "--afdeling", "Ny afdeling", "--dato", "4.12.2026", "--overskriv"])
    assert code == 0
    assert load_session(path).meeting.afdeling == "Ny afdeling"
    assert "gemt som version" in capsys.readouterr().out
    kept = [v for v in history.list_versions(path) if "svar der ikke må gå tabt" in v.path.read_text(encoding="utf-8")]
    assert kept, "the replaced answers can be restored"
    assert main(["restore", str(path), kept[0].version]) == 0
    assert load_session(path).answers["o1.a.role"] == "svar der ikke må gå tabt"


def test_new_overskriv_respects_the_lock_of_a_live_editor(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    old_meeting(path, dt.date(2026, 12, 3))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        before = path.read_bytes()
        code = main(["new", str(path), "--afdeling", "Ny", "--dato", "4.12.2026", "--overskriv"])
        assert code == 2
        err = capsys.readouterr().err
        assert "åben til redigering et andet sted" in err and f"proces {holder.pid}" in err
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
