"""``sdgkg serve`` over real HTTP: several files in one graph, dereferenceable IRIs by content
negotiation, CORS on request, read-only, and a query cut off at the timeout while the other
clients go on being answered."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from build_graph.resources import resource_dir

from .helpers import read_line

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/sdgkg/ontology#Task> }"
AGENCY = "https://w3id.org/sdgkg/agency/hai-phong/so-y-te"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass
class Served:
    process: subprocess.Popen
    url: str  # the query endpoint

    @property
    def root(self) -> str:
        return self.url.removesuffix("/query")


def serve(*args: str) -> Iterator[Served]:
    process = subprocess.Popen(
        [sys.executable, "-m", "build_graph.cli", "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = read_line(process)
        assert first.startswith("SPARQL endpoint: http://127.0.0.1:"), first
        read_line(process)
        yield Served(process, first.split(": ", 1)[1].strip())
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


@pytest.fixture(scope="module")
def served(graph_file) -> Iterator[Served]:
    ontology = resource_dir("ontology")
    yield from serve(
        "--graph",
        str(graph_file),
        "--graph",
        str(ontology / "sdgkg.ttl"),
        "--graph",
        str(ontology / "un-sdg.ttl"),
        "--cors",
        "--timeout",
        "3",
        "--workers",
        "2",
    )


@pytest.fixture(scope="module")
def closed(graph_file) -> Iterator[Served]:
    """A server started without --cors."""
    yield from serve("--graph", str(graph_file), "--workers", "1")


def get(url: str, accept: str | None = None, method: str = "GET", **headers: str):
    request = urllib.request.Request(url, method=method)
    if accept:
        request.add_header("Accept", accept)
    for key, value in headers.items():
        request.add_header(key.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def ask(url: str, query: str, accept: str = "text/csv"):
    data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Accept", accept)
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read(), time.monotonic() - started


def node_triples(graph_file, iri: str) -> set[ox.Triple]:
    return {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
        if ox.NamedNode(iri) in (q.subject, q.object)
    }


def as_triples(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)}


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("*/*", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json;q=0.5, text/turtle;q=0.9", "text/turtle", ox.RdfFormat.TURTLE),
    ],
)
def test_a_minted_iri_answers_rdf_by_content_negotiation(served, graph_file, accept, media, fmt):
    status, headers, body = get(served.root + "/agency/hai-phong/so-y-te", accept)
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert headers["Vary"] == "Accept"
    expected = node_triples(graph_file, AGENCY)
    assert as_triples(body, fmt) == expected and len(expected) > 50


def test_a_browser_gets_an_html_page_with_labels_and_local_links(served):
    status, headers, body = get(served.root + "/agency/hai-phong/so-y-te", BROWSER)
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<title>Department of Health</title>" in page
    assert 'href="/kind/department"' in page  # a minted IRI links to this server
    assert "Sở Y tế" in page and "Referenced by" in page
    status, headers, body = get(served.root + "/agency/hai-phong/so-y-te?format=ttl", BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")


def test_every_file_given_is_served_the_ontology_and_the_un_texts_too(served):
    status, _, body = get(served.root + "/ontology", "application/n-triples")
    assert status == 200 and b"<http://www.w3.org/2002/07/owl#Ontology>" in body
    status, body, _ = ask(
        served.url,
        "SELECT ?title WHERE { <http://metadata.un.org/sdg/6> "
        "<http://purl.org/dc/terms/title> ?title }",
    )
    assert status == 200 and body.decode("utf-8").splitlines()[1] == "Clean water and sanitation"


def test_an_unknown_iri_is_404_and_an_unoffered_type_406(served):
    status, _, body = get(served.root + "/agency/hai-phong/no-such-unit", "text/turtle")
    assert status == 404 and b"is not in the served graph" in body
    status, _, _ = get(served.root + "/agency/hai-phong/so-y-te", "image/png")
    assert status == 406


def test_cors_headers_and_preflight_with_cors(served):
    status, headers, _ = get(
        served.url + "?" + urllib.parse.urlencode({"query": SMALL}),
        "application/sparql-results+json",
        Origin="https://example.org",
    )
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = get(
        served.url,
        method="OPTIONS",
        Origin="https://example.org",
        Access_Control_Request_Method="POST",
        Access_Control_Request_Headers="Content-Type",
    )
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert headers["Access-Control-Allow-Headers"] == "Content-Type"
    _, headers, _ = get(served.root + "/agency/hai-phong/so-y-te", "text/turtle")
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_no_cors_headers_without_cors(closed):
    status, headers, _ = get(
        closed.url + "?" + urllib.parse.urlencode({"query": SMALL}),
        "application/sparql-results+json",
        Origin="https://example.org",
    )
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = get(closed.url, method="OPTIONS", Origin="https://example.org")
    assert "Access-Control-Allow-Origin" not in headers


def test_it_is_read_only(served):
    for path in ("/update", "/store?default"):
        request = urllib.request.Request(
            served.root + path,
            data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403


def test_a_cross_product_is_cut_off_at_the_timeout_while_others_are_answered(served):
    slow: list[tuple[int, bytes, float]] = []
    thread = threading.Thread(target=lambda: slow.append(ask(served.url, SLOW)))
    thread.start()
    time.sleep(0.5)  # the slow query has its process
    answered = []
    while thread.is_alive() and len(answered) < 20:
        answered.append(ask(served.url, SMALL))
        time.sleep(0.1)
    thread.join(timeout=60)
    status, body, seconds = slow[0]
    assert status == 504 and b"timeout of 3 s" in body
    assert 3.0 <= seconds < 10.0  # cut off at the timeout, not when the product was counted
    assert len(answered) >= 5  # others were answered while it ran
    assert all(code == 200 and took < 2.0 for code, _, took in answered), answered
    # and the server goes on answering once its process is replaced
    time.sleep(1.0)
    after = [ask(served.url, SMALL) for _ in range(4)]
    assert all(code == 200 for code, _, _ in after)


def test_the_command_line_reports_the_cut_off_query_at_once(served, tmp_path):
    slow = tmp_path / "slow.rq"
    slow.write_text(SLOW + "\n", encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "build_graph.cli", "query", str(slow), "--endpoint", served.url],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 2 and "HTTP 504, the endpoint cut the query off" in run.stderr
    assert "retrying" not in run.stderr and time.monotonic() - started < 10.0


def test_a_path_cannot_add_to_the_describe_query(served):
    # '>' and '}' in a path would close the IRI and the group of a query pasted together
    status, _, body = get(served.root + "/agency/x>%20?p%20?o%20}", "text/turtle")
    assert status in (400, 404), body
    status, _, _ = get(served.root + '/agency/x"}', "text/turtle")
    assert status in (400, 404)
