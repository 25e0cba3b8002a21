"""The CKAN data set a bundle is published as, made from ``catalog.ttl`` (the DCAT-AP
description, so that the portal and the catalogue say the same thing), with every resource
inline and its id stable from one run to the next.

Two layouts:

* ``scheming`` (default): the fields of the DCAT-AP 3 schema that ckanext-dcat ships
  (``dcat_ap_full.yaml``, with ckanext-scheming), which its ``euro_dcat_ap_3`` profile turns
  back into DCAT: ``temporal_coverage``, ``spatial_coverage``, ``theme``, ``publisher``,
  ``contact``, per-resource ``license``, ``download_url``, ``hash``..., and the Vietnamese and
  English titles and descriptions as ckanext-fluent's ``title_translated`` and
  ``notes_translated`` (the fields ckanext-dcat's multilingual support reads).
* ``extras``: the documented fallback for a portal without ckanext-scheming: CKAN's core
  fields, and the DCAT facts as ``extras`` under ckanext-dcat's legacy keys. A scheming portal
  refuses it ("There is a schema field with the same name"), and ckanext-dcat's DCAT export
  of it drops the spatial coverage, the resources' licences, the download URLs and the
  Vietnamese texts.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS
from rdflib.term import Identifier, Node

from build_graph import __version__
from build_graph.errors import SdgkgError
from build_graph.publish.dcat import ADMS, DCAT_VERSION, DCATAP, IANA, SPDX, VCARD
from build_graph.publish.facts import CATALOG, LICENCE, LICENCE_SPDX
from build_graph.publish.files import FORMAT_NAMES, FileInfo, sha256_of

LAYOUTS = ("scheming", "extras")
# The licence as the Open Definition's licence list names it, the list CKAN portals load
# through ``licenses_group_url``; CKAN's built-in list has only a generic "cc-by".
LICENCE_IDS = {LICENCE: LICENCE_SPDX}
NAME_RULE = re.compile(r"^[a-z0-9_\-]{2,100}$")  # ckan/logic/validators.py name_validator
TAG_RULE = re.compile(r"^[\w \-.]{2,100}$")  # tag_name_validator + tag_length_validator
LANGUAGES = ("en", "vi")


def load_catalog(dist: Path) -> Graph:
    path = dist / CATALOG
    if not path.is_file():
        raise SdgkgError(f"{dist}: no {CATALOG} (run `sdgkg build --out {dist}` first)")
    return Graph().parse(path, format="turtle")


def _texts(graph: Graph, node: Node | None, prop: URIRef) -> dict[str, str]:
    """``prop``'s literals by language ("" for a plain one)."""
    if node is None:
        return {}
    return {o.language or "": str(o) for o in graph.objects(node, prop) if isinstance(o, Literal)}


def _text(graph: Graph, node: Node | None, prop: URIRef, lang: str = "en") -> str:
    """The ``lang`` literal of ``prop`` (else any), or "" when there is none."""
    texts = _texts(graph, node, prop)
    return texts.get(lang) or next(iter(sorted(texts.items())), ("", ""))[1]


def _value(graph: Graph, node: Node | None, prop: URIRef) -> str:
    value = graph.value(node, prop) if node is not None else None
    return "" if value is None else str(value)


def _sorted_terms(nodes: Iterable[Node]) -> list[Identifier]:
    """Terms in rdflib's order (a parsed graph's terms are all Identifiers, which compare)."""
    return sorted(node for node in nodes if isinstance(node, Identifier))


def _iris(graph: Graph, node: Node, prop: URIRef) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, URIRef))


def _dataset(graph: Graph) -> URIRef:
    datasets = _sorted_terms(graph.subjects(RDF.type, DCAT.Dataset))
    if len(datasets) != 1:
        raise SdgkgError(f"{CATALOG} describes {len(datasets)} data sets, not one")
    return URIRef(str(datasets[0]))


def check_name(name: str) -> str:
    if not NAME_RULE.match(name) or name in ("new", "edit", "search"):
        raise SdgkgError(f"--name {name!r} is not a CKAN name (2-100 of a-z, 0-9, - and _)")
    return name


