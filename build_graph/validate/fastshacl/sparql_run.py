"""SHACL-SPARQL constraints run on the store's canonical view (compiled by :mod:`.sparql`):
joined with the focus nodes where possible, else once per focus node with the node pre-bound
as a term; results built from the solutions as pyshacl builds them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pyoxigraph as ox
from rdflib import BNode
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.validate.fastshacl.data import RDF_PREFIXES, ConstraintResult, nt_term
from build_graph.validate.fastshacl.prebinding import FOCUS_VARIABLE
from build_graph.validate.fastshacl.rewrites import slice_rows
from build_graph.validate.fastshacl.run import ValidationRun
from build_graph.validate.fastshacl.sparql import FOCUS_SLOT, PATTERN_SLOT, CompiledConstraint

Rows = Sequence[tuple[Node | None, dict[str, Node]]]
_Subs = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None


class SparqlConstraint:
    """One compiled sh:sparql constraint for the focus nodes of a pattern (canonical view)."""

    def __init__(self, validator: ValidationRun, compiled: CompiledConstraint, focus: str) -> None:
        self.v = validator
        self.data = validator.data
        self.c = compiled
        self.shape = compiled.shape
        self.focus = focus

    def run(self) -> None:
        c = self.c
        if c.joined is not None:
            query = c.prefixes + c.joined.replace(PATTERN_SLOT, self.focus)
            self.v.later(
                lambda: self.data.solutions(query),
                lambda rows: self.collect([(None, row) for row in rows]),
            )
        elif c.spec is not None:
            self.sliced()
        else:
            self.per_focus()

    def sliced(self) -> None:
        """One joined query; each focus node's solutions ordered and cut in Python as rdflib
        does (the few nodes where that is not decided by the ordering: one by one)."""
        spec = self.c.spec
        assert spec is not None

        def then(rows: list[dict[str, Node]]) -> None:
            groups, unsure = slice_rows(spec, rows)
            solutions = []
            for node, kept in groups.items():
                if node in unsure:
                    continue
                for row in kept:
                    row.pop("this", None)
                    if self.c.projects_this:
                        row["this"] = node
                    solutions.append((node, row))
            self.collect(solutions)
            if unsure:
                self.per_focus(only=unsure)

        query = self.c.prefixes + spec.joined(self.focus)
        self.v.later(lambda: self.data.solutions(query), then)

    def per_focus(self, only: set[Node] | None = None) -> None:
        """The query once per focus node, the node pre-bound as a term (:mod:`.prebinding`)."""
        c = self.c
        focus_rows = self.data.select(
            RDF_PREFIXES + f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}", exact=False
        )
        for focus_row in focus_rows:
            this = focus_row["this"]
            node = self.data.term(this)
            if only is not None and node not in only:
                continue
            subs = None
            if isinstance(node, BNode):
                if c.per_blank is None:
                    raise NotImplementedError(c.blank_refusal)
                query, subs = c.prefixes + c.per_blank.query, {ox.Variable(FOCUS_VARIABLE): this}
            else:
                query = c.prefixes + c.per_focus.replace(FOCUS_SLOT, nt_term(node))

            def then(rows: list[dict[str, Node]], node: Node = node, subs: _Subs = subs) -> None:
                if not rows and subs is not None:
                    rows = self._over_nothing(subs)
                solutions = []
                for row in rows:
                    row.pop("this", None)
                    row.pop(FOCUS_VARIABLE, None)
                    if c.projects_this:  # pyshacl's rows then hold the pre-bound $this
                        row["this"] = node
                    solutions.append((node, row))
                self.collect(solutions)

            self.v.later(partial(self.data.solutions, query, subs), then)

    def _over_nothing(self, subs: _Subs) -> list[dict[str, Node]]:
        """A blank focus node's solutions when its query, grouped by the node, gave none: the
        query's one group over no solution if the node matched nothing (:mod:`.prebinding`)."""
        blank = self.c.per_blank
        if blank is None or blank.over_nothing is None or blank.matches is None:
            return []
        if self.data.solutions(self.c.prefixes + blank.matches, subs):
            return []
        return self.data.solutions(self.c.prefixes + blank.over_nothing)

    def collect(self, rows: Rows) -> None:
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
                self.add(focus_node, value, None, bound)
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
            self.add(t or focus_node, v, p, formatting)

    def add(
        self, focus: Node, value: Node | None, path: Node | None, bound: dict[str, Node]
    ) -> None:
        self.v.results.append(
            ConstraintResult(
                focus,
                self.shape,
                SH.SPARQLConstraintComponent,
                value=value,
                path=path,
                source_constraint=self.c.node,
                extra_messages=self.c.messages,
                bound=bound,
            )
        )
