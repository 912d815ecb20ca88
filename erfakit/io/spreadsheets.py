"""Raw tables as Danish data really comes: CSV in any of the usual dialects, and Excel.

This module only turns bytes into rows of cells and cells into numbers; what the rows mean is decided
by `erfakit.io.composition` and `erfakit.io.action_list`. It copes with:

* the encodings Danish Excel and StatBank write: UTF-8 with or without BOM, UTF-16 (Excel's
  "Unicode-tekst"), Windows-1252 ("CSV (semikolonsepareret)"), cp850 ("CSV (MS-DOS)") and Mac Roman
  ("CSV (Macintosh)"). The encoding is detected, not guessed: charset-normalizer's guess and every
  Danish single-byte encoding are tried, and a Danish-letter check decides (``K›n`` and ``0-17 †r``
  are cp850 read as Windows-1252). A file whose encoding cannot be decided is refused, naming the
  candidates and how to save the file;
* ``;``, ``,``, tab or ``|`` as separator, quoted labels; a line written with another separator
  than the rest is refused, not dropped;
* numbers with decimal comma, ``.`` or space as thousands separator, ``%`` signs, and ``..``, ``-``
  or ``x`` for suppressed cells (Danmarks Statistik's discretion);
* Excel workbooks (.xlsx) read with openpyxl, on the first sheet that holds a table (a notes sheet
  before it is skipped, with a note); formula cells without a stored value are remembered, so that
  a missing number can be named as such.

Files that are not tables get their own message each: an empty file, binary junk, a CSV renamed
``.xlsx``, an old ``.xls``/encrypted workbook, a damaged workbook, a file too large to be one
afdeling's table (refused before it is read).
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
from typing import Any

from erfakit.exceptions import InputFileError
from erfakit.texts import text

Cell = str | float | int | dt.datetime | dt.date | None

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SEPARATORS = (";", ",", "\t", "|")
_SUPPRESSED = frozenset({"..", "...", "…", "-", "x", "–", "—", ":"})

MAX_BYTES = 10_000_000
"""Largest file read (10 MB). One afdeling's table is a few kB; a whole-country StatBank download
is refused before it is read, with advice to select the area and period needed."""

MAX_XLSX_CELLS = 200_000
"""Largest Excel sheet read (cells): openpyxl reads about 100,000 cells a second on an idle machine,
so this keeps a check within a few seconds (benchmarks/large_files.py). A sheet whose stated
dimension is four times larger is refused before its cells are read."""

MAX_CELL_CHARS = 131_072
"""Python's csv field limit: a longer cell is nearly always an opening quote that never closes."""

MAX_VALUE = 100_000_000
"""Largest count accepted in a cell: Denmark has six million inhabitants; 1e28 is a typing error."""

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (med BOM)",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "cp850": "cp850",
    "mac_roman": "Mac Roman",
}
"""Encodings by the name a message uses (Excel's save-as names are in the text catalogue)."""

_SINGLE_BYTE = ("cp1252", "cp850", "mac_roman")
_DANISH = frozenset("æøåÆØÅ")
# Letters a Danish table may hold besides æøå (names of places and people); anything else that is
# not ASCII is a sign of a wrong decoding, e.g. "›" and "†" (cp850 read as Windows-1252) or "¾", "Œ"
# (Mac Roman read as Windows-1252).
_EUROPEAN = frozenset("éèêëáàâäíìîïóòôöúùûüñçÉÈÊËÁÀÂÄÍÌÎÏÓÒÔÖÚÙÛÜÑÇßýÿšžŠŽłŁńśźżćęąőűŐŰğıİşŞ")
_SYMBOLS = frozenset("°§€£«»–—‘’“”·×±½¼²³©\u00a0\u202f\ufeff")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass
class RawTable:
    """Rows of cells as read, with the file's own row numbers for messages.

    ``rows[i]`` came from row ``row_numbers[i]`` (1-based) of the file or sheet. Cells are strings
    (trimmed), numbers (Excel), dates (Excel) or None. ``kind`` is "csv" or "xlsx". ``formulas``
    holds (row number, column index) of Excel formula cells that have no stored value (openpyxl
    reads them as empty).
    """

    source: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    kind: str
    sheet: str | None = None
    separator: str | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    formulas: frozenset[tuple[int, int]] = frozenset()

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max((len(row) for row in self.rows), default=0)

    def column_label(self, index: int, header: str | None = None) -> str:
        """How a column is named in messages: the Excel letter, or its number in a CSV file."""
        base = excel_letter(index) if self.kind == "xlsx" else str(index + 1)
        return f"{base} ({header})" if header else base

    def is_formula(self, row_number: int, index: int) -> bool:
        """True for an Excel formula cell whose value was never stored (it reads as empty)."""
        return (row_number, index) in self.formulas

    def where(
        self, lang: str, row_number: int | None = None, index: int | None = None, header: str | None = None
    ) -> str:
        """Where a cell is, for a message: "fil.xlsx, ark »FOLK2«, celle AW4 (2025)" or
        "fil.csv, række 4, kolonne 3 (Beboere)"."""
        if row_number is None:
            return self.source
        if index is None:
            return text("tables.where_row", lang, file=self.source, row=row_number)
        if self.kind == "xlsx":
            cell = f"{excel_letter(index)}{row_number}" + (f" ({short(header)})" if header else "")
            return text("tables.where_sheet_cell", lang, file=self.source, sheet=self.sheet or "", cell=cell)
        return text(
            "tables.where_cell", lang, file=self.source, row=row_number, column=self.column_label(index, header)
        )


