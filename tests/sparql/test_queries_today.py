"""Who holds the bundled plan's tasks today: the library's queries against a count by hand.

Counted BY HAND in data/sources/haiphong-2894-QD-UBND-2017.txt. A partner cell is printed on the
first row of a group (the rows of one target) and covers the rows below it that print none
(a merged cell). The links between Sở Tài nguyên và Môi trường (TN&MT) and Sở Nông nghiệp và
Phát triển nông thôn (NN&PTNT) are:

* Appendix 12 (line 2366), led by Sở NN&PTNT (line 2368). Its printed partner cells that name
  "Tài nguyên và Môi trường" (line 2635 spells it "Tài nguyên & Môi trường"), each with the tasks
  it covers: line 2459 (4.1-4.6: 6 tasks), 2493 (5.1-5.4: 4), 2517 (6.1-6.5: 5), 2547 (7.1-7.6:
  6), 2581 (8.1-8.5: 5), 2613 (9.1-9.3: 3), 2635 (10.1-10.3: 3), 2657 (11.1-11.7: 7), 2697
  (12.1-12.7: 7), 2735 (13.1-13.7: 7), 2795 (15.1-15.7: 7), 2833 (16.1-16.5: 5), 2871
  (17.1-17.11: 11), 2925 (18.1-18.5: 5): 81 tasks. The cells of groups 1-3 (lines 2391, 2407,
  2417, 2431), 14 (line 2775) and 19 (line 2963) do not name it. Rows between a group's first
  and its next group print only a task and its periods (e.g. lines 2661-2687, 2837-2861).
* Appendix 14 (line 3038), led by Sở TN&MT (line 3040). Its printed cells that name "Nông
  nghiệp và Phát triển nông thôn" (lines 3115 and 3175 misspell it "nông thông"): line 3115
  (3.1-3.4: 4 tasks), 3175 (5.1-5.5: 5), 3241 (7.1-7.4: 4), 3309 (9.1-9.7: 7), 3381 (11.1-11.2:
  2): 22 tasks. The other groups print "Các Sở, Ban, Ngành; UBND các quận, huyện" (lines 3067,
  3095, 3141, 3213, 3275, 3347), which names no department.

81 + 22 = 103 lead→partner links, one per task. From 1 March 2025 (Decree 45/2025/NĐ-CP, Art.
8(5), of 28/02/2025) both departments are Sở Nông nghiệp và Môi trường: all 103 links became
internal to it, and no other link of the plan did.
"""

from __future__ import annotations

from collections import Counter

import pytest

from build_graph.graph.bundled import bundled_triples
from build_graph.sparql.engines import OxigraphEngine, RdflibEngine
from build_graph.sparql.library import bind, library

AGENCY = "https://w3id.org/sdgkg/agency/hai-phong/"


def _span(appendix: int, group: int, last: int) -> list[str]:
    return [f"A{appendix}-T{group}.{n}" for n in range(1, last + 1)]


# (appendix, group, number of tasks) as counted above
BY_HAND = [
    (12, 4, 6),
    (12, 5, 4),
    (12, 6, 5),
    (12, 7, 6),
    (12, 8, 5),
    (12, 9, 3),
    (12, 10, 3),
    (12, 11, 7),
    (12, 12, 7),
    (12, 13, 7),
    (12, 15, 7),
    (12, 16, 5),
    (12, 17, 11),
    (12, 18, 5),
    (14, 3, 4),
    (14, 5, 5),
    (14, 7, 4),
    (14, 9, 7),
    (14, 11, 2),
]
HAND_TASKS = {task for appendix, group, last in BY_HAND for task in _span(appendix, group, last)}


@pytest.fixture(scope="module")
def engines() -> tuple[OxigraphEngine, RdflibEngine]:
    triples = bundled_triples()
    return OxigraphEngine(triples), RdflibEngine(triples)


