"""Two builds give the same bytes, every file of the bundle included; dates come from
SOURCE_DATE_EPOCH when it is set, else from the plan's date, never from the clock."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from build_graph.cli.main import main

DATASET_ID = "sdgkg-hai-phong-2894-2017"
EPOCH = "1767268800"  # 2026-01-01T12:00:00Z


def _build(out: Path, epoch: str | None) -> Path:
    with pytest.MonkeyPatch.context() as env:
        if epoch is None:
            env.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            env.setenv("SOURCE_DATE_EPOCH", epoch)
        assert main(["build", "--out", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory, hp_dist) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("reproducible")
    return {
        "first": hp_dist,  # the session's build: SOURCE_DATE_EPOCH unset
        "second": _build(root / "second", None),
        "epoch": _build(root / "epoch", EPOCH),
    }


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_bytes_for_every_file(builds):
    first, second = tree(builds["first"]), tree(builds["second"])
    assert len(first) > 25
    assert first.keys() == second.keys()
    different = sorted(name for name in first if first[name] != second[name])
    assert different == []


def test_without_source_date_epoch_the_dates_are_the_plans(builds):
    catalog = Graph().parse(builds["first"] / "catalog.ttl", format="turtle")
    plan_day = Literal("2017-10-30", datatype=XSD.date)
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    record = next(catalog.subjects(RDF.type, DCAT.CatalogRecord))
    for node in (dataset, record):
        assert catalog.value(node, DCTERMS.issued) == plan_day
        assert catalog.value(node, DCTERMS.modified) == plan_day
    package = json.loads((builds["first"] / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == "2017-10-30T00:00:00Z"


def test_source_date_epoch_sets_every_date_and_zip_time(builds):
    folder = builds["epoch"]
    catalog = Graph().parse(folder / "catalog.ttl", format="turtle")
    record = next(catalog.subjects(RDF.type, DCAT.CatalogRecord))
    stamp = catalog.value(record, DCTERMS.modified)
    assert stamp.datatype == XSD.dateTime
    assert stamp.toPython().isoformat() == "2026-01-01T12:00:00+00:00"
    assert catalog.value(record, DCTERMS.issued) == stamp
    dataset = catalog.value(record, FOAF.primaryTopic)
    assert catalog.value(dataset, DCTERMS.modified) == Literal("2026-01-01", datatype=XSD.date)
    with zipfile.ZipFile(folder / f"{DATASET_ID}.zip") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 12, 0, 0)}
    # only the files that carry the date differ from a build without it: the bundle's, and the
    # graph's (the extraction's prov:startedAtTime, one more triple counted in void.ttl)
    first, epoch = tree(builds["first"]), tree(folder)
    differ = sorted(name for name in first if first[name] != epoch[name])
    assert differ == [
        "catalog.ttl",
        "datapackage.json",
        "graph.jsonld",
        "graph.nt",
        "graph.ttl",
        "index.html",
        "index.vi.html",
        f"{DATASET_ID}.zip",
        "void.ttl",
    ]


def test_the_bundle_command_rewrites_a_bundle_to_the_same_bytes(builds, tmp_path):
    """Describing an unchanged folder again gives back exactly what the build wrote."""
    copy = tmp_path / "copy"
    shutil.copytree(builds["epoch"], copy)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert main(["bundle", str(copy), "-q"]) == 0
    assert tree(copy) == tree(builds["epoch"])


def test_a_bad_source_date_epoch_is_refused_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    out = tmp_path / "never"
    assert main(["build", "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err == "sdgkg: error: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds\n"
    assert not out.exists()


def test_validation_report_blank_nodes_are_named_by_content(builds):
    """The report is the one file made of blank nodes: its Turtle must not depend on rdflib's
    random labels (this is what made two builds differ before)."""
    text = (builds["first"] / "validation-report.ttl").read_text(encoding="utf-8")
    report = Graph().parse(data=text, format="turtle")
    assert (None, RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationReport")) in report
    assert "_:b" in text


def test_a_large_validation_report_is_written_flat_with_the_same_triples(
    builds, tmp_path, monkeypatch
):
    """Above NESTED_UP_TO triples (a national build) pyoxigraph writes the report, flat:
    the same graph as rdflib's nested Turtle, and the same bytes twice."""
    from rdflib.compare import isomorphic

    from build_graph.graph import stable_turtle as reproducible

    nested = Graph().parse(builds["first"] / "validation-report.ttl")
    monkeypatch.setattr(reproducible, "NESTED_UP_TO", 0)
    first = reproducible.write_turtle(nested, tmp_path / "first.ttl")
    second = reproducible.write_turtle(Graph().parse(first), tmp_path / "second.ttl")
    assert first.read_bytes() == second.read_bytes()
    assert "[" not in first.read_text(encoding="utf-8").split("sh:select")[0]  # flat
    assert isomorphic(Graph().parse(first), nested)
