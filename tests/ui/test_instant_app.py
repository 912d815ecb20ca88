"""What keeps the app instant on the kernel's side: background work waits for the browser's first
screen, and the report warm-up leaves the export only what changed."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from uihelpers import one, visit

from erfakit.core.model import PartId
from erfakit.handouts import export_report_html
from erfakit.ui.app import MeetingApp
from erfakit.ui.report_warm_up import ReportWarmer


def test_the_other_parts_are_built_once_the_browser_has_drawn_the_first_screen(app: MeetingApp) -> None:
    app.show_part(PartId.VELKOMMEN)

    async def meeting() -> set[PartId]:
        app.prebuild_soon(delay=600)  # the guessed moment is far away: only the browser's word can start it
        await asyncio.sleep(0.5)
        assert app._built == {PartId.VELKOMMEN}, "nothing is built before the browser has drawn the first screen"
        app._shown.fire()  # what the browser's ShownSignal sends
        deadline = time.monotonic() + 120
        while len(app._built) < len(app.navigation.parts) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        return set(app._built)

    assert asyncio.run(meeting()) == set(app.navigation.parts)
    for part in app.navigation.parts:
        assert app.navigation.boxes[part].children, f"{part} has no screen"


def test_a_report_warm_up_asked_for_twice_runs_again_and_the_export_then_shows_the_latest_text(
    app: MeetingApp, meeting_path: Path, tmp_path: Path
) -> None:
    warmer = ReportWarmer(meeting_path, "da")
    warmer.request()
    one(visit(app, "ovelse1"), "erfakit-answer-o1-a-role").value = "Skrevet mens referatet blev forberedt"
    assert app.ctx.saver.flush()
    warmer.request()  # Afslutning is shown: once more, for what changed since
    assert warmer.wait(120), "the warm-up did not finish"
    report = export_report_html(meeting_path, tmp_path / "referat.html")
    assert "Skrevet mens referatet blev forberedt" in report.read_text(encoding="utf-8")
