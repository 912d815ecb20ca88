"""The composition on the projector (Øvelse 1 B): small counts hidden, children said plainly."""

from __future__ import annotations

from uihelpers import TODAY, one, open_details, prepared_session, visit

from erfakit.core.model import CompositionRow
from erfakit.io.meeting_file.document import save_session
from erfakit.ui.app import MeetingApp


def open_with(tmp_path, rows, **settings):
    session = prepared_session()
    assert session.composition is not None
    session.composition = session.composition.model_copy(
        update={"rows": [CompositionRow(dimension=d, category=c, residents=r, board=b) for d, c, r, b in rows]}
        | settings
    )
    path = tmp_path / "moede.json"
    save_session(session, path)
    return MeetingApp(path, today=lambda: TODAY)


HERKOMST = [
    ("Herkomst", "Personer med dansk oprindelse", 400, 4),
    ("Herkomst", "Indvandrere", 210, 1),
    ("Herkomst", "Efterkommere", 60, 0),
]


def test_the_projector_shows_small_herkomst_counts_only_as_under_3(tmp_path):
    app = open_with(tmp_path, HERKOMST)
    screen = open_details(visit(app, "ovelse1"))
    table = one(screen, "erfakit-composition-table").value
    assert "under 3" in table and "3 eller flere" in table
    assert ">1<" not in table.replace(" ", "")
    notes = one(screen, "erfakit-composition-notes").value
    assert "kan pege på enkelte medlemmer" in notes
    app.close()


def test_the_projector_shows_the_numbers_when_the_analyst_gave_a_reason(tmp_path):
    app = open_with(tmp_path, HERKOMST, show_small_counts=True, show_small_counts_reason="Aftalt med bestyrelsen")
    screen = open_details(visit(app, "ovelse1"))
    assert "under 3" not in one(screen, "erfakit-composition-table").value
    assert "Aftalt med bestyrelsen" in one(screen, "erfakit-composition-notes").value
    app.close()


def test_a_dimension_that_includes_children_is_labelled_so_on_the_projector(tmp_path):
    rows = [
        ("Alder", "0-17 år", 230, 0),
        ("Alder", "18-49 år", 380, 3),
        ("Alder", "50 år og derover", 290, 2),
        ("Køn", "Mænd", 430, 2),  # 430 + 470 = 900: all residents, children included
        ("Køn", "Kvinder", 470, 3),
    ]
    app = open_with(tmp_path, rows)
    screen = open_details(visit(app, "ovelse1"))
    assert "Køn (alle beboere, også børn)" in one(screen, "erfakit-composition-table").value
    assert "Køn (alle beboere, også børn):" in one(screen, "erfakit-talking-points").value
    assert "uden børn" not in one(screen, "erfakit-composition-notes").value
    app.close()


def test_the_card_says_nothing_about_a_dimension_whose_board_counts_are_hidden(tmp_path):
    rows = [
        *HERKOMST,
        ("Alder", "18-29 år", 200, 0),
        ("Alder", "30-49 år", 250, 1),
        ("Alder", "50 år og derover", 220, 4),
    ]
    app = open_with(tmp_path, rows)
    card = one(visit(app, "ovelse1"), "erfakit-composition-card").value
    sentences = card.split("<li>")[1:]
    assert sentences and not any("Herkomst" in sentence or "Indvandrere" in sentence for sentence in sentences)
    app.close()


def test_a_card_with_only_hidden_counts_says_so_and_draws_no_board_bars(tmp_path):
    app = open_with(tmp_path, HERKOMST)
    card = one(visit(app, "ovelse1"), "erfakit-composition-card").value
    assert "<li>" not in card and "erfakit-bar-board" not in card
    assert "vises ikke" in card
    app.close()
