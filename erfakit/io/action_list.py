"""The action list: the agreements and joint projects as CSV and Excel for the participants, and read back in.

Writing: each format has a pure ``dumps_…`` function returning bytes (tested without a disk) and a
thin ``write_…`` wrapper that writes the file atomically. One row per agreement, then one per joint
project (`erfakit.core.agreements.session_action_list`), columns as `SPREADSHEET_COLUMNS`::

    Id; Type; Afdeling; Mødedato; Tema; Aftale; Ansvarlig funktion; Ansvarlig person; Frist; Status;
    Seneste note; Senest fulgt op; Aftalt på

The workbook has a second sheet, "Historik", with every status change (Id, Dato, Status, Ny frist,
Note, Møde), and a drop-down of the statuses in the Status column. Text a spreadsheet would run as
a formula (a leading ``= + - @``, tab or CR) gets a ``'`` before it, and so does text that starts
with ``'`` itself, so that reading takes exactly one ``'`` off again: what was typed comes back.

Reading (`read_action_list`, `--aftaler`): the kit's own list restores every column of every row —
id, meeting date, theme, text, function, person, deadline, status, the latest note — and, from a
workbook's "Historik" sheet, the whole history; also after the analyst changed statuses in Excel
(a status typed by hand, "gennemført", "i gang", is understood). Lists made elsewhere need only
``Aftale`` and ``Tema``; headings are Danish or English in any order::

    Aftale; Tema; Ansvarlig funktion; Ansvarlig person; Frist; Status; Møde

Themes, functions and statuses are accepted by their Danish or English label (as in the kit's own
action list export), their code, or an unambiguous beginning ("Boligforhold" for "Boligforhold under
renoveringen"). Dates as 15.03.2026, 15-03-2026, 2026-03-15, 15/3/2026, "15. marts 2026" or an Excel
date. An older kit list with one "Ansvarlig" column ("Genhusning – Lars Winther") is split into
function and person. Every problem is reported with file, row, column and value; nothing is returned
half-read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from erfakit.core.agreements import SPREADSHEET_COLUMNS, action_list_headers, session_action_list
from erfakit.core.categories import normalise
from erfakit.core.model import Agreement, AgreementStatus, Function, Origin, Project, Session, StatusChange, Theme
from erfakit.core.parsing import read_date
from erfakit.core.people import OWNER_SEPARATOR
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.atomic import write_bytes_atomic
from erfakit.io.spreadsheets import Cell, RawTable, is_blank, load_table, loads_sheets, located_error
from erfakit.texts import label, text

E = TypeVar("E", bound=Enum)

_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "aftale-id", "aftale id", "agreement id", "nr", "nr."),
    "kind": ("type", "kind", "art"),
    "afdeling": ("afdeling", "department"),
    "made_on": ("mødedato", "meeting date", "aftalt den", "agreed on"),
    "text": ("aftale", "aftaler", "agreement", "agreements", "hvad", "what", "beskrivelse", "aftaletekst"),
    "theme": ("tema", "theme", "emne"),
    "function": ("ansvarlig funktion", "funktion", "responsible function", "function", "ansvarlig (funktion)"),
    "person": ("ansvarlig person", "ansvarlig", "person", "responsible person", "responsible", "ansvarlig (person)"),
    "deadline": ("frist", "deadline", "dato", "due", "due date", "senest"),
    "status": ("status",),
    "last_note": ("seneste note", "latest note", "note", "noter", "bemærkning"),
    "last_follow_up": ("senest fulgt op", "last followed up", "fulgt op"),
    "meeting": ("møde", "meeting", "fra møde", "oprindelse", "aftalt på", "aftalt", "origin", "agreed at"),
}
_HISTORY_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "date": ("dato", "date"),
    "status": ("status",),
    "new_deadline": ("ny frist", "new deadline"),
    "note": ("note",),
    "meeting": ("møde", "meeting"),
}
_STATUS_WORDS: dict[AgreementStatus, tuple[str, ...]] = {
    AgreementStatus.OPEN: ("åben", "aaben", "aben", "ny", "ikke startet", "ikke påbegyndt"),
    AgreementStatus.IN_PROGRESS: ("igang", "i gang", "påbegyndt", "i proces", "undervejs", "in progress"),
    AgreementStatus.DONE: ("færdig", "afsluttet", "udført", "gennemfort", "lukket", "ok", "done", "completed"),
    AgreementStatus.DROPPED: ("droppet", "annulleret", "aflyst", "opgivet", "dropped", "cancelled", "canceled"),
}


@dataclass
class ActionListContents:
    """What an action list holds: agreements (as an earlier meeting's) and joint projects."""

    agreements: list[Agreement] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)


