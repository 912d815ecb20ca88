"""The agreements: grouped by Øvelse 3's four themes, counted for Øvelse 1, checked as typed, followed
up meeting by meeting (`record_status`), and as the action list every front door shows (form lists,
report tables, spreadsheet, register, next meeting). Joint projects are followed up the same way and
stand in the action list as rows of their own kind.

An agreement's place in the lists is its theme first (in model order: Boligforhold under
renoveringen, Fællesarealer, Beboerdemokrati, Samarbejdspartnere), then where it was made (earlier
meetings before today's exercises, in meeting order), then the order it was entered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict, TypeVar

from erfakit.core.formatting import format_short_date
from erfakit.core.guide import MIN_DEMOCRACY_AGREEMENTS
from erfakit.core.identity import meeting_reference
from erfakit.core.model import (
    Agreement,
    AgreementStatus,
    Function,
    Origin,
    Project,
    Session,
    StatusChange,
    Theme,
)
from erfakit.core.people import owner_text
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text

Column = Literal[
    "id",
    "kind",
    "afdeling",
    "made_on",
    "theme",
    "text",
    "function",
    "person",
    "responsible",
    "deadline",
    "status",
    "last_note",
    "last_follow_up",
    "origin",
    "agreed_at",
]
ACTION_LIST_COLUMNS: tuple[Column, ...] = ("text", "theme", "responsible", "deadline", "status", "origin")
"""The columns the forms and the report show, in order: fields of `ActionItem`; headers by
`action_list_headers`."""

SPREADSHEET_COLUMNS: tuple[Column, ...] = (
    "id",
    "kind",
    "afdeling",
    "made_on",
    "theme",
    "text",
    "function",
    "person",
    "deadline",
    "status",
    "last_note",
    "last_follow_up",
    "agreed_at",
)
"""The action list's columns as a spreadsheet (and the register): one field each, so that reading the
list back restores every one of them (`erfakit.io.action_list`)."""

ItemKind = Literal["agreement", "project"]

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
    """One agreement (or joint project) as a row of the action list: display text in one language.

    Text is as typed: not escaped, not neutralised (the HTML report and the spreadsheets do that for
    their formats). Dates stay dates, so each format writes them its own way. `responsible` is
    function and person as one text (`owner_text`); `function` and `person` are the two apart, as a
    spreadsheet needs them to be read back. `agreed_at` names the meeting where it was made, as the
    next meeting file names it (`carried_origin_meeting`).
    """

    id: str
    text: str
    theme: str
    responsible: str
    deadline: dt.date | None
    status: str
    origin: str
    kind: str = ""
    afdeling: str = ""
    made_on: dt.date | None = None
    function: str = ""
    person: str = ""
    last_note: str = ""
    last_follow_up: dt.date | None = None
    agreed_at: str = ""

    def cells(self, columns: Sequence[Column] = ACTION_LIST_COLUMNS) -> list[str | dt.date | None]:
        """The row's values for `columns`, in that order."""
        return [getattr(self, column) for column in columns]


def carried_origin_meeting(agreement: Agreement, reference: str) -> str:
    """The meeting an agreement was made at, as a later meeting names it: its own `origin_meeting` when
    it came from an earlier meeting and says which, else `reference` (this meeting's name)."""
    if agreement.origin == Origin.EARLIER and agreement.origin_meeting.strip():
        return agreement.origin_meeting.strip()
    return reference


def action_item(agreement: Agreement, lang: str = "da", *, afdeling: str = "", reference: str = "") -> ActionItem:
    """One agreement as an action-list row (labels in `lang`); `afdeling` and `reference` (this
    meeting's name) fill the spreadsheet's columns."""
    last = agreement.history[-1] if agreement.history else None
    return ActionItem(
        id=agreement.id,
        text=agreement.text,
        theme=label(agreement.theme, lang),
        responsible=responsible_text(agreement, lang),
        deadline=agreement.deadline,
        status=label(agreement.status, lang),
        origin=origin_text(agreement, lang),
        kind=text("meeting_core.agreements.kind.agreement", lang),
        afdeling=afdeling,
        made_on=agreement.made_on,
        function=label(agreement.responsible_function, lang) if agreement.responsible_function else "",
        person=agreement.responsible_person,
        last_note=last.note if last else "",
        last_follow_up=last.date if last else None,
        agreed_at=carried_origin_meeting(agreement, reference) if reference else agreement.origin_meeting,
    )


def project_item(project: Project, lang: str = "da", *, afdeling: str = "", reference: str = "") -> ActionItem:
    """One joint project as an action-list row: no theme; its title is the "what"."""
    last = project.history[-1] if project.history else None
    return ActionItem(
        id=project.id,
        text=project.title,
        theme="",
        responsible=owner_text(project.owner_function, project.owner_person, lang),
        deadline=project.deadline,
        status=label(project.status, lang),
        origin=text("meeting_core.agreements.kind.project", lang),
        kind=text("meeting_core.agreements.kind.project", lang),
        afdeling=afdeling,
        made_on=project.made_on,
        function=label(project.owner_function, lang) if project.owner_function else "",
        person=project.owner_person,
        last_note=last.note if last else "",
        last_follow_up=last.date if last else None,
        agreed_at=reference,
    )


