"""The koordinationsmøde's screens: a round of status on every open agreement, what the group meets
about and wanted to know, the joint projects, new agreements, and the next date with the referat.

Everything here binds widgets to the core: the status round writes each change through
`erfakit.core.agreements.record_status` (the item's status and deadline, and one history entry for
this meeting's date), and the other screens reuse the fourth meeting's forms — the agreement editor,
the project editor, the topic fields, the plan form and the closing export.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Literal

import ipywidgets as widgets

from erfakit.core.agreements import (
    agreement_line,
    check_new_deadline,
    group_agreements_by_theme,
    history_line,
    is_open,
    record_status,
)
from erfakit.core.identity import meeting_reference
from erfakit.core.model import Agreement, AgreementStatus, Origin, PartId, Project, Theme
from erfakit.core.projects import project_line
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text
from erfakit.ui.afslutning import ClosingForm
from erfakit.ui.agreements import AgreementEditor
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_change
from erfakit.ui.fields import (
    answer_field,
    close_all,
    draft_field,
    enum_options,
    full_width,
    heading,
    help_text,
    styled,
)
from erfakit.ui.ovelse3 import Projects, topic_field
from erfakit.ui.plan import build_plan
from erfakit.ui.widgets import DateField

Followed = Agreement | Project
Which = Literal["agreements", "projects"]


class StatusRound:
    """One row per agreement (or project): status, a note from today and the deadline, editable in
    place; the open ones first (agreements under their theme), the closed ones folded away below.

    Rows are built once for the items present and are never rebuilt under the tovholder's hand: an
    item set to done stays in its row until the screen is next built. Only a change of which items
    exist (an agreement added or undone elsewhere) rebuilds the list.
    """

    def __init__(self, ctx: MeetingContext, which: Which) -> None:
        self.ctx = ctx
        self.which = which
        self.message = MessageArea(ctx.lang)
        self.body = widgets.VBox(layout=full_width())
        self.widget = styled(
            widgets.VBox([self.body, self.message.widget], layout=full_width()),
            "erfakit-status-round",
            f"erfakit-status-round-{which}",
        )
        self._shown: tuple[str, ...] = ()
        ctx.on(self._topic, self.refresh)
        self.refresh()

    @property
    def _topic(self) -> Topic:
        return Topic.AGREEMENTS if self.which == "agreements" else Topic.TOPICS

    def _items(self) -> list[Followed]:
        session = self.ctx.session
        return list(session.agreements) if self.which == "agreements" else list(session.topics.projects)

    def refresh(self) -> None:
        """Build the rows anew when the items are others than those shown."""
        ids = tuple(item.id for item in self._items())
        if ids == self._shown:
            return
        self._shown = ids
        lang = self.ctx.lang
        items = self._items()
        open_items = [item for item in items if is_open(item)]
        closed = [item for item in items if not is_open(item)]
        rows: list[widgets.Widget] = []
        if not open_items:
            rows.append(help_text(text(f"meeting.koordination.no_open_{self.which}", lang)))
        if self.which == "agreements":
            agreements = [item for item in open_items if isinstance(item, Agreement)]
            for theme, themed in group_agreements_by_theme(agreements).items():
                if themed:
                    rows.append(heading(label(theme, lang), level=4))
                    rows.extend(self._row(item) for item in themed)
        else:
            rows.extend(self._row(item) for item in open_items)
        if closed:
            folded = widgets.Accordion(children=[widgets.VBox([self._row(item) for item in closed])])
            folded.set_title(0, text(f"meeting.koordination.closed_{self.which}", lang, count=len(closed)))
            folded.selected_index = None
            rows.append(styled(folded, "erfakit-status-closed"))
        close_all(self.body.children)
        self.body.children = rows

    def _row(self, item: Followed) -> widgets.Widget:
        lang = self.ctx.lang
        today = self.ctx.session.meeting.date
        entry = item.history[-1] if item.history and item.history[-1].date == today else None
        earlier = [change for change in item.history if change.date != today]
        status = styled(
            widgets.Dropdown(
                options=enum_options(AgreementStatus, lang),
                value=item.status,
                description=text("meeting.koordination.status", lang),
                layout=widgets.Layout(width="18em"),
            ),
            "erfakit-status-status",
        )
        # The note keeps a browser copy like every free-text field: put back into the field after a
        # reload, it is saved through the same change as a typed note.
        note = draft_field(
            self.ctx,
            f"status-note/{item.id}",
            value=entry.note if entry else "",
            placeholder=text("meeting.koordination.note_placeholder", lang),
            rows=2,
            css="erfakit-status-note",
        )
        deadline = styled(
            DateField(
                item.deadline,
                lang=lang,
                reference=today,
                description=text("meeting.agreement.deadline", lang),
                disabled=self.ctx.read_only,
            ),
            "erfakit-status-deadline",
        )
        on_change(status, self.message, partial(self.change, item.id, "status"))
        on_change(note, self.message, partial(self.change, item.id, "note"))
        on_change(deadline, self.message, partial(self.change, item.id, "deadline"))
        if isinstance(item, Agreement):
            line = agreement_line(item, lang, with_theme=False)
            where = item.origin_meeting or label(item.origin, lang)
        else:
            line = project_line(item, lang)
            where = ""
        described = f"<b>{html.escape(item.id)}</b> {html.escape(line)}"
        if where:
            described += f" <i>– {html.escape(where)}</i>"
        if earlier:
            last = text("meeting.koordination.last_time", lang, change=history_line(earlier[-1], lang))
            described += f"<div class='erfakit-help'>{html.escape(last)}</div>"
        return styled(
            widgets.VBox(
                [
                    widgets.HTML(described, layout=full_width()),
                    widgets.HBox([status, deadline], layout=widgets.Layout(flex_flow="row wrap")),
                    note,
                ],
                layout=full_width(),
            ),
            "erfakit-status-row",
            f"erfakit-status-row-{item.id}",
        )

    def change(self, item_id: str, field: str, value: object) -> None:
        """Record what the meeting says about one item: its new status, today's note, a new deadline."""
        session = self.ctx.session
        items: list = session.agreements if self.which == "agreements" else session.topics.projects
        index = next((position for position, item in enumerate(items) if item.id == item_id), None)
        if index is None:
            raise FormInputError(text("meeting.error.agreement_gone", self.ctx.lang))
        item = items[index]
        date = session.meeting.date
        reference = meeting_reference(session, self.ctx.lang)
        if field == "status":
            updated = record_status(item, date=date, meeting=reference, status=AgreementStatus(str(value)))
        elif field == "note":
            updated = record_status(item, date=date, meeting=reference, note=str(value))
        else:
            deadline = value if isinstance(value, dt.date) else None
            check_new_deadline(deadline, date, self.ctx.lang)
            updated = record_status(item, date=date, meeting=reference, deadline=deadline)
        items[index] = updated
        self.ctx.changed(self._topic, immediate=field != "note")


