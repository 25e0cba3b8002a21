"""One result type for both SHACL engines: the findings, their severities, and the shapes the
project ships."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.resources import resource_dir

SEVERITIES = (SH.Violation, SH.Warning, SH.Info)


@dataclass(frozen=True)
class Finding:
    """One sh:ValidationResult. Focus nodes and shapes may be blank nodes, paths too (a
    sequence or an inverse path), and a severity is whatever term the shape gives."""

    focus: Node
    path: Node | None
    value: object
    severity: Node
    shape: Node | None
    message: str


@dataclass
class ValidationResult:
    conforms: bool
    report: Graph
    findings: list[Finding]

    @property
    def counts(self) -> Counter:
        return Counter(f.severity for f in self.findings)

    @property
    def violations(self) -> int:
        return self.counts[SH.Violation]


def allowed_severities(allow_warnings: bool, allow_infos: bool) -> frozenset[Node]:
    """The severities that leave a graph conforming, as pyshacl's options say: infos with
    either option, warnings with ``allow_warnings``; never a violation, nor a custom severity."""
    allowed: set[Node] = set()
    if allow_warnings or allow_infos:
        allowed.add(SH.Info)
    if allow_warnings:
        allowed.add(SH.Warning)
    return frozenset(allowed)


def conforms(findings: Iterable[Finding], allowed: frozenset[Node]) -> bool:
    """SHACL's verdict: no result at all, or none whose severity is not allowed (a custom
    severity, like sh:Violation, makes a graph non-conforming)."""
    return all(f.severity in allowed for f in findings)


def load_shapes() -> Graph:
    graph = Graph()
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph
