"""Privacy by default: no names anywhere in a board file, small counts hidden, nothing copied forward."""

from __future__ import annotations

import datetime as dt

import pytest
from composition_builders import DEMO_RESIDENTS, write_text
from pydantic import ValidationError

from erfakit.charts.composition import BOARD_COLOUR, composition_figure
from erfakit.core.composition import compare_composition
from erfakit.core.model import Composition, CompositionRow, MeetingPlan, PlannedMeeting, Session
from erfakit.core.next_meeting import next_meeting_session
from erfakit.exceptions import InputFileErrors, SessionFileError
from erfakit.io.composition.assemble import read_composition
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.report.sections.composition import render_composition

BOARD = "Medlem;Alder;Køn;Herkomst\n1;68;Kvinde;Dansk\n2;72;Mand;Dansk\n3;55;Kvinde;Indvandrer\n4;44;Mand;Dansk\n"


def refused(tmp_path, board: str) -> str:
    residents = write_text(tmp_path, "beboere.csv", DEMO_RESIDENTS)
    with pytest.raises(InputFileErrors) as caught:
        read_composition(residents, write_text(tmp_path, "bestyrelse.csv", board))
    return str(caught.value)


@pytest.mark.parametrize(
    ("board", "expected"),
    [
        (BOARD.replace("\n1;68", "\nAnna Hansen;68"), "række 2, kolonne 1 (Medlem): Kolonnen til medlemsnummer"),
        (BOARD.replace("\n2;72", "\nPJ;72"), "indeholder »PJ«, ikke et løbenummer"),
        (BOARD.replace("Indvandrer", "Fatima Ali"), "»Fatima Ali« ligner et navn"),
        (
            BOARD.replace("Herkomst\n", "Herkomst;Kontakt\n").replace("Dansk\n2", "Dansk;Mette\n2"),
            "»Mette« ligner et navn",
        ),
        (BOARD.replace("Herkomst\n", "Herkomst;Mail\n"), "har en kolonne med navne (»Mail«)"),
        (BOARD.replace("Herkomst\n", "Herkomst;X\n").replace("Dansk\n2", "Dansk;anna@example.dk\n2"), "kontakt"),
        (BOARD.replace("Dansk\n2", "Dansk;12 34 56 78\n2"), "kontakt- eller personnummeroplysninger"),
        (BOARD.replace("Dansk\n2", "Dansk;010190-1234\n2"), "kontakt- eller personnummeroplysninger"),
        (BOARD.replace("Herkomst\n", "Herkomst;Rolle\n").replace("Dansk\n2", "Dansk;Formand\n2"), "»Rolle«, som peger"),
        (
            BOARD.replace("Herkomst\n", "Herkomst;Bemærkning\n").replace("Dansk\n2", "Dansk;ny i år\n2"),
            "bemærkninger (kolonnen »Bemærkning«)",
        ),
    ],
)
def test_names_and_personal_data_are_refused_in_every_board_column(tmp_path, board, expected):
    assert expected in refused(tmp_path, board)


def test_an_anonymous_board_with_member_numbers_is_accepted(tmp_path):
    residents = write_text(tmp_path, "beboere.csv", DEMO_RESIDENTS)
    composition = read_composition(residents, write_text(tmp_path, "bestyrelse.csv", BOARD))
    assert sum(r.board for r in composition.rows if r.dimension == "Køn") == 4


# ---- small counts ----------------------------------------------------------------------------------------


def demo_composition(tmp_path) -> Composition:
    residents = write_text(tmp_path, "beboere.csv", DEMO_RESIDENTS)
    return read_composition(residents, write_text(tmp_path, "bestyrelse.csv", BOARD))


