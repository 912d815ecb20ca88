"""Cross-tables, periods, separators, typos and StatBank's code form, with numbers checked by hand."""

from __future__ import annotations

import pytest
from composition_builders import FOLK1C, folk1c_lines, reference_folk1c, workbook, write_text

from erfakit.core.composition import compare_composition
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.composition.assemble import loads_composition, read_composition
from erfakit.io.spreadsheets import loads_table

# Herkomst × Alder, children in 0-17 år. By hand: adults per herkomst = the three adult bands.
CROSS = {
    "Personer med dansk oprindelse": {"0-17 år": 120, "18-29 år": 80, "30-66 år": 210, "67 år og derover": 110},
    "Indvandrere": {"0-17 år": 40, "18-29 år": 40, "30-66 år": 140, "67 år og derover": 30},
    "Efterkommere": {"0-17 år": 70, "18-29 år": 30, "30-66 år": 30, "67 år og derover": 0},
}
ADULTS = {"Personer med dansk oprindelse": 400, "Indvandrere": 210, "Efterkommere": 60}  # 80+210+110, …


def rows(composition, dimension):
    return {r.category: r.residents for r in composition.rows if r.dimension == dimension}


def test_a_long_statbank_cross_table_counts_adults_in_every_dimension(tmp_path):
    lines = ['"HERKOMST";"ALDER";"TID";"INDHOLD"']
    for year, scale in (("2024", 2), ("2025", 1)):
        for herkomst, ages in CROSS.items():
            lines += [f'"{herkomst}";"{age}";"{year}";{n * scale}' for age, n in ages.items()]
            lines.append(f'"{herkomst}";"Alder i alt";"{year}";{sum(ages.values()) * scale}')
    composition = read_composition(write_text(tmp_path, "s.csv", "\n".join(lines) + "\n", newline="\r\n"))
    assert rows(composition, "Herkomst") == ADULTS
    assert rows(composition, "Alder") == {"18-29 år": 150, "30-66 år": 380, "67 år og derover": 140}
    assert composition.children == 230
    comparison = compare_composition(composition)
    assert comparison.adults_only("Herkomst") and comparison.adults_only("Alder")
    assert comparison.categories.query("dimension == 'Herkomst'")["residents"].sum() == 670
    assert not any("også børn" in p for p in comparison.talking_points("da") + comparison.all_notes("da"))


def test_a_wide_cross_table_with_title_unit_and_sparse_period_rows_is_melted():
    ages = ["0-17 år", "18-29 år", "30-66 år", "67 år og derover"]
    sheet = [
        ["Beboere i afdeling 7 efter herkomst og alder"],
        ["Enhed: Antal"],
        [],
        [None, "2024", None, None, None, "2025", None, None, None],
        [None, *ages, *ages],
    ]
    for herkomst, counts in CROSS.items():
        sheet.append([herkomst, *[n * 3 for n in counts.values()], *counts.values()])
    data = workbook({"Noter": [["Kilde: Landsbyggefonden"], ["Hentet 1.3.2026"]], "Beboere": sheet})
    composition = loads_composition(loads_table(data, source="lbf.xlsx", suffix=".xlsx"))
    assert rows(composition, "Herkomst") == ADULTS
    assert composition.children == 230
    assert any("Arket »Beboere« er læst" in n and "»Noter«" in n for n in composition.notes)
    assert any("»2025«" in n for n in composition.notes)


def test_an_age_band_across_18_in_a_cross_table_makes_the_other_dimensions_all_ages(tmp_path):
    lines = ["Køn;Alder;Antal", "Mænd;0-14 år;50", "Mænd;15-24 år;40", "Mænd;25 år og derover;200"]
    lines += ["Kvinder;0-14 år;55", "Kvinder;15-24 år;45", "Kvinder;25 år og derover;230"]
    composition = read_composition(write_text(tmp_path, "k.csv", "\n".join(lines) + "\n"))
    assert rows(composition, "Køn") == {"Mænd": 240, "Kvinder": 275}  # 0-14 left out, 15-24 kept
    comparison = compare_composition(composition)
    assert not comparison.adults_only("Køn")
    assert comparison.population("Køn") == "alle beboere, også børn"
    assert any("15-24 år rummer både børn og voksne" in n for n in composition.notes)


