"""The gazetteer: the register's provinces and district-level units, and how a plan's issuer
or place line finds its province.

The expected counts are the General Statistics Office register of 2020-02-25 as published
(danhmuchanhchinh.gso.gov.vn), not the reader's output: Quảng Ninh 4 cities, 2 towns and 7
rural districts after Hoành Bồ joined Hạ Long (Resolution 837/NQ-UBTVQH14, 2019); Cần Thơ 5
urban and 4 rural districts; Hải Phòng 7 and 8; Hà Nội 12 quận, 17 huyện and Sơn Tây."""

from __future__ import annotations

from collections import Counter

import pytest

from build_graph.model.gazetteer import find_province, fold, new_tones, provinces


def test_the_register_has_sixty_three_provinces_five_of_them_cities() -> None:
    known = provinces()
    assert len(known) == 63
    cities = sorted(p.name for p in known.values() if p.city)
    assert cities == ["Cần Thơ", "Hà Nội", "Hải Phòng", "Hồ Chí Minh", "Đà Nẵng"]


@pytest.mark.parametrize(
    ("place", "units"),
    [
        ("Quảng Ninh", {"thành phố": 4, "thị xã": 2, "huyện": 7}),
        ("Cần Thơ", {"quận": 5, "huyện": 4}),
        ("Hải Phòng", {"quận": 7, "huyện": 8}),
        ("Hà Nội", {"quận": 12, "huyện": 17, "thị xã": 1}),
    ],
)
def test_district_units_as_the_register_has_them(place: str, units: dict[str, int]) -> None:
    province = find_province(place)
    assert province is not None
    assert Counter(d.unit for d in province.districts) == units


def test_hoanh_bo_is_gone_and_tien_yen_is_quang_ninhs() -> None:
    quang_ninh = find_province("Quảng Ninh")
    hai_phong = find_province("Hải Phòng")
    assert quang_ninh and hai_phong
    names = {d.name for d in quang_ninh.districts}
    assert "Tiên Yên" in names and "Hoành Bồ" not in names
    assert "Tiên Lãng" in {d.name for d in hai_phong.districts}
    assert "Tiên Lãng" not in names


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", "Quảng Ninh"),
        ("UBND THÀNH PHỐ CẦN THƠ", "Cần Thơ"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("TP Hồ Chí Minh", "Hồ Chí Minh"),
        ("Hoà Bình", "Hòa Bình"),  # old tone placement
    ],
)
def test_an_issuer_or_place_line_finds_its_province(written: str, name: str) -> None:
    province = find_province(written)
    assert province is not None and province.name == name


def test_a_name_that_is_no_province_finds_none() -> None:
    assert find_province("Hải Phòng Quảng Ninh") is None
    assert find_province("ỦY BAN NHÂN DÂN") is None


def test_tones_and_folding() -> None:
    assert new_tones("Thuỷ Nguyên") == "Thủy Nguyên"
    assert new_tones("Hoà Bình") == "Hòa Bình"
    assert fold("Bà Rịa – Vũng Tàu") == "ba ria vung tau"
