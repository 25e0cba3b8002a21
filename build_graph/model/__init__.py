"""The typed plan and the reference data it points to: tasks, appendices, targets and periods
(:mod:`.plan`, :mod:`.codes`, :mod:`.periods`), the agency registry (:mod:`.agencies`) and
the SDG goals, targets and VSDG–UN links (:mod:`.sdg`). No reading, no RDF."""

from build_graph.model.agencies import KINDS, Agency, Registry, agency_key
from build_graph.model.codes import TargetCode, parse_code
from build_graph.model.periods import Period, is_period_line
from build_graph.model.plan import Appendix, Assignment, PartnerMention, Plan, Task

__all__ = [
    "KINDS",
    "Agency",
    "Appendix",
    "Assignment",
    "PartnerMention",
    "Period",
    "Plan",
    "Registry",
    "TargetCode",
    "Task",
    "agency_key",
    "is_period_line",
    "parse_code",
]
