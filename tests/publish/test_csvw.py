"""CSVW: every table's ``<table>.csv-metadata.json`` is valid for the ``csvw`` package (datatypes,
required cells, primary and foreign keys), and converting the tables to RDF with it gives
triples the graph already holds.

The ``csvw`` package implements CSV-to-JSON, not CSV-to-RDF; :func:`csv_to_rdf` below is the
W3C CSV2RDF minimal mode over it: ``csvw`` reads and types the cells and expands the URI
templates (``aboutUrl``, ``propertyUrl``, ``valueUrl``); this only turns each cell into its
triple (an IRI for a ``valueUrl``, else a literal of the column's datatype and language).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from csvw import CSVW
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

TABLES = [
    "agencies",
    "appendices",
    "headings",
    "irregularities",
    "targets",
    "task_partners",
    "tasks",
]
IN_GRAPH = ["agencies", "appendices", "targets", "task_partners", "tasks"]
SDGKG = "https://w3id.org/sdgkg/ontology#"


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    return hp_dist


@pytest.fixture(scope="module")
def graph(hp_graph) -> Graph:
    return hp_graph


def csv_to_rdf(metadata: Path) -> set[tuple]:
    """CSV2RDF (minimal mode) of the tables of ``metadata`` that are not suppressed."""
    reader = CSVW(str(metadata))  # validity is checked in its own test
    described = json.loads(metadata.read_text(encoding="utf-8"))["tables"]
    triples: set[tuple] = set()
    for table, description in zip(reader.tables, described, strict=True):
        if description.get("suppressOutput"):
            continue
        schema = table.tableSchema
        for number, row in enumerate(table.iterdicts(), start=1):

            def expand(template, values=row, n=number, t=table):
                return URIRef(t.expand(template, values, _row=n))

            subject = expand(schema.aboutUrl) if schema.aboutUrl else BNode()
            for column in schema.columns:
                if column.suppressOutput or not column.propertyUrl:
                    continue
                about = expand(column.aboutUrl) if column.aboutUrl else subject
                predicate = expand(column.propertyUrl)
                if column.virtual:
                    triples.add((about, predicate, expand(column.valueUrl)))
                    continue
                value = row.get(column.name)
                for item in value if isinstance(value, list) else [value]:
                    if item is None or item == "":
                        continue
                    base = column.datatype.base if column.datatype else "string"
                    if column.valueUrl:
                        obj = expand(column.valueUrl, {**row, column.name: item})
                    elif base == "string":
                        lang = column.lang if column.lang != "und" else None
                        obj = Literal(str(item), lang=lang)
                    elif base == "boolean":
                        obj = Literal("true" if item else "false", datatype=XSD.boolean)
                    else:
                        obj = Literal(str(item), datatype=XSD[base])
                    triples.add((about, predicate, obj))
    return triples


@pytest.fixture(scope="module")
def converted(dist) -> dict[str, set[tuple]]:
    return {name: csv_to_rdf(dist / "tables" / f"{name}.csv-metadata.json") for name in TABLES}


def rows(dist: Path, name: str) -> list[dict]:
    with (dist / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_table_has_valid_metadata_describing_every_column(dist):
    for name in TABLES:
        metadata = dist / "tables" / f"{name}.csv-metadata.json"
        reader = CSVW(str(metadata), validate=True, strict=False)
        assert reader.is_valid, (name, [str(w.message) for w in reader.warnings])
        table = reader.tables[0]
        header = list(rows(dist, name)[0])
        described = [c for c in table.tableSchema.columns if not c.virtual]
        assert [c.name for c in described] == header
        document = json.loads(metadata.read_text(encoding="utf-8"))
        for column in document["tables"][0]["tableSchema"]["columns"]:
            if not column.get("virtual"):
                assert column["datatype"] and column.get("dc:description"), (name, column)
        assert table.tableSchema.primaryKey, name


def test_keys_are_declared_and_hold(dist):
    tasks = json.loads((dist / "tables" / "tasks.csv-metadata.json").read_text("utf-8"))
    schema = tasks["tables"][0]["tableSchema"]
    assert schema["primaryKey"] == ["task_id"]
    references = {
        (tuple(fk["columnReference"]), fk["reference"]["resource"]) for fk in schema["foreignKeys"]
    }
    assert references == {
        (("appendix",), "appendices.csv"),
        (("lead_agency_id",), "agencies.csv"),
        (("target",), "targets.csv"),
    }
    # subtarget is empty where a task has none: told on the column, not a CSVW foreign key
    # (strict validation allows no empty cell in one); the Frictionless descriptor keeps it
    subtarget = next(c for c in schema["columns"] if c["name"] == "subtarget")
    assert subtarget["dc:relation"] == "targets.csv (code); an empty cell refers to none"
    package = json.loads((dist / "datapackage.json").read_text("utf-8"))
    tasks_resource = next(r for r in package["resources"] if r["name"] == "tasks")
    frictionless = {
        (tuple(fk["fields"]), fk["reference"]["resource"])
        for fk in tasks_resource["schema"]["foreignKeys"]
    }
    assert (("subtarget",), "targets") in frictionless and (("target",), "targets") in frictionless
    partners = json.loads((dist / "tables" / "task_partners.csv-metadata.json").read_text("utf-8"))
    assert partners["tables"][0]["tableSchema"]["primaryKey"] == ["task_id", "agency_id"]


@pytest.mark.parametrize("build", ["hp_dist", "synthetic_dist"])
def test_strict_csvwvalidate_passes_on_every_table(build, request):
    """``csvwvalidate`` (strict: no empty foreign-key cell) on every table's metadata, of the
    bundled plan and of a two-plan build (a folder per plan)."""
    folder = request.getfixturevalue(build)
    found = sorted(folder.glob("tables/**/*.csv-metadata.json"))
    assert len(found) >= len(TABLES)
    tool = Path(sys.executable).with_name("csvwvalidate")
    for metadata in found:
        reader = CSVW(str(metadata), validate=True, strict=True)
        assert reader.is_valid, (metadata, [str(w.message) for w in reader.warnings])
        done = subprocess.run([str(tool), str(metadata)], capture_output=True, text=True)
        assert (done.returncode, done.stdout.strip()) == (0, "OK"), (metadata, done.stdout)


def test_references_with_empty_cells_hold_where_given(dist):
    """What strict CSVW cannot check, checked here: every value of a column that refers to
    another table with empty cells allowed is a key of that table."""
    told = 0
    for metadata in sorted((dist / "tables").glob("*.csv-metadata.json")):
        table = json.loads(metadata.read_text(encoding="utf-8"))["tables"][0]
        for column in table["tableSchema"]["columns"]:
            relation = column.get("dc:relation")
            if not relation:
                continue
            target, key = re.match(r"^(\w+)\.csv \((\w+)\);", relation).groups()
            keys = {row[key] for row in rows(dist, target)}
            values = {row[column["name"]] for row in rows(dist, table["url"][:-4])}
            assert "" in values and values - {""} <= keys, (metadata.name, column["name"])
            told += 1
    assert told >= 2  # tasks.subtarget, targets.parent


def _broken_copy(dist: Path, tmp_path: Path, table: str, column: str, value: str) -> Path:
    folder = tmp_path / "tables"
    shutil.copytree(dist / "tables", folder)
    data = rows(dist, table)
    data[3][column] = value
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    return folder / f"{table}.csv-metadata.json"


def problems(metadata: Path) -> str:
    """What ``csvw`` finds wrong with the tables (it raises on the first row in error)."""
    try:
        reader = CSVW(str(metadata), validate=True, strict=False)
        return "" if reader.is_valid else "; ".join(str(w.message) for w in reader.warnings)
    except ValueError as exc:
        return str(exc)


@pytest.mark.parametrize(
    ("table", "column", "value", "found"),
    [
        ("tasks", "source_line", "0", "positiveInteger must be an integer between 1"),
        ("tasks", "lead_agency_id", "no-such-agency", "not found in table agencies.csv"),
        ("tasks", "task_id", "A01-T1.1", "duplicate primary key: A01-T1.1"),
        ("tasks", "text_vi", "", "required"),
        ("task_partners", "inherited", "maybe", "invalid lexical value for boolean: maybe"),
        ("appendices", "appendix_iri", "appendix/06", "invalid lexical value for string"),
    ],
)
def test_the_metadata_catches_a_broken_table(dist, tmp_path, table, column, value, found):
    assert found in problems(_broken_copy(dist, tmp_path, table, column, value))


def test_conversion_gives_only_triples_the_graph_holds(converted, graph):
    for name in IN_GRAPH:
        assert converted[name], name
        missing = [t for t in converted[name] if t not in graph]
        assert missing == [], (name, missing[:3])
    assert converted["headings"] == converted["irregularities"] == set()  # not in the graph


def test_conversion_covers_the_tasks_and_their_assignments(converted, graph, dist):
    tasks = converted["tasks"]
    for row in rows(dist, "tasks"):
        task = URIRef(row["task_iri"])
        assert (task, DCTERMS.identifier, Literal(row["task_id"])) in tasks
        assert (task, DCTERMS.description, Literal(row["text_vi"], lang="vi")) in tasks
        line = Literal(row["source_line"], datatype=XSD.positiveInteger)
        assert (task, URIRef(SDGKG + "sourceLine"), line) in tasks
        lead = URIRef(f"https://w3id.org/sdgkg/agency/hai-phong/{row['lead_agency_id']}")
        assert (task, URIRef(SDGKG + "leadAgency"), lead) in tasks
    # every partner assignment of the graph comes out of task_partners.csv, and no other
    partner = URIRef(SDGKG + "PartnerRole")
    in_graph = {
        (a, agent)
        for a in graph.subjects(URIRef(SDGKG + "role"), partner)
        for agent in graph.objects(a, URIRef(SDGKG + "agent"))
    }
    from_csv = {(s, o) for s, p, o in converted["task_partners"] if p == URIRef(SDGKG + "agent")}
    assert from_csv == in_graph and len(in_graph) == len(rows(dist, "task_partners")) == 2181


def test_conversion_types_and_labels_like_the_graph(converted):
    agencies = converted["agencies"]
    so_gtvt = URIRef("https://w3id.org/sdgkg/agency/hai-phong/so-gtvt")
    labels = {o for s, p, o in agencies if s == so_gtvt and p == RDFS.label}
    assert {o.language for o in labels} == {"vi", "en"}
    targets = converted["targets"]
    target = URIRef("https://w3id.org/sdgkg/vsdg/3.8")
    assert (
        target,
        URIRef("http://www.w3.org/2004/02/skos/core#broader"),
        URIRef("https://w3id.org/sdgkg/vsdg/3"),
    ) in targets
    appendix = URIRef("https://w3id.org/sdgkg/plan/hai-phong-2894-2017/appendix/06")
    assert (appendix, RDF.type, URIRef(SDGKG + "Appendix")) in converted["appendices"]
    assert (
        appendix,
        URIRef(SDGKG + "appendixNumber"),
        Literal("6", datatype=XSD.positiveInteger),
    ) in converted["appendices"]


def test_link_columns_are_the_plain_tables_with_the_iris_appended(tmp_path, registry, source_path):
    """The build writes the IRI link columns with the tables (``write_tables(links=...)``):
    a linked table is the plain table with the link columns appended, the plain columns keep
    their bytes, and the other tables are the plain ones."""
    from build_graph.read.partners import Resolver
    from build_graph.read.reader import read_plan
    from build_graph.tables.links import link_values, plan_iris
    from build_graph.tables.schema import LINK_COLUMNS, LINK_ROW_KEY
    from build_graph.tables.write import write_tables

    plan = read_plan(source_path, resolver=Resolver(registry))
    links = link_values(plan, plan_iris(plan, registry, "https://w3id.org/sdgkg/"))
    linked, plain = tmp_path / "linked", tmp_path / "plain"
    linked.mkdir()
    plain.mkdir()
    write_tables(plan, registry, linked, links)
    write_tables(plan, registry, plain)
    names = sorted(path.name for path in linked.iterdir())
    assert names == sorted(path.name for path in plain.iterdir())
    for name in names:
        table = name.removesuffix(".csv")
        if table not in LINK_COLUMNS:
            assert (linked / name).read_bytes() == (plain / name).read_bytes(), name
            continue
        with (plain / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        rewritten = io.StringIO(newline="")
        csv.writer(rewritten, lineterminator="\n").writerows(rows)
        assert rewritten.getvalue().encode() == (plain / name).read_bytes()  # a faithful reading
        header, key = rows[0], rows[0].index(LINK_ROW_KEY[table])
        expected = io.StringIO(newline="")
        csv.writer(expected, lineterminator="\n").writerows(
            [header + list(LINK_COLUMNS[table])]
            + [row + [links[table][row[key]][c] for c in LINK_COLUMNS[table]] for row in rows[1:]]
        )
        assert (linked / name).read_bytes() == expected.getvalue().encode(), name
    header = (linked / "tasks.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-2:] == ["task_iri", "appendix_iri"]
