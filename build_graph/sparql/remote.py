"""Remote SPARQL: queries through SPARQLWrapper, and the HTTP rules every remote call follows.

* a User-Agent names sdgkg; long queries go by POST (form-encoded), short ones by GET;
* every call has an explicit timeout;
* connection errors and 5xx answers are retried with exponential backoff; a 4xx fails at once
  with an error that quotes the endpoint's own message;
* credentials come only from the environment (``SDGKG_SPARQL_USER``,
  ``SDGKG_SPARQL_PASSWORD``); they are never printed, logged or written anywhere, and URLs
  that carry a password are refused.

Answers are read into the same :class:`~build_graph.engines.QueryResult` as the embedded
engines'. Store quirks are dealt with here, not by the callers: SPARQL 1.0 ``typed-literal``
bindings (Virtuoso), booleans written ``1``/``0`` (Virtuoso), and results cut off by a row cap
(Virtuoso's ResultSetMaxRows, announced by an ``X-SPARQL-MaxRows`` header), which is an error.
"""

from __future__ import annotations

import html
import http.client
import json
import math
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar, cast

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from SPARQLWrapper import GET, JSON, POST, TURTLE, URLENCODED, SPARQLWrapper

from build_graph import __version__
from build_graph.errors import SdgkgError
from build_graph.graph.terms import canonical, sorted_triples
from build_graph.sparql.engines import GRAPH_VARIABLES, QueryResult
from build_graph.sparql.library import Term, insert_values

USER_AGENT = f"sdgkg/{__version__} (SPARQL client; Python SPARQLWrapper)"
USER_VARIABLE = "SDGKG_SPARQL_USER"
PASSWORD_VARIABLE = "SDGKG_SPARQL_PASSWORD"
POST_THRESHOLD = 1800  # characters of the encoded query; above it a query goes by POST
T = TypeVar("T")


@dataclass(frozen=True)
class Credentials:
    """A user and password read from the environment; the password never shows in a repr."""

    user: str
    password: str = field(repr=False)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Credentials | None:
        env = os.environ if environ is None else environ
        user, password = env.get(USER_VARIABLE, ""), env.get(PASSWORD_VARIABLE, "")
        if not user and not password:
            return None
        if not user or not password:
            missing = USER_VARIABLE if not user else PASSWORD_VARIABLE
            raise SdgkgError(f"{missing} is not set (credentials need both variables)")
        return cls(user, password)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a failed call (connection error, 5xx) is tried again."""

    attempts: int = 4
    backoff: float = 0.5  # seconds before the first retry; doubled each time
    max_backoff: float = 8.0
    on_retry: Callable[[str], None] | None = field(default=None, compare=False)

    def delays(self) -> list[float]:
        return [min(self.backoff * 2**i, self.max_backoff) for i in range(self.attempts - 1)]


class HttpStatusError(Exception):
    """An HTTP answer that is not 2xx, with the endpoint's own message."""

    def __init__(self, status: int, body: bytes, headers: Mapping[str, str]) -> None:
        self.status = status
        self.body = body
        self.headers = dict(headers)
        super().__init__(f"HTTP {status}")

    @property
    def message(self) -> str:
        return endpoint_message(self.body)


def endpoint_message(body: bytes, limit: int = 300) -> str:
    """The endpoint's error text on one line: tags dropped, whitespace folded, cut short."""
    text = body.decode("utf-8", errors="replace")
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_url(url: str) -> str:
    """An endpoint URL fit to print: it must not carry credentials (they come from the env)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SdgkgError(f"{_redacted(url)}: not an http(s) endpoint URL")
    if parts.username is not None or parts.password is not None:
        raise SdgkgError(
            f"{_redacted(url)}: credentials in the URL are refused; set {USER_VARIABLE} and "
            f"{PASSWORD_VARIABLE} in the environment instead"
        )
    return url


def _redacted(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None and parts.username is None:
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def with_retries(call: Callable[[], T], where: str, policy: RetryPolicy, timeout: float) -> T:
    """Run ``call``; retry connection errors and 5xx (but 504) with backoff; turn failures into
    one line."""
    delays = policy.delays()
    for attempt in range(len(delays) + 1):
        last = attempt == len(delays)
        try:
            return call()
        except HttpStatusError as exc:
            # 504: the server (sdgkg serve, a proxy) cut the query off at its timeout; it would
            # run as long again
            if exc.status >= 500 and exc.status != 504 and not last:
                _wait(policy, delays[attempt], f"{where}: HTTP {exc.status}")
                continue
            raise SdgkgError(_status_message(where, exc)) from None
        except TimeoutError:
            raise SdgkgError(f"{where}: no answer within the timeout of {timeout:g} s") from None
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                raise SdgkgError(
                    f"{where}: no answer within the timeout of {timeout:g} s"
                ) from None
            if not last:
                _wait(policy, delays[attempt], f"{where}: cannot connect ({reason})")
                continue
            raise SdgkgError(
                f"{where}: cannot connect ({reason}); tried {len(delays) + 1} times"
            ) from None
    raise AssertionError("unreachable")


def _wait(policy: RetryPolicy, delay: float, what: str) -> None:
    if policy.on_retry is not None:
        policy.on_retry(f"{what}; retrying in {delay:g} s")
    time.sleep(delay)


def _status_message(where: str, exc: HttpStatusError) -> str:
    detail = exc.message or "no message"
    if exc.status == 401:
        hint = f" (set {USER_VARIABLE} and {PASSWORD_VARIABLE} for an endpoint that needs them)"
        return f"{where}: HTTP 401 unauthorized{hint}: {detail}"
    if exc.status == 504:
        return f"{where}: HTTP 504, the endpoint cut the query off: {detail}"
    if exc.status >= 500:
        return f"{where}: HTTP {exc.status} from the endpoint, still after retries: {detail}"
    return f"{where}: HTTP {exc.status}: {detail}"


# -- answers ---------------------------------------------------------------------------------
def json_term(value: Mapping[str, str]) -> URIRef | Literal | BNode:
    """A term of SPARQL JSON results; also reads SPARQL 1.0's ``typed-literal`` (Virtuoso)."""
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang") or value.get("lang")
        if lang:
            return Literal(value["value"], lang=lang)
        datatype = value.get("datatype")
        if datatype == str(XSD.boolean):
            return Literal(_boolean(value["value"]), datatype=XSD.boolean)
        if datatype and datatype != str(XSD.string):
            return Literal(value["value"], datatype=URIRef(datatype))
        return Literal(value["value"])
    raise SdgkgError(f"unknown term type {kind!r} in the SPARQL results")


