"""The shapes graph, read once: node and property shapes with their targets, paths, severities,
messages and parameters, and the components the engine supports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Identifier, Node


class ShapesGraphError(ValueError):
    """The shapes graph is ill-formed, or a SPARQL query in it is one SHACL forbids or one that
    does not parse: a failure of the validation, reported in the shapes' terms."""


def _sh(names: str) -> frozenset[URIRef]:
    return frozenset(SH[name] for name in names.split())


# The constraint parameters pyshacl knows (it ignores any other predicate of a shape).
PYSHACL_PARAMETERS = _sh(
    "and class closed datatype disjoint equals hasValue ignoredProperties in languageIn "
    "lessThan lessThanOrEquals maxCount maxExclusive maxInclusive maxLength minCount "
    "minExclusive minInclusive minLength node nodeKind not or pattern property "
    "qualifiedMaxCount qualifiedMinCount qualifiedValueShape qualifiedValueShapesDisjoint "
    "sparql uniqueLang xone expression"
)


# What the engine compiles: every SHACL Core parameter and sh:sparql (sh:flags goes with
# sh:pattern, sh:ignoredProperties with sh:closed). Of pyshacl's, only sh:expression (SHACL
# Advanced Features) is left out.
SUPPORTED = _sh(
    "class datatype nodeKind minCount maxCount pattern minLength maxLength languageIn "
    "uniqueLang in hasValue or and not xone minInclusive minExclusive maxInclusive "
    "maxExclusive qualifiedValueShape qualifiedMinCount qualifiedMaxCount "
    "qualifiedValueShapesDisjoint property sparql node closed ignoredProperties equals "
    "disjoint lessThan lessThanOrEquals"
)

# The parameters that hold shapes: what a shape's validation may lead to.
SHAPE_PARAMETERS = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
LIST_OF_SHAPES_PARAMETERS = (SH["and"], SH["or"], SH.xone)


def is_true(value: Node | None) -> bool:
    """A boolean parameter is on when it is ``true`` as the spec writes it: the literal
    "true"^^xsd:boolean (pyshacl also takes "1", which the W3C test uniqueLang-002 refuses;
    rdflib's == would too, as it compares values)."""
    return isinstance(value, Literal) and value.datatype == XSD.boolean and str(value) == "true"


# sh:minInclusive etc.: the comparison pyshacl makes of a value with the bound
RANGES = {
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, ">="),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, ">"),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, "<="),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, "<"),
}


@dataclass
class Shape:
    node: Node
    is_property: bool
    path: Node | None
    severity: Node
    messages: list[Node]
    deactivated: bool


def list_items(graph: Graph, head: Node) -> list[Node]:
    return list(graph.items(head))


def sorted_terms(nodes: Iterable[Node]) -> list[Identifier]:
    """The terms in rdflib's order, which decides the order of the queries and results. A
    graph's terms are IRIs, blank nodes and literals: Identifiers, the Nodes rdflib orders."""
    terms: list[Identifier] = []
    for node in nodes:
        if not isinstance(node, Identifier):
            raise TypeError(f"not an RDF term: {node!r}")
        terms.append(node)
    return sorted(terms)


_TARGETS_AND_PARENTS = (
    SH.targetClass,
    SH.targetNode,
    SH.targetObjectsOf,
    SH.targetSubjectsOf,
    SH.property,
    SH.node,
)


def _shape_nodes(graph: Graph) -> tuple[set[Node], set[Node]]:
    """The node shapes and the property shapes: declared, or implied by a target, a
    parameter that holds shapes, or a parent (a node with a sh:path is a property shape)."""
    node_shapes = set(graph.subjects(RDF.type, SH.NodeShape))
    prop_shapes = set(graph.subjects(RDF.type, SH.PropertyShape))
    for node in node_shapes:
        if graph.value(node, SH.path) is not None:
            raise ShapesGraphError(f"a sh:NodeShape cannot have a sh:path: {node}")
    subjects = {s for p in _TARGETS_AND_PARENTS for s in graph.subjects(p, None)}
    values = {o for p in SHAPE_PARAMETERS for o in graph.objects(None, p)}
    for p in LIST_OF_SHAPES_PARAMETERS:
        for head in graph.objects(None, p):
            values.update(list_items(graph, head))
    for node in subjects | values:
        if node in node_shapes or node in prop_shapes:
            continue
        paths = list(graph.objects(node, SH.path))
        if len(paths) > 1:
            raise ShapesGraphError(f"a shape has more than one sh:path: {node}")
        (prop_shapes if paths else node_shapes).add(node)
    return node_shapes, prop_shapes


