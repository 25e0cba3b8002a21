"""``datapackage.json``: a Frictionless Data Package with a Table Schema for every table; it
validates with zero errors, and the validation does catch a changed byte, type or key."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate

TABLES = [
    "agencies",
    "appendices",
    "headings",
    "irregularities",
    "source_refs",
    "targets",
    "task_leads",
    "task_partners",
    "tasks",
]


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    return hp_dist


@pytest.fixture(scope="module")
def package(dist) -> dict:
    return json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_the_package_validates_with_zero_errors(dist):
    report = validate(dist / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
    assert report.stats["errors"] == 0
    assert report.stats["tasks"] == len(TABLES)


def test_every_table_is_a_resource_with_a_schema_size_and_hash(dist, package):
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {f"tables/{name}.csv" for name in TABLES}
    for path, resource in resources.items():
        data = (dist / path).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header(dist / path)
        assert all(f.get("description") for f in fields), path
        assert resource["schema"]["primaryKey"], path
    tasks = resources["tables/tasks.csv"]["schema"]
    fields = {f["name"]: f for f in tasks["fields"]}
    assert fields["source_line"]["type"] == "integer"
    assert fields["source_line"]["constraints"] == {"minimum": 1, "required": True}
    assert fields["partners_inherited"]["type"] == "boolean"
    assert fields["periods"]["type"] == "list" and fields["periods"]["delimiter"] == ";"
    assert fields["task_iri"]["format"] == "uri"
    assert {
        "fields": ["lead_agency_id"],
        "reference": {"resource": "agencies", "fields": ["agency_id"]},
    } in tasks["foreignKeys"]


def test_package_metadata_names_the_data_set_and_its_licence(package):
    assert package["name"] == "sdgkg-hai-phong-2894-2017"
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        }
    ]
    assert "2894/QĐ-UBND" in package["title"]
    assert package["homepage"] == "https://w3id.org/sdgkg/download/index.html"
    # the settings `sdgkg bundle` reuses when it describes the folder again
    assert package["sdgkg"]["download_base"] == "https://w3id.org/sdgkg/download/"


def _copy(dist: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dist"
    shutil.copytree(dist / "tables", copy / "tables")
    shutil.copy(dist / "datapackage.json", copy / "datapackage.json")
    return copy


def _edit(path: Path, row: int, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _errors(folder: Path, keep_hashes: bool) -> set[str]:
    descriptor = folder / "datapackage.json"
    if not keep_hashes:  # measure the schema alone: drop the checksums the edit breaks
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        for resource in package["resources"]:
            resource.pop("hash"), resource.pop("bytes")
        descriptor.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = validate(descriptor)
    return {error[0] for error in report.flatten(["type"])}


@pytest.mark.parametrize(
    ("table", "column", "value", "error"),
    [
        ("tasks", "source_line", "0", "constraint-error"),
        ("tasks", "partners_inherited", "maybe", "type-error"),
        ("tasks", "lead_agency_id", "no-such-agency", "foreign-key"),
        ("agencies", "agency_id", "so-gtvt", "primary-key"),
    ],
)
def test_validation_catches_a_broken_table(dist, tmp_path, table, column, value, error):
    copy = _copy(dist, tmp_path)
    _edit(copy / "tables" / f"{table}.csv", 3, column, value)
    assert "hash-count" in _errors(copy, keep_hashes=True)  # any changed byte
    assert error in _errors(copy, keep_hashes=False)
