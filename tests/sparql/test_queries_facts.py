"""Library answers on the bundled plan, checked against the extraction tables and the source.

The tables (``sdgkg extract``) come from the reader alone, without the graph or SPARQL; every
expected value here is computed from them or read from the source document, never typed in.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import URIRef

from build_graph.graph.bundled import bundled_triples
from build_graph.sparql.engines import OxigraphEngine
from build_graph.sparql.library import bind, library

AGENCY = "https://w3id.org/sdgkg/agency/hai-phong/"
VAGUE_OR_COLLECTIVE = {"vague", "collective", "district-collective", "commune-collective"}


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, list[dict[str, str]]]:
    out = tmp_path_factory.mktemp("extract") / "tables"
    subprocess.run(
        [sys.executable, "-m", "build_graph.cli", "extract", "--out", str(out), "-q"],
        check=True,
        capture_output=True,
    )
    return {
        name: list(csv.DictReader((out / f"{name}.csv").open(encoding="utf-8")))
        for name in ("tasks", "task_partners", "agencies", "appendices")
    }


@pytest.fixture(scope="module")
def engine() -> OxigraphEngine:
    return OxigraphEngine(bundled_triples())


def answer(engine, name: str, *params: str) -> list[dict[str, object]]:
    query = library()[name]
    result = engine.query(query.text, bind(query, params))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def agency_id(term: object) -> str:
    return str(term).removeprefix(AGENCY)


def test_tasks_without_partners_are_the_tasks_with_no_partner_row(engine, tables):
    with_partners = {row["task_id"] for row in tables["task_partners"]}
    expected = {
        r["task_id"]: int(r["source_line"])
        for r in tables["tasks"]
        if r["task_id"] not in with_partners
    }
    rows = answer(engine, "tasks-without-partners")
    assert {str(r["taskId"]): int(r["line"]) for r in rows} == expected  # type: ignore[arg-type]
    assert len(expected) >= 1


def test_partner_load_counts_tasks_leads_and_appendices(engine, tables):
    task = {r["task_id"]: r for r in tables["tasks"]}
    load: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set(), set()])
    for row in tables["task_partners"]:
        entry = load[row["agency_id"]]
        entry[0].add(row["task_id"])
        entry[1].add(task[row["task_id"]]["lead_agency_id"])
        entry[2].add(task[row["task_id"]]["appendix"])
    expected = {a: tuple(len(s) for s in sets) for a, sets in load.items()}
    rows = answer(engine, "partner-load")
    got = {
        agency_id(r["agency"]): (int(r["tasks"]), int(r["leadsServed"]), int(r["appendices"]))
        for r in rows
    }  # type: ignore[arg-type]
    assert got == expected
    assert [int(r["tasks"]) for r in rows] == sorted((int(r["tasks"]) for r in rows), reverse=True)
    top = answer(engine, "partner-load", "minTasks=100")
    assert {agency_id(r["agency"]) for r in top} == {a for a, v in expected.items() if v[0] >= 100}


def test_tasks_per_lead_agency_by_goal(engine, tables):
    expected = Counter(
        (r["lead_agency_id"], (r["subtarget"] or r["target"]).split(".")[0])
        for r in tables["tasks"]
    )
    rows = answer(engine, "tasks-per-lead-agency-by-goal")
    got = {(agency_id(r["lead"]), str(r["goalNumber"])): int(r["tasks"]) for r in rows}  # type: ignore[arg-type]
    assert got == dict(expected)
    one = answer(engine, "tasks-per-lead-agency-by-goal", "lead=agency:hai-phong/so-y-te")
    assert {str(r["goalNumber"]) for r in one} == {g for (a, g) in expected if a == "so-y-te"}


def test_targets_with_several_leads_follow_the_declarations(engine, tables):
    leads: dict[str, set[str]] = defaultdict(set)
    for row in tables["appendices"]:
        for code in row["declared_targets"].split(";"):
            leads[code].add(row["lead_agency_id"])
    expected = {(code, lead) for code, ls in leads.items() if len(ls) > 1 for lead in ls}
    rows = answer(engine, "targets-with-several-leads")
    assert {(str(r["notation"]), agency_id(r["lead"])) for r in rows} == expected
    assert all(int(r["leads"]) == len(leads[str(r["notation"])]) for r in rows)  # type: ignore[arg-type]


def test_declared_targets_without_tasks(engine, tables):
    filed: dict[str, set[str]] = defaultdict(set)
    for r in tables["tasks"]:
        filed[r["appendix"]].add(r["subtarget"] or r["target"])
    expected = set()
    for row in tables["appendices"]:
        for code in row["declared_targets"].split(";"):
            codes = filed[row["appendix"]]
            if not any(c == code or c.startswith(code + ".") for c in codes):
                expected.add((int(row["appendix"]), code))
    rows = answer(engine, "declared-targets-without-tasks")
    got = {(int(str(r["appendix"]).rsplit("/", 1)[1]), str(r["notation"])) for r in rows}
    assert got == expected and expected


def test_sub_task_trees_follow_the_task_numbers(engine, tables):
    numbers = {(r["appendix"], r["task_no"]) for r in tables["tasks"]}
    expected = {
        (int(r["appendix"]), r["task_no"], r["parent_task_no"])
        for r in tables["tasks"]
        if r["parent_task_no"] and (r["appendix"], r["parent_task_no"]) in numbers
    }
    rows = answer(engine, "sub-task-trees")
    got = {
        (
            int(str(r["appendix"]).rsplit("/", 1)[1]),
            str(r["taskNumber"]),
            str(r["parent"]).rsplit("/", 1)[1],
        )
        for r in rows
    }
    assert got == expected and expected
    for r in rows:  # depth: steps from the task up to its root
        assert int(r["depth"]) == str(r["taskNumber"]).count(".") - str(r["rootNumber"]).count(".")  # type: ignore[arg-type]


def test_task_provenance_quotes_the_source_lines(engine, tables, source_lines):
    text = {line.number: line.text for line in source_lines}
    task = next(r for r in tables["tasks"] if r["task_id"] == "A06-T1.1.2.1")
    rows = answer(engine, "task-provenance")
    by_fact = {str(r["fact"]): r for r in rows}
    assert set(by_fact) == {"task", "lead", "partner", "period"}
    assert int(by_fact["task"]["line"]) == int(task["source_line"])  # type: ignore[arg-type]
    assert int(by_fact["partner"]["line"]) == int(task["partner_source_line"])  # type: ignore[arg-type]
    assert int(by_fact["period"]["line"]) == int(task["period_source_line"])  # type: ignore[arg-type]
    assert str(by_fact["partner"]["value"]) == task["partner_raw"]
    assert str(by_fact["period"]["value"]) == task["period_raw"]
    assert str(by_fact["task"]["value"]) == task["text_vi"]
    for row in rows:
        assert str(row["lineText"]) == text[int(row["line"])]  # type: ignore[arg-type]
    assert str(by_fact["period"]["inherited"]) == task["period_inherited"]


def test_similar_task_texts_group_tasks_by_their_opening(engine, tables):
    groups: dict[str, set[str]] = defaultdict(set)
    for r in tables["tasks"]:
        groups[r["text_vi"].lower()[:60]].add(r["task_id"])
    expected = {t for members in groups.values() if len(members) > 1 for t in members}
    rows = answer(engine, "similar-task-texts")
    assert {str(r["taskId"]) for r in rows} == expected
    across = answer(engine, "similar-task-texts", "acrossOnly=true")
    appendix = {r["task_id"]: r["appendix"] for r in tables["tasks"]}
    expected_across = {
        t for members in groups.values() if len({appendix[m] for m in members}) > 1 for t in members
    }
    assert {str(r["taskId"]) for r in across} == expected_across and expected_across


def test_search_finds_the_tasks_that_mention_the_phrase(engine, tables):
    for phrase in ("biến đổi khí hậu", "trẻ em"):
        expected = {r["task_id"] for r in tables["tasks"] if phrase in r["text_vi"].lower()}
        rows = answer(engine, "search-tasks", f"phrase={phrase}")
        assert {str(r["taskId"]) for r in rows} == expected and expected


def test_coordination_edges_weigh_shared_tasks(engine, tables):
    kind = {r["agency_id"]: r["kind"] for r in tables["agencies"]}
    agents: dict[str, set[str]] = defaultdict(set)
    lead = {}
    for r in tables["tasks"]:
        agents[r["task_id"]].add(r["lead_agency_id"])
        lead[r["task_id"]] = r["lead_agency_id"]
    for r in tables["task_partners"]:
        agents[r["task_id"]].add(r["agency_id"])
    shared: Counter = Counter()
    led: Counter = Counter()
    for task, members in agents.items():
        for a, b in combinations(sorted(members, key=lambda x: AGENCY + x), 2):
            if kind.get(a) == "vague" or kind.get(b) == "vague":
                continue
            shared[(a, b)] += 1
            led[(a, b)] += lead[task] in (a, b)
    rows = answer(engine, "coordination-edges")
    got = {
        (agency_id(r["a"]), agency_id(r["b"])): (int(r["sharedTasks"]), int(r["leadPartnerTasks"]))
        for r in rows
    }  # type: ignore[arg-type]
    assert got == {pair: (n, led[pair]) for pair, n in shared.items()}


def test_inherited_cells_per_appendix(engine, tables):
    per: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in tables["tasks"]:
        counts = per[int(r["appendix"])]
        counts[0] += 1
        counts[1] += r["partners_inherited"] == "true" and bool(r["partner_raw"])
        counts[2] += r["period_inherited"] == "true"
    rows = answer(engine, "inherited-cells")
    got = {
        int(r["number"]): [int(r["tasks"]), int(r["inheritedPartners"]), int(r["inheritedPeriod"])]
        for r in rows
    }  # type: ignore[arg-type]
    assert got == dict(per)


def test_tasks_with_only_vague_or_collective_partners(engine, tables):
    kind = {r["agency_id"]: r["kind"] for r in tables["agencies"]}
    partners: dict[str, set[str]] = defaultdict(set)
    for r in tables["task_partners"]:
        partners[r["task_id"]].add(r["agency_id"])
    expected = {
        t for t, ps in partners.items() if all(kind.get(p) in VAGUE_OR_COLLECTIVE for p in ps)
    }
    rows = answer(engine, "tasks-with-only-vague-or-collective-partners")
    assert {str(r["taskId"]) for r in rows} == expected and expected


def test_agency_profile_names_the_appendix_and_its_declared_targets(engine, tables):
    for agency in ("so-y-te", "so-tnmt"):
        appendix = next(r for r in tables["appendices"] if r["lead_agency_id"] == agency)
        rows = answer(engine, "agency-profile", f"agency=agency:hai-phong/{agency}")
        leads = [r for r in rows if str(r["aspect"]) == "leads appendix"]
        assert [int(str(r["item"]).rsplit("/", 1)[1]) for r in leads] == [int(appendix["appendix"])]
        assert int(leads[0]["tasks"]) == int(appendix["tasks"])  # type: ignore[arg-type]
        declared = {
            str(r["item"]).rsplit("/", 1)[1] for r in rows if str(r["aspect"]) == "declares target"
        }
        assert declared == set(appendix["declared_targets"].split(";"))


def test_period_profile_counts_tasks_per_span_of_years(engine, tables):
    expected: Counter = Counter()
    for r in tables["tasks"]:
        for period in filter(None, r["periods"].split(";")):
            if period[0].isdigit():
                expected[period] += 1
    rows = answer(engine, "period-profile")
    spans = {str(r["label"]): int(r["tasks"]) for r in rows if r["start"] is not None}  # type: ignore[arg-type]
    assert spans == dict(expected)


def test_un_goal_coverage_follows_the_vsdg_links(engine, tables):
    root = Path(__file__).resolve().parents[2]
    links = {
        r["code"]: r["un_match"].split(";")
        for r in csv.DictReader((root / "data" / "vsdg-targets.csv").open(encoding="utf-8"))
    }
    touched: dict[str, set[str]] = defaultdict(set)
    for r in tables["tasks"]:
        code = r["subtarget"] or r["target"]
        if code in links:
            iris = links[code]
        elif code.count(".") == 2 and code.rsplit(".", 1)[0] in links:
            iris = links[code.rsplit(".", 1)[0]]  # a sub-target without text: its parent's
        elif "." not in code:
            iris = [f"http://metadata.un.org/sdg/{code}"]
        else:
            iris = []
        for iri in filter(None, iris):
            goal = iri.rsplit("/", 1)[1].split(".")[0]
            touched[goal].add(r["task_id"])
    rows = answer(engine, "un-goal-coverage")
    assert len(rows) == 17
    assert {str(r["number"]): int(r["tasks"]) for r in rows} == {  # type: ignore[arg-type]
        str(g): len(touched.get(str(g), ())) for g in range(1, 18)
    }
    assert {str(r["status"]) for r in rows} <= {"touched", "missed"}


def test_un_target_coverage_lists_all_169_targets(engine):
    rows = answer(engine, "un-target-coverage")
    assert len(rows) == 169 == len({r["target"] for r in rows})
    missed = answer(engine, "un-target-coverage", "status=missed")
    touched = answer(engine, "un-target-coverage", "status=touched")
    assert len(missed) + len(touched) == 169
    assert all(int(r["tasks"]) == 0 for r in missed)  # type: ignore[arg-type]
    three = answer(engine, "un-target-coverage", "goal=unsdg:3")
    assert {str(r["goal"]) for r in three} == {"http://metadata.un.org/sdg/3"}
    assert all(str(r["notation"]).startswith("3.") for r in three)
    assert URIRef("http://metadata.un.org/sdg/3.9") in {r["target"] for r in three}


def _broader_codes(code: str) -> list[str]:
    """ "2.1.b" → ["2", "2.1"]: its goal and target, as the codes read."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def test_declared_targets_count_the_tasks_on_any_broader_concept(engine, tables, source_lines):
    """The count that was too low: tasks filed two levels up, under the goal itself."""
    filed: dict[int, list[str]] = defaultdict(list)
    for r in tables["tasks"]:
        filed[int(r["appendix"])].append(r["subtarget"] or r["target"])
    rows = answer(engine, "declared-targets-without-tasks")
    got = {}
    for r in rows:
        appendix, code = int(str(r["appendix"]).rsplit("/", 1)[1]), str(r["notation"])
        expected = sum(1 for c in filed[appendix] if c in _broader_codes(code))
        assert int(r["tasksOnBroader"]) == expected, (appendix, code)  # type: ignore[arg-type]
        got[(appendix, code)] = expected
    # Appendix 12 declares 2.1.b and 6.1.b (line 2371) and files tasks 2.1-2.2 under
    # "Mục tiêu 2" (line 2401) and 6.1-6.5 under "Mục tiêu 6" (line 2511): one level up is
    # 2.1 and 6.1, where it files none.
    text = {line.number: line.text for line in source_lines}
    assert "2.1.b" in text[2371] and "6.1.b" in text[2371]
    assert text[2401].startswith("Mục tiêu 2:") and text[2511].startswith("Mục tiêu 6:")
    assert got[(12, "2.1.b")] == 2 and got[(12, "6.1.b")] == 5


