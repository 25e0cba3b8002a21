"""The report's figures, drawn with matplotlib (Agg backend) and saved as PNG and SVG.

matplotlib is imported inside the functions that draw (it costs ~360 ms), so that the rest of
the package never pays for it. Labels are English by default or Vietnamese (``lang="vi"``);
network labels are placed greedily, most loaded units first, and a label that would overlap
another label or a node is left out rather than drawn over it.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from .agencies import KINDS
from .graph import KIND_LABELS_VI
from .metrics import AgencyMetrics, undirected
from .netdata import NetworkData
from .networks import View, portfolios

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

DPI = 150
NETWORK_MAX_NODES = 200  # network figures draw the most loaded units only
_PALETTE = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#dbdb8d",
    "#9edae5",
    "#7f7f7f",
]
KIND_COLOURS = dict(zip(KINDS, _PALETTE, strict=True))

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "network_title": "Coordination network, lead → partner\n{view}",
        "by_kind": "colour = kind of unit",
        "by_community": "colour = Louvain community (seed 42)",
        "network_x": "Force-directed layout (seed 7): positions have no unit. Node area = tasks "
        "(led + as partner); line width = tasks shared by lead and partner. {labelled} of {n} "
        "units labelled, most loaded first.",
        "kind": "Kind of unit",
        "community": "Community",
        "community_item": "community {number} ({size} units)",
        "size": "Tasks",
        "load_title": "The {n} units named as partner on the most tasks\n{view}",
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
    },
    "vi": {
        "network_title": "Mạng lưới phối hợp, chủ trì → phối hợp\n{view}",
        "by_kind": "màu = loại đơn vị",
        "by_community": "màu = cộng đồng Louvain (seed 42)",
        "network_x": "Bố cục lực hút (seed 7): vị trí không có đơn vị đo. Diện tích nút = số "
        "nhiệm vụ (chủ trì + phối hợp); độ dày cạnh = số nhiệm vụ chung. Ghi tên {labelled} "
        "trên {n} đơn vị, theo thứ tự khối lượng.",
        "kind": "Loại đơn vị",
        "community": "Cộng đồng",
        "community_item": "cộng đồng {number} ({size} đơn vị)",
        "size": "Nhiệm vụ",
        "load_title": "{n} đơn vị được giao phối hợp nhiều nhiệm vụ nhất\n{view}",
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


def save(fig: Figure, out_dir: Path, name: str) -> list[Path]:
    """Write ``name.png`` and ``name.svg`` and close the figure.

    The layout is settled once by the caller (no ``bbox_inches="tight"``, which draws the figure
    twice more); SVG text stays text (``svg.fonttype: none``), which is smaller, faster and
    editable.
    """
    import matplotlib

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"{name}.png", out_dir / f"{name}.svg"]
    fig.savefig(paths[0], dpi=DPI, metadata={"Software": None}, pil_kwargs={"compress_level": 4})
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "sdgkg"}):
        fig.savefig(paths[1], metadata={"Date": None, "Creator": None})
    _pyplot().close(fig)
    return paths


# -- label placement -------------------------------------------------------------------------
def _overlaps(a: Any, b: Any, pad: float = 1.0) -> bool:
    return not (a.x1 + pad < b.x0 or b.x1 + pad < a.x0 or a.y1 + pad < b.y0 or b.y1 + pad < a.y0)


def place_labels(
    ax: Axes,
    points: Sequence[tuple[float, float, str, float]],
    fontsize: float = 7.5,
    obstacles: Sequence[tuple[float, float, float]] = (),
) -> list[Text]:
    """Place labels next to points without overlapping each other, the nodes, or the frame.

    ``points`` are ``(x, y, text, radius)`` in data coordinates with the marker radius in
    points, in order of priority; ``obstacles`` are further ``(x, y, radius)`` markers. Each
    label tries 32 positions around its point (near, then farther); one that fits nowhere is
    left out. Returns the labels drawn.
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72.0
    frame = ax.get_window_extent(renderer)
    circles = []
    for x, y, radius in [(x, y, r) for x, y, _, r in points] + list(obstacles):
        cx, cy = ax.transData.transform((x, y))
        r = radius * scale
        circles.append(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))
    placed: list[Any] = []
    texts: list[Text] = []
    directions = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    for index, (x, y, text, radius) in enumerate(points):
        # The label's size is measured once (a text layout); each position's box then follows
        # from its anchor and alignment, and only the chosen position becomes an annotation
        # (a national network figure made and removed ~640; the four: 6.7 → 6.0 CPU-s).
        width, height = _text_size(ax, renderer, text, fontsize)
        px, py = ax.transData.transform((x, y))
        chosen = None
        for extra in (2.0, 14.0, 30.0, 50.0):
            for dx, dy in directions:
                offset = radius + extra
                ax0 = px + dx * offset * scale - _HA[dx][1] * width
                ay0 = py + dy * offset * scale - _VA[dy][1] * height
                box = Bbox([[ax0, ay0], [ax0 + width, ay0 + height]])
                inside = (
                    box.x0 >= frame.x0
                    and box.x1 <= frame.x1
                    and box.y0 >= frame.y0
                    and box.y1 <= frame.y1
                )
                clash = any(_overlaps(box, other) for other in placed) or any(
                    _overlaps(box, circle, pad=-1.0)
                    for k, circle in enumerate(circles)
                    if k != index
                )
                if inside and not clash:
                    chosen = (dx, dy, offset, extra, box)
                    break
            if chosen is not None:
                break
        if chosen is None:
            continue
        dx, dy, offset, extra, box = chosen
        leader = (
            {"arrowstyle": "-", "lw": 0.5, "color": "#444444", "shrinkA": 0, "shrinkB": radius}
            if extra > 2
            else None
        )
        texts.append(
            ax.annotate(
                text,
                (x, y),
                xytext=(dx * offset, dy * offset),
                textcoords="offset points",
                ha=_HA[dx][0],
                va=_VA[dy][0],
                fontsize=fontsize,
                zorder=5,
                arrowprops=leader,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        )
        placed.append(box)
    return texts


# A label beside its point, by the direction it goes in: its alignment, and the fraction of
# its width (height) that lies before the anchor.
_HA = {1: ("left", 0.0), -1: ("right", 1.0), 0: ("center", 0.5)}
_VA = {1: ("bottom", 0.0), -1: ("top", 1.0), 0: ("center", 0.5)}


def _text_size(ax: Axes, renderer: Any, text: str, fontsize: float) -> tuple[float, float]:
    """Width and height in pixels of ``text`` as a label draws it (its layout's box, which the
    alignment moves but does not change)."""
    probe = ax.text(0, 0, text, fontsize=fontsize)
    box = probe.get_window_extent(renderer)
    probe.remove()
    return box.width, box.height


def label_boxes(texts: Sequence[Text]) -> list[tuple[float, float, float, float]]:
    """The window extents ``(x, y, width, height)`` of drawn labels, before the figure closes."""
    from matplotlib.text import Text

    boxes = []
    for text in texts:
        renderer = text.figure.canvas.get_renderer()  # type: ignore[union-attr, attr-defined]
        text.update_positions(renderer)  # type: ignore[attr-defined]
        boxes.append(tuple(Text.get_window_extent(text, renderer).bounds))
    return boxes  # type: ignore[return-value]


@dataclass
class NetworkFigure:
    """The files of a network figure, and the labels drawn on it with their boxes (pixels)."""

    paths: list[Path]
    labels: list[str]
    boxes: list[tuple[float, float, float, float]]


# -- the figures -----------------------------------------------------------------------------
def spread_layout(graph: nx.Graph, seed: int = 7, gamma: float = 0.55) -> dict[Any, np.ndarray]:
    """Force-directed positions, then pulled in radially (``r → r^gamma``): the dense core
    opens up and the long spokes of one-tie units shrink, leaving room for labels."""
    if len(graph) == 0:
        return {}
    weighted = nx.Graph()
    weighted.add_nodes_from(graph)
    weighted.add_edges_from((u, v, {"w": math.sqrt(w)}) for u, v, w in graph.edges(data="weight"))
    pos = nx.spring_layout(
        weighted, weight="w", seed=seed, iterations=300, k=3.0 / math.sqrt(len(graph))
    )
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    radius = np.linalg.norm(xy, axis=1)
    scale = np.where(radius > 0, radius**gamma / np.where(radius > 0, radius, 1), 0.0)
    xy = xy * scale[:, None]
    return {n: xy[i] for i, n in enumerate(nodes)}


# Loads shown in the size legend (the four largest not above the figure's largest load): a
# plan's units lead or partner up to a few hundred tasks, units merged over 63 plans thousands.
SIZE_REFERENCES = (5, 20, 50, 100, 300, 1000, 3000, 10000)


def network_figure(
    network: nx.DiGraph,
    rows: Sequence[AgencyMetrics],
    view: View,
    out_dir: Path,
    name: str,
    colour_by: str = "kind",
    lang: str = "en",
    max_labels: int = 35,
    max_nodes: int = NETWORK_MAX_NODES,
) -> NetworkFigure:
    """The coordination network: node area is load, colour is kind or community.

    At most ``max_nodes`` units, the most loaded: a plan has about 100, and beyond 200 the
    layout (quadratic in the nodes) takes seconds for a figure too dense to read."""
    plt = _pyplot()
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    words = TEXT[lang]
    metric = {row.iri: row for row in rows}
    keep = sorted(network, key=lambda n: (-metric[n].load, n))[:max_nodes]
    graph = undirected(network.subgraph(keep))
    pos = spread_layout(graph)
    fig, (ax, side) = plt.subplots(
        1, 2, figsize=(16, 11.5), dpi=DPI, gridspec_kw={"width_ratios": [4.2, 1]}
    )
    side.axis("off")
    max_load = max((metric[n].load for n in graph), default=1) or 1
    max_weight = max((w for _, _, w in graph.edges(data="weight")), default=1)

    def area(load: float) -> float:
        return 25 + 1400 * load / max_load

    segments = [(pos[u], pos[v]) for u, v in graph.edges()]
    widths = [0.3 + 3.0 * w / max_weight for _, _, w in graph.edges(data="weight")]
    ax.add_collection(
        LineCollection(segments, linewidths=widths, colors="#555555", alpha=0.3, zorder=1)
    )
    nodes = sorted(graph, key=lambda n: -metric[n].load)
    if colour_by == "community":
        sizes = Counter(metric[n].community for n in graph)
        ranked = [c for c, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))]
        colours = {c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(ranked)}
        colour = [colours[metric[n].community] for n in nodes]
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                color=colours[c],
                markersize=9,
                label=words["community_item"].format(number=c, size=sizes[c]),
            )
            for c in ranked
        ]
        legend_title = words["community"]
    else:
        present = sorted({metric[n].kind for n in graph}, key=list(KINDS).index)
        colour = [KIND_COLOURS.get(metric[n].kind, "#7f7f7f") for n in nodes]
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                color=KIND_COLOURS[k],
                markersize=9,
                label=kind_label(k, lang),
            )
            for k in present
        ]
        legend_title = words["kind"]
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[area(metric[n].load) for n in nodes],
        c=colour,
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
    )
    xs, ys = zip(*pos.values(), strict=True) if pos else ((0,), (0,))
    pad_x, pad_y = (max(xs) - min(xs)) * 0.12 + 0.05, (max(ys) - min(ys)) * 0.08 + 0.05
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    kind_legend = side.legend(
        handles=handles,
        title=legend_title,
        loc="upper left",
        fontsize=8,
        title_fontsize=9,
        frameon=False,
    )
    side.add_artist(kind_legend)
    references = [v for v in SIZE_REFERENCES if v <= max_load] or [max_load]
    size_handles = [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            color="#bbbbbb",
            markersize=math.sqrt(area(v)),
            label=f"{v} {words['tasks']}",
        )
        for v in references[-4:]
    ]
    side.legend(
        handles=size_handles,
        title=words["size"],
        loc="lower left",
        fontsize=8,
        title_fontsize=9,
        frameon=False,
        labelspacing=2.4,
        borderpad=1.2,
        handlelength=4.0,
        handletextpad=1.2,
    )
    colour_note = words["by_community"] if colour_by == "community" else words["by_kind"]
    ax.set_title(
        f"{words['network_title'].format(view=VIEW_TITLES[lang][view.name])}; {colour_note}",
        fontsize=13,
    )
    chosen = nodes[:max_labels]
    note = ax.set_xlabel(
        textwrap.fill(words["network_x"].format(labelled=len(chosen), n=len(graph)), 150),
        fontsize=9,
    )
    fig.tight_layout()
    fig.canvas.draw()
    label_of = {
        row.iri: (row.label_vi or row.label_en) if lang == "vi" else row.label_en for row in rows
    }
    points = [
        (pos[n][0], pos[n][1], short_label(label_of[n], lang), math.sqrt(area(metric[n].load)) / 2)
        for n in chosen
    ]
    others = [
        (pos[n][0], pos[n][1], math.sqrt(area(metric[n].load)) / 2) for n in nodes[max_labels:]
    ]
    texts = place_labels(ax, points, obstacles=others)
    note.set_text(textwrap.fill(words["network_x"].format(labelled=len(texts), n=len(graph)), 150))
    boxes = label_boxes(texts)
    labels = [text.get_text() for text in texts]
    return NetworkFigure(save(fig, out_dir, name), labels, boxes)


