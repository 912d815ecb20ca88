"""The forms' look: readable from the back of a meeting room, a large-text and a high-contrast mode.

The styles travel as a `<style>` element in an HTML widget, which works the same in JupyterLab and
Voilà. The modes are classes on the header and on every part's screen (not on a common parent: in
the notebook each part may sit in its own cell). ipywidgets sizes its controls from CSS variables,
so the modes mostly set those.

What the rules guarantee (tests/browser/test_projector.py measures each at 1280 × 720 and
1600 × 900, in every mode):

* the bar with the navigation, the clock and the save state stays at the top of the window
  (``position: sticky``; the boxes around it must not clip, hence ``overflow: visible``);
* nothing is wider than the page: every field is sized ``border-box`` inside its box, tables wrap
  their words instead of scrolling;
* text is 16 px (22 px in large mode) in a proportional font, answers included; dropdowns are as wide
  as their longest option and keep their arrow in high contrast.
"""

from __future__ import annotations

import ipywidgets as widgets

LARGE = "erfakit-large"
CONTRAST = "erfakit-contrast"

BASE_PX = 16
LARGE_PX = 22

# A black arrow for the dropdowns: ipywidgets' own is a grey background image that high contrast
# (and a projector's washed-out greys) would lose.
_ARROW = (
    "url(\"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 12 8'>"
    "<path d='M1 1l5 5 5-5' fill='none' stroke='black' stroke-width='2'/></svg>\")"
)

