"""Check a multi-plan build for names matched across provinces, and measure unresolved links.

Reads the tables a build writes per plan (``DIST/tables/<plan>/``) and the graph's agency IRIs
(``DIST/graph.nt``), and counts, per plan and in all:

* **cross-province matches**, which must be 0:
  - an agency of the plan whose Vietnamese or English name names another province (the
    gazetteer's 63 names, as whole words, the plan's own province excepted);
  - a district committee id (``ubnd-{q,h,tx,tp}-…``) that is not a district of the plan's
    own province on the plan's date in the gazetteer;
  - an agency IRI of the plan's graph (``…/agency/<province>/<id>``) under another province;
* **unresolved links**: rows of ``task_partners.csv`` (and of ``task_leads.csv``) whose agency
  is ``unresolved-…``, as a share of all rows, and the names behind them, most frequent first;
* **fuzzy links**: rows read by a close spelling.

Usage::

    python bench/make_corpus.py 63 --out /tmp/nat63
    sdgkg build --sources /tmp/nat63 --out /tmp/nat63-dist -q
    python bench/registry_check.py /tmp/nat63-dist

Prints numbers; exits 1 when a cross-province match is found (a defect, not a measure).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_graph.model.agencies import slug
from build_graph.model.gazetteer import UNIT_ID, districts_on, find_province, new_tones, provinces

DISTRICT_ID = re.compile(r"^ubnd-(q|h|tx|tp)-(.+)$")
AGENCY_IRI = re.compile(r"<https://w3id\.org/sdgkg/agency/([^/>]+)/([^/>]+)>")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# The Youth Union bears Hồ Chí Minh's name, not the city's.
_PERSON = re.compile(r"cộng sản hồ chí minh|tncs hồ chí minh|hồ chí minh communist", re.I)


def _comparable(text: str) -> str:
    """Lower case, new tone placement: "Quang Bình" (Hà Giang) is not "Quảng Bình"."""
    return " ".join(new_tones(_PERSON.sub(" ", text)).lower().split())


def _other_province_names(own: str) -> list[re.Pattern[str]]:
    names = [p.name for p in provinces().values() if p.name != own]
    return [re.compile(rf"(?<!\w){re.escape(_comparable(n))}(?!\w)") for n in names]


@dataclass
class PlanCheck:
    """What one plan's tables say about its names."""

    plan: str
    province: str
    links: int
    unresolved_names: Counter[str]
    fuzzy: int
    foreign: list[str] = field(default_factory=list)

    @property
    def unresolved(self) -> int:
        return sum(self.unresolved_names.values())


def check_plan(folder: Path) -> PlanCheck:
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    province = find_province(plan.get("issuer", ""), plan.get("place", ""))
    own = province.name if province else plan.get("place", "")
    when = date.fromisoformat(plan["date"]) if plan.get("date") else None
    own_districts = (
        {f"ubnd-{UNIT_ID[d.unit]}-{slug(d.name)}" for d in districts_on(province, when)}
        if province
        else set()
    )
    others = _other_province_names(own)
    foreign: list[str] = []
    for agency in _rows(folder / "agencies.csv"):
        if agency["agency_id"].startswith("unresolved-"):
            continue
        district = DISTRICT_ID.match(agency["agency_id"])
        names = _comparable(agency["name_vi"] + " | " + agency["name_en"])
        hit = next((p.pattern for p in others if p.search(names)), None)
        # a district may bear a province's name (Quảng Ninh district of Quảng Bình): its
        # check is that it is a district of the plan's own province
        if hit and not district:
            foreign.append(f"{agency['agency_id']} named for another province ({hit})")
        if (
            district
            and agency["agency_id"] != "ubnd-tp"
            and agency["agency_id"] not in own_districts
        ):
            foreign.append(f"{agency['agency_id']} is no district of {own}")
    links = _rows(folder / "task_partners.csv") + _rows(folder / "task_leads.csv")
    return PlanCheck(
        folder.name,
        own,
        len(links),
        Counter(r["raw"] for r in links if r["agency_id"].startswith("unresolved-")),
        sum(1 for r in links if r.get("how") == "fuzzy"),
        foreign,
    )


def graph_provinces(graph: Path) -> dict[str, set[str]]:
    """The province slugs of agency IRIs, by plan IRI slug, from the N-Triples."""
    found: dict[str, set[str]] = {}
    plan_iri = re.compile(r"^<https://w3id\.org/sdgkg/plan/([^/>]+)[/>]")
    with graph.open(encoding="utf-8") as handle:
        for line in handle:
            plan = plan_iri.match(line)
            if not plan:
                continue
            for match in AGENCY_IRI.finditer(line):
                found.setdefault(plan[1], set()).add(match[1])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", type=Path, help="the output folder of `sdgkg build --sources`")
    args = parser.parse_args()
    folders = sorted(p for p in (args.dist / "tables").iterdir() if (p / "plan.json").exists())
    results = [check_plan(folder) for folder in folders]
    by_plan = graph_provinces(args.dist / "graph.nt")
    for result in results:
        wrong = sorted(by_plan.get(result.plan, set()) - {slug(result.province)})
        if wrong:
            result.foreign.append(f"agency IRIs under {', '.join(wrong)}")
    links = sum(r.links for r in results)
    unresolved = sum(r.unresolved for r in results)
    fuzzy = sum(r.fuzzy for r in results)
    foreign = [f"{r.plan}: {line}" for r in results for line in r.foreign]
    names: Counter[str] = Counter()
    for result in results:
        names.update(result.unresolved_names)
    shares = sorted(r.unresolved / max(1, r.links) for r in results)
    print(
        f"REGISTRY plans={len(results)} links={links} unresolved={unresolved} "
        f"({unresolved / max(1, links):.1%}) fuzzy={fuzzy} cross_province={len(foreign)}"
    )
    if shares:
        print(
            f"unresolved share per plan: min {shares[0]:.1%}, median "
            f"{shares[len(shares) // 2]:.1%}, max {shares[-1]:.1%}"
        )
    print("most frequent unresolved names (links):")
    for name, count in names.most_common(12):
        print(f"  {count:5d}  {name}")
    for line in foreign:
        print(f"CROSS-PROVINCE {line}")
    return 1 if foreign else 0


if __name__ == "__main__":
    sys.exit(main())
