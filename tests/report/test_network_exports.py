"""The networks as Gephi and Cytoscape users open them, read back from the report of the
session's build: GEXF with colour, size and position that networkx reads and the GEXF schema
accepts, units named (not IRIs) with kind, lead flag and goals, ties with both readings'
weights and the tasks behind them (checked against the extraction tables), the agency–task
two-mode network, and the date the files carry."""

from __future__ import annotations

import csv
import datetime
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from build_graph.network.analysis import analyse, load
from build_graph.report.figure_jobs import merged_views
from build_graph.report.layouts import report_layouts
from build_graph.report.network_exports import UnitFacts
from build_graph.report.network_files import NetworkWriting
from build_graph.report.palette import KIND_GROUPS, kind_group
from build_graph.report.run import export_day

SCHEMA = Path(__file__).parent / "gexf-1.2draft" / "gexf.xsd"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def test_every_gexf_is_valid_gexf_1_2(hp_report, schema):
    files = sorted((hp_report / "networks").glob("*.gexf"))
    assert len(files) == 11  # 4 networks × 2 views, 2 co-assignment readings, agency–task
    for path in files:
        assert schema.validate(etree.parse(str(path))), (path.name, str(schema.error_log))


def test_the_schema_is_not_vacuous(hp_report, schema, tmp_path):
    """The same schema refuses what GEXF 1.2 does not allow: a colour channel of 300, a
    ``name`` on the graph element (networkx writes one), a viz element in the wrong place."""
    text = (hp_report / "networks" / "coordination-named-units.gexf").read_text(encoding="utf-8")
    first = text.index("<viz:color r=")
    channel = text[first:].split('"')[1]
    broken = {
        "channel": text[:first] + text[first:].replace(f'r="{channel}"', 'r="300"', 1),
        "name": text.replace('mode="static">', 'mode="static" name="">', 1),
        "place": text.replace("<meta ", "<viz:size value='1' /><meta ", 1),
    }
    for why, content in broken.items():
        path = tmp_path / f"{why}.gexf"
        path.write_text(content, encoding="utf-8")
        assert not schema.validate(etree.parse(str(path))), why


def test_gexf_reads_back_with_viz_colour_size_and_position(hp_report):
    for name in ("coordination-all-units", "agency-target-all-units", "agency-task"):
        graph = nx.read_gexf(hp_report / "networks" / f"{name}.gexf")
        positions = set()
        for node, attrs in graph.nodes(data=True):
            viz = attrs["viz"]
            assert {"color", "size", "position"} <= set(viz), (name, node)
            assert viz["size"] > 0 and all(0 <= viz["color"][c] <= 255 for c in "rgb")
            positions.add((viz["position"]["x"], viz["position"]["y"]))
        assert len(positions) > 0.9 * len(graph)  # a layout, not one heap
    coordination = nx.read_gexf(hp_report / "networks" / "coordination-all-units.gexf")
    spans = [max(v) - min(v) for v in zip(*positions, strict=True)]
    assert max(spans) > 100  # screen units, as Gephi expects
    colours = {
        "#{:02X}{:02X}{:02X}".format(*(attrs["viz"]["color"][c] for c in "rgb"))
        for _, attrs in coordination.nodes(data=True)
    }
    assert colours <= {group.colour for group in KIND_GROUPS} and len(colours) <= 8


def test_units_are_named_with_kind_lead_flag_and_goals(hp_report, hp_dist):
    tables = hp_dist / "tables"
    agencies = {row["agency_id"]: row for row in read_csv(tables / "agencies.csv")}
    tasks = read_csv(tables / "tasks.csv")
    leads = {row["lead_agency_id"] for row in tasks}
    goals: dict[str, set[str]] = defaultdict(set)
    for row in tasks:
        goal = row["target"].split(".")[0]
        goals[row["lead_agency_id"]].add(goal)
    for row in read_csv(tables / "task_partners.csv"):
        task = next(t for t in tasks if t["task_id"] == row["task_id"])
        goals[row["agency_id"]].add(task["target"].split(".")[0])
    for fmt in ("gexf", "graphml"):
        read = nx.read_gexf if fmt == "gexf" else nx.read_graphml
        graph = read(hp_report / "networks" / f"coordination-all-units.{fmt}")
        for node, attrs in graph.nodes(data=True):
            row = agencies[attrs["identifier"]]
            assert attrs["label"] == row["name_en"] and not attrs["label"].startswith("http")
            assert attrs["kind"] == row["kind"]
            assert attrs["colour_class"] == kind_group(row["kind"]).key
            assert attrs["lead"] == (attrs["identifier"] in leads), node
            assert attrs["goals"].split(";") == sorted(goals[attrs["identifier"]], key=int)
        if fmt == "graphml":  # Cytoscape maps columns: the layout and colours as plain values
            first = next(iter(graph.nodes.values()))
            assert {"x", "y", "size", "colour"} <= set(first)


