"""The analyst's composition files: residents and board, as they really come, into a `Composition`.

Three shapes are understood, found from the headers (or their absence):

* the kit's template, "long": ``Dimension; Kategori; Beboere; Bestyrelse`` (also blocks headed by a
  dimension name, e.g. ``Køn; Beboere; Bestyrelse``), with an optional ``Afdeling`` column for a
  portfolio;
* one anonymous row per board member: ``Alder; Køn; Herkomst; …`` (ages are binned into the
  residents' bands; a column of names is refused, herkomst being sensitive personal data);
* published StatBank / Landsbyggefonden tables: label columns (sparse ones filled down), a period
  column or one value column per period (the latest is used), title and unit rows. Label columns
  whose categories Danmarks Statistik's vocabulary recognises become dimensions; the others are
  summed over.

Every problem is collected with its file, row, column and value; one `InputFileErrors` is raised with
all of them, so the analyst fixes a file in one go. Nothing is returned half-loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from erfakit.core.categories import Band, canonical_category, is_child_category, normalise, parse_band
from erfakit.core.formatting import format_number
from erfakit.core.model import Composition, CompositionRow
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.composition.published import read_published
from erfakit.io.composition.shapes import (
    UNIT_ROW,
    Member,
    ParsedFile,
    finish,
    header_role,
    is_block_header,
    is_members_header,
    read_long,
    read_members,
)
from erfakit.io.spreadsheets import RawTable, is_blank, load_table, located_error, parse_number
from erfakit.texts import text

MAX_BOARD = 15
"""Largest board accepted: an afdelingsbestyrelse has 3–9 members in practice."""

PERCENT_TOLERANCE = 1.5
"""Shares may sum to 98.5–101.5 % (rounding in published tables); beyond that something is missing."""


def read_composition(
    residents_path: str | Path, board_path: str | Path | None = None, *, lang: str = "da"
) -> Composition:
    """Read the residents' file (and the board's, if separate) into a `Composition`.

    The residents' file may carry board counts too (the template's ``Bestyrelse`` column). A separate
    board file holds counts per category or one anonymous row per member. Children (age bands under
    18) are left out with a note. Raises `InputFileErrors` listing every problem found.
    """
    residents = parse_table(load_table(residents_path, lang=lang), lang=lang)
    board = parse_table(load_table(board_path, lang=lang), lang=lang) if board_path is not None else None
    return assemble_composition(residents, board, lang=lang)


def parse_table(raw: RawTable, *, lang: str = "da") -> ParsedFile:
    """Recognise the table's shape from its header (or its absence) and read it; problems are collected."""
    parsed = ParsedFile(source=raw.source)
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
            r is not None or c is None for r, c in zip(roles, row)
        ):
            break  # data has begun; a header, if any, was above
        if "category" in roles and any(r in roles for r in ("residents", "board", "value")):
            read_long(raw, index, row, roles, parsed, lang)
            return finish(parsed, unit_percent, lang, raw)
        if is_block_header(row, roles):
            read_long(raw, index, row, roles, parsed, lang)
            return finish(parsed, unit_percent, lang, raw)
        if is_members_header(row, roles):
            read_members(raw, index, row, roles, parsed, lang)
            return parsed
    read_published(raw, parsed, lang)
    return finish(parsed, unit_percent or parsed.unit == "percent", lang, raw)


def loads_composition(residents: RawTable, board: RawTable | None = None, *, lang: str = "da") -> Composition:
    """`read_composition` for tables already read (e.g. from bytes with `tables.loads_table`)."""
    parsed_board = parse_table(board, lang=lang) if board is not None else None
    return assemble_composition(parse_table(residents, lang=lang), parsed_board, lang=lang)


def assemble_composition(residents: ParsedFile, board: ParsedFile | None, *, lang: str = "da") -> Composition:
    """Combine a parsed residents' file and an optional parsed board file, checking both together."""
    errors = list(residents.errors) + (list(board.errors) if board else [])
    notes = list(residents.notes) + (list(board.notes) if board else [])
    if errors:
        raise InputFileErrors(errors)
    if residents.kind == "members":
        raise InputFileErrors([_error("imp_members_as_residents", lang, residents.source)])
    if not residents.has_residents:
        raise InputFileErrors([_error("imp_no_residents", lang, residents.source)])
    afdelinger = sorted({e.afdeling for e in residents.entries if e.afdeling})
    if len(afdelinger) > 1:
        raise InputFileErrors(
            [
                _error(
                    "imp_several_afdelinger",
                    lang,
                    residents.source,
                    n=len(afdelinger),
                    examples=", ".join(afdelinger[:3]),
                )
            ]
        )

    table = _residents_table(residents, notes, errors, lang)
    if board is not None:
        if residents.has_board:
            notes.append(text("composition.note_board_file_overrides", lang, file=board.source))
        counts = _board_counts(board, table, notes, errors, lang)
    elif residents.has_board:
        counts = {(e.dimension, e.category): (e.board or 0.0, e.row) for e in residents.entries if e.board is not None}
    else:
        counts = {}
        notes.append(text("composition.note_no_board", lang))
    board_source = board.source if board is not None else (residents.source if residents.has_board else "")
    rows = _merge(table, counts, board_source, residents.unit, notes, errors, lang)
    if errors:
        raise InputFileErrors(errors)
    return Composition(
        residents_source=residents.source,
        board_source=board_source,
        residents_unit=residents.unit,
        rows=rows,
        notes=notes,
    )


def _error(
    key: str,
    lang: str,
    source: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **values: object,
) -> InputFileError:
    return located_error(f"composition.{key}", lang, source, row=row, column=column, value=value, **values)


@dataclass
class _Category:
    dimension: str
    category: str
    residents: float | None
    suppressed: bool
    row: int


def _residents_table(
    parsed: ParsedFile, notes: list[str], errors: list[InputFileError], lang: str
) -> dict[str, list[_Category]]:
    """Adult residents per dimension, children removed (with a note), percent sums checked."""
    table: dict[str, list[_Category]] = {}
    for entry in parsed.entries:
        if entry.residents is None and not entry.suppressed:
            continue
        table.setdefault(entry.dimension, []).append(
            _Category(entry.dimension, entry.category, entry.residents, entry.suppressed, entry.row)
        )
    for dimension, cats in table.items():
        suppressed = [c for c in cats if c.suppressed]
        if suppressed:
            notes.append(
                text(
                    "composition.note_suppressed",
                    lang,
                    file=parsed.source,
                    n=len(suppressed),
                    dimension=dimension,
                    categories=", ".join(c.category for c in suppressed),
                )
            )
        if parsed.unit == "percent":
            total = sum(c.residents or 0 for c in cats)
            if abs(total - 100) > PERCENT_TOLERANCE and not (suppressed and total < 100):
                errors.append(
                    _error(
                        "imp_percent_sum",
                        lang,
                        parsed.source,
                        dimension=dimension,
                        total=format_number(total, lang, decimals=1),
                    )
                )
        straddling = [
            c.category
            for c in cats
            if dimension == "Alder"
            and (band := parse_band(c.category)) is not None
            and band.low < 18
            and (band.high is None or band.high > 18)
        ]
        if straddling:
            notes.append(text("composition.note_band_straddles_18", lang, bands=", ".join(straddling)))
        children = [c for c in cats if is_child_category(dimension, c.category)]
        if children:
            count = sum(c.residents or 0 for c in children)
            key = "composition.note_children_percent" if parsed.unit == "percent" else "composition.note_children"
            notes.append(
                text(
                    key,
                    lang,
                    bands=", ".join(c.category for c in children),
                    count=format_number(count, lang, decimals=1 if parsed.unit == "percent" else 0),
                )
            )
            table[dimension] = [c for c in cats if c not in children]
        if table[dimension] and sum(c.residents or 0 for c in table[dimension]) <= 0:
            errors.append(_error("imp_dimension_empty", lang, parsed.source, dimension=dimension))
    return table


