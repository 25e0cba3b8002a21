"""A fast SHACL validator: each constraint of the shapes graph becomes one whole-graph SPARQL
query on pyoxigraph that selects only the offending focus nodes and values.

pyshacl (``build_graph.validate``) is the reference: this module gives the same results, with
the same report structure, for the constraint components in ``SUPPORTED``; any other component
raises ``NotImplementedError`` rather than being skipped. pyshacl evaluates each constraint per
focus node in Python (about 100 µs each) and SPARQL through rdflib's engine; here a constraint
costs one query over the whole graph, whatever the number of focus nodes. Where exactness needs
Python (``sh:pattern`` uses Python's ``re``, ``sh:minInclusive`` & co rdflib's comparisons),
the distinct values are checked in Python and only the failures go back into the query.

On a graph of millions of triples, the cost is in scanning predicates and joining them with
the focus nodes, so a constraint first runs a cheap probe without that join (do any values
fail at all? does any subject have two values?) and the sh:minCount 1 constraints of one set
of focus nodes share one pass; on a conforming graph most constraints stop there.

Three things matter for exactness:

* pyoxigraph stores typed literals by value: ``"0"^^xsd:positiveInteger`` comes back as
  ``"0"^^xsd:integer`` and ``"1.50"^^xsd:decimal`` as ``"1.5"``. :func:`load_store`
  (:mod:`build_graph.fastshacl_layout`) therefore keeps every typed (non-string) literal
  twice: as pyoxigraph stores it, in the default graph (the "canonical" view, where the
  SHACL-SPARQL queries run: numbers and dates compare as values, as in rdflib; the store can
  be shared with other queries), and with a stand-in datatype IRI that pyoxigraph leaves
  alone, in a named graph. The "exact" view, where the
  core constraints run and which reports literals as written, is both graphs with the default
  graph's copies filtered out (or the named graph alone for predicates with only typed
  literals).
* pyshacl's verdict on ``sh:datatype`` is rdflib's ``ill_typed`` flag, a property of the
  Python object: ``Literal(0, datatype=xsd:positiveInteger)`` built from an int is not
  ill-typed, ``"0"`` parsed from text is. The stand-in datatype records that verdict (taken
  from the objects for rdflib input, from parsing for N-Triples text).
* SHACL-SPARQL pre-binds ``$this``. A query whose shape allows it (one SELECT, no solution
  modifier or aggregate, no nested group but ``EXISTS``/``OPTIONAL`` ones) runs once, joined
  with the focus nodes; any other runs once per focus node, with ``$this`` replaced by the
  node in its text (pyoxigraph's own substitution leaves ``BIND($this AS ?x)`` unbound).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, time

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from .fastshacl_layout import (
    ALL_TYPED,
    EXACT,
    FS,
    ILL,
    LAYOUT,
    META,
    SURROGATE,
    TYPED,
    VERSION,
    XSD_STRING,
    Triple,
    drop_layout,
    load_store,
    load_store_files,
    pyshacl_accepts,
)
from .fastshacl_sparql import Sliced, memoized_filters, slice_rows, sliced
from .ntterms import lit
from .validate import Finding, ValidationResult

__all__ = ["SUPPORTED", "drop_layout", "load_store", "load_store_files", "validate_fast"]


def _sh(names: str) -> frozenset[URIRef]:
    return frozenset(SH[name] for name in names.split())


# The constraint parameters pyshacl knows (it ignores any other predicate of a shape).
_PYSHACL_PARAMETERS = _sh(
    "and class closed datatype disjoint equals hasValue ignoredProperties in languageIn "
    "lessThan lessThanOrEquals maxCount maxExclusive maxInclusive maxLength minCount "
    "minExclusive minInclusive minLength node nodeKind not or pattern property "
    "qualifiedMaxCount qualifiedMinCount qualifiedValueShape qualifiedValueShapesDisjoint "
    "sparql uniqueLang xone expression"
)
# What this module compiles (sh:flags goes with sh:pattern; sh:property is followed).
SUPPORTED = _sh(
    "class datatype nodeKind minCount maxCount pattern minLength maxLength languageIn "
    "uniqueLang in hasValue or and not xone minInclusive minExclusive maxInclusive "
    "maxExclusive qualifiedValueShape qualifiedMinCount qualifiedMaxCount "
    "qualifiedValueShapesDisjoint property sparql"
)
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
# sh:minInclusive etc.: the comparison pyshacl makes of a value with the bound
_RANGES = {
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, ">="),
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, ">"),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, "<="),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, "<"),
}
_PREFIXES = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
# Joining focus nodes with a path costs a lookup per node, about as much as scanning this
# many triples: a path with fewer subjects than that many per focus node is counted instead.
_COUNT_JOIN = 4
_TYPE_OF = (
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
    "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
)

# ------------------------------------------------------------------------------ terms


def _nt(node: Node, surrogate: bool = False) -> str:
    """An rdflib term in N-Triples (and SPARQL) syntax; typed literals in the exact view's
    form when ``surrogate`` is set. Simple literals stay simple (rdflib's datatype None)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = lit(str(node))
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is None or node.datatype == XSD.string:
            return text
        if surrogate:
            return f"{text}^^<{SURROGATE if pyshacl_accepts(node) else ILL}{node.datatype}>"
        return f"{text}^^<{node.datatype}>"
    if isinstance(node, BNode):
        raise NotImplementedError(f"a blank node ({node}) cannot be a constant of a query")
    raise TypeError(f"not an RDF term: {node!r}")


def _compare(value: Literal, bound: Literal) -> int:
    """pyshacl's compare_literal: rdflib's comparison of literal values."""
    if value.eq(bound):
        return 0
    if value.value.__class__ in (datetime, time):
        if value.value == bound.value:
            return 0
        if value.value > bound.value:
            return 1
    elif value > bound:
        return 1
    return -1


def _in_range(value: Node, bound: Node, op: str) -> bool:
    """pyshacl's test of a value node against sh:minInclusive & co (IRIs, blank nodes, and a
    string against a non-string bound or the other way round, all fail)."""
    if not isinstance(value, Literal) or not isinstance(bound, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        order = _compare(value, bound)
    except (TypeError, NotImplementedError):
        return False
    return {">": order > 0, ">=": order >= 0, "<": order < 0, "<=": order <= 0}[op]


# ------------------------------------------------------------------------------ data access


class _Data:
    """The store and its two views, with term conversion and a cache of helper queries."""

    def __init__(self, store: ox.Store, namespaces: Mapping[str, str] | None) -> None:
        self.store = store
        meta = ox.NamedNode(META)
        versions = {
            q.object.value for q in store.quads_for_pattern(meta, ox.NamedNode(LAYOUT), None)
        }
        self.layout = VERSION in versions
        self.typed = {
            q.object.value for q in store.quads_for_pattern(meta, ox.NamedNode(TYPED), None, meta)
        }
        self.all_typed = {
            q.object.value
            for q in store.quads_for_pattern(meta, ox.NamedNode(ALL_TYPED), None, meta)
        }
        if self.layout:
            self.exact_graphs: list | None = [ox.DefaultGraph(), ox.NamedNode(EXACT)]
            self.canon_graphs: list | None = [ox.DefaultGraph()]
        else:
            warnings.warn(
                "fastshacl: the store was not made by load_store(); pyoxigraph rewrites typed "
                "literals (e.g. xsd:positiveInteger becomes xsd:integer), so sh:datatype and "
                "reported literal values may differ from pyshacl.",
                stacklevel=3,
            )
            self.exact_graphs = self.canon_graphs = None
        self.namespaces = {k: str(v) for k, v in (namespaces or {}).items()}
        self._terms: dict[object, Node] = {}
        self._cache: dict[str, list] = {}
        self.verdicts: dict[tuple, bool] = {}

    def select(
        self,
        query: str,
        exact: bool = True,
        substitutions: dict | None = None,
        predicates: set[str] | None = None,
    ) -> list:
        """Run a SELECT in one view; rows as pyoxigraph solutions. A query of the exact view
        whose predicates have no typed literal runs on the default graph alone (faster)."""
        graphs = self.exact_graphs if exact else self.canon_graphs
        if exact and graphs is not None and predicates is not None and not predicates & self.typed:
            graphs = [ox.DefaultGraph()]
        kwargs: dict = {"prefixes": self.namespaces} if self.namespaces else {}
        if graphs is not None:
            kwargs["default_graph"] = graphs
            kwargs["named_graphs"] = graphs[1:]  # GRAPH <exact> { ... }: see _Context.step
        if substitutions:
            kwargs["substitutions"] = substitutions
        return list(self.store.query(query, **kwargs))

    def solutions(self, query: str, substitutions: dict | None = None) -> list[dict[str, Node]]:
        """A canonical-view SELECT as dicts of the bound variables, in rdflib terms."""
        kwargs: dict = {"prefixes": self.namespaces} if self.namespaces else {}
        if self.canon_graphs is not None:
            kwargs["default_graph"] = self.canon_graphs
            kwargs["named_graphs"] = []
        if substitutions:
            kwargs["substitutions"] = substitutions
        result = self.store.query(query, **kwargs)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            rows.append(
                {n: self.term(t) for n, t in zip(names, solution, strict=True) if t is not None}
            )
        return rows

    def keep(self, var: str, predicates: Iterable[str]) -> str:
        """A filter for exact-view patterns binding ``var`` to objects of the predicates: it
        drops the default graph's copies of typed literals (pyoxigraph's rewritten forms),
        whose exact forms are in the exact graph."""
        if not self.layout or self.typed.isdisjoint(predicates):
            return ""
        return (
            f'FILTER(!isLiteral({var}) || LANG({var}) != "" || DATATYPE({var}) = '
            f'<{XSD_STRING}> || STRSTARTS(STR(DATATYPE({var})), "{FS}")) '
        )

    def close(self) -> None:
        self._cache.clear()
        self._terms.clear()
        self.verdicts.clear()

    def cached(self, query: str, predicates: set[str] | None = None) -> list:
        """Helper queries (distinct values of a path) are shared by constraints."""
        if query not in self._cache:
            self._cache[query] = self.select(query, predicates=predicates)
        return self._cache[query]

    def term(self, node: object) -> Node:
        """A pyoxigraph term as rdflib's term: stand-in datatypes are undone, simple literals
        get rdflib's datatype None."""
        found = self._terms.get(node)
        if found is not None:
            return found
        if isinstance(node, ox.NamedNode):
            result: Node = URIRef(node.value)
        elif isinstance(node, ox.BlankNode):
            result = BNode(node.value)
        elif isinstance(node, ox.Literal):
            datatype = node.datatype.value
            if node.language:
                result = Literal(node.value, lang=node.language)
            elif datatype == XSD_STRING:
                result = Literal(node.value)
            else:
                verdict = None
                for prefix in (SURROGATE, ILL):
                    if datatype.startswith(prefix):
                        datatype, verdict = datatype[len(prefix) :], prefix
                result = Literal(node.value, datatype=URIRef(datatype))
                # What pyshacl saw of the loaded literal: Literal(0, datatype=positiveInteger)
                # from a Python int is not ill-typed for rdflib, "0" parsed from text is.
                if verdict == SURROGATE and result.ill_typed is True:
                    result._ill_typed = None
                elif verdict == ILL and result.ill_typed is not True:
                    result._ill_typed = True
        else:
            raise NotImplementedError(f"unsupported term in results: {node!r}")
        self._terms[node] = result
        return result

    def constant(self, node: Node) -> str:
        """An rdflib term (from the shapes graph) as a constant of an exact-view query."""
        return _nt(node, surrogate=self.layout)


# ------------------------------------------------------------------------------ shapes


@dataclass
class _Shape:
    node: Node
    is_property: bool
    path: Node | None
    severity: Node
    messages: list[Node]
    deactivated: bool


def _items(graph: Graph, head: Node) -> list[Node]:
    return list(graph.items(head))


class _Shapes:
    """The shapes of a shapes graph, found as pyshacl finds them."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self._check_unsupported_features()
        node_shapes = set(graph.subjects(RDF.type, SH.NodeShape))
        prop_shapes = set(graph.subjects(RDF.type, SH.PropertyShape))
        for node in node_shapes:
            if graph.value(node, SH.path) is not None:
                raise ValueError(f"a sh:NodeShape cannot have a sh:path: {node}")
        subjects = {
            s
            for p in (
                SH.targetClass,
                SH.targetNode,
                SH.targetObjectsOf,
                SH.targetSubjectsOf,
                SH.property,
                SH.node,
            )
            for s in graph.subjects(p, None)
        }
        values = {
            o
            for p in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
            for o in graph.objects(None, p)
        }
        for p in (SH["and"], SH["or"], SH.xone):
            for head in graph.objects(None, p):
                values.update(_items(graph, head))
        for node in subjects | values:
            if node in node_shapes or node in prop_shapes:
                continue
            paths = list(graph.objects(node, SH.path))
            if len(paths) > 1:
                raise ValueError(f"a shape has more than one sh:path: {node}")
            (prop_shapes if paths else node_shapes).add(node)
        self.shapes: dict[Node, _Shape] = {}
        for node in node_shapes | prop_shapes:
            paths = list(graph.objects(node, SH.path))
            if node in prop_shapes and len(paths) != 1:
                raise ValueError(f"a property shape needs exactly one sh:path: {node}")
            deactivated = list(graph.objects(node, SH.deactivated))
            if len(deactivated) > 1:
                raise ValueError(f"more than one sh:deactivated on {node}")
            severities = sorted(graph.objects(node, SH.severity))
            self.shapes[node] = _Shape(
                node=node,
                is_property=node in prop_shapes,
                path=paths[0] if node in prop_shapes else None,
                severity=severities[0] if severities else SH.Violation,
                messages=list(graph.objects(node, SH.message)),
                deactivated=bool(
                    deactivated and isinstance(deactivated[0], Literal) and deactivated[0].value
                ),
            )

    def _check_unsupported_features(self) -> None:
        """Features of pyshacl's advanced mode that change the data or the query engine."""
        g = self.g
        for predicate in (SH.rule, SH.js, SH.jsFunctionName):
            if next(g.subjects(predicate, None), None) is not None:
                raise NotImplementedError(f"fastshacl does not support {predicate.n3()}")
        for kind in (SH.SPARQLFunction, SH.SPARQLTargetType, SH.JSTarget, SH.SPARQLRule):
            if next(g.subjects(RDF.type, kind), None) is not None:
                raise NotImplementedError(f"fastshacl does not support {kind.n3()}")
        components = set(g.subjects(RDF.type, SH.ConstraintComponent))
        for sub in g.subjects(RDFS.subClassOf, SH.ConstraintComponent):
            components.update(g.subjects(RDF.type, sub))
        custom = [c for c in components if not str(c).startswith(str(SH))]
        if custom:
            raise NotImplementedError(f"fastshacl does not support custom components: {custom}")

    def one(self, shape: _Shape, predicate: URIRef) -> Node:
        values = list(self.g.objects(shape.node, predicate))
        if len(values) != 1:
            raise ValueError(f"{shape.node} needs exactly one {predicate.n3()}")
        return values[0]

    def integer(self, shape: _Shape, predicate: URIRef) -> int:
        value = self.one(shape, predicate)
        if not (isinstance(value, Literal) and isinstance(value.value, int)):
            raise ValueError(f"{predicate.n3()} of {shape.node} must be an integer")
        return int(value.value)

    def has_targets(self, shape: _Shape) -> bool:
        g = self.g
        return any(
            next(g.objects(shape.node, p), None) is not None
            for p in (
                SH.targetClass,
                SH.targetNode,
                SH.targetObjectsOf,
                SH.targetSubjectsOf,
                SH.target,
            )
        ) or bool(self.implicit_class(shape))

    def implicit_class(self, shape: _Shape) -> bool:
        """A shape that is also a class targets its instances (pyshacl adds owl:Class as a
        subclass of rdfs:Class to every shapes graph)."""
        classes = set(self.g.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class, OWL.Class}
        return isinstance(shape.node, URIRef) and any(
            t in classes for t in self.g.objects(shape.node, RDF.type)
        )

    def sparql_path(self, path: Node, inverse: bool = False, depth: int = 0) -> str:
        """A SHACL path as a SPARQL path, with pyshacl's semantics (an inverse applies to each
        step of a sequence in order, as pyshacl's value_nodes_from_path does)."""
        g = self.g
        if depth > 10:
            raise ValueError("path too deep")
        if isinstance(path, URIRef):
            return f"^<{path}>" if inverse else f"<{path}>"
        if not isinstance(path, BNode):
            raise ValueError(f"not a SHACL path: {path!r}")
        if g.value(path, RDF.first) is not None:
            steps = _items(g, path)
            if len(steps) < 2 and depth == 0:
                raise ValueError("a sequence path needs at least two steps")
            return "(" + "/".join(self.sparql_path(s, inverse, depth + 1) for s in steps) + ")"
        inner = g.value(path, SH.inversePath)
        if inner is not None:
            return self.sparql_path(inner, not inverse, depth + 1)
        inner = g.value(path, SH.alternativePath)
        if inner is not None:
            alternatives = _items(g, inner)
            if len(alternatives) < 2:
                raise ValueError("an alternative path needs at least two paths")
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
        raise ValueError(f"not a SHACL path: {path}")

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
            return all(self.scan_safe(s) for s in _items(g, path))
        if (inner := g.value(path, SH.inversePath)) is not None:
            return self.scan_safe(inner)
        if (inner := g.value(path, SH.alternativePath)) is not None:
            return all(self.scan_safe(a) for a in _items(g, inner))
        if (inner := g.value(path, SH.oneOrMorePath)) is not None:
            return self.scan_safe(inner)
        return False


# ------------------------------------------------------------------------------ SHACL-SPARQL

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.S,
)
_BIND_THIS = re.compile(r"([\s{}()])[\$\?]this", re.M)
_BIND_PATH = re.compile(r"([\s{}()])[\$\?]PATH", re.M)
_BIND_SHAPE = re.compile(r"([\s{}()])[\$\?]currentShape", re.M)
_BIND_GRAPH = re.compile(r"([\s{}()])[\$\?]shapesGraph", re.M)
_NOT_JOINABLE = re.compile(
    r"\b(?:GROUP|HAVING|ORDER|LIMIT|OFFSET|VALUES|MINUS|SERVICE|GRAPH|COUNT|SUM|MIN|MAX|AVG|"
    r"SAMPLE|GROUP_CONCAT|currentShape|shapesGraph)\b",
    re.I,
)
# pyshacl's checks of a SPARQL constraint (it refuses such queries: so does this module)
_FORBIDDEN = (
    (
        re.compile(r"^(?:[^#]*|M)(?!#)#?[^\?\$\#]M?INUS[\s\{]", re.M | re.I),
        "A SPARQL Constraint must not contain a MINUS clause.",
    ),
    (
        re.compile(
            r"^(?!\s*#).*?(?<![\w\-\:])VALUES\b(?:\s*(?:\(|[\?\$]\w+|\{|\w|\s))", re.M | re.I
        ),
        "A SPARQL Constraint must not contain a VALUES clause.",
    ),
    (
        re.compile(r"^(?:[^#]*|S)(?!#)#?[^\?\$\#]S?ERVICE[\s\<]", re.M | re.I),
        "A SPARQL Constraint must not contain a federated query (SERVICE).",
    ),
)
_NESTED_SELECT = re.compile(
    r"SELECT[\s\(\)\$\?\a-z]*\{[^\}]*SELECT\s+((?:(?:[\?\$]\w+\s+)|(?:\*\s+))+)", re.M | re.I
)
_AS_VAR = re.compile(r"[^\w]+AS[\s]+[\$\?](\w+)", re.M | re.I)


def _check_sparql(text: str) -> None:
    """Refuse what pyshacl refuses (it raises ValidationFailure for these)."""
    for regex, message in _FORBIDDEN:
        if regex.search(text):
            raise ValueError(message)
    nested = _NESTED_SELECT.search(text)
    if nested:
        names = [v.lstrip("$?").rstrip() for v in nested.group(1).split()]
        if names == ["*"] or "this" not in names:
            raise ValueError("A nested SELECT must select the pre-bound variable $this.")
    rebound = _AS_VAR.search(text)
    if rebound and rebound.group(1) in {"this", "shapesGraph", "currentShape"}:
        raise ValueError(f"Cannot use AS to re-bind the pre-bound variable {rebound.group(1)}")


def _mask(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length), so that keywords
    and braces can be found by position."""
    return _TOKENS.sub(lambda m: " " * len(m.group(0)), text)


def _projections(masked: str) -> Iterator[tuple[int, int]]:
    """The spans of the SELECT clauses (between SELECT and the group that follows)."""
    for match in re.finditer(r"\bSELECT\b", masked, re.I):
        brace = masked.find("{", match.end())
        where = re.compile(r"\bWHERE\b", re.I).search(masked, match.end())
        end = len(masked) if brace < 0 else brace
        if where is not None and where.start() < end:
            end = where.start()
        yield match.end(), end


def _projects(text: str, name: str) -> bool:
    """True if the outermost SELECT projects the variable (or is SELECT *)."""
    masked = _mask(text)
    start, end = next(_projections(masked), (0, 0))
    clause = masked[start:end]
    return "*" in clause or re.search(rf"[\$\?]{name}\b", clause) is not None


_MODIFIER = re.compile(r"\b(?:GROUP|ORDER)\s+BY\b", re.I)
_MODIFIER_END = re.compile(r"\b(?:HAVING|ORDER|LIMIT|OFFSET|VALUES)\b|\}", re.I)


def _substitute(text: str, name: str, constant: str) -> str:
    """The query with the variable replaced by a constant, except where it stands bare in a
    SELECT, GROUP BY or ORDER BY clause (only a variable may stand there: it stays, unbound,
    which groups and orders as the constant would)."""
    masked = _mask(text)
    spans = list(_projections(masked))
    for match in _MODIFIER.finditer(masked):
        end = _MODIFIER_END.search(masked, match.end())
        spans.append((match.end(), end.start() if end else len(masked)))
    kept = set()
    for start, end in spans:
        depth = 0
        for i in range(start, end):
            depth += {"(": 1, ")": -1}.get(masked[i], 0)
            if depth == 0 and masked[i] in "$?" and re.match(rf"[\$\?]{name}\b", masked[i:]):
                kept.add(i)
    out, done = [], 0
    for match in re.finditer(rf"(?<![\w$?])[\$\?]{name}\b", masked):
        if match.start() in kept:
            continue
        out.append(text[done : match.start()])
        out.append(constant)
        done = match.end()
    out.append(text[done:])
    return "".join(out)


def _format_message(message: str, bound: Mapping[str, Node]) -> str:
    """pyshacl's substitution of {?var} / {$var}: the term's str(), through re.sub."""
    for var, val in bound.items():
        message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class _Focus:
    """The focus nodes of a shape as a group pattern on ?this (in the exact view, and in the
    canonical view), and the predicates it uses."""

    pattern: str
    canon: str
    predicates: frozenset[str]


@dataclass
class _Result:
    focus: Node
    shape: _Shape
    component: URIRef
    value: Node | None = None
    path: Node | None = None
    source_constraint: Node | None = None
    extra_messages: list[Node] | None = None
    bound: dict[str, Node] | None = None


class _Validator:
    """Compiles and runs the constraints of every shape that has targets."""

    def __init__(
        self,
        data: _Data,
        shapes: _Shapes,
        allow_warnings: bool,
        allow_infos: bool,
        rdflib_data: Graph | None,
    ) -> None:
        self.data = data
        self.shapes = shapes
        self.g = shapes.g
        self.allowed = set()
        if allow_infos or allow_warnings:
            self.allowed.add(SH.Info)
        if allow_warnings:
            self.allowed.add(SH.Warning)
        self.rdflib_data = rdflib_data
        self.results: list[_Result] = []
        self.pool: ThreadPoolExecutor | None = None
        self.pending: list[tuple[Future, Callable[[list], None]]] = []
        self.targets: dict[tuple[Node, Node], Future | list[str]] = {}
        # sh:minCount 1 constraints by focus pattern: one query finds whether any fails
        self.min_counts: dict[str, list[tuple[_Context, URIRef]]] = {}
        self.closures: dict[Node, list[Node] | None] = {}

    def later(self, job: Callable[[], list], then: Callable[[list], None]) -> None:
        """Run a query job on the thread pool (pyoxigraph evaluates queries outside the GIL);
        its results are handed to ``then`` in the main thread once every query is queued."""
        if self.pool is None:
            then(job())
        else:
            self.pending.append((self.pool.submit(job), then))

    # -- focus nodes --------------------------------------------------------------------------

    def focus(self, shape: _Shape) -> _Focus | None:
        """A group pattern binding ?this to the focus nodes of a shape (None: no focus node)."""
        g, branches, predicates = self.g, [], set()
        classes = [c for c in g.objects(shape.node, SH.targetClass) if isinstance(c, URIRef)]
        if self.shapes.implicit_class(shape):
            classes.append(shape.node)
        for cls in sorted(set(classes)):
            branches.append(self.instances("?this", cls, "?fs_fc"))
        nodes = [self.data.constant(n) for n in g.objects(shape.node, SH.targetNode)]
        for target in g.objects(shape.node, SH.target):
            found = self.targets.get((shape.node, target))
            if found is None:
                found = self.sparql_target(shape, target)
            nodes.extend(found.result() if isinstance(found, Future) else found)
        if nodes:
            branches.append("VALUES ?this { " + " ".join(sorted(set(nodes))) + " }")
        for prop in sorted(g.objects(shape.node, SH.targetSubjectsOf)):
            branches.append(f"?this {_nt(prop)} ?fs_o .")
            predicates.add(str(prop))
        canon = list(branches)
        for prop in sorted(g.objects(shape.node, SH.targetObjectsOf)):
            branches.append(f"?fs_s {_nt(prop)} ?this . {self.data.keep('?this', [str(prop)])}")
            canon.append(f"?fs_s {_nt(prop)} ?this .")
            predicates.add(str(prop))
        if not branches:
            return None
        return _Focus(
            " UNION ".join("{ " + b + " }" for b in branches),
            " UNION ".join("{ " + b + " }" for b in canon),
            frozenset(predicates),
        )

    def instances(self, var: str, cls: Node, class_var: str) -> str:
        """A pattern matching the SHACL instances of a class: its instances and those of its
        subclasses in the data (found once, so that the query has no property path)."""
        if not isinstance(cls, URIRef):
            return "FILTER(false)"
        if cls not in self.closures:
            rows = self.data.select(
                _PREFIXES + f"SELECT DISTINCT ?c WHERE {{ ?c rdfs:subClassOf* <{cls}> }}",
                predicates={str(RDFS.subClassOf)},
            )
            found = [self.data.term(row["c"]) for row in rows]
            self.closures[cls] = (
                None if any(isinstance(c, BNode) for c in found) else sorted({cls, *found})
            )
        closure = self.closures[cls]
        if closure is None:  # a blank-node subclass: no constant for it, the path then
            return f"{var} {_TYPE_OF} <{cls}> ."
        if len(closure) == 1:
            return f"{var} <{RDF.type}> <{cls}> ."
        listed = " ".join(f"<{c}>" for c in closure)
        return f"VALUES {class_var} {{ {listed} }} {var} <{RDF.type}> {class_var} ."

    def sparql_target(self, shape: _Shape, target: Node) -> list[str]:
        """Focus nodes of a sh:SPARQLTarget (run once, in the canonical view, like pyshacl)."""
        g = self.g
        selects = list(g.objects(target, SH.select))
        if not selects:
            types = ", ".join(t.n3() for t in g.objects(target, RDF.type))
            raise NotImplementedError(f"fastshacl supports only sh:SPARQLTarget targets ({types})")
        text = self.prefixes(target) + str(selects[0])
        text = memoized_filters(text, _mask(text)) or text
        found = []
        for row in self.data.select(text, exact=False):
            this = row["this"]
            if this is None:
                continue
            node = self.data.term(this)
            if isinstance(node, BNode):
                raise NotImplementedError("blank-node focus nodes from a SPARQL target")
            found.append(self.data.constant(node))
        return found

    def prefixes(self, node: Node) -> str:
        """PREFIX lines for a SPARQL target or constraint, collected as pyshacl does."""
        g = self.g
        prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
        holders = list(g.objects(node, SH.prefixes))
        if holders:
            graph_declares = set(g.objects(g.identifier, SH.declare)) if g.identifier else set()
            ontologies = set(g.subjects(RDF.type, OWL.Ontology))
            global_declares = set(graph_declares)
            for ont in ontologies:
                global_declares.update(g.objects(ont, SH.declare))
            for holder in holders:
                own = set(g.objects(holder, SH.declare))
                declares = (
                    own | graph_declares
                    if own and holder in ontologies
                    else (global_declares | own)
                )
                for dec in declares:
                    prefix = g.value(dec, SH.prefix)
                    namespace = g.value(dec, SH.namespace)
                    if prefix is None or namespace is None:
                        raise ValueError("sh:declare needs one sh:prefix and one sh:namespace")
                    prefixes[str(prefix)] = str(namespace)
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + "\n"

    # -- driving ------------------------------------------------------------------------------

    def run(self, threads: int) -> list[_Result]:
        shapes = [
            shape
            for shape in sorted(self.shapes.shapes.values(), key=lambda s: str(s.node))
            if not shape.deactivated and self.shapes.has_targets(shape)
        ]
        if threads > 1:
            self.pool = ThreadPoolExecutor(threads)
        try:
            if self.pool is not None:  # the SPARQL targets first, all at once
                for shape in shapes:
                    for target in self.g.objects(shape.node, SH.target):
                        self.targets[(shape.node, target)] = self.pool.submit(
                            self.sparql_target, shape, target
                        )
            for shape in shapes:
                focus = self.focus(shape)
                if focus is not None:
                    self.shape_constraints(shape, focus)
            for focus_pattern, batch in self.min_counts.items():
                self.run_min_counts(focus_pattern, batch)
            for future, then in self.pending:
                then(future.result())
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
        return self.results

    def close(self) -> None:
        """Let go of the contexts and the caches. The contexts point back here, and the
        collector would free such a cycle only in a full collection, which a build holds back
        (``heap.few_full_collections``): the caches, and the store, would stay till then."""
        self.results = []
        self.pending.clear()
        self.targets.clear()
        self.min_counts.clear()
        self.closures.clear()
        self.data.close()

    def batch_min_count(self, ctx: _Context, component: URIRef) -> None:
        self.min_counts.setdefault(ctx.focus, []).append((ctx, component))

    def run_min_counts(self, focus: str, batch: list[tuple[_Context, URIRef]]) -> None:
        """The sh:minCount 1 constraints of one set of focus nodes. A path with few subjects
        beside the focus nodes is checked by counting (no join: the focus nodes all have a
        value if adding them to the path's subjects adds none); the others share one pass over
        the focus nodes that tells whether any fails. A query per failing constraint then
        finds the offenders."""

        def job() -> tuple[list[tuple[_Context, URIRef]], list[tuple[_Context, URIRef]], list]:
            size = self.focus_size(focus, batch[0][0].predicates)
            failing, rest = [], []
            for ctx, component in batch:
                if ctx.scan_safe and ctx.subject_count() <= _COUNT_JOIN * size:
                    if not ctx.covers_focus():
                        failing.append((ctx, component))
                else:
                    rest.append((ctx, component))
            if not rest:
                return failing, rest, []
            tests = " || ".join(f"NOT EXISTS {{ {ctx.step('?this')}}}" for ctx, _ in rest)
            predicates = set().union(*(ctx.predicates for ctx, _ in rest))
            query = _PREFIXES + f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER({tests}) }}"
            return failing, rest, self.data.select(query, predicates=predicates)

        def then(found: tuple) -> None:
            failing, batch, rows = found
            for ctx, component in failing:
                ctx.min_count_query(1, "", component)
            if not rows:
                return
            nodes = [row["this"] for row in rows]
            if any(isinstance(n, ox.BlankNode) for n in nodes):
                for ctx, component in batch:  # no constant for a blank node: all of them
                    ctx.min_count_query(1, "", component)
                return
            listed = "VALUES ?this { " + " ".join(str(n) for n in nodes) + " }"
            for ctx, component in batch:  # only the nodes that fail one of them
                ctx.report(
                    f"SELECT ?this WHERE {{ {listed} FILTER NOT EXISTS {{ {ctx.step('?this')}}} }}",
                    component,
                    with_value=False,
                )

        self.later(job, then)

    def focus_size(self, focus: str, predicates: set[str]) -> int:
        """The number of distinct focus nodes (counted once per set of focus nodes)."""
        query = _PREFIXES + f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {focus} }}"
        return int(self.data.cached(query, predicates)[0]["n"].value)

    def parameters(self, shape: _Shape) -> list[URIRef]:
        params = sorted(
            {p for p in self.g.predicates(shape.node, None) if p in _PYSHACL_PARAMETERS}
        )
        for p in params:
            if p not in SUPPORTED and p != SH.flags:
                raise NotImplementedError(f"fastshacl does not support the {p.n3()} constraint")
        return params

    def shape_constraints(self, shape: _Shape, focus: _Focus) -> None:
        """All constraints of one shape, for the focus nodes bound by ``focus``."""
        params = self.parameters(shape)
        path = shape.path
        sp = self.shapes.sparql_path(path) if path is not None else None
        preds = set(focus.predicates) | (self.shapes.path_iris(path) if path is not None else set())
        ctx = _Context(
            self, shape, focus.pattern, sp, self.shapes.scan_safe(path) if path else True, preds
        )
        ctx.simple = isinstance(path, URIRef)
        for p in params:
            if p == SH["class"]:
                for cls in sorted(self.g.objects(shape.node, SH["class"])):
                    ctx.value_check(SH.ClassConstraintComponent, minus=self.class_pattern(cls))
            elif p == SH.datatype:
                ctx.datatype(self.shapes.one(shape, SH.datatype))
            elif p in _RANGES:
                component, op = _RANGES[p]
                for bound in sorted(self.g.objects(shape.node, p)):
                    bad = ctx.range_failures(bound, op)
                    ctx.value_check(component, f"!isLiteral(?v) || {ctx.among('?v', bad)}")
            elif p == SH.nodeKind:
                kind = self.shapes.one(shape, SH.nodeKind)
                ctx.value_check(
                    SH.NodeKindConstraintComponent, f"!{_NODE_KINDS[kind].format(v='?v')}"
                )
            elif p == SH.minCount:
                ctx.min_count(self.property_only(shape, p) and self.shapes.integer(shape, p))
            elif p == SH.maxCount:
                ctx.max_count(self.property_only(shape, p) and self.shapes.integer(shape, p))
            elif p == SH.pattern:
                flags = self.g.value(shape.node, SH.flags)
                for pattern in sorted(self.g.objects(shape.node, SH.pattern)):
                    ctx.pattern(pattern, flags)
            elif p == SH.minLength:
                n = self.shapes.integer(shape, p)
                if n > 0:
                    ctx.value_check(
                        SH.MinLengthConstraintComponent, f"isBlank(?v) || STRLEN(STR(?v)) < {n}"
                    )
            elif p == SH.maxLength:
                n = self.shapes.integer(shape, p)
                ctx.value_check(
                    SH.MaxLengthConstraintComponent, f"isBlank(?v) || STRLEN(STR(?v)) > {n}"
                )
            elif p == SH.languageIn:
                expr = self.language_in(self.shapes.one(shape, p), "?v")
                ctx.value_check(SH.LanguageInConstraintComponent, f"!{expr}")
            elif p == SH.uniqueLang:
                value = self.shapes.one(shape, p)
                self.property_only(shape, p)
                if not (isinstance(value, Literal) and isinstance(value.value, bool)):
                    raise ValueError("sh:uniqueLang must be a boolean")
                if value.value:
                    ctx.unique_lang()
            elif p == SH["in"]:
                members = _items(self.g, self.shapes.one(shape, p))
                ctx.value_check(SH.InConstraintComponent, f"!{self.one_of('?v', members)}")
            elif p == SH.hasValue:
                for value in sorted(self.g.objects(shape.node, p)):
                    ctx.has_value(value)
            elif p in (SH["or"], SH["and"], SH.xone, SH["not"]):
                component = SH[f"{p.split('#')[1].capitalize()}ConstraintComponent"]
                for head in sorted(self.g.objects(shape.node, p)):
                    expr = self.logical(p, head, ctx)
                    if expr is not None:
                        ctx.value_check(component, f"!{expr}")
            elif p == SH.qualifiedValueShape and shape.is_property:
                for value_shape in sorted(self.g.objects(shape.node, p)):
                    ctx.qualified(value_shape)
            elif p in (SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint):
                if next(self.g.objects(shape.node, SH.qualifiedValueShape), None) is None:
                    raise ValueError(f"{p.n3()} without sh:qualifiedValueShape on {shape.node}")
            elif p == SH.property:
                for child in sorted(self.g.objects(shape.node, p)):
                    self.property_shape(shape, child, focus)
            elif p == SH.sparql:
                for constraint in sorted(self.g.objects(shape.node, p)):
                    _SparqlConstraint(self, shape, constraint, focus.canon, sp).run()

    def property_only(self, shape: _Shape, p: URIRef) -> bool:
        if not shape.is_property:
            raise ValueError(f"{p.n3()} is only allowed on property shapes ({shape.node})")
        return True

    def property_shape(self, parent: _Shape, child: Node, focus: _Focus) -> None:
        shape = self.shapes.shapes.get(child)
        if shape is None or not shape.is_property:
            raise ValueError(f"sh:property of {parent.node} is not a property shape: {child}")
        if parent.is_property:
            raise NotImplementedError("fastshacl does not support sh:property on property shapes")
        if not shape.deactivated:
            self.shape_constraints(shape, focus)

    # -- expressions ---------------------------------------------------------------------------

    def class_pattern(self, cls: Node, var: str = "?v") -> str:
        return self.instances(var, cls, "?fs_vc")

    def one_of(self, var: str, members: list[Node]) -> str:
        """sameTerm, not =: SPARQL's value comparison errs or equates where pyshacl does not."""
        terms = [self.data.constant(m) for m in members if not isinstance(m, BNode)]
        if not terms:
            return "false"
        return "(" + " || ".join(f"sameTerm({var}, {t})" for t in terms) + ")"

    def language_in(self, head: Node, var: str) -> str:
        langs = []
        for lang in _items(self.g, head):
            if not (isinstance(lang, Literal) and isinstance(lang.value, str)):
                raise ValueError("sh:languageIn members must be strings")
            langs.append(str(lang.value).lower())
        if "*" in langs:
            match = "true"
        else:
            listed = ", ".join(lit(lang) for lang in langs)
            match = (
                f'(LCASE(LANG({var})) IN ({listed}) || (CONTAINS(LANG({var}), "-") && '
                f'LCASE(STRBEFORE(LANG({var}), "-")) IN ({listed})))'
            )
        return f'(isLiteral({var}) && LANG({var}) != "" && {match})'

    def logical(self, p: URIRef, head: Node, ctx: _Context) -> str | None:
        """The condition "the value conforms" of sh:or / sh:and / sh:xone (a list) or sh:not."""
        if p == SH["not"]:
            return f"!{self.conforms(head, ctx, 0)}"
        members = _items(self.g, head)
        if not members:
            raise ValueError(f"the list of {p.n3()} must not be empty")
        parts = [self.conforms(m, ctx, 0) for m in members]
        if p == SH["or"]:
            return "(" + " || ".join(parts) + ")"
        if p == SH["and"]:
            return "(" + " && ".join(parts) + ")"
        return "((" + " + ".join(f"IF({c}, 1, 0)" for c in parts) + ") = 1)"

    def conforms(self, node: Node, ctx: _Context, depth: int, var: str = "?v") -> str:
        """A SPARQL expression, true when the value in ``var`` conforms to the shape ``node``
        (as pyshacl decides it: a shape whose severity is allowed always conforms)."""
        if depth > 8:
            raise NotImplementedError("fastshacl does not support recursive value shapes")
        shape = self.shapes.shapes.get(node)
        if shape is None:
            raise ValueError(f"not a shape: {node}")
        if shape.deactivated or shape.severity in self.allowed:
            return "true"
        if shape.is_property:
            raise NotImplementedError("fastshacl does not support property shapes as value shapes")
        parts: list[str] = []
        g = self.g
        for p in self.parameters(shape):
            if p == SH["class"]:
                for cls in sorted(g.objects(node, p)):
                    inner = self.class_pattern(cls, var)
                    parts.append(f"(!isLiteral({var}) && EXISTS {{ {inner} }})")
            elif p == SH.datatype:
                parts.append(ctx.datatype_conforms(self.shapes.one(shape, p), var))
            elif p == SH.nodeKind:
                parts.append(_NODE_KINDS[self.shapes.one(shape, p)].format(v=var))
            elif p in _RANGES:
                for bound in sorted(g.objects(node, p)):
                    bad = ctx.range_failures(bound, _RANGES[p][1])
                    parts.append(f"(isLiteral({var}) && !{ctx.among(var, bad)})")
            elif p == SH["in"]:
                parts.append(self.one_of(var, _items(g, self.shapes.one(shape, p))))
            elif p == SH.hasValue:
                parts.extend(self.one_of(var, [v]) for v in sorted(g.objects(node, p)))
            elif p == SH.languageIn:
                parts.append(self.language_in(self.shapes.one(shape, p), var))
            elif p == SH.minLength:
                n = self.shapes.integer(shape, p)
                if n > 0:
                    parts.append(f"(!isBlank({var}) && STRLEN(STR({var})) >= {n})")
            elif p == SH.maxLength:
                n = self.shapes.integer(shape, p)
                parts.append(f"(!isBlank({var}) && STRLEN(STR({var})) <= {n})")
            elif p == SH.pattern:
                flags = g.value(node, SH.flags)
                for pattern in sorted(g.objects(node, p)):
                    bad = ctx.pattern_failures(pattern, flags)
                    parts.append(f"(!isBlank({var}) && !{ctx.among(var, bad)})")
            elif p in (SH["or"], SH["and"], SH.xone, SH["not"]):
                for head in sorted(g.objects(node, p)):
                    if p == SH["not"]:
                        parts.append(f"!{self.conforms(head, ctx, depth + 1, var)}")
                        continue
                    subs = [self.conforms(m, ctx, depth + 1, var) for m in _items(g, head)]
                    if p == SH.xone:
                        parts.append("((" + " + ".join(f"IF({c}, 1, 0)" for c in subs) + ") = 1)")
                    else:
                        joiner = " || " if p == SH["or"] else " && "
                        parts.append("(" + joiner.join(subs) + ")")
            elif p in (SH.minCount, SH.maxCount, SH.uniqueLang):
                raise ValueError(f"{p.n3()} is only allowed on property shapes ({node})")
            elif p in (
                SH.qualifiedValueShape,
                SH.qualifiedMinCount,
                SH.qualifiedMaxCount,
                SH.qualifiedValueShapesDisjoint,
            ):
                continue  # pyshacl ignores them on node shapes (with a warning)
            else:
                raise NotImplementedError(f"fastshacl does not support {p.n3()} in value shapes")
        return "(" + " && ".join(parts) + ")" if parts else "true"


class _Context:
    """One shape's constraints for one set of focus nodes: builds and runs the queries."""

    def __init__(
        self,
        validator: _Validator,
        shape: _Shape,
        focus: str,
        path: str | None,
        scan_safe: bool,
        predicates: set[str],
    ) -> None:
        self.v = validator
        self.data = validator.data
        self.shape = shape
        self.focus = focus
        self.path = path
        self.scan_safe = scan_safe
        self.predicates = predicates
        # a predicate path gives each value once (a triple is unique): no DISTINCT needed
        self.simple = False
        self.keep = self.data.keep("?v", predicates)
        self.exact_only = (
            self.data.layout and path is not None and path[1:-1] in self.data.all_typed
        )

    def step(self, subject: str) -> str:
        """The pattern binding ``?v`` to the values of ``subject`` in the exact view: a
        predicate with only typed literals is read from the exact graph alone (no filter)."""
        if self.exact_only:
            return f"GRAPH <{EXACT}> {{ {subject} {self.path} ?v }} "
        return f"{subject} {self.path} ?v . {self.keep}"

    def select(self, query: str) -> list:
        return self.data.select(_PREFIXES + query, predicates=self.predicates)

    def cached(self, query: str) -> list:
        return self.data.cached(_PREFIXES + query, self.predicates)

    def report(
        self,
        query: str,
        component: URIRef,
        with_value: bool = True,
        by: str | None = None,
        probe: Callable[[], bool] | None = None,
    ) -> None:
        """Queue the query; each solution (?this, and ?v if ``with_value``) is a result, once
        (or once per value of the variable ``by``). If ``probe`` says there can be no
        solution, the query is not run (on a conforming graph, most are not)."""

        def then(rows: list) -> None:
            seen = set()  # the queries leave duplicates (of the focus pattern) to this
            for row in rows:
                key = (row["this"], row["v"] if with_value else None, row[by] if by else None)
                if key in seen:
                    continue
                seen.add(key)
                value = self.data.term(key[1]) if with_value else None
                self.v.results.append(
                    _Result(self.data.term(key[0]), self.shape, component, value=value)
                )

        def job() -> list:
            return [] if probe is not None and not probe() else self.select(query)

        self.v.later(job, then)

    def exists(self, query: str) -> Callable[[], bool]:
        """A probe: true if the query (a cheap superset of a constraint's offenders, without
        the join with the focus nodes) has a solution."""
        return lambda: bool(self.cached(query + " LIMIT 1"))  # shapes share probes

    def pairs(self, where: str) -> str:
        """(?this, ?v) for the focus nodes and their value nodes, restricted by ``where``
        (filters on ?v). A scannable path is filtered first and joined with the focus nodes
        after, so that only the offending pairs meet the targets."""
        if self.path is None:
            return (
                f"SELECT ?this ?v WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }} "
                f"BIND(?this AS ?v) {where} }}"
            )
        if self.scan_safe:
            distinct = "" if self.simple else "DISTINCT "
            return (
                f"SELECT ?this ?v WHERE {{ {{ SELECT {distinct}?this ?v WHERE {{ "
                f"{self.step('?this')}{where} }} }} {self.focus} }}"
            )
        return f"SELECT ?this ?v WHERE {{ {self.focus} {self.step('?this')}{where} }}"

    def values(self, where: str) -> str:
        """Distinct value nodes (of any subject if the path can be scanned) for a check made
        in Python; the offenders are then joined back with the focus nodes."""
        if self.path is not None and self.scan_safe:
            return f"SELECT DISTINCT ?v WHERE {{ {self.step('?fs_s')}{where} }}"
        if self.path is None:
            return f"SELECT DISTINCT ?v WHERE {{ {{ {self.focus} }} BIND(?this AS ?v) {where} }}"
        return f"SELECT DISTINCT ?v WHERE {{ {self.focus} {self.step('?this')}{where} }}"

    def value_check(
        self, component: URIRef, bad: str | None = None, minus: str | None = None
    ) -> None:
        """A per-value constraint: report each (focus, value) where ``bad`` holds or that
        ``minus`` (a pattern on ?v) does not match."""
        where = f"FILTER({bad})" if bad else ""
        if minus:
            where += f" MINUS {{ {minus} }}"
        probe = None
        if self.path is not None and self.scan_safe:
            probe = self.exists(f"SELECT ?v WHERE {{ {self.step('?this')}{where} }}")
        self.report(self.pairs(where), component, probe=probe)

    def among(self, var: str, terms: list) -> str:
        if not terms:
            return "false"
        return "(" + " || ".join(f"sameTerm({var}, {t})" for t in terms) + ")"

    # -- sh:datatype ---------------------------------------------------------------------------

    def datatype_conforms(self, datatype: Node, var: str) -> str:
        """True when the value matches the datatype as pyshacl decides it. Simple literals
        are rdflib's untyped literals (datatype None), which match only xsd:string."""
        if datatype == RDFS.Literal:
            return f"isLiteral({var})"
        if datatype == XSD.string:
            return f"(isLiteral({var}) && DATATYPE({var}) = <{XSD_STRING}>)"
        if datatype == RDF.langString:
            return f'(isLiteral({var}) && LANG({var}) != "")'
        if datatype == RDFS.Datatype:
            if self.data.layout:
                return f'(isLiteral({var}) && STRSTARTS(STR(DATATYPE({var})), "{FS}"))'
            return f'(isLiteral({var}) && LANG({var}) = "" && DATATYPE({var}) != <{XSD_STRING}>)'
        if not isinstance(datatype, URIRef):
            return "false"
        iri = f"<{SURROGATE}{datatype}>" if self.data.layout else f"<{datatype}>"
        return f"(isLiteral({var}) && DATATYPE({var}) = {iri})"

    def datatype(self, datatype: Node) -> None:
        self.value_check(
            SH.DatatypeConstraintComponent, f"!{self.datatype_conforms(datatype, '?v')}"
        )

    def range_failures(self, bound: Node, op: str) -> list[str]:
        """Literal values that fail the comparison, decided in Python with rdflib's value
        comparisons as pyshacl does (SPARQL orders mixed types differently)."""
        bad, verdicts = [], self.data.verdicts
        bound_key = _nt(bound) if isinstance(bound, (URIRef, Literal)) else str(bound)
        for row in self.cached(self.values("FILTER(isLiteral(?v))")):
            key = (row["v"], bound_key, op)  # rdflib terms hash slowly: the key is text
            ok = verdicts.get(key)
            if ok is None:
                ok = verdicts.setdefault(key, _in_range(self.data.term(row["v"]), bound, op))
            if not ok:
                bad.append(str(row["v"]))
        return bad

    # -- sh:pattern ----------------------------------------------------------------------------

    def pattern_failures(self, pattern: Node, flags: Node | None) -> list[str]:
        """Values that fail the regular expression, checked with Python's re as pyshacl does
        (SPARQL's REGEX is XPath's dialect: ``$`` and ``.`` differ)."""
        re_flags = 0
        if flags is not None:
            text = str(flags.value if isinstance(flags, Literal) else flags).lower()
            re_flags |= re.I if "i" in text else 0
            re_flags |= re.M if "m" in text else 0
        if not isinstance(pattern, Literal):
            raise ValueError("sh:pattern must be a literal")
        matcher = re.compile(str(pattern), re_flags)
        bad = []
        for row in self.cached(self.values("FILTER(!isBlank(?v))")):
            if not matcher.search(row["v"].value):
                bad.append(str(row["v"]))
        return bad

    def pattern(self, pattern: Node, flags: Node | None) -> None:
        bad = self.pattern_failures(pattern, flags)
        self.value_check(SH.PatternConstraintComponent, f"isBlank(?v) || {self.among('?v', bad)}")

    # -- counts --------------------------------------------------------------------------------

    def min_count(
        self, n: int, where: str = "", component: URIRef = SH.MinCountConstraintComponent
    ) -> None:
        """Focus nodes with fewer than n (distinct) values matching ``where``."""
        if n <= 0:
            return
        if n == 1 and not where and self.path is not None:
            self.v.batch_min_count(self, component)
            return
        self.min_count_query(n, where, component)

    def min_count_query(
        self, n: int, where: str = "", component: URIRef = SH.MinCountConstraintComponent
    ) -> None:
        if n == 1 and self.scan_safe:
            query = f"SELECT ?this WHERE {{ {self.focus} MINUS {{ {self.step('?this')}{where} }} }}"
        elif n == 1:
            query = (
                f"SELECT ?this WHERE {{ {self.focus} "
                f"FILTER NOT EXISTS {{ {self.step('?this')}{where} }} }}"
            )
        else:
            query = (
                f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ "
                f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }} "
                f"OPTIONAL {{ {self.step('?this')}{where} }} }} GROUP BY ?this }} "
                f"FILTER(?n < {n}) }}"
            )
        self.report(query, component, with_value=False)

    def max_count(
        self, n: int, where: str = "", component: URIRef = SH.MaxCountConstraintComponent
    ) -> None:
        """Focus nodes with more than n (distinct) values matching ``where``."""
        count = "COUNT(?v)" if self.simple else "COUNT(DISTINCT ?v)"
        having = f"HAVING ({count} > {n})"
        probe = None
        if self.simple and not where and n >= 1:
            probe = self.several_values
        if self.scan_safe:
            query = (
                f"SELECT ?this WHERE {{ {{ SELECT ?this WHERE {{ {self.step('?this')}"
                f"{where} }} GROUP BY ?this {having} }} {self.focus} }}"
            )
        else:
            query = (
                f"SELECT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }} "
                f"{self.step('?this')}{where} }} GROUP BY ?this {having}"
            )
        self.report(query, component, with_value=False, probe=probe)

    def several_values(self) -> bool:
        """True if some subject has more than one value of the (predicate) path: else no
        sh:maxCount of 1 or more can fail. Counting needs no join, nor the terms' text."""
        rows = self._value_counts()
        return rows[0]["n"] != rows[0]["m"]

    def subject_count(self) -> int:
        """The number of distinct subjects with a value of the path."""
        return int(self._value_counts()[0]["m"].value)

    def covers_focus(self) -> bool:
        """True if every focus node has a value of the (scannable) path: counted as a union,
        which costs a scan of both sides instead of a lookup per focus node."""
        query = (
            f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {{ {self.focus} }} UNION "
            f"{{ {self.step('?this')}}} }}"
        )
        return int(self.cached(query)[0]["n"].value) == self.subject_count()

    def _value_counts(self) -> list:
        query = (
            f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?this) AS ?m) WHERE {{ {self.step('?this')}}}"
        )
        return self.data.cached(_PREFIXES + query, self.predicates)

    def unique_lang(self) -> None:
        """One result per focus node and language tag held by two values or more."""
        inner = (
            f"SELECT ?this ?lang WHERE {{ {self.step('?this')}"
            f'FILTER(isLiteral(?v) && LANG(?v) != "") }} GROUP BY ?this (LCASE(LANG(?v)) AS ?lang) '
            f"HAVING (COUNT(DISTINCT ?v) > 1)"
        )
        if self.scan_safe:
            query = f"SELECT DISTINCT ?this ?lang WHERE {{ {{ {inner} }} {self.focus} }}"
        else:
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }}"
            inner = inner.replace("WHERE { ", f"WHERE {{ {focus} ", 1)
            query = f"SELECT DISTINCT ?this ?lang WHERE {{ {{ {inner} }} }}"
        self.report(query, SH.UniqueLangConstraintComponent, with_value=False, by="lang")

    def has_value(self, value: Node) -> None:
        """Focus nodes none of whose values is the given term."""
        if self.path is None:
            if isinstance(value, BNode):
                query = f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}"
            else:
                query = (
                    f"SELECT DISTINCT ?this WHERE {{ {self.focus} "
                    f"FILTER(!sameTerm(?this, {self.data.constant(value)})) }}"
                )
        elif isinstance(value, BNode):
            query = f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}"
        else:
            keyword = "MINUS" if self.scan_safe else "FILTER NOT EXISTS"
            query = (
                f"SELECT DISTINCT ?this WHERE {{ {self.focus} {keyword} {{ ?this {self.path} "
                f"{self.data.constant(value)} }} }}"
            )
        self.report(query, SH.HasValueConstraintComponent, with_value=False)

    def qualified(self, value_shape: Node) -> None:
        """sh:qualifiedValueShape: counts of the values that conform to the value shape (and,
        if disjoint, to none of its siblings)."""
        g, node = self.v.g, self.shape.node
        if value_shape not in self.v.shapes.shapes:
            raise ValueError(f"sh:qualifiedValueShape is not a shape: {value_shape}")
        low = self._optional_int(SH.qualifiedMinCount)
        high = self._optional_int(SH.qualifiedMaxCount)
        if low is None and high is None:
            raise ValueError(f"sh:qualifiedValueShape without counts on {node}")
        disjoint = any(
            isinstance(d, Literal) and d.value is True
            for d in g.objects(node, SH.qualifiedValueShapesDisjoint)
        )
        expr = self.v.conforms(value_shape, self, 0)
        if disjoint:
            siblings = {
                sibling
                for parent in g.subjects(SH.property, node)
                for prop in g.objects(parent, SH.property)
                for sibling in g.objects(prop, SH.qualifiedValueShape)
                if sibling != value_shape and sibling in self.v.shapes.shapes
            }
            for sibling in sorted(siblings):
                expr += f" && !{self.v.conforms(sibling, self, 0)}"
        where = f"FILTER({expr})"
        if high is not None:
            self.max_count(high, where, SH.QualifiedMaxCountConstraintComponent)
        if low is not None:
            self.min_count(low, where, SH.QualifiedMinCountConstraintComponent)

    def _optional_int(self, predicate: URIRef) -> int | None:
        values = list(self.v.g.objects(self.shape.node, predicate))
        if not values:
            return None
        if len(values) > 1 or not (
            isinstance(values[0], Literal) and isinstance(values[0].value, int)
        ):
            raise ValueError(f"{predicate.n3()} of {self.shape.node} must be one integer")
        return int(values[0].value)


