"""The report's briefing sections: two-lead targets as cases, co-listing told apart from
portfolio overlap, and the gaps against the national plan with every target's text; in English
or Vietnamese."""

from __future__ import annotations

from build_graph.network.analysis import Analysis
from build_graph.network.briefs import P_THRESHOLD, BriefingCase, LeadSide
from build_graph.network.data import NetworkData
from build_graph.network.national import NATIONAL_COUNT, split_un_gaps
from build_graph.network.overlaps import MIN_PORTFOLIO
from build_graph.network.readings import INHERITED, WRITTEN
from build_graph.network.today import Today
from build_graph.report.markup import Doc
from build_graph.report.words import (
    clipped,
    english,
    pair_rows,
    say,
    task_reference,
    task_text,
)
from build_graph.report.words import name as unit_name

MAX_CASES = 20


def briefing_section(doc: Doc, analysis: Analysis, lang: str, today: Today | None = None) -> None:
    found = analysis.findings
    assert found is not None
    doc.h(
        3,
        say(
            lang,
            "Briefing cases: targets with two leads",
            "Các trường hợp cần báo cáo: mục tiêu có hai cơ quan chủ trì",
        ),
    )
    doc.p(
        say(
            lang,
            "For each target or sub-target with tasks of two leads: its text, each lead's tasks "
            "side by side, the similarity of their texts (Jaccard index of word pairs; 1 = the "
            "same words), and whether each lead names the other as partner.",
            "Với mỗi mục tiêu hoặc mục tiêu cụ thể có nhiệm vụ của hai cơ quan chủ trì: nội "
            "dung mục tiêu, nhiệm vụ của từng cơ quan đặt cạnh nhau, độ tương đồng giữa các nội "
            "dung (chỉ số Jaccard của các cặp từ; 1 = cùng các từ), và mỗi cơ quan có nêu cơ "
            "quan kia là đơn vị phối hợp hay không.",
        )
    )
    for case in found.briefing_cases[:MAX_CASES]:
        _case(doc, case, analysis.data, lang, today)
    if len(found.briefing_cases) > MAX_CASES:
        total = len(found.briefing_cases)
        doc.p(
            say(
                lang,
                f"The first {MAX_CASES} of {total} cases are shown; all of them are in "
                "`findings/briefing-cases.csv`.",
                f"Hiển thị {MAX_CASES} trên {total} trường hợp đầu tiên; đầy đủ ở "
                "`findings/briefing-cases.csv`.",
            )
        )
    co_filed = ", ".join(s.notation for s in found.co_filed) or say(lang, "none", "không có")
    doc.p(
        say(
            lang,
            f"VSDG targets split between leads by sub-target: {len(analysis.split_targets)} "
            "(`findings/split-targets.csv`). Targets whose leads all file under the same concept "
            f"are overlaps, counted among the cases above and not as split: {co_filed}.",
            "Mục tiêu VSDG được chia giữa các cơ quan chủ trì theo mục tiêu cụ thể: "
            f"{len(analysis.split_targets)} (`findings/split-targets.csv`). Mục tiêu mà mọi cơ "
            "quan chủ trì đều ghi nhiệm vụ vào cùng một mục là chồng chéo, được tính trong các "
            f"trường hợp ở trên chứ không phải là chia: {co_filed}.",
        )
    )


def _naming(side: LeadSide, others: str, lang: str) -> str:
    """How often a lead names the other lead(s): on its tasks under the target and in the whole
    plan, with how many of those are written on the task's own row (the rest inherited from a
    merged cell above)."""

    def count(total: int, written: int) -> str:
        if total == 0 or written == total:
            return str(total)
        return say(
            lang, f"{total} ({written} written on the row)", f"{total} ({written} ghi trên dòng)"
        )

    here = count(len(side.names_other), len(side.names_other_written))
    anywhere = count(side.names_other_anywhere, side.names_other_anywhere_written)
    inherited = side.names_other_anywhere - side.names_other_anywhere_written
    note = (
        say(
            lang,
            "; the rest are inherited from a merged cell above",
            "; số còn lại kế thừa từ ô gộp phía trên",
        )
        if inherited
        else ""
    )
    return say(
        lang,
        f"names {others} on {here} of its {len(side.tasks)} tasks here, and on {anywhere} of "
        f"its tasks in the whole plan{note}",
        f"nêu {others} trong {here} trên {len(side.tasks)} nhiệm vụ của mình ở đây, và trong "
        f"{anywhere} nhiệm vụ trong toàn bộ kế hoạch{note}",
    )


