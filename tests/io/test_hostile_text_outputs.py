"""Every user text reaches every output safely: a corpus of hostile strings in every text field.

For each string of `HOSTILE`, every free-text field of a completed meeting file (meeting facts,
participants, answers, composition, partners, agreements, plan, topics) is set to it, and every
output the meeting hands out is produced from the file on disk and parsed back with a real reader:

- the HTML report (BeautifulSoup: no element or script the report did not put there itself),
- the action list as .xlsx (openpyxl: no formula cell) and .csv (csv: the same rows, no live formula),
- the calendar .ics (icalendar: every event there, every line folded and escaped),
- the next meeting file (`load_session`),
- the meeting file itself (saved and loaded again) and ``erfakit show`` (exit 0, no traceback).

The figures this test stands for are the corpus size × outputs printed by `test_corpus_size`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from openpyxl import load_workbook
from pydantic import BaseModel

from erfakit.cli import main
from erfakit.core.guide import ANSWER_IDS
from erfakit.core.model import Session
from erfakit.demo import prepare_demo
from erfakit.handouts import OUTPUT_KINDS, export_all
from erfakit.io.calendar import check_ics_lines
from erfakit.io.meeting_file.document import load_session, save_session

NOW = dt.datetime(2026, 12, 3, 16, 0, tzinfo=dt.UTC)

HOSTILE = {
    "mathtext": "$\\sqrt{$ og $x^2$ koster 5$",
    "mathtext_unbalanced": "Lejer$foreningen $\\frac{1}{0",
    "newlines": "første linje\nEND:VEVENT\nATTENDEE:mailto:x@example.com\nBEGIN:VEVENT",
    "carriage_returns": "a\rb\r\nEND:VCALENDAR\r\n",
    "nul_and_controls": "før\x00efter\x07\x1b[31mrød\x7f",
    "rtl_marks": "\u202eesrever\u202c \u200fعربي\u200e Lærkeparken",
    "long_line": "Æ" * 10_000,
    "emoji": "👩🏽‍🔧 Drift 🏗️ og 🇩🇰",
    "lone_surrogates": "før\ud800efter\udfff",
    "spreadsheet_formula": "=cmd|' /C calc'!A0",
    "spreadsheet_others": "+45 12 34\t-1+1 @SUM(A1)",
    "script": "</script><script>alert('x')</script><img src=x onerror=alert(1)>",
    "html_comment": "<!-- --><style>body{display:none}</style>&amp;&lt;",
    "quotes_and_separators": "\"';,\\ ; , \\n \\\\",
}
OUTPUTS = ("meeting file", "erfakit show", *OUTPUT_KINDS)


def test_corpus_size(capsys) -> None:
    # The closing note's figure: strings × outputs, each parsed back.
    with capsys.disabled():
        print(f"\nhostile corpus: {len(HOSTILE)} strings × {len(OUTPUTS)} outputs = {len(HOSTILE) * len(OUTPUTS)}")
    assert len(HOSTILE) >= 14 and len(OUTPUTS) == 7


@pytest.fixture(scope="module")
def demo_session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    return load_session(prepare_demo(tmp_path_factory.mktemp("demo"), filled=True))


def fill_every_text_field(model: BaseModel, value: str) -> int:
    """Set every free-text field of ``model`` (recursively) to ``value``; return how many were set.

    Ids keep their values (they are keys, not text); composition categories and dimensions get a
    number after the text, so that the categories stay distinct.
    """
    count = 0
    for name, field in type(model).model_fields.items():
        current = getattr(model, name)
        if field.annotation is str and name != "id":
            setattr(model, name, value)
            count += 1
        elif isinstance(current, BaseModel):
            count += fill_every_text_field(current, value)
        elif isinstance(current, list):
            for index, item in enumerate(current):
                if isinstance(item, BaseModel):
                    count += fill_every_text_field(item, value)
                elif isinstance(item, str):
                    current[index] = value
                    count += 1
                elif isinstance(item, tuple):
                    current[index] = tuple(value for _ in item)
                    count += len(item)
        elif isinstance(current, dict) and current and all(isinstance(v, str) for v in current.values()):
            for key in current:
                current[key] = value
                count += 1
    return count


def hostile_session(base: Session, value: str) -> Session:
    session = base.model_copy(deep=True)
    session.answers = dict.fromkeys(ANSWER_IDS, "")
    count = fill_every_text_field(session, value)
    assert session.composition is not None
    for index, row in enumerate(session.composition.rows):
        row.dimension = f"{value}{index % 2}"
        row.category = f"{value}{index}"
    assert count > 100, "the meeting's free-text fields were all set"
    return session


def readable(value: str) -> str:
    """``value``'s first line as every output can carry it: printable characters, spaces collapsed."""
    lines = value.replace("\r", "\n").split("\n")
    printable = "".join(c for c in lines[0] if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF)
    return " ".join(printable.split())


