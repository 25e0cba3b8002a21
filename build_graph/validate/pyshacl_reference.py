"""Validate the graph against the project's SHACL shapes with pyshacl."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SH

from build_graph.validate.result import Finding, ValidationResult, load_shapes


def validate_pyshacl(data: Graph, shapes: Graph | None = None) -> ValidationResult:
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
