"""Endpoint faults against a real Oxigraph server: down, killed mid-publish, slow, failing.

Faults are injected by a small TCP proxy (below) that sits between sdgkg and a real Oxigraph
server; nothing of the server is mocked. Everything listens on 127.0.0.1 only, every server
and proxy is stopped by a finalizer, and every wait is bounded.

The documented retry rules (``build_graph.sparql.remote``): connection errors and 5xx answers are
retried with exponential backoff (4 attempts: waits of 0.5, 1 and 2 s); a timeout is reported
at once, as one line naming the timeout; every failure ends as one line and exit code 2.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_graph.cli.main import main
from build_graph.sparql.engines import load_triples
from build_graph.sparql.graph_store import count_triples
from build_graph.sparql.oxigraph_server import (
    LOOPBACK,
    OxigraphServer,
    free_port,
    oxigraph_binary,
    stop_process,
    wait_until_ready,
)
from build_graph.sparql.remote import RemoteEngine

OLD_LINES = 20000  # the "old version" of a graph: the first lines of the real graph
RETRY_NOTICES = ["retrying in 0.5 s", "retrying in 1 s", "retrying in 2 s"]


# -- a fault-injecting proxy -----------------------------------------------------------------
def _read_head(conn: socket.socket) -> tuple[bytes, bytes] | None:
    """The request head (through the blank line) and whatever of the body came with it."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n", rest


def _content_length(head: bytes) -> int:
    match = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.IGNORECASE)
    return int(match.group(1)) if match else 0


class FaultProxy:
    """One HTTP request per connection (urllib sends ``Connection: close``), forwarded to
    the upstream server, with faults:

    * ``fail_first``: the first N requests are answered ``500`` by the proxy itself;
    * ``delay_method``/``delay``: the answer to such requests is held back ``delay`` seconds
      (the request itself reaches the server at once);
    * ``throttle_method``: the body of such requests is forwarded slowly, in small chunks;
      ``body_flowing`` is set once ``flowing_after`` bytes of it have reached the server.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream = (LOOPBACK, upstream_port)
        self.fail_first = 0
        self.delay_method: str | None = None
        self.delay = 0.0
        self.throttle_method: str | None = None
        self.chunk = 32768
        self.pause = 0.02
        self.flowing_after = 1 << 20
        self.requests: list[tuple[float, str, str]] = []
        self.delayed_answers: list[bytes] = []  # upstream status lines of held-back answers
        self.body_flowing = threading.Event()
        self.answered_upstream = threading.Event()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._listener = socket.create_server((LOOPBACK, 0))
        self._listener.settimeout(0.1)
        self.port = int(self._listener.getsockname()[1])
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    @property
    def query_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/query"

    def methods(self) -> list[str]:
        with self._lock:
            return [method for _, method, _ in self.requests]

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._acceptor.join(timeout=5)
        for thread in list(self._threads):
            thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _handle(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn:
            conn.settimeout(20)
            read = _read_head(conn)
            if read is None:
                return
            head, body = read
            method, target = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")[:2]
            with self._lock:
                index = len(self.requests)
                self.requests.append((time.monotonic(), method, target))
            remaining = _content_length(head) - len(body)
            if index < self.fail_first:
                while remaining > 0:  # take the whole request before answering
                    chunk = conn.recv(min(remaining, 65536))
                    if not chunk:
                        return
                    remaining -= len(chunk)
                message = b"injected fault: internal server error"
                conn.sendall(
                    b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(message), message)
                )
                return
            with socket.create_connection(self.upstream, timeout=20) as upstream:
                upstream.sendall(head)
                self._forward_body(conn, upstream, method, body, remaining)
                answer = b""
                while chunk := upstream.recv(65536):
                    answer += chunk
            if method == self.delay_method:
                with self._lock:
                    self.delayed_answers.append(answer.split(b"\r\n", 1)[0])
                self.answered_upstream.set()
                self._stopping.wait(self.delay)
            conn.sendall(answer)

    def _forward_body(
        self, conn: socket.socket, upstream: socket.socket, method: str, body: bytes, remaining: int
    ) -> None:
        slow = method == self.throttle_method
        sent = 0
        while True:
            while body:
                piece, body = (body[: self.chunk], body[self.chunk :]) if slow else (body, b"")
                upstream.sendall(piece)
                sent += len(piece)
                if slow:
                    if sent >= self.flowing_after:
                        self.body_flowing.set()
                    if self._stopping.wait(self.pause):
                        return
            if remaining <= 0:
                return
            body = conn.recv(min(remaining, 65536))
            if not body:
                return
            remaining -= len(body)


# -- fixtures --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The real graph, built once: ``sdgkg build --out DIR --validator fast -q``."""
    out = tmp_path_factory.mktemp("built")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_graph.cli",
            "build",
            "--out",
            str(out),
            "--validator",
            "fast",
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "graph.nt").is_file()
    return out


