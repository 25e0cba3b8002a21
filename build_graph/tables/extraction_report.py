"""extraction-report.md: every irregularity of the document, with its line and the reading
chosen."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from build_graph.model.agencies import Registry
from build_graph.model.plan import Irregularity, Plan

SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "Typos and variant spellings",
        "Agency names and target codes as printed, and what they were read as.",
        ("typo", "variant-spelling", "loose-target-code"),
    ),
    (
        "Declared targets without tasks",
        "Targets an appendix's intro sentence declares but no task row serves directly.",
        (
            "declared-without-tasks",
            "declared-covered-by-parent",
            "undeclared-target",
            "no-declared-targets",
        ),
    ),
    (
        "Targets declared by more than one appendix",
        "Overlapping responsibilities: one target, several lead agencies.",
        ("declared-by-several",),
    ),
    (
        "Identical task texts",
        "The same task text (ignoring case, spacing and punctuation) on several rows.",
        ("identical-task-text",),
    ),
    (
        "Unresolved partners",
        "Partner names that match no agency of the registry; kept as unresolved agents.",
        ("unresolved-partner",),
    ),
    (
        "Ambiguous cells and the reading chosen",
        "Merged, doubled or split cells, loose lists and headings, and how each was read.",
        (
            "cells-on-heading",
            "cell-printed-twice",
            "cell-spans-lines",
            "partner-list",
            "partner-after-period",
            "overlapping-periods",
            "reversed-period",
            "numbered-heading",
            "goal-level-group",
            "group-holds-subtarget",
            "compound-name",
            "lead-mismatch",
        ),
    ),
]


def _row(issue: Irregularity, refs: dict[int, str]) -> str:
    line = str(issue.line) if issue.line is not None else "–"
    if issue.line is not None and issue.line in refs:
        line = refs[issue.line]
    raw = issue.raw.replace("|", "\\|").replace("\n", " / ")
    message = issue.message.replace("|", "\\|")
    reading = issue.reading.replace("|", "\\|")
    return f"| {line} | {message} | {raw} | {reading} |"


LAYOUTS = {
    "appendix-per-lead": "an appendix per lead agency",
    "lead-column": "one table with a lead column, in sections under goal rows; each task "
    "names its own lead",
    "body-table": "a task table in the body, its lead named before it",
}


def _where_note(plan: Plan) -> list[str]:
    """How to find a fact in the source: its line, or its place in a table or on a page."""
    if not plan.source_refs:
        return ["Line numbers are those of the source file (1-based)."]
    return [
        f"The document was read as {plan.format.upper()}, laid out as "
        f"{LAYOUTS.get(plan.layout, plan.layout)}. Each irregularity gives its place in the "
        "file (table, row and column; sheet and cell; page and box). The line numbers of the "
        "tables count the document's text in reading order; source_refs.csv gives each one's "
        "place."
    ]


def render_extraction_report(plan: Plan, registry: Registry) -> str:
    tasks = plan.tasks
    partners = sum(len(t.partners) for t in tasks)
    inherited_partner = sum(t.partner_cell.inherited for t in tasks)
    inherited_period = sum(t.period_cell.inherited for t in tasks)
    no_partner = sum(1 for t in tasks if not t.partners)
    agencies = {m.agency_id for t in tasks for m in t.partners}
    vague = {a for a in agencies if a in registry.agencies and registry.agencies[a].kind == "vague"}
    kinds = Counter(i.kind for i in plan.irregularities)
    lines = [
        f"# Extraction report: {plan.metadata.number or Path(plan.source).name}",
        "",
        f"Source: `{Path(plan.source).name}`; document body on lines {plan.body_first_line}–"
        f"{plan.body_last_line}; {plan.junk_lines} lines of site header and footer dropped.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| appendices read | {len(plan.appendices)} of {len(plan.appendix_list)} listed |",
        f"| tasks | {len(tasks)} |",
        f"| headings (groups and sub-targets) | {sum(len(a.headings) for a in plan.appendices)} |",
        f"| partner links (task → agency) | {partners} |",
        f"| distinct partner agencies | {len(agencies)} (of which vague: {len(vague)}) |",
        f"| tasks whose partners are inherited from a merged cell | {inherited_partner} |",
        f"| tasks whose period is inherited from a merged cell | {inherited_period} |",
        f"| tasks with no partner at all | {no_partner} |",
        f"| irregularities | {len(plan.irregularities)} |",
        "",
        *_where_note(plan),
        "",
    ]
    refs = plan.source_refs
    head = "| where | what | raw | reading |" if refs else "| line | what | raw | reading |"
    reported: set[str] = set()
    for title, blurb, section_kinds in SECTIONS:
        items = [i for i in plan.irregularities if i.kind in section_kinds]
        reported.update(section_kinds)
        lines += [f"## {title}", "", blurb, ""]
        if not items:
            lines += ["None.", ""]
            continue
        counts = ", ".join(f"{k}: {kinds[k]}" for k in section_kinds if kinds[k])
        lines += [
            f"{len(items)} items ({counts}).",
            "",
            head,
            "|---|---|---|---|",
        ]
        lines += [_row(i, refs) for i in sorted(items, key=lambda i: (i.line or 0, i.kind))]
        lines.append("")
    rest = [i for i in plan.irregularities if i.kind not in reported]
    lines += ["## Structure", "", "Missing, repeated or stray parts of the document.", ""]
    if rest:
        lines += [head, "|---|---|---|---|"]
        lines += [_row(i, refs) for i in sorted(rest, key=lambda i: (i.line or 0, i.kind))]
    else:
        lines.append("None.")
    lines.append("")
    return "\n".join(lines)
