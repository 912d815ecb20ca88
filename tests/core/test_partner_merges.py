"""Merge suggestions: names that are probably the same partner are suggested, never merged."""

from __future__ import annotations

import pytest

from erfakit.core.model import Function, Partner, PartnerCategory
from erfakit.core.partners import MergeReason, suggest_merges

FUNCTIONS = list(Function)


def partners(*names: str) -> list[Partner]:
    return [
        Partner(name=name, function=FUNCTIONS[i % len(FUNCTIONS)], category=PartnerCategory.MYNDIGHEDER)
        for i, name in enumerate(names)
    ]


def pairs(names: list[str], dismissed=()) -> dict[frozenset[str], MergeReason]:
    return {frozenset((s.keep, s.replace)): s.reason for s in suggest_merges(partners(*names), dismissed)}


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Københavns Kommune", "københavns  kommune.", MergeReason.SAME_TEXT),
        ("Nørrebro Park Skole", "Nørrebro Parkskole", MergeReason.SAME_TEXT),
        ("Århus Kommune", "Aarhus Kommune", MergeReason.DANISH_LETTERS),
        ("Nørrebro Bibliotek", "Noerrebro Bibliotek", MergeReason.DANISH_LETTERS),
        ("Nørrebro Bibliotek", "Norrebro Bibliotek", MergeReason.DANISH_LETTERS),
        ("Århus Kommune", "Arhus Kommune", MergeReason.DANISH_LETTERS),
        ("Fælleshuset", "Faelleshuset", MergeReason.DANISH_LETTERS),
        ("Boligsocial helhedsplan", "Den boligsociale helhedsplan", MergeReason.WORD_FORM),
        ("Lejerforeningen", "Lejerforening", MergeReason.WORD_FORM),
        ("KK", "Københavns Kommune", MergeReason.ABBREVIATION),
        ("Kbh. Kommune", "Københavns Kommune", MergeReason.ABBREVIATION),
        ("KF", "Kultur og Fritid", MergeReason.ABBREVIATION),
        ("ØK", "Østerbro Kulturhus", MergeReason.ABBREVIATION),
        ("Kommunen", "Københavns Kommune", MergeReason.PART_OF_NAME),
        ("Helhedsplanen", "Boligsocial helhedsplan", MergeReason.PART_OF_NAME),
        ("Politiet", "Københavns Politi", MergeReason.PART_OF_NAME),
        ("Biblioteket", "Hovedbiblioteket", MergeReason.PART_OF_NAME),
        ("SSP", "SSP-samarbejdet", MergeReason.PART_OF_NAME),
        ("BL", "BL – Danmarks Almene Boliger", MergeReason.PART_OF_NAME),
        ("Helhedsplanen", "Den boligsociale helhedsplan", MergeReason.PART_OF_NAME),
        ("Boligsocial helhedsplan", "Boligsocial helhedsplan Mjølnerparken", MergeReason.PART_OF_NAME),
        ("Københavns Kommune", "Københavns Kommune, Teknik- og Miljøforvaltningen", MergeReason.PART_OF_NAME),
        ("Lejerforeningen", "Lejreforeningen", MergeReason.TYPO),
        ("Frivilligcenter Nørrebro", "Frivilligcentret Nørrebro", MergeReason.TYPO),
        ("Beboerrådgiverne", "Beboerrådgiverene", MergeReason.WORD_FORM),
    ],
)
def test_probably_the_same_partner_is_suggested_with_its_reason(first: str, second: str, reason: MergeReason) -> None:
    assert pairs([first, second]) == {frozenset((first, second)): reason}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Skole A", "Skole B"),
        ("Boldklubben B1903", "Boldklubben B1909"),
        ("Røde Kors", "Red Barnet"),
        ("Politiet", "Kommunen"),
        ("Lejerbo", "Lejerne"),
        ("FOA", "Københavns Kommune"),
        ("Kirken", "Kirkens Korshær"),
        ("Nørrebro", "Nørrebro Park Skole"),
        ("Kommunen", "Kommunens Jobcenter"),
    ],
)
def test_different_partners_are_not_suggested(first: str, second: str) -> None:
    assert pairs([first, second]) == {}


def test_the_more_specific_or_more_used_name_is_proposed_to_keep() -> None:
    by_reason = {s.reason: s for s in suggest_merges(partners("Kommunen", "Københavns Kommune"))}
    assert by_reason[MergeReason.PART_OF_NAME].keep == "Københavns Kommune"
    counted = suggest_merges(partners("Lejerforeningn", "Lejerforeningen", "Lejerforeningen"))
    assert (counted[0].keep, counted[0].replace) == ("Lejerforeningen", "Lejerforeningn")
    assert (counted[0].keep_count, counted[0].replace_count) == (2, 1)


def test_danish_letters_spelling_is_proposed_to_keep() -> None:
    (suggestion,) = suggest_merges(partners("Aarhus Kommune", "Aarhus Kommune", "Århus Kommune"))
    assert suggestion.keep == "Århus Kommune"


def test_dismissed_pairs_are_not_suggested_again_in_either_order_or_spelling() -> None:
    names = ["Kommunen", "Københavns Kommune"]
    assert pairs(names, dismissed=[("københavns kommune", "Kommunen ")]) == {}
    assert pairs(names, dismissed=[("Kommunen", "Københavns Kommune")]) == {}


def test_a_dismissed_pair_of_spellings_of_one_name_is_not_suggested_again() -> None:
    names = ["Kommunen", "kommunen", "Kommunen"]
    assert pairs(names) == {frozenset(("Kommunen", "kommunen")): MergeReason.SAME_TEXT}
    assert pairs(names, dismissed=[("kommunen", "Kommunen")]) == {}


def test_a_generic_name_is_suggested_against_every_longer_name_it_may_mean() -> None:
    found = pairs(["Kommunen", "Københavns Kommune", "Frederiksberg Kommune"])
    assert frozenset(("Kommunen", "Københavns Kommune")) in found
    assert frozenset(("Kommunen", "Frederiksberg Kommune")) in found


def test_each_pair_is_suggested_once_with_its_strongest_reason() -> None:
    suggestions = suggest_merges(partners("Aarhus Kommune", "Århus kommune"))
    assert len(suggestions) == 1
    assert suggestions[0].reason == MergeReason.DANISH_LETTERS


def test_suggestions_come_strongest_reason_first() -> None:
    suggestions = suggest_merges(partners("Kommunen", "Københavns Kommune", "københavns kommune"))
    assert [s.reason for s in suggestions][0] == MergeReason.SAME_TEXT


def test_suggestion_describes_itself_in_danish_and_english() -> None:
    (suggestion,) = suggest_merges(partners("KK", "Københavns Kommune"))
    assert suggestion.describe("da") == "»KK« kan være en forkortelse af »Københavns Kommune«."
    assert suggestion.describe("en") == "“KK” may be an abbreviation of “Københavns Kommune”."


def test_no_partners_or_one_name_gives_no_suggestions() -> None:
    assert suggest_merges([]) == []
    assert suggest_merges(partners("Politiet", "Politiet")) == []
