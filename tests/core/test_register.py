"""The register across meetings and afdelinger, its numbers checked against a count by hand.

The organisation below: Afdeling 7 meets three times (the fourth meeting, then two
koordinationsmøder), Afdeling 12 once. Counted by hand from the table in each test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from erfakit.core.agreements import record_status
from erfakit.core.model import (
    Agreement,
    AgreementStatus,
    Meeting,
    MeetingKind,
    Origin,
    Project,
    Session,
    Theme,
    Topics,
)
from erfakit.core.next_meeting import follow_up_session
from erfakit.core.register import build_register, open_entries

OPEN, GOING, DONE, DROPPED = (
    AgreementStatus.OPEN,
    AgreementStatus.IN_PROGRESS,
    AgreementStatus.DONE,
    AgreementStatus.DROPPED,
)
TODAY = dt.date(2027, 3, 1)


def agreement(key: str, theme: Theme, status: AgreementStatus, deadline: dt.date | None = None) -> Agreement:
    return Agreement(id=key, text=f"Aftale {key}", theme=theme, status=status, deadline=deadline, origin=Origin.OVELSE1)


def organisation() -> list[tuple[str, Session]]:
    """Afdeling 7: four agreements and a project at meeting 4 (3 Dec), followed up on 14 Jan and 25 Feb
    (one new agreement on 14 Jan); Afdeling 12: three agreements at its meeting 4 (10 Dec)."""
    a7 = Session(
        meeting=Meeting(afdeling="Afdeling 7 – Lærkeparken", date=dt.date(2026, 12, 3)),
        agreements=[
            agreement("A7-2026-12-03-01", Theme.BOLIGFORHOLD, OPEN, dt.date(2027, 1, 31)),
            agreement("A7-2026-12-03-02", Theme.BOLIGFORHOLD, OPEN, dt.date(2027, 6, 1)),
            agreement("A7-2026-12-03-03", Theme.BEBOERDEMOKRATI, OPEN),
            agreement("A7-2026-12-03-04", Theme.SAMARBEJDSPARTNERE, OPEN, dt.date(2027, 2, 1)),
        ],
        topics=Topics(projects=[Project(id="A7-2026-12-03-P01", title="Velkomstpakke", deadline=dt.date(2027, 2, 1))]),
    )
    first = follow_up_session(a7, date=dt.date(2027, 1, 14))
    first.agreements[0] = record_status(first.agreements[0], date=first.meeting.date, status=DONE, note="Klaret")
    first.agreements[1] = record_status(first.agreements[1], date=first.meeting.date, status=GOING, note="Godt i gang")
    first.agreements.append(
        Agreement(
            id="A7-2027-01-14-01",
            text="Affaldsplan",
            theme=Theme.FAELLESAREALER,
            deadline=dt.date(2027, 2, 20),
            origin=Origin.KOORDINATION,
            made_on=first.meeting.date,
        )
    )
    second = follow_up_session(first, date=dt.date(2027, 2, 25))
    second.agreements[2] = record_status(second.agreements[2], date=second.meeting.date, status=DROPPED, note="Opgivet")
    second.agreements[1] = record_status(second.agreements[1], date=second.meeting.date, note="Stadig i gang")
    a12 = Session(
        meeting=Meeting(afdeling="Afdeling 12 – Solbakken", date=dt.date(2026, 12, 10)),
        agreements=[
            agreement("A12-2026-12-10-01", Theme.BOLIGFORHOLD, OPEN, dt.date(2027, 2, 28)),
            agreement("A12-2026-12-10-02", Theme.BOLIGFORHOLD, DONE, dt.date(2027, 1, 1)),
            agreement("A12-2026-12-10-03", Theme.FAELLESAREALER, GOING, dt.date(2027, 4, 1)),
        ],
    )
    # Given in no particular order: the register orders by meeting date.
    return [("a7-2.json", second), ("a12.json", a12), ("a7-0.json", a7), ("a7-1.json", first)]


@pytest.fixture
def register():
    return build_register(organisation(), today=TODAY)


def test_one_row_per_agreement_and_project_with_its_latest_status(register) -> None:
    status = {entry.id: entry.status for entry in register.entries}
    assert status == {
        "A7-2026-12-03-01": DONE,
        "A7-2026-12-03-02": GOING,
        "A7-2026-12-03-03": DROPPED,
        "A7-2026-12-03-04": OPEN,
        "A7-2027-01-14-01": OPEN,
        "A7-2026-12-03-P01": OPEN,
        "A12-2026-12-10-01": OPEN,
        "A12-2026-12-10-02": DONE,
        "A12-2026-12-10-03": GOING,
    }
    assert [source.path for source in register.sources] == ["a7-0.json", "a12.json", "a7-1.json", "a7-2.json"]


def test_each_agreement_keeps_the_history_of_every_meeting_that_followed_it_up(register) -> None:
    history = {entry.id: [(c.date, c.status, c.note) for c in entry.history] for entry in register.entries}
    assert history["A7-2026-12-03-02"] == [
        (dt.date(2027, 1, 14), GOING, "Godt i gang"),
        (dt.date(2027, 2, 25), GOING, "Stadig i gang"),
    ]
    assert history["A7-2026-12-03-01"] == [(dt.date(2027, 1, 14), DONE, "Klaret")]
    assert history["A7-2026-12-03-03"] == [(dt.date(2027, 2, 25), DROPPED, "Opgivet")]
    entry = next(e for e in register.entries if e.id == "A7-2026-12-03-02")
    assert entry.meetings == [
        "Erfaringsgruppe 4 – videre forløb (3. december 2026)",
        "Koordinationsmøde (14. januar 2027)",
        "Koordinationsmøde (25. februar 2027)",
    ]
    assert entry.latest_source == "a7-2.json"
    assert entry.agreed_at == "Erfaringsgruppe 4 – videre forløb (3. december 2026)"


def test_overdue_is_open_or_in_progress_past_the_deadline_on_the_day_given(register) -> None:
    overdue = {entry.id for entry in register.entries if entry.overdue}
    # By hand on 1 March 2027: A7-04 (1 Feb, open), A7-2027-01 (20 Feb, open), the project (1 Feb, open),
    # A12-01 (28 Feb, open). Not A7-01 (done), A12-02 (done), A7-02 (1 June), A12-03 (1 April).
    assert overdue == {"A7-2026-12-03-04", "A7-2027-01-14-01", "A7-2026-12-03-P01", "A12-2026-12-10-01"}
    # On 1 February: A7-04 and the project are due that very day (not late yet); A7-01 (31 Jan) is done.
    assert {e.id for e in build_register(organisation(), today=dt.date(2027, 2, 1)).entries if e.overdue} == set()


def test_the_summary_per_afdeling_and_theme_matches_a_count_by_hand(register) -> None:
    rows = {(row.afdeling, row.theme, row.projects): row for row in register.summary()}

    def counts(afdeling: str, theme: Theme | None, projects: bool = False) -> tuple[int, ...]:
        row = rows[(afdeling, theme, projects)]
        return (row.total, row.open, row.in_progress, row.done, row.dropped, row.overdue)

    a7, a12 = "Afdeling 7 – Lærkeparken", "Afdeling 12 – Solbakken"
    #                                            total open going done dropped overdue
    assert counts(a7, Theme.BOLIGFORHOLD) == (2, 0, 1, 1, 0, 0)
    assert counts(a7, Theme.FAELLESAREALER) == (1, 1, 0, 0, 0, 1)
    assert counts(a7, Theme.BEBOERDEMOKRATI) == (1, 0, 0, 0, 1, 0)
    assert counts(a7, Theme.SAMARBEJDSPARTNERE) == (1, 1, 0, 0, 0, 1)
    assert counts(a7, None, projects=True) == (1, 1, 0, 0, 0, 1)
    assert counts(a7, None) == (6, 3, 1, 1, 1, 3)
    assert counts(a12, Theme.BOLIGFORHOLD) == (2, 1, 0, 1, 0, 1)
    assert counts(a12, Theme.FAELLESAREALER) == (1, 0, 1, 0, 0, 0)
    assert (a12, Theme.BEBOERDEMOKRATI, False) not in rows, "a theme without agreements has no row"
    assert counts(a12, None) == (3, 1, 1, 1, 0, 1)
    assert counts("", None) == (9, 4, 2, 2, 1, 4)


def test_open_entries_put_the_overdue_first(register) -> None:
    ids = [entry.id for entry in open_entries(register)]
    assert ids[:4] == ["A7-2026-12-03-04", "A7-2026-12-03-P01", "A7-2027-01-14-01", "A12-2026-12-10-01"]
    assert set(ids[4:]) == {"A7-2026-12-03-02", "A12-2026-12-10-03"}


def test_the_same_id_in_two_afdelinger_is_kept_apart_and_named(register) -> None:
    clash = Session(
        meeting=Meeting(afdeling="Afdeling 7 – Anden boligorganisation", date=dt.date(2026, 12, 3)),
        agreements=[agreement("A7-2026-12-03-01", Theme.BOLIGFORHOLD, OPEN)],
    )
    both = build_register([*organisation(), ("andet.json", clash)], today=TODAY)
    same = [entry for entry in both.entries if entry.id == "A7-2026-12-03-01"]
    assert {entry.afdeling for entry in same} == {"Afdeling 7 – Lærkeparken", "Afdeling 7 – Anden boligorganisation"}
    assert both.conflicts == [("A7-2026-12-03-01", "Afdeling 7 – Lærkeparken", "Afdeling 7 – Anden boligorganisation")]


def test_an_agreement_two_version_1_files_knew_by_its_old_id_is_one_entry() -> None:
    fourth = Session(
        meeting=Meeting(afdeling="Afdeling 7", date=dt.date(2026, 12, 3)),
        agreements=[
            Agreement(
                id="A7-2026-09-24-02", former_id="ag-e2", text="X", theme=Theme.BOLIGFORHOLD, origin=Origin.EARLIER
            )
        ],
    )
    # The next file version 1 made carried only the open ones, so the upgrade numbered it differently.
    later = Session(
        kind=MeetingKind.KOORDINATION,
        meeting=Meeting(afdeling="Afdeling 7", date=dt.date(2027, 1, 14)),
        agreements=[
            Agreement(
                id="A7-2026-09-24-01",
                former_id="ag-e2",
                text="X",
                theme=Theme.BOLIGFORHOLD,
                origin=Origin.EARLIER,
                status=DONE,
            )
        ],
    )
    register = build_register([("a.json", fourth), ("b.json", later)], today=TODAY)
    [entry] = register.entries
    assert (entry.id, entry.status) == ("A7-2026-09-24-02", DONE)
