"""The report's findings sections: accountability (on the first screen), the named measures in
both readings of merged cells, where the readings change ranks, sensitivity and stability,
communities, and the ambiguous readings with their effect; in English or Vietnamese."""

from __future__ import annotations

from typing import Any

from build_graph.network.accountability import Accountability, Delegation
from build_graph.network.analysis import Analysis
from build_graph.network.communities import CommunityFindings
from build_graph.network.data import NetworkData
from build_graph.network.measures import AgencyMeasures
from build_graph.network.readings import (
    AMBIGUITIES,
    INHERITED,
    READINGS,
    WRITTEN,
    affected_tasks,
)
from build_graph.network.sensitivity import GRID, rank_changes, top_units, weightings
from build_graph.report.markup import Doc, in_lang, unit_link
from build_graph.report.measure_texts import MEASURE_BY_COLUMN, MEASURES, MeasureText
from build_graph.report.words import (
    alternative_name,
    ambiguity_why,
    kind_name,
    period_combination,
    reading_title,
    registry_link,
    say,
    task_text,
)
from build_graph.report.words import name as unit_name

TOP_MEASURE = 5
TOP_RANGES = 15
# Vietnamese phrases quoted in English sentences, marked as Vietnamese in the HTML
VAGUE_EXAMPLE = in_lang("vi", '"Các đơn vị có liên quan"')
VAGUE_OTHER = in_lang("vi", '"Các Sở, Ban, Ngành"')
COLLECTIVE_EXAMPLES = (
    in_lang("vi", '"UBND các quận, huyện"')
    + ", "
    + in_lang("vi", '"Các tổ chức chính trị - xã hội"')
)


def name(data: NetworkData, iri: str, lang: str) -> str:
    return unit_name(data, iri, lang)


def pct(part: int, whole: int, lang: str = "en") -> str:
    if not whole:
        return f"{part}"
    of = "trên" if lang == "vi" else "of"
    return f"{part} {of} {whole} ({100 * part / whole:.0f} %)"


def value_text(measure: MeasureText, row: AgencyMeasures, data: NetworkData, lang: str) -> str:
    """A measure's value as the report prints it; a concentration names its partner."""
    value = row.value(measure.column)
    if value is None:
        return "–"
    if measure.column == "concentration" and row.top_partner:
        return f"{100 * value:.0f} %, {name(data, row.top_partner, lang)}"
    if measure.percent:
        return f"{100 * value:.0f} %"
    if isinstance(value, float):
        return f"{value:.3f}" if measure.column == "brokerage" else f"{value:.1f}"
    return str(value)


