"""``sdgkg publish-ckan``: the payloads against CKAN's own rules and against the files of the
bundle, and the real ckanapi call path.

No real CKAN is reachable from the test machine. The calls are therefore sent to a **fake
CKAN**: a small HTTP server started here on 127.0.0.1 that answers ``package_create`` and
``resource_create`` the way CKAN's action API does (JSON envelope, Authorization header,
validation and authorisation errors) and records what it receives. It checks our client's
requests; it is not CKAN, and it says nothing about what a real site's extensions accept.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from build_graph.cli.main import main

DOWNLOAD = "https://data.example.org/sdgkg/"
TOKEN = "test-token-7f3a9c0e-never-to-be-printed"
TOKEN_ENV = "SDGKG_TEST_CKAN_TOKEN"
# CKAN rules, from ckan/logic/validators.py and ckan/model (name_validator, tag validators,
# PACKAGE_NAME_MAX_LENGTH = 100, MIN/MAX_TAG_LENGTH = 2/100) and ckan/model/license.py.
NAME_RULE = re.compile(r"^[a-z0-9_\-]{2,100}$")
TAG_RULE = re.compile(r"^[\w \-.]*$")
CKAN_LICENCES = {
    "notspecified",
    "odc-pddl",
    "odc-odbl",
    "odc-by",
    "cc-zero",
    "cc-by",
    "cc-by-sa",
    "gfdl",
    "other-open",
    "other-pd",
    "other-at",
    "uk-ogl",
    "cc-nc",
    "other-nc",
    "other-closed",
}
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
    "relationships_as_object",
    "relationships_as_subject",
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ckan") / "dist"
    assert (
        main(
            [
                "build",
                "--out",
                str(out),
                "-q",
                "--download-base",
                DOWNLOAD,
                "--contact-email",
                "data@example.org",
            ]
        )
        == 0
    )
    return out


@pytest.fixture(scope="module")
def dry_run(dist, tmp_path_factory) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as env, contextlib.redirect_stdout(out):
        env.delenv(TOKEN_ENV, raising=False)
        code = main(
            [
                "publish-ckan",
                "--url",
                "https://ckan.example.org",
                "--dist",
                str(dist),
                "--api-key-env",
                TOKEN_ENV,
                "--org",
                "hai-phong",
                "--dry-run",
            ]
        )
    assert code == 0
    return json.loads(out.getvalue())


# ------------------------------------------------------------------------------ the fake CKAN


class FakeCkan(ThreadingHTTPServer):
    """A stand-in for CKAN's action API (see the module docstring): not CKAN."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FakeCkanHandler)
        self.received: list[dict] = []
        self.packages: dict[str, dict] = {}
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class FakeCkanHandler(BaseHTTPRequestHandler):
    server: FakeCkan

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, kind: str, detail: dict) -> None:
        self._answer(status, {"success": False, "error": {"__type": kind, **detail}})

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        kind = self.headers.get("Content-Type", "")
        files: dict[str, bytes] = {}
        if kind.startswith("multipart/form-data"):
            message = email.parser.BytesParser(policy=email.policy.default).parsebytes(
                f"Content-Type: {kind}\r\n\r\n".encode() + body
            )
            data = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    files[name] = part.get_payload(decode=True)
                else:
                    data[name] = part.get_content()
        else:
            data = json.loads(body or b"{}")
        action = self.path.rsplit("/", 1)[-1]
        with self.server.lock:
            self.server.received.append(
                {
                    "path": self.path,
                    "action": action,
                    "data": data,
                    "files": files,
                    "authorization": self.headers.get("Authorization"),
                    "user_agent": self.headers.get("User-Agent"),
                }
            )
            if self.headers.get("Authorization") != TOKEN:
                return self._error(403, "Authorization Error", {"message": "Access denied"})
            if action == "package_create":
                return self._package_create(data)
            if action == "resource_create":
                return self._resource_create(data, files)
        return self._error(400, "Not Found Error", {"message": f"no action {action}"})

    def _package_create(self, data: dict) -> None:
        errors = {}
        if not NAME_RULE.match(str(data.get("name", ""))):
            errors["name"] = ["Must be purely lowercase alphanumeric (ascii) characters"]
        elif data["name"] in self.server.packages:
            errors["name"] = ["That URL is already in use."]
        if not data.get("owner_org"):  # CKAN's default: ckan.auth.create_unowned_dataset off
            errors["owner_org"] = ["An organization must be provided"]
        if errors:
            return self._error(409, "Validation Error", errors)
        package = {**data, "id": f"pkg-{len(self.server.packages) + 1}", "resources": []}
        self.server.packages[data["name"]] = package
        return self._answer(200, {"success": True, "result": package})

    def _resource_create(self, data: dict, files: dict[str, bytes]) -> None:
        package = next(
            (p for p in self.server.packages.values() if p["id"] == data.get("package_id")), None
        )
        if package is None:
            return self._error(404, "Not Found Error", {"message": "Not found: Dataset"})
        resource = {**data, "id": f"res-{len(package['resources']) + 1}"}
        if "upload" in files:
            resource["url"] = f"{self.server.url}/dataset/{package['id']}/resource/{resource['id']}"
        package["resources"].append(resource)
        return self._answer(200, {"success": True, "result": resource})


