"""The meeting app: opens the meeting file, builds the header, the navigation and each part's form.

    app = open_meeting("moede.json")
    app.show_header()           # in one cell
    app.show_part("ovelse1")    # one cell per part
    app.show()                  # or all of it as one widget (app mode)

Parts are built when first shown; a part that takes a moment shows "Indlæser …" at once. Once the
browser has drawn the first screen, `prebuild_soon` builds the other parts one at a time while the
kernel is idle, so a click on the navigation bar finds its part ready, and a background thread gets
the report ready (`erfakit.ui.report_warm_up`), so "Eksportér referat" only renders what changed.

If another live process holds the file, the page first says which browser tab it is (a key kept
in the tab's sessionStorage, see `erfakit.ui.widgets.status`). The same tab reloaded (a Voilà page
whose old kernel still runs) takes the file back without a question, and comes back to the part and
the clock it showed. Only a really different tab, window or machine gets the question: open
read-only (the safe choice, the primary button) or take over, with who holds it folded away under
"Detaljer". Nothing is built on a file that cannot be saved without the tovholder knowing.

Text typed that never reached the file (a dead kernel, a reload) comes back from the browser's copy
(`erfakit.ui.browser_copy`); the pending save is flushed when the kernel ends in order
(`erfakit.ui.shutdown`) and when the page is closed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from erfakit.core.guide import parts_of
from erfakit.core.model import MeetingKind, PartId, Session
from erfakit.exceptions import ErfakitError, SessionLockedError, SessionReadOnlyError
from erfakit.io.meeting_file.store import SessionStore, describe_lock_holder
from erfakit.texts import label, text
from erfakit.ui.autosave import Autosaver
from erfakit.ui.browser_copy import BrowserCopy, meeting_scope
from erfakit.ui.browser_widgets import PartSwitch, ShownSignal
from erfakit.ui.context import MeetingContext, Topic
from erfakit.ui.feedback import MessageArea, on_click, run_guarded
from erfakit.ui.fields import styled
from erfakit.ui.header import Header
from erfakit.ui.navigation import Navigation
from erfakit.ui.report_warm_up import ReportWarmer
from erfakit.ui.shutdown import flush_on_exit
from erfakit.ui.styles import apply_display, style_widget
from erfakit.ui.widgets import ConnectionStatus

HELLO_WAIT_SECONDS = 4.0
"""How long a locked file waits for the page to say which tab it is before asking (no browser: at once)."""


def _builders() -> dict[PartId, Callable[[MeetingContext, Path], widgets.Widget]]:
    # Imported when a part is first shown: the first screen must not wait for the parts that bring
    # pandas, numpy and the report (~0.7 s here; benchmarks/first_form.py measures the first screen).
    def velkommen(ctx: MeetingContext, _path: Path) -> widgets.Widget:
        from erfakit.ui.velkommen import build_velkommen

        return build_velkommen(ctx)

    def ovelse1(ctx: MeetingContext, _path: Path) -> widgets.Widget:
        from erfakit.ui.ovelse1 import build_ovelse1

        return build_ovelse1(ctx)

    def ovelse2(ctx: MeetingContext, _path: Path) -> widgets.Widget:
        from erfakit.ui.ovelse2 import build_ovelse2

        return build_ovelse2(ctx)

    def ovelse3(ctx: MeetingContext, _path: Path) -> widgets.Widget:
        from erfakit.ui.ovelse3 import build_ovelse3

        return build_ovelse3(ctx)

    def afslutning(ctx: MeetingContext, path: Path) -> widgets.Widget:
        from erfakit.ui.afslutning import build_afslutning

        return build_afslutning(ctx, path)

    def koordination(part: PartId) -> Callable[[MeetingContext, Path], widgets.Widget]:
        def build(ctx: MeetingContext, path: Path) -> widgets.Widget:
            from erfakit.ui.koordination import build_koordination_part

            return build_koordination_part(ctx, path, part)

        return build

    return {
        PartId.VELKOMMEN: velkommen,
        PartId.OVELSE1: ovelse1,
        PartId.OVELSE2: ovelse2,
        PartId.OVELSE3: ovelse3,
        PartId.AFSLUTNING: afslutning,
        **{part: koordination(part) for part in parts_of(MeetingKind.KOORDINATION)},
    }


PREBUILD_AFTER_TYPING_S = 1.5
"""Background work (a part prebuilt, a step of the report's warm-up) starts only after this long without a
change: while the tovholder types, her keystrokes go first (one that arrives during a step waits for
it), and the work is done in her pauses."""
PREBUILD_AFTER_SHOWN_S = PREBUILD_AFTER_TYPING_S
"""After the browser has drawn the first screen: the same pause, for the first keystrokes typed at once."""
PREBUILD_DELAY_S = 10.0
"""Without word from a browser (a notebook run without one): when to start building anyway. A guessed
moment must be late: on a busy machine the browser asks for the first screen's widgets seconds after
the kernel made them, and a part being built then would keep the first screen waiting."""
PREBUILD_GAP_S = 0.3
"""Between two prebuilt parts: room for the tovholder's keystrokes to reach the kernel."""


class MeetingApp:
    """The tovholder's forms for one meeting file."""

    def __init__(
        self, session_path: str | Path, *, lang: str = "da", today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        self.path = Path(session_path)
        self.lang = lang
        self.today = today
        self.store: SessionStore | None = None
        self.ctx: MeetingContext | None = None
        self.header: Header | None = None
        self.message = MessageArea(lang)
        self.navigation = Navigation(lang, on_show=self._on_show)
        self._built: set[PartId] = set()
        self._warmer = ReportWarmer(self.path, lang, wait_for_pause=self._wait_for_pause)
        self._shown = ShownSignal()
        """Tells the kernel when the browser has drawn the header (and so the first screen)."""
        self._style = widgets.Box([style_widget(), self._shown, PartSwitch()], layout=widgets.Layout(display="none"))
        self.status = ConnectionStatus(lang=lang, scope=meeting_scope(self.path))
        self.status.on_hello.append(lambda hello: run_guarded(lambda: self._on_hello(hello), self.message))
        self.status.on_flush.append(self._flush)
        self.browser_copy: BrowserCopy | None = None
        self._hello: dict[str, Any] | None = None
        self._lock_error: SessionLockedError | None = None
        """Another live process holds the file and the tovholder has not chosen yet."""
        self._waiting = False
        """Whether the lock question waits for the page to say which tab it is."""
        self.header_box = styled(
            widgets.VBox([self._style, self.status, self.message.widget]),
            "erfakit-root",
            "erfakit-header-box",
            "erfakit-app",
        )
        self.header_cell = widgets.VBox([self.header_box])
        """What `show_header` shows: the header box and, once the file is open, the header's bar."""
        self.root = styled(
            widgets.VBox([self.header_box, *self.navigation.boxes.values()], layout=widgets.Layout(width="100%")),
            "erfakit-app-root",
        )
        run_guarded(lambda: self._open(read_only=False, take_over=False), self.message)

    @property
    def session(self) -> Session | None:
        """The session being edited (None until the file is open)."""
        return self.store.session if self.store else None

    def show_header(self) -> widgets.Widget:
        """The header with the navigation bar (a notebook cell's result)."""
        return self.header_cell

    def show_part(self, part: str | PartId) -> widgets.Widget:
        """One part's screen (a notebook cell's result).

        Only the current part is built at once; the others are built when the navigation bar
        first shows them, so the kernel is free for the tovholder's typing as soon as the first
        screen appears.
        """
        part = PartId(part)
        if part == self.navigation.current:
            self._build(part)
        return self.navigation.boxes[part]

    def show(self) -> widgets.Widget:
        """The whole app, header and every part, as one widget."""
        for part in self.navigation.parts:
            self._build(part)
        return self.root

    def go(self, part: str | PartId) -> None:
        """Move to ``part`` (as the navigation bar does)."""
        self.navigation.go(PartId(part))

    def prebuild_soon(self, *, delay: float = PREBUILD_DELAY_S) -> None:
        """Once the browser has drawn the first screen, build the parts not yet shown and warm the report up.

        Starts `PREBUILD_AFTER_SHOWN_S` after the browser says it has drawn the header (`ShownSignal`),
        or ``delay`` seconds from now without word from one. The parts are built one at a time on the
        kernel's event loop between messages, in the tovholder's pauses (`PREBUILD_AFTER_TYPING_S`; a
        keystroke waits at most one part's build); the report is prepared in a background thread
        meanwhile. Without a running loop (a script, a test)
        nothing is scheduled.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        started = False

        def next_part() -> None:
            waiting = [part for part in self.navigation.parts if part not in self._built]
            if self.ctx is None or not waiting:
                return
            left = self.ctx.saver.seconds_until_quiet(PREBUILD_AFTER_TYPING_S)
            if left > 0:
                loop.call_later(left, next_part)
                return
            self._build(waiting[0])
            loop.call_later(PREBUILD_GAP_S, next_part)

        def start() -> None:
            nonlocal started
            if started:
                return
            started = True
            self._warm_up_report()
            next_part()

        def soon() -> None:
            loop.call_later(PREBUILD_AFTER_SHOWN_S, start)

        if self._shown.shown:
            soon()
        else:
            self._shown.on_shown(soon)
        loop.call_later(delay, start)

    def close(self) -> None:
        """Save what is unsaved and give up the file's lock."""
        if self.ctx is not None:
            self.ctx.saver.flush()
        if self.store is not None:
            self.store.close()

    def _flush(self) -> None:
        # The page is being closed or reloaded: what is pending goes to disk now.
        if self.ctx is not None:
            self.ctx.saver.flush()

    def _on_hello(self, hello: dict[str, Any]) -> None:
        """The page says which tab it is, what it kept of typed text, and the part and clock it showed."""
        first = self._hello is None
        self._hello = hello
        locked = self._lock_error
        if locked is not None and self.store is None:
            holder_tab = (locked.holder or {}).get("tab")
            if holder_tab and holder_tab == self.status.tab:
                # The same tab, reloaded: its earlier page's kernel still holds the file.
                self._open(read_only=False, take_over=True)
            elif self._waiting:
                self._show_lock(locked)
            return
        self._welcome(hello, first=first)

    def _welcome(self, hello: dict[str, Any], *, first: bool) -> None:
        """Once the file is open and the page has said hello: the tab into the lock, text back, the view back."""
        if self.store is None or self.ctx is None or self.header is None:
            return
        if not self.store.read_only and self.status.tab:
            self.store.claim_for_tab(self.status.tab)
        if self.browser_copy is not None:
            self.browser_copy.receive(hello.get("entries"))
        if first:
            view = hello.get("view")
            if isinstance(view, dict) and view.get("part") in {part.value for part in self.navigation.parts}:
                self.navigation.go(PartId(view["part"]))
                self.header.restore_view(view)
            self.header.view_ready = True
            self.header.remember_view()

    def _open(self, *, read_only: bool, take_over: bool, why_read_only: ErfakitError | None = None) -> None:
        try:
            self.store = SessionStore.open(
                self.path, read_only=read_only, take_over=take_over, lang=self.lang, tab=self.status.tab or ""
            )
        except SessionReadOnlyError as error:
            # Readable but not writable for this user (folder or file permissions): show it read-only, saying why.
            self._open(read_only=True, take_over=False, why_read_only=error)
            return
        except SessionLockedError as error:
            self._wait_for_tab(error)
            return
        self._lock_error = None
        self._waiting = False
        saver = Autosaver(self.store)
        self.ctx = MeetingContext(
            self.store.session,
            saver,
            lang=self.lang,
            today=self.today,
            on_error=self.message.error,
            scope=self.status.scope,
        )
        self.status.instance = self.ctx.instance
        self.browser_copy = BrowserCopy(self.ctx, forget=self.status.forget, file_time=self.store.file_time)
        self.status.on_restore.append(self.browser_copy.receive)
        flush_on_exit(self.close, busy=lambda: saver.saving)
        header = self.header = Header(
            self.store.session,
            saver,
            lang=self.lang,
            on_display=lambda large, contrast: run_guarded(lambda: self._set_display(large, contrast), self.message),
            status=self.status,
        )
        header.nav_slot.children = (self.navigation.widget,)
        self.header_cell.children = (self.header_box, header.bar)
        self.root.children = (self.header_box, header.bar, *self.navigation.boxes.values())
        self.ctx.on(Topic.AGENDA, lambda: header.show_part(self.navigation.current))
        banner = []
        if self.store.read_only:
            notice = (
                f"{text('session.store.opened_read_only', self.lang)} {why_read_only}"
                if why_read_only
                else text("meeting.read_only_banner", self.lang)
            )
            banner = [
                styled(
                    widgets.HTML(f"<div class='erfakit-notice' role='alert'>{html.escape(notice)}</div>"),
                    "erfakit-read-only-banner",
                )
            ]
        self.header_box.children = (
            self._style,
            self.header.title_row,
            *banner,
            self.browser_copy.widget,
            self.header.save_error,
            self.message.widget,
        )
        self._apply_display()
        self.navigation.use_parts(parts_of(self.store.session.kind))
        first = self.navigation.current
        # Parts asked for before the file was open (the lock question) are built now, each once, if
        # the meeting's kind has them.
        asked = [part for part in self._built if part in self.navigation.parts and part != first]
        self._built.clear()
        # Every screen has its heading and "Indlæser …" from the start: a click on the navigation bar
        # shows it in the browser at once (`PartSwitch`), however busy the kernel is.
        for part in self.navigation.parts:
            box = self.navigation.boxes[part]
            if not box.children:
                box.children = (self._part_title(part), _loading(self.lang))
        self.navigation.go(first)
        for part in asked:
            self._build(part)
        if self._hello is not None:
            # The page said hello before the file could be opened (it waited for the tab's key).
            self._welcome(self._hello, first=True)

    def _wait_for_tab(self, error: SessionLockedError) -> None:
        """Ask about the lock once the page has said which tab it is (the same tab reloaded is not asked)."""
        self._lock_error = error
        if self._hello is not None:
            self._waiting = True
            self._on_hello(self._hello)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._show_lock(error)  # no kernel loop, no page to wait for (a later hello still counts)
            return
        self._waiting = True
        waiting = styled(
            widgets.HTML(f"<div class='erfakit-notice'>{html.escape(text('widgets.lock.waiting', self.lang))}</div>"),
            "erfakit-lock-waiting",
        )
        self.header_box.children = (self._style, self.status, waiting, self.message.widget)

        def give_up() -> None:
            if self._waiting and self._lock_error is error:
                self._show_lock(error)

        loop.call_later(HELLO_WAIT_SECONDS, lambda: run_guarded(give_up, self.message))

    def _show_lock(self, error: SessionLockedError) -> None:
        self._waiting = False
        lang = self.lang
        read_only = styled(
            widgets.Button(
                description=text("meeting.lock.read_only", lang),
                button_style="primary",
                icon="eye",
                layout=widgets.Layout(width="auto"),
            ),
            "erfakit-lock-read-only",
        )
        take_over = styled(
            widgets.Button(
                description=text("widgets.lock.take_over", lang), icon="unlock", layout=widgets.Layout(width="auto")
            ),
            "erfakit-lock-take-over",
        )
        holder = error.holder or {}
        other_person = bool(holder.get("user")) and holder.get("user") != _current_user()
        # Another person is named as people say it; one's own other tab needs no process numbers.
        said = error.message if other_person else text("widgets.lock.elsewhere", lang)
        notice = styled(
            widgets.HTML(
                f"<div class='erfakit-notice' role='alert'><p>{html.escape(said)}</p>"
                f"<p><b>{html.escape(text('widgets.lock.question', lang))}</b></p>"
                f"<details class='erfakit-lock-details'><summary>{html.escape(text('widgets.lock.details', lang))}"
                f"</summary><p>{html.escape(error.message)}</p><p>{html.escape(error.hint)}</p>"
                f"<p>{html.escape(describe_lock_holder(error, lang))}</p></details></div>"
            ),
            "erfakit-lock-message",
        )
        on_click(read_only, self.message, lambda: self._open(read_only=True, take_over=False))
        on_click(take_over, self.message, lambda: self._open(read_only=False, take_over=True))
        self.header_box.children = (
            self._style,
            self.status,
            notice,
            widgets.HBox([read_only, take_over]),
            self.message.widget,
        )

    def _build(self, part: PartId) -> None:
        if part in self._built:
            return
        self._built.add(part)
        ctx = self.ctx
        if ctx is None:
            return
        box = self.navigation.boxes[part]
        if not box.children:  # (the file was opened after a lock question: see `_open`)
            box.children = (self._part_title(part), _loading(self.lang))
        message = MessageArea(self.lang)
        built = run_guarded(lambda: _builders()[part](ctx, self.path), message)
        box.children = (
            (self._part_title(part), built) if built is not None else (self._part_title(part), message.widget)
        )
        if self.store is not None and self.store.read_only:
            _disable_inputs(box)
        self._apply_display()

    def _part_title(self, part: PartId) -> widgets.HTML:
        return widgets.HTML(f"<h2 class='erfakit-part-heading'>{html.escape(label(part, self.lang))}</h2>")

    def _on_show(self, part: PartId) -> None:
        self._build(part)
        if self.header is not None:
            self.header.show_part(part)
        if part == self.navigation.parts[-1]:
            # The last part exports (Afslutning; Næste møde of a koordinationsmøde).
            self._warm_up_report()

    def _wait_for_pause(self) -> None:
        # In the warm-up thread: return once the tovholder has not typed for PREBUILD_AFTER_TYPING_S.
        # While an export runs the kernel answers no keystroke anyway, and the export waits for the
        # charts this thread may be drawing (`erfakit.report.figures`): then go on at once.
        while self.ctx is not None and not self.ctx.exporting.is_set():
            left = self.ctx.saver.seconds_until_quiet(PREBUILD_AFTER_TYPING_S)
            if left <= 0:
                return
            self.ctx.exporting.wait(left)

    def _warm_up_report(self) -> None:
        # Loading nbconvert and drawing the charts long before the group wraps up keeps the export
        # click itself short; at Afslutning once more, for what changed since.
        if self.store is None or self.store.read_only:
            return
        self._warmer.request()

    def _set_display(self, large_text: bool, high_contrast: bool) -> None:
        if self.ctx is None:  # the toggles exist only once the file is open
            return
        display = self.ctx.session.display
        display.large_text = large_text
        display.high_contrast = high_contrast
        self._apply_display()
        self.ctx.changed(Topic.DISPLAY, immediate=True)

    def _apply_display(self) -> None:
        if self.ctx is None:
            return
        display = self.ctx.session.display
        targets = [self.header_box, *self.navigation.boxes.values()]
        if self.header is not None:
            targets.append(self.header.bar)
        apply_display(targets, large_text=display.large_text, high_contrast=display.high_contrast)


def _current_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _loading(lang: str) -> widgets.HTML:
    return styled(
        widgets.HTML(f"<div role='status'>{html.escape(text('meeting.loading', lang))}</div>"), "erfakit-loading"
    )


def _disable_inputs(widget: widgets.Widget) -> None:
    """Disable every control under ``widget`` (read-only mode shows, but does not take input)."""
    if hasattr(widget, "disabled") and not isinstance(widget, widgets.Play):
        widget.disabled = True
    for child in getattr(widget, "children", ()):
        _disable_inputs(child)


def open_meeting(session_path: str | Path, *, lang: str = "da") -> MeetingApp:
    """Open the meeting file for the live meeting; errors are shown in the header, not raised."""
    return MeetingApp(session_path, lang=lang)
