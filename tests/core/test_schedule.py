"""Øvelse 3's meeting plan (dates that avoid Danish holidays) and the agenda's minutes.

`holidays.Denmark` counts nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi
himmelfartsdag, pinsedag, 2. pinsedag, juledag and 2. juledag (store bededag only up to 2023).
The kit also blocks grundlovsdag, juleaftensdag and nytårsaftensdag (the package's "optional"
days most workplaces close) and the Friday after Kristi himmelfartsdag. School holidays and 1. maj
are the user's closure days or periods.
"""

from __future__ import annotations

import datetime as dt

import pytest

from erfakit.core.model import ClosurePeriod, MeetingPlan, PartId, PlannedMeeting, default_agenda
from erfakit.core.schedule import (
    FOURTH_MEETING_PARTS,
    add_months,
    agenda_is_valid,
    agenda_problems,
    agenda_slots,
    blocked_days,
    blocked_reason,
    describe_plan,
    fit_agenda,
    format_clock,
    nth_weekday,
    plan_meeting_dates,
    plan_warnings,
    replan,
    skipped_meeting_dates,
    week_working_days,
    working_days_between,
)

TODAY = dt.date(2026, 11, 26)  # a Thursday
MON, TUE, WED, THU, FRI = range(5)


def dates(plan: MeetingPlan, today: dt.date = TODAY) -> list[dt.date]:
    return [meeting.date for meeting in plan_meeting_dates(plan, today=today)]


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2027, 5, 6), "Kristi himmelfartsdag"),
        (dt.date(2027, 5, 17), "Anden pinsedag"),
        (dt.date(2027, 3, 29), "Anden påskedag"),
        (dt.date(2027, 3, 25), "Skærtorsdag"),
        (dt.date(2027, 6, 5), "Grundlovsdag"),
        (dt.date(2026, 12, 24), "Juleaftensdag"),
        (dt.date(2026, 12, 31), "Nytårsaften"),
    ],
)
def test_danish_holidays_and_customary_days_off_are_blocked_by_name(day: dt.date, name: str) -> None:
    assert blocked_days([day.year])[day] == name


def test_store_bededag_is_blocked_until_2023_only() -> None:
    assert dt.date(2023, 5, 5) in blocked_days([2023])
    assert dt.date(2024, 4, 26) not in blocked_days([2024])
    assert dt.date(2027, 4, 23) not in blocked_days([2027])


def test_first_of_may_and_school_holidays_are_not_blocked_unless_added_as_closure_days() -> None:
    assert dt.date(2027, 5, 3) not in blocked_days([2027])
    assert blocked_days([2027], [dt.date(2027, 2, 17)])[dt.date(2027, 2, 17)] == "lukkedag"


def test_blocked_reason_names_weekends_holidays_and_closure_days_in_the_chosen_language() -> None:
    assert blocked_reason(dt.date(2027, 5, 6), lang="en") == "Ascension Day"
    assert blocked_reason(dt.date(2027, 1, 9)) == "weekend"
    assert blocked_reason(dt.date(2027, 1, 12), [dt.date(2027, 1, 12)]) == "lukkedag"
    assert blocked_reason(dt.date(2027, 1, 12)) is None


def test_no_interval_chosen_gives_no_dates() -> None:
    assert plan_meeting_dates(MeetingPlan(), today=TODAY) == []


def test_every_four_weeks_from_a_first_date_for_six_months() -> None:
    plan = MeetingPlan(interval="4w", weekday=TUE, first_date=dt.date(2027, 1, 12))
    assert dates(plan) == [dt.date(2027, 1, 12) + dt.timedelta(weeks=4 * i) for i in range(7)]
    assert dates(plan)[-1] <= add_months(dt.date(2027, 1, 12), 6)


def test_first_date_is_moved_to_the_chosen_weekday_on_or_after_it() -> None:
    plan = MeetingPlan(interval="2w", weekday=WED, first_date=dt.date(2027, 1, 11))
    assert dates(plan)[0] == dt.date(2027, 1, 13)


def test_without_a_first_date_the_first_meeting_is_about_one_interval_after_today() -> None:
    plan = MeetingPlan(interval="6w", weekday=TUE)
    first = dates(plan)[0]
    assert first.weekday() == TUE
    assert dt.timedelta(weeks=5) < first - TODAY <= dt.timedelta(weeks=6)


@pytest.mark.parametrize("interval", ["2w", "4w", "6w", "8w", "monthly"])
def test_no_planned_date_is_a_holiday_or_weekend_for_any_interval_and_weekday(interval: str) -> None:
    for weekday in range(5):
        plan = MeetingPlan(interval=interval, weekday=weekday, months=12)
        for day in dates(plan):
            assert blocked_reason(day) is None, (interval, weekday, day)


