"""RDF terms as N-Triples text, for the graph builder's hot loop.

A plan has ~48k triples and a national build ~2.7 M. Building rdflib terms for them, hashing
them in a set and formatting them as N-Triples afterwards cost ~0.7 s a plan (44 s at 63
plans). The builder writes each term straight in its canonical N-Triples form (the form of
``ntriples.term``: xsd:string implicit, only ``\\ " \\n \\r`` escaped), so a triple is one
string and the graph one set of lines. ``ntriples.py`` stays the reference formatter; a test
checks that both give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from build_graph.graph.vocab import Iris

XSD = "http://www.w3.org/2001/XMLSchema#"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class NtNamespace:
    """``NS.term`` → ``"<namespace-iri term>"``, built once per term."""

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        """Called on the first use of a term only: it is then stored as an attribute."""
        if name.startswith("_"):
            raise AttributeError(name)
        term = f"<{self._namespace}{name}>"
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return self._namespace


def iri(value: str) -> str:
    return f"<{value}>"


def escape(text: str) -> str:
    """A string's characters as N-Triples (and SPARQL) want them: only the quote, backslash and
    line ends are escaped."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return text.translate(_ESCAPES)  # slow on non-ASCII text, and seldom needed
    return text


_ESCAPED = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def unescape(text: str) -> str:
    """The lexical form of an N-Triples string (ECHAR and UCHAR escapes)."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(
        lambda m: (
            chr(int(m.group(1) or m.group(2), 16))
            if m.group(3) is None
            else _ECHAR.get(m.group(3), m.group(3))
        ),
        text,
    )


def lit(text: str) -> str:
    """A plain literal (xsd:string)."""
    return f'"{escape(text)}"'


@functools.lru_cache(maxsize=65536)
def vi(text: str) -> str:
    return f"{lit(text)}@vi"


@functools.lru_cache(maxsize=8192)
def en(text: str) -> str:
    return f"{lit(text)}@en"


def typed(lexical: str, datatype: str) -> str:
    return f"{lit(lexical)}^^<{XSD}{datatype}>"


@functools.lru_cache(maxsize=65536)
def positive(number: int) -> str:
    return typed(str(number), "positiveInteger")


def boolean(value: bool) -> str:
    return typed("true" if value else "false", "boolean")


def date(value: dt.date) -> str:
    return typed(value.isoformat(), "date")


def gyear(year: int) -> str:
    return typed(str(year), "gYear")


@dataclass(frozen=True)
class NtIris(Iris):
    """``vocab.Iris`` minting every IRI in N-Triples form (``"<…>"``), not as a URIRef."""

    def _iri(self, path: str) -> str:  # type: ignore[override]  # N-Triples text, not a URIRef
        return f"<{self.base.rstrip('/')}/{path}>"

    def assignment(self, task: str, role: str, agency_id: str) -> str:  # type: ignore[override]  # N-Triples text too
        """``task`` in N-Triples form, as the builder holds it."""
        return f"{task[:-1]}/{role}/{agency_id}>"
