"""sdgkg: Viet Nam's SDG action plans as a knowledge graph.

The package reads a provincial action plan (first: Hải Phòng, Decision 2894/QĐ-UBND of
30/10/2017), extracts its appendices, tasks, agencies, targets and periods with the source line
of every fact, and writes them as tables, RDF, validation reports and network analyses.

It is a pipeline, one subpackage per stage (each imports only the stages below it)::

    read → graph → tables | validate | sparql | network → report | publish → pipeline → cli

The public API lives in the subpackages (``build_graph.read.read_plan``,
``build_graph.pipeline.run_build``, ``build_graph.report.run_report``,
``build_graph.sparql.run_query``…). The four entry points are also reachable from here,
imported on first use so that ``import build_graph`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_ENTRY_POINTS = {
    "read_plan": "build_graph.read",
    "run_build": "build_graph.pipeline",
    "run_report": "build_graph.report",
    "run_query": "build_graph.sparql",
    "default_source": "build_graph.resources",
}
__all__ = ["__version__", *_ENTRY_POINTS]


def __getattr__(name: str) -> Any:
    """Import an entry point's subpackage when the entry point is first asked for."""
    if name in _ENTRY_POINTS:
        return getattr(importlib.import_module(_ENTRY_POINTS[name]), name)
    raise AttributeError(f"module 'build_graph' has no attribute {name!r}")
