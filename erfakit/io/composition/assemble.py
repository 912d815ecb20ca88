"""The analyst's composition files, residents and board, as they really come, into a `Composition`.

`read_composition` is the whole import: each file is read into rows (`erfakit.io.spreadsheets`),
its shape detected (`detect`), read by the reader for that shape (`read_template`,
`read_published`, `read_members`) and checked (`validate`); `assemble_composition` then puts the
residents' and the board's file together: board members binned into the residents' bands, the
board's categories checked against the residents', suppressed categories named.

Every problem is collected with its file, row, column or cell and value; one `InputFileErrors` is
raised with all of them, so the analyst fixes a file in one go. Nothing is returned half-loaded.
Children's age bands are left out with a note and counted aside (`Composition.children`): the
comparison uses that count to say whom the other dimensions' counts cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from erfakit.core.categories import (
    HERKOMST_GROUPS,
    Band,
    canonical_category,
    coarse_age_groups,
    is_child_category,
    parse_band,
)
from erfakit.core.formatting import format_number
from erfakit.core.model import Composition, CompositionRow
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.composition.detect import detect_shape
from erfakit.io.composition.parsed import Entry, Member, ParsedFile, source_error
from erfakit.io.composition.read_members import read_members
from erfakit.io.composition.read_published import read_published
from erfakit.io.composition.read_template import read_template
from erfakit.io.composition.validate import MAX_BOARD, PERCENT_TOLERANCE, check_dimensions
from erfakit.io.spreadsheets import RawTable, load_table, parse_number
from erfakit.texts import text


def read_composition(
    residents_path: str | Path, board_path: str | Path | None = None, *, lang: str = "da"
) -> Composition:
    """Read the residents' file (and the board's, if separate) into a `Composition`.

    The residents' file may carry board counts too (the template's ``Bestyrelse`` column). A separate
    board file holds counts per category or one anonymous row per member. Raises `InputFileErrors`
    listing every problem found; writes nothing.
    """
    residents = parse_table(load_table(residents_path, lang=lang), lang=lang)
    board = parse_table(load_table(board_path, lang=lang), lang=lang) if board_path is not None else None
    return assemble_composition(residents, board, lang=lang)


def loads_composition(residents: RawTable, board: RawTable | None = None, *, lang: str = "da") -> Composition:
    """`read_composition` for tables already read (e.g. from bytes with `spreadsheets.loads_table`)."""
    parsed_board = parse_table(board, lang=lang) if board is not None else None
    return assemble_composition(parse_table(residents, lang=lang), parsed_board, lang=lang)


def parse_table(raw: RawTable, *, lang: str = "da") -> ParsedFile:
    """Detect the table's shape, read it with that shape's reader and check it; problems are collected."""
    parsed = ParsedFile(source=raw.source, notes=list(raw.notes))
    shape = detect_shape(raw)
    if shape.kind == "members":
        assert shape.header_index is not None
        read_members(raw, shape.header_index, parsed, lang)
        return parsed
    if shape.kind == "long":
        assert shape.header_index is not None
        read_template(raw, shape.header_index, parsed, lang)
    else:
        read_published(raw, parsed, lang)
    if shape.unit_percent and parsed.has_residents:
        parsed.unit = "percent"
    if not parsed.errors:
        check_dimensions(parsed, lang)
    if parsed.unit == "percent" and not parsed.errors:
        _fractions_to_percent(parsed, lang)
    if not parsed.errors:
        _group_fine_ages(parsed, lang)
    parsed.errors.sort(key=lambda error: error.row or 0)
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


def _group_fine_ages(parsed: ParsedFile, lang: str) -> None:
    """Single years or five-year bands (dozens of categories) grouped at 18, 30, 50 and 67."""
    ages = [e for e in parsed.entries if e.dimension == "Alder"]
    mapping = coarse_age_groups([e.category for e in ages])
    if not mapping:
        return
    grouped: dict[str, Entry] = {}
    kept = [e for e in parsed.entries if e.dimension != "Alder"]
    for entry in ages:
        group = mapping[entry.category]
        target = grouped.get(group)
        if target is None:
            entry.category = group
            grouped[group] = entry
            kept.append(entry)
            continue
        if entry.residents is not None:
            if target.suppressed:
                target.suppressed, target.partly_suppressed = False, True
            target.residents = (target.residents or 0.0) + entry.residents
        elif entry.suppressed and target.residents is not None:
            target.partly_suppressed = True
        target.partly_suppressed = target.partly_suppressed or entry.partly_suppressed
        if target.board is not None or entry.board is not None:
            target.board = (target.board or 0.0) + (entry.board or 0.0)
    parsed.entries = kept
    parsed.notes.append(
        text(
            "composition.note_age_grouped",
            lang,
            file=parsed.source,
            n=len(ages),
            groups=", ".join(dict.fromkeys(mapping.values())),
        )
    )


def assemble_composition(residents: ParsedFile, board: ParsedFile | None, *, lang: str = "da") -> Composition:
    """Combine a parsed residents' file and an optional parsed board file, checking both together."""
    errors = list(residents.errors) + (list(board.errors) if board else [])
    notes = list(residents.notes) + (list(board.notes) if board else [])
    if errors:
        raise InputFileErrors(errors)
    if residents.kind == "members":
        raise InputFileErrors([source_error("imp_members_as_residents", lang, residents.source)])
    if not residents.has_residents:
        raise InputFileErrors([source_error("imp_no_residents", lang, residents.source)])
    afdelinger = sorted({e.afdeling for e in residents.entries if e.afdeling})
    if len(afdelinger) > 1:
        raise InputFileErrors(
            [
                source_error(
                    "imp_several_afdelinger",
                    lang,
                    residents.source,
                    n=len(afdelinger),
                    examples=", ".join(afdelinger[:3]),
                )
            ]
        )
    if board is not None and board.kind != "members":
        check_dimensions(board, lang, others=residents.dimensions)
        if board.errors:
            raise InputFileErrors(board.errors)
    children = sum(
        e.residents or 0.0
        for e in residents.entries
        if e.dimension == "Alder" and is_child_category("Alder", e.category)
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
    _group_herkomst_for_board(table, counts, notes, lang)
    board_source = board.source if board is not None else (residents.source if residents.has_board else "")
    rows = _merge(table, counts, board_source, residents.unit, notes, errors, lang)
    if errors:
        raise InputFileErrors(errors)
    suppressed = {
        dimension: [c.category for c in cats if c.suppressed]
        for dimension, cats in table.items()
        if any(c.suppressed for c in cats)
    }
    return Composition(
        residents_source=residents.source,
        board_source=board_source,
        residents_unit=residents.unit,
        rows=rows,
        notes=notes,
        populations=dict(residents.populations),
        children=children,
        suppressed=suppressed,
    )


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
    """Adult residents per dimension (children's bands left out with a note, and counted aside), suppressed
    cells named, percent sums checked."""
    table: dict[str, list[_Category]] = {}
    for entry in parsed.entries:
        if entry.residents is None and not entry.suppressed:
            continue
        table.setdefault(entry.dimension, []).append(
            _Category(entry.dimension, entry.category, entry.residents, entry.suppressed, entry.row)
        )
    partly = [e for e in parsed.entries if e.partly_suppressed]
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
        partial = [e.category for e in partly if e.dimension == dimension]
        if partial:
            notes.append(
                text(
                    "composition.note_partly_suppressed",
                    lang,
                    file=parsed.source,
                    dimension=dimension,
                    categories=", ".join(partial),
                )
            )
        if parsed.unit == "percent":
            total = sum(c.residents or 0 for c in cats)
            if abs(total - 100) > PERCENT_TOLERANCE and not (suppressed and total < 100):
                errors.append(
                    source_error(
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
            percent = parsed.unit == "percent"
            notes.append(
                text(
                    "composition.note_children_percent" if percent else "composition.note_children",
                    lang,
                    bands=", ".join(c.category for c in children),
                    count=format_number(count, lang, decimals=1 if percent else 0),
                )
            )
            table[dimension] = [c for c in cats if c not in children]
        adults = table[dimension]
        if adults and sum(c.residents or 0 for c in adults) <= 0:
            errors.append(source_error("imp_dimension_empty", lang, parsed.source, dimension=dimension))
    return table


def _board_counts(
    board: ParsedFile, table: dict[str, list[_Category]], notes: list[str], errors: list[InputFileError], lang: str
) -> dict[tuple[str, str], tuple[float, int]]:
    if board.kind != "members":
        if not board.has_board and board.has_residents:
            # A counts file whose only number column is "Antal" is the board's, when given as the board.
            counts: dict[tuple[str, str], tuple[float, int]] = {}
            for e in board.entries:
                if e.residents is None:
                    continue
                if not float(e.residents).is_integer() or board.unit == "percent":
                    errors.append(
                        source_error("imp_board_fraction", lang, board.source, row=e.row, value=_n(e.residents, lang))
                    )
                counts[(e.dimension, e.category)] = (e.residents, e.row)
            return counts
        return {(e.dimension, e.category): (e.board or 0.0, e.row) for e in board.entries if e.board is not None}
    counts = {}
    if len(board.members) > MAX_BOARD:
        errors.append(source_error("imp_too_many_members", lang, board.source, n=len(board.members), max=MAX_BOARD))
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
    # "45 år" and "12 års boligtid" are numbers with a unit the analyst typed along.
    value_text = str(value).strip()
    value_text = re.sub(r"\s*(år|års|aar|years?)\b.*$", "", value_text, flags=re.IGNORECASE) or value_text
    number = parse_number(value_text) if not isinstance(value, (int, float)) else None
    numeric = (
        float(value) if isinstance(value, (int, float)) else (number.value if number and not number.percent else None)
    )
    if numeric is not None and (bands or dimension in ("Alder", "Boligtid")):
        if dimension == "Alder" and numeric < 18:
            errors.append(source_error("imp_member_child", lang, source, row=member.row, column=column, value=value))
            return None
        if (dimension == "Alder" and numeric > 120) or numeric < 0 or numeric > 150:
            errors.append(
                source_error(
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
            source_error(
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


def _group_herkomst_for_board(
    table: dict[str, list[_Category]], counts: dict[tuple[str, str], tuple[float, int]], notes: list[str], lang: str
) -> None:
    """Residents by StatBank's detailed herkomst (Indvandrere fra vestlige lande …) and a board counted
    as Indvandrere / Efterkommere: the residents' categories are added up to the board's."""
    cats = table.get("Herkomst")
    if not cats:
        return
    board_groups = {category for (dimension, category), (k, _) in counts.items() if dimension == "Herkomst"}
    if not board_groups & set(HERKOMST_GROUPS.values()) or board_groups & set(HERKOMST_GROUPS):
        return
    if not any(c.category in HERKOMST_GROUPS for c in cats):
        return
    merged: dict[str, _Category] = {}
    for c in cats:
        group = HERKOMST_GROUPS.get(c.category, c.category)
        if group not in merged:
            merged[group] = _Category("Herkomst", group, c.residents, c.suppressed, c.row)
            continue
        target = merged[group]
        if c.suppressed or target.suppressed:
            target.suppressed = True
            target.residents = None
        else:
            target.residents = (target.residents or 0.0) + (c.residents or 0.0)
    table["Herkomst"] = list(merged.values())
    notes.append(text("composition.note_herkomst_grouped", lang))


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
    sizes: dict[str, int] = {}
    for dimension, cats in table.items():
        known = {c.category: c for c in cats}
        for (dim, category), (k, row) in counts.items():
            if dim != dimension or k <= 0:
                continue
            if is_child_category(dimension, category):
                errors.append(source_error("imp_board_child_band", lang, board_source, row=row, value=category))
            elif category not in known or (not known[category].suppressed and (known[category].residents or 0) <= 0):
                errors.append(
                    source_error(
                        "imp_board_category_missing",
                        lang,
                        board_source,
                        row=row,
                        value=category,
                        k=_n(k, lang),
                        dimension=dimension,
                        known=", ".join(c for c in known if not is_child_category(dimension, c)) or "–",
                    )
                )
            elif known[category].suppressed:
                errors.append(
                    source_error(
                        "imp_board_category_suppressed",
                        lang,
                        board_source,
                        row=row,
                        value=category,
                        k=_n(k, lang),
                        dimension=dimension,
                    )
                )
            elif unit == "count" and known[category].residents is not None and k > (known[category].residents or 0):
                notes.append(
                    text(
                        "composition.note_board_exceeds_residents",
                        lang,
                        dimension=dimension,
                        category=category,
                        k=_n(k, lang),
                        residents=_n(known[category].residents or 0, lang),
                    )
                )
        total = 0.0
        for cat in cats:
            if cat.suppressed or cat.residents is None:
                continue
            k = counts.get((dimension, cat.category), (0.0, 0))[0]
            total += k
            rows.append(CompositionRow(dimension=dimension, category=cat.category, residents=cat.residents, board=k))
        if total > MAX_BOARD:
            errors.append(
                source_error(
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
