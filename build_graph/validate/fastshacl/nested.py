"""The components that hold shapes: sh:node, and sh:or / sh:and / sh:xone / sh:not and
sh:qualifiedValueShape when a member shape is not an expression on the value (it has property
shapes, sh:closed, property pairs, SPARQL...).

Such a member is validated as a shape of its own, its focus nodes being the values to judge
(:meth:`NestedRun.nonconforming`: a validation of the same engine, whole-graph queries
included); the values it reports on do not conform. The component then compares each value
with those sets in Python. Expressible members keep the single-query path of
:mod:`.expressions`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.validate.fastshacl.core import ComponentContext
from build_graph.validate.fastshacl.data import ConstraintResult, FocusNodes
from build_graph.validate.fastshacl.expressions import ValueShapes, members_of
from build_graph.validate.fastshacl.run import ValidationRun
from build_graph.validate.fastshacl.shapes import (
    ShapesGraph,
    ShapesGraphError,
    is_true,
    sorted_terms,
)

# the results of validating candidate values against a shape, by value
Failing = dict[Node, list[ConstraintResult]]


class NestedRun(ValidationRun, Protocol):
    """What the shape-holding components need of the validator."""

    shapes: ShapesGraph
    expressions: ValueShapes

    def nonconforming(self, node: Node, candidates: FocusNodes, honour: bool) -> Failing:
        """The candidates that do not conform to the shape, with the shape's results for each
        (``honour``: as sh:or & co decide, a shape of allowed severity conforming; else as
        sh:node decides, any result counting)."""
        ...


def node_constraint(run: NestedRun, ctx: ComponentContext) -> None:
    """sh:node: a result for each value that does not conform, with the shape's results for
    it as details (sh:detail, as pyshacl gives them)."""
    for target in sorted_terms(run.g.objects(ctx.shape.node, SH.node)):
        failing = run.nonconforming(target, ctx.value_focus(), honour=False)
        if failing:
            report_values(run, ctx, SH.NodeConstraintComponent, failing.__contains__, failing)


def logical_constraint(run: NestedRun, ctx: ComponentContext, p: URIRef) -> None:
    """sh:or, sh:and, sh:xone, sh:not: one query if every member is an expression, else the
    members validated on the values and combined in Python."""
    component: URIRef = SH[f"{p.split('#')[1].capitalize()}ConstraintComponent"]
    expressions = run.expressions
    for head in sorted_terms(run.g.objects(ctx.shape.node, p)):
        members = [head] if p == SH["not"] else members_of(run.g, p, head)
        if all(expressions.expressible(m) for m in members):
            ctx.value_check(component, f"!{expressions.logical(p, head, ctx)}")
            continue
        candidates = ctx.value_focus()
        failing = [set(run.nonconforming(m, candidates, honour=True)) for m in members]

        def fails(value: Node, failing: list[set[Node]] = failing) -> bool:
            return not satisfied(p, [value not in f for f in failing])

        report_values(run, ctx, component, fails)


def satisfied(p: URIRef, conforms: list[bool]) -> bool:
    """sh:not, sh:or, sh:and, sh:xone of the members' verdicts on a value."""
    if p == SH["not"]:
        return not conforms[0]
    if p == SH["or"]:
        return any(conforms)
    if p == SH["and"]:
        return all(conforms)
    return sum(conforms) == 1


def report_values(
    run: NestedRun,
    ctx: ComponentContext,
    component: URIRef,
    fails: Callable[[Node], bool],
    details: Failing | None = None,
) -> None:
    """A result for each (focus node, value node) whose value ``fails``."""

    def then(rows: list[ox.QuerySolution]) -> None:
        seen = set()
        for row in rows:
            key = (row["this"], row["v"])
            if key in seen:
                continue
            seen.add(key)
            value = run.data.term(row["v"])
            if fails(value):
                run.results.append(
                    ConstraintResult(
                        run.data.term(row["this"]),
                        ctx.shape,
                        component,
                        value=value,
                        details=details.get(value) if details else None,
                    )
                )

    query = ctx.pairs("")
    run.later(lambda: ctx.select(query), then)