def resource_id(name: str, distribution: str) -> str:
    """The same id for the same file of the same CKAN data set, run after run (a UUID, as CKAN
    makes them), so that an update changes resources rather than replacing them."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ckan-dataset:{name} {distribution}"))


def dataset_payload(
    dist: Path, owner_org: str | None = None, name: str | None = None, layout: str = "scheming"
) -> dict:
    """The ``package_create``/``package_update`` data dict of ``dist``, resources inline."""
    graph = load_catalog(dist)
    ds = _dataset(graph)
    name = check_name(name or _text(graph, ds, DCTERMS.identifier))
    payload = _core(graph, ds, name)
    payload |= _scheming(graph, ds) if layout == "scheming" else _extras(graph, ds)
    payload["resources"] = resources(dist, graph, ds, name, layout)
    if owner_org:
        payload["owner_org"] = owner_org
    return payload


def _core(graph: Graph, ds: URIRef, name: str) -> dict:
    """The fields every CKAN has: name, English title and notes, landing page, version,
    licence and keywords (English first, then the Vietnamese ones)."""
    words: list[str] = []
    for lang in LANGUAGES:
        for word in sorted(
            str(o) for o in graph.objects(ds, DCAT.keyword) if getattr(o, "language", "") == lang
        ):
            if word not in words and TAG_RULE.match(word):
                words.append(word)
    licence = _value(graph, ds, DCTERMS.license)
    return {
        "name": name,
        "title": _text(graph, ds, DCTERMS.title),
        "notes": _text(graph, ds, DCTERMS.description),
        "url": _value(graph, ds, DCAT.landingPage),
        "version": _value(graph, ds, DCAT_VERSION) or __version__,
        "license_id": LICENCE_IDS.get(licence, "other-open"),
        "tags": [{"name": word} for word in words],
    }


def _agent(graph: Graph, ds: URIRef) -> tuple[dict, dict]:
    """The publisher and the contact point, as ckanext-dcat's repeating subfields."""
    publisher = graph.value(ds, DCTERMS.publisher)
    contact = graph.value(ds, DCAT.contactPoint)
    email = _value(graph, contact, VCARD.hasEmail).removeprefix("mailto:")
    agent = {
        "uri": str(publisher or ""),
        "name": _value(graph, publisher, FOAF.name),
        "email": email,
        "url": _value(graph, publisher, FOAF.homepage),
        "type": _value(graph, publisher, DCTERMS.type),
    }
    point = {
        "uri": str(contact or ""),
        "name": _value(graph, contact, VCARD.fn),
        "email": email,
        "url": _value(graph, contact, VCARD.hasURL),
    }
    return _filled(agent), _filled(point)


def _filled(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in ("", None, [], {})}


def _period(graph: Graph, ds: URIRef) -> dict:
    period = graph.value(ds, DCTERMS.temporal)
    return _filled(
        {"start": _value(graph, period, DCAT.startDate), "end": _value(graph, period, DCAT.endDate)}
    )


def _scheming(graph: Graph, ds: URIRef) -> dict:
    """ckanext-dcat's DCAT-AP 3 schema fields (dcat_ap_full.yaml) and the translated texts."""
    publisher, contact = _agent(graph, ds)
    provenance = graph.value(ds, DCTERMS.provenance)
    fields = {
        "title_translated": _in_languages(_texts(graph, ds, DCTERMS.title)),
        "notes_translated": _in_languages(_texts(graph, ds, DCTERMS.description)),
        "uri": str(ds),
        "identifier": _text(graph, ds, DCTERMS.identifier),
        "issued": _value(graph, ds, DCTERMS.issued),
        "modified": _value(graph, ds, DCTERMS.modified),
        "publisher": [publisher],
        "creator": [publisher],
        "contact": [contact],
        "temporal_coverage": [_period(graph, ds)] if graph.value(ds, DCTERMS.temporal) else [],
        "spatial_coverage": [
            _filled({"uri": place, "text": _value(graph, URIRef(place), SKOS.prefLabel)})
            for place in _iris(graph, ds, DCTERMS.spatial)
        ],
        "theme": _iris(graph, ds, DCAT.theme),
        "language": _iris(graph, ds, DCTERMS.language),
        "conforms_to": _iris(graph, ds, DCTERMS.conformsTo),
        "access_rights": _value(graph, ds, DCTERMS.accessRights),
        "provenance": _text(graph, provenance, RDFS.label),
        "documentation": _iris(graph, ds, FOAF.page),
    }
    return _filled(fields)


def _in_languages(texts: dict[str, str]) -> dict[str, str]:
    return {lang: texts[lang] for lang in LANGUAGES if lang in texts}


def _extras(graph: Graph, ds: URIRef) -> dict:
    """The fallback: core contact fields, and the DCAT facts as legacy ckanext-dcat extras."""
    publisher, contact = _agent(graph, ds)
    temporal = _period(graph, ds)
    extras = {
        "uri": str(ds),
        "identifier": _text(graph, ds, DCTERMS.identifier),
        "issued": _value(graph, ds, DCTERMS.issued),
        "modified": _value(graph, ds, DCTERMS.modified),
        "temporal_start": temporal.get("start", ""),
        "temporal_end": temporal.get("end", ""),
        "spatial_uri": next(iter(_iris(graph, ds, DCTERMS.spatial)), ""),
        "theme": json.dumps(_iris(graph, ds, DCAT.theme)),
        "language": json.dumps(_iris(graph, ds, DCTERMS.language)),
        "conforms_to": json.dumps(_iris(graph, ds, DCTERMS.conformsTo)),
        "access_rights": _value(graph, ds, DCTERMS.accessRights),
        "provenance": _text(graph, graph.value(ds, DCTERMS.provenance), RDFS.label),
        "publisher_name": publisher.get("name", ""),
        "publisher_uri": publisher.get("uri", ""),
        "contact_name": contact.get("name", ""),
        "contact_email": contact.get("email", ""),
        "title_vi": _text(graph, ds, DCTERMS.title, "vi"),
        "notes_vi": _text(graph, ds, DCTERMS.description, "vi"),
    }
    fields: dict = {
        "author": publisher.get("name", ""),
        "maintainer": publisher.get("name", ""),
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v not in ("", "[]")],
    }
    if contact.get("email"):
        fields["author_email"] = fields["maintainer_email"] = contact["email"]
    return fields


