"""The whole meeting in JupyterLab, as a tovholder runs it: through the page only.

On a temporary copy of the demo meeting file (as the analyst hands it over): open the meeting
notebook, run it, fill every part, crash the kernel half-way and reload the tab (nothing typed may be
lost), export the report from the page and read it offline in Chromium.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import meetingpage as m
import pytest
from labpage import (
    assert_no_error_output,
    kill_kernel,
    open_notebook,
    restart_after_crash,
    run_all_cells,
    wait_for_notebook,
)
from playwright.sync_api import expect

from erfakit.core.formatting import format_date
from erfakit.core.model import Function
from erfakit.texts import label

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXPORT_TIMEOUT_MS = 120_000


def prepare_meeting(folder: Path) -> tuple[Path, Path]:
    """The analyst's demo meeting file and the meeting notebook bound to it, both in ``folder``."""
    from erfakit.cli.lab import meeting_notebook_for
    from erfakit.demo import prepare_demo

    session_path = prepare_demo(folder, filled=False)
    return session_path, meeting_notebook_for(session_path, "da")


def test_a_tovholder_runs_the_whole_meeting_in_jupyterlab_and_loses_nothing(
    page, context, lab_server, lab_folder, screenshots, blocked_requests
):
    session_path, notebook = prepare_meeting(lab_folder)
    relative = notebook.relative_to(lab_server.root).as_posix()

    open_notebook(page, lab_server, relative)
    run_all_cells(page)
    assert_no_error_output(page)
    m.assert_no_bug_shown(page)
    expect(page.locator(".erfakit-header")).to_be_visible()
    m.shoot(page, screenshots, "lab-00-start", page.locator(".erfakit-header"), above=10)

    # Projector set-up: large text on; it is stored in the meeting file and must survive the crash.
    large_text = page.locator("button.erfakit-large-text")
    large_text.click()
    expect(large_text).to_have_class(m.re_class("mod-active"))
    m.wait_for_file(session_path, lambda s: s.display.large_text, "large text switched on")

    # Velkommen
    m.fill_velkommen(page)
    m.shoot(page, screenshots, "lab-01-velkommen", page.locator(".erfakit-since-boligsocial"), above=160)

    # Øvelse 1: every question, the analyst's composition, two agreements
    m.fill_answers(page, "ovelse1", m.ANSWERS)
    for agreement in m.AGREEMENTS:
        m.add_agreement(page, "ovelse1", agreement)
    expect(page.locator(".erfakit-agreements-ovelse1 .erfakit-agreement-count")).to_have_class(
        m.re_class("erfakit-count-done")
    )
    composition = assert_composition_shown(page)
    m.shoot(page, screenshots, "lab-02-ovelse1-composition-table", composition)
    m.shoot(
        page,
        screenshots,
        "lab-03-ovelse1-composition-charts",
        composition.locator(".erfakit-composition-charts"),
        above=10,
    )
    m.shoot(
        page, screenshots, "lab-04-ovelse1-agreements", m.within(page, "ovelse1").locator(".erfakit-agreements-ovelse1")
    )

    # Øvelse 2: the grid, the shared partner, the near-duplicate name
    m.fill_ovelse2(page)
    shared = page.locator(".erfakit-shared-partners")
    expect(shared).to_contain_text(m.SHARED_PARTNER)
    expect(shared).to_contain_text(label(Function.BOLIGSOCIAL))
    expect(shared).to_contain_text(label(Function.DRIFT))
    suggestions = page.locator(".erfakit-merge-suggestions")
    for name in m.NEAR_DUPLICATES:
        expect(suggestions).to_contain_text(name)
    expect(suggestions.locator("button.erfakit-merge-accept").first).to_be_visible()
    m.shoot(page, screenshots, "lab-05-ovelse2-grid", page.locator(".erfakit-partner-function"), above=70)
    m.shoot(page, screenshots, "lab-06-ovelse2-shared", shared, above=250)
    # The group says the two are different partners: the suggestion goes, and stays gone.
    suggestions.locator("button.erfakit-merge-dismiss").first.click()
    expect(suggestions.locator("button.erfakit-merge-accept")).to_have_count(0)

    on_disk = m.wait_for_file(
        session_path,
        lambda s: (
            len(s.partners) == len(m.PARTNERS)
            and s.answers.get("o2.establish") == m.OVELSE2_ANSWERS["o2.establish"]
            and len(s.dismissed_merges) == 1
        ),
        "all partners, answers and the dismissed suggestion",
    )
    assert set(on_disk.dismissed_merges[0]) == set(m.NEAR_DUPLICATES)
    assert {a.text for a in on_disk.agreements} >= {a.text for a in m.AGREEMENTS}

    # Half-way: the kernel dies as if the laptop's Python crashed; nothing typed may be lost.
    old_pid = kill_kernel(lab_server, relative)
    restart_after_crash(page, lab_server, relative, old_pid)
    assert_no_error_output(page)
    m.assert_no_bug_shown(page)
    m.assert_typed_so_far_is_shown(page)
    expect(page.locator(".erfakit-merge-suggestions button.erfakit-merge-accept")).to_have_count(0)
    expect(large_text).to_have_class(m.re_class("mod-active"))
    m.shoot(page, screenshots, "lab-07-after-kernel-crash", page.locator(".erfakit-grid"))

    # The tab is reloaded (closed and opened again): still everything there.
    page.reload()
    wait_for_notebook(page, relative)
    run_all_cells(page)
    assert_no_error_output(page)
    m.assert_no_bug_shown(page)
    m.assert_typed_so_far_is_shown(page)
    expect(large_text).to_have_class(m.re_class("mod-active"))
    large_text.click()
    m.wait_for_file(session_path, lambda s: not s.display.large_text, "large text switched off")

    # Øvelse 3: the meeting frequency becomes dates; topics and a joint project
    dates = m.fill_plan(page)
    planned = m.wait_for_file(session_path, lambda s: len(s.plan.dates) >= 2, "planned dates")
    assert planned.plan.dates[0].date == m.PLAN_FIRST_DATE
    days = [d.date for d in planned.plan.dates]
    assert days == sorted(set(days)), f"the planned dates are not in order: {days}"
    expect(dates.locator(".erfakit-plan-date")).to_have_count(len(planned.plan.dates))
    for day in days:
        expect(dates).to_contain_text(format_date(day, "da", weekday=True))
    m.fill_topics_and_project(page)
    m.shoot(page, screenshots, "lab-08-ovelse3-plan", page.locator(".erfakit-plan-interval"), above=80)

    final = m.wait_for_file(
        session_path,
        lambda s: s.topics.want_to_know == m.TOPICS_WANT_TO_KNOW and len(s.topics.projects) == 1,
        "topics and the project",
    )
    assert_meeting_file_holds_what_was_typed(final)

    # Afslutning: export the report from the page and read it offline.
    screen = m.go_to(page, "afslutning")
    started = time.time()
    screen.locator("button.erfakit-export-report").click()
    result = screen.locator(".erfakit-export-result")
    expect(result).to_contain_text(".html", timeout=EXPORT_TIMEOUT_MS)
    m.shoot(page, screenshots, "lab-09-afslutning-export", screen, above=10)
    report = newest_html(lab_folder, since=started)
    m.assert_no_bug_shown(page)

    assert blocked_requests == [], f"JupyterLab tried to reach the network: {blocked_requests}"
    read_report_offline(context, report, screenshots, final)


