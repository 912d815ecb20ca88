"""The frame around the parts: navigation, header, display modes, the lock, re-opening, Velkommen,
Afslutning."""

from __future__ import annotations

import datetime as dt

import pytest
from uihelpers import TODAY, find, hold_lock_elsewhere, on_disk_within, one, reload, shown_text, visit

from erfakit.core.model import Function, PartId
from erfakit.ui.app import MeetingApp
from erfakit.ui.context import Topic
from erfakit.ui.header import PartClock


def test_the_navigation_shows_one_part_at_a_time(app):
    boxes = {part: visit(app, part) for part in PartId}
    header = app.show_header()
    one(header, "erfakit-nav-ovelse2").click()
    assert [part for part, box in boxes.items() if box.layout.display != "none"] == [PartId.OVELSE2]
    assert "erfakit-nav-current" in one(header, "erfakit-nav-ovelse2")._dom_classes
    assert one(header, "erfakit-part-title").value == "ramme 35 min"


def test_the_header_shows_meeting_save_state_and_a_clock(app):
    header = app.show_header()
    assert "Afdeling 7 – Opfundne Have" in one(header, "erfakit-title").value
    assert one(header, "erfakit-save-state").text == "Alt er gemt"
    assert "15:00 tilbage" in one(header, "erfakit-clock").value
    one(visit(app, "velkommen"), "erfakit-since-drift").value = "x"
    assert "Gemmer" in one(header, "erfakit-save-state").text
    assert app.ctx.saver.wait_until_saved()
    assert "Gemt kl." in one(header, "erfakit-save-state").text


def test_the_part_clock_counts_only_while_running_and_per_part():
    now = [dt.datetime(2026, 12, 3, 14, 0)]
    clock = PartClock(now=lambda: now[0])
    clock.start()
    now[0] += dt.timedelta(minutes=10)
    assert clock.remaining(15) == dt.timedelta(minutes=5)
    clock.stop()
    now[0] += dt.timedelta(minutes=30)
    assert clock.remaining(15) == dt.timedelta(minutes=5)
    clock.switch(PartId.OVELSE1)
    clock.start()
    now[0] += dt.timedelta(minutes=41)
    assert clock.remaining(40) == dt.timedelta(minutes=-1)
    clock.switch(PartId.VELKOMMEN)
    assert clock.remaining(15) == dt.timedelta(minutes=5)


def test_the_clock_turns_red_and_says_how_much_over_time_when_the_part_runs_over(app):
    header = app.header
    header.clock.used[PartId.VELKOMMEN] = dt.timedelta(minutes=22, seconds=30)
    header.ticker.ticks += 1  # a tick from the browser
    assert header.clock_label.value == "8 min over tid"
    assert "erfakit-clock-over" in header.clock_label._dom_classes
    header.clock.used[PartId.VELKOMMEN] = dt.timedelta(minutes=15, seconds=1)
    header.ticker.ticks += 1
    assert header.clock_label.value == "1 min over tid"


def test_the_clock_buttons_are_named_in_danish_for_screen_readers_and_tooltips(app):
    ticker = app.header.ticker
    assert (ticker.start_label, ticker.stop_label) == ("Start uret", "Stop uret")
    ticker.playing = True
    ticker.ticks += 1
    assert app.header.clock.running


def test_large_text_and_high_contrast_are_stored_and_applied_to_every_screen(app, meeting_path):
    screen = visit(app, "ovelse1")
    one(app.show_header(), "erfakit-large-text").value = True
    one(app.show_header(), "erfakit-high-contrast").value = True
    saved = reload(meeting_path)
    assert saved.display.large_text and saved.display.high_contrast
    assert "erfakit-large" in screen._dom_classes and "erfakit-contrast" in app.header_box._dom_classes
    assert "erfakit-large" in app.header.bar._dom_classes


def test_reopening_after_a_restart_shows_every_form_filled_as_left(app, meeting_path):
    app.show()
    one(visit(app, "velkommen"), "erfakit-since-genhusning").value = "Tre familier er genhuset"
    one(visit(app, "ovelse1"), "erfakit-answer-o1-b-good").value = "Når vi mødes tidligt"
    one(visit(app, "ovelse3"), "erfakit-plan-interval").value = "6w"
    one(app.show_header(), "erfakit-large-text").value = True
    on_disk_within(meeting_path, lambda s: s.answers.get("o1.b.good") == "Når vi mødes tidligt")
    app.close()
    again = MeetingApp(meeting_path, today=lambda: TODAY)
    assert one(visit(again, "velkommen"), "erfakit-since-genhusning").value == "Tre familier er genhuset"
    assert one(visit(again, "ovelse1"), "erfakit-answer-o1-b-good").value == "Når vi mødes tidligt"
    assert one(visit(again, "ovelse3"), "erfakit-plan-interval").value == "6w"
    assert one(again.show_header(), "erfakit-large-text").value is True
    again.close()