def action_list(agreements: Iterable[Agreement], lang: str = "da") -> list[ActionItem]:
    """The action list: one row per agreement, in `sort_agreements` order, labels in `lang`."""
    return [action_item(agreement, lang) for agreement in sort_agreements(agreements)]


def session_action_list(session: Session, lang: str = "da") -> list[ActionItem]:
    """The meeting's whole action list: every agreement (`sort_agreements` order), then every joint
    project (as entered), with the afdeling and the meeting's name filled in."""
    afdeling = session.meeting.afdeling
    reference = meeting_reference(session, lang)
    return [
        *(
            action_item(agreement, lang, afdeling=afdeling, reference=reference)
            for agreement in sort_agreements(session.agreements)
        ),
        *(project_item(project, lang, afdeling=afdeling, reference=reference) for project in session.topics.projects),
    ]


def action_list_headers(lang: str = "da", columns: Sequence[Column] = ACTION_LIST_COLUMNS) -> dict[Column, str]:
    """Display headers of the action list's columns: {"text": "Aftale", "deadline": "Frist", …}."""
    return {column: text(f"meeting_core.agreements.column.{column}", lang) for column in columns}


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


def check_new_deadline(deadline: dt.date | None, meeting_date: dt.date, lang: str = "da") -> dt.date | None:
    """A deadline set at a meeting as it is saved, or `FormInputError` in `lang` when it lies before it."""
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
    return deadline


def check_agreement(fields: AgreementFields, meeting_date: dt.date, lang: str = "da") -> AgreementFields:
    """The typed agreement as it is saved (text and person trimmed), or `FormInputError` in `lang`.

    Refused: an agreement without text, and a deadline before the meeting's date.
    """
    typed = fields["text"].strip()
    if not typed:
        raise FormInputError(
            text("meeting.error.agreement_text", lang), text("meeting.error.agreement_text_hint", lang)
        )
    check_new_deadline(fields["deadline"], meeting_date, lang)
    return {**fields, "text": typed, "responsible_person": fields["responsible_person"].strip()}


# --- Following up: status, note and new deadline, meeting by meeting ---------------------------------

Followed = TypeVar("Followed", Agreement, Project)

CLOSED_STATUSES = (AgreementStatus.DONE, AgreementStatus.DROPPED)
"""Done or dropped: such an item is folded away in the status round but stays in the file and lists."""


def is_open(item: Agreement | Project) -> bool:
    """Whether the item still needs following up (open or in progress)."""
    return item.status not in CLOSED_STATUSES


def record_status(
    item: Followed,
    *,
    date: dt.date,
    meeting: str = "",
    status: AgreementStatus | None = None,
    note: str | None = None,
    deadline: dt.date | None | Literal["unchanged"] = "unchanged",
) -> Followed:
    """`item` after a meeting on `date` said something about it: a status, a note, a new deadline.

    The item's current status and deadline change, and its history gets (or updates) the entry of
    that meeting date: one entry per meeting, however often the tovholder changes the fields during
    it. The entry keeps the new deadline only when the deadline changed. Returns a new object.
    """
    history = list(item.history)
    entry = history.pop() if history and history[-1].date == date else None
    if entry is None:
        entry = StatusChange(date=date, status=item.status, meeting=meeting)
    updates: dict[str, object] = {}
    entry_updates: dict[str, object] = {}
    if status is not None:
        updates["status"] = status
        entry_updates["status"] = status
    if note is not None:
        entry_updates["note"] = note.strip()
    if deadline != "unchanged" and deadline != item.deadline:
        updates["deadline"] = deadline
        entry_updates["new_deadline"] = deadline
    if meeting and not entry.meeting:
        entry_updates["meeting"] = meeting
    history.append(entry.model_copy(update=entry_updates))
    return item.model_copy(update={**updates, "history": history})


def latest_change(item: Agreement | Project) -> StatusChange | None:
    """The last meeting's word on the item, or None when no meeting followed it up yet."""
    return item.history[-1] if item.history else None


def is_overdue(item: Agreement | Project, today: dt.date) -> bool:
    """Open (or in progress) with a deadline before `today`."""
    return is_open(item) and item.deadline is not None and item.deadline < today


def history_line(change: StatusChange, lang: str = "da") -> str:
    """One status change as a line: "14.01.2027: I gang – ny frist 01.03.2027 – Listen er sendt rundt"."""
    parts = [label(change.status, lang)]
    if change.new_deadline is not None:
        parts.append(
            text("meeting_core.agreements.new_deadline", lang, date=format_short_date(change.new_deadline, lang))
        )
    if change.note.strip():
        parts.append(change.note.strip())
    return f"{format_short_date(change.date, lang)}: {' – '.join(parts)}"
