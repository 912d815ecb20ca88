"""The one list editor of the forms: select, edit, delete and undo over a list of models with ids.

Agreements, partners and projects are edited the same way. The form owns its input fields and
says how to read them into an item (with the core's check), how to show an item in them and how
to empty them; the editor owns the list box, the buttons and the rules:

* "Tilføj …" adds what is typed. "Redigér valgte" loads the chosen item into the inputs and
  starts an *edit mode*: the add button says "Gem ændring", "Annullér" appears, a line says which
  item is being changed, and the list and the edit, delete and undo buttons are disabled, so no
  other item can be chosen meanwhile.
* After every change of the list nothing is selected: an item is only ever edited or deleted
  after the tovholder chose it.
* "Fortryd" takes back this editor's last change (`erfakit.core.undo`).
* An error (empty text, a partner already in its cell, …) leaves everything typed in place.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal

import ipywidgets as widgets

from erfakit.core.undo import Item, UndoHistory
from erfakit.exceptions import FormInputError
from erfakit.texts import text
from erfakit.ui.feedback import MessageArea, run_guarded
from erfakit.ui.fields import full_width, on_enter, styled

Notice = Literal["added", "updated", "deleted"]


@dataclass(frozen=True)
class EditorTexts:
    """Catalogue keys of what one editor says; notices get the item's name as ``{name}``."""

    add: str
    select_first: str
    gone: str
    added: str
    updated: str
    deleted: str


