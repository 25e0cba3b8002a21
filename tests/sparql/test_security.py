"""Security of the SPARQL commands: no injection through parameters, no update by accident,
credentials only from the environment and never shown, servers on loopback unless told."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from build_graph.errors import SdgkgError
from build_graph.sparql.engines import OxigraphEngine, RdflibEngine
from build_graph.sparql.library import bind, library, sparql_term, values_block
from build_graph.sparql.oxigraph_server import OxigraphServer
from build_graph.sparql.remote import Credentials, RemoteEngine

from .helpers import read_line, sdgkg

SEARCH = library()["search-tasks"]
PAYLOADS = [
    '"',
    "'",
    '") || true || ("',
    '" } UNION { ?task ?p ?text } #',
    'x")) } UNION { ?task a ?type . ?task <http://purl.org/dc/terms/description> ?text } #',
    "}}}} {{{{",
    "\n} UNION {\n?task ?p ?text\n}\n#",
    '\\" ) ) } #',
    "'''\"\"\" } ; DROP ALL ; #",
]


@pytest.fixture(scope="module")
def engines(triples, graph_file):
    server = OxigraphServer(graph_file)
    server.start()
    try:
        yield {
            "rdflib": RdflibEngine(triples),
            "oxigraph": OxigraphEngine(triples),
            "server": RemoteEngine(server.query_url),
        }
    finally:
        server.stop()


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
TASK = "https://w3id.org/sdgkg/ontology#Task"


def pasted(payload: str) -> str:
    """What a naive client would send: the value spliced into the text in quotes."""
    return SEARCH.text.replace("?phrase", f'"{payload}"')


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("engine_name", ["rdflib", "oxigraph", "server"])
def test_a_string_parameter_cannot_inject_sparql(engines, triples, engine_name, payload):
    engine = engines[engine_name]
    # the tasks' texts only: other nodes have descriptions too (a change event's, in English,
    # holds apostrophes)
    tasks = {s for s, p, o in triples if str(p) == RDF_TYPE and str(o) == TASK}
    expected = sum(
        1
        for s, p, o in triples
        if s in tasks
        and str(p) == "http://purl.org/dc/terms/description"
        and payload in str(o).lower()
    )
    result = engine.query(SEARCH.text, bind(SEARCH, [f"phrase={payload}"]))
    # exactly the tasks whose text holds the payload as plain text (one quotes a movement's
    # name, "Toàn dân đoàn kết …"): the payload is data, never syntax
    assert len(result.rows) == expected
    assert all(payload in str(row[3]).lower() for row in result.rows)


def test_the_payloads_are_real_injections_when_pasted(engines):
    """The control: spliced into the text, the same payload matches every task."""
    engine = engines["oxigraph"]
    tasks = len(
        engine.query("SELECT ?t WHERE { ?t a <https://w3id.org/sdgkg/ontology#Task> }", {}).rows
    )
    assert len(engine.query(pasted('") || true || ("'), {}).rows) == tasks > 500


@pytest.mark.parametrize(
    "value",
    [
        "<https://w3id.org/sdgkg/agency/hai-phong/so y te>",
        "https://w3id.org/sdgkg/agency/hai-phong/so-y-te> } UNION { ?s ?p ?o",
        "<https://example.org/a>\n<https://example.org/b>",
        '<https://example.org/"quoted">',
        "https://example.org/{brace}",
        "agency:so y te",
        "agency:x>{",
        "no-scheme-at-all",
    ],
)
def test_an_iri_parameter_with_spaces_or_syntax_is_refused(value):
    with pytest.raises(SdgkgError, match="parameter agency"):
        bind(library()["agency-profile"], [f"agency={value}"])
    result = sdgkg("query", "agency-profile", "--store", "oxigraph", "-p", f"agency={value}")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_terms_that_sparql_cannot_carry_are_refused_by_the_serializer_too():
    for iri in ("http://example.org/a b", "http://example.org/a>", "http://x/{y}"):
        with pytest.raises(SdgkgError):
            sparql_term(URIRef(iri))
    with pytest.raises(SdgkgError):
        values_block({"x} UNION {": Literal("1")})
    with pytest.raises(SdgkgError, match="is not NAME=VALUE"):
        bind(SEARCH, ["phrase} UNION {=x"])


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_text_comes_back_exactly_as_bound(text):
    query = "SELECT ?v WHERE { FILTER (BOUND(?v)) }"
    engine = _shared_oxigraph()
    result = engine.query(query, {"v": Literal(text)})
    assert result.rows == [(Literal(text),)]


_ENGINE: list[OxigraphEngine] = []


def _shared_oxigraph() -> OxigraphEngine:
    if not _ENGINE:
        _ENGINE.append(OxigraphEngine([]))
    return _ENGINE[0]


# -- updates ---------------------------------------------------------------------------------
def test_an_update_is_refused_unless_asked_for(graph_file, tmp_path):
    update = tmp_path / "insert.rq"
    update.write_text("INSERT DATA { <urn:a> <urn:b> <urn:c> }\n", encoding="utf-8")
    before = hashlib.sha256(graph_file.read_bytes()).hexdigest()
    refused = sdgkg("query", str(update), "--graph", str(graph_file))
    assert refused.returncode == 2 and "--allow-update" in refused.stderr
    allowed = sdgkg("query", str(update), "--graph", str(graph_file), "--allow-update")
    assert allowed.returncode == 0 and "is not changed" in allowed.stderr
    assert hashlib.sha256(graph_file.read_bytes()).hexdigest() == before


def test_an_update_never_reaches_an_endpoint_without_the_flag(tmp_path):
    update = tmp_path / "insert.rq"
    update.write_text("INSERT DATA { <urn:a> <urn:b> <urn:c> }\n", encoding="utf-8")
    with OxigraphServer(writable=True) as server:
        refused = sdgkg("query", str(update), "--endpoint", server.query_url)
        assert refused.returncode == 2
        assert RemoteEngine(server.query_url).query("ASK { <urn:a> ?p ?o }", {}).boolean is False
        allowed = sdgkg("query", str(update), "--endpoint", server.query_url, "--allow-update")
        assert allowed.returncode == 0, allowed.stderr
        assert RemoteEngine(server.query_url).query("ASK { <urn:a> ?p ?o }", {}).boolean is True


# -- credentials -----------------------------------------------------------------------------
def test_credentials_in_a_url_are_refused_and_not_echoed():
    secret = "s3cr3t-in-url"
    for command in (["publish", "--endpoint"], ["query", "period-profile", "--endpoint"]):
        result = sdgkg(*command, f"http://reader:{secret}@127.0.0.1:9/sparql")
        assert result.returncode == 2 and "credentials in the URL are refused" in result.stderr
        assert secret not in result.stderr + result.stdout


def test_credentials_come_from_the_environment_and_hide_in_reprs():
    env = {"SDGKG_SPARQL_USER": "alice", "SDGKG_SPARQL_PASSWORD": "hunter2-marker"}
    credentials = Credentials.from_environment(env)
    assert credentials is not None and credentials.user == "alice"
    assert "hunter2-marker" not in repr(credentials) and "hunter2-marker" not in str(credentials)
    assert Credentials.from_environment({}) is None
    with pytest.raises(SdgkgError, match="SDGKG_SPARQL_PASSWORD is not set"):
        Credentials.from_environment({"SDGKG_SPARQL_USER": "alice"})
    help_text = sdgkg("publish", "--help").stdout
    assert "SDGKG_SPARQL_PASSWORD" in help_text and "--password" not in help_text


@pytest.mark.skipif(
    shutil.which("virtuoso-t") is None and os.environ.get("SDGKG_REQUIRE_VIRTUOSO") != "1",
    reason="Virtuoso is not installed",
)
def test_a_password_is_never_printed_nor_written(graph_file, tmp_path):
    """Against Virtuoso's digest auth, with a password of our own: wrong, then right."""
    from build_graph.sparql.virtuoso_server import DBA_PASSWORD, DBA_USER, VirtuosoServer

    secret = "pw-7f3a-marker-93b1"
    with VirtuosoServer() as server:
        change = subprocess.run(
            [
                "isql-vt",
                f"{server.host}:{server.sql_port}",
                DBA_USER,
                DBA_PASSWORD,
                f"exec=USER_CHANGE_PASSWORD('{DBA_USER}', '{DBA_PASSWORD}', '{secret}');",
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert change.returncode == 0, change.stdout + change.stderr
        home = tmp_path / "home"
        home.mkdir()
        base = {**os.environ, "HOME": str(home), "TMPDIR": str(home), "SDGKG_SPARQL_USER": DBA_USER}
        args = ["publish", "--endpoint", server.query_url, "--graph", str(graph_file)]
        wrong = sdgkg(*args, env={**base, "SDGKG_SPARQL_PASSWORD": secret + "-wrong"}, cwd=home)
        right = sdgkg(*args, env={**base, "SDGKG_SPARQL_PASSWORD": secret}, cwd=home)
    assert wrong.returncode == 2 and "HTTP 401" in wrong.stderr
    assert right.returncode == 0, right.stderr
    for result in (wrong, right):
        assert secret not in result.stdout + result.stderr
    for path in home.rglob("*"):
        assert not path.is_file() or secret.encode() not in path.read_bytes()


def test_serve_listens_where_bind_says(graph_file, tmp_path):
    """--bind is honoured (127.0.0.2 is loopback too); the default is 127.0.0.1."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "build_graph.cli",
            "serve",
            "--graph",
            str(graph_file),
            "--port",
            "0",
            "--bind",
            "127.0.0.2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        url = read_line(process).split(": ", 1)[1].strip()
        assert url.startswith("http://127.0.0.2:")
        assert RemoteEngine(url).query("ASK { ?s ?p ?o }", {}).boolean is True
        process.terminate()
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
