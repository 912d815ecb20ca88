"""Fixtures for the browser tier: Debian's Chromium via Playwright, JupyterLab and Voilà on loopback.

Every page may talk to 127.0.0.1 only; anything else is aborted and recorded, so a test can assert
that nothing tried to leave the machine. Screenshots go to ``$ERFAKIT_SCREENSHOTS`` or
``test-artifacts/screenshots/`` under the repository; the path is printed at the end of the run,
together with the browser tier's wall time.

Run only this tier with ``.venv/bin/pytest -m browser``; ``--basetemp`` keeps its temporary folders
out of reach of other pytest runs on the same machine (pytest prunes old ones).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from servers import Server, free_port, jupyter_env, lab_command, start_kit_server, start_server

from erfakit.report.pdf import CHROMIUM_ARGS

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    *CHROMIUM_ARGS,  # the flags the kit's own PDF export starts Chromium with
    # Belt and braces under the page-level routing: no name resolves except loopback.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
VIEWPORT = {"width": 1600, "height": 900}
"""A projector's screen: what the tovholder's audience sees, and the size of the screenshots."""

REPO = Path(__file__).resolve().parents[2]
SHOT_PATTERNS = ("lab-*.png", "app-*.png", "report-*.png", "report.html", "failed-*.png")
"""What the suite writes into the screenshot folder; nothing else there is touched."""
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

_timing: dict[str, float] = {}


def screenshot_root() -> Path:
    """Where this run's screenshots go (``$ERFAKIT_SCREENSHOTS`` or test-artifacts/screenshots)."""
    configured = os.environ.get("ERFAKIT_SCREENSHOTS")
    return Path(configured) if configured else REPO / "test-artifacts" / "screenshots"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Note when the first browser test starts."""
    if item.get_closest_marker("browser") and "start" not in _timing:
        _timing["start"] = time.monotonic()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Print the browser tier's wall time (first browser test's setup to last one's teardown)."""
    if "start" not in _timing:
        return
    elapsed = _timing.get("end", time.monotonic()) - _timing["start"]
    terminalreporter.write_sep("-", "erfakit browser tests")
    terminalreporter.write_line(f"browser tests wall time: {elapsed:.1f} s for {_timing.get('count', 0):.0f} tests")
    terminalreporter.write_line(f"screenshots: {screenshot_root()}")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The screenshot folder of this run, emptied of an earlier run's shots (only the suite's own names)."""
    root = screenshot_root()
    root.mkdir(parents=True, exist_ok=True)
    for pattern in SHOT_PATTERNS:
        for old in root.glob(pattern):
            old.unlink()
    print(f"\nscreenshots are written to {root}")
    return root


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The path of Debian's Chromium; the test is skipped, saying how to install it, when it is missing.

    Session-scoped so that the servers, which are session-scoped too, are not started in vain.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run the browser tests")
    return CHROMIUM


@pytest.fixture
def browser(chromium: Path):
    """Debian's Chromium, headless, via Playwright.

    One per test (about a second): a Playwright sync loop that outlived a test would make any later
    `sync_playwright()` in the same thread fail, e.g. the kit's own PDF printing.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=LAUNCH_ARGS, headless=True)
        yield launched
        launched.close()


class BlockedRequests(list):
    """URLs the page tried to fetch from anywhere but loopback (each was aborted)."""


@pytest.fixture
def blocked_requests() -> BlockedRequests:
    """The list that `context` fills with every request it refused."""
    return BlockedRequests()


