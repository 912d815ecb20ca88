"""The hub's landing page: afdelinger to choose from, each meeting one link away from the app mode.

Folder permissions themselves (a folder the user may not enter) need a user other than root and are
tested through a real hub in tests/hub.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from uihelpers import prepared_session

from erfakit.core.model import Session
from erfakit.io.meeting_file import lock
from erfakit.io.meeting_file.document import save_session
from erfakit.io.shared_folders import app_notebook_path, write_app_notebook
from erfakit.ui.landing import Landing

PREFIX = "/user/mette/"


def meeting(afdeling: str, date: dt.date) -> Session:
    session = prepared_session(composition=False)
    return session.model_copy(
        update={"meeting": session.meeting.model_copy(update={"afdeling": afdeling, "date": date})}
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A shared root as install.sh and add-afdeling.sh leave it, with two afdelinger."""
    root = tmp_path / "afdelinger"
    for name in ("afdeling-12", "afdeling-7", ".skjult"):
        (root / name).mkdir(parents=True)
    (root / "Start.ipynb").write_text("{}", encoding="utf-8")
    save_session(meeting("Afdeling 7 – Lærkeparken", dt.date(2026, 6, 4)), root / "afdeling-7" / "forår.json")
    save_session(meeting("Afdeling 7 – Lærkeparken", dt.date(2026, 12, 3)), root / "afdeling-7" / "moede.json")
    (root / "afdeling-7" / "noter.json").write_text('{"ikke": "et møde"', encoding="utf-8")
    save_session(meeting("Afdeling 12 – Solbakken", dt.date(2026, 12, 4)), root / "afdeling-12" / "moede.json")
    return root


def rows(landing: Landing) -> list[list[str]]:
    soup = BeautifulSoup(landing.meetings.value, "html.parser")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in soup.select("tbody tr")]


def links(landing: Landing) -> list[str]:
    soup = BeautifulSoup(landing.meetings.value, "html.parser")
    return [anchor["href"] for anchor in soup.select("a.erfakit-landing-open")]


def test_the_landing_offers_the_afdelinger_in_natural_order_and_shows_the_first_ones_meetings(root: Path):
    landing = Landing(root, prefix=PREFIX)
    assert [value for _label, value in landing.choice.options] == ["afdeling-7", "afdeling-12"]
    assert landing.choice.value == "afdeling-7"
    table = rows(landing)
    assert [row[1] for row in table] == ["moede.json", "forår.json", "noter.json"], "newest first, broken last"
    assert "3. december 2026" in table[0][0] and table[0][2] == "Ledigt"
    assert "afkortet" in table[2][2] or "JSON" in table[2][2], "a broken file says why, in Danish"


def test_each_meeting_gets_its_app_notebook_and_a_link_under_the_users_server(root: Path):
    landing = Landing(root, prefix=PREFIX)
    assert links(landing) == [
        "/user/mette/voila/render/afdeling-7/moede-app.ipynb",
        "/user/mette/voila/render/afdeling-7/for%C3%A5r-app.ipynb",
    ]
    notebook = nbformat.read(root / "afdeling-7" / "moede-app.ipynb", as_version=4)
    parameters = next(cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", []))
    assert "session_path = 'moede.json'" in parameters.source, "bound by name: the kernel runs beside the file"
    landing.choice.value = "afdeling-12"
    assert links(landing) == ["/user/mette/voila/render/afdeling-12/moede-app.ipynb"]


def test_an_up_to_date_app_notebook_is_left_alone(root: Path):
    meeting_file = root / "afdeling-7" / "moede.json"
    first = write_app_notebook(meeting_file)
    before = first.stat()
    again = write_app_notebook(meeting_file)
    assert again.stat().st_ino == before.st_ino and again.stat().st_mtime_ns == before.st_mtime_ns
    first.write_text("{}", encoding="utf-8")  # stale or damaged: refreshed
    write_app_notebook(meeting_file)
    assert json.loads(first.read_text(encoding="utf-8"))["cells"]


def test_a_meeting_open_with_a_colleague_says_who_has_it_since_when(root: Path):
    meeting_file = root / "afdeling-7" / "moede.json"
    since = dt.datetime.combine(dt.date.today(), dt.time(14, 2)).isoformat()
    holder = {"pid": 1, "host": "pod-mette", "user": "mette", "since": since, "name": "Mette Hansen"}
    holder["heartbeat"] = dt.datetime.now(dt.UTC).isoformat()
    lock.lock_path(meeting_file).write_text(json.dumps(holder), encoding="utf-8")
    landing = Landing(root, prefix=PREFIX)
    assert rows(landing)[0][2] == "Åbent hos Mette Hansen (mette) siden kl. 14.02"
    assert len(links(landing)) == 2, "it can still be opened (read-only or taken over, as the app asks)"


def test_folder_and_file_names_are_shown_as_text_and_quoted_in_links(root: Path):
    hostile = root / "afd <i>x & 'y'"
    hostile.mkdir()
    save_session(meeting("<script>alert(1)</script>", dt.date(2026, 12, 5)), hostile / "møde #1.json")
    landing = Landing(root, prefix=PREFIX)
    landing.choice.value = hostile.name
    soup = BeautifulSoup(landing.meetings.value, "html.parser")
    assert not soup.find("i") and not soup.find("script")
    assert "<script>alert(1)</script>" in soup.get_text()
    assert links(landing) == ["/user/mette/voila/render/afd%20%3Ci%3Ex%20%26%20%27y%27/m%C3%B8de%20%231-app.ipynb"]


def test_an_empty_shared_root_says_the_administrator_creates_the_folders(tmp_path: Path):
    landing = Landing(tmp_path, prefix=PREFIX)
    assert "ingen afdelingsmapper" in landing.meetings.value
    assert not landing.message.showing_error


def test_refresh_finds_a_meeting_the_analyst_created_meanwhile(root: Path):
    landing = Landing(root, prefix=PREFIX)
    landing.choice.value = "afdeling-12"
    save_session(meeting("Afdeling 12 – Solbakken", dt.date(2027, 1, 14)), root / "afdeling-12" / "januar.json")
    landing.refresh_button.click()
    assert landing.choice.value == "afdeling-12", "the choice survives a refresh"
    assert [row[1] for row in rows(landing)] == ["januar.json", "moede.json"]
    assert app_notebook_path(root / "afdeling-12" / "januar.json").is_file()
