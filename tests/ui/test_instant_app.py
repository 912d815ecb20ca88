"""What keeps the app instant on the kernel's side: background work waits for the browser's first
screen, and the report warm-up leaves the export only what changed."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from uihelpers import one, visit

from erfakit.core.model import PartId
from erfakit.handouts import export_report_html
from erfakit.ui.app import PREBUILD_AFTER_TYPING_S, MeetingApp
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


def test_while_the_tovholder_types_the_kernel_builds_no_part_and_builds_them_in_her_pause(app: MeetingApp) -> None:
    # A keystroke that arrives while a part is being built waits for the build: under load that was
    # a second or more (benchmarks/browser_keystroke_to_disk.py). The builds wait for a pause.
    screen = app.show_part(PartId.VELKOMMEN)
    field = one(screen, "erfakit-since-drift")

    async def meeting() -> tuple[set[PartId], set[PartId]]:
        app.prebuild_soon(delay=600)
        app._shown.fire()
        typing_until = time.monotonic() + PREBUILD_AFTER_TYPING_S + 2.0
        while time.monotonic() < typing_until:  # a keystroke every 0.2 s
            field.value += "x"
            await asyncio.sleep(0.2)
        while_typing = set(app._built)
        deadline = time.monotonic() + 120
        while len(app._built) < len(app.navigation.parts) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        return while_typing, set(app._built)

    while_typing, after_pause = asyncio.run(meeting())
    assert while_typing == {PartId.VELKOMMEN}, "a part was built while the tovholder was typing"
    assert after_pause == set(app.navigation.parts), "the parts were not built in the pause"


def test_the_report_warm_up_waits_while_the_tovholder_types_and_draws_in_her_pause(app: MeetingApp) -> None:
    # The warm-up thread holds the interpreter for up to a second per step (an import, a chart); a
    # keystroke that came meanwhile waited for it. It now works in her pauses, one step at a time.
    from erfakit.handouts import prepare_report
    from erfakit.io.meeting_file.document import load_session
    from erfakit.report import figures

    prepare_report(app.path, lang="da")  # imports done: without the pauses, charts would come in a second
    figures._CACHE.clear()
    keys = [key for key, _draw, _args in figures.chart_tasks(load_session(app.path), "da")]
    assert keys, "the prepared meeting has charts to draw"
    field = one(app.show_part(PartId.VELKOMMEN), "erfakit-since-drift")
    field.value = "Første tastetryk"
    app._warm_up_report()
    typing_until = time.monotonic() + PREBUILD_AFTER_TYPING_S + 3.0
    while time.monotonic() < typing_until:
        field.value += "x"
        time.sleep(0.2)
    assert not any(key in figures._CACHE for key in keys), "a chart was drawn while the tovholder typed"
    assert app._warmer.wait(120), "the warm-up did not finish in the pause"
    assert all(key in figures._CACHE for key in keys)


def test_during_an_export_the_warm_up_goes_on_without_waiting_for_a_pause(app: MeetingApp) -> None:
    # The export runs in the kernel's main thread (no keystroke is answered meanwhile) and waits for
    # the chart the warm-up is drawing: the warm-up must not sit out a typing pause then.
    one(app.show_part(PartId.VELKOMMEN), "erfakit-since-drift").value = "Lige skrevet"
    started = time.monotonic()
    app.ctx.exporting.set()
    try:
        app._wait_for_pause()
    finally:
        app.ctx.exporting.clear()
    assert time.monotonic() - started < 0.5
    started = time.monotonic()
    app._wait_for_pause()  # no export: it waits for the pause after the keystroke
    assert time.monotonic() - started > 0.5


def test_the_warm_up_draws_one_chart_per_step(meeting_path: Path) -> None:
    from erfakit.handouts import prepare_report
    from erfakit.report import figures

    figures._CACHE.clear()
    drawn: list[int] = []
    prepare_report(meeting_path, lang="da", between_steps=lambda: drawn.append(len(figures._CACHE)))
    assert drawn[-1] == len(figures._CACHE) > 1
    assert all(later - earlier <= 1 for earlier, later in zip(drawn, drawn[1:], strict=False)), drawn


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
