"""The kit's template ("long"): ``Dimension; Kategori; Beboere; Bestyrelse``, one row per category.

Also blocks headed by a dimension name (``Køn; Beboere; Bestyrelse``) and an ``Afdeling`` column for a
portfolio. Every number cell is checked by `validate.cell_number`. A blank cell is an error naming it,
except where a whole dimension is left blank (the template ships every dimension; one the analyst
has no data for is left out with a note) and the board's cells of a children's age band.
"""

from __future__ import annotations

from dataclasses import dataclass

from erfakit.core.categories import canonical_category, canonical_dimension, is_child_category, is_total_label
from erfakit.io.composition.detect import header_role, is_block_header, is_percent_header
from erfakit.io.composition.parsed import Entry, ParsedFile, composition_error, source_error
from erfakit.io.composition.validate import cell_number
from erfakit.io.spreadsheets import Cell, Number, RawTable, is_blank
from erfakit.texts import text


@dataclass
class _Row:
    dimension: str
    category: str
    row: int
    residents: Cell
    board: Cell
    afdeling: str
    residents_index: int | None
    board_index: int | None
    residents_header: str | None
    board_header: str | None


def read_template(raw: RawTable, start: int, parsed: ParsedFile, lang: str) -> None:
    """Read the template's rows below the header at ``raw.rows[start]`` into ``parsed``."""
    header = raw.rows[start]
    roles = [header_role(cell) for cell in header]
    columns = {role: i for i, role in reversed(list(enumerate(roles))) if role}
    block_dimension = canonical_dimension(header[0]) if is_block_header(header, roles) else None
    if block_dimension is None and "dimension" not in columns:
        parsed.errors.append(
            composition_error(
                "imp_missing_columns", lang, raw, raw.row_numbers[start], wanted="Dimension", found=_found(header)
            )
        )
        return
    value_col = columns.get("residents", columns.get("value"))
    board_col = columns.get("board")
    parsed.has_residents = value_col is not None
    parsed.has_board = board_col is not None
    percent_header = value_col is not None and is_percent_header(header[value_col])
    dimension = block_dimension
    category_col = columns.get("category", 0)
    rows: list[_Row] = []
    for index in range(start + 1, len(raw.rows)):
        row = raw.rows[index]
        number = raw.row_numbers[index]
        if is_blank(row):
            continue
        roles_here = [header_role(cell) for cell in row]
        if is_block_header(row, roles_here):
            header, roles, dimension = row, roles_here, canonical_dimension(row[0])
            value_col = next((i for i, r in enumerate(roles) if r in ("residents", "value")), value_col)
            board_col = next((i for i, r in enumerate(roles) if r == "board"), board_col)
            continue

        def cell(i: int | None, row: list[Cell] = row) -> Cell:
            return row[i] if i is not None and i < len(row) else None

        if "dimension" in columns and cell(columns["dimension"]) is not None:
            dimension = canonical_dimension(cell(columns["dimension"]))
        category_cell = cell(category_col)
        if category_cell is None:
            if cell(value_col) is not None or cell(board_col) is not None:
                parsed.errors.append(
                    composition_error(
                        "imp_missing_category",
                        lang,
                        raw,
                        number,
                        index=category_col,
                        header=_text(header, category_col),
                    )
                )
            continue
        if is_total_label(category_cell):
            continue
        if dimension is None:
            parsed.errors.append(
                composition_error(
                    "imp_missing_dimension", lang, raw, number, index=columns.get("dimension", 0), header="Dimension"
                )
            )
            continue
        rows.append(
            _Row(
                dimension=dimension,
                category=canonical_category(dimension, category_cell),
                row=number,
                residents=cell(value_col),
                board=cell(board_col),
                afdeling=_afdeling_text(cell(columns.get("afdeling"))),
                residents_index=value_col,
                board_index=board_col,
                residents_header=_text(header, value_col),
                board_header=_text(header, board_col),
            )
        )
    units = _fill_entries(raw, rows, parsed, lang)
    if len(units) > 1:
        parsed.errors.append(
            composition_error(
                "imp_mixed_units", lang, raw, column=raw.column_label(value_col or 0, _text(header, value_col))
            )
        )
    if percent_header or True in units:
        parsed.unit = "percent"
    if not parsed.entries and not parsed.errors:
        parsed.errors.append(source_error("imp_empty_data", lang, raw.source))


def _fill_entries(raw: RawTable, rows: list[_Row], parsed: ParsedFile, lang: str) -> set[bool]:
    """Check every number, dimension by dimension, and add the entries; return the units seen."""
    units: set[bool] = set()
    groups: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        groups.setdefault((row.afdeling, row.dimension), []).append(row)
    for (_, dimension), group in groups.items():
        residents_given = parsed.has_residents and any(not _blank(r.residents) for r in group)
        board_given = parsed.has_board and any(
            not _blank(r.board) for r in group if not is_child_category(dimension, r.category)
        )
        if parsed.has_residents and not residents_given:
            if any(_positive(r.board) for r in group):
                parsed.errors.append(
                    source_error("imp_board_without_residents", lang, raw.source, row=group[0].row, dimension=dimension)
                )
            else:
                parsed.notes.append(
                    text("composition.note_dimension_blank", lang, file=raw.source, dimension=dimension)
                )
            continue
        for r in group:
            residents = board = None
            if residents_given:
                residents = _number(raw, r, r.residents, r.residents_index, r.residents_header, parsed, lang, False)
                if residents is not None and not residents.suppressed:
                    units.add(residents.percent)
            child = is_child_category(dimension, r.category)
            if board_given and not (child and _blank(r.board)):
                board = _number(raw, r, r.board, r.board_index, r.board_header, parsed, lang, True)
            parsed.entries.append(
                Entry(
                    dimension=dimension,
                    category=r.category,
                    residents=residents.value if residents else None,
                    board=board.value if board else (0.0 if board_given and child else None),
                    row=r.row,
                    suppressed=bool(residents and residents.suppressed),
                    afdeling=r.afdeling,
                )
            )
    return units


def _number(
    raw: RawTable,
    r: _Row,
    cell: Cell,
    index: int | None,
    header: str | None,
    parsed: ParsedFile,
    lang: str,
    board: bool,
) -> Number | None:
    if index is None:
        return None
    return cell_number(
        raw,
        r.row,
        index,
        header,
        cell,
        dimension=r.dimension,
        category=r.category,
        errors=parsed.errors,
        lang=lang,
        board=board,
    )


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _positive(cell: Cell) -> bool:
    from erfakit.io.spreadsheets import parse_number

    number = parse_number(cell)
    return bool(number and number.value and number.value > 0)


def _afdeling_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text(header: list[Cell], index: int | None) -> str | None:
    if index is None or index >= len(header) or header[index] is None:
        return None
    return str(header[index])


def _found(header: list[Cell]) -> str:
    return ", ".join(f"»{c}«" for c in header if c is not None) or "–"
