"""Øvelse 3's meeting plan as concrete dates, and the meeting's agenda (minutes per part).

Which days are blocked
----------------------
A planned meeting never falls on

- a Danish public holiday as `holidays.Denmark` knows it: nytårsdag, skærtorsdag, langfredag,
  påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag, 2. juledag (and
  store bededag up to 2023 only: it was abolished from 2024);
- the days most Danish workplaces close although they are not public holidays, which the package
  lists only as "optional": grundlovsdag (5 June), juleaftensdag (24 December) and
  nytårsaftensdag (31 December) — `CUSTOMARY_DAYS_OFF`;
- the Friday after Kristi himmelfartsdag, the bridge day most workplaces and every school close
  (`bridge_days`);
- a closure day or a closure period the user added (`MeetingPlan.closure_days`,
  `MeetingPlan.closure_periods`: "Sommerferie 5.–23. juli").

What the user must add as closure days or periods themselves: school holidays (vinterferie,
påskeferie, sommerferie, efterårsferie, juleferie; the plan form's "Luk hele ugen" adds a week at
once, `week_working_days`), 1. maj if the organisation closes, and the organisation's own closing days.

A blocked date is moved to the nearest working day (Monday–Friday, not blocked) of the same week — on
a tie the later one — with a note saying from where and why; if no working day is left that week, the
date is skipped. A meeting on Kristi himmelfartsdag thus moves to the Wednesday before it, never to
the bridge day after it. The rhythm continues from the regular dates, so one moved meeting does not
shift the rest. Dates in July and in the weeks around Christmas are kept but warned about
(`plan_warnings`): many are on holiday then.

A plan's defaults come from the meeting itself (its weekday and start time: `Session` sets them);
each planned date keeps its calendar UID when the plan is made anew (`replan`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from erfakit.core.formatting import format_short_date, format_time
from erfakit.core.model import ClosurePeriod, MeetingPlan, PartId, PlannedMeeting
from erfakit.texts import label, text

CUSTOMARY_DAYS_OFF: frozenset[str] = frozenset({"Grundlovsdag", "Juleaftensdag", "Nytårsaften"})
"""Danish names (as `holidays.Denmark(language="da")` spells them) of the optional days we block."""

_INTERVAL_WEEKS = {"2w": 2, "4w": 4, "6w": 6, "8w": 8}
_HOLIDAY_LANGUAGE = {"da": "da", "en": "en_US"}


def bridge_days(years: Iterable[int], lang: str = "da") -> dict[dt.date, str]:
    """The Friday after Kristi himmelfartsdag in each of `years`, named in `lang`."""
    import holidays  # ~0.1 s: paid when a plan is made (Øvelse 3), not on the meeting's first screen

    name = text("meeting_core.plan.bridge_day", lang)
    fridays: dict[dt.date, str] = {}
    for year in sorted(set(years)):
        for day, holiday in holidays.Denmark(years=year, language="da").items():
            if holiday == "Kristi himmelfartsdag":
                fridays[day + dt.timedelta(days=1)] = name
    return fridays


def blocked_days(
    years: Iterable[int],
    closure_days: Iterable[dt.date] = (),
    lang: str = "da",
    closure_periods: Iterable[ClosurePeriod] = (),
) -> dict[dt.date, str]:
    """Every blocked day in `years` (plus the closure days and periods) with its reason in `lang`.

    Public holidays and `CUSTOMARY_DAYS_OFF` by name ("Kristi himmelfartsdag"), the bridge day after
    Kristi himmelfartsdag, closure days as "lukkedag", the working days of a closure period by its
    label ("sommerferie") or "lukket periode". Weekends are not listed: they are not working days
    anyway.
    """
    years = sorted(set(years))
    blocked: dict[dt.date, str] = {}
    if years:
        import holidays  # ~0.1 s: paid when a plan is made (Øvelse 3), not on the meeting's first screen

        language = _HOLIDAY_LANGUAGE.get(lang, "da")
        public = holidays.Denmark(years=years, language=language)
        optional_da = holidays.Denmark(years=years, categories=("optional",), language="da")
        optional = holidays.Denmark(years=years, categories=("optional",), language=language)
        blocked.update(public.items())
        for day, name in optional_da.items():
            if name in CUSTOMARY_DAYS_OFF:
                blocked[day] = optional[day]
        for day, name in bridge_days(years, lang).items():
            blocked.setdefault(day, name)
    closure = text("meeting_core.plan.closure_day", lang)
    for day in closure_days:
        blocked.setdefault(day, closure)
    for period in closure_periods:
        reason = period.label.strip() or text("meeting_core.plan.closure_period", lang)
        for day in working_days_between(period.start, period.end):
            blocked.setdefault(day, reason)
    return blocked


def plan_blocked_days(plan: MeetingPlan, years: Iterable[int], lang: str = "da") -> dict[dt.date, str]:
    """`blocked_days` with the plan's own closure days and periods."""
    return blocked_days(years, plan.closure_days, lang, plan.closure_periods)


