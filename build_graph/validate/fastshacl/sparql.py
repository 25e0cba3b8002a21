"""SHACL-SPARQL constraints (``sh:sparql``): checks that refuse what the engine cannot run
faithfully, and the pre-binding of ``$this``, ``$PATH``, ``$currentShape`` and
``$shapesGraph``, joined over all focus nodes in one query where possible. The validator is
seen through :class:`SparqlRun` (the engine imports this module, not the other way round)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from build_graph.validate.fastshacl.data import RDF_PREFIXES, ConstraintResult, nt_term
from build_graph.validate.fastshacl.rewrites import Sliced, slice_rows, sliced
from build_graph.validate.fastshacl.run import ValidationRun
from build_graph.validate.fastshacl.shapes import Shape


class SparqlRun(ValidationRun, Protocol):
    """What a SPARQL constraint needs of the validator besides the queue: its prefixes."""

    def prefixes(self, node: Node) -> str:
        """The PREFIX lines of a SPARQL constraint or target, as pyshacl collects them."""
        ...


_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n]*",
    re.S,
)


_BIND_THIS = re.compile(r"([\s{}()])[\$\?]this", re.M)


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


def _check_sparql(text: str) -> None:
    """Refuse what pyshacl refuses (it raises ValidationFailure for these)."""
    for regex, message in _FORBIDDEN:
        if regex.search(text):
            raise ValueError(message)
    nested = _NESTED_SELECT.search(text)
    if nested:
        names = [v.lstrip("$?").rstrip() for v in nested.group(1).split()]
        if names == ["*"] or "this" not in names:
            raise ValueError("A nested SELECT must select the pre-bound variable $this.")
    rebound = _AS_VAR.search(text)
    if rebound and rebound.group(1) in {"this", "shapesGraph", "currentShape"}:
        raise ValueError(f"Cannot use AS to re-bind the pre-bound variable {rebound.group(1)}")


def mask_text(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length), so that keywords
    and braces can be found by position."""
    return _TOKENS.sub(lambda m: " " * len(m.group(0)), text)


def _projections(masked: str) -> Iterator[tuple[int, int]]:
    """The spans of the SELECT clauses (between SELECT and the group that follows)."""
    for match in re.finditer(r"\bSELECT\b", masked, re.I):
        brace = masked.find("{", match.end())
        where = re.compile(r"\bWHERE\b", re.I).search(masked, match.end())
        end = len(masked) if brace < 0 else brace
        if where is not None and where.start() < end:
            end = where.start()
        yield match.end(), end


def _projects(text: str, name: str) -> bool:
    """True if the outermost SELECT projects the variable (or is SELECT *)."""
    masked = mask_text(text)
    start, end = next(_projections(masked), (0, 0))
    clause = masked[start:end]
    return "*" in clause or re.search(rf"[\$\?]{name}\b", clause) is not None


_MODIFIER = re.compile(r"\b(?:GROUP|ORDER)\s+BY\b", re.I)


_MODIFIER_END = re.compile(r"\b(?:HAVING|ORDER|LIMIT|OFFSET|VALUES)\b|\}", re.I)


def _substitute(text: str, name: str, constant: str) -> str:
    """The query with the variable replaced by a constant, except where it stands bare in a
    SELECT, GROUP BY or ORDER BY clause (only a variable may stand there: it stays, unbound,
    which groups and orders as the constant would)."""
    masked = mask_text(text)
    spans = list(_projections(masked))
    for match in _MODIFIER.finditer(masked):
        closing = _MODIFIER_END.search(masked, match.end())
        spans.append((match.end(), closing.start() if closing else len(masked)))
    kept = set()
    for start, end in spans:
        depth = 0
        for i in range(start, end):
            depth += {"(": 1, ")": -1}.get(masked[i], 0)
            if depth == 0 and masked[i] in "$?" and re.match(rf"[\$\?]{name}\b", masked[i:]):
                kept.add(i)
    out, done = [], 0
    for match in re.finditer(rf"(?<![\w$?])[\$\?]{name}\b", masked):
        if match.start() in kept:
            continue
        out.append(text[done : match.start()])
        out.append(constant)
        done = match.end()
    out.append(text[done:])
    return "".join(out)


