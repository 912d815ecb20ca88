"""Getting the report ready while the meeting goes on, so "Eksportér referat" only renders what changed.

The report's first export in a kernel costs seconds: nbconvert's import and template, pandas for the
composition, matplotlib and the charts. `ReportWarmer` does all of that in one background thread,
started when the browser has drawn the first screen (`MeetingApp.prebuild_soon`), and once more when
Afslutning is shown (the partner network and the text may have changed since). The click then finds
the exporter compiled and the charts cached (`erfakit.report.figures`, `erfakit.handouts`). The work
is done step by step in the tovholder's pauses (``wait_for_pause``): a step holds the interpreter, and
a keystroke that came meanwhile waited for it (2.3 s for the first keystroke on a busy machine).

This module imports nothing heavy: the thread itself imports the report, so neither the first screen
nor the kernel's main thread (the tovholder's typing) waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path


class ReportWarmer:
    """One background thread at a time that prepares the report of the meeting file at ``path``."""

    def __init__(self, path: Path, lang: str, *, wait_for_pause: Callable[[], object] | None = None) -> None:
        self.path = path
        self.lang = lang
        self.wait_for_pause = wait_for_pause
        """Called in the thread before each step of the warm-up (see `erfakit.handouts.prepare_report`)."""
        self._lock = threading.Lock()
        self._again = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        """Prepare the report from the file as it is now: at once, or right after the current round."""
        with self._lock:
            self._again = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="erfakit-report-warm-up", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no round is running or asked for; whether that happened within ``timeout`` s."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _run(self) -> None:
        try:
            if self.wait_for_pause is not None:
                self.wait_for_pause()  # the imports below hold the interpreter for seconds on a busy machine
            # Imported here, in this thread: pandas, matplotlib and nbconvert load beside the meeting.
            from erfakit.handouts import prepare_report

            while self._next_round():
                prepare_report(self.path, lang=self.lang, between_steps=self.wait_for_pause)
        finally:
            with self._lock:
                if self._thread is threading.current_thread():
                    self._thread = None

    def _next_round(self) -> bool:
        with self._lock:
            again, self._again = self._again, False
            if not again:
                self._thread = None  # under the lock: a request from now on starts a new thread
            return again
