"""The named measures on a graph of two SYNTHETIC plans (bench/make_corpus.py): each plan's
values are those of the plan analysed alone, the graph-wide table holds the same values (no
scaling to a maximum, so units of different plans compare), and the national view by registry
id sums the counts and averages the per-plan values, as its definition says."""

from __future__ import annotations

import dataclasses
import statistics
from collections import defaultdict

import pytest

from build_graph.network.analysis import analyse, load
from build_graph.network.measures import RANKED, agency_measures
from build_graph.network.readings import READINGS, Choice, partners_under


@pytest.fixture(scope="module")
def analysis(synthetic_dist):
    return analyse(load(synthetic_dist / "graph.nt").data)


def alone(data, plan: str):
    """The graph's rows restricted to one plan, as if it had been built alone."""
    tasks = {iri: t for iri, t in data.tasks.items() if t.plan == plan}
    return dataclasses.replace(data, tasks=tasks, plans={plan: data.plans[plan]})


VALUES = ("tasks_led", "demand_tasks", "leads_served", "in_sector_tasks", "brokerage")


@pytest.mark.parametrize("reading", READINGS)
def test_per_plan_values_are_the_plan_alone(analysis, reading):
    data = analysis.data
    per_plan = analysis.per_plan.measures[reading]
    graph_wide = {r.iri: r for r in analysis.findings.sensitivity.baseline(reading)}
    assert len(per_plan) == 2
    for plan, rows in per_plan.items():
        own = alone(data, plan)
        expected = {r.iri: r for r in agency_measures(own, partners_under(own, Choice(reading)))}
        assert {r.iri for r in rows} == set(expected)
        for row in rows:
            for name in (*VALUES, "concentration", "delegation", "effective_size"):
                assert row.value(name) == pytest.approx(expected[row.iri].value(name)), name
                assert graph_wide[row.iri].value(name) == pytest.approx(row.value(name))
            for measure in RANKED:  # ranked within the plan
                assert row.ranks[measure] == expected[row.iri].ranks[measure]


@pytest.mark.parametrize("reading", READINGS)
def test_the_national_view_sums_and_averages(analysis, reading):
    per_identifier = defaultdict(list)
    for rows in analysis.per_plan.measures[reading].values():
        for row in rows:
            per_identifier[row.identifier].append(row)
    across = {u.key: u for u in analysis.per_plan.measures_across[reading]}
    assert set(across) == set(per_identifier)
    for key, rows in per_identifier.items():
        unit = across[key]
        assert unit.plans == len(rows)
        assert unit.tasks_led == sum(r.tasks_led for r in rows)
        assert unit.demand_tasks == sum(r.demand_tasks for r in rows)
        assert unit.demand_mean == pytest.approx(statistics.fmean(r.demand_tasks for r in rows))
        assert unit.leads_served_mean == pytest.approx(
            statistics.fmean(r.leads_served for r in rows)
        )
        assert unit.brokerage_mean == pytest.approx(statistics.fmean(r.brokerage for r in rows))
        if unit.tasks_led:
            assert unit.delegation == pytest.approx(
                sum(r.delegated_tasks for r in rows) / unit.tasks_led
            )


def test_several_plans_take_both_readings_and_merged_communities(analysis):
    found = analysis.findings
    assert not found.full_sensitivity and set(found.sensitivity.tables) == {
        Choice(reading) for reading in READINGS
    }
    identifiers = {a.identifier for a in analysis.data.agents.values()}
    for communities in found.communities.values():
        assert set(communities.partition) <= identifiers  # merged by registry id
    profile = found.accountability.profiles[READINGS[-1]]
    plans = [p for p in profile if p]
    assert len(plans) == 2
    assert profile[""].only_aggregate == sum(profile[p].only_aggregate for p in plans)
