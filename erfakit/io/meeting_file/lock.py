"""Who has a meeting file open for editing.

Editing takes a lock file beside the meeting file (``.moede.json.laas``) saying which process on
which machine holds it since when. A second process is told who holds it and may open read-only or
take over explicitly; the first then finds on its next save that it lost the file, and says so
instead of silently overwriting. A lock left by a process that no longer runs (a killed kernel, a
crashed laptop) is stale and taken over quietly: it was the same tovholder.

A lock file that cannot be a lock is handled without a traceback: garbage (not a holder's JSON, too
large, a symbolic link) counts as no holder and is replaced; a folder in its place, or a lock file of
another user that cannot be read, is refused with a Danish message saying what to do. The lock is
written by the kit's atomic writer: taken with an exclusive link of a whole file, so nobody ever
reads half a lock.

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
import stat
import threading
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from erfakit.exceptions import ErfakitError, FileWriteError, SessionFileError, SessionLockedError
from erfakit.io.atomic import resolve_own_links, write_bytes_atomic
from erfakit.io.meeting_file.processes import process_start, process_state, user_name
from erfakit.texts import text

MAX_LOCK_BYTES = 4096
"""A holder's JSON is about 150 bytes; a larger lock file is garbage and is not read whole."""
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
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
    tab: str = ""
    """The browser tab whose page holds the file (a random key the tab keeps while it is reloaded);
    the same tab coming back after a reload takes the file without a question. Empty when unknown."""

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
        state = process_state(self.pid)
        if state is None or state == "Z":
            return False
        return not self.started or self.started == process_start(self.pid)


def lock_path(path: Path) -> Path:
    """The lock file of the meeting file at ``path`` (beside the file a user's own link leads to)."""
    real = resolve_own_links(Path(path))
    return real.with_name(f".{real.name}.laas")


def current_holder(now: dt.datetime | None = None, *, tab: str = "") -> Holder:
    """A `Holder` describing this process (and the browser tab it serves, when known)."""
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
        started=process_start(os.getpid()),
        heartbeat=_utc_stamp(now.astimezone(dt.UTC)),
        name=full_name(user),
        tab=tab,
    )


def full_name(user: str) -> str:
    """The full name the system holds for ``user`` (the first field of its GECOS entry), or ""."""
    try:
        gecos = pwd.getpwnam(user).pw_gecos
    except (KeyError, OSError):
        return ""
    return gecos.split(",", 1)[0].strip()


def read_holder(path: Path, *, lang: str = "da") -> Holder | None:
    """Who holds the meeting file at ``path``, or None when nobody does.

    A missing, empty or garbled lock file means nobody. Raises `SessionFileError` when a folder
    stands where the lock file should be, and `SessionLockedError` when another user's lock file
    cannot be read (then nobody can tell whether that user still edits).
    """
    target = lock_path(path)
    try:
        descriptor = os.open(target, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise _lock_is_folder(path, target, lang) from None
    except PermissionError:
        raise _unreadable_lock(path, target, lang) from None
    except OSError:
        return None  # a link (O_NOFOLLOW) or another oddity: not a holder, replaced on acquire
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _lock_is_folder(path, target, lang)
        if not stat.S_ISREG(info.st_mode):
            return None
        raw = os.read(descriptor, MAX_LOCK_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return _parse_holder(raw)


def _parse_holder(raw: bytes) -> Holder | None:
    if len(raw) > MAX_LOCK_BYTES:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    known = {field.name: field.type for field in fields(Holder)}
    if set(data) - set(known) or not {"pid", "host", "user", "since"} <= set(data):
        return None
    pid = data["pid"]
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
        return None
    if not all(isinstance(data.get(name, ""), str) for name in ("host", "user", "since", "started", "tab")):
        return None
    return Holder(**data)


def acquire(path: Path, *, take_over: bool = False, lang: str = "da", tab: str = "") -> Holder | None:
    """Take the lock for this process.

    Returns None on success, or the live `Holder` that keeps it (then nothing was changed). A stale
    or garbled lock, this process's own lock and, with ``take_over``, anybody's lock are replaced.
    Raises `SessionFileError` in Danish when the lock cannot be written (read-only folder, full disk,
    a folder in its place) and `SessionLockedError` for another user's unreadable lock.
    """
    me = current_holder(tab=tab)
    target = lock_path(path)
    content = json.dumps(asdict(me), ensure_ascii=False).encode("utf-8")
    try:
        write_bytes_atomic(content, target, exclusive=True, lang=lang)
        return None
    except FileExistsError:
        pass
    except FileWriteError as error:
        raise _lock_write_failed(path, target, error.reason, lang) from None
    try:
        holder = read_holder(path, lang=lang)
    except SessionLockedError:
        if not take_over:
            raise
        holder = None
    if holder is not None and holder.is_alive() and not holder.is_current_process() and not take_over:
        return holder
    try:
        write_bytes_atomic(content, target, lang=lang)
    except FileWriteError as error:
        raise _lock_write_failed(path, target, error.reason, lang) from None
    return None


def holds(path: Path) -> bool:
    """Whether this process still holds the lock (nobody took over meanwhile)."""
    try:
        holder = read_holder(path)
    except SessionFileError:
        return False
    return holder is not None and holder.is_current_process()


def release(path: Path) -> None:
    """Give the lock up, if this process holds it. Never raises (it also runs at exit)."""
    try:
        if holds(path):
            lock_path(path).unlink(missing_ok=True)
    except OSError:
        pass


def _owner_of(target: Path) -> str:
    try:
        return user_name(target.lstat().st_uid)
    except OSError:
        return "?"


def _lock_is_folder(path: Path, target: Path, lang: str) -> SessionFileError:
    return SessionFileError(
        text("session.lock_is_folder", lang, file=str(path), lock=str(target)),
        text("session.lock_is_folder_hint", lang, lock=str(target)),
        path=path,
    )


def _unreadable_lock(path: Path, target: Path, lang: str) -> SessionLockedError:
    owner = _owner_of(target)
    return SessionLockedError(
        text("session.lock_unreadable", lang, file=str(path), lock=str(target), owner=owner),
        text("session.lock_unreadable_hint", lang, owner=owner),
        path=path,
    )


def _lock_write_failed(path: Path, target: Path, reason: str, lang: str) -> SessionFileError:
    if target.is_dir() and not target.is_symlink():
        return _lock_is_folder(path, target, lang)
    return SessionFileError(
        text("session.lock_failed", lang, file=str(path), lock=str(target), reason=reason),
        text("session.lock_failed_hint", lang),
        path=path,
    )


def refresh(path: Path, *, now: dt.datetime | None = None, tab: str | None = None) -> bool:
    """Renew this process's heartbeat in the lock of the meeting file at ``path`` (and name its tab).

    Returns False, changing nothing, when this process no longer holds the lock (somebody took it
    over, or it was removed). A takeover landing between the check and the write (a window of
    microseconds, every `HEARTBEAT_SECONDS`) would be undone; the taker's next save then says so.
    """
    holder = read_holder(path)
    if holder is None or not holder.is_current_process():
        return False
    beat = _utc_stamp(now or dt.datetime.now(dt.UTC))
    content = json.dumps(
        asdict(replace(holder, heartbeat=beat, tab=holder.tab if tab is None else tab)), ensure_ascii=False
    )
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