def resources(dist: Path, graph: Graph, ds: URIRef, name: str, layout: str) -> list[dict]:
    """One resource per distribution of the catalogue (the ZIP first, then by URL), plus the
    catalogue itself."""
    found = [_resource(graph, node, name, layout) for node in _distributions(graph, ds)]
    found.append(_catalog_resource(dist, graph, ds, name, layout))
    found.sort(key=lambda r: (not r["url"].endswith(".zip"), r["url"]))
    return found


def _distributions(graph: Graph, ds: URIRef) -> list[URIRef]:
    return [URIRef(str(n)) for n in _sorted_terms(graph.objects(ds, DCAT.distribution))]


def _resource(graph: Graph, node: URIRef, name: str, layout: str) -> dict:
    download = _value(graph, node, DCAT.downloadURL)
    access = _value(graph, node, DCAT.accessURL)
    media = _value(graph, node, DCAT.mediaType)
    checksum = graph.value(node, SPDX.checksum)
    resource: dict[str, object] = {
        "id": resource_id(name, str(node)),
        "name": _text(graph, node, DCTERMS.title),
        "description": _text(graph, node, DCTERMS.description),
        "url": download or access,
        "format": format_name(download, media),
        # the lexical form: CKAN's own validator judges it (a size CKAN refuses is CKAN's word)
        "size": _value(graph, node, DCAT.byteSize) or None,
        "hash": _value(graph, checksum, SPDX.checksumValue) or None,
        "hash_algorithm": _value(graph, checksum, SPDX.algorithm) or None,
        "uri": str(node),
    }
    if layout == "scheming":
        resource |= {
            "mimetype": media or None,
            "download_url": download or None,
            "access_url": access or None,
            "license": _value(graph, node, DCTERMS.license) or None,
            "conforms_to": _iris(graph, node, DCTERMS.conformsTo) or None,
            "availability": _value(graph, node, DCATAP.availability) or None,
            "status": _value(graph, node, ADMS.status) or None,
            "issued": _value(graph, node, DCTERMS.issued) or None,
            "modified": _value(graph, node, DCTERMS.modified) or None,
        }
        service = graph.value(node, DCAT.accessService)
        if service is not None:
            resource["access_services"] = [_service(graph, URIRef(str(service)))]
    else:
        resource["mimetype"] = media.rsplit("media-types/", 1)[-1] if media else None
    return {k: v for k, v in resource.items() if v is not None}


def _service(graph: Graph, service: URIRef) -> dict:
    return _filled(
        {
            "uri": str(service),
            "title": _text(graph, service, DCTERMS.title),
            "endpoint_url": _iris(graph, service, DCAT.endpointURL),
            "endpoint_description": _value(graph, service, DCAT.endpointDescription),
            "serves_dataset": _iris(graph, service, DCAT.servesDataset),
            "conforms_to": _iris(graph, service, DCTERMS.conformsTo),
        }
    )


def _catalog_resource(dist: Path, graph: Graph, ds: URIRef, name: str, layout: str) -> dict:
    """catalog.ttl cannot describe itself: its resource is made from the file."""
    path = dist / CATALOG
    info = FileInfo(CATALOG, path.stat().st_size, sha256_of(path))
    landing = _value(graph, ds, DCAT.landingPage)
    distribution = f"{ds}/distribution/{CATALOG}"
    url = landing.removesuffix("index.html") + CATALOG
    resource = {
        "id": resource_id(name, distribution),
        "name": "DCAT-AP catalogue",
        "description": "The DCAT-AP 3 description of the data set and of every file.",
        "url": url,
        "format": "Turtle",
        "mimetype": "text/turtle",
        "size": str(info.size),
        "hash": info.sha256,
        "hash_algorithm": str(SPDX.checksumAlgorithm_sha256),
        "uri": distribution,
    }
    if layout == "scheming":
        resource |= {"mimetype": IANA + "text/turtle", "download_url": url, "license": LICENCE}
    return resource


def format_name(url: str, media: str) -> str:
    """The format as CKAN users know it ("CSV", "Turtle"); "SPARQL" for an endpoint."""
    if url.endswith(".csv-metadata.json"):
        return "CSVW"
    suffix = Path(url).suffix.lower()
    if suffix in FORMAT_NAMES:
        return FORMAT_NAMES[suffix]
    return "SPARQL" if not url else media.rsplit("/", 1)[-1].upper()
