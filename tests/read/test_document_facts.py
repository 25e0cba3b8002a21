"""Facts about Hải Phòng's Decision 2894/QĐ-UBND, read by hand from the scraped source text.

Every test states something the source text says (line numbers are those of
``data/sources/haiphong-2894-QD-UBND-2017.txt``, 1-based) and then checks that the tables
written by ``sdgkg extract`` agree. Most tests first assert the source line itself, so a
fact that was misread would fail loudly rather than silently test the extractor's view.

The source is a flattened HTML table: one cell per line, with blank lines and lines of only
U+00A0 between cells. ``doc(n)`` returns line ``n`` with U+00A0 turned into a space.

Where the output disagrees with the text, the test still states the text and is marked
``xfail(strict=True)``.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data/sources/haiphong-2894-QD-UBND-2017.txt"
NBSP = "\u00a0"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("extract") / "out"
    r = subprocess.run(
        [sys.executable, "-m", "build_graph.cli", "extract", str(SOURCE), "--out", str(d)],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    return d


def _read(out: Path, name: str) -> list[dict[str, str]]:
    with open(out / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def doc():
    """The source text by 1-based line number, U+00A0 read as a space, ends stripped."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")

    def line(n: int) -> str:
        return lines[n - 1].replace(NBSP, " ").strip()

    return line


@pytest.fixture(scope="module")
def tasks(out):
    return {row["task_id"]: row for row in _read(out, "tasks.csv")}


@pytest.fixture(scope="module")
def task_rows(out):
    return _read(out, "tasks.csv")


@pytest.fixture(scope="module")
def links(out):
    """task_id -> list of task_partners rows, in file order."""
    by_task: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _read(out, "task_partners.csv"):
        by_task[row["task_id"]].append(row)
    return by_task


@pytest.fixture(scope="module")
def agencies(out):
    return {row["agency_id"]: row for row in _read(out, "agencies.csv")}


@pytest.fixture(scope="module")
def targets(out):
    return {row["code"]: row for row in _read(out, "targets.csv")}


@pytest.fixture(scope="module")
def appendices(out):
    return {int(row["appendix"]): row for row in _read(out, "appendices.csv")}


@pytest.fixture(scope="module")
def headings(out):
    return _read(out, "headings.csv")


@pytest.fixture(scope="module")
def irregularities(out):
    return _read(out, "irregularities.csv")


@pytest.fixture(scope="module")
def plan(out):
    return json.loads((out / "plan.json").read_text(encoding="utf-8"))


def agency_ids(links, task_id: str) -> list[str]:
    return [row["agency_id"] for row in links[task_id]]


def periods(tasks, task_id: str) -> str:
    return tasks[task_id]["periods"]


# --------------------------------------------------------------------------- metadata


def test_decision_number_date_and_place(doc, plan):
    """Line 23 "Số: 2894/QĐ-UBND"; line 25 "Hải Phòng, ngày 30 tháng 10 năm 2017"."""
    assert doc(23) == "Số: 2894/QĐ-UBND"
    assert doc(25) == "Hải Phòng, ngày 30 tháng 10 năm 2017"
    assert plan["number"] == "2894/QĐ-UBND"
    assert plan["date"] == "2017-10-30"
    assert plan["place"] == "Hải Phòng"


def test_signer_is_vice_chairman_nguyen_van_thanh(doc, plan):
    """Lines 63-65 "TM. ỦY BAN NHÂN DÂN THÀNH PHỐ / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", line 70 the
    name "Nguyễn Văn Thành": he signs on behalf of the chairman, as vice-chairman."""
    assert doc(64) == "KT. CHỦ TỊCH"
    assert doc(65) == "PHÓ CHỦ TỊCH"
    assert doc(70) == "Nguyễn Văn Thành"
    assert plan["signer"] == "Nguyễn Văn Thành"
    assert plan["signer_title"].casefold() == "phó chủ tịch"


def test_issuer_is_the_city_peoples_committee(doc, plan):
    """Line 33 "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" issues the decision."""
    assert doc(33) == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"


def test_implements_decision_622_of_the_prime_minister(doc, plan):
    """Line 37: "Căn cứ Quyết định số 622/QĐ-TTg ngày 10/5/2017 của Thủ tướng Chính phủ ..."."""
    assert doc(37).startswith(
        "Căn cứ Quyết định số 622/QĐ-TTg ngày 10/5/2017 của Thủ tướng Chính phủ"
    )
    implements = plan["implements"]
    assert implements["number"] == "622/QĐ-TTg"
    assert implements["date"] == "2017-05-10"
    assert implements["issuer"] == "Thủ tướng Chính phủ"
    assert implements["source_line"] == 37


def test_title_names_decision_622(doc, plan):
    """Line 31 is the title: "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ
    622/QĐ-TTG NGÀY 10/5/2017 ... VÌ SỰ PHÁT TRIỂN BỀN VỮNG."."""
    assert doc(31).startswith("BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG TRIỂN KHAI THỰC HIỆN")
    title = " ".join(plan["title"].split())
    assert title.startswith("BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 622")
    assert title.endswith("VÌ SỰ PHÁT TRIỂN BỀN VỮNG.")


# The list of appendices, lines 169-293: TT, agency, appendix number, three cells a row.
APPENDIX_LEADS = {
    1: ("mttq-tp", 177, "Ủy ban Mặt trận tổ quốc Việt Nam thành phố Hải Phòng"),
    2: ("cong-an-tp", 183, "Công an thành phố"),
    3: ("so-cong-thuong", 189, "Sở Công Thương"),
    4: ("so-du-lich", 195, "Sở Du lịch"),
    5: ("so-gddt", 201, "Sở Giáo dục và Đào tạo"),
    6: ("so-gtvt", 207, "Sở Giao thông Vận tải"),
    7: ("so-khcn", 213, "Sở Khoa học và Công nghệ"),
    8: ("so-khdt", 219, "Sở Kế hoạch và Đầu tư"),
    9: ("so-ldtbxh", 225, "Sở Lao động – Thương binh và Xã hội"),
    10: ("so-ngoai-vu", 231, "Sở Ngoại vụ"),
    11: ("so-noi-vu", 237, "Sở Nội vụ"),
    12: ("so-nnptnt", 243, "Sở Nông nghiệp và Phát triển nông thôn"),
    13: ("so-tai-chinh", 249, "Sở Tài chính"),
    14: ("so-tnmt", 255, "Sở Tài nguyên và Môi trường"),
    15: ("so-tttt", 261, "Sở Thông tin và Truyền thông"),
    16: ("so-tu-phap", 267, "Sở Tư pháp"),
    17: ("so-vhtt", 273, "Sở Văn hóa và Thể thao"),
    18: ("so-xay-dung", 279, "Sở Xây dựng"),
    19: ("so-y-te", 285, "Sở Y tế"),
    20: ("thanh-tra-tp", 291, "Thanh tra thành phố"),
}


def test_list_of_twenty_appendices_and_their_leads(doc, plan):
    """Lines 165-293 "DANH MỤC CÁC PHỤ LỤC KÈM THEO": 20 rows, each TT, agency, appendix
    number (e.g. line 175 "1", 177 "Ủy ban Mặt trận ...", 179 "01"; line 289 "20", 291
    "Thanh tra thành phố", 293 "20")."""
    assert doc(165) == "DANH MỤC CÁC PHỤ LỤC KÈM THEO"
    for number, (_, line, name) in APPENDIX_LEADS.items():
        assert doc(line) == name
        assert doc(line + 2) == f"{number:02d}"
    listed = {e["appendix"]: (e["agency_id"], e["source_line"]) for e in plan["appendix_list"]}
    assert listed == {n: (agency, line) for n, (agency, line, _) in APPENDIX_LEADS.items()}


