"""The app mode's error pages say in Danish (and English) what happened, with the catalogue's words.

Voilà renders these Jinja templates itself, outside the kit's text catalogue; this keeps the two
equal, so a translation cannot drift and every sentence exists in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from erfakit.texts import catalogue

TEMPLATES = Path(__file__).resolve().parents[2] / "erfakit" / "appmode" / "voila" / "templates" / "erfakit"
PAGES = {"error": "error.html", "not_found": "404.html", "forbidden": "403.html"}


def sentences(key_prefix: str) -> dict[str, dict[str, str]]:
    return {key: texts for key, texts in catalogue().items() if key.startswith(f"appmode.{key_prefix}.")}


def template_text(name: str) -> tuple[str, str]:
    """The Danish and the English part of a template, tags removed, whitespace collapsed."""
    raw = (TEMPLATES / name).read_text(encoding="utf-8")
    raw = re.sub(r"\{#.*?#\}", "", raw, flags=re.S).replace("{{ status_code }}", "{status}")
    danish, _, english = raw.partition('class="erfakit-error-en"')
    if "{% block error_en %}" in raw and name != "error.html":
        danish, _, english = raw.partition("{% block error_en %}")

    def plain(part: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))

    return plain(danish), plain(english)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_sentence_of_an_error_page_is_the_catalogues_in_both_languages(page: str):
    danish, english = template_text(PAGES[page])
    expected = sentences(page)
    assert expected, f"no catalogue texts for {page}"
    for key, texts in expected.items():
        assert texts["da"] in danish, f"{PAGES[page]} lacks the Danish text of {key}: {texts['da']!r}"
        assert texts["en"] in english, f"{PAGES[page]} lacks the English text of {key}: {texts['en']!r}"


def test_the_error_pages_fetch_nothing_from_the_internet():
    for name in PAGES.values():
        content = (TEMPLATES / name).read_text(encoding="utf-8")
        assert "http://" not in content and "https://" not in content, name
