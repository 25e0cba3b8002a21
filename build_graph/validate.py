"""Validate the graph against the project's SHACL shapes with pyshacl."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from .resources import resource_dir

SEVERITIES = (SH.Violation, SH.Warning, SH.Info)


@dataclass(frozen=True)
class Finding:
    focus: URIRef
    path: URIRef | None
    value: object
    severity: URIRef
    shape: URIRef | None
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


def load_shapes() -> Graph:
    graph = Graph()
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def validate(data: Graph, shapes: Graph | None = None) -> ValidationResult:
    """Run pyshacl in place (no inference, so no copy of the data graph is needed)."""
    from pyshacl import validate as shacl_validate

    _, report, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        advanced=True,
        inplace=True,
        allow_warnings=True,
    )
    findings = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        message = report.value(result, SH.resultMessage)
        findings.append(
            Finding(
                focus=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                severity=report.value(result, SH.resultSeverity),
                shape=report.value(result, SH.sourceShape),
                message=str(message) if message is not None else "",
            )
        )
    violations = sum(1 for f in findings if f.severity == SH.Violation)
    return ValidationResult(violations == 0, report, findings)
