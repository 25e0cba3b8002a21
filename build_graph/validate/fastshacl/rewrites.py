"""Rewrites of SHACL-SPARQL queries for :mod:`build_graph.validate.fastshacl.engine` that give the
same
solutions as the query as written, for less work on a large graph.

* A constraint ending in ``ORDER BY ... LIMIT n`` must be evaluated per focus node (the limit
  applies to each node's solutions): :func:`sliced` finds such a query, the validator runs it
  once without its modifiers, joined with every focus node, and :func:`slice_rows` orders and
  cuts each node's solutions in Python as rdflib's engine would (``sorted`` with rdflib's own
  ordering key, then projection, ``DISTINCT``, ``OFFSET``/``LIMIT``).
* A SPARQL target made of triple patterns and ``FILTER (NOT) EXISTS`` evaluates the filters
  once per solution; :func:`memoized_filters` evaluates them once per distinct binding of the
  variables they share with the triple patterns, then joins back (the same multiset of
  solutions: the filters depend on nothing else).

Both work on the query text with strings, IRIs and comments blanked out (``masked``, same
length), and return None when a query is not of the shape they handle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql.evalutils import _val
from rdflib.term import Identifier, Node

_SELECT = re.compile(r"\bSELECT\b", re.I)
_TAIL = re.compile(
    r"\bORDER\s+BY\b(?P<keys>[^{}]*?)(?P<mods>(?:\s*\b(?:LIMIT|OFFSET)\s+\d+)*)\s*$", re.I | re.S
)
_KEY = re.compile(r"\s*(?:(?P<dir>ASC|DESC)\s*\(\s*[?$](?P<a>\w+)\s*\)|[?$](?P<b>\w+))", re.I)
_MOD = re.compile(r"\b(LIMIT|OFFSET)\s+(\d+)", re.I)
_VAR = re.compile(r"[?$](\w+)")
# keywords that leave a group's solutions to more than its triple patterns and filters
_FILTER = re.compile(r"FILTER\b", re.I)
_EXISTS = re.compile(r"(?:NOT\s+)?EXISTS\s*", re.I)
_CALL = re.compile(r"[\w:]*\s*")
_NOT_BGP = re.compile(
    r"\b(?:OPTIONAL|BIND|VALUES|MINUS|GRAPH|SERVICE|UNION|SELECT|FILTER)\b|[{}]", re.I
)


@dataclass(frozen=True)
class Sliced:
    """A query ``SELECT [DISTINCT] vars WHERE { ... } ORDER BY keys [LIMIT n] [OFFSET m]``,
    with its group joinable with the focus nodes (checked by the caller)."""

    head: str  # the query up to ORDER BY (the solution modifiers dropped)
    select: tuple[int, int]  # span of "SELECT [DISTINCT] projection" in head
    projection: tuple[str, ...] | None  # None: SELECT *
    distinct: bool
    keys: tuple[tuple[str, bool], ...]  # (variable, descending)
    offset: int
    limit: int | None

    def joined(self, focus: str) -> str:
        """The query without its modifiers, selecting what ordering and projection need,
        joined with the focus nodes (bound to ?this)."""
        start, end = self.select
        names = ["this"] + [k for k, _ in self.keys]
        names += list(self.projection or ())
        clause = (
            "SELECT *"
            if self.projection is None
            else "SELECT " + " ".join(f"?{n}" for n in dict.fromkeys(names))
        )
        head = self.head[:start] + clause + " " + self.head[end:]
        brace = head.find("{", start + len(clause))
        return (
            f"{head[: brace + 1]} {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} "
            f"{head[brace + 1 :]}"
        )


def sliced(text: str, masked: str) -> Sliced | None:
    """The query as a :class:`Sliced`, if it is one (a single SELECT, keys that are variables,
    a projection of variables only)."""
    if len(_SELECT.findall(masked)) != 1:
        return None
    tail = _TAIL.search(masked)
    if tail is None:
        return None
    keys = _keys(tail.group("keys"))
    mods = {m.group(1).upper(): int(m.group(2)) for m in _MOD.finditer(tail.group("mods"))}
    if keys is None or len(_MOD.findall(tail.group("mods"))) != len(mods):
        return None
    select = _SELECT.search(masked)
    assert select is not None
    brace = masked.find("{", select.end())
    if brace < 0:
        return None
    clause = masked[select.end() : brace]
    where = re.search(r"\bWHERE\b", clause, re.I)
    clause_end = select.end() + (where.start() if where else len(clause))
    clause = masked[select.end() : clause_end]
    modifier = re.match(r"\s*(DISTINCT|REDUCED)\b", clause, re.I)
    if modifier and modifier.group(1).upper() == "REDUCED":
        return None
    names_text = clause[modifier.end() :] if modifier else clause
    if "(" in names_text:
        return None  # (expression AS ?x) in the projection
    if names_text.strip() == "*":
        projection = None
    else:
        projection = tuple(_VAR.findall(names_text))
        if not projection or _VAR.sub("", names_text).strip():
            return None
    return Sliced(
        head=text[: tail.start()],
        select=(select.start(), clause_end),
        projection=projection,
        distinct=modifier is not None,
        keys=keys,
        offset=mods.get("OFFSET", 0),
        limit=mods.get("LIMIT"),
    )


def _keys(text: str) -> tuple[tuple[str, bool], ...] | None:
    keys, done = [], 0
    while done < len(text.rstrip()):
        match = _KEY.match(text, done)
        if match is None:
            return None
        name = match.group("a") or match.group("b")
        keys.append((name, (match.group("dir") or "").upper() == "DESC"))
        done = match.end()
    return tuple(keys) or None


Row = dict[str, Node]


def slice_rows(spec: Sliced, rows: Iterable[Row]) -> tuple[dict[Node, list[Row]], set[Node]]:
    """Each focus node's solutions as rdflib gives them for the query pre-bound to it, from
    the joined query's rows: (rows by focus node, focus nodes to evaluate one by one). A node
    goes to the second set when the cut falls between solutions that rdflib orders as equal
    but that differ (rdflib then keeps them in its own evaluation order, unknown here), or
    when rdflib's ordering raises."""
    groups: dict[Node, list[Row]] = {}
    for row in rows:
        groups.setdefault(row["this"], []).append(row)
    out: dict[Node, list[Row]] = {}
    unsure: set[Node] = set()
    for node, group in groups.items():
        try:
            out[node] = _cut(spec, group)
        except (TypeError, _Tie):
            unsure.add(node)
    return out, unsure


