"""Jobs run by worker processes forked from this one, which inherit what the jobs read.

The report's analysis and figures read ~1 GB of rows and networks at 63 plans. Sending that
to spawned workers would pickle all of it; forked workers inherit it, and only each job's item
goes out and its result comes back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_INHERITED: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


def _call(item: Any) -> Any:
    assert _INHERITED is not None
    function, arguments = _INHERITED
    return function(item, *arguments)


def fork_jobs(
    function: Callable[..., Any], arguments: tuple[Any, ...], items: Iterable[Any], workers: int
) -> tuple[ProcessPoolExecutor, list[Future[Any]]] | None:
    """``function(item, *arguments)`` for every item, in ``workers`` forked processes that
    inherit ``function`` and ``arguments``; the pool (for the caller to shut down) and the
    futures in the items' order. None where forking is not available: the caller runs the
    jobs itself."""
    global _INHERITED
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    _INHERITED = (function, arguments)
    try:  # a "fork" pool forks all its workers at the first submit, inheriting _INHERITED
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        return pool, [pool.submit(_call, item) for item in items]
    finally:
        _INHERITED = None
