"""``index.html`` and ``index.vi.html``: the data set's landing page in English and in
Vietnamese, for people (portals link to it as ``dcat:landingPage``). What the data set is,
whether it is a release, every file with its size and SHA-256 (grouped: the bundle, the graph,
the tables, the descriptions, the report and its figures), how to cite it and the decisions it
was read from, what is in each table, three SPARQL queries that run on the graph as published,
and the report's figures when ``report/`` holds any. The head carries a meta description and a
schema.org ``Dataset`` (JSON-LD) for dataset search engines. Static pages, no external
resource, so they work from the unpacked bundle as well as from the web.

The pages list the ZIP's checksum, so they are written after it and are not in it; the
catalogue, which lists the pages' checksums, is written after them.
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
    local_build_notes,
    titles,
)
from build_graph.publish.files import SITE, FileInfo
from build_graph.publish.landing_downloads import FIGURE_SUFFIXES, download_tables
from build_graph.publish.landing_jsonld import dataset_jsonld, jsonld_script
from build_graph.publish.landing_text import LANGUAGE_NAMES, LANGUAGES, PAGES, QUERY_TEXT, TEXT
from build_graph.tables.schema import TableSpec, Templates

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
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:64rem;
margin:0 auto;padding:1rem 1.5rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}
nav.languages{text-align:right;font-size:.9rem}
.local-build{background:#fff4ce;border:1px solid #e0c060;padding:.5rem .8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}code,pre{font-family:ui-monospace,Consolas,monospace;font-size:.85rem}
code.sha256{font-size:.72rem;word-break:break-all}
pre{background:#f6f8fa;padding:.7rem;overflow-x:auto}figure{margin:1.2rem 0}
figure img{max-width:100%;border:1px solid #ddd}.note{color:#555;font-size:.9rem}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


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


def _table_section(spec: TableSpec, relative: str, lang: str) -> list[str]:
    t = TEXT[lang]
    metadata = relative.removesuffix(".csv") + METADATA_SUFFIX
    rows = [
        f"<tr><th>{t['column']}</th><th>{t['type']}</th><th>{t['meaning']}</th>"
        f"<th>{t['in_graph']}</th></tr>",
        *(
            f"<tr><td><code>{e(c.name)}</code></td><td>{e(c.datatype)}"
            f"{', ' + t['list'] + ' “' + e(c.separator) + '”' if c.separator else ''}"
            f"{' (' + t['required'] + ')' if c.required else ''}</td>"
            f'<td lang="en">{e(c.description)}</td>'
            f"<td>{'<code>' + e(curie(c.property)) + '</code>' if c.property else ''}</td></tr>"
            for c in spec.columns
        ),
    ]
    keys = []
    if spec.primary_key:
        keys.append(
            t["primary_key"] + ": " + ", ".join(f"<code>{e(k)}</code>" for k in spec.primary_key)
        )
    keys += [
        f"<code>{e(', '.join(fk.columns))}</code> → <code>{e(fk.table)}.csv</code> "
        f"(<code>{e(', '.join(fk.reference))}</code>)"
        for fk in spec.foreign_keys
    ]
    return [
        f'<h3 id="table-{e(spec.name)}"><a href="{e(relative)}">{e(spec.file)}</a> — '
        f'<span lang="en">{e(spec.title)}</span></h3>',
        f'<p><span lang="en">{e(spec.description)}</span> <span class="note">CSVW: '
        f'<a href="{e(metadata)}">{e(Path(metadata).name)}</a>.</span></p>',
        *([f'<p class="note" lang="en">{e(spec.graph_note)}</p>'] if spec.graph_note else []),
        *([f'<p class="note">{t["keys"]}: {"; ".join(keys)}.</p>'] if keys else []),
        "<table>",
        *rows,
        "</table>",
    ]


def render(
    out: Path, facts: DatasetFacts, settings: BundleSettings, files: list[FileInfo], lang: str
) -> str:
    """The page in ``lang``, from the files in ``out`` and ``files`` (every file but the pages
    and the catalogue, with their checksums, the ZIP included)."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        *_head(facts, settings, files, lang),
        "<body>",
        *_language_switch(lang),
        *_local_build(facts, settings, lang),
        *_introduction(facts, settings, lang),
        *_downloads(files, settings, lang),
        *_how_to_cite(facts, settings, lang),
        *_tables(out, lang),
        *_queries(settings, lang),
        *_figure_section(out, lang),
        *_source(out, lang),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _head(
    facts: DatasetFacts, settings: BundleSettings, files: list[FileInfo], lang: str
) -> list[str]:
    """Title, meta description, the other language and the catalogue as alternates, the
    schema.org Dataset, the inline style."""
    description = descriptions(facts)[lang]
    short = description if len(description) <= 300 else description[:297].rsplit(" ", 1)[0] + "…"
    other = "vi" if lang == "en" else "en"
    return [
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(titles(facts)[lang])}</title>",
        f'<meta name="description" content="{e(short)}">',
        f'<link rel="alternate" hreflang="{other}" href="{PAGES[other]}">',
        f'<link rel="alternate" type="text/turtle" href="{CATALOG}" title="DCAT-AP catalogue">',
        jsonld_script(dataset_jsonld(facts, settings, files, lang)),
        f"<style>{_STYLE.strip()}</style>",
        "</head>",
    ]