class _SparqlConstraint:
    """One sh:sparql constraint, with SHACL-SPARQL's pre-binding of $this."""

    def __init__(
        self, validator: _Validator, shape: _Shape, node: Node, focus: str, path: str | None
    ) -> None:
        self.v = validator
        self.data = validator.data
        self.shape = shape
        self.node = node
        self.focus = focus
        self.path = path

    def run(self) -> None:
        g = self.v.g
        selects = list(g.objects(self.node, SH.select))
        if len(selects) != 1 or not isinstance(selects[0], Literal):
            raise ValueError(f"a sh:SPARQLConstraint needs exactly one sh:select ({self.node})")
        deactivated = g.value(self.node, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            return
        text = str(selects[0])
        _check_sparql(text)
        masked = _mask(text)
        if _BIND_GRAPH.search(text):
            raise NotImplementedError("$shapesGraph is not supported (nor by pyshacl)")
        if _BIND_PATH.search(text):
            if self.path is None:
                raise ValueError("$PATH in a SPARQL constraint of a node shape")
            text = _BIND_PATH.sub(lambda m: m.group(1) + self.path, text)
            masked = _mask(text)
        prefixes = self.v.prefixes(self.node)
        messages = list(g.objects(self.node, SH.message)) or None
        binds_this = bool(_BIND_THIS.search(text))
        joined = self.joinable(text, masked) if binds_this else None
        spec = self.sliceable(text, masked) if binds_this and joined is None else None
        if joined is not None:
            self.v.later(
                lambda: self.data.solutions(prefixes + joined),
                lambda rows: self.collect([(None, row) for row in rows], messages),
            )
        elif spec is not None:
            self.sliced(prefixes, text, spec, messages)
        else:
            self.per_focus(prefixes + text, binds_this, messages)

    @staticmethod
    def _group_joinable(masked: str) -> bool:
        """True if the query's group gives, joined with the focus nodes, the solutions it
        gives with $this pre-bound: one SELECT, no nested group but EXISTS/OPTIONAL ones."""
        if len(re.findall(r"\bSELECT\b", masked, re.I)) != 1 or _NOT_JOINABLE.search(masked):
            return False
        start = masked.find("{")
        if start < 0:
            return False
        for match in re.finditer(r"\{", masked[start + 1 :]):
            before = masked[: start + 1 + match.start()].rstrip()
            if not re.search(r"\b(?:EXISTS|OPTIONAL)$", before, re.I):
                return False
        return True

    def sliceable(self, text: str, masked: str) -> Sliced | None:
        """A query whose only obstacle to the join is ``ORDER BY ... LIMIT``/``OFFSET``."""
        spec = sliced(text, masked)
        if spec is None or not self._group_joinable(_mask(spec.head)):
            return None
        return spec

    def sliced(self, prefixes: str, text: str, spec: Sliced, messages: list[Node] | None) -> None:
        """One joined query; each focus node's solutions ordered and cut in Python as rdflib
        does (the few nodes where that is not decided by the ordering: one by one)."""
        projects_this = _projects(text, "this")

        def then(rows: list[dict[str, Node]]) -> None:
            groups, unsure = slice_rows(spec, rows)
            solutions = []
            for node, kept in groups.items():
                if node in unsure:
                    continue
                for row in kept:
                    row.pop("this", None)
                    if projects_this:
                        row["this"] = node
                    solutions.append((node, row))
            self.collect(solutions, messages)
            if unsure:
                self.per_focus(prefixes + text, True, messages, only=unsure)

        query = prefixes + spec.joined(self.focus)
        self.v.later(lambda: self.data.solutions(query), then)

    def joinable(self, text: str, masked: str) -> str | None:
        """The query joined with the focus nodes, if that gives the same solutions as
        pre-binding $this (else None)."""
        if not self._group_joinable(masked):
            return None
        start = masked.find("{")
        head = masked[:start]
        projection = re.split(
            r"\bWHERE\b", re.split(r"\bSELECT\b", head, flags=re.I)[1], flags=re.I
        )[0]
        if "*" not in projection and not re.search(r"[\$\?]this\b", projection):
            return None
        return (
            f"{text[: start + 1]} {{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }} "
            f"{text[start + 1 :]}"
        )

    def per_focus(
        self,
        text: str,
        binds_this: bool,
        messages: list[Node] | None,
        only: set[Node] | None = None,
    ) -> None:
        """The query once per focus node, with $this replaced by the node in the text: that
        is SHACL's pre-binding, in every scope. (pyoxigraph's own substitution leaves a
        variable unbound in BIND($this AS ?x), so it serves only for blank nodes, which have
        no text form.)"""
        focus_rows = self.data.select(
            _PREFIXES + f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}", exact=False
        )
        if _BIND_SHAPE.search(text):
            if not isinstance(self.shape.node, URIRef):
                raise NotImplementedError("$currentShape of a blank-node shape")
            text = _substitute(text, "currentShape", _nt(self.shape.node))
        projects_this = binds_this and _projects(text, "this")
        for focus_row in focus_rows:
            this = focus_row["this"]
            node = self.data.term(this)
            if only is not None and node not in only:
                continue
            query, subs = text, None
            if binds_this and isinstance(node, BNode):
                query, subs = self._project(text, ["this"]), {ox.Variable("this"): this}
            elif binds_this:
                query = _substitute(text, "this", _nt(node))

            def then(rows: list, node: Node = node) -> None:
                solutions = []
                for row in rows:
                    row.pop("this", None)
                    if projects_this:  # pyshacl's rows then hold the pre-bound $this
                        row["this"] = node
                    solutions.append((node, row))
                self.collect(solutions, messages)

            self.v.later(lambda query=query, subs=subs: self.data.solutions(query, subs), then)

    @staticmethod
    def _project(text: str, names: list[str]) -> str:
        """The query selecting the variables to substitute too."""
        masked = _mask(text)
        match = re.search(r"\bSELECT\b(\s+(?:DISTINCT|REDUCED)\b)?", masked, re.I)
        if match is None:
            raise ValueError("a SPARQL constraint must be a SELECT query")
        start = masked.find("{", match.end())
        projection = masked[match.end() : start]
        if "*" in projection:
            return text
        missing = [n for n in names if not re.search(rf"[\$\?]{n}\b", projection)]
        if not missing:
            return text
        if re.search(r"\b(?:GROUP|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\b", masked, re.I):
            raise NotImplementedError("a SPARQL constraint with aggregates must select $this")
        extra = " " + " ".join(f"?{n}" for n in missing)
        return text[: match.end()] + extra + text[match.end() :]

    def collect(
        self, rows: list[tuple[Node | None, dict[str, Node]]], messages: list[Node] | None
    ) -> None:
        """Results from solutions, as pyshacl builds them (deduplicated per focus node)."""
        seen: set = set()
        failed: set = set()
        for focus, solution in rows:
            bound = dict(solution)
            if focus is None:  # joined: the focus node is the solution's ?this
                if "this" not in bound:
                    continue
                focus_node = bound["this"]
            else:
                focus_node = focus
            if "failure" in bound:
                bound.pop("failure")
                if focus_node in failed:
                    continue
                failed.add(focus_node)
                value = None if self.shape.is_property else focus_node
                self.add(focus_node, value, None, messages, bound)
                continue
            p = bound.pop("path", None)
            v = bound.pop("value", None)
            t = bound.pop("this", None)
            if p is None and v is None and t is None:
                continue
            key = (focus_node, t, p, v, tuple(sorted(bound.items())))
            if key in seen:
                continue
            seen.add(key)
            if v is None and not self.shape.is_property:
                v = focus_node
            formatting: dict[str, Node] = dict(bound)
            for name, term in (("this", t), ("path", p), ("value", v)):
                if term is not None:
                    formatting[name] = term
            self.add(t or focus_node, v, p, messages, formatting)

    def add(
        self,
        focus: Node,
        value: Node | None,
        path: Node | None,
        messages: list[Node] | None,
        bound: dict[str, Node],
    ) -> None:
        self.v.results.append(
            _Result(
                focus,
                self.shape,
                SH.SPARQLConstraintComponent,
                value=value,
                path=path,
                source_constraint=self.node,
                extra_messages=messages,
                bound=bound,
            )
        )


