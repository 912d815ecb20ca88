"""The browser harness itself, on a tiny notebook: if this fails, the meeting tests cannot be trusted.

The notebook has one text field that writes what is typed to a JSON file and reads it back on
start, the smallest version of what the meeting forms do.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
from labpage import kill_kernel, open_notebook, restart_after_crash, run_all_cells, wait_for_notebook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TINY_SOURCE = """\
import json, pathlib, ipywidgets as w
store = pathlib.Path("tiny.json")
field = w.Text(value=json.loads(store.read_text())["text"] if store.exists() else "")
field.add_class("tiny-field")
field.observe(lambda change: store.write_text(json.dumps({"text": change["new"]})), "value")
field
"""


def wait_for_saved_text(store: Path, expected: str, timeout_s: float = 10) -> None:
    """Poll the tiny notebook's file until it holds ``expected``; fail with what it holds after the deadline."""
    deadline = time.monotonic() + timeout_s
    found = None
    while time.monotonic() < deadline:
        try:
            found = json.loads(store.read_text(encoding="utf-8"))["text"]
        except (OSError, ValueError, KeyError):
            found = None
        if found == expected:
            return
        time.sleep(0.1)
    raise AssertionError(f"{store} holds {found!r}, not {expected!r}, after {timeout_s} s")


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
    wait_for_saved_text(lab_folder / "tiny.json", "Kage til alle")

    old_pid = kill_kernel(lab_server, relative)
    restart_after_crash(page, lab_server, relative, old_pid)
    expect(page.locator(".tiny-field input")).to_have_value("Kage til alle")

    page.reload()
    wait_for_notebook(page, relative)
    run_all_cells(page)
    expect(page.locator(".tiny-field input")).to_have_value("Kage til alle")
    assert blocked_requests == []


def test_voila_serves_the_tiny_notebook_without_code_and_saves_typed_text(
    page, tmp_path, jupyter_home, blocked_requests
):
    from servers import free_port, jupyter_env, start_server, voila_command

    notebook = write_tiny_notebook(tmp_path)
    port = free_port()
    voila = start_server(
        "Voilà",
        voila_command(port, notebook),
        env=jupyter_env(jupyter_home),
        root=tmp_path,
        url=f"http://127.0.0.1:{port}",
        ready_path="/voila/static/voila.js",
        log_path=tmp_path / "voila.log",
    )
    try:
        page.goto(voila.url + "/")
        field = page.locator(".tiny-field input")
        expect(field).to_be_visible(timeout=60_000)
        assert "import json" not in page.locator("body").inner_text()
        field.fill("Hovedkontoret")
        expect(field).to_have_value("Hovedkontoret")
        wait_for_saved_text(tmp_path / "tiny.json", "Hovedkontoret")
    finally:
        voila.stop()
    # Stock Voilà's `lab` template links Font Awesome from a CDN (the page works without it). The
    # guard must have caught exactly that; `erfakit app` must not ask for it (see test_app_mode.py).
    assert blocked_requests, "the network guard recorded nothing: is it installed?"
    assert all("cdn.jsdelivr.net/npm/@fortawesome" in url for url in blocked_requests), blocked_requests
