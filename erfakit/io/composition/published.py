"""Published tables as they are downloaded: StatBank CSV/Excel and Landsbyggefonden's Beboerdata.

No kit header here. The table is found below any title and unit rows ("Enhed: Antal"); label columns
(sparse row headers filled down) and number columns are told apart by their content; of several
periods (a ``TID`` column of "2025K1"-style labels, or one number column per year) the latest is
used. Label columns whose categories Danmarks Statistik's vocabulary recognises (Køn, Alder,
Herkomst, …) become dimensions; the others (area, country of origin, …) are summed over, and total
rows ("I alt") are used rather than double-counted.
"""

from __future__ import annotations

from erfakit.core.categories import (
    canonical_category,
    canonical_dimension,
    guess_dimension,
    is_known_dimension,
    is_total_label,
    normalise,
)
from erfakit.io.composition.shapes import PERIOD, UNIT_ROW, Entry, ParsedFile, header_role, header_text, shape_error
from erfakit.io.spreadsheets import Cell, RawTable, is_blank, parse_number
from erfakit.texts import text


def read_published(raw: RawTable, parsed: ParsedFile, lang: str) -> None:
    """Read a published table into ``parsed``: label columns become dimensions, the latest period counts."""
    parsed.kind = "published"
    rows = [(raw.row_numbers[i], row) for i, row in enumerate(raw.rows) if not is_blank(row)]
    first_data = next((k for k, (_, row) in enumerate(rows) if _is_data_row(row, raw)), None)
    if first_data is None:
        parsed.errors.append(shape_error("imp_no_table", lang, raw, columns="–"))
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
    roles = [header_role(header[i]) if i < len(header) else None for i in range(width)]

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
        if cells and all(
            c and c.value is not None and float(c.value).is_integer() and 1900 <= c.value <= 2100 for c in cells
        ):
            value_cols.remove(i)
            label_cols.append(i)
            roles[i] = "time"
    if not value_cols:
        parsed.errors.append(shape_error("imp_no_table", lang, raw, columns=_describe(header, label_cols, matrix, raw)))
        return
    explicit = [i for i in value_cols if roles[i] in ("value", "residents")]
    value_col = explicit[-1] if explicit else value_cols[-1]
    if len(value_cols) > 1 and not explicit:
        parsed.notes.append(
            text(
                "composition.note_value_column",
                lang,
                file=raw.source,
                column=header_text(header, value_col) or raw.column_label(value_col),
            )
        )
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
        if roles[i] == "time" or (labels and all(PERIOD.match(normalise(v)) for v in labels)):
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
        parsed.errors.append(shape_error("imp_no_table", lang, raw, columns=_describe(header, label_cols, matrix, raw)))
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
                    parsed.errors.append(
                        shape_error(
                            "imp_bad_number",
                            lang,
                            raw,
                            row=numbers[k],
                            column=raw.column_label(value_col, header_text(header, value_col)),
                            value=r[value_col],
                        )
                    )
                continue
            if number.suppressed:
                slot[1] = True
                continue
            if number.value < 0:
                parsed.errors.append(
                    shape_error(
                        "imp_negative",
                        lang,
                        raw,
                        row=numbers[k],
                        column=raw.column_label(value_col, header_text(header, value_col)),
                        value=r[value_col],
                    )
                )
                continue
            slot[0] += number.value
            slot[3] = True
            if number.percent:
                parsed.unit = "percent"
        for category, (total, suppressed, row, any_value) in sums.items():
            parsed.entries.append(
                Entry(
                    dimension,
                    category,
                    total if any_value else None,
                    None,
                    row,
                    suppressed=suppressed and not any_value,
                )
            )
        summed = [
            header_text(header, j) or raw.column_label(j)
            for j in label_cols
            if j != i and roles[j] != "time" and len({str(matrix[k][j]) for k in keep}) > 1
        ]
        if summed:
            parsed.notes.append(
                text("composition.note_summed", lang, file=raw.source, dimension=dimension, columns=", ".join(summed))
            )


def _is_total(cell: Cell) -> bool:
    return cell is not None and is_total_label(cell)


def _has_total(matrix: list[list[Cell]], keep: list[int], column: int, dimension_column: int) -> bool:
    """True when ``column`` has total rows that break down ``dimension_column`` (use them, not the parts)."""
    return any(
        _is_total(matrix[k][column])
        and matrix[k][dimension_column] is not None
        and not _is_total(matrix[k][dimension_column])
        for k in keep
    )


def _period_key(label: str) -> tuple:
    key = normalise(label)
    return (int(key[:4]), key[4:5], int(key[5:] or 0)) if PERIOD.match(key) else (0, key, 0)


def _is_data_row(row: list[Cell], raw: RawTable) -> bool:
    texts = [c for c in row if isinstance(c, str) and parse_number(c, separator=raw.separator) is None]
    values = [
        c
        for c in row
        if c is not None and not (isinstance(c, str) and parse_number(c, separator=raw.separator) is None)
    ]
    return bool(texts) and bool(values) and not (len(row) >= 1 and isinstance(row[0], str) and UNIT_ROW.match(row[0]))


def _describe(header: list[Cell], label_cols: list[int], matrix: list[list[Cell]], raw: RawTable) -> str:
    parts = []
    for i in [j for j in label_cols if header_role(header[j] if j < len(header) else None) != "time"][:5]:
        examples = list(dict.fromkeys(str(r[i]) for r in matrix if r[i] is not None))[:2]
        name = header_text(header, i) or raw.column_label(i)
        parts.append(f"{name} ({', '.join(f'»{e}«' for e in examples)})")
    return "; ".join(parts) or "–"
