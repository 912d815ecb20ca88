"""Which shape a composition table has, told from its headers (or their absence).

* "long": the kit's template, ``Dimension; Kategori; Beboere; Bestyrelse`` (optionally with
  ``Afdeling`` for a portfolio), or blocks headed by a dimension name (``Køn; Beboere; Bestyrelse``);
* "members": one anonymous row per board member, ``Alder; Køn; Herkomst; …``;
* "published": anything else that holds a table: StatBank and Landsbyggefonden downloads, with or
  without header, title and unit rows, sparse row headers, cross-tables long or wide, and the DST
  API's code form (``OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from erfakit.core.categories import is_known_dimension, normalise
from erfakit.io.composition.parsed import Kind
from erfakit.io.spreadsheets import Cell, RawTable, is_blank, parse_number

# Header spellings per role, normalised (see `categories.normalise`).
ROLES: dict[str, tuple[str, ...]] = {
    "afdeling": (
        "afdeling",
        "afd",
        "afd.",
        "afdelingsnummer",
        "afdelingsnr",
        "afdelingsnr.",
        "afdelingsnavn",
        "department",
        "estate",
    ),
    "dimension": ("dimension", "emne", "variabel", "opdeling", "kendetegn"),
    "category": ("kategori", "category", "gruppe", "group", "kategorier"),
    "residents": (
        "beboere",
        "residents",
        "voksne beboere",
        "antal beboere",
        "beboere i alt",
        "andel beboere",
        "beboerandel",
        "beboere i procent",
        "adult residents",
        "share of residents",
    ),
    "board": (
        "bestyrelse",
        "bestyrelsen",
        "board",
        "afdelingsbestyrelse",
        "afdelingsbestyrelsen",
        "antal i bestyrelsen",
        "bestyrelsesmedlemmer",
        "board members",
        "andel bestyrelse",
    ),
    "value": (
        "antal",
        "count",
        "n",
        "personer",
        "indhold",
        "value",
        "værdi",
        "andel",
        "procent",
        "pct",
        "pct.",
        "%",
        "share",
    ),
    "time": ("tid", "time", "periode", "kvartal", "year", "quarter", "årstal", "år"),
    "area": (
        "område",
        "omrade",
        "omraade",
        "region",
        "kommune",
        "sogn",
        "bydel",
        "omrkk",
        "area",
        "postnr",
        "postnummer",
    ),
    "name": (
        "navn",
        "name",
        "fornavn",
        "efternavn",
        "fulde navn",
        "full name",
        "initialer",
        "initials",
        "e-mail",
        "email",
        "mail",
        "telefon",
        "tlf",
        "tlf.",
        "mobil",
        "phone",
        "adresse",
        "address",
        "cpr",
        "cpr-nr",
        "cpr-nummer",
        "fødselsdato",
        "lejemål",
        "lejlighed",
        "lejlighedsnr",
        "opgang",
    ),
    "member_id": ("nr", "nr.", "medlem", "id", "løbenummer", "medlemsnr", "medlemsnummer", "member", "#"),
    "identifying": ("rolle", "post", "funktion", "role", "hverv"),
    "remark": ("bemærkning", "bemærkninger", "note", "noter", "kommentar", "kommentarer", "remark", "comment"),
    "ignore": ("enhed", "unit"),
}
_PERCENT_WORDS = ("%", "andel", "procent", "pct", "share", "percent")
PERIOD = re.compile(r"^\d{4}(?:[kqmhu]\d{1,2})?$")
UNIT_ROW = re.compile(r"^(enhed|unit)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Shape:
    """A table's shape: its kind, where its header row is (an index into ``raw.rows``), the roles
    of the header's cells, and whether a unit row said the numbers are percentages."""

    kind: Kind
    header_index: int | None
    roles: tuple[str | None, ...]
    unit_percent: bool


def header_role(cell: Cell) -> str | None:
    """The role a header cell names ("residents", "board", "time", …), or None."""
    if not isinstance(cell, str):
        return None
    key = normalise(cell)
    key = re.sub(r"\s*\((antal|%|pct\.?|procent|andel)\)$", "", key)
    for role, spellings in ROLES.items():
        if key in spellings:
            return role
    if key.startswith(("beboere", "antal beboere", "andel af beboerne")):
        return "residents"
    if key.startswith(("bestyrelse", "antal i bestyrelsen", "andel af bestyrelsen")):
        return "board"
    return None


def is_percent_header(cell: Cell) -> bool:
    """True for a heading that says its numbers are shares ("Andel", "%", "Procent")."""
    return isinstance(cell, str) and any(word in normalise(cell) for word in _PERCENT_WORDS)


def is_period(cell: Cell) -> bool:
    """True for a period label as StatBank writes it: "2025", "2025K1", "2025M03" (or a year number)."""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return float(cell).is_integer() and 1900 <= cell <= 2100
    return isinstance(cell, str) and bool(PERIOD.match(normalise(cell))) and 1900 <= int(cell.strip()[:4]) <= 2100


def is_block_header(row: list[Cell], roles: list[str | None]) -> bool:
    """ "Køn; Beboere; Bestyrelse": a dimension's name heading a block of categories."""
    return (
        bool(row)
        and isinstance(row[0], str)
        and roles[0] is None
        and is_known_dimension(row[0])
        and any(r in ("residents", "board") for r in roles[1:])
    )


def is_members_header(row: list[Cell], roles: list[str | None]) -> bool:
    """ "Alder; Køn; Herkomst": dimension names only, no count column and no period columns.

    A StatBank header such as "Alder; Køn; 2025K1" names dimensions too, but its periods (or any
    number as a heading) show that the rows below are counts, not members; so does an "INDHOLD"
    column (the DST API's code form).
    """
    known = [c for c in row if isinstance(c, str) and is_known_dimension(c)]
    periods = [
        c
        for c in row
        if isinstance(c, (int, float)) or (isinstance(c, str) and (PERIOD.match(normalise(c)) or _plain_number(c)))
    ]
    return (
        bool(known)
        and not periods
        and not any(r in ("residents", "board", "value", "category", "time", "area") for r in roles)
    )


def _plain_number(cell: str) -> bool:
    """A heading that is a number (not a suppression mark such as "x", which is also a letter)."""
    number = parse_number(cell)
    return number is not None and not number.suppressed


def detect_shape(raw: RawTable) -> Shape:
    """Find the header among the first rows and say which reader the table needs."""
    unit_percent = False
    for index, row in enumerate(raw.rows[:40]):
        if is_blank(row):
            continue
        first = next((c for c in row if c is not None), None)
        if (
            isinstance(first, str)
            and UNIT_ROW.match(first)
            and any(w in normalise(first) for w in ("procent", "pct", "%"))
        ):
            unit_percent = True
        roles = [header_role(cell) for cell in row]
        numbers = [parse_number(cell, separator=raw.separator) for cell in row]
        if any(n is not None and not n.suppressed for n in numbers) and not all(
            r is not None or c is None for r, c in zip(roles, row, strict=True)
        ):
            break  # data has begun; a header, if any, was above
        if ("category" in roles and any(r in roles for r in ("residents", "board", "value"))) or is_block_header(
            row, roles
        ):
            return Shape("long", index, tuple(roles), unit_percent)
        if is_members_header(row, roles):
            return Shape("members", index, tuple(roles), unit_percent)
    return Shape("published", None, (), unit_percent)
