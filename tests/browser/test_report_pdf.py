"""The report printed to PDF through Debian's Chromium, and the Danish message when it is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from erfakit.demo import prepare_demo
from erfakit.exceptions import MissingDependencyError
from erfakit.report import export_report_html, export_report_pdf
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
