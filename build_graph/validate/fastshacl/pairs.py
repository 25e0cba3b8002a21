"""sh:closed and the property-pair components (sh:equals, sh:disjoint, sh:lessThan,
sh:lessThanOrEquals), each one whole-graph query in the exact view (values as written).

sh:lessThan & co compare with SPARQL's ``<`` and ``<=`` (the spec's wording): the values are
given back their own datatypes for the comparison (the exact view's stand-in datatypes would
make every typed literal incomparable), and a pair that cannot be compared is a result."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.validate.fastshacl.core import ComponentContext
from build_graph.validate.fastshacl.data import ConstraintResult, nt_term
from build_graph.validate.fastshacl.shapes import (
    ShapesGraphError,
    is_true,
    list_items,
    sorted_terms,
)
from build_graph.validate.fastshacl.store import FS

_COMPARISONS = {
    SH.lessThan: (SH.LessThanConstraintComponent, "<"),
    SH.lessThanOrEquals: (SH.LessThanOrEqualsConstraintComponent, "<="),
}
PAIR_PARAMETERS = frozenset({SH.equals, SH.disjoint, *_COMPARISONS})


def _focus_values(ctx: ComponentContext) -> str:
    """A pattern binding ?this and ?v to each focus node and value node, once."""
    if ctx.path is None:
        return f"{{ SELECT DISTINCT ?this (?this AS ?v) WHERE {{ {ctx.focus} }} }}"
    return f"{{ SELECT DISTINCT ?this ?v WHERE {{ {ctx.focus} {ctx.step('?this')}}} }}"


def closed(ctx: ComponentContext) -> None:
    """sh:closed true: a result for each triple of a value node whose predicate is neither a
    path of the shape's property shapes nor an ignored property (the predicate is the
    result's path, the object its value)."""
    g, shapes, node = ctx.v.g, ctx.v.shapes, ctx.shape.node
    if not is_true(shapes.one(ctx.shape, SH.closed)):
        return
    allowed: set[Node] = set()
    for prop in g.objects(node, SH.property):
        allowed.update(p for p in g.objects(prop, SH.path) if isinstance(p, URIRef))
    for head in g.objects(node, SH.ignoredProperties):
        allowed.update(list_items(g, head))
    listed = ", ".join(nt_term(p) for p in sorted_terms(allowed) if isinstance(p, URIRef))
    outside = f"FILTER(?fs_path NOT IN ({listed}))" if listed else ""
    typed = set(ctx.data.typed)  # any predicate may be met: the exact view, all of it
    query = (
        f"SELECT ?this ?v ?fs_path ?fs_object WHERE {{ {_focus_values(ctx)} "
        f"?v ?fs_path ?fs_object . {ctx.data.keep('?fs_object', typed)}{outside} }}"
    )

    def then(rows: list[ox.QuerySolution]) -> None:
        for row in rows:
            ctx.v.results.append(
                ConstraintResult(
                    ctx.data.term(row["this"]),
                    ctx.shape,
                    SH.ClosedConstraintComponent,
                    value=ctx.data.term(row["fs_object"]),
                    path=ctx.data.term(row["fs_path"]),
                )
            )

    ctx.v.later(lambda: ctx.select(query, typed), then)


def pair_constraint(ctx: ComponentContext, p: URIRef) -> None:
    """sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals: the values of the focus node
    for the shape's path against its values for each property given."""
    for other in sorted_terms(ctx.v.g.objects(ctx.shape.node, p)):
        if not isinstance(other, URIRef):
            raise ShapesGraphError(f"{p.n3()} of {ctx.shape.node} must be an IRI: {other}")
        if p == SH.equals:
            _equals(ctx, other)
        elif p == SH.disjoint:
            _report_pairs(ctx, SH.DisjointConstraintComponent, f"?this <{other}> ?v .", other)
        else:
            if not ctx.shape.is_property:
                raise ShapesGraphError(f"{p.n3()} is only allowed on property shapes")
            _compare(ctx, other, *_COMPARISONS[p])


def _report_pairs(ctx: ComponentContext, component: URIRef, condition: str, other: URIRef) -> None:
    """A result per value node for which ``condition`` (a pattern) holds."""
    ctx.report(
        f"SELECT ?this ?v WHERE {{ {_focus_values(ctx)} FILTER EXISTS {{ {condition} }} }}",
        component,
        extra={str(other)},
    )


def _equals(ctx: ComponentContext, other: URIRef) -> None:
    """The values missing from the other property's, and the other property's values
    missing from the values."""
    values = _focus_values(ctx)
    if ctx.path is None:
        missing_here = "FILTER(!sameTerm(?v, ?this))"
    else:
        missing_here = f"FILTER NOT EXISTS {{ ?this {ctx.path} ?v }}"
    keep = ctx.data.keep("?v", {str(other)})
    query = (
        f"SELECT ?this ?v WHERE {{ {{ {values} FILTER NOT EXISTS {{ ?this <{other}> ?v }} }} "
        f"UNION {{ {{ SELECT DISTINCT ?this WHERE {{ {ctx.focus} }} }} ?this <{other}> ?v . "
        f"{keep}{missing_here} }} }}"
    )
    ctx.report(query, SH.EqualsConstraintComponent, extra={str(other)})


def _comparable(ctx: ComponentContext, var: str) -> str:
    """The value of ``var`` with its own datatype back (the exact view's stand-ins are
    urn:x-fastshacl:dt:<datatype> and urn:x-fastshacl:ill:<datatype>)."""
    if not ctx.data.layout:
        return var
    return (
        f'IF(isLiteral({var}) && STRSTARTS(STR(DATATYPE({var})), "{FS}"), '
        f'STRDT(STR({var}), IRI(REPLACE(STR(DATATYPE({var})), "^{FS}[a-z]+:", ""))), {var})'
    )


def _compare(ctx: ComponentContext, other: URIRef, component: URIRef, op: str) -> None:
    """A result per (value, other value) pair where the value is not ``op`` the other, or
    the two cannot be compared."""
    keep = ctx.data.keep("?fs_o", {str(other)})
    test = f"COALESCE({_comparable(ctx, '?v')} {op} {_comparable(ctx, '?fs_o')}, false)"
    query = (
        f"SELECT ?this ?v ?fs_o WHERE {{ {_focus_values(ctx)} ?this <{other}> ?fs_o . "
        f"{keep}FILTER(!{test}) }}"
    )
    ctx.report(query, component, by="fs_o", extra={str(other)})
