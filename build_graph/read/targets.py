"""The VSDG goals, targets and sub-targets a plan mentions, with their text and first line."""

from __future__ import annotations

from build_graph.model.codes import TargetCode, sort_key
from build_graph.model.plan import Appendix, TargetInfo


def collect_targets(appendices: list[Appendix]) -> dict[str, TargetInfo]:
    """Every code from headings, declarations and tasks, plus the parents up to the goal."""
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
            add(heading.code, heading.text if heading.kind == "group" else "", heading.line)
        for code in appendix.declared_targets:
            add(code, "", appendix.declared_line)
        for task in appendix.tasks:
            add(task.effective_target, "", task.line)
    return dict(sorted(found.items(), key=lambda item: sort_key(item[0])))
