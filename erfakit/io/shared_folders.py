"""An organisation's shared meeting folders: one folder per afdeling, open to that afdeling's group.

On a JupyterHub (see ``deploy/jupyterhub/``) every user's server starts in the shared root, which
holds one folder per afdeling, owned by a Unix group with mode 2770. This module lists what the
current user may see there and prepares a meeting for the app mode:

    folders = list_afdelinger(root)                 # every afdeling folder, readable or not
    meetings = list_meetings(folders[0].path)      # the meeting files in one folder
    notebook = write_app_notebook(meetings[0].path) # <stem>-app.ipynb beside the meeting file
    url = app_url(notebook, root, prefix)          # /user/<name>/voila/render/<afdeling>/<stem>-app.ipynb

Permissions are the operating system's: nothing here grants or hides more than the folder's mode.
"""

from __future__ import annotations

import datetime as dt
import grp
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat

from erfakit.core.model import Session
from erfakit.exceptions import ErfakitError
from erfakit.io.atomic import write_bytes_atomic
from erfakit.io.meeting_file import lock
from erfakit.io.meeting_file.document import load_session
from erfakit.io.notebooks import parameterize_notebook
from erfakit.resources import notebook_path

APP_SUFFIX = "-app"
"""The app notebook of ``moede.json`` is ``moede-app.ipynb`` (as `erfakit app` names it)."""


@dataclass(frozen=True)
class AfdelingFolder:
    """One afdeling's folder under the shared root, as the current user may use it."""

    path: Path
    group: str
    """The Unix group that owns the folder (the afdeling's group)."""
    readable: bool
    writable: bool

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class MeetingEntry:
    """A meeting file in an afdeling's folder: its session, or why it could not be read."""

    path: Path
    session: Session | None
    problem: str = ""
    holder: lock.Holder | None = None
    """Who has it open for editing right now (a live lock), if anybody."""

    @property
    def sort_key(self) -> tuple[int, dt.date, str]:
        if self.session is None:
            return (1, dt.date.min, self.path.name)
        return (0, self.session.meeting.date, self.path.name)


def list_afdelinger(root: str | Path) -> list[AfdelingFolder]:
    """The afdeling folders directly under ``root`` (hidden ones left out), sorted by name.

    Folders the user may not enter are listed too, marked unreadable: the folder names are visible
    to every user of the server anyway, and saying "no access" beats a silently missing afdeling.
    """
    root = Path(root)
    folders = []
    for entry in sorted(root.iterdir(), key=lambda item: _natural_key(item.name)):
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        readable = os.access(entry, os.R_OK | os.X_OK)
        writable = readable and os.access(entry, os.W_OK)
        folders.append(AfdelingFolder(entry, _group_name(entry), readable, writable))
    return folders


def list_meetings(folder: str | Path, *, lang: str = "da") -> list[MeetingEntry]:
    """The meeting files (``*.json``, not hidden) in ``folder``, by date, newest first.

    A file that does not load is listed with the Danish reason, so a broken or foreign file is
    visible rather than missing.
    """
    entries = []
    for path in Path(folder).glob("*.json"):
        if path.name.startswith("."):
            continue
        try:
            session = load_session(path, lang=lang)
        except ErfakitError as error:
            entries.append(MeetingEntry(path, None, problem=error.message))
            continue
        holder = lock.read_holder(path)
        live = holder if holder is not None and holder.is_alive() else None
        entries.append(MeetingEntry(path, session, holder=live))
    readable = sorted((e for e in entries if e.session is not None), key=lambda e: e.sort_key, reverse=True)
    broken = sorted((e for e in entries if e.session is None), key=lambda e: e.path.name)
    return readable + broken


def app_notebook_path(meeting_file: Path) -> Path:
    """Where the app notebook of ``meeting_file`` lives: beside it, ``<stem>-app.ipynb``."""
    return meeting_file.with_name(f"{meeting_file.stem}{APP_SUFFIX}.ipynb")


def render_app_notebook(meeting_file: Path, *, lang: str = "da") -> str:
    """The text of the meeting notebook bound to ``meeting_file`` by its name (the kernel runs beside it)."""
    notebook = parameterize_notebook(notebook_path("moede"), {"session_path": meeting_file.name, "lang": lang})
    return nbformat.writes(notebook)


def write_app_notebook(meeting_file: Path, *, lang: str = "da") -> Path:
    """Write (or refresh) the app notebook beside ``meeting_file``; an up-to-date one is left alone.

    Leaving an unchanged notebook alone keeps its owner and time stamp, so opening a meeting does
    not rewrite a file a colleague's page has open. Raises `ErfakitError` when the folder refuses.
    """
    target = app_notebook_path(meeting_file)
    content = render_app_notebook(meeting_file, lang=lang)
    try:
        if target.read_text(encoding="utf-8") == content:
            return target
    except (OSError, UnicodeDecodeError):
        pass
    return write_bytes_atomic(content.encode("utf-8"), target, lang=lang)


def app_url(notebook: Path, root: str | Path, prefix: str = "/") -> str:
    """The address of ``notebook`` in Voilà under the user's server: ``<prefix>voila/render/<path>``.

    ``prefix`` is the server's base URL (``$JUPYTERHUB_SERVICE_PREFIX``, e.g. ``/user/mette/``);
    ``notebook`` must lie under ``root``, the server's root folder.
    """
    relative = Path(os.path.relpath(Path(notebook).resolve(), Path(root).resolve()))
    if relative.parts and relative.parts[0] == "..":
        raise ValueError(f"{notebook} is not under {root}")
    return f"{_with_slash(prefix)}voila/render/{quote(relative.as_posix())}"


def lab_url(folder: Path, root: str | Path, prefix: str = "/") -> str:
    """The address of ``folder`` in JupyterLab's file browser under the user's server."""
    relative = Path(os.path.relpath(Path(folder).resolve(), Path(root).resolve()))
    return f"{_with_slash(prefix)}lab/tree/{quote(relative.as_posix())}"


def server_prefix(environ: Mapping[str, str] | None = None) -> str:
    """The user's server base URL as JupyterHub tells the kernel (``/`` outside a hub)."""
    found = (os.environ if environ is None else environ).get("JUPYTERHUB_SERVICE_PREFIX", "/")
    return _with_slash(found)


def _with_slash(prefix: str) -> str:
    return prefix if prefix.endswith("/") else f"{prefix}/"


def _group_name(path: Path) -> str:
    try:
        gid = path.stat().st_gid
    except OSError:
        return "?"
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def _natural_key(name: str) -> list[object]:
    """Sort "afdeling-7" before "afdeling-12"."""

    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]
