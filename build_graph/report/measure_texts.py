"""What each measure is, in words an analyst can quote, in English and in Vietnamese: its
formula, why it is computed that way, and two or three plain sentences. One place, so that the
report, the CSV exports and the method section say the same thing."""

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
    vi: tuple[str, str, str, str] = ("", "", "", "")  # name, formula, why, plain

    def says(self, lang: str) -> tuple[str, str, str, str]:
        """Name, formula, why and plain words in ``lang``."""
        if lang == "vi" and self.vi[0]:
            return self.vi
        return (self.name, self.formula, self.why, self.plain)


MEASURES = (
    MeasureText(
        "Demand from other agencies",
        "demand_tasks",
        "tasks led by an agency of another sector that name the unit as partner",
        "It counts what other agencies ask of the unit, apart from its own work (a task it "
        "leads) and from its own department's work (in-sector tasks, counted apart).",
        "This is how many tasks of other agencies wait on the unit as a partner. A unit high "
        "here is asked for help by many others; it may not lead anything itself.",
        vi=(
            "Nhu cầu phối hợp từ cơ quan khác",
            "số nhiệm vụ do một cơ quan thuộc ngành khác chủ trì có nêu đơn vị là đơn vị phối hợp",
            "Thước đo này đếm những gì các cơ quan khác đề nghị đơn vị làm, tách khỏi việc của "
            "chính đơn vị (nhiệm vụ đơn vị chủ trì) và việc trong ngành của đơn vị (nhiệm vụ "
            "trong ngành, đếm riêng).",
            "Đây là số nhiệm vụ của các cơ quan khác đang chờ đơn vị phối hợp. Đơn vị có số "
            "này cao được nhiều cơ quan khác đề nghị hỗ trợ; bản thân đơn vị có thể không chủ "
            "trì nhiệm vụ nào.",
        ),
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
        vi=(
            "Số cơ quan chủ trì được phục vụ",
            "số cơ quan chủ trì khác nhau, thuộc ngành khác, nêu đơn vị là đơn vị phối hợp trong "
            "ít nhất một nhiệm vụ",
            "Nhiều nhiệm vụ của cùng một cơ quan chủ trì là một mối quan hệ; nhiều cơ quan chủ "
            "trì là nhiều mối quan hệ phải duy trì. Đây là độ rộng của nhu cầu phối hợp.",
            "Đây là số cơ quan chủ trì khác nhau trông cậy vào đơn vị. Đơn vị phục vụ nhiều cơ "
            "quan chủ trì phải theo dõi nhiều đầu mối công việc riêng rẽ.",
        ),
    ),
    MeasureText(
        "Own workload",
        "tasks_led",
        "tasks the unit leads",
        "It is the unit's own responsibility in the plan, kept apart from what others ask of "
        "it: the old composite score added the two, and then mostly ranked workload.",
        "This is how many tasks the plan makes the unit answerable for. It says nothing about "
        "coordination.",
        vi=(
            "Khối lượng chủ trì",
            "số nhiệm vụ đơn vị chủ trì",
            "Đây là trách nhiệm của chính đơn vị trong kế hoạch, tách khỏi những gì cơ quan "
            "khác đề nghị: điểm tổng hợp cũ cộng hai phần này lại nên chủ yếu xếp hạng theo "
            "khối lượng công việc.",
            "Đây là số nhiệm vụ kế hoạch giao cho đơn vị chịu trách nhiệm chính. Con số này "
            "không nói gì về phối hợp.",
        ),
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
        "This is how often the unit lies on the strongest path (the one with the most shared "
        "tasks) between two other agencies, whether or not those two also work together "
        "directly. A high value means much of the coordination between others can run through "
        "it.",
        vi=(
            "Vai trò cầu nối",
            "độ trung gian chuẩn hóa trên mạng lưới cùng được giao (các cơ quan nối với nhau "
            "qua những nhiệm vụ nêu cả hai, là cơ quan chủ trì hoặc phối hợp; bỏ liên kết trong "
            "cùng một ngành; khoảng cách = 1 / số nhiệm vụ chung), tính trên lõi bậc 2 (bỏ dần "
            "các đơn vị nối với ít hơn hai đơn vị khác); bằng 0 ngoài lõi",
            "Trên mạng lưới chủ trì → phối hợp, các đơn vị chỉ được nêu một lần treo vào cơ "
            "quan chủ trì của mình, và cơ quan chủ trì nhận độ trung gian từ chúng (ngành Y tế "
            "từ các trung tâm của mình). Mạng lưới cùng được giao nối mọi cặp cơ quan cùng làm "
            "một nhiệm vụ, nên một đơn vị chỉ phối hợp nhưng phục vụ nhiều cơ quan chủ trì sẽ "
            "nối các cơ quan đó với nhau; lõi bậc 2 bỏ đi các liên hệ chỉ có một lần.",
            "Đây là mức độ thường xuyên đơn vị nằm trên đường nối mạnh nhất (nhiều nhiệm vụ "
            "chung nhất) giữa hai cơ quan khác, dù hai cơ quan đó có trực tiếp làm việc với nhau "
            "hay không. Giá trị cao nghĩa là phần lớn sự phối hợp giữa các cơ quan khác có thể "
            "đi qua đơn vị.",
        ),
    ),
    MeasureText(
        "Effective size (Burt)",
        "effective_size",
        "Burt's effective size on the whole co-assignment network (ties within one sector "
        "dropped): contacts minus their redundancy",
        "A second view of brokerage that does not depend on shortest paths: how many of the "
        "unit's contacts are not also tied to one another.",
        "This is roughly how many of the unit's contacts are not tied to one another, each "
        "tie weighted by the tasks it shares. A high value means the unit's contacts mostly do "
        "not work with each other, so it links agencies that are otherwise apart.",
        vi=(
            "Quy mô hiệu dụng (Burt)",
            "quy mô hiệu dụng của Burt trên toàn bộ mạng lưới cùng được giao (bỏ liên kết trong "
            "cùng một ngành): số đầu mối trừ đi phần trùng lặp giữa các đầu mối",
            "Một cách nhìn khác về vai trò cầu nối, không phụ thuộc vào đường đi ngắn nhất: "
            "bao nhiêu đầu mối của đơn vị không liên hệ với nhau.",
            "Đây gần như là số đầu mối của đơn vị không liên hệ với nhau, mỗi liên hệ được tính "
            "theo số nhiệm vụ chung. Giá trị cao nghĩa là các đầu mối của đơn vị phần lớn không "
            "làm việc với nhau, nên đơn vị nối các cơ quan vốn tách rời.",
        ),
    ),
    MeasureText(
        "Concentration",
        "concentration",
        "for a lead: the share of its tasks that name its most-named partner agency of another "
        "sector (collective and vague units are no partner agencies and are not counted)",
        "A lead that names one partner on most of its tasks depends on that partner.",
        "This is the share of the lead's tasks that rest on one partner agency. A high share "
        "means the lead's work stalls if that partner does not act.",
        True,
        vi=(
            "Mức độ tập trung",
            "đối với cơ quan chủ trì: tỷ lệ nhiệm vụ của cơ quan có nêu cơ quan phối hợp thuộc "
            "ngành khác được nêu nhiều nhất (đơn vị tập thể và chung chung không phải cơ quan "
            "phối hợp và không được tính)",
            "Cơ quan chủ trì nêu cùng một đơn vị phối hợp trong phần lớn nhiệm vụ thì phụ thuộc "
            "vào đơn vị đó.",
            "Đây là tỷ lệ nhiệm vụ của cơ quan chủ trì dựa vào một đơn vị phối hợp. Tỷ lệ cao "
            "nghĩa là công việc của cơ quan chủ trì bị đình trệ nếu đơn vị đó không thực hiện.",
        ),
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
        vi=(
            "Giao xuống cấp dưới",
            "đối với cơ quan chủ trì: tỷ lệ nhiệm vụ có nêu Ủy ban nhân dân cấp huyện hoặc cấp "
            "xã (chung hoặc cụ thể)",
            "Kế hoạch giao nhiều việc xuống cấp huyện, cấp xã mà không nêu rõ ai ở đó thực "
            "hiện; thước đo này cho thấy cơ quan chủ trì nào làm vậy nhiều nhất.",
            "Đây là tỷ lệ nhiệm vụ của cơ quan chủ trì được chuyển xuống Ủy ban nhân dân cấp "
            "huyện hoặc cấp xã. Tỷ lệ cao nghĩa là cơ quan chủ trì dựa vào chính quyền địa "
            "phương để thực hiện.",
        ),
    ),
)
MEASURE_BY_COLUMN = {m.column: m for m in MEASURES}
