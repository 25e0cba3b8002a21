"""Partner cells of plans of other provinces: each is read against its own province's registry
(national agency types filled with its name, its districts from the gazetteer), never against
Hải Phòng's.

The cells are written for these tests in the forms provincial plans use (the held-out plans of
``tests/heldout_provinces/`` carry them inside whole documents); the districts named are those
of the GSO register (``data/gazetteer/districts.csv``) at the registry's date (the changes in
``data/gazetteer/changes.csv``)."""

from __future__ import annotations

import pytest

from build_graph.model.agencies import Registry
from build_graph.read.partners import Resolver


@pytest.fixture(scope="module")
def quang_ninh() -> Resolver:
    return Resolver(Registry.load(place="Quảng Ninh", year=2017))


@pytest.fixture(scope="module")
def can_tho() -> Resolver:
    return Resolver(Registry.load(place="Cần Thơ", year=2017))


def read(resolver: Resolver, cell: str) -> list[tuple[str, str]]:
    return [(m.agency_id, m.how) for m in resolver.resolve_cell(cell).mentions]


def test_a_province_names_its_bodies_tinh_and_a_city_thanh_pho(quang_ninh, can_tho) -> None:
    assert read(quang_ninh, "Công an tỉnh") == [("cong-an-tp", "alias")]
    assert read(can_tho, "Công an thành phố") == [("cong-an-tp", "alias")]
    # In a province "Công an thành phố" is a city's police (Hạ Long's), not the province's.
    assert read(quang_ninh, "Công an thành phố")[0][1] == "unresolved"
    assert read(quang_ninh, "Tỉnh Đoàn") == [("doan-tn-tp", "alias")]
    assert read(can_tho, "Thành Đoàn") == [("doan-tn-tp", "alias")]
    assert read(quang_ninh, "Thành Đoàn")[0][1] == "unresolved"


def test_a_province_abbreviates_its_own_name(quang_ninh) -> None:
    assert read(quang_ninh, "Đài PTTH QN") == [("dai-ptth", "alias")]
    assert read(quang_ninh, "Báo Quảng Ninh") == [("bao-tinh", "alias")]
    assert read(quang_ninh, "Báo Hải Phòng")[0][1] == "unresolved"


def test_a_district_name_is_only_ever_its_own_provinces(quang_ninh, registry) -> None:
    hai_phong = Resolver(registry)
    # Tiên Lãng is Hải Phòng's, Tiên Yên Quảng Ninh's: close spellings, never matched across.
    assert read(quang_ninh, "UBND huyện Tiên Yên") == [("ubnd-h-tien-yen", "alias")]
    assert read(quang_ninh, "UBND huyện Tiên Lãng")[0][1] == "unresolved"
    assert read(hai_phong, "UBND huyện Tiên Yên")[0][1] == "unresolved"
    assert read(hai_phong, "UBND huyện Tiên Lãng") == [("ubnd-h-tien-lang", "alias")]


def test_hai_phongs_own_bodies_are_not_another_provinces(quang_ninh, can_tho) -> None:
    assert read(quang_ninh, "Đài Khí tượng thủy văn Đông Bắc")[0][1] == "unresolved"
    # Hải Phòng had a Department of Tourism beside Culture and Sport; Cần Thơ one department.
    assert read(can_tho, "Sở Văn hóa, Thể thao và Du lịch") == [("so-vhttdl", "alias")]
    for resolver in (quang_ninh, can_tho):
        for agency in resolver.registry.agencies.values():
            assert "Hải Phòng" not in agency.name_vi + agency.name_en, agency.agency_id


def test_the_district_collective_has_the_provinces_districts_as_members(
    quang_ninh, can_tho
) -> None:
    assert read(quang_ninh, "UBND các huyện, thị xã, thành phố") == [("ubnd-districts", "alias")]
    assert read(can_tho, "UBND các quận, huyện") == [("ubnd-districts", "alias")]
    # Quảng Ninh in 2017: 14 units (Hoành Bồ joined Hạ Long on 2020-01-01, Resolution
    # 837/NQ-UBTVQH14; 13 since); Cần Thơ 9 throughout.
    for resolver, count in ((quang_ninh, 14), (can_tho, 9)):
        members = [
            a for a in resolver.registry.agencies.values() if "ubnd-districts" in a.member_of
        ]
        assert len(members) == count


def test_a_district_list_after_one_committee_names_each_district(quang_ninh, can_tho) -> None:
    reading = quang_ninh.resolve_cell("UBND huyện Cô Tô, Đầm Hà, Hải Hà, Tiên Yên.")
    assert [m.agency_id for m in reading.mentions] == [
        "ubnd-h-co-to",
        "ubnd-h-dam-ha",
        "ubnd-h-hai-ha",
        "ubnd-h-tien-yen",
    ]
    assert [m.how for m in reading.mentions] == ["alias"] + ["list-expansion"] * 3
    assert len(reading.notes) == 3 and "district list continued" in reading.notes[0]
    # another unit word after the first: "UBND thành phố Hạ Long, thị xã Quảng Yên"
    assert [i for i, _ in read(quang_ninh, "UBND thành phố Hạ Long, thị xã Quảng Yên")] == [
        "ubnd-tp-ha-long",
        "ubnd-tx-quang-yen",
    ]
    # the register spells it "Bình Thuỷ": old and new tones are one name
    assert [i for i, _ in read(can_tho, "UBND quận Bình Thủy, Cái Răng")] == [
        "ubnd-q-binh-thuy",
        "ubnd-q-cai-rang",
    ]


