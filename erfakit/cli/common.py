"""Small pieces the subcommands share: the help language, printing, path arguments."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from erfakit.texts import DEFAULT_LANGUAGE, LANGUAGES, text

_help_language: str = DEFAULT_LANGUAGE


def language_from(argv: Sequence[str]) -> str:
    """The language asked for with ``--sprog`` (or $ERFAKIT_SPROG), before the full parse."""
    for index, argument in enumerate(argv):
        if argument.startswith("--sprog="):
            candidate = argument.split("=", 1)[1]
        elif argument == "--sprog" and index + 1 < len(argv):
            candidate = argv[index + 1]
        else:
            continue
        if candidate in LANGUAGES:
            return candidate
    environment = os.environ.get("ERFAKIT_SPROG", "")
    return environment if environment in LANGUAGES else DEFAULT_LANGUAGE


def set_help_language(lang: str) -> None:
    """Choose the language of the help texts built from now on."""
    global _help_language
    _help_language = lang


def help_text(key: str, **values: object) -> str:
    """A catalogue text in the help language. argparse expands ``%`` so it is escaped here."""
    return text(key, _help_language, **values).replace("%", "%%")


class WholeNumber:
    """An argparse ``type`` for a whole number whose name in error messages is in the help language."""

    def __init__(self) -> None:
        self.__name__ = text("cli.whole_number", _help_language)

    def __call__(self, value: str) -> int:
        return int(value.strip())


def say(message: str = "") -> None:
    """Print a line for the user on standard output."""
    print(message)


def warn(message: str) -> None:
    """Print a line for the user on standard error."""
    print(message, file=sys.stderr)


def write_meeting_notebook(meeting_file: Path, lang: str, *, suffix: str, relative: bool) -> Path:
    """Write the meeting notebook bound to ``meeting_file`` beside it, as ``<stem>-<suffix>.ipynb``.

    ``relative`` binds it by file name (JupyterLab runs the kernel in that folder), otherwise by the
    full path. The notebook holds no answers (they live in the meeting file), so it is rewritten
    each time.
    """
    from erfakit.io.notebooks import parameterize_notebook, write_notebook
    from erfakit.resources import notebook_path

    bound_to = meeting_file.name if relative else str(meeting_file)
    notebook = parameterize_notebook(notebook_path("moede"), {"session_path": bound_to, "lang": lang})
    return write_notebook(notebook, meeting_file.with_name(f"{meeting_file.stem}-{suffix}.ipynb"), lang=lang)
