"""What the meeting hands out afterwards: the action list (.xlsx, .csv), the calendar (.ics) and
the next meeting file seeded with the open agreements.

Each format has a pure ``dumps_…`` function returning bytes (tested without a disk) and a thin
``write_…`` wrapper that writes the file atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from erfakit.core.agreements import origin_text, responsible_text, sort_agreements
from erfakit.core.formatting import format_date
from erfakit.core.model import (
    AgreementStatus,
    MeetingPlan,
    Origin,
    PlannedMeeting,
    Session,
    Topics,
)
from erfakit.exceptions import ErfakitError
from erfakit.texts import label, text

TIMEZONE = ZoneInfo("Europe/Copenhagen")

# Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_COLUMNS = ("text", "theme", "responsible", "deadline", "status", "origin")
_COLUMN_WIDTHS = {"text": 70, "theme": 34, "responsible": 30, "deadline": 12, "status": 13, "origin": 34}

# SEQUENCE must grow when an event changes, or Outlook ignores the update. We keep no state between
# exports, so a later export gets a higher number: minutes since this epoch.
_SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

OPEN_STATUSES = (AgreementStatus.OPEN, AgreementStatus.IN_PROGRESS)


def neutralise_cell(value: str) -> str:
    """Text that a spreadsheet shows as text: a leading ``= + - @``, tab or CR gets a ``'`` before it."""
    if value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def action_list_headers(lang: str = "da") -> list[str]:
    """The action list's column headings: what, theme, responsible, deadline, status, origin."""
    return [text(f"report.actions.col.{column}", lang) for column in _COLUMNS]


def action_list_rows(session: Session, lang: str = "da") -> list[list[str | dt.date | None]]:
    """One row per agreement (by theme, earlier ones first), columns as `action_list_headers`.

    The deadline stays a `datetime.date`.
    Text cells are neutralised (see `neutralise_cell`), so every writer can use them as they are.
    """
    rows: list[list[str | dt.date | None]] = []
    for agreement in sort_agreements(session.agreements):
        rows.append(
            [
                neutralise_cell(agreement.text),
                label(agreement.theme, lang),
                neutralise_cell(responsible_text(agreement, lang)),
                agreement.deadline,
                label(agreement.status, lang),
                neutralise_cell(origin_text(agreement, lang)),
            ]
        )
    return rows


