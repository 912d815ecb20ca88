"""Earlier versions of a meeting file, kept beside it in a hidden folder of the user's own.

``moede.json`` keeps its versions in ``.moede.json.versioner/``, one file per version named by the
time it was saved (``20261126T143101123456.json``). A save records a version at most every
`MIN_INTERVAL` seconds (the tovholder's typing is saved every second; a version per keystroke would
bury the useful ones), always the first save of a process, and always before a restore or an
overwrite. Versions are written whole by the kit's atomic writer, from the bytes being saved: an
editor that rewrites the meeting file in place never changes a version with it.

Safety: the versions folder is only used when it is a real folder owned by the user (created
``0700``); a symbolic link or someone else's folder is refused with a Danish message, as its
versions could be anyone's. Pruning works inside the opened folder only and removes nothing but
version files by their exact name pattern.

Retention: a version is kept `RETENTION_DAYS` days after the meeting (or after it was saved, if that
was later) and then removed on the next open or save, or at once with ``erfakit history --ryd``.
The meeting file holds answers about named colleagues; its old copies should not outlive their use.
At most `MAX_VERSIONS` are kept. A version stamped later than now (a clock put back) counts as
saved now, and the version just written is never the one removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from erfakit.core.formatting import format_date, format_time
from erfakit.exceptions import FileWriteError, SessionFileError, os_error_reason
from erfakit.io.atomic import TEMPORARY_SUFFIX, resolve_own_links, write_bytes_atomic
from erfakit.io.meeting_file.processes import process_is_running, user_name
from erfakit.texts import text

MIN_INTERVAL = dt.timedelta(seconds=30)
MAX_VERSIONS = 300
RETENTION_DAYS = 90
_STAMP = "%Y%m%dT%H%M%S%f"
_VERSION_NAME = re.compile(r"^\d{8}T\d{12}\.json$")
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

_last_recorded: dict[str, dt.datetime] = {}


@dataclass(frozen=True)
class Version:
    """One earlier version of a meeting file."""

    version: str
    saved_at: dt.datetime
    path: Path
    size: int

    def describe(self, lang: str = "da") -> str:
        """When it was saved, as the user reads it: "26. november 2026 kl. 14.31"."""
        return f"{format_date(self.saved_at.date(), lang)} {format_time(self.saved_at, lang)}"


def history_dir(path: Path) -> Path:
    """The folder holding the versions of the meeting file at ``path`` (beside the file itself)."""
    real = resolve_own_links(Path(path))
    return real.with_name(f".{real.name}.versioner")


def record(
    path: Path,
    content: bytes | None = None,
    *,
    meeting_date: dt.date | None = None,
    force: bool = False,
    now: dt.datetime | None = None,
    lang: str = "da",
) -> Version | None:
    """Keep ``content`` (default: the file's current bytes) as a version, unless one was kept moments ago.

    ``meeting_date`` switches on the retention rule for the older versions. Raises
    `SessionFileError` when the versions folder is refused or the version cannot be written (then
    no version was added and nothing else changed).
    """
    now = now or dt.datetime.now()
    path = Path(path)
    key = str(resolve_own_links(path))
    last = _last_recorded.get(key)
    # A clock put back makes now - last negative: that is not "moments ago".
    if not force and last is not None and dt.timedelta(0) <= now - last < MIN_INTERVAL:
        return None
    if content is None:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise _version_error(path, error, lang) from None
    folder = history_dir(path)
    folder_fd = _open_folder(path, lang, create=True)
    assert folder_fd is not None  # created above
    try:
        name = f"{now.strftime(_STAMP)}.json"
        if _exists(name, folder_fd):
            return None
        try:
            write_bytes_atomic(content, folder / name, folder_fd=folder_fd, lang=lang)
        except FileWriteError as error:
            raise SessionFileError(
                text("session.version_failed", lang, file=str(path), folder=str(folder), reason=error.reason),
                text("session.write_failed_hint", lang),
                path=path,
            ) from None
        _last_recorded[key] = now
        _prune(folder, folder_fd, keep=name, meeting_date=meeting_date, today=now.date())
    finally:
        os.close(folder_fd)
    return Version(name.removesuffix(".json"), now, folder / name, len(content))


def list_versions(path: Path, *, lang: str = "da") -> list[Version]:
    """The versions of the meeting file at ``path``, newest first.

    Raises `SessionFileError` when the versions folder is a link or someone else's.
    """
    folder_fd = _open_folder(Path(path), lang, create=False)
    if folder_fd is None:
        return []
    try:
        return sorted(_versions_in(history_dir(Path(path)), folder_fd), key=lambda v: v.saved_at, reverse=True)
    finally:
        os.close(folder_fd)


def find_version(path: Path, version: str, *, lang: str = "da") -> Version | None:
    """The version named ``version`` (or a unique prefix of its name, e.g. "20261126T1431")."""
    matches = [entry for entry in list_versions(path, lang=lang) if entry.version.startswith(version)]
    return matches[0] if len(matches) == 1 else None


def prune_versions(
    path: Path,
    *,
    meeting_date: dt.date,
    today: dt.date,
    retention_days: int = RETENTION_DAYS,
    lang: str = "da",
) -> list[Version]:
    """Remove the versions past their retention now (``erfakit history --ryd``); return those removed."""
    folder_fd = _open_folder(Path(path), lang, create=False)
    if folder_fd is None:
        return []
    try:
        return _prune(
            history_dir(Path(path)),
            folder_fd,
            keep=None,
            meeting_date=meeting_date,
            today=today,
            retention_days=retention_days,
        )
    finally:
        os.close(folder_fd)


def kept_until(
    version: Version, meeting_date: dt.date, today: dt.date, retention_days: int = RETENTION_DAYS
) -> dt.date:
    """The last day ``version`` is kept: `retention_days` after the meeting or its save, if later.

    A version stamped after ``today`` (the clock was put back) counts as saved today.
    """
    saved = min(version.saved_at.date(), today)
    return max(meeting_date, saved) + dt.timedelta(days=retention_days)


def _prune(
    folder: Path,
    folder_fd: int,
    *,
    keep: str | None,
    meeting_date: dt.date | None,
    today: dt.date,
    retention_days: int = RETENTION_DAYS,
) -> list[Version]:
    # Versions stamped later than today were saved before the clock was put back: in real time they
    # are the oldest, so they go first when there are too many.
    versions = sorted(_versions_in(folder, folder_fd), key=lambda v: (v.saved_at.date() <= today, v.saved_at))
    doomed = []
    if meeting_date is not None:
        doomed = [v for v in versions if kept_until(v, meeting_date, today, retention_days) < today]
    rest = [v for v in versions if v not in doomed and v.path.name != keep]
    limit = MAX_VERSIONS - (1 if keep is not None else 0)
    doomed += rest[: max(0, len(rest) - limit)]
    removed = []
    for version in doomed:
        if version.path.name == keep:
            continue
        try:
            os.unlink(version.path.name, dir_fd=folder_fd)
        except OSError:
            continue
        removed.append(version)
    _remove_stale_temporaries(folder_fd)
    return removed


def _versions_in(folder: Path, folder_fd: int) -> list[Version]:
    versions = []
    with os.scandir(folder_fd) as entries:
        for entry in entries:
            if not _VERSION_NAME.match(entry.name):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                saved_at = dt.datetime.strptime(entry.name.removesuffix(".json"), _STAMP)
                size = entry.stat(follow_symlinks=False).st_size
            except (ValueError, OSError):
                continue
            versions.append(Version(entry.name.removesuffix(".json"), saved_at, folder / entry.name, size))
    return versions


def _remove_stale_temporaries(folder_fd: int) -> None:
    """Temporary files of killed savers inside the versions folder (their pid no longer runs)."""
    with os.scandir(folder_fd) as entries:
        names = [entry.name for entry in entries if entry.name.endswith(TEMPORARY_SUFFIX)]
    for name in names:
        parts = name.split(".")
        pid_text = parts[-3] if len(parts) >= 4 else ""
        if pid_text.isdigit() and int(pid_text) != os.getpid() and not process_is_running(int(pid_text)):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=folder_fd)


def _open_folder(path: Path, lang: str, *, create: bool) -> int | None:
    """An open descriptor of the versions folder, checked: a real folder that the user owns."""
    folder = history_dir(path)
    try:
        descriptor = os.open(folder, _FOLDER_FLAGS)
    except FileNotFoundError:
        if not create:
            return None
        try:
            # In an afdeling's shared folder (setgid, group-writable: deploy/jupyterhub) the versions
            # belong to the group like the meeting file; anywhere else they are the user's alone.
            folder.mkdir(mode=0o770 if _is_shared_group_folder(folder.parent) else 0o700)
        except FileExistsError:
            pass
        except OSError as error:
            raise _version_error(path, error, lang) from None
        return _open_folder(path, lang, create=False)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR) and folder.is_symlink():
            raise SessionFileError(
                text("session.history_link", lang, folder=str(folder)),
                text("session.history_link_hint", lang, folder=str(folder)),
                path=path,
            ) from None
        if error.errno == errno.ENOTDIR:
            raise SessionFileError(
                text("session.history_not_folder", lang, folder=str(folder)),
                text("session.history_link_hint", lang, folder=str(folder)),
                path=path,
            ) from None
        if isinstance(error, PermissionError) and _owner(folder) not in (None, _me()):
            raise _foreign(path, folder, _owner(folder) or 0, lang) from None
        raise SessionFileError(
            text("session.history_unreadable", lang, folder=str(folder), reason=os_error_reason(error, lang)),
            text("session.history_foreign_hint", lang, folder=str(folder)),
            path=path,
        ) from None
    info = os.fstat(descriptor)
    if not stat.S_ISDIR(info.st_mode) or (info.st_uid != _me(info.st_uid) and not _shared_versions(info, folder)):
        os.close(descriptor)
        raise _foreign(path, folder, info.st_uid, lang)
    return descriptor


def _is_shared_group_folder(folder: Path) -> bool:
    """Whether ``folder`` is an afdeling's shared folder: setgid, rwx for its group, nothing for others."""
    try:
        info = folder.stat()
    except OSError:
        return False
    mode = stat.S_IMODE(info.st_mode)
    return bool(mode & stat.S_ISGID) and mode & 0o070 == 0o070 and not mode & 0o007


def _shared_versions(info: os.stat_result, folder: Path) -> bool:
    """A colleague's versions folder in a shared group folder: same group, group-writable, closed to others."""
    mode = stat.S_IMODE(info.st_mode)
    try:
        parent_gid = folder.parent.stat().st_gid
    except OSError:
        return False
    return (
        _is_shared_group_folder(folder.parent)
        and info.st_gid == parent_gid
        and mode & 0o070 == 0o070
        and not mode & 0o007
    )


def _me(default: int | None = None) -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else default


def _owner(folder: Path) -> int | None:
    try:
        return folder.lstat().st_uid
    except OSError:
        return None


def _foreign(path: Path, folder: Path, owner: int, lang: str) -> SessionFileError:
    return SessionFileError(
        text("session.history_foreign", lang, folder=str(folder), owner=user_name(owner)),
        text("session.history_foreign_hint", lang, folder=str(folder)),
        path=path,
    )


def _exists(name: str, folder_fd: int) -> bool:
    try:
        os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def _version_error(path: Path, error: OSError, lang: str) -> SessionFileError:
    return SessionFileError(
        text(
            "session.version_failed",
            lang,
            file=str(path),
            folder=str(history_dir(path)),
            reason=os_error_reason(error, lang),
        ),
        text("session.write_failed_hint", lang),
        path=path,
    )
