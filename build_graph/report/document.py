"""The report's content: its sections, tables and sentences, as a :class:`~.markup.Doc`
(rendered to Markdown and HTML by :mod:`.markup`), kept apart from the rendering so that both
renderings say the same thing; in English or in Vietnamese, every sentence written in both
side by side (:func:`~.words.say`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from build_graph.network.analysis import Analysis
from build_graph.network.data import NetworkData, TaskRow
from build_graph.network.graphs import AGGREGATE_KINDS, NAMED_UNITS, VIEWS
from build_graph.network.merged import generic_names
from build_graph.network.metrics import BOTTLENECK_FORMULA, LOUVAIN_SEED, AgencyMetrics
from build_graph.network.per_plan import PlanViews
from build_graph.network.today import Today
from build_graph.report import briefs_doc, findings_doc, today_doc
from build_graph.report.extraction_warnings import ExtractionWarnings
from build_graph.report.findings_doc import VAGUE_EXAMPLE
from build_graph.report.markup import Doc
from build_graph.report.words import (
    kind_name,
    name,
    registry_link,
    say,
    section_note,
    section_title,
    task_text,
    warning_kind,
)
from build_graph.tables.extraction_report import SECTIONS

TOP = 10


TOP_ACROSS = 15

BOTTLENECK_FORMULA_VI = (
    "điểm nút thắt = 100 × (0,5 × khối lượng / khối lượng lớn nhất + 0,3 × số cơ quan chủ trì "
    "được phục vụ / số lớn nhất + 0,2 × độ trung gian / độ trung gian lớn nhất); khối lượng = "
    "số nhiệm vụ chủ trì + số nhiệm vụ phối hợp; số cơ quan chủ trì được phục vụ = số cơ quan "
    "chủ trì khác nêu đơn vị là đơn vị phối hợp; độ trung gian = tỷ lệ các đường phối hợp ngắn "
    "nhất (mạng lưới chủ trì – phối hợp vô hướng, khoảng cách 1/số nhiệm vụ chung) đi qua đơn vị"
)


# -- content -----------------------------------------------------------------------------------
def _name(data: NetworkData, iri: str, lang: str) -> str:
    return name(data, iri, lang)


def _task(task: TaskRow, lang: str = "en") -> str:
    if not task.line:
        return task.task_id
    return say(lang, f"{task.task_id} (line {task.line})", f"{task.task_id} (dòng {task.line})")


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
BOTTLENECK_HEADERS_VI = [
    "hạng",
    "đơn vị",
    "loại",
    "điểm",
    "khối lượng",
    "chủ trì",
    "phối hợp",
    "số cơ quan chủ trì được phục vụ",
    "độ trung gian",
    "mức ràng buộc",
    "lý do xếp hạng",
]


def _why(row: AgencyMetrics, lang: str) -> str:
    """Why a unit ranks where it does: the export's words in English; in Vietnamese, the three
    points of the score."""
    if lang != "vi":
        return row.why
    points = row.points
    return (
        f"trên {row.load} nhiệm vụ ({row.tasks_led} chủ trì, {row.tasks_partner} phối hợp; "
        f"{points.get('load', 0.0):.1f} điểm); phối hợp cho {row.leads_served} cơ quan chủ trì "
        f"({points.get('reach', 0.0):.1f} điểm); độ trung gian {row.betweenness:.3f} "
        f"({points.get('brokerage', 0.0):.1f} điểm)"
    )


def _bottleneck_table(rows: list[AgencyMetrics], data: NetworkData, lang: str) -> list[list[Any]]:
    """The first TOP agencies of a view's composite ranking (collective and vague units, which
    are in the all-units network, are not listed: they are no agencies)."""
    rows = [r for r in rows if r.kind not in AGGREGATE_KINDS]
    return [
        [
            r.bottleneck_rank,
            _name(data, r.iri, lang),
            kind_name(r.kind, lang),
            f"{r.bottleneck:.1f}",
            r.load,
            r.tasks_led,
            r.tasks_partner,
            r.leads_served,
            _fmt(r.betweenness),
            _fmt(r.constraint),
            _why(r, lang),
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
    plan_names: Mapping[str, str] | None = None,
    today: Today | None = None,
) -> Doc:
    """The whole report, section by section. ``plan_names``: plan IRI → its Vietnamese name;
    ``today``: the plan read with the structure of the change events' cut-off day."""
    doc = Doc(lang=lang)
    numbers = {path: number for number, path in enumerate(figures, start=1)}
    _title(doc, analysis.data, source, lang, plan_names or {})
    _at_a_glance(doc, analysis, warnings, lang)
    if analysis.findings is not None:
        findings_doc.accountability_section(doc, analysis, lang)
        findings_doc.measures_section(doc, analysis, lang)
        findings_doc.rank_change_section(doc, analysis, lang)
        rank_figure = next((f for f in figures if "rank-ranges" in f), None)
        findings_doc.sensitivity_section(
            doc, analysis, rank_figure, lang, numbers.get(rank_figure or "")
        )
    if analysis.per_plan is not None:
        plan_sections(doc, analysis.per_plan, analysis.data, lang)
    _overlaps(doc, analysis, lang)
    _gaps(doc, analysis, lang)
    _bottlenecks(doc, analysis, lang)
    _extraction_warnings(doc, warnings, lang)
    if today is not None:
        today_doc.today_section(doc, today, analysis.data, lang)
    _figures(doc, figures, lang)
    _method(doc, lang)
    _files(doc, files, lang)
    return doc


