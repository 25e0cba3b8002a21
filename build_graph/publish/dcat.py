"""The DCAT-AP 3 description of the bundle (``catalog.ttl``): catalogue, catalogue record, data
set, one distribution per file and, when an endpoint is given, the SPARQL data service.

Nodes of the EU controlled vocabularies (languages, file types, data themes, access rights) are
typed and placed in their scheme here, as DCAT-AP's range shapes ask; their labels are the
vocabularies' own. No blank nodes: every node has an IRI under the data set's, so the Turtle
is the same for the same input.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

from build_graph.graph.stable_turtle import write_turtle
from build_graph.publish.facts import (
    CATALOG,
    LICENCE,
    LICENCE_SPDX,
    LICENCE_TITLE,
    ONTOLOGY_IRI,
    BundleSettings,
    DatasetFacts,
    descriptions,
    keywords,
    local_build_notes,
    titles,
)
from build_graph.publish.files import FileInfo, zip_name

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
DCAT_AP = URIRef("https://semiceu.github.io/DCAT-AP/releases/3.0.1")
DATA_THEME = URIRef(AUTHORITY + "data-theme")
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3, not in rdflib's DCAT
PUBLISHER_TYPES = URIRef("http://purl.org/adms/publishertype/1.0")


# EU data themes (labels from the authority table): the data records who in a city government
# does what (GOVE, REGI), towards goals spanning the three dimensions of sustainable
# development the 2030 Agenda names, social (SOCI), environmental (ENVI), economic (ECON).
THEMES = {
    "GOVE": "Government and public sector",
    "REGI": "Regions and cities",
    "SOCI": "Population and society",
    "ENVI": "Environment",
    "ECON": "Economy and finance",
}
LANGUAGES = {"en": ("ENG", "English"), "vi": ("VIE", "Vietnamese")}
STANDARDS = {
    ONTOLOGY_IRI: "sdgkg ontology",
    str(DCAT_AP): "DCAT-AP 3.0.1",
    "https://www.w3.org/TR/tabular-metadata/": "Metadata Vocabulary for Tabular Data (CSVW)",
    "https://specs.frictionlessdata.io/data-package/": "Frictionless Data Package",
    "http://www.w3.org/TR/void/": "Describing Linked Datasets with the VoID Vocabulary",
    "https://www.w3.org/TR/shacl/": "Shapes Constraint Language (SHACL)",
    "https://www.w3.org/TR/sparql11-protocol/": "SPARQL 1.1 Protocol",
}


def _words(iri: str) -> str:
    """A vocabulary term's name as words: ".../NonProfitOrganisation" → "Non Profit
    Organisation" (the label the catalogue gives a term whose vocabulary it cannot load)."""
    name = iri.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("-", " ")


def _conforms_to(path: str) -> str | None:
    """The standard a file follows, where there is one to name."""
    if path.startswith("graph.") or path == "sdgkg.ttl":
        return ONTOLOGY_IRI
    if path.endswith(".csv-metadata.json"):
        return "https://www.w3.org/TR/tabular-metadata/"
    if path == "datapackage.json":
        return "https://specs.frictionlessdata.io/data-package/"
    if path == "void.ttl":
        return "http://www.w3.org/TR/void/"
    if path == "validation-report.ttl":
        return "https://www.w3.org/TR/shacl/"
    return None