def test_twenty_appendices_each_with_its_lead(doc, appendices, task_rows):
    """Twenty "PHỤ LỤC nn" headings (line 297 "PHỤ LỤC 01" ... line 4726 "PHỤ LỤC 20"), each
    followed by "CƠ QUAN CHỦ TRÌ THỰC HIỆN: ..." naming the same lead as the list; every task of
    an appendix carries that lead."""
    assert doc(297) == "PHỤ LỤC 01"
    assert doc(4726) == "PHỤ LỤC 20"
    assert doc(4728) == "CƠ QUAN CHỦ TRÌ THỰC HIỆN: THANH TRA THÀNH PHỐ."
    assert sorted(appendices) == list(range(1, 21))
    for number, (agency, _, _) in APPENDIX_LEADS.items():
        assert appendices[number]["lead_agency_id"] == agency
    assert appendices[1]["source_line"] == "297"
    assert appendices[20]["source_line"] == "4726"
    for row in task_rows:
        assert row["lead_agency_id"] == APPENDIX_LEADS[int(row["appendix"])][0], row["task_id"]


# --------------------------------------------------------------------------- intro declarations


def test_appendix_09_declares_sixteen_targets(doc, appendices):
    """Line 1670: "... chủ trì thực hiện các mục tiêu: 1.1, 1.2, 4.3.b, 4.4, 4.5.b, 5.1, 5.2, 5.4,
    5.7.c, 8.5, 8.6, 8.7, 8.8, 10.1, 10.4.a, 16.2.a. trong ..." (the last code carries a stray
    full stop)."""
    assert "10.1, 10.4.a, 16.2.a. trong Kế hoạch" in doc(1670)
    assert appendices[9]["declared_targets"].split(";") == [
        "1.1",
        "1.2",
        "4.3.b",
        "4.4",
        "4.5.b",
        "5.1",
        "5.2",
        "5.4",
        "5.7.c",
        "8.5",
        "8.6",
        "8.7",
        "8.8",
        "10.1",
        "10.4.a",
        "16.2.a",
    ]
    assert appendices[9]["declared_line"] == "1670"


def test_appendix_07_declares_targets_out_of_numeric_order(doc, appendices):
    """Line 1423: "Sở Khoa học và Công nghệ chủ trì thực hiện mục tiêu: 9.4, 6.4, 12.5.a ..."."""
    assert "chủ trì thực hiện mục tiêu: 9.4, 6.4, 12.5.a trong" in doc(1423)
    assert appendices[7]["declared_targets"] == "9.4;6.4;12.5.a"


def test_targets_declared_by_more_than_one_appendix(doc, appendices, irregularities):
    """Intro lines 425 (02: ... 16.8), 873 (05: 3.5.a, ...), 1138 (06: 3.5.a, 3.5.b, ...), 1423
    (07: 9.4, 6.4, 12.5.a), 2371 (12: ... 13.1.a ...), 3043 (14: ... 6.4 ... 12.5.a, 13.1.a ...),
    3491 (16: ... 16.8, 16.9): exactly five codes are declared twice."""
    assert "3.5.a" in doc(873) and "3.5.a" in doc(1138)
    assert "6.4" in doc(1423) and ", 6.4," in doc(3043)
    assert "13.1.a" in doc(2371) and "13.1.a" in doc(3043)
    assert ": 3.5.c, 10.6, 16.1, 16.2.b, 16.4, 16.8 trong" in doc(425)
    assert "16.8, 16.9 trong" in doc(3491)
    owners: dict[str, set[int]] = defaultdict(set)
    for number, row in appendices.items():
        for code in row["declared_targets"].split(";"):
            owners[code].add(number)
    shared = {code: nums for code, nums in owners.items() if len(nums) > 1}
    assert shared == {
        "3.5.a": {5, 6},
        "6.4": {7, 14},
        "12.5.a": {7, 14},
        "13.1.a": {12, 14},
        "16.8": {2, 16},
    }
    flagged = {row["raw"] for row in irregularities if row["kind"] == "declared-by-several"}
    assert flagged == set(shared)


def test_appendix_12_declares_subtargets_its_table_never_names(doc, task_rows, irregularities):
    """Line 2371 declares 2.1.b, 2.3.a, 6.1.b, 12.3.a and 13.3.c, but the table's group rows say
    only "Mục tiêu 2:" (2401), "Mục tiêu 2.3:" (2425), "Mục tiêu 6:" (2511), "Mục tiêu 12.3:"
    (2607) and "Mục tiêu 13.3:" (2629), with no sub-target line under them."""
    intro = doc(2371)
    for code in ("2.1.b", "2.3.a", "6.1.b", "12.3.a", "13.3.c"):
        assert f" {code}," in intro
    assert doc(2401).startswith("Mục tiêu 2: Xóa đói")
    assert doc(2425).startswith("Mục tiêu 2.3: ")
    subtargets_12 = {r["subtarget"] for r in task_rows if r["appendix"] == "12"}
    assert subtargets_12 == {"", "13.1.a"}
    covered = {r["raw"] for r in irregularities if r["kind"] == "declared-covered-by-parent"}
    assert covered == {"2.1.b", "2.3.a", "6.1.b", "12.3.a", "13.3.c"}


# --------------------------------------------------------------------------- groups and headings


def test_group_row_then_subtarget_line(doc, tasks, headings):
    """Appendix 01: group row "1" (314), "Mục tiêu 1.3: Đến năm 2030, ..." (316), then a line of
    its own "Mục tiêu 1.3.b:" (320); tasks 1.1-1.3 (326, 336, 340) serve 1.3.b."""
    assert doc(314) == "1"
    assert doc(316).startswith("Mục tiêu 1.3: Đến năm 2030")
    assert doc(320) == "Mục tiêu 1.3.b:"
    for no in ("1.1", "1.2", "1.3"):
        assert (tasks[f"A01-T{no}"]["target"], tasks[f"A01-T{no}"]["subtarget"]) == (
            "1.3",
            "1.3.b",
        )
    a01 = [
        (h["kind"], h["number"], h["code"], h["source_line"])
        for h in headings
        if h["appendix"] == "1"
    ]
    assert ("group", "1", "1.3", "316") in a01
    assert ("subtarget", "", "1.3.b", "320") in a01


def test_group_row_that_already_names_a_subtarget(doc, tasks, headings, targets):
    """Appendix 02, group row "4" (497): "Mục tiêu 16.2.b: Phòng ngừa ..." (499) with no
    separate sub-target line; tasks 4.1-4.4 (501-517) serve sub-target 16.2.b of target 16.2."""
    assert doc(497) == "4"
    assert doc(499).startswith("Mục tiêu 16.2.b: Phòng ngừa")
    assert doc(501) == "4.1" and doc(517) == "4.4"
    for no in ("4.1", "4.2", "4.3", "4.4"):
        row = tasks[f"A02-T{no}"]
        assert (row["target"], row["subtarget"]) == ("16.2", "16.2.b")
    group = [h for h in headings if h["appendix"] == "2" and h["number"] == "4"]
    assert [(h["kind"], h["code"]) for h in group] == [("group", "16.2.b")]
    assert targets["16.2.b"]["level"] == "subtarget"
    assert targets["16.2.b"]["parent"] == "16.2"


def test_goal_level_groups_in_appendix_12(doc, tasks, targets):
    """Appendix 12: group "2" (2399) reads "Mục tiêu 2: Xóa đói, ..." (2401), a goal, and group
    "6" (2509) reads "Mục tiêu 6: Đảm bảo đầy đủ ..." (2511). Tasks 2.1-2.2 and 6.1-6.5 serve
    goals 2 and 6 with no sub-target."""
    assert doc(2399) == "2"
    assert doc(2401).startswith("Mục tiêu 2: ")
    assert doc(2509) == "6"
    assert doc(2511).startswith("Mục tiêu 6: ")
    for no in ("2.1", "2.2"):
        assert (tasks[f"A12-T{no}"]["target"], tasks[f"A12-T{no}"]["subtarget"]) == ("2", "")
    for no in ("6.1", "6.2", "6.3", "6.4", "6.5"):
        assert (tasks[f"A12-T{no}"]["target"], tasks[f"A12-T{no}"]["subtarget"]) == ("6", "")
    assert targets["2"]["level"] == "goal"
    assert targets["6"]["level"] == "goal"


