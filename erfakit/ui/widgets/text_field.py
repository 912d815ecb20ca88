"""`TextField`: a text field that keeps each keystroke in the browser as well as sending it to the kernel.

ipywidgets' Text and Textarea hold what is typed only in the page and the kernel: typed while the
kernel is gone, it never reaches the file, and a reload drops it. This field also writes each
keystroke to the browser's localStorage under ``erfakit:<scope>:<store_key>`` (``scope`` names the
meeting file), together with the text the file held when the typing began and a keystroke number.
The number comes back from the kernel once the file holds that keystroke
(`erfakit.ui.widgets.status.ConnectionStatus`), and the browser copy is then dropped. What is still
in the browser when a page opens is put back (`erfakit.ui.browser_copy`).

A *draft* field (the agreement being typed, a partner's name) is not in the meeting file until its
button is pressed; its copy is put back into the field itself when the page is built again.

Text that no file can hold (a lone UTF-16 surrogate from half an emoji, control characters) is
cleaned in the field as it is typed, with a note saying so; the kernel cleans again (the same
rules, `erfakit.core.parsing.clean_typed_text`) for values set any other way.

The CSS contract of ipywidgets holds: classes added with ``add_class`` land on the outer element,
and the control is its ``textarea`` (``rows`` > 0) or ``input`` (one line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from erfakit.core.parsing import clean_typed_text
from erfakit.texts import text
from erfakit.ui.widgets.assets import module, stylesheet


class TextField(anywidget.AnyWidget):
    """A one-line (``rows=0``) or multi-line text field with a browser copy of what is typed."""

    _esm = module("text_field.js")
    _css = stylesheet()

    value = traitlets.Unicode("").tag(sync=True)
    placeholder = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    rows = traitlets.Int(0).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    store_key = traitlets.Unicode("").tag(sync=True)
    """Where the browser keeps its copy (empty: no copy)."""
    scope = traitlets.Unicode("").tag(sync=True)
    """The meeting file the copy belongs to (`erfakit.ui.browser_copy.meeting_scope`)."""
    instance = traitlets.Unicode("").tag(sync=True)
    """The kernel's meeting instance: keystroke numbers are confirmed per instance."""
    draft = traitlets.Bool(False).tag(sync=True)
    edit = traitlets.Int(0).tag(sync=True)
    """The browser's number of the keystroke that set ``value`` (0: set by the kernel)."""
    note = traitlets.Unicode("").tag(sync=True)
    texts = traitlets.Dict().tag(sync=True)

    def __init__(self, *, lang: str = "da", **kwargs: Any) -> None:
        self.lang = lang  # before the traits: the value is cleaned (and noted) in this language
        super().__init__(texts=field_texts(lang), **kwargs)
        self._submit: list[Callable[[], None]] = []
        self.on_msg(self._on_message)

    @traitlets.validate("value")
    def _clean(self, proposal: dict) -> str:
        cleaned = clean_typed_text(proposal["value"])
        if cleaned.changed:
            notes = []
            if cleaned.replaced:
                notes.append(text("widgets.field.replaced", self.lang))
            if cleaned.removed:
                notes.append(text("widgets.field.removed", self.lang))
            self.note = " ".join(notes)
        return cleaned.text

    def on_submit(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when Enter is pressed in a one-line field."""
        self._submit.append(callback)

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "submit":
            for callback in list(self._submit):
                callback()


def field_texts(lang: str) -> dict[str, str]:
    """What the field's JavaScript says, in ``lang``."""
    return {name: text(f"widgets.field.{name}", lang) for name in ("replaced", "removed", "restored")}
