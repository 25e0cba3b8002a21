"""The coordination-network figure: a spread layout, nodes sized by load and coloured by kind
or community, and labels placed greedily (most loaded units first); a label that would overlap
another label or a node is left out rather than drawn over it."""

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
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation


NETWORK_MAX_NODES = 200  # network figures draw the most loaded units only


# -- label placement -------------------------------------------------------------------------
def _overlaps(a: Any, b: Any, pad: float = 1.0) -> bool:
    return not (a.x1 + pad < b.x0 or b.x1 + pad < a.x0 or a.y1 + pad < b.y0 or b.y1 + pad < a.y0)


def place_labels(
    ax: Axes,
    points: Sequence[tuple[float, float, str, float]],
    fontsize: float = 7.5,
    obstacles: Sequence[tuple[float, float, float]] = (),
) -> list[Annotation]:
    """Place labels next to points without overlapping each other, the nodes, or the frame.

    ``points`` are ``(x, y, text, radius)`` in data coordinates with the marker radius in
    points, in order of priority; ``obstacles`` are further ``(x, y, radius)`` markers. Each
    label tries 32 positions around its point (near, then farther); one that fits nowhere is
    left out. Returns the labels drawn.
    """
    from matplotlib.transforms import Bbox

    fig = ax.figure
    renderer = _renderer(fig)
    scale = fig.dpi / 72.0
    frame = ax.get_window_extent(renderer)
    circles = []
    for x, y, radius in [(x, y, r) for x, y, _, r in points] + list(obstacles):
        cx, cy = ax.transData.transform((x, y))
        r = radius * scale
        circles.append(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))
    placed: list[Any] = []
    texts: list[Annotation] = []
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


def label_boxes(texts: Sequence[Annotation]) -> list[tuple[float, float, float, float]]:
    """The window extents ``(x, y, width, height)`` of drawn labels, before the figure closes."""
    from matplotlib.text import Text

    boxes = []
    for text in texts:
        renderer = _renderer(text.figure)
        text.update_positions(renderer)
        # Text's extent: the label's box, without the leader line an Annotation's adds
        boxes.append(Text.get_window_extent(text, renderer).bounds)
    return boxes


def _renderer(figure: Figure | SubFigure) -> RendererAgg:
    """The renderer that measures text. The report draws with Agg (``figure_style._pyplot``);
    the base canvas class declares no renderer, Agg's keeps one."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = figure.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        raise TypeError(f"labels are measured on an Agg canvas, not {type(canvas).__name__}")
    return canvas.get_renderer()


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
    words = TEXT[lang]
    drawn = _Drawn.of(network, rows, max_nodes)
    fig, (ax, side) = plt.subplots(
        1, 2, figsize=(16, 11.5), dpi=DPI, gridspec_kw={"width_ratios": [4.2, 1]}
    )
    side.axis("off")
    _draw_edges(ax, drawn)
    if colour_by == "community":
        colours, handles = _community_colours(drawn, words)
        legend_title = words["community"]
    else:
        colours, handles = _kind_colours(drawn, lang)
        legend_title = words["kind"]
    _draw_nodes(ax, drawn, colours)
    _legends(side, drawn, handles, legend_title, words)
    colour_note = words["by_community"] if colour_by == "community" else words["by_kind"]
    ax.set_title(
        f"{words['network_title'].format(view=VIEW_TITLES[lang][view.name])}; {colour_note}",
        fontsize=13,
    )
    chosen = drawn.nodes[:max_labels]
    note = ax.set_xlabel(_axis_note(words, len(chosen), len(drawn.graph)), fontsize=9)
    fig.tight_layout()
    fig.canvas.draw()
    texts = _label_units(ax, drawn, rows, max_labels, lang)
    note.set_text(_axis_note(words, len(texts), len(drawn.graph)))
    boxes = label_boxes(texts)
    labels = [text.get_text() for text in texts]
    return NetworkFigure(save(fig, out_dir, name), labels, boxes)


@dataclass
class _Drawn:
    """The units a network figure draws: the most loaded, with their positions and rows."""

    graph: nx.Graph  # undirected: the lines drawn
    pos: dict[Any, np.ndarray]
    nodes: list[str]  # most loaded first: drawn, then labelled, in this order
    metric: dict[str, AgencyMetrics]
    max_load: int

    @classmethod
    def of(cls, network: nx.DiGraph, rows: Sequence[AgencyMetrics], max_nodes: int) -> _Drawn:
        metric = {row.iri: row for row in rows}
        keep = sorted(network, key=lambda n: (-metric[n].load, n))[:max_nodes]
        graph = undirected(network.subgraph(keep))
        pos = spread_layout(graph)
        max_load = max((metric[n].load for n in graph), default=1) or 1
        nodes = sorted(graph, key=lambda n: -metric[n].load)
        return cls(graph, pos, nodes, metric, max_load)

    def area(self, load: float) -> float:
        """A marker's area (points²) for a unit of this load."""
        return 25 + 1400 * load / self.max_load

    def radius(self, node: str) -> float:
        """A unit's marker radius in points, which its label keeps clear of."""
        return math.sqrt(self.area(self.metric[node].load)) / 2


