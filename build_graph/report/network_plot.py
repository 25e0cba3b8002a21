"""The coordination-network figure, made to be read in a briefing at the size the report shows
it (12 inches wide, every text at least 9 pt): lead → partner ties with arrowheads, leads drawn
with a dark ring, at most eight colour classes (the kinds grouped, :mod:`.palette`), labels
placed greedily (most loaded units first) where they overlap nothing, dotted pointers unlike
the solid ties, and the units left without a name given a number, listed in a key under the
network."""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from build_graph.network.graphs import View
from build_graph.network.layout import Position, spread_layout
from build_graph.network.metrics import AgencyMetrics, induced, undirected
from build_graph.report.figure_style import (
    MIN_POINTS,
    NETWORK_DPI,
    TEXT,
    VIEW_TITLES,
    WIDTH,
    _pyplot,
    save,
    short_label,
)
from build_graph.report.layouts import NETWORK_MAX_NODES, drawn_nodes
from build_graph.report.palette import COMMUNITY_COLOURS, KIND_GROUPS, OTHER, kind_group

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation

__all__ = ["NETWORK_MAX_NODES", "NetworkFigure", "network_figure", "place_labels"]

LABEL_POINTS = MIN_POINTS  # unit names on the network
LEAD_RING = "#111111"
TIE_COLOUR = "#6b6b6b"
POINTER_STYLE = {"arrowstyle": "-", "lw": 0.7, "color": "#222222", "linestyle": (0, (1, 1.5))}


# -- label placement -------------------------------------------------------------------------
def _overlaps(a: Any, b: Any, pad: float = 1.0) -> bool:
    return not (a.x1 + pad < b.x0 or b.x1 + pad < a.x0 or a.y1 + pad < b.y0 or b.y1 + pad < a.y0)


def place_labels(
    ax: Axes,
    points: Sequence[tuple[float, float, str, float]],
    fontsize: float = LABEL_POINTS,
    obstacles: Sequence[tuple[float, float, float]] = (),
    taken: list[Any] | None = None,
    near_only: bool = False,
    must: int = 10,
) -> list[Any]:
    """Place labels next to points without overlapping each other, the nodes, or the frame.

    ``points`` are ``(x, y, text, radius)`` in data coordinates with the marker radius in
    points, in order of priority; ``obstacles`` are further ``(x, y, radius)`` markers;
    ``taken``: boxes already placed (extended in place). Each label tries 32 positions around
    its point (near, then farther, then joined to it by a dotted pointer), the first ``must``
    ones farther still; with ``near_only``, the 8 nearest only. One that fits nowhere is left
    out. Returns the labels drawn."""
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
    placed: list[Any] = taken if taken is not None else []
    texts: list[Any] = []
    extras = (2.0,) if near_only else (2.0, 14.0, 30.0, 50.0)
    farther = (*extras, 75.0, 100.0, 130.0)
    for index, (x, y, text, radius) in enumerate(points):
        # The label's size is measured once (a text layout); each position's box then follows
        # from its anchor and alignment, and only the chosen position becomes an annotation.
        size = _text_size(ax, renderer, text, fontsize)
        px, py = ax.transData.transform((x, y))
        anchor = (float(px), float(py))
        distances = farther if index < must and not near_only else extras
        others = [circle for k, circle in enumerate(circles) if k != index]
        chosen = _free_position(
            anchor, size, radius * scale, distances, scale, frame, placed, others
        )
        if chosen is None:
            continue
        dx, dy, extra, box = chosen
        placed.append(box)
        texts.append(_label(ax, (x, y, text, radius), (dx, dy, extra), fontsize, near_only))
    return texts


_DIRECTIONS = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]


def _free_position(
    anchor: tuple[float, float],
    size: tuple[float, float],
    radius: float,
    distances: Sequence[float],
    scale: float,
    frame: Any,
    placed: Sequence[Any],
    circles: Sequence[Any],
) -> tuple[int, int, float, Any] | None:
    """The first position (direction, distance) whose box stays in the frame and clashes with
    no label placed and no other node: ``(dx, dy, distance, box)``, in display pixels."""
    from matplotlib.transforms import Bbox

    width, height = size
    px, py = anchor
    for extra in distances:
        for dx, dy in _DIRECTIONS:
            offset = radius + extra * scale
            ax0 = px + dx * offset - _HA[dx][1] * width
            ay0 = py + dy * offset - _VA[dy][1] * height
            box = Bbox([[ax0, ay0], [ax0 + width, ay0 + height]])
            inside = (
                box.x0 >= frame.x0
                and box.x1 <= frame.x1
                and box.y0 >= frame.y0
                and box.y1 <= frame.y1
            )
            if not inside or any(_overlaps(box, other) for other in placed):
                continue
            if not any(_overlaps(box, circle, pad=-1.0) for circle in circles):
                return dx, dy, extra, box
    return None


