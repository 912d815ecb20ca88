"""What a reader makes of one composition file: the dataclasses every step passes on.

A reader (`read_template`, `read_published`, `read_members`) fills a `ParsedFile` with `Entry` rows
(dimension, category, residents, board) or `Member` rows, and collects problems as `InputFileError`s
instead of raising, so that one check lists them all. `validate` checks a `ParsedFile` as a whole;
`assemble` turns the residents' and the board's into a `Composition`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from erfakit.exceptions import InputFileError
from erfakit.io.spreadsheets import Cell, RawTable, located_error

Kind = Literal["long", "members", "published"]
Population = Literal["adults", "all_ages"]


@dataclass
class Entry:
    """One category of one dimension, from one row of a file (``row`` is the file's row number).

    ``suppressed``: every cell behind the resident count was suppressed (".."), so there is no count.
    ``partly_suppressed``: some were, so the count is too low.
    """

    dimension: str
    category: str
    residents: float | None
    board: float | None
    row: int
    suppressed: bool = False
    partly_suppressed: bool = False
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
    kind: Kind = "long"
    """"long" (the template), "members" (one row per board member) or "published" (StatBank-like)."""
    entries: list[Entry] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    unit: Literal["count", "percent"] = "count"
    has_residents: bool = False
    has_board: bool = False
    populations: dict[str, Population] = field(default_factory=dict)
    """Whom a dimension's counts cover, where the file itself tells (a cross-table with age)."""
    notes: list[str] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)

    @property
    def dimensions(self) -> list[str]:
        """The dimensions in the order the file gives them."""
        return list(dict.fromkeys(entry.dimension for entry in self.entries))


def composition_error(
    key: str,
    lang: str,
    raw: RawTable,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    *,
    index: int | None = None,
    header: str | None = None,
    **values: Any,
) -> InputFileError:
    """An error of the composition catalogue (``composition.<key>``) at a place in ``raw``.

    With ``index`` (a 0-based column) the place is named as the file kind names it: "celle AW4" in
    Excel, "række 4, kolonne 3 (Beboere)" in a CSV file.
    """
    where = raw.where(lang, row, index, header) if row is not None and index is not None else None
    if column is None and index is not None:
        column = raw.column_label(index, header)
    return located_error(
        f"composition.{key}", lang, raw.source, row=row, column=column, value=value, where=where, **values
    )


def source_error(key: str, lang: str, source: str, **values: Any) -> InputFileError:
    """An error of the composition catalogue about a file known only by name (``row``, ``column``
    and ``value`` as `spreadsheets.located_error` takes them)."""
    return located_error(f"composition.{key}", lang, source, **values)
