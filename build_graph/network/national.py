"""Gaps against the national plan: the VSDG targets of Decision 622/QĐ-TTg that a province did
not adopt, and the UN targets no task reaches, the means-of-implementation ones flagged.

The yardstick a province is held to is the national plan's list of 115 VSDG targets
(Decision 622/QĐ-TTg, Appendix 1), not the UN's 169: a UN target Viet Nam did not adopt is no
province's gap. The list is read from ``data/vsdg-national-targets.csv`` when it is bundled
(``code,text_vi,text_en``; see its README); without it the report says so and gives only what
the graph can show.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from build_graph.network.data import NetworkData, UnConcept, code_key
from build_graph.resources import data_file

NATIONAL_FILE = "vsdg-national-targets.csv"
NATIONAL_COUNT = 115


@dataclass(frozen=True)
class NationalTarget:
    code: str
    text_vi: str
    text_en: str


@dataclass
class NationalList:
    """The national list as bundled, or why it is not."""

    path: Path
    targets: list[NationalTarget]
    problem: str = ""  # "" when the list is there with NATIONAL_COUNT targets

    @property
    def usable(self) -> bool:
        return bool(self.targets) and not self.problem


def load_national(path: Path | None = None) -> NationalList:
    """Read the national list; a missing file or a count other than 115 is a stated problem,
    never an error (the rest of the report does not depend on it)."""
    path = path if path is not None else data_file(NATIONAL_FILE)
    if not path.exists():
        return NationalList(
            path,
            [],
            "the list of the 115 VSDG targets of Decision 622/QĐ-TTg (Appendix 1) is not "
            "bundled: its full text could not be found in the sources this project could "
            "consult, so the targets the province did not adopt cannot be computed",
        )
    with path.open(encoding="utf-8", newline="") as handle:
        targets = [
            NationalTarget(row["code"].strip(), row.get("text_vi", ""), row.get("text_en", ""))
            for row in csv.DictReader(handle)
        ]
    problem = ""
    if len(targets) != NATIONAL_COUNT:
        problem = f"{path.name} holds {len(targets)} targets, not {NATIONAL_COUNT}"
    return NationalList(path, sorted(targets, key=lambda t: code_key(t.code)), problem)


@dataclass
class NationalGaps:
    plan: str
    adopted: set[str]  # VSDG target codes (X.Y) the plan files tasks under or declares
    not_adopted: list[NationalTarget]


def adopted_targets(data: NetworkData, plan: str) -> set[str]:
    """The VSDG targets (X.Y) a plan adopts: filed tasks under (sub-targets rolled up) or
    declared by an appendix."""
    codes = {t.target_notation for t in data.tasks.values() if t.plan == plan}
    codes |= {".".join(d.notation.split(".")[:2]) for d in data.declared if d.plan == plan}
    return {code for code in codes if code.count(".") == 1}


def national_gaps(data: NetworkData, national: NationalList) -> list[NationalGaps]:
    """Per plan, the national targets it did not adopt (empty when the list is unusable)."""
    if not national.usable:
        return []
    result = []
    for plan in sorted(data.plans or {t.plan for t in data.tasks.values()}):
        adopted = adopted_targets(data, plan)
        result.append(
            NationalGaps(plan, adopted, [t for t in national.targets if t.code not in adopted])
        )
    return result


def split_un_gaps(untouched: tuple[UnConcept, ...]) -> tuple[list[UnConcept], list[UnConcept]]:
    """The untouched UN targets: outcome targets, and means-of-implementation or Goal 17 ones
    (mostly national competences)."""
    outcome = [u for u in untouched if not u.means_of_implementation]
    national = [u for u in untouched if u.means_of_implementation]
    return outcome, national