def test_herkomst_counts_under_3_are_shown_as_bands_in_the_table_points_and_chart(tmp_path):
    comparison = compare_composition(demo_composition(tmp_path))  # 3 Dansk, 1 Indvandrer, 0 Efterkommere
    assert comparison.is_masked("Herkomst") and not comparison.is_masked("Køn")
    table = comparison.display_table("da", dimension="Herkomst").set_index("Kategori")
    assert list(table["Faktiske pladser"]) == ["3 eller flere", "under 3", "under 3"]
    assert set(table["Andel af bestyrelsen"]) == {"–"} and set(table["Forskel (procentpoint)"]) == {"–"}
    dims = comparison.display_dimensions("da").set_index("Dimension")
    assert dims.loc["Herkomst", "Ulighedsindeks"] == "vises ikke (små tal)"
    points = [p for p in comparison.talking_points("da") if "Indvandrere" in p or p.startswith("Herkomst")]
    assert points and not any("højst 1" in p or "ingen fra gruppen" in p for p in points)
    assert "1,3 Indvandrere" in " ".join(points)  # 4 × 210/670: the residents alone tell that
    figure = composition_figure(comparison, "Herkomst")
    board_bars = [p for ax in figure.axes for p in ax.patches if p.get_facecolor()[:3] == _rgb(BOARD_COLOUR)]
    assert board_bars == []


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def test_the_report_hides_small_counts_and_says_why(tmp_path):
    session = Session(meeting={"afdeling": "7", "date": "2026-12-03"}, composition=demo_composition(tmp_path))
    html = render_composition(session, "da")
    assert "under 3" in html and "3 eller flere" in html
    assert "kan pege på enkelte medlemmer" in html
    assert "Indvandrere – 1" not in html


def test_the_analyst_can_show_small_counts_with_a_reason_kept_in_the_meeting_file(tmp_path):
    from erfakit.ui.preparation import set_privacy

    composition = set_privacy(demo_composition(tmp_path), show_small_counts_reason="Bestyrelsen har selv bedt om det")
    assert composition is not None and composition.show_small_counts
    path = tmp_path / "moede.json"
    save_session(Session(meeting={"afdeling": "7", "date": "2026-12-03"}, composition=composition), path)
    loaded = load_session(path)
    assert loaded.composition is not None
    assert loaded.composition.show_small_counts_reason == "Bestyrelsen har selv bedt om det"
    comparison = compare_composition(loaded.composition)
    assert not comparison.is_masked("Herkomst")
    table = comparison.display_table("da", dimension="Herkomst")
    assert list(table["Faktiske pladser"]) == ["3", "1", "0"]
    assert any("Begrundelse: Bestyrelsen har selv bedt om det" in n for n in comparison.all_notes("da"))


def test_small_counts_cannot_be_shown_without_a_reason(tmp_path):
    with pytest.raises(ValidationError):
        Composition(rows=[], show_small_counts=True, show_small_counts_reason="  ")
    path = tmp_path / "moede.json"
    save_session(Session(meeting={"afdeling": "7", "date": "2026-12-03"}, composition=Composition()), path)
    path.write_text(path.read_text().replace('"show_small_counts": false', '"show_small_counts": true'))
    with pytest.raises(SessionFileError):
        load_session(path)


def test_the_analyst_can_mark_another_dimension_as_sensitive(tmp_path):
    from erfakit.ui.preparation import set_privacy

    composition = set_privacy(demo_composition(tmp_path), sensitive_dimensions=["Herkomst", "Køn"])
    assert composition is not None
    comparison = compare_composition(composition)
    assert comparison.is_masked("Køn")  # 2 men, 2 women: both under 3


def test_a_sensitive_dimension_with_no_count_under_3_is_shown():
    rows = [("Herkomst", "A", 300, 3), ("Herkomst", "B", 300, 3), ("Herkomst", "C", 300, 3)]
    composition = Composition(
        rows=[CompositionRow(dimension=d, category=c, residents=r, board=b) for d, c, r, b in rows]
    )
    assert not compare_composition(composition).is_masked("Herkomst")


# ---- not copied forward ------------------------------------------------------------------------------------


def test_the_next_meeting_file_carries_the_composition_only_when_asked(tmp_path):
    session = Session(
        meeting={"afdeling": "7", "date": "2026-12-03"},
        composition=demo_composition(tmp_path),
        plan=MeetingPlan(dates=[PlannedMeeting(date=dt.date(2027, 2, 4))]),
    )
    assert next_meeting_session(session, today=dt.date(2026, 12, 3)).composition is None
    carried = next_meeting_session(session, today=dt.date(2026, 12, 3), carry_composition=True).composition
    assert carried == session.composition
