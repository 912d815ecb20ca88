"""Øvelse 1's form: every question its own field, the composition shown, the agreement editor."""

from __future__ import annotations

from uihelpers import TODAY, find, on_disk_within, one, open_details, prepared_session, reload, shown_text, visit, walk

from erfakit.core.guide import OVELSE1_SECTIONS
from erfakit.core.model import AgreementStatus, Function, Origin, Theme
from erfakit.io.meeting_file.document import save_session
from erfakit.texts import text
from erfakit.ui.app import MeetingApp


def test_every_question_of_a_b_and_c_is_its_own_field_saved_to_the_file(app, meeting_path):
    screen = open_details(visit(app, "ovelse1"))
    questions = [question for section in OVELSE1_SECTIONS for question in section.questions]
    for question in questions:
        one(screen, f"erfakit-answer-{question.replace('.', '-')}").value = f"Svar på {question}"
    on_disk_within(meeting_path, lambda s: all(s.answers.get(q) == f"Svar på {q}" for q in questions))


def test_questions_are_shown_word_for_word_as_headings(app):
    screen = open_details(visit(app, "ovelse1"))
    headings = shown_text(screen)
    assert "Hvilken rolle har beboerdemokraterne i jeres arbejde?" in headings
    assert "Hvad kan I bidrage med?" in headings


def test_the_composition_table_talking_points_and_charts_are_shown_in_b(app):
    screen = open_details(visit(app, "ovelse1"))
    table = one(screen, "erfakit-composition-table").value
    assert "Kvinder" in table and "18-29 år" in table
    assert one(screen, "erfakit-talking-points").value.count("<li>") >= 1
    charts = one(screen, "erfakit-composition-charts")
    assert len(charts.children) == 2  # Køn and Alder
    assert bytes(charts.children[0].value).startswith(b"\x89PNG")


def test_without_composition_the_form_says_how_the_analyst_prepares_it(tmp_path):
    path = tmp_path / "moede.json"
    save_session(prepared_session(composition=False), path)
    app = MeetingApp(path, today=lambda: TODAY)
    missing = one(visit(app, "ovelse1"), "erfakit-composition-missing").value
    assert "erfakit new --beboere" in missing and "forberedelse.ipynb" in missing
    app.close()


def test_the_counter_shows_1_af_2_aftaler_until_two_exist(app, meeting_path):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    count = one(editor, "erfakit-agreement-count")
    assert "0 af 2 aftaler" in count.value
    one(editor, "erfakit-agreement-example-1").click()
    assert one(editor, "erfakit-agreement-text").value == text("guide.o1.example1")
    one(editor, "erfakit-agreement-add").click()
    assert "1 af 2 aftaler" in count.value
    assert "erfakit-count-done" not in count._dom_classes
    one(editor, "erfakit-agreement-example-2").click()
    one(editor, "erfakit-agreement-text").value += " Vi starter i januar."
    one(editor, "erfakit-agreement-add").click()
    assert "erfakit-count-done" in count._dom_classes
    saved = reload(meeting_path)
    today = [a for a in saved.agreements if a.origin == Origin.OVELSE1]
    assert [a.theme for a in today] == [Theme.BEBOERDEMOKRATI] * 2
    assert today[1].text.endswith("Vi starter i januar.")


def test_an_agreement_is_saved_with_theme_responsible_and_deadline_at_once(app, meeting_path):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-text").value = "Drift fortæller om beboerdemokratiet"
    one(editor, "erfakit-agreement-function").value = Function.DRIFT
    one(editor, "erfakit-agreement-person").value = "Driftschefen"
    one(editor, "erfakit-agreement-deadline").value = TODAY.replace(year=2027, month=3, day=1)
    one(editor, "erfakit-agreement-add").click()
    agreement = reload(meeting_path).agreements[-1]  # no waiting: explicit buttons save at once
    assert agreement.responsible_function is Function.DRIFT
    assert agreement.responsible_person == "Driftschefen"
    assert agreement.deadline.isoformat() == "2027-03-01"
    assert agreement.status is AgreementStatus.OPEN
    assert one(editor, "erfakit-agreement-text").value == ""


def test_an_empty_agreement_gives_a_danish_message_and_keeps_what_was_typed(app, meeting_path):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-text").value = "   "
    one(editor, "erfakit-agreement-person").value = "Bo"
    one(editor, "erfakit-agreement-add").click()
    message = one(editor, "erfakit-message").value
    assert "erfakit-error" in message and "Aftalen har ingen tekst" in message
    assert one(editor, "erfakit-agreement-person").value == "Bo"
    assert not one(editor, "erfakit-agreement-add").disabled
    assert len(reload(meeting_path).agreements) == 2


