"""One result type for both SHACL engines: the findings, their severities, and the shapes the
project ships."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node
from rdflib.util import guess_format

from build_graph.errors import InputError
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


def load_shapes(extra: Sequence[Path] = ()) -> Graph:
    """The project's shapes, and a user's own shape files beside them (``sdgkg build
    --shapes``), read before any work so that a bad file stops the build at once."""
    graph = Graph()
    for path in sorted(resource_dir("shapes").glob("*.ttl")):
        graph.parse(path, format="turtle")
    for path in extra:
        graph += read_shapes_file(Path(path))
    return graph


def read_shapes_file(path: Path) -> Graph:
    """A user's shapes file, in any RDF syntax rdflib reads (by its extension; Turtle else)."""
    if not path.is_file():
        raise InputError(path, "no such shapes file")
    syntax = guess_format(str(path)) or "turtle"
    try:
        return Graph().parse(path, format=syntax)
    except Exception as error:  # rdflib's parsers raise many kinds; any is a bad file
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(path, f"not readable as {syntax} shapes: {reason}") from error
