"""Composition charts: drawn on the given ax, readable in black and white, Danish, no pyplot leftovers."""

from __future__ import annotations

import io

import matplotlib
import pytest
from matplotlib.figure import Figure

from erfakit.charts.composition import (
    BOARD_COLOUR,
    RESIDENTS_COLOUR,
    composition_figure,
    plot_gap,
    plot_shares,
)
from erfakit.core.composition import compare_composition
from erfakit.core.model import Composition, CompositionRow
from erfakit.exceptions import ErfakitError

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - after choosing the headless backend


@pytest.fixture
def comparison():
    rows = [
        ("Alder", "0-17 år", 230, 0),
        ("Alder", "18-29 år", 150, 0),
        ("Alder", "30-49 år", 230, 2),
        ("Alder", "50-66 år", 160, 2),
        ("Alder", "67 år og derover", 130, 3),
        ("Køn", "Mænd", 315, 3),
        ("Køn", "Kvinder", 355, 4),
    ]
    return compare_composition(
        Composition(rows=[CompositionRow(dimension=d, category=c, residents=r, board=b) for d, c, r, b in rows])
    )


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_plot_shares_returns_its_ax_with_both_series_and_a_value_on_every_bar(comparison):
    ax = Figure().subplots()
    assert plot_shares(ax, comparison, "Alder", lang="da") is ax
    bars = ax.patches
    assert len(bars) == 8  # four adult bands (children left out) × residents and board
    colours = {matplotlib.colors.to_hex(bar.get_facecolor()) for bar in bars}
    assert colours == {RESIDENTS_COLOUR.lower(), BOARD_COLOUR.lower()}
    assert any(bar.get_hatch() for bar in bars)  # the board's bars stay distinct in black and white
    assert any(text.startswith("0 %") and "forventet" in text for text in _texts(ax))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["18-29 år", "30-49 år", "50-66 år", "67 år og derover"]
    assert ax.get_xlabel() == "Andel (%)"


def test_plot_gap_marks_negative_gaps_with_hatching_and_signed_labels(comparison):
    ax = Figure().subplots()
    assert plot_gap(ax, comparison, "Alder", lang="da") is ax
    hatched = [bar for bar in ax.patches if bar.get_hatch()]
    assert hatched and all(bar.get_width() < 0 for bar in hatched)
    assert "−22" in _texts(ax)  # 18-29 år: 0 % of the board against 22 % of the adults
    assert ax.get_xlabel() == "Bestyrelse minus beboere (procentpoint)"


def test_english_labels(comparison):
    ax = Figure().subplots()
    plot_shares(ax, comparison, "Køn", lang="en")
    assert ax.get_xlabel() == "Share (%)"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Adult residents", "Board"]


def test_composition_figure_leaves_nothing_open_in_pyplot_and_renders(comparison):
    plt.close("all")
    figure = composition_figure(comparison, "Alder", lang="da", large=True)
    assert isinstance(figure, Figure)
    assert plt.get_fignums() == []
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
    assert figure.get_size_inches()[0] >= 16  # projector size


def test_an_unknown_dimension_gets_the_kits_own_error(comparison):
    with pytest.raises(ErfakitError, match="Herkomst"):
        plot_shares(Figure().subplots(), comparison, "Herkomst", lang="da")


def test_a_dimension_that_includes_children_says_so_in_its_legend(comparison):
    rows = [
        ("Alder", "0-17 år", 230, 0),
        ("Alder", "18-49 år", 380, 3),
        ("Alder", "50 år og derover", 290, 4),
        ("Køn", "Mænd", 430, 3),  # 430 + 470 = 900 = all ages: children included
        ("Køn", "Kvinder", 470, 4),
    ]
    mixed = compare_composition(
        Composition(rows=[CompositionRow(dimension=d, category=c, residents=r, board=b) for d, c, r, b in rows])
    )
    figure = Figure()
    legend = [t.get_text() for t in plot_shares(figure.subplots(), mixed, "Køn").get_legend().get_texts()]
    assert legend == ["Alle beboere, også børn", "Bestyrelsen"]
    legend = [t.get_text() for t in plot_shares(figure.subplots(), mixed, "Alder").get_legend().get_texts()]
    assert legend == ["Voksne beboere", "Bestyrelsen"]


def test_suppressed_categories_are_named_under_the_chart():
    composition = Composition(
        rows=[
            CompositionRow(dimension="Beskæftigelse", category="I beskæftigelse", residents=300, board=4),
            CompositionRow(dimension="Beskæftigelse", category="Pensionister", residents=150, board=3),
        ],
        suppressed={"Beskæftigelse": ["Ledige"]},
    )
    figure = composition_figure(compare_composition(composition), "Beskæftigelse")
    assert "beregnet uden Ledige, som kilden har skjult" in figure.get_supxlabel()
