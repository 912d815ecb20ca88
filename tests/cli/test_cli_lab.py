"""`erfakit lab`: JupyterLab with the kit's defaults, private, and stopped without leftovers."""

from __future__ import annotations

import json
import signal
from importlib.metadata import entry_points
from pathlib import Path

import nbformat
import psutil
import pytest
from running_kit import RunningKit, start_kit, wait_for

from erfakit.cli.lab import (
    LAB_EXTENSIONS,
    LAB_SETTINGS,
    THEMES_PLUGIN,
    lab_command,
    meeting_notebook_for,
    seed_user_settings,
)


def test_the_meeting_notebook_for_lab_is_marked_to_run_when_opened(session_path: Path):
    notebook = nbformat.read(meeting_notebook_for(session_path, "da"), as_version=4)
    assert notebook.metadata["erfakit"]["run_on_open"] is True
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_lab_loads_the_kits_extension_and_its_own_user_settings_on_loopback(tmp_path: Path):
    command = lab_command(tmp_path / "moede-moede.ipynb", port=8899, user_settings_dir=tmp_path / "settings")
    assert command[1:3] == ["-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.allow_remote_access=False" in command
    assert f"--LabApp.extra_labextensions_path={LAB_EXTENSIONS}" in command
    assert f"--LabApp.user_settings_dir={tmp_path / 'settings'}" in command
    package = json.loads((LAB_EXTENSIONS / "erfakit-lab" / "package.json").read_text(encoding="utf-8"))
    entry = LAB_EXTENSIONS / "erfakit-lab" / package["jupyterlab"]["_build"]["load"]
    assert "run_on_open" in entry.read_text(encoding="utf-8")


def test_the_larger_text_is_written_as_a_user_setting_once_and_a_later_choice_stays(tmp_path: Path):
    seed_user_settings(tmp_path)
    themes = tmp_path / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
    shipped = json.loads((LAB_SETTINGS / "overrides.json").read_text(encoding="utf-8"))[THEMES_PLUGIN]
    assert json.loads(themes.read_text(encoding="utf-8")) == shipped
    assert shipped["overrides"]["content-font-size1"] == "18px"
    themes.write_text('{"overrides": {"content-font-size1": "22px"}}', encoding="utf-8")
    seed_user_settings(tmp_path)
    assert "22px" in themes.read_text(encoding="utf-8")


def test_danish_is_chosen_and_its_language_pack_is_installed():
    overrides = json.loads((LAB_SETTINGS / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "da_DK"
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    packs = {entry.name for entry in entry_points(group="jupyterlab.languagepack")}
    assert "da_DK" in packs


@pytest.fixture
def lab(session_path: Path, tmp_path: Path):
    kit = start_kit(["lab", str(session_path), "--no-browser"], home=tmp_path / "home", cwd=tmp_path)
    yield kit
    kit.stop()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_stopping_lab_by_a_signal_ends_jupyterlab_and_its_kernel_in_order(lab: RunningKit, signum: int):
    status, page = lab.get(f"{lab.page_path}?token={lab.token}")
    assert status == 200 and "jupyter-config-data" in page  # the printed address answers at once
    assert lab.get(lab.page_path)[0] == 302  # and nothing without the token
    _start_notebook_kernel(lab)
    (kernel,) = wait_for(lab.kernel_processes, timeout=60, what="the notebook's kernel")
    wait_for(lambda: kernel.pid in lab.started_markers(), timeout=60, what="the kernel to be up")
    everything = lab.descendants()

    lab.process.send_signal(signum)
    assert lab.process.wait(timeout=40) == 0
    _gone, alive = psutil.wait_procs(everything, timeout=5)
    assert alive == [], f"left running after {signal.Signals(signum).name}: {alive}"
    assert kernel.pid in lab.exit_markers()  # ended by a shutdown request, not killed


def _start_notebook_kernel(lab: RunningKit) -> None:
    """Open a session for the meeting notebook, as JupyterLab's page does."""
    import urllib.request

    name = lab.page_path.rsplit("/", 1)[1]
    body = json.dumps({"path": name, "type": "notebook", "name": name, "kernel": {"name": "python3"}}).encode()
    request = urllib.request.Request(
        f"{lab.base}/api/sessions",
        data=body,
        method="POST",
        headers={"Authorization": f"token {lab.token}", "Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=60) as response:
        assert response.status == 201
