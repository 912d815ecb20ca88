"""The meeting guide "Erfaringsgruppe 4 – videre forløb" as structure: parts, sections, questions.

Each question of the guide has a stable id; its wording (Danish word for word, and English) lives in
the text catalogue under ``guide.<id>``. Free-text answers are stored in `Session.answers` under the
same id, so forms, report and meeting file agree on one list.
"""

from __future__ import annotations

from dataclasses import dataclass

from erfakit.core.model import PartId


@dataclass(frozen=True)
class Section:
    """A heading of the guide with the free-text questions under it."""

    id: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """One part of the meeting: one screen, one time box."""

    id: PartId
    sections: tuple[Section, ...]


OVELSE1_SECTIONS = (
    Section("o1.a", ("o1.a.role", "o1.a.interests", "o1.a.how")),
    Section("o1.b", ("o1.b.good", "o1.b.composition", "o1.b.resources", "o1.b.competences")),
    Section("o1.c", ("o1.c.development", "o1.c.contribute")),
)

OVELSE2_SECTIONS = (
    Section("o2.shared", ("o2.shared",)),
    Section("o2.establish", ("o2.establish",)),
)

PARTS: tuple[Part, ...] = (
    Part(PartId.VELKOMMEN, ()),
    Part(PartId.OVELSE1, OVELSE1_SECTIONS),
    Part(PartId.OVELSE2, OVELSE2_SECTIONS),
    Part(PartId.OVELSE3, ()),
    Part(PartId.AFSLUTNING, ()),
)

ANSWER_IDS: tuple[str, ...] = tuple(
    question for part in PARTS for section in part.sections for question in section.questions
)
"""Every free-text question whose answer lives in `Session.answers`, in guide order."""

MIN_DEMOCRACY_AGREEMENTS = 2
"""The guide asks Øvelse 1 to end with (at least) two agreements on resident democracy."""

DEMOCRACY_EXAMPLES: tuple[str, ...] = ("guide.o1.example1", "guide.o1.example2")
"""Catalogue keys of the guide's two example agreements, offered as starting points."""
