"""The report's Øvelse 3: every agreement by theme, the meeting plan, and the three discussion points."""

from __future__ import annotations

from erfakit.core.agreements import group_agreements_by_theme
from erfakit.core.formatting import format_date, format_time
from erfakit.core.model import PartId, Session
from erfakit.core.people import owner_text
from erfakit.core.schedule import plan_warnings
from erfakit.report.html import agreement_table, answer, bullet_list, heading, paragraph, section, table
from erfakit.texts import label, text


def render_ovelse3(session: Session, lang: str) -> str:
    """All agreements grouped by the four themes, the meeting plan, and the three discussion points."""
    body = [
        heading(2, label(PartId.OVELSE3, lang)),
        paragraph(text("guide.o3.intro", lang), css_class="erfa-guide"),
        heading(3, text("report.o3.recap_heading", lang)),
    ]
    for theme, agreements in group_agreements_by_theme(session.agreements).items():
        body.append(heading(4, label(theme, lang)))
        body.append(agreement_table(agreements, lang, with_theme=False))
    body += [heading(3, text("report.o3.plan_heading", lang)), plan_html(session, lang)]
    topics = session.topics
    body += [
        heading(3, text("guide.o3.meet_about", lang), css_class="erfa-question"),
        answer(topics.meet_about, lang),
        heading(3, text("guide.o3.want_to_know", lang), css_class="erfa-question"),
        answer(topics.want_to_know, lang),
        heading(3, text("guide.o3.projects", lang), css_class="erfa-question"),
    ]
    project_rows = [
        [project.title, owner_text(project.owner_function, project.owner_person, lang)] for project in topics.projects
    ]
    body.append(
        table(
            [text("report.o3.project", lang), text("report.o3.owner", lang)],
            project_rows,
            empty=text("report.unanswered", lang),
        )
    )
    return section(PartId.OVELSE3.value, body)


def plan_html(session: Session, lang: str) -> str:
    """The meeting plan: its frequency, a table of the dates with notes, and the dates warned about."""
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
    parts.append(bullet_list(plan_warnings(plan.dates, lang)))
    return "".join(parts)
