"""`erfakit app`: the meeting notebook bound to the file, served by Voilà on loopback only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from erfakit.cli import main
from erfakit.cli.app import APP_DATA_DIR, app_notebook_for, free_port, voila_command, voila_environment


def test_the_app_notebook_is_bound_to_the_meeting_file_beside_it(session_path: Path):
    notebook_file = app_notebook_for(session_path, "en")
    assert notebook_file.parent == session_path.parent
    notebook = nbformat.read(notebook_file, as_version=4)
    parameters = notebook.cells[0].source
    assert f"session_path = {str(session_path)!r}" in parameters and "lang = 'en'" in parameters


def test_voila_is_started_on_loopback_with_kernel_culling(tmp_path: Path):
    command = voila_command(tmp_path / "moede-app.ipynb", port=8899, open_browser=False)
    assert command[1:3] == ["-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in command and "--port=8899" in command and "--no-browser" in command
    assert any(part.startswith("--MappingKernelManager.cull_interval=") for part in command)
    assert any(part.startswith("--MappingKernelManager.cull_idle_timeout=") for part in command)


def test_voila_finds_erfakits_template_first_on_the_jupyter_path(tmp_path: Path):
    environment = voila_environment({"JUPYTER_PATH": str(tmp_path)})
    assert environment["JUPYTER_PATH"].split(os.pathsep) == [str(APP_DATA_DIR), str(tmp_path)]
    assert "--template=erfakit" in voila_command(tmp_path / "x.ipynb", port=1)
    template = APP_DATA_DIR / "voila" / "templates" / "erfakit" / "index.html.j2"
    assert "replace(" in template.read_text(encoding="utf-8")


def test_a_broken_meeting_file_is_reported_before_voila_starts(tmp_path: Path, capsys):
    path = tmp_path / "moede.json"
    path.write_text("{", encoding="utf-8")
    assert main(["app", str(path), "--no-browser"]) == 2
    assert "moede.json" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.ipynb"))


@pytest.mark.slow
def test_the_app_serves_a_page_on_127_0_0_1(session_path: Path, tmp_path: Path):
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "erfakit", "app", str(session_path), "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
                    status = response.status
                    page = response.read().decode("utf-8", "replace")
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert "session_path" not in page  # no code on the page
        assert "cdn.jsdelivr.net" not in page  # erfakit's template: nothing asked of the internet
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
