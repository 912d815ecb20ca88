"""The meeting on a projector (`erfakit app`): readable from the back of the room in every mode.

One server and one page; the page is resized and switched between normal and large text, normal and
high contrast, and walked through every part. At each stop it measures what a participant at the back
of the room depends on: nothing wider than the page, the header bar in view after scrolling to the
bottom and small enough, text sizes, the font of the answers, whole dropdown labels, named icon
buttons, and (at 1600 × 900, normal text) the part's first field on its first screen.
"""

from __future__ import annotations

from pathlib import Path

import meetingpage as m
import pytest
from playwright.sync_api import expect

from erfakit.core.guide import parts_of
from erfakit.core.model import MeetingKind, PartId

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_START_TIMEOUT_MS = 120_000
SIZES = ((1280, 720), (1600, 900))
BASE_PX, LARGE_PX = 16, 22
HEADER_SHARE = 0.12
SHOTS = {
    PartId.VELKOMMEN: ("", 0),
    PartId.OVELSE1: (".erfakit-composition", 140),
    PartId.OVELSE2: (".erfakit-partner-function", 110),
    PartId.OVELSE3: (".erfakit-plan-interval", 160),
    PartId.AFSLUTNING: ("", 0),
}
"""The README's screenshots (docs/screenshots/update.py): what to bring into view in each part."""

MEASURE_JS = (Path(__file__).parent / "projector_measure.js").read_text(encoding="utf-8")
"""The measurements at one stop (a JavaScript function of the part id), kept beside this file."""


def set_mode(page, toggle: str, on: bool, root_class: str) -> None:
    """Switch a display toggle of the header to ``on`` and wait until the screens show it."""
    header = page.locator(".erfakit-header")
    if (root_class in (header.get_attribute("class") or "").split()) != on:
        page.locator(f"button.{toggle}").click()
    if on:
        expect(header).to_have_class(m.re_class(root_class))
    else:
        expect(header).not_to_have_class(m.re_class(root_class))


def test_every_part_fits_the_projector_in_every_size_and_mode(
    page, start_app, tmp_path: Path, screenshots: Path
) -> None:
    from erfakit.demo import prepare_demo

    app = start_app(prepare_demo(tmp_path / "projector", filled=True))
    page.goto(app.page_url)
    expect(page.locator(".erfakit-header")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    problems: list[str] = []
    for large in (False, True):
        for contrast in (False, True):
            set_mode(page, "erfakit-large-text", large, "erfakit-large")
            set_mode(page, "erfakit-high-contrast", contrast, "erfakit-contrast")
            mode = f"{'large' if large else 'normal'} text, {'high' if contrast else 'normal'} contrast"
            for part in parts_of(MeetingKind.ERFARINGSGRUPPE4):
                screen = m.go_to(page, part.value)
                expect(screen.locator("textarea, input, select, button").first).to_be_attached(timeout=m.UI_TIMEOUT_MS)
                expect(screen.locator(".erfakit-loading")).to_have_count(0, timeout=m.UI_TIMEOUT_MS)
                for width, height in SIZES:
                    page.set_viewport_size({"width": width, "height": height})
                    page.wait_for_timeout(150)
                    where = f"{part.value} at {width}×{height}, {mode}"
                    found = page.evaluate(MEASURE_JS, part.value)
                    problems += check(found, where, width=width, height=height, large=large)
                    if part is PartId.OVELSE1 and width == 1280 and large and not contrast:
                        page.screenshot(path=screenshots / "app-10-ovelse1-1280-large.png")
                    if width == 1600 and not large and not contrast:
                        target, above = SHOTS[part]
                        m.shoot(
                            page,
                            screenshots,
                            f"app-1{part.value}",
                            screen.locator(target).first if target else None,
                            above=above,
                        )
    assert not problems, "\n".join(problems)


def check(found: dict, where: str, *, width: int, height: int, large: bool) -> list[str]:
    """What is wrong at one stop, as sentences naming the part, the size and the mode."""
    problems = []
    if found["pageWide"]:
        problems.append(f"{where}: the page scrolls sideways")
    if found["wide"]:
        problems.append(f"{where}: fields scroll sideways: {found['wide'][:5]}")
    if found["beyond"]:
        problems.append(f"{where}: reaching past the right edge: {found['beyond']}")
    if found["cut"]:
        problems.append(f"{where}: dropdown labels cut: {found['cut']}")
    if found["noArrow"]:
        problems.append(f"{where}: dropdowns without an arrow: {found['noArrow']}")
    if found["unnamed"]:
        problems.append(f"{where}: icon buttons without a name: {found['unnamed']}")
    least = LARGE_PX if large else BASE_PX
    small = sorted({size for size in found["textSizes"] + found["navSizes"] if size < least - 0.01})
    if small:
        problems.append(f"{where}: text smaller than {least} px: {small}")
    typewriter = [family for family in found["families"] if "mono" in family.lower()]
    if typewriter:
        problems.append(f"{where}: answers in a typewriter font: {typewriter[0]}")
    if found["barHeight"] > HEADER_SHARE * height:
        problems.append(f"{where}: the header bar is {found['barHeight']:.0f} px, over 12 % of {height}")
    if found["scrolled"] > 0 and not (found["barTop"] >= -1 and found["barBottom"] <= height):
        problems.append(f"{where}: the header bar is out of view after scrolling to the bottom")
    if width == 1600 and not large and (found["firstTop"] is None or found["firstTop"] > height - 40):
        problems.append(f"{where}: the first field is at y = {found['firstTop']}, below the first screen")
    return problems
