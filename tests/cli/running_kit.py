"""Start `erfakit app` / `erfakit lab` as a user does, read the address it prints, count what it runs.

Everything Jupyter writes stays in a temporary home. An IPython startup file in that home makes
every kernel leave a marker file when it exits through Python's normal shutdown (``atexit``), which
is what an orderly shutdown request leads to and a SIGKILL does not: the marker is the receipt
that a kernel got the chance to flush its pending save.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

START_TIMEOUT_S = 180
URL_PATTERN = re.compile(r"(http://[\w.:\[\]-]+)(/\S*)\?token=(\w+)")
EXIT_MARKER_STARTUP = """\
import atexit, os, pathlib

_markers = os.environ.get("ERFAKIT_TEST_EXIT_MARKERS")
if _markers:
    (pathlib.Path(_markers) / f"{os.getpid()}.started").write_text("ok")
    atexit.register(lambda: (pathlib.Path(_markers) / f"{os.getpid()}.exited").write_text("ok"))
"""


def isolated_environment(home: Path) -> dict[str, str]:
    """This process's environment with every Jupyter, IPython and matplotlib folder inside ``home``."""
    folders = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
        "MPLCONFIGDIR": home / "matplotlib",
        "ERFAKIT_TEST_EXIT_MARKERS": home / "exited",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    startup = folders["IPYTHONDIR"] / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    (startup / "00-exit-marker.py").write_text(EXIT_MARKER_STARTUP, encoding="utf-8")
    environment = {**os.environ, **{name: str(path) for name, path in folders.items()}}
    environment["JUPYTER_PLATFORM_DIRS"] = "1"
    environment["PYTHONUNBUFFERED"] = "1"
    environment.pop("JUPYTER_TOKEN", None)
    return environment


@dataclass
class RunningKit:
    """`erfakit app` or `erfakit lab` running in a session of its own."""

    process: subprocess.Popen
    base: str
    page_path: str
    token: str
    home: Path
    output: list[str] = field(default_factory=list)

    @property
    def page_url(self) -> str:
        return f"{self.base}{self.page_path}?token={self.token}"

    def get(self, path: str, *, headers: dict[str, str] | None = None, opener=None) -> tuple[int, str]:
        """GET ``path`` (no redirects followed); returns the status and the body."""
        request = urllib.request.Request(self.base + path, headers=headers or {})
        opener = opener or urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def browser_session(self) -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
        """An opener that keeps cookies, as a browser does (follows no redirects)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(
            _NoRedirect, urllib.request.HTTPCookieProcessor(jar), urllib.request.ProxyHandler({})
        )
        return opener, jar

    def kernel_ids(self) -> list[str]:
        """The kernels the server knows (asked with the token)."""
        import json

        status, body = self.get("/api/kernels", headers={"Authorization": f"token {self.token}"})
        assert status == 200, (status, body)
        return [kernel["id"] for kernel in json.loads(body)]

    def descendants(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def kernel_processes(self) -> list[psutil.Process]:
        """Processes below `erfakit` that run a kernel."""
        found = []
        for process in self.descendants():
            with contextlib.suppress(psutil.Error):
                if any("ipykernel" in part for part in process.cmdline()):
                    found.append(process)
        return found

    def exit_markers(self) -> set[int]:
        """Process ids of kernels that ended through Python's normal shutdown."""
        return {int(path.stem) for path in (self.home / "exited").glob("*.exited")}

    def started_markers(self) -> set[int]:
        """Process ids of kernels that have run their startup files (they are up)."""
        return {int(path.stem) for path in (self.home / "exited").glob("*.started")}

    def stop(self) -> None:
        """Make sure nothing of this run is left (after the test's own checks)."""
        leftovers = [self.process, *self.descendants()]
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=40)
        for process in leftovers:
            with contextlib.suppress(psutil.Error, ProcessLookupError):
                process.kill()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003 - urllib's signature
        return None


def start_kit(arguments: list[str], *, home: Path, cwd: Path, extra_env: dict[str, str] | None = None) -> RunningKit:
    """Run ``erfakit ARGUMENTS`` and wait for the line with the address (and its token)."""
    environment = {**isolated_environment(home), **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "erfakit", *arguments],
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    output: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        output.append(line)
        match = URL_PATTERN.search(line)
        if match:
            kit = RunningKit(process, match.group(1), match.group(2), match.group(3), home, output)
            threading.Thread(target=_keep_reading, args=(lines, output), daemon=True).start()
            return kit
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    raise AssertionError("erfakit printed no address:\n" + "".join(output))


def _keep_reading(lines: queue.Queue[str | None], output: list[str]) -> None:
    while (line := lines.get()) is not None:
        output.append(line)


def wait_for(condition, *, timeout: float, what: str):  # noqa: ANN001, ANN201 - a small test helper
    """Poll ``condition()`` until it is truthy; fail naming ``what`` when time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
