"""The 2025 reorganisation in the graph: W3C ORG change events applied to one plan's agencies.

``data/changes/`` records the events per agency *type* ("every province's Sở Tài nguyên và Môi
trường became part of its Sở Nông nghiệp và Môi trường"). A plan's graph instantiates them for
its own province only: the event ``change/hai-phong/t-so-nn-mt`` takes
``agency/hai-phong/so-tnmt`` and ``agency/hai-phong/so-nnptnt`` to ``agency/hai-phong/so-nn-mt``.
Names are never matched across provinces: an id is an id of the province's registry.

Only the events on the way from one of the plan's agencies to its holders on the cut-off day
(``CURATED_UNTIL``) are written, and only verified ones: an unverified event is kept out of the
graph as it is kept out of the analysis (``ontology/README.md``, "Change events").

Each event is an ``org:ChangeEvent`` with its originals and results, its effective day
(``prov:atTime`` at 0h in Viet Nam, and ``dcterms:date``), its legal documents
(``sdgkg:legalBasis``, number and issue day) and the pages they were read on
(``sdgkg:readOn``), both also ``dcterms:source``. Functions moved to several bodies are
``sdgkg:FunctionTransfer`` nodes. Each plan agency that no longer holds all its functions
itself has a ``sdgkg:Succession`` per holder, naming the events followed: the one hop a query
needs to answer "who holds this task today", with the legal basis of every step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from build_graph.graph.labels import name_node
from build_graph.graph.nt_terms import NtIris, NtNamespace, boolean, en, iri, lit, typed, vi
from build_graph.graph.nt_terms import date as date_term
from build_graph.model.agencies import AgencyTypes, Registry, slug
from build_graph.model.changes import CURATED_UNTIL, ChangeEvent, ChangeEvents, Holder
from build_graph.model.gazetteer import find_province

Add = Callable[[str, str, str], None]
DAY = timedelta(days=1)
# The effective day begins at midnight in Viet Nam ("từ 0 giờ ngày 01/3/2025").
VIET_NAM_OFFSET = "+07:00"

KIND_NAMES = {
    "merger": ("Hợp nhất", "Merger"),
    "split": ("Chia tách", "Split"),
    "rename": ("Đổi tên", "Renaming"),
    "abolition": ("Kết thúc hoạt động", "Abolition"),
    "transfer": ("Chuyển giao chức năng", "Transfer of functions"),
    "creation": ("Thành lập", "Creation"),
}


# The English words for the kinds and parts of the legal documents the events cite.
_DOCUMENT_WORDS = (
    ("Nghị định ", "Decree "),
    ("Nghị quyết của HĐND", "Resolution of the People's Council"),
    ("Nghị quyết ", "Resolution "),
    ("Quyết định ", "Decision "),
    ("Kết luận ", "Conclusion "),
    ("Thông tư ", "Circular "),
    ("Luật Tổ chức chính quyền địa phương ", "Law on the Organisation of Local Government "),
    ("Luật ", "Law "),
    (", Điều ", ", Article "),
    (" khoản ", ", clause "),
    (", Chương ", ", Chapter "),
)


def english_name(document: str) -> str:
    """ "Nghị định 45/2025/NĐ-CP, Điều 8" → "Decree 45/2025/NĐ-CP, Article 8": the document's
    number stays as issued."""
    for vietnamese, english in _DOCUMENT_WORDS:
        document = document.replace(vietnamese, english)
    return document


@dataclass
class _Plan:
    """What one plan's agencies need: the events used, the bodies they name, the successions."""

    events: dict[tuple[str, str], ChangeEvent] = field(default_factory=dict)
    holders: dict[str, tuple[Holder, ...]] = field(default_factory=dict)


