"""The fast engine's SHACL validation report: result messages as pyshacl words them, and the
report graph (``sh:ValidationReport``) with the shapes' nodes copied in."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from build_graph.validate.fastshacl.data import ConstraintResult
from build_graph.validate.fastshacl.shapes import RANGES, ShapesGraph
from build_graph.validate.result import Finding


def _format_message(message: str, bound: Mapping[str, Node]) -> str:
    """pyshacl's substitution of {?var} / {$var}: the term's str(), through re.sub."""
    for var, val in bound.items():
        message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


class ResultMessages:
    """sh:resultMessage as pyshacl makes it: the shape's sh:message, else its generic text."""

    def __init__(self, shapes: ShapesGraph, data_graph: Graph) -> None:
        self.sg = shapes.g
        self.shapes = shapes
        self.data_graph = data_graph

    def __call__(self, r: ConstraintResult) -> list[Node]:
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

    def generic(self, r: ConstraintResult) -> list[Node]:
        """pyshacl's default message of the result's component (none for the others)."""
        # the path first, whatever the component: stringify_node binds sh: in the shapes graph
        path = self.shape_term(r.shape.path) if r.shape.path is not None else None
        text = _GENERIC_TEXTS.get(r.component)
        return [] if text is None else [Literal(text(self, r, path))]

    # -- terms as pyshacl prints them (its own stringify_node, loaded only if needed) ----------

    def shape_term(self, node: Node) -> str:
        from pyshacl.rdfutil import stringify_node

        return stringify_node(self.sg, node)

    def data_term(self, node: Node | None) -> str:
        from pyshacl.rdfutil import stringify_node

        if node is None:  # no value node (never so for the components that print it)
            return str(node)
        try:
            return stringify_node(self.data_graph, node)
        except (LookupError, ValueError):
            return str(node)

    # -- the generic texts, one family of components each -------------------------------------

    def _class_text(self, r: ConstraintResult, path: str | None) -> str:
        rules = list(self.sg.objects(r.shape.node, SH["class"]))
        if len(rules) < 2:
            return f"Value does not have class {self.shape_term(rules[0])}"
        return "Value class is not in classes ({})".format(
            ", ".join(self.shape_term(x) for x in rules)
        )

    def _parameter_text(self, r: ConstraintResult, path: str | None) -> str:
        """The components of one parameter, named in the text (sh:datatype & co)."""
        words, parameter = _ONE_PARAMETER[r.component]
        return f"{words} {self.shape_term(self.shapes.one(r.shape, parameter))}"

    def _count_text(self, r: ConstraintResult, path: str | None) -> str:
        word, p = (
            ("Less", SH.minCount)
            if r.component == SH.MinCountConstraintComponent
            else ("More", SH.maxCount)
        )
        n = _literal_value(self.shapes.one(r.shape, p))
        return f"{word} than {n} values on {self.data_term(r.focus)}->{path}"

    def _length_text(self, r: ConstraintResult, path: str | None) -> str:
        op, p = (
            (">=", SH.minLength)
            if r.component == SH.MinLengthConstraintComponent
            else ("<=", SH.maxLength)
        )
        return f"String length not {op} {self.data_term(self.shapes.one(r.shape, p))}"

    def _pattern_text(self, r: ConstraintResult, path: str | None) -> str:
        rules = list(self.sg.objects(r.shape.node, SH.pattern))
        if len(rules) < 2:
            return f"Value does not match pattern '{_literal_value(rules[0])}'"
        return "Value does not match every pattern in ('{}')".format(
            "', '".join(str(_literal_value(x)) for x in rules)
        )

    def _range_text(self, r: ConstraintResult, path: str | None) -> str:
        p, op = next((p, op) for p, (comp, op) in RANGES.items() if comp == r.component)
        rules = list(self.sg.objects(r.shape.node, p))
        if len(rules) < 2:
            return f"Value is not {op} {self.shape_term(rules[0])}"
        return "Value is not {} in ({})".format(op, ", ".join(self.shape_term(x) for x in rules))

    def _unique_lang_text(self, r: ConstraintResult, path: str | None) -> str:
        return "More than one String shares the same Language"

    def _in_text(self, r: ConstraintResult, path: str | None) -> str:
        listed = set(self.sg.items(self.shapes.one(r.shape, SH["in"])))
        members = [self.shape_term(v) for v in listed]
        return f"Value {self.data_term(r.value)} not in list {members}"

    def _has_value_text(self, r: ConstraintResult, path: str | None) -> str:
        the_set = [self.shape_term(v) for v in set(self.sg.objects(r.shape.node, SH.hasValue))]
        focus = self.data_term(r.focus)
        if path:
            return f"Node {focus}->{path} does not contain a value in the set: {the_set}"
        return f"Node {focus} value is not a in the set of values: {the_set}"

    def _logical_text(self, r: ConstraintResult, path: str | None) -> str:
        """sh:or, sh:and, sh:xone: the shapes of each list."""
        parameter, words = _LOGICAL[r.component]
        g, s = self.sg, self.shape_term
        heads = list(g.objects(r.shape.node, parameter))
        if len(heads) < 2:
            listed = " , ".join(s(x) for x in g.items(heads[0]))
        else:
            listed = " and ".join(
                "({})".format(" , ".join(s(x) for x in g.items(h))) for h in heads
            )
        return f"Node {self.data_term(r.value)} must conform to {words} {listed}"

    def _not_text(self, r: ConstraintResult, path: str | None) -> str:
        heads = list(self.sg.objects(r.shape.node, SH["not"]))
        value = self.data_term(r.value)
        if len(heads) < 2:
            return f"Node {value} must not conform to shape {self.shape_term(heads[0])}"
        shapes = " , ".join(self.shape_term(h) for h in heads)
        return f"Node {value} must not conform to any shapes in {shapes}"

    def _qualified_text(self, r: ConstraintResult, path: str | None) -> str:
        g, node = self.sg, r.shape.node
        value_shapes = set(g.objects(node, SH.qualifiedValueShape))
        shapes = ",".join(self.shape_term(x) for x in value_shapes)
        counts = ""
        for p, word in ((SH.qualifiedMinCount, "MinCount"), (SH.qualifiedMaxCount, "MaxCount")):
            value = g.value(node, p)
            if value is not None:
                counts += f" {word} {_literal_value(value)}"
        plural = "s" if len(value_shapes) > 1 else ""
        shapes = f"({shapes})" if plural else shapes
        return f"Focus node does not conform to shape{plural}{counts}: {shapes}"

    def _node_text(self, r: ConstraintResult, path: str | None) -> str:
        shapes = list(self.sg.objects(r.shape.node, SH.node))
        if len(shapes) < 2:
            text = f"Value does not conform to Shape {self.shape_term(shapes[0])}."
        else:
            rules = "', '".join(self.shape_term(c) for c in shapes)
            text = f"Value must conform to every Shape in ('{rules}')."
        return text + " See details for more information."

    def _closed_text(self, r: ConstraintResult, path: str | None) -> str:
        return f"Node {self.data_term(r.focus)} is closed. It cannot have value: " + self.data_term(
            r.value
        )

    def _pair_text(self, r: ConstraintResult, path: str | None) -> str:
        """sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals: the property (or the
        properties) compared with, and the operator that does not hold."""
        parameter, op = _PAIRS[r.component]
        others = list(set(self.sg.objects(r.shape.node, parameter)))  # pyshacl's order
        if len(others) < 2:
            rules = self.shape_term(others[0])
        else:
            rules = ", ".join(self.shape_term(p) for p in others)
        return f"Value of {self.data_term(r.focus)}->{rules} {op} {self.data_term(r.value)}"


