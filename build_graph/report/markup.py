"""A tiny document model: one list of blocks, rendered as Markdown and as self-contained HTML,
so that ``report.md`` and ``report.html`` always say the same thing.

The HTML adds what a page can do and a Markdown file cannot: a table of contents, each unit
linked into the explorer, Vietnamese passages marked ``lang="vi"`` in an English report (and
English ones ``lang="en"`` in a Vietnamese report), numbered figures that open at full size,
and links to every file. The marks travel in the text as private-use characters (see
:func:`unit_link` and :func:`in_lang`), which the Markdown rendering drops."""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from build_graph.marks import drop_marks
from build_graph.report.figure_style import DPI

_UNIT, _SEP, _END, _LANG, _LANG_END = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_UNIT_MARK = re.compile(f"{_UNIT}([^{_SEP}]*){_SEP}([^{_END}]*){_END}")
_LANG_MARK = re.compile(f"{_LANG}([a-z]+){_SEP}([^{_LANG_END}]*){_LANG_END}")
CSS_PIXELS_PER_INCH = 96


def unit_link(key: str, text: str) -> str:
    """``text`` (a unit's name) linked, in the HTML, to the unit in the explorer."""
    return f"{_UNIT}{key}{_SEP}{text}{_END}" if key else text


def in_lang(lang: str, text: str) -> str:
    """``text`` marked, in the HTML, as written in ``lang`` (a task's Vietnamese text)."""
    return f"{_LANG}{lang}{_SEP}{text}{_LANG_END}" if text else text


def plain_text(text: str) -> str:
    """The text without its marks, as Markdown shows it."""
    return _LANG_MARK.sub(r"\2", _UNIT_MARK.sub(r"\2", text))


def anchor_of(text: str) -> str:
    """An ``id`` for a heading: its words without diacritics, joined by hyphens."""
    folded = unicodedata.normalize("NFD", plain_text(text).replace("đ", "d").replace("Đ", "D"))
    folded = drop_marks(folded)
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "section"


FIGURE_WORD = {"en": "Figure", "vi": "Hình"}
CONTENTS = {"en": "Contents", "vi": "Mục lục"}


@dataclass
class Doc:
    """Blocks rendered to Markdown and to HTML. Inline text may use `code`, **bold**,
    *italics*, and the marks of :func:`unit_link` and :func:`in_lang`."""

    blocks: list[tuple[Any, ...]] = field(default_factory=list)
    lang: str = "en"

    def h(self, level: int, text: str) -> None:
        self.blocks.append(("h", level, text))

    def p(self, text: str) -> None:
        self.blocks.append(("p", text))

    def ul(self, items: list[str]) -> None:
        self.blocks.append(("ul", items))

    def table(self, headers: list[str], rows: list[list[Any]]) -> None:
        self.blocks.append(("table", headers, rows))

    def img(self, path: str, caption: str) -> None:
        self.blocks.append(("img", path, caption))

    def details(self, summary: str, inner: Doc) -> None:
        self.blocks.append(("details", summary, inner))

    def files(self, names: list[str]) -> None:
        """A list of files, linked in the HTML."""
        self.blocks.append(("files", names))

    def figure_numbers(self) -> dict[str, int]:
        """Each figure's number, in the order the document shows them."""
        paths = [block[1] for block in self.blocks if block[0] == "img"]
        return {path: number for number, path in enumerate(paths, start=1)}

    def markdown(self) -> str:
        out: list[str] = []
        numbers = self.figure_numbers()
        word = FIGURE_WORD.get(self.lang, "Figure")
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                out += ["#" * block[1] + " " + plain_text(block[2]), ""]
            elif kind == "p":
                out += [plain_text(block[1]), ""]
            elif kind == "ul":
                out += [f"- {plain_text(item)}" for item in block[1]] + [""]
            elif kind == "table":
                out += [_md_row(block[1]), "|" + "---|" * len(block[1])]
                out += [_md_row(row) for row in block[2]] + [""]
            elif kind == "img":
                caption = plain_text(block[2])
                number = numbers[block[1]]
                out += [f"![{caption}]({block[1]})", "", f"*{word} {number}. {caption}*", ""]
            elif kind == "details":
                out += [f"**{plain_text(block[1])}**", "", block[2].markdown()]
            elif kind == "files":
                out += [f"- `{name}`" for name in block[1]] + [""]
        return "\n".join(out)

    def headings(self) -> list[tuple[int, str, str]]:
        """``(level, text, id)`` of the headings, ids made unique in order."""
        seen: dict[str, int] = {}
        found = []
        for block in self.blocks:
            if block[0] != "h":
                continue
            anchor = anchor_of(block[2])
            seen[anchor] = seen.get(anchor, 0) + 1
            if seen[anchor] > 1:
                anchor = f"{anchor}-{seen[anchor]}"
            found.append((block[1], block[2], anchor))
        return found

    def html(self, base: Path, explorer: str = "") -> str:
        out: list[str] = []
        anchors = iter(self.headings())
        numbers = self.figure_numbers()
        word = FIGURE_WORD.get(self.lang, "Figure")
        inline = _Inline(explorer)
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                level, text, anchor = next(anchors)
                out.append(f'<h{level} id="{anchor}">{inline(text)}</h{level}>')
            elif kind == "p":
                out.append(f"<p>{inline(block[1])}</p>")
            elif kind == "ul":
                out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in block[1]) + "</ul>")
            elif kind == "table":
                head = "".join(f"<th>{inline(h)}</th>" for h in block[1])
                body = "".join(
                    "<tr>" + "".join(f"<td>{inline(str(c))}</td>" for c in row) + "</tr>"
                    for row in block[2]
                )
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif kind == "img":
                out.append(_figure(base, block[1], block[2], numbers[block[1]], word, inline))
            elif kind == "details":
                out.append(
                    f"<details><summary>{inline(block[1])}</summary>"
                    f"{block[2].html(base, explorer)}</details>"
                )
            elif kind == "files":
                out.append(
                    '<ul class="files">'
                    + "".join(
                        f'<li><a href="{quote(name)}"><code>{html.escape(name)}</code></a></li>'
                        for name in block[1]
                    )
                    + "</ul>"
                )
        return "\n".join(out)


