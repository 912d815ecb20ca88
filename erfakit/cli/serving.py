"""Run a Jupyter server for the tovholder: private, announced when it answers, stopped without leftovers.

`erfakit app` (Voilà as a Jupyter server extension) and `erfakit lab` (JupyterLab) both run their
server through `serve`:

* **Private.** A fresh random token is handed to the server in the environment (``JUPYTER_TOKEN``),
  never on a command line other users could read with ``ps``; the browser is opened through a
  redirect file only this user can read, as Jupyter does itself. Host-header, XSRF and origin
  checks are jupyter_server's own.
* **Announced when it answers.** The address is printed (and the browser opened) only once the
  server has answered an authenticated request, so the first click never meets a refused
  connection.
* **No leftovers.** The server runs in a session of its own, so Ctrl+C in the terminal reaches only
  this process. SIGINT, SIGTERM and SIGHUP all become one orderly stop: SIGTERM to the server,
  which asks each kernel to shut down (shutdown request, wait, then SIGTERM and SIGKILL; the kernel
  flushes its pending save on the way out); whatever is still alive after that is killed. On Linux
  the server also gets SIGTERM if this process is killed outright (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from erfakit.cli.common import say, warn
from erfakit.exceptions import ErfakitError
from erfakit.texts import text

LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT_S = 180.0
"""A cold start on a busy 2-core laptop (JupyterLab builds its page config, Voilà imports) can take
a minute; after this the start is reported as failed, with the server's log."""
SERVER_STOP_TIMEOUT_S = 20.0
"""The server shuts its kernels down in parallel, each within its `shutdown_wait_time` (5 s)."""
KERNEL_STOP_TIMEOUT_S = 5.0
"""Kernels the server could not stop get this long after it is gone, then they are killed."""
POLL_INTERVAL_S = 0.2
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def new_token() -> str:
    """A random token for one server run (as JupyterLab makes its own)."""
    return secrets.token_hex(24)


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def is_loopback(ip: str) -> bool:
    """Whether ``ip`` (an address or a host name) listens on this machine only."""
    import ipaddress

    if ip == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def jupyter_server_options(*, ip: str, port: int, root_dir: Path, allow_remote: bool) -> list[str]:
    """Options every server the kit starts gets: where it listens, what it serves, who may ask."""
    options = [
        f"--ServerApp.ip={ip}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--no-browser",  # the kit opens the browser itself, once the server answers
        f"--ServerApp.root_dir={root_dir}",
        # Spelled out although they are jupyter_server's defaults on loopback: the Host header must
        # name this machine (DNS rebinding), and state-changing requests carry the XSRF cookie.
        f"--ServerApp.allow_remote_access={allow_remote}",
        "--ServerApp.disable_check_xsrf=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and fresh VMs often run as root; Jupyter refuses that unless told.
        options.append("--allow-root")
    return options


def server_environment(token: str, *, jupyter_path: list[Path] | None = None) -> dict[str, str]:
    """This process's environment with the server's token and erfakit's data folders first on the path."""
    environment = dict(os.environ)
    environment["JUPYTER_TOKEN"] = token
    environment["PYTHONUNBUFFERED"] = "1"
    if jupyter_path:
        paths = [str(path) for path in jupyter_path]
        paths += [part for part in environment.get("JUPYTER_PATH", "").split(os.pathsep) if part]
        environment["JUPYTER_PATH"] = os.pathsep.join(paths)
    return environment


@dataclass
class ServerPlan:
    """What to run and where it answers."""

    kind: str
    """"app" or "lab": names the log file and the messages."""
    command: list[str]
    environment: dict[str, str]
    cwd: Path
    base_url: str
    """E.g. ``http://127.0.0.1:8123`` (where this process reaches the server)."""
    page_path: str
    """The page to open, e.g. ``/voila/render/moede-app.ipynb``."""
    token: str
    lang: str = "da"
    shown_url_base: str = ""
    """The base of the address shown to the user when it differs from ``base_url`` (another IP)."""
    log_dir: Path | None = None

    @property
    def page_url(self) -> str:
        """The address the tovholder opens: the page with the token."""
        return f"{self.shown_url_base or self.base_url}{self.page_path}?token={self.token}"


@dataclass
class RunningServer:
    """A server process started by `start_server`."""

    plan: ServerPlan
    process: subprocess.Popen
    log_path: Path
    _redirect_file: Path | None = field(default=None)

    def log_tail(self, lines: int = 20) -> str:
        """The last lines of the server's log."""
        try:
            content = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(content.splitlines()[-lines:])

    def answers(self) -> bool:
        """Whether the server answers an authenticated request right now."""
        request = urllib.request.Request(
            f"{self.plan.base_url}/api/status", headers={"Authorization": f"token {self.plan.token}"}
        )
        # No proxy: a proxy configured for the internet must not see (or break) loopback requests.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def wait_until_ready(self, *, timeout: float, stop_requested: Callable[[], bool]) -> bool:
        """Poll until the server answers; False when it died, a stop was asked for or time ran out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None or stop_requested():
                return False
            if self.answers():
                return True
            time.sleep(POLL_INTERVAL_S)
        return False

    def open_browser(self) -> None:
        """Open the page in the user's browser through a redirect file only this user can read."""
        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            return
        redirect = self.log_path.with_name(f"erfakit-{self.plan.kind}-{os.getpid()}-open.html")
        url = self.plan.page_url
        page = (
            '<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0;url={url}"></head>'
            f'<body><a href="{url}">erfakit</a></body></html>'
        )
        _write_private(redirect, page)
        self._redirect_file = redirect
        with contextlib.suppress(webbrowser.Error, OSError):
            browser.open(redirect.as_uri(), new=2)

    def stop(self) -> int | None:
        """Stop the server and every kernel it started, in order; returns the server's exit code."""
        kernels = _descendants(self.process.pid)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=SERVER_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        _end_processes(kernels, grace=KERNEL_STOP_TIMEOUT_S, lang=self.plan.lang)
        if self._redirect_file is not None:
            with contextlib.suppress(OSError):
                self._redirect_file.unlink()
        return self.process.returncode


def start_server(plan: ServerPlan) -> RunningServer:
    """Start the server in a session of its own, its output going to a private log file."""
    log_dir = plan.log_dir or _runtime_dir()
    log_path = log_dir / f"erfakit-{plan.kind}-{os.getpid()}.log"
    descriptor = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            plan.command,
            cwd=plan.cwd,
            env=plan.environment,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None,
        )
    return RunningServer(plan=plan, process=process, log_path=log_path)


