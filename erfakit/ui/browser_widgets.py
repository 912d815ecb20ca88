"""Small widgets whose work must happen in the browser (anywidget: a few lines of JavaScript).

* `ClockTicker`: the clock's start/stop buttons. The browser ticks once a second while it runs; the
  kernel never sleeps. Unlike ipywidgets' `Play`, whose icon-only buttons have no name, each button
  carries a Danish ``aria-label`` and tooltip ("Start uret", "Stop uret").
* `ReportTabButton`: "Eksportér rapport". A browser lets a page open a tab only inside the click's
  own gesture; a tab opened later, when the kernel has the report, is blocked as a pop-up. So the
  button's JavaScript opens the tab at once, shows "Referatet laves …" in it, and fills it with the
  report when the kernel sends the HTML (or with the error message when the export failed).
* `ShownSignal`: tells the kernel that the browser has drawn the first screen, so work meant for
  "after the first screen" (building the other parts, warming the report up) starts then, not at a
  guessed moment that on a busy machine falls while the browser still waits for the first screen.
* `PartSwitch`: a click on the navigation bar shows the part's screen in the browser at once (its
  heading, and "Indlæser …" until the kernel has built it), not when a kernel busy building another
  part gets to the click. The kernel then sets the same screen (`Navigation.go`).

anywidget is the kit's one front-end dependency for all four: its JavaScript ships inside the Python
package (no build step, no CDN), and it works the same in JupyterLab and in Voilà.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

_TICKER_ESM = """
function render({ model, el }) {
  el.classList.add("erfakit-ticker");
  const make = (icon, key) => {
    const button = document.createElement("button");
    button.className = "jupyter-button widget-button erfakit-ticker-" + key;
    button.type = "button";
    button.innerHTML = `<i class="fa fa-${icon}" aria-hidden="true"></i>`;
    el.appendChild(button);
    return button;
  };
  const start = make("play", "start");
  const stop = make("stop", "stop");
  let timer = null;
  const show = () => {
    const playing = model.get("playing");
    for (const [button, label] of [[start, model.get("start_label")], [stop, model.get("stop_label")]]) {
      button.setAttribute("aria-label", label);
      button.title = label;
    }
    start.disabled = playing;
    stop.disabled = !playing;
    start.classList.toggle("mod-active", playing);
    if (playing && timer === null) {
      timer = setInterval(() => { model.set("ticks", model.get("ticks") + 1); model.save_changes(); }, 1000);
    } else if (!playing && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
  start.addEventListener("click", () => { model.set("playing", true); model.save_changes(); });
  stop.addEventListener("click", () => { model.set("playing", false); model.save_changes(); });
  model.on("change:playing", show);
  model.on("change:start_label", show);
  show();
  return () => { if (timer !== null) { clearInterval(timer); } };
}
export default { render };
"""


class ClockTicker(anywidget.AnyWidget):
    """Start/stop buttons with names; ``ticks`` grows by one a second (in the browser) while ``playing``."""

    _esm = _TICKER_ESM
    ticks = traitlets.Int(0).tag(sync=True)
    playing = traitlets.Bool(False).tag(sync=True)
    start_label = traitlets.Unicode("").tag(sync=True)
    stop_label = traitlets.Unicode("").tag(sync=True)


_REPORT_ESM = """
const page = (lang, title, body) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>` +
  `<style>body{font:22px/1.5 system-ui,sans-serif;margin:3em;color:#1d2430}</style></head>` +
  `<body><p>${body}</p></body></html>`;
const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button mod-success erfakit-export-report";
  el.appendChild(button);
  let tab = null;
  let asked = 0;
  const show = () => {
    button.innerHTML = `<i class="fa fa-file-text" aria-hidden="true"></i> ${escape(model.get("label"))}`;
    button.disabled = model.get("disabled");
  };
  const write = (html) => {
    if (tab === null || tab.closed) { return; }
    const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
    tab.location.replace(url);
  };
  button.addEventListener("click", () => {
    const lang = model.get("lang");
    // Opened now, inside the click: later it would be a blocked pop-up.
    tab = window.open("", "_blank");
    if (tab !== null) {
      tab.document.write(page(lang, escape(model.get("waiting")), escape(model.get("waiting"))));
      tab.document.close();
    }
    asked = model.get("clicks") + 1;
    model.set("clicks", asked);
    model.save_changes();
  });
  model.on("change:report", () => {
    if (model.get("answered") !== asked) { return; }
    const report = model.get("report");
    if (report) { write(report); }
  });
  model.on("change:failure", () => {
    if (model.get("answered") !== asked) { return; }
    const failure = model.get("failure");
    if (failure) { write(page(model.get("lang"), escape(model.get("label")), escape(failure))); }
  });
  model.on("change:label", show);
  model.on("change:disabled", show);
  show();
}
export default { render };
"""


class ReportTabButton(anywidget.AnyWidget):
    """A button that opens a new tab at the click and shows there the report the kernel then sends.

    The kernel observes ``clicks``; it answers by setting ``answered`` to that click's number and
    then ``report`` (the whole HTML document) or ``failure`` (a message shown in the tab).
    """

    _esm = _REPORT_ESM
    label = traitlets.Unicode("").tag(sync=True)
    waiting = traitlets.Unicode("").tag(sync=True)
    lang = traitlets.Unicode("da").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    clicks = traitlets.Int(0).tag(sync=True)
    answered = traitlets.Int(0).tag(sync=True)
    report = traitlets.Unicode("").tag(sync=True)
    failure = traitlets.Unicode("").tag(sync=True)

    def click(self) -> None:
        """What a click in the browser does on the kernel's side (for scripts and tests)."""
        self.clicks += 1


_SHOWN_ESM = """
function render({ model, el }) {
  el.hidden = true;
  model.send({ event: "shown" });
}
export default { render };
"""


class ShownSignal(anywidget.AnyWidget):
    """An invisible widget that tells the kernel when a browser has drawn it.

    `on_shown` callbacks run once, on the kernel's event loop, at the first drawing (a page reload
    draws it again, which calls nothing).
    """

    _esm = _SHOWN_ESM

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown = False
        self._callbacks: list[Callable[[], None]] = []
        self.on_msg(self._on_message)

    def on_shown(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when a browser first draws this widget."""
        self._callbacks.append(callback)

    def fire(self) -> None:
        """Run the callbacks now, unless they ran already (what a browser's drawing does)."""
        if self.shown:
            return
        self.shown = True
        for callback in self._callbacks:
            callback()

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        if isinstance(content, dict) and content.get("event") == "shown":
            self.fire()


_SWITCH_ESM = """
function render({ el }) {
  el.hidden = true;
  // One notebook's parts (JupyterLab may hold several notebooks), or the page (Voila).
  const scope = () => el.closest(".jp-Notebook") || document;
  const onClick = (event) => {
    const button = event.target.closest && event.target.closest("button.erfakit-nav-button");
    if (!button || !scope().contains(button)) { return; }
    const name = [...button.classList].find((c) => c.startsWith("erfakit-nav-") && c !== "erfakit-nav-button");
    if (!name) { return; }
    const target = name.replace("erfakit-nav-", "erfakit-part-");
    for (const box of scope().querySelectorAll(".erfakit-part")) {
      box.style.display = box.classList.contains(target) ? "" : "none";
    }
    // The bar marks the part as current, as the kernel will (Navigation.go: button_style "info").
    for (const other of scope().querySelectorAll("button.erfakit-nav-button")) {
      const current = other === button;
      other.classList.toggle("erfakit-nav-current", current);
      other.classList.toggle("mod-info", current);
    }
  };
  document.addEventListener("click", onClick, true);
  return () => document.removeEventListener("click", onClick, true);
}
export default { render };
"""


class PartSwitch(anywidget.AnyWidget):
    """An invisible widget: a click on a ``.erfakit-nav-<part>`` button shows ``.erfakit-part-<part>``,
    hides the other parts and marks the button as current in the browser, before the kernel answers."""

    _esm = _SWITCH_ESM
