"""`erfakit check FILE…` as a real process: exit codes, Danish messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from erfakit.resources import data_path

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real-exports"


def run_check(*arguments: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONWARNINGS": "ignore"}
    environment.pop("ERFAKIT_SPROG", None)
    return subprocess.run(
        [sys.executable, "-m", "erfakit", *(str(a) for a in arguments)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


def test_check_of_the_demo_files_exits_0_with_a_summary(tmp_path):
    result = run_check(
        "check",
        data_path("demo/beboere.csv"),
        data_path("demo/bestyrelse.csv"),
        data_path("demo/tidligere_aftaler.csv"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "beboere.csv: 5 dimensioner (Køn, Alder, Herkomst, Beskæftigelse, Boligtid)" in result.stdout
    assert "670 voksne beboere (18 år og derover) ifølge Alder" in result.stdout
    assert "7 anonyme bestyrelsesmedlemmer" in result.stdout
    assert "Børn under 18 år (0-17 år: 230 beboere) er udeladt" in result.stdout
    assert "uden børn" not in result.stdout
    assert "Alt i orden" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_check_of_real_statbank_exports_reads_them(tmp_path):
    result = run_check(
        "check", REAL / "statbank_FOLK1C_oprindelse_noheader.csv", REAL / "statbank_FOLK2_herkomst.xlsx", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "statbank_FOLK2_herkomst.xlsx: 2 dimensioner (Statsborgerskab, Herkomst)" in result.stdout
    assert "alle beboere, også børn: Statsborgerskab, Herkomst" in result.stdout
    assert "Den seneste periode, »2018K3«, er brugt" in result.stdout


def test_check_of_bad_files_exits_2_naming_each_problem(tmp_path):
    (tmp_path / "tom.csv").write_bytes(b"")
    (tmp_path / "junk.csv").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "omdoebt.xlsx").write_text("Dimension;Kategori;Beboere\nKøn;Mænd;3\n", encoding="utf-8")
    (tmp_path / "beboere.csv").write_text(
        "Dimension;Kategori;Beboere;Bestyrelse\nKøn;Mænd;tre hundrede;2\nKøn;Kvinder;-4;3\n", encoding="utf-8"
    )
    result = run_check("check", "tom.csv", "junk.csv", "omdoebt.xlsx", "beboere.csv", "mangler.csv", cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr
    assert "tom.csv: Filen er tom." in err
    assert "junk.csv: Filen er ikke en tabel, men binære data" in err
    assert "omdoebt.xlsx: Filen hedder .xlsx, men er en tekstfil (CSV)" in err
    assert "beboere.csv, række 2, kolonne 3 (Beboere): »tre hundrede« er ikke et tal (Køn / Mænd)." in err
    assert "beboere.csv, række 3, kolonne 3 (Beboere): Tallet »-4« for Køn / Kvinder er negativt." in err
    assert "mangler.csv: Filen findes ikke." in err
    assert "6 problemer fundet" in err
    assert "Traceback" not in err + result.stdout


def test_check_of_a_board_unlike_the_residents_categories_exits_2(tmp_path):
    (tmp_path / "bestyrelse.csv").write_text("Alder;Herkomst\n45;Dansk\n51;Vestlig\n", encoding="utf-8")
    result = run_check("check", data_path("demo/beboere.csv"), "bestyrelse.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert "Herkomst / »Vestlige lande«, men beboerdata har ingen voksne i den kategori" in result.stderr


def test_check_speaks_english_when_asked(tmp_path):
    (tmp_path / "tom.csv").write_bytes(b"")
    result = run_check("--sprog", "en", "check", "tom.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert "tom.csv: The file is empty." in result.stderr
    assert "1 problem found" in result.stderr


@pytest.mark.parametrize("arguments", [["check", "--help"], ["check", "-h"]])
def test_check_help_is_danish(tmp_path, arguments):
    result = run_check(*arguments, cwd=tmp_path)
    assert result.returncode == 0
    assert "uden at ændre noget" in result.stdout or "Læser filerne" in result.stdout


BAD_FILES = {
    "tom_celle.csv": "Dimension;Kategori;Beboere\nKøn;Mænd;315\nKøn;Kvinder;\n",
    "kaempe.csv": "Dimension;Kategori;Beboere\nKøn;Mænd;1E+28\nKøn;Kvinder;355\n",
    "koder.csv": "OMRÅDE;KØN;HERKOMST;TID;INDHOLD\n101;1;1;2025K1;10\n101;1;2;2025K1;11\n101;2;9;2025K1;12\n",
    "lang_celle.csv": 'Dimension;Kategori;Beboere\nKøn;"Mænd;315\n' + "x" * 140_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_new_writes_no_meeting_file_from_a_bad_file_and_says_why_in_danish(tmp_path, name):
    (tmp_path / name).write_text(BAD_FILES[name], encoding="utf-8")
    result = run_check("new", "moede.json", "--afdeling", "7", "--dato", "3.12.2026", "--beboere", name, cwd=tmp_path)
    assert result.returncode == 2
    assert name in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "moede.json").exists()


def test_a_meeting_file_new_writes_from_a_cross_table_renders_its_composition(tmp_path):
    from erfakit.io.meeting_file.document import load_session
    from erfakit.report.sections.composition import render_composition

    lines = ["HERKOMST;ALDER;TID;INDHOLD"]
    for origin, counts in (("Personer med dansk oprindelse", (120, 400)), ("Indvandrere", (40, 210))):
        lines += [f"{origin};0-17 år;2025;{counts[0]}", f"{origin};18 år og derover;2025;{counts[1]}"]
    (tmp_path / "kryds.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "bestyrelse.csv").write_text("Medlem;Alder;Herkomst\n1;45;Dansk\n2;61;Dansk\n3;70;Dansk\n")
    arguments = ["--beboere", "kryds.csv", "--bestyrelse", "bestyrelse.csv"]
    result = run_check("new", "moede.json", "--afdeling", "7", "--dato", "3.12.2026", *arguments, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = render_composition(load_session(tmp_path / "moede.json"), "da")
    assert "Herkomst" in html and "under 3" in html
    assert "også børn" not in html  # the cross-table gives adults in every dimension