def blocked_reason(
    day: dt.date,
    closure_days: Iterable[dt.date] = (),
    lang: str = "da",
    closure_periods: Iterable[ClosurePeriod] = (),
) -> str | None:
    """Why `day` is not a good meeting day (holiday name, "lukkedag", "weekend"), or None if it is.

    For the form to warn when the tovholder edits a planned date by hand.
    """
    reason = blocked_days([day.year], closure_days, lang, closure_periods).get(day)
    if reason is None and day.weekday() >= 5:
        reason = text("meeting_core.plan.weekend", lang)
    return reason


def working_days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Monday–Friday from `first` to `last` (both included; swapped if given the wrong way round).

    For adding a school holiday or a summer closure as closure days in one go.
    """
    first, last = min(first, last), max(first, last)
    days = (first + dt.timedelta(days=offset) for offset in range((last - first).days + 1))
    return [day for day in days if day.weekday() < 5]


def week_working_days(year: int, week: int) -> list[dt.date]:
    """Monday–Friday of ISO week `week` of `year`: Danish school holidays go by week number
    ("vinterferie i uge 7", "efterårsferie i uge 42")."""
    monday = dt.date.fromisocalendar(year, week, 1)
    return working_days_between(monday, monday + dt.timedelta(days=4))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 January + 1 → 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The `n`-th `weekday` (Monday 0) of a month; n = -1 is the last one."""
    if n == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def weekday_ordinal(day: dt.date) -> int:
    """Which occurrence of its weekday `day` is in its month: 1–4, or -1 for a fifth (the last)."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def _on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def regular_dates(plan: MeetingPlan, *, today: dt.date) -> list[dt.date]:
    """The plan's rhythm before holidays are considered (see `plan_meeting_dates`)."""
    if plan.interval is None:
        return []
    start = plan.first_date or today
    end = add_months(start, plan.months)
    if plan.interval == "monthly":
        if plan.first_date is not None:
            anchor = _on_or_after(plan.first_date, plan.weekday)
            n = weekday_ordinal(anchor)
        else:
            n = 1
            anchor = nth_weekday(*_month_after(today), plan.weekday, n)
        dates, month = [], (anchor.year, anchor.month)
        while (day := nth_weekday(*month, plan.weekday, n)) <= end:
            dates.append(day)
            month = _month_after(dt.date(*month, 1))
        return dates
    step = dt.timedelta(weeks=_INTERVAL_WEEKS[plan.interval])
    if plan.first_date is not None:
        day = _on_or_after(plan.first_date, plan.weekday)
    else:
        # Without a first date, the first meeting is about one interval from today: the chosen
        # weekday in the last week of the first interval.
        day = _on_or_after(today + step - dt.timedelta(days=6), plan.weekday)
    dates = []
    while day <= end:
        dates.append(day)
        day += step
    return dates


