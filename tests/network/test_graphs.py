"""The networks built through SPARQL: on a hand-built graph whose every count is worked out in
the docstrings, and on the Hải Phòng plan against its tables and its text."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from build_graph.cli.main import main
from build_graph.errors import InputError
from build_graph.graph.vocab import SDGKG
from build_graph.network.analysis import analyse, load
from build_graph.network.data import load_network_store, read_network_data
from build_graph.network.gaps import declared_gaps, un_coverage
from build_graph.network.graphs import (
    ALL_UNITS,
    NAMED_UNITS,
    agency_projection,
    bipartite_network,
    coordination_network,
    copartner_network,
)
from build_graph.network.metrics import agency_metrics
from build_graph.network.overlaps import (
    near_duplicate_tasks,
    self_partnered,
    targets_with_several_leads,
)

B = "https://w3id.org/sdgkg/"
UN = "http://metadata.un.org/sdg/"
AGENCY = B + "agency/test/"
PLAN = URIRef(B + "plan/test-1-2017")
TEXT = "Tăng cường truyền thông về bình đẳng giới trong các cơ quan, đơn vị trên địa bàn"


def tiny_graph() -> Graph:
    """Two appendices. A1 (lead L1) declares 1.1, 1.2.a, 2.1.b; A2 (lead L2) declares 1.1, 3.1.

    t1 A1 → 1.1   partners P1, P2, V (vague)   text TEXT
    t2 A1 → 1.2.a partner P1                   text "Khảo sát"
    t3 A1 → 2.1   partners P1, L1 (its lead)   text "Khảo sát"
    t4 A2 → 1.1   partners P1, P2              text TEXT + " thành phố"
    t5 A2 → 1.1   partner C (collective)       text "Kiểm tra"
    VSDG 1.1 ≈ UN 1.1, 1.2.a ⊂ UN 1.2, 2.1 ≈ UN 2.1, 3.1 ≈ UN 3.1 (no task).
    """
    g = Graph()
    kinds = {
        "L1": "department",
        "L2": "department",
        "P1": "department",
        "P2": "department",
        "V": "vague",
        "C": "collective",
    }
    for name, kind in kinds.items():
        node = URIRef(AGENCY + name)
        g.add((node, SDGKG.agencyKind, URIRef(B + "kind/" + kind)))
        g.add((node, RDFS.label, Literal(f"Unit {name}", lang="en")))
        g.add((node, RDFS.label, Literal(f"Đơn vị {name}", lang="vi")))
    for kind in set(kinds.values()):
        g.add((URIRef(B + "kind/" + kind), SKOS.notation, Literal(kind)))
    levels = {
        "1": SDGKG.Goal,
        "2": SDGKG.Goal,
        "3": SDGKG.Goal,
        "1.1": SDGKG.Target,
        "1.2": SDGKG.Target,
        "2.1": SDGKG.Target,
        "3.1": SDGKG.Target,
        "1.2.a": SDGKG.SubTarget,
        "2.1.b": SDGKG.SubTarget,
    }
    for code, cls in levels.items():
        node = URIRef(B + "vsdg/" + code)
        g.add((node, RDF.type, cls))
        g.add((node, SKOS.notation, Literal(code)))
        if "." in code:
            g.add((node, SKOS.broader, URIRef(B + "vsdg/" + code.rsplit(".", 1)[0])))
    for code in ("1", "2", "3", "1.1", "1.2", "2.1", "3.1"):
        node = URIRef(UN + code)
        g.add((node, SKOS.inScheme, URIRef("http://metadata.un.org/sdg")))
        g.add((node, SKOS.notation, Literal(code)))
        if "." in code:
            g.add((node, SKOS.broader, URIRef(UN + code.split(".")[0])))
    links = [
        ("1.1", SKOS.closeMatch, "1.1"),
        ("1.2.a", SKOS.broadMatch, "1.2"),
        ("2.1", SKOS.closeMatch, "2.1"),
        ("3.1", SKOS.closeMatch, "3.1"),
    ]
    for vsdg, prop, un in links:
        g.add((URIRef(B + "vsdg/" + vsdg), prop, URIRef(UN + un)))
    g.add((PLAN, RDF.type, SDGKG.ActionPlan))
    appendices = {1: ("L1", ["1.1", "1.2.a", "2.1.b"]), 2: ("L2", ["1.1", "3.1"])}
    for number, (lead, declared) in appendices.items():
        node = URIRef(f"{PLAN}/appendix/{number:02d}")
        g.add((PLAN, SDGKG.hasAppendix, node))
        g.add((node, SDGKG.appendixNumber, Literal(number, datatype=namespace.XSD.positiveInteger)))
        g.add((node, SDGKG.leadAgency, URIRef(AGENCY + lead)))
        for code in declared:
            g.add((node, SDGKG.declaresTarget, URIRef(B + "vsdg/" + code)))
    tasks = [
        ("t1", 1, "1.1", ["P1", "P2", "V"], TEXT),
        ("t2", 1, "1.2.a", ["P1"], "Khảo sát"),
        ("t3", 1, "2.1", ["P1", "L1"], "Khảo sát"),
        ("t4", 2, "1.1", ["P1", "P2"], TEXT + " thành phố"),
        ("t5", 2, "1.1", ["C"], "Kiểm tra"),
    ]
    for line, (name, appendix, code, partners, text) in enumerate(tasks, 10):
        node = URIRef(f"{PLAN}/appendix/{appendix:02d}/task/{name}")
        g.add((node, RDF.type, SDGKG.Task))
        g.add((node, SDGKG.inAppendix, URIRef(f"{PLAN}/appendix/{appendix:02d}")))
        g.add((URIRef(f"{PLAN}/appendix/{appendix:02d}"), SDGKG.hasTask, node))
        g.add((node, SDGKG.taskNumber, Literal(name)))
        g.add((node, SDGKG.leadAgency, URIRef(AGENCY + appendices[appendix][0])))
        g.add((node, SDGKG.contributesTo, URIRef(B + "vsdg/" + code)))
        g.add((node, DCTERMS.description, Literal(text, lang="vi")))
        g.add((node, SDGKG.sourceLine, Literal(line, datatype=namespace.XSD.positiveInteger)))
        for partner in partners:
            g.add((node, SDGKG.partnerAgency, URIRef(AGENCY + partner)))
    period = URIRef(B + "period/2017-2020")
    g.add((URIRef(f"{PLAN}/appendix/01/task/t1"), SDGKG.implementationPeriod, period))
    for prop, year in ((namespace.TIME.hasBeginning, 2017), (namespace.TIME.hasEnd, 2020)):
        g.add((period, prop, URIRef(f"{B}year/{year}")))
        g.add(
            (
                URIRef(f"{B}year/{year}"),
                namespace.TIME.inXSDgYear,
                Literal(str(year), datatype=namespace.XSD.gYear),
            )
        )
    return g


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny graph written as Turtle and read back through pyoxigraph."""
    path = tmp_path_factory.mktemp("tiny") / "graph.ttl"
    tiny_graph().serialize(path, format="turtle")
    return read_network_data(load_network_store(path))


