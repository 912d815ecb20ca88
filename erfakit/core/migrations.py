"""Upgrading older meeting files to the current schema, one version at a time.

A step is a small named function taking the JSON data of version ``n`` and returning the data of
version ``n + 1`` (including the new ``schema_version``). Steps never touch files: the loader reads,
upgrades in memory and validates; the file on disk is rewritten only by the next save, which keeps
the old version in the history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from erfakit.core.model import SCHEMA_VERSION

Data = dict[str, Any]
Step = Callable[[Data], Data]

# Version 1 is the first released schema, so there is no step yet. The next change adds e.g.
# ``1: _add_meeting_room_v2`` here, together with SCHEMA_VERSION = 2 in erfakit/core/model.py.
MIGRATIONS: Mapping[int, Step] = {}


def upgrade_session_data(
    data: Data, *, migrations: Mapping[int, Step] = MIGRATIONS, target: int = SCHEMA_VERSION
) -> Data:
    """Return ``data`` upgraded step by step from its ``schema_version`` to ``target``.

    The caller has checked that the version is an int not newer than ``target``. A missing step is a
    programming error and raises ``KeyError``.
    """
    version = data["schema_version"]
    while version < target:
        data = migrations[version](dict(data))
        if data.get("schema_version") != version + 1:
            raise ValueError(f"migration from {version} did not set schema_version {version + 1}")
        version += 1
    return data
