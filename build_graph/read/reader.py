"""Read a plan document into the typed model: the one entry point of extraction."""

from __future__ import annotations

from pathlib import Path

from build_graph.document import read_document
from build_graph.document.model import Line
from build_graph.errors import InputError
from build_graph.model.agencies import Registry
from build_graph.model.plan import Appendix, Irregularity, Plan
from build_graph.read.appendix_front import attach_table, new_appendix
from build_graph.read.body import appendix_number, locate_body
from build_graph.read.cross_checks import cross_check, find_truncation
from build_graph.read.front_matter import parse_appendix_list, parse_metadata
from build_graph.read.partners import Resolver
from build_graph.read.structured import read_structured_plan
from build_graph.read.targets import collect_targets
from build_graph.read.text_table import TableReader, TableResult


def read_plan(
    path: str | Path, registry: Registry | None = None, resolver: Resolver | None = None
) -> Plan:
    """Extract a plan from a document in any supported format; :class:`InputError` when the
    file cannot be read or holds no plan."""
    resolver = resolver or Resolver(registry or Registry.load())
    document = read_document(path)
    if document.format != "text":
        return read_structured_plan(document, resolver)
    lines = [block for block in document.blocks if isinstance(block, Line)]
    plan = read_plan_lines(lines, str(path), resolver)
    for note in document.notes:
        plan.irregularities.insert(0, Irregularity("encoding-repaired", None, note, "", "read"))
    return plan


def read_plan_lines(lines: list[Line], source: str, resolver: Resolver) -> Plan:
    body = locate_body(lines)
    issues: list[Irregularity] = []
    starts = [i for i, line in enumerate(body.lines) if appendix_number(line.text) is not None]
    if not starts:
        where = body.lines[0].number if body.lines else None
        raise InputError(source, "holds no plan: no appendix ('PHỤ LỤC NN') was found", where)
    front = body.lines[: starts[0]]
    metadata = parse_metadata(front, issues)
    resolver = resolver.for_plan(metadata)  # names are matched within the plan's province
    appendix_list = parse_appendix_list(front, resolver, issues)
    listed = {entry.appendix: entry for entry in appendix_list}
    appendices: list[Appendix] = []
    seen: dict[int, int] = {}
    mentions = []
    last_table = None
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(body.lines)
        chunk = body.lines[start:end]
        number = appendix_number(chunk[0].text) or 0
        if number in seen:
            issues.append(
                Irregularity(
                    "duplicate-appendix",
                    chunk[0].number,
                    f"appendix {number:02d} appears again (first at line {seen[number]})",
                    chunk[0].text,
                    "the second copy is ignored",
                )
            )
            continue
        seen[number] = chunk[0].number
        appendix, table = _read_appendix(chunk, number, listed, resolver, issues)
        appendices.append(appendix)
        mentions.extend(table.agency_mentions)
        last_table = table
    find_truncation(source, body, appendices, appendix_list, last_table, issues)
    targets = collect_targets(appendices)
    cross_check(appendices, appendix_list, resolver.registry, mentions, issues)
    return Plan(
        source=source,
        metadata=metadata,
        appendix_list=appendix_list,
        appendices=appendices,
        targets=targets,
        irregularities=issues,
        body_first_line=body.lines[0].number,
        body_last_line=body.lines[-1].number,
        junk_lines=body.header_junk + body.footer_junk,
        line_texts={line.number: line.text for line in body.lines},
    )


def _read_appendix(
    chunk: list[Line],
    number: int,
    listed: dict,
    resolver: Resolver,
    issues: list[Irregularity],
) -> tuple[Appendix, TableResult]:
    appendix, front = new_appendix(chunk, number, listed, resolver, issues)
    index = front.table_index
    table = TableReader(appendix, resolver, issues).read(chunk[index:])
    line = chunk[index].number if index < len(chunk) else chunk[0].number
    attach_table(appendix, table, issues, line, chunk[0].text)
    return appendix, table
