"""The next meeting's file, built from this meeting: same people, next date, open agreements."""

from __future__ import annotations

import datetime as dt

import pytest
from finished_meeting import TODAY
from finished_meeting import finished_meeting as make_session

from erfakit.core import next_meeting
from erfakit.core.model import Function, Origin, Topics
from erfakit.exceptions import ErfakitError


def test_next_meeting_carries_only_open_agreements_as_earlier() -> None:
    nxt = next_meeting.next_meeting_session(make_session(), today=TODAY)
    texts = {agreement.text: agreement for agreement in nxt.agreements}
    assert set(texts) == {"Fælles nyhedsbrev om byggeriet", "Tur med beboerdemokraterne"}
    assert all(agreement.origin == Origin.EARLIER for agreement in nxt.agreements)
    assert texts["Tur med beboerdemokraterne"].origin_meeting == "Erfaringsgruppe 4 – videre forløb (3. december 2026)"
    assert texts["Fælles nyhedsbrev om byggeriet"].origin_meeting == "Erfaringsgruppe 3 (24. september 2026)"
    assert texts["Tur med beboerdemokraterne"].deadline == dt.date(2027, 5, 31)


def test_next_meeting_has_the_next_date_same_people_and_empty_answers() -> None:
    session = make_session(answers={"o1.a.role": "Svar"}, since_last={Function.DRIFT: "Noget"})
    nxt = next_meeting.next_meeting_session(session, today=TODAY)
    assert nxt.meeting.date == dt.date(2027, 1, 14)
    assert nxt.meeting.start_time == dt.time(13, 0)
    assert nxt.meeting.place == "Beboerhuset"
    assert nxt.meeting.afdeling == session.meeting.afdeling
    assert [p.name for p in nxt.participants] == ["Dorte Drift", ""]
    assert nxt.answers == {} and nxt.since_last == {} and nxt.topics == Topics()
    assert [planned.date for planned in nxt.plan.dates] == [dt.date(2027, 2, 25), dt.date(2027, 4, 8)]


def test_next_meeting_skips_dates_already_past() -> None:
    nxt = next_meeting.next_meeting_session(make_session(), today=dt.date(2027, 2, 1))
    assert nxt.meeting.date == dt.date(2027, 2, 25)
    assert nxt.meeting.place == "Byggepladsens skurby"


def test_next_meeting_leaves_the_original_untouched_and_round_trips() -> None:
    from erfakit.io.meeting_file.document import dumps_session, loads_session

    session = make_session()
    before = session.model_dump()
    nxt = next_meeting.next_meeting_session(session, today=TODAY)
    assert session.model_dump() == before
    assert loads_session(dumps_session(nxt)) == nxt


def test_next_meeting_without_a_later_date_is_a_danish_error() -> None:
    with pytest.raises(ErfakitError, match="ingen dato efter i dag"):
        next_meeting.next_meeting_session(make_session(), today=dt.date(2027, 12, 1))
