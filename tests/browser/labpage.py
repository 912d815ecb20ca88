"""Drive a notebook in JupyterLab the way a person does, plus the few server calls a person can't make.

Everything typed goes through the page (Playwright locators). The server is asked only to find
the kernel's process (to kill it like a crash would) and for nothing else.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect
from servers import Server

KERNEL_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000

# The page's JavaScript asks the running kernel for its info and reports whether it answered.
_KERNEL_ANSWERS_JS = """
async () => {
  const widget = window.jupyterapp.shell.currentWidget;
  const kernel = widget?.sessionContext?.session?.kernel;
  if (!kernel) { return false; }
  try {
    await Promise.race([
      kernel.requestKernelInfo(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 5000)),
    ]);
    return kernel.status === "idle" || kernel.status === "busy";
  } catch (error) {
    return false;
  }
}
"""

_CLEAR_ALL_JS = 'async () => { await window.jupyterapp.commands.execute("notebook:clear-all-cell-outputs"); }'
NOTEBOOK = "#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
"""The notebook in the visible tab (other tabs' notebooks stay in the DOM, hidden)."""

_RUN_ALL_JS = 'async () => { await window.jupyterapp.commands.execute("notebook:run-all-cells"); }'


def open_notebook(page: Page, lab: Server, relative_path: str) -> None:
    """Open a notebook in JupyterLab and wait for it to be shown with a kernel that answers."""
    # `reset` starts from an empty workspace: no tabs of earlier tests, whose notebook would
    # otherwise be the one run-all runs.
    page.goto(f"{lab.url}/lab/tree/{relative_path}?reset")
    wait_for_notebook(page, relative_path)


def wait_for_notebook(page: Page, relative_path: str) -> None:
    """Wait until the notebook is the current tab and its kernel answers (e.g. after a reload)."""
    expect(page.locator(NOTEBOOK)).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    page.wait_for_function(
        "path => window.jupyterapp?.shell?.currentWidget?.context?.path === path",
        arg=relative_path,
        timeout=KERNEL_TIMEOUT_MS,
    )
    wait_for_kernel(page)
    make_room(page)


def make_room(page: Page) -> None:
    """Collapse JupyterLab's side bars, as a tovholder does before putting the laptop on a projector."""
    page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")


def wait_for_kernel(page: Page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """Wait until the notebook's kernel answers a kernel-info request (idle is not enough)."""
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        if page.evaluate(_KERNEL_ANSWERS_JS):
            return
        page.wait_for_timeout(300)
    raise AssertionError("the notebook's kernel did not answer within the time limit")


_EXECUTION_COUNTS_JS = """
() => {
  const notebook = window.jupyterapp.shell.currentWidget?.content;
  if (!notebook) { return []; }
  return notebook.widgets.filter(cell => cell.model.type === "code").map(cell => cell.model.executionCount);
}
"""


def execution_counts(page: Page) -> list[int | None]:
    """Each code cell's execution count (None: not run since the last clear), from the notebook model.

    Read from the model, not the prompts: a cell whose input is hidden shows no prompt.
    """
    return page.evaluate(_EXECUTION_COUNTS_JS)


def run_all_cells(page: Page, *, attempts: int = 4) -> None:
    """Run every cell and wait until all have run; resend run-all if the first cell never started.

    On a fresh server a run-all sent right after the kernel turns idle is sometimes dropped, so
    the first code cell's execution count is the receipt.
    """
    for _attempt in range(attempts):
        wait_for_kernel(page)
        # Clearing resets every execution count, so any count seen afterwards is this run's, even
        # when a restarted kernel counts from 1 again.
        page.evaluate(_CLEAR_ALL_JS)
        page.evaluate(_RUN_ALL_JS)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            counts = execution_counts(page)
            if counts and counts[0] is not None:
                wait_until_executed(page)
                return
            page.wait_for_timeout(200)
    raise AssertionError(f"run-all did not start the first cell after {attempts} attempts")


def wait_until_executed(page: Page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until every code cell shows an execution count and the kernel is idle."""
    deadline = time.monotonic() + timeout_ms / 1000
    counts: list[int | None] = []
    while time.monotonic() < deadline:
        counts = execution_counts(page)
        if counts and all(count is not None for count in counts) and page.evaluate(_KERNEL_ANSWERS_JS):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"cells did not finish running; execution counts: {counts}")


def assert_no_error_output(page: Page) -> None:
    """Fail with the traceback text when a cell shows an error."""
    errors = page.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    if errors.count():
        raise AssertionError("a cell printed an error:\n" + "\n".join(errors.all_inner_texts()))


def kernel_id_of(lab: Server, notebook_relative_path: str) -> str:
    """The id of the kernel running the notebook at ``notebook_relative_path`` (from /api/sessions)."""
    with urllib.request.urlopen(f"{lab.url}/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        if session.get("path") == notebook_relative_path and session.get("kernel"):
            return session["kernel"]["id"]
    raise AssertionError(f"no kernel session for {notebook_relative_path}: {sessions}")


def kernel_pid(kernel_id: str) -> int:
    """The process id of the kernel whose command line names its connection file."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if f"kernel-{kernel_id}.json" in cmdline:
            return int(entry.name)
    raise AssertionError(f"no process found for kernel {kernel_id}")


def kill_kernel(lab: Server, notebook_relative_path: str) -> int:
    """SIGKILL the notebook's kernel process, as a crash would; returns the killed process id."""
    pid = kernel_pid(kernel_id_of(lab, notebook_relative_path))
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        # A zombie until the server reaps it; its state letter is Z.
        try:
            if " Z " in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]:
                break
        except OSError:
            break
        time.sleep(0.1)
    return pid


def dismiss_dialogs(page: Page, timeout_ms: int = 20_000) -> int:
    """Accept the dialogs JupyterLab shows (e.g. "Kernel Restarting"); returns how many."""
    dismissed = 0
    deadline = time.monotonic() + timeout_ms / 1000
    dialog = page.locator(".jp-Dialog")
    while time.monotonic() < deadline:
        if dialog.count():
            button = dialog.locator(".jp-Dialog-button.jp-mod-accept").first
            if button.count():
                button.click()
            else:
                page.keyboard.press("Escape")
            dismissed += 1
            page.wait_for_timeout(300)
            continue
        if dismissed:
            return dismissed
        page.wait_for_timeout(200)
    return dismissed


def restart_after_crash(page: Page, lab: Server, notebook_relative_path: str, old_pid: int) -> None:
    """Wait for the server to start a new kernel after a crash, dismiss Lab's dialog, run all again."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if kernel_pid(kernel_id_of(lab, notebook_relative_path)) != old_pid:
                break
        except AssertionError:
            pass
        time.sleep(0.3)
    else:
        raise AssertionError("the server did not restart the killed kernel within 60 s")
    dismiss_dialogs(page)
    run_all_cells(page)
