"""Provenance read back against the document itself: each lead cites the line that names it,
the extraction is a prov:Activity, and an inherited cell names the task that printed it."""

from __future__ import annotations

import datetime as dt
import hashlib

from build_graph.graph.builder import GraphBuilder
from build_graph.graph.provenance import build_time

from .conftest import rows

EXTRACTION = "https://w3id.org/sdgkg/source/hai-phong-2894-2017/extraction"


def test_each_lead_cites_the_line_that_names_the_agency_as_printed(store, source_lines):
    text = {line.number: line.text for line in source_lines}
    leads = rows(
        store,
        "SELECT ?a ?agent ?raw ?line WHERE { ?a sdgkg:role sdgkg:LeadRole ; sdgkg:agent ?agent ; "
        "sdgkg:rawText ?raw ; sdgkg:sourceLine ?line }",
    )
    assert len(leads) > 500
    for lead in leads:
        printed = text[int(str(lead["line"]))]
        assert lead["raw"] and str(lead["raw"]) in printed, lead
        assert not printed.upper().startswith("PHỤ LỤC"), lead  # not the appendix heading
    # the 20 appendix leads are named on their "CƠ QUAN CHỦ TRÌ THỰC HIỆN: …" lines
    lines = {int(str(lead["line"])) for lead in leads}
    assert len(lines) == 20
    assert all(text[n].startswith("CƠ QUAN CHỦ TRÌ THỰC HIỆN:") for n in lines)


def test_the_extraction_is_an_activity_with_software_time_checksum_and_parameters(
    store, plan, registry, source_path
):
    found = rows(
        store,
        f"SELECT ?p ?o WHERE {{ <{EXTRACTION}> ?p ?o }}",
    )
    facts = {(str(r["p"]), str(r["o"])) for r in found}
    prov, sdgkg = "http://www.w3.org/ns/prov#", "https://w3id.org/sdgkg/ontology#"
    assert (f"{prov[:-1]}#used", "https://w3id.org/sdgkg/source/hai-phong-2894-2017") in facts
    assert (f"{sdgkg}readAs", "text") in facts and (
        f"{sdgkg}tableLayout",
        "appendix-per-lead",
    ) in facts
    assert (f"{sdgkg}iriBase", "https://w3id.org/sdgkg/") in facts
    software = rows(
        store,
        f"SELECT ?version WHERE {{ <{EXTRACTION}> prov:wasAssociatedWith ?s . "
        "?s a prov:SoftwareAgent ; owl:versionInfo ?version }",
    )
    from build_graph import __version__

    assert software == [{"version": __version__}]
    checksum = rows(store, "SELECT ?h WHERE { ?doc a foaf:Document ; sdgkg:sha256 ?h }")
    assert checksum == [{"h": hashlib.sha256(source_path.read_bytes()).hexdigest()}]
    generated = rows(store, f"SELECT ?plan WHERE {{ ?plan prov:wasGeneratedBy <{EXTRACTION}> }}")
    assert [r["plan"] for r in generated] == ["https://w3id.org/sdgkg/plan/hai-phong-2894-2017"]


def test_the_start_time_is_the_declared_build_time_and_absent_without_it(plan, registry):
    stamp = "<http://www.w3.org/ns/prov#startedAtTime>"
    when = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    dated = GraphBuilder(plan, registry, started=when).build_lines()
    lines = [line for line in dated if stamp.encode() in line]
    assert lines == [
        f'<{EXTRACTION}> {stamp} "2026-01-01T12:00:00Z"'
        "^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n".encode()
    ]
    assert build_time({"SOURCE_DATE_EPOCH": "1767268800"}) == when
    assert build_time({}) is None
    undated = GraphBuilder(plan, registry, started=None)
    undated.started = None  # as a build without SOURCE_DATE_EPOCH
    assert not any(stamp.encode() in line for line in undated.build_lines())


def test_an_inherited_cell_names_the_task_whose_row_printed_it(store, source_lines):
    text = {line.number: line.text for line in source_lines}
    inherited = rows(
        store,
        "SELECT ?task ?role ?raw ?line ?printer ?printerLine WHERE { "
        "?task sdgkg:qualifiedAssignment ?a . ?a sdgkg:inherited true ; sdgkg:role ?role ; "
        "sdgkg:rawText ?raw ; sdgkg:inheritedFrom/sdgkg:lineNumber ?line ; "
        "sdgkg:inheritedFromTask ?printer . ?printer sdgkg:sourceLine ?printerLine }",
    )
    assert len(inherited) > 1000
    for row in inherited:
        line, printer_line = int(str(row["line"])), int(str(row["printerLine"]))
        # the cell is printed on the printer's row: after its number and text, before the next
        assert printer_line < line, row
        assert str(row["raw"]).split("\n")[0] == text[line], row
        assert row["printer"] != row["task"]
    # and the printer's own cell is that same printed cell, not inherited
    printed = rows(
        store,
        "SELECT ?printer ?line WHERE { ?a sdgkg:inheritedFromTask ?printer ; "
        "sdgkg:role ?role ; sdgkg:inheritedFrom/sdgkg:lineNumber ?line . "
        "FILTER NOT EXISTS { ?printer sdgkg:qualifiedAssignment ?own . "
        "?own sdgkg:role ?role ; sdgkg:inherited false ; sdgkg:sourceLine ?line } }",
    )
    assert printed == []
    periods = rows(
        store,
        "SELECT ?task ?printer WHERE { ?task sdgkg:periodInherited true ; "
        "sdgkg:periodSourceLine ?line ; sdgkg:periodInheritedFromTask ?printer . "
        "?printer sdgkg:periodInherited false ; sdgkg:periodSourceLine ?line }",
    )
    assert len(periods) > 100
    # a cell no task printed was printed on a sub-target's heading row ("Mục tiêu 16.5.c:")
    orphans = rows(
        store,
        "SELECT DISTINCT ?line WHERE { { ?task sdgkg:periodInherited true ; "
        "sdgkg:periodSourceLine ?line FILTER NOT EXISTS { ?task sdgkg:periodInheritedFromTask ?p } "
        "} UNION { ?a sdgkg:inherited true ; sdgkg:sourceLine ?line "
        "FILTER NOT EXISTS { ?a sdgkg:inheritedFromTask ?p } } }",
    )
    assert orphans
    for row in orphans:
        line = int(str(row["line"]))
        above = next(text[n] for n in range(line - 1, 0, -1) if text.get(n, "").strip("\xa0 "))
        assert above.startswith("Mục tiêu "), (line, above)
