"""The report's charts beside the network figure (:mod:`.network_plot`): partner load, the
agency × goal heatmap, the target-overlap matrix and the period timeline, drawn with matplotlib
(Agg backend) and saved as PNG and SVG.

matplotlib is imported inside the functions that draw (it costs ~360 ms), so that the rest of
the package never pays for it. Labels are English by default or Vietnamese (``lang="vi"``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from build_graph.network.data import NetworkData
from build_graph.network.graphs import AGGREGATE_KINDS, View, portfolios
from build_graph.network.metrics import AgencyMetrics
from build_graph.report.figure_style import (
    DPI,
    MIN_POINTS,
    PERIOD_KINDS,
    TEXT,
    VIEW_TITLES,
    WIDTH,
    _pyplot,
    save,
    short_label,
)
from build_graph.report.palette import KIND_GROUPS, kind_group

COLLECTIVES_SHOWN = 5  # collective and vague units drawn apart in the partner-load figure


def partner_load_figure(
    rows: Sequence[AgencyMetrics],
    view: View,
    out_dir: Path,
    name: str,
    lang: str = "en",
    top: int = 20,
) -> list[Path]:
    """Horizontal bars: the agencies named as partner on the most tasks, split by how. Collective
    and vague units are no agencies and are not ranked: where the view holds them, the most
    named of them (up to ``COLLECTIVES_SHOWN``) are drawn apart, below a rule."""
    plt = _pyplot()
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    words = TEXT[lang]
    named = sorted(
        (r for r in rows if r.tasks_partner), key=lambda r: (-r.tasks_partner, r.label_en)
    )
    collectives = [r for r in named if r.kind in AGGREGATE_KINDS][:COLLECTIVES_SHOWN]
    agencies = [r for r in named if r.kind not in AGGREGATE_KINDS][:top]
    chosen = [*reversed(collectives), *reversed(agencies)]
    fig, ax = plt.subplots(figsize=(WIDTH, 0.4 * len(chosen) + 2.6), dpi=DPI)
    y = np.arange(len(chosen))
    explicit = [r.tasks_partner - r.tasks_partner_inherited for r in chosen]
    inherited = [r.tasks_partner_inherited for r in chosen]
    colours = [kind_group(r.kind).colour for r in chosen]
    ax.barh(y, explicit, color=colours, edgecolor="white")
    ax.barh(y, inherited, left=explicit, color=colours, alpha=0.45, hatch="///", edgecolor="white")
    for i, row in enumerate(chosen):
        ax.text(row.tasks_partner + 1, i, str(row.tasks_partner), va="center", fontsize=MIN_POINTS)
    names = [(r.label_vi or r.label_en) if lang == "vi" else r.label_en for r in chosen]
    ax.set_yticks(y, [short_label(n, lang, width=48, lines=1) for n in names], fontsize=MIN_POINTS)
    ax.set_xlabel(words["load_x"])
    ax.set_ylabel(words["load_y"])
    ax.set_xlim(0, max((r.tasks_partner for r in chosen), default=1) * 1.08)
    ax.set_title(
        words["load_title"].format(n=len(agencies), view=VIEW_TITLES[lang][view.name]),
        fontsize=12,
    )
    if collectives:
        rule = len(collectives) - 0.5
        ax.axhline(rule, color="#555555", linewidth=1, linestyle="--")
        ax.text(  # on the rule, at the right, where the shortest agencies' bars leave room
            0.99,
            rule + 0.1,  # clear of the dashes
            words["load_collectives"],
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            ha="right",
            va="bottom",
            fontsize=MIN_POINTS,
            color="#333333",
        )
    present = {kind_group(r.kind).key for r in chosen}
    handles = [
        Patch(color=group.colour, label=group.name(lang))
        for group in KIND_GROUPS
        if group.key in present
    ]
    first = ax.legend(
        handles=handles,
        title=words["kind"],
        loc="lower right",
        fontsize=MIN_POINTS,
        title_fontsize=10,
    )
    ax.add_artist(first)
    ax.legend(
        handles=[
            Patch(facecolor="#888888", label=words["explicit"]),
            Patch(facecolor="#888888", alpha=0.45, hatch="///", label=words["inherited"]),
        ],
        title=words["share"],
        loc="center right",
        fontsize=MIN_POINTS,
        title_fontsize=10,
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
    # agencies first, by load; collective and vague units after them, never ranked among them
    chosen.sort(key=lambda r: r.kind in AGGREGATE_KINDS)
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
    fig, ax = plt.subplots(figsize=(WIDTH, 0.36 * len(chosen) + 3.6), dpi=DPI)
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
                fontsize=MIN_POINTS,
                color="white" if value > 0.6 * peak else "black",
            )
    titles = {
        c.notation: c.label.split(": ", 1)[-1] for c in data.un_concepts.values() if c.goal is None
    }
    ticks = [
        f"{g} {short_label(titles.get(g, ''), 'en', 16, 2)}" if lang == "en" else g for g in goals
    ]
    ax.set_xticks(
        range(len(goals)),
        ticks,
        rotation=60 if lang == "en" else 0,
        ha="right" if lang == "en" else "center",
        fontsize=MIN_POINTS,
        rotation_mode="anchor",
    )
    names = [(r.label_vi or r.label_en) if lang == "vi" else r.label_en for r in chosen]
    ax.set_yticks(
        range(len(chosen)), [short_label(n, lang, 44, 1) for n in names], fontsize=MIN_POINTS
    )
    ax.set_xlabel(words["heatmap_x"])
    ax.set_ylabel(words["heatmap_y"])
    ax.set_title(
        words["heatmap_title"].format(view=VIEW_TITLES[lang][view.name], n=len(chosen)), fontsize=12
    )
    bar = fig.colorbar(image, ax=ax, fraction=0.025, pad=0.01)
    bar.set_label(words["heatmap_bar"])
    fig.tight_layout()
    return save(fig, out_dir, name)


def _agency_label(data: NetworkData) -> Callable[[str, str], str]:
    """An agency IRI's name in a language, as :func:`overlap_matrix` asks for it."""

    def label(unit: str, lang: str) -> str:
        return data.agent(unit).label(lang)

    return label


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
    label: Callable[[str, str], str]
    if units is None:
        for agencies in portfolios(data, view).values():
            merged.update(agencies)
        label = _agency_label(data)
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
    fig, ax = plt.subplots(figsize=(WIDTH, 11.5), dpi=DPI)
    image = ax.imshow(shown, cmap="Blues", vmin=0, vmax=1)
    for (i, j), value in np.ndenumerate(matrix):
        if i != j and value >= 0.1:
            ax.text(
                j,
                i,
                f"{value:.2f}".lstrip("0"),
                ha="center",
                va="center",
                fontsize=MIN_POINTS,
                color="white" if value > 0.6 else "black",
            )
    names = [label(a, lang) for a in chosen]
    ax.set_xticks(
        range(n),
        [short_label(x, lang, 30, 1) for x in names],
        rotation=60,
        ha="right",
        rotation_mode="anchor",
        fontsize=MIN_POINTS,
    )
    ax.set_yticks(
        range(n),
        [
            f"{short_label(x, lang, 30, 1)} ({len(merged[a])})"
            for x, a in zip(names, chosen, strict=True)
        ],
        fontsize=MIN_POINTS,
    )
    ax.set_xlabel(words["overlap_x"])
    ax.set_ylabel(words["overlap_y"])
    ax.set_title(words["overlap_title"].format(n=n, view=VIEW_TITLES[lang][view.name]), fontsize=12)
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.01)
    bar.set_label(words["overlap_bar"])
    fig.tight_layout()
    return save(fig, out_dir, name)


