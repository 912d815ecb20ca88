"""No silent loss of a number: every cell that should hold one does, or the analyst is told where."""

from __future__ import annotations

import pytest
from composition_builders import FOLK2, folk2_changed, reference_folk2, workbook, write_text

from erfakit.core.composition import compare_composition
from erfakit.exceptions import InputFileError, InputFileErrors
from erfakit.io.composition.assemble import loads_composition, read_composition
from erfakit.io.spreadsheets import loads_table


def import_bytes(data: bytes, name: str):
    return loads_composition(loads_table(data, source=name, suffix="." + name.rsplit(".", 1)[1]))


def the_error(data: bytes, name: str):
    with pytest.raises(InputFileErrors) as caught:
        import_bytes(data, name)
    assert len(caught.value.errors) == 1, caught.value
    return caught.value.errors[0]


# ---- the real FOLK2 export: one cell of the latest year --------------------------------------------


def test_folk2_as_published_gives_the_reference_totals():
    composition = import_bytes(FOLK2.read_bytes(), "folk2.xlsx")
    reference = reference_folk2(FOLK2.read_bytes())
    herkomst = {r.category: r.residents for r in composition.rows if r.dimension == "Herkomst"}
    assert herkomst == reference["Herkomst"]
    # Hand check of the figure: Personer med dansk oprindelse are about 84 % of all.
    assert herkomst["Personer med dansk oprindelse"] / sum(herkomst.values()) == pytest.approx(0.837, abs=0.001)


def test_a_blank_cell_in_the_real_folk2_export_is_an_error_naming_file_sheet_cell_and_category():
    # The issue: one blank cell turned 84 % into 0.5 % with "Alt i orden".
    error = the_error(folk2_changed({"AW4": None}), "folk2.xlsx")
    assert error.message.startswith("folk2.xlsx, ark »FOLK2«, celle AW4 (2025 · Dansk · Personer med dansk oprindelse")
    assert "Cellen er tom" in error.message and "Dansk statsborgerskab" in error.message
    assert "0, hvis der ingen er" in error.hint


def test_a_formula_without_a_stored_value_is_named_as_such():
    error = the_error(folk2_changed({"AW4": "=AV4+1"}), "folk2.xlsx")
    assert "celle AW4" in error.message and "formel uden gemt resultat" in error.message
    assert "F9" in error.hint


def test_a_blank_cell_in_an_older_year_changes_nothing():
    data = folk2_changed({"AV4": None, "D5": "=D4"})
    herkomst = {r.category: r.residents for r in import_bytes(data, "f.xlsx").rows if r.dimension == "Herkomst"}
    assert herkomst == reference_folk2(FOLK2.read_bytes())["Herkomst"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1e28, "ikke et muligt tal"),
        ("1,0E+28", "ikke et muligt tal"),
        (100_000_000, "ikke et muligt tal"),
        ("inf", "ikke et tal"),
        ("ca. 300", "ikke et tal"),
        (-5, "negativt"),
        ("#DIV/0!", "ikke et tal"),
    ],
)
def test_a_cell_that_is_not_a_possible_count_is_an_error_naming_it(value, expected):
    error = the_error(folk2_changed({"AW5": value}), "folk2.xlsx")
    assert "celle AW5" in error.message and expected in error.message
    assert "Albanien" in error.message  # the row's own label


# ---- the template ---------------------------------------------------------------------------------------

TEMPLATE = """Dimension;Kategori;Beboere;Bestyrelse
Køn;Mænd;315;3
Køn;Kvinder;355;4
Beskæftigelse;I beskæftigelse;300;3
Beskæftigelse;Ledige;..;0
Beskæftigelse;Pensionister;150;3
Beskæftigelse;Under uddannelse;60;1
"""


def test_one_forgotten_cell_of_the_template_is_an_error_naming_row_column_and_category(tmp_path):
    path = write_text(tmp_path, "beboere.csv", TEMPLATE.replace("Køn;Kvinder;355;4", "Køn;Kvinder;;4"))
    with pytest.raises(InputFileErrors) as caught:
        read_composition(path)
    assert str(caught.value).startswith(
        "beboere.csv, række 3, kolonne 3 (Beboere): Cellen er tom, så tallet for Køn / Kvinder mangler."
    )