def test_ties_carry_both_readings_and_their_tasks(hp_report, hp_dist):
    """Each lead → partner tie lists its tasks; its weights are those tasks, written on the
    row or inherited from a merged cell as task_partners.csv says."""
    tables = hp_dist / "tables"
    lead_of = {row["task_id"]: row["lead_agency_id"] for row in read_csv(tables / "tasks.csv")}
    links: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in read_csv(tables / "task_partners.csv"):
        pair = (lead_of[row["task_id"]], row["agency_id"])
        if pair[0] == pair[1]:
            continue
        links[pair]["inherited" if row["inherited"] == "true" else "written"] += 1
        ids[pair].add(row["task_id"])
    graph = nx.read_gexf(hp_report / "networks" / "coordination-all-units.gexf")
    identifier = {node: attrs["identifier"] for node, attrs in graph.nodes(data=True)}
    assert graph.number_of_edges() == len(links)
    for u, v, attrs in graph.edges(data=True):
        pair = (identifier[u], identifier[v])
        written, inherited = links[pair]["written"], links[pair]["inherited"]
        assert attrs["weight_written"] == written, pair
        assert attrs["weight_inherited"] == attrs["weight"] == written + inherited, pair
        assert attrs["merged_cell_links"] == inherited
        assert set(attrs["tasks"].split(";")) == ids[pair]
    copartner = nx.read_gexf(hp_report / "networks" / "copartner-all-units.gexf")
    assert all(len(d["tasks"].split(";")) == d["weight"] for _, _, d in copartner.edges(data=True))


def test_the_agency_task_network_has_every_task_with_its_facts(hp_report, hp_dist):
    tasks = {row["task_id"]: row for row in read_csv(hp_dist / "tables" / "tasks.csv")}
    graph = nx.read_gexf(hp_report / "networks" / "agency-task.gexf")
    task_nodes = {n: d for n, d in graph.nodes(data=True) if d["node_type"] == "task"}
    assert {d["task_id"] for d in task_nodes.values()} == set(tasks)
    for node, attrs in task_nodes.items():
        row = tasks[attrs["task_id"]]
        assert attrs["target"] == row["target"], node
        assert attrs["goal"] == row["target"].split(".")[0]
        assert attrs["appendix"] == int(row["appendix"])
        assert attrs.get("period", "").replace("; ", ";") == row["periods"], node
    roles = Counter(d["role"] for _, _, d in graph.edges(data=True))
    partners = read_csv(hp_dist / "tables" / "task_partners.csv")
    assert roles["lead"] == len(tasks) and roles["partner"] == len(partners)


def test_files_carry_the_plan_date_or_source_date_epoch(hp_report, monkeypatch):
    facts = [{"issued": "2017-10-30", "plan": "p"}, {"issued": "2017-05-10", "plan": "n"}]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert export_day(facts) == "2017-10-30"  # the newest plan's, not the run's date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert export_day(facts) == "2026-01-01"
    text = (hp_report / "networks" / "agency-task.gexf").read_text(encoding="utf-8")
    today = datetime.date.today().isoformat()
    assert 'lastmodifieddate="2017-10-30"' in text or today == "2017-10-30"


def test_exports_are_byte_stable(tmp_path):
    """The same graph gives the same files: layout seeded, rows in one order, a fixed date."""
    analysis = analyse(load().data)
    written = {}
    for run in ("a", "b"):
        layouts = report_layouts(analysis, merged_views(analysis))
        facts = UnitFacts.of(analysis.data, layouts.units, "en")
        writing = NetworkWriting(analysis, tmp_path / run, facts, "2017-10-30", forked=False)
        written[run] = writing.wait()
    assert len(written["a"]) == 22
    for path in written["a"]:
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert twin in written["b"] and twin.read_bytes() == path.read_bytes(), path.name
