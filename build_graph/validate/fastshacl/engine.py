"""A fast SHACL validator: each constraint of the shapes graph becomes one whole-graph SPARQL
query on pyoxigraph that selects only the offending focus nodes and values.

pyshacl (``build_graph.validate.pyshacl_reference``) is the reference: this module gives the same
results, with the same report structure, for every SHACL Core component and SHACL-SPARQL
constraints (``SUPPORTED``); what it does not run (SPARQL-based custom components, sh:rule,
recursive shapes...) raises ``NotImplementedError`` before any query runs
(:mod:`.support`), rather than being skipped. pyshacl evaluates each constraint per focus
node in Python (about 100 µs each) and SPARQL through rdflib's engine; here a constraint costs
one query over the whole graph, whatever the number of focus nodes. Where exactness needs
Python (``sh:pattern`` uses Python's ``re``, ``sh:minInclusive`` & co rdflib's comparisons),
the distinct values are checked in Python and only the failures go back into the query.

On a graph of millions of triples, the cost is in scanning predicates and joining them with
the focus nodes, so a constraint first runs a cheap probe without that join (do any values
fail at all? does any subject have two values?) and the sh:minCount 1 constraints of one set
of focus nodes share one pass; on a conforming graph most constraints stop there.

Three things matter for exactness:

* pyoxigraph stores typed literals by value: ``"0"^^xsd:positiveInteger`` comes back as
  ``"0"^^xsd:integer`` and ``"1.50"^^xsd:decimal`` as ``"1.5"``. :func:`load_validation_store`
  (:mod:`build_graph.validate.fastshacl.store`) therefore keeps every typed (non-string) literal
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
  with the focus nodes; any other runs once per focus node, with ``$this`` bound to the node
  as a term in every group of the query (:mod:`.prebinding`, the spec's Values Insertion).

Shapes inside shapes (sh:property of a property shape, sh:node, sh:or & co, sh:qualifiedValueShape)
take the values of their parent as focus nodes, as a pattern nested in the parent's
(:meth:`.core.ComponentContext.value_focus`): a value shape that is an expression on the value
is a filter of one query (:mod:`.expressions`), any other is validated on those values and its
verdicts compared in Python (:mod:`.nested`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from build_graph.validate.fastshacl import nested, pairs
from build_graph.validate.fastshacl.core import COUNT_JOIN, ComponentContext
from build_graph.validate.fastshacl.data import (
    RDF_PREFIXES,
    ConstraintResult,
    DataView,
    FocusNodes,
    nt_term,
)
from build_graph.validate.fastshacl.expressions import LOGICAL_PARAMETERS, NODE_KINDS, ValueShapes
from build_graph.validate.fastshacl.report import ResultMessages, build_report
from build_graph.validate.fastshacl.rewrites import memoized_filters
from build_graph.validate.fastshacl.shapes import (
    PYSHACL_PARAMETERS,
    RANGES,
    SUPPORTED,
    Shape,
    ShapesGraph,
    ShapesGraphError,
    is_true,
    list_items,
    sorted_terms,
)
from build_graph.validate.fastshacl.sparql import CompiledConstraint, mask_text, prefix_lines
from build_graph.validate.fastshacl.sparql_run import SparqlConstraint
from build_graph.validate.fastshacl.store import (
    Triple,
    drop_layout,
    load_validation_store,
    load_validation_store_files,
)
from build_graph.validate.fastshacl.support import check_shapes
from build_graph.validate.result import ValidationResult, allowed_severities, conforms

__all__ = [
    "SUPPORTED",
    "drop_layout",
    "load_validation_store",
    "load_validation_store_files",
    "validate_fast",
]


# ------------------------------------------------------------------------------ the validator

# SHACL instances of a class, as a property path (when a subclass is a blank node)
_TYPE_OF = (
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
    "<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
)


# The parameters by the way they are compiled (see Validator.shape_constraints).
_VALUE_PARAMETERS = frozenset(
    {
        SH["class"],
        SH.datatype,
        *RANGES,
        SH.nodeKind,
        SH.pattern,
        SH.minLength,
        SH.maxLength,
        SH.languageIn,
        SH["in"],
    }
)
_VALUE_SET_PARAMETERS = frozenset({SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue})
# read with the parameter they go with (sh:pattern, sh:closed, sh:qualifiedValueShape)
_COMPANIONS = frozenset(
    {
        SH.flags,
        SH.ignoredProperties,
        SH.qualifiedMinCount,
        SH.qualifiedMaxCount,
        SH.qualifiedValueShapesDisjoint,
    }
)

_T = TypeVar("_T")
# sh:minCount 1 constraints of one set of focus nodes, with their component
_MinCounts = list[tuple[ComponentContext, URIRef]]
# the outcome of their shared pass: (failing by count, the others, the focus nodes that fail
# one of the others)
_MinCountPass = tuple[_MinCounts, _MinCounts, list[ox.QuerySolution]]


@dataclass
class _Shared:
    """What a validation shares with the validations of value shapes it runs."""

    compiled: dict[Node, CompiledConstraint | None]
    closures: dict[URIRef, list[URIRef] | None] = field(default_factory=dict)
    nonconforming: dict[tuple[Node, str, bool], nested.Failing] = field(default_factory=dict)
    expressions: ValueShapes | None = None

    def clear(self) -> None:
        self.compiled.clear()
        self.closures.clear()
        self.nonconforming.clear()
        if self.expressions is not None:
            self.expressions.close()
        self.expressions = None


class Validator:
    """Compiles and runs the constraints of every shape that has targets; or, for a value
    shape (:meth:`nonconforming`), those of one shape on the values to judge."""

    def __init__(
        self,
        data: DataView,
        shapes: ShapesGraph,
        allowed: frozenset[Node],
        rdflib_data: Graph | None,
        shared: _Shared,
        honour: bool = False,
    ) -> None:
        self.data = data
        self.shapes = shapes
        self.g = shapes.g
        self.allowed = allowed
        self.rdflib_data = rdflib_data
        self.shared = shared
        if shared.expressions is None:
            shared.expressions = ValueShapes(self)
        self.expressions: ValueShapes = shared.expressions
        # a value shape validated as sh:or & co judge it: shapes of allowed severity skipped
        self.honour = honour
        self.results: list[ConstraintResult] = []
        self.pool: ThreadPoolExecutor | None = None
        # the handing over of each queued job's outcome, in the order the jobs were queued
        self.pending: list[Callable[[], None]] = []
        self.targets: dict[tuple[Node, Node], Future[list[str]] | list[str]] = {}
        # sh:minCount 1 constraints by focus pattern: one query finds whether any fails
        self.min_counts: dict[str, _MinCounts] = {}

    def later(self, job: Callable[[], _T], then: Callable[[_T], None]) -> None:
        """Run a query job on the thread pool (pyoxigraph evaluates queries outside the GIL);
        its results are handed to ``then`` in the main thread once every query is queued."""
        if self.pool is None:
            then(job())
        else:
            future = self.pool.submit(job)
            self.pending.append(lambda: then(future.result()))

    # -- focus nodes --------------------------------------------------------------------------

    def focus(self, shape: Shape) -> FocusNodes | None:
        """A group pattern binding ?this to the focus nodes of a shape (None: no focus node)."""
        g, branches, predicates = self.g, [], set()
        classes = [c for c in g.objects(shape.node, SH.targetClass) if isinstance(c, URIRef)]
        implicit = self.shapes.implicit_class(shape)
        if implicit is not None:
            classes.append(implicit)
        for cls in sorted(set(classes)):
            branches.append(self.instances("?this", cls, "?fs_fc"))
        nodes = [self.data.constant(n) for n in g.objects(shape.node, SH.targetNode)]
        for target in g.objects(shape.node, SH.target):
            found = self.targets.get((shape.node, target))
            if found is None:
                found = self.sparql_target(target)
            nodes.extend(found.result() if isinstance(found, Future) else found)
        if nodes:
            branches.append("VALUES ?this { " + " ".join(sorted(set(nodes))) + " }")
        for prop in sorted_terms(g.objects(shape.node, SH.targetSubjectsOf)):
            branches.append(f"?this {nt_term(prop)} ?fs_o .")
            predicates.add(str(prop))
        canon = list(branches)
        for prop in sorted_terms(g.objects(shape.node, SH.targetObjectsOf)):
            branches.append(f"?fs_s {nt_term(prop)} ?this . {self.data.keep('?this', [str(prop)])}")
            canon.append(f"?fs_s {nt_term(prop)} ?this .")
            predicates.add(str(prop))
        if not branches:
            return None
        return FocusNodes(
            " UNION ".join("{ " + b + " }" for b in branches),
            " UNION ".join("{ " + b + " }" for b in canon),
            frozenset(predicates),
        )

    def instances(self, var: str, cls: Node, class_var: str) -> str:
        """A pattern matching the SHACL instances of a class: its instances and those of its
        subclasses in the data (found once, so that the query has no property path)."""
        if not isinstance(cls, URIRef):
            return "FILTER(false)"
        closures = self.shared.closures
        if cls not in closures:
            rows = self.data.select(
                RDF_PREFIXES + f"SELECT DISTINCT ?c WHERE {{ ?c rdfs:subClassOf* <{cls}> }}",
                predicates={str(RDFS.subClassOf)},
            )
            found = [self.data.term(row["c"]) for row in rows]
            iris = [c for c in found if isinstance(c, URIRef)]  # the others: blank nodes
            closures[cls] = None if len(iris) < len(found) else sorted({cls, *iris})
        closure = closures[cls]
        if closure is None:  # a blank-node subclass: no constant for it, the path then
            return f"{var} {_TYPE_OF} <{cls}> ."
        if len(closure) == 1:
            return f"{var} <{RDF.type}> <{cls}> ."
        listed = " ".join(f"<{c}>" for c in closure)
        return f"VALUES {class_var} {{ {listed} }} {var} <{RDF.type}> {class_var} ."

    def sparql_target(self, target: Node) -> list[str]:
        """Focus nodes of a sh:SPARQLTarget (run once, in the canonical view, like pyshacl)."""
        text = prefix_lines(self.shapes.prefixes(target)) + str(self.g.value(target, SH.select))
        text = memoized_filters(text, mask_text(text)) or text
        found = []
        for row in self.data.select(text, exact=False):
            this = row["this"]
            if this is None:
                continue
            node = self.data.term(this)
            if isinstance(node, BNode):
                raise NotImplementedError(
                    "fastshacl cannot name the blank-node focus nodes of the SPARQL target "
                    f"{target}"
                )
            found.append(self.data.constant(node))
        return found

    # -- driving ------------------------------------------------------------------------------

    def run(self, shapes: list[Shape], threads: int) -> list[ConstraintResult]:
        """Validate the targeted ``shapes`` (in order), queries on ``threads`` threads."""
        if threads > 1:
            self.pool = ThreadPoolExecutor(threads)
        try:
            if self.pool is not None:  # the SPARQL targets first, all at once
                for shape in shapes:
                    for target in self.g.objects(shape.node, SH.target):
                        self.targets[(shape.node, target)] = self.pool.submit(
                            self.sparql_target, target
                        )
            for shape in shapes:
                focus = self.focus(shape)
                if focus is not None:
                    self.shape_constraints(shape, focus)
            self.finish()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
        return self.results

    def finish(self) -> None:
        """The shared sh:minCount 1 passes, then every queued outcome, in order."""
        for focus_pattern, batch in self.min_counts.items():
            self.run_min_counts(focus_pattern, batch)
        for hand_over in self.pending:
            hand_over()
        self.pending.clear()
        self.min_counts.clear()

    def close(self) -> None:
        """Let go of the contexts and the caches. The contexts point back here, and the
        collector would free such a cycle only in a full collection, which a build holds back
        (``heap.few_full_collections``): the caches, and the store, would stay till then."""
        self.results = []
        self.pending.clear()
        self.targets.clear()
        self.min_counts.clear()
        self.shared.clear()
        self.data.close()

    def nonconforming(self, node: Node, candidates: FocusNodes, honour: bool) -> nested.Failing:
        """The candidates that do not conform to the shape ``node``, each with the shape's
        results for it. ``honour``: as sh:or & co judge (a shape of allowed severity
        conforms); else as sh:node judges (any result counts)."""
        shape = self.shapes.shape(node)
        if shape.deactivated or (honour and shape.severity in self.allowed):
            return {}
        return self.validate_on(shape, candidates, honour)

    def validate_on(self, shape: Shape, candidates: FocusNodes, honour: bool) -> nested.Failing:
        """The results of a shape for the candidates as focus nodes, by focus node: a
        validation of its own, whose queries run at once (shared by the shapes that ask)."""
        key = (shape.node, candidates.pattern, honour)
        found = self.shared.nonconforming.get(key)
        if found is None:
            sub = Validator(self.data, self.shapes, self.allowed, None, self.shared, honour)
            sub.shape_constraints(shape, candidates)
            sub.finish()
            found = {}
            for result in sorted(sub.results, key=_result_order):
                found.setdefault(result.focus, []).append(result)
            self.shared.nonconforming[key] = found
        return found

    def batch_min_count(self, ctx: ComponentContext, component: URIRef) -> None:
        self.min_counts.setdefault(ctx.focus, []).append((ctx, component))

    def run_min_counts(self, focus: str, batch: _MinCounts) -> None:
        """The sh:minCount 1 constraints of one set of focus nodes. A path with few subjects
        beside the focus nodes is checked by counting (no join: the focus nodes all have a
        value if adding them to the path's subjects adds none); the others share one pass over
        the focus nodes that tells whether any fails. A query per failing constraint then
        finds the offenders."""

        def job() -> _MinCountPass:
            size = self.focus_size(focus, batch[0][0].predicates)
            failing: _MinCounts = []
            rest: _MinCounts = []
            for ctx, component in batch:
                if ctx.scannable and ctx.subject_count() <= COUNT_JOIN * size:
                    if not ctx.covers_focus():
                        failing.append((ctx, component))
                else:
                    rest.append((ctx, component))
            if not rest:
                return failing, rest, []
            tests = " || ".join(f"NOT EXISTS {{ {ctx.step('?this')}}}" for ctx, _ in rest)
            predicates = set().union(*(ctx.predicates for ctx, _ in rest))
            query = RDF_PREFIXES + f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER({tests}) }}"
            return failing, rest, self.data.select(query, predicates=predicates)

        def then(found: _MinCountPass) -> None:
            failing, rest, rows = found
            for ctx, component in failing:
                ctx.min_count_query(1, "", component)
            if not rows:
                return
            nodes = [row["this"] for row in rows]
            if any(isinstance(n, ox.BlankNode) for n in nodes):
                for ctx, component in rest:  # no constant for a blank node: all of them
                    ctx.min_count_query(1, "", component)
                return
            listed = "VALUES ?this { " + " ".join(str(n) for n in nodes) + " }"
            for ctx, component in rest:  # only the nodes that fail one of them
                ctx.report(
                    f"SELECT ?this WHERE {{ {listed} FILTER NOT EXISTS {{ {ctx.step('?this')}}} }}",
                    component,
                    with_value=False,
                )

        self.later(job, then)

    def focus_size(self, focus: str, predicates: set[str]) -> int:
        """The number of distinct focus nodes (counted once per set of focus nodes)."""
        query = RDF_PREFIXES + f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {focus} }}"
        return int(self.data.cached(query, predicates)[0]["n"].value)

    def parameters(self, shape: Shape) -> list[URIRef]:
        """The shape's parameters that pyshacl knows, in rdflib's order (an error for those
        this engine does not compile, which :mod:`.support` refuses before any work)."""
        params = sorted(
            {
                p
                for p in self.g.predicates(shape.node, None)
                if isinstance(p, URIRef) and p in PYSHACL_PARAMETERS
            }
        )
        for p in params:
            if p not in SUPPORTED and p != SH.flags:
                raise NotImplementedError(f"fastshacl does not support the {p.n3()} constraint")
        return params

    def shape_constraints(self, shape: Shape, focus: FocusNodes) -> None:
        """All constraints of one shape, for the focus nodes bound by ``focus``."""
        params = self.parameters(shape)
        ctx = self.context(shape, focus)
        for p in params:
            if p in _VALUE_PARAMETERS:
                self.value_constraint(ctx, p)
            elif p in _VALUE_SET_PARAMETERS:
                self.value_set_constraint(ctx, p)
            elif p in LOGICAL_PARAMETERS:
                nested.logical_constraint(self, ctx, p)
            elif p in pairs.PAIR_PARAMETERS:
                pairs.pair_constraint(ctx, p)
            elif p == SH.closed:
                pairs.closed(ctx)
            elif p == SH.node:
                nested.node_constraint(self, ctx)
            elif p not in _COMPANIONS:
                self.shape_based_constraint(ctx, p)

    def context(self, shape: Shape, focus: FocusNodes) -> ComponentContext:
        """The queries' context of a shape's constraints: its path, and the predicates the
        focus pattern and the path use."""
        path = shape.path
        sparql_path = self.shapes.sparql_path(path) if path is not None else None
        predicates = set(focus.predicates) | (
            self.shapes.path_iris(path) if path is not None else set()
        )
        scan_safe = self.shapes.scan_safe(path) if path else True
        ctx = ComponentContext(self, shape, focus, sparql_path, scan_safe, predicates)
        ctx.simple = isinstance(path, URIRef)
        return ctx

    def value_constraint(self, ctx: ComponentContext, p: URIRef) -> None:
        """A parameter that each value node must meet: a filter on the values."""
        shape, g, expressions = ctx.shape, self.g, self.expressions
        if p == SH["class"]:
            for cls in sorted_terms(g.objects(shape.node, SH["class"])):
                ctx.value_check(SH.ClassConstraintComponent, minus=expressions.class_pattern(cls))
        elif p == SH.datatype:
            ctx.datatype(self.shapes.one(shape, SH.datatype))
        elif p in RANGES:
            component, op = RANGES[p]
            for bound in sorted_terms(g.objects(shape.node, p)):
                bad = ctx.range_failures(bound, op)
                ctx.value_check(component, f"!isLiteral(?v) || {ctx.among('?v', bad)}")
        elif p == SH.nodeKind:
            kind = self.shapes.one(shape, SH.nodeKind)
            ctx.value_check(SH.NodeKindConstraintComponent, f"!{NODE_KINDS[kind].format(v='?v')}")
        elif p == SH.pattern:
            flags = g.value(shape.node, SH.flags)
            for pattern in sorted_terms(g.objects(shape.node, SH.pattern)):
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
            expr = expressions.language_in(self.shapes.one(shape, p), "?v")
            ctx.value_check(SH.LanguageInConstraintComponent, f"!{expr}")
        elif p == SH["in"]:
            members = list_items(g, self.shapes.one(shape, p))
            blanks = {m for m in members if isinstance(m, BNode)}
            ctx.value_check(
                SH.InConstraintComponent,
                f"!{expressions.one_of('?v', members)}",
                keep=(lambda value: value not in blanks) if blanks else None,
            )

    def value_set_constraint(self, ctx: ComponentContext, p: URIRef) -> None:
        """A parameter on the values of a focus node together: counts, language tags, a
        value that must be among them."""
        shape = ctx.shape
        if p == SH.minCount:
            self.require_property_shape(shape, p)
            ctx.min_count(self.shapes.integer(shape, p))
        elif p == SH.maxCount:
            self.require_property_shape(shape, p)
            ctx.max_count(self.shapes.integer(shape, p))
        elif p == SH.uniqueLang:
            value = self.shapes.one(shape, p)
            self.require_property_shape(shape, p)
            if not (isinstance(value, Literal) and isinstance(value.value, bool)):
                raise ShapesGraphError("sh:uniqueLang must be a boolean")
            if is_true(value):
                ctx.unique_lang()
        elif p == SH.hasValue:
            for value in sorted_terms(self.g.objects(shape.node, p)):
                ctx.has_value(value)

    def shape_based_constraint(self, ctx: ComponentContext, p: URIRef) -> None:
        """Parameters that hold shapes or SPARQL constraints (sh:qualifiedValueShape,
        sh:property, sh:sparql)."""
        shape, g = ctx.shape, self.g
        if p == SH.qualifiedValueShape:
            if shape.is_property:  # on a node shape, ignored (as pyshacl does, with a warning)
                for value_shape in sorted_terms(g.objects(shape.node, p)):
                    nested.qualified(self, ctx, value_shape)
        elif p == SH.property:
            for child in sorted_terms(g.objects(shape.node, p)):
                self.property_shape(ctx, child)
        elif p == SH.sparql:
            for constraint in sorted_terms(g.objects(shape.node, p)):
                compiled = self.shared.compiled.get(constraint)
                if compiled is not None:
                    SparqlConstraint(self, compiled, ctx.focus_nodes.canon).run()

    def require_property_shape(self, shape: Shape, p: URIRef) -> None:
        if not shape.is_property:
            raise ShapesGraphError(f"{p.n3()} is only allowed on property shapes ({shape.node})")

    def property_shape(self, parent: ComponentContext, child: Node) -> None:
        """A property shape of a shape: its focus nodes are the parent's value nodes, once for
        each focus node of the parent that has the value (a value shared by two focus nodes
        is validated, and reported, twice, as SHACL and pyshacl do)."""
        shape = self.shapes.shapes.get(child)
        if shape is None or not shape.is_property:
            raise ShapesGraphError(
                f"sh:property of {parent.shape.node} is not a property shape: {child}"
            )
        if shape.deactivated or (self.honour and shape.severity in self.allowed):
            return
        if parent.path is None:  # a node shape's value nodes are its focus nodes
            self.shape_constraints(shape, parent.focus_nodes)
            return
        found = self.validate_on(shape, parent.value_focus(), self.honour)
        if not found:
            return
        query = (
            f"SELECT ?v (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {parent.focus} "
            f"{parent.step('?this')}}} GROUP BY ?v"
        )

        def then(rows: list[ox.QuerySolution]) -> None:
            for row in rows:
                for result in found.get(self.data.term(row["v"]), ()):
                    self.results.extend([result] * int(row["n"].value))

        self.later(lambda: parent.select(query), then)


def _result_order(r: ConstraintResult) -> tuple[str, str, str, str]:
    return (str(r.shape.node), str(r.component), str(r.focus), str(r.value))


# ------------------------------------------------------------------------------ entry point


def validate_fast(
    triples_or_store: ox.Store | Graph | Iterable[Triple] | str | bytes | os.PathLike,
    shapes: Graph,
    *,
    allow_warnings: bool = True,
    allow_infos: bool = False,
    namespaces: Mapping[str, str] | None = None,
    threads: int | None = None,
) -> ValidationResult:
    """Validate like ``build_graph.validate.pyshacl_reference.validate_pyshacl`` (pyshacl with
    ``inference="none"``, ``advanced=True``), with one SPARQL query per constraint.

    ``triples_or_store`` is best a store made by :func:`load_validation_store` (load once,
    validate, query it further: validation does not change it); an rdflib graph, a triple
    iterable, N-Triples text or bytes, or an N-Triples file path is loaded first. A store
    loaded otherwise holds pyoxigraph's rewritten literals (a warning says so). ``namespaces``
    are the prefixes SPARQL queries may use without declaring them (rdflib lets queries use the
    data graph's prefixes: they default to the graph's bindings when a graph is given).
    ``allow_warnings``/``allow_infos`` matter as in pyshacl: the graph conforms when no result
    has another severity, and a value shape (in sh:or, sh:qualifiedValueShape...) whose
    severity is allowed always conforms. Queries run on ``threads`` threads (default: up to 4
    CPUs).

    Shapes the engine cannot run raise ``NotImplementedError`` before the data is read;
    ill-formed shapes, ``ShapesGraphError``.
    """
    rdflib_data = triples_or_store if isinstance(triples_or_store, Graph) else None
    if namespaces is None and rdflib_data is not None:
        namespaces = {p: str(n) for p, n in rdflib_data.namespaces()}
    shape_index = ShapesGraph(shapes)
    plan = check_shapes(shape_index, dict(namespaces or {}))
    if isinstance(triples_or_store, ox.Store):
        store = triples_or_store
    else:
        store = load_validation_store(triples_or_store)
    data = DataView(store, namespaces)
    allowed = allowed_severities(allow_warnings, allow_infos)
    validator = Validator(data, shape_index, allowed, rdflib_data, _Shared(dict(plan.compiled)))
    if threads is None:
        threads = min(4, os.cpu_count() or 1)
    try:
        results = validator.run(plan.targeted, threads)
    finally:
        validator.close()
    results.sort(key=_result_order)
    messages = ResultMessages(shape_index, rdflib_data if rdflib_data is not None else Graph())
    report, findings = build_report(results, shape_index, messages, allowed)
    return ValidationResult(conforms(findings, allowed), report, findings)
