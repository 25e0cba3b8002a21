"""The ``sdgkg`` command line: one module per subcommand, found by :mod:`.main`."""

from build_graph.cli.main import main

__all__ = ["main"]
