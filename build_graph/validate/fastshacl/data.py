"""The data graph as the engine reads it: N-Triples terms, value comparisons as SHACL defines
them, the store's two views (:class:`DataView`), and the records of focus nodes and results
that the engine, its components and the report share."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from build_graph.graph.nt_terms import lit
from build_graph.validate.fastshacl.shapes import Shape
from build_graph.validate.fastshacl.store import (
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
    pyshacl_accepts,
    query_solutions,
)

RDF_PREFIXES = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)


def nt_term(node: Node, surrogate: bool = False) -> str:
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


def in_range(value: Node, bound: Node, op: str) -> bool:
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


# The graphs a view reads as its default graph (the first) and as named graphs (the others).
_Graphs = list[ox.DefaultGraph | ox.NamedNode]
# Values given to variables before a query runs (pyoxigraph's pre-binding).
_Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]


def _metadata(store: ox.Store, predicate: str, graph: ox.NamedNode | None) -> set[str]:
    """The values of a property of the layout's metadata node (in ``graph``, else any)."""
    quads = store.quads_for_pattern(ox.NamedNode(META), ox.NamedNode(predicate), None, graph)
    return {q.object.value for q in quads if not isinstance(q.object, ox.Triple)}


class DataView:
    """The store and its two views, with term conversion and a cache of helper queries."""

    def __init__(self, store: ox.Store, namespaces: Mapping[str, str] | None) -> None:
        self.store = store
        meta = ox.NamedNode(META)
        self.layout = VERSION in _metadata(store, LAYOUT, None)
        self.typed = _metadata(store, TYPED, meta)
        self.all_typed = _metadata(store, ALL_TYPED, meta)
        self.exact_graphs: _Graphs | None
        self.canon_graphs: _Graphs | None
        if self.layout:
            self.exact_graphs = [ox.DefaultGraph(), ox.NamedNode(EXACT)]
            self.canon_graphs = [ox.DefaultGraph()]
        else:
            warnings.warn(
                "fastshacl: the store was not made by load_validation_store(); pyoxigraph rewrites "
                "typed "
                "literals (e.g. xsd:positiveInteger becomes xsd:integer), so sh:datatype and "
                "reported literal values may differ from pyshacl.",
                stacklevel=3,
            )
            self.exact_graphs = self.canon_graphs = None
        self.namespaces = {k: str(v) for k, v in (namespaces or {}).items()}
        self._terms: dict[object, Node] = {}
        self._cache: dict[str, list[ox.QuerySolution]] = {}
        # sh:minInclusive & co: (value, bound, operator) -> pyshacl's verdict, shared by shapes
        self.verdicts: dict[tuple[object, str, str], bool] = {}

    def select(
        self,
        query: str,
        exact: bool = True,
        substitutions: _Substitutions | None = None,
        predicates: set[str] | None = None,
    ) -> list[ox.QuerySolution]:
        """Run a SELECT in one view; rows as pyoxigraph solutions. A query of the exact view
        whose predicates have no typed literal runs on the default graph alone (faster)."""
        graphs = self.exact_graphs if exact else self.canon_graphs
        if exact and graphs is not None and predicates is not None and not predicates & self.typed:
            graphs = [ox.DefaultGraph()]
        kwargs: dict[str, Any] = {"prefixes": self.namespaces} if self.namespaces else {}
        if graphs is not None:
            kwargs["default_graph"] = graphs
            # GRAPH <exact> { ... }: see ComponentContext.step
            kwargs["named_graphs"] = graphs[1:]
        if substitutions:
            kwargs["substitutions"] = substitutions
        return list(query_solutions(self.store.query(query, **kwargs)))

    def solutions(
        self, query: str, substitutions: _Substitutions | None = None
    ) -> list[dict[str, Node]]:
        """A canonical-view SELECT as dicts of the bound variables, in rdflib terms."""
        kwargs: dict[str, Any] = {"prefixes": self.namespaces} if self.namespaces else {}
        if self.canon_graphs is not None:
            kwargs["default_graph"] = self.canon_graphs
            kwargs["named_graphs"] = []
        if substitutions:
            kwargs["substitutions"] = substitutions
        result = query_solutions(self.store.query(query, **kwargs))
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

    def cached(self, query: str, predicates: set[str] | None = None) -> list[ox.QuerySolution]:
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
        return nt_term(node, surrogate=self.layout)


@dataclass(frozen=True)
class FocusNodes:
    """The focus nodes of a shape as a group pattern on ?this (in the exact view, and in the
    canonical view), and the predicates it uses."""

    pattern: str
    canon: str
    predicates: frozenset[str]


@dataclass
class ConstraintResult:
    """One result of a shape's constraint component for a focus node: a sh:ValidationResult
    of the report, with what its message needs."""

    focus: Node
    shape: Shape
    component: URIRef
    value: Node | None = None
    path: Node | None = None
    source_constraint: Node | None = None
    extra_messages: list[Node] | None = None
    bound: dict[str, Node] | None = None
    # sh:node: the results of validating the value against the shape (sh:detail)
    details: list[ConstraintResult] | None = None
