"""The JavaScript and CSS of erfakit's widgets, read from the files beside this module.

Each widget's module is ``shared.js`` (the page-wide state the widgets share) followed by its own
file, so no bundler is needed. Read once, when a widget class is first defined.
"""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def asset(name: str) -> str:
    """The text of the file ``name`` beside this module."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def module(name: str) -> str:
    """The ES module of a widget: the shared part, then the widget's own file."""
    return asset("shared.js") + "\n" + asset(name)


def stylesheet() -> str:
    """The CSS of all of erfakit's widgets."""
    return asset("widgets.css")
