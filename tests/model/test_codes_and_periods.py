"""Target codes written loosely, and period cells, as the document prints them."""

from __future__ import annotations

import pytest

from build_graph.model.codes import parse_code, sort_key
from build_graph.model.periods import Period, is_period_line, parse_period_lines, raw_period_repeats
from build_graph.read.text_table import is_row_number, parse_target_line


@pytest.mark.parametrize(
    ("raw", "code", "level", "parent"),
    [
        ("12.2a", "12.2.a", "subtarget", "12.2"),
        ("3.5.b.:", "3.5.b", "subtarget", "3.5"),
        ("6.3.b.", "6.3.b", "subtarget", "6.3"),
        ("16.2.a.", "16.2.a", "subtarget", "16.2"),
        ("2.1a:", "2.1.a", "subtarget", "2.1"),
        ("2:", "2", "goal", None),
        ("11.10", "11.10", "target", "11"),
        ("16.8", "16.8", "target", "16"),
    ],
)
def test_codes_are_normalised_and_raw_kept(raw, code, level, parent):
    parsed = parse_code(raw)
    assert parsed is not None
    assert (parsed.code, parsed.level, parsed.parent, parsed.raw) == (code, level, parent, raw)


@pytest.mark.parametrize("raw", ["", "18.1", "0.3", "a.1", "3.a", "1.2.3", "2017"])
def test_non_codes_are_refused(raw):
    assert parse_code(raw) is None


def test_codes_sort_as_a_reader_expects():
    codes = ["11.10", "2", "11.2", "2.1.a", "2.1", "16.2.b", "16.2"]
    assert sorted(codes, key=sort_key) == ["2", "2.1", "2.1.a", "11.2", "11.10", "16.2", "16.2.b"]


@pytest.mark.parametrize(
    ("line", "code", "raw", "text"),
    [
        ("Mục tiêu 3.5.b.:", "3.5.b", "3.5.b.:", ""),
        ("Mục tiêu 12.2:Đến năm 2030, đạt được", "12.2", "12.2:", "Đến năm 2030, đạt được"),
        ("Mục tiêu 2: Xóa đói", "2", "2:", "Xóa đói"),
        ("Mục tiêu 16.2.b: Phòng ngừa", "16.2.b", "16.2.b:", "Phòng ngừa"),
        ("Mục tiêu 6.3.b.", "6.3.b", "6.3.b.", ""),
    ],
)
def test_target_lines(line, code, raw, text):
    parsed = parse_target_line(line)
    assert parsed is not None
    assert (parsed[0].code, parsed[0].raw, parsed[1]) == (code, raw, text)


def test_a_sentence_starting_with_a_letter_after_the_code_is_not_a_subtarget():
    parsed = parse_target_line("Mục tiêu 3.3: abc")
    assert parsed is not None and parsed[0].code == "3.3"


@pytest.mark.parametrize(
    "line",
    [
        "2017-2020",
        "2017- 2020 và",
        "2021 – 2030",
        "và 2021-2030",
        "2019",
        "và",
        "Hàng năm",
        "Theo kế hoạch hàng năm",
        "Theo lộ trình của quy hoạch",
        "Theo tiến độ từng dự án cụ thể.",
    ],
)
def test_period_lines(line):
    assert is_period_line(line)
    assert not is_row_number(line)


@pytest.mark.parametrize("line", ["1", "1.1", "2.2.4.1", "16.10"])
def test_row_numbers_are_not_periods(line):
    assert is_row_number(line)
    assert not is_period_line(line)


def test_period_cell_spanning_lines():
    assert parse_period_lines(["2017 - 2020", "và", "2021- 2030"]) == [
        Period("years", 2017, 2020),
        Period("years", 2021, 2030),
    ]


def test_bare_years_are_single_year_periods():
    periods = parse_period_lines(["2017", "2021"])
    assert [p.label for p in periods] == ["2017", "2021"]


def test_named_periods():
    assert [p.kind for p in parse_period_lines(["Hàng năm"])] == ["annual"]
    assert [p.kind for p in parse_period_lines(["Theo lộ trình của quy hoạch"])] == ["plan-roadmap"]


def test_doubled_period_cell_is_detected_and_deduplicated():
    lines = ["2017 - 2020 và", "2021 – 2030", "2017 - 2020 và", "2021 - 2030"]
    assert raw_period_repeats(lines)
    assert [p.label for p in parse_period_lines(lines)] == ["2017-2020", "2021-2030"]
    assert not raw_period_repeats(["2017-2020", "2021-2030"])
