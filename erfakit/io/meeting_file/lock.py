"""Who has a meeting file open for editing.

Editing takes a lock file beside the meeting file (``.moede.json.laas``) saying which process on
which machine holds it since when. A second process is told who holds it and may open read-only or
take over explicitly; the first then finds on its next save that it lost the file, and says so
instead of silently overwriting. A lock left by a process that no longer runs (a killed kernel, a
crashed laptop) is stale and taken over quietly: it was the same tovholder.

Between machines (a JupyterHub whose users' servers run on different hosts or pods sharing one
folder) the holding process cannot be checked. There the lock carries a heartbeat: the process
that holds the file renews it every `HEARTBEAT_SECONDS` while the meeting is open (`Heartbeat`), and
a lock whose heartbeat is older than `STALE_AFTER` is stale: its server died. The hosts' clocks must
agree to within a minute (NTP). A lock written before heartbeats existed has none and is taken as
alive, as it always was.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import pwd
import socket
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from erfakit.exceptions import ErfakitError
from erfakit.io.atomic import write_bytes_atomic

HEARTBEAT_SECONDS = 30
"""How often an open meeting renews the heartbeat in its lock."""
STALE_AFTER = dt.timedelta(minutes=2)
"""A lock from another machine whose heartbeat is older than this belongs to a server that died."""


@dataclass(frozen=True)
class Holder:
    """The process that holds a meeting file for editing."""

    pid: int
    host: str
    user: str
    since: str
    started: str = ""
    """The process's start time as the system counts it, so a reused pid is not taken for it."""
    heartbeat: str = ""
    """When the holder last said it still has the file open (UTC, ISO 8601); empty in old locks."""
    name: str = ""
    """The holding user's full name as the system knows it ("Mette Hansen"); empty when unknown."""

    @property
    def since_datetime(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.since)
        except ValueError:
            return None

    def is_current_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    @property
    def heartbeat_datetime(self) -> dt.datetime | None:
        """The last heartbeat as an aware UTC time, None when the lock has none (or it is garbled)."""
        try:
            beat = dt.datetime.fromisoformat(self.heartbeat)
        except (TypeError, ValueError):
            return None
        return beat if beat.tzinfo is not None else beat.replace(tzinfo=dt.UTC)

    def heartbeat_is_fresh(self, now: dt.datetime | None = None) -> bool:
        """Whether the heartbeat is younger than `STALE_AFTER` (a lock without one counts as fresh)."""
        beat = self.heartbeat_datetime
        if beat is None:
            return True
        return (now or dt.datetime.now(dt.UTC)) - beat < STALE_AFTER

    def is_alive(self) -> bool:
        """Whether the holding process still runs; on another machine, whether its heartbeat is fresh."""
        if self.host != socket.gethostname():
            return self.heartbeat_is_fresh()
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
        heartbeat=_utc_stamp(now.astimezone(dt.UTC)),
        name=full_name(user),
    )


def full_name(user: str) -> str:
    """The full name the system holds for ``user`` (the first field of its GECOS entry), or ""."""
    try:
        gecos = pwd.getpwnam(user).pw_gecos
    except (KeyError, OSError):
        return ""
    return gecos.split(",", 1)[0].strip()


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


def refresh(path: Path, *, now: dt.datetime | None = None) -> bool:
    """Renew this process's heartbeat in the lock of the meeting file at ``path``.

    Returns False, changing nothing, when this process no longer holds the lock (somebody took it
    over, or it was removed). A takeover landing between the check and the write (a window of
    microseconds, every `HEARTBEAT_SECONDS`) would be undone; the taker's next save then says so.
    """
    holder = read_holder(path)
    if holder is None or not holder.is_current_process():
        return False
    beat = _utc_stamp(now or dt.datetime.now(dt.UTC))
    content = json.dumps(asdict(replace(holder, heartbeat=beat)), ensure_ascii=False)
    write_bytes_atomic(content.encode("utf-8"), lock_path(path))
    return True


class Heartbeat:
    """Renews the lock of an open meeting file every ``interval`` seconds (`HEARTBEAT_SECONDS`), from a daemon thread.

    A thread rather than the kernel's event loop: a long computation in the kernel (a report, a
    chart) must not let the lock look dead to another machine. The thread ends with `stop`, when
    the lock is no longer this process's, or with the process (then the heartbeat goes stale).
    """

    def __init__(self, path: Path, *, interval: float | None = None) -> None:
        self.path = path
        self.interval = HEARTBEAT_SECONDS if interval is None else interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"erfakit-heartbeat {path.name}", daemon=True)

    def start(self) -> Heartbeat:
        """Start renewing; returns itself."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop renewing (the lock itself is left as it is)."""
        self._stopped.set()

    @property
    def running(self) -> bool:
        """Whether the heartbeat is still being renewed."""
        return self._thread.is_alive() and not self._stopped.is_set()

    def _run(self) -> None:
        while not self._stopped.wait(self.interval):
            try:
                if not refresh(self.path):
                    return
            except (OSError, ErfakitError):
                # A shared folder that hiccups (network file system) is retried at the next beat.
                continue


def _utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


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
