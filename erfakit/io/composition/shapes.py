"""The kit's own shapes of composition tables: the template ("long") and board member rows.

`erfakit.io.composition.assemble.parse_table` recognises a table's shape from its header and calls
`read_long` or `read_members` here (published StatBank tables are in `composition_published`). They
fill a `ParsedFile`: entries (dimension, category, residents, board) or members. Problems are
collected, not raised, so that one check lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from erfakit.core.categories import (
    canonical_category,
    canonical_dimension,
    is_known_dimension,
    is_total_label,
    normalise,
)
from erfakit.exceptions import InputFileError
from erfakit.io.spreadsheets import Cell, Number, RawTable, is_blank, located_error, parse_number
from erfakit.texts import text

# Header spellings per role, normalised (see `categories.normalise`).
_ROLES: dict[str, tuple[str, ...]] = {
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
    "time": ("tid", "time", "periode", "kvartal", "year", "quarter", "årstal"),
    "name": ("navn", "name", "fornavn", "efternavn", "fulde navn", "full name"),
    "ignore": (
        "nr",
        "nr.",
        "medlem",
        "id",
        "løbenummer",
        "rolle",
        "post",
        "bemærkning",
        "bemærkninger",
        "note",
        "noter",
        "kommentar",
        "enhed",
        "unit",
    ),
}
_PERCENT_WORDS = ("%", "andel", "procent", "pct", "share", "percent")
PERIOD = re.compile(r"^\d{4}(?:[kqmhu]\d{1,2})?$")
UNIT_ROW = re.compile(r"^(enhed|unit)\s*:", re.IGNORECASE)


@dataclass
class Entry:
    """One category of one dimension, from one row of a file (``row`` is the file's row number)."""

    dimension: str
    category: str
    residents: float | None
    board: float | None
    row: int
    suppressed: bool = False
    afdeling: str = ""


@dataclass
class Member:
    """One anonymous board member: ``values`` maps dimension → (value as written, column label)."""

    row: int
    values: dict[str, tuple[Cell, str]]


@dataclass
class ParsedFile:
    """What one composition file holds, and what is wrong with it."""

    source: str
    kind: str = "long"
    """"long" (template), "members" (one row per board member) or "published" (StatBank-like)."""
    entries: list[Entry] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    unit: str = "count"
    has_residents: bool = False
    has_board: bool = False
    notes: list[str] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)


def header_role(cell: Cell) -> str | None:
    if not isinstance(cell, str):
        return None
    key = normalise(cell)
    key = re.sub(r"\s*\((antal|%|pct\.?|procent|andel)\)$", "", key)
    for role, spellings in _ROLES.items():
        if key in spellings:
            return role
    if key.startswith(("beboere", "antal beboere", "andel af beboerne")):
        return "residents"
    if key.startswith(("bestyrelse", "antal i bestyrelsen", "andel af bestyrelsen")):
        return "board"
    return None


def _is_percent_header(cell: Cell) -> bool:
    return isinstance(cell, str) and any(word in normalise(cell) for word in _PERCENT_WORDS)


