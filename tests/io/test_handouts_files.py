"""The action list (.xlsx, .csv), the calendar (.ics) and the next meeting file, read back."""

from __future__ import annotations

import csv
import datetime as dt
import io

import holidays
import pytest
from finished_meeting import finished_meeting as make_session
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook

from erfakit.core.agreements import record_status
from erfakit.core.model import (
    Agreement,
    AgreementStatus,
    Function,
    MeetingPlan,
    Origin,
    Participant,
    Theme,
)
from erfakit.exceptions import ErfakitError
from erfakit.io import action_list
from erfakit.io import calendar as ics

NOW = dt.datetime(2026, 12, 3, 15, 30, tzinfo=dt.UTC)
DANGEROUS = ['=HYPERLINK("http://x")', "+45 1234", "-1+1", "@SUM(A1)", "\tTAB", "\rCR"]


# --- neutralising -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [*DANGEROUS, "'=quoted", "'plain"])
def test_cells_starting_like_a_formula_or_an_apostrophe_get_an_apostrophe_that_reading_takes_off(value: str) -> None:
    assert action_list.neutralise_cell(value) == "'" + value
    assert action_list.unneutralise_cell(action_list.neutralise_cell(value)) == value


@pytest.mark.parametrize("value", ["Almindelig tekst", "45 kr.", "", "a=b", "e-mail@x.dk"])
def test_ordinary_cells_are_left_alone(value: str) -> None:
    assert action_list.neutralise_cell(value) == value


# --- xlsx ----------------------------------------------------------------------------------------


def _sheet(data: bytes):
    return load_workbook(io.BytesIO(data)).active


HEADER = [
    "Id",
    "Type",
    "Afdeling",
    "Mødedato",
    "Tema",
    "Aftale",
    "Ansvarlig funktion",
    "Ansvarlig person",
    "Frist",
    "Status",
    "Seneste note",
    "Senest fulgt op",
    "Aftalt på",
]


def _records(sheet) -> dict[str, dict[str, object]]:
    header = [cell.value for cell in sheet[1]]
    return {
        str(row[header.index("Aftale")]): dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }


def test_xlsx_has_bold_frozen_danish_header_filter_and_widths() -> None:
    sheet = _sheet(action_list.dumps_actions_xlsx(make_session()))
    header = [cell.value for cell in sheet[1]]
    assert header == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M6"  # four agreements and one project
    assert sheet.column_dimensions["F"].width >= 50


def test_xlsx_deadlines_are_real_dates_with_a_danish_format() -> None:
    sheet = _sheet(action_list.dumps_actions_xlsx(make_session()))
    deadlines = {row[5].value: row[8] for row in sheet.iter_rows(min_row=2)}
    cell = deadlines["Tur med beboerdemokraterne"]
    assert isinstance(cell.value, dt.datetime)
    assert cell.value.date() == dt.date(2027, 5, 31)
    assert cell.number_format == "DD-MM-YYYY"
    assert deadlines["Afsluttet aftale"].value is None


def test_xlsx_lists_every_agreement_and_project_with_afdeling_function_and_person_apart() -> None:
    records = _records(_sheet(action_list.dumps_actions_xlsx(make_session())))
    assert set(records) == {
        "Fælles nyhedsbrev om byggeriet",
        "Tur med beboerdemokraterne",
        "Afsluttet aftale",
        "Opgivet aftale",
        "Velkomstpakke",
    }
    trip = records["Tur med beboerdemokraterne"]
    assert trip["Type"] == "Aftale"
    assert trip["Afdeling"] == "Afdeling 9 – Prøveparken"
    assert trip["Tema"] == "Beboerdemokrati"
    assert (trip["Ansvarlig funktion"], trip["Ansvarlig person"]) == ("Drift", "Dorte Drift")
    assert trip["Status"] == "Åben"
    assert trip["Aftalt på"] == "Erfaringsgruppe 4 – videre forløb (3. december 2026)"
    assert records["Fælles nyhedsbrev om byggeriet"]["Aftalt på"] == "Erfaringsgruppe 3 (24. september 2026)"
    project = records["Velkomstpakke"]
    assert (project["Type"], project["Tema"], project["Ansvarlig funktion"]) == ("Projekt", None, "Udlejning")


