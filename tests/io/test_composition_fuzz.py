"""Fuzz over the three real exports and files made like them.

Blanked cells, formulas without values, suppression marks, huge and negative numbers, damaged
periods, encodings, separators, line ends, sheets and damaged bytes: only the kit's own errors come
out, and a file that is accepted gives the same totals as a reference read with pandas.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zipfile

import pandas as pd
import pytest
from composition_builders import FOLK1C, FOLK2, KKBYG1, folk1c_lines, folk2_changed, reference_folk2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erfakit.exceptions import ErfakitError, InputFileError, InputFileErrors
from erfakit.io.composition.assemble import loads_composition
from erfakit.io.spreadsheets import loads_table

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "cp850", "mac_roman", "utf-16"]
TITLE = "Befolkningen efter oprindelse - køn i alt - hele landet"  # Danish letters to decide by


def herkomst_of(data: bytes, name: str) -> dict[str, float]:
    suffix = "." + name.rsplit(".", 1)[1]
    composition = loads_composition(loads_table(data, source=name, suffix=suffix))
    return {r.category: r.residents for r in composition.rows if r.dimension == "Herkomst"}


def kit_error_only(data: bytes, name: str) -> dict[str, float] | None:
    """The Herkomst totals when the file is accepted, None when the kit refused it with its own error."""
    try:
        return herkomst_of(data, name)
    except (InputFileError, InputFileErrors):
        return None


# ---- FOLK1C: StatBank CSV without header, 43 quarters -------------------------------------------------------

MUTATIONS = ["none", "blank_latest", "blank_older", "suppressed_latest", "huge_latest", "text_latest"]
MUTATIONS += ["negative_latest", "damaged_period", "other_separator_line", "blank_lines", "title_rows"]
LABEL_TO_CATEGORY = {
    "Danmark": "Personer med dansk oprindelse",
    "Vestlige lande": "Vestlige lande",
    "Ikke-vestlige lande": "Ikke-vestlige lande",
}


@st.composite
def folk1c_variants(draw):
    records = [next(csv.reader([line], delimiter=";")) for line in folk1c_lines() if line]
    mutation = draw(st.sampled_from(MUTATIONS))
    latest = [i for i, r in enumerate(records) if r[1] == "2018K3"]
    older = [i for i, r in enumerate(records) if r[1] != "2018K3"]
    target = draw(st.sampled_from(latest if "latest" in mutation else older))
    value = {
        "blank_latest": "",
        "blank_older": "",
        "suppressed_latest": "..",
        "huge_latest": draw(st.sampled_from(["1E+28", "100000000", "1e308", "9" * 40])),
        "text_latest": draw(st.sampled_from(["n/a", "#VALUE!", "ca. 5000", "inf"])),
        "negative_latest": "-4977829",
    }.get(mutation)
    if value is not None:
        records[target][2] = value
    if mutation == "damaged_period":
        records[target][1] = draw(st.sampled_from(["2010X3", "20103", "K3", "2010 K3"]))
    separator = draw(st.sampled_from([";", ",", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    if mutation == "title_rows":
        writer.writerow([TITLE])
        buffer.write("\n")
    for record in records:
        writer.writerow([record[0], record[1], record[2]])
    text = buffer.getvalue()
    lines = text.split("\n")
    if mutation == "other_separator_line":
        other = "," if separator != "," else ";"
        lines[target] = lines[target].replace(separator, other)
    if mutation == "blank_lines":
        lines.insert(target, "")
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    encoding = draw(st.sampled_from(ENCODINGS))
    if mutation != "title_rows" and encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        lines.insert(0, TITLE)  # single-byte encodings are decided by their Danish letters
    data = newline.join(lines).encode(encoding)
    must_refuse = mutation not in ("none", "blank_older", "suppressed_latest", "blank_lines", "title_rows")
    expected = {
        LABEL_TO_CATEGORY[record[0]]: float(record[2])
        for record in records
        if record[1] == "2018K3" and record[2] != ".." and not must_refuse
    }
    return data, expected, must_refuse, mutation


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(folk1c_variants())
def test_folk1c_variants_give_the_reference_totals_or_a_kit_error(variant):
    data, expected, must_refuse, mutation = variant
    got = kit_error_only(data, "folk1c.csv")
    if must_refuse:
        assert got is None, mutation
        return
    assert got is not None, mutation
    assert got == expected


def test_folk1c_reference_read_agrees_with_pandas():
    frame = pd.read_csv(FOLK1C, sep=";", header=None, names=["label", "period", "value"])
    latest = frame[frame["period"] == "2018K3"].set_index("label")["value"]
    assert herkomst_of(FOLK1C.read_bytes(), "folk1c.csv") == {
        LABEL_TO_CATEGORY[label]: float(value) for label, value in latest.items()
    }


# ---- FOLK2: StatBank Excel, title/unit rows, sparse row headers, 46 years ----------------------------------------


@st.composite
def folk2_variants(draw):
    row = draw(st.integers(4, 1449))
    latest = draw(st.booleans())
    column = "AW" if latest else draw(st.sampled_from(["D", "T", "AV"]))
    mutation = draw(st.sampled_from(["blank", "formula", "huge", "text", "negative", "suppressed", "none"]))
    return row, column, mutation


def _folk2_with(cell: str, mutation: str) -> bytes:
    """FOLK2 with one cell rewritten in the sheet's XML, as another program would have saved it."""
    row = int(re.sub(r"[A-Z]", "", cell))
    replacement = {
        "blank": "",
        "formula": f'<x:c r="{cell}" s="4"><x:f>SUM(D{row}:E{row})</x:f></x:c>',
        "huge": f'<x:c r="{cell}" s="4" t="n"><x:v>1E+28</x:v></x:c>',
        "text": f'<x:c r="{cell}" t="inlineStr"><x:is><x:t>ikke oplyst</x:t></x:is></x:c>',
        "negative": f'<x:c r="{cell}" s="4" t="n"><x:v>-1</x:v></x:c>',
        "suppressed": f'<x:c r="{cell}" t="inlineStr"><x:is><x:t>..</x:t></x:is></x:c>',
    }[mutation]
    source = zipfile.ZipFile(FOLK2)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet.xml":
                text, n = re.subn(rf'<x:c r="{cell}"[^>]*>.*?</x:c>', replacement, data.decode("utf-8"), count=1)
                assert n == 1
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def folk2_rows():
    """The real FOLK2 read once by pandas: each data row's labels and its 2025 count."""
    frame = pd.read_excel(FOLK2, header=None)
    body = frame.iloc[3:, [0, 1, 2, 48]].copy()
    body.columns = ["statsborgerskab", "herkomst", "land", "2025"]
    body[["statsborgerskab", "herkomst"]] = body[["statsborgerskab", "herkomst"]].ffill()
    return body


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variant=folk2_variants())
def test_folk2_variants_give_the_reference_totals_or_an_error_naming_the_cell(folk2_rows, variant):
    row, column, mutation = variant
    cell = f"{column}{row}"
    data = FOLK2.read_bytes() if mutation == "none" else _folk2_with(cell, mutation)
    must_refuse = column == "AW" and mutation not in ("none", "suppressed")
    try:
        got = herkomst_of(data, "folk2.xlsx")
    except InputFileErrors as caught:
        assert must_refuse, caught
        assert f"ark »FOLK2«, celle {cell}" in str(caught)
        return
    assert not must_refuse, cell
    values = pd.to_numeric(folk2_rows["2025"])
    if column == "AW" and mutation == "suppressed":
        values = values.where(folk2_rows.index != row - 1)  # the reference leaves the suppressed cell out too
    assert got == values.groupby(folk2_rows["herkomst"]).sum().to_dict()


