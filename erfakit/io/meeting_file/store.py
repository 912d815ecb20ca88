"""A meeting file open for editing: the session in memory, the lock, and saving.

    store = SessionStore.open("moede.json")
    store.session.answers["o1.a.role"] = "…"
    store.save()

The forms hold one store for the whole meeting. Saving is atomic and keeps versions
(`erfakit.io.meeting_file.document`); the lock (`erfakit.io.meeting_file.lock`) makes a second editor visible instead of
a silent lost update.
"""

from __future__ import annotations

import atexit
import datetime as dt
import getpass
import grp
import os
import pwd
from pathlib import Path

from erfakit.core.formatting import format_date, format_time
from erfakit.core.model import Session
from erfakit.exceptions import SessionFileError, SessionLockedError, SessionReadOnlyError, os_error_reason
from erfakit.io.atomic import resolve_own_links
from erfakit.io.meeting_file import history, lock
from erfakit.io.meeting_file.document import (
    encode_session,
    load_session,
    loads_session,
    remove_stale_temporaries,
    write_meeting_file,
)
from erfakit.texts import text

_RELEASE_AT_EXIT: set[Path] = set()
"""Meeting files whose lock this process gives up when it ends (registered once each)."""


class SessionStore:
    """One meeting file opened for editing (or read-only)."""

    def __init__(self, path: Path, session: Session, *, read_only: bool, lang: str) -> None:
        self.path = path
        self.session = session
        self.read_only = read_only
        self.lang = lang
        self.saved_at: dt.datetime | None = None
        self.file_time: float | None = None
        """When the file was last written before it was opened (seconds since the epoch), if known."""
        self._closed = False
        self._heartbeat: lock.Heartbeat | None = None

    @classmethod
    def open(
        cls, path: str | Path, *, read_only: bool = False, take_over: bool = False, lang: str = "da", tab: str = ""
    ) -> SessionStore:
        """Load the meeting file at ``path`` and, unless ``read_only``, take its lock.

        ``tab`` names the browser tab the page is in (see `lock.Holder.tab`), when known. Raises
        `SessionFileError` when the file cannot be loaded (it is then never written) and
        `SessionLockedError` when another live process holds it and ``take_over`` is not set.
        """
        path = Path(path)
        try:
            file_time: float | None = resolve_own_links(path).stat().st_mtime
        except OSError:
            file_time = None
        session = load_session(path, lang=lang)
        if not read_only:
            _check_writable(resolve_own_links(path), lang)
            holder = lock.acquire(path, take_over=take_over, lang=lang, tab=tab)
            if holder is not None:
                raise _locked_error(path, holder, lang)
            if path.resolve() not in _RELEASE_AT_EXIT:
                _RELEASE_AT_EXIT.add(path.resolve())
                atexit.register(lock.release, path)
            remove_stale_temporaries(resolve_own_links(path))
            try:
                # The state as found is a version of its own: a restore can always go back to it.
                history.record(path, force=True, meeting_date=session.meeting.date, lang=lang)
            except SessionFileError:
                lock.release(path)
                raise
        store = cls(path, session, read_only=read_only, lang=lang)
        store.file_time = file_time
        if not read_only:
            store._heartbeat = lock.Heartbeat(path).start()
        return store

    def save(self, *, now: dt.datetime | None = None) -> dt.datetime:
        """Write the session to disk now (atomically) and return when.

        Raises `SessionFileError` when the store is read-only, another process took the file over,
        or the disk refuses; what is in memory stays, so nothing typed is lost.
        """
        if self.read_only:
            raise SessionFileError(text("session.store.read_only", self.lang, file=str(self.path)), path=self.path)
        if not lock.holds(self.path):
            holder = lock.read_holder(self.path)
            who = describe_holder(holder, self.lang) if holder else text("session.store.unknown_holder", self.lang)
            raise SessionLockedError(
                text("session.store.taken_over", self.lang, file=str(self.path), who=who),
                text("session.store.taken_over_hint", self.lang),
                path=self.path,
                holder=holder.__dict__ if holder else None,
            )
        content = encode_session(self.session, source=str(self.path), lang=self.lang)
        # The version first: a disk too full for it refuses the save before the file is touched.
        history.record(self.path, content, meeting_date=self.session.meeting.date, now=now, lang=self.lang)
        write_meeting_file(self.path, content, lang=self.lang)
        self.saved_at = now or dt.datetime.now()
        return self.saved_at

    def claim_for_tab(self, tab: str) -> bool:
        """Write the browser tab's key into this store's lock (the page said it once it was drawn).

        Returns False when the lock is no longer this process's. Never raises: a lock that cannot be
        rewritten now only means a reload of that tab asks once more.
        """
        if self.read_only or self._closed:
            return False
        try:
            return lock.refresh(self.path, tab=tab)
        except (OSError, SessionFileError):
            return False

    def restore(self, version: str) -> history.Version:
        """Replace the session in memory and on disk by an earlier version (see `restore_version`)."""
        found = restore_version(self.path, version, lang=self.lang)
        self.session = load_session(self.path, lang=self.lang)
        return found

    def close(self) -> None:
        """Give up the lock. The store can still be read but no longer saved."""
        if self._heartbeat is not None:
            self._heartbeat.stop()
        if not self._closed and not self.read_only:
            lock.release(self.path)
        self._closed = True
        self.read_only = True

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def describe_holder(holder: lock.Holder, lang: str = "da") -> str:
    """Who holds a file, in words: "proces 4711 på maskinen kontor-pc (bruger mette) siden …"."""
    since = holder.since_datetime
    when = f"{format_date(since.date(), lang)} {format_time(since, lang)}" if since else holder.since
    return text("session.store.holder", lang, pid=holder.pid, host=holder.host, user=holder.user or "?", since=when)