def _label(
    ax: Axes,
    point: tuple[float, float, str, float],
    where: tuple[int, int, float],
    fontsize: float,
    near_only: bool,
) -> Any:
    """One label at its chosen place: plain text beside a numbered dot, else an annotation on
    a white ground, joined by a dotted pointer when it stands farther than 2 points."""
    from matplotlib.transforms import ScaledTranslation

    x, y, text, radius = point
    dx, dy, extra = where
    offset = radius + extra
    if near_only:  # a number beside its dot: plain text, cheaper to draw than an annotation
        fig = ax.figure
        return ax.text(
            x,
            y,
            text,
            transform=ax.transData
            + ScaledTranslation(dx * offset / 72, dy * offset / 72, fig.dpi_scale_trans),
            ha=_HA[dx][0],
            va=_VA[dy][0],
            fontsize=fontsize,
            zorder=5,
        )
    pointer = {**POINTER_STYLE, "shrinkA": 0, "shrinkB": radius} if extra > 2 else None
    return ax.annotate(
        text,
        (x, y),
        xytext=(dx * offset, dy * offset),
        textcoords="offset points",
        ha=_HA[dx][0],
        va=_VA[dy][0],
        fontsize=fontsize,
        zorder=5,
        arrowprops=pointer,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
    )


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
        # Text's extent: the label's box, without the pointer an Annotation's adds
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
    """The files of a network figure, the names drawn on it with their boxes (pixels), and the
    units given a number instead (number → name, as the key lists them)."""

    paths: list[Path]
    labels: list[str]
    boxes: list[tuple[float, float, float, float]]
    numbered: dict[int, str] = field(default_factory=dict)


# Loads shown in the size legend (the largest not above the figure's largest load): a plan's
# units lead or partner up to a few hundred tasks, units merged over 63 plans thousands.
SIZE_REFERENCES = (5, 20, 50, 100, 300, 1000, 3000, 10000)


@dataclass
class _Drawn:
    """The units a network figure draws: the most loaded, with their positions and rows."""

    network: nx.DiGraph  # the directed ties drawn
    pos: dict[Any, np.ndarray]
    nodes: list[str]  # most loaded first: drawn, then labelled, in this order
    metric: dict[str, AgencyMetrics]
    max_load: int
    leads: set[str]

    @classmethod
    def of(
        cls,
        network: nx.DiGraph,
        rows: Sequence[AgencyMetrics],
        max_nodes: int,
        positions: Mapping[Hashable, Position] | None = None,
    ) -> _Drawn:
        metric = {row.iri: row for row in rows}
        keep = drawn_nodes(network, rows, max_nodes)
        sub = induced(network, keep)  # in the network's order: the ties drawn in one order
        if positions is None or any(n not in positions for n in keep):
            positions = spread_layout(undirected(sub))
        pos = {n: np.asarray(positions[n], dtype=float) for n in keep}
        max_load = max((metric[n].load for n in keep), default=1) or 1
        nodes = sorted(keep, key=lambda n: (-metric[n].load, n))
        leads = {n for n in keep if metric[n].tasks_led > 0}
        return cls(sub, pos, nodes, metric, max_load, leads)

    def area(self, load: float) -> float:
        """A marker's area (points²) for a unit of this load."""
        return 30 + 900 * load / self.max_load

    def radius(self, node: str) -> float:
        """A unit's marker radius in points (its ring included), which labels keep clear of."""
        return math.sqrt(self.area(self.metric[node].load)) / 2 + (
            1.5 if node in self.leads else 0.5
        )


