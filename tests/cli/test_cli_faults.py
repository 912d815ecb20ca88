"""No traceback, ever: every command over bad arguments and bad file states.

Each case runs the installed command line in a fresh process and checks:

- the exit code (2 when the command cannot do its job; 0 where the kit rightly carries on, e.g. a
  garbled lock file is stale and replaced, and ``restore`` is the way back from a broken file),
- no "Traceback" in the output, and a Danish message on standard error when it refuses,
- the meeting file unchanged (bytes identical) when it refuses, and no temporary file left behind.

How the bad states are made for real, although the tests run as root:

- The commands run as root *without capabilities* (``setpriv --bounding-set=-all --inh-caps=-all``):
  the kernel then checks permission bits as for any ordinary user, so a folder with mode 0555 is
  read-only to the command and a file owned by another uid (4242, unused) with mode 0600 cannot be
  read. Without root (or setpriv) those cases are skipped, saying so.
- A full disk is a 512 kB tmpfs filled to the last byte (the `small_disk` fixture; root only).
- Garbage and folders in place of the lock or meeting file, deep JSON, huge integers, NaN and
  Infinity, 300 versions stamped in the future are files the test writes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from erfakit.core.model import Meeting, MeetingPlan, PlannedMeeting, Session
from erfakit.io.meeting_file import history
from erfakit.io.meeting_file.document import save_session

FOREIGN_UID = 4242
SETPRIV = shutil.which("setpriv")
CAN_DROP_PRIVILEGES = hasattr(os, "geteuid") and os.geteuid() == 0 and SETPRIV is not None
DANISH = re.compile(r"[æøåÆØÅ]|\b(ikke|kan|fejl|filen|mappen|mangler|findes|skal|brug)\b")
ERFAKIT = [sys.executable, "-m", "erfakit"]


@dataclass(frozen=True)
class State:
    """A bad state of the folder holding ``moede.json``; ``make`` builds it and returns the file."""

    name: str
    make: Callable[[Path, pytest.FixtureRequest], Path]
    privileged: bool = False
    """Needs root to build (chown, mount) and a command without capabilities to be felt."""


def meeting() -> Session:
    return Session(
        meeting=Meeting(afdeling="Afdeling 3 – Fejlparken", date=dt.date(2026, 12, 3)),
        plan=MeetingPlan(dates=[PlannedMeeting(date=dt.date(2027, 1, 14))]),
    )


def good_file(folder: Path) -> Path:
    """A meeting file with three versions, one of them older than the retention period."""
    path = folder / "moede.json"
    save_session(meeting(), path)
    content = path.read_bytes()
    for stamp in (dt.datetime(2026, 1, 5, 10), dt.datetime(2026, 12, 3, 14), dt.datetime(2026, 12, 3, 15)):
        history.record(path, content, force=True, now=stamp)
    return path


def read_only_folder(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = good_file(folder)
    folder.chmod(0o555)
    request.addfinalizer(lambda: folder.chmod(0o755))
    return path


def unreadable_meeting_file(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = good_file(folder)
    os.chown(path, FOREIGN_UID, FOREIGN_UID)
    path.chmod(0o600)
    return path


def foreign_versions_folder(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = good_file(folder)
    os.chown(history.history_dir(path), FOREIGN_UID, FOREIGN_UID)
    return path


def versions_folder_is_a_link(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = folder / "moede.json"
    save_session(meeting(), path)
    elsewhere = folder / "andet"
    elsewhere.mkdir()
    for name in ("regnskab.json", "20260101T000000000000.json"):
        (elsewhere / name).write_text("{}", encoding="utf-8")
    shutil.rmtree(history.history_dir(path))
    history.history_dir(path).symlink_to(elsewhere)
    return path


def foreign_unreadable_lock(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = good_file(folder)
    lock = folder / ".moede.json.laas"
    lock.write_text('{"pid": 1, "host": "anden-pc", "user": "eva", "since": "2026-12-03T13:00:00"}')
    os.chown(lock, FOREIGN_UID, FOREIGN_UID)
    lock.chmod(0o600)
    return path


def lock_is_a_folder(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = good_file(folder)
    (folder / ".moede.json.laas").mkdir()
    return path


def garbage_lock(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = good_file(folder)
    (folder / ".moede.json.laas").write_bytes(b"\x00\xff{pid: " + os.urandom(64) + b"[" * 5000)
    return path


def meeting_file_is_a_folder(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = folder / "moede.json"
    path.mkdir()
    return path


def broken_file(content: str) -> Callable[[Path, pytest.FixtureRequest], Path]:
    def make(folder: Path, request: pytest.FixtureRequest) -> Path:
        path = good_file(folder)
        path.write_text(content, encoding="utf-8")
        return path

    return make


def full_disk(folder: Path, request: pytest.FixtureRequest) -> Path:
    disk = request.getfixturevalue("small_disk")
    path = good_file(disk.folder)
    disk.fill()
    return path


def future_versions(folder: Path, request: pytest.FixtureRequest) -> Path:
    path = folder / "moede.json"
    save_session(meeting(), path)
    content = path.read_bytes()
    start = dt.datetime.now() + dt.timedelta(days=3)
    for minute in range(310):
        history.record(path, content, force=True, now=start + dt.timedelta(minutes=minute))
    return path


DEEP = '{"schema_version": 1, "meeting": ' + "[" * 100_000 + "]" * 100_000 + "}"
SHALLOW_DEEP = '{"schema_version": 1, "meeting": ' + "[" * 200 + "]" * 200 + "}"
HUGE = '{"schema_version": 1, "meeting": {"afdeling": "A", "date": "2026-12-03", "duration_minutes": ' + "9" * 5000
HUGE += "}}"
INFINITE = '{"schema_version": 1, "meeting": {"afdeling": "A", "date": "2026-12-03"}, "agenda": {"velkommen": 1e400}}'
NAN = '{"schema_version": 1, "meeting": {"afdeling": "A", "date": "2026-12-03"}, "agenda": {"velkommen": NaN}}'

STATES = {
    "read-only folder": State("read-only folder", read_only_folder, privileged=True),
    "meeting file of another user": State("meeting file of another user", unreadable_meeting_file, privileged=True),
    "versions folder of another user": State("versions folder of another user", foreign_versions_folder, True),
    "versions folder is a link": State("versions folder is a link", versions_folder_is_a_link),
    "lock file of another user": State("lock file of another user", foreign_unreadable_lock, privileged=True),
    "lock file is a folder": State("lock file is a folder", lock_is_a_folder),
    "garbage lock file": State("garbage lock file", garbage_lock),
    "meeting file is a folder": State("meeting file is a folder", meeting_file_is_a_folder),
    "deep JSON": State("deep JSON", broken_file(DEEP)),
    "deep JSON within the parser": State("deep JSON within the parser", broken_file(SHALLOW_DEEP)),
    "huge integer": State("huge integer", broken_file(HUGE)),
    "Infinity": State("Infinity", broken_file(INFINITE)),
    "NaN": State("NaN", broken_file(NAN)),
    "full disk": State("full disk", full_disk, privileged=True),
    "310 versions stamped in the future": State("310 versions stamped in the future", future_versions),
}

COMMANDS = {
    "show": ["show", "{file}"],
    "history": ["history", "{file}"],
    "history --ryd": ["history", "{file}", "--ryd"],
    "restore": ["restore", "{file}", "1"],
    "report": ["report", "{file}"],
    "report --alt": ["report", "{file}", "--alt"],
    "lab": ["lab", "{file}", "--kun-forbered"],
    "app": ["app", "{file}", "--no-browser", "--port", "1"],
    "new --overskriv": ["new", "{file}", "--afdeling", "Ny", "--dato", "3.12.2026", "--overskriv"],
    "new": ["new", "{folder}/ny.json", "--afdeling", "Ny", "--dato", "3.12.2026"],
    "demo": ["demo", "--tom", "-o", "{folder}/demo"],
}

OK, REFUSED, SKIP = 0, 2, None
BROKEN = {"show": 2, "history": 0, "history --ryd": 2, "restore": 0, "report": 2, "report --alt": 2, "lab": 2}
BROKEN |= {"app": 2, "new --overskriv": 0, "new": 0, "demo": SKIP}
"""A meeting file that does not load: every reader refuses; restore and new --overskriv are the way back."""
FINE = dict.fromkeys(COMMANDS, OK) | {"app": SKIP, "demo": SKIP}
"""Where the kit rightly carries on (app would start a server: not run)."""

EXPECTED: dict[str, dict[str, int | None]] = {
    "read-only folder": FINE
    | {"restore": 2, "report": 2, "report --alt": 2, "lab": 2, "app": 2}
    | {"new --overskriv": 2, "new": 2, "demo": 2},
    "meeting file of another user": dict.fromkeys(COMMANDS, REFUSED) | {"history": 0, "new": 0, "demo": SKIP},
    "versions folder of another user": FINE | {"history": 2, "history --ryd": 2, "restore": 2, "new --overskriv": 2},
    "versions folder is a link": FINE | {"history": 2, "history --ryd": 2, "restore": 2, "new --overskriv": 2},
    "lock file of another user": FINE | {"restore": 2, "new --overskriv": 2},
    "lock file is a folder": FINE | {"restore": 2, "new --overskriv": 2},
    "garbage lock file": FINE,
    "meeting file is a folder": dict.fromkeys(COMMANDS, REFUSED) | {"history": 0, "new": 0, "demo": SKIP},
    "deep JSON": BROKEN,
    "deep JSON within the parser": BROKEN,
    "huge integer": BROKEN,
    "Infinity": BROKEN,
    "NaN": BROKEN,
    "full disk": FINE
    | {"restore": 2, "report": 2, "report --alt": 2, "lab": 2, "app": 2}
    | {"new --overskriv": 2, "new": 2, "demo": 2},
    "310 versions stamped in the future": FINE,
}

STATE_CASES = [(state, command) for state in STATES for command in COMMANDS if EXPECTED[state][command] is not SKIP]

ARGUMENT_CASES: list[tuple[str, list[str], int]] = [
    ("no command", ["ukendt"], 2),
    ("unknown language", ["--sprog", "xx", "show", "{file}"], 2),
    ("new without arguments", ["new"], 2),
    ("new --varighed 5", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "--varighed", "5"], 2),
    ("new --varighed 601", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "--varighed", "601"], 2),
    ("new --varighed x", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "--varighed", "x"], 2),
    ("new --varighed 10^5000", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "--varighed", "9" * 5000], 2),
    ("new bad date", ["new", "{new}", "--afdeling", "A", "--dato", "32.13.2026"], 2),
    ("new bad time", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "--tid", "25:99"], 2),
    ("new bad function", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "-d", "Ledelse:Eva"], 2),
    ("new missing data file", ["new", "{new}", "--afdeling", "A", "--dato", "3.12.2026", "--beboere", "nej.csv"], 2),
    ("new over existing", ["new", "{file}", "--afdeling", "A", "--dato", "3.12.2026"], 2),
    ("new into a file as folder", ["new", "{file}/x.json", "--afdeling", "A", "--dato", "3.12.2026"], 2),
    ("show without file", ["show"], 2),
    ("show missing file", ["show", "{new}"], 2),
    ("show unknown option", ["show", "{file}", "--ukendt"], 2),
    ("history --dage x", ["history", "{file}", "--ryd", "--dage", "x"], 2),
    ("history --dage -1", ["history", "{file}", "--ryd", "--dage", "-1"], 2),
    ("history --ryd of a missing file", ["history", "{new}", "--ryd"], 2),
    ("restore without version", ["restore", "{file}"], 2),
    ("restore unknown version", ["restore", "{file}", "99"], 2),
    ("restore unknown name", ["restore", "{file}", "abc"], 2),
    ("restore missing file", ["restore", "{new}", "1"], 2),
    ("report without file", ["report"], 2),
    ("report missing file", ["report", "{new}"], 2),
    ("report into /proc", ["report", "{file}", "-o", "/proc/referat.html"], 2),
    ("report into a file as folder", ["report", "{file}", "-o", "{file}/referat.html"], 2),
    ("lab missing file", ["lab", "{new}", "--kun-forbered"], 2),
    ("app missing file", ["app", "{new}", "--no-browser"], 2),
    ("app --port x", ["app", "{file}", "--port", "x"], 2),
    ("check without file", ["check"], 2),
    ("check missing file", ["check", "nej.csv"], 2),
    ("check a folder", ["check", "{folder}"], 2),
    ("check the meeting file", ["check", "{file}"], 2),
    ("demo into a file", ["demo", "-o", "{file}"], 2),
    ("demo into /proc", ["demo", "-o", "/proc/erfakit-demo"], 2),
]


def run_cli(arguments: list[str], folder: Path, *, unprivileged: bool) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh process; without capabilities where that is possible."""
    prefix = [SETPRIV, "--bounding-set=-all", "--inh-caps=-all", "--"] if unprivileged and CAN_DROP_PRIVILEGES else []
    environment = {
        **os.environ,
        "HOME": str(folder.parent / "hjem"),
        "XDG_STATE_HOME": str(folder.parent / "hjem" / "state"),
        "MPLCONFIGDIR": str(folder.parent / "mpl"),
        "ERFAKIT_SPROG": "da",
    }
    return subprocess.run(
        [*prefix, *ERFAKIT, *arguments],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        cwd=folder,
        env=environment,
        timeout=300,
        check=False,
    )


