"""The agency registry: national agency types, and each province's instances of them.

"Sở Y tế" exists in every province: it is an agency *type*, place-free, with its kind, English
name and level of government (data/agency-types.csv). A plan's agencies are *instances*: (the
plan's province, a type), named for that province from the type's name patterns ("Công an
{cap}" is "Công an tỉnh" in Quảng Ninh, "Công an thành phố" in Hải Phòng), plus the bodies only
that province has and the spellings its plans use (data/provinces/<province>.csv), plus its
districts at the plan's date (model/gazetteer.py). A name is matched within its plan's province
only: no other province's agency or district can be found.
"""

from __future__ import annotations

import csv
import difflib
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_graph.marks import drop_marks
from build_graph.model.gazetteer import (
    UNIT_EN,
    UNIT_ID,
    Province,
    as_date,
    changes,
    districts_on,
    find_province,
    new_tones,
)
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
    "tand": "tòa án nhân dân",
    "vksnd": "viện kiểm sát nhân dân",
    "ksnd": "kiểm sát nhân dân",
}
_SEPARATORS = re.compile(r"\s*([/,-])\s*")
_DASHES = str.maketrans({"–": "-", "—": "-"})


def _separator(match: re.Match[str]) -> str:
    return {"/": ", ", ",": ", ", "-": " - "}[match[1]]


@functools.lru_cache(maxsize=32768)
def agency_key(text: str) -> str:
    """The lookup key of a name: case, spacing, dashes, tone style and abbreviations folded."""
    key = unicodedata.normalize("NFC", text).casefold().translate(_DASHES).replace("&", " và ")
    key = _SEPARATORS.sub(_separator, key)
    key = new_tones(key)
    # "TP." is "TP": an abbreviation may carry its full stop ("UBND TP. Vinh")
    words = [
        _ABBREVIATIONS.get(word) or _ABBREVIATIONS.get(word.rstrip("."), word)
        for word in key.strip(" .;:,").split()
    ]
    return " ".join(words).strip(" .;:,")


