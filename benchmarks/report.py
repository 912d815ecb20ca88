"""How fast and how big the session report is, against what a plain nbconvert costs on this machine.

Run: ``.venv/bin/python benchmarks/report.py [--rounds N]``

1. ``erfakit report`` on the filled demo meeting, as a user runs it (a subprocess), against
   ``jupyter nbconvert --to html --execute`` of an empty notebook (a kernel start plus an export),
   measured alternately in the same run. Target: ratio ≤ 0.7. In the same rounds, the two speed
   tricks are each switched off once, so each shows what it is worth: the chart worker processes
   (``ERFAKIT_REPORT_WORKERS=0`` draws the charts in-process) and the import of nbconvert without
   the rfc3987 grammar (a launcher that imports ``rfc3987_syntax`` first, as any jsonschema user
   would, so erfakit's import has nothing left to skip).
2. ``export_all`` in a warm process, as the meeting notebook's "Eksportér rapport" button runs it in
   the meeting kernel, and the first click in a fresh process after `warm_up_report`.
   Target: ≤ 1 s to finished files.
3. The report's size with all charts. Target: ≤ 1 MB.
4. What importing nbconvert costs with and without the rfc3987 grammar (see erfakit/report/render.py).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def isolated_env(home: Path) -> dict[str, str]:
    """Keep Jupyter, IPython and matplotlib state inside `home`."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


CPU: list[float] = []
"""CPU seconds (user + system, the command and its children) of each `timed` run, in order."""


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of `command` (its CPU time goes to `CPU`); fails loudly if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return elapsed


WITH_RFC3987_GRAMMAR = (
    "import sys\n"
    "try:\n"
    "    import rfc3987_syntax  # noqa: F401 - built before erfakit can leave it out\n"
    "except ImportError:\n"
    "    pass\n"
    "from erfakit.cli import main\n"
    "sys.exit(main())\n"
)
"""`erfakit` as a launcher that has already paid for the rfc3987 grammar: erfakit without its trick."""


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import nbformat

    from erfakit.demo import prepare_demo

    with tempfile.TemporaryDirectory(prefix="erfakit-bench-") as folder:
        work = Path(folder)
        env = isolated_env(work / "home")
        demo = prepare_demo(work / "demo", filled=True)
        empty = work / "empty.ipynb"
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, str(empty))

        report_cmd = [str(BIN / "erfakit"), "report", str(demo), "-o", str(work / "referat.html")]
        floor_cmd = [
            str(BIN / "jupyter"),
            "nbconvert",
            "--to",
            "html",
            "--execute",
            str(empty),
            "--output-dir",
            str(work / "floor"),
        ]
        # One unmeasured run each: font caches, .pyc files and the kernel spec lookup are warmed up.
        timed(report_cmd, env)
        timed(floor_cmd, env)
        serial_env = {**env, "ERFAKIT_REPORT_WORKERS": "0"}
        grammar_cmd = [sys.executable, "-c", WITH_RFC3987_GRAMMAR, *report_cmd[1:]]
        report_times, floor_times, serial_times, grammar_times, report_cpu, floor_cpu = [], [], [], [], [], []
        for _ in range(args.rounds):
            report_times.append(timed(report_cmd, env))
            report_cpu.append(CPU[-1])
            floor_times.append(timed(floor_cmd, env))
            floor_cpu.append(CPU[-1])
            serial_times.append(timed(report_cmd, serial_env))
            grammar_times.append(timed(grammar_cmd, env))
        report_median = statistics.median(report_times)
        floor_median = statistics.median(floor_times)
        ratio = report_median / floor_median
        print(
            f"erfakit report (demo, subprocess)       median {report_median:.2f} s  "
            f"{[round(t, 2) for t in report_times]}"
        )
        print(
            f"nbconvert --execute of an empty notebook median {floor_median:.2f} s  "
            f"{[round(t, 2) for t in floor_times]}"
        )
        print(f"ratio report / empty nbconvert: {ratio:.2f}  (target <= 0.70: {verdict(ratio, 0.70)})")
        serial_median = statistics.median(serial_times)
        print(
            f"erfakit report with charts drawn in-process (ERFAKIT_REPORT_WORKERS=0): median {serial_median:.2f} s, "
            f"ratio {serial_median / floor_median:.2f}; the worker processes save "
            f"{serial_median - report_median:.2f} s ({1 - report_median / serial_median:.0%})"
        )
        grammar_median = statistics.median(grammar_times)
        print(
            f"erfakit report with the rfc3987 grammar built (no import trick): median {grammar_median:.2f} s, "
            f"ratio {grammar_median / floor_median:.2f}; the import trick saves "
            f"{grammar_median - report_median:.2f} s ({1 - report_median / grammar_median:.0%})"
        )
        cpu_ratio = statistics.median(report_cpu) / statistics.median(floor_cpu)
        print(
            f"CPU seconds (user+sys, with children): report {statistics.median(report_cpu):.2f}, "
            f"empty nbconvert {statistics.median(floor_cpu):.2f}, ratio {cpu_ratio:.2f}; "
            f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other work skews wall times)"
        )

        from erfakit.handouts import export_all

        start = time.perf_counter()
        export_all(demo, work / "button")
        first = time.perf_counter() - start
        button_times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            export_all(demo, work / "button")
            button_times.append(time.perf_counter() - start)
        button_median = statistics.median(button_times)
        print(
            f"export_all in this process: first call {first:.2f} s (imports, charts), "
            f"then median {button_median:.3f} s "
            f"(target <= 1 s: {verdict(button_median, 1.0)})"
        )
        # The meeting notebook calls warm_up_report when it opens; the first click then only renders.
        # A thread is started first, as a kernel has threads, so no chart workers are forked.
        probe = (
            "import sys, threading, time; threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
            "from erfakit.handouts import export_all, warm_up_report\n"
            "warm_up_report(sys.argv[1]).join()\n"
            "start = time.perf_counter(); export_all(sys.argv[1], sys.argv[2]); print(time.perf_counter() - start)\n"
        )
        clicks = []
        for _ in range(args.rounds):
            result = subprocess.run(
                [sys.executable, "-c", probe, str(demo), str(work / "click")],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            clicks.append(float(result.stdout.strip().splitlines()[-1]))
        click_median = statistics.median(clicks)
        print(
            f"first export_all click after warm_up_report in a fresh process: median {click_median:.3f} s "
            f"(target <= 1 s: {verdict(click_median, 1.0)})"
        )

        size = (work / "referat.html").stat().st_size
        print(f"report size with all charts: {size / 1_000_000:.2f} MB  (target <= 1 MB: {verdict(size, 1_000_000)})")

        plain = "import nbconvert.exporters.html"
        guarded = "from erfakit.report.render import _import_html_exporter; _import_html_exporter()"
        plain_times, guarded_times = [], []
        for _ in range(args.rounds):
            plain_times.append(timed([sys.executable, "-c", plain], env))
            guarded_times.append(timed([sys.executable, "-c", guarded], env))
        plain_median = statistics.median(plain_times)
        guarded_median = statistics.median(guarded_times)
        print(
            f"python -c 'import nbconvert.exporters.html': median {plain_median:.2f} s; "
            f"erfakit's import without the rfc3987 grammar: {guarded_median:.2f} s "
            f"(ratio {guarded_median / plain_median:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