# -- first screen ------------------------------------------------------------------------------
def accountability_glance(analysis: Analysis, lang: str) -> list[str]:
    """The accountability finding in three lines, for the report's first screen."""
    found = analysis.findings
    assert found is not None
    acc, data = found.accountability, analysis.data
    inherited, written = acc.profile(INHERITED), acc.profile(WRITTEN)
    share = pct(inherited.only_aggregate, inherited.tasks, lang)
    lines = [
        say(
            lang,
            f"**Accountability: {share} tasks name only "
            "vague or collective partners** (no named agency shares the work); "
            f"{inherited.only_vague} name only vague ones ({VAGUE_EXAMPLE}…), and "
            f"{inherited.none} name no partner at all. Read as written on each row (merged cells "
            f"not inherited): {written.only_aggregate}, {written.only_vague} and {written.none}.",
            f"**Trách nhiệm giải trình: {share} nhiệm vụ chỉ nêu đơn vị phối hợp chung chung "
            "hoặc tập thể** (không có cơ quan cụ thể nào cùng chịu trách nhiệm); "
            f'{inherited.only_vague} nhiệm vụ chỉ nêu đơn vị chung chung ("Các đơn vị có liên '
            f'quan"…), và {inherited.none} nhiệm vụ không nêu đơn vị phối hợp nào. Nếu chỉ đọc '
            f"những gì ghi trên từng dòng (không kế thừa ô gộp): {written.only_aggregate}, "
            f"{written.only_vague} và {written.none}.",
        ),
    ]
    shares = [d for d in acc.delegation if d.tasks_led]
    if shares:
        inherited_range = _delegation_range(shares, INHERITED, data, lang)
        written_range = _delegation_range(shares, WRITTEN, data, lang)
        lines.append(
            say(
                lang,
                "Vertical delegation: the share of a lead's tasks handed to district or commune "
                f"People's Committees ranges from {inherited_range}; read as written on each "
                f"row, from {written_range}.",
                "Giao xuống cấp dưới: tỷ lệ nhiệm vụ của một cơ quan chủ trì được giao cho Ủy ban "
                f"nhân dân cấp huyện hoặc cấp xã dao động từ {inherited_range}; nếu chỉ đọc "
                f"những gì ghi trên từng dòng, từ {written_range}.",
            )
        )
    links = sum(len(t.partners) for t in data.tasks.values())
    inherited_links = sum(len(t.inherited) for t in data.tasks.values())
    lines.append(
        say(
            lang,
            f"Merged cells: {pct(inherited_links, links)} partner links are inherited from a "
            "merged cell printed above the task's row, not written on it; every measure below "
            "is given both ways.",
            f"Ô gộp: {pct(inherited_links, links, lang)} liên kết phối hợp được kế thừa từ một ô "
            "gộp in phía trên dòng nhiệm vụ, không ghi trên chính dòng đó; mọi thước đo dưới "
            "đây đều được tính theo cả hai cách.",
        )
    )
    if acc.horizon:
        whole = pct(len(acc.whole_horizon), len(data.tasks), lang)
        first, last = acc.horizon
        by_text = "; ".join(
            f"{period_combination(label, lang)}: {n}"
            for label, n in acc.whole_horizon_by_text.most_common()
        )
        lines.append(
            say(
                lang,
                f"{whole} tasks run over the whole {first}–{last} horizon, with no end of their "
                f"own before {last} ({by_text}); {len(acc.without_period)} give no period.",
                f"{whole} nhiệm vụ kéo dài suốt giai đoạn {first}–{last}, không có mốc kết thúc "
                f"riêng trước năm {last} ({by_text}); {len(acc.without_period)} nhiệm vụ không "
                "ghi giai đoạn.",
            )
        )
    return lines


def _delegation_range(shares: list[Delegation], reading: str, data: NetworkData, lang: str) -> str:
    """ "100 % (6 leads, among them …) to 3 % (…)": the highest and lowest shares of one reading,
    with how many leads share each end."""

    def end(value: float) -> str:
        leads = sorted(
            (d for d in shares if d.share(reading) == value),
            key=lambda d: name(data, d.lead, lang),
        )
        first = name(data, leads[0].lead, lang)
        if len(leads) == 1:
            handed, led = leads[0].delegated[reading], leads[0].tasks_led
            part = say(lang, f"{handed} of {led}", f"{handed} trên {led}")
            return f"{100 * value:.0f} % ({first}, {part})"
        return say(
            lang,
            f"{100 * value:.0f} % ({len(leads)} leads, among them {first})",
            f"{100 * value:.0f} % ({len(leads)} cơ quan chủ trì, trong đó có {first})",
        )

    values = [d.share(reading) for d in shares]
    to = say(lang, " to ", " đến ")
    return end(max(values)) + to + end(min(values))


# -- accountability ----------------------------------------------------------------------------
def _profile_rows(acc: Accountability, lang: str, plan: str = "") -> list[list[Any]]:
    def cells(label: str, pick: Any) -> list[Any]:
        return [label] + [
            pct(pick(acc.profiles[r][plan]), acc.profiles[r][plan].tasks, lang) for r in READINGS
        ]

    return [
        cells(say(lang, "no partner at all", "không có đơn vị phối hợp"), lambda p: p.none),
        cells(say(lang, "only vague partners", "chỉ đơn vị chung chung"), lambda p: p.only_vague),
        cells(
            say(lang, "only vague or collective partners", "chỉ đơn vị chung chung hoặc tập thể"),
            lambda p: p.only_aggregate,
        ),
        cells(
            say(lang, "at least one named agency", "ít nhất một cơ quan cụ thể"), lambda p: p.named
        ),
    ]


