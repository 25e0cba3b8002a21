"""Agency labels name the plan's own province, not Hải Phòng (the registry's jurisdiction).

Regression: before, every plan's units were labelled with the registry's Hải Phòng names, so a
national graph said "Hải Phòng City Police" for the police of every province. The IRIs were per
province and right; only the labels were wrong.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from build_graph.model.agencies import REGISTRY_PLACE, AgencyTypes, place_level
from build_graph.model.gazetteer import find_province

SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def _place_and_issuer(text: str) -> tuple[str, str]:
    """What the document's front matter says: "X, ngày … tháng … năm …" and the issuer line."""
    place = re.search(r"^([^,\n]+), ngày \d{1,2} tháng \d{1,2} năm \d{4}", text, re.M)
    issuer = re.search(r"^ỦY BAN NHÂN DÂN (TỈNH|THÀNH PHỐ) .+$", text, re.M)
    assert place and issuer
    return place[1].strip(), issuer[0]


def localised_names(agency_id: str, place: str, level: str) -> tuple[str, str]:
    """The names an agency type's instance has in ``place`` (a province or a city)."""
    registry = AgencyTypes.load().registry(place, level == "city", 2017)
    agency = registry.agencies[agency_id]
    return agency.name_vi, agency.name_en


def test_hai_phong_plan_keeps_the_registry_names(registry) -> None:
    """The bundled plan's names, as the registry gave them before it had types."""
    assert registry.place == "Hải Phòng" and registry.city
    for agency in registry.agencies.values():
        if agency.agency_id in AgencyTypes.load().types:
            assert localised_names(agency.agency_id, "Hải Phòng", "city") == (
                agency.name_vi,
                agency.name_en,
            )
    assert registry.agencies["ubnd-tp"].name_vi == "Ủy ban nhân dân thành phố Hải Phòng"
    assert registry.agencies["cong-an-tp"].name_en == "Hải Phòng City Police"


@pytest.mark.parametrize(
    ("agency_id", "level", "vi", "en"),
    [
        (
            "ubnd-tp",
            "province",
            "Ủy ban nhân dân tỉnh An Giang",
            "People's Committee of An Giang Province",
        ),
        (
            "ubnd-tp",
            "city",
            "Ủy ban nhân dân thành phố Cần Thơ",
            "People's Committee of Cần Thơ City",
        ),
        ("cong-an-tp", "province", "Công an tỉnh", "An Giang Province Police"),
        (
            "dai-ptth",
            "province",
            "Đài Phát thanh và Truyền hình An Giang",
            "An Giang Radio and Television",
        ),
        ("so-tu-phap", "province", "Sở Tư pháp", "Department of Justice"),
    ],
)
def test_names_of_another_place(agency_id, level, vi, en) -> None:
    place = "Cần Thơ" if level == "city" else "An Giang"
    assert localised_names(agency_id, place, level) == (vi, en)


def test_place_level_reads_the_issuer() -> None:
    assert place_level("ỦY BAN NHÂN DÂN TỈNH AN GIANG") == "province"
    assert place_level("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG") == "city"


def test_synthetic_plans_label_their_units_with_their_own_province(
    synthetic_corpus: Path, synthetic_dist: Path
) -> None:
    store = ox.Store()
    store.bulk_load(path=str(synthetic_dist / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    tables = {p.name: p for p in (synthetic_dist / "tables").iterdir() if p.is_dir()}
    for source in sorted(synthetic_corpus.glob("*.txt")):
        place, issuer = _place_and_issuer(source.read_text(encoding="utf-8"))
        city = find_province(place).city  # a centrally-run city, or a province
        cap, cap_en = ("thành phố", "City") if city else ("tỉnh", "Province")
        assert place != REGISTRY_PLACE and cap.upper() in issuer
        folder = next(p for name, p in tables.items() if name.startswith(_slug_start(place)))
        with (folder / "agencies.csv").open(encoding="utf-8", newline="") as handle:
            rows = {row["agency_id"]: row for row in csv.DictReader(handle)}
        assert rows["ubnd-tp"]["name_vi"] == f"Ủy ban nhân dân {cap} {place}"
        assert rows["ubnd-tp"]["name_en"] == f"People's Committee of {place} {cap_en}"
        assert not [r for r in rows.values() if REGISTRY_PLACE in r["name_vi"] + r["name_en"]]
        police = ox.NamedNode(
            f"https://w3id.org/sdgkg/agency/{folder.name.rsplit('-', 2)[0]}/cong-an-tp"
        )
        labels = {q.object.value for q in store.quads_for_pattern(police, SKOS_PREF, None)}
        assert labels == {f"Công an {cap}", f"{place} {cap_en} Police"}
    prefs = [q.object.value for q in store.quads_for_pattern(None, SKOS_PREF, None)]
    assert prefs and not [label for label in prefs if REGISTRY_PLACE in label]


def _slug_start(place: str) -> str:
    from build_graph.model.agencies import slug

    return slug(place) + "-"
