"""The session report's sections: each a pure function from a `Session` to one HTML string.

The report notebook calls `show_section(name, …)` once per cell; the fast export path calls the same
`render_section` in-process. Everything the tovholder typed is escaped (see `erfakit.report.html`).
Charts are embedded as PNG; the report carries no widgets and no scripts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from erfakit.core.formatting import format_date, format_short_date, format_time
from erfakit.core.guide import OVELSE1_SECTIONS, Section
from erfakit.core.model import Agreement, Function, Origin, PartId, Session
from erfakit.exceptions import ErfakitError
from erfakit.report.composition_section import render_composition
from erfakit.report.html import Markup, answer, esc, heading, paragraph, section, table
from erfakit.report.partners_section import render_ovelse2
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
        f'<tr><th scope="row">{esc(text("report." + key, lang))}</th><td>{esc(value) if value.strip() else "–"}</td></tr>'
        for key, value in facts
        if key != "facts.organisation" or value.strip()
    )
    body = [
        f'<p class="erfa-kicker">{esc(text("guide.title", lang))}</p>',
        heading(1, text("report.title", lang, group=meeting.group)),
        f'<table class="erfa-facts">{fact_rows}</table>',
        heading(2, text("report.participants.heading", lang)),
        _participants_table(session, lang),
        heading(2, text("report.agenda.heading", lang)),
        _agenda_table(session, lang),
        heading(3, text("report.agenda.frame", lang)),
        paragraph(text("guide.frame", lang)),
        paragraph(text("guide.props", lang)),
    ]
    return section("forside", body, page_break=False)


def _participants_table(session: Session, lang: str) -> str:
    rows = []
    for function in Function:
        members = [p for p in session.participants if p.function == function]
        names = [
            ", ".join(part for part in (p.name.strip(), p.title.strip()) if part)
            or text("report.participants.unnamed", lang)
            for p in members
        ]
        rows.append([label(function, lang), "\n".join(names) if names else text("report.participants.nobody", lang)])
    return table([text("report.participants.function", lang), text("report.participants.names", lang)], rows)


def _agenda_table(session: Session, lang: str) -> str:
    clock = dt.datetime.combine(session.meeting.date, session.meeting.start_time)
    rows = []
    for part in PartId:
        minutes = session.agenda.get(part, 0)
        end = clock + dt.timedelta(minutes=minutes)
        span = f"{format_time(clock.time(), lang)}–{format_time(end.time(), lang).removeprefix('kl. ')}"
        rows.append([label(part, lang), str(minutes), span])
        clock = end
    headers = [text(f"report.agenda.{key}", lang) for key in ("part", "minutes", "clock")]
    return table(headers, rows, css_class="erfa-agenda")


def agreement_table(agreements: list[Agreement], lang: str, *, with_theme: bool = True) -> str:
    """The action table: what, theme, responsible, deadline, status (and where it was agreed)."""
    # Imported here: erfakit.core.agreements brings pandas, which `erfakit report` imports while
    # its chart workers already draw (see erfakit.report.figures).
    from erfakit.core.agreements import origin_text, responsible_text

    columns = ["text", "theme", "responsible", "deadline", "status", "origin"]
    if not with_theme:
        columns.remove("theme")
    headers = [text(f"report.actions.col.{column}", lang) for column in columns]
    rows = []
    for agreement in agreements:
        cells = {
            "text": agreement.text,
            "theme": label(agreement.theme, lang),
            "responsible": responsible_text(agreement, lang),
            "deadline": format_short_date(agreement.deadline, lang),
            "status": label(agreement.status, lang),
            "origin": origin_text(agreement, lang),
        }
        rows.append([cells[column] for column in columns])
    return table(headers, rows, css_class="erfa-actions", empty=text("report.no_agreements", lang))


def render_velkommen(session: Session, lang: str) -> str:
    """The recap of earlier agreements and what each function has discussed since."""
    earlier = [a for a in session.agreements if a.origin == Origin.EARLIER]
    since_rows = [
        [label(function, lang), Markup(answer(session.since_last.get(function), lang))] for function in Function
    ]
    body = [
        heading(2, label(PartId.VELKOMMEN, lang)),
        paragraph(text("guide.velkommen.recap", lang)),
        heading(3, text("report.velkommen.earlier_heading", lang)),
        paragraph(text("guide.velkommen.agreed", lang)),
        agreement_table(earlier, lang),
        heading(3, text("guide.velkommen.since", lang)),
        table(
            [text("report.participants.function", lang), text("report.velkommen.since_heading", lang)],
            since_rows,
            css_class="erfa-answers",
        ),
        paragraph(text("guide.velkommen.today", lang), css_class="erfa-guide"),
    ]
    return section(PartId.VELKOMMEN.value, body)


def render_ovelse1(session: Session, lang: str) -> str:
    """Øvelse 1's A) Relation and B) Status: every question word for word with its answer.

    The composition comparison (section "sammensaetning") follows, as it belongs to B; then
    `render_ovelse1_development` with C) and the part's agreements.
    """
    body = [heading(2, label(PartId.OVELSE1, lang)), paragraph(text("guide.o1.intro", lang), css_class="erfa-guide")]
    for guide_section in OVELSE1_SECTIONS[:2]:
        body.extend(_questions_and_answers(session, guide_section, lang))
    return section(PartId.OVELSE1.value, body)


def render_ovelse1_development(session: Session, lang: str) -> str:
    """Øvelse 1's C) Udvikling with its answers, and the agreements on resident democracy."""
    body = _questions_and_answers(session, OVELSE1_SECTIONS[2], lang)
    body.append(heading(3, text("report.o1.agreements_heading", lang)))
    body.append(agreement_table([a for a in session.agreements if a.origin == Origin.OVELSE1], lang))
    return section("ovelse1c", body, page_break=False)


