"""Fixtures for the widget tests: a prepared meeting file in tmp_path, and the app on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from erfakit.core.model import (
    Agreement,
    Composition,
    CompositionRow,
    Function,
    Meeting,
    Origin,
    Participant,
    Session,
    Theme,
)
from erfakit.io.session_file import load_session, save_session
from erfakit.ui.app import MeetingApp

TODAY = dt.date(2026, 12, 3)


def prepared_session(*, composition: bool = True) -> Session:
    """What the analyst prepares: all five functions, earlier agreements, the composition."""
    rows = [
        CompositionRow(dimension="Køn", category="Kvinder", residents=540, board=2),
        CompositionRow(dimension="Køn", category="Mænd", residents=500, board=3),
        CompositionRow(dimension="Alder", category="18-29 år", residents=260, board=0),
        CompositionRow(dimension="Alder", category="30-64 år", residents=560, board=3),
        CompositionRow(dimension="Alder", category="65 år og derover", residents=220, board=2),
    ]
    return Session(
        meeting=Meeting(afdeling="Afdeling 7 – Opfundne Have", date=TODAY, place="Hovedkontoret", tovholder="Tove Holder"),
        participants=[Participant(function=function, name=f"Deltager {index}") for index, function in enumerate(Function)],
        agreements=[
            Agreement(text="Fælles infomøde om genhusning", theme=Theme.BOLIGFORHOLD, origin=Origin.EARLIER, origin_meeting="Erfaringsgruppe 3"),
            Agreement(text="Nyt bænkeområde i gården", theme=Theme.FAELLESAREALER, origin=Origin.EARLIER),
        ],
        composition=Composition(residents_source="Opfundet", board_source="Optalt", rows=rows) if composition else None,
    )


def reload(path: Path) -> Session:
    """The meeting file as it is on disk now."""
    return load_session(path)


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
