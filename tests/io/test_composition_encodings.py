"""Encodings are detected, not guessed: what Danish Excel's save-as formats really write."""

from __future__ import annotations

import pytest
from composition_builders import DEMO_RESIDENTS, write_text

from erfakit.core.composition import compare_composition
from erfakit.exceptions import InputFileError
from erfakit.io.composition.assemble import read_composition
from erfakit.io.spreadsheets import load_table, loads_table


@pytest.mark.parametrize(
    ("encoding", "bom", "newline", "named"),
    [
        ("utf-8", "", "\r\n", None),
        ("utf-8", "\ufeff", "\r\n", None),
        ("cp1252", "", "\r\n", "Windows-1252"),  # "CSV (semikolonsepareret)"
        ("cp850", "", "\r\n", "cp850 (Excels »CSV (MS-DOS)«)"),
        ("mac_roman", "", "\r", "Mac Roman (Excels »CSV (Macintosh)«)"),
        ("utf-16", "", "\r\n", "UTF-16 (Excels »Unicode-tekst«)"),  # "Unicode-tekst": BOM and tabs
    ],
)
def test_each_excel_save_format_reads_as_the_same_danish_table(tmp_path, encoding, bom, newline, named):
    content = bom + DEMO_RESIDENTS
    if encoding == "utf-16":
        content = content.replace(";", "\t")
    path = write_text(tmp_path, "beboere.csv", content, encoding=encoding, newline=newline)
    composition = read_composition(path)
    rows = {(r.dimension, r.category): r.residents for r in composition.rows}
    assert rows[("Køn", "Mænd")] == 315
    assert composition.children == 230  # "0-17 år", not "0-17 †r": the children are recognised
    comparison = compare_composition(composition)
    assert "0-17 år" not in set(comparison.categories["category"])
    assert comparison.adults_only("Køn")
    notes = " ".join(composition.notes)
    if named:
        assert named in notes
    else:
        assert "er læst som" not in notes


def test_cp850_is_not_read_as_windows_1252(tmp_path):
    # The case: "K›n" and "0-17 †r" were accepted, and 230 children compared as adults.
    path = write_text(tmp_path, "dos.csv", DEMO_RESIDENTS, encoding="cp850", newline="\r\n")
    table = load_table(path)
    cells = {cell for row in table.rows for cell in row if isinstance(cell, str)}
    assert {"Køn", "Mænd", "0-17 år", "67 år og derover"} <= cells
    assert not any("›" in c or "†" in c for c in cells)
    assert table.encoding == "cp850"


def test_utf16_without_a_byte_order_mark_is_read_too():
    data = "Dimension\tKategori\tBeboere\nKøn\tMænd\t3\nKøn\tKvinder\t4\n".encode("utf-16-le")
    table = loads_table(data, source="u.txt", suffix=".txt")
    assert table.rows[1] == ["Køn", "Mænd", "3"]


def test_an_encoding_that_cannot_be_decided_is_refused_naming_the_readings_and_how_to_save(tmp_path):
    # No æ, ø or å to decide by: "Café" in Windows-1252 is "CafÚ" in cp850 and "CafÈ" in Mac Roman.
    path = write_text(
        tmp_path, "cafe.csv", "Dimension;Kategori;Beboere\nAndet;Café;3\nAndet;Bar;4\n", encoding="cp1252"
    )
    with pytest.raises(InputFileError) as caught:
        load_table(path)
    assert "Tegnsættet kan ikke afgøres sikkert" in caught.value.message
    assert "»Café« (Windows-1252" in caught.value.message and "cp850" in caught.value.message
    assert "CSV UTF-8" in caught.value.hint


def test_text_encoded_twice_is_refused_rather_than_shown_garbled(tmp_path):
    twice = DEMO_RESIDENTS.encode("utf-8").decode("cp1252").encode("utf-8")
    (tmp_path / "twice.csv").write_bytes(twice)
    with pytest.raises(InputFileError, match="kodet to gange") as caught:
        load_table(tmp_path / "twice.csv")
    assert "KÃ¸n" in caught.value.message


def test_bytes_that_no_danish_encoding_reads_as_text_are_refused(tmp_path):
    (tmp_path / "x.csv").write_bytes("Dimension;Kategori;Beboere\nKøn;Mænd;3\n".encode("cp1252") + b"\x81\x8d" * 40)
    with pytest.raises(InputFileError) as caught:
        load_table(tmp_path / "x.csv")
    assert "x.csv" in caught.value.message


def test_english_message_for_an_undecidable_encoding():
    data = "Dimension;Kategori;Beboere\nAndet;Café;3\nAndet;Bar;4\n".encode("cp850")
    with pytest.raises(InputFileError, match="The encoding cannot be decided"):
        loads_table(data, source="c.csv", suffix=".csv", lang="en")


def test_a_cp850_board_file_is_paired_with_a_utf8_residents_file(tmp_path):
    residents = write_text(tmp_path, "beboere.csv", DEMO_RESIDENTS)
    board = write_text(
        tmp_path, "bestyrelse.csv", "Medlem;Alder;Køn\n1;68;Kvinde\n2;45;Mand\n3;51;Kvinde\n", encoding="cp850"
    )
    rows = {(r.dimension, r.category): r.board for r in read_composition(residents, board).rows}
    assert rows[("Køn", "Kvinder")] == 2 and rows[("Alder", "67 år og derover")] == 1


def test_an_undecidable_board_file_stops_the_whole_import(tmp_path):
    residents = write_text(tmp_path, "beboere.csv", DEMO_RESIDENTS)
    board = write_text(tmp_path, "b.csv", "Medlem;Alder;Kon;Andet\n1;68;Kvinde;Café\n", encoding="mac_roman")
    with pytest.raises(InputFileError, match="Tegnsættet"):
        read_composition(residents, board)
