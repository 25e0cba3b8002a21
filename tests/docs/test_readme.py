"""README.md: short (under 120 lines), its Python example runs and prints what it shows, every
link and image resolves, and the change events' cut-off it states is the code's."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.docs.blocks import blocks
from tests.docs.conftest import ROOT, environment

README = ROOT / "README.md"
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def github_anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as -."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = "".join(c for c in text if c in " -" or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    headings = re.findall(r"^#{1,6} (.+)$", page.read_text("utf-8"), re.MULTILINE)
    return {github_anchor(heading) for heading in headings}


def test_the_readme_is_short():
    assert len(README.read_text("utf-8").splitlines()) < 120


def test_the_python_example_runs_and_prints_what_the_readme_shows(tmp_path):
    found = blocks(README)
    example = next(block for block in found if block.language == "python")
    shown = found[found.index(example) + 1]
    assert shown.language == "text"
    assert len(example.text.strip().splitlines()) == 5
    done = subprocess.run(
        [sys.executable, "-c", example.text],
        cwd=tmp_path,
        env=environment(ROOT),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == shown.text
    assert list(tmp_path.iterdir()) == []  # it writes nothing


def test_every_link_and_image_resolves():
    links = LINK.findall(README.read_text("utf-8"))
    local = [link for link in links if not re.match(r"^[a-z]+:", link)]
    assert len(local) > 25
    for link in local:
        path, _, anchor = link.partition("#")
        target = ROOT / path
        assert target.is_file(), link
        if anchor:
            assert anchor in anchors(target), link
    images = [link for link in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README.read_text())]
    assert images == ["docs/assets/explorer.png", "docs/assets/rank-ranges.png"]
    for image in images:
        assert (ROOT / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_it_links_every_tutorial_and_how_to():
    text = README.read_text("utf-8")
    for folder in ("tutorials", "how-to"):
        for page in (ROOT / "docs" / folder).glob("*.md"):
            if page.name != "index.md":
                assert f"(docs/{folder}/{page.name})" in text, page


def test_the_cut_off_of_the_change_events_is_the_codes():
    from build_graph.model.changes import CURATED_UNTIL

    text = README.read_text("utf-8")
    assert CURATED_UNTIL.isoformat() == "2025-07-01"
    assert "curated\nup to **1 July 2025**" in text
    assert "**1 July 2025**" in (ROOT / "data" / "changes" / "README.md").read_text("utf-8")


def test_what_the_readme_said_before_lives_in_the_docs():
    """The benchmark's history, the command details and the design notes moved into docs/."""
    docs = "\n".join(page.read_text("utf-8") for page in (ROOT / "docs").rglob("*.md"))
    for sentence in (
        "| 63 | 33,479 | 2,724,730 | 54.9, then 52.8, 53.8, 52.2 | 1,570–1,598 MB |",
        "A trap met on the way: pyoxigraph given a Python file object takes the GIL",
        # the old README's "The memory target (2 GiB) is met." is history now: it was met then,
        # and the page says that it is missed today
        "The memory target (2 GiB) was met then.",
        "`sdgkg serve` puts sdgkg's own front before a pool of Oxigraph server processes",
        "`publish-ckan` is a create-or-update",
        "Agency **types** are national; agency **instances** belong to one province.",
        "VSDG numbering is not the UN numbering (VSDG 3.8 is close to UN SDG 3.9)",
        "  runtime/    output folders written whole, gc held off, forked jobs, progress bars",
        "| `irregularities.csv` | irregularity | `kind`, `line`, `message`, `raw`, `reading` |",
        "Builds are byte-reproducible.",
    ):
        assert sentence in docs, sentence


def test_the_architecture_names_every_subpackage_once():
    """Issue 16: the README's tree has one line per subpackage of build_graph/."""
    text = README.read_text("utf-8")
    section = text[text.index("## Architecture") : text.index("## Documentation")]
    listed = re.findall(r"^  ([a-z_]+)/ ", section, re.M)
    package = README.parent / "build_graph"
    subpackages = sorted(p.parent.name for p in package.glob("*/__init__.py"))
    assert sorted(listed) == subpackages


def test_the_readme_shows_each_format_and_layout_with_a_command():
    """What a new user reading another province's plan needs first: each format with an
    example command, both layouts, and what happens on an unknown layout."""
    text = README.read_text("utf-8")
    commands = re.findall(r"`sdgkg extract plan\.(\w+) --out plan/`", text)
    assert commands == ["html", "docx", "tsv", "pdf", "doc"]
    for words in ("HTML", "DOCX or XLSX", "tab-separated", "PDF with a text layer", "LibreOffice"):
        assert words in text
    assert "appendix per lead agency" in text and "Cơ quan chủ trì" in text
    assert "An unknown layout" in text and "exit 2" in text
    # and how to check a province's names and add its own bodies
    assert "`sdgkg names plan.docx`" in text and "data/provinces/<province>.csv" in text
