"""The extracted plan as RDF: tasks, qualified assignments, agencies, VSDG targets, periods,
and the source line of every fact. No blank nodes, so the same input gives the same triples."""

from __future__ import annotations

import functools

from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespaces

from .agencies import KINDS, Registry, slug
from .codes import TargetCode, sort_key
from .model import Appendix, DecisionRef, Plan, Task
from .periods import NAMED_KINDS
from .sdgdata import VsdgLink, goals, un_targets, vsdg_links
from .vocab import DEFAULT_BASE, GEONAMES_HAI_PHONG, PREFIXES, SDGKG, Iris, cached_namespace

# rdflib's closed namespaces build a new term on every attribute access; the builder asks for
# them ~90k times per plan, so it uses cached copies.
DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD = (
    cached_namespace(getattr(rdflib_namespaces, name))
    for name in ("DCTERMS", "FOAF", "ORG", "PROV", "RDF", "RDFS", "SKOS", "TIME", "XSD")
)

KIND_LABELS_VI = {
    "department": "Sở (cơ quan chuyên môn của Ủy ban nhân dân thành phố)",
    "city-body": "Cơ quan cấp thành phố",
    "public-service-unit": "Đơn vị sự nghiệp công lập",
    "police": "Công an",
    "military": "Quân sự, biên phòng",
    "inspectorate": "Thanh tra",
    "judicial": "Tòa án, viện kiểm sát",
    "media": "Cơ quan báo chí, phát thanh, truyền hình",
    "mass-organisation": "Tổ chức chính trị - xã hội, đoàn thể",
    "association": "Hội, hiệp hội nghề nghiệp, doanh nghiệp",
    "enterprise": "Doanh nghiệp",
    "central-body": "Cơ quan trung ương, cơ quan ngành dọc",
    "city-committee": "Ủy ban nhân dân thành phố",
    "district-committee": "Ủy ban nhân dân quận, huyện",
    "district-collective": "Ủy ban nhân dân các quận, huyện (tập thể)",
    "commune-collective": "Ủy ban nhân dân cấp xã (tập thể)",
    "collective": "Tập thể đơn vị",
    "vague": "Đơn vị chung chung, không xác định",
    "unresolved": "Tên chưa xác định",
}
COLLECTIVE_KINDS = {"district-collective", "commune-collective", "collective"}
PERIOD_LABELS_VI = {
    "annual": "Hàng năm",
    "annual-plan": "Theo kế hoạch hàng năm",
    "plan-roadmap": "Theo lộ trình của quy hoạch",
    "project-schedule": "Theo tiến độ từng dự án cụ thể",
}
MATCH_PROPERTIES = {
    "closeMatch": SKOS.closeMatch,
    "broadMatch": SKOS.broadMatch,
    "narrowMatch": SKOS.narrowMatch,
    "relatedMatch": SKOS.relatedMatch,
}
UN_SCHEME = URIRef("http://metadata.un.org/sdg")


def plan_slug(plan: Plan) -> str:
    """ "hai-phong-2894-2017": place, decision number and year, stable across runs."""
    meta = plan.metadata
    number = meta.number.split("/")[0] if meta.number else "plan"
    year = meta.date.year if meta.date else "undated"
    return f"{slug(meta.place or 'unknown')}-{slug(number)}-{year}"


@functools.lru_cache(maxsize=65536)
def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


@functools.lru_cache(maxsize=8192)
def en(text: str) -> Literal:
    return Literal(text, lang="en")


@functools.lru_cache(maxsize=65536)
def positive(number: int) -> Literal:
    """Literals are immutable: the same line number is one object, built once."""
    return Literal(str(number), datatype=XSD.positiveInteger)


