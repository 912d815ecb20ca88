"""How the afdelingsbestyrelse compares with the afdeling's adult residents (Øvelse 1 B).

`compare_composition` computes the comparison once; the form, the chart and the report show the same
`CompositionComparison`. Honesty rules (PRODUCT.md, "Composition comparison"):

* the board is compared with adults only: age bands wholly under 18 are left out, with a note;
* every gap is shown next to what a board drawn at random from the residents would look like, so a
  five-member board is not blamed for chance;
* probabilities are talking points in plain language, never a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from erfakit.core.categories import ADULT_AGE, canonical_category, canonical_dimension, is_child_category, parse_band
from erfakit.core.formatting import format_number, format_percent
from erfakit.core.model import Composition
from erfakit.core.random_board import (
    binom_cdf,
    dissimilarity,
    expected_abs_gap,
    hypergeom_cdf,
    random_board_baseline,
)
from erfakit.texts import text

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
)


@dataclass(frozen=True)
class CompositionComparison:
    """The board against the adult residents, per category and per dimension.

    ``categories`` has one row per dimension and category: ``residents`` (adult count, or percent),
    ``resident_share`` and ``board_share`` (0–1), ``difference_pp`` (board minus residents, in
    percentage points), ``representation_ratio`` (board share / resident share), ``expected_seats``
    (board size × resident share), ``actual_seats``, ``p_as_few`` (probability that a random board of
    the same size has at most as many from the category) and ``under_represented`` (at least half a
    seat fewer than expected).

    ``dimensions`` has one row per dimension: ``board_size``, ``residents_total`` (NaN when residents
    came as percentages), ``dissimilarity`` (0–1), what a random board scores (``random_mean``,
    ``random_median``, ``random_p90``), ``p_random_at_least`` (share of random boards differing at
    least as much) and ``method`` ("exact", "simulated" or "" without board data).
    """

    categories: pd.DataFrame
    dimensions: pd.DataFrame
    residents_unit: str = "count"
    notes: tuple[str, ...] = ()
    """Notes from the import, in the language the import ran in."""
    children_left_out: tuple[str, ...] = field(default=())
    """Age bands under 18 this comparison itself left out."""

    @property
    def dimension_names(self) -> list[str]:
        """The dimensions in the order the data gave them."""
        return list(self.dimensions["dimension"])

    def talking_points(self, lang: str = "da") -> list[str]:
        """Plain-language sentences for the group: descriptions and chances, never verdicts."""
        points: list[str] = []
        for dim in self.dimensions.itertuples(index=False):
            if dim.board_size <= 0:
                points.append(text("composition.tp_no_board", lang, dimension=dim.dimension))
                continue
            points.append(_dimension_point(dim, lang))
            rows = self.categories[
                (self.categories["dimension"] == dim.dimension) & self.categories["under_represented"]
            ]
            for row in rows.itertuples(index=False):
                points.append(_few_point(row, int(dim.board_size), lang))
        return points + self.all_notes(lang)

    def all_notes(self, lang: str = "da") -> list[str]:
        """The import's notes and the comparison's own (children left out, percentages only)."""
        notes = list(self.notes)
        if self.children_left_out:
            notes.append(text("composition.note_children_core", lang, bands=", ".join(self.children_left_out)))
        elif "Alder" not in self.dimension_names and not self.categories.empty:
            # Without ages nobody can tell the children apart: say so rather than compare silently.
            notes.append(text("composition.note_no_age", lang))
        if self.residents_unit == "percent":
            notes.append(text("composition.note_percent_binomial", lang))
        return notes

    def display_table(self, lang: str = "da", dimension: str | None = None) -> pd.DataFrame:
        """The per-category table with column names and numbers as a Danish (or English) reader wants."""
        frame = self.categories
        if dimension is not None:
            frame = frame[frame["dimension"] == dimension]
        percent = self.residents_unit == "percent"
        out = pd.DataFrame(
            {
                text("composition.col_dimension", lang): frame["dimension"],
                text("composition.col_category", lang): frame["category"],
                text("composition.col_residents_percent" if percent else "composition.col_residents", lang): [
                    format_number(v, lang, decimals=1 if percent else 0) for v in frame["residents"]
                ],
                text("composition.col_resident_share", lang): [_pct(v, lang) for v in frame["resident_share"]],
                text("composition.col_board_share", lang): [_pct(v, lang) for v in frame["board_share"]],
                text("composition.col_difference", lang): [_pp(v, lang) for v in frame["difference_pp"]],
                text("composition.col_ratio", lang): [_num(v, lang, 2) for v in frame["representation_ratio"]],
                text("composition.col_expected", lang): [_num(v, lang, 1) for v in frame["expected_seats"]],
                text("composition.col_actual", lang): [_num(v, lang, 0) for v in frame["actual_seats"]],
                text("composition.col_p_as_few", lang): [
                    _chance(p, lang) if under else "" for p, under in zip(frame["p_as_few"], frame["under_represented"])
                ],
            }
        )
        return out.reset_index(drop=True)

    def display_dimensions(self, lang: str = "da") -> pd.DataFrame:
        """The per-dimension table (dissimilarity next to a random board's) for showing."""
        d = self.dimensions
        return pd.DataFrame(
            {
                text("composition.col_dimension", lang): d["dimension"],
                text("composition.col_board_size", lang): [_num(v, lang, 0) for v in d["board_size"]],
                text("composition.col_dissimilarity", lang): [_num(v, lang, 2) for v in d["dissimilarity"]],
                text("composition.col_random_median", lang): [_num(v, lang, 2) for v in d["random_median"]],
                text("composition.col_random_p90", lang): [_num(v, lang, 2) for v in d["random_p90"]],
                text("composition.col_p_random", lang): [_chance(v, lang) for v in d["p_random_at_least"]],
            }
        ).reset_index(drop=True)

    def _repr_html_(self) -> str:
        return self.display_table().to_html(index=False, escape=True)


def compare_composition(composition: Composition) -> CompositionComparison:
    """Compare the board with the adult residents, dimension by dimension.

    Rows whose category is an age band wholly under 18 are left out (and named in the notes). When
    ``composition.residents_unit`` is "percent" there is no afdeling size, so chances use the
    binomial limit of a large afdeling.
    """
    frame = pd.DataFrame(
        [(r.dimension, r.category, float(r.residents), float(r.board)) for r in composition.rows],
        columns=["dimension", "category", "residents", "board"],
    )
    child = np.array([is_child_category(d, c) for d, c in zip(frame["dimension"], frame["category"])], dtype=bool)
    children = tuple(frame.loc[child, "category"])
    frame = frame[~child].reset_index(drop=True)
    finite = composition.residents_unit == "count"

    category_frames: list[pd.DataFrame] = []
    dimension_rows: list[dict] = []
    for dimension, group in frame.groupby("dimension", sort=False):
        cats, dim = _compare_dimension(str(dimension), group.reset_index(drop=True), finite)
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
    p_as_few = np.array(
        [
            _p_at_most(int(round(b)), r, s, int(round(total)), n, finite) if n > 0 else np.nan
            for b, r, s in zip(board, residents, r_share)
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
        # A board cannot be larger than the adults it is drawn from; fall back to the large-afdeling
        # limit rather than fail on inconsistent (e.g. rounded or suppressed) resident counts.
        use_finite = finite and n <= int(round(total))
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
    if finite and n <= total:
        return hypergeom_cdf(k, total, min(int(round(residents)), total), n)
    return binom_cdf(k, n, share)


def compare_portfolio(frame: pd.DataFrame) -> pd.DataFrame:
    """Many afdelinger at once, ranked by the dissimilarity index (largest first).

    ``frame`` columns: ``afdeling``, ``dimension``, ``category``, ``residents`` (adult counts or
    percentages: only shares are used), ``board`` (board members). Age bands under 18 are left out.

    Returns one row per afdeling and dimension: ``afdeling``, ``dimension``, ``board_size``,
    ``dissimilarity``, ``random_mean`` (the mean dissimilarity of a board drawn at random from a
    large afdeling with the same shares, exact under the binomial limit), ``excess`` (dissimilarity
    minus random_mean) and ``rank`` (1 = least like its residents). Vectorised: no Python loop over
    afdelinger.
    """
    data = frame[["afdeling", "dimension", "category", "residents", "board"]].copy()
    categories = data[["dimension", "category"]].drop_duplicates()
    child_pairs = {
        (d, c) for d, c in zip(categories["dimension"], categories["category"]) if is_child_category(str(d), str(c))
    }
    if child_pairs:
        keys = pd.MultiIndex.from_frame(data[["dimension", "category"]])
        data = data[~keys.isin(list(child_pairs))]
    keys = [data["afdeling"], data["dimension"]]
    residents = data["residents"].to_numpy(dtype=float)
    board = data["board"].to_numpy(dtype=float)
    grouped = data.groupby(["afdeling", "dimension"], sort=False)
    res_total = grouped["residents"].transform("sum").to_numpy(dtype=float)
    board_total = grouped["board"].transform("sum").to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r_share = np.where(res_total > 0, residents / res_total, np.nan)
        b_share = np.where(board_total > 0, board / board_total, np.nan)
    parts = pd.DataFrame(
        {
            "afdeling": keys[0].to_numpy(),
            "dimension": keys[1].to_numpy(),
            "gap": np.abs(b_share - r_share),
            "random_gap": expected_abs_gap(np.nan_to_num(r_share), np.rint(board_total).astype(np.int64)),
            "board": board,
        }
    )
    out = parts.groupby(["afdeling", "dimension"], sort=False).agg(
        board_size=("board", "sum"), gap=("gap", "sum"), random_gap=("random_gap", "sum")
    )
    out["dissimilarity"] = out["gap"] / 2
    out["random_mean"] = out["random_gap"] / 2
    out.loc[out["board_size"] <= 0, ["dissimilarity", "random_mean"]] = np.nan
    out["excess"] = out["dissimilarity"] - out["random_mean"]
    out = out.drop(columns=["gap", "random_gap"]).reset_index()
    out["board_size"] = out["board_size"].round().astype(int)
    out = out.sort_values(["dissimilarity", "afdeling"], ascending=[False, True], na_position="last", kind="stable")
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def portfolio_display_table(ranked: pd.DataFrame, lang: str = "da") -> pd.DataFrame:
    """`compare_portfolio`'s result with column names and numbers for a Danish (or English) reader."""
    return pd.DataFrame(
        {
            text("composition.col_rank", lang): ranked["rank"].astype(int),
            text("composition.col_afdeling", lang): ranked["afdeling"],
            text("composition.col_dimension", lang): ranked["dimension"],
            text("composition.col_board_size", lang): [_num(v, lang, 0) for v in ranked["board_size"]],
            text("composition.col_dissimilarity", lang): [_num(v, lang, 2) for v in ranked["dissimilarity"]],
            text("composition.col_random_mean", lang): [_num(v, lang, 2) for v in ranked["random_mean"]],
            text("composition.col_excess", lang): [
                ""
                if not np.isfinite(v)
                else ("+" if v > 0 else ("−" if v < 0 else "")) + format_number(abs(v), lang, decimals=2)
                for v in ranked["excess"]
            ],
        }
    ).reset_index(drop=True)


def _dimension_point(dim, lang: str) -> str:
    return text(
        "composition.tp_dimension",
        lang,
        dimension=dim.dimension,
        n=int(dim.board_size),
        d=format_number(dim.dissimilarity, lang, decimals=2),
        median=format_number(dim.random_median, lang, decimals=2),
        p90=format_number(dim.random_p90, lang, decimals=2),
        chance=_chance(dim.p_random_at_least, lang),
    )


def _few_point(row, n: int, lang: str) -> str:
    k = int(round(row.actual_seats))
    group = group_phrase(row.dimension, row.category, lang)
    key = "composition.tp_none" if k == 0 else "composition.tp_at_most"
    return text(
        key,
        lang,
        n=n,
        k=k,
        group=group,
        chance=_chance(row.p_as_few, lang),
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


def _chance(p: float, lang: str) -> str:
    if p is None or not np.isfinite(p):
        return ""
    if p < 0.01:
        return text("composition.chance_below_1", lang)
    if p > 0.99:
        return text("composition.chance_above_99", lang)
    return text("composition.chance_about", lang, percent=format_percent(p, lang))


def _pct(v: float, lang: str) -> str:
    return "" if not np.isfinite(v) else format_percent(v, lang)


def _pp(v: float, lang: str) -> str:
    if not np.isfinite(v):
        return ""
    sign = "+" if v > 0.05 else ("−" if v < -0.05 else "")
    return sign + format_number(abs(v), lang, decimals=0 if abs(v) >= 9.5 else 1)


def _num(v: float, lang: str, decimals: int) -> str:
    return "" if v is None or not np.isfinite(v) else format_number(float(v), lang, decimals=decimals)
