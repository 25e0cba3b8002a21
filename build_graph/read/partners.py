"""The resolver that maps partner cells onto the agency registry.

A partner cell is a list ("A; B; Các Sở: C, D") written with abbreviations (UBND, TP, PTTH),
variant spellings and typos. The resolver turns every part of it into one or more canonical
agencies, and never drops a part silently: what it cannot resolve becomes an *unresolved*
agent."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from build_graph.model.agencies import Registry, agency_key, slug
from build_graph.model.gazetteer import provinces
from build_graph.model.plan import PartnerMention
from build_graph.read.close_names import CloseNames

_HEAD_WORDS = re.compile(
    r"^(các |ủy ban|sở |đài |báo |công an|hội |trung tâm|viện |ban |tòa án|cục |chi cục|"
    r"liên đoàn|liên hiệp|liên minh|ngân hàng|bảo hiểm|bệnh viện|trạm |phòng thương mại|đoàn |"
    r"câu lạc bộ|hiệp hội|công ty|bộ |thanh tra|mặt trận|văn phòng|nhân viên|cộng tác viên|"
    r"doanh nghiệp|kho bạc|tand |viện ks|vks|thành đoàn|tỉnh đoàn|điện lực|bưu điện|hải quan|"
    r"lực lượng|ủy ban)"
)
# Words that open a body's name but also ordinary sentences ("Thành phố phấn đấu …", "Thuế
# suất …"): a line opening with them reads as a partner cell only when it is short.
_SHORT_HEAD_WORDS = re.compile(r"^(thành phố |thị xã |huyện |quận |thuế |thống kê |tp |tx )")
_SHORT_NAME_WORDS = 5


# Heads of a list: "Các Sở: A, B" names Sở A and Sở B; "UBND các huyện, quận: X, Y" names
# the People's Committees of districts X and Y.
_UNITS = r"(quận|huyện|thị xã|thành phố)"
_DISTRICT_PREFIXES = tuple(
    f"ủy ban nhân dân {unit} " for unit in ("huyện", "quận", "thị xã", "thành phố")
)
_LIST_HEADS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^(các )?sở(, (ban, )?ngành)?$"), ("sở ",)),
    (
        re.compile(rf"^ủy ban nhân dân (các )?{_UNITS}((, | và ){_UNITS})*$"),
        _DISTRICT_PREFIXES,
    ),
)
# A district named by its unit word and name ("Ủy ban nhân dân huyện Tiên Yên"): a close
# spelling is looked for among the plan's own province's districts of that unit only, by the
# name alone (the long head would make any two districts look alike).
_DISTRICT_HEAD = re.compile(rf"^ủy ban nhân dân {_UNITS} (.+)$")
# A word written in capitals (TN, MT, GD, PTTH): an abbreviation, matched as written or not at all.
_ABBREVIATION = re.compile(r"(?<![\w])[A-ZĐ]{2,}(?![\w])")
# "UBND các huyện Bình Liêu, Hải Hà": a plural head without its colon. Read as a list only when
# every name after it is a district of the province ("UBND các huyện, thị xã có liên quan" is
# not).
_PLURAL_HEAD = re.compile(
    r"^(?:UBND|Ủy ban nhân dân)\s+các\s+(?P<units>(?:quận|huyện|thị xã|thành phố)"
    r"(?:(?:\s*,\s*|\s+và\s+)(?:quận|huyện|thị xã|thành phố))*)\s+(?P<body>\S.*)$",
    re.IGNORECASE,
)


# A collective of the province's districts or communes, however a plan words it: "UBND các
# huyện, thị xã và thành phố trong tỉnh", "UBND các huyện, TX, TP", "UBND các quận, huyện trên
# địa bàn thành phố". Read as one collective before the segment is split at its commas; the
# qualifier after the units says nothing more. Not when a name follows ("… thành phố Vinh").
_UNIT = r"(?:quận|huyện|thị\s+xã|thành\s+phố|thị\s+trấn|xã|phường|TX|TP)"
_COLLECTIVE = re.compile(
    rf"^(?:UBND|Ủy\s+ban\s+nhân\s+dân)\s+(?:các\s+)?(?P<units>{_UNIT}"
    rf"(?:\s*(?:,|/|\bvà\b)\s*{_UNIT})*)"
    r"(?:\s+(?:có\s+)?liên\s+quan|\s+(?:trong|trên\s+địa\s+bàn|thuộc|của)"
    r"(?:\s+(?:tỉnh|thành\s+phố|TP))?)?"
    r"(?=\s*$|\s*,|\s+và\s)",
    re.IGNORECASE,
)
_UNIT_WORDS = {"tx": "thị xã", "tp": "thành phố"}


def collective_phrase(segment: str) -> tuple[str, str, str] | None:
    """(the collective's words as written, its canonical name, what follows) for a segment
    that opens with a collective of districts or communes; else None."""
    match = _COLLECTIVE.match(segment.strip())
    if match is None:
        return None
    units = re.split(r"\s*(?:,|/|\bvà\b)\s*", match["units"], flags=re.IGNORECASE)
    words = [" ".join(u.split()).lower() for u in units if u.strip()]
    words = list(dict.fromkeys(_UNIT_WORDS.get(w, w) for w in words))
    rest = segment.strip()[match.end() :].strip(" ,.")
    rest = re.sub(r"^và\s+", "", rest, flags=re.IGNORECASE)
    return match[0].strip(), "UBND các " + ", ".join(words), rest


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
        district_keys = {k for k in registry.keys if _DISTRICT_HEAD.match(k)}
        self._all_keys = sorted(set(registry.keys) - district_keys)
        self._close_names: CloseNames | None = None  # made at the first fuzzy reading
        self._cache: dict[tuple[str, bool], CellReading] = {}
        self._others: dict[int, Resolver] = {}  # other provinces' resolvers, by registry

    def for_plan(self, metadata: object) -> Resolver:
        """The resolver of the plan's own province (this one when it is the same): a name is
        only ever matched among that province's agencies and districts."""
        registry = self.registry.for_plan(metadata)
        if registry is self.registry:
            return self
        if id(registry) not in self._others:
            self._others[id(registry)] = Resolver(registry, self.fuzzy_cutoff)
        return self._others[id(registry)]

    # -- public -----------------------------------------------------------------------------
    def looks_like_partner_cell(self, text: str) -> bool:
        """True when a line reads as a list of agencies rather than as running task text."""
        key = agency_key(text) + " "
        if _HEAD_WORDS.match(key):
            return True
        if _SHORT_HEAD_WORDS.match(key) and len(key.split()) <= _SHORT_NAME_WORDS:
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
            plural = self._plural_list(segment)
            if plural is not None:
                notes.append(f"district list read without its ':': {segment!r}")
                mentions.extend(self._resolve_list(plural, _DISTRICT_PREFIXES, segment))
                continue
            mentions.extend(self._resolve_segment(segment, fuzzy, notes=notes))
        return CellReading(_dedupe(mentions), notes)

    # -- internals --------------------------------------------------------------------------
    def _list_prefixes(self, head: str) -> tuple[str, ...] | None:
        key = agency_key(head)
        for pattern, prefixes in _LIST_HEADS:
            if pattern.match(key):
                return prefixes
        return None

    def _plural_list(self, segment: str) -> str | None:
        """The names after "UBND các huyện" written without a colon, when all are districts."""
        match = _PLURAL_HEAD.match(segment.strip(" ."))
        if not match or self._resolvable(segment):
            return None
        body = match["body"]
        names = [p.strip(" .") for p in body.split(",") if p.strip(" .")]
        if all(self._district_named(name, _DISTRICT_PREFIXES) for name in names):
            return body
        return None

    def _district_named(self, name: str, prefixes: tuple[str, ...]) -> str | None:
        """The district committee ``name`` is, read after one of ``prefixes``; else None."""
        for prefix in prefixes:
            ids = self.registry.keys.get(agency_key(prefix + name))
            if ids and len(ids) == 1 and _DISTRICT_HEAD.match(agency_key(prefix + name)):
                return ids[0]
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
        self,
        segment: str,
        fuzzy: bool,
        prefixes: tuple[str, ...] = (),
        notes: list[str] | None = None,
    ) -> list[PartnerMention]:
        collective = collective_phrase(segment)
        if collective is not None and not self._resolvable(segment):
            written, canonical, rest = collective
            ids = self.registry.lookup(canonical)
            if ids:
                found = [PartnerMention(a, written, "alias") for a in ids]
                if notes is not None and agency_key(written) != agency_key(canonical):
                    notes.append(f"collective read as {canonical!r}: {written!r}")
                if rest:
                    found += self._resolve_segment(rest, fuzzy, prefixes, notes)
                return found
        pieces = [p.strip() for p in segment.split(",") if p.strip(" .")]
        found = []
        unresolved: list[str] = []
        # After "UBND huyện Cô Tô", a bare district name ("Đầm Hà") names that district's
        # committee too: "UBND huyện Cô Tô, Đầm Hà, Hải Hà".
        district_prefixes: tuple[str, ...] = ()
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                item = ", ".join(pieces[i:j])
                ids = self.registry.lookup(item)
                if ids:
                    how = "compound" if len(ids) > 1 else "alias"
                    found.extend(PartnerMention(a, item.strip(" ."), how) for a in ids)
                    district_prefixes = _district_prefixes(agency_key(item))
                    i = j
                    break
            else:
                piece = pieces[i].strip(" .")
                district = district_prefixes and self._district_named(piece, district_prefixes)
                if district:
                    found.append(PartnerMention(district, piece, "list-expansion"))
                    if notes is not None:
                        notes.append(f"district list continued after a committee: {piece!r}")
                else:
                    unresolved.append(pieces[i])
                    district_prefixes = ()
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
            # an abbreviation is not a spelling: "Sở TN&MT" is never a typo of "Sở NN&MT"
            abbreviations = [agency_key(t) for t in _ABBREVIATION.findall(text)]
            for candidate in candidates:
                found = self._close_district(candidate) or self._close_name(
                    candidate, abbreviations
                )
                if found:
                    return PartnerMention(found, text, "fuzzy")
        return PartnerMention(unresolved_id(text), text, "unresolved")

    def _close_name(self, key: str, abbreviations: list[str]) -> str | None:
        if self._close_names is None:
            self._close_names = CloseNames(self._all_keys)
        close = self._close_names.best(key, self.fuzzy_cutoff)
        if close and _names_more(key, close):
            return None
        if close and all(f" {a} " in f" {close} " for a in abbreviations):
            ids = self.registry.keys[close]
            if len(ids) == 1:
                return ids[0]
        return None

    def _close_district(self, key: str) -> str | None:
        """A district of this province, its unit word as written, its name closely spelled."""
        match = _DISTRICT_HEAD.match(key)
        if not match:
            return None
        unit, name = match[1], match[2]
        names = {
            agency_key(a.name_vi).split(f"{unit} ", 1)[1]: a.agency_id
            for a in self.registry.districts(unit)
        }
        close = difflib.get_close_matches(name, list(names), 1, 0.85)
        return names[close[0]] if close else None


