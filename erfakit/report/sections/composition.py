"""The report's composition section (Øvelse 1 B): the board compared with the residents, as talking
points, notes, tables and charts, computed once by `erfakit.core.composition`.

Whatever the comparison hides for privacy (small board counts in a sensitive dimension) stays hidden
here: the tables and charts come from its display methods. A dimension whose counts include
children says so in its heading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from erfakit.core.model import Session
from erfakit.exceptions import ErfakitError
from erfakit.report.figures import composition_chart_html, report_comparison
from erfakit.report.html import bullet_list, esc, heading, paragraph, section
from erfakit.texts import text

if TYPE_CHECKING:
    import pandas as pd

    from erfakit.core.model import Composition

_RENDERED: dict[tuple[str, str], str] = {}
"""The last section rendered, by the composition's JSON and the language: the composition does not
change during a meeting, so the meeting's export renders it once (when the report is warmed up)."""


def render_composition(session: Session, lang: str) -> str:
    """Øvelse 1 B's comparison: talking points, tables and one chart per dimension, sources."""
    composition = session.composition
    if composition is None or not composition.rows:
        body = [heading(3, text("report.o1.composition_heading", lang))]
        body.append(paragraph(text("report.o1.no_composition", lang), css_class="erfa-empty"))
        return section("sammensaetning", body, page_break=False)
    key = (composition.model_dump_json(), lang)
    if key not in _RENDERED:
        rendered = _render_composition(composition, lang)
        _RENDERED.clear()
        _RENDERED[key] = rendered
    return _RENDERED[key]


def forget_rendered() -> None:
    """Drop the kept section (see `erfakit.report.render.forget_rendered`)."""
    _RENDERED.clear()


def _render_composition(composition: Composition, lang: str) -> str:
    try:
        comparison = report_comparison(composition)
    except ErfakitError as error:
        body = [heading(3, text("report.o1.composition_heading", lang))]
        body.append(paragraph(f"{error.message} {error.hint}", css_class="erfa-empty"))
        return section("sammensaetning", body, page_break=False)
    # "…with the adult residents" only when every dimension counts adults only.
    adults = all(comparison.adults_only(d) for d in comparison.dimension_names)
    body = [heading(3, text("report.o1.composition_heading" if adults else "composition.report_heading_all", lang))]
    body.append(heading(4, text("report.o1.talking_points", lang)))
    body.append(bullet_list(comparison.talking_points(lang)))
    notes = comparison.all_notes(lang)
    if notes:
        body.append(heading(4, text("composition.notes_heading", lang)))
        body.append(bullet_list(notes))
    body.append(heading(4, text("report.o1.overall_heading", lang)))
    body.append(_frame_html(comparison.display_dimensions(lang)))
    for dimension in comparison.dimension_names:
        title = (
            dimension
            if comparison.adults_only(dimension)
            else f"{dimension} ({comparison.population(dimension, lang)})"
        )
        body.append(heading(4, title))
        # The dimension is the heading just above: its column would only repeat it on every row.
        table_frame = comparison.display_table(lang, dimension=dimension).iloc[:, 1:]
        body.append(_frame_html(table_frame))
        body.append(composition_chart_html(comparison, dimension, lang))
    if composition.residents_source.strip() or composition.board_source.strip():
        sources = text(
            "report.o1.sources",
            lang,
            residents=composition.residents_source.strip() or "–",
            board=composition.board_source.strip() or "–",
        )
        body.append(f'<p class="erfa-source">{esc(sources)}</p>')
    return section("sammensaetning", body, page_break=False)


def _frame_html(frame: pd.DataFrame) -> str:
    """A pandas table as HTML with escaping ON (category labels come from the analyst's files).

    Columns: whatever `display_table` / `display_dimensions` return, already formatted as text.
    """
    return frame.to_html(escape=True, index=False, na_rep="", border=0, classes=["erfa-table", "erfa-composition"])
