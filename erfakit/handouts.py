"""Writing what the meeting hands out: the HTML report, the action list, the calendar and the next
meeting file, named in Danish after the meeting's date, next to the meeting file by default."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from erfakit.core.model import Origin, Session
from erfakit.core.next_meeting import next_meeting_session, next_planned_meeting
from erfakit.exceptions import SessionFileError
from erfakit.io import action_list, calendar
from erfakit.io.atomic import write_bytes_atomic
from erfakit.io.meeting_file import lock
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.report.figures import chart_tasks, draw_into_cache, start_chart_workers
from erfakit.report.pdf import print_pdf
from erfakit.report.render import html_exporter, prime_html_exporter, render_report_html, resolve_language
from erfakit.texts import text

OUTPUT_KINDS = ("html", "xlsx", "csv", "ics", "next")


def output_name(kind: str, session: Session, lang: str, *, date: dt.date | None = None) -> str:
    """The file name of one output: "referat-afdeling-7-laerkeparken-2026-12-03.html", …

    Named after the meeting (afdeling and date), so two meetings on one day in one folder never
    overwrite each other's files; the next meeting file after its own `date`
    ("naeste-moede-afdeling-7-laerkeparken-2027-01-14.json"), so it never has the name of the
    meeting it comes from. The afdeling becomes a safe file name (`file_name_part`).
    """
    meeting = f"{file_name_part(session.meeting.afdeling)}-{(date or session.meeting.date).isoformat()}"
    return text(f"report.files.{kind}", lang, meeting=meeting)


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})
MAX_NAME_PART = 60


def file_name_part(value: str, *, fallback: str = "moede") -> str:
    """User text as a piece of a file name that is safe everywhere: lowercase a–z, 0–9 and dashes.

    Danish letters are spelled out (æ → ae, ø → oe, å → aa), accents dropped, everything else
    (slashes, dots, control characters, emoji, right-to-left marks) becomes a dash; at most
    `MAX_NAME_PART` characters; ``fallback`` when nothing is left. "Afdeling 7 – Lærkeparken" →
    "afdeling-7-laerkeparken".
    """
    import re
    import unicodedata

    spelled = unicodedata.normalize("NFKD", value.translate(_DANISH_LETTERS))
    ascii_only = spelled.encode("ascii", "ignore").decode("ascii").lower()
    part = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    part = part[:MAX_NAME_PART].rstrip("-")
    return part or fallback


def export_report_html(session_path: Path, out: Path | None = None, *, lang: str | None = None) -> Path:
    """Write the HTML report of the meeting file at `session_path`; returns the written path.

    `out` defaults to ``referat-<afdeling>-<dato>.html`` beside the meeting file; `lang` None means the
    meeting's own language. Starts no kernel. Raises `SessionFileError` for an unreadable file.
    """
    session_path = Path(session_path)
    session = load_session(session_path, lang=lang or "da")
    return write_report_html(
        session, out or session_path.parent / output_name("html", session, resolve_language(session, lang)), lang=lang
    )


def write_report_html(session: Session, out: Path, *, lang: str | None = None) -> Path:
    """Render `session`'s report and write it atomically to `out`; returns `out`."""
    resolved = resolve_language(session, lang)
    # Charts are drawn in worker processes (where that is safe) while nbconvert is imported here and
    # its template compiled: both would otherwise wait their turn after the charts.
    finish_charts = start_chart_workers(session, resolved)
    html_exporter()
    if finish_charts is not None:
        prime_html_exporter(resolved)
        finish_charts()
    return write_bytes_atomic(render_report_html(session, resolved).encode("utf-8"), Path(out), lang=resolved)


def export_all(
    session_path: Path,
    out_dir: Path | None = None,
    *,
    lang: str | None = None,
    now: dt.datetime | None = None,
    html_out: Path | None = None,
    report: bool = True,
) -> dict[str, Path]:
    """Write everything the meeting hands out; returns ``{kind: path}`` for kinds in `OUTPUT_KINDS`.

    "html" the report, "xlsx"/"csv" the action list, "ics" the meeting plan, "next" the next
    meeting file (a koordinationsmøde carrying every agreement, the projects, topics and plan). "ics"
    and "next" are left out (not an error) when the plan has no dates; `skipped_outputs` says why.
    `out_dir` defaults to the meeting file's folder; `now` (default: the clock) stamps the calendar
    and decides which planned date is next; `html_out` overrides the report's path; `report` False
    leaves the report out (the meeting's button writes it first, to show it at once).
    """
    session_path = Path(session_path)
    session = load_session(session_path, lang=lang or "da")
    resolved = resolve_language(session, lang)
    folder = Path(out_dir) if out_dir is not None else session_path.parent
    now = now or dt.datetime.now(dt.UTC)
    written = {}
    if report:
        written["html"] = write_report_html(
            session, html_out or folder / output_name("html", session, resolved), lang=resolved
        )
    written["xlsx"] = action_list.write_actions_xlsx(session, folder / output_name("xlsx", session, resolved), resolved)
    written["csv"] = action_list.write_actions_csv(session, folder / output_name("csv", session, resolved), resolved)
    if session.plan.dates:
        written["ics"] = calendar.write_plan_ics(
            session, folder / output_name("ics", session, resolved), resolved, now=now
        )
    today = now.astimezone(calendar.TIMEZONE).date()
    planned = next_planned_meeting(session, today=today)
    if planned is not None:
        target = folder / output_name("next", session, resolved, date=planned.date)
        if target.resolve() != session_path.resolve() and not next_file_in_use(target):
            next_session = next_meeting_session(session, today=today, lang=resolved)
            save_session(next_session, target, lang=resolved)
            written["next"] = target
    return written


