"""What the bundle says about the data set: release date, licence, publisher settings, and the
facts read back from the graph (plans, places, counts, years, UN goals), with the titles,
descriptions, keywords and citations made from them.

Dates come from ``SOURCE_DATE_EPOCH`` when it is set, otherwise from the newest plan: never
from the clock, so two builds of the same input give the same bytes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

from build_graph import __version__
from build_graph.errors import SdgkgError
from build_graph.graph.stores import load_graph_store, select
from build_graph.graph.vocab import DEFAULT_BASE
from build_graph.model.agencies import slug
from build_graph.model.sdg import goals as sdg_goals

LICENCE = "https://creativecommons.org/licenses/by/4.0/"


LICENCE_TITLE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"


LICENCE_SPDX = "CC-BY-4.0"


ONTOLOGY_IRI = "https://w3id.org/sdgkg/ontology"


DEFAULT_PUBLISHER = "sdgkg contributors"


CATALOG = "catalog.ttl"


SETTINGS_KEY = "sdgkg"


# ADMS publisher types (http://purl.org/adms/publishertype/1.0): a project's contributors.
DEFAULT_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NonProfitOrganisation"


@dataclass(frozen=True)
class BundleSettings:
    """What a publisher chooses: where the files will be downloaded from, who publishes them
    and who to ask, which version and on which day, where the official text of the decision
    and the page it was read from are. ``release``: a release build, whose
    publisher contact and download base were given (``release.check_release``); otherwise a
    local build, and the bundle says so."""

    base: str = DEFAULT_BASE
    download_base: str = ""
    sparql_endpoint: str | None = None
    publisher: str = DEFAULT_PUBLISHER
    contact_email: str | None = None
    publisher_iri: str = ""
    publisher_type: str = DEFAULT_PUBLISHER_TYPE
    version: str = __version__
    release_date: str | None = None
    release: bool = False
    decision_url: str | None = None
    source_page: str | None = None

    def __post_init__(self) -> None:
        if not self.download_base:
            object.__setattr__(self, "download_base", default_download_base(self.base))
        if not self.download_base.endswith("/"):
            object.__setattr__(self, "download_base", self.download_base + "/")
        if not self.publisher_iri:
            object.__setattr__(self, "publisher_iri", self.base.rstrip("/") + "/agent/publisher")

    def url(self, relative: str) -> str:
        return self.download_base + relative

    @property
    def landing_page(self) -> str:
        return self.url("index.html")

    def as_json(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}


def default_download_base(base: str) -> str:
    return base.rstrip("/") + "/download/"


def check_http_url(option: str, value: str) -> None:
    """Portals reject relative or non-web links: refuse them before anything is written."""
    if not re.match(r"^https?://[^\s/]+[^\s]*$", value):
        raise SdgkgError(f"{option} {value!r} is not an http(s) URL")


def check_email(value: str) -> None:
    if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
        raise SdgkgError(f"--contact-email {value!r} is not an e-mail address")


@dataclass(frozen=True)
class Release:
    """The bundle's date: the release date of the settings (a day), else SOURCE_DATE_EPOCH
    (exact), else the newest plan's date (a day: a local build's reproducible stand-in)."""

    when: dt.datetime
    from_epoch: bool
    from_settings: bool = False

    @property
    def date(self) -> dt.date:
        return self.when.date()

    @property
    def zip_time(self) -> tuple[int, int, int, int, int, int]:
        when = max(self.when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
        return (when.year, when.month, when.day, when.hour, when.minute, when.second // 2 * 2)

    @property
    def origin(self) -> str:
        if self.from_settings:
            return "the release date"
        return "SOURCE_DATE_EPOCH" if self.from_epoch else "the date of the plan"


def release_of(plan_dates: list[dt.date], environ: Mapping[str, str] | None = None) -> Release:
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit():
            raise SdgkgError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds")
        return Release(dt.datetime.fromtimestamp(int(raw), dt.UTC), True)
    day = max(plan_dates) if plan_dates else dt.date(1970, 1, 1)
    return Release(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), False)


def release_on(day: str) -> Release:
    """The release of a settings file's date (YYYY-MM-DD)."""
    date = dt.date.fromisoformat(day)
    return Release(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC), False, True)


@dataclass
class PlanFacts:
    """One plan of the data set, as the graph records it."""

    iri: str
    slug: str
    number: str
    title_vi: str
    issued: dt.date | None
    place_iris: list[str]
    implements: str | None
    issuer_vi: str | None