@pytest.fixture(scope="module")
def graph_file(built) -> Path:
    return built / "graph.nt"


@pytest.fixture(scope="module")
def new_count(graph_file) -> int:
    return len(set(load_triples(graph_file)))


@pytest.fixture(scope="module")
def old_file(graph_file, tmp_path_factory) -> Path:
    lines = graph_file.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path_factory.mktemp("old") / "old.nt"
    path.write_text("".join(lines[:OLD_LINES]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphServer]:
    """A writable Oxigraph server, empty at start, shared by the proxy tests."""
    server = OxigraphServer(writable=True)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def proxies() -> Iterator[list[FaultProxy]]:
    made: list[FaultProxy] = []
    try:
        yield made
    finally:
        for proxy in made:
            proxy.stop()


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen]]:
    """Processes a test starts; each is stopped (and reaped) at the end."""
    started: list[subprocess.Popen] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)


# -- helpers ---------------------------------------------------------------------------------
def publish(endpoint: str, graph: Path, graph_iri: str, *extra: str) -> int:
    args = ["publish", "--endpoint", endpoint, "--graph", str(graph), "--graph-iri", graph_iri]
    return main([*args, *extra])


def graphs_at(query_url: str) -> set[str]:
    rows = RemoteEngine(query_url, timeout=30).query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {}
    )
    return {str(row[0]) for row in rows.rows}


def assert_one_error_line(stderr: str, *fragments: str) -> str:
    """The error is the last line of stderr, the only ``error:`` line, and no traceback."""
    lines = stderr.strip().splitlines()
    assert lines, "nothing on stderr"
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    errors = [line for line in lines if line.startswith("sdgkg: error:")]
    assert errors == [lines[-1]], stderr
    for fragment in fragments:
        assert fragment in lines[-1], lines[-1]
    return lines[-1]


