"""The extraction's cross-checks, and the front of an appendix (its lead and declared targets)."""

from __future__ import annotations

import csv

import pytest

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


@pytest.mark.parametrize("name", ["Kho bạc Nhà nước khu vực III", "Tỉnh đoàn Nghệ An", "TAND tỉnh"])
def test_an_unknown_body_on_its_own_line_is_a_partner_cell_not_task_text(tmp_path, name):
    """Regression (flattened text, one cell per line): a partner cell naming a body the
    registry does not know was glued onto the task's text, and the task took the partner of
    the row above. Appendix 06, task 1.1.1: its text on line 1162, its partner cell on line
    1164, its period on line 1166. With line 1164 replaced by ``name``, the task keeps its
    text, and the name is its partner, unresolved."""
    source = ROOT / "data" / "sources" / "haiphong-2894-QD-UBND-2017.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    assert lines[1161].startswith("Tuyên truyền, phổ biến pháp luật về trật tự an toàn")
    assert lines[1163].startswith("Ban An toàn giao thông thành phố;")
    assert lines[1165].strip() == "Hàng năm"
    lines[1163] = name
    plan = tmp_path / "plan.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(plan), "--out", str(out), "-q"]) == 0
    with (out / "tasks.csv").open(encoding="utf-8", newline="") as handle:
        task = next(r for r in csv.DictReader(handle) if r["task_id"] == "A06-T1.1.1")
    assert task["text_vi"] == lines[1161].strip()
    with (out / "task_partners.csv").open(encoding="utf-8", newline="") as handle:
        partners = [r for r in csv.DictReader(handle) if r["task_id"] == "A06-T1.1.1"]
    assert [(r["raw"], r["how"], r["inherited"]) for r in partners] == [
        (name, "unresolved", "false")
    ]