def snapshot(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def assert_outcome(result: subprocess.CompletedProcess[str], expected: int, before: bytes | None, path: Path) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == expected, output
    if expected == 2:
        assert DANISH.search(result.stderr), f"a Danish message: {result.stderr!r}"
        assert snapshot(path) == before, "the meeting file is unchanged"
    leftovers = [p for p in path.parent.rglob("*.tmp")] if path.parent.exists() else []
    assert not leftovers, f"temporary files left: {leftovers}"


def test_fault_matrix_size(capsys) -> None:
    with capsys.disabled():
        total = len(STATE_CASES) + len(ARGUMENT_CASES)
        states, arguments = len(STATE_CASES), len(ARGUMENT_CASES)
        print(f"\nCLI fault cases: {states} file states × commands + {arguments} bad arguments = {total}")
    assert len(STATE_CASES) > 100


@pytest.mark.slow
@pytest.mark.parametrize(("state", "command"), STATE_CASES, ids=[f"{s} / {c}" for s, c in STATE_CASES])
def test_a_command_in_a_bad_file_state_exits_cleanly(state: str, command: str, tmp_path: Path, request) -> None:
    case = STATES[state]
    if case.privileged and not CAN_DROP_PRIVILEGES:
        pytest.skip("needs root and setpriv to make the state and run the command without root's privileges")
    folder = tmp_path / "moede"
    folder.mkdir()
    path = case.make(folder, request)
    before = snapshot(path)
    arguments = [part.format(file=path, folder=path.parent) for part in COMMANDS[command]]
    result = run_cli(arguments, path.parent, unprivileged=True)
    assert_outcome(result, EXPECTED[state][command], before, path)
    if state == "versions folder is a link":
        assert sorted(p.name for p in (folder / "andet").iterdir()) == ["20260101T000000000000.json", "regnskab.json"]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "arguments", "expected"), ARGUMENT_CASES, ids=[c[0] for c in ARGUMENT_CASES])