def same_text(shown: str, value: str) -> bool:
    """Whether ``shown`` (an output, read back) holds ``value``'s readable first line."""
    return readable(value)[:40] in " ".join("".join(c for c in shown if c.isprintable()).split())


@pytest.mark.slow
# DejaVu Sans has no glyph for a control character, a bidi mark or an emoji: matplotlib draws a box
# and warns. That is how the chart looks, not a failure of the output.
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
@pytest.mark.parametrize("name", list(HOSTILE))
def test_every_output_of_a_meeting_full_of_hostile_text_parses_back(
    name: str, demo_session: Session, tmp_path: Path, capsys
) -> None:
    value = HOSTILE[name]
    session = hostile_session(demo_session, value)
    path = tmp_path / "moede.json"
    save_session(session, path)

    loaded = load_session(path)
    assert loaded.meeting.afdeling == re.sub("[\ud800-\udfff]", "\ufffd", value), "only a lone surrogate changes"
    assert main(["show", str(path)]) == 0
    shown = capsys.readouterr()
    assert "Traceback" not in shown.out + shown.err

    written = export_all(path, tmp_path / "ud", now=NOW)
    assert set(written) == set(OUTPUT_KINDS), f"every output was made: {sorted(written)}"
    assert len({p.name for p in written.values()}) == len(OUTPUT_KINDS)

    _check_html(written["html"], loaded.meeting.afdeling)
    _check_xlsx(written["xlsx"], loaded)
    _check_csv(written["csv"], loaded)
    _check_ics(written["ics"], loaded, loaded.meeting.afdeling)
    following = load_session(written["next"])
    assert following.meeting.afdeling == loaded.meeting.afdeling


def _check_html(path: Path, value: str) -> None:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for script in soup.find_all("script"):
        assert "alert(" not in script.get_text(), "a user text became a script"
    assert not soup.find_all("img", attrs={"onerror": True}), "a user text became an element"
    assert not [s for s in soup.find_all("style") if "display:none" in s.get_text()], "a user text became a style"
    assert same_text(soup.get_text().replace("\n", " "), value), "the text is shown as text"


def _check_xlsx(path: Path, session: Session) -> None:
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    assert len(rows) == len(session.agreements) + len(session.topics.projects) + 1
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", f"cell {cell.coordinate} is a formula: {cell.value!r}"


def _check_csv(path: Path, session: Session) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == len(session.agreements) + len(session.topics.projects) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"live formula in the CSV: {cell!r}"


def _check_ics(path: Path, session: Session, value: str) -> None:
    content = path.read_bytes()
    check_ics_lines(content)
    for line in content.split(b"\r\n"):
        assert not line.startswith(b"END:VCALENDAR\\"), line
    calendar = Calendar.from_ical(content)
    events = [component for component in calendar.walk("VEVENT")]
    # The participants are attendees, by name: one ATTENDEE line per named participant and event,
    # each name whole in its CN, never a line of its own.
    named = [p for p in session.participants if p.name.strip()]
    assert content.split(b"\r\n").count(b"BEGIN:VEVENT") == len(events)
    assert sum(line.startswith(b"ATTENDEE;") for line in content.split(b"\r\n")) == len(named) * len(events)
    for event in events:
        attendees = event.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        for attendee in attendees:
            assert same_text(str(attendee.params["CN"]), value.replace('"', "'").replace("\\", "/")), (
                "a name keeps all but quotes"
            )
            assert str(attendee) in ("invalid:nomail",) or str(attendee).startswith("mailto:")
    assert len(events) == len(session.plan.dates)
    assert content.split(b"\r\n").count(b"BEGIN:VEVENT") == len(session.plan.dates), "no line made by a text"
    for event in events:
        assert same_text(str(event.get("SUMMARY")), value), "the summary holds the afdeling as text"
    # icalendar reads X- properties raw; the calendar name is escaped exactly as the summary is.
    assert calendar.get("X-WR-CALNAME").to_ical() == events[0].get("SUMMARY").to_ical()


