"""Afslutning: what the meeting produced, and the button that exports the report and the lists."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import Origin
from erfakit.core.summary import answered_count
from erfakit.handouts import export_all, skipped_outputs
from erfakit.texts import text
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click
from erfakit.ui.fields import full_width, heading, help_text, styled

EXPORT_KINDS = ("html", "xlsx", "csv", "ics", "next")


def summary_html(ctx: MeetingContext) -> str:
    """Counts of what was typed today, as an HTML list."""
    session = ctx.session
    lang = ctx.lang
    today = [agreement for agreement in session.agreements if agreement.origin != Origin.EARLIER]
    facts = [
        text("meeting.summary.answers", lang, count=answered_count(session), total=len(ANSWER_IDS)),
        text("meeting.summary.agreements", lang, count=len(today), total=len(session.agreements)),
        text("meeting.summary.partners", lang, count=len(session.partners)),
        text("meeting.summary.dates", lang, count=len(session.plan.dates)),
        text("meeting.summary.projects", lang, count=len(session.topics.projects)),
    ]
    return "<ul>" + "".join(f"<li>{html.escape(fact)}</li>" for fact in facts) + "</ul>"


class ClosingForm:
    """The summary and the export."""

    def __init__(self, ctx: MeetingContext, session_path: Path) -> None:
        self.ctx = ctx
        self.session_path = session_path
        lang = ctx.lang
        self.message = MessageArea(lang)
        self.summary = styled(widgets.HTML(layout=full_width()), "erfakit-summary")
        self.export = styled(
            widgets.Button(
                description=text("meeting.export.button", lang),
                button_style="success",
                icon="file-text",
                layout=widgets.Layout(width="auto"),
            ),
            "erfakit-export-report",
        )
        self.result = styled(widgets.HTML(layout=full_width()), "erfakit-export-result")
        on_click(self.export, self.message, self.export_report)
        for topic in Topic:
            ctx.on(topic, self.show_summary)
        self.show_summary()
        self.widget = widgets.VBox(
            [
                heading(text("meeting.summary.heading", lang), level=3),
                self.summary,
                help_text(text("meeting.export.help", lang)),
                self.export,
                self.message.widget,
                self.result,
            ],
            layout=full_width(),
        )

    def show_summary(self) -> None:
        """Recount what the meeting produced."""
        self.summary.value = summary_html(self.ctx)

    def export_report(self) -> None:
        """Save, then export the report, action list and calendar; show where they are."""
        if not self.ctx.read_only and not self.ctx.saver.flush():
            # An export from a file that lacks the last words would be a silent loss.
            raise self.ctx.saver.error or RuntimeError("save failed")
        self.result.value = f"<i>{html.escape(text('meeting.export.running', self.ctx.lang))}</i>"
        paths = export_all(self.session_path, lang=self.ctx.lang)
        items = "".join(
            f"<li>{html.escape(text(f'meeting.export.kind.{kind}', self.ctx.lang))}: "
            f"<code>{html.escape(str(paths[kind]))}</code></li>"
            for kind in EXPORT_KINDS
            if kind in paths
        )
        skipped = skipped_outputs(self.ctx.session, self.ctx.lang, today=self.ctx.today())
        items += "".join(
            f"<li>{html.escape(text(f'meeting.export.kind.{kind}', self.ctx.lang))}: {html.escape(reason)}</li>"
            for kind, reason in skipped.items()
            if kind not in paths
        )
        self.result.value = f"<p>{html.escape(text('meeting.export.done', self.ctx.lang))}</p><ul>{items}</ul>"


def build_afslutning(ctx: MeetingContext, session_path: Path) -> widgets.VBox:
    """The closing screen."""
    return ClosingForm(ctx, session_path).widget
