"""A task's UN targets and goals in one step (sdgkg:unTarget, sdgkg:unGoal) are exactly what
the four-hop path through the VSDG concept and its SKOS mappings gives; the kind of mapping
stays on the concept's qualified link."""

from __future__ import annotations

from collections import defaultdict

from .conftest import rows

MAPPINGS = "skos:closeMatch|skos:broadMatch|skos:narrowMatch|skos:relatedMatch|skos:exactMatch"


def pairs(store, query: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows(store, query):
        found[str(row["task"])].add(str(row["un"]))
    return dict(found)


def test_the_shortcuts_are_the_four_hop_paths(store):
    targets = pairs(store, "SELECT ?task ?un WHERE { ?task sdgkg:unTarget ?un }")
    goals = pairs(store, "SELECT ?task ?un WHERE { ?task sdgkg:unGoal ?un }")
    path_targets = pairs(
        store,
        f"SELECT ?task ?un WHERE {{ ?task sdgkg:contributesTo ?c . ?c {MAPPINGS} ?un . "
        "?un skos:broader ?g }",
    )
    path_goals = pairs(
        store,
        f"SELECT ?task ?un WHERE {{ ?task sdgkg:contributesTo ?c . ?c {MAPPINGS} ?m . "
        "?m skos:broader? ?un . ?un skos:topConceptOf <http://metadata.un.org/sdg> }",
    )
    assert targets == path_targets and len(targets) > 500
    assert goals == path_goals


def test_tasks_filed_under_a_goal_reach_its_un_goal(store):
    # appendix 12 files tasks 2.1, 2.2 under "Mục tiêu 2" itself (source lines 2401-2413)
    under_goal = rows(
        store,
        "SELECT ?task ?un WHERE { ?task sdgkg:contributesTo vsdg:2 ; sdgkg:unGoal ?un "
        "FILTER NOT EXISTS { ?task sdgkg:unTarget ?t } }",
    )
    tasks = {str(r["task"]).rsplit("/", 1)[1] for r in under_goal}
    assert {"2.1", "2.2"} <= tasks
    assert {str(r["un"]) for r in under_goal} == {"http://metadata.un.org/sdg/2"}


def test_each_mapping_keeps_its_kind_on_a_qualified_link(store):
    qualified = rows(
        store,
        "SELECT ?concept ?un ?relation WHERE { ?concept sdgkg:unMapping ?m . "
        "?m sdgkg:unConcept ?un ; sdgkg:mappingRelation ?relation }",
    )
    asserted = rows(
        store,
        "SELECT ?concept ?un ?relation WHERE { VALUES ?relation { skos:closeMatch "
        "skos:broadMatch skos:narrowMatch skos:relatedMatch skos:exactMatch } "
        "?concept ?relation ?un }",
    )
    as_set = {(r["concept"], r["un"], r["relation"]) for r in qualified}
    assert as_set == {(r["concept"], r["un"], r["relation"]) for r in asserted}
    assert len(as_set) == len(qualified) > 100