def _language_switch(lang: str) -> list[str]:
    other = "vi" if lang == "en" else "en"
    return [
        f'<nav class="languages"><a href="{PAGES[other]}" hreflang="{other}" lang="{other}">'
        f"{LANGUAGE_NAMES[other]}</a></nav>"
    ]


def _local_build(facts: DatasetFacts, settings: BundleSettings, lang: str) -> list[str]:
    """A local build says so, above everything (release facts are never stood in for)."""
    if settings.release:
        return []
    return [f'<p class="local-build" role="note">{e(local_build_notes(facts, settings)[lang])}</p>']


def _introduction(facts: DatasetFacts, settings: BundleSettings, lang: str) -> list[str]:
    """Title and description, then version, date, licence, publisher, coverage, size, source."""
    t, c = TEXT[lang], facts.counts
    coverage = f"{facts.years[0]}–{facts.years[1]}" if facts.years else "—"
    contact = (
        f' (<a href="mailto:{e(settings.contact_email)}">{e(settings.contact_email)}</a>)'
        if settings.contact_email
        else ""
    )
    size = t["size_text"].format(
        triples=f"{c['triples']:,}",
        tasks=c["tasks"],
        appendices=c["appendices"],
        agents=c["agents"],
    )
    return [
        f"<h1>{e(titles(facts)[lang])}</h1>",
        f"<p>{e(descriptions(facts)[lang])}</p>",
        "<dl>",
        f"<dt>{t['version']}</dt><dd>{e(settings.version)}</dd>",
        f"<dt>{t['released']}</dt><dd>{e(facts.release.date.isoformat())}</dd>",
        f'<dt>{t["licence"]}</dt><dd><a href="{e(LICENCE)}">{e(LICENCE_TITLE)}</a></dd>',
        f"<dt>{t['publisher']}</dt><dd>{e(settings.publisher)}{contact}</dd>",
        f"<dt>{t['coverage']}</dt><dd>{e(', '.join(facts.place_names) or 'Viet Nam')}, "
        f"{coverage}</dd>",
        f"<dt>{t['size']}</dt><dd>{e(size)}</dd>",
        f"<dt>{t['source']}</dt><dd>{'; '.join(_decisions(facts, settings, lang))}</dd>",
        "</dl>",
    ]


def _decisions(facts: DatasetFacts, settings: BundleSettings, lang: str) -> list[str]:
    """Each plan's decision, with the links the settings give to its official text and to the
    page its text was read from."""
    t = TEXT[lang]
    out = []
    for plan in facts.plans:
        name = t["decision"].format(number=plan.number)
        if plan.issued:
            name += " " + t["of"].format(date=f"{plan.issued:%d/%m/%Y}")
        links = [
            f'<a href="{e(url)}">{t[key]}</a>'
            for key, url in (
                ("official_text", settings.decision_url),
                ("source_page", settings.source_page),
            )
            if url
        ]
        issuer = f" ({e(plan.issuer_vi)})" if plan.issuer_vi else ""
        out.append(e(name) + issuer + (f": {', '.join(links)}" if links else ""))
    return out


