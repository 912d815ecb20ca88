"""Version-1 meeting files upgrade to version 2 and mean the same.

The oracle of "a version-1 file" is the version-1 model itself, frozen in `model_v1.py`, and a real
file: the demo meeting as version 1 wrote it (``fixtures/v1/moede.json``, data/demo/moede.json
before version 2). Every document that version 1 loaded must load now, with every value it held in
its place: the random ids kept as ``former_id``, the planned dates with the calendar UIDs version 1
exported for them, and only what version 2 adds besides.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import model_v1
from hypothesis import HealthCheck, given, settings
from test_meeting_file_format import from_schema

from erfakit.core.identity import is_readable_id
from erfakit.core.migrations import upgrade_session_data
from erfakit.core.model import AgreementStatus, MeetingKind, Session
from erfakit.exceptions import SessionFileError
from erfakit.io.meeting_file.document import check_json_values, dumps_session, load_session, loads_session

FIXTURES = Path(__file__).parent / "fixtures" / "v1"
V1_DEMO = FIXTURES / "moede.json"
V1_SCHEMA = json.loads((FIXTURES / "meeting-file.schema.json").read_text(encoding="utf-8"))

# What version 1's export wrote as UIDs for the demo's five planned dates (computed by erfakit at
# the commit before version 2 from the same file): the upgraded file must keep updating those events.
V1_DEMO_UIDS = [
    "5e513c32eab371d6a836ad4e@erfakit",
    "c9148ea89bcc3d1871ec7e66@erfakit",
    "92ba43dc1bc2919484c1448a@erfakit",
    "6454fa3532df20e0fd5aafb6@erfakit",
    "2a1ce34a1005c253b8d222d6@erfakit",
]


def test_the_version_1_demo_file_loads_as_a_fourth_meeting_with_readable_ids_and_its_old_ids_kept() -> None:
    raw = json.loads(V1_DEMO.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1
    session = load_session(V1_DEMO)
    assert session.schema_version == 2 and session.kind == MeetingKind.ERFARINGSGRUPPE4
    assert [(a.id, a.former_id, a.made_on) for a in session.agreements] == [
        ("A7-2026-09-24-01", "ag-e1", dt.date(2026, 9, 24)),
        ("A7-2026-09-24-02", "ag-e2", dt.date(2026, 9, 24)),
        ("A7-2026-09-24-03", "ag-e3", dt.date(2026, 9, 24)),
        ("A7-2026-09-24-04", "ag-e4", dt.date(2026, 9, 24)),
        ("A7-2026-09-24-05", "ag-e5", dt.date(2026, 9, 24)),
        ("A7-2026-09-24-06", "ag-e6", dt.date(2026, 9, 24)),
        ("A7-2026-12-03-01", "ag-t1", dt.date(2026, 12, 3)),
        ("A7-2026-12-03-02", "ag-t2", dt.date(2026, 12, 3)),
        ("A7-2026-12-03-03", "ag-t3", dt.date(2026, 12, 3)),
        ("A7-2026-12-03-04", "ag-t4", dt.date(2026, 12, 3)),
        ("A7-2026-12-03-05", "ag-t5", dt.date(2026, 12, 3)),
    ]
    assert [(p.id, p.former_id, p.status) for p in session.topics.projects] == [
        ("A7-2026-12-03-P01", "pr1", AgreementStatus.OPEN),
        ("A7-2026-12-03-P02", "pr2", AgreementStatus.OPEN),
    ]
    assert [planned.uid for planned in session.plan.dates] == V1_DEMO_UIDS
    assert all(not agreement.history for agreement in session.agreements)


def test_the_upgraded_demo_file_holds_every_value_the_version_1_file_held() -> None:
    raw = json.loads(V1_DEMO.read_text(encoding="utf-8"))
    old = model_v1.Session.model_validate(raw)
    assert as_version_1(load_session(V1_DEMO)) == old.model_dump(mode="json")


def test_the_upgraded_file_saves_as_version_2_and_loads_again_unchanged(tmp_path: Path) -> None:
    session = load_session(V1_DEMO)
    saved = dumps_session(session)
    assert json.loads(saved)["schema_version"] == 2
    assert loads_session(saved) == session


def test_an_untouched_version_1_plan_takes_the_meetings_weekday_and_time_instead_of_tuesday_14() -> None:
    raw = {
        "schema_version": 1,
        "meeting": {"afdeling": "Afd. 12 Solbakken", "date": "2027-01-14", "start_time": "09:30:00"},
        "plan": {"interval": None, "weekday": 1, "start_time": "14:00:00", "dates": []},
    }
    session = loads_session(json.dumps(raw))
    assert (session.plan.weekday, session.plan.start_time) == (3, dt.time(9, 30))
    chosen = {**raw, "plan": {"interval": "4w", "weekday": 1, "start_time": "14:00:00", "dates": []}}
    assert loads_session(json.dumps(chosen)).plan.weekday == 1  # a plan someone chose is kept


def test_an_earlier_agreement_without_a_date_in_its_meeting_name_gets_this_meetings_date_and_no_made_on() -> None:
    raw = {
        "schema_version": 1,
        "meeting": {"afdeling": "Lærkeparken", "date": "2026-12-03"},
        "agreements": [
            {"id": "x", "text": "A", "theme": "beboerdemokrati", "origin": "earlier", "origin_meeting": "sidste gang"},
            {
                "id": "y",
                "text": "B",
                "theme": "beboerdemokrati",
                "origin": "earlier",
                "origin_meeting": "Møde 12.03.2026",
            },
        ],
    }
    session = loads_session(json.dumps(raw))
    assert [(a.id, a.made_on) for a in session.agreements] == [
        ("LAERKEPARKEN-2026-12-03-01", None),
        ("LAERKEPARKEN-2026-03-12-01", dt.date(2026, 3, 12)),
    ]


def test_a_version_1_file_that_was_wrong_is_still_refused_with_the_kits_danish_message() -> None:
    raw = {"schema_version": 1, "meeting": {"afdeling": "A", "date": "2026-12-03"}, "agreements": [{"id": 5}]}
    try:
        loads_session(json.dumps(raw), source="gammel.json")
    except SessionFileError as refused:
        assert "gammel.json" in str(refused)
    else:  # pragma: no cover - the assertion below says what went wrong
        raise AssertionError("a broken version-1 file loaded")


def test_upgrading_does_not_change_the_callers_data() -> None:
    raw = json.loads(V1_DEMO.read_text(encoding="utf-8"))
    before = json.dumps(raw, sort_keys=True)
    upgrade_session_data(raw)
    assert json.dumps(raw, sort_keys=True) == before


V1_DOCUMENTS = from_schema(V1_SCHEMA, V1_SCHEMA["$defs"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(V1_DOCUMENTS)
def test_every_file_version_1_loaded_upgrades_validates_and_keeps_its_values(document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    version = document.get("schema_version")
    if isinstance(version, bool) or version != 1:
        return  # version 1's loader wanted exactly this before it read on
    try:
        accepted = model_v1.Session.model_validate(check_json_values(json.loads(text)))
    except (ValueError, SessionFileError):
        return  # version 1 refused it too (a pydantic ValidationError is a ValueError)
    session = loads_session(text, source="moede.json")
    assert isinstance(session, Session)
    upgraded = generated_ids_aside(as_version_1(session), document)
    assert upgraded == generated_ids_aside(untouched_plan_aside(accepted.model_dump(mode="json")), document)
    assert all(is_readable_id(a.id) for a in session.agreements)
    assert len({a.id for a in session.agreements}) == len(session.agreements)


def as_version_1(session: Session) -> dict[str, Any]:
    """`session` as version 1 would have held it: what version 2 added taken out, old ids put back."""
    data = session.model_dump(mode="json")
    data["schema_version"] = 1
    del data["kind"]
    for participant in data["participants"]:
        del participant["email"]
    for agreement in data["agreements"]:
        agreement["id"] = agreement.pop("former_id")
        for added in ("made_on", "history"):
            del agreement[added]
    for project in data["topics"]["projects"]:
        project["id"] = project.pop("former_id")
        for added in ("deadline", "status", "made_on", "history"):
            del project[added]
    plan = data["plan"]
    for added in ("closure_periods", "cancelled"):
        del plan[added]
    for planned in plan["dates"]:
        del planned["uid"]
    return untouched_plan_aside(data)


def untouched_plan_aside(data: dict[str, Any]) -> dict[str, Any]:
    """A plan nobody set (no frequency, no dates) takes the meeting's weekday and time on upgrade:
    its weekday and time are left out of the comparison."""
    plan = data["plan"]
    if plan["interval"] is None and not plan["dates"]:
        plan["weekday"] = plan["start_time"] = None
    return data


def generated_ids_aside(data: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """Ids the document did not give are made up afresh at each load: left out of the comparison."""
    lists = [("participants",), ("partners",), ("agreements",), ("topics", "projects")]
    for path in lists:
        given, loaded = document, data
        for key in path:
            given = given.get(key, {}) if isinstance(given, dict) else {}
            loaded = loaded[key]
        for index, item in enumerate(given if isinstance(given, list) else []):
            if isinstance(item, dict) and "id" not in item:
                loaded[index]["id"] = None
    return data
