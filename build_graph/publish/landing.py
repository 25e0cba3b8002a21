"""``index.html``: the data set's landing page, for people (portals link to it as
``dcat:landingPage``). What the data set is, how to cite it, what is in each table, three
SPARQL queries that run on the graph as published, and the report's figures when
``report/`` holds any. One static page, no script, no external resource, so it works from the
unzipped bundle as well as from the web.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from build_graph import __version__
from build_graph.graph.serialize import context_prefixes
from build_graph.publish.csvw import METADATA_SUFFIX, specs_for_folder
from build_graph.publish.facts import (
    CATALOG,
    LICENCE,
    LICENCE_TITLE,
    BundleSettings,
    DatasetFacts,
    bibtex,
    citation,
    descriptions,
    titles,
)
from build_graph.publish.files import inventory, zip_name
from build_graph.tables.schema import TableSpec, Templates

FIGURE_SUFFIXES = (".svg", ".png")

# Three questions the graph answers, each a query that runs on graph.nt as published.
QUERIES: tuple[tuple[str, str, str], ...] = (
    (
        "Tasks per lead agency",
        "How many tasks each lead agency carries, with its English name.",
        """PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?agency ?name (COUNT(?task) AS ?tasks) WHERE {
  ?task a sdgkg:Task ; sdgkg:leadAgency ?agency .
  ?agency rdfs:label ?name . FILTER(lang(?name) = "en")
}
GROUP BY ?agency ?name
ORDER BY DESC(?tasks) ?name""",
    ),
    (
        "UN SDG goals served",
        "Which UN Sustainable Development Goals the tasks serve, through the Vietnamese "
        "targets (VSDG) and their goals' links to the UN goals.",
        """PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?unGoal ?label (COUNT(DISTINCT ?task) AS ?tasks) WHERE {
  ?task a sdgkg:Task ; sdgkg:contributesTo ?target .
  ?target skos:broader* ?goal .
  ?goal a sdgkg:Goal ; skos:closeMatch ?unGoal ; skos:prefLabel ?label .
  FILTER(lang(?label) = "en")
}
GROUP BY ?unGoal ?label
ORDER BY DESC(?tasks)""",
    ),
    (
        "Partners taken from a merged cell, with their source line",
        "Assignments whose partner cell was printed on an earlier row (a merged cell), with "
        "the words that named the partner and the source line they were read from.",
        """PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?taskId ?partner ?words ?line ?text WHERE {
  ?task dcterms:identifier ?taskId ; sdgkg:qualifiedAssignment ?a .
  ?a sdgkg:role sdgkg:PartnerRole ; sdgkg:inherited true ;
     sdgkg:agent ?partner ; sdgkg:rawName ?words ; sdgkg:inheritedFrom ?source .
  ?source sdgkg:lineNumber ?line ; prov:value ?text .
}
ORDER BY ?taskId ?partner
LIMIT 25""",
    ),
)

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;
margin:0 auto;padding:1rem 1.5rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}
.vi{color:#444}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}code,pre{font-family:ui-monospace,Consolas,monospace;font-size:.85rem}
pre{background:#f6f8fa;padding:.7rem;overflow-x:auto}figure{margin:1.2rem 0}
figure img{max-width:100%;border:1px solid #ddd}.note{color:#555;font-size:.9rem}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    value = float(size)
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            return f"{value:.1f} {unit}"
    return f"{size} bytes"


def figures(out: Path) -> list[tuple[str, str, list[str]]]:
    """The report's figures as (shown file, caption, every format), in the report's order.

    ``sdgkg report`` draws each figure as PNG and SVG under ``report/figures/`` and lists them,
    with their captions, as Markdown images in ``report/report.md``; the page shows the SVG
    (sharp at any size) and links every format. Empty when there is no report.
    """
    folder = out / "report"
    if not folder.is_dir():
        return []
    by_stem: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in FIGURE_SUFFIXES:
            stem = path.relative_to(out).with_suffix("").as_posix()
            by_stem.setdefault(stem, []).append(path.relative_to(out).as_posix())
    captions: dict[str, str] = {}
    markdown = folder / "report.md"
    if markdown.is_file():
        for caption, target in _MD_IMAGE.findall(markdown.read_text(encoding="utf-8")):
            stem = ("report/" + target).rsplit(".", 1)[0]
            captions.setdefault(stem, caption.strip())
    order = [stem for stem in captions if stem in by_stem]
    order += sorted(stem for stem in by_stem if stem not in captions)
    shown = []
    for stem in order:
        formats = sorted(by_stem[stem], key=lambda p: FIGURE_SUFFIXES.index(Path(p).suffix.lower()))
        shown.append((formats[0], captions.get(stem) or _caption(formats[0]), formats))
    return shown


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def curie(iri: str) -> str:
    """``sdgkg:leadAgency`` rather than the full IRI, with the published context's prefixes."""
    for prefix, namespace in sorted(context_prefixes().items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _caption(path: str) -> str:
    stem = Path(path).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:]