def _literal_value(node: Node) -> object:
    """The value of a parameter that the engine checked to be a literal before any result."""
    if not isinstance(node, Literal):
        raise TypeError(f"not a literal: {node!r}")
    return node.value


# The components whose text names their one parameter.
_ONE_PARAMETER = {
    SH.DatatypeConstraintComponent: ("Value is not Literal with datatype", SH.datatype),
    SH.NodeKindConstraintComponent: ("Value is not of Node Kind", SH.nodeKind),
    SH.LanguageInConstraintComponent: ("String language is not in", SH.languageIn),
}

_LOGICAL = {
    SH.OrConstraintComponent: (SH["or"], "one or more shapes in"),
    SH.AndConstraintComponent: (SH["and"], "all shapes in"),
    SH.XoneConstraintComponent: (SH.xone, "exactly one shape in"),
}

# the parameter of each property-pair component, and the word of pyshacl's text
_PAIRS = {
    SH.EqualsConstraintComponent: (SH.equals, "!="),
    SH.DisjointConstraintComponent: (SH.disjoint, "=="),
    SH.LessThanConstraintComponent: (SH.lessThan, "<="),
    SH.LessThanOrEqualsConstraintComponent: (SH.lessThanOrEquals, "<"),
}

_GENERIC_TEXTS: dict[URIRef, Callable[[ResultMessages, ConstraintResult, str | None], str]] = {
    SH.ClassConstraintComponent: ResultMessages._class_text,
    **dict.fromkeys(_ONE_PARAMETER, ResultMessages._parameter_text),
    SH.MinCountConstraintComponent: ResultMessages._count_text,
    SH.MaxCountConstraintComponent: ResultMessages._count_text,
    SH.MinLengthConstraintComponent: ResultMessages._length_text,
    SH.MaxLengthConstraintComponent: ResultMessages._length_text,
    SH.PatternConstraintComponent: ResultMessages._pattern_text,
    **{component: ResultMessages._range_text for component, _ in RANGES.values()},
    SH.UniqueLangConstraintComponent: ResultMessages._unique_lang_text,
    SH.InConstraintComponent: ResultMessages._in_text,
    SH.HasValueConstraintComponent: ResultMessages._has_value_text,
    **dict.fromkeys(_LOGICAL, ResultMessages._logical_text),
    SH.NotConstraintComponent: ResultMessages._not_text,
    SH.QualifiedMinCountConstraintComponent: ResultMessages._qualified_text,
    SH.QualifiedMaxCountConstraintComponent: ResultMessages._qualified_text,
    SH.NodeConstraintComponent: ResultMessages._node_text,
    SH.ClosedConstraintComponent: ResultMessages._closed_text,
    **dict.fromkeys(_PAIRS, ResultMessages._pair_text),
}


