"""`erfakit show`: a readable summary of a meeting file."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show", help=help_text("cli.show.help"), description=help_text("cli.show.description")
    )
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from erfakit.core.summary import summarize_session
    from erfakit.io.meeting_file.document import load_session

    session = load_session(args.path, lang=args.lang)
    for line in summarize_session(session, args.lang):
        say(line)
    return 0
