"""The curated change events of 2025 (data/changes/) and the model that follows them.

What each test states by hand was read on the pages cited in data/changes/sources.csv and is
tabled in data/changes/README.md: Decree 45/2025/NĐ-CP of 28 February 2025 (in force 1 March
2025) set the departments every province has; Resolution 202/2025/QH15 of 12 June 2025 merged
Hải Phòng city and Hải Dương province into the new Hải Phòng city, whose government began on
1 July 2025, the day the district level ended (Resolution 203/2025/QH15, Law 72/2025/QH15)."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from build_graph.errors import InputError
from build_graph.model.agencies import AgencyTypes, Registry
from build_graph.model.changes import CURATED_UNTIL, ChangeEvents, holders_today, internal_after
from build_graph.model.gazetteer import find_province
from build_graph.resources import data_file

HP = "Hải Phòng"
MARCH = date(2025, 3, 1)
JULY = date(2025, 7, 1)
TODAY = date(2026, 1, 1)  # a day after every curated change: the "today" the tests ask about
DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def changes() -> ChangeEvents:
    return ChangeEvents.load()


def _ids(place: str, day: date) -> set[str]:
    return set(Registry.load(place=place, year=day).agencies)


def test_the_curated_events_by_level_and_status(changes):
    """25 events up to 1 July 2025: 18 for every province's body of a type (14 verified), 3 for
    Hải Phòng's own bodies or the city itself (2 verified) and 4 for its districts (3 verified)."""
    counts = Counter((e.level, e.status) for e in changes.events)
    assert counts == {
        ("type", "verified"): 14,
        ("type", "unverified"): 4,
        ("province", "verified"): 2,
        ("province", "unverified"): 1,
        ("district", "verified"): 3,
        ("district", "unverified"): 1,
    }
    assert all(e.effective <= CURATED_UNTIL for e in changes.events)
    assert {e.event_id for e in changes.events if not e.verified} == {
        "t-police-functions",  # read for Hải Phòng only (hp-police-functions replaces it there)
        "t-thue-tp",  # the Ministry of Finance's decision number not read
        "t-nhnn",  # the State Bank Governor's decision numbers not read
        "t-district-tasks",  # where district tasks went: a proposal and a draft decree read
        "hp-district-tasks",
        "hp-vhttdl",  # Hải Phòng's merged culture department: its day and basis not read
    }


def test_every_event_has_a_dated_legal_basis_and_a_source(changes):
    """Each event names a legal document and a page it was read on; a verified one dates every
    document it names; every source listed is cited by some event or function."""
    for event in changes.events:
        assert event.basis and event.sources, event.event_id
        if event.verified:
            assert all(b.issued for b in event.basis), event.event_id
    cited = {s.key for e in changes.events for s in e.sources}
    cited |= {s.key for e in changes.events for m in e.functions for s in m.sources}
    assert cited == set(changes.sources)


# Decree 45/2025/NĐ-CP, Art. 8, as read on taphalaw-45 and dongnai-hdnd, and the provinces'
# resolutions (Quảng Trị, Quảng Ninh, Trà Vinh): the 2025 mergers of departments, each with the
# department it became. A department that kept its name is among the originals and continues.
DEPARTMENT_MERGERS = [
    ("t-so-khdt", ("so-khdt", "so-tai-chinh"), "so-tai-chinh"),
    ("t-so-gtvt", ("so-gtvt", "so-xay-dung"), "so-xay-dung"),
    ("t-so-nn-mt", ("so-tnmt", "so-nnptnt"), "so-nn-mt"),
    ("t-so-tttt", ("so-tttt", "so-khcn"), "so-khcn"),
    ("t-so-ldtbxh", ("so-ldtbxh", "so-noi-vu"), "so-noi-vu"),
]


@pytest.mark.parametrize(("event_id", "originals", "result"), DEPARTMENT_MERGERS)
def test_each_department_merger_of_2025_in_hai_phong(changes, event_id, originals, result):
    """In Hải Phòng's registry of 2017 and of 28 February 2025 the originals exist; in that of
    1 March 2025 the result does and the absorbed departments do not; each original's principal
    holder from 1 March is the result, cited with Decree 45/2025/NĐ-CP of 28/02/2025."""
    event = changes.by_id[event_id]
    assert event.verified and event.effective == MARCH
    assert event.originals == originals and event.results[0] == result
    assert event.basis[0].document.startswith("Nghị định 45/2025/NĐ-CP")
    assert event.basis[0].issued == date(2025, 2, 28)
    assert "taphalaw-45" in {s.key for s in event.sources}
    assert set(originals) <= _ids(HP, date(2017, 1, 1))
    assert set(originals) <= _ids(HP, MARCH - DAY)
    assert result in _ids(HP, MARCH)
    assert not {o for o in originals if o != result} & _ids(HP, MARCH)
    for original in originals:
        principal = [h for h in holders_today(original, HP, MARCH) if h.principal]
        assert [h.agency_id for h in principal] == [result]
        ended = original != result
        assert (event in principal[0].events) == ended
        if ended:
            assert "Nghị định 45/2025/NĐ-CP, Điều 8" in " ".join(principal[0].provenance)


