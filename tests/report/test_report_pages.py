"""The report's pages as a reader sees them, in headless Chromium: the Vietnamese report says
nothing in English but names, codes and quoted English texts; the two reports and the explorer
link to each other; Vietnamese task texts in the English report are marked ``lang="vi"``; no
local path shows; every figure's texts measure at least 9 points at the width the report shows
it; a table of contents, numbered figures that open at full size, units linked into the
explorer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.report.conftest import keep_screenshot

# Words of English that Vietnamese never writes (a Vietnamese syllable without its marks can be
# "to", "in", "an" or "con": those are left out).
ENGLISH = frozenset(
    " ".join(
        (
            "the of and is are with for by that this which from not be has have its their or",
            "at as each every than into between was were been these those only also when where",
            "who what how there they them it per all no named tasks task agency agencies units",
            "unit lead leads partner partners reading written inherited",
        )
    ).split()
)

# The visible text of a page, leaving out code, anything marked as another language, style.
VISIBLE_TEXT = """(lang) => {
  const skip = (node) => node.closest('code, style, script, [lang]:not([lang="' + lang + '"])');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!skip(node.parentElement) && node.textContent.trim()) found.push(node.textContent);
  }
  return found;
}"""


def english_words(texts: list[str]) -> list[tuple[str, str]]:
    """``(word, text)`` for every English word of :data:`ENGLISH` in the texts."""
    return [
        (word, text.strip()[:120])
        for text in texts
        for word in re.findall(r"[A-Za-z]+", text)
        if word.lower() in ENGLISH
    ]


@pytest.fixture(scope="module")
def reports(hp_report_bilingual) -> Path:
    return hp_report_bilingual


@pytest.fixture(scope="module")
def rendered(browser, reports, screenshots):
    """Each report rendered at a desktop width, with a screenshot of its first screen."""
    pages = {}
    for lang, name in (("en", "report.html"), ("vi", "report.vi.html")):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto((reports / name).as_uri())
        shot = screenshots / f"{name}.png"
        page.screenshot(path=str(shot))
        keep_screenshot(shot)
        pages[lang] = page
    yield pages
    for page in pages.values():
        page.close()


def test_the_vietnamese_report_has_no_english_sentence(rendered):
    texts = rendered["vi"].evaluate(VISIBLE_TEXT, "vi")
    assert len(" ".join(texts)) > 20_000  # the whole report, not an empty page
    assert english_words(texts) == []
    assert rendered["vi"].evaluate("document.documentElement.lang") == "vi"
    # the check finds English where there is some: the English report is full of it
    assert len(english_words(rendered["en"].evaluate(VISIBLE_TEXT, "en"))) > 500


def test_the_english_texts_left_in_the_vietnamese_report_are_quoted_and_marked(rendered):
    """UN target texts exist in English only: marked lang="en", announced as the original."""
    marked = rendered["vi"].locator("[lang='en']").all_inner_texts()
    assert marked and "English" in marked  # the link to the English report, in English
    page = rendered["vi"].content()
    assert "nguyên văn tiếng Anh của Liên Hợp Quốc" in page


def test_the_reports_and_the_explorer_link_to_each_other(reports, rendered):
    en, vi = rendered["en"], rendered["vi"]
    assert en.get_attribute("a[hreflang='vi']", "href") == "report.vi.html"
    assert vi.get_attribute("a[hreflang='en']", "href") == "report.html"
    for page in (en, vi):
        assert page.get_attribute("a.explorer", "href") == "explorer.html"
    explorer = (reports / "explorer.html").read_text(encoding="utf-8")
    assert '"reports":{"en":"report.html","vi":"report.vi.html"}' in explorer


def test_vietnamese_texts_in_the_english_report_are_marked(rendered, hp_dist):
    page = rendered["en"]
    marked = page.locator("[lang='vi']").all_inner_texts()
    assert len(marked) > 50
    texts = page.evaluate(VISIBLE_TEXT, "en")
    # the task texts of the near-duplicate table are all inside lang="vi"
    import csv

    with (hp_dist / "tables" / "tasks.csv").open(encoding="utf-8", newline="") as handle:
        tasks = [" ".join(row["text_vi"].split()) for row in csv.DictReader(handle)]
    for text in texts:
        for task in tasks:
            assert task[:60] not in text, text[:80]


def test_no_local_path_shows(reports, hp_dist):
    for name in ("report.html", "report.vi.html", "report.md", "report.vi.md", "explorer.html"):
        text = (reports / name).read_text(encoding="utf-8")
        assert str(hp_dist) not in text and "/tmp/" not in text and "file://" not in text, name
    assert "Graph: `graph.nt`." in (reports / "report.md").read_text(encoding="utf-8")


def test_contents_figures_and_unit_links(rendered, reports):
    page = rendered["en"]
    sections = page.locator("h2").all_inner_texts()
    toc = page.locator("nav.toc > ol > li > a").all_inner_texts()
    assert toc == sections and len(sections) > 10
    for anchor in page.locator("nav.toc a").evaluate_all("links => links.map(a => a.hash)"):
        assert page.locator(anchor).count() == 1  # every entry leads to its heading
    captions = page.locator("figcaption strong").all_inner_texts()
    assert captions == [f"Figure {n}." for n in range(1, len(captions) + 1)] and captions
    for link in page.locator("figure > a.full").evaluate_all("a => a.map(x => x.href)"):
        assert link.endswith(".png") and Path(link.removeprefix("file://")).is_file()
    unit = page.locator("a.unit[href='explorer.html#unit=hai-phong%2Fso-tnmt']")
    assert unit.count() > 3
    files = page.locator("ul.files a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
    written = {str(p.relative_to(reports)) for p in reports.rglob("*") if p.is_file()}
    assert set(files) == written


def _font_sizes(svg: str) -> tuple[float, list[float]]:
    """The SVG's width in points and the size of each of its texts, in its own units (points:
    matplotlib's SVG has 72 units to the inch)."""
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg).group(1))
    return width, [float(s) for s in re.findall(r"font-size: ?([\d.]+)px", svg)]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_figure_labels_are_at_least_9_points_as_shown(rendered, reports, lang):
    """Each figure's rendered width in the report (Chromium, a 1280-pixel window), and each of
    its texts' size at that width: CSS has 96 pixels and 72 points to the inch."""
    page = rendered[lang]
    figures = page.locator("figure img").evaluate_all(
        "images => images.map(i => [i.parentElement.getAttribute('href'), "
        "i.getBoundingClientRect().width])"
    )
    assert len(figures) == 11
    smallest = {}
    for href, shown in figures:
        svg = (reports / href.removesuffix(".png")).with_suffix(".svg")
        width, sizes = _font_sizes(svg.read_text(encoding="utf-8"))
        assert sizes, svg.name
        points = [size * (shown / (width / 72 * 96)) for size in sizes]
        smallest[svg.name] = min(points)
        assert shown >= 1150, (svg.name, shown)  # shown at its drawn width, not shrunk
    assert min(smallest.values()) >= 9.0 - 1e-6, smallest


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_first_screen_states_the_accountability_finding(browser, reports, size):
    """Regression: the table of contents (about 45 entries) came before *At a glance* and
    filled the first screen. On a laptop's screen, the accountability finding is now visible
    without scrolling, in both languages, and the contents follow the summary."""
    width, height = size
    for name, words in (
        ("report.html", "tasks name only vague or collective partners"),
        ("report.vi.html", "nhiệm vụ chỉ nêu đơn vị phối hợp chung chung"),
    ):
        page = browser.new_page(viewport={"width": width, "height": height})
        try:
            page.goto((reports / name).as_uri())
            finding = page.get_by_text(words).first
            box = finding.bounding_box()
            assert box is not None and box["y"] + box["height"] <= height, (name, box)
            assert page.evaluate(
                "document.querySelector('nav.toc').getBoundingClientRect().top"
                " > document.querySelectorAll('h2')[0].getBoundingClientRect().top"
            )
        finally:
            page.close()