def accountability_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    acc, data = found.accountability, analysis.data
    doc.h(2, say(lang, "Accountability", "Trách nhiệm giải trình"))
    doc.p(
        say(
            lang,
            f"Who shares each task. Vague units name no one ({VAGUE_EXAMPLE}, {VAGUE_OTHER}); "
            "collective units name a group without saying which member acts "
            f"({COLLECTIVE_EXAMPLES}). A task whose partners "
            "are all of these has no named agency answerable with its lead. Counts are given in "
            "both readings of merged cells: *written* (only what is printed on the task's row) "
            "and *inherited* (with the partners of a merged cell above).",
            'Ai cùng chia sẻ từng nhiệm vụ. Đơn vị chung chung không nêu ai cụ thể ("Các đơn vị '
            'có liên quan", "Các Sở, Ban, Ngành"); đơn vị tập thể nêu một nhóm mà không nói '
            'thành viên nào thực hiện ("UBND các quận, huyện", "Các tổ chức chính trị - xã '
            'hội"). Nhiệm vụ mà mọi đơn vị phối hợp đều thuộc hai loại này thì không có cơ quan '
            "cụ thể nào cùng chịu trách nhiệm với cơ quan chủ trì. Số liệu được nêu theo cả hai "
            "cách đọc ô gộp: *ghi trực tiếp* (chỉ những gì in trên dòng của nhiệm vụ) và *kế "
            "thừa* (kể cả đơn vị phối hợp của ô gộp phía trên).",
        )
    )
    doc.table(
        [say(lang, "tasks", "nhiệm vụ"), *(reading_title(r, lang) for r in READINGS)],
        _profile_rows(acc, lang),
    )
    doc.h(3, say(lang, "Vertical delegation per lead", "Giao xuống cấp dưới theo cơ quan chủ trì"))
    doc.p(
        say(
            lang,
            "Share of each lead's tasks that name district- or commune-level People's Committees "
            "(kinds district-collective, commune-collective, district-committee).",
            "Tỷ lệ nhiệm vụ của mỗi cơ quan chủ trì có nêu Ủy ban nhân dân cấp huyện hoặc cấp xã "
            "(các loại `district-collective`, `commune-collective`, `district-committee`).",
        )
    )
    doc.table(
        say(
            lang,
            "lead|tasks led|written|inherited",
            "cơ quan chủ trì|nhiệm vụ chủ trì|ghi trực tiếp|kế thừa",
        ).split("|"),
        _delegation_rows(acc, data, lang),
    )
    _periods(doc, acc, data, lang)
    doc.h(3, say(lang, "Collective and vague units", "Đơn vị tập thể và chung chung"))
    doc.p(
        say(
            lang,
            "These units are kept out of every agency ranking: they are not agencies one can "
            "hold to account. Tasks naming each:",
            "Các đơn vị này không được xếp hạng cùng các cơ quan: không thể yêu cầu chúng giải "
            "trình như một cơ quan. Số nhiệm vụ nêu từng đơn vị:",
        )
    )
    doc.table(
        say(
            lang,
            "unit|kind|tasks (written)|tasks (inherited)|leads naming it",
            "đơn vị|loại|nhiệm vụ (ghi trực tiếp)|nhiệm vụ (kế thừa)|số cơ quan chủ trì nêu tên",
        ).split("|"),
        _aggregate_rows(acc, data, lang),
    )


def _grouped(data: NetworkData, iri: str, lang: str, several: bool) -> str:
    """A unit's name; with several plans, its registry id (the rows are summed over plans)."""
    return registry_link(data.agent(iri).identifier) if several else name(data, iri, lang)


def _delegation_rows(acc: Accountability, data: NetworkData, lang: str) -> list[list[Any]]:
    """One row per lead; with several plans, one per registry id, summed over the plans."""
    sums: dict[str, list[int]] = {}
    several = data.several_plans  # a property that reads every task: once, not per row
    for d in acc.delegation:
        key = _grouped(data, d.lead, lang, several)
        found = sums.setdefault(key, [0, 0, 0])
        found[0] += d.tasks_led
        found[1] += d.delegated[WRITTEN]
        found[2] += d.delegated[INHERITED]
    ordered = sorted(sums.items(), key=lambda kv: (-kv[1][2] / max(kv[1][0], 1), kv[0]))
    return [[key, led, pct(w, led, lang), pct(i, led, lang)] for key, (led, w, i) in ordered]


