"""Analysis → ``sdgkg report``: the document (Markdown and HTML), figures, and exports
(GraphML, GEXF, CSV, JSON): the one layer that draws (matplotlib) and writes the analysis
out, so that the analysis itself stays free of both."""

from build_graph.report.charts import (
    goal_heatmap,
    overlap_matrix,
    partner_load_figure,
    period_timeline,
)
from build_graph.report.network_plot import network_figure
from build_graph.report.run import ReportResult, run_report

__all__ = [
    "ReportResult",
    "goal_heatmap",
    "network_figure",
    "overlap_matrix",
    "partner_load_figure",
    "period_timeline",
    "run_report",
]
