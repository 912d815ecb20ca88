"""`erfakit history`: the earlier versions of a meeting file, and removing those past retention."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import WholeNumber, help_text, say


def register(subparsers: argparse._SubParsersAction) -> None:
    from erfakit.io.meeting_file.history import RETENTION_DAYS

    parser = subparsers.add_parser(
        "history", help=help_text("cli.history.help"), description=help_text("cli.history.description")
    )
    parser.add_argument("path", type=Path, metavar=help_text("cli.meeting_file_metavar"))
    parser.add_argument("--ryd", action="store_true", help=help_text("cli.history.prune", days=RETENTION_DAYS))
    parser.add_argument(
        "--dage",
        type=WholeNumber(),
        default=RETENTION_DAYS,
        metavar="N",
        help=help_text("cli.history.days", days=RETENTION_DAYS),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.ryd:
        return prune(args)
    return show(args)


def show(args: argparse.Namespace) -> int:
    """List the versions, newest first, with what each holds."""
    import datetime as dt

    from erfakit.core.formatting import format_number
    from erfakit.exceptions import SessionFileError
    from erfakit.io.meeting_file.document import loads_session
    from erfakit.io.meeting_file.history import list_versions
    from erfakit.texts import text

    lang = args.lang
    versions = list_versions(args.path, lang=lang)
    if not versions:
        say(text("cli.history.none", lang, file=str(args.path)))
        return 0
    say(text("cli.history.heading", lang, file=str(args.path), count=len(versions)))
    now = dt.datetime.now()
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
        if version.saved_at > now:
            content += " " + text("cli.history.future", lang)
        size = format_number(version.size / 1024, lang, decimals=1)
        say(f"{number:>4}  {version.version}  {version.describe(lang):<28} {size:>6} kB  {content}")
    say(text("cli.history.restore_hint", lang, file=str(args.path)))
    return 0


def prune(args: argparse.Namespace) -> int:
    """Remove the versions kept longer than the retention period after the meeting; say what went."""
    import datetime as dt

    from erfakit.core.formatting import format_date
    from erfakit.exceptions import ErfakitError
    from erfakit.io.meeting_file.document import load_session
    from erfakit.io.meeting_file.history import list_versions, prune_versions
    from erfakit.texts import text

    lang = args.lang
    if args.dage < 0:
        raise ErfakitError(text("cli.history.negative_days", lang, days=args.dage))
    session = load_session(args.path, lang=lang)
    today = dt.date.today()
    removed = prune_versions(
        args.path, meeting_date=session.meeting.date, today=today, retention_days=args.dage, lang=lang
    )
    left = len(list_versions(args.path, lang=lang))
    meeting = format_date(session.meeting.date, lang)
    if not removed:
        say(text("cli.history.pruned_none", lang, file=str(args.path), days=args.dage, meeting=meeting, left=left))
        return 0
    oldest = min(version.saved_at for version in removed)
    newest = max(version.saved_at for version in removed)
    say(
        text(
            "cli.history.pruned",
            lang,
            file=str(args.path),
            count=len(removed),
            days=args.dage,
            meeting=meeting,
            first=format_date(oldest.date(), lang),
            last=format_date(newest.date(), lang),
            left=left,
        )
    )
    return 0
