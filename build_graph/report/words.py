"""The report in two languages: the helper each section writes its sentences with, and the
Vietnamese of the texts that come from the layers below (readings of merged cells, ambiguous
phrases, the extraction's kinds of warning and their sections, kinds of unit)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from build_graph.model.agencies import KIND_LABELS_VI
from build_graph.network.accountability import NO_PERIOD
from build_graph.network.data import NetworkData, TaskRow
from build_graph.network.readings import INHERITED, READING_TITLES, WRITTEN, Ambiguity
from build_graph.report.explorer_data import unit_key
from build_graph.report.markup import in_lang, unit_link


def say(lang: str, en: str, vi: str) -> str:
    """The sentence in the report's language (both are written side by side in the code, so
    that a change to one is seen beside the other)."""
    return vi if lang == "vi" else en


def name(data: NetworkData, iri: str, lang: str) -> str:
    """A unit's name in ``lang``, linked (in the HTML) to the unit in the explorer."""
    return unit_link(unit_key(iri), data.agent(iri).label(lang))


def registry_link(identifier: str) -> str:
    """A registry id as code, linked to the unit merged across plans in the explorer."""
    return unit_link(f"m:{identifier}", f"`{identifier}`")


def task_text(text: str, lang: str) -> str:
    """A task's text (always Vietnamese), marked as such in a report of another language."""
    return text if lang == "vi" else in_lang("vi", text)


def english(text: str, lang: str) -> str:
    """A text that exists in English only (a UN target's official text), marked as such in a
    report of another language."""
    return text if lang == "en" else in_lang("en", text)


def kind_name(kind: str, lang: str) -> str:
    """A kind of unit: its code in English (the exports' column), its name in Vietnamese."""
    return KIND_LABELS_VI.get(kind, kind) if lang == "vi" else kind


def period_combination(label: str, lang: str) -> str:
    """Periods as the accountability counts them ("2017-2020 + annual"), in ``lang``."""
    if lang != "vi":
        return label
    from build_graph.report.figure_style import PERIOD_KINDS

    words = {**PERIOD_KINDS["vi"], NO_PERIOD: "không ghi giai đoạn"}
    return " + ".join(words.get(part, part) for part in label.split(" + "))


def reading_title(reading: str, lang: str) -> str:
    return READING_TITLES_VI[reading] if lang == "vi" else READING_TITLES[reading]


READING_TITLES_VI = {
    WRITTEN: "ghi trực tiếp trên dòng của nhiệm vụ",
    INHERITED: "ghi trực tiếp hoặc kế thừa từ ô gộp",
}

# The documented ambiguous phrases (network/readings.py): why each is ambiguous, and the names
# of their other readings.
AMBIGUITY_VI = {
    "press-radio-television": (
        '"Báo đài" trong tiếng Việt thường ngày là "cơ quan báo chí", còn "đài, truyền hình" '
        "là Đài Phát thanh và Truyền hình thành phố; bước trích xuất đọc cụm từ này là Báo Hải "
        "Phòng và Đài. Nếu chỉ đọc là Đài thì Báo không được nêu tên.",
        {"radio and television station only": "chỉ Đài Phát thanh và Truyền hình"},
    ),
    "culture-sports-tourism": (
        "Năm 2017 Hải Phòng không có sở nào mang tên này: lĩnh vực này được chia cho hai sở, "
        "Sở Văn hóa và Thể thao cùng Sở Du lịch. Bước trích xuất đọc tên này là cả hai sở; "
        "tên có thể chỉ một trong hai.",
        {
            "Department of Culture and Sports only": "chỉ Sở Văn hóa và Thể thao",
            "Department of Tourism only": "chỉ Sở Du lịch",
        },
    ),
}


def ambiguity_why(ambiguity: Ambiguity, lang: str) -> str:
    if lang == "vi" and ambiguity.key in AMBIGUITY_VI:
        return AMBIGUITY_VI[ambiguity.key][0]
    return ambiguity.why


def alternative_name(ambiguity: Ambiguity, alternative: str, lang: str) -> str:
    if lang == "vi" and ambiguity.key in AMBIGUITY_VI:
        return AMBIGUITY_VI[ambiguity.key][1].get(alternative, alternative)
    return alternative


# The sections of the extraction's warnings (tables/extraction_report.py), in Vietnamese.
SECTIONS_VI = {
    "Typos and variant spellings": (
        "Lỗi chính tả và cách viết khác",
        "Tên cơ quan và mã mục tiêu như được in, và cách bước trích xuất đã đọc chúng.",
    ),
    "Declared targets without tasks": (
        "Mục tiêu được giao nhưng không có nhiệm vụ",
        "Mục tiêu mà câu mở đầu của phụ lục giao nhưng không có dòng nhiệm vụ nào trực tiếp "
        "thực hiện.",
    ),
    "Targets declared by more than one appendix": (
        "Mục tiêu được giao cho nhiều phụ lục",
        "Trách nhiệm chồng chéo: một mục tiêu, nhiều cơ quan chủ trì.",
    ),
    "Identical task texts": (
        "Nội dung nhiệm vụ trùng nhau",
        "Cùng một nội dung nhiệm vụ (không kể chữ hoa, khoảng trắng, dấu câu) ở nhiều dòng.",
    ),
    "Unresolved partners": (
        "Đơn vị phối hợp chưa xác định",
        "Tên đơn vị phối hợp không khớp với cơ quan nào trong danh mục; được giữ lại dưới dạng "
        "đơn vị chưa xác định.",
    ),
    "Ambiguous cells and the reading chosen": (
        "Ô có nhiều cách hiểu và cách đọc đã chọn",
        "Ô gộp, ô in hai lần hoặc bị tách, danh sách và tiêu đề không rõ ràng, và cách đọc "
        "từng trường hợp.",
    ),
}

