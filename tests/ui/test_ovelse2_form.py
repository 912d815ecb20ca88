"""Øvelse 2's form: partner entry in ≤ 3 inputs and one click or Enter, the live grid, shared partners,
merge suggestions (never silent), edit/delete/undo, the network chart and its agreements."""

from __future__ import annotations

from uihelpers import find, on_disk_within, one, reload, shown_text, submit, visit

from erfakit.core.model import Function, Origin, PartnerCategory, PartnerStatus, Theme
from erfakit.texts import text


def add_partner(screen, function, category, name, *, enter=False):
    one(screen, "erfakit-partner-function").value = function
    one(screen, "erfakit-partner-category").value = category
    one(screen, "erfakit-partner-name").value = name
    if enter:
        submit(one(screen, "erfakit-partner-name"))
    else:
        one(screen, "erfakit-partner-add").click()


def test_a_partner_is_added_with_one_click_and_appears_in_its_grid_cell(app, meeting_path):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, "Boldklubben Opfundet")
    grid = one(screen, "erfakit-grid").value
    assert "data-function='drift' data-category='foreninger'>Boldklubben Opfundet</td>" in grid
    partner = reload(meeting_path).partners[0]
    assert (partner.function, partner.category, partner.name) == (
        Function.DRIFT,
        PartnerCategory.FORENINGER,
        "Boldklubben Opfundet",
    )
    assert one(screen, "erfakit-partner-name").value == ""
    assert one(screen, "erfakit-partner-function").value is Function.DRIFT  # stays for the next one


def test_enter_in_the_name_field_adds_the_partner(app, meeting_path):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.UDLEJNING, PartnerCategory.MYNDIGHEDER, "Kommunen", enter=True)
    assert [p.name for p in reload(meeting_path).partners] == ["Kommunen"]


def test_activity_and_status_are_saved_and_partners_to_develop_listed(app, meeting_path):
    screen = visit(app, "ovelse2")
    one(screen, "erfakit-partner-activity").value = "Lektiecafé"
    one(screen, "erfakit-partner-status").value = PartnerStatus.EXPAND
    add_partner(screen, Function.BOLIGSOCIAL, PartnerCategory.INSTITUTIONER, "Skolen")
    partner = reload(meeting_path).partners[0]
    assert partner.activity == "Lektiecafé" and partner.status is PartnerStatus.EXPAND
    assert "Skolen" in one(screen, "erfakit-partners-to-develop").value


def test_partners_shared_by_several_functions_are_computed_live(app):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.MYNDIGHEDER, "Københavns Kommune")
    assert "Københavns Kommune" not in one(screen, "erfakit-shared-partners").value
    add_partner(screen, Function.GENHUSNING, PartnerCategory.MYNDIGHEDER, "københavns  kommune")
    shared = one(screen, "erfakit-shared-partners").value
    assert "Københavns Kommune" in shared and "Drift, Genhusning" in shared


def test_probably_the_same_partner_is_suggested_not_merged_until_clicked(app, meeting_path):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.MYNDIGHEDER, "Københavns Kommune")
    add_partner(screen, Function.UDLEJNING, PartnerCategory.MYNDIGHEDER, "Kommunen")
    suggestions = one(screen, "erfakit-merge-suggestions")
    assert len(find(suggestions, "erfakit-merge-accept")) == 1
    assert {p.name for p in reload(meeting_path).partners} == {"Københavns Kommune", "Kommunen"}
    find(suggestions, "erfakit-merge-accept")[0].click()
    assert {p.name for p in reload(meeting_path).partners} == {"Københavns Kommune"}
    assert not find(one(screen, "erfakit-merge-suggestions"), "erfakit-merge-accept")
    one(screen, "erfakit-partner-undo").click()
    assert {p.name for p in reload(meeting_path).partners} == {"Københavns Kommune", "Kommunen"}


def test_a_dismissed_suggestion_is_remembered_in_the_file(app, meeting_path):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.MYNDIGHEDER, "Københavns Kommune")
    add_partner(screen, Function.UDLEJNING, PartnerCategory.MYNDIGHEDER, "Kommunen")
    find(one(screen, "erfakit-merge-suggestions"), "erfakit-merge-dismiss")[0].click()
    assert len(reload(meeting_path).dismissed_merges) == 1
    assert not find(one(screen, "erfakit-merge-suggestions"), "erfakit-merge-accept")


