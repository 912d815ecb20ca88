"""One screen per part, and a bar of buttons to move between them.

Each part's screen is a box that stays in place (in the notebook, in its own cell); moving to a
part shows its box and hides the others, so the projector shows one part at a time. Which parts
the bar offers depends on the meeting's kind (`use_parts`): a koordinationsmøde has its own.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from erfakit.core.guide import parts_of
from erfakit.core.model import MeetingKind, PartId
from erfakit.texts import label, text
from erfakit.ui.fields import styled

CURRENT = "erfakit-nav-current"


class Navigation:
    """The navigation bar and the part boxes it switches between."""

    def __init__(self, lang: str, *, on_show: Callable[[PartId], None]) -> None:
        self.on_show = on_show
        self.current = PartId.VELKOMMEN
        self.boxes: dict[PartId, widgets.VBox] = {
            part: styled(
                widgets.VBox(layout=widgets.Layout(width="100%")),
                "erfakit-part",
                f"erfakit-part-{part.value}",
                "erfakit-root",
            )
            for part in PartId
        }
        self.buttons: dict[PartId, widgets.Button] = {}
        for part in PartId:
            button = styled(
                widgets.Button(
                    description=text(f"meeting.nav.{part.value}", lang),
                    layout=widgets.Layout(width="auto"),
                ),
                "erfakit-nav-button",
                f"erfakit-nav-{part.value}",
            )
            button.on_click(lambda _button, part=part: self.go(part))
            self.buttons[part] = button
        self.widget = styled(
            widgets.HBox(list(self.buttons.values()), layout=widgets.Layout(flex_flow="row wrap")), "erfakit-nav"
        )
        self.lang = lang
        self.parts: tuple[PartId, ...] = ()
        self.use_parts(parts_of(MeetingKind.ERFARINGSGRUPPE4))

    def use_parts(self, parts: tuple[PartId, ...]) -> None:
        """Offer only `parts` (the meeting kind's), numbered in that order; the first becomes current."""
        self.parts = parts
        self.widget.children = [self.buttons[part] for part in parts]
        for number, part in enumerate(parts, start=1):
            # Short names keep the bar one line at 1280 px with large text; the tooltip has the full one.
            self.buttons[part].tooltip = f"{number}. {label(part, self.lang)}"
        self.current = parts[0]

    def go(self, part: PartId) -> None:
        """Show ``part``'s screen and hide the others."""
        self.current = part
        for other, box in self.boxes.items():
            box.layout.display = None if other == part else "none"
            button = self.buttons[other]
            button.button_style = "info" if other == part else ""
            if other == part:
                button.add_class(CURRENT)
            else:
                button.remove_class(CURRENT)
        self.on_show(part)
