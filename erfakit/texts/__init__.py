"""The catalogue of every user-facing text, Danish by default and English complete.

The catalogue is split by area into TOML files beside this module (``core.toml``, ``guide.toml``,
``composition.toml``, …). Each key holds both languages side by side, so a missing translation shows
in review::

    [saved_at]
    da = "Gemt kl. {time}"
    en = "Saved at {time}"

A key's full name is ``<file stem>.<key>``, e.g. ``core.saved_at``.

A text that counts something has a form per plural category of its language (CLDR's categories, as
Babel knows them: Danish and English have "one" and "other"), chosen by the number in its
``{count}`` placeholder, or in the placeholder that ``plural`` names::

    [summary.agreements]
    da = { one = "{count} ny aftale i dag", other = "{count} nye aftaler i dag" }
    en = { one = "{count} new agreement today", other = "{count} new agreements today" }

`catalogue()` lists such a key with its "other" form; `plural_forms()` has every form.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from typing import Any, Literal

Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "en")
DEFAULT_LANGUAGE: Language = "da"


PluralForms = dict[str, dict[str, str]]
"""``{lang: {plural category: template}}``."""


@dataclass(frozen=True)
class _Catalogue:
    texts: dict[str, dict[str, str]]
    plurals: dict[str, PluralForms]
    counted_by: dict[str, str]


@functools.cache
def _load() -> _Catalogue:
    texts: dict[str, dict[str, str]] = {}
    plurals: dict[str, PluralForms] = {}
    counted_by: dict[str, str] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".toml"):
            continue
        stem = entry.name.removesuffix(".toml")
        table = tomllib.loads(entry.read_text(encoding="utf-8"))
        for key, value in _flatten(table):
            full = f"{stem}.{key}"
            forms: PluralForms = {
                str(lang): {str(category): str(form) for category, form in v.items()}
                for lang, v in value.items()
                if lang in LANGUAGES and isinstance(v, dict)
            }
            if forms:
                plurals[full] = forms
                counted_by[full] = str(value.get("plural", "count"))
            texts[full] = {
                lang: v if isinstance(v, str) else str(v.get("other", ""))
                for lang, v in value.items()
                if lang in LANGUAGES and isinstance(v, str | dict)
            }
    return _Catalogue(texts, plurals, counted_by)


def catalogue() -> dict[str, dict[str, str]]:
    """Every text of the kit: ``{full key: {"da": …, "en": …}}`` (a counted text by its "other" form)."""
    return _load().texts


def plural_forms() -> dict[str, PluralForms]:
    """The counted texts: ``{full key: {lang: {"one": …, "other": …}}}``."""
    return _load().plurals


def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang``: "one" for 1 in Danish and English, else "other"."""
    return str(_locale(lang).plural_form(abs(count)))


@functools.cache
def _locale(lang: str) -> Any:
    from babel import Locale  # Babel's locale data: only when a counted text is asked for

    return Locale.parse(lang)


def _flatten(table: dict[str, object], prefix: str = "") -> Iterator[tuple[str, dict[str, object]]]:
    """Yield (dotted key, {lang: text or plural forms}) for every leaf table holding language keys."""
    for key, value in table.items():
        if not isinstance(value, dict):
            continue
        dotted = f"{prefix}{key}"
        if any(lang in value for lang in LANGUAGES):
            yield dotted, value
        # A heading key may have sub-keys too: [o1.a] and [o1.a.role].
        yield from _flatten({k: v for k, v in value.items() if k not in LANGUAGES}, prefix=f"{dotted}.")


def text(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text under ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    A counted text takes the form for the number in its count placeholder (``{count}`` unless the
    entry names another with ``plural``). An unknown key raises ``KeyError``: a missing text is a
    programming error, caught by the tests.
    """
    loaded = _load()
    forms = loaded.plurals.get(key)
    if forms is not None:
        count = values[loaded.counted_by[key]]
        by_category = forms.get(lang) or forms[DEFAULT_LANGUAGE]
        template = by_category.get(plural_category(float(str(count)), lang)) or by_category["other"]
    else:
        entry = loaded.texts[key]
        template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def label(member: Enum, lang: str = DEFAULT_LANGUAGE) -> str:
    """The display label of an enum member, e.g. ``Function.DRIFT`` → "Drift"."""
    return text(f"labels.{type(member).__name__}.{member.value}", lang)
