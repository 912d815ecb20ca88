"""The sentences the group reads aloud about the board's composition, and the notes beside them.

At most three per dimension, so a room can follow them: the dimension's index next to a random
board's, also in plain words ("svarer til, at ca. 3 af 7 pladser skulle skifte gruppe"), and the
(at most two) categories a random board would rarely leave so short. Then one sentence reminding
that many dimensions compared at once show some differences by chance. In a dimension whose board
counts are hidden for privacy, only what the residents alone tell is said: what a random board
would typically look like and how many seats each group would be expected to hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from erfakit.core.categories import ADULT_AGE, canonical_category, canonical_dimension, parse_band
from erfakit.core.formatting import format_number, format_percent
from erfakit.texts import text

if TYPE_CHECKING:
    from erfakit.core.composition import CompositionComparison

MAX_POINTS_PER_DIMENSION = 3
CHANCE_LEVEL = 0.10
"""A board differing at least as much as 10 % of random boards is "within chance"."""


def talking_points(comparison: CompositionComparison, lang: str = "da") -> list[str]:
    """At most `MAX_POINTS_PER_DIMENSION` sentences per dimension, then the many-dimensions note."""
    points: list[str] = []
    scored = 0
    for dim in comparison.dimensions.itertuples(index=False):
        dimension = str(dim.dimension)
        adults = comparison.adults_only(dimension)
        population = text("composition.population_adults_def" if adults else "composition.population_all", lang)
        label = dimension if adults else f"{dimension} ({comparison.population(dimension, lang)})"
        if dim.board_size <= 0:
            points.append(text("composition.tp_no_board", lang, dimension=label))
            continue
        scored += 1
        rows = comparison.categories[comparison.categories["dimension"] == dimension]
        suppressed = comparison.suppressed.get(dimension, ())
        without = (
            " " + text("composition.tp_without_suppressed", lang, categories=", ".join(suppressed))
            if suppressed
            else ""
        )
        n = int(dim.board_size)
        if dim.masked:
            points.append(
                text(
                    "composition.tp_masked",
                    lang,
                    dimension=label,
                    n=n,
                    median=format_number(dim.random_median, lang, decimals=2),
                    p90=format_number(dim.random_p90, lang, decimals=2),
                )
                + without
            )
            points.append(
                text("composition.tp_expected", lang, population=population, n=n, items=_expected_items(rows, lang))
            )
            continue
        seats = seats_text(dim.dissimilarity, n, lang)
        key = "composition.tp_dimension" if round(dim.dissimilarity * n) > 0 else "composition.tp_dimension_close"
        points.append(
            text(
                key,
                lang,
                dimension=label,
                population=population,
                n=n,
                d=format_number(dim.dissimilarity, lang, decimals=2),
                seats=seats,
                median=format_number(dim.random_median, lang, decimals=2),
                p90=format_number(dim.random_p90, lang, decimals=2),
                chance=chance_text(dim.p_random_at_least, lang),
            )
            + without
        )
        short = rows[rows["under_represented"]].sort_values("p_as_few", kind="stable")
        for row in short.head(MAX_POINTS_PER_DIMENSION - 1).itertuples(index=False):
            points.append(_few_point(row, n, lang))
    if scored >= 2:
        points.append(
            text(
                "composition.tp_many_dimensions",
                lang,
                m=scored,
                chance=format_percent(1 - (1 - CHANCE_LEVEL) ** scored, lang),
            )
        )
    return points


def comparison_notes(comparison: CompositionComparison, lang: str = "da") -> list[str]:
    """Children left out, whom each dimension covers and what that does to its shares, percentages,
    privacy."""
    notes: list[str] = []
    if comparison.children_left_out:
        count = format_number(comparison.children_count, lang, decimals=0)
        notes.append(
            text(
                "composition.note_children_core_percent"
                if comparison.residents_unit == "percent"
                else "composition.note_children_core",
                lang,
                bands=", ".join(comparison.children_left_out),
                count=count,
            )
        )
    no_age = [c for c in comparison.coverage.values() if c.basis == "no_age"]
    if no_age and not comparison.categories.empty:
        notes.append(text("composition.note_no_age", lang, dimensions=", ".join(c.dimension for c in no_age)))
    for cover in comparison.coverage.values():
        if cover.adults or cover.basis in ("no_age", "age_bands"):
            continue
        if cover.basis == "straddles" and cover.dimension == "Alder":
            continue
        key = {
            "totals_all_ages": "composition.note_cover_all_ages",
            "totals_differ": "composition.note_cover_differs",
            "percent": "composition.note_cover_percent",
        }.get(cover.basis, "composition.note_cover_generic")
        notes.append(
            text(
                key,
                lang,
                dimension=cover.dimension,
                total=format_number(cover.total, lang, decimals=0),
                adults=format_number(cover.adults_total or 0, lang, decimals=0),
                all=format_number(cover.all_ages_total or 0, lang, decimals=0),
            )
            + " "
            + _effect(cover.children_share, lang)
        )
    if comparison.residents_unit == "percent":
        notes.append(text("composition.note_percent_binomial", lang))
    masked = [d for d in comparison.dimension_names if comparison.is_masked(d)]
    if masked:
        notes.append(text("composition.note_masked", lang, dimensions=", ".join(masked), n=3))
    elif comparison.small_counts_reason:
        notes.append(
            text(
                "composition.note_small_counts_shown",
                lang,
                dimensions=", ".join(comparison.sensitive),
                reason=comparison.small_counts_reason,
            )
        )
    return notes


def _effect(children_share: float | None, lang: str) -> str:
    """What counting children does to a dimension's shares: a bound, when the children's share is known.

    If a share c of all residents are children, an adult share differs from the shown share by at
    most c (in share units): the adult share of a category lies between (s − c)/(1 − c) and s/(1 − c).
    """
    if children_share is None or not np.isfinite(children_share):
        return text("composition.effect_unknown", lang)
    return text(
        "composition.effect_bound",
        lang,
        share=format_percent(children_share, lang),
        pp=format_number(children_share * 100, lang, decimals=0),
    )


def _expected_items(rows: pd.DataFrame, lang: str) -> str:
    items = [
        f"{format_number(row.expected_seats, lang, decimals=1)} {row.category}"
        for row in rows.itertuples(index=False)
        if np.isfinite(row.expected_seats)
    ]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + text("composition.list_and", lang) + items[-1]


def _few_point(row: Any, n: int, lang: str) -> str:
    k = int(round(row.actual_seats))
    group = group_phrase(row.dimension, row.category, lang)
    key = "composition.tp_none" if k == 0 else "composition.tp_at_most"
    return text(
        key,
        lang,
        n=n,
        k=k,
        group=group,
        chance=chance_text(row.p_as_few, lang),
        expected=format_number(row.expected_seats, lang, decimals=1),
    )


def group_phrase(dimension: str, category: str, lang: str = "da") -> str:
    """How a category reads inside a sentence: "under 30 år", "på 67 år og derover", "kvinder"."""
    dimension = canonical_dimension(dimension)
    if dimension == "Alder":
        band = parse_band(category)
        if band is not None:
            if band.high is None:
                return text("composition.group_age_open", lang, low=int(band.low))
            if band.low <= ADULT_AGE:
                return text("composition.group_age_under", lang, high=int(band.high))
            return text("composition.group_age_range", lang, low=int(band.low), high=int(band.high - 1))
    if dimension == "Boligtid":
        band = parse_band(category)
        if band is not None:
            if band.high is None:
                return text("composition.group_tenure_open", lang, low=_whole(band.low))
            if band.low == 0:
                return text("composition.group_tenure_under", lang, high=_whole(band.high))
            return text("composition.group_tenure_range", lang, low=_whole(band.low), high=_whole(band.high - 1))
    if dimension == "Køn":
        key = {"Mænd": "men", "Kvinder": "women"}.get(canonical_category("Køn", category))
        if key:
            return text(f"composition.group_{key}", lang)
    return text("composition.group_generic", lang, category=category)


def _whole(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def seats_text(dissimilarity_index: float, board_size: float, lang: str = "da") -> str:
    """The index in plain words: "3 af 7 pladser" (index × board size, rounded), or ""."""
    if not np.isfinite(dissimilarity_index) or not board_size:
        return ""
    seats = dissimilarity_index * board_size
    return text(
        "composition.seats_of",
        lang,
        seats=format_number(round(seats), lang, decimals=0),
        n=format_number(board_size, lang, decimals=0),
    )


def chance_text(p: float, lang: str) -> str:
    """A probability in words: "ca. 12 %", "under 1 %", "over 99 %"."""
    if p is None or not np.isfinite(p):
        return ""
    if p < 0.01:
        return text("composition.chance_below_1", lang)
    if p > 0.99:
        return text("composition.chance_above_99", lang)
    return text("composition.chance_about", lang, percent=format_percent(p, lang))


@dataclass(frozen=True)
class KeyDifference:
    """One of the differences a board shows most beyond chance, as one sentence for the projector.

    ``p`` is the share of random boards of the same size that would differ at least as much (for
    the whole dimension) or have as few from the category: the smaller, the less it looks like chance.
    """

    dimension: str
    sentence: str
    p: float


KEY_DIFFERENCES = 3


def key_differences(
    comparison: CompositionComparison, lang: str = "da", *, count: int = KEY_DIFFERENCES
) -> list[KeyDifference]:
    """The ``count`` differences least like chance, at most one per dimension, one sentence each.

    Per dimension the candidate is whichever is less likely for a random board of the same size: the
    whole distribution differing as much (the dissimilarity index), or a category having as few
    seats. Dimensions whose board counts are hidden for privacy, or that have no board data, are left
    out: nothing is said that the counts would reveal.
    """
    best: list[KeyDifference] = []
    for dim in comparison.dimensions.itertuples(index=False):
        dimension = str(dim.dimension)
        if dim.masked or dim.board_size <= 0 or not np.isfinite(dim.p_random_at_least):
            continue
        n = int(dim.board_size)
        candidates = [
            KeyDifference(
                dimension,
                text(
                    "composition.key_dimension",
                    lang,
                    dimension=dimension,
                    seats=_round_seats(dim.dissimilarity * n),
                    n=n,
                    chance=chance_text(dim.p_random_at_least, lang),
                ),
                float(dim.p_random_at_least),
            )
        ]
        rows = comparison.categories[comparison.categories["dimension"] == dimension]
        for row in rows[rows["under_represented"]].itertuples(index=False):
            if not np.isfinite(row.p_as_few):
                continue
            candidates.append(
                KeyDifference(
                    dimension,
                    text(
                        "composition.key_category",
                        lang,
                        dimension=dimension,
                        category=row.category,
                        k=int(round(row.actual_seats)),
                        n=n,
                        expected=format_number(row.expected_seats, lang, decimals=1),
                        chance=chance_text(row.p_as_few, lang),
                    ),
                    float(row.p_as_few),
                )
            )
        if round(dim.dissimilarity * n) == 0 and len(candidates) == 1:
            continue  # as close as the seats allow: no difference to speak of
        best.append(min(candidates, key=lambda candidate: candidate.p))
    return sorted(best, key=lambda candidate: candidate.p)[:count]


def _round_seats(seats: float) -> int:
    return int(round(seats)) if np.isfinite(seats) else 0
