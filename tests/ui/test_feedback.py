"""What a form shows when an action fails: the kit's Danish message, never a pydantic traceback."""

from __future__ import annotations

import datetime as dt

from erfakit.core.model import Meeting
from erfakit.ui.feedback import MessageArea, run_guarded


def test_a_value_a_model_field_refuses_is_one_danish_sentence_naming_field_and_value() -> None:
    message = MessageArea("da")
    result = run_guarded(
        lambda: Meeting(afdeling="Lærkeparken", date=dt.date(2026, 12, 3), duration_minutes=5),
        message,
    )
    assert result is None
    shown = message.widget.value
    assert "erfakit-error" in shown and "erfakit-bug" not in shown
    assert "duration_minutes" in shown and "5" in shown
    assert "Traceback" not in shown and "pydantic" not in shown


def test_a_real_bug_still_shows_its_traceback_so_it_can_be_reported() -> None:
    message = MessageArea("da")
    run_guarded(lambda: {}["mangler"], message)
    assert "erfakit-bug" in message.widget.value and "KeyError" in message.widget.value
