"""Reading what a person types: dates, times and labels in Danish or English forms.

Used at the boundaries (command line, forms, imports); raises `FormInputError` with a message that
quotes the value and shows what would be accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import TypeVar

from erfakit.exceptions import FormInputError
from erfakit.texts import label, text

E = TypeVar("E", bound=Enum)

_DATE_FORMS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%y")
_TIME = re.compile(r"^\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:,]?(\d{2}))?\s*$", re.IGNORECASE)


def parse_date_text(value: str, *, field: str = "", lang: str = "da") -> dt.date:
    """A date written as 2026-12-03, 3.12.2026, 03-12-2026 or 3/12/2026."""
    cleaned = value.strip()
    for form in _DATE_FORMS:
        try:
            return dt.datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    raise FormInputError(text("parsing.bad_date", lang, value=value, field=field or "?"))


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
