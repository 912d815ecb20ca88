"""Small building blocks of the forms: headings, help text, answer fields, option lists.

Every text shown is escaped: what a participant said is text, never markup.
"""

from __future__ import annotations

import datetime as dt
import html
import warnings
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any

import ipywidgets as widgets

from erfakit.core.model import Function
from erfakit.texts import label, text
from erfakit.ui.browser_copy import text_slot
from erfakit.ui.context import MeetingContext
from erfakit.ui.widgets import TextField


def full_width() -> widgets.Layout:
    """A new full-width layout. Never share one Layout between widgets: hiding one hides all."""
    return widgets.Layout(width="100%")


def css_name(identifier: str) -> str:
    """A question id or code as a CSS class part: "o1.a.role" → "o1-a-role"."""
    return identifier.replace(".", "-").replace("_", "-")


def styled(widget: widgets.Widget, *classes: str) -> widgets.Widget:
    """``widget`` with the CSS classes added (returned, for building boxes inline)."""
    for css in classes:
        widget.add_class(css)
    return widget


def heading(content: str, *, level: int = 3, css: str = "") -> widgets.HTML:
    """A heading showing ``content`` as text."""
    widget = widgets.HTML(f"<h{level} class='erfakit-heading'>{html.escape(content)}</h{level}>")
    return styled(widget, css) if css else widget


def help_text(content: str, *, css: str = "") -> widgets.HTML:
    """A paragraph of guidance under a heading."""
    widget = widgets.HTML(f"<p class='erfakit-help'>{html.escape(content)}</p>", layout=full_width())
    return styled(widget, css) if css else widget


def text_field(
    ctx: MeetingContext,
    key: str,
    value: str = "",
    *,
    placeholder: str = "",
    rows: int = 0,
    css: str = "",
    description: str = "",
    draft: bool = False,
    layout: widgets.Layout | None = None,
) -> TextField:
    """A text field keeping a browser copy of what is typed under ``key`` (see `TextField`).

    ``rows`` > 0 makes a full-width multi-line field (a ``textarea``), else one line (an ``input``).
    """
    field = TextField(
        lang=ctx.lang,
        value=value,
        placeholder=placeholder,
        description=description,
        rows=rows,
        store_key=key,
        scope=ctx.scope,
        instance=ctx.instance,
        draft=draft,
        disabled=ctx.read_only,
        layout=layout or (full_width() if rows else widgets.Layout()),
    )
    return styled(field, css) if css else field


def draft_field(ctx: MeetingContext, key: str, **options: Any) -> TextField:
    """A text field whose text is not in the meeting file until a button adds it (an agreement, a partner).

    The browser's copy puts a half-typed entry back after a reload; it is dropped when the form
    empties the field.
    """
    return text_field(ctx, f"draft/{key}", draft=True, **options)


def bound_text(ctx: MeetingContext, key: str, **options: Any) -> TextField:
    """A text field bound to the session place named ``key`` (`erfakit.ui.browser_copy.text_slot`).

    Every keystroke goes into the session and is saved (its keystroke number with it, so the page
    knows when the file holds it); the field is registered for the browser copy's restore.
    """
    slot = text_slot(key)
    if slot is None:
        raise KeyError(key)
    field = text_field(ctx, key, slot.read(ctx.session), **options)

    def store(value: object) -> None:
        slot.write(ctx.session, str(value))
        ctx.changed(slot.topic, edit=field.edit)

    field.observe(ctx.observer(store), names="value")
    ctx.fields[key].append(field)
    return field


def answer_field(ctx: MeetingContext, question_id: str, *, show_heading: bool = True) -> widgets.VBox:
    """The guide's question as a heading with its own answer field, bound to `Session.answers`.

    Without ``show_heading`` only the field: for a question whose heading is already above it.
    """
    area = bound_text(
        ctx,
        f"answers/{question_id}",
        placeholder=text("meeting.answer_placeholder", ctx.lang),
        rows=3,
        css=f"erfakit-answer-{css_name(question_id)}",
    )
    if not show_heading:
        return widgets.VBox([area], layout=full_width())
    return widgets.VBox([heading(text(f"guide.{question_id}", ctx.lang), level=4), area], layout=full_width())


BLANK = ""
"""The value of a dropdown's "–" option. Not None: ipywidgets shows a None value as no selection."""


def enum_options(members: Iterable[Enum], lang: str, *, blank: bool = False) -> list[tuple[str, object]]:
    """Dropdown options (label, member) for enum members; with ``blank`` a leading "–" (`BLANK`)."""
    options: list[tuple[str, object]] = [("–", BLANK)] if blank else []
    options.extend((label(member, lang), member) for member in members)
    return options


def function_dropdown(lang: str, *, blank: bool, css: str, value: Function | None = None) -> widgets.Dropdown:
    """A dropdown of the five functions."""
    return styled(
        widgets.Dropdown(
            options=enum_options(Function, lang, blank=blank),
            value=value if value is not None else (BLANK if blank else Function.BOLIGSOCIAL),
        ),
        css,
    )


def chosen_function(value: object) -> Function | None:
    """A `function_dropdown`'s value: the chosen function, or None for the "–" option."""
    return None if value == BLANK else Function(str(value))


def on_enter(field: widgets.Text | TextField, callback: Callable[[], None]) -> None:
    """Call ``callback()`` when Enter is pressed in ``field``.

    A `TextField` sends Enter itself.

    ipywidgets 8 deprecates ``on_submit`` in favour of ``continuous_update=False``, but that also
    fires on leaving the field, which would add a half-typed partner. The front end still sends the
    submit event, so we keep using it and silence the deprecation notice.
    """
    if isinstance(field, TextField):
        field.on_submit(callback)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        field.on_submit(lambda _field: callback())


def format_clock_time(value: dt.time, lang: str) -> str:
    """A time for a form field: "14.00" (English "14:00")."""
    return value.strftime("%H.%M" if lang == "da" else "%H:%M")


def close_all(children: tuple[widgets.Widget, ...]) -> None:
    """Close widgets that are being replaced (and all inside them), so no model lingers."""
    for child in children:
        close_all(tuple(getattr(child, "children", ())))
        child.close()
