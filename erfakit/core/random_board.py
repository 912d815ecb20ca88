"""What a randomly drawn board of the same size would look like: the yardstick for honesty.

A board of five is never a perfect mirror of 400 adults. Before a gap is discussed, the group should
see how far a board drawn by lot would typically be from the residents. Two tools:

* the hypergeometric probability that a random board of ``n`` has at most ``k`` members from a group
  of ``K`` among ``N`` adults (the binomial limit when only shares are known), and
* the distribution of the dissimilarity index of a random board: exact by enumerating every possible
  board composition when that is cheap, otherwise simulated with a fixed seed so that the numbers are
  the same every time the notebook runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SEED = 20_26
"""Fixed seed for simulated baselines: the same input always gives the same talking points."""

MAX_EXACT_BOARDS = 60_000
"""Enumerate every board composition up to this many; beyond it, simulate."""

SIMULATIONS = 20_000


def hypergeom_cdf(k: int, population: int, successes: int, draws: int) -> float:
    """P(X ≤ k) for X ~ Hypergeometric(N=population, K=successes, n=draws).

    Exact integer arithmetic: the numbers involved (N of a few thousand, n ≤ 15) are small.
    """
    if draws > population:
        raise ValueError("draws exceed population")
    total = math.comb(population, draws)
    lo = max(0, draws - (population - successes))
    hits = sum(
        math.comb(successes, j) * math.comb(population - successes, draws - j)
        for j in range(lo, min(k, successes, draws) + 1)
    )
    return hits / total


def binom_cdf(k: int, draws: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n=draws, p): the limit of a very large afdeling."""
    p = min(max(p, 0.0), 1.0)
    return float(sum(math.comb(draws, j) * p**j * (1 - p) ** (draws - j) for j in range(0, min(k, draws) + 1)))


def dissimilarity(board_counts: np.ndarray, resident_shares: np.ndarray) -> float:
    """Dissimilarity (Duncan) index: half the sum of absolute share differences, 0 (same) to 1."""
    n = board_counts.sum()
    if n <= 0:
        return float("nan")
    return float(0.5 * np.abs(board_counts / n - resident_shares).sum())


@dataclass(frozen=True)
class RandomBoardBaseline:
    """The dissimilarity a randomly drawn board of the same size would score.

    ``p_at_least`` is the probability that a random board differs at least as much as the real one.
    """

    mean: float
    median: float
    p90: float
    p_at_least: float
    method: str
    """"exact" (every composition enumerated) or "simulated" (fixed seed)."""


def compositions(n: int, caps: list[int]) -> np.ndarray:
    """Every vector x with sum n and 0 ≤ x_i ≤ caps_i, one per row."""
    out: list[tuple[int, ...]] = []

    def walk(i: int, left: int, prefix: tuple[int, ...]) -> None:
        if i == len(caps) - 1:
            if left <= caps[i]:
                out.append(prefix + (left,))
            return
        # Remaining categories can absorb at most sum(caps[i+1:]); skip hopeless branches early.
        rest = sum(caps[i + 1 :])
        for x in range(max(0, left - rest), min(left, caps[i]) + 1):
            walk(i + 1, left - x, prefix + (x,))

    walk(0, n, ())
    return np.array(out, dtype=np.int64).reshape(-1, len(caps))


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    cum /= cum[-1]
    return float(values[order][np.searchsorted(cum, q - 1e-12)])