def slug(text: str) -> str:
    """An ASCII id fragment: Vietnamese letters folded, words joined by hyphens."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = drop_marks(folded).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "x"


@dataclass
class Agency:
    """An agency of one province's registry: an instance of a national type, a body only that
    province has, or one of its districts' People's Committees."""

    agency_id: str
    name_vi: str
    name_en: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    typos: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)
    note: str = ""
    level: str = ""  # province | district | commune | central (a place-free body), or ""
    unit_of: str = ""  # the department a public service unit belongs to


@dataclass(frozen=True)
class AgencyType:
    """A kind of body every province has (or may have), its names written with slots.

    Slots: ``{cap}`` tỉnh / thành phố (by the issuer), ``{Cap}`` Province / City, ``{short}``
    Tỉnh / Thành ("Tỉnh Đoàn"), ``{place}`` the province's name, ``{dv}`` the district units
    ("quận, huyện" in a centrally-run city; "huyện, thị xã, thành phố" in a province)."""

    type_id: str
    kind: str
    level: str
    name_vi: str
    name_en: str
    aliases: tuple[str, ...] = ()
    unit_of: str = ""
    members: str = ""  # districts | rural-districts | communes: its members in each province
    since: str = ""  # the day it exists from ("2025-03-01"; a bare year: its first day), or ""
    until: str = ""  # the day it ceased (merged or renamed in 2025), or ""
    successors: tuple[str, ...] = ()
    note: str = ""

    def valid_on(self, when: date | int | None) -> bool:
        """Whether the type existed on ``when`` (a plan's date, or a year: its first day); an
        undated plan is read with the types that existed before any change."""
        if when is None:
            return not self.since
        day = as_date(when)
        since, until = _day(self.since), _day(self.until)
        return (since is None or since <= day) and (until is None or day < until)


def _day(value: str) -> date | None:
    """ "2025-03-01" as it is, "2025" as the year's first day, "" as no day."""
    if not value:
        return None
    return date.fromisoformat(value) if "-" in value else date(int(value), 1, 1)


# The bundled plan's province: what Registry.load() gives without a place.
REGISTRY_PLACE = "Hải Phòng"
# Collectives whose members are a province's districts or communes: every way a plan writes
# them, matched whole before a cell is split at its commas ("UBND các huyện, thị xã, thành phố").
_DISTRICT_WORDS = ("quận", "huyện", "thị xã", "thành phố")
_COMMUNE_WORDS = ("xã", "phường", "thị trấn")


def place_level(issuer: str) -> str:
    """``"province"`` when the issuer is a provincial committee ("ỦY BAN NHÂN DÂN TỈNH …"),
    else ``"city"`` (the centrally-run cities, Hải Phòng among them)."""
    return "province" if re.search(r"\btỉnh\b", issuer.lower()) else "city"


def initials_of(place: str) -> str:
    """ "Hải Phòng" → "HP": how a plan abbreviates its own province."""
    words = [w for w in re.split(r"[\s-]+", place) if w]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _slots(place: str, city: bool) -> dict[str, str]:
    return {
        "cap": "thành phố" if city else "tỉnh",
        "Cap": "City" if city else "Province",
        "cap_en": "city" if city else "province",
        "short": "Thành" if city else "Tỉnh",
        "place": place,
        "dv": "quận, huyện" if city else "huyện, thị xã, thành phố",
    }


def _fill(pattern: str, slots: dict[str, str]) -> str:
    text = pattern
    for name, value in slots.items():
        text = text.replace("{" + name + "}", value)
    return " ".join(text.split())


def _variants(pattern: str, slots: dict[str, str]) -> list[str]:
    """A pattern filled, with the province's initials for its name ("Đài PTTH HP"), and with
    every list of district unit words for ``{dv}``: a plan names only the units it has, in its
    own order ("Trung tâm y tế huyện, thành phố" where there is no thị xã)."""
    fillings = [slots]
    if "{dv}" in pattern:
        fillings += [{**slots, "dv": words} for words in _word_sequences(_DISTRICT_WORDS, 2)]
    initials = initials_of(slots["place"])
    if "{place}" in pattern and initials:
        fillings += [{**filling, "place": initials} for filling in fillings]
    return list(dict.fromkeys(_fill(pattern, filling) for filling in fillings))


def _word_sequences(words: tuple[str, ...], least: int) -> list[str]:
    """Every order of every choice of at least ``least`` of ``words``, comma-joined."""
    out: list[str] = []
    for size in range(least, len(words) + 1):
        out += [", ".join(seq) for seq in itertools.permutations(words, size)]
    return out


def collective_names(members: str) -> list[str]:
    """The names a plan gives a collective of a province's districts or communes."""
    if members == "districts":
        sequences = _word_sequences(_DISTRICT_WORDS, 2)
        level = "cấp huyện"
    elif members == "communes":
        sequences = _word_sequences(_COMMUNE_WORDS, 1)
        level = "cấp xã"
    else:
        return []
    names = [level] + [f"các {s}" for s in sequences] + sequences
    out = []
    for name in names:
        for head in ("Ủy ban nhân dân ", "UBND "):
            for tail in ("", " liên quan", " có liên quan", " trên địa bàn"):
                out.append(head + name + tail)
    return out


_BOTH_LEVELS = "People's Committees at district and commune level."


def _districts_and_communes() -> list[str]:
    """ "UBND các huyện, thị xã, thành phố, xã, phường, thị trấn": both levels in one name."""
    communes = ", ".join(_COMMUNE_WORDS)
    return [
        f"{head}các {districts}, {communes}"
        for districts in _word_sequences(_DISTRICT_WORDS, 2)
        for head in ("Ủy ban nhân dân ", "UBND ")
    ]


def _exists(
    ids: tuple[str, ...], agencies: dict[str, Agency], types: AgencyTypes, when: date | None
) -> bool:
    """Whether every agency a phrase names is in the registry of the day: a national type not
    valid on that day is not, any other id is checked when the registry is indexed."""
    return all(i in agencies or i not in types.types or types.types[i].valid_on(when) for i in ids)


@dataclass(frozen=True)
class Compound:
    """A raw phrase that names several agencies at once, with the reading chosen for it."""

    raw: str
    agency_ids: tuple[str, ...]
    reading: str


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class AgencyTypes:
    """The national registry: the agency types, the compounds, and each province's supplement."""

    def __init__(
        self,
        types: dict[str, AgencyType],
        compounds: list[dict[str, str]],
        folder: Path,
    ) -> None:
        self.types = types
        self.compounds = compounds
        self.folder = folder  # data/ (or a test's copy of it)
        self._registries: dict[tuple[str, bool, date | None], Registry] = {}

    @classmethod
    @functools.cache
    def load(cls, folder: Path | None = None) -> AgencyTypes:
        folder = folder or data_file("")
        types: dict[str, AgencyType] = {}
        for row in _rows(folder / "agency-types.csv"):
            agency_type = AgencyType(
                row["type_id"],
                row["kind"],
                row["level"],
                row["name_vi"],
                row["name_en"],
                tuple(_split(row["aliases"])),
                row.get("unit_of", ""),
                row.get("members", ""),
                row.get("since", ""),
                row.get("until", ""),
                tuple(_split(row.get("successors", ""))),
                row.get("note", ""),
            )
            if agency_type.type_id in types:
                raise ValueError(f"agency-types.csv: duplicate type {agency_type.type_id}")
            if agency_type.kind not in KINDS:
                raise ValueError(f"agency-types.csv: unknown kind {agency_type.kind!r}")
            types[agency_type.type_id] = agency_type
        return cls(types, _rows(folder / "agency-compounds.csv"), folder)

    def registry(self, place: str, city: bool, when: date | int | None = None) -> Registry:
        """The agencies of ``place`` (a province or a centrally-run city) on ``when`` (a date,
        or a year: its first day). Dates between the same two changes share one registry."""
        epoch = self._epoch(place, when)
        key = (place, city, epoch)
        if key not in self._registries:
            self._registries[key] = Registry.build(self, place, city, epoch)
        return self._registries[key]

    def _epoch(self, place: str, when: date | int | None) -> date | None:
        """The first day from which ``place``'s registry is what it is on ``when``: the last
        change (a type's since/until, a district change of the province) on or before it."""
        if when is None:
            return None
        day = as_date(when)
        province = find_province(place)
        boundaries = [
            bound
            for agency_type in self.types.values()
            for bound in (_day(agency_type.since), _day(agency_type.until))
            if bound is not None
        ] + [c.effective for c in changes() if province and c.province_code == province.code]
        return max((b for b in boundaries if b <= day), default=date(1, 1, 1))

    def for_plan(self, metadata: object) -> Registry:
        """The registry of a plan's province on its date, found from its issuer and place."""
        issuer = str(getattr(metadata, "issuer", "") or "")
        place = str(getattr(metadata, "place", "") or "")
        when = getattr(metadata, "date", None)
        province = find_province(issuer, place) if (issuer or place) else None
        if province is not None:
            return self.registry(province.name, province.city, when)
        city = place_level(issuer) == "city" if issuer else True
        return self.registry(place or REGISTRY_PLACE, city, when)

    def supplement(self, place: str) -> list[dict[str, str]]:
        return _rows(self.folder / "provinces" / f"{slug(place)}.csv")

    def province_compounds(self, place: str) -> list[dict[str, str]]:
        return _rows(self.folder / "provinces" / f"{slug(place)}-compounds.csv")


@dataclass
class Registry:
    """One province's agencies and the names they are found by."""

    agencies: dict[str, Agency]
    compounds: dict[str, Compound]
    keys: dict[str, tuple[str, ...]]
    place: str = REGISTRY_PLACE
    city: bool = True
    province: Province | None = None
    types: AgencyTypes | None = None
    # the names of the types that ended before the registry's day → their successor's id
    _ended_names: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, place: str = REGISTRY_PLACE, year: date | int | None = 2017) -> Registry:
        """The registry of ``place`` on a date or in a year (default: the bundled plan's Hải
        Phòng, in 2017)."""
        types = AgencyTypes.load()
        province = find_province(place)
        city = province.city if province else True
        return types.registry(province.name if province else place, city, year)

    def for_plan(self, metadata: object) -> Registry:
        """The registry of the plan's own province (this one when it is the same)."""
        types = self.types or AgencyTypes.load()
        return types.for_plan(metadata)

    @classmethod
    def build(cls, types: AgencyTypes, place: str, city: bool, when: date | None) -> Registry:
        slots = _slots(place, city)
        province = find_province(place)
        agencies: dict[str, Agency] = {}
        for agency_type in types.types.values():
            if not agency_type.valid_on(when):
                continue
            aliases: list[str] = []
            for pattern in (agency_type.name_vi, *agency_type.aliases):
                aliases += _variants(pattern, slots)
            aliases += collective_names(agency_type.members)
            name_vi = _fill(agency_type.name_vi, slots)
            agencies[agency_type.type_id] = Agency(
                agency_type.type_id,
                name_vi,
                _fill(agency_type.name_en, slots),
                agency_type.kind,
                [a for a in dict.fromkeys(aliases) if a != name_vi],
                note=agency_type.note,
                level=agency_type.level,
                unit_of=agency_type.unit_of,
            )
        # The province's districts on the plan's date; none from the July 2025 reform on, when
        # the district collectives are left without members.
        for district in districts_on(province, when) if province else ():
            agency = _district_agency(district.name, district.unit)
            agencies[agency.agency_id] = agency
        for row in types.supplement(place):
            national = types.types.get(row["agency_id"])
            if national is not None and not national.valid_on(when):
                continue  # the province's spelling of a type it did not have that year
            _supplement(agencies, row)
        # a phrase naming a body that does not exist on the day (the district committees after
        # the July 2025 reform) is no compound of that day's registry
        compounds = {
            agency_key(raw): Compound(raw, ids, row["reading"])
            for row in (*types.compounds, *types.province_compounds(place))
            if _exists(ids := tuple(_split(row["agency_ids"])), agencies, types, when)
            for raw in _variants(row["raw"], slots)
        }
        if "ubnd-districts" in agencies and "ubnd-communes" in agencies:
            for name in _districts_and_communes():
                compounds.setdefault(
                    agency_key(name),
                    Compound(name, ("ubnd-districts", "ubnd-communes"), _BOTH_LEVELS),
                )
        registry = cls(agencies, compounds, {}, place, city, province, types)
        registry.keys = registry._index()
        return registry

    def _index(self) -> dict[str, tuple[str, ...]]:
        keys: dict[str, tuple[str, ...]] = {}
        for agency in self.agencies.values():
            for name in (agency.name_vi, *agency.aliases, *agency.typos):
                key = agency_key(name)
                previous = keys.get(key)
                if previous and previous != (agency.agency_id,):
                    raise ValueError(
                        f"{self.place}: {name!r} names two agencies: {previous[0]}, "
                        f"{agency.agency_id}"
                    )
                keys[key] = (agency.agency_id,)
        for key, compound in self.compounds.items():
            unknown = [i for i in compound.agency_ids if i not in self.agencies]
            if unknown:
                raise ValueError(f"{self.place}: compound {compound.raw!r}: unknown {unknown}")
            keys[key] = compound.agency_ids
        return keys

    def lookup(self, text: str) -> tuple[str, ...] | None:
        return self.keys.get(agency_key(text))

    def is_typo(self, agency_id: str, raw: str) -> bool:
        keys = prefixed_keys(raw)
        return any(agency_key(t) in keys for t in self.agencies[agency_id].typos)

    def compound_for(self, raw: str) -> Compound | None:
        return next((self.compounds[k] for k in prefixed_keys(raw) if k in self.compounds), None)

    def type_name(self, agency_id: str) -> tuple[str, str] | None:
        """The place-free names of an agency's type ("Sở Y tế", "Department of Health")."""
        types = self.types or AgencyTypes.load()
        agency_type = types.types.get(agency_id)
        if agency_type is None:
            return None
        generic = {
            "cap": "tỉnh/thành phố",
            "Cap": "Provincial",
            "cap_en": "province",
            "short": "Tỉnh",
            "place": "",
            "dv": "huyện",
        }
        return _fill(agency_type.name_vi, generic), _fill(agency_type.name_en, generic)

    def nearest(self, raw: str, cutoff: float = 0.6) -> Agency | None:
        """The agency whose name reads closest to ``raw``: a suggestion for a name no rule
        resolved (the province's own agencies only). A name of a body that no longer exists on
        the plan's day ("Sở TN&MT" in 2025) suggests its successor in the registry."""
        successor = self.successor_of(raw)
        if successor is not None:
            return successor
        names = {agency_key(a.name_vi): a for a in self.agencies.values()}
        close = difflib.get_close_matches(agency_key(raw), list(names), 1, cutoff)
        return names[close[0]] if close else None

    def successor_of(self, raw: str) -> Agency | None:
        """The registry's successor of a national type that ``raw`` names and that is not in
        this registry (it ended before the plan's day); None if ``raw`` names no such type."""
        if self._ended_names is None:
            self._ended_names = {}
            types = self.types or AgencyTypes.load()
            slots = _slots(self.place, self.city)
            for agency_type in types.types.values():
                if agency_type.type_id in self.agencies:
                    continue
                found = [s for s in agency_type.successors if s in self.agencies]
                if not found:
                    continue
                for pattern in (agency_type.name_vi, *agency_type.aliases):
                    for variant in _variants(pattern, slots):
                        self._ended_names.setdefault(agency_key(variant), found[0])
        found_id = self._ended_names.get(agency_key(raw))
        return self.agencies[found_id] if found_id else None

    def districts(self, unit: str | None = None) -> list[Agency]:
        """The province's district People's Committees (of one unit word: huyện, quận…)."""
        return [
            a
            for a in self.agencies.values()
            if a.kind == "district-committee" and (unit is None or a.level == f"district:{unit}")
        ]