class GraphBuilder:
    """Builds the graph of one plan; call :meth:`build` once."""

    def __init__(self, plan: Plan, registry: Registry, base: str = DEFAULT_BASE) -> None:
        self.plan = plan
        self.registry = registry
        place = slug(plan.metadata.place or "unknown")
        self.iris = Iris(base, plan_slug(plan), place)
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.graph.bind("plan", f"{self.iris.plan}/")
        self.graph.bind("agency", self.iris.agency(""))
        self.graph.bind("vsdg", self.iris.vsdg(""))
        self._lines: set[int] = set()
        self._agents: set[str] = set()
        self.triples: set[tuple[URIRef, URIRef, URIRef | Literal]] = set()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        """Triples are collected in a set, then loaded into the graph at once."""
        self.triples.add((s, p, o))

    def build_triples(self) -> set[tuple[URIRef, URIRef, URIRef | Literal]]:
        """Collect the plan's triples (no rdflib store involved: fast)."""
        if not self.triples:
            self._plan()
            for appendix in self.plan.appendices:
                self._appendix(appendix)
            self._agencies()
            self._targets()
            self._source_lines()
        return self.triples

    def build(self) -> Graph:
        """The triples loaded into an rdflib graph, for validation and SPARQL."""
        self.graph.addN((s, p, o, self.graph) for s, p, o in self.build_triples())
        return self.graph

    # -- the plan --------------------------------------------------------------------------
    def _plan(self) -> None:
        meta, iris, add = self.plan.metadata, self.iris, self.add
        plan = iris.plan
        add(plan, RDF.type, SDGKG.ActionPlan)
        add(plan, RDF.type, PROV.Entity)
        add(plan, DCTERMS.identifier, Literal(meta.number))
        add(
            plan, DCTERMS.title, vi(meta.title.capitalize() if meta.title.isupper() else meta.title)
        )
        add(plan, RDFS.label, vi(f"Kế hoạch hành động của {meta.place} (Quyết định {meta.number})"))
        add(plan, RDFS.label, en(f"{meta.place} SDG action plan (Decision {meta.number})"))
        if meta.date:
            add(plan, DCTERMS.issued, Literal(meta.date, datatype=XSD.date))
        add(plan, DCTERMS.spatial, GEONAMES_HAI_PHONG if meta.place == "Hải Phòng" else plan)
        issuer = self.registry.lookup(meta.issuer) if meta.issuer else None
        if issuer:
            self._agents.add(issuer[0])
            add(plan, DCTERMS.creator, iris.agency(issuer[0]))
            add(plan, PROV.wasAttributedTo, iris.agency(issuer[0]))
        if meta.signer:
            person = iris.person(slug(meta.signer))
            add(person, RDF.type, FOAF.Person)
            add(person, FOAF.name, Literal(meta.signer))
            add(person, RDFS.label, vi(meta.signer))
            if meta.signer_title:
                add(person, DCTERMS.description, vi(meta.signer_title))
            add(plan, DCTERMS.contributor, person)
        add(plan, PROV.wasDerivedFrom, iris.source)
        if meta.number_line:
            self._derived(plan, meta.number_line)
        if meta.implements:
            self._national_plan(plan, meta.implements)
        source = iris.source
        add(source, RDF.type, PROV.Entity)
        add(source, RDF.type, FOAF.Document)
        add(source, DCTERMS.title, Literal(self.plan.source.rsplit("/", 1)[-1]))
        add(source, DCTERMS.format, Literal("text/plain"))
        add(source, RDFS.label, en(f"Scraped text of Decision {meta.number}"))
        add(source, RDFS.label, vi(f"Văn bản Quyết định {meta.number} (bản thu thập từ web)"))

    def _national_plan(self, plan: URIRef, ref: DecisionRef) -> None:
        add = self.add
        national = self.iris.national_plan(
            f"vn-{slug(ref.number.split('/')[0])}-{ref.date.year if ref.date else 'undated'}"
        )
        add(plan, SDGKG.implements, national)
        add(national, RDF.type, SDGKG.ActionPlan)
        add(national, RDF.type, PROV.Entity)
        add(national, DCTERMS.identifier, Literal(ref.number))
        if ref.date:
            add(national, DCTERMS.issued, Literal(ref.date, datatype=XSD.date))
        add(national, RDFS.label, vi(f"Kế hoạch hành động quốc gia (Quyết định {ref.number})"))
        add(national, RDFS.label, en(f"National SDG action plan (Decision {ref.number})"))
        add(national, DCTERMS.title, vi(
            "Kế hoạch hành động quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát triển "
            "bền vững"
        ))  # fmt: skip
        pm = self.iris.national_agency("thu-tuong-chinh-phu")
        add(national, DCTERMS.creator, pm)
        add(pm, RDF.type, ORG.Organization)
        add(pm, RDF.type, FOAF.Agent)
        add(pm, RDFS.label, vi("Thủ tướng Chính phủ"))
        add(pm, RDFS.label, en("Prime Minister of Viet Nam"))
        add(pm, SDGKG.agencyKind, self.iris.kind("central-body"))
        add(national, DCTERMS.spatial, URIRef("https://sws.geonames.org/1562822/"))
        if ref.line:
            self._derived(national, ref.line)

    # -- appendices and tasks ---------------------------------------------------------------
    def _appendix(self, appendix: Appendix) -> None:
        add, iris = self.add, self.iris
        node = iris.appendix(appendix.number)
        lead = iris.agency(appendix.lead_agency_id)
        self._agents.add(appendix.lead_agency_id)
        add(iris.plan, SDGKG.hasAppendix, node)
        add(node, RDF.type, SDGKG.Appendix)
        add(node, RDF.type, PROV.Entity)
        add(node, SDGKG.appendixNumber, positive(appendix.number))
        add(node, RDFS.label, vi(f"Phụ lục {appendix.number:02d}"))
        add(node, RDFS.label, en(f"Appendix {appendix.number:02d}"))
        add(node, SDGKG.leadAgency, lead)
        add(node, SDGKG.sourceLine, positive(appendix.line))
        self._derived(node, appendix.line)
        if appendix.lead_heading_raw:
            add(node, SDGKG.rawText, Literal(appendix.lead_heading_raw))
        for code in appendix.declared_targets:
            add(node, SDGKG.declaresTarget, iris.vsdg(code.code))
        numbers = {task.number for task in appendix.tasks}
        for task in appendix.tasks:
            self._task(node, lead, appendix, task, numbers)

    def _task(
        self, appendix_node: URIRef, lead: URIRef, appendix: Appendix, task: Task,
        numbers: set[str],
    ) -> None:  # fmt: skip
        add, iris = self.add, self.iris
        node = iris.task(appendix.number, task.number + task.suffix)
        add(appendix_node, SDGKG.hasTask, node)
        add(node, RDF.type, SDGKG.Task)
        add(node, RDF.type, PROV.Entity)
        add(node, SDGKG.inAppendix, appendix_node)
        add(node, SDGKG.taskNumber, Literal(task.number + task.suffix))
        add(node, DCTERMS.identifier, Literal(task.task_id))
        add(node, RDFS.label, vi(f"Nhiệm vụ {task.number} (phụ lục {appendix.number:02d})"))
        add(node, RDFS.label, en(f"Task {task.number} (appendix {appendix.number:02d})"))
        add(node, DCTERMS.description, vi(task.text))
        add(node, SDGKG.sourceLine, positive(task.line))
        self._derived(node, task.line)
        if task.parent_number and task.parent_number in numbers:
            add(node, SDGKG.subTaskOf, iris.task(appendix.number, task.parent_number))
        add(node, SDGKG.contributesTo, iris.vsdg(task.effective_target.code))
        add(node, SDGKG.leadAgency, lead)
        lead_assignment = iris.assignment(node, "lead", appendix.lead_agency_id)
        self._assignment(node, lead_assignment, lead, SDGKG.LeadRole, False,
                         appendix.lead_heading_raw, appendix.line)  # fmt: skip
        cell = task.partner_cell.cell
        for mention in task.partners:
            agent = iris.agency(mention.agency_id)
            self._agents.add(mention.agency_id)
            add(node, SDGKG.partnerAgency, agent)
            assignment = iris.assignment(node, "partner", mention.agency_id)
            self._assignment(node, assignment, agent, SDGKG.PartnerRole,
                             task.partner_cell.inherited, cell.raw if cell else "",
                             cell.line if cell else task.line)  # fmt: skip
            add(assignment, SDGKG.rawName, Literal(mention.raw))
            add(assignment, SDGKG.resolution, Literal(mention.how))
        self._periods(node, task)

    def _assignment(
        self, task: URIRef, node: URIRef, agent: URIRef, role: URIRef, inherited: bool,
        raw: str, line: int,
    ) -> None:  # fmt: skip
        add = self.add
        add(task, SDGKG.qualifiedAssignment, node)
        add(node, RDF.type, SDGKG.Assignment)
        add(node, SDGKG.agent, agent)
        add(node, SDGKG.role, role)
        add(node, SDGKG.inherited, Literal(inherited))
        add(node, SDGKG.rawText, Literal(raw))
        add(node, SDGKG.sourceLine, positive(line))
        self._derived(node, line)
        if inherited:
            add(node, SDGKG.inheritedFrom, self.iris.line(line))

    def _periods(self, node: URIRef, task: Task) -> None:
        add, iris = self.add, self.iris
        cell = task.period_cell.cell
        if cell is None:
            return
        add(node, SDGKG.periodText, Literal(cell.raw))
        add(node, SDGKG.periodInherited, Literal(task.period_cell.inherited))
        add(node, SDGKG.periodSourceLine, positive(cell.line))
        self._lines.add(cell.line)
        for period in task.periods:
            if period.kind == "years" and period.start and period.end:
                interval = iris.period(period.start, period.end)
                add(node, SDGKG.implementationPeriod, interval)
                add(interval, RDF.type, SDGKG.ImplementationPeriod)
                add(interval, RDF.type, TIME.ProperInterval)
                add(interval, RDFS.label, Literal(period.label))
                for prop, year in ((TIME.hasBeginning, period.start), (TIME.hasEnd, period.end)):
                    instant = iris.year(year)
                    add(interval, prop, instant)
                    add(instant, RDF.type, TIME.Instant)
                    add(instant, TIME.inXSDgYear, Literal(str(year), datatype=XSD.gYear))
            else:
                kind = iris.period_kind(period.kind)
                add(node, SDGKG.implementationPeriod, kind)
                self._period_kind(kind, period.kind)

    def _period_kind(self, kind: URIRef, name: str) -> None:
        add = self.add
        add(kind, RDF.type, SDGKG.PeriodKind)
        add(kind, RDF.type, SKOS.Concept)
        add(kind, SKOS.notation, Literal(name))
        label_en = next((label for _, k, label in NAMED_KINDS if k == name), name)
        add(kind, SKOS.prefLabel, en(label_en))
        add(kind, SKOS.prefLabel, vi(PERIOD_LABELS_VI.get(name, name)))

    # -- agencies ---------------------------------------------------------------------------
    def _agencies(self) -> None:
        agents = set(self._agents)
        for agency_id in list(agents):
            agency = self.registry.agencies.get(agency_id)
            if agency and agency.kind in COLLECTIVE_KINDS:
                agents |= {
                    a.agency_id for a in self.registry.agencies.values()
                    if agency_id in a.member_of
                }  # fmt: skip
        spellings: dict[str, set[str]] = {}
        for task in self.plan.tasks:
            for mention in task.partners:
                spellings.setdefault(mention.agency_id, set()).add(mention.raw)
        kinds_used: set[str] = set()
        for agency_id in sorted(agents):
            kinds_used.add(self._agency(agency_id, agents, spellings.get(agency_id, set())))
        kinds_used.add("central-body")
        scheme = self.iris.kind_scheme
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, SKOS.prefLabel, en("Kinds of agencies in the SDG action plans"))
        self.add(scheme, SKOS.prefLabel, vi("Các loại cơ quan, đơn vị trong kế hoạch hành động"))
        for kind in sorted(kinds_used):
            node = self.iris.kind(kind)
            self.add(node, RDF.type, SDGKG.AgencyKind)
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.inScheme, scheme)
            self.add(node, SKOS.notation, Literal(kind))
            self.add(node, SKOS.prefLabel, en(KINDS[kind]))
            self.add(node, SKOS.prefLabel, vi(KIND_LABELS_VI[kind]))

    def _agency(self, agency_id: str, agents: set[str], spellings: set[str]) -> str:
        add = self.add
        node = self.iris.agency(agency_id)
        agency = self.registry.agencies.get(agency_id)
        if agency is None:  # an unresolved name
            raw = next(iter(sorted(spellings)), agency_id)
            add(node, RDF.type, SDGKG.UnresolvedAgent)
            add(node, RDF.type, FOAF.Agent)
            add(node, RDFS.label, vi(raw))
            add(node, RDFS.label, en(f"Unresolved: {raw}"))
            add(node, SDGKG.agencyKind, self.iris.kind("unresolved"))
            add(node, DCTERMS.identifier, Literal(agency_id))
            return "unresolved"
        if agency.kind == "vague":
            add(node, RDF.type, SDGKG.UnspecifiedUnit)
        elif agency.kind in COLLECTIVE_KINDS:
            add(node, RDF.type, SDGKG.CollectiveUnit)
            add(node, RDF.type, ORG.Organization)
        else:
            add(node, RDF.type, ORG.Organization)
        add(node, RDF.type, FOAF.Agent)
        add(node, DCTERMS.identifier, Literal(agency_id))
        add(node, RDFS.label, vi(agency.name_vi))
        add(node, RDFS.label, en(agency.name_en))
        add(node, SKOS.prefLabel, vi(agency.name_vi))
        add(node, SKOS.prefLabel, en(agency.name_en))
        for raw in sorted(spellings):
            if raw != agency.name_vi:
                add(node, SKOS.altLabel, vi(raw))
        add(node, SDGKG.agencyKind, self.iris.kind(agency.kind))
        for parent in agency.member_of:
            if parent in agents:
                add(self.iris.agency(parent), ORG.hasSubOrganization, node)
                add(node, ORG.subOrganizationOf, self.iris.agency(parent))
        if agency.note:
            add(node, RDFS.comment, en(agency.note))
        return agency.kind

    # -- targets ----------------------------------------------------------------------------
    def _targets(self) -> None:
        add, iris = self.add, self.iris
        scheme = iris.vsdg_scheme
        add(scheme, RDF.type, SKOS.ConceptScheme)
        add(scheme, SKOS.prefLabel, en("Viet Nam's sustainable development goals and targets"))
        add(scheme, SKOS.prefLabel, vi("Các mục tiêu phát triển bền vững của Việt Nam"))
        add(scheme, DCTERMS.source, iris.national_plan("vn-622-2017"))
        links = vsdg_links()
        codes = set(self.plan.targets) | {str(g) for g in goals()}
        for code in sorted(codes, key=sort_key):
            info = self.plan.targets.get(code)
            target = TargetCode(code)
            node = iris.vsdg(code)
            cls = {"goal": SDGKG.Goal, "target": SDGKG.Target, "subtarget": SDGKG.SubTarget}
            add(node, RDF.type, cls[target.level])
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, scheme)
            add(node, SKOS.notation, Literal(code))
            if target.parent:
                add(node, SKOS.broader, iris.vsdg(target.parent))
                add(iris.vsdg(target.parent), SKOS.narrower, node)
            else:
                add(node, SKOS.topConceptOf, scheme)
                add(scheme, SKOS.hasTopConcept, node)
            self._target_labels(node, target, info.text_vi if info else "", links.get(code))
            self._un_links(node, target, links)
            if info and info.line:
                self._derived(node, info.line)
        self._un_framework()
        for method in (SDGKG.TextComparison, SDGKG.InheritedFromParent):
            add(method, RDF.type, SDGKG.MatchMethod)
            add(method, RDF.type, SKOS.Concept)
        add(SDGKG.TextComparison, SKOS.prefLabel, en("comparison of target texts"))
        add(SDGKG.TextComparison, SKOS.prefLabel, vi("so sánh nội dung mục tiêu"))
        add(SDGKG.InheritedFromParent, SKOS.prefLabel, en("inherited from the parent target"))
        add(SDGKG.InheritedFromParent, SKOS.prefLabel, vi("kế thừa từ mục tiêu cha"))

    def _target_labels(
        self, node: URIRef, target: TargetCode, text_vi: str, link: VsdgLink | None
    ) -> None:
        add = self.add
        if target.level == "goal":
            goal = goals()[target.goal]
            add(node, SKOS.prefLabel, vi(f"Mục tiêu {target.code}: {goal.title_vi}"))
            add(node, SKOS.prefLabel, en(f"VSDG goal {target.code}: {goal.title_en}"))
            if text_vi:
                add(node, SKOS.definition, vi(text_vi))
            return
        word = "target" if target.level == "target" else "sub-target"
        add(node, SKOS.prefLabel, vi(f"Mục tiêu {target.code}"))
        add(node, SKOS.prefLabel, en(f"VSDG {word} {target.code}"))
        if text_vi:
            add(node, SKOS.definition, vi(text_vi))
        if link and link.text_en:
            add(node, SKOS.definition, en(link.text_en))

    def _un_links(self, node: URIRef, target: TargetCode, links: dict[str, VsdgLink]) -> None:
        add = self.add
        link = links.get(target.code)
        if link is None and target.level == "goal":
            add(node, SKOS.closeMatch, URIRef(goals()[target.goal].iri))
            add(node, SDGKG.matchMethod, SDGKG.TextComparison)
            add(node, SDGKG.matchNote, en("The 17 VSDG goals take up the 17 UN SDGs one by one."))
            return
        if link is None and target.parent:
            parent = links.get(target.parent)
            if parent:
                for iri in parent.un_match:
                    add(node, SKOS.broadMatch, URIRef(iri))
                add(node, SDGKG.matchMethod, SDGKG.InheritedFromParent)
                add(node, SDGKG.matchNote, en(
                    f"No text of its own in the source; linked through its parent VSDG "
                    f"{target.parent}."
                ))  # fmt: skip
            return
        if link is None:
            return
        for iri in link.un_match:
            add(node, MATCH_PROPERTIES[link.match_type], URIRef(iri))
        add(node, SDGKG.matchMethod, SDGKG.TextComparison)
        add(node, SDGKG.matchNote, en(link.match_note))

    def _un_framework(self) -> None:
        """The UN goals and targets, so that coverage and gaps can be asked in SPARQL."""
        add = self.add
        add(UN_SCHEME, RDF.type, SKOS.ConceptScheme)
        add(UN_SCHEME, SKOS.prefLabel, en("UN Sustainable Development Goals (A/RES/71/313)"))
        for goal in goals().values():
            node = URIRef(goal.iri)
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, UN_SCHEME)
            add(node, SKOS.topConceptOf, UN_SCHEME)
            add(node, SKOS.notation, Literal(str(goal.goal)))
            add(node, SKOS.prefLabel, en(f"Goal {goal.goal}: {goal.title_en}"))
            add(node, SKOS.definition, en(goal.statement_en))
        for target in un_targets().values():
            node = URIRef(target.iri)
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, UN_SCHEME)
            add(node, SKOS.notation, Literal(target.code))
            add(node, SKOS.prefLabel, en(f"Target {target.code}"))
            add(node, SKOS.definition, en(target.text_en))
            add(node, SKOS.broader, URIRef(goals()[target.goal].iri))

    # -- provenance -------------------------------------------------------------------------
    def _derived(self, node: URIRef, line: int) -> None:
        self.add(node, PROV.wasDerivedFrom, self.iris.line(line))
        self._lines.add(line)

    def _source_lines(self) -> None:
        add = self.add
        texts = self.plan.line_texts  # read once by the reader, not again from the file
        for number in sorted(self._lines):
            node = self.iris.line(number)
            add(node, RDF.type, SDGKG.SourceLine)
            add(node, SDGKG.lineOf, self.iris.source)
            add(node, SDGKG.lineNumber, positive(number))
            if number in texts:
                add(node, PROV.value, Literal(texts[number]))


def build_graph(plan: Plan, registry: Registry, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one plan."""
    return GraphBuilder(plan, registry, base).build()
