"""The agreements: grouped by Øvelse 3's four themes, counted for Øvelse 1, checked as typed, and as
the action list every front door shows (form lists, report tables, spreadsheet, next meeting).

An agreement's place in the lists is its theme first (in model order: Boligforhold under
renoveringen, Fællesarealer, Beboerdemokrati, Samarbejdspartnere), then where it was made (earlier
meetings before today's exercises, in meeting order), then the order it was entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

from erfakit.core.formatting import format_short_date
from erfakit.core.guide import MIN_DEMOCRACY_AGREEMENTS
from erfakit.core.model import Agreement, AgreementStatus, Function, Origin, Theme
from erfakit.core.people import owner_text
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text

Column = Literal["text", "theme", "responsible", "deadline", "status", "origin"]
ACTION_LIST_COLUMNS: tuple[Column, ...] = ("text", "theme", "responsible", "deadline", "status", "origin")
"""The action list's columns, in order: the fields of `ActionItem`; headers by `action_list_headers`."""

LINE_CHARS = 110
"""An agreement's text is cut to this many characters in a one-line list entry (`agreement_line`)."""

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
    return owner_text(agreement.responsible_function, agreement.responsible_person, lang)


def origin_text(agreement: Agreement, lang: str = "da") -> str:
    """Where the agreement was made: "Øvelse 1", or "Tidligere møde: Erfaringsgruppe 3 (12. maj 2026)"."""
    origin = label(agreement.origin, lang)
    if agreement.origin_meeting.strip():
        return text(
            "meeting_core.agreements.origin_with_meeting", lang, origin=origin, meeting=agreement.origin_meeting.strip()
        )
    return origin


@dataclass(frozen=True)
class ActionItem:
    """One agreement as a row of the action list: display text in one language.

    Text is as typed: not escaped, not neutralised (the HTML report and the spreadsheets do that for
    their formats). `deadline` stays a date, so each format writes it its own way.
    """

    id: str
    text: str
    theme: str
    responsible: str
    deadline: dt.date | None
    status: str
    origin: str

    def cells(self, columns: Sequence[Column] = ACTION_LIST_COLUMNS) -> list[str | dt.date | None]:
        """The row's values for `columns`, in that order."""
        return [getattr(self, column) for column in columns]


def action_item(agreement: Agreement, lang: str = "da") -> ActionItem:
    """One agreement as an action-list row (labels in `lang`)."""
    return ActionItem(
        id=agreement.id,
        text=agreement.text,
        theme=label(agreement.theme, lang),
        responsible=responsible_text(agreement, lang),
        deadline=agreement.deadline,
        status=label(agreement.status, lang),
        origin=origin_text(agreement, lang),
    )


def action_list(agreements: Iterable[Agreement], lang: str = "da") -> list[ActionItem]:
    """The action list: one row per agreement, in `sort_agreements` order, labels in `lang`."""
    return [action_item(agreement, lang) for agreement in sort_agreements(agreements)]


def action_list_headers(lang: str = "da") -> dict[Column, str]:
    """Display headers of the action list's columns: {"text": "Aftale", "deadline": "Frist", …}."""
    return {column: text(f"meeting_core.agreements.column.{column}", lang) for column in ACTION_LIST_COLUMNS}


def agreement_line(agreement: Agreement, lang: str = "da", *, with_theme: bool = True) -> str:
    """One line for a list of agreements: "Tekst (Tema · Drift – Anna · frist 01.03.2027)".

    The text is cut to `LINE_CHARS`; the theme is left out where the list stands under it already.
    """
    item = action_item(agreement, lang)
    parts = [item.theme] if with_theme else []
    if item.responsible:
        parts.append(item.responsible)
    if item.deadline:
        parts.append(text("meeting.agreement.deadline_short", lang, date=format_short_date(item.deadline, lang)))
    head = agreement_head(agreement)
    return f"{head} ({' · '.join(parts)})" if parts else head


def agreement_head(agreement: Agreement) -> str:
    """The agreement's text on one line, cut to `LINE_CHARS`: how a message or a list names it."""
    head = agreement.text.replace("\n", " ")
    return head if len(head) <= LINE_CHARS else head[: LINE_CHARS - 1] + "…"


def replace_origin(agreements: Sequence[Agreement], origin: Origin, made_there: Sequence[Agreement]) -> list[Agreement]:
    """`agreements` with the ones made in `origin` replaced by `made_there`, each in a place of one.

    The agreements of the other exercises keep their places; extra ones come last (as an added
    agreement does).
    """
    replacements = iter(made_there)
    replaced: list[Agreement] = []
    for agreement in agreements:
        if agreement.origin != origin:
            replaced.append(agreement)
        elif (replacement := next(replacements, None)) is not None:
            replaced.append(replacement)
    return [*replaced, *replacements]


class AgreementFields(TypedDict):
    """What the agreement form gathers: everything of an `Agreement` but its id, status and origin."""

    text: str
    theme: Theme
    responsible_function: Function | None
    responsible_person: str
    deadline: dt.date | None


def check_agreement(fields: AgreementFields, meeting_date: dt.date, lang: str = "da") -> AgreementFields:
    """The typed agreement as it is saved (text and person trimmed), or `FormInputError` in `lang`.

    Refused: an agreement without text, and a deadline before the meeting's date.
    """
    typed = fields["text"].strip()
    if not typed:
        raise FormInputError(
            text("meeting.error.agreement_text", lang), text("meeting.error.agreement_text_hint", lang)
        )
    deadline = fields["deadline"]
    if deadline is not None and deadline < meeting_date:
        raise FormInputError(
            text(
                "meeting.error.deadline_past",
                lang,
                date=format_short_date(deadline, lang),
                meeting=format_short_date(meeting_date, lang),
            ),
            text("meeting.error.deadline_past_hint", lang),
        )
    return {**fields, "text": typed, "responsible_person": fields["responsible_person"].strip()}
