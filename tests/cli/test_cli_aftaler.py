"""`erfakit aftaler`: one register from the meeting files of many meetings and afdelinger, as Excel and
as an offline HTML page; files it cannot read are named with a Danish reason, never a traceback.
And `erfakit new --fra`: a koordinationsmøde made from any earlier meeting file."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from erfakit.cli import main
from erfakit.core.agreements import record_status
from erfakit.core.model import AgreementStatus, MeetingKind
from erfakit.core.next_meeting import next_meeting_session
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.resources import data_path

HOSTILE = 'Afdeling 9 – <script>alert(1)</script> =HYPERLINK("x")'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two afdelinger: Lærkeparken's meeting 4 and first koordinationsmøde, and a second afdeling with
    a hostile name; plus what lies about in real folders: versions, a lock, notes, a broken file."""
    root = tmp_path / "afdelinger"
    for afdeling in ("afdeling-7", "afdeling-9"):
        (root / afdeling).mkdir(parents=True)
    fourth = load_session(data_path("demo/moede.json"))
    following = next_meeting_session(fourth, today=dt.date(2026, 12, 3))
    following.agreements[1] = record_status(
        following.agreements[1], date=following.meeting.date, status=AgreementStatus.DONE, note="Klaret"
    )
    save_session(fourth, root / "afdeling-7" / "moede.json")
    save_session(following, root / "afdeling-7" / "koordination-2027-01-14.json")
    other = fourth.model_copy(deep=True)
    other.meeting.afdeling = HOSTILE
    for index, agreement in enumerate(other.agreements, start=1):
        agreement.id = f"A9-2026-12-03-{index:02d}"
    other.topics.projects = []
    save_session(other, root / "afdeling-9" / "moede.json")
    (root / "afdeling-9" / "noter.json").write_text('{"emne": "ikke en mødefil"}', encoding="utf-8")
    (root / "afdeling-9" / "halv.json").write_text('{"schema_version": 2, "meeting": {"afd', encoding="utf-8")
    return root


