"""The report printed to PDF through Debian's Chromium, and the Danish message when it is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from erfakit.demo import prepare_demo
from erfakit.exceptions import MissingDependencyError
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
    assert pages >= 5, "front page, then a new page for each of the four parts"
    # A4 is 595 x 842 points.
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None
    assert abs(float(box.group(1)) - 595) < 1 and abs(float(box.group(2)) - 842) < 1


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
    # A4 is 210 mm wide; with the template's 15 mm margins 180 mm remain, 680 CSS pixels.
    context = browser.new_context(viewport={"width": 680, "height": 1000})
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
    assert breaks == ["page"] * 4
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
