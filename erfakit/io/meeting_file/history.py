"""Earlier versions of a meeting file, kept beside it in a hidden folder.

``moede.json`` keeps its versions in ``.moede.json.versioner/``, one file per version named by the
time it was saved (``20261126T143101123456.json``). A save records a version at most every
`MIN_INTERVAL` seconds (the tovholder's typing is saved every second; a version per keystroke would
bury the useful ones), always the first save of a process, and always before a restore. Versions are
copies, not hard links: an editor that rewrites the meeting file in place would change a linked
version with it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from erfakit.core.formatting import format_date, format_time

MIN_INTERVAL = dt.timedelta(seconds=30)
MAX_VERSIONS = 300
_STAMP = "%Y%m%dT%H%M%S%f"

_last_recorded: dict[Path, dt.datetime] = {}


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
    """The folder holding the versions of the meeting file at ``path``."""
    return path.with_name(f".{path.name}.versioner")


def record(path: Path, *, force: bool = False, now: dt.datetime | None = None) -> Version | None:
    """Keep the current content of ``path`` as a version, unless one was kept moments ago."""
    now = now or dt.datetime.now()
    key = path.resolve()
    last = _last_recorded.get(key)
    if not force and last is not None and now - last < MIN_INTERVAL:
        return None
    folder = history_dir(path)
    folder.mkdir(exist_ok=True)
    target = folder / f"{now.strftime(_STAMP)}.json"
    if target.exists():
        return None
    # Copied under a temporary name first, so a crash never leaves half a version.
    temporary = folder / f".{target.name}.{os.getpid()}.tmp"
    shutil.copyfile(path, temporary)
    os.replace(temporary, target)
    _last_recorded[key] = now
    _prune(folder)
    return Version(target.stem, now, target, target.stat().st_size)


def list_versions(path: Path) -> list[Version]:
    """The versions of the meeting file at ``path``, newest first."""
    folder = history_dir(path)
    if not folder.is_dir():
        return []
    versions = []
    for entry in folder.glob("*.json"):
        try:
            saved_at = dt.datetime.strptime(entry.stem, _STAMP)
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        versions.append(Version(entry.stem, saved_at, entry, size))
    return sorted(versions, key=lambda version: version.saved_at, reverse=True)


def find_version(path: Path, version: str) -> Version | None:
    """The version named ``version`` (or a unique prefix of its name, e.g. "20261126T1431")."""
    matches = [entry for entry in list_versions(path) if entry.version.startswith(version)]
    return matches[0] if len(matches) == 1 else None


def _prune(folder: Path) -> None:
    versions = sorted(folder.glob("*.json"))
    for old in versions[: max(0, len(versions) - MAX_VERSIONS)]:
        old.unlink(missing_ok=True)