class _Tie(Exception):
    """The first rows of an ordering are not decided by the ordering alone."""


def _order_key(name: str, row: Row) -> tuple[int, Identifier]:
    """rdflib's sort key (``_val``) of a variable's value in a row: the rows hold IRIs, blank
    nodes and literals; an unbound variable is keyed as the variable itself."""
    value = row.get(name)
    if isinstance(value, Literal):
        return _val(value)
    if isinstance(value, URIRef):
        return _val(value)
    if isinstance(value, BNode):
        return _val(value)
    return _val(Variable(name))


def _cut(spec: Sliced, group: list[Row]) -> list[Row]:
    """rdflib's evalOrderBy (a stable sort per key, last key first), evalProject,
    evalDistinct and evalSlice for one focus node's solutions."""
    for name, descending in reversed(spec.keys):
        group = sorted(group, key=partial(_order_key, name), reverse=descending)
    ranked: list[tuple[tuple, tuple]] = []  # (ordering key, projected row)
    seen: set = set()
    for row in group:
        kept = row if spec.projection is None else {n: row[n] for n in spec.projection if n in row}
        frozen = tuple(sorted(kept.items()))
        if spec.distinct and frozen in seen:
            continue
        seen.add(frozen)
        ranked.append((tuple(_order_key(n, row) for n, _ in spec.keys), frozen))
    end = len(ranked) if spec.limit is None else min(len(ranked), spec.offset + spec.limit)
    for cut in (spec.offset, end):
        if 0 < cut < len(ranked) and _ties(ranked, cut):
            raise _Tie
    return [dict(frozen) for _, frozen in ranked[spec.offset : end]]


