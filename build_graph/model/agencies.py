"""The curated agency registry and the resolver that maps partner cells onto it.

A partner cell is a list ("A; B; Các Sở: C, D") written with abbreviations (UBND, TP, PTTH),
variant spellings and typos. The resolver turns every part of it into one or more canonical
agencies, and never drops a part silently: what it cannot resolve becomes an *unresolved* agent.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from build_graph.resources import data_file

# The kinds are concepts shared by every plan's graph: their labels name the level of
# government (provincial: a province or a centrally-run city such as Hải Phòng; district;
# commune), not one city's bodies. The notations ("city-committee"…) stay as first published.
KINDS: dict[str, str] = {
    "department": "Provincial-level department (Sở)",
    "city-body": "Provincial-level body",
    "public-service-unit": "Public service unit",
    "police": "Police",
    "military": "Military and border guard",
    "inspectorate": "Inspectorate",
    "judicial": "Court or procuracy",
    "media": "Media",
    "mass-organisation": "Mass or socio-political organisation",
    "association": "Professional or business association",
    "enterprise": "Enterprise",
    "central-body": "Central or regional state body",
    "city-committee": "Provincial-level People's Committee",
    "district-committee": "District-level People's Committee",
    "district-collective": "District-level People's Committees (collective)",
    "commune-collective": "Commune People's Committees (collective)",
    "collective": "Collective of units",
    "vague": "Generic or vague unit",
    "unresolved": "Unresolved name",
}

_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "tp": "thành phố",
    "hp": "hải phòng",
    "ptth": "phát thanh và truyền hình",
    "kh": "khoa học",
    "cn": "công nghệ",
    "đh": "đại học",
    "xh": "xã hội",
    "khhgđ": "kế hoạch hóa gia đình",
    "nd": "nhân dân",
    "gdsk": "giáo dục sức khỏe",
    "dn": "doanh nghiệp",
    "htx": "hợp tác xã",
    "tt": "trung tâm",
    "tdtt": "thể dục thể thao",
    "vcci": "phòng thương mại và công nghiệp việt nam",
    "uỷ": "ủy",
}
# Old-style tone placement on open syllables ("hoá", "thuỷ") versus the new style ("hóa", "thủy").
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
_OLD_TONE_RE = re.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])")


_SEPARATORS = re.compile(r"\s*([/,-])\s*")
_DASHES = str.maketrans({"–": "-", "—": "-"})


def _separator(match: re.Match[str]) -> str:
    return {"/": ", ", ",": ", ", "-": " - "}[match[1]]


@functools.lru_cache(maxsize=32768)
def agency_key(text: str) -> str:
    """The lookup key of a name: case, spacing, dashes, tone style and abbreviations folded."""
    key = unicodedata.normalize("NFC", text).casefold().translate(_DASHES).replace("&", " và ")
    key = _SEPARATORS.sub(_separator, key)
    if _OLD_TONE_RE.search(key):
        key = _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m[1]], key)
    words = [_ABBREVIATIONS.get(word, word) for word in key.strip(" .;:,").split()]
    return " ".join(words).strip(" .;:,")


def slug(text: str) -> str:
    """An ASCII id fragment: Vietnamese letters folded, words joined by hyphens."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "x"


@dataclass
class Agency:
    """A canonical agency of the registry."""

    agency_id: str
    name_vi: str
    name_en: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    typos: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)
    note: str = ""


# The registry (data/agencies.csv) is Hải Phòng's: its names say "Hải Phòng" and "thành phố".
REGISTRY_PLACE = "Hải Phòng"
_CITY_OF_PLACE = re.compile(r"thành phố Hải Phòng|Hải Phòng City")
_CITY_WORD = re.compile(r"\bthành phố\b")


def place_level(issuer: str) -> str:
    """``"province"`` when the issuer is a provincial committee ("ỦY BAN NHÂN DÂN TỈNH …"),
    else ``"city"`` (the five centrally-run cities, Hải Phòng among them)."""
    return "province" if re.search(r"\btỉnh\b", issuer.lower()) else "city"


def localised_names(agency: Agency, place: str, level: str = "city") -> tuple[str, str]:
    """The agency's Vietnamese and English names in the plan of ``place``.

    Why: the registry's units are a province's standard set of departments and bodies, named as
    Hải Phòng's. Another province's plan resolves its own units to the same ids (its IRIs are its
    own), and its labels must name that province: "Ủy ban nhân dân tỉnh An Giang", "People's
    Committee of An Giang Province", "Công an tỉnh" — not Hải Phòng's. Names without a place
    ("Sở Tư pháp") are unchanged; so is every name in Hải Phòng's plan or a plan with no place.
    """
    if not place or place == REGISTRY_PLACE:
        return agency.name_vi, agency.name_en
    province = level == "province"
    name_vi = _CITY_OF_PLACE.sub(f"{'tỉnh' if province else 'thành phố'} {place}", agency.name_vi)
    name_en = _CITY_OF_PLACE.sub(f"{place} {'Province' if province else 'City'}", agency.name_en)
    name_vi = name_vi.replace(REGISTRY_PLACE, place)
    name_en = name_en.replace(REGISTRY_PLACE, place)
    if province:
        name_vi = _CITY_WORD.sub("tỉnh", name_vi)
        name_en = re.sub(r"^City\b", "Provincial", name_en)
    return name_vi, name_en