def excel_letter(index: int) -> str:
    """The Excel column letter of a 0-based column index: 0 → A, 48 → AW."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def short(value: object, limit: int = 60) -> str:
    """A cell's value as a message quotes it: one line, at most ``limit`` characters."""
    shown = re.sub(r"\s+", " ", str(value)).strip()
    shown = "".join(ch if ch.isprintable() else "\ufffd" for ch in shown)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


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
    where: str | None = None,
    **values: Any,
) -> InputFileError:
    """An `InputFileError` at a place in a file: ``key`` and ``key + "_hint"`` are catalogue keys.

    The texts may use ``{where}`` ("beboere.csv, række 4, kolonne 3 (Beboere)", or ``where`` as
    given, e.g. from `RawTable.where`), ``{file}``, ``{value}`` (shortened to one line), ``{row}``,
    ``{column}`` and any of ``values``.
    """
    if where is None:
        if row is not None and column is not None:
            where = text("tables.where_cell", lang, file=source, row=row, column=column)
        elif row is not None:
            where = text("tables.where_row", lang, file=source, row=row)
        else:
            where = source
    shown = short(value) if value is not None else value
    fill = dict(where=where, file=source, value=shown, row=row, column=column, **values)
    return InputFileError(
        text(key, lang, **fill), text(f"{key}_hint", lang, **fill), path=source, row=row, column=column, value=shown
    )


def loads_table(
    data: bytes, *, source: str = "<tabel>", suffix: str = "", lang: str = "da", keep_spaces: bool = False
) -> RawTable:
    """Read ``data`` (the bytes of a CSV or Excel file) into a `RawTable`.

    ``suffix`` is the file name's ending (".csv", ".xlsx", …); the content decides the reader, and a
    mismatch between the two is reported rather than guessed around. With ``keep_spaces`` text cells
    are kept exactly as stored (no trimming, no-break spaces kept; an empty cell is still None), for
    readers that must give back text as it was typed (the action list).
    """
    suffix = suffix.lower()
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise file_error("empty", lang, source)
    if len(data) > MAX_BYTES:
        raise file_error("too_large", lang, source, megabytes=_megabytes(len(data)), limit=_megabytes(MAX_BYTES))
    if data.startswith(_OLE_MAGIC):
        raise file_error("old_excel", lang, source)
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, source=source, lang=lang, keep_spaces=keep_spaces)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        text_data, _ = decode_text(data, source=source, lang=lang)
        if _looks_like_csv(text_data):
            raise file_error("csv_renamed", lang, source, suffix=suffix)
        raise file_error("not_excel", lang, source, suffix=suffix)
    if suffix in (".ods", ".numbers", ".pdf", ".docx"):
        raise file_error("unsupported_suffix", lang, source, suffix=suffix)
    decoded, encoding = decode_text(data, source=source, lang=lang)
    table = _read_csv(decoded, source=source, lang=lang, keep_spaces=keep_spaces)
    table.encoding = encoding
    if encoding not in ("utf-8", "utf-8-sig"):
        table.notes.append(text("tables.note_encoding", lang, file=source, encoding=encoding_name(encoding, lang)))
    return table


