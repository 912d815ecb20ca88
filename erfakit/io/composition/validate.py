"""Checks on what the readers found: one cell's number, a file's dimensions, a board file's privacy.

Every number of a composition passes `cell_number`: a blank cell, a formula without a stored value,
text, a negative number or one out of range is an error naming the file, sheet, cell and category,
never a category that silently disappears. `check_dimensions` catches a dimension that is a typo of
another ("Kønn") or holds a single category. `personal_data_errors` refuses names, initials,
contact data and roles anywhere in a board file: herkomst is sensitive personal data.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from erfakit.core.categories import (
    DIMENSIONS,
    canonical_category,
    is_known_dimension,
    known_category,
    normalise,
    parse_band,
)
from erfakit.core.formatting import format_number
from erfakit.exceptions import InputFileError
from erfakit.io.composition.parsed import Member, ParsedFile, composition_error, source_error
from erfakit.io.spreadsheets import MAX_VALUE, Cell, Number, RawTable, parse_number

MAX_BOARD = 15
"""Largest board accepted: an afdelingsbestyrelse has 3–9 members in practice."""

PERCENT_TOLERANCE = 1.5
"""Shares may sum to 98.5–101.5 % (rounding in published tables); beyond that something is missing."""


def cell_number(
    raw: RawTable,
    row: int,
    index: int,
    header: str | None,
    cell: Cell,
    *,
    dimension: str,
    category: str,
    errors: list[InputFileError],
    lang: str,
    board: bool = False,
) -> Number | None:
    """The number in one cell, or None with an error appended that names the cell and category.

    A suppressed cell (".." etc.) is returned as such for residents and refused for the board. Board
    counts must be whole persons; resident counts at most `MAX_VALUE`, percentages at most 100.
    """

    def fail(key: str, value: object = cell, **extra: Any) -> None:
        errors.append(
            composition_error(
                key,
                lang,
                raw,
                row,
                value=value,
                index=index,
                header=header,
                dimension=dimension,
                category=category,
                **extra,
            )
        )

    if cell is None or (isinstance(cell, str) and not cell.strip()):
        fail("imp_formula_without_value" if raw.is_formula(row, index) else "imp_blank_cell", value="")
        return None
    number = parse_number(cell, separator=raw.separator)
    if number is None:
        too_large = isinstance(cell, (int, float)) or re.fullmatch(r"[\s\d.,eE+-]+%?", str(cell).strip())
        fail("imp_out_of_range" if too_large else "imp_bad_number", max=format_number(MAX_VALUE, lang, decimals=0))
        return None
    if number.suppressed:
        if board:
            fail("imp_board_suppressed")
            return None
        return number
    assert number.value is not None
    if number.value < 0:
        fail("imp_negative")
        return None
    if number.value >= MAX_VALUE or (number.percent and number.value > 100 + PERCENT_TOLERANCE):
        fail("imp_out_of_range", max=format_number(MAX_VALUE, lang, decimals=0))
        return None
    if board and (number.percent or not float(number.value).is_integer()):
        fail("imp_board_fraction")
        return None
    if board and number.value > MAX_BOARD:
        fail("imp_board_cell_too_large", max=MAX_BOARD)
        return None
    return number


def check_dimensions(parsed: ParsedFile, lang: str, *, others: list[str] | None = None) -> None:
    """Refuse a dimension that is a typo of another ("Kønn" beside "Køn") or holds one category.

    ``others`` are the dimensions of the file this one is compared with (the residents', for a
    board file): a board dimension close to one of them but not equal is a typo too.
    """
    dims = parsed.dimensions
    known = list(DIMENSIONS)
    for dimension in dims:
        per_afdeling: dict[str, set[str]] = {}
        for e in parsed.entries:
            if e.dimension == dimension:
                per_afdeling.setdefault(e.afdeling, set()).add(e.category)
        categories = sorted(set().union(*per_afdeling.values()))
        fewest = min(per_afdeling.values(), key=len)
        if is_known_dimension(dimension):
            near = []
        else:
            pool = [d for d in dims + known + (others or []) if d != dimension]
            near = difflib.get_close_matches(dimension, pool, n=1, cutoff=0.75)
        if near:
            parsed.errors.append(
                source_error(
                    "imp_dimension_typo",
                    lang,
                    parsed.source,
                    row=_first_row(parsed, dimension),
                    value=dimension,
                    suggestion=near[0],
                    categories=", ".join(categories),
                )
            )
        elif len(fewest) == 1 and parsed.kind != "members" and len(per_afdeling) == 1:
            parsed.errors.append(
                source_error(
                    "imp_single_category",
                    lang,
                    parsed.source,
                    row=_first_row(parsed, dimension),
                    value=dimension,
                    category=sorted(fewest)[0],
                )
            )


def _first_row(parsed: ParsedFile, dimension: str) -> int | None:
    return next((e.row for e in parsed.entries if e.dimension == dimension), None)


# ---- privacy ---------------------------------------------------------------------------------------

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"^(\+45\s?)?(\d{2}\s?){4}$")
_CPR = re.compile(r"^\d{6}-?\d{4}$")
_MEMBER_NUMBER = re.compile(r"^(medlem|member|nr\.?|m)?\s*\d{1,3}\.?$", re.IGNORECASE)
_WORD = re.compile(r"^[A-ZÆØÅÉÜÖÄ][a-zæøåéèüöäß'-]+$")

# Common first names in Denmark (Danmarks Statistik's lists of the most frequent names, both sexes,
# and names frequent among residents with origin outside Denmark). A single word in a board file
# that is one of these is refused as a name; multi-word capitalised text is refused anyway.
_FIRST_NAMES_TEXT = (
    "anne kirsten mette hanne anna helle susanne lene maria marianne lone camilla pia louise "
    "charlotte inge tina gitte bente karen jette ida emma sofie julie laura mia ella "
    "karina rikke birgitte lise dorthe ulla annette eva ellen kristine katrine maja freja clara "
    "alma agnes josefine peter michael lars jens thomas henrik søren christian martin jan niels "
    "anders morten jesper mads rasmus hans per jørgen ole mikkel frederik kim poul erik "
    "john torben carsten steen lasse simon jakob jacob kasper daniel jonas william noah oliver "
    "lucas oscar victor emil magnus karl carl mohammad mohammed mohamed muhammad ahmad ahmed ali "
    "hassan hussein omar abdi yusuf ibrahim mustafa mehmet murat emre fatima aisha ayse amina "
    "zeynep maryam mariam sara leila yasmin hodan khadija hamza bilal tariq ahmet hatice elif "
    "fatma nadia samira nour rania khalid abdullah "
)
FIRST_NAMES = frozenset(_FIRST_NAMES_TEXT.split())


def personal_data_errors(
    raw: RawTable, header_row: int, header: list[Cell], roles: list[str | None], members: list[Member], lang: str
) -> list[InputFileError]:
    """Names, initials, contact data, roles or remarks in a board file, wherever they are.

    A column headed as a name, contact or role is refused outright; the member-number column may
    hold numbers only; every other cell is refused when it looks like a person's name (two or more
    capitalised words not in the dimension's vocabulary, or a common first name), an e-mail
    address, a phone number or a CPR number.
    """
    errors: list[InputFileError] = []
    for i, cell in enumerate(header):
        if cell is None:
            continue
        if roles[i] in ("name", "identifying") or (roles[i] == "remark" and _column_has_values(raw, header_row, i)):
            key = {"name": "imp_names_not_allowed", "identifying": "imp_role_not_allowed"}.get(
                roles[i] or "", "imp_remarks_not_allowed"
            )
            errors.append(composition_error(key, lang, raw, header_row, value=cell, index=i, header=str(cell)))
    columns = {i for i, role in enumerate(roles) if role in ("name", "identifying", "remark")}
    for row_index, row in enumerate(raw.rows):
        number = raw.row_numbers[row_index]
        if number <= header_row:
            continue
        for i, cell in enumerate(row):
            if cell is None or i in columns:
                continue
            dimension = str(header[i]) if i < len(header) and header[i] is not None else ""
            reason = _looks_personal(cell, dimension, member_id=i < len(roles) and roles[i] == "member_id")
            if reason:
                errors.append(
                    composition_error(
                        f"imp_personal_{reason}", lang, raw, number, value=cell, index=i, header=dimension or None
                    )
                )
    return errors


def _column_has_values(raw: RawTable, header_row: int, index: int) -> bool:
    return any(
        len(row) > index and row[index] is not None
        for row, number in zip(raw.rows, raw.row_numbers, strict=True)
        if number > header_row
    )


def _looks_personal(cell: Cell, dimension: str, *, member_id: bool) -> str | None:
    """ "name", "contact" or "id" when a board file's cell looks like personal data; else None."""
    if isinstance(cell, (int, float)):
        return None
    value = str(cell).strip()
    if not value:
        return None
    if _EMAIL.search(value) or _PHONE.match(value) or _CPR.match(value):
        return "contact"
    if member_id:
        return None if _MEMBER_NUMBER.match(value) else "id"
    if parse_number(value) is not None or parse_band(value) is not None:
        return None
    if re.match(r"^\d+\s*(år|års|aar|years?)\b", value, re.IGNORECASE):
        return None
    from erfakit.core.categories import canonical_dimension

    canonical = canonical_dimension(dimension)
    if known_category(canonical, value) or canonical_category(canonical, value) != value.strip():
        return None
    words = value.split()
    if len(words) >= 2 and sum(bool(_WORD.match(w)) for w in words) >= 2 and len(words) <= 4:
        return "name"
    if normalise(words[0]) in FIRST_NAMES and len(words) <= 3:
        return "name"
    return None