def test_a_dimension_left_wholly_blank_is_left_out_with_a_note(tmp_path):
    blank = TEMPLATE + "Boligtid;Under 2 år;;0\nBoligtid;2 år og derover;;0\n"
    composition = read_composition(write_text(tmp_path, "beboere.csv", blank))
    assert "Boligtid" not in {r.dimension for r in composition.rows}
    assert any("Boligtid har ingen tal" in note for note in composition.notes)


def test_a_blank_board_cell_beside_filled_ones_is_an_error(tmp_path):
    path = write_text(tmp_path, "beboere.csv", TEMPLATE.replace("Køn;Mænd;315;3", "Køn;Mænd;315;"))
    with pytest.raises(InputFileErrors, match="række 2, kolonne 4 \\(Bestyrelse\\): Cellen er tom"):
        read_composition(path)


def test_a_suppressed_category_is_named_and_the_shares_say_they_are_computed_without_it(tmp_path):
    composition = read_composition(write_text(tmp_path, "beboere.csv", TEMPLATE))
    assert composition.suppressed == {"Beskæftigelse": ["Ledige"]}
    comparison = compare_composition(composition)
    shares = comparison.categories.set_index("category")["resident_share"]
    assert shares["I beskæftigelse"] == pytest.approx(300 / 510)  # 300 + 150 + 60, Ledige not known
    assert "Ledige" not in shares
    note = next(n for n in composition.notes if "Ledige" in n)
    assert "skjult i kilden" in note and "i alt 1 kategori" in note and "beregnet uden den" in note
    point = next(p for p in comparison.talking_points("da") if p.startswith("Beskæftigelse"))
    assert "Andelene er beregnet uden Ledige, som kilden har skjult" in point


def test_a_suppressed_board_cell_is_refused(tmp_path):
    path = write_text(tmp_path, "beboere.csv", TEMPLATE.replace("Køn;Mænd;315;3", "Køn;Mænd;315;.."))
    with pytest.raises(InputFileErrors, match="Bestyrelsestallet »..« er skjult"):
        read_composition(path)


# ---- a published cross-table with suppressed cells ---------------------------------------------------------


def test_suppressed_cells_in_a_cross_table_are_named_per_category(tmp_path):
    rows = [
        ["Beboere efter herkomst og alder"],
        ["Enhed: Antal"],
        [None, None, "2025"],
        ["Personer med dansk oprindelse", "18-29 år", 80],
        [None, "30 år og derover", 220],
        ["Indvandrere", "18-29 år", 40],
        [None, "30 år og derover", 170],
        ["Efterkommere", "18-29 år", ".."],
        [None, "30 år og derover", ".."],
    ]
    composition = loads_composition(loads_table(workbook({"Ark1": rows}), source="k.xlsx", suffix=".xlsx"))
    herkomst = {r.category: r.residents for r in composition.rows if r.dimension == "Herkomst"}
    assert herkomst == {"Personer med dansk oprindelse": 300, "Indvandrere": 210}
    assert composition.suppressed == {"Herkomst": ["Efterkommere"]}
    ages = {r.category: r.residents for r in composition.rows if r.dimension == "Alder"}
    assert ages == {"18-29 år": 120, "30 år og derover": 390}
    assert any("Alder: tallet for 18-29 år, 30 år og derover mangler skjulte felter" in n for n in composition.notes)


# ---- files too large to be one afdeling's table -------------------------------------------------------------


def test_a_50_megabyte_file_is_refused_from_its_size_before_it_is_read(tmp_path):
    path = tmp_path / "hele_landet.csv"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: no 50 MB written, and nothing in it is ever read
    with pytest.raises(InputFileError) as caught:
        read_composition(path)
    assert "hele_landet.csv: Filen er for stor (50 MB; højst 10 MB)" in caught.value.message
    assert "Den er ikke læst" in caught.value.message and "StatBank" in caught.value.hint


def test_a_sheet_whose_stated_size_is_far_too_large_is_refused_before_its_cells_are_read():
    data = workbook({"Ark1": [["Køn", "Antal"], ["Mænd", 3]]})
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content.replace(b'<dimension ref="A1:B2" />', b'<dimension ref="A1:ZZ99999" />')
            target.writestr(item, content)
    with pytest.raises(InputFileError, match="Arket »Ark1« har flere end 200.000 celler"):
        loads_table(out.getvalue(), source="stor.xlsx", suffix=".xlsx")