def qualified(run: NestedRun, ctx: ComponentContext, value_shape: Node) -> None:
    """sh:qualifiedValueShape: counts of the values that conform to the value shape (and,
    if disjoint, to none of its siblings)."""
    g, node, shapes = run.g, ctx.shape.node, run.shapes
    shapes.shape(value_shape)
    low = _optional_int(run, node, SH.qualifiedMinCount)
    high = _optional_int(run, node, SH.qualifiedMaxCount)
    if low is None and high is None:
        raise ShapesGraphError(f"sh:qualifiedValueShape without counts on {node}")
    siblings: set[Node] = set()
    if any(is_true(d) for d in g.objects(node, SH.qualifiedValueShapesDisjoint)):
        siblings = {
            sibling
            for parent in g.subjects(SH.property, node)
            for prop in g.objects(parent, SH.property)
            for sibling in g.objects(prop, SH.qualifiedValueShape)
            if sibling != value_shape and sibling in shapes.shapes
        }
    expressions = run.expressions
    if all(expressions.expressible(s) for s in (value_shape, *siblings)):
        expr = expressions.conforms(value_shape, ctx, 0)
        for sibling in sorted_terms(siblings):
            expr += f" && !{expressions.conforms(sibling, ctx, 0)}"
        where = f"FILTER({expr})"
        if high is not None:
            ctx.max_count(high, where, SH.QualifiedMaxCountConstraintComponent)
        if low is not None:
            ctx.min_count(low, where, SH.QualifiedMinCountConstraintComponent)
        return
    candidates = ctx.value_focus()
    outside = set(run.nonconforming(value_shape, candidates, honour=True))
    sibling_failing = [set(run.nonconforming(s, candidates, honour=True)) for s in siblings]

    def counted(value: Node) -> bool:
        return value not in outside and all(value in f for f in sibling_failing)

    _count_values(run, ctx, counted, low, high)


def _count_values(
    run: NestedRun,
    ctx: ComponentContext,
    counted: Callable[[Node], bool],
    low: int | None,
    high: int | None,
) -> None:
    """Each focus node's number of values that are ``counted``, against the bounds."""
    if ctx.path is None:
        query = f"SELECT DISTINCT ?this (?this AS ?v) WHERE {{ {ctx.focus} }}"
    else:  # every focus node, with or without values
        focus = f"{{ SELECT DISTINCT ?this WHERE {{ {ctx.focus} }} }}"
        query = f"SELECT DISTINCT ?this ?v WHERE {{ {focus} OPTIONAL {{ {ctx.step('?this')}}} }}"

    def then(rows: list[ox.QuerySolution]) -> None:
        counts: dict[ox.NamedNode | ox.BlankNode | ox.Literal, int] = {}
        for row in rows:
            this = row["this"]
            counts.setdefault(this, 0)
            if row["v"] is not None and counted(run.data.term(row["v"])):
                counts[this] += 1
        for this, n in counts.items():
            failed = []
            if high is not None and n > high:
                failed.append(SH.QualifiedMaxCountConstraintComponent)
            if low is not None and n < low:
                failed.append(SH.QualifiedMinCountConstraintComponent)
            for component in failed:
                run.results.append(ConstraintResult(run.data.term(this), ctx.shape, component))

    run.later(lambda: ctx.select(query), then)


def _optional_int(run: NestedRun, node: Node, predicate: URIRef) -> int | None:
    values = list(run.g.objects(node, predicate))
    if not values:
        return None
    if len(values) > 1 or not (isinstance(values[0], Literal) and isinstance(values[0].value, int)):
        raise ShapesGraphError(f"{predicate.n3()} of {node} must be one integer")
    return int(values[0].value)