def _title(
    doc: Doc, data: NetworkData, source: str, lang: str, plan_names: Mapping[str, str]
) -> None:
    """The plans analysed, and the graph the networks come from."""
    if lang == "vi":
        plans = ", ".join(
            plan_names.get(p.iri) or p.label or p.identifier or p.iri for p in data.plans.values()
        )
    else:
        plans = ", ".join(p.label or p.identifier or p.iri for p in data.plans.values())
    doc.h(1, say(lang, f"Coordination analysis: {plans}", f"Phân tích phối hợp: {plans}"))
    partners = {p for t in data.tasks.values() for p in t.partners}
    if lang == "vi":
        shown = (
            "kế hoạch Hải Phòng đi kèm, dựng ngay trong lần chạy"
            if source.startswith("the bundled")
            else source
        )
        doc.p(
            f"Đồ thị: {shown}. Các mạng lưới được dựng từ đồ thị này bằng các truy vấn SPARQL "
            "trong `queries/network/` (chạy trên pyoxigraph), không phải từ các bảng CSV. "
            f"{len(data.tasks)} nhiệm vụ, {len(data.leads)} cơ quan chủ trì, {len(partners)} "
            "đơn vị phối hợp khác nhau."
        )
        return
    doc.p(
        f"Graph: {source}. Networks are built from it with the SPARQL queries of "
        "`queries/network/` (run on pyoxigraph), not from the CSV tables. "
        f"{len(data.tasks)} tasks, {len(data.leads)} lead agencies, {len(partners)} distinct "
        "partner units."
    )


