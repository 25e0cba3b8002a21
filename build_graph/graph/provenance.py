"""The extraction as PROV-O: the run of sdgkg that read a source, with what it used.

Each plan's graph says which software (and version) read which file (with its SHA-256), with
which parameters (format read, table layout, IRI base), and when: the start time is
``SOURCE_DATE_EPOCH`` (the time a reproducible build declares, as every date of the bundle),
and it is left out when that is not set, so that two builds of the same input keep giving the
same bytes. A clock reading would make every build differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from build_graph import __version__
from build_graph.errors import SdgkgError
from build_graph.graph.labels import name_node
from build_graph.graph.nt_terms import NtIris, NtNamespace, lit, typed

Add = Callable[[str, str, str], None]


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` declares, or None when it is not set."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SdgkgError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds")
    return dt.datetime.fromtimestamp(int(raw), dt.UTC)


def sha256_of(path: str) -> str | None:
    """The file's SHA-256 (hex), or None when the plan was not read from a file here."""
    file = Path(path)
    if not file.is_file():
        return None
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ExtractionRecord:
    """Writes the extraction activity and its software agent for one plan."""

    def __init__(self, add: Add, nt: NtIris, names: dict[str, NtNamespace]) -> None:
        self.add, self.nt = add, nt
        self.rdf, self.rdfs, self.skos = names["rdf"], names["rdfs"], names["skos"]
        self.prov, self.owl, self.sdgkg = names["prov"], names["owl"], names["sdgkg"]

    def labels(self, node: str, text_vi: str, text_en: str | None) -> None:
        name_node(self.add, node, text_vi, text_en)

    def write(
        self,
        plan_node: str,
        decision: str,
        source_path: str,
        read_as: str,
        layout: str,
        started: dt.datetime | None,
    ) -> None:
        add, nt, prov, sdgkg = self.add, self.nt, self.prov, self.sdgkg
        activity, software, source = nt.extraction, nt.software(__version__), nt.source
        add(activity, self.rdf.type, prov.Activity)
        add(activity, self.rdf.type, sdgkg.Extraction)
        self.labels(
            activity,
            f"Trích xuất Quyết định {decision} bằng sdgkg {__version__}",
            f"Extraction of Decision {decision} by sdgkg {__version__}",
        )
        add(activity, prov.used, source)
        add(activity, prov.wasAssociatedWith, software)
        add(plan_node, prov.wasGeneratedBy, activity)
        add(activity, sdgkg.readAs, lit(read_as))
        add(activity, sdgkg.tableLayout, lit(layout))
        add(activity, sdgkg.iriBase, lit(self.nt.base))
        if started is not None:
            stamp = started.strftime("%Y-%m-%dT%H:%M:%SZ")
            add(activity, prov.startedAtTime, typed(stamp, "dateTime"))
        add(software, self.rdf.type, prov.SoftwareAgent)
        self.labels(software, f"sdgkg {__version__}", f"sdgkg {__version__}")
        add(software, self.owl.versionInfo, lit(__version__))
        checksum = sha256_of(source_path)
        if checksum is not None:
            add(source, sdgkg.sha256, lit(checksum))
