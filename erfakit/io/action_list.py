"""The action list: the agreements as CSV and Excel for the participants, and read back in.

Writing: each format has a pure ``dumps_…`` function returning bytes (tested without a disk) and a
thin ``write_…`` wrapper that writes the file atomically. Reading: earlier meetings' agreements from a
CSV or Excel action list, into `Agreement` objects (see `read_agreements`).

Earlier meetings' agreements from a CSV or Excel action list, into `Agreement` objects.

Columns (Danish or English headings, any order; only ``Aftale`` and ``Tema`` are required)::

    Aftale; Tema; Ansvarlig funktion; Ansvarlig person; Frist; Status; Møde

Themes, functions and statuses are accepted by their Danish or English label (as in the kit's own
action list export), their code, or an unambiguous beginning ("Boligforhold" for "Boligforhold under
renoveringen"). Dates as 15.03.2026, 15-03-2026, 2026-03-15, 15/3/2026, "15. marts 2026" or an Excel
date. Every problem is reported with file, row, column and value; nothing is returned half-read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from erfakit.core.agreements import ACTION_LIST_COLUMNS, action_list, action_list_headers
from erfakit.core.categories import normalise
from erfakit.core.model import Agreement, AgreementStatus, Function, Origin, Session, Theme
from erfakit.core.parsing import read_date
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.atomic import write_bytes_atomic
from erfakit.io.spreadsheets import Cell, RawTable, is_blank, load_table, located_error
from erfakit.texts import label, text

E = TypeVar("E", bound=Enum)

_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("aftale", "aftaler", "agreement", "agreements", "hvad", "beskrivelse", "aftaletekst"),
    "theme": ("tema", "theme", "emne"),
    "function": ("ansvarlig funktion", "funktion", "responsible function", "function", "ansvarlig (funktion)"),
    "person": ("ansvarlig person", "ansvarlig", "person", "responsible person", "responsible", "ansvarlig (person)"),
    "deadline": ("frist", "deadline", "dato", "due", "due date", "senest"),
    "status": ("status",),
    "meeting": ("møde", "meeting", "fra møde", "oprindelse", "aftalt på", "aftalt", "origin"),
}


def _role(cell: Cell) -> str | None:
    if not isinstance(cell, str):
        return None
    key = normalise(cell)
    for role, names in _COLUMNS.items():
        if key in names:
            return role
    return None


def _header_index(raw: RawTable) -> int | None:
    for index, row in enumerate(raw.rows[:20]):
        roles = {_role(cell) for cell in row}
        if "text" in roles and ("theme" in roles or "deadline" in roles or "function" in roles):
            return index
    return None


def looks_like_agreements(raw: RawTable) -> bool:
    """True when the table has an agreements header (Aftale and Tema, Frist or Ansvarlig funktion)."""
    return _header_index(raw) is not None


def read_agreements(path: str | Path, *, lang: str = "da") -> list[Agreement]:
    """The agreements in the CSV/Excel file at ``path``, as earlier meetings' agreements.

    Raises `InputFileErrors` listing every problem (file, row, column, value, what is accepted).
    """
    agreements, errors = parse_agreements(load_table(path, lang=lang), lang=lang)
    if errors:
        raise InputFileErrors(errors)
    return agreements


def parse_agreements(raw: RawTable, *, lang: str = "da") -> tuple[list[Agreement], list[InputFileError]]:
    """Agreements and problems from an already read table (for `check_files`, which lists both)."""
    header_at = _header_index(raw)
    if header_at is None:
        found = next((row for row in raw.rows if not is_blank(row)), [])
        return [], [
            _error(
                "missing_columns",
                lang,
                raw,
                row=raw.row_numbers[0] if raw.rows else None,
                found=", ".join(f"»{c}«" for c in found if c is not None) or "–",
            )
        ]
    header = raw.rows[header_at]
    columns: dict[str, int] = {}
    for i, heading in enumerate(header):
        role = _role(heading)
        if role and role not in columns:
            columns[role] = i
    agreements: list[Agreement] = []
    errors: list[InputFileError] = []
    for index in range(header_at + 1, len(raw.rows)):
        row = raw.rows[index]
        if is_blank(row):
            continue
        number = raw.row_numbers[index]

        def cell(role: str, row: list[Cell] = row) -> Cell:
            i = columns.get(role)
            return row[i] if i is not None and i < len(row) else None

        def where(role: str) -> str:
            i = columns[role]
            return raw.column_label(i, str(header[i]))

        before = len(errors)
        agreement_text = cell("text")
        if agreement_text is None or not str(agreement_text).strip():
            errors.append(_error("missing_text", lang, raw, row=number, column=where("text"), value=""))
        theme = _choice(cell("theme"), Theme, "theme", raw, number, where, errors, lang, required=True)
        function = _choice(cell("function"), Function, "function", raw, number, where, errors, lang, required=False)
        status = _choice(cell("status"), AgreementStatus, "status", raw, number, where, errors, lang, required=False)
        deadline = _date(cell("deadline"), raw, number, where, errors, lang)
        if len(errors) > before or theme is None:  # a missing theme is among the errors
            continue
        agreements.append(
            Agreement(
                text=_safe(agreement_text),
                theme=theme,
                responsible_function=function,
                responsible_person=_safe(cell("person")),
                deadline=deadline,
                status=status or AgreementStatus.OPEN,
                origin=Origin.EARLIER,
                origin_meeting=_safe(cell("meeting")),
            )
        )
    if not agreements and not errors:
        errors.append(_error("no_rows", lang, raw))
    return agreements, errors


def _safe(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _choice(
    value: Cell,
    enum: type[E],
    role: str,
    raw: RawTable,
    row: int,
    where: Callable[[str], str],
    errors: list[InputFileError],
    lang: str,
    *,
    required: bool,
) -> E | None:
    if value is None or not str(value).strip():
        if required:
            column = where(role) if role in _column_roles(raw) else role
            errors.append(
                _error(f"missing_{role}", lang, raw, row=row, column=column, value="", allowed=_allowed(enum, lang))
            )
        return None
    wanted = normalise(value)
    exact = [m for m in enum if wanted in {normalise(m.value), normalise(label(m, "da")), normalise(label(m, "en"))}]
    if exact:
        return exact[0]
    starts = [
        m for m in enum if normalise(label(m, "da")).startswith(wanted) or normalise(label(m, "en")).startswith(wanted)
    ]
    if len(starts) == 1 and len(wanted) >= 3:
        return starts[0]
    errors.append(
        _error(f"bad_{role}", lang, raw, row=row, column=where(role), value=value, allowed=_allowed(enum, lang))
    )
    return None


def _column_roles(raw: RawTable) -> set[str]:
    header_at = _header_index(raw)
    return {r for r in (_role(c) for c in raw.rows[header_at]) if r} if header_at is not None else set()


def _allowed(enum: type[Enum], lang: str) -> str:
    return ", ".join(label(m, lang) for m in enum)


def _date(
    value: Cell, raw: RawTable, row: int, where: Callable[[str], str], errors: list[InputFileError], lang: str
) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    written = str(value).strip()
    if not written:
        return None
    parsed = parse_danish_date(written)
    if parsed is None:
        errors.append(_error("bad_deadline", lang, raw, row=row, column=where("deadline"), value=value))
    return parsed


def parse_danish_date(written: str) -> dt.date | None:
    """A date as Danes write it ("15.03.2026", "15. marts 2026", "2026-03-15"); None if not a date.

    The year must be written: an action list's deadline has no meeting to take it from.
    """
    return read_date(written)


def _error(
    key: str,
    lang: str,
    raw: RawTable,
    *,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **values: Any,
) -> InputFileError:
    return located_error(f"agreements_import.{key}", lang, raw.source, row=row, column=column, value=value, **values)


# --- Writing the action list ----------------------------------------------------------------

# Spreadsheet programs run a cell that starts with one of these as a formula ("CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


_COLUMN_WIDTHS = {"text": 70, "theme": 34, "responsible": 30, "deadline": 12, "status": 13, "origin": 34}


def neutralise_cell(value: str) -> str:
    """Text that a spreadsheet shows as text: a leading ``= + - @``, tab or CR gets a ``'`` before it."""
    if value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def action_list_rows(session: Session, lang: str = "da") -> list[list[str | dt.date | None]]:
    """`erfakit.core.agreements.action_list` as spreadsheet rows, columns as `ACTION_LIST_COLUMNS`.

    The deadline stays a `datetime.date`. Text cells are neutralised (see `neutralise_cell`), so
    every writer can use them as they are.
    """
    return [
        [neutralise_cell(cell) if isinstance(cell, str) else cell for cell in item.cells()]
        for item in action_list(session.agreements, lang)
    ]


