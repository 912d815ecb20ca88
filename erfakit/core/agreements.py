"""The agreements: grouped by Øvelse 3's four themes, counted for Øvelse 1, and as an action list.

An agreement's place in the lists is its theme first (in model order: Boligforhold under
renoveringen, Fællesarealer, Beboerdemokrati, Samarbejdspartnere), then where it was made (earlier
meetings before today's exercises, in meeting order), then the order it was entered.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from erfakit.core.guide import MIN_DEMOCRACY_AGREEMENTS
from erfakit.core.model import Agreement, AgreementStatus, Origin, Theme
from erfakit.texts import label, text

ACTION_LIST_COLUMNS = ["what", "theme", "responsible", "deadline", "status", "origin"]
"""The columns of `agreements_frame`; their display headers are `agreement_column_labels`."""

_ORIGIN_ORDER = {origin: position for position, origin in enumerate(Origin)}
_THEME_ORDER = {theme: position for position, theme in enumerate(Theme)}


def sort_agreements(agreements: Iterable[Agreement]) -> list[Agreement]:
    """Agreements by theme (model order), then earlier before today's, then as entered."""
    return sorted(agreements, key=lambda a: (_THEME_ORDER[a.theme], _ORIGIN_ORDER[a.origin]))


def group_agreements_by_theme(agreements: Iterable[Agreement]) -> dict[Theme, list[Agreement]]:
    """Øvelse 3's recap: every theme (all four, in model order, empty ones too) with its agreements.

    Within a theme, earlier meetings' agreements come first, then today's by exercise, each in
    the order entered.
    """
    grouped: dict[Theme, list[Agreement]] = {theme: [] for theme in Theme}
    for agreement in sort_agreements(agreements):
        grouped[agreement.theme].append(agreement)
    return grouped


def count_democracy_agreements(agreements: Iterable[Agreement]) -> int:
    """How many of Øvelse 1's agreements on resident democracy exist ("1 af 2 aftaler").

    Counts agreements made today in Øvelse 1 with theme Beboerdemokrati and some text; a dropped
    one does not count (the guide asks for agreements the group will act on).
    """
    return sum(
        1
        for agreement in agreements
        if agreement.origin == Origin.OVELSE1
        and agreement.theme == Theme.BEBOERDEMOKRATI
        and agreement.status != AgreementStatus.DROPPED
        and agreement.text.strip()
    )


def democracy_progress(agreements: Iterable[Agreement], lang: str = "da") -> str:
    """Øvelse 1's counter: "1 af 2 aftaler" until the guide's two exist, then that the goal is met."""
    count = count_democracy_agreements(agreements)
    key = "democracy_done" if count >= MIN_DEMOCRACY_AGREEMENTS else "democracy_progress"
    return text(f"meeting_core.agreements.{key}", lang, count=count, required=MIN_DEMOCRACY_AGREEMENTS)


def responsible_text(agreement: Agreement, lang: str = "da") -> str:
    """Who is responsible, as one text: "Drift – Anna Holm", "Drift", "Anna Holm" or ""."""
    parts = []
    if agreement.responsible_function is not None:
        parts.append(label(agreement.responsible_function, lang))
    if agreement.responsible_person.strip():
        parts.append(agreement.responsible_person.strip())
    return " – ".join(parts)


def origin_text(agreement: Agreement, lang: str = "da") -> str:
    """Where the agreement was made: "Øvelse 1", or "Tidligere møde: Erfaringsgruppe 3 (12. maj 2026)"."""
    origin = label(agreement.origin, lang)
    if agreement.origin_meeting.strip():
        return text(
            "meeting_core.agreements.origin_with_meeting", lang, origin=origin, meeting=agreement.origin_meeting.strip()
        )
    return origin


def agreements_frame(agreements: Iterable[Agreement], lang: str = "da") -> pd.DataFrame:
    """The action list: one row per agreement, in `sort_agreements` order, labels in `lang`.

    Columns (see `ACTION_LIST_COLUMNS`): ``what`` (the agreement's text as typed), ``theme``,
    ``responsible`` (function and/or person), ``deadline`` (a `datetime.date`, or None),
    ``status`` and ``origin`` (all display text in `lang`). The index is the agreements' ids
    (named ``id``), so a row can be traced back to the meeting file. Text is not escaped or
    neutralised here: the HTML report and the spreadsheet export do that for their formats.
    """
    ordered = sort_agreements(agreements)
    rows = [
        {
            "what": agreement.text,
            "theme": label(agreement.theme, lang),
            "responsible": responsible_text(agreement, lang),
            "deadline": agreement.deadline,
            "status": label(agreement.status, lang),
            "origin": origin_text(agreement, lang),
        }
        for agreement in ordered
    ]
    index = pd.Index([agreement.id for agreement in ordered], name="id", dtype=object)
    return pd.DataFrame(rows, columns=ACTION_LIST_COLUMNS, index=index, dtype=object)


def agreement_column_labels(lang: str = "da") -> dict[str, str]:
    """Display headers of `agreements_frame`'s columns: {"what": "Aftale", "deadline": "Frist", …}."""
    return {column: text(f"meeting_core.agreements.column.{column}", lang) for column in ACTION_LIST_COLUMNS}
