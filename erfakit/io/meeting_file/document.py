"""The meeting file on disk: one JSON document per meeting.

Pure functions `dumps_session` / `loads_session` turn a `Session` into text and back; `load_session`
and `save_session` add the file: saves are atomic (temporary file in the same folder, fsync,
replace), so a killed process leaves either the old or the new file, never half of one, and every
save feeds the version history (`erfakit.io.meeting_file.history`). Editing with a lock lives in
`erfakit.io.meeting_file.store`.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from erfakit.core.migrations import upgrade_session_data
from erfakit.core.model import SCHEMA_VERSION, Session
from erfakit.exceptions import SessionFileError
from erfakit.io.meeting_file import history
from erfakit.io.meeting_file.lock import Holder
from erfakit.texts import text


def dumps_session(session: Session) -> str:
    """The meeting file's text: indented, key order as in the model, UTF-8 characters kept."""
    return session.model_dump_json(indent=2) + "\n"


def loads_session(data: str | bytes, *, source: str = "<tekst>", lang: str = "da") -> Session:
    """Parse, upgrade and validate a meeting file's text.

    Raises `SessionFileError` with a message naming ``source``, the field and what to do when the
    text is empty, truncated, not JSON, of the wrong shape or written by a newer erfakit.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _error("session.not_utf8", lang, source, position=error.start) from None
    if not data.strip():
        raise _error("session.empty", lang, source)
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as error:
        stripped = data.strip()
        # An object that never closes is what a save cut short looks like.
        cut_short = stripped.startswith("{") and not stripped.endswith("}")
        key = "session.truncated" if cut_short else "session.not_json"
        raise _error(key, lang, source, line=error.lineno, column=error.colno) from None
    if not isinstance(raw, dict):
        raise _error("session.not_object", lang, source)
    version = raw.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _error("session.bad_version", lang, source, value=repr(version))
    if version > SCHEMA_VERSION:
        raise _error("session.too_new", lang, source, version=version, supported=SCHEMA_VERSION)
    raw = upgrade_session_data(raw)
    try:
        return Session.model_validate(raw)
    except ValidationError as error:
        raise _validation_error(error, raw, lang, source) from None


def load_session(path: str | Path, *, lang: str = "da") -> Session:
    """Read the meeting file at ``path``. Errors name the file and offer the last good version."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(
            text("session.not_found", lang, file=str(path)),
            text("session.not_found_hint", lang),
            path=path,
        ) from None
    except OSError as error:
        raise SessionFileError(
            text("session.unreadable", lang, file=str(path), reason=error.strerror or str(error)),
            path=path,
        ) from None
    try:
        return loads_session(content, source=str(path), lang=lang)
    except SessionFileError as error:
        raise SessionFileError(error.message, _last_good_hint(path, lang), path=path) from None


def save_session(session: Session, path: str | Path, *, lang: str = "da") -> None:
    """Write ``session`` to ``path`` atomically and record the new version in the history."""
    path = Path(path)
    write_text_atomically(path, dumps_session(session), lang=lang)
    history.record(path)


def write_text_atomically(path: Path, content: str, *, lang: str = "da") -> None:
    """Replace ``path`` with ``content`` so that a crash leaves the old or the new file, whole.

    A disk that refuses (full, read-only, gone) raises `SessionFileError` naming the file; the old
    file is then untouched.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        _fsync_directory(path.parent)
    except OSError as error:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        raise SessionFileError(
            text("session.write_failed", lang, file=str(path), reason=error.strerror or str(error)),
            text("session.write_failed_hint", lang),
            path=path,
        ) from None


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files that killed processes left beside the meeting file at ``path``."""
    for temporary in path.parent.glob(f".{path.name}.*.tmp"):
        pid_text = temporary.name.removeprefix(f".{path.name}.").removesuffix(".tmp")
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        holder = Holder(pid=int(pid_text), host=socket.gethostname(), user="", since="")
        if not holder.is_alive():
            try:
                temporary.unlink()
            except OSError:
                pass


def _fsync_directory(folder: Path) -> None:
    # The rename itself must reach the disk, or a power cut may bring back the old name.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _error(key: str, lang: str, source: str, **values: Any) -> SessionFileError:
    return SessionFileError(text(key, lang, file=source, **values), path=None)


def _last_good_hint(path: Path, lang: str) -> str:
    """Point the user at the newest version in the history that still loads, if any."""
    for entry in history.list_versions(path):
        try:
            loads_session(entry.path.read_bytes(), source=str(entry.path), lang=lang)
        except (SessionFileError, OSError):
            continue
        return text(
            "session.last_good_hint",
            lang,
            when=entry.describe(lang),
            command=f"erfakit restore {path} {entry.version}",
        )
    return text("session.no_good_version_hint", lang)


def _validation_error(error: ValidationError, raw: dict, lang: str, source: str) -> SessionFileError:
    """The first problem of a failed validation as a sentence naming the field and its value."""
    problems = error.errors(include_url=False)
    first = problems[0]
    field = _field_path(first["loc"])
    if first["type"] == "missing":
        message = text("session.field_missing", lang, file=source, field=field)
    else:
        message = text(
            "session.field_invalid",
            lang,
            file=source,
            field=field,
            value=_short_repr(first.get("input")),
            reason=_reason(first, lang),
        )
    more = len(problems) - 1
    hint = text("session.field_hint", lang)
    if more:
        hint = text("session.more_problems", lang, count=more) + " " + hint
    return SessionFileError(message, hint, path=None)


def _field_path(location: tuple) -> str:
    parts: list[str] = []
    for item in location:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _short_repr(value: object, limit: int = 60) -> str:
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_REASONS = {
    "extra_forbidden": "session.reason_extra",
    "enum": "session.reason_choice",
    "literal_error": "session.reason_choice",
    "date_from_datetime_parsing": "session.reason_date",
    "date_parsing": "session.reason_date",
    "date_type": "session.reason_date",
    "time_parsing": "session.reason_time",
    "time_type": "session.reason_time",
    "int_parsing": "session.reason_int",
    "int_type": "session.reason_int",
    "float_parsing": "session.reason_number",
    "float_type": "session.reason_number",
    "string_type": "session.reason_text",
    "list_type": "session.reason_list",
    "dict_type": "session.reason_object",
    "model_type": "session.reason_object",
    "bool_type": "session.reason_bool",
    "bool_parsing": "session.reason_bool",
    "greater_than_equal": "session.reason_range",
    "less_than_equal": "session.reason_range",
}


def _reason(problem: dict, lang: str) -> str:
    key = _REASONS.get(problem["type"])
    if key is None:
        return problem["msg"]
    context = problem.get("ctx") or {}
    expected = str(context.get("expected", ""))
    if lang == "da":
        expected = expected.replace(" or ", " eller ")
    return text(
        key,
        lang,
        expected=expected,
        ge=context.get("ge", ""),
        le=context.get("le", ""),
    )
