"""The meeting file on disk: one JSON document per meeting.

Pure functions `dumps_session` / `loads_session` turn a `Session` into text and back; `load_session`
and `save_session` add the file. Saves go through the kit's one atomic writer
(`erfakit.io.atomic.write_bytes_atomic`: exclusive temporary file, fsync, replace), so a killed
process leaves either the old or the new file, never half of one, and every save feeds the version
history (`erfakit.io.meeting_file.history`). Editing with a lock lives in
`erfakit.io.meeting_file.store`.

The format is strict, so that whatever loads can be saved and loads again: numbers must be finite
and within ±`MAX_NUMBER` (``NaN``, ``Infinity`` and ``1e400`` are refused, naming the field), nesting
deeper than `MAX_DEPTH` and integers longer than Python's 4,300 digits are refused with a Danish
message, and a lone UTF-16 surrogate (``"\\ud800"``, which no UTF-8 file can hold) becomes U+FFFD.

A meeting file that is a symbolic link (owned by the user) is written through: the file it points
to is replaced, the link stays, and the lock and versions live beside that file.
"""

from __future__ import annotations

import json
import math
import os
import re
import socket
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from erfakit.core.migrations import upgrade_session_data
from erfakit.core.model import SCHEMA_VERSION, Session
from erfakit.exceptions import (
    FileWriteError,
    SessionFileError,
    explain_validation_error,
    os_error_reason,
    short_repr,
)
from erfakit.io.atomic import TEMPORARY_SUFFIX, write_bytes_atomic
from erfakit.io.meeting_file import history
from erfakit.io.meeting_file.lock import Holder
from erfakit.texts import text

MAX_DEPTH = 32
"""The meeting file's own structure is 5 levels deep; anything far deeper is not a meeting file."""
MAX_NUMBER = 1_000_000_000
"""The largest number the file may hold: counts of residents, minutes, months all stay far below."""

