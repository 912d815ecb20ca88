"""The next meeting's file: a koordinationsmøde built from this meeting (either kind): same people,
next date, every agreement with its id and history, the projects, topics and the rest of the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from finished_meeting import TODAY
from finished_meeting import finished_meeting as make_session

from erfakit.core import next_meeting
from erfakit.core.agreements import record_status
from erfakit.core.guide import parts_of
from erfakit.core.model import AgreementStatus, Function, MeetingKind, Origin, PartId
from erfakit.exceptions import ErfakitError


def test_next_meeting_is_a_koordinationsmoede_carrying_every_agreement_open_and_closed_as_earlier() -> None:
    session = make_session()
    nxt = next_meeting.next_meeting_session(session, today=TODAY)
    assert nxt.kind == MeetingKind.KOORDINATION
    assert nxt.meeting.group == "Koordinationsmøde"
    texts = {agreement.text: agreement for agreement in nxt.agreements}
    assert set(texts) == {
        "Fælles nyhedsbrev om byggeriet",
        "Tur med beboerdemokraterne",
        "Afsluttet aftale",
        "Opgivet aftale",
    }
    assert [a.id for a in nxt.agreements] == [a.id for a in session.agreements]
    assert [a.status for a in nxt.agreements] == [a.status for a in session.agreements]
    assert all(agreement.origin == Origin.EARLIER for agreement in nxt.agreements)
    assert texts["Tur med beboerdemokraterne"].origin_meeting == "Erfaringsgruppe 4 – videre forløb (3. december 2026)"
    assert texts["Fælles nyhedsbrev om byggeriet"].origin_meeting == "Erfaringsgruppe 3 (24. september 2026)"
    assert texts["Tur med beboerdemokraterne"].deadline == dt.date(2027, 5, 31)


def test_next_meeting_has_the_next_date_same_people_topics_projects_and_empty_answers() -> None:
    session = make_session(answers={"o1.a.role": "Svar"}, since_last={Function.DRIFT: "Noget"})
    nxt = next_meeting.next_meeting_session(session, today=TODAY)
    assert nxt.meeting.date == dt.date(2027, 1, 14)
    assert nxt.meeting.start_time == dt.time(13, 0)
    assert nxt.meeting.place == "Beboerhuset"
    assert nxt.meeting.duration_minutes == 90
    assert nxt.meeting.afdeling == session.meeting.afdeling
    assert [p.name for p in nxt.participants] == ["Dorte Drift", ""]
    assert nxt.answers == {} and nxt.since_last == {}
    assert nxt.topics == session.topics
    assert [planned.date for planned in nxt.plan.dates] == [dt.date(2027, 2, 25), dt.date(2027, 4, 8)]
    assert [planned.uid for planned in nxt.plan.dates] == [planned.uid for planned in session.plan.dates[1:]]


def test_next_meetings_agenda_is_a_koordinationsmoedes_fitted_to_the_plans_duration() -> None:
    nxt = next_meeting.next_meeting_session(make_session(), today=TODAY)
    assert list(nxt.agenda) == list(parts_of(MeetingKind.KOORDINATION))
    assert sum(nxt.agenda.values()) == 90
    assert nxt.agenda[PartId.STATUS] >= nxt.agenda[PartId.NAESTE]


def test_a_koordinationsmoede_followed_up_keeps_the_history_its_status_round_recorded() -> None:
    first = next_meeting.next_meeting_session(make_session(), today=TODAY)
    first.agreements[0] = record_status(
        first.agreements[0], date=first.meeting.date, status=AgreementStatus.DONE, note="Sendt ud"
    )
    first.meeting.group = "Koordinationsmøde – Prøveparken"
    second = next_meeting.next_meeting_session(first, today=first.meeting.date)
    assert second.kind == MeetingKind.KOORDINATION
    assert second.meeting.group == "Koordinationsmøde – Prøveparken"  # its own name is kept
    assert second.meeting.date == dt.date(2027, 2, 25)
    carried = second.agreements[0]
    assert carried.id == first.agreements[0].id and carried.status == AgreementStatus.DONE
    assert [(change.date, change.note) for change in carried.history] == [(dt.date(2027, 1, 14), "Sendt ud")]


def test_follow_up_session_on_a_date_of_ones_own_takes_only_the_later_dates() -> None:
    nxt = next_meeting.follow_up_session(make_session(), date=dt.date(2027, 3, 1), place="Hovedkontoret")
    assert nxt.meeting.date == dt.date(2027, 3, 1)
    assert nxt.meeting.place == "Hovedkontoret"
    assert nxt.meeting.start_time == make_session().plan.start_time
    assert [planned.date for planned in nxt.plan.dates] == [dt.date(2027, 4, 8)]


def test_next_meeting_skips_dates_already_past() -> None:
    nxt = next_meeting.next_meeting_session(make_session(), today=dt.date(2027, 2, 1))
    assert nxt.meeting.date == dt.date(2027, 2, 25)
    assert nxt.meeting.place == "Byggepladsens skurby"


def test_next_meeting_leaves_the_original_untouched_and_round_trips() -> None:
    from erfakit.io.meeting_file.document import dumps_session, loads_session

    session = make_session()
    before = session.model_dump()
    nxt = next_meeting.next_meeting_session(session, today=TODAY)
    nxt.agreements[0].history.append(record_status(nxt.agreements[0], date=nxt.meeting.date, note="x").history[-1])
    assert session.model_dump() == before
    assert loads_session(dumps_session(nxt)) == nxt


def test_next_meeting_without_a_later_date_is_a_danish_error() -> None:
    with pytest.raises(ErfakitError, match="ingen dato efter i dag"):
        next_meeting.next_meeting_session(make_session(), today=dt.date(2027, 12, 1))
