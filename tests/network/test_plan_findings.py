"""The findings on the bundled Hải Phòng plan, checked against what its text says, line by line
(data/sources/haiphong-2894-QD-UBND-2017.txt), and against the extraction tables that
``sdgkg build`` writes beside the graph."""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from build_graph.network.analysis import analyse, load
from build_graph.network.readings import AMBIGUITIES, INHERITED, WRITTEN, affected_tasks


@pytest.fixture(scope="module")
def analysis(hp_dist):
    return analyse(load(hp_dist / "graph.nt").data)


@pytest.fixture(scope="module")
def text(source_text) -> dict[int, str]:
    """Line number → the line's text as the file prints it (NFC; blank cells kept)."""
    lines = unicodedata.normalize("NFC", source_text).splitlines()
    return {number: line.replace("\xa0", " ").strip() for number, line in enumerate(lines, 1)}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_tasks_with_no_named_partner(analysis, text, hp_dist):
    """232 of the 537 tasks name only vague or collective partners, 77 of them only vague ones,
    and 6 name no partner at all (merged cells inherited). The six: their partner cell is
    printed empty (a single space) between the task's text and its period, e.g. line 3899 after
    "Quản lý, giám sát việc thực hiện cấp nước an toàn…" (A18 2.1, line 3897), then
    "2017-2020" (line 3901)."""
    found = analysis.findings.accountability
    profile = found.profile(INHERITED)
    assert (profile.tasks, profile.only_aggregate, profile.only_vague, profile.none) == (
        537,
        232,
        77,
        6,
    )
    data = analysis.data
    none = sorted(
        t.task_id for t in data.tasks.values() if not [p for p in t.partners if p != t.lead]
    )
    assert none == ["A18-T2.1", "A18-T8.1", "A19-T5.1", "A19-T5.2", "A19-T6.1", "A19-T6.2"]
    tasks = {row["task_id"]: row for row in read_csv(hp_dist / "tables" / "tasks.csv")}
    for task_id in none:
        line = int(tasks[task_id]["text_lines"].split(";")[-1])
        assert text[line].startswith(data.tasks[_iri(data, task_id)].text[:30])
        assert text[line + 2] == ""  # the empty partner cell
    assert text[3899].strip() == "" and text[3901] == "2017-2020"
    # an only-vague task: A06 1.3.1, whose partner cell (line 1224) names no unit
    assert text[1224] == "Các đơn vị có liên quan"
    assert _kinds(data, "A06-T1.3.1") == {"vague"}
    # read as written on each task's row, far more tasks have no partner: the merged cells
    written = found.profile(WRITTEN)
    assert (written.none, written.only_vague, written.only_aggregate) == (305, 28, 105)


def _iri(data, task_id: str) -> str:
    return next(t.iri for t in data.tasks.values() if t.task_id == task_id)


def _kinds(data, task_id: str) -> set[str]:
    task = data.tasks[_iri(data, task_id)]
    return {data.agent(p).kind for p in task.partners}


def test_the_five_targets_with_two_leads(analysis, text):
    """Each is declared by both appendices' opening sentences: 3.5.a by Education (line 873) and
    Transport (1138); 6.4 and 12.5.a by Science and Technology (1423) and Natural Resources and
    Environment (3043); 13.1.a by Agriculture (2371) and Natural Resources and Environment
    (3043); 16.8 by the Police (425) and Justice (3491)."""
    declared = {
        "3.5.a": (873, 1138),
        "6.4": (1423, 3043),
        "12.5.a": (1423, 3043),
        "13.1.a": (2371, 3043),
        "16.8": (425, 3491),
    }
    cases = {case.notation: case for case in analysis.findings.briefing_cases}
    assert set(cases) == set(declared)
    for code, lines in declared.items():
        for line in lines:
            listed = text[line].split(":", 1)[1].split(" trong ")[0]
            assert code in [c.strip() for c in listed.split(",")], (code, line)
        assert len(cases[code].sides) == 2
    # 13.1.a: Natural Resources and Environment names Agriculture on its task 7.1 (line 3241:
    # "Các Sở: Nông nghiệp và Phát triển nông thôn, …"), and its 7.2-7.4 inherit that cell;
    # Agriculture's task 19.1 names only "Các Sở, Ngành có liên quan; Đài Khí tượng thủy văn
    # Đông Bắc; UBND các quận, huyện." (line 2963): it does not name the other lead.
    assert text[3241].startswith("Các Sở: Nông nghiệp và Phát triển nông thôn")
    assert text[2963].startswith("Các Sở, Ngành có liên quan; Đài Khí tượng thủy văn Đông Bắc")
    sides = {analysis.data.agent(s.lead).identifier: s for s in cases["13.1.a"].sides}
    assert len(sides["so-tnmt"].names_other) == 4 and not sides["so-nnptnt"].names_other
    assert cases["13.1.a"].best[2] > 0.9  # two near-identical texts
    assert cases["13.1.a"].text_of == "13.1" and cases["13.1.a"].text.un[0][0] == "13.1"


