"""The catalogue of every user-facing text, Danish by default and English complete.

The catalogue is split by area into TOML files beside this module (``core.toml``, ``guide.toml``,
``composition.toml``, …). Each key holds both languages side by side, so a missing translation shows
in review::

    [saved_at]
    da = "Gemt kl. {time}"
    en = "Saved at {time}"

A key's full name is ``<file stem>.<key>``, e.g. ``core.saved_at``.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterator
from enum import Enum
from importlib import resources
from typing import Literal

Language = Literal["da", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "en")
DEFAULT_LANGUAGE: Language = "da"


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every text of the kit: ``{full key: {"da": …, "en": …}}``."""
    merged: dict[str, dict[str, str]] = {}
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".toml"):
            continue
        stem = entry.name.removesuffix(".toml")
        table = tomllib.loads(entry.read_text(encoding="utf-8"))
        for key, texts in _flatten(table):
            merged[f"{stem}.{key}"] = texts
    return merged


def _flatten(table: dict[str, object], prefix: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (dotted key, {lang: text}) for every leaf table holding language keys."""
    for key, value in table.items():
        if not isinstance(value, dict):
            continue
        dotted = f"{prefix}{key}"
        if any(lang in value for lang in LANGUAGES):
            yield dotted, {lang: text for lang, text in value.items() if isinstance(text, str)}
        # A heading key may have sub-keys too: [o1.a] and [o1.a.role].
        yield from _flatten(value, prefix=f"{dotted}.")


def text(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text under ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    An unknown key raises ``KeyError``: a missing text is a programming error, caught by the tests.
    """
    entry = catalogue()[key]
    template = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def label(member: Enum, lang: str = DEFAULT_LANGUAGE) -> str:
    """The display label of an enum member, e.g. ``Function.DRIFT`` → "Drift"."""
    return text(f"labels.{type(member).__name__}.{member.value}", lang)