FILE_TEXTS = {
    "graph.ttl": ("Knowledge graph (Turtle)", "The knowledge graph as Turtle."),
    "graph.nt": (
        "Knowledge graph (N-Triples)",
        "The knowledge graph as canonical N-Triples, one triple per line, sorted.",
    ),
    "graph.jsonld": (
        "Knowledge graph (JSON-LD)",
        "The knowledge graph as JSON-LD, with the published context inline.",
    ),
    "sdgkg.ttl": ("sdgkg ontology", "The OWL ontology the graph uses (Turtle)."),
    "context.jsonld": ("JSON-LD context", "The published JSON-LD context of the sdgkg terms."),
    "validation-report.ttl": (
        "SHACL validation report",
        "The standard SHACL report of the graph against the project's shapes.",
    ),
    "validation-summary.md": (
        "Validation summary",
        "The SHACL findings grouped for a human reader (Markdown).",
    ),
    "void.ttl": ("VoID description", "Statistics and access points of the graph (VoID)."),
    "datapackage.json": (
        "Frictionless Data Package",
        "The tables with their Table Schemas, sizes and checksums.",
    ),
    "index.html": (
        "Landing page",
        "What the data set is, every file with its checksum, how to cite it, its table schemas.",
    ),
    "index.vi.html": (
        "Landing page (Vietnamese)",
        "The landing page in Vietnamese (Trang giới thiệu bộ dữ liệu bằng tiếng Việt).",
    ),
}


def file_text(path: str, facts: DatasetFacts) -> tuple[str, str]:
    """Title and description of one distribution."""
    name = Path(path).name
    if path in FILE_TEXTS:
        return FILE_TEXTS[path]
    if path == zip_name(facts):
        return "The whole bundle (ZIP)", "Every file of the data set but catalog.ttl, zipped."
    if path.endswith(".csv-metadata.json"):
        table = name.removesuffix(".csv-metadata.json")
        return f"CSVW metadata of {table}.csv", f"Datatypes, keys and RDF mapping of {table}.csv."
    if path.endswith(".csv"):
        return f"Table {name}", f"The extraction table {name} (UTF-8 CSV)."
    if name == "plan.json":
        return "Plan metadata", "Number, issuer, date and signer of the plan (JSON)."
    if name == "extraction-report.md":
        return "Extraction report", "Every irregularity of the document, with its line."
    if path.startswith("report/"):
        return _report_text(path, name)
    return name, f"The file {path}."


def _report_text(path: str, name: str) -> tuple[str, str]:
    """The files of ``sdgkg report`` (report/), by folder."""
    named = {
        "report.html": ("Network report", "The coordination-network report, in English (HTML)."),
        "report.vi.html": (
            "Network report (Vietnamese)",
            "The coordination-network report, in Vietnamese (HTML).",
        ),
        "explorer.html": (
            "Coordination explorer",
            "An interactive page that works offline: the coordination networks, filtered by"
            " goal, target, period and kind, with each unit's tasks and their source lines.",
        ),
        "report.md": ("Network report (Markdown)", "The coordination-network report as Markdown."),
    }
    if name in named:
        return named[name]
    kinds = {
        "figures": ("Figure", "A figure of the coordination-network report."),
        "networks": ("Network", "A coordination network of the report (graph file)."),
        "metrics": ("Metrics", "Network metrics of the agencies, from the report."),
        "findings": ("Findings", "Findings of the report (bottlenecks, overlaps, gaps)."),
    }
    folder = path.split("/")[1] if path.count("/") > 1 else ""
    word, description = kinds.get(folder, ("Report file", "A file of the network report."))
    return f"{word} {name}", description