def network_figure(
    network: nx.DiGraph,
    rows: Sequence[AgencyMetrics],
    view: View,
    out_dir: Path,
    name: str,
    colour_by: str = "kind",
    lang: str = "en",
    max_labels: int = 40,
    max_nodes: int = NETWORK_MAX_NODES,
    positions: Mapping[Hashable, Position] | None = None,
) -> NetworkFigure:
    """The coordination network: node area is load, colour the kind's group or community, a
    dark ring marks a lead, arrowheads point from lead to partner.

    At most ``max_nodes`` units, the most loaded: a plan has about 100, and beyond 200 the
    figure is too dense to read. ``positions``: the report's layout of these units (computed
    here when not given). The ``max_labels`` most loaded units are named where a name fits; the
    other units get a number where it fits, and the key under the network names them."""
    plt = _pyplot()
    words = TEXT[lang]
    drawn = _Drawn.of(network, rows, max_nodes, positions)
    fig = plt.figure(figsize=(WIDTH, _TOP + _NETWORK + _BELOW), dpi=NETWORK_DPI)
    ax, side, key_ax = fig.add_axes((0, 0, 1, 1)), fig.add_axes((0, 0, 1, 1)), None
    _place(fig, ax, side)
    side.axis("off")
    if colour_by == "community":
        colours, handles = _community_colours(drawn, words)
        legend_title = words["community"]
    else:
        colours, handles = _kind_colours(drawn, lang)
        legend_title = words["kind"]
    _frame(ax, drawn)
    _draw_ties(ax, drawn)
    _draw_nodes(ax, drawn, colours)
    _legends(side, drawn, handles, legend_title, words)
    texts, numbered = _label_units(ax, drawn, rows, max_labels, lang)
    # The key's length is known once the labels are placed: the figure grows downwards to
    # hold it, every axes keeping its size and its distance from the top.
    entries = _key_entries(numbered, words, lang)
    lines = math.ceil(len(entries) / _KEY_COLUMNS)
    fig.set_size_inches(WIDTH, _TOP + _NETWORK + _BELOW + lines * _LINE)
    key_ax = fig.add_axes((0, 0, 1, 1))
    key_ax.axis("off")
    _place(fig, ax, side, key_ax)
    colour_note = words["by_community"] if colour_by == "community" else words["by_kind"]
    fig.text(
        0.01,
        1 - 0.12 / fig.get_size_inches()[1],
        f"{words['network_title'].format(view=VIEW_TITLES[lang][view.name])}; {colour_note}",
        fontsize=12,
        ha="left",
        va="top",
    )
    _key(key_ax, entries, words, (len(texts), len(numbered), len(drawn.nodes)), lines)
    boxes = label_boxes(texts)
    labels = [text.get_text() for text in texts]
    return NetworkFigure(save(fig, out_dir, name, NETWORK_DPI), labels, boxes, numbered)


# The figure's parts, in inches from the top: the title, the network (with the legends beside
# it), then the note and the key to the numbered units, one line of 9-point text per _LINE.
_TOP, _NETWORK, _BELOW, _LINE, _KEY_COLUMNS = 0.75, 6.4, 0.8, 0.19, 3
_NETWORK_WIDTH, _MAX_KEY_LINES = 8.4, 40


def _place(fig: Figure, ax: Axes, side: Axes, key_ax: Axes | None = None) -> None:
    """Put the network, the legends and the key at their places in inches from the top."""
    height = fig.get_size_inches()[1]

    def box(
        left: float, top: float, width: float, tall: float
    ) -> tuple[float, float, float, float]:
        return (left / WIDTH, 1 - (top + tall) / height, width / WIDTH, tall / height)

    ax.set_position(box(0.1, _TOP, _NETWORK_WIDTH, _NETWORK))
    side.set_position(box(8.7, _TOP, 3.2, _NETWORK))
    if key_ax is not None:
        key_ax.set_position(box(0.1, _TOP + _NETWORK + 0.1, 11.8, height - _TOP - _NETWORK - 0.2))


