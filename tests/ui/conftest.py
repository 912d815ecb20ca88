"""Fixtures for the widget tests: a prepared meeting file in tmp_path, and the app on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from uihelpers import TODAY, prepared_session

from erfakit.io.meeting_file.document import save_session
from erfakit.ui.app import MeetingApp


@pytest.fixture
def meeting_path(tmp_path: Path) -> Path:
    path = tmp_path / "moede.json"
    save_session(prepared_session(), path)
    return path


@pytest.fixture
def app(meeting_path: Path) -> Iterator[MeetingApp]:
    meeting = MeetingApp(meeting_path, lang="da", today=lambda: TODAY)
    yield meeting
    meeting.close()


@pytest.fixture
def other_process() -> Iterator[int]:
    """A live process that is not this one (it stands in for an old Voilà kernel)."""
    import subprocess

    process = subprocess.Popen(["sleep", "120"])
    yield process.pid
    process.kill()
    process.wait()
