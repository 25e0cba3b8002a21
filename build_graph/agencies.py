"""The curated agency registry and the resolver that maps partner cells onto it.

A partner cell is a list ("A; B; Các Sở: C, D") written with abbreviations (UBND, TP, PTTH),
variant spellings and typos. The resolver turns every part of it into one or more canonical
agencies, and never drops a part silently: what it cannot resolve becomes an *unresolved* agent.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import PartnerMention
from .resources import data_file

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
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_OLD_TONE_RE = re.compile("(" + "|".join(_OLD_TONES) + r")(?![a-zà-ỹđ])")
_HEAD_WORDS = re.compile(
    r"^(các |ủy ban|sở |đài |báo |công an|hội |trung tâm|viện |ban |tòa án|cục |chi cục|"
    r"liên đoàn|liên hiệp|liên minh|ngân hàng|bảo hiểm|bệnh viện|trạm |phòng thương mại|đoàn |"
    r"câu lạc bộ|hiệp hội|công ty|bộ |thanh tra|mặt trận|văn phòng|nhân viên|cộng tác viên|"
    r"doanh nghiệp)"
)


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


# Heads of a list: "Các Sở: A, B" names Sở A and Sở B; "UBND các huyện, quận: X, Y" names
# the People's Committees of districts X and Y.
_LIST_HEADS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^(các )?sở(, (ban, )?ngành)?$"), ("sở ",)),
    (
        re.compile(r"^ủy ban nhân dân các (huyện, quận|quận, huyện)$"),
        ("ủy ban nhân dân huyện ", "ủy ban nhân dân quận "),
    ),
)


@dataclass
class CellReading:
    """How one partner cell was read."""

    mentions: list[PartnerMention]
    notes: list[str]


class Resolver:
    """Maps partner cells onto the registry."""

    def __init__(self, registry: Registry, fuzzy_cutoff: float = 0.9) -> None:
        self.registry = registry
        self.fuzzy_cutoff = fuzzy_cutoff
        self._all_keys = sorted(registry.keys)
        self._cache: dict[tuple[str, bool], CellReading] = {}

    # -- public -----------------------------------------------------------------------------
    def looks_like_partner_cell(self, text: str) -> bool:
        """True when a line reads as a list of agencies rather than as running task text."""
        if _HEAD_WORDS.match(agency_key(text) + " "):
            return True
        reading = self.resolve_cell(text, fuzzy=False)
        return any(m.how != "unresolved" for m in reading.mentions)

    def resolve_cell(self, raw: str, fuzzy: bool = True) -> CellReading:
        """Read one partner cell; cells repeat across rows, so readings are cached."""
        cached = self._cache.get((raw, fuzzy))
        if cached is None:
            cached = self._cache[(raw, fuzzy)] = self._read_cell(raw, fuzzy)
        return CellReading(list(cached.mentions), list(cached.notes))

    def _read_cell(self, raw: str, fuzzy: bool) -> CellReading:
        notes: list[str] = []
        mentions: list[PartnerMention] = []
        segments = [s.strip() for s in raw.split(";")]
        segments = [s for s in segments if s.strip(" .,:")]
        list_prefixes: tuple[str, ...] = ()
        queue = list(segments)
        while queue:
            segment = queue.pop(0)
            head, colon, body = segment.partition(":")
            prefixes = self._list_prefixes(head) if colon else None
            if prefixes is not None:
                body, colon2, rest = body.partition(":")
                if colon2:
                    notes.append(f"':' read as ';' in {segment!r}")
                    queue.insert(0, rest)
                mentions.extend(self._resolve_list(body, prefixes, segment))
                list_prefixes = prefixes
                continue
            if colon:
                notes.append(f"':' read as ';' in {segment!r}")
                queue[0:0] = [head, body]
                continue
            if (
                list_prefixes
                and not self._resolvable(segment)
                and self._resolve_item(segment, list_prefixes)
            ):
                notes.append(f"list continued past ';': {segment!r}")
                mentions.extend(self._resolve_list(segment, list_prefixes, segment))
                continue
            list_prefixes = ()
            mentions.extend(self._resolve_segment(segment, fuzzy))
        return CellReading(_dedupe(mentions), notes)

    # -- internals --------------------------------------------------------------------------
    def _list_prefixes(self, head: str) -> tuple[str, ...] | None:
        key = agency_key(head)
        for pattern, prefixes in _LIST_HEADS:
            if pattern.match(key):
                return prefixes
        return None

    def _resolvable(self, text: str) -> bool:
        return self.registry.lookup(text) is not None

    def _resolve_item(self, item: str, prefixes: tuple[str, ...]) -> tuple[str, ...] | None:
        for prefix in prefixes:
            found = self.registry.keys.get(agency_key(prefix + item))
            if found:
                return found
        return self.registry.lookup(item)

    def _resolve_list(
        self, body: str, prefixes: tuple[str, ...], segment: str
    ) -> list[PartnerMention]:
        pieces = [p.strip() for p in body.split(",") if p.strip(" .")]
        found: list[PartnerMention] = []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                item = ", ".join(pieces[i:j])
                ids = self._resolve_item(item, prefixes)
                if ids:
                    how = "compound" if len(ids) > 1 else "list-expansion"
                    found.extend(PartnerMention(a, item.strip(" ."), how) for a in ids)
                    i = j
                    break
            else:
                found.extend(self._resolve_segment(pieces[i], fuzzy=True, prefixes=prefixes))
                i += 1
        return found

    def _resolve_segment(
        self, segment: str, fuzzy: bool, prefixes: tuple[str, ...] = ()
    ) -> list[PartnerMention]:
        pieces = [p.strip() for p in segment.split(",") if p.strip(" .")]
        found: list[PartnerMention] = []
        unresolved: list[str] = []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                item = ", ".join(pieces[i:j])
                ids = self.registry.lookup(item)
                if ids:
                    how = "compound" if len(ids) > 1 else "alias"
                    found.extend(PartnerMention(a, item.strip(" ."), how) for a in ids)
                    i = j
                    break
            else:
                unresolved.append(pieces[i])
                i += 1
        if not unresolved:
            return found
        if not found:
            unresolved = [segment]
        for piece in unresolved:
            found.append(self._fallback(piece.strip(" ."), fuzzy, prefixes))
        return found

    def _fallback(self, text: str, fuzzy: bool, prefixes: tuple[str, ...]) -> PartnerMention:
        if fuzzy:
            candidates = [agency_key(p + text) for p in prefixes] + [agency_key(text)]
            for candidate in candidates:
                close = difflib.get_close_matches(candidate, self._all_keys, 1, self.fuzzy_cutoff)
                if close:
                    ids = self.registry.keys[close[0]]
                    if len(ids) == 1:
                        return PartnerMention(ids[0], text, "fuzzy")
        return PartnerMention(unresolved_id(text), text, "unresolved")


def unresolved_id(text: str) -> str:
    return "unresolved-" + slug(text)


def _dedupe(mentions: Iterable[PartnerMention]) -> list[PartnerMention]:
    seen: set[str] = set()
    result: list[PartnerMention] = []
    for mention in mentions:
        if mention.agency_id not in seen:
            seen.add(mention.agency_id)
            result.append(mention)
    return result
