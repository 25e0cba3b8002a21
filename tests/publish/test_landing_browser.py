"""The landing pages as a portal user's browser shows them: headless Chromium (Debian's, as
``scripts/ensure-chromium.sh`` installs it) opens ``index.html`` and ``index.vi.html`` of a
bundle with a report, the page it renders is read back (``--dump-dom``), and a screenshot is
taken. The checksums and sizes on the page are checked against the files; the schema.org
``Dataset`` in the head is read as JSON-LD."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from build_graph.cli.main import main

ENDPOINT = "https://query.example.org/sdgkg/sparql"
SCHEMA = "https://schema.org/"
GROUP_ORDER = ["archive", "graph", "tables", "metadata", "report", "figures"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        why = "Chromium is not installed (run scripts/ensure-chromium.sh)"
        if os.environ.get("SDGKG_REQUIRE_CHROMIUM") == "1":
            pytest.fail(why)
        pytest.skip(why)
    return found


def headless(page: Path, *args: str) -> str:
    """Chromium, headless, on ``page``; what it prints (the DOM, with --dump-dom)."""
    with tempfile.TemporaryDirectory(prefix="sdgkg-chromium-") as profile:
        done = subprocess.run(
            [
                *(chromium(), "--headless=new", "--no-sandbox", "--disable-gpu"),
                *("--hide-scrollbars", "--no-first-run", f"--user-data-dir={profile}"),
                *args,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (4).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    raw = b"".join(b"\x00" + b"\x60" * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + (chunk(b"IEND", b""))
    )


@pytest.fixture(scope="module")
def bundle(hp_dist, tmp_path_factory) -> Path:
    """The session's build with a report (a figure, report.md) and a SPARQL endpoint."""
    out = tmp_path_factory.mktemp("browser") / "dist"
    shutil.copytree(hp_dist, out)
    figures = out / "report" / "figures"
    figures.mkdir(parents=True)
    (figures / "partner-load.png").write_bytes(_png())
    (figures / "partner-load.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4"/></svg>\n'
    )
    (out / "report" / "report.md").write_text(
        "# Report\n\n![Top partner load.](figures/partner-load.png)\n", encoding="utf-8"
    )
    assert main(["bundle", str(out), "--sparql-endpoint", ENDPOINT, "-q"]) == 0
    return out


