"""The action list read back (`erfakit new --aftaler`): every column of every row comes back as it was.

Written by the kit and read by the kit, an agreement comes back with its id, meeting date, theme,
text, function, person, deadline, status and latest note — as the next meeting file would hold it
(from an earlier meeting, named after this one) — and a workbook brings the whole history too.
Text that a spreadsheet would run as a formula is written with a ``'`` before it and comes back as
typed. The analyst may change statuses in Excel (openpyxl edits the cells as Excel saves them,
labels typed by hand included) and the list still reads back, with the new statuses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from finished_meeting import finished_meeting
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from erfakit.core.agreements import carried_origin_meeting, record_status
from erfakit.core.identity import meeting_reference, next_item_id
from erfakit.core.model import (
    Agreement,
    AgreementStatus,
    Function,
    Meeting,
    Origin,
    Project,
    Session,
    Theme,
    Topics,
)
from erfakit.exceptions import InputFileErrors
from erfakit.io.action_list import dumps_actions_csv, dumps_actions_xlsx, read_action_list

# Text as the forms store it (trimmed), from every character an .xlsx can hold — line breaks, tabs,
# no-break spaces, right-to-left marks, emoji — often starting like a formula (or with an apostrophe).
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    "\n\t\u00a0\u200f"
)
BODY = st.text(CHARACTERS, min_size=1, max_size=30)
TYPED = st.builds(
    lambda prefix, body: (prefix + body).strip(), st.sampled_from(["", "=", "+", "-", "@", "'", "'="]), BODY
).filter(bool)
MAYBE = st.one_of(st.just(""), TYPED)
DATES = st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
MEETING_DATE = dt.date(2026, 12, 3)


@st.composite
def followed_up(draw: st.DrawFn, session: Session, project: bool) -> Agreement | Project:
    """An agreement or project of `session`'s meeting (its history is drawn by `_with_histories`)."""
    function = draw(st.one_of(st.none(), st.sampled_from(Function)))
    person = draw(MAYBE)
    common = {
        "id": next_item_id(session, project=project),
        "deadline": draw(DATES),
        "status": draw(st.sampled_from(AgreementStatus)),
        "made_on": MEETING_DATE,
    }
    item: Agreement | Project
    if project:
        item = Project(title=draw(TYPED), owner_function=function, owner_person=person, **common)
        session.topics.projects.append(item)
    else:
        origin = draw(st.sampled_from([Origin.OVELSE1, Origin.OVELSE3, Origin.EARLIER]))
        item = Agreement(
            text=draw(TYPED),
            theme=draw(st.sampled_from(Theme)),
            responsible_function=function,
            responsible_person=person,
            origin=origin,
            origin_meeting=draw(TYPED) if origin == Origin.EARLIER else "",
            **common,
        )
        session.agreements.append(item)
    return item


@st.composite
def meetings(draw: st.DrawFn) -> Session:
    session = Session(
        meeting=Meeting(afdeling=draw(TYPED), date=MEETING_DATE),
        topics=Topics(),
    )
    for _ in range(draw(st.integers(1, 4))):
        draw(followed_up(session, project=False))
    for _ in range(draw(st.integers(0, 2))):
        draw(followed_up(session, project=True))
    return session


def expected(session: Session, *, full_history: bool) -> tuple[list[Agreement], list[Project]]:
    """What reading the list gives: the agreements as the next meeting file holds them."""
    reference = meeting_reference(session)

    def history(item: Agreement | Project) -> list:
        if full_history or not item.history:
            return list(item.history)
        last = item.history[-1]
        return [last.model_copy(update={"new_deadline": None, "meeting": ""})]

    agreements = [
        a.model_copy(
            update={
                "origin": Origin.EARLIER,
                "origin_meeting": carried_origin_meeting(a, reference),
                "history": history(a),
            }
        )
        for a in session.agreements
    ]
    projects = [p.model_copy(update={"history": history(p)}) for p in session.topics.projects]
    return agreements, projects


