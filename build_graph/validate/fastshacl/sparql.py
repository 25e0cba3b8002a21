"""SHACL-SPARQL constraints (``sh:sparql``) compiled before any query runs: the checks that
refuse what SHACL forbids (as pyshacl does) or what the engine cannot run, the query parsed as
its author wrote it (so that an error names a place in the author's text), and the way each
query will pre-bind ``$this``:

* joined: one query for all focus nodes, joined with them, when that gives the solutions the
  query gives with ``$this`` pre-bound (one SELECT, no nested group but ``EXISTS`` and
  ``OPTIONAL`` ones, no aggregate or solution modifier);
* sliced: the same, when the only obstacle is ``ORDER BY ... LIMIT``/``OFFSET`` (cut per
  focus node in Python, :mod:`.rewrites`);
* per focus node: the query with the focus node pre-bound as a term (:mod:`.prebinding`).

:mod:`.sparql_run` runs them."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.validate.fastshacl.prebinding import (
    BlankBinding,
    with_bindings,
    with_blank_binding,
)
from build_graph.validate.fastshacl.rewrites import Sliced, sliced
from build_graph.validate.fastshacl.shapes import Shape, ShapesGraph, ShapesGraphError, is_true
from build_graph.validate.fastshacl.store import FS

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.S,
)


_BIND_PATH = re.compile(r"([\s{}()])[\$\?]PATH", re.M)


_BIND_SHAPE = re.compile(r"([\s{}()])[\$\?]currentShape", re.M)


_BIND_GRAPH = re.compile(r"([\s{}()])[\$\?]shapesGraph", re.M)


_NOT_JOINABLE = re.compile(
    r"\b(?:GROUP|HAVING|ORDER|LIMIT|OFFSET|VALUES|MINUS|SERVICE|GRAPH|COUNT|SUM|MIN|MAX|AVG|"
    r"SAMPLE|GROUP_CONCAT|currentShape|shapesGraph)\b",
    re.I,
)


# pyshacl's checks of a SPARQL constraint (it refuses such queries: so does this module)
_FORBIDDEN = (
    (
        re.compile(r"^(?:[^#]*|M)(?!#)#?[^\?\$\#]M?INUS[\s\{]", re.M | re.I),
        "A SPARQL Constraint must not contain a MINUS clause.",
    ),
    (
        re.compile(
            r"^(?!\s*#).*?(?<![\w\-\:])VALUES\b(?:\s*(?:\(|[\?\$]\w+|\{|\w|\s))", re.M | re.I
        ),
        "A SPARQL Constraint must not contain a VALUES clause.",
    ),
    (
        re.compile(r"^(?:[^#]*|S)(?!#)#?[^\?\$\#]S?ERVICE[\s\<]", re.M | re.I),
        "A SPARQL Constraint must not contain a federated query (SERVICE).",
    ),
)


_NESTED_SELECT = re.compile(
    r"SELECT[\s\(\)\$\?\a-z]*\{[^\}]*SELECT\s+((?:(?:[\?\$]\w+\s+)|(?:\*\s+))+)", re.M | re.I
)


_AS_VAR = re.compile(r"[^\w]+AS[\s]+[\$\?](\w+)", re.M | re.I)


_PRE_BOUND = frozenset({"this", "shapesGraph", "currentShape"})


def check_sparql(text: str, pre_bound: frozenset[str] = _PRE_BOUND) -> None:
    """Refuse what SHACL forbids in a query that pre-binds variables (pyshacl raises
    ValidationFailure for these): MINUS, VALUES, SERVICE, a nested SELECT without $this,
    ``AS ?var`` for a pre-bound variable."""
    for regex, message in _FORBIDDEN:
        if regex.search(text):
            raise ShapesGraphError(message)
    nested = _NESTED_SELECT.search(text)
    if nested:
        names = [v.lstrip("$?").rstrip() for v in nested.group(1).split()]
        if names == ["*"] or "this" not in names:
            raise ShapesGraphError("A nested SELECT must select the pre-bound variable $this.")
    for rebound in _AS_VAR.finditer(text):
        if rebound.group(1) in pre_bound:
            raise ShapesGraphError(
                f"Cannot use AS to re-bind the pre-bound variable {rebound.group(1)}"
            )


def mask_text(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length), so that keywords
    and braces can be found by position."""
    return _TOKENS.sub(lambda m: " " * len(m.group(0)), text)