def _at_a_glance(doc: Doc, analysis: Analysis, warnings: ExtractionWarnings, lang: str) -> None:
    """One line per finding: the top measures, the counts of overlaps, gaps and warnings."""
    data = analysis.data
    all_rows = analysis.views["all-units"].metrics
    named_rows = analysis.views[NAMED_UNITS.name].metrics
    gaps = analysis.declared_gaps
    doc.h(2, say(lang, "At a glance", "Tóm tắt"))
    glance = findings_doc.accountability_glance(analysis, lang) if analysis.findings else []
    if analysis.findings is not None:
        glance += _top_measures(analysis, lang)
    n_shared, n_near = len(analysis.shared_targets), len(analysis.near_duplicates)
    n_self = len(analysis.self_partners)
    glance += [
        say(
            lang,
            f"{n_shared} targets or sub-targets have tasks from more than one lead agency "
            "(briefing cases under *Overlaps*).",
            f"{n_shared} mục tiêu hoặc mục tiêu cụ thể có nhiệm vụ của nhiều cơ quan chủ trì "
            "(các trường hợp cần báo cáo ở mục *Chồng chéo*).",
        ),
        say(
            lang,
            f"{n_near} pairs of near-duplicate task texts under different leads "
            f"(similarity ≥ {analysis.text_threshold}).",
            f"{n_near} cặp nội dung nhiệm vụ gần trùng nhau thuộc các cơ quan chủ trì khác nhau "
            f"(độ tương đồng ≥ {analysis.text_threshold}).",
        ),
        say(
            lang,
            f"{n_self} tasks name their own lead agency as partner.",
            f"{n_self} nhiệm vụ nêu chính cơ quan chủ trì là đơn vị phối hợp.",
        ),
    ]
    for item in analysis.un_coverage:
        glance.append(
            say(
                lang,
                f"UN SDG coverage: {item.goals_touched} of {item.goals_total} goals and "
                f"{item.targets_touched} of {item.targets_total} UN targets are reached "
                "by at least one task.",
                f"Mức bao phủ SDG của Liên Hợp Quốc: {item.goals_touched} trên "
                f"{item.goals_total} mục tiêu chung và {item.targets_touched} trên "
                f"{item.targets_total} mục tiêu cụ thể có ít nhất một nhiệm vụ.",
            )
        )
    glance.append(
        say(
            lang,
            f"Declared targets: {len(gaps.no_task)} of {gaps.total} have no task at all; "
            f"{len(gaps.covered_by_parent)} have tasks only through their parent target or goal.",
            f"Mục tiêu được giao: {len(gaps.no_task)} trên {gaps.total} không có nhiệm vụ nào; "
            f"{len(gaps.covered_by_parent)} chỉ có nhiệm vụ ở mục tiêu cấp trên.",
        )
    )
    glance.append(
        say(
            lang,
            f"Data-quality warnings from the extraction: {len(warnings.items)} "
            f"({warnings.origin}).",
            f"Cảnh báo chất lượng dữ liệu từ bước trích xuất: {len(warnings.items)} "
            f"({_origin_vi(warnings.origin)}).",
        )
    )
    first_all = _name(data, _first_agency(all_rows).iri, lang)
    first_named = _name(data, named_rows[0].iri, lang)
    glance.append(
        say(
            lang,
            "The old composite bottleneck score is kept for comparison only (see *Bottlenecks*): "
            f"top agency, all units: {first_all}; named units only: {first_named}.",
            "Điểm nút thắt tổng hợp cũ chỉ được giữ để so sánh (xem *Nút thắt*): cơ quan đứng "
            f"đầu, tất cả đơn vị: {first_all}; chỉ đơn vị cụ thể: {first_named}.",
        )
    )
    doc.ul(glance)


def _origin_vi(origin: str) -> str:
    """Where the warnings were read, in Vietnamese (the file names kept as code)."""
    if origin.startswith("read from "):
        files = origin.removeprefix("read from ").split(" beside the graph file")[0]
        return f"đọc từ {files} bên cạnh tệp đồ thị (do `sdgkg build` ghi cùng đồ thị)"
    if origin.startswith("re-extracted in process"):
        files = origin.split("`")[1] if "`" in origin else ""
        return f"trích xuất lại ngay trong lần chạy từ nguồn đi kèm `{files}`"
    if origin.startswith("re-extracted from"):
        files = origin.split(": ", 1)[1] if ": " in origin else ""
        return f"trích xuất lại từ văn bản nguồn mà đồ thị nêu tên: {files}"
    return "không có: không tìm thấy tables/irregularities.csv hoặc văn bản nguồn"


def _first_agency(rows: list[AgencyMetrics]) -> AgencyMetrics:
    return next((r for r in rows if r.kind not in AGGREGATE_KINDS), rows[0])