def _draw_edges(ax: Axes, drawn: _Drawn) -> None:
    """Lead–partner ties as lines, as wide as the tasks they share."""
    from matplotlib.collections import LineCollection

    graph, pos = drawn.graph, drawn.pos
    max_weight = max((w for _, _, w in graph.edges(data="weight")), default=1)
    segments = [(pos[u], pos[v]) for u, v in graph.edges()]
    widths = [0.3 + 3.0 * w / max_weight for _, _, w in graph.edges(data="weight")]
    ax.add_collection(
        LineCollection(segments, linewidths=widths, colors="#555555", alpha=0.3, zorder=1)
    )


def _legend_dot(colour: str, label: str, size: float = 9) -> Line2D:
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="", color=colour, markersize=size, label=label)


def _community_colours(drawn: _Drawn, words: dict[str, str]) -> tuple[list[str], list[Line2D]]:
    """Each unit's colour by Louvain community (largest first), and the legend's entries."""
    metric = drawn.metric
    sizes = Counter(metric[n].community for n in drawn.graph)
    ranked = [c for c, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))]
    colours = {c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(ranked)}
    handles = [
        _legend_dot(colours[c], words["community_item"].format(number=c, size=sizes[c]))
        for c in ranked
    ]
    return [colours[metric[n].community] for n in drawn.nodes], handles


def _kind_colours(drawn: _Drawn, lang: str) -> tuple[list[str], list[Line2D]]:
    """Each unit's colour by kind, and the legend's entries (the kinds drawn, in KINDS order)."""
    metric = drawn.metric
    present = sorted({metric[n].kind for n in drawn.graph}, key=list(KINDS).index)
    colours = [KIND_COLOURS.get(metric[n].kind, "#7f7f7f") for n in drawn.nodes]
    return colours, [_legend_dot(KIND_COLOURS[k], kind_label(k, lang)) for k in present]


def _draw_nodes(ax: Axes, drawn: _Drawn, colours: list[str]) -> None:
    """The units as dots sized by load, in a frameless box padded for the labels."""
    pos, nodes = drawn.pos, drawn.nodes
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[drawn.area(drawn.metric[n].load) for n in nodes],
        c=colours,
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


def _legends(
    side: Axes, drawn: _Drawn, handles: list[Line2D], title: str, words: dict[str, str]
) -> None:
    """The colour legend at the top of the side panel, the size legend at its foot."""
    colour_legend = side.legend(
        handles=handles,
        title=title,
        loc="upper left",
        fontsize=8,
        title_fontsize=9,
        frameon=False,
    )
    side.add_artist(colour_legend)
    references = [v for v in SIZE_REFERENCES if v <= drawn.max_load] or [drawn.max_load]
    size_handles = [
        _legend_dot("#bbbbbb", f"{v} {words['tasks']}", size=math.sqrt(drawn.area(v)))
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


def _axis_note(words: dict[str, str], labelled: int, units: int) -> str:
    """What the figure shows, under it: the layout, the sizes, how many units are labelled."""
    return textwrap.fill(words["network_x"].format(labelled=labelled, n=units), 150)


def _label_units(
    ax: Axes, drawn: _Drawn, rows: Sequence[AgencyMetrics], max_labels: int, lang: str
) -> list[Annotation]:
    """Labels for the ``max_labels`` most loaded units where they fit; the other units' dots
    are obstacles. Needs the figure drawn (its layout settled)."""
    label_of = {
        row.iri: (row.label_vi or row.label_en) if lang == "vi" else row.label_en for row in rows
    }
    pos = drawn.pos
    points = [
        (pos[n][0], pos[n][1], short_label(label_of[n], lang), drawn.radius(n))
        for n in drawn.nodes[:max_labels]
    ]
    others = [(pos[n][0], pos[n][1], drawn.radius(n)) for n in drawn.nodes[max_labels:]]
    return place_labels(ax, points, obstacles=others)
