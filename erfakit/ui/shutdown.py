"""The pending save is flushed on every orderly end of the kernel.

An edit is saved at most 0.25 s after it was typed (`erfakit.ui.autosave`); a kernel that ends
inside that window must write it first. The ends covered:

* a shutdown or restart request (JupyterLab's restart, `erfakit app`/`lab` stopping, Voilà's culler):
  ipykernel stops its loop and the interpreter exits normally, so `atexit` runs;
* SIGTERM (the server's last resort, ``kill``): a handler saves, then ends the process as SIGTERM
  would have (the previous handler, or the default);
* SIGHUP likewise; SIGINT is JupyterLab's "interrupt", not an end: ipykernel owns that handler.

Meetings register with `flush_on_exit` (weakly: a meeting app that is gone is not kept alive).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import threading
import weakref
from collections.abc import Callable
from types import FrameType

Closer = Callable[[], object]
"""Saves what is pending and gives the meeting file back (`MeetingApp.close`)."""

_CLOSERS: list[weakref.WeakMethod] = []
_BUSY: list[Callable[[], bool]] = []
_installed = False
_previous: dict[int, object] = {}
END_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def flush_on_exit(close: Callable[[], object], *, busy: Callable[[], bool] = lambda: False) -> None:
    """Call ``close()`` (a bound method) when the kernel ends in order (see the module text).

    ``busy()`` says whether a save is running right now: a signal that lands inside a save lets it
    finish instead of starting another inside it.
    """
    global _installed
    _CLOSERS.append(weakref.WeakMethod(close))
    _BUSY.append(busy)
    if _installed:
        return
    _installed = True
    atexit.register(close_all)
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in END_SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            _previous[signum] = signal.signal(signum, _on_end_signal)


def close_all() -> None:
    """Run every registered closer that is still alive; never raises (it runs at exit)."""
    for reference in list(_CLOSERS):
        close = reference()
        if close is None:
            _CLOSERS.remove(reference)
            continue
        with contextlib.suppress(Exception):
            close()


def _on_end_signal(signum: int, frame: FrameType | None) -> None:
    if any(busy() for busy in _BUSY):
        # A save is running in the frame this signal interrupted: let it finish, then end.
        timer = threading.Timer(0.5, _close_and_exit, args=(signum,))
        timer.daemon = True
        timer.start()
        return
    close_all()
    _end(signum, frame)


def _close_and_exit(signum: int) -> None:
    close_all()  # waits for the running save (the autosaver's lock), then saves what came after
    os._exit(128 + signum)


def _end(signum: int, frame: FrameType | None) -> None:
    previous = _previous.get(signum, signal.SIG_DFL)
    if callable(previous):
        previous(signum, frame)
        return
    if previous == signal.SIG_IGN:
        return
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
