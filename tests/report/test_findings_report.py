"""The report's findings on the bundled plan, as written: the accountability finding on the
first screen, every measure in both readings in the CSV exports and the report, no collective
or vague unit in a ranking, each measure explained; and the report in Vietnamese."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from build_graph.cli.main import main
from build_graph.report.measure_texts import MEASURES

AGGREGATE = {"vague", "collective", "district-collective", "commune-collective"}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def markdown(hp_report) -> str:
    return (hp_report / "report.md").read_text(encoding="utf-8")


def test_the_first_screen_states_the_accountability_finding(markdown):
    glance = markdown.split("## At a glance")[1].split("\n## ")[0]
    first = glance.strip().splitlines()[0]
    assert "232 of 537 (43 %) tasks name only vague or collective partners" in first
    assert "77 name only vague ones" in first and "6 name no partner at all" in first
    assert "ranges from 100 %" in glance and "1415 of 2181 (65 %)" in glance
    assert "368 of 537 (69 %) tasks run over the whole 2017–2030 horizon" in glance
    assert markdown.index("## At a glance") < markdown.index("## Accountability")
    assert markdown.index("## Accountability") < markdown.index("## Measures")


def test_every_measure_in_both_readings_in_the_exports(hp_report, hp_dist):
    rows = read_csv(hp_report / "metrics" / "measures.csv")
    kinds = {r["agency_id"]: r["kind"] for r in read_csv(hp_dist / "tables" / "agencies.csv")}
    by_reading = {
        reading: {r["iri"] for r in rows if r["reading"] == reading}
        for reading in ("written", "inherited")
    }
    assert by_reading["written"] <= by_reading["inherited"] and by_reading["inherited"]
    for measure in MEASURES:
        assert measure.column in rows[0] and f"rank_{measure.column}" in rows[0]
    assert not {kinds[r["identifier"]] for r in rows} & AGGREGATE
    changes = read_csv(hp_report / "metrics" / "rank-changes.csv")
    assert {"rank_written", "rank_inherited"} <= set(changes[0])
    ranges = read_csv(hp_report / "metrics" / "rank-ranges.csv")
    assert {r["measure"] for r in ranges} >= {m.column for m in MEASURES} | {"composite"}
    assert all(int(r["choices"]) in (8, 132) for r in ranges)  # 8 readings; 66 weights × 2
    overlap = read_csv(hp_report / "findings" / "portfolio-overlaps.csv")
    assert {r["reading"] for r in overlap} == {"written", "inherited"}
    profile = read_csv(hp_report / "findings" / "partner-profile.csv")
    everything = {r["reading"]: r for r in profile if r["plan"] == "all"}
    assert everything["inherited"]["only_vague_or_collective"] == "232"
    import networkx as nx

    for reading in ("written", "inherited"):
        network = nx.read_graphml(hp_report / "networks" / f"coassignment-{reading}.graphml")
        assert network.number_of_edges() > 0
    coordination = nx.read_graphml(hp_report / "networks" / "coordination-all-units.graphml")
    weights = [(d["weight"], d["weight_written"]) for _, _, d in coordination.edges(data=True)]
    assert all(w >= ww for w, ww in weights) and any(w > ww for w, ww in weights)


def test_no_collective_or_vague_unit_in_a_ranking(markdown, hp_report):
    labels = {
        r["label_en"] for r in read_csv(hp_report / "findings" / "collective-and-vague-units.csv")
    }
    assert "District People's Committees of Hải Phòng" in labels
    rankings = markdown.split("## Measures")[1].split("## Where the two readings")[0]
    rankings += markdown.split("### Top 10 bottlenecks: all units")[1].split("## Data-quality")[0]
    for label in labels:
        assert label not in rankings, label


def test_each_measure_is_explained(markdown):
    for measure in MEASURES:
        section = markdown.split(f"### {measure.name}\n")[1].split("\n### ")[0]
        assert "**Formula:**" in section and "**Why:**" in section
        assert measure.plain in section
        assert "| rank | written: unit" in section and "inherited: unit" in section
    for heading in (
        "## Where the two readings change a rank",
        "## Sensitivity and stability",
        "### Ambiguous readings of the source, and their effect",
        "### Communities",
        "### Briefing cases: targets with two leads",
        "### National VSDG targets the province did not adopt",
    ):
        assert heading in markdown
    assert '"Báo đài, truyền hình Hải Phòng" (line 1126, 1164)' in markdown
    assert '"Các Sở: …, Văn hóa, Thể thao và Du lịch" (line 2871)' in markdown
    assert "modularity" in markdown and "Rand index" in markdown
    assert "**Not computed:** the list of the 115 VSDG targets" in markdown
    assert "VSDG targets split between leads by sub-target: 15" in markdown


def test_the_report_builds_in_vietnamese(hp_dist, tmp_path):
    out = tmp_path / "vi"
    assert (
        main(
            [
                "report",
                "--graph",
                str(hp_dist / "graph.nt"),
                "--out",
                str(out),
                "--lang",
                "vi",
                "-q",
            ]
        )
        == 0
    )
    markdown = (out / "report.md").read_text(encoding="utf-8")
    # every heading is Vietnamese too: "Measures" is "Các thước đo"
    assert "## Measures" not in markdown
    assert "Sở Tài nguyên và Môi trường" in markdown.split("## Các thước đo")[1]
    svg = (out / "figures" / "rank-ranges.svg").read_text(encoding="utf-8")
    assert "thứ hạng" in svg


def test_the_briefing_cases_give_un_texts_both_readings_and_todays_holder(markdown):
    """Regressions from an analyst's read against the source:
    - every briefing case printed "UN 13.1: " with no text (the UN texts are not in the graph);
    - 3.5.a was said to have "no text of its own", but appendix 06's row 1.1 gives it one
      (line 1158: "Triển khai thực hiện các giải pháp đảm bảo an toàn giao thông …");
    - who names whom was counted in the inherited reading only: Natural Resources names
      Agriculture on task 7.1 (line 3239), and tasks 7.2–7.4 inherit that cell;
    - 13.1.a's two leads became one Department of Agriculture and Environment in 2025."""
    cases = markdown.split("### Briefing cases")[1].split("\n### ")[0]
    case = cases.split("#### Target 13.1.a")[1].split("#### ")[0]
    assert "- UN 13.1: Strengthen resilience and adaptive capacity to climate-related" in case
    assert "on 4 (1 written on the row) of its 4 tasks here" in case
    assert "Today one body holds both leads' functions: Department of Agriculture and" in case
    first = cases.split("#### Target 3.5.a")[1].split("#### ")[0]
    assert "no text of its own" not in first
    assert "- VSDG: Triển khai thực hiện các giải pháp đảm bảo an toàn giao thông" in first
    assert "- UN " in first and "UN 3.6: By 2020, halve the number of global deaths" in first


def test_the_method_says_how_umbrella_tasks_are_counted(markdown, hp_dist):
    """Appendix 06 numbers tasks 1.1.2, 1.1.2.1 and 1.1.2.2 (lines 1168, 1174, 1178): each is a
    row with its own text and cells, and each counts as a task. The report says so, with the
    counts: the plan's tasks.csv has 6 rows that head others, and 14 rows headed by another."""
    with (hp_dist / "tables" / "tasks.csv").open(encoding="utf-8", newline="") as handle:
        ids = {row["task_id"] for row in csv.DictReader(handle)}
    assert {"A06-T1.1.2", "A06-T1.1.2.1", "A06-T1.1.2.2"} <= ids
    subs = {i for i in ids if any(i.startswith(other + ".") for other in ids)}
    heads = {i for i in ids if any(other.startswith(i + ".") for other in ids)}
    assert (len(heads), len(subs)) == (6, 14)
    assert "6 are umbrella tasks whose rows head 14 sub-tasks" in markdown
