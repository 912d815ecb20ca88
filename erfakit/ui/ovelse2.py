"""Øvelse 2 — Eksterne samarbejdspartnere: partner entry, the live 5 × 4 grid, shared partners,
merge suggestions, partners to develop, the network chart and the agreements."""

from __future__ import annotations

import html

import ipywidgets as widgets

from erfakit.core.model import Function, Origin, Partner, PartnerCategory, PartnerStatus, Theme
from erfakit.core.partners import (
    MergeSuggestion,
    check_new_partner,
    merge_partner_names,
    partner_grid,
    partner_line,
    partners_to_develop,
    shared_partners,
    suggest_merges,
)
from erfakit.texts import label, text
from erfakit.ui.agreements import AgreementEditor
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click, run_guarded
from erfakit.ui.fields import answer_field, draft_field, enum_options, full_width, heading, help_text, styled
from erfakit.ui.images import figure_image
from erfakit.ui.list_editor import EditorTexts, ListEditor

TEXTS = EditorTexts(
    add="meeting.partners.add",
    select_first="meeting.error.select_partner",
    gone="meeting.error.partner_gone",
    added="meeting.partners.added",
    updated="meeting.partners.updated",
    deleted="meeting.partners.deleted",
)
MAX_MERGE_SUGGESTIONS = 6
"""Suggestions shown at once: a projector shows a handful; the next appear as these are settled."""


def grid_html(partners: list[Partner], lang: str) -> str:
    """The 5 × 4 grid as an HTML table; each cell carries data-function / data-category."""
    grid = partner_grid(partners)
    head = "".join(f"<th>{html.escape(label(category, lang))}</th>" for category in grid.categories)
    rows = []
    for function in grid.functions:
        tds = "".join(
            f"<td data-function='{function.value}' data-category='{category.value}'>"
            + "<br>".join(html.escape(name) for name in grid.names(function, category))
            + "</td>"
            for category in grid.categories
        )
        rows.append(f"<tr><th>{html.escape(label(function, lang))}</th>{tds}</tr>")
    return f"<table class='erfakit-table erfakit-grid-table'><tr><th></th>{head}</tr>{''.join(rows)}</table>"


def shared_html(partners: list[Partner], lang: str) -> str:
    """The partners several functions share, or a sentence saying there are none yet."""
    shared = shared_partners(partners)
    if not shared:
        return f"<p class='erfakit-help'>{html.escape(text('meeting.partners.no_shared', lang))}</p>"
    rows = "".join(
        f"<tr><td>{html.escape(row.name)}</td>"
        f"<td>{html.escape(', '.join(label(function, lang) for function in row.functions))}</td>"
        f"<td>{row.count}</td></tr>"
        for row in shared
    )
    head = "".join(
        f"<th>{html.escape(text(key, lang))}</th>"
        for key in ("meeting.partners.col_name", "meeting.partners.col_functions", "meeting.partners.col_count")
    )
    return f"<table class='erfakit-table'><tr>{head}</tr>{rows}</table>"


def develop_html(partners: list[Partner], lang: str) -> str:
    """The partners to establish or expand, with who named them and why."""
    chosen = partners_to_develop(partners)
    if not chosen:
        return f"<p class='erfakit-help'>{html.escape(text('meeting.partners.none_to_develop', lang))}</p>"
    items = "".join(
        f"<li><b>{html.escape(partner.name)}</b> – {html.escape(label(partner.status, lang))}"
        f" ({html.escape(label(partner.function, lang))}, {html.escape(label(partner.category, lang))})"
        + (f": {html.escape(partner.activity)}" if partner.activity else "")
        + "</li>"
        for partner in chosen
    )
    return f"<ul>{items}</ul>"


