"""The extracted plan as RDF: tasks, qualified assignments, agencies, VSDG targets, periods,
and the source line of every fact. No blank nodes, so the same input gives the same triples.

The builder writes N-Triples lines directly (``nt_terms.py`` says why); ``build_triples`` and
``build`` give the same graph as rdflib terms, for the reference path (pyshacl, rdflib SPARQL).
"""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
from rdflib import Graph
from rdflib import namespace as rdflib_namespaces

from build_graph.graph.change_events import ChangeEventWriter
from build_graph.graph.labels import name_node
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
from build_graph.graph.prefixes import prefixes
from build_graph.graph.provenance import ExtractionRecord, build_time
from build_graph.graph.search import fold
from build_graph.graph.targets import TargetWriter, un_reach
from build_graph.graph.terms import RdflibTriple, triple_from_oxigraph
from build_graph.graph.vocab import DEFAULT_BASE, GEONAMES_HAI_PHONG, Iris
from build_graph.graph.vocab import SDGKG as SDGKG_NAMESPACE
from build_graph.model.agencies import (
    COLLECTIVE_KINDS,
    KIND_LABELS_VI,
    KINDS,
    Registry,
    slug,
)
from build_graph.model.periods import NAMED_KINDS, PERIOD_LABELS_VI
from build_graph.model.plan import Appendix, Assignment, DecisionRef, Plan, Task

DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME = (
    NtNamespace(str(getattr(rdflib_namespaces, name)))
    for name in ("DCTERMS", "FOAF", "ORG", "OWL", "PROV", "RDF", "RDFS", "SKOS", "TIME")
)
SDGKG = NtNamespace(str(SDGKG_NAMESPACE))
NAMES = {
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "sdgkg": SDGKG,
    "skos": SKOS,
}
ROLE_WORDS = {SDGKG.LeadRole: ("Chủ trì", "Lead"), SDGKG.PartnerRole: ("Phối hợp", "Partner")}

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
    """Builds the graph of one plan as N-Triples lines; call :meth:`build_lines` once.

    ``started``: the extraction's start time, recorded in PROV-O (default: the time
    ``SOURCE_DATE_EPOCH`` declares, else none, so that builds stay byte-reproducible)."""

    def __init__(
        self,
        plan: Plan,
        registry: Registry,
        base: str = DEFAULT_BASE,
        started: dt.datetime | None = None,
    ) -> None:
        self.plan = plan
        self.registry = registry.for_plan(plan.metadata)  # the plan's own province
        place = slug(plan.metadata.place or "unknown")
        self.iris = Iris(base, plan_slug(plan), place)
        self.nt = NtIris(base, plan_slug(plan), place)
        self.started = started if started is not None else build_time()
        self._lines: set[int] = set()
        self._agents: set[str] = set()
        self.lines: set[bytes] = set()

    def add(self, s: str, p: str, o: str) -> None:
        """Terms in N-Triples form (``nt_terms.py``); a triple is one UTF-8 line of a set
        (bytes: half the memory of Vietnamese str, and they sort several times faster)."""
        self.lines.add(f"{s} {p} {o} .\n".encode())

    def labels(self, node: str, text_vi: str, text_en: str | None = None) -> None:
        """A minted node's names (``labels.py``)."""
        name_node(self.add, node, text_vi, text_en)

    def build_lines(self) -> set[bytes]:
        """The plan's triples as N-Triples lines, unsorted; ``b"".join(sorted(...))`` is the
        canonical file (UTF-8 sorts as code points do)."""
        if not self.lines:
            self._plan()
            for appendix in self.plan.appendices:
                self._appendix(appendix)
            self._agencies()
            self._roles()
            TargetWriter(self.add, self.nt, NAMES, self._derived).write(self.plan.targets)
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
        """Prefixes for Turtle: the project's one map (``prefixes.py``) for this base."""
        return prefixes(self.iris.base)

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
        self.labels(
            plan,
            f"Kế hoạch hành động của {meta.place} (Quyết định {meta.number})",
            f"{meta.place} SDG action plan (Decision {meta.number})",
        )
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
            self.labels(person, meta.signer)  # a name: the same in every language
            if meta.signer_title:
                add(person, DCTERMS.description, vi(meta.signer_title))
            add(plan, DCTERMS.contributor, person)
        add(plan, PROV.wasDerivedFrom, iris.source)
        if meta.number_line:
            self._derived(plan, meta.number_line)
        if meta.implements:
            self._national_plan(plan, meta.implements)
        self._source_document(meta.number)
        if self.plan.layout != "appendix-per-lead":
            add(plan, SDGKG.layout, lit(self.plan.layout))
        ExtractionRecord(add, iris, NAMES).write(
            plan,
            meta.number,
            self.plan.source,
            self.plan.format,
            self.plan.layout,
            self.started,
        )

    def _source_document(self, number: str) -> None:
        add, source = self.add, self.nt.source
        add(source, RDF.type, PROV.Entity)
        add(source, RDF.type, FOAF.Document)
        add(source, DCTERMS.title, lit(self.plan.source.rsplit("/", 1)[-1]))
        add(source, DCTERMS.format, lit(MEDIA_TYPES.get(self.plan.format.split()[0], "text/plain")))
        if self.plan.format == "text":
            self.labels(
                source,
                f"Văn bản Quyết định {number} (bản thu thập từ web)",
                f"Scraped text of Decision {number}",
            )
        else:
            self.labels(
                source,
                f"Văn bản Quyết định {number} ({self.plan.format})",
                f"Document of Decision {number} ({self.plan.format})",
            )

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
        self.labels(
            national,
            f"Kế hoạch hành động quốc gia (Quyết định {ref.number})",
            f"National SDG action plan (Decision {ref.number})",
        )
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
        self.labels(pm, "Thủ tướng Chính phủ", "Prime Minister of Viet Nam")
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
        printers = _cell_printers(appendix)
        for task in appendix.tasks:
            self._task(node, appendix, task, numbers, printers)

    def _part_labels(self, node: str, appendix: Appendix) -> None:
        """An appendix is "Phụ lục NN"; a goal section of a one-table plan is "Phần N"."""
        add = self.add
        if appendix.kind == "appendix":
            self.labels(node, f"Phụ lục {appendix.number:02d}", f"Appendix {appendix.number:02d}")
            return
        add(node, RDF.type, SDGKG.PlanSection)
        self.labels(
            node,
            f"Phần {appendix.number:02d} của bảng nhiệm vụ",
            f"Part {appendix.number:02d} of the task table",
        )
        if appendix.title:
            add(node, DCTERMS.title, vi(appendix.title))
        goal = next((h.code.code for h in appendix.headings if h.kind == "goal"), None)
        if goal is not None:
            add(node, SDGKG.sectionGoal, self.nt.vsdg(goal))

    def _task(
        self,
        appendix_node: str,
        appendix: Appendix,
        task: Task,
        numbers: set[str],
        printers: dict[tuple[str, int], Task],
    ) -> None:
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
        self.labels(
            node,
            f"Nhiệm vụ {task.number} ({part_vi} {appendix.number:02d})",
            f"Task {task.number} ({part_en} {appendix.number:02d})",
        )
        add(node, DCTERMS.description, vi(task.text))
        add(node, SDGKG.searchText, lit(fold(task.text)))
        add(node, SDGKG.sourceLine, positive(task.line))
        self._derived(node, task.line)
        if task.parent_number and task.parent_number in numbers:
            add(node, SDGKG.subTaskOf, iris.task(appendix.number, task.parent_number))
        code = task.effective_target.code
        add(node, SDGKG.contributesTo, iris.vsdg(code))
        un_targets, un_goals = un_reach(code)
        for un_target in un_targets:
            add(node, SDGKG.unTarget, iri(un_target))
        for un_goal in un_goals:
            add(node, SDGKG.unGoal, iri(un_goal))
        self._leads(node, appendix, task, printers)
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
            self._labels_of_assignment(assignment, SDGKG.PartnerRole, mention.agency_id, task)
            self._printed_by(assignment, task.partner_cell, printers.get(("partner", _line(cell))))
        self._periods(node, task, printers)

    def _leads(
        self, node: str, appendix: Appendix, task: Task, printers: dict[tuple[str, int], Task]
    ) -> None:
        """The task's lead cell, where the plan has a lead column; else the line that names the
        appendix's lead (its heading, intro sentence or entry of the appendix list)."""
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
                line = appendix.lead_line or appendix.line
                inherited, raw = False, self._lead_words(appendix, line)
            self._assignment(node, assignment, lead, SDGKG.LeadRole, inherited, raw, line)
            self._labels_of_assignment(assignment, SDGKG.LeadRole, agency_id, task)
            if task.leads and cell is not None:
                self._printed_by(assignment, task.lead_cell, printers.get(("lead", cell.line)))

    def _lead_words(self, appendix: Appendix, line: int) -> str:
        """The words of ``line`` that name the appendix's lead, as printed there."""
        text = self.plan.line_texts.get(line, "")
        listed = [e.raw_name for e in self.plan.appendix_list if e.appendix == appendix.number]
        candidates = [appendix.lead_heading_raw, appendix.lead_intro_raw, *listed]
        return next((c for c in candidates if c and c in text), appendix.lead_heading_raw)

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

    def _labels_of_assignment(self, node: str, role: str, agency_id: str, task: Task) -> None:
        word_vi, word_en = ROLE_WORDS[role]
        name_vi, name_en = self._agency_names(agency_id)
        number = f"{task.number}{task.suffix}"
        self.labels(
            node,
            f"{word_vi} nhiệm vụ {number} (phụ lục {task.appendix:02d}): {name_vi}",
            f"{word_en} of task {number} (appendix {task.appendix:02d}): {name_en}",
        )

    def _agency_names(self, agency_id: str) -> tuple[str, str]:
        agency = self.registry.agencies.get(agency_id)
        if agency is not None:
            return agency.name_vi, agency.name_en
        raw = next(
            (m.raw for t in self.plan.tasks for m in t.partners if m.agency_id == agency_id),
            agency_id,
        )
        return raw, f"Unresolved: {raw}"

    def _printed_by(self, node: str, cell: Assignment, printer: Task | None) -> None:
        """An inherited cell's link to the task whose row printed it (beside its line)."""
        if cell.inherited and printer is not None:
            printed = self.nt.task(printer.appendix, printer.number + printer.suffix)
            self.add(node, SDGKG.inheritedFromTask, printed)

    def _roles(self) -> None:
        """The two roles, named in the data too (the ontology defines them)."""
        for role, names in (
            (SDGKG.LeadRole, ("cơ quan chủ trì", "lead agency")),
            (SDGKG.PartnerRole, ("đơn vị phối hợp", "partner unit")),
        ):
            self.add(role, RDF.type, ORG.Role)
            self.labels(role, *names)

    def _periods(self, node: str, task: Task, printers: dict[tuple[str, int], Task]) -> None:
        add, iris = self.add, self.nt
        cell = task.period_cell.cell
        if cell is None:
            return
        add(node, SDGKG.periodText, lit(cell.raw))
        add(node, SDGKG.periodInherited, boolean(task.period_cell.inherited))
        add(node, SDGKG.periodSourceLine, positive(cell.line))
        printer = printers.get(("period", cell.line))
        if task.period_cell.inherited and printer is not None:
            printed = iris.task(printer.appendix, printer.number + printer.suffix)
            add(node, SDGKG.periodInheritedFromTask, printed)
        self._lines.add(cell.line)
        for period in task.periods:
            if period.kind == "years" and period.start and period.end:
                interval = iris.period(period.start, period.end)
                add(node, SDGKG.implementationPeriod, interval)
                add(interval, RDF.type, SDGKG.ImplementationPeriod)
                add(interval, RDF.type, TIME.ProperInterval)
                if period.start == period.end:
                    self.labels(interval, f"Năm {period.start}", f"Year {period.start}")
                else:
                    span = f"{period.start}-{period.end}"
                    self.labels(interval, f"Giai đoạn {span}", f"Period {span}")
                for prop, year in ((TIME.hasBeginning, period.start), (TIME.hasEnd, period.end)):
                    instant = iris.year(year)
                    add(interval, prop, instant)
                    add(instant, RDF.type, TIME.Instant)
                    add(instant, TIME.inXSDgYear, gyear(year))
                    self.labels(instant, f"Năm {year}", f"Year {year}")
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
        self.labels(kind, PERIOD_LABELS_VI.get(name, name), label_en)

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
        # the 2025 reorganisation: the events that reach these agencies, today's bodies
        kinds_used |= ChangeEventWriter(self.add, self.nt, NAMES, self.registry).write(
            agents, agents
        )
        scheme = self.nt.kind_scheme
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.labels(
            scheme,
            "Các loại cơ quan, đơn vị trong kế hoạch hành động",
            "Kinds of agencies in the SDG action plans",
        )
        for kind in sorted(kinds_used):
            node = self.nt.kind(kind)
            self.add(node, RDF.type, SDGKG.AgencyKind)
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.inScheme, scheme)
            self.add(node, SKOS.notation, lit(kind))
            self.labels(node, KIND_LABELS_VI[kind], KINDS[kind])

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
        self.labels(
            scheme,
            "Các loại cơ quan, đơn vị có ở mọi tỉnh, thành phố",
            "Types of agencies every province has",
        )
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
                self.labels(node, names[0], names[1])
            else:
                self.labels(node, type_id)
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
            self.labels(node, raw, f"Unresolved: {raw}")
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
        self.labels(node, name_vi, name_en)
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

    # -- provenance -------------------------------------------------------------------------
    def _derived(self, node: str, line: int) -> None:
        self.add(node, PROV.wasDerivedFrom, self.nt.line(line))
        self._lines.add(line)

    def _source_lines(self) -> None:
        add = self.add
        texts = self.plan.line_texts  # read once by the reader, not again from the file
        refs = self.plan.source_refs  # empty for plain text: the line is the file's own line
        number_text = self.plan.metadata.number
        for number in sorted(self._lines):
            node = self.nt.line(number)
            add(node, RDF.type, SDGKG.SourceLine)
            add(node, SDGKG.lineOf, self.nt.source)
            add(node, SDGKG.lineNumber, positive(number))
            self.labels(
                node,
                f"Dòng {number} của văn bản Quyết định {number_text}",
                f"Line {number} of the text of Decision {number_text}",
            )
            if number in texts:
                add(node, PROV.value, lit(texts[number]))
            if number in refs:
                add(node, SDGKG.sourceReference, lit(refs[number]))


def _line(cell: object) -> int:
    return getattr(cell, "line", 0)


def _cell_printers(appendix: Appendix) -> dict[tuple[str, int], Task]:
    """(column, line of a printed cell) → the task whose row printed it, for the rows below
    that inherit the cell (a merged cell is printed once, on the first row it covers)."""
    printers: dict[tuple[str, int], Task] = {}
    for task in appendix.tasks:
        for column, cell in (
            ("partner", task.partner_cell),
            ("period", task.period_cell),
            ("lead", task.lead_cell),
        ):
            if cell.cell is not None and not cell.inherited:
                printers.setdefault((column, cell.cell.line), task)
    return printers


def build_graph(plan: Plan, registry: Registry, base: str = DEFAULT_BASE) -> Graph:
    """The RDF graph of one plan."""
    return GraphBuilder(plan, registry, base).build()