def test_two_2017_departments_are_internal_to_one_from_1_march_2025():
    """Sở Tài nguyên và Môi trường and Sở Nông nghiệp và PTNT are one body, Sở Nông nghiệp và Môi
    trường, from 1 March 2025 (Decree 45/2025/NĐ-CP, Art. 8(5)); on 28 February they were two."""
    internal = internal_after("so-tnmt", "so-nnptnt", HP, MARCH)
    assert internal is not None
    assert (internal.body, internal.province) == ("so-nn-mt", HP)
    assert [e.event_id for e in internal.events_a] == ["t-so-nn-mt"]
    assert (
        internal.events_a[0].legal_basis == "Nghị định 45/2025/NĐ-CP, Điều 8 khoản 5 (28/02/2025)"
    )
    assert internal_after("so-tnmt", "so-nnptnt", HP, MARCH - DAY) is None
    # Kế hoạch và Đầu tư went into Tài chính, which continued: a link between them is internal.
    assert internal_after("so-khdt", "so-tai-chinh", HP, MARCH).body == "so-tai-chinh"
    # Social protection moved to Y tế, but Lao động's remaining functions went to Nội vụ.
    assert internal_after("so-ldtbxh", "so-y-te", HP, MARCH) is None
    assert internal_after("so-y-te", "so-y-te", HP, MARCH) is None


def test_labour_and_social_affairs_functions_go_to_five_successors():
    """Sở LĐTBXH from 1 March 2025: labour, wages, employment, social insurance, occupational
    safety, people with merit and gender equality to Nội vụ (its principal successor); social
    protection, children and social evils to Y tế; vocational education to GD&ĐT; poverty
    reduction to Nông nghiệp và Môi trường; drug rehabilitation to the city police."""
    holders = {h.agency_id: h for h in holders_today("so-ldtbxh", HP, MARCH)}
    assert set(holders) == {"so-noi-vu", "so-y-te", "so-gddt", "so-nn-mt", "cong-an-tp"}
    assert [a for a, h in holders.items() if h.principal] == ["so-noi-vu"]
    assert holders["so-gddt"].functions == ("vocational education",)
    assert holders["so-nn-mt"].functions == ("poverty reduction",)
    assert holders["cong-an-tp"].functions == ("drug rehabilitation and after-care",)
    assert "social protection" in holders["so-y-te"].functions[0]
    assert all(h.events[0].event_id == "t-so-ldtbxh" for h in holders.values())


def test_a_province_record_replaces_the_national_one_there(changes):
    """Hải Phòng's police took criminal records, driving-licence testing and network security
    from three departments on 28 February 2025 (hp-police, verified); the national record of the
    same transfer is unverified and replaced there."""
    holders = {h.agency_id: h for h in holders_today("so-gtvt", HP, MARCH)}
    assert set(holders) == {"so-xay-dung", "cong-an-tp"}
    assert holders["cong-an-tp"].functions == ("driving-licence testing and issuing",)
    assert holders["cong-an-tp"].events[0].event_id == "hp-police-functions"
    in_hai_phong = {e.event_id for e in changes.events_affecting("cong-an-tp", HP, True)}
    assert "hp-police-functions" in in_hai_phong and "t-police-functions" not in in_hai_phong
    in_quang_ninh = {
        h.agency_id for h in changes.holders_today("so-gtvt", "Quảng Ninh", MARCH, True)
    }
    assert in_quang_ninh == {"so-xay-dung", "cong-an-tp"}
    assert {h.agency_id for h in changes.holders_today("so-gtvt", "Quảng Ninh", MARCH)} == {
        "so-xay-dung"
    }


def test_the_province_merger_of_hai_phong_and_hai_duong(changes):
    """Resolution 202/2025/QH15 of 12 June 2025: Hải Phòng city and Hải Dương province became
    the new Hải Phòng city, whose government began on 1 July 2025. Hải Dương's Sở Y tế is Hải
    Phòng's from that day; Hải Phòng's own continues, the merger in its history."""
    event = changes.by_id["hp-province-merger"]
    assert event.verified and event.subject == "place" and event.effective == JULY
    assert event.originals == ("Hải Phòng", "Hải Dương") and event.results == ("Hải Phòng",)
    assert event.legal_basis == "Nghị quyết 202/2025/QH15 (12/06/2025)"
    assert all(find_province(place) for place in event.originals)
    assert changes.province_on("Hải Dương", JULY - DAY) == ("Hải Dương", ())
    assert changes.province_on("Hải Dương", JULY) == (HP, (event,))
    (holder,) = holders_today("so-y-te", "Hải Dương", JULY)
    assert (holder.agency_id, holder.province, holder.events) == ("so-y-te", HP, (event,))
    (holder,) = holders_today("so-y-te", "Hải Dương", JULY - DAY)
    assert (holder.province, holder.events) == ("Hải Dương", ())
    (holder,) = holders_today("so-y-te", HP, TODAY)
    assert holder.events == (event,)