def _boolean(lexical: str) -> str:
    """Virtuoso writes xsd:boolean as 1/0: the same values as true/false, canonically."""
    return {"1": "true", "0": "false"}.get(lexical.strip(), lexical.strip())


def read_json_results(body: bytes, where: str) -> QueryResult:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SdgkgError(f"{where}: the answer is not SPARQL JSON results ({exc})") from None
    if "boolean" in document:
        return QueryResult("ASK", boolean=bool(document["boolean"]))
    variables = list(document.get("head", {}).get("vars", []))
    rows = [
        tuple(json_term(b[v]) if v in b else None for v in variables)
        for b in document.get("results", {}).get("bindings", [])
    ]
    return QueryResult("SELECT", variables, rows)


def read_rdf(body: bytes, content_type: str, form: str, where: str) -> QueryResult:
    from rdflib import Graph

    fmt = "nt" if "n-triples" in content_type else "turtle"
    graph = Graph()
    try:
        graph.parse(data=body.decode("utf-8"), format=fmt)
    except Exception as exc:  # rdflib raises parser-specific errors
        raise SdgkgError(f"{where}: the answer is not RDF ({exc})") from None
    # a parsed graph holds IRIs, literals and blank nodes only (rdflib types them as Node)
    rows = sorted_triples(tuple(canonical(cast(Term, t)) for t in triple) for triple in graph)
    return QueryResult(form, list(GRAPH_VARIABLES), rows)


# -- the engine ------------------------------------------------------------------------------
class RemoteEngine:
    """A SPARQL 1.1 endpoint, queried through SPARQLWrapper; parameters go in VALUES blocks.

    ``default_graph`` is sent as ``default-graph-uri``, so that a graph published as a named
    graph is the one queried (Virtuoso's own default graph is the union of every graph it
    holds, its system graphs included).
    """

    name = "remote"

    def __init__(
        self,
        endpoint: str,
        *,
        default_graph: str | None = None,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        post_threshold: int = POST_THRESHOLD,
    ) -> None:
        self.endpoint = safe_url(endpoint)
        self.default_graph = default_graph
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.post_threshold = post_threshold
        self.last_method = ""

    def query(self, text: str, bindings: Mapping[str, Term]) -> QueryResult:
        text = insert_values(text, bindings)
        wrapper = _Wrapper(self.endpoint, agent=USER_AGENT)
        wrapper.setQuery(text)
        wrapper.setOnlyConneg(True)
        wrapper.setTimeout(max(1, math.ceil(self.timeout)))
        if self.default_graph:
            wrapper.addDefaultGraph(self.default_graph)
        form = str(wrapper.queryType).upper()
        if form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            raise SdgkgError(f"{self.endpoint}: only queries are sent here, not {form}")
        wrapper.setReturnFormat(JSON if form in ("SELECT", "ASK") else TURTLE)
        encoded = urllib.parse.urlencode({"query": text})
        if len(encoded) > self.post_threshold:
            wrapper.setMethod(POST)
            wrapper.setRequestMethod(URLENCODED)
        else:
            wrapper.setMethod(GET)
        self.last_method = str(wrapper.method)
        body, headers = with_retries(wrapper.fetch, self.endpoint, self.retry, self.timeout)
        _check_truncation(headers, self.endpoint)
        content_type = headers.get("content-type", "")
        if form in ("SELECT", "ASK"):
            return read_json_results(body, self.endpoint)
        return read_rdf(body, content_type, form, self.endpoint)

    def update(self, text: str) -> None:
        raise SdgkgError("updates go to the update endpoint: see build_graph.gsp.send_update")


def _check_truncation(headers: Mapping[str, str], where: str) -> None:
    cap = headers.get("x-sparql-maxrows")
    if cap:
        raise SdgkgError(
            f"{where}: the endpoint cut the result off at {cap} rows (Virtuoso: raise "
            "ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)"
        )


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper with the answer's status, body and headers kept whole.

    SPARQLWrapper folds an HTTP error into an exception message; here a non-2xx answer becomes
    :class:`HttpStatusError` with the endpoint's own text, so that retries and messages can be
    decided by status.
    """

    def fetch(self) -> tuple[bytes, dict[str, str]]:
        request = self._createRequest()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as exc:
            headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
            raise HttpStatusError(exc.code, exc.read(), headers) from None
