"""The SHACL Core constraint components, each evaluated for all focus nodes of a shape at once
by whole-graph SPARQL on the store. The validator that drives them is seen through
:class:`ComponentRun` (the engine imports this module, not the other way round)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from build_graph.validate.fastshacl.data import (
    RDF_PREFIXES,
    ConstraintResult,
    FocusNodes,
    in_range,
    nt_term,
)
from build_graph.validate.fastshacl.run import ValidationRun
from build_graph.validate.fastshacl.shapes import Shape, ShapesGraph, ShapesGraphError
from build_graph.validate.fastshacl.store import EXACT, FS, SURROGATE, XSD_STRING

# Joining focus nodes with a path costs a lookup per node, about as much as scanning this
# many triples: a path with fewer subjects than that many per focus node is scanned whole.
COUNT_JOIN = 4


class ComponentRun(ValidationRun, Protocol):
    """What the core components need of the validator besides the queue: the shapes and the
    shared sh:minCount 1 pass."""

    shapes: ShapesGraph

    def batch_min_count(self, ctx: ComponentContext, component: URIRef) -> None:
        """Check ``ctx``'s sh:minCount 1 with the others of its focus nodes."""
        ...

    def focus_size(self, focus: str, predicates: set[str]) -> int:
        """The number of distinct focus nodes of ``focus`` (counted once)."""
        ...