@dataclass
class DatasetFacts:
    """What the catalogue, VoID, landing page and descriptor say, read from graph.nt."""

    dataset_id: str
    plans: list[PlanFacts]
    places: dict[str, str]
    counts: dict[str, int]
    years: tuple[int, int] | None
    un_goals: list[tuple[str, str]]
    un_scheme: tuple[str, str] | None
    release: Release
    store: ox.Store = field(repr=False)

    @property
    def place_names(self) -> list[str]:
        return sorted(set(self.places.values()))

    @property
    def plan_numbers(self) -> list[str]:
        return [plan.number for plan in self.plans]


SDGKG = "https://w3id.org/sdgkg/ontology#"


_PREFIXES = f"""
PREFIX sdgkg: <{SDGKG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    """A SELECT query's solutions as variable → value (unbound variables left out)."""
    solutions = select(store, _PREFIXES + query)
    names = [v.value for v in solutions.variables]
    out = []
    for solution in solutions:
        out.append({name: solution[name].value for name in names if solution[name] is not None})
    return out


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_facts(
    out: Path, environ: Mapping[str, str] | None = None, store: ox.Store | None = None
) -> DatasetFacts:
    """Everything the descriptions need, from ``out/graph.nt`` (the one source of truth), or
    from ``store`` when the caller has that graph loaded already (2.7 M triples of a national
    build take ~10 s to load)."""
    graph = out / "graph.nt"
    if not graph.is_file():
        raise SdgkgError(f"{out}: no graph.nt (run `sdgkg build --out {out}` first)")
    store = store if store is not None else load_graph_store(graph)
    plans = _plans(store)
    if not plans:
        raise SdgkgError(f"{graph}: the graph holds no action plan")
    plan_places = _plan_places(out, plans)
    return DatasetFacts(
        dataset_id=_dataset_id(plans),
        plans=plans,
        places=plan_places,
        counts=_counts(store),
        years=_years(store),
        un_goals=_un_goals(store),
        un_scheme=_un_scheme(store),
        release=release_of([p.issued for p in plans if p.issued], environ),
        store=store,
    )


def _plans(store: ox.Store) -> list[PlanFacts]:
    """The graph's action plans (those with appendices), in IRI order, one row each."""
    plans: list[PlanFacts] = []
    for row in _rows(
        store,
        """SELECT ?plan ?number ?title ?issued ?implements ?issuer WHERE {
             ?plan a sdgkg:ActionPlan ; sdgkg:hasAppendix ?any ; dcterms:identifier ?number .
             OPTIONAL { ?plan dcterms:title ?title }
             OPTIONAL { ?plan dcterms:issued ?issued }
             OPTIONAL { ?plan sdgkg:implements/dcterms:identifier ?implements }
             OPTIONAL { ?plan dcterms:creator/rdfs:label ?issuer FILTER(lang(?issuer) = "vi") }
           } ORDER BY ?plan""",
    ):
        if plans and plans[-1].iri == row["plan"]:
            continue
        plans.append(
            PlanFacts(
                iri=row["plan"],
                slug=row["plan"].rsplit("/", 1)[-1],
                number=row["number"],
                title_vi=row.get("title", ""),
                issued=_date(row.get("issued")),
                place_iris=_place_iris(store, row["plan"]),
                implements=row.get("implements"),
                issuer_vi=row.get("issuer"),
            )
        )
    return plans


def _place_iris(store: ox.Store, plan: str) -> list[str]:
    """The plan's GeoNames places, sorted."""
    return [
        r["place"]
        for r in _rows(
            store,
            f"SELECT ?place WHERE {{ <{plan}> dcterms:spatial ?place . "
            "FILTER(isIRI(?place) && STRSTARTS(STR(?place), 'https://sws.geonames.org/')) }"
            " ORDER BY ?place",
        )
    ]


