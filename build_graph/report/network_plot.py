"""The coordination-network figure: a spread layout, nodes sized by load and coloured by kind,
and labels placed greedily (most loaded units first); a label that would overlap another
label or a node is left out rather than drawn over it."""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from build_graph.model.agencies import KINDS
from build_graph.network.graphs import View
from build_graph.network.metrics import AgencyMetrics, undirected
from build_graph.report.figure_style import (
    _PALETTE,
    DPI,
    KIND_COLOURS,
    TEXT,
    VIEW_TITLES,
    _pyplot,
    kind_label,
    save,
    short_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Text


NETWORK_MAX_NODES = 200  # network figures draw the most loaded units only


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