def a(name: str) -> str:
    return AGENCY + name


def edges(graph) -> dict:
    return {
        (u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1]): w for u, v, w in graph.edges(data="weight")
    }


def test_lead_partner_network_by_hand(tiny):
    """L1 → P1 on t1, t2, t3 (3); L1 → P2, L1 → V on t1; L2 → P1, L2 → P2 on t4; L2 → C on t5.
    L1 named on its own t3 is no edge. The named view drops V and C."""
    network = coordination_network(tiny, ALL_UNITS)
    assert edges(network) == {
        ("L1", "P1"): 3,
        ("L1", "P2"): 1,
        ("L1", "V"): 1,
        ("L2", "P1"): 1,
        ("L2", "P2"): 1,
        ("L2", "C"): 1,
    }
    assert network.nodes[a("V")]["kind"] == "vague"
    named = coordination_network(tiny, NAMED_UNITS)
    assert set(named) == {a("L1"), a("L2"), a("P1"), a("P2")}
    assert edges(named) == {("L1", "P1"): 3, ("L1", "P2"): 1, ("L2", "P1"): 1, ("L2", "P2"): 1}


def test_copartner_and_target_networks_by_hand(tiny):
    """Co-partners: t1 gives P1–P2, P1–V, P2–V; t4 gives P1–P2 again → P1–P2 = 2.
    Portfolios (VSDG targets): L1 {1.1, 1.2, 2.1}, P1 the same, L2 {1.1} → L1–P1 share 3 with
    Jaccard 1, L1–L2 share 1 with Jaccard 1/3."""
    copartners = edges(copartner_network(tiny, ALL_UNITS))
    assert {tuple(sorted(k)): v for k, v in copartners.items()} == {
        ("P1", "P2"): 2,
        ("P1", "V"): 1,
        ("P2", "V"): 1,
    }
    projection = agency_projection(tiny, ALL_UNITS)
    assert projection[a("L1")][a("P1")]["weight"] == 3
    assert projection[a("L1")][a("P1")]["jaccard"] == 1.0
    assert projection[a("L1")][a("L2")]["jaccard"] == pytest.approx(1 / 3, abs=1e-6)
    bipartite = bipartite_network(tiny, ALL_UNITS)
    assert bipartite[a("P1")][B + "vsdg/1.1"] == {
        "weight": 2,
        "lead_tasks": 0,
        "partner_tasks": 2,
        "partner_tasks_written": 2,  # no link of the tiny graph is inherited
    }
    assert bipartite[a("L2")][B + "vsdg/1.1"]["lead_tasks"] == 2
    assert bipartite.nodes[B + "vsdg/1.2"]["bipartite"] == 1