@pytest.fixture
def ckan() -> Iterator[FakeCkan]:
    server = FakeCkan()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def publish(dist: Path, url: str, *extra: str) -> int:
    return main(
        ["publish-ckan", "--url", url, "--dist", str(dist), "--api-key-env", TOKEN_ENV, *extra]
    )


# ------------------------------------------------------------------------------ payloads


def test_package_payload_keeps_to_ckans_rules(dry_run):
    package = dry_run["package_create"]
    assert NAME_RULE.match(package["name"]) and package["name"] not in ("new", "edit", "search")
    assert package["name"] == "sdgkg-hai-phong-2894-2017"
    assert package["owner_org"] == "hai-phong"
    assert package["license_id"] in CKAN_LICENCES and package["license_id"] == "cc-by"
    assert len(package["version"]) <= 100
    assert package["title"] and package["notes"]
    assert package["url"] == DOWNLOAD + "index.html"
    assert package["author_email"] == package["maintainer_email"] == "data@example.org"
    tags = [tag["name"] for tag in package["tags"]]
    assert len(tags) == len(set(tags)) >= 10
    for tag in tags:
        assert 2 <= len(tag) <= 100 and TAG_RULE.match(tag) and "," not in tag, tag
    assert "mục tiêu phát triển bền vững" in tags  # Vietnamese tags are valid CKAN tags
    keys = [extra["key"] for extra in package["extras"]]
    assert len(keys) == len(set(keys)) and not set(keys) & CORE_FIELDS
    assert all(isinstance(extra["value"], str) and extra["value"] for extra in package["extras"])
    assert set(package) <= CORE_FIELDS


def test_every_resource_has_what_ckan_needs(dry_run):
    resources = dry_run["resource_create"]
    assert resources[0]["url"].endswith(".zip")  # the whole bundle first
    for resource in resources:
        assert resource["name"] and resource["url"].startswith("https://")
        assert resource["format"] and resource["mimetype"]
        assert "package_id" not in resource  # known only once the package exists
    assert "DCAT-AP catalogue" in [r["name"] for r in resources]


def test_payloads_say_what_the_catalogue_and_the_files_say(dry_run, dist):
    catalog = Graph().parse(dist / "catalog.ttl", format="turtle")
    dataset = next(catalog.subjects(RDF.type, DCAT.Dataset))
    package = dry_run["package_create"]
    titles = {o.language: str(o) for o in catalog.objects(dataset, DCTERMS.title)}
    assert package["title"] == titles["en"]
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["title_vi"] == titles["vi"]
    assert (extras["temporal_start"], extras["temporal_end"]) == ("2017", "2030")
    assert extras["spatial_uri"] == "https://sws.geonames.org/1581298/"
    themes = json.loads(extras["theme"])
    assert themes == sorted(str(o) for o in catalog.objects(dataset, DCAT.theme))
    assert len(themes) == 5 + 17
    assert extras["uri"] == str(dataset) and extras["issued"] == "2017-10-30"
    # one resource per file of the bundle, with its true size and checksum
    files = {p.relative_to(dist).as_posix(): p.read_bytes() for p in dist.rglob("*") if p.is_file()}
    by_path = {r["url"][len(DOWNLOAD) :]: r for r in dry_run["resource_create"]}
    assert set(by_path) == set(files)
    for path, resource in by_path.items():
        assert resource["size"] == len(files[path])
        assert resource["hash"] == hashlib.sha256(files[path]).hexdigest()
        assert resource["hash_algorithm"] == "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
    assert by_path["tables/tasks.csv"]["format"] == "CSV"
    assert by_path["tables/tasks.csv-metadata.json"]["format"] == "CSVW"
    assert by_path["graph.nt"]["mimetype"] == "application/n-triples"
    distribution = URIRef(by_path["graph.ttl"]["uri"])
    assert (dataset, DCAT.distribution, distribution) in catalog


