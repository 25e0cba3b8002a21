"""``run_build``: read → graph and tables → validate → publish, the plans read in worker
processes."""

from build_graph.pipeline.build import BuildResult, run_build

__all__ = ["BuildResult", "run_build"]
