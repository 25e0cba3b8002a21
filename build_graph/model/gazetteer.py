"""Viet Nam's provinces and their districts, as the official register gives them at a date.

A plan's "UBND các huyện, thị xã, thành phố" is a collective whose members are that province's
districts at the plan's date; a district named in a partner cell is one of them, never another
province's. The register is the General Statistics Office's list of administrative units as of
2020-02-25 (data/gazetteer/districts.csv, see data/SOURCES.md): the dated copy closest to the
2017-2021 plans. District-level changes between a plan's date and that list are not modelled,
and a plan issued after the July 2025 reform (no district level) is outside it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from build_graph.resources import data_file

# Old-style tone placement ("Thuỵ", "Hoà") as the register writes names, and the new style the
# plans and the registry use ("Thụy", "Hòa").
_OLD_TONES = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oé": "óe",
    "oè": "òe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OLD_TONE = re.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])", re.IGNORECASE)
# The register's kinds of district, and the words a plan names them by.
UNIT_EN = {"quận": "District", "huyện": "Rural District", "thị xã": "Town", "thành phố": "City"}
UNIT_ID = {"quận": "q", "huyện": "h", "thị xã": "tx", "thành phố": "tp"}


def new_tones(text: str) -> str:
    """ "Kiến Thuỵ" → "Kiến Thụy": the tone placement the plans use."""

    def swap(match: re.Match[str]) -> str:
        old = match[1]
        new = _OLD_TONES[old.lower()]
        return new.capitalize() if old[0].isupper() else new

    return _OLD_TONE.sub(swap, unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, words joined by single spaces: for matching names."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@dataclass(frozen=True)
class District:
    """A district-level unit: quận, huyện, thị xã or thành phố thuộc tỉnh."""

    name: str  # "Thủy Nguyên", new tones, without its unit word
    unit: str  # quận | huyện | thị xã | thành phố
    code: str  # the register's code ("" for an island district it leaves out)


@dataclass(frozen=True)
class Province:
    """A province (tỉnh) or a centrally-run city (thành phố trung ương) and its districts."""

    name: str  # "Hải Phòng", without "Thành phố"/"Tỉnh"
    city: bool  # a centrally-run city: its bodies are "thành phố" bodies
    code: str
    districts: tuple[District, ...]
    as_of: str


def _short(name: str) -> str:
    return re.sub(r"^(Thành phố|Tỉnh)\s+", "", name).strip()


@cache
def provinces() -> dict[str, Province]:
    """Every province by its folded short name ("hai phong", "ba ria vung tau")."""
    rows: dict[str, list[dict[str, str]]] = {}
    with data_file("gazetteer/districts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["province"], []).append(row)
    found: dict[str, Province] = {}
    for name, members in rows.items():
        districts = tuple(
            District(
                new_tones(re.sub(r"^(Quận|Huyện|Thị xã|Thành phố)\s+", "", row["district"])),
                row["district_type"],
                row["district_code"],
            )
            for row in members
        )
        first = members[0]
        province = Province(
            new_tones(_short(name)),
            first["province_type"] == "thành phố trung ương",
            first["province_code"],
            districts,
            first["as_of"],
        )
        found[fold(province.name)] = province
    return found


def find_province(*names: str) -> Province | None:
    """The province a plan's issuer or place names ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
    "Quảng Ninh"), or None when neither is one of the register's provinces."""
    known = provinces()
    for name in names:
        text = re.sub(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s*", "", name.strip(), flags=re.I)
        text = re.sub(r"^(TỈNH|THÀNH PHỐ|TP\.?)\s+", "", text.strip(), flags=re.I)
        key = fold(text)
        if key in known:
            return known[key]
        compact = key.replace(" ", "")
        for folded, province in known.items():
            if folded.replace(" ", "") == compact:
                return province
    return None