@pytest.mark.parametrize(
    ("line", "printed", "appendix", "code", "task_id"),
    [
        (1196, "Mục tiêu 3.5.b.:", "6", "3.5.b", "A06-T1.2.1"),
        (3165, "Mục tiêu 12.2a:", "14", "12.2.a", "A14-T5.1"),
        (3085, "Mục tiêu 6.3.b.", "14", "6.3.b", "A14-T2.1"),
        (4248, "Mục tiêu 2.1a:", "19", "2.1.a", "A19-T1.1"),
    ],
)
def test_loosely_written_subtarget_codes(
    doc, tasks, headings, line, printed, appendix, code, task_id
):
    """Sub-target lines printed loosely: "3.5.b.:" (1196, appendix 06), "12.2a:" (3165,
    appendix 14), "6.3.b." (3085, appendix 14) and "2.1a:" (4248, appendix 19). Each names an
    ordinary sub-target, which the first task below it serves."""
    assert doc(line) == printed
    heading = [h for h in headings if h["source_line"] == str(line)]
    assert [(h["appendix"], h["code"]) for h in heading] == [(appendix, code)]
    assert tasks[task_id]["subtarget"] == code
    assert tasks[task_id]["target"] == code.rsplit(".", 1)[0]


def test_group_label_with_nbsp_inside(doc, task_rows):
    """Line 1752 prints "Mục<U+00A0>tiêu 4.4:" (a no-break space inside the label); group 4 of
    appendix 09 (tasks 4.1-4.9, lines 1754-1806) still serves target 4.4."""
    raw = SOURCE.read_text(encoding="utf-8").split("\n")[1751]
    assert raw.startswith("Mục" + NBSP + "tiêu 4.4:")
    group4 = [r for r in task_rows if r["appendix"] == "9" and r["task_no"].startswith("4.")]
    assert [r["task_no"] for r in group4] == [f"4.{i}" for i in range(1, 10)]
    assert {r["target"] for r in group4} == {"4.4"}


# --------------------------------------------------------------------------- nested numbers


def test_nested_task_numbers_and_parents_in_appendix_06(doc, tasks):
    """Appendix 06 numbers tasks to four levels: 1.1.2 (1168) encloses 1.1.2.1 (1174) and 1.1.2.2
    (1178); 2.2 (1256) encloses 2.2.1-2.2.4 (1264-1286); 2.2.4 (1286) encloses 2.2.4.1 (1290)
    and 2.2.4.2 (1296); 2.4 (1314) encloses 2.4.1/2.4.2; 2.5 (1334) 2.5.1/2.5.2; 2.6 (1352)
    2.6.1/2.6.2."""
    for line, number in [
        (1168, "1.1.2"),
        (1174, "1.1.2.1"),
        (1178, "1.1.2.2"),
        (1286, "2.2.4"),
        (1290, "2.2.4.1"),
        (1296, "2.2.4.2"),
    ]:
        assert doc(line) == number
    expected = {
        "1.1.2.1": "1.1.2",
        "1.1.2.2": "1.1.2",
        "2.2.1": "2.2",
        "2.2.2": "2.2",
        "2.2.3": "2.2",
        "2.2.4": "2.2",
        "2.2.4.1": "2.2.4",
        "2.2.4.2": "2.2.4",
        "2.4.1": "2.4",
        "2.4.2": "2.4",
        "2.5.1": "2.5",
        "2.5.2": "2.5",
        "2.6.1": "2.6",
        "2.6.2": "2.6",
        "2.1": "",
        "2.2": "",
        "2.4": "",
        "3.1": "",
    }
    for number, parent in expected.items():
        assert tasks[f"A06-T{number}"]["parent_task_no"] == parent, number
    assert tasks["A06-T1.1.2.1"]["source_line"] == "1174"
    assert tasks["A06-T2.2.4.1"]["source_line"] == "1290"


def test_numbered_rows_that_are_subtarget_headings(doc, tasks, headings):
    """Appendix 06 rows 1.1 (1154), 1.2 (1194) and 1.3 (1214) are each followed by a sub-target
    label ("Mục tiêu 3.5.a:" 1156, "Mục tiêu 3.5.b.:" 1196, "Mục tiêu 3.5.b:" 1216) and a
    heading sentence, with no cells: they head sub-targets, and are not tasks. Their children
    (1.1.1 ..., 1.2.1 ..., 1.3.1 ...) are top-level tasks with no parent task."""
    assert (doc(1154), doc(1156)) == ("1.1", "Mục tiêu 3.5.a:")
    assert (doc(1194), doc(1196)) == ("1.2", "Mục tiêu 3.5.b.:")
    assert (doc(1214), doc(1216)) == ("1.3", "Mục tiêu 3.5.b:")
    for number in ("1.1", "1.2", "1.3"):
        assert f"A06-T{number}" not in tasks
    numbered = [
        (h["number"], h["code"], h["source_line"])
        for h in headings
        if h["appendix"] == "6" and h["kind"] == "numbered-subtarget"
    ]
    assert numbered == [
        ("1.1", "3.5.a", "1156"),
        ("1.2", "3.5.b", "1196"),
        ("1.3", "3.5.b", "1216"),
    ]
    under = {
        "1.1.1": ("1.1", "3.5.a"),
        "1.1.2.1": ("1.1", "3.5.a"),
        "1.1.4": ("1.1", "3.5.a"),
        "1.2.1": ("1.2", "3.5.b"),
        "1.2.2": ("1.2", "3.5.b"),
        "1.3.1": ("1.3", "3.5.b"),
        "1.3.3": ("1.3", "3.5.b"),
    }
    for number, (heading_no, sub) in under.items():
        row = tasks[f"A06-T{number}"]
        assert (row["heading_no"], row["subtarget"], row["target"]) == (heading_no, sub, "3.5")
    assert tasks["A06-T1.1.1"]["parent_task_no"] == ""
    assert tasks["A06-T1.3.1"]["parent_task_no"] == ""


def test_a_numbered_subtarget_row_gives_its_subtarget_a_text(doc, targets):
    """Regression: 3.5.a had no text, and the report's briefing case said "it has no text of its
    own". No group row names 3.5.a with a text (appendix 05, line 1120: "Mục tiêu 3.5.a:" only),
    but appendix 06's row 1.1 does, on line 1158: "Triển khai thực hiện các giải pháp đảm bảo
    an toàn giao thông …". 3.5.b is headed twice with two texts (lines 1198 and 1218): the first
    is kept."""
    assert doc(1120) == "Mục tiêu 3.5.a:"
    assert doc(1158).startswith("Triển khai thực hiện các giải pháp đảm bảo an toàn giao thông")
    assert targets["3.5.a"]["text_vi"] == doc(1158)
    assert doc(1198).startswith("Huy động mọi nguồn lực để phát triển hạ tầng giao thông")
    assert doc(1218) == "Phát triển mạnh mạng lưới giao thông công cộng."
    assert targets["3.5.b"]["text_vi"] == doc(1198)


# --------------------------------------------------------------------------- merged cells


