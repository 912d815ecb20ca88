"""The agreement editor shared by Øvelse 1, 2 and 3: a short row of inputs and the list editor.

Each editor shows and edits the agreements made in its own exercise (`Agreement.origin`); the
recap in Øvelse 3 shows them all.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import ipywidgets as widgets

from erfakit.core.agreements import agreement_head, agreement_line, check_agreement, replace_origin
from erfakit.core.model import Agreement, Origin, Theme
from erfakit.texts import text
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click
from erfakit.ui.fields import BLANK, chosen_function, draft_field, enum_options, full_width, function_dropdown, styled
from erfakit.ui.list_editor import EditorTexts, ListEditor
from erfakit.ui.widgets import DateField

TEXTS = EditorTexts(
    add="meeting.agreement.add",
    select_first="meeting.error.select_agreement",
    gone="meeting.error.agreement_gone",
    added="meeting.agreement.added",
    updated="meeting.agreement.updated",
    deleted="meeting.agreement.deleted",
)


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
        lang = ctx.lang

        self.message = MessageArea(lang)
        self.text = draft_field(
            ctx,
            f"agreement-text-{origin.value}",
            placeholder=text("meeting.agreement.text_placeholder", lang),
            rows=3,
            css="erfakit-agreement-text",
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
        self.person = draft_field(
            ctx,
            f"agreement-person-{origin.value}",
            description=text("meeting.agreement.person", lang),
            placeholder=text("meeting.agreement.person_placeholder", lang),
            css="erfakit-agreement-person",
        )
        self.deadline = styled(
            DateField(
                lang=lang,
                reference=ctx.session.meeting.date,
                description=text("meeting.agreement.deadline", lang),
                disabled=ctx.read_only,
            ),
            "erfakit-agreement-deadline",
        )
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
        self.editor: ListEditor[Agreement] = ListEditor(
            css="agreement",
            lang=lang,
            texts=TEXTS,
            message=self.message,
            items=self.own_agreements,
            store=self._store,
            on_change=lambda: ctx.changed(Topic.AGREEMENTS, immediate=True),
            read=self._read,
            fill=self._fill,
            clear=self._clear,
            describe=lambda agreement: agreement_line(agreement, lang),
            name=agreement_head,
            read_only=ctx.read_only,
        )
        for button, key in zip(self.example_buttons, examples, strict=True):
            on_click(button, self.message, partial(setattr, self.text, "value", text(key, lang)))
        ctx.on(Topic.AGREEMENTS, self.refresh)

        editor = self.editor
        inputs = widgets.HBox(
            [self.theme, self.function, self.person, self.deadline], layout=widgets.Layout(flex_flow="row wrap")
        )
        buttons = widgets.HBox(
            [editor.add, editor.cancel, *self.example_buttons], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.widget = styled(
            widgets.VBox(
                [
                    self.count_label,
                    editor.editing,
                    self.text,
                    inputs,
                    buttons,
                    self.message.widget,
                    editor.list,
                    editor.actions,
                ],
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
        self.editor.refresh()
        if self.progress is not None:
            message, done = self.progress(self.ctx.session.agreements)
            self.count_label.value = f"<b>{html.escape(message)}</b>"
            if done:
                self.count_label.add_class("erfakit-count-done")
            else:
                self.count_label.remove_class("erfakit-count-done")

    def _read(self, editing: Agreement | None) -> Agreement:
        fields = check_agreement(
            {
                "text": self.text.value,
                "theme": self.theme.value,
                "responsible_function": chosen_function(self.function.value),
                "responsible_person": self.person.value,
                "deadline": self.deadline.read(),
            },
            self.ctx.session.meeting.date,
            self.ctx.lang,
        )
        if editing is None:
            return Agreement(origin=self.origin, **fields)
        return Agreement.model_validate({**editing.model_dump(), **fields})

    def _store(self, own: list[Agreement]) -> None:
        agreements = self.ctx.session.agreements
        agreements[:] = replace_origin(agreements, self.origin, own)

    def _fill(self, agreement: Agreement) -> None:
        self.text.value = agreement.text
        self.theme.value = agreement.theme
        self.function.value = agreement.responsible_function or BLANK
        self.person.value = agreement.responsible_person
        self.deadline.value = agreement.deadline

    def _clear(self) -> None:
        # The theme stays: the next agreement of the exercise is most often on the same theme.
        self.text.value = ""
        self.person.value = ""
        self.deadline.value = None
        self.function.value = BLANK
