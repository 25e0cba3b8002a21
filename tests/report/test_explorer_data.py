"""What explorer.html is given, read against the source: for a plan read from a table (the
held-out Quảng Ninh plan, HTML), every fact of a task says the cell it was printed in; for the
bundled text plan, the line. The filtered store the report loads gives the same rows as the
whole graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_graph.cli.main import main
from build_graph.network.analysis import analyse, load
from build_graph.network.data import load_network_store, network_terms, select
from build_graph.report.explorer_data import FACTS, explorer_payload, read_source_rows
from build_graph.report.figure_jobs import merged_views
from build_graph.report.layouts import report_layouts

HELD_OUT = Path(__file__).parents[1] / "heldout_provinces" / "quang-ninh-appendices.html"


def payload_of(graph: Path) -> dict:
    loaded = load(graph)
    analysis = analyse(loaded.data)
    layouts = report_layouts(analysis, merged_views(analysis))
    sources = read_source_rows(loaded.store)
    return explorer_payload(analysis, sources, layouts, "en", {"en": "report.html"})


@pytest.fixture(scope="module")
def quang_ninh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("quang-ninh") / "dist"
    assert main(["build", str(HELD_OUT), "--out", str(out), "-q"]) == 0
    return out


def test_a_table_plans_facts_name_their_cells(quang_ninh):
    """The first task of the plan: each fact's cell, as the HTML's third table prints it in its
    fourth row (TT 1.1 | the task | the partners | "2018-2020 và 2021-2030")."""
    from lxml import html

    row = html.parse(str(HELD_OUT)).getroot().xpath("//table")[2].xpath(".//tr")[3]
    printed = [cell.text_content() for cell in row.xpath("./td|./th")]
    payload = payload_of(quang_ninh / "graph.nt")
    cells = payload["cells"]
    task = payload["tasks"][0]
    assert task[0] == "A01-T1.1" and printed[0] == "1.1"
    facts = {FACTS[fact[0]]: fact for fact in task[10]}
    assert cells[facts["task"][2]] == "table 3, row 4, column 1"
    assert cells[facts["task"][3]] == task[2] == " ".join(printed[1].split())
    assert cells[facts["partner"][2]] == "table 3, row 4, column 3"
    assert cells[facts["partner"][3]] == printed[2] and len(facts["partner"][5]) == 8
    assert cells[facts["period"][2]] == "table 3, row 4, column 4"
    assert cells[facts["period"][3]] == printed[3] == "2018-2020 và\n2021-2030"
    assert cells[facts["lead"][3]] == "CÔNG AN TỈNH"  # the appendix's heading


def test_the_bundled_plans_facts_name_their_lines(hp_dist, source_lines):
    """Task 1.1.2.1 of appendix 06: its number on line 1174, its partner cell inherited from
    line 1172 ("Các đơn vị có liên quan"), its period from line 1166 ("Hàng năm")."""
    text = {line.number: line.text for line in source_lines}
    assert (text[1174], text[1172], text[1166]) == (
        "1.1.2.1",
        "Các đơn vị có liên quan",
        "Hàng năm",
    )
    payload = payload_of(hp_dist / "graph.nt")
    by_id = {task[0]: task for task in payload["tasks"]}
    task = by_id["A06-T1.1.2.1"]  # tasks.csv: line 1174, its partner cell inherited from 1172
    facts = {FACTS[fact[0]]: fact for fact in task[10]}
    assert facts["task"][1] == 1174 and facts["partner"][1] == 1172 and facts["partner"][4] == 1
    assert payload["cells"][facts["partner"][3]] == "Các đơn vị có liên quan"
    assert facts["period"][1] == 1166 and payload["cells"][facts["period"][3]] == "Hàng năm"
    assert payload["cells"][facts["task"][2]] == ""  # a text file's lines are its own: no cell


def test_the_filtered_store_gives_the_explorer_the_same_rows(quang_ninh):
    graph = quang_ninh / "graph.nt"
    whole, filtered = load_network_store(graph), load_network_store(graph, network_terms())
    assert len(filtered) < len(whole)
    for name in ("task-sources", "source-references", "plan-facts"):
        rows = [sorted(r.items(), key=str) for r in select(whole, name)]
        assert sorted(map(str, rows)) == sorted(
            map(str, ([sorted(r.items(), key=str) for r in select(filtered, name)]))
        ), name