def test_two_meetings_on_one_day_in_one_folder_never_overwrite_each_others_files(
    demo_session: Session, tmp_path: Path
) -> None:
    written = {}
    for afdeling in ("Afdeling 7 – Lærkeparken", "Afdeling 8 – Solsikken"):
        session = demo_session.model_copy(deep=True)
        session.meeting.afdeling = afdeling
        path = tmp_path / f"{afdeling[:11].replace(' ', '')}.json"
        save_session(session, path)
        written[afdeling] = export_all(path, tmp_path / "ud", now=NOW)
    first, second = written.values()
    assert first["html"].name == "referat-afdeling-7-laerkeparken-2026-12-03.html"
    assert not {p.name for p in first.values()} & {p.name for p in second.values()}
    for kind, path in first.items():
        assert path.exists(), f"the first meeting's {kind} is still there"
    assert "Lærkeparken" in first["html"].read_text(encoding="utf-8")
    assert load_session(first["next"]).meeting.afdeling == "Afdeling 7 – Lærkeparken"


@pytest.mark.parametrize(
    ("afdeling", "expected"),
    [
        ("Afdeling 7 – Lærkeparken", "afdeling-7-laerkeparken"),
        ("../../etc/passwd", "etc-passwd"),
        ('Åbo/Ærø\\Øst: *?<>|"', "aabo-aeroe-oest"),
        ("CON", "con"),
        ("\x00\u202e\n", "moede"),
        ("👩🏽‍🔧", "moede"),
        ("Ü" * 500, "u" * 60),
    ],
)
def test_output_names_from_user_text_are_safe_file_names(afdeling: str, expected: str) -> None:
    from erfakit.core.model import Meeting
    from erfakit.handouts import output_name

    session = Session(meeting=Meeting(afdeling=afdeling, date=dt.date(2026, 12, 3)))
    name = output_name("html", session, "da")
    assert name == f"referat-{expected}-2026-12-03.html"
    assert re.fullmatch(r"[a-z0-9.-]+", name)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font:UserWarning")
def test_charts_show_dollar_signs_as_text_not_mathtext() -> None:
    import matplotlib.text
    from matplotlib.figure import Figure

    from erfakit.charts.composition import composition_figure
    from erfakit.charts.partners import plot_partner_network
    from erfakit.core.composition import compare_composition
    from erfakit.core.model import Composition, CompositionRow, Function, Partner, PartnerCategory

    rows = [
        CompositionRow(dimension="Herkomst $x$", category=category, residents=10 + index, board=index % 2)
        for index, category in enumerate(["$\\sqrt{$", "a$b$c", "Lejer$foreningen og $5", "Dansk"])
    ]
    comparison = compare_composition(Composition(rows=rows))
    figures = [composition_figure(comparison, dimension) for dimension in comparison.dimension_names]
    network = Figure()
    plot_partner_network(
        network.subplots(),
        [Partner(function=Function.DRIFT, category=PartnerCategory.FORENINGER, name="$\\sqrt{$ og $x$")],
    )
    for figure in [*figures, network]:
        figure.savefig(io.BytesIO(), format="png")  # drawn outside the chart functions, as the report does
        texts = figure.findobj(matplotlib.text.Text)
        assert any("$" in text.get_text() for text in texts)
        assert not [text.get_text() for text in texts if text.get_parse_math() and "$" in text.get_text()]


def test_a_newline_in_the_afdeling_never_breaks_the_calendar_also_under_python_O(tmp_path: Path) -> None:
    import subprocess
    import sys

    from erfakit.core.model import Meeting, MeetingPlan, PlannedMeeting

    session = Session(
        meeting=Meeting(afdeling="A\nATTENDEE:mailto:x@example.com\r\nEND:VEVENT", date=dt.date(2026, 12, 3)),
        plan=MeetingPlan(dates=[PlannedMeeting(date=dt.date(2027, 1, 14), place="Sal\rEND:VCALENDAR")]),
    )
    path = tmp_path / "moede.json"
    save_session(session, path)
    for flags in ([], ["-O"]):
        result = subprocess.run(
            [sys.executable, *flags, "-m", "erfakit", "report", str(path), "--alt", "-o", str(tmp_path / "r.html")],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "MPLCONFIGDIR": str(tmp_path / "mpl")},
            check=False,
        )
        assert result.returncode == 0, result.stderr
        calendar = next(tmp_path.glob("moedeplan-*.ics")).read_bytes()
        lines = calendar.split(b"\r\n")
        assert not [line for line in lines if line.startswith((b"ATTENDEE", b"END:VCALENDAR\\"))]
        assert lines.count(b"END:VEVENT") == 1 and lines.count(b"END:VCALENDAR") == 1
        check_ics_lines(calendar)
