"""Graph → rows → networkx networks → metrics and findings: the network queries
(:mod:`.data`), the networks and views (:mod:`.graphs`), metrics, overlaps, gaps, the
per-plan views, the units merged across plans (:mod:`.merged`), and the analysis that runs
them all (:mod:`.analysis`). Apart from the report so that notebooks and other tools can
analyse a graph without drawing or writing anything."""

from build_graph.network.analysis import Analysis, analyse, load
from build_graph.network.data import NetworkData, load_network_store, read_network_data, select
from build_graph.network.metrics import BOTTLENECK_FORMULA, agency_metrics, structural_holes

__all__ = [
    "BOTTLENECK_FORMULA",
    "Analysis",
    "NetworkData",
    "agency_metrics",
    "analyse",
    "load",
    "load_network_store",
    "read_network_data",
    "select",
    "structural_holes",
]
