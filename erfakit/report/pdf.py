"""Printing the HTML report to PDF through Chromium (Playwright with Debian's browser)."""

from __future__ import annotations

import os
from pathlib import Path

from erfakit.exceptions import ErfakitError, MissingDependencyError
from erfakit.io.atomic import write_bytes_atomic
from erfakit.texts import text

DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium; ``$ERFAKIT_CHROMIUM`` names another."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def print_pdf(html_path: Path, pdf_path: Path, *, lang: str = "da", chromium: Path | None = None) -> Path:
    """Open `html_path` in headless Chromium with the network cut off and print it to `pdf_path` (A4).

    `chromium` defaults to ``$ERFAKIT_CHROMIUM``, else `DEFAULT_CHROMIUM`.
    """
    chromium = chromium or Path(os.environ.get("ERFAKIT_CHROMIUM", str(DEFAULT_CHROMIUM)))
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise MissingDependencyError(
            text("report.pdf.no_playwright", lang), text("report.pdf.no_playwright_hint", lang)
        ) from None
    if not chromium.exists():
        raise MissingDependencyError(
            text("report.pdf.no_chromium", lang, path=str(chromium)), text("report.pdf.no_chromium_hint", lang)
        )
    html_path = Path(html_path).resolve()
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                # The report is self-contained; anything else it asked for would be a leak.
                page.route(
                    "**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort()
                )
                page.goto(html_path.as_uri(), wait_until="load")
                document = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
    except PlaywrightError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ErfakitError(text("report.pdf.failed", lang, path=str(html_path), reason=reason)) from None
    # Through the kit's one writer: a crash leaves the old PDF or the new, never half, and a link
    # planted at the PDF's name is replaced, not followed.
    write_bytes_atomic(document, pdf_path)
    return pdf_path
