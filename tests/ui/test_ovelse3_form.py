"""Øvelse 3's form: the recap by theme with status, the meeting plan as dates, topics and projects."""

from __future__ import annotations

import datetime as dt

from uihelpers import find, on_disk_within, one, reload, shown_text, submit, visit

from erfakit.core.model import AgreementStatus, Function, Theme


def test_all_agreements_are_grouped_under_the_four_themes(app):
    screen = visit(app, "ovelse3")
    recap = one(screen, "erfakit-recap")
    for theme in Theme:
        assert one(recap, f"erfakit-recap-{theme.value}")
    assert "Fælles infomøde om genhusning" in shown_text(one(recap, "erfakit-recap-boligforhold"))
    assert "Erfaringsgruppe 3" in shown_text(one(recap, "erfakit-recap-boligforhold"))
    assert "Ingen aftaler om dette tema endnu." in shown_text(one(recap, "erfakit-recap-beboerdemokrati"))


def test_todays_agreements_from_ovelse1_appear_in_the_recap_at_once(app):
    o1 = visit(app, "ovelse1")
    screen = visit(app, "ovelse3")
    one(o1, "erfakit-agreement-text").value = "Tur med beboerdemokraterne"
    one(o1, "erfakit-agreement-add").click()
    democracy = one(screen, "erfakit-recap-beboerdemokrati")
    assert len(find(democracy, "erfakit-agreement-status")) == 1


def test_a_status_change_is_saved_and_keeps_the_dropdown(app, meeting_path):
    screen = visit(app, "ovelse3")
    agreement_id = reload(meeting_path).agreements[0].id
    status = one(screen, f"erfakit-agreement-status-{agreement_id}")
    status.value = AgreementStatus.DONE
    assert reload(meeting_path).agreements[0].status is AgreementStatus.DONE
    assert one(screen, f"erfakit-agreement-status-{agreement_id}") is status


