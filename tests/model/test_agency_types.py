"""The agency types of 2017 and of 2025: which exist in a year's registry, what each ended type
became, and that a 2025 name is read only in a 2025 registry.

The facts checked here, and where they were read, are tabled in data/agency-types.README.md.
Quảng Ninh (a province) and Cần Thơ (a centrally-run city) are the registries checked: neither
has a supplement file, so what they hold is the national types alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from build_graph.model.agencies import AgencyTypes, Registry
from build_graph.read.partners import Resolver

PLACES = ("Quảng Ninh", "Cần Thơ")

# The departments every province had in 2017 and the special ones some had (Decree
# 24/2014/NĐ-CP as amended by Decree 107/2020/NĐ-CP, listed on the page cited in the README).
DEPARTMENTS_2017 = {
    "so-noi-vu",
    "so-tu-phap",
    "so-khdt",
    "so-tai-chinh",
    "so-cong-thuong",
    "so-nnptnt",
    "so-gtvt",
    "so-xay-dung",
    "so-tnmt",
    "so-tttt",
    "so-ldtbxh",
    "so-vhttdl",
    "so-khcn",
    "so-gddt",
    "so-y-te",
    "thanh-tra-tp",
    "van-phong-ubnd",
}
SPECIAL_2017 = {"so-ngoai-vu", "ban-dan-toc", "so-qhkt", "so-du-lich", "so-vhtt"}
# Decree 45/2025/NĐ-CP (28 February 2025), Art. 8: the twelve every province has; Art. 9: the
# special ones (Ngoại vụ, Dân tộc và Tôn giáo, Du lịch; Quy hoạch - Kiến trúc in Hà Nội and
# Hồ Chí Minh City).
DEPARTMENTS_2025 = {
    "so-noi-vu",
    "so-tu-phap",
    "so-tai-chinh",
    "so-cong-thuong",
    "so-nn-mt",
    "so-xay-dung",
    "so-khcn",
    "so-vhttdl",
    "so-gddt",
    "so-y-te",
    "thanh-tra-tp",
    "van-phong-ubnd",
}
SPECIAL_2025 = {"so-ngoai-vu", "so-dt-tg", "so-du-lich", "so-qhkt"}
ENDED_IN_2025 = {
    "so-khdt",
    "so-nnptnt",
    "so-gtvt",
    "so-tnmt",
    "so-tttt",
    "so-ldtbxh",
    "ban-dan-toc",
}


# Decree 45/2025/NĐ-CP's departments, and most of the regional units, from 1 March 2025; the
# provincial tax and social-insurance offices and the regional courts from 1 July 2025.
MARCH_2025 = date(2025, 3, 1)
JULY_2025 = date(2025, 7, 1)
BEFORE_MARCH = MARCH_2025 - timedelta(days=1)


def _ids(place: str, year: date | int) -> set[str]:
    return set(Registry.load(place=place, year=year).agencies)


def _resolved(place: str, year: date | int, text: str) -> list[tuple[str, str]]:
    reading = Resolver(Registry.load(place=place, year=year)).resolve_cell(text)
    return [(m.agency_id, m.how) for m in reading.mentions]


@pytest.mark.parametrize("place", PLACES)
def test_the_2017_registry_has_the_2017_departments_and_none_of_2025(place):
    """Decree 24/2014/NĐ-CP as amended by Decree 107/2020/NĐ-CP: the 17 departments every
    province had before 2025 are in a 2017 registry; the departments Decree 45/2025/NĐ-CP
    created (Nông nghiệp và Môi trường, Dân tộc và Tôn giáo) are not."""
    ids = _ids(place, 2017)
    assert ids >= DEPARTMENTS_2017 | SPECIAL_2017
    assert not {"so-nn-mt", "so-dt-tg"} & ids


@pytest.mark.parametrize("place", PLACES)
def test_the_2025_registry_has_the_departments_of_decree_45_and_not_those_it_ended(place):
    """Decree 45/2025/NĐ-CP of 28 February 2025, Art. 8 and 9 (effective 1 March 2025): the 12
    departments every province has and the special ones are in a 2025 registry; Kế hoạch và
    Đầu tư, Nông nghiệp và PTNT, Giao thông Vận tải, Tài nguyên và Môi trường, Thông tin và
    Truyền thông, Lao động - Thương binh và Xã hội and the Ethnic Minorities Committee, which
    the decree no longer lists, are not."""
    ids = _ids(place, MARCH_2025)
    assert ids >= DEPARTMENTS_2025 | SPECIAL_2025
    assert not ENDED_IN_2025 & ids
    assert _ids(place, BEFORE_MARCH) >= ENDED_IN_2025
    assert _ids(place, JULY_2025) >= DEPARTMENTS_2025


def test_each_ended_department_names_what_the_2025_sources_say_it_became():
    """Read by hand from the provinces' 2025 resolutions and reports (README table): Kế hoạch
    và Đầu tư went into Tài chính; Giao thông Vận tải into Xây dựng; Tài nguyên và Môi trường
    and Nông nghiệp và PTNT became Nông nghiệp và Môi trường; Thông tin và Truyền thông went
    into Khoa học và Công nghệ, its press and publishing to the culture department
    (Circular 10/2025/TT-BVHTTDL); Lao động - Thương binh và Xã hội into Nội vụ, with social
    protection and children to Y tế, vocational education to Giáo dục và Đào tạo, poverty
    reduction to Nông nghiệp và Môi trường and drug rehabilitation to the provincial police;
    the Ethnic Minorities Committee became Sở Dân tộc và Tôn giáo."""
    types = AgencyTypes.load().types
    successors = {t: set(types[t].successors) for t in ENDED_IN_2025}
    assert successors == {
        "so-khdt": {"so-tai-chinh"},
        "so-gtvt": {"so-xay-dung"},
        "so-tnmt": {"so-nn-mt"},
        "so-nnptnt": {"so-nn-mt"},
        "so-tttt": {"so-khcn", "so-vhttdl", "so-vhtt"},
        "so-ldtbxh": {"so-noi-vu", "so-y-te", "so-gddt", "so-nn-mt", "cong-an-tp"},
        "ban-dan-toc": {"so-dt-tg"},
    }
    assert all(types[t].until == "2025-03-01" for t in ENDED_IN_2025)


def test_every_ended_type_names_its_successors():
    """Every type with an end day names at least one successor (W3C ORG change events need
    a resulting organisation; issue 23), save the district committees, which the July 2025
    reform abolished with the district level (Resolution 203/2025/QH15; where their tasks went
    is not verified: data/changes/README.md); every type that names successors has ended."""
    types = AgencyTypes.load().types.values()
    for agency_type in types:
        if agency_type.successors:
            assert agency_type.until, agency_type.type_id
    abolished = {t.type_id for t in types if t.until and not t.successors}
    assert abolished == {"ubnd-districts", "ubnd-rural-districts"}


def test_every_successor_exists_on_the_day_its_predecessor_ends():
    """A successor is a type of the registry of the day its predecessor left it (``until``),
    in a province and in a city; the predecessor is in the registry of the day before and not
    in that day's. For the 2025 changes the days are those of Decree 45/2025/NĐ-CP and of the
    Ministry of Finance's regional units (Decisions 381 and 391/QĐ-BTC: 1 March 2025; 385/QĐ-BTC:
    15 March 2025) and of the July 2025 provincial offices and regional courts."""
    ended = [t for t in AgencyTypes.load().types.values() if t.until]
    assert len(ended) >= len(ENDED_IN_2025)
    for agency_type in ended:
        day = date.fromisoformat(agency_type.until)
        for place in PLACES:
            before = _ids(place, day - timedelta(days=1))
            assert agency_type.type_id in before, (agency_type.type_id, place)
            ids = _ids(place, day)
            assert agency_type.type_id not in ids, (agency_type.type_id, place)
            missing = set(agency_type.successors) - ids
            assert not missing, (agency_type.type_id, place, day, missing)


def test_every_type_of_2025_starts_on_its_day():
    """The types of the 2025 reorganisation (``since``) are in no registry before their day
    and in the registry of their day; none existed in 2024."""
    new = [t for t in AgencyTypes.load().types.values() if t.since]
    assert {"so-nn-mt", "so-dt-tg", "thue-tp", "kho-bac-khu-vuc"} <= {t.type_id for t in new}
    for place in PLACES:
        assert not {t.type_id for t in new} & _ids(place, 2024)
        for agency_type in new:
            day = date.fromisoformat(agency_type.since)
            assert agency_type.type_id not in _ids(place, day - timedelta(days=1))
            assert agency_type.type_id in _ids(place, day)


def test_a_plan_of_february_2025_is_read_with_the_old_departments():
    """A plan dated before 1 March 2025 names the departments of the time: its registry is the
    one of its date, not of its year."""
    assert _resolved("Quảng Ninh", date(2025, 2, 20), "Sở Tài nguyên và Môi trường") == [
        ("so-tnmt", "alias")
    ]
    assert [how for _, how in _resolved("Quảng Ninh", MARCH_2025, "Sở TN&MT")] == ["unresolved"]


@pytest.mark.parametrize("place", PLACES)
def test_agriculture_and_environment_is_read_in_2025_only(place):
    """Decree 45/2025/NĐ-CP, Art. 8: "Sở Nông nghiệp và Môi trường" is a department from
    1 March 2025. A 2025 registry reads it (and "Sở NN&MT") as that department; a 2017 registry
    leaves it unresolved, and reads "Sở Tài nguyên và Môi trường", which a 2025 registry no
    longer knows."""
    assert _resolved(place, MARCH_2025, "Sở Nông nghiệp và Môi trường") == [("so-nn-mt", "alias")]
    assert _resolved(place, MARCH_2025, "Sở NN&MT") == [("so-nn-mt", "alias")]
    assert [how for _, how in _resolved(place, 2017, "Sở Nông nghiệp và Môi trường")] == [
        "unresolved"
    ]
    assert _resolved(place, 2017, "Sở Tài nguyên và Môi trường") == [("so-tnmt", "alias")]
    assert [how for _, how in _resolved(place, MARCH_2025, "Sở Tài nguyên và Môi trường")] == [
        "unresolved"
    ]


@pytest.mark.parametrize("place", PLACES)
def test_a_department_that_kept_its_name_is_the_same_type_in_both_years(place):
    """Sở Tài chính kept its name when it took in Kế hoạch và Đầu tư (Quảng Ninh's and Hà
    Tĩnh's 2025 resolutions, README table): it is read as the same type in 2017 and 2025, so
    plans of both years compare by one identifier."""
    assert _resolved(place, 2017, "Sở Tài chính") == [("so-tai-chinh", "alias")]
    assert _resolved(place, MARCH_2025, "Sở Tài chính") == [("so-tai-chinh", "alias")]


def test_a_province_reads_its_2025_tax_office_and_a_city_its_own():
    """Provincial tax offices from 1 July 2025 ("Thuế tỉnh, thành phố", 34 units; Dân trí,
    1 July 2025): "Thuế tỉnh" is Quảng Ninh's in 2025 and nothing in 2017; Cần Thơ, a city,
    reads "Thuế thành phố" and leaves "Thuế tỉnh" unresolved."""
    assert _resolved("Quảng Ninh", JULY_2025, "Thuế tỉnh") == [("thue-tp", "alias")]
    assert [how for _, how in _resolved("Quảng Ninh", 2017, "Thuế tỉnh")] == ["unresolved"]
    assert _resolved("Cần Thơ", JULY_2025, "Thuế thành phố") == [("thue-tp", "alias")]
    assert [how for _, how in _resolved("Cần Thơ", JULY_2025, "Thuế tỉnh")] == ["unresolved"]