def test_merged_partner_cell_covers_several_rows(doc, tasks, links):
    """Appendix 02 group 4: task 4.1 (501) has the partner cell "Các Sở: Lao động - ..." (505)
    and period "2017-2020" (507); 4.2 (509), 4.3 (513) and 4.4 (517) have only their text, so the
    merged cells printed at 505/507 apply to all four."""
    assert doc(505).startswith("Các Sở: Lao động - Thương binh và Xã hội, Du lịch")
    assert doc(507) == "2017-2020"
    assert doc(509) == "4.2" and doc(513) == "4.3" and doc(517) == "4.4"
    assert doc(521) == "5"
    own = agency_ids(links, "A02-T4.1")
    assert "so-du-lich" in own and "hoi-lhpn-tp" in own
    for no, inherited in [("4.1", "false"), ("4.2", "true"), ("4.3", "true"), ("4.4", "true")]:
        row = tasks[f"A02-T{no}"]
        assert row["partner_source_line"] == "505"
        assert row["period_source_line"] == "507"
        assert row["partners_inherited"] == inherited
        assert row["period_inherited"] == inherited
        assert row["periods"] == "2017-2020"
        assert agency_ids(links, f"A02-T{no}") == own
        assert {link["inherited"] for link in links[f"A02-T{no}"]} == {inherited}


def test_inheritance_stops_at_group_and_subtarget_headings(doc, tasks, links):
    """Appendix 19: tasks 5.1 (4446) and 5.2 (4456) come right after "Mục tiêu 3.3:" (4436) and
    "Mục tiêu 3.3.a:" (4440) and have no partner cell; the partner cell of 4.9/4.10 above
    ("Các Sở, Ngành; Các đơn vị y tế." 4428) belongs to the previous group and must not carry
    over. Likewise 6.1 (4498) and 6.2 (4506) after "Mục tiêu 3.4:" (4496)."""
    assert doc(4428) == "Các Sở, Ngành; Các đơn vị y tế."
    assert doc(4436).startswith("Mục tiêu 3.3:")
    assert doc(4440) == "Mục tiêu 3.3.a:"
    assert (doc(4446), doc(4450), doc(4452)) == ("5.1", "", "2017-2020 và")
    assert doc(4496).startswith("Mục tiêu 3.4:")
    for task_id in ("A19-T5.1", "A19-T5.2", "A19-T6.1", "A19-T6.2"):
        assert tasks[task_id]["partner_source_line"] == ""
        assert tasks[task_id]["partners_inherited"] == "false"
        assert links[task_id] == []
    # the first row with its own partner cell in the 3.3.a section starts a new merged cell
    assert tasks["A19-T5.3"]["partner_source_line"] == "4466"


def test_no_inheritance_backwards_or_across_headings(doc, tasks):
    """Appendix 06: 1.3.1 (1220) has the partner cell "Các đơn vị có liên quan" (1224) and no
    period cell; its only candidates are "2017- 2020" of 1.2.1 (1206), above the heading
    "Mục tiêu 3.5.b:" (1216), and "2017- 2020" of 1.3.2 (1232), below it. Neither applies, so
    1.3.1 has no period; 1.3.2 keeps its own and takes the partner cell of 1.3.1.
    Same for 3.1 (1376) after "Mục tiêu 11.2:" (1374): "Hàng năm" of 2.6.2 (1370) is above the
    group heading, "Theo lộ trình của quy hoạch" of 3.2 (1388) is below."""
    assert doc(1206) == "2017- 2020"
    assert doc(1224) == "Các đơn vị có liên quan"
    assert doc(1228) == "1.3.2" and doc(1232) == "2017- 2020"
    assert tasks["A06-T1.3.1"]["periods"] == ""
    assert tasks["A06-T1.3.1"]["period_source_line"] == ""
    assert tasks["A06-T1.3.2"]["period_source_line"] == "1232"
    assert tasks["A06-T1.3.2"]["period_inherited"] == "false"
    assert tasks["A06-T1.3.2"]["partner_source_line"] == "1224"
    assert tasks["A06-T1.3.2"]["partners_inherited"] == "true"
    assert doc(1370) == "Hàng năm" and doc(1388) == "Theo lộ trình của quy hoạch"
    assert tasks["A06-T3.1"]["periods"] == ""
    assert tasks["A06-T3.2"]["periods"] == "plan-roadmap"


def test_period_inherited_while_partner_is_own(doc, tasks):
    """Appendix 05 group 1: only 1.1 (889) prints a period ("2017- 2020 và" / "2020- 2030",
    895/897); 1.2-1.6 print their own partner cells (903, 909, 915, 921, 927) and take the
    merged period."""
    assert (doc(895), doc(897)) == ("2017- 2020 và", "2020- 2030")
    for no, line in [("1.2", 903), ("1.3", 909), ("1.4", 915), ("1.5", 921), ("1.6", 927)]:
        row = tasks[f"A05-T{no}"]
        assert row["partner_source_line"] == str(line)
        assert row["partners_inherited"] == "false"
        assert row["period_source_line"] == "895"
        assert row["period_inherited"] == "true"
        assert row["periods"] == "2017-2020;2020-2030"


# --------------------------------------------------------------------------- period cells


def test_period_cell_on_heading_row_appendix_01_16_5_c(doc, tasks):
    """Appendix 01: right after "Mục tiêu 16.5.c:" (376) the period cell "2017-2020" (380),
    "2021-2030" (382) is printed on the heading row, before task 3.1 (384). It applies to
    3.1, 3.2 and 3.3 (none of which prints a period)."""
    assert doc(376) == "Mục tiêu 16.5.c:"
    assert (doc(380), doc(382), doc(384)) == ("2017-2020", "2021-2030", "3.1")
    for no in ("3.1", "3.2", "3.3"):
        row = tasks[f"A01-T{no}"]
        assert row["periods"] == "2017-2020;2021-2030"
        assert row["period_source_line"] == "380"
        assert row["period_inherited"] == "true"
    assert tasks["A01-T3.1"]["partner_source_line"] == "388"


def test_period_cell_on_heading_row_appendix_01_16_7_b(doc, tasks):
    """Appendix 01: "Mục tiêu 16.7.b:" (404) is followed by "2017-2020" (408) and
    "và 2021-2030" (410), then task 4.1 (412) with partner cell 416 and no period."""
    assert doc(404) == "Mục tiêu 16.7.b:"
    assert (doc(408), doc(410), doc(412)) == ("2017-2020", "và 2021-2030", "4.1")
    row = tasks["A01-T4.1"]
    assert row["periods"] == "2017-2020;2021-2030"
    assert row["period_source_line"] == "408"
    assert row["period_raw"] == "2017-2020\nvà 2021-2030"
    assert row["partner_source_line"] == "416"


def test_period_cell_on_heading_row_appendix_11_16_5_b(doc, tasks):
    """Appendix 11: "Mục tiêu 16.5.b:" (2330) then "2017- 2020 và" (2334) / "2021-2030" (2336)
    on the heading row; tasks 2.1-2.6 (2338-2360) print no period. 2.1 prints the partner cell
    2342, which 2.2-2.6 share."""
    assert doc(2330) == "Mục tiêu 16.5.b:"
    assert (doc(2334), doc(2336), doc(2338)) == ("2017- 2020 và", "2021-2030", "2.1")
    for no in ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"):
        row = tasks[f"A11-T{no}"]
        assert row["periods"] == "2017-2020;2021-2030"
        assert row["period_source_line"] == "2334"
        assert row["partner_source_line"] == "2342"


def test_cells_on_heading_irregularity_quotes_the_whole_cell(doc, irregularities):
    """The period cells printed on heading rows are two lines each: 380/382 "2017-2020" /
    "2021-2030", 408/410 "2017-2020" / "và 2021-2030", 2334/2336 "2017- 2020 và" / "2021-2030".
    The irregularity that reports each should quote the cell, i.e. mention 2021-2030."""
    assert doc(382) == "2021-2030" and doc(410) == "và 2021-2030" and doc(2336) == "2021-2030"
    rows = {r["line"]: r for r in irregularities if r["kind"] == "cells-on-heading"}
    assert sorted(rows, key=int) == ["380", "408", "2334"]
    for line in ("380", "408", "2334"):
        assert "2021-2030" in rows[line]["raw"], rows[line]["raw"]


