"""The HTTP front of ``sdgkg serve``: the SPARQL protocol passed to a pool of Oxigraph processes,
with a query timeout that really stops a query, CORS on request, read-only by default, and
dereferenceable IRIs (``linked_data.py``).

Every request that asks the graph borrows one process of the pool (``backends.py``) for its
whole answer. Past ``timeout`` seconds the process is killed and replaced, and the client gets
``504`` with the reason; the other processes go on answering the other clients. A request that
finds every process busy waits up to ``timeout`` seconds for one, then gets ``503``.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from build_graph.errors import SdgkgError
from build_graph.sparql import linked_data
from build_graph.sparql.backends import BackendPool

QUERY_PATHS = ("/query", "/sparql")
FORWARDED_REQUEST = ("accept", "content-type")
FORWARDED_RESPONSE = ("content-type", "server", "content-disposition")
CHUNK = 1 << 16


@dataclass(frozen=True)
class FrontSettings:
    base: str  # the IRI base the served paths stand for
    timeout: float  # seconds a query may run
    cors: bool = False
    writable: bool = False


class Timeout(Exception):
    """A query ran past the timeout; its process was killed."""


class Front(ThreadingHTTPServer):
    """The server: one thread per connection, the pool and the settings shared."""

    daemon_threads = True
    allow_reuse_address = False  # a port in use is an error, not shared
    request_queue_size = 128  # socketserver's 5 reset connections when 20 clients start at once

    def __init__(
        self, address: tuple[str, int], pool: BackendPool, settings: FrontSettings
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.pool, self.settings = pool, settings
        super().__init__(address, Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class Handler(BaseHTTPRequestHandler):
    """One request: a SPARQL query (or, writable, an update or Graph Store request) passed on,
    or a minted IRI described."""

    protocol_version = "HTTP/1.1"
    server: Front
    server_version = "sdgkg-serve"

    def log_message(self, format: str, *args: object) -> None:
        """No access log: stdout and stderr are the command's own."""

    # -- methods ------------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        self._send(204, b"", {"Allow": "GET, HEAD, POST, OPTIONS"}, preflight=True)

    def do_GET(self) -> None:
        self._route("GET")

    def do_HEAD(self) -> None:
        self._route("HEAD")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    def _route(self, method: str) -> None:
        path = urllib.parse.urlsplit(self.path).path
        body = self._body()
        settings = self.server.settings
        if path in QUERY_PATHS:
            if method not in ("GET", "HEAD", "POST"):
                return self._text(405, "the query service takes GET and POST")
            target = "/query" + self.path[len(path) :]
            return self._pass(method, target, body, settings.timeout)
        if path in ("/update", "/store"):
            if not settings.writable and not (path == "/store" and method in ("GET", "HEAD")):
                return self._text(403, "this server is read-only (sdgkg serve --writable)")
            return self._pass(method, self.path, body, None)
        if method not in ("GET", "HEAD"):
            return self._text(405, "only GET and HEAD here")
        if path == "/":
            return self._pass(method, self.path, body, settings.timeout)
        return self._describe(path, method == "HEAD")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    # -- passing requests on ------------------------------------------------------------------
    def _pass(self, method: str, target: str, body: bytes, timeout: float | None) -> None:
        headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARDED_REQUEST}
        try:
            status, reply_headers, data = self._ask(method, target, body, headers, timeout)
        except Timeout:
            seconds = self.server.settings.timeout
            return self._text(
                504,
                f"the query ran longer than the server's timeout of {seconds:g} s and was cut off",
            )
        except _Busy:
            return self._text(503, "every query process is busy; try again")
        except _Gone as gone:
            return self._text(502, f"the query process failed: {gone}")
        self._send(status, b"" if method == "HEAD" else data, reply_headers, length=len(data))

    def _ask(
        self,
        method: str,
        target: str,
        body: bytes,
        headers: dict[str, str],
        timeout: float | None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request to a process of the pool, within ``timeout`` seconds (None: no limit)."""
        pool = self.server.pool
        wait = timeout if timeout is not None else 3600.0
        backend = pool.lease(wait)
        if backend is None:
            raise _Busy()
        deadline = None if timeout is None else time.monotonic() + timeout
        connection = http.client.HTTPConnection(*backend.address, timeout=timeout)
        healthy = True
        try:
            connection.request(method, target, body=body or None, headers=headers)
            _limit(connection, deadline)
            response = connection.getresponse()
            chunks = []
            while True:
                _limit(connection, deadline)
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
            kept = {k: v for k, v in response.getheaders() if k.lower() in FORWARDED_RESPONSE}
            return response.status, kept, b"".join(chunks)
        except TimeoutError:
            healthy = False
            raise Timeout() from None
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            healthy = False
            raise _Gone(str(error) or type(error).__name__) from None
        finally:
            connection.close()
            if healthy:
                pool.give_back(backend)
            else:
                pool.replace(backend)

    # -- linked data ----------------------------------------------------------------------------
    def _describe(self, path: str, head: bool) -> None:
        options = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        asked = options.get("format", [""])[0] or None
        fmt = linked_data.negotiate(self.headers.get("Accept"), asked)
        if fmt is None:
            offered = ", ".join(linked_data.MEDIA)
            return self._text(406, f"this resource is offered as {offered}")
        iri = self.server.settings.base.rstrip("/") + path
        timeout = self.server.settings.timeout
        try:
            describe = linked_data.describe_query(iri)
        except SdgkgError:
            return self._text(400, "this path is no IRI of the served graph")
        try:
            ntriples = self._graph_query(describe, "application/n-triples")
            if not ntriples.strip():
                return self._text(404, f"{iri} is not in the served graph")
            if fmt == "html":
                description = linked_data.Description.of(iri, ntriples)
                labels = linked_data.read_labels(
                    self._graph_query(
                        linked_data.labels_query([iri, *description.linked()]),
                        "application/sparql-results+json",
                    )
                )
                page = linked_data.Page(self.server.settings.base, labels)
                data = page.render(description)
            else:
                data = linked_data.render_rdf(ntriples, fmt)
        except Timeout:
            return self._text(504, f"describing {iri} ran past the timeout of {timeout:g} s")
        except (_Busy, _Gone) as error:
            return self._text(503, f"cannot describe {iri} now: {error or 'busy'}")
        headers = {"Content-Type": linked_data.CONTENT_TYPES[fmt], "Vary": "Accept"}
        self._send(200, b"" if head else data, headers, length=len(data))

    def _graph_query(self, text: str, accept: str) -> bytes:
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        status, _, data = self._ask("POST", "/query", body, headers, self.server.settings.timeout)
        if status != 200:
            raise _Gone(f"HTTP {status}: {data[:200].decode('utf-8', 'replace')}")
        return data

    # -- answers --------------------------------------------------------------------------------
    def _text(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self._send(status, data, {"Content-Type": "text/plain; charset=utf-8"})

    def _send(
        self,
        status: int,
        data: bytes,
        headers: dict[str, str],
        preflight: bool = False,
        length: int | None = None,
    ) -> None:
        self.send_response_only(status)
        self.send_header("Date", self.date_time_string())
        if not any(k.lower() == "server" for k in headers):
            self.send_header("Server", self.version_string())
        for key, value in headers.items():
            self.send_header(key, value)
        if self.server.settings.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            if preflight:
                asked = self.headers.get("Access-Control-Request-Headers")
                self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", asked or "Accept, Content-Type")
                self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", str(len(data) if length is None else length))
        self.end_headers()
        if data:
            self.wfile.write(data)


class _Busy(Exception):
    """No process of the pool came free in time."""


class _Gone(Exception):
    """The process failed or closed the connection (it is replaced)."""


def _limit(connection: http.client.HTTPConnection, deadline: float | None) -> None:
    """Let the next socket operation wait no longer than the deadline."""
    if deadline is None or connection.sock is None:
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError()
    connection.sock.settimeout(remaining)
