"""Øvelse 2's partners: the grid, the partners several functions share, and the ones to develop.

Partners are matched on a *normalised* name (case, spacing and punctuation ignored), so
"Kommunen" and "kommunen ." count as one partner. Anything looser (Danish letters, abbreviations,
"Kommunen" vs "Københavns Kommune", typos) is only ever *suggested* for merging, in
`erfakit.core.partner_names`; the tovholder decides, and `merge_partner_names` carries the decision out.

These functions run on every edit of the live form, so they are plain Python over a few hundred
rows (the shared partners with one small DataFrame built at the end: pandas' per-call overhead
dominates otherwise).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from erfakit.core.model import Function, Partner, PartnerCategory, PartnerStatus
from erfakit.core.partner_names import MergeReason, MergeSuggestion, normalise_partner_name, suggest_merges
from erfakit.exceptions import FormInputError
from erfakit.texts import label, text

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GridEntry",
    "MergeReason",
    "MergeSuggestion",
    "PartnerGrid",
    "SharedPartner",
    "check_new_partner",
    "find_shared_partners",
    "merge_partner_names",
    "normalise_partner_name",
    "partner_grid",
    "partner_line",
    "partners_to_develop",
    "shared_partners",
    "suggest_merges",
]

FUNCTIONS: tuple[Function, ...] = tuple(Function)
CATEGORIES: tuple[PartnerCategory, ...] = tuple(PartnerCategory)
SHARED_COLUMNS = ["name", "functions", "categories", "count"]

_DEVELOP = (PartnerStatus.ESTABLISH, PartnerStatus.EXPAND)


@dataclass(frozen=True)
class GridEntry:
    """One partner in one cell of the grid: its name as first entered, every distinct activity typed."""

    name: str
    activities: tuple[str, ...] = ()

    @property
    def activity(self) -> str:
        """The activities as one text: "Pasning; Plantedag"."""
        return "; ".join(self.activities)


@dataclass(frozen=True)
class PartnerGrid:
    """Øvelse 2's 5 × 4 grid: the partners each function has in each category.

    Rows are the five `Function` members in model order (Boligsocial … Udlejning), columns the four
    `PartnerCategory` members in model order.
    """

    cells: Mapping[tuple[Function, PartnerCategory], tuple[GridEntry, ...]]
    functions: tuple[Function, ...] = FUNCTIONS
    categories: tuple[PartnerCategory, ...] = CATEGORIES

    def entries(self, function: Function, category: PartnerCategory) -> tuple[GridEntry, ...]:
        """The partners of one cell, in the order they were entered."""
        return self.cells.get((function, category), ())

    def names(self, function: Function, category: PartnerCategory) -> list[str]:
        """The partner names of one cell, in the order they were entered."""
        return [entry.name for entry in self.entries(function, category)]


def partner_grid(partners: Iterable[Partner]) -> PartnerGrid:
    """Øvelse 2's grid of `partners` (see `PartnerGrid`), as the form and the report show it.

    A name entered twice in the same cell (after normalising) is listed once, spelled as first
    entered, with every distinct activity typed for it. Partners without a name are left out.
    """
    names: dict[tuple[Function, PartnerCategory, str], str] = {}
    activities: dict[tuple[Function, PartnerCategory, str], list[str]] = {}
    for partner in partners:
        name = partner.name.strip()
        key = (partner.function, partner.category, normalise_partner_name(name))
        if not key[2]:
            continue
        names.setdefault(key, name)
        found = activities.setdefault(key, [])
        activity = partner.activity.strip()
        if activity and activity not in found:
            found.append(activity)
    cells: dict[tuple[Function, PartnerCategory], list[GridEntry]] = {}
    for key, name in names.items():
        cells.setdefault(key[:2], []).append(GridEntry(name, tuple(activities[key])))
    return PartnerGrid({cell: tuple(entries) for cell, entries in cells.items()})


@dataclass(frozen=True)
class SharedPartner:
    """A partner named by two or more functions: its name, those functions and categories, how many."""

    name: str
    """The most used spelling; on a tie the first entered."""
    functions: tuple[Function, ...]
    """In model order."""
    categories: tuple[PartnerCategory, ...]
    """In model order."""
    count: int
    """The number of functions."""


def shared_partners(partners: Iterable[Partner]) -> list[SharedPartner]:
    """The partners named by two or more functions ("Er der nogen … som flere samarbejder med?").

    Partners are matched on `normalise_partner_name`. Sorted by count, most shared first, then by
    name. Plain data for the live form (no pandas); `find_shared_partners` has it as a table.
    """
    spellings: dict[str, Counter[str]] = {}
    functions: dict[str, set[Function]] = {}
    categories: dict[str, set[PartnerCategory]] = {}
    for partner in partners:
        name = partner.name.strip()
        key = normalise_partner_name(name)
        if not key:
            continue
        spellings.setdefault(key, Counter())[name] += 1
        functions.setdefault(key, set()).add(partner.function)
        categories.setdefault(key, set()).add(partner.category)
    rows: list[SharedPartner] = []
    for key, used_by in functions.items():
        if len(used_by) < 2:
            continue
        # Counter.most_common keeps insertion order on ties, so the first spelling wins a tie.
        rows.append(
            SharedPartner(
                name=spellings[key].most_common(1)[0][0],
                functions=tuple(function for function in FUNCTIONS if function in used_by),
                categories=tuple(category for category in CATEGORIES if category in categories[key]),
                count=len(used_by),
            )
        )
    rows.sort(key=lambda row: (-row.count, normalise_partner_name(row.name)))
    return rows


def find_shared_partners(partners: Iterable[Partner]) -> pd.DataFrame:
    """`shared_partners` as a table: one row per shared partner with columns ``name``, ``functions``
    (list of `Function`), ``categories`` (list of `PartnerCategory`) and ``count``."""
    import pandas as pd  # here, where the DataFrame is built: the live form uses `shared_partners`

    rows = [
        {"name": row.name, "functions": list(row.functions), "categories": list(row.categories), "count": row.count}
        for row in shared_partners(partners)
    ]
    return pd.DataFrame(rows, columns=SHARED_COLUMNS).astype({"count": "int64"})


def partners_to_develop(partners: Iterable[Partner]) -> list[Partner]:
    """The partners whose cooperation should be established or expanded, in the order entered."""
    return [partner for partner in partners if partner.status in _DEVELOP]


def partner_line(partner: Partner, lang: str = "da") -> str:
    """One line for the list of partners: "Skolen – Boligsocial · Institutioner · Udvides · Lektiecafé"."""
    line = f"{partner.name} – {label(partner.function, lang)} · {label(partner.category, lang)}"
    if partner.status != PartnerStatus.EXISTING:
        line += f" · {label(partner.status, lang)}"
    if partner.activity:
        line += f" · {partner.activity}"
    return line


def check_new_partner(partners: Iterable[Partner], candidate: Partner, lang: str = "da") -> Partner:
    """`candidate` as it is saved (spaces in the name collapsed, activity trimmed), or `FormInputError`.

    Refused: a partner without a name, and one whose function already has a partner of that name
    in the same category (matched like the grid). The partner being edited (same id) does not count.
    """
    name = " ".join(candidate.name.split())
    if not name:
        raise FormInputError(text("meeting.error.partner_name", lang), text("meeting.error.partner_name_hint", lang))
    key = normalise_partner_name(name)
    for partner in partners:
        same_cell = (partner.function, partner.category) == (candidate.function, candidate.category)
        if same_cell and partner.id != candidate.id and normalise_partner_name(partner.name) == key:
            raise FormInputError(
                text(
                    "meeting.error.partner_twice",
                    lang,
                    name=partner.name,
                    function=label(partner.function, lang),
                    category=label(partner.category, lang),
                ),
                text("meeting.error.partner_twice_hint", lang),
            )
    return candidate.model_copy(update={"name": name, "activity": candidate.activity.strip()})


def merge_partner_names(partners: Iterable[Partner], keep: str, replace: str, *, lang: str = "da") -> list[Partner]:
    """A new partner list in which every partner named like `replace` is named `keep`.

    "Named like" means the same `normalise_partner_name`, so case and spacing variants of `replace`
    go too. If a function then holds the same partner twice in the same category, the two rows
    become one: the first row's id is kept, distinct activity texts are joined with "; ", and
    "establish"/"expand" wins over "existing" (a wish to develop a partnership is not lost).
    The input list and its partners are left unchanged.

    Raises `FormInputError` (in `lang`) when a name is empty, the two names are the same, or no
    partner is named like `replace`.
    """
    partners = list(partners)
    keep = keep.strip()
    replace_key = normalise_partner_name(replace)
    if not keep or not replace_key:
        raise FormInputError(
            text("meeting_core.merge.error_empty", lang),
            text("meeting_core.merge.error_empty_hint", lang),
        )
    if keep == replace.strip():
        raise FormInputError(
            text("meeting_core.merge.error_same", lang, name=keep),
            text("meeting_core.merge.error_same_hint", lang),
        )
    if not any(normalise_partner_name(partner.name) == replace_key for partner in partners):
        raise FormInputError(
            text("meeting_core.merge.error_missing", lang, name=replace.strip()),
            text("meeting_core.merge.error_missing_hint", lang),
        )
    keep_key = normalise_partner_name(keep)
    merged: list[Partner] = []
    position: dict[tuple[Function, PartnerCategory], int] = {}
    for partner in partners:
        key = normalise_partner_name(partner.name)
        if key not in (replace_key, keep_key):
            merged.append(partner)
            continue
        renamed = partner.model_copy(update={"name": keep})
        cell = (partner.function, partner.category)
        if cell in position:
            merged[position[cell]] = _combine(merged[position[cell]], renamed)
            continue
        position[cell] = len(merged)
        merged.append(renamed)
    return merged


def _combine(first: Partner, second: Partner) -> Partner:
    """One partner row from two rows of the same function and category."""
    activities = [a.strip() for a in (first.activity, second.activity) if a.strip()]
    activity = "; ".join(dict.fromkeys(activities))
    status = first.status
    if status == PartnerStatus.EXISTING and second.status in _DEVELOP:
        status = second.status
    return first.model_copy(update={"activity": activity, "status": status})
