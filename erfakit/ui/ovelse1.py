"""Øvelse 1 — Beboerdemokratiet: A) Relation, B) Status (with the composition), C) Udvikling, aftaler."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as widgets

from erfakit.core.agreements import count_democracy_agreements, democracy_progress
from erfakit.core.composition import CompositionComparison, compare_composition
from erfakit.core.guide import DEMOCRACY_EXAMPLES, MIN_DEMOCRACY_AGREEMENTS, OVELSE1_SECTIONS
from erfakit.core.model import Agreement, Composition, Origin, Theme
from erfakit.texts import text
from erfakit.ui.agreements import AgreementEditor
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, run_guarded
from erfakit.ui.fields import answer_field, close_all, full_width, heading, help_text, styled
from erfakit.ui.images import figure_image

if TYPE_CHECKING:
    from erfakit.core.composition import CompositionComparison

COMPOSITION_QUESTION = "o1.b.composition"


def build_ovelse1(ctx: MeetingContext) -> widgets.VBox:
    """The whole of Øvelse 1: every question its own field, the composition in B, the agreements."""
    lang = ctx.lang
    children: list[widgets.Widget] = [help_text(text("guide.o1.intro", lang))]
    for section in OVELSE1_SECTIONS:
        children.append(heading(text(f"guide.{section.id}", lang), level=3))
        for question in section.questions:
            children.append(answer_field(ctx, question))
            if question == COMPOSITION_QUESTION:
                children.append(build_composition_view(ctx))
    children.append(heading(text("guide.o1.agreements", lang), level=3))
    editor = AgreementEditor(
        ctx,
        Origin.OVELSE1,
        default_theme=Theme.BEBOERDEMOKRATI,
        examples=DEMOCRACY_EXAMPLES,
        progress=lambda agreements: _democracy_progress(agreements, lang),
    )
    children.append(editor.widget)
    return widgets.VBox(children, layout=full_width())


def _democracy_progress(agreements: list[Agreement], lang: str) -> tuple[str, bool]:
    return (
        democracy_progress(agreements, lang),
        count_democracy_agreements(agreements) >= MIN_DEMOCRACY_AGREEMENTS,
    )


def build_composition_view(ctx: MeetingContext) -> widgets.Widget:
    """The analyst's composition comparison, read-only: table, talking points and charts.

    When the analyst has not prepared it, says so and how to do it. An error in the data is shown
    in place; the rest of the exercise still works.
    """
    lang = ctx.lang
    composition = ctx.session.composition
    if composition is None or not composition.rows:
        missing = widgets.HTML(
            f"<div class='erfakit-notice'>{html.escape(text('meeting.composition.missing', lang))}"
            f"<br><code>{html.escape(text('meeting.composition.missing_how', lang))}</code></div>"
        )
        return styled(missing, "erfakit-composition-missing")
    message = MessageArea(lang)
    box = styled(widgets.VBox([message.widget], layout=full_width()), "erfakit-composition")
    run_guarded(lambda: _fill_composition(ctx, composition, box, message), message)
    return box


def _fill_composition(ctx: MeetingContext, source: Composition, box: widgets.VBox, message: MessageArea) -> None:
    lang = ctx.lang
    comparison = compare_composition(source)
    table = comparison.display_table(lang).to_html(index=False, escape=True, classes="erfakit-table")
    dimensions = comparison.display_dimensions(lang).to_html(index=False, escape=True, classes="erfakit-table")
    points = "".join(f"<li>{html.escape(point)}</li>" for point in comparison.talking_points(lang))
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in comparison.all_notes(lang))
    sources = " · ".join(html.escape(item) for item in (source.residents_source, source.board_source) if item)
    parts: list[widgets.Widget] = [
        heading(
            text(
                "meeting.composition.title"
                if all(comparison.adults_only(d) for d in comparison.dimension_names)
                else "composition.view_title_all",
                lang,
            ),
            level=4,
        ),
        styled(widgets.HTML(f"<div class='erfakit-scroll'>{table}</div>"), "erfakit-composition-table"),
        styled(widgets.HTML(f"<div class='erfakit-scroll'>{dimensions}</div>"), "erfakit-composition-dimensions"),
        styled(
            widgets.HTML(f"<b>{html.escape(text('meeting.composition.talking_points', lang))}</b><ul>{points}</ul>"),
            "erfakit-talking-points",
        ),
        styled(
            widgets.HTML(f"<b>{html.escape(text('composition.notes_heading', lang))}</b><ul>{notes}</ul>"),
            "erfakit-composition-notes",
        ),
    ]
    if sources:
        parts.append(
            widgets.HTML(
                f"<p class='erfakit-help'>{html.escape(text('meeting.composition.sources', lang))} {sources}</p>"
            )
        )
    box.children = (*parts, message.widget)
    drawn_large: list[bool] = []

    def draw_charts() -> None:
        # Charts are drawn on their own: a chart that fails must not hide the table above it.
        large = ctx.session.display.large_text
        if drawn_large == [large]:
            return
        charts = run_guarded(lambda: _composition_charts(ctx, comparison), message)
        if charts is not None:
            close_all(tuple(child for child in box.children if child not in parts and child is not message.widget))
            box.children = (*parts, charts, message.widget)
            drawn_large[:] = [large]

    draw_charts()
    # Projector mode also means chart lettering for the back of the room.
    ctx.on(Topic.DISPLAY, lambda: ctx.soon(draw_charts))


def _composition_charts(ctx: MeetingContext, comparison: CompositionComparison) -> widgets.Widget:
    from erfakit.charts.composition import composition_figure  # matplotlib: only when drawn

    large = ctx.session.display.large_text
    images = [
        figure_image(composition_figure(comparison, dimension, lang=ctx.lang, large=large))
        for dimension in comparison.dimension_names
    ]
    return styled(widgets.VBox(images, layout=full_width()), "erfakit-composition-charts")