def guarded_context(browser, blocked_requests: BlockedRequests, *, locale: str = "da-DK"):
    """A fresh browser context at projector size whose network ends at 127.0.0.1."""
    ctx = browser.new_context(viewport=VIEWPORT, locale=locale, timezone_id="Europe/Copenhagen")
    ctx.set_default_timeout(30_000)

    def guard(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOCAL_HOSTS:
            blocked_requests.append(route.request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    ctx.route("**/*", guard)
    return ctx


@pytest.fixture
def context(browser, blocked_requests: BlockedRequests) -> Iterator:
    """A fresh browser context at projector size whose network ends at 127.0.0.1 (Danish browser)."""
    ctx = guarded_context(browser, blocked_requests)
    yield ctx
    ctx.close()


@pytest.fixture
def english_page(browser, blocked_requests: BlockedRequests) -> Iterator:
    """A page of a browser set to English (a borrowed laptop), network guarded as `context`."""
    ctx = guarded_context(browser, blocked_requests, locale="en-US")
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def page(context):
    """A page in the guarded context; its console errors and warnings go into a failed test's report."""
    new = context.new_page()
    messages: list[str] = []
    new.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in {"error", "warning"} else None)
    new.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    new.erfakit_console = messages  # type: ignore[attr-defined]
    return new


@pytest.fixture(scope="session")
def jupyter_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary home for Jupyter's config, data, runtime and settings folders."""
    return tmp_path_factory.mktemp("jupyter-home")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory, jupyter_home: Path, chromium: Path) -> Iterator[Server]:
    """One JupyterLab for the whole run; each test works in its own folder under its root."""
    root = tmp_path_factory.mktemp("lab-root")
    port = free_port()
    server = start_server(
        "JupyterLab",
        lab_command(port, root),
        env=jupyter_env(jupyter_home),
        root=root,
        url=f"http://127.0.0.1:{port}",
        ready_path="/lab",
        log_path=jupyter_home / "jupyterlab.log",
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def lab_folder(lab_server: Server, request: pytest.FixtureRequest) -> Path:
    """A fresh folder for this test inside the JupyterLab root (notebooks are autosaved: work on copies)."""
    folder = lab_server.root / request.node.name.replace("[", "_").replace("]", "")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Add the tail of every server's log the test used to the report of a failed test."""
    report = yield
    if report.when == "teardown" and item.get_closest_marker("browser"):
        _timing["end"] = time.monotonic()
        _timing["count"] = _timing.get("count", 0) + 1
    if report.failed and report.when == "call":
        page = getattr(item, "funcargs", {}).get("page")
        if page is not None:
            shot = screenshot_root() / f"failed-{item.name}.png"
            try:
                page.screenshot(path=shot)
                report.sections.append(("screenshot at failure", str(shot)))
            except Exception as error:  # noqa: BLE001 - the page may be the thing that broke
                report.sections.append(("screenshot at failure", f"none: {error}"))
            console = getattr(page, "erfakit_console", [])
            report.sections.append(("browser console (errors and warnings)", "\n".join(console[-40:]) or "none"))
    if report.failed and report.when in {"setup", "call"}:
        for value in getattr(item, "funcargs", {}).values():
            for server in getattr(value, "servers", [value]):
                if isinstance(server, Server):
                    report.sections.append((f"{server.name} log (last lines)", server.log_tail()))
    return report


class KitStarter:
    """Starts `erfakit app|lab MEETING_FILE --no-browser --port N` and remembers what it started."""

    def __init__(self, command: str, jupyter_home: Path, log_dir: Path) -> None:
        self.command = command
        self.jupyter_home = jupyter_home
        self.log_dir = log_dir
        self.servers: list[Server] = []

    def __call__(self, session_path: Path) -> Server:
        """Serve the meeting at ``session_path``; the printed address (with its token) is ``page_url``."""
        port = free_port()
        server = start_kit_server(
            f"erfakit {self.command}",
            # The console script a user runs, from this environment.
            [
                str(Path(sys.executable).with_name("erfakit")),
                self.command,
                str(session_path),
                "--no-browser",
                "--port",
                str(port),
            ],
            env=jupyter_env(self.jupyter_home),
            root=session_path.parent,
            log_path=self.log_dir / f"erfakit-{self.command}-{port}.log",
        )
        self.servers.append(server)
        return server


@pytest.fixture
def start_app(tmp_path: Path, jupyter_home: Path) -> Iterator[KitStarter]:
    """A starter for `erfakit app`; every server it started is stopped by process id after the test."""
    starter = KitStarter("app", jupyter_home, tmp_path)
    yield starter
    for server in starter.servers:
        server.stop()


@pytest.fixture
def start_lab(tmp_path: Path, jupyter_home: Path) -> Iterator[KitStarter]:
    """A starter for `erfakit lab`; every server it started is stopped by process id after the test."""
    starter = KitStarter("lab", jupyter_home, tmp_path)
    yield starter
    for server in starter.servers:
        server.stop()
