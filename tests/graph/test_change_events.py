"""The 2025 reorganisation in the bundled plan's graph: W3C ORG change events of Hải Phòng.

What the tests state was read on the pages data/changes/sources.csv cites and is tabled in
data/changes/README.md: Decree 45/2025/NĐ-CP of 28 February 2025 (in force 1 March 2025)
merged the departments; Resolution 202/2025/QH15 of 12 June 2025 merged Hải Phòng city and Hải
Dương province into the new Hải Phòng city from 1 July 2025, the day the district level ended."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph

from build_graph.graph.bundled import bundled_ntriples
from build_graph.model.agencies import AgencyTypes
from build_graph.model.changes import CURATED_UNTIL, ChangeEvents
from build_graph.resources import resource_dir

from ..model.test_changes import DEPARTMENT_MERGERS
from ..validate.agreement import agree
from .conftest import rows

HP = "https://w3id.org/sdgkg/agency/hai-phong/"
CHANGE = "https://w3id.org/sdgkg/change/hai-phong/"


def test_the_graph_holds_the_verified_events_that_reach_the_plans_agencies(store):
    """16 of the 19 verified events reach an agency of the plan; the 6 unverified events are
    kept out of the graph, as they are kept out of the analysis."""
    found = {
        r["id"]
        for r in rows(store, "SELECT ?id WHERE { ?e a org:ChangeEvent ; dcterms:identifier ?id }")
    }
    events = ChangeEvents.load()
    assert not {e.event_id for e in events.events if not e.verified} & found
    assert found == {
        "hp-an-duong",
        "hp-districts-end",
        "hp-police-functions",
        "hp-province-merger",
        "hp-thuy-nguyen",
        "t-bhxh-khu-vuc",
        "t-bhxh-tp",
        "t-cong-an-districts",
        "t-district-level",
        "t-religion",
        "t-so-gtvt",
        "t-so-khdt",
        "t-so-ldtbxh",
        "t-so-nn-mt",
        "t-so-tttt",
        "t-toa-an-districts",
    }
    # not reached: the ethnic committee's rename, the tax and treasury offices' mergers (the
    # plan names none of these bodies)
    assert {e.event_id for e in events.events if e.verified} - found == {
        "t-ban-dan-toc",
        "t-cuc-thue",
        "t-kho-bac",
    }


def test_the_merger_of_two_departments_as_an_org_change_event(store):
    """Sở Tài nguyên và Môi trường and Sở Nông nghiệp và PTNT of Hải Phòng became its Sở Nông
    nghiệp và Môi trường on 1 March 2025 (Decree 45/2025/NĐ-CP, Art. 8(5), of 28/02/2025)."""
    event = f"<{CHANGE}t-so-nn-mt>"
    facts = rows(
        store,
        f"""SELECT ?original ?result ?day ?moment ?doc ?number ?issued ?page WHERE {{
            {event} org:originalOrganization ?original ; org:resultingOrganization ?result ;
                dcterms:date ?day ; prov:atTime ?moment ; sdgkg:legalBasis ?doc ;
                sdgkg:readOn ?page .
            ?doc dcterms:identifier ?number ; dcterms:issued ?issued .
            ?original org:changedBy {event} ; sdgkg:endedBy {event} .
            ?result org:resultedFrom {event} .
            {event} dcterms:source ?doc , ?page .
        }}""",
    )
    assert {r["original"] for r in facts} == {HP + "so-tnmt", HP + "so-nnptnt"}
    assert {r["result"] for r in facts} == {HP + "so-nn-mt"}
    assert {(r["day"], r["moment"]) for r in facts} == {("2025-03-01", "2025-03-01T00:00:00+07:00")}
    assert {(r["number"], r["issued"]) for r in facts} == {
        ("Nghị định 45/2025/NĐ-CP, Điều 8 khoản 5", "2025-02-28")
    }
    assert "https://taphalaw.com/en/ten-goi-moi-cac-nganh-cap-tinh-sau-sap-xep-hop-nhat.html" in {
        r["page"] for r in facts
    }
    labels = rows(store, f"SELECT ?l WHERE {{ <{HP}so-nn-mt> skos:prefLabel ?l }}")
    assert {r["l"] for r in labels} == {
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
    }


def test_the_split_of_labour_and_social_affairs_names_each_function(store):
    """Sở LĐTBXH's functions went to five bodies; Nội vụ took the rest (its principal)."""
    moves = rows(
        store,
        f"""SELECT ?to ?principal ?function WHERE {{
            <{CHANGE}t-so-ldtbxh> sdgkg:movedFunction ?m .
            ?m sdgkg:fromOrganization <{HP}so-ldtbxh> ; sdgkg:toOrganization ?to ;
               sdgkg:principal ?principal ; skos:prefLabel ?function .
            FILTER (LANG(?function) = "en")
        }}""",
    )
    to = {r["to"].removeprefix(HP): (r["principal"], r["function"]) for r in moves}
    assert set(to) == {"so-noi-vu", "so-y-te", "so-gddt", "so-nn-mt", "cong-an-tp"}
    assert [a for a, (p, _) in to.items() if p == "true"] == ["so-noi-vu"]
    assert to["so-gddt"][1] == "vocational education"
    assert to["so-y-te"][1].startswith("social protection")


