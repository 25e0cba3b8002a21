"""The fast engine's SHACL validation report: result messages as pyshacl words them, and the
report graph (``sh:ValidationReport``) with the shapes' nodes copied in."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from build_graph.validate.fastshacl.data import _Result
from build_graph.validate.fastshacl.shapes import _RANGES, _Shapes
from build_graph.validate.result import Finding


def _format_message(message: str, bound: Mapping[str, Node]) -> str:
    """pyshacl's substitution of {?var} / {$var}: the term's str(), through re.sub."""
    for var, val in bound.items():
        message = re.sub(f"{{[?$]{var}}}", str(val), message)
    return message


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
