"""``sdgkg report`` on a graph of two plans: the per-plan and cross-plan views, checked against
the extraction tables ``sdgkg build`` writes beside the graph and against scores computed here
by hand from those tables.

The plans are SYNTHETIC (bench/make_corpus.py): copies of the Hải Phòng text under other
provinces' names, for testing the machinery only.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from build_graph.cli.main import main
from build_graph.network.data import load_network_store, network_terms, read_network_data

AGGREGATE = {"vague", "collective", "district-collective", "commune-collective"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def dist(synthetic_dist, tmp_path_factory) -> Path:
    """The build of the two synthetic plans, copied (the shared build is left as built), with
    its report written beside the graph."""
    out = tmp_path_factory.mktemp("plans") / "dist"
    shutil.copytree(synthetic_dist, out)
    assert (
        main(["report", "--graph", str(out / "graph.nt"), "--out", str(out / "report"), "-q"]) == 0
    )
    return out


class Plan:
    """One plan as its tables give it: tasks, leads, partners (lead left out), kinds."""

    def __init__(self, folder: Path) -> None:
        self.tasks = read_csv(folder / "tasks.csv")
        self.iri = self.tasks[0]["task_iri"].split("/appendix/")[0]
        self.kinds = {row["agency_id"]: row["kind"] for row in read_csv(folder / "agencies.csv")}
        self.lead = {t["task_id"]: t["lead_agency_id"] for t in self.tasks}
        self.partners: dict[str, set[str]] = defaultdict(set)
        for row in read_csv(folder / "task_partners.csv"):
            if row["agency_id"] != self.lead[row["task_id"]]:
                self.partners[row["task_id"]].add(row["agency_id"])

    def loads(self) -> tuple[Counter[str], dict[str, set[str]]]:
        """Tasks per unit (led + as partner), and the other leads naming each unit."""
        load: Counter[str] = Counter()
        served: dict[str, set[str]] = defaultdict(set)
        for task_id, lead in self.lead.items():
            load[lead] += 1
            for partner in self.partners[task_id]:
                load[partner] += 1
                served[partner].add(lead)
        return load, served


@pytest.fixture(scope="module")
def plans(dist) -> dict[str, Plan]:
    found = [Plan(folder) for folder in sorted((dist / "tables").iterdir())]
    assert len(found) == 2
    return {plan.iri: plan for plan in found}


def test_the_plan_summary_counts_what_the_tables_hold(dist, plans):
    summary = {row["plan"]: row for row in read_csv(dist / "report/metrics/plan-summary.csv")}
    assert set(summary) == set(plans)
    for iri, plan in plans.items():
        row = summary[iri]
        load, _ = plan.loads()
        vague_only = sum(
            1
            for task_id in plan.lead
            if plan.partners[task_id]
            and all(plan.kinds[p] == "vague" for p in plan.partners[task_id])
        )
        assert int(row["tasks"]) == len(plan.tasks)
        assert int(row["lead_agencies"]) == len(set(plan.lead.values()))
        assert int(row["units"]) == len(load)
        assert int(row["named_units"]) == sum(1 for a in load if plan.kinds[a] not in AGGREGATE)
        pairs = {(plan.lead[t], p) for t in plan.lead for p in plan.partners[t]}
        assert int(row["edges"]) == len(pairs)
        assert float(row["density"]) == pytest.approx(
            len(pairs) / (len(load) * (len(load) - 1)), abs=1e-6
        )
        assert int(row["vague_only_tasks"]) == vague_only > 0


def test_per_plan_scores_are_the_formula_with_maxima_within_the_plan(dist, plans):
    """Scores recomputed from the tables' loads and leads served; betweenness is the
    graph-wide value (per component, and each plan is its own component)."""
    rows = read_csv(dist / "report/metrics/plan-bottlenecks-all-units.csv")
    graph_wide = {
        row["iri"]: row for row in read_csv(dist / "report/metrics/agency-metrics-all-units.csv")
    }
    tops = {}
    for iri, plan in plans.items():
        ours = {row["identifier"]: row for row in rows if row["plan"] == iri}
        load, served = plan.loads()
        assert set(ours) == set(load)
        between = {a: float(ours[a]["betweenness"]) for a in ours}
        for agency, row in ours.items():
            assert row["betweenness"] == graph_wide[row["iri"]]["betweenness"]
            assert int(row["load"]) == load[agency]
            assert int(row["leads_served"]) == len(served[agency] - {agency})
        top_load = max(load.values())
        top_served = max(len(s - {a}) for a, s in served.items())
        top_between = max(between.values())
        scores = {
            a: 100
            * (
                0.5 * load[a] / top_load
                + 0.3 * len(served[a] - {a}) / top_served
                + 0.2 * between[a] / top_between
            )
            for a in load
        }
        for agency, score in scores.items():
            assert float(ours[agency]["bottleneck"]) == pytest.approx(score, abs=0.006)
        # the first rank goes to the best-scoring agency: collective and vague units are scored
        # (their loads set the maxima) but never ranked
        agencies = {a: s for a, s in scores.items() if ours[a]["kind"] not in AGGREGATE}
        best = max(agencies.values())
        tops[iri] = {a for a, s in agencies.items() if s > best - 0.006}
        first = next(row for row in ours.values() if row["bottleneck_rank"] == "1")
        assert first["identifier"] in tops[iri]
        assert all(ours[a]["bottleneck_rank"] == "" for a in scores if a not in agencies)
    # Each province names its own departments: the plans' units share identifiers, not IRIs.
    iris = [{r["iri"] for r in rows if r["plan"] == p} for p in plans]
    assert not iris[0] & iris[1]
    units = {
        row["key"]: row for row in read_csv(dist / "report/metrics/cross-plan-units-all-units.csv")
    }
    assert sum(int(u["top_bottleneck"]) for u in units.values()) == 2
    for identifier, unit in units.items():
        present = [p for p in plans.values() if identifier in p.loads()[0]]
        assert int(unit["plans"]) == len(present)
        assert int(unit["tasks_led"]) == sum(
            1 for p in present for lead in p.lead.values() if lead == identifier
        )
        assert int(unit["load_max"]) == max(p.loads()[0][identifier] for p in present)
        if int(unit["top_bottleneck"]):
            assert sum(identifier in top for top in tops.values()) >= int(unit["top_bottleneck"])


def test_named_units_view_leaves_out_collective_and_vague_units(dist, plans):
    rows = read_csv(dist / "report/metrics/plan-bottlenecks-named-units.csv")
    for iri, plan in plans.items():
        ours = [row for row in rows if row["plan"] == iri]
        assert ours and not {plan.kinds[row["identifier"]] for row in ours} & AGGREGATE
    kinds = read_csv(dist / "report/metrics/cross-plan-kinds-all-units.csv")
    vague = next(row for row in kinds if row["key"] == "vague")
    assert int(vague["plans"]) == 2


def test_targets_whose_lead_differs_between_the_plans(dist, plans):
    leads: dict[str, list[frozenset[str]]] = defaultdict(list)
    for plan in plans.values():
        per_target: dict[str, set[str]] = defaultdict(set)
        for task in plan.tasks:
            if task["target"]:
                per_target[task["target"]].add(task["lead_agency_id"])
        for target, ids in per_target.items():
            leads[target].append(frozenset(ids))
    differ = {t for t, sets in leads.items() if len(set(sets)) > 1}
    found = read_csv(dist / "report/findings/lead-differs-across-plans.csv")
    assert {row["target"] for row in found if "." in row["target"]} == differ


def test_the_report_has_per_plan_and_cross_plan_sections(dist, plans):
    markdown = (dist / "report" / "report.md").read_text(encoding="utf-8")
    for heading in (
        "## Per plan",
        "## Across plans",
        "### Units across plans: all units",
        "### Targets whose lead differs between plans",
    ):
        assert heading in markdown
    section = markdown.split("## Per plan")[1].split("## Across plans")[0]
    counts = sorted(len(p.tasks) for p in plans.values())
    table = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")][1:]
    assert sorted(int(cells[1]) for cells in table) == counts
    html = (dist / "report" / "report.html").read_text(encoding="utf-8")
    assert 'id="per-plan"' in html and 'id="across-plans"' in html


def test_the_filtered_store_reads_the_same_rows(dist):
    """The report loads only the triples its queries can match; the rows are the same."""
    graph = dist / "graph.nt"
    assert read_network_data(
        load_network_store(graph, needed=network_terms())
    ) == read_network_data(load_network_store(graph))


def test_first_agencies_tied_across_plans_are_named_once(dist):
    """Regression: in a national report, the first agency by leads served read "Department of
    Finance, Department of Finance, …": each province's own department, tied. A body of the
    registry is named once, with the number of plans where it ties."""
    markdown = (dist / "report" / "report.md").read_text(encoding="utf-8")
    line = next(text for text in markdown.splitlines() if text.startswith("- First agency"))
    for part in line.split(";"):
        names = [n.strip(" *") for n in part.split(": ", 1)[1].split("(")[0].split(",")]
        assert len(names) == len(set(names)), part
