"""Øvelse 2 — Eksterne samarbejdspartnere: partner entry, the live 5 × 4 grid, shared partners,
merge suggestions, partners to develop, the network chart and the agreements."""

from __future__ import annotations

import html

import ipywidgets as widgets

from erfakit.core.model import Function, Origin, Partner, PartnerCategory, PartnerStatus, Theme
from erfakit.core.partners import (
    MergeSuggestion,
    find_shared_partners,
    merge_partner_names,
    normalise_partner_name,
    partner_grid,
    partners_to_develop,
    suggest_merges,
)
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text
from erfakit.ui.agreements import AgreementEditor
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click, run_guarded
from erfakit.ui.fields import answer_field, enum_options, full_width, heading, help_text, on_enter, styled

UNDO_DEPTH = 50
MAX_MERGE_SUGGESTIONS = 6
"""Suggestions shown at once: a projector shows a handful; the next appear as these are settled."""


def grid_html(partners: list[Partner], lang: str) -> str:
    """The 5 × 4 grid as an HTML table; each cell carries data-function / data-category."""
    grid = partner_grid(partners)
    head = "".join(f"<th>{html.escape(label(category, lang))}</th>" for category in grid.columns)
    rows = []
    for function, cells in grid.iterrows():
        tds = "".join(
            f"<td data-function='{function.value}' data-category='{category.value}'>"
            + "<br>".join(html.escape(name) for name in cells[category])
            + "</td>"
            for category in grid.columns
        )
        rows.append(f"<tr><th>{html.escape(label(function, lang))}</th>{tds}</tr>")
    return f"<table class='erfakit-table erfakit-grid-table'><tr><th></th>{head}</tr>{''.join(rows)}</table>"