def test_a_meeting_on_kristi_himmelfartsdag_moves_to_the_wednesday_before_never_the_bridge_friday() -> None:
    plan = MeetingPlan(interval="2w", weekday=THU, first_date=dt.date(2027, 4, 22), months=1)
    meetings = plan_meeting_dates(plan, today=TODAY)
    assert [m.date for m in meetings] == [dt.date(2027, 4, 22), dt.date(2027, 5, 5), dt.date(2027, 5, 20)]
    assert meetings[1].note == "Flyttet fra torsdag 06.05.2027 (Kristi himmelfartsdag)"
    assert meetings[0].note == ""


def test_the_friday_after_kristi_himmelfartsdag_is_a_day_off_a_meeting_moves_away_from() -> None:
    assert blocked_reason(dt.date(2027, 5, 7)) == "fredag efter Kristi himmelfartsdag"
    assert blocked_reason(dt.date(2027, 5, 7), lang="en") == "Friday after Ascension Day"
    plan = MeetingPlan(interval="4w", weekday=FRI, first_date=dt.date(2027, 5, 7), months=1)
    [moved, _] = plan_meeting_dates(plan, today=TODAY)
    assert moved.date == dt.date(2027, 5, 5)  # Thursday is the holiday itself
    assert moved.note == "Flyttet fra fredag 07.05.2027 (fredag efter Kristi himmelfartsdag)"


def test_a_blocked_monday_moves_to_tuesday_and_a_tie_goes_to_the_later_day() -> None:
    # 2. pinsedag (Monday 17 May 2027): only later days are in the week.
    assert dates(MeetingPlan(interval="4w", weekday=MON, first_date=dt.date(2027, 5, 17), months=1))[0] == dt.date(
        2027, 5, 18
    )
    # Grundlovsdag on a Wednesday (5 June 2030): Tuesday and Thursday are as near; Thursday is taken.
    plan = MeetingPlan(interval="4w", weekday=WED, first_date=dt.date(2030, 6, 5), months=1)
    assert dates(plan)[0] == dt.date(2030, 6, 6)


def test_a_moved_meeting_does_not_shift_the_rhythm_of_the_rest() -> None:
    plan = MeetingPlan(interval="2w", weekday=MON, first_date=dt.date(2027, 5, 3), months=1)
    assert dates(plan) == [dt.date(2027, 5, 3), dt.date(2027, 5, 18), dt.date(2027, 5, 31)]


def test_a_meeting_on_skaertorsdag_moves_to_the_wednesday_before() -> None:
    plan = MeetingPlan(interval="2w", weekday=THU, first_date=dt.date(2027, 3, 11), months=1)
    assert dates(plan) == [dt.date(2027, 3, 11), dt.date(2027, 3, 24), dt.date(2027, 4, 8)]


def test_a_meeting_with_no_working_day_left_in_its_week_is_skipped_and_reported() -> None:
    # Påskeferie closed Monday to Wednesday, then skærtorsdag and langfredag: nothing left of that week.
    easter = ClosurePeriod(start=dt.date(2027, 3, 22), end=dt.date(2027, 3, 24), label="påskeferie")
    plan = MeetingPlan(interval="2w", weekday=THU, first_date=dt.date(2027, 3, 11), months=1, closure_periods=[easter])
    assert dates(plan) == [dt.date(2027, 3, 11), dt.date(2027, 4, 8)]
    assert skipped_meeting_dates(plan, today=TODAY) == [
        "25.03.2027 er sprunget over (Skærtorsdag); der er ingen anden hverdag samme uge"
    ]


def test_a_closure_period_entered_as_a_range_blocks_its_working_days_by_its_name() -> None:
    summer = ClosurePeriod(start=dt.date(2027, 7, 5), end=dt.date(2027, 7, 23), label="Sommerferie")
    assert blocked_reason(dt.date(2027, 7, 14), closure_periods=[summer]) == "Sommerferie"
    assert blocked_reason(dt.date(2027, 7, 26), closure_periods=[summer]) is None
    unnamed = ClosurePeriod(start=dt.date(2027, 10, 18), end=dt.date(2027, 10, 22))
    plan = MeetingPlan(interval="2w", weekday=TUE, first_date=dt.date(2027, 10, 5), months=1, closure_periods=[unnamed])
    assert dates(plan) == [dt.date(2027, 10, 5), dt.date(2027, 11, 2)]
    assert skipped_meeting_dates(plan, today=TODAY) == [
        "19.10.2027 er sprunget over (lukket periode); der er ingen anden hverdag samme uge"
    ]
    with pytest.raises(ValueError):
        ClosurePeriod(start=dt.date(2027, 7, 23), end=dt.date(2027, 7, 5))