def test_targets_split_by_sub_target(analysis):
    """17 VSDG targets have tasks of several leads; 6.4 and 16.8 are two leads filing under the
    target itself (an overlap, above), so 15 are split between leads by sub-target."""
    split = [s.notation for s in analysis.split_targets]
    assert len(split) == 15 and "6.4" not in split and "16.8" not in split
    assert [s.notation for s in analysis.findings.co_filed] == ["6.4", "16.8"]
    assert {"3.5", "12.5", "13.1"} <= set(split)  # 3.5.c, 12.5.b, 13.1.b have one lead each
    # a target is declared by the appendices declaring it or one of its sub-targets (regression:
    # split-targets.csv's declared_by was empty on every row); 1.3: 1.3.b by appendix 01
    # (Fatherland Front, line 302) and 1.3.a by appendix 16 (Justice, line 3491)
    assert all(s.declared_by for s in analysis.split_targets)
    assert next(s for s in analysis.split_targets if s.notation == "1.3").declared_by == (1, 16)


def test_tasks_over_the_whole_horizon(analysis, text):
    """340 tasks name "2017-2020" and "2021-2030"; 28 more name "2017- 2020 và" and
    "2020- 2030" (8 merged cells from line 895: the overlap of 2020 is the document's), which
    also cover every year from 2017 to 2030: 368 whole-horizon tasks. 2 tasks give no period
    (A06 1.3.1 and 3.1: their period cell is empty)."""
    found = analysis.findings.accountability
    assert found.horizon == (2017, 2030)
    assert found.whole_horizon_by_text == Counter(
        {"2017-2020 + 2021-2030": 340, "2017-2020 + 2020-2030": 28}
    )
    assert len(found.whole_horizon) == 368
    assert text[895] == "2017- 2020 và" and text[897] == "2020- 2030"
    assert sorted(t.task_id for t in found.without_period) == ["A06-T1.3.1", "A06-T3.1"]
    assert sum(found.periods.values()) == 537  # each task counted once


def test_measures_keep_aggregates_out_and_oversight_apart(analysis):
    """No collective or vague unit is measured; the Department of Health's own centres are
    in-sector (org:unitOf) and not demand: the Reproductive Health Care Centre is named on 27
    tasks, all Health's."""
    for rows in analysis.findings.sensitivity.tables.values():
        assert not {
            r.kind
            for r in rows
            if r.kind in {"vague", "collective", "district-collective", "commune-collective"}
        }
    rows = {r.identifier: r for r in analysis.findings.sensitivity.baseline(INHERITED)}
    centre = rows["tt-cssk-sinh-san"]
    assert (centre.in_sector_tasks, centre.demand_tasks) == (27, 0)
    # counting partner tasks only puts Natural Resources and Environment, Planning and
    # Investment and Finance first; Agriculture leads 93 tasks and is a partner on 36
    first = sorted(rows.values(), key=lambda r: r.ranks["demand_tasks"])[:3]
    assert [r.identifier for r in first] == ["so-tnmt", "so-khdt", "so-tai-chinh"]
    assert rows["so-nnptnt"].tasks_led == 93


def test_the_ambiguous_press_phrase(analysis, text):
    """Line 1126 prints "Báo đài, truyền hình Hải Phòng", read as the newspaper and the radio
    and television station; read as the station only, the newspaper loses those tasks."""
    assert "Báo đài, truyền hình Hải Phòng" in text[1126]
    found = analysis.findings.sensitivity
    effects = [
        e
        for e in found.ambiguity_effects
        if e[0] == "press-radio-television" and e[2].endswith("/bao-tinh")
    ]
    assert effects and all(after > before for *_, before, after in effects if before and after)


def test_the_ambiguous_phrases_are_cited_where_printed(analysis, text):
    """ "Báo đài, truyền hình Hải Phòng" is printed on two partner cells, lines 1126 and 1164;
    "Văn hóa, Thể thao và Du lịch" inside the list "Các Sở: …" of line 2871. Regression: the
    report cited line 1126 alone and quoted a department name the plan does not print."""
    press, culture = AMBIGUITIES
    for line in press.lines:
        assert press.phrase in text[line]
    assert culture.lines == (2871,)
    assert text[2871].startswith("Các Sở:") and "Văn hóa, Thể thao và Du lịch" in text[2871]
    assert "Sở Văn hóa, Thể thao và Du lịch" not in text[2871]
    assert len(affected_tasks(analysis.data, press)) >= len(press.lines)