def _district_agency(name: str, unit: str) -> Agency:
    member_of = ["ubnd-districts"] + (["ubnd-rural-districts"] if unit == "huyện" else [])
    return Agency(
        f"ubnd-{UNIT_ID[unit]}-{slug(name)}",
        f"Ủy ban nhân dân {unit} {name}",
        f"People's Committee of {name} {UNIT_EN[unit]}",
        "district-committee",
        member_of=member_of,
        level=f"district:{unit}",
    )


def _supplement(agencies: dict[str, Agency], row: dict[str, str]) -> None:
    """A province's own body, or its spellings of a national one (aliases, typos)."""
    agency_id = row["agency_id"]
    if agency_id in agencies:
        agency = agencies[agency_id]
        agency.aliases += _split(row.get("aliases", ""))
        agency.typos += _split(row.get("typos", ""))
        agency.note = row.get("note", "") or agency.note
        return
    if row.get("kind", "") not in KINDS:
        raise ValueError(f"province supplement: {agency_id} has unknown kind {row.get('kind')!r}")
    agencies[agency_id] = Agency(
        agency_id,
        row["name_vi"],
        row["name_en"],
        row["kind"],
        _split(row.get("aliases", "")),
        _split(row.get("typos", "")),
        note=row.get("note", ""),
        level="province",
        unit_of=row.get("unit_of", ""),
    )


# A list item is named without its head: "Tư pháp" in "Các Sở: Tư pháp" is "Sở Tư pháp".
ITEM_PREFIXES = (
    "",
    "Sở ",
    "Ủy ban nhân dân huyện ",
    "Ủy ban nhân dân quận ",
    "Ủy ban nhân dân thị xã ",
    "Ủy ban nhân dân thành phố ",
)


def prefixed_keys(raw: str) -> set[str]:
    """The keys a raw name may stand for, alone or as an item of a list."""
    return {agency_key(prefix + raw) for prefix in ITEM_PREFIXES}


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