def test_a_meeting_on_new_years_eve_moves_back_not_onto_new_years_day() -> None:
    # Every regular date lies in 2026; the holidays of 2027 must be known all the same.
    plan = MeetingPlan(interval="2w", weekday=THU, first_date=dt.date(2026, 12, 3), months=1)
    assert dates(plan) == [dt.date(2026, 12, 3), dt.date(2026, 12, 17), dt.date(2026, 12, 30)]


def test_a_meeting_on_new_years_day_may_move_back_across_the_year_but_not_onto_new_years_eve() -> None:
    plan = MeetingPlan(interval="4w", weekday=FRI, first_date=dt.date(2027, 1, 1), months=1)
    assert dates(plan)[0] == dt.date(2026, 12, 30)


def test_dates_in_july_and_the_weeks_around_christmas_are_kept_with_a_warning() -> None:
    planned = [
        PlannedMeeting(date=day)
        for day in (dt.date(2027, 6, 30), dt.date(2027, 7, 1), dt.date(2026, 12, 21), dt.date(2026, 1, 2))
    ]
    assert plan_warnings(planned) == [
        "02.01.2026 ligger i ugerne omkring jul og nytår, hvor mange holder fri. Overvej en anden dato.",
        "21.12.2026 ligger i ugerne omkring jul og nytår, hvor mange holder fri. Overvej en anden dato.",
        "01.07.2027 ligger i juli, hvor mange holder sommerferie. Overvej en anden dato.",
    ]
    # The week after New Year's week is an ordinary week again (2027: 1 January is in week 53).
    assert plan_warnings([PlannedMeeting(date=dt.date(2027, 1, 5)), PlannedMeeting(date=dt.date(2026, 12, 14))]) == []
    assert "July" in plan_warnings([PlannedMeeting(date=dt.date(2027, 7, 8))], "en")[0]


def test_a_plan_made_anew_keeps_its_calendar_uids_in_date_order_and_cancels_the_rest() -> None:
    before = plan_meeting_dates(MeetingPlan(interval="4w", weekday=TUE, first_date=dt.date(2027, 1, 12)), today=TODAY)
    after = plan_meeting_dates(MeetingPlan(interval="8w", weekday=WED, first_date=dt.date(2027, 1, 13)), today=TODAY)
    dates_, cancelled = replan(before, after)
    assert [p.uid for p in dates_] == [p.uid for p in before[: len(after)]]
    assert [p.date for p in dates_] == [p.date for p in after]
    assert cancelled == before[len(after) :]


def test_closure_days_are_avoided_like_holidays() -> None:
    plan = MeetingPlan(
        interval="4w", weekday=TUE, first_date=dt.date(2027, 1, 12), closure_days=[dt.date(2027, 2, 9)], months=2
    )
    assert dates(plan) == [dt.date(2027, 1, 12), dt.date(2027, 2, 10), dt.date(2027, 3, 9)]


def test_a_school_holiday_week_becomes_its_five_working_days() -> None:
    vinterferie = week_working_days(2027, 7)
    assert vinterferie == [dt.date(2027, 2, 15) + dt.timedelta(days=i) for i in range(5)]
    assert working_days_between(dt.date(2027, 7, 2), dt.date(2027, 6, 28)) == [
        dt.date(2027, 6, 28),
        dt.date(2027, 6, 29),
        dt.date(2027, 6, 30),
        dt.date(2027, 7, 1),
        dt.date(2027, 7, 2),
    ]
    assert working_days_between(dt.date(2027, 7, 3), dt.date(2027, 7, 4)) == []


def test_meetings_in_a_closed_school_holiday_week_are_skipped() -> None:
    plan = MeetingPlan(
        interval="2w", weekday=TUE, first_date=dt.date(2027, 2, 2), months=1, closure_days=week_working_days(2027, 7)
    )
    assert dates(plan) == [dt.date(2027, 2, 2), dt.date(2027, 3, 2)]


def test_monthly_without_a_first_date_is_the_first_weekday_of_each_month_from_next_month() -> None:
    plan = MeetingPlan(interval="monthly", weekday=TUE)
    assert dates(plan) == [
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 5),
        dt.date(2027, 2, 2),
        dt.date(2027, 3, 2),
        dt.date(2027, 4, 6),
        dt.date(2027, 5, 4),
    ]


def test_monthly_keeps_the_first_dates_ordinal_and_a_fifth_weekday_means_the_last() -> None:
    third = MeetingPlan(interval="monthly", weekday=WED, first_date=dt.date(2027, 1, 20), months=3)
    assert dates(third) == [dt.date(2027, 1, 20), dt.date(2027, 2, 17), dt.date(2027, 3, 17)]
    last = MeetingPlan(interval="monthly", weekday=TUE, first_date=dt.date(2027, 3, 30), months=2)
    assert dates(last) == [dt.date(2027, 3, 30), dt.date(2027, 4, 27), dt.date(2027, 5, 25)]


