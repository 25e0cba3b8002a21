"""The report's sections on several plans: each plan's own measures, then the units, kinds
and targets compared across plans (by registry id, never by name): in English or in
Vietnamese."""

from __future__ import annotations

from build_graph.network.data import NetworkData
from build_graph.network.graphs import VIEWS
from build_graph.network.merged import generic_names
from build_graph.network.metrics import AgencyMetrics
from build_graph.network.per_plan import PlanViews
from build_graph.report.findings_doc import VAGUE_EXAMPLE
from build_graph.report.markup import Doc
from build_graph.report.words import (
    VIEW_TITLES_VI,
    kind_name,
    name,
    registry_link,
    say,
)

TOP_ACROSS = 15


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
        return f"{name(data, row.iri, lang)} ({row.bottleneck:.1f})" if row else "–"

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
        title = say(lang, view.title, VIEW_TITLES_VI[view.name])
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
