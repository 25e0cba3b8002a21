"""The report's content: its sections, tables and sentences, as a :class:`~.markup.Doc`
(rendered to Markdown and HTML by :mod:`.markup`), kept apart from the rendering so that both
renderings say the same thing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from build_graph.network.analysis import Analysis
from build_graph.network.data import NetworkData, TaskRow
from build_graph.network.graphs import AGGREGATE_KINDS, NAMED_UNITS, VIEWS
from build_graph.network.metrics import BOTTLENECK_FORMULA, LOUVAIN_SEED, AgencyMetrics
from build_graph.network.per_plan import PlanViews
from build_graph.report import briefs_doc, findings_doc
from build_graph.report.extraction_warnings import ExtractionWarnings
from build_graph.report.markup import Doc
from build_graph.tables.extraction_report import SECTIONS

TOP = 10


TOP_ACROSS = 15


# -- content -----------------------------------------------------------------------------------
def _name(data: NetworkData, iri: str, lang: str) -> str:
    return data.agent(iri).label(lang)


def _task(task: TaskRow) -> str:
    return f"{task.task_id} (line {task.line})" if task.line else task.task_id


def _fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None or value != value else f"{value:.{digits}f}"


BOTTLENECK_HEADERS = [
    "rank",
    "unit",
    "kind",
    "score",
    "load",
    "led",
    "as partner",
    "leads served",
    "betweenness",
    "constraint",
    "why this rank",
]


def _bottleneck_table(rows: list[AgencyMetrics], data: NetworkData, lang: str) -> list[list[Any]]:
    """The first TOP agencies of a view's composite ranking (collective and vague units, which
    are in the all-units network, are not listed: they are no agencies)."""
    rows = [r for r in rows if r.kind not in AGGREGATE_KINDS]
    return [
        [
            r.bottleneck_rank,
            _name(data, r.iri, lang),
            r.kind,
            f"{r.bottleneck:.1f}",
            r.load,
            r.tasks_led,
            r.tasks_partner,
            r.leads_served,
            _fmt(r.betweenness),
            _fmt(r.constraint),
            r.why,
        ]
        for r in rows[:TOP]
    ]


def build_document(
    analysis: Analysis,
    warnings: ExtractionWarnings,
    figures: dict[str, str],
    files: list[str],
    source: str,
    lang: str,
) -> Doc:
    """The whole report, section by section."""
    doc = Doc()
    _title(doc, analysis.data, source)
    _at_a_glance(doc, analysis, warnings, lang)
    if analysis.findings is not None:
        findings_doc.accountability_section(doc, analysis, lang)
        findings_doc.measures_section(doc, analysis, lang)
        findings_doc.rank_change_section(doc, analysis, lang)
        rank_figure = next((f for f in figures if "rank-ranges" in f), None)
        findings_doc.sensitivity_section(doc, analysis, rank_figure, lang)
    if analysis.per_plan is not None:
        plan_sections(doc, analysis.per_plan, analysis.data, lang)
    _overlaps(doc, analysis, lang)
    _gaps(doc, analysis, lang)
    _bottlenecks(doc, analysis, lang)
    _extraction_warnings(doc, warnings)
    _figures(doc, figures)
    _method(doc)
    _files(doc, files)
    return doc


def _title(doc: Doc, data: NetworkData, source: str) -> None:
    """The plans analysed, and the graph the networks come from."""
    plans = ", ".join(p.label or p.identifier or p.iri for p in data.plans.values())
    doc.h(1, f"Coordination analysis: {plans}")
    partners = {p for t in data.tasks.values() for p in t.partners}
    doc.p(
        f"Graph: {source}. Networks are built from it with the SPARQL queries of "
        "`queries/network/` (run on pyoxigraph), not from the CSV tables. "
        f"{len(data.tasks)} tasks, {len(data.leads)} lead agencies, {len(partners)} distinct "
        "partner units."
    )


def _at_a_glance(doc: Doc, analysis: Analysis, warnings: ExtractionWarnings, lang: str) -> None:
    """One line per finding: the top bottlenecks, the counts of overlaps, gaps and warnings."""
    data = analysis.data
    all_rows = analysis.views["all-units"].metrics
    named_rows = analysis.views[NAMED_UNITS.name].metrics
    gaps = analysis.declared_gaps
    doc.h(2, "At a glance")
    glance = findings_doc.accountability_glance(analysis, lang) if analysis.findings else []
    if analysis.findings is not None:
        glance += _top_measures(analysis, lang)
    glance += [
        f"{len(analysis.shared_targets)} targets or sub-targets have tasks from more than one "
        "lead agency (briefing cases under *Overlaps*).",
        f"{len(analysis.near_duplicates)} pairs of near-duplicate task texts under different "
        f"leads (similarity ≥ {analysis.text_threshold}).",
        f"{len(analysis.self_partners)} tasks name their own lead agency as partner.",
    ]
    for item in analysis.un_coverage:
        glance.append(
            f"UN SDG coverage: {item.goals_touched} of {item.goals_total} goals and "
            f"{item.targets_touched} of {item.targets_total} UN targets are reached "
            "by at least one task."
        )
    glance.append(
        f"Declared targets: {len(gaps.no_task)} of {gaps.total} have no task at all; "
        f"{len(gaps.covered_by_parent)} have tasks only through their parent target or goal."
    )
    glance.append(
        f"Data-quality warnings from the extraction: {len(warnings.items)} ({warnings.origin})."
    )
    glance.append(
        "The old composite bottleneck score is kept for comparison only (see *Bottlenecks*): "
        f"top agency, all units: {_name(data, _first_agency(all_rows).iri, lang)}; named "
        f"units only: {_name(data, named_rows[0].iri, lang)}."
    )
    doc.ul(glance)


def _first_agency(rows: list[AgencyMetrics]) -> AgencyMetrics:
    return next((r for r in rows if r.kind not in AGGREGATE_KINDS), rows[0])


def _top_measures(analysis: Analysis, lang: str) -> list[str]:
    """The first agency by demand, leads served and brokerage, in both readings."""
    found = analysis.findings
    assert found is not None
    data = analysis.data
    parts = []
    for column, title in (
        ("demand_tasks", "demand from other agencies"),
        ("leads_served", "leads served"),
        ("brokerage", "brokerage"),
    ):
        names = []
        for reading in ("written", "inherited"):
            rows = [r for r in found.sensitivity.baseline(reading) if r.ranks.get(column) == 1]
            unique = dict.fromkeys(_name(data, r.iri, lang) for r in rows)
            names.append(", ".join(unique) or "–")
        parts.append(f"{title}: **{names[1]}** (inherited), {names[0]} (written)")
    return ["First agency by " + "; by ".join(parts) + "."]


def _bottlenecks(doc: Doc, analysis: Analysis, lang: str) -> None:
    """The bottleneck ranking of both views (graph-wide, with several plans)."""
    data = analysis.data
    doc.h(2, "Bottlenecks (the old composite score, kept for comparison)")
    doc.p(
        f"Score: {BOTTLENECK_FORMULA}. Maxima are taken within each view. **Not a finding.** "
        "It adds an agency's own workload (tasks led) to what others ask of it, so it mostly "
        "ranks workload; its weights have no stated reason and moving them moves the ranks "
        "far (see *Sensitivity and stability*); and scaling to a maximum makes scores "
        "incomparable between views and plans. It is kept so that earlier reports and the "
        "exports' `bottleneck` columns can still be compared; use the measures above. Collective "
        "and vague units are part of the all-units network but are not listed here."
    )
    if analysis.per_plan is not None:
        doc.p(
            f"With {len(data.plans)} plans in the graph, this ranking compares the units of all "
            "plans with one another; each plan's own ranking is under *Per plan*, and the "
            "departments that carry the load across plans under *Across plans*."
        )
    views = (
        ("all units", analysis.views["all-units"].metrics),
        ("named units only", analysis.views[NAMED_UNITS.name].metrics),
    )
    for name, rows in views:
        doc.h(3, f"Top {TOP} bottlenecks: {name}")
        doc.table(BOTTLENECK_HEADERS, _bottleneck_table(rows, data, lang))


def _overlaps(doc: Doc, analysis: Analysis, lang: str) -> None:
    """Work filed twice: shared targets, similar portfolios, near-duplicate texts, self-partners."""
    doc.h(2, "Overlaps")
    _shared_targets(doc, analysis, lang)
    if analysis.findings is not None:
        briefs_doc.colisting_section(doc, analysis, lang)
    _similar_portfolios(doc, analysis, lang)
    _near_duplicates(doc, analysis, lang)
    _self_partners(doc, analysis, lang)


def _shared_targets(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    doc.h(3, "Targets with several leads")
    doc.p(
        "A target or sub-target under which tasks of more than one lead agency are filed "
        "(the concept as filed, not rolled up)."
    )
    doc.table(
        ["target", "leads (appendix: tasks)", "declared by appendices"],
        [
            [
                s.notation,
                "; ".join(
                    f"{_name(data, share.lead, lang)} (appendix {share.appendix_number:02d}:"
                    f" {share.tasks})"
                    for share in s.leads
                ),
                ", ".join(f"{n:02d}" for n in s.declared_by) or "–",
            ]
            for s in analysis.shared_targets
        ]
        or [["none", "", ""]],
    )
    if analysis.findings is not None:
        briefs_doc.briefing_section(doc, analysis, lang)
    else:
        doc.p(
            f"Besides these, {len(analysis.split_targets)} VSDG targets (X.Y) are split between "
            "leads by sub-target; they are listed in `findings/split-targets.csv`."
        )


def _similar_portfolios(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    for view in VIEWS:
        pairs = analysis.views[view.name].similar_portfolios
        doc.h(3, f"Similar target portfolios: {view.title}")
        doc.p(
            f"Pairs of units, each working on at least 3 VSDG targets, whose sets of targets "
            f"have a Jaccard index ≥ {analysis.jaccard_threshold}."
        )
        doc.table(
            ["unit A", "unit B", "shared targets", "targets of A", "targets of B", "Jaccard"],
            [
                [
                    _name(data, p.a, lang),
                    _name(data, p.b, lang),
                    p.shared,
                    p.size_a,
                    p.size_b,
                    f"{p.jaccard:.2f}",
                ]
                for p in pairs
            ]
            or [["none", "", "", "", "", ""]],
        )


def _near_duplicates(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    doc.h(3, "Near-duplicate task texts under different leads")
    doc.p(
        f"Similarity: Jaccard index of the texts' pairs of consecutive syllables; pairs with "
        f"similarity ≥ {analysis.text_threshold}."
    )
    doc.table(
        ["similarity", "task A", "lead A", "task B", "lead B", "text A", "text B"],
        [
            [
                f"{p.similarity:.2f}",
                _task(data.tasks[p.a]),
                _name(data, data.tasks[p.a].lead, lang),
                _task(data.tasks[p.b]),
                _name(data, data.tasks[p.b].lead, lang),
                _clip(data.tasks[p.a].text),
                _clip(data.tasks[p.b].text),
            ]
            for p in analysis.near_duplicates
        ]
        or [["none", "", "", "", "", "", ""]],
    )


def _self_partners(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    doc.h(3, "Agencies named as partner on their own tasks")
    if analysis.self_partners:
        doc.table(
            ["task", "agency"],
            [
                [_task(data.tasks[s.task]), _name(data, s.agency, lang)]
                for s in analysis.self_partners
            ],
        )
    else:
        doc.p("None: no task names its lead agency among its partners.")


def _gaps(doc: Doc, analysis: Analysis, lang: str) -> None:
    """Work never filed: UN goals and targets untouched, declared targets without tasks."""
    doc.h(2, "Gaps")
    if analysis.findings is not None:
        briefs_doc.national_section(doc, analysis)
    briefs_doc.un_gaps_section(doc, analysis)
    _declared_gaps(doc, analysis, lang)


def _declared_gaps(doc: Doc, analysis: Analysis, lang: str) -> None:
    data, gaps = analysis.data, analysis.declared_gaps
    doc.h(3, "Declared targets with no task")
    doc.p(
        f"{gaps.total} targets are declared by the appendices' opening sentences. "
        f"With no task at all (not even under a broader concept): {len(gaps.no_task)}."
    )
    if gaps.no_task:
        doc.table(
            ["appendix", "lead", "declared target"],
            [
                [f"{d.appendix_number:02d}", _name(data, d.lead, lang), d.notation]
                for d in gaps.no_task
            ],
        )
    doc.p(
        f"Covered only through a parent target or goal (the appendix files their tasks under "
        f"the broader concept): {len(gaps.covered_by_parent)}."
    )
    if gaps.covered_by_parent:
        doc.table(
            ["appendix", "lead", "declared target", "tasks filed under"],
            [
                [
                    f"{d.appendix_number:02d}",
                    _name(data, d.lead, lang),
                    d.notation,
                    ", ".join(d.via),
                ]
                for d in gaps.covered_by_parent
            ],
        )


def _extraction_warnings(doc: Doc, warnings: ExtractionWarnings) -> None:
    """The extraction's data-quality warnings: counted by kind, then listed by section."""
    doc.h(2, "Data-quality warnings from the extraction")
    doc.p(f"Source of the warnings: {warnings.origin}.")
    if not warnings.items:
        return
    counts = Counter(w.kind for w in warnings.items)
    section_of = {kind: title for title, _, kinds in SECTIONS for kind in kinds}
    doc.table(
        ["kind", "count", "section"],
        [[kind, count, section_of.get(kind, "other")] for kind, count in counts.most_common()],
    )
    for title, note, kinds in SECTIONS:
        items = sorted((w for w in warnings.items if w.kind in kinds), key=lambda w: w.line or 0)
        if not items:
            continue
        inner = Doc()
        inner.p(note)
        inner.table(
            ["line", "kind", "what", "raw", "reading"],
            [
                [
                    w.line if w.line is not None else "–",
                    w.kind,
                    w.message,
                    _clip(w.raw, 90),
                    w.reading,
                ]
                for w in items
            ],
        )
        doc.details(f"{title} ({len(items)})", inner)
    known = {kind for _, _, kinds in SECTIONS for kind in kinds}
    rest = [w for w in warnings.items if w.kind not in known]
    if rest:
        inner = Doc()
        inner.table(["line", "kind", "what"], [[w.line, w.kind, w.message] for w in rest])
        doc.details(f"Other ({len(rest)})", inner)


