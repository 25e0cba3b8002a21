"""The open-data bundle that ``sdgkg build`` writes: every file present, described with its true
size and checksum, zipped reproducibly, counted by VoID, and tied to the graph by link columns.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, RDF, XSD

from build_graph.cli.main import main

DATASET_ID = "sdgkg-hai-phong-2894-2017"
DOWNLOAD = "https://w3id.org/sdgkg/download/"
SDGKG = "https://w3id.org/sdgkg/ontology#"
SPDX = "http://spdx.org/rdf/terms#"
VOID = "http://rdfs.org/ns/void#"
TABLES = [
    "agencies",
    "appendices",
    "headings",
    "irregularities",
    "targets",
    "task_partners",
    "tasks",
]


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    """The session's build (SOURCE_DATE_EPOCH unset)."""
    return hp_dist


@pytest.fixture(scope="module")
def catalog(dist) -> Graph:
    return Graph().parse(dist / "catalog.ttl", format="turtle")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_bundle_files_are_written(dist):
    expected = ["catalog.ttl", "void.ttl", "datapackage.json", "index.html", f"{DATASET_ID}.zip"]
    expected += ["index.vi.html"]
    expected += [f"tables/{t}.csv-metadata.json" for t in TABLES]
    for name in expected:
        assert (dist / name).is_file(), name
    # the build's own files are all still there
    for name in [
        "graph.ttl",
        "graph.nt",
        "graph.jsonld",
        "sdgkg.ttl",
        "context.jsonld",
        "validation-report.ttl",
        "validation-summary.md",
        "tables/plan.json",
    ]:
        assert (dist / name).is_file(), name


def test_catalog_gives_every_other_file_its_true_size_checksum_and_url(dist, catalog):
    files = files_of(dist)
    described = {}
    for node in catalog.subjects(RDF.type, DCAT.Distribution):
        url = catalog.value(node, DCAT.downloadURL)
        if url is None:
            continue
        assert str(url).startswith(DOWNLOAD)
        path = str(url)[len(DOWNLOAD) :]
        data = files[path]
        assert int(catalog.value(node, DCAT.byteSize)) == len(data)
        assert catalog.value(node, DCAT.byteSize).datatype == XSD.nonNegativeInteger
        checksum = catalog.value(node, URIRef(SPDX + "checksum"))
        assert catalog.value(checksum, URIRef(SPDX + "algorithm")) == URIRef(
            SPDX + "checksumAlgorithm_sha256"
        )
        value = catalog.value(checksum, URIRef(SPDX + "checksumValue"))
        assert value == Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)
        assert catalog.value(node, DCAT.mediaType) is not None
        described[path] = node
    # one distribution per file; the catalogue cannot describe itself
    assert set(described) == set(files) - {"catalog.ttl"}


