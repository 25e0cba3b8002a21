"""IRI parameters that name nothing in the graph, and the nodes they were probably meant to be.

A CURIE pasted with the wrong namespace (``agency:so-y-te`` where the graph has
``agency:hai-phong/so-y-te``) is a valid IRI: the query answers 0 rows and exits 0. The command
line asks the graph whether each IRI parameter is there and, if not, warns and names the
nodes whose IRI ends the same way or is spelt closest.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Protocol

from rdflib import URIRef

from build_graph.graph.prefixes import PREFIXES, curie
from build_graph.sparql.library import Term, sparql_term

NEAR = 3  # near matches named in a warning
CANDIDATES = 5000  # IRIs of the namespace compared, at most


class Asking(Protocol):
    """Any engine: embedded or remote."""

    def query(self, text: str, bindings: Mapping[str, Term]) -> object: ...


def namespace_of(iri: str) -> str:
    """The longest namespace of the prefix map that holds ``iri``, else its folder."""
    found = [ns for ns in PREFIXES.values() if iri.startswith(ns) and len(iri) > len(ns)]
    if found:
        return max(found, key=len)
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[: cut + 1] if cut > 0 else iri


def is_in_graph(engine: Asking, iri: URIRef) -> bool:
    term = sparql_term(iri)
    answer = engine.query(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}", {})
    return bool(getattr(answer, "boolean", False))


def near_matches(engine: Asking, iri: URIRef) -> list[str]:
    """Up to ``NEAR`` subjects of the graph like ``iri``: those that end with its last
    segment first, then the closest spellings in its namespace."""
    text = str(iri)
    namespace = namespace_of(text)
    local = text[len(namespace) :]
    last = local.rsplit("/", 1)[-1]
    found = engine.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o "
        f'FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{_quoted(namespace)}")) }} '
        f"LIMIT {CANDIDATES}",
        {},
    )
    candidates = sorted({str(row[0]) for row in getattr(found, "rows", []) if row[0] is not None})
    same_end = [c for c in candidates if last and c.endswith("/" + last)]
    # the shallowest first, and only those: a node minted under an agency (its succession,
    # …/so-ldtbxh/held-by/hai-phong/so-y-te) is not what a misspelt agency IRI meant
    depth = min((c.count("/") for c in same_end), default=0)
    same_end = [c for c in same_end if c.count("/") == depth]
    shallow = [c for c in candidates if c.count("/") <= max(depth, text.count("/") + 1)]
    close = difflib.get_close_matches(text, shallow, n=NEAR, cutoff=0.6)
    ordered = list(dict.fromkeys([*same_end, *close]))
    return ordered[:NEAR]


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def missing_parameter_warnings(engine: Asking, bindings: Mapping[str, Term]) -> list[str]:
    """One warning per IRI parameter the graph does not hold, with its near matches."""
    warnings = []
    for name, value in bindings.items():
        if not isinstance(value, URIRef) or is_in_graph(engine, value):
            continue
        near = near_matches(engine, value)
        hint = (
            "near matches: " + ", ".join(curie(n) for n in near)
            if near
            else "no IRI of the graph is like it"
        )
        warnings.append(f"parameter {name}: {curie(str(value))} is not in the graph; {hint}")
    return warnings
