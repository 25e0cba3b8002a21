"""Value shapes compiled into SPARQL expressions: "the value in ``?v`` conforms to this shape",
for the shapes of sh:or, sh:and, sh:xone, sh:not, sh:node and sh:qualifiedValueShape that only
constrain the value itself (its class, datatype, kind, range, pattern, length, language,
membership, and such conditions combined). Those expressions become filters of a single
query; a value shape that needs more (property shapes, sh:closed, property pairs, SPARQL, a
blank node to compare with) is validated as a shape of its own instead (:mod:`.nested`)."""

from __future__ import annotations

from typing import Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.graph.nt_terms import lit
from build_graph.validate.fastshacl.core import ComponentContext
from build_graph.validate.fastshacl.data import DataView
from build_graph.validate.fastshacl.shapes import (
    RANGES,
    Shape,
    ShapesGraph,
    ShapesGraphError,
    list_items,
    sorted_terms,
)

# sh:nodeKind: the test of a value (``{v}``) for each kind
NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}

LOGICAL_PARAMETERS = frozenset({SH["or"], SH["and"], SH.xone, SH["not"]})
QUALIFIED_PARAMETERS = frozenset(
    {
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH.qualifiedMaxCount,
        SH.qualifiedValueShapesDisjoint,
    }
)
# what a value shape may hold and still be an expression (sh:in and sh:hasValue: unless they
# name a blank node, which has no constant in a query)
_VALUE_PARAMETERS = frozenset(
    {
        SH["class"],
        SH.datatype,
        SH.nodeKind,
        *RANGES,
        SH["in"],
        SH.hasValue,
        SH.languageIn,
        SH.minLength,
        SH.maxLength,
        SH.pattern,
        SH.flags,
    }
)
_ON_PROPERTY_SHAPES_ONLY = frozenset({SH.minCount, SH.maxCount, SH.uniqueLang})
_MAX_DEPTH = 16


class ExpressionRun(Protocol):
    """What the expressions need of the validator."""

    data: DataView
    shapes: ShapesGraph
    allowed: frozenset[Node]

    def parameters(self, shape: Shape) -> list[URIRef]:
        """The shape's parameters, in rdflib's order."""
        ...

    def instances(self, var: str, cls: Node, class_var: str) -> str:
        """A pattern matching the SHACL instances of a class."""
        ...


