"""``index.html``, the landing page: what the data set is, how to cite it, every table's schema,
three SPARQL queries that run on the published graph, and the report's figures once
``sdgkg report`` has put them in ``report/`` and ``sdgkg bundle`` has described the folder
again (and none before)."""

from __future__ import annotations

import csv
import html
import re
import shutil
import struct
import zipfile
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import DCAT

from build_graph.cli.main import main

TABLES = [
    "agencies",
    "appendices",
    "headings",
    "irregularities",
    "targets",
    "task_partners",
    "tasks",
]
VOID_ELEMENTS = {"meta", "link", "img", "br", "hr", "input"}


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    """The session's build (SOURCE_DATE_EPOCH unset)."""
    return hp_dist


@pytest.fixture(scope="module")
def page(dist) -> str:
    return (dist / "index.html").read_text(encoding="utf-8")


def rows(dist: Path, name: str) -> list[dict]:
    with (dist / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


class Links(HTMLParser):
    """Collects href/src values and checks that every non-void element is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src") and v]
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def parse(page: str) -> Links:
    parser = Links()
    parser.feed(page)
    parser.close()
    return parser


def test_page_is_well_formed_and_every_local_link_resolves(page, dist):
    parser = parse(page)
    assert parser.errors == [] and parser.stack == []
    local = [link for link in parser.links if not re.match(r"^(https?:|mailto:)", link)]
    assert "catalog.ttl" in local and "sdgkg-hai-phong-2894-2017.zip" in local
    for link in local:
        assert (dist / link).is_file(), link


def test_page_says_what_the_data_set_is_and_how_to_cite_it(page, dist):
    assert '<html lang="en">' in page
    text = text_of(page)
    tasks = len(rows(dist, "tasks"))
    assert tasks == 537
    assert "Hải Phòng SDG action plan (Decision 2894/QĐ-UBND, 2017) as a knowledge graph" in text
    vi_page = (dist / "index.vi.html").read_text(encoding="utf-8")
    vi_text = text_of(vi_page)
    assert "dưới dạng đồ thị tri thức" in vi_text and '<html lang="vi">' in vi_page
    assert f"{tasks} tasks" in text and f"{tasks} nhiệm vụ" in vi_text
    assert 'href="index.vi.html"' in page and 'href="index.html"' in vi_page
    assert "Creative Commons Attribution 4.0 International" in text
    cite = text[text.index("How to cite") :]
    assert "sdgkg contributors (2017)." in cite and "(version 0.1.0) [Data set]" in cite
    assert "https://w3id.org/sdgkg/download/index.html" in cite
    assert "@misc{sdgkg_hai_phong_2894_2017," in cite
    assert "Decision 2894/QĐ-UBND of 30/10/2017" in cite
    # a local build (no release settings): the page says so, and where its date comes from,
    # above everything, never as a note in the facts block
    banner = html.unescape(re.search(r'<p class="local-build" role="note">(.*?)</p>', page)[1])
    assert banner.startswith("Local build, not a release: its date (2017-10-30) is the plan's")
    assert page.index("local-build") < page.index("<h1>")
    facts_block = page[page.index("<dl>") : page.index("</dl>")]
    assert "SOURCE_DATE_EPOCH" not in facts_block and "local" not in facts_block.lower()


def test_page_shows_every_table_and_every_column(page, dist):
    for name in TABLES:
        start = page.index(f'id="table-{name}"')
        end = page.find("<h3", start + 1)
        section = page[start:end]
        for column in rows(dist, name)[0]:
            assert f"<code>{column}</code>" in section, (name, column)
        assert f"{name}.csv-metadata.json" in section
    assert "<code>sdgkg:leadAgency</code>" in page  # the graph property of lead_agency_id


def queries(page: str) -> list[str]:
    section = page[page.index('id="queries"') :]
    return [html.unescape(q) for q in re.findall(r"<pre><code>(.*?)</code></pre>", section, re.S)]


def test_the_three_example_queries_run_on_the_published_graph(page, dist):
    found = queries(page)
    assert len(found) == 3
    store = ox.Store()
    store.bulk_load(path=str(dist / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    results = [list(store.query(query)) for query in found]
    assert all(results)
    # 1: tasks per lead agency, as tasks.csv counts them
    per_lead = Counter(row["lead_agency_id"] for row in rows(dist, "tasks"))
    counted = {r["agency"].value.rsplit("/", 1)[-1]: int(r["tasks"].value) for r in results[0]}
    assert counted == dict(per_lead)
    # 2: UN goals served: all 17, every task counted once (one target, one goal each)
    assert len(results[1]) == 17
    assert sum(int(r["tasks"].value) for r in results[1]) == len(rows(dist, "tasks"))
    # 3: partners from a merged cell: each is an inherited row of task_partners.csv
    inherited = {
        (r["task_id"], r["agency_id"])
        for r in rows(dist, "task_partners")
        if r["inherited"] == "true"
    }
    for r in results[2]:
        assert (r["taskId"].value, r["partner"].value.rsplit("/", 1)[-1]) in inherited


def test_no_figures_without_a_report(page, dist):
    assert not (dist / "report").exists()
    assert "<figure" not in page and 'id="figures"' not in page


def _png(width: int = 2, height: int = 2) -> bytes:
    """A real (tiny, grey) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4"/></svg>\n'


@pytest.fixture(scope="module")
def with_report(dist, tmp_path_factory) -> Path:
    """The built folder plus a report laid out as `sdgkg report --out DIR/report` writes it:
    each figure as PNG and SVG under figures/, listed with captions in report.md."""
    copy = tmp_path_factory.mktemp("with-report") / "dist"
    shutil.copytree(dist, copy)
    figures = copy / "report" / "figures"
    figures.mkdir(parents=True)
    for stem in ("partner-load", "coordination-network", "period-timeline"):
        (figures / f"{stem}.png").write_bytes(_png())
        (figures / f"{stem}.svg").write_text(SVG, encoding="utf-8")
    (copy / "report" / "report.md").write_text(
        "# Report\n\n![Coordination network: node area = tasks.](figures/coordination-network.png)"
        "\n\n![Top partner load.](figures/partner-load.png)\n",
        encoding="utf-8",
    )
    for page in ("report.html", "report.vi.html", "explorer.html"):
        (copy / "report" / page).write_text("<!DOCTYPE html><title>r</title>\n", "utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert main(["bundle", str(copy), "-q"]) == 0
    return copy


def test_figures_appear_once_the_report_is_there(with_report):
    page = (with_report / "index.html").read_text(encoding="utf-8")
    parser = parse(page)
    assert parser.errors == []
    section = page[page.index('id="figures"') :]
    images = re.findall(r'<img src="([^"]+)" alt="([^"]*)">', section)
    # in the report's order, then the figure report.md does not list; SVG shown, PNG linked
    assert images == [
        ("report/figures/coordination-network.svg", "Coordination network: node area = tasks."),
        ("report/figures/partner-load.svg", "Top partner load."),
        ("report/figures/period-timeline.svg", "Period timeline"),
    ]
    assert 'href="report/figures/partner-load.png"' in section
    assert 'href="report/report.html"' in section and 'href="report/report.md"' in section
    # both reports and the explorer, the page's own language first
    links = re.findall(r'href="report/([a-z.]+html)"', section)
    assert links == ["report.html", "report.vi.html", "explorer.html"]
    vi_page = (with_report / "index.vi.html").read_text(encoding="utf-8")
    vi_section = vi_page[vi_page.index('id="figures"') :]
    vi_links = re.findall(r'href="report/([a-z.]+html)"', vi_section)
    assert vi_links == ["report.vi.html", "report.html", "explorer.html"]
    for link in parser.links:
        if not re.match(r"^(https?:|mailto:)", link):
            assert (with_report / link).is_file(), link


def test_catalogue_and_zip_take_in_the_report(with_report, dist):
    catalog = Graph().parse(with_report / "catalog.ttl", format="turtle")
    urls = {str(o) for o in catalog.objects(None, DCAT.downloadURL)}
    base = "https://w3id.org/sdgkg/download/"
    report = {
        p.relative_to(with_report).as_posix()
        for p in (with_report / "report").rglob("*")
        if p.is_file()
    }
    assert (
        len(report) == 10
    )  # 3 figures × (PNG, SVG), report.md, report.html, report.vi.html, explorer.html
    assert {base + path for path in report} <= urls
    with zipfile.ZipFile(with_report / "sdgkg-hai-phong-2894-2017.zip") as archive:
        names = {n.split("/", 1)[1] for n in archive.namelist()}
    assert report <= names
    # the rest of the bundle is as the build wrote it
    for name in ("graph.nt", "tables/tasks.csv", "void.ttl", "datapackage.json"):
        assert (with_report / name).read_bytes() == (dist / name).read_bytes()


def test_the_pages_link_the_documentation_once_it_is_beside_the_data(page, dist, tmp_path):
    """`make docs` builds the site into dist/docs/: the pages then link it, in both languages,
    and the site stays out of the data set (not in the ZIP, the catalogue or the descriptor)."""
    assert "docs/index.html" not in page
    copy = tmp_path / "dist"
    shutil.copytree(dist, copy)
    site = copy / "docs"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<!DOCTYPE html><title>sdgkg</title>\n", "utf-8")
    (site / "assets" / "site.css").write_text("body { margin: 0 }\n", "utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert main(["bundle", str(copy), "-q"]) == 0
    english = (copy / "index.html").read_text(encoding="utf-8")
    vietnamese = (copy / "index.vi.html").read_text(encoding="utf-8")
    assert 'the <a href="docs/index.html">documentation of sdgkg</a>' in english
    assert '<a href="docs/index.html">tài liệu hướng dẫn của sdgkg</a>' in vietnamese
    for text in (english, vietnamese):
        parser = parse(text)
        assert parser.errors == []
        assert "docs/index.html" in parser.links
        assert (copy / "docs" / "index.html").is_file()
    with zipfile.ZipFile(copy / "sdgkg-hai-phong-2894-2017.zip") as archive:
        assert not [n for n in archive.namelist() if "/docs/" in n]
    catalog = (copy / "catalog.ttl").read_text(encoding="utf-8")
    descriptor = (copy / "datapackage.json").read_text(encoding="utf-8")
    assert "docs/" not in catalog and "docs/" not in descriptor
    # the data set is described as before
    assert (copy / "void.ttl").read_bytes() == (dist / "void.ttl").read_bytes()
