"""The report's Øvelse 2: the partner grid, shared partners, the network picture, the partners to
establish or expand, and the agreements on drawing on each other's networks."""

from __future__ import annotations

from erfakit.core.model import Origin, PartId, Session
from erfakit.core.partners import PartnerGrid, find_shared_partners, partner_grid, partners_to_develop
from erfakit.report.figures import network_chart_html
from erfakit.report.html import Markup, agreement_table, answer, bullet_list, esc, heading, paragraph, section, table
from erfakit.texts import label, text


def render_ovelse2(session: Session, lang: str) -> str:
    """Øvelse 2 as HTML: grid, shared partners (computed), network chart, partners to develop."""
    body = [
        heading(2, label(PartId.OVELSE2, lang)),
        paragraph(text("guide.o2.intro", lang), css_class="erfa-guide"),
        heading(3, text("report.o2.grid_heading", lang)),
        _grid(partner_grid(session.partners), lang),
        heading(3, text("guide.o2.shared", lang), css_class="erfa-question"),
    ]
    shared = find_shared_partners(session.partners)
    shared_items = [
        text(
            "report.o2.shared_by",
            lang,
            partner=row.name,
            functions=", ".join(label(function, lang) for function in row.functions),
        )
        for row in shared.itertuples(index=False)
    ]
    body.append(bullet_list(shared_items, empty=text("report.o2.no_shared", lang)))
    body.append(answer(session.answers.get("o2.shared"), lang))
    if session.partners:
        body.append(heading(3, text("report.o2.network_heading", lang)))
        body.append(network_chart_html(session.partners, lang))
    body.append(heading(3, text("guide.o2.establish", lang), css_class="erfa-question"))
    develop_rows = [
        [
            partner.name,
            label(partner.function, lang),
            label(partner.category, lang),
            partner.activity,
            label(partner.status, lang),
        ]
        for partner in partners_to_develop(session.partners)
    ]
    headers = [
        text("report.o2.partner", lang),
        text("report.o2.function", lang),
        text("report.o2.category", lang),
        text("report.o2.activity", lang),
        text("report.o2.status", lang),
    ]
    body.append(table(headers, develop_rows, empty=text("report.o2.no_develop", lang)))
    body.append(answer(session.answers.get("o2.establish"), lang))
    body.append(heading(3, text("guide.o2.agreements", lang)))
    body.append(agreement_table([a for a in session.agreements if a.origin == Origin.OVELSE2], lang))
    return section(PartId.OVELSE2.value, body)


def _grid(grid: PartnerGrid, lang: str) -> str:
    """The 5 × 4 grid; each cell lists its partners with what the function does with them."""
    rows = []
    for function in grid.functions:
        cells: list[object] = [label(function, lang)]
        for category in grid.categories:
            items = []
            for entry in grid.entries(function, category):
                detail = f'<span class="erfa-activity">{esc(entry.activity)}</span>' if entry.activities else ""
                items.append(f'<li><span class="erfa-partner">{esc(entry.name)}</span>{detail}</li>')
            cells.append(Markup('<ul class="erfa-cell">' + "".join(items) + "</ul>") if items else "")
        rows.append(cells)
    headers = [text("report.o2.function", lang)] + [label(category, lang) for category in grid.categories]
    return table(headers, rows, css_class="erfa-grid")