def _aggregate_rows(acc: Accountability, data: NetworkData, lang: str) -> list[list[Any]]:
    sums: dict[str, list[Any]] = {}
    several = data.several_plans
    for a in acc.aggregates:
        key = _grouped(data, a.iri, lang, several)
        found = sums.setdefault(key, [kind_name(a.kind, lang), 0, 0, 0])
        found[1] += a.tasks[WRITTEN]
        found[2] += a.tasks[INHERITED]
        found[3] += a.leads
    ordered = sorted(sums.items(), key=lambda kv: (-kv[1][2], kv[0]))
    return [[key, *values] for key, values in ordered]


def _periods(doc: Doc, acc: Accountability, data: NetworkData, lang: str) -> None:
    doc.h(3, say(lang, "When tasks run", "Thời gian thực hiện nhiệm vụ"))
    tasks = len(data.tasks)
    whole = pct(len(acc.whole_horizon), tasks, lang)
    text = say(
        lang,
        f"Each task counted once, by the periods it names. {whole} tasks cover every year of "
        "the horizon",
        f"Mỗi nhiệm vụ được tính một lần, theo các giai đoạn nhiệm vụ ghi. {whole} nhiệm vụ "
        "bao trùm mọi năm của cả giai đoạn",
    )
    if acc.horizon:
        text += f" ({acc.horizon[0]}–{acc.horizon[1]})"
    by_text = "; ".join(
        f"{period_combination(label, lang)}: {n}"
        for label, n in acc.whole_horizon_by_text.most_common()
    )
    text += f" ({by_text})." if by_text else "."
    line = say(lang, "line", "dòng")
    missing = ", ".join(
        f"{t.task_id} ({line} {t.line})" if t.line else t.task_id for t in acc.without_period
    )
    text += say(lang, " Without a period: ", " Không ghi giai đoạn: ") + str(
        len(acc.without_period)
    )
    text += f" ({missing})." if missing else "."
    doc.p(text)
    doc.table(
        say(lang, "periods named|tasks", "giai đoạn ghi trong kế hoạch|nhiệm vụ").split("|"),
        [[period_combination(label, lang), count] for label, count in acc.periods.most_common()],
    )


# -- measures ----------------------------------------------------------------------------------
def measures_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    doc.h(2, say(lang, "Measures", "Các thước đo"))
    doc.p(
        say(
            lang,
            "Each measure answers one question and is ranked on its own; none is scaled to a "
            "maximum, so values compare across plans. Only agencies are ranked: collective and "
            "vague units are under *Accountability*. Work between a department and its own "
            "units (org:unitOf, such as Health and its centres) is *in-sector* and never "
            "counted as coordination. Each measure is given in both readings of merged cells; "
            "`metrics/measures.csv` holds every agency in both (rank 1 = largest; ties share a "
            "rank).",
            "Mỗi thước đo trả lời một câu hỏi và được xếp hạng riêng; không thước đo nào chia "
            "cho giá trị lớn nhất, nên giá trị so sánh được giữa các kế hoạch. Chỉ xếp hạng các "
            "cơ quan: đơn vị tập thể và chung chung ở mục *Trách nhiệm giải trình*. Công việc "
            "giữa một sở và các đơn vị trực thuộc (org:unitOf, như ngành Y tế và các trung tâm "
            "của ngành) là *trong ngành* và không bao giờ được tính là phối hợp. Mỗi thước đo "
            "được nêu theo cả hai cách đọc ô gộp; `metrics/measures.csv` có mọi cơ quan theo cả "
            "hai cách (hạng 1 = lớn nhất; bằng nhau thì cùng hạng).",
        )
    )
    for measure in MEASURES:
        title, formula, why, plain = measure.says(lang)
        doc.h(3, title)
        doc.p(
            say(
                lang,
                f"**Formula:** {formula}. **Why:** {why} **In plain words:** {plain}",
                f"**Công thức:** {formula}. **Lý do:** {why} **Nói đơn giản:** {plain}",
            )
        )
        doc.table(
            say(
                lang,
                f"rank|written: unit ({measure.column})|inherited: unit ({measure.column})",
                f"hạng|ghi trực tiếp: đơn vị (`{measure.column}`)|kế thừa: đơn vị "
                f"(`{measure.column}`)",
            ).split("|"),
            _top_pairs(sens.baseline(WRITTEN), sens.baseline(INHERITED), measure, data, lang),
        )
    _in_sector_section(doc, analysis, lang)


