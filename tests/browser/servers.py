"""Start and stop JupyterLab and Voilà for the browser tests, on loopback, out of the user's home.

Each server runs as its own process group so it can be torn down by its process id, kernels
included, even when a test fails half-way. Its log is kept in a file so a failure can quote it.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

STARTUP_TIMEOUT_S = 90
"""A cold JupyterLab on a busy 2-core machine can take 20 s; leave room, fail with the log after."""

# Settings the tests depend on, written as user settings so they hold whatever the kit ships:
# the news toast covers the bottom right of the page, and a windowed notebook does not render
# off-screen cells, so their widgets could not be found.
USER_SETTINGS = {
    ("apputils-extension", "notification"): {"fetchNews": "false", "checkForUpdates": False},
    ("notebook-extension", "tracker"): {"windowingMode": "none"},
}

KIT_LAB_SETTINGS = Path(__file__).resolve().parents[2] / "erfakit" / "lab"
"""The JupyterLab defaults `erfakit lab` ships (overrides.json): the tests see what users see."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_env(home: Path) -> dict[str, str]:
    """Environment variables that keep Jupyter, IPython and matplotlib inside ``home``.

    Also writes the JupyterLab user settings the tests depend on (`USER_SETTINGS`).
    """
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
        "MPLCONFIGDIR": home / "matplotlib",
    }
    for folder in dirs.values():
        folder.mkdir(parents=True, exist_ok=True)
    for (package, plugin), settings in USER_SETTINGS.items():
        folder = dirs["JUPYTERLAB_SETTINGS_DIR"] / "@jupyterlab" / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(settings), encoding="utf-8")
    env = dict(os.environ)
    env.update({name: str(path) for name, path in dirs.items()})
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    # The venv's scripts (jupyter, voila, erfakit) first, whatever the caller's PATH.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


@dataclass
class Server:
    """A running server process: its URL, its log and how to stop it."""

    name: str
    process: subprocess.Popen
    url: str
    log_path: Path
    root: Path
    page_url: str = ""
    """The address `erfakit app`/`lab` printed, token included (empty for the test's own servers)."""

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the server's log, for failure messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server by its process id: SIGTERM to its process group, SIGKILL to what remains.

        The group is the one this process was started in (`start_new_session`), so a wrapper such as
        `erfakit app` and the Voilà it runs both get the signal. Kernels run in sessions of their own
        but exit when their server does (ipykernel watches its parent).
        """
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except (ProcessLookupError, PermissionError):
                break
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                continue
            # The leader is gone; wait (bounded) for the rest of its group to follow.
            if _group_ended(self.process.pid, timeout=10):
                break
        if self.process.poll() is None:
            self.process.wait(timeout=10)


def _group_ended(group: int, *, timeout: float) -> bool:
    """Whether no process of ``group`` is left within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return True
        time.sleep(0.1)
    return False


def start_server(
    name: str, command: list[str], *, env: dict[str, str], root: Path, url: str, ready_path: str, log_path: Path
) -> Server:
    """Run ``command`` in its own process group and wait until ``url + ready_path`` answers 200."""
    log = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    server = Server(name=name, process=process, url=url, log_path=log_path, root=root)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} before answering:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(url + ready_path, timeout=5) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{name} did not answer {url + ready_path} within {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")


PRINTED_URL = re.compile(r"(http://127\.0\.0\.1:\d+)(/\S*\?token=\w+)")
"""The address `erfakit app` and `erfakit lab` print once their server answers."""


def start_kit_server(name: str, command: list[str], *, env: dict[str, str], root: Path, log_path: Path) -> Server:
    """Run `erfakit app`/`lab` (``command``) and wait for the address it prints when its server answers."""
    log = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    server = Server(name=name, process=process, url="", log_path=log_path, root=root)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        match = PRINTED_URL.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if match:
            server.url, server.page_url = match.group(1), match.group(1) + match.group(2)
            return server
        if process.poll() is not None:
            raise RuntimeError(
                f"{name} exited with {process.returncode} before printing its address:\n{server.log_tail()}"
            )
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"{name} printed no address within {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")


def lab_command(port: int, root: Path) -> list[str]:
    """JupyterLab on loopback, no token or password, as root if need be, app exposed to tests."""
    return [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        "--IdentityProvider.token=", "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        *([f"--LabApp.app_settings_dir={KIT_LAB_SETTINGS}"] if KIT_LAB_SETTINGS.is_dir() else []),
        # The server's own update check would try the network.
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
    ]  # fmt: skip


VOILA_CULL = [
    # Voilà leaks a kernel per page visit (voila#1458); culling keeps a long test run's memory flat.
    "--MappingKernelManager.cull_interval=30",
    "--MappingKernelManager.cull_idle_timeout=120",
]


def voila_command(port: int, notebook: Path) -> list[str]:
    """Voilà serving one notebook on loopback (used when `erfakit app` is not available)."""
    return [
        sys.executable, "-m", "voila", str(notebook),
        "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
        *VOILA_CULL,
    ]  # fmt: skip
