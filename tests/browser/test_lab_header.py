"""`erfakit lab`: the header bar (navigation, clock, save state) stays in view while the tovholder
scrolls down a long part, as in the app (issue 13's "always in view" in JupyterLab too)."""

from __future__ import annotations

from pathlib import Path

import meetingpage as m
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPEN_TIMEOUT_MS = 120_000

SCROLL_TO_END_JS = """part => {
  const box = document.querySelector('.erfakit-part-' + part);
  const before = box.getBoundingClientRect().top;
  box.scrollIntoView({block: 'end'});  // the part's last line at the bottom of the window
  return before - box.getBoundingClientRect().top;
}"""
BAR_JS = """() => {
  const bar = document.querySelector('.erfakit-header');
  const rect = bar.getBoundingClientRect();
  // What a person sees in the middle of the bar: the bar itself, not a cell scrolled over it.
  const seen = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
  return {top: rect.top, bottom: rect.bottom, height: rect.height, window: window.innerHeight,
          seen: !!seen && bar.contains(seen)};
}"""


@pytest.mark.parametrize("size", [(1600, 900), (1280, 720)])
def test_the_header_bar_stays_in_view_when_a_long_part_is_scrolled_to_its_end_in_jupyterlab(
    page, start_lab, tmp_path: Path, screenshots: Path, size: tuple[int, int]
) -> None:
    from erfakit.demo import prepare_demo

    lab = start_lab(prepare_demo(tmp_path / "lab-header", filled=True))
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(lab.page_url)
    expect(page.locator(".erfakit-header")).to_be_visible(timeout=OPEN_TIMEOUT_MS)
    screen = m.go_to(page, "ovelse1")
    expect(screen.locator(".erfakit-loading")).to_have_count(0, timeout=m.UI_TIMEOUT_MS)
    expect(screen.locator("textarea").first).to_be_visible()
    scrolled = page.evaluate(SCROLL_TO_END_JS, "ovelse1")
    assert scrolled > size[1], f"Øvelse 1 should be longer than one screen; scrolled only {scrolled} px"
    page.wait_for_timeout(200)  # one frame for the sticky position (a measurement, not a wait for the kernel)
    bar = page.evaluate(BAR_JS)
    page.screenshot(path=screenshots / f"lab-header-scrolled-{size[0]}x{size[1]}.png")
    assert bar["height"] > 0, f"the header bar is gone: {bar}"
    assert bar["top"] >= 0, f"the header bar is out of view: {bar}"
    assert bar["bottom"] <= bar["window"], f"the header bar is out of view: {bar}"
    assert bar["seen"], f"the header bar is covered: {bar}"
    # And it still works from there: the navigation bar moves to another part.
    page.locator(".erfakit-header button.erfakit-nav-ovelse2").click()
    expect(m.within(page, "ovelse2")).to_be_visible(timeout=m.UI_TIMEOUT_MS)
