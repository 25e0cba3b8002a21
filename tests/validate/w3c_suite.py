"""The W3C SHACL test suite (``tests/w3c_shacl``, vendored): its tests read from the manifests,
run on an engine, and judged as the suite's own rules say (``data-shapes-test-suite/index.html``
of w3c/data-shapes, section "Validate RDF data", full compliance):

* the expected report is the manifest's triples about ``mf:result`` and its results, with the
  structures of their result paths;
* the actual report is cut to the same predicates (``sh:resultMessage`` only where the expected
  report gives the same text), without nested results (``sh:detail``), and each result path
  copied for its result;
* the test passes when the two graphs are isomorphic, or, for ``mf:result sht:Failure``, when
  the engine reported a failure.

The Turtle files are read, and the engines run, with literals as written (rdflib's
normalization of literals off, :func:`literals_as_written`), for both engines.

An engine's outcome is one of ``pass``, ``fail`` (a wrong report, a report instead of a
failure, or a failure instead of a report), ``refused`` (a ``NotImplementedError``: the
engine says it cannot run the test) and ``crash`` (any other exception)."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import rdflib
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH
from rdflib.term import Node

SUITE = Path(__file__).resolve().parents[1] / "w3c_shacl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

OUTCOMES = ("pass", "fail", "refused", "crash")

# the predicates of results that the suite compares (index.html: "only the following
# predicates are used by triples in the expected graph")
_RESULT_PREDICATES = (
    SH.focusNode,
    SH.resultSeverity,
    SH.sourceConstraint,
    SH.sourceConstraintComponent,
    SH.sourceShape,
    SH.value,
)


@dataclass(frozen=True)
class SuiteTest:
    """One ``sht:Validate`` entry of a manifest."""

    name: str  # the file's path in the suite without ".ttl", e.g. "core/node/closed-001"
    file: Path
    node: URIRef
    data: Path
    shapes: Path
    approved: bool

    @property
    def area(self) -> str:
        """The area of the suite: core or sparql."""
        return self.name.split("/", 1)[0]

    @property
    def component(self) -> str:
        """The feature a test is about: its file name without the number ("closed",
        "path-sequence", "pre-binding"), prefixed by its area."""
        stem = re.sub(r"-\d+$", "", self.name.rsplit("/", 1)[-1])
        return f"{self.area}/{stem}"


def _path(iri: Node) -> Path:
    return Path(unquote(urlparse(str(iri)).path))


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@contextmanager
def literals_as_written() -> Iterator[None]:
    """rdflib's normalization of literals off, which would turn "1"^^xsd:boolean into "true"
    (the test uniqueLang-002 is about that difference) and "2011-01-01"^^xsd:dateTime into
    "2011-01-01T00:00:00" (datatype-001 expects the value as written)."""
    normalize = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


@cache
def suite_tests() -> tuple[SuiteTest, ...]:
    """Every test reachable from the root manifest (``mf:include``), in manifest order."""
    found: list[SuiteTest] = []
    pending = [SUITE / "manifest.ttl"]
    while pending:
        file = pending.pop(0)
        graph = _parse(file)
        manifest = URIRef(file.as_uri())
        pending.extend(_path(i) for i in graph.objects(manifest, MF.include))
        for entries in graph.objects(manifest, MF.entries):
            for entry in graph.items(entries):
                if (entry, RDF.type, SHT.Validate) not in graph:
                    raise ValueError(f"{file}: {entry} is not a sht:Validate test")
                action = graph.value(entry, MF.action)
                name = str(file.relative_to(SUITE).with_suffix(""))
                found.append(
                    SuiteTest(
                        name=name,
                        file=file,
                        node=URIRef(str(entry)),
                        data=_path(graph.value(action, SHT.dataGraph)),
                        shapes=_path(graph.value(action, SHT.shapesGraph)),
                        approved=graph.value(entry, MF.status) == SHT.approved,
                    )
                )
    return tuple(found)


def approved_tests() -> list[SuiteTest]:
    return [t for t in suite_tests() if t.approved]


# ------------------------------------------------------------------------------ comparing


def _copy_path(source: Graph, node: Node, target: Graph) -> Node:
    """A result path copied into ``target`` with new blank nodes (never shared)."""
    if not isinstance(node, BNode):
        return node
    copy = BNode()
    for p, o in source.predicate_objects(node):
        target.add((copy, p, _copy_path(source, o, target)))
    return copy


def expected_report(test: SuiteTest) -> Graph | None:
    """The report the test expects, as the suite builds it (None: a failure is expected)."""
    manifest = _parse(test.file)
    result = manifest.value(test.node, MF.result)
    if result == SHT.Failure:
        return None
    return _cut(manifest, result, messages=None)


def _cut(report: Graph, root: Node, messages: set[Node] | None) -> Graph:
    """The report's root and results with the compared predicates only; ``messages``: the
    result messages to keep (None: all, for the expected report)."""
    out = Graph()
    out.add((root, RDF.type, SH.ValidationReport))
    for conforms in report.objects(root, SH.conforms):
        out.add((root, SH.conforms, conforms))
    for result in report.objects(root, SH.result):
        out.add((root, SH.result, result))
        out.add((result, RDF.type, SH.ValidationResult))
        for p in _RESULT_PREDICATES:
            for o in report.objects(result, p):
                out.add((result, p, o))
        for path in report.objects(result, SH.resultPath):
            out.add((result, SH.resultPath, _copy_path(report, path, out)))
        for message in report.objects(result, SH.resultMessage):
            if messages is None or message in messages:
                out.add((result, SH.resultMessage, message))
    return out


def actual_report(report: Graph, expected: Graph) -> Graph:
    roots = list(report.subjects(RDF.type, SH.ValidationReport))
    if len(roots) != 1:
        raise AssertionError(f"{len(roots)} sh:ValidationReport nodes in the report")
    return _cut(report, roots[0], set(expected.objects(None, SH.resultMessage)))


# ------------------------------------------------------------------------------ running

Engine = Callable[[Graph, Graph], Graph]  # (data, shapes) -> the report graph


@dataclass(frozen=True)
class Outcome:
    kind: str  # one of OUTCOMES
    detail: str = ""


def run(test: SuiteTest, engine: Engine, failures: tuple[type[BaseException], ...]) -> Outcome:
    """Run one test, literals as written; ``failures``: the exceptions by which the engine
    reports a failure (ill-formed shapes, a query it must refuse)."""
    with literals_as_written():
        return _run(test, engine, failures)


def _run(test: SuiteTest, engine: Engine, failures: tuple[type[BaseException], ...]) -> Outcome:
    graphs: dict[Path, Graph] = {}
    for path in (test.data, test.shapes):
        if path not in graphs:
            graphs[path] = _parse(path)  # the same graph when data and shapes are one file
    expected = expected_report(test)
    try:
        report = engine(graphs[test.data], graphs[test.shapes])
    except NotImplementedError as exc:
        return Outcome("refused", str(exc))
    except failures as exc:
        if expected is None:
            return Outcome("pass", f"failure reported: {exc}")
        return Outcome("fail", f"failure reported instead of a report: {exc}")
    except Exception:  # a crash is an outcome to record, not to raise
        return Outcome("crash", traceback.format_exc(limit=-3))
    if expected is None:
        return Outcome("fail", "a report instead of a failure")
    actual = actual_report(report, expected)
    if isomorphic(actual, expected):
        return Outcome("pass")
    return Outcome(
        "fail",
        "report differs\nexpected:\n  "
        + expected.serialize(format="turtle").replace("\n", "\n  ")
        + "\nactual:\n  "
        + actual.serialize(format="turtle").replace("\n", "\n  "),
    )


def table(outcomes: dict[str, dict[SuiteTest, Outcome]]) -> str:
    """Pass/fail/refused/crash per component and per area, for each engine (a Markdown
    table)."""
    engines = list(outcomes)
    tests = list(next(iter(outcomes.values())))
    header = "| component | tests | " + " | ".join(
        f"{e} pass | fail | refused | crash" for e in engines
    )
    lines = [header + " |", "|---|---:|" + "---:|" * (4 * len(engines))]

    def row(label: str, group: list[SuiteTest]) -> str:
        cells = [label, str(len(group))]
        for engine in engines:
            for kind in OUTCOMES:
                cells.append(str(sum(outcomes[engine][t].kind == kind for t in group)))
        return "| " + " | ".join(cells) + " |"

    for component in sorted({t.component for t in tests}):
        lines.append(row(component, [t for t in tests if t.component == component]))
    for area in ("core", "sparql"):
        lines.append(row(f"**{area}**", [t for t in tests if t.area == area]))
    lines.append(row("**all**", tests))
    return "\n".join(lines)
