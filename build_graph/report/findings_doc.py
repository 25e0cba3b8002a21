"""The report's findings sections: accountability (on the first screen), the named measures in
both readings of merged cells, where the readings change ranks, sensitivity and stability,
communities, and the ambiguous readings with their effect."""

from __future__ import annotations

from typing import Any

from build_graph.network.accountability import Accountability
from build_graph.network.analysis import Analysis
from build_graph.network.communities import CommunityFindings
from build_graph.network.data import NetworkData
from build_graph.network.measures import AgencyMeasures
from build_graph.network.readings import (
    AMBIGUITIES,
    INHERITED,
    READING_TITLES,
    READINGS,
    WRITTEN,
    affected_tasks,
)
from build_graph.network.sensitivity import GRID, rank_changes, top_units, weightings
from build_graph.report.markup import Doc
from build_graph.report.measure_texts import MEASURE_BY_COLUMN, MEASURES, MeasureText

TOP_MEASURE = 5
TOP_RANGES = 15


def name(data: NetworkData, iri: str, lang: str) -> str:
    return data.agent(iri).label(lang)


def pct(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.0f} %)" if whole else f"{part}"


def value_text(measure: MeasureText, row: AgencyMeasures) -> str:
    value = row.value(measure.column)
    if value is None:
        return "–"
    if measure.column == "concentration" and row.top_partner:
        return f"{100 * value:.0f} %, {row.top_partner.rsplit('/', 1)[-1]}"
    if measure.percent:
        return f"{100 * value:.0f} %"
    if isinstance(value, float):
        return f"{value:.3f}" if measure.column == "brokerage" else f"{value:.1f}"
    return str(value)


# -- first screen ------------------------------------------------------------------------------
def accountability_glance(analysis: Analysis, lang: str) -> list[str]:
    """The accountability finding in three lines, for the report's first screen."""
    found = analysis.findings
    assert found is not None
    acc, data = found.accountability, analysis.data
    inherited, written = acc.profile(INHERITED), acc.profile(WRITTEN)
    lines = [
        f"**Accountability: {pct(inherited.only_aggregate, inherited.tasks)} tasks name only "
        "vague or collective partners** (no named agency shares the work); "
        f'{inherited.only_vague} name only vague ones ("Các đơn vị có liên quan"…), and '
        f"{inherited.none} name no partner at all. Read as written on each row (merged cells "
        f"not inherited): {written.only_aggregate}, {written.only_vague} and {written.none}.",
    ]
    shares = [d for d in acc.delegation if d.tasks_led]
    if shares:
        high = max(shares, key=lambda d: d.share(INHERITED))
        low = min(shares, key=lambda d: d.share(INHERITED))
        lines.append(
            "Vertical delegation: the share of a lead's tasks handed to district or commune "
            f"People's Committees ranges from {100 * high.share(INHERITED):.0f} % "
            f"({name(data, high.lead, lang)}) to {100 * low.share(INHERITED):.0f} % "
            f"({name(data, low.lead, lang)})."
        )
    links = sum(len(t.partners) for t in data.tasks.values())
    inherited_links = sum(len(t.inherited) for t in data.tasks.values())
    lines.append(
        f"Merged cells: {pct(inherited_links, links)} partner links are inherited from a "
        "merged cell printed above the task's row, not written on it; every measure below is "
        "given both ways."
    )
    if acc.horizon:
        lines.append(
            f"{pct(len(acc.whole_horizon), len(data.tasks))} tasks run over the whole "
            f"{acc.horizon[0]}–{acc.horizon[1]} horizon with no milestone in between; "
            f"{len(acc.without_period)} give no period."
        )
    return lines


# -- accountability ----------------------------------------------------------------------------
def _profile_rows(acc: Accountability, plan: str = "") -> list[list[Any]]:
    def cells(label: str, pick: Any) -> list[Any]:
        return [label] + [
            pct(pick(acc.profiles[r][plan]), acc.profiles[r][plan].tasks) for r in READINGS
        ]

    return [
        cells("no partner at all", lambda p: p.none),
        cells("only vague partners", lambda p: p.only_vague),
        cells("only vague or collective partners", lambda p: p.only_aggregate),
        cells("at least one named agency", lambda p: p.named),
    ]


