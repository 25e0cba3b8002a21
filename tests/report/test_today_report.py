"""The report's "today" section, on the bundled plan's graph file, in English and Vietnamese.

The numbers are those of tests/sparql/test_queries_today.py, counted by hand in the source:
103 lead→partner links between Sở Tài nguyên và Môi trường and Sở Nông nghiệp và PTNT (81 in
appendix 12, 22 in appendix 14) became internal to Sở Nông nghiệp và Môi trường on 1 March 2025
(Decree 45/2025/NĐ-CP, Art. 8(5), of 28 February 2025)."""

from __future__ import annotations

from pathlib import Path

import pytest


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


@pytest.fixture(scope="module")
def sections(hp_report_bilingual: Path) -> dict[str, str]:
    return {
        "en": _section(
            (hp_report_bilingual / "report.md").read_text("utf-8"), "Who holds these tasks today"
        ),
        "vi": _section(
            (hp_report_bilingual / "report.vi.md").read_text("utf-8"),
            "Ai đang giữ các nhiệm vụ này hôm nay",
        ),
    }


def test_links_that_became_internal_are_counted_and_listed_with_their_basis(sections):
    en, vi = sections["en"], sections["vi"]
    assert "103 lead→partner links, on 103 tasks, now join two parts of one body" in en
    assert "103 liên kết chủ trì → phối hợp, ở 103 nhiệm vụ" in vi
    basis = "`t-so-nn-mt` (01/03/2025): Nghị định 45/2025/NĐ-CP, Điều 8 khoản 5 (28/02/2025)"
    for text, body in (
        (en, "Department of Agriculture and Environment"),
        (vi, "Sở Nông nghiệp và Môi trường"),
    ):
        rows = [line for line in text.splitlines() if line.startswith(f"| {body} |")]
        # the table of links: five cells (the load table's rows have six)
        counts = sorted(
            int(row.split("|")[4]) for row in rows if basis in row and row.count("|") == 6
        )
        assert counts == [22, 81]
    # the list: one row per link, each with its task and the line of the source it was read on
    assert en.count("| A12-T") + en.count("| A14-T") == 103
    assert "| A14-T3.1 (line 3111) |" in en and "| A14-T3.1 (dòng 3111) |" in vi


def test_tasks_whose_agencies_ended_without_successor_with_their_basis(sections):
    en, vi = sections["en"], sections["vi"]
    assert "282 tasks, whose period runs past the day" in en
    assert "282 nhiệm vụ, có thời gian thực hiện kéo dài" in vi
    (row,) = [
        line for line in en.splitlines() if line.startswith("| People's Committee of Thủy Nguyên")
    ]
    # renamed a city on 1 January 2025 (Resolution 1232/NQ-UBTVQH15), ended on 1 July 2025
    assert "| 01/07/2025 |" in row
    assert "`hp-thuy-nguyen` (01/01/2025): Nghị quyết 1232/NQ-UBTVQH15 (24/10/2024)" in row
    assert "`hp-districts-end` (01/07/2025)" in row and "Nghị quyết 203/2025/QH15" in row
    # the three tasks of group 14 of appendix 12 (line 2775 names six district committees)
    assert "A12-T14.1, A12-T14.2, A12-T14.3" in en


def test_the_load_of_todays_bodies(sections):
    en, vi = sections["en"], sections["vi"]
    (row,) = [
        line
        for line in en.splitlines()
        if line.startswith("| Department of Agriculture and Environment |") and "| 138 |" in line
    ]
    assert "Department of Natural Resources and Environment" in row
    assert "Department of Labour, War Invalids and Social Affairs" in row  # poverty reduction
    assert "| 138 | 131 |" in row
    assert "Khối lượng nhiệm vụ của các cơ quan hiện nay theo kế hoạch năm 2017" in vi
    assert "| Sở Nông nghiệp và Môi trường |" in vi
