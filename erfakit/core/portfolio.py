"""Many afdelinger at once: how far each board lies beyond what chance would give.

A three-member board exactly at chance level must not rank above a nine-member board that chance
rarely produces: the ranking is by the random-board percentile (how many boards drawn at random
from the same residents would be closer to them), not by the raw index, and every row says whether
its difference is within chance. Shares only are used (the large-afdeling limit), so the numbers are
exact and computed for thousands of afdelinger in one vectorised pass per board size.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from erfakit.core.categories import is_child_category
from erfakit.core.formatting import format_number, format_percent
from erfakit.core.random_board import MAX_EXACT_BOARDS, SEED, SIMULATIONS, compositions, expected_abs_gap
from erfakit.core.talking_points import CHANCE_LEVEL
from erfakit.texts import text

_CHUNK_CELLS = 4_000_000
"""Boards × afdelinger × categories held at once while enumerating (about 32 MB of floats)."""


def compare_portfolio(frame: pd.DataFrame) -> pd.DataFrame:
    """Many afdelinger at once, ranked by how far each board lies beyond chance.

    ``frame`` columns: ``afdeling``, ``dimension``, ``category``, ``residents`` (adult counts or
    percentages: only shares are used), ``board`` (board members). Age bands under 18 are left out.

    Returns one row per afdeling and dimension: ``afdeling``, ``dimension``, ``board_size``,
    ``dissimilarity``, ``random_mean`` (the mean dissimilarity of a board drawn at random from a large
    afdeling with the same shares), ``excess`` (dissimilarity minus random_mean),
    ``p_random_at_least`` (share of random boards differing at least as much), ``percentile`` (share
    of random boards closer to the residents: 1 − p), ``within_chance`` (p at least 10 %) and
    ``rank`` (1 = furthest beyond chance; rows without board data last).
    """
    data = frame[["afdeling", "dimension", "category", "residents", "board"]].copy()
    categories = data[["dimension", "category"]].drop_duplicates()
    child_pairs = {
        (d, c)
        for d, c in zip(categories["dimension"], categories["category"], strict=True)
        if is_child_category(str(d), str(c))
    }
    if child_pairs:
        keys = pd.MultiIndex.from_frame(data[["dimension", "category"]])
        data = data[~keys.isin(list(child_pairs))]
    # One factorisation of (afdeling, dimension) serves every per-group sum below: grouping the
    # frame again for each sum took most of the time for 10,000 afdelinger.
    grouped = data.groupby(["afdeling", "dimension"], sort=False)
    group = grouped.ngroup().to_numpy()
    position = grouped.cumcount().to_numpy()
    n_groups = int(group.max()) + 1 if len(group) else 0
    residents = data["residents"].to_numpy(dtype=float)
    board = data["board"].to_numpy(dtype=float)
    res_total = _group_sum(group, residents, n_groups)
    board_total = _group_sum(group, board, n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        r_share = np.where(res_total[group] > 0, residents / res_total[group], np.nan)
        b_share = np.where(board_total[group] > 0, board / board_total[group], np.nan)
    share = np.nan_to_num(r_share)
    random_gap = expected_abs_gap(share, np.rint(board_total[group]).astype(np.int64))
    first = np.unique(group, return_index=True)[1]
    out = pd.DataFrame(
        {
            "afdeling": data["afdeling"].to_numpy()[first],
            "dimension": data["dimension"].to_numpy()[first],
            "board_size": board_total,
            "dissimilarity": _group_sum(group, np.abs(b_share - r_share), n_groups) / 2,
            "random_mean": _group_sum(group, random_gap, n_groups) / 2,
        }
    )
    out.loc[out["board_size"] <= 0, ["dissimilarity", "random_mean"]] = np.nan
    out["excess"] = out["dissimilarity"] - out["random_mean"]
    out["board_size"] = out["board_size"].round().astype(int)
    out["p_random_at_least"] = _p_at_least(group, position, share, out)
    out["percentile"] = 1 - out["p_random_at_least"]
    out["within_chance"] = out["p_random_at_least"] >= CHANCE_LEVEL
    out = out.sort_values(
        ["p_random_at_least", "excess", "afdeling"],
        ascending=[True, False, True],
        na_position="last",
        kind="stable",
    )
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reset_index(drop=True)


def _group_sum(group: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Per-group sums with missing values counted as 0 (as pandas' groupby sum does)."""
    return np.bincount(group, np.nan_to_num(values, nan=0.0), minlength=n_groups)


def _p_at_least(group: np.ndarray, position: np.ndarray, share: np.ndarray, out: pd.DataFrame) -> np.ndarray:
    """P(random board's dissimilarity ≥ observed) per afdeling and dimension, exact (multinomial)
    where the boards can be enumerated, else simulated with a fixed seed. ``group`` and ``position``
    place each category row (its resident ``share``) in ``out``, which has one row per group."""
    k = np.bincount(group, minlength=len(out))
    shares = np.zeros((len(out), int(k.max()) if len(k) else 0))
    shares[group, position] = share
    n = out["board_size"].to_numpy()
    observed = out["dissimilarity"].to_numpy()
    valid = (n > 0) & np.isfinite(observed)
    result = np.full(len(out), np.nan)
    rng = np.random.default_rng(SEED)
    for n_value, k_value in sorted(set(zip(n[valid].tolist(), k[valid].tolist(), strict=True))):
        rows = np.flatnonzero(valid & (n == n_value) & (k == k_value))
        p = shares[rows, :k_value]
        if math.comb(n_value + k_value - 1, k_value - 1) <= MAX_EXACT_BOARDS:
            result[rows] = _exact(n_value, p, observed[rows])
        else:
            for row, share in zip(rows, p, strict=True):
                draws = rng.multinomial(n_value, share / share.sum(), size=SIMULATIONS)
                d = 0.5 * np.abs(draws / n_value - share).sum(axis=1)
                result[row] = (d >= observed[row] - 1e-9).mean()
    return result


def _exact(n: int, shares: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Every board composition of size n, weighted by its multinomial probability, for many share
    vectors at once (rows of ``shares``)."""
    boards = compositions(n, [n] * shares.shape[1]).astype(float)
    log_fact = np.array([math.lgamma(x + 1) for x in range(n + 1)])
    base = math.lgamma(n + 1) - log_fact[boards.astype(int)].sum(axis=1)
    out = np.empty(len(shares))
    chunk = max(1, _CHUNK_CELLS // max(1, boards.size))
    for start in range(0, len(shares), chunk):
        p = shares[start : start + chunk]
        log_p = np.where(p > 0, np.log(np.where(p > 0, p, 1.0)), -1e300)
        weights = np.exp(base[:, None] + boards @ log_p.T)
        weights /= weights.sum(axis=0, keepdims=True)
        d = 0.5 * np.abs(boards[:, None, :] / n - p[None, :, :]).sum(axis=2)
        out[start : start + chunk] = (weights * (d >= observed[start : start + chunk][None, :] - 1e-9)).sum(axis=0)
    return out


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
            text("composition.col_percentile", lang): [
                "" if not np.isfinite(v) else format_percent(v, lang) for v in ranked["percentile"]
            ],
            text("composition.col_within_chance", lang): [
                ""
                if not np.isfinite(p)
                else text("composition.within_chance" if w else "composition.beyond_chance", lang)
                for p, w in zip(ranked["p_random_at_least"], ranked["within_chance"], strict=True)
            ],
        }
    ).reset_index(drop=True)


def _num(v: float, lang: str, decimals: int) -> str:
    return "" if v is None or not np.isfinite(v) else format_number(float(v), lang, decimals=decimals)
