"""Recognise the shape of a composition table and read its rows (see `composition_import`).

`parse_table` turns a `RawTable` into a `ParsedFile`: entries (dimension, category, residents, board)
for the template and for published tables, or members for one-row-per-board-member files. Problems
are collected, not raised, so that one check lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from erfakit.core.categories import (
    canonical_category,
    canonical_dimension,
    guess_dimension,
    is_total_label,
    is_known_dimension,
    normalise,
)
from erfakit.exceptions import InputFileError
from erfakit.io.tables import Cell, Number, RawTable, is_blank, parse_number
from erfakit.texts import text

# Header spellings per role, normalised (see `categories.normalise`).
_ROLES: dict[str, tuple[str, ...]] = {
    "afdeling": ("afdeling", "afd", "afd.", "afdelingsnummer", "afdelingsnr", "afdelingsnr.", "afdelingsnavn", "department", "estate"),
    "dimension": ("dimension", "emne", "variabel", "opdeling", "kendetegn"),
    "category": ("kategori", "category", "gruppe", "group", "kategorier"),
    "residents": ("beboere", "residents", "voksne beboere", "antal beboere", "beboere i alt", "andel beboere",
                  "beboerandel", "beboere i procent", "adult residents", "share of residents"),
    "board": ("bestyrelse", "bestyrelsen", "board", "afdelingsbestyrelse", "afdelingsbestyrelsen", "antal i bestyrelsen",
              "bestyrelsesmedlemmer", "board members", "andel bestyrelse"),
    "value": ("antal", "count", "n", "personer", "indhold", "value", "værdi", "andel", "procent", "pct", "pct.", "%", "share"),
    "time": ("tid", "time", "periode", "kvartal", "year", "quarter", "årstal"),
    "name": ("navn", "name", "fornavn", "efternavn", "fulde navn", "full name"),
    "ignore": ("nr", "nr.", "medlem", "id", "løbenummer", "rolle", "post", "bemærkning", "bemærkninger", "note", "noter",
               "kommentar", "enhed", "unit"),
}
_PERCENT_WORDS = ("%", "andel", "procent", "pct", "share", "percent")
_PERIOD = re.compile(r"^\d{4}(?:[kqmhu]\d{1,2})?$")
_UNIT_ROW = re.compile(r"^(enhed|unit)\s*:", re.IGNORECASE)


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


def _role(cell: Cell) -> str | None:
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


def _error(key: str, lang: str, raw: RawTable, row: int | None = None, column: str | None = None,
           value: object = None, **values: object) -> InputFileError:
    if row is not None and column is not None:
        where = text("composition.where_cell", lang, file=raw.source, row=row, column=column)
    elif row is not None:
        where = text("composition.where_row", lang, file=raw.source, row=row)
    else:
        where = raw.source
    fill = dict(where=where, file=raw.source, value=value, row=row, column=column, **values)
    return InputFileError(
        text(f"composition.{key}", lang, **fill),
        text(f"composition.{key}_hint", lang, **fill),
        path=raw.source,
        row=row,
        column=column,
        value=value,
    )


def parse_table(raw: RawTable, *, lang: str = "da") -> ParsedFile:
    """Recognise the table's shape and read it (see the module docstring of `composition_import`)."""
    parsed = ParsedFile(source=raw.source)
    unit_percent = False
    for index, row in enumerate(raw.rows[:40]):
        if is_blank(row):
            continue
        first = next((c for c in row if c is not None), None)
        if isinstance(first, str) and _UNIT_ROW.match(first) and any(w in normalise(first) for w in ("procent", "pct", "%")):
            unit_percent = True
        roles = [_role(cell) for cell in row]
        numbers = [parse_number(cell, separator=raw.separator) for cell in row]
        if any(n is not None and not n.suppressed for n in numbers) and not all(
            r is not None or c is None for r, c in zip(roles, row)
        ):
            break  # data has begun; a header, if any, was above
        if "category" in roles and any(r in roles for r in ("residents", "board", "value")):
            _read_long(raw, index, row, roles, parsed, lang)
            return _finish(parsed, unit_percent, lang, raw)
        if _is_block_header(row, roles):
            _read_long(raw, index, row, roles, parsed, lang)
            return _finish(parsed, unit_percent, lang, raw)
        if _is_members_header(row, roles):
            _read_members(raw, index, row, roles, parsed, lang)
            return parsed
    _read_published(raw, parsed, lang)
    return _finish(parsed, unit_percent or parsed.unit == "percent", lang, raw)


