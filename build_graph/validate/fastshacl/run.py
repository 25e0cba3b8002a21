"""What the constraint components (:mod:`.core`, :mod:`.sparql`) need of the validator that
drives them, as a Protocol: the engine hands them its validator, and they do not import the
engine, which imports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from rdflib import Graph

from build_graph.validate.fastshacl.data import ConstraintResult, DataView

_T = TypeVar("_T")


class ValidationRun(Protocol):
    """The data, the shapes graph, the queue of query jobs and the results of one
    validation."""

    data: DataView
    g: Graph
    results: list[ConstraintResult]

    def later(self, job: Callable[[], _T], then: Callable[[_T], None]) -> None:
        """Run ``job`` (a query) when the validator chooses; ``then`` gets its outcome."""
        ...
