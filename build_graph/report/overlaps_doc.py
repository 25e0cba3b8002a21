"""The report's sections on overlapping responsibilities (shared targets, similar portfolios,
near-duplicate tasks, agencies named as partners of their own tasks) and on gaps (targets a
plan declares and gives no task): in English or in Vietnamese."""

from __future__ import annotations

from build_graph.network.analysis import Analysis
from build_graph.network.graphs import VIEWS
from build_graph.network.today import Today
from build_graph.report import briefs_doc
from build_graph.report.markup import Doc
from build_graph.report.words import (
    VIEW_TITLES_VI,
    clipped,
    name,
    pair_rows,
    say,
    task_reference,
    task_text,
)


def overlaps_section(doc: Doc, analysis: Analysis, lang: str, today: Today | None = None) -> None:
    """Work filed twice: shared targets, similar portfolios, near-duplicate texts, self-partners.
    ``today``: who holds the leads' functions since the change events, for the briefing cases."""
    doc.h(2, say(lang, "Overlaps", "Chồng chéo"))
    _shared_targets(doc, analysis, lang, today)
    if analysis.findings is not None:
        briefs_doc.colisting_section(doc, analysis, lang)
    _similar_portfolios(doc, analysis, lang)
    _near_duplicates(doc, analysis, lang)
    _self_partners(doc, analysis, lang)


def _shared_targets(doc: Doc, analysis: Analysis, lang: str, today: Today | None = None) -> None:
    data = analysis.data
    doc.h(3, say(lang, "Targets with several leads", "Mục tiêu có nhiều cơ quan chủ trì"))
    doc.p(
        say(
            lang,
            "A target or sub-target under which tasks of more than one lead agency are filed "
            "(the concept as filed, not rolled up).",
            "Mục tiêu hoặc mục tiêu cụ thể có nhiệm vụ của nhiều cơ quan chủ trì (theo đúng "
            "mục tiêu ghi trong kế hoạch, không gộp lên cấp trên).",
        )
    )
    appendix = say(lang, "appendix", "phụ lục")
    doc.table(
        say(
            lang,
            "target|leads (appendix: tasks)|declared by appendices",
            "mục tiêu|cơ quan chủ trì (phụ lục: số nhiệm vụ)|được giao tại phụ lục",
        ).split("|"),
        [
            [
                s.notation,
                "; ".join(
                    f"{name(data, share.lead, lang)} ({appendix} {share.appendix_number:02d}:"
                    f" {share.tasks})"
                    for share in s.leads
                ),
                ", ".join(f"{n:02d}" for n in s.declared_by) or "–",
            ]
            for s in analysis.shared_targets
        ]
        or [[say(lang, "none", "không có"), "", ""]],
    )
    if analysis.findings is not None:
        briefs_doc.briefing_section(doc, analysis, lang, today)
    else:
        doc.p(
            say(
                lang,
                f"Besides these, {len(analysis.split_targets)} VSDG targets (X.Y) are split "
                "between leads by sub-target; they are listed in `findings/split-targets.csv`.",
                f"Ngoài ra, {len(analysis.split_targets)} mục tiêu VSDG (X.Y) được chia giữa "
                "các cơ quan chủ trì theo mục tiêu cụ thể; danh sách ở "
                "`findings/split-targets.csv`.",
            )
        )


