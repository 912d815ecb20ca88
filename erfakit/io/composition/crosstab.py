"""Counts per dimension from a published table in long form (step 4 of `read_published`).

`read_published` hands over the table as records, each with its labels and the one cell its number
comes from. Here label columns whose categories Danmark Statistik's vocabulary recognises (Køn,
Alder, Herkomst, …) become dimensions; the others (area, country of origin) are summed over, and
total rows ("I alt") are used instead of their parts. With an age column, every other dimension
counts adults only (children's age bands are left out), so no dimension claims adults while
counting children; a band across 18 makes the others "alle beboere, også børn", with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from erfakit.core.categories import (
    canonical_category,
    canonical_dimension,
    guess_dimension,
    is_child_category,
    is_known_dimension,
    is_total_label,
    parse_band,
)
from erfakit.exceptions import InputFileError
from erfakit.io.composition.parsed import Entry, ParsedFile, Population, source_error
from erfakit.io.composition.validate import cell_number
from erfakit.io.spreadsheets import Cell, RawTable
from erfakit.texts import text


@dataclass
class LabelColumn:
    """A label column of the long form: a column of the file, or a header row of a wide table."""

    name: str | None
    index: int | None
    """The file's column (0-based) for a row label; None for a header row's labels."""
    header_row: int | None = None
    """For a header row's labels: the file row they are written in."""
    role: str | None = None
    dimension: str | None = None
    labels: dict[int, str | None] = field(default_factory=dict)
    """For a header row: its label over each number column."""


@dataclass
class Record:
    """One number of the table: its labels (one per `LabelColumn`), its cell and where it is."""

    labels: list[str | None]
    cell: Cell
    row: int
    index: int
    header: str | None


@dataclass
class LongTable:
    """A published table melted to one record per number, as `read_published` hands it over."""

    columns: list[LabelColumn]
    records: list[Record] = field(default_factory=list)


def sum_dimensions(table: LongTable, raw: RawTable, parsed: ParsedFile, lang: str) -> None:
    columns = table.columns
    records = table.records
    dims: dict[int, str] = {}
    constants: dict[int, str] = {}
    dimension_names = None
    for position, column in enumerate(columns):
        if column.role in ("time", "constant", "unknown"):
            continue
        labels = sorted({str(r.labels[position]) for r in records if r.labels[position] is not None})
        named = [v for v in labels if not is_total_label(v)]
        if named and all(is_known_dimension(v) for v in named) and position + 1 < len(columns):
            dimension_names = position
            continue
        if len(named) < 2:
            if len(named) == 1:
                constants[position] = named[0]
            continue
        dimension = column.dimension
        if dimension is None and column.name and is_known_dimension(column.name):
            dimension = canonical_dimension(column.name)
        dimension = dimension or guess_dimension(named)
        if dimension:
            dims[position] = dimension
    if dimension_names is not None:
        _sum_blocks(table, dimension_names, raw, parsed, lang)
        return
    if not dims:
        parsed.errors.append(
            source_error(
                "imp_no_table",
                lang,
                raw.source,
                columns=_describe_long(table),
            )
        )
        return
    parsed.has_residents = True
    age = next((p for p, d in dims.items() if d == "Alder"), None)
    adults_by_constant = any(
        (band := parse_band(v)) is not None and band.low >= 18 and columns[p].dimension in (None, "Alder")
        for p, v in constants.items()
    )
    seen_errors: set[tuple[int, int]] = set()
    for position, dimension in dims.items():
        restrictions = [p for p in dims if p != position and p != age and _has_total(records, p, position)]
        summed = [
            p
            for p, c in enumerate(columns)
            if p not in dims and c.role not in ("time", "constant") and len({r.labels[p] for r in records}) > 1
        ]
        population: Population | None = "adults" if adults_by_constant else None
        straddling: set[str] = set()
        sums = _Sums(raw, parsed, seen_errors, lang)
        for record in records:
            label = record.labels[position]
            if label is None or is_total_label(label):
                continue
            if any(not _is_total(record.labels[p]) for p in restrictions):
                continue
            if age is not None and position != age:
                age_label = record.labels[age]
                if (
                    age_label is None
                    or _is_total(age_label)
                    or is_child_category("Alder", canonical_category("Alder", age_label))
                ):
                    continue
                band = parse_band(age_label)
                if band is not None and band.low < 18:
                    straddling.add(canonical_category("Alder", age_label))
            sums.add(dimension, canonical_category(dimension, label), record, _cell_header(record, columns))
        if age is not None and position != age:
            population = "all_ages" if straddling else "adults"
            if straddling:
                parsed.notes.append(
                    text(
                        "composition.note_crosstab_straddles",
                        lang,
                        file=raw.source,
                        dimension=dimension,
                        bands=", ".join(sorted(straddling)),
                    )
                )
        if population:
            parsed.populations[dimension] = population
        sums.finish()
        names = [_column_name(columns[p], p, records, raw, lang) for p in summed]
        if names:
            parsed.notes.append(
                text("composition.note_summed", lang, file=raw.source, dimension=dimension, columns=", ".join(names))
            )
    if age is not None and len(dims) > 1:
        parsed.notes.append(
            text(
                "composition.note_crosstab_adults",
                lang,
                file=raw.source,
                dimensions=", ".join(d for d in dims.values() if d != "Alder"),
            )
        )