# Hải Phòng's 15 district-level units on 30 June 2025, as the gazetteer gives them (Resolution
# 1232/NQ-UBTVQH15: Thủy Nguyên a city and An Dương an urban district from 1 January 2025).
HP_DISTRICTS_2025 = {
    "ubnd-q-hong-bang",
    "ubnd-q-ngo-quyen",
    "ubnd-q-le-chan",
    "ubnd-q-hai-an",
    "ubnd-q-kien-an",
    "ubnd-q-do-son",
    "ubnd-q-duong-kinh",
    "ubnd-q-an-duong",
    "ubnd-tp-thuy-nguyen",
    "ubnd-h-an-lao",
    "ubnd-h-kien-thuy",
    "ubnd-h-tien-lang",
    "ubnd-h-vinh-bao",
    "ubnd-h-cat-hai",
    "ubnd-h-bach-long-vi",
}


def test_hai_phong_districts_end_on_1_july_2025_without_a_verified_successor(changes):
    """The 15 district People's Committees end on 1 July 2025 (hp-districts-end, Resolution
    203/2025/QH15 and Law 72/2025/QH15); where their tasks went was read only in a proposal and a
    draft decree, so by default a task of theirs has no holder; with the unverified events, the
    commune-level committees hold the rest and the city about a third."""
    assert {a.agency_id for a in Registry.load(HP, JULY - DAY).districts()} == HP_DISTRICTS_2025
    assert set(changes.by_id["hp-districts-end"].originals) == HP_DISTRICTS_2025
    abolished = changes.abolished_without_successor(sorted(HP_DISTRICTS_2025), HP, JULY)
    assert {a.agency_id for a in abolished} == HP_DISTRICTS_2025
    assert all(a.events[-1].event_id == "hp-districts-end" for a in abolished)
    # A 2017 plan names the rural district of Thủy Nguyên: renamed, then ended.
    chain = changes.chain("ubnd-h-thuy-nguyen", HP, date(2017, 1, 1), JULY)
    assert [e.event_id for e in chain] == ["hp-thuy-nguyen", "hp-districts-end"]
    assert holders_today("ubnd-h-thuy-nguyen", HP, JULY - DAY)[0].agency_id == "ubnd-tp-thuy-nguyen"
    holders = changes.holders_today("ubnd-h-thuy-nguyen", HP, JULY, include_unverified=True)
    assert [(h.agency_id, h.principal) for h in holders] == [
        ("ubnd-communes", True),
        ("ubnd-tp", False),
    ]


def test_unverified_events_are_left_out_unless_asked_for(changes):
    """Hải Phòng's Sở Du lịch had become part of its Sở VH,TT&DL by 28 March 2025 (hp-vhttdl),
    but the day and basis were not read; the State Bank's regional branches' decision numbers were
    not read either, so nhnn answers itself, and ended_without_event names it."""
    assert [h.agency_id for h in holders_today("so-du-lich", HP, TODAY)] == ["so-du-lich"]
    with_unverified = changes.holders_today("so-du-lich", HP, TODAY, include_unverified=True)
    assert [h.agency_id for h in with_unverified] == ["so-vhttdl"]
    types = AgencyTypes.load()
    assert set(changes.ended_without_event(types, TODAY)) == {"nhnn", "chi-cuc-thue-khu-vuc"}
    assert changes.ended_without_event(types, TODAY, include_unverified=True) == ()


def test_chains_through_two_changes():
    """The city social security office: a regional office from 1 March 2025 (Decision 391/QĐ-BTC),
    the city's office again from 1 July 2025 (Decision 2286/QĐ-BTC)."""
    (holder,) = holders_today("bhxh-tp", HP, TODAY)
    assert holder.agency_id == "bhxh-tp-2025"
    assert [e.event_id for e in holder.events if e.subject == "agency"] == [
        "t-bhxh-tp",
        "t-bhxh-khu-vuc",
    ]
    (holder,) = holders_today("bhxh-tp", HP, date(2025, 4, 1))
    assert holder.agency_id == "bhxh-khu-vuc"