@dataclass(frozen=True)
class Compound:
    """A raw phrase that names several agencies at once, with the reading chosen for it."""

    raw: str
    agency_ids: tuple[str, ...]
    reading: str


@dataclass
class Registry:
    agencies: dict[str, Agency]
    compounds: dict[str, Compound]
    keys: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, agencies_csv: Path | None = None, compounds_csv: Path | None = None) -> Registry:
        agencies_csv = agencies_csv or data_file("agencies.csv")
        compounds_csv = compounds_csv or data_file("agency-compounds.csv")
        agencies: dict[str, Agency] = {}
        with agencies_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                agency = Agency(
                    agency_id=row["agency_id"],
                    name_vi=row["name_vi"],
                    name_en=row["name_en"],
                    kind=row["kind"],
                    aliases=_split(row.get("aliases", "")),
                    typos=_split(row.get("typos", "")),
                    member_of=_split(row.get("member_of", "")),
                    note=row.get("note", ""),
                )
                if agency.agency_id in agencies:
                    raise ValueError(f"{agencies_csv}: duplicate agency id {agency.agency_id}")
                if agency.kind not in KINDS:
                    raise ValueError(f"{agencies_csv}: unknown kind {agency.kind!r}")
                agencies[agency.agency_id] = agency
        compounds: dict[str, Compound] = {}
        if compounds_csv.exists():
            with compounds_csv.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    ids = tuple(_split(row["agency_ids"]))
                    compounds[agency_key(row["raw"])] = Compound(row["raw"], ids, row["reading"])
        keys: dict[str, tuple[str, ...]] = {}
        for agency in agencies.values():
            for name in (agency.name_vi, *agency.aliases, *agency.typos):
                key = agency_key(name)
                previous = keys.get(key)
                if previous and previous != (agency.agency_id,):
                    raise ValueError(f"{agencies_csv}: {name!r} names two agencies")
                keys[key] = (agency.agency_id,)
        for key, compound in compounds.items():
            unknown = [i for i in compound.agency_ids if i not in agencies]
            if unknown:
                raise ValueError(f"{compounds_csv}: unknown agency ids {unknown}")
            keys[key] = compound.agency_ids
        return cls(agencies, compounds, keys)

    def lookup(self, text: str) -> tuple[str, ...] | None:
        return self.keys.get(agency_key(text))

    def is_typo(self, agency_id: str, raw: str) -> bool:
        keys = prefixed_keys(raw)
        return any(agency_key(t) in keys for t in self.agencies[agency_id].typos)

    def compound_for(self, raw: str) -> Compound | None:
        return next((self.compounds[k] for k in prefixed_keys(raw) if k in self.compounds), None)


# A list item is named without its head: "Tư pháp" in "Các Sở: Tư pháp" is "Sở Tư pháp".
ITEM_PREFIXES = ("", "Sở ", "Ủy ban nhân dân huyện ", "Ủy ban nhân dân quận ")


def prefixed_keys(raw: str) -> set[str]:
    """The keys a raw name may stand for, alone or as an item of a list."""
    return {agency_key(prefix + raw) for prefix in ITEM_PREFIXES}


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


KIND_LABELS_VI = {
    "department": "Sở (cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh)",
    "city-body": "Cơ quan cấp tỉnh",
    "public-service-unit": "Đơn vị sự nghiệp công lập",
    "police": "Công an",
    "military": "Quân sự, biên phòng",
    "inspectorate": "Thanh tra",
    "judicial": "Tòa án, viện kiểm sát",
    "media": "Cơ quan báo chí, phát thanh, truyền hình",
    "mass-organisation": "Tổ chức chính trị - xã hội, đoàn thể",
    "association": "Hội, hiệp hội nghề nghiệp, doanh nghiệp",
    "enterprise": "Doanh nghiệp",
    "central-body": "Cơ quan trung ương, cơ quan ngành dọc",
    "city-committee": "Ủy ban nhân dân cấp tỉnh",
    "district-committee": "Ủy ban nhân dân cấp huyện",
    "district-collective": "Ủy ban nhân dân cấp huyện (tập thể)",
    "commune-collective": "Ủy ban nhân dân cấp xã (tập thể)",
    "collective": "Tập thể đơn vị",
    "vague": "Đơn vị chung chung, không xác định",
    "unresolved": "Tên chưa xác định",
}


COLLECTIVE_KINDS = {"district-collective", "commune-collective", "collective"}