class ValueShapes:
    """The expressions of one validation (whether a value shape is one is remembered)."""

    def __init__(self, run: ExpressionRun) -> None:
        self.run = run
        self.g = run.shapes.g
        self._expressible: dict[Node, bool] = {}

    def close(self) -> None:
        """Let go of the validator (it holds this object: a cycle otherwise, see
        ``Validator.close``)."""
        self._expressible.clear()
        del self.run

    def expressible(self, node: Node, depth: int = 0) -> bool:
        """True if "conforms to the shape" can be a SPARQL expression on the value."""
        found = self._expressible.get(node)
        if found is None:
            found = self._expressible[node] = self._check(node, depth)
        return found

    def _check(self, node: Node, depth: int) -> bool:
        shape = self.run.shapes.shape(node)
        if shape.deactivated:
            return True
        if shape.is_property or depth > _MAX_DEPTH:
            return False
        g = self.g
        for p in self.run.parameters(shape):
            if p in (SH["in"], SH.hasValue):
                values = (
                    list_items(g, self.run.shapes.one(shape, p))
                    if p == SH["in"]
                    else list(g.objects(node, p))
                )
                if any(isinstance(v, BNode) for v in values):
                    return False
            elif p in LOGICAL_PARAMETERS or p == SH.node:
                members = [m for m in self.run.shapes.references(node) if m != node]
                if not all(self.expressible(m, depth + 1) for m in members):
                    return False
            elif p not in _VALUE_PARAMETERS | QUALIFIED_PARAMETERS | _ON_PROPERTY_SHAPES_ONLY:
                return False
        return True

    # -- expressions ---------------------------------------------------------------------------

    def class_pattern(self, cls: Node, var: str = "?v") -> str:
        return self.run.instances(var, cls, "?fs_vc")

    def one_of(self, var: str, members: list[Node]) -> str:
        """sameTerm, not =: SPARQL's value comparison errs or equates where pyshacl does not.
        Blank nodes have no constant: the caller checks them in Python."""
        terms = [self.run.data.constant(m) for m in members if not isinstance(m, BNode)]
        if not terms:
            return "false"
        return "(" + " || ".join(f"sameTerm({var}, {t})" for t in terms) + ")"

    def language_in(self, head: Node, var: str) -> str:
        langs = []
        for lang in list_items(self.g, head):
            if not (isinstance(lang, Literal) and isinstance(lang.value, str)):
                raise ShapesGraphError("sh:languageIn members must be strings")
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

    def logical(self, p: URIRef, head: Node, ctx: ComponentContext) -> str:
        """The condition "the value conforms" of sh:or / sh:and / sh:xone (a list) or sh:not."""
        if p == SH["not"]:
            return f"!{self.conforms(head, ctx, 0)}"
        parts = [self.conforms(m, ctx, 0) for m in members_of(self.g, p, head)]
        return combine(p, parts)

    def conforms(
        self, node: Node, ctx: ComponentContext, depth: int, var: str = "?v", honour: bool = True
    ) -> str:
        """A SPARQL expression, true when the value in ``var`` conforms to the shape ``node``
        as pyshacl decides it: with ``honour``, a shape whose severity is allowed always
        conforms (sh:or, sh:not...); without, any result of the shape counts (sh:node)."""
        if depth > _MAX_DEPTH:
            raise NotImplementedError("fastshacl does not support value shapes this deep")
        shape = self.run.shapes.shape(node)
        if shape.deactivated or (honour and shape.severity in self.run.allowed):
            return "true"
        if shape.is_property:
            raise NotImplementedError("a property shape is not an expression on the value")
        parts: list[str] = []
        for p in self.run.parameters(shape):
            parts.extend(self.conditions(shape, p, ctx, depth, var))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def conditions(
        self, shape: Shape, p: URIRef, ctx: ComponentContext, depth: int, var: str
    ) -> list[str]:
        """What a value in ``var`` meets if it conforms to one parameter of a value shape."""
        g, node, shapes = self.g, shape.node, self.run.shapes
        if p == SH["class"]:
            return [
                f"(!isLiteral({var}) && EXISTS {{ {self.class_pattern(cls, var)} }})"
                for cls in sorted_terms(g.objects(node, p))
            ]
        if p == SH.datatype:
            return [ctx.datatype_conforms(shapes.one(shape, p), var)]
        if p == SH.nodeKind:
            return [NODE_KINDS[shapes.one(shape, p)].format(v=var)]
        if p in RANGES:
            return [
                f"(isLiteral({var}) && !{ctx.among(var, ctx.range_failures(bound, RANGES[p][1]))})"
                for bound in sorted_terms(g.objects(node, p))
            ]
        if p == SH["in"]:
            return [self.one_of(var, list_items(g, shapes.one(shape, p)))]
        if p == SH.hasValue:
            return [self.one_of(var, [v]) for v in sorted_terms(g.objects(node, p))]
        if p == SH.languageIn:
            return [self.language_in(shapes.one(shape, p), var)]
        if p == SH.minLength:
            n = shapes.integer(shape, p)
            return [f"(!isBlank({var}) && STRLEN(STR({var})) >= {n})"] if n > 0 else []
        if p == SH.maxLength:
            n = shapes.integer(shape, p)
            return [f"(!isBlank({var}) && STRLEN(STR({var})) <= {n})"]
        if p == SH.pattern:
            flags = g.value(node, SH.flags)
            return [
                f"(!isBlank({var}) && !{ctx.among(var, ctx.pattern_failures(pattern, flags))})"
                for pattern in sorted_terms(g.objects(node, p))
            ]
        if p == SH.node:
            return [
                self.conforms(target, ctx, depth + 1, var, honour=False)
                for target in sorted_terms(g.objects(node, p))
            ]
        if p in LOGICAL_PARAMETERS:
            return self.logical_conditions(node, p, ctx, depth, var)
        if p in _ON_PROPERTY_SHAPES_ONLY:
            raise ShapesGraphError(f"{p.n3()} is only allowed on property shapes ({node})")
        if p in QUALIFIED_PARAMETERS or p == SH.flags:
            return []  # on node shapes, ignored (see Validator.shape_based_constraint)
        raise NotImplementedError(f"{p.n3()} is not an expression on the value")

    def logical_conditions(
        self, node: Node, p: URIRef, ctx: ComponentContext, depth: int, var: str
    ) -> list[str]:
        """sh:or, sh:and, sh:xone, sh:not of a value shape, one condition per list."""
        parts = []
        for head in sorted_terms(self.g.objects(node, p)):
            if p == SH["not"]:
                parts.append(f"!{self.conforms(head, ctx, depth + 1, var)}")
                continue
            subs = [self.conforms(m, ctx, depth + 1, var) for m in members_of(self.g, p, head)]
            parts.append(combine(p, subs))
        return parts


def members_of(g: Graph, p: URIRef, head: Node) -> list[Node]:
    """The shapes of a sh:and / sh:or / sh:xone list (never empty)."""
    members = list_items(g, head)
    if not members:
        raise ShapesGraphError(f"the list of {p.n3()} must not be empty")
    return members


def combine(p: URIRef, parts: list[str]) -> str:
    """The members' conditions combined as sh:or, sh:and or sh:xone combine them."""
    if p == SH["or"]:
        return "(" + " || ".join(parts) + ")"
    if p == SH["and"]:
        return "(" + " && ".join(parts) + ")"
    return "((" + " + ".join(f"IF({c}, 1, 0)" for c in parts) + ") = 1)"