def _table_section(spec: TableSpec, relative: str) -> list[str]:
    metadata = relative.removesuffix(".csv") + METADATA_SUFFIX
    rows = [
        "<tr><th>column</th><th>type</th><th>meaning</th><th>in the graph</th></tr>",
        *(
            f"<tr><td><code>{e(c.name)}</code></td><td>{e(c.datatype)}"
            f"{' list, “' + e(c.separator) + '”' if c.separator else ''}"
            f"{' (required)' if c.required else ''}</td><td>{e(c.description)}</td>"
            f"<td>{'<code>' + e(curie(c.property)) + '</code>' if c.property else ''}</td></tr>"
            for c in spec.columns
        ),
    ]
    keys = []
    if spec.primary_key:
        keys.append("primary key: " + ", ".join(f"<code>{e(k)}</code>" for k in spec.primary_key))
    keys += [
        f"<code>{e(', '.join(fk.columns))}</code> → <code>{e(fk.table)}.csv</code> "
        f"(<code>{e(', '.join(fk.reference))}</code>)"
        for fk in spec.foreign_keys
    ]
    return [
        f'<h3 id="table-{e(spec.name)}"><a href="{e(relative)}">{e(spec.file)}</a> — '
        f"{e(spec.title)}</h3>",
        f'<p>{e(spec.description)} <span class="note">CSVW: '
        f'<a href="{e(metadata)}">{e(Path(metadata).name)}</a>.</span></p>',
        *([f'<p class="note">{e(spec.graph_note)}</p>'] if spec.graph_note else []),
        *([f'<p class="note">Keys: {"; ".join(keys)}.</p>'] if keys else []),
        "<table>",
        *rows,
        "</table>",
    ]


def render(out: Path, facts: DatasetFacts, settings: BundleSettings) -> str:
    """The page, from the files in ``out`` (written before the ZIP and the catalogue)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        *_head(titles(facts)["en"]),
        "<body>",
        *_introduction(facts, settings),
        *_downloads(out, facts, settings),
        *_how_to_cite(facts, settings),
        *_tables(out),
        *_queries(settings),
        *_figure_section(out),
        *_source(),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _head(title: str) -> list[str]:
    """The page's head: its title, the catalogue as an alternate, the inline style."""
    return [
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f'<link rel="alternate" type="text/turtle" href="{CATALOG}" title="DCAT-AP catalogue">',
        f"<style>{_STYLE.strip()}</style>",
        "</head>",
    ]


def _introduction(facts: DatasetFacts, settings: BundleSettings) -> list[str]:
    """Title and description in both languages, then version, licence, publisher and size."""
    title, description = titles(facts), descriptions(facts)
    c = facts.counts
    coverage = f"{facts.years[0]}–{facts.years[1]}" if facts.years else "—"
    return [
        f"<h1>{e(title['en'])}</h1>",
        f'<p class="vi" lang="vi"><strong>{e(title["vi"])}</strong></p>',
        f"<p>{e(description['en'])}</p>",
        f'<p class="vi" lang="vi">{e(description["vi"])}</p>',
        "<dl>",
        f"<dt>Version</dt><dd>{e(__version__)}, {e(facts.release.date.isoformat())}"
        + (
            ""
            if facts.release.from_epoch
            else " (the plan's date: the build did not set SOURCE_DATE_EPOCH)"
        )
        + "</dd>",
        f'<dt>Licence</dt><dd><a href="{e(LICENCE)}">{e(LICENCE_TITLE)}</a></dd>',
        f"<dt>Publisher</dt><dd>{e(settings.publisher)}"
        + (
            f' (<a href="mailto:{e(settings.contact_email)}">{e(settings.contact_email)}</a>)'
            if settings.contact_email
            else ""
        )
        + "</dd>",
        f"<dt>Coverage</dt><dd>{e(', '.join(facts.place_names) or 'Viet Nam')}, {coverage}</dd>",
        f"<dt>Size</dt><dd>{c['triples']:,} triples; {c['tasks']} tasks in "
        f"{c['appendices']} appendices; {c['agents']} agencies and units</dd>",
        "</dl>",
    ]


