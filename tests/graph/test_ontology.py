"""The ontology: metadata, bilingual labels and comments, and every term the data uses."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as ns

from build_graph.graph.builder import build_graph
from build_graph.graph.vocab import SDGKG, VANN
from build_graph.resources import resource_dir

ONTOLOGY_IRI = URIRef("https://w3id.org/sdgkg/ontology")
STANDARD = (ns.RDF, ns.RDFS, ns.OWL, ns.XSD, ns.SKOS, ns.DCTERMS, ns.ORG, ns.PROV, ns.TIME, ns.FOAF)
RDF, RDFS, OWL, SKOS, DCTERMS, ORG = ns.RDF, ns.RDFS, ns.OWL, ns.SKOS, ns.DCTERMS, ns.ORG


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resource_dir("ontology") / "sdgkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def data(plan, registry) -> Graph:
    return build_graph(plan, registry)


def own_terms(ontology: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(SDGKG))
    }


def test_ontology_metadata(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for prop in (
        OWL.versionIRI,
        DCTERMS.license,
        DCTERMS.creator,
        DCTERMS.description,
        VANN.preferredNamespacePrefix,
    ):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, prop


def test_every_term_has_labels_and_comments_in_english_and_vietnamese(ontology):
    terms = own_terms(ontology)
    assert len(terms) > 40
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            languages = {value.language for value in ontology.objects(term, prop)}
            assert {"en", "vi"} <= languages, (term, prop)


def is_standard(term: URIRef) -> bool:
    for namespace in STANDARD:
        if str(term).startswith(str(namespace)):
            return term in namespace
    return False


def test_every_class_and_property_the_data_uses_is_declared(ontology, data):
    declared = own_terms(ontology) | set(ontology.subjects(RDF.type, ORG.Role))
    declared |= set(ontology.subjects(RDF.type, SDGKG.MatchMethod))
    used = set(data.predicates()) | set(data.objects(None, RDF.type))
    unknown = sorted(t for t in used if t not in declared and not is_standard(t))
    assert unknown == []


def test_a_misspelt_standard_term_would_be_caught():
    assert not is_standard(URIRef(str(SKOS) + "prefLable"))
    assert is_standard(SKOS.prefLabel)


def test_json_ld_context_maps_only_declared_or_standard_terms(ontology):
    context = json.loads((resource_dir("ontology") / "context.jsonld").read_text("utf-8"))[
        "@context"
    ]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    declared = own_terms(ontology) | set(ontology.subjects(RDF.type, ORG.Role))
    for term, definition in context.items():
        if term.startswith("@") or term in prefixes:
            continue
        iri = definition["@id"] if isinstance(definition, dict) else definition
        prefix, _, local = iri.partition(":")
        full = URIRef(prefixes[prefix] + local)
        assert full in declared or is_standard(full), term
