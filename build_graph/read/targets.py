"""The VSDG goals, targets and sub-targets a plan mentions, with their text and first line."""

from __future__ import annotations

from build_graph.model.codes import TargetCode, sort_key
from build_graph.model.plan import Appendix, TargetInfo

# headings whose text is the target's: a group row ("Mục tiêu 3.5: …") and a numbered
# sub-target row ("1.1 | Mục tiêu 3.5.a: | Triển khai …", Hải Phòng's appendix 06)
TEXT_HEADINGS = frozenset({"group", "numbered-subtarget"})


def collect_targets(appendices: list[Appendix]) -> dict[str, TargetInfo]:
    """Every code from headings, declarations and tasks, plus the parents up to the goal.

    A target's text is the first non-empty one of its headings, in document order. A code
    printed under several headings with different texts (Hải Phòng's 3.5.b, rows 1.2 and 1.3
    of appendix 06) keeps the first; every heading's own text stays in headings.csv."""
    found: dict[str, TargetInfo] = {}

    def add(code: TargetCode, text: str, line: int | None) -> None:
        current = found.get(code.code)
        if current is None or (text and not current.text_vi):
            found[code.code] = TargetInfo(code.code, code.level, code.parent, text, line)
        parent = code.parent
        while parent is not None:
            parent_code = TargetCode(parent)
            if parent not in found:
                found[parent] = TargetInfo(parent, parent_code.level, parent_code.parent, "", None)
            parent = parent_code.parent

    for appendix in appendices:
        for heading in appendix.headings:
            add(heading.code, heading.text if heading.kind in TEXT_HEADINGS else "", heading.line)
        for code in appendix.declared_targets:
            add(code, "", appendix.declared_line)
        for task in appendix.tasks:
            add(task.effective_target, "", task.line)
    return dict(sorted(found.items(), key=lambda item: sort_key(item[0])))