class ListEditor(Generic[Item]):
    """The list, its buttons and the edit mode for one list of items (see the module text).

    `items()` returns the list as it is now; `store(items)` puts a changed list back and
    `on_change()` announces it (save, other forms). `read(editing)` builds an item from the inputs
    (`editing` is the item being edited, else None) and raises `FormInputError` when they are not
    acceptable; `fill(item)` shows an item in the inputs; `clear()` empties them for the next one.
    `describe(item)` is the item's line in the list and `name(item)` its name in messages.
    CSS classes: ``erfakit-<css>-list``, ``-add``, ``-cancel``, ``-edit``, ``-delete``, ``-undo``
    and ``-editing`` (the line naming the item being edited).
    """

    def __init__(
        self,
        *,
        css: str,
        lang: str,
        texts: EditorTexts,
        message: MessageArea,
        items: Callable[[], Sequence[Item]],
        store: Callable[[list[Item]], None],
        on_change: Callable[[], None],
        read: Callable[[Item | None], Item],
        fill: Callable[[Item], None],
        clear: Callable[[], None],
        describe: Callable[[Item], str],
        name: Callable[[Item], str],
        read_only: bool = False,
        rows: int = 8,
    ) -> None:
        self.lang = lang
        self.texts = texts
        self.message = message
        self.items = items
        self.store = store
        self.on_change = on_change
        self.read = read
        self.fill = fill
        self.clear = clear
        self.describe = describe
        self.name = name
        self.read_only = read_only
        self.max_rows = rows
        """The list box grows with the items up to this many rows, then scrolls."""
        self.editing_id: str | None = None
        self.history: UndoHistory[Item] = UndoHistory()

        self.add = styled(
            widgets.Button(description=text(texts.add, lang), button_style="primary", icon="plus"), f"erfakit-{css}-add"
        )
        self.cancel = styled(widgets.Button(description=text("meeting.cancel", lang)), f"erfakit-{css}-cancel")
        self.editing = styled(widgets.HTML(), f"erfakit-{css}-editing")
        self.list = styled(widgets.Select(options=[], rows=3, layout=full_width()), f"erfakit-{css}-list")
        self.edit = styled(widgets.Button(description=text("meeting.edit", lang), icon="pencil"), f"erfakit-{css}-edit")
        self.delete = styled(
            widgets.Button(description=text("meeting.delete", lang), icon="trash"), f"erfakit-{css}-delete"
        )
        self.undo = styled(widgets.Button(description=text("meeting.undo", lang), icon="undo"), f"erfakit-{css}-undo")
        self.actions = widgets.HBox([self.edit, self.delete, self.undo])
        for button, action in (
            (self.add, self.submit),
            (self.cancel, self.stop_editing),
            (self.edit, self.start_editing),
            (self.delete, self.delete_selected),
            (self.undo, self.undo_last),
        ):
            button.on_click(lambda _button, button=button, action=action: self._guarded(action, button))
        self.refresh()

    def submit_on_enter(self, field: widgets.Text) -> None:
        """Enter in `field` does what the add (or save) button does."""
        on_enter(field, lambda: self._guarded(self.submit, self.add))

    def refresh(self) -> None:
        """Show the list as it is now; a chosen item that still exists stays chosen."""
        items = self.items()
        chosen = self.list.value
        # Options replaced while something is selected make ipywidgets select the first item.
        self.list.index = None
        self.list.options = [(self.describe(item), item.id) for item in items]
        if chosen is not None and chosen in {item.id for item in items}:
            self.list.value = chosen
        self.list.rows = max(3, min(len(items), self.max_rows))
        # An empty list box looks like a broken field on a projector; it appears with the first item.
        self.list.layout.display = None if items else "none"
        self._show_mode()

    def submit(self) -> None:
        """Add what is typed, or save the item being edited. Nothing typed is cleared on an error."""
        current = list(self.items())
        editing = None
        if self.editing_id is not None:
            editing = next((item for item in current if item.id == self.editing_id), None)
            if editing is None:
                # Gone meanwhile (a merge): what is typed stays, and "Tilføj" can add it anew.
                self.editing_id = None
                raise FormInputError(text(self.texts.gone, self.lang))
        item = self.read(editing)
        if editing is None:
            changed = [*current, item]
        else:
            changed = [item if other.id == editing.id else other for other in current]
        self.editing_id = None
        self.clear()
        self._commit(current, changed)
        self.message.info(
            text(self.texts.added if editing is None else self.texts.updated, self.lang, name=self.name(item))
        )

    def start_editing(self) -> None:
        """Load the chosen item into the inputs; until saved or cancelled nothing else can be chosen."""
        item = self._chosen()
        self.editing_id = item.id
        self.fill(item)

    def stop_editing(self) -> None:
        """Leave the edit mode without changing anything; the inputs are emptied."""
        self.editing_id = None
        self.clear()
        self.list.index = None

    def delete_selected(self) -> None:
        """Delete the chosen item ("Fortryd" brings it back)."""
        current = list(self.items())
        item = self._chosen()
        self._commit(current, [other for other in current if other.id != item.id])
        self.message.info(text(self.texts.deleted, self.lang, name=self.name(item)))

    def undo_last(self) -> None:
        """Take back this editor's last change."""
        if not self.history:
            raise FormInputError(text("meeting.error.nothing_to_undo", self.lang))
        self.store(self.history.undo(self.items()))
        self._after_change()
        self.message.info(text("meeting.undone", self.lang))

    def replace_all(self, changed: list[Item]) -> None:
        """Put a list changed outside the editor (a merge of partners) in place, undoable like the rest."""
        self._commit(list(self.items()), changed)

    def _commit(self, before: list[Item], after: list[Item]) -> None:
        self.history.record(before, after)
        self.store(after)
        self._after_change()

    def _after_change(self) -> None:
        self.list.index = None
        self.refresh()
        self.on_change()

    def _chosen(self) -> Item:
        chosen = self.list.value
        if chosen is None:
            raise FormInputError(text(self.texts.select_first, self.lang))
        for item in self.items():
            if item.id == chosen:
                return item
        raise FormInputError(text(self.texts.gone, self.lang))

    def _guarded(self, action: Callable[[], None], button: widgets.Button) -> None:
        # run_guarded enables the button again when done; the mode decides what stays enabled.
        run_guarded(action, self.message, button=button)
        self._show_mode()

    def _show_mode(self) -> None:
        editing = self.editing_id is not None
        self.add.description = text("meeting.save_change" if editing else self.texts.add, self.lang)
        self.add.icon = "check" if editing else "plus"
        self.cancel.layout.display = None if editing else "none"
        if editing:
            current = next((item for item in self.items() if item.id == self.editing_id), None)
            shown = self.name(current) if current is not None else ""
            self.editing.value = f"<b>{html.escape(text('meeting.editing', self.lang, name=shown))}</b>"
        else:
            self.editing.value = ""
        self.list.disabled = editing or self.read_only
        self.edit.disabled = editing or self.read_only
        self.delete.disabled = editing or self.read_only
        self.undo.disabled = editing or self.read_only or not self.history
        self.add.disabled = self.cancel.disabled = self.read_only
