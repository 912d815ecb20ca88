"""How the afdelingsbestyrelse compares with the afdeling's residents (Øvelse 1 B).

`compare_composition` computes the comparison once; the form, the chart and the report show the same
`CompositionComparison`. Honesty rules (PRODUCT.md, "Composition comparison"):

* the board is compared with adults: age bands wholly under 18 are left out, with a note. A
  dimension whose counts cannot be restricted to adults is labelled "alle beboere, også børn"
  wherever it is shown, and the notes say how far that can move its shares (`resident_coverage`);
* every gap is shown next to what a board drawn at random from the residents would look like, so a
  five-member board is not blamed for chance;
* probabilities are talking points in plain language, never a verdict;
* in a sensitive dimension (Herkomst, and any the analyst marks) board counts are shown only as
  "under 3" / "3 eller flere" whenever one of them is under 3, unless the analyst has decided
  otherwise and said why (`Composition.show_small_counts_reason`).

The sentences themselves are in `erfakit.core.talking_points`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from erfakit.core.categories import canonical_dimension, is_child_category, parse_band
from erfakit.core.formatting import format_number, format_percent
from erfakit.core.model import Composition
from erfakit.core.random_board import binom_cdf, dissimilarity, hypergeom_cdf, random_board_baseline
from erfakit.core.talking_points import chance_text, comparison_notes, seats_text, talking_points
from erfakit.exceptions import ErfakitError
from erfakit.texts import text

SMALL_COUNT = 3
"""Board counts under this are not shown in a sensitive dimension (PRODUCT.md, "Privacy")."""

MAX_RESIDENTS = 100_000_000
"""More residents than this in one category is not a count (the import refuses it too)."""

MAX_BOARD_SEATS = 50
"""More board members than this in one category is not a board."""

MAX_FINITE_POPULATION = 10_000_000
"""Above this many residents, chances use the binomial limit (exact integers would only cost time)."""

CATEGORY_COLUMNS = (
    "dimension",
    "category",
    "residents",
    "resident_share",
    "board",
    "board_share",
    "difference_pp",
    "representation_ratio",
    "expected_seats",
    "actual_seats",
    "p_as_few",
    "under_represented",
)
DIMENSION_COLUMNS = (
    "dimension",
    "board_size",
    "residents_total",
    "dissimilarity",
    "random_mean",
    "random_median",
    "random_p90",
    "p_random_at_least",
    "method",
    "adults",
    "masked",
)

Basis = Literal["age_bands", "file", "totals", "totals_all_ages", "totals_differ", "no_age", "percent", "straddles"]


@dataclass(frozen=True)
class Coverage:
    """Whom one dimension's resident counts cover, and how the kit knows.

    ``adults`` is True when the counts are adults only (18+). ``basis``: "age_bands" (the age
    dimension itself, children's bands left out), "file" (a cross-table with age said so),
    "totals" (the dimension adds up to the adults of the age dimension), "totals_all_ages" (it adds
    up to all residents, children included), "totals_differ" (to neither), "no_age" (no age
    dimension), "percent" (shares only, no totals to compare), "straddles" (an age band holds both
    children and adults). ``children_share`` is the share of children among all residents, from the
    age dimension, when known.
    """

    dimension: str
    adults: bool
    basis: Basis
    total: float
    adults_total: float | None = None
    all_ages_total: float | None = None
    children_share: float | None = None


def resident_coverage(composition: Composition) -> dict[str, Coverage]:
    """Per dimension: are its resident counts adults only, or all residents including children?

    A dimension is counted as adults only when the file said so (a cross-table with age), or when its
    total equals the adult total of the age dimension (within half a percent). Anything else is said
    plainly to include children.
    """
    totals: dict[str, float] = {}
    for row in composition.rows:
        totals[row.dimension] = totals.get(row.dimension, 0.0) + float(row.residents)
    ages = [row for row in composition.rows if row.dimension == "Alder"]
    # Children are in the rows of older meeting files, and counted aside (``children``) by the import.
    age_children = sum(float(r.residents) for r in ages if is_child_category("Alder", r.category))
    age_children += float(composition.children) if ages else 0.0
    age_all = sum(float(r.residents) for r in ages) + (float(composition.children) if ages else 0.0)
    age_adults = age_all - age_children
    straddles = any(
        (band := parse_band(r.category)) is not None and band.low < 18 and (band.high is None or band.high > 18)
        for r in ages
    )
    children_share = age_children / age_all if age_all > 0 and age_children > 0 else None
    percent = composition.residents_unit == "percent"
    out: dict[str, Coverage] = {}
    for dimension, total in totals.items():
        base = Coverage(
            dimension=dimension,
            adults=False,
            basis="no_age",
            total=total,
            adults_total=age_adults if ages else None,
            all_ages_total=age_all if ages and age_children > 0 else None,
            children_share=children_share,
        )
        adults, basis = _judge(
            dimension, total, composition, bool(ages), age_adults, age_children, age_all, straddles, percent
        )
        out[dimension] = replace(base, adults=adults, basis=basis)
    return out


def _judge(
    dimension: str,
    total: float,
    composition: Composition,
    has_ages: bool,
    age_adults: float,
    age_children: float,
    age_all: float,
    straddles: bool,
    percent: bool,
) -> tuple[bool, Basis]:
    """``adults`` and ``basis`` of one dimension (see `Coverage`)."""
    declared = composition.populations.get(dimension)
    if dimension == "Alder":
        return (not straddles, "straddles" if straddles else "age_bands")
    if declared is not None:
        return (declared == "adults", "file")
    if not has_ages:
        return (False, "no_age")
    if percent:
        return (False, "percent")
    if straddles:
        return (False, "straddles")
    tolerance = max(1.0, 0.005 * age_adults)
    if abs(total - age_adults) <= tolerance:
        return (True, "totals")
    if age_children > 0 and abs(total - age_all) <= tolerance:
        return (False, "totals_all_ages")
    return (False, "totals_differ")


@dataclass(frozen=True)
class CompositionComparison:
    """The board against the residents, per category and per dimension.

    ``categories`` has one row per dimension and category: ``residents`` (count, or percent),
    ``resident_share`` and ``board_share`` (0–1), ``difference_pp`` (board minus residents, in
    percentage points), ``representation_ratio`` (board share / resident share), ``expected_seats``
    (board size × resident share), ``actual_seats``, ``p_as_few`` (probability that a random board of
    the same size has at most as many from the category) and ``under_represented`` (at least half a
    seat fewer than expected).

    ``dimensions`` has one row per dimension: ``board_size``, ``residents_total`` (NaN when residents
    came as percentages), ``dissimilarity`` (0–1), what a random board scores (``random_mean``,
    ``random_median``, ``random_p90``), ``p_random_at_least`` (share of random boards differing at
    least as much), ``method`` ("exact", "simulated" or "" without board data), ``adults`` (the
    counts are adults only) and ``masked`` (board counts hidden for privacy).

    The frames hold the true numbers; what may be shown is decided by the ``display_*`` methods,
    `erfakit.core.talking_points` and the charts, which all honour ``masked``.
    """

    categories: pd.DataFrame
    dimensions: pd.DataFrame
    residents_unit: str = "count"
    notes: tuple[str, ...] = ()
    """Notes from the import, in the language the import ran in."""
    children_left_out: tuple[str, ...] = field(default=())
    """Age bands under 18 this comparison left out."""
    children_count: float = 0.0
    """The residents in those bands (a count, or a percentage when ``residents_unit`` is "percent")."""
    coverage: dict[str, Coverage] = field(default_factory=dict)
    suppressed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per dimension, categories the source suppressed: the shares are computed without them."""
    sensitive: tuple[str, ...] = ()
    small_counts_reason: str = ""
    """The analyst's reason for showing small counts in sensitive dimensions ("" when hidden)."""

    @property
    def dimension_names(self) -> list[str]:
        """The dimensions in the order the data gave them."""
        return list(self.dimensions["dimension"])

    def is_masked(self, dimension: str) -> bool:
        """True when the board's counts in ``dimension`` are hidden for privacy."""
        rows = self.dimensions[self.dimensions["dimension"] == dimension]
        return bool(len(rows)) and bool(rows["masked"].iloc[0])

    def adults_only(self, dimension: str) -> bool:
        """True when the dimension's resident counts are adults only."""
        rows = self.dimensions[self.dimensions["dimension"] == dimension]
        return bool(len(rows)) and bool(rows["adults"].iloc[0])

    def population(self, dimension: str, lang: str = "da") -> str:
        """ "voksne beboere" or "alle beboere, også børn": whom the dimension's counts cover."""
        key = "composition.population_adults" if self.adults_only(dimension) else "composition.population_all"
        return text(key, lang)

    def talking_points(self, lang: str = "da") -> list[str]:
        """At most three plain-language sentences per dimension, and a closing one on comparing
        many dimensions at once: descriptions and chances, never verdicts."""
        return talking_points(self, lang)

    def all_notes(self, lang: str = "da") -> list[str]:
        """The import's notes and the comparison's own: children, coverage, percentages, privacy."""
        return list(self.notes) + comparison_notes(self, lang)

    def board_count_text(self, dimension: str, count: float, lang: str = "da") -> str:
        """A board count as it may be shown: the number, or "under 3" / "3 eller flere" when masked."""
        if not np.isfinite(count):
            return ""
        if self.is_masked(dimension):
            key = "composition.masked_under" if count < SMALL_COUNT else "composition.masked_over"
            return text(key, lang, n=SMALL_COUNT)
        return format_number(float(count), lang, decimals=0)

    def display_table(self, lang: str = "da", dimension: str | None = None) -> pd.DataFrame:
        """The per-category table with column names and numbers as a Danish (or English) reader wants.

        In a masked dimension the board's counts read "under 3" / "3 eller flere" and the numbers
        derived from them (shares, difference, ratio, chance) are left out.
        """
        frame = self.categories
        if dimension is not None:
            frame = frame[frame["dimension"] == dimension]
        percent = self.residents_unit == "percent"
        dims = list(dict.fromkeys(frame["dimension"]))
        adults = all(self.adults_only(d) for d in dims)
        if dimension is not None or adults or all(not self.adults_only(d) for d in dims):
            key = "col_residents" if adults else "col_residents_all"
        else:
            key = "col_residents_mixed"
        residents_heading = text(f"composition.{key}{'_percent' if percent else ''}", lang)
        hidden = text("composition.masked_cell", lang)
        masked = [self.is_masked(d) for d in frame["dimension"]]
        out = pd.DataFrame(
            {
                text("composition.col_dimension", lang): [
                    d if self.adults_only(d) or dimension is not None else f"{d} ({self.population(d, lang)})"
                    for d in frame["dimension"]
                ],
                text("composition.col_category", lang): frame["category"],
                residents_heading: [format_number(v, lang, decimals=1 if percent else 0) for v in frame["residents"]],
                text("composition.col_resident_share", lang): [_pct(v, lang) for v in frame["resident_share"]],
                text("composition.col_board_share", lang): [
                    hidden if m else _pct(v, lang) for v, m in zip(frame["board_share"], masked, strict=True)
                ],
                text("composition.col_difference", lang): [
                    hidden if m else _pp(v, lang) for v, m in zip(frame["difference_pp"], masked, strict=True)
                ],
                text("composition.col_ratio", lang): [
                    hidden if m else _num(v, lang, 2)
                    for v, m in zip(frame["representation_ratio"], masked, strict=True)
                ],
                text("composition.col_expected", lang): [_num(v, lang, 1) for v in frame["expected_seats"]],
                text("composition.col_actual", lang): [
                    self.board_count_text(d, v, lang)
                    for d, v in zip(frame["dimension"], frame["actual_seats"], strict=True)
                ],
                text("composition.col_p_as_few", lang): [
                    chance_text(p, lang) if under and not m else ""
                    for p, under, m in zip(frame["p_as_few"], frame["under_represented"], masked, strict=True)
                ],
            }
        )
        return out.reset_index(drop=True)

    def display_dimensions(self, lang: str = "da") -> pd.DataFrame:
        """The per-dimension table (dissimilarity next to a random board's) for showing."""
        d = self.dimensions
        hidden = text("composition.masked_index", lang)
        masked = list(d["masked"])
        return pd.DataFrame(
            {
                text("composition.col_dimension", lang): d["dimension"],
                text("composition.col_population", lang): [self.population(x, lang) for x in d["dimension"]],
                text("composition.col_board_size", lang): [_num(v, lang, 0) for v in d["board_size"]],
                text("composition.col_dissimilarity", lang): [
                    hidden if m else _num(v, lang, 2) for v, m in zip(d["dissimilarity"], masked, strict=True)
                ],
                text("composition.col_seats_to_move", lang): [
                    "" if m else seats_text(v, n, lang)
                    for v, n, m in zip(d["dissimilarity"], d["board_size"], masked, strict=True)
                ],
                text("composition.col_random_median", lang): [_num(v, lang, 2) for v in d["random_median"]],
                text("composition.col_random_p90", lang): [_num(v, lang, 2) for v in d["random_p90"]],
                text("composition.col_p_random", lang): [
                    "" if m else chance_text(v, lang) for v, m in zip(d["p_random_at_least"], masked, strict=True)
                ],
            }
        ).reset_index(drop=True)

    def _repr_html_(self) -> str:
        return self.display_table().to_html(index=False, escape=True)


def compare_composition(composition: Composition) -> CompositionComparison:
    """Compare the board with the residents, dimension by dimension.

    Rows whose category is an age band wholly under 18 are left out (and named in the notes). When
    ``composition.residents_unit`` is "percent" there is no afdeling size, so chances use the
    binomial limit of a large afdeling.
    """
    _refuse_implausible(composition)
    frame = pd.DataFrame(
        [(r.dimension, r.category, float(r.residents), float(r.board)) for r in composition.rows],
        columns=["dimension", "category", "residents", "board"],
    )
    child = np.array(
        [is_child_category(d, c) for d, c in zip(frame["dimension"], frame["category"], strict=True)], dtype=bool
    )
    children = tuple(frame.loc[child, "category"])
    children_count = float(frame.loc[child, "residents"].sum())
    frame = frame[~child].reset_index(drop=True)
    finite = composition.residents_unit == "count"
    coverage = resident_coverage(composition)
    sensitive = tuple(canonical_dimension(d) for d in composition.sensitive_dimensions)
    reveal = composition.show_small_counts and bool(composition.show_small_counts_reason.strip())

    category_frames: list[pd.DataFrame] = []
    dimension_rows: list[dict] = []
    for dimension, group in frame.groupby("dimension", sort=False):
        cats, dim = _compare_dimension(str(dimension), group.reset_index(drop=True), finite)
        dim["adults"] = coverage[str(dimension)].adults if str(dimension) in coverage else False
        dim["masked"] = (
            not reveal
            and canonical_dimension(str(dimension)) in sensitive
            and dim["board_size"] > 0
            and bool((cats["board"] < SMALL_COUNT).any())
        )
        category_frames.append(cats)
        dimension_rows.append(dim)
    categories = (
        pd.concat(category_frames, ignore_index=True)
        if category_frames
        else pd.DataFrame(columns=list(CATEGORY_COLUMNS))
    )
    dimensions = pd.DataFrame(dimension_rows, columns=list(DIMENSION_COLUMNS))
    return CompositionComparison(
        categories=categories[list(CATEGORY_COLUMNS)],
        dimensions=dimensions,
        residents_unit=composition.residents_unit,
        notes=tuple(composition.notes),
        children_left_out=children,
        children_count=children_count,
        coverage=coverage,
        suppressed={d: tuple(c) for d, c in composition.suppressed.items() if c},
        sensitive=sensitive,
        small_counts_reason=composition.show_small_counts_reason.strip() if reveal else "",
    )


def _refuse_implausible(composition: Composition) -> None:
    """A meeting file edited by hand may hold numbers no import would accept (1e28 residents, a
    board of 500): say so in Danish rather than fail somewhere in the arithmetic or the formatting."""
    for row in composition.rows:
        if not (np.isfinite(row.residents) and np.isfinite(row.board)) or (
            row.residents >= MAX_RESIDENTS or row.board > MAX_BOARD_SEATS
        ):
            raise ErfakitError(
                text(
                    "composition.implausible_row",
                    "da",
                    dimension=row.dimension,
                    category=row.category,
                    residents=f"{row.residents:.6g}",
                    board=f"{row.board:.6g}",
                ),
                text("composition.implausible_row_hint", "da"),
            )


def _compare_dimension(dimension: str, group: pd.DataFrame, finite: bool) -> tuple[pd.DataFrame, dict]:
    residents = group["residents"].to_numpy(dtype=float)
    board = group["board"].to_numpy(dtype=float)
    total = residents.sum()
    n = int(round(board.sum()))
    r_share = residents / total if total > 0 else np.full(len(residents), np.nan)
    b_share = board / n if n > 0 else np.full(len(board), np.nan)
    expected = n * r_share
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(r_share > 0, b_share / r_share, np.nan)
    # Under-represented means at least half a seat short: a board of 5 cannot hold 1.2 seats, and a
    # talking point about 1 instead of 1.2 would only be noise.
    under = (expected - board >= 0.5) & (n > 0)
    # A board cannot be larger than the adults it is drawn from; fall back to the large-afdeling
    # limit rather than fail on inconsistent (e.g. rounded or suppressed) resident counts, and for
    # implausibly large counts, where exact integers would only cost time.
    use_finite = finite and n <= int(round(total)) and total <= MAX_FINITE_POPULATION
    p_as_few = np.array(
        [
            _p_at_most(int(round(b)), r, s, int(round(total)), n, use_finite) if n > 0 else np.nan
            for b, r, s in zip(board, residents, r_share, strict=True)
        ]
    )
    cats = pd.DataFrame(
        {
            "dimension": dimension,
            "category": group["category"],
            "residents": residents,
            "resident_share": r_share,
            "board": board,
            "board_share": b_share,
            "difference_pp": (b_share - r_share) * 100,
            "representation_ratio": ratio,
            "expected_seats": expected,
            "actual_seats": board,
            "p_as_few": p_as_few,
            "under_represented": under,
        }
    )
    dim: dict = {
        "dimension": dimension,
        "board_size": n,
        "residents_total": total if finite else np.nan,
        "dissimilarity": np.nan,
        "random_mean": np.nan,
        "random_median": np.nan,
        "random_p90": np.nan,
        "p_random_at_least": np.nan,
        "method": "",
    }
    if n > 0 and total > 0:
        observed = dissimilarity(board, r_share)
        baseline = random_board_baseline(residents if use_finite else r_share, n, observed, finite=use_finite)
        dim.update(
            dissimilarity=observed,
            random_mean=baseline.mean,
            random_median=baseline.median,
            random_p90=baseline.p90,
            p_random_at_least=baseline.p_at_least,
            method=baseline.method,
        )
    return cats, dim


def _p_at_most(k: int, residents: float, share: float, total: int, n: int, finite: bool) -> float:
    if finite:
        return hypergeom_cdf(k, total, min(int(round(residents)), total), n)
    return binom_cdf(k, n, share)


def _pct(v: float, lang: str) -> str:
    return "" if not np.isfinite(v) else format_percent(v, lang)


def _pp(v: float, lang: str) -> str:
    if not np.isfinite(v):
        return ""
    sign = "+" if v > 0.05 else ("−" if v < -0.05 else "")
    return sign + format_number(abs(v), lang, decimals=0 if abs(v) >= 9.5 else 1)


def _num(v: float, lang: str, decimals: int) -> str:
    return "" if v is None or not np.isfinite(v) else format_number(float(v), lang, decimals=decimals)