def _role(cell: Cell, roles: dict[str, tuple[str, ...]] = _COLUMNS) -> str | None:
    if not isinstance(cell, str):
        return None
    key = normalise(cell)
    for role, names in roles.items():
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
    """The agreements in the CSV/Excel file at ``path``, as earlier meetings' agreements (projects left out).

    Raises `InputFileErrors` listing every problem (file, row, column, value, what is accepted).
    """
    return read_action_list(path, lang=lang).agreements


def read_action_list(path: str | Path, *, lang: str = "da") -> ActionListContents:
    """The agreements and joint projects in the CSV/Excel action list at ``path`` (see the module text).

    Raises `InputFileErrors` listing every problem (file, row, column, value, what is accepted).
    """
    path = Path(path)
    raw = load_table(path, lang=lang, keep_spaces=True)
    history: RawTable | None = None
    if raw.kind == "xlsx":
        sheets = loads_sheets(path.read_bytes(), source=raw.source, lang=lang, keep_spaces=True)
        raw = next((sheet for sheet in sheets.values() if looks_like_agreements(sheet)), raw)
        history = next((sheet for sheet in sheets.values() if _is_history(sheet)), None)
    contents, errors = parse_action_list(raw, lang=lang, history=history)
    if errors:
        raise InputFileErrors(errors)
    return contents


def parse_agreements(raw: RawTable, *, lang: str = "da") -> tuple[list[Agreement], list[InputFileError]]:
    """Agreements and problems from an already read table (for `check_files`, which lists both)."""
    contents, errors = parse_action_list(raw, lang=lang)
    return contents.agreements, errors


