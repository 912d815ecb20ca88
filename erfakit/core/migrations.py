"""Upgrading older meeting files to the current schema, one version at a time.

A step is a small named function taking the JSON data of version ``n`` and returning the data of
version ``n + 1`` (including the new ``schema_version``). Steps never touch files: the loader reads,
upgrades in memory and validates; the file on disk is rewritten only by the next save, which keeps
the old version in the history.

A step works on data that may not be valid (a hand-edited file): it changes only what has the shape
it expects and leaves the rest for validation to name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

from erfakit.core.identity import id_prefix, item_id, reference_date
from erfakit.core.model import SCHEMA_VERSION

Data = dict[str, Any]
Step = Callable[[Data], Data]

_DATE = TypeAdapter(dt.date)
_TIME = TypeAdapter(dt.time)


def _as_date(value: object) -> dt.date | None:
    try:
        return _DATE.validate_python(value)
    except ValidationError:
        return None


def _as_time(value: object) -> dt.time | None:
    try:
        return _TIME.validate_python(value)
    except ValidationError:
        return None


def v1_planned_meeting_uid(meeting: Mapping[str, Any], index: int) -> str:
    """The calendar UID that version 1 exported for the plan's `index`-th date.

    Version 1 derived it from the meeting (group, organisation, afdeling, date) and the position; a
    version-2 file keeps it in the date itself, so calendars that imported the old file are updated,
    not doubled, by the next export.
    """
    identity = "|".join(
        [
            str(meeting.get("group", "Erfaringsgruppe 4 – videre forløb")).strip(),
            str(meeting.get("organisation", "")).strip(),
            str(meeting.get("afdeling", "")).strip(),
            date.isoformat() if (date := _as_date(meeting.get("date"))) else str(meeting.get("date", "")),
        ]
    )
    return hashlib.sha256(f"{identity}|plan|{index}".encode()).hexdigest()[:24] + "@erfakit"


def add_kind_ids_history_and_plan_identity_v2(data: Data) -> Data:
    """Version 1 → 2: the meeting kind, readable ids with a history, and calendar identities.

    - ``kind``: every version-1 file is a fourth meeting ("erfaringsgruppe4").
    - Agreements and projects get readable ids ("A7-2026-12-03-01", `erfakit.core.identity`) from the
      meeting where they were made — for an earlier meeting's agreement the date in its
      ``origin_meeting`` when it names one, else this meeting's — numbered in file order; the random
      version-1 id is kept as ``former_id``. ``made_on`` is that date (None when unknown).
    - Each planned date gets the UID version 1 exported for it (`v1_planned_meeting_uid`).
    - A plan nobody set yet (no frequency, no dates) takes the meeting's weekday and time instead of
      version 1's fixed Tuesday 14.00.
    """
    data = {**data, "schema_version": 2, "kind": "erfaringsgruppe4"}
    meeting = data.get("meeting")
    if not isinstance(meeting, dict):
        return data
    afdeling = meeting.get("afdeling")
    date = _as_date(meeting.get("date"))
    if isinstance(afdeling, str) and date is not None:
        counters: dict[str, int] = {}

        def new_id(made_on: dt.date, *, project: bool) -> str:
            prefix = id_prefix(afdeling, made_on, project=project)
            counters[prefix] = counters.get(prefix, 0) + 1
            return item_id(afdeling, made_on, counters[prefix], project=project)

        agreements = data.get("agreements")
        if isinstance(agreements, list):
            upgraded = []
            for agreement in agreements:
                if isinstance(agreement, dict):
                    made_on: dt.date | None = date
                    if agreement.get("origin") == "earlier":
                        origin_meeting = agreement.get("origin_meeting")
                        made_on = reference_date(origin_meeting) if isinstance(origin_meeting, str) else None
                    agreement = {
                        **agreement,
                        "id": new_id(made_on or date, project=False),
                        "former_id": agreement.get("id", ""),
                        "made_on": made_on.isoformat() if made_on else None,
                    }
                upgraded.append(agreement)
            data["agreements"] = upgraded
        topics = data.get("topics")
        if isinstance(topics, dict) and isinstance(topics.get("projects"), list):
            projects = [
                {**project, "id": new_id(date, project=True), "former_id": project.get("id", ""), "made_on": str(date)}
                if isinstance(project, dict)
                else project
                for project in topics["projects"]
            ]
            data["topics"] = {**topics, "projects": projects}
    # A version-1 file without a plan meant version 1's default plan (the meeting's own defaults are
    # version 2's, for new meetings): it is written out, then treated as the untouched plan it is.
    plan = data.setdefault("plan", {})
    if isinstance(plan, dict):
        plan = dict(plan)
        dates = plan.get("dates")
        if isinstance(dates, list):
            plan["dates"] = [
                {"uid": v1_planned_meeting_uid(meeting, index), **planned} if isinstance(planned, dict) else planned
                for index, planned in enumerate(dates)
            ]
        untouched = plan.get("interval") is None and not dates
        start = _as_time(meeting.get("start_time", "14:00:00"))
        if untouched and date is not None and start is not None:
            plan["weekday"] = date.weekday()
            plan["start_time"] = start.isoformat()
        data["plan"] = plan
    return data


MIGRATIONS: Mapping[int, Step] = {1: add_kind_ids_history_and_plan_identity_v2}


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
