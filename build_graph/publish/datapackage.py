"""The Frictionless Data Package descriptor: every table with its Table Schema, size and hash.

Written from the same column descriptions as the CSVW metadata (``tables/schema.py``), so both say
the same; ``frictionless validate datapackage.json`` checks every row, key and checksum.
"""

from __future__ import annotations

import json
from pathlib import Path

from build_graph.tables.schema import Column, TableSpec

# XSD datatypes of the specs → Table Schema field types and constraints.
_TYPES: dict[str, tuple[str, dict]] = {
    "string": ("string", {}),
    "anyURI": ("string", {}),
    "boolean": ("boolean", {}),
    "positiveInteger": ("integer", {"minimum": 1}),
    "nonNegativeInteger": ("integer", {"minimum": 0}),
    "integer": ("integer", {}),
}


def field_json(column: Column) -> dict:
    kind, constraints = _TYPES.get(column.datatype, ("string", {}))
    field: dict = {"name": column.name}
    if column.separator:
        field["type"] = "list"
        field["delimiter"] = column.separator
        field["itemType"] = kind
    else:
        field["type"] = kind
    if column.iri or column.datatype == "anyURI":
        field["format"] = "uri"
    if kind == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    if column.description:
        field["description"] = column.description
    if column.property:
        field["rdfType"] = column.property
    constraints = {} if column.separator else dict(constraints)
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if constraints:
        field["constraints"] = dict(sorted(constraints.items()))
    return field


def resource_name(prefix: str, table: str) -> str:
    """Frictionless names are lowercase letters, digits and ``-._/``."""
    return prefix + table.replace("_", "-")


def resource_json(spec: TableSpec, path: str, size: int, sha256: str, prefix: str) -> dict:
    """One tabular data resource; ``prefix`` keeps names unique across plans."""
    schema: dict = {"fields": [field_json(c) for c in spec.columns], "missingValues": [""]}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.columns),
                "reference": {
                    "resource": "" if fk.table == spec.name else resource_name(prefix, fk.table),
                    "fields": list(fk.reference),
                },
            }
            for fk in spec.foreign_keys
        ]
    return {
        "name": resource_name(prefix, spec.name),
        "profile": "tabular-data-resource",
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": spec.title,
        "description": spec.description,
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": schema,
    }


def package_json(meta: dict, resources: list[dict]) -> dict:
    """The descriptor: ``meta`` holds name, title, description, version, licence and the rest."""
    return {**meta, "resources": resources}


def write_datapackage(path: Path, meta: dict, resources: list[dict]) -> Path:
    path.write_text(
        json.dumps(package_json(meta, resources), ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    return path
