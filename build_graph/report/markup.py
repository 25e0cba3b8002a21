"""A tiny document model: one list of blocks, rendered as Markdown and as self-contained HTML,
so that ``report.md`` and ``report.html`` always say the same thing."""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Doc:
    """Blocks rendered to Markdown and to HTML. Inline text may use `code`, **bold** and
    *italics*."""

    blocks: list[tuple[Any, ...]] = field(default_factory=list)

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

    def markdown(self) -> str:
        out: list[str] = []
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                out += ["#" * block[1] + " " + block[2], ""]
            elif kind == "p":
                out += [block[1], ""]
            elif kind == "ul":
                out += [f"- {item}" for item in block[1]] + [""]
            elif kind == "table":
                out += [_md_row(block[1]), "|" + "---|" * len(block[1])]
                out += [_md_row(row) for row in block[2]] + [""]
            elif kind == "img":
                out += [f"![{block[2]}]({block[1]})", "", f"*{block[2]}*", ""]
            elif kind == "details":
                out += [f"**{block[1]}**", "", block[2].markdown()]
        return "\n".join(out)

    def html(self, base: Path) -> str:
        out: list[str] = []
        for block in self.blocks:
            kind = block[0]
            if kind == "h":
                anchor = re.sub(r"[^a-z0-9]+", "-", block[2].lower()).strip("-")
                out.append(f'<h{block[1]} id="{anchor}">{_inline(block[2])}</h{block[1]}>')
            elif kind == "p":
                out.append(f"<p>{_inline(block[1])}</p>")
            elif kind == "ul":
                out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block[1]) + "</ul>")
            elif kind == "table":
                head = "".join(f"<th>{_inline(h)}</th>" for h in block[1])
                body = "".join(
                    "<tr>" + "".join(f"<td>{_inline(str(c))}</td>" for c in row) + "</tr>"
                    for row in block[2]
                )
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            elif kind == "img":
                data = base64.b64encode((base / block[1]).read_bytes()).decode("ascii")
                out.append(
                    f'<figure><img alt="{html.escape(block[2])}" '
                    f'src="data:image/png;base64,{data}"><figcaption>{_inline(block[2])}'
                    "</figcaption></figure>"
                )
            elif kind == "details":
                out.append(
                    f"<details><summary>{_inline(block[1])}</summary>"
                    f"{block[2].html(base)}</details>"
                )
        return "\n".join(out)


def _md_row(cells: list[Any]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"(?<![*\w])\*([^*\s][^*]*?)\*(?![*\w])", r"<em>\1</em>", escaped)


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:
1200px;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
table{border-collapse:collapse;margin:0.6rem 0 1.2rem;font-size:0.88rem}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f1f3f5}tr:nth-child(even) td{background:#fafafa}
code{background:#f1f3f5;padding:0 3px;border-radius:3px}
figure{margin:1rem 0 2rem}figure img{max-width:100%;border:1px solid #ddd}
figcaption{font-size:0.9rem;color:#444}details{margin:0.5rem 0 1rem}
summary{cursor:pointer;font-weight:600}h2{border-bottom:2px solid #dee2e6;padding-bottom:3px}
"""


def page(body: str, lang: str, title: str) -> str:
    """A whole HTML page: inline style, no script, no external resource."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>\n{body}\n"
        "</body></html>\n"
    )