def test_folk2_with_a_notes_sheet_first_and_another_sheet_after_gives_the_reference_totals():
    data = folk2_changed({}, notes_first=True, extra_sheet=True)
    assert herkomst_of(data, "folk2.xlsx") == reference_folk2(data)["Herkomst"]


# ---- KKBYG1: buildings, not residents: always refused, always with the kit's own words -----------------------------


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(ENCODINGS[:-1]),
    st.sampled_from([";", ",", "\t"]),
    st.integers(0, 5000),
    st.sampled_from(["", "..", "1e28", "x", '"']),
)
def test_the_copenhagen_buildings_table_is_never_taken_for_residents(encoding, separator, position, insert):
    text = KKBYG1.read_bytes().decode("utf-8-sig").replace(";", separator)
    text = text[:position] + insert + text[position:]
    assert kit_error_only(text.encode(encoding, errors="replace"), "kkbyg1.csv") is None


# ---- damaged bytes -------------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from([FOLK1C, FOLK2, KKBYG1]),
    st.lists(st.tuples(st.integers(0, 10_000_000), st.integers(0, 255)), max_size=4),
    st.one_of(st.none(), st.integers(1, 300_000)),
)
def test_damaged_bytes_of_a_real_export_give_only_the_kits_own_errors(path, flips, cut):
    data = bytearray(path.read_bytes())
    for position, byte in flips:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    with contextlib.suppress(ErfakitError):
        loads_composition(loads_table(bytes(data), source=path.name, suffix=path.suffix))
