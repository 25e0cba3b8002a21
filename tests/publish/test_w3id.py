"""``w3id/.htaccess``, the redirects to propose to the w3id.org registry, applied to a built
bundle: every download URL of the catalogue leads to a file of the bundle, and every IRI
namespace the graph and the catalogue mint leads to a file that describes it.

Apache is not run: the rules are read here (``RewriteCond``/``RewriteRule`` with the flags the
file uses) and applied in order as mod_rewrite applies them in a per-directory context (the
path without the folder's prefix, the first matching rule with ``L`` ends it). The patterns
are plain regular expressions that Python and PCRE read alike.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCAT

ROOT = Path(__file__).resolve().parents[2]
HTACCESS = ROOT / "w3id" / ".htaccess"
BASE = "https://w3id.org/sdgkg/"
TARGET = "https://sdgkg.github.io/sdgkg/"
TURTLE, HTML = "text/turtle", "text/html,application/xhtml+xml"


@dataclass
class Rule:
    pattern: str
    target: str
    flags: str
    conditions: list[tuple[str, str, str]] = field(default_factory=list)


def rules() -> list[Rule]:
    found: list[Rule] = []
    pending: list[tuple[str, str, str]] = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        words = shlex.split(line, comments=True, posix=False)
        if not words:
            continue
        if words[0] == "RewriteCond":
            pending.append((words[1], words[2], words[3] if len(words) > 3 else ""))
        elif words[0] == "RewriteRule":
            found.append(Rule(words[1], words[2], words[3] if len(words) > 3 else "", pending))
            pending = []
    return found


def resolve(path: str, accept: str, language: str = "en") -> tuple[int, str] | None:
    """(status, location) for a request of ``BASE + path``, or None when no rule applies."""
    headers = {"%{HTTP_ACCEPT}": accept, "%{HTTP:Accept-Language}": language}
    for rule in rules():
        match = re.search(rule.pattern, path)
        if not match:
            continue
        if not all(
            re.search(pattern, headers[variable], re.I if "NC" in flags else 0)
            for variable, pattern, flags in rule.conditions
        ):
            continue
        status = int(re.search(r"R=(\d+)", rule.flags)[1])
        groups = [match[0], *match.groups()]
        location = re.sub(r"\$(\d)", lambda m, g=groups: g[int(m[1])] or "", rule.target)
        return status, location
    return None


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    return hp_dist


def test_every_download_url_leads_to_a_file_of_the_bundle(dist):
    catalog = Graph().parse(dist / "catalog.ttl", format="turtle")
    urls = {str(o) for o in catalog.objects(None, DCAT.downloadURL)}
    urls |= {BASE + "download/catalog.ttl"}
    assert len(urls) > 30
    for url in sorted(urls):
        assert url.startswith(BASE + "download/"), url
        status, location = resolve(url[len(BASE) :], TURTLE)
        assert status == 302 and location.startswith(TARGET), url
        assert (dist / location[len(TARGET) :]).is_file(), url


def _namespaces(dist: Path) -> dict[str, str]:
    """Each first path segment minted under BASE, with one IRI of it."""
    found: dict[str, str] = {}
    for name in ("graph.nt", "catalog.ttl", "void.ttl"):
        for iri in re.findall(r"<(https://w3id\.org/sdgkg/[^>]*)>", (dist / name).read_text()):
            segment = re.split(r"[/#]", iri[len(BASE) :])[0]
            found.setdefault(segment, iri)
    return found


def test_every_iri_leads_to_what_describes_it(dist):
    namespaces = _namespaces(dist)
    assert {"plan", "agency", "vsdg", "period", "source", "ontology", "dataset"} <= set(namespaces)
    described_by = {"ontology": "sdgkg.ttl", "catalog": "catalog.ttl", "dataset": "catalog.ttl"}
    described_by |= {"agent": "catalog.ttl", "download": None}
    for segment, iri in sorted(namespaces.items()):
        path = iri[len(BASE) :].split("#", 1)[0]
        if segment == "download":
            continue
        status, location = resolve(path, TURTLE)
        expected = described_by.get(segment, "graph.ttl")
        assert (status, location) == (303, TARGET + expected), iri
        assert (dist / expected).is_file()
        assert resolve(path, HTML) == (303, TARGET + "index.html"), iri
        assert resolve(path, HTML, "vi,en;q=0.8") == (303, TARGET + "index.vi.html"), iri
    graph_iri = resolve("graph", "application/ld+json")
    assert graph_iri == (303, TARGET + "graph.jsonld")
    assert resolve("ontology", "application/ld+json") == (303, TARGET + "context.jsonld")
    assert resolve("", HTML) == (303, TARGET + "index.html")


def test_the_readme_gives_the_steps_and_the_release_file_the_base():
    readme = (ROOT / "w3id" / "README.md").read_text(encoding="utf-8")
    assert "https://github.com/perma-id/w3id.org" in readme and "## Steps" in readme
    assert TARGET in readme and TARGET in HTACCESS.read_text(encoding="utf-8")
    release = (ROOT / "release.toml").read_text(encoding="utf-8")
    assert f'download_base = "{BASE}download/"' in release
