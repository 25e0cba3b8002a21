"""Validate the graph against the project's SHACL shapes with pyshacl."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SH

from build_graph.validate.result import (
    Finding,
    ValidationResult,
    allowed_severities,
    conforms,
    load_shapes,
)


def validate_pyshacl(
    data: Graph,
    shapes: Graph | None = None,
    *,
    allow_warnings: bool = True,
    allow_infos: bool = False,
) -> ValidationResult:
    """Run pyshacl in place (no inference, so no copy of the data graph is needed).

    The findings are the report's results (``sh:result``), not the details pyshacl nests under
    them (``sh:detail``). ``conforms`` is SHACL's: no finding whose severity is not allowed
    (``allow_warnings``: warnings and infos; ``allow_infos``: infos). A failure pyshacl
    reports (an ill-formed shape, a SPARQL query SHACL forbids) is raised."""
    from pyshacl import validate as shacl_validate

    _, report, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none",
        advanced=True,
        inplace=True,
        allow_warnings=allow_warnings,
        allow_infos=allow_infos,
    )
    if isinstance(report, Exception):  # pyshacl returns a ValidationFailure it caught
        raise report
    findings = []
    for root in report.subjects(RDF.type, SH.ValidationReport):
        for result in report.objects(root, SH.result):
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
    allowed = allowed_severities(allow_warnings, allow_infos)
    return ValidationResult(conforms(findings, allowed), report, findings)