def _sum_blocks(table: LongTable, position: int, raw: RawTable, parsed: ParsedFile, lang: str) -> None:
    """A column naming the dimension of each block ("Køn", "Alder", …) and the next one its
    categories: the template's layout inside a published sheet."""
    parsed.has_residents = True
    sums = _Sums(raw, parsed, set(), lang)
    for record in table.records:
        name = record.labels[position]
        label = record.labels[position + 1]
        if name is None or label is None or is_total_label(label) or is_total_label(name):
            continue
        dimension = canonical_dimension(name)
        sums.add(dimension, canonical_category(dimension, label), record, record.header)
    sums.finish()


class _Sums:
    """Resident counts added up per dimension and category, each cell checked once.

    A category whose every cell is suppressed ("..") has no count; one with some suppressed cells
    has a count that is too low, which the entry says (``partly_suppressed``).
    """

    def __init__(self, raw: RawTable, parsed: ParsedFile, seen: set[tuple[int, int]], lang: str) -> None:
        self.raw, self.parsed, self.seen, self.lang = raw, parsed, seen, lang
        self.slots: dict[tuple[str, str], list[float]] = {}  # total, values, suppressed, first row

    def add(self, dimension: str, category: str, record: Record, header: str | None) -> None:
        slot = self.slots.setdefault((dimension, category), [0.0, 0, 0, record.row])
        errors: list[InputFileError] = []
        number = cell_number(
            self.raw,
            record.row,
            record.index,
            header,
            record.cell,
            dimension=dimension,
            category=category,
            errors=errors,
            lang=self.lang,
        )
        if errors:
            if (record.row, record.index) not in self.seen:  # a cell counted in two dimensions: one message
                self.seen.add((record.row, record.index))
                self.parsed.errors += errors
            return
        assert number is not None
        if number.suppressed:
            slot[2] += 1
            return
        slot[0] += number.value or 0.0
        slot[1] += 1
        if number.percent:
            self.parsed.unit = "percent"

    def finish(self) -> None:
        for (dimension, category), (total, n_values, n_suppressed, row) in self.slots.items():
            self.parsed.entries.append(
                Entry(
                    dimension,
                    category,
                    total if n_values else None,
                    None,
                    int(row),
                    suppressed=n_suppressed > 0 and n_values == 0,
                    partly_suppressed=n_suppressed > 0 and n_values > 0,
                )
            )


def _cell_header(record: Record, columns: list[LabelColumn]) -> str:
    """How a message names a number cell: its column heading and the labels of its row."""
    parts = [record.header] + [
        label for label, column in zip(record.labels, columns, strict=True) if label and column.index is not None
    ]
    return " · ".join(str(part) for part in parts if part)


def _is_total(label: str | None) -> bool:
    return label is not None and is_total_label(label)


def _has_total(records: list[Record], position: int, dimension_position: int) -> bool:
    """True when ``position`` has total rows that break down ``dimension_position``: use them."""
    return any(
        _is_total(r.labels[position])
        and r.labels[dimension_position] is not None
        and not _is_total(r.labels[dimension_position])
        for r in records
    )


def label_text(cell: Cell) -> str | None:
    """A label cell as text: "2025" rather than "2025.0" for a year Excel stored as a number."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip() or None


def _column_name(column: LabelColumn, position: int, records: list[Record], raw: RawTable, lang: str) -> str:
    """A label column as a note names it: its heading, or its letter and two of its labels."""
    if column.name:
        return column.name
    examples = list(dict.fromkeys(r.labels[position] for r in records if r.labels[position]))[:2]
    name = (
        raw.column_label(column.index)
        if column.index is not None
        else text("composition.header_row", lang, row=column.header_row)
    )
    return f"{name} ({', '.join(f'»{e}«' for e in examples)} …)"


def _describe_long(table: LongTable) -> str:
    parts = []
    for position, column in enumerate(table.columns):
        if column.role in ("time", "constant") or column.index is None:
            continue
        examples = list(dict.fromkeys(str(r.labels[position]) for r in table.records if r.labels[position]))[:2]
        name = column.name or str(column.index + 1)
        parts.append(f"{name} ({', '.join(f'»{e}«' for e in examples)})")
    return "; ".join(parts[:5]) or "–"