def test_bare_years_as_period_cells_appendix_17(doc, tasks):
    """Appendix 17 task 1.4 (3698) "Tổ chức Đại hội TDTT thành phố năm 2017 và năm 2021."
    prints its period as two bare years: "2017" (3704) and "2021" (3706); 1.5 (3708) prints its
    own "2017- 2020" / "2021- 2030" (3712/3714)."""
    assert doc(3698) == "1.4"
    assert doc(3700) == "Tổ chức Đại hội TDTT thành phố năm 2017 và năm 2021."
    assert (doc(3704), doc(3706)) == ("2017", "2021")
    row = tasks["A17-T1.4"]
    assert row["periods"] == "2017;2021"
    assert row["period_raw"] == "2017\n2021"
    assert row["period_source_line"] == "3704"
    assert tasks["A17-T1.5"]["periods"] == "2017-2020;2021-2030"
    assert tasks["A17-T1.5"]["period_source_line"] == "3712"


def test_bare_years_as_period_cells_appendix_04(doc, tasks):
    """Appendix 04: 1.3 (819) has the period "2019" (825), 1.4 (827) "2020" (833); 1.1 has
    "2017 -2018" (809) and 1.2 "2018 -2019" (817)."""
    assert (doc(809), doc(817), doc(825), doc(833)) == ("2017 -2018", "2018 -2019", "2019", "2020")
    assert [periods(tasks, f"A04-T1.{i}") for i in (1, 2, 3, 4)] == [
        "2017-2018",
        "2018-2019",
        "2019",
        "2020",
    ]


def test_named_period_kinds_appendix_06(doc, tasks):
    """Appendix 06 prints periods in words: "Hàng năm" (1166, task 1.1.1), "Theo tiến độ từng dự
    án cụ thể." (1262, task 2.2), "Theo kế hoạch hàng năm" (1312, task 2.3) and "Theo lộ trình
    của quy hoạch" (1388, task 3.2)."""
    assert doc(1166) == "Hàng năm"
    assert doc(1262) == "Theo tiến độ từng dự án cụ thể."
    assert doc(1312) == "Theo kế hoạch hàng năm"
    assert doc(1388) == "Theo lộ trình của quy hoạch"
    assert periods(tasks, "A06-T1.1.1") == "annual"
    assert periods(tasks, "A06-T2.2") == "project-schedule"
    assert periods(tasks, "A06-T2.3") == "annual-plan"
    assert periods(tasks, "A06-T3.2") == "plan-roadmap"
    # 1.1.2 (1168) prints a partner cell but no period: it shares "Hàng năm" of 1.1.1
    assert tasks["A06-T1.1.2"]["period_source_line"] == "1166"


def test_overlapping_periods_kept_as_printed(doc, tasks):
    """Appendix 05 writes its second period as "2020- 2030" (897, 941, 979, 1001, 1020, 1042,
    1072, 1108), overlapping the first at 2020; the text says 2020, not 2021."""
    for line in (897, 941, 979, 1001, 1020, 1042, 1072, 1108):
        assert doc(line) == "2020- 2030"
    assert periods(tasks, "A05-T2.1") == "2017-2020;2020-2030"
    assert periods(tasks, "A05-T8.2") == "2017-2020;2020-2030"


# --------------------------------------------------------------------------- doubled / split cells


def test_cells_printed_twice_appendix_04_task_1_6(doc, tasks, links):
    """Appendix 04 task 1.6 (845) prints its partner cell twice ("Các Sở, Ban, Ngành, đơn vị
    liên quan." at 849 and 851) and its period twice (853/855 "2017 - 2020 và" / "2021 – 2030",
    857/859 "2017 - 2020 và" / "2021 - 2030"). 1.7 (861) prints neither and shares them."""
    assert doc(849) == doc(851) == "Các Sở, Ban, Ngành, đơn vị liên quan."
    assert (doc(853), doc(855)) == ("2017 - 2020 và", "2021 – 2030")
    assert (doc(857), doc(859)) == ("2017 - 2020 và", "2021 - 2030")
    row = tasks["A04-T1.6"]
    assert row["periods"] == "2017-2020;2021-2030"
    assert row["partner_source_line"] == "849"
    assert row["period_source_line"] == "853"
    assert row["partner_raw"] == "Các Sở, Ban, Ngành, đơn vị liên quan."
    ids = agency_ids(links, "A04-T1.6")
    assert sorted(ids) == ["vague-depts-sectors", "vague-related-units"]
    assert agency_ids(links, "A04-T1.7") == ids
    assert tasks["A04-T1.7"]["partners_inherited"] == "true"
    assert tasks["A04-T1.7"]["periods"] == "2017-2020;2021-2030"


def test_period_cell_printed_twice_is_one_cell(doc, tasks):
    """The period cell of appendix 04 task 1.6 is "2017 - 2020 và" / "2021 – 2030" (853/855);
    lines 857/859 repeat it, just as 851 repeats the partner cell of 849. The raw cell should be
    the cell as printed once, as partner_raw is."""
    assert (doc(853), doc(855)) == ("2017 - 2020 và", "2021 – 2030")
    assert tasks["A04-T1.6"]["period_raw"] == "2017 - 2020 và\n2021 – 2030"


def test_partner_cell_spanning_two_lines(doc, tasks, links):
    """Appendix 09 task 16.4 (2168): its partner cell is printed on two lines, "Các Sở, Ngành
    có liên quan;" (2172) and "UBND các quận huyện." (2174), then the period "2021 - 2030"
    (2176). Both parts name partners; 16.5-16.7 (2178-2186) share the cell, 16.8 (2190) has
    its own (2194)."""
    assert doc(2172) == "Các Sở, Ngành có liên quan;"
    assert doc(2174) == "UBND các quận huyện."
    assert doc(2176) == "2021 - 2030"
    assert agency_ids(links, "A09-T16.4") == ["vague-depts-sectors", "ubnd-districts"]
    assert {link["cell_line"] for link in links["A09-T16.4"]} == {"2172"}
    assert tasks["A09-T16.4"]["periods"] == "2021-2030"
    for no in ("16.5", "16.6", "16.7"):
        assert agency_ids(links, f"A09-T{no}") == ["vague-depts-sectors", "ubnd-districts"]
        assert tasks[f"A09-T{no}"]["partners_inherited"] == "true"
    assert tasks["A09-T16.8"]["partner_source_line"] == "2194"


def test_partner_raw_keeps_the_two_printed_lines(doc, tasks):
    """partner_raw is the cell's printed lines joined by newline: for appendix 09 task 16.4 the
    lines are 2172 "Các Sở, Ngành có liên quan;" and 2174 "UBND các quận huyện."."""
    assert tasks["A09-T16.4"]["partner_raw"].split("\n") == [doc(2172), doc(2174)]


# --------------------------------------------------------------------------- partner lists


def test_cac_so_list_is_expanded(doc, links):
    """Line 449 (appendix 02 task 1.1): "Các Sở: Giáo dục và Đào tạo, Giao thông Vận tải, Thông tin
    và Truyền thông; Đài PTTH Hải Phòng; Báo Hải Phòng; UBND các quận, huyện; Các tổ chức chính
    trị - xã hội." -- three departments under one "Các Sở:"."""
    assert doc(449).startswith(
        "Các Sở: Giáo dục và Đào tạo, Giao thông Vận tải, Thông tin và Truyền thông; Đài PTTH"
    )
    rows = links["A02-T1.1"]
    expanded = [(r["agency_id"], r["raw"]) for r in rows if r["how"] == "list-expansion"]
    assert expanded == [
        ("so-gddt", "Giáo dục và Đào tạo"),
        ("so-gtvt", "Giao thông Vận tải"),
        ("so-tttt", "Thông tin và Truyền thông"),
    ]
    assert agency_ids(links, "A02-T1.1") == [
        "so-gddt",
        "so-gtvt",
        "so-tttt",
        "dai-ptth",
        "bao-tinh",
        "ubnd-districts",
        "to-chuc-ct-xh",
    ]


