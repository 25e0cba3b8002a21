"""``sdgkg report`` on the graph written by ``sdgkg build``: every file written and read back,
the findings against the extraction tables, and the errors of bad input."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest

from build_graph.cli.main import main
from build_graph.network.analysis import load
from build_graph.report.exports import write_json
from build_graph.report.extraction_warnings import load_warnings

AGGREGATE = {"vague", "collective", "district-collective", "commune-collective"}
NETWORKS = ["coordination", "copartner", "agency-target", "agency-projection"]
VIEWS = ["all-units", "named-units"]
FIGURES = [
    "coordination-all-units-kind",
    "coordination-all-units-community",
    "coordination-named-units-kind",
    "coordination-named-units-community",
    "partner-load-all-units",
    "partner-load-named-units",
    "goal-heatmap-all-units",
    "goal-heatmap-named-units",
    "target-overlap",
    "period-timeline",
    "rank-ranges",
]


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    return hp_dist


@pytest.fixture(scope="module")
def report(hp_report) -> Path:
    """The report on the session's build, written into a folder of its own."""
    return hp_report


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_export_is_written_and_reads_back(report, dist):
    kinds = {row["agency_id"]: row["kind"] for row in read_csv(dist / "tables" / "agencies.csv")}
    for view in VIEWS:
        metrics = read_csv(report / "metrics" / f"agency-metrics-{view}.csv")
        for network in NETWORKS:
            graphml = nx.read_graphml(report / "networks" / f"{network}-{view}.graphml")
            gexf = nx.read_gexf(report / "networks" / f"{network}-{view}.gexf")
            assert set(graphml) == set(gexf) and graphml.number_of_edges() > 0
            assert graphml.number_of_edges() == gexf.number_of_edges()
            agencies = [n for n, d in graphml.nodes(data=True) if d["node_type"] == "agency"]
            found = {graphml.nodes[n]["identifier"] for n in agencies}
            assert bool({kinds[i] for i in found} & AGGREGATE) == (view == "all-units")
        coordination = nx.read_graphml(report / "networks" / f"coordination-{view}.graphml")
        assert coordination.is_directed()
        assert set(coordination) == {row["iri"] for row in metrics}
        for row in metrics:  # the metrics travel as node attributes, for Gephi and Cytoscape
            node = coordination.nodes[row["iri"]]
            assert node["kind"] == row["kind"] == kinds[row["identifier"]]
            assert (
                node["load"]
                == int(row["load"])
                == int(row["tasks_led"]) + int(row["tasks_partner"])
            )
    payload = json.loads((report / "metrics" / "metrics.json").read_text(encoding="utf-8"))
    assert payload["bottleneck_formula"].startswith("bottleneck = 100 × (0.5 × load")
    for view in VIEWS:
        rows = read_csv(report / "metrics" / f"agency-metrics-{view}.csv")
        agencies = payload["views"][view]["agencies"]
        assert [a["iri"] for a in agencies] == [r["iri"] for r in rows]
        scores = [a["bottleneck"] for a in agencies]
        assert scores == sorted(scores, reverse=True)
        # collective and vague units are scored but never ranked; agencies are ranked 1, 2, …
        ranked = [a for a in agencies if a["kind"] not in AGGREGATE]
        assert [a["bottleneck_rank"] for a in ranked] == list(range(1, len(ranked) + 1))
        assert all(a["bottleneck_rank"] is None for a in agencies if a["kind"] in AGGREGATE)
        assert {a["reading"] for a in agencies} == {"inherited"}
        assert all(a["why"] for a in agencies)


