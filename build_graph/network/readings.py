"""The readings of a plan that every measure is computed under.

Two readings of merged cells. A partner cell printed once beside several rows (a merged cell)
gives its partners to every row below it until the next heading; the extraction flags those
links as *inherited*. Whether the plan's authors meant each of those rows to name those
partners, the text cannot say, and 65 % of the bundled plan's partner links are inherited. So
every measure is computed twice: *written* (only the partners printed on the task's own row) and
*inherited* (the written ones and those of the merged cell above).

Documented ambiguous readings. A few phrases of the source can be read in more than one way,
and the extraction chose one (its ``reading`` column says which: ``compound-name`` rows of
``irregularities.csv``). :data:`AMBIGUITIES` lists those whose other reading changes who is
named, with the other reading; the sensitivity analysis recomputes every measure under each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from build_graph.network.data import NetworkData, TaskRow

WRITTEN = "written"
INHERITED = "inherited"
READINGS = (WRITTEN, INHERITED)
READING_TITLES = {
    WRITTEN: "written on the task's own row",
    INHERITED: "written or inherited from a merged cell",
}


@dataclass(frozen=True)
class Ambiguity:
    """A phrase the extraction read as several units, and the other ways to read it."""

    key: str
    phrase: str  # as the bundled plan prints it
    lines: tuple[int, ...]  # where the bundled plan prints it
    chosen: frozenset[str]  # registry ids of the units the extraction reads it as
    alternatives: tuple[tuple[str, frozenset[str]], ...]  # (name, registry ids kept)
    why: str


AMBIGUITIES = (
    Ambiguity(
        "press-radio-television",
        "Báo đài, truyền hình Hải Phòng",
        (1126, 1164),
        frozenset({"bao-tinh", "dai-ptth"}),
        (("radio and television station only", frozenset({"dai-ptth"})),),
        '"Báo đài" is everyday Vietnamese for "the media", and "đài, truyền hình" the city\'s '
        "radio and television station; the extraction reads the phrase as the Hải Phòng "
        "Newspaper and the station. Read as the station alone, the newspaper is not named.",
    ),
    Ambiguity(
        "culture-sports-tourism",
        "Các Sở: …, Văn hóa, Thể thao và Du lịch",
        (2871,),
        frozenset({"so-vhtt", "so-du-lich"}),
        (
            ("Department of Culture and Sports only", frozenset({"so-vhtt"})),
            ("Department of Tourism only", frozenset({"so-du-lich"})),
        ),
        "No such department existed in Hải Phòng in 2017: its remit was split between the "
        'Department of Culture and Sports and the Department of Tourism. The list "Các Sở: '
        '…" names "Văn hóa, Thể thao và Du lịch" as one department; the extraction reads '
        "the name as both; it may mean either one.",
    ),
)


@dataclass(frozen=True)
class Choice:
    """One reading of the plan: of merged cells, and of at most one ambiguous phrase."""

    reading: str
    ambiguity: str = ""  # an Ambiguity's key, or "" for the extraction's own reading
    alternative: str = ""  # the name of one of its alternatives

    @property
    def label(self) -> str:
        base = READING_TITLES[self.reading]
        return f"{base}; {self.ambiguity}: {self.alternative}" if self.ambiguity else base


BASELINES = tuple(Choice(reading) for reading in READINGS)


def choices(ambiguities: Iterable[Ambiguity] = AMBIGUITIES) -> list[Choice]:
    """Both readings of merged cells, each with the extraction's reading of every phrase and
    with each documented other reading of one phrase at a time."""
    found = list(BASELINES)
    for ambiguity in ambiguities:
        for name, _ in ambiguity.alternatives:
            found += [Choice(reading, ambiguity.key, name) for reading in READINGS]
    return found


def _affected(data: NetworkData, task: TaskRow, ambiguity: Ambiguity) -> set[str]:
    """The task's partners read from ``ambiguity``'s phrase: a group of partners resolved
    from one compound phrase whose registry ids are exactly the ones the extraction chose."""
    by_phrase: dict[str, set[str]] = defaultdict(set)
    for partner, phrase in task.compound_names.items():
        by_phrase[phrase].add(partner)
    found: set[str] = set()
    for partners in by_phrase.values():
        if {data.agent(p).identifier for p in partners} == ambiguity.chosen:
            found |= partners
    return found


def partners_under(data: NetworkData, choice: Choice) -> dict[str, list[str]]:
    """Task IRI → its partners under ``choice`` (the lead left out)."""
    ambiguity = next((a for a in AMBIGUITIES if a.key == choice.ambiguity), None)
    kept_ids = dict(ambiguity.alternatives)[choice.alternative] if ambiguity else frozenset()
    result: dict[str, list[str]] = {}
    for iri, task in data.tasks.items():
        names = task.partners if choice.reading == INHERITED else task.written
        names = [p for p in names if p != task.lead]
        if ambiguity is not None and task.compound_names:
            dropped = {
                p
                for p in _affected(data, task, ambiguity)
                if data.agent(p).identifier not in kept_ids
            }
            names = [p for p in names if p not in dropped]
        result[iri] = names
    return result


def affected_tasks(data: NetworkData, ambiguity: Ambiguity) -> list[TaskRow]:
    """The tasks on which ``ambiguity``'s phrase names partners (written or inherited)."""
    return [task for task in data.tasks.values() if _affected(data, task, ambiguity)]
