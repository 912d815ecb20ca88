"""Small HTML builders for the report. Every piece of user text passes through `esc`.

The report is plain HTML strings: no widgets (they vanish offline) and no templating of user text
anywhere else, so escaping happens in exactly one place.
"""

from __future__ import annotations

import base64
import html
import io
import sys
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from erfakit.core.agreements import ACTION_LIST_COLUMNS, action_item, action_list_headers
from erfakit.core.formatting import format_short_date
from erfakit.core.model import Agreement
from erfakit.texts import text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Large enough to read on A4 (17 cm wide at about 100 dpi), small enough to keep the report < 1 MB.
CHART_DPI = 90


def esc(value: object) -> str:
    """`value` as HTML text: ``<``, ``>``, ``&`` and both quotes escaped."""
    return html.escape(str(value), quote=True)


def paragraph(value: str, *, css_class: str = "") -> str:
    """A paragraph of user text; line breaks kept, everything escaped."""
    lines = esc(value.strip()).splitlines()
    class_attr = f' class="{css_class}"' if css_class else ""
    return f"<p{class_attr}>" + "<br>".join(lines) + "</p>"


def answer(value: str | None, lang: str) -> str:
    """An answer field: its text, or "(ikke besvaret)" when empty, so a gap shows as a gap."""
    if value is None or not value.strip():
        return f'<p class="erfa-unanswered">{esc(text("report.unanswered", lang))}</p>'
    return paragraph(value, css_class="erfa-answer")


def heading(level: int, value: str, *, css_class: str = "") -> str:
    """An escaped heading ``<hN>``."""
    class_attr = f' class="{css_class}"' if css_class else ""
    return f"<h{level}{class_attr}>{esc(value)}</h{level}>"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    css_class: str = "",
    empty: str = "",
) -> str:
    """A table with escaped headers and cells; ``empty`` (escaped) replaces a table without rows."""
    body = ["<tr>" + "".join(f"<td>{_cell(cell)}</td>" for cell in row) + "</tr>" for row in rows]
    if not body and empty:
        return f'<p class="erfa-empty">{esc(empty)}</p>'
    head = "<tr>" + "".join(f'<th scope="col">{esc(header)}</th>' for header in headers) + "</tr>"
    class_attr = f' class="erfa-table {css_class}"' if css_class else ' class="erfa-table"'
    return f"<table{class_attr}><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


class Markup(str):
    """HTML already built (and escaped) by this module, to be placed in a table cell unchanged."""


def _cell(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return "<br>".join(esc(line) for line in str(value).splitlines()) or ""


def agreement_table(
    agreements: Iterable[Agreement], lang: str, *, with_theme: bool = True, with_id: bool = False
) -> str:
    """The action list's table of `agreements` in the order given: what, theme (unless `with_theme`
    is False: the table stands under its theme), responsible, deadline, status, where agreed; with
    `with_id` the agreement's id first (as the status round shows it)."""
    columns = [column for column in ACTION_LIST_COLUMNS if with_theme or column != "theme"]
    if with_id:
        columns.insert(0, "id")
    headers = action_list_headers(lang, columns)
    rows = []
    for agreement in agreements:
        item = action_item(agreement, lang)
        rows.append(
            [
                format_short_date(item.deadline, lang) if column == "deadline" else getattr(item, column)
                for column in columns
            ]
        )
    return table(
        [headers[column] for column in columns],
        rows,
        css_class="erfa-actions erfa-with-id" if with_id else "erfa-actions",
        empty=text("report.no_agreements", lang),
    )


def bullet_list(items: Iterable[str | Markup], *, empty: str = "") -> str:
    """An unordered list of escaped items (`Markup` items kept as they are)."""
    rendered = [f"<li>{_cell(item)}</li>" for item in items]
    if not rendered:
        return f'<p class="erfa-empty">{esc(empty)}</p>' if empty else ""
    return "<ul>" + "".join(rendered) + "</ul>"


def figure_html(figure: Figure, alt: str, caption: str = "") -> str:
    """A matplotlib figure as an inline PNG ``<figure>`` (closed after rendering, so it never leaks)."""
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            # Very long labels (a pasted paragraph as a category) make constrained layout give up;
            # the chart is still drawn, just less tidy, and the report must not fail over it.
            warnings.filterwarnings("ignore", message=".*layout not applied.*", category=UserWarning)
            figure.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight", pad_inches=0.08)
    finally:
        _close(figure)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    caption_html = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="erfa-figure"><img src="data:image/png;base64,{encoded}" alt="{esc(alt)}">'
        f"{caption_html}</figure>"
    )


def _close(figure: Figure) -> None:
    # A figure made through pyplot stays registered there until closed; one made with
    # matplotlib.figure.Figure() is not registered and only needs to be dropped.
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(figure)


def section(section_id: str, body: Sequence[str], *, page_break: bool = True) -> str:
    """Wrap one report section; `page_break` starts it on a new printed page."""
    css = "erfa-section erfa-part" if page_break else "erfa-section"
    return f'<section class="{css}" id="erfa-{esc(section_id)}">' + "".join(body) + "</section>"