def test_xlsx_has_a_history_sheet_and_a_status_drop_down() -> None:
    session = make_session()
    session.agreements[0] = record_status(
        session.agreements[0], date=dt.date(2027, 1, 14), status=AgreementStatus.DONE, note="Udsendt", meeting="K1"
    )
    workbook = load_workbook(io.BytesIO(action_list.dumps_actions_xlsx(session)))
    history = workbook["Historik"]
    assert [cell.value for cell in history[1]] == ["Id", "Dato", "Status", "Ny frist", "Note", "Møde"]
    rows = list(history.iter_rows(min_row=2, values_only=True))
    assert rows == [(session.agreements[0].id, dt.datetime(2027, 1, 14), "Gennemført", None, "Udsendt", "K1")]
    [validation] = workbook["Aftaler"].data_validations.dataValidation
    assert validation.formula1 == '"Åben,I gang,Gennemført,Opgivet"'
    assert "J2" in validation.sqref


def test_xlsx_neutralises_formula_text_and_stores_no_formula() -> None:
    agreements = [
        Agreement(text=value, theme=Theme.FAELLESAREALER, origin=Origin.OVELSE3, responsible_person=value)
        for value in DANGEROUS
    ]
    sheet = _sheet(action_list.dumps_actions_xlsx(make_session(agreements=agreements)))
    for row in sheet.iter_rows(min_row=2, max_row=1 + len(DANGEROUS)):
        assert row[5].data_type == "s"
        assert row[5].value.startswith("'")
        assert not row[7].value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_in_english_has_english_headers() -> None:
    sheet = _sheet(action_list.dumps_actions_xlsx(make_session(), "en"))
    assert [cell.value for cell in sheet[1]][4:9] == [
        "Theme",
        "Agreement",
        "Responsible function",
        "Responsible person",
        "Deadline",
    ]


# --- csv -----------------------------------------------------------------------------------------