def _is_block_header(row: list[Cell], roles: list[str | None]) -> bool:
    """"Køn; Beboere; Bestyrelse": a dimension's name heading a block of categories."""
    return (
        bool(row)
        and isinstance(row[0], str)
        and roles[0] is None
        and is_known_dimension(row[0])
        and any(r in ("residents", "board") for r in roles[1:])
    )


def _is_members_header(row: list[Cell], roles: list[str | None]) -> bool:
    known = [c for c in row if isinstance(c, str) and is_known_dimension(c)]
    return bool(known) and not any(r in ("residents", "board", "value", "category", "time") for r in roles)


def _read_long(raw: RawTable, start: int, header: list[Cell], roles: list[str | None], parsed: ParsedFile, lang: str) -> None:
    columns = {role: i for i, role in reversed(list(enumerate(roles))) if role}
    block_dimension = canonical_dimension(header[0]) if _is_block_header(header, roles) else None
    header_row = raw.row_numbers[start]
    if block_dimension is None and "dimension" not in columns:
        parsed.errors.append(_error("imp_missing_columns", lang, raw, row=header_row, wanted="Dimension",
                                    found=_found(header)))
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
        roles_here = [_role(cell) for cell in row]
        if _is_block_header(row, roles_here):
            header, roles, block_dimension = row, roles_here, canonical_dimension(row[0])
            dimension = block_dimension
            continue
        cell = lambda i: row[i] if i is not None and i < len(row) else None  # noqa: E731
        if "dimension" in columns:
            written = cell(columns["dimension"])
            if written is not None:
                dimension = canonical_dimension(written)
        category_cell = cell(category_col)
        residents = _number(raw, row, number_row, value_col, header, parsed, lang, allow_percent=True, seen=percent_seen)
        board = _number(raw, row, number_row, board_col, header, parsed, lang, allow_percent=False, seen=None)
        if category_cell is None:
            if residents is not None or board is not None:
                parsed.errors.append(_error("imp_missing_category", lang, raw, row=number_row,
                                            column=raw.column_label(category_col, _h(header, category_col))))
            continue
        if is_total_label(category_cell):
            continue
        if dimension is None:
            parsed.errors.append(_error("imp_missing_dimension", lang, raw, row=number_row,
                                        column=raw.column_label(columns.get("dimension", 0), "Dimension")))
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
        parsed.errors.append(_error("imp_mixed_units", lang, raw, column=raw.column_label(value_col, _h(header, value_col))))
    if percent_header or True in percent_seen:
        parsed.unit = "percent"
    if not parsed.entries and not parsed.errors:
        parsed.errors.append(_error("imp_empty_data", lang, raw))


def _afdeling_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _h(header: list[Cell], index: int | None) -> str | None:
    if index is None or index >= len(header) or header[index] is None:
        return None
    return str(header[index])


def _found(header: list[Cell]) -> str:
    return ", ".join(f"»{c}«" for c in header if c is not None) or "–"


def _number(raw: RawTable, row: list[Cell], number_row: int, index: int | None, header: list[Cell],
            parsed: ParsedFile, lang: str, *, allow_percent: bool, seen: set[bool] | None) -> Number | None:
    if index is None or index >= len(row) or row[index] is None:
        return None
    cell = row[index]
    column = raw.column_label(index, _h(header, index))
    number = parse_number(cell, separator=raw.separator)
    if number is None:
        parsed.errors.append(_error("imp_bad_number", lang, raw, row=number_row, column=column, value=cell))
        return None
    if number.suppressed:
        if not allow_percent:
            parsed.errors.append(_error("imp_board_suppressed", lang, raw, row=number_row, column=column, value=cell))
            return None
        return number
    if number.value < 0:
        parsed.errors.append(_error("imp_negative", lang, raw, row=number_row, column=column, value=cell))
        return None
    if seen is not None:
        seen.add(number.percent)
    if not allow_percent:
        if number.percent or not float(number.value).is_integer():
            parsed.errors.append(_error("imp_board_fraction", lang, raw, row=number_row, column=column, value=cell))
            return None
    return number


