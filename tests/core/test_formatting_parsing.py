import datetime as dt

import pytest

from erfakit.core.formatting import format_date, format_number, format_percent, format_time
from erfakit.core.model import Function, Theme
from erfakit.core.parsing import parse_choice, parse_date_text, parse_time_text
from erfakit.exceptions import FormInputError


def test_dates_times_and_numbers_read_as_danes_write_them():
    assert format_date(dt.date(2026, 11, 26)) == "26. november 2026"
    assert format_date(dt.date(2026, 11, 26), weekday=True) == "torsdag den 26. november 2026"
    assert format_time(dt.time(14, 30)) == "kl. 14.30"
    assert format_number(1234.5) == "1.234,5"
    assert format_percent(0.077) == "8 %"


def test_english_forms_are_available():
    assert format_date(dt.date(2026, 11, 26), "en") == "26 November 2026"
    assert format_number(1234.5, "en") == "1,234.5"


@pytest.mark.parametrize("typed", ["2026-12-03", "3.12.2026", "03-12-2026", "3/12/2026"])
def test_dates_are_read_in_the_forms_danes_type(typed):
    assert parse_date_text(typed) == dt.date(2026, 12, 3)


@pytest.mark.parametrize("typed", ["14:30", "14.30", "kl. 14.30", "Kl 14.30", "14,30", "1430", " 14.30 "])
def test_times_are_read_in_the_forms_danes_type(typed):
    assert parse_time_text(typed) == dt.time(14, 30)


@pytest.mark.parametrize(("typed", "expected"), [("930", dt.time(9, 30)), ("9", dt.time(9)), ("0900", dt.time(9))])
def test_short_times_are_read_as_hours_and_minutes(typed, expected):
    assert parse_time_text(typed) == expected


@pytest.mark.parametrize("typed", ["halv tre", "24.00", "14.60", "14.3", "", "14:30:00"])
def test_what_is_not_a_time_is_refused_quoting_the_value(typed):
    with pytest.raises(FormInputError, match="er ikke et klokkeslæt"):
        parse_time_text(typed, field="Klokkeslæt")


def test_a_bad_date_quotes_the_value_and_shows_accepted_forms():
    with pytest.raises(FormInputError, match=r"»31.2.2026« i feltet Frist .*2026-12-03"):
        parse_date_text("31.2.2026", field="Frist")


def test_choices_accept_codes_and_labels_in_either_language_and_any_case():
    assert parse_choice("drift", Function) is Function.DRIFT
    assert parse_choice("Operations", Function) is Function.DRIFT
    assert parse_choice("  fællesarealer ", Theme) is Theme.FAELLESAREALER
    with pytest.raises(FormInputError, match="Boligsocial, Drift, Byggeteknisk, Genhusning, Udlejning"):
        parse_choice("Ledelse", Function)