def _in_sector_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    """The units whose tasks are their own sector's oversight, summed by unit and sector."""
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    in_sector = sorted(
        (r for r in sens.baseline(INHERITED) if r.in_sector_tasks),
        key=lambda r: (-r.in_sector_tasks, r.label_en),
    )
    doc.h(
        3,
        say(
            lang,
            "In-sector tasks (oversight, not coordination)",
            "Nhiệm vụ trong ngành (quản lý, không phải phối hợp)",
        ),
    )
    doc.p(
        say(
            lang,
            "Tasks naming a unit whose lead is of the unit's own sector (a department's own "
            "centres, sub-departments and district networks, org:unitOf). They are left out of "
            "demand, leads served, brokerage and concentration.",
            "Nhiệm vụ nêu một đơn vị mà cơ quan chủ trì thuộc cùng ngành với đơn vị đó (các "
            "trung tâm, chi cục và mạng lưới cấp huyện của chính sở, org:unitOf). Các nhiệm vụ "
            "này không được tính vào nhu cầu phối hợp, số cơ quan chủ trì được phục vụ, vai trò "
            "cầu nối và mức độ tập trung.",
        )
    )
    written = {r.iri: r for r in sens.baseline(WRITTEN)}
    sums: dict[tuple[str, str], list[int]] = {}
    several = data.several_plans
    for r in in_sector:
        key = (
            _grouped(data, r.iri, lang, several),
            _grouped(data, data.sector(r.iri), lang, several),
        )
        found_sum = sums.setdefault(key, [0, 0])
        found_sum[0] += written[r.iri].in_sector_tasks if r.iri in written else 0
        found_sum[1] += r.in_sector_tasks
    doc.table(
        say(
            lang,
            "unit|belongs to|in-sector tasks (written)|in-sector tasks (inherited)",
            "đơn vị|thuộc|nhiệm vụ trong ngành (ghi trực tiếp)|nhiệm vụ trong ngành (kế thừa)",
        ).split("|"),
        [[unit, parent, w, i] for (unit, parent), (w, i) in sums.items()]
        or [[say(lang, "none", "không có"), "", "", ""]],
    )


def _top_pairs(
    written: list[AgencyMeasures],
    inherited: list[AgencyMeasures],
    measure: MeasureText,
    data: NetworkData,
    lang: str,
) -> list[list[Any]]:
    def top(rows: list[AgencyMeasures]) -> list[AgencyMeasures]:
        having = [r for r in rows if r.ranks.get(measure.column)]
        return sorted(having, key=lambda r: (r.ranks[measure.column], r.label_en))[:TOP_MEASURE]

    left, right = top(written), top(inherited)

    def cell(rows: list[AgencyMeasures], i: int) -> str:
        if i >= len(rows):
            return ""
        row = rows[i]
        shown = value_text(measure, row, data, lang)
        return f"{row.ranks[measure.column]}. {name(data, row.iri, lang)} ({shown})"

    return [[i + 1, cell(left, i), cell(right, i)] for i in range(max(len(left), len(right)))]


