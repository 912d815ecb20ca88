"""Saving what the tovholder types: every change on disk within a second, errors made visible.

Text fields report every keystroke, so writing on each one would cost a file write per letter.
The `Autosaver` instead writes at most `delay` seconds after the first unsaved change (a throttle
with a trailing save), which bounds the time to disk however fast someone types. Explicit buttons
call ``mark_dirty(immediate=True)`` and write at once.

Inside a kernel the save is scheduled on the kernel's own asyncio loop (the thread that runs the
widget callbacks), so saving never races a callback and never blocks the kernel. Outside a loop
(tests, scripts) a `threading.Timer` stands in.

Any exception from a save (a full disk, a file taken over, a value the file format refuses, a bug)
leaves the state at ERROR with the reason, keeps everything in memory and retries every
`RETRY_SECONDS`; a later change is saved as soon as the cause is gone.

The browser numbers the keystrokes it sends (`mark_dirty(edit=…)`); after a save, `saved_edit` is
the number of the last keystroke the file holds, so the page can tell typed-but-unsaved text from
saved text even when the kernel cannot speak (`erfakit.ui.widgets.status`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from pydantic import ValidationError

from erfakit.exceptions import ErfakitError, SessionLockedError, explain_validation_error, os_error_reason
from erfakit.texts import text

SAVE_DELAY_SECONDS = 0.25
"""The first change waits this long for the keystrokes after it (about 4 writes a second while
typing); keystroke to disk stays under half a second (benchmarks/browser_keystroke_to_disk.py)."""
RETRY_SECONDS = 3.0


class Store(Protocol):
    """What the autosaver needs of `erfakit.io.meeting_file.store.SessionStore`."""

    read_only: bool

    def save(self) -> dt.datetime: ...


class SaveState(StrEnum):
    """Where the meeting file stands compared with the forms."""

    SAVED = "saved"
    PENDING = "pending"
    ERROR = "error"
    READ_ONLY = "read_only"


StateListener = Callable[["Autosaver"], None]


class Autosaver:
    """Writes the store's session to disk soon after each change."""

    def __init__(self, store: Store, *, delay: float = SAVE_DELAY_SECONDS) -> None:
        self.store = store
        self.delay = delay
        self.state = SaveState.READ_ONLY if store.read_only else SaveState.SAVED
        self.saved_at: dt.datetime | None = None
        self.error: BaseException | None = None
        self.received_edit = 0
        """The highest keystroke number the forms have passed on (see the module text)."""
        self.saved_edit = 0
        """The highest keystroke number the file holds."""
        self.saving = False
        """True while a save runs (a signal handler must not start another inside it)."""
        self.last_change = 0.0
        """`time.monotonic()` of the last change noted (0.0: none yet); background work waits for a pause."""
        self._listeners: list[StateListener] = []
        self._lock = threading.RLock()
        self._scheduled = False
        self._timer: threading.Timer | None = None
        self._handle: asyncio.TimerHandle | None = None

    def on_state(self, listener: StateListener) -> None:
        """Call ``listener(autosaver)`` whenever the save state changes."""
        self._listeners.append(listener)

    def mark_dirty(self, *, immediate: bool = False, edit: int = 0) -> None:
        """Note a change; it reaches the disk within ``delay`` seconds (at once if ``immediate``).

        ``edit`` is the browser's number of the keystroke that made the change (0: not a keystroke).
        """
        if self.store.read_only:
            return
        with self._lock:
            self.last_change = time.monotonic()
            self.received_edit = max(self.received_edit, edit)
            if self.state is not SaveState.ERROR:
                self._set_state(SaveState.PENDING)
            if immediate:
                self._cancel()
            elif self._scheduled:
                return
        if immediate:
            self.flush()
        else:
            self._schedule(self.delay)

    def seconds_until_quiet(self, pause: float) -> float:
        """How long until ``pause`` seconds have passed without a change (0.0: they have)."""
        return max(0.0, pause - (time.monotonic() - self.last_change))

    def flush(self) -> bool:
        """Write now if anything is unsaved. True when the file holds everything typed.

        Never raises: whatever goes wrong is kept in `error`, shown, and retried.
        """
        if self.store.read_only:
            return False
        with self._lock:
            self._cancel()
            if self.state is SaveState.SAVED or self.saving:
                return self.state is SaveState.SAVED
            edit = self.received_edit
            self.saving = True
            try:
                self.saved_at = self.store.save()
            except Exception as error:  # noqa: BLE001 - every failure is shown and retried, none lost
                self.error = error
                self._set_state(SaveState.ERROR)
                # The disk may come back (a USB stick re-plugged, space freed): keep trying.
                self._schedule(RETRY_SECONDS)
                return False
            finally:
                self.saving = False
            self.error = None
            self.saved_edit = max(self.saved_edit, edit)
            self._set_state(SaveState.SAVED)
            return True

    def wait_until_saved(self, timeout: float = 2.0) -> bool:
        """Block until nothing is pending (for tests and shutdown; never in a widget callback)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.state in (SaveState.SAVED, SaveState.READ_ONLY) and not self._scheduled:
                return True
            time.sleep(0.02)
        return self.state is SaveState.SAVED

    @property
    def unsaved(self) -> bool:
        """Whether something typed is not on disk yet (pending, or refused)."""
        return self.state in (SaveState.PENDING, SaveState.ERROR)

    def _schedule(self, seconds: float) -> None:
        with self._lock:
            if self._scheduled:
                return
            self._scheduled = True
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                self._handle = loop.call_later(seconds, self._fire)
            else:
                self._timer = threading.Timer(seconds, self._fire)
                self._timer.daemon = True
                self._timer.start()

    def _cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
        if self._timer is not None:
            self._timer.cancel()
        self._handle = self._timer = None
        self._scheduled = False

    def _fire(self) -> None:
        with self._lock:
            self._scheduled = False
            self._handle = self._timer = None
        self.flush()

    def _set_state(self, state: SaveState) -> None:
        changed = state is not self.state or state is SaveState.SAVED
        self.state = state
        if changed:
            for listener in self._listeners:
                listener(self)


def save_error_message(error: BaseException, lang: str) -> str:
    """Why a save failed and what happens now, in words for the tovholder (never a traceback).

    A file taken over by another window says so with its own advice; every other reason is put in
    the sentence that says what is typed is kept and the save is retried.
    """
    if isinstance(error, SessionLockedError):
        return f"{error.message} {error.hint}"
    if isinstance(error, ErfakitError):
        reason = error.message
    elif isinstance(error, ValidationError):
        reason = explain_validation_error(error, lang=lang).message
    elif isinstance(error, OSError):
        reason = os_error_reason(error, lang)
    else:
        reason = text("meeting.save.unexpected", lang, kind=type(error).__name__, detail=str(error)[:300])
    return text("meeting.save.error_detail", lang, error=reason)
