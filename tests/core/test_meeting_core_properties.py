"""Properties of the live meeting's core that must hold for any input, checked with hypothesis,
and the catalogue texts the core builds keys for at run time."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from erfakit.core.agreements import ACTION_LIST_COLUMNS, group_agreements_by_theme
from erfakit.core.model import (
    Agreement,
    AgreementStatus,
    Function,
    MeetingPlan,
    Origin,
    PartId,
    Partner,
    PartnerCategory,
    Theme,
)
from erfakit.core.partner_names import MergeReason
from erfakit.core.partners import (
    find_shared_partners,
    merge_partner_names,
    normalise_partner_name,
    partner_grid,
    suggest_merges,
)
from erfakit.core.schedule import blocked_days, fit_agenda, plan_meeting_dates
from erfakit.texts import LANGUAGES, catalogue

NAME_WORDS = ["Kommunen", "Københavns", "Kommune", "KK", "Skole", "Skolen", "Aarhus", "Århus", "SSP", "Park", "1903"]
names = st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3).map(" ".join) | st.text(max_size=12)
partners_strategy = st.lists(
    st.builds(Partner, function=st.sampled_from(Function), category=st.sampled_from(PartnerCategory), name=names),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(partners_strategy)
def test_every_named_partner_appears_in_its_grid_cell(partners: list[Partner]) -> None:
    grid = partner_grid(partners)
    for partner in partners:
        cell = grid.names(partner.function, partner.category)
        if normalise_partner_name(partner.name):
            assert normalise_partner_name(partner.name) in {normalise_partner_name(name) for name in cell}


@settings(max_examples=60, deadline=None)
@given(partners_strategy)
def test_shared_partners_are_exactly_the_names_used_by_two_or_more_functions(partners: list[Partner]) -> None:
    used_by: dict[str, set[Function]] = {}
    for partner in partners:
        if key := normalise_partner_name(partner.name):
            used_by.setdefault(key, set()).add(partner.function)
    expected = {key for key, functions in used_by.items() if len(functions) >= 2}
    shared = find_shared_partners(partners)
    assert {normalise_partner_name(name) for name in shared["name"]} == expected
    assert all(count >= 2 for count in shared["count"])


@settings(max_examples=60, deadline=None)
@given(partners_strategy, st.data())
def test_suggestions_never_pair_a_name_with_itself_and_respect_dismissals(partners: list[Partner], data) -> None:
    suggestions = suggest_merges(partners)
    for suggestion in suggestions:
        assert suggestion.keep != suggestion.replace
        assert isinstance(suggestion.reason, MergeReason)
    if suggestions:
        dismissed = data.draw(st.sampled_from(suggestions))
        again = suggest_merges(partners, [(dismissed.replace, dismissed.keep)])
        assert all(
            {normalise_partner_name(s.keep), normalise_partner_name(s.replace)}
            != {normalise_partner_name(dismissed.keep), normalise_partner_name(dismissed.replace)}
            for s in again
        )


@settings(max_examples=60, deadline=None)
@given(partners_strategy, st.data())
def test_accepting_a_suggestion_removes_the_replaced_name_and_loses_no_function(partners: list[Partner], data) -> None:
    suggestions = suggest_merges(partners)
    if not suggestions:
        return
    suggestion = data.draw(st.sampled_from(suggestions))
    merged = merge_partner_names(partners, suggestion.keep, suggestion.replace)
    replaced = normalise_partner_name(suggestion.replace)
    if replaced != normalise_partner_name(suggestion.keep):
        assert all(normalise_partner_name(p.name) != replaced for p in merged)
    assert {(p.function, p.category) for p in merged} == {(p.function, p.category) for p in partners}


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["2w", "4w", "6w", "8w", "monthly"]),
    st.integers(0, 4),
    st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
    st.integers(1, 12),
    st.lists(st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)), max_size=10),
)
def test_planned_dates_are_working_days_in_order_and_never_blocked(interval, weekday, today, months, closures) -> None:
    plan = MeetingPlan(interval=interval, weekday=weekday, months=months, closure_days=closures)
    meetings = plan_meeting_dates(plan, today=today)
    days = [meeting.date for meeting in meetings]
    assert days == sorted(set(days))
    blocked = blocked_days(range(today.year, today.year + 3), closures)
    for day in days:
        assert day > today
        assert day.weekday() < 5
        assert day not in blocked


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(PartId), st.integers(-10, 200)), st.integers(15, 600))
def test_fitted_agenda_sums_to_the_duration_with_no_negative_part(agenda, duration) -> None:
    fitted = fit_agenda(agenda, duration)
    assert sum(fitted.values()) == duration
    assert min(fitted.values()) >= 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            Agreement,
            text=st.text(max_size=5),
            theme=st.sampled_from(Theme),
            origin=st.sampled_from(Origin),
            status=st.sampled_from(AgreementStatus),
        ),
        max_size=20,
    )
)
def test_grouping_keeps_every_agreement_exactly_once(agreements: list[Agreement]) -> None:
    grouped = group_agreements_by_theme(agreements)
    ids = [a.id for items in grouped.values() for a in items]
    assert sorted(ids) == sorted(a.id for a in agreements)
    assert all(a.theme == theme for theme, items in grouped.items() for a in items)


def test_every_computed_text_key_of_the_core_exists_in_both_languages() -> None:
    keys = (
        [f"meeting_core.weekday.{day}" for day in range(7)]
        + [f"meeting_core.interval.{interval}" for interval in ("2w", "4w", "6w", "8w", "monthly")]
        + [f"meeting_core.ordinal.{n}" for n in (1, 2, 3, 4, -1)]
        + [f"meeting_core.merge_reason.{reason.value}" for reason in MergeReason]
        + [f"meeting_core.agreements.column.{column}" for column in ACTION_LIST_COLUMNS]
    )
    known = catalogue()
    missing = [f"{key} ({lang})" for key in keys for lang in LANGUAGES if not known.get(key, {}).get(lang)]
    assert not missing
