"""Danish category labels as Danmarks Statistik and analysts write them, mapped to one spelling."""

from __future__ import annotations

import pytest

from erfakit.core.categories import (
    canonical_category,
    canonical_dimension,
    guess_dimension,
    is_child_category,
    is_total_label,
    parse_band,
)


@pytest.mark.parametrize(
    ("written", "label", "contains", "excludes"),
    [
        ("18-29 år", "18-29 år", 29.9, 30),
        ("18 – 29", "18-29 år", 18, 17.9),
        ("67 år og derover", "67 år og derover", 101, 66.9),
        ("67+", "67 år og derover", 67, 66),
        ("Over 66 år", "67 år og derover", 67, 66.5),
        ("Under 18 år", "Under 18 år", 0, 18),
        ("0-17 år", "0-17 år", 17.5, 18),
        ("5 år", "5 år", 5.5, 6),
    ],
)
def test_bands_are_parsed_into_intervals(written, label, contains, excludes):
    band = parse_band(written)
    assert band.label == label
    assert band.contains(contains) and not band.contains(excludes)


@pytest.mark.parametrize(
    ("dimension", "written", "canonical"),
    [
        ("Herkomst", "Danmark", "Personer med dansk oprindelse"),
        ("Herkomst", "dansk", "Personer med dansk oprindelse"),
        ("Herkomst", "Ikke vestlige lande", "Ikke-vestlige lande"),
        ("Herkomst", "indvandrer", "Indvandrere"),
        ("Køn", "M", "Mænd"),
        ("Køn", "kvinde", "Kvinder"),
        ("Beskæftigelse", "pensionist", "Pensionister"),
        ("Alder", "30 - 49", "30-49 år"),
        ("Husstandstype", "  Enlige  med børn ", "Enlige med børn"),
    ],
)
def test_labels_map_to_one_spelling(dimension, written, canonical):
    assert canonical_category(dimension, written) == canonical


def test_dimension_names_in_danish_english_and_statbank_capitals():
    assert canonical_dimension("KØN") == "Køn"
    assert canonical_dimension("oprindelse") == "Herkomst"
    assert canonical_dimension("Age group") == "Alder"
    assert canonical_dimension("Etage") == "Etage"


def test_headerless_columns_are_recognised_by_their_labels_only_when_all_fit():
    assert guess_dimension(["Danmark", "Vestlige lande", "Ikke-vestlige lande"]) == "Herkomst"
    assert guess_dimension(["Dansk", "Udenlandsk"]) == "Statsborgerskab"
    assert guess_dimension(["Mænd", "Kvinder", "I alt"]) == "Køn"
    assert guess_dimension(["18-29 år", "30-49 år", "Alder i alt"]) == "Alder"
    assert guess_dimension(["1850-1899", "1900-1949"]) is None  # building periods, not ages
    assert guess_dimension(["Danmark", "Tyrkiet", "Polen"]) is None


def test_children_and_totals():
    assert is_child_category("Alder", "0-17 år") and is_child_category("Alder", "Under 18 år")
    assert not is_child_category("Alder", "15-24 år")  # straddles 18: cannot be split, kept
    assert not is_child_category("Boligtid", "Under 2 år")
    assert is_total_label("I alt") and is_total_label("Alder i alt") and is_total_label("Mænd og kvinder i alt")
    assert not is_total_label("Indvandrere")
