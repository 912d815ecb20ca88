"""Putting back what the browser kept: text typed that never reached the meeting file.

Every free-text field keeps each keystroke in the browser too (`erfakit.ui.widgets.TextField`).
When a page opens (a reload, a new kernel after a crash), it sends the copies it still holds
(`ConnectionStatus`' ``hello``); each names the text's place in the session by a *slot key*
("answers/o1.a.role", "since/drift", "topics/meet_about", "plan/place"). For each copy:

* the file already holds that text → the browser drops its copy;
* typed in this tab, and newer than the file (or the file still holds what the typing started
  from) → it is put back at once, saved, and the header says which fields got text back;
* otherwise (another tab's copy, or the file changed since) → a Danish question with both texts
  and two buttons; nothing is overwritten until the tovholder chooses.

Copies of draft fields (an agreement typed but not added) are put back by the field itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from erfakit.core.formatting import format_date, format_time
from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import Function, PartId, Session
from erfakit.core.parsing import clean_typed_text
from erfakit.texts import label, text
from erfakit.ui.context import MeetingContext, Topic

CLOCK_SLACK_SECONDS = 1.0
"""A copy typed up to this long before the file's last write still counts as newer (a save can land
just after the last keystroke it missed)."""


def meeting_scope(path: str | Path) -> str:
    """The name of a meeting file in the browser's storage: a digest of its full path (no file name shown)."""
    return hashlib.sha256(str(Path(path).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class TextSlot:
    """A free-text place in the session that a browser copy can be put back into."""

    key: str
    topic: Topic
    read: Callable[[Session], str]
    write: Callable[[Session, str], None]
    name: Callable[[str], str]
    """The field as the tovholder knows it, in a language: "Velkommen – Drift"."""


def text_slot(key: str) -> TextSlot | None:
    """The slot named ``key``, or None when no such place exists (an old or garbled key)."""
    kind, _, name = key.partition("/")
    if kind == "answers" and name in _QUESTIONS:
        return TextSlot(
            key,
            Topic.ANSWERS,
            lambda session: session.answers.get(name, ""),
            lambda session, value: session.answers.__setitem__(name, value),
            lambda lang: _short(text(f"guide.{name}", lang)),
        )
    if kind == "since" and name in {function.value for function in Function}:
        function = Function(name)
        return TextSlot(
            key,
            Topic.SINCE,
            lambda session: session.since_last.get(function, ""),
            lambda session, value: session.since_last.__setitem__(function, value),
            lambda lang: f"{label(PartId.VELKOMMEN, lang)} – {label(function, lang)}",
        )
    if kind == "topics" and name in ("meet_about", "want_to_know"):
        return TextSlot(
            key,
            Topic.TOPICS,
            lambda session: str(getattr(session.topics, name)),
            lambda session, value: setattr(session.topics, name, value),
            lambda lang: _short(text(f"guide.o3.{name}", lang)),
        )
    if key == "plan/place":
        return TextSlot(key, Topic.PLAN, lambda session: session.plan.place, _write_place, _place_name)
    return None


def _write_place(session: Session, value: str) -> None:
    # The place of the plan is the place of every planned date (as the plan form sets it).
    plan = session.plan
    plan.place = value.strip()
    plan.dates = [meeting.model_copy(update={"place": plan.place}) for meeting in plan.dates]


def _place_name(lang: str) -> str:
    return text("meeting.plan.place", lang)


_QUESTIONS = frozenset(ANSWER_IDS)


def _short(words: str, limit: int = 70) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class BrowserEntry:
    """One browser copy as the page sent it."""

    key: str
    value: str
    base: str | None
    time_ms: int
    own_tab: bool

    @property
    def typed_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.time_ms / 1000)


def read_entries(raw: object) -> list[BrowserEntry]:
    """The well-formed copies among what the page sent (anything else is ignored)."""
    if not isinstance(raw, list):
        return []
    found = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        key, value, base, when = item.get("key"), item.get("value"), item.get("base"), item.get("time")
        if not isinstance(key, str) or not isinstance(value, str) or not isinstance(when, int | float):
            continue
        found.append(
            BrowserEntry(
                key,
                clean_typed_text(value).text,
                clean_typed_text(base).text if isinstance(base, str) else None,
                int(when),
                item.get("tab") is True,
            )
        )
    return found


Forget = Callable[[list[tuple[str, int]]], None]


class BrowserCopy:
    """Decides, per browser copy, to drop it, put it back, or ask (see the module text)."""

    def __init__(self, ctx: MeetingContext, *, forget: Forget, file_time: float | None = None) -> None:
        self.ctx = ctx
        self.forget = forget
        self.file_time = file_time
        """When the meeting file was last written before this kernel opened it (seconds since the epoch)."""
        self.notice = widgets.HTML()
        self.notice.add_class("erfakit-restore-notice")
        self.questions = widgets.VBox()
        self.widget = widgets.VBox([self.notice, self.questions])
        self.widget.add_class("erfakit-restore")
        self._asked: dict[str, widgets.Widget] = {}
        self._after_save: list[tuple[str, int]] = []
        ctx.saver.on_state(lambda _saver: self._forget_saved())

    def receive(self, raw: object) -> None:
        """Handle the copies the page sent."""
        if self.ctx.read_only:
            return
        restored: list[str] = []
        done: list[tuple[str, int]] = []
        for entry in read_entries(raw):
            slot = text_slot(entry.key)
            if slot is None:
                done.append((entry.key, entry.time_ms))
                continue
            current = slot.read(self.ctx.session)
            if entry.value == current:
                done.append((entry.key, entry.time_ms))
            elif entry.own_tab and (entry.base == current or self._newer_than_file(entry)):
                self._put_back(slot, entry)
                restored.append(slot.name(self.ctx.lang))
            elif entry.key not in self._asked:
                self._ask(slot, entry, current)
        self.forget(done)
        if restored:
            self.ctx.saver.flush()
            self.notice.value = (
                f"<div class='erfakit-info' role='status'>"
                f"{html.escape(text('widgets.restore.done', self.ctx.lang, fields='; '.join(restored)))}</div>"
            )
        self._forget_saved()

    def _newer_than_file(self, entry: BrowserEntry) -> bool:
        return self.file_time is None or entry.time_ms / 1000 > self.file_time - CLOCK_SLACK_SECONDS

    def _put_back(self, slot: TextSlot, entry: BrowserEntry) -> None:
        slot.write(self.ctx.session, entry.value)
        for field in self.ctx.fields.get(slot.key, []):
            field.value = entry.value
        self.ctx.changed(slot.topic)
        self._after_save.append((entry.key, entry.time_ms))

    def _forget_saved(self) -> None:
        from erfakit.ui.autosave import SaveState

        if self._after_save and self.ctx.saver.state is SaveState.SAVED:
            done, self._after_save = self._after_save, []
            self.forget(done)

    def _ask(self, slot: TextSlot, entry: BrowserEntry, current: str) -> None:
        lang = self.ctx.lang
        name = slot.name(lang)
        when = f"{format_date(entry.typed_at.date(), lang)} {format_time(entry.typed_at, lang)}"
        empty = text("widgets.restore.empty", lang)
        asked = text("widgets.restore.question", lang, field=name, when=when)
        question = widgets.HTML(
            f"<div class='erfakit-notice' role='alert'><b>{html.escape(asked)}</b>"
            f"<div class='erfakit-restore-texts'><div><i>{html.escape(text('widgets.restore.browser_text', lang))}:</i>"
            f"<pre class='erfakit-restore-browser'>{html.escape(entry.value) or empty}</pre></div>"
            f"<div><i>{html.escape(text('widgets.restore.file_text', lang))}:</i>"
            f"<pre class='erfakit-restore-file'>{html.escape(current) or empty}</pre></div></div></div>"
        )
        use = widgets.Button(description=text("widgets.restore.use_browser", lang), button_style="primary")
        use.add_class("erfakit-restore-use-browser")
        keep = widgets.Button(description=text("widgets.restore.keep_file", lang))
        keep.add_class("erfakit-restore-keep-file")
        box = widgets.VBox([question, widgets.HBox([use, keep])])
        box.add_class("erfakit-restore-question")

        def choose(browser: bool) -> None:
            self._asked.pop(entry.key, None)
            self.questions.children = tuple(child for child in self.questions.children if child is not box)
            if browser:
                self._put_back(slot, entry)
                self.ctx.saver.flush()
                self._forget_saved()
                message = text("widgets.restore.used_browser", lang, field=name)
            else:
                self.forget([(entry.key, entry.time_ms)])
                message = text("widgets.restore.kept_file", lang, field=name)
            self.notice.value = f"<div class='erfakit-info' role='status'>{html.escape(message)}</div>"
            box.close()

        use.on_click(lambda _button: self._guarded(lambda: choose(True)))
        keep.on_click(lambda _button: self._guarded(lambda: choose(False)))
        self._asked[entry.key] = box
        self.questions.children = (*self.questions.children, box)

    def _guarded(self, action: Callable[[], Any]) -> None:
        try:
            action()
        except Exception as error:  # noqa: BLE001 - reported, never swallowed
            self.ctx.report(error)
