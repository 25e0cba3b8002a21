"""Release facts from one settings file (``release.toml``) and ``sdgkg bundle``'s options: what
a release bundle says (catalogue, landing page, citation, descriptor), what a release build
requires, and what a local build says of itself."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from build_graph.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DOWNLOAD = "https://files.example.org/sdgkg/0.2.0/"
ADMS = "http://www.w3.org/ns/adms#"
AUTHORITY = "http://publications.europa.eu/resource/authority/"
SETTINGS = """
[release]
version = "0.2.0"
date = "2026-12-01"
download_base = "https://files.example.org/sdgkg/0.2.0/"

[publisher]
name = "Example Institute"
iri = "https://example.org/institute"
type = "http://purl.org/adms/publishertype/Academia-ScientificOrganisation"
email = "data@example.org"

[source]
decision_url = "https://laws.example.org/2894-QD-UBND-2017"
page = "https://legal-site.example.org/2894"
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def released(hp_dist, tmp_path_factory) -> Path:
    """The session's build, described again as a release from a settings file."""
    folder = tmp_path_factory.mktemp("release")
    out = folder / "dist"
    shutil.copytree(hp_dist, out)
    settings = folder / "release.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    assert main(["bundle", str(out), "--settings", str(settings), "--release", "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def catalog(released) -> Graph:
    return Graph().parse(released / "catalog.ttl", format="turtle")


def test_the_catalogue_says_the_release_facts(catalog):
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    assert str(catalog.value(dataset, URIRef("http://www.w3.org/ns/dcat#version"))) == "0.2.0"
    assert catalog.value(dataset, DCTERMS.issued) == Literal("2026-12-01", datatype=XSD.date)
    publisher = catalog.value(dataset, DCTERMS.publisher)
    assert publisher == URIRef("https://example.org/institute")
    assert str(catalog.value(publisher, FOAF.name)) == "Example Institute"
    assert catalog.value(publisher, DCTERMS.type) == URIRef(
        "http://purl.org/adms/publishertype/Academia-ScientificOrganisation"
    )
    contact = catalog.value(dataset, DCAT.contactPoint)
    assert catalog.value(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")) == URIRef(
        "mailto:data@example.org"
    )
    urls = [str(o) for o in catalog.objects(None, DCAT.downloadURL)]
    assert urls and all(url.startswith(DOWNLOAD) for url in urls)
    stable = URIRef(AUTHORITY + "planned-availability/STABLE")
    for node in catalog.objects(dataset, DCAT.distribution):
        assert catalog.value(node, URIRef("http://data.europa.eu/r5r/availability")) == stable
    assert catalog.value(dataset, URIRef(ADMS + "versionNotes")) is None  # not a local build


def test_the_landing_pages_and_the_descriptor_say_them_too(released):
    page = (released / "index.html").read_text(encoding="utf-8")
    assert 'class="local-build"' not in page
    assert "Example Institute (2026). " in page and "(version 0.2.0) [Data set]" in page
    assert '<a href="mailto:data@example.org">' in page
    assert '<a href="https://laws.example.org/2894-QD-UBND-2017">official text</a>' in page
    assert '<a href="https://legal-site.example.org/2894">the page it was read from</a>' in page
    vi_page = (released / "index.vi.html").read_text(encoding="utf-8")
    assert '<a href="https://laws.example.org/2894-QD-UBND-2017">văn bản chính thức</a>' in vi_page
    package = json.loads((released / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "0.2.0" and package["created"] == "2026-12-01T00:00:00Z"
    assert package["homepage"] == DOWNLOAD + "index.html"
    assert {"title": "Example Institute", "role": "maintainer", "email": "data@example.org"} in (
        package["contributors"]
    )
    assert package["sdgkg"]["release"] is True and package["sdgkg"]["version"] == "0.2.0"


def test_options_override_the_file(released, tmp_path):
    out = tmp_path / "dist"
    shutil.copytree(released, out)
    settings = tmp_path / "release.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    args = ["bundle", str(out), "--settings", str(settings), "--version", "0.2.1", "-q"]
    assert main([*args, "--release-date", "2026-12-24"]) == 0
    catalog = Graph().parse(out / "catalog.ttl", format="turtle")
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    assert str(catalog.value(dataset, URIRef("http://www.w3.org/ns/dcat#version"))) == "0.2.1"
    assert catalog.value(dataset, DCTERMS.issued) == Literal("2026-12-24", datatype=XSD.date)
    # no --release: a local build again, and it says so (publisher and contact were given)
    notes = {o.language: str(o) for o in catalog.objects(dataset, URIRef(ADMS + "versionNotes"))}
    assert notes["en"] == "Local build, not a release."


@pytest.mark.parametrize(
    ("remove", "missing"),
    [
        ('email = "data@example.org"\n', "--contact-email"),
        ('download_base = "https://files.example.org/sdgkg/0.2.0/"\n', "--download-base"),
    ],
)
def test_a_release_without_contact_or_download_base_is_refused(
    hp_dist, tmp_path, capsys, remove, missing
):
    out = tmp_path / "dist"
    shutil.copytree(hp_dist, out)
    before = tree(out)
    settings = tmp_path / "release.toml"
    settings.write_text(SETTINGS.replace(remove, ""), encoding="utf-8")
    assert main(["bundle", str(out), "--settings", str(settings), "--release"]) == 2
    err = capsys.readouterr().err
    assert err == f"sdgkg: error: --release needs {missing} (in {settings} or as options)\n"
    assert tree(out) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[release]\nversio = "1"\n', "unknown setting release.versio"),
        ('[release]\ndate = "30/10/2017"\n', "--release-date '30/10/2017' is not a date"),
        ('[publisher]\nemail = "nobody"\n', "--contact-email 'nobody' is not an e-mail address"),
        ('[publisher]\ntype = "https://example.org/type"\n', "is not an ADMS publisher type"),
        ("[release\n", "not a TOML file"),
    ],
)
def test_bad_settings_are_refused_in_one_line(hp_dist, tmp_path, capsys, text, message):
    settings = tmp_path / "release.toml"
    settings.write_text(text, encoding="utf-8")
    assert main(["bundle", str(hp_dist), "--settings", str(settings)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_the_projects_release_file_makes_a_local_build(hp_dist, tmp_path):
    """release.toml as shipped gives no contact address yet: `make run` builds a local bundle
    that says so, and a release build is refused until the address is filled in."""
    out = tmp_path / "dist"
    shutil.copytree(hp_dist, out)
    assert main(["bundle", str(out), "--settings", str(ROOT / "release.toml"), "-q"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="local-build" role="note">(.*?)</p>', page)
    assert banner and "no contact address is given" in banner[1]
    assert main(["bundle", str(out), "--settings", str(ROOT / "release.toml"), "--release"]) == 2