def _board_counts(
    board: ParsedFile, table: dict[str, list[_Category]], notes: list[str], errors: list[InputFileError], lang: str
) -> dict[tuple[str, str], tuple[float, int]]:
    if board.kind != "members":
        if not board.has_board and board.has_residents:
            # A counts file whose only number column is "Antal" is the board's, when given as the board.
            return {
                (e.dimension, e.category): (e.residents or 0.0, e.row) for e in board.entries if e.residents is not None
            }
        return {(e.dimension, e.category): (e.board or 0.0, e.row) for e in board.entries if e.board is not None}
    counts: dict[tuple[str, str], tuple[float, int]] = {}
    if len(board.members) > MAX_BOARD:
        errors.append(_error("imp_too_many_members", lang, board.source, n=len(board.members), max=MAX_BOARD))
        return counts
    unknown: dict[str, int] = {}
    for member in board.members:
        for dimension, (value, column) in member.values.items():
            if value is None:
                unknown[dimension] = unknown.get(dimension, 0) + 1
                continue
            category = _member_category(member, dimension, value, column, board.source, table, errors, lang)
            if category is not None:
                key = (dimension, category)
                previous = counts.get(key, (0.0, member.row))
                counts[key] = (previous[0] + 1, previous[1])
    for dimension, n in unknown.items():
        notes.append(text("composition.note_board_unknown", lang, file=board.source, n=n, dimension=dimension))
    return counts


def _member_category(
    member: Member,
    dimension: str,
    value: object,
    column: str,
    source: str,
    table: dict[str, list[_Category]],
    errors: list[InputFileError],
    lang: str,
) -> str | None:
    """The residents' category a member's value falls in: a number is binned into the bands."""
    bands: list[tuple[Band, str]] = []
    for cat in table.get(dimension, []):
        band = parse_band(cat.category)
        if band is not None:
            bands.append((band, cat.category))
    if isinstance(value, str):
        # "45 år" and "12 års boligtid" are numbers with a unit the analyst typed along.
        value_text = re.sub(r"\s*(år|års|aar|years?)\b.*$", "", value.strip(), flags=re.IGNORECASE) or value
    else:
        value_text = value
    number = parse_number(value_text) if not isinstance(value, (int, float)) else None
    numeric = (
        float(value) if isinstance(value, (int, float)) else (number.value if number and not number.percent else None)
    )
    if numeric is not None and (bands or dimension in ("Alder", "Boligtid")):
        if dimension == "Alder" and numeric < 18:
            errors.append(_error("imp_member_child", lang, source, row=member.row, column=column, value=value))
            return None
        if dimension == "Alder" and numeric > 120 or numeric < 0:
            errors.append(
                _error(
                    "imp_member_implausible",
                    lang,
                    source,
                    row=member.row,
                    column=column,
                    value=value,
                    dimension=dimension,
                )
            )
            return None
        for band, category in bands:
            if band.contains(numeric):
                return category
        errors.append(
            _error(
                "imp_member_no_band",
                lang,
                source,
                row=member.row,
                column=column,
                value=value,
                dimension=dimension,
                bands=", ".join(c for _, c in bands) or "–",
            )
        )
        return None
    return canonical_category(dimension, value)


