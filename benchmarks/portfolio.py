"""Portfolio comparison: 1,000 and 10,000 afdelinger × 9 categories (3 dimensions × 3 categories).

Prints the median time of `compare_portfolio` for each size, the ratio between them (linear would be
10×) and the time per afdeling against a baseline measured in the same run: a bare pandas groupby sum
over the same frame, the least any vectorised comparison has to do. Since issue 11 it also computes
each board's exact random-board percentile (every board composition enumerated, vectorised per
board size), which the ranking uses.

Targets (issue 3): 1,000 afdelinger in ≤ 1 s; 10,000 in ≤ 12× the 1,000 time.

Run: ``.venv/bin/python benchmarks/portfolio.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from erfakit.core.portfolio import compare_portfolio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_seconds  # noqa: E402

DIMENSIONS = {
    "Køn": ("Mænd", "Kvinder", "Andet"),
    "Alder": ("18-29 år", "30-66 år", "67 år og derover"),
    "Herkomst": ("Personer med dansk oprindelse", "Indvandrere", "Efterkommere"),
}


def portfolio(n_afdelinger: int, *, seed: int = 7) -> pd.DataFrame:
    """An invented portfolio: residents 100–2,000 per category, boards of 3–9 members."""
    rng = np.random.default_rng(seed)
    categories = [(d, c) for d, cats in DIMENSIONS.items() for c in cats]
    n = n_afdelinger * len(categories)
    afdeling = np.repeat([f"Afd. {i}" for i in range(n_afdelinger)], len(categories))
    dimension = np.tile([d for d, _ in categories], n_afdelinger)
    category = np.tile([c for _, c in categories], n_afdelinger)
    residents = rng.integers(100, 2000, size=n)
    sizes = rng.integers(3, 10, size=n_afdelinger)
    board = np.concatenate([np.concatenate([rng.multinomial(size, [1 / 3] * 3) for _ in DIMENSIONS]) for size in sizes])
    return pd.DataFrame(
        {"afdeling": afdeling, "dimension": dimension, "category": category, "residents": residents, "board": board}
    )


def main() -> None:
    small, large = portfolio(1_000), portfolio(10_000)
    baseline_small = median_seconds(lambda: small.groupby(["afdeling", "dimension"]).sum(), repeat=7, warmup=1)
    t_small = median_seconds(lambda: compare_portfolio(small), repeat=7, warmup=1)
    t_large = median_seconds(lambda: compare_portfolio(large), repeat=3, warmup=1)
    ratio = t_large / t_small
    print(f"compare_portfolio, 1,000 afdelinger × 9 kategorier:  median {t_small:.3f} s")
    print(f"compare_portfolio, 10,000 afdelinger × 9 kategorier: median {t_large:.3f} s")
    print(f"ratio 10,000 / 1,000: {ratio:.1f}× (linear = 10×)")
    factor = t_small / baseline_small
    print(f"baseline (bare groupby sum, 1,000): {baseline_small:.4f} s; compare_portfolio is {factor:.1f}× that")
    print(f"target 1,000 ≤ 1 s: {'PASS' if t_small <= 1.0 else 'FAIL'}")
    print(f"target 10,000 ≤ 12× the 1,000 time: {'PASS' if ratio <= 12 else 'FAIL'}")


if __name__ == "__main__":
    main()