def random_board_baseline(
    residents: np.ndarray, board_size: int, observed: float, *, finite: bool = True
) -> RandomBoardBaseline:
    """The distribution of the dissimilarity index over boards drawn at random from the residents.

    ``residents`` holds adult counts per category (``finite=True``: drawing without replacement,
    multivariate hypergeometric) or shares (``finite=False``: multinomial, the large-afdeling limit).
    """
    residents = np.asarray(residents, dtype=float)
    shares = residents / residents.sum()
    k = len(residents)
    caps = [int(round(c)) for c in residents] if finite else [board_size] * k
    n_boards = math.comb(board_size + k - 1, k - 1)
    eps = 1e-9
    if n_boards <= MAX_EXACT_BOARDS:
        x = compositions(board_size, caps)
        if finite:
            # log C(K_i, x) for x = 0..n per category, looked up by index: no per-board Python work.
            tables = [_log_comb_row(caps[i], board_size) for i in range(k)]
            log_w = sum(tables[i][x[:, i]] for i in range(k)) - _log_comb_row(sum(caps), board_size)[board_size]
        else:
            with np.errstate(divide="ignore"):
                log_p = np.log(shares)
            log_w = math.lgamma(board_size + 1) + sum(
                np.where(x[:, i] > 0, x[:, i] * log_p[i], 0.0) - _lgamma(x[:, i] + 1) for i in range(k)
            )
        weights = np.exp(log_w)
        weights /= weights.sum()
        d = 0.5 * np.abs(x / board_size - shares).sum(axis=1)
        return RandomBoardBaseline(
            mean=float((d * weights).sum()),
            median=_weighted_quantile(d, weights, 0.5),
            p90=_weighted_quantile(d, weights, 0.9),
            p_at_least=float(weights[d >= observed - eps].sum()),
            method="exact",
        )
    rng = np.random.default_rng(SEED)
    if finite:
        x = rng.multivariate_hypergeometric(np.array(caps), board_size, size=SIMULATIONS)
    else:
        x = rng.multinomial(board_size, shares, size=SIMULATIONS)
    d = 0.5 * np.abs(x / board_size - shares).sum(axis=1)
    return RandomBoardBaseline(
        mean=float(d.mean()),
        median=float(np.quantile(d, 0.5, method="inverted_cdf")),
        p90=float(np.quantile(d, 0.9, method="inverted_cdf")),
        p_at_least=float((d >= observed - eps).mean()),
        method="simulated",
    )


def _lgamma(values: np.ndarray) -> np.ndarray:
    return np.vectorize(math.lgamma, otypes=[float])(values)


def _log_comb_row(n: int, up_to: int) -> np.ndarray:
    """log C(n, x) for x = 0..up_to (−inf where x > n)."""
    out = np.full(up_to + 1, -np.inf)
    for x in range(min(n, up_to) + 1):
        out[x] = math.lgamma(n + 1) - math.lgamma(x + 1) - math.lgamma(n - x + 1)
    return out


def expected_abs_gap(shares: np.ndarray, board_sizes: np.ndarray) -> np.ndarray:
    """E|X/n − p| for X ~ Binomial(n, p), element-wise over arrays of shares and board sizes.

    Summed over a dimension's categories and halved, this is the exact mean dissimilarity of a board
    drawn at random from a large afdeling; vectorised so a portfolio of thousands is one pass.
    """
    p = np.clip(np.asarray(shares, dtype=float), 0.0, 1.0)[:, None]
    n = np.asarray(board_sizes, dtype=np.int64)[:, None]
    n_max = int(n.max()) if n.size else 0
    j = np.arange(n_max + 1)[None, :]
    log_fact = np.array([math.lgamma(k + 1) for k in range(n_max + 1)])
    valid = j <= n
    jj = np.minimum(j, n)
    log_comb = log_fact[n] - log_fact[jj] - log_fact[np.clip(n - j, 0, None)]
    with np.errstate(divide="ignore", invalid="ignore"):
        # 0·log(0) is 0 here: a share of 0 or 1 puts all the mass on one count.
        log_pmf = log_comb + np.where(j > 0, j * np.log(p), 0.0) + np.where(n - j > 0, (n - j) * np.log1p(-p), 0.0)
    pmf = np.where(valid, np.exp(log_pmf), 0.0)
    gap = np.abs(j / np.maximum(n, 1) - p)
    out = (pmf * gap).sum(axis=1)
    return np.where(n[:, 0] > 0, out, np.nan)
