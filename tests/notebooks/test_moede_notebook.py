"""The meeting notebook runs headless (nbclient, a real kernel) on the demo meeting file."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from erfakit.demo import prepare_demo
from erfakit.io.meeting_file.document import load_session
from erfakit.io.notebooks import parameterize_notebook
from erfakit.resources import notebook_path

pytestmark = pytest.mark.kernel

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A message shown in a form, as it appears in the JSON of the widget state (the CSS names the
# classes too, so the class alone is not enough).
SHOWN_BUG = 'class=\\"erfakit-bug\\"'
SHOWN_ERROR = 'class=\\"erfakit-error\\"'


def run_meeting_notebook(session_path: Path, lang: str, workdir: Path) -> nbformat.NotebookNode:
    notebook = parameterize_notebook(notebook_path("moede"), {"session_path": str(session_path), "lang": lang})
    # Parts are built when the navigation bar first shows them: go through them as a tovholder does.
    notebook.cells.append(
        nbformat.v4.new_code_cell(
            'for part in ("ovelse1", "ovelse2", "ovelse3", "afslutning", "velkommen"):\n    app.go(part)'
        )
    )
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return notebook


@pytest.mark.parametrize("filled", [False, True])
def test_the_meeting_notebook_runs_on_the_demo_meeting_without_errors(tmp_path, filled):
    session_path = prepare_demo(tmp_path, filled=filled)
    before = load_session(session_path)
    notebook = run_meeting_notebook(session_path, "da", tmp_path)
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    assert not [output for output in outputs if output.get("name") == "stderr"]
    views = [output for output in outputs if WIDGET_VIEW in output.get("data", {})]
    assert len(views) == 1  # the whole meeting (header and five parts) is one output
    # The forms catch their own errors and show them in place: look inside the widgets too.
    state = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)
    assert SHOWN_BUG not in state and SHOWN_ERROR not in state
    for css in (
        "erfakit-since-drift",
        "erfakit-answer-o1-a-role",
        "erfakit-grid",
        "erfakit-plan-interval",
        "erfakit-export-report",
    ):
        assert css in state, css
    # Running the notebook changes nothing in the meeting file.
    assert load_session(session_path) == before


def test_the_meeting_notebook_runs_in_english(tmp_path):
    session_path = prepare_demo(tmp_path, filled=True)
    notebook = run_meeting_notebook(session_path, "en", tmp_path)
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert not errors
    state = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)
    assert SHOWN_BUG not in state and "Add agreement" in state


def test_the_shipped_notebook_has_a_parameters_cell_hidden_inputs_and_no_outputs():
    notebook = nbformat.read(notebook_path("moede"), as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert "parameters" in code[0].metadata["tags"]
    assert all(cell.metadata["jupyter"]["source_hidden"] for cell in code)
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)
    assert all(len(cell.source.strip().splitlines()) <= 3 for cell in code)
