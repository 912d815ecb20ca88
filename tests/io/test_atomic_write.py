"""The one atomic writer: exclusive temporary files, the user's permissions, no link it did not choose.

Links, owners and modes are made for real with os.symlink, os.lchown and chmod (the tests run as
root, which may give a link or folder to another uid; without root those cases are skipped).
"""

from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

import pytest

from erfakit.core.model import Session
from erfakit.exceptions import FileWriteError, SessionFileError
from erfakit.io.atomic import write_bytes_atomic
from erfakit.io.meeting_file import history, lock
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.io.meeting_file.store import SessionStore

PACKAGE = Path(__file__).resolve().parents[2] / "erfakit"
FOREIGN_UID = 4242
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_a_link_planted_at_any_temporary_name_is_never_written_through(session: Session, tmp_path: Path):
    victim = tmp_path / "andet" / "vigtig.txt"
    victim.parent.mkdir()
    victim.write_text("uberørt", encoding="utf-8")
    path = tmp_path / "moede.json"
    # The old writer's predictable name, and a spread of guesses around the current pid.
    for pid in range(max(1, os.getpid() - 50), os.getpid() + 50):
        (tmp_path / f".moede.json.{pid}.tmp").symlink_to(victim)
    save_session(session, path)
    save_session(session, path)
    assert victim.read_text(encoding="utf-8") == "uberørt"
    assert load_session(path) == session


def test_a_new_file_gets_the_users_normal_permissions_not_0600(tmp_path: Path):
    old_umask = os.umask(0o022)
    try:
        written = write_bytes_atomic(b"rapport", tmp_path / "referat.html")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644, "colleagues in a shared folder can read the report"


def test_a_replaced_file_keeps_its_mode(tmp_path: Path):
    path = tmp_path / "moede.json"
    path.write_bytes(b"{}")
    path.chmod(0o640)
    write_bytes_atomic(b"{ }", path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_meeting_file_that_is_the_users_link_is_written_through_and_stays_a_link(session: Session, tmp_path: Path):
    real = tmp_path / "sky" / "moede.json"
    real.parent.mkdir()
    save_session(session, real)
    link = tmp_path / "moede.json"
    link.symlink_to(real)
    store = SessionStore.open(link)
    store.session.answers["o1.a.role"] = "gemt gennem linket"
    store.save()
    store.close()
    assert link.is_symlink(), "the link is not replaced by a plain file"
    assert load_session(real).answers["o1.a.role"] == "gemt gennem linket"
    assert history.history_dir(link) == real.parent / ".moede.json.versioner", "versions live beside the file"
    assert not list(tmp_path.glob(".moede.json*")), "no lock or versions beside the link"


@pytest.mark.skipif(not IS_ROOT, reason="giving a link to another user needs root")
def test_a_link_owned_by_someone_else_is_refused(tmp_path: Path):
    victim = tmp_path / "offer.txt"
    victim.write_text("uberørt", encoding="utf-8")
    link = tmp_path / "referat.html"
    link.symlink_to(victim)
    os.lchown(link, FOREIGN_UID, FOREIGN_UID)
    with pytest.raises(FileWriteError, match="en anden bruger ejer"):
        write_bytes_atomic(b"<html>", link)
    assert victim.read_text(encoding="utf-8") == "uberørt" and link.is_symlink()


def test_a_versions_folder_that_is_a_link_is_refused_and_nothing_outside_is_deleted(session: Session, tmp_path: Path):
    path = tmp_path / "moede.json"
    elsewhere = tmp_path / "andet"
    elsewhere.mkdir()
    bystanders = ["regnskab.json", *(f"2026010{i}T000000000000.json" for i in range(1, 6))]
    for name in bystanders:
        (elsewhere / name).write_text("{}", encoding="utf-8")
    history.history_dir(path).symlink_to(elsewhere)
    with pytest.raises(SessionFileError, match="symbolsk link"):
        save_session(session, path)
    assert not path.exists(), "nothing is saved when the way back cannot be kept"
    with pytest.raises(SessionFileError, match="symbolsk link"):
        history.list_versions(path)
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(bystanders)


@pytest.mark.skipif(not IS_ROOT, reason="giving a folder to another user needs root")
def test_a_versions_folder_owned_by_someone_else_is_refused(session_path: Path):
    folder = history.history_dir(session_path)
    os.chown(folder, FOREIGN_UID, FOREIGN_UID)
    before = session_path.read_bytes()
    with pytest.raises(SessionFileError, match="tilhører brugeren"):
        SessionStore.open(session_path)
    assert session_path.read_bytes() == before
    assert lock.read_holder(session_path) is None, "a refused open leaves no lock behind"


def test_pruning_removes_only_version_files_of_the_folder(session: Session, tmp_path: Path):
    import datetime as dt

    path = tmp_path / "moede.json"
    save_session(session, path)
    folder = history.history_dir(path)
    keep = folder / "noter.json"
    keep.write_text("mine noter", encoding="utf-8")
    inside_link = folder / "20200101T000000000000.json"
    target = tmp_path / "mål.json"
    target.write_text("{}", encoding="utf-8")
    inside_link.symlink_to(target)
    start = dt.datetime(2026, 12, 3, 12)
    for minute in range(history.MAX_VERSIONS + 20):
        history.record(path, b"{}", force=True, now=start + dt.timedelta(minutes=minute))
    assert len(history.list_versions(path)) == history.MAX_VERSIONS
    assert keep.exists() and target.exists() and inside_link.is_symlink()


def test_the_lock_file_is_written_by_the_atomic_writer_and_taken_exclusively(session_path: Path):
    assert lock.acquire(session_path) is None
    holder = lock.read_holder(session_path)
    assert holder is not None and holder.is_current_process()
    assert not list(session_path.parent.glob("*.tmp"))
    lock.release(session_path)


def test_every_file_the_kit_writes_goes_through_the_atomic_writer():
    """No module but io/atomic.py opens a file for writing, replaces, copies or renames one."""
    offenders = []
    for source in sorted(PACKAGE.rglob("*.py")):
        if source.name == "atomic.py":
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            writes = name.endswith((".write_text", ".write_bytes", "os.replace", "os.rename", "nbformat.write"))
            writes = writes or name.startswith("shutil.") and "copy" in name or name.endswith("shutil.move")
            if name == "open" and len(node.args) > 1:
                mode = ast.unparse(node.args[1])
                writes = any(letter in mode for letter in "wax+")
            if writes:
                offenders.append(f"{source.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert not offenders, offenders
