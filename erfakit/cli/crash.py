"""The command line's last line of defence: an unexpected error becomes one Danish sentence and a log.

The user sees what happened in a few words, that their files are as before (every write of the kit
is atomic), and where the full traceback is kept for whoever maintains erfakit. The log lives in the
user's own state folder (``$XDG_STATE_HOME/erfakit/fejl`` or ``~/.local/state/erfakit/fejl``; the
temporary folder when that cannot be written), readable by the user alone: a traceback may quote
words from the meeting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from erfakit.exceptions import ErfakitError, os_error_reason
from erfakit.texts import text


def report_crash(error: BaseException, argv: Sequence[str], lang: str) -> str:
    """Log ``error``'s traceback and return the message for the user (Danish by default)."""
    log = _write_log(error, argv)
    if isinstance(error, OSError):
        what = text(
            "cli.crash.os_error",
            lang,
            file=str(error.filename) if error.filename else "?",
            reason=os_error_reason(error, lang),
        )
    else:
        what = text("cli.crash.unexpected", lang, kind=type(error).__name__)
    where = text("cli.crash.log", lang, log=str(log)) if log else text("cli.crash.no_log", lang)
    return f"{what}\n{text('cli.crash.files_safe', lang)}\n{where}"


def log_folders() -> list[Path]:
    """Where crash logs go, in order of preference."""
    folders = []
    state = os.environ.get("XDG_STATE_HOME")
    if state:
        folders.append(Path(state) / "erfakit" / "fejl")
    with contextlib.suppress(RuntimeError):  # no home folder can be determined
        folders.append(Path.home() / ".local" / "state" / "erfakit" / "fejl")
    uid = os.geteuid() if hasattr(os, "geteuid") else "bruger"
    folders.append(Path(tempfile.gettempdir()) / f"erfakit-fejl-{uid}")
    return folders


def _write_log(error: BaseException, argv: Sequence[str]) -> Path | None:
    from erfakit import __version__
    from erfakit.io.atomic import write_text_atomic

    now = dt.datetime.now()
    content = "".join(
        [
            f"erfakit {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
            f"{now.isoformat(timespec='seconds')}: erfakit {' '.join(argv)}\n\n",
            *traceback.format_exception(error),
        ]
    )
    name = f"erfakit-{now.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.log"
    for folder in log_folders():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if folder.is_symlink() or (hasattr(os, "geteuid") and folder.stat().st_uid != os.geteuid()):
                continue  # never write a traceback into a folder someone else controls
            return write_text_atomic(content, folder / name, mode=0o600)
        except (OSError, ErfakitError):
            continue
    return None