def test_edit_delete_and_undo_an_agreement(app, meeting_path):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-text").value = "Første udgave"
    one(editor, "erfakit-agreement-add").click()
    listing = one(editor, "erfakit-agreement-list")
    listing.value = listing.options[0][1]
    one(editor, "erfakit-agreement-edit").click()
    assert one(editor, "erfakit-agreement-add").description == "Gem ændring"
    one(editor, "erfakit-agreement-text").value = "Anden udgave"
    one(editor, "erfakit-agreement-add").click()
    texts = [a.text for a in reload(meeting_path).agreements]
    assert "Anden udgave" in texts and "Første udgave" not in texts
    listing.value = listing.options[0][1]
    one(editor, "erfakit-agreement-delete").click()
    assert "Anden udgave" not in [a.text for a in reload(meeting_path).agreements]
    one(editor, "erfakit-agreement-undo").click()
    assert "Anden udgave" in [a.text for a in reload(meeting_path).agreements]
    one(editor, "erfakit-agreement-undo").click()
    assert "Første udgave" in [a.text for a in reload(meeting_path).agreements]


def test_editing_with_nothing_selected_says_so_in_danish(app):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-edit").click()
    assert "Vælg først en aftale" in one(editor, "erfakit-message").value


def test_english_forms_use_the_english_guide(meeting_path):
    app = MeetingApp(meeting_path, lang="en", today=lambda: TODAY)
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    assert "0 of 2" in one(editor, "erfakit-agreement-count").value
    assert one(editor, "erfakit-agreement-add").description == "Add agreement"
    app.close()


def test_each_question_of_the_exercise_is_a_heading_once(app):
    shown = shown_text(visit(app, "ovelse1"))
    for question in [q for section in OVELSE1_SECTIONS for q in section.questions]:
        assert shown.count(text(f"guide.{question}")) == 1, question


def test_large_text_redraws_the_composition_charts_larger(app):
    screen = open_details(visit(app, "ovelse1"))
    before = bytes(one(screen, "erfakit-composition-charts").children[0].value)
    one(app.show_header(), "erfakit-large-text").value = True
    after = bytes(one(screen, "erfakit-composition-charts").children[0].value)
    assert after != before and len(after) > len(before) * 0.5


def test_a_deadline_before_the_meeting_is_refused_and_the_text_kept(app, meeting_path):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-text").value = "Vi mødes med bestyrelsen"
    one(editor, "erfakit-agreement-deadline").value = TODAY.replace(year=2025)
    one(editor, "erfakit-agreement-add").click()
    assert "Fristen 03.12.2025 ligger før mødet (03.12.2026)" in one(editor, "erfakit-message").value
    assert one(editor, "erfakit-agreement-text").value == "Vi mødes med bestyrelsen"
    assert len(reload(meeting_path).agreements) == 2


def test_b_shows_a_card_of_at_most_three_sentences_and_builds_the_tables_only_when_details_open(app):
    screen = visit(app, "ovelse1")
    card = one(screen, "erfakit-composition-card").value
    assert 1 <= card.count("<li>") <= 3
    assert "erfakit-bar-board" in card, "the card has its small chart"
    assert not find(screen, "erfakit-composition-table"), "the full tables wait for »Vis detaljer«"
    toggle = one(screen, "erfakit-composition-details-toggle")
    assert toggle.description == "Vis detaljer"
    toggle.value = True
    assert "Kvinder" in one(screen, "erfakit-composition-table").value
    assert toggle.description == "Skjul detaljer"


def test_the_four_b_questions_follow_each_other_under_the_card(app):
    screen = visit(app, "ovelse1")
    order = [
        css
        for widget in walk(screen)
        for css in widget._dom_classes
        if css.startswith(("erfakit-answer-o1-b", "erfakit-composition"))
    ]
    b_answers = [css for css in order if css.startswith("erfakit-answer-o1-b")]
    start = order.index(b_answers[0])
    assert order[start : start + 4] == b_answers, "nothing sits between B's questions"
    assert order.index("erfakit-composition") < start


def test_the_guides_second_example_is_two_cards_one_for_the_helhedsplan_and_one_for_drift(app):
    editor = one(visit(app, "ovelse1"), "erfakit-agreements-ovelse1")
    one(editor, "erfakit-agreement-example-2").click()
    assert "helhedsplan" in one(editor, "erfakit-agreement-text").value
    assert one(editor, "erfakit-agreement-function").value == Function.BOLIGSOCIAL
    one(editor, "erfakit-agreement-example-3").click()
    assert "driften" in one(editor, "erfakit-agreement-text").value
    assert one(editor, "erfakit-agreement-function").value == Function.DRIFT
    assert one(editor, "erfakit-agreement-theme").value == Theme.BEBOERDEMOKRATI


def test_c_prompts_agreements_on_kompetenceudvikling(app):
    assert "kompetenceudvikling" in one(visit(app, "ovelse1"), "erfakit-competence-prompt").value
