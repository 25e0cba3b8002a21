"""Shared fixtures: the bundled document, its lines, and a loaded registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_graph.agencies import Registry, Resolver
from build_graph.decoding import read_lines
from build_graph.reader import read_plan

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "haiphong-2894-QD-UBND-2017.txt"


@pytest.fixture(scope="session")
def source_path() -> Path:
    return SOURCE


@pytest.fixture(scope="session")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="session")
def resolver(registry: Registry) -> Resolver:
    return Resolver(registry)


@pytest.fixture(scope="session")
def plan(resolver: Resolver):
    return read_plan(SOURCE, resolver=resolver)


@pytest.fixture(scope="session")
def source_lines():
    return read_lines(SOURCE)


@pytest.fixture(scope="session")
def triples() -> set[tuple]:
    """The bundled plan's graph as rdflib-term triples (SPARQL and endpoint tests)."""
    from build_graph.engines import bundled_triples

    return bundled_triples()


@pytest.fixture(scope="session")
def graph_file(tmp_path_factory, triples) -> Path:
    from build_graph.ntriples import serialize

    path = tmp_path_factory.mktemp("graph") / "graph.nt"
    path.write_text(serialize(triples), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def embedded(triples):
    from build_graph.engines import OxigraphEngine

    return OxigraphEngine(triples)
