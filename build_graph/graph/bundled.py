"""The bundled Hải Phòng plan, read and built in memory: the default of every command that is
given no source or graph file, and a fixture for tests and notebooks."""

from __future__ import annotations

from build_graph.graph.builder import GraphBuilder
from build_graph.model.agencies import Registry
from build_graph.model.plan import Plan
from build_graph.read.partners import Resolver
from build_graph.read.reader import read_plan
from build_graph.resources import default_source


def bundled_plan() -> tuple[Plan, Registry]:
    """The bundled plan, extracted, with the registry it was resolved against."""
    registry = Registry.load()
    return read_plan(default_source(), resolver=Resolver(registry)), registry


def bundled_ntriples() -> bytes:
    """The graph of the bundled plan as canonical N-Triples (sorted lines), for a store."""
    plan, registry = bundled_plan()
    return b"".join(sorted(GraphBuilder(plan, registry).build_lines()))


def bundled_triples() -> set[tuple]:
    """The graph of the bundled plan as rdflib-term triples (no file needed)."""
    plan, registry = bundled_plan()
    return GraphBuilder(plan, registry).build_triples()
