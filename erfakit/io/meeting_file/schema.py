"""The meeting file's JSON Schema, generated from the model and committed beside the package.

Run ``python -m erfakit.io.meeting_file.schema`` after changing `erfakit.core.model` to refresh
``erfakit/schema/meeting-file.schema.json``; a test fails while the committed file is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from erfakit.core.model import SCHEMA_VERSION, Session

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "meeting-file.schema.json"


def session_json_schema() -> dict:
    """The JSON Schema of the meeting file (draft 2020-12), as pydantic derives it from `Session`."""
    schema = Session.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://erfakit.invalid/schema/meeting-file-v{SCHEMA_VERSION}.json",
        **schema,
    }


def dumps_schema() -> str:
    """The schema file's text."""
    return json.dumps(session_json_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    from erfakit.io.atomic import write_text_atomic

    write_text_atomic(dumps_schema(), SCHEMA_PATH)


if __name__ == "__main__":
    main()
