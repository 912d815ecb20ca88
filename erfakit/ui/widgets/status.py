"""`ConnectionStatus`: the header's save state, decided in the browser where a dead kernel cannot lie.

The kernel sets ``text`` ("Gemt kl. 14.32", "Gemmer …", "IKKE GEMT") and ``state``. The page pings
the kernel through this widget's comm every half second; the kernel answers at once with the
number of the newest keystroke the file holds (`Autosaver.saved_edit`). When no answer comes for
1.5 s (a killed kernel, a sleeping laptop, a stopped server), the page shows a banner that stays in
view and the save state says "IKKE GEMT" – never "Gemmer …" or "Gemt" while nothing can be saved.
A keystroke not confirmed on disk after 3 s shows as not saved too, whatever the kernel says.

Messages from the page: ``hello`` (once per page: the tab's key, the browser copies of typed text,
the part and clock last shown), ``ping``, ``restore`` (browser copies seen later) and ``flush``
(the page is being closed or reloaded: save now). To the page: ``pong``, ``forget`` (these browser
copies are in the file now) and ``view`` (the part and clock to remember).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from erfakit.texts import text
from erfakit.ui.widgets.assets import module, stylesheet

Hello = dict[str, Any]


class ConnectionStatus(anywidget.AnyWidget):
    """The save state as the page shows it, and the page's line to the kernel."""

    _esm = module("status.js")
    _css = stylesheet()

    text = traitlets.Unicode("").tag(sync=True)
    state = traitlets.Unicode("saved").tag(sync=True)
    scope = traitlets.Unicode("").tag(sync=True)
    instance = traitlets.Unicode("").tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)

    def __init__(self, *, lang: str = "da", saved_edit: Callable[[], int] = lambda: 0, **kwargs: Any) -> None:
        super().__init__(texts=status_texts(lang), **kwargs)
        self.saved_edit = saved_edit
        self.on_hello: list[Callable[[Hello], None]] = []
        self.on_restore: list[Callable[[list[dict[str, Any]]], None]] = []
        self.on_flush: list[Callable[[], None]] = []
        self.tab: str | None = None
        """The browser tab's key, once the page has said hello (None before, and without a browser)."""
        self.on_msg(self._on_message)

    def forget(self, keys: list[tuple[str, int]]) -> None:
        """Tell the page these browser copies (key, time typed) are in the file: drop them."""
        if keys:
            self.send({"type": "forget", "keys": [list(key) for key in keys]})

    def remember_view(self, view: dict[str, Any]) -> None:
        """Have the page keep the part and clock shown, for after a reload."""
        self.send({"type": "view", "view": view})

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "ping":
            self.send({"type": "pong", "saved": self.saved_edit()})
        elif kind == "hello":
            self.tab = str(content.get("tab") or "") or None
            for callback in list(self.on_hello):
                callback(content)
        elif kind == "restore":
            entries = content.get("entries")
            if isinstance(entries, list):
                for restore in list(self.on_restore):
                    restore(entries)
        elif kind == "flush":
            for flush in list(self.on_flush):
                flush()


def status_texts(lang: str) -> dict[str, str]:
    """What the status widget's JavaScript says, in ``lang``."""
    names = ("lost_state", "stale_state", "banner", "banner_long")
    return {name: text(f"widgets.status.{name}", lang) for name in names}