def spawn_oxigraph(location: Path, port: int, processes: list[subprocess.Popen]) -> str:
    """``oxigraph serve --location`` on 127.0.0.1:port; the query URL once it answers."""
    log = location.parent / "server.log"
    with log.open("a") as out:
        process = subprocess.Popen(
            [
                str(oxigraph_binary()),
                "serve",
                "--location",
                str(location),
                "--bind",
                f"{LOOPBACK}:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    processes.append(process)
    url = f"http://{LOOPBACK}:{port}/query"
    try:
        wait_until_ready(f"{url}?query=ASK%7B%7D", process, 30, "oxigraph serve", log)
    except BaseException:
        stop_process(process, grace=2)
        raise
    return url


# -- 1. the server is down -------------------------------------------------------------------
@pytest.mark.parametrize("command", ["publish", "query"])
def test_a_server_that_is_down_is_retried_then_a_one_line_error(command, graph_file, capsys):
    url = f"http://{LOOPBACK}:{free_port()}/query"  # nothing listens there
    started = time.monotonic()
    if command == "publish":
        code = publish(url, graph_file, "https://w3id.org/sdgkg/graph/down")
    else:
        code = main(
            ["query", "agency-profile", "-p", "agency=agency:hai-phong/so-tnmt", "--endpoint", url]
        )
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert_one_error_line(err, url.split("?")[0], "cannot connect", "tried 4 times")
    notices = [line for line in err.splitlines() if "retrying in" in line]
    assert len(notices) == 3 and all(
        notice in line for notice, line in zip(RETRY_NOTICES, notices, strict=True)
    ), err
    assert all("cannot connect" in line for line in notices)
    assert 3.5 <= elapsed < 20  # waits of 0.5 + 1 + 2 s between the four attempts


# -- 2. the server is killed in the middle of a publish --------------------------------------
def test_a_server_killed_mid_upload_keeps_the_old_graph_whole(
    graph_file, old_file, new_count, tmp_path, processes, proxies
):
    graph_iri = "https://w3id.org/sdgkg/graph/killed"
    location = tmp_path / "store"
    location.mkdir()
    port = free_port()
    url = spawn_oxigraph(location, port, processes)
    assert publish(url, old_file, graph_iri) == 0
    assert count_triples(url, graph_iri, 30) == OLD_LINES

    proxy = FaultProxy(port)  # forwards the upload slowly, so that the kill lands inside it
    proxies.append(proxy)
    proxy.throttle_method = "PUT"
    command = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "build_graph.cli",
            "publish",
            "--endpoint",
            proxy.query_url,
            "--graph",
            str(graph_file),
            "--graph-iri",
            graph_iri,
            "--timeout",
            "30",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    processes.append(command)
    assert proxy.body_flowing.wait(timeout=30), "the upload never started"
    server = processes[0]
    server.kill()  # SIGKILL, in the middle of the PUT of the staging graph
    server.wait(timeout=10)
    assert command.poll() is None, "the command ended before the server was killed"
    out, err = command.communicate(timeout=60)

    assert command.returncode == 2, (out, err)
    assert "Published" not in out
    assert_one_error_line(err, "/store", "cannot connect", "tried 4 times")
    assert "PUT" in proxy.methods()  # the upload was under way when the server died

    url = spawn_oxigraph(location, port, processes)  # the same data directory again
    assert count_triples(url, graph_iri, 30) == OLD_LINES  # the old version, whole
    assert graphs_at(url) == {graph_iri}  # and no partial staging graph either


# -- 3. the server answers slowly, past the timeout ------------------------------------------
def test_a_slow_answer_past_the_timeout_is_one_line_and_the_graph_unchanged(
    store, graph_file, old_file, capsys, proxies
):
    graph_iri = "https://w3id.org/sdgkg/graph/slow"
    assert publish(store.query_url, old_file, graph_iri) == 0
    proxy = FaultProxy(store.port)
    proxies.append(proxy)
    # the upload's answer is held back far longer than the 1 s timeout, so that "it did not
    # wait for the answer" is told apart from a slow machine (a 4 s hold once failed under load)
    held_back = 15.0
    proxy.delay_method, proxy.delay = "PUT", held_back
    capsys.readouterr()

    started = time.monotonic()
    code = publish(proxy.query_url, graph_file, graph_iri, "--timeout", "1")
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()

    assert code == 2 and "Published" not in out
    assert_one_error_line(
        err, f"PUT http://{LOOPBACK}:{proxy.port}/store", "no answer within the timeout of 1 s"
    )
    assert "retrying" not in err  # a timeout is reported at once, not retried
    assert proxy.methods().count("PUT") == 1  # one upload, not retried
    assert elapsed < held_back  # it did not wait for the held-back answer
    assert count_triples(store.query_url, graph_iri, 30) == OLD_LINES


def test_a_staging_graph_left_by_a_timed_out_upload_is_removed_by_the_next_publish(
    store, graph_file, old_file, new_count, capsys, proxies
):
    """The store commits the upload after the client gave up: the failed publish drops its
    staging graph at once, but the late commit can recreate it; the next publish removes it."""
    graph_iri = "https://w3id.org/sdgkg/graph/slow-staging"
    assert publish(store.query_url, old_file, graph_iri) == 0
    before = graphs_at(store.query_url)
    proxy = FaultProxy(store.port)
    proxies.append(proxy)
    proxy.delay_method, proxy.delay = "PUT", 4.0
    assert publish(proxy.query_url, graph_file, graph_iri, "--timeout", "1") == 2
    assert proxy.answered_upstream.wait(timeout=30)  # the store has taken the upload
    assert proxy.delayed_answers and b" 20" in proxy.delayed_answers[0]
    assert count_triples(store.query_url, graph_iri, 30) == OLD_LINES  # old graph, whole
    leftovers = graphs_at(store.query_url) - before
    assert all(g.startswith("urn:sdgkg:staging:") for g in leftovers)
    assert publish(store.query_url, graph_file, graph_iri) == 0
    capsys.readouterr()
    assert count_triples(store.query_url, graph_iri, 30) == new_count
    assert graphs_at(store.query_url) == before  # no staging graph left over


# -- 4. the server answers 500, then recovers ------------------------------------------------
def test_500_answers_are_retried_with_backoff_then_the_new_graph_is_published(
    store, graph_file, old_file, new_count, capsys, proxies
):
    graph_iri = "https://w3id.org/sdgkg/graph/flaky"
    assert publish(store.query_url, old_file, graph_iri) == 0
    assert count_triples(store.query_url, graph_iri, 30) == OLD_LINES
    proxy = FaultProxy(store.port)
    proxies.append(proxy)
    proxy.fail_first = 2
    before = graphs_at(store.query_url)
    capsys.readouterr()

    code = publish(proxy.query_url, graph_file, graph_iri, "--timeout", "30")
    out, err = capsys.readouterr()

    assert code == 0, err
    assert f"Published {new_count} triples into <{graph_iri}>" in out
    notices = err.strip().splitlines()
    assert len(notices) == 2 and "Traceback" not in err, err
    for notice, line in zip(RETRY_NOTICES, notices, strict=False):
        assert "HTTP 500" in line and line.endswith(notice), line
    times = [moment for moment, _, _ in proxy.requests]
    assert times[1] - times[0] >= 0.5 and times[2] - times[1] >= 1.0  # backoff, doubled
    # The probe answered 500 twice, then: the look-up of leftover staging graphs, one upload.
    assert proxy.methods()[:5] == ["GET", "GET", "GET", "GET", "PUT"]
    assert count_triples(store.query_url, graph_iri, 30) == new_count  # the new version, whole
    assert graphs_at(store.query_url) == before  # no staging graph left by this publish
