"""SHACL shapes: a good graph conforms; each mutation yields exactly its expected results."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from build_graph.validate.fastshacl.engine import validate_fast
from build_graph.validate.fastshacl.store import load_validation_store
from build_graph.validate.pyshacl_reference import validate_pyshacl
from build_graph.validate.result import load_shapes

from ..fixtures.shapes.mutations import MUTATIONS, PREFIXES

FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"
# Both engines must give exactly the expected results: pyshacl (the reference) and the fast
# whole-graph SPARQL path on pyoxigraph that `sdgkg build` uses by default.
ENGINES = {
    "pyshacl": validate_pyshacl,
    "fast": lambda graph, shapes: validate_fast(load_validation_store(graph), shapes),
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def good_graph() -> Graph:
    return Graph().parse(FIXTURES / "good.ttl", format="turtle")


def parent_shape(shapes: Graph, shape) -> str:
    """The node shape a result comes from (property shapes are blank nodes)."""
    if isinstance(shape, URIRef):
        return str(shape)
    parent = shapes.value(predicate=SH.property, object=shape)
    return str(parent)


def result_keys(result, shapes: Graph) -> Counter:
    keys = Counter()
    for f in result.findings:
        path = str(f.path) if isinstance(f.path, URIRef) else None
        severity = str(f.severity).rsplit("#", 1)[-1]
        keys[(str(f.focus), path, severity, parent_shape(shapes, f.shape))] += 1
    return keys


@pytest.mark.parametrize("engine", ENGINES)
def test_good_graph_conforms_with_no_result_at_all(engine, shapes):
    result = ENGINES[engine](good_graph(), shapes)
    assert result.conforms
    assert result.findings == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "update", "expected"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_yields_exactly_the_expected_results(name, update, expected, engine, shapes):
    graph = good_graph()
    graph.update(PREFIXES + update)
    result = ENGINES[engine](graph, shapes)
    expected_keys = Counter(expected)
    if name == "target declared by two appendices with different leads":
        expected_keys = Counter({next(iter(expected)): 2})
    assert result_keys(result, shapes) == expected_keys
    assert result.conforms == all(severity != "Violation" for _, _, severity, _ in expected)


def test_every_shape_has_a_message_and_a_deliberate_severity(shapes):
    for shape in set(shapes.subjects(SH.property, None)) | set(shapes.subjects(SH.sparql, None)):
        for prop in shapes.objects(shape, SH.property):
            assert shapes.value(prop, SH.message) is not None, prop
            assert shapes.value(prop, SH.severity) is not None, prop
        for constraint in shapes.objects(shape, SH.sparql):
            assert shapes.value(constraint, SH.message) is not None, shape
            assert shapes.value(shape, SH.severity) is not None, shape


def test_every_shape_is_exercised_by_a_mutation(shapes):
    node_shapes = {str(s) for s in shapes.subjects(SH.targetClass, None)}
    node_shapes |= {str(s) for s in shapes.subjects(SH.target, None)}
    node_shapes |= {str(s) for s in shapes.subjects(SH.targetObjectsOf, None)}
    node_shapes |= {str(s) for s in shapes.subjects(SH.targetSubjectsOf, None)}
    exercised = {shape for _, _, expected in MUTATIONS for (_, _, _, shape) in expected}
    missing = node_shapes - exercised - {"https://w3id.org/sdgkg/shapes#InheritedAssignmentShape"}
    assert missing == set()