def describe_lock_holder(error: SessionLockedError, lang: str = "da") -> str:
    """Who holds the file a `SessionLockedError` is about, in words ("" when the error does not say)."""
    try:
        return describe_holder(lock.Holder(**(error.holder or {})), lang)
    except TypeError:
        return ""


def _locked_error(path: Path, holder: lock.Holder, lang: str) -> SessionLockedError:
    """The error for a meeting file another live process holds: who, since when, what to do.

    Another person is named as people say it ("Mødet er åbent hos Mette Hansen (mette) siden kl.
    14.02"); one's own other process (a reloaded page) is described by process and machine.
    """
    if holder.user and holder.user != _current_user():
        return SessionLockedError(
            text(
                "session.store.locked_by_user",
                lang,
                who=describe_person(holder),
                since=describe_since(holder, lang),
                file=str(path),
            ),
            text(
                "session.store.locked_by_user_hint",
                lang,
                name=holder.name or holder.user,
                minutes=int(lock.STALE_AFTER.total_seconds() // 60),
            ),
            path=path,
            holder=holder.__dict__,
        )
    return SessionLockedError(
        text("session.store.locked", lang, file=str(path), who=describe_holder(holder, lang)),
        text("session.store.locked_hint", lang, file=str(path)),
        path=path,
        holder=holder.__dict__,
    )


def describe_person(holder: lock.Holder) -> str:
    """Who holds a file, as people say it: "Mette Hansen (mette)", or just "mette"."""
    return f"{holder.name} ({holder.user})" if holder.name else holder.user or "?"


def describe_since(holder: lock.Holder, lang: str = "da") -> str:
    """Since when a file is held: "kl. 14.02" today, "3. december 2026 kl. 14.02" on another day."""
    since = holder.since_datetime
    if since is None:
        return holder.since
    if since.date() == dt.date.today():
        return format_time(since, lang)
    return f"{format_date(since.date(), lang)} {format_time(since, lang)}"


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _check_writable(path: Path, lang: str) -> None:
    """Raise `SessionReadOnlyError` when this user may read the meeting file but not save it.

    Saving replaces the file and writes the lock and the versions beside it: both the folder and
    the file must be writable.
    """
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _read_only_error(path, folder, lang)
    if path.exists() and not os.access(path, os.W_OK):
        raise _read_only_error(path, path, lang)


def _read_only_error(path: Path, refused: Path, lang: str) -> SessionReadOnlyError:
    owner, group = _owner_and_group(refused)
    key = "session.store.no_write_folder" if refused != path else "session.store.no_write_file"
    return SessionReadOnlyError(
        text(key, lang, file=str(path), folder=str(refused), owner=owner, group=group),
        text("session.store.no_write_hint", lang, group=group),
        path=path,
    )


def _owner_and_group(path: Path) -> tuple[str, str]:
    try:
        status = path.stat()
    except OSError:
        return "?", "?"
    try:
        owner = pwd.getpwuid(status.st_uid).pw_name
    except KeyError:
        owner = str(status.st_uid)
    try:
        group = grp.getgrgid(status.st_gid).gr_name
    except KeyError:
        group = str(status.st_gid)
    return owner, group


def restore_version(path: str | Path, version: str, *, lang: str = "da") -> history.Version:
    """Make an earlier version the current content of the meeting file at ``path``.

    The current content is kept as a version first, so a restore can itself be undone. Refuses
    while another live process edits the file, and when the version does not load.
    """
    path = Path(path)
    found = history.find_version(path, version, lang=lang)
    if found is None:
        raise SessionFileError(
            text("session.store.no_such_version", lang, file=str(path), version=version),
            text("session.store.no_such_version_hint", lang, file=str(path)),
            path=path,
        )
    try:
        restored_bytes = found.path.read_bytes()
    except OSError as error:
        raise SessionFileError(
            text("session.unreadable", lang, file=str(found.path), reason=os_error_reason(error, lang)), path=path
        ) from None
    restored = loads_session(restored_bytes, source=str(found.path), lang=lang)
    replace_meeting_file(path, restored, lang=lang, hint_key="session.store.restore_locked_hint")
    return found


def replace_meeting_file(
    path: str | Path, session: Session, *, lang: str = "da", hint_key: str = "session.store.locked_hint"
) -> None:
    """Write ``session`` over the meeting file at ``path``, keeping a way back.

    Takes the lock (refusing while another live process edits the file), keeps the current content
    as a version even when it does not load (it may hold words worth copying out), writes, records
    the new content and gives the lock back. Used by ``erfakit restore`` and ``erfakit new
    --overskriv``. On any refusal the file is unchanged.
    """
    path = Path(path)
    content = encode_session(session, source=str(path), lang=lang)
    already_held = lock.holds(path)
    holder = lock.acquire(path, lang=lang)
    if holder is not None:
        raise SessionLockedError(
            text("session.store.locked", lang, file=str(path), who=describe_holder(holder, lang)),
            text(hint_key, lang, file=str(path)),
            path=path,
            holder=holder.__dict__,
        )
    try:
        if resolve_own_links(path).exists():
            history.record(path, force=True, meeting_date=session.meeting.date, lang=lang)
        history.record(path, content, force=True, meeting_date=session.meeting.date, lang=lang)
        write_meeting_file(path, content, lang=lang)
    finally:
        if not already_held:
            lock.release(path)
