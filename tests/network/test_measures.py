"""The named measures, computed by hand on small plans: a star, a path, a broker between two
cliques, and a department with its own centres; the two readings of merged cells and an
ambiguous phrase read the other way; the accountability counts; the overlap null model and the
community comparison."""

from __future__ import annotations

import ast
import math

import networkx as nx
import pytest

from build_graph.network.accountability import accountability, classify
from build_graph.network.briefs import hypergeometric_tail, portfolio_overlaps
from build_graph.network.communities import adjusted_rand, community_findings
from build_graph.network.data import Agent, NetworkData, PeriodRow, TaskRow
from build_graph.network.measures import (
    agency_measures,
    coassignment_network,
    two_core,
)
from build_graph.network.metrics import betweenness
from build_graph.network.readings import (
    INHERITED,
    WRITTEN,
    Choice,
    partners_under,
)
from build_graph.network.sensitivity import composite_ranges, sensitivity, weightings
from tests.support.hash_seeds import outputs_under_hash_seeds

PLAN = "plan/p"


def plan_data(
    tasks: list[tuple[str, list[str]]],
    kinds: dict[str, str] | None = None,
    unit_of: dict[str, str] | None = None,
    inherited: dict[int, set[str]] | None = None,
) -> NetworkData:
    """A one-plan NetworkData: task i is (lead, partners); every unit a department unless
    ``kinds`` says otherwise; ``inherited``: task index → partners inherited from a merged
    cell."""
    kinds = kinds or {}
    names = {name for lead, partners in tasks for name in (lead, *partners)}
    agents = {n: Agent(n, n, kinds.get(n, "department"), f"Unit {n}", f"Đơn vị {n}") for n in names}
    rows = {}
    for i, (lead, partners) in enumerate(tasks):
        iri = f"{PLAN}/task/{i:02d}"
        rows[iri] = TaskRow(
            iri,
            PLAN,
            f"{PLAN}/appendix/01",
            lead,
            sorted(partners),
            set((inherited or {}).get(i, set())),
            number=str(i),
            target=f"vsdg/{1 + i % 3}.1",
            target_notation=f"{1 + i % 3}.1",
            goal_notation=str(1 + i % 3),
            notation=f"{1 + i % 3}.1",
        )
    return NetworkData({}, agents, rows, [], {}, {}, dict(unit_of or {}))


def measured(data: NetworkData, reading: str = INHERITED) -> dict[str, object]:
    return {row.iri: row for row in agency_measures(data, partners_under(data, Choice(reading)))}


def star() -> NetworkData:
    """Lead c names one leaf per task: l1, l2, l3, l4."""
    return plan_data([("c", [leaf]) for leaf in ("l1", "l2", "l3", "l4")])


def test_star():
    """Each leaf: demand 1 (c's task), 1 lead served. c: 4 tasks led, concentration 1/4 (each
    partner on one of its four tasks; l1 first by name), no delegation. The co-assignment network
    is the star itself; every leaf is a pendant, so the 2-core is empty and nobody brokers,
    though plain betweenness gives c 1 (all 6 leaf pairs pass through it). Burt: c has 4
    non-redundant contacts (effective size 4), constraint 4 × (1/4)² = 0.25."""
    data = star()
    rows = measured(data)
    for leaf in ("l1", "l2", "l3", "l4"):
        assert rows[leaf].demand_tasks == 1 and rows[leaf].leads_served == 1
        assert rows[leaf].tasks_led == 0 and rows[leaf].concentration is None
    centre = rows["c"]
    assert centre.tasks_led == 4 and centre.demand_tasks == 0
    assert centre.concentration == pytest.approx(0.25) and centre.top_partner == "l1"
    assert centre.delegation == 0.0
    network = coassignment_network(data, partners_under(data, Choice(INHERITED)))
    assert betweenness(network)["c"] == pytest.approx(1.0)
    assert two_core(network) == set()
    assert all(row.brokerage == 0.0 and not row.in_core for row in rows.values())
    assert centre.effective_size == pytest.approx(4.0)
    assert centre.constraint == pytest.approx(0.25)
    assert centre.ranks["tasks_led"] == 1 and rows["l3"].ranks["demand_tasks"] == 1
    assert rows["l3"].ranks["tasks_led"] == 2  # four ties at 0 share rank 2