def test_list_continues_past_semicolon(doc, links):
    """Line 1730 (appendix 09 task 3.1): "Các Sở, ngành: Kế hoạch và Đầu tư; Tài chính; Các đơn vị
    liên quan." -- "Tài chính" after the ";" is still a department. Also line 1774 (task 4.3)
    "Các Sở: Kế hoạch-Đầu tư; Tài chính; ..." and line 4644 (appendix 19 task 9.1) "...; Ngoại
    vụ."."""
    assert doc(1730) == "Các Sở, ngành: Kế hoạch và Đầu tư; Tài chính; Các đơn vị liên quan."
    assert doc(1774).startswith("Các Sở: Kế hoạch-Đầu tư; Tài chính; ")
    assert doc(4644).endswith("Khoa học và Công nghệ; Ngoại vụ.")
    assert agency_ids(links, "A09-T3.1") == ["so-khdt", "so-tai-chinh", "vague-related-units"]
    assert agency_ids(links, "A09-T4.3")[:2] == ["so-khdt", "so-tai-chinh"]
    assert agency_ids(links, "A19-T9.1") == ["so-tnmt", "so-tttt", "so-khcn", "so-ngoai-vu"]


def test_colon_written_for_semicolon(doc, links):
    """Line 2391 (appendix 12 task 1.1) ends "... tổ chức xã hội - nghề nghiệp: UBND các quận,
    huyện" and line 2657 (task 11.1) reads "Các Sở: Tài nguyên và Môi trường, Ngoại vụ: Liên hiệp
    hội khoa học kỹ thuật Hải Phòng; ...": in both the ":" separates two partners."""
    assert doc(2391).endswith("tổ chức xã hội - nghề nghiệp: UBND các quận, huyện")
    assert doc(2657).startswith(
        "Các Sở: Tài nguyên và Môi trường, Ngoại vụ: Liên hiệp hội khoa học kỹ thuật Hải Phòng;"
    )
    ids_1 = agency_ids(links, "A12-T1.1")
    assert ids_1[-2:] == ["to-chuc-xh-nn", "ubnd-districts"]
    assert agency_ids(links, "A12-T11.1") == [
        "so-tnmt",
        "so-ngoai-vu",
        "lhh-khkt",
        "to-chuc-ct-xh",
        "to-chuc-xh-nn",
        "ubnd-districts",
    ]


def test_named_district_list(doc, links, agencies):
    """Line 2773 (appendix 12 task 14.1): "Các Sở: Tài chính, Lao động - Thương binh và Xã hội;
    UBND các huyện, quận: Cát Hải, Thủy Nguyên, Hải An, Kiến Thụy, Đồ Sơn, Dương Kinh." -- six
    named district committees, not all districts. 14.2 (2779) and 14.3 (2783) share the cell."""
    assert doc(2773) == (
        "Các Sở: Tài chính, Lao động - Thương binh và Xã hội; UBND các huyện, quận: Cát Hải, "
        "Thủy Nguyên, Hải An, Kiến Thụy, Đồ Sơn, Dương Kinh."
    )
    six = [
        "ubnd-h-cat-hai",
        "ubnd-h-thuy-nguyen",
        "ubnd-q-hai-an",
        "ubnd-h-kien-thuy",
        "ubnd-q-do-son",
        "ubnd-q-duong-kinh",
    ]
    for task_id in ("A12-T14.1", "A12-T14.2", "A12-T14.3"):
        assert agency_ids(links, task_id) == ["so-tai-chinh", "so-ldtbxh", *six]
        assert "ubnd-districts" not in agency_ids(links, task_id)
    raws = [r["raw"] for r in links["A12-T14.1"]][2:]
    assert raws == ["Cát Hải", "Thủy Nguyên", "Hải An", "Kiến Thụy", "Đồ Sơn", "Dương Kinh"]
    for agency in six:
        assert agencies[agency]["kind"] == "district-committee"
        assert "ubnd-districts" in agencies[agency]["member_of"].split(";")


# --------------------------------------------------------------------------- abbreviations, typos


def test_abbreviations_ubnd_and_pttth(doc, links):
    """Line 485 (appendix 02 task 3.1): "...; Đài PTTH Hải Phòng; UBND các quận, huyện; ..." --
    PTTH is Phát thanh Truyền hình (the city radio-TV station, spelled out on line 555), UBND is
    Ủy ban nhân dân."""
    assert "; Đài PTTH Hải Phòng; UBND các quận, huyện;" in doc(485)
    assert doc(555).startswith("Đài Phát thanh và Truyền hình Hải Phòng;")
    by_raw = {r["raw"]: r["agency_id"] for r in links["A02-T3.1"]}
    assert by_raw["Đài PTTH Hải Phòng"] == "dai-ptth"
    assert by_raw["UBND các quận, huyện"] == "ubnd-districts"
    assert agency_ids(links, "A02-T6.1")[0] == "dai-ptth"


def test_abbreviation_tp(doc, links):
    """Line 3551 (appendix 16 task 3.1): "Công an TP; Tòa án nhân dân TP; Viện Kiểm sát nhân dân
    TP; ..." -- TP is thành phố."""
    assert doc(3551).startswith("Công an TP; Tòa án nhân dân TP; Viện Kiểm sát nhân dân TP;")
    assert agency_ids(links, "A16-T3.1")[:3] == ["cong-an-tp", "toa-an-tp", "vks-tp"]
    assert agency_ids(links, "A02-T3.1")[5:7] == ["toa-an-tp", "vks-tp"]  # spelled out, 485


def test_abbreviation_vcci(doc, links, agencies):
    """VCCI is the Phòng Thương mại và Công nghiệp Việt Nam: "VCCI tại Hải Phòng" (1960, appendix
    09 task 9.1), "Văn phòng VCCI tại Hải Phòng" (2122, task 15.1) and spelled out (2459, appendix
    12 task 4.1; 3539 and 3611, appendix 16). Counting tasks that cell reaches: 9.1-9.2 (2),
    15.1-15.3 (3), appendix 12 4.1-4.6 (6), appendix 16 2.1 (1) and 5.1-5.2 (2) = 14."""
    assert "VCCI tại Hải Phòng" in doc(1960)
    assert "Văn phòng VCCI tại Hải Phòng" in doc(2122)
    for line in (2459, 3539, 3611):
        assert "Phòng Thương mại và Công nghiệp Việt Nam chi nhánh Hải Phòng" in doc(line)
    for task_id in ("A09-T9.1", "A09-T15.1", "A12-T4.1", "A16-T2.1", "A16-T5.1"):
        assert "vcci-hp" in agency_ids(links, task_id), task_id
    assert agencies["vcci-hp"]["mentions"] == "14"


def test_abbreviation_gdsk(doc, links):
    """Line 4534 (appendix 19 task 6.6): "Sở Thông tin và Truyền thông; Các đơn vị y tế; Trung
    tâm truyền thông GDSK." -- GDSK is giáo dục sức khỏe, spelled out on line 4300."""
    assert doc(4534) == (
        "Sở Thông tin và Truyền thông; Các đơn vị y tế; Trung tâm truyền thông GDSK."
    )
    assert "Trung tâm truyền thông - giáo dục sức khỏe" in doc(4300)
    assert agency_ids(links, "A19-T6.6")[-1] == "tt-truyen-thong-gdsk"
    assert "tt-truyen-thong-gdsk" in agency_ids(links, "A19-T2.1")


