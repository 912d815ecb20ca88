"""The report's Velkommen: the earlier meetings' agreements and what each function has done since."""

from __future__ import annotations

from erfakit.core.model import Function, Origin, PartId, Session
from erfakit.report.html import Markup, agreement_table, answer, heading, paragraph, section, table
from erfakit.texts import label, text


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