def _read_members(raw: RawTable, start: int, header: list[Cell], roles: list[str | None], parsed: ParsedFile, lang: str) -> None:
    parsed.kind = "members"
    parsed.has_board = True
    dims: dict[int, str] = {}
    for i, cell in enumerate(header):
        if cell is None:
            continue
        if roles[i] == "name":
            parsed.errors.append(_error("imp_names_not_allowed", lang, raw, row=raw.row_numbers[start],
                                        column=raw.column_label(i, str(cell)), value=cell))
        elif roles[i] is None:
            dims[i] = canonical_dimension(cell)
    for index in range(start + 1, len(raw.rows)):
        row = raw.rows[index]
        if is_blank(row):
            continue
        values = {
            dims[i]: (row[i] if i < len(row) else None, raw.column_label(i, str(header[i])))
            for i in dims
        }
        parsed.members.append(Member(row=raw.row_numbers[index], values=values))
    if not parsed.members and not parsed.errors:
        parsed.errors.append(_error("imp_empty_data", lang, raw))


def _finish(parsed: ParsedFile, percent: bool, lang: str, raw: RawTable) -> ParsedFile:
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


# ---- published tables (StatBank, Landsbyggefonden) -------------------------------------------------


def _read_published(raw: RawTable, parsed: ParsedFile, lang: str) -> None:
    parsed.kind = "published"
    rows = [(raw.row_numbers[i], row) for i, row in enumerate(raw.rows) if not is_blank(row)]
    first_data = next((k for k, (_, row) in enumerate(rows) if _is_data_row(row, raw)), None)
    if first_data is None:
        parsed.errors.append(_error("imp_no_table", lang, raw, columns="–"))
        return
    header: list[Cell] = []
    for k in range(first_data - 1, -1, -1):
        candidate = rows[k][1]
        if sum(c is not None for c in candidate) >= 2:
            header = candidate
            break
    data = rows[first_data:]
    width = max(len(row) for _, row in data)
    matrix = [list(row) + [None] * (width - len(row)) for _, row in data]
    numbers = [number for number, _ in data]
    roles = [_role(header[i]) if i < len(header) else None for i in range(width)]

    numeric = []
    for i in range(width):
        cells = [r[i] for r in matrix if r[i] is not None]
        parsed_cells = [parse_number(c, separator=raw.separator) for c in cells]
        share = sum(p is not None for p in parsed_cells) / len(cells) if cells else 0.0
        numeric.append(share >= 0.8 and roles[i] not in ("time", "ignore"))
    value_cols = [i for i in range(width) if numeric[i]]
    label_cols = [i for i in range(width) if not numeric[i] and any(r[i] is not None for r in matrix)]
    # A numeric column of years left of the values is a period column, not a count.
    for i in list(value_cols[:-1]):
        cells = [parse_number(r[i]) for r in matrix if r[i] is not None]
        if cells and all(c and c.value is not None and float(c.value).is_integer() and 1900 <= c.value <= 2100 for c in cells):
            value_cols.remove(i)
            label_cols.append(i)
            roles[i] = "time"
    if not value_cols:
        parsed.errors.append(_error("imp_no_table", lang, raw, columns=_describe(header, label_cols, matrix, raw)))
        return
    explicit = [i for i in value_cols if roles[i] in ("value", "residents")]
    value_col = explicit[-1] if explicit else value_cols[-1]
    if len(value_cols) > 1 and not explicit:
        parsed.notes.append(text("composition.note_value_column", lang, file=raw.source,
                                 column=_h(header, value_col) or raw.column_label(value_col)))
    # Sparse row headers: a label stands for the rows below it until the next. A new label further
    # left starts a new block, so its row is not filled from the block above (an "I alt" row must
    # not inherit the last age band).
    ordered = sorted(label_cols)
    last: dict[int, Cell] = {}
    for r in matrix:
        changed = False
        for i in ordered:
            if r[i] is not None:
                changed = True
                last[i] = r[i]
            elif not changed:
                r[i] = last.get(i)
    keep = list(range(len(matrix)))
    for i in label_cols:
        labels = [str(matrix[k][i]) for k in keep if matrix[k][i] is not None]
        if roles[i] == "time" or (labels and all(_PERIOD.match(normalise(v)) for v in labels)):
            latest = max(set(labels), key=_period_key)
            keep = [k for k in keep if str(matrix[k][i]) == latest]
            roles[i] = "time"
            if len(set(labels)) > 1:
                parsed.notes.append(text("composition.note_latest_period", lang, file=raw.source, period=latest))
    dims: dict[int, str] = {}
    for i in label_cols:
        if roles[i] == "time":
            continue
        labels = sorted({str(matrix[k][i]) for k in keep if matrix[k][i] is not None})
        if len([v for v in labels if not is_total_label(v)]) < 2:
            continue
        named = canonical_dimension(header[i]) if i < len(header) and header[i] is not None else None
        dimension = named if named and is_known_dimension(named) else guess_dimension(labels)
        if dimension:
            dims[i] = dimension
    if not dims:
        parsed.errors.append(_error("imp_no_table", lang, raw, columns=_describe(header, label_cols, matrix, raw)))
        return
    parsed.has_residents = True
    for i, dimension in dims.items():
        # Other dimensions' columns whose total rows break this one down: use those rows only.
        totals_in = [j for j in dims if j != i and _has_total(matrix, keep, j, i)]
        sums: dict[str, list] = {}
        for k in keep:
            r = matrix[k]
            label = r[i]
            if label is None or is_total_label(label):
                continue
            # Where another dimension has a total row, use it rather than summing its parts twice.
            if any(not _is_total(r[j]) for j in totals_in):
                continue
            number = parse_number(r[value_col], separator=raw.separator)
            category = canonical_category(dimension, label)
            slot = sums.setdefault(category, [0.0, False, numbers[k], False])
            if number is None:
                if r[value_col] is not None:
                    parsed.errors.append(_error("imp_bad_number", lang, raw, row=numbers[k],
                                                column=raw.column_label(value_col, _h(header, value_col)), value=r[value_col]))
                continue
            if number.suppressed:
                slot[1] = True
                continue
            if number.value < 0:
                parsed.errors.append(_error("imp_negative", lang, raw, row=numbers[k],
                                            column=raw.column_label(value_col, _h(header, value_col)), value=r[value_col]))
                continue
            slot[0] += number.value
            slot[3] = True
            if number.percent:
                parsed.unit = "percent"
        for category, (total, suppressed, row, any_value) in sums.items():
            parsed.entries.append(
                Entry(dimension, category, total if any_value else None, None, row, suppressed=suppressed and not any_value)
            )
        summed = [_h(header, j) or raw.column_label(j) for j in label_cols if j != i and roles[j] != "time"
                  and len({str(matrix[k][j]) for k in keep}) > 1]
        if summed:
            parsed.notes.append(text("composition.note_summed", lang, file=raw.source, dimension=dimension,
                                     columns=", ".join(summed)))