def _merge(
    table: dict[str, list[_Category]],
    counts: dict[tuple[str, str], tuple[float, int]],
    board_source: str,
    unit: str,
    notes: list[str],
    errors: list[InputFileError],
    lang: str,
) -> list[CompositionRow]:
    rows: list[CompositionRow] = []
    used: set[tuple[str, str]] = set()
    sizes: dict[str, int] = {}
    for dimension, cats in table.items():
        known = {c.category: c for c in cats}
        for (dim, category), (k, row) in counts.items():
            if dim != dimension or k <= 0:
                continue
            if is_child_category(dimension, category):
                errors.append(_error("imp_board_child_band", lang, board_source, row=row, value=category))
            elif category not in known or (not known[category].suppressed and (known[category].residents or 0) <= 0):
                errors.append(
                    _error(
                        "imp_board_category_missing",
                        lang,
                        board_source,
                        row=row,
                        value=category,
                        k=_n(k, lang),
                        dimension=dimension,
                        known=", ".join(known) or "–",
                    )
                )
            elif known[category].suppressed:
                errors.append(
                    _error(
                        "imp_board_category_suppressed",
                        lang,
                        board_source,
                        row=row,
                        value=category,
                        k=_n(k, lang),
                        dimension=dimension,
                    )
                )
            elif unit == "count" and known[category].residents is not None and k > known[category].residents:
                notes.append(
                    text(
                        "composition.note_board_exceeds_residents",
                        lang,
                        dimension=dimension,
                        category=category,
                        k=_n(k, lang),
                        residents=_n(known[category].residents, lang),
                    )
                )
        total = 0.0
        for cat in cats:
            if cat.suppressed or cat.residents is None:
                continue
            k = counts.get((dimension, cat.category), (0.0, 0))[0]
            used.add((dimension, cat.category))
            total += k
            rows.append(CompositionRow(dimension=dimension, category=cat.category, residents=cat.residents, board=k))
        if total > MAX_BOARD:
            errors.append(
                _error(
                    "imp_board_too_large",
                    lang,
                    board_source or "?",
                    n=_n(total, lang),
                    dimension=dimension,
                    max=MAX_BOARD,
                )
            )
        if total > 0:
            sizes[dimension] = int(round(total))
    for dim in sorted({d for d, _ in counts} - set(table)):
        notes.append(text("composition.note_board_dimension_without_residents", lang, dimension=dim))
    if len(set(sizes.values())) > 1:
        notes.append(
            text("composition.note_board_sizes_differ", lang, sizes=", ".join(f"{d}: {n}" for d, n in sizes.items()))
        )
    return rows


def _n(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=0 if float(value).is_integer() else 1)


def read_portfolio(path: str | Path, *, lang: str = "da") -> pd.DataFrame:
    """A file with many afdelinger (an ``Afdeling`` column) as one long DataFrame.

    Columns: ``afdeling``, ``dimension``, ``category``, ``residents``, ``board``; children's bands are
    kept here and left out by `erfakit.core.composition.compare_portfolio`.
    """
    parsed = parse_table(load_table(path, lang=lang), lang=lang)
    if parsed.errors:
        raise InputFileErrors(parsed.errors)
    if parsed.kind != "long" or not any(e.afdeling for e in parsed.entries):
        raise InputFileErrors([_error("imp_no_afdeling_column", lang, parsed.source)])
    records = [
        (e.afdeling, e.dimension, e.category, e.residents, e.board or 0.0)
        for e in parsed.entries
        if e.residents is not None
    ]
    return pd.DataFrame(records, columns=["afdeling", "dimension", "category", "residents", "board"])