def _registry_faults(changes: ChangeEvents) -> set[tuple[str, str]]:
    """(event, id) pairs where an original is not in the registry of the day before, a result not
    in that of the day, or an ended type or district is still in that of the day."""
    faults: set[tuple[str, str]] = set()
    for event in changes.events:
        if event.subject == "place":
            continue
        places = (HP, "Quảng Ninh") if event.level == "type" else (event.province,)
        for place in places:
            before, on = _ids(place, event.effective - DAY), _ids(place, event.effective)
            faults |= {(event.event_id, o) for o in event.originals if o not in before}
            faults |= {(event.event_id, r) for r in event.results if r not in on}
            if event.level != "province":
                faults |= {
                    (event.event_id, o) for o in event.originals if event.ends(o) and o in on
                }
    return faults


def test_every_id_is_in_the_registry_of_the_day_before_and_of_the_day(changes):
    """An event's originals are agencies of its province's registry on the day before it, its
    results on its day, and a type or district it ends is gone on its day."""
    assert _registry_faults(changes) == set()


def test_type_events_agree_with_the_agency_types_end_dates_and_successors(changes):
    """Every type agency-types.csv ends is ended by an event on its ``until`` day, with the
    same successors, save the difference listed here: so-vhtt (the culture department of a
    province with a separate Sở Du lịch) is named there as a successor of so-tttt, here in a
    function's note."""
    types = AgencyTypes.load().types
    successors: dict[str, set[str]] = {}
    ends: dict[str, tuple[str, str]] = {}
    for event in changes.events:
        for original in event.originals:
            if event.level == "type" and event.ends(original):
                ends[original] = (types[original].until, event.effective.isoformat())
                successors[original] = set(event.results) - {original}
    assert {t: days for t, days in ends.items() if days[0] != days[1]} == {}
    ended = {t.type_id: set(t.successors) for t in types.values() if t.until}
    assert set(ended) <= set(successors)
    differ = {t: (ended[t], successors[t]) for t in ended if ended[t] != successors[t]}
    assert differ == {"so-tttt": ({"so-khcn", "so-vhttdl", "so-vhtt"}, {"so-khcn", "so-vhttdl"})}


# ---- a bad events file ---------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "changes"
    shutil.copytree(data_file("changes"), folder)
    return folder


def _replace(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (once) and return the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


BAD_ROWS = [
    ("events.csv", "t-so-khdt,2025-03-01,", "t-so-khdt,2025-02-30,", "'2025-02-30' is no such day"),
    ("events.csv", "so-khdt;so-tai-chinh,", "so-khdt;so-tai-chinh-x,", "'so-tai-chinh-x'"),
    ("events.csv", ",verified,bhxh-35,,", ",verified,bhxh-99,,", "unknown source bhxh-99"),
    ("events.csv", "Quyết định 381/QĐ-BTC,2025-02-26,", "Quyết định 381/QĐ-BTC,,", "dates each"),
    (
        "events.csv",
        "place,merger,Hải Phòng;Hải Dương,",
        "place,merger,Hải Phòng;Atlantis,",
        "Atlantis",
    ),
    ("events.csv", "type,,agency,rename,ban-dan-toc,", "type,,agency,rename,,", "a rename"),
    (
        "functions.csv",
        "t-religion,so-noi-vu,so-dt-tg,",
        "t-religion,so-noi-vu,so-y-te,",
        "no result",
    ),
    ("functions.csv", "event_id,original,", "event,original,", "header must be"),
]


@pytest.mark.parametrize(("name", "old", "new", "reason"), BAD_ROWS)
def test_a_bad_row_is_a_one_line_error_naming_file_line_and_reason(
    tmp_path, name, old, new, reason
):
    """A wrong day, an unknown agency, source or place, an undated verified basis, a rename with
    no original, a function moved to a body that is no result, a wrong header: each stops the
    load with one line, "<file>:<line>: <reason>"."""
    folder = _copy(tmp_path)
    line = _replace(folder / name, old, new)
    with pytest.raises(InputError) as caught:
        ChangeEvents.load(folder)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / name}:{line}: ")
    assert reason in message


def test_a_split_without_its_principal_successor_is_refused(tmp_path):
    """A body whose functions go to several bodies must say which one takes the rest."""
    folder = _copy(tmp_path)
    _replace(
        folder / "functions.csv",
        '(các chức năng còn lại)",yes,quangtri-plan',
        '(các chức năng còn lại)",,quangtri-plan',
    )
    text = (folder / "events.csv").read_text(encoding="utf-8")
    line = text[: text.index("t-so-ldtbxh,")].count("\n") + 1
    with pytest.raises(InputError, match=rf"events\.csv:{line}: so-ldtbxh ends among 5 results"):
        ChangeEvents.load(folder)
