"""Published tables as they are downloaded: StatBank CSV/Excel, Landsbyggefonden's Beboerdata, and
cross-tables such as Herkomst × Alder, long or wide.

No kit header here. The work is done in four steps on one long form of the table:

1. *Locate* the body below title and unit rows ("Enhed: Antal") and the header rows above it; tell
   label columns (sparse row headers are filled down) from number columns by their content.
2. *Melt* a wide table (one number column per period, per age band, per sex …) into records, each
   with its labels and the one cell its number comes from.
3. *Choose the period*: a column (or header row) of period labels keeps the latest period only. A
   label in it that is not a period ("2018X3") is refused rather than summed with the rest.
4. *Sum per dimension* (`crosstab.sum_dimensions`): recognised label columns become dimensions,
   the others are summed over; with an age column, every other dimension counts adults only.

Each number is checked by `validate.cell_number`: a blank cell, a formula without value, text, a
negative or an out-of-range number is an error naming the cell (e.g. ``AW4``) and its category.
StatBank's code form (``KØN``: 1/2) is translated by `dst_codes` or refused, naming the column.
"""

from __future__ import annotations

from erfakit.core.categories import canonical_dimension, guess_dimension, is_known_dimension, normalise
from erfakit.exceptions import InputFileError
from erfakit.io.composition import dst_codes
from erfakit.io.composition.crosstab import LabelColumn, LongTable, Record, label_text, sum_dimensions
from erfakit.io.composition.detect import UNIT_ROW, header_role, is_percent_header, is_period
from erfakit.io.composition.parsed import ParsedFile, composition_error, source_error
from erfakit.io.spreadsheets import Cell, RawTable, is_blank, parse_number
from erfakit.texts import text

_LABEL_ROLES = ("time", "area", "ignore", "afdeling", "dimension", "category")


def read_published(raw: RawTable, parsed: ParsedFile, lang: str) -> None:
    """Read a published table into ``parsed`` (see the module's steps)."""
    parsed.kind = "published"
    table = _long_form(raw, parsed, lang)
    if table is None:
        return
    _translate_codes(table, raw, parsed, lang)
    if parsed.errors:
        return
    sum_dimensions(table, raw, parsed, lang)


# ---- 1 and 2: locate and melt ----------------------------------------------------------------------


def _number_like(cell: Cell, raw: RawTable) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    return isinstance(cell, str) and parse_number(cell, separator=raw.separator) is not None


def _header_word(cell: Cell) -> bool:
    return isinstance(cell, str) and (header_role(cell) is not None or is_known_dimension(cell))


def _is_title(row: list[Cell]) -> bool:
    filled = [(i, c) for i, c in enumerate(row) if c is not None]
    if len(filled) != 1:
        return False
    i, cell = filled[0]
    return isinstance(cell, str) and (bool(UNIT_ROW.match(cell)) or (i == 0 and not is_period(cell)))


def _is_header(row: list[Cell]) -> bool:
    """Two or more cells naming roles or dimensions, and nothing else but periods."""
    filled = [c for c in row if c is not None]
    words = [c for c in filled if _header_word(c)]
    return len(words) >= 2 and all(_header_word(c) or is_period(c) for c in filled)


def _is_data(row: list[Cell], raw: RawTable) -> bool:
    labels = [c for c in row if isinstance(c, str) and not _number_like(c, raw) and not is_period(c)]
    values = [c for c in row if c is not None and _number_like(c, raw) and not is_period(c)]
    return bool(labels) and bool(values) and not all(_header_word(c) for c in labels) and not _is_title(row)


