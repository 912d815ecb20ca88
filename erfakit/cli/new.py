"""`erfakit new`: the analyst creates a meeting file without opening a notebook.

With ``--fra FORRIGE.json`` the new file is a koordinationsmøde that follows up an earlier meeting
file of either kind (`erfakit.core.next_meeting.follow_up_session`): every agreement with its id and
history, the projects, the topics and the rest of the plan come along; the date is the plan's next
one unless ``--dato`` says otherwise, and options given (time, place, participants, …) override.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from erfakit.cli.common import WholeNumber, help_text, say

if TYPE_CHECKING:
    from erfakit.core.model import Session

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
    parser.add_argument("--fra", type=Path, metavar="FORRIGE.json", help=help_text("cli.new.fra"))
    parser.add_argument("--afdeling", help=help_text("cli.new.afdeling"))
    parser.add_argument("--dato", help=help_text("cli.new.dato"))
    parser.add_argument("--tid", help=help_text("cli.new.tid"))
    parser.add_argument("--varighed", type=WholeNumber(), help=help_text("cli.new.varighed"))
    parser.add_argument("--sted", help=help_text("cli.new.sted"))
    parser.add_argument("--tovholder", help=help_text("cli.new.tovholder"))
    parser.add_argument("--organisation", help=help_text("cli.new.organisation"))
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

    from erfakit.core.identity import assign_missing_ids
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
    if args.fra is None and not args.afdeling:
        raise ErfakitError(text("cli.new.needs_afdeling", lang))
    if args.fra is None and not args.dato:
        raise ErfakitError(text("cli.new.needs_date_alone", lang))
    previous = _previous(args.fra, lang) if args.fra is not None else None
    try:
        participants = []
        for entry in args.deltager:
            function_text, _, name = entry.partition(":")
            function = parse_choice(function_text, Function, field="--deltager", lang=lang)
            participants.append(Participant(function=function, name=name.strip()))
        date = parse_date_text(args.dato, field="--dato", lang=lang) if args.dato else None
        start = parse_time_text(args.tid, field="--tid", lang=lang) if args.tid else None
        if previous is not None:
            session = _follow_up(previous, args.fra, date, start, args.sted or "", lang)
            given = {
                "afdeling": args.afdeling,
                "organisation": args.organisation,
                "duration_minutes": args.varighed,
                "tovholder": args.tovholder,
            }
            session.meeting = Meeting.model_validate(
                {**session.meeting.model_dump(), **{key: value for key, value in given.items() if value is not None}}
            )
            if participants:
                session.participants = participants
        else:
            assert date is not None
            meeting = Meeting(
                afdeling=args.afdeling,
                organisation=args.organisation or "",
                date=date,
                start_time=start or Meeting.model_fields["start_time"].default,
                duration_minutes=args.varighed if args.varighed is not None else 120,
                place=args.sted or "",
                tovholder=args.tovholder or "",
                language=lang,
            )
            session = Session(meeting=meeting, participants=participants)
    except ValidationError as error:
        raise explain_validation_error(error, lang=lang, field_names=FIELD_OPTIONS) from None
    # Every input file is read and checked before anything is written: never a half-made file.
    if args.beboere:
        from erfakit.io.composition.assemble import read_composition

        session.composition = read_composition(args.beboere, args.bestyrelse, lang=lang)
    if args.aftaler:
        from erfakit.io.action_list import read_action_list

        imported = read_action_list(args.aftaler, lang=lang)
        known = {agreement.id for agreement in session.agreements} | {p.id for p in session.topics.projects}
        session.agreements += [agreement for agreement in imported.agreements if agreement.id not in known]
        session.topics.projects += [project for project in imported.projects if project.id not in known]
        assign_missing_ids(session)
    if exists:
        # --overskriv: not while someone edits it, and the replaced file stays as a version.
        replace_meeting_file(path, session, lang=lang)
        say(text("cli.new.replaced", lang, file=str(path)))
    else:
        save_session(session, path, lang=lang)
        say(text("cli.new.done", lang, file=str(path)))
    if previous is not None:
        from erfakit.core.agreements import is_open

        say(
            text(
                "cli.new.from_done",
                lang,
                file=str(args.fra),
                agreements=len(session.agreements),
                open=sum(1 for agreement in session.agreements if is_open(agreement)),
                projects=len(session.topics.projects),
            )
        )
    say(text("cli.new.next", lang, file=str(path)))
    return 0


def _previous(path: Path, lang: str) -> Session:
    from erfakit.io.meeting_file.document import load_session

    return load_session(path, lang=lang)


def _follow_up(
    previous: Session, source: Path, date: dt.date | None, start: dt.time | None, place: str, lang: str
) -> Session:
    """The koordinationsmøde following `previous`: on `date`, or on its plan's next date after today."""
    from erfakit.core.next_meeting import follow_up_session, next_planned_meeting
    from erfakit.exceptions import ErfakitError
    from erfakit.texts import text

    if date is None:
        planned = next_planned_meeting(previous, today=dt.date.today())
        if planned is None:
            raise ErfakitError(text("cli.new.needs_date", lang, file=str(source)))
        date, start, place = planned.date, start or planned.start_time, place or planned.place
    return follow_up_session(previous, date=date, start_time=start, place=place, lang=lang)
