"""One anonymous row per board member: ``Medlem; Alder; Køn; Herkomst; Beskæftigelse; Boligtid``.

Each column headed by a dimension becomes that dimension; ages and years of residence are binned
into the residents' bands later (`assemble`). Herkomst is sensitive personal data and every member
is known by name in the afdeling, so names, initials, contact data, roles and remarks are refused
in every column, not only under a "Navn" heading (`validate.personal_data_errors`).
"""

from __future__ import annotations

from erfakit.core.categories import canonical_dimension
from erfakit.io.composition.detect import header_role
from erfakit.io.composition.parsed import Member, ParsedFile, source_error
from erfakit.io.composition.validate import personal_data_errors
from erfakit.io.spreadsheets import RawTable, is_blank


def read_members(raw: RawTable, start: int, parsed: ParsedFile, lang: str) -> None:
    """Read the member rows below the header at ``raw.rows[start]`` into ``parsed``."""
    parsed.kind = "members"
    parsed.has_board = True
    header = raw.rows[start]
    roles = [header_role(cell) for cell in header]
    dims = {i: canonical_dimension(cell) for i, cell in enumerate(header) if cell is not None and roles[i] is None}
    for index in range(start + 1, len(raw.rows)):
        row = raw.rows[index]
        if is_blank(row):
            continue
        values = {dims[i]: (row[i] if i < len(row) else None, raw.column_label(i, str(header[i]))) for i in dims}
        parsed.members.append(Member(row=raw.row_numbers[index], values=values))
    parsed.errors += personal_data_errors(raw, raw.row_numbers[start], header, roles, parsed.members, lang)
    if not parsed.members and not parsed.errors:
        parsed.errors.append(source_error("imp_empty_data", lang, raw.source))
    elif not parsed.errors and all(value is None for m in parsed.members for value, _ in m.values.values()):
        # The shipped template: member numbers and nothing else. Not a board of unknowns.
        parsed.errors.append(source_error("imp_members_empty", lang, raw.source, n=len(parsed.members)))
