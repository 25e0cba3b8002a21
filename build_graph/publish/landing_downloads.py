"""The landing pages' download list: every file with its format, size and SHA-256, grouped
(the whole bundle, the graph, the tables, the descriptions, the report, its figures) and in
that order, the graph files first within their group."""

from __future__ import annotations

import html
from collections.abc import Iterable

from build_graph.publish.files import FileInfo
from build_graph.publish.landing_text import GROUPS, TEXT

GRAPH_ORDER = ("graph.ttl", "graph.nt", "graph.jsonld", "sdgkg.ttl", "context.jsonld")
FIGURE_SUFFIXES = (".svg", ".png")
CSVW = "application/csvm+json"


def group_of(path: str) -> str:
    """Which group of the page a file belongs to."""
    if path.endswith(".zip") and "/" not in path:
        return "archive"
    if path in GRAPH_ORDER:
        return "graph"
    if path.startswith("tables/") or path == "datapackage.json":
        return "tables"
    if path.startswith("report/"):
        return "figures" if path.endswith(FIGURE_SUFFIXES) else "report"
    if path.endswith((".ttl", ".md", ".html", ".json")) and "/" not in path:
        return "metadata"
    return "other"


def _order(info: FileInfo) -> tuple:
    """Within a group: the graph files in their fixed order, each table before its CSVW
    metadata, else by path."""
    if info.path in GRAPH_ORDER:
        return (GRAPH_ORDER.index(info.path), "")
    stem = info.path.removesuffix("-metadata.json")
    return (len(GRAPH_ORDER), stem, info.path)


def grouped(files: Iterable[FileInfo]) -> list[tuple[str, list[FileInfo]]]:
    """The files by group, groups in the page's order, empty groups left out."""
    by_group: dict[str, list[FileInfo]] = {}
    for info in files:
        by_group.setdefault(group_of(info.path), []).append(info)
    return [(name, sorted(by_group[name], key=_order)) for name, _ in GROUPS if name in by_group]


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    value = float(size)
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            return f"{value:.1f} {unit}"
    return f"{size} bytes"


def download_tables(files: list[FileInfo], lang: str) -> list[str]:
    """One table per group: file (linked), format, size (exact bytes in the title), SHA-256."""
    text, labels = TEXT[lang], dict(GROUPS)
    parts: list[str] = []
    for name, infos in grouped(files):
        parts += [
            f'<h3 id="download-{name}">{html.escape(labels[name][lang])}</h3>',
            '<table class="downloads">',
            f"<tr><th>{text['file']}</th><th>{text['format']}</th><th>{text['bytes']}</th>"
            f"<th>{text['sha256']}</th></tr>",
        ]
        for info in infos:
            path = html.escape(info.path, quote=True)
            parts.append(
                f'<tr><td><a href="{path}">{path}</a></td>'
                f"<td>{'CSVW' if info.media_type == CSVW else html.escape(info.format_name)}</td>"
                f'<td data-bytes="{info.size}" title="{info.size:,} bytes">'
                f"{html.escape(human_size(info.size))}</td>"
                f'<td><code class="sha256">{info.sha256}</code></td></tr>'
            )
        parts.append("</table>")
    return parts