def test_the_register_of_two_afdelinger_is_written_as_excel_and_html(folder: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "register.xlsx"
    assert main(["aftaler", str(folder), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Aftaleregister – mødefiler: 3, afdelinger: 2, aftaler og projekter: 24." in printed.out
    assert f"Skrevet: {out}" in printed.out and f"Skrevet: {out.with_suffix('.html')}" in printed.out
    assert "Traceback" not in printed.err
    # The versions folder, the lock and the other hidden files are not meeting files to report on.
    assert ".versioner" not in printed.err and ".laas" not in printed.err
    assert f"Ikke læst: {folder / 'afdeling-9' / 'noter.json'} –" in printed.err
    assert f"Ikke læst: {folder / 'afdeling-9' / 'halv.json'} –" in printed.err and "afkortet" in printed.err

    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Aftaler", "Overblik", "Mødefiler", "Ikke læst"]
    sheet = workbook["Aftaler"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 24
    followed = rows["A7-2026-09-24-02"]
    assert followed["Status"] == "Gennemført" and followed["Seneste note"] == "Klaret"
    assert followed["Historik"] == "14.01.2027: Gennemført – Klaret"
    assert followed["Antal møder"] == "2"
    hostile = [row for key, row in rows.items() if key.startswith("A9-")]
    assert {row["Afdeling"] for row in hostile} == {HOSTILE}
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)
    summary = {(row[0], row[1]): row[2:] for row in workbook["Overblik"].iter_rows(min_row=2, values_only=True)}
    assert summary[("Alle afdelinger", "I alt")][0] == 24

    html = out.with_suffix(".html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("script"), "no scripts, and a user text never becomes one"
    assert not soup.find_all("link") and "http" not in "".join(tag.get("src", "") for tag in soup.find_all())
    assert "default-src 'none'" in html
    assert HOSTILE in soup.get_text()
    assert "Klaret" in soup.get_text()
    # An agreement without a recorded follow-up: "not followed up yet" only while it is still open; a
    # closed one (closed in a file from before follow-ups were recorded) must not say so.
    without_history = {}
    for row in soup.select("table.erfa-register-entries tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        if not row.find_all("td")[-1].find("li"):
            without_history[cells[0]] = (cells[-2], cells[-1])
    said = {("Gennemført" in status or "Opgivet" in status, history) for status, history in without_history.values()}
    assert said == {(True, "Ingen opfølgning registreret"), (False, "Ikke fulgt op endnu")}, without_history
    responsible = {row.find_all("td")[3].get_text() for row in soup.select("table.erfa-register-entries tbody tr")}
    assert "Drift – Henrik Lund" in responsible, "function – person, as the forms and the report say it"


def test_a_file_the_user_may_not_read_is_named_as_such(folder: Path, tmp_path: Path) -> None:
    secret = folder / "afdeling-9" / "moede.json"
    secret.chmod(0o600)
    work = Path(shutil.copytree(folder, Path("/tmp") / f"erfakit-aftaler-{os.getpid()}", dirs_exist_ok=True))
    try:
        for path in [work, *work.rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o644)
        (work / "afdeling-9" / "moede.json").chmod(0o600)
        command = [sys.executable, "-m", "erfakit", "aftaler", str(work), "-o", str(work / "register.xlsx")]
        if os.geteuid() == 0:  # root reads everything: ask as nobody, as another user of the hub would
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        result = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "HOME": str(work)}, check=False
        )
        assert result.returncode == 0, result.stderr
        assert (
            f"Ikke læst: {work / 'afdeling-9' / 'moede.json'} – Du har ikke adgang til at læse filen." in result.stderr
        )
        assert "Traceback" not in result.stderr + result.stdout
        assert "mødefiler: 2, afdelinger: 1," in result.stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_an_afdeling_whose_meetings_hold_no_agreement_yet_is_counted_and_named(tmp_path: Path, capsys) -> None:
    # Right after `erfakit new`, before the first meeting: the analyst's register still names it.
    from erfakit.demo import prepared_only

    fresh = prepared_only(load_session(data_path("demo/moede.json")))
    fresh.agreements = []
    fresh.meeting.afdeling = "Afdeling 12 – Solbakken"
    save_session(fresh, tmp_path / "solbakken.json")
    save_session(load_session(data_path("demo/moede.json")), tmp_path / "laerkeparken.json")
    out = tmp_path / "register.xlsx"
    assert main(["aftaler", str(tmp_path), "-o", str(out)]) == 0
    assert "mødefiler: 2, afdelinger: 2," in capsys.readouterr().out
    page = BeautifulSoup(out.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
    headings = [h2.get_text() for h2 in page.find_all("h2")]
    assert "Afdeling 12 – Solbakken" in headings and "Afdeling 7 – Lærkeparken" in headings


def test_no_meeting_file_at_all_is_a_danish_message_and_exit_code_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "tom").mkdir()
    assert main(["aftaler", str(tmp_path / "tom"), str(tmp_path / "findes-ikke")]) == 2
    err = capsys.readouterr().err
    assert "Der er ingen mødefiler at lave et register af" in err
    assert f"Ikke læst: {tmp_path / 'findes-ikke'} – Filen eller mappen findes ikke." in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.xlsx"))


def test_the_register_reads_version_1_files_and_joins_them_with_their_upgraded_copies(tmp_path: Path, capsys) -> None:
    v1 = Path(__file__).parents[1] / "io" / "fixtures" / "v1" / "moede.json"
    shutil.copy(v1, tmp_path / "gammel.json")
    assert main(["aftaler", str(tmp_path / "gammel.json"), "-o", str(tmp_path / "r.xlsx")]) == 0
    assert "aftaler og projekter: 13." in capsys.readouterr().out


def test_new_from_a_fourth_meeting_makes_a_koordinationsmoede_on_its_next_planned_date(tmp_path: Path, capsys) -> None:
    previous = tmp_path / "moede.json"
    shutil.copy(data_path("demo/moede.json"), previous)
    target = tmp_path / "koordination.json"
    assert main(["new", str(target), "--fra", str(previous)]) == 0
    out = capsys.readouterr().out
    assert "følger op på" in out and "11 aftaler (9 åbne) og 2 projekter" in out
    made = load_session(target)
    assert made.kind == MeetingKind.KOORDINATION
    assert made.meeting.date == dt.date(2027, 1, 14) and made.meeting.start_time == dt.time(13, 0)
    assert [a.id for a in made.agreements] == [a.id for a in load_session(previous).agreements]


def test_new_from_a_koordinationsmoede_with_a_date_and_time_of_ones_own(tmp_path: Path, capsys) -> None:
    previous = tmp_path / "k1.json"
    following = next_meeting_session(load_session(data_path("demo/moede.json")), today=dt.date(2026, 12, 3))
    save_session(following, previous)
    target = tmp_path / "k2.json"
    code = main(
        ["new", str(target), "--fra", str(previous), "--dato", "3.3.2027", "--tid", "9.30", "--sted", "Kontoret"]
    )
    assert code == 0
    made = load_session(target)
    assert (made.meeting.date, made.meeting.start_time, made.meeting.place) == (
        dt.date(2027, 3, 3),
        dt.time(9, 30),
        "Kontoret",
    )
    assert [p.date for p in made.plan.dates] == [p.date for p in following.plan.dates if p.date > dt.date(2027, 3, 3)]


def test_new_from_a_file_that_is_not_a_meeting_file_is_a_danish_message(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "forrige.json"
    broken.write_text(json.dumps({"schema_version": 2}), encoding="utf-8")
    assert main(["new", str(tmp_path / "ny.json"), "--fra", str(broken)]) == 2
    err = capsys.readouterr().err
    assert str(broken) in err and "Traceback" not in err
    assert not (tmp_path / "ny.json").exists()


def test_new_without_fra_still_needs_afdeling_and_date(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "ny.json"), "--dato", "2026-12-03"]) == 2
    assert "--afdeling" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "ny.json"), "--afdeling", "A"]) == 2
    assert "--dato" in capsys.readouterr().err
