"""The meeting plan as an iCalendar file (.ics): one event per planned meeting.

`dumps_plan_ics` is pure (bytes out, tested without a disk); `write_plan_ics` writes the file
atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from erfakit.core.model import Session
from erfakit.core.people import owner_text
from erfakit.exceptions import ErfakitError
from erfakit.io.atomic import write_bytes_atomic
from erfakit.texts import text

TIMEZONE = ZoneInfo("Europe/Copenhagen")


# SEQUENCE must grow when an event changes, or Outlook ignores the update. We keep no state between
# exports, so a later export gets a higher number: minutes since this epoch.
_SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


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
            owner = owner_text(project.owner_function, project.owner_person, lang)
            lines.append(f"• {project.title}" + (f" ({owner})" if owner else ""))
    return "\n".join(lines)


def write_plan_ics(session: Session, path: Path, lang: str = "da", *, now: dt.datetime) -> Path:
    """Write the meeting plan as .ics (see `dumps_plan_ics`); returns the path."""
    return write_bytes_atomic(dumps_plan_ics(session, lang, now=now), path, lang=lang)
