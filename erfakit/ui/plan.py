"""Øvelse 3's mødefrekvens: the rhythm for the next half year, turned into dates at once.

Changing the rhythm (interval, weekday, first date, months, closure days and periods) makes the
dates anew with `erfakit.core.schedule.plan_meeting_dates`, keeping their calendar UIDs
(`erfakit.core.schedule.replan`); each date can then be changed or removed by hand, and a date can
be added. Changing the time or place changes every date and keeps the hand edits. A date that was in
the file when it was opened (and so may be in calendars already) and is taken out of the plan is
kept as cancelled, for the calendar to cancel its event. Dates in July and around Christmas are
warned about (`erfakit.core.schedule.plan_warnings`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from functools import partial

import ipywidgets as widgets
from babel.dates import get_day_names

from erfakit.core.formatting import format_date, format_time
from erfakit.core.model import ClosurePeriod, PlannedMeeting
from erfakit.core.parsing import parse_time_text
from erfakit.core.schedule import (
    blocked_reason,
    date_after_last,
    describe_plan,
    plan_meeting_dates,
    plan_warnings,
    replan,
    skipped_meeting_dates,
    week_working_days,
)
from erfakit.exceptions import FormInputError
from erfakit.texts import text
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_change, on_click
from erfakit.ui.fields import BLANK, bound_text, close_all, draft_field, format_clock_time, full_width, heading, styled
from erfakit.ui.widgets import DateField

INTERVALS = ("2w", "4w", "6w", "8w", "monthly")


class PlanForm:
    """The meeting frequency and its dates."""

    def __init__(self, ctx: MeetingContext) -> None:
        self.ctx = ctx
        lang = ctx.lang
        plan = ctx.session.plan
        self.message = MessageArea(lang, css="erfakit-plan-message")
        intervals = [("–", BLANK)] + [(text(f"meeting.plan.interval.{value}", lang), value) for value in INTERVALS]
        days = get_day_names("wide", locale=lang)
        self.interval = styled(
            widgets.Dropdown(
                options=intervals, value=plan.interval or BLANK, description=text("meeting.plan.interval", lang)
            ),
            "erfakit-plan-interval",
        )
        self.weekday = styled(
            widgets.Dropdown(
                options=[(days[index], index) for index in range(7)],
                value=plan.weekday,
                description=text("meeting.plan.weekday", lang),
            ),
            "erfakit-plan-weekday",
        )
        self.time = styled(
            widgets.Text(
                value=format_clock_time(plan.start_time, lang),
                description=text("meeting.plan.time", lang),
                layout=widgets.Layout(width="16em"),
            ),
            "erfakit-plan-time",
        )
        self.place = bound_text(
            ctx,
            "plan/place",
            description=text("meeting.plan.place", lang),
            placeholder=text("meeting.plan.place_placeholder", lang),
            css="erfakit-plan-place",
        )
        self.first_date = styled(
            self._date_field(plan.first_date, "meeting.plan.first_date"), "erfakit-plan-first-date"
        )
        self.months = styled(
            widgets.BoundedIntText(
                value=plan.months,
                min=1,
                max=24,
                description=text("meeting.plan.months", lang),
                layout=widgets.Layout(width="16em"),
            ),
            "erfakit-plan-months",
        )
        self.closure_date = styled(self._date_field(None, "meeting.plan.closure_day"), "erfakit-plan-closure-date")
        self.closure_add = styled(
            widgets.Button(description=text("meeting.plan.closure_add", lang), icon="ban"), "erfakit-plan-closure-add"
        )
        self.closure_add_week = styled(
            widgets.Button(description=text("meeting.plan.closure_add_week", lang), icon="calendar-times-o"),
            "erfakit-plan-closure-add-week",
        )
        self.closure_end = styled(self._date_field(None, "meeting.plan.closure_end"), "erfakit-plan-closure-end")
        self.closure_label = draft_field(
            ctx,
            "plan/closure_label",
            description=text("meeting.plan.closure_label", lang),
            placeholder=text("meeting.plan.closure_label_placeholder", lang),
            css="erfakit-plan-closure-label",
        )
        self.closure_add_period = styled(
            widgets.Button(description=text("meeting.plan.closure_add_period", lang), icon="calendar-times-o"),
            "erfakit-plan-closure-add-period",
        )
        self.closures = styled(widgets.VBox(), "erfakit-plan-closures")
        self._loaded_uids = {planned.uid for planned in plan.dates}
        self.summary = styled(widgets.HTML(), "erfakit-plan-summary")
        self.dates = styled(widgets.VBox(layout=full_width()), "erfakit-plan-dates")
        self.date_add = styled(
            widgets.Button(description=text("meeting.plan.date_add", lang), icon="plus"), "erfakit-plan-date-add"
        )

        on_change(self.interval, self.message, lambda value: self._set(interval=value or None))
        on_change(self.weekday, self.message, lambda value: self._set(weekday=value))
        on_change(
            self.time,
            self.message,
            lambda value: self._set_for_every_date(
                start_time=parse_time_text(value, field=text("meeting.plan.time", lang), lang=lang)
            ),
        )
        # The place is a bound text (its browser copy survives a dead kernel); the dates' lines follow it.
        ctx.on(Topic.PLAN, self._show_date_words)
        on_change(self.first_date, self.message, lambda value: self._set(first_date=value))
        on_change(self.months, self.message, lambda value: self._set(months=int(value)))
        on_click(self.closure_add, self.message, self.add_closure)
        on_click(self.closure_add_week, self.message, self.add_closure_week)
        on_click(self.closure_add_period, self.message, self.add_closure_period)
        on_click(self.date_add, self.message, self.add_date)

        self.widget = widgets.VBox(
            [
                widgets.HBox([self.interval, self.weekday, self.time], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox([self.place, self.first_date, self.months], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox(
                    [self.closure_date, self.closure_add, self.closure_add_week],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                widgets.HBox(
                    [self.closure_end, self.closure_label, self.closure_add_period],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.closures,
                self.message.widget,
                self.summary,
                self.dates,
                self.date_add,
            ],
            layout=full_width(),
        )
        self.show()

    def _closure_row(self, words: str, css: str, remove_it: Callable[[], object]) -> widgets.HBox:
        """One closure day or period as a line of text with its own remove button."""
        remove = styled(
            widgets.Button(
                description=text("meeting.remove", self.ctx.lang), icon="times", layout=widgets.Layout(width="auto")
            ),
            css,
        )
        on_click(remove, self.message, remove_it)
        return widgets.HBox([widgets.HTML(html.escape(words)), remove])

    def _date_field(self, value: dt.date | None, key: str) -> DateField:
        lang = self.ctx.lang
        return DateField(
            value,
            lang=lang,
            reference=self.ctx.session.meeting.date,
            description=text(key, lang) if key else "",
            disabled=self.ctx.read_only,
        )

    def _show_date_words(self) -> None:
        dates = self.ctx.session.plan.dates
        if len(dates) == len(getattr(self, "rows", ())):
            for row, meeting in zip(self.rows, dates, strict=True):
                row.children[1].value = self._date_words(meeting)

    def _set(self, **values: object) -> None:
        """Change the rhythm and make the dates anew."""
        plan = self.ctx.session.plan
        for name, value in values.items():
            setattr(plan, name, value)
        dates, dropped = replan(plan.dates, plan_meeting_dates(plan, today=self.ctx.today(), lang=self.ctx.lang))
        plan.dates = dates
        self._cancel(dropped)
        self.ctx.changed(Topic.PLAN)
        self.show()

    def _cancel(self, dropped: list[PlannedMeeting]) -> None:
        """Keep dates that may be in calendars already as cancelled (the others simply go)."""
        plan = self.ctx.session.plan
        known = {planned.uid for planned in plan.cancelled}
        plan.cancelled = [
            *plan.cancelled,
            *(planned for planned in dropped if planned.uid in self._loaded_uids and planned.uid not in known),
        ]

    def _set_for_every_date(self, **values: object) -> None:
        """Change the time or place of the plan and of every date, keeping dates moved by hand."""
        plan = self.ctx.session.plan
        for name, value in values.items():
            setattr(plan, name, value)
        plan.dates = [meeting.model_copy(update=values) for meeting in plan.dates]
        self.ctx.changed(Topic.PLAN)
        for row, meeting in zip(self.rows, plan.dates, strict=True):
            row.children[1].value = self._date_words(meeting)

    def add_closure(self) -> None:
        """Add the chosen closure day; the dates avoid it."""
        self._add_closures([self._chosen_closure_day()])

    def add_closure_week(self) -> None:
        """Add Monday to Friday of the chosen day's week (a school holiday: "vinterferie i uge 7")."""
        year, week, _weekday = self._chosen_closure_day().isocalendar()
        self._add_closures(week_working_days(year, week))

    def _chosen_closure_day(self) -> dt.date:
        day = self.closure_date.read()
        if day is None:
            raise FormInputError(text("meeting.error.closure_day", self.ctx.lang))
        return day

    def _add_closures(self, days: list[dt.date]) -> None:
        closures = self.ctx.session.plan.closure_days
        new = [day for day in days if day not in closures]
        if new:
            self._set(closure_days=sorted([*closures, *new]))
        self.closure_date.value = None
        self.ctx.saver.mark_dirty(immediate=True)

    def add_closure_period(self) -> None:
        """Close the days from the chosen day to the end date ("Sommerferie 5.–23. juli")."""
        start = self._chosen_closure_day()
        end = self.closure_end.value
        if end is None:
            raise FormInputError(
                text("meeting.error.closure_end", self.ctx.lang), text("meeting.error.closure_end_hint", self.ctx.lang)
            )
        period = ClosurePeriod(start=min(start, end), end=max(start, end), label=self.closure_label.value.strip())
        periods = self.ctx.session.plan.closure_periods
        if period not in periods:
            self._set(closure_periods=[*periods, period])
        self.closure_date.value = self.closure_end.value = None
        self.closure_label.value = ""
        self.ctx.saver.mark_dirty(immediate=True)

    def remove_closure_period(self, period: ClosurePeriod) -> None:
        """Open a closure period again; the dates are made anew."""
        self._set(closure_periods=[item for item in self.ctx.session.plan.closure_periods if item != period])
        self.ctx.saver.mark_dirty(immediate=True)

    def remove_closure(self, day: dt.date) -> None:
        """Remove a closure day; the dates are made anew."""
        self._set(closure_days=[item for item in self.ctx.session.plan.closure_days if item != day])
        self.ctx.saver.mark_dirty(immediate=True)

    def add_date(self) -> None:
        """Add a date by hand, one usual gap after the last (edit it in its row)."""
        plan = self.ctx.session.plan
        plan.dates.append(date_after_last(plan, today=self.ctx.today()))
        self.ctx.changed(Topic.PLAN, immediate=True)
        self.show()

    def change_date(self, index: int, value: dt.date | None) -> None:
        """Move one planned meeting to another day."""
        if value is None:
            raise FormInputError(text("meeting.error.plan_date", self.ctx.lang))
        plan = self.ctx.session.plan
        plan.dates[index] = plan.dates[index].model_copy(update={"date": value, "note": ""})
        self.ctx.changed(Topic.PLAN)
        self.rows[index].children[1].value = self._date_words(plan.dates[index])
        # A date moved by hand is the tovholder's call, but a holiday should not slip in unseen.
        reason = blocked_reason(value, plan.closure_days, self.ctx.lang, plan.closure_periods)
        if reason:
            self.message.info(
                text(
                    "meeting.plan.date_blocked",
                    self.ctx.lang,
                    date=format_date(value, self.ctx.lang, weekday=True),
                    reason=reason,
                )
            )

    def remove_date(self, index: int) -> None:
        """Remove one planned meeting (kept as cancelled when calendars may hold it)."""
        removed = self.ctx.session.plan.dates.pop(index)
        self._cancel([removed])
        self.ctx.changed(Topic.PLAN, immediate=True)
        self.show()

    def show(self) -> None:
        """Show the plan in words, the skipped dates, the closure days and one row per date."""
        lang = self.ctx.lang
        plan = self.ctx.session.plan
        skipped = skipped_meeting_dates(plan, today=self.ctx.today(), lang=lang)
        notes = "".join(f"<li>{html.escape(note)}</li>" for note in skipped)
        warnings = "".join(f"<li>{html.escape(warning)}</li>" for warning in plan_warnings(plan.dates, lang))
        self.summary.value = (
            f"<b>{html.escape(describe_plan(plan, lang))}</b>"
            + (f"<ul>{notes}</ul>" if notes else "")
            + (f"<ul class='erfakit-warning erfakit-plan-warnings'>{warnings}</ul>" if warnings else "")
        )
        close_all(self.closures.children)
        closure_rows = [
            self._closure_row(
                text("meeting.plan.closure_item", lang, date=format_date(day, lang, weekday=True)),
                "erfakit-plan-closure-remove",
                partial(self.remove_closure, day),
            )
            for day in plan.closure_days
        ]
        for period in plan.closure_periods:
            words = text(
                "meeting.plan.closure_period_item",
                lang,
                start=format_date(period.start, lang),
                end=format_date(period.end, lang),
                label=period.label or text("meeting_core.plan.closure_period", lang),
            )
            closure_rows.append(
                self._closure_row(
                    words, "erfakit-plan-closure-period-remove", partial(self.remove_closure_period, period)
                )
            )
        self.closures.children = closure_rows
        close_all(self.dates.children)
        self.rows = []
        for index, meeting in enumerate(plan.dates):
            picker = styled(self._date_field(meeting.date, ""), "erfakit-plan-date")
            remove = styled(
                widgets.Button(
                    description=text("meeting.remove", lang), icon="times", layout=widgets.Layout(width="auto")
                ),
                "erfakit-plan-date-remove",
            )
            on_change(picker, self.message, partial(self.change_date, index))
            on_click(remove, self.message, partial(self.remove_date, index))
            self.rows.append(
                widgets.HBox(
                    [picker, widgets.HTML(self._date_words(meeting)), remove],
                    layout=widgets.Layout(flex_flow="row wrap"),
                )
            )
        self.dates.children = self.rows

    def _date_words(self, meeting: PlannedMeeting) -> str:
        lang = self.ctx.lang
        words = f"{format_date(meeting.date, lang, weekday=True)} {format_time(meeting.start_time, lang)}"
        if meeting.place:
            words += f", {meeting.place}"
        if meeting.note:
            words += f" ({meeting.note})"
        return html.escape(words)


def build_plan(ctx: MeetingContext) -> widgets.VBox:
    """The mødefrekvens form with its heading."""
    return widgets.VBox(
        [heading(text("meeting.plan.heading", ctx.lang), level=3), PlanForm(ctx).widget], layout=full_width()
    )
