"""The browser harness itself, on a tiny notebook: if this fails, the meeting tests cannot be trusted.

The notebook has one text field that writes what is typed to a JSON file and reads it back on
start, the smallest version of what the meeting forms do.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from labpage import kill_kernel, open_notebook, restart_after_crash, run_all_cells

pytestmark = pytest.mark.browser

TINY_SOURCE = """\
import json, pathlib, ipywidgets as w
store = pathlib.Path("tiny.json")
field = w.Text(value=json.loads(store.read_text())["text"] if store.exists() else "")
field.add_class("tiny-field")
field.observe(lambda change: store.write_text(json.dumps({"text": change["new"]})), "value")
field
"""


def write_tiny_notebook(folder: Path) -> Path:
    """A one-cell notebook with a persisted text field."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(TINY_SOURCE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


def test_typed_text_survives_a_killed_kernel_and_a_reload(page, lab_server, lab_folder, blocked_requests):
    notebook = write_tiny_notebook(lab_folder)
    relative = notebook.relative_to(lab_server.root).as_posix()

    open_notebook(page, lab_server, relative)
    run_all_cells(page)
    field = page.locator(".tiny-field input")
    field.fill("Kage til alle")
    expect(field).to_have_value("Kage til alle")
    page.wait_for_timeout(500)
    assert json.loads((lab_folder / "tiny.json").read_text())["text"] == "Kage til alle"

    old_pid = kill_kernel(lab_server, relative)
    restart_after_crash(page, lab_server, relative, old_pid)
    expect(page.locator(".tiny-field input")).to_have_value("Kage til alle")

    page.reload()
    open_notebook(page, lab_server, relative)
    run_all_cells(page)
    expect(page.locator(".tiny-field input")).to_have_value("Kage til alle")
    assert blocked_requests == []
