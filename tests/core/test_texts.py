"""The text catalogue: Danish by default, English complete, every key used in the code exists."""

import re
import string
from pathlib import Path

import pytest

from erfakit.texts import LANGUAGES, catalogue, plural_forms, text

PACKAGE = Path(__file__).resolve().parents[2] / "erfakit"
# text("key" / help_text("key" / _error("key": literal keys only; computed keys are checked where built.
LITERAL_KEY = re.compile(r"""\b(?:text|help_text|_error|t)\(\s*["']([a-z_0-9]+\.[a-zA-Z0-9_.]+)["']""")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_exists_in_danish_and_english():
    missing = [
        f"{key} ({lang})" for key, texts in catalogue().items() for lang in LANGUAGES if not texts.get(lang, "").strip()
    ]
    assert not missing, f"texts missing a translation: {missing}"


def test_both_languages_use_the_same_placeholders():
    mismatched = [
        key for key, texts in catalogue().items() if _fields(texts.get("da", "")) != _fields(texts.get("en", ""))
    ]
    assert not mismatched, f"placeholders differ between da and en: {mismatched}"


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    known = catalogue()
    unknown = []
    for source in PACKAGE.rglob("*.py"):
        for key in LITERAL_KEY.findall(source.read_text(encoding="utf-8")):
            if key not in known:
                unknown.append(f"{source.relative_to(PACKAGE)}: {key}")
    assert not unknown, f"keys used in code but not in erfakit/texts/*.toml: {unknown}"


def test_danish_is_the_default_language():
    assert text("guide.o1.c.contribute") == "Hvad kan I bidrage med?"
    assert text("guide.o1.c.contribute", "en") == "What can you contribute?"


def test_an_unknown_key_is_a_programming_error():
    with pytest.raises(KeyError):
        text("no.such.key")


def test_every_counted_text_has_the_plural_forms_of_each_language_with_the_same_placeholders():
    from babel import Locale

    problems = []
    for key, forms in plural_forms().items():
        placeholders = {_fields(template).__repr__() for by_lang in forms.values() for template in by_lang.values()}
        if len(placeholders) != 1:
            problems.append(f"{key}: placeholders differ between forms")
        for lang in LANGUAGES:
            needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
            if set(forms.get(lang, {})) != needed:
                problems.append(f"{key} ({lang}): forms {sorted(forms.get(lang, {}))}, needs {sorted(needed)}")
    assert not problems, problems


def test_counted_texts_say_one_in_the_singular_and_more_in_the_plural():
    assert text("meeting.summary.agreements", count=1, total=3) == "1 ny aftale i dag (3 i alt med de tidligere)"
    assert text("meeting.summary.agreements", count=2, total=3).startswith("2 nye aftaler i dag")
    assert text("meeting.summary.agreements", count=0, total=3).startswith("0 nye aftaler i dag")
    assert text("cli.history.heading", file="m.json", count=1) == "1 version af m.json:"
    assert text("meeting.summary.partners", "en", count=1) == "1 partner in the grid"
    assert text("composition.check_failed", n=1).startswith("1 problem fundet")


def test_no_text_hedges_a_plural_with_parentheses():
    hedged = [
        key
        for key, texts in catalogue().items()
        for value in texts.values()
        if re.search(r"\w\((?:er|e|s|ies|mer|r)\)", value)
    ]
    assert not hedged, f"use plural forms instead of '(er)': {hedged}"


def test_one_name_per_thing_and_one_kind_of_danish_quotes():
    """The action list is the »aftaleliste«, whoever answers for something is »ansvarlig«, the
    minutes are the »referat«, »pr.« not »per«, and Danish quotes are »…«."""
    banned = re.compile(r"handleplan|handlingsliste|\bper\b|[“”„]|rapporten|eksportér rapport|^ejer\b", re.IGNORECASE)
    found = [f"{key}: {texts['da']}" for key, texts in catalogue().items() if banned.search(texts.get("da", ""))]
    assert not found, found
    unpaired = [
        key
        for key, texts in catalogue().items()
        if (quotes := "".join(c for c in texts.get("da", "") if c in "«»")) != "»«" * (len(quotes) // 2)
    ]
    assert not unpaired, f"Danish quotes must read »…«: {unpaired}"
