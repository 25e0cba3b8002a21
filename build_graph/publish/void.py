"""The VoID description of the graph (``void.ttl``): size, classes, properties, vocabularies and
where to get it (dumps, SPARQL endpoint). Counted on the published ``graph.nt`` itself.

``void:entities`` counts the IRIs under the data set's ``void:uriSpace`` (the ``--base``) that
are subjects of a triple: the things the data set describes, not the vocabulary terms or the
external goals and places it points to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, XSD

from build_graph.graph.serialize import context_prefixes
from build_graph.graph.stores import select
from build_graph.publish.facts import LICENCE, BundleSettings, DatasetFacts, titles

VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DUMPS = {"graph.nt": "N-Triples", "graph.ttl": "Turtle", "graph.jsonld": "JSON-LD"}


def _first(store: ox.Store, query: str) -> ox.QuerySolution:
    return next(iter(select(store, query)))


def _one(store: ox.Store, query: str) -> int:
    return int(_first(store, query)[0].value)


def _pairs(store: ox.Store, query: str) -> list[tuple[str, int]]:
    return [(s[0].value, int(s[1].value)) for s in select(store, query)]


def statistics(facts: DatasetFacts, base: str) -> dict:
    """Counts of the whole graph, by class and by property."""
    return {"triples": facts.counts["triples"], **store_statistics(facts.store, base)}


def store_statistics(store: ox.Store, base: str) -> dict:
    """The counts asked of the store: whole-graph scans (~4 s at 2.7 M triples) that
    pyoxigraph runs without the GIL, so they are asked in a thread: by the build beside its
    validation reports, else by the bundle (``bundle.py``). Of the default graph alone: the
    named graphs of the validator's layout (``fastshacl.load_validation_store``) would not be
    counted."""
    base = base.rstrip("/") + "/"
    # both subject counts in one scan, the prefix tested once per subject, not per triple
    # (2.7 M triples: 1.8 s against 2.1 + 1.0 s for two queries)
    subjects = _first(
        store,
        "SELECT (COUNT(*) AS ?all) "
        f'(SUM(IF(isIRI(?s) && STRSTARTS(STR(?s), "{base}"), 1, 0)) AS ?own) '
        "WHERE { { SELECT DISTINCT ?s WHERE { ?s ?p ?o } } }",
    )
    return {
        "entities": int(subjects["own"].value),
        "distinct_subjects": int(subjects["all"].value),
        "distinct_objects": _one(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": sorted(
            _pairs(
                store,
                "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
            )
        ),
        "properties": sorted(
            _pairs(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")
        ),
    }


def namespace_of(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _key(iri: str, prefixes: dict[str, str]) -> str:
    """A readable, stable IRI fragment for a partition: ``sdgkg-Task`` or a short hash."""
    for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local.replace("_", "").replace("-", "").isalnum():
            return f"{prefix}-{local}"
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def void_graph(facts: DatasetFacts, settings: BundleSettings, counted: dict | None = None) -> Graph:
    """``counted``: :func:`store_statistics` of the store, when asked already."""
    base = settings.base.rstrip("/") + "/"
    stats = {"triples": facts.counts["triples"], **counted} if counted else statistics(facts, base)
    dataset = URIRef(f"{base}dataset/{facts.dataset_id}")
    g = Graph()
    for prefix, ns in (("void", VOID), ("dcterms", DCTERMS), ("foaf", FOAF), ("xsd", XSD)):
        g.bind(prefix, ns)
    add = g.add

    def count(value: int) -> Literal:
        return Literal(str(value), datatype=XSD.integer)

    add((dataset, RDF.type, VOID.Dataset))
    for lang, text in titles(facts).items():
        add((dataset, DCTERMS.title, Literal(text, lang=lang)))
    add((dataset, DCTERMS.license, URIRef(LICENCE)))
    add((dataset, FOAF.homepage, URIRef(settings.landing_page)))
    add((dataset, VOID.uriSpace, Literal(base)))
    add((dataset, VOID.triples, count(stats["triples"])))
    add((dataset, VOID.entities, count(stats["entities"])))
    add((dataset, VOID.distinctSubjects, count(stats["distinct_subjects"])))
    add((dataset, VOID.distinctObjects, count(stats["distinct_objects"])))
    add((dataset, VOID.classes, count(len(stats["classes"]))))
    add((dataset, VOID.properties, count(len(stats["properties"]))))
    for name, label in DUMPS.items():
        add((dataset, VOID.dataDump, URIRef(settings.url(name))))
        add((dataset, VOID.feature, FORMATS[label.replace("-", "_")]))
    if settings.sparql_endpoint:
        add((dataset, VOID.sparqlEndpoint, URIRef(settings.sparql_endpoint)))
    for plan in facts.plans:
        add((dataset, VOID.rootResource, URIRef(plan.iri)))
        add((dataset, VOID.exampleResource, URIRef(plan.iri)))
    vocabularies: set[str] = set()
    prefixes = context_prefixes()
    for iri, entities in stats["classes"]:
        node = URIRef(f"{dataset}/void/class/{_key(iri, prefixes)}")
        add((dataset, VOID.classPartition, node))
        add((node, VOID["class"], URIRef(iri)))
        add((node, VOID.entities, count(entities)))
        vocabularies.add(namespace_of(iri))
    for iri, triples in stats["properties"]:
        node = URIRef(f"{dataset}/void/property/{_key(iri, prefixes)}")
        add((dataset, VOID.propertyPartition, node))
        add((node, VOID.property, URIRef(iri)))
        add((node, VOID.triples, count(triples)))
        vocabularies.add(namespace_of(iri))
    for namespace in sorted(vocabularies):
        add((dataset, VOID.vocabulary, URIRef(namespace)))
    return g


def write_void(
    path: Path, facts: DatasetFacts, settings: BundleSettings, counted: dict | None = None
) -> Path:
    graph = void_graph(facts, settings, counted)
    path.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    return path