def _shape(graph: Graph, node: Node, is_property: bool) -> Shape:
    paths = list(graph.objects(node, SH.path))
    if is_property and len(paths) != 1:
        raise ShapesGraphError(f"a property shape needs exactly one sh:path: {node}")
    deactivated = list(graph.objects(node, SH.deactivated))
    if len(deactivated) > 1:
        raise ShapesGraphError(f"more than one sh:deactivated on {node}")
    severities = sorted_terms(graph.objects(node, SH.severity))
    return Shape(
        node=node,
        is_property=is_property,
        path=paths[0] if is_property else None,
        severity=severities[0] if severities else SH.Violation,
        messages=list(graph.objects(node, SH.message)),
        deactivated=bool(deactivated) and is_true(deactivated[0]),
    )


class ShapesGraph:
    """The shapes of a shapes graph, found as pyshacl finds them."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self._declared: tuple[set[Node], set[Node], set[Node]] | None = None
        self._prefixes: dict[Node, dict[str, str]] = {}
        node_shapes, prop_shapes = _shape_nodes(graph)
        self.shapes: dict[Node, Shape] = {
            node: _shape(graph, node, node in prop_shapes) for node in node_shapes | prop_shapes
        }

    def references(self, node: Node) -> list[Node]:
        """The shapes a shape's validation leads to (sh:property, sh:node, the logical
        components' members, sh:qualifiedValueShape), in rdflib's order."""
        g, found = self.g, list[Node]()
        for p in SHAPE_PARAMETERS:
            found.extend(sorted_terms(g.objects(node, p)))
        for p in LIST_OF_SHAPES_PARAMETERS:
            for head in sorted_terms(g.objects(node, p)):
                found.extend(list_items(g, head))
        return found

    def shape(self, node: Node) -> Shape:
        found = self.shapes.get(node)
        if found is None:
            raise ShapesGraphError(f"not a shape: {node}")
        return found

    def prefixes(self, node: Node) -> dict[str, str]:
        """The prefixes of a SPARQL target or constraint, collected as pyshacl does (once per
        node)."""
        found = self._prefixes.get(node)
        if found is None:
            found = self._prefixes[node] = self._collect_prefixes(node)
        return dict(found)

    def _collect_prefixes(self, node: Node) -> dict[str, str]:
        g = self.g
        prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
        holders = list(g.objects(node, SH.prefixes))
        if not holders:
            return prefixes
        graph_declares, global_declares, ontologies = self._declares()
        for holder in holders:
            own = set(g.objects(holder, SH.declare))
            declares = (
                own | graph_declares if own and holder in ontologies else global_declares | own
            )
            for dec in declares:
                prefix = g.value(dec, SH.prefix)
                namespace = g.value(dec, SH.namespace)
                if prefix is None or namespace is None:
                    raise ShapesGraphError(
                        f"sh:declare of {holder} needs one sh:prefix and one sh:namespace"
                    )
                prefixes[str(prefix)] = str(namespace)
        return prefixes

    def _declares(self) -> tuple[set[Node], set[Node], set[Node]]:
        """The graph's own sh:declare, those of every ontology with them, and the ontologies
        (collected once)."""
        if self._declared is None:
            g = self.g
            graph_declares = set(g.objects(g.identifier, SH.declare)) if g.identifier else set()
            ontologies = set(g.subjects(RDF.type, OWL.Ontology))
            global_declares = set(graph_declares)
            for ont in ontologies:
                global_declares.update(g.objects(ont, SH.declare))
            self._declared = (graph_declares, global_declares, ontologies)
        return self._declared

    def one(self, shape: Shape, predicate: URIRef) -> Node:
        values = list(self.g.objects(shape.node, predicate))
        if len(values) != 1:
            raise ShapesGraphError(f"{shape.node} needs exactly one {predicate.n3()}")
        return values[0]

    def integer(self, shape: Shape, predicate: URIRef) -> int:
        value = self.one(shape, predicate)
        if not (isinstance(value, Literal) and isinstance(value.value, int)):
            raise ShapesGraphError(f"{predicate.n3()} of {shape.node} must be an integer")
        return int(value.value)

    def has_targets(self, shape: Shape) -> bool:
        g = self.g
        return (
            any(
                next(g.objects(shape.node, p), None) is not None
                for p in (
                    SH.targetClass,
                    SH.targetNode,
                    SH.targetObjectsOf,
                    SH.targetSubjectsOf,
                    SH.target,
                )
            )
            or self.implicit_class(shape) is not None
        )

    def implicit_class(self, shape: Shape) -> URIRef | None:
        """The shape itself, if it is also a class: it then targets its instances (pyshacl
        adds owl:Class as a subclass of rdfs:Class to every shapes graph)."""
        node = shape.node
        if not isinstance(node, URIRef):
            return None
        classes = set(self.g.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class, OWL.Class}
        return node if any(t in classes for t in self.g.objects(node, RDF.type)) else None

    def sparql_path(self, path: Node, inverse: bool = False, depth: int = 0) -> str:
        """A SHACL path as a SPARQL path, with pyshacl's semantics (an inverse applies to each
        step of a sequence in order, as pyshacl's value_nodes_from_path does)."""
        g = self.g
        if depth > 10:
            raise ShapesGraphError("path too deep")
        if isinstance(path, URIRef):
            return f"^<{path}>" if inverse else f"<{path}>"
        if not isinstance(path, BNode):
            raise ShapesGraphError(f"not a SHACL path: {path!r}")
        if g.value(path, RDF.first) is not None:
            steps = list_items(g, path)
            if len(steps) < 2 and depth == 0:
                raise ShapesGraphError("a sequence path needs at least two steps")
            return "(" + "/".join(self.sparql_path(s, inverse, depth + 1) for s in steps) + ")"
        inner = g.value(path, SH.inversePath)
        if inner is not None:
            return self.sparql_path(inner, not inverse, depth + 1)
        inner = g.value(path, SH.alternativePath)
        if inner is not None:
            alternatives = list_items(g, inner)
            if len(alternatives) < 2:
                raise ShapesGraphError("an alternative path needs at least two paths")
            return (
                "(" + "|".join(self.sparql_path(a, inverse, depth + 1) for a in alternatives) + ")"
            )
        for predicate, suffix in (
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = g.value(path, predicate)
            if inner is not None:
                return f"({self.sparql_path(inner, inverse, depth + 1)}){suffix}"
        raise ShapesGraphError(f"not a SHACL path: {path}")

    def path_iris(self, path: Node, depth: int = 0) -> set[str]:
        """The predicates a path uses (to choose the view a query needs)."""
        if isinstance(path, URIRef):
            return {str(path)}
        if not isinstance(path, BNode) or depth > 10:
            return set()
        found: set[str] = set()
        for _, o in self.g.predicate_objects(path):
            found |= self.path_iris(o, depth + 1)
        return found

    def scan_safe(self, path: Node) -> bool:
        """True if the path cannot match zero steps: it can then be evaluated from both ends
        unbound (a scan), and joined with the focus nodes afterwards."""
        g = self.g
        if isinstance(path, URIRef):
            return True
        if g.value(path, RDF.first) is not None:
            return all(self.scan_safe(s) for s in list_items(g, path))
        if (inner := g.value(path, SH.inversePath)) is not None:
            return self.scan_safe(inner)
        if (inner := g.value(path, SH.alternativePath)) is not None:
            return all(self.scan_safe(a) for a in list_items(g, inner))
        if (inner := g.value(path, SH.oneOrMorePath)) is not None:
            return self.scan_safe(inner)
        return False