def test_csv_starts_with_bom_uses_semicolons_and_crlf() -> None:
    data = action_list.dumps_actions_csv(make_session())
    assert data.startswith(b"\xef\xbb\xbf")
    first_line = data[3:].split(b"\r\n")[0].decode("utf-8")
    assert first_line == ";".join(HEADER)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_csv_reads_back_with_danish_dates() -> None:
    text = action_list.dumps_actions_csv(make_session()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    by_text = {row[5]: row for row in rows[1:]}
    assert by_text["Tur med beboerdemokraterne"][8] == "31.05.2027"
    assert len(rows) == 6


def test_csv_neutralises_every_dangerous_cell() -> None:
    agreements = [
        Agreement(text=value, theme=Theme.FAELLESAREALER, origin=Origin.OVELSE3, responsible_person=value)
        for value in DANGEROUS
    ]
    text = action_list.dumps_actions_csv(make_session(agreements=agreements)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[1:]
    assert len(rows) == len(DANGEROUS) + 1  # and the project
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_quotes_semicolons_and_line_breaks_in_text() -> None:
    agreement = Agreement(text="Første linje; anden\nlinje", theme=Theme.FAELLESAREALER, origin=Origin.OVELSE3)
    text = action_list.dumps_actions_csv(make_session(agreements=[agreement])).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][5] == "Første linje; anden\nlinje"


# --- ics -----------------------------------------------------------------------------------------


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_event_per_planned_meeting_with_place_and_topics() -> None:
    events = _events(ics.dumps_plan_ics(make_session(), now=NOW))
    assert len(events) == 3
    assert [event.decoded("dtstart").date() for event in events] == [
        dt.date(2027, 1, 14),
        dt.date(2027, 2, 25),
        dt.date(2027, 4, 8),
    ]
    assert str(events[0]["location"]) == "Beboerhuset"
    assert str(events[1]["location"]) == "Byggepladsens skurby"
    description = str(events[0]["description"])
    assert "Status på genhusningen" in description
    assert "Hvornår etape 2 starter" in description
    assert "Velkomstpakke (Udlejning)" in description
    assert str(events[2]["description"]).startswith("Ekstra lang")


def test_ics_times_are_copenhagen_local_with_a_vtimezone() -> None:
    data = ics.dumps_plan_ics(make_session(), now=NOW)
    calendar = Calendar.from_ical(data)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    start = _events(data)[2].decoded("dtstart")
    end = _events(data)[2].decoded("dtend")
    assert start.utcoffset() == dt.timedelta(hours=2)  # 8 April is summer time
    assert (start.hour, start.minute) == (9, 30)
    assert end - start == dt.timedelta(minutes=90)
    assert b"DTSTART;TZID=Europe/Copenhagen:20270408T093000" in data


def test_ics_uids_are_the_planned_dates_own_stable_across_exports_and_distinct_per_meeting() -> None:
    session = make_session()
    first = [str(event["uid"]) for event in _events(ics.dumps_plan_ics(session, now=NOW))]
    later = NOW + dt.timedelta(days=2)
    second = [str(event["uid"]) for event in _events(ics.dumps_plan_ics(session, now=later))]
    assert first == second == [planned.uid for planned in session.plan.dates]
    assert len(set(first)) == 3


def test_ics_moving_a_date_keeps_its_uid_and_raises_the_sequence() -> None:
    session = make_session()
    before = _events(ics.dumps_plan_ics(session, now=NOW))
    moved = session.model_copy(deep=True)
    moved.plan.dates[1] = moved.plan.dates[1].model_copy(update={"date": dt.date(2027, 3, 4)})
    after = _events(ics.dumps_plan_ics(moved, now=NOW + dt.timedelta(hours=1)))
    assert str(after[1]["uid"]) == str(before[1]["uid"])
    assert int(after[1]["sequence"]) > int(before[1]["sequence"])


def test_ics_of_the_next_meeting_updates_the_same_events_as_the_fourth_meetings() -> None:
    from erfakit.core.next_meeting import next_meeting_session

    session = make_session()
    fourth = {str(e["uid"]): e for e in _events(ics.dumps_plan_ics(session, now=NOW))}
    following = next_meeting_session(session, today=dt.date(2026, 12, 3))
    following.plan.dates[0] = following.plan.dates[0].model_copy(update={"date": dt.date(2027, 3, 4)})
    later = _events(ics.dumps_plan_ics(following, now=NOW + dt.timedelta(days=40)))
    for event in later:
        uid = str(event["uid"])
        assert uid in fourth, "the koordinationsmøde's calendar updates the events of meeting 4's calendar"
        assert int(event["sequence"]) > int(fourth[uid]["sequence"])
    assert later[0].decoded("dtstart").date() == dt.date(2027, 3, 4)


def test_ics_cancels_the_events_of_dates_taken_out_of_the_plan() -> None:
    session = make_session()
    removed = session.plan.dates.pop(1)
    session.plan.cancelled.append(removed)
    events = {str(e["uid"]): e for e in _events(ics.dumps_plan_ics(session, now=NOW))}
    assert str(events[removed.uid]["status"]) == "CANCELLED"
    assert [str(e["status"]) for uid, e in events.items() if uid != removed.uid] == ["CONFIRMED", "CONFIRMED"]


def test_ics_carries_participants_as_attendees_by_name_and_the_address_only_when_given() -> None:
    session = make_session()
    session.participants[1].name = 'Ulla "U" Udlejer; =1+1, og\nco'
    session.participants.append(Participant(function=Function.BOLIGSOCIAL, name="Bo Social", email="bo@example.dk"))
    data = ics.dumps_plan_ics(session, now=NOW)
    [event, *_] = _events(data)
    attendees = {str(a.params["CN"]): str(a) for a in event["attendee"]}
    assert attendees == {
        "Dorte Drift": "invalid:nomail",
        "Ulla 'U' Udlejer; =1+1, og co": "invalid:nomail",
        "Bo Social": "mailto:bo@example.dk",
    }
    assert all(a.params["RSVP"] == "FALSE" for a in event["attendee"])
    description = str(event["description"])
    assert "Drift: Dorte Drift" in description and "Boligsocial: Bo Social" in description
    assert "1. Status på aftalerne (" in description and "5. Næste møde og referat (" in description


def test_ics_leaves_a_participant_without_a_name_out_of_the_attendees() -> None:
    data = ics.dumps_plan_ics(make_session(), now=NOW)
    # Dorte Drift on each of the three events; the participant from Udlejning has no name.
    assert data.count(b"\r\nATTENDEE;") == 3
    assert data.count(b'CN="Dorte Drift"') == 3


def test_ics_another_meeting_gets_other_uids() -> None:
    other = make_session()
    other.meeting.afdeling = "Afdeling 10"
    ours = {str(e["uid"]) for e in _events(ics.dumps_plan_ics(make_session(), now=NOW))}
    theirs = {str(e["uid"]) for e in _events(ics.dumps_plan_ics(other, now=NOW))}
    assert not ours & theirs


def test_ics_has_the_properties_rfc_5545_requires() -> None:
    data = ics.dumps_plan_ics(make_session(), now=NOW)
    calendar = Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    assert calendar["prodid"]
    for event in calendar.walk("VEVENT"):
        for required in ("uid", "dtstamp", "dtstart"):
            assert required in event
        assert event.decoded("dtstamp") == NOW
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_ics_without_dates_is_a_danish_error() -> None:
    with pytest.raises(ErfakitError, match="ingen datoer"):
        ics.dumps_plan_ics(make_session(plan=MeetingPlan()), now=NOW)


def test_demo_calendar_avoids_danish_public_holidays(tmp_path) -> None:
    from erfakit.demo import prepare_demo
    from erfakit.io.meeting_file.document import load_session

    session = load_session(prepare_demo(tmp_path, filled=True))
    events = _events(ics.dumps_plan_ics(session, now=NOW))
    days = [event.decoded("dtstart").date() for event in events]
    danish = holidays.Denmark(years={day.year for day in days})
    assert days, "the demo meeting has a plan"
    assert [day for day in days if day in danish] == []


# --- files ---------------------------------------------------------------------------------------


def test_writers_put_whole_files_with_normal_permissions(tmp_path) -> None:
    session = make_session()
    written = [
        action_list.write_actions_xlsx(session, tmp_path / "a.xlsx"),
        action_list.write_actions_csv(session, tmp_path / "a.csv"),
        ics.write_plan_ics(session, tmp_path / "sub" / "a.ics", now=NOW),
    ]
    for path in written:
        assert path.stat().st_size > 0
        assert path.stat().st_mode & 0o044, "readable by others, as the umask allows"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.csv", "a.ics", "a.xlsx", "sub"]


def test_a_folder_that_cannot_be_written_is_a_danish_error_naming_the_file(tmp_path) -> None:
    blocker = tmp_path / "ikke-en-mappe"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "aftaler.csv"
    with pytest.raises(ErfakitError) as caught:
        action_list.write_actions_csv(make_session(), target)
    assert f"Kunne ikke skrive {target}" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ikke-en-mappe"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_typed_text_survives_csv_and_never_reaches_excel_as_a_formula(typed: str) -> None:
    agreement = Agreement(text=typed, theme=Theme.FAELLESAREALER, origin=Origin.OVELSE3, responsible_person=typed)
    data = action_list.dumps_actions_csv(make_session(agreements=[agreement]))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 3  # the header, the agreement, the project
    cell = rows[1][5]
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in (typed, "'" + typed)
    assert action_list.unneutralise_cell(cell) == typed
