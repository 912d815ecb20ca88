"""The report as a user makes it: `erfakit report` as a command, and the report notebook executed by
a real kernel through `jupyter nbconvert`, which must give the same sections as the fast path."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from erfakit.core.formatting import format_date
from erfakit.demo import prepare_demo
from erfakit.io.meeting_file.document import load_session
from erfakit.io.notebooks import parameterize_notebook, write_notebook
from erfakit.report.render import TEMPLATES_DIR, report_notebook_path

BIN = Path(sys.executable).parent


def isolated_env(home: Path) -> dict[str, str]:
    """The environment with Jupyter, IPython and matplotlib kept inside `home`, the venv first on PATH."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def main_part(document: str) -> str:
    """What the sections displayed: the document's <main> element."""
    return document[document.index("<main>") : document.index("</main>")]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return prepare_demo(tmp_path_factory.mktemp("demo"), filled=True)


def test_erfakit_report_command_writes_the_full_report(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "referat.html"
    result = subprocess.run(
        [str(BIN / "erfakit"), "report", str(demo), "-o", str(out)],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"Referat (HTML): {out}" in result.stdout
    assert "Traceback" not in result.stderr
    report = out.read_text(encoding="utf-8")
    session = load_session(demo)
    for value in [*session.answers.values(), *(a.text for a in session.agreements)]:
        assert html.escape(value.strip(), quote=False) in report
    for planned in session.plan.dates:
        assert format_date(planned.date, "da", weekday=True) in report
    assert "<script" not in report.lower()


def test_erfakit_report_alt_writes_action_list_calendar_and_next_file(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ud" / "referat.html"
    result = subprocess.run(
        [str(BIN / "erfakit"), "report", str(demo), "-o", str(out), "--alt"],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path / "home"),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in out.parent.iterdir() if not path.name.startswith("."))
    assert names == [
        "aftaler-afdeling-7-laerkeparken-2026-12-03.csv",
        "aftaler-afdeling-7-laerkeparken-2026-12-03.xlsx",
        "moedeplan-afdeling-7-laerkeparken-2026-12-03.ics",
        "naeste-moede-afdeling-7-laerkeparken-2027-01-14.json",
        "referat.html",
    ]
    for label in ("Aftaleliste (Excel)", "Aftaleliste (CSV)", "Mødeplan (kalender)", "Næste mødefil"):
        assert label in result.stdout


def test_erfakit_report_on_a_broken_file_says_so_in_danish(tmp_path: Path) -> None:
    broken = tmp_path / "moede.json"
    broken.write_text('{"schema_version": 1, "meeting": {', encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "erfakit"), "report", str(broken)],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path / "home"),
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(broken) in result.stderr


@pytest.mark.kernel
def test_executing_the_report_notebook_gives_the_same_sections(demo: Path, tmp_path: Path) -> None:
    from erfakit.handouts import export_report_html

    notebook = tmp_path / "rapport.ipynb"
    write_notebook(parameterize_notebook(report_notebook_path(), {"session_path": str(demo), "lang": None}), notebook)
    result = subprocess.run(
        [
            str(BIN / "jupyter"),
            "nbconvert",
            "--execute",
            "--to",
            "html",
            "--template",
            "erfakit",
            f"--TemplateExporter.extra_template_basedirs={TEMPLATES_DIR}",
            str(notebook),
        ],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path / "home"),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    executed = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    fast = export_report_html(demo, tmp_path / "fast.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="[^"]*" id="erfa-([a-z0-9]+)"', main_part(executed))
    assert sections == ["forside", "velkommen", "ovelse1", "sammensaetning", "ovelse1c", "ovelse2", "ovelse3"]
    assert main_part(executed) == main_part(fast)
    assert "<script" not in executed.lower()
    assert "show_section" not in executed


def test_erfakit_demo_builds_both_meetings_outputs_and_the_register_and_prints_the_paths(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    result = subprocess.run(
        [str(BIN / "erfakit"), "demo", "-o", str(folder)],
        capture_output=True,
        text=True,
        env=isolated_env(tmp_path / "home"),
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed = [Path(rest) for line in result.stdout.splitlines() if (rest := line.partition(": ")[2]).startswith("/")]
    assert all(path.is_file() for path in printed), result.stdout
    # The fourth meeting (its file and five outputs), the first koordinationsmøde held in its next file
    # (that file and its five outputs) and the register of agreements over the three meeting files.
    outputs = [".html", ".xlsx", ".csv", ".ics", ".json"]
    assert [path.suffix for path in printed] == [".json", *outputs, ".json", *outputs, ".xlsx", ".html"], result.stdout
    fourth, koordination = printed[0], printed[6]
    assert printed[5] == koordination and fourth.name == "demo-moede.json"
    assert len({path for path in printed if path.suffix == ".json"}) == 3
    assert "Aftaleregister – mødefiler: 3, afdelinger: 1, aftaler og projekter: 14." in result.stdout
