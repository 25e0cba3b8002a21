"""The curated agency registry is consistent: ids, kinds, names, memberships, compounds."""

from __future__ import annotations

import csv
from datetime import date

from build_graph.model.agencies import KINDS, AgencyTypes, agency_key
from build_graph.model.gazetteer import provinces
from build_graph.resources import data_file


def _rows(name):
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_agency_has_names_in_both_languages_and_a_known_kind(registry):
    for agency in registry.agencies.values():
        assert agency.name_vi.strip() and agency.name_en.strip(), agency.agency_id
        assert agency.kind in KINDS, agency.agency_id
        assert agency.agency_id == agency.agency_id.lower()
        assert " " not in agency.agency_id


def test_memberships_point_to_collectives(registry):
    for agency in registry.agencies.values():
        for parent in agency.member_of:
            assert parent in registry.agencies, (agency.agency_id, parent)
            assert registry.agencies[parent].kind.endswith("collective")


def test_hai_phong_has_fifteen_district_committees(registry):
    members = [a for a in registry.agencies.values() if "ubnd-districts" in a.member_of]
    assert len(members) == 15
    rural = [a for a in members if "ubnd-rural-districts" in a.member_of]
    assert len(rural) == 8


CHANGE_DAYS = (date(2025, 3, 1), date(2025, 3, 15), date(2025, 7, 1))


def test_no_name_names_two_agencies_in_any_province():
    """Every province's registry, in 2017 to 2021, 2025 and 2026 (districts of each year's first
    day, none after the July 2025 reform), is built: no name of it (pattern filled, alias, typo,
    district) stands for two agencies (building raises if one does)."""
    types = AgencyTypes.load()
    for province in provinces().values():
        # every year's first day, and the days of the 2025 changes
        for year in (2017, 2018, 2019, 2020, 2021, 2025, 2026, *CHANGE_DAYS):
            registry = types.registry(province.name, province.city, year)
            assert registry.place == province.name
            seen: dict[str, str] = {}
            for agency in registry.agencies.values():
                for name in (agency.name_vi, *agency.aliases, *agency.typos):
                    key = agency_key(name)
                    assert seen.setdefault(key, agency.agency_id) == agency.agency_id, name


def test_compounds_name_known_agencies_and_give_a_reading(registry):
    assert registry.compounds
    for compound in registry.compounds.values():
        assert len(compound.agency_ids) >= 2
        assert all(i in registry.agencies for i in compound.agency_ids)
        assert compound.reading.strip()


def test_abbreviations_and_tone_styles_fold_to_one_key():
    assert agency_key("UBND các quận, huyện") == agency_key("Ủy ban nhân dân các quận, huyện")
    assert agency_key("Đài PTTH Hải Phòng") == agency_key("Đài Phát thanh và Truyền hình Hải Phòng")
    assert agency_key("Sở Văn hoá") == agency_key("Sở Văn hóa")
    assert agency_key("Sở Tài nguyên & Môi trường") == agency_key("Sở Tài nguyên và Môi trường")
    assert agency_key("Kế hoạch-Đầu tư") == agency_key("Kế hoạch – Đầu tư")


def test_a_name_of_a_body_that_ended_suggests_its_successor() -> None:
    """Regression: in a plan of 15 April 2025, "Sở TN&MT" (merged into the Department of
    Agriculture and Environment on 1 March 2025) got the suggestion "Sở Nội vụ", and "Sở Kế
    hoạch và Đầu tư" none, though the types name their successors."""
    from datetime import date

    from build_graph.model.agencies import AgencyTypes

    registry = AgencyTypes.load().registry("Nghệ An", False, date(2025, 4, 15))
    suggested = {
        raw: found.agency_id if (found := registry.nearest(raw)) else None
        for raw in ("Sở TN&MT", "Sở Kế hoạch và Đầu tư", "Sở LĐTBXH")
    }
    assert suggested == {
        "Sở TN&MT": "so-nn-mt",
        "Sở Kế hoạch và Đầu tư": "so-tai-chinh",
        "Sở LĐTBXH": "so-noi-vu",
    }