def test_a_name_after_a_committee_that_is_no_district_stays_unresolved(quang_ninh) -> None:
    assert read(quang_ninh, "UBND huyện Tiên Yên, Tiên Lãng") == [
        ("ubnd-h-tien-yen", "alias"),
        ("unresolved-tien-lang", "unresolved"),
    ]


def test_a_plural_head_without_its_colon(quang_ninh) -> None:
    reading = quang_ninh.resolve_cell("UBND các huyện Bình Liêu, Hải Hà")
    assert [m.agency_id for m in reading.mentions] == ["ubnd-h-binh-lieu", "ubnd-h-hai-ha"]
    assert reading.notes == [
        "district list read without its ':': 'UBND các huyện Bình Liêu, Hải Hà'"
    ]
    # not a list: the collective with a qualifier stays the collective
    assert read(quang_ninh, "UBND các huyện, thị xã có liên quan") == [("ubnd-districts", "alias")]


def test_collectives_name_the_district_units_a_province_has(quang_ninh, can_tho) -> None:
    # A plan lists the unit words its province has, in its own order ("{dv}" in the types).
    assert read(quang_ninh, "Trung tâm y tế huyện, thành phố") == [("ttyt-districts", "alias")]
    assert read(quang_ninh, "Công an các huyện, thị xã, thành phố") == [
        ("cong-an-districts", "alias")
    ]
    assert read(can_tho, "Bệnh viện tuyến quận, huyện") == [("bv-districts", "alias")]
    assert [
        i for i, _ in read(quang_ninh, "Các Sở, Ngành liên quan và UBND các huyện, thành phố")
    ] == [
        "vague-depts-sectors",
        "ubnd-districts",
    ]


def test_an_abbreviation_is_never_read_as_a_close_spelling_of_another(quang_ninh) -> None:
    # "Sở NN&MT" (2025) is one letter from "Sở TN&MT" (2017): different bodies, not a typo.
    assert read(quang_ninh, "Sở NN&MT") == [("unresolved-so-nn-mt", "unresolved")]
    # a typo in words is still read by its close spelling
    assert read(quang_ninh, "Sở Tài nguyên và Môi trưởng") == [("so-tnmt", "fuzzy")]


@pytest.mark.parametrize(
    "cell",
    [
        "UBND các huyện, thị xã, thành phố trong tỉnh",
        "UBND các huyện, thị xã, thành phố trên địa bàn tỉnh",
        "UBND các huyện, thị xã và thành phố",
        "UBND các huyện, TX, TP",
        "UBND các huyện, TP, thị xã",
        "Ủy ban nhân dân các huyện, thị xã, thành phố có liên quan",
    ],
)
def test_a_collective_is_one_agent_however_it_is_worded(quang_ninh, cell) -> None:
    """Regression: a qualifier ("trong tỉnh"), "và" for the last comma or the abbreviations TX
    and TP split the collective at its commas, into the rural districts' collective and
    unresolved agents named "thành phố trong tỉnh", "TX", "TP"."""
    assert read(quang_ninh, cell) == [("ubnd-districts", "alias")]


def test_a_collective_and_what_follows_it(quang_ninh, can_tho) -> None:
    assert read(quang_ninh, "UBND các huyện, thị xã, thành phố và các đơn vị liên quan") == [
        ("ubnd-districts", "alias"),
        ("vague-related-units", "alias"),
    ]
    assert read(quang_ninh, "UBND các xã, phường, thị trấn trong tỉnh") == [
        ("ubnd-communes", "alias")
    ]
    assert read(can_tho, "UBND các quận, huyện trên địa bàn thành phố") == [
        ("ubnd-districts", "alias")
    ]


def test_another_city_is_no_close_spelling_of_the_issuing_citys_bodies(registry) -> None:
    """Regression: in Hải Phòng's plan (a city's), "UBND TP Vinh" was read by close spelling
    as Hải Phòng's own People's Committee, and "Công an TP Huế" as Hải Phòng's police: another
    province's bodies matched into this one. Whole words that name something are no typo; a
    changed letter still is."""
    hai_phong = Resolver(registry)
    assert read(hai_phong, "UBND TP Vinh") == [("unresolved-ubnd-tp-vinh", "unresolved")]
    assert read(hai_phong, "Công an TP Huế") == [("unresolved-cong-an-tp-hue", "unresolved")]
    assert read(hai_phong, "UBND TP") == [("ubnd-tp", "alias")]
    assert read(hai_phong, "Sở Tài chinh") == [("so-tai-chinh", "fuzzy")]


def test_common_short_forms_of_a_provinces_bodies() -> None:
    """Forms an independent reader found unresolved in a Nghệ An plan: court and procuracy
    initials, "TP." with its full stop, the Youth Union and the statistics office with the
    province's name, the Labour department's "TB&XH"."""
    nghe_an = Resolver(Registry.load(place="Nghệ An", year=2017))
    expected = {
        "TAND tỉnh": "toa-an-tp",
        "Viện KSND tỉnh": "vks-tp",
        "VKSND tỉnh": "vks-tp",
        "UBND TP. Vinh": "ubnd-tp-vinh",
        "Tỉnh Đoàn Nghệ An": "doan-tn-tp",
        "Cục Thống kê Nghệ An": "cuc-thong-ke-tp",
        "Sở Lao động - TB&XH": "so-ldtbxh",
    }
    for cell, agency in expected.items():
        assert read(nghe_an, cell) == [(agency, "alias")], cell