def accountability_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    acc, data = found.accountability, analysis.data
    doc.h(2, "Accountability")
    doc.p(
        'Who shares each task. Vague units name no one ("Các đơn vị có liên quan", "Các '
        'Sở, Ban, Ngành"); collective units name a group without saying which member acts '
        '("UBND các quận, huyện", "Các tổ chức chính trị - xã hội"). A task whose partners are '
        "all of these has no named agency answerable with its lead. Counts are given in both "
        "readings of merged cells: *written* (only what is printed on the task's row) and "
        "*inherited* (with the partners of a merged cell above)."
    )
    doc.table(
        ["tasks", *(READING_TITLES[r] for r in READINGS)],
        _profile_rows(acc),
    )
    doc.h(3, "Vertical delegation per lead")
    doc.p(
        "Share of each lead's tasks that name district- or commune-level People's Committees "
        "(kinds district-collective, commune-collective, district-committee)."
    )
    doc.table(["lead", "tasks led", "written", "inherited"], _delegation_rows(acc, data, lang))
    _periods(doc, acc, data)
    doc.h(3, "Collective and vague units")
    doc.p(
        "These units are kept out of every agency ranking: they are not agencies one can hold "
        "to account. Tasks naming each:"
    )
    doc.table(
        ["unit", "kind", "tasks (written)", "tasks (inherited)", "leads naming it"],
        _aggregate_rows(acc, data, lang),
    )


def _grouped(data: NetworkData, iri: str, lang: str) -> str:
    """A unit's name; with several plans, its registry id (the rows are summed over plans)."""
    return f"`{data.agent(iri).identifier}`" if data.several_plans else name(data, iri, lang)


def _delegation_rows(acc: Accountability, data: NetworkData, lang: str) -> list[list[Any]]:
    """One row per lead; with several plans, one per registry id, summed over the plans."""
    sums: dict[str, list[int]] = {}
    for d in acc.delegation:
        key = _grouped(data, d.lead, lang)
        found = sums.setdefault(key, [0, 0, 0])
        found[0] += d.tasks_led
        found[1] += d.delegated[WRITTEN]
        found[2] += d.delegated[INHERITED]
    ordered = sorted(sums.items(), key=lambda kv: (-kv[1][2] / max(kv[1][0], 1), kv[0]))
    return [[key, led, pct(w, led), pct(i, led)] for key, (led, w, i) in ordered]


def _aggregate_rows(acc: Accountability, data: NetworkData, lang: str) -> list[list[Any]]:
    sums: dict[str, list[Any]] = {}
    for a in acc.aggregates:
        key = _grouped(data, a.iri, lang)
        found = sums.setdefault(key, [a.kind, 0, 0, 0])
        found[1] += a.tasks[WRITTEN]
        found[2] += a.tasks[INHERITED]
        found[3] += a.leads
    ordered = sorted(sums.items(), key=lambda kv: (-kv[1][2], kv[0]))
    return [[key, *values] for key, values in ordered]


def _periods(doc: Doc, acc: Accountability, data: NetworkData) -> None:
    doc.h(3, "When tasks run")
    tasks = len(data.tasks)
    text = (
        f"Each task counted once, by the periods it names. {pct(len(acc.whole_horizon), tasks)} "
        "tasks cover every year of the horizon"
    )
    if acc.horizon:
        text += f" ({acc.horizon[0]}–{acc.horizon[1]})"
    by_text = "; ".join(f"{label}: {n}" for label, n in acc.whole_horizon_by_text.most_common())
    text += f" ({by_text})." if by_text else "."
    missing = ", ".join(
        f"{t.task_id} (line {t.line})" if t.line else t.task_id for t in acc.without_period
    )
    text += f" Without a period: {len(acc.without_period)}" + (f" ({missing})." if missing else ".")
    doc.p(text)
    doc.table(
        ["periods named", "tasks"],
        [[label, count] for label, count in acc.periods.most_common()],
    )


