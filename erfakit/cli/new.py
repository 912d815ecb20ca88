"""`erfakit new`: the analyst creates a meeting file without opening a notebook."""

from __future__ import annotations

import argparse
from pathlib import Path

from erfakit.cli.common import WholeNumber, help_text, say

FIELD_OPTIONS = {
    "afdeling": "--afdeling",
    "organisation": "--organisation",
    "date": "--dato",
    "start_time": "--tid",
    "duration_minutes": "--varighed",
    "place": "--sted",
    "tovholder": "--tovholder",
    "function": "--deltager",
    "name": "--deltager",
}
"""The option a model field comes from, so a refused value is named as the user typed it."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help=help_text("cli.new.help"), description=help_text("cli.new.description"))
    parser.add_argument("path", metavar=help_text("cli.meeting_file_metavar"), help=help_text("cli.new.path"))
    parser.add_argument("--afdeling", required=True, help=help_text("cli.new.afdeling"))
    parser.add_argument("--dato", required=True, help=help_text("cli.new.dato"))
    parser.add_argument("--tid", default="14:00", help=help_text("cli.new.tid"))
    parser.add_argument("--varighed", type=WholeNumber(), default=120, help=help_text("cli.new.varighed"))
    parser.add_argument("--sted", default="", help=help_text("cli.new.sted"))
    parser.add_argument("--tovholder", default="", help=help_text("cli.new.tovholder"))
    parser.add_argument("--organisation", default="", help=help_text("cli.new.organisation"))
    parser.add_argument(
        "-d",
        "--deltager",
        action="append",
        default=[],
        metavar="FUNKTION[:NAVN]",
        help=help_text("cli.new.deltager"),
    )
    parser.add_argument("--beboere", type=Path, help=help_text("cli.new.beboere"))
    parser.add_argument("--bestyrelse", type=Path, help=help_text("cli.new.bestyrelse"))
    parser.add_argument("--aftaler", type=Path, help=help_text("cli.new.aftaler"))
    parser.add_argument("--overskriv", action="store_true", help=help_text("cli.new.overskriv"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from erfakit.core.model import Function, Meeting, Participant, Session
    from erfakit.core.parsing import parse_choice, parse_date_text, parse_time_text
    from erfakit.exceptions import ErfakitError, explain_validation_error
    from erfakit.io.meeting_file.document import save_session
    from erfakit.io.meeting_file.store import replace_meeting_file
    from erfakit.texts import text

    lang = args.lang
    path = Path(args.path)
    exists = path.exists() or path.is_symlink()
    if exists and not args.overskriv:
        raise ErfakitError(text("cli.new.exists", lang, file=str(path)), text("cli.new.exists_hint", lang))
    if path.is_dir():
        raise ErfakitError(text("cli.new.is_folder", lang, file=str(path)))
    if args.bestyrelse and not args.beboere:
        raise ErfakitError(text("cli.new.board_without_residents", lang))
    try:
        participants = []
        for entry in args.deltager:
            function_text, _, name = entry.partition(":")
            function = parse_choice(function_text, Function, field="--deltager", lang=lang)
            participants.append(Participant(function=function, name=name.strip()))
        meeting = Meeting(
            afdeling=args.afdeling,
            organisation=args.organisation,
            date=parse_date_text(args.dato, field="--dato", lang=lang),
            start_time=parse_time_text(args.tid, field="--tid", lang=lang),
            duration_minutes=args.varighed,
            place=args.sted,
            tovholder=args.tovholder,
            language=lang,
        )
    except ValidationError as error:
        raise explain_validation_error(error, lang=lang, field_names=FIELD_OPTIONS) from None
    session = Session(meeting=meeting, participants=participants)
    # Every input file is read and checked before anything is written: never a half-made file.
    if args.beboere:
        from erfakit.io.composition.assemble import read_composition

        session.composition = read_composition(args.beboere, args.bestyrelse, lang=lang)
    if args.aftaler:
        from erfakit.io.action_list import read_agreements

        session.agreements = read_agreements(args.aftaler, lang=lang)
    if exists:
        # --overskriv: not while someone edits it, and the replaced file stays as a version.
        replace_meeting_file(path, session, lang=lang)
        say(text("cli.new.replaced", lang, file=str(path)))
    else:
        save_session(session, path, lang=lang)
        say(text("cli.new.done", lang, file=str(path)))
    say(text("cli.new.next", lang, file=str(path)))
    return 0
