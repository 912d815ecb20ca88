"""Undo over the forms' lists: a change is taken back, later changes elsewhere are kept."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erfakit.core.undo import ListChange, UndoHistory, revert


@dataclass(frozen=True)
class Item:
    id: str
    value: str = ""


A, B, C = Item("a", "1"), Item("b", "1"), Item("c", "1")


def test_undoing_an_add_removes_only_that_item() -> None:
    history: UndoHistory[Item] = UndoHistory()
    history.record([A, B], [A, B, C])
    later = [replace(A, value="changed elsewhere"), B, C]
    assert history.undo(later) == [replace(A, value="changed elsewhere"), B]
    assert len(history) == 0


def test_undoing_a_delete_puts_the_item_back_in_its_place() -> None:
    history: UndoHistory[Item] = UndoHistory()
    history.record([A, B, C], [A, C])
    assert history.undo([A, C]) == [A, B, C]


def test_undoing_an_edit_restores_the_item_as_it_was() -> None:
    history: UndoHistory[Item] = UndoHistory()
    history.record([A, B], [A, replace(B, value="2")])
    assert history.undo([A, replace(B, value="2")]) == [A, B]


def test_an_item_added_elsewhere_after_the_change_stays() -> None:
    change = ListChange((A,), (A, B))
    assert revert([A, B, C], change) == [A, C]


def test_a_change_that_changed_nothing_is_not_remembered_and_the_depth_is_kept() -> None:
    history: UndoHistory[Item] = UndoHistory(depth=2)
    history.record([A], [A])
    assert len(history) == 0
    for value in "123":
        history.record([A], [replace(A, value=value)])
    assert len(history) == 2
    with pytest.raises(IndexError):
        UndoHistory[Item]().undo([A])


items = st.lists(st.builds(Item, id=st.sampled_from("abcdef"), value=st.sampled_from("12")), unique_by=lambda i: i.id)


@settings(max_examples=200, deadline=None)
@given(items, items)
def test_undo_right_after_a_change_gives_back_the_list_before_it(before: list[Item], after: list[Item]) -> None:
    history: UndoHistory[Item] = UndoHistory()
    history.record(before, after)
    if len(history):
        assert history.undo(after) == before
    else:  # the same items, at most in another order: nothing to undo
        assert sorted(after, key=lambda i: i.id) == sorted(before, key=lambda i: i.id)
