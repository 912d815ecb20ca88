"""The report of a koordinationsmøde: the status round, the topics, the projects, the new agreements
and the plan — one section per part, as the fourth meeting's report has one per exercise."""

from __future__ import annotations

from erfakit.core.agreements import (
    action_item,
    group_agreements_by_theme,
    history_line,
    is_open,
    project_item,
)
from erfakit.core.formatting import format_short_date
from erfakit.core.model import Agreement, Origin, PartId, Project, Session
from erfakit.report.html import Markup, agreement_table, answer, bullet_list, heading, paragraph, section, table
from erfakit.report.sections.ovelse3 import plan_html
from erfakit.texts import label, text

_COLUMNS = ("id", "text", "responsible", "deadline", "status", "today", "earlier")


def _headers(lang: str) -> list[str]:
    return [text(f"report.koordination.column.{column}", lang) for column in _COLUMNS]


def _row(item: Agreement | Project, session: Session, lang: str) -> list[object]:
    shown = action_item(item, lang) if isinstance(item, Agreement) else project_item(item, lang)
    date = session.meeting.date
    today = [change for change in item.history if change.date == date]
    earlier = [change for change in item.history if change.date != date]
    said = ""
    if today:
        change = today[-1]
        said = change.note
        if change.new_deadline is not None:
            new = text("meeting_core.agreements.new_deadline", lang, date=format_short_date(change.new_deadline, lang))
            said = f"{said}\n({new})" if said else f"({new})"
    return [
        item.id,
        shown.text,
        shown.responsible,
        format_short_date(item.deadline, lang),
        shown.status,
        said,
        Markup(bullet_list(history_line(change, lang) for change in earlier)),
    ]


def render_status(session: Session, lang: str) -> str:
    """Every agreement's status after the round: the open ones by theme, then the closed ones, each with
    what was said today and its earlier history."""
    body = [
        heading(2, label(PartId.STATUS, lang)),
        paragraph(text("report.koordination.status_intro", lang), css_class="erfa-guide"),
    ]
    earlier = [agreement for agreement in session.agreements if agreement.origin != Origin.KOORDINATION]
    open_ones = [agreement for agreement in earlier if is_open(agreement)]
    for theme, agreements in group_agreements_by_theme(open_ones).items():
        if agreements:
            body += [
                heading(3, label(theme, lang)),
                table(_headers(lang), [_row(a, session, lang) for a in agreements], css_class="erfa-status"),
            ]
    if not open_ones:
        body.append(paragraph(text("meeting.koordination.no_open_agreements", lang)))
    closed = [agreement for agreement in earlier if not is_open(agreement)]
    body += [
        heading(3, text("meeting.koordination.closed_agreements", lang, count=len(closed))),
        table(
            _headers(lang),
            [_row(a, session, lang) for a in closed],
            css_class="erfa-status erfa-closed",
            empty=text("report.no_agreements", lang),
        ),
    ]
    return section(PartId.STATUS.value, body)


def render_emner(session: Session, lang: str) -> str:
    """What the group meets about and wants to know, and what came up today on each."""
    topics = session.topics
    body = [
        heading(2, label(PartId.EMNER, lang)),
        heading(3, text("guide.o3.meet_about", lang), css_class="erfa-question"),
        answer(topics.meet_about, lang),
        heading(4, text("guide.k.meet_about", lang), css_class="erfa-question"),
        answer(session.answers.get("k.meet_about"), lang),
        heading(3, text("guide.o3.want_to_know", lang), css_class="erfa-question"),
        answer(topics.want_to_know, lang),
        heading(4, text("guide.k.want_to_know", lang), css_class="erfa-question"),
        answer(session.answers.get("k.want_to_know"), lang),
    ]
    return section(PartId.EMNER.value, body)


def render_projekter(session: Session, lang: str) -> str:
    """The joint projects with their status, today's word and history."""
    body = [
        heading(2, label(PartId.PROJEKTER, lang)),
        table(
            _headers(lang),
            [_row(project, session, lang) for project in session.topics.projects],
            css_class="erfa-status",
            empty=text("report.koordination.no_projects", lang),
        ),
    ]
    return section(PartId.PROJEKTER.value, body)


def render_nye_aftaler(session: Session, lang: str) -> str:
    """The agreements made at this meeting."""
    new = [agreement for agreement in session.agreements if agreement.origin == Origin.KOORDINATION]
    body = [heading(2, label(PartId.NYE_AFTALER, lang)), agreement_table(new, lang, with_id=True)]
    return section(PartId.NYE_AFTALER.value, body)


def render_naeste(session: Session, lang: str) -> str:
    """The next dates."""
    body = [heading(2, label(PartId.NAESTE, lang)), plan_html(session, lang)]
    return section(PartId.NAESTE.value, body)
