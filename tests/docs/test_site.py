"""The documentation site builds in strict mode (a broken link, a missing page or anchor, a
docstring mkdocstrings cannot read fails it), and every link of the built site resolves: a
second check, on the HTML, of what strict mode checks on the Markdown."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.docs.conftest import ROOT, environment


class Page(HTMLParser):
    """The links and the element ids of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.links.append(value)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "docs"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=environment(ROOT),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return out


def test_every_page_of_the_navigation_is_built(site):
    for page in ROOT.joinpath("docs").rglob("*.md"):
        built = site / page.relative_to(ROOT / "docs").with_suffix(".html")
        assert built.is_file(), built


def test_every_internal_link_and_anchor_of_the_site_resolves(site):
    pages = {path: read(path) for path in site.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        if path.name == "404.html":  # served at any depth, so its links are absolute
            continue
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(site)}: {link}"
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read(target).ids
                assert parts.fragment in ids, f"{path.relative_to(site)}: {link}"
            checked += 1
    assert checked > 500


def test_the_api_reference_is_rendered_from_the_docstrings(site):
    text = re.sub(r"<[^>]+>", " ", (site / "reference" / "api.html").read_text("utf-8"))
    text = " ".join(text.split())
    from build_graph.pipeline import run_build

    first_sentence = " ".join((run_build.__doc__ or "").split()).split(". ")[0]
    assert first_sentence.replace("``", "") in text.replace(" ,", ",").replace(" .", ".")


def test_the_screenshot_and_figures_are_in_the_site(site):
    for asset in ("assets/explorer.png", "assets/rank-ranges.png", "reference/model.svg"):
        assert (site / asset).is_file(), asset
    assert (site / "assets" / "explorer.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_each_page_declares_the_language_it_is_written_in(site):
    """The Vietnamese pages (``*.vi.md``) are ``lang="vi"``, every other page ``lang="en"``."""
    vietnamese = 0
    for page in ROOT.joinpath("docs").rglob("*.md"):
        built = site / page.relative_to(ROOT / "docs").with_suffix(".html")
        opening = re.search(r"<html lang=\"([^\"]*)\"", built.read_text("utf-8"))
        assert opening, built
        expected = "vi" if page.name.endswith(".vi.md") else "en"
        assert opening.group(1) == expected, f"{built.relative_to(site)}: lang={opening.group(1)}"
        vietnamese += expected == "vi"
    assert vietnamese == 2  # the analyst's and the publisher's tutorials
