"""The rank-range figure: for the top agencies, each measure's rank under every reading of the
plan (merged cells written or inherited, each documented ambiguous phrase read either way),
drawn as a bar from the best to the worst rank with the inherited reading's rank marked."""

from __future__ import annotations

from pathlib import Path

from build_graph.network.analysis import Analysis
from build_graph.network.readings import INHERITED, WRITTEN, Choice
from build_graph.network.sensitivity import top_units
from build_graph.report.figure_style import DPI, MIN_POINTS, TEXT, WIDTH, _pyplot, save, short_label

SHOWN = ("demand_tasks", "leads_served", "brokerage")
COLOURS = {"demand_tasks": "#0072B2", "leads_served": "#E69F00", "brokerage": "#009E73"}


def rank_range_figure(
    analysis: Analysis, out_dir: Path, name: str, lang: str = "en", top: int = 5
) -> list[Path]:
    """Horizontal bars, one row per agency and one bar per measure of :data:`SHOWN`."""
    plt = _pyplot()
    words = TEXT[lang]
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    units = top_units(sens, SHOWN, top)
    units.reverse()
    inherited = {r.iri: r for r in sens.tables[Choice(INHERITED)]}
    written = {r.iri: r for r in sens.tables[Choice(WRITTEN)]}
    fig, ax = plt.subplots(figsize=(WIDTH, 0.55 * len(units) + 2.4), dpi=DPI)
    offsets = {m: (i - 1) * 0.25 for i, m in enumerate(SHOWN)}
    worst = 1
    for y, iri in enumerate(units):
        for measure in SHOWN:
            found_range = sens.ranges[measure].get(iri)
            if found_range is None:
                continue
            worst = max(worst, found_range.high)
            position = y + offsets[measure]
            ax.plot(
                [found_range.low, found_range.high],
                [position, position],
                color=COLOURS[measure],
                linewidth=5,
                alpha=0.55,
                solid_capstyle="butt",
            )
            for rows, marker in ((inherited, "o"), (written, "s")):
                rank = rows[iri].ranks.get(measure) if iri in rows else None
                if rank is not None:
                    ax.plot(rank, position, marker, color=COLOURS[measure], markersize=5)
    names = [data.agent(iri).label(lang) for iri in units]
    ax.set_yticks(
        range(len(units)), [short_label(n, lang, 55, 1) for n in names], fontsize=MIN_POINTS
    )
    ax.set_xlim(0.5, worst + 0.5)
    ax.invert_xaxis()
    ax.set_xlabel(words["ranks_x"])
    ax.set_title(words["ranks_title"].format(n=len(units)), fontsize=12)
    handles = [
        plt.Line2D([], [], color=COLOURS[m], linewidth=5, alpha=0.55, label=words[f"rank_{m}"])
        for m in SHOWN
    ]
    handles += [
        plt.Line2D([], [], color="#555", marker="o", linestyle="", label=words["rank_inherited"]),
        plt.Line2D([], [], color="#555", marker="s", linestyle="", label=words["rank_written"]),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=MIN_POINTS)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return save(fig, out_dir, name)
