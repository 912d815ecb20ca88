"""Øvelse 3's joint projects: checked as typed, and one line each for the form's list."""

from __future__ import annotations

from erfakit.core.model import Project
from erfakit.core.people import owner_text
from erfakit.exceptions import FormInputError
from erfakit.texts import text


def check_project(candidate: Project, lang: str = "da") -> Project:
    """`candidate` as it is saved (title and owner trimmed), or `FormInputError` when it has no title."""
    title = candidate.title.strip()
    if not title:
        raise FormInputError(text("meeting.error.project_title", lang))
    return candidate.model_copy(update={"title": title, "owner_person": candidate.owner_person.strip()})


def project_line(project: Project, lang: str = "da") -> str:
    """One line for the list of projects: "Sommerfest – ejer: Boligsocial – Sara"."""
    owner = owner_text(project.owner_function, project.owner_person, lang)
    return project.title + (f" – {text('meeting.project.owner', lang)}: {owner}" if owner else "")