# ------------------------------------------------------------------------------ report


class _Messages:
    """sh:resultMessage as pyshacl makes it: the shape's sh:message, else its generic text."""

    def __init__(self, shapes: _Shapes, data_graph: Graph) -> None:
        self.sg = shapes.g
        self.shapes = shapes
        self.data_graph = data_graph

    def __call__(self, r: _Result) -> list[Node]:
        messages: list[Node] = list(r.shape.messages)
        out: list[Node] = []
        if r.extra_messages:
            for m in r.extra_messages:
                if m in messages:
                    continue
                out.append(self._format(m, r.bound))
        elif not messages:
            messages = self.generic(r)
        out.extend(self._format(m, r.bound) for m in messages)
        return out

    @staticmethod
    def _format(message: Node, bound: dict[str, Node] | None) -> Node:
        if bound is None or not isinstance(message, Literal):
            return message
        return Literal(_format_message(str(message.value), bound))

    def generic(self, r: _Result) -> list[Node]:
        """pyshacl's default messages (pyshacl's own stringify_node, loaded only if needed)."""
        from pyshacl.rdfutil import stringify_node

        sg, node, g = self.sg, r.shape.node, self.sg

        def s(n: Node) -> str:
            return stringify_node(sg, n)

        def d(n: Node) -> str:
            try:
                return stringify_node(self.data_graph, n)
            except (LookupError, ValueError):
                return str(n)

        c = r.component
        path = s(r.shape.path) if r.shape.path is not None else None
        if c == SH.ClassConstraintComponent:
            rules = list(g.objects(node, SH["class"]))
            text = (
                f"Value does not have class {s(rules[0])}"
                if len(rules) < 2
                else "Value class is not in classes ({})".format(", ".join(s(x) for x in rules))
            )
        elif c == SH.DatatypeConstraintComponent:
            text = f"Value is not Literal with datatype {s(self.shapes.one(r.shape, SH.datatype))}"
        elif c == SH.NodeKindConstraintComponent:
            text = f"Value is not of Node Kind {s(self.shapes.one(r.shape, SH.nodeKind))}"
        elif c in (SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent):
            word, p = (
                ("Less", SH.minCount)
                if c == SH.MinCountConstraintComponent
                else ("More", SH.maxCount)
            )
            n = self.shapes.one(r.shape, p)
            text = f"{word} than {n.value} values on {d(r.focus)}->{path}"
        elif c in (SH.MinLengthConstraintComponent, SH.MaxLengthConstraintComponent):
            op, p = (
                (">=", SH.minLength)
                if c == SH.MinLengthConstraintComponent
                else ("<=", SH.maxLength)
            )
            text = f"String length not {op} {d(self.shapes.one(r.shape, p))}"
        elif c == SH.PatternConstraintComponent:
            rules = list(g.objects(node, SH.pattern))
            text = (
                f"Value does not match pattern '{rules[0].value}'"
                if len(rules) < 2
                else "Value does not match every pattern in ('{}')".format(
                    "', '".join(str(x.value) for x in rules)
                )
            )
        elif c in {component for component, _ in _RANGES.values()}:
            p, op = next((p, op) for p, (comp, op) in _RANGES.items() if comp == c)
            rules = list(g.objects(node, p))
            text = (
                f"Value is not {op} {s(rules[0])}"
                if len(rules) < 2
                else "Value is not {} in ({})".format(op, ", ".join(s(x) for x in rules))
            )
        elif c == SH.LanguageInConstraintComponent:
            text = f"String language is not in {s(self.shapes.one(r.shape, SH.languageIn))}"
        elif c == SH.UniqueLangConstraintComponent:
            text = "More than one String shares the same Language"
        elif c == SH.InConstraintComponent:
            members = [s(v) for v in set(g.items(self.shapes.one(r.shape, SH["in"])))]
            text = f"Value {d(r.value)} not in list {members}"
        elif c == SH.HasValueConstraintComponent:
            the_set = [s(v) for v in set(g.objects(node, SH.hasValue))]
            text = (
                f"Node {d(r.focus)}->{path} does not contain a value in the set: {the_set}"
                if path
                else f"Node {d(r.focus)} value is not a in the set of values: {the_set}"
            )
        elif c in (SH.OrConstraintComponent, SH.AndConstraintComponent, SH.XoneConstraintComponent):
            key = {
                SH.OrConstraintComponent: ("or", "one or more shapes in"),
                SH.AndConstraintComponent: ("and", "all shapes in"),
                SH.XoneConstraintComponent: ("xone", "exactly one shape in"),
            }[c]
            heads = list(g.objects(node, SH[key[0]]))
            if len(heads) < 2:
                listed = " , ".join(s(x) for x in g.items(heads[0]))
            else:
                listed = " and ".join(
                    "({})".format(" , ".join(s(x) for x in g.items(h))) for h in heads
                )
            text = f"Node {d(r.value)} must conform to {key[1]} {listed}"
        elif c == SH.NotConstraintComponent:
            heads = list(g.objects(node, SH["not"]))
            if len(heads) < 2:
                text = f"Node {d(r.value)} must not conform to shape {s(heads[0])}"
            else:
                text = "Node {} must not conform to any shapes in {}".format(
                    d(r.value), " , ".join(s(h) for h in heads)
                )
        elif c in (
            SH.QualifiedMinCountConstraintComponent,
            SH.QualifiedMaxCountConstraintComponent,
        ):
            value_shapes = set(g.objects(node, SH.qualifiedValueShape))
            shapes = ",".join(s(x) for x in value_shapes)
            counts = ""
            for p, word in ((SH.qualifiedMinCount, "MinCount"), (SH.qualifiedMaxCount, "MaxCount")):
                value = g.value(node, p)
                if value is not None:
                    counts += f" {word} {value.value}"
            plural = "s" if len(value_shapes) > 1 else ""
            shapes = f"({shapes})" if plural else shapes
            text = f"Focus node does not conform to shape{plural}{counts}: {shapes}"
        else:
            return []
        return [Literal(text)]