def shape_error(
    key: str,
    lang: str,
    raw: RawTable,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **values: object,
) -> InputFileError:
    return located_error(f"composition.{key}", lang, raw.source, row=row, column=column, value=value, **values)


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
    number as a heading) show that the rows below are counts, not members.
    """
    known = [c for c in row if isinstance(c, str) and is_known_dimension(c)]
    periods = [
        c
        for c in row
        if isinstance(c, (int, float)) or (isinstance(c, str) and (PERIOD.match(normalise(c)) or parse_number(c)))
    ]
    return (
        bool(known) and not periods and not any(r in ("residents", "board", "value", "category", "time") for r in roles)
    )


def read_long(
    raw: RawTable, start: int, header: list[Cell], roles: list[str | None], parsed: ParsedFile, lang: str
) -> None:
    columns = {role: i for i, role in reversed(list(enumerate(roles))) if role}
    block_dimension = canonical_dimension(header[0]) if is_block_header(header, roles) else None
    header_row = raw.row_numbers[start]
    if block_dimension is None and "dimension" not in columns:
        parsed.errors.append(
            shape_error("imp_missing_columns", lang, raw, row=header_row, wanted="Dimension", found=_found(header))
        )
        return
    value_col = columns.get("residents", columns.get("value"))
    board_col = columns.get("board")
    parsed.has_residents = value_col is not None
    parsed.has_board = board_col is not None
    percent_header = value_col is not None and _is_percent_header(header[value_col])
    percent_seen: set[bool] = set()
    dimension = block_dimension
    category_col = columns.get("category", 0)
    for index in range(start + 1, len(raw.rows)):
        row = raw.rows[index]
        number_row = raw.row_numbers[index]
        if is_blank(row):
            continue
        roles_here = [header_role(cell) for cell in row]
        if is_block_header(row, roles_here):
            header, roles, block_dimension = row, roles_here, canonical_dimension(row[0])
            dimension = block_dimension
            continue
        cell = lambda i: row[i] if i is not None and i < len(row) else None  # noqa: E731
        if "dimension" in columns:
            written = cell(columns["dimension"])
            if written is not None:
                dimension = canonical_dimension(written)
        category_cell = cell(category_col)
        residents = _number(
            raw, row, number_row, value_col, header, parsed, lang, allow_percent=True, seen=percent_seen
        )
        board = _number(raw, row, number_row, board_col, header, parsed, lang, allow_percent=False, seen=None)
        if category_cell is None:
            if residents is not None or board is not None:
                parsed.errors.append(
                    shape_error(
                        "imp_missing_category",
                        lang,
                        raw,
                        row=number_row,
                        column=raw.column_label(category_col, header_text(header, category_col)),
                    )
                )
            continue
        if is_total_label(category_cell):
            continue
        if dimension is None:
            parsed.errors.append(
                shape_error(
                    "imp_missing_dimension",
                    lang,
                    raw,
                    row=number_row,
                    column=raw.column_label(columns.get("dimension", 0), "Dimension"),
                )
            )
            continue
        afdeling = cell(columns.get("afdeling"))
        parsed.entries.append(
            Entry(
                dimension=dimension,
                category=canonical_category(dimension, category_cell),
                residents=residents.value if residents else None,
                board=board.value if board else (0.0 if parsed.has_board else None),
                row=number_row,
                suppressed=bool(residents and residents.suppressed),
                afdeling=_afdeling_text(afdeling),
            )
        )
    if len(percent_seen) > 1:
        parsed.errors.append(
            shape_error(
                "imp_mixed_units", lang, raw, column=raw.column_label(value_col, header_text(header, value_col))
            )
        )
    if percent_header or True in percent_seen:
        parsed.unit = "percent"
    if not parsed.entries and not parsed.errors:
        parsed.errors.append(shape_error("imp_empty_data", lang, raw))


def _afdeling_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def header_text(header: list[Cell], index: int | None) -> str | None:
    if index is None or index >= len(header) or header[index] is None:
        return None
    return str(header[index])


def _found(header: list[Cell]) -> str:
    return ", ".join(f"»{c}«" for c in header if c is not None) or "–"


def _number(
    raw: RawTable,
    row: list[Cell],
    number_row: int,
    index: int | None,
    header: list[Cell],
    parsed: ParsedFile,
    lang: str,
    *,
    allow_percent: bool,
    seen: set[bool] | None,
) -> Number | None:
    if index is None or index >= len(row) or row[index] is None:
        return None
    cell = row[index]
    column = raw.column_label(index, header_text(header, index))
    number = parse_number(cell, separator=raw.separator)
    if number is None:
        parsed.errors.append(shape_error("imp_bad_number", lang, raw, row=number_row, column=column, value=cell))
        return None
    if number.suppressed:
        if not allow_percent:
            parsed.errors.append(
                shape_error("imp_board_suppressed", lang, raw, row=number_row, column=column, value=cell)
            )
            return None
        return number
    if number.value < 0:
        parsed.errors.append(shape_error("imp_negative", lang, raw, row=number_row, column=column, value=cell))
        return None
    if seen is not None:
        seen.add(number.percent)
    if not allow_percent:
        if number.percent or not float(number.value).is_integer():
            parsed.errors.append(
                shape_error("imp_board_fraction", lang, raw, row=number_row, column=column, value=cell)
            )
            return None
    return number


def read_members(
    raw: RawTable, start: int, header: list[Cell], roles: list[str | None], parsed: ParsedFile, lang: str
) -> None:
    parsed.kind = "members"
    parsed.has_board = True
    dims: dict[int, str] = {}
    for i, cell in enumerate(header):
        if cell is None:
            continue
        if roles[i] == "name":
            parsed.errors.append(
                shape_error(
                    "imp_names_not_allowed",
                    lang,
                    raw,
                    row=raw.row_numbers[start],
                    column=raw.column_label(i, str(cell)),
                    value=cell,
                )
            )
        elif roles[i] is None:
            dims[i] = canonical_dimension(cell)
    for index in range(start + 1, len(raw.rows)):
        row = raw.rows[index]
        if is_blank(row):
            continue
        values = {dims[i]: (row[i] if i < len(row) else None, raw.column_label(i, str(header[i]))) for i in dims}
        parsed.members.append(Member(row=raw.row_numbers[index], values=values))
    if not parsed.members and not parsed.errors:
        parsed.errors.append(shape_error("imp_empty_data", lang, raw))


def finish(parsed: ParsedFile, percent: bool, lang: str, raw: RawTable) -> ParsedFile:
    if percent and parsed.has_residents:
        parsed.unit = "percent"
    if parsed.unit == "percent" and not parsed.errors:
        _fractions_to_percent(parsed, lang)
    return parsed


def _fractions_to_percent(parsed: ParsedFile, lang: str) -> None:
    """Shares written as 0,25 rather than 25 %: scale a dimension by 100 when it sums to about 1."""
    totals: dict[str, float] = {}
    for e in parsed.entries:
        totals[e.dimension] = totals.get(e.dimension, 0.0) + (e.residents or 0.0)
    for dimension, total in totals.items():
        if 0.95 <= total <= 1.05:
            for e in parsed.entries:
                if e.dimension == dimension and e.residents is not None:
                    e.residents *= 100
            parsed.notes.append(text("composition.note_fractions", lang, file=parsed.source, dimension=dimension))