def _one_body_today(case: BriefingCase, data: NetworkData, today: Today | None, lang: str) -> str:
    """ "Both leads' functions are held by one body today: X (event, day)", when the change
    events say so (13.1.a: Agriculture and Natural Resources became one department in 2025)."""
    if today is None:
        return ""
    principal: dict[str, str] = {}
    bases: list[str] = []
    for side in case.sides:
        holders = [h for h in today.holdings.get(side.lead, []) if h.principal]
        if not holders:
            return ""
        principal[side.lead] = holders[0].holder
        bases += sorted(b.text() for b in holders[0].bases)
    if len(set(principal.values())) != 1:
        return ""
    holder = unit_name(data, next(iter(principal.values())), lang)
    basis = "; ".join(dict.fromkeys(bases))
    return say(
        lang,
        f"Today one body holds both leads' functions: {holder} ({basis}).",
        f"Hiện nay một cơ quan giữ chức năng của cả hai cơ quan chủ trì: {holder} ({basis}).",
    )


def _case(
    doc: Doc, case: BriefingCase, data: NetworkData, lang: str, today: Today | None = None
) -> None:
    doc.h(4, say(lang, f"Target {case.notation}", f"Mục tiêu {case.notation}"))
    text = case.text
    lines = []
    if text is not None:
        own = (
            ""
            if case.text_of == case.notation
            else say(
                lang,
                f" (its parent {case.text_of}; it has no text of its own)",
                f" (mục tiêu cấp trên {case.text_of}; mục tiêu này không có nội dung riêng)",
            )
        )
        if lang == "vi":
            lines.append(f"VSDG{own}: {text.text_vi}")
        else:
            english_text = f" — {text.text_en}" if text.text_en else ""
            lines.append(f"VSDG{own}: {task_text(text.text_vi, lang)}{english_text}")
        for code, un_text in text.un:
            lines.append(
                say(lang, f"UN {code}: ", f"LHQ {code} (nguyên văn tiếng Anh): ")
                + english(un_text, lang)
            )
    else:
        lines.append(say(lang, "No text in the graph.", "Đồ thị không có nội dung mục tiêu."))
    appendices = ", ".join(f"{n:02d}" for n in case.declared_by) or say(lang, "none", "không có")
    lines.append(say(lang, "Declared by appendices ", "Được giao tại các phụ lục ") + appendices)
    for side in case.sides:
        others = ", ".join(unit_name(data, s.lead, lang) for s in case.sides if s.lead != side.lead)
        named = _naming(side, others, lang)
        lines.append(f"{unit_name(data, side.lead, lang)}: {named}.")
    merged = _one_body_today(case, data, today, lang)
    if merged:
        lines.append(merged)
    best = case.best
    if best is not None:
        a, b = task_reference(data.tasks[best[0]], lang), task_reference(data.tasks[best[1]], lang)
        lines.append(
            say(
                lang,
                f"Most similar pair: {a} and {b}, similarity {best[2]:.2f}.",
                f"Cặp giống nhau nhất: {a} và {b}, độ tương đồng {best[2]:.2f}.",
            )
        )
    doc.ul(lines)
    width = max(len(side.tasks) for side in case.sides)
    rows = []
    for i in range(width):
        row = []
        for side in case.sides:
            if i < len(side.tasks):
                task = side.tasks[i]
                row.append(
                    f"{task_reference(task, lang)}: {task_text(clipped(task.text, 220), lang)}"
                )
            else:
                row.append("")
        rows.append(row)
    doc.table([f"{unit_name(data, side.lead, lang)}" for side in case.sides], rows)


def colisting_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    doc.h(
        3,
        say(
            lang,
            "Co-listing or overlapping remits",
            "Cùng được liệt kê hay chức năng chồng chéo",
        ),
    )
    same = found.overlap_pairs[INHERITED] == found.overlap_pairs[WRITTEN]
    if same:
        doc.p(
            say(
                lang,
                "Both readings of merged cells give the same pairs here: a merged cell never "
                "spans two targets, so which targets an agency works on does not depend on the "
                "reading.",
                "Hai cách đọc ô gộp cho cùng các cặp ở đây: một ô gộp không bao giờ trải qua hai "
                "mục tiêu, nên việc một cơ quan làm những mục tiêu nào không phụ thuộc vào cách "
                "đọc.",
            )
        )
    for reading in (INHERITED,) if same else (INHERITED, WRITTEN):
        _overlap_reading(doc, analysis, reading, lang)
    _similar_portfolios_split(doc, analysis, lang)