class Rendered(HTMLParser):
    """What the rendered DOM holds: the download rows by group, the JSON-LD, the meta
    description, headings, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[str] = []
        self.rows: list[dict] = []
        self.jsonld: list[str] = []
        self.meta: dict[str, str] = {}
        self.text: list[str] = []
        self._cell: dict | None = None
        self._in: str | None = None
        self._row: dict = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h3" and (a.get("id") or "").startswith("download-"):
            self.groups.append(a["id"].removeprefix("download-"))
        if tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content") or ""
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in = "jsonld"
            self.jsonld.append("")
        if tag == "tr":
            self._row = {}
        if tag == "a" and self._row is not None and "href" not in self._row:
            self._row["href"] = a.get("href")
        if tag == "td" and "data-bytes" in a:
            self._row["bytes"] = int(a["data-bytes"])
        if tag == "code" and "sha256" in (a.get("class") or ""):
            self._in = "sha256"

    def handle_endtag(self, tag):
        if tag == "tr" and "sha256" in self._row:
            self.rows.append({**self._row, "group": self.groups[-1]})
        if tag in ("script", "code"):
            self._in = None

    def handle_data(self, data):
        if self._in == "jsonld":
            self.jsonld[-1] += data
        elif self._in == "sha256":
            self._row["sha256"] = data.strip()
        self.text.append(data)


@pytest.fixture(scope="module", params=["index.html", "index.vi.html"])
def rendered(request, bundle) -> tuple[str, Rendered]:
    dom = headless(bundle / request.param, "--dump-dom")
    parser = Rendered()
    parser.feed(dom)
    return request.param, parser


def test_every_file_is_listed_with_its_true_size_and_checksum(rendered, bundle):
    _, page = rendered
    files = {
        p.relative_to(bundle).as_posix(): p.read_bytes()
        for p in bundle.rglob("*")
        if p.is_file() and not p.relative_to(bundle).as_posix().startswith(".")
    }
    listed = {row["href"]: row for row in page.rows}
    # every file but the pages and the catalogue (written after them), the ZIP included
    assert set(listed) == set(files) - {"index.html", "index.vi.html", "catalog.ttl"}
    assert len(page.rows) == len(listed)
    for path, row in listed.items():
        assert row["sha256"] == hashlib.sha256(files[path]).hexdigest(), path
        assert row["bytes"] == len(files[path]), path
    assert listed["sdgkg-hai-phong-2894-2017.zip"]["group"] == "archive"


def test_downloads_are_grouped_graph_and_tables_first(rendered):
    _, page = rendered
    assert page.groups == GROUP_ORDER
    order = [row["href"] for row in page.rows]
    assert order[1:4] == ["graph.ttl", "graph.nt", "graph.jsonld"]
    tables = [row["href"] for row in page.rows if row["group"] == "tables"]
    assert tables.index("tables/tasks.csv") + 1 == tables.index("tables/tasks.csv-metadata.json")
    groups = {row["href"]: row["group"] for row in page.rows}
    assert groups["report/report.md"] == "report"
    assert groups["report/figures/partner-load.svg"] == "figures"
    assert groups["validation-report.ttl"] == groups["void.ttl"] == "metadata"


def test_the_page_speaks_its_language_and_links_the_other(rendered):
    name, page = rendered
    text = " ".join(page.text)
    if name == "index.html":
        assert "Download" in page.text and "Tiếng Việt" in text and "How to cite" in text
        assert "537 tasks" in text
    else:
        assert "Tải về" in page.text and "English" in text and "Cách trích dẫn" in text
        assert "537 nhiệm vụ" in text and "Bản dựng cục bộ, không phải bản phát hành" in text
    assert ENDPOINT in text
    assert page.meta["description"].startswith(
        "The action plan" if name == "index.html" else "Kế hoạch hành động"
    )


def test_the_schema_org_dataset_describes_every_download(rendered, bundle):
    _, page = rendered
    (text,) = page.jsonld
    document = json.loads(text)
    assert document["@context"] == SCHEMA and document["@type"] == "Dataset"
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {
        "@type": "Place",
        "name": "Hải Phòng",
        "sameAs": "https://sws.geonames.org/1581298/",
    } in (document["spatialCoverage"])
    assert document["temporalCoverage"] == "2017/2030"
    downloads = {d["name"]: d for d in document["distribution"]}
    assert set(downloads) == {row["href"] for row in page.rows}
    for row in page.rows:
        assert downloads[row["href"]]["sha256"] == row["sha256"]
        assert downloads[row["href"]]["contentSize"] == f"{row['bytes']} B"
    # as RDF (schema.org's context cannot be fetched here: its vocabulary, inline)
    graph = Graph().parse(
        data=json.dumps({**document, "@context": {"@vocab": SCHEMA}}), format="json-ld"
    )
    dataset = URIRef(document["@id"])
    assert (dataset, URIRef(SCHEMA + "license"), Literal(document["license"])) in graph
    assert len(list(graph.objects(dataset, URIRef(SCHEMA + "distribution")))) == len(downloads)


def test_a_screenshot_shows_the_page(bundle, tmp_path):
    from PIL import Image

    shot = tmp_path / "landing.png"
    headless(bundle / "index.html", f"--screenshot={shot}", "--window-size=1280,2400")
    with Image.open(shot) as image:
        assert image.size == (1280, 2400)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # text, links, the banner: not blank
    keep = os.environ.get("SDGKG_SCREENSHOTS")
    if keep:  # to look at it: SDGKG_SCREENSHOTS=DIR pytest tests/publish/test_landing_browser.py
        shutil.copy(shot, Path(keep) / "landing.png")
