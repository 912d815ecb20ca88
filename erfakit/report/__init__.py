"""The session report: HTML via nbconvert from widget-free sections (PDF through Chromium).

What the meeting hands out as files (report, action list, calendar, next meeting file) is written by
`erfakit.handouts`.
"""

from erfakit.report.render import render_report_html, show_section
from erfakit.report.sections import SECTIONS, render_section

__all__ = ["SECTIONS", "render_report_html", "render_section", "show_section"]
