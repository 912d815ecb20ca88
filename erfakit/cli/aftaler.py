"""`erfakit aftaler`: one register of agreements from many meeting files (many meetings, many afdelinger)."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "aftaler", help=help_text("cli.aftaler.help"), description=help_text("cli.aftaler.description")
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar=help_text("cli.aftaler.paths_metavar"),
        help=help_text("cli.aftaler.paths"),
    )
    parser.add_argument("-o", "--ud", dest="out", type=Path, help=help_text("cli.aftaler.out"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from erfakit.core.register import build_register
    from erfakit.exceptions import ErfakitError
    from erfakit.io.atomic import write_text_atomic
    from erfakit.io.register import (
        default_register_name,
        gather_meeting_files,
        read_meeting_files,
        write_register_xlsx,
    )
    from erfakit.report.register import render_register_html
    from erfakit.texts import text

    lang = args.lang
    today = dt.date.today()
    files, unread = gather_meeting_files(args.paths, lang=lang)
    sessions, problems = read_meeting_files(files, lang=lang)
    unread += problems
    for problem in unread:
        warn(text("cli.aftaler.unread", lang, file=problem.path, reason=problem.reason))
    if not sessions:
        raise ErfakitError(
            text("cli.aftaler.nothing", lang, paths=", ".join(str(path) for path in args.paths)),
            text("cli.aftaler.nothing_hint", lang),
        )
    register_ = build_register(sessions, today=today)
    out = args.out or Path(default_register_name(today, lang))
    if out.is_dir():
        out = out / default_register_name(today, lang)
    xlsx = write_register_xlsx(register_, out, lang, unread=unread)
    html = write_text_atomic(render_register_html(register_, lang, unread=unread), out.with_suffix(".html"), lang=lang)
    total = register_.summary()[-1]
    afdelinger = len({source.afdeling for source in register_.sources})
    say(text("cli.aftaler.done", lang, count=total.total, files=len(sessions), afdelinger=afdelinger))
    say(
        text(
            "cli.aftaler.counts",
            lang,
            open=total.open,
            in_progress=total.in_progress,
            done=total.done,
            dropped=total.dropped,
            overdue=total.overdue,
        )
    )
    for key, _kept, other in register_.conflicts:
        warn(text("register.html.conflict", lang, id=key, kept=_kept, other=other))
    say(text("cli.aftaler.written", lang, file=str(xlsx)))
    say(text("cli.aftaler.written", lang, file=str(html)))
    return 0