def answer(engine, name: str, *params: str) -> list[dict[str, object]]:
    query = library()[name]
    result = engine.query(query.text, bind(query, params))
    return [
        {k: (str(v) if v is not None else None) for k, v in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def test_the_hand_count_is_103_links():
    assert len(HAND_TASKS) == sum(n for _, _, n in BY_HAND) == 103
    assert Counter(a for a, _, _ in BY_HAND for _ in range(1)) == {12: 14, 14: 5}


@pytest.mark.parametrize("engine_index", [0, 1], ids=["oxigraph", "rdflib"])
def test_links_internal_today_agree_with_the_hand_count(engines, engine_index):
    rows = answer(engines[engine_index], "links-internal-today")
    links = {(r["taskId"], r["lead"], r["partner"], r["body"]) for r in rows}
    assert len(links) == 103
    assert {task for task, _, _, _ in links} == HAND_TASKS
    pairs = Counter(
        (lead.removeprefix(AGENCY), partner.removeprefix(AGENCY), body)
        for _, lead, partner, body in links
    )
    assert pairs == {
        ("so-nnptnt", "so-tnmt", AGENCY + "so-nn-mt"): 81,
        ("so-tnmt", "so-nnptnt", AGENCY + "so-nn-mt"): 22,
    }
    assert {r["bodyName"] for r in rows} == {"Sở Nông nghiệp và Môi trường"}
    # each link with the legal basis of the merger (and of the province merger of 1 July 2025,
    # which made the body the new Hải Phòng city's)
    bases: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for r in rows:
        key = (r["taskId"], r["lead"], r["partner"])
        bases.setdefault(key, set()).add((r["event"], r["effective"], r["legalBasis"], r["issued"]))
    for found in bases.values():
        assert found == {
            ("t-so-nn-mt", "2025-03-01", "Nghị định 45/2025/NĐ-CP, Điều 8 khoản 5", "2025-02-28"),
            ("hp-province-merger", "2025-07-01", "Nghị quyết 202/2025/QH15", "2025-06-12"),
        }


def _holders(rows: list[dict[str, object]]) -> dict[str, dict[str, list[dict[str, object]]]]:
    """task → holder → its rows (one per named function and legal document)."""
    by_task: dict[str, dict[str, list[dict[str, object]]]] = {}
    for row in rows:
        by_task.setdefault(str(row["taskId"]), {}).setdefault(str(row["holder"]), []).append(row)
    return by_task


def test_who_holds_the_labour_departments_tasks_today(engines):
    """Each task with Sở LĐTBXH as partner has five holders for it: Nội vụ the principal, Y tế,
    GD&ĐT, NN&MT and the city police for named functions, each with Decree 45/2025/NĐ-CP."""
    rows = answer(engines[0], "task-holders-today", f"agency={AGENCY}so-ldtbxh")
    by_task = _holders(rows)
    assert by_task
    for holders in by_task.values():
        assert {h.removeprefix(AGENCY) for h in holders} == {
            "so-noi-vu",
            "so-y-te",
            "so-gddt",
            "so-nn-mt",
            "cong-an-tp",
        }
        assert {r["principal"] for r in holders[AGENCY + "so-noi-vu"]} == {"true"}
        assert {r["function"] for r in holders[AGENCY + "so-gddt"]} == {"vocational education"}
        for held in holders.values():
            assert {r["status"] for r in held} == {"held"}
            assert ("Nghị định 45/2025/NĐ-CP, Điều 8", "2025-02-28") in {
                (r["legalBasis"], r["issued"]) for r in held
            }


def test_holders_today_for_every_assignment(engines):
    """Every assignment has a row: unchanged agencies hold their own tasks with no event used;
    the district committees ended on 1 July 2025 with no holder and the basis of their end."""
    rows = answer(engines[0], "task-holders-today")
    status = Counter(str(r["status"]) for r in rows)
    assert set(status) == {"held", "ended without successor", "unchanged"}
    for row in rows:
        if row["status"] == "unchanged":
            assert row["holder"] == row["agency"] and row["legalBasis"] is None
        elif row["status"] == "ended without successor":
            assert row["holder"] is None and row["legalBasis"] and row["issued"]
        else:
            assert row["legalBasis"] and row["event"]
    ended = {str(r["agency"]).removeprefix(AGENCY) for r in rows if r["holder"] is None}
    assert "ubnd-districts" in ended and "ubnd-q-hai-an" in ended
    # Thủy Nguyên: a city from 1 January 2025, ended with the district level on 1 July 2025
    basis = {
        (r["event"], r["legalBasis"]) for r in rows if r["agency"] == AGENCY + "ubnd-h-thuy-nguyen"
    }
    assert basis == {
        ("hp-thuy-nguyen", "Nghị quyết 1232/NQ-UBTVQH15"),
        ("hp-districts-end", "Nghị quyết 203/2025/QH15"),
        ("hp-districts-end", "Luật Tổ chức chính quyền địa phương 72/2025/QH15, Chương VII"),
        ("hp-districts-end", "Nghị quyết 1669/NQ-UBTVQH15"),
    }
    assignments = answer(engines[0], "agency-tasks", f"agency={AGENCY}so-tnmt")
    tnmt = {(r["taskId"], r["role"]) for r in rows if r["agency"] == AGENCY + "so-tnmt"}
    assert len(tnmt) == len(assignments)
    assert {r["holder"] for r in rows if r["agency"] == AGENCY + "so-tnmt"} == {AGENCY + "so-nn-mt"}
