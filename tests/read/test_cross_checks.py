"""The extraction's cross-checks, and the front of an appendix (its lead and declared targets)."""

from __future__ import annotations

import csv

from build_graph.cli import main
from tests.conftest import ROOT
from tests.read.test_formats import renderings_module


def test_a_plan_with_no_intro_sentence_has_no_undeclared_target_noise(plan, registry, tmp_path):
    """Regression: a one-table plan has no appendix intro sentence declaring targets, and every
    target its tasks serve was reported as "undeclared" (122 irregularities on the bundled plan
    rendered as one table). With nothing declared there is nothing to check against: that is
    said once per appendix, which keeps the signal where a reader missed an intro sentence."""
    module = renderings_module()
    files = module.write(module.one_table_layout(plan, registry), tmp_path, "one", ("html",))
    out = tmp_path / "out"
    assert main(["extract", str(files["html"]), "--out", str(out), "-q"]) == 0
    with (out / "irregularities.csv").open(encoding="utf-8", newline="") as handle:
        kinds = [row["kind"] for row in csv.DictReader(handle)]
    assert "undeclared-target" not in kinds
    with (out / "appendices.csv").open(encoding="utf-8", newline="") as handle:
        appendices = list(csv.DictReader(handle))
    assert not any(row["declared_targets"] for row in appendices)
    assert kinds.count("no-declared-targets") == len(appendices)  # said once per section


def test_a_wrapped_subtitle_line_does_not_end_an_appendix_front(tmp_path):
    """Regression: in tests/heldout/heldout-appendices.pdf the subtitle "(Kèm theo … ngày 30
    tháng10 năm" wraps onto a line "2017)." (page 1, line 26 of the PDF's text). A line starting
    with a digit was taken for a header-less table's first TT cell, so the intro sentence below
    it ("Công an thành phố chủ trì thực hiện các mục tiêu: 3.5.c, 10.6, …") was never read:
    no appendix declared a target, as the HTML rendering of the same plan does."""
    from build_graph.document.reading import read_document

    pdf = ROOT / "tests" / "heldout" / "heldout-appendices.pdf"
    texts = [line.text for line in read_document(pdf).lines()]
    assert "2017)." in texts
    declared = {}
    for fmt in ("pdf", "html"):
        out = tmp_path / fmt
        source = ROOT / "tests" / "heldout" / f"heldout-appendices.{fmt}"
        assert main(["extract", str(source), "--out", str(out), "-q"]) == 0
        with (out / "appendices.csv").open(encoding="utf-8", newline="") as handle:
            declared[fmt] = {r["appendix"]: r["declared_targets"] for r in csv.DictReader(handle)}
    assert declared["pdf"] == declared["html"]
    assert declared["pdf"]["2"] == "3.5.c;10.6;16.1;16.2.b;16.4;16.8"
