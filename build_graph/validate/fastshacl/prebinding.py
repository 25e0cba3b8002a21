"""SHACL-SPARQL's pre-binding of ``$this`` (and ``$currentShape``) for a query run once per
focus node, as the spec defines it (SHACL, appendix "Pre-binding of Variables in SPARQL
Queries"): *Values Insertion*, every basic graph pattern joined with the one-row table of the
pre-bound values.

The query keeps its text and its variables: a binding pattern goes at the start of every group
graph pattern (the query's, its subqueries', its ``EXISTS``, ``OPTIONAL`` and ``UNION``
groups), so that the variables are bound, as terms, wherever the query reads them
(``FILTER(bound($this))``, ``BIND($this AS ?x)``). For an IRI or a literal the pattern is a
``VALUES`` block holding the term; for a blank node, which has no syntax in a query, a
zero-length path from a variable that pyoxigraph substitutes with the node (its substitution
reaches triple patterns, not expressions, and only the selects that project the variable: it
is projected by every select).

The spec's restrictions (no ``MINUS``, ``VALUES``, ``SERVICE``; a subquery returns ``$this``)
are checked before (:mod:`.sparql`); the functions here work on the query with strings, IRIs
and comments blanked out (``masked``, same length) to find its braces and keywords."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_graph.validate.fastshacl.rewrites import closing_bracket
from build_graph.validate.fastshacl.store import FS

# the variable pyoxigraph substitutes with a blank focus node, and the path that binds $this
FOCUS_VARIABLE = "fs_focus"
BLANK_BINDING = f"?{FOCUS_VARIABLE} <{FS}self>? ?this . "

_SELECT = re.compile(r"\bSELECT\b(?:\s+(?:DISTINCT|REDUCED)\b)?", re.I)
_WHERE = re.compile(r"\bWHERE\b", re.I)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.I)
_AGGREGATE = re.compile(r"\b(?:COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.I)


@dataclass(frozen=True)
class _Select:
    """A SELECT of the query: the end of its keyword (and DISTINCT), its projection, and the
    solution modifiers after its WHERE group."""

    keyword_end: int
    projection: str
    group: tuple[int, int]  # its WHERE group, braces included
    modifiers: tuple[int, int]
    top: bool


def _selects(masked: str) -> list[_Select]:
    found = []
    for match in _SELECT.finditer(masked):
        brace = masked.find("{", match.end())
        if brace < 0:
            raise ValueError("a SELECT without its group")
        where = _WHERE.search(masked, match.end(), brace)
        projection = masked[match.end() : where.start() if where else brace]
        group_end = closing_bracket(masked, brace)
        if group_end < 0:
            raise ValueError("a group without its closing brace")
        before = masked[: match.start()].rstrip()
        top = not before.endswith("{")
        # a subquery's modifiers end with the group around it
        end = len(masked) if top else closing_bracket(masked, len(before) - 1)
        found.append(
            _Select(match.end(), projection, (brace, group_end), (group_end + 1, end), top)
        )
    return found


def _group_starts(masked: str) -> list[int]:
    """The positions just after each brace that opens a group graph pattern, but for the
    groups made of a subquery (the subquery's own group gets the binding)."""
    starts = []
    for match in re.finditer(r"\{", masked):
        if re.match(r"\s*SELECT\b", masked[match.end() :], re.I):
            continue
        starts.append(match.end())
    return starts


def _insert(text: str, insertions: list[tuple[int, str]]) -> str:
    for position, inserted in sorted(insertions, reverse=True):
        text = text[:position] + inserted + text[position:]
    return text


def with_bindings(text: str, masked: str, binding: str) -> str:
    """The query with ``binding`` (a pattern binding the pre-bound variables) at the start of
    every group graph pattern."""
    return _insert(text, [(i, f" {binding} ") for i in _group_starts(masked)])


@dataclass(frozen=True)
class BlankBinding:
    """A query pre-binding ``$this`` to a blank node, and, for a query that aggregates its
    solutions into one group, the same query over no solution: what it gives when the node
    matches nothing (grouping by the node then gives no group at all)."""

    query: str
    over_nothing: str | None
    matches: str | None  # a query with a solution if the group matches (then it is not "nothing")


def with_blank_binding(text: str, masked: str, extra: str = "") -> BlankBinding:
    """The query pre-binding ``$this`` to the blank node substituted for
    :data:`FOCUS_VARIABLE` (``extra``: more of the binding, e.g. ``$currentShape``'s
    ``VALUES``), which every select projects and groups by, if it groups.

    Raises NotImplementedError for a subquery that aggregates without GROUP BY."""
    insertions = [(i, f" {BLANK_BINDING}{extra} ") for i in _group_starts(masked)]
    over_nothing, group = None, (0, 0)
    for select in _selects(masked):
        start, end = select.modifiers
        group_by = _GROUP_BY.search(masked, start, end)
        aggregates = _AGGREGATE.search(select.projection) or _AGGREGATE.search(masked, start, end)
        if select.projection.strip() != "*":
            insertions.append((select.keyword_end, f" ?{FOCUS_VARIABLE} "))
        if group_by is not None:
            insertions.append((group_by.end(), f" ?{FOCUS_VARIABLE} "))
        elif aggregates and select.top:
            insertions.append((start, f" GROUP BY ?{FOCUS_VARIABLE} "))
            brace, group_end = group = select.group
            over_nothing = text[: brace + 1] + " FILTER(false) " + text[group_end:]
        elif aggregates:
            raise NotImplementedError(
                "fastshacl cannot pre-bind $this to a blank node in a subquery that aggregates "
                "without GROUP BY"
            )
    matches = None
    if over_nothing is not None:
        brace, group_end = group
        inside = [(i - brace, s) for i, s in insertions if brace < i <= group_end]
        where = _insert(text[brace : group_end + 1], inside)
        matches = f"SELECT ?{FOCUS_VARIABLE} WHERE {where} LIMIT 1"
    return BlankBinding(_insert(text, insertions), over_nothing, matches)