def _long_form(raw: RawTable, parsed: ParsedFile, lang: str) -> LongTable | None:
    rows = [(raw.row_numbers[i], row) for i, row in enumerate(raw.rows) if not is_blank(row)]
    # A header row naming the columns ("KØN;ALDER;TID;INDHOLD") starts the body below it, even when
    # every cell below is a number (StatBank's code form); otherwise the first row of labels and numbers.
    first = next((k + 1 for k, (_, row) in enumerate(rows[:40]) if _is_header(row) and k + 1 < len(rows)), None)
    if first is None:
        first = next((k for k, (_, row) in enumerate(rows) if _is_data(row, raw)), None)
    if first is None:
        parsed.errors.append(source_error("imp_no_table", lang, raw.source, columns="–"))
        return None
    width = max(len(row) for _, row in rows[first:])
    body = [(n, list(row) + [None] * (width - len(row))) for n, row in rows[first:]]
    above = [(n, list(row) + [None] * (width - len(row))) for n, row in rows[:first]]
    header_cells = _header_cells(above, width)
    values = _value_columns(body, header_cells, raw, width)
    # Rows above the first recognised data row that are data too (their number cell was blanked):
    # a label that is not a heading word, and no text where the numbers are.
    while above and _is_data_like(above[-1][1], values, raw):
        body.insert(0, above.pop())
    header_rows = [(n, row) for n, row in above if not _is_title(row)]
    header_cells = _header_cells(header_rows, width)
    labels = [i for i in range(width) if i not in values and any(row[i] is not None for _, row in body)]
    if not values:
        parsed.errors.append(
            source_error("imp_no_table", lang, raw.source, columns=_describe(header_cells, labels, body, raw))
        )
        return None
    _fill_down(body, labels)
    columns = [
        LabelColumn(name=header_cells.get(i), index=i, role=header_role(header_cells.get(i))) for i in sorted(labels)
    ]
    body = _latest_rows(body, columns, raw, parsed, lang)
    levels, chosen = _header_levels(header_rows, values, raw, parsed, lang)
    if parsed.errors:
        return None
    columns += levels
    table = LongTable(columns)
    innermost = max(labels) if labels else None
    indexes = [c.index for c in columns if c.index is not None]
    per_value = {j: _labels_of_column(levels, j) for j in chosen}
    headers = {j: " ".join(str(label) for label in per_value[j] if label) or header_cells.get(j) for j in chosen}
    for number, row in body:
        has_value = any(row[j] is not None for j in chosen)
        if not has_value and (innermost is None or row[innermost] is None or _is_title(row)):
            continue  # a heading or a footnote between blocks, not a row of numbers
        base = [c if (c := row[i]) is None or isinstance(c, str) else label_text(c) for i in indexes]
        for j in chosen:
            table.records.append(
                Record(labels=base + per_value[j], cell=row[j], row=number, index=j, header=headers[j])
            )
    if not table.records:
        parsed.errors.append(source_error("imp_empty_data", lang, raw.source))
        return None
    return table


def _is_data_like(row: list[Cell], values: list[int], raw: RawTable) -> bool:
    labels = [c for i, c in enumerate(row) if i not in values and c is not None]
    texts_in_values = [c for i, c in enumerate(row) if i in values and c is not None and not _number_like(c, raw)]
    return (
        bool(labels)
        and not texts_in_values
        and not all(_header_word(c) or is_period(c) for c in labels)
        and not _is_title(row)
    )


def _header_cells(header_rows: list[tuple[int, list[Cell]]], width: int) -> dict[int, str]:
    """The heading of each column: the lowest header row's text in it."""
    cells: dict[int, str] = {}
    for _, row in header_rows:
        for i in range(min(width, len(row))):
            if row[i] is not None:
                cells[i] = str(row[i])
    return cells


def _value_columns(body: list[tuple[int, list[Cell]]], headers: dict[int, str], raw: RawTable, width: int) -> list[int]:
    """Columns of numbers: mostly number-like cells, not headed as a label (KØN in code form is a
    label however numeric its codes). A column of years left of the numbers is a period column."""
    values = []
    sample = body if len(body) <= 3000 else body[:2000] + body[-1000:]
    for i in range(width):
        cells = [row[i] for _, row in sample if row[i] is not None]
        heading = headers.get(i)
        if not cells or (heading is not None and (header_role(heading) in _LABEL_ROLES or is_known_dimension(heading))):
            continue
        share = sum(_number_like(c, raw) for c in cells) / len(cells)
        if share >= 0.8 and not all(is_period(c) and isinstance(c, str) for c in cells):
            values.append(i)
    for i in list(values[:-1]):
        cells = [row[i] for _, row in sample if row[i] is not None]
        if cells and all(is_period(c) for c in cells):
            values.remove(i)
    return values


