"""Charts of the composition comparison, readable on a projector and on a black-and-white print.

A dimension whose resident counts include children says so in its legend; in a dimension
whose board counts are hidden for privacy no board bar is drawn, only the seats a random board
would give each group. Colours are from the Okabe–Ito palette (safe for the common colour-vision
deficiencies); the board's bars are hatched and every bar carries its value as text, so a grey
print still reads. Functions draw on the ``ax`` they are given and return it;
`composition_figure` builds a `matplotlib.figure.Figure` directly, so nothing is left open in
pyplot's registry and nothing is shown twice in a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from erfakit.charts.plain_text import plain_text
from erfakit.core.composition import CompositionComparison
from erfakit.core.formatting import format_number
from erfakit.exceptions import FormInputError
from erfakit.texts import text

# Okabe–Ito: blue for residents, vermillion for the board; orange/sky blue for gaps.
RESIDENTS_COLOUR = "#0072B2"
BOARD_COLOUR = "#D55E00"
GAP_ABOVE_COLOUR = "#E69F00"
GAP_BELOW_COLOUR = "#56B4E9"
BOARD_HATCH = "///"
GAP_BELOW_HATCH = "..."


def _rows(comparison: CompositionComparison, dimension: str, lang: str) -> pd.DataFrame:
    rows = comparison.categories[comparison.categories["dimension"] == dimension]
    if rows.empty:
        raise FormInputError(
            text(
                "composition.chart_unknown_dimension",
                lang,
                dimension=dimension,
                known=", ".join(comparison.dimension_names),
            )
        )
    return rows


def _font(large: bool) -> dict[str, float]:
    return {"label": 16 if large else 12, "tick": 15 if large else 11, "value": 14 if large else 10}


@plain_text
def plot_shares(
    ax: Axes, comparison: CompositionComparison, dimension: str, *, lang: str = "da", large: bool = False
) -> Axes:
    """Residents' and board's shares per category side by side, as horizontal bars with values."""
    rows = _rows(comparison, dimension, lang)
    sizes = _font(large)
    y = np.arange(len(rows))[::-1]
    height = 0.38
    residents = rows["resident_share"].to_numpy(dtype=float) * 100
    board = rows["board_share"].to_numpy(dtype=float) * 100
    masked = comparison.is_masked(dimension)
    has_board = np.isfinite(board).any() and not masked
    residents_label = (
        "composition.chart_residents" if comparison.adults_only(dimension) else "composition.chart_residents_all"
    )
    ax.barh(
        y + height / 2,
        residents,
        height,
        color=RESIDENTS_COLOUR,
        edgecolor="black",
        linewidth=0.6,
        label=text(residents_label, lang),
    )
    if has_board:
        ax.barh(
            y - height / 2,
            np.nan_to_num(board),
            height,
            color=BOARD_COLOUR,
            edgecolor="black",
            linewidth=0.6,
            hatch=BOARD_HATCH,
            label=text("composition.chart_board", lang),
        )
    top = max(np.nanmax(residents), np.nanmax(board) if has_board else 0, 1.0)
    for yi, value in zip(y, residents, strict=True):
        _value_label(ax, yi + height / 2, value, lang, sizes["value"])
    if has_board:
        for yi, value, seats, expected in zip(y, board, rows["actual_seats"], rows["expected_seats"], strict=True):
            label = (
                f"{format_number(value, lang, decimals=0)} %  ("
                + text(
                    "composition.chart_expected",
                    lang,
                    expected=format_number(expected, lang, decimals=1),
                    actual=format_number(seats, lang, decimals=0),
                )
                + ")"
            )
            ax.text(np.nan_to_num(value) + top * 0.01, yi - height / 2, label, va="center", fontsize=sizes["value"])
    else:
        if masked:
            # Only what the residents alone tell: the seats a random board would give each group.
            for yi, expected in zip(y, rows["expected_seats"], strict=True):
                ax.text(
                    top * 0.01,
                    yi - height / 2,
                    text("composition.chart_expected_only", lang, expected=format_number(expected, lang, decimals=1)),
                    va="center",
                    fontsize=sizes["value"],
                )
        else:
            ax.text(
                0.98,
                0.02,
                text("composition.chart_no_board", lang),
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=sizes["value"],
            )
    ax.set_yticks(y, list(rows["category"]), fontsize=sizes["tick"])
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.set_xlim(0, top * 1.6)
    ax.set_xlabel(text("composition.chart_share_axis", lang), fontsize=sizes["label"])
    ax.tick_params(axis="x", labelsize=sizes["tick"])
    ax.xaxis.set_major_formatter(lambda v, _pos: format_number(v, lang, decimals=0))
    # The legend sits between the title and the bars, not over them: value labels run to the right edge.
    ax.set_title(
        text("composition.chart_shares_title", lang, dimension=dimension),
        fontsize=sizes["label"] + 2,
        loc="left",
        pad=sizes["tick"] * 2.6,
    )
    ax.legend(
        fontsize=sizes["tick"], loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, frameon=False, borderaxespad=0.2
    )
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _value_label(ax: Axes, y: float, value: float, lang: str, size: float) -> None:
    if np.isfinite(value):
        ax.text(value + 0.5, y, f"{format_number(value, lang, decimals=0)} %", va="center", fontsize=size)


@plain_text
def plot_gap(
    ax: Axes, comparison: CompositionComparison, dimension: str, *, lang: str = "da", large: bool = False
) -> Axes:
    """The board-minus-residents gap per category in percentage points, with the random-board yardstick.

    Bars above zero (more on the board than among residents) are solid orange, below zero dotted sky
    blue; the value is written at each bar. The caption states what a random board would typically
    score, so the gap is read against chance.
    """
    rows = _rows(comparison, dimension, lang)
    sizes = _font(large)
    y = np.arange(len(rows))[::-1]
    gap = rows["difference_pp"].to_numpy(dtype=float)
    masked = comparison.is_masked(dimension)
    if masked:
        gap = np.full(len(rows), np.nan)
    finite = np.isfinite(gap)
    values = np.nan_to_num(gap)
    colours = [GAP_ABOVE_COLOUR if v >= 0 else GAP_BELOW_COLOUR for v in values]
    hatches = ["" if v >= 0 else GAP_BELOW_HATCH for v in values]
    bars = ax.barh(y, values, 0.6, color=colours, edgecolor="black", linewidth=0.6)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    span = max(float(np.abs(values).max()) if finite.any() else 0.0, 5.0)
    for yi, v, ok in zip(y, values, finite, strict=True):
        if not ok:
            continue
        sign = "+" if v > 0 else ("−" if v < 0 else "")
        ax.text(
            v + (span * 0.03 if v >= 0 else -span * 0.03),
            yi,
            sign + format_number(abs(v), lang, decimals=0),
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=sizes["value"],
        )
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlim(-span * 1.35, span * 1.35)
    ax.set_yticks(y, list(rows["category"]), fontsize=sizes["tick"])
    ax.set_xlabel(text("composition.chart_gap_axis", lang), fontsize=sizes["label"])
    ax.tick_params(axis="x", labelsize=sizes["tick"])
    ax.xaxis.set_major_formatter(
        lambda v, _pos: ("+" if v > 0 else ("−" if v < 0 else "")) + format_number(abs(v), lang, decimals=0)
    )
    ax.set_title(
        text("composition.chart_gap_title", lang, dimension=dimension),
        fontsize=sizes["label"] + 2,
        loc="left",
        pad=sizes["tick"] * 2.6,
    )
    if not finite.any():
        ax.text(
            0.5,
            0.5,
            text("composition.chart_masked" if masked else "composition.chart_no_board", lang),
            transform=ax.transAxes,
            ha="center",
            fontsize=sizes["label"],
        )
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def random_board_caption(comparison: CompositionComparison, dimension: str, *, lang: str = "da") -> str:
    """One sentence putting the dimension's dissimilarity next to a random board's, or ""."""
    dims = comparison.dimensions[comparison.dimensions["dimension"] == dimension]
    suppressed = comparison.suppressed.get(dimension, ())
    without = (
        " " + text("composition.tp_without_suppressed", lang, categories=", ".join(suppressed)) if suppressed else ""
    )
    if dims.empty or not np.isfinite(dims["dissimilarity"].iloc[0]):
        return without.strip()
    d = dims.iloc[0]
    return (
        text(
            "composition.chart_random_band_masked"
            if comparison.is_masked(dimension)
            else "composition.chart_random_band",
            lang,
            n=int(d["board_size"]),
            median=format_number(d["random_median"], lang, decimals=2),
            p90=format_number(d["random_p90"], lang, decimals=2),
            d=format_number(d["dissimilarity"], lang, decimals=2),
        )
        + without
    )


@plain_text
def composition_figure(
    comparison: CompositionComparison, dimension: str, *, lang: str = "da", large: bool = False
) -> Figure:
    """Shares and gap for one dimension side by side, with the random-board yardstick as a caption.

    Not registered with pyplot: display it (IPython shows a `Figure`) or save it with ``savefig``.
    """
    rows = _rows(comparison, dimension, lang)
    height = (3.0 if large else 2.2) + (0.75 if large else 0.55) * len(rows)
    fig = Figure(figsize=(16 if large else 13, height), layout="constrained", dpi=100)
    if comparison.is_masked(dimension):
        # No board numbers to draw a gap from: the residents' shares and the seats a random board
        # would give each group, with the reason in the caption.
        plot_shares(fig.subplots(1, 1), comparison, dimension, lang=lang, large=large)
    else:
        ax_shares, ax_gap = fig.subplots(1, 2, width_ratios=[3, 2])
        plot_shares(ax_shares, comparison, dimension, lang=lang, large=large)
        plot_gap(ax_gap, comparison, dimension, lang=lang, large=large)
        ax_gap.set_yticklabels([])
    caption = random_board_caption(comparison, dimension, lang=lang)
    if caption:
        fig.supxlabel(caption, fontsize=_font(large)["tick"], x=0.01, ha="left")
    return fig
