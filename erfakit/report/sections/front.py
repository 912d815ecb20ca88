"""The report's front page: title, the meeting's facts, participants by function, agenda and frame."""

from __future__ import annotations

import datetime as dt

from erfakit.core.formatting import format_date, format_time
from erfakit.core.guide import parts_of
from erfakit.core.model import MeetingKind, Session
from erfakit.core.people import participants_by_function
from erfakit.core.schedule import agenda_slots
from erfakit.report.html import esc, heading, paragraph, section, table
from erfakit.texts import label, text


def render_front(session: Session, lang: str) -> str:
    """Title, afdeling, date, time, place, tovholder, participants by function, agenda, frame."""
    meeting = session.meeting
    end = dt.datetime.combine(meeting.date, meeting.start_time) + dt.timedelta(minutes=meeting.duration_minutes)
    facts = [
        ("facts.afdeling", meeting.afdeling),
        ("facts.organisation", meeting.organisation),
        ("facts.date", format_date(meeting.date, lang, weekday=True)),
        (
            "facts.time",
            text(
                "report.facts.time_value",
                lang,
                start=format_time(meeting.start_time, lang),
                end=format_time(end.time(), lang).removeprefix("kl. "),
            ),
        ),
        ("facts.place", meeting.place),
        ("facts.tovholder", meeting.tovholder),
    ]
    fact_rows = "".join(
        f'<tr><th scope="row">{esc(text("report." + key, lang))}</th>'
        f"<td>{esc(value) if value.strip() else '–'}</td></tr>"
        for key, value in facts
        if key != "facts.organisation" or value.strip()
    )
    fourth = session.kind == MeetingKind.ERFARINGSGRUPPE4
    kicker = text("guide.title", lang) if fourth else text("report.koordination.kicker", lang)
    body = [
        f'<p class="erfa-kicker">{esc(kicker)}</p>',
        heading(1, text("report.title", lang, group=meeting.group)),
        f'<table class="erfa-facts">{fact_rows}</table>',
        purpose_html(lang, session.kind),
        heading(2, text("report.participants.heading", lang)),
        _participants_table(session, lang),
        heading(2, text("report.agenda.heading", lang)),
        _agenda_table(session, lang),
    ]
    if fourth:
        body += [
            heading(3, text("report.agenda.frame", lang)),
            paragraph(text("guide.frame", lang)),
            paragraph(text("guide.props", lang)),
        ]
    return section("forside", body, page_break=False)


def _participants_table(session: Session, lang: str) -> str:
    rows = []
    for function, members in participants_by_function(session.participants).items():
        names = [
            ", ".join(part for part in (p.name.strip(), p.title.strip()) if part)
            or text("report.participants.unnamed", lang)
            for p in members
        ]
        rows.append([label(function, lang), "\n".join(names) if names else text("report.participants.nobody", lang)])
    return table([text("report.participants.function", lang), text("report.participants.names", lang)], rows)


def _agenda_table(session: Session, lang: str) -> str:
    start = dt.datetime.combine(session.meeting.date, session.meeting.start_time)
    rows = [
        [label(slot.part, lang), str(session.agenda.get(slot.part, 0)), slot.clock_text(lang)]
        for slot in agenda_slots(session.agenda, start, parts=parts_of(session.kind))
    ]
    headers = [text(f"report.agenda.{key}", lang) for key in ("part", "minutes", "clock")]
    return table(headers, rows, css_class="erfa-agenda")


def purpose_html(lang: str, kind: MeetingKind = MeetingKind.ERFARINGSGRUPPE4) -> str:
    """The meeting's purpose and the AlmenNet guide's two recommendations it works on.

    A koordinationsmøde follows up on the fourth meeting; the format of the cooperation, which the
    fourth meeting agrees on at its end, is not its business."""
    items = "".join(f"<li>{esc(text(f'guide.recommendation{number}', lang))}</li>" for number in (1, 2))
    fourth = kind == MeetingKind.ERFARINGSGRUPPE4
    purpose = text("guide.purpose" if fourth else "guide.purpose_koordination", lang)
    closing = f"<p>{esc(text('guide.purpose_format', lang))}</p>" if fourth else ""
    return (
        f'<div class="erfa-purpose"><p><strong>{esc(text("guide.purpose_heading", lang))}</strong> '
        f"{esc(purpose)}</p><ol>{items}</ol>{closing}</div>"
    )
