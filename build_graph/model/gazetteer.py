"""Viet Nam's provinces and their districts at a date, from the official register and its changes.

A plan's "UBND các huyện, thị xã, thành phố" is a collective whose members are that province's
districts at the plan's date; a district named in a partner cell is one of them, never another
province's. The anchor is the General Statistics Office's register as of 2020-02-25
(data/gazetteer/districts.csv); data/gazetteer/changes.csv records every district-level change
found between 2017 and mid-2025 (merges, upgrades, splits, renames, each with its legal basis
and whether it was verified), so the districts of any date from 2017-01-01 to 2025-06-30 are the
anchor with the later changes applied and the earlier ones undone. From 2025-07-01 there is no
district level of local government: a province has no districts (see data/gazetteer/README.md).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from build_graph.marks import drop_marks
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
# not after "q": in "Quỳ", "qu" is the consonant and the tone is on "y" already
_OLD_TONE = re.compile("(?<![qQ])(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])", re.IGNORECASE)
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
    plain = drop_marks(unicodedata.normalize("NFD", text)).lower()
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


# ---- districts at a date ------------------------------------------------------------------------

# The day the district level of local government ended (Resolution 203/2025/QH15 amending the
# Constitution; Law on the Organisation of Local Government 72/2025/QH15).
DISTRICT_LEVEL_ENDS = date(2025, 7, 1)
_UNIT_HEAD = re.compile(r"^(Quận|Huyện|Thị xã|Thành phố)\s+(.+)$")


@dataclass(frozen=True)
class Change:
    """One district-level change in one province (data/gazetteer/changes.csv).

    ``registered`` is the date of the first copy of the register that shows it: the anchor
    register (2020-02-25) already has every change registered by then, whatever its legal date."""

    effective: date
    province_code: str
    kind: str  # merge | upgrade | split | spelling | abolition
    before: tuple[District, ...]
    after: tuple[District, ...]
    legal_basis: str
    status: str  # verified | unverified | derived
    registered: date | None


def _units(names: str, codes: str, where: str) -> tuple[District, ...]:
    """ "Huyện Hoành Bồ; Thành phố Hạ Long" with codes "204;193" → two districts."""
    parts = [n.strip() for n in names.split(";") if n.strip()]
    numbers = [c.strip() for c in codes.split(";")] if codes.strip() else [""] * len(parts)
    if len(numbers) != len(parts):
        raise ValueError(f"{where}: {len(parts)} units but {len(numbers)} codes")
    units = []
    for name, code in zip(parts, numbers, strict=True):
        match = _UNIT_HEAD.match(name)
        if not match:
            raise ValueError(f"{where}: {name!r} is no district-level unit (Quận/Huyện/Thị xã/…)")
        units.append(District(new_tones(match[2]), match[1].lower(), code))
    return tuple(units)


@cache
def changes() -> tuple[Change, ...]:
    """Every recorded change, in order of its legal date."""
    path = data_file("gazetteer/changes.csv")
    found = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}:{line}"
            abolition = row["kind"] == "abolition"
            found.append(
                Change(
                    date.fromisoformat(row["date"]),
                    row["province_code"],
                    row["kind"],
                    () if abolition else _units(row["before"], row["before_codes"], where),
                    () if abolition else _units(row["after"], row["after_codes"], where),
                    row["legal_basis"],
                    row["status"],
                    date.fromisoformat(row["registered"]) if row["registered"] else None,
                )
            )
    return tuple(sorted(found, key=lambda change: change.effective))


def as_date(when: date | int) -> date:
    """A plan's date, or its year read as the year's first day (the units in force as it began)."""
    return when if isinstance(when, date) else date(when, 1, 1)


def has_district_level(when: date | int) -> bool:
    """Whether provinces were divided into districts on that date (until 2025-06-30)."""
    return as_date(when) < DISTRICT_LEVEL_ENDS


def _key(district: District) -> tuple[str, str]:
    return district.unit, fold(district.name)


def _replace(
    units: list[District], gone: tuple[District, ...], new: tuple[District, ...], why: str
) -> list[District]:
    keys = {_key(d) for d in units}
    missing = [f"{d.unit} {d.name}" for d in gone if _key(d) not in keys]
    if missing:
        raise ValueError(f"gazetteer/changes.csv: {why}: {', '.join(missing)} not in the province")
    removed = {_key(d) for d in gone}
    return [d for d in units if _key(d) not in removed] + list(new)


def districts_on(province: Province, when: date | int | None) -> tuple[District, ...]:
    """The province's district-level units on ``when`` (a date, or a year: its first day).

    ``None`` (an undated plan) gives the anchor register of 2020-02-25 unchanged; a date from
    2025-07-01 on gives none: there is no district level any more."""
    if when is None:
        return province.districts
    day = as_date(when)
    if not has_district_level(day):
        return ()
    anchor = date.fromisoformat(province.as_of)
    own = [c for c in changes() if c.province_code == province.code and c.kind != "abolition"]
    units = list(province.districts)
    for change in reversed(own):  # undo what the anchor shows but had not happened yet
        if change.registered and change.registered <= anchor and change.effective > day:
            units = _replace(units, change.after, change.before, f"undoing {change.legal_basis}")
    for change in own:  # apply what had happened but the anchor did not show yet
        if (change.registered is None or change.registered > anchor) and change.effective <= day:
            units = _replace(units, change.before, change.after, f"applying {change.legal_basis}")
    order = {_key(d): i for i, d in enumerate(province.districts)}
    return tuple(sorted(units, key=lambda d: (order.get(_key(d), len(order)), d.code)))


def districts_of(place: str, when: date | int | None) -> tuple[District, ...]:
    """The districts of the province ``place`` names ("Quảng Ninh") on ``when``."""
    province = find_province(place)
    if province is None:
        raise ValueError(f"{place!r} is no province of the register")
    return districts_on(province, when)
