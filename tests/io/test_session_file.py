import json
from pathlib import Path

import pytest

from erfakit.core.migrations import upgrade_session_data
from erfakit.core.model import SCHEMA_VERSION, Session
from erfakit.exceptions import SessionFileError
from erfakit.io.meeting_file import history
from erfakit.io.meeting_file.document import dumps_session, load_session, loads_session, save_session
from erfakit.io.meeting_file.store import SessionStore, restore_version


def test_a_saved_meeting_loads_back_equal(session: Session, tmp_path: Path):
    session.answers["o1.a.role"] = "Æblegrød & <script>"
    path = tmp_path / "m.json"
    save_session(session, path)
    assert load_session(path) == session
    assert "Æblegrød" in path.read_text(encoding="utf-8"), "Danish letters are kept readable"


def test_the_meeting_file_is_human_readable_json_with_a_schema_version(session: Session):
    text = dumps_session(session)
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert text.count("\n") > 20, "indented, one field a line"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "er tom"),
        ('{"schema_version": 1, "meeting": {"afdeling": "A"', "afkortet"),
        ("schema_version = 1", "ikke gyldig JSON"),
        ("[1, 2]", "ikke en mødefil"),
        ('{"a": 1}', "ikke en mødefil"),  # another program's JSON, met by a register run over a folder
        ('{"meeting": {}}', "schema_version"),
        ('{"schema_version": 99, "meeting": {}}', "nyere erfakit"),
        (
            '{"schema_version": 1, "meeting": {"afdeling": "A", "date": "3. december"}}',
            '»meeting.date« har værdien "3. december"',
        ),
        (
            '{"schema_version": 1, "meeting": {"afdeling": "A", "date": "2026-12-03"}, "partners": 5}',
            "»partners«",
        ),
        ('{"schema_version": 1}', "mangler feltet »meeting«"),
    ],
)
def test_a_bad_meeting_file_gets_a_danish_message_naming_file_and_field(content, expected):
    with pytest.raises(SessionFileError) as caught:
        loads_session(content, source="moede.json")
    assert "moede.json" in str(caught.value)
    assert expected in str(caught.value)


def test_a_wrong_choice_lists_the_allowed_values_in_danish():
    content = json.loads(dumps_session(make_minimal()))
    content["agreements"] = [{"text": "x", "theme": "bolig", "origin": "earlier"}]
    with pytest.raises(SessionFileError) as caught:
        loads_session(json.dumps(content))
    message = str(caught.value)
    assert "agreements[0].theme" in message and "'beboerdemokrati'" in message and " eller " in message


def test_a_too_new_file_is_never_overwritten_and_names_its_version(tmp_path: Path):
    path = tmp_path / "m.json"
    content = '{"schema_version": 3, "meeting": {"afdeling": "A", "date": "2026-12-03"}}'
    path.write_text(content)
    with pytest.raises(SessionFileError, match="version 3"):
        SessionStore.open(path)
    assert path.read_text() == content


def test_a_broken_file_offers_the_last_version_that_loads(session_path: Path):
    store = SessionStore.open(session_path)
    store.session.answers["o1.a.role"] = "gemt svar"
    store.save()
    store.close()
    session_path.write_text('{"schema_version": 1, "meeting": {"afd')
    with pytest.raises(SessionFileError) as caught:
        load_session(session_path)
    assert "afkortet" in caught.value.message
    assert "erfakit restore" in caught.value.hint
    version = caught.value.hint.rsplit(" ", 1)[-1]
    restore_version(session_path, version)
    assert load_session(session_path).meeting.afdeling == "Afdeling 1 – Testparken"


def test_restoring_keeps_the_replaced_content_as_a_version(session_path: Path):
    first = history.list_versions(session_path)[-1].version
    store = SessionStore.open(session_path)
    store.session.answers["o1.a.role"] = "senere svar"
    store.save()
    store.close()
    restore_version(session_path, first)
    assert "o1.a.role" not in load_session(session_path).answers
    kept = [v for v in history.list_versions(session_path) if "senere svar" in v.path.read_text()]
    assert kept, "the version that was replaced by the restore is still in the history"


def test_versions_are_kept_at_most_every_thirty_seconds_while_typing(session: Session, tmp_path: Path):
    import datetime as dt

    path = tmp_path / "m.json"
    start = dt.datetime(2026, 12, 3, 13, 0, 0)
    save_session(session, path)
    for second in range(1, 90):
        path.write_text(dumps_session(session))
        history.record(path, now=start + dt.timedelta(seconds=second))
    stamps = [v.saved_at for v in history.list_versions(path) if v.saved_at.year == 2026 and v.saved_at.month == 12]
    assert 2 <= len(stamps) <= 4


def test_older_files_are_upgraded_one_step_at_a_time():
    calls = []

    def one_to_two(data):
        calls.append(1)
        renamed = data.pop("old", None)
        return {**data, "schema_version": 2, "renamed": renamed}

    def two_to_three(data):
        calls.append(2)
        return {**data, "schema_version": 3}

    upgraded = upgrade_session_data(
        {"schema_version": 1, "old": "x"}, migrations={1: one_to_two, 2: two_to_three}, target=3
    )
    assert calls == [1, 2]
    assert upgraded == {"schema_version": 3, "renamed": "x"}


def make_minimal() -> Session:
    import datetime as dt

    from erfakit.core.model import Meeting

    return Session(meeting=Meeting(afdeling="A", date=dt.date(2026, 12, 3)))


def test_a_version_is_a_copy_that_an_in_place_edit_of_the_file_does_not_touch(session_path: Path):
    version = history.list_versions(session_path)[0]
    before = version.path.read_bytes()
    with open(session_path, "r+b") as handle:  # as an editor that writes in place would
        handle.write(b"{ broken")
    assert version.path.read_bytes() == before
