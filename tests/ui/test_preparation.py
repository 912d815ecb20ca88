"""The preparation notebook's cell functions, without a kernel: what they save and what they refuse."""

from __future__ import annotations

from pathlib import Path

from erfakit.core.model import Agreement, Origin, Theme
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.resources import data_path
from erfakit.ui import preparation


def test_save_puts_the_composition_and_earlier_agreements_into_the_meeting_file(tmp_path: Path, session):
    today = Agreement(text="Dagens aftale", theme=Theme.BEBOERDEMOKRATI, origin=Origin.OVELSE1)
    path = tmp_path / "moede.json"
    save_session(session.model_copy(update={"agreements": [*session.agreements, today]}), path)
    composition = preparation.load_composition(data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"))
    assert preparation.save_composition(path, composition, agreements_path=data_path("demo/tidligere_aftaler.csv"))
    saved = load_session(path)
    assert saved.composition == composition
    earlier = [a for a in saved.agreements if a.origin == Origin.EARLIER]
    assert len(earlier) == 3  # the file's earlier agreements replace the meeting file's earlier ones
    assert [a.text for a in saved.agreements if a.origin == Origin.OVELSE1] == ["Dagens aftale"]


def test_nothing_is_saved_when_the_files_could_not_be_read(tmp_path: Path, session_path: Path, monkeypatch):
    shown: list = []
    monkeypatch.setattr(preparation, "display", shown.append)
    bad = tmp_path / "beboere.csv"
    bad.write_text("Dimension;Kategori;Beboere\nKøn;Mænd;mange\n", encoding="utf-8")
    before = session_path.read_bytes()
    composition = preparation.load_composition(bad, None)
    assert composition is None
    assert preparation.show_comparison(composition) is None
    assert preparation.show_charts(composition) == 0
    assert not preparation.save_composition(session_path, composition)
    assert session_path.read_bytes() == before
    html = "\n".join(item.data for item in shown)
    assert "»mange« er ikke et tal" in html
    assert "Mødefilen er ikke ændret." in html


def test_bad_earlier_agreements_leave_the_meeting_file_untouched(tmp_path: Path, session_path: Path):
    agreements = tmp_path / "aftaler.csv"
    agreements.write_text("Aftale;Tema\nKage;Kaffe\n", encoding="utf-8")
    before = session_path.read_bytes()
    composition = preparation.load_composition(data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"))
    assert not preparation.save_composition(session_path, composition, agreements_path=agreements)
    assert session_path.read_bytes() == before


def test_check_and_portfolio_report_what_they_found():
    assert preparation.show_check(data_path("demo/beboere.csv"), data_path("demo/bestyrelse.csv"), "")
    ranked = preparation.show_portfolio(data_path("demo/portefoelje.csv"))
    assert ranked is not None and ranked["rank"].iloc[0] == 1
