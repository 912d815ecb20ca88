"""The portfolio ranks boards by how far they lie beyond chance, not by the raw index."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from erfakit.core.portfolio import compare_portfolio, portfolio_display_table
from erfakit.core.random_board import random_board_baseline


def frame(rows):
    return pd.DataFrame(rows, columns=["afdeling", "dimension", "category", "residents", "board"])


# By hand, with the large-afdeling (binomial) limit the portfolio uses:
# Skæv: 9 seats, 50/50, board 9/0 → d = 0.5; P(D ≥ 0.5) = 2/2^9 = 0.0039.
# Stor: 9 seats, 50/50, board 7/2 → d = 0.278; P(x ≤ 2 or x ≥ 7) = 2·(1+9+36)/512 = 0.1797.
# Lille: 3 seats, 70/30, board 3/0 → d = 0.3; P(D ≥ 0.3) = 0.7³ + 3·0.7·0.3² + 0.3³ = 0.559.
ISSUE_CASE = [
    ("Skæv", "Køn", "Mænd", 500, 9),
    ("Skæv", "Køn", "Kvinder", 500, 0),
    ("Stor", "Køn", "Mænd", 500, 7),
    ("Stor", "Køn", "Kvinder", 500, 2),
    ("Lille", "Køn", "Mænd", 700, 3),
    ("Lille", "Køn", "Kvinder", 300, 0),
]


def test_a_small_board_at_chance_level_does_not_rank_above_a_large_board_beyond_it():
    ranked = compare_portfolio(frame(ISSUE_CASE)).set_index("afdeling")
    # By the raw index Lille (0.30) would come second, before Stor (0.28).
    assert ranked.loc["Lille", "dissimilarity"] > ranked.loc["Stor", "dissimilarity"]
    assert list(compare_portfolio(frame(ISSUE_CASE))["afdeling"]) == ["Skæv", "Stor", "Lille"]
    assert ranked.loc["Skæv", "p_random_at_least"] == pytest.approx(2 / 512)
    assert ranked.loc["Stor", "p_random_at_least"] == pytest.approx(92 / 512)
    assert ranked.loc["Lille", "p_random_at_least"] == pytest.approx(0.7**3 + 3 * 0.7 * 0.3**2 + 0.3**3)
    assert ranked.loc["Lille", "percentile"] == pytest.approx(1 - ranked.loc["Lille", "p_random_at_least"])


def test_the_portfolio_says_board_size_and_which_differences_are_within_chance():
    table = portfolio_display_table(compare_portfolio(frame(ISSUE_CASE)), "da").set_index("Afdeling")
    assert table.loc["Lille", "Bestyrelsens størrelse"] == "3"
    assert table.loc["Lille", "Vurdering"] == "inden for tilfældighed"
    assert table.loc["Stor", "Vurdering"] == "inden for tilfældighed"  # 18 % of random boards differ as much
    assert table.loc["Skæv", "Vurdering"] == "ud over tilfældighed"
    assert table.loc["Skæv", "Skævere end (andel af tilfældige bestyrelser)"] == "100 %"


def test_the_exact_percentile_agrees_with_the_single_comparisons_binomial_baseline():
    rng = np.random.default_rng(7)
    rows = []
    for k in range(30):
        shares = rng.dirichlet(np.ones(4))
        board = rng.multinomial(int(rng.integers(3, 10)), shares)
        rows += [(f"A{k}", "Alder", f"c{i}", float(shares[i]) * 1000, int(board[i])) for i in range(4)]
    ranked = compare_portfolio(frame(rows))
    for row in ranked.itertuples():
        group = [r for r in rows if r[0] == row.afdeling]
        shares = np.array([r[3] for r in group]) / sum(r[3] for r in group)
        baseline = random_board_baseline(shares, row.board_size, row.dissimilarity, finite=False)
        assert row.p_random_at_least == pytest.approx(baseline.p_at_least, abs=1e-9)
        assert row.random_mean == pytest.approx(baseline.mean, abs=1e-9)


def test_children_and_boards_without_data_are_handled():
    rows = [
        ("A", "Alder", "0-17 år", 300, 0),
        ("A", "Alder", "18-49 år", 300, 2),
        ("A", "Alder", "50 år og derover", 300, 2),
        ("B", "Køn", "Mænd", 100, 0),
        ("B", "Køn", "Kvinder", 100, 0),
    ]
    ranked = compare_portfolio(frame(rows)).set_index("afdeling")
    assert ranked.loc["A", "dissimilarity"] == pytest.approx(0.0)  # children left out: 50/50 against 2/2
    assert math.isnan(ranked.loc["B", "p_random_at_least"]) and ranked.loc["B", "rank"] == 2
