# ruff: noqa: E501  (hand-written data: the task texts are kept whole per line group)
"""The two SYNTHETIC plans, written and keyed by hand (NOT real plans of these provinces).

Each partner cell is written as its segments, and each segment carries the ids a human reader
gives it: a national type's ``type_id`` (data/agency-types.csv), ``ubnd-{u}-{slug}`` for a
district People's Committee of the plan's own province (data/gazetteer/districts.csv), or
``UNRESOLVED`` for a name no type or district covers. Nothing here was produced by the reader.

The structure follows three appendices of the bundled Hải Phòng plan each: group rows
("1 | Mục tiêu X.Y: …"), sub-target rows ("Mục tiêu X.Y.z:"), numbered tasks, partner and
period cells merged over several tasks (a task with ``partners=None`` / ``period=None`` lies
under the merged cell printed on an earlier task of the same group).
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNRESOLVED = "UNRESOLVED"

# ---- the building blocks --------------------------------------------------------------------


@dataclass
class Cell:
    """A partner cell: segments (raw words, hand-keyed ids), joined by "; "."""

    segments: list[tuple[str, list[str]]]
    end: str = "."
    one_per_line: bool = False  # print each segment as its own paragraph

    @property
    def raw(self) -> str:
        return "; ".join(s for s, _ in self.segments) + self.end

    @property
    def paragraphs(self) -> list[str]:
        if not self.one_per_line:
            return [self.raw]
        out = [s + ";" for s, _ in self.segments]
        out[-1] = self.segments[-1][0] + self.end
        return out

    @property
    def ids(self) -> list[str]:
        return [i for _, ids in self.segments for i in ids]

    @property
    def unresolved_names(self) -> list[str]:
        return [s for s, ids in self.segments if UNRESOLVED in ids]


def P(*segments: tuple[str, list[str]], end: str = ".", lines: bool = False) -> Cell:
    return Cell(list(segments), end, lines)


@dataclass
class Period:
    paragraphs: list[str]
    values: list[str]


def Y(*paragraphs: str, values: list[str]) -> Period:
    return Period(list(paragraphs), values)


@dataclass
class Task:
    no: str
    text: str
    partners: Cell | None = None  # None: under the merged cell printed above
    period: Period | None = None


@dataclass
class Group:
    no: str
    heading: str  # "Mục tiêu X.Y: …" as printed on the group row
    target: str
    subtarget: str = ""  # the sub-target the tasks are filed under
    sub_row: str = ""  # a sub-target row printed below the group row ("Mục tiêu 3.5.c:")
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Appendix:
    no: str
    lead_id: str
    lead_name: str  # as the intro sentence and the appendix list print it
    lead_heading: str  # "CƠ QUAN CHỦ TRÌ THỰC HIỆN: …"
    onetable_leads: list[str]  # the lead cell in the one-table layout, per group (cycled)
    groups: list[Group]

    @property
    def declared(self) -> list[str]:
        return [g.subtarget or g.target for g in self.groups]


@dataclass
class Plan:
    slug: str
    place: str  # "Quảng Ninh"
    province: str  # "Tỉnh Quảng Ninh" (data/gazetteer/districts.csv)
    cap: str  # "tỉnh" / "thành phố"
    number: str
    day: int
    month: int
    year: int
    signer: str
    appendices: list[Appendix]


# ---- Quảng Ninh (a tỉnh) ----------------------------------------------------------------------

T35 = (
    "Mục tiêu 3.5: Đến năm 2030, hàng năm tiếp tục kiềm chế và giảm tai nạn giao thông trên cả ba "
    "tiêu chí, số vụ, số người chết và số người bị thương."
)
T38 = (
    "Mục tiêu 3.8: Đến năm 2030, giảm đáng kể số ca mắc bệnh và tử vong do các hóa chất độc hại và "
    "ô nhiễm môi trường không khí, nước và đất."
)
T106 = (
    "Mục tiêu 10.6: Tạo thuận lợi cho việc di cư và di chuyển của người dân một cách có trật tự, an "
    "toàn, thường xuyên và trách nhiệm, bao gồm cả việc thực hiện các chính sách di cư có kế hoạch "
    "và được quản lý tốt."
)
T161 = (
    "Mục tiêu 16.1: Giảm đáng kể tất cả các hình thức bạo lực và tỷ lệ tử vong liên quan đến bạo "
    "lực ở mọi nơi."
)
T162B = (
    "Mục tiêu 16.2.b: Phòng ngừa và giảm đáng kể tình trạng xâm hại, bóc lột, mua bán và tất cả "
    "các hình thức bạo lực và tra tấn trẻ em và người chưa thành niên."
)
T164 = (
    "Mục tiêu 16.4: Đến năm 2030, giảm đáng kể các dòng vũ khí và tài chính trái phép; tăng cường "
    "phục hồi và hoàn trả tài sản bị đánh cắp, đấu tranh với tất cả các loại hình tội phạm có tổ "
    "chức."
)
T11 = (
    "Mục tiêu 1.1: Đến năm 2020, xóa bỏ tình trạng nghèo cùng cực cho tất cả mọi người ở mọi nơi, "
    "sử dụng chuẩn nghèo với mức thu nhập bình quân đầu người thấp hơn 1,25 đô la Mỹ sức mua tương "
    "đương (giá 2005)/ngày; đến năm 2030, giảm ít nhất một nửa tỷ lệ nghèo theo tiêu chí nghèo đa "
    "chiều của quốc gia."
)
T52 = (
    "Mục tiêu 5.2: Giảm đáng kể mọi hình thức bạo lực đối với phụ nữ và trẻ em gái nơi công cộng "
    "hoặc nơi riêng tư, bao gồm cả việc mua bán, bóc lột tình dục và các hình thức bóc lột khác."
)
T85 = (
    "Mục tiêu 8.5: Đến năm 2030, tạo việc làm đầy đủ, năng suất và việc làm tốt cho tất cả nam và "
    "nữ, bao gồm cả thanh niên, người khuyết tật và thù lao ngang bằng đối với các loại công việc "
    "như nhau."
)
T86 = (
    "Mục tiêu 8.6: Đến năm 2030, giảm đáng kể tỷ lệ thanh niên không có việc làm, không đi học hoặc "
    "đào tạo. Chủ động thực hiện hiệu quả Hiệp ước Việc làm Toàn cầu của ILO."
)
T63 = (
    "Mục tiêu 6.3: Đến năm 2030, cải thiện chất lượng nước, kiểm soát được các nguồn gây ô nhiễm; "
    "chấm dứt việc sử dụng các loại hóa chất độc hại trong sản xuất công nghiệp, nông nghiệp và nuôi "
    "trồng thủy sản gây ô nhiễm nguồn nước và làm suy giảm đa dạng sinh học; 100% nước thải nguy "
    "hại được xử lý; giảm một nửa tỷ lệ nước thải đô thị chưa qua xử lý; tăng cường tái sử dụng "
    "nước an toàn."
)
T125 = (
    "Mục tiêu 12.5: Đến năm 2030, giảm đáng kể lượng chất thải phát sinh, tăng cường giá trị kinh tế "
    "của nguồn tài nguyên chất thải thông qua việc phòng ngừa, giảm thiểu, tái chế và tái sử dụng, "
    "thu hồi năng lượng từ xử lý chất thải."
)
T131 = (
    "Mục tiêu 13.1: Tăng cường khả năng chống chịu và thích nghi với rủi ro liên quan tới biến đổi "
    "khí hậu, ứng phó với thiên tai và các thảm họa tự nhiên khác."
)
T141 = (
    "Mục tiêu 14.1: Đến năm 2030, ngăn ngừa, giảm đáng kể và kiểm soát được các loại ô nhiễm biển, "
    "đặc biệt là từ các hoạt động trên đất liền, chú ý tới các chất thải rắn, nước thải và ô nhiễm "
    "chất hữu cơ."
)
T151 = (
    "Mục tiêu 15.1: Đến năm 2030, đảm bảo sự bảo tồn, phục hồi và sử dụng bền vững các hệ sinh thái "
    "đất ngập nước quan trọng, các dịch vụ hệ sinh thái, đặc biệt là các hệ sinh thái rừng và đất "
    "khô hạn theo các quy định quốc tế."
)

BOTH = ["2017-2020", "2021-2030"]
P1820 = ["2018-2020"]
P2130 = ["2021-2030"]
BOTH18 = ["2018-2020", "2021-2030"]
ANNUAL = ["annual"]

QN_A01 = Appendix(
    "01",
    "cong-an-tp",
    "Công an tỉnh",
    "CÔNG AN TỈNH",
    ["Công an tỉnh"],
    [
        Group(
            "1",
            T35,
            "3.5",
            "3.5.c",
            "Mục tiêu 3.5.c:",
            [
                Task(
                    "1.1",
                    "Tăng cường phối hợp trong công tác tuyên truyền, giáo dục pháp luật về trật tự "
                    "an toàn giao thông, chú trọng các tuyến đường trọng điểm và khu du lịch ven "
                    "vịnh Hạ Long.",
                    P(
                        (
                            "Các Sở: Giáo dục và Đào tạo, Giao thông vận tải, Thông tin và Truyền "
                            "thông",
                            ["so-gddt", "so-gtvt", "so-tttt"],
                        ),
                        ("Ban An toàn giao thông tỉnh", ["ban-atgt-tp"]),
                        ("Đài PT&TH Quảng Ninh", ["dai-ptth"]),
                        ("Báo Quảng Ninh", ["bao-tinh"]),
                        ("UBND các huyện, thị xã, thành phố", ["ubnd-districts"]),
                        ("Tỉnh Đoàn", ["doan-tn-tp"]),
                        lines=True,
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "1.2",
                    "Nâng cao năng lực, hiệu quả và trách nhiệm của lực lượng Cảnh sát giao thông "
                    "trong tuần tra, kiểm soát, xử lý vi phạm.",
                ),
                Task(
                    "1.3",
                    "Lắp đặt hệ thống camera giám sát giao thông trên quốc lộ 18, quốc lộ 4B và "
                    "đường cao tốc Hạ Long - Hải Phòng.",
                ),
            ],
        ),
        Group(
            "2",
            T106,
            "10.6",
            tasks=[
                Task(
                    "2.1",
                    "Tập huấn, hướng dẫn thực hiện các văn bản pháp luật về xuất cảnh, nhập cảnh, "
                    "quá cảnh và cư trú của người nước ngoài tại các cửa khẩu Móng Cái, Hoành Mô, "
                    "Bắc Phong Sinh.",
                    P(
                        (
                            "Các Sở: Ngoại vụ, LĐTBXH, Tư pháp",
                            ["so-ngoai-vu", "so-ldtbxh", "so-tu-phap"],
                        ),
                        ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["bdbp"]),
                        ("UBND thành phố Móng Cái", ["ubnd-tp-mong-cai"]),
                        ("UBND các huyện Bình Liêu, Hải Hà", ["ubnd-h-binh-lieu", "ubnd-h-hai-ha"]),
                    ),
                    Y("2018-2020", values=P1820),
                ),
                Task(
                    "2.2",
                    "Đẩy mạnh cải cách thủ tục hành chính, ứng dụng công nghệ thông tin trong quản "
                    "lý cư trú và cấp giấy tờ xuất nhập cảnh.",
                    P(
                        ("Văn phòng UBND tỉnh", ["van-phong-ubnd"]),
                        ("Sở Ngoại vụ", ["so-ngoai-vu"]),
                        ("Sở Thông tin và Truyền thông", ["so-tttt"]),
                    ),
                ),
                Task(
                    "2.3",
                    "Quản lý chặt chẽ người nước ngoài đến đầu tư, làm việc và tạm trú tại Khu kinh "
                    "tế Vân Đồn.",
                    P(
                        (
                            "Các Sở: TN&MT, Xây dựng, Tài chính",
                            ["so-tnmt", "so-xay-dung", "so-tai-chinh"],
                        ),
                        ("Ban Quản lý Khu kinh tế Quảng Ninh", ["bql-kkt"]),
                        ("UBND huyện Vân Đồn", ["ubnd-h-van-don"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
            ],
        ),
        Group(
            "3",
            T161,
            "16.1",
            tasks=[
                Task(
                    "3.1",
                    "Phối hợp tuyên truyền, giáo dục để phòng ngừa các hình thức bạo lực; chủ động "
                    "phát hiện, ngăn chặn và xử lý các hành vi vi phạm pháp luật về phòng, chống bạo "
                    "lực.",
                    P(
                        (
                            "Các Sở: LĐ-TB&XH, Văn hóa và Thể thao, GD&ĐT, Tư pháp",
                            ["so-ldtbxh", "so-vhtt", "so-gddt", "so-tu-phap"],
                        ),
                        ("Tòa án nhân dân tỉnh", ["toa-an-tp"]),
                        ("Viện Kiểm sát nhân dân tỉnh", ["vks-tp"]),
                        ("Hội LHPN tỉnh", ["hoi-lhpn-tp"]),
                        ("UBND các huyện, thị xã, thành phố", ["ubnd-districts"]),
                        ("Các tổ chức chính trị - xã hội", ["to-chuc-ct-xh"]),
                    ),
                    Y("2018-2020", values=P1820),
                ),
                Task(
                    "3.2",
                    "Tiếp tục triển khai Chương trình hành động phòng, chống bạo lực gia đình trên "
                    "địa bàn tỉnh Quảng Ninh đến năm 2020.",
                ),
                Task(
                    "3.3",
                    "Tăng cường phối kết hợp giữa nhà trường - gia đình - xã hội trong phòng, chống "
                    "bạo lực học đường; xử lý nghiêm minh, kịp thời các vụ việc.",
                    None,
                    Y("2021-2030", values=P2130),
                ),
            ],
        ),
        Group(
            "4",
            T162B,
            "16.2",
            "16.2.b",
            tasks=[
                Task(
                    "4.1",
                    "Triển khai Chương trình phòng, chống mua bán người, chú trọng địa bàn biên "
                    "giới và các xã đặc biệt khó khăn.",
                    P(
                        (
                            "Các Sở: LĐTBXH, Du lịch, Ngoại vụ",
                            ["so-ldtbxh", "so-du-lich", "so-ngoai-vu"],
                        ),
                        ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["bdbp"]),
                        ("Hội Liên hiệp phụ nữ tình", ["hoi-lhpn-tp"]),  # typo: "tình" for "tỉnh"
                        ("UBND thành phố Móng Cái", ["ubnd-tp-mong-cai"]),
                        ("UBND cấp xã", ["ubnd-communes"]),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "4.2",
                    "Phối hợp tiếp nhận, xác minh, bảo vệ và hỗ trợ nạn nhân bị mua bán trở về qua "
                    "biên giới Việt - Trung.",
                ),
                Task(
                    "4.3",
                    "Phối hợp xử lý nghiêm, đưa ra truy tố và xét xử công khai các vụ án mua bán "
                    "người, xâm hại trẻ em.",
                ),
            ],
        ),
        Group(
            "5",
            T164,
            "16.4",
            tasks=[
                Task(
                    "5.1",
                    "Đấu tranh phòng, chống buôn lậu, gian lận thương mại và vận chuyển trái phép "
                    "hàng hóa, ngoại tệ qua biên giới.",
                    P(
                        ("Các Sở: Tư pháp, Ngoại vụ", ["so-tu-phap", "so-ngoai-vu"]),
                        ("Bộ Chỉ huy Quân sự tỉnh", ["bchqs-tp"]),
                        ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["bdbp"]),
                        ("Ngân hàng Nhà nước chi nhánh Quảng Ninh", ["nhnn"]),
                        ("Cục Thuế tỉnh", ["cuc-thue"]),
                        ("Cục Hải quan tỉnh Quảng Ninh", [UNRESOLVED]),
                        ("Thanh tra tỉnh", ["thanh-tra-tp"]),
                        lines=True,
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "5.2",
                    "Tổ chức tập huấn, nâng cao năng lực cho lực lượng điều tra, truy tố, xét xử và "
                    "thi hành án hình sự.",
                    P(
                        ("Tòa án nhân dân tỉnh", ["toa-an-tp"]),
                        ("Viện Kiểm sát nhân dân tỉnh", ["vks-tp"]),
                        ("Sở Tư pháp", ["so-tu-phap"]),
                        ("Báo Quảng Ninh", ["bao-tinh"]),
                    ),
                ),
                Task(
                    "5.3",
                    "Phát động phong trào toàn dân bảo vệ an ninh Tổ quốc, tố giác tội phạm ở khu "
                    "dân cư.",
                ),
            ],
        ),
    ],
)

QN_A02 = Appendix(
    "02",
    "so-ldtbxh",
    "Sở Lao động - Thương binh và Xã hội",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    ["Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH"],
    [
        Group(
            "1",
            T11,
            "1.1",
            tasks=[
                Task(
                    "1.1",
                    "Giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều bình quân 0,5%/năm; ưu tiên các "
                    "xã đặc biệt khó khăn, xã biên giới và hải đảo.",
                    P(
                        (
                            "Các Sở, Ngành liên quan và UBND các huyện, thị xã, thành phố",
                            ["vague-depts-sectors", "ubnd-districts"],
                        ),
                    ),
                    Y("2018 -2020", values=P1820),
                ),
                Task(
                    "1.2",
                    "Hỗ trợ sinh kế, giao đất, giao rừng cho hộ nghèo, hộ cận nghèo người dân tộc "
                    "thiểu số ở vùng cao.",
                    P(
                        ("Ban Dân tộc tỉnh", ["ban-dan-toc"]),
                        ("Sở Tài nguyên và Môi trưởng", ["so-tnmt"]),  # typo: "trưởng" for "trường"
                        ("Ngân hàng Chính sách xã hội chi nhánh Quảng Ninh", ["nhcsxh"]),
                        (
                            "UBND các huyện: Ba Chẽ, Bình Liêu, Tiên Yên",
                            ["ubnd-h-ba-che", "ubnd-h-binh-lieu", "ubnd-h-tien-yen"],
                        ),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
            ],
        ),
        Group(
            "2",
            T52,
            "5.2",
            tasks=[
                Task(
                    "2.1",
                    "Xây dựng, vận hành cơ sở dữ liệu về bạo lực đối với phụ nữ và trẻ em gái trên "
                    "địa bàn tỉnh.",
                    P(
                        ("Cục Thống kê tỉnh", ["cuc-thong-ke-tp"]),
                        ("Công an tỉnh", ["cong-an-tp"]),
                        ("UBND các huyện, thị xã, thành phố", ["ubnd-districts"]),
                    ),
                    Y("2018- 2020", "2021- 2030", values=BOTH18),
                ),
                Task(
                    "2.2",
                    "Tuyên truyền, nâng cao nhận thức pháp luật nhằm ngăn chặn bạo lực đối với phụ "
                    "nữ và trẻ em gái, kể cả bạo lực trên không gian mạng.",
                    P(
                        ("Sở Thông tin và Truyền thông", ["so-tttt"]),
                        ("Sở Văn hóa và Thể thao", ["so-vhtt"]),
                        ("Đài PT&TH Quảng Ninh", ["dai-ptth"]),
                        ("Hội LHPN tỉnh", ["hoi-lhpn-tp"]),
                        ("Ủy ban MTTQ Việt Nam tỉnh", ["mttq-tp"]),
                    ),
                ),
                Task(
                    "2.3",
                    "Xây dựng mô hình \u201cĐịa chỉ tin cậy\u201d tại cộng đồng ở các thành phố Hạ "
                    "Long, Uông Bí và thị xã Đông Triều.",
                    P(
                        ("UBND thành phố Hạ Long, Uông Bí", ["ubnd-tp-ha-long", "ubnd-tp-uong-bi"]),
                        ("UBND thị xã Đông Triều", ["ubnd-tx-dong-trieu"]),
                        ("Hội Liên hiệp phụ nữ tỉnh", ["hoi-lhpn-tp"]),
                    ),
                    Y("2018-2020", values=P1820),
                ),
                Task(
                    "2.4",
                    "Tiếp tục thực hiện Chương trình bảo vệ trẻ em tỉnh Quảng Ninh giai đoạn "
                    "2016-2020.",
                ),
            ],
        ),
        Group(
            "3",
            T85,
            "8.5",
            tasks=[
                Task(
                    "3.1",
                    "Thực hiện các chính sách hỗ trợ tạo việc làm, phát triển thị trường lao động; "
                    "tổ chức sàn giao dịch việc làm định kỳ.",
                    P(
                        ("Sở Kế hoạch và Đầu tư", ["so-khdt"]),
                        ("Ban Quản lý Khu kinh tế Quảng Ninh", ["bql-kkt"]),
                        ("Liên đoàn Lao động tỉnh", ["ldld-tp"]),
                        ("Bảo hiểm xã hội tỉnh", ["bhxh-tp"]),
                        ("Các doanh nghiệp", ["doanh-nghiep"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
                Task(
                    "3.2",
                    "Đào tạo nghề cho lao động nông thôn gắn với nhu cầu của doanh nghiệp du lịch, "
                    "dịch vụ tại Vân Đồn, Hạ Long.",
                    P(
                        ("Các cơ sở giáo dục nghề nghiệp", ["co-so-gdnn"]),
                        ("Sở Du lịch", ["so-du-lich"]),
                        ("Hội Nông dân tỉnh", ["hoi-nong-dan"]),
                        ("UBND các huyện, thị xã, thành phố", ["ubnd-districts"]),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "3.3",
                    "Đưa người lao động đi làm việc ở nước ngoài theo hợp đồng, ưu tiên lao động "
                    "thuộc hộ nghèo, hộ dân tộc thiểu số.",
                ),
            ],
        ),
        Group(
            "4",
            T86,
            "8.6",
            "8.6.a",
            "Mục tiêu 8.6.a:",
            [
                Task(
                    "4.1",
                    "Tư vấn, hướng nghiệp và giới thiệu việc làm cho thanh niên, chú trọng thanh "
                    "niên dân tộc thiểu số và thanh niên hoàn thành nghĩa vụ quân sự.",
                    P(
                        ("Tỉnh Đoàn", ["doan-tn-tp"]),
                        ("Sở GD&ĐT", ["so-gddt"]),
                        ("Bộ Chỉ huy Quân sự tỉnh", ["bchqs-tp"]),
                        ("Ban Xúc tiến và Hỗ trợ đầu tư tỉnh", [UNRESOLVED]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "4.2",
                    "Hỗ trợ thanh niên vay vốn khởi nghiệp từ Quỹ quốc gia về việc làm.",
                    P(
                        ("Ngân hàng CSXH tỉnh", ["nhcsxh"]),
                        ("Tỉnh Đoàn", ["doan-tn-tp"]),
                        ("Liên minh HTX tỉnh", ["lm-htx-tp"]),
                    ),
                ),
            ],
        ),
    ],
)

QN_A03 = Appendix(
    "03",
    "so-tnmt",
    "Sở Tài nguyên và Môi trường",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
    ["Sở TN&MT", "Sở Tài nguyên và Môi trường"],
    [
        Group(
            "1",
            T38,
            "3.8",
            "3.8.a",
            "Mục tiêu 3.8.a:",
            [
                Task(
                    "1.1",
                    "Rà soát, thanh tra các cơ sở có nguy cơ gây ô nhiễm môi trường, trước hết là "
                    "các mỏ than và nhà máy nhiệt điện.",
                    P(
                        (
                            "Các Sở: Công Thương, Y tế, Xây dựng",
                            ["so-cong-thuong", "so-y-te", "so-xay-dung"],
                        ),
                        ("Công an tỉnh", ["cong-an-tp"]),
                        (
                            "UBND thành phố Cẩm Phả, Uông Bí, Hạ Long",
                            ["ubnd-tp-cam-pha", "ubnd-tp-uong-bi", "ubnd-tp-ha-long"],
                        ),
                    ),
                    Y("2018- 2020", values=P1820),
                ),
                Task(
                    "1.2",
                    "Thực hiện Kế hoạch quản lý chất lượng môi trường không khí trên địa bàn tỉnh "
                    "Quảng Ninh đến năm 2020, tầm nhìn đến năm 2025.",
                ),
                Task(
                    "1.3",
                    "Quan trắc tự động chất lượng không khí tại các khu dân cư gần khu khai thác "
                    "than.",
                    P(
                        ("Trung tâm Quan trắc vịnh Hạ Long", [UNRESOLVED]),
                        ("Sở Y tế", ["so-y-te"]),
                    ),
                ),
            ],
        ),
        Group(
            "2",
            T63,
            "6.3",
            "6.3.b",
            "Mục tiêu 6.3.b:",
            [
                Task(
                    "2.1",
                    "Kiểm tra, giám sát, ngăn chặn các nguồn xả thải chưa qua xử lý ra sông Diễn "
                    "Vọng, sông Mông Dương và hồ Yên Lập.",
                    P(
                        (
                            "Các Sở: Nông nghiệp và PTNT, Xây dựng, Tài chính",
                            ["so-nnptnt", "so-xay-dung", "so-tai-chinh"],
                        ),
                        ("Công an tỉnh", ["cong-an-tp"]),
                        ("UBND các huyện, thị xã, thành phố", ["ubnd-districts"]),
                    ),
                    Y("2018-2020", "2021- 2030", values=BOTH18),
                ),
                Task(
                    "2.2",
                    "Lắp đặt hệ thống quan trắc nước thải tự động, liên tục tại các khu công nghiệp, "
                    "mỏ than và bệnh viện.",
                ),
            ],
        ),
        Group(
            "3",
            T125,
            "12.5",
            "12.5.a",
            "Mục tiêu 12.5.a:",
            [
                Task(
                    "3.1",
                    "Đầu tư khu xử lý chất thải rắn tập trung cho các huyện miền Đông và huyện đảo "
                    "Cô Tô.",
                    P(
                        (
                            "Các Sở: Xây dựng, Kế hoạch và Đầu Tư, Tài chính",
                            ["so-xay-dung", "so-khdt", "so-tai-chinh"],
                        ),
                        ("Kho bạc Nhà nước tỉnh", ["kho-bac"]),
                        (
                            "UBND huyện Cô Tô, Đầm Hà, Hải Hà, Tiên Yên",
                            ["ubnd-h-co-to", "ubnd-h-dam-ha", "ubnd-h-hai-ha", "ubnd-h-tien-yen"],
                        ),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "3.2",
                    "Hạn chế sử dụng túi ni lông khó phân hủy tại các khu du lịch, chợ và siêu thị.",
                    P(
                        ("Sở Công Thương", ["so-cong-thuong"]),
                        ("Sở Du lịch", ["so-du-lich"]),
                        ("Hiệp hội Du lịch Quảng Ninh", ["hiep-hoi-du-lich"]),
                        ("Các hộ gia đình, doanh nghiệp", ["ho-gia-dinh", "doanh-nghiep"]),
                        ("UBND cấp xã", ["ubnd-communes"]),
                    ),
                ),
                Task(
                    "3.3",
                    "Kiểm soát chặt chẽ việc nhập khẩu phế liệu qua cửa khẩu Móng Cái.",
                    P(
                        ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["bdbp"]),
                        ("Công an tỉnh", ["cong-an-tp"]),
                        ("UBND TP Móng Cái", ["ubnd-tp-mong-cai"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
            ],
        ),
        Group(
            "4",
            T131,
            "13.1",
            "13.1.a",
            "Mục tiêu 13.1.a:",
            [
                Task(
                    "4.1",
                    "Xây dựng kế hoạch ứng phó với biến đổi khí hậu và nước biển dâng của tỉnh giai "
                    "đoạn 2021-2030.",
                    P(
                        (
                            "Các Sở: NN&PTNT, Xây dựng, GTVT, KH&ĐT, KH&CN",
                            ["so-nnptnt", "so-xay-dung", "so-gtvt", "so-khdt", "so-khcn"],
                        ),
                        ("Đài Khí tượng thủy văn Đông Bắc", [UNRESOLVED]),
                        ("UBND các huyện, thị xã, thành phố", ["ubnd-districts"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "4.2",
                    "Đầu tư hệ thống cảnh báo sớm lũ quét, sạt lở đất tại các huyện miền núi Bình "
                    "Liêu, Ba Chẽ.",
                    P(
                        ("Sở Nông nghiệp và Phát triển nông thôn", ["so-nnptnt"]),
                        ("Bộ Chỉ huy Quân sự tỉnh", ["bchqs-tp"]),
                        ("UBND huyện Bình Liêu, Ba Chẽ", ["ubnd-h-binh-lieu", "ubnd-h-ba-che"]),
                    ),
                ),
                Task(
                    "4.3",
                    "Lồng ghép nội dung ứng phó biến đổi khí hậu vào quy hoạch xây dựng Khu kinh tế "
                    "Vân Đồn.",
                ),
            ],
        ),
        Group(
            "5",
            T141,
            "14.1",
            tasks=[
                Task(
                    "5.1",
                    "Kiểm soát các nguồn thải từ đất liền gây ô nhiễm vùng biển vịnh Hạ Long, vịnh "
                    "Bái Tử Long.",
                    P(
                        (
                            "Các Sở: Nông nghiệp và phát triển nông thôn, Giao thông vận tải, Du lịch",
                            ["so-nnptnt", "so-gtvt", "so-du-lich"],
                        ),
                        ("Ban Quản lý vịnh Hạ Long", [UNRESOLVED]),
                        ("UBND thành phố Hạ Long, Cẩm Phả", ["ubnd-tp-ha-long", "ubnd-tp-cam-pha"]),
                        ("UBND huyện Vân Đồn", ["ubnd-h-van-don"]),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "5.2",
                    "Xây dựng năng lực ứng phó sự cố tràn dầu trên vùng biển của tỉnh.",
                    P(
                        ("Bộ CHQS tỉnh", ["bchqs-tp"]),
                        ("BĐBP tỉnh", ["bdbp"]),
                        ("Sở GTVT", ["so-gtvt"]),
                    ),
                ),
                Task(
                    "5.3",
                    "Xây dựng cơ chế khuyến khích cộng đồng ngư dân tham gia giám sát ô nhiễm môi "
                    "trường biển.",
                    P(
                        ("Ủy ban MTTQ Việt Nam tỉnh", ["mttq-tp"]),
                        ("Hội Nông dân tỉnh", ["hoi-nong-dan"]),
                        ("Hội Cựu chiến binh tỉnh", ["hoi-ccb"]),
                        ("UBND cấp xã", ["ubnd-communes"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
            ],
        ),
        Group(
            "6",
            T151,
            "15.1",
            tasks=[
                Task(
                    "6.1",
                    "Điều tra, đánh giá và bảo tồn hệ sinh thái rừng ngập mặn tại thị xã Quảng Yên "
                    "và huyện Tiên Yên.",
                    P(
                        ("Sở Nông nghiệp và PTNT", ["so-nnptnt"]),
                        ("Sở KH&CN", ["so-khcn"]),
                        ("UBND thị xã Quảng Yên", ["ubnd-tx-quang-yen"]),
                        ("UBND huyện Tiên Yên", ["ubnd-h-tien-yen"]),
                        ("Các đơn vị có liên quan", ["vague-related-units"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "6.2",
                    "Triển khai Quy hoạch bảo tồn đa dạng sinh học tỉnh Quảng Ninh đến năm 2020, "
                    "định hướng đến năm 2030.",
                ),
            ],
        ),
    ],
)

QUANG_NINH = Plan(
    "quang-ninh",
    "Quảng Ninh",
    "Tỉnh Quảng Ninh",
    "tỉnh",
    "1520/QĐ-UBND",
    15,
    5,
    2018,
    "Trần Văn Mẫu",
    [QN_A01, QN_A02, QN_A03],
)

# ---- Cần Thơ (a centrally-run city) -----------------------------------------------------------

T13 = (
    "Mục tiêu 1.3: Đến năm 2030, bảo đảm tất cả mọi người, đặc biệt những người nghèo và người dễ "
    "bị tổn thương, có quyền bình đẳng đối với các nguồn lực kinh tế, tiếp cận các dịch vụ cơ bản, "
    "quyền sử dụng đất đai và tài nguyên thiên nhiên, quyền sở hữu và kiểm soát các dạng tài sản "
    "khác, công nghệ mới phù hợp và các dịch vụ tài chính, bao gồm tài chính vi mô."
)
T165 = "Mục tiêu 16.5: Giảm đáng kể mọi loại hình tham nhũng và hối lộ."
T167 = (
    "Mục tiêu 16.7: Đảm bảo quá trình ra quyết định mang tính phản hồi, bao trùm, có sự tham gia "
    "của người dân và mang tính đại diện ở tất cả các cấp."
)
T41 = (
    "Mục tiêu 4.1: Đến năm 2030, đảm bảo tất cả các trẻ em gái và trai hoàn thành giáo dục tiểu "
    "học, giáo dục trung học cơ sở miễn phí, công bằng, có chất lượng."
)
T42 = (
    "Mục tiêu 4.2: Đến năm 2030, đảm bảo tất cả các trẻ em gái và trai được tiếp cận với phát "
    "triển, chăm sóc giai đoạn trẻ thơ và giáo dục mầm non có chất lượng để sẵn sàng bước vào cấp "
    "tiểu học."
)
T45 = (
    "Mục tiêu 4.5: Đến năm 2030, đảm bảo tiếp cận bình đẳng trong giáo dục và đào tạo, đào tạo "
    "nghề nghiệp cho những người dễ bị tổn thương, bao gồm cả những người khuyết tật, người dân tộc "
    "và trẻ em trong những hoàn cảnh dễ bị tổn thương."
)
T133 = (
    "Mục tiêu 13.3: Giáo dục, nâng cao nhận thức, năng lực và thể chế trong cảnh báo sớm, ứng phó "
    "với biến đổi khí hậu và giảm nhẹ rủi ro thiên tai."
)
T89 = (
    "Mục tiêu 8.9: Đến năm 2030 phát triển du lịch bền vững, tạo việc làm, tạo sản phẩm và dịch vụ "
    "du lịch có khả năng cạnh tranh với các nước trong khu vực và thế giới; thúc đẩy quảng bá văn "
    "hóa và sản phẩm địa phương."
)
T114 = (
    "Mục tiêu 11.4: Tăng cường bảo vệ và bảo đảm an toàn các di sản văn hóa và thiên nhiên của thế "
    "giới và các di sản văn hóa phi vật thể được UNESCO công nhận."
)
T53 = (
    "Mục tiêu 5.3: Hạn chế tiến tới xóa bỏ các thủ tục như tảo hôn, kết hôn sớm và hôn nhân ép "
    "buộc."
)
T128 = (
    "Mục tiêu 12.8: Đến năm 2030, bảo đảm người dân ở mọi nơi có thông tin và nhận thức phù hợp về "
    "phát triển bền vững và cách sống hài hòa với thiên nhiên."
)

CT_A01 = Appendix(
    "01",
    "mttq-tp",
    "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Cần Thơ",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM THÀNH PHỐ CẦN THƠ",
    ["Ủy ban MTTQ Việt Nam thành phố"],
    [
        Group(
            "1",
            T13,
            "1.3",
            "1.3.b",
            "Mục tiêu 1.3.b:",
            [
                Task(
                    "1.1",
                    "Tăng cường phối hợp giữa các Sở, ngành, UBND các quận, huyện và các đoàn thể để "
                    "tuyên truyền về quyền bình đẳng của người dân trong tiếp cận các nguồn lực kinh "
                    "tế và dịch vụ cơ bản.",
                    P(
                        ("Các Sở, Ban, Ngành thành phố", ["vague-depts-sectors"]),
                        ("UBND các quận, huyện", ["ubnd-districts"]),
                        ("Đài PT&TH Cần Thơ", ["dai-ptth"]),
                        ("Báo Cần Thơ", ["bao-tinh"]),
                        (
                            "Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp",
                            ["to-chuc-ct-xh", "to-chuc-xh-nn"],
                        ),
                        ("Các đơn vị có liên quan", ["vague-related-units"]),
                        end="",
                        lines=True,
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "1.2",
                    "Đẩy mạnh cuộc vận động ủng hộ Quỹ \u201cVì người nghèo\u201d thành phố, hỗ trợ "
                    "hộ nghèo về nhà ở và vốn sản xuất.",
                ),
                Task(
                    "1.3",
                    "Vận động doanh nghiệp trên địa bàn nhận đỡ đầu hộ nghèo tại các huyện Vĩnh "
                    "Thạnh, Cờ Đỏ, Thới Lai.",
                    P(
                        (
                            "Phòng Thương mại và Công nghiệp Việt Nam chi nhánh Cần Thơ",
                            [UNRESOLVED],
                        ),
                        ("Các doanh nghiệp", ["doanh-nghiep"]),
                        (
                            "UBND huyện Vĩnh Thạnh, Cờ Đỏ, Thới Lai",
                            ["ubnd-h-vinh-thanh", "ubnd-h-co-do", "ubnd-h-thoi-lai"],
                        ),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
            ],
        ),
        Group(
            "2",
            T38,
            "3.8",
            "3.8.b",
            "Mục tiêu 3.8.b:",
            [
                Task(
                    "2.1",
                    "Tuyên truyền, vận động nhân dân không xả rác xuống sông, kênh rạch; xây dựng mô "
                    "hình \u201cTuyến đường, bến sông xanh - sạch - đẹp\u201d.",
                    P(
                        ("Sở TN&MT", ["so-tnmt"]),
                        ("Thành Đoàn", ["doan-tn-tp"]),
                        ("Hội LHPN thành phố", ["hoi-lhpn-tp"]),
                        ("Hội Nông dân thành phố", ["hoi-nong-dan"]),
                        ("UBND các quận, huyện", ["ubnd-districts"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "2.2",
                    "Giám sát việc thực thi pháp luật về bảo vệ môi trường của các cơ sở sản xuất, "
                    "kinh doanh tại khu công nghiệp Trà Nóc, Hưng Phú.",
                    P(
                        (
                            "Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ",
                            ["bql-kcn"],
                        ),
                        ("Sở Tài nguyên và Môi trường", ["so-tnmt"]),
                        ("UBND quận Bình Thủy, Cái Răng", ["ubnd-q-binh-thuy", "ubnd-q-cai-rang"]),
                    ),
                ),
            ],
        ),
        Group(
            "3",
            T165,
            "16.5",
            "16.5.c",
            "Mục tiêu 16.5.c:",
            [
                Task(
                    "3.1",
                    "Đẩy mạnh tuyên truyền và giám sát việc thực hiện pháp luật về phòng, chống tham "
                    "nhũng, lãng phí; vận động nhân dân giám sát cán bộ, công chức thực hiện quy chế "
                    "dân chủ ở cơ sở.",
                    P(
                        ("Thanh tra thành phố", ["thanh-tra-tp"]),
                        ("Viện Kiểm sát nhân dân thành phố", ["vks-tp"]),
                        ("Báo Cần Thơ", ["bao-tinh"]),
                        ("UBND xã, phường, thị trấn", ["ubnd-communes"]),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "3.2",
                    "Thực hiện công tác tiếp công dân, tiếp nhận ý kiến phản ánh, kiến nghị của nhân "
                    "dân.",
                ),
                Task(
                    "3.3",
                    "Phát huy vai trò của Ban Thanh tra nhân dân và các cơ quan thông tin đại chúng "
                    "trong phát hiện, đấu tranh phòng, chống tham nhũng.",
                ),
            ],
        ),
        Group(
            "4",
            T167,
            "16.7",
            "16.7.b",
            "Mục tiêu 16.7.b:",
            [
                Task(
                    "4.1",
                    "Tăng cường vai trò của Ủy ban MTTQ Việt Nam thành phố và các tổ chức thành viên "
                    "trong tham gia xây dựng chính quyền và phản biện xã hội.",
                    P(
                        ("Các tổ chức thành viên của Mặt trận", ["mttq-members"]),
                        ("Các cơ quan, tổ chức có liên quan", ["vague-related-bodies"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "4.2",
                    "Tổ chức hội nghị lấy ý kiến nhân dân về các đồ án quy hoạch đô thị tại các "
                    "quận Ninh Kiều, Ô Môn, Thốt Nốt.",
                    P(
                        ("Sở Xây dựng", ["so-xay-dung"]),
                        (
                            "UBND các quận: Ninh Kiều, Ô Môn, Thốt Nốt",
                            ["ubnd-q-ninh-kieu", "ubnd-q-o-mon", "ubnd-q-thot-not"],
                        ),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
            ],
        ),
    ],
)

CT_A02 = Appendix(
    "02",
    "so-gddt",
    "Sở Giáo dục và Đào tạo",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ["Sở GD&ĐT", "Sở Giáo dục và Đào tạo"],
    [
        Group(
            "1",
            T41,
            "4.1",
            tasks=[
                Task(
                    "1.1",
                    "Xây dựng Quy hoạch phát triển giáo dục và đào tạo thành phố Cần Thơ đến năm "
                    "2025, định hướng đến năm 2030.",
                    P(
                        (
                            "Các Sở: KH&ĐT, Tài chính, Xây dựng, Nội vụ",
                            ["so-khdt", "so-tai-chinh", "so-xay-dung", "so-noi-vu"],
                        ),
                        ("UBND các quận, huyện", ["ubnd-districts"]),
                    ),
                    Y("2018-2020", values=P1820),
                ),
                Task(
                    "1.2",
                    "Huy động trẻ em trong độ tuổi đến trường, đặc biệt là trẻ em người dân tộc "
                    "Khmer và trẻ em vùng nông thôn.",
                    P(
                        ("Ban Dân tộc thành phố", ["ban-dan-toc"]),
                        ("Thành Đoàn", ["doan-tn-tp"]),
                        (
                            "UBND các huyện: Phong Điền, Thới Lai, Cờ Đỏ, Vĩnh Thạnh",
                            [
                                "ubnd-h-phong-dien",
                                "ubnd-h-thoi-lai",
                                "ubnd-h-co-do",
                                "ubnd-h-vinh-thanh",
                            ],
                        ),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "1.3",
                    "Bảo đảm ngân sách nhà nước đầu tư cho giáo dục được ưu tiên cho giáo dục phổ "
                    "cập và vùng khó khăn.",
                    P(
                        ("Sở Tài chính", ["so-tai-chinh"]),
                        ("Kho bạc Nhà nước Cần Thơ", ["kho-bac"]),
                        ("Cục Thuế thành phố", ["cuc-thue"]),
                    ),
                ),
            ],
        ),
        Group(
            "2",
            T42,
            "4.2",
            tasks=[
                Task(
                    "2.1",
                    "Xây dựng đề án phát triển giáo dục mầm non thành phố giai đoạn 2018-2025.",
                    P(
                        ("Các Sở, Ban, Ngành", ["vague-depts-sectors"]),
                        ("UBND các quận, huyện", ["ubnd-districts"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "2.2",
                    "Nâng cao nhận thức của cha mẹ về chăm sóc, giáo dục trẻ trong giai đoạn trẻ thơ.",
                    P(
                        ("Hội LHPN thành phố", ["hoi-lhpn-tp"]),
                        ("Sở Y tế", ["so-y-te"]),
                        ("Đài Phát thanh và Truyền hình thành phố", ["dai-ptth"]),
                    ),
                ),
                Task(
                    "2.3",
                    "Hỗ trợ trẻ em nghèo, trẻ em có hoàn cảnh đặc biệt khó khăn tiếp cận giáo dục mầm "
                    "non.",
                    P(
                        ("Sở Lao đông - Thương binh và Xã hội", ["so-ldtbxh"]),  # typo "đông"
                        ("UBND cấp xã", ["ubnd-communes"]),
                    ),
                ),
            ],
        ),
        Group(
            "3",
            T45,
            "4.5",
            "4.5.a",
            "Mục tiêu 4.5.a:",
            [
                Task(
                    "3.1",
                    "Xây dựng chính sách hỗ trợ người khuyết tật, người dân tộc thiểu số tiếp cận "
                    "dịch vụ giáo dục và đào tạo.",
                    P(
                        ("Sở LĐ-TB&XH", ["so-ldtbxh"]),
                        ("Ban Dân tộc thành phố", ["ban-dan-toc"]),
                        ("Các tổ chức chính trị - xã hội", ["to-chuc-ct-xh"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "3.2",
                    "Phối hợp đào tạo, bồi dưỡng giáo viên về giáo dục hòa nhập cho trẻ khuyết tật.",
                    P(
                        ("Trường Đại học Cần Thơ", [UNRESOLVED]),
                        ("Sở Nội vụ", ["so-noi-vu"]),
                    ),
                ),
            ],
        ),
        Group(
            "4",
            T133,
            "13.3",
            "13.3.b",
            "Mục tiêu 13.3.b:",
            [
                Task(
                    "4.1",
                    "Đưa nội dung ứng phó với biến đổi khí hậu, xâm nhập mặn và sạt lở bờ sông vào "
                    "chương trình giáo dục các cấp.",
                    P(
                        ("Sở Tài nguyên và Môi trường", ["so-tnmt"]),
                        ("Sở NN&PTNT", ["so-nnptnt"]),
                        ("Viện Lúa đồng bằng sông Cửu Long", [UNRESOLVED]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "4.2",
                    "Tổ chức diễn tập phòng, chống thiên tai tại các trường học ven sông.",
                    P(
                        ("Bộ Chỉ huy Quân sự thành phố", ["bchqs-tp"]),
                        ("Công an thành phố", ["cong-an-tp"]),
                        ("UBND các quận, huyện", ["ubnd-districts"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
            ],
        ),
        Group(
            "5",
            T35,
            "3.5",
            "3.5.a",
            "Mục tiêu 3.5.a:",
            [
                Task(
                    "5.1",
                    "Đưa giáo dục an toàn giao thông đường bộ và đường thủy nội địa vào chương trình "
                    "ngoại khóa.",
                    P(
                        ("Ban An toàn giao thông thành phố", ["ban-atgt-tp"]),
                        ("Sở Giao thông vận tài", ["so-gtvt"]),  # typo "tài" for "tải"
                        ("Công an thành phố", ["cong-an-tp"]),
                        ("Thành Đoàn", ["doan-tn-tp"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
                Task(
                    "5.2",
                    "Vận động học sinh đội mũ bảo hiểm khi đi xe máy, xe đạp điện.",
                ),
            ],
        ),
    ],
)

CT_A03 = Appendix(
    "03",
    "so-vhttdl",
    "Sở Văn hóa, Thể thao và Du lịch",
    "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    ["Sở Văn hóa, Thể thao và Du lịch", "Sở VH,TT&DL"],
    [
        Group(
            "1",
            T89,
            "8.9",
            tasks=[
                Task(
                    "1.1",
                    "Phát triển du lịch sinh thái miệt vườn tại huyện Phong Điền và cồn Sơn gắn với "
                    "bảo vệ môi trường.",
                    P(
                        ("Sở Nông nghiệp và Phát triển nông thôn", ["so-nnptnt"]),
                        ("UBND huyện Phong Điền", ["ubnd-h-phong-dien"]),
                        ("UBND quận Bình Thủy", ["ubnd-q-binh-thuy"]),
                        ("Hiệp hội Du lịch Cần Thơ", ["hiep-hoi-du-lich"]),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "1.2",
                    "Quản lý, nâng cao chất lượng dịch vụ du lịch tại chợ nổi Cái Răng.",
                    P(
                        ("UBND quận Cái Răng", ["ubnd-q-cai-rang"]),
                        ("Công an thành phố", ["cong-an-tp"]),
                        ("Sở Công Thương", ["so-cong-thuong"]),
                        (
                            "Các công ty lữ hành, nhà hàng, khách sạn trên địa bàn thành phố",
                            ["du-lich-doanh-nghiep"],
                        ),
                    ),
                ),
                Task(
                    "1.3",
                    "Đào tạo nguồn nhân lực du lịch; bồi dưỡng kỹ năng cho người dân tham gia du "
                    "lịch cộng đồng.",
                    P(
                        ("Sở LĐTBXH", ["so-ldtbxh"]),
                        ("Sở GD&ĐT", ["so-gddt"]),
                        ("Các cơ sở giáo dục nghề nghiệp", ["co-so-gdnn"]),
                        ("Các trường đại học", ["truong-dh"]),
                    ),
                    Y("2018-2020", values=P1820),
                ),
            ],
        ),
        Group(
            "2",
            T114,
            "11.4",
            tasks=[
                Task(
                    "2.1",
                    "Bảo tồn và phát huy giá trị nghệ thuật Đờn ca tài tử Nam Bộ, di sản văn hóa phi "
                    "vật thể đại diện của nhân loại.",
                    P(
                        ("Câu lạc bộ Đờn ca tài tử thành phố", [UNRESOLVED]),
                        ("Các Câu lạc bộ nghệ thuật dân gian", ["clb-nghe-thuat-dan-gian"]),
                        ("UBND các quận, huyện", ["ubnd-districts"]),
                    ),
                    Y("2018-2020", "2021-2030", values=BOTH18),
                ),
                Task(
                    "2.2",
                    "Tu bổ, tôn tạo các di tích lịch sử - văn hóa cấp quốc gia trên địa bàn thành "
                    "phố.",
                    P(
                        (
                            "Các Sở: Xây dựng, Tài chính, KH&ĐT",
                            ["so-xay-dung", "so-tai-chinh", "so-khdt"],
                        ),
                        ("UBND quận Ninh Kiều, Ô Môn", ["ubnd-q-ninh-kieu", "ubnd-q-o-mon"]),
                    ),
                ),
                Task(
                    "2.3",
                    "Số hóa tư liệu về di sản văn hóa vật thể và phi vật thể của thành phố.",
                    P(
                        ("Sở Thông tin và Truyền thông", ["so-tttt"]),
                        ("Sở Khoa học và Công nghệ", ["so-khcn"]),
                        ("Đài PT&TH Cần Thơ", ["dai-ptth"]),
                    ),
                    Y("2018-2020", values=P1820),
                ),
            ],
        ),
        Group(
            "3",
            T53,
            "5.3",
            tasks=[
                Task(
                    "3.1",
                    "Tuyên truyền, vận động xóa bỏ tảo hôn trong đồng bào dân tộc Khmer, Hoa.",
                    P(
                        ("Ban Dân tộc thành phố", ["ban-dan-toc"]),
                        ("Hội LHPN thành phố", ["hoi-lhpn-tp"]),
                        ("Sở Tư pháp", ["so-tu-phap"]),
                        ("Ủy ban MTTQ Việt Nam thành phố", ["mttq-tp"]),
                    ),
                    Y("2018-2020 và", "2021-2030", values=BOTH18),
                ),
                Task(
                    "3.2",
                    "Xây dựng mô hình gia đình văn hóa, không tảo hôn tại các ấp, khu vực.",
                ),
                Task(
                    "3.3",
                    "Kiểm tra việc đăng ký kết hôn và xử lý các trường hợp tảo hôn.",
                    P(
                        ("Sở Tư pháp", ["so-tu-phap"]),
                        ("Tòa án nhân dân thành phố", ["toa-an-tp"]),
                        ("Công an thành phố", ["cong-an-tp"]),
                        ("Ủy ban nhân dân các xã, phường, thị trấn", ["ubnd-communes"]),
                    ),
                ),
            ],
        ),
        Group(
            "4",
            T128,
            "12.8",
            tasks=[
                Task(
                    "4.1",
                    "Tổ chức các hoạt động văn hóa, thể thao tuyên truyền lối sống hài hòa với thiên "
                    "nhiên nhân Ngày Môi trường thế giới.",
                    P(
                        ("Sở Tài nguyên và Môi trường", ["so-tnmt"]),
                        ("Liên đoàn Lao động thành phố", ["ldld-tp"]),
                        ("Thành Đoàn", ["doan-tn-tp"]),
                        ("Công ty Điện lực Cần Thơ", ["dien-luc"]),
                    ),
                    Y("Hàng năm", values=ANNUAL),
                ),
                Task(
                    "4.2",
                    "Hưởng ứng Chiến dịch Giờ Trái đất hằng năm trên địa bàn thành phố.",
                ),
            ],
        ),
    ],
)

CAN_THO = Plan(
    "can-tho",
    "Cần Thơ",
    "Thành phố Cần Thơ",
    "thành phố",
    "1076/QĐ-UBND",
    20,
    4,
    2018,
    "Lê Thị Mẫu",
    [CT_A01, CT_A02, CT_A03],
)

PLANS = {p.slug: p for p in (QUANG_NINH, CAN_THO)}