class SparqlConstraint:
    """One sh:sparql constraint, with SHACL-SPARQL's pre-binding of $this."""

    def __init__(
        self, validator: SparqlRun, shape: Shape, node: Node, focus: str, path: str | None
    ) -> None:
        self.v = validator
        self.data = validator.data
        self.shape = shape
        self.node = node
        self.focus = focus
        self.path = path

    def run(self) -> None:
        g = self.v.g
        selects = list(g.objects(self.node, SH.select))
        if len(selects) != 1 or not isinstance(selects[0], Literal):
            raise ValueError(f"a sh:SPARQLConstraint needs exactly one sh:select ({self.node})")
        deactivated = g.value(self.node, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            return
        text = str(selects[0])
        _check_sparql(text)
        masked = mask_text(text)
        if _BIND_GRAPH.search(text):
            raise NotImplementedError("$shapesGraph is not supported (nor by pyshacl)")
        if _BIND_PATH.search(text):
            path = self.path
            if path is None:
                raise ValueError("$PATH in a SPARQL constraint of a node shape")
            text = _BIND_PATH.sub(lambda m: m.group(1) + path, text)
            masked = mask_text(text)
        prefixes = self.v.prefixes(self.node)
        messages = list(g.objects(self.node, SH.message)) or None
        binds_this = bool(_BIND_THIS.search(text))
        joined = self.joinable(text, masked) if binds_this else None
        spec = self.sliceable(text, masked) if binds_this and joined is None else None
        if joined is not None:
            self.v.later(
                lambda: self.data.solutions(prefixes + joined),
                lambda rows: self.collect([(None, row) for row in rows], messages),
            )
        elif spec is not None:
            self.sliced(prefixes, text, spec, messages)
        else:
            self.per_focus(prefixes + text, binds_this, messages)

    @staticmethod
    def _group_joinable(masked: str) -> bool:
        """True if the query's group gives, joined with the focus nodes, the solutions it
        gives with $this pre-bound: one SELECT, no nested group but EXISTS/OPTIONAL ones."""
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

    def sliceable(self, text: str, masked: str) -> Sliced | None:
        """A query whose only obstacle to the join is ``ORDER BY ... LIMIT``/``OFFSET``."""
        spec = sliced(text, masked)
        if spec is None or not self._group_joinable(mask_text(spec.head)):
            return None
        return spec

    def sliced(self, prefixes: str, text: str, spec: Sliced, messages: list[Node] | None) -> None:
        """One joined query; each focus node's solutions ordered and cut in Python as rdflib
        does (the few nodes where that is not decided by the ordering: one by one)."""
        projects_this = _projects(text, "this")

        def then(rows: list[dict[str, Node]]) -> None:
            groups, unsure = slice_rows(spec, rows)
            solutions = []
            for node, kept in groups.items():
                if node in unsure:
                    continue
                for row in kept:
                    row.pop("this", None)
                    if projects_this:
                        row["this"] = node
                    solutions.append((node, row))
            self.collect(solutions, messages)
            if unsure:
                self.per_focus(prefixes + text, True, messages, only=unsure)

        query = prefixes + spec.joined(self.focus)
        self.v.later(lambda: self.data.solutions(query), then)

    def joinable(self, text: str, masked: str) -> str | None:
        """The query joined with the focus nodes, if that gives the same solutions as
        pre-binding $this (else None)."""
        if not self._group_joinable(masked):
            return None
        start = masked.find("{")
        head = masked[:start]
        projection = re.split(
            r"\bWHERE\b", re.split(r"\bSELECT\b", head, flags=re.I)[1], flags=re.I
        )[0]
        if "*" not in projection and not re.search(r"[\$\?]this\b", projection):
            return None
        return (
            f"{text[: start + 1]} {{ SELECT DISTINCT ?this WHERE {{ {self.focus} }} }} "
            f"{text[start + 1 :]}"
        )

    def per_focus(
        self,
        text: str,
        binds_this: bool,
        messages: list[Node] | None,
        only: set[Node] | None = None,
    ) -> None:
        """The query once per focus node, with $this replaced by the node in the text: that
        is SHACL's pre-binding, in every scope. (pyoxigraph's own substitution leaves a
        variable unbound in BIND($this AS ?x), so it serves only for blank nodes, which have
        no text form.)"""
        focus_rows = self.data.select(
            RDF_PREFIXES + f"SELECT DISTINCT ?this WHERE {{ {self.focus} }}", exact=False
        )
        if _BIND_SHAPE.search(text):
            if not isinstance(self.shape.node, URIRef):
                raise NotImplementedError("$currentShape of a blank-node shape")
            text = _substitute(text, "currentShape", nt_term(self.shape.node))
        projects_this = binds_this and _projects(text, "this")
        for focus_row in focus_rows:
            this = focus_row["this"]
            node = self.data.term(this)
            if only is not None and node not in only:
                continue
            query, subs = text, None
            if binds_this and isinstance(node, BNode):
                query, subs = self._project(text, ["this"]), {ox.Variable("this"): this}
            elif binds_this:
                query = _substitute(text, "this", nt_term(node))

            def then(rows: list[dict[str, Node]], node: Node = node) -> None:
                solutions = []
                for row in rows:
                    row.pop("this", None)
                    if projects_this:  # pyshacl's rows then hold the pre-bound $this
                        row["this"] = node
                    solutions.append((node, row))
                self.collect(solutions, messages)

            self.v.later(partial(self.data.solutions, query, subs), then)

    @staticmethod
    def _project(text: str, names: list[str]) -> str:
        """The query selecting the variables to substitute too."""
        masked = mask_text(text)
        match = re.search(r"\bSELECT\b(\s+(?:DISTINCT|REDUCED)\b)?", masked, re.I)
        if match is None:
            raise ValueError("a SPARQL constraint must be a SELECT query")
        start = masked.find("{", match.end())
        projection = masked[match.end() : start]
        if "*" in projection:
            return text
        missing = [n for n in names if not re.search(rf"[\$\?]{n}\b", projection)]
        if not missing:
            return text
        if re.search(r"\b(?:GROUP|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\b", masked, re.I):
            raise NotImplementedError("a SPARQL constraint with aggregates must select $this")
        extra = " " + " ".join(f"?{n}" for n in missing)
        return text[: match.end()] + extra + text[match.end() :]

    def collect(
        self, rows: Sequence[tuple[Node | None, dict[str, Node]]], messages: list[Node] | None
    ) -> None:
        """Results from solutions, as pyshacl builds them (deduplicated per focus node)."""
        seen: set = set()
        failed: set = set()
        for focus, solution in rows:
            bound = dict(solution)
            if focus is None:  # joined: the focus node is the solution's ?this
                if "this" not in bound:
                    continue
                focus_node = bound["this"]
            else:
                focus_node = focus
            if "failure" in bound:
                bound.pop("failure")
                if focus_node in failed:
                    continue
                failed.add(focus_node)
                value = None if self.shape.is_property else focus_node
                self.add(focus_node, value, None, messages, bound)
                continue
            p = bound.pop("path", None)
            v = bound.pop("value", None)
            t = bound.pop("this", None)
            if p is None and v is None and t is None:
                continue
            key = (focus_node, t, p, v, tuple(sorted(bound.items())))
            if key in seen:
                continue
            seen.add(key)
            if v is None and not self.shape.is_property:
                v = focus_node
            formatting: dict[str, Node] = dict(bound)
            for name, term in (("this", t), ("path", p), ("value", v)):
                if term is not None:
                    formatting[name] = term
            self.add(t or focus_node, v, p, messages, formatting)

    def add(
        self,
        focus: Node,
        value: Node | None,
        path: Node | None,
        messages: list[Node] | None,
        bound: dict[str, Node],
    ) -> None:
        self.v.results.append(
            ConstraintResult(
                focus,
                self.shape,
                SH.SPARQLConstraintComponent,
                value=value,
                path=path,
                source_constraint=self.node,
                extra_messages=messages,
                bound=bound,
            )
        )
