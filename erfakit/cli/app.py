"""`erfakit app MØDEFIL`: the meeting's forms as a code-free page (Voilà), on this machine only."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from pathlib import Path

from erfakit.cli.common import help_text, say, write_meeting_notebook

DEFAULT_HOST = "127.0.0.1"
APP_DATA_DIR = Path(__file__).resolve().parent.parent / "appmode"
"""A Jupyter data folder holding erfakit's Voilà template (Voilà's `lab` without CDN links)."""
TEMPLATE = "erfakit"
CULL_INTERVAL_SECONDS = 60
CULL_IDLE_SECONDS = 900
"""Voilà leaks a kernel per page visit (voila#1458). Kernels with a page still connected are never
culled (``cull_connected`` stays off), so a quiet quarter of an hour in the meeting is safe; a
kernel left behind by a reloaded page goes after 15 idle minutes."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``app`` subcommand."""
    parser = subparsers.add_parser(
        "app", help=help_text("meeting.app.help"), description=help_text("meeting.app.description")
    )
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.add_argument("--port", type=int, default=0, help=help_text("meeting.app.port"))
    parser.add_argument("--no-browser", action="store_true", help=help_text("meeting.app.no_browser"))
    parser.set_defaults(func=run)


def app_notebook_for(path: Path, lang: str) -> Path:
    """Write the meeting notebook for Voilà beside the meeting file at ``path``; return it."""
    return write_meeting_notebook(path, lang, suffix="app", relative=False)


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def voila_command(notebook: Path, *, port: int, open_browser: bool = True) -> list[str]:
    """The command line that serves ``notebook`` with Voilà on loopback."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={DEFAULT_HOST}",
        "--theme=light",
        f"--template={TEMPLATE}",
        "--strip_sources=True",
        # The header appears while the later parts (charts) are still being built.
        "--VoilaConfiguration.progressive_rendering=True",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voilà: erfakit's template folder first on ``JUPYTER_PATH``."""
    environment = dict(os.environ if base is None else base)
    paths = [str(APP_DATA_DIR), *filter(None, environment.get("JUPYTER_PATH", "").split(os.pathsep))]
    environment["JUPYTER_PATH"] = os.pathsep.join(paths)
    return environment


def run(args: argparse.Namespace) -> int:
    """Check the meeting file, write the bound notebook and serve it until Ctrl+C."""
    from erfakit.io.meeting_file.document import load_session
    from erfakit.texts import text

    path = args.path.resolve()
    load_session(path, lang=args.lang)  # a broken file is reported here, not in the page
    notebook = app_notebook_for(path, args.lang)
    port = args.port or free_port()
    say(text("meeting.app.serving", args.lang, url=f"http://{DEFAULT_HOST}:{port}/", file=str(path)))
    command = voila_command(notebook, port=port, open_browser=not args.no_browser)
    return subprocess.call(command, cwd=notebook.parent, env=voila_environment())
