"""The pending save is flushed when the kernel ends in order: shutdown, restart, SIGTERM.

A real ipykernel (jupyter_client) runs the meeting; a keystroke's change is made 0.1 s before the
kernel is told to end, inside the autosaver's 0.25 s delay, and must be on disk afterwards.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from uihelpers import reload

pytestmark = pytest.mark.kernel

TYPED = "Skrevet lige før kernen lukkede 🙂"


@pytest.fixture
def kernel(tmp_path: Path):
    from jupyter_client.manager import KernelManager

    env = dict(os.environ)
    for name in ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    manager = KernelManager(kernel_cmd=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"])
    manager.start_kernel(env=env, cwd=str(tmp_path))
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    yield manager, client
    client.stop_channels()
    if manager.is_alive():
        manager.shutdown_kernel(now=True)


def type_into_meeting(client, meeting_path: Path) -> None:
    """Open the meeting in the kernel and change the Drift field as a keystroke does (no save yet)."""
    code = (
        "from erfakit.ui import open_meeting\n"
        f"app = open_meeting({str(meeting_path)!r})\n"
        "app.show_part('velkommen')\n"
        "field = app.ctx.fields['since/drift'][0]\n"
        f"field.value = {TYPED!r}\n"
        "assert app.ctx.saver.unsaved, app.ctx.saver.state\n"
    )
    reply = client.execute_interactive(code, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]


def shut_down(manager) -> None:
    manager.shutdown_kernel(now=False)  # a shutdown request, as `erfakit app`/`lab` stopping sends


def restart(manager) -> None:
    manager.restart_kernel(now=False)  # JupyterLab's "Restart kernel"


def terminate(manager) -> None:
    os.kill(manager.provisioner.pid, signal.SIGTERM)  # the server's last resort, or `kill`
    deadline = time.monotonic() + 10
    while manager.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not manager.is_alive()


@pytest.mark.parametrize("end", [shut_down, restart, terminate], ids=["shutdown", "restart", "sigterm"])
def test_a_keystroke_made_just_before_the_kernel_ends_in_order_is_on_disk(kernel, meeting_path, end):
    manager, client = kernel
    type_into_meeting(client, meeting_path)
    time.sleep(0.1)
    end(manager)
    assert reload(meeting_path).since_last.get("drift") == TYPED
