"""Running ``sdgkg extract`` as a user does (a process) and reading back every table it wrote:
the one way the held-out tests see the reader."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class ExtractedTables:
    """The CSV tables (by file name), ``plan.json`` and the warnings of one extraction."""

    tables: dict[str, list[dict[str, str]]]
    plan: dict
    stderr: str

    def rows(self, name: str) -> list[dict[str, str]]:
        return self.tables[name]

    def partners_by_task(self) -> dict[str, list[dict[str, str]]]:
        partners: dict[str, list[dict[str, str]]] = {}
        for row in self.tables["task_partners.csv"]:
            partners.setdefault(row["task_id"], []).append(row)
        return partners


def extract_tables(source: Path, label: str) -> ExtractedTables:
    """Extract ``source`` into a temporary folder, assert the command succeeded (``label`` names
    the case in the failure), and read everything back before the folder goes."""
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        out = Path(tmp) / "out"
        command = ["extract", str(source), "--out", str(out), "-q"]
        proc = subprocess.run(
            [sys.executable, "-m", "build_graph.cli", *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, (
            f"{label}: sdgkg extract {source.name} exited {proc.returncode}:\n{proc.stderr}"
        )
        tables = {}
        for path in sorted(out.glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                tables[path.name] = list(csv.DictReader(handle))
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    return ExtractedTables(tables, plan, proc.stderr)


# -- one task's row of tasks.csv against its key: True, or what differs --------------------------
def _listed(value: str | None) -> list[str]:
    return [x.strip() for x in (value or "").split(";") if x.strip()]


def lead_differs(key: dict, row: dict[str, str]) -> bool | str:
    if set(_listed(row.get("lead_agency_id"))) == {key["lead_agency_id"]}:
        return True
    return f"lead_agency_id {row.get('lead_agency_id')!r}, key {key['lead_agency_id']!r}"


def target_differs(key: dict, row: dict[str, str]) -> bool | str:
    got = (row.get("target", ""), row.get("subtarget", ""))
    want = (key["target"], key["subtarget"])
    return True if got == want else f"target/subtarget {got}, key {want}"


def period_differs(key: dict, row: dict[str, str]) -> bool | str:
    got = sorted(_listed(row.get("periods")))
    if got == sorted(key["periods"]):
        return True
    return f"periods {got} (raw {row.get('period_raw', '')!r}), key {key['periods']}"