class PartnerForm:
    """Øvelse 2's screen."""

    def __init__(self, ctx: MeetingContext) -> None:
        self.ctx = ctx
        lang = ctx.lang
        self.message = MessageArea(lang, css="erfakit-partner-message")

        self.function = styled(
            widgets.Dropdown(options=enum_options(Function, lang), description=text("meeting.partners.function", lang)),
            "erfakit-partner-function",
        )
        self.category = styled(
            widgets.Dropdown(
                options=enum_options(PartnerCategory, lang), description=text("meeting.partners.category", lang)
            ),
            "erfakit-partner-category",
        )
        self.name = draft_field(
            ctx,
            "partner-name",
            description=text("meeting.partners.name", lang),
            placeholder=text("meeting.partners.name_placeholder", lang),
            layout=widgets.Layout(width="34em"),
            css="erfakit-partner-name",
        )
        self.activity = draft_field(
            ctx,
            "partner-activity",
            description=text("meeting.partners.activity", lang),
            placeholder=text("meeting.partners.activity_placeholder", lang),
            layout=widgets.Layout(width="40em"),
            css="erfakit-partner-activity",
        )
        self.status = styled(
            widgets.Dropdown(
                options=enum_options(PartnerStatus, lang), description=text("meeting.partners.status", lang)
            ),
            "erfakit-partner-status",
        )
        self.editor: ListEditor[Partner] = ListEditor(
            css="partner",
            lang=lang,
            texts=TEXTS,
            message=self.message,
            items=lambda: self.partners,
            store=self._store,
            on_change=lambda: ctx.changed(Topic.PARTNERS, immediate=True),
            read=self._read,
            fill=self._fill,
            clear=self.clear_inputs,
            describe=lambda partner: partner_line(partner, lang),
            name=lambda partner: partner.name,
            read_only=ctx.read_only,
            rows=6,
        )
        self.editor.submit_on_enter(self.name)
        self.grid = styled(widgets.HTML(layout=full_width()), "erfakit-grid")
        self.shared = styled(widgets.HTML(layout=full_width()), "erfakit-shared-partners")
        self.merges = styled(widgets.VBox(layout=full_width()), "erfakit-merge-suggestions")
        self.develop = styled(widgets.HTML(layout=full_width()), "erfakit-partners-to-develop")
        self.network_toggle = styled(
            widgets.ToggleButton(description=text("meeting.partners.show_network", lang), icon="share-alt"),
            "erfakit-network-show",
        )
        self.network = styled(widgets.VBox(layout=full_width()), "erfakit-network-chart")
        self._merge_rows: dict[tuple[str, str], widgets.HBox] = {}
        self._merge_heading = heading(text("meeting.partners.merge_heading", lang), level=4)
        self._merge_more = widgets.HTML()

        self.network_toggle.observe(lambda _change: run_guarded(self.draw_network, self.message), names="value")
        ctx.on(Topic.PARTNERS, self.refresh)

        editor = self.editor
        entry = widgets.VBox(
            [
                editor.editing,
                widgets.HBox([self.function, self.category], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox([self.name, editor.add, editor.cancel], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox([self.activity, self.status], layout=widgets.Layout(flex_flow="row wrap")),
                self.message.widget,
            ],
            layout=full_width(),
        )
        agreements = AgreementEditor(ctx, Origin.OVELSE2, default_theme=Theme.SAMARBEJDSPARTNERE)
        self.widget = widgets.VBox(
            [
                help_text(text("guide.o2.intro", lang)),
                help_text(text("guide.o2.grid", lang)),
                help_text(text("guide.o2.facilitator_note", lang), css="erfakit-facilitator-note"),
                heading(text("meeting.partners.entry_heading", lang), level=3),
                entry,
                self.grid,
                heading(text("meeting.partners.list_heading", lang), level=4),
                editor.list,
                editor.actions,
                self.merges,
                heading(text("guide.o2.shared", lang), level=3),
                self.shared,
                answer_field(ctx, "o2.shared", show_heading=False),
                heading(text("guide.o2.establish", lang), level=3),
                self.develop,
                answer_field(ctx, "o2.establish", show_heading=False),
                self.network_toggle,
                self.network,
                heading(text("guide.o2.agreements", lang), level=3),
                agreements.widget,
            ],
            layout=full_width(),
        )
        self.refresh()

    @property
    def partners(self) -> list[Partner]:
        """The session's partners (the list itself, edited in place)."""
        return self.ctx.session.partners

    def refresh(self) -> None:
        """Recompute everything shown from the partners: grid, shared, merges, to develop.

        The list of partners is the editor's; it shows every change it makes itself.
        """
        lang = self.ctx.lang
        partners = self.partners
        self.grid.value = grid_html(partners, lang)
        self.shared.value = shared_html(partners, lang)
        self.develop.value = develop_html(partners, lang)
        # The grid and lists above are what the room watches; suggestions and the chart follow.
        self.ctx.soon(self._show_merges)
        if self.network_toggle.value:
            self.ctx.soon(self.draw_network)

    def _show_merges(self) -> None:
        """Show the first suggestions; rows already shown are reused, rows gone are closed."""
        lang = self.ctx.lang
        suggestions = suggest_merges(self.partners, self.ctx.session.dismissed_merges)
        shown = suggestions[:MAX_MERGE_SUGGESTIONS]
        keys = {(suggestion.keep, suggestion.replace) for suggestion in shown}
        for key in [key for key in self._merge_rows if key not in keys]:
            row = self._merge_rows.pop(key)
            for child in row.children:
                child.close()
            row.close()
        rows: list[widgets.Widget] = []
        if shown:
            rows.append(self._merge_heading)
        for suggestion in shown:
            key = (suggestion.keep, suggestion.replace)
            if key not in self._merge_rows:
                self._merge_rows[key] = self._merge_row(suggestion)
            rows.append(self._merge_rows[key])
        hidden = len(suggestions) - len(shown)
        if hidden > 0:
            self._merge_more.value = f"<i>{html.escape(text('meeting.partners.merge_more', lang, count=hidden))}</i>"
            rows.append(self._merge_more)
        self.merges.children = rows

    def _merge_row(self, suggestion: MergeSuggestion) -> widgets.HBox:
        lang = self.ctx.lang
        accept = styled(
            widgets.Button(
                description=text("meeting.partners.merge_accept", lang, keep=suggestion.keep),
                icon="compress",
                layout=widgets.Layout(width="auto"),
            ),
            "erfakit-merge-accept",
        )
        dismiss = styled(
            widgets.Button(
                description=text("meeting.partners.merge_dismiss", lang), layout=widgets.Layout(width="auto")
            ),
            "erfakit-merge-dismiss",
        )
        on_click(accept, self.message, lambda: self.merge(suggestion.keep, suggestion.replace))
        on_click(dismiss, self.message, lambda: self.dismiss(suggestion.keep, suggestion.replace))
        return widgets.HBox(
            [widgets.HTML(html.escape(suggestion.describe(lang))), accept, dismiss],
            layout=widgets.Layout(flex_flow="row wrap"),
        )

    def merge(self, keep: str, replace: str) -> None:
        """Rename every partner called like ``replace`` to ``keep`` (the tovholder's decision; undoable)."""
        self.editor.replace_all(merge_partner_names(self.partners, keep, replace, lang=self.ctx.lang))
        self.message.info(text("meeting.partners.merged", self.ctx.lang, keep=keep, replace=replace))

    def dismiss(self, keep: str, replace: str) -> None:
        """Remember that the two names are different partners; the suggestion goes away."""
        self.ctx.session.dismissed_merges.append((keep, replace))
        self.ctx.changed(Topic.PARTNERS, immediate=True)

    def clear_inputs(self) -> None:
        """Empty the name fields; function and category stay for the next one."""
        self.name.value = ""
        self.activity.value = ""
        self.status.value = PartnerStatus.EXISTING

    def draw_network(self) -> None:
        """Draw (or hide) the network of functions and partners."""
        if not self.network_toggle.value:
            self.network.children = ()
            return
        import matplotlib.pyplot as plt

        from erfakit.charts.partners import plot_partner_network  # matplotlib: only when drawn

        size = (13, 9) if self.ctx.session.display.large_text else (10, 7)
        figure, ax = plt.subplots(figsize=size)
        plot_partner_network(ax, self.partners, lang=self.ctx.lang)
        self.network.children = (figure_image(figure),)

    def _read(self, editing: Partner | None) -> Partner:
        candidate = Partner(
            function=self.function.value,
            category=self.category.value,
            name=self.name.value,
            activity=self.activity.value,
            status=self.status.value,
        )
        if editing is not None:
            candidate = Partner.model_validate({**editing.model_dump(), **candidate.model_dump(exclude={"id"})})
        return check_new_partner(self.partners, candidate, self.ctx.lang)

    def _store(self, partners: list[Partner]) -> None:
        self.partners[:] = partners

    def _fill(self, partner: Partner) -> None:
        self.function.value = partner.function
        self.category.value = partner.category
        self.name.value = partner.name
        self.activity.value = partner.activity
        self.status.value = partner.status


def build_ovelse2(ctx: MeetingContext) -> widgets.VBox:
    """The whole of Øvelse 2."""
    return PartnerForm(ctx).widget