def parse_action_list(
    raw: RawTable, *, lang: str = "da", history: RawTable | None = None
) -> tuple[ActionListContents, list[InputFileError]]:
    """Agreements, projects and problems from an already read table (and its "Historik" sheet)."""
    header_at = _header_index(raw)
    contents = ActionListContents()
    if header_at is None:
        found = next((row for row in raw.rows if not is_blank(row)), [])
        return contents, [
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
    errors: list[InputFileError] = []
    histories = _parse_history(history, lang, errors) if history is not None else {}
    seen: dict[str, int] = {}
    for data in _data_rows(raw, header_at, columns):
        number, cell, where = data.number, data.cell, data.where
        before = len(errors)
        is_project = _is_project(cell("kind"))
        what = _text(cell("text"))
        if not what.strip():
            formula = raw.is_formula(number, columns["text"])
            key = "formula_without_value" if formula else "missing_text"
            errors.append(_error(key, lang, raw, row=number, column=where("text"), value=""))
        theme = None
        if not is_project:
            theme = _choice(cell("theme"), Theme, "theme", raw, number, where, errors, lang, required=True)
        function = _choice(cell("function"), Function, "function", raw, number, where, errors, lang, required=False)
        person = _text(cell("person")).strip()
        if "function" not in columns and function is None and OWNER_SEPARATOR.strip() in person:
            function, person = _split_owner(person)
        status = _choice(cell("status"), AgreementStatus, "status", raw, number, where, errors, lang, required=False)
        deadline = _date(cell("deadline"), "deadline", raw, number, where, errors, lang)
        made_on = _date(cell("made_on"), "made_on", raw, number, where, errors, lang)
        followed_up = _date(cell("last_follow_up"), "last_follow_up", raw, number, where, errors, lang)
        key = _text(cell("id")).strip()
        if key and key in seen:
            errors.append(_error("duplicate_id", lang, raw, row=number, column=where("id"), value=key, first=seen[key]))
        if len(errors) > before or (theme is None and not is_project):
            continue
        status = status or AgreementStatus.OPEN
        changes = histories.get(key) if key else None
        if changes is None:
            changes = _latest_only(followed_up, status, _text(cell("last_note")).strip())
        # A row without an id gets one from the meeting it is imported into (`assign_missing_ids`).
        fields: dict[str, Any] = {
            "id": key,
            "deadline": deadline,
            "status": status,
            "made_on": made_on,
            "history": changes,
        }
        if key:
            seen[key] = number
        if is_project:
            contents.projects.append(
                Project(title=what.strip(), owner_function=function, owner_person=person, **fields)
            )
        else:
            assert theme is not None
            contents.agreements.append(
                Agreement(
                    text=what.strip(),
                    theme=theme,
                    responsible_function=function,
                    responsible_person=person,
                    origin=Origin.EARLIER,
                    origin_meeting=_text(cell("meeting")).strip(),
                    **fields,
                )
            )
    if not contents.agreements and not contents.projects and not errors:
        errors.append(_error("no_rows", lang, raw))
    return contents, errors


def _is_project(value: Cell) -> bool:
    return value is not None and normalise(value) in {"projekt", "project", "fælles projekt", "joint project"}


def _split_owner(person: str) -> tuple[Function | None, str]:
    """An older list's "Ansvarlig" ("Genhusning – Lars Winther") as function and person."""
    head, _, rest = person.partition(OWNER_SEPARATOR.strip())
    wanted = normalise(head)
    for function in Function:
        if wanted in {normalise(function.value), normalise(label(function, "da")), normalise(label(function, "en"))}:
            return function, rest.strip()
    return None, person


def _latest_only(date: dt.date | None, status: AgreementStatus, note: str) -> list[StatusChange]:
    return [StatusChange(date=date, status=status, note=note)] if date is not None else []


def _is_history(raw: RawTable) -> bool:
    head = next((row for row in raw.rows if not is_blank(row)), [])
    roles = {_role(cell, _HISTORY_COLUMNS) for cell in head}
    return {"id", "date", "status"} <= roles and _role(head[0] if head else None) != "text"


@dataclass(frozen=True)
class _DataRow:
    """One non-blank row under a sheet's header: its cells by role and where each role's column is."""

    raw: RawTable
    header: list[Cell]
    columns: dict[str, int]
    cells: list[Cell]
    number: int

    def cell(self, role: str) -> Cell:
        i = self.columns.get(role)
        return self.cells[i] if i is not None and i < len(self.cells) else None

    def where(self, role: str) -> str:
        i = self.columns[role]
        return self.raw.column_label(i, str(self.header[i]))


def _data_rows(raw: RawTable, header_at: int, columns: dict[str, int]) -> Iterator[_DataRow]:
    """The non-blank rows below the header at `header_at`, with their spreadsheet row numbers."""
    header = raw.rows[header_at]
    for index in range(header_at + 1, len(raw.rows)):
        row = raw.rows[index]
        if not is_blank(row):
            yield _DataRow(raw, header, columns, row, raw.row_numbers[index])


def _parse_history(raw: RawTable, lang: str, errors: list[InputFileError]) -> dict[str, list[StatusChange]]:
    """The "Historik" sheet: every status change by agreement id, in sheet order."""
    at = next(index for index, row in enumerate(raw.rows) if not is_blank(row))
    header = raw.rows[at]
    columns = {role: i for i, cell in reversed(list(enumerate(header))) if (role := _role(cell, _HISTORY_COLUMNS))}
    found: dict[str, list[StatusChange]] = {}
    for data in _data_rows(raw, at, columns):
        number, cell, where = data.number, data.cell, data.where
        before = len(errors)
        key = _text(cell("id")).strip()
        date = _date(cell("date"), "date", raw, number, where, errors, lang)
        status = _choice(cell("status"), AgreementStatus, "status", raw, number, where, errors, lang, required=True)
        new_deadline = _date(cell("new_deadline"), "new_deadline", raw, number, where, errors, lang)
        if date is None and len(errors) == before:
            errors.append(_error("bad_deadline", lang, raw, row=number, column=where("date"), value=""))
        if len(errors) > before or not key or date is None or status is None:
            continue
        found.setdefault(key, []).append(
            StatusChange(
                date=date,
                status=status,
                note=_text(cell("note")).strip(),
                new_deadline=new_deadline,
                meeting=_text(cell("meeting")).strip(),
            )
        )
    return found


def _text(value: Cell) -> str:
    """A text cell as typed: one ``'`` that the writer put before formula-like text comes off again."""
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    written = str(value)
    return unneutralise_cell(written)


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
    wanted = normalise(unneutralise_cell(str(value)))
    exact = [m for m in enum if wanted in {normalise(m.value), normalise(label(m, "da")), normalise(label(m, "en"))}]
    if exact:
        return exact[0]
    if enum is AgreementStatus:
        for status, words in _STATUS_WORDS.items():
            if wanted in words or wanted.replace(" ", "") in {word.replace(" ", "") for word in words}:
                return enum(status.value)
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
    value: Cell,
    role: str,
    raw: RawTable,
    row: int,
    where: Callable[[str], str],
    errors: list[InputFileError],
    lang: str,
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
        errors.append(_error("bad_deadline", lang, raw, row=row, column=where(role), value=value))
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
_QUOTE = "'"

_COLUMN_WIDTHS = {
    "id": 20,
    "kind": 10,
    "afdeling": 26,
    "made_on": 12,
    "theme": 30,
    "text": 60,
    "function": 16,
    "person": 22,
    "deadline": 12,
    "status": 13,
    "last_note": 40,
    "last_follow_up": 14,
    "agreed_at": 34,
}
_DATE_COLUMNS = ("made_on", "deadline", "last_follow_up")
HISTORY_COLUMNS = ("id", "date", "status", "new_deadline", "note", "meeting")
_HISTORY_WIDTHS = {"id": 20, "date": 12, "status": 13, "new_deadline": 12, "note": 60, "meeting": 40}


def neutralise_cell(value: str) -> str:
    """Text that a spreadsheet shows as text: a leading ``= + - @``, tab or CR gets a ``'`` before it.

    Text that starts with ``'`` gets one more, so that `unneutralise_cell` gives back exactly what was
    typed.
    """
    if value.startswith((*_FORMULA_PREFIXES, _QUOTE)):
        return _QUOTE + value
    return value


def unneutralise_cell(value: str) -> str:
    """The text `neutralise_cell` was given: one ``'`` before formula-like (or ``'``-) text comes off."""
    if value.startswith(_QUOTE) and value[1:].startswith((*_FORMULA_PREFIXES, _QUOTE)):
        return value[1:]
    return value


def action_list_rows(session: Session, lang: str = "da") -> list[list[str | dt.date | None]]:
    """`erfakit.core.agreements.session_action_list` as spreadsheet rows, columns as `SPREADSHEET_COLUMNS`.

    Dates stay `datetime.date`. Text cells are neutralised (see `neutralise_cell`), so every writer
    can use them as they are.
    """
    return [
        [neutralise_cell(cell) if isinstance(cell, str) else cell for cell in item.cells(SPREADSHEET_COLUMNS)]
        for item in session_action_list(session, lang)
    ]


def history_rows(session: Session, lang: str = "da") -> list[list[str | dt.date | None]]:
    """Every status change of every agreement and project, in action-list order: columns `HISTORY_COLUMNS`."""
    rows: list[list[str | dt.date | None]] = []
    items: list[Agreement | Project] = [*session.agreements, *session.topics.projects]
    order = {item.id: position for position, item in enumerate(session_action_list(session, lang))}
    for item in sorted(items, key=lambda item: order.get(item.id, 0)):
        for change in item.history:
            rows.append(
                [
                    neutralise_cell(item.id),
                    change.date,
                    label(change.status, lang),
                    change.new_deadline,
                    neutralise_cell(change.note),
                    neutralise_cell(change.meeting),
                ]
            )
    return rows


def dumps_actions_csv(session: Session, lang: str = "da") -> bytes:
    """The action list as CSV for Danish Excel: ``;``-separated, UTF-8 with BOM, CRLF line ends.

    Dates are written as ``dd.mm.yyyy``, which Danish Excel reads as a date. The history is in the
    workbook only; the CSV holds each row's latest note and when it was given.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(action_list_headers(lang, SPREADSHEET_COLUMNS).values())
    for row in action_list_rows(session, lang):
        writer.writerow(["" if cell is None else _csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig", errors="replace")


def _csv_cell(cell: str | dt.date) -> str:
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    return cell


def dumps_actions_xlsx(session: Session, lang: str = "da") -> bytes:
    """The action list as an Excel workbook: bold frozen header, widths, filter, real dates, a status
    drop-down, and the "Historik" sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    headers = list(action_list_headers(lang, SPREADSHEET_COLUMNS).values())
    write_sheet(
        workbook,
        text("report.actions.sheet", lang),
        headers,
        action_list_rows(session, lang),
        SPREADSHEET_COLUMNS,
        _COLUMN_WIDTHS,
        lang,
        choices_column=SPREADSHEET_COLUMNS.index("status") + 1,
    )
    history_headers = [text(f"report.actions.history.{column}", lang) for column in HISTORY_COLUMNS]
    write_sheet(
        workbook,
        text("report.actions.history_sheet", lang),
        history_headers,
        history_rows(session, lang),
        HISTORY_COLUMNS,
        _HISTORY_WIDTHS,
        lang,
    )
    workbook.properties.title = _xlsx_text(text("report.actions.title", lang, afdeling=session.meeting.afdeling))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WRAP_WIDTH = 30
"""Columns at least this wide (in characters) wrap their text."""


def write_sheet(
    workbook: Any,
    title: str,
    headers: list[str],
    rows: list[list[Any]],
    columns: tuple[str, ...],
    widths: dict[str, int],
    lang: str,
    *,
    choices_column: int | None = None,
) -> None:
    """Add a sheet to a write-only openpyxl workbook: bold tinted frozen header, filter, widths, wide
    text columns wrapped, dates as dates, and (with `choices_column`) the statuses as a drop-down.

    Text cells are stored as text (never a formula), without the characters an .xlsx cannot hold.
    Used by the action list and the register. Write-only, and each style made once and copied onto
    its cells: styling tens of thousands of cells one by one took seconds (benchmarks/register.py).
    """
    from copy import copy

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = workbook.create_sheet(title)
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 14)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    if choices_column is not None:
        statuses = ",".join(label(status, lang) for status in AgreementStatus)
        validation = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True, showErrorMessage=False)
        letter = get_column_letter(choices_column)
        validation.add(f"{letter}2:{letter}{len(rows) + 201}")
        sheet.data_validations.append(validation)

    def style(**styles: Any) -> Any:
        made = WriteOnlyCell(sheet)
        for name, value in styles.items():
            setattr(made, name, value)
        return made._style  # the style's indexes, copied onto each cell below instead of set anew

    head = style(font=Font(bold=True), fill=PatternFill("solid", fgColor="DDE6F0"))
    wrapped = style(alignment=Alignment(wrap_text=True, vertical="top"))
    dated = style(number_format="DD-MM-YYYY" if lang == "da" else "DD/MM/YYYY")
    wrapping = {index for index, name in enumerate(columns) if widths.get(name, 14) >= WRAP_WIDTH}

    def cell(value: Any, styled: Any) -> Any:
        made = WriteOnlyCell(sheet, value=value)
        if styled is not None:
            made._style = copy(styled)
        if isinstance(value, str):
            made.data_type = "s"  # openpyxl would otherwise read a text starting with "=" as a formula
        return made

    sheet.append([cell(_xlsx_text(header), head) for header in headers])
    for row in rows:
        cells = []
        for index, raw in enumerate(row):
            value = _xlsx_text(raw)
            if isinstance(value, dt.date):
                cells.append(cell(value, dated))
            elif isinstance(value, str):
                cells.append(cell(value, wrapped if index in wrapping else None))
            else:
                cells.append(value)
        sheet.append(cells)


_Cell = TypeVar("_Cell")


_NOT_XML = re.compile("[\ufffe\uffff]")


def _xlsx_text(value: _Cell) -> _Cell:
    """A text without the characters an .xlsx cannot hold (control characters such as NUL, and the
    non-characters U+FFFE and U+FFFF, which openpyxl would write into a file nobody can open);
    other values as given."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", value))  # type: ignore[return-value]
    return value


def write_actions_csv(session: Session, path: Path, lang: str = "da") -> Path:
    """Write the action list as CSV (see `dumps_actions_csv`); returns the path."""
    return write_bytes_atomic(dumps_actions_csv(session, lang), path, lang=lang)


def write_actions_xlsx(session: Session, path: Path, lang: str = "da") -> Path:
    """Write the action list as .xlsx (see `dumps_actions_xlsx`); returns the path."""
    return write_bytes_atomic(dumps_actions_xlsx(session, lang), path, lang=lang)