def _projections(masked: str) -> list[tuple[int, int]]:
    """The spans of the SELECT clauses (between SELECT and the group that follows)."""
    spans = []
    for match in re.finditer(r"\bSELECT\b", masked, re.I):
        brace = masked.find("{", match.end())
        where = re.compile(r"\bWHERE\b", re.I).search(masked, match.end())
        end = len(masked) if brace < 0 else brace
        if where is not None and where.start() < end:
            end = where.start()
        spans.append((match.end(), end))
    return spans


def projects(text: str, name: str) -> bool:
    """True if the outermost SELECT projects the variable (or is SELECT *)."""
    masked = mask_text(text)
    start, end = next(iter(_projections(masked)), (0, 0))
    clause = masked[start:end]
    return "*" in clause or re.search(rf"[\$\?]{name}\b", clause) is not None


def uses(masked: str, name: str) -> bool:
    """True if the query (masked) uses the variable ``$name``/``?name``."""
    return re.search(rf"(?<![\w$?])[\$\?]{name}\b", masked) is not None


def prefix_lines(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + "\n"


def parse_check(text: str, prefixes: dict[str, str], what: str) -> None:
    """Parse the query as its author wrote it (the prefixes given apart, so that a position
    in the error is one in the author's text); an error is the shapes graph's."""
    try:
        ox.Store().query(text, prefixes=prefixes)
    except SyntaxError as error:
        raise ShapesGraphError(f"{what} is not a valid SPARQL query: {error}") from None


def _own_check(text: str, prefixes: dict[str, str], what: str) -> None:
    """Parse a query the engine wrote from the author's: if it does not parse, the engine
    cannot run the constraint (its fault, not the author's)."""
    try:
        ox.Store().query(text, prefixes=prefixes)
    except SyntaxError as error:
        raise NotImplementedError(f"fastshacl cannot rewrite {what} ({error})") from None


_NOT_JOINABLE = re.compile(
    r"\b(?:GROUP|HAVING|ORDER|LIMIT|OFFSET|VALUES|MINUS|SERVICE|GRAPH|COUNT|SUM|MIN|MAX|AVG|"
    r"SAMPLE|GROUP_CONCAT|currentShape|shapesGraph)\b",
    re.I,
)

# the term standing for the focus node in a per-focus query's VALUES block, replaced by the
# node's term before it runs
FOCUS_SLOT = f"<{FS}focus>"
# where the focus nodes' pattern goes in a joined query
PATTERN_SLOT = "#fs-focus-pattern#"


def _group_joinable(masked: str) -> bool:
    """True if the query's group gives, joined with the focus nodes, the solutions it gives
    with $this pre-bound: one SELECT, no nested group but EXISTS/OPTIONAL ones."""
    if len(re.findall(r"\bSELECT\b", masked, re.I)) != 1 or _NOT_JOINABLE.search(masked):
        return False
    start = masked.find("{")
    if start < 0:
        return False
    for match in re.finditer(r"\{", masked[start + 1 :]):
        before = masked[: start + 1 + match.start()].rstrip()
        if not re.search(r"\b(?:EXISTS|OPTIONAL)$", before, re.I):
            return False
    return True


def _joined(text: str, masked: str) -> str | None:
    """The query joined with the focus nodes (at :data:`PATTERN_SLOT`), if that gives the
    same solutions as pre-binding $this (else None)."""
    if not _group_joinable(masked):
        return None
    start = masked.find("{")
    head = masked[:start]
    projection = re.split(r"\bWHERE\b", re.split(r"\bSELECT\b", head, flags=re.I)[1], flags=re.I)[0]
    if "*" not in projection and not re.search(r"[\$\?]this\b", projection):
        return None
    return (
        f"{text[: start + 1]} {{ SELECT DISTINCT ?this WHERE {{ {PATTERN_SLOT}\n}} }} "
        f"{text[start + 1 :]}"
    )


def _sliceable(text: str, masked: str) -> Sliced | None:
    """A query whose only obstacle to the join is ``ORDER BY ... LIMIT``/``OFFSET``."""
    spec = sliced(text, masked)
    if spec is None or not _group_joinable(mask_text(spec.head)):
        return None
    return spec


@dataclass(frozen=True)
class CompiledConstraint:
    """One sh:sparql constraint of a shape, ready to run."""

    shape: Shape
    node: Node
    text: str  # the query as written, with $PATH replaced by the shape's path
    prefixes: str  # its PREFIX lines
    messages: list[Node] | None
    projects_this: bool
    joined: str | None  # the joined query (with PATTERN_SLOT), if it can be joined
    spec: Sliced | None  # the sliced form, if it can be sliced
    # the query pre-binding $this to FOCUS_SLOT (an IRI or a literal), unless it is joined
    per_focus: str
    per_blank: BlankBinding | None  # ... to a blank node (substituted), None if it cannot
    blank_refusal: str  # why not


def compile_constraint(
    shapes: ShapesGraph, shape: Shape, node: Node, namespaces: dict[str, str]
) -> CompiledConstraint | None:
    """Check and prepare a sh:sparql constraint (None: it is deactivated). ``namespaces``:
    the prefixes queries may use undeclared (the data graph's, as rdflib allows). Raises
    ShapesGraphError for what SHACL forbids or what does not parse, NotImplementedError for
    what the engine cannot run."""
    g = shapes.g
    what = f"the sh:select of {node} (shape {shape.node})"
    selects = list(g.objects(node, SH.select))
    if len(selects) != 1 or not isinstance(selects[0], Literal):
        if next(g.objects(node, SH.ask), None) is not None:
            raise NotImplementedError(f"fastshacl does not support sh:ask constraints ({node})")
        raise ShapesGraphError(f"a sh:SPARQLConstraint needs exactly one sh:select ({node})")
    deactivated = list(g.objects(node, SH.deactivated))
    if deactivated and is_true(deactivated[0]):
        return None
    text = str(selects[0])
    declared = shapes.prefixes(node)
    prefixes = {**namespaces, **declared}
    parse_check(text, prefixes, what)
    check_sparql(text)
    if _BIND_GRAPH.search(text):
        raise NotImplementedError(
            f"fastshacl does not pre-bind $shapesGraph (optional in SHACL), used by {node}"
        )
    if _BIND_PATH.search(text):
        if shape.path is None:
            raise ShapesGraphError(f"$PATH in a SPARQL constraint of a node shape ({node})")
        path = shapes.sparql_path(shape.path)
        text = _BIND_PATH.sub(lambda m: m.group(1) + path, text)
    masked = mask_text(text)
    bindings, extra = "VALUES ?this { " + FOCUS_SLOT + " }", ""
    if _BIND_SHAPE.search(text):
        if not isinstance(shape.node, URIRef):
            raise NotImplementedError(
                f"fastshacl cannot pre-bind $currentShape to a blank-node shape ({node})"
            )
        bindings = f"VALUES (?this ?currentShape) {{ ({FOCUS_SLOT} <{shape.node}>) }}"
        extra = f"VALUES ?currentShape {{ <{shape.node}> }}"
    joined = _joined(text, masked) if uses(masked, "this") else None
    spec = _sliceable(text, masked) if joined is None and uses(masked, "this") else None
    variants = [joined.replace(PATTERN_SLOT, "")] if joined is not None else []
    if spec is not None:
        variants.append(spec.joined(""))
    per_focus, per_blank, blank_refusal = "", None, ""
    if joined is None:  # run per focus node, all of them or the few a slice leaves unsure
        per_focus = with_bindings(text, masked, bindings)
        variants.append(per_focus)
        try:
            per_blank = with_blank_binding(text, masked, extra)
            variants += [per_blank.query, per_blank.over_nothing or "", per_blank.matches or ""]
        except NotImplementedError as refusal:
            blank_refusal = f"{refusal} ({node})"
    for variant in variants:
        if variant:
            _own_check(variant, prefixes, what)
    return CompiledConstraint(
        shape=shape,
        node=node,
        text=text,
        prefixes=prefix_lines(declared),
        messages=list(g.objects(node, SH.message)) or None,
        projects_this=uses(masked, "this") and projects(text, "this"),
        joined=joined,
        spec=spec,
        per_focus=per_focus,
        per_blank=per_blank,
        blank_refusal=blank_refusal,
    )
