"""Write N synthetic plans, in the formats and layouts plans are published in, for scale tests.

SYNTHETIC DATA, FOR BENCHMARKS ONLY: never present it as real plans. Each plan starts from the
bundled Hải Phòng text and is changed the way real provincial plans differ: another province and
decision number, appendices and task rows reshuffled, partner cells written with other
abbreviations, list forms and typos, rows added and dropped. The plans then take turns over
the formats (the legal site's text, HTML, DOCX, XLSX, text copied from Word) and the layouts
(an appendix per lead; one table with a lead column), rendered by renderings.py from what the
reader reads of their text. The reader then parses each file as a real document. The same seed
gives the same plans. ``--broken K`` cuts K plans mid-table on purpose, and says which.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date
from pathlib import Path

PROVINCES = [
    "Hà Nội",
    "Hồ Chí Minh",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Hải Phòng",
]
# Spellings a real plan may use instead of another: (pattern, replacement).
VARIANTS = [
    ("Ủy ban nhân dân các quận, huyện", "UBND các quận, huyện"),
    ("UBND các quận, huyện", "Ủy ban nhân dân các quận, huyện"),
    ("Đài Phát thanh và Truyền hình Hải Phòng", "Đài PTTH Hải Phòng"),
    ("Công an thành phố", "Công an TP"),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch - Đầu tư"),
    ("Các đơn vị có liên quan", "Các đơn vị liên quan"),
    ("Tài nguyên và Môi trường", "Tài nguyên & Môi trường"),
    ("Sở Văn hóa và Thể thao", "Sở Văn hóaThể thao"),
    ("Nông nghiệp và Phát triển nông thôn", "Nông nghiệp và Phát triển nông thông"),
]
_ROW = re.compile(r"^\d{1,3}\.\d{1,3}(?:\.\d{1,3})*$")
_SO = re.compile(r"^Sở ([^;,:]+)$")


def _blocks(lines: list[str], start: re.Pattern[str]) -> tuple[list[str], list[list[str]]]:
    head: list[str] = []
    blocks: list[list[str]] = []
    for line in lines:
        if start.match(line):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        else:
            head.append(line)
    return head, blocks


def _vary_cell(cell: str, rng: random.Random) -> str:
    for old, new in VARIANTS:
        if old in cell and rng.random() < 0.3:
            cell = cell.replace(old, new, 1)
    parts = [p.strip() for p in cell.split(";")]
    departments = [m[1] for p in parts if (m := _SO.match(p))]
    if len(departments) >= 2 and rng.random() < 0.5:  # "Sở A; Sở B" → "Các Sở: A, B"
        others = [p for p in parts if not _SO.match(p)]
        cell = "; ".join([f"Các Sở: {', '.join(departments)}", *others])
    if rng.random() < 0.02 and len(cell) > 12:  # a dropped letter: a typo the reader must report
        i = rng.randrange(4, len(cell) - 1)
        cell = cell[:i] + cell[i + 1 :]
    return cell


def _vary_table(block: list[str], rng: random.Random) -> list[str]:
    """Within an appendix: vary partner cells, drop and add task rows, swap neighbouring rows."""
    head, rows = _blocks(block, _ROW)
    out_rows: list[list[str]] = []
    for row in rows:
        if rng.random() < 0.04 and len(rows) > 3:
            continue  # a dropped row
        row = [
            _vary_cell(line, rng) if i >= 2 and ";" in line else line for i, line in enumerate(row)
        ]
        out_rows.append(row)
        if rng.random() < 0.03:  # an added row, numbered after the one it follows
            number = row[0] + ".9"
            out_rows.append(
                [number, "", f"Nhiệm vụ bổ sung {number}: rà soát, đánh giá kết quả.", ""]
            )
    for i in range(len(out_rows) - 1):
        if rng.random() < 0.05 and out_rows[i][0].count(".") == out_rows[i + 1][0].count("."):
            out_rows[i], out_rows[i + 1] = out_rows[i + 1], out_rows[i]
    return head + [line for row in out_rows for line in row]


# Hải Phòng's districts in the order its registry lists them; a synthetic plan of another
# province names that province's own districts in their place.
HAI_PHONG_DISTRICTS = (
    "Hồng Bàng",
    "Ngô Quyền",
    "Lê Chân",
    "Hải An",
    "Kiến An",
    "Đồ Sơn",
    "Dương Kinh",
    "Thủy Nguyên",
    "An Dương",
    "An Lão",
    "Kiến Thụy",
    "Tiên Lãng",
    "Vĩnh Bảo",
    "Cát Hải",
    "Bạch Long Vĩ",
)
# Hải Phòng's own bodies, which another province does not have: named so in its plan, they
# are (rightly) unresolved there.
HAI_PHONG_ONLY = ("vcci-hp", "clb-ca-tru-tp", "cac-clb-ca-tru", "dai-kttv-dong-bac")
# How plans abbreviate departments and bodies: each spelling is used at random for some.
ABBREVIATED = [
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    ("Sở Thông tin và Truyền thông", "Sở TT&TT"),
    ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    ("Đài Phát thanh và Truyền hình", "Đài PT&TH"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban MTTQ Việt Nam"),
    ("Hội Liên hiệp phụ nữ", "Hội LHPN"),
]
_DISTRICT_PAIR = re.compile(r"(quận, huyện|huyện, quận|quận huyện|quận/huyện|huyện,quận)")


def province_of(name: str) -> object:
    from build_graph.model.gazetteer import find_province

    province = find_province(name)
    if province is None:
        raise ValueError(f"{name}: not a province of the gazetteer")
    return province


def district_map(name: str, when: date) -> dict[str, str]:
    """Hải Phòng's district names → the names this province's plan uses in their place: its
    districts on the plan's date (Bà Rịa - Vũng Tàu's Tân Thành in 2017, Phú Mỹ from 2018)."""
    from build_graph.model.gazetteer import districts_on

    districts = [d.name for d in districts_on(province_of(name), when)]  # type: ignore[arg-type]
    return {hp: districts[i % len(districts)] for i, hp in enumerate(HAI_PHONG_DISTRICTS)}


def localize(text: str, name: str, rng: random.Random, when: date = date(2017, 1, 1)) -> str:
    """The plan's bodies and districts named as province ``name`` names its own.

    Where the province is no centrally-run city, its bodies are "tỉnh" bodies ("Công an tỉnh",
    "Tỉnh Đoàn"), its district collectives "huyện, thị xã, thành phố"; its districts stand
    where Hải Phòng's are named; "HP" becomes its own initials."""
    from build_graph.model.agencies import initials_of

    province = province_of(name)
    for hp, own in district_map(name, when).items():
        text = re.sub(rf"\b{hp}\b", own, text)
    if not province.city:  # type: ignore[attr-defined]
        text = text.replace("Thành Đoàn", "Tỉnh Đoàn")
        for city, tinh in (("thành phố", "tỉnh"), ("Thành phố", "Tỉnh"), ("THÀNH PHỐ", "TỈNH")):
            text = text.replace(city, tinh)
        text = re.sub(r"\bTP\b(?!\.)", "tỉnh", text)
        text = _DISTRICT_PAIR.sub(
            lambda _: rng.choice(["huyện, thị xã, thành phố"] * 3 + ["huyện, thành phố"]), text
        )
    text = text.replace("HẢI PHÒNG", name.upper()).replace("Hải Phòng", name)
    initials = initials_of(name)
    if initials:
        text = re.sub(r"\bHP\b", initials, text)
    for full, short in ABBREVIATED:
        text = re.sub(re.escape(full), lambda m, s=short: s if rng.random() < 0.3 else m[0], text)
    return text