def _figures(doc: Doc, figures: dict[str, str]) -> None:
    doc.h(2, "Figures")
    for path, caption in figures.items():
        doc.img(path, caption)


def _method(doc: Doc) -> None:
    """How the networks and metrics are made, for a reader who wants to check them."""
    doc.h(2, "Method")
    doc.ul(
        [
            "Lead → partner network: an edge from a task's lead agency to each partner named on "
            "it, weighted by the number of such tasks; a partner equal to the lead is left out "
            "(and reported above).",
            "Agency–target network: an agency and a VSDG target (X.Y; the goal for tasks filed "
            "at goal level) are linked by the tasks the agency leads or partners under it; the "
            "agency projection links two agencies by the number of targets they share "
            "(`jaccard` on edges).",
            "Co-partner network: two units linked by the number of tasks that name both as "
            "partners.",
            "Views: *all units*, and *named units only*, leaving out the kinds vague, collective, "
            "district-collective and commune-collective.",
            "Betweenness: normalised, on the undirected lead–partner network with distance = "
            "1 / shared tasks. PageRank: damping 0.85 on the directed lead → partner network "
            "(units that important leads rely on rank high). k-core: core number of the undirected "
            "network. Burt's constraint and effective size: on mutual tie weights (both "
            "directions), computed with numpy; same values as networkx.",
            f"Communities: Louvain (networkx) on the undirected network, seed {LOUVAIN_SEED}.",
        ]
    )


