"""The command line as wiring: `new`, `show`, `history`, `restore`, `lab --kun-forbered`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from erfakit.cli import main
from erfakit.io.meeting_file.document import load_session
from erfakit.io.meeting_file.store import SessionStore


def test_new_creates_a_meeting_file_with_facts_and_participants(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    code = main(
        [
            "new",
            str(path),
            "--afdeling",
            "Afdeling 3",
            "--dato",
            "3.12.2026",
            "--tid",
            "13.00",
            "--sted",
            "Hovedkontoret",
            "--tovholder",
            "Camilla",
            "-d",
            "drift:Henrik Lund",
            "-d",
            "Udlejning",
        ]
    )
    assert code == 0
    session = load_session(path)
    assert session.meeting.afdeling == "Afdeling 3"
    assert str(session.meeting.date) == "2026-12-03" and str(session.meeting.start_time) == "13:00:00"
    assert [(p.function.value, p.name) for p in session.participants] == [("drift", "Henrik Lund"), ("udlejning", "")]
    assert "Mødefilen er oprettet" in capsys.readouterr().out


def test_new_refuses_to_overwrite_and_leaves_the_file_alone(session_path: Path, capsys):
    before = session_path.read_bytes()
    code = main(["new", str(session_path), "--afdeling", "X", "--dato", "2026-12-03"])
    assert code == 2
    assert "findes allerede" in capsys.readouterr().err
    assert session_path.read_bytes() == before


def test_new_with_a_bad_function_says_which_are_allowed_and_writes_nothing(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    code = main(["new", str(path), "--afdeling", "X", "--dato", "2026-12-03", "-d", "Ledelse:Eva"])
    assert code == 2
    assert "»Ledelse«" in capsys.readouterr().err
    assert not path.exists()


def test_show_summarises_in_danish(session_path: Path, capsys):
    assert main(["show", str(session_path)]) == 0
    out = capsys.readouterr().out
    assert "Afdeling 1 – Testparken" in out and "torsdag den 3. december 2026" in out
    assert "Besvarede spørgsmål: 0 af" in out


def test_show_in_english(session_path: Path, capsys):
    assert main(["--sprog", "en", "show", str(session_path)]) == 0
    assert "Thursday 3 December 2026" in capsys.readouterr().out


def test_show_of_a_broken_file_is_a_message_not_a_traceback(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    path.write_text("{ikke json")
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err
    assert "moede.json" in err and "Traceback" not in err


def test_history_and_restore_by_number(session_path: Path, capsys):
    store = SessionStore.open(session_path)
    store.session.answers["o1.a.role"] = "nyt svar"
    store.save()
    store.close()
    assert main(["history", str(session_path)]) == 0
    listing = capsys.readouterr().out
    assert "versioner af" in listing and "0 svar" in listing
    oldest = len(re.findall(r"^\s+\d+\s+\d{8}T", listing, flags=re.MULTILINE))
    assert oldest >= 2
    assert main(["restore", str(session_path), str(oldest)]) == 0
    assert "o1.a.role" not in load_session(session_path).answers
    assert "nu den aktuelle" in capsys.readouterr().out


def test_lab_prepares_a_notebook_bound_to_the_meeting_file(session_path: Path):
    assert main(["lab", str(session_path), "--kun-forbered"]) == 0
    notebook = json.loads(session_path.with_name("moede-moede.ipynb").read_text(encoding="utf-8"))
    parameters = [c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert "session_path = 'moede.json'" in "".join(parameters[0]["source"])


def test_the_installed_command_prints_danish_help():
    result = subprocess.run([sys.executable, "-m", "erfakit", "--help"], capture_output=True, text=True, check=True)
    for command in ("new", "show", "history", "restore", "lab", "demo"):
        assert f"    {command}" in result.stdout
    assert "vis denne hjælp" in result.stdout


def test_lab_starts_with_the_kits_calm_settings_on_loopback(tmp_path: Path):
    from erfakit.cli.lab import lab_command

    command = lab_command(tmp_path / "moede-moede.ipynb", port=8899)
    settings_dir = Path(next(a for a in command if a.startswith("--LabApp.app_settings_dir=")).split("=", 1)[1])
    overrides = json.loads((settings_dir / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert "--ServerApp.ip=127.0.0.1" in command and "--no-browser" in command


def test_new_prepares_a_complete_meeting_file_from_the_analysts_files(tmp_path: Path, capsys):
    from erfakit.resources import data_path

    path = tmp_path / "moede.json"
    code = main(
        [
            "new",
            str(path),
            "--afdeling",
            "Afdeling 7 – Lærkeparken",
            "--dato",
            "2026-12-03",
            "-d",
            "Boligsocial:Camilla",
            "-d",
            "Drift",
            "--beboere",
            str(data_path("demo/beboere.csv")),
            "--bestyrelse",
            str(data_path("demo/bestyrelse.csv")),
            "--aftaler",
            str(data_path("demo/tidligere_aftaler.csv")),
        ]
    )
    assert code == 0, capsys.readouterr().err
    session = load_session(path)
    assert {row.dimension for row in session.composition.rows} >= {"Køn", "Alder", "Herkomst"}
    assert not any(row.category == "0-17 år" for row in session.composition.rows), "children left out"
    assert any("Børn" in note for note in session.composition.notes)
    assert session.agreements and all(a.origin.value == "earlier" for a in session.agreements)


def test_new_with_an_unreadable_residents_file_writes_nothing(tmp_path: Path, capsys):
    bad = tmp_path / "beboere.xlsx"
    bad.write_text("Køn;Antal\nMænd;10\n", encoding="utf-8")  # a CSV renamed .xlsx
    path = tmp_path / "moede.json"
    code = main(["new", str(path), "--afdeling", "X", "--dato", "2026-12-03", "--beboere", str(bad)])
    assert code == 2
    assert "beboere.xlsx" in capsys.readouterr().err
    assert not path.exists(), "never a half-made meeting file"
