"""What every report figure shares: size and resolution, English and Vietnamese label texts,
short labels, and saving as PNG and SVG (the colours are :mod:`.palette`'s).

matplotlib is imported inside :func:`_pyplot` (it costs ~360 ms), so that the rest of the
package never pays for it."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_graph.model.agencies import KIND_LABELS_VI, KINDS

if TYPE_CHECKING:
    from matplotlib.figure import Figure


# Every figure is drawn 12 inches wide, the width the report shows it at (1152 CSS pixels: 96 to
# the inch), so that a text of 9 points is read at 9 points. Its PNG has 150 pixels to the inch,
# a network's 160 (its smallest texts, numbers beside dots, stay sharp when zoomed).
DPI = 150
NETWORK_DPI = 160
WIDTH = 12.0
MIN_POINTS = 9.0  # no text of a figure is smaller


TEXT: dict[str, dict[str, str]] = {
    "en": {
        "network_title": "Coordination network, lead → partner\n{view}",
        "by_kind": "colour = kind of unit",
        "by_community": "colour = Louvain community (seed 42)",
        "network_x": "Force-directed layout (seed 7): positions have no unit. Node area = tasks "
        "(led + as partner); line width = tasks shared by lead and partner; the arrowhead "
        "points to the partner. {labelled} of {n} units named on the network, most loaded "
        "first; {numbered} more numbered, named in the key below.",
        "community_other": "{n} smaller communities ({size} units)",
        "marks": "Marks",
        "lead_mark": "leads tasks (dark ring)",
        "partner_mark": "partner only",
        "tie_mark": "tie: lead → partner",
        "pointer_mark": "pointer from a name to its unit",
        "key_more": "… and {n} more (see the explorer)",
        "kind": "Kind of unit",
        "community": "Community",
        "community_item": "community {number} ({size} units)",
        "size": "Tasks",
        "load_title": "The {n} agencies named as partner on the most tasks\n{view}",
        "load_collectives": "below the rule: collective and vague units, not ranked",
        "load_x": "tasks naming the unit as partner",
        "load_y": "partner unit",
        "explicit": "named on the task's own row",
        "inherited": "inherited from a merged cell above",
        "share": "How the unit was named",
        "heatmap_title": "Tasks per unit and SDG goal\n{view}; the {n} units with the most tasks",
        "heatmap_x": "SDG goal",
        "heatmap_y": "unit",
        "heatmap_bar": "tasks the unit leads or partners",
        "overlap_title": "Target-portfolio overlap of the {n} units with the most VSDG targets\n"
        "{view}",
        "overlap_x": "unit",
        "overlap_y": "unit (number of VSDG targets)",
        "overlap_bar": "Jaccard index of the two units' VSDG targets",
        "timeline_title": "Implementation periods of the {n} tasks",
        "timeline_x": "year",
        "timeline_y": "period (a task may have several)",
        "kinds_x": "tasks",
        "kinds_y": "period without years",
        "tasks": "tasks",
        "task": "task",
        "ranks_title": "Rank ranges of {n} agencies over every reading of the plan\n(merged cells "
        "written or inherited; each ambiguous phrase read either way)",
        "ranks_x": "rank (1 = first)",
        "rank_demand_tasks": "demand from other agencies",
        "rank_leads_served": "leads served",
        "rank_brokerage": "brokerage",
        "rank_inherited": "rank, inherited reading",
        "rank_written": "rank, written reading",
        "no_period": "no period",
        "combos_title": "Tasks by the periods they name ({n} tasks, each counted once)",
        "combos_x": "tasks",
        "combos_y": "periods named",
    },
    "vi": {
        "network_title": "Mạng lưới phối hợp, chủ trì → phối hợp\n{view}",
        "by_kind": "màu = loại đơn vị",
        "by_community": "màu = cộng đồng Louvain (seed 42)",
        "network_x": "Bố cục lực hút (seed 7): vị trí không có đơn vị đo. Diện tích nút = số "
        "nhiệm vụ (chủ trì + phối hợp); độ dày cạnh = số nhiệm vụ chung; đầu mũi tên chỉ về "
        "đơn vị phối hợp. Ghi tên {labelled} trên {n} đơn vị, theo thứ tự khối lượng; "
        "{numbered} đơn vị khác được đánh số, tên ở phần chú dẫn bên dưới.",
        "community_other": "{n} cộng đồng nhỏ hơn ({size} đơn vị)",
        "marks": "Ký hiệu",
        "lead_mark": "chủ trì nhiệm vụ (viền đậm)",
        "partner_mark": "chỉ phối hợp",
        "tie_mark": "liên kết: chủ trì → phối hợp",
        "pointer_mark": "đường chỉ từ tên đến đơn vị",
        "key_more": "… và {n} đơn vị khác (xem trang khám phá)",
        "kind": "Loại đơn vị",
        "community": "Cộng đồng",
        "community_item": "cộng đồng {number} ({size} đơn vị)",
        "size": "Nhiệm vụ",
        "load_title": "{n} cơ quan được giao phối hợp nhiều nhiệm vụ nhất\n{view}",
        "load_collectives": "dưới đường kẻ: đơn vị tập thể và chung chung, không xếp hạng",
        "load_x": "số nhiệm vụ nêu đơn vị là đơn vị phối hợp",
        "load_y": "đơn vị phối hợp",
        "explicit": "nêu trên dòng của nhiệm vụ",
        "inherited": "kế thừa từ ô gộp phía trên",
        "share": "Cách nêu tên",
        "heatmap_title": "Số nhiệm vụ theo đơn vị và mục tiêu\n{view}; {n} đơn vị nhiều nhiệm vụ "
        "nhất",
        "heatmap_x": "Mục tiêu phát triển bền vững",
        "heatmap_y": "đơn vị",
        "heatmap_bar": "số nhiệm vụ đơn vị chủ trì hoặc phối hợp",
        "overlap_title": "Trùng lặp mục tiêu giữa {n} đơn vị có nhiều mục tiêu VSDG nhất\n{view}",
        "overlap_x": "đơn vị",
        "overlap_y": "đơn vị (số mục tiêu VSDG)",
        "overlap_bar": "Chỉ số Jaccard của các mục tiêu VSDG",
        "timeline_title": "Giai đoạn thực hiện của {n} nhiệm vụ",
        "timeline_x": "năm",
        "timeline_y": "giai đoạn (một nhiệm vụ có thể có nhiều)",
        "kinds_x": "số nhiệm vụ",
        "kinds_y": "giai đoạn không ghi năm",
        "tasks": "nhiệm vụ",
        "task": "nhiệm vụ",
        "ranks_title": "Khoảng thứ hạng của {n} cơ quan theo mọi cách đọc kế hoạch\n(ô gộp "
        "ghi trực tiếp hoặc kế thừa; mỗi cụm từ đa nghĩa đọc theo từng cách)",
        "ranks_x": "thứ hạng (1 = cao nhất)",
        "rank_demand_tasks": "nhu cầu phối hợp từ cơ quan khác",
        "rank_leads_served": "số cơ quan chủ trì được phục vụ",
        "rank_brokerage": "vai trò cầu nối",
        "rank_inherited": "thứ hạng, cách đọc kế thừa",
        "rank_written": "thứ hạng, cách đọc ghi trực tiếp",
        "no_period": "không ghi thời gian",
        "combos_title": "Nhiệm vụ theo giai đoạn thực hiện ({n} nhiệm vụ, mỗi nhiệm vụ tính "
        "một lần)",
        "combos_x": "số nhiệm vụ",
        "combos_y": "giai đoạn ghi trong kế hoạch",
    },
}


VIEW_TITLES = {
    "en": {
        "all-units": "all units",
        "named-units": "named units only (no collective or vague units)",
    },
    "vi": {
        "all-units": "tất cả đơn vị",
        "named-units": "chỉ đơn vị cụ thể (bỏ đơn vị tập thể, chung chung)",
    },
}


PERIOD_KINDS = {
    "en": {
        "annual": "every year",
        "annual-plan": "per the annual plan",
        "plan-roadmap": "per the plan's roadmap",
        "project-schedule": "per project schedule",
    },
    "vi": {
        "annual": "Hàng năm",
        "annual-plan": "Theo kế hoạch hàng năm",
        "plan-roadmap": "Theo lộ trình quy hoạch",
        "project-schedule": "Theo tiến độ dự án",
    },
}


_SHORT = {
    "en": [
        ("Department of ", "Dept. of "),
        ("People's Committees", "PCs"),
        ("People's Committee", "PC"),
        (" and ", " & "),
        ("Organisations", "orgs."),
        ("organisations", "orgs."),
        ("(unspecified)", "(unspec.)"),
    ],
    "vi": [("Ủy ban nhân dân", "UBND"), ("thành phố", "TP"), ("Hải Phòng", "HP")],
}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def short_label(text: str, lang: str = "en", width: int = 22, lines: int = 3) -> str:
    """A unit's name abbreviated and wrapped for a figure, at most ``lines`` lines."""
    for long, short in _SHORT.get(lang, []):
        text = text.replace(long, short)
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = [
            *wrapped[: lines - 1],
            textwrap.shorten(" ".join(wrapped[lines - 1 :]), width, placeholder="…"),
        ]
    return "\n".join(wrapped)


def kind_label(kind: str, lang: str) -> str:
    label = KIND_LABELS_VI.get(kind, kind) if lang == "vi" else KINDS.get(kind, kind)
    return textwrap.fill(label, 34)


def save(fig: Figure, out_dir: Path, name: str, dpi: int = DPI) -> list[Path]:
    """Write ``name.png`` (``dpi`` pixels to the inch) and ``name.svg`` and close the figure.

    The layout is settled once by the caller (no ``bbox_inches="tight"``, which draws the figure
    twice more); SVG text stays text (``svg.fonttype: none``), which is smaller, faster and
    editable.
    """
    import matplotlib

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{name}.png", out_dir / f"{name}.svg"]
    # zlib level 2, not 4: faster and smaller on these figures (fast deflate; the largest
    # national figure 0.19 -> 0.14 CPU-s and 1.8 -> 1.4 MB)
    fig.savefig(paths[0], dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 2})
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "sdgkg"}):
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    _pyplot().close(fig)
    return paths
