"""Figures as PNG images in the forms.

A matplotlib figure displayed into an `Output` widget depends on the notebook's backend and shows
twice unless closed; a PNG in an `Image` widget looks the same in JupyterLab, Voilà and a test.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import ipywidgets as widgets

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PNG_DPI = 110


def figure_png(figure: Figure, *, dpi: int = PNG_DPI) -> bytes:
    """The figure as PNG bytes; the figure is closed afterwards (no second copy, no leak)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        plt.close(figure)
    return buffer.getvalue()


def figure_image(figure: Figure, *, css: str = "") -> widgets.Image:
    """An `Image` widget showing the figure, as wide as the form allows."""
    image = widgets.Image(
        value=figure_png(figure), format="png", layout=widgets.Layout(max_width="100%", height="auto")
    )
    if css:
        image.add_class(css)
    return image
