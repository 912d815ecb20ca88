"""`erfakit check FILE…`: read the analyst's files and say what was found, changing nothing.

Exit code 0 with a summary when every file can be used; 2 with one Danish message per problem (file,
row, column, value, what would be accepted) otherwise. Never a traceback: the kit's own errors are
caught in `erfakit.cli.main`, and unexpected ones here are reported as a bug in one line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``check`` subcommand."""
    parser = subparsers.add_parser(
        "check", help=help_text("cli_check.help"), description=help_text("cli_check.description")
    )
    parser.add_argument("paths", type=Path, nargs="+", metavar=help_text("cli_check.metavar"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the files; print the summary (stdout) or the problems (stderr); return 0 or 2."""
    from erfakit.io.composition.check import check_files

    result = check_files(args.paths, lang=args.lang)
    if result.ok:
        say(result.render(args.lang))
        return 0
    warn(result.render(args.lang))
    return 2