_LONG_INTEGER = re.compile(r"\d{4300,}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_session(session: Session) -> str:
    """The meeting file's text: indented, key order as in the model, UTF-8 characters kept."""
    return session.model_dump_json(indent=2) + "\n"


def loads_session(data: str | bytes, *, source: str = "<tekst>", lang: str = "da") -> Session:
    """Parse, check, upgrade and validate a meeting file's text.

    Raises `SessionFileError` with a message naming ``source``, the field and what to do when the
    text is empty, truncated, not JSON, too deep, holds a number out of range, is of the wrong shape
    or was written by a newer erfakit.
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
    except RecursionError:
        raise _error("session.too_deep_file", lang, source, depth=MAX_DEPTH) from None
    except ValueError:
        # Python refuses integers of more than 4,300 digits (a guard against slow conversions).
        line, column = _position(data, _LONG_INTEGER.search(data))
        raise _error("session.huge_integer", lang, source, line=line, column=column) from None
    if not isinstance(raw, dict) or not {"schema_version", "meeting"} & raw.keys():
        # Another program's JSON (a register run over a folder meets such files): say so, not which field is off.
        raise _error("session.not_object", lang, source)
    raw = check_json_values(raw, lang=lang, source=source)
    version = raw.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _error("session.bad_version", lang, source, value=short_repr(version))
    if version > SCHEMA_VERSION:
        raise _error("session.too_new", lang, source, version=version, supported=SCHEMA_VERSION)
    raw = upgrade_session_data(raw)
    try:
        return Session.model_validate(raw)
    except ValidationError as error:
        raise explain_validation_error(error, lang=lang, source=source, kind=SessionFileError) from None


def check_json_values(data: Any, *, lang: str = "da", source: str = "<tekst>") -> Any:
    """``data`` (parsed JSON) checked against the format's limits; lone surrogates become U+FFFD.

    Raises `SessionFileError` naming the field for nesting deeper than `MAX_DEPTH` and for numbers
    that are not finite or beyond ±`MAX_NUMBER`. Walks without recursion, so no depth breaks it.
    """
    repaired = False
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, location = stack.pop()
        if isinstance(value, dict):
            if len(location) >= MAX_DEPTH:
                raise _error("session.too_deep", lang, source, field=_field(location), depth=MAX_DEPTH)
            for key, item in value.items():
                repaired = repaired or not _is_valid_unicode(key)
                stack.append((item, (*location, key)))
        elif isinstance(value, list):
            if len(location) >= MAX_DEPTH:
                raise _error("session.too_deep", lang, source, field=_field(location), depth=MAX_DEPTH)
            stack.extend((item, (*location, index)) for index, item in enumerate(value))
        elif isinstance(value, str):
            repaired = repaired or not _is_valid_unicode(value)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int | float):
            _check_number(value, location, lang, source)
    return _repair_unicode(data) if repaired else data


def _check_number(value: float, location: tuple[Any, ...], lang: str, source: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise _error("session.not_finite", lang, source, field=_field(location), value=_number_text(value))
    if abs(value) > MAX_NUMBER:
        raise _error(
            "session.number_out_of_range",
            lang,
            source,
            field=_field(location),
            value=_number_text(value),
            limit=f"{MAX_NUMBER:,}".replace(",", "." if lang == "da" else ","),
        )


def _number_text(value: float) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:20] + "…"


def _is_valid_unicode(value: object) -> bool:
    if not isinstance(value, str) or value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _repair_unicode(value: Any) -> Any:
    """``value`` with every lone surrogate in its texts (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return value if _is_valid_unicode(value) else _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_repair_unicode(key): _repair_unicode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_repair_unicode(item) for item in value]
    return value


def _field(location: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in location:
        parts.append(f"[{item}]" if isinstance(item, int) else ("." if parts else "") + str(item))
    return short_repr("".join(parts), 80).strip('"') or "(hele filen)"


def _position(data: str, match: re.Match[str] | None) -> tuple[int, int]:
    if match is None:
        return 1, 1
    before = data[: match.start()]
    return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1


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
            text("session.unreadable", lang, file=str(path), reason=os_error_reason(error, lang)),
            path=path,
        ) from None
    try:
        return loads_session(content, source=str(path), lang=lang)
    except SessionFileError as error:
        raise SessionFileError(error.message, _last_good_hint(path, lang), path=path) from None


def save_session(session: Session, path: str | Path, *, lang: str = "da") -> None:
    """Write ``session`` to ``path`` atomically and record the new version in the history.

    Raises `SessionFileError` naming the file when the content breaks the format's limits (then
    nothing is written) or the disk refuses (the old file is then untouched).
    """
    path = Path(path)
    content = encode_session(session, source=str(path), lang=lang)
    history.record(path, content, meeting_date=session.meeting.date, lang=lang)
    write_meeting_file(path, content, lang=lang)


def encode_session(session: Session, *, source: str = "<tekst>", lang: str = "da") -> bytes:
    """The meeting file's bytes for ``session``, checked so that they load again.

    Numbers out of range are refused (`SessionFileError` naming the field); lone surrogates, which
    no UTF-8 file can hold, are written as U+FFFD.
    """
    _check_session_numbers(session, lang, source)
    try:
        return dumps_session(session).encode("utf-8")
    except (PydanticSerializationError, UnicodeEncodeError):
        repaired = Session.model_validate(_repair_unicode(session.model_dump(mode="python")))
        return dumps_session(repaired).encode("utf-8")


def _check_session_numbers(session: Session, lang: str, source: str) -> None:
    # Only the composition holds floats and unbounded counts; the other numbers have ranges in the model.
    if session.composition is not None:
        for index, row in enumerate(session.composition.rows):
            _check_number(row.residents, ("composition", "rows", index, "residents"), lang, source)
            _check_number(row.board, ("composition", "rows", index, "board"), lang, source)
    for part, minutes in session.agenda.items():
        _check_number(minutes, ("agenda", part.value), lang, source)


def write_meeting_file(path: Path, content: bytes, *, lang: str = "da") -> None:
    """Replace the meeting file at ``path`` by ``content`` atomically (`write_bytes_atomic`).

    A disk that refuses (full, read-only, gone) raises `SessionFileError` naming the file; the old
    file is then untouched.
    """
    try:
        write_bytes_atomic(content, path, lang=lang)
    except FileWriteError as error:
        raise SessionFileError(
            text("session.write_failed", lang, file=str(path), reason=error.reason),
            text("session.write_failed_hint", lang),
            path=path,
        ) from None


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files that killed processes left beside the meeting file at ``path``."""
    prefix = f".{path.name}."
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return
    host = socket.gethostname()
    for temporary in candidates:
        name = temporary.name
        if not (name.startswith(prefix) and name.endswith(TEMPORARY_SUFFIX)):
            continue
        pid_text = name.removeprefix(prefix).removesuffix(TEMPORARY_SUFFIX).split(".")[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        if not Holder(pid=int(pid_text), host=host, user="", since="").is_alive():
            try:
                if temporary.is_file() and not temporary.is_symlink():
                    temporary.unlink()
            except OSError:
                pass


def _error(key: str, lang: str, source: str, **values: Any) -> SessionFileError:
    return SessionFileError(text(key, lang, file=source, **values), path=None)


def _last_good_hint(path: Path, lang: str) -> str:
    """Point the user at the newest version in the history that still loads, if any."""
    try:
        versions = history.list_versions(path, lang=lang)
    except SessionFileError:
        return text("session.no_good_version_hint", lang)
    for entry in versions:
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
