"""``catalog.ttl`` against the official DCAT-AP 3.0.1 SHACL shapes (copied in shapes/dcat-ap/),
and what it says about the data set, checked against the data.

Waived, each for a reason written next to it (as ckanext-dcat's own tests waive range checks
that need the EU vocabularies):

* ``WAIVED_VIOLATIONS``: checks the data cannot pass without being wrong;
* ``RECOMMENDED_LEFT_OUT``: every Warning the full release raises, with its reason and count;
* ``DANGLING``: references in the release files to property shapes they never define, dropped
  because pySHACL refuses to load a shapes graph that holds them (they carry no constraint).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, SKOS, XSD

from build_graph.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "shapes" / "dcat-ap" / "3.0.1"
DOWNLOAD = "https://data.example.org/sdgkg/0.1.0/"
ENDPOINT = "https://query.example.org/sdgkg/sparql"
EPOCH = "1767268800"  # 2026-01-01T12:00:00Z
DATASET = URIRef("https://w3id.org/sdgkg/dataset/sdgkg-hai-phong-2894-2017")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SPDX = "http://spdx.org/rdf/terms#"
ADMS = "http://www.w3.org/ns/adms#"

SHAPE_SETS = {
    # the release's own SHACL (releases/3.0.1/shacl/)
    "release": ["shacl/dcat-ap-SHACL.ttl", "shacl/ranges.ttl"],
    # the split files of the HTML release: constraints, ranges, recommendations, deprecations
    "html": [
        "html-shacl/shapes.ttl",
        "html-shacl/range.ttl",
        "html-shacl/shapes_recommended.ttl",
        "html-shacl/deprecateduris.ttl",
    ],
    # values from the EU controlled vocabularies (MDR authority tables)
    "mdr": ["html-shacl/mdr-vocabularies.shape.ttl"],
}
DANGLING = {"release": 5, "html": 0, "mdr": 0}

WAIVED_VIOLATIONS = {
    # mdr-vocabularies.shape.ttl, :ChecksumAlgorithmRestriction: sh:pattern
    # "^https://spdx.org/rdf/terms". The SPDX vocabulary's namespace is
    # http://spdx.org/rdf/terms# (http, not https); DCAT-AP 3.0.1 itself gives
    # spdx:checksumAlgorithm_sha1 in that namespace as the value of spdx:algorithm. No IRI of
    # the vocabulary matches the pattern, so every checksum fails it.
    ("mdr", str(SH.NodeConstraintComponent), SPDX + "algorithm"),
}
RECOMMENDED_LEFT_OUT = {
    # adms:status of the catalogue record (change type): the harvesting portal's bookkeeping.
    ("html", "http://www.w3.org/ns/adms#status"): 1,
    # dcat:bbox and dcat:centroid of Hải Phòng: the place is given by its GeoNames IRI, sdgkg
    # carries no geometry.
    ("html", str(DCAT.bbox)): 1,
    ("html", str(DCAT.centroid)): 1,
    # dct:format of the SPARQL endpoint's distribution: a service, not a file of some format.
    ("html", str(DCTERMS.format)): 1,
    # the publisher (of the catalogue, the data set and the service) is not in the EU
    # corporate-body table: it is not an EU body.
    ("mdr", str(DCTERMS.publisher)): 3,
    # the 17 UN SDG goals are themes outside the EU data-theme table (the catalogue declares
    # their scheme as a dcat:themeTaxonomy); the shape's own description asks for "at least one
    # concept of data-theme" (the data set has five) but its sh:node checks every theme.
    ("mdr", str(DCAT.theme)): 17,
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dcat") / "dist"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert (
            main(
                [
                    "build",
                    "--out",
                    str(out),
                    "-q",
                    "--download-base",
                    DOWNLOAD,
                    "--sparql-endpoint",
                    ENDPOINT,
                    "--publisher",
                    "Example Institute",
                    "--contact-email",
                    "data@example.org",
                ]
            )
            == 0
        )
    return out


@pytest.fixture(scope="module")
def catalog(dist) -> Graph:
    return Graph().parse(dist / "catalog.ttl", format="turtle")


def official_shapes(name: str) -> tuple[Graph, int]:
    shapes = Graph()
    for file in SHAPE_SETS[name]:
        shapes.parse(SHAPES / file, format="turtle")
    dangling = [
        (s, p) for s, p in shapes.subject_objects(SH.property) if (p, None, None) not in shapes
    ]
    for s, p in dangling:
        shapes.remove((s, SH.property, p))
    return shapes, len(dangling)


def results(data: Graph, name: str) -> list[tuple[str, str, str, str]]:
    """Top-level results: (severity, component, path, focus), nested details left out."""
    shapes, dangling = official_shapes(name)
    assert dangling == DANGLING[name]
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    details = set(report.objects(None, SH.detail))
    found = []
    for result in report.objects(None, SH.result):
        if result in details:
            continue
        found.append(
            (
                str(report.value(result, SH.resultSeverity)),
                str(report.value(result, SH.sourceConstraintComponent)),
                str(report.value(result, SH.resultPath)),
                str(report.value(result, SH.focusNode)),
            )
        )
    return found


@pytest.fixture(scope="module")
def findings(catalog) -> dict[str, list[tuple[str, str, str, str]]]:
    return {name: results(catalog, name) for name in SHAPE_SETS}


@pytest.mark.parametrize("name", list(SHAPE_SETS))
def test_catalog_has_no_violation_of_the_official_shapes_but_the_waived(findings, name):
    violations = {
        (name, component, path)
        for severity, component, path, _ in findings[name]
        if severity == str(SH.Violation)
    }
    assert violations <= WAIVED_VIOLATIONS
    assert violations == {w for w in WAIVED_VIOLATIONS if w[0] == name}  # no stale waiver


@pytest.mark.parametrize("name", list(SHAPE_SETS))
def test_only_the_listed_warnings_remain(findings, name):
    """Every Warning left is listed above, with its reason and how often it is raised."""
    warnings = Counter(
        (name, path) for severity, _, path, _ in findings[name] if severity == str(SH.Warning)
    )
    assert dict(warnings) == {k: v for k, v in RECOMMENDED_LEFT_OUT.items() if k[0] == name}
    others = {severity for severity, *_ in findings[name]} - {str(SH.Violation), str(SH.Warning)}
    assert others == set()


def test_availability_publisher_type_and_theme_taxonomies_are_given(catalog):
    """What the full shapes asked for: availability on every distribution, the publisher's
    type, and a declared taxonomy for every theme."""
    distributions = set(catalog.objects(DATASET, DCAT.distribution))
    local = URIRef(AUTHORITY + "planned-availability/TEMPORARY")  # a local build's files
    for node in distributions:
        assert catalog.value(node, URIRef("http://data.europa.eu/r5r/availability")) == local
    assert (local, SKOS.inScheme, URIRef(AUTHORITY + "planned-availability")) in catalog
    publisher = catalog.value(DATASET, DCTERMS.publisher)
    kind = catalog.value(publisher, DCTERMS.type)
    assert kind == URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")
    assert (kind, SKOS.inScheme, URIRef("http://purl.org/adms/publishertype/1.0")) in catalog
    catalog_node = next(catalog.subjects(RDF.type, DCAT.Catalog))
    taxonomies = set(catalog.objects(catalog_node, DCAT.themeTaxonomy))
    for theme in catalog.objects(DATASET, DCAT.theme):
        assert catalog.value(theme, SKOS.inScheme) in taxonomies, theme
    notes = {o.language for o in catalog.objects(DATASET, URIRef(ADMS + "versionNotes"))}
    assert notes == {"en", "vi"}  # a local build says so


def test_the_official_shapes_do_catch_a_broken_catalogue(catalog):
    """The checks above can fail: a title removed and a second size added are violations."""
    broken = Graph()
    broken += catalog
    broken.remove((DATASET, DCTERMS.title, None))
    node = next(catalog.objects(DATASET, DCAT.distribution))
    broken.add((node, DCAT.byteSize, Literal("12", datatype=XSD.nonNegativeInteger)))
    found = {
        (severity, path)
        for severity, _, path, _ in results(broken, "release") + results(broken, "html")
    }
    assert (str(SH.Violation), str(DCTERMS.title)) in found
    assert (str(SH.Violation), str(DCAT.byteSize)) in found


def test_shapes_are_unmodified_copies_of_the_release(dist):
    attribution = (ROOT / "shapes" / "dcat-ap" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in attribution and "European Union" in attribution
    for name in [f for files in SHAPE_SETS.values() for f in files]:
        digest = hashlib.sha256((SHAPES / name).read_bytes()).hexdigest()
        assert f"`3.0.1/{name}`" in attribution and digest in attribution, name


def test_dataset_titles_descriptions_and_keywords_in_english_and_vietnamese(catalog):
    for prop in (DCTERMS.title, DCTERMS.description):
        languages = {o.language for o in catalog.objects(DATASET, prop)}
        assert languages == {"en", "vi"}
    title = {o.language: str(o) for o in catalog.objects(DATASET, DCTERMS.title)}
    assert "2894/QĐ-UBND" in title["en"] and "Hải Phòng" in title["vi"]
    description = {o.language: str(o) for o in catalog.objects(DATASET, DCTERMS.description)}
    assert "537 tasks" in description["en"] and "537 nhiệm vụ" in description["vi"]
    keywords = {(o.language, str(o)) for o in catalog.objects(DATASET, DCAT.keyword)}
    assert ("en", "sustainable development goals") in keywords
    assert ("vi", "mục tiêu phát triển bền vững") in keywords
    assert {lang for lang, _ in keywords} == {"en", "vi"}


def test_themes_are_eu_data_themes_and_the_un_goals_the_tasks_serve(catalog, dist):
    themes = {str(o) for o in catalog.objects(DATASET, DCAT.theme)}
    eu = {t for t in themes if t.startswith(AUTHORITY + "data-theme/")}
    assert eu == {AUTHORITY + f"data-theme/{c}" for c in ("GOVE", "REGI", "SOCI", "ENVI", "ECON")}
    un = themes - eu
    graph = Graph().parse(dist / "graph.nt", format="nt")
    served = {
        str(row.un)
        for row in graph.query(
            """PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT DISTINCT ?un WHERE { ?t a sdgkg:Task ; sdgkg:contributesTo/skos:broader* ?g .
              ?g a sdgkg:Goal ; skos:closeMatch ?un }"""
        )
    }
    assert un == served and len(un) == 17
    assert all(u.startswith("http://metadata.un.org/sdg/") for u in un)
    for theme in themes:
        assert catalog.value(URIRef(theme), SKOS.prefLabel) is not None
    catalog_node = next(catalog.subjects(RDF.type, DCAT.Catalog))
    taxonomies = set(catalog.objects(catalog_node, DCAT.themeTaxonomy))
    assert URIRef(AUTHORITY + "data-theme") in taxonomies
    assert URIRef("http://metadata.un.org/sdg") in taxonomies


def test_licence_coverage_dates_version_and_conformance(catalog):
    assert catalog.value(DATASET, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    period = catalog.value(DATASET, DCTERMS.temporal)
    assert catalog.value(period, DCAT.startDate) == Literal("2017", datatype=XSD.gYear)
    assert catalog.value(period, DCAT.endDate) == Literal("2030", datatype=XSD.gYear)
    place = catalog.value(DATASET, DCTERMS.spatial)
    assert place == URIRef("https://sws.geonames.org/1581298/")
    assert str(catalog.value(place, SKOS.prefLabel)) == "Hải Phòng"
    assert catalog.value(DATASET, DCTERMS.issued) == Literal("2026-01-01", datatype=XSD.date)
    assert catalog.value(DATASET, DCTERMS.modified) == Literal("2026-01-01", datatype=XSD.date)
    assert str(catalog.value(DATASET, URIRef("http://www.w3.org/ns/dcat#version"))) == "0.1.0"
    assert catalog.value(DATASET, DCTERMS.conformsTo) == URIRef("https://w3id.org/sdgkg/ontology")
    languages = set(catalog.objects(DATASET, DCTERMS.language))
    assert languages == {URIRef(AUTHORITY + "language/ENG"), URIRef(AUTHORITY + "language/VIE")}


def test_publisher_and_contact_point_are_the_ones_given(catalog):
    publisher = catalog.value(DATASET, DCTERMS.publisher)
    assert str(catalog.value(publisher, FOAF.name)) == "Example Institute"
    contact = catalog.value(DATASET, DCAT.contactPoint)
    assert (contact, RDF.type, URIRef(VCARD + "Kind")) in catalog
    assert catalog.value(contact, URIRef(VCARD + "hasEmail")) == URIRef("mailto:data@example.org")
    assert catalog.value(DATASET, DCAT.landingPage) == URIRef(DOWNLOAD + "index.html")


def test_every_download_url_is_under_the_download_base_and_names_a_real_file(catalog, dist):
    urls = [str(o) for o in catalog.objects(None, DCAT.downloadURL)]
    assert len(urls) > 25
    for url in urls:
        assert url.startswith(DOWNLOAD)
        assert (dist / url[len(DOWNLOAD) :]).is_file(), url


def test_the_sparql_endpoint_is_a_data_service(catalog, dist):
    services = list(catalog.subjects(RDF.type, DCAT.DataService))
    assert len(services) == 1
    service = services[0]
    assert catalog.value(service, DCAT.endpointURL) == URIRef(ENDPOINT)
    assert catalog.value(service, DCAT.servesDataset) == DATASET
    catalog_node = next(catalog.subjects(RDF.type, DCAT.Catalog))
    assert (catalog_node, DCAT.service, service) in catalog
    access = [
        d
        for d in catalog.objects(DATASET, DCAT.distribution)
        if catalog.value(d, DCAT.accessService) == service
    ]
    assert len(access) == 1 and catalog.value(access[0], DCAT.accessURL) == URIRef(ENDPOINT)
    void = Graph().parse(dist / "void.ttl", format="turtle")
    assert void.value(DATASET, URIRef("http://rdfs.org/ns/void#sparqlEndpoint")) == URIRef(ENDPOINT)


def test_catalogue_record_dates_come_from_source_date_epoch(catalog):
    record = next(catalog.subjects(RDF.type, DCAT.CatalogRecord))
    assert catalog.value(record, FOAF.primaryTopic) == DATASET
    for prop in (DCTERMS.issued, DCTERMS.modified):
        stamp = catalog.value(record, prop)
        assert stamp.datatype == XSD.dateTime
        assert stamp.toPython().isoformat() == "2026-01-01T12:00:00+00:00"


def test_a_large_catalogue_is_written_flat_with_the_same_triples(dist, tmp_path, monkeypatch):
    """Above CATALOG_NESTED_UP_TO triples (a national build's catalogue) pyoxigraph writes
    catalog.ttl, flat: the same triples as rdflib's nested Turtle of the same description."""
    from rdflib.compare import isomorphic

    from build_graph.publish import dcat
    from build_graph.publish.bundle import read_settings
    from build_graph.publish.facts import CATALOG, read_facts
    from build_graph.publish.files import inventory

    facts, settings = read_facts(dist, None, None), read_settings(dist)
    files = inventory(dist, exclude={CATALOG}, hashes=True)
    nested = dcat.write_catalog(tmp_path / "nested.ttl", facts, settings, files).read_bytes()
    monkeypatch.setattr(dcat, "CATALOG_NESTED_UP_TO", 0)
    flat = dcat.write_catalog(tmp_path / "flat.ttl", facts, settings, files).read_bytes()
    assert b"\n\t" in flat and b"\n\t" not in nested  # pyoxigraph's layout, and rdflib's
    assert flat == dcat.write_catalog(tmp_path / "again.ttl", facts, settings, files).read_bytes()
    graphs = [Graph().parse(data=text.decode("utf-8"), format="turtle") for text in (nested, flat)]
    assert len(graphs[0]) > 100 and isomorphic(graphs[0], graphs[1])
