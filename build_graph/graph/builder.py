"""The extracted plan as RDF: tasks, qualified assignments, agencies, VSDG targets, periods,
and the source line of every fact. No blank nodes, so the same input gives the same triples.

The builder writes N-Triples lines directly (``nt_terms.py`` says why); ``build_triples`` and
``build`` give the same graph as rdflib terms, for the reference path (pyshacl, rdflib SPARQL).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph
from rdflib import namespace as rdflib_namespaces

from build_graph.graph.nt_terms import (
    NtIris,
    NtNamespace,
    boolean,
    date,
    en,
    gyear,
    iri,
    lit,
    positive,
    vi,
)
from build_graph.graph.terms import RdflibTriple, triple_from_oxigraph
from build_graph.graph.vocab import DEFAULT_BASE, GEONAMES_HAI_PHONG, PREFIXES, Iris
from build_graph.graph.vocab import SDGKG as SDGKG_NAMESPACE
from build_graph.model.agencies import (
    COLLECTIVE_KINDS,
    KIND_LABELS_VI,
    KINDS,
    Registry,
    slug,
)
from build_graph.model.codes import TargetCode, sort_key
from build_graph.model.periods import NAMED_KINDS, PERIOD_LABELS_VI
from build_graph.model.plan import Appendix, DecisionRef, Plan, Task
from build_graph.model.sdg import VsdgLink, goals, un_targets, vsdg_links

DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME = (
    NtNamespace(str(getattr(rdflib_namespaces, name)))
    for name in ("DCTERMS", "FOAF", "ORG", "PROV", "RDF", "RDFS", "SKOS", "TIME")
)
SDGKG = NtNamespace(str(SDGKG_NAMESPACE))

MATCH_PROPERTIES = {
    "closeMatch": SKOS.closeMatch,
    "broadMatch": SKOS.broadMatch,
    "narrowMatch": SKOS.narrowMatch,
    "relatedMatch": SKOS.relatedMatch,
}
UN_SCHEME = iri("http://metadata.un.org/sdg")


# The media type of the source, by the format it was read as (document/detect.py's names).
MEDIA_TYPES = {
    "text": "text/plain",
    "tsv": "text/tab-separated-values",
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def plan_slug(plan: Plan) -> str:
    """ "hai-phong-2894-2017": place, decision number and year, stable across runs."""
    meta = plan.metadata
    number = meta.number.split("/")[0] if meta.number else "plan"
    year = meta.date.year if meta.date else "undated"
    return f"{slug(meta.place or 'unknown')}-{slug(number)}-{year}"


class GraphBuilder:
    """Builds the graph of one plan as N-Triples lines; call :meth:`build_lines` once."""

    def __init__(self, plan: Plan, registry: Registry, base: str = DEFAULT_BASE) -> None:
        self.plan = plan
        self.registry = registry.for_plan(plan.metadata)  # the plan's own province
        place = slug(plan.metadata.place or "unknown")
        self.iris = Iris(base, plan_slug(plan), place)
        self.nt = NtIris(base, plan_slug(plan), place)
        self._lines: set[int] = set()
        self._agents: set[str] = set()
        self.lines: set[bytes] = set()

    def add(self, s: str, p: str, o: str) -> None:
        """Terms in N-Triples form (``nt_terms.py``); a triple is one UTF-8 line of a set
        (bytes: half the memory of Vietnamese str, and they sort several times faster)."""
        self.lines.add(f"{s} {p} {o} .\n".encode())

    def build_lines(self) -> set[bytes]:
        """The plan's triples as N-Triples lines, unsorted; ``b"".join(sorted(...))`` is the
        canonical file (UTF-8 sorts as code points do)."""
        if not self.lines:
            self._plan()
            for appendix in self.plan.appendices:
                self._appendix(appendix)
            self._agencies()
            self._targets()
            self._source_lines()
        return self.lines

    def build_triples(self) -> set[RdflibTriple]:
        """The same triples as rdflib terms (the reference path; slower)."""
        text = b"".join(self.build_lines())
        return {triple_from_oxigraph(q) for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)}

    def build(self) -> Graph:
        """The triples loaded into an rdflib graph, with the prefixes bound."""
        graph = Graph()
        for prefix, namespace in self.prefixes().items():
            graph.bind(prefix, namespace)
        graph.addN((s, p, o, graph) for s, p, o in self.build_triples())
        return graph

    def prefixes(self) -> dict[str, str]:
        """Prefixes for Turtle: the vocabularies, and this plan's own IRIs."""
        return {
            **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
            "plan": f"{self.iris.plan}/",
            "agency": str(self.iris.agency("")),
            "vsdg": str(self.iris.vsdg("")),
        }

    # -- the plan --------------------------------------------------------------------------
    def _plan(self) -> None:
        meta, iris, add = self.plan.metadata, self.nt, self.add
        plan = iris.plan
        add(plan, RDF.type, SDGKG.ActionPlan)
        add(plan, RDF.type, PROV.Entity)
        add(plan, DCTERMS.identifier, lit(meta.number))
        add(
            plan, DCTERMS.title, vi(meta.title.capitalize() if meta.title.isupper() else meta.title)
        )
        add(plan, RDFS.label, vi(f"Kế hoạch hành động của {meta.place} (Quyết định {meta.number})"))
        add(plan, RDFS.label, en(f"{meta.place} SDG action plan (Decision {meta.number})"))
        if meta.date:
            add(plan, DCTERMS.issued, date(meta.date))
        add(plan, DCTERMS.spatial, iri(GEONAMES_HAI_PHONG) if meta.place == "Hải Phòng" else plan)
        issuer = self.registry.lookup(meta.issuer) if meta.issuer else None
        if issuer:
            self._agents.add(issuer[0])
            add(plan, DCTERMS.creator, iris.agency(issuer[0]))
            add(plan, PROV.wasAttributedTo, iris.agency(issuer[0]))
        if meta.signer:
            person = iris.person(slug(meta.signer))
            add(person, RDF.type, FOAF.Person)
            add(person, FOAF.name, lit(meta.signer))
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
        add(source, DCTERMS.title, lit(self.plan.source.rsplit("/", 1)[-1]))
        add(source, DCTERMS.format, lit(MEDIA_TYPES.get(self.plan.format.split()[0], "text/plain")))
        if self.plan.format == "text":
            add(source, RDFS.label, en(f"Scraped text of Decision {meta.number}"))
            add(source, RDFS.label, vi(f"Văn bản Quyết định {meta.number} (bản thu thập từ web)"))
        else:
            add(source, RDFS.label, en(f"Document of Decision {meta.number} ({self.plan.format})"))
            add(source, RDFS.label, vi(f"Văn bản Quyết định {meta.number} ({self.plan.format})"))
        if self.plan.layout != "appendix-per-lead":
            add(plan, SDGKG.layout, lit(self.plan.layout))

    def _national_plan(self, plan: str, ref: DecisionRef) -> None:
        add = self.add
        national = self.nt.national_plan(
            f"vn-{slug(ref.number.split('/')[0])}-{ref.date.year if ref.date else 'undated'}"
        )
        add(plan, SDGKG.implements, national)
        add(national, RDF.type, SDGKG.ActionPlan)
        add(national, RDF.type, PROV.Entity)
        add(national, DCTERMS.identifier, lit(ref.number))
        if ref.date:
            add(national, DCTERMS.issued, date(ref.date))
        add(national, RDFS.label, vi(f"Kế hoạch hành động quốc gia (Quyết định {ref.number})"))
        add(national, RDFS.label, en(f"National SDG action plan (Decision {ref.number})"))
        add(
            national,
            DCTERMS.title,
            vi(
                "Kế hoạch hành động quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát triển "
                "bền vững"
            ),
        )
        pm = self.nt.national_agency("thu-tuong-chinh-phu")
        add(national, DCTERMS.creator, pm)
        add(pm, RDF.type, ORG.Organization)
        add(pm, RDF.type, FOAF.Agent)
        add(pm, RDFS.label, vi("Thủ tướng Chính phủ"))
        add(pm, RDFS.label, en("Prime Minister of Viet Nam"))
        add(pm, SDGKG.agencyKind, self.nt.kind("central-body"))
        add(national, DCTERMS.spatial, iri("https://sws.geonames.org/1562822/"))
        if ref.line:
            self._derived(national, ref.line)

    # -- appendices and tasks ---------------------------------------------------------------
    def _appendix(self, appendix: Appendix) -> None:
        add, iris = self.add, self.nt
        node = iris.appendix(appendix.number)
        add(iris.plan, SDGKG.hasAppendix, node)
        add(node, RDF.type, SDGKG.Appendix)
        add(node, RDF.type, PROV.Entity)
        add(node, SDGKG.appendixNumber, positive(appendix.number))
        self._part_labels(node, appendix)
        if appendix.lead_agency_id:
            self._agents.add(appendix.lead_agency_id)
            add(node, SDGKG.leadAgency, iris.agency(appendix.lead_agency_id))
        add(node, SDGKG.sourceLine, positive(appendix.line))
        self._derived(node, appendix.line)
        if appendix.lead_heading_raw:
            add(node, SDGKG.rawText, lit(appendix.lead_heading_raw))
        for code in appendix.declared_targets:
            add(node, SDGKG.declaresTarget, iris.vsdg(code.code))
        numbers = {task.number for task in appendix.tasks}
        for task in appendix.tasks:
            self._task(node, appendix, task, numbers)

    def _part_labels(self, node: str, appendix: Appendix) -> None:
        """An appendix is "Phụ lục NN"; a goal section of a one-table plan is "Phần N"."""
        add = self.add
        if appendix.kind == "appendix":
            add(node, RDFS.label, vi(f"Phụ lục {appendix.number:02d}"))
            add(node, RDFS.label, en(f"Appendix {appendix.number:02d}"))
            return
        add(node, RDF.type, SDGKG.PlanSection)
        add(node, RDFS.label, vi(f"Phần {appendix.number:02d} của bảng nhiệm vụ"))
        add(node, RDFS.label, en(f"Part {appendix.number:02d} of the task table"))
        if appendix.title:
            add(node, DCTERMS.title, vi(appendix.title))
        goal = next((h.code.code for h in appendix.headings if h.kind == "goal"), None)
        if goal is not None:
            add(node, SDGKG.sectionGoal, self.nt.vsdg(goal))

    def _task(self, appendix_node: str, appendix: Appendix, task: Task, numbers: set[str]) -> None:
        add, iris = self.add, self.nt
        node = iris.task(appendix.number, task.number + task.suffix)
        add(appendix_node, SDGKG.hasTask, node)
        add(node, RDF.type, SDGKG.Task)
        add(node, RDF.type, PROV.Entity)
        add(node, SDGKG.inAppendix, appendix_node)
        add(node, SDGKG.taskNumber, lit(task.number + task.suffix))
        add(node, DCTERMS.identifier, lit(task.task_id))
        part_vi, part_en = (
            ("phụ lục", "appendix") if appendix.kind == "appendix" else ("phần", "part")
        )
        add(node, RDFS.label, vi(f"Nhiệm vụ {task.number} ({part_vi} {appendix.number:02d})"))
        add(node, RDFS.label, en(f"Task {task.number} ({part_en} {appendix.number:02d})"))
        add(node, DCTERMS.description, vi(task.text))
        add(node, SDGKG.sourceLine, positive(task.line))
        self._derived(node, task.line)
        if task.parent_number and task.parent_number in numbers:
            add(node, SDGKG.subTaskOf, iris.task(appendix.number, task.parent_number))
        add(node, SDGKG.contributesTo, iris.vsdg(task.effective_target.code))
        self._leads(node, appendix, task)
        cell = task.partner_cell.cell
        for mention in task.partners:
            agent = iris.agency(mention.agency_id)
            self._agents.add(mention.agency_id)
            add(node, SDGKG.partnerAgency, agent)
            assignment = iris.assignment(node, "partner", mention.agency_id)
            self._assignment(
                node,
                assignment,
                agent,
                SDGKG.PartnerRole,
                task.partner_cell.inherited,
                cell.raw if cell else "",
                cell.line if cell else task.line,
            )
            add(assignment, SDGKG.rawName, lit(mention.raw))
            add(assignment, SDGKG.resolution, lit(mention.how))
        self._periods(node, task)

    def _leads(self, node: str, appendix: Appendix, task: Task) -> None:
        """The task's lead cell, where the plan has a lead column; else its appendix's lead."""
        add, iris = self.add, self.nt
        cell = task.lead_cell.cell
        for agency_id in appendix.task_leads(task):
            lead = iris.agency(agency_id)
            self._agents.add(agency_id)
            add(node, SDGKG.leadAgency, lead)
            assignment = iris.assignment(node, "lead", agency_id)
            if task.leads and cell is not None:
                inherited, raw, line = task.lead_cell.inherited, cell.raw, cell.line
            else:
                inherited, raw, line = False, appendix.lead_heading_raw, appendix.line
            self._assignment(node, assignment, lead, SDGKG.LeadRole, inherited, raw, line)

    def _assignment(
        self,
        task: str,
        node: str,
        agent: str,
        role: str,
        inherited: bool,
        raw: str,
        line: int,
    ) -> None:
        add = self.add
        add(task, SDGKG.qualifiedAssignment, node)
        add(node, RDF.type, SDGKG.Assignment)
        add(node, SDGKG.agent, agent)
        add(node, SDGKG.role, role)
        add(node, SDGKG.inherited, boolean(inherited))
        add(node, SDGKG.rawText, lit(raw))
        add(node, SDGKG.sourceLine, positive(line))
        self._derived(node, line)
        if inherited:
            add(node, SDGKG.inheritedFrom, self.nt.line(line))

    def _periods(self, node: str, task: Task) -> None:
        add, iris = self.add, self.nt
        cell = task.period_cell.cell
        if cell is None:
            return
        add(node, SDGKG.periodText, lit(cell.raw))
        add(node, SDGKG.periodInherited, boolean(task.period_cell.inherited))
        add(node, SDGKG.periodSourceLine, positive(cell.line))
        self._lines.add(cell.line)
        for period in task.periods:
            if period.kind == "years" and period.start and period.end:
                interval = iris.period(period.start, period.end)
                add(node, SDGKG.implementationPeriod, interval)
                add(interval, RDF.type, SDGKG.ImplementationPeriod)
                add(interval, RDF.type, TIME.ProperInterval)
                add(interval, RDFS.label, lit(period.label))
                for prop, year in ((TIME.hasBeginning, period.start), (TIME.hasEnd, period.end)):
                    instant = iris.year(year)
                    add(interval, prop, instant)
                    add(instant, RDF.type, TIME.Instant)
                    add(instant, TIME.inXSDgYear, gyear(year))
            else:
                kind = iris.period_kind(period.kind)
                add(node, SDGKG.implementationPeriod, kind)
                self._period_kind(kind, period.kind)

    def _period_kind(self, kind: str, name: str) -> None:
        add = self.add
        add(kind, RDF.type, SDGKG.PeriodKind)
        add(kind, RDF.type, SKOS.Concept)
        add(kind, SKOS.notation, lit(name))
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
                    a.agency_id for a in self.registry.agencies.values() if agency_id in a.member_of
                }
        spellings: dict[str, set[str]] = {}
        for task in self.plan.tasks:
            for mention in task.partners:
                spellings.setdefault(mention.agency_id, set()).add(mention.raw)
        kinds_used: set[str] = set()
        for agency_id in sorted(agents):
            kinds_used.add(self._agency(agency_id, agents, spellings.get(agency_id, set())))
        self._agency_types(agents)
        kinds_used.add("central-body")
        scheme = self.nt.kind_scheme
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, SKOS.prefLabel, en("Kinds of agencies in the SDG action plans"))
        self.add(scheme, SKOS.prefLabel, vi("Các loại cơ quan, đơn vị trong kế hoạch hành động"))
        for kind in sorted(kinds_used):
            node = self.nt.kind(kind)
            self.add(node, RDF.type, SDGKG.AgencyKind)
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.inScheme, scheme)
            self.add(node, SKOS.notation, lit(kind))
            self.add(node, SKOS.prefLabel, en(KINDS[kind]))
            self.add(node, SKOS.prefLabel, vi(KIND_LABELS_VI[kind]))

    def _agency_types(self, agents: set[str]) -> None:
        """Each agency's national type ("Sở Y tế", in every province), and a public service
        unit's department (org:unitOf) where the plan names both."""
        add, iris = self.add, self.nt
        types = self.registry.types
        if types is None:
            return
        used = sorted(a for a in agents if a in types.types)
        if not used:
            return
        scheme = iris.agency_type_scheme
        add(scheme, RDF.type, SKOS.ConceptScheme)
        add(scheme, SKOS.prefLabel, en("Types of agencies every province has"))
        add(scheme, SKOS.prefLabel, vi("Các loại cơ quan, đơn vị có ở mọi tỉnh, thành phố"))
        for type_id in used:
            node = iris.agency_type(type_id)
            names = self.registry.type_name(type_id)
            agency_type = types.types[type_id]
            add(iris.agency(type_id), SDGKG.agencyType, node)
            add(node, RDF.type, SDGKG.AgencyType)
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, scheme)
            add(node, SKOS.notation, lit(type_id))
            if names:
                add(node, SKOS.prefLabel, vi(names[0]))
                add(node, SKOS.prefLabel, en(names[1]))
            if agency_type.level:
                add(node, SDGKG.governmentLevel, lit(agency_type.level))
            unit_of = self.registry.agencies[type_id].unit_of
            if unit_of and unit_of in agents:
                add(iris.agency(type_id), ORG.unitOf, iris.agency(unit_of))

    def _agency(self, agency_id: str, agents: set[str], spellings: set[str]) -> str:
        add = self.add
        node = self.nt.agency(agency_id)
        agency = self.registry.agencies.get(agency_id)
        if agency is None:  # an unresolved name
            raw = next(iter(sorted(spellings)), agency_id)
            add(node, RDF.type, SDGKG.UnresolvedAgent)
            add(node, RDF.type, FOAF.Agent)
            add(node, RDFS.label, vi(raw))
            add(node, RDFS.label, en(f"Unresolved: {raw}"))
            add(node, SDGKG.agencyKind, self.nt.kind("unresolved"))
            add(node, DCTERMS.identifier, lit(agency_id))
            return "unresolved"
        if agency.kind == "vague":
            add(node, RDF.type, SDGKG.UnspecifiedUnit)
        elif agency.kind in COLLECTIVE_KINDS:
            add(node, RDF.type, SDGKG.CollectiveUnit)
            add(node, RDF.type, ORG.Organization)
        else:
            add(node, RDF.type, ORG.Organization)
        add(node, RDF.type, FOAF.Agent)
        add(node, DCTERMS.identifier, lit(agency_id))
        name_vi, name_en = agency.name_vi, agency.name_en  # named for the plan's province
        add(node, RDFS.label, vi(name_vi))
        add(node, RDFS.label, en(name_en))
        add(node, SKOS.prefLabel, vi(name_vi))
        add(node, SKOS.prefLabel, en(name_en))
        for raw in sorted(spellings):
            if raw != name_vi:
                add(node, SKOS.altLabel, vi(raw))
        add(node, SDGKG.agencyKind, self.nt.kind(agency.kind))
        for parent in agency.member_of:
            if parent in agents:
                add(self.nt.agency(parent), ORG.hasSubOrganization, node)
                add(node, ORG.subOrganizationOf, self.nt.agency(parent))
        if agency.note:
            add(node, RDFS.comment, en(agency.note))
        return agency.kind

    # -- targets ----------------------------------------------------------------------------
    def _targets(self) -> None:
        add, iris = self.add, self.nt
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
            add(node, SKOS.notation, lit(code))
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
        self, node: str, target: TargetCode, text_vi: str, link: VsdgLink | None
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

    def _un_links(self, node: str, target: TargetCode, links: dict[str, VsdgLink]) -> None:
        add = self.add
        link = links.get(target.code)
        if link is None and target.level == "goal":
            add(node, SKOS.closeMatch, iri(goals()[target.goal].iri))
            add(node, SDGKG.matchMethod, SDGKG.TextComparison)
            add(node, SDGKG.matchNote, en("The 17 VSDG goals take up the 17 UN SDGs one by one."))
            return
        if link is None and target.parent:
            parent = links.get(target.parent)
            if parent:
                for un_iri in parent.un_match:
                    add(node, SKOS.broadMatch, iri(un_iri))
                add(node, SDGKG.matchMethod, SDGKG.InheritedFromParent)
                add(
                    node,
                    SDGKG.matchNote,
                    en(
                        f"No text of its own in the source; linked through its parent VSDG "
                        f"{target.parent}."
                    ),
                )
            return
        if link is None:
            return
        for un_iri in link.un_match:
            add(node, MATCH_PROPERTIES[link.match_type], iri(un_iri))
        add(node, SDGKG.matchMethod, SDGKG.TextComparison)
        add(node, SDGKG.matchNote, en(link.match_note))

    def _un_framework(self) -> None:
        """The UN goals and targets, so that coverage and gaps can be asked in SPARQL."""
        add = self.add
        add(UN_SCHEME, RDF.type, SKOS.ConceptScheme)
        add(UN_SCHEME, SKOS.prefLabel, en("UN Sustainable Development Goals (A/RES/71/313)"))
        for goal in goals().values():
            node = iri(goal.iri)
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, UN_SCHEME)
            add(node, SKOS.topConceptOf, UN_SCHEME)
            add(node, SKOS.notation, lit(str(goal.goal)))
            add(node, SKOS.prefLabel, en(f"Goal {goal.goal}: {goal.title_en}"))
            add(node, SKOS.definition, en(goal.statement_en))
        for target in un_targets().values():
            node = iri(target.iri)
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, UN_SCHEME)
            add(node, SKOS.notation, lit(target.code))
            add(node, SKOS.prefLabel, en(f"Target {target.code}"))
            add(node, SKOS.definition, en(target.text_en))
            add(node, SKOS.broader, iri(goals()[target.goal].iri))

    # -- provenance -------------------------------------------------------------------------
    def _derived(self, node: str, line: int) -> None:
        self.add(node, PROV.wasDerivedFrom, self.nt.line(line))
        self._lines.add(line)

    def _source_lines(self) -> None:
        add = self.add
        texts = self.plan.line_texts  # read once by the reader, not again from the file
        refs = self.plan.source_refs  # empty for plain text: the line is the file's own line
        for number in sorted(self._lines):
            node = self.nt.line(number)
            add(node, RDF.type, SDGKG.SourceLine)
            add(node, SDGKG.lineOf, self.nt.source)
            add(node, SDGKG.lineNumber, positive(number))
            if number in texts:
                add(node, PROV.value, lit(texts[number]))
            if number in refs:
                add(node, SDGKG.sourceReference, lit(refs[number]))


def build_graph(plan: Plan, registry: Registry, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one plan."""
    return GraphBuilder(plan, registry, base).build()