def make_plan(text: str, index: int, rng: random.Random) -> str:
    province = PROVINCES[index % len(PROVINCES)]
    number = 1000 + rng.randrange(8999)
    day, month = rng.randrange(1, 29), rng.randrange(1, 13)
    lines = text.split("\n")
    start = lines.index("PHỤ LỤC 01")
    end = next(i for i in range(len(lines) - 1, 0, -1) if lines[i].startswith("1.5"))
    end = next(i for i in range(end, len(lines)) if lines[i].startswith("Văn bản này"))
    front, body, footer = lines[:start], lines[start:end], lines[end:]
    front = [
        line.replace("2894/QĐ-UBND", f"{number}/QĐ-UBND").replace(
            "Hải Phòng, ngày 30 tháng 10 năm 2017", f"Hải Phòng, ngày {day} tháng {month} năm 2017"
        )
        for line in front
    ]
    head, appendices = _blocks(body, re.compile(r"^PHỤ LỤC \d+$"))
    rng.shuffle(appendices)
    body = head + [line for block in appendices for line in _vary_table(block, rng)]
    header = [
        f"Kế hoạch hành động tổng hợp (DỮ LIỆU TỔNG HỢP, KHÔNG PHẢI VĂN BẢN THẬT) số {index}",
        "",
    ]
    plan = localize("\n".join(front + body), province, rng, date(2017, month, day))
    return "\n".join([*header, plan, *footer])


