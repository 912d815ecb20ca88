"""The people of the meeting: who is responsible for what, and the participants by function.

"Who" is written one way everywhere (forms, report, action list, calendar): the function's label
and the person's name joined by `OWNER_SEPARATOR`, e.g. "Drift – Anna Holm".
"""

from __future__ import annotations

from collections.abc import Iterable

from erfakit.core.model import Function, Participant
from erfakit.texts import label

OWNER_SEPARATOR = " – "
"""Between a function and a person: an en dash with spaces, as Danish typesetting has it."""


def owner_text(function: Function | None, person: str, lang: str = "da") -> str:
    """Who is responsible, as one text: "Drift – Anna Holm", "Drift", "Anna Holm" or ""."""
    parts = [label(function, lang)] if function is not None else []
    if person.strip():
        parts.append(person.strip())
    return OWNER_SEPARATOR.join(parts)


def participants_by_function(participants: Iterable[Participant]) -> dict[Function, list[Participant]]:
    """Every function (all five, in model order, empty ones too) with its participants as entered."""
    grouped: dict[Function, list[Participant]] = {function: [] for function in Function}
    for participant in participants:
        grouped[participant.function].append(participant)
    return grouped
