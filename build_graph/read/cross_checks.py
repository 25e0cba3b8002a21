"""Checks across the whole plan: truncation, missing appendices, coverage and duplicates."""

from __future__ import annotations

import re
from collections import defaultdict

from build_graph.errors import InputError
from build_graph.model.agencies import Registry, agency_key, initials_of, prefixed_keys
from build_graph.model.plan import Appendix, AppendixListEntry, Irregularity, PartnerMention
from build_graph.read.body import Body


def find_truncation(
    source: str,
    body: Body,
    appendices: list[Appendix],
    appendix_list: list[AppendixListEntry],
    last_table: object,
    issues: list[Irregularity],
) -> None:
    """A document cut mid-table is refused; truncation is judged by the document's end.

    Where the page's end is there (the site's footer after the document), an unfinished last
    row or a last heading with no task is the plan's own gap: a warning and a finding. Without
    that end, they mean the copy was cut, and the input is refused."""
    if last_table is None:
        return
    incomplete = getattr(last_table, "ends_incomplete", None)
    last = appendices[-1]
    open_heading = bool(last.headings) and (
        not last.tasks or last.headings[-1].line > last.tasks[-1].line
    )
    if body.footer_seen:
        if open_heading:
            heading = last.headings[-1]
            issues.append(
                Irregularity(
                    "heading-without-tasks",
                    heading.line,
                    f"appendix {last.number:02d} ends with {heading.code.code}, no task under it",
                    heading.code.raw,
                    "kept as a target the plan lists without tasks (the document ends properly)",
                )
            )
        return
    if incomplete is not None:
        raise InputError(
            source, "document ends mid-table: the last row has no task text", incomplete
        )
    if open_heading:
        raise InputError(
            source,
            f"document ends mid-table: appendix {last.number:02d} stops after a heading "
            "with no task, and the page's end is missing",
            last.headings[-1].line,
        )
    listed = sorted(entry.appendix for entry in appendix_list)
    if listed and last.number < listed[-1] and last.number in listed:
        raise InputError(
            source,
            f"document ends after appendix {last.number:02d} of {listed[-1]:02d} "
            "with no end-of-page marker: it looks cut",
            body.lines[-1].number,
        )


def cross_check(
    appendices: list[Appendix],
    appendix_list: list[AppendixListEntry],
    registry: Registry,
    mentions: list[tuple[PartnerMention, int]],
    issues: list[Irregularity],
) -> None:
    _missing_appendices(appendices, appendix_list, issues)
    _coverage(appendices, issues)
    _declared_twice(appendices, issues)
    _identical_texts(appendices, issues)
    _agency_spellings(appendices, registry, mentions, issues)


def _missing_appendices(
    appendices: list[Appendix], appendix_list: list[AppendixListEntry], issues: list[Irregularity]
) -> None:
    found = {appendix.number for appendix in appendices}
    for entry in appendix_list:
        if entry.appendix not in found:
            issues.append(
                Irregularity(
                    "missing-appendix",
                    entry.line,
                    f"appendix {entry.appendix:02d} ({entry.raw_name}) is listed but absent",
                    entry.raw_name,
                    "read without it",
                )
            )
    listed = {entry.appendix for entry in appendix_list}
    for appendix in appendices:
        if appendix_list and appendix.number not in listed:
            issues.append(
                Irregularity(
                    "unlisted-appendix",
                    appendix.line,
                    f"appendix {appendix.number:02d} is not in the appendix list",
                    "",
                    "read all the same",
                )
            )


def _coverage(appendices: list[Appendix], issues: list[Irregularity]) -> None:
    """Declared targets against the targets the tasks serve."""
    for appendix in appendices:
        direct = {task.effective_target.code for task in appendix.tasks}
        groups = {task.target.code for task in appendix.tasks}
        for code in appendix.declared_targets:
            if code.code in direct:
                continue
            ancestors = []
            parent = code.parent
            while parent:
                ancestors.append(parent)
                parent = parent.rsplit(".", 1)[0] if "." in parent else None
            via = next((a for a in ancestors if a in groups), None)
            if via:
                issues.append(
                    Irregularity(
                        "declared-covered-by-parent",
                        appendix.declared_line,
                        f"appendix {appendix.number:02d}: declared {code.code} has no task of its "
                        f"own; its tasks are filed under {via}",
                        code.raw,
                        f"tasks kept under {via}; {code.code} counted as covered through {via}",
                    )
                )
            else:
                issues.append(
                    Irregularity(
                        "declared-without-tasks",
                        appendix.declared_line,
                        f"appendix {appendix.number:02d}: declared target {code.code} has no task",
                        code.raw,
                        "reported as a gap",
                    )
                )
        declared = {c.code for c in appendix.declared_targets}
        if not declared:
            # no intro sentence (a one-table plan, or one the reader missed): said once, not
            # once per target served
            issues.append(
                Irregularity(
                    "no-declared-targets",
                    appendix.line,
                    f"appendix {appendix.number:02d}: no intro sentence declares its targets; "
                    f"its tasks serve {len(direct)}",
                    "",
                    "tasks kept; nothing to check them against",
                )
            )
            continue
        for served in sorted(direct):
            family = {served, served.rsplit(".", 1)[0]} if "." in served else {served}
            if not family & declared and not any(d.startswith(served + ".") for d in declared):
                line = next(t.line for t in appendix.tasks if t.effective_target.code == served)
                issues.append(
                    Irregularity(
                        "undeclared-target",
                        line,
                        f"appendix {appendix.number:02d}: tasks serve {served}, which the intro "
                        "sentence does not declare",
                        served,
                        "kept",
                    )
                )


