"""The built wheel carries the notebooks and the demo data: `erfakit demo` and `erfakit lab` work
from an installed package, outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the checkout with only the built wheel of erfakit.

    Its dependencies come from this test environment through a path entry, so the test needs no
    download beyond the build backend; the editable install of the checkout is not visible there.
    """
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = next((work / "dist").glob("erfakit-*.whl"))
    environment = work / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return environment


def _run(environment: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    # The borrowed dependencies keep their data files (nbconvert's templates) under this prefix.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return subprocess.run(
        [str(environment / "bin" / "erfakit"), *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path):
    python = installed / "bin" / "python"
    where = subprocess.run(
        [str(python), "-c", "import erfakit.resources as r; print(r.bundled_dir('notebooks'))"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert str(installed) in where, where
    assert (Path(where) / "moede.ipynb").is_file()


def test_erfakit_demo_runs_from_the_wheel_outside_the_checkout(installed: Path, tmp_path: Path):
    result = _run(installed, "demo", "-o", "demo", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    meeting_file = tmp_path / "demo" / "demo-moede.json"
    assert meeting_file.is_file()
    assert str(meeting_file.relative_to(tmp_path)) in result.stdout


def test_erfakit_lab_finds_the_meeting_notebook_from_the_wheel(installed: Path, tmp_path: Path):
    assert _run(installed, "demo", "--tom", "-o", ".", cwd=tmp_path).returncode == 0
    result = _run(installed, "lab", "demo-moede.json", "--kun-forbered", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    notebook = tmp_path / "demo-moede-moede.ipynb"
    assert "session_path = 'demo-moede.json'" in notebook.read_text(encoding="utf-8")
