"""Widget callbacks that never fail silently.

ipywidgets swallows an exception raised in a callback into the browser console (or a log the
tovholder never sees). Every callback of the forms therefore runs through `run_guarded`: the
button is disabled while it runs, a known `ErfakitError` shows its Danish message in place, an
unknown error shows its traceback (it is a bug), and the button is re-enabled in ``finally``.
"""

from __future__ import annotations

import html
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets
from pydantic import ValidationError

from erfakit.exceptions import ErfakitError, explain_validation_error
from erfakit.texts import text


class MessageArea:
    """A place beside a form for its errors and confirmations."""

    def __init__(self, lang: str, *, css: str = "") -> None:
        self.lang = lang
        self.widget = widgets.HTML("")
        self.widget.add_class("erfakit-message")
        if css:
            self.widget.add_class(css)

    @property
    def value(self) -> str:
        """The HTML currently shown."""
        return self.widget.value

    @property
    def showing_error(self) -> bool:
        """Whether an error is shown."""
        return "erfakit-error" in self.widget.value or "erfakit-bug" in self.widget.value

    def clear(self) -> None:
        """Show nothing."""
        self.widget.value = ""

    def info(self, message: str) -> None:
        """Show a confirmation."""
        self.widget.value = f'<div class="erfakit-info">{html.escape(message)}</div>'

    def error(self, error: BaseException) -> None:
        """Show an error: its message when it is the kit's own, its traceback when it is a bug.

        A value a model field refuses (pydantic) is the user's input, not a bug: it is shown as one
        Danish sentence naming the field and the value.
        """
        if isinstance(error, ValidationError):
            error = explain_validation_error(error, lang=self.lang)
        if isinstance(error, ErfakitError):
            hint = f"<br><span class='erfakit-hint'>{html.escape(error.hint)}</span>" if error.hint else ""
            self.widget.value = f'<div class="erfakit-error" role="alert">{html.escape(error.message)}{hint}</div>'
            return
        details = "".join(traceback.format_exception(error))
        self.widget.value = (
            f'<div class="erfakit-bug" role="alert">{html.escape(text("meeting.bug", self.lang))}'
            f"<pre>{html.escape(details)}</pre></div>"
        )


Result = TypeVar("Result")


def run_guarded(
    action: Callable[[], Result], message: MessageArea, *, button: widgets.Button | None = None
) -> Result | None:
    """Run ``action``; show any error in ``message``; keep ``button`` disabled while it runs.

    Returns what ``action`` returned, or None when it failed (the error is then shown).
    """
    if button is not None:
        button.disabled = True
    try:
        result = action()
    except Exception as error:  # noqa: BLE001 - shown to the user, never swallowed
        message.error(error)
        return None
    else:
        if message.showing_error:
            # The retry worked: an old error next to a correct form would only confuse.
            message.clear()
        return result
    finally:
        if button is not None:
            button.disabled = False


def on_click(button: widgets.Button, message: MessageArea, action: Callable[[], Any]) -> None:
    """Run ``action`` (guarded) when ``button`` is clicked."""
    button.on_click(lambda _button: run_guarded(action, message, button=button))


def on_change(widget: widgets.Widget, message: MessageArea, action: Callable[[Any], Any]) -> None:
    """Run ``action(new_value)`` (guarded) whenever ``widget.value`` changes."""
    widget.observe(lambda change: run_guarded(lambda: action(change["new"]), message), names="value")