def _same(a: tuple, b: tuple) -> bool:
    """Equal for the sort (rdflib orders literals by value: "1" and "01" as integers tie)."""
    return not a < b and not b < a


def _ties(ranked: list[tuple[tuple, tuple]], cut: int) -> bool:
    """True if rows on both sides of the cut are ordered as equal but differ."""
    key = ranked[cut][0]
    if not _same(ranked[cut - 1][0], key):
        return False
    return len({frozen for k, frozen in ranked if _same(k, key)}) > 1


def memoized_filters(text: str, masked: str) -> str | None:
    """A SELECT whose group is triple patterns and FILTERs, one with an EXISTS, rewritten so
    that the filters run once per distinct binding of the variables they share with the
    triple patterns (None: not such a query)."""
    if len(_SELECT.findall(masked)) != 1:
        return None
    select = _SELECT.search(masked)
    assert select is not None
    start = masked.find("{", select.end())
    end = closing_bracket(masked, start, "{", "}") if start >= 0 else -1
    if end < 0:
        return None
    try:
        filters = list(_filters(masked, start + 1, end))
    except ValueError:
        return None
    if not any(re.search(r"\bEXISTS\b", masked[a:b], re.I) for a, b in filters):
        return None
    rest, done = [], start + 1
    for a, b in filters:
        rest.append((done, a))
        done = b
    rest.append((done, end))
    bgp_masked = " ".join(masked[a:b] for a, b in rest)
    if _NOT_BGP.search(bgp_masked) or not bgp_masked.strip():
        return None
    if any(re.search(r"\bSELECT\b", masked[a:b], re.I) for a, b in filters):
        return None
    bgp_vars = set(_VAR.findall(bgp_masked))
    filter_vars = {v for a, b in filters for v in _VAR.findall(masked[a:b])}
    keys = sorted(bgp_vars & filter_vars)
    if not keys:
        return None
    bgp = " ".join(text[a:b] for a, b in rest)
    conditions = " ".join(text[a:b] for a, b in filters)
    listed = " ".join(f"?{k}" for k in keys)
    group = (
        f"{{ SELECT {listed} WHERE {{ {{ SELECT DISTINCT {listed} WHERE {{ {bgp} }} }} "
        f"{conditions} }} }} {bgp}"
    )
    return text[: start + 1] + " " + group + " " + text[end:]


def closing_bracket(masked: str, start: int, opening: str = "{", closing: str = "}") -> int:
    """The position of the bracket closing the one at ``start`` (-1 if none)."""
    depth = 0
    for i in range(start, len(masked)):
        if masked[i] == opening:
            depth += 1
        elif masked[i] == closing:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _filters(masked: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """The spans of the FILTERs at the top level of a group (between start and end)."""
    depth, i = 0, start
    while i < end:
        c = masked[i]
        if c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
        elif depth == 0 and (match := _FILTER.match(masked, i)):
            if i > 0 and (masked[i - 1].isalnum() or masked[i - 1] in "_?$:"):
                i += 1
                continue
            j = match.end()
            while j < end and masked[j].isspace():
                j += 1
            exists = _EXISTS.match(masked, j)
            if exists:
                j, bracket = exists.end(), "{}"
            else:
                call = _CALL.match(masked, j)
                assert call is not None  # the pattern matches the empty string
                j, bracket = call.end(), "()"
            close = closing_bracket(masked, j, *bracket) if masked[j : j + 1] == bracket[0] else -1
            if close < 0 or close >= end:
                raise ValueError("a FILTER without its closing bracket")
            yield i, close + 1
            i = close + 1
            continue
        i += 1
