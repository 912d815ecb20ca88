import json

import jsonschema

from erfakit.io.meeting_file.document import dumps_session
from erfakit.io.meeting_file.schema import SCHEMA_PATH, dumps_schema


def test_the_committed_schema_is_generated_from_the_current_model():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == dumps_schema(), (
        "erfakit/schema/meeting-file.schema.json is stale: run python -m erfakit.io.meeting_file.schema"
    )


def test_a_saved_meeting_validates_against_the_schema(session):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(dumps_session(session)), schema)
