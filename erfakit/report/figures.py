"""The report's charts as inline-PNG HTML, cached, and drawn in parallel for the command line.

Drawing is the report's dearest step (~0.2 s a chart, seven charts for the demo). Two things make
it cheap where it matters:

* A cache keyed by the chart's data: the "Eksportér rapport" button re-exports in the same kernel,
  and the composition does not change during a meeting.
* `start_chart_workers`: `erfakit report` forks two worker processes that draw the charts while the
  main process imports nbconvert and renders the text sections. Only where ``fork`` is the safe
  default (Linux) and never inside a kernel (its threads make forking unsafe); elsewhere charts are
  drawn in-process.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from erfakit.core.model import Composition, Partner, Session
from erfakit.report.html import figure_html
from erfakit.texts import text

REPORT_CHART_WIDTH = 9.5
"""Inches. The composition charts are drawn 13 in wide for the projector; the report narrows them."""

_CACHE: dict[tuple[str, ...], str] = {}
_CACHE_LIMIT = 64


def composition_json(composition: Composition) -> str:
    """The cache key of a composition's charts."""
    return composition.model_dump_json()


def partners_json(partners: list[Partner]) -> str:
    """The cache key of the partner network: the partners without their random ids."""
    return json.dumps([partner.model_dump(mode="json", exclude={"id"}) for partner in partners], ensure_ascii=False)


def composition_chart_html(composition: Composition, dimension: str, lang: str) -> str:
    """One dimension's composition chart as a ``<figure>`` with an inline PNG."""
    return _cached(("composition", composition_json(composition), dimension, lang), draw_composition_chart)


def network_chart_html(partners: list[Partner], lang: str) -> str:
    """The partner network as a ``<figure>`` with an inline PNG."""
    return _cached(("network", partners_json(partners), lang), draw_network_chart)


def _cached(key: tuple[str, ...], draw: Callable[..., str]) -> str:
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = draw(*key[1:])
    return _CACHE[key]


def draw_composition_chart(composition_data: str, dimension: str, lang: str) -> str:
    """Draw one composition chart from the composition's JSON (a picklable worker task)."""
    from erfakit.charts.composition import composition_figure

    comparison = _comparison(composition_data)
    figure = composition_figure(comparison, dimension, lang=lang)
    # Drawn for a wide screen; on A4 (17 cm of text width) a narrower figure keeps its text readable.
    width, height = figure.get_size_inches()
    if width > REPORT_CHART_WIDTH:
        figure.set_size_inches(REPORT_CHART_WIDTH, height)
    return figure_html(figure, text("report.o1.chart_alt", lang, dimension=dimension))


_COMPARISONS: dict[str, Any] = {}


def _comparison(composition_data: str):
    # One comparison per composition, shared by its dimensions' charts within a process.
    from erfakit.core.composition import compare_composition

    if composition_data not in _COMPARISONS:
        _COMPARISONS.clear()
        _COMPARISONS[composition_data] = compare_composition(Composition.model_validate_json(composition_data))
    return _COMPARISONS[composition_data]


def draw_network_chart(partners_data: str, lang: str) -> str:
    """Draw the partner network from the partners' JSON (a picklable worker task)."""
    from matplotlib.figure import Figure

    from erfakit.charts.partners import partner_network_size, plot_partner_network

    partners = [Partner.model_validate(item) for item in json.loads(partners_data)]
    # Drawn at its own size: the lines end at the function boxes only at the width it was laid out for.
    figure = Figure(figsize=partner_network_size(partners), layout="constrained")
    plot_partner_network(figure.add_subplot(), partners, lang=lang)
    return figure_html(figure, text("report.o2.network_alt", lang))


def chart_tasks(session: Session, lang: str, dimensions: list[str]) -> list[tuple[tuple[str, ...], Callable[..., str]]]:
    """Every chart the report of `session` draws: ``(cache key, drawing function)``."""
    tasks: list[tuple[tuple[str, ...], Callable[..., str]]] = []
    if session.composition is not None and session.composition.rows:
        data = composition_json(session.composition)
        tasks += [(("composition", data, dimension, lang), draw_composition_chart) for dimension in dimensions]
    if session.partners:
        tasks.append((("network", partners_json(session.partners), lang), draw_network_chart))
    return tasks


def start_chart_workers(session: Session, lang: str, *, workers: int | None = None) -> Callable[[], None] | None:
    """Start drawing `session`'s charts in forked processes; call the result to wait and cache them.

    `workers` defaults to $ERFAKIT_REPORT_WORKERS, else 2 on a machine with several cores; 0 draws
    everything in-process. Returns a no-op when forking is not safe here (not Linux, or threads are
    running, e.g. in a kernel): the charts are then drawn in-process when the sections ask for them.
    Returns None when no worker was started.

    The chart modules (matplotlib, pandas) are imported here before forking, so the workers inherit
    them instead of each importing them again: the parallel run costs no more CPU than a serial one.
    """
    import threading

    if workers is None:
        setting = os.environ.get("ERFAKIT_REPORT_WORKERS", "")
        workers = int(setting) if setting.isdigit() else (2 if (os.cpu_count() or 1) > 1 else 0)
    if workers < 1 or sys.platform != "linux" or threading.active_count() > 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import erfakit.charts.composition
    import erfakit.charts.partners
    import erfakit.core.composition  # noqa: F401 - imported for the forked workers to inherit

    # The dimensions come from the composition rows (the comparison keeps their order), so the
    # workers can start before pandas is imported here.
    dimensions = list(dict.fromkeys(row.dimension for row in session.composition.rows)) if session.composition else []
    tasks = [task for task in chart_tasks(session, lang, dimensions) if task[0] not in _CACHE]
    if not tasks:
        return None
    pool = ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=multiprocessing.get_context("fork"))
    futures: list[tuple[tuple[str, ...], Future[str]]] = [(key, pool.submit(draw, *key[1:])) for key, draw in tasks]

    def finish() -> None:
        try:
            for key, future in futures:
                try:
                    _CACHE[key] = future.result()
                except Exception:  # noqa: BLE001 - a failed worker is redrawn in-process, with its real error
                    continue
        finally:
            pool.shutdown(wait=True)

    return finish
