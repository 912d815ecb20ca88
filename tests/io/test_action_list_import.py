"""Earlier meetings' agreements from CSV/Excel action lists."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from erfakit.core.model import AgreementStatus, Function, Origin, Theme
from erfakit.exceptions import InputFileErrors
from erfakit.io.action_list import parse_danish_date, read_agreements
from erfakit.resources import data_path

HEADER = "Aftale;Tema;Ansvarlig funktion;Ansvarlig person;Frist;Status;Møde\n"


def test_demo_agreements_are_read_as_earlier_agreements():
    agreements = read_agreements(data_path("demo/tidligere_aftaler.csv"))
    assert len(agreements) == 3
    first = agreements[0]
    assert first.theme is Theme.BOLIGFORHOLD
    assert first.responsible_function is Function.GENHUSNING
    assert first.deadline == dt.date(2026, 4, 30)
    assert first.status is AgreementStatus.IN_PROGRESS
    assert first.origin is Origin.EARLIER
    assert first.origin_meeting == "Erfaringsgruppe 3 (12. marts 2026)"
    assert agreements[1].deadline == dt.date(2026, 5, 15)
    assert agreements[2].deadline is None


def test_labels_codes_english_and_unambiguous_beginnings_are_accepted(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        HEADER
        + "Nyhedsbrev;Fællesarealer;Drift;Ole;2026-03-15;Gennemført;EG3\n"
        + "Kursus;beboerdemokrati;boligsocial;;15/3/2026;done;\n"
        + "Netværk;Partners;Lettings;;15-03-2026;In progress;\n"
        + "Plan;Boligforhold;Byggeteknisk;;;;\n",
        encoding="cp1252",
    )
    agreements = read_agreements(path)
    assert [a.theme for a in agreements] == [
        Theme.FAELLESAREALER,
        Theme.BEBOERDEMOKRATI,
        Theme.SAMARBEJDSPARTNERE,
        Theme.BOLIGFORHOLD,
    ]
    assert agreements[2].responsible_function is Function.UDLEJNING
    assert agreements[3].status is AgreementStatus.OPEN


def test_every_bad_cell_is_named_with_what_is_allowed(tmp_path):
    path = tmp_path / "aftaler.csv"
    path.write_text(HEADER + "Nyhedsbrev;Kage;Ledelse;;31.02.2026;Måske;\n;Fællesarealer;;;;;\n", encoding="utf-8")
    with pytest.raises(InputFileErrors) as caught:
        read_agreements(path)
    text = str(caught.value)
    assert "aftaler.csv, række 2, kolonne 2 (Tema): »Kage« er ikke et af temaerne." in text
    assert "Boligforhold under renoveringen, Fællesarealer, Beboerdemokrati, Samarbejdspartnere" in text
    assert "»Ledelse« er ikke en af funktionerne" in text
    assert "»31.02.2026« er ikke en dato" in text
    assert "»Måske« er ikke en status" in text
    assert "række 3, kolonne 1 (Aftale): Aftalen har ingen tekst." in text


def test_a_file_without_the_headings_says_which_are_needed(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("Hvad;Hvornår\nKage;fredag\n", encoding="utf-8")
    with pytest.raises(InputFileErrors, match="Aftale; Tema; Ansvarlig funktion"):
        read_agreements(path)


def test_excel_agreements_with_real_dates(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Tidligere aftaler"])
    sheet.append(["Aftale", "Tema", "Ansvarlig funktion", "Frist"])
    sheet.append(["Fælles plan", "Fællesarealer", "Drift", dt.datetime(2026, 6, 1)])
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    [agreement] = read_agreements(path)
    assert agreement.deadline == dt.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("15. marts 2026", dt.date(2026, 3, 15)),
        ("1 okt 2026", dt.date(2026, 10, 1)),
        ("2026-12-03", dt.date(2026, 12, 3)),
        ("3.12.26", dt.date(2026, 12, 3)),
        ("30. februar 2026", None),
        ("snart", None),
    ],
)
def test_danish_dates(written, expected):
    assert parse_danish_date(written) == expected


def test_the_shipped_agreement_templates_are_recognised_but_empty():
    for name in ("aftaler_skabelon.csv", "aftaler_skabelon.xlsx"):
        with pytest.raises(InputFileErrors, match="ingen aftaler under overskrifterne"):
            read_agreements(data_path(name))
