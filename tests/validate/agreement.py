"""Both engines on the same data and shapes, compared result by result: focus node, path,
value, severity, constraint component, messages and source shape (both engines see the same
shapes graph, and pyshacl keeps the blank-node ids of property shapes in its report)."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SH

from build_graph.validate.fastshacl.engine import validate_fast
from build_graph.validate.pyshacl_reference import validate_pyshacl

PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""
EX = Namespace("http://example.org/")


def result_keys(report: Graph, shapes: Graph) -> Counter:
    """The results of a report, engine-independent: a complex path only as "complex", the
    source shape also as the IRIs of the node shapes holding it (sh:property)."""
    keys: Counter = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        path = report.value(result, SH.resultPath)
        parents = tuple(sorted(str(p) for p in shapes.subjects(SH.property, shape)))
        keys[
            (
                report.value(result, SH.focusNode),
                path if isinstance(path, URIRef) else ("complex" if path is not None else None),
                report.value(result, SH.value),
                report.value(result, SH.resultSeverity),
                report.value(result, SH.sourceConstraintComponent),
                frozenset(
                    (str(m), getattr(m, "language", None))
                    for m in report.objects(result, SH.resultMessage)
                ),
                parents or str(shape),
                shape,
            )
        ] += 1
    return keys


def conforms(report: Graph) -> bool:
    root = next(report.subjects(RDF.type, SH.ValidationReport))
    return bool(report.value(root, SH.conforms).value)


def agree(data: Graph, shapes: Graph, **options) -> Counter:
    """Run both engines, assert the same results; return them."""
    reference = validate_pyshacl(data, shapes, **options)
    fast = validate_fast(data, shapes, **options)
    expected, found = result_keys(reference.report, shapes), result_keys(fast.report, shapes)
    missing, extra = expected - found, found - expected
    assert not missing and not extra, (
        "only pyshacl:\n  "
        + "\n  ".join(map(str, missing))
        + "\nonly fast:\n  "
        + "\n  ".join(map(str, extra))
    )
    assert fast.conforms == reference.conforms
    assert conforms(fast.report) == conforms(reference.report)
    assert len(fast.findings) == len(reference.findings)
    return found


def top_level_results(report: Graph) -> set[tuple]:
    """The report's results (sh:result, not the details under sh:detail) as (focus node,
    path, component, severity, value): how DCAT-AP results are compared across engines."""
    found = set()
    for root in report.subjects(RDF.type, SH.ValidationReport):
        for result in report.objects(root, SH.result):
            found.add(
                tuple(
                    report.value(result, p)
                    for p in (
                        SH.focusNode,
                        SH.resultPath,
                        SH.sourceConstraintComponent,
                        SH.resultSeverity,
                        SH.value,
                    )
                )
            )
    return found