def partner_load_figure(
    rows: Sequence[AgencyMetrics],
    view: View,
    out_dir: Path,
    name: str,
    lang: str = "en",
    top: int = 20,
) -> list[Path]:
    """Horizontal bars: the units named as partner on the most tasks, split by how."""
    plt = _pyplot()
    from matplotlib.patches import Patch

    words = TEXT[lang]
    chosen = sorted(
        (r for r in rows if r.tasks_partner), key=lambda r: (-r.tasks_partner, r.label_en)
    )[:top]
    chosen.reverse()
    fig, ax = plt.subplots(figsize=(12, 0.38 * len(chosen) + 2.2), dpi=DPI)
    y = np.arange(len(chosen))
    explicit = [r.tasks_partner - r.tasks_partner_inherited for r in chosen]
    inherited = [r.tasks_partner_inherited for r in chosen]
    colours = [KIND_COLOURS.get(r.kind, "#7f7f7f") for r in chosen]
    ax.barh(y, explicit, color=colours, edgecolor="white")
    ax.barh(y, inherited, left=explicit, color=colours, alpha=0.45, hatch="///", edgecolor="white")
    for i, row in enumerate(chosen):
        ax.text(row.tasks_partner + 1, i, str(row.tasks_partner), va="center", fontsize=8)
    names = [(r.label_vi or r.label_en) if lang == "vi" else r.label_en for r in chosen]
    ax.set_yticks(y, [short_label(n, lang, width=60, lines=1) for n in names], fontsize=8)
    ax.set_xlabel(words["load_x"])
    ax.set_ylabel(words["load_y"])
    ax.set_xlim(0, max((r.tasks_partner for r in chosen), default=1) * 1.08)
    ax.set_title(
        words["load_title"].format(n=len(chosen), view=VIEW_TITLES[lang][view.name]), fontsize=12
    )
    kinds = sorted({r.kind for r in chosen}, key=list(KINDS).index)
    handles = [Patch(color=KIND_COLOURS[k], label=kind_label(k, lang)) for k in kinds]
    first = ax.legend(
        handles=handles, title=words["kind"], loc="lower right", fontsize=8, title_fontsize=9
    )
    ax.add_artist(first)
    ax.legend(
        handles=[
            Patch(facecolor="#888888", label=words["explicit"]),
            Patch(facecolor="#888888", alpha=0.45, hatch="///", label=words["inherited"]),
        ],
        title=words["share"],
        loc="center right",
        fontsize=8,
        title_fontsize=9,
    )
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return save(fig, out_dir, name)