# ---- periods --------------------------------------------------------------------------------------------------


def test_the_folk1c_export_uses_its_latest_quarter_of_43_and_matches_a_pandas_read():
    composition = read_composition(FOLK1C)
    reference = reference_folk1c(FOLK1C.read_bytes().decode("utf-8"))
    assert len({line.split(";")[1] for line in folk1c_lines() if line}) == 43
    herkomst = rows(composition, "Herkomst")
    assert sum(herkomst.values()) == sum(reference.values()) == 5_789_957
    assert herkomst["Personer med dansk oprindelse"] == reference["Danmark"]


def test_a_damaged_period_label_is_refused_instead_of_summing_all_quarters(tmp_path):
    lines = folk1c_lines()
    lines[10] = lines[10].replace('"2010K3"', '"2010X3"')
    path = tmp_path / "folk1c.csv"
    path.write_bytes("\r\n".join(lines).encode())
    with pytest.raises(InputFileErrors) as caught:
        read_composition(path)
    assert "række 11, kolonne 2: »2010X3« står blandt perioderne" in str(caught.value)
    assert "241.830.599" not in str(caught.value)


def test_a_damaged_year_in_a_header_row_is_refused():
    sheet = [[None, "2023", "2O24", "2025"], ["Mænd", 10, 11, 12], ["Kvinder", 13, 14, 15]]
    with pytest.raises(InputFileErrors, match="celle C1: »2O24« står blandt perioderne"):
        loads_composition(loads_table(workbook({"A": sheet}), source="p.xlsx", suffix=".xlsx"))


def test_a_line_with_another_separator_is_refused_not_dropped(tmp_path):
    lines = folk1c_lines()
    lines[12] = lines[12].replace(";", ",")
    path = tmp_path / "folk1c.csv"
    path.write_bytes("\r\n".join(lines).encode())
    with pytest.raises(InputFileError, match="linje 13: Linjen bruger »,« som skilletegn"):
        read_composition(path)


# ---- typos ------------------------------------------------------------------------------------------------------


def test_a_dimension_typo_is_refused_instead_of_making_two_one_category_dimensions(tmp_path):
    content = (
        "Dimension;Kategori;Beboere\nKønn;Mænd;315\nKøn;Kvinder;355\nAlder;18-29 år;150\nAlder;30 år og derover;520\n"
    )
    with pytest.raises(InputFileErrors) as caught:
        read_composition(write_text(tmp_path, "t.csv", content))
    text = str(caught.value)
    assert "Dimensionen »Kønn« (Mænd) ligner »Køn«" in text
    assert "Dimensionen »Køn« har kun én kategori (Kvinder)" in text


def test_a_board_dimension_typo_is_refused(tmp_path):
    residents = write_text(tmp_path, "b.csv", "Dimension;Kategori;Beboere\nKøn;Mænd;315\nKøn;Kvinder;355\n")
    board = write_text(tmp_path, "s.csv", "Dimension;Kategori;Bestyrelse\nKønn;Mænd;3\nKønn;Kvinder;4\n")
    with pytest.raises(InputFileErrors, match="»Kønn« \\(Kvinder, Mænd\\) ligner »Køn«"):
        read_composition(residents, board)


# ---- fine age bands ---------------------------------------------------------------------------------------------


