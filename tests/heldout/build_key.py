"""Writes ``key.json`` from a HAND reading of four appendices of the bundled source.

Everything below the ``# ---- hand reading`` line was written by a person reading
``data/sources/haiphong-2894-QD-UBND-2017.txt`` line by line: which line is a group row, a
sub-target heading or a task, which line is the partner cell or the period cell of a row, which
registry ``agency_id`` each name of a partner cell means, and what each period cell says. The
script only copies the verbatim texts of the lines named here (so that no text is mistyped),
checks that the line numbers point at what the reading says they do, and applies the one rule of
the document's merged cells: a partner or period cell printed on a row also holds for the rows
below it until the next cell of the same column or the next group or sub-target heading.

It uses nothing of ``build_graph``. Run it from the repository root:

    .venv/bin/python tests/heldout/build_key.py
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCE = ROOT / "data" / "sources" / "haiphong-2894-QD-UBND-2017.txt"
# The registry's ids: the national agency types and Hải Phòng's own bodies (its districts'
# committees are named ubnd-q-… / ubnd-h-… from the gazetteer).
REGISTRY = (ROOT / "data" / "agency-types.csv", ROOT / "data" / "provinces" / "hai-phong.csv")


@dataclass
class G:  # a group row: TT on line-2, "Mục tiêu X.Y: …" on `line`
    tt: str
    line: int
    target: str
    subtarget: str = ""  # a group row that is itself a sub-target ("Mục tiêu 16.2.b: …")


@dataclass
class S:  # a sub-target heading row ("Mục tiêu 3.8.a:")
    line: int
    code: str
    blank_cells: bool = False  # the row has (empty) partner and period cells
    period: tuple[int, ...] = ()  # a period cell printed on the heading row itself


@dataclass
class T:  # a task row: TT on line-2, the task's text on `line`
    tt: str
    line: int
    partner: int | None = None  # line of the partner cell printed on this row
    period: tuple[int, ...] = ()  # lines of the period cell printed on this row


# ---- hand reading ------------------------------------------------------------------------

LEADS = {
    "02": ("cong-an-tp", 420, 422),
    "10": ("so-ngoai-vu", 2210, 2212),
    "11": ("so-noi-vu", 2285, 2287),
    "14": ("so-tnmt", 3038, 3040),
}
# the line after the last line of each appendix's table (the next "PHỤ LỤC")
ENDS = {"02": 563, "10": 2285, "11": 2366, "14": 3393}

DECLARED = {  # the "… chủ trì thực hiện các mục tiêu: …" sentence
    "02": (425, ["3.5.c", "10.6", "16.1", "16.2.b", "16.4", "16.8"]),
    "10": (2215, ["10.5"]),
    "11": (2290, ["10.2", "16.5.b"]),
    "14": (
        3043,
        [
            "3.8.a",
            "6.3.b",
            "6.4",
            "6.6",
            "12.2.a",
            "12.5.a",
            "13.1.a",
            "13.3.a",
            "14.1",
            "14.3",
            "15.1",
        ],
    ),
}

ROWS: dict[str, list] = {
    "02": [
        G("1", 439, "3.5"),
        S(443, "3.5.c"),
        T("1.1", 447, 449, (451, 453)),
        T("1.2", 457),
        G("2", 461, "10.6"),
        T("2.1", 465, 467, (469,)),  # line 471 is an empty second paragraph of the period cell
        T("2.2", 475),
        G("3", 479, "16.1"),
        T("3.1", 483, 485, (487,)),
        T("3.2", 491),
        T("3.3", 495),
        G("4", 499, "16.2", "16.2.b"),
        T("4.1", 503, 505, (507,)),
        T("4.2", 511),
        T("4.3", 515),
        T("4.4", 519),
        G("5", 523, "16.4"),
        T("5.1", 527, 529, (531, 533)),
        T("5.2", 537),
        T("5.3", 541),
        T("5.4", 545),
        G("6", 549, "16.8"),
        T("6.1", 553, 555, (557, 559)),
    ],
    "10": [
        G("1", 2229, "10.5"),
        T("1.1", 2233, 2235, (2237, 2239)),
        T("1.2", 2243),
        T("1.3", 2247),
        T("1.4", 2251),
        T("1.5", 2255),
        T("1.6", 2259),
        T("1.7", 2263, 2265, (2267,)),
        T("1.8", 2271, None, (2273,)),
        T("1.9", 2277),
        T("1.10", 2281),
    ],
    "11": [
        G("1", 2304, "10.2"),
        T("1.1", 2308, 2310, (2312,)),
        T("1.2", 2316),
        T("1.3", 2320, None, (2322,)),
        G("2", 2326, "16.5"),
        S(2330, "16.5.b", blank_cells=True, period=(2334, 2336)),
        T("2.1", 2340, 2342),
        T("2.2", 2346),
        T("2.3", 2350),
        T("2.4", 2354),
        T("2.5", 2358),
        T("2.6", 2362),
    ],
    "14": [
        G("1", 3057, "3.8"),
        S(3061, "3.8.a"),
        T("1.1", 3065, 3067, (3069,)),
        T("1.2", 3073),
        T("1.3", 3077),
        G("2", 3081, "6.3"),
        S(3085, "6.3.b", blank_cells=True),  # printed "Mục tiêu 6.3.b." (a full stop, no colon)
        T("2.1", 3093, 3095, (3097, 3099)),
        T("2.2", 3103),  # line 3105 is an empty paragraph
        G("3", 3109, "6.4"),
        T("3.1", 3113, 3115, (3117, 3119)),
        T("3.2", 3123),
        T("3.3", 3127),
        T("3.4", 3131),
        G("4", 3135, "6.6"),
        T("4.1", 3139, 3141, (3143, 3145)),
        T("4.2", 3149),
        T("4.3", 3153),
        T("4.4", 3157),
        G("5", 3161, "12.2"),
        S(3165, "12.2.a", blank_cells=True),  # printed "Mục tiêu 12.2a:"
        T("5.1", 3173, 3175, (3177, 3179)),
        T("5.2", 3183),
        T("5.3", 3187),
        T("5.4", 3191),
        T("5.5", 3195),
        G("6", 3199, "12.5"),
        S(3203, "12.5.a", blank_cells=True),
        T("6.1", 3211, 3213, (3215, 3217)),
        T("6.2", 3221),  # line 3223 is an empty paragraph
        G("7", 3227, "13.1"),
        S(3231, "13.1.a", blank_cells=True),
        T("7.1", 3239, 3241, (3243, 3245)),
        T("7.2", 3249),
        T("7.3", 3253),
        T("7.4", 3257),
        G("8", 3261, "13.3"),
        S(3265, "13.3.a", blank_cells=True),
        T("8.1", 3273, 3275, (3277, 3279)),
        T("8.2", 3283),
        T("8.3", 3287),
        T("8.4", 3291),
        T("8.5", 3295),
        T("8.6", 3299),
        G("9", 3303, "14.1"),
        T("9.1", 3307, 3309, (3311, 3313)),
        T("9.2", 3317),
        T("9.3", 3321),
        T("9.4", 3325),
        T("9.5", 3329),
        T("9.6", 3333),
        T("9.7", 3337),
        G("10", 3341, "14.3"),
        T("10.1", 3345, 3347, (3349, 3351)),
        T("10.2", 3355),
        T("10.3", 3359),
        T("10.4", 3363),
        T("10.5", 3367),
        T("10.6", 3371),
        G("11", 3375, "15.1"),
        T("11.1", 3379, 3381, (3383, 3385)),
        T("11.2", 3389),
    ],
}

# Each partner cell, name by name, mapped by hand to data/agencies.csv.
PARTNERS: dict[int, list[str]] = {
    # "Các Sở: Giáo dục và Đào tạo, Giao thông Vận tải, Thông tin và Truyền thông; Đài PTTH Hải
    # Phòng; Báo Hải Phòng; UBND các quận, huyện; Các tổ chức chính trị - xã hội."
    449: [
        "so-gddt",
        "so-gtvt",
        "so-tttt",
        "dai-ptth",
        "bao-tinh",
        "ubnd-districts",
        "to-chuc-ct-xh",
    ],
    # "Các Sở: Ngoại vụ, Lao động - Thương binh và Xã hội, Tư pháp; UBND các quận, huyện"
    467: ["so-ngoai-vu", "so-ldtbxh", "so-tu-phap", "ubnd-districts"],
    # "Các Sở: Lao động - Thương binh và Xã hội, Văn hóa và Thể thao, Giáo dục và Đào tạo, Tư
    # pháp, Thông tin và Truyền thông; Tòa án nhân dân thành phố; Viện kiểm sát nhân dân thành
    # phố; Hội Liên hiệp phụ nữ thành phố; Đài PTTH Hải Phòng; UBND các quận, huyện; Các tổ chức
    # chính trị - xã hội."
    485: [
        "so-ldtbxh",
        "so-vhtt",
        "so-gddt",
        "so-tu-phap",
        "so-tttt",
        "toa-an-tp",
        "vks-tp",
        "hoi-lhpn-tp",
        "dai-ptth",
        "ubnd-districts",
        "to-chuc-ct-xh",
    ],
    # the same, plus Du lịch and Ngoại vụ in the list of departments
    505: [
        "so-ldtbxh",
        "so-du-lich",
        "so-vhtt",
        "so-gddt",
        "so-ngoai-vu",
        "so-tu-phap",
        "so-tttt",
        "toa-an-tp",
        "vks-tp",
        "hoi-lhpn-tp",
        "dai-ptth",
        "ubnd-districts",
        "to-chuc-ct-xh",
    ],
    # "Các Sở: Tư pháp, Ngoại vụ, Thông tin và Truyền thông; Bộ Chỉ huy quân sự thành phố; Bộ
    # Chỉ huy Bộ đội biên phòng Hải Phòng; Tòa án nhân dân thành phố; Viện Kiểm sát nhân dân thành
    # phố; Ngân hàng nhà nước Việt Nam chi nhánh Hải Phòng; Thanh tra thành phố; Đài PTTH Hải
    # Phòng; Báo Hải Phòng; UBND các quận, huyện; Các tổ chức chính trị - xã hội."
    529: [
        "so-tu-phap",
        "so-ngoai-vu",
        "so-tttt",
        "bchqs-tp",
        "bdbp",
        "toa-an-tp",
        "vks-tp",
        "nhnn",
        "thanh-tra-tp",
        "dai-ptth",
        "bao-tinh",
        "ubnd-districts",
        "to-chuc-ct-xh",
    ],
    # "Đài Phát thanh và Truyền hình Hải Phòng; Báo Hải Phòng; Sở Thông tin truyền thông; Sở Tư
    # pháp; UBND các quận, huyện; UBND cấp xã."
    555: [
        "dai-ptth",
        "bao-tinh",
        "so-tttt",
        "so-tu-phap",
        "ubnd-districts",
        "ubnd-communes",
    ],
    # "Các Sở, Ban, Ngành; Các đơn vị có liên quan." (twice)
    2235: ["vague-depts-sectors", "vague-related-units"],
    2265: ["vague-depts-sectors", "vague-related-units"],
    # "Các Sở, Ban, Ngành; UBND các quận, huyện, xã, phường, thị trấn." (a compound of
    # data/agency-compounds.csv: district and commune People's Committees)
    2310: ["vague-depts-sectors", "ubnd-districts", "ubnd-communes"],
    # "… ; UBND các quận, huyện, xã, phường, thị trấn; Các đơn vị có liên quan"
    2342: ["vague-depts-sectors", "ubnd-districts", "ubnd-communes", "vague-related-units"],
    # "Các Sở, Ban, Ngành; UBND các quận, huyện." / "… UBND các quận, huyện liên quan."
    3067: ["vague-depts-sectors", "ubnd-districts"],
    3095: ["vague-depts-sectors", "ubnd-districts"],
    3141: ["vague-depts-sectors", "ubnd-districts"],
    3213: ["vague-depts-sectors", "ubnd-districts"],
    3275: ["vague-depts-sectors", "ubnd-districts"],
    3347: ["vague-depts-sectors", "ubnd-districts"],
    # "Các Sở: Xây dựng, Nông nghiệp và Phát triển nông thông, Thông tin và Truyền thông, Tài
    # chính, Kế hoạch và Đầu tư, Ngoại vụ."  ("nông thông": a typo of the registry)
    3115: ["so-xay-dung", "so-nnptnt", "so-tttt", "so-tai-chinh", "so-khdt", "so-ngoai-vu"],
    # "Các Sở: Nông nghiệp và Phát triển nông thông, Công thương, Xây dựng, Giao thông vận tải,
    # Du lịch, Tài chính, Kế hoạch và Đầu tư; UBND các quận, huyện."
    3175: [
        "so-nnptnt",
        "so-cong-thuong",
        "so-xay-dung",
        "so-gtvt",
        "so-du-lich",
        "so-tai-chinh",
        "so-khdt",
        "ubnd-districts",
    ],
    # "Các Sở: Nông nghiệp và Phát triển nông thôn, Công thương, Xây dựng, Giao thông vận tải, Kế
    # hoạch và Đầu tư, Khoa học và Công nghệ; Đài Khí tượng thủy văn Đông Bắc; UBND các quận,
    # huyện."
    3241: [
        "so-nnptnt",
        "so-cong-thuong",
        "so-xay-dung",
        "so-gtvt",
        "so-khdt",
        "so-khcn",
        "dai-kttv-dong-bac",
        "ubnd-districts",
    ],
    # "Các Sở: Nông nghiệp và Phát triển nông thôn, Công thương, Y tế, Xây dựng, Giao thông vận
    # tải; Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp, UBND các quận, huyện liên
    # quan."
    3309: [
        "so-nnptnt",
        "so-cong-thuong",
        "so-y-te",
        "so-xay-dung",
        "so-gtvt",
        "to-chuc-ct-xh",
        "to-chuc-xh-nn",
        "ubnd-districts",
    ],
    # "Các Sở: Nông nghiệp và phát triển nông thôn, Khoa học và Công nghệ; UBND các quận, huyện
    # liên quan"
    3381: ["so-nnptnt", "so-khcn", "ubnd-districts"],
}

# Each period cell (its lines) read by hand; "Hàng năm" (every year) is `annual`.
PERIODS: dict[tuple[int, ...], list[str]] = {
    (451, 453): ["2017-2020", "2021-2030"],  # "2017-2020 và" / "2021-2030"
    (469,): ["2017-2020"],
    (487,): ["2017-2020"],
    (507,): ["2017-2020"],
    (531, 533): ["2017-2020", "2021-2030"],
    (557, 559): ["2017-2020", "2021-2030"],
    (2237, 2239): ["2017-2020", "2021-2030"],
    (2267,): ["annual"],  # "Hàng năm"
    (2273,): ["2017-2020"],  # "2017- 2020"
    (2312,): ["2017-2020"],  # "2017- 2020"
    (2322,): ["2021-2030"],  # "2021 - 2030"
    (2334, 2336): ["2017-2020", "2021-2030"],  # "2017- 2020 và" / "2021-2030"
    (3069,): ["2017-2020"],
    (3097, 3099): ["2017-2020", "2021-2030"],
    (3117, 3119): ["2017-2020", "2021-2030"],
    (3143, 3145): ["2017-2020", "2021-2030"],
    (3177, 3179): ["2017-2020", "2021-2030"],
    (3215, 3217): ["2017-2020", "2021-2030"],
    (3243, 3245): ["2017-2020", "2021-2030"],
    (3277, 3279): ["2017-2020", "2021-2030"],
    (3311, 3313): ["2017-2020", "2021-2030"],
    (3349, 3351): ["2017-2020", "2021-2030"],
    (3383, 3385): ["2017-2020", "2021-2030"],
}

# ---- end of the hand reading ---------------------------------------------------------------


def clean(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()


def dump(key: dict) -> str:
    """JSON with one line per task and per table row, so that a diff shows what changed."""

    def block(items: list, indent: str) -> str:
        lines = [indent + json.dumps(x, ensure_ascii=False) for x in items]
        return "[\n" + ",\n".join(lines) + "\n" + indent[:-2] + "]"

    apps = []
    for app in key["appendices"]:
        head = {k: v for k, v in app.items() if k != "rows"}
        inner = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
        inner = "  " + inner.replace("\n", "\n  ")
        apps.append(inner + ',\n   "rows": ' + block(app["rows"], "    ") + "\n  }")
    top = {k: v for k, v in key.items() if k not in ("appendices", "tasks")}
    text = json.dumps(top, ensure_ascii=False, indent=1)[:-2]
    return (
        text
        + ',\n "appendices": [\n'
        + ",\n".join(apps)
        + '\n ],\n "tasks": '
        + block(key["tasks"], "  ")
        + "\n}\n"
    )


def main() -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")

    def at(n: int) -> str:
        return clean(lines[n - 1])

    registry = {
        row.split(",", 1)[0]
        for path in REGISTRY
        for row in path.read_text(encoding="utf-8").splitlines()[1:]
    }
    for ids in PARTNERS.values():
        for i in ids:
            assert i in registry or i.startswith(("ubnd-q-", "ubnd-h-")), i

    appendices, tasks = [], []
    for number, rows in ROWS.items():
        lead, head_line, lead_line = LEADS[number]
        assert at(head_line) == f"PHỤ LỤC {number}", number
        assert at(lead_line).startswith("CƠ QUAN CHỦ TRÌ THỰC HIỆN:"), number
        layout = []
        target = subtarget = ""
        partner = None
        period: tuple[int, ...] = ()
        for row in rows:
            if isinstance(row, G):
                assert at(row.line - 2) == row.tt, (number, row)
                code = row.subtarget or row.target
                assert at(row.line).startswith(f"Mục tiêu {code}:"), (number, row, at(row.line))
                target, subtarget = row.target, row.subtarget
                partner, period = None, ()
                layout.append(
                    {
                        "kind": "group",
                        "tt": row.tt,
                        "text": at(row.line),
                        "line": row.line,
                        "target": row.target,
                        "subtarget": row.subtarget,
                    }
                )
            elif isinstance(row, S):
                raw = at(row.line)
                assert raw.startswith("Mục tiêu ") and raw.rstrip(":.").replace(
                    "Mục tiêu ", ""
                ).replace(".", "") == row.code.replace(".", ""), (number, raw)
                subtarget = row.code
                partner, period = None, row.period
                layout.append(
                    {
                        "kind": "subtarget",
                        "text": raw,
                        "line": row.line,
                        "code": row.code,
                        "blank_cells": row.blank_cells,
                        "period_cell": [at(n) for n in row.period],
                        "period_lines": list(row.period),
                    }
                )
            else:
                assert at(row.line - 2) == row.tt, (number, row, at(row.line - 2))
                text = at(row.line)
                assert not text.startswith("Mục tiêu"), (number, row)
                partners_inherited = row.partner is None
                period_inherited = not row.period
                if row.partner is not None:
                    partner = row.partner
                if row.period:
                    period = row.period
                assert partner is not None, (number, row.tt, "no partner cell above")
                assert period, (number, row.tt, "no period cell above")
                layout.append(
                    {
                        "kind": "task",
                        "tt": row.tt,  # its text is the task's "text" in "tasks"
                        "line": row.line,
                        "partner_cell": at(row.partner) if row.partner else None,
                        "partner_line": row.partner,
                        "period_cell": [at(n) for n in row.period] or None,
                        "period_lines": list(row.period) or None,
                    }
                )
                tasks.append(
                    {
                        "appendix": number,
                        "task_no": row.tt,
                        "text": text,
                        "text_line": row.line,
                        "target": target,
                        "subtarget": subtarget,
                        "lead_agency_id": lead,
                        "partners": PARTNERS[partner],
                        "partners_raw": at(partner),
                        "partners_line": partner,
                        "partners_inherited": partners_inherited,
                        "periods": PERIODS[period],
                        "periods_raw": " ".join(at(n) for n in period),
                        "periods_line": period[0],
                        "period_inherited": period_inherited,
                    }
                )
        decl_line, declared = DECLARED[number]
        appendices.append(
            {
                "number": number,
                "lead_agency_id": lead,
                "heading": at(head_line),
                "lead_heading": at(lead_line),
                "attached_note": at(lead_line + 1),
                "declaration": at(decl_line),
                "intro": at(decl_line + 2),
                "declared_targets": declared,
                "header": [at(n) for n in range(decl_line + 4, decl_line + 11, 2)],
                "source_lines": [head_line, ENDS[number] - 1],
                "rows": layout,
            }
        )
    key = {
        "source": "data/sources/haiphong-2894-QD-UBND-2017.txt",
        "note": "Hand reading of appendices 02, 10, 11 and 14; see README.md.",
        "front": {
            "issuer": [at(15), at(16)],
            "motto": [at(19), at(20)],
            "number": at(23),
            "place_date": at(25),
            "kind": at(29),
            "title": at(31),
            "body": [at(33), at(41), at(43), at(45)],
            "signature": [at(63), at(64), at(65), at(70)],
        },
        "appendices": appendices,
        "tasks": tasks,
    }
    (HERE / "key.json").write_text(dump(key), encoding="utf-8")
    print(f"{len(tasks)} tasks, {sum(len(t['partners']) for t in tasks)} task x partner pairs")


if __name__ == "__main__":
    main()