def dumps_actions_csv(session: Session, lang: str = "da") -> bytes:
    """The action list as CSV for Danish Excel: ``;``-separated, UTF-8 with BOM, CRLF line ends.

    Deadlines are written as ``dd.mm.yyyy``, which Danish Excel reads as a date.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(action_list_headers(lang))
    for row in action_list_rows(session, lang):
        writer.writerow(["" if cell is None else _csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(cell: str | dt.date) -> str:
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    return cell


def dumps_actions_xlsx(session: Session, lang: str = "da") -> bytes:
    """The action list as an Excel workbook: bold frozen header, widths, filter, real dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text("report.actions.sheet", lang)
    sheet.append(action_list_headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row in action_list_rows(session, lang):
        sheet.append(row)
    deadline_column = _COLUMNS.index("deadline") + 1
    for index, column in enumerate(_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _COLUMN_WIDTHS[column]
        for cell in sheet[letter][1:]:
            # openpyxl would otherwise read a text cell starting with "=" as a formula.
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if index == deadline_column and cell.value is not None:
                cell.number_format = "DD-MM-YYYY" if lang == "da" else "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_COLUMNS))}{max(sheet.max_row, 1)}"
    workbook.properties.title = text("report.actions.title", lang, afdeling=session.meeting.afdeling)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def meeting_identity(session: Session) -> str:
    """A stable name for the meeting (group, afdeling, organisation, date) that ids derive from."""
    meeting = session.meeting
    return "|".join(
        [meeting.group.strip(), meeting.organisation.strip(), meeting.afdeling.strip(), meeting.date.isoformat()]
    )


def planned_meeting_uid(session: Session, index: int) -> str:
    """The calendar UID of the plan's `index`-th meeting: the same on every export of this meeting.

    It is derived from the meeting and the position in the plan, not the date, so moving a date
    updates the calendar entry instead of adding a second one.
    """
    digest = hashlib.sha256(f"{meeting_identity(session)}|plan|{index}".encode()).hexdigest()[:24]
    return f"{digest}@erfakit"


def dumps_plan_ics(session: Session, lang: str = "da", *, now: dt.datetime) -> bytes:
    """The meeting plan as an iCalendar file (RFC 5545): one VEVENT per planned meeting.

    Times are Europe/Copenhagen with a VTIMEZONE; the description lists the topics agreed in
    Øvelse 3. `now` (timezone-aware) becomes DTSTAMP and orders re-exports by SEQUENCE.
    Raises `ErfakitError` when the plan has no dates.
    """
    from icalendar import Calendar, Event

    dates = session.plan.dates
    if not dates:
        raise ErfakitError(text("report.ics.no_dates", lang), text("report.ics.no_dates_hint", lang))
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    sequence = max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds() // 60))
    calendar = Calendar()
    calendar.add("prodid", "-//erfakit//erfakit//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text("report.ics.calendar_name", lang, afdeling=session.meeting.afdeling))
    summary = text("report.ics.summary", lang, afdeling=session.meeting.afdeling)
    description = plan_description(session, lang)
    for index, planned in enumerate(dates):
        start = dt.datetime.combine(planned.date, planned.start_time, tzinfo=TIMEZONE)
        event = Event()
        event.add("uid", planned_meeting_uid(session, index))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=session.plan.duration_minutes))
        event.add("summary", summary)
        location = planned.place.strip() or session.plan.place.strip() or session.meeting.place.strip()
        if location:
            event.add("location", location)
        event_description = description
        if planned.note.strip():
            event_description = f"{planned.note.strip()}\n\n{description}"
        event.add("description", event_description)
        calendar.add_component(event)
    # A VTIMEZONE for the plan's years only, not icalendar's default 1970–2038 (70 lines of RDATEs).
    years = sorted(planned.date.year for planned in dates)
    calendar.add_missing_timezones(first_date=dt.date(years[0], 1, 1), last_date=dt.date(years[-1] + 1, 1, 1))
    return calendar.to_ical()


def plan_description(session: Session, lang: str = "da") -> str:
    """The calendar description: what the group meets about, wants to know, and its projects."""
    topics = session.topics
    lines = [text("report.ics.description_intro", lang, group=session.meeting.group)]
    if topics.meet_about.strip():
        lines += ["", text("guide.o3.meet_about", lang), topics.meet_about.strip()]
    if topics.want_to_know.strip():
        lines += ["", text("guide.o3.want_to_know", lang), topics.want_to_know.strip()]
    if topics.projects:
        lines += ["", text("guide.o3.projects", lang)]
        for project in topics.projects:
            owner = " – ".join(
                part
                for part in (
                    label(project.owner_function, lang) if project.owner_function else "",
                    project.owner_person.strip(),
                )
                if part
            )
            lines.append(f"• {project.title}" + (f" ({owner})" if owner else ""))
    return "\n".join(lines)


def meeting_reference(session: Session, lang: str = "da") -> str:
    """How later meetings name this one: "Erfaringsgruppe 4 – videre forløb (26. november 2026)"."""
    return f"{session.meeting.group} ({format_date(session.meeting.date, lang)})"


def next_planned_meeting(session: Session, *, today: dt.date) -> PlannedMeeting | None:
    """The first planned meeting after both `today` and this meeting's date, or None."""
    after = max(today, session.meeting.date)
    upcoming = sorted((planned for planned in session.plan.dates if planned.date > after), key=lambda p: p.date)
    return upcoming[0] if upcoming else None


def next_meeting_session(session: Session, *, today: dt.date, lang: str = "da") -> Session:
    """The next meeting's file: same group and participants, the next planned date, empty answers.

    The open agreements (open or in progress; not done or dropped) come along as agreements of an
    earlier meeting, so the next Velkommen starts from them. One that was already from an earlier
    meeting keeps the name of that meeting. The composition and the partner grid come along too (they
    describe the afdeling, not this meeting); the rest of the plan's dates stay in the plan.
    Raises `ErfakitError` when the plan has no date after `today`.
    """
    planned = next_planned_meeting(session, today=today)
    if planned is None:
        raise ErfakitError(text("report.next.no_date", lang), text("report.next.no_date_hint", lang))
    reference = meeting_reference(session, lang)
    carried = [
        agreement.model_copy(
            update={
                "origin": Origin.EARLIER,
                "origin_meeting": agreement.origin_meeting
                if agreement.origin == Origin.EARLIER and agreement.origin_meeting.strip()
                else reference,
            }
        )
        for agreement in session.agreements
        if agreement.status in OPEN_STATUSES
    ]
    meeting = session.meeting.model_copy(
        update={
            "date": planned.date,
            "start_time": planned.start_time,
            "duration_minutes": session.plan.duration_minutes,
            "place": planned.place.strip() or session.plan.place.strip() or session.meeting.place,
        }
    )
    remaining = [other for other in session.plan.dates if other.date > planned.date]
    plan = MeetingPlan(
        interval=session.plan.interval,
        weekday=session.plan.weekday,
        start_time=session.plan.start_time,
        duration_minutes=session.plan.duration_minutes,
        place=session.plan.place,
        months=session.plan.months,
        closure_days=list(session.plan.closure_days),
        dates=remaining,
    )
    return Session(
        meeting=meeting,
        participants=[participant.model_copy() for participant in session.participants],
        composition=session.composition.model_copy(deep=True) if session.composition else None,
        partners=[partner.model_copy() for partner in session.partners],
        dismissed_merges=list(session.dismissed_merges),
        agreements=carried,
        plan=plan,
        topics=Topics(),
        agenda=dict(session.agenda),
        display=session.display.model_copy(),
    )


def write_bytes_atomic(data: bytes, path: Path, *, lang: str = "da") -> Path:
    """Write `data` to `path` via a temporary file in the same folder, so no half file is left.

    A folder that cannot be written (read-only, full, a file in the way) raises `ErfakitError`
    naming the file and the reason; an existing file at `path` is then untouched.
    """
    path = Path(path)
    # open(..., "xb") rather than mkstemp: the file gets the user's normal permissions, not 0600,
    # so a report written to a shared folder can be read by the colleagues it is for.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "xb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        _remove_quietly(temporary)
        raise ErfakitError(
            text("report.write_failed", lang, file=str(path), reason=error.strerror or str(error)),
            text("report.write_failed_hint", lang),
        ) from None
    except BaseException:
        _remove_quietly(temporary)
        raise
    return path


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the folder itself is the problem; the error being raised says so


def write_actions_csv(session: Session, path: Path, lang: str = "da") -> Path:
    """Write the action list as CSV (see `dumps_actions_csv`); returns the path."""
    return write_bytes_atomic(dumps_actions_csv(session, lang), path, lang=lang)


def write_actions_xlsx(session: Session, path: Path, lang: str = "da") -> Path:
    """Write the action list as .xlsx (see `dumps_actions_xlsx`); returns the path."""
    return write_bytes_atomic(dumps_actions_xlsx(session, lang), path, lang=lang)


def write_plan_ics(session: Session, path: Path, lang: str = "da", *, now: dt.datetime) -> Path:
    """Write the meeting plan as .ics (see `dumps_plan_ics`); returns the path."""
    return write_bytes_atomic(dumps_plan_ics(session, lang, now=now), path, lang=lang)