class CatalogWriter:
    """Builds the catalogue graph; one instance per bundle."""

    def __init__(self, facts: DatasetFacts, settings: BundleSettings) -> None:
        self.facts = facts
        self.settings = settings
        self.g = Graph()
        for prefix, ns in (
            ("dcat", DCAT),
            ("dcterms", DCTERMS),
            ("foaf", FOAF),
            ("spdx", SPDX),
            ("vcard", VCARD),
            ("adms", ADMS),
            ("dcatap", DCATAP),
            ("skos", SKOS),
            ("xsd", XSD),
            ("prov", PROV),
            ("owl", OWL),
        ):
            self.g.bind(prefix, ns)
        base = settings.base.rstrip("/") + "/"
        self.catalog = URIRef(base + "catalog")
        self.dataset = URIRef(f"{base}dataset/{facts.dataset_id}")
        self.record = URIRef(f"{base}catalog/record/{facts.dataset_id}")
        self.publisher = URIRef(settings.publisher_iri)
        self.contact = URIRef(f"{self.dataset}#contact-point")
        self.licence = URIRef(LICENCE)
        self.landing = URIRef(settings.landing_page)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def texts(self, node: URIRef, prop: URIRef, values: dict[str, str]) -> None:
        for lang, text in values.items():
            self.add(node, prop, Literal(text, lang=lang))

    # -- shared nodes --------------------------------------------------------------------
    def agents(self) -> None:
        add, s = self.add, self.settings
        add(self.publisher, RDF.type, FOAF.Agent)
        add(self.publisher, RDF.type, FOAF.Organization)
        add(self.publisher, FOAF.name, Literal(s.publisher))
        kind = URIRef(s.publisher_type)
        add(self.publisher, DCTERMS.type, kind)
        add(kind, RDF.type, SKOS.Concept)
        add(kind, SKOS.prefLabel, Literal(_words(s.publisher_type), lang="en"))
        add(kind, SKOS.inScheme, PUBLISHER_TYPES)
        add(PUBLISHER_TYPES, RDF.type, SKOS.ConceptScheme)
        add(PUBLISHER_TYPES, DCTERMS.title, Literal("ADMS publisher type", lang="en"))
        add(self.contact, RDF.type, VCARD.Kind)
        add(self.contact, RDF.type, VCARD.Organization)
        add(self.contact, VCARD.fn, Literal(s.publisher))
        add(self.contact, VCARD.hasURL, self.landing)
        if s.contact_email:
            add(self.contact, VCARD.hasEmail, URIRef(f"mailto:{s.contact_email}"))

    def licence_node(self) -> None:
        add = self.add
        add(self.licence, RDF.type, DCTERMS.LicenseDocument)
        # dct:title, not rdfs:label: ckanext-dcat's parser reads a licence's rdfs:label as its
        # value (the text would replace the IRI) and matches the register on dct:title.
        add(self.licence, DCTERMS.title, Literal(LICENCE_TITLE, lang="en"))
        add(self.licence, DCTERMS.identifier, Literal(LICENCE_SPDX))
        attribution = URIRef("http://purl.org/adms/licencetype/Attribution")
        add(self.licence, DCTERMS.type, attribution)
        add(attribution, RDF.type, SKOS.Concept)
        add(attribution, SKOS.prefLabel, Literal("Attribution", lang="en"))
        add(attribution, SKOS.inScheme, URIRef("http://purl.org/adms/licencetype/1.0"))

    def standard(self, iri: str) -> URIRef:
        node = URIRef(iri)
        self.add(node, RDF.type, DCTERMS.Standard)
        self.add(node, DCTERMS.title, Literal(STANDARDS[iri], lang="en"))
        return node

    def document(self, iri: str) -> URIRef:
        node = URIRef(iri)
        self.add(node, RDF.type, FOAF.Document)
        return node

    def eu_themes(self) -> list[URIRef]:
        themes = []
        for code, label in THEMES.items():
            theme = URIRef(f"{AUTHORITY}data-theme/{code}")
            self.add(theme, RDF.type, SKOS.Concept)
            self.add(theme, SKOS.prefLabel, Literal(label, lang="en"))
            self.add(theme, SKOS.inScheme, DATA_THEME)
            themes.append(theme)
        return themes

    def languages(self, node: URIRef) -> None:
        for code, label in LANGUAGES.values():
            language = URIRef(f"{AUTHORITY}language/{code}")
            self.add(node, DCTERMS.language, language)
            self.add(language, RDF.type, DCTERMS.LinguisticSystem)
            self.add(language, RDFS.label, Literal(label, lang="en"))
            self.add(language, SKOS.inScheme, URIRef(AUTHORITY + "language"))

    def spatial(self, node: URIRef) -> None:
        for iri, name in sorted(self.facts.places.items()):
            place = URIRef(iri)
            self.add(node, DCTERMS.spatial, place)
            self.add(place, RDF.type, DCTERMS.Location)
            self.add(place, SKOS.prefLabel, Literal(name, lang="vi"))

    # -- the catalogue ---------------------------------------------------------------------
    def build(self, files: list[FileInfo]) -> Graph:
        facts, add = self.facts, self.add
        release = facts.release
        date = Literal(release.date, datatype=XSD.date)
        self.agents()
        self.licence_node()
        add(self.catalog, RDF.type, DCAT.Catalog)
        self.texts(
            self.catalog,
            DCTERMS.title,
            {
                "en": f"sdgkg open-data catalogue: {titles(facts)['en']}",
                "vi": f"Danh mục dữ liệu mở sdgkg: {titles(facts)['vi']}",
            },
        )
        self.texts(
            self.catalog,
            DCTERMS.description,
            {
                "en": "The catalogue that describes the sdgkg data set: Viet Nam's SDG action "
                "plans "
                "as a knowledge graph, with its tables and metadata.",
                "vi": "Danh mục mô tả bộ dữ liệu sdgkg: các kế hoạch hành động thực hiện các mục "
                "tiêu phát triển bền vững của Việt Nam dưới dạng đồ thị tri thức.",
            },
        )
        add(self.catalog, DCTERMS.publisher, self.publisher)
        add(self.catalog, FOAF.homepage, self.document(self.settings.landing_page))
        add(self.catalog, DCTERMS.license, self.licence)
        add(self.catalog, DCTERMS.issued, date)
        add(self.catalog, DCTERMS.modified, date)
        self.languages(self.catalog)
        self.spatial(self.catalog)
        add(self.catalog, DCAT.dataset, self.dataset)
        add(self.catalog, DCAT.record, self.record)
        self.theme_taxonomies()
        self.catalog_record()
        self.dataset_node(date)
        for info in files:
            self.distribution(info)
        if self.settings.sparql_endpoint:
            self.sparql_service()
        return self.g

    def theme_taxonomies(self) -> None:
        add = self.add
        add(self.catalog, DCAT.themeTaxonomy, DATA_THEME)
        add(DATA_THEME, RDF.type, SKOS.ConceptScheme)
        add(DATA_THEME, DCTERMS.title, Literal("Data theme", lang="en"))
        if self.facts.un_scheme:
            scheme, label = self.facts.un_scheme
            add(self.catalog, DCAT.themeTaxonomy, URIRef(scheme))
            add(URIRef(scheme), RDF.type, SKOS.ConceptScheme)
            add(URIRef(scheme), DCTERMS.title, Literal(label, lang="en"))

    def catalog_record(self) -> None:
        add, release = self.add, self.facts.release
        stamp = (
            Literal(release.when.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)
            if release.from_epoch
            else Literal(release.date, datatype=XSD.date)
        )
        add(self.record, RDF.type, DCAT.CatalogRecord)
        add(self.record, FOAF.primaryTopic, self.dataset)
        add(self.record, DCTERMS.issued, stamp)
        add(self.record, DCTERMS.modified, stamp)
        add(self.record, DCTERMS.conformsTo, self.standard(str(DCAT_AP)))

    def dataset_node(self, date: Literal) -> None:
        facts, add, ds = self.facts, self.add, self.dataset
        add(ds, RDF.type, DCAT.Dataset)
        add(ds, RDF.type, DCAT.Resource)  # DCAT 3 says so; a validator without DCAT loaded can't
        self.texts(ds, DCTERMS.title, titles(facts))
        self.texts(ds, DCTERMS.description, descriptions(facts))
        for lang, words in keywords(facts).items():
            for word in words:
                add(ds, DCAT.keyword, Literal(word, lang=lang))
        add(ds, DCTERMS.identifier, Literal(facts.dataset_id))
        add(ds, DCAT_VERSION, Literal(self.settings.version))
        if not self.settings.release:
            self.texts(ds, ADMS.versionNotes, local_build_notes(self.facts, self.settings))
        add(ds, DCTERMS.issued, date)
        add(ds, DCTERMS.modified, date)
        add(ds, DCTERMS.publisher, self.publisher)
        add(ds, DCTERMS.creator, self.publisher)
        add(ds, DCAT.contactPoint, self.contact)
        add(ds, DCTERMS.license, self.licence)
        add(ds, DCAT.landingPage, self.document(self.settings.landing_page))
        add(ds, DCTERMS.conformsTo, self.standard(ONTOLOGY_IRI))
        self.languages(ds)
        self.spatial(ds)
        access = URIRef(AUTHORITY + "access-right/PUBLIC")
        add(ds, DCTERMS.accessRights, access)
        add(access, RDF.type, DCTERMS.RightsStatement)
        add(access, SKOS.inScheme, URIRef(AUTHORITY + "access-right"))
        for theme in self.eu_themes():
            add(ds, DCAT.theme, theme)
        for iri, label in facts.un_goals:
            goal = URIRef(iri)
            add(ds, DCAT.theme, goal)
            add(goal, RDF.type, SKOS.Concept)
            add(goal, SKOS.prefLabel, Literal(label, lang="en"))
            if facts.un_scheme:
                add(goal, SKOS.inScheme, URIRef(facts.un_scheme[0]))
        if facts.years:
            period = URIRef(f"{ds}#temporal")
            add(ds, DCTERMS.temporal, period)
            add(period, RDF.type, DCTERMS.PeriodOfTime)
            add(period, DCAT.startDate, Literal(str(facts.years[0]), datatype=XSD.gYear))
            add(period, DCAT.endDate, Literal(str(facts.years[1]), datatype=XSD.gYear))
        provenance = URIRef(f"{ds}#provenance")
        add(ds, DCTERMS.provenance, provenance)
        add(provenance, RDF.type, DCTERMS.ProvenanceStatement)
        self.texts(
            provenance,
            RDFS.label,
            {
                "en": "Extracted by sdgkg from the text of the plan's decision as published on a "
                "legal-document website; every fact of the graph is linked (prov:wasDerivedFrom) "
                "to the numbered source line it was read from.",
                "vi": "Được sdgkg trích xuất từ văn bản quyết định ban hành kế hoạch đăng trên "
                "trang "
                "văn bản pháp luật; mỗi dữ kiện trong đồ thị đều liên kết (prov:wasDerivedFrom) "
                "với "
                "dòng văn bản nguồn mà nó được đọc ra.",
            },
        )
        for plan in facts.plans:
            add(ds, DCTERMS.relation, URIRef(plan.iri))

    def distribution(self, info: FileInfo) -> None:
        add = self.add
        node = URIRef(f"{self.dataset}/distribution/{info.path}")
        url = URIRef(self.settings.url(info.path))
        title, description = file_text(info.path, self.facts)
        add(self.dataset, DCAT.distribution, node)
        add(node, RDF.type, DCAT.Distribution)
        add(node, DCTERMS.title, Literal(title, lang="en"))
        add(node, DCTERMS.description, Literal(description, lang="en"))
        add(node, DCAT.accessURL, url)
        add(node, DCAT.downloadURL, url)
        media = URIRef(IANA + info.media_type)
        add(node, DCAT.mediaType, media)
        add(media, RDF.type, DCTERMS.MediaType)
        if info.file_type:
            kind = URIRef(f"{AUTHORITY}file-type/{info.file_type}")
            add(node, DCTERMS.format, kind)
            add(kind, RDF.type, DCTERMS.MediaTypeOrExtent)
            add(kind, SKOS.inScheme, URIRef(AUTHORITY + "file-type"))
        if info.media_type == "application/zip":
            add(node, DCAT.packageFormat, media)
        add(node, DCAT.byteSize, Literal(str(info.size), datatype=XSD.nonNegativeInteger))
        checksum = URIRef(f"{node}#sha256")
        add(node, SPDX.checksum, checksum)
        add(checksum, RDF.type, SPDX.Checksum)
        add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
        add(checksum, SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary))
        add(SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm)
        add(node, DCTERMS.license, self.licence)
        self.availability(node)
        standard = _conforms_to(info.path)
        if standard:
            add(node, DCTERMS.conformsTo, self.standard(standard))

    def availability(self, node: URIRef) -> None:
        """How long the file is planned to stay: a release's, stable; a local build's,
        temporary (EU planned-availability table)."""
        code = "STABLE" if self.settings.release else "TEMPORARY"
        value = URIRef(f"{AUTHORITY}planned-availability/{code}")
        self.add(node, DCATAP.availability, value)
        self.add(value, RDF.type, SKOS.Concept)
        self.add(value, SKOS.prefLabel, Literal(code.lower(), lang="en"))
        self.add(value, SKOS.inScheme, URIRef(AUTHORITY + "planned-availability"))

    def sparql_service(self) -> None:
        add, ds = self.add, self.dataset
        endpoint = URIRef(str(self.settings.sparql_endpoint))
        service = URIRef(f"{ds}/service/sparql")
        add(self.catalog, DCAT.service, service)
        add(service, RDF.type, DCAT.DataService)
        self.texts(
            service,
            DCTERMS.title,
            {
                "en": f"SPARQL endpoint of {titles(self.facts)['en']}",
                "vi": f"Điểm truy vấn SPARQL của {titles(self.facts)['vi']}",
            },
        )
        add(service, DCAT.endpointURL, endpoint)
        add(endpoint, RDF.type, RDFS.Resource)
        add(service, DCAT.servesDataset, ds)
        add(service, DCTERMS.conformsTo, self.standard("https://www.w3.org/TR/sparql11-protocol/"))
        add(service, DCTERMS.publisher, self.publisher)
        add(service, DCAT.contactPoint, self.contact)
        add(service, DCTERMS.license, self.licence)
        # SPARQL 1.1 Service Description: the endpoint's own URL serves its description.
        add(service, DCAT.endpointDescription, endpoint)
        for word in keywords(self.facts)["en"]:
            add(service, DCAT.keyword, Literal(word, lang="en"))
        for theme in self.eu_themes():
            add(service, DCAT.theme, theme)
        node = URIRef(f"{ds}/distribution/sparql")
        add(ds, DCAT.distribution, node)
        add(node, RDF.type, DCAT.Distribution)
        add(node, DCTERMS.title, Literal("SPARQL endpoint", lang="en"))
        add(
            node,
            DCTERMS.description,
            Literal("Query the knowledge graph with SPARQL 1.1 at the endpoint.", lang="en"),
        )
        add(node, DCAT.accessURL, endpoint)
        add(node, DCAT.accessService, service)
        add(node, DCTERMS.license, self.licence)
        self.availability(node)


def catalog_graph(facts: DatasetFacts, settings: BundleSettings, files: list[FileInfo]) -> Graph:
    return CatalogWriter(facts, settings).build(files)


# Up to this many triples (a catalogue of a few plans) rdflib writes the catalogue, sorted and
# nested; above, pyoxigraph, sorted and flat: the national catalogue's 15,800 triples took
# 0.7 s with rdflib, the last step of the build, on one core; 0.15 s so.
CATALOG_NESTED_UP_TO = 5_000


def write_catalog(
    path: Path, facts: DatasetFacts, settings: BundleSettings, files: list[FileInfo]
) -> Path:
    """``catalog.ttl``: every file of ``files`` (which must not include the catalogue itself)."""
    assert all(info.path != CATALOG for info in files)
    return write_turtle(catalog_graph(facts, settings, files), path, CATALOG_NESTED_UP_TO)