def _month_after(day: dt.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def plan_meeting_dates(plan: MeetingPlan, *, today: dt.date, lang: str = "da") -> list[PlannedMeeting]:
    """The concrete meetings of `plan`, avoiding holidays and closure days (see the module text).

    Rhythm: every 2/4/6/8 weeks on `plan.weekday`, or monthly on the same weekday of the month
    ("the first Tuesday"; with a `first_date` its ordinal is kept, a fifth weekday means "the
    last"). The first meeting is the chosen weekday on or after `plan.first_date`; without one,
    about one interval after `today` (monthly: the first such weekday of next month). Meetings are
    planned for `plan.months` months from the first date (or today). Each meeting gets the plan's
    start time and place; a moved one a note in `lang`. No interval chosen: an empty list.
    """
    regular = regular_dates(plan, today=today)
    if not regular:
        return []
    blocked = plan_blocked_days(plan, _years(regular), lang)
    meetings: list[PlannedMeeting] = []
    for day in regular:
        actual, note = day, ""
        if day in blocked:
            moved = _nearest_working_day_same_week(day, blocked)
            if moved is None:
                continue
            actual = moved
            note = text(
                "meeting_core.plan.moved",
                lang,
                weekday=text(f"meeting_core.weekday.{day.weekday()}", lang),
                date=format_short_date(day, lang),
                reason=blocked[day],
            )
        meetings.append(PlannedMeeting(date=actual, start_time=plan.start_time, place=plan.place, note=note))
    return meetings


def skipped_meeting_dates(plan: MeetingPlan, *, today: dt.date, lang: str = "da") -> list[str]:
    """One sentence per regular date `plan_meeting_dates` had to skip, for the form to show."""
    regular = regular_dates(plan, today=today)
    if not regular:
        return []
    blocked = plan_blocked_days(plan, _years(regular), lang)
    return [
        text("meeting_core.plan.skipped", lang, date=format_short_date(day, lang), reason=blocked[day])
        for day in regular
        if day in blocked and _nearest_working_day_same_week(day, blocked) is None
    ]


def _years(days: list[dt.date]) -> range:
    """The years to look holidays up for; one more on each side, as a week may span the new year and a
    meeting on 1 January may move back to 31 December (or one on 31 December on to 1 January)."""
    return range(days[0].year - 1, days[-1].year + 2)


def _nearest_working_day_same_week(day: dt.date, blocked: Mapping[dt.date, str]) -> dt.date | None:
    monday = day - dt.timedelta(days=day.weekday())
    week = [monday + dt.timedelta(days=offset) for offset in range(5)]
    candidates = [other for other in week if other != day and other not in blocked]
    # Nearest first; on a tie the later day (a meeting is rather moved on than brought forward).
    candidates.sort(key=lambda other: (abs((other - day).days), other < day))
    return candidates[0] if candidates else None


def plan_warnings(dates: Iterable[PlannedMeeting], lang: str = "da") -> list[str]:
    """One sentence per planned date in July or in the weeks around Christmas (the ISO weeks of
    24 December, 31 December and 1 January): many participants are on holiday then."""
    warnings = []
    for planned in sorted(dates, key=lambda p: p.date):
        day = planned.date
        if day.month == 7:
            key = "meeting_core.plan.warning_july"
        elif _in_christmas_weeks(day):
            key = "meeting_core.plan.warning_christmas"
        else:
            continue
        warnings.append(text(key, lang, date=format_short_date(day, lang)))
    return warnings


def _in_christmas_weeks(day: dt.date) -> bool:
    week = day.isocalendar()[:2]
    year = day.year if day.month == 12 else day.year - 1
    return week in {
        dt.date(year, 12, 24).isocalendar()[:2],
        dt.date(year, 12, 31).isocalendar()[:2],
        dt.date(year + 1, 1, 1).isocalendar()[:2],
    }


def replan(
    previous: Iterable[PlannedMeeting], new: Iterable[PlannedMeeting]
) -> tuple[list[PlannedMeeting], list[PlannedMeeting]]:
    """The plan made anew, keeping the calendar's events: (dates, cancelled).

    The new dates take the UIDs of the previous ones in date order, so an exported calendar moves
    its events instead of adding new ones; previous dates left over (the new plan has fewer) are
    returned as cancelled, for the calendar to cancel their events.
    """
    old = sorted(previous, key=lambda p: p.date)
    fresh = sorted(new, key=lambda p: p.date)
    dates = [
        planned.model_copy(update={"uid": old[index].uid}) if index < len(old) else planned
        for index, planned in enumerate(fresh)
    ]
    return dates, old[len(fresh) :]


HAND_ADDED_GAP = dt.timedelta(days=28)
"""A date added by hand comes this long after the plan's last date; the tovholder then edits it."""


def date_after_last(plan: MeetingPlan, *, today: dt.date) -> PlannedMeeting:
    """A meeting to add by hand: `HAND_ADDED_GAP` after the plan's last date (or after `today`)."""
    last = max((meeting.date for meeting in plan.dates), default=today)
    return PlannedMeeting(date=last + HAND_ADDED_GAP, start_time=plan.start_time, place=plan.place)


def describe_plan(plan: MeetingPlan, lang: str = "da") -> str:
    """The plan in words: "Hver 4. uge om tirsdagen kl. 14.00", "Den første tirsdag i måneden kl. 14.00"."""
    if plan.interval is None:
        return text("meeting_core.plan.none", lang)
    weekday = text(f"meeting_core.weekday.{plan.weekday}", lang)
    time = format_time(plan.start_time, lang)
    if plan.interval == "monthly":
        n = weekday_ordinal(_on_or_after(plan.first_date, plan.weekday)) if plan.first_date else 1
        ordinal = text(f"meeting_core.ordinal.{n}", lang)
        return text("meeting_core.plan.describe_monthly", lang, ordinal=ordinal, weekday=weekday, time=time)
    interval = text(f"meeting_core.interval.{plan.interval}", lang)
    return text("meeting_core.plan.describe_weeks", lang, interval=interval, weekday=weekday, time=time)


# --- The agenda: minutes per part ---------------------------------------------------------------


class TimeSlot(NamedTuple):
    """One part of the meeting on the clock."""

    part: PartId
    start: dt.datetime
    end: dt.datetime

    def clock_text(self, lang: str = "da") -> str:
        """When the part runs: "kl. 14.15–14.55" (English "14:15–14:55")."""
        return f"{format_time(self.start.time(), lang)}–{format_time(self.end.time(), lang).removeprefix('kl. ')}"


def agenda_total(agenda: Mapping[PartId, int]) -> int:
    """The agenda's minutes in total."""
    return sum(agenda.values())


FOURTH_MEETING_PARTS: tuple[PartId, ...] = (
    PartId.VELKOMMEN,
    PartId.OVELSE1,
    PartId.OVELSE2,
    PartId.OVELSE3,
    PartId.AFSLUTNING,
)
"""The fourth meeting's parts: the agenda functions' default (`erfakit.core.guide.parts_of` for any kind)."""


def agenda_problems(
    agenda: Mapping[PartId, int],
    duration_minutes: int,
    lang: str = "da",
    *,
    parts: Sequence[PartId] = FOURTH_MEETING_PARTS,
) -> list[str]:
    """What is wrong with the agenda of a meeting with `parts`, in `lang`; empty when every part has
    minutes ≥ 0 summing to the meeting's duration."""
    problems = [
        text("meeting_core.agenda.missing_part", lang, part=label(part, lang)) for part in parts if part not in agenda
    ]
    problems += [
        text("meeting_core.agenda.negative", lang, part=label(part, lang), minutes=minutes)
        for part, minutes in agenda.items()
        if minutes < 0
    ]
    total = agenda_total(agenda)
    if total != duration_minutes:
        key = "too_much" if total > duration_minutes else "too_little"
        difference = text(f"meeting_core.agenda.{key}", lang, minutes=abs(total - duration_minutes))
        problems.append(
            text(
                "meeting_core.agenda.sum_mismatch",
                lang,
                total=total,
                duration=duration_minutes,
                difference=difference,
            )
        )
    return problems


def agenda_is_valid(
    agenda: Mapping[PartId, int], duration_minutes: int, *, parts: Sequence[PartId] = FOURTH_MEETING_PARTS
) -> bool:
    """True when every part has minutes ≥ 0 and they sum to the meeting's duration."""
    return not agenda_problems(agenda, duration_minutes, parts=parts)


def fit_agenda(
    agenda: Mapping[PartId, int], duration_minutes: int, *, parts: Sequence[PartId] = FOURTH_MEETING_PARTS
) -> dict[PartId, int]:
    """The agenda of a meeting with `parts` scaled to `duration_minutes`, keeping the parts'
    proportions in whole minutes.

    Largest remainders get the spare minutes, so the result always sums exactly. An agenda of
    zeros is spread evenly. Parts missing from `agenda` get 0 minutes.
    """
    minutes = {part: max(0, agenda.get(part, 0)) for part in parts}
    total = sum(minutes.values())
    if total == 0:
        minutes = dict.fromkeys(parts, 1)
        total = len(minutes)
    exact = {part: value * duration_minutes / total for part, value in minutes.items()}
    fitted = {part: int(value) for part, value in exact.items()}
    spare = duration_minutes - sum(fitted.values())
    by_remainder = sorted(parts, key=lambda part: exact[part] - fitted[part], reverse=True)
    for part in by_remainder[:spare]:
        fitted[part] += 1
    return fitted


def agenda_slots(
    agenda: Mapping[PartId, int], start: dt.datetime, *, parts: Sequence[PartId] = FOURTH_MEETING_PARTS
) -> list[TimeSlot]:
    """Each part's start and end on the clock, in meeting order, from the meeting's `start`.

    A part missing from `agenda` gets no time (its start is its end).
    """
    slots, clock = [], start
    for part in parts:
        end = clock + dt.timedelta(minutes=agenda.get(part, 0))
        slots.append(TimeSlot(part, clock, end))
        clock = end
    return slots


def format_clock(remaining: dt.timedelta) -> str:
    """A countdown as "12:05", or "−1:30" once over time (whole seconds, rounded towards zero)."""
    seconds = int(remaining.total_seconds())
    sign = "−" if seconds < 0 else ""
    minutes, seconds = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{seconds:02d}"