def period_timeline(data: NetworkData, out_dir: Path, name: str, lang: str = "en") -> list[Path]:
    """Tasks counted once each, by the combination of periods they name (spans of years as
    bars on a time axis), with the tasks that name no period."""
    plt = _pyplot()
    words = TEXT[lang]
    combos: Counter[tuple[tuple[int, int] | str, ...]] = Counter()
    for task in data.tasks.values():
        combos[
            tuple(
                (p.begin, p.end)
                if p.begin is not None and p.end is not None
                else (p.kind or p.label)
                for p in task.periods
            )
        ] += 1
    ordered = sorted(combos, key=lambda c: (-combos[c], str(c)))
    fig, ax = plt.subplots(figsize=(WIDTH, 0.42 * len(ordered) + 2.5), dpi=DPI)
    first = min((s[0] for c in ordered for s in c if isinstance(s, tuple)), default=2017)
    last = max((s[1] for c in ordered for s in c if isinstance(s, tuple)), default=2030)
    labels = []
    for i, combo in enumerate(ordered):
        spans = [s for s in combo if isinstance(s, tuple)]
        named = [s for s in combo if isinstance(s, str)]
        for begin, end in spans:
            ax.barh(
                i,
                end - begin + 1,
                left=begin - 0.5,
                color="#2a788e",
                edgecolor="black",
                linewidth=0.4,
                alpha=0.8,
            )
        count = combos[combo]
        noun = words["task"] if count == 1 else words["tasks"]
        ax.text(last + 0.65, i, f"{count} {noun}", va="center", fontsize=MIN_POINTS)
        parts = [f"{b}" if b == e else f"{b}–{e}" for b, e in spans]
        parts += [PERIOD_KINDS[lang].get(k, k) for k in named]
        labels.append(" + ".join(parts) or words["no_period"])
    ax.set_yticks(range(len(ordered)), labels, fontsize=MIN_POINTS)
    ax.invert_yaxis()
    ax.set_xlim(first - 0.7, last + 3)
    ax.set_xticks(range(first, last + 1))
    ax.tick_params(axis="x", labelsize=MIN_POINTS)
    ax.set_xlabel(words["timeline_x"])
    ax.set_ylabel(words["combos_y"])
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(words["combos_title"].format(n=len(data.tasks)), fontsize=12)
    fig.tight_layout()
    return save(fig, out_dir, name)