# ------------------------------------------------------------------------------ the call path


def test_publish_sends_the_payloads_to_the_fake_ckan(dist, dry_run, ckan, monkeypatch, capsys):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert publish(dist, ckan.url, "--org", "hai-phong") == 0
    out, err = capsys.readouterr()
    assert out.startswith("Created data set sdgkg-hai-phong-2894-2017 with ")
    assert TOKEN not in out + err
    actions = [r["action"] for r in ckan.received]
    resources = dry_run["resource_create"]
    assert actions == ["package_create"] + ["resource_create"] * len(resources)
    assert {r["path"].rsplit("/", 1)[0] for r in ckan.received} == {"/api/action"}
    assert {r["authorization"] for r in ckan.received} == {TOKEN}
    assert all(r["user_agent"].startswith("sdgkg/") for r in ckan.received)
    assert ckan.received[0]["data"] == dry_run["package_create"]
    for sent, resource in zip(ckan.received[1:], resources, strict=True):
        assert sent["data"] == {**resource, "package_id": "pkg-1"}
    # the token is nowhere in the bundle
    for path in dist.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_upload_sends_the_files_themselves(dist, dry_run, ckan, monkeypatch, capsys):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert publish(dist, ckan.url, "--org", "hai-phong", "--upload") == 0
    capsys.readouterr()
    uploads = [r for r in ckan.received if r["action"] == "resource_create"]
    assert len(uploads) == len(dry_run["resource_create"])
    for sent in uploads:
        assert "upload" in sent["files"] and sent["data"]["url"] == ""
        expected = next(r for r in dry_run["resource_create"] if r["name"] == sent["data"]["name"])
        path = dist / expected["url"][len(DOWNLOAD) :]
        assert sent["files"]["upload"] == path.read_bytes()
        assert sent["data"]["size"] == str(path.stat().st_size)


def test_refusals_are_one_line_and_never_show_the_token(dist, ckan, monkeypatch, capsys):
    monkeypatch.setenv(TOKEN_ENV, "a-wrong-token")
    assert publish(dist, ckan.url, "--org", "hai-phong") == 2
    err = capsys.readouterr().err
    assert "refused the API token" in err and "a-wrong-token" not in err
    assert len(err.strip().splitlines()) == 1

    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert publish(dist, ckan.url) == 2  # no --org: CKAN's default requires one
    err = capsys.readouterr().err
    assert "owner_org: An organization must be provided" in err and TOKEN not in err

    assert publish(dist, ckan.url, "--org", "hai-phong") == 0
    assert publish(dist, ckan.url, "--org", "hai-phong") == 2  # the name is taken now
    assert "name: That URL is already in use." in capsys.readouterr().err


def test_without_a_token_nothing_is_sent(dist, ckan, monkeypatch, capsys):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert publish(dist, ckan.url, "--org", "hai-phong") == 2
    err = capsys.readouterr().err
    assert f"the environment variable {TOKEN_ENV} is empty" in err
    assert ckan.received == []


def test_an_unreachable_site_is_one_line(dist, monkeypatch, capsys):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert publish(dist, f"http://127.0.0.1:{port}", "--org", "hai-phong") == 2
    err = capsys.readouterr().err
    assert "cannot reach the site" in err and len(err.strip().splitlines()) == 1


def test_bad_options_and_folders_are_refused(dist, tmp_path, capsys):
    assert publish(dist, "ckan.example.org", "--dry-run") == 2
    assert "--url" in capsys.readouterr().err
    assert publish(dist, "https://ckan.example.org", "--dry-run", "--name", "Not A Name") == 2
    assert "is not a CKAN name" in capsys.readouterr().err
    assert publish(tmp_path, "https://ckan.example.org", "--dry-run") == 2
    assert "no catalog.ttl" in capsys.readouterr().err