def test_single_years_of_age_are_grouped_and_children_removed(tmp_path):
    lines = ["Alder;Antal"] + [f"{age} år;{10 if age < 18 else 5}" for age in range(0, 100)]
    composition = read_composition(write_text(tmp_path, "a.csv", "\n".join(lines) + "\n"))
    ages = rows(composition, "Alder")
    # By hand: 18 children's years × 10; 12 years 18-29 × 5; 20 × 5; 17 × 5; 33 years 67-99 × 5.
    assert ages == {"18-29 år": 60, "30-49 år": 100, "50-66 år": 85, "67 år og derover": 165}
    assert composition.children == 180
    assert any("Alder er givet i 100 grupper" in n for n in composition.notes)


# ---- StatBank's code form -----------------------------------------------------------------------------------------


def test_dst_code_form_is_translated_to_statbank_labels_where_the_codes_are_unambiguous(tmp_path):
    lines = ["OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD"]
    counts = {("1", "1"): 100, ("1", "24"): 10, ("1", "25"): 20, ("1", "34"): 3, ("1", "35"): 7}
    counts |= {("2", "1"): 110, ("2", "24"): 12, ("2", "25"): 18, ("2", "34"): 4, ("2", "35"): 6}
    for (sex, origin), n in counts.items():
        lines.append(f"101;{sex};10;{origin};2025K1;{n}")  # a child of 10
        lines.append(f"101;{sex};40;{origin};2025K1;{n * 2}")
        lines.append(f"101;{sex};IALT;{origin};2025K1;{n * 3}")
    composition = read_composition(write_text(tmp_path, "api.csv", "\n".join(lines) + "\n"))
    # Adults only (age 40): twice the counts. By hand: men 2 × 140, women 2 × 150.
    assert rows(composition, "Køn") == {"Mænd": 280, "Kvinder": 300}
    assert rows(composition, "Herkomst") == {
        "Personer med dansk oprindelse": 420,
        "Indvandrere fra vestlige lande": 44,
        "Indvandrere fra ikke-vestlige lande": 76,
        "Efterkommere fra vestlige lande": 14,
        "Efterkommere fra ikke-vestlige lande": 26,
    }
    assert any("KØN indeholdt Danmarks Statistiks koder" in n and "1 = Mænd" in n for n in composition.notes)


def test_folk1c_herkomst_codes_are_read_by_their_own_list(tmp_path):
    content = (
        "KØN;HERKOMST;TID;INDHOLD\n1;5;2025K1;100\n1;4;2025K1;20\n1;3;2025K1;5\n2;5;2025K1;90\n"
        "2;4;2025K1;25\n2;3;2025K1;6\n"
    )
    herkomst = rows(read_composition(write_text(tmp_path, "c.csv", content)), "Herkomst")
    assert herkomst == {"Personer med dansk oprindelse": 190, "Indvandrere": 45, "Efterkommere": 11}


def test_dst_codes_that_fit_no_documented_list_are_refused_naming_the_column_and_how_to_get_labels(tmp_path):
    content = (
        "OMRÅDE;KØN;HERKOMST;TID;INDHOLD\n101;1;1;2025K1;10\n101;1;2;2025K1;11\n101;2;1;2025K1;12\n101;2;9;2025K1;13\n"
    )
    with pytest.raises(InputFileErrors) as caught:
        read_composition(write_text(tmp_path, "c.csv", content))
    error = caught.value.errors[0]
    assert "Kolonnen »HERKOMST« indeholder Danmarks Statistiks koder (1, 2, 9), ikke tekster" in error.message
    assert "»Vis tabel«" in error.hint and "med tekster" in error.hint


def test_several_area_codes_are_refused_as_they_may_include_the_whole_country(tmp_path):
    content = "OMRÅDE;KØN;TID;INDHOLD\n0;1;2025K1;100\n0;2;2025K1;110\n101;1;2025K1;10\n101;2;2025K1;11\n"
    with pytest.raises(InputFileErrors, match="Kolonnen »OMRÅDE« indeholder Danmarks Statistiks koder \\(0, 101\\)"):
        read_composition(write_text(tmp_path, "c.csv", content))
