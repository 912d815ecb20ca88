"""The session report (HTML via nbconvert, optionally PDF), the action list, the calendar and the
next meeting file: everything the meeting hands out afterwards."""

from erfakit.report.export import render_report_html, show_section
from erfakit.report.outputs import export_all, export_report_html, export_report_pdf, warm_up_report
from erfakit.report.sections import SECTIONS, render_section

__all__ = [
    "SECTIONS",
    "export_all",
    "export_report_html",
    "export_report_pdf",
    "render_report_html",
    "render_section",
    "show_section",
    "warm_up_report",
]
