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
