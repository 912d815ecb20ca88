"""The header above every part: meeting title, current part with its time box and clock, save state.

The header is two widgets: a title row (the meeting, the display toggles) that scrolls away, and
the *bar* (navigation, the current part's clock and time box, the save state) that the app puts
directly in its root box, where CSS keeps it at the top of the window (`erfakit.ui.styles`).

The clock must never block the kernel, so nothing in the kernel loops or sleeps: the browser ticks
once a second (`erfakit.ui.browser_widgets.ClockTicker`), and each tick only recomputes the label
from the wall clock. While the kernel is busy, ticks wait; the time shown is still right afterwards
because it is measured, not counted.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable

import ipywidgets as widgets

from erfakit.core.formatting import format_date, format_time
from erfakit.core.model import PartId, Session
from erfakit.core.schedule import format_clock
from erfakit.texts import text
from erfakit.ui.autosave import Autosaver, SaveState, save_error_message
from erfakit.ui.browser_widgets import ClockTicker
from erfakit.ui.fields import styled
from erfakit.ui.widgets import ConnectionStatus


class PartClock:
    """Time used per part, measured between the browser's ticks while the clock runs."""

    def __init__(self, now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.now = now
        self.used: dict[PartId, dt.timedelta] = {part: dt.timedelta() for part in PartId}
        self.part = PartId.VELKOMMEN
        self._since: dt.datetime | None = None

    def start(self) -> None:
        """Count time for the current part from now."""
        if self._since is None:
            self._since = self.now()

    @property
    def running(self) -> bool:
        """Whether time is being counted."""
        return self._since is not None

    def stop(self) -> None:
        """Stop counting (the time used so far is kept)."""
        self._catch_up()
        self._since = None

    def switch(self, part: PartId) -> None:
        """Count further time for ``part``."""
        self._catch_up()
        self.part = part

    def remaining(self, minutes: int) -> dt.timedelta:
        """Time left of the current part's time box (negative once over)."""
        self._catch_up()
        return dt.timedelta(minutes=minutes) - self.used[self.part]

    def snapshot(self) -> dict[str, object]:
        """The clock as plain data (part, seconds used per part, running, when), for after a reload."""
        self._catch_up()
        return {
            "part": self.part.value,
            "used": {part.value: used.total_seconds() for part, used in self.used.items()},
            "running": self._since is not None,
            "at": self.now().timestamp(),
        }

    def restore(self, state: object) -> bool:
        """Take the clock of a `snapshot` back; time since then counts for its part if it ran.

        Returns whether it was running. Anything that is not a snapshot is ignored.
        """
        if not isinstance(state, dict) or not isinstance(state.get("used"), dict):
            return False
        for part in PartId:
            seconds = state["used"].get(part.value)
            if isinstance(seconds, int | float) and 0 <= seconds < 86_400:
                self.used[part] = dt.timedelta(seconds=seconds)
        running = state.get("running") is True and isinstance(state.get("at"), int | float)
        if running:
            away = self.now().timestamp() - float(state["at"])
            if 0 <= away < 86_400:
                self.used[self.part] += dt.timedelta(seconds=away)
            self._since = self.now()
        return running

    def _catch_up(self) -> None:
        if self._since is not None:
            now = self.now()
            self.used[self.part] += now - self._since
            self._since = now


def clock_text(remaining: dt.timedelta, lang: str) -> str:
    """What the clock says: "12:05 tilbage", and once over time "8 min over tid" (whole minutes, up)."""
    if remaining >= dt.timedelta():
        return text("meeting.clock.left", lang, clock=format_clock(remaining))
    over = math.ceil(-remaining.total_seconds() / 60)
    return text("meeting.clock.over", lang, minutes=over)


def save_state_text(saver: Autosaver, lang: str) -> str:
    """What the save indicator says: "Gemt kl. 14.32", "Gemmer …", "IKKE GEMT", "Skrivebeskyttet"."""
    if saver.state is SaveState.SAVED:
        if saver.saved_at is None:
            return text("meeting.save.loaded", lang)
        return text("meeting.save.saved", lang, time=format_time(saver.saved_at, lang))
    return text(f"meeting.save.{saver.state.value}", lang)


class Header:
    """Title, part and clock, save state and display toggles."""

    def __init__(
        self,
        session: Session,
        saver: Autosaver,
        *,
        lang: str,
        on_display: Callable[[bool, bool], None],
        status: ConnectionStatus | None = None,
    ) -> None:
        self.session = session
        self.saver = saver
        self.lang = lang
        self.clock = PartClock()
        meeting = session.meeting
        facts = " · ".join(
            html.escape(item)
            for item in (meeting.afdeling, meeting.organisation, format_date(meeting.date, lang))
            if item
        )
        self.title = styled(
            widgets.HTML(f"<span class='erfakit-group'>{html.escape(meeting.group)}</span> · {facts}"),
            "erfakit-title",
        )
        self.part_title = styled(widgets.HTML(), "erfakit-part-title")
        self.clock_label = styled(widgets.HTML(), "erfakit-clock")
        self.ticker = styled(
            ClockTicker(start_label=text("meeting.clock.start", lang), stop_label=text("meeting.clock.stop", lang)),
            "erfakit-clock-ticker",
        )
        # The save state is decided in the browser as well: a dead kernel cannot say it is dead.
        self.save_state = styled(status or ConnectionStatus(lang=lang), "erfakit-save-state")
        self.save_state.saved_edit = lambda: saver.saved_edit
        self.save_error = styled(widgets.HTML(), "erfakit-save-error")
        self.large = styled(
            widgets.ToggleButton(
                value=session.display.large_text,
                description=text("meeting.display.large", lang),
                tooltip=text("meeting.display.large_tooltip", lang),
                icon="search-plus",
            ),
            "erfakit-large-text",
        )
        self.contrast = styled(
            widgets.ToggleButton(
                value=session.display.high_contrast,
                description=text("meeting.display.contrast", lang),
                tooltip=text("meeting.display.contrast_tooltip", lang),
                icon="adjust",
            ),
            "erfakit-high-contrast",
        )

        self.view_ready = False
        """Whether the page has said hello: before that a "view" message would be lost, or overwrite
        the view it kept from before a reload."""
        self.ticker.observe(lambda _change: self.show_clock(), names="ticks")
        self.ticker.observe(self._on_playing, names="playing")
        for toggle in (self.large, self.contrast):
            toggle.observe(lambda _change: on_display(self.large.value, self.contrast.value), names="value")
        saver.on_state(lambda _saver: self.show_save_state())

        self.nav_slot = widgets.HBox()
        self.title_row = styled(
            widgets.HBox(
                [self.title, widgets.HBox([self.large, self.contrast])],
                layout=widgets.Layout(justify_content="space-between"),
            ),
            "erfakit-title-row",
        )
        clock = styled(widgets.HBox([self.clock_label, self.part_title, self.ticker]), "erfakit-clock-box")
        self.bar = styled(widgets.HBox([self.nav_slot, clock, self.save_state]), "erfakit-header", "erfakit-root")
        self.widget = widgets.VBox([self.title_row, self.bar, self.save_error])
        """Title row, bar and save error together (for a notebook cell that shows the header alone)."""
        self.show_save_state()

    def show_part(self, part: PartId) -> None:
        """Show ``part`` as the current part and let the clock count for it."""
        self.clock.switch(part)
        minutes = self.session.agenda.get(part, 0)
        box = text("meeting.clock.box", self.lang, minutes=minutes)
        self.part_title.value = html.escape(box)
        self.show_clock()
        self.remember_view()

    def show_clock(self) -> None:
        """Recompute the clock from the wall clock (called on each browser tick)."""
        minutes = self.session.agenda.get(self.clock.part, 0)
        remaining = self.clock.remaining(minutes)
        self.clock_label.value = html.escape(clock_text(remaining, self.lang))
        if remaining < dt.timedelta():
            self.clock_label.add_class("erfakit-clock-over")
        else:
            self.clock_label.remove_class("erfakit-clock-over")

    def show_save_state(self) -> None:
        """Update the save indicator; a save error is shown in full, never hidden."""
        self.save_state.text = save_state_text(self.saver, self.lang)
        self.save_state.state = self.saver.state.value
        error = self.saver.error
        if self.saver.state is SaveState.ERROR and error is not None:
            message = save_error_message(error, self.lang)
            self.save_error.value = f"<div class='erfakit-error' role='alert'>{html.escape(message)}</div>"
        else:
            self.save_error.value = ""

    def _on_playing(self, change: dict) -> None:
        if change["new"]:
            self.clock.start()
        else:
            self.clock.stop()
        self.show_clock()
        self.remember_view()

    def remember_view(self) -> None:
        """Have the page keep the current part and clock (a reload comes back to them)."""
        if self.view_ready:
            self.save_state.remember_view(self.clock.snapshot())

    def restore_view(self, state: object) -> None:
        """Take back the clock the page kept (the part is the navigation's to show)."""
        if self.clock.restore(state):
            self.ticker.playing = True
        self.show_clock()
