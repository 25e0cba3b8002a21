"""``sdgkg names``: the list a maintainer works through to add a province's names.

Run as a user runs it, as a process. The names expected are those the held-out Cần Thơ plan
prints (``tests/heldout_provinces/README.md`` lists them: four typos on purpose, four bodies no
type covers)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

HELDOUT = Path(__file__).parents[1] / "heldout_provinces"


def names(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_graph.cli", "names", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_bundled_plan_has_no_name_left_to_curate() -> None:
    result = names()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Every name resolved exactly."


def test_another_provinces_plan_lists_its_unknown_names_with_their_place() -> None:
    result = names("--format", "csv", str(HELDOUT / "can-tho-onetable.docx"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["province"] for row in rows} == {"Cần Thơ"}
    unresolved = {row["raw"] for row in rows if row["how"] == "unresolved"}
    assert unresolved == {
        "Phòng Thương mại và Công nghiệp Việt Nam chi nhánh Cần Thơ",
        "Trường Đại học Cần Thơ",
        "Viện Lúa đồng bằng sông Cửu Long",
        "Câu lạc bộ Đờn ca tài tử thành phố",
    }
    fuzzy = {row["raw"]: row["agency_id"] for row in rows if row["how"] == "fuzzy"}
    assert fuzzy["Sở Giao thông vận tài"] == "so-gtvt"
    assert fuzzy["Sở Lao đông - Thương binh và Xã hội"] == "so-ldtbxh"
    assert all(row["where"].startswith("table ") for row in rows)
    university = next(row for row in rows if row["raw"] == "Trường Đại học Cần Thơ")
    assert university["nearest"] == "Các trường đại học (truong-dh)"


def test_a_missing_file_is_a_one_line_error() -> None:
    result = names("/no/such/plan.docx")
    assert result.returncode != 0
    assert result.stderr.strip() == "sdgkg: error: /no/such/plan.docx: no such file"
    assert result.stdout == ""
