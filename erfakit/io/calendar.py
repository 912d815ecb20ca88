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
import re
import unicodedata
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from erfakit.core.guide import parts_of
from erfakit.core.model import MeetingKind, PlannedMeeting, Session
from erfakit.core.next_meeting import follow_up_agenda
from erfakit.core.people import owner_text, participants_by_function
from erfakit.exceptions import ErfakitError
from erfakit.io.atomic import write_bytes_atomic
from erfakit.texts import label, text

TIMEZONE = ZoneInfo("Europe/Copenhagen")


# SEQUENCE must grow when an event changes, or Outlook ignores the update. We keep no state between
# exports, so a later export gets a higher number: minutes since this epoch.
_SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

NO_ADDRESS = "invalid:nomail"
"""The calendar address of a participant whose e-mail address the kit was not given.

RFC 5545 makes an ATTENDEE's value a URI; a name alone cannot stand there. ``invalid:nomail`` is the
placeholder calendar programs use for a name without an address (Apple Calendar recognises it as "no
address"; exporters of Outlook data write attendees without an SMTP address this way) — no program
can send mail to it. The names are in the description too, for programs that leave attendees out of
an imported file.
"""


def dumps_plan_ics(session: Session, lang: str = "da", *, now: dt.datetime) -> bytes:
    """The meeting plan as an iCalendar file (RFC 5545): one VEVENT per planned meeting.

    Each event's UID is its planned date's own (`PlannedMeeting.uid`, kept when the date moves, when
    the plan is made anew and in the next meeting's file), so importing a re-exported plan updates
    the same events; a date taken out of the plan (`MeetingPlan.cancelled`) is exported as a
    cancelled event. Times are Europe/Copenhagen with a VTIMEZONE; the participants are attendees
    (with an address only when one was given, else `NO_ADDRESS`); the description holds the
    koordinationsmøde's agenda, the topics agreed in Øvelse 3 and the participants. `now`
    (timezone-aware) becomes DTSTAMP and orders re-exports by SEQUENCE.
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
    attendees = _attendees(session)
    planned_events = [(planned, False) for planned in dates] + [(planned, True) for planned in session.plan.cancelled]
    for planned, cancelled in planned_events:
        start = dt.datetime.combine(planned.date, planned.start_time, tzinfo=TIMEZONE)
        event = Event()
        event.add("uid", event_uid(planned))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=session.plan.duration_minutes))
        event.add("summary", summary)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        location = ics_text(planned.place or session.plan.place or session.meeting.place).strip()
        if location:
            event.add("location", vText(location))
        event_description = description
        if cancelled:
            event_description = text("report.ics.cancelled", lang)
        elif planned.note.strip():
            event_description = f"{planned.note.strip()}\n\n{description}"
        event.add("description", vText(ics_text(event_description)))
        for attendee in attendees:
            event.add("attendee", attendee, encode=False)
        calendar.add_component(event)
    # A VTIMEZONE for the plan's years only, not icalendar's default 1970–2038 (70 lines of RDATEs).
    years = sorted(planned.date.year for planned, _ in planned_events)
    calendar.add_missing_timezones(first_date=dt.date(years[0], 1, 1), last_date=dt.date(years[-1] + 1, 1, 1))
    content = calendar.to_ical()
    check_ics_lines(content, lang)
    return content


def _attendees(session: Session) -> list[Any]:
    """One ATTENDEE per named participant: their name as CN, their address only when given."""
    from icalendar import vCalAddress

    attendees = []
    for participant in session.participants:
        name = _parameter_text(participant.name)
        if not name:
            continue
        email = participant.email.strip()
        address = vCalAddress(f"mailto:{email}" if _EMAIL.fullmatch(email) else NO_ADDRESS)
        address.params["CN"] = name
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "FALSE"
        attendees.append(address)
    return attendees


_EMAIL = re.compile(r"[^@\s:;,\"<>]+@[^@\s:;,\"<>]+\.[^@\s:;,\"<>]+")


def _parameter_text(value: str) -> str:
    """A name as a parameter value can hold it: one line, no control characters, ``'`` for ``"``.

    RFC 5545 gives a parameter value no escapes (a double quote cannot stand in one), and parsers
    disagree about backslashes in it, so a backslash becomes ``/``: the description holds the
    name exactly.
    """
    one_line = ics_text(value).replace("\n", " ").strip()
    return one_line.replace('"', "'").replace("\\", "/")


_SAFE_UID = re.compile(r"[!-~]{1,255}")


def event_uid(planned: PlannedMeeting) -> str:
    """The event's UID: the planned date's own, or (from a hand-edited file whose UID is not printable
    ASCII) one derived from it the same way on every export."""
    if _SAFE_UID.fullmatch(planned.uid):
        return planned.uid
    return hashlib.sha256(planned.uid.encode("utf-8", "surrogatepass")).hexdigest()[:24] + "@erfakit"


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
    """The calendar description: the koordinationsmøde's agenda, what the group meets about and wants
    to know, its projects, and the participants by function."""
    topics = session.topics
    lines = [text("report.ics.description_intro", lang, group=session.meeting.group)]
    agenda = follow_up_agenda(session)
    lines += ["", text("report.ics.agenda", lang)]
    for number, part in enumerate(parts_of(MeetingKind.KOORDINATION), start=1):
        lines.append(text("report.ics.agenda_item", lang, number=number, part=label(part, lang), minutes=agenda[part]))
    if topics.meet_about.strip():
        lines += ["", text("guide.o3.meet_about", lang), topics.meet_about.strip()]
    if topics.want_to_know.strip():
        lines += ["", text("guide.o3.want_to_know", lang), topics.want_to_know.strip()]
    if topics.projects:
        lines += ["", text("guide.o3.projects", lang)]
        for project in topics.projects:
            owner = owner_text(project.owner_function, project.owner_person, lang)
            lines.append(f"• {project.title}" + (f" ({owner})" if owner else ""))
    people = [
        f"{label(function, lang)}: {', '.join(p.name.strip() for p in members if p.name.strip())}"
        for function, members in participants_by_function(session.participants).items()
        if any(p.name.strip() for p in members)
    ]
    if people:
        lines += ["", text("report.ics.participants", lang), *people]
    return "\n".join(lines)


def write_plan_ics(session: Session, path: Path, lang: str = "da", *, now: dt.datetime) -> Path:
    """Write the meeting plan as .ics (see `dumps_plan_ics`); returns the path."""
    return write_bytes_atomic(dumps_plan_ics(session, lang, now=now), path, lang=lang)
