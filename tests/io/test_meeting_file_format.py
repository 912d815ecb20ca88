"""The meeting file's format is strict: what loads can be saved and loads again, the rest is refused.

The property test draws documents from the committed JSON Schema itself (a small generator below:
``hypothesis-jsonschema`` 0.23 does not run with the Hypothesis installed here), with numbers of any
size (NaN, infinities, 1e400 as text), texts with lone surrogates and control characters, and
checks that every document either loads and survives save → load unchanged, or is refused with the
kit's own Danish error.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from erfakit.core.model import Composition, CompositionRow, Session
from erfakit.exceptions import SessionFileError
from erfakit.io.meeting_file.document import MAX_NUMBER, dumps_session, load_session, loads_session, save_session
from erfakit.io.meeting_file.schema import SCHEMA_PATH

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=[])
BASE = '{"schema_version": 1, "meeting": {"afdeling": "A", "date": "2026-12-03"}, '


@pytest.mark.parametrize(
    ("extra", "field", "shown"),
    [
        ('"agenda": {"velkommen": NaN}', "agenda.velkommen", "NaN"),
        ('"agenda": {"velkommen": Infinity}', "agenda.velkommen", "Infinity"),
        ('"agenda": {"velkommen": -Infinity}', "agenda.velkommen", "-Infinity"),
        ('"agenda": {"velkommen": 1e400}', "agenda.velkommen", "Infinity"),
        ('"agenda": {"velkommen": 10000000000}', "agenda.velkommen", "10000000000"),
        (
            '"composition": {"rows": [{"dimension": "Køn", "category": "Kvinder", "residents": 1e28}]}',
            "composition.rows[0].residents",
            "1e+28",
        ),
        (
            '"composition": {"rows": [{"dimension": "Køn", "category": "Kvinder", "residents": 5, "board": NaN}]}',
            "composition.rows[0].board",
            "NaN",
        ),
    ],
)
def test_a_number_that_cannot_be_saved_is_refused_naming_the_field(extra: str, field: str, shown: str):
    with pytest.raises(SessionFileError) as caught:
        loads_session(BASE + extra + "}", source="moede.json")
    message = str(caught.value)
    assert f"»{field}«" in message and shown in message and "moede.json" in message


@pytest.mark.parametrize("depth", [40, 200, 100_000])
def test_deep_nesting_is_a_danish_message(depth: int):
    with pytest.raises(SessionFileError, match="dybere end 32 niveauer"):
        loads_session(BASE + '"answers": ' + "[" * depth + "]" * depth + "}", source="moede.json")


def test_an_integer_of_more_than_4300_digits_is_a_danish_message_with_its_place():
    before = BASE + '"agenda": {"velkommen": '
    with pytest.raises(SessionFileError, match=f"mere end 4.300 cifre .linje 1, kolonne {len(before) + 1}"):
        loads_session(before + "9" * 5000 + "}}")


def test_a_lone_surrogate_loads_as_a_replacement_character_and_saves(tmp_path: Path):
    session = loads_session(BASE + '"answers": {"o1.a.role": "f\\ud800r"}}')
    assert session.answers["o1.a.role"] == "f\ufffdr"
    path = tmp_path / "moede.json"
    save_session(session, path)
    assert load_session(path) == session


def test_a_lone_surrogate_typed_into_a_form_is_saved_without_losing_the_rest(session: Session, tmp_path: Path):
    session.answers["o1.a.role"] = "før\ud83defter 😀"
    path = tmp_path / "moede.json"
    save_session(session, path)
    assert load_session(path).answers["o1.a.role"] == "før\ufffdefter 😀"


def test_saving_a_number_that_would_not_load_again_is_refused_and_writes_nothing(session: Session, tmp_path: Path):
    row = CompositionRow(dimension="Køn", category="Kvinder", residents=5)
    session.composition = Composition(rows=[row])
    row.residents = math.inf  # what a faulty import could leave in memory
    path = tmp_path / "moede.json"
    with pytest.raises(SessionFileError, match="»composition.rows\\[0\\].residents«"):
        save_session(session, path)
    assert not path.exists()


# ---------------------------------------------------------------------------------------------
# Documents drawn from the JSON Schema


def from_schema(schema: dict[str, Any], definitions: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values for ``schema`` (the subset of JSON Schema that pydantic writes), plus wild numbers."""
    if "$ref" in schema:
        return from_schema(definitions[schema["$ref"].rsplit("/", 1)[-1]], definitions, depth)
    if "anyOf" in schema:
        return st.one_of([from_schema(option, definitions, depth) for option in schema["anyOf"]])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        optional = sorted(set(properties) - required)
        values = schema.get("additionalProperties")

        @st.composite
        def objects(draw: st.DrawFn) -> dict[str, Any]:
            chosen = draw(st.lists(st.sampled_from(optional), unique=True)) if optional else []
            result = {key: draw(from_schema(properties[key], definitions, depth + 1)) for key in [*required, *chosen]}
            if isinstance(values, dict) and depth < 3:
                keys = from_schema(schema.get("propertyNames", {"type": "string"}), definitions, depth + 1)
                result |= draw(st.dictionaries(keys, from_schema(values, definitions, depth + 1), max_size=3))
            return result

        return objects()
    if kind == "array":
        if "prefixItems" in schema:
            return st.tuples(*[from_schema(item, definitions, depth + 1) for item in schema["prefixItems"]]).map(list)
        return st.lists(from_schema(schema.get("items", {}), definitions, depth + 1), max_size=3)
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat)
        if schema.get("format") == "time":
            return st.times().map(lambda value: value.isoformat())
        return st.text(st.one_of(st.characters(), SURROGATES), max_size=12)
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        return st.one_of(st.integers(low, high), st.integers(-(10**30), 10**30))
    if kind == "number":
        return st.one_of(st.floats(min_value=schema.get("minimum")), st.floats(), st.integers(-(10**20), 10**20))
    if kind == "boolean":
        return st.booleans()
    return st.none()


DOCUMENTS = from_schema(SCHEMA, SCHEMA["$defs"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENTS)
def test_whatever_loads_saves_and_loads_again_unchanged(document: dict[str, Any]) -> None:
    # As a file can hold it: NaN and Infinity as Python's json spells them, surrogates as \\udXXX.
    text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    try:
        session = loads_session(text, source="moede.json")
    except SessionFileError as refused:
        assert "moede.json" in str(refused)
        return
    saved = dumps_session(session)
    again = loads_session(saved.encode("utf-8"), source="moede.json")
    assert again == session
    assert dumps_session(again) == saved
    assert all(abs(value) <= MAX_NUMBER for value in _numbers(json.loads(saved)))


def _numbers(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [number for item in value.values() for number in _numbers(item)]
    if isinstance(value, list):
        return [number for item in value for number in _numbers(item)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [value]
    return []
