"""One register of agreements across meetings and afdelinger: every agreement and joint project once,
with its latest status, its whole history, whether it is overdue, and a summary per afdeling and theme.

Pure: meeting files already read (`Session`s with where they came from) and "today" in, a `Register`
out. `erfakit.io.register` reads the folders and writes the workbook and the HTML overview.

How meetings are joined: an agreement keeps its id from the meeting where it was made
(`erfakit.core.identity`), and every later meeting file carries it on. The register takes each id's
latest state from the file of the latest meeting that holds it (the later of two files of one day),
and its history from all of them: one entry per meeting date, the latest file's word on a date
winning. An agreement a version-1 file knew under another id (`former_id`) is joined with it. An id
found in two different afdelinger is kept apart and named as a conflict: a register must never merge
two afdelingers' agreements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from erfakit.core.agreements import carried_origin_meeting, is_overdue
from erfakit.core.identity import meeting_reference
from erfakit.core.model import Agreement, AgreementStatus, Function, Project, Session, StatusChange, Theme

ItemKind = Literal["agreement", "project"]


@dataclass(frozen=True)
class SourceFile:
    """A meeting file the register was built from."""

    path: str
    afdeling: str
    date: dt.date
    reference: str


@dataclass
class RegisterEntry:
    """One agreement or joint project across all the meetings that hold it."""

    id: str
    kind: ItemKind
    afdeling: str
    made_on: dt.date | None
    theme: Theme | None
    text: str
    function: Function | None
    person: str
    deadline: dt.date | None
    status: AgreementStatus
    agreed_at: str
    history: list[StatusChange]
    overdue: bool
    latest_source: str
    """The meeting file the latest state comes from."""
    meetings: list[str] = field(default_factory=list)
    """The meetings (by name) whose files hold it, oldest first."""

    @property
    def last_change(self) -> StatusChange | None:
        """The last meeting's word on it, or None."""
        return self.history[-1] if self.history else None


@dataclass(frozen=True)
class SummaryRow:
    """Counts of one afdeling and theme ("" for all themes; `project` rows are the joint projects)."""

    afdeling: str
    theme: Theme | None
    projects: bool
    total: int
    open: int
    in_progress: int
    done: int
    dropped: int
    overdue: int