def test_figures_are_png_and_svg(report):
    import matplotlib.image

    for name in FIGURES:
        image = matplotlib.image.imread(report / "figures" / f"{name}.png")
        assert min(image.shape[:2]) > 600, name
        svg = (report / "figures" / f"{name}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "</svg>" in svg


def test_findings_match_the_extraction_tables(report, dist):
    """The partner counts of the metrics are the rows of tables/task_partners.csv; the targets
    with two leads are those irregularities.csv reports as declared-by-several; the declared
    targets covered through a parent, those it reports as declared-covered-by-parent."""
    tables = dist / "tables"
    counts = Counter(row["agency_id"] for row in read_csv(tables / "task_partners.csv"))
    metrics = read_csv(report / "metrics" / "agency-metrics-all-units.csv")
    assert {
        r["identifier"]: int(r["tasks_partner"]) for r in metrics if r["tasks_partner"] != "0"
    } == dict(counts)
    irregular = read_csv(tables / "irregularities.csv")
    several = {row["raw"] for row in irregular if row["kind"] == "declared-by-several"}
    shared = read_csv(report / "findings" / "shared-targets.csv")
    assert {row["target"] for row in shared} == several
    by_parent = {row["raw"] for row in irregular if row["kind"] == "declared-covered-by-parent"}
    declared = read_csv(report / "findings" / "declared-targets.csv")
    assert {r["target"] for r in declared if r["status"] == "covered-by-parent"} == by_parent
    assert not [r for r in declared if r["status"] == "no-task"]
    warnings = read_csv(report / "findings" / "extraction-warnings.csv")
    assert len(warnings) == len(irregular)
    duplicates = read_csv(report / "findings" / "near-duplicate-tasks.csv")
    identical = {row["raw"] for row in irregular if row["kind"] == "identical-task-text"}
    across = [r for r in duplicates if r["similarity"] == "1.0"]
    assert across and all(r["a_text"] in identical and r["a_lead"] != r["b_lead"] for r in across)


def test_report_states_the_findings(report, dist):
    markdown = (report / "report.md").read_text(encoding="utf-8")
    for heading in (
        "## Bottlenecks",
        "### Top 10 bottlenecks: all units",
        "### Top 10 bottlenecks: named units only",
        "## Overlaps",
        "### Targets with several leads",
        "## Gaps",
        "### UN goals and targets the plan never touches",
        "### Declared targets with no task",
        "## Data-quality warnings from the extraction",
        "## Figures",
    ):
        assert heading in markdown
    irregular = read_csv(dist / "tables" / "irregularities.csv")
    assert f"Data-quality warnings from the extraction: {len(irregular)} (read from " in markdown
    assert "`tables/irregularities.csv` beside the graph file" in markdown
    table = markdown.split("### Top 10 bottlenecks: named units only")[1].split("##")[0]
    units = [line.split(" | ")[1] for line in table.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(units) == 10
    assert not {"Related units (unspecified)", "District People's Committees of Hải Phòng"} & set(
        units
    )
    two_leads = "Hải Phòng City Police (appendix 02: 1); Department of Justice (appendix 16: 1)"
    assert f"| 16.8 | {two_leads} | 02, 16 |" in markdown
    assert "Covered only through a parent target or goal" in markdown
    # One plan: no per-plan or cross-plan section, and none of their files.
    assert "## Per plan" not in markdown and "## Across plans" not in markdown
    assert not list(report.rglob("*plan*.csv"))
    for name in FIGURES:
        assert f"(figures/{name}.png)" in markdown


def test_report_html_is_self_contained(report):
    """Figures inlined, no script, nothing fetched from elsewhere; its links go to its own
    sections and to the files written beside it (the files list, the figures at full size,
    the explorer), every one of which exists."""
    page = (report / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"""(src|href)=["'](https?:|//)""", page)
    targets = re.findall(r"""(?:src|href)=["']([^"'#d][^"'#]*)""", page)
    assert targets and all((report / unquote(target)).is_file() for target in targets)
    assert "<link" not in page and "<script" not in page
    images = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,', page)
    assert len(images) == len(FIGURES)
    for heading in ("Bottlenecks", "Overlaps", "Gaps", "Data-quality warnings"):
        assert f">{heading}" in page


def test_warnings_reextracted_when_no_tables_sit_beside_the_graph(dist, tmp_path):
    """A graph file alone: the warnings come from the source document the graph names."""
    alone = tmp_path / "graph.nt"
    shutil.copyfile(dist / "graph.nt", alone)
    warnings = load_warnings(alone, load(alone).data)
    assert warnings.origin.startswith("re-extracted from the source document(s) the graph names")
    assert "haiphong-2894-QD-UBND-2017.txt" in warnings.origin
    irregular = read_csv(dist / "tables" / "irregularities.csv")
    assert Counter(w.kind for w in warnings.items) == Counter(r["kind"] for r in irregular)


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(["report", *args])
    return code, capsys.readouterr().err


def test_missing_or_broken_graph_is_one_line_exit_2(capsys, tmp_path):
    out = tmp_path / "out"
    code, err = run(capsys, "--graph", str(tmp_path / "none.nt"), "--out", str(out))
    assert code == 2 and err.count("\n") == 1 and "none.nt: no such file" in err
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b", encoding="utf-8")
    code, err = run(capsys, "--graph", str(broken), "--out", str(out))
    assert code == 2 and err.count("\n") == 1 and "broken.ttl: not valid Turtle" in err
    other = tmp_path / "other.ttl"
    other.write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    code, err = run(capsys, "--graph", str(other), "--out", str(out))
    assert code == 2 and "other.ttl: holds no sdgkg:Task" in err
    assert not out.exists()
    assert "Traceback" not in err


def test_failed_report_leaves_the_old_output_untouched(capsys, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    code, _ = run(capsys, "--graph", str(tmp_path / "none.nt"), "--out", str(out))
    assert code == 2 and (out / "keep.txt").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_out_holding_the_graph_is_refused(capsys, dist):
    code, err = run(capsys, "--graph", str(dist / "graph.nt"), "--out", str(dist))
    assert code == 2 and "would be replaced whole" in err
    assert (dist / "graph.nt").is_file()


def test_bad_threshold_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--out", str(tmp_path / "x"), "--jaccard", "1.5"])
    assert exit_info.value.code == 2


def test_json_exports_read_back_as_written(tmp_path):
    """write_json: one top-level entry per line, each compact; the same data back."""
    payload = {"a": [1, 2.5, None], "ờ": {"x": 'Sở "Y tế"'}, 3: True, "when": Path("p")}
    path = write_json(tmp_path / "x.json", payload)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and len(lines) == 6
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "a": [1, 2.5, None],
        "ờ": {"x": 'Sở "Y tế"'},
        "3": True,
        "when": "p",
    }
    assert json.loads(write_json(tmp_path / "l.json", [1, "b"]).read_text("utf-8")) == [1, "b"]


def test_an_error_while_figures_are_drawn_stops_the_workers_and_writes_nothing(
    dist, tmp_path, monkeypatch
):
    """Regression: the figures are drawn by forked workers while the exports are written; an
    error in the exports left them drawing into the removed staging folder. Now they stop,
    and neither output nor staging folder is left."""
    import multiprocessing

    from build_graph.report import run as analysis_report

    def broken(*_: object) -> None:
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(analysis_report, "write_exports", broken)
    out = tmp_path / "report"
    with pytest.raises(OSError, match="disk full"):
        analysis_report.run_report(dist / "graph.nt", out)
    assert list(tmp_path.iterdir()) == []
    assert multiprocessing.active_children() == []
