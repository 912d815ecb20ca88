"""The register of agreements on disk: meeting files gathered from folders, and the register as Excel.

`gather_meeting_files` finds the meeting files under the folders and files named (a folder is searched
with its subfolders; hidden files and folders — versions, locks, checkpoints — are left out);
`read_meeting_files` reads each one, and a file that cannot be read is listed with the reason in
Danish (permission denied, not a meeting file, too new, …), never a traceback, while the rest are
read. `dumps_register_xlsx` is pure (bytes out); `write_register_xlsx` writes it atomically. The HTML
overview is `erfakit.report.register`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from erfakit.core.agreements import SPREADSHEET_COLUMNS, history_line
from erfakit.core.model import Session
from erfakit.core.register import Register, RegisterEntry, SummaryRow
from erfakit.exceptions import SessionFileError, os_error_reason
from erfakit.io.action_list import neutralise_cell, write_sheet
from erfakit.io.atomic import write_bytes_atomic
from erfakit.io.meeting_file.document import loads_session
from erfakit.texts import label, text

MAX_MEETING_FILE_BYTES = 20_000_000
"""A meeting file is tens of kilobytes; a far larger .json in a folder is not one (read no further)."""


@dataclass(frozen=True)
class UnreadFile:
    """A file the register could not use, and why (in the user's language)."""

    path: str
    reason: str


def gather_meeting_files(paths: list[Path], *, lang: str = "da") -> tuple[list[Path], list[UnreadFile]]:
    """The meeting files under `paths` (folders searched with their subfolders for ``*.json``; a file
    named is taken as it is), in a stable order, and what could not be searched."""
    found: list[Path] = []
    problems: list[UnreadFile] = []
    for path in paths:
        if path.is_dir():
            found.extend(_search_folder(path, problems, lang))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            problems.append(UnreadFile(str(path), text("register.not_found", lang)))
    unique = list(dict.fromkeys(found))
    return unique, problems


def _search_folder(folder: Path, problems: list[UnreadFile], lang: str) -> list[Path]:
    def refused(error: OSError) -> None:
        where = error.filename or folder
        reason = (
            text("register.folder_no_permission", lang)
            if isinstance(error, PermissionError)
            else text("register.folder_unreadable", lang, reason=os_error_reason(error, lang))
        )
        problems.append(UnreadFile(str(where), reason))

    files: list[Path] = []
    for root, folders, names in os.walk(folder, onerror=refused):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        files.extend(Path(root, name) for name in sorted(names) if name.endswith(".json") and not name.startswith("."))
    return files


def read_meeting_files(files: list[Path], *, lang: str = "da") -> tuple[list[tuple[str, Session]], list[UnreadFile]]:
    """Each file read as a meeting file (upgraded from older versions), in the order they were last
    saved (so of two files of one meeting day the register takes the later one's word); the others
    with the reason."""
    read: list[tuple[float, str, Session]] = []
    problems: list[UnreadFile] = []
    for path in files:
        try:
            status = path.stat()
            if status.st_size > MAX_MEETING_FILE_BYTES:
                problems.append(UnreadFile(str(path), text("register.too_large", lang)))
                continue
            content = path.read_bytes()
        except PermissionError:
            problems.append(UnreadFile(str(path), text("register.no_permission", lang)))
            continue
        except OSError as error:
            problems.append(
                UnreadFile(str(path), text("register.unreadable", lang, reason=os_error_reason(error, lang)))
            )
            continue
        try:
            session = loads_session(content, source=str(path), lang=lang)
        except SessionFileError as error:
            problems.append(UnreadFile(str(path), error.message))
            continue
        read.append((status.st_mtime, str(path), session))
    read.sort(key=lambda entry: entry[0])
    return [(path, session) for _, path, session in read], problems


# --- The workbook ------------------------------------------------------------------------------------

_AFTER_STATUS = SPREADSHEET_COLUMNS.index("status") + 1
ENTRY_COLUMNS: tuple[str, ...] = (
    *SPREADSHEET_COLUMNS[:_AFTER_STATUS],
    "overdue",
    *SPREADSHEET_COLUMNS[_AFTER_STATUS:],
    "history",
    "meetings",
    "source",
)
"""The register's columns: the action list's (`SPREADSHEET_COLUMNS`) with overdue, the history, the
meetings that followed the entry up and the file its latest status comes from."""

_ENTRY_WIDTHS = {
    "id": 20,
    "kind": 10,
    "afdeling": 26,
    "made_on": 12,
    "theme": 28,
    "text": 56,
    "function": 16,
    "person": 20,
    "deadline": 12,
    "status": 13,
    "overdue": 12,
    "last_note": 40,
    "last_follow_up": 14,
    "agreed_at": 34,
    "history": 60,
    "meetings": 8,
    "source": 40,
}
SUMMARY_COLUMNS = ("afdeling", "theme", "total", "open", "in_progress", "done", "dropped", "overdue")
FILE_COLUMNS = ("path", "afdeling", "date", "meeting")
PROBLEM_COLUMNS = ("path", "reason")


def entry_cells(entry: RegisterEntry, lang: str = "da") -> dict[str, object]:
    """One register row's values by column (text as typed: the formats escape or neutralise it)."""
    last = entry.last_change
    return {
        "id": entry.id,
        "kind": text(f"meeting_core.agreements.kind.{entry.kind}", lang),
        "afdeling": entry.afdeling,
        "made_on": entry.made_on,
        "theme": label(entry.theme, lang) if entry.theme is not None else "",
        "text": entry.text,
        "function": label(entry.function, lang) if entry.function is not None else "",
        "person": entry.person,
        "deadline": entry.deadline,
        "status": label(entry.status, lang),
        "overdue": text("register.overdue_mark", lang) if entry.overdue else "",
        "last_note": last.note if last else "",
        "last_follow_up": last.date if last else None,
        "agreed_at": entry.agreed_at,
        "history": "\n".join(history_line(change, lang) for change in entry.history),
        "meetings": str(len(entry.meetings)),
        "source": entry.latest_source,
    }


def summary_label(row: SummaryRow, lang: str = "da") -> tuple[str, str]:
    """How a summary row names its afdeling and theme: ("I alt", "") for the grand total, …"""
    afdeling = row.afdeling or text("register.all_afdelinger", lang)
    if row.projects:
        theme = text("register.projects", lang)
    elif row.theme is not None:
        theme = label(row.theme, lang)
    else:
        theme = text("register.all_themes", lang)
    return afdeling, theme


def dumps_register_xlsx(register: Register, lang: str = "da", *, unread: list[UnreadFile] | None = None) -> bytes:
    """The register as a workbook: agreements (one row each: latest status, the history as lines,
    overdue marked), the summary per afdeling and theme, the files read and those that could not be.

    The history is one cell per agreement, not a sheet of its own: a thousand meeting files give
    tens of thousands of status changes, and each cell costs (benchmarks/register.py).
    """
    from openpyxl import Workbook

    def heads(prefix: str, columns: tuple[str, ...]) -> list[str]:
        return [text(f"register.{prefix}.{column}", lang) for column in columns]

    workbook = Workbook(write_only=True)
    rows = [
        [_cell(cells[column]) for column in ENTRY_COLUMNS] for cells in (entry_cells(e, lang) for e in register.entries)
    ]
    write_sheet(
        workbook,
        text("register.sheet.entries", lang),
        heads("column", ENTRY_COLUMNS),
        rows,
        ENTRY_COLUMNS,
        _ENTRY_WIDTHS,
        lang,
        choices_column=ENTRY_COLUMNS.index("status") + 1,
    )
    _mark_overdue_rows(workbook[text("register.sheet.entries", lang)], len(rows), lang)
    summary_rows = [
        [
            *map(_cell, summary_label(row, lang)),
            row.total,
            row.open,
            row.in_progress,
            row.done,
            row.dropped,
            row.overdue,
        ]
        for row in register.summary()
    ]
    write_sheet(
        workbook,
        text("register.sheet.summary", lang),
        heads("summary", SUMMARY_COLUMNS),
        summary_rows,
        SUMMARY_COLUMNS,
        {"afdeling": 30, "theme": 34},
        lang,
    )
    file_rows = [
        [_cell(source.path), _cell(source.afdeling), source.date, _cell(source.reference)]
        for source in register.sources
    ]
    write_sheet(
        workbook,
        text("register.sheet.files", lang),
        heads("files", FILE_COLUMNS),
        file_rows,
        FILE_COLUMNS,
        {"path": 60, "afdeling": 30, "meeting": 44},
        lang,
    )
    if unread:
        write_sheet(
            workbook,
            text("register.sheet.problems", lang),
            heads("problems", PROBLEM_COLUMNS),
            [[_cell(problem.path), _cell(problem.reason)] for problem in unread],
            PROBLEM_COLUMNS,
            {"path": 60, "reason": 90},
            lang,
        )
    workbook.properties.title = text("register.title", lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _mark_overdue_rows(sheet: Any, count: int, lang: str) -> None:
    """Rows marked overdue get a light red background (conditional formatting on the Overskredet column)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(ENTRY_COLUMNS))
    marker = get_column_letter(ENTRY_COLUMNS.index("overdue") + 1)
    mark = text("register.overdue_mark", lang).replace('"', '""')
    rule = FormulaRule(formula=[f'${marker}2="{mark}"'], fill=PatternFill("solid", bgColor="F8D7DA"))
    sheet.conditional_formatting.add(f"A2:{last}{max(count, 1) + 1}", rule)


def _cell(value: object) -> object:
    return neutralise_cell(value) if isinstance(value, str) else value


def write_register_xlsx(
    register: Register, path: Path, lang: str = "da", *, unread: list[UnreadFile] | None = None
) -> Path:
    """Write the register workbook (see `dumps_register_xlsx`); returns the path."""
    return write_bytes_atomic(dumps_register_xlsx(register, lang, unread=unread), path, lang=lang)


def default_register_name(today: dt.date, lang: str = "da") -> str:
    """ "aftaleregister-2027-01-20.xlsx"."""
    return text("register.file_name", lang, date=today.isoformat())