FORMATS = ("text", "html", "docx", "xlsx", "tsv")
LAYOUTS = ("appendix", "one-table")


def mix(formats: tuple[str, ...], layouts: tuple[str, ...]) -> list[tuple[str, str]]:
    """The (format, layout) pairs the plans take in turn. The legal site's flattened text has no
    columns, so the one-table layout is rendered in the structured formats only."""
    pairs = [(f, layout) for layout in layouts for f in formats]
    return [(f, layout) for f, layout in pairs if not (f == "text" and layout != "appendix")]


def write_plan(text: str, path: Path, fmt: str, layout: str, registry: object) -> Path:
    """``text`` as it is (text, appendix layout), else read and rendered in ``fmt``/``layout``."""
    if fmt == "text" and layout == "appendix":
        target = path.with_suffix(".txt")
        target.write_text(text, encoding="utf-8")
        return target
    import tempfile

    import renderings

    from build_graph import read_plan

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.txt"
        source.write_text(text, encoding="utf-8")
        plan = read_plan(source, registry=registry)
    # the lead column names each lead as the plan's own province does ("Công an tỉnh")
    own = registry.for_plan(plan.metadata)  # type: ignore[attr-defined]
    rendering = (
        renderings.appendix_layout(plan)
        if layout == "appendix"
        else renderings.one_table_layout(plan, own)
    )
    stem = path.stem + ("-one-table" if layout != "appendix" else "")
    return renderings.write(rendering, path.parent, stem, (fmt,))[fmt]


def broken(text: str) -> str:
    """The plan cut mid-table, its page's end gone: a copy the reader must refuse."""
    lines = text.split("\n")
    cut = int(len(lines) * 0.6)
    while cut < len(lines) and not re.match(r"^\d+(\.\d+)+$", lines[cut]):
        cut += 1
    return "\n".join(lines[: cut + 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, help="number of plans")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2030)
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument(
        "--formats", default=",".join(FORMATS), help=f"comma-separated, of {', '.join(FORMATS)}"
    )
    parser.add_argument(
        "--layouts", default=",".join(LAYOUTS), help=f"comma-separated, of {', '.join(LAYOUTS)}"
    )
    parser.add_argument(
        "--broken", type=int, default=0, metavar="K", help="cut the last K plans on purpose"
    )
    args = parser.parse_args()
    from build_graph import default_source
    from build_graph.model import Registry

    formats = tuple(f for f in args.formats.split(",") if f)
    layouts = tuple(layout for layout in args.layouts.split(",") if layout)
    unknown = (set(formats) - set(FORMATS)) | (set(layouts) - set(LAYOUTS))
    if unknown:
        parser.error(f"unknown format or layout: {', '.join(sorted(unknown))}")
    pairs = mix(formats, layouts)
    text = (args.source or default_source()).read_text(encoding="utf-8")
    args.out.mkdir(parents=True, exist_ok=True)
    registry = Registry.load()
    rng = random.Random(args.seed)
    made: dict[tuple[str, str], int] = {}
    for index in range(args.count):
        plan = make_plan(text, index, rng)
        path = args.out / f"synthetic-plan-{index + 1:02d}.txt"
        if index >= args.count - args.broken:
            path.write_text(broken(plan), encoding="utf-8")
            print(f"broken on purpose (cut mid-table, no page end): {path.name}")
            continue
        fmt, layout = pairs[index % len(pairs)]
        write_plan(plan, path, fmt, layout, registry)
        made[(fmt, layout)] = made.get((fmt, layout), 0) + 1
    kinds = ", ".join(f"{n} {f}/{layout}" for (f, layout), n in sorted(made.items()))
    print(f"wrote {args.count} synthetic plans (seed {args.seed}) into {args.out}: {kinds}")


if __name__ == "__main__":
    main()
