"""The one way the kit writes a file: whole or not at all, never through a link it did not choose.

Every file erfakit writes goes through `write_bytes_atomic`: the meeting file, its versions and lock
file, the report, the action list, the calendar, the next meeting file and the bound notebooks.

1. The data goes to a new temporary file in the target's own folder, created exclusively
   (``O_CREAT | O_EXCL | O_NOFOLLOW``) under an unpredictable name, so a file or link planted there
   by someone else is never opened, let alone overwritten.
2. The temporary file gets the permissions of the file it replaces, or the user's normal ones
   (``0666`` less the umask) for a new file: not ``mkstemp``'s ``0600``, so a report written to a
   shared folder stays readable by the colleagues it is for.
3. It is flushed to the disk (``fsync``), renamed over the target (``os.replace``, atomic), and the
   folder is flushed too, so after a crash or power cut the name holds the old file or the new one,
   never half of one.
4. On any failure the temporary file is removed again (also on a full disk) and `FileWriteError`
   says in Danish what went wrong; the old file is then untouched.

A target that is a symbolic link is written *through*: the file it points to is replaced and the
link stays. Only a link owned by the user (or by root) is followed, one step at a time; a link that
someone else owns is refused, since it could point anywhere. The folders on the way are the user's
own path and are followed as usual.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from erfakit.exceptions import FileWriteError, os_error_reason
from erfakit.texts import text

TEMPORARY_SUFFIX = ".tmp"
NEW_FILE_MODE = 0o666
"""Before the umask: the permissions a plain ``open(path, "w")`` would give."""
_MAX_LINK_STEPS = 40

_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_DIRECTORY_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def temporary_name(name: str) -> str:
    """A fresh, unpredictable temporary name beside ``name``: ``.<name>.<pid>.<random>.tmp``.

    The process id is kept in the name so that leftovers of a killed process can be recognised
    (`erfakit.io.meeting_file.document.remove_stale_temporaries`).
    """
    return f".{name}.{os.getpid()}.{secrets.token_hex(8)}{TEMPORARY_SUFFIX}"


def write_bytes_atomic(
    data: bytes,
    path: str | Path,
    *,
    lang: str = "da",
    mode: int | None = None,
    exclusive: bool = False,
    folder_fd: int | None = None,
) -> Path:
    """Replace the file at ``path`` by ``data`` atomically (see the module's docstring); return ``path``.

    ``mode`` fixes the new file's permissions (e.g. ``0o600`` for a private log); by default an
    existing file keeps its mode. With ``exclusive`` the file must not exist yet: then
    `FileExistsError` is raised and nothing is written (the lock file is taken this way).
    ``folder_fd`` is an open descriptor of the folder to write in (the caller has checked it);
    ``path`` then only gives the file's name.

    Raises `FileWriteError` (an `ErfakitError`) naming the file and the reason in ``lang``.
    """
    path = Path(path)
    own_folder = folder_fd is None
    try:
        if folder_fd is None:
            path = _target_of(path, lang)
            folder_fd = _open_folder(path.parent)
        _write_in_folder(folder_fd, path.name, data, mode=mode, exclusive=exclusive)
    except FileExistsError:
        if exclusive:
            raise
        raise FileWriteError(path, _reason(errno.EEXIST, lang), lang=lang) from None
    except OSError as error:
        raise FileWriteError(path, os_error_reason(error, lang), lang=lang, errno=error.errno) from None
    finally:
        if own_folder and folder_fd is not None:
            os.close(folder_fd)
    return path


def write_text_atomic(content: str, path: str | Path, *, lang: str = "da", mode: int | None = None) -> Path:
    """`write_bytes_atomic` for text, as UTF-8."""
    return write_bytes_atomic(content.encode("utf-8"), path, lang=lang, mode=mode)


def _write_in_folder(folder_fd: int, name: str, data: bytes, *, mode: int | None, exclusive: bool) -> None:
    keep_mode = mode
    if keep_mode is None:
        try:
            existing = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
        except FileNotFoundError:
            pass
        else:
            if stat.S_ISREG(existing.st_mode):
                keep_mode = stat.S_IMODE(existing.st_mode)
    temporary = temporary_name(name)
    descriptor = os.open(temporary, _OPEN_FLAGS, NEW_FILE_MODE if mode is None else mode, dir_fd=folder_fd)
    try:
        try:
            if keep_mode is not None:
                os.fchmod(descriptor, keep_mode)
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if exclusive:
            _link_exclusively(folder_fd, temporary, name, data)
        else:
            os.replace(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        _remove_quietly(temporary, folder_fd)
        raise
    if exclusive:
        _remove_quietly(temporary, folder_fd)
    _fsync_quietly(folder_fd)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _link_exclusively(folder_fd: int, temporary: str, name: str, data: bytes) -> None:
    """Give the finished temporary file the name ``name`` only if nothing has that name yet."""
    try:
        os.link(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        # A file system without hard links (FAT, some network shares): create the name exclusively
        # and write into it. A reader may then briefly see it empty, which counts as no holder.
        descriptor = os.open(name, _OPEN_FLAGS, NEW_FILE_MODE, dir_fd=folder_fd)
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def resolve_own_links(path: Path) -> Path:
    """The file a target path names: itself, or where the user's own symbolic links lead.

    Links are followed one step at a time while they belong to the user (or to root); the walk stops
    at a link someone else owns, at a missing file and after 40 steps (a loop), returning that path.
    """
    me = os.geteuid() if hasattr(os, "geteuid") else None
    for _ in range(_MAX_LINK_STEPS):
        try:
            info = path.lstat()
        except OSError:
            return path
        if not stat.S_ISLNK(info.st_mode) or (me is not None and info.st_uid not in (me, 0)):
            return path
        target = Path(os.readlink(path))
        path = target if target.is_absolute() else path.parent / target
    return path


def _target_of(path: Path, lang: str) -> Path:
    target = resolve_own_links(path)
    if target.is_symlink():
        owner = target.lstat().st_uid
        mine = not hasattr(os, "geteuid") or owner in (os.geteuid(), 0)
        raise FileWriteError(
            target, text("files.reason_foreign_link" if not mine else "files.reason_link", lang), lang=lang
        )
    return target


def _open_folder(folder: Path) -> int:
    try:
        return os.open(folder, _DIRECTORY_FLAGS)
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder, _DIRECTORY_FLAGS)


def _reason(number: int, lang: str) -> str:
    return os_error_reason(OSError(number, os.strerror(number)), lang)


def _remove_quietly(name: str, folder_fd: int) -> None:
    # When even this fails the folder itself is the problem; the error being raised says so.
    with contextlib.suppress(OSError):
        os.unlink(name, dir_fd=folder_fd)


def _fsync_quietly(folder_fd: int) -> None:
    # The rename itself must reach the disk, or a power cut may bring back the old name.
    with contextlib.suppress(OSError):
        os.fsync(folder_fd)
