"""Reading what a person types: dates, times, labels and free text in Danish or English forms.

Used at the boundaries (command line, forms, imports); raises `FormInputError` with a message that
quotes the value and shows what would be accepted.

Dates are read the ways Danes write them, whatever language the browser speaks: ``3.12.2026``,
``3/12``, ``3-12-26``, ``3. dec``, ``3 december 2026``, ``torsdag den 3. december 2026`` and ISO
``2026-12-03``. A date without a year takes the year of a reference date (the meeting's), rolling
forward to the next year when that would put it more than `YEAR_ROLL_SLACK` before the reference:
typed at a meeting in December, "15/1" is next January, while "1/12" stays this December (and a
deadline before the meeting is then refused by the form's own check, visibly).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from erfakit.exceptions import FormInputError
from erfakit.texts import label, text

E = TypeVar("E", bound=Enum)

_TIME = re.compile(r"^\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:,]?(\d{2}))?\s*$", re.IGNORECASE)

YEAR_ROLL_SLACK = dt.timedelta(days=60)
"""A date typed without a year lies at most this long before the reference date."""

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jan", "january"),
            ("februar", "feb", "february"),
            ("marts", "mar", "march"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
"""Month names and their usual abbreviations, Danish and English, lower case."""

_WEEKDAYS = (
    "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|man|tir|ons|tor|fre|lør|søn|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
_PREFIX = re.compile(rf"^(?:(?:{_WEEKDAYS})\.?,?\s+)?(?:den\s+|d\.\s*)?")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*([./-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2})?)?\.?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s*([a-zæøå]+)\.?(?:,?\s*(\d{4}|\d{2}))?$")
_MONTH_DAY = re.compile(r"^([a-zæøå]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


class DateProblem(Enum):
    """Why a typed text is not a date."""

    NOT_A_DATE = "bad_date"
    IMPOSSIBLE = "impossible_date"
    NO_YEAR = "date_needs_year"


@dataclass(frozen=True)
class _Parts:
    day: int
    month: int
    year: int | None


def read_date(written: str, *, reference: dt.date | None = None) -> dt.date | None:
    """The date ``written`` as Danes write it (see the module text), or None when it is none.

    Without ``reference`` a date must carry its year.
    """
    result = _read_date(written, reference)
    return result if isinstance(result, dt.date) else None


def parse_date_text(value: str, *, field: str = "", lang: str = "da", reference: dt.date | None = None) -> dt.date:
    """The date typed in ``value`` (see `read_date`); `FormInputError` in words when it is none.

    A partial date ("3.1.20", "dec") and an impossible one ("31.2.2026") are refused, never guessed.
    """
    result = _read_date(value, reference)
    if isinstance(result, dt.date):
        return result
    return _raise_date_problem(result, value, field, lang)


def _raise_date_problem(problem: tuple[DateProblem, _Parts | None], value: str, field: str, lang: str) -> dt.date:
    raise FormInputError(text(f"parsing.{problem[0].value}", lang, value=value, field=field or "?"))


def _read_date(written: str, reference: dt.date | None) -> dt.date | tuple[DateProblem, _Parts | None]:
    cleaned = " ".join(written.strip().lower().split())
    cleaned = _PREFIX.sub("", cleaned, count=1)
    parts = _split_date(cleaned)
    if parts is None:
        return DateProblem.NOT_A_DATE, None
    if not (1 <= parts.month <= 12 and 1 <= parts.day <= 31):
        return DateProblem.IMPOSSIBLE, parts
    if parts.year is None:
        if reference is None:
            return DateProblem.NO_YEAR, parts
        return _in_year_after(parts, reference)
    try:
        return dt.date(parts.year, parts.month, parts.day)
    except ValueError:
        return DateProblem.IMPOSSIBLE, parts


def _in_year_after(parts: _Parts, reference: dt.date) -> dt.date | tuple[DateProblem, _Parts | None]:
    year = reference.year
    try:
        candidate = dt.date(year, parts.month, parts.day)
    except ValueError:
        candidate = None
    if candidate is None or candidate < reference - YEAR_ROLL_SLACK:
        year += 1
        try:
            candidate = dt.date(year, parts.month, parts.day)
        except ValueError:
            return DateProblem.IMPOSSIBLE, _Parts(parts.day, parts.month, year)
    return candidate


def _split_date(cleaned: str) -> _Parts | None:
    if match := _ISO.match(cleaned):
        return _Parts(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    if match := _NUMERIC.match(cleaned):
        return _Parts(int(match.group(1)), int(match.group(3)), _year(match.group(4)))
    if (match := _DAY_MONTH.match(cleaned)) and match.group(2) in MONTHS:
        return _Parts(int(match.group(1)), MONTHS[match.group(2)], _year(match.group(3)))
    if (match := _MONTH_DAY.match(cleaned)) and match.group(1) in MONTHS:
        return _Parts(int(match.group(2)), MONTHS[match.group(1)], _year(match.group(3)))
    return None


def _year(written: str | None) -> int | None:
    if not written:
        return None
    return 2000 + int(written) if len(written) == 2 else int(written)


def parse_time_text(value: str, *, field: str = "", lang: str = "da") -> dt.time:
    """A clock time written as 14:30, 14.30, 14,30, 1430, kl. 14.30 or 14 (command line and forms)."""
    match = _TIME.match(value)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise FormInputError(text("parsing.bad_time", lang, value=value, field=field or "?"))


def parse_choice(value: str, choices: type[E], *, field: str = "", lang: str = "da") -> E:
    """The member of ``choices`` whose code or Danish/English label is ``value`` (any case)."""
    wanted = _fold(value)
    for member in choices:
        names = {member.value, label(member, "da"), label(member, "en")}
        if wanted in {_fold(name) for name in names}:
            return member
    allowed = ", ".join(label(member, lang) for member in choices)
    raise FormInputError(text("parsing.bad_choice", lang, value=value, field=field or "?", allowed=allowed))


def _fold(value: str) -> str:
    return " ".join(value.casefold().split())


@dataclass(frozen=True)
class CleanedText:
    """Typed text made storable, and what had to change."""

    text: str
    replaced: int = 0
    """Lone UTF-16 surrogates (half an emoji, pasted) replaced by U+FFFD: no UTF-8 file can hold them."""
    removed: int = 0
    """Invisible control characters removed (a spreadsheet or PDF copy brings them along)."""

    @property
    def changed(self) -> bool:
        return bool(self.replaced or self.removed)


_KEPT_CONTROLS = {"\t", "\n"}


def clean_typed_text(value: str) -> CleanedText:
    """``value`` as it can be stored: lone surrogates become U+FFFD, control characters go.

    Tabs and line breaks stay (a carriage return before a line break is dropped, a lone one becomes
    a line break). Clean text comes back unchanged.
    """
    if value.isprintable() or not any(_unstorable(char) for char in value):
        return CleanedText(value)
    replaced = removed = 0
    kept: list[str] = []
    for char in value.replace("\r\n", "\n").replace("\r", "\n"):
        if not _unstorable(char):
            kept.append(char)
        elif unicodedata.category(char) == "Cs":
            kept.append("\ufffd")
            replaced += 1
        else:
            removed += 1
    return CleanedText("".join(kept), replaced, removed)


def _unstorable(char: str) -> bool:
    return char == "\r" or (char not in _KEPT_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"))
