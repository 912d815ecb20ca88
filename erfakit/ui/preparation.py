"""The analyst's preparation notebook (`notebooks/forberedelse.ipynb`), one function per cell.

Load → check → compare → (privacy) → charts → save. Each function displays its result and returns it for the next
cell. A problem in the files is shown as the kit's Danish message (no traceback) and the later cells
then show that there is nothing to do: the meeting file is only written when everything was read.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from IPython.display import HTML, Image, display

from erfakit.core.composition import CompositionComparison, compare_composition
from erfakit.core.model import Composition
from erfakit.exceptions import ErfakitError, InputFileErrors
from erfakit.texts import text

if TYPE_CHECKING:
    import pandas as pd


def _paths(*paths: str | Path | None) -> list[Path]:
    return [Path(p) for p in paths if p not in (None, "")]


def _show_problems(error: ErfakitError, lang: str) -> None:
    errors = error.errors if isinstance(error, InputFileErrors) else [error]
    items = "".join(
        f"<li><b>{html.escape(e.message)}</b>"
        + (f"<br>{html.escape(e.hint)}" if getattr(e, "hint", "") else "")
        + "</li>"
        for e in errors
    )
    intro = html.escape(text("composition.prep_problems", lang))
    display(HTML(f'<div class="erfakit-error"><p>{intro}</p><ul>{items}</ul></div>'))


def show_check(*paths: str | Path | None, lang: str = "da") -> bool:
    """Check the given files (residents first, then board, agreements) and show what was found.

    Returns True when everything can be used.
    """
    from erfakit.io.composition.check import check_files

    result = check_files(_paths(*paths), lang=lang)
    css = "erfakit-ok" if result.ok else "erfakit-error"
    body = "<br>".join(html.escape(line) for line in result.render(lang).splitlines())
    display(HTML(f'<div class="{css}">{body}</div>'))
    return result.ok


def load_composition(
    residents_path: str | Path, board_path: str | Path | None = None, *, lang: str = "da"
) -> Composition | None:
    """Read the composition; show its notes, or the problems (then return None)."""
    from erfakit.io.composition.assemble import read_composition

    try:
        composition = read_composition(residents_path, board_path or None, lang=lang)
    except ErfakitError as error:
        _show_problems(error, lang)
        return None
    dims = list(dict.fromkeys(row.dimension for row in composition.rows))
    lines = [text("composition.prep_loaded", lang, n=len(dims), dims=", ".join(dims))] + composition.notes
    display(HTML("<br>".join(html.escape(line) for line in lines)))
    return composition


def show_comparison(composition: Composition | None, *, lang: str = "da") -> CompositionComparison | None:
    """Compare and show: the per-dimension table, the per-category table and the talking points."""
    if composition is None:
        display(HTML(html.escape(text("composition.prep_nothing", lang))))
        return None
    try:
        comparison = compare_composition(composition)
    except ErfakitError as error:
        _show_problems(error, lang)
        return None
    points = "".join(f"<li>{html.escape(p)}</li>" for p in comparison.talking_points(lang))
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in comparison.all_notes(lang))
    display(
        HTML(
            f"<h3>{html.escape(text('composition.prep_dimensions_heading', lang))}</h3>"
            + comparison.display_dimensions(lang).to_html(index=False, escape=True)
            + f"<h3>{html.escape(text('composition.prep_categories_heading', lang))}</h3>"
            + comparison.display_table(lang).to_html(index=False, escape=True)
            + f"<h3>{html.escape(text('composition.prep_points_heading', lang))}</h3><ul>{points}</ul>"
            + f"<h3>{html.escape(text('composition.notes_heading', lang))}</h3><ul>{notes}</ul>"
        )
    )
    return comparison


def set_privacy(
    composition: Composition | None,
    sensitive_dimensions: Sequence[str] | None = None,
    *,
    show_small_counts_reason: str = "",
    lang: str = "da",
) -> Composition | None:
    """The analyst's privacy decisions, on a copy of the composition.

    ``sensitive_dimensions`` (Herkomst by default) are the dimensions whose small board counts are
    shown only as "under 3" / "3 eller flere" in the meeting and the report. A non-empty
    ``show_small_counts_reason`` shows them anyway; the reason is stored in the meeting file and
    printed in the report's notes. Returns None (and shows why) when ``composition`` is None.
    """
    if composition is None:
        display(HTML(html.escape(text("composition.prep_nothing", lang))))
        return None
    reason = show_small_counts_reason.strip()
    sensitive = list(sensitive_dimensions) if sensitive_dimensions is not None else composition.sensitive_dimensions
    updated = Composition.model_validate(
        {
            **composition.model_dump(),
            "sensitive_dimensions": sensitive,
            "show_small_counts": bool(reason),
            "show_small_counts_reason": reason,
        }
    )
    key = "composition.prep_small_counts_shown" if reason else "composition.prep_small_counts_hidden"
    display(HTML(html.escape(text(key, lang, dimensions=", ".join(sensitive) or "–", reason=reason))))
    return updated


def show_charts(comparison: CompositionComparison | None, *, lang: str = "da", large: bool = False) -> int:
    """One figure per dimension (shares and gap); returns how many were shown."""
    from erfakit.charts.composition import composition_figure

    if comparison is None:
        display(HTML(html.escape(text("composition.prep_nothing", lang))))
        return 0
    for dimension in comparison.dimension_names:
        # A PNG, not the Figure object: it shows the same in JupyterLab, Voilà and an nbconvert export,
        # whether or not a pyplot backend has registered a Figure formatter in this kernel.
        buffer = io.BytesIO()
        composition_figure(comparison, dimension, lang=lang, large=large).savefig(buffer, format="png")
        display(Image(data=buffer.getvalue(), format="png"))
    return len(comparison.dimension_names)


def show_portfolio(path: str | Path, *, lang: str = "da", top: int = 50) -> pd.DataFrame | None:
    """Read a file of many afdelinger and show them ranked by how far each board lies beyond chance."""
    from erfakit.core.portfolio import compare_portfolio, portfolio_display_table
    from erfakit.io.composition.portfolio import read_portfolio

    try:
        ranked = compare_portfolio(read_portfolio(path, lang=lang))
    except ErfakitError as error:
        _show_problems(error, lang)
        return None
    intro = text("composition.prep_portfolio", lang, n=ranked["afdeling"].nunique(), top=min(top, len(ranked)))
    table = portfolio_display_table(ranked.head(top), lang).to_html(index=False, escape=True)
    display(HTML(f"<p>{html.escape(intro)}</p>{table}"))
    return ranked


def save_composition(
    session_path: str | Path,
    composition: Composition | None,
    *,
    agreements_path: str | Path | None = None,
    lang: str = "da",
) -> bool:
    """Put the composition (and earlier agreements, if a file is given) into the meeting file.

    Earlier agreements from the file replace the meeting file's earlier ones; today's are kept.
    Nothing is written when anything could not be read. Returns True when the file was saved.
    """
    from erfakit.core.model import Origin
    from erfakit.io.meeting_file.document import load_session, save_session

    if composition is None:
        display(HTML(html.escape(text("composition.prep_not_saved", lang))))
        return False
    try:
        session = load_session(session_path, lang=lang)
        if agreements_path:
            from erfakit.io.action_list import read_agreements

            earlier = read_agreements(agreements_path, lang=lang)
            session.agreements = earlier + [a for a in session.agreements if a.origin != Origin.EARLIER]
        session.composition = composition
        save_session(session, session_path, lang=lang)
    except ErfakitError as error:
        _show_problems(error, lang)
        display(HTML(html.escape(text("composition.prep_not_saved", lang))))
        return False
    display(HTML(html.escape(text("composition.prep_saved", lang, file=Path(session_path).name))))
    return True
