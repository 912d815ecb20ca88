"""Dates, times and numbers the way Danish (or English) readers expect them.

Danish: ``26. november 2026``, ``kl. 14.30``, ``1.234,5``. Babel holds the CLDR rules, so we do not
hand-write month names or separators.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

_DATE_PATTERN = {"da": "d. MMMM y", "en": "d MMMM y"}
_WEEKDAY_DATE_PATTERN = {"da": "EEEE 'den' d. MMMM y", "en": "EEEE d MMMM y"}
_TIME_PATTERN = {"da": "'kl.' HH.mm", "en": "HH:mm"}


def format_date(value: dt.date | None, lang: str = "da", *, weekday: bool = False) -> str:
    """A date as words: "26. november 2026" (with weekday: "torsdag den 26. november 2026")."""
    if value is None:
        return ""
    pattern = (_WEEKDAY_DATE_PATTERN if weekday else _DATE_PATTERN)[lang]
    return _babel_date(value, pattern, locale=lang)


def format_short_date(value: dt.date | None, lang: str = "da") -> str:
    """A compact date for tables: "26.11.2026" (English: "26/11/2026")."""
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y" if lang == "da" else "%d/%m/%Y")


def format_time(value: dt.time | dt.datetime, lang: str = "da") -> str:
    """A clock time: "kl. 14.30" (English: "14:30")."""
    return _babel_time(value, _TIME_PATTERN[lang], locale=lang)


def format_number(value: float, lang: str = "da", *, decimals: int = 1) -> str:
    """A number with the language's separators: 1234.5 → "1.234,5"."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _babel_decimal(value, pattern, locale=lang)


def format_percent(share: float, lang: str = "da", *, decimals: int = 0) -> str:
    """A share (0–1) as a percentage: 0.077 → "8 %" (Danish puts a space before the sign)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + " %"
    if lang == "en":
        pattern = pattern.replace(" %", "%")
    return _babel_percent(share, pattern, locale=lang)
