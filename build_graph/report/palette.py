"""The colours every view of the networks shares (figures, GEXF ``viz:color``, the explorer):
the 19 kinds of unit grouped into 8 classes, each one colour of Okabe and Ito's palette, which
stays distinguishable under the common colour-vision deficiencies (Okabe & Ito 2008, "Color
Universal Design"). Grey is kept for names the registry could not resolve."""

from __future__ import annotations

from dataclasses import dataclass

from build_graph.model.agencies import KINDS


@dataclass(frozen=True)
class KindGroup:
    key: str
    name_en: str
    name_vi: str
    colour: str
    kinds: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_vi if lang == "vi" else self.name_en


KIND_GROUPS = (
    KindGroup(
        "provincial",
        "Provincial departments and bodies",
        "Sở, ban, ngành và cơ quan cấp tỉnh",
        "#0072B2",
        ("department", "city-body", "city-committee", "inspectorate"),
    ),
    KindGroup(
        "services",
        "Public service units and enterprises",
        "Đơn vị sự nghiệp công lập, doanh nghiệp",
        "#56B4E9",
        ("public-service-unit", "enterprise"),
    ),
    KindGroup(
        "security",
        "Police, military, courts and procuracies",
        "Công an, quân sự, tòa án, viện kiểm sát",
        "#D55E00",
        ("police", "military", "judicial"),
    ),
    KindGroup(
        "society",
        "Mass organisations, associations and media",
        "Đoàn thể, hội, hiệp hội và cơ quan báo chí",
        "#CC79A7",
        ("mass-organisation", "association", "media"),
    ),
    KindGroup(
        "central",
        "Central and regional state bodies",
        "Cơ quan trung ương, cơ quan ngành dọc",
        "#009E73",
        ("central-body",),
    ),
    KindGroup(
        "local",
        "District and commune People's Committees",
        "Ủy ban nhân dân cấp huyện, cấp xã",
        "#E69F00",
        ("district-committee", "district-collective", "commune-collective"),
    ),
    KindGroup(
        "aggregate",
        "Collective and vague units",
        "Đơn vị tập thể, chung chung",
        "#F0E442",
        ("collective", "vague"),
    ),
    KindGroup("unresolved", "Unresolved names", "Tên chưa xác định", "#999999", ("unresolved",)),
)
GROUP_OF_KIND = {kind: group for group in KIND_GROUPS for kind in group.kinds}
assert set(GROUP_OF_KIND) == set(KINDS), "every kind belongs to one colour group"
OTHER = KIND_GROUPS[-1]


def kind_group(kind: str) -> KindGroup:
    """The colour group of a kind (an unknown kind is grey, as an unresolved name is)."""
    return GROUP_OF_KIND.get(kind, OTHER)


def kind_colour(kind: str) -> str:
    return kind_group(kind).colour


# Louvain communities: the seven largest in the first seven colours, the rest grey.
COMMUNITY_COLOURS = tuple(group.colour for group in KIND_GROUPS)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as three integers (GEXF's ``viz:color``)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