def _files(doc: Doc, files: list[str]) -> None:
    doc.h(2, "Files")
    doc.ul([f"`{name}`" for name in files])


def plan_sections(doc: Doc, views: PlanViews, data: NetworkData, lang: str) -> None:
    """ "Per plan" and "Across plans": only for a graph of several plans."""
    _per_plan(doc, views, data, lang)
    _across_plans(doc, views)


def _per_plan(doc: Doc, views: PlanViews, data: NetworkData, lang: str) -> None:
    """One row per plan: its size, density, vague-only tasks and top bottlenecks."""
    doc.h(2, "Per plan")
    doc.p(
        f"The {len(views.summaries)} plans ranked one by one: the same score, with load and "
        "leads served counted on the plan's own tasks and the maxima taken within the plan "
        "(betweenness is per connected component, so already per plan). Vague-only tasks: "
        'tasks whose partners are all vague units such as "Các đơn vị có liên quan". '
        "Density: lead → partner pairs / (units × (units − 1)), all units. Every unit's "
        "per-plan rank is in `metrics/plan-bottlenecks-*.csv`."
    )

    def top(row: AgencyMetrics | None) -> str:
        return f"{_name(data, row.iri, lang)} ({row.bottleneck:.1f})" if row else "–"

    doc.table(
        [
            "plan",
            "tasks",
            "leads",
            "units",
            "named units",
            "density",
            "vague-only tasks",
            "top bottleneck, all units",
            "top bottleneck, named units only",
        ],
        [
            [
                s.label,
                s.tasks,
                s.leads,
                s.units,
                s.named_units,
                f"{s.density:.3f}",
                f"{s.vague_only_tasks} ({100 * s.vague_only_share:.1f} %)",
                top(s.top_all),
                top(s.top_named),
            ]
            for s in views.summaries
        ],
    )


