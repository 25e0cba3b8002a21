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
from dataclasses import dataclass

from .vocab import Iris

XSD = "http://www.w3.org/2001/XMLSchema#"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class NtNamespace:
    """``NS.term`` → ``"<namespace-iri term>"``, built once per term."""

    def __init__(self, namespace: str) -> None:
        self._namespace = namespace
        self._terms: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        found = self._terms.get(name)
        if found is None:
            found = self._terms[name] = f"<{self._namespace}{name}>"
        return found

    def __str__(self) -> str:
        return self._namespace


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str) -> str:
    """A plain literal (xsd:string)."""
    return f'"{text.translate(_ESCAPES)}"'


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
class NtIris:
    """``vocab.Iris`` with every IRI in N-Triples form."""

    iris: Iris

    @property
    def plan(self) -> str:
        return iri(self.iris.plan)

    def appendix(self, number: int) -> str:
        return iri(self.iris.appendix(number))

    def task(self, appendix: int, number: str) -> str:
        return iri(self.iris.task(appendix, number))

    def assignment(self, task: str, role: str, agency_id: str) -> str:
        """``task`` in N-Triples form, as the builder holds it."""
        return f"{task[:-1]}/{role}/{agency_id}>"

    @property
    def source(self) -> str:
        return iri(self.iris.source)

    def line(self, number: int) -> str:
        return iri(self.iris.line(number))

    def agency(self, agency_id: str) -> str:
        return iri(self.iris.agency(agency_id))

    def person(self, slug: str) -> str:
        return iri(self.iris.person(slug))

    def national_agency(self, agency_id: str) -> str:
        return iri(self.iris.national_agency(agency_id))

    def national_plan(self, slug: str) -> str:
        return iri(self.iris.national_plan(slug))

    def kind(self, kind: str) -> str:
        return iri(self.iris.kind(kind))

    @property
    def kind_scheme(self) -> str:
        return iri(self.iris.kind_scheme)

    def vsdg(self, code: str) -> str:
        return iri(self.iris.vsdg(code))

    @property
    def vsdg_scheme(self) -> str:
        return iri(self.iris.vsdg_scheme)

    def period(self, start: int, end: int) -> str:
        return iri(self.iris.period(start, end))

    def period_kind(self, kind: str) -> str:
        return iri(self.iris.period_kind(kind))

    def year(self, year: int) -> str:
        return iri(self.iris.year(year))