def test_a_meeting_frequency_becomes_dates_that_skip_danish_holidays(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-weekday").value = 3  # Thursday
    one(screen, "erfakit-plan-first-date").value = dt.date(2027, 3, 11)
    one(screen, "erfakit-plan-interval").value = "2w"
    one(screen, "erfakit-plan-place").value = "Hovedkontoret"
    saved = on_disk_within(meeting_path, lambda s: len(s.plan.dates) > 5 and s.plan.place == "Hovedkontoret")
    days = [meeting.date for meeting in saved.plan.dates]
    assert days[:4] == [dt.date(2027, 3, 11), dt.date(2027, 4, 8), dt.date(2027, 4, 22), dt.date(2027, 5, 7)]
    # Skærtorsdag and langfredag (25/26 March) leave no day that week; Kristi himmelfart moves to Friday.
    assert "Kristi himmelfartsdag" in saved.plan.dates[3].note
    assert all(meeting.place == "Hovedkontoret" for meeting in saved.plan.dates)
    pickers = find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date")
    assert [picker.value for picker in pickers] == days
    assert "25.03.2027" in one(screen, "erfakit-plan-summary").value


def test_a_plan_date_can_be_moved_removed_and_added(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-first-date").value = dt.date(2027, 1, 5)
    one(screen, "erfakit-plan-interval").value = "monthly"
    count = len(on_disk_within(meeting_path, lambda s: len(s.plan.dates) >= 5).plan.dates)
    first = find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date")[0]
    first.value = dt.date(2027, 1, 7)
    on_disk_within(meeting_path, lambda s: s.plan.dates[0].date == dt.date(2027, 1, 7))
    find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date-remove")[0].click()
    assert len(reload(meeting_path).plan.dates) == count - 1
    one(screen, "erfakit-plan-date-add").click()
    assert len(reload(meeting_path).plan.dates) == count


def test_a_closure_day_moves_or_removes_the_meeting_on_it(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-weekday").value = 1
    one(screen, "erfakit-plan-first-date").value = dt.date(2027, 1, 5)
    one(screen, "erfakit-plan-interval").value = "4w"
    on_disk_within(meeting_path, lambda s: dt.date(2027, 2, 2) in [m.date for m in s.plan.dates])
    one(screen, "erfakit-plan-closure-date").value = dt.date(2027, 2, 2)
    one(screen, "erfakit-plan-closure-add").click()
    saved = reload(meeting_path)
    assert saved.plan.closure_days == [dt.date(2027, 2, 2)]
    assert dt.date(2027, 2, 2) not in [m.date for m in saved.plan.dates]
    find(one(screen, "erfakit-plan-closures"), "erfakit-plan-closure-remove")[0].click()
    assert dt.date(2027, 2, 2) in [m.date for m in reload(meeting_path).plan.dates]


def test_a_school_holiday_week_is_closed_with_one_click(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-weekday").value = 1
    one(screen, "erfakit-plan-first-date").value = dt.date(2027, 2, 2)
    one(screen, "erfakit-plan-interval").value = "2w"
    on_disk_within(meeting_path, lambda s: dt.date(2027, 2, 16) in [m.date for m in s.plan.dates])
    one(screen, "erfakit-plan-closure-date").value = dt.date(2027, 2, 17)  # vinterferie, uge 7
    one(screen, "erfakit-plan-closure-add-week").click()
    saved = reload(meeting_path)
    assert saved.plan.closure_days == [dt.date(2027, 2, 15) + dt.timedelta(days=i) for i in range(5)]
    assert not [m.date for m in saved.plan.dates if dt.date(2027, 2, 15) <= m.date <= dt.date(2027, 2, 19)]
    assert len(find(one(screen, "erfakit-plan-closures"), "erfakit-plan-closure-remove")) == 5
    one(screen, "erfakit-plan-closure-add-week").click()
    assert "Vælg først en dato" in one(screen, "erfakit-plan-message").value


def test_a_time_that_is_not_a_time_gives_a_danish_message_and_stays_typed(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-time").value = "halv tre"
    assert "er ikke et klokkeslæt" in one(screen, "erfakit-plan-message").value
    assert one(screen, "erfakit-plan-time").value == "halv tre"
    one(screen, "erfakit-plan-time").value = "9.30"
    on_disk_within(meeting_path, lambda s: s.plan.start_time == dt.time(9, 30))
    assert "erfakit-error" not in one(screen, "erfakit-plan-message").value


def test_topics_and_joint_projects_with_owner_are_saved(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-topics-meet-about").value = "Genhusningens tidsplan"
    one(screen, "erfakit-topics-want-to-know").value = "Hvem flytter hvornår"
    one(screen, "erfakit-project-title").value = "Fælles sommerfest"
    one(screen, "erfakit-project-function").value = Function.BOLIGSOCIAL
    one(screen, "erfakit-project-person").value = "Sara"
    one(screen, "erfakit-project-add").click()
    saved = on_disk_within(
        meeting_path, lambda s: s.topics.meet_about == "Genhusningens tidsplan" and s.topics.want_to_know
    )
    project = saved.topics.projects[0]
    assert (project.title, project.owner_function, project.owner_person) == (
        "Fælles sommerfest",
        Function.BOLIGSOCIAL,
        "Sara",
    )
    listing = one(screen, "erfakit-project-list")
    assert listing.options[0][0] == "Fælles sommerfest – ansvarlig: Boligsocial – Sara"
    listing.value = listing.options[0][1]
    one(screen, "erfakit-project-delete").click()
    assert reload(meeting_path).topics.projects == []


def test_a_project_without_title_is_refused_in_danish(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-project-person").value = "Sara"
    one(screen, "erfakit-project-add").click()
    assert reload(meeting_path).topics.projects == []
    assert one(screen, "erfakit-project-person").value == "Sara"


def test_changing_time_or_place_keeps_dates_moved_by_hand(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-first-date").value = dt.date(2027, 1, 5)
    one(screen, "erfakit-plan-interval").value = "monthly"
    on_disk_within(meeting_path, lambda s: len(s.plan.dates) >= 5)
    find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date")[1].value = dt.date(2027, 2, 4)
    one(screen, "erfakit-plan-place").value = "Beboerhuset"
    one(screen, "erfakit-plan-time").value = "16.30"
    saved = on_disk_within(
        meeting_path, lambda s: s.plan.dates[0].place == "Beboerhuset" and s.plan.dates[0].start_time == dt.time(16, 30)
    )
    assert saved.plan.dates[1].date == dt.date(2027, 2, 4)
    assert all(m.place == "Beboerhuset" and m.start_time == dt.time(16, 30) for m in saved.plan.dates)
    assert "kl. 16.30, Beboerhuset" in shown_text(one(screen, "erfakit-plan-dates"))


def test_a_date_moved_onto_a_holiday_is_kept_with_a_note(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-plan-first-date").value = dt.date(2026, 12, 10)
    one(screen, "erfakit-plan-interval").value = "monthly"
    on_disk_within(meeting_path, lambda s: len(s.plan.dates) >= 2)
    find(one(screen, "erfakit-plan-dates"), "erfakit-plan-date")[0].value = dt.date(2026, 12, 25)
    assert "juledag" in one(screen, "erfakit-plan-message").value.lower()
    on_disk_within(meeting_path, lambda s: s.plan.dates[0].date == dt.date(2026, 12, 25))


def test_enter_in_the_project_title_adds_the_project(app, meeting_path):
    screen = visit(app, "ovelse3")
    one(screen, "erfakit-project-title").value = "Fælles nyhedsbrev"
    submit(one(screen, "erfakit-project-title"))
    assert [p.title for p in reload(meeting_path).topics.projects] == ["Fælles nyhedsbrev"]