def test_a_file_held_by_another_live_process_asks_before_anything_is_built(meeting_path, other_process):
    hold_lock_elsewhere(meeting_path, other_process)
    second = MeetingApp(meeting_path, today=lambda: TODAY)
    header = second.show_header()
    question = one(header, "erfakit-lock-message").value
    assert "anden" in question
    assert "<details" in question  # who holds it (process, machine) is folded away
    assert one(header, "erfakit-lock-read-only").button_style == "primary"  # the safe choice
    assert one(header, "erfakit-lock-take-over").button_style != "warning"
    assert second.store is None
    screen = visit(second, "ovelse1")  # asked for before the question is answered
    assert screen.children == ()
    one(header, "erfakit-lock-read-only").click()
    assert second.store.read_only
    assert find(second.show_header(), "erfakit-read-only-banner")
    assert one(screen, "erfakit-answer-o1-a-role").disabled
    assert "Skrivebeskyttet" in one(second.show_header(), "erfakit-save-state").text
    second.close()


def test_take_over_is_explicit_and_then_saves(meeting_path, other_process):
    hold_lock_elsewhere(meeting_path, other_process)
    second = MeetingApp(meeting_path, today=lambda: TODAY)
    one(second.show_header(), "erfakit-lock-take-over").click()
    assert second.store is not None and not second.store.read_only
    one(visit(second, "velkommen"), "erfakit-since-drift").value = "Efter overtagelsen"
    on_disk_within(meeting_path, lambda s: s.since_last.get(Function.DRIFT) == "Efter overtagelsen")
    second.close()


def test_an_editor_whose_file_was_taken_over_shows_an_error_not_a_silent_loss(app, meeting_path, other_process):
    field = one(visit(app, "velkommen"), "erfakit-since-drift")
    hold_lock_elsewhere(meeting_path, other_process)  # another kernel pressed "Overtag"
    field.value = "Skrevet på den gamle side"
    app.ctx.saver.flush()
    assert "IKKE GEMT" in one(app.show_header(), "erfakit-save-state").text
    assert "erfakit-error" in one(app.show_header(), "erfakit-save-error").value
    assert Function.DRIFT not in reload(meeting_path).since_last
    assert field.value == "Skrevet på den gamle side"


def test_an_unreadable_meeting_file_is_a_danish_message_not_a_traceback(tmp_path):
    path = tmp_path / "moede.json"
    path.write_text('{"schema_version": 1, "meeting": {', encoding="utf-8")
    broken = MeetingApp(path)
    message = shown_text(broken.show())
    assert "erfakit-error" in message and "Traceback" not in message
    assert path.read_text(encoding="utf-8") == '{"schema_version": 1, "meeting": {'


def test_velkommen_shows_earlier_agreements_by_theme_and_since_per_function(app, meeting_path):
    screen = visit(app, "velkommen")
    earlier = one(screen, "erfakit-earlier-agreements").value
    assert earlier.index("Boligforhold under renoveringen") < earlier.index("Fælles infomøde om genhusning")
    assert "Erfaringsgruppe 3" in earlier
    for function in Function:
        one(screen, f"erfakit-since-{function.value}").value = f"Nyt fra {function.value}"
    on_disk_within(meeting_path, lambda s: all(s.since_last.get(f) == f"Nyt fra {f.value}" for f in Function))
    assert "Deltager 1" in shown_text(screen)


def test_velkommen_opens_with_the_meetings_purpose_and_the_two_almennet_recommendations(app):
    shown = shown_text(visit(app, "velkommen"))
    assert "Formål:" in shown and "AlmenNet-vejledningen" in shown
    assert "Afstem forventninger med beboerdemokratiet" in shown and "Samarbejde med eksterne aktører" in shown
    assert shown.index("Formål:") < shown.index("Deltager 1"), "the purpose comes before the round of names"


def test_each_part_of_the_agenda_shows_its_time_on_the_clock_and_follows_the_minutes(app):
    screen = visit(app, "velkommen")
    assert one(screen, "erfakit-agenda-clock-velkommen").value == "kl. 14.00–14.15"
    assert one(screen, "erfakit-agenda-clock-ovelse1").value == "kl. 14.15–14.55"
    one(screen, "erfakit-agenda-velkommen").value = 20
    assert one(screen, "erfakit-agenda-clock-ovelse1").value == "kl. 14.20–15.00"
    assert one(screen, "erfakit-agenda-clock-afslutning").value == "kl. 16.00–16.05"


def test_an_agenda_that_does_not_fit_the_meeting_is_fitted_with_one_click(app, meeting_path):
    screen = visit(app, "velkommen")
    fit = one(screen, "erfakit-agenda-fit")
    assert fit.layout.display == "none", "offered only when the minutes do not add up"
    one(screen, "erfakit-agenda-ovelse1").value = 70
    assert fit.layout.display != "none"
    fit.click()
    saved = on_disk_within(meeting_path, lambda s: sum(s.agenda.values()) == 120)
    assert saved.agenda[PartId.OVELSE1] > saved.agenda[PartId.OVELSE2] > saved.agenda[PartId.AFSLUTNING]
    assert "120 minutter" in one(screen, "erfakit-agenda-total").value
    assert fit.layout.display == "none"


