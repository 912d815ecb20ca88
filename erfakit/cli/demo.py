"""`erfakit demo`: the invented demo afdeling's meeting, from meeting file to report."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from erfakit.cli.common import help_text, say
from erfakit.io.meeting_file.document import load_session


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
    lang = "en" if args.lang == "en" else None
    written = export_all(path, lang=lang, now=DEMO_NOW)
    for kind, written_path in written.items():
        say(f"{text(f'report.cli.written.{kind}', args.lang)}: {written_path}")
    if args.tom or "next" not in written:
        return 0
    # … and what comes after: the first koordinationsmøde, held, and the register over the chain.
    follow_up = _hold_follow_up(written["next"], args.lang)
    say(text("cli.demo.follow_up", args.lang, file=str(follow_up)))
    later = dt.datetime.combine(load_session(follow_up).meeting.date, dt.time(17), tzinfo=dt.UTC)
    for kind, written_path in export_all(follow_up, lang=lang, now=later).items():
        say(f"{text(f'report.cli.written.{kind}', args.lang)}: {written_path}")
    return _register(path.parent, args.lang)


DEMO_NOW = dt.datetime(2026, 12, 3, 15, 30, tzinfo=dt.UTC)
"""The demo's meeting ends at 16.30 on 3 December 2026: its exports are stamped then, whatever the clock says."""


def _hold_follow_up(path: Path, lang: str) -> Path:
    from erfakit.demo import hold_demo_follow_up
    from erfakit.io.meeting_file.document import save_session

    save_session(hold_demo_follow_up(load_session(path, lang=lang)), path, lang=lang)
    return path


def _register(folder: Path, lang: str) -> int:
    from erfakit.cli import aftaler

    return aftaler.run(argparse.Namespace(paths=[folder], out=folder / "aftaleregister.xlsx", lang=lang))