def _overlap_reading(doc: Doc, analysis: Analysis, reading: str, lang: str) -> None:
    """One reading's shared targets, how many are co-listed, and its genuine overlaps."""
    found = analysis.findings
    assert found is not None
    data = analysis.data
    pairs = found.overlap_pairs[reading]
    genuine = [p for p in pairs if p.genuine]
    shared = sum(p.shared for p in pairs)
    co_listed = sum(p.co_listed for p in pairs)
    share = 100 * co_listed / shared if shared else 0
    title = say(
        lang,
        "Inherited" if reading == INHERITED else "Written",
        "Cách đọc kế thừa" if reading == INHERITED else "Cách đọc ghi trực tiếp",
    )
    doc.p(
        say(
            lang,
            f"{title} reading: agencies with at least "
            f"{MIN_PORTFOLIO} targets each share {shared} pair-targets; {co_listed} of them "
            f"({share:.0f} %) come from co-listing (one task "
            "names both). Genuine overlap: both work on at least "
            f"{MIN_PORTFOLIO} of the same targets through different tasks, more than chance "
            f"(hypergeometric null model over the plan's targets, p < {P_THRESHOLD}): "
            f"{len(genuine)} pairs.",
            f"{title}: các cơ quan có ít nhất {MIN_PORTFOLIO} mục tiêu chia sẻ {shared} cặp "
            f"mục tiêu; {co_listed} cặp ({share:.0f} %) là do cùng được liệt kê (một nhiệm "
            "vụ nêu cả hai). Chồng chéo thực sự: cả hai cùng làm ít nhất "
            f"{MIN_PORTFOLIO} mục tiêu giống nhau qua các nhiệm vụ khác nhau, nhiều hơn mức "
            "ngẫu nhiên (mô hình siêu bội trên các mục tiêu của kế hoạch, p < "
            f"{P_THRESHOLD}): {len(genuine)} cặp.",
        )
    )
    if genuine:
        doc.table(
            say(
                lang,
                "agency A|agency B|targets A|targets B|shared|co-listed|separate|expected|p",
                "cơ quan A|cơ quan B|mục tiêu A|mục tiêu B|chung|cùng liệt kê|riêng rẽ|kỳ vọng|p",
            ).split("|"),
            pair_rows(
                data,
                genuine,
                lang,
                lambda p: [
                    *(p.size_a, p.size_b, p.shared, p.co_listed, p.separate),
                    *(f"{p.expected:.1f}", f"{p.p_value:.4f}"),
                ],
            ),
        )


def _similar_portfolios_split(doc: Doc, analysis: Analysis, lang: str) -> None:
    """The similar portfolios, each split into co-listed and separate shared targets."""
    found = analysis.findings
    assert found is not None
    data = analysis.data
    similar = {(p.a, p.b) for p in analysis.views["named-units"].similar_portfolios}
    explained = [
        p for p in found.overlap_pairs[INHERITED] if (p.a, p.b) in similar or (p.b, p.a) in similar
    ]
    if explained:
        doc.p(
            say(
                lang,
                "The similar portfolios below (Jaccard ≥ threshold), split into co-listed and "
                "separate shared targets:",
                "Các danh mục mục tiêu giống nhau dưới đây (Jaccard ≥ ngưỡng), chia thành mục "
                "tiêu chung do cùng được liệt kê và mục tiêu chung riêng rẽ:",
            )
        )
        doc.table(
            say(
                lang,
                "agency A|agency B|shared|co-listed|separate|p (separate)",
                "cơ quan A|cơ quan B|chung|cùng liệt kê|riêng rẽ|p (riêng rẽ)",
            ).split("|"),
            pair_rows(
                data,
                explained,
                lang,
                lambda p: [p.shared, p.co_listed, p.separate, f"{p.p_value:.3f}"],
            ),
        )


