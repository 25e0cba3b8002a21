"""The one prefix map of the project: Turtle, the JSON-LD context, the query library, the docs
and the command line all use these names for these namespaces.

A name means the same namespace everywhere, whatever the plan: ``agency:`` is every agency
(``agency:hai-phong/so-y-te``), ``plan:`` every plan (``plan:hai-phong-2894-2017/appendix/06``).
A test checks that ``ontology/context.jsonld``, ``graph.ttl``, ``queries/*.rq`` and the docs
agree with :func:`prefixes`.

The minted namespaces follow the base IRI of the build (``--base``); the published context is
the map for the default base.
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from build_graph.graph.vocab import DEFAULT_BASE, SDGKG, UNSDG

# Standard vocabularies, then the UN's SDG concepts.
VOCABULARIES: dict[str, str] = {
    "sdgkg": str(SDGKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "foaf": str(FOAF),
    "unsdg": str(UNSDG),
}

# The folders of the minted IRIs; each prefix is named after its folder.
MINTED = (
    "plan",
    "agency",
    "agency-type",
    "kind",
    "vsdg",
    "period",
    "period-kind",
    "year",
    "source",
    "person",
    "software",
    "change",
    "legal",
)


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix → namespace for a build under ``base``: the vocabularies, then the minted folders."""
    root = base.rstrip("/") + "/"
    return {**VOCABULARIES, **{name: f"{root}{name}/" for name in MINTED}}


PREFIXES = prefixes()


def curie(iri: str, namespaces: dict[str, str] | None = None) -> str:
    """``agency:hai-phong/so-y-te`` for an IRI in a namespace of the map (the longest that
    holds it), else the IRI itself. The local part may hold ``/``: a compact IRI as JSON-LD
    and the command line read it (Turtle and SPARQL need ``\\/`` there)."""
    found = max(
        (
            (name, namespace)
            for name, namespace in (namespaces or PREFIXES).items()
            if iri.startswith(namespace) and len(iri) > len(namespace)
        ),
        key=lambda item: len(item[1]),
        default=None,
    )
    return f"{found[0]}:{iri[len(found[1]) :]}" if found else iri


def sparql_prologue(names: list[str] | None = None, base: str = DEFAULT_BASE) -> str:
    """PREFIX lines for ``names`` (default: all), as the query library writes them."""
    mapping = prefixes(base)
    chosen = names if names is not None else list(mapping)
    return "".join(f"PREFIX {name}: <{mapping[name]}>\n" for name in chosen)