def _district_prefixes(key: str) -> tuple[str, ...]:
    """The heads a bare district name after ``key`` is read with: its own unit word first, then
    the others ("UBND thành phố Hạ Long, Uông Bí", "UBND huyện Tiên Yên, thị xã Quảng Yên")."""
    match = _DISTRICT_HEAD.match(key)
    if not match:
        return ()
    own = f"ủy ban nhân dân {match[1]} "
    return (own, *(p for p in _DISTRICT_PREFIXES if p != own), "ủy ban nhân dân ")


def _names_more(key: str, close: str) -> bool:
    """Whether a close spelling names a place its candidate does not: "ủy ban nhân dân thành
    phố vinh" or "công an thành phố huế" against the issuing city's own names is another city,
    not a typo. A typo loses or changes letters, joins words or drops one ("tchức", "Bộ Chỉ
    quân sự"): those stay close spellings.

    The words the two share at the start and at the end are set aside; the name's other words
    must hold no place name (a province, or a district of any province) that the candidate
    lacks."""
    words, others = key.split(), close.split()
    start = 0
    while start < min(len(words), len(others)) and words[start] == others[start]:
        start += 1
    end = 0
    while end < min(len(words), len(others)) - start and words[-1 - end] == others[-1 - end]:
        end += 1
    rest = " ".join(words[start : len(words) - end])
    if not rest:
        return False
    kept = f" {' '.join(others)} "
    return any(f" {place} " in f" {rest} " and f" {place} " not in kept for place in _place_names())


@functools.cache
def _place_names() -> tuple[str, ...]:
    """Every province's and district's name as an agency key writes it ("vinh", "hải phòng",
    "thừa thiên huế", "huế"), longest first."""
    names: set[str] = set()
    for province in provinces().values():
        names.add(agency_key(province.name))
        names.update(agency_key(district.name) for district in province.districts)
    names.add("huế")  # the city of Huế is named "Thừa Thiên Huế" as a province until 2025
    return tuple(sorted((n for n in names if n), key=len, reverse=True))


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