def _fill_down(body: list[tuple[int, list[Cell]]], labels: list[int]) -> None:
    """Sparse row headers: a label stands for the rows below it until the next. A new label further
    left starts a new block, so its row is not filled from the block above (an "I alt" row must not
    inherit the last age band)."""
    ordered = sorted(labels)
    last: dict[int, Cell] = {}
    for _, row in body:
        changed = False
        for i in ordered:
            if row[i] is not None:
                changed = True
                last[i] = row[i]
            elif not changed:
                row[i] = last.get(i)


def _header_levels(
    header_rows: list[tuple[int, list[Cell]]], values: list[int], raw: RawTable, parsed: ParsedFile, lang: str
) -> tuple[list[LabelColumn], list[int]]:
    """The header rows over the number columns, as label columns of the long form.

    Each header row is read across the number columns (a sparse heading stands for the columns to
    its right). A row of periods is a period column; a row whose labels are a dimension's categories
    is that dimension; a row with one label only says nothing. A row of other labels ("Antal",
    "Andel") cannot be melted: then one number column is chosen (the latest period, counts before
    shares) and named in a note.
    """
    levels: list[LabelColumn] = []
    per_level: list[dict[int, str | None]] = []
    unknown = False
    for number, row in header_rows:
        labels: dict[int, str | None] = {}
        last: str | None = None
        for j in values:
            if row[j] is not None:
                last = str(row[j])
            labels[j] = last
        distinct = {v for v in labels.values() if v is not None}
        if not distinct:
            continue
        present = [v for v in labels.values() if v is not None]
        periods = [v for v in distinct if is_period(v)]
        if len(periods) * 2 >= len(distinct) and len(periods) >= 2 and len(periods) < len(distinct):
            # A row of years with one that is not a year: refuse it rather than guess or sum.
            j = next(j for j in values if row[j] is not None and not is_period(str(row[j])))
            parsed.errors.append(_bad_period(raw, number, j, None, row[j], periods, lang))
            return [], []
        if all(is_period(v) for v in present):
            levels.append(LabelColumn(name=None, index=None, header_row=number, role="time"))
        elif len(distinct) == 1:
            if len(values) == 1 or len(present) == len(values):
                levels.append(LabelColumn(name=None, index=None, header_row=number, role="constant"))
            else:
                continue
        else:
            dimension = guess_dimension(sorted(distinct))
            if dimension is None:
                unknown = True
                levels.append(LabelColumn(name=None, index=None, header_row=number, role="unknown"))
            else:
                levels.append(LabelColumn(name=dimension, index=None, header_row=number, dimension=dimension))
        per_level.append(labels)
    for level, labels in zip(levels, per_level, strict=True):
        level.labels = labels
    chosen = list(values)
    for level in levels:
        if level.role == "time" and len({v for v in level.labels.values() if v}) > 1:
            # The latest period's columns only: earlier years are not read (nor their blank cells).
            latest = max((v for v in level.labels.values() if v), key=_period_key)
            chosen = [j for j in chosen if level.labels.get(j) == latest]
            parsed.notes.append(text("composition.note_latest_period", lang, file=raw.source, period=f"»{latest}«"))
    if unknown and len(chosen) > 1:
        chosen = [_pick_column(levels, chosen)]
        label = " ".join(str(level.labels.get(chosen[0]) or "") for level in levels).strip()
        parsed.notes.append(
            text("composition.note_value_column", lang, file=raw.source, column=label or raw.column_label(chosen[0]))
        )
        levels = [level for level in levels if level.role != "unknown"]
    return levels, chosen


def _pick_column(levels: list[LabelColumn], values: list[int]) -> int:
    """Of several number columns that cannot be melted: the latest period's, counts before shares."""
    candidates = list(values)
    for level in levels:
        labels = level.labels
        if level.role == "time":
            latest = max((labels[j] for j in candidates if labels.get(j)), key=_period_key, default=None)
            candidates = [j for j in candidates if labels.get(j) == latest] or candidates
    for level in levels:
        labels = level.labels
        if level.role == "unknown":
            counts = [j for j in candidates if not is_percent_header(labels.get(j))]
            candidates = counts or candidates
    return candidates[-1]