# Each kind of warning, said in Vietnamese (the warning's own message is the extraction's, in
# English, and stays in findings/extraction-warnings.csv and tables/extraction-report.md).
WARNING_KINDS_VI = {
    "typo": "tên cơ quan viết sai chính tả",
    "variant-spelling": "cách viết khác của tên một cơ quan",
    "loose-target-code": "mã mục tiêu viết không chuẩn",
    "declared-without-tasks": "mục tiêu được giao nhưng không có nhiệm vụ",
    "declared-covered-by-parent": "mục tiêu được giao chỉ có nhiệm vụ ở mục tiêu cấp trên",
    "undeclared-target": "nhiệm vụ thuộc mục tiêu không được giao trong câu mở đầu",
    "no-declared-targets": "phụ lục không có câu mở đầu giao mục tiêu",
    "declared-by-several": "mục tiêu được giao cho nhiều phụ lục",
    "identical-task-text": "nội dung nhiệm vụ trùng nhau",
    "unresolved-partner": "tên đơn vị phối hợp không có trong danh mục",
    "cells-on-heading": "ô nằm trên dòng tiêu đề, áp dụng cho mọi nhiệm vụ bên dưới",
    "cell-printed-twice": "ô được in hai lần",
    "cell-spans-lines": "ô trải trên nhiều dòng",
    "partner-list": "danh sách đơn vị tiếp tục sau dấu chấm phẩy",
    "partner-after-period": "tên đơn vị phối hợp nằm sau ô giai đoạn",
    "overlapping-periods": "các giai đoạn trong một ô chồng lên nhau",
    "reversed-period": "giai đoạn ghi ngược (năm cuối trước năm đầu)",
    "numbered-heading": "dòng có số thứ tự là tiêu đề mục tiêu, không phải nhiệm vụ",
    "goal-level-group": "nhóm nhiệm vụ ghi mục tiêu chung, không ghi mục tiêu cụ thể",
    "group-holds-subtarget": "nhóm nhiệm vụ ghi thẳng mục tiêu cụ thể cấp dưới",
    "compound-name": "một cụm từ nêu nhiều cơ quan cùng lúc",
    "lead-mismatch": "các nguồn ghi cơ quan chủ trì khác nhau",
    "lead-missing": "không ghi cơ quan chủ trì",
    "unresolved-lead": "tên cơ quan chủ trì không có trong danh mục",
    "bad-declared-code": "mã mục tiêu được giao không hợp lệ",
    "appendix-without-table": "phụ lục không có bảng nhiệm vụ",
    "table-without-header": "bảng không có dòng tiêu đề",
    "missing-metadata": "thiếu thông tin của văn bản",
    "missing-appendix-list": "không tìm thấy danh sách phụ lục",
    "appendix-list": "dòng danh sách phụ lục không đúng mẫu",
    "heading-without-tasks": "tiêu đề không có nhiệm vụ nào bên dưới",
    "missing-appendix": "phụ lục có trong danh sách nhưng không có trong văn bản",
    "unlisted-appendix": "phụ lục không có trong danh sách phụ lục",
    "encoding-repaired": "lỗi mã hóa ký tự đã được sửa",
    "duplicate-appendix": "phụ lục xuất hiện lại lần nữa",
    "document-note": "ghi chú về văn bản",
}


def warning_kind(kind: str, lang: str) -> str:
    """A kind of warning: its code in English, a description in Vietnamese."""
    return WARNING_KINDS_VI.get(kind, kind) if lang == "vi" else kind


def section_title(title: str, lang: str) -> str:
    return SECTIONS_VI[title][0] if lang == "vi" and title in SECTIONS_VI else title


def section_note(title: str, note: str, lang: str) -> str:
    return SECTIONS_VI[title][1] if lang == "vi" and title in SECTIONS_VI else note


def task_reference(task: TaskRow, lang: str = "en") -> str:
    """A task as the report cites it: its number and the source line it was read on."""
    if not task.line:
        return task.task_id
    return say(lang, f"{task.task_id} (line {task.line})", f"{task.task_id} (dòng {task.line})")


def number_text(value: float | None, digits: int = 3) -> str:
    """A measure's value, or a dash where it has none (None or NaN)."""
    return "–" if value is None or value != value else f"{value:.{digits}f}"


def clipped(text: str, width: int = 140) -> str:
    """A source text on one line, cut at ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# The titles of the report's views in Vietnamese (the English ones are the views' own).
VIEW_TITLES_VI = {
    "all-units": "tất cả đơn vị",
    "named-units": "chỉ đơn vị cụ thể (bỏ đơn vị tập thể và chung chung)",
}


def pair_rows(
    data: NetworkData, pairs: Iterable[Any], lang: str, values: Callable[[Any], list[Any]]
) -> list[list[Any]]:
    """Table rows of unit pairs (``.a``, ``.b``): the two names, then ``values`` of the pair."""
    return [[name(data, p.a, lang), name(data, p.b, lang), *values(p)] for p in pairs]
