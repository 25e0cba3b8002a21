"""What each measure is, in words an analyst can quote: its formula, why it is computed that
way, and two or three plain sentences. One place, so that the report, the CSV exports and the
method section say the same thing."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MeasureText:
    name: str  # as the report's headings name it
    column: str  # the CSV column
    formula: str
    why: str
    plain: str  # two or three sentences to quote
    percent: bool = False


MEASURES = (
    MeasureText(
        "Demand from other agencies",
        "demand_tasks",
        "tasks led by an agency of another sector that name the unit as partner",
        "It counts what other agencies ask of the unit, apart from its own work (a task it "
        "leads) and from its own department's work (in-sector tasks, counted apart).",
        "This is how many tasks of other agencies wait on the unit as a partner. A unit high "
        "here is asked for help by many others; it may not lead anything itself.",
    ),
    MeasureText(
        "Leads served",
        "leads_served",
        "distinct lead agencies of another sector that name the unit as partner on at least "
        "one task",
        "Many tasks from one lead are one relationship; many leads are many relationships to "
        "keep up. It is the breadth of the demand.",
        "This is how many different lead agencies count on the unit. A unit serving many leads "
        "has many separate chains of work to keep up with.",
    ),
    MeasureText(
        "Own workload",
        "tasks_led",
        "tasks the unit leads",
        "It is the unit's own responsibility in the plan, kept apart from what others ask of "
        "it: the old composite score added the two, and then mostly ranked workload.",
        "This is how many tasks the plan makes the unit answerable for. It says nothing about "
        "coordination.",
    ),
    MeasureText(
        "Brokerage",
        "brokerage",
        "normalised betweenness on the co-assignment network (agencies linked by the tasks "
        "naming both, as lead or partner; ties within one sector dropped; distance = 1 / "
        "shared tasks), computed on its 2-core (units tied to fewer than two others peeled "
        "off, repeatedly); 0 outside the core",
        "On the lead → partner network, units named once hang off their lead as pendants, and "
        "the lead then collects betweenness from them (Health from its own centres). The "
        "co-assignment network links every pair of agencies that work on one task, so a pure "
        "partner serving several leads connects them; the 2-core drops the one-off contacts.",
        "This is how often the unit is the shortest link between two agencies that share no "
        "task themselves. A high value means coordination between others runs through it.",
    ),
    MeasureText(
        "Effective size (Burt)",
        "effective_size",
        "Burt's effective size on the whole co-assignment network (ties within one sector "
        "dropped): contacts minus their redundancy",
        "A second view of brokerage that does not depend on shortest paths: how many of the "
        "unit's contacts are not also tied to one another.",
        "This is roughly how many separate groups the unit works with. A high value means its "
        "partners would not otherwise work together.",
    ),
    MeasureText(
        "Concentration",
        "concentration",
        "for a lead: the share of its tasks that name its most-named partner of another sector",
        "A lead that names one partner on most of its tasks depends on that partner.",
        "This is the share of the lead's tasks that rest on one partner agency. A high share "
        "means the lead's work stalls if that partner does not act.",
        True,
    ),
    MeasureText(
        "Vertical delegation",
        "delegation",
        "for a lead: the share of its tasks that name district- or commune-level People's "
        "Committees (collectively or by name)",
        "The plan hands much of its work down to districts and communes without naming who "
        "there; this shows which leads do so most.",
        "This is the share of the lead's tasks that are passed down to district or commune "
        "People's Committees. A high share means the lead relies on local government to "
        "deliver.",
        True,
    ),
)
MEASURE_BY_COLUMN = {m.column: m for m in MEASURES}
