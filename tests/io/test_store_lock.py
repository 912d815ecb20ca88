"""The edit lock, with a real second process holding the meeting file."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from erfakit.exceptions import SessionFileError, SessionLockedError
from erfakit.io.meeting_file import lock
from erfakit.io.meeting_file.document import load_session
from erfakit.io.meeting_file.store import SessionStore

HOLDER = """
import sys, time
from erfakit.io.meeting_file.store import SessionStore
store = SessionStore.open(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
try:
    store.session.answers["o1.a.role"] = "fra den anden proces"
    store.save()
    print("saved", flush=True)
except Exception as error:
    print(type(error).__name__, error, flush=True)
"""


@pytest.fixture
def other_process(session_path: Path):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(session_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    yield process
    process.kill()
    process.wait()


def test_a_second_editor_is_told_in_danish_who_holds_the_file(session_path: Path, other_process):
    with pytest.raises(SessionLockedError) as caught:
        SessionStore.open(session_path)
    message = str(caught.value)
    assert f"proces {other_process.pid}" in message
    assert "siden" in message and "skrivebeskyttet" in message and "overtage" in message
    assert caught.value.holder["pid"] == other_process.pid


def test_read_only_opens_but_never_saves(session_path: Path, other_process):
    store = SessionStore.open(session_path, read_only=True)
    store.session.answers["o1.a.role"] = "må ikke gemmes"
    with pytest.raises(SessionFileError, match="skrivebeskyttet"):
        store.save()
    assert "o1.a.role" not in load_session(session_path).answers


def test_taking_over_makes_the_first_editor_refuse_to_save(session_path: Path, other_process):
    store = SessionStore.open(session_path, take_over=True)
    store.session.answers["o1.a.role"] = "overtaget"
    store.save()
    other_process.stdin.write("\n")
    other_process.stdin.flush()
    reply = other_process.stdout.readline()
    assert reply.startswith("SessionLockedError") and "overtaget" in reply
    assert load_session(session_path).answers["o1.a.role"] == "overtaget", "no silent lost update"
    store.close()


def test_the_lock_of_a_killed_process_is_taken_over_quietly(session_path: Path, other_process):
    os.kill(other_process.pid, signal.SIGKILL)
    other_process.wait()
    store = SessionStore.open(session_path)
    store.session.answers["o1.a.role"] = "efter genstart"
    store.save()
    assert load_session(session_path).answers["o1.a.role"] == "efter genstart"
    store.close()
    assert not lock.lock_path(session_path).exists()


def test_the_same_process_may_open_its_own_file_again(session_path: Path):
    # Re-running the meeting notebook in the same kernel opens the file a second time.
    first = SessionStore.open(session_path)
    second = SessionStore.open(session_path)
    second.save()
    first.close()


def test_a_reused_pid_is_not_taken_for_the_holder(session_path: Path):
    me = lock.current_holder()
    stale = lock.Holder(pid=me.pid, host=me.host, user=me.user, since=me.since, started="1")
    assert not stale.is_alive()
    assert me.is_alive()


def test_a_full_disk_keeps_the_session_in_memory_and_the_file_and_leaves_no_temporary_file(session, small_disk):
    from erfakit.io.meeting_file.document import save_session

    path = small_disk.folder / "moede.json"
    save_session(session, path)
    store = SessionStore.open(path)
    before = path.read_bytes()
    small_disk.fill()
    store.session.answers["o1.a.role"] = "stadig her " * 2000
    with pytest.raises(SessionFileError, match="disken er fuld") as caught:
        store.save(now=__import__("datetime").datetime(2030, 1, 1))
    assert "ikke tabt" in caught.value.hint or "Frigør plads" in caught.value.hint
    assert store.session.answers["o1.a.role"].startswith("stadig her")
    assert path.read_bytes() == before, "the old file is untouched"
    leftovers = [p.name for p in small_disk.folder.rglob("*.tmp")]
    assert not leftovers, "a failed save, also of a version, removes its temporary file"
    small_disk.free()
    store.save()
    assert load_session(path).answers["o1.a.role"].startswith("stadig her")
    store.close()