def _is_total(cell: Cell) -> bool:
    return cell is not None and is_total_label(cell)


def _has_total(matrix: list[list[Cell]], keep: list[int], column: int, dimension_column: int) -> bool:
    """True when ``column`` has total rows that break down ``dimension_column`` (use them, not the parts)."""
    return any(
        _is_total(matrix[k][column]) and matrix[k][dimension_column] is not None
        and not _is_total(matrix[k][dimension_column])
        for k in keep
    )


def _period_key(label: str) -> tuple:
    key = normalise(label)
    return (int(key[:4]), key[4:5], int(key[5:] or 0)) if _PERIOD.match(key) else (0, key, 0)


def _is_data_row(row: list[Cell], raw: RawTable) -> bool:
    texts = [c for c in row if isinstance(c, str) and parse_number(c, separator=raw.separator) is None]
    values = [c for c in row if c is not None and not (isinstance(c, str) and parse_number(c, separator=raw.separator) is None)]
    return bool(texts) and bool(values) and not (len(row) >= 1 and isinstance(row[0], str) and _UNIT_ROW.match(row[0]))


def _describe(header: list[Cell], label_cols: list[int], matrix: list[list[Cell]], raw: RawTable) -> str:
    parts = []
    for i in [j for j in label_cols if _role(header[j] if j < len(header) else None) != "time"][:5]:
        examples = list(dict.fromkeys(str(r[i]) for r in matrix if r[i] is not None))[:2]
        name = _h(header, i) or raw.column_label(i)
        parts.append(f"{name} ({', '.join(f'»{e}«' for e in examples)})")
    return "; ".join(parts) or "–"
