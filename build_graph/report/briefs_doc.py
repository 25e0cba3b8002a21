"""The report's briefing sections: two-lead targets as cases, co-listing told apart from
portfolio overlap, and the gaps against the national plan with every target's text."""

from __future__ import annotations

from build_graph.network.analysis import Analysis
from build_graph.network.briefs import P_THRESHOLD, BriefingCase
from build_graph.network.data import NetworkData, TaskRow
from build_graph.network.national import NATIONAL_COUNT, split_un_gaps
from build_graph.network.overlaps import MIN_PORTFOLIO
from build_graph.network.readings import INHERITED, WRITTEN
from build_graph.report.markup import Doc

MAX_CASES = 20


def _name(data: NetworkData, iri: str, lang: str) -> str:
    return data.agent(iri).label(lang)


def _task(task: TaskRow) -> str:
    return f"{task.task_id} (line {task.line})" if task.line else task.task_id


def _clip(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def briefing_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    doc.h(3, "Briefing cases: targets with two leads")
    doc.p(
        "For each target or sub-target with tasks of two leads: its text, each lead's tasks "
        "side by side, the similarity of their texts (Jaccard index of word pairs; 1 = the "
        "same words), and whether each lead names the other as partner."
    )
    for case in found.briefing_cases[:MAX_CASES]:
        _case(doc, case, analysis.data, lang)
    if len(found.briefing_cases) > MAX_CASES:
        doc.p(
            f"The first {MAX_CASES} of {len(found.briefing_cases)} cases are shown; all of them "
            "are in `findings/briefing-cases.csv`."
        )
    co_filed = ", ".join(s.notation for s in found.co_filed) or "none"
    doc.p(
        f"VSDG targets split between leads by sub-target: {len(analysis.split_targets)} "
        "(`findings/split-targets.csv`). Targets whose leads all file under the same concept "
        f"are overlaps, counted among the cases above and not as split: {co_filed}."
    )


def _case(doc: Doc, case: BriefingCase, data: NetworkData, lang: str) -> None:
    doc.h(4, f"Target {case.notation}")
    text = case.text
    lines = []
    if text is not None:
        own = (
            ""
            if case.text_of == case.notation
            else f" (its parent {case.text_of}; it has no text of its own)"
        )
        lines.append(f"VSDG{own}: {text.text_vi} — {text.text_en}")
        for code, un_text in text.un:
            lines.append(f"UN {code}: {un_text}")
    else:
        lines.append("No text in the graph.")
    lines.append(
        "Declared by appendices " + (", ".join(f"{n:02d}" for n in case.declared_by) or "none")
    )
    for side in case.sides:
        others = [s.lead for s in case.sides if s.lead != side.lead]
        named = (
            f"names {', '.join(_name(data, o, lang) for o in others)} on "
            f"{len(side.names_other)} of these {len(side.tasks)} tasks "
            f"({side.names_other_anywhere} of its tasks in the whole plan)"
        )
        lines.append(f"{_name(data, side.lead, lang)}: {named}.")
    best = case.best
    if best is not None:
        lines.append(
            f"Most similar pair: {_task(data.tasks[best[0]])} and {_task(data.tasks[best[1]])}, "
            f"similarity {best[2]:.2f}."
        )
    doc.ul(lines)
    width = max(len(side.tasks) for side in case.sides)
    rows = []
    for i in range(width):
        row = []
        for side in case.sides:
            if i < len(side.tasks):
                task = side.tasks[i]
                row.append(f"{_task(task)}: {_clip(task.text)}")
            else:
                row.append("")
        rows.append(row)
    doc.table([f"{_name(data, side.lead, lang)}" for side in case.sides], rows)


def colisting_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    data = analysis.data
    doc.h(3, "Co-listing or overlapping remits")
    same = found.overlap_pairs[INHERITED] == found.overlap_pairs[WRITTEN]
    if same:
        doc.p(
            "Both readings of merged cells give the same pairs here: a merged cell never spans "
            "two targets, so which targets an agency works on does not depend on the reading."
        )
    for reading in (INHERITED,) if same else (INHERITED, WRITTEN):
        pairs = found.overlap_pairs[reading]
        genuine = [p for p in pairs if p.genuine]
        shared = sum(p.shared for p in pairs)
        co_listed = sum(p.co_listed for p in pairs)
        doc.p(
            f"{'Inherited' if reading == INHERITED else 'Written'} reading: agencies with at least "
            f"{MIN_PORTFOLIO} targets each share {shared} pair-targets; {co_listed} of them "
            f"({100 * co_listed / shared if shared else 0:.0f} %) come from co-listing (one task "
            "names both). Genuine overlap: both work on at least "
            f"{MIN_PORTFOLIO} of the same targets through different tasks, more than chance "
            f"(hypergeometric null model over the plan's targets, p < {P_THRESHOLD}): "
            f"{len(genuine)} pairs."
        )
        if genuine:
            doc.table(
                [
                    "agency A",
                    "agency B",
                    "targets A",
                    "targets B",
                    "shared",
                    "co-listed",
                    "separate",
                    "expected",
                    "p",
                ],
                [
                    [
                        _name(data, p.a, lang),
                        _name(data, p.b, lang),
                        p.size_a,
                        p.size_b,
                        p.shared,
                        p.co_listed,
                        p.separate,
                        f"{p.expected:.1f}",
                        f"{p.p_value:.4f}",
                    ]
                    for p in genuine
                ],
            )
    similar = {(p.a, p.b) for p in analysis.views["named-units"].similar_portfolios}
    explained = [
        p for p in found.overlap_pairs[INHERITED] if (p.a, p.b) in similar or (p.b, p.a) in similar
    ]
    if explained:
        doc.p(
            "The similar portfolios below (Jaccard ≥ threshold), split into co-listed and "
            "separate shared targets:"
        )
        doc.table(
            ["agency A", "agency B", "shared", "co-listed", "separate", "p (separate)"],
            [
                [
                    _name(data, p.a, lang),
                    _name(data, p.b, lang),
                    p.shared,
                    p.co_listed,
                    p.separate,
                    f"{p.p_value:.3f}",
                ]
                for p in explained
            ],
        )


def national_section(doc: Doc, analysis: Analysis) -> None:
    found = analysis.findings
    assert found is not None
    doc.h(3, "National VSDG targets the province did not adopt")
    national = found.national
    if not national.usable:
        doc.p(
            f"**Not computed:** {national.problem}. The yardstick is the national plan's "
            f"{NATIONAL_COUNT} VSDG targets (Decision 622/QĐ-TTg, Appendix 1); "
            f"`data/{national.path.name}` would hold them (`code,text_vi,text_en`). Until then, "
            "the UN gaps below are the only coverage measure, and they overstate the gap: "
            "Viet Nam did not adopt every UN target."
        )
        return
    for gap in found.national_gaps:
        info = analysis.data.plans.get(gap.plan)
        label = info.label if info else gap.plan
        doc.p(
            f"{label}: {len(gap.not_adopted)} of the {len(national.targets)} national targets "
            "have no task and are declared by no appendix."
        )
        doc.table(
            ["VSDG target", "text"],
            [[t.code, t.text_en or t.text_vi] for t in gap.not_adopted],
        )


def un_gaps_section(doc: Doc, analysis: Analysis) -> None:
    for item in analysis.un_coverage:
        doc.h(3, "UN goals and targets the plan never touches")
        outcome, national = split_un_gaps(item.untouched_targets)
        doc.p(
            "Reached through the SKOS mappings (close, broad, narrow, related) of the VSDG "
            "concept each task is filed under. Goals never touched: "
            f"{', '.join(g.notation for g in item.untouched_goals) or 'none'}. UN targets never "
            f"touched: {len(item.untouched_targets)} of {item.targets_total}; of these "
            f"{len(national)} are means-of-implementation targets (lettered, such as 6.a) or "
            "Goal 17 targets, mostly national competences (finance, trade, aid, technology), "
            f"and {len(outcome)} are outcome targets:"
        )
        doc.table(
            ["UN target", "text", "means of implementation / Goal 17"],
            [
                [u.notation, u.text or u.label, "yes" if u.means_of_implementation else ""]
                for u in (*outcome, *national)
            ],
        )
