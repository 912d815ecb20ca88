"""The report printed to PDF through Debian's Chromium, and the Danish message when it is missing."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from erfakit.demo import prepare_demo
from erfakit.exceptions import FileWriteError, MissingDependencyError
from erfakit.handouts import export_report_html, export_report_pdf
from erfakit.report.pdf import print_pdf

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
def test_report_prints_to_a_multi_page_a4_pdf(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to print PDFs")
    html_path = export_report_html(prepare_demo(tmp_path, filled=True), tmp_path / "referat.html")
    pdf = export_report_pdf(html_path)
    data = pdf.read_bytes()
    assert pdf == tmp_path / "referat.pdf"
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 3, "the demo meeting's report is several pages"
    # A4 is 595 x 842 points.
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None
    assert abs(float(box.group(1)) - 595) < 1 and abs(float(box.group(2)) - 842) < 1


@pytest.mark.browser
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a link to another user needs root")
def test_printing_refuses_a_link_someone_else_planted_at_the_pdf_name(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to print PDFs")
    page = tmp_path / "referat.html"
    page.write_text("<html><body><p>Referat</p></body></html>", encoding="utf-8")
    victim = tmp_path / "vigtig.txt"
    victim.write_text("må ikke overskrives", encoding="utf-8")
    link = tmp_path / "referat.pdf"
    link.symlink_to(victim)
    os.lchown(link, 4242, 4242)
    with pytest.raises(FileWriteError, match="en anden bruger ejer"):
        print_pdf(page, link)
    assert victim.read_text(encoding="utf-8") == "må ikke overskrives" and link.is_symlink()


def test_missing_chromium_is_a_danish_message_saying_how_to_install(tmp_path: Path) -> None:
    page = tmp_path / "referat.html"
    page.write_text("<html></html>", encoding="utf-8")
    with pytest.raises(MissingDependencyError) as caught:
        print_pdf(page, tmp_path / "referat.pdf", chromium=tmp_path / "ingen-chromium")
    assert "apt-get install chromium" in str(caught.value)
    assert "ingen-chromium" in str(caught.value)
    assert not (tmp_path / "referat.pdf").exists()


@pytest.mark.browser
def test_report_fits_the_width_of_an_a4_page_in_print(browser, tmp_path: Path) -> None:
    html_path = export_report_html(prepare_demo(tmp_path, filled=True), tmp_path / "referat.html")
    # A4 is 210 mm wide; with the template's 13 mm margins 184 mm remain, 695 CSS pixels.
    context = browser.new_context(viewport={"width": 695, "height": 1000})
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        page.goto(html_path.as_uri(), wait_until="load")
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('table, figure, h1, h2, h3, h4, p')]"
            ".filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".map(el => el.tagName + ': ' + el.textContent.slice(0, 40))"
        )
        breaks = page.evaluate(
            "() => [...document.querySelectorAll('section.erfa-part')].map(el => getComputedStyle(el).breakBefore)"
        )
        unsplit = page.evaluate(
            "() => [...document.querySelectorAll('figure')].map(el => getComputedStyle(el).breakInside)"
        )
    finally:
        context.close()
    assert overflow == []
    # The parts flow on: a page of its own for each left pages mostly blank.
    assert breaks == ["auto"] * 4
    assert unsplit and set(unsplit) == {"avoid"}


@pytest.mark.browser
def test_erfakit_report_pdf_writes_html_and_pdf_and_prints_both(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to print PDFs")
    demo = prepare_demo(tmp_path / "demo", filled=True)
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl")}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "erfakit"), "report", str(demo), "--pdf"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = demo.parent / "referat-afdeling-7-laerkeparken-2026-12-03.pdf"
    assert f"Referat (PDF): {pdf}" in result.stdout
    assert pdf.read_bytes().startswith(b"%PDF-")


@dataclass
class PrintedPage:
    """What a printed page holds: its text's sizes in points and how far down its text reaches."""

    sizes: list[float]
    filled: float
    """The lowest text's distance from the top, as a share of the page height (0–1)."""
    table_sizes: list[float]


def printed_pages(pdf: Path, table_words: set[str]) -> list[PrintedPage]:
    """Each page's text sizes (font size × text and page matrices) and fill, read with pypdf."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        height = float(page.mediabox.height)
        sizes: list[float] = []
        table_sizes: list[float] = []
        lowest = [height]

        def visit(
            content: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            size: float,
            sizes: list[float] = sizes,
            table_sizes: list[float] = table_sizes,
            lowest: list[float] = lowest,
        ) -> None:
            if not content.strip():
                return
            points = size * abs(tm[3] or tm[0]) * abs(cm[3] or cm[0])
            sizes.append(points)
            if content.strip() in table_words:
                table_sizes.append(points)
            lowest[0] = min(lowest[0], tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        pages.append(PrintedPage(sizes, (height - lowest[0]) / height, table_sizes))
    return pages


@pytest.mark.browser
def test_the_printed_demo_report_is_at_most_8_full_a4_pages_with_tables_of_at_least_9_pt(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to print PDFs")
    html_path = export_report_html(prepare_demo(tmp_path, filled=True), tmp_path / "referat.html")
    # Words that only stand in tables: column headings of the composition, agreement and plan tables.
    table_words = {"Ansvarlig", "Frist", "Status", "Tidspunkt", "Kategori", "Minutter"}
    pages = printed_pages(export_report_pdf(html_path), table_words)
    assert len(pages) <= 8, f"{len(pages)} pages"
    half_empty = [number for number, page in enumerate(pages[:-1], start=1) if page.filled < 0.5]
    assert not half_empty, f"pages under half full before the last: {half_empty}"
    smallest = min(size for page in pages for size in page.sizes)
    # Chromium prints at a scale of about 0.98: 9.2 pt in the CSS measure 9.0 in the PDF.
    assert smallest >= 8.95, f"the smallest printed text is {smallest:.2f} pt"
    tables = [size for page in pages for size in page.table_sizes]
    assert tables and min(tables) >= 8.95, f"table text at {min(tables):.2f} pt"