def load_table(path: str | Path, *, lang: str = "da", keep_spaces: bool = False) -> RawTable:
    """Read the CSV or Excel file at ``path`` into a `RawTable` (see `loads_table`).

    A file larger than `MAX_BYTES` is refused from its size alone, before it is read.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise file_error("is_folder", lang, path.name)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise file_error("too_large", lang, path.name, megabytes=_megabytes(size), limit=_megabytes(MAX_BYTES))
        data = path.read_bytes()
    except FileNotFoundError:
        raise file_error("not_found", lang, str(path)) from None
    except PermissionError:
        raise file_error("no_permission", lang, str(path)) from None
    except OSError as error:
        raise file_error("os_error", lang, str(path), reason=error.strerror or str(error)) from None
    return loads_table(data, source=path.name, suffix=path.suffix, lang=lang, keep_spaces=keep_spaces)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f}" if size >= 10_000_000 else f"{size / 1_000_000:.1f}".replace(".", ",")


# ---- encodings -----------------------------------------------------------------------------------


def encoding_name(encoding: str, lang: str = "da") -> str:
    """An encoding as the analyst knows it: "cp850 (Excels »CSV (MS-DOS)«)"."""
    key = f"tables.encoding_{encoding.replace('-', '_')}"
    try:
        return text(key, lang)
    except KeyError:
        return ENCODING_LABELS.get(encoding, encoding)


def decode_text(data: bytes, *, source: str = "<tabel>", lang: str = "da") -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in.

    Byte-order marks decide first (UTF-8, UTF-16). Then strict UTF-8. Otherwise charset-normalizer's
    guess and Windows-1252, cp850 and Mac Roman are each tried, and a Danish-letter check picks the
    one that gives Danish text: æ, ø, å inside words and no stray symbols (``K›n``, ``M¾nd``). When
    two readings both look right yet differ, or none does, the file is refused with a message naming
    the encodings and how to save it as UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data, "utf-8-sig", source, lang), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source, lang), "utf-16"
    sample = data[:8192]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return _strict(data, utf16, source, lang), "utf-16"
        raise file_error("binary", lang, source)
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None:
        if re.search(r"Ã[\u0080-\u00bf]", decoded) and _suspicion(decoded)[1] > 0:
            # "KÃ¸n": UTF-8 that was read as Windows-1252 once and saved again as UTF-8.
            raise file_error("encoding_twice", lang, source, example=_first_suspect(decoded))
        _refuse_control_characters(decoded, source, lang)
        return decoded, "utf-8"
    lines = [line for line in data.splitlines() if any(byte >= 0x80 for byte in line)][:2000]
    sample = b"\n".join(lines)
    proposals = list(dict.fromkeys([*_normaliser_guess(sample), *_SINGLE_BYTE]))
    readings: dict[str, str] = {}
    for encoding in proposals:
        try:
            readings[encoding] = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
    scored = {enc: _suspicion(reading) for enc, reading in readings.items()}
    clean = [enc for enc in readings if scored[enc][1] == 0]
    best = max((scored[enc][0] for enc in clean), default=0)
    winners = [enc for enc in clean if scored[enc][0] == best]
    if not winners:
        suspect = min(scored, key=lambda enc: scored[enc][1]) if scored else ""
        raise file_error("encoding_unknown", lang, source, example=_first_suspect(readings.get(suspect, "")) or "?")
    if len({readings[enc] for enc in winners}) > 1:
        # Two readings both look right yet give different letters (e.g. "Café" or "CafŽ" without an
        # æ, ø or å to tell them apart): the file is refused rather than read one of the two ways.
        examples = " / ".join(
            f"»{_first_non_ascii_word(readings[enc])}« ({encoding_name(enc, lang)})" for enc in winners[:3]
        )
        raise file_error("encoding_undecided", lang, source, examples=examples)
    chosen = winners[0]
    try:
        decoded = data.decode(chosen)
    except UnicodeDecodeError:
        raise file_error("encoding_unknown", lang, source, example="?") from None
    _refuse_control_characters(decoded, source, lang)
    return decoded, chosen


def _normaliser_guess(sample: bytes) -> list[str]:
    """charset-normalizer's ranking of the Danish single-byte encodings for ``sample``, best first."""
    from charset_normalizer import from_bytes

    names = {"cp1252": "cp1252", "cp850": "cp850", "mac_roman": "mac_roman"}
    matches = from_bytes(sample, cp_isolation=list(names))
    return [names[match.encoding] for match in matches if match.encoding in names]


