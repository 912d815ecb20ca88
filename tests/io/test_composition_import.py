"""Composition files as they really come: Danish CSV quirks, Excel exports, board member rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from composition_builders import DEMO_RESIDENTS

from erfakit.core.composition import compare_composition
from erfakit.exceptions import ErfakitError, InputFileError, InputFileErrors
from erfakit.io.composition.assemble import read_composition
from erfakit.io.composition.check import check_files
from erfakit.io.composition.portfolio import read_portfolio
from erfakit.io.spreadsheets import load_table, loads_table, parse_number
from erfakit.resources import data_path

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real-exports"


def write(tmp_path: Path, name: str, content: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(content.replace("\n", newline).encode(encoding))
    return path


def rows_of(composition) -> dict[tuple[str, str], tuple[float, float]]:
    return {(r.dimension, r.category): (r.residents, r.board) for r in composition.rows}


def messages(error: ErfakitError) -> str:
    return str(error)


# ---- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value", "percent"),
    [
        ("1.234", 1234, False),
        ("1 234", 1234, False),
        ("1\u00a0234", 1234, False),
        ("12,5", 12.5, False),
        ("1.234,5", 1234.5, False),
        ("12,5 %", 12.5, True),
        ("12,5%", 12.5, True),
        ("0.35", 0.35, False),
        ('"42"', 42, False),
    ],
)
def test_danish_numbers_are_read(cell, value, percent):
    number = parse_number(cell)
    assert number is not None and number.value == pytest.approx(value) and number.percent is percent


@pytest.mark.parametrize("cell", ["..", "-", "x", "…"])
def test_suppressed_cells_are_recognised(cell):
    assert parse_number(cell).suppressed


def test_in_a_comma_separated_file_1_234_is_thousands():
    assert parse_number("1,234", separator=",").value == 1234
    assert parse_number("1,5", separator=",").value == 1.5


# ---- the template in its Danish dialects --------------------------------------------------------

TEMPLATE = """Dimension;Kategori;Beboere;Bestyrelse
Køn;Mænd;1.315;3
Køn;Kvinder;1 355;2
Alder;0-17 år;230;0
Alder;18-29 år;150;0
Alder;30 år og derover;2.520;5
"""


@pytest.mark.parametrize(
    ("encoding", "newline", "bom"),
    [("utf-8", "\r\n", True), ("utf-8", "\n", False), ("cp1252", "\r\n", False)],
)
def test_template_reads_in_utf8_with_and_without_bom_and_cp1252(tmp_path, encoding, newline, bom):
    content = ("\ufeff" if bom else "") + TEMPLATE
    path = write(tmp_path, "beboere.csv", content, encoding=encoding, newline=newline)
    composition = read_composition(path)
    rows = rows_of(composition)
    assert rows[("Køn", "Mænd")] == (1315, 3)
    assert rows[("Køn", "Kvinder")] == (1355, 2)
    assert ("Alder", "0-17 år") not in rows and composition.children == 230  # counted aside
    comparison = compare_composition(composition)
    assert any("Børn under 18 år (0-17 år: 230 beboere) er udeladt" in note for note in comparison.all_notes("da"))
    assert comparison.adults_only("Køn")  # 1.315 + 1.355 are the 2.670 adults of Alder
    assert composition.residents_unit == "count"
    assert any("Windows-1252" in note for note in composition.notes) == (encoding == "cp1252")


def test_comma_separated_with_quoted_decimal_commas(tmp_path):
    path = write(
        tmp_path, "b.csv", 'Dimension,Kategori,Beboere,Bestyrelse\nKøn,"Mænd","45,5 %",2\nKøn,Kvinder,"54,5 %",3\n'
    )
    composition = read_composition(path)
    assert composition.residents_unit == "percent"
    assert rows_of(composition)[("Køn", "Mænd")] == (45.5, 2)


def test_percent_shares_must_sum_to_about_100(tmp_path):
    path = write(tmp_path, "b.csv", "Dimension;Kategori;Beboere (%)\nKøn;Mænd;45\nKøn;Kvinder;42\n")
    with pytest.raises(InputFileErrors) as caught:
        read_composition(path)
    assert "summer til 87,0 %, ikke 100 %" in messages(caught.value)


def test_shares_written_as_fractions_become_percent_with_a_note(tmp_path):
    path = write(
        tmp_path, "b.csv", "Dimension;Kategori;Andel beboere;Bestyrelse\nKøn;Mænd;0,45;2\nKøn;Kvinder;0,55;3\n"
    )
    composition = read_composition(path)
    assert rows_of(composition)[("Køn", "Kvinder")] == (pytest.approx(55.0), 3)
    assert any("brøker" in note for note in composition.notes)


def test_percent_with_children_leaves_them_out_and_says_the_rest_are_shares_of_adults(tmp_path):
    path = write(
        tmp_path,
        "b.csv",
        (
            "Dimension;Kategori;Beboere;Bestyrelse\nAlder;0-17 år;25 %;0\nAlder;18-66 år;55 %;3\n"
            "Alder;67 år og derover;20 %;2\n"
        ),
    )
    composition = read_composition(path)
    comparison = compare_composition(composition)
    assert list(comparison.categories["category"]) == ["18-66 år", "67 år og derover"]
    # 55 and 20 of the 75 % who are adults:
    assert list(comparison.categories["resident_share"]) == pytest.approx([55 / 75, 20 / 75])
    assert any("0-17 år" in note and "udeladt" in note for note in comparison.all_notes("da"))


def test_mixed_percent_and_counts_in_one_column_is_refused(tmp_path):
    path = write(tmp_path, "b.csv", "Dimension;Kategori;Beboere\nKøn;Mænd;45 %\nKøn;Kvinder;300\n")
    with pytest.raises(InputFileErrors, match="Nogle tal er procenter"):
        read_composition(path)


def test_suppressed_resident_cells_are_left_out_with_a_note(tmp_path):
    path = write(
        tmp_path,
        "b.csv",
        (
            "Dimension;Kategori;Beboere;Bestyrelse\nHerkomst;Personer med dansk oprindelse;400;4\n"
            "Herkomst;Indvandrere;200;1\nHerkomst;Efterkommere;..;0\n"
        ),
    )
    composition = read_composition(path)
    assert ("Herkomst", "Efterkommere") not in rows_of(composition)
    assert composition.suppressed == {"Herkomst": ["Efterkommere"]}
    assert any("Efterkommere er skjult i kilden" in note and "beregnet uden" in note for note in composition.notes)


def test_a_board_member_in_a_suppressed_category_gets_its_own_message(tmp_path):
    path = write(
        tmp_path,
        "b.csv",
        (
            "Dimension;Kategori;Beboere;Bestyrelse\nHerkomst;Personer med dansk oprindelse;400;4\n"
            "Herkomst;Efterkommere;-;1\n"
        ),
    )
    with pytest.raises(InputFileErrors, match="beboertallet for den kategori er skjult"):
        read_composition(path)


def test_bad_number_message_names_file_row_column_and_value(tmp_path):
    path = write(
        tmp_path, "beboere.csv", "Dimension;Kategori;Beboere;Bestyrelse\nKøn;Mænd;mange;2\nKøn;Kvinder;300;3\n"
    )
    with pytest.raises(InputFileErrors) as caught:
        read_composition(path)
    error = caught.value.errors[0]
    assert (error.row, error.column, error.value) == (2, "3 (Beboere)", "mange")
    assert error.message == "beboere.csv, række 2, kolonne 3 (Beboere): »mange« er ikke et tal (Køn / Mænd)."
    assert "12,5 %" in error.hint


def test_every_problem_of_a_file_is_listed_at_once(tmp_path):
    path = write(
        tmp_path, "b.csv", "Dimension;Kategori;Beboere;Bestyrelse\nKøn;Mænd;-5;2\nKøn;Kvinder;300;1,5\n;;12;\n"
    )
    with pytest.raises(InputFileErrors) as caught:
        read_composition(path)
    text = messages(caught.value)
    assert "»-5« for Køn / Mænd er negativt" in text
    assert "hele personer, ikke »1,5«" in text
    assert "række 4" in text and "ingen kategori" in text


def test_missing_columns_are_named(tmp_path):
    path = write(tmp_path, "b.csv", "Kategori;Beboere\nMænd;300\n")
    with pytest.raises(InputFileErrors, match="Kolonnen »Dimension« mangler. Fundne kolonner: »Kategori«, »Beboere«"):
        read_composition(path)


def test_a_board_larger_than_plausible_is_refused(tmp_path):
    path = write(tmp_path, "b.csv", "Dimension;Kategori;Beboere;Bestyrelse\nKøn;Mænd;300;300\nKøn;Kvinder;320;320\n")
    with pytest.raises(InputFileErrors, match="Bestyrelsen kan ikke have »300« medlemmer i Køn / Mænd"):
        read_composition(path)


def test_english_messages_when_asked(tmp_path):
    path = write(tmp_path, "b.csv", "Dimension;Kategori;Beboere\nKøn;Mænd;lots\n")
    with pytest.raises(InputFileErrors, match="row 2, column 3 \\(Beboere\\): “lots” is not a number"):
        read_composition(path, lang="en")


def test_blocks_headed_by_a_dimension_name_are_read(tmp_path):
    path = write(
        tmp_path,
        "b.csv",
        (
            "Afdeling 7\n\nKøn;Beboere;Bestyrelse\nMand;300;2\nKvinde;320;3\n\nAlder;Beboere;Bestyrelse\n"
            "18-29;100;0\n30 år og derover;520;5\n"
        ),
    )
    rows = rows_of(read_composition(path))
    assert rows[("Køn", "Mænd")] == (300, 2)
    assert rows[("Alder", "18-29 år")] == (100, 0)


# ---- board files -----------------------------------------------------------------------------------

RESIDENTS = DEMO_RESIDENTS


def test_board_member_rows_are_counted_and_ages_binned_into_the_residents_bands(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    board = write(
        tmp_path,
        "bestyrelse.csv",
        (
            "Medlem;Alder;Køn;Herkomst\n1;68;Kvinde;Dansk\n2;29;M;indvandrer\n"
            "3;30;kvinde;Personer med dansk oprindelse\n4;66,5;Mand;\n"
        ),
    )
    composition = read_composition(residents, board)
    rows = rows_of(composition)
    assert rows[("Alder", "67 år og derover")][1] == 1
    assert rows[("Alder", "18-29 år")][1] == 1
    assert rows[("Alder", "30-49 år")][1] == 1
    assert rows[("Alder", "50-66 år")][1] == 1
    assert rows[("Køn", "Kvinder")][1] == 2 and rows[("Køn", "Mænd")][1] == 2
    assert rows[("Herkomst", "Personer med dansk oprindelse")][1] == 2
    assert any("1 bestyrelsesmedlem uden oplysning om Herkomst" in note for note in composition.notes)
    assert composition.board_source == "bestyrelse.csv"


def test_a_board_file_with_names_is_refused(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    board = write(tmp_path, "bestyrelse.csv", "Navn;Alder;Køn\nA;50;Mand\n")
    with pytest.raises(InputFileErrors, match="kolonne med navne"):
        read_composition(residents, board)


def test_a_board_member_under_18_is_refused(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    board = write(tmp_path, "bestyrelse.csv", "Alder;Køn\n16;Mand\n")
    with pytest.raises(
        InputFileErrors, match="bestyrelse.csv, række 2, kolonne 1 \\(Alder\\): En alder på »16« er under 18"
    ):
        read_composition(residents, board)


def test_an_age_outside_every_band_is_refused_listing_the_bands(tmp_path):
    residents = write(tmp_path, "beboere.csv", "Dimension;Kategori;Beboere\nAlder;18-29 år;100\nAlder;30-66 år;300\n")
    board = write(tmp_path, "bestyrelse.csv", "Alder\n70\n")
    with pytest.raises(
        InputFileErrors, match="»70« passer ikke i nogen af beboernes grupper for Alder: 18-29 år, 30-66 år"
    ):
        read_composition(residents, board)


def test_a_board_category_the_residents_lack_is_refused(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    board = write(
        tmp_path,
        "bestyrelse.csv",
        "Dimension;Kategori;Bestyrelse\nHerkomst;Vestlige lande;1\nHerkomst;Personer med dansk oprindelse;4\n",
    )
    with pytest.raises(InputFileErrors) as caught:
        read_composition(residents, board)
    text = messages(caught.value)
    assert "Herkomst / »Vestlige lande«, men beboerdata har ingen voksne i den kategori" in text
    assert "Personer med dansk oprindelse, Indvandrere, Efterkommere" in text


def test_too_many_member_rows_is_refused(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    board = write(tmp_path, "bestyrelse.csv", "Køn\n" + "Mand\n" * 40)
    with pytest.raises(InputFileErrors, match="40 rækker med bestyrelsesmedlemmer"):
        read_composition(residents, board)


def test_the_demo_composition_has_a_board_unlike_the_residents():
    composition = read_composition(data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"))
    rows = rows_of(composition)
    assert {d for d, _ in rows} >= {"Køn", "Alder", "Herkomst", "Beskæftigelse", "Boligtid"}
    assert sum(b for (d, _), (_, b) in rows.items() if d == "Køn") in range(5, 8)
    assert rows[("Alder", "18-29 år")][1] == 0
    assert ("Alder", "0-17 år") not in rows and composition.children == 230
    assert any("0-17 år" in note for note in composition.notes)


def test_the_shipped_templates_read_as_tables():
    for name in ("beboere_skabelon.csv", "beboere_skabelon.xlsx", "bestyrelse_skabelon.csv"):
        table = load_table(data_path(name))
        assert table.rows[0][:2] in (["Dimension", "Kategori"], ["Medlem", "Alder"])


# ---- published exports (real bytes) -----------------------------------------------------------------


def test_statbank_csv_without_header_uses_the_latest_quarter_and_dst_labels():
    composition = read_composition(REAL / "statbank_FOLK1C_oprindelse_noheader.csv")
    rows = rows_of(composition)
    assert rows[("Herkomst", "Personer med dansk oprindelse")][0] == 5010872
    assert rows[("Herkomst", "Vestlige lande")][0] == 279182
    assert rows[("Herkomst", "Ikke-vestlige lande")][0] == 499903
    assert any("2018K3" in note for note in composition.notes)


def test_statbank_excel_with_title_unit_row_and_sparse_row_headers():
    composition = read_composition(REAL / "statbank_FOLK2_herkomst.xlsx")
    rows = rows_of(composition)
    herkomst = {c: r for (d, c), (r, _) in rows.items() if d == "Herkomst"}
    assert set(herkomst) == {"Personer med dansk oprindelse", "Indvandrere", "Efterkommere"}
    citizenship = sum(r for (d, _), (r, _) in rows.items() if d == "Statsborgerskab")
    assert sum(herkomst.values()) == citizenship  # the sparse headers were filled down, nothing counted twice
    assert any("»2025«" in note for note in composition.notes)


def test_copenhagen_statbank_csv_with_bom_is_read_and_explained_not_guessed():
    table = load_table(REAL / "kk_statbank_KKBYG1_bydel_1850-1899.csv")
    assert table.rows[0] == ["OMRKK", "OPFØRELSESÅR", "ENHED", "TID", "INDHOLD"]
    with pytest.raises(InputFileErrors) as caught:
        read_composition(REAL / "kk_statbank_KKBYG1_bydel_1850-1899.csv")
    assert "ingen sammensætning, som kan genkendes" in messages(caught.value)
    assert "Bydel - Indre By" in messages(caught.value)


def test_statbank_csv_with_header_and_quoted_labels_gives_two_dimensions(tmp_path):
    content = '"KØN";"ALDER";"TID";"INDHOLD"\n' + "".join(
        f'"{sex}";"{age}";"{year}";{n}\n'
        for year, scale in (("2024", 1), ("2025", 2))
        for sex, age, n in (
            ("Mænd", "18-29 år", 10 * scale),
            ("Mænd", "30 år og derover", 20 * scale),
            ("Kvinder", "18-29 år", 30 * scale),
            ("Kvinder", "30 år og derover", 40 * scale),
        )
    )
    rows = rows_of(read_composition(write(tmp_path, "s.csv", content, newline="\r\n")))
    assert rows[("Køn", "Mænd")][0] == 60
    assert rows[("Alder", "18-29 år")][0] == 80


def test_landsbyggefonden_style_excel_with_blank_rows_and_sparse_headers(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Beboerdata – afdeling 7"])
    sheet.append(["Enhed: Antal"])
    sheet.append([])
    sheet.append([None, None, "2024", "2025"])
    sheet.append(["Mænd", "18-29 år", 10, 12])
    sheet.append([None, "30-66 år", 20, 22])
    sheet.append([None, "67 år og derover", "..", 5])
    sheet.append([])
    sheet.append(["Kvinder", "18-29 år", 11, 13])
    sheet.append([None, "30-66 år", 21, 23])
    sheet.append([None, "67 år og derover", 7, 8])
    sheet.append(["I alt", None, 69, 83])
    path = tmp_path / "lbf.xlsx"
    workbook.save(path)
    rows = rows_of(read_composition(path))
    assert rows[("Køn", "Mænd")][0] == 39 and rows[("Køn", "Kvinder")][0] == 44
    assert rows[("Alder", "67 år og derover")][0] == 13


# ---- files that are not tables ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("tom.csv", b"", "Filen er tom"),
        ("tom.csv", b"\xef\xbb\xbf\r\n\r\n", "Filen er tom"),
        ("junk.csv", bytes(range(256)) * 4, "binære data"),
        (
            "renamed.xlsx",
            "Dimension;Kategori;Beboere\nKøn;Mænd;3\n".encode(),
            "hedder .xlsx, men er en tekstfil \\(CSV\\)",
        ),
        ("gammel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "gamle Excel-format"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 100, "beskadiget"),
        ("billede.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binære data"),
    ],
)
def test_each_kind_of_unreadable_file_gets_its_own_message(name, content, expected):
    with pytest.raises(InputFileError, match=expected) as caught:
        loads_table(content, source=name, suffix=Path(name).suffix)
    assert caught.value.path == Path(name)
    assert caught.value.hint


def test_a_missing_file_is_named():
    with pytest.raises(InputFileError, match="Filen findes ikke"):
        read_composition("/nonexistent/beboere.csv")


# ---- portfolio and check -------------------------------------------------------------------------------


def test_portfolio_file_reads_into_a_long_frame(tmp_path):
    path = write(
        tmp_path,
        "p.csv",
        "Afdeling;Dimension;Kategori;Beboere;Bestyrelse\n7;Køn;Mænd;300;2\n7;Køn;Kvinder;320;3\n12;Køn;Mænd;100;4\n12;Køn;Kvinder;120;1\n",
    )
    frame = read_portfolio(path)
    assert list(frame.columns) == ["afdeling", "dimension", "category", "residents", "board"]
    assert sorted(frame["afdeling"].unique()) == ["12", "7"]


def test_a_portfolio_file_is_refused_as_one_meeting_composition(tmp_path):
    path = write(
        tmp_path, "p.csv", "Afdeling;Dimension;Kategori;Beboere;Bestyrelse\n7;Køn;Mænd;300;2\n12;Køn;Mænd;100;4\n"
    )
    with pytest.raises(InputFileErrors, match="indeholder 2 afdelinger"):
        read_composition(path)


def test_check_summarises_the_demo_files_and_changes_nothing(tmp_path):
    before = data_path("demo/beboere.csv").read_bytes()
    result = check_files(
        [data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"), data_path("demo/tidligere_aftaler.csv")]
    )
    assert result.ok
    rendered = result.render("da")
    assert "beboere.csv: 5 dimensioner (Køn, Alder, Herkomst, Beskæftigelse, Boligtid)" in rendered
    assert "670 voksne beboere (18 år og derover) ifølge Alder" in rendered
    assert "7 anonyme bestyrelsesmedlemmer" in rendered
    assert "3 aftaler fra tidligere møder" in rendered
    assert data_path("demo/beboere.csv").read_bytes() == before


def test_check_finds_cross_file_problems(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    board = write(tmp_path, "bestyrelse.csv", "Herkomst\nVestlig\n")
    result = check_files([residents, board])
    assert not result.ok
    assert "Vestlige lande" in result.render("da")


def test_the_demo_portfolio_ranks_every_afdeling_and_dimension():
    from erfakit.core.portfolio import compare_portfolio, portfolio_display_table

    ranked = compare_portfolio(read_portfolio(data_path("demo/portefoelje.csv")))
    assert ranked["afdeling"].nunique() == 6
    assert len(ranked) == 18
    assert ranked["p_random_at_least"].is_monotonic_increasing
    table = portfolio_display_table(ranked, "da")
    assert list(table.columns)[:3] == ["Plads", "Afdeling", "Dimension"]


def test_every_message_key_the_importers_build_exists_with_a_hint():
    import re

    from erfakit.texts import catalogue

    known = catalogue()
    package = Path(__file__).resolve().parents[2] / "erfakit" / "io"
    sources = {
        "composition": [f"composition/{f.name}" for f in (package / "composition").glob("*.py")],
        "tables": ["spreadsheets.py"],
        "agreements_import": ["action_list.py"],
    }
    keys = [
        f"{prefix}.{key}"
        for prefix, files in sources.items()
        for name in files
        for key in re.findall(
            r"""(?:_error|file_error|fail)\(\s*["']([a-z_]+)["']""", (package / name).read_text("utf-8")
        )
    ]
    # Built from the column's role in agreements_import._choice:
    keys += [f"agreements_import.bad_{role}" for role in ("theme", "function", "status")]
    keys.append("agreements_import.missing_theme")
    assert len(keys) > 40
    missing = [k + suffix for k in keys for suffix in ("", "_hint") if k + suffix not in known]
    assert not missing, missing


