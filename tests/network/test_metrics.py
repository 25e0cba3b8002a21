"""Network metrics on small graphs whose values were computed by hand (in the docstrings), and the
numpy kernels against networkx."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from build_graph.network.metrics import (
    AgencyMetrics,
    betweenness,
    brandes,
    communities,
    core_numbers,
    pagerank,
    rank_bottlenecks,
    structural_holes,
)
from tests.support.hash_seeds import outputs_under_hash_seeds


def star() -> nx.Graph:
    return nx.star_graph(4)  # centre 0, leaves 1..4


def path() -> nx.Graph:
    return nx.path_graph(["a", "b", "c", "d"])


def broker() -> nx.Graph:
    """Two triangles (a1 a2 a3, b1 b2 b3) with no tie between them, and x tied to all six."""
    graph = nx.Graph()
    for clique in (["a1", "a2", "a3"], ["b1", "b2", "b3"]):
        graph.add_edges_from((u, v) for i, u in enumerate(clique) for v in clique[i + 1 :])
        graph.add_edges_from(("x", u) for u in clique)
    return graph


def test_star():
    """Centre: all C(4,2) = 6 leaf pairs pass through it; normalised by 2/((n-1)(n-2)) = 1/6
    → betweenness 1. Constraint: 4 × (1/4)² = 0.25 (leaves untied); a leaf: (1 + 0)² = 1.
    Effective size: centre 4 − 2·0/4 = 4, leaf 1. PageRank (α = 0.85, n = 5): x = 0.03 + 3.4y,
    y = 0.03 + 0.2125x → y = 0.036375 / 0.2775 = 0.131081…, x = 0.475675…"""
    graph = star()
    between = betweenness(graph)
    assert between[0] == pytest.approx(1.0)
    assert all(between[leaf] == 0 for leaf in range(1, 5))
    constraint, effective = structural_holes(graph)
    assert constraint[0] == pytest.approx(0.25)
    assert constraint[1] == pytest.approx(1.0)
    assert effective[0] == pytest.approx(4.0)
    assert effective[3] == pytest.approx(1.0)
    rank = pagerank(graph)
    y = 0.036375 / 0.2775
    assert rank[0] == pytest.approx(0.03 + 3.4 * y, abs=1e-9)
    assert rank[2] == pytest.approx(y, abs=1e-9)
    assert sum(rank.values()) == pytest.approx(1.0)
    assert set(core_numbers(graph).values()) == {1}


def test_path():
    """b and c each lie on 2 of the 3 shortest paths that need an intermediary ((a,c), (a,d) for
    b): 2 × 2/((4-1)(4-2)) = 2/3. Constraint of b: (1/2)² + (1/2)² = 0.5 (a and c untied); of a:
    1. Effective size of b: 2."""
    graph = path()
    between = betweenness(graph)
    assert between["b"] == pytest.approx(2 / 3)
    assert between["c"] == pytest.approx(2 / 3)
    assert between["a"] == between["d"] == 0
    constraint, effective = structural_holes(graph)
    assert constraint["a"] == pytest.approx(1.0)
    assert constraint["b"] == pytest.approx(0.5)
    assert effective["b"] == pytest.approx(2.0)
    assert effective["a"] == pytest.approx(1.0)
    assert set(core_numbers(graph).values()) == {1}


def test_broker_between_two_cliques():
    """x: the 9 pairs (a_i, b_j) meet only through x → 9 × 2/(6·5) = 0.6; nobody else brokers.
    Constraint of x: each neighbour j gives (1/6 + 2·(1/6)(1/3))² = (5/18)², × 6 = 25/54.
    Constraint of a1: a2 and a3 give (1/3 + 1/9 + 1/18)² = 1/4 each, x gives (1/3 + 2/9)² =
    25/81 → 1/2 + 25/81 = 131/162. Effective size: x 6 − 2·6/6 = 4; a1 3 − 2·3/3 = 1.
    Every node is in the 3-core (each triangle plus x is a K4)."""
    graph = broker()
    between = betweenness(graph)
    assert between["x"] == pytest.approx(0.6)
    assert all(between[n] == 0 for n in graph if n != "x")
    constraint, effective = structural_holes(graph)
    assert constraint["x"] == pytest.approx(25 / 54)
    assert constraint["a1"] == pytest.approx(131 / 162)
    assert effective["x"] == pytest.approx(4.0)
    assert effective["a1"] == pytest.approx(1.0)
    assert set(core_numbers(graph).values()) == {3}
    groups = communities(graph)
    assert groups["a1"] == groups["a2"] == groups["a3"]
    assert groups["b1"] == groups["b2"] == groups["b3"]
    assert groups["a1"] != groups["b1"]
    assert communities(graph) == groups  # the fixed seed gives the same partition


def test_isolated_nodes_have_no_constraint():
    graph = path()
    graph.add_node("alone")
    constraint, effective = structural_holes(graph)
    assert math.isnan(constraint["alone"]) and math.isnan(effective["alone"])


def test_weights_count_both_directions_of_a_tie():
    """Directed lead → partner edges are Burt's ties whatever their direction: a→b (2) and b→a
    (1) make one tie of weight 3, so a DiGraph and its summed undirected graph agree."""
    directed = nx.DiGraph()
    directed.add_weighted_edges_from([("a", "b", 2), ("b", "a", 1), ("a", "c", 1), ("c", "b", 4)])
    summed = nx.Graph()
    summed.add_weighted_edges_from([("a", "b", 3), ("a", "c", 1), ("c", "b", 4)])
    assert structural_holes(directed) == structural_holes(summed)


@pytest.mark.parametrize("seed", range(24))
def test_numpy_kernels_match_networkx(seed):
    """Burt's constraint, effective size and PageRank equal networkx's on random weighted graphs.

    networkx's pure-Python constraint gives NaN to a directed node without successors (it
    tests ``len(G[v])``), although its in-neighbours are ties; those nodes are skipped."""
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(
        rng.randint(2, 14), rng.uniform(0.15, 0.9), seed=seed, directed=seed % 2 == 0
    )
    for u, v in graph.edges:
        graph[u][v]["weight"] = rng.randint(1, 6)
    constraint, effective = structural_holes(graph)
    theirs_c = nx.constraint(graph, weight="weight")
    theirs_e = nx.effective_size(graph, weight="weight")
    for node in graph:
        if graph.is_directed() and not graph[node]:
            continue
        for ours, theirs in ((constraint[node], theirs_c[node]), (effective[node], theirs_e[node])):
            assert (math.isnan(ours) and math.isnan(theirs)) or ours == pytest.approx(theirs)
    if not graph.is_directed():  # Borgatti's unweighted formula, n − 2t/n
        plain = nx.Graph(graph.edges())
        plain.add_nodes_from(graph)
        ours = structural_holes(plain)[1]
        for node, value in nx.effective_size(plain).items():
            assert (math.isnan(ours[node]) and math.isnan(value)) or ours[node] == pytest.approx(
                value
            )
    rank = pagerank(graph)
    expected = _pagerank_python(graph, weight="weight", tol=1e-13, max_iter=2000)
    assert all(rank[n] == pytest.approx(expected[n], abs=1e-9) for n in graph)


@pytest.mark.parametrize("seed", range(12))
def test_brandes_is_networkx_betweenness_exactly(seed):
    """Same visiting order and float operations: equal values, not only close ones, on random
    weighted graphs with ties of equal length (distances 1, 1/2, 1/3)."""
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(rng.randint(3, 60), rng.randint(3, 400), seed=seed)
    for u, v in graph.edges:
        graph[u][v]["distance"] = 1.0 / rng.randint(1, 3)
    expected = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    assert brandes(graph) == expected


def _row(name: str, load: int, served: int, between: float) -> AgencyMetrics:
    return AgencyMetrics(
        name,
        name,
        name,
        name,
        "department",
        tasks_led=0,
        tasks_partner=load,
        load=load,
        leads_served=served,
        betweenness=between,
    )


def test_bottleneck_score_by_hand():
    """Maxima: load 10, served 4, betweenness 0.5.
    A: 100 × (0.5·10/10 + 0.3·2/4 + 0.2·0.5/0.5) = 85; B: 100 × (0.5·5/10 + 0.3·4/4 + 0) = 55;
    C: 100 × (0 + 0 + 0.2·0.25/0.5) = 10; D: 100 × (0.5·5/10 + 0.3·4/4) = 55, ties B on score
    and load, so the name breaks the tie."""
    rows = rank_bottlenecks(
        [_row("C", 0, 0, 0.25), _row("B", 5, 4, 0.0), _row("A", 10, 2, 0.5), _row("D", 5, 4, 0.0)],
        n_leads=5,
    )
    assert [(r.label_en, r.bottleneck, r.bottleneck_rank) for r in rows] == [
        ("A", 85.0, 1),
        ("B", 55.0, 2),
        ("D", 55.0, 3),
        ("C", 10.0, 4),
    ]
    assert rows[0].points == pytest.approx({"load": 50.0, "reach": 15.0, "brokerage": 20.0})
    assert "1st by load" in rows[0].why and "partner of 2 of 5 other leads" in rows[0].why
    assert rows[3].as_row()["points_brokerage"] == 10.0


def test_a_collective_unit_is_scored_but_never_ranked():
    """Regression: the all-units view ranked District People's Committees 1st and printed the
    agencies from rank 3. Maxima: load 10 (the collective), served 4, betweenness 0.5.
    X (collective): 100 × (0.5·10/10 + 0.3·4/4 + 0) = 80; A: 100 × (0.5·5/10 + 0.3·2/4 +
    0.2·0.5/0.5) = 60; B: 100 × (0.5·2/10) = 10. The agencies are ranked 1 and 2, and their
    ordinals count agencies only: A is 1st by load, not 2nd."""
    collective = _row("X", 10, 4, 0.0)
    collective.kind = "district-collective"
    rows = rank_bottlenecks([_row("B", 2, 0, 0.0), collective, _row("A", 5, 2, 0.5)], n_leads=5)
    assert [(r.label_en, r.bottleneck, r.bottleneck_rank) for r in rows] == [
        ("X", 80.0, None),
        ("A", 60.0, 1),
        ("B", 10.0, 2),
    ]
    assert "1st by load" in rows[1].why and "(1st, " in rows[1].why
    assert rows[0].why.startswith("not ranked: a collective or vague unit; on 10 tasks")
    assert "by load" not in rows[0].why and rows[0].as_row()["bottleneck_rank"] is None


def test_bottleneck_with_all_zero_components():
    rows = rank_bottlenecks([_row("A", 0, 0, 0.0), _row("B", 0, 0, 0.0)])
    assert [r.bottleneck for r in rows] == [0.0, 0.0]


@pytest.mark.parametrize("seed", range(6))
def test_metrics_do_not_depend_on_the_order_the_network_was_built_in(seed):
    """Regression: two plans' copies of one network form two components whose units have
    equal betweenness. Built in another order, the float sums differed in the last bit, and the
    units' brokerage ranks swapped from run to run. Now every value, community and
    explanation is the same whatever the order."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(25, 70, seed=seed, directed=True)
    edges = [
        (f"{plan}/{u}", f"{plan}/{v}", {"weight": 1 + (u * v) % 3})
        for plan in ("p1", "p2")
        for u, v in base.edges
    ]
    nodes = sorted({n for u, v, _ in edges for n in (u, v)})
    results = []
    for _ in range(3):
        rng.shuffle(edges)
        rng.shuffle(nodes)
        graph = nx.DiGraph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)
        between = betweenness(graph)
        rows = rank_bottlenecks([_row(n, 1, graph.in_degree(n), between[n]) for n in sorted(graph)])
        results.append((between, communities(graph), [(r.iri, r.why) for r in rows]))
    assert results[0] == results[1] == results[2]
    between = results[0][0]
    assert all(between[f"p1/{n}"] == between[f"p2/{n}"] for n in base)  # the two copies tie


_BETWEENNESS_IN_A_CHILD = """
import networkx as nx
from build_graph.network.metrics import betweenness
base = nx.gnm_random_graph(30, 90, seed=7, directed=True)
graph = nx.DiGraph()
for plan in ("p1", "p2", "p3"):  # each component under half of the nodes
    graph.add_edges_from((f"{plan}/{u}", f"{plan}/{v}", {"weight": 1 + (u * v) % 3})
                         for u, v in base.edges)
print(sorted((str(k), repr(v)) for k, v in betweenness(graph).items()))
"""


def test_betweenness_is_the_same_under_any_hash_seed():
    """Regression: the components were taken with ``network.subgraph(nodes)``, which walks a
    small subgraph through its node *set*: the order, and the last bits of the float sums, then
    followed PYTHONHASHSEED, so a national report's brokerage ranks changed from run to run."""
    outputs = outputs_under_hash_seeds(_BETWEENNESS_IN_A_CHILD, (1, 2, 3, 4))
    assert len(outputs) == 1
