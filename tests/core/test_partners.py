"""Øvelse 2's partner computations: grid, shared partners, partners to develop, merging."""

from __future__ import annotations

import pytest

from erfakit.core.model import Function, Partner, PartnerCategory, PartnerStatus
from erfakit.core.partners import (
    find_shared_partners,
    merge_partner_names,
    normalise_partner_name,
    partner_grid,
    partners_to_develop,
)
from erfakit.exceptions import FormInputError

F, C = Function, PartnerCategory


def partner(name: str, function: Function = F.DRIFT, category: PartnerCategory = C.MYNDIGHEDER, **extra) -> Partner:
    return Partner(name=name, function=function, category=category, **extra)


def test_normalised_name_ignores_case_spacing_and_punctuation_but_keeps_danish_letters() -> None:
    assert normalise_partner_name("  Københavns   Kommune. ") == "københavns kommune"
    assert normalise_partner_name("SSP-samarbejdet") == "ssp samarbejdet"
    assert normalise_partner_name("Aarhus") != normalise_partner_name("Århus")


def test_grid_has_five_functions_by_four_categories_in_model_order_even_when_empty() -> None:
    grid = partner_grid([])
    assert list(grid.functions) == list(Function)
    assert list(grid.categories) == list(PartnerCategory)
    assert all(grid.names(function, category) == [] for function in grid.functions for category in grid.categories)


def test_grid_lists_names_in_their_cell_in_entry_order() -> None:
    grid = partner_grid(
        [
            partner("Københavns Kommune", F.DRIFT, C.MYNDIGHEDER),
            partner("Politiet", F.DRIFT, C.MYNDIGHEDER),
            partner("Lejerforeningen", F.UDLEJNING, C.FORENINGER),
        ]
    )
    assert grid.names(F.DRIFT, C.MYNDIGHEDER) == ["Københavns Kommune", "Politiet"]
    assert grid.names(F.UDLEJNING, C.FORENINGER) == ["Lejerforeningen"]
    assert grid.names(F.BOLIGSOCIAL, C.MYNDIGHEDER) == []


def test_grid_lists_a_name_entered_twice_in_one_cell_once_and_skips_blank_names() -> None:
    grid = partner_grid([partner("Politiet"), partner("politiet "), partner("   ")])
    assert grid.names(F.DRIFT, C.MYNDIGHEDER) == ["Politiet"]


def test_grid_keeps_every_distinct_activity_of_a_partner_named_twice_in_a_cell() -> None:
    grid = partner_grid(
        [
            partner("Havelauget", activity="Pasning"),
            partner("havelauget ", activity=" Plantedag"),
            partner("Havelauget", activity="Pasning"),
            partner("Havelauget", F.UDLEJNING),
        ]
    )
    (entry,) = grid.entries(F.DRIFT, C.MYNDIGHEDER)
    assert (entry.name, entry.activities, entry.activity) == (
        "Havelauget",
        ("Pasning", "Plantedag"),
        "Pasning; Plantedag",
    )
    assert grid.entries(F.UDLEJNING, C.MYNDIGHEDER)[0].activities == ()


def test_shared_partners_are_those_named_by_two_or_more_functions_matched_on_normalised_name() -> None:
    shared = find_shared_partners(
        [
            partner("Københavns Kommune", F.DRIFT),
            partner("københavns  kommune", F.BOLIGSOCIAL),
            partner("Københavns Kommune", F.GENHUSNING, C.INSTITUTIONER),
            partner("Politiet", F.DRIFT),
            partner("Politiet", F.DRIFT, C.INSTITUTIONER),
            partner("Skolen", F.UDLEJNING),
        ]
    )
    assert list(shared.columns) == ["name", "functions", "categories", "count"]
    assert len(shared) == 1, "Politiet is named twice but by one function only"
    row = shared.iloc[0]
    assert row["name"] == "Københavns Kommune"
    assert row["functions"] == [F.BOLIGSOCIAL, F.DRIFT, F.GENHUSNING]
    assert row["categories"] == [C.MYNDIGHEDER, C.INSTITUTIONER]
    assert row["count"] == 3