def test_typo_van_hoa_the_thao_in_lead_intro(doc, appendices):
    """Appendix 17's intro (3654) writes the lead "Sở Văn hóaThể thao" (no space, no "và");
    the heading (3651) and the list (273) say Sở Văn hóa và Thể thao."""
    assert doc(3654).startswith("Sở Văn hóaThể thao chủ trì thực hiện các mục tiêu: 3.3.b, 5.3,")
    assert doc(3651) == "CƠ QUAN CHỦ TRÌ THỰC HIỆN: SỞ VĂN HÓA VÀ THỂ THAO."
    assert appendices[17]["lead_agency_id"] == "so-vhtt"
    assert appendices[17]["lead_intro_raw"] == "Sở Văn hóaThể thao"
    assert appendices[17]["declared_targets"] == "3.3.b;5.3;11.4"


def test_typo_bo_chi_quan_su(doc, links, agencies):
    """Line 2697 (appendix 12 task 12.1) writes "Bộ Chỉ quân sự TP" for the city military command,
    spelled right on line 529 ("Bộ Chỉ huy quân sự thành phố", appendix 02 task 5.1). Cell 529
    reaches tasks 5.1-5.4 of appendix 02 (4), cell 2697 tasks 12.1-12.7 of appendix 12 (7): 11."""
    assert "; Bộ Chỉ quân sự TP; " in doc(2697)
    assert "; Bộ Chỉ huy quân sự thành phố; " in doc(529)
    assert "bchqs-tp" in agency_ids(links, "A12-T12.1")
    assert "bchqs-tp" in agency_ids(links, "A12-T12.7")
    assert "bchqs-tp" in agency_ids(links, "A02-T5.4")
    assert agencies["bchqs-tp"]["kind"] == "military"
    assert "Bộ Chỉ quân sự TP" in agencies["bchqs-tp"]["aliases"].split(";")
    assert agencies["bchqs-tp"]["mentions"] == "11"


def test_typo_tchuc(doc, links):
    """Line 2795 (appendix 12 task 15.1): "...; Các tổ chức chính trị - xã hội, tchức xã hội -
    nghề nghiệp; ..." -- "tchức" for "tổ chức"."""
    assert "Các tổ chức chính trị - xã hội, tchức xã hội - nghề nghiệp;" in doc(2795)
    by_raw = {r["raw"]: r["agency_id"] for r in links["A12-T15.1"]}
    assert by_raw["tchức xã hội - nghề nghiệp"] == "to-chuc-xh-nn"


@pytest.mark.parametrize(
    ("line", "task_id"), [(3115, "A14-T3.1"), (3175, "A14-T5.1"), (3539, "A16-T2.1")]
)
def test_typo_nong_thong(doc, links, line, task_id):
    """Lines 3115, 3175 (appendix 14) and 3539 (appendix 16) write "Nông nghiệp và Phát triển
    nông thông" for the agriculture department (nông thôn)."""
    assert "Nông nghiệp và Phát triển nông thông" in doc(line)
    by_raw = {r["raw"]: r["agency_id"] for r in links[task_id]}
    assert by_raw["Nông nghiệp và Phát triển nông thông"] == "so-nnptnt"


# --------------------------------------------------------------------------- vague and collective


def test_vague_units(doc, links, agencies):
    """Line 807 (appendix 04 task 1.1): "Các Sở, Ban, Ngành, đơn vị liên quan" names no agency in
    particular: unspecified departments and related units. Line 416 (appendix 01 task 4.1)
    "Các tổ chức thành viên của Mặt trận; Các cơ quan, tổ chức có liên quan."."""
    assert doc(807) == "Các Sở, Ban, Ngành, đơn vị liên quan"
    assert sorted(agency_ids(links, "A04-T1.1")) == ["vague-depts-sectors", "vague-related-units"]
    for agency in ("vague-depts-sectors", "vague-related-units", "vague-localities"):
        assert agencies[agency]["kind"] == "vague"
    assert doc(416) == "Các tổ chức thành viên của Mặt trận; Các cơ quan, tổ chức có liên quan."
    ids = agency_ids(links, "A01-T4.1")
    assert len(ids) == 2
    assert agencies[ids[1]]["kind"] == "vague"


def test_collective_units(doc, links, agencies):
    """Line 555 (appendix 02 task 6.1) ends "UBND các quận, huyện; UBND cấp xã." -- all district
    committees and all commune committees; line 449 "Các tổ chức chính trị - xã hội" -- the
    socio-political organisations as a group."""
    assert doc(555).endswith("Sở Tư pháp; UBND các quận, huyện; UBND cấp xã.")
    assert agency_ids(links, "A02-T6.1")[-2:] == ["ubnd-districts", "ubnd-communes"]
    assert agencies["ubnd-districts"]["kind"] == "district-collective"
    assert agencies["ubnd-communes"]["kind"] == "commune-collective"
    assert agencies["to-chuc-ct-xh"]["kind"] == "collective"
    assert agencies["to-chuc-xh-nn"]["kind"] == "collective"


def test_fatherland_front_and_its_members(doc, links):
    """Line 3611 (appendix 16 task 5.1): "...; Mặt trận Tổ quốc Việt Nam TP và các tổ chức thành
    viên; ..." names the Front and its member organisations."""
    assert "; Mặt trận Tổ quốc Việt Nam TP và các tổ chức thành viên; " in doc(3611)
    ids = agency_ids(links, "A16-T5.1")
    assert "mttq-tp" in ids and "mttq-members" in ids


def test_tasks_with_no_partner_at_all(doc, task_rows, links):
    """Six tasks have no partner cell and no merged cell above them in their section: appendix
    18 2.1 (3895; 3899 is an empty cell, after "Mục tiêu 6.2:" 3893) and 8.1 (4137; 4141 empty,
    after "Mục tiêu 11.9:" 4135); appendix 19 5.1, 5.2 (4446, 4456) and 6.1, 6.2 (4498, 4506)."""
    assert (doc(3895), doc(3899), doc(3901)) == ("2.1", "", "2017-2020")
    assert (doc(4137), doc(4141), doc(4143)) == ("8.1", "", "2017-2020")
    none = sorted(r["task_id"] for r in task_rows if not links[r["task_id"]])
    assert none == ["A18-T2.1", "A18-T8.1", "A19-T5.1", "A19-T5.2", "A19-T6.1", "A19-T6.2"]
    for task_id in none:
        row = next(r for r in task_rows if r["task_id"] == task_id)
        assert row["partner_source_line"] == "" and row["partner_raw"] == ""


# --------------------------------------------------------------------------- identical texts


def test_identical_task_texts_are_separate_tasks(doc, tasks, irregularities):
    """The same sentence is printed as two tasks three times: appendix 09 3.2 (1736) and 4.7
    (1796); appendix 09 16.1 (2150) and 16.6 (2184); appendix 12 6.3 (2529) and appendix 18 1.3
    (3875). Appendix 19 7.1 (4542) and 11.2 (4708) differ only in "2011 - 2020." vs
    "2011 -2020"."""
    pairs = [
        ((1736, "A09-T3.2"), (1796, "A09-T4.7")),
        ((2150, "A09-T16.1"), (2184, "A09-T16.6")),
        ((2529, "A12-T6.3"), (3875, "A18-T1.3")),
    ]
    for (line_a, task_a), (line_b, task_b) in pairs:
        assert doc(line_a) == doc(line_b)
        assert tasks[task_a]["text_vi"] == doc(line_a)
        assert tasks[task_b]["text_vi"] == doc(line_b)
    assert doc(2529) == "Nghiên cứu, chuyển giao công nghệ xử lý nước sạch, nước mặn."
    assert doc(4542).endswith("giai đoạn 2011 - 2020.")
    assert doc(4708).endswith("giai đoạn 2011 -2020")
    assert tasks["A19-T7.1"]["text_vi"] != tasks["A19-T11.2"]["text_vi"]
    flagged = [r["message"] for r in irregularities if r["kind"] == "identical-task-text"]
    for (_, task_a), (_, task_b) in pairs:
        assert any(task_a in m and task_b in m for m in flagged), (task_a, task_b)


