"""Publish a graph into a SPARQL 1.1 store through the Graph Store Protocol, atomically.

The triples are first PUT into a fresh staging graph (``urn:uuid:…``); one SPARQL Update,
``MOVE GRAPH <staging> TO GRAPH <target>``, then replaces the target graph in a single
transaction, so that readers see the old graph or the new one, never a mix (a plain GSP PUT
of the target is, in Oxigraph for one, a clear followed by a load).

Where the Graph Store and update services live depends on the store. The server is told by
the ``Server`` header of its answer to a probe of the query endpoint:

* Oxigraph: ``/query``, ``/update``, ``/store?graph=``;
* Virtuoso: ``/sparql`` for queries; ``/sparql-graph-crud-auth?graph-uri=`` and
  ``/sparql-auth`` for writes, which need digest authentication (credentials from the
  environment);
* any other store: give ``--store-endpoint`` (and ``--update-endpoint`` when updates are not
  taken at the query endpoint).

One transaction is not enough on a store without snapshots. Virtuoso 7 at its default READ
COMMITTED isolation lets a query whose scan overlaps the commit count rows of both graphs;
at REPEATABLE READ (``DefaultIsolation = 4`` in its ini) readers see one graph whole. The
client cannot choose the readers' isolation, so it asks the server for its setting and warns
when the guarantee does not hold (``PublishReport.warnings``).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from build_graph.errors import SdgkgError
from build_graph.sparql.library import sparql_term
from build_graph.sparql.remote import (
    USER_AGENT,
    Credentials,
    HttpStatusError,
    RemoteEngine,
    RetryPolicy,
    safe_url,
    with_retries,
)

TURTLE = "text/turtle; charset=utf-8"  # N-Triples is Turtle: every GSP store takes it


@dataclass(frozen=True)
class StoreEndpoints:
    """The three services of one store, the name of the GSP graph parameter, and what an
    update needs in front of it to run as one transaction."""

    server: str
    query: str
    update: str
    store: str
    graph_parameter: str = "graph"
    update_prologue: str = ""


@dataclass(frozen=True)
class PublishReport:
    endpoints: StoreEndpoints
    graph_iri: str
    triples: int
    upload_seconds: float
    swap_seconds: float
    warnings: tuple[str, ...] = ()


class Http:
    """urllib with a User-Agent, an explicit timeout, retries, and digest or basic auth.

    Authentication is settled before a request with a body is sent: a bodiless probe of the
    same URL draws the server's challenge, and the request then goes once, with its
    Authorization header. (Virtuoso answers an unauthenticated upload with 401 and closes the
    connection while the body is still being sent, so the usual "send, get 401, send again"
    dance fails with a connection reset.)
    """

    def __init__(self, credentials: Credentials | None, timeout: float, retry: RetryPolicy) -> None:
        self.credentials = credentials
        self.timeout = timeout
        self.retry = retry
        self.passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        self.opener = urllib.request.build_opener()

    def request(
        self,
        method: str,
        url: str,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, bytes, dict[str, str]]:
        """Status, body and headers of a 2xx answer; anything else raises SdgkgError."""
        where = f"{method} {url.split('?')[0]}"

        def call() -> tuple[int, bytes, dict[str, str]]:
            request = self._build(method, url, data, headers)
            if self.credentials is not None:
                authorization = self._authorization(method, url)
                if authorization:
                    request.add_header("Authorization", authorization)
            return self._open(request)

        return with_retries(call, where, self.retry, self.timeout)

    def _build(
        self, method: str, url: str, data: bytes | None, headers: Mapping[str, str] | None
    ) -> urllib.request.Request:
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("User-Agent", USER_AGENT)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        return request

    def _open(self, request: urllib.request.Request) -> tuple[int, bytes, dict[str, str]]:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                answer = {k.lower(): v for k, v in response.headers.items()}
                return response.status, response.read(), answer
        except urllib.error.HTTPError as exc:
            answer = {k.lower(): v for k, v in (exc.headers or {}).items()}
            raise HttpStatusError(exc.code, exc.read(), answer) from None

    def _authorization(self, method: str, url: str) -> str | None:
        """The Authorization header for ``method url``, from the challenge of a probe.

        The credentials are tried on a second, bodiless probe first, so that wrong ones give
        the server's 401 rather than a connection reset in the middle of an upload.
        """
        try:
            self._open(self._build("GET", url, None, {"Accept": "*/*"}))
            return None
        except HttpStatusError as exc:
            if exc.status != 401:
                return None
            challenge = exc.headers.get("www-authenticate", "")
        scheme, _, params = challenge.partition(" ")
        assert self.credentials is not None
        user, password = self.credentials.user, self.credentials.password
        if scheme.lower() == "basic":
            token = f"{user}:{password}".encode()
            return "Basic " + base64.b64encode(token).decode("ascii")
        if scheme.lower() != "digest":
            return None
        self.passwords.add_password(None, root_of(url), user, password)
        handler = urllib.request.HTTPDigestAuthHandler(self.passwords)
        fields = urllib.request.parse_keqv_list(
            [item for item in urllib.request.parse_http_list(params) if "=" in item]
        )
        probe = self._build("GET", url, None, {"Accept": "*/*"})
        check = handler.get_authorization(probe, fields)
        if check:
            probe.add_header("Authorization", f"Digest {check}")
            try:
                self._open(probe)
            except HttpStatusError as exc:
                if exc.status == 401:
                    raise
        value = handler.get_authorization(self._build(method, url, None, None), fields)
        return f"Digest {value}" if value else None


def root_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def discover(
    endpoint: str,
    http: Http,
    *,
    update: str | None = None,
    store: str | None = None,
    authenticated: bool = False,
) -> StoreEndpoints:
    """Find the update and Graph Store services that go with a query endpoint."""
    safe_url(endpoint)
    probe = f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    _, _, headers = http.request(
        "GET", probe, headers={"Accept": "application/sparql-results+json"}
    )
    server = headers.get("server", "")
    root = root_of(endpoint)
    if server.lower().startswith("virtuoso"):
        auth = "-auth" if authenticated else ""
        return StoreEndpoints(
            "virtuoso",
            endpoint,
            update or f"{root}/sparql{auth}",
            store or f"{root}/sparql-graph-crud{auth}",
            "graph-uri",
        )
    if server.lower().startswith("oxigraph"):
        return StoreEndpoints(
            "oxigraph", endpoint, update or f"{root}/update", store or f"{root}/store"
        )
    if store is None:
        raise SdgkgError(
            f"{endpoint}: unknown store ({server or 'no Server header'}); give its Graph Store "
            "endpoint with --store-endpoint (and --update-endpoint if updates go elsewhere)"
        )
    return StoreEndpoints(server or "sparql", endpoint, update or endpoint, store)


def send_update(endpoints: StoreEndpoints, http: Http, update: str) -> None:
    """One SPARQL 1.1 Update request (form-encoded POST to the update service)."""
    data = urllib.parse.urlencode({"update": endpoints.update_prologue + update}).encode("utf-8")
    http.request(
        "POST",
        endpoints.update,
        data,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "*/*"},
    )


def graph_url(endpoints: StoreEndpoints, graph_iri: str) -> str:
    query = urllib.parse.urlencode({endpoints.graph_parameter: graph_iri})
    return f"{endpoints.store}?{query}"


def publish_graph(
    ntriples: bytes,
    triples: int,
    endpoint: str,
    graph_iri: str,
    *,
    credentials: Credentials | None = None,
    update: str | None = None,
    store: str | None = None,
    timeout: float = 120.0,
    retry: RetryPolicy | None = None,
) -> PublishReport:
    """Replace ``graph_iri`` at the store behind ``endpoint`` with the given triples."""
    sparql_term_check(graph_iri)
    http = Http(credentials, timeout, retry or RetryPolicy())
    endpoints = discover(
        endpoint, http, update=update, store=store, authenticated=credentials is not None
    )
    warnings = tuple(filter(None, [reader_isolation_warning(endpoints, timeout)]))
    prefix = staging_prefix(graph_iri)
    remove_leftover_staging(endpoints, http, prefix, timeout)
    staging = f"{prefix}{uuid.uuid4()}"
    started = time.monotonic()
    uploaded = started
    try:
        # The upload is inside the try: a store may accept it even when the client gives up
        # (a timeout), and a failed publish must leave no copy of the graph behind.
        http.request("PUT", graph_url(endpoints, staging), ntriples, {"Content-Type": TURTLE})
        uploaded = time.monotonic()
        send_update(
            endpoints, http, f"MOVE GRAPH <{staging}> TO GRAPH {sparql_term_check(graph_iri)}"
        )
    except BaseException:
        # Best effort, one attempt: the store may be down, which is the error being reported.
        cleanup = Http(credentials, timeout, RetryPolicy(attempts=1))
        with contextlib.suppress(SdgkgError, OSError):
            send_update(endpoints, cleanup, f"DROP SILENT GRAPH <{staging}>")
        raise
    swapped = time.monotonic()
    count = count_triples(endpoints.query, graph_iri, timeout)
    if count != triples:
        raise SdgkgError(
            f"{endpoints.query}: graph {graph_iri} holds {count} triples after publishing, "
            f"not the {triples} sent"
        )
    return PublishReport(
        endpoints, graph_iri, triples, uploaded - started, swapped - uploaded, warnings
    )


VIRTUOSO_DEFAULT_ISOLATION = 2  # READ COMMITTED, when the ini does not say
VIRTUOSO_ISOLATION_NAMES = {
    1: "READ UNCOMMITTED",
    2: "READ COMMITTED",
    4: "REPEATABLE READ",
    8: "SERIALIZABLE",
}


def reader_isolation_warning(endpoints: StoreEndpoints, timeout: float) -> str | None:
    """Why readers of this store may see a mix of the old and new graph, or None.

    Only Virtuoso is known to need it; its ini setting is readable through SPARQL (``bif:``).
    A store that will not say gets a warning too: the guarantee is then unknown.
    """
    if endpoints.server != "virtuoso":
        return None
    engine = RemoteEngine(endpoints.query, timeout=timeout)
    try:
        result = engine.query(
            "SELECT (bif:virtuoso_ini_item_value('Parameters', 'DefaultIsolation') AS ?level) {}",
            {},
        )
        value = result.rows[0][0] if result.rows else None
        level = int(str(value)) if value is not None and str(value).strip() else None
    except (SdgkgError, ValueError):
        return (
            f"{endpoints.query}: could not read Virtuoso's DefaultIsolation; unless it is 4 "
            "(REPEATABLE READ) or 8, a query running during the swap can see part of each graph"
        )
    level = VIRTUOSO_DEFAULT_ISOLATION if level is None else level
    if level >= 4:
        return None
    name = VIRTUOSO_ISOLATION_NAMES.get(level, f"level {level}")
    return (
        f"{endpoints.query}: Virtuoso runs queries at {name} (DefaultIsolation = {level}): a "
        "query running during the swap can see part of each graph; set DefaultIsolation = 4 "
        "in [Parameters] of virtuoso.ini for readers to see the old graph or the new one"
    )


def staging_prefix(graph_iri: str) -> str:
    """Staging graphs of one target share a prefix, so a later publish can find leftovers."""
    digest = hashlib.sha256(graph_iri.encode("utf-8")).hexdigest()[:16]
    return f"urn:sdgkg:staging:{digest}:"


def remove_leftover_staging(
    endpoints: StoreEndpoints, http: Http, prefix: str, timeout: float
) -> None:
    """Drop staging graphs an earlier publish could not remove.

    A store may commit an upload after the client gave up on it (a timeout): the failed
    publish drops its staging graph at once, but the late commit can recreate it. Each publish
    therefore starts by dropping what earlier ones left for the same target graph.
    """
    from rdflib import Literal

    engine = RemoteEngine(endpoints.query, timeout=timeout)
    result = engine.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), ?prefix)) }",
        {"prefix": Literal(prefix)},
    )
    for (graph,) in result.rows:
        if graph is not None and str(graph).startswith(prefix):
            send_update(endpoints, http, f"DROP SILENT GRAPH <{graph}>")


def sparql_term_check(graph_iri: str) -> str:
    from rdflib import URIRef

    return sparql_term(URIRef(graph_iri))


def count_triples(query_endpoint: str, graph_iri: str, timeout: float) -> int:
    """Triples in a named graph, asked through the query endpoint (read access only)."""
    from rdflib import URIRef

    engine = RemoteEngine(query_endpoint, timeout=timeout)
    result = engine.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph_iri)}
    )
    if not result.rows or result.rows[0][0] is None:
        return 0
    return int(result.rows[0][0])


__all__ = ["HttpStatusError", "PublishReport", "StoreEndpoints", "discover", "publish_graph"]
