"""Who has a meeting file open for editing.

Editing takes a lock file beside the meeting file (``.moede.json.laas``) saying which process on
which machine holds it since when. A second process is told who holds it and may open read-only or
take over explicitly; the first then finds on its next save that it lost the file, and says so
instead of silently overwriting. A lock left by a process that no longer runs (a killed kernel, a
crashed laptop) is stale and taken over quietly: it was the same tovholder.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Holder:
    """The process that holds a meeting file for editing."""

    pid: int
    host: str
    user: str
    since: str
    started: str = ""
    """The process's start time as the system counts it, so a reused pid is not taken for it."""

    @property
    def since_datetime(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.since)
        except ValueError:
            return None

    def is_current_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def is_alive(self) -> bool:
        """Whether the holding process still runs (assumed so when it is on another machine)."""
        if self.host != socket.gethostname():
            return True
        state = _process_state(self.pid)
        if state is None or state == "Z":
            return False
        return not self.started or self.started == _process_start(self.pid)


def lock_path(path: Path) -> Path:
    """The lock file of the meeting file at ``path``."""
    return path.with_name(f".{path.name}.laas")


def current_holder(now: dt.datetime | None = None) -> Holder:
    """A `Holder` describing this process."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    now = now or dt.datetime.now()
    return Holder(
        pid=os.getpid(),
        host=socket.gethostname(),
        user=user,
        since=now.isoformat(timespec="seconds"),
        started=_process_start(os.getpid()),
    )


def read_holder(path: Path) -> Holder | None:
    """Who holds the meeting file at ``path``, or None when nobody does (or the lock is unreadable)."""
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return Holder(**data)
    except (OSError, ValueError, TypeError):
        return None


def acquire(path: Path, *, take_over: bool = False) -> Holder | None:
    """Take the lock for this process.

    Returns None on success, or the live `Holder` that keeps it (then nothing was changed). A stale
    lock, this process's own lock and, with ``take_over``, anybody's lock are replaced.
    """
    me = current_holder()
    target = lock_path(path)
    content = json.dumps(asdict(me), ensure_ascii=False)
    try:
        descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        holder = read_holder(path)
        if holder is not None and holder.is_alive() and not holder.is_current_process() and not take_over:
            return holder
        _replace(target, content)
        return None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content)
    return None


def holds(path: Path) -> bool:
    """Whether this process still holds the lock (nobody took over meanwhile)."""
    holder = read_holder(path)
    return holder is not None and holder.is_current_process()


def release(path: Path) -> None:
    """Give the lock up, if this process holds it."""
    if holds(path):
        lock_path(path).unlink(missing_ok=True)


def _replace(target: Path, content: str) -> None:
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.write_text(content, encoding="utf-8")
    os.replace(temporary, target)


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: split after the last ')'.
    return raw[raw.rfind(")") + 2 :].split()


def _process_state(pid: int) -> str | None:
    """The process's state letter ("R", "S", "Z", …), None when there is no such process.

    Without /proc (not Linux) a live process is "?", as its state cannot be read.
    """
    fields = _stat_fields(pid)
    if fields is not None:
        return fields[0]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return "?"
    except OSError:
        return None
    return None if Path("/proc/self").exists() else "?"


def _process_start(pid: int) -> str:
    fields = _stat_fields(pid)
    return fields[19] if fields is not None and len(fields) > 19 else ""