def rank_change_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    doc.h(
        2,
        say(
            lang,
            "Where the two readings change a rank",
            "Nơi hai cách đọc làm thay đổi thứ hạng",
        ),
    )
    doc.p(
        say(
            lang,
            "Ranks by each measure read as written on the row and as inherited from merged "
            "cells; the agencies whose rank moves most (all of them: "
            "`metrics/rank-changes.csv`).",
            "Thứ hạng theo từng thước đo khi đọc theo những gì ghi trên dòng và khi kế thừa từ "
            "ô gộp; các cơ quan có thứ hạng thay đổi nhiều nhất (đầy đủ: "
            "`metrics/rank-changes.csv`).",
        )
    )
    rows = []
    for measure in MEASURES:
        changes = rank_changes(sens, measure.column)
        moved = len(changes)
        near_top = [c for c in changes if min(c[1] or 10**6, c[2] or 10**6) <= 2 * TOP_MEASURE]
        changes = near_top
        shown = "; ".join(
            f"{name(data, row.iri, lang)} {before or '–'} → {after or '–'}"
            for row, before, after in changes[:4]
        )
        rows.append(
            [measure.says(lang)[0], moved, shown or say(lang, "no change", "không thay đổi")]
        )
    doc.table(
        say(
            lang,
            "measure|agencies whose rank changes|largest moves (written → inherited)",
            "thước đo|số cơ quan thay đổi thứ hạng|thay đổi lớn nhất (ghi trực tiếp → kế thừa)",
        ).split("|"),
        rows,
    )


def sensitivity_section(
    doc: Doc, analysis: Analysis, figure: str | None, lang: str, number: int | None = None
) -> None:
    found = analysis.findings
    assert found is not None
    sens, data = found.sensitivity, analysis.data
    doc.h(2, say(lang, "Sensitivity and stability", "Độ nhạy và độ ổn định"))
    labels = sorted(
        {label for ranges in sens.ranges.values() for r in ranges.values() for label in r.ranks}
    )
    several = (
        ""
        if found.full_sensitivity
        else say(
            lang,
            " (with several plans: the two readings of merged cells only)",
            " (với nhiều kế hoạch: chỉ hai cách đọc ô gộp)",
        )
    )
    doc.p(
        say(
            lang,
            f"Each agency's rank by each measure over {len(labels)} readings of the plan: merged "
            "cells written or inherited, each with the extraction's reading of every ambiguous "
            f"phrase and with each documented other reading, one at a time{several}. low–high; "
            f"the agencies in the first {TOP_MEASURE} of demand, leads served or brokerage in "
            "either reading.",
            f"Thứ hạng của mỗi cơ quan theo từng thước đo qua {len(labels)} cách đọc kế hoạch: "
            "ô gộp ghi trực tiếp hoặc kế thừa, mỗi cách với cách đọc của bước trích xuất cho mọi "
            "cụm từ đa nghĩa và với từng cách đọc khác đã ghi nhận, lần lượt từng cụm"
            f"{several}. Thấp nhất–cao nhất; các cơ quan nằm trong {TOP_MEASURE} hạng đầu về nhu "
            "cầu phối hợp, số cơ quan chủ trì được phục vụ hoặc vai trò cầu nối theo một trong "
            "hai cách đọc.",
        )
    )
    columns = ("demand_tasks", "leads_served", "tasks_led", "brokerage", "concentration")
    units = top_units(sens, ("demand_tasks", "leads_served", "brokerage"), TOP_MEASURE)[:TOP_RANGES]
    rows = []
    for iri in units:
        cells: list[Any] = [name(data, iri, lang)]
        for column in columns:
            found_range = sens.ranges[column].get(iri)
            cells.append(f"{found_range.low}–{found_range.high}" if found_range else "–")
        rows.append(cells)
    doc.table(
        [say(lang, "agency", "cơ quan"), *(MEASURE_BY_COLUMN[c].says(lang)[0] for c in columns)],
        rows,
    )
    if figure:
        doc.p(
            say(
                lang,
                f"Drawn in `{figure}` (under *Figures*"
                + (f", figure {number}" if number else "")
                + ").",
                f"Được vẽ trong `{figure}` (ở mục *Hình*"
                + (f", hình {number}" if number else "")
                + ").",
            )
        )
    ambiguity_section(doc, analysis, lang)
    composite_sensitivity(doc, analysis, lang)
    communities_section(doc, analysis, lang)