def test_a_command_with_bad_arguments_exits_cleanly(name: str, arguments: list[str], expected: int, tmp_path: Path):
    folder = tmp_path / "moede"
    folder.mkdir()
    path = good_file(folder)
    before = snapshot(path)
    values = {"file": path, "new": folder / "ny.json", "folder": folder}
    result = run_cli([part.format(**values) for part in arguments], folder, unprivileged=True)
    assert_outcome(result, expected, before, path)
    assert not (folder / "ny.json").exists(), "nothing is written for a refused command"


def test_an_unexpected_error_is_one_danish_sentence_and_a_private_log(tmp_path: Path) -> None:
    # A bug stands in for every unexpected error: the report's renderer is replaced by one that fails.
    folder = tmp_path / "moede"
    folder.mkdir()
    path = good_file(folder)
    script = (
        "import sys, erfakit.handouts as h\n"
        "def broken(*a, **k): raise ZeroDivisionError('en fejl i erfakit')\n"
        "h.write_report_html = broken\n"
        "from erfakit.cli import main\n"
        f"sys.exit(main(['report', {str(path)!r}]))\n"
    )
    environment = {**os.environ, "HOME": str(tmp_path / "hjem"), "XDG_STATE_HOME": str(tmp_path / "state")}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert "uventet fejl (ZeroDivisionError)" in result.stderr and "Dine filer er som før" in result.stderr
    log = Path(re.search(r"står i (\S+\.log)", result.stderr).group(1))  # type: ignore[union-attr]
    assert log.is_relative_to(tmp_path / "state")
    assert "Traceback" in log.read_text(encoding="utf-8") and "en fejl i erfakit" in log.read_text(encoding="utf-8")
    assert oct(log.stat().st_mode & 0o777) == "0o600", "a traceback may quote the meeting: the user's eyes only"
