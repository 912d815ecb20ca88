"""Øvelse 1 — Beboerdemokratiet: A) Relation, B) Status (with the composition), C) Udvikling, aftaler."""

from __future__ import annotations

import html
import math

import ipywidgets as widgets

from erfakit.core.agreements import count_democracy_agreements, democracy_progress
from erfakit.core.composition import CompositionComparison, compare_composition
from erfakit.core.formatting import format_percent
from erfakit.core.guide import MIN_DEMOCRACY_AGREEMENTS, OVELSE1_SECTIONS
from erfakit.core.model import Agreement, Composition, Function, Origin, Theme
from erfakit.core.talking_points import key_differences
from erfakit.texts import label, text
from erfakit.ui.agreements import AgreementEditor
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, run_guarded
from erfakit.ui.fields import BLANK, answer_field, close_all, full_width, heading, help_text, styled
from erfakit.ui.images import figure_image


def build_ovelse1(ctx: MeetingContext) -> widgets.VBox:
    """The whole of Øvelse 1: every question its own field, the composition card atop B, the agreements.

    B)'s four questions stay together under the card; the analyst's full tables and charts wait
    behind "Vis detaljer". C) ends with the guide's prompt on kompetenceudvikling.
    """
    lang = ctx.lang
    children: list[widgets.Widget] = [help_text(text("guide.o1.intro", lang))]
    for section in OVELSE1_SECTIONS:
        children.append(heading(text(f"guide.{section.id}", lang), level=3))
        if section.id == "o1.b":
            children.append(build_composition_view(ctx))
        if section.id == "o1.c":
            children.append(help_text(text("meeting.o1.competence_prompt", lang), css="erfakit-competence-prompt"))
        children.extend(answer_field(ctx, question) for question in section.questions)
    children.append(heading(text("guide.o1.agreements", lang), level=3))
    editor = AgreementEditor(
        ctx,
        Origin.OVELSE1,
        default_theme=Theme.BEBOERDEMOKRATI,
        progress=lambda agreements: _democracy_progress(agreements, lang),
    )
    editor.widget.children = (*editor.widget.children, example_cards(editor, lang))
    children.append(editor.widget)
    return widgets.VBox(children, layout=full_width())


EXAMPLES: tuple[tuple[str, tuple[str, ...], Function | None], ...] = (
    ("1", ("guide.o1.example1",), None),
    ("2", ("guide.o1.example2_goal", "guide.o1.example2_helhedsplan"), Function.BOLIGSOCIAL),
    ("3", ("guide.o1.example2_goal", "guide.o1.example2_drift"), Function.DRIFT),
)
"""The guide's example agreements as cards: (number, catalogue keys of its sentences, responsible
function). The guide's second example names two functions, so it is two agreements, each with its
own responsible function, as the guide lists them."""


def example_cards(editor: AgreementEditor, lang: str) -> widgets.VBox:
    """The guide's examples as cards; a card's button fills the agreement form with it in one click."""
    cards: list[widgets.Widget] = [
        widgets.HTML(f"<b>{html.escape(text('meeting.agreement.examples_heading', lang))}</b>")
    ]
    for number, keys, function in EXAMPLES:
        sentence = " ".join(text(key, lang) for key in keys)
        button = styled(
            widgets.Button(description=text("meeting.agreement.use_example", lang), icon="arrow-up"),
            f"erfakit-agreement-example-{number}",
        )

        def use(_button: widgets.Button, sentence: str = sentence, function: Function | None = function) -> None:
            editor.text.value = sentence
            editor.theme.value = Theme.BEBOERDEMOKRATI
            editor.function.value = function if function is not None else BLANK

        button.on_click(use)
        owner = f" <i>({html.escape(label(function, lang))})</i>" if function is not None else ""
        cards.append(
            styled(
                widgets.HBox(
                    [widgets.HTML(f"{html.escape(sentence)}{owner}", layout=widgets.Layout(flex="1 1 20em")), button]
                ),
                "erfakit-example-card",
            )
        )
    return styled(widgets.VBox(cards, layout=full_width()), "erfakit-agreement-examples")


def _democracy_progress(agreements: list[Agreement], lang: str) -> tuple[str, bool]:
    return (
        democracy_progress(agreements, lang),
        count_democracy_agreements(agreements) >= MIN_DEMOCRACY_AGREEMENTS,
    )