def shared_html(partners: list[Partner], lang: str) -> str:
    """The partners several functions share, or a sentence saying there are none yet."""
    shared = find_shared_partners(partners)
    if shared.empty:
        return f"<p class='erfakit-help'>{html.escape(text('meeting.partners.no_shared', lang))}</p>"
    rows = "".join(
        f"<tr><td>{html.escape(row.name)}</td>"
        f"<td>{html.escape(', '.join(label(function, lang) for function in row.functions))}</td>"
        f"<td>{row.count}</td></tr>"
        for row in shared.itertuples(index=False)
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


def describe_partner(partner: Partner, lang: str) -> str:
    """One line for the partner list."""
    line = f"{partner.name} – {label(partner.function, lang)} · {label(partner.category, lang)}"
    if partner.status != PartnerStatus.EXISTING:
        line += f" · {label(partner.status, lang)}"
    if partner.activity:
        line += f" · {partner.activity}"
    return line


class PartnerForm:
    """Øvelse 2's screen."""

    def __init__(self, ctx: MeetingContext) -> None:
        self.ctx = ctx
        lang = ctx.lang
        self.editing_id: str | None = None
        self._undo: list[list[Partner]] = []
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
        self.name = styled(
            widgets.Text(
                description=text("meeting.partners.name", lang),
                placeholder=text("meeting.partners.name_placeholder", lang),
                layout=widgets.Layout(width="34em"),
            ),
            "erfakit-partner-name",
        )
        self.activity = styled(
            widgets.Text(
                description=text("meeting.partners.activity", lang),
                placeholder=text("meeting.partners.activity_placeholder", lang),
                layout=widgets.Layout(width="40em"),
            ),
            "erfakit-partner-activity",
        )
        self.status = styled(
            widgets.Dropdown(
                options=enum_options(PartnerStatus, lang), description=text("meeting.partners.status", lang)
            ),
            "erfakit-partner-status",
        )
        self.add = styled(
            widgets.Button(description=text("meeting.partners.add", lang), button_style="primary", icon="plus"),
            "erfakit-partner-add",
        )
        self.cancel = styled(widgets.Button(description=text("meeting.cancel", lang)), "erfakit-partner-cancel")
        self.cancel.layout.display = "none"
        self.list = styled(widgets.Select(options=[], rows=6, layout=full_width()), "erfakit-partner-list")
        self.edit = styled(
            widgets.Button(description=text("meeting.edit", lang), icon="pencil"), "erfakit-partner-edit"
        )
        self.delete = styled(
            widgets.Button(description=text("meeting.delete", lang), icon="trash"), "erfakit-partner-delete"
        )
        self.undo = styled(widgets.Button(description=text("meeting.undo", lang), icon="undo"), "erfakit-partner-undo")
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

        on_click(self.add, self.message, self.submit)
        on_enter(self.name, lambda: run_guarded(self.submit, self.message, button=self.add))
        on_click(self.cancel, self.message, self.clear_inputs)
        on_click(self.edit, self.message, self.start_editing)
        on_click(self.delete, self.message, self.delete_selected)
        on_click(self.undo, self.message, self.undo_last)
        self.network_toggle.observe(lambda _change: run_guarded(self.draw_network, self.message), names="value")
        ctx.on(Topic.PARTNERS, self.refresh)

        entry = widgets.VBox(
            [
                widgets.HBox([self.function, self.category], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox([self.name, self.add, self.cancel], layout=widgets.Layout(flex_flow="row wrap")),
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
                self.list,
                widgets.HBox([self.edit, self.delete, self.undo]),
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
        """Recompute everything shown from the partners: grid, list, shared, merges, to develop."""
        lang = self.ctx.lang
        partners = self.partners
        self.grid.value = grid_html(partners, lang)
        self.shared.value = shared_html(partners, lang)
        self.develop.value = develop_html(partners, lang)
        selected = self.list.value
        self.list.options = [(describe_partner(partner, lang), partner.id) for partner in partners]
        if selected in {partner.id for partner in partners}:
            self.list.value = selected
        self.list.layout.display = None if partners else "none"
        self.undo.disabled = not self._undo
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

    def submit(self) -> None:
        """Add the typed partner (or save the one being edited); function and category stay chosen."""
        lang = self.ctx.lang
        name = " ".join(self.name.value.split())
        if not name:
            raise FormInputError(
                text("meeting.error.partner_name", lang), text("meeting.error.partner_name_hint", lang)
            )
        values = {
            "function": self.function.value,
            "category": self.category.value,
            "name": name,
            "activity": self.activity.value.strip(),
            "status": self.status.value,
        }
        key = normalise_partner_name(name)
        for partner in self.partners:
            same_cell = (partner.function, partner.category) == (values["function"], values["category"])
            if same_cell and partner.id != self.editing_id and normalise_partner_name(partner.name) == key:
                raise FormInputError(
                    text(
                        "meeting.error.partner_twice",
                        lang,
                        name=partner.name,
                        function=label(partner.function, lang),
                        category=label(partner.category, lang),
                    ),
                    text("meeting.error.partner_twice_hint", lang),
                )
        self._remember()
        if self.editing_id is None:
            self.partners.append(Partner(**values))
            self.message.info(text("meeting.partners.added", lang, name=name))
        else:
            index = self._index_of(self.editing_id)
            self.partners[index] = Partner(**{**self.partners[index].model_dump(), **values})
            self.message.info(text("meeting.partners.updated", lang, name=name))
        self.clear_inputs()
        self.ctx.changed(Topic.PARTNERS, immediate=True)

    def start_editing(self) -> None:
        """Load the selected partner into the inputs; the add button then saves the change."""
        partner = self.partners[self._index_of(self._selected_id())]
        self.editing_id = partner.id
        self.function.value = partner.function
        self.category.value = partner.category
        self.name.value = partner.name
        self.activity.value = partner.activity
        self.status.value = partner.status
        self.add.description = text("meeting.save_change", self.ctx.lang)
        self.cancel.layout.display = None

    def delete_selected(self) -> None:
        """Delete the selected partner (undo brings it back)."""
        index = self._index_of(self._selected_id())
        self._remember()
        removed = self.partners.pop(index)
        if self.editing_id == removed.id:
            self.clear_inputs()
        self.message.info(text("meeting.partners.deleted", self.ctx.lang, name=removed.name))
        self.ctx.changed(Topic.PARTNERS, immediate=True)

    def merge(self, keep: str, replace: str) -> None:
        """Rename every partner called like ``replace`` to ``keep`` (the tovholder's decision)."""
        merged = merge_partner_names(self.partners, keep, replace, lang=self.ctx.lang)
        self._remember()
        self.partners[:] = merged
        self.message.info(text("meeting.partners.merged", self.ctx.lang, keep=keep, replace=replace))
        self.ctx.changed(Topic.PARTNERS, immediate=True)

    def dismiss(self, keep: str, replace: str) -> None:
        """Remember that the two names are different partners; the suggestion goes away."""
        self.ctx.session.dismissed_merges.append((keep, replace))
        self.ctx.changed(Topic.PARTNERS, immediate=True)

    def undo_last(self) -> None:
        """Put the partner list back as it was before the last add, edit, delete or merge."""
        if not self._undo:
            raise FormInputError(text("meeting.error.nothing_to_undo", self.ctx.lang))
        self.partners[:] = self._undo.pop()
        self.message.info(text("meeting.undone", self.ctx.lang))
        self.ctx.changed(Topic.PARTNERS, immediate=True)

    def clear_inputs(self) -> None:
        """Empty the name fields and leave edit mode; function and category stay for the next one."""
        self.editing_id = None
        self.name.value = ""
        self.activity.value = ""
        self.status.value = PartnerStatus.EXISTING
        self.add.description = text("meeting.partners.add", self.ctx.lang)
        self.cancel.layout.display = "none"

    def draw_network(self) -> None:
        """Draw (or hide) the network of functions and partners."""
        if not self.network_toggle.value:
            self.network.children = ()
            return
        import matplotlib.pyplot as plt

        from erfakit.charts.partners import plot_partner_network
        from erfakit.ui.images import figure_image

        size = (13, 9) if self.ctx.session.display.large_text else (10, 7)
        figure, ax = plt.subplots(figsize=size)
        plot_partner_network(ax, self.partners, lang=self.ctx.lang)
        self.network.children = (figure_image(figure),)

    def _remember(self) -> None:
        self._undo.append(list(self.partners))
        del self._undo[:-UNDO_DEPTH]

    def _selected_id(self) -> str:
        if self.list.value is None:
            raise FormInputError(text("meeting.error.select_partner", self.ctx.lang))
        return self.list.value

    def _index_of(self, partner_id: str) -> int:
        for index, partner in enumerate(self.partners):
            if partner.id == partner_id:
                return index
        raise FormInputError(text("meeting.error.partner_gone", self.ctx.lang))


def build_ovelse2(ctx: MeetingContext) -> widgets.VBox:
    """The whole of Øvelse 2."""
    return PartnerForm(ctx).widget