# --------------------------------------------------------------------------- task rows


def test_task_row_lines_and_text(doc, tasks):
    """Appendix 01 task 1.1: number on line 326, text on 328 ("Tăng cường sự phối hợp chặt chẽ
    ..."), partner cell 330, period 332/334 ("2017-2020", "2021-2030")."""
    row = tasks["A01-T1.1"]
    assert (row["source_line"], row["text_lines"]) == ("326", "328")
    assert row["text_vi"] == doc(328)
    assert row["text_vi"].startswith("Tăng cường sự phối hợp chặt chẽ giữa các Sở, ngành")
    assert (row["partner_source_line"], row["period_source_line"]) == ("330", "332")
    assert row["periods"] == "2017-2020;2021-2030"
    assert row["period_kinds"] == "years"


# TT numbers counted by hand, appendix by appendix: every line holding only a dotted number
# (1.1, 2.10, 1.1.2.1, ...) between "PHỤ LỤC nn" and the next appendix, minus the three
# numbered sub-target headings of appendix 06 (1.1, 1.2, 1.3, lines 1154, 1194, 1214).
TASKS_PER_APPENDIX = {
    1: 9,  # 1.1-1.3, 2.1-2.2, 3.1-3.3, 4.1 (lines 326-412)
    2: 16,  # 2 + 2 + 3 + 4 + 4 + 1 (lines 445-551)
    3: 20,  # 2 + 4 + 2 + 3 + 1 + 4 + 1 + 2 + 1 (lines 584-770)
    4: 7,  # 1.1-1.7 (lines 803-861)
    5: 31,  # 6 + 5 + 2 + 2 + 3 + 5 + 5 + 2 + 1 (lines 889-1122)
    6: 36,  # 39 dotted numbers (1160-1412) minus headings 1.1, 1.2, 1.3
    7: 14,  # 1.1-1.12, 2.1, 3.1 (lines 1439-1541)
    8: 10,  # 2 + 2 + 2 + 2 + 2 (lines 1574-1658)
    9: 66,  # 2+1+3+9+2+3+9+3+2+4+4+5+4+2+3+10 (lines 1686-2202)
    10: 10,  # 1.1-1.10 (lines 2231-2279)
    11: 9,  # 1.1-1.3, 2.1-2.6 (lines 2306-2360)
    12: 93,  # 2+2+4+6+4+5+6+5+3+3+7+7+7+3+7+5+11+5+1 (lines 2387-2959)
    13: 3,  # 1.1, 2.1, 2.2 (lines 3000-3032)
    14: 45,  # 3+2+4+4+5+2+4+6+7+6+2 (lines 3063-3387)
    15: 9,  # 4 + 2 + 3 (lines 3414-3478)
    16: 11,  # 1 + 1 + 4 + 1 + 2 + 1 + 1 (lines 3515-3639)
    17: 24,  # 5 + 8 + 11 (lines 3678-3824)
    18: 46,  # 4+3+11+7+4+4+4+3+5+1 (lines 3859-4213)
    19: 73,  # 7+9+6+10+8+6+7+7+4+4+5 (lines 4254-4720)
    20: 5,  # 1.1-1.5 (lines 4755-4779)
}


@pytest.mark.parametrize(("appendix", "count"), sorted(TASKS_PER_APPENDIX.items()))
def test_task_count_per_appendix(appendices, task_rows, appendix, count):
    """Tasks per appendix, counted by hand from the TT column (see TASKS_PER_APPENDIX)."""
    assert sum(1 for r in task_rows if r["appendix"] == str(appendix)) == count
    assert appendices[appendix]["tasks"] == str(count)


def test_total_task_count(doc, task_rows):
    """Counting: in each appendix table (from "PHỤ LỤC 01" at line 297 to the last row of
    appendix 20 at 4781) every TT cell is a line holding only a dotted number; plain integers
    (314 "1", ...) are group rows and bare years (825 "2019", 833 "2020", 3704 "2017", 3706
    "2021") are period cells. That gives 540 dotted numbers; three of them are the numbered
    sub-target headings of appendix 06 (1154 "1.1", 1194 "1.2", 1214 "1.3"), so 537 tasks --
    the sum of TASKS_PER_APPENDIX. The footer's "1.809" (4839) is a page counter, not a TT."""
    dotted = [n for n in range(297, 4782) if re.fullmatch(r"\d+(\.\d+)+", doc(n))]
    assert len(dotted) == 540
    assert [doc(n) for n in (1154, 1194, 1214)] == ["1.1", "1.2", "1.3"]
    assert doc(4839) == "1.809"
    assert sum(TASKS_PER_APPENDIX.values()) == 537
    assert len(task_rows) == 537
    assert len({r["task_id"] for r in task_rows}) == 537
    lines = sorted(int(r["source_line"]) for r in task_rows)
    assert set(lines) == set(dotted) - {1154, 1194, 1214}


# --------------------------------------------------------------------------- site furniture

# Lines 1-13 and 4785-4843 are the web site's header and footer, not the decision.
SITE_LINES = [
    1,
    3,
    5,
    7,
    9,
    10,
    11,
    12,
    13,
    4785,
    4787,
    4790,
    4791,
    4794,
    4827,
    4839,
    4841,
    4842,
    4843,
]


def test_site_header_and_footer_are_not_in_any_table(doc, out, task_rows):
    """Header: "Từ khoá: Số Hiệu, ..." (1), "Đăng nhập" (3), "Đang tải văn bản..." (5), the page
    title (7) and the site's summary (9-13, "Số hiệu: 2894/QĐ-UBND Loại văn bản: Quyết định" ...).
    Footer: "Văn bản này chưa cập nhật nội dung Tiếng Anh" (4785), login nags (4787-4836), a view
    counter "1.809" (4839), "DMCA.com Protection Status" (4841), "IP: 3.129.45.187" (4842),
    "Hãy để chúng tôi hỗ trợ bạn!" (4843). None of it is document content."""
    assert doc(3) == "Đăng nhập"
    assert doc(4841) == "DMCA.com Protection Status"
    assert doc(4842) == "IP: 3.129.45.187"
    assert doc(4843) == "Hãy để chúng tôi hỗ trợ bạn!"
    for name in (
        "tasks.csv",
        "task_partners.csv",
        "agencies.csv",
        "targets.csv",
        "appendices.csv",
        "headings.csv",
        "irregularities.csv",
        "plan.json",
    ):
        text = (out / name).read_text(encoding="utf-8").replace(NBSP, " ")
        for n in SITE_LINES:
            site = doc(n)
            if len(site) >= 5:
                assert site not in text, (name, n, site)
    assert all(int(r["source_line"]) < 4785 for r in task_rows)
    assert not any(r["task_no"] == "1.809" for r in task_rows)


def test_group_rows_and_subtarget_lines_counted(doc, headings):
    """The appendix tables hold 169 lines starting "Mục tiêu": 126 group rows (each preceded by
    a plain group number, e.g. 314 "1") and 43 sub-target lines, three of which sit on the
    numbered rows 1.1-1.3 of appendix 06."""
    labels = [n for n in range(297, 4782) if re.match(r"Mục\s*tiêu\b", doc(n))]
    assert len(labels) == 169
    groups = [n for n in labels if re.fullmatch(r"\d+", doc(n - 2))]
    assert len(groups) == 126
    kinds = Counter(h["kind"] for h in headings)
    assert kinds == {"group": 126, "subtarget": 40, "numbered-subtarget": 3}
    assert sorted(int(h["source_line"]) for h in headings) == labels