def test_board_counts_under_a_plain_antal_heading_and_ages_written_with_years(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    counts = write(tmp_path, "bestyrelse.csv", "Dimension;Kategori;Antal\nKøn;Mand;2\nKøn;Kvinde;3\n")
    assert rows_of(read_composition(residents, counts))[("Køn", "Kvinder")] == (355, 3)
    members = write(tmp_path, "medlemmer.csv", "Alder;Køn\n45 år;Kvinde\n70 år;Mand\n")
    rows = rows_of(read_composition(residents, members))
    assert rows[("Alder", "30-49 år")][1] == 1 and rows[("Alder", "67 år og derover")][1] == 1


def test_check_pairs_a_counts_board_file_with_the_residents(tmp_path):
    residents = write(tmp_path, "beboere.csv", RESIDENTS)
    counts = write(tmp_path, "bestyrelse.csv", "Dimension;Kategori;Antal\nHerkomst;Vestlige lande;2\n")
    result = check_files([residents, counts])
    assert not result.ok
    assert "Vestlige lande" in result.render("da")


def test_statbank_header_with_dimension_names_and_period_columns_is_counts_not_members(tmp_path):
    content = (
        "Alder;Køn;2024K4;2025K1\n18-29 år;Mænd;10;11\n;Kvinder;12;13\n30 år og derover;Mænd;20;21\n;Kvinder;22;23\n"
    )
    composition = read_composition(write(tmp_path, "s.csv", content))
    rows = rows_of(composition)
    assert rows[("Alder", "18-29 år")][0] == 24
    assert rows[("Køn", "Kvinder")][0] == 36
    assert any("»2025K1«" in note for note in composition.notes)


def test_an_age_band_across_18_is_kept_with_a_note(tmp_path):
    path = write(
        tmp_path, "b.csv", "Dimension;Kategori;Beboere;Bestyrelse\nAlder;15-24 år;100;0\nAlder;25 år og derover;300;5\n"
    )
    composition = read_composition(path)
    assert ("Alder", "15-24 år") in rows_of(composition)
    assert any("15-24 år rummer både børn og voksne" in note for note in composition.notes)