def assert_composition_shown(page):
    """Øvelse 1 B shows the analyst's comparison of board and residents: a card, and behind "Vis detaljer"
    the tables and charts."""
    composition = m.within(page, "ovelse1").locator(".erfakit-composition")
    expect(composition.locator(".erfakit-composition-card li").first).to_be_visible()
    composition.locator("button.erfakit-composition-details-toggle").click()
    expect(composition.locator(".erfakit-composition-table").first).to_be_visible()
    # The charts come after the tables: nine matplotlib figures take seconds on a loaded 2-core machine.
    expect(composition.locator(".erfakit-composition-charts img").first).to_be_visible(timeout=60_000)
    return composition


def assert_meeting_file_holds_what_was_typed(session) -> None:
    """Everything typed through the page is in the meeting file on disk."""
    assert {f: session.since_last.get(f) for f in m.SINCE_LAST} == m.SINCE_LAST
    answers = {**m.ANSWERS, **m.OVELSE2_ANSWERS}
    assert {q: session.answers.get(q) for q in answers} == answers
    typed = {(a.text, a.responsible_function, a.responsible_person, a.deadline) for a in session.agreements}
    for agreement in m.AGREEMENTS:
        assert (agreement.text, agreement.function, agreement.person, agreement.deadline) in typed
    partners = sorted((p.function, p.category, p.name, p.activity) for p in session.partners)
    assert partners == sorted((p.function, p.category, p.name, p.activity) for p in m.PARTNERS)
    assert session.plan.interval == "4w"
    assert session.topics.meet_about == m.TOPICS_MEET_ABOUT
    project = session.topics.projects[0]
    assert (project.title, project.owner_function, project.owner_person) == (
        m.PROJECT.title,
        m.PROJECT.function,
        m.PROJECT.person,
    )


def newest_html(folder: Path, *, since: float) -> Path:
    """The HTML report written under ``folder`` after ``since`` (a time.time() value)."""
    reports = [p for p in folder.rglob("*.html") if p.stat().st_mtime >= since - 1]
    assert reports, f"no HTML report was written under {folder}"
    return max(reports, key=lambda p: p.stat().st_mtime)


def read_report_offline(context, report: Path, screenshots: Path, session) -> None:
    """Open the report from disk with every request recorded: it must need none and show the meeting."""
    kept = screenshots / "report.html"
    shutil.copyfile(report, kept)
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    shown = page.locator("body").inner_text()
    others = [url for url in requests if url != report.as_uri() and not url.startswith("data:")]
    assert others == [], f"the report tried to load {others}"
    assert page.locator(".jp-InputArea, .jp-CodeCell .jp-Editor").count() == 0, "the report shows code"
    expected = [
        *m.SINCE_LAST.values(),
        *m.ANSWERS.values(),
        *m.OVELSE2_ANSWERS.values(),
        *(a.text for a in m.AGREEMENTS),
        m.SHARED_PARTNER,
        *(format_date(planned.date, "da") for planned in session.plan.dates),
        m.TOPICS_MEET_ABOUT,
        m.TOPICS_WANT_TO_KNOW,
        m.PROJECT.title,
    ]
    missing = [value for value in expected if value not in shown]
    assert missing == [], f"the report {report} (copied to {kept}) lacks {missing}"
    shared = page.locator("li", has_text=m.SHARED_PARTNER).filter(has_text=label(Function.DRIFT))
    assert shared.count() >= 1, "the report does not list the shared partner with its functions"
    page.screenshot(path=screenshots / "report-01-top.png")
    m.shoot(page, screenshots, "report-02-ovelse2", page.locator("h2", has_text="Øvelse 2"), above=20)
    m.shoot(page, screenshots, "report-03-ovelse3", page.locator("h2", has_text="Øvelse 3"), above=20)
    page.close()
