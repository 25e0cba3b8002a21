"""The extracted plan as UTF-8 CSV tables (and plan.json): the interface of every later step."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from build_graph.model.agencies import Registry
from build_graph.model.codes import sort_key
from build_graph.model.plan import Plan
from build_graph.tables.schema import LINK_COLUMNS, LINK_ROW_KEY, LinkValues

TASK_COLUMNS = [
    "task_id",
    "appendix",
    "task_no",
    "parent_task_no",
    "heading_no",
    "lead_agency_id",
    "target",
    "subtarget",
    "periods",
    "period_kinds",
    "partners_inherited",
    "period_inherited",
    "partner_source_line",
    "period_source_line",
    "partner_raw",
    "period_raw",
    "text_vi",
    "source_line",
    "text_lines",
]
PARTNER_COLUMNS = ["task_id", "agency_id", "inherited", "raw", "how", "cell_line"]
LEAD_COLUMNS = PARTNER_COLUMNS
SOURCE_REF_COLUMNS = ["line", "ref"]
AGENCY_COLUMNS = ["agency_id", "name_vi", "name_en", "kind", "aliases", "member_of", "mentions"]
TARGET_COLUMNS = ["code", "level", "parent", "text_vi", "source_line"]
APPENDIX_COLUMNS = [
    "appendix",
    "lead_agency_id",
    "declared_targets",
    "lead_heading_raw",
    "lead_intro_raw",
    "source_line",
    "declared_line",
    "tasks",
]
HEADING_COLUMNS = ["appendix", "kind", "number", "code", "code_raw", "text_vi", "source_line"]
IRREGULARITY_COLUMNS = ["kind", "line", "message", "raw", "reading"]


def _flag(value: bool) -> str:
    return "true" if value else "false"


def write_rows(
    handle: TextIO,
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    lineterminator: str = "\n",
) -> None:
    """The header, then each row's values in column order (None, or no value: an empty cell).
    csv.writer on lists: DictWriter builds a dict, then a list, of every row."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow(columns)
    writer.writerows(
        ["" if (value := row.get(key)) is None else value for key in columns] for row in rows
    )


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_rows(handle, columns, rows)


def task_rows(plan: Plan) -> list[dict]:
    rows = []
    for appendix in plan.appendices:
        for task in appendix.tasks:
            rows.append(
                {
                    "task_id": task.task_id,
                    "appendix": task.appendix,
                    "task_no": task.number,
                    "parent_task_no": task.parent_number,
                    "heading_no": task.heading_number,
                    "lead_agency_id": next(iter(appendix.task_leads(task)), ""),
                    "target": task.target.code,
                    "subtarget": task.subtarget.code if task.subtarget else "",
                    "periods": ";".join(p.label for p in task.periods),
                    "period_kinds": ";".join(sorted({p.kind for p in task.periods})),
                    "partners_inherited": _flag(task.partner_cell.inherited),
                    "period_inherited": _flag(task.period_cell.inherited),
                    "partner_source_line": task.partner_cell.source_line,
                    "period_source_line": task.period_cell.source_line,
                    "partner_raw": task.partner_cell.cell.raw if task.partner_cell.cell else "",
                    "period_raw": task.period_cell.cell.raw if task.period_cell.cell else "",
                    "text_vi": task.text,
                    "source_line": task.line,
                    "text_lines": ";".join(str(n) for n in task.text_lines),
                }
            )
    return rows


def partner_rows(plan: Plan) -> list[dict]:
    return [
        {
            "task_id": task.task_id,
            "agency_id": mention.agency_id,
            "inherited": _flag(task.partner_cell.inherited),
            "raw": mention.raw,
            "how": mention.how,
            "cell_line": task.partner_cell.source_line,
        }
        for task in plan.tasks
        for mention in task.partners
    ]


def lead_rows(plan: Plan) -> list[dict]:
    """One row per task and lead: its lead cell where the plan has a lead column, else the
    appendix's lead (``how`` = ``appendix``: named by the appendix heading, intro or list)."""
    rows = []
    for appendix in plan.appendices:
        for task in appendix.tasks:
            if task.leads:
                cell = task.lead_cell.cell
                rows += [
                    {
                        "task_id": task.task_id,
                        "agency_id": mention.agency_id,
                        "inherited": _flag(task.lead_cell.inherited),
                        "raw": mention.raw,
                        "how": mention.how,
                        "cell_line": cell.line if cell else task.line,
                    }
                    for mention in task.leads
                ]
            elif appendix.lead_agency_id:
                rows.append(
                    {
                        "task_id": task.task_id,
                        "agency_id": appendix.lead_agency_id,
                        "inherited": "false",
                        "raw": appendix.lead_heading_raw or appendix.lead_intro_raw,
                        "how": "appendix",
                        "cell_line": appendix.lead_line or appendix.line,
                    }
                )
    return rows


def source_ref_rows(plan: Plan) -> list[dict]:
    """Every line a fact may cite, and where it stands in the file (a table cell, a page)."""
    return [
        {"line": line, "ref": plan.source_refs.get(line) or f"line {line}"}
        for line in sorted(plan.line_texts)
    ]


def _issuer(plan: Plan, registry: Registry) -> set[str]:
    found = registry.lookup(plan.metadata.issuer) if plan.metadata.issuer else None
    return set(found or ())