CSS = f"""
.erfakit-root {{ --jp-widgets-font-size: {BASE_PX}px; --jp-ui-font-size1: {BASE_PX}px;
  --jp-content-font-size1: {BASE_PX}px; --jp-widgets-inline-height: 34px;
  --jp-widgets-inline-label-width: 10em; --jp-widgets-inline-width: 22em;
  font-size: {BASE_PX}px; line-height: 1.4; max-width: 1400px; box-sizing: border-box; }}
/* Boxes never clip or scroll sideways: the sticky bar needs its ancestors unclipped, and a box that
   scrolls sideways is what drew a scrollbar under every field. */
.erfakit-app-root, .erfakit-app-root .widget-box, .erfakit-root.widget-box, .erfakit-root .widget-box {{
  overflow: visible !important; }}
.erfakit-root .jupyter-widgets {{ box-sizing: border-box; max-width: 100%; min-width: 0; }}
.erfakit-root .widget-vbox > .jupyter-widgets {{ margin-left: 0; margin-right: 0; }}
.erfakit-root .widget-hbox {{ flex-wrap: wrap; column-gap: 0.6em; row-gap: 0.2em; align-items: center; }}
.erfakit-root textarea, .erfakit-root input, .erfakit-root select, .erfakit-root button,
.erfakit-root .widget-label, .erfakit-root .widget-html-content, .erfakit-root table {{
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  font-size: var(--jp-widgets-font-size); line-height: 1.4; }}
.erfakit-root textarea {{ min-height: 3.2em; resize: vertical; }}
.erfakit-root .widget-html-content {{ overflow-wrap: anywhere; }}
.erfakit-root .widget-label {{ white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.2; }}
/* A dropdown is as wide as its longest option, and shows all of it. */
.erfakit-root .widget-dropdown {{ width: auto; }}
.erfakit-root .widget-dropdown > select {{ flex: 0 1 auto; width: auto; min-width: 6em; max-width: 100%;
  padding-right: 1.8em; background-image: {_ARROW}; background-repeat: no-repeat;
  background-position: right 0.5em center; background-size: 0.75em; }}
.erfakit-root .widget-select > select {{ font-size: var(--jp-widgets-font-size); overflow-x: hidden; }}
/* A list's long lines wrap instead of running out of the box. */
.erfakit-root .widget-select > select > option {{ white-space: normal !important; overflow-wrap: anywhere;
  padding: 0.1em 0.3em; border-bottom: 1px solid #ddd; }}
.erfakit-root .widget-text, .erfakit-root .widget-datepicker {{ width: auto; flex: 0 1 auto; }}
.erfakit-root .widget-text input {{ width: 16em; }}
.erfakit-root .erfakit-plan-place input, .erfakit-root .erfakit-partner-activity input,
.erfakit-root .erfakit-project-title input, .erfakit-root .erfakit-partner-name input {{ width: 24em; }}
.erfakit-root .widget-text input, .erfakit-root .widget-datepicker input {{ min-width: 0; }}
.erfakit-root .widget-inline-hbox {{ height: auto; min-height: var(--jp-widgets-inline-height); }}
.erfakit-root .widget-html, .erfakit-root .widget-inline-hbox.widget-html {{ min-height: 0; }}
/* An empty message area or result takes no room. */
.erfakit-root .widget-html:has(> .widget-html-content:empty) {{ display: none; }}
.erfakit-root .jupyter-button {{ width: auto; min-width: 0; max-width: 100%; height: auto;
  min-height: var(--jp-widgets-inline-height); padding: 0.2em 0.8em; white-space: normal; }}
.erfakit-root .widget-vbox > .jupyter-button {{ align-self: flex-start; }}
.erfakit-root .erfakit-help {{ margin: 0.2em 0 0.6em; color: #333; max-width: 60em; }}
.erfakit-root .erfakit-heading {{ margin: 0.9em 0 0.3em; }}
.erfakit-root h2.erfakit-part-heading {{ margin: 0.3em 0 0.2em; }}
.erfakit-root .erfakit-table {{ border-collapse: collapse; margin: 0.4em 0; max-width: 100%; }}
.erfakit-root .erfakit-table th, .erfakit-root .erfakit-table td,
.erfakit-root .erfakit-facts th, .erfakit-root .erfakit-facts td {{
  border: 1px solid #999; padding: 0.3em 0.6em; vertical-align: top; text-align: left; }}
.erfakit-root .erfakit-facts th, .erfakit-root .erfakit-facts td {{ border: none; padding: 0.1em 1em 0.1em 0; }}
.erfakit-root .erfakit-error, .erfakit-root .erfakit-bug {{ color: #8b0000; background: #fde8e8;
  border-left: 4px solid #8b0000; padding: 0.4em 0.8em; margin: 0.3em 0; }}
.erfakit-root .erfakit-bug pre {{ white-space: pre-wrap; font-size: 0.8em; }}
.erfakit-root .erfakit-info {{ color: #14532d; }}
.erfakit-root .erfakit-warning {{ color: #7c2d12; }}
.erfakit-root .erfakit-notice {{ background: #fff7d6; border-left: 4px solid #b58900; padding: 0.4em 0.8em; }}
.erfakit-root .erfakit-facilitator-note {{ font-style: italic; }}
.erfakit-loading {{ font-size: 1.3em; padding: 1em 0; color: #333; }}

/* The header: a title line that scrolls away, and the bar that stays. */
.erfakit-title-row {{ align-items: baseline; }}
.erfakit-title .widget-html-content {{ font-size: 0.95em; }}
.erfakit-title .erfakit-group {{ font-weight: bold; }}
.erfakit-app-root > .erfakit-header, .erfakit-header.erfakit-sticky {{ position: sticky;
  top: var(--erfakit-banner-height, 0px); z-index: 20; }}
.erfakit-header {{ background: #fff; border-bottom: 2px solid #444; padding: 0.25em 0;
  align-items: center; column-gap: 1em; }}
.erfakit-header .erfakit-nav .jupyter-button {{ margin: 0; }}
.erfakit-header .widget-html, .erfakit-header .erfakit-ticker, .erfakit-root .erfakit-clock-box {{ flex: 0 0 auto; }}
.erfakit-nav {{ column-gap: 0.3em; }}
.erfakit-nav-current {{ font-weight: bold; }}
.erfakit-root .erfakit-clock-box {{ flex-wrap: nowrap; align-items: center; column-gap: 0.4em; }}
.erfakit-ticker {{ display: flex; gap: 2px; }}
.erfakit-ticker .jupyter-button {{ min-width: 2.2em; padding: 0 0.4em; }}
.erfakit-clock {{ font-size: 1.25em; font-variant-numeric: tabular-nums; font-weight: bold; white-space: nowrap; }}
.erfakit-clock-over {{ color: #b00020; }}
.erfakit-part-title {{ white-space: nowrap; color: #333; }}
.erfakit-save-state {{ white-space: nowrap; margin-left: auto; flex: 0 0 auto; min-width: max-content; }}
.erfakit-save-error .erfakit-error {{ font-weight: bold; }}
/* A save error stays in view wherever the tovholder has scrolled to. */
.erfakit-save-error .erfakit-error {{ position: fixed; right: 1em; bottom: 1em; max-width: 34em;
  z-index: 1000; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.35); }}
.erfakit-count-done {{ color: #14532d; }}

/* Øvelse 1 B: the composition card, and its details behind "Vis detaljer". */
.erfakit-composition-card {{ border: 1px solid #999; border-left: 6px solid #1f5f99; padding: 0.4em 0.9em;
  margin: 0.4em 0; }}
.erfakit-composition-card ol {{ margin: 0.3em 0; padding-left: 1.4em; }}
.erfakit-composition-card li {{ margin: 0.25em 0; }}
.erfakit-bars {{ display: grid; grid-template-columns: minmax(6em, max-content) 1fr; gap: 0.15em 0.8em;
  margin: 0.4em 0; max-width: 46em; }}
.erfakit-bars .erfakit-bar-label {{ overflow-wrap: anywhere; }}
.erfakit-bars .erfakit-bar {{ display: flex; flex-direction: column; gap: 2px; justify-content: center; }}
.erfakit-bars .erfakit-bar span {{ display: block; height: 0.75em; min-width: 2px; }}
.erfakit-bar-residents {{ background: #8fb3d9; }}
.erfakit-bar-board {{ background: #1f5f99; }}
.erfakit-legend span {{ display: inline-block; width: 1em; height: 0.75em; margin: 0 0.3em 0 0.8em; }}
.erfakit-root .erfakit-composition-table table, .erfakit-root .erfakit-composition-dimensions table {{ width: 100%; }}
.erfakit-root .erfakit-composition-table th, .erfakit-root .erfakit-composition-dimensions th {{
  overflow-wrap: normal; hyphens: auto; }}
.erfakit-example-card {{ border: 1px dashed #666; padding: 0.3em 0.7em; margin: 0.2em 0; }}
.erfakit-purpose {{ border-left: 6px solid #1f5f99; padding: 0.2em 0.9em; margin: 0.4em 0; }}
.erfakit-purpose ol {{ margin: 0.2em 0; }}

.erfakit-large {{ --jp-widgets-font-size: {LARGE_PX}px; --jp-widgets-inline-height: 44px;
  --jp-widgets-inline-label-width: 9em; --jp-widgets-inline-width: 20em;
  --jp-ui-font-size1: {LARGE_PX}px; --jp-content-font-size1: {LARGE_PX}px; font-size: {LARGE_PX}px; }}
.erfakit-large textarea, .erfakit-large input, .erfakit-large select, .erfakit-large button,
.erfakit-large .widget-label, .erfakit-large .widget-html-content, .erfakit-large table {{
  font-size: {LARGE_PX}px !important; line-height: 1.3; }}
.erfakit-large .erfakit-clock {{ font-size: 1.1em !important; }}
.erfakit-large .erfakit-help {{ max-width: none; }}
/* Large text on a narrow screen: the bar must stay one line (12 % of 720 px), so the clock's time
   box and the title line give way; the part's own heading names it below. */
@media (max-width: 1500px) {{
  .erfakit-large .erfakit-part-title {{ display: none; }}
  .erfakit-large.erfakit-header .erfakit-nav .jupyter-button {{ padding: 0.1em 0.45em; }}
}}

.erfakit-contrast {{ background: #fff; color: #000; --jp-widgets-color: #000; --jp-widgets-label-color: #000;
  --jp-widgets-input-color: #000; --jp-widgets-input-border-color: #000; --jp-widgets-input-background-color: #fff; }}
.erfakit-contrast .erfakit-help, .erfakit-contrast .widget-label, .erfakit-contrast .erfakit-part-title {{
  color: #000 !important; }}
.erfakit-contrast textarea, .erfakit-contrast input, .erfakit-contrast select {{
  border: 2px solid #000 !important; color: #000 !important; background-color: #fff !important; }}
.erfakit-contrast button {{ border: 2px solid #000 !important; }}
.erfakit-contrast .erfakit-table th, .erfakit-contrast .erfakit-table td {{ border: 2px solid #000; }}
.erfakit-contrast.erfakit-header {{ border-bottom: 3px solid #000; }}
.erfakit-contrast .erfakit-bar-residents {{ background: #fff; border: 2px solid #000; }}
.erfakit-contrast .erfakit-bar-board {{ background: #000; }}
"""

LAB_CSS = """
/* In JupyterLab the output around the meeting must not clip it either, or the bar cannot stick. */
.jp-OutputArea-output:has(.erfakit-app-root), .jp-OutputArea-child:has(.erfakit-app-root),
.jp-OutputArea:has(.erfakit-app-root), .jp-Cell-outputWrapper:has(.erfakit-app-root),
.jp-Cell:has(.erfakit-app-root) { overflow: visible !important; contain: none !important; }
"""


def style_widget() -> widgets.HTML:
    """An HTML widget carrying the kit's CSS."""
    return widgets.HTML(f"<style>{CSS}{LAB_CSS}</style>", layout=widgets.Layout(display="none"))


def apply_display(targets: list[widgets.Widget], *, large_text: bool, high_contrast: bool) -> None:
    """Switch the large-text and high-contrast classes on each of ``targets``."""
    for target in targets:
        for css, on in ((LARGE, large_text), (CONTRAST, high_contrast)):
            if on:
                target.add_class(css)
            else:
                target.remove_class(css)
