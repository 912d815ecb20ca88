"""Afslutning: what the meeting produced, and the button that exports the report and the lists.

"Eksportér referat" opens the finished report in a new browser tab, for the projector: the tab is
opened by the button's own JavaScript inside the click (`ReportTabButton`), says "Referatet laves …"
and gets the report as soon as it is written; the aftaleliste, the calendar and the next meeting
file follow, and their paths are listed below the button.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import Origin
from erfakit.core.summary import answered_count
from erfakit.handouts import export_all, output_name, skipped_outputs, write_report_html
from erfakit.report.render import resolve_language
from erfakit.texts import text
from erfakit.ui.browser_widgets import ReportTabButton
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, run_guarded
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
            ReportTabButton(
                label=text("meeting.export.button", lang),
                waiting=text("meeting.export.waiting", lang),
                lang=lang,
            ),
            "erfakit-export-report",
        )
        self.result = styled(widgets.HTML(layout=full_width()), "erfakit-export-result")
        self.export.observe(lambda change: self._on_click(int(change["new"])), names="clicks")
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

    def _on_click(self, click: int) -> None:
        self.export.disabled = True
        self.ctx.exporting.set()
        try:
            if run_guarded(self.export_report, self.message) is None and self.message.showing_error:
                self.export.answered = click
                self.export.failure = text("meeting.export.failed_tab", self.ctx.lang)
        finally:
            self.ctx.exporting.clear()
            self.export.disabled = False

    def export_report(self) -> None:
        """Save, write the report and send it to the tab, then the aftaleliste and calendar; list them."""
        if not self.ctx.read_only and not self.ctx.saver.flush():
            # An export from a file that lacks the last words would be a silent loss.
            raise self.ctx.saver.error or RuntimeError("save failed")
        lang = self.ctx.lang
        self.result.value = f"<i>{html.escape(text('meeting.export.running', lang))}</i>"
        session = self.ctx.session
        report = self.session_path.parent / output_name("html", session, resolve_language(session, lang))
        write_report_html(session, report, lang=lang)
        # The tab shows the report now; the lists and the calendar follow while the room reads it.
        self.export.report = ""
        self.export.failure = ""
        self.export.answered = self.export.clicks
        self.export.report = report.read_text(encoding="utf-8")
        paths = {"html": report, **export_all(self.session_path, lang=lang, report=False)}
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