def _downloads(files: list[FileInfo], settings: BundleSettings, lang: str) -> list[str]:
    """Every file with its size and checksum, grouped; the catalogue; the endpoint, if any."""
    t = TEXT[lang]
    parts = [
        f'<h2 id="download">{t["download"]}</h2>',
        f"<p>{t['download_intro']}</p>",
        *download_tables(files, lang),
        f'<p><a href="{CATALOG}">{CATALOG}</a>: {t["catalog_note"]}</p>',
    ]
    if settings.sparql_endpoint:
        parts.append(
            f'<p>{t["endpoint"]}: <a href="{e(settings.sparql_endpoint)}">'
            f"{e(settings.sparql_endpoint)}</a></p>"
        )
    return parts


def _how_to_cite(facts: DatasetFacts, settings: BundleSettings, lang: str) -> list[str]:
    """The data set's citation (text and BibTeX), and the decisions it was read from."""
    t = TEXT[lang]
    return [
        f'<h2 id="cite">{t["cite"]}</h2>',
        f"<p>{e(citation(facts, settings))}</p>",
        f"<pre>{e(bibtex(facts, settings))}</pre>",
        f"<p>{t['cite_source']}: " + "; ".join(_decisions(facts, settings, lang)) + ".</p>",
    ]


def _tables(out: Path, lang: str) -> list[str]:
    """What the CSV files are, then each table's columns (every plan's folder, sorted)."""
    t = TEXT[lang]
    parts = [f'<h2 id="tables">{t["tables"]}</h2>', f"<p>{t['tables_intro']}</p>"]
    for folder in sorted({p.parent for p in out.glob("tables/**/*.csv")}):
        for spec in specs_for_folder(folder, _NO_TEMPLATES):
            parts += _table_section(spec, (folder / spec.file).relative_to(out).as_posix(), lang)
    return parts


def _queries(settings: BundleSettings, lang: str) -> list[str]:
    """The example queries, each with what it asks."""
    t = TEXT[lang]
    endpoint = t["queries_endpoint"] if settings.sparql_endpoint else ""
    parts = [
        f'<h2 id="queries">{t["queries"]}</h2>',
        f"<p>{t['queries_intro'].format(endpoint=endpoint)}</p>",
    ]
    for (_, _, query), (name, about) in zip(QUERIES, QUERY_TEXT[lang], strict=True):
        parts += [f"<h3>{e(name)}</h3>", f"<p>{e(about)}</p>"]
        parts.append(f"<pre><code>{e(query)}</code></pre>")
    return parts


# The report's pages, the reader's language first, then the interactive explorer.
_REPORT_PAGES = {
    "en": ("report.html", "report.vi.html", "explorer.html", "report.md"),
    "vi": ("report.vi.html", "report.html", "explorer.html", "report.md"),
}


def _figure_section(out: Path, lang: str) -> list[str]:
    """The report's figures, each linked in every format; nothing when there is no report."""
    shown = figures(out)
    if not shown:
        return []
    t = TEXT[lang]
    parts = [f'<h2 id="figures">{t["figures"]}</h2>']
    reports = [
        f'<a href="report/{name}">{name}</a>'
        for name in _REPORT_PAGES[lang]
        if (out / "report" / name).is_file()
    ]
    if reports:
        parts.append(f"<p>{t['figures_from'].format(links=', '.join(reports))}</p>")
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


def _source(out: Path, lang: str) -> list[str]:
    """Why the source may be republished, what the licence covers, and the software's
    documentation when ``make docs`` has put it beside the data (``docs/``)."""
    t = TEXT[lang]
    documentation = (
        [f'<p class="note">{t["documentation"].format(link=f"{SITE}/index.html")}</p>']
        if (out / SITE / "index.html").is_file()
        else []
    )
    return [
        f'<h2 id="source">{t["source_heading"]}</h2>',
        f"<p>{t['source_text']}</p>",
        *documentation,
        f'<p class="note">{t["generated"].format(version=e(__version__))}</p>',
    ]


# The landing page shows column meanings, not IRIs: templates are not needed there.
_NO_TEMPLATES = Templates("", "", "", "", "", "")


def write_landing(
    out: Path, facts: DatasetFacts, settings: BundleSettings, files: list[FileInfo]
) -> list[Path]:
    """Both pages; ``files``: every other file with its checksum, but the catalogue."""
    written = []
    for lang in LANGUAGES:
        path = out / PAGES[lang]
        path.write_text(render(out, facts, settings, files, lang), encoding="utf-8")
        written.append(path)
    return written