def test_shared_partners_are_sorted_most_shared_first_and_use_the_most_common_spelling() -> None:
    shared = find_shared_partners(
        [
            partner("Skolen", F.DRIFT),
            partner("Skolen", F.UDLEJNING),
            partner("politiet", F.DRIFT),
            partner("Politiet", F.UDLEJNING),
            partner("Politiet", F.GENHUSNING),
        ]
    )
    assert list(shared["name"]) == ["Politiet", "Skolen"]
    assert list(shared["count"]) == [3, 2]


def test_no_shared_partners_gives_an_empty_frame_with_the_columns() -> None:
    shared = find_shared_partners([partner("Politiet")])
    assert shared.empty
    assert list(shared.columns) == ["name", "functions", "categories", "count"]


def test_partners_to_develop_are_those_to_establish_or_expand_in_entry_order() -> None:
    partners = [
        partner("A-skolen", status=PartnerStatus.EXPAND),
        partner("Politiet"),
        partner("Lejerforeningen", status=PartnerStatus.ESTABLISH),
    ]
    assert [p.name for p in partners_to_develop(partners)] == ["A-skolen", "Lejerforeningen"]


def test_merge_renames_every_spelling_of_the_replaced_name_and_leaves_the_input_unchanged() -> None:
    partners = [partner("Kommunen", F.DRIFT), partner("kommunen", F.UDLEJNING), partner("Politiet", F.DRIFT)]
    merged = merge_partner_names(partners, keep="Københavns Kommune", replace="Kommunen")
    assert [p.name for p in merged] == ["Københavns Kommune", "Københavns Kommune", "Politiet"]
    assert [p.id for p in merged] == [p.id for p in partners]
    assert partners[0].name == "Kommunen"


def test_merge_combines_two_rows_of_one_function_and_category_keeping_activity_and_wish_to_develop() -> None:
    partners = [
        partner("Kommunen", activity="Tryghedsvandring"),
        partner("Københavns Kommune", activity="Byggetilladelser", status=PartnerStatus.EXPAND),
        partner("Københavns Kommune", F.BOLIGSOCIAL),
    ]
    merged = merge_partner_names(partners, keep="Københavns Kommune", replace="Kommunen")
    assert len(merged) == 2
    drift = merged[0]
    assert drift.id == partners[0].id
    assert drift.activity == "Tryghedsvandring; Byggetilladelser"
    assert drift.status == PartnerStatus.EXPAND
    assert merged[1].function == F.BOLIGSOCIAL


@pytest.mark.parametrize(
    ("keep", "replace", "expected"),
    [
        ("", "Kommunen", "Der mangler et navn"),
        ("Kommunen", "Kommunen", "kan ikke slås sammen med sig selv"),
        ("Kommunen", "Skolen", "ingen samarbejdspartner med navnet »Skolen«"),
    ],
)
def test_merge_refuses_unusable_names_with_a_danish_message(keep: str, replace: str, expected: str) -> None:
    with pytest.raises(FormInputError, match=expected):
        merge_partner_names([partner("Kommunen")], keep=keep, replace=replace)


def test_merge_error_is_english_when_asked() -> None:
    with pytest.raises(FormInputError, match="No partner is named “Skolen”"):
        merge_partner_names([partner("Kommunen")], keep="Kommunen", replace="Skolen", lang="en")


def test_merging_two_spellings_of_one_name_unifies_them_and_collapses_duplicate_rows() -> None:
    partners = [
        partner("Kommunen", activity="Møder"),
        partner("kommunen", activity="Møder"),
        partner("KOMMUNEN", F.UDLEJNING),
    ]
    merged = merge_partner_names(partners, keep="Kommunen", replace="kommunen")
    assert [(p.function, p.name, p.activity) for p in merged] == [
        (F.DRIFT, "Kommunen", "Møder"),
        (F.UDLEJNING, "Kommunen", ""),
    ]


def test_names_of_punctuation_only_are_not_partners_anywhere() -> None:
    partners = [partner("–"), partner("–", F.UDLEJNING)]
    assert find_shared_partners(partners).empty
    assert partner_grid(partners).names(F.DRIFT, C.MYNDIGHEDER) == []
