"""The `erfakit` command line: one module per subcommand, Danish help by default.

A subcommand module ``erfakit/cli/<name>.py`` defines ``register(subparsers) -> None`` (adds its
parser, help texts from the catalogue via `erfakit.cli.common.help_text`, and ``func=run``) and
``run(args) -> int`` (the exit code). Heavy imports go inside ``run`` so that ``erfakit --help`` is
quick.

Never a traceback: errors of the kit (`ErfakitError`) are printed as their Danish message; bad
arguments get argparse's messages in the chosen language; an operating-system error names the file
and the reason; anything else is a bug, reported in one short Danish sentence with the path of a
log file that holds the traceback (`erfakit.cli.crash`). All of these exit with code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from erfakit.cli import common
from erfakit.exceptions import ErfakitError
from erfakit.texts import LANGUAGES, text

COMMANDS = ("new", "show", "check", "aftaler", "lab", "app", "report", "history", "restore", "demo")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own ``-h`` help line is in the help language too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help=common.help_text("cli.help_help"))


def build_parser(lang: str = "da") -> argparse.ArgumentParser:
    """The argument parser with every subcommand, its help in ``lang``."""
    common.set_help_language(lang)
    parser = _Parser(
        prog="erfakit",
        description=common.help_text("cli.description"),
        epilog=common.help_text("cli.epilog"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sprog", dest="lang", choices=LANGUAGES, default=lang, help=common.help_text("cli.lang_help"))
    subparsers = parser.add_subparsers(
        dest="command", metavar=common.help_text("cli.command_metavar"), parser_class=_Parser
    )
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"erfakit.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"erfakit.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: the process's arguments); return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = common.language_from(argv)
    try:
        with _argparse_in(lang):
            parser = build_parser(lang)
            try:
                args = parser.parse_args(argv)
            except SystemExit as stop:  # --help (0) or a bad argument (2, message already printed)
                return stop.code if isinstance(stop.code, int) else 2
        if getattr(args, "func", None) is None:
            parser.print_help()
            return 0 if not argv else 2
        return int(args.func(args) or 0)
    except ErfakitError as error:
        common.warn(str(error))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``erfakit history … | head``): nothing left to say to it.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for the user
        from erfakit.cli.crash import report_crash

        common.warn(report_crash(error, argv, lang))
        return 2


_ARGPARSE_TEXTS = {
    "usage: ": "usage",
    "positional arguments": "positional_arguments",
    "options": "options",
    "argument %(argument_name)s: %(message)s": "argument",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "expected one argument": "expected_one",
    "expected at most one argument": "expected_at_most_one",
    "expected at least one argument": "expected_at_least_one",
    "ignored explicit argument %r": "ignored_explicit",
    "not allowed with argument %s": "not_allowed_with",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "one of the arguments %s is required": "one_required",
    "unexpected option string: %s": "unexpected_option",
    "%(prog)s: error: %(message)s\n": "error",
}


@contextlib.contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """argparse's own words (usage, errors, headings) in ``lang`` while the command line is parsed.

    argparse looks each of them up through its module-level ``_`` (gettext) when it needs it; that
    lookup is swapped for the catalogue's and put back afterwards.
    """
    original = argparse._  # type: ignore[attr-defined]

    def translate(message: str) -> str:
        key = _ARGPARSE_TEXTS.get(message)
        return text(f"cli.argparse.{key}", lang) if key else original(message)

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


if __name__ == "__main__":  # pragma: no cover - `python -m erfakit.cli`
    sys.exit(main())