def _downloads(out: Path, facts: DatasetFacts, settings: BundleSettings) -> list[str]:
    """The ZIP, the catalogue and every file of the bundle with its size; the endpoint, if any."""
    files = inventory(out, exclude={"index.html", CATALOG, zip_name(facts)}, hashes=False)
    parts = [
        '<h2 id="download">Download</h2>',
        f'<p><a href="{e(zip_name(facts))}">{e(zip_name(facts))}</a>: every file below, '
        f'zipped. <a href="{CATALOG}">{CATALOG}</a>: the DCAT-AP 3 description of the data '
        "set and of every file, with sizes and SHA-256 checksums (for open-data portals).</p>",
        "<table>",
        "<tr><th>file</th><th>format</th><th>size</th></tr>",
        *(
            f'<tr><td><a href="{e(info.path)}">{e(info.path)}</a></td>'
            f"<td>{e(info.media_type)}</td><td>{e(_size(info.size))}</td></tr>"
            for info in files
        ),
        "</table>",
    ]
    if settings.sparql_endpoint:
        parts.append(
            f'<p>SPARQL endpoint: <a href="{e(settings.sparql_endpoint)}">'
            f"{e(settings.sparql_endpoint)}</a></p>"
        )
    return parts


def _how_to_cite(facts: DatasetFacts, settings: BundleSettings) -> list[str]:
    """The data set's citation (text and BibTeX), and the decisions it was read from."""
    return [
        '<h2 id="cite">How to cite</h2>',
        f"<p>{e(citation(facts, settings))}</p>",
        f"<pre>{e(bibtex(facts, settings))}</pre>",
        "<p>Please cite the source document too: "
        + "; ".join(
            e(f"Decision {plan.number}" + (f" of {plan.issued:%d/%m/%Y}" if plan.issued else ""))
            + (f" ({e(plan.issuer_vi)})" if plan.issuer_vi else "")
            for plan in facts.plans
        )
        + ".</p>",
    ]


def _tables(out: Path) -> list[str]:
    """What the CSV files are, then each table's columns (every plan's folder, sorted)."""
    parts = [
        '<h2 id="tables">Tables</h2>',
        "<p>UTF-8 CSV files, one header row. Each has a CSVW description "
        "(<code>&lt;table&gt;.csv-metadata.json</code>: datatypes, keys, and the URI templates "
        "that turn its rows into the graph's own triples); "
        '<a href="datapackage.json">datapackage.json</a> gives the same schemas as a '
        "Frictionless Data Package.</p>",
    ]
    for folder in sorted({p.parent for p in out.glob("tables/**/*.csv")}):
        for spec in specs_for_folder(folder, _NO_TEMPLATES):
            parts += _table_section(spec, (folder / spec.file).relative_to(out).as_posix())
    return parts


def _queries(settings: BundleSettings) -> list[str]:
    """The example queries, each with what it asks."""
    parts = [
        '<h2 id="queries">Example SPARQL queries</h2>',
        "<p>They run on the published graph (load <code>graph.nt</code> into any SPARQL "
        "store" + (", or use the endpoint above" if settings.sparql_endpoint else "") + ").</p>",
    ]
    for name, about, query in QUERIES:
        parts += [f"<h3>{e(name)}</h3>", f"<p>{e(about)}</p>"]
        parts.append(f"<pre><code>{e(query)}</code></pre>")
    return parts


def _figure_section(out: Path) -> list[str]:
    """The report's figures, each linked in every format; nothing when there is no report."""
    shown = figures(out)
    if not shown:
        return []
    parts = ['<h2 id="figures">Figures</h2>']
    reports = [
        f'<a href="report/{name}">{name}</a>'
        for name in ("report.html", "report.md")
        if (out / "report" / name).is_file()
    ]
    if reports:
        parts.append(f"<p>From the network report ({', '.join(reports)}).</p>")
    for path, caption, formats in shown:
        links = ", ".join(
            f'<a href="{e(p)}">{e(Path(p).suffix.lstrip(".").upper())}</a>' for p in formats
        )
        parts += [
            "<figure>",
            f'<img src="{e(path)}" alt="{e(caption)}">',
            f"<figcaption>{e(caption)} ({links})</figcaption>",
            "</figure>",
        ]
    return parts


def _source() -> list[str]:
    """Why the source may be republished, and what the licence covers."""
    return [
        '<h2 id="source">Source</h2>',
        "<p>The source is a public legal document of Viet Nam, which Vietnamese law leaves "
        "outside copyright (Law on Intellectual Property, Article 15). The licence covers what "
        "the project added: the structure, the agency registry, the English translations and "
        "the links to the UN SDG targets.</p>",
        f'<p class="note">Generated by sdgkg {e(__version__)}.</p>',
    ]


# The landing page shows column meanings, not IRIs: templates are not needed there.
_NO_TEMPLATES = Templates("", "", "", "", "", "")


def write_landing(path: Path, out: Path, facts: DatasetFacts, settings: BundleSettings) -> Path:
    path.write_text(render(out, facts, settings), encoding="utf-8")
    return path