def test_meetings_carry_the_plans_time_and_place() -> None:
    plan = MeetingPlan(interval="8w", weekday=TUE, start_time=dt.time(9, 30), place="Hovedkontoret")
    meeting = plan_meeting_dates(plan, today=TODAY)[0]
    assert (meeting.start_time, meeting.place) == (dt.time(9, 30), "Hovedkontoret")


def test_moved_note_is_english_when_asked() -> None:
    plan = MeetingPlan(interval="2w", weekday=THU, first_date=dt.date(2027, 5, 6), months=1)
    assert plan_meeting_dates(plan, today=TODAY, lang="en")[0].note == "Moved from Thursday 06/05/2027 (Ascension Day)"


def test_plan_is_described_in_words() -> None:
    assert describe_plan(MeetingPlan(interval="4w", weekday=TUE)) == "Hver 4. uge om tirsdagen kl. 14.00"
    monthly = MeetingPlan(interval="monthly", weekday=THU, first_date=dt.date(2027, 1, 28))
    assert describe_plan(monthly) == "Den fjerde torsdag i måneden kl. 14.00"
    assert describe_plan(monthly, "en") == "The fourth Thursday of the month at 14:00"
    assert describe_plan(MeetingPlan()) == "Ingen mødefrekvens valgt endnu"


def test_calendar_helpers_handle_month_ends() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 26), 6) == dt.date(2027, 5, 26)
    assert nth_weekday(2027, 3, TUE, -1) == dt.date(2027, 3, 30)
    assert nth_weekday(2027, 3, MON, 1) == dt.date(2027, 3, 1)


# --- Agenda -------------------------------------------------------------------------------------


def test_default_agenda_fills_the_two_hours_exactly() -> None:
    assert agenda_is_valid(default_agenda(), 120)
    assert agenda_problems(default_agenda(), 120) == []


def test_agenda_that_does_not_sum_to_the_duration_says_by_how_much() -> None:
    agenda = {**default_agenda(), PartId.OVELSE1: 50}
    assert not agenda_is_valid(agenda, 120)
    assert agenda_problems(agenda, 120) == [
        "Dagsordenens tider giver 130 minutter, men mødet varer 120 minutter (10 minutter for meget)."
    ]
    assert "5 minutes too few" in agenda_problems({**default_agenda(), PartId.AFSLUTNING: 0}, 120, "en")[0]


def test_agenda_missing_a_part_or_with_negative_minutes_is_invalid() -> None:
    agenda = default_agenda()
    del agenda[PartId.AFSLUTNING]
    agenda[PartId.OVELSE1] += 5
    assert agenda_problems(agenda, 120) == ["Dagsordenen mangler en tid til »Afslutning og referat«."]
    negative = {**default_agenda(), PartId.VELKOMMEN: -5, PartId.OVELSE1: 60}
    assert not agenda_is_valid(negative, 120)


@pytest.mark.parametrize("duration", [15, 90, 120, 121, 180, 600])
def test_fitted_agenda_always_sums_to_the_duration_and_keeps_proportions(duration: int) -> None:
    fitted = fit_agenda(default_agenda(), duration)
    assert sum(fitted.values()) == duration
    assert list(fitted) == list(FOURTH_MEETING_PARTS)
    if duration >= 120:
        assert fitted[PartId.OVELSE1] >= fitted[PartId.OVELSE3] >= fitted[PartId.AFSLUTNING]


def test_fitted_agenda_of_zeros_is_spread_evenly() -> None:
    assert fit_agenda(dict.fromkeys(FOURTH_MEETING_PARTS, 0), 100) == dict.fromkeys(FOURTH_MEETING_PARTS, 20)


def test_agenda_slots_run_back_to_back_from_the_start() -> None:
    slots = agenda_slots(default_agenda(), dt.datetime(2026, 12, 3, 14, 0))
    assert [slot.part for slot in slots] == list(FOURTH_MEETING_PARTS)
    assert slots[1].start == dt.datetime(2026, 12, 3, 14, 15)
    assert slots[-1].end == dt.datetime(2026, 12, 3, 16, 0)
    assert slots[1].clock_text() == "kl. 14.15–14.55"
    assert slots[1].clock_text("en") == "14:15–14:55"


def test_clock_counts_down_and_goes_negative_when_over_time() -> None:
    assert format_clock(dt.timedelta(minutes=40) - dt.timedelta(minutes=12, seconds=55)) == "27:05"
    assert format_clock(dt.timedelta(minutes=40) - dt.timedelta(minutes=41, seconds=30)) == "−1:30"
    assert format_clock(dt.timedelta(0)) == "0:00"
