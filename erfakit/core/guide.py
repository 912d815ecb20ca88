"""The meeting guide "Erfaringsgruppe 4 – videre forløb" as structure: parts, sections, questions —
and the koordinationsmøde that follows it, built from what its Øvelse 3 decided.

Each question of the guide has a stable id; its wording (Danish word for word, and English) lives in
the text catalogue under ``guide.<id>``. Free-text answers are stored in `Session.answers` under the
same id, so forms, report and meeting file agree on one list.

Which parts a meeting has depends on its kind (`parts_of`): the fourth meeting runs the guide's five
parts; a koordinationsmøde runs a round of status on every open agreement, the chosen topics and
what the group wanted to know, the joint projects, new agreements, and the next date.
"""

from __future__ import annotations

from dataclasses import dataclass

from erfakit.core.model import MeetingKind, PartId


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
"""Every free-text question of the fourth meeting whose answer lives in `Session.answers`, in guide order."""

KOORDINATION_SECTIONS = (
    Section("k.meet_about", ("k.meet_about",)),
    Section("k.want_to_know", ("k.want_to_know",)),
)
"""A koordinationsmøde's notes: what came up on the topics the group meets about, and on what it
wanted to know (the standing topics themselves are `Session.topics`, carried from meeting to meeting)."""

KOORDINATION_PARTS: tuple[Part, ...] = (
    Part(PartId.STATUS, ()),
    Part(PartId.EMNER, KOORDINATION_SECTIONS),
    Part(PartId.PROJEKTER, ()),
    Part(PartId.NYE_AFTALER, ()),
    Part(PartId.NAESTE, ()),
)

PARTS_BY_KIND: dict[MeetingKind, tuple[Part, ...]] = {
    MeetingKind.ERFARINGSGRUPPE4: PARTS,
    MeetingKind.KOORDINATION: KOORDINATION_PARTS,
}


def parts_of(kind: MeetingKind) -> tuple[PartId, ...]:
    """The parts of a meeting of `kind`, in meeting order."""
    return tuple(part.id for part in PARTS_BY_KIND[kind])


def answer_ids(kind: MeetingKind) -> tuple[str, ...]:
    """The free-text questions of a meeting of `kind`, in order."""
    return tuple(q for part in PARTS_BY_KIND[kind] for section in part.sections for q in section.questions)


MIN_DEMOCRACY_AGREEMENTS = 2
"""The guide asks Øvelse 1 to end with (at least) two agreements on resident democracy."""

DEMOCRACY_EXAMPLES: tuple[str, ...] = ("guide.o1.example1", "guide.o1.example2")
"""Catalogue keys of the guide's two example agreements, offered as starting points."""
