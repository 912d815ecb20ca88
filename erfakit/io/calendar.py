r"""The meeting plan as an iCalendar file (.ics): one event per planned meeting.

`dumps_plan_ics` is pure (bytes out, tested without a disk); `write_plan_ics` writes the file
atomically.

Every user text (the afdeling in the calendar's name and the summary, places, notes, topics) goes
through `ics_text` and is written as an escaped TEXT value: line breaks of any kind become ``\n``,
``;``, ``,`` and ``\`` are escaped, control characters are dropped and lines are folded at 75
octets. The finished file is checked line by line (`check_ics_lines`), so not even a future bug can
let a text start a line of its own (``END:VEVENT``) — also under ``python -O``, where icalendar's own
assertions are gone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
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
    from icalendar import Calendar, Event, vText

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
    afdeling = ics_text(session.meeting.afdeling)
    calendar.add("x-wr-calname", vText(text("report.ics.calendar_name", lang, afdeling=afdeling)))
    summary = vText(text("report.ics.summary", lang, afdeling=afdeling))
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
        location = ics_text(planned.place or session.plan.place or session.meeting.place).strip()
        if location:
            event.add("location", vText(location))
        event_description = description
        if planned.note.strip():
            event_description = f"{planned.note.strip()}\n\n{description}"
        event.add("description", vText(ics_text(event_description)))
        calendar.add_component(event)
    # A VTIMEZONE for the plan's years only, not icalendar's default 1970–2038 (70 lines of RDATEs).
    years = sorted(planned.date.year for planned in dates)
    calendar.add_missing_timezones(first_date=dt.date(years[0], 1, 1), last_date=dt.date(years[-1] + 1, 1, 1))
    content = calendar.to_ical()
    check_ics_lines(content, lang)
    return content


def ics_text(value: str) -> str:
    """``value`` as an iCalendar TEXT can hold it: line breaks as ``\n``, no control characters.

    CR and CRLF become LF (escaped as ``\n`` by icalendar), other control characters (NUL, …) are
    dropped, and a lone surrogate, which no UTF-8 file can hold, becomes U+FFFD. Marks such as
    right-to-left and zero-width joiners (emoji) stay.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not value.isascii() or any(ord(character) < 32 or ord(character) == 127 for character in value):
        value = "".join(_ics_character(character) for character in value)
    return value


def _ics_character(character: str) -> str:
    if character in "\n\t":
        return character
    category = unicodedata.category(character)
    if category == "Cc":
        return ""
    if category == "Cs":
        return "\ufffd"
    return character


def check_ics_lines(content: bytes, lang: str = "da") -> None:
    """Refuse an .ics whose lines are not all folded, escaped content lines (`ErfakitError`).

    Every line must end in CRLF, be at most 75 octets, hold no other CR, LF or control character,
    and either be a property (``NAME:``/``NAME;``) or a folded continuation (starting with a space).
    """
    lines = content.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        bad = (
            len(line) > 75
            or any((byte < 32 and byte != 9) or byte == 127 for byte in line)
            or not (line[:1] == b" " or _starts_with_name(line))
        )
        if bad:
            raise ErfakitError(text("files.ics_broken_line", lang, line=number))


def _starts_with_name(line: bytes) -> bool:
    name = line.split(b":", 1)[0].split(b";", 1)[0]
    return bool(name) and all(chr(byte).isalnum() or byte == ord("-") for byte in name)


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
