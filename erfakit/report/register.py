"""The register of agreements as one HTML page for the management: the same data as the workbook.

Offline like the session report: one self-contained file, no scripts, no fonts or styles from the
network (a Content-Security-Policy forbids them), every text escaped (`erfakit.report.html.esc`),
and it prints on A4. Sections: key figures, the summary per afdeling and theme, the overdue
agreements, then each afdeling's agreements and projects with their history, and the files that
could not be read.
"""

from __future__ import annotations

from collections.abc import Sequence

from erfakit.core.agreements import CLOSED_STATUSES, history_line
from erfakit.core.formatting import format_date, format_short_date
from erfakit.core.people import owner_text
from erfakit.core.register import Register, RegisterEntry
from erfakit.io.register import UnreadFile, entry_cells, summary_label
from erfakit.report.html import Markup, bullet_list, esc, heading, paragraph, table
from erfakit.texts import text

_CSS = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1b1b1b; margin: 2em auto;
  max-width: 75em; padding: 0 1.5em; line-height: 1.45; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 2px solid #2b5d8a; }
.erfa-table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 0.95em; }
.erfa-table th, .erfa-table td { border: 1px solid #b9c4cf; padding: 0.3em 0.5em; vertical-align: top;
  text-align: left; }
.erfa-table th { background: #dde6f0; }
.erfa-table td.erfa-number, .erfa-table th.erfa-number { text-align: right; }
.erfa-overdue td { background: #f8d7da; }
.erfa-register-entries td:first-child { white-space: nowrap; }
.erfa-register-entries td ul { margin: 0; padding-left: 1.1em; }
.erfa-figures { display: flex; flex-wrap: wrap; gap: 1em; margin: 1em 0; padding: 0; list-style: none; }
.erfa-figures li { border: 1px solid #b9c4cf; border-radius: 6px; padding: 0.5em 1em; min-width: 8em; }
.erfa-figures b { display: block; font-size: 1.6em; }
.erfa-empty, .erfa-note { color: #4a4a4a; font-style: italic; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; } tr { break-inside: avoid; } @page { size: A4; margin: 14mm; } }
"""


def render_register_html(register: Register, lang: str = "da", *, unread: Sequence[UnreadFile] = ()) -> str:
    """The register as a complete HTML document (see the module text)."""
    title = text("register.title", lang)
    # Every afdeling read, also one whose files hold no agreement yet (it gets an empty section).
    afdelinger = list(
        dict.fromkeys([*(entry.afdeling for entry in register.entries), *(s.afdeling for s in register.sources)])
    )
    body = [
        heading(1, title),
        paragraph(
            text(
                "register.html.made",
                lang,
                date=format_date(register.today, lang),
                files=len(register.sources),
                afdelinger=len(afdelinger),
            )
        ),
        _figures(register, lang),
        heading(2, text("register.html.summary_heading", lang)),
        _summary(register, lang),
        heading(2, text("register.html.overdue_heading", lang)),
        _entries_table([entry for entry in register.entries if entry.overdue], lang, with_afdeling=True),
    ]
    for afdeling in afdelinger:
        own = [entry for entry in register.entries if entry.afdeling == afdeling]
        body += [heading(2, afdeling), _entries_table(own, lang, with_afdeling=False)]
    if register.conflicts:
        body += [
            heading(2, text("register.html.conflicts_heading", lang)),
            bullet_list(
                text("register.html.conflict", lang, id=key, kept=kept, other=other)
                for key, kept, other in register.conflicts
            ),
        ]
    if unread:
        body += [
            heading(2, text("register.html.unread_heading", lang)),
            table(
                [text("register.problems.path", lang), text("register.problems.reason", lang)],
                [[problem.path, problem.reason] for problem in unread],
            ),
        ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="erfakit"><title>{esc(title)}</title><style>{_CSS}</style></head>'
        f'<body class="erfa-register"><main>{"".join(body)}</main></body></html>\n'
    )


def _figures(register: Register, lang: str) -> str:
    total = register.summary()[-1]
    figures = [
        ("register.summary.total", total.total),
        ("register.summary.open", total.open),
        ("register.summary.in_progress", total.in_progress),
        ("register.summary.done", total.done),
        ("register.summary.dropped", total.dropped),
        ("register.summary.overdue", total.overdue),
    ]
    items = "".join(f"<li><b>{number}</b>{esc(text(key, lang))}</li>" for key, number in figures)
    return f'<ul class="erfa-figures">{items}</ul>'


def _summary(register: Register, lang: str) -> str:
    headers = [
        text(f"register.summary.{column}", lang)
        for column in ("afdeling", "theme", "total", "open", "in_progress", "done", "dropped", "overdue")
    ]
    rows = [
        [*summary_label(row, lang), row.total, row.open, row.in_progress, row.done, row.dropped, row.overdue]
        for row in register.summary()
    ]
    return table(headers, rows, css_class="erfa-register-summary")


_COLUMNS = ("id", "text", "theme", "responsible", "deadline", "status", "history")


def _entries_table(entries: list[RegisterEntry], lang: str, *, with_afdeling: bool) -> str:
    if not entries:
        return f'<p class="erfa-empty">{esc(text("register.html.none", lang))}</p>'
    headers = [text(f"register.html.column.{column}", lang) for column in _COLUMNS]
    if with_afdeling:
        headers.insert(1, text("register.column.afdeling", lang))
    rows = []
    for entry in entries:
        cells = entry_cells(entry, lang)
        responsible = owner_text(entry.function, entry.person, lang)
        status = str(cells["status"]) + (f" ({cells['overdue']})" if entry.overdue else "")
        what = str(cells["text"]) if entry.kind == "agreement" else f"{cells['kind']}: {cells['text']}"
        # Without a recorded change: an open one waits for its first follow-up; a closed one was
        # closed before follow-ups were recorded (a file from before schema 2), so say only that.
        no_history = (
            "register.html.no_history" if entry.status not in CLOSED_STATUSES else "register.html.no_history_closed"
        )
        history = bullet_list(history_line(change, lang) for change in entry.history) or esc(text(no_history, lang))
        row: list[object] = [
            entry.id,
            what,
            cells["theme"],
            responsible,
            format_short_date(entry.deadline, lang),
            status,
            Markup(history),
        ]
        if with_afdeling:
            row.insert(1, entry.afdeling)
        rows.append((row, entry.overdue))
    head = "<tr>" + "".join(f'<th scope="col">{esc(header)}</th>' for header in headers) + "</tr>"
    overdue_row = '<tr class="erfa-overdue">'
    body = "".join(
        (overdue_row if overdue else "<tr>") + "".join(f"<td>{_cell(value)}</td>" for value in row) + "</tr>"
        for row, overdue in rows
    )
    return f'<table class="erfa-table erfa-register-entries"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _cell(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    return "<br>".join(esc(line) for line in str(value if value is not None else "").splitlines())
