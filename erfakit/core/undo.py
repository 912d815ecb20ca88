"""Undo for the lists the forms edit (agreements, partners, projects): snapshots before and after.

Each change is remembered as the list before it and after it. Undoing puts the items the change
touched (added, removed or altered) back as they were before it; every other item keeps the state
it has now. So undoing an added agreement does not also take back a status set in Øvelse 3's recap
since, and an item added elsewhere meanwhile stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

UNDO_DEPTH = 50
"""How many changes a list remembers; the oldest is forgotten first."""


class HasId(Protocol):
    """A list item with a stable id (the models the tovholder adds: `Agreement`, `Partner`, `Project`)."""

    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=HasId)


@dataclass(frozen=True)
class ListChange(Generic[Item]):
    """One change of a list: the list before and after it."""

    before: tuple[Item, ...]
    after: tuple[Item, ...]

    def touched(self) -> set[str]:
        """The ids of the items the change added, removed or altered."""
        before = {item.id: item for item in self.before}
        after = {item.id: item for item in self.after}
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def revert(current: Sequence[Item], change: ListChange[Item]) -> list[Item]:
    """`current` with `change` undone (see the module text); the order is the one before the change.

    Items added since the change by someone else come last, in their current order; items
    removed since stay removed.
    """
    touched = change.touched()
    now = {item.id: item for item in current}
    restored: list[Item] = []
    for item in change.before:
        if item.id in touched:
            restored.append(item)  # back as it was before the change
        elif item.id in now:
            restored.append(now[item.id])  # as it is now
    placed = {item.id for item in restored}
    return restored + [item for item in current if item.id not in placed and item.id not in touched]


class UndoHistory(Generic[Item]):
    """The changes of one list, newest last, at most `depth` of them."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._changes: list[ListChange[Item]] = []

    def __len__(self) -> int:
        return len(self._changes)

    def record(self, before: Sequence[Item], after: Sequence[Item]) -> None:
        """Remember a change of the list from `before` to `after` (a change that changed nothing is not kept)."""
        change = ListChange(tuple(before), tuple(after))
        if not change.touched():
            return
        self._changes.append(change)
        del self._changes[: -self.depth]

    def undo(self, current: Sequence[Item]) -> list[Item]:
        """`current` with the newest change undone (and forgotten); `IndexError` when there is none."""
        return revert(current, self._changes.pop())
