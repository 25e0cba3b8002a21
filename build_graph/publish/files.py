"""The files of a bundle: their sizes, checksums, media types and format names, as the
catalogue, the descriptor and the landing page list them."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from build_graph.publish.facts import DatasetFacts

# Written by the bundle, in this order; the landing pages (which list the ZIP's checksum) and
# the catalogue (which lists theirs) are not in the ZIP.
GENERATED = ("datapackage.json", "void.ttl", "index.html", "index.vi.html")
LANDING_PAGES = ("index.html", "index.vi.html")
# The software's documentation site (`make docs`), beside the data but not part of the data set:
# never listed, zipped or described.
SITE = "docs"


MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
    ".csv": "text/csv",
    ".json": "application/json",
    ".md": "text/markdown",
    ".html": "text/html",
    ".zip": "application/zip",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".graphml": "application/xml",
    ".gexf": "application/xml",
}


# EU file-type authority table codes (http://publications.europa.eu/resource/authority/file-type)
FILE_TYPES = {
    ".ttl": "RDF_TURTLE",
    ".nt": "RDF_N_TRIPLES",
    ".jsonld": "JSON_LD",
    ".csv": "CSV",
    ".json": "JSON",
    ".md": "TXT",
    ".html": "HTML",
    ".zip": "ZIP",
    ".png": "PNG",
    ".svg": "SVG",
    ".txt": "TXT",
    ".graphml": "XML",
    ".gexf": "XML",
}


FORMAT_NAMES = {
    ".ttl": "Turtle",
    ".nt": "N-Triples",
    ".jsonld": "JSON-LD",
    ".csv": "CSV",
    ".json": "JSON",
    ".md": "Markdown",
    ".html": "HTML",
    ".zip": "ZIP",
    ".png": "PNG",
    ".svg": "SVG",
    ".txt": "TXT",
    ".graphml": "GraphML",
    ".gexf": "GEXF",
}


@dataclass(frozen=True)
class FileInfo:
    path: str
    size: int
    sha256: str

    @property
    def suffix(self) -> str:
        return Path(self.path).suffix.lower()

    @property
    def media_type(self) -> str:
        if self.path.endswith(".csv-metadata.json"):
            return "application/csvm+json"
        return MEDIA_TYPES.get(self.suffix, "application/octet-stream")

    @property
    def file_type(self) -> str | None:
        return FILE_TYPES.get(self.suffix)

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.suffix, self.suffix.lstrip(".").upper() or "data")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def inventory(out: Path, exclude: Collection[str] = (), hashes: bool = True) -> list[FileInfo]:
    """Every file under ``out`` (POSIX paths, sorted), but ``exclude``, hidden files and the
    documentation site; ``hashes=False`` leaves ``sha256`` empty for a reader that needs only
    names and sizes."""
    files = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        if relative in exclude or relative.startswith((".", f"{SITE}/")):
            continue
        digest = sha256_of(path) if hashes else ""
        files.append(FileInfo(relative, path.stat().st_size, digest))
    return files


def zip_name(facts: DatasetFacts) -> str:
    return f"{facts.dataset_id}.zip"
