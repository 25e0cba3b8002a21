"""Namespaces and the minting of stable, readable IRIs under a configurable base."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rdflib import Namespace, URIRef

# Vocabulary terms that are also names of str methods (dcterms:title, dcterms:format): an
# attribute lookup would find the method first.
_SHADOWED = frozenset({"title", "format", "index", "count", "find", "join", "split", "replace"})


class _CachedNamespace(Namespace):
    """A Namespace whose terms are built once: the graph builder asks for them ~90k times."""

    def __getattribute__(self, name: str) -> object:
        if name in _SHADOWED:
            return _term(str.__str__(self), name)
        return super().__getattribute__(name)

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return _term(str(self), name)


@functools.lru_cache(maxsize=1024)
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


SDGKG = _CachedNamespace("https://w3id.org/sdgkg/ontology#")


def cached_namespace(namespace: object) -> _CachedNamespace:
    """A cached copy of any rdflib namespace (closed ones included), for hot loops."""
    return _CachedNamespace(str(namespace))


UNSDG = Namespace("http://metadata.un.org/sdg/")
VANN = Namespace("http://purl.org/vocab/vann/")
GEONAMES_HAI_PHONG = URIRef("https://sws.geonames.org/1581298/")
DEFAULT_BASE = "https://w3id.org/sdgkg/"

# Every IRI the build mints is the base followed by slugs, codes and numbers. With a base of IRI
# characters only (no space, control character or <>"{}|\^`), graph.nt needs no IRI check when
# it is read back: serialize.py parses it leniently.
_IRI_BASE = re.compile(r"https?://[^\x00-\x20<>\"{}|\\^`\x7f]+")


def is_iri_base(base: str) -> bool:
    """Whether ``base`` can start the minted IRIs: an http(s) IRI without forbidden characters."""
    return _IRI_BASE.fullmatch(base) is not None


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of one plan's resources. The same input always gives the same IRIs."""

    base: str
    plan_slug: str
    jurisdiction: str

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base.rstrip("/") + "/" + path)

    @property
    def plan(self) -> URIRef:
        return self._iri(f"plan/{self.plan_slug}")

    def appendix(self, number: int) -> URIRef:
        return self._iri(f"plan/{self.plan_slug}/appendix/{number:02d}")

    def task(self, appendix: int, number: str) -> URIRef:
        return self._iri(f"plan/{self.plan_slug}/appendix/{appendix:02d}/task/{number}")

    def assignment(self, task: URIRef, role: str, agency_id: str) -> URIRef:
        return URIRef(f"{task}/{role}/{agency_id}")

    @property
    def source(self) -> URIRef:
        return self._iri(f"source/{self.plan_slug}")

    def line(self, number: int) -> URIRef:
        return self._iri(f"source/{self.plan_slug}/line/{number}")

    @property
    def extraction(self) -> URIRef:
        """The run of sdgkg that read the source (a prov:Activity)."""
        return self._iri(f"source/{self.plan_slug}/extraction")

    def software(self, version: str) -> URIRef:
        return self._iri(f"software/sdgkg-{version}")

    def agency(self, agency_id: str) -> URIRef:
        return self._iri(f"agency/{self.jurisdiction}/{agency_id}")

    def agency_in(self, jurisdiction: str, agency_id: str) -> URIRef:
        """An agency of another province (one a change event names: Hải Dương's)."""
        return self._iri(f"agency/{jurisdiction}/{agency_id}")

    def change(self, jurisdiction: str, event_id: str) -> URIRef:
        """A curated change event, as it applies to one province's bodies."""
        return self._iri(f"change/{jurisdiction}/{event_id}")

    def legal(self, document: str) -> URIRef:
        """A legal document (or an article of one) a change event rests on."""
        return self._iri(f"legal/{document}")

    def person(self, slug: str) -> URIRef:
        return self._iri(f"person/{slug}")

    def national_agency(self, agency_id: str) -> URIRef:
        return self._iri(f"agency/vn/{agency_id}")

    def national_plan(self, slug: str) -> URIRef:
        return self._iri(f"plan/{slug}")

    def kind(self, kind: str) -> URIRef:
        return self._iri(f"kind/{kind}")

    @property
    def kind_scheme(self) -> URIRef:
        return self._iri("kind")

    def agency_type(self, type_id: str) -> URIRef:
        return self._iri(f"agency-type/{type_id}")

    @property
    def agency_type_scheme(self) -> URIRef:
        return self._iri("agency-type")

    def vsdg(self, code: str) -> URIRef:
        return self._iri(f"vsdg/{code}")

    def un_mapping(self, code: str, un_code: str) -> URIRef:
        """The qualified link from a VSDG concept to one UN goal or target."""
        return self._iri(f"vsdg/{code}/un/{un_code}")

    @property
    def vsdg_scheme(self) -> URIRef:
        return self._iri("vsdg")

    def period(self, start: int, end: int) -> URIRef:
        return self._iri(f"period/{start}" if start == end else f"period/{start}-{end}")

    def period_kind(self, kind: str) -> URIRef:
        return self._iri(f"period-kind/{kind}")

    def year(self, year: int) -> URIRef:
        return self._iri(f"year/{year}")
