"""`erfakit lab`: open JupyterLab on the meeting notebook, bound to one meeting file."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from erfakit.cli.common import help_text, say, write_meeting_notebook

LAB_SETTINGS = Path(__file__).resolve().parent.parent / "lab"
"""JupyterLab defaults for a calm first screen: no news pop-up, larger font (overrides.json)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lab", help=help_text("cli.lab.help"), description=help_text("cli.lab.description"))
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.add_argument("--port", type=int, default=0, help=help_text("cli.lab.port"))
    parser.add_argument("--no-browser", action="store_true", help=help_text("cli.lab.no_browser"))
    parser.add_argument("--kun-forbered", action="store_true", help=help_text("cli.lab.prepare_only"))
    parser.set_defaults(func=run)


def meeting_notebook_for(path: Path, lang: str) -> Path:
    """Write the meeting notebook for JupyterLab beside the meeting file at ``path``; return it."""
    return write_meeting_notebook(path, lang, suffix="moede", relative=True)


def lab_command(notebook: Path, *, port: int = 0, open_browser: bool = True) -> list[str]:
    """The command line that starts JupyterLab on ``notebook`` with the kit's settings."""
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        str(notebook.name),
        f"--ServerApp.root_dir={notebook.parent}",
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
        "--ServerApp.ip=127.0.0.1",
    ]
    if port:
        command.append(f"--ServerApp.port={port}")
    if not open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and fresh VMs often run as root; JupyterLab refuses that unless told.
        command.append("--allow-root")
    return command


def run(args: argparse.Namespace) -> int:
    from erfakit.io.meeting_file.document import load_session
    from erfakit.texts import text

    path = args.path.resolve()
    load_session(path, lang=args.lang)  # a broken file is reported here, not inside JupyterLab
    notebook = meeting_notebook_for(path, args.lang)
    say(text("cli.lab.notebook", args.lang, file=str(notebook)))
    if args.kun_forbered:
        return 0
    command = lab_command(notebook, port=args.port, open_browser=not args.no_browser)
    return subprocess.call(command, cwd=notebook.parent)
