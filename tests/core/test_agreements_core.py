"""Agreements: grouped by theme for Øvelse 3, counted for Øvelse 1, and as an action list."""

from __future__ import annotations

import datetime as dt

from erfakit.core.agreements import (
    ACTION_LIST_COLUMNS,
    action_list,
    action_list_headers,
    count_democracy_agreements,
    democracy_progress,
    group_agreements_by_theme,
)
from erfakit.core.model import Agreement, AgreementStatus, Function, Origin, Theme


def agreement(text: str, theme: Theme = Theme.BEBOERDEMOKRATI, origin: Origin = Origin.OVELSE1, **extra) -> Agreement:
    return Agreement(text=text, theme=theme, origin=origin, **extra)


def test_grouping_has_all_four_themes_in_model_order_even_when_empty() -> None:
    grouped = group_agreements_by_theme([agreement("Tur med bestyrelsen")])
    assert list(grouped) == list(Theme)
    assert [a.text for a in grouped[Theme.BEBOERDEMOKRATI]] == ["Tur med bestyrelsen"]
    assert grouped[Theme.FAELLESAREALER] == []


def test_earlier_agreements_come_before_todays_within_a_theme_then_entry_order() -> None:
    agreements = [
        agreement("I dag 2", Theme.SAMARBEJDSPARTNERE, Origin.OVELSE2),
        agreement("I dag 1", Theme.SAMARBEJDSPARTNERE, Origin.OVELSE1),
        agreement("Sidst", Theme.SAMARBEJDSPARTNERE, Origin.EARLIER),
        agreement("I dag 2b", Theme.SAMARBEJDSPARTNERE, Origin.OVELSE2),
    ]
    grouped = group_agreements_by_theme(agreements)
    assert [a.text for a in grouped[Theme.SAMARBEJDSPARTNERE]] == ["Sidst", "I dag 1", "I dag 2", "I dag 2b"]


def test_democracy_count_is_todays_ovelse1_agreements_on_resident_democracy_with_text_not_dropped() -> None:
    agreements = [
        agreement("Tur med bestyrelsen"),
        agreement("   "),
        agreement("Droppet", status=AgreementStatus.DROPPED),
        agreement("Tidligere", origin=Origin.EARLIER),
        agreement("Andet tema", Theme.FAELLESAREALER),
        agreement("Øvelse 2", origin=Origin.OVELSE2),
    ]
    assert count_democracy_agreements(agreements) == 1


def test_democracy_progress_shows_one_of_two_until_two_exist() -> None:
    one = [agreement("Tur med bestyrelsen")]
    assert democracy_progress(one) == "1 af 2 aftaler"
    assert democracy_progress([], "en") == "0 of 2 agreements"
    two = one + [agreement("Nye målgrupper")]
    assert democracy_progress(two) == "2 aftaler – målet på 2 er nået"


def test_action_list_has_the_columns_labels_and_ids_of_the_agreements() -> None:
    deadline = dt.date(2027, 3, 1)
    items = [
        agreement(
            "Fortæl om beboerdemokratiet",
            responsible_function=Function.DRIFT,
            responsible_person="Anna Holm",
            deadline=deadline,
        ),
        agreement("=SUM(A1)", Theme.BOLIGFORHOLD, Origin.EARLIER, origin_meeting="Erfaringsgruppe 3 (12. maj 2026)"),
    ]
    rows = action_list(items)
    assert ACTION_LIST_COLUMNS == ("text", "theme", "responsible", "deadline", "status", "origin")
    assert [row.id for row in rows] == [items[1].id, items[0].id], "sorted by theme: Boligforhold first"
    first = rows[1]
    assert first.theme == "Beboerdemokrati"
    assert first.responsible == "Drift – Anna Holm"
    assert first.deadline == deadline
    assert first.status == "Åben"
    assert first.origin == "Øvelse 1"
    earlier = rows[0]
    assert earlier.text == "=SUM(A1)", "text stays as typed; exports neutralise it"
    assert earlier.origin == "Tidligere møde: Erfaringsgruppe 3 (12. maj 2026)"
    assert earlier.deadline is None
    assert earlier.responsible == ""
    assert earlier.cells() == ["=SUM(A1)", "Boligforhold under renoveringen", "", None, "Åben", earlier.origin]


def test_action_list_in_english_and_empty() -> None:
    rows = action_list([agreement("Trip", responsible_function=Function.UDLEJNING)], lang="en")
    assert rows[0].theme == "Resident democracy"
    assert rows[0].responsible == "Lettings"
    assert action_list([]) == []


def test_column_labels_use_the_sectors_words() -> None:
    # The headers the report and the spreadsheets show ("Aftalt på", as the participants know it).
    assert action_list_headers() == {
        "text": "Aftale",
        "theme": "Tema",
        "responsible": "Ansvarlig",
        "deadline": "Frist",
        "status": "Status",
        "origin": "Aftalt på",
    }
    assert action_list_headers("en")["deadline"] == "Deadline"