def _questions_and_answers(session: Session, guide_section: Section, lang: str) -> list[str]:
    body = [heading(3, text(f"guide.{guide_section.id}", lang))]
    for question in guide_section.questions:
        body.append(heading(4, text(f"guide.{question}", lang), css_class="erfa-question"))
        body.append(answer(session.answers.get(question), lang))
    return body


def render_ovelse3(session: Session, lang: str) -> str:
    """All agreements grouped by the four themes, the meeting plan, and the three discussion points."""
    from erfakit.core.agreements import group_agreements_by_theme

    body = [
        heading(2, label(PartId.OVELSE3, lang)),
        paragraph(text("guide.o3.intro", lang), css_class="erfa-guide"),
        heading(3, text("report.o3.recap_heading", lang)),
    ]
    for theme, agreements in group_agreements_by_theme(session.agreements).items():
        body.append(heading(4, label(theme, lang)))
        body.append(agreement_table(agreements, lang, with_theme=False))
    body += [heading(3, text("report.o3.plan_heading", lang)), _plan(session, lang)]
    topics = session.topics
    body += [
        heading(3, text("guide.o3.meet_about", lang), css_class="erfa-question"),
        answer(topics.meet_about, lang),
        heading(3, text("guide.o3.want_to_know", lang), css_class="erfa-question"),
        answer(topics.want_to_know, lang),
        heading(3, text("guide.o3.projects", lang), css_class="erfa-question"),
    ]
    project_rows = [
        [
            project.title,
            " – ".join(
                part
                for part in (
                    label(project.owner_function, lang) if project.owner_function else "",
                    project.owner_person.strip(),
                )
                if part
            ),
        ]
        for project in topics.projects
    ]
    body.append(
        table(
            [text("report.o3.project", lang), text("report.o3.owner", lang)],
            project_rows,
            empty=text("report.unanswered", lang),
        )
    )
    return section(PartId.OVELSE3.value, body)


def _plan(session: Session, lang: str) -> str:
    plan = session.plan
    parts = [
        paragraph(
            text("report.o3.frequency", lang, interval=text(f"report.o3.interval.{plan.interval}", lang))
            if plan.interval
            else text("report.o3.no_frequency", lang)
        )
    ]
    rows = [
        [
            str(number),
            format_date(planned.date, lang, weekday=True),
            format_time(planned.start_time, lang),
            planned.place.strip() or plan.place.strip() or session.meeting.place,
            planned.note,
        ]
        for number, planned in enumerate(plan.dates, start=1)
    ]
    headers = [text(f"report.o3.{key}", lang) for key in ("number", "date", "time", "place", "note")]
    parts.append(table(headers, rows, css_class="erfa-plan", empty=text("report.o3.no_dates", lang)))
    return "".join(parts)


SECTIONS: dict[str, Callable[[Session, str], str]] = {
    "forside": render_front,
    "velkommen": render_velkommen,
    "ovelse1": render_ovelse1,
    "sammensaetning": render_composition,
    "ovelse1c": render_ovelse1_development,
    "ovelse2": render_ovelse2,
    "ovelse3": render_ovelse3,
}
"""The report's sections by name, in report order (the names the report notebook's cells use)."""


def render_section(name: str, session: Session, lang: str) -> str:
    """The HTML of section `name` (a key of `SECTIONS`); raises `ErfakitError` for an unknown name."""
    try:
        renderer = SECTIONS[name]
    except KeyError:
        raise ErfakitError(text("report.section.unknown", lang, name=name, allowed=", ".join(SECTIONS))) from None
    return renderer(session, lang)
