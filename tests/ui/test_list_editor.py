"""The one list editor (agreements, partners, projects): select, edit as a mode, delete, undo.

An editor may only ever change the item the tovholder chose: after a change nothing is selected,
and while one item is being edited nothing else can be chosen, deleted or undone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from uihelpers import one, reload, visit

from erfakit.core.model import Function, Origin, PartnerCategory, Session


@dataclass(frozen=True)
class Editor:
    """One of the three editors, as a test drives it through its CSS classes."""

    part: str
    scope: str
    """The class of a box holding only this editor's widgets (the part screen where that is unique)."""
    prefix: str
    """`erfakit-<prefix>-list`, `-add`, `-edit`, `-delete`, `-undo`, `-cancel`."""
    field: str
    """The class of the text field that names an item."""
    add_label: str

    def screen(self, app):
        screen = visit(app, self.part)
        return one(screen, self.scope) if self.scope else screen

    def widget(self, screen, thing: str):
        return one(screen, f"erfakit-{self.prefix}-{thing}")

    def type_and_add(self, screen, words: str) -> None:
        one(screen, self.field).value = words
        self.widget(screen, "add").click()

    def saved(self, session: Session) -> list[str]:
        if self.prefix == "agreement":
            return [a.text for a in session.agreements if a.origin == Origin.OVELSE1]
        if self.prefix == "partner":
            return [p.name for p in session.partners]
        return [p.title for p in session.topics.projects]


AGREEMENTS = Editor("ovelse1", "erfakit-agreements-ovelse1", "agreement", "erfakit-agreement-text", "Tilføj aftale")
PARTNERS = Editor("ovelse2", "", "partner", "erfakit-partner-name", "Tilføj partner")
PROJECTS = Editor("ovelse3", "", "project", "erfakit-project-title", "Tilføj projekt")
EDITORS = [pytest.param(editor, id=editor.prefix) for editor in (AGREEMENTS, PARTNERS, PROJECTS)]


@pytest.mark.parametrize("editor", EDITORS)
def test_after_a_delete_nothing_is_selected_so_editing_cannot_overwrite_another_item(app, meeting_path, editor):
    # The bug this guards: after "Slet" the list selected its first item, and "Redigér" + "Gem
    # ændring" then overwrote item 1, which the tovholder never chose.
    screen = editor.screen(app)
    for words in ("Første", "Anden", "Tredje"):
        editor.type_and_add(screen, words)
    listing = editor.widget(screen, "list")
    listing.value = listing.options[2][1]
    editor.widget(screen, "delete").click()
    assert listing.value is None, "nothing is selected after a delete"
    editor.widget(screen, "edit").click()
    assert "Vælg først" in _messages(screen)
    assert editor.widget(screen, "add").description == editor.add_label, "not in edit mode"
    editor.type_and_add(screen, "Fjerde")
    assert editor.saved(reload(meeting_path)) == ["Første", "Anden", "Fjerde"]


@pytest.mark.parametrize("editor", EDITORS)
def test_editing_is_a_mode_with_its_own_cancel_and_nothing_else_can_be_chosen_meanwhile(app, meeting_path, editor):
    screen = editor.screen(app)
    for words in ("Første", "Anden"):
        editor.type_and_add(screen, words)
    listing = editor.widget(screen, "list")
    listing.value = listing.options[1][1]
    editor.widget(screen, "edit").click()
    assert one(screen, editor.field).value == "Anden"
    assert editor.widget(screen, "add").description == "Gem ændring"
    assert editor.widget(screen, "cancel").layout.display != "none"
    assert "Anden" in editor.widget(screen, "editing").value
    for thing in ("list", "edit", "delete", "undo"):
        assert editor.widget(screen, thing).disabled, f"{thing} is disabled while editing"
    editor.widget(screen, "cancel").click()
    assert editor.widget(screen, "add").description == editor.add_label
    assert editor.widget(screen, "cancel").layout.display == "none"
    assert editor.widget(screen, "editing").value == ""
    assert one(screen, editor.field).value == ""
    assert listing.value is None and not listing.disabled
    assert not editor.widget(screen, "edit").disabled
    assert editor.saved(reload(meeting_path)) == ["Første", "Anden"]


@pytest.mark.parametrize("editor", EDITORS)
def test_an_edit_saves_the_chosen_item_and_undo_brings_back_each_change(app, meeting_path, editor):
    screen = editor.screen(app)
    for words in ("Første", "Anden"):
        editor.type_and_add(screen, words)
    listing = editor.widget(screen, "list")
    listing.value = listing.options[0][1]
    editor.widget(screen, "edit").click()
    editor.type_and_add(screen, "Første, rettet")
    assert editor.saved(reload(meeting_path)) == ["Første, rettet", "Anden"]
    assert listing.value is None
    listing.value = listing.options[1][1]
    editor.widget(screen, "delete").click()
    assert editor.saved(reload(meeting_path)) == ["Første, rettet"]
    editor.widget(screen, "undo").click()
    assert editor.saved(reload(meeting_path)) == ["Første, rettet", "Anden"]
    editor.widget(screen, "undo").click()
    assert editor.saved(reload(meeting_path)) == ["Første", "Anden"]
    editor.widget(screen, "undo").click()
    editor.widget(screen, "undo").click()
    assert editor.saved(reload(meeting_path)) == []
    assert editor.widget(screen, "undo").disabled