# ---- check ----------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    """What `erfakit check` reports: one summary line per file read, and every problem found."""

    lines: list[str] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file can be used as it is."""
        return not self.errors

    def render(self, lang: str = "da") -> str:
        """The report as text: summaries and notes, then problems with hints, then the verdict line."""
        out = list(self.lines)
        out += [f"  – {note}" for note in self.notes]
        for error in self.errors:
            out.append(text("composition.check_problem", lang, message=error.message))
            if error.hint:
                out.append(f"    {error.hint}")
        out.append(
            text("composition.check_ok", lang)
            if self.ok
            else text("composition.check_failed", lang, n=len(self.errors))
        )
        return "\n".join(out)


def check_files(paths: Iterable[str | Path], *, lang: str = "da") -> CheckResult:
    """Read each file without changing anything and say what was found or what is wrong.

    Composition files, board files (counts or anonymous member rows), portfolio files and earlier
    agreements are recognised by their headers. When one residents' file and one board file are
    given, they are also checked together (categories on the board the residents lack, board size).
    """
    from erfakit.io.action_list import looks_like_agreements, parse_agreements

    result = CheckResult()
    residents: list[ParsedFile] = []
    boards: list[ParsedFile] = []
    for path in paths:
        try:
            raw = load_table(path, lang=lang)
        except InputFileError as error:
            result.errors.append(error)
            continue
        if looks_like_agreements(raw):
            agreements, problems = parse_agreements(raw, lang=lang)
            result.errors += problems
            if not problems:
                result.lines.append(text("composition.sum_agreements", lang, file=raw.source, n=len(agreements)))
            continue
        parsed = parse_table(raw, lang=lang)
        if parsed.errors:
            result.errors += parsed.errors
            continue
        result.lines.append(_summary(parsed, lang))
        if parsed.kind == "members" or (parsed.has_board and not parsed.has_residents):
            boards.append(parsed)
        elif any(e.afdeling for e in parsed.entries) and len({e.afdeling for e in parsed.entries}) > 1:
            continue
        else:
            residents.append(parsed)
    if not boards and len(residents) == 2 and _looks_like_board_counts(residents[1]):
        # "check beboere.csv bestyrelse.csv" with the board as counts under a plain "Antal" heading.
        boards.append(residents.pop())
    if not result.errors and residents:
        board = boards[0] if len(residents) == 1 and len(boards) == 1 else None
        for resident in residents:
            try:
                composition = assemble_composition(resident, board if resident is residents[0] else None, lang=lang)
            except InputFileErrors as problems:
                result.errors += problems.errors
                continue
            result.notes += composition.notes
    elif not result.errors and boards and not residents:
        result.notes.append(text("composition.note_board_only", lang))
    return result


def _looks_like_board_counts(parsed: ParsedFile) -> bool:
    """Whole numbers summing to a plausible board in every dimension, and no board column of its own."""
    if parsed.has_board or parsed.unit != "count" or not parsed.entries:
        return False
    totals: dict[str, float] = {}
    for e in parsed.entries:
        if e.residents is None or not float(e.residents).is_integer():
            return False
        totals[e.dimension] = totals.get(e.dimension, 0.0) + e.residents
    return all(0 < total <= MAX_BOARD for total in totals.values())


def _summary(parsed: ParsedFile, lang: str) -> str:
    if parsed.kind == "members":
        columns = sorted({d for m in parsed.members for d in m.values})
        return text(
            "composition.sum_members", lang, file=parsed.source, n=len(parsed.members), columns=", ".join(columns)
        )
    dims = list(dict.fromkeys(e.dimension for e in parsed.entries))
    afdelinger = {e.afdeling for e in parsed.entries if e.afdeling}
    if len(afdelinger) > 1:
        return text(
            "composition.sum_portfolio", lang, file=parsed.source, n=len(afdelinger), dimensions=", ".join(dims)
        )
    if parsed.has_residents:
        per_dim: dict[str, float] = {}
        for e in parsed.entries:
            if e.residents is not None and not is_child_category(e.dimension, e.category):
                per_dim[e.dimension] = per_dim.get(e.dimension, 0.0) + e.residents
        adults = max(per_dim.values(), default=0.0)
        # Only an age dimension tells who is a child; without one the numbers may include children.
        adults_key = "composition.sum_adults" if "Alder" in dims else "composition.sum_all_ages"
        residents_text = (
            text("composition.sum_unit_percent", lang)
            if parsed.unit == "percent"
            else text(adults_key, lang, n=format_number(adults, lang, decimals=0))
        )
    else:
        residents_text = text("composition.sum_no_residents", lang)
    board_n = {}
    for e in parsed.entries:
        if e.board:
            board_n[e.dimension] = board_n.get(e.dimension, 0.0) + e.board
    board_text = (
        text("composition.sum_board", lang, n=_n(max(board_n.values()), lang))
        if board_n
        else text("composition.sum_no_board", lang)
    )
    return text(
        "composition.sum_composition",
        lang,
        file=parsed.source,
        n_dims=len(dims),
        dims=", ".join(dims),
        n_cats=len(parsed.entries),
        residents=residents_text,
        board=board_text,
    )
