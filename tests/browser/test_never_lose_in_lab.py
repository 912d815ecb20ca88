"""Never lose a word in JupyterLab: the kernel is killed while the tovholder types in three parts; she
goes on typing, the banner says so within 2 s, and after JupyterLab's restart every character is in
the meeting file. A save that hangs (the kernel alive, the disk not answering) shows as not saved
within 3 s. SIGTERM to `erfakit lab` just after a keystroke keeps it and leaves no process."""

from __future__ import annotations

import signal
import time

import meetingpage as m
import nbformat
import neverlose as n
import psutil
import pytest
from labpage import assert_no_error_output, kernel_id_of, kernel_pid, open_notebook, restart_after_crash, run_all_cells
from playwright.sync_api import expect
from test_meeting_in_lab import prepare_meeting

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_typing_across_a_killed_kernel_in_jupyterlab_loses_nothing(page, lab_server, lab_folder, screenshots):
    import os

    session_path, notebook = prepare_meeting(lab_folder)
    relative = notebook.relative_to(lab_server.root).as_posix()
    open_notebook(page, lab_server, relative)
    run_all_cells(page)
    assert_no_error_output(page)
    expect(page.locator(".erfakit-save-state")).to_contain_text("Alt er gemt", timeout=m.UI_TIMEOUT_MS)

    fields = n.fields_to_type()
    pid = kernel_pid(kernel_id_of(lab_server, relative))
    killed_at = n.type_across_a_kill(page, lambda: os.kill(pid, signal.SIGKILL), fields)
    n.assert_banner_and_no_saved_claim(page, killed_at)
    m.shoot(page, screenshots, "lab-10-kernel-killed-banner")

    # JupyterLab starts a new kernel; the notebook is run again as after any restart.
    restart_after_crash(page, lab_server, relative, pid)
    assert_no_error_output(page)
    m.assert_no_bug_shown(page)
    n.assert_every_character_in_file(session_path, fields)
    expect(page.locator(".erfakit-part-ovelse3 .erfakit-topics-meet-about textarea")).to_have_value(fields[-1].text)
    expect(page.locator(".erfakit-connection-banner")).to_be_hidden()
    m.shoot(page, screenshots, "lab-11-after-restart-restored")


# A disk that hangs: the save is scheduled, never done and never refused. Added as the notebook's
# last cell, after the meeting is open (the kernel is real; only its saving is stopped).
HANGING_DISK = (
    "from erfakit.ui.autosave import Autosaver\n"
    "Autosaver._schedule = lambda self, seconds: None  # the test's hanging disk"
)


def test_a_save_that_hangs_shows_as_not_saved_within_3_s(page, lab_server, lab_folder, screenshots):
    session_path, notebook = prepare_meeting(lab_folder)
    book = nbformat.read(notebook, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell(HANGING_DISK))
    nbformat.write(book, notebook)
    relative = notebook.relative_to(lab_server.root).as_posix()
    open_notebook(page, lab_server, relative)
    run_all_cells(page)
    assert_no_error_output(page)
    state = page.locator(".erfakit-save-state")
    expect(state).to_contain_text("Alt er gemt", timeout=m.UI_TIMEOUT_MS)

    screen = m.go_to(page, "velkommen")
    n.type_like_a_person(page, screen.locator(".erfakit-since-drift textarea"), "Skrevet, men aldrig gemt.")
    typed_at = time.monotonic()
    # The kernel is alive and answers every ping, and it says "Gemmer …": the page must not believe it.
    expect(state).to_contain_text("IKKE GEMT", timeout=5_000)
    took = time.monotonic() - typed_at
    assert took <= 3.5, f"the hanging save showed as not saved only after {took:.1f} s"
    assert not any(word in state.inner_text() for word in n.SAVED_WORDS)
    expect(page.locator(".erfakit-connection-banner")).to_be_hidden()  # the connection is fine
    m.shoot(page, screenshots, "lab-12-hanging-save-not-saved", page.locator(".erfakit-header"), above=10)


def test_sigterm_to_erfakit_lab_just_after_a_keystroke_keeps_it_and_leaves_no_process(page, start_lab, tmp_path):
    from erfakit.demo import prepare_demo

    session_path = prepare_demo(tmp_path / "lab-sigterm", filled=False)
    lab = start_lab(session_path)
    page.goto(lab.page_url)
    field = page.locator(".erfakit-since-udlejning textarea")
    expect(field).to_be_visible(timeout=180_000)  # erfakit lab runs the notebook once the kernel answers
    expect(page.locator(".erfakit-save-state")).to_contain_text("Alt er gemt", timeout=m.UI_TIMEOUT_MS)
    kit = psutil.Process(lab.process.pid)
    family = [kit, *kit.children(recursive=True)]
    assert any("ipykernel" in " ".join(process.cmdline()) for process in family), "erfakit lab runs no kernel"
    n.wait_until_settled(page, session_path)
    words = "Sidste ord, før erfakit lab blev stoppet."
    n.type_like_a_person(page, field, words)
    time.sleep(0.1)  # inside the autosaver's 0.25 s delay
    kit.send_signal(signal.SIGTERM)  # the erfakit process only, as `kill` or a logout does
    _gone, alive = psutil.wait_procs(family, timeout=10)
    assert not alive, f"left running 10 s after SIGTERM: {[(p.pid, p.name()) for p in alive]}"
    m.wait_for_file(
        session_path,
        lambda s: s.since_last.get("udlejning") == words,
        "the keystroke typed 0.1 s before erfakit lab got SIGTERM",
    )
