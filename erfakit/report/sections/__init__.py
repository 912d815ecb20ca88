"""The session report's sections: one module per part, each a pure function from a `Session` to HTML.

The report notebook calls `show_section(name, …)` once per cell; the fast export path calls the same
`render_section` in-process. Everything the tovholder typed is escaped (see `erfakit.report.html`).
Charts are embedded as PNG; the report carries no widgets and no scripts.
"""

from __future__ import annotations

from collections.abc import Callable

from erfakit.core.model import MeetingKind, Session
from erfakit.exceptions import ErfakitError
from erfakit.report.sections.composition import render_composition
from erfakit.report.sections.front import render_front
from erfakit.report.sections.koordination import (
    render_emner,
    render_naeste,
    render_nye_aftaler,
    render_projekter,
    render_status,
)
from erfakit.report.sections.ovelse1 import render_ovelse1, render_ovelse1_development
from erfakit.report.sections.ovelse2 import render_ovelse2
from erfakit.report.sections.ovelse3 import render_ovelse3
from erfakit.report.sections.velkommen import render_velkommen
from erfakit.texts import text

__all__ = ["SECTIONS", "SECTIONS_BY_KIND", "render_section"]

SECTIONS: dict[str, Callable[[Session, str], str]] = {
    "forside": render_front,
    "velkommen": render_velkommen,
    "ovelse1": render_ovelse1,
    "sammensaetning": render_composition,
    "ovelse1c": render_ovelse1_development,
    "ovelse2": render_ovelse2,
    "ovelse3": render_ovelse3,
    "status": render_status,
    "emner": render_emner,
    "projekter": render_projekter,
    "nye_aftaler": render_nye_aftaler,
    "naeste": render_naeste,
}
"""The report's sections by name, in report order (the names the report notebook's cells use)."""

SECTIONS_BY_KIND: dict[MeetingKind, tuple[str, ...]] = {
    MeetingKind.ERFARINGSGRUPPE4: (
        "forside",
        "velkommen",
        "ovelse1",
        "sammensaetning",
        "ovelse1c",
        "ovelse2",
        "ovelse3",
    ),
    MeetingKind.KOORDINATION: ("forside", "status", "emner", "projekter", "nye_aftaler", "naeste"),
}
"""Which sections a meeting of each kind has: one report notebook serves both, and a section of the
other kind renders nothing."""


def render_section(name: str, session: Session, lang: str) -> str:
    """The HTML of section `name` (a key of `SECTIONS`); raises `ErfakitError` for an unknown name."""
    try:
        renderer = SECTIONS[name]
    except KeyError:
        raise ErfakitError(text("report.section.unknown", lang, name=name, allowed=", ".join(SECTIONS))) from None
    if name not in SECTIONS_BY_KIND[session.kind]:
        return ""
    return renderer(session, lang)