def test_path():
    """a names b, b names c, c names d: a path. Demand 1 each for b, c, d; plain betweenness
    2/3 for b and c; all peeled off the 2-core (a path has no cycle), so brokerage 0."""
    data = plan_data([("a", ["b"]), ("b", ["c"]), ("c", ["d"])])
    rows = measured(data)
    assert [rows[n].demand_tasks for n in "abcd"] == [0, 1, 1, 1]
    assert [rows[n].tasks_led for n in "abcd"] == [1, 1, 1, 0]
    network = coassignment_network(data, partners_under(data, Choice(INHERITED)))
    plain = betweenness(network)
    assert plain["b"] == pytest.approx(2 / 3) and plain["c"] == pytest.approx(2 / 3)
    assert all(rows[n].brokerage == 0.0 for n in "abcd")
    assert rows["b"].concentration == 1.0  # its one task names c


def broker() -> NetworkData:
    """a1 leads a task naming a2, a3 and x; b1 one naming b2, b3 and x."""
    return plan_data([("a1", ["a2", "a3", "x"]), ("b1", ["b2", "b3", "x"])])


def test_broker_between_two_cliques():
    """Co-assignment: two K4 sharing x. All 7 units are in the 2-core. The 9 pairs (a_i, b_j)
    meet only through x: 9 / C(6, 2) = 0.6 of the pairs without x; nobody else brokers. Effective
    size of x: 6 contacts, 6 ties among them, 6 − 2·6/6 = 4. x serves 2 leads, demand 2."""
    rows = measured(broker())
    x = rows["x"]
    assert x.brokerage == pytest.approx(0.6) and x.in_core
    assert all(rows[n].brokerage == 0 for n in rows if n != "x")
    assert x.effective_size == pytest.approx(4.0)
    assert x.demand_tasks == 2 and x.leads_served == 2
    assert x.ranks["brokerage"] == 1 and x.ranks["leads_served"] == 1
    assert rows["a2"].demand_tasks == 1 and rows["a1"].concentration == 1.0


def department() -> NetworkData:
    """D leads t0 naming its centres C1, C2 and the department X; t1 naming C1; t2 naming C2, a
    vague unit V and the district People's Committees U. X leads t3 naming C1."""
    return plan_data(
        [("D", ["C1", "C2", "X"]), ("D", ["C1"]), ("D", ["C2", "V", "U"]), ("X", ["C1"])],
        kinds={"V": "vague", "U": "district-collective", "C1": "public-service-unit"},
        unit_of={"C1": "D", "C2": "D"},
    )


def test_department_with_its_own_centres():
    """D's work with C1 and C2 is in-sector: C1 is named on 2 of D's tasks (in-sector) and on
    1 of X's (demand 1, serving 1 lead); C2 in-sector 2, demand 0. D's concentration counts other
    sectors only: X on 1 of its 3 tasks. Delegation: 1 of 3 (t2 names U). V and U are not
    measured. Co-assignment ties within D's sector (D–C1, D–C2, C1–C2) are dropped: X–D, X–C1
    (twice), X–C2 remain, a star around X, so no brokerage; on the lead → partner network
    D collects betweenness from its centres."""
    data = department()
    rows = measured(data)
    assert set(rows) == {"D", "C1", "C2", "X"}
    assert (rows["C1"].in_sector_tasks, rows["C1"].demand_tasks, rows["C1"].leads_served) == (
        2,
        1,
        1,
    )
    assert (rows["C2"].in_sector_tasks, rows["C2"].demand_tasks) == (2, 0)
    assert rows["X"].demand_tasks == 1 and rows["X"].in_sector_tasks == 0
    assert rows["D"].concentration == pytest.approx(1 / 3) and rows["D"].top_partner == "X"
    assert rows["D"].delegation == pytest.approx(1 / 3) and rows["D"].delegated_tasks == 1
    network = coassignment_network(data, partners_under(data, Choice(INHERITED)))
    assert {tuple(sorted(e)) for e in network.edges} == {("D", "X"), ("C1", "X"), ("C2", "X")}
    assert network["C1"]["X"]["weight"] == 2
    assert all(row.brokerage == 0 for row in rows.values())
    lead_partner = nx.DiGraph()
    for task in data.tasks.values():
        for partner in task.partners:
            lead_partner.add_edge(task.lead, partner)
    assert betweenness(lead_partner)["D"] > 0