def _stop_with_parent() -> None:
    """In the server's process, before it starts: SIGTERM it when `erfakit` dies, even by SIGKILL.

    Linux's ``PR_SET_PDEATHSIG``; the server then stops in order as on any SIGTERM. Elsewhere a
    killed `erfakit` leaves its server running (still behind its token).
    """
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)


def serve(plan: ServerPlan, *, open_browser: bool, announce: Callable[[str], str]) -> int:
    """Run the server until it ends or this process gets SIGINT, SIGTERM or SIGHUP; return the exit code.

    ``announce(url)`` is the line printed once the server answers.
    """
    lang = plan.lang
    with _stop_signals() as received:
        server = start_server(plan)
        try:
            ready = server.wait_until_ready(timeout=STARTUP_TIMEOUT_S, stop_requested=lambda: bool(received))
            if not ready and not received:
                code = server.process.poll()
                tail = server.log_tail()
                raise ErfakitError(
                    text("meeting.server.failed", lang, log=str(server.log_path)),
                    text("meeting.server.failed_hint", lang, code="?" if code is None else code, tail=tail),
                )
            if ready:
                _say(announce(plan.page_url))
                if open_browser:
                    server.open_browser()
                while not received and server.process.poll() is None:
                    time.sleep(POLL_INTERVAL_S)
            if not received:
                _say(text("meeting.server.ended", lang, code=server.process.returncode, log=str(server.log_path)))
                return 1
            _say(text("meeting.server.stopping", lang))
        finally:
            server.stop()
        _say(text("meeting.server.stopped", lang))
        return 0


def _say(message: str) -> None:
    # After SIGHUP the terminal may be gone; the stop must go on regardless.
    with contextlib.suppress(OSError, ValueError):
        say(message)
        sys.stdout.flush()


@contextlib.contextmanager
def _stop_signals() -> Iterator[list[int]]:
    """Collect SIGINT, SIGTERM and SIGHUP in a list instead of dying; restore the handlers after."""
    received: list[int] = []
    previous: dict[int, object] = {}

    def note(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    for signum in STOP_SIGNALS:
        try:
            previous[signum] = signal.signal(signum, note)
        except ValueError:  # not the main thread: signals stay as they are
            break
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def _descendants(pid: int) -> list:
    """Every process below ``pid`` (the kernels), taken before the server is asked to stop."""
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def _end_processes(processes: list, *, grace: float, lang: str) -> None:
    """Give ``processes`` ``grace`` seconds to end on their own, then SIGTERM, then SIGKILL."""
    import psutil

    if not processes:
        return
    _gone, alive = psutil.wait_procs(processes, timeout=grace)
    for step in ("terminate", "kill"):
        for process in alive:
            with contextlib.suppress(psutil.Error):
                getattr(process, step)()
        _gone, alive = psutil.wait_procs(alive, timeout=3)
        if not alive:
            return
    if alive:
        warn(text("meeting.server.leftover", lang, pids=", ".join(str(process.pid) for process in alive)))


def _runtime_dir() -> Path:
    """Jupyter's runtime folder (private to this user), where the server's log goes."""
    from jupyter_core.paths import jupyter_runtime_dir

    folder = Path(jupyter_runtime_dir())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _write_private(path: Path, content: str) -> None:
    """Write ``content`` to ``path``, readable by this user only."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content)
