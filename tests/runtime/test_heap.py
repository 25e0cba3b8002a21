"""build_graph.runtime.heap: no automatic full collections inside a run, the thresholds restored
after
it, and cycles that die young still collected."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

import pytest

from build_graph.pipeline.build import run_build
from build_graph.runtime import heap


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_full_collections_wait_inside_and_thresholds_come_back() -> None:
    before = gc.get_threshold()
    with heap.few_full_collections():
        assert gc.get_threshold() == (before[0], before[1], heap.NEVER)
        with heap.few_full_collections():  # nested: the inner run leaves the outer one's setting
            pass
        assert gc.get_threshold()[2] == heap.NEVER
    assert gc.get_threshold() == before


def test_an_exception_restores_the_thresholds() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), heap.few_full_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def test_overlapping_runs_in_threads_restore_once_the_last_one_leaves() -> None:
    before = gc.get_threshold()
    inside, leave = threading.Event(), threading.Event()

    def other_run() -> None:
        with heap.few_full_collections():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other_run)
    with heap.few_full_collections():
        thread.start()
        inside.wait(10)
    assert gc.get_threshold()[2] == heap.NEVER  # the thread's run still goes on
    leave.set()
    thread.join()
    assert gc.get_threshold() == before


def test_cycles_that_die_young_are_still_collected_inside() -> None:
    """Without any explicit gc.collect(): the young collections run as usual."""
    gc.collect()
    freed: list[int] = []
    with heap.few_full_collections():
        for number in range(5000):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle: reference counting alone never frees it
            weakref.finalize(a, freed.append, number)
            del a, b
    assert len(freed) > 4000, len(freed)


def test_a_build_leaves_the_thresholds_as_it_found_them(tmp_path: Path, source_path: Path) -> None:
    before = gc.get_threshold()
    result = run_build([source_path], tmp_path / "out")
    assert result.triples > 0
    assert gc.get_threshold() == before