def build_status(ctx: MeetingContext) -> widgets.VBox:
    """Status på aftalerne: a round of status on each agreement."""
    lang = ctx.lang
    return widgets.VBox(
        [help_text(text("guide.k.status_intro", lang)), StatusRound(ctx, "agreements").widget], layout=full_width()
    )


def build_emner(ctx: MeetingContext) -> widgets.VBox:
    """Det, vi mødes om: the standing topics (editable, carried to the next meeting) and today's notes."""
    lang = ctx.lang
    return widgets.VBox(
        [
            help_text(text("guide.k.emner_intro", lang)),
            topic_field(ctx, "meet_about", "erfakit-topics-meet-about"),
            answer_field(ctx, "k.meet_about"),
            topic_field(ctx, "want_to_know", "erfakit-topics-want-to-know"),
            answer_field(ctx, "k.want_to_know"),
        ],
        layout=full_width(),
    )


def build_projekter(ctx: MeetingContext) -> widgets.VBox:
    """Fælles projekter: the status of each project, and new ones."""
    lang = ctx.lang
    return widgets.VBox(
        [
            help_text(text("guide.k.projekter_intro", lang)),
            StatusRound(ctx, "projects").widget,
            heading(text("meeting.koordination.new_project", lang), level=4),
            Projects(ctx).widget,
        ],
        layout=full_width(),
    )


def build_nye_aftaler(ctx: MeetingContext) -> widgets.VBox:
    """Nye aftaler: the agreement editor for today's agreements."""
    editor = AgreementEditor(ctx, Origin.KOORDINATION, default_theme=Theme.BOLIGFORHOLD)
    return widgets.VBox([help_text(text("guide.k.nye_aftaler_intro", ctx.lang)), editor.widget], layout=full_width())


class KoordinationClosing(ClosingForm):
    """The export of the fourth meeting's Afslutning, with a koordinationsmøde's summary."""

    def show_summary(self) -> None:
        """What the meeting did: statuses given, notes, new agreements and projects, dates left."""
        self.summary.value = summary_html(self.ctx)


def summary_html(ctx: MeetingContext) -> str:
    """A koordinationsmøde's results as an HTML list: statuses given, new agreements, dates."""
    session = ctx.session
    lang = ctx.lang
    date = session.meeting.date
    followed: list[Followed] = [*session.agreements, *session.topics.projects]
    given = sum(1 for item in followed if item.history and item.history[-1].date == date)
    facts = [
        text("meeting.koordination.summary.followed", lang, count=given, total=len(followed)),
        text(
            "meeting.koordination.summary.new",
            lang,
            count=sum(1 for a in session.agreements if a.origin == Origin.KOORDINATION),
        ),
        text("meeting.koordination.summary.open", lang, count=sum(1 for item in followed if is_open(item))),
        text("meeting.summary.dates", lang, count=len(session.plan.dates)),
    ]
    return "<ul>" + "".join(f"<li>{html.escape(fact)}</li>" for fact in facts) + "</ul>"


def build_naeste(ctx: MeetingContext, session_path: Path) -> widgets.VBox:
    """Næste møde og referat: the rest of the plan (editable) and the export."""
    return widgets.VBox(
        [
            help_text(text("guide.k.naeste_intro", ctx.lang)),
            build_plan(ctx),
            KoordinationClosing(ctx, session_path).widget,
        ],
        layout=full_width(),
    )


_BUILDERS: dict[PartId, Callable[[MeetingContext, Path], widgets.Widget]] = {
    PartId.STATUS: lambda ctx, _path: build_status(ctx),
    PartId.EMNER: lambda ctx, _path: build_emner(ctx),
    PartId.PROJEKTER: lambda ctx, _path: build_projekter(ctx),
    PartId.NYE_AFTALER: lambda ctx, _path: build_nye_aftaler(ctx),
    PartId.NAESTE: build_naeste,
}


def build_koordination_part(ctx: MeetingContext, session_path: Path, part: PartId) -> widgets.Widget:
    """The screen of one of a koordinationsmøde's parts."""
    return _BUILDERS[part](ctx, session_path)