def _top_measures(analysis: Analysis, lang: str) -> list[str]:
    """The first agency by demand, leads served and brokerage, in both readings."""
    found = analysis.findings
    assert found is not None
    data = analysis.data
    parts = []
    for column, title, title_vi in (
        ("demand_tasks", "demand from other agencies", "nhu cầu phối hợp từ cơ quan khác"),
        ("leads_served", "leads served", "số cơ quan chủ trì được phục vụ"),
        ("brokerage", "brokerage", "vai trò cầu nối"),
    ):
        names = []
        for reading in ("written", "inherited"):
            rows = [r for r in found.sensitivity.baseline(reading) if r.ranks.get(column) == 1]
            unique = dict.fromkeys(_name(data, r.iri, lang) for r in rows)
            names.append(", ".join(unique) or "–")
        parts.append(
            say(
                lang,
                f"{title}: **{names[1]}** (inherited), {names[0]} (written)",
                f"{title_vi}: **{names[1]}** (kế thừa), {names[0]} (ghi trực tiếp)",
            )
        )
    if lang == "vi":
        return ["Cơ quan đứng đầu về " + "; về ".join(parts) + "."]
    return ["First agency by " + "; by ".join(parts) + "."]


def _bottlenecks(doc: Doc, analysis: Analysis, lang: str) -> None:
    """The bottleneck ranking of both views (graph-wide, with several plans)."""
    data = analysis.data
    doc.h(
        2,
        say(
            lang,
            "Bottlenecks (the old composite score, kept for comparison)",
            "Nút thắt (điểm tổng hợp cũ, giữ lại để so sánh)",
        ),
    )
    doc.p(
        say(
            lang,
            f"Score: {BOTTLENECK_FORMULA}. Maxima are taken within each view. **Not a finding.** "
            "It adds an agency's own workload (tasks led) to what others ask of it, so it mostly "
            "ranks workload; its weights have no stated reason and moving them moves the ranks "
            "far (see *Sensitivity and stability*); and scaling to a maximum makes scores "
            "incomparable between views and plans. It is kept so that earlier reports and the "
            "exports' `bottleneck` columns can still be compared; use the measures above. "
            "Collective and vague units are part of the all-units network but are not listed "
            "here.",
            f"Điểm: {BOTTLENECK_FORMULA_VI}. Giá trị lớn nhất được lấy trong từng chế độ xem. "
            "**Đây không phải là một phát hiện.** Điểm này cộng khối lượng công việc của chính "
            "cơ quan (nhiệm vụ chủ trì) với những gì cơ quan khác đề nghị, nên chủ yếu xếp hạng "
            "theo khối lượng; trọng số không có lý do nêu rõ và thay đổi trọng số làm thứ hạng "
            "thay đổi nhiều (xem *Độ nhạy và độ ổn định*); việc chia cho giá trị lớn nhất làm "
            "điểm không so sánh được giữa các chế độ xem và các kế hoạch. Điểm được giữ để còn "
            "so sánh với các báo cáo trước và cột `bottleneck` của tệp xuất; hãy dùng các thước "
            "đo ở trên. Đơn vị tập thể và chung chung có trong mạng lưới tất cả đơn vị nhưng "
            "không được liệt kê ở đây.",
        )
    )
    if analysis.per_plan is not None:
        doc.p(
            say(
                lang,
                f"With {len(data.plans)} plans in the graph, this ranking compares the units of "
                "all plans with one another; each plan's own ranking is under *Per plan*, and "
                "the departments that carry the load across plans under *Across plans*.",
                f"Với {len(data.plans)} kế hoạch trong đồ thị, bảng xếp hạng này so sánh đơn vị "
                "của mọi kế hoạch với nhau; xếp hạng riêng của từng kế hoạch ở mục *Từng kế "
                "hoạch*, và các sở gánh khối lượng ở nhiều kế hoạch ở mục *Giữa các kế hoạch*.",
            )
        )
    views = (
        ("all units", "tất cả đơn vị", analysis.views["all-units"].metrics),
        ("named units only", "chỉ đơn vị cụ thể", analysis.views[NAMED_UNITS.name].metrics),
    )
    headers = BOTTLENECK_HEADERS_VI if lang == "vi" else BOTTLENECK_HEADERS
    for view_en, view_vi, rows in views:
        doc.h(
            3,
            say(
                lang,
                f"Top {TOP} bottlenecks: {view_en}",
                f"{TOP} nút thắt đứng đầu: {view_vi}",
            ),
        )
        doc.table(headers, _bottleneck_table(rows, data, lang))


