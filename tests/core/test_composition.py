"""The composition comparison against numbers worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from erfakit.core import random_board as representation
from erfakit.core.composition import compare_composition
from erfakit.core.model import Composition, CompositionRow
from erfakit.core.portfolio import compare_portfolio
from erfakit.core.random_board import (
    binom_cdf,
    expected_abs_gap,
    hypergeom_cdf,
    random_board_baseline,
)
from erfakit.core.talking_points import group_phrase


def composition(rows: list[tuple[str, str, float, float]], unit: str = "count", notes=()) -> Composition:
    return Composition(
        residents_unit=unit,
        rows=[CompositionRow(dimension=d, category=c, residents=r, board=b) for d, c, r, b in rows],
        notes=list(notes),
    )


def test_hypergeometric_chance_of_no_member_under_30_matches_the_hand_computed_value():
    # C(480, 5) / C(800, 5) = 0.0771…; with replacement it would be 0.6**5 = 0.0778.
    assert hypergeom_cdf(0, 800, 320, 5) == pytest.approx(math.comb(480, 5) / math.comb(800, 5))
    assert hypergeom_cdf(0, 800, 320, 5) == pytest.approx(0.0771, abs=5e-4)
    assert binom_cdf(0, 5, 0.4) == pytest.approx(0.6**5)


def test_hypergeometric_cdf_sums_to_one_at_the_board_size():
    assert hypergeom_cdf(5, 800, 320, 5) == pytest.approx(1.0)
    assert hypergeom_cdf(1, 10, 4, 2) == pytest.approx((15 + 24) / 45)


def test_shares_gap_ratio_and_seats_per_category_are_computed_against_adults():
    result = compare_composition(composition([("Køn", "Mænd", 400, 3), ("Køn", "Kvinder", 600, 2)]))
    cats = result.categories.set_index("category")
    assert cats.loc["Mænd", "resident_share"] == pytest.approx(0.4)
    assert cats.loc["Mænd", "board_share"] == pytest.approx(0.6)
    assert cats.loc["Mænd", "difference_pp"] == pytest.approx(20.0)
    assert cats.loc["Kvinder", "difference_pp"] == pytest.approx(-20.0)
    assert cats.loc["Mænd", "representation_ratio"] == pytest.approx(1.5)
    assert cats.loc["Kvinder", "expected_seats"] == pytest.approx(3.0)
    assert cats.loc["Kvinder", "actual_seats"] == 2
    assert result.dimensions.loc[0, "dissimilarity"] == pytest.approx(0.2)
    assert result.dimensions.loc[0, "board_size"] == 5


def test_dissimilarity_over_three_categories_is_half_the_sum_of_absolute_gaps():
    rows = [("Herkomst", "A", 500, 4), ("Herkomst", "B", 300, 1), ("Herkomst", "C", 200, 0)]
    result = compare_composition(composition(rows))
    # |0.8-0.5| + |0.2-0.3| + |0-0.2| = 0.6 → 0.3
    assert result.dimensions.loc[0, "dissimilarity"] == pytest.approx(0.3)


def test_random_board_baseline_is_exact_for_a_small_hand_enumerated_case():
    # N=10 adults, 4 in the group, board of 2: P(0,1,2) = 15/45, 24/45, 6/45; D = |x/2 - 0.4|.
    baseline = random_board_baseline(np.array([4, 6]), 2, observed=0.4)
    assert baseline.method == "exact"
    assert baseline.mean == pytest.approx((15 * 0.4 + 24 * 0.1 + 6 * 0.6) / 45)
    assert baseline.median == pytest.approx(0.1)
    assert baseline.p90 == pytest.approx(0.6)
    assert baseline.p_at_least == pytest.approx((15 + 6) / 45)


def test_simulated_baseline_is_reproducible_and_close_to_the_exact_one(monkeypatch):
    residents = np.array([150, 230, 160, 130])
    exact = random_board_baseline(residents, 7, observed=0.3)
    monkeypatch.setattr(representation, "MAX_EXACT_BOARDS", 0)
    first = random_board_baseline(residents, 7, observed=0.3)
    second = random_board_baseline(residents, 7, observed=0.3)
    assert first.method == "simulated"
    assert first == second
    assert first.mean == pytest.approx(exact.mean, abs=0.01)
    assert first.p_at_least == pytest.approx(exact.p_at_least, abs=0.02)


def test_a_random_board_of_five_is_rarely_a_perfect_mirror():
    residents = np.array([150, 230, 160, 130])
    baseline = random_board_baseline(residents, 5, observed=0.0)
    assert 0.15 < baseline.median < 0.45
    assert baseline.median <= baseline.p90 <= 1.0
    assert baseline.p_at_least == pytest.approx(1.0)


def test_expected_abs_gap_matches_brute_force_binomial_sums():
    shares = np.array([0.4, 0.1, 0.0, 1.0, 0.33])
    sizes = np.array([5, 9, 3, 4, 7])
    expected = [
        sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) * abs(j / n - p) for j in range(n + 1))
        for p, n in zip(shares, sizes, strict=True)
    ]
    assert expected_abs_gap(shares, sizes) == pytest.approx(expected)


def test_talking_point_reads_as_the_issue_example():
    rows = [("Alder", "18-29 år", 320, 0), ("Alder", "30 år og derover", 480, 5)]
    points = compare_composition(composition(rows)).talking_points("da")
    assert "En tilfældigt sammensat bestyrelse på 5 ville have ingen under 30 år i ca. 8 % af tilfældene." in points


def test_talking_points_in_english_too():
    rows = [("Alder", "18-29 år", 320, 0), ("Alder", "30 år og derover", 480, 5)]
    points = compare_composition(composition(rows)).talking_points("en")
    assert "A randomly drawn board of 5 would have no one under 30 in about 8% of cases." in points


def test_talking_points_describe_chances_and_never_give_a_verdict():
    rows = [
        ("Køn", "Mænd", 300, 5),
        ("Køn", "Kvinder", 500, 0),
        ("Alder", "18-29 år", 100, 0),
        ("Alder", "30-66 år", 500, 3),
        ("Alder", "67 år og derover", 200, 2),
    ]
    points = " ".join(compare_composition(composition(rows)).talking_points("da")).lower()
    for verdict in ("underrepræsent", "overrepræsent", "skæv", "urimelig", "diskrimin", "for få", "bør ", "skal "):
        assert verdict not in points
    assert "ingen kvinder" in points


def test_children_are_left_out_of_the_comparison_with_a_note():
    rows = [("Alder", "0-17 år", 200, 0), ("Alder", "18-49 år", 400, 2), ("Alder", "50 år og derover", 400, 3)]
    result = compare_composition(composition(rows))
    assert "0-17 år" not in set(result.categories["category"])
    assert result.categories["resident_share"].sum() == pytest.approx(1.0)
    assert result.categories.set_index("category").loc["18-49 år", "resident_share"] == pytest.approx(0.5)
    assert any("under 18" in note for note in result.all_notes("da"))


def test_percent_residents_use_the_binomial_limit_and_say_so():
    rows = [("Køn", "Mænd", 40.0, 0), ("Køn", "Kvinder", 60.0, 5)]
    result = compare_composition(composition(rows, unit="percent"))
    men = result.categories.set_index("category").loc["Mænd"]
    assert men["p_as_few"] == pytest.approx(0.6**5)
    assert np.isnan(result.dimensions.loc[0, "residents_total"])
    assert any("binomial" in note for note in result.all_notes("da"))


def test_under_represented_means_at_least_half_a_seat_short():
    rows = [("Alder", "A", 240, 1), ("Alder", "B", 560, 4)]  # A expects 1.5 seats, has 1
    cats = compare_composition(composition(rows)).categories.set_index("category")
    assert bool(cats.loc["A", "under_represented"])
    rows = [("Alder", "A", 200, 1), ("Alder", "B", 600, 4)]  # A expects 1.25, has 1: noise
    cats = compare_composition(composition(rows)).categories.set_index("category")
    assert not bool(cats.loc["A", "under_represented"])


def test_a_dimension_without_board_data_is_shown_but_not_scored():
    rows = [("Boligtid", "Under 2 år", 100, 0), ("Boligtid", "2 år og derover", 300, 0)]
    result = compare_composition(composition(rows))
    assert np.isnan(result.dimensions.loc[0, "dissimilarity"])
    assert result.talking_points("da")[0].startswith(
        "Boligtid (alle beboere, også børn): Der er ingen oplysninger om bestyrelsen"
    )


def test_board_larger_than_the_counted_adults_falls_back_to_the_large_afdeling_limit():
    rows = [("Køn", "Mænd", 2, 3), ("Køn", "Kvinder", 1, 2)]
    result = compare_composition(composition(rows))
    assert np.isfinite(result.dimensions.loc[0, "random_median"])


def test_display_table_has_danish_headings_and_danish_numbers():
    rows = [("Køn", "Mænd", 1234, 3), ("Køn", "Kvinder", 766, 2), ("Alder", "0-17 år", 500, 0)]
    rows += [("Alder", "18-49 år", 1000, 2), ("Alder", "50 år og derover", 1000, 3)]
    result = compare_composition(composition(rows))
    table = result.display_table("da")
    assert list(table.columns[:3]) == ["Dimension", "Kategori", "Voksne beboere"]
    row = table.iloc[0]
    assert row["Voksne beboere"] == "1.234"
    assert row["Andel af beboerne"] == "62 %"
    assert row["Forskel (procentpoint)"] == "−1,7"
    assert row["Repræsentationsforhold"] == "0,97"
    english = result.display_table("en")
    assert english.iloc[0]["Share of residents"] == "62%"


def test_group_phrases_for_age_tenure_and_sex():
    assert group_phrase("Alder", "18-29 år") == "under 30 år"
    assert group_phrase("Alder", "67 år og derover") == "på 67 år og derover"
    assert group_phrase("Alder", "30-49 år") == "mellem 30 og 49 år"
    assert group_phrase("Boligtid", "Under 2 år") == "med under 2 års boligtid"
    assert group_phrase("Køn", "Kvinder") == "kvinder"
    assert group_phrase("Herkomst", "Indvandrere") == "fra gruppen »Indvandrere«"


def test_portfolio_agrees_with_the_single_comparison():
    frame = pd.DataFrame(
        [
            ("A", "Køn", "Mænd", 400, 3),
            ("A", "Køn", "Kvinder", 600, 2),
            ("B", "Køn", "Mænd", 500, 5),
            ("B", "Køn", "Kvinder", 500, 0),
            ("C", "Køn", "Mænd", 500, 2),
            ("C", "Køn", "Kvinder", 500, 2),
            ("C", "Alder", "0-17 år", 300, 0),
            ("C", "Alder", "18-49 år", 300, 2),
            ("C", "Alder", "50+ år", 300, 2),
        ],
        columns=["afdeling", "dimension", "category", "residents", "board"],
    )
    ranked = compare_portfolio(frame)
    assert list(ranked["afdeling"][:2]) == ["B", "A"]
    assert list(ranked["rank"]) == list(range(1, len(ranked) + 1))
    a = ranked[(ranked["afdeling"] == "A") & (ranked["dimension"] == "Køn")].iloc[0]
    assert a["dissimilarity"] == pytest.approx(0.2)
    # The random mean is the exact multinomial mean for a large afdeling.
    assert a["random_mean"] == pytest.approx(random_board_baseline(np.array([0.4, 0.6]), 5, 0.2, finite=False).mean)
    c_age = ranked[(ranked["afdeling"] == "C") & (ranked["dimension"] == "Alder")].iloc[0]
    assert c_age["dissimilarity"] == pytest.approx(0.0)  # children left out: 50/50 against 50/50


def test_without_an_age_dimension_the_comparison_says_children_may_be_included():
    composition = Composition(
        rows=[
            CompositionRow(dimension="Køn", category="Mænd", residents=300, board=2),
            CompositionRow(dimension="Køn", category="Kvinder", residents=340, board=3),
        ]
    )
    notes = compare_composition(composition).all_notes("da")
    assert any("Køn omfatter alle beboere, også børn" in note for note in notes)
    assert compare_composition(composition).population("Køn") == "alle beboere, også børn"


def test_with_an_age_dimension_no_such_doubt_is_raised():
    composition = Composition(
        rows=[
            CompositionRow(dimension="Alder", category="18-29 år", residents=100, board=0),
            CompositionRow(dimension="Alder", category="30 år og derover", residents=500, board=5),
        ]
    )
    assert not any("også børn" in note for note in compare_composition(composition).all_notes("da"))
