"""The `erfakit` command line: one module per subcommand, Danish help by default.

A subcommand module ``erfakit/cli/<name>.py`` defines ``register(subparsers) -> None`` (adds its
parser, help texts from the catalogue via `erfakit.cli.common.help_text`, and ``func=run``) and
``run(args) -> int`` (the exit code). Heavy imports go inside ``run`` so that ``erfakit --help`` is
quick. Errors of the kit (`ErfakitError`) are printed as messages, never as tracebacks; exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from erfakit.cli import common
from erfakit.exceptions import ErfakitError
from erfakit.texts import LANGUAGES

COMMANDS = ("new", "show", "check", "lab", "app", "report", "history", "restore", "demo")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own ``-h`` help line is in the help language too."""

    def __init__(self, *args, **kwargs) -> None:
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
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0 if not argv else 2
    try:
        return int(args.func(args) or 0)
    except ErfakitError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover - `python -m erfakit.cli`
    sys.exit(main())
