"""Gaps of a plan: UN goals and targets no task reaches, and declared targets without tasks.

A declared target is *covered by its parent* when the appendix files no task under it (nor under
its sub-targets) but does file tasks under the broader target or goal it belongs to: the
Hải Phòng plan does this five times in appendix 12. It has *no task* when not even a broader
concept holds one of the appendix's tasks. The two are reported apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_graph.network.data import Declared, NetworkData, UnConcept, code_key


@dataclass(frozen=True)
class UnCoverage:
    """The UN goals and targets one plan's tasks reach, through the VSDG–UN SKOS mappings."""

    plan: str
    goals_total: int
    targets_total: int
    untouched_goals: tuple[UnConcept, ...]
    untouched_targets: tuple[UnConcept, ...]
    touched: dict[str, int]  # UN IRI → tasks

    @property
    def targets_touched(self) -> int:
        return self.targets_total - len(self.untouched_targets)

    @property
    def goals_touched(self) -> int:
        return self.goals_total - len(self.untouched_goals)


def un_coverage(data: NetworkData) -> list[UnCoverage]:
    """Per plan: the UN goals and targets that no task reaches (a goal counts as reached when
    one of its targets is, or when a task filed at VSDG goal level maps to it)."""
    goals = [c for c in data.un_concepts.values() if c.goal is None]
    targets = [c for c in data.un_concepts.values() if c.goal is not None]
    result = []
    for plan in sorted(data.plans or data.un_touched):
        touched = data.un_touched.get(plan, {})
        reached_goals = {c.goal for c in targets if c.iri in touched}
        reached_goals |= {c.notation for c in goals if c.iri in touched}
        result.append(
            UnCoverage(
                plan,
                len(goals),
                len(targets),
                tuple(
                    sorted(
                        (g for g in goals if g.notation not in reached_goals),
                        key=lambda c: code_key(c.notation),
                    )
                ),
                tuple(
                    sorted(
                        (t for t in targets if t.iri not in touched),
                        key=lambda c: code_key(c.notation),
                    )
                ),
                dict(touched),
            )
        )
    return result


@dataclass(frozen=True)
class DeclaredGaps:
    no_task: tuple[Declared, ...]
    covered_by_parent: tuple[Declared, ...]
    total: int


def declared_gaps(data: NetworkData) -> DeclaredGaps:
    """Declared targets the declaring appendix serves with no task, or only through a parent."""
    return DeclaredGaps(
        tuple(d for d in data.declared if d.status == "no-task"),
        tuple(d for d in data.declared if d.status == "covered-by-parent"),
        len(data.declared),
    )
