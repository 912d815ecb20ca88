"""Three meetings in a row through the real app: the fourth meeting, the koordinationsmøde opened from
the file its export made, and the register of agreements over all three files.

Everything the tovholder does happens in Chromium on `erfakit app` (Voilà); the register is built by
the `erfakit aftaler` command an analyst runs, and its HTML overview is looked at in Chromium too.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import meetingpage as m
import pytest
from playwright.sync_api import Page, expect

from erfakit.core.agreements import history_line
from erfakit.core.model import AgreementStatus, Function, MeetingKind, Origin
from erfakit.texts import label

pytestmark = [pytest.mark.browser, pytest.mark.slow]

APP_START_TIMEOUT_MS = 120_000
EXPORT_TIMEOUT_MS = 120_000

# Set in the fourth meeting's recap (Øvelse 3), then followed up at the koordinationsmøde.
FOLLOWED = "A7-2026-09-24-03"
# Only followed up at the koordinationsmøde.
CLOSED_AT_FOLLOW_UP = "A7-2026-12-03-01"
NOTE_FOLLOWED = "Mødet er holdt; 40 beboere kom »til tiden«."
NOTE_CLOSED = "Aftalen er løst <før tid> & listen deles hver mandag."
NEW_AGREEMENT = m.TypedAgreement(
    "Byggeledelsen og driften går fælles runde i gården hver anden fredag.",
    Function.BYGGETEKNISK,
    "Sofie Kragh",
    dt.date(2027, 3, 31),
)


def open_app(page: Page, start_app, path: Path) -> None:
    app = start_app(path)
    page.goto(app.page_url)
    expect(page.locator(".erfakit-app")).to_be_visible(timeout=APP_START_TIMEOUT_MS)
    m.assert_no_bug_shown(page)


def export(page: Page, part: str) -> None:
    """Click "Eksportér rapport" on `part`'s screen and wait until the result lists the next meeting file."""
    screen = m.go_to(page, part)
    screen.locator("button.erfakit-export-report").click()
    result = screen.locator(".erfakit-export-result")
    expect(result).to_contain_text("naeste-moede-", timeout=EXPORT_TIMEOUT_MS)
    m.assert_no_bug_shown(page)


def next_files(folder: Path) -> set[Path]:
    return set(folder.glob("naeste-moede-*.json"))