def test_agency_metrics_by_hand(tiny):
    """P1 is partner on t1–t4 (4 tasks) of both leads; L1 leads 3 tasks and is not counted as
    partner of its own t3."""
    rows = {r.iri: r for r in agency_metrics(tiny, ALL_UNITS, coordination_network(tiny))}
    assert (rows[a("P1")].tasks_partner, rows[a("P1")].leads_served) == (4, 2)
    assert (rows[a("L1")].tasks_led, rows[a("L1")].tasks_partner) == (3, 0)
    assert rows[a("L1")].partners_engaged == 3 and rows[a("L1")].out_strength == 5
    assert rows[a("P1")].in_strength == 4 and rows[a("P1")].targets == 3
    assert rows[a("C")].load == 1


def test_overlaps_and_gaps_by_hand(tiny):
    """1.1 has tasks of L1 (t1) and L2 (t4, t5). t1 and t4 differ by one word pair only; t2 and
    t3 are identical but share their lead, so they are no finding. A1 declares 2.1.b and files
    its task under 2.1 (covered by the parent); A2 declares 3.1 with no task at all."""
    shared = targets_with_several_leads(tiny)
    assert [(s.notation, [(x.lead, x.tasks) for x in s.leads], s.declared_by) for s in shared] == [
        ("1.1", [(a("L1"), 1), (a("L2"), 2)], (1, 2))
    ]
    pairs = near_duplicate_tasks(tiny, threshold=0.8)
    assert [(p.a.rsplit("/", 1)[-1], p.b.rsplit("/", 1)[-1]) for p in pairs] == [("t1", "t4")]
    assert [(s.task.rsplit("/", 1)[-1], s.agency) for s in self_partnered(tiny)] == [
        ("t3", a("L1"))
    ]
    gaps = declared_gaps(tiny)
    assert [(d.appendix_number, d.notation) for d in gaps.no_task] == [(2, "3.1")]
    assert [(d.notation, d.via) for d in gaps.covered_by_parent] == [("2.1.b", ("2.1",))]
    assert gaps.total == 5
    (coverage,) = un_coverage(tiny)
    assert [c.notation for c in coverage.untouched_goals] == ["3"]
    assert [c.notation for c in coverage.untouched_targets] == ["3.1"]
    assert coverage.touched == {UN + "1.1": 3, UN + "1.2": 1, UN + "2.1": 1}
    assert tiny.tasks[f"{PLAN}/appendix/01/task/t1"].periods[0].label == "2017-2020"