def test_vsdg_un_links_count_the_tasks_under_narrower_concepts_too(engine, tables):
    codes = [r["subtarget"] or r["target"] for r in tables["tasks"]]
    rows = answer(engine, "vsdg-un-links")
    assert rows
    for r in rows:
        concept = str(r["notation"])
        under = sum(1 for c in codes if c == concept or c.startswith(concept + "."))
        assert int(r["tasks"]) == under, concept  # type: ignore[arg-type]
        assert int(r["directTasks"]) == codes.count(concept), concept  # type: ignore[arg-type]
    goal_two = next(r for r in rows if str(r["notation"]) == "2")
    assert int(goal_two["tasks"]) > int(goal_two["directTasks"]) > 0  # type: ignore[arg-type]


def test_search_ignores_case_diacritics_and_unicode_form(engine, tables):
    import unicodedata

    def bare(text: str) -> str:
        marks = unicodedata.normalize("NFD", text.lower())
        return "".join(c for c in marks if not unicodedata.combining(c)).replace("đ", "d")

    expected = {r["task_id"] for r in tables["tasks"] if "bien doi khi hau" in bare(r["text_vi"])}
    assert expected
    for phrase in (
        "biến đổi khí hậu",
        "BIẾN ĐỔI KHÍ HẬU",
        "Biến Đổi Khí Hậu",
        "bien doi khi hau",
        unicodedata.normalize("NFD", "Biến đổi khí hậu"),
        "  biến  đổi khí   hậu ",
    ):
        rows = answer(engine, "search-tasks", f"phrase={phrase}")
        assert {str(r["taskId"]) for r in rows} == expected, phrase
