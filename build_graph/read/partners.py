"""The resolver that maps partner cells onto the agency registry.

A partner cell is a list ("A; B; Các Sở: C, D") written with abbreviations (UBND, TP, PTTH),
variant spellings and typos. The resolver turns every part of it into one or more canonical
agencies, and never drops a part silently: what it cannot resolve becomes an *unresolved*
agent."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from build_graph.model.agencies import Registry, agency_key, slug
from build_graph.model.plan import PartnerMention

_HEAD_WORDS = re.compile(
    r"^(các |ủy ban|sở |đài |báo |công an|hội |trung tâm|viện |ban |tòa án|cục |chi cục|"
    r"liên đoàn|liên hiệp|liên minh|ngân hàng|bảo hiểm|bệnh viện|trạm |phòng thương mại|đoàn |"
    r"câu lạc bộ|hiệp hội|công ty|bộ |thanh tra|mặt trận|văn phòng|nhân viên|cộng tác viên|"
    r"doanh nghiệp)"
)


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
