"""Where the notebooks and the demo data are, in a checkout and in an installed wheel.

In a checkout (or an editable install) they are the top-level `notebooks/` and `data/` folders. A
built wheel carries copies under `erfakit/_bundled/` (see `pyproject.toml`).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """The folder `name` ("notebooks" or "data") shipped with the kit."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def notebook_path(stem: str) -> Path:
    """A shipped notebook by name without suffix, e.g. ``notebook_path("moede")``."""
    return bundled_dir("notebooks") / f"{stem}.ipynb"


def data_path(name: str) -> Path:
    """A shipped data file (template or demo) by file name."""
    return bundled_dir("data") / name