def _declared_twice(appendices: list[Appendix], issues: list[Irregularity]) -> None:
    by_code: dict[str, list[Appendix]] = defaultdict(list)
    for appendix in appendices:
        for code in appendix.declared_targets:
            by_code[code.code].append(appendix)
    for notation, owners in sorted(by_code.items()):
        if len(owners) > 1:
            issues.append(
                Irregularity(
                    "declared-by-several",
                    owners[1].declared_line,
                    f"target {notation} is declared by appendices "
                    + ", ".join(f"{a.number:02d}" for a in owners),
                    notation,
                    "each appendix keeps its own tasks; the overlap is a finding",
                )
            )


_NON_WORD = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    """Task texts compared without case, spacing and punctuation."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _identical_texts(appendices: list[Appendix], issues: list[Irregularity]) -> None:
    groups: dict[str, list] = defaultdict(list)
    for appendix in appendices:
        for task in appendix.tasks:
            groups[text_key(task.text)].append(task)
    for tasks in groups.values():
        if len(tasks) > 1:
            issues.append(
                Irregularity(
                    "identical-task-text",
                    tasks[1].line,
                    "identical task text: "
                    + ", ".join(f"{t.task_id} (line {t.line})" for t in tasks),
                    tasks[0].text[:100],
                    "each kept as its own task",
                )
            )


def _same_name(raw: str, name: str, registry: Registry) -> bool:
    """An item of a list ("Các Sở: Tư pháp") is no variant of its agency ("Sở Tư pháp"), nor is
    a name with the province's initials for its name ("… HP" in Hải Phòng's plan)."""
    key = agency_key(name)
    if key in prefixed_keys(raw):
        return True
    initials = initials_of(registry.place)
    if not initials:
        return False
    spelled = re.sub(rf"\b{re.escape(initials)}\b", registry.place, raw)
    return spelled != raw and key in prefixed_keys(spelled)


def _agency_spellings(
    appendices: list[Appendix],
    registry: Registry,
    mentions: list[tuple[PartnerMention, int]],
    issues: list[Irregularity],
) -> None:
    """Each name read by a compound, a close spelling, a known typo or a variant, once per
    (agency, spelling); then the appendix leads written with a typo."""
    seen: set[tuple[str, str]] = set()
    for mention, line in mentions:
        key = (
            ("compound", mention.raw)
            if mention.how == "compound"
            else (mention.agency_id, mention.raw)
        )
        if key in seen:
            continue
        issue = _mention_issue(mention, line, registry)
        if issue is not None or mention.how != "compound":
            seen.add(key)
        if issue is not None:
            issues.append(issue)
    issues.extend(_lead_typos(appendices, registry))


def _mention_issue(mention: PartnerMention, line: int, registry: Registry) -> Irregularity | None:
    """What is irregular about how one name was read, if anything."""
    if mention.how == "compound":
        compound = registry.compound_for(mention.raw)
        if not compound:
            return None
        return Irregularity(
            "compound-name",
            line,
            f"{mention.raw!r} names {len(compound.agency_ids)} agencies at once",
            mention.raw,
            f"{', '.join(compound.agency_ids)}: {compound.reading}",
        )
    agency = registry.agencies.get(mention.agency_id)
    if mention.how == "unresolved":
        nearest = registry.nearest(mention.raw)
        hint = f" (nearest: {nearest.name_vi})" if nearest else ""
        return Irregularity(
            "unresolved-partner",
            line,
            f"partner {mention.raw!r} matches no agency of the registry{hint}",
            mention.raw,
            f"kept as unresolved agent {mention.agency_id}"
            + (f"; nearest type: {nearest.agency_id}" if nearest else ""),
        )
    if agency is None:
        return None
    resolved = f"resolved to {agency.agency_id}"
    if mention.how == "fuzzy":
        message = f"{mention.raw!r} read as {agency.name_vi!r} by close spelling"
        return Irregularity("typo", line, message, mention.raw, resolved)
    if registry.is_typo(agency.agency_id, mention.raw):
        message = f"{mention.raw!r} is a misspelling of {agency.name_vi!r}"
        return Irregularity("typo", line, message, mention.raw, resolved)
    if not _same_name(mention.raw, agency.name_vi, registry):
        message = f"{mention.raw!r} names {agency.name_vi!r}"
        return Irregularity("variant-spelling", line, message, mention.raw, resolved)
    return None


def _lead_typos(appendices: list[Appendix], registry: Registry) -> list[Irregularity]:
    found: list[Irregularity] = []
    for appendix in appendices:
        for raw in (appendix.lead_heading_raw, appendix.lead_intro_raw):
            agency = registry.agencies.get(appendix.lead_agency_id)
            if agency and raw and registry.is_typo(agency.agency_id, raw):
                found.append(
                    Irregularity(
                        "typo",
                        appendix.line,
                        f"appendix {appendix.number:02d}: lead written {raw!r}",
                        raw,
                        f"resolved to {agency.agency_id}",
                    )
                )
    return found
