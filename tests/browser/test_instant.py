"""`erfakit app` answers at once: the navigation bar while the kernel is busy, and the report in its tab.

The times themselves are in benchmarks/app_instant.py; here, what the tovholder depends on:

* a click on a part shows that part's heading (and "Indlæser …" until it is built) even while the
  kernel cannot answer at all (it is stopped with SIGSTOP), and the part comes once it can;
* "Eksportér referat", clicked the moment Afslutning appears on a freshly opened page, opens a new
  tab with the finished report, which holds what was typed a moment before (the report warm-up
  must never send a stale report), escaped.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import meetingpage as m
import psutil
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_START_TIMEOUT_MS = 120_000
REPORT_TIMEOUT_MS = 60_000


def kernel_processes(server_pid: int) -> list[psutil.Process]:
    """The kernels the app's server started (one per open page)."""
    return [
        child
        for child in psutil.Process(server_pid).children(recursive=True)
        if "ipykernel" in " ".join(child.cmdline())
    ]


def test_a_part_clicked_while_the_kernel_cannot_answer_shows_its_heading_and_loading_at_once(
    page, start_app, tmp_path: Path, screenshots: Path
) -> None:
    from erfakit.demo import prepare_demo

    app = start_app(prepare_demo(tmp_path / "busy", filled=True))
    page.goto(app.page_url)
    expect(page.locator(".erfakit-since-boligsocial textarea")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    kernels = kernel_processes(app.process.pid)
    assert len(kernels) == 1, f"expected the page's one kernel, found {len(kernels)}"
    kernel = kernels[0]
    os.kill(kernel.pid, signal.SIGSTOP)
    try:
        page.locator("button.erfakit-nav-ovelse3").click()
        screen = m.within(page, "ovelse3")
        expect(screen).to_be_visible()
        expect(screen.locator(".erfakit-part-heading")).to_contain_text("Øvelse 3")
        expect(m.within(page, "velkommen")).to_be_hidden()
        expect(page.locator("button.erfakit-nav-ovelse3")).to_have_class(m.re_class("erfakit-nav-current"))
        expect(page.locator("button.erfakit-nav-velkommen")).not_to_have_class(m.re_class("erfakit-nav-current"))
        if screen.locator(".erfakit-loading").count():  # unless the background build had done it
            expect(screen.locator(".erfakit-loading")).to_contain_text("Indlæser")
        page.screenshot(path=screenshots / "app-20-part-while-kernel-busy.png")
    finally:
        os.kill(kernel.pid, signal.SIGCONT)
    # The kernel answers the click it was sent: the same part, built.
    expect(screen.locator(".erfakit-loading")).to_have_count(0, timeout=m.UI_TIMEOUT_MS)
    expect(screen.locator("textarea, input, select").first).to_be_visible()
    expect(m.within(page, "velkommen")).to_be_hidden()
    expect(page.locator("button.erfakit-nav-ovelse3")).to_have_class(m.re_class("erfakit-nav-current"))
    m.assert_no_bug_shown(page)


def test_export_clicked_the_moment_afslutning_appears_opens_the_report_with_what_was_just_typed(
    page, start_app, tmp_path: Path, screenshots: Path
) -> None:
    from erfakit.demo import prepare_demo

    app = start_app(prepare_demo(tmp_path / "export-at-once", filled=True))
    page.goto(app.page_url)
    first_field = page.locator(".erfakit-since-boligsocial textarea")
    expect(first_field).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    typed = "Skrevet lige før eksporten </script><b>fed</b> =cmd|' /C calc'!A0"
    m.type_text(first_field, typed)
    screen = m.go_to(page, "afslutning")
    button = screen.locator("button.erfakit-export-report")
    expect(button).to_be_enabled(timeout=m.UI_TIMEOUT_MS)
    with page.expect_popup() as opened:
        button.click()
    tab = opened.value
    tab.wait_for_function("() => document.title.startsWith('Referat – ')", timeout=REPORT_TIMEOUT_MS)
    expect(tab.locator("body")).to_contain_text(typed)
    assert tab.locator("b", has_text="fed").count() == 0, "typed HTML became markup in the report"
    tab.set_viewport_size({"width": 1600, "height": 900})
    tab.screenshot(path=screenshots / "app-21-report-tab.png")
    # The page itself says where the files are, and nothing went wrong.
    expect(screen.locator(".erfakit-export-result")).to_contain_text(".html", timeout=REPORT_TIMEOUT_MS)
    m.assert_no_bug_shown(page)
