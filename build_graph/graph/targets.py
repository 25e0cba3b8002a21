"""The VSDG goals and targets as SKOS concepts, their links to the UN SDG concepts, and what a
task reaches at the UN in one step.

The UN's concepts are referenced, not restated: the graph says which UN goal or target each
VSDG concept is mapped to, and holds of the UN framework only its shape (each goal and target a
``skos:Concept`` of the UN scheme, its notation, a target's goal), so that coverage can be
counted. The UN's own texts are not asserted here: ``ontology/un-sdg.ttl`` keeps them,
sourced, and never as ``skos:prefLabel`` (the UN KOS has its own; two English prefLabels on
one concept would break SKOS's integrity rules).

Each mapping is also a node of its own (``vsdg/3.8/un/3.9``) that keeps its kind
(``sdgkg:mappingRelation skos:closeMatch``), and each task has the UN targets and goals it
reaches as ``sdgkg:unTarget`` and ``sdgkg:unGoal``: one hop instead of four.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from build_graph.graph.labels import name_node
from build_graph.graph.nt_terms import NtIris, NtNamespace, en, iri, lit, vi
from build_graph.model.codes import TargetCode, sort_key
from build_graph.model.sdg import VsdgLink, goals, un_targets, vsdg_links

Add = Callable[[str, str, str], None]
UN_SCHEME_IRI = "http://metadata.un.org/sdg"
UN_SCHEME = iri(UN_SCHEME_IRI)
UN_BASE = UN_SCHEME_IRI + "/"


@dataclass(frozen=True)
class UnMapping:
    """One link from a VSDG concept to a UN goal or target."""

    relation: str  # closeMatch | broadMatch | narrowMatch | relatedMatch
    un_iri: str
    inherited: bool  # the concept has no text of its own: linked through its parent

    @property
    def un_code(self) -> str:
        return self.un_iri.removeprefix(UN_BASE)


def un_mappings(target: TargetCode, links: dict[str, VsdgLink]) -> list[UnMapping]:
    """The UN concepts a VSDG concept is mapped to, as the curated table says."""
    link = links.get(target.code)
    if link is None and target.level == "goal":
        return [UnMapping("closeMatch", goals()[target.goal].iri, False)]
    if link is None and target.parent:
        parent = links.get(target.parent)
        return [UnMapping("broadMatch", u, True) for u in parent.un_match] if parent else []
    if link is None:
        return []
    return [UnMapping(link.match_type, u, False) for u in link.un_match]


def un_goal_of(un_iri: str) -> str | None:
    """The UN goal IRI of a UN target (or of a goal, itself)."""
    code = un_iri.removeprefix(UN_BASE)
    target = un_targets().get(code)
    if target is not None:
        return goals()[target.goal].iri
    if code.isdigit() and int(code) in goals():
        return goals()[int(code)].iri
    return None


def un_reach(code: str) -> tuple[list[str], list[str]]:
    """The UN targets and goals a task filed under VSDG ``code`` serves: the concepts its
    mappings name, and the goals of those (a task filed under a VSDG goal reaches the UN goal
    that goal is matched to, and no target)."""
    targets: set[str] = set()
    reached: set[str] = set()
    for mapping in un_mappings(TargetCode(code), vsdg_links()):
        goal = un_goal_of(mapping.un_iri)
        if goal == mapping.un_iri:
            reached.add(goal)
        else:
            targets.add(mapping.un_iri)
            if goal:
                reached.add(goal)
    return sorted(targets), sorted(reached)


class TargetWriter:
    """Writes the VSDG scheme of one plan's graph and the UN framework it links to."""

    def __init__(
        self,
        add: Add,
        nt: NtIris,
        names: dict[str, NtNamespace],
        derived: Callable[[str, int], None],
    ) -> None:
        self.add, self.nt, self.derived = add, nt, derived
        self.rdf, self.rdfs, self.skos = names["rdf"], names["rdfs"], names["skos"]
        self.sdgkg, self.dcterms = names["sdgkg"], names["dcterms"]

    def labels(self, node: str, text_vi: str, text_en: str) -> None:
        name_node(self.add, node, text_vi, text_en)

    def write(self, targets: dict) -> None:
        """``targets``: the plan's VSDG concepts seen in the document (code → TargetInfo)."""
        add, nt, rdf, skos, sdgkg = self.add, self.nt, self.rdf, self.skos, self.sdgkg
        scheme = nt.vsdg_scheme
        add(scheme, rdf.type, skos.ConceptScheme)
        self.labels(
            scheme,
            "Các mục tiêu phát triển bền vững của Việt Nam",
            "Viet Nam's sustainable development goals and targets",
        )
        add(scheme, self.dcterms.source, nt.national_plan("vn-622-2017"))
        links = vsdg_links()
        codes = set(targets) | {str(g) for g in goals()}
        for code in sorted(codes, key=sort_key):
            info = targets.get(code)
            target = TargetCode(code)
            node = nt.vsdg(code)
            cls = {"goal": sdgkg.Goal, "target": sdgkg.Target, "subtarget": sdgkg.SubTarget}
            add(node, rdf.type, cls[target.level])
            add(node, rdf.type, skos.Concept)
            add(node, skos.inScheme, scheme)
            add(node, skos.notation, lit(code))
            if target.parent:
                add(node, skos.broader, nt.vsdg(target.parent))
                add(nt.vsdg(target.parent), skos.narrower, node)
            else:
                add(node, skos.topConceptOf, scheme)
                add(scheme, skos.hasTopConcept, node)
            self._target_labels(node, target, info.text_vi if info else "", links.get(code))
            self._un_links(node, target, links)
            if info and info.line:
                self.derived(node, info.line)
        self._un_framework()
        self._match_methods()

    def _match_methods(self) -> None:
        add, sdgkg = self.add, self.sdgkg
        for method in (sdgkg.TextComparison, sdgkg.InheritedFromParent):
            add(method, self.rdf.type, sdgkg.MatchMethod)
            add(method, self.rdf.type, self.skos.Concept)
        self.labels(sdgkg.TextComparison, "so sánh nội dung mục tiêu", "comparison of target texts")
        self.labels(
            sdgkg.InheritedFromParent, "kế thừa từ mục tiêu cha", "inherited from the parent target"
        )

    def _target_labels(
        self, node: str, target: TargetCode, text_vi: str, link: VsdgLink | None
    ) -> None:
        skos = self.skos
        if target.level == "goal":
            goal = goals()[target.goal]
            self.labels(
                node,
                f"Mục tiêu {target.code}: {goal.title_vi}",
                f"VSDG goal {target.code}: {goal.title_en}",
            )
            if text_vi:
                self.add(node, skos.definition, vi(text_vi))
            return
        word = "target" if target.level == "target" else "sub-target"
        self.labels(node, f"Mục tiêu {target.code}", f"VSDG {word} {target.code}")
        if text_vi:
            self.add(node, skos.definition, vi(text_vi))
        if link and link.text_en:
            self.add(node, skos.definition, en(link.text_en))

    def _un_links(self, node: str, target: TargetCode, links: dict[str, VsdgLink]) -> None:
        add, skos, sdgkg = self.add, self.skos, self.sdgkg
        mappings = un_mappings(target, links)
        if not mappings:
            return
        for mapping in mappings:
            add(node, getattr(skos, mapping.relation), iri(mapping.un_iri))
            self._mapping_node(node, target.code, mapping)
        inherited = mappings[0].inherited
        method = sdgkg.InheritedFromParent if inherited else sdgkg.TextComparison
        add(node, sdgkg.matchMethod, method)
        link = links.get(target.code)
        if inherited:
            note = (
                f"No text of its own in the source; linked through its parent VSDG {target.parent}."
            )
        elif link is None:
            note = "The 17 VSDG goals take up the 17 UN SDGs one by one."
        else:
            note = link.match_note
        add(node, sdgkg.matchNote, en(note))

    def _mapping_node(self, concept: str, code: str, mapping: UnMapping) -> None:
        """The link as a node of its own, keeping the kind of mapping the shortcut drops."""
        add, sdgkg = self.add, self.sdgkg
        node = self.nt.un_mapping(code, mapping.un_code)
        add(concept, sdgkg.unMapping, node)
        add(node, self.rdf.type, sdgkg.UnMapping)
        add(node, sdgkg.unConcept, iri(mapping.un_iri))
        add(node, sdgkg.mappingRelation, getattr(self.skos, mapping.relation))
        self.labels(
            node,
            f"Liên kết mục tiêu {code} với SDG {mapping.un_code} ({mapping.relation})",
            f"Link of VSDG {code} to UN SDG {mapping.un_code} ({mapping.relation})",
        )

    def _un_framework(self) -> None:
        """The shape of the UN framework, so that coverage and gaps can be asked in SPARQL:
        the concepts, their scheme, notation and goal; none of the UN's texts or labels."""
        add, rdf, skos = self.add, self.rdf, self.skos
        add(UN_SCHEME, rdf.type, skos.ConceptScheme)
        for goal in goals().values():
            node = iri(goal.iri)
            add(node, rdf.type, skos.Concept)
            add(node, skos.inScheme, UN_SCHEME)
            add(node, skos.topConceptOf, UN_SCHEME)
            add(node, skos.notation, lit(str(goal.goal)))
        for target in un_targets().values():
            node = iri(target.iri)
            add(node, rdf.type, skos.Concept)
            add(node, skos.inScheme, UN_SCHEME)
            add(node, skos.notation, lit(target.code))
            add(node, skos.broader, iri(goals()[target.goal].iri))
