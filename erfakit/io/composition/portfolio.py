"""A file of many afdelinger (an ``Afdeling`` column) for the portfolio view.

The template's long shape with an ``Afdeling`` column first; read with the same reader and checks as a
meeting's composition file, and returned as one long DataFrame for
`erfakit.core.portfolio.compare_portfolio`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from erfakit.exceptions import InputFileErrors
from erfakit.io.composition.assemble import parse_table
from erfakit.io.composition.parsed import source_error
from erfakit.io.spreadsheets import load_table


def read_portfolio(path: str | Path, *, lang: str = "da") -> pd.DataFrame:
    """A file with many afdelinger as one long DataFrame.

    Columns: ``afdeling``, ``dimension``, ``category``, ``residents``, ``board``; children's bands are
    kept here and left out by `erfakit.core.portfolio.compare_portfolio`. Raises `InputFileErrors`.
    """
    parsed = parse_table(load_table(path, lang=lang), lang=lang)
    if parsed.errors:
        raise InputFileErrors(parsed.errors)
    if parsed.kind != "long" or not any(e.afdeling for e in parsed.entries):
        raise InputFileErrors([source_error("imp_no_afdeling_column", lang, parsed.source)])
    records = [
        (e.afdeling, e.dimension, e.category, e.residents, e.board or 0.0)
        for e in parsed.entries
        if e.residents is not None
    ]
    return pd.DataFrame(records, columns=["afdeling", "dimension", "category", "residents", "board"])