def ambiguity_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    data = analysis.data
    doc.h(
        3,
        say(
            lang,
            "Ambiguous readings of the source, and their effect",
            "Các cách đọc đa nghĩa của văn bản nguồn, và ảnh hưởng của chúng",
        ),
    )
    rows = []
    for ambiguity in AMBIGUITIES:
        tasks = affected_tasks(data, ambiguity)
        where = ", ".join(str(line) for line in ambiguity.lines)
        for alternative, _ in ambiguity.alternatives:
            effects = sorted(
                (
                    e
                    for e in found.sensitivity.ambiguity_effects
                    if e[0] == ambiguity.key and e[1] == alternative and e[3] != "effective_size"
                ),
                key=_rank_move,
            )
            shown = "; ".join(
                f"{name(data, iri, lang)} {MEASURE_BY_COLUMN[m].says(lang)[0].lower()} "
                f"{before or '–'} → {after or '–'}"
                for _, _, iri, m, before, after in effects[:6]
            )
            none = (
                say(lang, "not computed with several plans", "không tính khi có nhiều kế hoạch")
                if not found.full_sensitivity
                else say(lang, "no rank changes", "không thay đổi thứ hạng")
            )
            rows.append(
                [
                    task_text(f'"{ambiguity.phrase}"', lang)
                    + say(lang, f" (line {where})", f" (dòng {where})"),
                    ambiguity_why(ambiguity, lang),
                    len(tasks),
                    alternative_name(ambiguity, alternative, lang),
                    shown or none,
                ]
            )
    doc.table(
        say(
            lang,
            "phrase|reading chosen, and why it is ambiguous|tasks|other reading|rank changes "
            "(inherited reading)",
            "cụm từ|cách đọc đã chọn, và vì sao đa nghĩa|nhiệm vụ|cách đọc khác|thay đổi thứ "
            "hạng (cách đọc kế thừa)",
        ).split("|"),
        rows,
    )


def _rank_move(effect: tuple[str, str, str, str, int | None, int | None]) -> tuple[int, str]:
    """The largest rank moves first (a unit that enters or leaves a ranking counts as the
    largest), then by unit and measure, so that the six shown are the six that matter most."""
    *_, iri, measure, before, after = effect
    move = abs(after - before) if before is not None and after is not None else 10**6
    return (-move, f"{iri} {measure}")