def test_bad_graph_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_network_store(tmp_path / "missing.nt")
    broken = tmp_path / "broken.nt"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.nt: not valid N-Triples"):
        load_network_store(broken)
    unknown = tmp_path / "graph.csv"
    unknown.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown RDF format"):
        load_network_store(unknown)
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix ex: <http://example.org/> .\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no triples"):
        load_network_store(empty)


# -- the Hải Phòng plan -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def haiphong():
    """The bundled plan's graph, built in process and read through SPARQL."""
    return analyse(load(None).data)


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("extract") / "tables"
    assert main(["extract", "--out", str(out), "-q"]) == 0
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_partner_counts_match_the_extracted_tables(haiphong, tables):
    """tables/task_partners.csv has one row per task × partner: its counts are the number of
    tasks naming each unit, and the five units named most are, in order, the district People's
    Committees (310), unspecified departments (192), socio-political organisations (142),
    unspecified related units (110) and socio-professional organisations (106)."""
    counts = Counter(row["agency_id"] for row in read_csv(tables / "task_partners.csv"))
    rows = haiphong.views["all-units"].metrics
    ours = {row.identifier: row.tasks_partner for row in rows if row.tasks_partner}
    assert ours == dict(counts)
    top = sorted(rows, key=lambda r: -r.tasks_partner)[:5]
    assert [(r.identifier, r.tasks_partner) for r in top] == [
        ("ubnd-districts", 310),
        ("vague-depts-sectors", 192),
        ("to-chuc-ct-xh", 142),
        ("vague-related-units", 110),
        ("to-chuc-xh-nn", 106),
    ]
    named_top = max(haiphong.views["named-units"].metrics, key=lambda r: r.tasks_partner)
    assert (named_top.identifier, named_top.tasks_partner) == ("so-tnmt", counts["so-tnmt"])
    network = haiphong.views["all-units"].coordination
    assert sum(w for _, _, w in network.edges(data="weight")) == sum(counts.values())


def test_tasks_led_match_the_appendix_table(haiphong, tables):
    appendices = read_csv(tables / "appendices.csv")
    led = {r.identifier: r.tasks_led for r in haiphong.views["all-units"].metrics if r.tasks_led}
    assert led == {row["lead_agency_id"]: int(row["tasks"]) for row in appendices}


def test_views_keep_and_drop_collective_and_vague_units(haiphong, tables):
    kinds = {row["agency_id"]: row["kind"] for row in read_csv(tables / "agencies.csv")}
    all_units = {r.identifier for r in haiphong.views["all-units"].metrics}
    named = {r.identifier for r in haiphong.views["named-units"].metrics}
    aggregate = {"vague", "collective", "district-collective", "commune-collective"}
    assert {kinds[i] for i in all_units} & aggregate == aggregate
    assert not {kinds[i] for i in named} & aggregate
    assert all_units - named == {i for i in all_units if kinds[i] in aggregate}


