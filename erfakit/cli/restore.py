"""`erfakit restore`: make an earlier version the current meeting file (the current one is kept)."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore", help=help_text("cli.restore.help"), description=help_text("cli.restore.description")
    )
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.add_argument(
        "version", metavar=help_text("cli.restore.version_metavar"), help=help_text("cli.restore.version")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from erfakit.io.meeting_file.history import list_versions
    from erfakit.io.meeting_file.store import restore_version
    from erfakit.texts import text

    version = args.version
    # "3" means the third line of `erfakit history`; version names are long time stamps.
    if version.isdigit() and len(version) < 8:
        versions = list_versions(args.path)
        index = int(version) - 1
        if 0 <= index < len(versions):
            version = versions[index].version
    restored = restore_version(args.path, version, lang=args.lang)
    say(text("cli.restore.done", args.lang, file=str(args.path), when=restored.describe(args.lang)))
    return 0