def composite_sensitivity(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    ranges, data = found.sensitivity.composite, analysis.data
    doc.h(
        3,
        say(
            lang,
            "The old composite score under other weights",
            "Điểm tổng hợp cũ với các trọng số khác",
        ),
    )
    if not ranges:
        doc.p(
            say(
                lang,
                "Not computed for a graph of several plans.",
                "Không tính cho đồ thị có nhiều kế hoạch.",
            )
        )
        return
    doc.p(
        say(
            lang,
            f"The composite (see *Bottlenecks*) with each of the {len(weightings())} weightings "
            f"of its three terms on a 1/{GRID} grid, in both readings: the rank range of the "
            "agencies that rank first under any of them. A rank that moves this far says the "
            "weights, not the data, decide the ranking.",
            f"Điểm tổng hợp (xem *Nút thắt*) với từng bộ trong {len(weightings())} bộ trọng số "
            f"của ba thành phần trên lưới 1/{GRID}, theo cả hai cách đọc: khoảng thứ hạng của "
            "các cơ quan đứng đầu theo ít nhất một bộ trọng số. Thứ hạng thay đổi nhiều như vậy "
            "cho thấy trọng số, chứ không phải dữ liệu, quyết định bảng xếp hạng.",
        )
    )
    tops = sorted((r for r in ranges.values() if r.low == 1), key=lambda r: (r.high, r.iri))
    doc.table(
        say(lang, "agency|best rank|worst rank", "cơ quan|hạng cao nhất|hạng thấp nhất").split("|"),
        [[name(data, r.iri, lang), r.low, r.high] for r in tops],
    )


CLEAR_MODULARITY = 0.3  # the usual reading: above it, a partition shows clear structure


def communities_section(doc: Doc, analysis: Analysis, lang: str) -> None:
    found = analysis.findings
    assert found is not None
    doc.h(3, say(lang, "Communities", "Cộng đồng"))
    merged = not found.full_sensitivity
    doc.p(
        say(
            lang,
            "Louvain communities of the co-assignment network (agencies, ties within a sector "
            "dropped"
            + ("; units merged across plans by registry id" if merged else "")
            + "), with the reference seed 42 and 20 others. Modularity above about 0.3 is "
            "usually read as clear structure; the adjusted Rand index compares each seed's "
            "partition with the reference (1 = the same).",
            "Các cộng đồng Louvain của mạng lưới cùng được giao (các cơ quan, bỏ liên kết trong "
            "cùng một ngành"
            + ("; đơn vị được gộp giữa các kế hoạch theo mã danh mục" if merged else "")
            + "), với seed tham chiếu 42 và 20 seed khác. Tính mô-đun (modularity) trên khoảng "
            "0,3 thường được coi là có cấu trúc rõ; chỉ số Rand hiệu chỉnh so sánh cách phân "
            "chia của từng seed với cách phân chia tham chiếu (1 = giống nhau).",
        )
    )
    doc.table(
        say(
            lang,
            "reading|modularity|modularity over seeds|Rand index mean (min)|communities over seeds",
            "cách đọc|tính mô-đun|tính mô-đun qua các seed|chỉ số Rand trung bình (nhỏ nhất)|số "
            "cộng đồng qua các seed",
        ).split("|"),
        [
            [
                reading_title(reading, lang),
                f"{c.modularity:.3f}",
                f"{c.modularity_range[0]:.3f}–{c.modularity_range[1]:.3f}",
                f"{c.rand_mean:.2f} ({c.rand_min:.2f})",
                f"{c.communities_range[0]}–{c.communities_range[1]}",
            ]
            for reading, c in found.communities.items()
        ],
    )
    weak = [reading for reading, c in found.communities.items() if c.modularity < CLEAR_MODULARITY]
    if weak:
        readings = say(lang, " and ", " và ").join(reading_title(r, lang) for r in weak)
        doc.p(
            say(
                lang,
                f"**Weak structure** ({readings}): modularity is below {CLEAR_MODULARITY}, so "
                "the communities below are loose groupings, not clearly separate clusters of "
                "work; brief on them as tendencies.",
                f"**Cấu trúc yếu** ({readings}): tính mô-đun dưới "
                f"{str(CLEAR_MODULARITY).replace('.', ',')}, nên các cộng đồng dưới đây là "
                "những nhóm lỏng lẻo, không phải các cụm công việc tách biệt rõ; chỉ nên trình "
                "bày như xu hướng.",
            )
        )
    _describe(doc, found.communities[INHERITED], analysis.data, lang, merged)


def _describe(
    doc: Doc, found: CommunityFindings, data: NetworkData, lang: str, merged: bool
) -> None:
    def label(node: str) -> str:
        return unit_link(f"m:{node}", node) if merged else name(data, node, lang)

    rows = []
    alone = 0
    for community in found.described:
        if len(community.members) < 2:
            alone += 1
            continue
        stability = sum(found.node_stability.get(m, 0.0) for m in community.members) / len(
            community.members
        )
        rows.append(
            [
                community.number,
                len(community.members),
                ", ".join(f"{g} ({n})" for g, n in community.goals),
                ", ".join(f"{kind_name(k, lang)} ({n})" for k, n in community.kinds[:3]),
                f"{stability:.2f}",
                "; ".join(label(m) for m in community.members[:6]),
            ]
        )
    doc.p(
        say(
            lang,
            "Inherited reading. Dominant goals: the SDG goals of the members' tasks (tasks). "
            "Stability: the mean Jaccard index, over the 20 seeds, between a member's community "
            f"and its reference community. {alone} units have no tie to another sector and "
            "stand alone.",
            "Cách đọc kế thừa. Mục tiêu chính: các mục tiêu phát triển bền vững của nhiệm vụ "
            "của các thành viên (số nhiệm vụ). Độ ổn định: chỉ số Jaccard trung bình, qua 20 "
            "seed, giữa cộng đồng của một thành viên và cộng đồng tham chiếu của nó. "
            f"{alone} đơn vị không có liên kết với ngành khác và đứng riêng.",
        )
    )
    doc.table(
        say(
            lang,
            "community|units|dominant goals|kinds|stability|members (most tasks first)",
            "cộng đồng|đơn vị|mục tiêu chính|loại|độ ổn định|thành viên (nhiều nhiệm vụ nhất "
            "trước)",
        ).split("|"),
        rows,
    )
