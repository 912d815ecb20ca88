"""The agreement editor shared by Øvelse 1, 2 and 3: a short row of inputs, a list, edit/delete/undo.

Each editor shows and edits the agreements made in its own exercise (`Agreement.origin`); the
recap in Øvelse 3 shows them all.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

import ipywidgets as widgets

from erfakit.core.formatting import format_short_date
from erfakit.core.model import Agreement, Origin, Theme
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click
from erfakit.ui.fields import (
    BLANK,
    blank_to_none,
    enum_options,
    full_width,
    function_dropdown,
    styled,
    text_area,
)

LIST_LABEL_CHARS = 110


@dataclasses.dataclass
class _Change:
    """How to undo one change: the agreement before it (None when it was added) and its place."""

    before: Agreement | None
    after_id: str | None
    index: int


def describe_agreement(agreement: Agreement, lang: str, *, theme: bool = True) -> str:
    """One line for a list: text, theme (unless listed under it already), responsible, deadline."""
    parts = [label(agreement.theme, lang)] if theme else []
    responsible = " / ".join(
        item
        for item in (
            label(agreement.responsible_function, lang) if agreement.responsible_function else "",
            agreement.responsible_person,
        )
        if item
    )
    if responsible:
        parts.append(responsible)
    if agreement.deadline:
        parts.append(text("meeting.agreement.deadline_short", lang, date=format_short_date(agreement.deadline, lang)))
    head = agreement.text.replace("\n", " ")
    if len(head) > LIST_LABEL_CHARS:
        head = head[: LIST_LABEL_CHARS - 1] + "…"
    return f"{head} ({' · '.join(parts)})" if parts else head


class AgreementEditor:
    """Add, edit, delete and undo the agreements of one exercise.

    ``progress(agreements)`` (optional) returns a line such as "1 af 2 aftaler" and whether the
    exercise's goal is met; ``examples`` are catalogue keys of example texts offered as buttons.
    """

    def __init__(
        self,
        ctx: MeetingContext,
        origin: Origin,
        *,
        default_theme: Theme,
        examples: tuple[str, ...] = (),
        progress: Callable[[list[Agreement]], tuple[str, bool]] | None = None,
    ) -> None:
        self.ctx = ctx
        self.origin = origin
        self.progress = progress
        self.editing_id: str | None = None
        self._undo: list[_Change] = []
        lang = ctx.lang

        self.message = MessageArea(lang)
        self.text = text_area(
            "", placeholder=text("meeting.agreement.text_placeholder", lang), css="erfakit-agreement-text"
        )
        self.theme = styled(
            widgets.Dropdown(
                options=enum_options(Theme, lang),
                value=default_theme,
                description=text("meeting.agreement.theme", lang),
            ),
            "erfakit-agreement-theme",
        )
        self.function = function_dropdown(lang, blank=True, css="erfakit-agreement-function")
        self.function.description = text("meeting.agreement.function", lang)
        self.person = styled(
            widgets.Text(
                description=text("meeting.agreement.person", lang),
                placeholder=text("meeting.agreement.person_placeholder", lang),
            ),
            "erfakit-agreement-person",
        )
        self.deadline = styled(
            widgets.DatePicker(description=text("meeting.agreement.deadline", lang)), "erfakit-agreement-deadline"
        )
        self.add = styled(
            widgets.Button(description=text("meeting.agreement.add", lang), button_style="primary", icon="plus"),
            "erfakit-agreement-add",
        )
        self.cancel = styled(widgets.Button(description=text("meeting.cancel", lang)), "erfakit-agreement-cancel")
        self.cancel.layout.display = "none"
        self.example_buttons = [
            styled(
                widgets.Button(
                    description=text("meeting.agreement.use_example", lang, number=number),
                    icon="lightbulb-o",
                    tooltip=text(key, lang),
                ),
                f"erfakit-agreement-example-{number}",
            )
            for number, key in enumerate(examples, start=1)
        ]
        self.count_label = styled(widgets.HTML(), "erfakit-agreement-count")
        self.list = styled(widgets.Select(options=[], rows=5, layout=full_width()), "erfakit-agreement-list")
        self.edit = styled(
            widgets.Button(description=text("meeting.edit", lang), icon="pencil"), "erfakit-agreement-edit"
        )
        self.delete = styled(
            widgets.Button(description=text("meeting.delete", lang), icon="trash"), "erfakit-agreement-delete"
        )
        self.undo = styled(
            widgets.Button(description=text("meeting.undo", lang), icon="undo"), "erfakit-agreement-undo"
        )

        on_click(self.add, self.message, self.submit)
        on_click(self.cancel, self.message, self.stop_editing)
        on_click(self.edit, self.message, self.start_editing)
        on_click(self.delete, self.message, self.delete_selected)
        on_click(self.undo, self.message, self.undo_last)
        for button, key in zip(self.example_buttons, examples, strict=True):
            on_click(button, self.message, lambda key=key: setattr(self.text, "value", text(key, lang)))
        ctx.on(Topic.AGREEMENTS, self.refresh)

        inputs = widgets.HBox(
            [self.theme, self.function, self.person, self.deadline], layout=widgets.Layout(flex_flow="row wrap")
        )
        buttons = widgets.HBox(
            [self.add, self.cancel, *self.example_buttons], layout=widgets.Layout(flex_flow="row wrap")
        )
        actions = widgets.HBox([self.edit, self.delete, self.undo])
        self.widget = styled(
            widgets.VBox(
                [self.count_label, self.text, inputs, buttons, self.message.widget, self.list, actions],
                layout=full_width(),
            ),
            "erfakit-agreements",
            f"erfakit-agreements-{origin.value}",
        )
        self.refresh()

    def own_agreements(self) -> list[Agreement]:
        """The agreements this editor shows: those made in its exercise."""
        return [agreement for agreement in self.ctx.session.agreements if agreement.origin == self.origin]

    def refresh(self) -> None:
        """Show the current agreements and the count."""
        lang = self.ctx.lang
        own = self.own_agreements()
        selected = self.list.value
        self.list.options = [(describe_agreement(agreement, lang), agreement.id) for agreement in own]
        if selected in {agreement.id for agreement in own}:
            self.list.value = selected
        self.list.rows = max(3, min(len(own), 8))
        # An empty list box looks like a broken field on a projector; it appears with the first one.
        self.list.layout.display = None if own else "none"
        self.undo.disabled = not self._undo
        if self.progress is not None:
            message, done = self.progress(self.ctx.session.agreements)
            self.count_label.value = f"<b>{html.escape(message)}</b>"
            if done:
                self.count_label.add_class("erfakit-count-done")
            else:
                self.count_label.remove_class("erfakit-count-done")

    def submit(self) -> None:
        """Add the typed agreement, or save the one being edited. Nothing typed is cleared on error."""
        lang = self.ctx.lang
        typed = self.text.value.strip()
        if not typed:
            raise FormInputError(
                text("meeting.error.agreement_text", lang), text("meeting.error.agreement_text_hint", lang)
            )
        meeting_day = self.ctx.session.meeting.date
        if self.deadline.value is not None and self.deadline.value < meeting_day:
            raise FormInputError(
                text(
                    "meeting.error.deadline_past",
                    lang,
                    date=format_short_date(self.deadline.value, lang),
                    meeting=format_short_date(meeting_day, lang),
                ),
                text("meeting.error.deadline_past_hint", lang),
            )
        values = {
            "text": typed,
            "theme": self.theme.value,
            "responsible_function": blank_to_none(self.function.value),
            "responsible_person": self.person.value.strip(),
            "deadline": self.deadline.value,
        }
        agreements = self.ctx.session.agreements
        if self.editing_id is None:
            agreement = Agreement(origin=self.origin, **values)
            agreements.append(agreement)
            self._undo.append(_Change(before=None, after_id=agreement.id, index=len(agreements) - 1))
            self.message.info(text("meeting.agreement.added", lang))
        else:
            index = self._index_of(self.editing_id)
            before = agreements[index]
            agreements[index] = Agreement(**{**before.model_dump(), **values})
            self._undo.append(_Change(before=before, after_id=before.id, index=index))
            self.message.info(text("meeting.agreement.updated", lang))
        self._clear_inputs()
        self.ctx.changed(Topic.AGREEMENTS, immediate=True)

    def start_editing(self) -> None:
        """Load the selected agreement into the inputs; the add button then saves the change."""
        agreement = self._selected()
        self.editing_id = agreement.id
        self.text.value = agreement.text
        self.theme.value = agreement.theme
        self.function.value = agreement.responsible_function or BLANK
        self.person.value = agreement.responsible_person
        self.deadline.value = agreement.deadline
        self.add.description = text("meeting.save_change", self.ctx.lang)
        self.cancel.layout.display = None

    def stop_editing(self) -> None:
        """Leave edit mode without changing anything."""
        self._clear_inputs()

    def delete_selected(self) -> None:
        """Delete the selected agreement (undo brings it back)."""
        agreement = self._selected()
        index = self._index_of(agreement.id)
        del self.ctx.session.agreements[index]
        self._undo.append(_Change(before=agreement, after_id=None, index=index))
        if self.editing_id == agreement.id:
            self._clear_inputs()
        self.message.info(text("meeting.agreement.deleted", self.ctx.lang))
        self.ctx.changed(Topic.AGREEMENTS, immediate=True)

    def undo_last(self) -> None:
        """Undo this editor's last add, edit or delete."""
        if not self._undo:
            raise FormInputError(text("meeting.error.nothing_to_undo", self.ctx.lang))
        change = self._undo.pop()
        agreements = self.ctx.session.agreements
        if change.after_id is not None:
            ids = [agreement.id for agreement in agreements]
            if change.after_id in ids:
                del agreements[ids.index(change.after_id)]
        if change.before is not None:
            agreements.insert(min(change.index, len(agreements)), change.before)
        self.message.info(text("meeting.undone", self.ctx.lang))
        self.ctx.changed(Topic.AGREEMENTS, immediate=True)

    def _selected(self) -> Agreement:
        chosen = self.list.value
        for agreement in self.ctx.session.agreements:
            if agreement.id == chosen:
                return agreement
        raise FormInputError(text("meeting.error.select_agreement", self.ctx.lang))

    def _index_of(self, agreement_id: str) -> int:
        for index, agreement in enumerate(self.ctx.session.agreements):
            if agreement.id == agreement_id:
                return index
        raise FormInputError(text("meeting.error.agreement_gone", self.ctx.lang))

    def _clear_inputs(self) -> None:
        self.editing_id = None
        self.text.value = ""
        self.person.value = ""
        self.deadline.value = None
        self.function.value = BLANK
        self.add.description = text("meeting.agreement.add", self.ctx.lang)
        self.cancel.layout.display = "none"
