"""Who is running on this machine: processes by id and users by number.

The lock asks whether its holder still runs; the versions folder cleans up after killed savers and
names a folder's owner. Both read it here (Linux reads /proc; elsewhere a live process is assumed).
"""

from __future__ import annotations

import os
from pathlib import Path


def process_is_running(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a zombie does not count)."""
    state = process_state(pid)
    return state is not None and state != "Z"


def user_name(uid: int) -> str:
    """The login name of ``uid``, or the number when the system does not know it."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: split after the last ')'.
    return raw[raw.rfind(")") + 2 :].split()


def process_state(pid: int) -> str | None:
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


def process_start(pid: int) -> str:
    """When the process started, as the system counts it (so a reused pid is not taken for it)."""
    fields = _stat_fields(pid)
    return fields[19] if fields is not None and len(fields) > 19 else ""