def test_event_ids_name_bodies_of_the_plans_province_only(store):
    """Events are per type; the graph instantiates them for Hải Phòng's bodies. The one body
    of another province is Hải Dương's People's Committee, an original of the province merger
    (Resolution 202/2025/QH15 of 12/06/2025)."""
    bodies = rows(
        store,
        """SELECT DISTINCT ?e ?body WHERE {
            ?e a org:ChangeEvent .
            { ?e org:originalOrganization ?body } UNION { ?e org:resultingOrganization ?body }
        }""",
    )
    assert all(r["e"].startswith(CHANGE) for r in bodies)
    elsewhere = {(r["e"], r["body"]) for r in bodies if not r["body"].startswith(HP)}
    assert elsewhere == {
        (CHANGE + "hp-province-merger", "https://w3id.org/sdgkg/agency/hai-duong/ubnd-tp")
    }
    merger = rows(
        store,
        f"""SELECT ?result ?label WHERE {{ <{CHANGE}hp-province-merger>
            org:resultingOrganization ?result ; sdgkg:legalBasis/skos:prefLabel ?label .
            FILTER (LANG(?label) = "en") }}""",
    )
    assert merger == [{"result": HP + "ubnd-tp", "label": "Resolution 202/2025/QH15"}]


def test_successions_agree_with_the_model(store):
    """sdgkg:heldBy gives, for each agency of the plan, the bodies ChangeEvents.holders_today
    gives on 1 July 2025; an agency none of whose functions moved has none."""
    held = rows(store, "SELECT ?a ?h WHERE { ?a sdgkg:heldBy ?h }")
    pairs = {(r["a"].removeprefix(HP), r["h"].removeprefix(HP)) for r in held}
    assert ("so-tnmt", "so-nn-mt") in pairs and ("so-khdt", "so-tai-chinh") in pairs
    assert ("bhxh-tp", "bhxh-tp-2025") in pairs
    assert {h for a, h in pairs if a == "so-ldtbxh"} == {
        "so-noi-vu",
        "so-y-te",
        "so-gddt",
        "so-nn-mt",
        "cong-an-tp",
    }
    assert not any(a == "so-y-te" for a, _ in pairs)
    assert not any(a.startswith("ubnd-q-") for a, _ in pairs)  # the districts: no holder


def test_change_shapes_on_the_bundled_graph_both_engines_agree(store):
    """No violation; one Info per agency abolished without a named successor and still
    assigned to a task running past that day: the eight agencies the model names."""
    graph = Graph().parse(data=bundled_ntriples(), format="nt")
    shapes = Graph().parse(resource_dir("shapes") / "changes-shapes.ttl", format="turtle")
    found = agree(graph, shapes)
    severities = {str(key[3]).rsplit("#", 1)[-1] for key in found}
    assert severities == {"Info"}
    focus = {str(key[0]).removeprefix(HP) for key in found}
    assigned = rows(store, "SELECT DISTINCT ?id WHERE { ?x sdgkg:agent/dcterms:identifier ?id }")
    abolished = ChangeEvents.load().abolished_without_successor(
        sorted(r["id"] for r in assigned), "Hải Phòng", CURATED_UNTIL
    )
    assert (
        focus
        == {a.agency_id for a in abolished}
        == {
            "ubnd-districts",
            "ubnd-rural-districts",
            "ubnd-h-cat-hai",
            "ubnd-h-kien-thuy",
            "ubnd-h-thuy-nguyen",
            "ubnd-q-do-son",
            "ubnd-q-duong-kinh",
            "ubnd-q-hai-an",
        }
    )


# Hải Phòng's 2025 department mergers, as tests/model/test_changes.py states them from Decree
# 45/2025/NĐ-CP, Art. 8, read on taphalaw-45 (data/changes/sources.csv).
TAPHALAW = "https://taphalaw.com/en/ten-goi-moi-cac-nganh-cap-tinh-sau-sap-xep-hop-nhat.html"


@pytest.mark.parametrize(("event_id", "originals", "result"), DEPARTMENT_MERGERS)
def test_each_department_merger_in_the_graph_agrees_with_the_registry(
    store, event_id, originals, result
):
    """Each merger of Hải Phòng's departments is an event of its graph on 1 March 2025, from
    Decree 45/2025/NĐ-CP of 28/02/2025 read on taphalaw.com; agency-types.csv ends each absorbed
    type that day with the result among its successors, and the result exists that day."""
    event = f"<{CHANGE}{event_id}>"
    facts = rows(
        store,
        f"""SELECT ?original ?result ?day ?number ?issued ?page WHERE {{
            {event} org:originalOrganization ?original ; org:resultingOrganization ?result ;
                dcterms:date ?day ; sdgkg:legalBasis ?doc ; sdgkg:readOn ?page .
            ?doc dcterms:identifier ?number ; dcterms:issued ?issued .
        }}""",
    )
    assert {r["original"] for r in facts} == {HP + o for o in originals}
    assert result in {r["result"].removeprefix(HP) for r in facts}
    assert {r["day"] for r in facts} == {"2025-03-01"}
    assert TAPHALAW in {r["page"] for r in facts}
    decree = {(r["number"], r["issued"]) for r in facts if "45/2025" in r["number"]}
    assert decree and {issued for _, issued in decree} == {"2025-02-28"}
    types = AgencyTypes.load().types
    ended = {
        r["a"].removeprefix(HP)
        for r in rows(store, f"SELECT ?a WHERE {{ ?a sdgkg:endedBy {event} }}")
    }
    assert ended == set(originals) - {result}
    for original in originals:
        if original == result:
            assert not types[original].until or types[original].until > "2025-03-01"
            continue
        assert types[original].until == "2025-03-01"
        assert result in types[original].successors
    assert types[result].valid_on(date(2025, 3, 1))
