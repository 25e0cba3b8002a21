"""``sdgkg publish-ckan`` against a real CKAN 2.11 (ckanext-scheming, ckanext-dcat with the
DCAT-AP 3 profile, PostgreSQL, Redis; Solr stood in for, see ckan_server.py): create, rerun
with nothing new, update after a changed build, a failure in the middle, and the data set as
ckanext-dcat gives it back as DCAT, checked against the bundle's own catalogue; and the other
way, ckanext-dcat's parser harvesting ``catalog.ttl``.

The payload rules checked without a portal come from CKAN's source (ckan/logic/validators.py:
name_validator, tag validators, PACKAGE_NAME_MAX_LENGTH = 100, MIN/MAX_TAG_LENGTH = 2/100).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import shutil
import socket
import threading
import uuid
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from build_graph.cli.main import main

DOWNLOAD = "https://data.example.org/sdgkg/"
TOKEN_ENV = "SDGKG_TEST_CKAN_TOKEN"
NAME = "sdgkg-hai-phong-2894-2017"
NAME_RULE = re.compile(r"^[a-z0-9_\-]{2,100}$")
TAG_RULE = re.compile(r"^[\w \-.]*$")
SPDX = "http://spdx.org/rdf/terms#"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
CORE_FIELDS = {
    "id",
    "name",
    "title",
    "author",
    "author_email",
    "maintainer",
    "maintainer_email",
    "license_id",
    "notes",
    "url",
    "version",
    "state",
    "type",
    "owner_org",
    "private",
    "tags",
    "extras",
    "resources",
    "groups",
}


def build(out: Path, *extra: str) -> Path:
    args = ["build", "--out", str(out), "-q", "--download-base", DOWNLOAD]
    assert main([*args, "--contact-email", "data@example.org", *extra]) == 0
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("ckan") / "dist")


@pytest.fixture(scope="module")
def changed(dist, tmp_path_factory) -> Path:
    """The same bundle after `sdgkg report` added a file and `sdgkg bundle` described it:
    one resource more, and new checksums for the landing page, the ZIP and the catalogue."""
    out = tmp_path_factory.mktemp("ckan-changed") / "dist"
    shutil.copytree(dist, out)
    (out / "report").mkdir()
    (out / "report" / "report.md").write_text("# Report\n\nNo figures yet.\n", encoding="utf-8")
    assert main(["bundle", str(out), "-q"]) == 0
    return out


def dry_run(dist: Path, *extra: str) -> dict:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(out):
        env.delenv(TOKEN_ENV, raising=False)
        code = main(
            [
                *("publish-ckan", "--url", "https://ckan.example.org", "--dist", str(dist)),
                *("--api-key-env", TOKEN_ENV, "--org", "hai-phong", "--dry-run", *extra),
            ]
        )
    assert code == 0
    return json.loads(out.getvalue())["package"]


@pytest.fixture(scope="module")
def payload(dist) -> dict:
    return dry_run(dist)


def publish(dist: Path, url: str, *extra: str) -> int:
    return main(
        ["publish-ckan", "--url", url, "--dist", str(dist), "--api-key-env", TOKEN_ENV, *extra]
    )


def show(portal, name: str = NAME) -> dict:
    from ckanapi import RemoteCKAN

    with RemoteCKAN(portal.url, apikey=portal.token) as ckan:
        return ckan.action.package_show(id=name)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# ------------------------------------------------------------------------------ the payload


def test_payload_keeps_to_ckans_rules(payload):
    assert NAME_RULE.match(payload["name"]) and payload["name"] == NAME
    assert payload["owner_org"] == "hai-phong"
    assert payload["license_id"] == "CC-BY-4.0"  # the Open Definition list's id, not "cc-by"
    assert len(payload["version"]) <= 100 and payload["title"] and payload["notes"]
    assert payload["url"] == DOWNLOAD + "index.html"
    tags = [tag["name"] for tag in payload["tags"]]
    assert len(tags) == len(set(tags)) >= 10
    for tag in tags:
        assert 2 <= len(tag) <= 100 and TAG_RULE.match(tag) and "," not in tag, tag
    assert "mục tiêu phát triển bền vững" in tags
    assert "extras" not in payload  # scheming fields, not legacy extras


def test_payload_carries_both_languages_and_the_dcat_fields(payload, dist):
    catalog = Graph().parse(dist / "catalog.ttl", format="turtle")
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    titles = {o.language: str(o) for o in catalog.objects(dataset, DCTERMS.title)}
    assert payload["title_translated"] == titles and set(titles) == {"en", "vi"}
    assert payload["title"] == titles["en"]
    assert set(payload["notes_translated"]) == {"en", "vi"}
    assert payload["temporal_coverage"] == [{"start": "2017", "end": "2030"}]
    assert payload["spatial_coverage"] == [
        {"uri": "https://sws.geonames.org/1581298/", "text": "Hải Phòng"}
    ]
    assert payload["theme"] == sorted(str(o) for o in catalog.objects(dataset, DCAT.theme))
    assert len(payload["theme"]) == 5 + 17
    assert payload["uri"] == str(dataset) and payload["contact"][0]["email"] == "data@example.org"


def test_every_file_is_a_resource_with_a_stable_id_and_its_true_size_and_checksum(payload, dist):
    files = files_of(dist)
    by_path = {r["url"][len(DOWNLOAD) :]: r for r in payload["resources"]}
    assert set(by_path) == set(files)
    assert payload["resources"][0]["url"].endswith(".zip")  # the whole bundle first
    for path, resource in by_path.items():
        assert int(resource["size"]) == len(files[path])
        assert resource["hash"] == hashlib.sha256(files[path]).hexdigest()
        assert resource["hash_algorithm"] == SPDX + "checksumAlgorithm_sha256"
        assert resource["license"] == LICENCE and resource["download_url"] == resource["url"]
        assert uuid.UUID(resource["id"]).version == 5
    assert by_path["tables/tasks.csv"]["format"] == "CSV"
    assert by_path["tables/tasks.csv-metadata.json"]["format"] == "CSVW"
    assert by_path["graph.nt"]["mimetype"].endswith("/application/n-triples")
    # the same ids from the same bundle, and from a rebuilt one; another name, other ids
    again = dry_run(dist)
    assert [r["id"] for r in again["resources"]] == [r["id"] for r in payload["resources"]]
    other = dry_run(dist, "--name", "another-name")
    assert not {r["id"] for r in other["resources"]} & {r["id"] for r in payload["resources"]}


def test_the_extras_fallback_keeps_to_core_fields(dist, payload):
    legacy = dry_run(dist, "--layout", "extras")
    assert set(legacy) <= CORE_FIELDS
    extras = {e["key"]: e["value"] for e in legacy["extras"]}
    assert len(extras) == len(legacy["extras"]) and not set(extras) & CORE_FIELDS
    assert all(isinstance(v, str) and v for v in extras.values())
    assert extras["title_vi"] == payload["title_translated"]["vi"]
    assert (extras["temporal_start"], extras["temporal_end"]) == ("2017", "2030")
    assert extras["spatial_uri"] == "https://sws.geonames.org/1581298/"
    assert json.loads(extras["theme"]) == payload["theme"]
    assert legacy["author_email"] == legacy["maintainer_email"] == "data@example.org"
    assert [r["id"] for r in legacy["resources"]] == [r["id"] for r in payload["resources"]]


def test_bad_options_and_folders_are_refused(dist, tmp_path, capsys):
    assert publish(dist, "ckan.example.org", "--dry-run") == 2
    assert "--url" in capsys.readouterr().err
    assert publish(dist, "https://ckan.example.org", "--dry-run", "--name", "Not A Name") == 2
    assert "is not a CKAN name" in capsys.readouterr().err
    assert publish(tmp_path, "https://ckan.example.org", "--dry-run") == 2
    assert "no catalog.ttl" in capsys.readouterr().err


def test_without_a_token_nothing_is_sent(dist, monkeypatch, capsys):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with socket.socket() as listener:  # a port that would record any connection
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        assert publish(dist, url, "--org", "hai-phong") == 2
        with pytest.raises(TimeoutError):
            listener.accept()
    assert f"the environment variable {TOKEN_ENV} is empty" in capsys.readouterr().err


def test_the_token_goes_only_in_the_authorization_header(dist, monkeypatch, capsys):
    """What publish-ckan sends first, read off the socket: the action API, the token in the
    Authorization header (CKAN's default header), sdgkg's user agent."""
    monkeypatch.setenv(TOKEN_ENV, "token-for-the-header-test")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(30)
        received: list[bytes] = []

        def answer() -> None:
            connection, _ = listener.accept()
            with connection:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += connection.recv(65536)
                received.append(data)
                connection.sendall(b"HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n")

        thread = threading.Thread(target=answer)
        thread.start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        assert publish(dist, url, "--org", "hai-phong") == 2
        thread.join(timeout=30)
    head = received[0].split(b"\r\n\r\n", 1)[0].decode()
    lines = head.split("\r\n")
    assert lines[0].startswith("POST /api/action/license_list ")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert headers["Authorization"] == "token-for-the-header-test"
    assert headers["User-Agent"].startswith("sdgkg/")
    assert "token-for-the-header-test" not in capsys.readouterr().err


def test_an_unreachable_site_is_one_line(dist, monkeypatch, capsys):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(TOKEN_ENV, "some-token")
    assert publish(dist, f"http://127.0.0.1:{port}", "--org", "hai-phong") == 2
    err = capsys.readouterr().err
    assert "cannot reach the site" in err and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------------------ the portal


@pytest.fixture(scope="module")
def created(ckan_portal, dist, monkeypatch_module) -> dict:
    """The first publish of the bundle (the tests below follow it in file order)."""
    monkeypatch_module.setenv(TOKEN_ENV, ckan_portal.token)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert publish(dist, ckan_portal.url, "--org", ckan_portal.organisation) == 0
    return {"printed": out.getvalue(), "package": show(ckan_portal)}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_create_sends_the_data_set_with_its_resources_in_one_call(created, payload, capsys):
    assert created["printed"].startswith(f"Created: data set {NAME} with ")
    package = created["package"]
    assert [r["id"] for r in package["resources"]] == [r["id"] for r in payload["resources"]]
    assert package["license_id"] == "CC-BY-4.0" and package["license_url"] == LICENCE
    assert package["title_translated"] == payload["title_translated"]
    assert package["organization"]["name"] == "hai-phong"
    for sent, stored in zip(payload["resources"], package["resources"], strict=True):
        for key in ("url", "hash", "license", "download_url", "format", "mimetype"):
            assert stored[key] == sent[key], key
        assert stored["size"] == int(sent["size"])


def test_the_token_is_never_printed_nor_written(created, ckan_portal, dist):
    assert ckan_portal.token not in created["printed"]
    for data in files_of(dist).values():
        assert ckan_portal.token.encode() not in data


def test_a_rerun_with_nothing_new_changes_nothing(created, ckan_portal, dist, capsys):
    assert publish(dist, ckan_portal.url, "--org", ckan_portal.organisation) == 0
    assert capsys.readouterr().out.startswith(f"Unchanged: data set {NAME} with ")
    after = show(ckan_portal)
    assert after["metadata_modified"] == created["package"]["metadata_modified"]
    assert after == created["package"]


def test_an_update_after_a_changed_build_keeps_the_resource_ids(
    created, ckan_portal, dist, changed, capsys
):
    assert publish(changed, ckan_portal.url, "--org", ckan_portal.organisation) == 0
    assert capsys.readouterr().out.startswith(f"Updated: data set {NAME} with ")
    after = show(ckan_portal)
    assert after["id"] == created["package"]["id"]
    before = {r["url"]: r for r in created["package"]["resources"]}
    now = {r["url"]: r for r in after["resources"]}
    assert set(now) - set(before) == {DOWNLOAD + "report/report.md"}
    for url, resource in before.items():
        assert now[url]["id"] == resource["id"]  # the same resource, updated in place
    files = files_of(changed)
    for url, resource in now.items():
        path = url[len(DOWNLOAD) :]
        assert resource["hash"] == hashlib.sha256(files[path]).hexdigest(), path
    assert now[DOWNLOAD + "index.html"]["hash"] != before[DOWNLOAD + "index.html"]["hash"]
    # and back to the first build: the extra resource goes, the others are as before
    assert publish(dist, ckan_portal.url, "--org", ckan_portal.organisation) == 0
    back = show(ckan_portal)
    assert [r["id"] for r in back["resources"]] == [
        r["id"] for r in created["package"]["resources"]
    ]


def _broken(changed: Path, tmp_path: Path) -> Path:
    """The changed bundle with one distribution's size made text CKAN's integer check refuses
    (catalog.ttl is what publish-ckan reads)."""
    out = tmp_path / "broken"
    shutil.copytree(changed, out)
    catalog = out / "catalog.ttl"
    text = catalog.read_text(encoding="utf-8")
    size = (changed / "tables" / "tasks.csv").stat().st_size
    marker = f'"{size}"^^xsd:nonNegativeInteger'
    assert text.count(marker) == 1
    catalog.write_text(text.replace(marker, '"about 200 kB"'), encoding="utf-8")
    return out


def test_a_failure_midway_leaves_the_data_set_as_it_was(
    created, ckan_portal, changed, tmp_path, capsys
):
    """The resource CKAN refuses is among the last: a run that sent resources one by one would
    have changed the others already. One call, validated whole, changes nothing."""
    before = show(ckan_portal)
    broken = _broken(changed, tmp_path)
    assert publish(broken, ckan_portal.url, "--org", ckan_portal.organisation) == 2
    err = capsys.readouterr().err
    assert "CKAN refused the data: resource Table tasks.csv (size: Invalid integer)" in err
    assert len(err.strip().splitlines()) == 1
    assert show(ckan_portal) == before
    # a refused first publish leaves no data set behind
    assert publish(broken, ckan_portal.url, "--org", ckan_portal.organisation, "--name", "x-y") == 2
    capsys.readouterr()
    from ckanapi.errors import NotFound

    with pytest.raises(NotFound):
        show(ckan_portal, "x-y")
    # the next run with a good bundle goes through
    assert publish(changed, ckan_portal.url, "--org", ckan_portal.organisation) == 0
    assert capsys.readouterr().out.startswith("Updated:")
    assert len(show(ckan_portal)["resources"]) == len(before["resources"]) + 1


def test_refusals_are_one_line_and_never_show_the_token(created, ckan_portal, dist, capsys):
    with pytest.MonkeyPatch.context() as env:
        env.setenv(TOKEN_ENV, "a-wrong-token")
        assert publish(dist, ckan_portal.url, "--org", ckan_portal.organisation) == 2
    err = capsys.readouterr().err
    assert "a-wrong-token" not in err and len(err.strip().splitlines()) == 1
    assert "refused the API token" in err or "CKAN refused" in err
    # a new data set with no organisation: CKAN's default refuses unowned data sets
    assert publish(dist, ckan_portal.url, "--name", "sdgkg-no-organisation") == 2
    err = capsys.readouterr().err
    assert "owner_org" in err and ckan_portal.token not in err


# ------------------------------------------------------------------------------ DCAT both ways


@pytest.fixture(scope="module")
def exported(created, ckan_portal, dist) -> Graph:
    """CKAN's own DCAT of the data set (ckanext-dcat, euro_dcat_ap_3), after the first build
    was published again."""
    assert publish(dist, ckan_portal.url, "--org", ckan_portal.organisation) == 0
    return Graph().parse(data=ckan_portal.get(f"/dataset/{NAME}.ttl").decode(), format="turtle")


@pytest.fixture(scope="module")
def catalog(dist) -> Graph:
    return Graph().parse(dist / "catalog.ttl", format="turtle")


def _dataset(graph: Graph) -> URIRef:
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    return dataset


def _by_download(graph: Graph) -> dict[str, URIRef]:
    return {
        str(graph.value(d, DCAT.downloadURL)): d
        for d in graph.objects(_dataset(graph), DCAT.distribution)
        if graph.value(d, DCAT.downloadURL) is not None
    }


def test_ckans_dcat_says_what_the_catalogue_says(exported, catalog):
    ours, theirs = _dataset(catalog), _dataset(exported)
    assert theirs == ours  # the data set keeps its IRI
    for prop in (DCTERMS.title, DCTERMS.description):
        assert set(exported.objects(theirs, prop)) == set(catalog.objects(ours, prop))
    assert {o.language for o in exported.objects(theirs, DCTERMS.title)} == {"en", "vi"}
    assert set(exported.objects(theirs, DCTERMS.spatial)) == set(
        catalog.objects(ours, DCTERMS.spatial)
    )
    assert set(exported.objects(theirs, DCAT.theme)) == set(catalog.objects(ours, DCAT.theme))
    for graph, node in ((exported, theirs), (catalog, ours)):
        period = graph.value(node, DCTERMS.temporal)
        assert (
            str(graph.value(period, DCAT.startDate)),
            str(graph.value(period, DCAT.endDate)),
        ) == (
            "2017",
            "2030",
        )
    # DCAT-AP gives the licence on each distribution (next test); CKAN's license_id on the data
    # set is the one of the register, checked after the create


def test_ckans_dcat_keeps_every_download_url_licence_and_checksum(exported, catalog):
    ours, theirs = _by_download(catalog), _by_download(exported)
    assert set(ours) <= set(theirs)
    assert set(theirs) - set(ours) == {DOWNLOAD + "catalog.ttl"}
    for url, node in ours.items():
        other = theirs[url]
        assert exported.value(other, DCTERMS.license) == URIRef(LICENCE), url
        checksum = exported.value(other, URIRef(SPDX + "checksum"))
        value = exported.value(checksum, URIRef(SPDX + "checksumValue"))
        expected = catalog.value(
            catalog.value(node, URIRef(SPDX + "checksum")), URIRef(SPDX + "checksumValue")
        )
        assert str(value) == str(expected), url
        assert int(exported.value(other, DCAT.byteSize)) == int(catalog.value(node, DCAT.byteSize))
        assert exported.value(other, DCAT.mediaType) == catalog.value(node, DCAT.mediaType)


def test_ckanext_dcat_harvests_the_catalogue(ckan_portal, dist, catalog):
    """The other way: ckanext-dcat's RDFParser, on the portal, reads catalog.ttl."""
    (found,) = ckan_portal.harvest(dist / "catalog.ttl")
    titles = {o.language: str(o) for o in catalog.objects(_dataset(catalog), DCTERMS.title)}
    assert found["title_translated"] == titles
    assert found["license_id"] == "CC-BY-4.0"
    assert found["spatial_coverage"][0]["uri"] == "https://sws.geonames.org/1581298/"
    resources = {r["url"]: r for r in found["resources"]}
    tasks = resources[DOWNLOAD + "tables/tasks.csv"]
    assert tasks["license"] == LICENCE  # the IRI, not the licence's label
    assert tasks["format"] == "http://publications.europa.eu/resource/authority/file-type/CSV"
    assert tasks["mimetype"] == "https://www.iana.org/assignments/media-types/text/csv"
    assert tasks["hash"] == hashlib.sha256((dist / "tables" / "tasks.csv").read_bytes()).hexdigest()
    assert len(resources) == len(_by_download(catalog))


# ------------------------------------------------------------------------------ upload


def test_upload_puts_the_files_in_the_portals_storage_and_a_rerun_sends_none(
    created, ckan_portal, dist, capsys
):
    name = "sdgkg-uploaded"
    args = ["--org", ckan_portal.organisation, "--name", name, "--upload"]
    assert publish(dist, ckan_portal.url, *args) == 0
    out = capsys.readouterr().out
    files = files_of(dist)
    assert (
        out.startswith(f"Created: data set {name} with ")
        and f"{len(files)} file(s) uploaded" in out
    )
    package = show(ckan_portal, name)
    for resource in package["resources"]:
        assert resource["url_type"] == "upload", resource["name"]
        path = resource["download_url"][len(DOWNLOAD) :]
        stored = ckan_portal.get(resource["url"][len(ckan_portal.url) :])
        assert stored == files[path], path
    assert publish(dist, ckan_portal.url, *args) == 0
    assert capsys.readouterr().out.startswith(f"Unchanged: data set {name} with ")
    assert show(ckan_portal, name)["metadata_modified"] == package["metadata_modified"]