def by_id(items: list) -> dict[str, object]:
    return {item.id: item for item in items}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(meeting=meetings(), data=st.data())
def test_the_kits_own_workbook_reads_back_every_field_and_the_whole_history_exactly(
    meeting: Session, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    session = _with_histories(meeting, data)
    path = tmp_path_factory.mktemp("rundtur") / "aftaler.xlsx"
    path.write_bytes(dumps_actions_xlsx(session))
    read = read_action_list(path)
    agreements, projects = expected(session, full_history=True)
    assert by_id(read.agreements) == by_id(agreements)
    assert by_id(read.projects) == by_id(projects)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(meeting=meetings(), data=st.data())
def test_the_kits_own_csv_reads_back_every_column_and_the_latest_note_exactly(
    meeting: Session, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    session = _with_histories(meeting, data)
    path = tmp_path_factory.mktemp("rundtur") / "aftaler.csv"
    path.write_bytes(dumps_actions_csv(session))
    read = read_action_list(path)
    agreements, projects = expected(session, full_history=False)
    assert by_id(read.agreements) == by_id(agreements)
    assert by_id(read.projects) == by_id(projects)


def _with_histories(session: Session, data: st.DataObject) -> Session:
    """Give some items a history (the composite above drew the fields; the history goes in here)."""
    for index, agreement in enumerate(session.agreements):
        for day in sorted(data.draw(st.sets(st.integers(1, 400), max_size=3), label=f"days {index}")):
            agreement = record_status(
                agreement,
                date=MEETING_DATE + dt.timedelta(days=day),
                status=data.draw(st.sampled_from(AgreementStatus)),
                note=data.draw(MAYBE),
                deadline=data.draw(st.one_of(st.just("unchanged"), DATES)),
                meeting=data.draw(MAYBE),
            )
        session.agreements[index] = agreement
    for index, project in enumerate(session.topics.projects):
        if data.draw(st.booleans(), label=f"project {index} followed up"):
            session.topics.projects[index] = record_status(
                project, date=MEETING_DATE + dt.timedelta(days=30), note=data.draw(MAYBE)
            )
    return session


# --- The analyst edits the workbook in Excel -----------------------------------------------------------


def _meeting_with_ids() -> Session:
    session = finished_meeting()
    for agreement in session.agreements:
        agreement.id = next_item_id(session)
    for project in session.topics.projects:
        project.id = next_item_id(session, project=True)
    session.agreements[3].text = '=HYPERLINK("http://x";"klik")'
    session.agreements[2].responsible_person = "@Søren"
    return session


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("Gennemført", AgreementStatus.DONE),
        ("gennemført ", AgreementStatus.DONE),
        ("GENNEMFØRT", AgreementStatus.DONE),
        ("færdig", AgreementStatus.DONE),
        ("i gang", AgreementStatus.IN_PROGRESS),
        ("Igang", AgreementStatus.IN_PROGRESS),
        ("Opgivet", AgreementStatus.DROPPED),
        ("åben", AgreementStatus.OPEN),
        ("Done", AgreementStatus.DONE),
    ],
)
def test_statuses_the_analyst_changed_in_excel_are_read_back_and_nothing_else_changes(
    tmp_path: Path, typed: str, status: AgreementStatus
) -> None:
    session = _meeting_with_ids()
    session.agreements[0] = record_status(session.agreements[0], date=dt.date(2027, 1, 14), note="Halvvejs")
    path = tmp_path / "aftaler.xlsx"
    path.write_bytes(dumps_actions_xlsx(session))
    workbook = load_workbook(path)  # as Excel opens and saves it: every cell kept, one changed
    sheet = workbook["Aftaler"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[header.index("Id")].value: row for row in sheet.iter_rows(min_row=2)}
    rows[session.agreements[1].id][header.index("Status")].value = typed
    rows[session.topics.projects[0].id][header.index("Status")].value = "I gang"
    workbook.save(path)

    read = read_action_list(path)
    agreements, projects = expected(session, full_history=True)
    agreements[1] = agreements[1].model_copy(update={"status": status})
    projects[0] = projects[0].model_copy(update={"status": AgreementStatus.IN_PROGRESS})
    assert by_id(read.agreements) == by_id(agreements)
    assert by_id(read.projects) == by_id(projects)
    assert read.agreements[3].text == '=HYPERLINK("http://x";"klik")'