def test_targets_with_two_leads_as_the_document_prints_them(haiphong):
    """Read in the source: 16.8 is declared by Công an thành phố (appendix 02, line 425) and Sở
    Tư pháp (appendix 16, line 3491); each files one task under "Mục tiêu 16.8" (task 6.1 on
    line 551 and task 6.1 on line 3625). 3.5.a: appendices 05 (line 873) and 06 (line 1138), with
    "Mục tiêu 3.5.a:" on lines 1120 and 1156. 6.4 and 12.5.a: appendices 07 (line 1423) and 14
    (line 3043), headings on lines 1517/3109 and 1535/3203. 13.1.a: appendices 12 (line 2371)
    and 14, headings on lines 2953 and 3231."""
    found = {
        s.notation: [(x.appendix_number, x.tasks) for x in s.leads] for s in haiphong.shared_targets
    }
    assert set(found) == {"3.5.a", "6.4", "12.5.a", "13.1.a", "16.8"}
    assert found["16.8"] == [(2, 1), (16, 1)]
    assert [n for n, _ in found["3.5.a"]] == [5, 6]
    assert [n for n, _ in found["13.1.a"]] == [12, 14]
    lines = {
        haiphong.data.tasks[t].line
        for t in haiphong.data.tasks
        if haiphong.data.tasks[t].notation == "16.8"
    }
    assert lines == {551, 3625}
    assert all(
        s.declared_by == tuple(n for n, _ in found[s.notation]) for s in haiphong.shared_targets
    )


def test_declared_targets_only_covered_through_their_parent(haiphong, tables):
    """Appendix 12 declares 2.1.b, 2.3.a, 6.1.b, 12.3.a and 13.3.c (line 2371) but files their
    tasks under goal 2, 2.3, goal 6, 12.3 and 13.3: irregularities.csv lists them as
    declared-covered-by-parent, and none as declared-without-tasks."""
    irregular = read_csv(tables / "irregularities.csv")
    by_parent = {row["raw"] for row in irregular if row["kind"] == "declared-covered-by-parent"}
    without = {row["raw"] for row in irregular if row["kind"] == "declared-without-tasks"}
    gaps = haiphong.declared_gaps
    assert (
        {d.notation for d in gaps.covered_by_parent}
        == by_parent
        == {"2.1.b", "2.3.a", "6.1.b", "12.3.a", "13.3.c"}
    )
    assert {d.notation for d in gaps.no_task} == without == set()
    assert dict((d.notation, d.via[0]) for d in gaps.covered_by_parent) == {
        "2.1.b": "2",
        "2.3.a": "2.3",
        "6.1.b": "6",
        "12.3.a": "12.3",
        "13.3.c": "13.3",
    }
    declared = sum(
        len(row["declared_targets"].split(";")) for row in read_csv(tables / "appendices.csv")
    )
    assert gaps.total == declared


def test_near_duplicate_texts_across_agencies(haiphong):
    """Line 2529 (appendix 12, task 6.3, Sở NN&PTNT) and line 3875 (appendix 18, task 1.3, Sở Xây
    dựng) print the same text, "Nghiên cứu, chuyển giao công nghệ xử lý nước sạch, nước mặn.";
    lines 1102 (appendix 05, task 8.1) and 3283 (appendix 14, task 8.2) differ by one letter
    ("đạo tạo" / "đào tạo")."""
    tasks = haiphong.data.tasks
    found = {
        (tasks[p.a].task_id, tasks[p.b].task_id): p.similarity for p in haiphong.near_duplicates
    }
    assert found[("A12-T6.3", "A18-T1.3")] == 1.0
    assert 0.9 < found[("A05-T8.1", "A14-T8.2")] < 1.0
    assert all(tasks[p.a].lead != tasks[p.b].lead for p in haiphong.near_duplicates)
    assert haiphong.self_partners == []


def test_un_goals_all_touched_and_targets_counted(haiphong):
    """Every VSDG concept with tasks carries a UN mapping; all 17 goals are reached, and the
    untouched UN targets are exactly those no mapping of a concept with tasks names."""
    (coverage,) = haiphong.un_coverage
    assert coverage.goals_total == 17 and coverage.targets_total == 169
    assert coverage.untouched_goals == ()
    assert coverage.targets_touched + len(coverage.untouched_targets) == 169
    assert "http://metadata.un.org/sdg/17.1" not in coverage.touched
