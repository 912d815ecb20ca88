"""`erfakit report`: the meeting's minutes as HTML (and PDF), and everything else it hands out."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import help_text, say, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``erfakit report MØDEFIL [-o FIL.html] [--pdf] [--alt]``."""
    parser = subparsers.add_parser(
        "report", help=help_text("report.cli.report.help"), description=help_text("report.cli.report.description")
    )
    parser.add_argument(
        "session_path",
        type=Path,
        metavar=help_text("cli.meeting_file_metavar"),
        help=help_text("report.cli.report.file_help"),
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FIL.html", help=help_text("report.cli.report.output_help")
    )
    parser.add_argument("--pdf", action="store_true", help=help_text("report.cli.report.pdf_help"))
    parser.add_argument(
        "--alt", "--all", dest="everything", action="store_true", help=help_text("report.cli.report.all_help")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the report (and with ``--alt`` the action list, calendar and next meeting file)."""
    from erfakit.texts import text

    # --sprog always has a value (Danish by default); only an explicit English asks to translate a
    # Danish meeting. Otherwise the report is in the meeting's own language.
    report_lang = "en" if args.lang == "en" else None
    written = write_outputs(args.session_path, args.output, lang=report_lang, everything=args.everything, pdf=args.pdf)
    for kind, path in written.items():
        say(f"{text(f'report.cli.written.{kind}', args.lang)}: {path}")
    if args.everything:
        for kind, reason in _skipped(args.session_path, written["html"].parent, args.lang).items():
            if kind not in written:
                warn(text("report.cli.skipped", args.lang, reason=reason))
    return 0


def write_outputs(
    session_path: Path, output: Path | None, *, lang: str | None, everything: bool, pdf: bool
) -> dict[str, Path]:
    """Write the report (`output` or the default name) and, if asked, the rest; ``{kind: path}``."""
    from erfakit.handouts import export_all, export_report_html, export_report_pdf

    if everything:
        folder = output.parent if output is not None else None
        written = export_all(session_path, folder, lang=lang, html_out=output)
    else:
        written = {"html": export_report_html(session_path, output, lang=lang)}
    if pdf:
        written["pdf"] = export_report_pdf(written["html"], lang=lang or "da")
    return dict(sorted(written.items(), key=lambda item: _ORDER.index(item[0])))


_ORDER = ["html", "pdf", "xlsx", "csv", "ics", "next"]


def _skipped(session_path: Path, out_dir: Path, lang: str) -> dict[str, str]:
    import datetime as dt

    from erfakit.handouts import skipped_outputs
    from erfakit.io.meeting_file.document import load_session

    session = load_session(session_path, lang=lang)
    return skipped_outputs(session, lang, today=dt.date.today(), out_dir=out_dir)
