"""Text typed in the meeting stays text in the report: hostile input in every free-text field and
partner name, opened in headless Chromium with the network cut off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import (
    Agreement,
    Composition,
    CompositionRow,
    Function,
    Meeting,
    MeetingPlan,
    Origin,
    Participant,
    Partner,
    PartnerCategory,
    PartnerStatus,
    PlannedMeeting,
    Project,
    Session,
    Theme,
    Topics,
)
from erfakit.handouts import export_report_html
from erfakit.io.meeting_file.document import save_session

pytestmark = pytest.mark.browser

CSP_META = (
    "<meta content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\" "
    'http-equiv="Content-Security-Policy"/>'
)


def hostile(field: str) -> str:
    """A payload that sets ``window.__pwned`` (or opens a dialog) if it ever runs, naming its field."""
    return (
        f"<script>window.__pwned='{field}';alert('{field}')</script>"
        f"<img src=x onerror=\"window.__pwned='{field}'\">"
        f'"><svg onload="window.__pwned=\'{field}\'"></svg>'
        f'\'><iframe src="https://example.invalid/{field}"></iframe>{field}'
    )


def hostile_session() -> Session:
    """A meeting with a payload in every free-text field of the model, partner names included."""
    h = hostile
    return Session(
        meeting=Meeting(
            group=h("group"),
            organisation=h("organisation"),
            afdeling=h("afdeling"),
            date=dt.date(2026, 12, 3),
            place=h("place"),
            tovholder=h("tovholder"),
        ),
        participants=[
            Participant(function=function, name=h(f"name-{function}"), title=h(f"title-{function}"))
            for function in Function
        ],
        since_last={function: h(f"since-{function}") for function in Function},
        answers={key: h(f"answer-{key}") for key in ANSWER_IDS},
        composition=Composition(
            residents_source=h("residents_source"),
            board_source=h("board_source"),
            notes=[h("note")],
            rows=[
                CompositionRow(dimension="Køn", category=h("category-1"), residents=120, board=3),
                CompositionRow(dimension="Køn", category=h("category-2"), residents=100, board=2),
                CompositionRow(dimension=h("dimension"), category="A", residents=50, board=1),
                CompositionRow(dimension=h("dimension"), category="B", residents=70, board=4),
            ],
        ),
        partners=[
            Partner(
                function=function,
                category=category,
                name=h(f"partner-{index % 3}"),  # shared by several functions: the shared list too
                activity=h(f"activity-{index}"),
                status=PartnerStatus.ESTABLISH if index % 2 else PartnerStatus.EXISTING,
            )
            for index, (function, category) in enumerate(zip(Function, PartnerCategory, strict=False))
        ],
        agreements=[
            Agreement(
                text=h(f"agreement-{origin}"),
                theme=theme,
                origin=origin,
                responsible_function=Function.DRIFT,
                responsible_person=h(f"responsible-{origin}"),
                origin_meeting=h(f"origin-{origin}"),
            )
            for origin, theme in zip(Origin, list(Theme) + [Theme.FAELLESAREALER], strict=False)
        ],
        plan=MeetingPlan(
            interval="4w",
            place=h("plan-place"),
            dates=[
                PlannedMeeting(date=dt.date(2027, 1, 7), place=h("date-place"), note=h("date-note")),
                PlannedMeeting(date=dt.date(2027, 2, 4), note=h("date-note-2")),
            ],
        ),
        topics=Topics(
            meet_about=h("meet_about"),
            want_to_know=h("want_to_know"),
            projects=[Project(title=h("project"), owner_function=Function.UDLEJNING, owner_person=h("owner"))],
        ),
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    session_path = tmp_path / "moede.json"
    save_session(hostile_session(), session_path)
    return export_report_html(session_path, tmp_path / "referat.html")


def test_the_report_declares_a_content_security_policy(report: Path) -> None:
    assert CSP_META in report.read_text(encoding="utf-8")


@pytest.mark.parametrize("keep_csp", [False, True], ids=["escaping-alone", "with-csp"])
def test_hostile_text_in_every_field_runs_nothing_and_fetches_nothing(browser, report: Path, keep_csp: bool) -> None:
    document = report.read_text(encoding="utf-8")
    if not keep_csp:
        # The policy would block scripts even if escaping failed; take it out to test the escaping.
        document = document.replace(CSP_META, "")
        assert "Content-Security-Policy" not in document
    target = report.with_name(f"referat-{'csp' if keep_csp else 'bare'}.html")
    target.write_text(document, encoding="utf-8")
    url = target.as_uri()

    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(300)
        pwned = page.evaluate("() => window.__pwned")
        scripts = page.evaluate("() => document.scripts.length")
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))"
        )
        injected = page.evaluate("() => document.querySelectorAll('iframe, svg, script, b').length")
        images = page.evaluate("() => [...document.images].map(img => img.getAttribute('src').slice(0, 22))")
        shown = page.inner_text("main")
    finally:
        context.close()

    assert pwned is None
    assert dialogs == []
    assert scripts == 0 and handlers == [] and injected == 0
    assert set(images) == {"data:image/png;base64,"}
    assert [request for request in requests if request != url and not request.startswith("data:")] == []
    # The payloads are there, shown as the text that was typed.
    for field in (
        "afdeling",
        "tovholder",
        "answer-o1.a.role",
        "since-drift",
        "partner-1",
        "activity-2",
        "agreement-ovelse2",
        "responsible-earlier",
        "date-note",
        "meet_about",
        "project",
        "owner",
    ):
        assert f"<script>window.__pwned='{field}'" in shown, field