def _labels_of_column(levels: list[LabelColumn], j: int) -> list[str | None]:
    return [level.labels.get(j) for level in levels]


# ---- 3: periods and codes ---------------------------------------------------------------------------


def _period_key(label: Cell) -> tuple[int, str, int]:
    key = normalise(label_text(label) or "")
    return (int(key[:4]), key[4:5], int(key[5:] or 0)) if label is not None and is_period(key) else (0, key, 0)


def _bad_period(
    raw: RawTable, row: int, index: int, header: str | None, value: Cell, periods: list, lang: str
) -> InputFileError:
    """A label among the periods that is not a period, with the two latest periods as examples."""
    examples = ", ".join(str(p) for p in sorted(periods, key=_period_key)[-2:]) or "2025K1"
    return composition_error(
        "imp_bad_period", lang, raw, row, value=value, index=index, header=header, examples=examples
    )


def _latest_rows(
    body: list[tuple[int, list[Cell]]], columns: list[LabelColumn], raw: RawTable, parsed: ParsedFile, lang: str
) -> list[tuple[int, list[Cell]]]:
    """The rows of the latest period, for each column of period labels ("TID", or one whose labels
    are mostly "2025K1"-like). A label in it that is not a period is refused: summing it with the
    others, or guessing which period it was, would both be wrong."""
    for column in columns:
        assert column.index is not None
        index = column.index
        distinct = list(dict.fromkeys(row[index] for _, row in body if row[index] is not None))
        periods = [v for v in distinct if is_period(v)]
        if column.role != "time" and not (len(periods) * 2 >= len(distinct) and len(periods) >= 2):
            continue
        if len(periods) < len(distinct) or not periods:
            number, bad = next(
                (n, row[index]) for n, row in body if row[index] is not None and not is_period(row[index])
            )
            parsed.errors.append(_bad_period(raw, number, index, column.name, bad, periods, lang))
            return body
        column.role = "time"
        latest = max(periods, key=_period_key)
        body = [(n, row) for n, row in body if row[index] == latest or row[index] is None]
        if len(distinct) > 1:
            parsed.notes.append(
                text("composition.note_latest_period", lang, file=raw.source, period=f"»{label_text(latest)}«")
            )
    return body


def _translate_codes(table: LongTable, raw: RawTable, parsed: ParsedFile, lang: str) -> None:
    """StatBank's code form: translate a dimension's codes, or refuse the column naming it."""
    for position, column in enumerate(table.columns):
        if column.index is None or column.role == "time":
            continue
        labels = sorted({str(r.labels[position]) for r in table.records if r.labels[position] is not None})
        if not dst_codes.looks_like_codes(labels):
            continue
        dimension = canonical_dimension(column.name) if column.name else None
        mapping = dst_codes.translate(dimension, set(labels)) if dimension else None
        if mapping is None and len(labels) == 1:
            continue  # one code for the whole table (OMRÅDE 101): nothing is summed over it
        if mapping is None:
            parsed.errors.append(
                composition_error(
                    "imp_dst_codes",
                    lang,
                    raw,
                    next(r.row for r in table.records),
                    value=", ".join(labels[:6]),
                    index=column.index,
                    header=column.name,
                    column_name=column.name or raw.column_label(column.index),
                )
            )
            continue
        for record in table.records:
            code = record.labels[position]
            if code is not None:
                record.labels[position] = mapping.get(str(code), code)
        column.dimension = dimension
        parsed.notes.append(
            text(
                "composition.note_dst_codes",
                lang,
                file=raw.source,
                column=column.name,
                mapping=", ".join(f"{code} = {label}" for code, label in list(mapping.items())[:8]),
            )
        )


def _describe(header: dict[int, str], label_cols: list[int], body: list[tuple[int, list[Cell]]], raw: RawTable) -> str:
    parts = []
    for i in [j for j in label_cols if header_role(header.get(j)) != "time"][:5]:
        examples = list(dict.fromkeys(str(row[i]) for _, row in body if row[i] is not None))[:2]
        name = header.get(i) or raw.column_label(i)
        parts.append(f"{name} ({', '.join(f'»{e}«' for e in examples)})")
    return "; ".join(parts) or "–"
