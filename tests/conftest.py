"""Shared fixtures: small meeting files built in tmp_path (no test reads a real session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from erfakit.core.model import (
    Agreement,
    Function,
    Meeting,
    Origin,
    Participant,
    Session,
    Theme,
)


def make_session(**updates: object) -> Session:
    """A small valid meeting: two participants and one earlier agreement."""
    session = Session(
        meeting=Meeting(afdeling="Afdeling 1 – Testparken", date=dt.date(2026, 12, 3), place="Hovedkontoret"),
        participants=[
            Participant(function=Function.DRIFT, name="Test Driftsen"),
            Participant(function=Function.BOLIGSOCIAL),
        ],
        agreements=[
            Agreement(text="Fælles nyhedsbrev", theme=Theme.FAELLESAREALER, origin=Origin.EARLIER),
        ],
    )
    return session.model_copy(update=updates)


@pytest.fixture
def session() -> Session:
    return make_session()


@pytest.fixture
def session_path(tmp_path: Path, session: Session) -> Path:
    from erfakit.io.meeting_file.document import save_session

    path = tmp_path / "moede.json"
    save_session(session, path)
    return path


class SmallDisk:
    """A tiny tmpfs that a test can fill to the last byte: the real "disk full" (ENOSPC)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._filler = folder / ".fyld"

    def fill(self) -> None:
        """Take every free byte, down to the last one."""
        import os

        descriptor = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        os.write(descriptor, b"\0" * size)
                except OSError:
                    pass
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 512 kB tmpfs mounted for the test and unmounted after it (needs root; skipped otherwise)."""
    import subprocess

    folder = tmp_path / "lille-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0777", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"a full disk is simulated with a small tmpfs, which needs root: {mounted.stderr.strip()}")
    try:
        yield SmallDisk(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
