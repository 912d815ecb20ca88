"""The forms' look: readable defaults, a large-text mode and a high-contrast mode for projectors.

The styles travel as a `<style>` element in an HTML widget, which works the same in JupyterLab and
Voilà. The modes are classes on the header and on every part's screen (not on a common parent: in
the notebook each part sits in its own cell). ipywidgets sizes its controls from CSS variables, so
the large mode mostly sets those.
"""

from __future__ import annotations

import ipywidgets as widgets

LARGE = "erfakit-large"
CONTRAST = "erfakit-contrast"

CSS = """
.erfakit-root { --jp-widgets-inline-label-width: 11em; max-width: 1400px; }
.erfakit-root .erfakit-help { margin: 0.2em 0 0.6em; color: #333; max-width: 60em; }
.erfakit-root .erfakit-heading { margin: 0.9em 0 0.3em; }
.erfakit-root .erfakit-table { border-collapse: collapse; margin: 0.4em 0; }
.erfakit-root .erfakit-table th, .erfakit-root .erfakit-table td,
.erfakit-root .erfakit-facts th, .erfakit-root .erfakit-facts td {
  border: 1px solid #999; padding: 0.3em 0.6em; vertical-align: top; text-align: left; }
.erfakit-root .erfakit-scroll { overflow-x: auto; }
.erfakit-root .erfakit-error, .erfakit-root .erfakit-bug { color: #8b0000; background: #fde8e8;
  border-left: 4px solid #8b0000; padding: 0.4em 0.8em; margin: 0.3em 0; }
.erfakit-root .erfakit-bug pre { white-space: pre-wrap; font-size: 0.8em; }
.erfakit-root .erfakit-info { color: #14532d; }
.erfakit-root .erfakit-warning { color: #7c2d12; }
.erfakit-root .erfakit-notice { background: #fff7d6; border-left: 4px solid #b58900; padding: 0.4em 0.8em; }
.erfakit-root .erfakit-facilitator-note { font-style: italic; }
.erfakit-root .jupyter-button { width: auto; min-width: 6em; padding: 0 0.9em; }
.erfakit-root .widget-vbox > .jupyter-button { align-self: flex-start; }
.erfakit-root .widget-play { width: auto; }
.erfakit-root .widget-play .jupyter-button { min-width: 0; width: 2.6em; padding: 0; }
.erfakit-root .widget-text, .erfakit-root .widget-dropdown, .erfakit-root .widget-datepicker { max-width: 100%; }
.erfakit-header { border-bottom: 2px solid #444; padding-bottom: 0.4em; margin-bottom: 0.6em; }
.erfakit-header .erfakit-title h2 { margin: 0.2em 0; }
.erfakit-clock { font-size: 1.6em; font-variant-numeric: tabular-nums; font-weight: bold; }
.erfakit-clock-over { color: #b00020; }
.erfakit-save-error .erfakit-error { font-weight: bold; }
/* A save error stays in view wherever the tovholder has scrolled to: the header may be far above. */
.erfakit-save-error .erfakit-error { position: fixed; right: 1em; bottom: 1em; max-width: 34em;
  z-index: 1000; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.35); }
.erfakit-count-done { color: #14532d; }
.erfakit-nav-current { font-weight: bold; }

.erfakit-large { --jp-widgets-font-size: 21px; --jp-widgets-inline-height: 40px;
  --jp-widgets-inline-label-width: 11em; --jp-widgets-inline-width: 30em;
  --jp-ui-font-size1: 21px; --jp-content-font-size1: 21px; font-size: 21px; }
.erfakit-large textarea, .erfakit-large input, .erfakit-large select, .erfakit-large button,
.erfakit-large .widget-label, .erfakit-large .widget-html-content, .erfakit-large table {
  font-size: 21px !important; line-height: 1.35; }
.erfakit-large .erfakit-clock { font-size: 2.2em; }

.erfakit-contrast { background: #fff; color: #000; --jp-widgets-color: #000;
  --jp-widgets-input-color: #000; --jp-widgets-input-border-color: #000; }
.erfakit-contrast .erfakit-help, .erfakit-contrast .widget-label { color: #000 !important; }
.erfakit-contrast textarea, .erfakit-contrast input, .erfakit-contrast select {
  border: 2px solid #000 !important; color: #000 !important; background: #fff !important; }
.erfakit-contrast button { border: 2px solid #000 !important; }
.erfakit-contrast .erfakit-table th, .erfakit-contrast .erfakit-table td { border: 2px solid #000; }
"""


def style_widget() -> widgets.HTML:
    """An HTML widget carrying the kit's CSS."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(display="none"))


def apply_display(targets: list[widgets.Widget], *, large_text: bool, high_contrast: bool) -> None:
    """Switch the large-text and high-contrast classes on each of ``targets``."""
    for target in targets:
        for css, on in ((LARGE, large_text), (CONTRAST, high_contrast)):
            if on:
                target.add_class(css)
            else:
                target.remove_class(css)
