"""Every chart draws user text as text: matplotlib's mathtext is off while a chart is built.

Partner names, categories and dimensions come from people and files; with mathtext on, a name such
as ``$\\sqrt{$`` or "Lejer$foreningen og $5" is parsed as a formula and either looks wrong or stops
the whole report. matplotlib reads ``text.parse_math`` when a text object is made, so building a
chart inside `plain_text` is enough: its titles, labels, tick labels and legend keep the setting
when the figure is drawn later.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import matplotlib

P = ParamSpec("P")
R = TypeVar("R")

PLAIN_TEXT: Any = {"text.parse_math": False, "text.usetex": False}


def plain_text(chart: Callable[P, R]) -> Callable[P, R]:
    """Decorate a chart function so that every text it makes is shown literally (no ``$…$`` maths)."""

    @functools.wraps(chart)
    def build(*args: P.args, **kwargs: P.kwargs) -> R:
        with matplotlib.rc_context(PLAIN_TEXT):
            return chart(*args, **kwargs)

    return build
