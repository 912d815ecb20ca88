"""The kit's errors. Every message speaks to the person in front of the screen, in their language.

`ErfakitError` is the root: the command line, the forms and the notebooks catch it and show its
message without a traceback. Anything else that escapes is a bug and is shown as one.
"""

from __future__ import annotations

from pathlib import Path


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
