"""Øvelse 2's network: the five functions in the middle, their partners on either side.

A bipartite drawing with plain matplotlib (a layered layout needs no graph library): functions
are boxes in a middle column; partners are labels in two side columns, grouped under their
category (Myndigheder and Foreninger on the left, Institutioner and Beboernetværk on the right);
a line joins each function to each partner it named, in the function's colour. Partners shared
by several functions are drawn first in their group, in bold on a highlighted label, with thicker
lines: they are what the group looks for on the projector.

Artists carry ids for tests and tooling: ``function:<code>``, ``partner:<name>``,
``link:<function code>:<name>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

from erfakit.charts.plain_text import plain_text
from erfakit.core.model import Function, Partner, PartnerCategory
from erfakit.core.partners import normalise_partner_name
from erfakit.texts import label, text

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and on a projector.
FUNCTION_COLOURS: dict[Function, str] = {
    Function.BOLIGSOCIAL: "#0072B2",
    Function.DRIFT: "#D55E00",
    Function.BYGGETEKNISK: "#009E73",
    Function.GENHUSNING: "#CC79A7",
    Function.UDLEJNING: "#E69F00",
}
SHARED_BACKGROUND = "#FFE08A"
LEFT_CATEGORIES = (PartnerCategory.MYNDIGHEDER, PartnerCategory.FORENINGER)
RIGHT_CATEGORIES = (PartnerCategory.INSTITUTIONER, PartnerCategory.BEBOERNETVAERK)
MAX_LABELS_PER_SIDE = 28
"""Beyond this a side lists its shared partners first and sums up the rest ("… og 12 flere")."""

_LEFT_X, _RIGHT_X, _FUNCTION_X = 0.33, 0.67, 0.5
_MAX_NAME = 34
_FUNCTION_FONTSIZE = 15


class _Node:
    """One partner as drawn: one normalised name, whichever functions named it."""

    def __init__(self, name: str, category: PartnerCategory) -> None:
        self.name = name
        self.category = category
        self.functions: list[Function] = []

    @property
    def shared(self) -> bool:
        return len(self.functions) >= 2


def partner_network_size(partners: Iterable[Partner]) -> tuple[float, float]:
    """A figure size in inches (width, height) that keeps `plot_partner_network` readable."""
    nodes = _nodes(partners)
    rows = max(
        (
            min(MAX_LABELS_PER_SIDE, sum(1 for n in nodes if n.category in side)) + len(side)
            for side in (LEFT_CATEGORIES, RIGHT_CATEGORIES)
        ),
        default=0,
    )
    return 14.0, max(6.0, 0.36 * rows + 1.5)


@plain_text
def plot_partner_network(ax: Axes, partners: Iterable[Partner], *, lang: str = "da") -> Axes:
    """Draw the functions–partners network on `ax` and return it (no figure is shown or closed).

    Partners are joined on their normalised name, as in `find_shared_partners`; a partner filed
    under different categories by different functions is placed under its most used one. Use
    `partner_network_size` for a figure size that fits the number of partners.
    """
    nodes = _nodes(partners)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    ax.set_title(text("meeting_core.chart.network_title", lang), fontsize=18, fontweight="bold", loc="left")
    if not nodes:
        ax.text(0.5, 0.5, text("meeting_core.chart.network_empty", lang), ha="center", va="center", fontsize=16)
        return ax

    function_y = {function: 0.88 - 0.76 * i / (len(Function) - 1) for i, function in enumerate(Function)}
    edges = _function_box_half_widths(ax, lang)
    used = {function for node in nodes for function in node.functions}
    for function, y in function_y.items():
        colour = FUNCTION_COLOURS[function]
        ax.text(
            _FUNCTION_X,
            y,
            _function_label(function, lang),
            ha="center",
            va="center",
            fontsize=_FUNCTION_FONTSIZE,
            fontweight="bold",
            color=_ink_on(colour),
            bbox={"boxstyle": "round,pad=0.5", "facecolor": colour, "edgecolor": "none"},
            alpha=1.0 if function in used else 0.45,
            gid=f"function:{function.value}",
            zorder=3,
        )

    left = _side_rows([node for node in nodes if node.category in LEFT_CATEGORIES], LEFT_CATEGORIES)
    right = _side_rows([node for node in nodes if node.category in RIGHT_CATEGORIES], RIGHT_CATEGORIES)
    step = 0.92 / max(len(left), len(right))
    _draw_side(ax, left, step, _LEFT_X, "right", function_y, edges, lang)
    _draw_side(ax, right, step, _RIGHT_X, "left", function_y, edges, lang)

    ax.text(
        0.0,
        0.0,
        text("meeting_core.chart.network_shared", lang),
        ha="left",
        va="bottom",
        fontsize=12,
        bbox={"boxstyle": "round,pad=0.3", "facecolor": SHARED_BACKGROUND, "edgecolor": "none"},
    )
    return ax


def _nodes(partners: Iterable[Partner]) -> list[_Node]:
    """One node per normalised name, spelled and filed as most often entered."""
    spellings: dict[str, Counter[str]] = {}
    categories: dict[str, Counter[PartnerCategory]] = {}
    functions: dict[str, list[Function]] = {}
    for partner in partners:
        key = normalise_partner_name(partner.name)
        if not key:
            continue
        spellings.setdefault(key, Counter())[partner.name.strip()] += 1
        categories.setdefault(key, Counter())[partner.category] += 1
        functions.setdefault(key, [])
        if partner.function not in functions[key]:
            functions[key].append(partner.function)
    nodes = []
    for key, counter in spellings.items():
        node = _Node(counter.most_common(1)[0][0], categories[key].most_common(1)[0][0])
        node.functions = [function for function in Function if function in functions[key]]
        nodes.append(node)
    return nodes


_Row = PartnerCategory | _Node | int
"""One row of a column: a category heading, a partner, or how many more there are ("… og N flere")."""


def _side_rows(side: list[_Node], categories: tuple[PartnerCategory, ...]) -> list[_Row]:
    """The rows of one column: a heading per category, its partners, and "… og N flere"."""
    # Shared partners first, so they are never the ones summed up as "… og N flere".
    side = sorted(side, key=lambda node: (not node.shared, normalise_partner_name(node.name)))
    shown, hidden = side[:MAX_LABELS_PER_SIDE], len(side) - MAX_LABELS_PER_SIDE
    rows: list[_Row] = []
    for category in categories:
        rows.append(category)
        rows.extend(node for node in shown if node.category == category)
    if hidden > 0:
        rows.append(hidden)
    return rows


def _draw_side(
    ax: Axes,
    rows: list[_Row],
    step: float,
    x: float,
    align: str,
    function_y: dict[Function, float],
    edges: dict[Function, float],
    lang: str,
) -> None:
    """One column of partners under their category headings, with lines to the functions."""
    # One row height (and so one font size) for both columns, so neither side looks more important.
    fontsize = max(8.0, min(13.0, 260 * step))
    for position, item in enumerate(rows):
        y = 0.96 - step * (position + 0.5)
        if isinstance(item, PartnerCategory):
            ax.text(
                x,
                y,
                label(item, lang).upper(),
                ha=align,
                va="center",
                fontsize=fontsize,
                fontweight="bold",
                color="#555555",
            )
        elif isinstance(item, int):
            ax.text(
                x,
                y,
                text("meeting_core.chart.network_more", lang, count=item),
                ha=align,
                va="center",
                fontsize=fontsize,
                fontstyle="italic",
                color="#444444",
            )
        else:
            _draw_partner(ax, item, x, y, align, fontsize, function_y, edges)


def _draw_partner(
    ax: Axes,
    node: _Node,
    x: float,
    y: float,
    align: str,
    fontsize: float,
    function_y: dict[Function, float],
    edges: dict[Function, float],
) -> None:
    name = node.name if len(node.name) <= _MAX_NAME else node.name[: _MAX_NAME - 1] + "…"
    style: dict[str, Any] = (
        {
            "fontweight": "bold",
            "bbox": {"boxstyle": "round,pad=0.25", "facecolor": SHARED_BACKGROUND, "edgecolor": "none"},
        }
        if node.shared
        else {}
    )
    ax.text(x, y, name, ha=align, va="center", fontsize=fontsize, gid=f"partner:{node.name}", zorder=3, **style)
    # Lines stop short of the label and the function box so neither is crossed out.
    end_x = x + (0.01 if align == "right" else -0.01)
    for function in node.functions:
        start_x = _FUNCTION_X + (-edges[function] if align == "right" else edges[function])
        ax.plot(
            [start_x, end_x],
            [function_y[function], y],
            color=FUNCTION_COLOURS[function],
            linewidth=3.0 if node.shared else 1.3,
            alpha=0.9 if node.shared else 0.55,
            solid_capstyle="round",
            gid=f"link:{function.value}:{node.name}",
            zorder=2 if node.shared else 1,
        )


def _function_box_half_widths(ax: Axes, lang: str) -> dict[Function, float]:
    """Half the width of each function's box in axes units, estimated from its label's length.

    An estimate (0.62 em per letter plus the box padding) rather than a measured text extent, so
    drawing needs no renderer pass; it only decides where the lines meet the box.
    """
    figure = ax.get_figure(root=True)
    if figure is None:
        raise ValueError("plot_partner_network needs an ax that belongs to a figure")
    width_pt = ax.get_position().width * figure.get_figwidth() * 72
    return {
        function: min(0.16, (_longest_line(function, lang) * 0.62 + 1.0) * _FUNCTION_FONTSIZE / 2 / width_pt)
        for function in Function
    }


def _function_label(function: Function, lang: str) -> str:
    """The function's label, on two lines when long ("Social housing\nprogramme"), so the box
    stays clear of the partner columns."""
    words = label(function, lang)
    if len(words) <= 14 or " " not in words:
        return words
    middle = len(words) // 2
    split = min((i for i, char in enumerate(words) if char == " "), key=lambda i: abs(i - middle))
    return words[:split] + "\n" + words[split + 1 :]


def _longest_line(function: Function, lang: str) -> int:
    return max(len(line) for line in _function_label(function, lang).splitlines())


def _ink_on(colour: str) -> str:
    """Black or white text, whichever reads better on `colour` (relative luminance)."""
    red, green, blue = to_rgb(colour)
    return "black" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "white"
