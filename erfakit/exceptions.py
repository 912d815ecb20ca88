"""The kit's errors. Every message speaks to the person in front of the screen, in their language.

`ErfakitError` is the root: the command line, the forms and the notebooks catch it and show its
message without a traceback. Anything else that escapes is a bug and is shown as one.
"""

from __future__ import annotations

import errno as _errno
from pathlib import Path
from typing import TYPE_CHECKING, Any

from erfakit.texts import text

if TYPE_CHECKING:
    from pydantic import ValidationError


class ErfakitError(Exception):
    """Root of the kit's own errors: a message for the user, and a hint on how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class InputFileError(ErfakitError):
    """A data file (composition, earlier agreements, …) that cannot be read as given.

    Carries where the problem is, so a list of problems can be shown as a table.
    """

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message, hint)
        self.path = Path(path) if path is not None else None
        self.row = row
        self.column = column
        self.value = value


class InputFileErrors(ErfakitError):
    """Several problems found in one check of one or more files."""

    def __init__(self, errors: list[InputFileError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


class SessionFileError(ErfakitError):
    """A meeting file that cannot be loaded: truncated, not JSON, wrong types or too new."""

    def __init__(self, message: str, hint: str = "", *, path: str | Path | None = None) -> None:
        super().__init__(message, hint)
        self.path = Path(path) if path is not None else None


class SessionLockedError(SessionFileError):
    """The meeting file is open for editing in another process."""

    def __init__(
        self, message: str, hint: str = "", *, path: str | Path | None = None, holder: dict | None = None
    ) -> None:
        super().__init__(message, hint, path=path)
        self.holder = holder or {}


class SessionReadOnlyError(SessionFileError):
    """The meeting file can be read but not saved by this user (permissions of the file or folder)."""


class FormInputError(ErfakitError):
    """A value typed into a form that cannot be used (e.g. an agreement without text)."""


class MissingDependencyError(ErfakitError):
    """An optional part of the kit (PDF export, a browser) is not installed."""


class FileWriteError(ErfakitError):
    """A file the kit writes could not be written; the old file at that name is untouched."""

    def __init__(self, path: str | Path, reason: str, *, lang: str = "da", errno: int | None = None) -> None:
        hint_key = _WRITE_HINTS.get(errno or 0, "files.write_failed_hint")
        super().__init__(text("files.write_failed", lang, file=str(path), reason=reason), text(hint_key, lang))
        self.path = Path(path)
        self.reason = reason
        self.errno = errno


_WRITE_HINTS = {
    _errno.ENOSPC: "files.hint_full",
    _errno.EDQUOT: "files.hint_full",
    _errno.EACCES: "files.hint_permission",
    _errno.EPERM: "files.hint_permission",
    _errno.EROFS: "files.hint_permission",
}

_OS_REASONS = {
    _errno.ENOSPC: "files.reason_full",
    _errno.EDQUOT: "files.reason_quota",
    _errno.EACCES: "files.reason_permission",
    _errno.EPERM: "files.reason_permission",
    _errno.EROFS: "files.reason_read_only",
    _errno.EISDIR: "files.reason_is_folder",
    _errno.ENOTDIR: "files.reason_not_folder",
    _errno.ENOENT: "files.reason_missing",
    _errno.ELOOP: "files.reason_link",
    _errno.EEXIST: "files.reason_exists",
    _errno.EIO: "files.reason_io",
    _errno.ENAMETOOLONG: "files.reason_name_too_long",
    _errno.EBUSY: "files.reason_busy",
    _errno.ETXTBSY: "files.reason_busy",
    _errno.ENOTEMPTY: "files.reason_is_folder",
}


def os_error_reason(error: OSError, lang: str = "da") -> str:
    """What an operating-system error means, in the user's language ("disken er fuld", …)."""
    key = _OS_REASONS.get(error.errno or 0)
    if key is not None:
        return text(key, lang)
    detail = error.strerror or type(error).__name__
    name = _errno.errorcode.get(error.errno or 0, "")
    return text("files.reason_other", lang, detail=f"{detail} ({name})" if name else detail)


def explain_validation_error(
    error: ValidationError,
    *,
    lang: str = "da",
    source: str | None = None,
    field_names: dict[str, str] | None = None,
    kind: type[ErfakitError] = ErfakitError,
) -> ErfakitError:
    """A pydantic ``ValidationError`` as the kit's error: one Danish sentence naming field and value.

    ``source`` names the meeting file the values come from (then the message says so); without it
    the message speaks of a field typed in a form or on the command line. ``field_names`` maps the
    model's field path ("duration_minutes") to what the user sees ("--varighed", "Varighed"). The
    first problem is described; the hint says how many more there are.
    """
    problems = error.errors(include_url=False)
    first = problems[0]
    field = _field_path(first["loc"])
    if field_names:
        field = field_names.get(field, field)
    if first["type"] == "missing":
        key = "session.field_missing" if source else "session.input_missing"
        message = text(key, lang, file=source or "", field=field)
    else:
        key = "session.field_invalid" if source else "session.input_invalid"
        message = text(
            key, lang, file=source or "", field=field, value=short_repr(first.get("input")), reason=_reason(first, lang)
        )
    hint = text("session.field_hint", lang) if source else ""
    more = len(problems) - 1
    if more:
        hint = (text("session.more_problems", lang, count=more) + " " + hint).strip()
    return kind(message, hint)


def short_repr(value: object, limit: int = 60) -> str:
    """A value as JSON, cut to ``limit`` characters; never fails (deep or odd values included)."""
    import json

    try:
        shown = json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, TypeError, RecursionError):
        shown = type(value).__name__
    shown = shown.encode("utf-8", "replace").decode("utf-8")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _field_path(location: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in location:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


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
    "int_from_float": "session.reason_int",
    "float_parsing": "session.reason_number",
    "float_type": "session.reason_number",
    "finite_number": "session.reason_finite",
    "string_type": "session.reason_text",
    "string_unicode": "session.reason_text",
    "list_type": "session.reason_list",
    "tuple_type": "session.reason_list",
    "too_short": "session.reason_length",
    "too_long": "session.reason_length",
    "dict_type": "session.reason_object",
    "model_type": "session.reason_object",
    "bool_type": "session.reason_bool",
    "bool_parsing": "session.reason_bool",
    "greater_than_equal": "session.reason_range",
    "less_than_equal": "session.reason_range",
    "greater_than": "session.reason_range",
    "less_than": "session.reason_range",
}


def _reason(problem: Any, lang: str) -> str:
    key = _REASONS.get(problem["type"])
    context = problem.get("ctx") or {}
    if key is None:
        return text("session.reason_other", lang)
    if key == "session.reason_range":
        if "ge" in context and "le" not in context:
            key = "session.reason_at_least"
        elif "le" in context and "ge" not in context:
            key = "session.reason_at_most"
    expected = str(context.get("expected", ""))
    if lang == "da":
        expected = expected.replace(" or ", " eller ")
    return text(
        key,
        lang,
        expected=expected,
        ge=context.get("ge", context.get("gt", "")),
        le=context.get("le", context.get("lt", "")),
    )