def test_the_agenda_is_editable_and_says_when_it_does_not_sum_to_two_hours(app, meeting_path):
    screen = visit(app, "velkommen")
    assert "120 minutter" in one(screen, "erfakit-agenda-total").value
    one(screen, "erfakit-agenda-ovelse2").value = 45
    assert "erfakit-warning" in one(screen, "erfakit-agenda-total").value
    on_disk_within(meeting_path, lambda s: s.agenda[PartId.OVELSE2] == 45)
    one(screen, "erfakit-agenda-ovelse3").value = 15
    assert "120 minutter" in one(screen, "erfakit-agenda-total").value


def test_the_summary_counts_what_was_typed(app):
    closing = visit(app, "afslutning")
    one(visit(app, "ovelse1"), "erfakit-answer-o1-a-role").value = "Svar"
    assert "1 af 11 spørgsmål er besvaret" in one(closing, "erfakit-summary").value


@pytest.mark.kernel
def test_the_export_button_writes_the_report_and_lists_the_files(app, meeting_path):
    closing = visit(app, "afslutning")
    one(visit(app, "ovelse1"), "erfakit-answer-o1-a-role").value = "Svar skrevet lige før eksporten"
    one(closing, "erfakit-export-report").click()
    result = one(closing, "erfakit-export-result").value
    assert "erfakit-error" not in one(closing, "erfakit-message").value, one(closing, "erfakit-message").value
    html_files = list(meeting_path.parent.glob("*.html"))
    assert len(html_files) == 1 and html_files[0].name in result
    assert "Svar skrevet lige før eksporten" in html_files[0].read_text(encoding="utf-8")


def test_a_form_that_fails_to_refresh_is_shown_and_does_not_stop_the_save(app, meeting_path):
    def broken_refresh() -> None:
        raise ZeroDivisionError("a bug in some form")

    app.ctx.on(Topic.ANSWERS, broken_refresh)
    one(visit(app, "ovelse1"), "erfakit-answer-o1-a-role").value = "Skrevet alligevel"
    on_disk_within(meeting_path, lambda s: s.answers.get("o1.a.role") == "Skrevet alligevel")
    shown = app.message.value
    assert "erfakit-bug" in shown and "ZeroDivisionError" in shown and "programfejl" in shown


def test_the_header_follows_a_changed_time_box(app):
    one(visit(app, "velkommen"), "erfakit-agenda-velkommen").value = 20
    assert "20 min" in one(app.show_header(), "erfakit-part-title").value
    assert "20:00 tilbage" in one(app.show_header(), "erfakit-clock").value


def test_no_two_widgets_share_a_layout_so_hiding_one_hides_only_that_one(app):
    seen: dict[int, object] = {}

    def walk(widget) -> None:
        layout = getattr(widget, "layout", None)
        if layout is not None:
            assert id(layout) not in seen, f"{widget!r:.80} shares its layout with {seen[id(layout)]!r:.80}"
            seen[id(layout)] = widget
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(app.show())
    assert len(seen) > 100


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_part_builds_without_an_error_shown(meeting_path, lang):
    app = MeetingApp(meeting_path, lang=lang, today=lambda: TODAY)
    shown = shown_text(app.show())
    assert 'class="erfakit-bug"' not in shown and 'class="erfakit-error"' not in shown
    assert all(app.navigation.boxes[part].children for part in app.navigation.parts)
    app.close()


def test_only_the_current_part_is_built_until_the_navigation_shows_another(app):
    # The notebook shows every part's cell; building them all at once kept the kernel busy for
    # seconds after the first screen appeared, so the tovholder's first words waited.
    boxes = {part: app.show_part(part) for part in PartId}
    assert find(boxes[PartId.VELKOMMEN], "erfakit-since-drift")
    assert not find(boxes[PartId.OVELSE2], "erfakit-partner-name")
    app.go("ovelse2")
    assert find(boxes[PartId.OVELSE2], "erfakit-partner-name")


def test_a_take_over_elsewhere_is_shown_with_its_own_advice_not_disk_advice(app, meeting_path, other_process):
    field = one(visit(app, "velkommen"), "erfakit-since-drift")
    hold_lock_elsewhere(meeting_path, other_process)  # another window took the file over
    field.value = "Skrevet efter overtagelsen"
    app.ctx.saver.flush()
    shown = one(app.show_header(), "erfakit-save-error").value
    assert "overtaget" in shown and "disken" not in shown
    assert "Skrevet efter overtagelsen" not in meeting_path.read_text(encoding="utf-8")
    assert field.value == "Skrevet efter overtagelsen", "what was typed stays in the form"


@pytest.mark.kernel
def test_the_export_sends_the_finished_report_to_the_tab_the_click_opened(app, meeting_path):
    closing = visit(app, "afslutning")
    button = one(closing, "erfakit-export-report")
    assert button.waiting == "Referatet laves …"
    button.click()
    assert button.answered == button.clicks == 1
    assert button.report.startswith("<!DOCTYPE html>") and "Referat" in button.report
    assert button.failure == ""
    assert not button.disabled
