"""Per-plan and cross-plan queries on a graph of two plans.

The plans are SYNTHETIC (bench/make_corpus.py): copies of the Hải Phòng text under other
provinces' names, for testing the queries only. Expected values come from the generated texts
and from the tables the reader extracts from them (``tables/<plan>/*.csv``), never from SPARQL.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from build_graph.sparql.engines import OxigraphEngine, RdflibEngine
from build_graph.sparql.library import bind, insert_values, library

PLAN = "https://w3id.org/sdgkg/plan/"
LOOSE = {"vague", "collective", "district-collective", "commune-collective"}


@pytest.fixture(scope="module")
def dist(synthetic_dist) -> Path:
    return synthetic_dist


@pytest.fixture(scope="module")
def store(dist) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(dist / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def plans(dist) -> dict[str, dict]:
    """Per plan slug: its plan.json and its tables, as the reader extracted them."""
    found = {}
    for folder in sorted((dist / "tables").iterdir()):
        tables = {
            name: list(csv.DictReader((folder / f"{name}.csv").open(encoding="utf-8")))
            for name in ("tasks", "task_partners", "agencies", "appendices")
        }
        tables["plan"] = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        found[folder.name] = tables
    assert len(found) == 2
    return found


def answer(store: ox.Store, name: str, *params: str) -> list[dict[str, str]]:
    query = library()[name]
    result = store.query(insert_values(query.text, bind(query, params)))
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def test_plans_overview_counts_each_plan(store, plans, synthetic_corpus):
    rows = {r["plan"].removeprefix(PLAN): r for r in answer(store, "plans-overview")}
    assert set(rows) == set(plans)  # the national plan they implement has no appendix: not listed
    texts = [p.read_text(encoding="utf-8") for p in sorted(synthetic_corpus.glob("*.txt"))]
    for slug, tables in plans.items():
        row, meta = rows[slug], tables["plan"]
        text = next(t for t in texts if f"{meta['number']}" in t)
        assert meta["place"] in row["name"] and row["decision"] == meta["number"]
        assert row["issued"] == meta["date"]
        assert int(row["appendices"]) == len(re.findall(r"^PHỤ LỤC \d+$", text, re.M))
        assert int(row["tasks"]) == len(tables["tasks"])
        links = {(r["task_id"], r["agency_id"]) for r in tables["task_partners"]}
        assert int(row["partnerLinks"]) == len(links)
        kind = {r["agency_id"]: r["kind"] for r in tables["agencies"]}
        partners: dict[str, set[str]] = defaultdict(set)
        for task, agency in links:
            partners[task].add(agency)
        loose = sum(all(kind[a] in LOOSE for a in ps) for ps in partners.values())
        assert int(row["vagueOnlyTasks"]) == loose > 0
        assert int(row["vagueOnlyPercent"]) == int(100 * loose / len(tables["tasks"]) + 0.5)


def test_units_across_plans_add_up_the_plans(store, plans):
    expected: dict[str, list] = defaultdict(lambda: [set(), set(), 0, 0, 0])
    for slug, tables in plans.items():
        for r in tables["appendices"]:
            unit = expected[r["lead_agency_id"]]
            unit[0].add(slug)
            unit[1].add(slug)
            unit[2] += 1
        for r in tables["tasks"]:
            expected[r["lead_agency_id"]][0].add(slug)
            expected[r["lead_agency_id"]][3] += 1
        for _task, agency in {(r["task_id"], r["agency_id"]) for r in tables["task_partners"]}:
            expected[agency][0].add(slug)
            expected[agency][4] += 1
    rows = answer(store, "units-across-plans")
    got = {
        r["unit"]: (
            int(r["plans"]),
            int(r["plansLeading"]),
            int(r["appendicesLed"]),
            int(r["tasksLed"]),
            int(r["partnerTasks"]),
        )
        for r in rows
    }
    assert got == {u: (len(p), len(lp), a, t, pt) for u, (p, lp, a, t, pt) in expected.items()}
    health = next(r for r in rows if r["unit"] == "so-y-te")
    assert health["name"] == "Department of Health" and health["kind"] == "department"
    assert int(health["plansLeading"]) == 2  # the Department of Health leads an appendix in both
    both = answer(store, "units-across-plans", "minPlans=2")
    assert {r["unit"] for r in both} == {u for u, v in expected.items() if len(v[0]) == 2}


def test_target_leads_across_plans(store, plans):
    plans_of: dict[str, set[str]] = defaultdict(set)
    by_unit: Counter = Counter()
    for slug, tables in plans.items():
        pairs = {
            (code, r["lead_agency_id"])
            for r in tables["appendices"]
            for code in r["declared_targets"].split(";")
        }
        for code, unit in pairs:
            plans_of[code].add(slug)
            by_unit[(code, unit)] += 1
    units = Counter(code for code, _ in by_unit)
    rows = answer(store, "target-leads-across-plans")
    got = {(r["notation"], r["unit"]): int(r["plans"]) for r in rows}
    assert got == dict(by_unit)
    for r in rows:
        assert int(r["plansDeclaring"]) == len(plans_of[r["notation"]])
        assert int(r["units"]) == units[r["notation"]]
    split = answer(store, "target-leads-across-plans", "minUnits=2")
    assert {r["notation"] for r in split} == {c for c, n in units.items() if n >= 2}
    assert split  # Hải Phòng's doubly declared targets stay doubly declared in each copy


def test_several_leads_are_counted_within_each_plan(store, plans):
    everywhere = answer(store, "targets-with-several-leads")
    for slug, tables in plans.items():
        leads: dict[str, set[str]] = defaultdict(set)
        for r in tables["appendices"]:
            for code in r["declared_targets"].split(";"):
                leads[code].add(r["lead_agency_id"])
        expected = {(c, lead) for c, ls in leads.items() if len(ls) > 1 for lead in ls}
        rows = answer(store, "targets-with-several-leads", f"plan=plan:{slug}")
        got = {(r["notation"], r["lead"].rsplit("/", 1)[1]) for r in rows}
        assert got == expected and expected
        assert all(r["appendix"].startswith(PLAN + slug + "/") for r in rows)
        assert all(int(r["leads"]) == len(leads[r["notation"]]) for r in rows)
        assert [r for r in everywhere if r["appendix"].startswith(PLAN + slug + "/")] == rows


def test_declared_targets_without_tasks_look_within_the_plan(store, plans):
    for slug, tables in plans.items():
        filed: dict[str, list[str]] = defaultdict(list)
        for r in tables["tasks"]:
            filed[r["appendix"]].append(r["subtarget"] or r["target"])
        expected = {}
        for row in tables["appendices"]:
            for code in row["declared_targets"].split(";"):
                if any(c == code or c.startswith(code + ".") for c in filed[row["appendix"]]):
                    continue
                elsewhere = sum(
                    c == code or c.startswith(code + ".")
                    for appendix, codes in filed.items()
                    for c in codes
                    if appendix != row["appendix"]
                )
                expected[(int(row["appendix"]), code)] = elsewhere
        rows = answer(store, "declared-targets-without-tasks", f"plan=plan:{slug}")
        got = {
            (int(r["appendix"].rsplit("/", 1)[1]), r["notation"]): int(r["tasksElsewhere"])
            for r in rows
        }
        assert got == expected and expected


def test_similar_task_texts_group_within_a_plan(store, plans):
    for slug, tables in plans.items():
        groups: dict[str, set[str]] = defaultdict(set)
        for r in tables["tasks"]:
            groups[r["text_vi"].lower()[:60]].add(r["task_iri"])
        expected = {t for members in groups.values() if len(members) > 1 for t in members}
        rows = answer(store, "similar-task-texts", f"plan=plan:{slug}")
        assert {r["task"] for r in rows} == expected and expected


def test_aggregates_take_a_plan(store, plans):
    for slug, tables in plans.items():
        overview = answer(store, "appendix-overview", f"plan=plan:{slug}")
        assert sorted(int(r["number"]) for r in overview) == sorted(
            int(r["appendix"]) for r in tables["appendices"]
        )
        assert {int(r["number"]): int(r["tasks"]) for r in overview} == {
            int(r["appendix"]): int(r["tasks"]) for r in tables["appendices"]
        }
        cells = answer(store, "inherited-cells", f"plan=plan:{slug}")
        assert sum(int(r["tasks"]) for r in cells) == len(tables["tasks"])
    both = answer(store, "appendix-overview")
    assert len(both) == sum(len(t["appendices"]) for t in plans.values())


@pytest.fixture(scope="module")
def engines(dist) -> tuple[RdflibEngine, OxigraphEngine]:
    triples = set(Graph().parse(dist / "graph.nt", format="nt"))
    return RdflibEngine(triples), OxigraphEngine(triples)


@pytest.mark.parametrize(
    "name", ["plans-overview", "units-across-plans", "target-leads-across-plans"]
)
def test_rdflib_and_pyoxigraph_agree_on_the_cross_plan_queries(engines, name):
    query = library()[name]
    bindings = bind(query, [])
    expected, got = (engine.query(query.text, bindings) for engine in engines)
    assert got.variables == expected.variables
    assert got.rows == expected.rows and got.rows
