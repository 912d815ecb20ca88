"""Time from kernel start to the meeting's first form shown, against a bare scientific import.

Each run starts a fresh Python kernel (as opening the notebook does) and executes:
  baseline: ``import pandas, matplotlib.pyplot, ipywidgets``
  erfakit:  the meeting notebook's first cells: ``open_meeting(...)``, ``app.show_header()`` and
            ``app.show_part("velkommen")`` (the first form), on the demo meeting file.
Both are timed from the kernel's start to the moment the last result (for erfakit, the Velkommen
form's widget view) has arrived. Runs alternate, so a busy machine slows both alike.

Run: ``.venv/bin/python benchmarks/first_form.py [runs]``. Target: ratio ≤ 1.3.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

TARGET_RATIO = 1.3
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

BASELINE = "import pandas, matplotlib.pyplot, ipywidgets"


def erfakit_code(session_path: Path) -> str:
    """The meeting notebook's cells up to the first form, as one execution."""
    return (
        f"session_path = {str(session_path)!r}\nlang = 'da'\n"
        "from erfakit.ui import open_meeting\n"
        "app = open_meeting(session_path, lang=lang)\n"
        "display(app.show_header())\n"
        "display(app.show_part('velkommen'))\n"
        "app.close()\n"
    )


def time_to_result(code: str, *, expect_views: int, workdir: Path) -> float:
    """Seconds from starting a kernel to ``code`` having run and shown ``expect_views`` widgets."""
    start = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(workdir))
    try:
        views = 0
        errors: list[str] = []

        def collect(message: dict) -> None:
            nonlocal views
            content = message["content"]
            if message["msg_type"] in ("display_data", "execute_result") and WIDGET_VIEW in content.get("data", {}):
                views += 1
            if message["msg_type"] == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")

        client.execute_interactive(code, timeout=120, output_hook=collect)
        elapsed = time.perf_counter() - start
        if errors or views < expect_views:
            raise RuntimeError(f"the code did not show its forms: {errors or views}")
        return elapsed
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main(runs: int = 5) -> int:
    """Measure, print medians and the ratio, and whether the target is met."""
    from erfakit.demo import prepare_demo

    with tempfile.TemporaryDirectory(prefix="erfakit-bench-") as folder:
        workdir = Path(folder)
        session_path = prepare_demo(workdir, filled=True)
        # One untimed run of each warms the disk cache (both sides alike).
        time_to_result(BASELINE, expect_views=0, workdir=workdir)
        time_to_result(erfakit_code(session_path), expect_views=2, workdir=workdir)
        baseline, meeting = [], []
        for _ in range(runs):
            baseline.append(time_to_result(BASELINE, expect_views=0, workdir=workdir))
            meeting.append(time_to_result(erfakit_code(session_path), expect_views=2, workdir=workdir))
    base, ours = statistics.median(baseline), statistics.median(meeting)
    ratio = ours / base
    print(f"kernel start + {BASELINE!r}: median {base:.2f} s over {runs} runs")
    print(f"kernel start + first meeting form (header + Velkommen): median {ours:.2f} s over {runs} runs")
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print(f"ratio {ratio:.2f} (target ≤ {TARGET_RATIO}): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