def _figure(base: Path, path: str, caption: str, number: int, word: str, inline: Any) -> str:
    """A numbered figure shown at the width it was drawn for (its inches at 96 CSS pixels to
    the inch, so that its 9-point texts read at 9 points), opening at full size when clicked;
    its SVG linked beside."""
    data = (base / path).read_bytes()
    svg = path.removesuffix(".png") + ".svg"
    width = _css_width(base / svg, data)
    encoded = base64.b64encode(data).decode("ascii")
    alt = html.escape(plain_text(caption))
    links = f' <a href="{quote(path)}">PNG</a>'
    if (base / svg).is_file():
        links += f' · <a href="{quote(svg)}">SVG</a>'
    return (
        f'<figure id="figure-{number}"><a href="{quote(path)}" class="full">'
        f'<img alt="{alt}" src="data:image/png;base64,{encoded}" width="{width}"></a>'
        f"<figcaption><strong>{word} {number}.</strong> {inline(caption)}{links}</figcaption>"
        "</figure>"
    )


def _css_width(svg: Path, png: bytes) -> int:
    """The figure's width in CSS pixels at its drawn size: the SVG's width in points (72 to the
    inch), else the PNG's pixels at the report's resolution."""
    if svg.is_file():
        with svg.open(encoding="utf-8") as handle:
            head = handle.read(2000)
        found = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', head)
        if found:
            return round(float(found.group(1)) * CSS_PIXELS_PER_INCH / 72)
    return int.from_bytes(png[16:20], "big") * CSS_PIXELS_PER_INCH // DPI


def _md_row(cells: list[Any]) -> str:
    return (
        "| "
        + " | ".join(plain_text(str(c)).replace("|", "\\|").replace("\n", " ") for c in cells)
        + " |"
    )


