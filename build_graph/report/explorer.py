"""``explorer.html``: the coordination networks to explore in a browser, in one file that works
offline (opened from the disk or served): sigma.js and graphology, vendored under
``static/`` with their licences (see ``static/VENDORED.md``), the page's own script and style,
and the data of :mod:`.explorer_data`, all inlined. A Content-Security-Policy forbids the page
any request."""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

from build_graph.report.figure_style import PERIOD_KINDS

STATIC = Path(__file__).parent / "static"
SCRIPTS = ("graphology.umd.min.js", "sigma.min.js", "explorer.js")
POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Coordination explorer",
        "back": "Back to the report",
        "switchTo": "Tiếng Việt",
        "png": "Save PNG",
        "svg": "Save SVG",
        "reset": "Reset",
        "filters": "Filters",
        "view": "View",
        "view:lp": "Lead → partner",
        "view:at": "Agency – target",
        "view:cp": "Co-partners",
        "goal": "SDG goal",
        "target": "VSDG target",
        "un": "UN SDG target",
        "period": "Period",
        "plan": "Plan",
        "kinds": "Kinds of unit",
        "links": "Partner links",
        "reading:i": "with merged cells (inherited)",
        "reading:w": "as written on the task's row",
        "named": "Named units only (no collective or vague units)",
        "merged": "Merge each unit across plans (registry id)",
        "structure": "Structure",
        "structure:2017": "as in the plan",
        "structure:today": "today (1 July 2025): units merged into the bodies that hold them",
        "todayNote": "today's holder, after the 2025 reorganisation",
        "all": "All",
        "search": "Search a unit",
        "searchPlaceholder": "e.g. so tai nguyen",
        "noMatch": "No unit matches.",
        "legend": "Legend",
        "legendLead": "leads tasks (dark ring)",
        "legendPartner": "partner only",
        "legendTarget": "VSDG target",
        "legendArrow": "arrow: lead → partner; width: shared tasks",
        "legendTie": "line: tasks of the unit under the target",
        "legendCopartner": "line: tasks naming both as partners",
        "legendSize": "size: tasks in the current filters",
        "status": "{nodes} nodes, {edges} links, {tasks} tasks",
        "plans": "{n} plans",
        "hint": "Click a unit (or search one) to see its partners and its tasks; click a "
        "task's number to see where the plan says it.",
        "tasksOf": "Tasks ({n})",
        "col:task": "Task",
        "col:text": "Text (Vietnamese)",
        "col:role": "Role",
        "col:period": "Period",
        "col:target": "Target",
        "col:source": "Source",
        "role:lead": "lead",
        "role:partner": "partner",
        "role:inherited": "partner (merged cell)",
        "sourceOf": "Where task {id} is written ({plan})",
        "fact:task": "Task row",
        "fact:lead": "Lead",
        "fact:partner": "Partners",
        "fact:period": "Period",
        "line": "line {n}",
        "lineRef": "line {n}: {ref}",
        "inheritedNote": "inherited from a merged cell above",
        "close": "Close",
        "cardCounts": "{led} tasks led, {partner} as partner",
        "cardTasks": "{n} tasks",
        "graph": "Network. Keys: arrows pan, + and − zoom, 0 resets, Esc clears the selection.",
        "keys": "Keys: / search · arrows pan · + − zoom · 0 reset · Esc clear selection · "
        "Tab moves through the controls and the task table.",
    },
    "vi": {
        "title": "Khám phá mạng lưới phối hợp",
        "back": "Về báo cáo",
        "switchTo": "English",
        "png": "Lưu PNG",
        "svg": "Lưu SVG",
        "reset": "Đặt lại",
        "filters": "Bộ lọc",
        "view": "Chế độ xem",
        "view:lp": "Chủ trì → phối hợp",
        "view:at": "Cơ quan – mục tiêu cụ thể",
        "view:cp": "Cùng phối hợp",
        "goal": "Mục tiêu phát triển bền vững",
        "target": "Mục tiêu cụ thể VSDG",
        "un": "Mục tiêu cụ thể SDG của Liên Hợp Quốc",
        "period": "Giai đoạn",
        "plan": "Kế hoạch",
        "kinds": "Loại đơn vị",
        "links": "Liên kết phối hợp",
        "reading:i": "kể cả ô gộp (kế thừa)",
        "reading:w": "chỉ ghi trực tiếp trên dòng nhiệm vụ",
        "named": "Chỉ đơn vị cụ thể (bỏ đơn vị tập thể, chung chung)",
        "merged": "Gộp mỗi đơn vị giữa các kế hoạch (theo mã danh mục)",
        "structure": "Cơ cấu tổ chức",
        "structure:2017": "như trong kế hoạch",
        "structure:today": "hiện nay (01/07/2025): gộp đơn vị vào cơ quan đang giữ chức năng",
        "todayNote": "cơ quan đang giữ chức năng, sau sắp xếp năm 2025",
        "all": "Tất cả",
        "search": "Tìm đơn vị",
        "searchPlaceholder": "ví dụ: so tai nguyen",
        "noMatch": "Không có đơn vị phù hợp.",
        "legend": "Chú giải",
        "legendLead": "chủ trì nhiệm vụ (viền đậm)",
        "legendPartner": "chỉ phối hợp",
        "legendTarget": "mục tiêu cụ thể VSDG",
        "legendArrow": "mũi tên: chủ trì → phối hợp; độ dày: số nhiệm vụ chung",
        "legendTie": "đường nối: số nhiệm vụ của đơn vị thuộc mục tiêu",
        "legendCopartner": "đường nối: số nhiệm vụ cùng nêu hai đơn vị phối hợp",
        "legendSize": "kích thước: số nhiệm vụ theo bộ lọc hiện tại",
        "status": "{nodes} nút, {edges} liên kết, {tasks} nhiệm vụ",
        "plans": "{n} kế hoạch",
        "hint": "Nhấn vào một đơn vị (hoặc tìm kiếm) để xem các đơn vị liên quan và nhiệm vụ "
        "của đơn vị đó; nhấn vào số hiệu nhiệm vụ để xem nguồn trong kế hoạch.",
        "tasksOf": "Nhiệm vụ ({n})",
        "col:task": "Nhiệm vụ",
        "col:text": "Nội dung",
        "col:role": "Vai trò",
        "col:period": "Giai đoạn",
        "col:target": "Mục tiêu",
        "col:source": "Nguồn",
        "role:lead": "chủ trì",
        "role:partner": "phối hợp",
        "role:inherited": "phối hợp (ô gộp)",
        "sourceOf": "Nguồn của nhiệm vụ {id} ({plan})",
        "fact:task": "Dòng nhiệm vụ",
        "fact:lead": "Cơ quan chủ trì",
        "fact:partner": "Đơn vị phối hợp",
        "fact:period": "Giai đoạn",
        "line": "dòng {n}",
        "lineRef": "dòng {n}: {ref}",
        "inheritedNote": "kế thừa từ ô gộp phía trên",
        "close": "Đóng",
        "cardCounts": "chủ trì {led} nhiệm vụ, phối hợp {partner}",
        "cardTasks": "{n} nhiệm vụ",
        "graph": "Mạng lưới. Phím: mũi tên để di chuyển, + và − để phóng to, thu nhỏ, 0 để "
        "đặt lại, Esc để bỏ chọn.",
        "keys": "Phím: / tìm kiếm · mũi tên di chuyển · + − phóng to, thu nhỏ · 0 đặt lại · "
        "Esc bỏ chọn · Tab chuyển giữa các điều khiển và bảng nhiệm vụ.",
    },
}
for _lang, _kinds in PERIOD_KINDS.items():
    STRINGS[_lang].update({f"period:{kind}": label for kind, label in _kinds.items()})


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _script_json(payload: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` (``</script>``, ``<!--``) left."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c")


def _control(name: str, kind: str = "select") -> str:
    if kind == "select":
        return (
            f'<label class="block" for="{name}" data-i18n="{name}"></label>'
            f'<select id="{name}"></select>'
        )
    raise ValueError(kind)


BODY = """<header>
<h1 data-i18n="title"></h1>
<a id="back" href="report.html" data-i18n="back"></a>
<span class="spacer"></span>
<button type="button" id="reset" data-i18n="reset"></button>
<button type="button" id="png" data-i18n="png"></button>
<button type="button" id="svg" data-i18n="svg"></button>
<button type="button" id="lang"></button>
</header>
<nav id="filters" data-i18n-label="filters">
<label class="block" for="view" data-i18n="view"></label>
<select id="view"><option value="lp"></option><option value="at"></option>
<option value="cp"></option></select>
{goal}{target}{un}{period}
<div id="plan-row">{plan}</div>
<fieldset><legend data-i18n="links"></legend>
<label><input type="radio" name="reading" id="reading-i"> <span data-i18n="reading:i"></span>
</label><br><label><input type="radio" name="reading" id="reading-w">
<span data-i18n="reading:w"></span></label></fieldset>
<label><input type="checkbox" id="named"> <span data-i18n="named"></span></label>
<div id="merged-row"><label><input type="checkbox" id="merged">
<span data-i18n="merged"></span></label></div>
<fieldset id="structure-row"><legend data-i18n="structure"></legend>
<label><input type="radio" name="structure" id="structure-2017">
<span data-i18n="structure:2017"></span></label><br><label><input type="radio" name="structure"
id="structure-today"> <span data-i18n="structure:today"></span></label></fieldset>
<fieldset><legend data-i18n="kinds"></legend><div id="kinds"></div></fieldset>
<p class="keys" data-i18n="keys"></p>
</nav>
<main id="stage">
<div id="graph" tabindex="0" role="application" data-i18n-label="graph"></div>
<div id="card" role="tooltip" hidden></div>
<div id="below"><div id="status" aria-live="polite"></div>
<details id="legend" open><summary data-i18n="legend"></summary><ul id="legend-items"></ul>
</details></div>
</main>
<aside id="side">
<div class="search-box"><label class="block" for="search" data-i18n="search"></label>
<input type="search" id="search" role="combobox" aria-controls="results" aria-expanded="false"
autocomplete="off"><ul id="results" role="listbox" hidden></ul></div>
<div id="source" tabindex="-1" hidden></div>
<div id="panel" aria-live="polite"></div>
</aside>
"""


def explorer_page(payload: dict[str, Any]) -> str:
    """The whole page, ``payload`` (:func:`~.explorer_data.explorer_payload`) inlined."""
    lang = payload.get("lang", "en")
    body = BODY.format(
        goal=_control("goal"),
        target=_control("target"),
        un=_control("un"),
        period=_control("period"),
        plan=_control("plan"),
    )
    scripts = "".join(f"<script>\n{_static(name)}\n</script>\n" for name in SCRIPTS)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(STRINGS[lang]['title'])}</title>\n"
        f"<style>\n{_static('explorer.css')}</style>\n</head><body>\n{body}"
        f'<script type="application/json" id="explorer-data">{_script_json(payload)}</script>\n'
        '<script type="application/json" id="explorer-strings">'
        f"{_script_json(STRINGS)}</script>\n{scripts}</body></html>\n"
    )