def dumps_actions_csv(session: Session, lang: str = "da") -> bytes:
    """The action list as CSV for Danish Excel: ``;``-separated, UTF-8 with BOM, CRLF line ends.

    Deadlines are written as ``dd.mm.yyyy``, which Danish Excel reads as a date.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(action_list_headers(lang).values())
    for row in action_list_rows(session, lang):
        writer.writerow(["" if cell is None else _csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(cell: str | dt.date) -> str:
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    return cell


def dumps_actions_xlsx(session: Session, lang: str = "da") -> bytes:
    """The action list as an Excel workbook: bold frozen header, widths, filter, real dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text("report.actions.sheet", lang)
    sheet.append(list(action_list_headers(lang).values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for row in action_list_rows(session, lang):
        sheet.append([_xlsx_text(value) for value in row])
    deadline_column = ACTION_LIST_COLUMNS.index("deadline") + 1
    for index, column in enumerate(ACTION_LIST_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _COLUMN_WIDTHS[column]
        for cell in sheet[letter][1:]:
            # openpyxl would otherwise read a text cell starting with "=" as a formula.
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if index == deadline_column and cell.value is not None:
                cell.number_format = "DD-MM-YYYY" if lang == "da" else "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ACTION_LIST_COLUMNS))}{max(sheet.max_row, 1)}"
    workbook.properties.title = _xlsx_text(text("report.actions.title", lang, afdeling=session.meeting.afdeling))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_Cell = TypeVar("_Cell")


def _xlsx_text(value: _Cell) -> _Cell:
    """A text without the control characters (NUL, …) an .xlsx cannot hold; other values as given."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_actions_csv(session: Session, path: Path, lang: str = "da") -> Path:
    """Write the action list as CSV (see `dumps_actions_csv`); returns the path."""
    return write_bytes_atomic(dumps_actions_csv(session, lang), path, lang=lang)


def write_actions_xlsx(session: Session, path: Path, lang: str = "da") -> Path:
    """Write the action list as .xlsx (see `dumps_actions_xlsx`); returns the path."""
    return write_bytes_atomic(dumps_actions_xlsx(session, lang), path, lang=lang)
