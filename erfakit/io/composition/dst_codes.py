"""Danmarks Statistik's codes, as the API writes them without texts, mapped to StatBank's labels.

A CSV from ``api.statbank.dk/v1/data/…/CSV?valuePresentation=Code`` (the API's default in some
clients) holds ``OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD`` with codes such as ``1;2`` or ``24;25;34;35``.
A code means something only within its table: HERKOMST ``1`` is "Personer med dansk oprindelse" in
FOLK1E, while FOLK1C writes that group as ``5`` (and ``4``, ``3`` for immigrants and descendants). So a
column is translated only when its codes, taken together, fit exactly one of the code lists below,
as StatBank's table information (``api.statbank.dk/v1/tableinfo``) lists them:

* KØN in FOLK1A/FOLK1C/FOLK1E: ``TOT`` I alt, ``1`` Mænd, ``2`` Kvinder; in BEF-tables ``M``, ``K``;
* HERKOMST in FOLK1E (and tables with the same list): ``TOT`` I alt, ``1`` Personer med dansk
  oprindelse, ``24``/``25`` Indvandrere fra vestlige/ikke-vestlige lande, ``34``/``35`` Efterkommere
  fra vestlige/ikke-vestlige lande, with ``21``/``31`` as the subtotals Indvandrere/Efterkommere i alt;
* HERKOMST in FOLK1C: ``TOT`` I alt, ``5`` Personer med dansk oprindelse, ``4`` Indvandrere, ``3``
  Efterkommere;
* ALDER: ``IALT`` Alder i alt, single years ``0`` … ``125``, bands ``0-4`` … and ``100OV`` (100 år og
  derover), ``-15`` (under 16 år), ``67-`` (67 år og derover).

Anything else in code form is refused by the reader, naming the column and how to download the table
with texts.
"""

from __future__ import annotations

import re

TOTAL = "I alt"

_KØN = (
    {"TOT": TOTAL, "1": "Mænd", "2": "Kvinder"},
    {"TOT": TOTAL, "M": "Mænd", "K": "Kvinder"},
)
_HERKOMST_FOLK1E = {
    "TOT": TOTAL,
    "1": "Personer med dansk oprindelse",
    "24": "Indvandrere fra vestlige lande",
    "25": "Indvandrere fra ikke-vestlige lande",
    "34": "Efterkommere fra vestlige lande",
    "35": "Efterkommere fra ikke-vestlige lande",
    "21": "Indvandrere",
    "31": "Efterkommere",
}
_HERKOMST_FOLK1C = {"TOT": TOTAL, "5": "Personer med dansk oprindelse", "4": "Indvandrere", "3": "Efterkommere"}

CODE = re.compile(r"^(?:TOT|IALT|\d{1,4}|\d{1,3}-\d{0,3}|-\d{1,3}|\d{1,3}OV|[A-Z]{1,2}\d{0,3})$")
"""A cell that looks like a StatBank code rather than a label (no lower case, no spaces)."""


def looks_like_codes(values: list[str]) -> bool:
    """True when every value is code-like and at least one is a bare number (labels are never)."""
    return bool(values) and all(CODE.match(v) for v in values) and any(v.isdigit() for v in values)


def translate(dimension: str, codes: set[str]) -> dict[str, str] | None:
    """The labels of ``codes`` in ``dimension`` ("Køn", "Herkomst", "Alder"), or None when the codes
    do not fit exactly one documented code list. Totals map to "I alt"."""
    codes = {c.strip() for c in codes}
    if dimension == "Køn":
        fits = [scheme for scheme in _KØN if codes <= set(scheme)]
        return {c: fits[0][c] for c in codes} if len(fits) == 1 and len(codes - {"TOT"}) >= 2 else None
    if dimension == "Herkomst":
        return _herkomst(codes)
    if dimension == "Alder":
        labels = {c: _age_label(c) for c in codes}
        if any(label is None for label in labels.values()):
            return None
        return {c: label for c, label in labels.items() if label is not None}
    return None


def _herkomst(codes: set[str]) -> dict[str, str] | None:
    detailed = codes & {"24", "25", "34", "35"}
    if detailed and codes <= set(_HERKOMST_FOLK1E):
        mapping = {c: _HERKOMST_FOLK1E[c] for c in codes}
        # 21 and 31 are the sums of 24+25 and 34+35: beside their parts they would count twice.
        if codes & {"24", "25"} and "21" in codes:
            mapping["21"] = TOTAL
        if codes & {"34", "35"} and "31" in codes:
            mapping["31"] = TOTAL
        return mapping
    if codes <= set(_HERKOMST_FOLK1C) and len(codes - {"TOT"}) >= 2:
        return {c: _HERKOMST_FOLK1C[c] for c in codes}
    if codes <= {"TOT", "1", "21", "31"} and {"21", "31"} <= codes:
        return {c: _HERKOMST_FOLK1E[c] for c in codes}
    return None


def _age_label(code: str) -> str | None:
    if code in ("IALT", "TOT"):
        return TOTAL
    if code.isdigit():
        return f"{int(code)} år"
    match = re.fullmatch(r"(\d+)-(\d+)", code)
    if match and int(match.group(1)) <= int(match.group(2)):
        return f"{int(match.group(1))}-{int(match.group(2))} år"
    match = re.fullmatch(r"(\d+)(?:OV|-)", code)
    if match:
        return f"{int(match.group(1))} år og derover"
    match = re.fullmatch(r"-(\d+)", code)
    if match:
        return f"Under {int(match.group(1)) + 1} år"
    return None