# -- measures ----------------------------------------------------------------------------------
def measures_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    doc.h(2, "Measures")
    doc.p(
        "Each measure answers one question and is ranked on its own; none is scaled to a "
        "maximum, so values compare across plans. Only agencies are ranked: collective and vague "
        "units are under *Accountability*. Work between a department and its own units "
        "(org:unitOf, such as Health and its centres) is *in-sector* and never counted as "
        "coordination. Each measure is given in both readings of merged cells; "
        "`metrics/measures.csv` holds every agency in both (rank 1 = largest; ties share a rank)."
    )
    for measure in MEASURES:
        doc.h(3, measure.name)
        doc.p(
            f"**Formula:** {measure.formula}. **Why:** {measure.why} "
            f"**In plain words:** {measure.plain}"
        )
        doc.table(
            ["rank", f"written: unit ({measure.column})", f"inherited: unit ({measure.column})"],
            _top_pairs(sens.baseline(WRITTEN), sens.baseline(INHERITED), measure, data, lang),
        )
    in_sector = sorted(
        (r for r in sens.baseline(INHERITED) if r.in_sector_tasks),
        key=lambda r: (-r.in_sector_tasks, r.label_en),
    )
    doc.h(3, "In-sector tasks (oversight, not coordination)")
    doc.p(
        "Tasks naming a unit whose lead is of the unit's own sector (a department's own "
        "centres, sub-departments and district networks, org:unitOf). They are left out of "
        "demand, leads served, brokerage and concentration."
    )
    written = {r.iri: r for r in sens.baseline(WRITTEN)}
    sums: dict[tuple[str, str], list[int]] = {}
    for r in in_sector:
        key = (_grouped(data, r.iri, lang), _grouped(data, data.sector(r.iri), lang))
        found_sum = sums.setdefault(key, [0, 0])
        found_sum[0] += written[r.iri].in_sector_tasks if r.iri in written else 0
        found_sum[1] += r.in_sector_tasks
    doc.table(
        ["unit", "belongs to", "in-sector tasks (written)", "in-sector tasks (inherited)"],
        [[unit, parent, w, i] for (unit, parent), (w, i) in sums.items()] or [["none", "", "", ""]],
    )


def _top_pairs(
    written: list[AgencyMeasures],
    inherited: list[AgencyMeasures],
    measure: MeasureText,
    data: NetworkData,
    lang: str,
) -> list[list[Any]]:
    def top(rows: list[AgencyMeasures]) -> list[AgencyMeasures]:
        having = [r for r in rows if r.ranks.get(measure.column)]
        return sorted(having, key=lambda r: (r.ranks[measure.column], r.label_en))[:TOP_MEASURE]

    left, right = top(written), top(inherited)

    def cell(rows: list[AgencyMeasures], i: int) -> str:
        if i >= len(rows):
            return ""
        row = rows[i]
        return (
            f"{row.ranks[measure.column]}. {name(data, row.iri, lang)} ({value_text(measure, row)})"
        )

    return [[i + 1, cell(left, i), cell(right, i)] for i in range(max(len(left), len(right)))]


def rank_change_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    doc.h(2, "Where the two readings change a rank")
    doc.p(
        "Ranks by each measure read as written on the row and as inherited from merged cells; "
        "the agencies whose rank moves most (all of them: `metrics/rank-changes.csv`)."
    )
    rows = []
    for measure in MEASURES:
        changes = rank_changes(sens, measure.column)
        moved = len(changes)
        near_top = [c for c in changes if min(c[1] or 10**6, c[2] or 10**6) <= 2 * TOP_MEASURE]
        changes = near_top
        shown = "; ".join(
            f"{name(data, row.iri, lang)} {before or '–'} → {after or '–'}"
            for row, before, after in changes[:4]
        )
        rows.append([measure.name, moved, shown or "no change"])
    doc.table(
        ["measure", "agencies whose rank changes", "largest moves (written → inherited)"], rows
    )