def _suspicion(decoded: str) -> tuple[int, int]:
    """(Danish letters inside words, characters no Danish table would hold) in a decoded text."""
    danish = bad = 0
    for match in _NON_ASCII.finditer(decoded):
        ch = match.group()
        i = match.start()
        before = decoded[i - 1] if i > 0 else " "
        after = decoded[i + 1] if i + 1 < len(decoded) else " "
        if ch in _DANISH:
            danish += 1
        elif ch not in _EUROPEAN and (ch not in _SYMBOLS or (before.isalpha() and after.isalpha())):
            bad += 1
    return danish, bad


def _first_suspect(decoded: str) -> str:
    for match in re.finditer(r"\S*[^\x00-\x7f]\S*", decoded):
        word = match.group()
        if _suspicion(word)[1] > 0:
            return short(word, 30)
    return ""


def _first_non_ascii_word(decoded: str) -> str:
    match = re.search(r"[^\s;,|\"]*[^\x00-\x7f][^\s;,|\"]*", decoded)
    return short(match.group(), 30) if match else ""


def _utf16_without_bom(sample: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte is NUL, as in UTF-16 text without a BOM."""
    even = sample[0::2]
    odd = sample[1::2]
    if len(sample) >= 4 and odd.count(0) > 0.9 * len(odd):
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) > 0.9 * len(even):
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, source: str, lang: str) -> str:
    try:
        decoded = data.decode(encoding)
    except UnicodeDecodeError:
        raise file_error("encoding_broken", lang, source, encoding=encoding_name(encoding, lang)) from None
    _refuse_control_characters(decoded, source, lang)
    return decoded


def _refuse_control_characters(decoded: str, source: str, lang: str) -> None:
    head = decoded[:8192]
    control = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\r\n\f")
    if control > max(2, len(head) // 100) or "\x00" in head:
        raise file_error("binary", lang, source)


# ---- CSV -----------------------------------------------------------------------------------------


def _looks_like_csv(decoded: str) -> bool:
    lines = [line for line in decoded.splitlines() if line.strip()][:20]
    return bool(lines) and any(sep in line for line in lines for sep in _SEPARATORS)


def _sniff_separator(lines: list[str]) -> str:
    best, best_score = ";", (-1.0, 0)
    for sep in _SEPARATORS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = (widths.count(common) / len(widths), common)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(decoded: str, *, source: str, lang: str, keep_spaces: bool = False) -> RawTable:
    nonblank = [line for line in decoded[:200_000].splitlines() if line.strip()][:60]
    separator = _sniff_separator([line[:MAX_CELL_CHARS] for line in nonblank])
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=separator)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    line = 1
    clean = _keep if keep_spaces else _clean_text if "\u00a0" in decoded else _strip
    try:
        for record in reader:
            if record and not record[-1].strip():
                record = _trim(record)
            rows.append([clean(cell) for cell in record])
            numbers.append(line)
            line = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise file_error(
                "cell_too_long", lang, source, line=line, limit=f"{MAX_CELL_CHARS:,}".replace(",", ".")
            ) from None
        raise file_error("csv_broken", lang, source, line=reader.line_num, reason=str(error)) from None
    if not any(any(cell is not None for cell in row) for row in rows):
        raise file_error("empty", lang, source)
    _refuse_other_separators(rows, numbers, separator, source, lang)
    return RawTable(source=source, rows=rows, row_numbers=numbers, kind="csv", separator=separator)


def _refuse_other_separators(
    rows: list[list[Cell]], numbers: list[int], separator: str, source: str, lang: str
) -> None:
    """A line written with another separator than the rest would read as one cell: refuse it."""
    widths = [len(row) for row in rows if len(row) >= 2]
    if not widths:
        return
    common = max(set(widths), key=widths.count)
    for row, number in zip(rows, numbers, strict=True):
        if len(row) != 1 or not isinstance(row[0], str):
            continue
        for other in _SEPARATORS:
            if other == separator or other not in row[0]:
                continue
            try:
                parts = next(csv.reader([row[0]], delimiter=other))
            except csv.Error:
                # A cell that spans lines inside quotes is text, not a line with another separator.
                continue
            if len(parts) == common and any(parse_number(part) is not None for part in parts):
                raise file_error(
                    "other_separator",
                    lang,
                    source,
                    line=number,
                    found=_separator_name(other, lang),
                    expected=_separator_name(separator, lang),
                    value=short(row[0]),
                )


def _separator_name(separator: str, lang: str) -> str:
    return (
        {"\t": "tabulator"}.get(separator, f"»{separator}«")
        if lang == "da"
        else {"\t": "tab"}.get(separator, f"“{separator}”")
    )


def _keep(cell: str) -> str | None:
    return cell if cell.strip() else None


def _strip(cell: str) -> str | None:
    return cell.strip() or None


def _clean_text(cell: str) -> str | None:
    cleaned = cell.replace("\u00a0", " ").strip()
    return cleaned or None


def _trim(record: list) -> list:
    end = len(record)
    while end and (record[end - 1] is None or str(record[end - 1]).strip() == ""):
        end -= 1
    return record[:end]


# ---- Excel ---------------------------------------------------------------------------------------


def _read_xlsx(data: bytes, *, source: str, lang: str, keep_spaces: bool = False) -> RawTable:
    archive, sheets = _xlsx_sheets(data, source=source, lang=lang, keep_spaces=keep_spaces)
    chosen = _choose_sheet(sheets)
    if chosen is None:
        raise file_error("empty", lang, source)
    title, rows, numbers, part = sheets[chosen]
    table = RawTable(
        source=source, rows=rows, row_numbers=numbers, kind="xlsx", sheet=title, formulas=_formulas(archive, part)
    )
    skipped = [name for k, (name, rows_k, _, _) in enumerate(sheets) if k != chosen and any(map(_has_content, rows_k))]
    if len([s for s in sheets if any(map(_has_content, s[1]))]) > 1:
        table.notes.append(
            text(
                "tables.note_sheet_used",
                lang,
                file=source,
                sheet=title,
                others=", ".join(f"»{name}«" for name in skipped) or "–",
            )
        )
    return table


def loads_sheets(
    data: bytes, *, source: str = "<tabel>", lang: str = "da", keep_spaces: bool = False
) -> dict[str, RawTable]:
    """Every sheet of the Excel workbook in ``data`` by its title, for a reader that knows its sheets by
    name (the action list's "Historik"). Raises `InputFileError` as `loads_table` does."""
    archive, sheets = _xlsx_sheets(data, source=source, lang=lang, keep_spaces=keep_spaces)
    return {
        title: RawTable(
            source=source, rows=rows, row_numbers=numbers, kind="xlsx", sheet=title, formulas=_formulas(archive, part)
        )
        for title, rows, numbers, part in sheets
    }


def _xlsx_sheets(
    data: bytes, *, source: str, lang: str, keep_spaces: bool
) -> tuple[zipfile.ZipFile, list[tuple[str, list[list[Cell]], list[int], str]]]:
    import openpyxl  # deferred: the command line's --help should not pay for it

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise file_error("damaged_excel", lang, source) from None
    if "xl/workbook.xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise file_error("unsupported_suffix", lang, source, suffix=".ods")
        raise file_error("zip_not_excel", lang, source)
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > 40 * MAX_BYTES:
        raise file_error("too_large", lang, source, megabytes=_megabytes(unpacked), limit=_megabytes(40 * MAX_BYTES))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types (KeyError, XML errors) for damaged parts
        raise file_error("damaged_excel", lang, source) from None
    sheets: list[tuple[str, list[list[Cell]], list[int], str]] = []
    try:
        for sheet in workbook.worksheets:
            _refuse_huge_sheet(sheet, source, lang)
            rows: list[list[Cell]] = []
            numbers: list[int] = []
            cells = 0
            for number, record in enumerate(sheet.iter_rows(values_only=True), start=1):
                trimmed = _trim([_excel_cell(value, keep_spaces=keep_spaces) for value in record])
                cells += len(trimmed)
                if cells > MAX_XLSX_CELLS:
                    raise file_error(
                        "too_many_cells", lang, source, sheet=sheet.title, limit=f"{MAX_XLSX_CELLS:,}".replace(",", ".")
                    )
                rows.append(trimmed)
                numbers.append(number)
            sheets.append((sheet.title, rows, numbers, getattr(sheet, "_worksheet_path", "")))
    except InputFileError:
        raise
    except Exception:
        raise file_error("damaged_excel", lang, source) from None
    finally:
        workbook.close()
    return archive, sheets


def _refuse_huge_sheet(sheet: object, source: str, lang: str) -> None:
    """Refuse from the sheet's stated dimension (e.g. "A1:AW1449"), before reading its cells."""
    try:
        dimension = sheet.calculate_dimension()  # type: ignore[attr-defined]
    except Exception:
        return
    match = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", str(dimension))
    if not match:
        return
    columns = _column_index(match.group(3)) - _column_index(match.group(1)) + 1
    rows = int(match.group(4)) - int(match.group(2)) + 1
    if columns * rows > 4 * MAX_XLSX_CELLS:
        raise file_error(
            "too_many_cells",
            lang,
            source,
            sheet=getattr(sheet, "title", ""),
            limit=f"{MAX_XLSX_CELLS:,}".replace(",", "."),
        )


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _has_content(row: list[Cell]) -> bool:
    return any(cell is not None for cell in row)


def _choose_sheet(sheets: list[tuple[str, list[list[Cell]], list[int], str]]) -> int | None:
    """The first sheet holding a table: two or more rows of two or more cells with a number among
    them; else the first with two or more such rows of text (a board file may hold text only); else
    the first sheet with anything in it. A notes sheet before the table is thereby skipped."""

    def wide(row: list[Cell]) -> bool:
        return sum(cell is not None for cell in row) >= 2

    def numeric(row: list[Cell]) -> bool:
        return any(isinstance(c, (int, float)) or (isinstance(c, str) and parse_number(c) is not None) for c in row)

    tests = (
        lambda rows: sum(1 for row in rows if wide(row) and numeric(row)) >= 2,
        lambda rows: sum(1 for row in rows if wide(row)) >= 2,
        lambda rows: any(map(_has_content, rows)),
    )
    for test in tests:
        for k, (_, rows, _, _) in enumerate(sheets):
            if test(rows):
                return k
    return None


def _formulas(archive: zipfile.ZipFile, part: str) -> frozenset[tuple[int, int]]:
    """Cells of a sheet holding a formula but no stored value (written by a program that does not
    calculate, or saved without calculating): openpyxl's ``data_only`` reads them as empty."""
    from xml.etree.ElementTree import iterparse

    name = part.lstrip("/")
    if not name or name not in archive.namelist():
        return frozenset()
    with archive.open(name) as handle:
        head = handle.read()
    if b"<f" not in head and b":f" not in head:
        return frozenset()
    found: set[tuple[int, int]] = set()
    for _, element in iterparse(io.BytesIO(head), events=("end",)):
        if not element.tag.endswith("}c") and element.tag != "c":
            continue
        has_formula = has_value = False
        for child in element:
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "f":
                has_formula = True
            elif tag in ("v", "is") and (child.text or len(child)):
                has_value = True
        reference = element.get("r", "")
        match = re.fullmatch(r"([A-Z]+)(\d+)", reference)
        if has_formula and not has_value and match:
            found.add((int(match.group(2)), _column_index(match.group(1))))
        element.clear()
    return frozenset(found)


def _excel_cell(value: object, *, keep_spaces: bool = False) -> Cell:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, dt.datetime, dt.date)):
        return value
    return _keep(str(value)) if keep_spaces else _clean_text(str(value))


# ---- numbers -------------------------------------------------------------------------------------


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
    thousands only there. Infinite and NaN values are not numbers; "1e28" is not a Danish number
    either (the range of a real count is checked where the meaning is known).
    """
    if cell is None:
        return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return Number(float(cell)) if math.isfinite(cell) else None
    if not isinstance(cell, str):
        return None
    if cell.isascii() and cell.isdigit() and len(cell) <= 15:
        return Number(float(cell))  # the common case, "4977829": no pattern needed
    raw = cell.strip().strip('"').strip()
    if len(raw) > 40:
        return None
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
    if row.count(None) == len(row):
        return True
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)
