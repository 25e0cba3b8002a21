"""``python -m build_graph.cli``: the ``sdgkg`` command."""

import sys

from build_graph.cli.main import main

sys.exit(main())
