"""A process killed with SIGKILL in the middle of a stream of saves leaves a file that loads.

The child processes save as fast as they can and report each completed save on a pipe; the test
kills a child as soon as it has reported a random number (1–4) of saves, so the kill lands somewhere
in the next save. Nothing here runs on a clock: on a loaded machine the children are slower and the
test simply waits for them (with a generous deadline), so every kill interrupts a child that really
saves. The file must always load and hold the last reported save (or the one in flight, when the
kill came between the rename and the report).
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from erfakit.core.model import Session
from erfakit.io.meeting_file.document import load_session, save_session

FORKED_KILLS = 300
FRESH_INTERPRETER_KILLS = 8
DEADLINE_SECONDS = 60.0
"""How long a child may take to report its saves before the test calls it stuck (never reached)."""
FILLER = "Æ" * 2000  # a save large enough that a kill often lands inside the write


def _counter(session: Session) -> int:
    return int(session.answers.get("counter", "0"))


def _save_forever(path: Path, session: Session, report_fd: int) -> None:
    number = _counter(session)
    while True:
        number += 1
        session.answers["counter"] = str(number)
        save_session(session, path)
        os.write(report_fd, f"{number}\n".encode())


def _read_reports(read_fd: int, wanted: int) -> list[int]:
    """Block until the child has reported ``wanted`` saves (or ended); return the numbers read."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    buffer = b""
    while buffer.count(b"\n") < wanted:
        remaining = deadline - time.monotonic()
        assert remaining > 0, "the child reported no save within the deadline"
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        buffer += chunk
    return [int(line) for line in buffer.split(b"\n")[: buffer.count(b"\n")]]


def _last_reported(read_fd: int, already: list[int]) -> int:
    chunks = []
    while True:
        chunk = os.read(read_fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    numbers = already + [int(line) for line in b"".join(chunks).split()]
    return numbers[-1] if numbers else 0


def _assert_file_holds_last_save(path: Path, before: int, reported: int) -> int:
    loaded = _counter(load_session(path))
    last_completed = max(before, reported)
    assert loaded in (last_completed, last_completed + 1), (loaded, before, reported)
    return loaded


def test_sigkill_during_saves_never_leaves_a_broken_file(session: Session, tmp_path: Path):
    path = tmp_path / "moede.json"
    session.answers["o1.a.role"] = FILLER
    save_session(session, path)
    rng = random.Random(4)
    saved = 0
    for _ in range(FORKED_KILLS):
        read_fd, write_fd = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            try:
                _save_forever(path, load_session(path), write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        seen = _read_reports(read_fd, rng.randint(1, 4))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        reported = _last_reported(read_fd, seen)
        os.close(read_fd)
        saved = _assert_file_holds_last_save(path, saved, reported)
    assert saved >= FORKED_KILLS, "every child saved at least once before it was killed"
    from erfakit.io.meeting_file.store import SessionStore

    SessionStore.open(path).close()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers, "opening the file clears what killed savers left behind"


CHILD = """
import os, sys
from pathlib import Path
from erfakit.io.meeting_file.document import load_session, save_session
path = Path(sys.argv[1])
session = load_session(path)
number = int(session.answers.get("counter", "0"))
print("ready", flush=True)
while True:
    number += 1
    session.answers["counter"] = str(number)
    save_session(session, path)
    print(number, flush=True)
"""


def test_sigkill_of_a_fresh_interpreter_mid_save_leaves_the_last_save(session: Session, tmp_path: Path):
    path = tmp_path / "moede.json"
    session.answers["o1.a.role"] = FILLER
    save_session(session, path)
    rng = random.Random(7)
    saved = 0
    for _ in range(FRESH_INTERPRETER_KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        seen = [int(child.stdout.readline()) for _ in range(rng.randint(1, 20))]
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate()
        numbers = seen + [int(line) for line in output.split()]
        saved = _assert_file_holds_last_save(path, saved, numbers[-1])
    assert saved >= FRESH_INTERPRETER_KILLS