def _clone(source: Graph, node: Node, target: Graph, done: set[Node]) -> None:
    """Copy a blank node's description into the report, keeping its id (as pyshacl does);
    a path, as the path it is read as (:func:`_clone_path`)."""
    if not isinstance(node, BNode) or node in done:
        return
    done.add(node)
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if p == SH.path:
            _clone_path(source, o, target, done)
        else:
            _clone(source, o, target, done)


_PATH_PREDICATES = (
    SH.inversePath,
    SH.alternativePath,
    SH.zeroOrMorePath,
    SH.oneOrMorePath,
    SH.zeroOrOnePath,
)


def _clone_path(source: Graph, path: Node, target: Graph, done: set[Node]) -> None:
    """Copy a SHACL path into the report with the triples the path is read by (a node that is
    both a list and an inverse path, as in the W3C test path-strange-001, is a sequence), its
    blank nodes keeping their ids."""
    if not isinstance(path, BNode) or path in done:
        return
    done.add(path)
    if source.value(path, RDF.first) is not None:
        _clone_list(source, path, target, done, _clone_path)
        return
    for p in _PATH_PREDICATES:
        inner = source.value(path, p)
        if inner is not None:
            target.add((path, p, inner))
            if p == SH.alternativePath:
                _clone_list(source, inner, target, done, _clone_path)
            else:
                _clone_path(source, inner, target, done)
            return


def _clone_list(
    source: Graph,
    head: Node,
    target: Graph,
    done: set[Node],
    member: Callable[[Graph, Node, Graph, set[Node]], None],
) -> None:
    """Copy an RDF list's nodes (rdf:first, rdf:rest), its members by ``member``."""
    node = head
    while isinstance(node, BNode):
        done.add(node)
        first, rest = source.value(node, RDF.first), source.value(node, RDF.rest)
        if first is None or rest is None:
            return
        target.add((node, RDF.first, first))
        target.add((node, RDF.rest, rest))
        member(source, first, target, done)
        node = rest


def build_report(
    results: list[ConstraintResult],
    shapes: ShapesGraph,
    messages: ResultMessages,
    allowed: frozenset[Node],
) -> tuple[Graph, list[Finding]]:
    """The sh:ValidationReport graph, and the results as findings (the report's sh:result;
    the details of sh:node results are in the graph only, under sh:detail)."""
    sg = shapes.g
    report = Graph(bind_namespaces="core")
    for prefix, namespace in sg.namespace_manager.namespaces():
        report.namespace_manager.bind(prefix, namespace)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(all(r.shape.severity in allowed for r in results))))
    writer = _ResultWriter(report, sg, messages)
    findings = []
    for r in results:
        node, texts = writer.write(r)
        report.add((root, SH.result, node))
        findings.append(
            Finding(
                focus=r.focus,
                path=r.path if r.path is not None else r.shape.path,
                value=r.value,
                severity=r.shape.severity,
                shape=r.shape.node,
                message=str(texts[0]) if texts else "",
            )
        )
    return report, findings


class _ResultWriter:
    """sh:ValidationResult nodes in the report, with the shapes' nodes they name copied in."""

    def __init__(self, report: Graph, sg: Graph, messages: ResultMessages) -> None:
        self.report = report
        self.sg = sg
        self.messages = messages
        self.done: set[Node] = set()

    def write(self, r: ConstraintResult) -> tuple[BNode, list[Node]]:
        """The result's node (and its details', linked by sh:detail), and its messages."""
        report, sg, done = self.report, self.sg, self.done
        node = BNode()
        path = r.path if r.path is not None else r.shape.path
        texts = self.messages(r)
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.sourceConstraintComponent, r.component))
        report.add((node, SH.sourceShape, r.shape.node))
        if path is not None:
            _clone_path(sg, path, report, done)
        _clone(sg, r.shape.node, report, done)
        report.add((node, SH.resultSeverity, r.shape.severity))
        report.add((node, SH.focusNode, r.focus))
        if r.value is not None:
            report.add((node, SH.value, r.value))
        if path is not None:
            report.add((node, SH.resultPath, path))
        if r.source_constraint is not None:
            report.add((node, SH.sourceConstraint, r.source_constraint))
            _clone(sg, r.source_constraint, report, done)
        for text in texts:
            report.add((node, SH.resultMessage, text))
        for detail in r.details or ():
            report.add((node, SH.detail, self.write(detail)[0]))
        return node, texts