def test_readings_of_merged_cells():
    """t0 names P on its own row; t1 inherits P and Q from the merged cell above. Written: P
    on 1 task, Q on none; inherited: P on 2, Q on 1."""
    data = plan_data([("L", ["P"]), ("L", ["P", "Q"])], inherited={1: {"P", "Q"}})
    written, inherited = measured(data, WRITTEN), measured(data, INHERITED)
    assert written["P"].demand_tasks == 1 and "Q" not in written
    assert inherited["P"].demand_tasks == 2 and inherited["Q"].demand_tasks == 1
    assert written["L"].concentration == pytest.approx(0.5)
    assert inherited["L"].concentration == 1.0


def test_an_ambiguous_phrase_read_the_other_way():
    """ "Báo đài, truyền hình" read as the newspaper and the station (bao-tinh, dai-ptth); read as
    the station only, the newspaper is no partner on that task (but stays on the other)."""
    data = plan_data([("L", ["bao-tinh", "dai-ptth"]), ("L", ["bao-tinh"])])
    task = data.tasks[f"{PLAN}/task/00"]
    task.compound_names.update(dict.fromkeys(task.partners, "Báo đài, truyền hình Hải Phòng"))
    other = Choice(INHERITED, "press-radio-television", "radio and television station only")
    assert partners_under(data, other)[task.iri] == ["dai-ptth"]
    assert partners_under(data, Choice(INHERITED))[task.iri] == ["bao-tinh", "dai-ptth"]
    found = sensitivity(data)
    base = {r.iri: r for r in found.tables[Choice(INHERITED)]}
    rows = {r.iri: r for r in found.tables[other]}
    assert (base["bao-tinh"].demand_tasks, base["dai-ptth"].demand_tasks) == (2, 1)
    assert (rows["bao-tinh"].demand_tasks, rows["dai-ptth"].demand_tasks) == (1, 1)
    # the newspaper's demand rank: 1 (2 tasks against 1), then tied first (1 against 1)
    assert found.ranges["demand_tasks"]["dai-ptth"].low == 1
    assert found.ranges["demand_tasks"]["dai-ptth"].high == 2
    key = ("press-radio-television", "radio and television station only", "dai-ptth")
    assert (*key, "demand_tasks", 2, 1) in found.ambiguity_effects


def test_the_composite_over_66_weightings():
    """66 weightings on a 0.1 grid; in the broker plan x leads nothing but is named by both
    leads: by load alone it ranks with the leads, by betweenness alone first."""
    assert len(weightings()) == 66
    assert all(math.isclose(sum(w), 1.0) for w in weightings())
    ranges = composite_ranges(broker())
    assert ranges["x"].low == 1 and len(ranges["x"].ranks) == 132


def test_accountability_counts():
    """t0 no partner; t1 only vague; t2 vague and collective; t3 a named agency; t4 inherits
    a vague partner only. t0 runs 2017-2030 in two spans, t1 2017-2020, the rest none."""
    data = plan_data(
        [("L", []), ("L", ["V"]), ("L", ["V", "C"]), ("L", ["P", "V"]), ("L", ["V"])],
        kinds={"V": "vague", "C": "collective"},
        inherited={4: {"V"}},
    )
    tasks = list(data.tasks.values())
    tasks[0].periods = [PeriodRow("a", 2017, 2020, None), PeriodRow("b", 2021, 2030, None)]
    tasks[1].periods = [PeriodRow("a", 2017, 2020, None)]
    found = accountability(data)
    inherited, written = found.profile(INHERITED), found.profile(WRITTEN)
    assert (inherited.none, inherited.only_vague, inherited.only_aggregate, inherited.named) == (
        1,
        2,
        3,
        1,
    )
    assert (written.none, written.only_vague, written.only_aggregate) == (2, 1, 2)
    assert [t.iri for t in found.whole_horizon] == [tasks[0].iri]
    assert found.horizon == (2017, 2030) and len(found.without_period) == 3
    assert found.periods["2017-2020 + 2021-2030"] == 1 and found.periods["no period"] == 3
    assert classify(data, []) == "none"


