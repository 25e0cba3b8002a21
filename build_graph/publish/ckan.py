"""The CKAN side of the bundle: ``package_create`` and ``resource_create`` payloads built from
``catalog.ttl`` (the DCAT-AP description, so that CKAN and DCAT say the same thing), and the
calls that send them through ckanapi.

The payload keeps to CKAN's core schema (name, title, notes, licence, tags, version, author and
maintainer) and puts the DCAT facts in ``extras`` under the keys ckanext-dcat reads and writes
(``issued``, ``temporal_start``, ``spatial_uri``, ``theme``...), so that a portal running
ckanext-dcat harvests back the same catalogue. Resources link to the files' download URLs, or
upload the files themselves with ``upload=True``. The API token comes from an environment
variable and is passed to ckanapi only: it is never printed, logged or written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS
from rdflib.term import Identifier, Node

from build_graph import __version__
from build_graph.errors import SdgkgError
from build_graph.publish.dcat import DCAT_VERSION, SPDX, VCARD
from build_graph.publish.facts import CATALOG, LICENCE
from build_graph.publish.files import FileInfo, sha256_of

# CKAN's default licence list (ckan/model/license.py) id for CC BY 4.0's family.
LICENCE_IDS = {LICENCE: "cc-by"}
NAME_RULE = re.compile(r"^[a-z0-9_\-]{2,100}$")  # ckan/logic/validators.py name_validator
TAG_RULE = re.compile(r"^[\w \-.]{2,100}$")  # tag_name_validator + tag_length_validator
SHA256_ALGORITHM = str(SPDX.checksumAlgorithm_sha256)


def load_catalog(dist: Path) -> Graph:
    path = dist / CATALOG
    if not path.is_file():
        raise SdgkgError(f"{dist}: no {CATALOG} (run `sdgkg build --out {dist}` first)")
    return Graph().parse(path, format="turtle")


def _text(graph: Graph, node: Node | None, prop: URIRef, lang: str = "en") -> str:
    """The ``lang`` literal of ``prop`` (else any), or "" when there is none."""
    if node is None:
        return ""
    values = [o for o in graph.objects(node, prop) if isinstance(o, Literal)]
    for value in values:
        if value.language == lang:
            return str(value)
    return str(values[0]) if values else ""


def _sorted_terms(nodes: Iterable[Node]) -> list[Identifier]:
    """Terms in rdflib's order (a parsed graph's terms are all Identifiers, which compare)."""
    return sorted(node for node in nodes if isinstance(node, Identifier))


def _dataset(graph: Graph) -> URIRef:
    datasets = _sorted_terms(graph.subjects(RDF.type, DCAT.Dataset))
    if len(datasets) != 1:
        raise SdgkgError(f"{CATALOG} describes {len(datasets)} data sets, not one")
    return URIRef(str(datasets[0]))


def _iris(graph: Graph, node: URIRef, prop: URIRef) -> list[str]:
    return sorted(str(o) for o in graph.objects(node, prop) if isinstance(o, URIRef))


def package_payload(dist: Path, owner_org: str | None = None, name: str | None = None) -> dict:
    """The ``package_create`` data dict for the data set described in ``dist/catalog.ttl``."""
    graph = load_catalog(dist)
    ds = _dataset(graph)
    name = name or _text(graph, ds, DCTERMS.identifier)
    if not NAME_RULE.match(name) or name in ("new", "edit", "search"):
        raise SdgkgError(f"--name {name!r} is not a CKAN name (2-100 of a-z, 0-9, - and _)")
    publisher = graph.value(ds, DCTERMS.publisher)
    contact = graph.value(ds, DCAT.contactPoint)
    publisher_name = str(graph.value(publisher, FOAF.name) or "")
    email = str(graph.value(contact, VCARD.hasEmail) or "").removeprefix("mailto:")
    licence = graph.value(ds, DCTERMS.license)
    words: list[str] = []
    for lang in ("en", "vi"):
        for word in sorted(
            str(o) for o in graph.objects(ds, DCAT.keyword) if getattr(o, "language", "") == lang
        ):
            if word not in words and TAG_RULE.match(word):
                words.append(word)
    temporal = graph.value(ds, DCTERMS.temporal)
    extras = {
        "uri": str(ds),
        "identifier": _text(graph, ds, DCTERMS.identifier),
        "issued": str(graph.value(ds, DCTERMS.issued) or ""),
        "modified": str(graph.value(ds, DCTERMS.modified) or ""),
        "temporal_start": str(graph.value(temporal, DCAT.startDate) or "") if temporal else "",
        "temporal_end": str(graph.value(temporal, DCAT.endDate) or "") if temporal else "",
        "spatial_uri": next(iter(_iris(graph, ds, DCTERMS.spatial)), ""),
        "theme": json.dumps(_iris(graph, ds, DCAT.theme)),
        "language": json.dumps(_iris(graph, ds, DCTERMS.language)),
        "conforms_to": json.dumps(_iris(graph, ds, DCTERMS.conformsTo)),
        "access_rights": str(graph.value(ds, DCTERMS.accessRights) or ""),
        "provenance": _text(graph, graph.value(ds, DCTERMS.provenance), RDFS.label),
        "publisher_name": publisher_name,
        "publisher_uri": str(publisher or ""),
        "contact_name": str(graph.value(contact, VCARD.fn) or ""),
        "contact_email": email,
        "title_vi": _text(graph, ds, DCTERMS.title, "vi"),
        "notes_vi": _text(graph, ds, DCTERMS.description, "vi"),
    }
    payload: dict = {
        "name": name,
        "title": _text(graph, ds, DCTERMS.title),
        "notes": _text(graph, ds, DCTERMS.description)
        + "\n\n"
        + _text(graph, ds, DCTERMS.description, "vi"),
        "url": str(graph.value(ds, DCAT.landingPage) or ""),
        "version": str(graph.value(ds, DCAT_VERSION) or __version__),
        "license_id": LICENCE_IDS.get(str(licence), "other-open"),
        "author": publisher_name,
        "maintainer": publisher_name,
        "tags": [{"name": word} for word in words],
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v not in ("", "[]")],
    }
    if email:
        payload["author_email"] = payload["maintainer_email"] = email
    if owner_org:
        payload["owner_org"] = owner_org
    return payload


def resource_payloads(dist: Path) -> list[dict]:
    """One ``resource_create`` data dict per distribution of the catalogue (the ZIP first), plus
    the catalogue itself; ``package_id`` is added when the package exists."""
    graph = load_catalog(dist)
    ds = _dataset(graph)
    resources = []
    for node in _sorted_terms(graph.objects(ds, DCAT.distribution)):
        download = graph.value(node, DCAT.downloadURL)
        checksum = graph.value(node, SPDX.checksum)
        media = str(graph.value(node, DCAT.mediaType) or "")
        resource: dict = {
            "name": _text(graph, node, DCTERMS.title),
            "description": _text(graph, node, DCTERMS.description),
            "url": str(download or graph.value(node, DCAT.accessURL)),
            "format": _format(str(download or ""), media),
            "mimetype": media.rsplit("media-types/", 1)[-1] if media else None,
            "uri": str(node),
        }
        size = graph.value(node, DCAT.byteSize)
        if size is not None:
            resource["size"] = int(str(size))
        if checksum is not None:
            resource["hash"] = str(graph.value(checksum, SPDX.checksumValue))
            resource["hash_algorithm"] = str(graph.value(checksum, SPDX.algorithm))
        if download is None:
            resource["access_url"] = resource["url"]
        resources.append({k: v for k, v in resource.items() if v is not None})
    path = dist / CATALOG
    catalog = FileInfo(CATALOG, path.stat().st_size, sha256_of(path))
    resources.append(_catalog_resource(graph, catalog))
    resources.sort(key=lambda r: (not r["url"].endswith(".zip"), r["url"]))
    return resources


def _catalog_resource(graph: Graph, info: FileInfo) -> dict:
    """catalog.ttl cannot describe itself: its resource is made from the file."""
    landing = next(iter(graph.objects(None, DCAT.landingPage)), None)
    base = str(landing).removesuffix("index.html") if landing else ""
    return {
        "name": "DCAT-AP catalogue",
        "description": "The DCAT-AP 3 description of the data set and of every file.",
        "url": base + CATALOG,
        "format": "Turtle",
        "mimetype": "text/turtle",
        "size": info.size,
        "hash": info.sha256,
        "hash_algorithm": SHA256_ALGORITHM,
    }


_FORMATS = {
    ".zip": "ZIP",
    ".ttl": "Turtle",
    ".nt": "N-Triples",
    ".jsonld": "JSON-LD",
    ".csv": "CSV",
    ".json": "JSON",
    ".md": "Markdown",
    ".html": "HTML",
    ".png": "PNG",
    ".svg": "SVG",
}


def _format(url: str, media: str) -> str:
    if url.endswith(".csv-metadata.json"):
        return "CSVW"
    suffix = Path(url).suffix.lower()
    if suffix in _FORMATS:
        return _FORMATS[suffix]
    return "SPARQL" if not url else media.rsplit("/", 1)[-1].upper()


def local_file(dist: Path, resource: dict, download_base: str) -> Path | None:
    """The file of ``dist`` a resource stands for (to upload it), if any."""
    url = resource.get("url", "")
    if not url.startswith(download_base):
        return None
    path = dist / url[len(download_base) :]
    return path if path.is_file() else None


def publish_ckan(
    url: str,
    api_key: str,
    package: dict,
    resources: list[dict],
    dist: Path,
    upload: bool = False,
) -> dict:
    """Create the package and its resources on a CKAN site; return the created package."""
    from ckanapi import RemoteCKAN
    from ckanapi.errors import CKANAPIError, NotAuthorized, NotFound, ValidationError
    from requests import RequestException

    base = _download_base(package)
    try:
        with RemoteCKAN(url, apikey=api_key, user_agent=f"sdgkg/{__version__}") as ckan:
            created = ckan.action.package_create(**package)
            done = []
            for resource in resources:
                data = {**resource, "package_id": created["id"]}
                path = local_file(dist, resource, base) if upload else None
                if path is not None:
                    data["url"] = ""
                    with path.open("rb") as handle:
                        done.append(ckan.action.resource_create(upload=handle, **data))
                else:
                    done.append(ckan.action.resource_create(**data))
            return {**created, "resources": done}
    except ValidationError as exc:
        raise SdgkgError(f"{url}: CKAN refused the data: {_errors(exc.error_dict)}") from None
    except NotAuthorized:
        raise SdgkgError(
            f"{url}: CKAN refused the API token (not allowed to create this data set)"
        ) from None
    except NotFound as exc:
        raise SdgkgError(f"{url}: not found: {exc}") from None
    except CKANAPIError as exc:
        raise SdgkgError(f"{url}: not a CKAN action API answer ({_short(str(exc))})") from None
    except RequestException as exc:
        raise SdgkgError(f"{url}: cannot reach the site ({type(exc).__name__})") from None


def _download_base(package: dict) -> str:
    return str(package.get("url", "")).removesuffix("index.html")


def _errors(error: dict) -> str:
    parts = [
        f"{key}: {'; '.join(map(str, value)) if isinstance(value, list) else value}"
        for key, value in sorted(error.items())
        if not key.startswith("__")
    ]
    return _short(", ".join(parts) or str(error))


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
