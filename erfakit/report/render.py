"""Exporting the session report: the report notebook through nbconvert with erfakit's template.

Two ways to the same HTML:

* ``jupyter nbconvert --execute --to html --template erfakit notebooks/rapport.ipynb``: a kernel runs
  the notebook's cells, each of which calls `show_section`.
* `export_report_html` (the command line and the meeting's "Eksportér rapport" button): no kernel.
  It fills each cell's output by calling the same `render_section` the cell would call, then runs
  nbconvert's `HTMLExporter` with the same template. That saves a kernel start (~1.5 s) and lets the
  button run inside the meeting kernel.
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from erfakit.core.formatting import format_date
from erfakit.core.model import Session
from erfakit.exceptions import ErfakitError
from erfakit.io.meeting_file.document import load_session
from erfakit.report.sections import render_section
from erfakit.resources import notebook_path
from erfakit.texts import text

if TYPE_CHECKING:
    from nbconvert.exporters.html import HTMLExporter

TEMPLATE_NAME = "erfakit"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""Pass to nbconvert as ``--TemplateExporter.extra_template_basedirs`` to use ``--template erfakit``."""

SECTION_FUNCTION = "show_section"


def report_notebook_path() -> Path:
    """The shipped report notebook (``notebooks/rapport.ipynb``)."""
    return notebook_path("rapport")


def show_section(name: str, session_path: str | Path, lang: str | None = None) -> None:
    """Display one report section in a notebook as an HTML output (what the report notebook calls).

    `lang` None means the meeting's own language.
    """
    from IPython.display import display  # a kernel's; the in-process export never displays

    session = load_session(session_path)
    resolved = resolve_language(session, lang)
    display({"text/html": render_section(name, session, resolved)}, raw=True)


def resolve_language(session: Session, lang: str | None) -> str:
    """The report language: `lang` when given, else the meeting's own."""
    return lang if lang in ("da", "en") else session.meeting.language


def section_names(notebook: dict[str, Any]) -> list[str | None]:
    """Per cell of the report notebook: the section its `show_section(...)` call names, else None."""
    names: list[str | None] = []
    for cell in notebook["cells"]:
        name = None
        if cell.get("cell_type") == "code":
            source = "".join(cell.get("source", ""))
            try:
                tree = ast.parse(source)
            except SyntaxError:
                tree = None
            for node in ast.walk(tree) if tree else ():
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "attr", getattr(node.func, "id", None)) == SECTION_FUNCTION
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    name = node.args[0].value
                    break
        names.append(name)
    return names


def render_report_notebook(session: Session, lang: str, template: Path | None = None) -> dict[str, Any]:
    """The report notebook as a dict with every section cell's output filled in, as a kernel would."""
    template = template or report_notebook_path()
    notebook = json.loads(template.read_text(encoding="utf-8"))
    names = section_names(notebook)
    if not any(names):
        raise ErfakitError(text("report.template.missing_cells", lang, path=str(template)))
    count = 0
    for cell, name in zip(notebook["cells"], names, strict=True):
        # On disk a cell's source may be a list of lines; nbconvert's filters want one string.
        cell["source"] = "".join(cell.get("source", ""))
        if cell.get("cell_type") != "code":
            continue
        count += 1
        cell["execution_count"] = count
        cell["outputs"] = []
        if name is not None:
            html = render_section(name, session, lang)
            cell["outputs"] = [{"output_type": "display_data", "data": {"text/html": html}, "metadata": {}}]
    notebook.setdefault("metadata", {})["title"] = report_title(session, lang)
    return notebook


def report_title(session: Session, lang: str) -> str:
    """The report's document title: "Referat – Afdeling 7 – 3. december 2026"."""
    return text(
        "report.document_title", lang, afdeling=session.meeting.afdeling, date=format_date(session.meeting.date, lang)
    )


def render_report_html(session: Session, lang: str | None = None) -> str:
    """The whole report as one self-contained HTML document (no code, no scripts, no network)."""
    exporter = html_exporter()  # first: it imports nbformat the cheap way (see below)
    import nbformat

    resolved = resolve_language(session, lang)
    key = _report_key(session, resolved)
    # One exporter per process, and nbconvert exporters keep state while they convert: a click on
    # "Eksportér rapport" during a warm-up waits for it (and then finds the charts drawn).
    with _RENDER_LOCK:
        if key in _LAST_REPORT:
            return _LAST_REPORT[key]
        notebook = nbformat.from_dict(render_report_notebook(session, resolved))
        exporter.language_code = resolved
        body, _ = exporter.from_notebook_node(
            notebook, resources={"metadata": {"name": report_title(session, resolved)}}
        )
        _LAST_REPORT.clear()
        _LAST_REPORT[key] = body
    return body


_LAST_REPORT: dict[str, str] = {}
"""The last report rendered in this process, by `_report_key`: an export of a meeting unchanged since
the warm-up (`erfakit.handouts.prepare_report`) sends it as it is."""


def forget_rendered() -> None:
    """Drop the rendered report and composition section kept in this process (tests, benchmarks)."""
    from erfakit.report.sections import composition

    with _RENDER_LOCK:
        _LAST_REPORT.clear()
        composition.forget_rendered()


def _report_key(session: Session, lang: str) -> str:
    # The report is a function of the meeting and the language alone (no clock, no settings).
    return hashlib.sha256(f"{lang}\0{session.model_dump_json()}".encode()).hexdigest()


_RENDER_LOCK = threading.RLock()


def prime_html_exporter(lang: str = "da") -> None:
    """Convert a one-cell notebook, so templates, selectors and the schema validator are compiled.

    The first conversion in a process spends ~0.5 s on that; `erfakit report` does it while its
    chart workers draw, instead of after them.
    """
    import nbformat

    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "id": "prime",
        "metadata": {},
        "source": "",
        "outputs": [{"output_type": "display_data", "data": {"text/html": "<p>.</p>"}, "metadata": {}}],
    }
    notebook = nbformat.from_dict({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    exporter = html_exporter()
    with _RENDER_LOCK:
        exporter.language_code = lang
        exporter.from_notebook_node(notebook, resources={"metadata": {"name": "erfakit"}})


def html_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with erfakit's template, built once per process."""
    with _RENDER_LOCK:
        return _build_html_exporter()


@cache
def _build_html_exporter() -> HTMLExporter:
    exporter_class = _import_html_exporter()
    exporter = exporter_class(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES_DIR)])
    # The notebook is built here from a template we ship; checking it against the nbformat schema
    # after every preprocessor costs time and guards nothing.
    exporter.optimistic_validation = True
    return exporter


def _import_html_exporter() -> type[HTMLExporter]:
    """Import nbconvert's HTML exporter without paying ~1.2 s for an IRI grammar nobody uses here.

    `import nbconvert` imports nbformat, which imports jsonschema, whose format checker builds the
    RFC 3987 grammar of the optional `rfc3987_syntax` package at import time (only for the "iri"
    format, which the notebook schema does not use). When jsonschema is not yet loaded we hide that
    package for the duration of this import; jsonschema then simply has no "iri" checker. Afterwards
    the package is importable again for anyone who wants it.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        from nbconvert.exporters.html import HTMLExporter

        return HTMLExporter
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        from nbconvert.exporters.html import HTMLExporter
    finally:
        if sys.modules.get("rfc3987_syntax", ...) is None:
            del sys.modules["rfc3987_syntax"]
    return HTMLExporter