def agency_rows(plan: Plan, registry: Registry) -> list[dict]:
    """The agencies the plan names (as partner, lead, in its appendix list, as its issuer),
    the members of the collectives it names, and the names no rule resolved; aliases are the
    spellings this plan uses."""
    spellings: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, int] = defaultdict(int)
    unresolved: dict[str, str] = {}
    for task in plan.tasks:
        for mention in task.partners:
            spellings[mention.agency_id].add(mention.raw)
            mentions[mention.agency_id] += 1
            if mention.how == "unresolved":
                unresolved[mention.agency_id] = mention.raw
        for mention in task.leads:
            spellings[mention.agency_id].add(mention.raw)
            if mention.how == "unresolved":
                unresolved[mention.agency_id] = mention.raw
    for appendix in plan.appendices:
        for raw in (appendix.lead_heading_raw, appendix.lead_intro_raw):
            if raw:
                spellings[appendix.lead_agency_id].add(raw)
    for entry in plan.appendix_list:
        spellings[entry.agency_id].add(entry.raw_name)
    registry = registry.for_plan(plan.metadata)  # the plan's own province
    named = set(spellings) | _issuer(plan, registry)
    named |= {a.agency_id for a in registry.agencies.values() if set(a.member_of) & named}
    rows = [
        {
            "agency_id": agency.agency_id,
            "name_vi": agency.name_vi,
            "name_en": agency.name_en,
            "kind": agency.kind,
            "aliases": ";".join(sorted(spellings.get(agency.agency_id, ()))),
            "member_of": ";".join(agency.member_of),
            "mentions": mentions.get(agency.agency_id, 0),
        }
        for agency in registry.agencies.values()
        if agency.agency_id in named
    ]
    rows += [
        {
            "agency_id": agency_id,
            "name_vi": raw,
            "name_en": "",
            "kind": "unresolved",
            "aliases": raw,
            "member_of": "",
            "mentions": mentions[agency_id],
        }
        for agency_id, raw in sorted(unresolved.items())
    ]
    return sorted(rows, key=lambda row: row["agency_id"])


def target_rows(plan: Plan) -> list[dict]:
    return [
        {
            "code": t.code,
            "level": t.level,
            "parent": t.parent,
            "text_vi": t.text_vi,
            "source_line": t.line,
        }
        for t in sorted(plan.targets.values(), key=lambda t: sort_key(t.code))
    ]


def appendix_rows(plan: Plan) -> list[dict]:
    return [
        {
            "appendix": a.number,
            "lead_agency_id": a.lead_agency_id,
            "declared_targets": ";".join(c.code for c in a.declared_targets),
            "lead_heading_raw": a.lead_heading_raw,
            "lead_intro_raw": a.lead_intro_raw,
            "source_line": a.line,
            "declared_line": a.declared_line,
            "tasks": len(a.tasks),
        }
        for a in plan.appendices
    ]


def heading_rows(plan: Plan) -> list[dict]:
    return [
        {
            "appendix": h.appendix,
            "kind": h.kind,
            "number": h.number,
            "code": h.code.code,
            "code_raw": h.code.raw,
            "text_vi": h.text,
            "source_line": h.line,
        }
        for a in plan.appendices
        for h in a.headings
    ]


def plan_document(plan: Plan) -> dict:
    meta = plan.metadata
    implements = meta.implements
    return {
        "source": Path(plan.source).name,
        "number": meta.number,
        "issuer": meta.issuer,
        "place": meta.place,
        "date": meta.date.isoformat() if meta.date else None,
        "signer": meta.signer,
        "signer_title": meta.signer_title,
        "title": meta.title,
        "implements": None
        if implements is None
        else {
            "number": implements.number,
            "date": implements.date.isoformat() if implements.date else None,
            "issuer": implements.issuer,
            "source_line": implements.line,
        },
        "source_lines": {
            "number": meta.number_line,
            "date": meta.date_line,
            "signer": meta.signer_line,
        },
        "appendix_list": [
            {
                "order": e.order,
                "agency": e.raw_name,
                "agency_id": e.agency_id,
                "appendix": e.appendix,
                "source_line": e.line,
            }
            for e in plan.appendix_list
        ],
        "body_lines": [plan.body_first_line, plan.body_last_line],
        "junk_lines": plan.junk_lines,
    }


def write_tables(
    plan: Plan, registry: Registry, out: Path, links: LinkValues | None = None
) -> list[Path]:
    """Write every table into ``out`` (which must exist); return the paths written.

    ``links`` (``links.link_values``): the bundle's IRI link columns, written with the
    tables instead of added by reading and rewriting them (the same bytes; a national build's
    52 MB of tables: ~3 s less in the bundle)."""
    written = []
    for name, columns, rows in (
        ("tasks.csv", TASK_COLUMNS, task_rows(plan)),
        ("task_partners.csv", PARTNER_COLUMNS, partner_rows(plan)),
        ("task_leads.csv", LEAD_COLUMNS, lead_rows(plan)),
        ("agencies.csv", AGENCY_COLUMNS, agency_rows(plan, registry)),
        ("targets.csv", TARGET_COLUMNS, target_rows(plan)),
        ("appendices.csv", APPENDIX_COLUMNS, appendix_rows(plan)),
        ("headings.csv", HEADING_COLUMNS, heading_rows(plan)),
        ("irregularities.csv", IRREGULARITY_COLUMNS, [vars(i) for i in plan.irregularities]),
        ("source_refs.csv", SOURCE_REF_COLUMNS, source_ref_rows(plan)),
    ):
        table = name.removesuffix(".csv")
        if links is not None and table in LINK_COLUMNS:
            by_key, key = links[table], LINK_ROW_KEY[table]
            columns = [*columns, *LINK_COLUMNS[table]]
            rows = [{**row, **by_key[str(row[key])]} for row in rows]
        _write(out / name, columns, rows)
        written.append(out / name)
    plan_json = out / "plan.json"
    plan_json.write_text(
        json.dumps(plan_document(plan), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    written.append(plan_json)
    return written
