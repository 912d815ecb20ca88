"""The shipped notebooks' front door: the kit's errors as a short message, and the meeting in one call.

Each shipped notebook (`notebooks/moede.ipynb`, `rapport.ipynb`, `forberedelse.ipynb`) calls
`show_errors_briefly()` in its first cell that uses the kit. From then on an `ErfakitError` raised
by a cell (a meeting file that is missing or broken, a data file that cannot be read) shows as its
Danish message and hint — in JupyterLab and in Voilà alike — instead of a red traceback, and the
run stops there as it would on any error. Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import html
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from erfakit.exceptions import ErfakitError

if TYPE_CHECKING:
    from erfakit.ui.app import MeetingApp

ERROR_STYLE = (
    "border-left: 6px solid #b00020; background: #fdecea; color: #3b0008; padding: 0.6em 1em; "
    "font-size: 1.1em; line-height: 1.5; max-width: 60em; white-space: pre-wrap;"
)


def show_errors_briefly() -> None:
    """Show the kit's errors in this notebook as a short message, never a traceback (idempotent)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every kernel
        return
    shell = get_ipython()
    if shell is None:  # a plain Python process: exceptions are the caller's
        return
    shell.set_custom_exc((ErfakitError,), _show_error)


def error_html(error: ErfakitError) -> str:
    """The error as a short HTML message: its message, then its hint."""
    hint = f"<br><span class='erfakit-hint'>{html.escape(error.hint)}</span>" if error.hint else ""
    return f"<div class='erfakit-error' role='alert' style='{ERROR_STYLE}'>{html.escape(error.message)}{hint}</div>"


def show_meeting(session_path: str | Path, *, lang: str = "da") -> MeetingApp:
    """Open the meeting file and show the whole meeting (header and every part) as one output.

    Only the current part is built now, so the first screen is quick; the others are built while the
    kernel is idle afterwards (`MeetingApp.prebuild_soon`), or when the navigation bar first shows
    them. Returns the app (``app.go("ovelse2")`` moves on).
    """
    from IPython.display import display

    from erfakit.ui import open_meeting

    show_errors_briefly()
    app = open_meeting(session_path, lang=lang)
    app.show_part(app.navigation.current)
    display(app.root)
    app.prebuild_soon()
    return app


def _show_error(
    _shell: Any, _etype: type[BaseException], error: BaseException, _tb: TracebackType | None, tb_offset: Any = None
) -> list[str]:
    from IPython.display import display

    assert isinstance(error, ErfakitError)
    plain = f"{error.message}\n{error.hint}" if error.hint else error.message
    display({"text/html": error_html(error), "text/plain": plain}, raw=True)
    return []