def test_overlap_null_model_by_hand():
    """Two 2-sets of 4 targets share both with probability C(2,2)·C(2,0)/C(4,2) = 1/6; at
    least one with 1 − C(2,0)·C(2,2)/C(4,2) = 5/6."""
    assert hypergeometric_tail(4, 2, 2, 2) == pytest.approx(1 / 6)
    assert hypergeometric_tail(4, 2, 2, 1) == pytest.approx(5 / 6)
    assert hypergeometric_tail(4, 2, 2, 0) == 1.0


def test_co_listing_is_not_overlap():
    """A and B are named together on every task (co-listed): they share 3 targets, none through
    separate tasks, so there is no genuine overlap."""
    data = plan_data([("L", ["A", "B"]), ("L", ["A", "B"]), ("L", ["A", "B"])])
    pairs = {(p.a, p.b): p for p in portfolio_overlaps(data)}
    pair = pairs[("A", "B")]
    assert (pair.shared, pair.co_listed, pair.separate, pair.genuine) == (3, 3, 0, False)


def test_communities_compared_across_seeds():
    """Identical partitions: Rand index 1; relabelled, still 1; the two cliques of the broker
    plan (x left out) are found every time, modularity 0.5 (two equal separate cliques)."""
    assert adjusted_rand({"a": 1, "b": 1, "c": 2}, {"a": 5, "b": 5, "c": 7}) == 1.0
    assert adjusted_rand({"a": 1, "b": 1, "c": 2, "d": 2}, {"a": 1, "b": 2, "c": 1, "d": 2}) < 0
    graph = nx.Graph()
    for clique in (["a1", "a2", "a3"], ["b1", "b2", "b3"]):
        graph.add_edges_from(
            (u, v, {"weight": 1}) for i, u in enumerate(clique) for v in clique[i + 1 :]
        )
    found = community_findings(graph, "test", {}, {}, {})
    assert found.modularity == pytest.approx(0.5)
    assert found.rand_mean == 1.0 and found.rand_min == 1.0
    assert found.communities_range == (2, 2)
    assert sorted(len(c.members) for c in found.described) == [3, 3]


_COMMUNITY_IN_A_CHILD = """
from collections import Counter
import networkx as nx
from build_graph.network.communities import community_findings
graph = nx.Graph()
# the members in a set's order, which follows PYTHONHASHSEED as the real graphs' did
members = list({"health", "centre-a", "centre-b", "radio", "paper", "info"})
graph.add_edges_from((u, v, {"weight": 1}) for i, u in enumerate(members) for v in members[i + 1:])
kinds = {"health": "department", "info": "department", "centre-a": "public-service-unit",
         "centre-b": "public-service-unit", "radio": "media", "paper": "media"}
goals = {m: Counter({"3": 2, "16": 2, "2": 2}) for m in members}
found = community_findings(graph, "test", goals, kinds, {m: 1 for m in members})
print([(c.kinds, c.goals) for c in found.described])
"""


def test_a_community_describes_tied_kinds_and_goals_in_one_order_under_any_hash_seed():
    """Regression: the kinds of a community were listed by ``Counter.most_common``, which keeps
    ties in the order first counted: the members' order, which followed PYTHONHASHSEED. Two
    reports of the bundled plan differed in community 3 ("department (2), public-service-unit
    (2), media (2)" against "public-service-unit (2), department (2), …"). Ties now go by name."""
    outputs = outputs_under_hash_seeds(_COMMUNITY_IN_A_CHILD, (1, 2, 3, 4, 5))
    assert len(outputs) == 1
    kinds, goals = ast.literal_eval(outputs.pop())[0]
    assert kinds == [("department", 2), ("media", 2), ("public-service-unit", 2)]
    assert goals == [("16", 12), ("2", 12), ("3", 12)]  # six members, 2 tasks each
