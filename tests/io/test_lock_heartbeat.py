"""The lock between machines: a heartbeat while the meeting is open, expiry when its server died.

A JupyterHub on Kubernetes runs each user's server in its own pod (its own host name) on one shared
folder; there the holding process cannot be looked up, only its heartbeat. The other machine is a
real second process here that reports another host name.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from erfakit.exceptions import SessionLockedError
from erfakit.io.meeting_file import lock
from erfakit.io.meeting_file.document import load_session
from erfakit.io.meeting_file.store import SessionStore

OTHER_MACHINE = """
import socket, sys
socket.gethostname = lambda: "pod-mette"   # another pod of the hub, as far as the lock can tell
from erfakit.io.meeting_file import lock
lock.HEARTBEAT_SECONDS = float(sys.argv[2])
from erfakit.io.meeting_file.store import SessionStore
store = SessionStore.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
"""


def write_lock(path: Path, **fields: object) -> None:
    data = {"pid": 4242, "host": "pod-mette", "user": "mette", "since": "2026-12-03T14:02:00", **fields}
    lock.lock_path(path).write_text(json.dumps(data), encoding="utf-8")


def wait_until(condition, *, timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} not met within {timeout} s")


@pytest.fixture
def other_machine(session_path: Path):
    """A process holding the meeting file as if from another pod, beating every 0.2 s."""
    process = subprocess.Popen(
        [sys.executable, "-c", OTHER_MACHINE, str(session_path), "0.2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    yield process
    process.kill()
    process.wait()


def test_a_live_meeting_on_another_machine_keeps_its_lock_past_the_expiry_time(
    session_path: Path, other_machine, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(lock, "STALE_AFTER", dt.timedelta(seconds=1.5))
    first = lock.read_holder(session_path)
    assert first is not None and first.host == "pod-mette" and first.heartbeat
    wait_until(lambda: lock.read_holder(session_path).heartbeat != first.heartbeat, what="a renewed heartbeat")
    time.sleep(2)  # longer than STALE_AFTER: only the renewed heartbeat keeps the lock alive
    with pytest.raises(SessionLockedError):
        SessionStore.open(session_path)


def test_the_lock_of_a_server_that_died_on_another_machine_expires(
    session_path: Path, other_machine, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(lock, "STALE_AFTER", dt.timedelta(seconds=1.5))
    os.kill(other_machine.pid, signal.SIGKILL)
    other_machine.wait()
    with pytest.raises(SessionLockedError):
        SessionStore.open(session_path)  # just died: its heartbeat is still fresh
    died_at = time.monotonic()
    store = None
    while store is None:
        try:
            store = SessionStore.open(session_path)
        except SessionLockedError:
            assert time.monotonic() - died_at < 5, "the dead server's lock never expired"
            time.sleep(0.1)
    store.session.answers["o1.a.role"] = "efter at den anden server døde"
    store.save()
    store.close()
    assert load_session(session_path).answers["o1.a.role"] == "efter at den anden server døde"


def test_an_open_meeting_renews_its_heartbeat_until_it_is_closed(session_path: Path, monkeypatch):
    monkeypatch.setattr(lock, "HEARTBEAT_SECONDS", 0.1)
    store = SessionStore.open(session_path)
    first = lock.read_holder(session_path)
    assert first is not None and first.heartbeat_datetime is not None
    assert abs(first.heartbeat_datetime - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
    wait_until(
        lambda: lock.read_holder(session_path).heartbeat != first.heartbeat, timeout=5, what="a renewed heartbeat"
    )
    store.close()
    assert not lock.lock_path(session_path).exists()
    time.sleep(0.3)
    assert not lock.lock_path(session_path).exists(), "a closed meeting's heartbeat must not bring the lock back"


def test_a_heartbeat_stops_when_another_editor_took_the_file_over(session_path: Path, monkeypatch):
    monkeypatch.setattr(lock, "HEARTBEAT_SECONDS", 0.1)
    store = SessionStore.open(session_path)
    write_lock(session_path, heartbeat=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    taken = lock.lock_path(session_path).read_text(encoding="utf-8")
    wait_until(lambda: not store._heartbeat.running, timeout=5, what="the heartbeat to stop")
    assert lock.lock_path(session_path).read_text(encoding="utf-8") == taken, "the taker's lock is left alone"


def test_another_user_holding_the_meeting_is_named_in_plain_danish(session_path: Path):
    today_1402 = dt.datetime.combine(dt.date.today(), dt.time(14, 2))
    write_lock(
        session_path,
        since=today_1402.isoformat(timespec="seconds"),
        heartbeat=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        name="Mette Hansen",
    )
    with pytest.raises(SessionLockedError) as caught:
        SessionStore.open(session_path)
    assert caught.value.message == "Mødet er åbent hos Mette Hansen (mette) siden kl. 14.02."
    assert "skrivebeskyttet" in caught.value.hint and "2 minutter" in caught.value.hint


def test_a_lock_without_a_heartbeat_from_an_older_kit_is_still_understood(session_path: Path):
    write_lock(session_path, started="123")  # exactly the fields an older erfakit wrote
    holder = lock.read_holder(session_path)
    assert holder is not None and holder.user == "mette" and holder.heartbeat == ""
    with pytest.raises(SessionLockedError, match="Mødet er åbent hos mette siden"):
        SessionStore.open(session_path)  # on another machine and without a heartbeat: asked, never taken quietly
    store = SessionStore.open(session_path, take_over=True)
    assert lock.read_holder(session_path).is_current_process()
    store.close()


def test_a_stale_heartbeat_from_another_machine_is_taken_over_quietly(session_path: Path):
    write_lock(session_path, heartbeat=(dt.datetime.now(dt.UTC) - dt.timedelta(minutes=3)).isoformat())
    store = SessionStore.open(session_path)
    assert lock.read_holder(session_path).is_current_process()
    store.close()


@pytest.mark.parametrize("garbled", ["i går ved frokost", 1733230920, None, ["2026-12-03T14:02:00+00:00"]])
def test_a_garbled_heartbeat_counts_as_no_heartbeat(session_path: Path, garbled: object):
    write_lock(session_path, heartbeat=garbled)
    holder = lock.read_holder(session_path)
    assert holder is None or holder.heartbeat_datetime is None
    with pytest.raises(SessionLockedError):
        SessionStore.open(session_path)  # never taken over quietly on the strength of garbage
