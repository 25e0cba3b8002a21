"""What an appendix says before its table: its lead (the heading "CƠ QUAN CHỦ TRÌ …", the
intro sentence "… chủ trì thực hiện các mục tiêu: …" and the appendix list, reconciled) and
the targets it declares. Shared by the text and the structured readers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from build_graph.document.model import Line
from build_graph.model.codes import TargetCode, parse_code
from build_graph.model.plan import Appendix, Irregularity
from build_graph.read.partners import Resolver
from build_graph.read.rows import TableResult

_LEAD_HEADING = re.compile(
    r"^CƠ QUAN CHỦ TRÌ(?: THỰC HIỆN)?\s*:\s*(?P<name>.+?)\.?$", re.IGNORECASE
)
INTRO = re.compile(
    r"^(?P<lead>.+?) chủ trì (?:thực hiện )?(?:các )?mục tiêu\s*:\s*(?P<codes>.+?)"
    r"(?:\s+trong Kế hoạch.*)?$",
    re.IGNORECASE,
)
_TABLE_START = re.compile(r"^(S?TT|Nhiệm vụ)$", re.IGNORECASE)
# a TT cell alone on its line ("1", "1.1.2"); not any line that starts with a digit: a PDF wraps
# the subtitle "(Kèm theo … ngày 30 tháng 10 năm" onto a line "2017)."
_TASK_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")


@dataclass
class AppendixFront:
    """What an appendix says before its table: the lead (heading, intro sentence) and targets."""

    heading_raw: str = ""
    intro_raw: str = ""
    declared: list[TargetCode] = field(default_factory=list)
    declared_line: int | None = None
    lead_line: int | None = None
    table_index: int = 0  # the first line of the table (or of what follows the front)


def read_appendix_front(
    chunk: list[Line], number: int, issues: list[Irregularity]
) -> AppendixFront:
    """The lines after "PHỤ LỤC NN" up to the table: who leads, which targets it declares."""
    front = AppendixFront()
    index = 1
    while index < len(chunk) and not _TABLE_START.match(chunk[index].text):
        text = chunk[index].text
        if (m := _LEAD_HEADING.match(text)) and not front.heading_raw:
            front.heading_raw = m["name"]
            front.lead_line = chunk[index].number
        elif (m := INTRO.match(text)) and not front.intro_raw:
            front.intro_raw = m["lead"]
            front.declared_line = chunk[index].number
            front.lead_line = front.lead_line or chunk[index].number
            for raw in m["codes"].split(","):
                code = parse_code(raw)
                if code is None:
                    issues.append(
                        Irregularity(
                            "bad-declared-code",
                            chunk[index].number,
                            f"appendix {number:02d}: {raw.strip()!r} is not a target code",
                            raw.strip(),
                            "ignored",
                        )
                    )
                elif code not in front.declared:
                    front.declared.append(code)
        elif _TASK_NUMBER.match(text):
            break  # a table without its header row: its first TT cell
        index += 1
    front.table_index = index
    return front


def new_appendix(
    chunk: list[Line], number: int, listed: dict, resolver: Resolver, issues: list[Irregularity]
) -> tuple[Appendix, AppendixFront]:
    """The appendix of a chunk, its lead reconciled from heading, intro and list."""
    front = read_appendix_front(chunk, number, issues)
    lead_id = _reconcile_lead(
        number, chunk[0].number, front.heading_raw, front.intro_raw, listed, resolver, issues
    )
    lead_line = front.lead_line
    if lead_line is None and number in listed:
        lead_line = listed[number].line
    appendix = Appendix(
        number=number,
        line=chunk[0].number,
        lead_agency_id=lead_id,
        lead_heading_raw=front.heading_raw,
        lead_intro_raw=front.intro_raw,
        declared_targets=front.declared,
        declared_line=front.declared_line,
        lead_line=lead_line,
    )
    return appendix, front


def attach_table(
    appendix: Appendix, table: TableResult, issues: list[Irregularity], line: int, heading: str
) -> None:
    """The table's rows become the appendix's headings and tasks; a missing table is flagged."""
    appendix.headings, appendix.tasks = table.headings, table.tasks
    appendix.has_header_row = table.has_header_row
    if not table.tasks:
        issues.append(
            Irregularity(
                "appendix-without-table",
                appendix.line,
                f"appendix {appendix.number:02d} has no task table",
                heading,
                "appendix kept with no tasks",
            )
        )
    elif not table.has_header_row:
        issues.append(
            Irregularity(
                "table-without-header",
                line,
                f"appendix {appendix.number:02d}: the table has no header row",
                "",
                "rows read by their TT numbers",
            )
        )


def _reconcile_lead(
    number: int,
    line: int,
    heading_raw: str,
    intro_raw: str,
    listed: dict,
    resolver: Resolver,
    issues: list[Irregularity],
) -> str:
    """The lead agency named by the heading, the intro sentence and the appendix list agree."""
    candidates: list[tuple[str, str]] = []
    for source, raw in (("heading", heading_raw), ("intro sentence", intro_raw)):
        if raw:
            mentions = resolver.resolve_cell(raw).mentions
            if mentions:
                candidates.append((source, mentions[0].agency_id))
    if number in listed:
        candidates.append(("appendix list", listed[number].agency_id))
    if not candidates:
        issues.append(
            Irregularity(
                "lead-missing", line, f"appendix {number:02d} names no lead agency", "", ""
            )
        )
        return "unresolved-lead"
    ids = {agency_id for _, agency_id in candidates}
    resolved = [c for c in candidates if not c[1].startswith("unresolved-")] or candidates
    votes = Counter(agency_id for _, agency_id in resolved)
    chosen = max(resolved, key=lambda c: votes[c[1]])  # the first of the most named wins
    if len(ids) > 1:
        issues.append(
            Irregularity(
                "lead-mismatch",
                line,
                f"appendix {number:02d}: lead agencies disagree: "
                + ", ".join(f"{source}={agency_id}" for source, agency_id in candidates),
                heading_raw or intro_raw,
                f"{chosen[1]} (named by the {chosen[0]}) is followed",
            )
        )
    return chosen[1]
