"""Binding a shipped notebook to one meeting: the papermill `parameters` convention, without papermill.

The shipped notebooks start with a code cell tagged ``parameters``. To open a notebook on a given
meeting file we replace that cell's source with the given values (papermill would inject a second
cell; the tovholder is better served by one cell that says which file is open).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from erfakit.io.atomic import write_bytes_atomic

PARAMETERS_TAG = "parameters"


def parameterize_notebook(template: str | Path, params: dict[str, Any]) -> nbformat.NotebookNode:
    """The notebook at ``template`` with its ``parameters`` cell set to ``params``.

    Values are written as Python literals (``repr``), one assignment per line, in the order given.
    Raises ``ValueError`` when the notebook has no cell tagged ``parameters``.
    """
    notebook = nbformat.read(str(template), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            cell.source = render_parameters(params)
            return notebook
    raise ValueError(f"{template} has no cell tagged {PARAMETERS_TAG!r}")


def render_parameters(params: dict[str, Any]) -> str:
    """The source of a parameters cell: ``name = value`` lines."""
    return "\n".join(f"{name} = {_literal(value)}" for name, value in params.items())


def write_notebook(notebook: nbformat.NotebookNode, path: str | Path, *, lang: str = "da") -> Path:
    """Write ``notebook`` to ``path`` atomically (creating its folder) and return the path.

    Raises `FileWriteError` in ``lang`` when the folder refuses (read-only, full, someone else's).
    """
    content = nbformat.writes(notebook)
    if not content.endswith("\n"):
        content += "\n"
    return write_bytes_atomic(content.encode("utf-8"), Path(path), lang=lang)


def _literal(value: Any) -> str:
    if isinstance(value, Path):
        value = str(value)
    return repr(value)
