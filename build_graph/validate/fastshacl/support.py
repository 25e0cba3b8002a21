"""What the fast engine can run, decided from the shapes graph alone, before the data is read:
every shape a validation will evaluate (the targeted shapes and the shapes they lead to) is
checked, and anything the engine does not run raises a ``NotImplementedError`` that names it.
So a refusal never comes with part of a report, and a caller (``sdgkg build``) can fall back
to pyshacl at once.

Left out, by design: SPARQL-based custom constraint components (their queries are checked as
SHACL requires, then refused: each use would be a SPARQL constraint with its parameters
pre-bound, and an ASK validator one query per value node, a feature of its own), sh:rule and
SHACL-JS (they change the data or need a
JavaScript engine), sh:expression (SHACL Advanced Features), recursive shapes (undefined in
SHACL), ``$shapesGraph`` (optional in SHACL-SPARQL), targets other than sh:SPARQLTarget, and
blank nodes as sh:targetNode (no constant for them in a query). Two refusals depend on the data
and come while validating: blank-node focus nodes of a SPARQL target, and a blank-node focus
node for a SPARQL constraint whose subquery aggregates without GROUP BY (no partial report
either way; ``sdgkg build`` falls back to pyshacl then too)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from build_graph.validate.fastshacl.shapes import (
    PYSHACL_PARAMETERS,
    SUPPORTED,
    Shape,
    ShapesGraph,
    ShapesGraphError,
    sorted_terms,
)
from build_graph.validate.fastshacl.sparql import (
    CompiledConstraint,
    check_sparql,
    compile_constraint,
    parse_check,
)

_QUALIFIED_COUNTS = (SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint)


def check_supported(shapes: Graph, namespaces: dict[str, str] | None = None) -> None:
    """Raise NotImplementedError if the fast engine cannot run these shapes (ShapesGraphError
    if they are ill-formed); ``namespaces``: the prefixes SPARQL queries may use undeclared."""
    check_shapes(ShapesGraph(shapes), namespaces or {})


@dataclass(frozen=True)
class Plan:
    """What a validation runs: the targeted shapes, in order, and the SPARQL constraints of
    every shape it evaluates, compiled (None for a deactivated one)."""

    targeted: list[Shape]
    compiled: dict[Node, CompiledConstraint | None]


def check_shapes(shapes: ShapesGraph, namespaces: dict[str, str]) -> Plan:
    """Check every shape a validation evaluates (refusing what the engine does not run)."""
    _check_features(shapes)
    targeted = [
        s
        for s in sorted(shapes.shapes.values(), key=lambda s: str(s.node))
        if not s.deactivated and shapes.has_targets(s)
    ]
    for shape in targeted:
        _check_targets(shapes, shape, namespaces)
    compiled: dict[Node, CompiledConstraint | None] = {}
    for shape in _reachable(shapes, targeted):
        _check_parameters(shapes, shape)
        for constraint in sorted_terms(shapes.g.objects(shape.node, SH.sparql)):
            compiled[constraint] = compile_constraint(shapes, shape, constraint, namespaces)
    return Plan(targeted, compiled)


def _check_features(shapes: ShapesGraph) -> None:
    """Features of pyshacl's advanced mode that change the data or need another engine, and
    custom constraint components (their queries are checked first: an ill-formed one is the
    shapes graph's failure, as for any SPARQL constraint)."""
    g = shapes.g
    for predicate in (SH.rule, SH.js, SH.jsFunctionName):
        if next(g.subjects(predicate, None), None) is not None:
            raise NotImplementedError(f"fastshacl does not support {predicate.n3()}")
    for kind in (SH.SPARQLFunction, SH.SPARQLTargetType, SH.JSTarget, SH.SPARQLRule):
        if next(g.subjects(RDF.type, kind), None) is not None:
            raise NotImplementedError(f"fastshacl does not support {kind.n3()}")
    components = set(g.subjects(RDF.type, SH.ConstraintComponent))
    for sub in g.subjects(RDFS.subClassOf, SH.ConstraintComponent):
        components.update(g.subjects(RDF.type, sub))
    custom = sorted_terms(c for c in components if not str(c).startswith(str(SH)))
    for component in custom:
        _check_validators(g, component)
    if custom:
        raise NotImplementedError(
            "fastshacl does not run SPARQL-based custom constraint components "
            f"({', '.join(str(c) for c in custom)})"
        )


def _check_validators(g: Graph, component: Node) -> None:
    """The queries of a custom component's validators, checked as SHACL-SPARQL requires (its
    parameters, and $value in ASK validators, are pre-bound too)."""
    names = {"this", "shapesGraph", "currentShape", "value"}
    for parameter in g.objects(component, SH.parameter):
        for path in g.objects(parameter, SH.path):
            if isinstance(path, URIRef):
                names.add(path.split("#")[-1].split("/")[-1])
    for p in (SH.validator, SH.nodeValidator, SH.propertyValidator):
        for validator in g.objects(component, p):
            for query in (*g.objects(validator, SH.select), *g.objects(validator, SH.ask)):
                check_sparql(str(query), frozenset(names))


def _reachable(shapes: ShapesGraph, roots: list[Shape]) -> list[Shape]:
    """The shapes the roots lead to, each once, deactivated ones left out (they are never
    evaluated); a cycle is refused."""
    done: dict[Node, bool] = {}  # node -> finished (False: on the current path)
    order: list[Shape] = []

    def visit(shape: Shape, path: list[Node]) -> None:
        state = done.get(shape.node)
        if state is True:
            return
        if state is False:
            cycle = " -> ".join(str(n) for n in [*path[path.index(shape.node) :], shape.node])
            raise NotImplementedError(f"fastshacl does not run recursive shapes ({cycle})")
        done[shape.node] = False
        order.append(shape)
        for child in shapes.references(shape.node):
            found = shapes.shape(child)
            if not found.deactivated:
                visit(found, [*path, shape.node])
        done[shape.node] = True

    for root in roots:
        visit(root, [])
    return order


def _check_targets(shapes: ShapesGraph, shape: Shape, namespaces: dict[str, str]) -> None:
    g = shapes.g
    for node in g.objects(shape.node, SH.targetNode):
        if isinstance(node, BNode):
            raise NotImplementedError(f"fastshacl cannot target a blank node ({shape.node})")
    for target in g.objects(shape.node, SH.target):
        select = g.value(target, SH.select)
        if not isinstance(select, Literal):
            types = ", ".join(t.n3() for t in g.objects(target, RDF.type))
            raise NotImplementedError(
                f"fastshacl supports only sh:SPARQLTarget targets ({shape.node}: {types})"
            )
        prefixes = {**namespaces, **shapes.prefixes(target)}
        parse_check(str(select), prefixes, f"the sh:select of the target {target} ({shape.node})")


def _check_parameters(shapes: ShapesGraph, shape: Shape) -> None:
    g, node = shapes.g, shape.node
    params = {p for p in g.predicates(node, None) if p in PYSHACL_PARAMETERS}
    for p in sorted_terms(params - SUPPORTED - {SH.flags}):
        raise NotImplementedError(f"fastshacl does not support the {p.n3()} constraint ({node})")
    if SH.qualifiedValueShape in params and not shape.is_property:
        warnings.warn(
            f"fastshacl: sh:qualifiedValueShape of the node shape {node} is ignored "
            "(node shapes cannot have one; pyshacl ignores it too)",
            stacklevel=4,
        )
    elif SH.qualifiedValueShape not in params:
        for p in _QUALIFIED_COUNTS:
            if p in params:
                warnings.warn(
                    f"fastshacl: {p.n3()} of {node} is ignored: no sh:qualifiedValueShape",
                    stacklevel=4,
                )
    if SH.ignoredProperties in params and SH.closed not in params:
        raise ShapesGraphError(f"sh:ignoredProperties without sh:closed ({node})")
    closed = list(g.objects(node, SH.closed))
    if len(closed) > 1:
        raise ShapesGraphError(f"more than one sh:closed on {node}")