def _across_plans(doc: Doc, views: PlanViews) -> None:
    """The departments that carry the load everywhere, and the targets led differently."""
    doc.h(2, "Across plans")
    doc.p(
        "Agencies are per jurisdiction (the Department of Health of each province is its own "
        "unit); here they are grouped by the registry identifier they share, to show which "
        "departments carry the load everywhere. Plans: plans whose network holds the unit; "
        "leading: plans in which it leads tasks; top: plans in which it is the top bottleneck "
        "(per-plan ranking); top 3: in the first three. Full tables: "
        "`metrics/cross-plan-units-*.csv` and `metrics/cross-plan-kinds-*.csv`."
    )
    _units_across_plans(doc, views)
    _kinds_across_plans(doc, views)
    _lead_splits(doc, views)


ACROSS_HEADERS = [
    "unit (registry id)",
    "kind",
    "plans",
    "leading",
    "tasks led",
    "mean load",
    "max load",
    "top",
    "top 3",
    "mean score",
]


def _units_across_plans(doc: Doc, views: PlanViews) -> None:
    for view in VIEWS:
        doc.h(3, f"Units across plans: {view.title}")
        doc.table(
            ACROSS_HEADERS,
            [
                [
                    f"{u.label} (`{u.key}`)",
                    u.kind,
                    u.plans,
                    u.plans_leading,
                    u.tasks_led,
                    f"{u.load_mean:.1f}",
                    u.load_max,
                    u.top_bottleneck,
                    u.top3,
                    f"{u.score_mean:.1f}",
                ]
                for u in views.units[view.name][:TOP_ACROSS]
            ],
        )


def _kinds_across_plans(doc: Doc, views: PlanViews) -> None:
    doc.h(3, "Kinds of unit across plans (all units)")
    doc.table(
        ["kind", "units", "plans", "mean load", "max load", "top", "top 3", "mean score"],
        [
            [
                k.key,
                k.units,
                k.plans,
                f"{k.load_mean:.1f}",
                k.load_max,
                k.top_bottleneck,
                k.top3,
                f"{k.score_mean:.1f}",
            ]
            for k in views.kinds["all-units"]
        ],
    )


def _lead_splits(doc: Doc, views: PlanViews) -> None:
    doc.h(3, "Targets whose lead differs between plans")
    splits = views.lead_splits
    doc.p(
        f"{len(splits)} VSDG targets are led by different agencies (registry identifiers) in "
        "different plans; the commonest set of leads first, with the number of plans giving "
        "it. All of them: `findings/lead-differs-across-plans.csv`."
    )
    if splits:
        doc.table(
            ["target", "plans", "leads (registry ids: plans)"],
            [
                [
                    s.notation,
                    s.plans,
                    "; ".join(f"{' + '.join(ids)}: {n}" for ids, n in s.lead_sets),
                ]
                for s in splits[:TOP_ACROSS]
            ],
        )


def _clip(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
