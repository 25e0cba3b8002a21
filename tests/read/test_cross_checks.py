"""The extraction's cross-checks on a plan laid out as one table with a lead column."""

from __future__ import annotations

import csv

from build_graph.cli import main
from tests.read.test_formats import renderings_module


def test_a_plan_with_no_intro_sentence_has_no_undeclared_target_noise(plan, registry, tmp_path):
    """Regression: a one-table plan has no appendix intro sentence declaring targets, and every
    target its tasks serve was reported as "undeclared" (122 irregularities on the bundled plan
    rendered as one table). With nothing declared there is nothing to check against."""
    module = renderings_module()
    files = module.write(module.one_table_layout(plan, registry), tmp_path, "one", ("html",))
    out = tmp_path / "out"
    assert main(["extract", str(files["html"]), "--out", str(out), "-q"]) == 0
    with (out / "irregularities.csv").open(encoding="utf-8", newline="") as handle:
        kinds = [row["kind"] for row in csv.DictReader(handle)]
    assert "undeclared-target" not in kinds
