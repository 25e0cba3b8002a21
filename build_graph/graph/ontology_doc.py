"""The term tables of ontology/README.md: every class, property and individual of the sdgkg
ontology, what it means (its English comment) and one example taken from the bundled plan's
graph, so that the example is what the graph really says.

    python -m build_graph.graph.ontology_doc ontology/README.md

rewrites the part between ``<!-- terms -->`` and ``<!-- /terms -->``; a test checks that the
README holds what this gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

from build_graph.graph.prefixes import PREFIXES, curie
from build_graph.resources import resource_dir

START, END = "<!-- terms -->", "<!-- /terms -->"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Examples from the task the docs follow (appendix 06, task 1.1.2.1) and its neighbours first.
PREFERRED = (
    "appendix/06/task/1.1.2.1",
    "appendix/06/task/1.1.2",
    "so-gtvt",
    "appendix/06",
    "vsdg/3.6",
)
KINDS = {
    OWL + "Class": "class",
    OWL + "ObjectProperty": "object property",
    OWL + "DatatypeProperty": "data property",
}
SECTIONS = ("class", "object property", "data property", "individual")
TITLES = {
    "class": "Classes",
    "object property": "Object properties",
    "data property": "Data properties",
    "individual": "Individuals (roles, match methods)",
}


def _short(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    if isinstance(term, ox.Literal):
        text = " ".join(term.value.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        return f'"{text}"' + (f"@{term.language}" if term.language else "")
    return f"_:{term.value}"


def _order(variable: str) -> str:
    """ORDER BY the preferred examples first, then by IRI."""
    cases = " ".join(
        f'IF(CONTAINS(STR(?{variable}), "{text}"), {rank}, ' for rank, text in enumerate(PREFERRED)
    )
    return f"{cases}{len(PREFERRED)}{')' * len(PREFERRED)} STR(?{variable})"


def _first(store: ox.Store, query: str) -> ox.QuerySolution | None:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return next(iter(solutions), None)


def example(store: ox.Store, term: str, kind: str) -> str:
    """One triple of the graph that uses ``term``, in compact form; "" if the graph has none."""
    if kind == "class":
        row = _first(store, f"SELECT ?s WHERE {{ ?s a <{term}> }} ORDER BY {_order('s')} LIMIT 1")
        return f"{_short(row['s'])} a {curie(term)}" if row else ""
    if kind == "individual":
        row = _first(
            store,
            f"SELECT ?s ?p WHERE {{ ?s ?p <{term}> FILTER (?p != <{RDF_TYPE}>) }} "
            f"ORDER BY {_order('s')} STR(?p) LIMIT 1",
        )
        return f"{_short(row['s'])} {_short(row['p'])} {curie(term)}" if row else ""
    row = _first(
        store,
        f"SELECT ?s ?o WHERE {{ ?s <{term}> ?o }} ORDER BY {_order('s')} STR(?o) LIMIT 1",
    )
    return f"{_short(row['s'])} {curie(term)} {_short(row['o'])}" if row else ""


def terms(ontology: ox.Store) -> list[tuple[str, str, str]]:
    """(term IRI, kind, English comment) of every sdgkg term, sorted within its kind."""
    namespace = PREFIXES["sdgkg"]
    found: dict[str, tuple[str, str]] = {}
    solutions = ontology.query(
        "SELECT ?t ?type ?comment WHERE { ?t a ?type . "
        f"OPTIONAL {{ ?t <{RDFS}comment> ?comment FILTER (LANG(?comment) = 'en') }} }}"
    )
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        iri = row["t"].value
        if not iri.startswith(namespace):
            continue
        kind = KINDS.get(row["type"].value, "individual")
        if iri in found and found[iri][0] != "individual":
            continue
        comment = row["comment"].value if row["comment"] is not None else ""
        found[iri] = (kind, comment)
    return sorted(
        ((iri, kind, comment) for iri, (kind, comment) in found.items()),
        key=lambda item: (SECTIONS.index(item[1]), item[0].lower()),
    )


def render_terms(graph: ox.Store) -> str:
    ontology = ox.Store()
    ontology.load(path=str(resource_dir("ontology") / "sdgkg.ttl"), format=ox.RdfFormat.TURTLE)
    out = []
    for section in SECTIONS:
        rows = [(iri, comment) for iri, kind, comment in terms(ontology) if kind == section]
        if not rows:
            continue
        title = TITLES[section]
        out += [f"### {title}", "", "| term | meaning | example in the bundled plan's graph |"]
        out.append("|---|---|---|")
        for iri, comment in rows:
            found = example(graph, iri, section)
            shown = f"`{found}`" if found else "— (not in the bundled plan: see its meaning)"
            meaning = " ".join(comment.split()).replace("|", "\\|")
            shown = shown.replace("|", "\\|")
            out.append(f"| `{curie(iri)}` | {meaning} | {shown} |")
        out.append("")
    return "\n".join(out)


def rewrite(readme: Path) -> None:
    from build_graph.graph.bundled import bundled_ntriples

    graph = ox.Store()
    graph.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    text = readme.read_text("utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    readme.write_text(f"{head}{START}\n{render_terms(graph)}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    rewrite(Path(sys.argv[1]))
