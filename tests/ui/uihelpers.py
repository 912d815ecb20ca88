"""Helpers for the widget tests: read the file back from disk, find widgets by CSS class."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

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
from erfakit.io.meeting_file.document import load_session

TODAY = dt.date(2026, 12, 3)


def visit(app, part):
    """Go to ``part`` as the navigation bar does and return its screen (built on first showing)."""
    app.go(part)
    return app.show_part(part)


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
        meeting=Meeting(
            afdeling="Afdeling 7 – Opfundne Have", date=TODAY, place="Hovedkontoret", tovholder="Tove Holder"
        ),
        participants=[
            Participant(function=function, name=f"Deltager {index}") for index, function in enumerate(Function)
        ],
        agreements=[
            Agreement(
                text="Fælles infomøde om genhusning",
                theme=Theme.BOLIGFORHOLD,
                origin=Origin.EARLIER,
                origin_meeting="Erfaringsgruppe 3",
            ),
            Agreement(text="Nyt bænkeområde i gården", theme=Theme.FAELLESAREALER, origin=Origin.EARLIER),
        ],
        composition=Composition(residents_source="Opfundet", board_source="Optalt", rows=rows) if composition else None,
    )


def reload(path: Path) -> Session:
    """The meeting file as it is on disk now."""
    return load_session(path)


def on_disk_within(path: Path, check, seconds: float = 1.0) -> Session:
    """Poll the meeting file until ``check(session)`` holds; fail after ``seconds`` (the promise)."""
    deadline = time.monotonic() + seconds
    while True:
        session = reload(path)
        if check(session):
            return session
        if time.monotonic() > deadline:
            raise AssertionError(f"not on disk within {seconds} s")
        time.sleep(0.02)


def find(widget, css: str):
    """Every widget under ``widget`` carrying the CSS class ``css`` (the browser tests' selectors)."""
    found = []
    if css in getattr(widget, "_dom_classes", ()):
        found.append(widget)
    for child in getattr(widget, "children", ()):
        found.extend(find(child, css))
    return found


def walk(widget):
    """``widget`` and every widget under it, in the order the screen shows them."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def one(widget, css: str):
    """The single widget under ``widget`` with class ``css``."""
    found = find(widget, css)
    assert len(found) == 1, f"{len(found)} widgets with class {css}"
    return found[0]


def submit(field) -> None:
    """Press Enter in a text field, as the browser does (the field's JavaScript sends "submit")."""
    field._handle_custom_msg({"type": "submit"}, [])


def shown_text(widget) -> str:
    """Every string value and description under ``widget``, joined: what the screen shows."""
    parts = []
    for name in ("value", "description"):
        value = getattr(widget, name, None)
        if isinstance(value, str):
            parts.append(value)
    for child in getattr(widget, "children", ()):
        parts.append(shown_text(child))
    return "\n".join(parts)


def hold_lock_elsewhere(path: Path, pid: int) -> None:
    """Write the meeting file's lock as if process ``pid`` (alive, another process) held it."""
    import json
    import socket
    from dataclasses import asdict

    from erfakit.io.meeting_file import lock, processes

    holder = lock.Holder(
        pid=pid,
        host=socket.gethostname(),
        user="anden",
        since="2026-12-03T14:00:00",
        started=processes.process_start(pid),
    )
    lock.lock_path(path).write_text(json.dumps(asdict(holder)), encoding="utf-8")


def open_details(screen):
    """Open Øvelse 1 B's "Vis detaljer" (the full tables and charts are built then); returns ``screen``."""
    one(screen, "erfakit-composition-details-toggle").value = True
    return screen
