"""The report's charts as inline-PNG HTML, cached, and drawn in parallel for the command line.

The composition comparison is computed once per composition (`report_comparison`): the report's
composition tables and its charts, also those drawn in worker processes, show that one object.

Drawing is the report's dearest step (~0.2 s a chart, seven charts for the demo). Two things make
it cheap where it matters:

* A cache keyed by the chart's data: the "Eksportér rapport" button re-exports in the same kernel,
  and the composition does not change during a meeting.
* `start_chart_workers`: `erfakit report` forks two worker processes that draw the charts while the
  main process imports nbconvert and renders the text sections (`benchmarks/report.py` measures
  what this saves). Only where ``fork`` is the safe default (Linux) and never inside a kernel (its
  threads make forking unsafe); elsewhere charts are drawn in-process.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from erfakit.core.composition import CompositionComparison, compare_composition
from erfakit.core.model import Composition, Partner, Session
from erfakit.exceptions import ErfakitError
from erfakit.report.html import figure_html
from erfakit.texts import text

REPORT_CHART_WIDTH = 9.5
"""Inches. The composition charts are drawn 13 in wide for the projector; the report narrows them."""

_CACHE: dict[tuple[str, ...], str] = {}
_CACHE_LIMIT = 64
_DRAW_LOCK = threading.Lock()
"""One chart drawn at a time in this process: the report warm-up's thread and an export in the
kernel's main thread would otherwise draw the same chart twice at once (matplotlib is not made for
two threads drawing together); the second finds the first one's chart in the cache."""


_COMPARISON: dict[str, CompositionComparison] = {}


def report_comparison(composition: Composition) -> CompositionComparison:
    """`compare_composition(composition)`, computed once per composition in this process."""
    key = composition.model_dump_json()
    if key not in _COMPARISON:
        _COMPARISON.clear()
        _COMPARISON[key] = compare_composition(composition)
    return _COMPARISON[key]


def comparison_key(comparison: CompositionComparison) -> str:
    """The cache key of a comparison's charts: a digest of the whole comparison (every field a chart
    may draw from, including any added later)."""
    return hashlib.sha256(pickle.dumps(comparison, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def partners_json(partners: list[Partner]) -> str:
    """The cache key of the partner network: the partners without their random ids."""
    return json.dumps([partner.model_dump(mode="json", exclude={"id"}) for partner in partners], ensure_ascii=False)


def composition_chart_html(comparison: CompositionComparison, dimension: str, lang: str) -> str:
    """One dimension's composition chart as a ``<figure>`` with an inline PNG."""
    key = ("composition", comparison_key(comparison), dimension, lang)
    return _cached(key, draw_composition_chart, (comparison, dimension, lang))


def network_chart_html(partners: list[Partner], lang: str) -> str:
    """The partner network as a ``<figure>`` with an inline PNG."""
    data = partners_json(partners)
    return _cached(("network", data, lang), draw_network_chart, (data, lang))


def _cached(key: tuple[str, ...], draw: Callable[..., str], args: tuple[object, ...]) -> str:
    with _DRAW_LOCK:
        if key not in _CACHE:
            _store(key, draw(*args))
        return _CACHE[key]


def _store(key: tuple[str, ...], chart: str) -> None:
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[key] = chart


def draw_composition_chart(comparison: CompositionComparison, dimension: str, lang: str) -> str:
    """Draw one composition chart (a picklable worker task)."""
    from erfakit.charts.composition import composition_figure

    figure = composition_figure(comparison, dimension, lang=lang)
    # Drawn for a wide screen; on A4 (17 cm of text width) a narrower figure keeps its text readable.
    width, height = figure.get_size_inches()
    if width > REPORT_CHART_WIDTH:
        figure.set_size_inches(REPORT_CHART_WIDTH, height)
    return figure_html(figure, text("report.o1.chart_alt", lang, dimension=dimension))


def draw_network_chart(partners_data: str, lang: str) -> str:
    """Draw the partner network from the partners' JSON (a picklable worker task)."""
    from matplotlib.figure import Figure

    from erfakit.charts.partners import partner_network_size, plot_partner_network

    partners = [Partner.model_validate(item) for item in json.loads(partners_data)]
    # Drawn at its own size: the lines end at the function boxes only at the width it was laid out for.
    figure = Figure(figsize=partner_network_size(partners), layout="constrained")
    plot_partner_network(figure.add_subplot(), partners, lang=lang)
    return figure_html(figure, text("report.o2.network_alt", lang))


ChartTask = tuple[tuple[str, ...], Callable[..., str], tuple[object, ...]]
"""A chart the report draws: its cache key, the drawing function and that function's arguments."""


def chart_tasks(session: Session, lang: str) -> list[ChartTask]:
    """Every chart the report of `session` draws."""
    tasks: list[ChartTask] = []
    if session.composition is not None and session.composition.rows:
        try:
            comparison = report_comparison(session.composition)
        except ErfakitError:
            comparison = None  # the composition section says what is wrong; there is nothing to draw
        if comparison is not None:
            key = comparison_key(comparison)
            tasks += [
                (("composition", key, dimension, lang), draw_composition_chart, (comparison, dimension, lang))
                for dimension in comparison.dimension_names
            ]
    if session.partners:
        data = partners_json(session.partners)
        tasks.append((("network", data, lang), draw_network_chart, (data, lang)))
    return tasks


def draw_into_cache(task: ChartTask) -> None:
    """Draw one of `chart_tasks` in this process, unless its chart is cached already."""
    _cached(*task)


def start_chart_workers(session: Session, lang: str, *, workers: int | None = None) -> Callable[[], None] | None:
    """Start drawing `session`'s charts in forked processes; call the result to wait and cache them.

    `workers` defaults to $ERFAKIT_REPORT_WORKERS, else 2 on a machine with several cores; 0 draws
    everything in-process. Returns a no-op when forking is not safe here (not Linux, or threads are
    running, e.g. in a kernel): the charts are then drawn in-process when the sections ask for them.
    Returns None when no worker was started.

    The chart modules (matplotlib) are imported and the composition compared here before forking,
    so the workers inherit them instead of each importing and comparing again: the parallel run
    costs no more CPU than a serial one.
    """
    if workers is None:
        setting = os.environ.get("ERFAKIT_REPORT_WORKERS", "")
        workers = int(setting) if setting.isdigit() else (2 if (os.cpu_count() or 1) > 1 else 0)
    if workers < 1 or sys.platform != "linux" or threading.active_count() > 1:
        return None
    import erfakit.charts.composition
    import erfakit.charts.partners  # noqa: F401 - imported for the forked workers to inherit

    tasks = [task for task in chart_tasks(session, lang) if task[0] not in _CACHE]
    if not tasks:
        return None
    pool = ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=multiprocessing.get_context("fork"))
    futures: list[tuple[tuple[str, ...], Future[str]]] = [(key, pool.submit(draw, *args)) for key, draw, args in tasks]

    def finish() -> None:
        try:
            for key, future in futures:
                try:
                    _store(key, future.result())
                except Exception:  # noqa: BLE001 - a failed worker is redrawn in-process, with its real error
                    continue
        finally:
            pool.shutdown(wait=True)

    return finish
