"""The package's layers, read from its import statements: no circles, no import the wrong way.

Imports under ``if TYPE_CHECKING:`` are left out: they are annotations, never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "erfakit"

FORBIDDEN = {
    # core is pure: it never reaches out to files, widgets, the report or the command line.
    "erfakit.core": ("erfakit.io", "erfakit.ui", "erfakit.report", "erfakit.charts", "erfakit.cli", "erfakit.handouts"),
    # io reads and writes files; it never shows anything.
    "erfakit.io": ("erfakit.ui", "erfakit.report", "erfakit.charts", "erfakit.cli", "erfakit.handouts"),
    # charts draw on an axes they are given.
    "erfakit.charts": ("erfakit.io", "erfakit.ui", "erfakit.report", "erfakit.cli", "erfakit.handouts"),
    # the report is built from the meeting file, never from widgets.
    "erfakit.report": ("erfakit.ui", "erfakit.cli"),
    # the forms never call the command line.
    "erfakit.ui": ("erfakit.cli",),
}


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def import_graph() -> dict[str, set[str]]:
    """Module → the erfakit modules it imports (at the top or inside functions)."""
    modules = module_names()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        annotations_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for inner in ast.walk(node)
        }
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in annotations_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    kept = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*kept, base] if base else kept)
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and target.startswith("erfakit"):
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_circle():
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_layer_imports_a_layer_above_it():
    wrong_way = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        for layer, forbidden in FORBIDDEN.items()
        if module == layer or module.startswith(layer + ".")
        for target in targets
        if target.startswith(forbidden)
    ]
    assert wrong_way == []


def test_the_graph_sees_imports_at_the_top_and_inside_functions():
    graph = import_graph()
    assert "erfakit.io.atomic" in graph["erfakit.io.meeting_file.lock"]  # at the top
    assert "erfakit.handouts" in graph["erfakit.cli.report"]  # inside a function