def test_fourth_meeting_then_koordinationsmoede_then_the_register_shows_each_agreements_history(
    page: Page, start_app, tmp_path: Path, screenshots: Path, blocked_requests
):
    from erfakit.demo import prepare_demo
    from erfakit.io.meeting_file.document import load_session

    folder = tmp_path / "afdeling-7"
    fourth = prepare_demo(folder, filled=True)

    # 1. The fourth meeting: one earlier agreement is set to "I gang" in Øvelse 3's recap; export.
    open_app(page, start_app, fourth)
    screen = m.go_to(page, "ovelse3")
    m.pick(screen.locator(f".erfakit-agreement-status-{FOLLOWED} select"), label(AgreementStatus.IN_PROGRESS, "da"))
    fourth_date = load_session(fourth).meeting.date
    m.wait_for_file(
        fourth,
        lambda s: any(a.id == FOLLOWED and a.status == AgreementStatus.IN_PROGRESS for a in s.agreements),
        "the status set in the recap",
    )
    export(page, "afslutning")
    made = next_files(folder)
    assert len(made) == 1, f"the fourth meeting's export made {made}"
    koordination = made.pop()
    follow_up = load_session(koordination)
    assert follow_up.kind == MeetingKind.KOORDINATION
    assert follow_up.meeting.date == dt.date(2027, 1, 14), "the next file is for the plan's first date"
    by_id = {a.id: a for a in follow_up.agreements}
    assert by_id[FOLLOWED].status == AgreementStatus.IN_PROGRESS
    assert {a.id for a in load_session(fourth).agreements} == set(by_id), "the next file carries every agreement"

    # 2. The koordinationsmøde, opened from that file: two statuses changed with notes, one new agreement.
    open_app(page, start_app, koordination)
    screen = m.go_to(page, "status")
    m.shoot(page, screenshots, "chain-01-status-round", screen.locator(".erfakit-status-round"), above=80)
    for key, status, note in (
        (FOLLOWED, AgreementStatus.DONE, NOTE_FOLLOWED),
        (CLOSED_AT_FOLLOW_UP, AgreementStatus.DONE, NOTE_CLOSED),
    ):
        row = screen.locator(f".erfakit-status-row-{key}")
        m.pick(row.locator(".erfakit-status-status select"), label(status, "da"))
        m.type_text(row.locator(".erfakit-status-note textarea"), note)
    m.wait_for_file(
        koordination,
        lambda s: all(
            a.status == AgreementStatus.DONE and a.history and a.history[-1].note
            for a in s.agreements
            if a.id in {FOLLOWED, CLOSED_AT_FOLLOW_UP}
        ),
        "both statuses and notes",
    )
    screen = m.go_to(page, "nye_aftaler")
    editor = screen.locator(".erfakit-agreements").first
    m.type_text(editor.locator(".erfakit-agreement-text textarea"), NEW_AGREEMENT.text)
    m.pick(editor.locator(".erfakit-agreement-function select"), label(NEW_AGREEMENT.function))
    m.type_text(editor.locator(".erfakit-agreement-person input"), NEW_AGREEMENT.person)
    m.set_date(editor.locator(".erfakit-agreement-deadline input"), NEW_AGREEMENT.deadline)
    editor.locator("button.erfakit-agreement-add").click()
    expect(editor.locator(".erfakit-agreement-list select")).to_contain_text(NEW_AGREEMENT.text[:25])
    export(page, "naeste")
    m.shoot(page, screenshots, "chain-02-koordination-exported", page.locator(".erfakit-export-result"), above=200)
    third = next_files(folder) - {koordination}
    assert len(third) == 1, f"the koordinationsmøde's export made {third}"
    third_file = third.pop()
    following = load_session(third_file)
    assert following.kind == MeetingKind.KOORDINATION and following.meeting.date > follow_up.meeting.date
    new = [a for a in following.agreements if a.text == NEW_AGREEMENT.text]
    # In the file after it, the new agreement is an earlier one that says where it was made.
    assert len(new) == 1 and new[0].origin == Origin.EARLIER and new[0].made_on == follow_up.meeting.date
    assert new[0].origin_meeting == "Koordinationsmøde (14. januar 2027)"
    assert new[0].id.startswith("A7-2027-01-14-"), new[0].id

    # 3. The register over the three files, as the analyst builds it.
    out = tmp_path / "register.xlsx"
    done = subprocess.run(
        [str(Path(sys.executable).with_name("erfakit")), "aftaler", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "mødefiler: 3, afdelinger: 1," in done.stdout, done.stdout

    from erfakit.core.register import build_register

    register = build_register(
        [(str(path), load_session(path)) for path in (fourth, koordination, third_file)], today=fourth_date
    )
    entries = {entry.id: entry for entry in register.entries}
    assert len(entries) == len(following.agreements) + len(following.topics.projects)
    followed = entries[FOLLOWED]
    assert [(c.date, c.status) for c in followed.history] == [
        (fourth_date, AgreementStatus.IN_PROGRESS),
        (follow_up.meeting.date, AgreementStatus.DONE),
    ]
    assert followed.history[-1].note == NOTE_FOLLOWED and followed.status == AgreementStatus.DONE
    closed = entries[CLOSED_AT_FOLLOW_UP]
    assert [(c.date, c.status, c.note) for c in closed.history] == [
        (follow_up.meeting.date, AgreementStatus.DONE, NOTE_CLOSED)
    ]
    assert entries[new[0].id].status == AgreementStatus.OPEN and entries[new[0].id].history == []

    # The management's overview shows the same history, user text escaped, offline.
    overview = page.context.new_page()
    overview.goto(out.with_suffix(".html").as_uri())
    body = overview.locator("body")
    for change in (*followed.history, *closed.history):
        expect(body).to_contain_text(history_line(change, "da"))
    expect(body).to_contain_text(NEW_AGREEMENT.text)
    assert "&lt;før tid&gt;" in out.with_suffix(".html").read_text(encoding="utf-8")
    m.shoot(overview, screenshots, "chain-03-register", overview.locator("body"))
    overview.close()
    assert blocked_requests == [], f"the chain tried to reach the network: {blocked_requests}"
