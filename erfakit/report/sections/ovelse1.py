"""The report's Øvelse 1: A) Relation and B) Status word for word with the answers; after the
composition (section "sammensaetning", `erfakit.report.sections.composition`), C) Udvikling and
the agreements on resident democracy."""

from __future__ import annotations

from erfakit.core.guide import OVELSE1_SECTIONS, Section
from erfakit.core.model import Origin, PartId, Session
from erfakit.report.html import agreement_table, answer, heading, paragraph, section
from erfakit.texts import label, text


def render_ovelse1(session: Session, lang: str) -> str:
    """Øvelse 1's A) Relation and B) Status: every question word for word with its answer.

    The composition comparison (section "sammensaetning") follows, as it belongs to B; then
    `render_ovelse1_development` with C) and the part's agreements.
    """
    body = [heading(2, label(PartId.OVELSE1, lang)), paragraph(text("guide.o1.intro", lang), css_class="erfa-guide")]
    for guide_section in OVELSE1_SECTIONS[:2]:
        body.extend(_questions_and_answers(session, guide_section, lang))
    return section(PartId.OVELSE1.value, body)


def render_ovelse1_development(session: Session, lang: str) -> str:
    """Øvelse 1's C) Udvikling with its answers, and the agreements on resident democracy."""
    body = _questions_and_answers(session, OVELSE1_SECTIONS[2], lang)
    body.append(heading(3, text("report.o1.agreements_heading", lang)))
    body.append(agreement_table([a for a in session.agreements if a.origin == Origin.OVELSE1], lang))
    return section("ovelse1c", body, page_break=False)


def _questions_and_answers(session: Session, guide_section: Section, lang: str) -> list[str]:
    body = [heading(3, text(f"guide.{guide_section.id}", lang))]
    for question in guide_section.questions:
        body.append(heading(4, text(f"guide.{question}", lang), css_class="erfa-question"))
        body.append(answer(session.answers.get(question), lang))
    return body