def _frame(ax: Axes, drawn: _Drawn) -> None:
    """Limits with the same scale on both axes (arrowheads keep their shape), padded for
    labels; no ticks or spines."""
    xs, ys = zip(*drawn.pos.values(), strict=True) if drawn.pos else ((0.0,), (0.0,))
    pad_x, pad_y = (max(xs) - min(xs)) * 0.10 + 0.05, (max(ys) - min(ys)) * 0.06 + 0.05
    x0, x1, y0, y1 = min(xs) - pad_x, max(xs) + pad_x, min(ys) - pad_y, max(ys) + pad_y
    ratio = _NETWORK / _NETWORK_WIDTH  # the axes' height per width
    if (y1 - y0) < (x1 - x0) * ratio:
        grow = ((x1 - x0) * ratio - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = ((y1 - y0) / ratio - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _draw_ties(ax: Axes, drawn: _Drawn) -> None:
    """Lead → partner ties as solid lines as wide as the tasks they share, each ending in an
    arrowhead at the partner's marker (two-way ties: one line, a head at each end)."""
    from matplotlib.collections import LineCollection, PolyCollection

    network, pos = drawn.network, drawn.pos
    pairs: dict[tuple[str, str], float] = {}
    heads: list[tuple[str, str, float]] = []
    for u, v, w in network.edges(data="weight", default=1):
        if u == v:
            continue
        key = (u, v) if u <= v else (v, u)
        pairs[key] = pairs.get(key, 0) + w
        heads.append((u, v, w))
    if not pairs:
        return
    max_weight = max(pairs.values())
    to_display = ax.transData.transform
    to_data = ax.transData.inverted().transform
    scale = ax.figure.dpi / 72.0

    def width(weight: float) -> float:
        return 0.5 + 2.5 * weight / max_weight

    def point(node: str) -> np.ndarray:
        return np.asarray(to_display(pos[node]), dtype=float)

    segments = []
    for u, v in pairs:
        a, b = point(u), point(v)
        span = b - a
        length = float(np.hypot(*span)) or 1.0
        unit = span / length
        start = a + unit * drawn.radius(u) * scale
        end = b - unit * drawn.radius(v) * scale
        segments.append(to_data(np.array([start, end])))
    widths = [width(w) for w in pairs.values()]
    ax.add_collection(
        LineCollection(segments, linewidths=widths, colors=TIE_COLOUR, alpha=0.45, zorder=1)
    )
    triangles = []
    for u, v, weight in heads:
        a, b = point(u), point(v)
        span = b - a
        length = float(np.hypot(*span)) or 1.0
        unit = span / length
        normal = np.array([-unit[1], unit[0]])
        size = (4.5 + 1.6 * width(weight)) * scale
        tip = b - unit * (drawn.radius(v) + 0.5) * scale
        base = tip - unit * size
        corners = np.array([tip, base + normal * size * 0.45, base - normal * size * 0.45])
        triangles.append(to_data(corners))
    ax.add_collection(
        PolyCollection(triangles, facecolors=TIE_COLOUR, edgecolors="none", alpha=0.85, zorder=2)
    )


def _legend_dot(colour: str, label: str, size: float = 10, ring: bool = False) -> Line2D:
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        marker="o",
        ls="",
        markerfacecolor=colour,
        markeredgecolor=LEAD_RING if ring else "white",
        markeredgewidth=2.2 if ring else 0.8,
        markersize=size,
        label=label,
    )


def _community_colours(drawn: _Drawn, words: dict[str, str]) -> tuple[list[str], list[Line2D]]:
    """Each unit's colour by Louvain community: the seven largest in seven colours, the others
    grey (eight classes at most); and the legend's entries."""
    metric = drawn.metric
    sizes = Counter(metric[n].community for n in drawn.nodes)
    ranked = [c for c, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))]
    shown = ranked[: len(COMMUNITY_COLOURS) - 1]
    colours = {c: COMMUNITY_COLOURS[i] for i, c in enumerate(shown)}
    handles = [
        _legend_dot(colours[c], words["community_item"].format(number=c, size=sizes[c]))
        for c in shown
    ]
    rest = ranked[len(shown) :]
    if rest:
        handles.append(
            _legend_dot(
                OTHER.colour,
                words["community_other"].format(n=len(rest), size=sum(sizes[c] for c in rest)),
            )
        )
    return [colours.get(metric[n].community, OTHER.colour) for n in drawn.nodes], handles


def _kind_colours(drawn: _Drawn, lang: str) -> tuple[list[str], list[Line2D]]:
    """Each unit's colour by its kind's group, and the legend's entries (the groups drawn)."""
    metric = drawn.metric
    present = {kind_group(metric[n].kind).key for n in drawn.nodes}
    colours = [kind_group(metric[n].kind).colour for n in drawn.nodes]
    handles = [
        _legend_dot(group.colour, textwrap.fill(group.name(lang), 34))
        for group in KIND_GROUPS
        if group.key in present
    ]
    return colours, handles


def _draw_nodes(ax: Axes, drawn: _Drawn, colours: list[str]) -> None:
    """The units as dots sized by load; a lead with a dark ring."""
    pos, nodes = drawn.pos, drawn.nodes
    rings = [LEAD_RING if n in drawn.leads else "white" for n in nodes]
    widths = [2.2 if n in drawn.leads else 0.8 for n in nodes]
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[drawn.area(drawn.metric[n].load) for n in nodes],
        c=colours,
        edgecolors=rings,
        linewidths=widths,
        zorder=3,
    )