def test_zip_holds_every_file_but_the_catalogue_and_pages_sorted_with_one_fixed_time(dist):
    """The landing pages give the ZIP's checksum and the catalogue gives theirs: those three
    are written after the ZIP, and are not in it."""
    with zipfile.ZipFile(dist / f"{DATASET_ID}.zip") as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        files = files_of(dist)
        inside = {name.removeprefix(f"{DATASET_ID}/"): archive.read(name) for name in names}
        assert inside == {
            path: data
            for path, data in files.items()
            if path not in ("catalog.ttl", "index.html", "index.vi.html", f"{DATASET_ID}.zip")
        }
        # no SOURCE_DATE_EPOCH: the date of the plan (Decision 2894 of 30/10/2017)
        assert {info.date_time for info in infos} == {(2017, 10, 30, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_void_counts_what_graph_nt_holds(dist):
    void = Graph().parse(dist / "void.ttl", format="turtle")
    graph = Graph().parse(dist / "graph.nt", format="nt")
    dataset = URIRef(f"https://w3id.org/sdgkg/dataset/{DATASET_ID}")
    v = {
        name: URIRef(VOID + name)
        for name in (
            "triples",
            "entities",
            "classes",
            "properties",
            "classPartition",
            "propertyPartition",
            "class",
            "property",
            "vocabulary",
            "dataDump",
            "sparqlEndpoint",
            "distinctSubjects",
        )
    }
    assert (dataset, RDF.type, URIRef(VOID + "Dataset")) in void
    assert int(void.value(dataset, v["triples"])) == len(graph) > 40000
    classes = set(graph.objects(None, RDF.type))
    properties = set(graph.predicates())
    assert int(void.value(dataset, v["classes"])) == len(classes)
    assert int(void.value(dataset, v["properties"])) == len(properties)
    assert int(void.value(dataset, v["distinctSubjects"])) == len(set(graph.subjects()))
    # counted while the validator's layout graphs were in the store: not counted with the data
    distinct_objects = URIRef(VOID + "distinctObjects")
    assert int(void.value(dataset, distinct_objects)) == len(set(graph.objects()))
    entities = {s for s in graph.subjects() if str(s).startswith("https://w3id.org/sdgkg/")}
    assert int(void.value(dataset, v["entities"])) == len(entities)
    per_class = {
        void.value(p, v["class"]): int(void.value(p, URIRef(VOID + "entities")))
        for p in void.objects(dataset, v["classPartition"])
    }
    assert set(per_class) == classes
    tasks = (dist / "tables" / "tasks.csv").open(encoding="utf-8")
    assert per_class[URIRef(SDGKG + "Task")] == len(list(csv.DictReader(tasks))) == 537
    per_property = {
        void.value(p, v["property"]): int(void.value(p, v["triples"]))
        for p in void.objects(dataset, v["propertyPartition"])
    }
    assert sum(per_property.values()) == len(graph)
    assert per_property[URIRef(SDGKG + "leadAgency")] == len(
        list(graph.triples((None, URIRef(SDGKG + "leadAgency"), None)))
    )
    vocabularies = {str(o) for o in void.objects(dataset, v["vocabulary"])}
    assert {
        SDGKG,
        "http://www.w3.org/2004/02/skos/core#",
        "http://www.w3.org/ns/prov#",
        "http://www.w3.org/ns/org#",
    } <= vocabularies
    dumps = {str(o) for o in void.objects(dataset, v["dataDump"])}
    assert dumps == {DOWNLOAD + name for name in ("graph.nt", "graph.ttl", "graph.jsonld")}
    assert void.value(dataset, v["sparqlEndpoint"]) is None  # none was given


def test_graph_jsonld_carries_the_published_context(dist):
    context = json.loads((dist / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    document = json.loads((dist / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context


def _without(path: Path, columns: set[str]) -> bytes:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        kept = [c for c in reader.fieldnames or [] if c not in columns]
        rows = list(reader)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=kept, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_link_columns_are_appended_and_name_the_graph_nodes(dist, tmp_path):
    extracted = tmp_path / "extract"
    assert main(["extract", "--out", str(extracted), "-q"]) == 0
    links = {"task_iri", "appendix_iri"}
    for name in TABLES:
        built = dist / "tables" / f"{name}.csv"
        # the extraction's own columns keep their bytes
        assert _without(built, links) == (extracted / f"{name}.csv").read_bytes(), name
    graph = Graph().parse(dist / "graph.nt", format="nt")
    tasks = list(csv.DictReader((dist / "tables" / "tasks.csv").open(encoding="utf-8")))
    for row in tasks:
        task = URIRef(row["task_iri"])
        assert (task, RDF.type, URIRef(SDGKG + "Task")) in graph
        assert (task, URIRef("http://purl.org/dc/terms/identifier"), Literal(row["task_id"])) in (
            graph
        )
        assert (URIRef(row["appendix_iri"]), URIRef(SDGKG + "hasTask"), task) in graph
    assert len({row["task_iri"] for row in tasks}) == len(tasks) == 537
    appendix = next(
        r
        for r in csv.DictReader((dist / "tables" / "appendices.csv").open(encoding="utf-8"))
        if r["appendix"] == "6"
    )
    assert appendix["appendix_iri"] == "https://w3id.org/sdgkg/plan/hai-phong-2894-2017/appendix/06"


def test_bad_publication_options_stop_the_build_before_anything_is_written(tmp_path, capsys):
    for option, value in (
        ("--download-base", "ftp://example.org/files/"),
        ("--sparql-endpoint", "not a url"),
        ("--contact-email", "nobody"),
    ):
        out = tmp_path / "never"
        assert main(["build", "--out", str(out), option, value, "-q"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("sdgkg: error: ") and option in err
        assert len(err.strip().splitlines()) == 1
        assert not out.exists()


def test_bundle_command_refuses_a_folder_that_is_not_a_bundle(tmp_path, capsys):
    (tmp_path / "graph.nt").write_text("", encoding="utf-8")
    assert main(["bundle", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "datapackage.json" in err and len(err.strip().splitlines()) == 1