def sensitivity_section(doc: Doc, analysis: Analysis, figure: str | None, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    doc.h(2, "Sensitivity and stability")
    labels = sorted(
        {label for ranges in sens.ranges.values() for r in ranges.values() for label in r.ranks}
    )
    doc.p(
        f"Each agency's rank by each measure over {len(labels)} readings of the plan: merged "
        "cells written or inherited, each with the extraction's reading of every ambiguous "
        "phrase and with each documented other reading, one at a time"
        + (
            ""
            if found.full_sensitivity
            else " (with several plans: the two readings of merged cells only)"
        )
        + ". low–high; the agencies in the first "
        f"{TOP_MEASURE} of demand, leads served or brokerage in either reading."
    )
    columns = ("demand_tasks", "leads_served", "tasks_led", "brokerage", "concentration")
    units = top_units(sens, ("demand_tasks", "leads_served", "brokerage"), TOP_MEASURE)[:TOP_RANGES]
    rows = []
    for iri in units:
        cells: list[Any] = [name(data, iri, lang)]
        for column in columns:
            found_range = sens.ranges[column].get(iri)
            cells.append(f"{found_range.low}–{found_range.high}" if found_range else "–")
        rows.append(cells)
    doc.table(["agency", *(MEASURE_BY_COLUMN[c].name for c in columns)], rows)
    if figure:
        doc.p(f"Drawn in `{figure}` (under *Figures*).")
    ambiguity_section(doc, analysis, lang)
    composite_sensitivity(doc, analysis, lang)
    communities_section(doc, analysis, lang)


def ambiguity_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    data = analysis.data
    doc.h(3, "Ambiguous readings of the source, and their effect")
    rows = []
    for ambiguity in AMBIGUITIES:
        tasks = affected_tasks(data, ambiguity)
        for alternative, _ in ambiguity.alternatives:
            effects = [
                e
                for e in found.sensitivity.ambiguity_effects
                if e[0] == ambiguity.key and e[1] == alternative and e[3] != "effective_size"
            ]
            shown = "; ".join(
                f"{name(data, iri, lang)} {MEASURE_BY_COLUMN[m].name.lower()} "
                f"{before or '–'} → {after or '–'}"
                for _, _, iri, m, before, after in effects[:6]
            )
            rows.append(
                [
                    f'"{ambiguity.phrase}" (line {ambiguity.line})',
                    ambiguity.why,
                    len(tasks),
                    alternative,
                    shown
                    or (
                        "not computed with several plans"
                        if not found.full_sensitivity
                        else "no rank changes"
                    ),
                ]
            )
    doc.table(
        [
            "phrase",
            "reading chosen, and why it is ambiguous",
            "tasks",
            "other reading",
            "rank changes (inherited reading)",
        ],
        rows,
    )


def composite_sensitivity(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    ranges, data = found.sensitivity.composite, analysis.data
    doc.h(3, "The old composite score under other weights")
    if not ranges:
        doc.p("Not computed for a graph of several plans.")
        return
    doc.p(
        f"The composite (see *Bottlenecks*) with each of the {len(weightings())} weightings of "
        f"its three terms on a 1/{GRID} grid, in both readings: the rank range of the agencies "
        "that rank first under any of them. A rank that moves this far says the weights, not "
        "the data, decide the ranking."
    )
    tops = sorted((r for r in ranges.values() if r.low == 1), key=lambda r: (r.high, r.iri))
    doc.table(
        ["agency", "best rank", "worst rank"],
        [[name(data, r.iri, lang), r.low, r.high] for r in tops],
    )


def communities_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    doc.h(3, "Communities")
    merged = not found.full_sensitivity
    doc.p(
        "Louvain communities of the co-assignment network (agencies, ties within a sector "
        "dropped"
        + ("; units merged across plans by registry id" if merged else "")
        + "), with the reference seed 42 and 20 others. Modularity above about 0.3 is "
        "usually read as clear structure; the adjusted Rand index compares each seed's "
        "partition with the reference (1 = the same)."
    )
    doc.table(
        [
            "reading",
            "modularity",
            "modularity over seeds",
            "Rand index mean (min)",
            "communities over seeds",
        ],
        [
            [
                READING_TITLES[reading],
                f"{c.modularity:.3f}",
                f"{c.modularity_range[0]:.3f}–{c.modularity_range[1]:.3f}",
                f"{c.rand_mean:.2f} ({c.rand_min:.2f})",
                f"{c.communities_range[0]}–{c.communities_range[1]}",
            ]
            for reading, c in found.communities.items()
        ],
    )
    _describe(doc, found.communities[INHERITED], analysis.data, lang, merged)


def _describe(
    doc: Doc, found: CommunityFindings, data: NetworkData, lang: str, merged: bool
) -> None:
    def label(node: str) -> str:
        return node if merged else name(data, node, lang)

    rows = []
    alone = 0
    for community in found.described:
        if len(community.members) < 2:
            alone += 1
            continue
        stability = sum(found.node_stability.get(m, 0.0) for m in community.members) / len(
            community.members
        )
        rows.append(
            [
                community.number,
                len(community.members),
                ", ".join(f"{g} ({n})" for g, n in community.goals),
                ", ".join(f"{k} ({n})" for k, n in community.kinds[:3]),
                f"{stability:.2f}",
                "; ".join(label(m) for m in community.members[:6]),
            ]
        )
    doc.p(
        "Inherited reading. Dominant goals: the SDG goals of the members' tasks (tasks). "
        "Stability: the mean Jaccard index, over the 20 seeds, between a member's community "
        f"and its reference community. {alone} units have no tie to another sector and stand alone."
    )
    doc.table(
        [
            "community",
            "units",
            "dominant goals",
            "kinds",
            "stability",
            "members (most tasks first)",
        ],
        rows,
    )