@dataclass
class Register:
    """The register: entries in afdeling, theme and id order, the files read, and id conflicts."""

    today: dt.date
    entries: list[RegisterEntry]
    sources: list[SourceFile]
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, afdeling kept, other afdeling) for an id found in two afdelinger."""

    def summary(self) -> list[SummaryRow]:
        """Per afdeling: one row per theme holding agreements, one for its joint projects, and its total
        (theme None, projects False); at the end the grand total (afdeling "")."""
        return summarise(self.entries)


@dataclass
class _Seen:
    item: Agreement | Project
    source: SourceFile
    order: int


def build_register(meetings: Iterable[tuple[str, Session]], *, today: dt.date) -> Register:
    """The register of every agreement and joint project in `meetings` ((path, session) pairs).

    `today` decides what is overdue: open or in progress with a deadline before it.
    """
    loaded = [
        (SourceFile(path, session.meeting.afdeling, session.meeting.date, meeting_reference(session)), session)
        for path, session in meetings
    ]
    loaded.sort(key=lambda pair: pair[0].date)  # stable: files of one day keep the order given
    canonical: dict[str, str] = {}  # former id (version 1) → the id first seen for it
    versions: dict[tuple[str, str], list[_Seen]] = {}
    afdeling_of: dict[str, str] = {}
    conflicts: list[tuple[str, str, str]] = []
    order = 0
    for source, session in loaded:
        items: list[Agreement | Project] = [*session.agreements, *session.topics.projects]
        for item in items:
            key = item.id
            if item.former_id:
                key = canonical.setdefault(item.former_id, item.id)
            afdeling = afdeling_of.setdefault(key, source.afdeling)
            if afdeling != source.afdeling:
                if (key, afdeling, source.afdeling) not in conflicts:
                    conflicts.append((key, afdeling, source.afdeling))
                afdeling = source.afdeling
            if isinstance(item, Agreement):
                reference = carried_origin_meeting(item, source.reference)
                item = item.model_copy(update={"origin_meeting": reference})
            versions.setdefault((key, afdeling), []).append(_Seen(item, source, order))
            order += 1
    entries = [_entry(key, afdeling, seen, today) for (key, afdeling), seen in versions.items()]
    entries.sort(key=_entry_order)
    return Register(today=today, entries=entries, sources=[source for source, _ in loaded], conflicts=conflicts)


def _entry(key: str, afdeling: str, seen: list[_Seen], today: dt.date) -> RegisterEntry:
    in_order = sorted(seen, key=lambda version: (version.source.date, version.order))
    latest = in_order[-1]
    item = latest.item
    by_date: dict[dt.date, StatusChange] = {}
    for version in in_order:
        for change in version.item.history:
            by_date[change.date] = change
    if isinstance(item, Agreement):
        kind: ItemKind = "agreement"
        theme, what, function, person = item.theme, item.text, item.responsible_function, item.responsible_person
        agreed_at = item.origin_meeting
    else:
        kind, theme, what, function, person = "project", None, item.title, item.owner_function, item.owner_person
        agreed_at = in_order[0].source.reference
    return RegisterEntry(
        id=key,
        kind=kind,
        afdeling=afdeling,
        made_on=item.made_on,
        theme=theme,
        text=what,
        function=function,
        person=person,
        deadline=item.deadline,
        status=item.status,
        agreed_at=agreed_at,
        history=[by_date[date] for date in sorted(by_date)],
        overdue=is_overdue(item, today),
        latest_source=latest.source.path,
        meetings=list(dict.fromkeys(version.source.reference for version in in_order)),
    )


_THEME_ORDER = {theme: position for position, theme in enumerate(Theme)}


def _entry_order(entry: RegisterEntry) -> tuple[object, ...]:
    theme = _THEME_ORDER[entry.theme] if entry.theme is not None else len(_THEME_ORDER)
    return (entry.afdeling, theme, entry.made_on or dt.date.min, entry.id)


def summarise(entries: Iterable[RegisterEntry]) -> list[SummaryRow]:
    """Counts per afdeling and theme, per afdeling, and in all (see `Register.summary`)."""
    entries = list(entries)
    rows: list[SummaryRow] = []
    afdelinger = list(dict.fromkeys(entry.afdeling for entry in entries))
    for afdeling in afdelinger:
        own = [entry for entry in entries if entry.afdeling == afdeling]
        for theme in Theme:
            themed = [entry for entry in own if entry.kind == "agreement" and entry.theme == theme]
            if themed:
                rows.append(_count(afdeling, theme, False, themed))
        projects = [entry for entry in own if entry.kind == "project"]
        if projects:
            rows.append(_count(afdeling, None, True, projects))
        rows.append(_count(afdeling, None, False, own))
    rows.append(_count("", None, False, entries))
    return rows


def _count(afdeling: str, theme: Theme | None, projects: bool, entries: list[RegisterEntry]) -> SummaryRow:
    def count(status: AgreementStatus) -> int:
        return sum(1 for entry in entries if entry.status == status)

    return SummaryRow(
        afdeling=afdeling,
        theme=theme,
        projects=projects,
        total=len(entries),
        open=count(AgreementStatus.OPEN),
        in_progress=count(AgreementStatus.IN_PROGRESS),
        done=count(AgreementStatus.DONE),
        dropped=count(AgreementStatus.DROPPED),
        overdue=sum(1 for entry in entries if entry.overdue),
    )


def open_entries(register: Register) -> list[RegisterEntry]:
    """The entries still to follow up (open or in progress), overdue ones first."""
    still = [entry for entry in register.entries if entry.status not in (AgreementStatus.DONE, AgreementStatus.DROPPED)]
    return sorted(still, key=lambda entry: (not entry.overdue, entry.deadline or dt.date.max, entry.afdeling))
