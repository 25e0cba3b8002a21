"""The figure of the model in ontology/README.md: classes as boxes (with their main data
properties), object properties as arrows.

    python -m build_graph.graph.diagram ontology/model.svg

Drawn with matplotlib (Graphviz is not installed where the project is built); the boxes are
placed by hand, so that the figure reads from the plan (top left) to the agencies (right) and
the targets (bottom). Every term drawn is checked against ontology/sdgkg.ttl (or is a standard
vocabulary's), so that the figure cannot name a term the ontology lacks. Text stays text in the
SVG, and the file has no date: the same ontology gives the same bytes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from build_graph.graph.prefixes import PREFIXES
from build_graph.resources import resource_dir


@dataclass(frozen=True)
class Box:
    term: str  # a compact IRI
    x: float
    y: float
    details: str = ""  # data properties, one line
    note: str = ""  # a second name (a superclass, the kind of node)


BOXES = {
    "extraction": Box(
        "sdgkg:Extraction", 1.5, 10.2, "readAs, tableLayout, iriBase", "prov:Activity"
    ),
    "software": Box("prov:SoftwareAgent", 5.0, 10.2, "owl:versionInfo"),
    "document": Box("foaf:Document", 8.5, 10.2, "sdgkg:sha256, dcterms:format", "the source"),
    "line": Box("sdgkg:SourceLine", 12.0, 10.2, "lineNumber, prov:value,\nsourceReference"),
    "role": Box("org:Role", 15.5, 10.2, "sdgkg:LeadRole,\nsdgkg:PartnerRole"),
    "plan": Box("sdgkg:ActionPlan", 1.5, 7.7, "dcterms:identifier,\nissued, title"),
    "appendix": Box(
        "sdgkg:Appendix", 5.0, 7.7, "appendixNumber, sourceLine", "or sdgkg:PlanSection"
    ),
    "task": Box("sdgkg:Task", 8.5, 7.7, "taskNumber, description,\nsearchText, periodText"),
    "assignment": Box("sdgkg:Assignment", 12.0, 7.7, "inherited, rawText,\nrawName, resolution"),
    "mapping": Box("sdgkg:UnMapping", 1.5, 2.3, "", "the kind of one link"),
    "vsdg": Box(
        "sdgkg:Goal | Target |\nSubTarget", 5.0, 5.0, "notation, matchNote", "skos:Concept, VSDG"
    ),
    "period": Box("sdgkg:ImplementationPeriod", 8.5, 5.0, "", "time:ProperInterval"),
    "agent": Box(
        "foaf:Agent",
        12.0,
        5.0,
        "org:Organization, CollectiveUnit,\nUnspecifiedUnit, UnresolvedAgent",
    ),
    "periodkind": Box("sdgkg:PeriodKind", 15.5, 5.0, "skos:notation", "skos:Concept"),
    "method": Box("sdgkg:MatchMethod", 1.5, 5.0, "", "skos:Concept"),
    "un": Box("skos:Concept", 5.0, 2.3, "notation, broader", "a UN goal or target"),
    "instant": Box("time:Instant", 8.5, 2.3, "time:inXSDgYear"),
    "kind": Box("sdgkg:AgencyKind", 12.0, 2.3, "skos:notation", "skos:Concept"),
    "type": Box("sdgkg:AgencyType", 15.5, 2.3, "governmentLevel", "skos:Concept"),
}

ARROWS = [
    ("plan", "sdgkg:hasAppendix", "appendix", 0.0),
    ("appendix", "sdgkg:hasTask", "task", 0.0),
    ("task", "sdgkg:qualifiedAssignment", "assignment", 0.0),
    ("assignment", "sdgkg:agent", "agent", 0.0),
    ("assignment", "sdgkg:role", "role", 0.0),
    ("task", "sdgkg:leadAgency,\nsdgkg:partnerAgency", "agent", 0.0),
    ("assignment", "sdgkg:inheritedFromTask", "task", -0.5),
    ("assignment", "sdgkg:inheritedFrom,\nprov:wasDerivedFrom", "line", 0.0),
    ("line", "sdgkg:lineOf", "document", 0.0),
    ("plan", "prov:wasGeneratedBy", "extraction", 0.0),
    ("extraction", "prov:wasAssociatedWith", "software", 0.0),
    ("extraction", "prov:used", "document", 0.18),
    ("appendix", "sdgkg:declaresTarget", "vsdg", 0.0),
    ("task", "sdgkg:contributesTo", "vsdg", 0.0),
    ("task", "sdgkg:implementationPeriod", "period", 0.0),
    ("task", "sdgkg:implementationPeriod", "periodkind", -0.12),
    ("period", "time:hasBeginning,\ntime:hasEnd", "instant", 0.0),
    ("agent", "sdgkg:agencyKind", "kind", 0.0),
    ("agent", "sdgkg:agencyType", "type", 0.0),
    ("vsdg", "skos:closeMatch, broadMatch,\nnarrowMatch, relatedMatch", "un", 0.0),
    ("vsdg", "sdgkg:unMapping", "mapping", 0.0),
    ("mapping", "sdgkg:unConcept", "un", 0.0),
    ("vsdg", "sdgkg:matchMethod", "method", 0.0),
    ("task", "sdgkg:unTarget,\nsdgkg:unGoal", "un", -0.25),
]
LOOPS = {"task": "sdgkg:subTaskOf", "plan": "sdgkg:implements", "vsdg": "skos:broader"}


def checked_terms(ontology: Path) -> set[str]:
    """The sdgkg terms the ontology declares, as compact IRIs."""
    namespace = PREFIXES["sdgkg"]
    return {
        "sdgkg:" + q.subject.value[len(namespace) :]
        for q in ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(namespace)
    }


def drawn_terms() -> set[str]:
    """Every sdgkg term the figure names."""
    import re

    texts = [b.term + " " + b.details + " " + b.note for b in BOXES.values()]
    texts += [label for _, label, _, _ in ARROWS] + list(LOOPS.values())
    names = set()
    for text in texts:
        names |= {f"sdgkg:{n}" for n in re.findall(r"sdgkg:(\w+)", text)}
    return names


def draw(target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    unknown = drawn_terms() - checked_terms(resource_dir("ontology") / "sdgkg.ttl")
    if unknown:
        raise ValueError(f"the figure names terms the ontology lacks: {sorted(unknown)}")
    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "sdgkg", "font.size": 8})
    figure, axes = plt.subplots(figsize=(15, 9.6))
    axes.set_xlim(-0.2, 17.2)
    axes.set_ylim(1.3, 11.2)
    axes.axis("off")
    width, height = 2.9, 1.1
    for box in BOXES.values():
        axes.add_patch(
            FancyBboxPatch(
                (box.x - width / 2, box.y - height / 2),
                width,
                height,
                boxstyle="round,pad=0.05",
                facecolor="#eef4fb" if box.term.startswith("sdgkg:") else "#f4f4f4",
                edgecolor="#36648b",
                linewidth=0.9,
            )
        )
        top = box.y + (0.3 if "\n" not in box.term else 0.22)
        axes.text(box.x, top, box.term, ha="center", va="center", fontweight="bold")
        lines = [text for text in (box.note and f"({box.note})", box.details) if text]
        axes.text(box.x, box.y - 0.2, "\n".join(lines), ha="center", va="center", fontsize=6.5)
    for source, label, target_box, bend in ARROWS:
        a, b = BOXES[source], BOXES[target_box]
        axes.annotate(
            "",
            xy=(b.x, b.y),
            xytext=(a.x, a.y),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#555555",
                "linewidth": 0.8,
                "shrinkA": 30,
                "shrinkB": 30,
                "connectionstyle": f"arc3,rad={bend}",
            },
        )
        axes.text(
            (a.x + b.x) / 2 + bend * (b.y - a.y) / 2,
            (a.y + b.y) / 2 - bend * (b.x - a.x) / 2,
            label.strip(),
            ha="center",
            va="center",
            fontsize=6.5,
            color="#8b2500",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    for name, label in LOOPS.items():
        box = BOXES[name]
        axes.text(box.x, box.y + 0.7, f"↻ {label}", ha="center", fontsize=6.5, color="#8b2500")
    axes.set_title(
        "The sdgkg model: a plan's tasks, who leads and supports them, what they serve, "
        "and where each fact comes from",
        fontsize=9,
    )
    figure.tight_layout()
    figure.savefig(target, metadata={"Date": None})
    plt.close(figure)


def main(argv: list[str]) -> int:
    draw(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
