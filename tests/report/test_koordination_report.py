"""The report of a koordinationsmøde: its own sections from the same report notebook, every status,
note and new deadline of the round, offline and escaped; the fourth meeting's report is unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from erfakit.core.agreements import record_status
from erfakit.core.model import Agreement, AgreementStatus, Origin, Session, Theme
from erfakit.core.next_meeting import next_meeting_session
from erfakit.io.meeting_file.document import load_session
from erfakit.report import render_report_html, render_section
from erfakit.resources import data_path

HOSTILE = "</td><script>alert(1)</script>=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def fourth() -> Session:
    return load_session(data_path("demo/moede.json"))


@pytest.fixture(scope="module")
def koordination(fourth: Session) -> Session:
    session = next_meeting_session(fourth, today=dt.date(2026, 12, 3))
    date = session.meeting.date
    session.agreements[1] = record_status(
        session.agreements[1], date=date, status=AgreementStatus.DONE, note="Listen deles hver mandag"
    )
    session.agreements[2] = record_status(session.agreements[2], date=date, note=HOSTILE, deadline=dt.date(2027, 3, 15))
    session.agreements.append(
        Agreement(
            id="A7-2027-01-14-01",
            text="Fælles affaldsplan for byggepladsen",
            theme=Theme.FAELLESAREALER,
            origin=Origin.KOORDINATION,
            made_on=date,
        )
    )
    session.answers["k.meet_about"] = "Etape 2 starter i marts"
    return session


def _headings(html: str) -> list[str]:
    return [h.get_text() for h in BeautifulSoup(html, "html.parser").find_all("h2")]


def test_a_koordinationsmoedes_report_has_its_own_parts_and_none_of_the_guides(koordination: Session) -> None:
    html = render_report_html(koordination)
    assert _headings(html) == [
        "Deltagere",
        "Dagsorden",
        "Status på aftalerne",
        "Det, vi mødes om",
        "Fælles projekter",
        "Nye aftaler",
        "Næste møde og referat",
    ]
    assert "Koordinationsmøde – opfølgning på Erfaringsgruppe 4" in html
    assert "Kage" not in html, "the guide's props belong to the fourth meeting"


def test_each_meeting_kind_states_its_own_purpose_with_the_two_almennet_recommendations(
    fourth: Session, koordination: Session
) -> None:
    def purpose(session: Session) -> str:
        soup = BeautifulSoup(render_section("forside", session, "da"), "html.parser")
        return soup.select_one(".erfa-purpose").get_text(" ", strip=True)

    for session in (fourth, koordination):
        shown = purpose(session)
        assert "Afstem forventninger med beboerdemokratiet" in shown
        assert "Samarbejde med eksterne aktører" in shown
    assert "aftaler gruppen et videre format" in purpose(fourth)
    # The koordinationsmøde follows up; agreeing on the format was the fourth meeting's last task.
    assert "videre format" not in purpose(koordination)
    assert "følger op på det, den aftalte på Erfaringsgruppe 4" in purpose(koordination)


def test_the_status_round_shows_each_agreements_status_todays_note_new_deadline_and_id(
    koordination: Session,
) -> None:
    soup = BeautifulSoup(render_section("status", koordination, "da"), "html.parser")
    rows = {
        row.find("td").get_text(): [td.get_text(" ") for td in row.find_all("td")] for row in soup.select("tbody tr")
    }
    note = rows["A7-2026-09-24-03"]
    assert note[4] == "Åben" and note[3] == "15.03.2027"
    assert HOSTILE in note[5] and "ny frist 15.03.2027" in note[5]
    assert rows["A7-2026-09-24-02"][4] == "Gennemført"
    assert "Listen deles hver mandag" in rows["A7-2026-09-24-02"][5]
    closed = soup.select("table.erfa-closed tbody tr")
    assert {row.find("td").get_text() for row in closed} == {"A7-2026-09-24-01", "A7-2026-09-24-02", "A7-2026-09-24-04"}
    # The minutes say what happened, not how to work the form ("folded away at the bottom").
    intro = soup.select_one(".erfa-guide").get_text()
    assert "foldet" not in intro and "Afsluttede og opgivne aftaler står til sidst" in intro


def test_new_agreements_carry_the_id_the_next_status_round_will_name_them_by(koordination: Session) -> None:
    soup = BeautifulSoup(render_section("nye_aftaler", koordination, "da"), "html.parser")
    assert [th.get_text() for th in soup.select("thead th")][:2] == ["Id", "Aftale"]
    [row] = soup.select("tbody tr")
    cells = [td.get_text() for td in row.find_all("td")]
    assert cells[:2] == ["A7-2027-01-14-01", "Fælles affaldsplan for byggepladsen"]


def test_hostile_text_in_a_note_is_text_in_the_report(koordination: Session) -> None:
    html = render_report_html(koordination)
    soup = BeautifulSoup(html, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert(1)" in s.get_text()]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_new_agreements_topics_notes_and_plan_are_reported(koordination: Session) -> None:
    assert "Fælles affaldsplan for byggepladsen" in render_section("nye_aftaler", koordination, "da")
    topics = render_section("emner", koordination, "da")
    assert "Etape 2 starter i marts" in topics and "Status på genhusningen i etape 2" in topics
    plan = render_section("naeste", koordination, "da")
    assert "25. februar 2027" in plan or "25.02.2027" in plan
    assert "01.07.2027 ligger i juli" in plan, "a date in July is warned about in the report too"
    assert "Fælles velkomstpakke til genhusede beboere" in render_section("projekter", koordination, "da")


def test_the_fourth_meetings_report_has_no_koordination_sections(fourth: Session) -> None:
    for name in ("status", "emner", "projekter", "nye_aftaler", "naeste"):
        assert render_section(name, fourth, "da") == ""
    assert render_section("ovelse3", fourth, "da")


def test_the_koordinationsmoedes_report_in_english(koordination: Session) -> None:
    html = render_report_html(koordination, "en")
    assert "Status of the agreements" in html and "Said today" in html
