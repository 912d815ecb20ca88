"""Helpers the benchmarks share: timing medians and a full-size meeting."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import (
    Agreement,
    Function,
    Meeting,
    Origin,
    Participant,
    Partner,
    PartnerCategory,
    Session,
    Theme,
)


def median_seconds(action: Callable[[], object], *, repeat: int = 50, warmup: int = 3) -> float:
    """The median wall time of ``action`` over ``repeat`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def bare_save(data: dict, path: Path) -> None:
    """The baseline every save benchmark is a ratio of: ``json.dumps`` + ``os.replace``, no fsync."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)


def full_meeting(*, partners: int = 40, agreements: int = 20) -> Session:
    """A meeting with every answer filled, ``partners`` partners and ``agreements`` agreements."""
    functions = list(Function)
    categories = list(PartnerCategory)
    themes = list(Theme)
    return Session(
        meeting=Meeting(afdeling="Afdeling 7 – Lærkeparken", date=dt.date(2026, 12, 3), place="Hovedkontoret"),
        participants=[Participant(function=f, name=f"Deltager {i}") for i, f in enumerate(functions * 2)],
        since_last={f: "Vi har talt om genhusning og fællesarealer. " * 4 for f in functions},
        answers={key: f"Svar på {key}: " + "beboerdemokraterne er vigtige. " * 6 for key in ANSWER_IDS},
        partners=[
            Partner(
                function=functions[i % 5],
                category=categories[i % 4],
                name=f"Partner nr. {i % 30}",
                activity="Fælles arrangementer i beboerhuset",
            )
            for i in range(partners)
        ],
        agreements=[
            Agreement(
                text=f"Aftale {i}: vi mødes med bestyrelsen hver måned.",
                theme=themes[i % 4],
                responsible_function=functions[i % 5],
                responsible_person="Camilla",
                deadline=dt.date(2027, 1, 1) + dt.timedelta(days=i),
                origin=Origin.EARLIER if i < 6 else Origin.OVELSE1,
            )
            for i in range(agreements)
        ],
    )


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER TARGET"
