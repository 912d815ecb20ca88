"""The report's composition section (Øvelse 1 B): the board compared with the adult residents, as
tables, charts and talking points, computed once by `erfakit.core.composition`."""

from __future__ import annotations

from erfakit.core.model import Session
from erfakit.report.html import bullet_list, esc, figure_html, heading, paragraph, section
from erfakit.texts import text


def render_composition(session: Session, lang: str) -> str:
    """Øvelse 1 B's comparison: one table, one chart per dimension, talking points, sources, notes."""
    body = [heading(3, text("report.o1.composition_heading", lang))]
    composition = session.composition
    if composition is None or not composition.rows:
        body.append(paragraph(text("report.o1.no_composition", lang), css_class="erfa-empty"))
        return section("sammensaetning", body, page_break=False)

    from erfakit.charts.composition import composition_figure
    from erfakit.core.composition import compare_composition

    comparison = compare_composition(composition)
    for note in composition.notes:
        body.append(paragraph(note, css_class="erfa-note"))
    body.append(_frame_html(comparison.display_table(lang)))
    body.append(heading(4, text("report.o1.talking_points", lang)))
    body.append(bullet_list(comparison.talking_points(lang)))
    dimensions = list(dict.fromkeys(row.dimension for row in composition.rows))
    for dimension in dimensions:
        figure = composition_figure(comparison, dimension, lang=lang)
        body.append(figure_html(figure, text("report.o1.chart_alt", lang, dimension=dimension)))
    if composition.residents_source.strip() or composition.board_source.strip():
        sources = text(
            "report.o1.sources",
            lang,
            residents=composition.residents_source.strip() or "–",
            board=composition.board_source.strip() or "–",
        )
        body.append(f'<p class="erfa-source">{esc(sources)}</p>')
    return section("sammensaetning", body, page_break=False)


def _frame_html(frame) -> str:
    """A pandas table as HTML with escaping ON (category labels come from the analyst's files).

    Columns: whatever `display_table` returns, already formatted as Danish text.
    """
    return frame.to_html(escape=True, index=False, na_rep="", border=0, classes=["erfa-table", "erfa-composition"])
