"""Files made the way analysts' programs make them, for the composition import tests.

Real bytes only: CSV text encoded as Danish Excel, StatBank or a Mac writes it, and Excel workbooks
written by openpyxl (which stores formulas without a calculated value, as a program that does not
calculate does). The reference reads use pandas, independently of the kit's own reader.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real-exports"
FOLK1C = REAL / "statbank_FOLK1C_oprindelse_noheader.csv"
FOLK2 = REAL / "statbank_FOLK2_herkomst.xlsx"
KKBYG1 = REAL / "kk_statbank_KKBYG1_bydel_1850-1899.csv"

DEMO_RESIDENTS = """Dimension;Kategori;Beboere
Køn;Mænd;315
Køn;Kvinder;355
Alder;0-17 år;230
Alder;18-29 år;150
Alder;30-49 år;230
Alder;50-66 år;160
Alder;67 år og derover;130
Herkomst;Personer med dansk oprindelse;400
Herkomst;Indvandrere;210
Herkomst;Efterkommere;60
"""


def write_text(tmp_path: Path, name: str, content: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    """``content`` written with Windows, Unix or old-Mac line ends in ``encoding``."""
    path = tmp_path / name
    path.write_bytes(content.replace("\n", newline).encode(encoding))
    return path


def workbook(rows_by_sheet: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx with the given sheets (in order) and rows; strings starting with "=" are formulas."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in rows_by_sheet.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def folk2_changed(changes: dict[str, object], *, notes_first: bool = False, extra_sheet: bool = False) -> bytes:
    """The real FOLK2 export with some cells changed (None blanks, "=…" is a formula without value)."""
    book = openpyxl.load_workbook(FOLK2)
    sheet = book.active
    for cell, value in changes.items():
        sheet[cell] = value
    if notes_first:
        notes = book.create_sheet("Noter", 0)
        notes["A1"] = "Kilde: Danmarks Statistik, FOLK2"
        notes["A2"] = "Hentet til erfaringsgruppens møde"
    if extra_sheet:
        other = book.create_sheet("Diagram")
        other["A1"] = "Figuren er fjernet"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def folk1c_lines() -> list[str]:
    """The real FOLK1C CSV's lines (CRLF split)."""
    return FOLK1C.read_bytes().decode("utf-8").split("\r\n")


def reference_folk1c(text: str, separator: str = ";") -> dict[str, float]:
    """pandas' reading of a headerless StatBank CSV: the latest quarter, summed per label."""
    frame = pd.read_csv(io.StringIO(text), sep=separator, header=None, names=["label", "period", "value"])
    frame = frame.dropna(how="all")
    latest = max(frame["period"], key=lambda p: (int(p[:4]), int(p[5:])))
    return frame[frame["period"] == latest].groupby("label")["value"].sum().to_dict()


def reference_folk2(data: bytes) -> dict[str, dict[str, float]]:
    """pandas' reading of the FOLK2 workbook: header in row 3, sparse labels filled down, the latest
    year, summed per citizenship and per herkomst."""
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, header=None)
    frame = next(f for name, f in sheets.items() if name == "FOLK2")
    body = frame.iloc[3:].copy()
    body.columns = ["statsborgerskab", "herkomst", "land", *[str(int(float(c))) for c in frame.iloc[2, 3:]]]
    body[["statsborgerskab", "herkomst"]] = body[["statsborgerskab", "herkomst"]].ffill()
    latest = str(max(int(c) for c in body.columns[3:]))
    values = pd.to_numeric(body[latest], errors="coerce")  # ".." is suppressed: left out, as the kit does
    return {
        "Statsborgerskab": values.groupby(body["statsborgerskab"]).sum().to_dict(),
        "Herkomst": values.groupby(body["herkomst"]).sum().to_dict(),
    }
