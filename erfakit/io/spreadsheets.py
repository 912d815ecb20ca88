"""Raw tables as Danish data really comes: CSV in any of the usual dialects, and Excel.

This module only turns bytes into rows of cells and cells into numbers; what the rows mean is decided
by `erfakit.io.composition.assemble` and `erfakit.io.action_list`. It copes with:

* UTF-8 with or without BOM, and cp1252 from Danish Excel; CRLF or LF;
* ``;``, ``,``, tab or ``|`` as separator, quoted labels;
* numbers with decimal comma, ``.`` or space as thousands separator, ``%`` signs, and ``..``, ``-``
  or ``x`` for suppressed cells (Danmarks Statistik's discretion);
* Excel workbooks (.xlsx) read with openpyxl, on the first sheet that holds data.

Files that are not tables get their own message each: an empty file, binary junk, a CSV renamed
``.xlsx``, an old ``.xls``/encrypted workbook, a damaged workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from erfakit.exceptions import InputFileError
from erfakit.texts import text

Cell = str | float | int | dt.datetime | dt.date | None

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SEPARATORS = (";", ",", "\t", "|")
_SUPPRESSED = frozenset({"..", "...", "…", "-", "x", "–", "—", ":"})
MAX_BYTES = 50_000_000


@dataclass
class RawTable:
    """Rows of cells as read, with the file's own row numbers for messages.

    ``rows[i]`` came from row ``row_numbers[i]`` (1-based) of the file or sheet. Cells are strings
    (trimmed), numbers (Excel), dates (Excel) or None. ``kind`` is "csv" or "xlsx".
    """

    source: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    kind: str
    sheet: str | None = None
    separator: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max((len(row) for row in self.rows), default=0)

    def column_label(self, index: int, header: str | None = None) -> str:
        """How a column is named in messages: the Excel letter, or its number in a CSV file."""
        base = _excel_letter(index) if self.kind == "xlsx" else str(index + 1)
        return f"{base} ({header})" if header else base


def _excel_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def file_error(key: str, lang: str, source: str, **values: object) -> InputFileError:
    """An `InputFileError` about the whole file, its message and hint from the catalogue."""
    return InputFileError(
        text(f"tables.{key}", lang, file=source, **values),
        text(f"tables.{key}_hint", lang, file=source, **values),
        path=source,
    )


def located_error(
    key: str,
    lang: str,
    source: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **values: object,
) -> InputFileError:
    """An `InputFileError` at a place in a file: ``key`` and ``key + "_hint"`` are catalogue keys.

    The texts may use ``{where}`` ("beboere.csv, række 4, kolonne 3 (Beboere)"), ``{file}``,
    ``{value}``, ``{row}``, ``{column}`` and any of ``values``.
    """
    if row is not None and column is not None:
        where = text("tables.where_cell", lang, file=source, row=row, column=column)
    elif row is not None:
        where = text("tables.where_row", lang, file=source, row=row)
    else:
        where = source
    fill = dict(where=where, file=source, value=value, row=row, column=column, **values)
    return InputFileError(
        text(key, lang, **fill), text(f"{key}_hint", lang, **fill), path=source, row=row, column=column, value=value
    )


def loads_table(data: bytes, *, source: str = "<tabel>", suffix: str = "", lang: str = "da") -> RawTable:
    """Read ``data`` (the bytes of a CSV or Excel file) into a `RawTable`.

    ``suffix`` is the file name's ending (".csv", ".xlsx", …); the content decides the reader, and a
    mismatch between the two is reported rather than guessed around.
    """
    suffix = suffix.lower()
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise file_error("empty", lang, source)
    if data.startswith(_OLE_MAGIC):
        raise file_error("old_excel", lang, source)
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, source=source, lang=lang)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        text_data = _decode(data, source=source, lang=lang)
        if _looks_like_csv(text_data):
            raise file_error("csv_renamed", lang, source, suffix=suffix)
        raise file_error("not_excel", lang, source, suffix=suffix)
    if suffix in (".ods", ".numbers", ".pdf", ".docx"):
        raise file_error("unsupported_suffix", lang, source, suffix=suffix)
    return _read_csv(_decode(data, source=source, lang=lang), source=source, lang=lang)


def load_table(path: str | Path, *, lang: str = "da") -> RawTable:
    """Read the CSV or Excel file at ``path`` into a `RawTable` (see `loads_table`)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise file_error("is_folder", lang, path.name)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise file_error("too_large", lang, path.name, megabytes=size // 1_000_000)
        data = path.read_bytes()
    except FileNotFoundError:
        raise file_error("not_found", lang, str(path)) from None
    except PermissionError:
        raise file_error("no_permission", lang, str(path)) from None
    except OSError as error:
        raise file_error("os_error", lang, str(path), reason=error.strerror or str(error)) from None
    return loads_table(data, source=path.name, suffix=path.suffix, lang=lang)


def _decode(data: bytes, *, source: str, lang: str) -> str:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 text (Excel's "Unicode text") has NULs too; it is a real export, so read it.
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise file_error("binary", lang, source)
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Danish Excel saves "CSV (semikolonsepareret)" as cp1252; its undefined bytes fall back to
        # latin-1 so a stray byte does not hide the rest of the file.
        try:
            decoded = data.decode("cp1252")
        except UnicodeDecodeError:
            decoded = data.decode("latin-1")
    control = sum(1 for ch in decoded[:8192] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if control > max(2, len(decoded[:8192]) // 100):
        raise file_error("binary", lang, source)
    return decoded


def _looks_like_csv(decoded: str) -> bool:
    lines = [line for line in decoded.splitlines() if line.strip()][:20]
    return bool(lines) and any(sep in line for line in lines for sep in _SEPARATORS)


def _sniff_separator(lines: list[str]) -> str:
    best, best_score = ";", (-1.0, 0)
    for sep in _SEPARATORS:
        widths = [len(row) for row in csv.reader(lines, delimiter=sep)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = (widths.count(common) / len(widths), common)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(decoded: str, *, source: str, lang: str) -> RawTable:
    lines = decoded.splitlines()
    nonblank = [line for line in lines if line.strip()][:60]
    separator = _sniff_separator(nonblank)
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=separator)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    try:
        line = 1
        for record in reader:
            rows.append([_clean_text(cell) for cell in _trim(record)])
            numbers.append(line)
            line = reader.line_num + 1
    except csv.Error as error:
        raise file_error("csv_broken", lang, source, line=reader.line_num, reason=str(error)) from None
    if not any(any(cell is not None for cell in row) for row in rows):
        raise file_error("empty", lang, source)
    return RawTable(source=source, rows=rows, row_numbers=numbers, kind="csv", separator=separator)


def _clean_text(cell: str) -> str | None:
    cleaned = cell.replace("\u00a0", " ").strip()
    return cleaned or None


def _trim(record: list) -> list:
    end = len(record)
    while end and (record[end - 1] is None or str(record[end - 1]).strip() == ""):
        end -= 1
    return record[:end]


def _read_xlsx(data: bytes, *, source: str, lang: str) -> RawTable:
    import openpyxl  # deferred: the command line's --help should not pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise file_error("damaged_excel", lang, source) from None
    if "xl/workbook.xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise file_error("unsupported_suffix", lang, source, suffix=".ods")
        raise file_error("zip_not_excel", lang, source)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types (KeyError, XML errors) for damaged parts
        raise file_error("damaged_excel", lang, source) from None
    try:
        for sheet in workbook.worksheets:
            rows: list[list[Cell]] = []
            numbers: list[int] = []
            for number, record in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_excel_cell(value) for value in record]
                rows.append(_trim(cells))
                numbers.append(number)
            if any(any(cell is not None for cell in row) for row in rows):
                return RawTable(source=source, rows=rows, row_numbers=numbers, kind="xlsx", sheet=sheet.title)
    except Exception:
        raise file_error("damaged_excel", lang, source) from None
    finally:
        workbook.close()
    raise file_error("empty", lang, source)


def _excel_cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, dt.datetime, dt.date)):
        return value
    return _clean_text(str(value))


@dataclass(frozen=True)
class Number:
    """A parsed cell: ``value`` (None when suppressed), and whether it carried a ``%`` sign."""

    value: float | None
    percent: bool = False
    suppressed: bool = False


_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+$")


def parse_number(cell: Cell, *, separator: str | None = None) -> Number | None:
    """A cell as a number, Danish conventions first; None when it is not a number at all.

    "1.234" and "1 234" are a thousand and more; "12,5" is twelve and a half; "12.5" (an English
    export) also is; "12,5 %" is a percentage; "..", "-" and "x" are suppressed. In a file separated
    by commas, "1,234" cannot be a decimal comma (it would have been quoted), so it is read as
    thousands only there.
    """
    if cell is None:
        return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return Number(float(cell)) if math.isfinite(cell) else None
    if not isinstance(cell, str):
        return None
    raw = cell.strip().strip('"').strip()
    if raw.lower() in _SUPPRESSED:
        return Number(None, suppressed=True)
    percent = raw.endswith("%")
    body = raw.rstrip("%").strip()
    body = body.replace("\u2212", "-")
    negative = body.startswith("-")
    body = body.lstrip("+-").strip()
    body = re.sub(r"[\s\u00a0\u202f']", "", body)
    if not body or not re.fullmatch(r"[\d.,]+", body) or not any(ch.isdigit() for ch in body):
        return None
    if "." in body and "," in body:
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if body.count(decimal) > 1:
            return None
        body = body.replace(thousands, "").replace(decimal, ".")
    elif "," in body:
        if body.count(",") > 1:
            if not _THOUSANDS_COMMA.match(body):
                return None
            body = body.replace(",", "")
        elif separator == "," and _THOUSANDS_COMMA.match(body):
            body = body.replace(",", "")
        else:
            body = body.replace(",", ".")
    elif "." in body:
        if _THOUSANDS_DOT.match(body) and not body.startswith("0"):
            body = body.replace(".", "")
        elif body.count(".") > 1:
            return None
    try:
        value = float(body)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return Number(-value if negative else value, percent=percent)


def is_blank(row: list[Cell]) -> bool:
    """True for a row with no content."""
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)