def next_file_in_use(path: Path) -> bool:
    """Whether the next meeting file at `path` is open elsewhere or has been worked on since.

    Re-exporting replaces an untouched next meeting file (the agreements may have changed since the
    last export), but never one that is open for editing or where anything has been typed at that
    meeting: notes, an agreement or project made there, a status given there (a history entry of its
    date). That would overwrite the next meeting's words.
    """
    if not path.exists():
        return False
    try:
        holder = lock.read_holder(path)
    except SessionFileError:
        return True  # a lock that cannot be read (a folder, another user's): leave the file alone
    if holder is not None and holder.is_alive() and not holder.is_current_process():
        return True
    try:
        existing = load_session(path)
    except SessionFileError:
        return True  # not ours to overwrite: let a person look at it
    date = existing.meeting.date
    histories = [item.history for item in existing.agreements] + [item.history for item in existing.topics.projects]
    return bool(
        any(value.strip() for value in existing.answers.values())
        or any(value.strip() for value in existing.since_last.values())
        or any(agreement.origin != Origin.EARLIER for agreement in existing.agreements)
        or any(project.made_on == date for project in existing.topics.projects)
        or any(change.date == date for history in histories for change in history)
    )


def skipped_outputs(session: Session, lang: str, *, today: dt.date, out_dir: Path | None = None) -> dict[str, str]:
    """Why `export_all` leaves an output out for `session`: ``{kind: Danish reason}``.

    `out_dir` is where the outputs go; when given, an existing next meeting file in use is named.
    """
    reasons = {}
    if not session.plan.dates:
        reasons["ics"] = text("report.ics.no_dates", lang)
    planned = next_planned_meeting(session, today=today)
    if planned is None:
        reasons["next"] = text("report.next.no_date", lang)
    elif out_dir is not None:
        target = Path(out_dir) / output_name("next", session, lang, date=planned.date)
        if next_file_in_use(target):
            reasons["next"] = text("report.next.in_use", lang, file=str(target))
    return reasons


def prepare_report(
    session_path: Path, *, lang: str | None = None, between_steps: Callable[[], object] | None = None
) -> None:
    """Do the report's slow first steps now, so that the next export only renders what changed.

    Imports nbconvert and compiles the template, compares the composition and draws every chart of
    the meeting file at `session_path` into the chart cache (the composition does not change during a
    meeting), and renders the report once (kept for an export of the same meeting). Never raises:
    any error is left for the real export to report. `erfakit.ui.report_warm_up` calls it in a thread.

    ``between_steps`` is called before each step (an import, one chart, the rendering): the meeting
    app waits there for a pause in the tovholder's typing, since a step holds the interpreter for up
    to a second on a busy machine and her keystrokes would wait for it.
    """
    pause = between_steps or (lambda: None)
    try:
        session = load_session(session_path)
        pause()
        for _ in _warm_up_steps(session, resolve_language(session, lang)):
            pause()
    except Exception:  # noqa: BLE001 - the export itself shows the user a proper message
        return


def _warm_up_steps(session: Session, lang: str) -> Iterator[None]:
    html_exporter()
    yield
    prime_html_exporter(lang)
    yield
    for task in chart_tasks(session, lang):
        yield
        draw_into_cache(task)
    yield
    render_report_html(session, lang)


def warm_up_report(session_path: Path, *, lang: str | None = None) -> threading.Thread:
    """`prepare_report` in a background daemon thread (returned; it needs no joining)."""
    thread = threading.Thread(
        target=prepare_report, args=(session_path,), kwargs={"lang": lang}, name="erfakit-report-warm-up", daemon=True
    )
    thread.start()
    return thread


def export_report_pdf(html_path: Path, pdf_path: Path | None = None, *, lang: str = "da") -> Path:
    """Print the HTML report to PDF (A4) through Chromium; returns the PDF's path.

    Uses Playwright with Debian's ``/usr/bin/chromium`` (nbconvert's webpdf cannot be pointed at
    it). Raises `MissingDependencyError` naming what to install when either is missing, and
    `ErfakitError` when Chromium fails.
    """
    html_path = Path(html_path)
    return print_pdf(html_path, Path(pdf_path) if pdf_path else html_path.with_suffix(".pdf"), lang=lang)
