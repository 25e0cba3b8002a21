"""The curated SDG data: VSDG target translations and UN links, goals, and the UN targets."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from build_graph.resources import data_file


@dataclass(frozen=True)
class VsdgLink:
    code: str
    level: str
    text_en: str
    un_match: tuple[str, ...]
    match_type: str
    match_note: str


@dataclass(frozen=True)
class Goal:
    goal: int
    title_en: str
    statement_en: str
    title_vi: str
    source: str
    iri: str


@dataclass(frozen=True)
class UnTarget:
    code: str
    goal: int
    iri: str
    text_en: str


def _rows(name: str) -> list[dict[str, str]]:
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def vsdg_links() -> dict[str, VsdgLink]:
    return {
        row["code"]: VsdgLink(
            row["code"],
            row["level"],
            row["text_en"],
            tuple(i.strip() for i in row["un_match"].split(";") if i.strip()),
            row["match_type"],
            row["match_note"],
        )
        for row in _rows("vsdg-targets.csv")
    }


@cache
def goals() -> dict[int, Goal]:
    return {
        int(row["goal"]): Goal(
            int(row["goal"]),
            row["title_en"],
            row["statement_en"],
            row["title_vi"],
            row["source"],
            row["iri"],
        )
        for row in _rows("sdg-goals.csv")
    }


@cache
def un_targets() -> dict[str, UnTarget]:
    return {
        row["code"]: UnTarget(row["code"], int(row["goal"]), row["iri"], row["text_en"])
        for row in _rows("un-sdg-targets.csv")
    }
