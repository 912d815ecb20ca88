"""What every form of one meeting shares: the session, the autosaver, the language and change news.

A form that changes the session calls ``ctx.changed(topic)``; the change is saved (debounced) and
every form that shows something derived from that topic (Øvelse 3's recap of agreements, the
grid of partners, …) is told to refresh.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from erfakit.core.model import Session
from erfakit.ui.autosave import Autosaver


class Topic(StrEnum):
    """The kinds of change forms listen for."""

    ANSWERS = "answers"
    SINCE = "since"
    AGREEMENTS = "agreements"
    PARTNERS = "partners"
    PLAN = "plan"
    TOPICS = "topics"
    AGENDA = "agenda"
    DISPLAY = "display"


class MeetingContext:
    """The session being edited, and the plumbing to save and announce changes."""

    def __init__(
        self,
        session: Session,
        saver: Autosaver,
        *,
        lang: str = "da",
        today: Callable[[], dt.date] = dt.date.today,
        on_error: Callable[[BaseException], None] | None = None,
        scope: str = "",
    ) -> None:
        self.session = session
        self.scope = scope
        """Names the meeting file in the browser's copies of typed text (`erfakit.ui.browser_copy`)."""
        self.instance = uuid.uuid4().hex[:12]
        """This kernel's meeting: the browser's keystroke numbers are confirmed per instance."""
        self.fields: dict[str, list[Any]] = defaultdict(list)
        """The text fields built so far, by the key of what they edit (a restore updates them)."""
        self.on_error = on_error
        self.saver = saver
        self.exporting = threading.Event()
        """Set while "Eksportér referat" runs: background work then need not wait for a typing pause."""
        self.lang = lang
        self.today = today
        self._listeners: dict[Topic, list[Callable[[], None]]] = defaultdict(list)
        self._soon: set[Callable[[], None]] = set()
        self.issued_ids: set[str] = set()
        """Agreement and project ids given out in this process: a form's undo may bring a deleted one
        back, so a number is never given twice (`erfakit.core.identity.next_item_id`)."""

    @property
    def read_only(self) -> bool:
        """Whether changes can be saved."""
        return bool(self.saver.store.read_only)

    def on(self, topic: Topic, listener: Callable[[], None]) -> None:
        """Call ``listener()`` after every change of ``topic``."""
        self._listeners[topic].append(listener)

    def changed(self, topic: Topic, *, immediate: bool = False, edit: int = 0) -> None:
        """Record a change: save it (at once if ``immediate``) and tell the forms that show it.

        ``edit`` is the browser's number of the keystroke that made the change (see
        `erfakit.ui.autosave`). A form that fails to refresh must not stop the others (nor the
        save): its error is reported through ``on_error`` and the remaining forms are still told.
        """
        self.saver.mark_dirty(immediate=immediate, edit=edit)
        for listener in list(self._listeners[topic]):
            try:
                listener()
            except Exception as error:  # noqa: BLE001 - reported, never swallowed
                self.report(error)

    def report(self, error: BaseException) -> None:
        """Show ``error`` where the meeting shows errors (re-raised when nowhere is set up)."""
        if self.on_error is None:
            raise error
        self.on_error(error)

    def soon(self, action: Callable[[], None]) -> None:
        """Run ``action()`` right after the current callback, once however often it is asked for.

        In a kernel this lets a click show its main result at once and the slower extras (merge
        suggestions) a moment later; without an event loop (tests, scripts) it runs now.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._run_reported(action)
            return
        if action in self._soon:
            return
        self._soon.add(action)

        def run() -> None:
            self._soon.discard(action)
            self._run_reported(action)

        loop.call_soon(run)

    def _run_reported(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as error:  # noqa: BLE001 - reported, never swallowed
            self.report(error)

    def observer(self, action: Callable[[object], None]) -> Callable[[dict], None]:
        """A ``widget.observe`` callback running ``action(new value)``, errors reported, not lost."""

        def observe(change: dict) -> None:
            try:
                action(change["new"])
            except Exception as error:  # noqa: BLE001 - reported, never swallowed
                self.report(error)

        return observe