def _counts(store: ox.Store) -> dict[str, int]:
    """What the descriptions count: tasks, appendices, agents, partner assignments, triples."""
    counts = {
        name: int(_rows(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")[0]["n"])
        for name, pattern in (
            ("tasks", "?x a sdgkg:Task"),
            ("appendices", "?x a sdgkg:Appendix"),
            ("agents", "?a sdgkg:agent ?x"),
            ("partner_assignments", "?x sdgkg:role sdgkg:PartnerRole"),
        )
    }
    counts["triples"] = len(store)
    return counts


def _years(store: ox.Store) -> tuple[int, int] | None:
    """The first and last year of the tasks' implementation periods (None: no dated period)."""
    years = _rows(
        store,
        # the periods once each (a few dozen), not once per task (33,477 in a national graph)
        """SELECT (MIN(?b) AS ?start) (MAX(?e) AS ?end) WHERE {
             { SELECT DISTINCT ?p WHERE { ?task a sdgkg:Task ; sdgkg:implementationPeriod ?p } }
             ?p time:hasBeginning/time:inXSDgYear ?by ; time:hasEnd/time:inXSDgYear ?ey .
             BIND(xsd:integer(STR(?by)) AS ?b) BIND(xsd:integer(STR(?ey)) AS ?e) }""",
    )[0]
    return (int(years["start"]), int(years["end"])) if "start" in years else None


def _un_goals(store: ox.Store) -> list[tuple[str, str]]:
    """The UN goals the tasks serve (through their VSDG goals), in goal-number order, named by
    the UN's titles (the graph references the UN's concepts without restating their labels)."""
    goals = _rows(
        store,
        # each target's goal once (a few hundred targets), not once per task
        """SELECT DISTINCT ?un WHERE {
             { SELECT DISTINCT ?target WHERE { ?task a sdgkg:Task ; sdgkg:contributesTo ?target } }
             ?target skos:broader* ?goal . ?goal a sdgkg:Goal ; skos:closeMatch ?un . }""",
    )
    titles = {goal.iri: f"Goal {goal.goal}: {goal.title_en}" for goal in sdg_goals().values()}
    goals = [row for row in goals if row["un"] in titles]
    goals.sort(key=lambda row: int(re.sub(r"\D", "", row["un"].rsplit("/", 1)[-1]) or 0))
    return [(row["un"], titles[row["un"]]) for row in goals]


UN_SCHEME_LABEL = "UN Sustainable Development Goals (A/RES/71/313)"


def _un_scheme(store: ox.Store) -> tuple[str, str] | None:
    """The scheme of those UN goals, with its English name."""
    scheme = _rows(
        store,
        """SELECT ?scheme WHERE { ?goal skos:closeMatch ?un . ?goal a sdgkg:Goal .
             ?un skos:inScheme ?scheme . } LIMIT 1""",
    )
    return (scheme[0]["scheme"], UN_SCHEME_LABEL) if scheme else None


def _dataset_id(plans: list[PlanFacts]) -> str:
    """sdgkg-<plan slug>, or sdgkg-<n>-plans-<first slug>, at most 100 characters."""
    slugs = [plan.slug for plan in plans]
    dataset_id = "sdgkg-" + (slugs[0] if len(slugs) == 1 else f"{len(slugs)}-plans-{slugs[0]}")
    return dataset_id[:100]


def _plan_places(out: Path, plans: list[PlanFacts]) -> dict[str, str]:
    """GeoNames IRI → place name as the plan's metadata (tables/**/plan.json) spells it."""
    names: dict[str, str] = {}
    documents = sorted((out / "tables").rglob("plan.json")) if (out / "tables").is_dir() else []
    by_number = {}
    for path in documents:
        data = json.loads(path.read_text(encoding="utf-8"))
        by_number[data.get("number")] = data.get("place") or ""
    for plan in plans:
        for iri in plan.place_iris:
            names[iri] = by_number.get(plan.number) or iri
    return names


def titles(facts: DatasetFacts) -> dict[str, str]:
    """The data set's title in English and Vietnamese."""
    if len(facts.plans) == 1:
        plan, place = facts.plans[0], ", ".join(facts.place_names) or "Viet Nam"
        year = f", {plan.issued.year}" if plan.issued else ""
        return {
            "en": f"{place} SDG action plan (Decision {plan.number}{year}) as a knowledge graph",
            "vi": f"Kế hoạch hành động thực hiện các mục tiêu phát triển bền vững của {place} "
            f"(Quyết định {plan.number}{year}) dưới dạng đồ thị tri thức",
        }
    numbers = ", ".join(facts.plan_numbers)
    return {
        "en": f"SDG action plans of Viet Nam ({numbers}) as a knowledge graph",
        "vi": f"Các kế hoạch hành động thực hiện các mục tiêu phát triển bền vững ({numbers}) "
        "dưới dạng đồ thị tri thức",
    }


def descriptions(facts: DatasetFacts) -> dict[str, str]:
    """What the data set holds, with its figures, in English and Vietnamese."""
    c = facts.counts
    if len(facts.plans) == 1:
        plan = facts.plans[0]
        place = ", ".join(facts.place_names) or "the province"
        day = f" of {plan.issued:%d/%m/%Y}" if plan.issued else ""
        day_vi = f" ngày {plan.issued:%d/%m/%Y}" if plan.issued else ""
        national = f" (Decision {plan.implements})" if plan.implements else ""
        national_vi = f" (Quyết định {plan.implements})" if plan.implements else ""
        what_en = (
            f"The action plan by which {place} implements Viet Nam's national action plan "
            f"for the 2030 Agenda{national}, read from the text of Decision {plan.number}{day}"
        )
        what_vi = (
            f"Kế hoạch hành động của {place} triển khai Kế hoạch hành động quốc gia thực hiện "
            f"Chương trình nghị sự 2030 vì sự phát triển bền vững{national_vi}, được trích xuất "
            f"từ văn bản Quyết định {plan.number}{day_vi}"
        )
    else:
        what_en = f"{len(facts.plans)} SDG action plans ({', '.join(facts.plan_numbers)})"
        what_vi = f"{len(facts.plans)} kế hoạch hành động ({', '.join(facts.plan_numbers)})"
    return {
        "en": f"{what_en}: {c['appendices']} appendices (one per lead agency), {c['tasks']} "
        f"tasks, {c['agents']} agencies and units in their roles as lead or partner "
        f"({c['partner_assignments']} partner assignments), the Vietnamese SDG targets each "
        "task serves with their links to the UN SDG targets, and the implementation periods. "
        "Every fact keeps the line of the source text it was read from. Published as RDF "
        "(Turtle, N-Triples, JSON-LD) under the sdgkg ontology, with CSV tables described by "
        "CSVW and a Frictionless Data Package.",
        "vi": f"{what_vi}: {c['appendices']} phụ lục (mỗi phụ lục một cơ quan chủ trì), "
        f"{c['tasks']} nhiệm vụ, {c['agents']} cơ quan, đơn vị với vai trò chủ trì hoặc phối "
        f"hợp ({c['partner_assignments']} lượt phân công phối hợp), các mục tiêu phát triển "
        "bền vững của Việt Nam mà mỗi nhiệm vụ hướng tới cùng liên kết với các mục tiêu của "
        "Liên Hợp Quốc, và giai đoạn thực hiện. Mỗi dữ kiện đều ghi dòng văn bản nguồn. Dữ "
        "liệu được công bố dưới dạng RDF (Turtle, N-Triples, JSON-LD) theo bản thể sdgkg, kèm "
        "các bảng CSV có mô tả CSVW và gói dữ liệu Frictionless.",
    }


def keywords(facts: DatasetFacts) -> dict[str, list[str]]:
    places = facts.place_names
    return {
        "en": [
            "sustainable development goals",
            "SDG",
            "2030 Agenda",
            "action plan",
            "Viet Nam",
            *places,
            "knowledge graph",
            "linked data",
        ],
        "vi": [
            "mục tiêu phát triển bền vững",
            "Chương trình nghị sự 2030",
            "kế hoạch hành động",
            "Việt Nam",
            *places,
            "đồ thị tri thức",
        ],
    }


def local_build_notes(facts: DatasetFacts, settings: BundleSettings) -> dict[str, str]:
    """What a local build (not ``--release``) says of itself: which of its facts are defaults."""
    en, vi = [], []
    if not facts.release.from_settings and not facts.release.from_epoch:
        day = facts.release.date.isoformat()
        en.append(f"its date ({day}) is the plan's")
        vi.append(f"ngày ({day}) là ngày của kế hoạch")
    if settings.publisher == DEFAULT_PUBLISHER:
        en.append("the publisher is the default")
        vi.append("đơn vị công bố là giá trị mặc định")
    if not settings.contact_email:
        en.append("no contact address is given")
        vi.append("chưa có địa chỉ liên hệ")
    if settings.download_base == default_download_base(settings.base):
        en.append("the download addresses are the default ones")
        vi.append("địa chỉ tải về là địa chỉ mặc định")
    return {
        "en": "Local build, not a release" + (": " + "; ".join(en) if en else "") + ".",
        "vi": "Bản dựng cục bộ, không phải bản phát hành"
        + (": " + "; ".join(vi) if vi else "")
        + ".",
    }


def citation(facts: DatasetFacts, settings: BundleSettings) -> str:
    """A plain-text reference to the data set (author, year, title, version, URL)."""
    return (
        f"{settings.publisher} ({facts.release.date.year}). {titles(facts)['en']} "
        f"(version {settings.version}) [Data set]. {LICENCE_TITLE}. {settings.landing_page}"
    )


def bibtex(facts: DatasetFacts, settings: BundleSettings) -> str:
    key = slug(facts.dataset_id).replace("-", "_")
    return (
        f"@misc{{{key},\n"
        f"  author = {{{{{settings.publisher}}}}},\n"
        f"  title = {{{titles(facts)['en']}}},\n"
        f"  year = {{{facts.release.date.year}}},\n"
        f"  version = {{{settings.version}}},\n"
        f"  howpublished = {{\\url{{{settings.landing_page}}}}},\n"
        f"  note = {{Data set. {LICENCE_TITLE}}}\n"
        "}"
    )