def _overlaps(doc: Doc, analysis: Analysis, lang: str) -> None:
    """Work filed twice: shared targets, similar portfolios, near-duplicate texts, self-partners."""
    doc.h(2, say(lang, "Overlaps", "Chồng chéo"))
    _shared_targets(doc, analysis, lang)
    if analysis.findings is not None:
        briefs_doc.colisting_section(doc, analysis, lang)
    _similar_portfolios(doc, analysis, lang)
    _near_duplicates(doc, analysis, lang)
    _self_partners(doc, analysis, lang)


def _shared_targets(doc: Doc, analysis: Analysis, lang: str) -> None:
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
                    f"{_name(data, share.lead, lang)} ({appendix} {share.appendix_number:02d}:"
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
        briefs_doc.briefing_section(doc, analysis, lang)
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
        title = say(lang, view.title, _VIEW_VI[view.name])
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
            or [[say(lang, "none", "không có"), "", "", "", "", ""]],
        )


_VIEW_VI = {
    "all-units": "tất cả đơn vị",
    "named-units": "chỉ đơn vị cụ thể (bỏ đơn vị tập thể và chung chung)",
}


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
                _task(data.tasks[p.a], lang),
                _name(data, data.tasks[p.a].lead, lang),
                _task(data.tasks[p.b], lang),
                _name(data, data.tasks[p.b].lead, lang),
                task_text(_clip(data.tasks[p.a].text), lang),
                task_text(_clip(data.tasks[p.b].text), lang),
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
                [_task(data.tasks[s.task], lang), _name(data, s.agency, lang)]
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


def _gaps(doc: Doc, analysis: Analysis, lang: str) -> None:
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
                [f"{d.appendix_number:02d}", _name(data, d.lead, lang), d.notation]
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
                    _name(data, d.lead, lang),
                    d.notation,
                    ", ".join(d.via),
                ]
                for d in gaps.covered_by_parent
            ],
        )


def _extraction_warnings(doc: Doc, warnings: ExtractionWarnings, lang: str) -> None:
    """The extraction's data-quality warnings: counted by kind, then listed by section. In
    Vietnamese, each warning is told by its kind and the text as printed; the extraction's own
    English notes stay in the CSV and the extraction report."""
    doc.h(
        2,
        say(
            lang,
            "Data-quality warnings from the extraction",
            "Cảnh báo chất lượng dữ liệu từ bước trích xuất",
        ),
    )
    doc.p(
        say(
            lang,
            f"Source of the warnings: {warnings.origin}.",
            f"Nguồn của các cảnh báo: {_origin_vi(warnings.origin)}. Ghi chú chi tiết của bước "
            "trích xuất (bằng tiếng Anh) có trong `findings/extraction-warnings.csv` và "
            "`tables/extraction-report.md`.",
        )
    )
    if not warnings.items:
        return
    counts = Counter(w.kind for w in warnings.items)
    section_of = {kind: title for title, _, kinds in SECTIONS for kind in kinds}
    doc.table(
        say(lang, "kind|count|section", "loại|số lượng|nhóm").split("|"),
        [
            [warning_kind(kind, lang), count, section_title(section_of.get(kind, "other"), lang)]
            for kind, count in counts.most_common()
        ],
    )
    for title, note, kinds in SECTIONS:
        items = sorted((w for w in warnings.items if w.kind in kinds), key=lambda w: w.line or 0)
        if not items:
            continue
        inner = Doc(lang=lang)
        inner.p(section_note(title, note, lang))
        if lang == "vi":
            inner.table(
                ["dòng", "loại", "nội dung in trong văn bản"],
                [
                    [
                        w.line if w.line is not None else "–",
                        warning_kind(w.kind, lang),
                        _clip(w.raw, 90),
                    ]
                    for w in items
                ],
            )
        else:
            inner.table(
                ["line", "kind", "what", "raw", "reading"],
                [
                    [
                        w.line if w.line is not None else "–",
                        w.kind,
                        w.message,
                        task_text(_clip(w.raw, 90), lang),
                        w.reading,
                    ]
                    for w in items
                ],
            )
        doc.details(f"{section_title(title, lang)} ({len(items)})", inner)
    known = {kind for _, _, kinds in SECTIONS for kind in kinds}
    rest = [w for w in warnings.items if w.kind not in known]
    if rest:
        inner = Doc(lang=lang)
        if lang == "vi":
            inner.table(
                ["dòng", "loại", "nội dung in trong văn bản"],
                [[w.line, warning_kind(w.kind, lang), _clip(w.raw, 90)] for w in rest],
            )
        else:
            inner.table(["line", "kind", "what"], [[w.line, w.kind, w.message] for w in rest])
        doc.details(say(lang, f"Other ({len(rest)})", f"Khác ({len(rest)})"), inner)


