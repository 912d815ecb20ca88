"""`erfakit demo`: the invented demo afdeling's meeting, from meeting file to report."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help=help_text("cli.demo.help"), description=help_text("cli.demo.description")
    )
    parser.add_argument("-o", "--mappe", type=Path, default=Path("erfakit-demo"), help=help_text("cli.demo.folder"))
    parser.add_argument("--tom", action="store_true", help=help_text("cli.demo.empty"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from erfakit.demo import prepare_demo
    from erfakit.exceptions import FileWriteError, os_error_reason
    from erfakit.handouts import export_all
    from erfakit.texts import text

    try:
        path = prepare_demo(args.mappe, filled=not args.tom)
    except OSError as error:  # the demo folder itself cannot be made (read-only, a file in the way)
        where = error.filename or args.mappe
        raise FileWriteError(where, os_error_reason(error, args.lang), lang=args.lang, errno=error.errno) from None
    say(text("cli.demo.meeting_file", args.lang, file=str(path)))
    # The demo shows what a meeting hands out: report, action list, calendar, next meeting file.
    written = export_all(path, lang="en" if args.lang == "en" else None)
    for kind, written_path in written.items():
        say(f"{text(f'report.cli.written.{kind}', args.lang)}: {written_path}")
    return 0