def test_undoing_an_agreement_edit_keeps_a_status_set_in_the_recap_since(app, meeting_path):
    from erfakit.core.model import AgreementStatus

    screen = AGREEMENTS.screen(app)
    for words in ("Første", "Anden"):
        AGREEMENTS.type_and_add(screen, words)
    first = next(a for a in reload(meeting_path).agreements if a.text == "Første")
    recap_status = one(visit(app, "ovelse3"), f"erfakit-agreement-status-{first.id}")
    recap_status.value = AgreementStatus.DONE
    AGREEMENTS.widget(screen, "undo").click()  # undoes adding "Anden", not the recap's status
    saved = [a for a in reload(meeting_path).agreements if a.origin == Origin.OVELSE1]
    assert [(a.text, a.status) for a in saved] == [("Første", AgreementStatus.DONE)]


def test_undo_in_one_agreement_editor_leaves_the_other_exercises_alone(app, meeting_path):
    o1 = AGREEMENTS.screen(app)
    o2 = one(visit(app, "ovelse2"), "erfakit-agreements-ovelse2")
    AGREEMENTS.type_and_add(o1, "Øvelse 1's aftale")
    one(o2, "erfakit-agreement-text").value = "Øvelse 2's aftale"
    one(o2, "erfakit-agreement-add").click()
    AGREEMENTS.widget(o1, "undo").click()
    texts = [a.text for a in reload(meeting_path).agreements]
    assert "Øvelse 1's aftale" not in texts and "Øvelse 2's aftale" in texts


def test_a_project_can_be_edited_with_its_owner(app, meeting_path):
    screen = PROJECTS.screen(app)
    one(screen, "erfakit-project-function").value = Function.DRIFT
    one(screen, "erfakit-project-person").value = "Anna"
    PROJECTS.type_and_add(screen, "Sommerfest")
    listing = PROJECTS.widget(screen, "list")
    assert listing.options[0][0] == "Sommerfest – ansvarlig: Drift – Anna"
    listing.value = listing.options[0][1]
    PROJECTS.widget(screen, "edit").click()
    assert one(screen, "erfakit-project-function").value is Function.DRIFT
    assert one(screen, "erfakit-project-person").value == "Anna"
    one(screen, "erfakit-project-person").value = "Bo"
    PROJECTS.widget(screen, "add").click()
    project = reload(meeting_path).topics.projects[0]
    assert (project.title, project.owner_function, project.owner_person) == ("Sommerfest", Function.DRIFT, "Bo")


def test_a_partner_being_edited_keeps_its_cell_check_against_the_others(app, meeting_path):
    screen = PARTNERS.screen(app)
    one(screen, "erfakit-partner-category").value = PartnerCategory.FORENINGER
    for words in ("Boldklubben", "Spejderne"):
        PARTNERS.type_and_add(screen, words)
    listing = PARTNERS.widget(screen, "list")
    listing.value = listing.options[1][1]
    PARTNERS.widget(screen, "edit").click()
    PARTNERS.type_and_add(screen, "boldklubben")
    assert "står allerede" in one(screen, "erfakit-partner-message").value
    assert PARTNERS.widget(screen, "add").description == "Gem ændring", "still editing, nothing lost"
    PARTNERS.type_and_add(screen, "Spejderne i Opfundet")
    assert PARTNERS.saved(reload(meeting_path)) == ["Boldklubben", "Spejderne i Opfundet"]


def _messages(widget) -> str:
    """Every message area's HTML under `widget`."""
    found = []
    if "erfakit-message" in getattr(widget, "_dom_classes", ()):
        found.append(widget.value)
    for child in getattr(widget, "children", ()):
        found.append(_messages(child))
    return "\n".join(found)


@pytest.mark.parametrize("editor", EDITORS)
def test_the_line_naming_the_item_being_edited_shows_markup_as_text(app, editor):
    screen = editor.screen(app)
    hostile = "<img src=x onerror=alert(1)> $x$ </script>"
    editor.type_and_add(screen, hostile)
    listing = editor.widget(screen, "list")
    listing.value = listing.options[0][1]
    editor.widget(screen, "edit").click()
    shown = editor.widget(screen, "editing").value
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "&lt;/script&gt;" in shown
    assert "<img" not in shown and "</script>" not in shown