def _similar_portfolios(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    for view in VIEWS:
        pairs = analysis.views[view.name].similar_portfolios
        title = say(lang, view.title, VIEW_TITLES_VI[view.name])
        doc.h(
            3,
            say(
                lang,
                f"Similar target portfolios: {title}",
                f"Danh mục mục tiêu giống nhau: {title}",
            ),
        )
        doc.p(
            say(
                lang,
                "Pairs of units, each working on at least 3 VSDG targets, whose sets of targets "
                f"have a Jaccard index ≥ {analysis.jaccard_threshold}.",
                "Các cặp đơn vị, mỗi đơn vị làm ít nhất 3 mục tiêu VSDG, có tập mục tiêu với chỉ "
                f"số Jaccard ≥ {analysis.jaccard_threshold}.",
            )
        )
        doc.table(
            say(
                lang,
                "unit A|unit B|shared targets|targets of A|targets of B|Jaccard",
                "đơn vị A|đơn vị B|mục tiêu chung|mục tiêu của A|mục tiêu của B|Jaccard",
            ).split("|"),
            pair_rows(
                data, pairs, lang, lambda p: [p.shared, p.size_a, p.size_b, f"{p.jaccard:.2f}"]
            )
            or [[say(lang, "none", "không có"), "", "", "", "", ""]],
        )


def _near_duplicates(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    doc.h(
        3,
        say(
            lang,
            "Near-duplicate task texts under different leads",
            "Nội dung nhiệm vụ gần trùng nhau giữa các cơ quan chủ trì",
        ),
    )
    doc.p(
        say(
            lang,
            "Similarity: Jaccard index of the texts' pairs of consecutive syllables; pairs with "
            f"similarity ≥ {analysis.text_threshold}.",
            "Độ tương đồng: chỉ số Jaccard của các cặp âm tiết liền nhau trong hai nội dung; "
            f"liệt kê các cặp có độ tương đồng ≥ {analysis.text_threshold}.",
        )
    )
    doc.table(
        say(
            lang,
            "similarity|task A|lead A|task B|lead B|text A|text B",
            "độ tương đồng|nhiệm vụ A|chủ trì A|nhiệm vụ B|chủ trì B|nội dung A|nội dung B",
        ).split("|"),
        [
            [
                f"{p.similarity:.2f}",
                task_reference(data.tasks[p.a], lang),
                name(data, data.tasks[p.a].lead, lang),
                task_reference(data.tasks[p.b], lang),
                name(data, data.tasks[p.b].lead, lang),
                task_text(clipped(data.tasks[p.a].text), lang),
                task_text(clipped(data.tasks[p.b].text), lang),
            ]
            for p in analysis.near_duplicates
        ]
        or [[say(lang, "none", "không có"), "", "", "", "", "", ""]],
    )


def _self_partners(doc: Doc, analysis: Analysis, lang: str) -> None:
    data = analysis.data
    doc.h(
        3,
        say(
            lang,
            "Agencies named as partner on their own tasks",
            "Cơ quan được nêu là đơn vị phối hợp trong nhiệm vụ của chính mình",
        ),
    )
    if analysis.self_partners:
        doc.table(
            say(lang, "task|agency", "nhiệm vụ|cơ quan").split("|"),
            [
                [task_reference(data.tasks[s.task], lang), name(data, s.agency, lang)]
                for s in analysis.self_partners
            ],
        )
    else:
        doc.p(
            say(
                lang,
                "None: no task names its lead agency among its partners.",
                "Không có: không nhiệm vụ nào nêu cơ quan chủ trì trong số đơn vị phối hợp.",
            )
        )


def gaps_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    """Work never filed: UN goals and targets untouched, declared targets without tasks."""
    doc.h(2, say(lang, "Gaps", "Khoảng trống"))
    if analysis.findings is not None:
        briefs_doc.national_section(doc, analysis, lang)
    briefs_doc.un_gaps_section(doc, analysis, lang)
    _declared_gaps(doc, analysis, lang)


def _declared_gaps(doc: Doc, analysis: Analysis, lang: str) -> None:
    data, gaps = analysis.data, analysis.declared_gaps
    doc.h(3, say(lang, "Declared targets with no task", "Mục tiêu được giao không có nhiệm vụ"))
    doc.p(
        say(
            lang,
            f"{gaps.total} targets are declared by the appendices' opening sentences. "
            f"With no task at all (not even under a broader concept): {len(gaps.no_task)}.",
            f"{gaps.total} mục tiêu được giao trong câu mở đầu của các phụ lục. Không có nhiệm "
            f"vụ nào (kể cả ở mục tiêu cấp trên): {len(gaps.no_task)}.",
        )
    )
    if gaps.no_task:
        doc.table(
            say(
                lang,
                "appendix|lead|declared target",
                "phụ lục|cơ quan chủ trì|mục tiêu được giao",
            ).split("|"),
            [
                [f"{d.appendix_number:02d}", name(data, d.lead, lang), d.notation]
                for d in gaps.no_task
            ],
        )
    doc.p(
        say(
            lang,
            "Covered only through a parent target or goal (the appendix files their tasks "
            f"under the broader concept): {len(gaps.covered_by_parent)}.",
            "Chỉ có nhiệm vụ ở mục tiêu cấp trên (phụ lục ghi nhiệm vụ dưới mục tiêu rộng "
            f"hơn): {len(gaps.covered_by_parent)}.",
        )
    )
    if gaps.covered_by_parent:
        doc.table(
            say(
                lang,
                "appendix|lead|declared target|tasks filed under",
                "phụ lục|cơ quan chủ trì|mục tiêu được giao|nhiệm vụ ghi dưới",
            ).split("|"),
            [
                [
                    f"{d.appendix_number:02d}",
                    name(data, d.lead, lang),
                    d.notation,
                    ", ".join(d.via),
                ]
                for d in gaps.covered_by_parent
            ],
        )