def _clone(source: Graph, node: Node, target: Graph, done: set[Node]) -> None:
    """Copy a blank node's description into the report, keeping its id (as pyshacl does)."""
    if not isinstance(node, BNode) or node in done:
        return
    done.add(node)
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        _clone(source, o, target, done)


def _report(
    results: list[_Result], shapes: _Shapes, messages: _Messages, allowed: set[URIRef]
) -> tuple[Graph, list[Finding]]:
    sg = shapes.g
    report = Graph(bind_namespaces="core")
    for prefix, namespace in sg.namespace_manager.namespaces():
        report.namespace_manager.bind(prefix, namespace)
    root = BNode()
    conforms = all(r.shape.severity in allowed for r in results)
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(conforms)))
    done: set[Node] = set()
    findings = []
    for r in results:
        node = BNode()
        path = r.path if r.path is not None else r.shape.path
        texts = messages(r)
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.sourceConstraintComponent, r.component))
        report.add((node, SH.sourceShape, r.shape.node))
        _clone(sg, r.shape.node, report, done)
        report.add((node, SH.resultSeverity, r.shape.severity))
        report.add((node, SH.focusNode, r.focus))
        if r.value is not None:
            report.add((node, SH.value, r.value))
        if path is not None:
            report.add((node, SH.resultPath, path))
            _clone(sg, path, report, done)
        if r.source_constraint is not None:
            report.add((node, SH.sourceConstraint, r.source_constraint))
            _clone(sg, r.source_constraint, report, done)
        for text in texts:
            report.add((node, SH.resultMessage, text))
        findings.append(
            Finding(
                focus=r.focus,
                path=path,
                value=r.value,
                severity=r.shape.severity,
                shape=r.shape.node,
                message=str(texts[0]) if texts else "",
            )
        )
    return report, findings


