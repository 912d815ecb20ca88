"""Øvelse 3 — Videre samarbejde: every agreement by theme with its status, the meeting plan, the
topics and the joint projects."""

from __future__ import annotations

import html
from functools import partial

import ipywidgets as widgets

from erfakit.core.agreements import agreement_line, group_agreements_by_theme
from erfakit.core.model import AgreementStatus, Origin, Project, Theme
from erfakit.core.projects import check_project, project_line
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text
from erfakit.ui.agreements import AgreementEditor
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_change
from erfakit.ui.fields import (
    BLANK,
    bound_text,
    chosen_function,
    close_all,
    draft_field,
    enum_options,
    full_width,
    function_dropdown,
    heading,
    help_text,
    styled,
)
from erfakit.ui.list_editor import EditorTexts, ListEditor
from erfakit.ui.plan import build_plan

TEXTS = EditorTexts(
    add="meeting.project.add",
    select_first="meeting.error.select_project",
    gone="meeting.error.project_gone",
    added="meeting.project.added",
    updated="meeting.project.updated",
    deleted="meeting.project.deleted",
)


class Recap:
    """All agreements, earlier and today's, grouped by the four themes, with status editable."""

    def __init__(self, ctx: MeetingContext) -> None:
        self.ctx = ctx
        self.message = MessageArea(ctx.lang)
        self.body = widgets.VBox(layout=full_width())
        self.widget = styled(widgets.VBox([self.body, self.message.widget], layout=full_width()), "erfakit-recap")
        self._shown: tuple[tuple[object, ...], ...] = ()
        ctx.on(Topic.AGREEMENTS, self.refresh)
        self.refresh()

    def _signature(self) -> tuple[tuple[object, ...], ...]:
        return tuple(
            (a.id, a.text, a.theme, a.origin, a.status, a.responsible_person, a.deadline)
            for a in self.ctx.session.agreements
        )

    def refresh(self) -> None:
        """Rebuild the recap unless it already shows exactly the current agreements."""
        signature = self._signature()
        if signature == self._shown:
            return
        self._shown = signature
        lang = self.ctx.lang
        close_all(self.body.children)
        boxes = []
        for theme, agreements in group_agreements_by_theme(self.ctx.session.agreements).items():
            rows: list[widgets.Widget] = [heading(label(theme, lang), level=4)]
            if not agreements:
                rows.append(help_text(text("meeting.recap.none", lang)))
            for agreement in agreements:
                status = styled(
                    widgets.Dropdown(
                        options=enum_options(AgreementStatus, lang),
                        value=agreement.status,
                        layout=widgets.Layout(width="12em"),
                    ),
                    "erfakit-agreement-status",
                    f"erfakit-agreement-status-{agreement.id}",
                )
                on_change(status, self.message, partial(self.set_status, agreement.id))
                origin = label(agreement.origin, lang)
                if agreement.origin == Origin.EARLIER and agreement.origin_meeting:
                    origin = agreement.origin_meeting
                line = widgets.HTML(
                    f"{html.escape(agreement_line(agreement, lang, with_theme=False))} <i>– {html.escape(origin)}</i>",
                    layout=widgets.Layout(flex="1 1 auto", width="auto"),
                )
                rows.append(widgets.HBox([status, line], layout=full_width()))
            boxes.append(styled(widgets.VBox(rows, layout=full_width()), f"erfakit-recap-{theme.value}"))
        self.body.children = boxes

    def set_status(self, agreement_id: str, status: AgreementStatus) -> None:
        """Change one agreement's status (the recap is not rebuilt under the tovholder's hand)."""
        agreements = self.ctx.session.agreements
        for index, agreement in enumerate(agreements):
            if agreement.id == agreement_id:
                agreements[index] = agreement.model_copy(update={"status": status})
                break
        else:
            raise FormInputError(text("meeting.error.agreement_gone", self.ctx.lang))
        self._shown = self._signature()
        self.ctx.changed(Topic.AGREEMENTS, immediate=True)


class Projects:
    """Joint projects with an owner: a short entry row and the list editor."""

    def __init__(self, ctx: MeetingContext) -> None:
        self.ctx = ctx
        lang = ctx.lang
        self.message = MessageArea(lang)
        self.title = draft_field(
            ctx,
            "project-title",
            description=text("meeting.project.title", lang),
            placeholder=text("meeting.project.title_placeholder", lang),
            layout=widgets.Layout(width="40em"),
            css="erfakit-project-title",
        )
        self.function = function_dropdown(lang, blank=True, css="erfakit-project-function")
        self.function.description = text("meeting.project.function", lang)
        self.person = draft_field(
            ctx, "project-person", description=text("meeting.project.person", lang), css="erfakit-project-person"
        )
        self.editor: ListEditor[Project] = ListEditor(
            css="project",
            lang=lang,
            texts=TEXTS,
            message=self.message,
            items=lambda: ctx.session.topics.projects,
            store=self._store,
            on_change=lambda: ctx.changed(Topic.TOPICS, immediate=True),
            read=self._read,
            fill=self._fill,
            clear=self._clear,
            describe=lambda project: project_line(project, lang),
            name=lambda project: project.title,
            read_only=ctx.read_only,
        )
        self.editor.submit_on_enter(self.title)
        editor = self.editor
        self.widget = widgets.VBox(
            [
                editor.editing,
                widgets.HBox(
                    [self.title, self.function, self.person, editor.add, editor.cancel],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.message.widget,
                editor.list,
                editor.actions,
            ],
            layout=full_width(),
        )

    def _read(self, editing: Project | None) -> Project:
        candidate = Project(
            title=self.title.value, owner_function=chosen_function(self.function.value), owner_person=self.person.value
        )
        if editing is not None:
            candidate = candidate.model_copy(update={"id": editing.id})
        return check_project(candidate, self.ctx.lang)

    def _store(self, projects: list[Project]) -> None:
        self.ctx.session.topics.projects[:] = projects

    def _fill(self, project: Project) -> None:
        self.title.value = project.title
        self.function.value = project.owner_function or BLANK
        self.person.value = project.owner_person

    def _clear(self) -> None:
        self.title.value = ""
        self.person.value = ""


def topic_field(ctx: MeetingContext, field: str, css: str) -> widgets.VBox:
    """One of Øvelse 3's discussion questions with its answer field (`Session.topics`)."""
    area = bound_text(ctx, f"topics/{field}", placeholder=text("meeting.answer_placeholder", ctx.lang), rows=3, css=css)
    return widgets.VBox([heading(text(f"guide.o3.{field}", ctx.lang), level=4), area], layout=full_width())


def build_ovelse3(ctx: MeetingContext) -> widgets.VBox:
    """The whole of Øvelse 3."""
    lang = ctx.lang
    editor = AgreementEditor(ctx, Origin.OVELSE3, default_theme=Theme.BOLIGFORHOLD)
    return widgets.VBox(
        [
            help_text(text("guide.o3.intro", lang)),
            heading(text("guide.o3.recap", lang), level=3),
            Recap(ctx).widget,
            heading(text("meeting.recap.new_heading", lang), level=4),
            editor.widget,
            help_text(text("guide.o3.frequency", lang)),
            build_plan(ctx),
            topic_field(ctx, "meet_about", "erfakit-topics-meet-about"),
            topic_field(ctx, "want_to_know", "erfakit-topics-want-to-know"),
            heading(text("guide.o3.projects", lang), level=4),
            Projects(ctx).widget,
        ],
        layout=full_width(),
    )
