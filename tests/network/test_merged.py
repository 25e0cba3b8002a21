"""The national figures' network: units merged across plans by registry id.

Checked on the two SYNTHETIC plans (bench/make_corpus.py) against their extraction tables, with
loads and lead → partner weights counted here from ``tasks.csv`` and ``task_partners.csv``.
Regression: before, a several-plan report drew one disconnected cluster per plan, with nothing
saying which plan a cluster was.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from build_graph.model.agencies import REGISTRY_PLACE, Registry
from build_graph.network.analysis import analyse, load
from build_graph.network.merged import generic_names, merged_by_registry, merged_portfolios
from build_graph.network.per_plan import cross_plan
from build_graph.report.figure_jobs import figure_jobs


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def analysis(synthetic_dist: Path):
    return analyse(load(synthetic_dist / "graph.nt").data)


def counted_from_tables(dist: Path) -> tuple[Counter[str], Counter[tuple[str, str]], Counter]:
    """Load per registry id (tasks led + tasks as partner other than the lead), lead → partner
    task counts, and the number of plans each id takes part in, summed over the plans."""
    load_of: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    plans: Counter[str] = Counter()
    for folder in sorted(p for p in (dist / "tables").iterdir() if p.is_dir()):
        lead = {t["task_id"]: t["lead_agency_id"] for t in read_csv(folder / "tasks.csv")}
        partners: dict[str, set[str]] = {task: set() for task in lead}
        for row in read_csv(folder / "task_partners.csv"):
            if row["agency_id"] != lead[row["task_id"]]:
                partners[row["task_id"]].add(row["agency_id"])
        units = set()
        for task, head in lead.items():
            load_of[head] += 1
            units.add(head)
            for partner in partners[task]:
                load_of[partner] += 1
                pairs[(head, partner)] += 1
                units.add(partner)
        plans.update(units)
    return load_of, pairs, plans


def test_generic_names_name_no_province() -> None:
    for agency in Registry.load().agencies.values():
        name_vi, name_en = generic_names(agency)
        assert REGISTRY_PLACE not in name_vi + name_en, agency.agency_id
    agencies = Registry.load().agencies
    assert generic_names(agencies["cong-an-tp"])[1] == "Provincial Police"
    assert generic_names(agencies["ubnd-tp"]) == (
        "Ủy ban nhân dân tỉnh/thành phố",
        "People's Committee of the province",
    )


def test_merged_loads_and_weights_match_the_tables(analysis, synthetic_dist: Path) -> None:
    view = analysis.views["all-units"]
    network, rows = merged_by_registry(view.coordination, view.metrics, Registry.load())
    load_of, pairs, plans = counted_from_tables(synthetic_dist)
    assert {row.identifier: row.load for row in rows} == dict(load_of)
    weights = {(u, v): w for u, v, w in network.edges(data="weight")}
    assert weights == dict(pairs)
    both = [row for row in rows if plans[row.identifier] == 2]
    assert both and all(row.label_en.endswith("(2 plans)") for row in both)
    assert all(row.community > 0 for row in rows)
    assert len(network) < len(view.coordination)


def renamed_registry() -> Registry:
    """The registry with every unit renamed after its identifier."""
    registry = Registry.load()
    agencies = {
        key: dataclasses.replace(agency, name_en=f"Unit {key}", name_vi=f"Đơn vị {key}")
        for key, agency in registry.agencies.items()
    }
    return dataclasses.replace(registry, agencies=agencies)


def test_units_are_named_by_the_registry_they_are_given(analysis) -> None:
    """The network layer reads no registry of its own: merged units, their portfolios and the
    units across plans are named by the registry the caller passes."""
    registry = renamed_registry()
    view = analysis.views["all-units"]
    _, rows = merged_by_registry(view.coordination, view.metrics, registry)
    known = [row for row in rows if row.identifier in registry.agencies]
    assert known and all(row.label_en.startswith(f"Unit {row.identifier} (") for row in known)
    assert all(row.label_vi.startswith(f"Đơn vị {row.identifier} (") for row in known)
    portfolios, label = merged_portfolios(analysis.data, view.view, registry)
    unit = next(key for key in portfolios if key in registry.agencies)
    assert (label(unit, "en"), label(unit, "vi")) == (f"Unit {unit}", f"Đơn vị {unit}")
    units = cross_plan(analysis.per_plan.ranked["all-units"], "identifier", registry)
    assert all(u.label == f"Unit {u.key}" for u in units if u.key in registry.agencies)
    assert analysis.per_plan.registry.agencies["cong-an-tp"].name_en != "Unit cong-an-tp"


def test_report_captions_say_the_units_are_merged(analysis) -> None:
    captions = {stem: caption for stem, _, _, caption in figure_jobs(analysis)}
    assert "merged across the 2 plans by its registry id" in captions["coordination-all-units-kind"]
    assert "merged" in captions["partner-load-named-units"]
    assert "merged" in captions["goal-heatmap-all-units"] and "merged" in captions["target-overlap"]
    assert "merged" not in captions["period-timeline"]


def test_cross_plan_units_are_named_for_no_province(analysis) -> None:
    """Each plan labels its units with its own province; the table across plans must not pick
    one province's label for all."""
    units = {u.key: u for u in analysis.per_plan.units["all-units"]}
    assert units["cong-an-tp"].label == "Provincial Police"
    # the Youth Union bears Hồ Chí Minh's name in every province
    assert units["doan-tn-tp"].label == "Hồ Chí Minh Communist Youth Union of the province"
    # a name no rule resolved keeps its words (a body only Hải Phòng has, named for Hà Nội in the
    # synthetic plan): only the registry's units are named for no province
    named = [u for u in units.values() if not u.key.startswith("unresolved-")]
    assert not [u.key for u in named if "Hà Nội" in u.label]


def test_jobs_done_in_forked_processes_equal_the_inline_ones(analysis) -> None:
    """With several plans the second view and the near-duplicate texts are computed by forked
    processes while the first view is computed here: the same results as inline."""
    from build_graph.network.analysis import NEAR_DUPLICATES, _Beside, analyse_view
    from build_graph.network.graphs import NAMED_UNITS
    from build_graph.network.overlaps import near_duplicate_tasks

    jobs = [NEAR_DUPLICATES, NAMED_UNITS.name]
    with _Beside(analysis.data, 0.5, 0.5, jobs, forked=True) as forked:
        assert forked.pending  # really forked
        pairs, view = forked.result(NEAR_DUPLICATES), forked.result(NAMED_UNITS.name)
    assert pairs == near_duplicate_tasks(analysis.data, 0.5) == analysis.near_duplicates
    assert pairs
    inline = analyse_view(analysis.data, NAMED_UNITS, 0.5)
    assert [r.as_row() for r in view.metrics] == [r.as_row() for r in inline.metrics]
    for name in ("coordination", "copartner", "bipartite", "projection"):
        got, expected = getattr(view, name), getattr(inline, name)
        assert sorted(got.nodes(data=True)) == sorted(expected.nodes(data=True)), name
        assert sorted(got.edges(data=True)) == sorted(expected.edges(data=True)), name
    assert view.similar_portfolios == inline.similar_portfolios