def _legends(
    side: Axes, drawn: _Drawn, handles: list[Line2D], title: str, words: dict[str, str]
) -> None:
    """The colour legend at the top of the side panel; the marks (lead, partner, tie, arrow,
    pointer) and the sizes below it."""
    from matplotlib.lines import Line2D

    colour_legend = side.legend(
        handles=handles,
        title=title,
        loc="upper left",
        fontsize=MIN_POINTS,
        title_fontsize=10,
        frameon=False,
        borderaxespad=0,
    )
    side.add_artist(colour_legend)
    marks = [
        _legend_dot("#bbbbbb", words["lead_mark"], ring=True),
        _legend_dot("#bbbbbb", words["partner_mark"]),
        Line2D([], [], color=TIE_COLOUR, lw=2, marker=">", markersize=7, label=words["tie_mark"]),
        Line2D([], [], label=words["pointer_mark"], **_pointer_line()),
    ]
    marks_legend = side.legend(
        handles=marks,
        title=words["marks"],
        loc="center left",
        bbox_to_anchor=(0, 0.36),
        fontsize=MIN_POINTS,
        title_fontsize=10,
        frameon=False,
        borderaxespad=0,
    )
    side.add_artist(marks_legend)
    references = [v for v in SIZE_REFERENCES if v <= drawn.max_load] or [drawn.max_load]
    size_handles = [
        _legend_dot("#bbbbbb", f"{v} {words['tasks']}", size=math.sqrt(drawn.area(v)))
        for v in references[-3:]
    ]
    side.legend(
        handles=size_handles,
        title=words["size"],
        loc="lower left",
        fontsize=MIN_POINTS,
        title_fontsize=10,
        frameon=False,
        labelspacing=1.6,
        borderpad=0.4,
        handlelength=3.0,
        handletextpad=1.0,
        borderaxespad=0,
    )


def _pointer_line() -> dict[str, Any]:
    return {"color": POINTER_STYLE["color"], "lw": 1.0, "linestyle": POINTER_STYLE["linestyle"]}


def _label_units(
    ax: Axes, drawn: _Drawn, rows: Sequence[AgencyMetrics], max_labels: int, lang: str
) -> tuple[list[Annotation], dict[int, str]]:
    """Names for the ``max_labels`` most loaded units where they fit, then numbers for every
    other unit where they fit (beside the dot, no pointer); the other units' dots are
    obstacles. Returns the names drawn and the numbered units (number → name)."""
    label_of = {
        row.iri: (row.label_vi or row.label_en) if lang == "vi" else row.label_en for row in rows
    }
    pos = drawn.pos
    named = drawn.nodes[:max_labels]
    points = [
        (pos[n][0], pos[n][1], short_label(label_of[n], lang), drawn.radius(n)) for n in named
    ]
    taken: list[Any] = []
    others = [(pos[n][0], pos[n][1], drawn.radius(n)) for n in drawn.nodes[max_labels:]]
    texts = place_labels(ax, points, obstacles=others, taken=taken)
    drawn_names = {text.get_text() for text in texts}
    left = [n for n, p in zip(named, points, strict=True) if p[2] not in drawn_names]
    left += drawn.nodes[max_labels:]
    numbered: dict[int, str] = {}
    number_points = []
    for number, node in enumerate(left, start=1):
        number_points.append((pos[node][0], pos[node][1], str(number), drawn.radius(node)))
    obstacles = [(pos[n][0], pos[n][1], drawn.radius(n)) for n in drawn.nodes if n not in left]
    for text in place_labels(ax, number_points, obstacles=obstacles, taken=taken, near_only=True):
        number = int(text.get_text())
        numbered[number] = label_of[left[number - 1]]
    return texts, numbered


def _key_entries(numbered: Mapping[int, str], words: dict[str, str], lang: str) -> list[str]:
    """The key's lines: each numbered unit's number and name; past the room, a pointer to the
    explorer for the rest."""
    entries = [f"{number}  {short_label(name, lang, 44, 1)}" for number, name in numbered.items()]
    room = _MAX_KEY_LINES * _KEY_COLUMNS
    if len(entries) > room:
        more = words["key_more"].format(n=len(entries) - (room - 1))
        entries = [*entries[: room - 1], more]
    return entries


def _key(
    ax: Axes, entries: list[str], words: dict[str, str], counts: tuple[int, int, int], lines: int
) -> None:
    """Under the network: how many units are named or numbered, and the key to the numbered
    ones in columns."""
    named, numbered, n = counts
    note = words["network_x"].format(labelled=named, numbered=numbered, n=n)
    ax.text(0, 1, textwrap.fill(note, 160), fontsize=MIN_POINTS, va="top", ha="left")
    if not entries:
        return
    top = 1 - 0.5 / (_BELOW - 0.2 + lines * _LINE)  # half an inch below the note
    for column in range(_KEY_COLUMNS):
        chunk = entries[column * lines : (column + 1) * lines]
        ax.text(
            column / _KEY_COLUMNS,
            top,
            "\n".join(chunk),
            fontsize=MIN_POINTS,
            va="top",
            ha="left",
            linespacing=1.3,
        )
