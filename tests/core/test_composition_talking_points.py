"""Talking points a room can read: few, in plain words, with chance said out loud."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erfakit.core.composition import compare_composition
from erfakit.core.model import Composition, CompositionRow


def composition(rows, **fields):
    return Composition(
        rows=[CompositionRow(dimension=d, category=c, residents=r, board=b) for d, c, r, b in rows], **fields
    )


def test_the_index_is_also_said_in_seats():
    # 40/60 residents, all 5 on the board in A: d = ½(|1 − 0.4| + |0 − 0.6|) = 0.6, i.e. 3 of 5 seats.
    points = compare_composition(composition([("Køn", "Mænd", 400, 5), ("Køn", "Kvinder", 600, 0)])).talking_points()
    assert "ulighedsindeks på 0,60" in points[0]
    assert "ca. 3 af 5 pladser skulle skifte gruppe" in points[0]


def test_a_board_as_close_as_its_seats_allow_is_said_so():
    points = compare_composition(composition([("Køn", "Mænd", 500, 2), ("Køn", "Kvinder", 500, 3)])).talking_points()
    # d = 0.1 and 0.1 × 5 = 0.5 seats, which rounds to none.
    assert "så tæt på beboerne, som 5 pladser tillader" in points[0]


def test_many_dimensions_at_once_come_with_a_note_on_chance():
    rows = [
        ("Køn", "Mænd", 500, 3),
        ("Køn", "Kvinder", 500, 2),
        ("Alder", "18-49 år", 500, 1),
        ("Alder", "50 år og derover", 500, 4),
        ("Boligtid", "Under 5 år", 500, 1),
        ("Boligtid", "5 år og derover", 500, 4),
    ]
    points = compare_composition(composition(rows)).talking_points()
    # Three dimensions: 1 − 0.9³ = 27 % that a random board is among the 10 % most different in one.
    assert points[-1].startswith("Her er 3 dimensioner sammenlignet på én gang.")
    assert "ca. 27 %" in points[-1]
    single = compare_composition(composition(rows[:2])).talking_points()
    assert not any("sammenlignet på én gang" in p for p in single)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 500), st.integers(0, 3)), min_size=2, max_size=8).filter(
        lambda cats: 0 < sum(b for _, b in cats) <= 15
    ),
    st.integers(1, 3),
)
def test_at_most_three_points_per_dimension(categories, dimensions):
    names = ["Beskæftigelse", "Boligtid", "Husstandstype"][:dimensions]
    rows = [(d, f"Gruppe {i}", r, b) for d in names for i, (r, b) in enumerate(categories)]
    points = compare_composition(composition(rows)).talking_points()
    per_dimension = len(points) - (1 if dimensions >= 2 else 0)
    assert per_dimension <= 3 * dimensions
    assert all(len(p) < 600 for p in points)


def test_the_two_rarest_shortfalls_are_the_ones_said():
    rows = [
        ("Beskæftigelse", "A", 300, 0),
        ("Beskæftigelse", "B", 250, 0),
        ("Beskæftigelse", "C", 200, 0),
        ("Beskæftigelse", "D", 250, 7),
    ]
    points = compare_composition(composition(rows)).talking_points()
    assert len(points) == 3
    assert "»A«" in points[1] and "»B«" in points[2]  # the least likely shortfalls first


@pytest.mark.parametrize("lang", ["da", "en"])
def test_hidden_counts_leave_no_trace_in_what_is_shown(lang):
    # Boards of 7 split 7/0, 6/1 and 5/2: all under 3 somewhere, so nothing shown may differ.
    shown = set()
    for danish, other in ((7, 0), (6, 1), (5, 2)):
        rows = [("Herkomst", "Personer med dansk oprindelse", 400, danish), ("Herkomst", "Indvandrere", 210, other)]
        comparison = compare_composition(composition(rows))
        shown.add(
            (
                tuple(comparison.talking_points(lang)),
                comparison.display_table(lang).to_csv(),
                comparison.display_dimensions(lang).to_csv(),
            )
        )
    assert len(shown) == 1