class _Inline:
    """Inline markup to HTML: code, bold, italics, unit links, language marks."""

    def __init__(self, explorer: str) -> None:
        self.explorer = explorer

    def __call__(self, text: str) -> str:
        escaped = html.escape(text, quote=False)
        escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
        escaped = re.sub(r"(?<![*\w])\*([^*\s][^*]*?)\*(?![*\w])", r"<em>\1</em>", escaped)
        escaped = _LANG_MARK.sub(r'<span lang="\1">\2</span>', escaped)
        if self.explorer:
            return _UNIT_MARK.sub(self._link, escaped)
        return _UNIT_MARK.sub(r"\2", escaped)

    def _link(self, match: re.Match[str]) -> str:
        key = html.unescape(match.group(1))
        href = f"{self.explorer}#unit={quote(key, safe='')}"
        return f'<a class="unit" href="{html.escape(href)}">{match.group(2)}</a>'


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:
1200px;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
table{border-collapse:collapse;margin:0.6rem 0 1.2rem;font-size:0.88rem}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f1f3f5}tr:nth-child(even) td{background:#fafafa}
code{background:#f1f3f5;padding:0 3px;border-radius:3px}
figure{margin:1rem 0 2rem}figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:0.95rem;color:#333}details{margin:0.5rem 0 1rem}
summary{cursor:pointer;font-weight:600}h2{border-bottom:2px solid #dee2e6;padding-bottom:3px}
a.unit{color:inherit;text-decoration:underline dotted}a.unit:hover{color:#0072B2}
nav.top{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;padding:0.4rem 0.8rem;
background:#f1f3f5;border-radius:4px}nav.top .explorer{font-weight:600}
nav.toc{border-left:3px solid #0072B2;padding:0.2rem 1rem;margin:1rem 0}
nav.toc ol{margin:0.2rem 0;padding-left:1.2rem}nav.toc ol ol{font-size:0.92rem}
ul.files{columns:2;font-size:0.9rem}
"""

TOP_LINKS = {
    "en": {"explorer": "Open the interactive coordination explorer", "contents": "Contents"},
    "vi": {"explorer": "Mở trang khám phá mạng lưới phối hợp", "contents": "Mục lục"},
}
LANGUAGE_NAMES = {"en": "English", "vi": "Tiếng Việt"}


def _toc(doc: Doc, lang: str, inline: _Inline) -> str:
    """The table of contents: every section and subsection (level 2 and 3)."""
    items: list[str] = []
    open_sub = False
    for level, text, anchor in doc.headings():
        if level == 2:
            if open_sub:
                items.append("</ol></li>")
                open_sub = False
            elif items:
                items.append("</li>")
            items.append(f'<li><a href="#{anchor}">{inline(text)}</a>')
        elif level == 3 and items:
            if not open_sub:
                items.append("<ol>")
                open_sub = True
            items.append(f'<li><a href="#{anchor}">{inline(text)}</a></li>')
    if open_sub:
        items.append("</ol></li>")
    elif items:
        items.append("</li>")
    title = CONTENTS.get(lang, "Contents")
    return (
        f'<nav class="toc" aria-label="{title}"><strong>{title}</strong>'
        f"<ol>{''.join(items)}</ol></nav>"
    )


def page(
    doc: Doc,
    base: Path,
    lang: str,
    reports: dict[str, str] | None = None,
    explorer: str = "",
) -> str:
    """A whole HTML page: inline style, no script, no external resource; links to the
    explorer and to the report in its other languages, and a table of contents after the
    first section (the summary: the first screen states the findings, not the contents)."""
    inline = _Inline(explorer)
    words = TOP_LINKS.get(lang, TOP_LINKS["en"])
    links = []
    if explorer:
        links.append(f'<a class="explorer" href="{quote(explorer)}">{words["explorer"]}</a>')
    for other, name in (reports or {}).items():
        if other != lang:
            links.append(
                f'<a href="{quote(name)}" hreflang="{other}" lang="{other}">'
                f"{LANGUAGE_NAMES.get(other, other)}</a>"
            )
    top = f'<nav class="top">{"".join(links)}</nav>\n' if links else ""
    body = doc.html(base, explorer)
    toc = _toc(doc, lang, inline)
    first = body.find("<h2")
    second = body.find("<h2", first + 1) if first >= 0 else -1
    body = body[:second] + toc + "\n" + body[second:] if second >= 0 else body + "\n" + toc
    headings = doc.headings()
    title = plain_text(headings[0][1]) if headings else "sdgkg"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>\n{top}{body}\n"
        "</body></html>\n"
    )
