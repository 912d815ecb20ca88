"""The koordinationsmøde's forms: its own parts, the status round, new agreements and projects with
readable ids, the topics, the plan's closure periods and warnings, the export of the next file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from uihelpers import TODAY, find, on_disk_within, one, prepared_session, reload, shown_text, visit

from erfakit.core.agreements import record_status
from erfakit.core.model import (
    AgreementStatus,
    MeetingKind,
    MeetingPlan,
    Origin,
    PartId,
    PlannedMeeting,
    Project,
    Theme,
)
from erfakit.core.next_meeting import follow_up_session
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.ui.app import MeetingApp

MEETING = dt.date(2027, 1, 14)


@pytest.fixture
def koordination_path(tmp_path: Path) -> Path:
    """A koordinationsmøde following a fourth meeting: two open agreements, one done, a project."""
    fourth = prepared_session()
    fourth.agreements[1].status = AgreementStatus.DONE
    fourth.agreements[0].id = "A7-2026-09-24-01"
    fourth.agreements[1].id = "A7-2026-09-24-02"
    fourth.agreements.append(
        fourth.agreements[0].model_copy(
            update={"id": "A7-2026-12-03-01", "text": "Workshop for unge", "theme": Theme.BEBOERDEMOKRATI}
        )
    )
    fourth.topics.meet_about = "Genhusningen i etape 2"
    fourth.topics.projects = [Project(id="A7-2026-12-03-P01", title="Velkomstpakke", made_on=TODAY)]
    fourth.plan = MeetingPlan(
        interval="6w",
        weekday=3,
        duration_minutes=90,
        dates=[PlannedMeeting(date=MEETING), PlannedMeeting(date=dt.date(2027, 2, 25))],
    )
    path = tmp_path / "koordination.json"
    save_session(follow_up_session(fourth, date=MEETING), path)
    return path


@pytest.fixture
def app(koordination_path: Path):
    meeting = MeetingApp(koordination_path, lang="da", today=lambda: MEETING)
    yield meeting
    meeting.close()


def test_a_koordinationsmoede_opens_on_its_status_round_with_its_own_five_parts(app):
    assert app.session.kind == MeetingKind.KOORDINATION
    bar = app.navigation.widget
    # Short names keep the bar on one line; the tooltip has the number and the full name.
    assert [button.description for button in bar.children] == [
        "Status",
        "Emner",
        "Projekter",
        "Nye aftaler",
        "Næste møde",
    ]
    assert [button.tooltip for button in bar.children] == [
        "1. Status på aftalerne",
        "2. Det, vi mødes om",
        "3. Fælles projekter",
        "4. Nye aftaler",
        "5. Næste møde og referat",
    ]
    assert app.navigation.current == PartId.STATUS
    assert not find(bar, "erfakit-nav-ovelse1")
    screen = app.show_part(PartId.STATUS)
    assert one(screen, "erfakit-status-round-agreements")


def test_the_status_round_shows_the_open_agreements_by_theme_and_folds_the_closed_away(app):
    screen = visit(app, "status")
    round_ = one(screen, "erfakit-status-round-agreements")
    shown = shown_text(round_)
    assert "Boligforhold under renoveringen" in shown and "Beboerdemokrati" in shown
    closed = one(round_, "erfakit-status-closed")
    assert closed.selected_index is None, "the closed agreements are folded away"
    assert closed.get_title(0) == "Afsluttede og opgivne aftaler (1)"
    assert find(closed, "erfakit-status-row-A7-2026-09-24-02")
    assert len(find(round_, "erfakit-status-row")) == 3


def test_each_row_says_the_last_status_given_in_words_with_its_date(tmp_path: Path):
    fourth = prepared_session()
    fourth.agreements[0] = record_status(
        fourth.agreements[0], date=TODAY, status=AgreementStatus.IN_PROGRESS, note="Listen er sendt rundt"
    )
    fourth.plan = MeetingPlan(dates=[PlannedMeeting(date=MEETING)])
    path = tmp_path / "koordination.json"
    save_session(follow_up_session(fourth, date=MEETING), path)
    meeting = MeetingApp(path, lang="da", today=lambda: MEETING)
    try:
        row = one(visit(meeting, "status"), f"erfakit-status-row-{fourth.agreements[0].id}")
        when = f"{TODAY.day:02d}.{TODAY.month:02d}.{TODAY.year}"
        assert f"Sidste status {when}: I gang – Listen er sendt rundt" in shown_text(row)
    finally:
        meeting.close()


def test_status_note_and_new_deadline_are_saved_as_one_history_entry_of_this_meeting(app, koordination_path):
    screen = visit(app, "status")
    row = one(screen, "erfakit-status-row-A7-2026-09-24-01")
    one(row, "erfakit-status-status").value = AgreementStatus.IN_PROGRESS
    one(row, "erfakit-status-note").value = "Første møde holdt"
    one(row, "erfakit-status-deadline").value = dt.date(2027, 3, 1)
    one(row, "erfakit-status-status").value = AgreementStatus.DONE
    saved = on_disk_within(koordination_path, lambda s: s.agreements[0].history and s.agreements[0].history[-1].note)
    agreement = saved.agreements[0]
    assert agreement.status == AgreementStatus.DONE and agreement.deadline == dt.date(2027, 3, 1)
    [change] = agreement.history
    assert (change.date, change.status, change.note, change.new_deadline) == (
        MEETING,
        AgreementStatus.DONE,
        "Første møde holdt",
        dt.date(2027, 3, 1),
    )
    assert change.meeting == "Koordinationsmøde (14. januar 2027)"
    assert one(screen, "erfakit-status-row-A7-2026-09-24-01") is row, "the row stays under the tovholder's hand"


def test_a_new_deadline_before_the_meeting_is_refused_in_danish_and_not_saved(app, koordination_path):
    screen = visit(app, "status")
    row = one(screen, "erfakit-status-row-A7-2026-09-24-01")
    one(row, "erfakit-status-deadline").value = dt.date(2026, 12, 1)
    assert "ligger før mødet" in one(screen, "erfakit-status-round-agreements").children[1].value
    app.close()
    assert reload(koordination_path).agreements[0].deadline is None


def test_new_agreements_get_readable_ids_from_this_meeting_and_a_number_is_never_given_twice(app, koordination_path):
    screen = visit(app, "nye_aftaler")
    editor = one(screen, "erfakit-agreements-koordination")
    for words in ("Fælles affaldsplan", "Ny skiltning"):
        one(editor, "erfakit-agreement-text").value = words
        one(editor, "erfakit-agreement-add").click()
    first_ids = [a.id for a in reload(koordination_path).agreements if a.origin == Origin.KOORDINATION]
    assert first_ids == ["A7-2027-01-14-01", "A7-2027-01-14-02"]
    one(editor, "erfakit-agreement-list").value = "A7-2027-01-14-02"
    one(editor, "erfakit-agreement-delete").click()
    one(editor, "erfakit-agreement-text").value = "Tredje aftale"
    one(editor, "erfakit-agreement-add").click()
    saved = reload(koordination_path)
    made = {a.id: a for a in saved.agreements if a.origin == Origin.KOORDINATION}
    assert set(made) == {"A7-2027-01-14-01", "A7-2027-01-14-03"}
    assert made["A7-2027-01-14-03"].made_on == MEETING
    # The new agreements join the status round (made today, nothing to follow up yet) at once.
    assert find(visit(app, "status"), "erfakit-status-row-A7-2027-01-14-03")


def test_projects_get_a_status_round_and_new_ones_an_id_with_p(app, koordination_path):
    screen = visit(app, "projekter")
    row = one(screen, "erfakit-status-row-A7-2026-12-03-P01")
    one(row, "erfakit-status-status").value = AgreementStatus.IN_PROGRESS
    one(screen, "erfakit-project-title").value = "Sommerfest"
    one(screen, "erfakit-project-add").click()
    saved = on_disk_within(koordination_path, lambda s: len(s.topics.projects) == 2)
    assert saved.topics.projects[0].status == AgreementStatus.IN_PROGRESS
    assert saved.topics.projects[0].history[-1].date == MEETING
    assert saved.topics.projects[1].id == "A7-2027-01-14-P01"


def test_the_topics_come_from_oevelse_3_and_todays_notes_are_saved_beside_them(app, koordination_path):
    screen = visit(app, "emner")
    assert one(screen, "erfakit-topics-meet-about").value == "Genhusningen i etape 2"
    one(screen, "erfakit-answer-k-meet-about").value = "Etape 2 starter i marts"
    saved = on_disk_within(koordination_path, lambda s: s.answers.get("k.meet_about"))
    assert saved.answers["k.meet_about"] == "Etape 2 starter i marts"


def test_the_export_writes_the_next_koordinationsmoede_with_the_history_of_today(app, koordination_path):
    screen = visit(app, "status")
    one(one(screen, "erfakit-status-row-A7-2026-09-24-01"), "erfakit-status-note").value = "Godt i gang"
    closing = visit(app, "naeste")
    assert "af 4 aftaler og projekter er fulgt op i dag" in one(closing, "erfakit-summary").value
    one(closing, "erfakit-export-report").click()
    result = one(closing, "erfakit-export-result").value
    assert "naeste-moede-afdeling-7-opfundne-have-2027-02-25.json" in result
    [following] = [p for p in koordination_path.parent.glob("naeste-moede-*.json")]
    nxt = load_session(following)
    assert nxt.kind == MeetingKind.KOORDINATION and nxt.meeting.date == dt.date(2027, 2, 25)
    assert nxt.agreements[0].history[-1].note == "Godt i gang"


def test_a_closure_period_moves_the_dates_and_july_is_warned_about(tmp_path: Path):
    path = tmp_path / "moede.json"
    save_session(prepared_session(), path)
    app = MeetingApp(path, lang="da", today=lambda: TODAY)
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-weekday").value = 1
    one(screen, "erfakit-plan-first-date").value = dt.date(2027, 6, 1)
    one(screen, "erfakit-plan-interval").value = "2w"
    one(screen, "erfakit-plan-closure-date").value = dt.date(2027, 6, 28)
    one(screen, "erfakit-plan-closure-end").value = dt.date(2027, 7, 9)
    one(screen, "erfakit-plan-closure-label").value = "Sommerferie"
    one(screen, "erfakit-plan-closure-add-period").click()
    saved = on_disk_within(path, lambda s: s.plan.closure_periods)
    assert saved.plan.closure_periods[0].label == "Sommerferie"
    days = [p.date for p in saved.plan.dates]
    assert not [day for day in days if dt.date(2027, 6, 28) <= day <= dt.date(2027, 7, 9)]
    summary = one(screen, "erfakit-plan-summary").value
    assert "27.07.2027 ligger i juli" in summary
    assert "Sommerferie" in shown_text(one(screen, "erfakit-plan-closures"))
    app.close()


def test_a_date_from_the_file_taken_out_of_the_plan_is_kept_for_the_calendar_to_cancel(app, koordination_path):
    screen = visit(app, "naeste")
    uid = reload(koordination_path).plan.dates[0].uid
    find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date-remove")[0].click()
    saved = reload(koordination_path)
    assert saved.plan.dates == [] and [p.uid for p in saved.plan.cancelled] == [uid]
    one(screen, "erfakit-plan-date-add").click()  # a date added by hand and removed again
    find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date-remove")[0].click()
    assert [p.uid for p in reload(koordination_path).plan.cancelled] == [uid], "it was in no calendar yet"


def test_the_fourth_meetings_recap_records_a_status_change_in_the_agreements_history(tmp_path: Path):
    path = tmp_path / "moede.json"
    save_session(prepared_session(), path)
    app = MeetingApp(path, lang="da", today=lambda: TODAY)
    agreement = reload(path).agreements[0]
    one(visit(app, "ovelse3"), f"erfakit-agreement-status-{agreement.id}").value = AgreementStatus.IN_PROGRESS
    [change] = reload(path).agreements[0].history
    assert (change.date, change.status) == (TODAY, AgreementStatus.IN_PROGRESS)
    assert change.meeting.startswith("Erfaringsgruppe 4")
    app.close()
    assert record_status(agreement, date=TODAY, status=AgreementStatus.IN_PROGRESS).history[0].status == change.status