def _figures(doc: Doc, figures: dict[str, str], lang: str) -> None:
    doc.h(2, say(lang, "Figures", "Hình"))
    doc.p(
        say(
            lang,
            "Each figure is shown at the width it was drawn for; click it to open it at full "
            "size. The networks can be explored unit by unit in the explorer (link at the top).",
            "Mỗi hình được hiển thị đúng chiều rộng đã vẽ; nhấn vào hình để mở ở kích thước đầy "
            "đủ. Có thể xem từng đơn vị của mạng lưới trong trang khám phá (đường dẫn ở đầu "
            "trang).",
        )
    )
    for path, caption in figures.items():
        doc.img(path, caption)


def _method(doc: Doc, lang: str) -> None:
    """How the networks and metrics are made, for a reader who wants to check them."""
    doc.h(2, say(lang, "Method", "Phương pháp"))
    if lang == "vi":
        doc.ul(
            [
                "Mạng lưới chủ trì → phối hợp: một cạnh từ cơ quan chủ trì của nhiệm vụ đến mỗi "
                "đơn vị phối hợp được nêu, trọng số là số nhiệm vụ như vậy; đơn vị phối hợp "
                "trùng với cơ quan chủ trì bị bỏ qua (và được báo cáo ở trên).",
                "Mạng lưới cơ quan – mục tiêu: một cơ quan và một mục tiêu VSDG (X.Y; hoặc mục "
                "tiêu chung với nhiệm vụ ghi ở cấp mục tiêu chung) được nối bởi các nhiệm vụ cơ "
                "quan chủ trì hoặc phối hợp thuộc mục tiêu đó; phép chiếu lên cơ quan nối hai cơ "
                "quan bằng số mục tiêu chung (`jaccard` trên cạnh).",
                "Mạng lưới cùng phối hợp: hai đơn vị được nối bằng số nhiệm vụ nêu cả hai là đơn "
                "vị phối hợp.",
                "Chế độ xem: *tất cả đơn vị*, và *chỉ đơn vị cụ thể*, bỏ các loại chung chung, "
                "tập thể, tập thể cấp huyện và tập thể cấp xã.",
                "Độ trung gian: chuẩn hóa, trên mạng lưới chủ trì – phối hợp vô hướng với khoảng "
                "cách = 1 / số nhiệm vụ chung. PageRank: hệ số tắt dần 0,85 trên mạng lưới có "
                "hướng chủ trì → phối hợp (đơn vị được các cơ quan chủ trì quan trọng dựa vào có "
                "hạng cao). Lõi k: số lõi của mạng lưới vô hướng. Mức ràng buộc và quy mô hiệu "
                "dụng của Burt: trên trọng số liên kết hai chiều, tính bằng numpy; cho cùng giá "
                "trị như networkx.",
                f"Cộng đồng: Louvain (networkx) trên mạng lưới vô hướng, seed {LOUVAIN_SEED}.",
                "Hình: rộng 12 inch, mọi chữ từ 9 điểm trở lên ở kích thước báo cáo hiển thị; "
                "tối đa tám nhóm màu (bảng màu Okabe–Ito, phân biệt được với người mù màu); bố "
                "cục dùng chung cho hình, tệp GEXF và trang khám phá.",
            ]
        )
        return
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
            "Figures: 12 inches wide, every text at least 9 points at the size the report shows "
            "them; at most eight colour classes (Okabe–Ito's palette, safe for colour-blind "
            "readers); one layout shared by the figures, the GEXF files and the explorer.",
        ]
    )