class ComponentContext:
    """One shape's constraints for one set of focus nodes: builds and runs the queries."""

    def __init__(
        self,
        validator: ComponentRun,
        shape: Shape,
        focus: FocusNodes,
        path: str | None,
        scannable: bool,
        predicates: set[str],
    ) -> None:
        self.v = validator
        self.data = validator.data
        self.shape = shape
        self.focus_nodes = focus
        self.focus = focus.pattern
        self.path = path
        self.scannable = scannable
        self.predicates = predicates
        # a predicate path gives each value once (a triple is unique): no DISTINCT needed
        self.simple = False
        self.keep = self.data.keep("?v", predicates)
        self.exact_only = (
            self.data.layout and path is not None and path[1:-1] in self.data.all_typed
        )

    @functools.cached_property
    def scan_safe(self) -> bool:
        """Whether the queries scan the path's triples whole and then join the focus nodes,
        rather than look up each focus node's values. A scan needs a path that can be scanned,
        and pays only where the path has at most COUNT_JOIN subjects per focus node: a label
        shape on 63 plans must not read a national graph's 1.1 million label triples (3.2 s for
        sh:uniqueLang) to check 63 (counted once per path and focus set; a path that is not a
        predicate is scanned when it can be)."""
        if not self.scannable:
            return False
        if not self.simple:
            return True
        focus = self.v.focus_size(self.focus, self.predicates)
        return self.subject_count() <= COUNT_JOIN * focus

    def step(self, subject: str) -> str:
        """The pattern binding ``?v`` to the values of ``subject`` in the exact view: a
        predicate with only typed literals is read from the exact graph alone (no filter)."""
        if self.exact_only:
            return f"GRAPH <{EXACT}> {{ {subject} {self.path} ?v }} "
        return f"{subject} {self.path} ?v . {self.keep}"

    def select(
        self, query: str, extra: set[str] | frozenset[str] = frozenset()
    ) -> list[ox.QuerySolution]:
        """Run a query of the shape's constraints (``extra``: predicates it uses besides the
        focus pattern's and the path's, which decide the view)."""
        return self.data.select(RDF_PREFIXES + query, predicates=self.predicates | extra)

    def value_focus(self) -> FocusNodes:
        """The value nodes of the focus nodes (distinct), as focus nodes: those of a shape
        nested under this one (sh:property of a property shape), or the candidates of a
        value shape (sh:node, sh:or...). A node shape's value nodes are its focus nodes."""
        if self.path is None:
            return self.focus_nodes
        focus = self.focus_nodes
        exact = (
            f"{{ SELECT DISTINCT (?v AS ?this) WHERE {{ "
            f"{{ SELECT (?this AS ?fs_up) WHERE {{ {focus.pattern} }} }} {self.step('?fs_up')}}} }}"
        )
        canon = (
            f"{{ SELECT DISTINCT (?v AS ?this) WHERE {{ "
            f"{{ SELECT (?this AS ?fs_up) WHERE {{ {focus.canon} }} }} ?fs_up {self.path} ?v }} }}"
        )
        predicates = frozenset(self.predicates)
        return FocusNodes(exact, canon, predicates)

    def cached(self, query: str) -> list[ox.QuerySolution]:
        return self.data.cached(RDF_PREFIXES + query, self.predicates)

    def report(
        self,
        query: str,
        component: URIRef,
        with_value: bool = True,
        by: str | None = None,
        probe: Callable[[], bool] | None = None,
        keep: Callable[[Node], bool] | None = None,
        extra: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """Queue the query; each solution (?this, and ?v if ``with_value``) is a result, once
        (or once per value of the variable ``by``), if ``keep`` keeps its value. If ``probe``
        says there can be no solution, the query is not run (on a conforming graph, most are
        not)."""

        def then(rows: list[ox.QuerySolution]) -> None:
            seen = set()  # the queries leave duplicates (of the focus pattern) to this
            for row in rows:
                key = (row["this"], row["v"] if with_value else None, row[by] if by else None)
                if key in seen:
                    continue
                seen.add(key)
                value = self.data.term(key[1]) if with_value else None
                if keep is not None and value is not None and not keep(value):
                    continue
                self.v.results.append(
                    ConstraintResult(self.data.term(key[0]), self.shape, component, value=value)
                )

        def job() -> list[ox.QuerySolution]:
            return [] if probe is not None and not probe() else self.select(query, extra)

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
        self,
        component: URIRef,
        bad: str | None = None,
        minus: str | None = None,
        keep: Callable[[Node], bool] | None = None,
    ) -> None:
        """A per-value constraint: report each (focus, value) where ``bad`` holds or that
        ``minus`` (a pattern on ?v) does not match, if ``keep`` keeps the value."""
        where = f"FILTER({bad})" if bad else ""
        if minus:
            where += f" MINUS {{ {minus} }}"
        probe = None
        if self.path is not None and self.scan_safe:
            probe = self.exists(f"SELECT ?v WHERE {{ {self.step('?this')}{where} }}")
        self.report(self.pairs(where), component, probe=probe, keep=keep)

    def among(self, var: str, terms: list[str]) -> str:
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
        bound_key = nt_term(bound) if isinstance(bound, (URIRef, Literal)) else str(bound)
        for row in self.cached(self.values("FILTER(isLiteral(?v))")):
            key = (row["v"], bound_key, op)  # rdflib terms hash slowly: the key is text
            ok = verdicts.get(key)
            if ok is None:
                ok = verdicts.setdefault(key, in_range(self.data.term(row["v"]), bound, op))
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
            raise ShapesGraphError("sh:pattern must be a literal")
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

    def _value_counts(self) -> list[ox.QuerySolution]:
        query = (
            f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?this) AS ?m) WHERE {{ {self.step('?this')}}}"
        )
        return self.data.cached(RDF_PREFIXES + query, self.predicates)

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
        if isinstance(value, BNode):
            self._has_blank_value(value)
            return
        if self.path is None:
            query = (
                f"SELECT DISTINCT ?this WHERE {{ {self.focus} "
                f"FILTER(!sameTerm(?this, {self.data.constant(value)})) }}"
            )
        else:
            keyword = "MINUS" if self.scan_safe else "FILTER NOT EXISTS"
            query = (
                f"SELECT DISTINCT ?this WHERE {{ {self.focus} {keyword} {{ ?this {self.path} "
                f"{self.data.constant(value)} }} }}"
            )
        self.report(query, SH.HasValueConstraintComponent, with_value=False)

    def _has_blank_value(self, value: BNode) -> None:
        """sh:hasValue of a blank node (of the shapes graph, met in the data when both are one
        graph): no constant in a query, so each focus node's blank values are compared here."""
        if self.path is None:
            query = f"SELECT DISTINCT ?this (?this AS ?v) WHERE {{ {self.focus} }}"
        else:
            query = (
                f"SELECT DISTINCT ?this ?v WHERE {{ {self.focus} "
                f"OPTIONAL {{ {self.step('?this')}FILTER(isBlank(?v)) }} }}"
            )

        def then(rows: list[ox.QuerySolution]) -> None:
            holders = {
                row["this"]
                for row in rows
                if row["v"] is not None and self.data.term(row["v"]) == value
            }
            for this in dict.fromkeys(row["this"] for row in rows):
                if this not in holders:
                    self.v.results.append(
                        ConstraintResult(
                            self.data.term(this), self.shape, SH.HasValueConstraintComponent
                        )
                    )

        self.v.later(lambda: self.select(query), then)