def goal_heatmap(
    data: NetworkData,
    rows: Sequence[AgencyMetrics],
    view: View,
    out_dir: Path,
    name: str,
    lang: str = "en",
    top: int = 30,
    key: Callable[[str], str] | None = None,
) -> list[Path]:
    """Agencies × SDG goals: the number of tasks each unit leads or partners under each goal.

    ``key``: the row of an agency IRI, when ``rows`` are merged units (their ``iri`` the key)."""
    plt = _pyplot()
    words = TEXT[lang]
    chosen = sorted(rows, key=lambda r: (-r.load, r.label_en))[:top]
    by_key = {r.iri: i for i, r in enumerate(chosen)}
    index = by_key if key is None else {a: by_key[key(a)] for a in data.agents if key(a) in by_key}
    goals = [str(g) for g in range(1, 18)]
    matrix = np.zeros((len(chosen), len(goals)), dtype=int)
    for task in data.tasks.values():
        column = int(task.goal_notation) - 1 if task.goal_notation.isdigit() else None
        if column is None or not 0 <= column < 17:
            continue
        for agency in {task.lead, *task.partners}:
            if agency in index and (agency == task.lead or view.keeps(data.agent(agency))):
                matrix[index[agency], column] += 1
    fig, ax = plt.subplots(figsize=(14, 0.34 * len(chosen) + 3.2), dpi=DPI)
    image = ax.imshow(np.ma.masked_equal(matrix, 0), cmap="YlOrRd", aspect="auto", vmin=0)
    ax.set_facecolor("white")
    peak = matrix.max() or 1
    for (i, j), value in np.ndenumerate(matrix):
        if value:
            ax.text(
                j,
                i,
                str(value),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value > 0.6 * peak else "black",
            )
    titles = {
        c.notation: c.label.split(": ", 1)[-1] for c in data.un_concepts.values() if c.goal is None
    }
    ticks = [
        f"{g} {short_label(titles.get(g, ''), 'en', 18, 2)}" if lang == "en" else g for g in goals
    ]
    ax.set_xticks(
        range(len(goals)),
        ticks,
        rotation=60 if lang == "en" else 0,
        ha="right" if lang == "en" else "center",
        fontsize=7.5,
        rotation_mode="anchor",
    )
    names = [(r.label_vi or r.label_en) if lang == "vi" else r.label_en for r in chosen]
    ax.set_yticks(range(len(chosen)), [short_label(n, lang, 60, 1) for n in names], fontsize=8)
    ax.set_xlabel(words["heatmap_x"])
    ax.set_ylabel(words["heatmap_y"])
    ax.set_title(
        words["heatmap_title"].format(view=VIEW_TITLES[lang][view.name], n=len(chosen)), fontsize=12
    )
    bar = fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01)
    bar.set_label(words["heatmap_bar"])
    fig.tight_layout()
    return save(fig, out_dir, name)