def national_section(doc: Doc, analysis: Analysis, lang: str = "en") -> None:
    found = analysis.findings
    assert found is not None
    doc.h(
        3,
        say(
            lang,
            "National VSDG targets the province did not adopt",
            "Mục tiêu VSDG quốc gia mà tỉnh không đưa vào kế hoạch",
        ),
    )
    national = found.national
    if not national.usable:
        doc.p(
            say(
                lang,
                f"**Not computed:** {national.problem}. The yardstick is the national plan's "
                f"{NATIONAL_COUNT} VSDG targets (Decision 622/QĐ-TTg, Appendix 1); "
                f"`data/{national.path.name}` would hold them (`code,text_vi,text_en`). Until "
                "then, the UN gaps below are the only coverage measure, and they overstate the "
                "gap: Viet Nam did not adopt every UN target.",
                f"**Chưa tính được:** chưa có danh sách {NATIONAL_COUNT} mục tiêu VSDG của kế "
                "hoạch quốc gia (Quyết định 622/QĐ-TTg, Phụ lục 1) làm thước đo; tệp "
                f"`data/{national.path.name}` sẽ chứa danh sách này (`code,text_vi,text_en`). "
                "Trong khi chờ, khoảng trống so với mục tiêu của Liên Hợp Quốc dưới đây là thước "
                "đo bao phủ duy nhất, và nó phóng đại khoảng trống: Việt Nam không đưa mọi mục "
                "tiêu của Liên Hợp Quốc vào kế hoạch quốc gia.",
            )
        )
        return
    for gap in found.national_gaps:
        info = analysis.data.plans.get(gap.plan)
        label = info.label if info else gap.plan
        doc.p(
            say(
                lang,
                f"{label}: {len(gap.not_adopted)} of the {len(national.targets)} national "
                "targets have no task and are declared by no appendix.",
                f"{label}: {len(gap.not_adopted)} trên {len(national.targets)} mục tiêu quốc "
                "gia không có nhiệm vụ và không được giao cho phụ lục nào.",
            )
        )
        doc.table(
            say(lang, "VSDG target|text", "mục tiêu VSDG|nội dung").split("|"),
            [
                [t.code, t.text_vi if lang == "vi" else (t.text_en or t.text_vi)]
                for t in gap.not_adopted
            ],
        )


def un_gaps_section(doc: Doc, analysis: Analysis, lang: str = "en") -> None:
    for item in analysis.un_coverage:
        doc.h(
            3,
            say(
                lang,
                "UN goals and targets the plan never touches",
                "Mục tiêu chung và mục tiêu cụ thể của Liên Hợp Quốc mà kế hoạch không đề cập",
            ),
        )
        outcome, national = split_un_gaps(item.untouched_targets)
        goals = ", ".join(g.notation for g in item.untouched_goals) or say(lang, "none", "không có")
        untouched, total = len(item.untouched_targets), item.targets_total
        doc.p(
            say(
                lang,
                "Reached through the SKOS mappings (close, broad, narrow, related) of the VSDG "
                f"concept each task is filed under. Goals never touched: {goals}. UN targets "
                f"never touched: {untouched} of {total}; of these "
                f"{len(national)} are means-of-implementation targets (lettered, such as 6.a) or "
                "Goal 17 targets, mostly national competences (finance, trade, aid, technology), "
                f"and {len(outcome)} are outcome targets:",
                "Được xác định qua các ánh xạ SKOS (gần, rộng hơn, hẹp hơn, liên quan) của mục "
                "tiêu VSDG mà mỗi nhiệm vụ được ghi vào. Mục tiêu chung không được đề cập: "
                f"{goals}. Mục tiêu cụ thể của Liên Hợp Quốc không được đề cập: {untouched} trên "
                f"{total}; trong đó {len(national)} là mục tiêu về phương tiện thực hiện (có chữ "
                "cái, như 6.a) hoặc thuộc Mục tiêu 17, phần lớn thuộc thẩm quyền trung ương (tài "
                f"chính, thương mại, viện trợ, công nghệ), và {len(outcome)} là mục tiêu về kết "
                "quả. Nội dung các mục tiêu là nguyên văn tiếng Anh của Liên Hợp Quốc (đồ thị "
                "không có bản tiếng Việt):",
            )
        )
        doc.table(
            say(
                lang,
                "UN target|text|means of implementation / Goal 17",
                "mục tiêu LHQ|nội dung (nguyên văn tiếng Anh)|phương tiện thực hiện / Mục tiêu 17",
            ).split("|"),
            [
                [
                    u.notation,
                    english(u.text or u.label, lang),
                    say(lang, "yes", "có") if u.means_of_implementation else "",
                ]
                for u in (*outcome, *national)
            ],
        )