def validate_fast(
    triples_or_store: ox.Store | Graph | Iterable[Triple] | str | bytes | os.PathLike,
    shapes: Graph,
    *,
    allow_warnings: bool = True,
    allow_infos: bool = False,
    namespaces: Mapping[str, str] | None = None,
    threads: int | None = None,
) -> ValidationResult:
    """Validate like ``build_graph.validate.validate`` (pyshacl with ``inference="none"``,
    ``advanced=True``, ``allow_warnings=True``), with one SPARQL query per constraint.

    ``triples_or_store`` is best a store made by :func:`load_store` (load once, validate,
    query it further: validation does not change it); an rdflib graph, a triple iterable,
    N-Triples text or bytes, or an N-Triples file path is loaded first. A store loaded
    otherwise holds pyoxigraph's rewritten literals (a warning says so). ``namespaces`` are
    the prefixes SPARQL queries may use without declaring them (rdflib lets queries use the
    data graph's prefixes: they default to the graph's bindings when a graph is given).
    ``allow_warnings``/``allow_infos`` matter as in pyshacl: a value shape (in sh:or,
    sh:qualifiedValueShape...) whose severity is allowed always conforms. Queries run on
    ``threads`` threads (default: up to 4 CPUs).
    """
    rdflib_data = triples_or_store if isinstance(triples_or_store, Graph) else None
    if isinstance(triples_or_store, ox.Store):
        store = triples_or_store
    else:
        store = load_store(triples_or_store)
    if namespaces is None and rdflib_data is not None:
        namespaces = {p: str(n) for p, n in rdflib_data.namespaces()}
    data = _Data(store, namespaces)
    shape_index = _Shapes(shapes)
    validator = _Validator(data, shape_index, allow_warnings, allow_infos, rdflib_data)
    if threads is None:
        threads = min(4, os.cpu_count() or 1)
    try:
        results = validator.run(threads)
    finally:
        validator.close()
    results.sort(key=lambda r: (str(r.shape.node), str(r.component), str(r.focus), str(r.value)))
    messages = _Messages(shape_index, rdflib_data if rdflib_data is not None else Graph())
    report, findings = _report(results, shape_index, messages, validator.allowed)
    violations = sum(1 for f in findings if f.severity == SH.Violation)
    return ValidationResult(violations == 0, report, findings)
