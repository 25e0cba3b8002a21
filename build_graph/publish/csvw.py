"""CSVW metadata for the published tables, and the link columns that tie them to the graph.

Each ``tables/<table>.csv`` gets ``<table>.csv-metadata.json`` (the location CSVW processors
look for first): a table group holding that table, with its datatypes, keys and the URI
templates that turn its rows into the graph's own triples, plus the tables its foreign keys
point to (with ``suppressOutput``, there only so that the keys can be checked on their own).

A foreign key whose column has empty cells (a goal has no parent target, most tasks no
sub-target) is not declared as a CSVW foreign key: strict CSVW validation (``csvwvalidate``)
allows no empty cell in one. The column says what it refers to (``dc:relation``), the
Frictionless descriptor keeps the key (where an empty cell is no reference), and the tests
check that every value given is there.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from build_graph.tables.schema import (
    Column,
    ForeignKey,
    TableSpec,
    Templates,
    generic_spec,
    table_specs,
)

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
METADATA_SUFFIX = ".csv-metadata.json"
IRI_PATTERN = r"^https?://\S+$"


def read_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def specs_for_folder(tables: Path, templates: Templates) -> list[TableSpec]:
    """The spec of every CSV table in ``tables``, in file-name order; the spec's columns follow
    the file's header, so that a column added to the extraction is still described (as text)."""
    known = table_specs(templates)
    specs = []
    for path in sorted(tables.glob("*.csv")):
        name = path.stem
        header = read_header(path)
        spec = known.get(name)
        if spec is None:
            specs.append(generic_spec(name, header))
            continue
        by_name = {column.name: column for column in spec.columns}
        columns = tuple(by_name.get(h) or Column(h, "string", "") for h in header)
        keys = set(header)
        specs.append(
            TableSpec(
                spec.name,
                spec.title,
                spec.description,
                columns,
                primary_key=spec.primary_key if set(spec.primary_key) <= keys else (),
                foreign_keys=tuple(
                    fk
                    for fk in spec.foreign_keys
                    if set(fk.columns) <= keys and (tables / f"{fk.table}.csv").is_file()
                ),
                about_url=spec.about_url,
                virtuals=spec.virtuals,
                in_graph=spec.in_graph,
                graph_note=spec.graph_note,
            )
        )
    return specs


def _column_json(column: Column) -> dict:
    datatype: str | dict = column.datatype
    if column.iri:
        datatype = {"base": "string", "format": IRI_PATTERN}
    out: dict = {"name": column.name, "titles": column.name, "datatype": datatype}
    if column.description:
        out["dc:description"] = column.description
    if column.required:
        out["required"] = True
    if column.separator:
        out["separator"] = column.separator
    if column.lang:
        out["lang"] = column.lang
    if column.about_url:
        out["aboutUrl"] = column.about_url
    if column.property:
        out["propertyUrl"] = column.property
        if column.value_url:
            out["valueUrl"] = column.value_url
    else:
        out["suppressOutput"] = True
    return out


def table_json(
    spec: TableSpec, suppress: bool = False, optional: tuple[ForeignKey, ...] = ()
) -> dict:
    """One CSVW table description; ``optional``: the references with empty cells, told on
    their columns rather than declared as foreign keys."""
    columns = [_column_json(column) for column in spec.columns]
    for fk in optional:
        for column in columns:
            if column["name"] in fk.columns:
                column["dc:relation"] = (
                    f"{fk.table}.csv ({', '.join(fk.reference)}); an empty cell refers to none"
                )
    columns += [
        {"name": v.name, "virtual": True, "propertyUrl": v.property, "valueUrl": v.value_url}
        | ({"aboutUrl": v.about_url} if v.about_url else {})
        for v in spec.virtuals
    ]
    schema: dict = {"columns": columns}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {
                "columnReference": list(fk.columns),
                "reference": {"resource": f"{fk.table}.csv", "columnReference": list(fk.reference)},
            }
            for fk in spec.foreign_keys
        ]
    if spec.about_url and spec.in_graph:
        schema["aboutUrl"] = spec.about_url
    table: dict = {
        "url": spec.file,
        "dc:title": spec.title,
        "dc:description": spec.description,
    }
    if spec.graph_note:
        table["rdfs:comment"] = spec.graph_note
    if suppress or not spec.in_graph:
        table["suppressOutput"] = True
    table["dialect"] = {"encoding": "utf-8", "header": True, "lineTerminators": ["\n"]}
    table["tableSchema"] = schema
    return table


def _referenced(spec: TableSpec, specs: dict[str, TableSpec]) -> set[str]:
    """The tables ``spec``'s keys reach, directly or through other tables' keys."""
    seen: set[str] = set()
    todo = [spec.name]
    while todo:
        current = specs.get(todo.pop())
        for fk in current.foreign_keys if current else ():
            if fk.table not in seen:
                seen.add(fk.table)
                todo.append(fk.table)
    return seen


def metadata_json(
    spec: TableSpec,
    specs: dict[str, TableSpec],
    licence: str,
    optional: dict[str, tuple[ForeignKey, ...]] | None = None,
) -> dict:
    """The table group written beside ``spec``'s CSV: the table and the tables it refers to;
    ``specs`` hold the foreign keys to declare, ``optional`` per table the others."""
    optional = optional or {}
    referenced = sorted(_referenced(spec, specs) - {spec.name})
    return {
        "@context": [CSVW_CONTEXT, {"@language": "en"}],
        "dc:title": f"{spec.title} ({spec.file})",
        "dc:license": {"@id": licence},
        "tables": [table_json(spec, optional=optional.get(spec.name, ()))]
        + [
            table_json(specs[name], suppress=True, optional=optional.get(name, ()))
            for name in referenced
            if name in specs
        ],
    }


def columns_with_empty_cells(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {name for row in csv.DictReader(handle) for name, value in row.items() if not value}


def split_keys(spec: TableSpec, empty: set[str]) -> tuple[TableSpec, tuple[ForeignKey, ...]]:
    """``spec`` with the foreign keys strict validation can check, and the ones it cannot
    (a column with empty cells)."""
    optional = tuple(fk for fk in spec.foreign_keys if set(fk.columns) & empty)
    kept = tuple(fk for fk in spec.foreign_keys if fk not in optional)
    return replace(spec, foreign_keys=kept), optional


def write_csvw(tables: Path, templates: Templates, licence: str) -> list[Path]:
    """Write ``<table>.csv-metadata.json`` for every CSV table in ``tables``."""
    specs, optional = {}, {}
    for spec in specs_for_folder(tables, templates):
        empty = columns_with_empty_cells(tables / spec.file)
        specs[spec.name], optional[spec.name] = split_keys(spec, empty)
    written = []
    for spec in specs.values():
        path = tables / f"{spec.name}{METADATA_SUFFIX}"
        document = metadata_json(spec, specs, licence, optional)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
        written.append(path)
    return written