def test_edit_delete_and_undo_a_partner(app, meeting_path):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, "Idrætsforenignen")
    listing = one(screen, "erfakit-partner-list")
    listing.value = listing.options[0][1]
    one(screen, "erfakit-partner-edit").click()
    assert one(screen, "erfakit-partner-name").value == "Idrætsforenignen"
    one(screen, "erfakit-partner-name").value = "Idrætsforeningen"
    one(screen, "erfakit-partner-category").value = PartnerCategory.BEBOERNETVAERK
    one(screen, "erfakit-partner-add").click()
    partners = reload(meeting_path).partners
    assert [(p.name, p.category) for p in partners] == [("Idrætsforeningen", PartnerCategory.BEBOERNETVAERK)]
    assert "data-category='beboernetvaerk'>Idrætsforeningen<" in one(screen, "erfakit-grid").value
    listing.value = listing.options[0][1]
    one(screen, "erfakit-partner-delete").click()
    assert reload(meeting_path).partners == []
    one(screen, "erfakit-partner-undo").click()
    assert [p.name for p in reload(meeting_path).partners] == ["Idrætsforeningen"]


def test_a_partner_without_a_name_gets_a_danish_message(app, meeting_path):
    screen = visit(app, "ovelse2")
    one(screen, "erfakit-partner-activity").value = "Noget vigtigt"
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, "  ")
    assert "Partneren har intet navn" in one(screen, "erfakit-partner-message").value
    assert one(screen, "erfakit-partner-activity").value == "Noget vigtigt"
    assert reload(meeting_path).partners == []


def test_the_network_chart_is_drawn_when_asked_and_redrawn_live(app):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, "Klubben")
    one(screen, "erfakit-network-show").value = True
    chart = one(screen, "erfakit-network-chart")
    assert len(chart.children) == 1 and bytes(chart.children[0].value).startswith(b"\x89PNG")
    first = bytes(chart.children[0].value)
    add_partner(screen, Function.GENHUSNING, PartnerCategory.FORENINGER, "Klubben")
    assert bytes(chart.children[0].value) != first
    one(screen, "erfakit-network-show").value = False
    assert chart.children == ()


def test_the_shared_and_establish_questions_have_answer_fields(app, meeting_path):
    screen = visit(app, "ovelse2")
    one(screen, "erfakit-answer-o2-shared").value = "Kommunen deles af tre"
    one(screen, "erfakit-answer-o2-establish").value = "Skolen"
    on_disk_within(
        meeting_path,
        lambda s: s.answers.get("o2.shared") == "Kommunen deles af tre" and s.answers.get("o2.establish") == "Skolen",
    )


def test_network_agreements_are_made_with_theme_samarbejdspartnere(app, meeting_path):
    editor = one(visit(app, "ovelse2"), "erfakit-agreements-ovelse2")
    assert one(editor, "erfakit-agreement-theme").value is Theme.SAMARBEJDSPARTNERE
    one(editor, "erfakit-agreement-text").value = "Vi deler kontaktlister"
    one(editor, "erfakit-agreement-add").click()
    agreement = reload(meeting_path).agreements[-1]
    assert (agreement.origin, agreement.theme) == (Origin.OVELSE2, Theme.SAMARBEJDSPARTNERE)


def test_each_question_of_the_exercise_is_a_heading_once(app):
    shown = shown_text(visit(app, "ovelse2"))
    for key in ("guide.o2.shared", "guide.o2.establish", "guide.o2.agreements"):
        assert shown.count(text(key)) == 1, key


def test_the_same_partner_twice_in_one_cell_is_refused_with_a_danish_message(app, meeting_path):
    screen = visit(app, "ovelse2")
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, "Boldklubben")
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, "boldklubben ")
    assert "»Boldklubben« står allerede hos Drift under Foreninger" in one(screen, "erfakit-partner-message").value
    assert one(screen, "erfakit-partner-name").value == "boldklubben "
    assert len(reload(meeting_path).partners) == 1
    add_partner(screen, Function.GENHUSNING, PartnerCategory.FORENINGER, "Boldklubben")
    assert len(reload(meeting_path).partners) == 2


def test_a_partner_name_with_markup_is_shown_as_text_in_every_live_table(app, meeting_path):
    # ipywidgets' HTML widget puts its value into the page as HTML: a name must never become markup.
    screen = visit(app, "ovelse2")
    hostile = "<img src=x onerror=alert(1)>"
    one(screen, "erfakit-partner-status").value = PartnerStatus.EXPAND
    add_partner(screen, Function.DRIFT, PartnerCategory.FORENINGER, hostile)
    add_partner(screen, Function.UDLEJNING, PartnerCategory.FORENINGER, hostile)
    for css in ("erfakit-grid", "erfakit-shared-partners", "erfakit-partners-to-develop"):
        shown = one(screen, css).value
        assert "&lt;img src=x onerror=alert(1)&gt;" in shown, css
        assert "<img" not in shown, css
    assert reload(meeting_path).partners[0].name == hostile, "stored as typed"
