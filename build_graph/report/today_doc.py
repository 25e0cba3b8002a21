"""The report's "today" section: the plan read with the structure of 1 July 2025.

Three findings (``network/today.py``): the coordination links that became links inside one
merged body, the tasks whose lead or partners ended without a named successor, and the load
of today's bodies under the plan; each with the legal basis of the events it uses, in English
and in Vietnamese.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from build_graph.model.changes import CURATED_UNTIL
from build_graph.network.data import NetworkData
from build_graph.network.today import Basis, Today
from build_graph.report.markup import Doc
from build_graph.report.words import name, say, task_reference

CUT_OFF_EN = f"{CURATED_UNTIL:%-d %B %Y}"
CUT_OFF_VI = f"{CURATED_UNTIL:%d/%m/%Y}"


def _label(data: NetworkData, iri: str, lang: str) -> str:
    """Today's body by its name: it is no unit of the plan's networks (no explorer link)."""
    return data.agent(iri).label(lang)


def _bases(bases: set[Basis] | tuple[Basis, ...]) -> str:
    """Each event's id as code, its day, each legal document and its day of issue."""
    ordered = sorted(bases, key=lambda b: (b.day, b.event_id, b.document))
    events: dict[tuple[str, str], list[Basis]] = defaultdict(list)
    for basis in ordered:
        events[(basis.event_id, basis.day)].append(basis)
    return "; ".join(
        f"`{event_id}` ({_day(day)}): "
        + ", ".join(f"{b.document} ({_day(b.issued)})" for b in group)
        for (event_id, day), group in events.items()
    )