class ChangeEventWriter:
    """Writes the change events that reach one plan's agencies, as N-Triples terms."""

    def __init__(
        self,
        add: Add,
        nt: NtIris,
        names: dict[str, NtNamespace],
        registry: Registry,
        changes: ChangeEvents | None = None,
        on: date = CURATED_UNTIL,
    ) -> None:
        self.add = add
        self.nt = nt
        self.ns = names
        self.registry = registry
        self.province = registry.place
        self.types = registry.types or AgencyTypes.load()
        self.changes = changes if changes is not None else ChangeEvents.load()
        self.on = on
        self._described: set[str] = set()

    def write(self, agents: Iterable[str], described: set[str]) -> set[str]:
        """The events of the plan's ``agents`` (ids of its registry); ``described``: the agency
        nodes the builder wrote already. Returns the agency kinds of the new nodes."""
        self._described = {self.nt.agency(a) for a in described}
        found = _Plan()
        for agency_id in sorted(agents):
            if agency_id not in self.registry.agencies:
                continue  # an unresolved name: no type, no event
            holders = self.changes.holders_today(agency_id, self.province, self.on)
            for event in self.changes.chain(
                agency_id, self.province, date(1, 1, 1), self.on, include_unverified=False
            ):
                found.events[(self._where(event), event.event_id)] = event
            if [(h.agency_id, h.province) for h in holders] != [(agency_id, self.province)]:
                found.holders[agency_id] = holders
        kinds: set[str] = set()
        for (where, _), event in sorted(found.events.items()):
            kinds |= self._event(event, where)
        for agency_id, holders in sorted(found.holders.items()):
            self._successions(agency_id, holders)
        return kinds

    # -- events -------------------------------------------------------------------------------
    def _where(self, event: ChangeEvent) -> str:
        """The province an event instance belongs to: the one the plan's bodies were part of on
        its day (a province merger: the province it made)."""
        if event.subject == "place":
            return event.province
        return self.changes.province_on(self.province, event.effective)[0]

    def event_node(self, event: ChangeEvent, where: str) -> str:
        return self.nt.change(slug(where), event.event_id)

    def _event(self, event: ChangeEvent, where: str) -> set[str]:
        rdf, dcterms, org, prov, sdgkg = (
            self.ns[k] for k in ("rdf", "dcterms", "org", "prov", "sdgkg")
        )
        add, node = self.add, self.event_node(event, where)
        add(node, rdf.type, org.ChangeEvent)
        add(node, rdf.type, prov.Activity)
        add(node, dcterms.identifier, lit(event.event_id))
        add(node, sdgkg.changeKind, lit(event.kind))
        kind_vi, kind_en = KIND_NAMES[event.kind]
        name_node(
            add,
            node,
            f"{kind_vi} ngày {event.effective:%d/%m/%Y} ({event.event_id})",
            f"{kind_en} of {event.effective:%d/%m/%Y} ({event.event_id})",
        )
        add(node, dcterms.date, date_term(event.effective))
        moment = f"{event.effective.isoformat()}T00:00:00{VIET_NAM_OFFSET}"
        add(node, prov.atTime, typed(moment, "dateTime"))
        if event.note:
            add(node, self.ns["rdfs"].comment, en(event.note))
        for basis in event.basis:
            document = self.nt.legal(slug(basis.document))
            add(node, sdgkg.legalBasis, document)
            add(node, dcterms.source, document)
            add(document, rdf.type, sdgkg.LegalDocument)
            add(document, dcterms.identifier, lit(basis.document))
            name_node(add, document, basis.document, english_name(basis.document))
            if basis.issued:
                add(document, dcterms.issued, date_term(basis.issued))
        for source in event.sources:
            page = iri(source.url)
            add(node, sdgkg.readOn, page)
            add(node, dcterms.source, page)
            add(page, rdf.type, self.ns["foaf"].Document)
            add(page, dcterms.description, en(source.what))
        kinds: set[str] = set()
        if event.subject == "place":
            originals = [(p, "ubnd-tp") for p in event.originals]
            results = [(p, "ubnd-tp") for p in event.results]
        else:
            originals = [(where, a) for a in event.originals]
            results = [(where, a) for a in event.results]
        before, after = event.effective - DAY, event.effective
        for place, agency_id in originals:
            body = self.agency(place, agency_id)
            add(node, org.originalOrganization, body)
            add(body, org.changedBy, node)
            if event.ends(agency_id if event.subject == "agency" else place):
                add(body, sdgkg.endedBy, node)
            kinds |= self._body(body, place, agency_id, before)
        for place, agency_id in results:
            body = self.agency(place, agency_id)
            add(node, org.resultingOrganization, body)
            add(body, org.resultedFrom, node)
            kinds |= self._body(body, place, agency_id, after)
        for number, move in enumerate(event.functions, start=1):
            transfer = f"{node[:-1]}/function/{number}>"
            add(node, sdgkg.movedFunction, transfer)
            add(transfer, rdf.type, sdgkg.FunctionTransfer)
            name_node(add, transfer, move.function_vi, move.function_en)
            add(transfer, sdgkg.fromOrganization, self.agency(where, move.original))
            add(transfer, sdgkg.toOrganization, self.agency(where, move.resulting))
            add(transfer, sdgkg.principal, boolean(move.principal))
        return kinds

    def agency(self, place: str, agency_id: str) -> str:
        return self.nt.agency_in(slug(place), agency_id)

    def _body(self, node: str, place: str, agency_id: str, day: date) -> set[str]:
        """A body an event names that the plan does not (today's Sở Nông nghiệp và Môi trường,
        Hải Dương's People's Committee): an organisation of its province, named as on ``day``."""
        if node in self._described:
            return set()
        self._described.add(node)
        agency = self._registry(place, day).agencies.get(agency_id) or self._registry(
            place, self.on
        ).agencies.get(agency_id)
        add, rdf, sdgkg = self.add, self.ns["rdf"], self.ns["sdgkg"]
        add(node, rdf.type, self.ns["org"].Organization)
        add(node, self.ns["dcterms"].identifier, lit(agency_id))
        if agency is None:
            name_node(add, node, agency_id)
            return set()
        name_node(add, node, agency.name_vi, agency.name_en)
        add(node, sdgkg.agencyKind, self.nt.kind(agency.kind))
        return {agency.kind}

    def _names(self, place: str, agency_id: str) -> tuple[str, str]:
        """A body's names: as the plan's registry gives them, else as on the day asked."""
        own = self.registry.agencies.get(agency_id) if place == self.province else None
        agency = own or self._registry(place, self.on).agencies.get(agency_id)
        return (agency.name_vi, agency.name_en) if agency else (agency_id, agency_id)

    def _registry(self, place: str, day: date) -> Registry:
        province = find_province(place)
        name = province.name if province else place
        return self.types.registry(name, province.city if province else True, day)

    # -- today's holders ----------------------------------------------------------------------
    def _successions(self, agency_id: str, holders: tuple[Holder, ...]) -> None:
        """One ``sdgkg:Succession`` per body that holds the agency's functions on the day."""
        rdf, sdgkg = self.ns["rdf"], self.ns["sdgkg"]
        add, agency = self.add, self.nt.agency(agency_id)
        vietnamese = {
            m.function_en: m.function_vi for e in self.changes.events for m in e.functions
        }
        for holder in holders:
            body = self.agency(holder.province, holder.agency_id)
            node = f"{agency[:-1]}/held-by/{slug(holder.province)}/{holder.agency_id}>"
            add(agency, sdgkg.heldBy, body)
            add(agency, sdgkg.qualifiedSuccession, node)
            add(node, rdf.type, sdgkg.Succession)
            add(node, sdgkg.holder, body)
            add(node, sdgkg.principal, boolean(holder.principal))
            add(node, sdgkg.heldOn, date_term(self.on))
            (old_vi, old_en), (new_vi, new_en) = (
                self._names(self.province, agency_id),
                self._names(holder.province, holder.agency_id),
            )
            day = f"{self.on:%d/%m/%Y}"
            name_node(
                add,
                node,
                f"{new_vi} giữ chức năng của {old_vi} (ngày {day})",
                f"{new_en} holds functions of {old_en} (on {day})",
            )
            for function in holder.functions:
                add(node, sdgkg.heldFunction, en(function))
                if function in vietnamese:
                    add(node, sdgkg.heldFunction, vi(vietnamese[function]))
            for event in holder.events:
                add(node, sdgkg.viaEvent, self.event_node(event, self._where(event)))
