"""Who is responsible (one way of writing it everywhere), participants by function, and the form
checks the core makes for agreements, partners and projects."""

from __future__ import annotations

import datetime as dt

import pytest

from erfakit.core.agreements import agreement_line, check_agreement, replace_origin
from erfakit.core.model import Agreement, Function, Origin, Participant, Partner, PartnerCategory, Project, Theme
from erfakit.core.partners import check_new_partner
from erfakit.core.people import OWNER_SEPARATOR, owner_text, participants_by_function
from erfakit.core.projects import check_project, project_line
from erfakit.exceptions import FormInputError

MEETING = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("function", "person", "expected"),
    [
        (Function.DRIFT, "Anna Holm", "Drift – Anna Holm"),
        (Function.DRIFT, "  ", "Drift"),
        (None, " Anna Holm ", "Anna Holm"),
        (None, "", ""),
    ],
)
def test_owner_text_is_function_and_person_with_one_separator(function, person, expected) -> None:
    assert owner_text(function, person) == expected


def test_the_same_owner_text_shows_in_agreement_lists_and_project_lists() -> None:
    agreement = Agreement(
        text="Mød bestyrelsen",
        theme=Theme.BEBOERDEMOKRATI,
        origin=Origin.OVELSE1,
        responsible_function=Function.DRIFT,
        responsible_person="Anna",
    )
    project = Project(title="Sommerfest", owner_function=Function.DRIFT, owner_person="Anna")
    assert f"Drift{OWNER_SEPARATOR}Anna" in agreement_line(agreement)
    assert project_line(project) == "Sommerfest – ansvarlig: Drift – Anna"
    assert " / " not in agreement_line(agreement) + project_line(project)


def test_participants_by_function_lists_all_five_in_model_order_as_entered() -> None:
    people = [Participant(function=Function.UDLEJNING, name="Ulla"), Participant(function=Function.DRIFT, name="Dan")]
    people.append(Participant(function=Function.DRIFT, name="Dorte"))
    grouped = participants_by_function(people)
    assert list(grouped) == list(Function)
    assert [p.name for p in grouped[Function.DRIFT]] == ["Dan", "Dorte"]
    assert grouped[Function.BOLIGSOCIAL] == []


def fields(**changes) -> dict:
    return {
        "text": " Vi mødes ",
        "theme": Theme.BEBOERDEMOKRATI,
        "responsible_function": None,
        "responsible_person": " Bo ",
        "deadline": None,
        **changes,
    }


def test_a_checked_agreement_is_trimmed_and_a_deadline_on_the_meeting_day_is_fine() -> None:
    checked = check_agreement(fields(deadline=MEETING), MEETING)
    assert (checked["text"], checked["responsible_person"], checked["deadline"]) == ("Vi mødes", "Bo", MEETING)


def test_an_agreement_without_text_or_with_a_deadline_before_the_meeting_is_refused_in_danish() -> None:
    with pytest.raises(FormInputError, match="Aftalen har ingen tekst"):
        check_agreement(fields(text=" \n "), MEETING)
    with pytest.raises(FormInputError, match=r"Fristen 02\.12\.2026 ligger før mødet \(03\.12\.2026\)"):
        check_agreement(fields(deadline=MEETING - dt.timedelta(days=1)), MEETING)
    with pytest.raises(FormInputError, match="has no text"):
        check_agreement(fields(text=""), MEETING, "en")


def partner(name: str, function=Function.DRIFT, category=PartnerCategory.FORENINGER, **extra) -> Partner:
    return Partner(name=name, function=function, category=category, **extra)


def test_a_new_partner_gets_its_spaces_collapsed_and_is_refused_twice_in_one_cell() -> None:
    existing = [partner("Boldklubben")]
    assert check_new_partner(existing, partner("  Spejderne   i  byen ", activity=" Lejr ")).name == "Spejderne i byen"
    with pytest.raises(FormInputError, match="»Boldklubben« står allerede hos Drift under Foreninger"):
        check_new_partner(existing, partner("boldklubben."))
    assert check_new_partner(existing, partner("Boldklubben", Function.UDLEJNING)).name == "Boldklubben"
    with pytest.raises(FormInputError, match="Partneren har intet navn"):
        check_new_partner(existing, partner("   "))


def test_the_partner_being_edited_does_not_clash_with_itself() -> None:
    existing = [partner("Boldklubben")]
    edited = existing[0].model_copy(update={"activity": "Fodbold"})
    assert check_new_partner(existing, edited).activity == "Fodbold"


def test_a_project_needs_a_title() -> None:
    assert check_project(Project(title=" Fest ", owner_person=" Sara ")).title == "Fest"
    with pytest.raises(FormInputError, match="Projektet har ingen titel"):
        check_project(Project(title="  "))


def test_replacing_one_exercises_agreements_keeps_the_others_in_their_places() -> None:
    def made(text: str, origin: Origin) -> Agreement:
        return Agreement(text=text, theme=Theme.BOLIGFORHOLD, origin=origin)

    earlier, one, two, other = (
        made("E", Origin.EARLIER),
        made("1", Origin.OVELSE1),
        made("2", Origin.OVELSE1),
        made("X", Origin.OVELSE2),
    )
    new = made("3", Origin.OVELSE1)
    replaced = replace_origin([earlier, one, other, two], Origin.OVELSE1, [two, new])
    assert [a.text for a in replaced] == ["E", "2", "X", "3"]
    assert [a.text for a in replace_origin([earlier, one, other], Origin.OVELSE1, [])] == ["E", "X"]