def _day(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def today_section(doc: Doc, today: Today, data: NetworkData, lang: str) -> None:
    """The section, or nothing for a graph without change events (built before them)."""
    if today.empty:
        return
    doc.h(2, say(lang, "Who holds these tasks today", "Ai đang giữ các nhiệm vụ này hôm nay"))
    moved = len(today.holdings)
    doc.p(
        say(
            lang,
            f"The plan is read with the structure of {CUT_OFF_EN}: the curated, verified change "
            "events of `data/changes/` (the 2025 mergers of departments, the merger of Hải "
            "Phòng and Hải Dương, the end of the district level). "
            f"{moved} of the plan's agencies no longer hold all their functions themselves. "
            "Each item gives the legal basis of the events it uses: the event, its effective "
            "day, each legal document and the day it was issued. Unverified events are left "
            "out (`data/changes/README.md`).",
            f"Kế hoạch được đọc theo cơ cấu tổ chức ngày {CUT_OFF_VI}: các sự kiện thay đổi tổ "
            "chức đã được tổng hợp và xác minh trong `data/changes/` (việc hợp nhất các sở năm "
            "2025, việc hợp nhất Hải Phòng và Hải Dương, việc kết thúc cấp huyện). "
            f"{moved} cơ quan của kế hoạch không còn tự giữ toàn bộ chức năng của mình. Mỗi mục "
            "nêu căn cứ pháp lý của các sự kiện được dùng: sự kiện, ngày có hiệu lực, từng văn "
            "bản và ngày ban hành. Các sự kiện chưa xác minh không được dùng "
            "(`data/changes/README.md`).",
        )
    )
    _internal(doc, today, data, lang)
    _ended(doc, today, data, lang)
    _loads(doc, today, data, lang)


def _internal(doc: Doc, today: Today, data: NetworkData, lang: str) -> None:
    doc.h(
        3,
        say(
            lang,
            "Coordination links that became internal to one body",
            "Liên kết phối hợp trở thành liên kết nội bộ của một cơ quan",
        ),
    )
    links = today.internal
    if not links:
        doc.p(say(lang, "None.", "Không có."))
        return
    tasks = len({link.task.iri for link in links})
    doc.p(
        say(
            lang,
            f"{len(links)} lead→partner links, on {tasks} tasks, now join two parts of one body: "
            "the remaining functions of the lead and of the partner are held by the same body.",
            f"{len(links)} liên kết chủ trì → phối hợp, ở {tasks} nhiệm vụ, nay nối hai bộ phận "
            "của cùng một cơ quan: chức năng còn lại của cơ quan chủ trì và của đơn vị phối hợp "
            "do cùng một cơ quan nắm giữ.",
        )
    )
    pairs: Counter[tuple[str, str, str]] = Counter(
        (link.body, link.lead, link.partner) for link in links
    )
    bases: dict[tuple[str, str, str], set[Basis]] = defaultdict(set)
    for link in links:
        bases[(link.body, link.lead, link.partner)] |= set(link.bases)
    doc.table(
        say(
            lang,
            "body today|lead (2017)|partner (2017)|links|legal basis",
            "cơ quan hiện nay|cơ quan chủ trì (2017)|đơn vị phối hợp (2017)|số liên kết|"
            "căn cứ pháp lý",
        ).split("|"),
        [
            [
                _label(data, body, lang),
                name(data, lead, lang),
                name(data, partner, lang),
                count,
                _bases(bases[(body, lead, partner)]),
            ]
            for (body, lead, partner), count in sorted(pairs.items(), key=lambda i: (-i[1], i[0]))
        ],
    )
    inner = Doc(lang=lang)
    inner.table(
        say(
            lang,
            "task|lead (2017)|partner (2017)|body today",
            "nhiệm vụ|cơ quan chủ trì (2017)|đơn vị phối hợp (2017)|cơ quan hiện nay",
        ).split("|"),
        [
            [
                task_reference(link.task, lang),
                name(data, link.lead, lang),
                name(data, link.partner, lang),
                _label(data, link.body, lang),
            ]
            for link in links
        ],
    )
    doc.details(say(lang, f"The {len(links)} links", f"{len(links)} liên kết"), inner)


def _ended(doc: Doc, today: Today, data: NetworkData, lang: str) -> None:
    doc.h(
        3,
        say(
            lang,
            "Tasks whose lead or partners ended without a named successor",
            "Nhiệm vụ có cơ quan chủ trì hoặc đơn vị phối hợp đã kết thúc mà không có cơ quan "
            "kế thừa được nêu",
        ),
    )
    found = today.ended_tasks
    if not found:
        doc.p(say(lang, "None.", "Không có."))
        return
    tasks = len({e.task.iri for e in found})
    doc.p(
        say(
            lang,
            f"{tasks} tasks, whose period runs past the day their lead or a partner ended, "
            "name a body that ended with no holder of its functions named by a verified event. "
            "A span of years runs past that day unless it ends in an earlier year; a named "
            "period (yearly, regular) and a task with no period run with the plan, to 2030.",
            f"{tasks} nhiệm vụ, có thời gian thực hiện kéo dài quá ngày cơ quan chủ trì hoặc một "
            "đơn vị phối hợp kết thúc, nêu một cơ quan đã kết thúc mà không sự kiện đã xác minh "
            "nào nêu cơ quan giữ chức năng của nó. Một giai đoạn kéo dài quá ngày đó trừ khi kết "
            "thúc trong một năm trước đó; thời gian được nêu theo loại (hằng năm, thường xuyên) "
            "và nhiệm vụ không nêu thời gian kéo dài theo kế hoạch, đến năm 2030.",
        )
    )
    by_agency: dict[str, list[str]] = defaultdict(list)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for item in found:
        by_agency[item.agency].append(item.task.task_id)
        roles[item.agency][item.role] += 1
    rows = []
    for agency in sorted(by_agency, key=lambda a: (-len(by_agency[a]), a)):
        end = today.ended[agency]
        rows.append(
            [
                name(data, agency, lang),
                roles[agency]["lead"],
                roles[agency]["partner"],
                _day(end.day),
                _bases(end.bases),
            ]
        )
    doc.table(
        say(
            lang,
            "agency (2017)|as lead|as partner|ended on|legal basis",
            "cơ quan (2017)|chủ trì|phối hợp|kết thúc ngày|căn cứ pháp lý",
        ).split("|"),
        rows,
    )
    inner = Doc(lang=lang)
    inner.ul(
        [
            f"{name(data, agency, lang)}: " + ", ".join(sorted(set(ids)))
            for agency, ids in sorted(by_agency.items())
        ]
    )
    doc.details(say(lang, f"The {tasks} tasks", f"{tasks} nhiệm vụ"), inner)


def _loads(doc: Doc, today: Today, data: NetworkData, lang: str) -> None:
    doc.h(
        3,
        say(
            lang,
            "The load of today's bodies under the 2017 plan",
            "Khối lượng nhiệm vụ của các cơ quan hiện nay theo kế hoạch năm 2017",
        ),
    )
    doc.p(
        say(
            lang,
            "Each body that took over a 2017 agency: the 2017 agencies whose remaining "
            "functions it holds (principal successor) and those it holds named functions of, "
            "and the 2017 tasks it now leads or supports (its own and those of the agencies "
            "whose remaining functions it holds).",
            "Mỗi cơ quan đã tiếp nhận một cơ quan năm 2017: các cơ quan năm 2017 mà nó giữ phần "
            "chức năng còn lại (cơ quan kế thừa chính), các cơ quan mà nó giữ một số chức năng "
            "được nêu, và các nhiệm vụ năm 2017 mà nó nay chủ trì hoặc phối hợp (của chính nó và "
            "của các cơ quan mà nó giữ phần chức năng còn lại).",
        )
    )
    doc.table(
        say(
            lang,
            "body today|holds the rest of|holds named functions of|tasks led|tasks as partner|"
            "legal basis",
            "cơ quan hiện nay|giữ phần còn lại của|giữ một số chức năng của|nhiệm vụ chủ trì|"
            "nhiệm vụ phối hợp|căn cứ pháp lý",
        ).split("|"),
        [
            [
                _label(data, load.body, lang),
                ", ".join(name(data, a, lang) for a in sorted(load.formerly)) or "–",
                ", ".join(name(data, a, lang) for a in sorted(load.named)) or "–",
                len(load.led),
                len(load.partner),
                _bases(load.bases),
            ]
            for load in today.loads
        ],
    )
