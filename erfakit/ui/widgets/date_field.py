"""`DateField`: a Danish date field with its own calendar, replacing the browser's date picker.

The browser's ``<input type=date>`` shows the laptop's language (mm/dd/yyyy on an English one) and
hands the kernel nothing while a date is half-typed, so a half-typed deadline vanished silently.
Here the tovholder types as Danes write (``3.12.2026``, ``3/12``, ``3. dec``, ``3 december 2026``;
the reference date's year when none is typed, see `erfakit.core.parsing`) or picks a day in a
Danish calendar (Monday first). On Enter or leaving the field the kernel reads the text: a date
shows as "3. december 2026"; anything else stays as typed with a Danish message under it, and
`read()` refuses it, so a form never stores a date the tovholder did not mean.

``value`` is a ``datetime.date`` or None (observe it as with ipywidgets' DatePicker); it changes only
when a typed text is committed, never letter by letter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import anywidget
import traitlets
from babel.dates import get_day_names, get_month_names

from erfakit.core.formatting import format_date
from erfakit.core.parsing import parse_date_text
from erfakit.exceptions import FormInputError
from erfakit.texts import text
from erfakit.ui.widgets.assets import module, stylesheet


class DateField(anywidget.AnyWidget):
    """A date typed in Danish or picked in a calendar."""

    _esm = module("date_field.js")
    _css = stylesheet()

    value = traitlets.Any(None, allow_none=True)
    description = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    typed = traitlets.Unicode("").tag(sync=True)
    """What is in the field now, as typed (sent on every keystroke)."""
    shown = traitlets.Unicode("").tag(sync=True)
    """What the field shows after a commit: the date in words, or the text as typed."""
    error = traitlets.Unicode("").tag(sync=True)
    iso = traitlets.Unicode("").tag(sync=True)
    reference = traitlets.Unicode("").tag(sync=True)
    """ISO date whose year a date typed without one takes, and where the calendar opens."""
    texts = traitlets.Dict().tag(sync=True)

    def __init__(
        self,
        value: dt.date | None = None,
        *,
        lang: str = "da",
        reference: dt.date | None = None,
        label: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(texts=date_texts(lang), reference=reference.isoformat() if reference else "", **kwargs)
        self.lang = lang
        self.label = label or kwargs.get("description", "") or text("widgets.date.field", lang)
        self._reference = reference
        self.observe(self._show_value, names="value")
        self.value = value
        self._show_value({"new": value})
        self.on_msg(self._on_message)

    def read(self) -> dt.date | None:
        """The date in the field now (None when empty); `FormInputError` when the text is not one."""
        typed = self.typed.strip()
        if not typed:
            return None
        if typed == self.shown and self.value is not None and not self.error:
            return self.value
        return parse_date_text(typed, field=self.label, lang=self.lang, reference=self._reference)

    def commit(self) -> None:
        """Read what is typed now (as Enter does): a date becomes the value, anything else an error."""
        typed = self.typed.strip()
        try:
            day = self.read()
        except FormInputError as problem:
            self.error = problem.message
            self.shown = self.typed
            return
        self.error = ""
        if day == self.value:
            self.shown = format_date(day, self.lang)
            self.typed = self.shown
        else:
            self.value = day
        if not typed:
            self.shown = self.typed = ""

    def _show_value(self, change: dict) -> None:
        day = change["new"]
        self.iso = day.isoformat() if day else ""
        self.shown = self.typed = format_date(day, self.lang) if day else ""
        self.error = ""

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "commit":
            self.commit()


def date_texts(lang: str) -> dict[str, Any]:
    """What the date field's JavaScript says and shows (month and weekday names), in ``lang``."""
    months = get_month_names("wide", locale=lang)
    days = get_day_names("short", locale=lang)
    return {
        "placeholder": text("widgets.date.placeholder", lang),
        "calendar": text("widgets.date.calendar", lang),
        "previous": text("widgets.date.previous", lang),
        "next": text("widgets.date.next", lang),
        "months": [months[number] for number in range(1, 13)],
        "weekdays": [days[number] for number in range(7)],
    }