def build_composition_view(ctx: MeetingContext) -> widgets.Widget:
    """The analyst's composition comparison, read-only: a card for the room, the rest on request.

    The card says, one sentence each, the (at most three) differences least like chance, and shows
    one small chart; "Vis detaljer" builds the full tables, every chart and every talking point the
    first time it is opened. When the analyst has not prepared it, says so and how. An error in the
    data is shown in place; the rest of the exercise still works.
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


def composition_card_html(comparison: CompositionComparison, lang: str) -> str:
    """The card: title, the key differences (one sentence each), one small chart, the chance note."""
    differences = key_differences(comparison, lang)
    adults = all(comparison.adults_only(d) for d in comparison.dimension_names)
    title = text("meeting.composition.title" if adults else "composition.view_title_all", lang)
    if differences:
        items = "".join(f"<li>{html.escape(item.sentence)}</li>" for item in differences)
        body = f"<b>{html.escape(text('composition.key_heading', lang))}</b><ol>{items}</ol>"
        chart = bars_html(comparison, differences[0].dimension, lang)
    else:
        masked = any(comparison.is_masked(d) for d in comparison.dimension_names)
        key = "composition.key_masked_only" if masked else "composition.key_none"
        body = f"<p>{html.escape(text(key, lang))}</p>"
        chart = ""
    note = f"<p class='erfakit-help'>{html.escape(text('composition.key_chance_note', lang))}</p>"
    return f"<h4 class='erfakit-heading'>{html.escape(title)}</h4>{body}{chart}{note}"


def bars_html(comparison: CompositionComparison, dimension: str, lang: str) -> str:
    """A small bar chart in HTML: per category the residents' share and the board's, side by side.

    Drawn without matplotlib, so the card is there at once; a masked dimension shows no board bars.
    """
    rows = comparison.categories[comparison.categories["dimension"] == dimension]
    show_board = not comparison.is_masked(dimension)
    residents_label = text("composition.bars_residents", lang)
    board_label = text("composition.bars_board", lang)
    cells = []
    for row in rows.itertuples(index=False):
        resident = _share(row.resident_share)
        board = _share(row.board_share) if show_board else None
        described = f"{residents_label} {format_percent(resident, lang)}" + (
            f", {board_label} {format_percent(board, lang)}" if board is not None else ""
        )
        bars = f"<span class='erfakit-bar-residents' style='width:{resident * 100:.1f}%'></span>" + (
            f"<span class='erfakit-bar-board' style='width:{board * 100:.1f}%'></span>" if board is not None else ""
        )
        cells.append(
            f"<div class='erfakit-bar-label'>{html.escape(str(row.category))}</div>"
            f"<div class='erfakit-bar' role='img' aria-label='{html.escape(described, quote=True)}'"
            f" title='{html.escape(described, quote=True)}'>{bars}</div>"
        )
    key = "composition.bars_title" if comparison.adults_only(dimension) else "composition.bars_title_all"
    legend = f"<span class='erfakit-bar-residents'></span>{html.escape(residents_label)}" + (
        f"<span class='erfakit-bar-board'></span>{html.escape(board_label)}" if show_board else ""
    )
    return (
        f"<div class='erfakit-bars-chart'><b>{html.escape(text(key, lang, dimension=dimension))}</b>"
        f"<div class='erfakit-legend'>{legend}</div><div class='erfakit-bars'>{''.join(cells)}</div></div>"
    )


def _share(value: float) -> float:
    return float(value) if math.isfinite(value) else 0.0


def _fill_composition(ctx: MeetingContext, source: Composition, box: widgets.VBox, message: MessageArea) -> None:
    lang = ctx.lang
    comparison = compare_composition(source)
    card = styled(
        widgets.HTML(composition_card_html(comparison, lang), layout=full_width()), "erfakit-composition-card"
    )
    toggle = styled(
        widgets.ToggleButton(
            value=False,
            description=text("composition.show_details", lang),
            tooltip=text("composition.details_help", lang),
            icon="chevron-down",
        ),
        "erfakit-composition-details-toggle",
    )
    details = styled(widgets.VBox(layout=widgets.Layout(width="100%", display="none")), "erfakit-composition-details")
    box.children = (card, toggle, details, message.widget)
    built: list[bool] = []

    def show_details(opened: object) -> None:
        toggle.description = text("composition.hide_details" if opened else "composition.show_details", lang)
        toggle.icon = "chevron-up" if opened else "chevron-down"
        details.layout.display = None if opened else "none"
        if opened and not built:
            built.append(True)
            details.children = (styled(widgets.HTML(html.escape(text("meeting.loading", lang))), "erfakit-loading"),)
            _fill_details(ctx, source, comparison, details, message)

    toggle.observe(ctx.observer(show_details), names="value")


def _fill_details(
    ctx: MeetingContext,
    source: Composition,
    comparison: CompositionComparison,
    box: widgets.VBox,
    message: MessageArea,
) -> None:
    """The full view behind "Vis detaljer": both tables, every talking point, the notes, the charts."""
    lang = ctx.lang
    table = comparison.display_table(lang).to_html(index=False, escape=True, classes="erfakit-table")
    dimensions = comparison.display_dimensions(lang).to_html(index=False, escape=True, classes="erfakit-table")
    points = "".join(f"<li>{html.escape(point)}</li>" for point in comparison.talking_points(lang))
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in comparison.all_notes(lang))
    sources = " · ".join(html.escape(item) for item in (source.residents_source, source.board_source) if item)
    parts: list[widgets.Widget] = [
        styled(widgets.HTML(table), "erfakit-composition-table"),
        styled(widgets.HTML(dimensions), "erfakit-composition-dimensions"),
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
    box.children = tuple(parts)
    drawn_large: list[bool] = []

    def draw_charts() -> None:
        # Charts are drawn on their own: a chart that fails must not hide the tables above it.
        large = ctx.session.display.large_text
        if drawn_large == [large]:
            return
        charts = run_guarded(lambda: _composition_charts(ctx, comparison), message)
        if charts is not None:
            close_all(tuple(child for child in box.children if child not in parts))
            box.children = (*parts, charts)
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
