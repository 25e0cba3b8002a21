"""The report's content: its sections, tables and sentences, as a :class:`~.markup.Doc`
(rendered to Markdown and HTML by :mod:`.markup`), kept apart from the rendering so that both
renderings say the same thing; in English or in Vietnamese, every sentence written in both
side by side (:func:`~.words.say`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from build_graph.network.analysis import Analysis
from build_graph.network.data import NetworkData
from build_graph.network.graphs import AGGREGATE_KINDS, NAMED_UNITS
from build_graph.network.metrics import BOTTLENECK_FORMULA, LOUVAIN_SEED, AgencyMetrics
from build_graph.network.today import Today
from build_graph.report import findings_doc, today_doc
from build_graph.report.extraction_warnings import ExtractionWarnings
from build_graph.report.markup import Doc
from build_graph.report.overlaps_doc import gaps_section, overlaps_section
from build_graph.report.plans_doc import plan_sections
from build_graph.report.words import (
    clipped,
    kind_name,
    name,
    number_text,
    say,
    section_note,
    section_title,
    task_text,
    warning_kind,
)
from build_graph.tables.extraction_report import SECTIONS

TOP = 10


BOTTLENECK_FORMULA_VI = (
    "điểm nút thắt = 100 × (0,5 × khối lượng / khối lượng lớn nhất + 0,3 × số cơ quan chủ trì "
    "được phục vụ / số lớn nhất + 0,2 × độ trung gian / độ trung gian lớn nhất); khối lượng = "
    "số nhiệm vụ chủ trì + số nhiệm vụ phối hợp; số cơ quan chủ trì được phục vụ = số cơ quan "
    "chủ trì khác nêu đơn vị là đơn vị phối hợp; độ trung gian = tỷ lệ các đường phối hợp ngắn "
    "nhất (mạng lưới chủ trì – phối hợp vô hướng, khoảng cách 1/số nhiệm vụ chung) đi qua đơn vị"
)


# -- content -----------------------------------------------------------------------------------
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
            name(data, r.iri, lang),
            kind_name(r.kind, lang),
            f"{r.bottleneck:.1f}",
            r.load,
            r.tasks_led,
            r.tasks_partner,
            r.leads_served,
            number_text(r.betweenness),
            number_text(r.constraint),
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
    overlaps_section(doc, analysis, lang, today)
    gaps_section(doc, analysis, lang)
    _bottlenecks(doc, analysis, lang)
    _extraction_warnings(doc, warnings, lang)
    if today is not None:
        today_doc.today_section(doc, today, analysis.data, lang)
    _figures(doc, figures, lang)
    _method(doc, analysis.data, lang)
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
    first_all = name(data, _first_agency(all_rows).iri, lang)
    first_named = name(data, named_rows[0].iri, lang)
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
            names.append(_tied_names(data, [r.iri for r in rows], lang) or "–")
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


def _tied_names(data: NetworkData, iris: list[str], lang: str) -> str:
    """Units tied for a first rank, each name once: with several plans, the same department
    of many provinces is one name with its count ("Department of Finance (45 plans)")."""
    by_body: dict[str, list[str]] = {}
    for iri in iris:  # one body of the registry, whichever province's it is
        by_body.setdefault(data.agent(iri).identifier or iri, []).append(iri)
    shown = []
    for found in by_body.values():
        labels = list(dict.fromkeys(data.agent(iri).label(lang) for iri in found))
        if len(found) == 1:
            shown.append(name(data, found[0], lang))
        elif len(labels) == 1:
            shown.append(
                say(
                    lang,
                    f"{labels[0]} ({len(found)} plans)",
                    f"{labels[0]} ({len(found)} kế hoạch)",
                )
            )
        else:
            others = len(found) - 1
            shown.append(
                say(
                    lang,
                    f"{labels[0]} and the same body of {others} other plans",
                    f"{labels[0]} và cơ quan tương ứng của {others} kế hoạch khác",
                )
            )
    return ", ".join(shown)


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
            "Collective and vague units are part of the all-units network, and so of its maxima, "
            "but they are not ranked: the ranks count agencies only. Reading: inherited (a "
            "merged cell's partners count on every row it covers).",
            f"Điểm: {BOTTLENECK_FORMULA_VI}. Giá trị lớn nhất được lấy trong từng chế độ xem. "
            "**Đây không phải là một phát hiện.** Điểm này cộng khối lượng công việc của chính "
            "cơ quan (nhiệm vụ chủ trì) với những gì cơ quan khác đề nghị, nên chủ yếu xếp hạng "
            "theo khối lượng; trọng số không có lý do nêu rõ và thay đổi trọng số làm thứ hạng "
            "thay đổi nhiều (xem *Độ nhạy và độ ổn định*); việc chia cho giá trị lớn nhất làm "
            "điểm không so sánh được giữa các chế độ xem và các kế hoạch. Điểm được giữ để còn "
            "so sánh với các báo cáo trước và cột `bottleneck` của tệp xuất; hãy dùng các thước "
            "đo ở trên. Đơn vị tập thể và chung chung có trong mạng lưới tất cả đơn vị, nên "
            "có trong giá trị lớn nhất, nhưng không được xếp hạng: thứ hạng chỉ tính các cơ "
            "quan. Cách đọc: kế thừa (đơn vị phối hợp của một ô gộp được tính ở mọi dòng mà ô "
            "đó bao phủ).",
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
                        clipped(w.raw, 90),
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
                        task_text(clipped(w.raw, 90), lang),
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
                [[w.line, warning_kind(w.kind, lang), clipped(w.raw, 90)] for w in rest],
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


def umbrella_tasks(data: NetworkData) -> tuple[int, int]:
    """(umbrella tasks, their sub-tasks): numbered rows that head other numbered rows of their
    appendix (1.1.2 over 1.1.2.1 and 1.1.2.2). Both count as tasks: each is a row of the plan,
    with its own text, partners and period."""
    numbers: dict[str, set[str]] = {}
    for task in data.tasks.values():
        numbers.setdefault(task.appendix, set()).add(task.number)
    heads = subs = 0
    for found in numbers.values():
        headed: set[str] = set()
        for number in found:
            parts = number.split(".")
            above = [".".join(parts[:i]) for i in range(1, len(parts))]
            present = [prefix for prefix in above if prefix in found]
            subs += bool(present)
            headed.update(present)
        heads += len(headed)
    return heads, subs


def _method(doc: Doc, data: NetworkData, lang: str) -> None:
    """How the networks and metrics are made, for a reader who wants to check them."""
    doc.h(2, say(lang, "Method", "Phương pháp"))
    heads, subs = umbrella_tasks(data)
    counting = say(
        lang,
        f"Tasks: every numbered task row counts as one task. {heads} are umbrella tasks whose "
        f"rows head {subs} sub-tasks (1.1.2 over 1.1.2.1 and 1.1.2.2); both are counted, each "
        "with its own text, partners and period.",
        f"Nhiệm vụ: mỗi dòng nhiệm vụ có số thứ tự được tính là một nhiệm vụ. {heads} nhiệm vụ "
        f"là nhiệm vụ chung, đứng đầu {subs} nhiệm vụ con (1.1.2 trên 1.1.2.1 và 1.1.2.2); cả "
        "hai đều được tính, mỗi nhiệm vụ với nội dung, đơn vị phối hợp và giai đoạn riêng.",
    )
    if lang == "vi":
        doc.ul(
            [
                counting,
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
                "Mạng lưới cùng được giao: hai cơ quan được nối bằng số nhiệm vụ nêu cả hai, là "
                "cơ quan chủ trì hoặc phối hợp, bỏ liên kết trong cùng một ngành. Vai trò cầu "
                "nối (độ trung gian trên lõi bậc 2), quy mô hiệu dụng và mức ràng buộc của các "
                "thước đo, cùng mục *Cộng đồng* với độ mô-đun và độ ổn định, được tính trên mạng "
                "lưới này, theo từng cách đọc.",
                "Điểm tổng hợp cũ, các tệp `agency-metrics-*.csv` và các hình mạng lưới dùng "
                "mạng lưới chủ trì → phối hợp, theo cách đọc kế thừa: độ trung gian chuẩn hóa, "
                "trên mạng lưới chủ trì – phối hợp vô hướng với khoảng cách = 1 / số nhiệm vụ "
                "chung; PageRank: hệ số tắt dần 0,85 trên mạng lưới có hướng chủ trì → phối hợp "
                "(đơn vị được các cơ quan chủ trì quan trọng dựa vào có hạng cao); lõi k: số lõi "
                "của mạng lưới vô hướng; mức ràng buộc và quy mô hiệu dụng của Burt trên trọng "
                "số liên kết hai chiều, tính bằng numpy, cho cùng giá trị như networkx; cộng "
                "đồng (màu của các hình): Louvain (networkx) trên mạng lưới vô hướng, seed "
                f"{LOUVAIN_SEED}. Các cộng đồng này không phải là các cộng đồng ở mục *Cộng "
                "đồng*.",
                "Hình: rộng 12 inch, mọi chữ từ 9 điểm trở lên ở kích thước báo cáo hiển thị; "
                "tối đa tám nhóm màu (bảng màu Okabe–Ito, phân biệt được với người mù màu); bố "
                "cục dùng chung cho hình, tệp GEXF và trang khám phá.",
            ]
        )
        return
    doc.ul(
        [
            counting,
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
            "Co-assignment network: two agencies linked by the number of tasks that name both, "
            "as lead or partner, ties within one sector dropped. The measures' brokerage "
            "(betweenness on its 2-core), effective size and constraint, and the *Communities* "
            "section with its modularity and stability, are computed on it, in each reading.",
            "The old composite score, the `agency-metrics-*.csv` exports and the network "
            "figures use the lead → partner network, in the inherited reading: betweenness "
            "normalised, on the undirected lead–partner network with distance = 1 / shared "
            "tasks; PageRank: damping 0.85 on the directed lead → partner network (units that "
            "important leads rely on rank high); k-core: core number of the undirected network; "
            "Burt's constraint and effective size on mutual tie weights (both directions), "
            "computed with numpy, the same values as networkx; communities (the figures' "
            f"colours): Louvain (networkx) on the undirected network, seed {LOUVAIN_SEED}. "
            "These communities are not those of the *Communities* section.",
            "Figures: 12 inches wide, every text at least 9 points at the size the report shows "
            "them; at most eight colour classes (Okabe–Ito's palette, safe for colour-blind "
            "readers); one layout shared by the figures, the GEXF files and the explorer.",
        ]
    )


def _files(doc: Doc, files: list[str], lang: str) -> None:
    doc.h(2, say(lang, "Files", "Tệp"))
    doc.files(files)
