"""`erfakit history`: the earlier versions of a meeting file."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "history", help=help_text("cli.history.help"), description=help_text("cli.history.description")
    )
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from erfakit.core.formatting import format_number
    from erfakit.exceptions import SessionFileError
    from erfakit.io.meeting_file.document import loads_session
    from erfakit.io.meeting_file.history import list_versions
    from erfakit.texts import text

    lang = args.lang
    versions = list_versions(args.path)
    if not versions:
        say(text("cli.history.none", lang, file=str(args.path)))
        return 0
    say(text("cli.history.heading", lang, file=str(args.path), count=len(versions)))
    for number, version in enumerate(versions, start=1):
        try:
            session = loads_session(version.path.read_bytes(), source=str(version.path), lang=lang)
            content = text(
                "cli.history.content",
                lang,
                answers=sum(1 for answer in session.answers.values() if answer.strip()),
                partners=len(session.partners),
                agreements=len(session.agreements),
            )
        except (SessionFileError, OSError):
            content = text("cli.history.broken", lang)
        size = format_number(version.size / 1024, lang, decimals=1)
        say(f"{number:>4}  {version.version}  {version.describe(lang):<28} {size:>6} kB  {content}")
    say(text("cli.history.restore_hint", lang, file=str(args.path)))
    return 0
