"""The analyst's preparation notebook, executed in a real kernel on the demo and on a real export."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbclient import NotebookClient

from erfakit.core.model import Meeting, Session
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.io.notebooks import parameterize_notebook
from erfakit.resources import data_path, notebook_path

pytestmark = pytest.mark.kernel

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real-exports"


@pytest.fixture(autouse=True)
def _jupyter_out_of_home(tmp_path, monkeypatch):
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        folder = tmp_path / "jupyter" / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))


def new_meeting_file(folder: Path) -> Path:
    import datetime as dt

    path = folder / "moede.json"
    save_session(Session(meeting=Meeting(afdeling="Afdeling 7 – Lærkeparken", date=dt.date(2026, 12, 3))), path)
    return path


def run_notebook(folder: Path, **params: object):
    notebook = parameterize_notebook(notebook_path("forberedelse"), {"lang": "da", "agreements_path": "", **params})
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    return notebook, outputs


def html_of(outputs) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)


def test_shipped_notebook_is_committed_without_outputs_and_starts_with_parameters():
    import nbformat

    notebook = nbformat.read(str(notebook_path("forberedelse")), as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    # One call into erfakit per cell (imports are not calls).
    calls = [
        [line for line in cell.source.splitlines() if line.strip() and not line.startswith(("from ", "import "))]
        for cell in code[1:]
    ]
    assert all(len(lines) == 1 for lines in calls), calls


def test_demo_data_runs_through_and_lands_in_the_meeting_file(tmp_path):
    session_path = new_meeting_file(tmp_path)
    _, outputs = run_notebook(
        tmp_path,
        session_path=str(session_path),
        residents_path=str(data_path("demo/beboere.csv")),
        board_path=str(data_path("demo/bestyrelse.csv")),
        agreements_path=str(data_path("demo/tidligere_aftaler.csv")),
    )
    assert not [o for o in outputs if o.output_type == "error"]
    html = html_of(outputs)
    assert "Alt i orden" in html
    assert "Ulighedsindeks" in html and "Til samtalen" in html
    assert "ingen under 30 år" in html
    assert sum(1 for o in outputs if "image/png" in o.get("data", {})) == 5  # one figure per dimension
    session = load_session(session_path)
    assert session.composition is not None
    assert {row.dimension for row in session.composition.rows} == {
        "Køn",
        "Alder",
        "Herkomst",
        "Beskæftigelse",
        "Boligtid",
    }
    assert any("0-17 år" in note for note in session.composition.notes)
    assert len(session.agreements) == 3


def test_real_statbank_export_with_board_counts(tmp_path):
    session_path = new_meeting_file(tmp_path)
    board = tmp_path / "bestyrelse.csv"
    board.write_text(
        (
            "Dimension;Kategori;Bestyrelse\nHerkomst;Danmark;4\nHerkomst;Vestlige lande;1\n"
            "Herkomst;Ikke-vestlige lande;0\n"
        ),
        encoding="utf-8",
    )
    _, outputs = run_notebook(
        tmp_path,
        session_path=str(session_path),
        residents_path=str(REAL / "statbank_FOLK1C_oprindelse_noheader.csv"),
        board_path=str(board),
    )
    assert not [o for o in outputs if o.output_type == "error"]
    # Herkomst is sensitive and the board holds counts under 3: shown only as "under 3".
    assert "Herkomst (alle beboere, også børn): Bestyrelsens tal vises ikke i detaljer" in html_of(outputs)
    composition = load_session(session_path).composition
    rows = {(r.dimension, r.category): (r.residents, r.board) for r in composition.rows}
    assert rows[("Herkomst", "Personer med dansk oprindelse")] == (5010872, 4)
    assert composition.residents_source == "statbank_FOLK1C_oprindelse_noheader.csv"


def test_bad_files_show_danish_messages_and_leave_the_meeting_file_untouched(tmp_path):
    session_path = new_meeting_file(tmp_path)
    before = session_path.read_bytes()
    residents = tmp_path / "beboere.xlsx"
    residents.write_text("Dimension;Kategori;Beboere\nKøn;Mænd;3\n", encoding="utf-8")
    _, outputs = run_notebook(tmp_path, session_path=str(session_path), residents_path=str(residents), board_path="")
    assert not [o for o in outputs if o.output_type == "error"]  # no traceback for the analyst
    html = html_of(outputs)
    assert "men er en tekstfil (CSV)" in html
    assert "Mødefilen er ikke ændret." in html
    assert session_path.read_bytes() == before
