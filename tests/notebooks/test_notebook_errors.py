"""The shipped notebooks on a missing or broken meeting file: a short Danish message, never a traceback.

Run by a real kernel (nbclient) as JupyterLab's "Run All Cells" does: the run stops at the first
cell that cannot go on, and what that cell shows is the kit's message with its hint.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from erfakit.io.notebooks import parameterize_notebook
from erfakit.resources import notebook_path

pytestmark = pytest.mark.kernel

BROKEN = '{"schema_version": 1, "meeting": {'


def run(name: str, params: dict, folder: Path) -> tuple[nbformat.NotebookNode, bool]:
    """Execute the shipped notebook ``name`` with ``params``; returns it and whether a cell stopped the run."""
    notebook = parameterize_notebook(notebook_path(name), params)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(folder)}},
    )
    try:
        client.execute()
    except CellExecutionError:
        return notebook, True
    return notebook, False


def shown(notebook: nbformat.NotebookNode) -> str:
    """Everything the cells show, as one string (tracebacks included)."""
    return json.dumps([cell.get("outputs", []) for cell in notebook.cells], ensure_ascii=False)


def assert_no_traceback(notebook: nbformat.NotebookNode) -> None:
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error" and output.get("traceback")]
    assert "Traceback" not in shown(notebook) and "\\u001b[" not in shown(notebook)


@pytest.mark.parametrize("state", ["missing", "broken"])
def test_the_report_notebook_says_in_danish_that_the_meeting_file_is_missing_or_broken(tmp_path: Path, state):
    path = tmp_path / "moede.json"
    if state == "broken":
        path.write_text(BROKEN, encoding="utf-8")
    notebook, stopped = run("rapport", {"session_path": str(path), "lang": None}, tmp_path)
    assert stopped, "the run went on past a file it could not read"
    assert_no_traceback(notebook)
    messages = [o for cell in notebook.cells for o in cell.get("outputs", []) if "text/html" in o.get("data", {})]
    assert len(messages) == 1  # the first section says it; nothing after it runs
    html = messages[0]["data"]["text/html"]
    assert "erfakit-error" in html and "moede.json" in html
    assert ("findes ikke" if state == "missing" else "mødefil") in html.lower()


def test_the_meeting_notebook_shows_a_missing_file_in_its_header(tmp_path: Path):
    notebook, stopped = run("moede", {"session_path": str(tmp_path / "mangler.json"), "lang": "da"}, tmp_path)
    assert not stopped  # the forms catch it themselves and say so in the header
    assert_no_traceback(notebook)
    header = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)
    assert "erfakit-error" in header and "mangler.json" in header and "findes ikke" in header


def test_the_preparation_notebook_names_the_missing_files_without_a_traceback(tmp_path: Path):
    params = {
        "session_path": str(tmp_path / "moede.json"),
        "residents_path": str(tmp_path / "beboere.csv"),
        "board_path": "",
        "agreements_path": "",
        "lang": "da",
    }
    notebook, _stopped = run("forberedelse", params, tmp_path)
    assert_no_traceback(notebook)
    assert "beboere.csv" in shown(notebook) and "findes ikke" in shown(notebook)


def test_every_shipped_notebook_turns_the_kits_errors_into_messages_in_its_first_kit_cell():
    for name in ("moede", "rapport", "forberedelse"):
        notebook = nbformat.read(notebook_path(name), as_version=4)
        code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        first_kit_cell = next(source for source in code if "erfakit" in source)
        assert "show_errors_briefly()" in first_kit_cell or "show_meeting(" in first_kit_cell, name