def _files(doc: Doc, files: list[str], lang: str) -> None:
    doc.h(2, say(lang, "Files", "Tệp"))
    doc.files(files)


def plan_sections(doc: Doc, views: PlanViews, data: NetworkData, lang: str) -> None:
    """ "Per plan" and "Across plans": only for a graph of several plans."""
    _per_plan(doc, views, data, lang)
    _across_plans(doc, views, lang)


def _per_plan(doc: Doc, views: PlanViews, data: NetworkData, lang: str) -> None:
    """One row per plan: its size, density, vague-only tasks and top bottlenecks."""
    doc.h(2, say(lang, "Per plan", "Từng kế hoạch"))
    doc.p(
        say(
            lang,
            f"The {len(views.summaries)} plans ranked one by one: the same score, with load and "
            "leads served counted on the plan's own tasks and the maxima taken within the plan "
            "(betweenness is per connected component, so already per plan). Vague-only tasks: "
            f"tasks whose partners are all vague units such as {VAGUE_EXAMPLE}. "
            "Density: lead → partner pairs / (units × (units − 1)), all units. Every unit's "
            "per-plan rank is in `metrics/plan-bottlenecks-*.csv`.",
            f"{len(views.summaries)} kế hoạch được xếp hạng riêng: cùng cách tính điểm, với khối "
            "lượng và số cơ quan chủ trì được phục vụ đếm trên nhiệm vụ của chính kế hoạch và "
            "giá trị lớn nhất lấy trong kế hoạch (độ trung gian tính theo từng thành phần liên "
            "thông, nên đã là theo từng kế hoạch). Nhiệm vụ chỉ có đơn vị chung chung: nhiệm vụ "
            'mà mọi đơn vị phối hợp đều chung chung như "Các đơn vị có liên quan". Mật độ: số '
            "cặp chủ trì → phối hợp / (số đơn vị × (số đơn vị − 1)), tất cả đơn vị. Thứ hạng "
            "của mọi đơn vị trong từng kế hoạch có trong `metrics/plan-bottlenecks-*.csv`.",
        )
    )

    def top(row: AgencyMetrics | None) -> str:
        return f"{_name(data, row.iri, lang)} ({row.bottleneck:.1f})" if row else "–"

    doc.table(
        say(
            lang,
            "plan|tasks|leads|units|named units|density|vague-only tasks|top bottleneck, all "
            "units|top bottleneck, named units only",
            "kế hoạch|nhiệm vụ|cơ quan chủ trì|đơn vị|đơn vị cụ thể|mật độ|nhiệm vụ chỉ có đơn "
            "vị chung chung|nút thắt đứng đầu, tất cả đơn vị|nút thắt đứng đầu, chỉ đơn vị cụ thể",
        ).split("|"),
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


def _across_plans(doc: Doc, views: PlanViews, lang: str) -> None:
    """The departments that carry the load everywhere, and the targets led differently."""
    doc.h(2, say(lang, "Across plans", "Giữa các kế hoạch"))
    doc.p(
        say(
            lang,
            "Agencies are per jurisdiction (the Department of Health of each province is its "
            "own unit); here they are grouped by the registry identifier they share, to show "
            "which departments carry the load everywhere. Plans: plans whose network holds the "
            "unit; leading: plans in which it leads tasks; top: plans in which it is the top "
            "bottleneck (per-plan ranking); top 3: in the first three. Full tables: "
            "`metrics/cross-plan-units-*.csv` and `metrics/cross-plan-kinds-*.csv`.",
            "Cơ quan thuộc từng địa phương (Sở Y tế của mỗi tỉnh là một đơn vị riêng); ở đây "
            "chúng được gộp theo mã danh mục chung, để thấy sở nào gánh khối lượng ở mọi nơi. "
            "Kế hoạch: số kế hoạch có đơn vị trong mạng lưới; chủ trì: số kế hoạch trong đó đơn "
            "vị chủ trì nhiệm vụ; đứng đầu: số kế hoạch trong đó đơn vị là nút thắt đứng đầu "
            "(xếp hạng từng kế hoạch); top 3: nằm trong ba hạng đầu. Bảng đầy đủ: "
            "`metrics/cross-plan-units-*.csv` và `metrics/cross-plan-kinds-*.csv`.",
        )
    )
    _units_across_plans(doc, views, lang)
    _kinds_across_plans(doc, views, lang)
    _lead_splits(doc, views, lang)


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
ACROSS_HEADERS_VI = [
    "đơn vị (mã danh mục)",
    "loại",
    "kế hoạch",
    "chủ trì",
    "nhiệm vụ chủ trì",
    "khối lượng trung bình",
    "khối lượng lớn nhất",
    "đứng đầu",
    "top 3",
    "điểm trung bình",
]


def _across_label(views: PlanViews, key: str, label: str, lang: str) -> str:
    """A unit across plans, named for no province, in the report's language."""
    agency = views.registry.agencies.get(key)
    if lang == "vi" and agency is not None:
        label = generic_names(agency)[0]
    return f"{label} ({registry_link(key)})"


def _units_across_plans(doc: Doc, views: PlanViews, lang: str) -> None:
    for view in VIEWS:
        title = say(lang, view.title, _VIEW_VI[view.name])
        doc.h(3, say(lang, f"Units across plans: {title}", f"Đơn vị giữa các kế hoạch: {title}"))
        doc.table(
            ACROSS_HEADERS_VI if lang == "vi" else ACROSS_HEADERS,
            [
                [
                    _across_label(views, u.key, u.label, lang),
                    kind_name(u.kind, lang),
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


def _kinds_across_plans(doc: Doc, views: PlanViews, lang: str) -> None:
    doc.h(
        3,
        say(
            lang,
            "Kinds of unit across plans (all units)",
            "Loại đơn vị giữa các kế hoạch (tất cả đơn vị)",
        ),
    )
    doc.table(
        say(
            lang,
            "kind|units|plans|mean load|max load|top|top 3|mean score",
            "loại|đơn vị|kế hoạch|khối lượng trung bình|khối lượng lớn nhất|đứng đầu|top 3|điểm "
            "trung bình",
        ).split("|"),
        [
            [
                kind_name(k.key, lang),
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


def _lead_splits(doc: Doc, views: PlanViews, lang: str) -> None:
    doc.h(
        3,
        say(
            lang,
            "Targets whose lead differs between plans",
            "Mục tiêu có cơ quan chủ trì khác nhau giữa các kế hoạch",
        ),
    )
    splits = views.lead_splits
    doc.p(
        say(
            lang,
            f"{len(splits)} VSDG targets are led by different agencies (registry identifiers) "
            "in different plans; the commonest set of leads first, with the number of plans "
            "giving it. All of them: `findings/lead-differs-across-plans.csv`.",
            f"{len(splits)} mục tiêu VSDG do các cơ quan khác nhau (theo mã danh mục) chủ trì ở "
            "các kế hoạch khác nhau; tập cơ quan chủ trì phổ biến nhất ở trước, kèm số kế hoạch "
            "chọn tập đó. Danh sách đầy đủ: `findings/lead-differs-across-plans.csv`.",
        )
    )
    if splits:
        doc.table(
            say(
                lang,
                "target|plans|leads (registry ids: plans)",
                "mục tiêu|kế hoạch|cơ quan chủ trì (mã danh mục: số kế hoạch)",
            ).split("|"),
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
