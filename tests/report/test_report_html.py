"""The session report rendered in-process (no kernel): contents, escaping, offline, export_all."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from erfakit.core.formatting import format_date
from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import Function
from erfakit.demo import prepare_demo
from erfakit.exceptions import ErfakitError
from erfakit.handouts import export_all, export_report_html
from erfakit.io.meeting_file.document import load_session, save_session
from erfakit.report import render_report_html, render_section
from erfakit.report.render import forget_rendered
from erfakit.texts import text

NOW = dt.datetime(2026, 12, 3, 16, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def filled_path(demo_folder: Path) -> Path:
    return prepare_demo(demo_folder / "filled", filled=True)


@pytest.fixture(scope="module")
def filled_html(filled_path: Path) -> str:
    return render_report_html(load_session(filled_path))


def test_report_shows_every_answer_agreement_partner_and_planned_date(filled_path: Path, filled_html: str) -> None:
    session = load_session(filled_path)
    expected = [session.meeting.afdeling, session.meeting.place, session.meeting.tovholder]
    expected += [session.answers[key] for key in ANSWER_IDS if session.answers.get(key)]
    expected += list(session.since_last.values())
    expected += [agreement.text for agreement in session.agreements]
    expected += [partner.name for partner in session.partners]
    expected += [format_date(planned.date, "da", weekday=True) for planned in session.plan.dates]
    expected += [session.topics.meet_about, session.topics.want_to_know]
    expected += [project.title for project in session.topics.projects]
    expected += [p.name for p in session.participants if p.name]
    missing = [value for value in expected if html.escape(value.strip()) not in filled_html]
    assert missing == []


def test_report_asks_every_guide_question_word_for_word(filled_html: str) -> None:
    for key in ANSWER_IDS:
        assert html.escape(text(f"guide.{key}", "da")) in filled_html, key
    for key in ("o3.meet_about", "o3.want_to_know", "o3.projects", "velkommen.since"):
        assert html.escape(text(f"guide.{key}", "da")) in filled_html, key


def test_report_has_the_composition_charts_and_network_as_inline_png(filled_path: Path, filled_html: str) -> None:
    session = load_session(filled_path)
    dimensions = {row.dimension for row in session.composition.rows}
    images = re.findall(r'<img [^>]*src="([^"]+)"', filled_html)
    assert len(images) == len(dimensions) + 1
    assert all(src.startswith("data:image/png;base64,") for src in images)


def test_report_is_offline_without_code_or_prompts(filled_html: str) -> None:
    lowered = filled_html.lower()
    assert "<script" not in lowered
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', lowered)
    assert "cdnjs" not in lowered and "unpkg" not in lowered and "mathjax" not in lowered
    assert "show_section" not in filled_html and "session_path" not in filled_html
    assert "In&nbsp;[" not in filled_html and "jp-InputArea" not in filled_html


def test_report_prints_on_a4_flowing_parts_with_headings_kept_with_their_text_and_unsplit_charts(
    filled_html: str,
) -> None:
    assert "size: A4" in filled_html
    # A page per part left pages mostly blank (tests/browser/test_report_pdf.py measures the PDF).
    assert re.search(r"\.erfa-part\s*\{[^}]*break-before: auto", filled_html)
    assert re.search(r"h1, h2, h3, h4\s*\{[^}]*break-after: avoid", filled_html)
    assert re.search(r"\.erfa-figure\s*\{[^}]*break-inside: avoid", filled_html)
    assert filled_html.count('class="erfa-section erfa-part"') == 4


def test_report_with_all_charts_stays_under_one_megabyte(filled_html: str) -> None:
    assert len(filled_html.encode("utf-8")) <= 1_000_000


def test_empty_answers_are_shown_as_not_answered(demo_folder: Path) -> None:
    session = load_session(prepare_demo(demo_folder / "empty", filled=False))
    report = render_report_html(session)
    # Øvelse 1's nine questions, Øvelse 2's two, five functions' "since last", Øvelse 3's three.
    assert report.count('class="erfa-unanswered"') == len(ANSWER_IDS) + len(Function) + 2
    assert report.count("(ikke besvaret)") == len(ANSWER_IDS) + len(Function) + 3


def test_danish_dates_and_number_formats(filled_path: Path, filled_html: str) -> None:
    session = load_session(filled_path)
    assert format_date(session.meeting.date, "da", weekday=True) in filled_html
    assert re.search(r"\d+ %", filled_html), "percentages with a space before the sign"
    assert re.search(r"\d,\d\d", filled_html), "decimal comma"


def test_english_meeting_gives_an_english_report(filled_path: Path) -> None:
    session = load_session(filled_path)
    english = session.model_copy(update={"meeting": session.meeting.model_copy(update={"language": "en"})})
    report = render_report_html(english)
    assert text("guide.o1.a.role", "en") in report
    assert "Participants" in report and "Deltagere" not in report
    assert '<html lang="en">' in report


def test_every_user_text_is_escaped() -> None:
    from erfakit.core.model import Meeting, Participant, Session

    payload = '<b onmouseover="x()">&</b>'
    session = Session(
        meeting=Meeting(afdeling=payload, date=dt.date(2026, 12, 3), place=payload, tovholder=payload),
        participants=[Participant(function=Function.DRIFT, name=payload, title=payload)],
        answers={key: payload for key in ANSWER_IDS},
        since_last={function: payload for function in Function},
    )
    report = render_report_html(session)
    soup = BeautifulSoup(report, "html.parser")
    assert soup.find_all("b") == []
    assert [tag.name for tag in soup.find_all(attrs={"onmouseover": True})] == []
    shown = soup.get_text()
    # afdeling, place, tovholder, name and title, every answer, every function's "since last"
    assert shown.count(payload) >= 4 + len(ANSWER_IDS) + len(Function)


def test_unknown_section_is_a_danish_error() -> None:
    from erfakit.core.model import Meeting, Session

    session = Session(meeting=Meeting(afdeling="A", date=dt.date(2026, 12, 3)))
    with pytest.raises(ErfakitError, match="ikke et afsnit ved navn 'bilag'"):
        render_section("bilag", session, "da")


def test_export_report_html_writes_beside_the_meeting_file(filled_path: Path) -> None:
    written = export_report_html(filled_path)
    assert written == filled_path.parent / "referat-afdeling-7-laerkeparken-2026-12-03.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_all_writes_every_output_with_danish_names(tmp_path: Path, filled_path: Path) -> None:
    written = export_all(filled_path, tmp_path / "ud", now=NOW)
    assert {kind: path.name for kind, path in written.items()} == {
        "html": "referat-afdeling-7-laerkeparken-2026-12-03.html",
        "xlsx": "aftaler-afdeling-7-laerkeparken-2026-12-03.xlsx",
        "csv": "aftaler-afdeling-7-laerkeparken-2026-12-03.csv",
        "ics": "moedeplan-afdeling-7-laerkeparken-2026-12-03.ics",
        "next": "naeste-moede-afdeling-7-laerkeparken-2027-01-14.json",
    }
    next_session = load_session(written["next"])
    assert next_session.kind == "koordination"
    assert [a.id for a in next_session.agreements] == [a.id for a in load_session(filled_path).agreements]


def test_export_all_without_a_plan_leaves_out_calendar_and_next_file(tmp_path: Path, demo_folder: Path) -> None:
    empty = prepare_demo(demo_folder / "empty2", filled=False)
    written = export_all(empty, tmp_path, now=NOW)
    assert set(written) == {"html", "xlsx", "csv"}


def test_export_all_on_a_missing_file_is_a_danish_error(tmp_path: Path) -> None:
    with pytest.raises(ErfakitError, match="findes ikke"):
        export_all(tmp_path / "mangler.json", now=NOW)


def test_repeated_export_reflects_edits_between_clicks(tmp_path: Path, filled_path: Path) -> None:
    copy = tmp_path / "moede.json"
    session = load_session(filled_path)
    save_session(session, copy)
    first = export_report_html(copy).read_text(encoding="utf-8")
    session.answers["o1.a.role"] = "Et helt nyt svar skrevet efter første eksport"
    session.partners[0].name = "Ny partner efter første eksport"
    save_session(session, copy)
    second = export_report_html(copy).read_text(encoding="utf-8")
    assert "Et helt nyt svar" not in first
    assert "Et helt nyt svar" in second and "Ny partner efter første eksport" in second


def test_charts_drawn_in_worker_processes_equal_charts_drawn_in_process(filled_path: Path) -> None:
    from erfakit.report import figures as charts

    session = load_session(filled_path)
    charts._CACHE.clear()
    finish = charts.start_chart_workers(session, "da", workers=2)
    assert finish is not None, "workers start in a single-threaded process on Linux"
    finish()
    dimensions = {row.dimension for row in session.composition.rows}
    assert len(charts._CACHE) == len(dimensions) + 1, "every chart came back from a worker"
    parallel = render_report_html(session)
    charts._CACHE.clear()
    serial = render_report_html(session)
    assert parallel == serial


@pytest.mark.parametrize("workers", [0, 2])
def test_the_composition_is_compared_once_per_report_for_tables_and_charts(
    filled_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    from erfakit.report import figures

    compared = []
    real = figures.compare_composition
    monkeypatch.setattr(figures, "compare_composition", lambda composition: compared.append(1) or real(composition))
    figures._CACHE.clear()
    figures._COMPARISON.clear()
    forget_rendered()  # else the section rendered by an earlier test is sent as it is
    session = load_session(filled_path)
    finish = figures.start_chart_workers(session, "da", workers=workers)
    if finish is not None:
        finish()
    render_report_html(session)
    assert len(compared) == 1


def test_no_chart_workers_are_started_when_told_not_to(filled_path: Path) -> None:
    from erfakit.report import figures as charts

    charts._CACHE.clear()
    assert charts.start_chart_workers(load_session(filled_path), "da", workers=0) is None
    assert charts._CACHE == {}


def test_export_all_never_overwrites_a_next_meeting_file_with_entries(tmp_path: Path, filled_path: Path) -> None:
    from erfakit.handouts import skipped_outputs

    first = export_all(filled_path, tmp_path, now=NOW)
    untouched_again = export_all(filled_path, tmp_path, now=NOW)
    assert "next" in untouched_again, "an untouched next file is refreshed"
    next_session = load_session(first["next"])
    next_session.answers["o1.a.role"] = "Skrevet på næste møde"
    save_session(next_session, first["next"])
    again = export_all(filled_path, tmp_path, now=NOW)
    assert "next" not in again
    assert load_session(first["next"]).answers["o1.a.role"] == "Skrevet på næste møde"
    reasons = skipped_outputs(load_session(filled_path), "da", today=NOW.date(), out_dir=tmp_path)
    assert "overskrives ikke" in reasons["next"]


def test_the_next_meeting_exports_the_one_after_without_touching_itself(tmp_path: Path, filled_path: Path) -> None:
    first = export_all(filled_path, tmp_path, now=NOW)
    following = load_session(first["next"])
    assert first["next"].name == f"naeste-moede-afdeling-7-laerkeparken-{following.meeting.date.isoformat()}.json"
    before = first["next"].read_bytes()
    later = dt.datetime.combine(following.meeting.date, dt.time(17), tzinfo=dt.UTC)
    second = export_all(first["next"], tmp_path, now=later)
    assert first["next"].read_bytes() == before
    assert second["next"] != first["next"]
    assert load_session(second["next"]).meeting.date > following.meeting.date
    assert second["html"].name == f"referat-afdeling-7-laerkeparken-{following.meeting.date.isoformat()}.html"


def test_warm_up_draws_the_charts_so_the_click_only_renders(filled_path: Path) -> None:
    import time

    from erfakit.handouts import warm_up_report
    from erfakit.report import figures as charts

    charts._CACHE.clear()
    forget_rendered()
    warm_up_report(filled_path).join(timeout=120)
    dimensions = {row.dimension for row in load_session(filled_path).composition.rows}
    assert len(charts._CACHE) == len(dimensions) + 1
    start = time.perf_counter()
    export_report_html(filled_path)
    assert time.perf_counter() - start < 5, "a warm export draws no chart (generous bound for a busy machine)"


def test_an_export_after_the_warm_up_shows_what_was_typed_since(filled_path: Path) -> None:
    from erfakit.handouts import prepare_report

    prepare_report(filled_path)
    session = load_session(filled_path)
    session.answers["o1.a.role"] = "Skrevet efter opvarmningen </script>"
    save_session(session, filled_path)
    report = render_report_html(load_session(filled_path))
    assert "Skrevet efter opvarmningen &lt;/script&gt;" in report
    assert render_report_html(load_session(filled_path), "en") != report, "the language is part of what is kept"


def test_warm_up_of_a_broken_file_fails_quietly(tmp_path: Path) -> None:
    from erfakit.handouts import warm_up_report

    broken = tmp_path / "moede.json"
    broken.write_text("{", encoding="utf-8")
    thread = warm_up_report(broken)
    thread.join(timeout=30)
    assert not thread.is_alive()


def test_partner_grid_keeps_every_activity_of_a_partner_named_twice_in_a_cell() -> None:
    from erfakit.core.model import Meeting, Partner, PartnerCategory, Session

    session = Session(
        meeting=Meeting(afdeling="A", date=dt.date(2026, 12, 3)),
        partners=[
            Partner(
                function=Function.DRIFT, category=PartnerCategory.FORENINGER, name="Havelauget", activity="Pasning"
            ),
            Partner(
                function=Function.DRIFT, category=PartnerCategory.FORENINGER, name="havelauget ", activity="Plantedag"
            ),
        ],
    )
    grid = BeautifulSoup(render_section("ovelse2", session, "da"), "html.parser").select_one("table.erfa-grid")
    cell = grid.find_all("tr")[2].find_all("td")[2]
    assert [span.get_text() for span in cell.select(".erfa-partner")] == ["Havelauget"]
    assert cell.select_one(".erfa-activity").get_text() == "Pasning; Plantedag"