def test_a_status_excel_cannot_understand_is_named_with_its_cell_and_the_statuses_allowed(tmp_path: Path) -> None:
    session = _meeting_with_ids()
    path = tmp_path / "aftaler.xlsx"
    path.write_bytes(dumps_actions_xlsx(session))
    workbook = load_workbook(path)
    workbook["Aftaler"]["J3"] = "måske"
    workbook.save(path)
    with pytest.raises(InputFileErrors) as caught:
        read_action_list(path)
    message = str(caught.value)
    assert "aftaler.xlsx" in message and "J3" in message or "række 3" in message
    assert "»måske« er ikke en status" in message
    assert "Åben, I gang, Gennemført, Opgivet" in caught.value.errors[0].hint


def test_a_formula_saved_without_its_result_is_named_not_read_as_an_empty_agreement(tmp_path: Path) -> None:
    session = _meeting_with_ids()
    path = tmp_path / "aftaler.xlsx"
    path.write_bytes(dumps_actions_xlsx(session))
    workbook = load_workbook(path)
    workbook["Aftaler"]["F2"] = "=1+1"  # a formula, saved by a program that computes nothing (Excel would)
    workbook.save(path)
    with pytest.raises(InputFileErrors, match="F2|kolonne F") as caught:
        read_action_list(path)
    assert "formel uden et gemt resultat" in str(caught.value)


def test_an_older_kit_list_with_one_responsible_column_is_split_into_function_and_person(tmp_path: Path) -> None:
    path = tmp_path / "gammel.csv"
    path.write_text(
        "Aftale;Tema;Ansvarlig;Frist;Status;Aftalt på\r\n"
        "Kontaktliste;Samarbejdspartnere;Genhusning – Lars Winther;15.01.2027;I gang;Øvelse 2\r\n"
        "Nyhedsbrev;Fællesarealer;Anna Holm;;Åben;\r\n",
        encoding="utf-8-sig",
    )
    [first, second] = read_action_list(path).agreements
    assert (first.responsible_function, first.responsible_person) == (Function.GENHUSNING, "Lars Winther")
    assert (second.responsible_function, second.responsible_person) == (None, "Anna Holm")
    assert first.id == "" and first.origin_meeting == "Øvelse 2"


def test_the_same_id_twice_is_named_with_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "dobbelt.csv"
    path.write_text(
        "Id;Aftale;Tema\r\nA7-2026-12-03-01;En;Fællesarealer\r\nA7-2026-12-03-01;To;Fællesarealer\r\n",
        encoding="utf-8",
    )
    with pytest.raises(InputFileErrors, match="Id »A7-2026-12-03-01« står også i række 2"):
        read_action_list(path)


def test_the_workbook_written_in_english_reads_back_too(tmp_path: Path) -> None:
    session = _meeting_with_ids()
    path = tmp_path / "actions.xlsx"
    path.write_bytes(dumps_actions_xlsx(session, "en"))
    read = read_action_list(path)
    agreements, projects = expected(session, full_history=True)
    english = {
        a.id: a.model_copy(update={"origin_meeting": a.origin_meeting.replace("3. december", "3 December")})
        for a in agreements
    }
    assert by_id(read.agreements) == english
    assert by_id(read.projects) == by_id(projects)


def test_a_workbook_from_elsewhere_is_opened_in_memory_only(tmp_path: Path) -> None:
    # The reader never writes: the file is byte for byte what it was.
    session = _meeting_with_ids()
    path = tmp_path / "aftaler.xlsx"
    path.write_bytes(dumps_actions_xlsx(session))
    before = path.read_bytes()
    read_action_list(path)
    assert path.read_bytes() == before