def overlap_matrix(
    data: NetworkData,
    view: View,
    out_dir: Path,
    name: str,
    lang: str = "en",
    top: int = 25,
    units: tuple[dict[str, set[str]], Callable[[str, str], str]] | None = None,
) -> list[Path]:
    """Agencies × agencies: the Jaccard index of their VSDG target portfolios.

    ``units``: other portfolios (unit → targets) and their names (unit, lang → label), for
    units merged across plans; by default each agency IRI with its own portfolio."""
    plt = _pyplot()
    words = TEXT[lang]
    merged: dict[str, set[str]] = {}
    if units is None:
        for agencies in portfolios(data, view).values():
            merged.update(agencies)

        def label(unit: str, lang: str) -> str:
            return data.agent(unit).label(lang)
    else:
        merged, label = units
    chosen = sorted(merged, key=lambda a: (-len(merged[a]), label(a, "en")))[:top]
    n = len(chosen)
    matrix = np.zeros((n, n))
    for i, a in enumerate(chosen):
        for j, b in enumerate(chosen):
            union = len(merged[a] | merged[b])
            matrix[i, j] = len(merged[a] & merged[b]) / union if union else 0.0
    if n > 2:  # order by the leading eigenvector, so that similar units sit together
        _, vectors = np.linalg.eigh(matrix)
        lead = vectors[:, -1] * (1 if vectors[:, -1].sum() >= 0 else -1)
        second = vectors[:, -2]
        order = np.argsort(np.arctan2(second, lead), kind="stable")
        chosen = [chosen[k] for k in order]
        matrix = matrix[np.ix_(order, order)]
    shown = matrix.copy()
    np.fill_diagonal(shown, np.nan)
    fig, ax = plt.subplots(figsize=(13, 11.5), dpi=DPI)
    image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=1)
    for (i, j), value in np.ndenumerate(matrix):
        if i != j and value >= 0.1:
            ax.text(
                j,
                i,
                f"{value:.2f}".lstrip("0"),
                ha="center",
                va="center",
                fontsize=6.5,
                color="white" if value > 0.6 else "black",
            )
    names = [label(a, lang) for a in chosen]
    ax.set_xticks(
        range(n),
        [short_label(x, lang, 40, 1) for x in names],
        rotation=60,
        ha="right",
        rotation_mode="anchor",
        fontsize=7.5,
    )
    ax.set_yticks(
        range(n),
        [
            f"{short_label(x, lang, 40, 1)} ({len(merged[a])})"
            for x, a in zip(names, chosen, strict=True)
        ],
        fontsize=7.5,
    )
    ax.set_xlabel(words["overlap_x"])
    ax.set_ylabel(words["overlap_y"])
    ax.set_title(words["overlap_title"].format(n=n, view=VIEW_TITLES[lang][view.name]), fontsize=12)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.01)
    bar.set_label(words["overlap_bar"])
    fig.tight_layout()
    return save(fig, out_dir, name)


