"""A real Oxigraph server: publish the graph, query it remotely, serve it from the command line.

Every server here listens on 127.0.0.1, on a free port, and is stopped by its fixture.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from build_graph.errors import SdgkgError
from build_graph.sparql.graph_store import Http, discover, send_update
from build_graph.sparql.library import bind, library
from build_graph.sparql.oxigraph_server import OxigraphServer, free_port, port_in_use
from build_graph.sparql.remote import USER_AGENT, RemoteEngine, RetryPolicy, _Wrapper

from .helpers import read_line, sdgkg, swap_while_reading

GRAPH_IRI = "https://w3id.org/sdgkg/graph/test"
QUERIES = library()


@pytest.fixture(scope="module")
def published(graph_file):
    """A writable server, empty at start, into which ``sdgkg publish`` loads the graph."""
    server = OxigraphServer(writable=True)
    server.start()
    try:
        result = sdgkg(
            "publish",
            "--endpoint",
            server.query_url,
            "--graph",
            str(graph_file),
            "--graph-iri",
            GRAPH_IRI,
        )
        assert result.returncode == 0, result.stderr
        triples = sum(1 for line in graph_file.read_text(encoding="utf-8").splitlines() if line)
        assert f"Published {triples} triples" in result.stdout and "oxigraph" in result.stdout
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_library_query_answers_the_same_from_the_server(published, embedded, name):
    query = QUERIES[name]
    bindings = bind(query, [])
    remote = RemoteEngine(published.query_url, default_graph=GRAPH_IRI, timeout=60)
    got = remote.query(query.text, bindings)
    expected = embedded.query(query.text, bindings)
    assert got.variables == expected.variables
    assert got.rows == expected.rows and got.rows


def test_the_command_line_gives_the_same_json_remotely(published, graph_file):
    remote = sdgkg(
        "query",
        "agency-profile",
        "-p",
        "agency=agency:hai-phong/so-tnmt",
        "--endpoint",
        published.query_url,
        "--default-graph",
        GRAPH_IRI,
        "--format",
        "json",
    )
    local = sdgkg(
        "query",
        "agency-profile",
        "-p",
        "agency=agency:hai-phong/so-tnmt",
        "--graph",
        str(graph_file),
        "--store",
        "oxigraph",
        "--format",
        "json",
    )
    assert remote.returncode == local.returncode == 0, remote.stderr + local.stderr
    assert remote.stdout == local.stdout


def test_publish_swaps_the_graph_atomically_for_readers(published, graph_file, tmp_path):
    """Readers that count the graph while it is replaced see the old count or the new one."""
    graph = "https://w3id.org/sdgkg/graph/swap"
    seen, total = swap_while_reading(published.query_url, graph_file, tmp_path, graph, pause=0.02)
    assert set(seen) <= {20000, total} and seen[0] == 20000 and seen[-1] == total
    reader = RemoteEngine(published.query_url, timeout=60)
    graphs = reader.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {})
    assert {str(row[0]) for row in graphs.rows} == {GRAPH_IRI, graph}  # no staging graph left


def test_a_bad_query_gives_the_servers_message_without_retrying(published):
    retries: list[str] = []
    engine = RemoteEngine(published.query_url, retry=RetryPolicy(on_retry=retries.append))
    with pytest.raises(SdgkgError, match=r"HTTP 400: .*") as error:
        engine.query("SELECT ?x WHERE { ?x }", {})
    assert published.query_url in str(error.value) and retries == []
    assert len(str(error.value)) > len(f"{published.query_url}: HTTP 400: ")


def test_connection_errors_are_retried_then_reported():
    port = free_port()
    retries: list[str] = []
    engine = RemoteEngine(
        f"http://127.0.0.1:{port}/query",
        retry=RetryPolicy(attempts=3, backoff=0.05, on_retry=retries.append),
    )
    with pytest.raises(SdgkgError, match=r"cannot connect .*tried 3 times"):
        engine.query("ASK { ?s ?p ?o }", {})
    assert len(retries) == 2 and all("retrying in" in r for r in retries)


def test_a_server_that_comes_up_during_the_backoff_is_reached(graph_file, embedded):
    server = OxigraphServer(graph_file, port=free_port())
    retries: list[str] = []

    def start_server(message: str) -> None:
        retries.append(message)
        if len(retries) == 1:
            server.start()  # the server comes up while the client waits to try again

    try:
        engine = RemoteEngine(
            server.query_url, retry=RetryPolicy(attempts=4, backoff=0.2, on_retry=start_server)
        )
        query = QUERIES["period-profile"]
        got = engine.query(query.text, {})
        assert len(retries) == 1 and "cannot connect" in retries[0]
        assert got.rows == embedded.query(query.text, {}).rows
    finally:
        server.stop()


def test_timeouts_are_explicit(graph_file):
    with OxigraphServer(graph_file) as server:
        engine = RemoteEngine(server.query_url, timeout=1)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        with pytest.raises(SdgkgError, match="no answer within the timeout of 1 s"):
            engine.query(slow, {})


def test_requests_carry_the_user_agent_and_long_queries_go_by_post(published):
    wrapper = _Wrapper(published.query_url, agent=USER_AGENT)
    wrapper.setQuery("ASK { ?s ?p ?o }")
    assert wrapper._createRequest().get_header("User-agent") == USER_AGENT
    engine = RemoteEngine(published.query_url, default_graph=GRAPH_IRI)
    short = engine.query("ASK { ?s ?p ?o }", {})
    assert engine.last_method == "GET" and short.boolean is True
    values = " ".join(f"<urn:x:{i}>" for i in range(3000))
    long = engine.query(f"SELECT (COUNT(?x) AS ?n) WHERE {{ VALUES ?x {{ {values} }} }}", {})
    assert engine.last_method == "POST" and int(long.rows[0][0]) == 3000  # type: ignore[arg-type]


def test_the_store_is_recognised_and_its_services_found(published):
    http = Http(None, 30, RetryPolicy())
    endpoints = discover(published.query_url, http)
    assert endpoints.server == "oxigraph"
    assert endpoints.store == published.store_url and endpoints.update == published.update_url


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (read from /proc, no traffic)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.add(address)
    return found


def _as_in_a_terminal() -> None:
    """Ctrl-C's default action, as a command typed in a terminal has it. A background job of a
    non-interactive shell (``make test &`` in a script, some CI runners) inherits SIGINT
    ignored, and Python then installs no KeyboardInterrupt handler: the server would rightly
    go on running, and the test would wait for it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_runs_on_loopback_read_only_and_stops_cleanly_on_ctrl_c(graph_file, tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
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
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=_as_in_a_terminal,
    )
    try:
        first = read_line(process)
        assert first.startswith("SPARQL endpoint: http://127.0.0.1:"), first
        url = first.split(": ", 1)[1].strip()
        assert "read-only" in read_line(process)
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
        result = RemoteEngine(url).query(QUERIES["tasks-without-partners"].text, {})
        assert len(result.rows) > 0
        http = Http(None, 30, RetryPolicy(attempts=1))
        endpoints = discover(url, http)
        with pytest.raises(SdgkgError, match="HTTP 403"):
            send_update(endpoints, http, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Stopped the SPARQL server." in out and "Traceback" not in err
    assert not port_in_use("127.0.0.1", port)
    assert list(tmp_path.iterdir()) == []  # the store folder is gone


def test_serve_writable_accepts_updates_and_sigterm_stops_it(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "build_graph.cli", "serve", "--port", "0", "--writable"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    try:
        url = read_line(process).split(": ", 1)[1].strip()
        assert "read-write" in read_line(process)
        http = Http(None, 30, RetryPolicy(attempts=1))
        send_update(discover(url, http), http, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        ask = RemoteEngine(url).query("ASK { <urn:a> <urn:b> <urn:c> }", {})
        assert ask.boolean is True
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0 and "Stopped" in out
    assert list(tmp_path.iterdir()) == []


def test_serve_help_says_where_it_listens():
    result = sdgkg("serve", "--help")
    assert "127.0.0.1" in result.stdout and "read-only" in result.stdout
    assert "--writable" in result.stdout and "--bind" in result.stdout


def test_a_port_in_use_is_a_one_line_error(published):
    port = int(published.query_url.rsplit(":", 1)[1].split("/")[0])
    result = sdgkg("serve", "--port", str(port))
    assert result.returncode == 2 and "already in use" in result.stderr