def period_timeline(data: NetworkData, out_dir: Path, name: str, lang: str = "en") -> list[Path]:
    """Spans of years as bars on a time axis, with their task counts; named periods apart."""
    plt = _pyplot()
    words = TEXT[lang]
    spans: Counter[tuple[int, int]] = Counter()
    named: Counter[str] = Counter()
    for task in data.tasks.values():
        for period in task.periods:
            if period.begin is not None and period.end is not None:
                spans[(period.begin, period.end)] += 1
            else:
                named[period.kind or period.label] += 1
    ordered = sorted(spans, key=lambda s: (s[0], s[1]))
    fig, (top, bottom) = plt.subplots(
        2,
        1,
        figsize=(12, 0.42 * (len(ordered) + len(named)) + 3.5),
        dpi=DPI,
        gridspec_kw={"height_ratios": [max(len(ordered), 1), max(len(named), 1) + 0.5]},
    )
    for i, (begin, end) in enumerate(ordered):
        count = spans[(begin, end)]
        top.barh(
            i, end - begin + 1, left=begin - 0.5, color="#2a788e", edgecolor="black", linewidth=0.4
        )
        noun = words["task"] if count == 1 else words["tasks"]
        top.text(end + 0.65, i, f"{count} {noun}", va="center", fontsize=8)
    labels = [f"{b}" if b == e else f"{b}–{e}" for b, e in ordered]
    top.set_yticks(range(len(ordered)), labels, fontsize=8)
    top.invert_yaxis()
    years = [y for span in ordered for y in span] or [2017, 2030]
    top.set_xlim(min(years) - 0.7, max(years) + 2.5)
    top.set_xticks(range(min(years), max(years) + 1))
    top.tick_params(axis="x", labelsize=8)
    top.set_xlabel(words["timeline_x"])
    top.set_ylabel(words["timeline_y"])
    top.grid(axis="x", alpha=0.3)
    top.set_title(words["timeline_title"].format(n=len(data.tasks)), fontsize=12)
    kinds = sorted(named, key=lambda k: (-named[k], k))
    bottom.barh(range(len(kinds)), [named[k] for k in kinds], color="#8c564b")
    bottom.set_yticks(range(len(kinds)), [PERIOD_KINDS[lang].get(k, k) for k in kinds], fontsize=8)
    bottom.invert_yaxis()
    for i, kind in enumerate(kinds):
        bottom.text(named[kind] + 0.2, i, str(named[kind]), va="center", fontsize=8)
    bottom.set_xlim(0, max(named.values(), default=1) * 1.15)
    bottom.xaxis.get_major_locator().set_params(integer=True)
    bottom.set_xlabel(words["kinds_x"])
    bottom.set_ylabel(words["kinds_y"])
    fig.tight_layout()
    return save(fig, out_dir, name)
