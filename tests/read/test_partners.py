"""Partner cells: lists, abbreviations, typos and vague units, each read into canonical agencies.

Each cell below is copied from the bundled document (its line is given).
"""

from __future__ import annotations


def ids(reading):
    return [m.agency_id for m in reading.mentions]


def test_cac_so_list_is_expanded(resolver):
    # line 449
    cell = (
        "Các Sở: Giáo dục và Đào tạo, Giao thông Vận tải, Thông tin và Truyền thông; "
        "Đài PTTH Hải Phòng; Báo Hải Phòng; UBND các quận, huyện; Các tổ chức chính trị - xã hội."
    )
    assert ids(resolver.resolve_cell(cell)) == [
        "so-gddt",
        "so-gtvt",
        "so-tttt",
        "dai-ptth",
        "bao-tinh",
        "ubnd-districts",
        "to-chuc-ct-xh",
    ]


def test_list_continues_past_semicolon(resolver):
    # line 1730: "Tài chính" alone is Sở Tài chính, continuing "Các Sở, ngành: …"
    reading = resolver.resolve_cell(
        "Các Sở, ngành: Kế hoạch và Đầu tư; Tài chính; Các đơn vị liên quan."
    )
    assert ids(reading) == ["so-khdt", "so-tai-chinh", "vague-related-units"]
    assert any("continued past ';'" in note for note in reading.notes)


def test_colon_written_for_semicolon(resolver):
    # line 2657
    reading = resolver.resolve_cell(
        "Các Sở: Tài nguyên và Môi trường, Ngoại vụ: Liên hiệp hội khoa học kỹ thuật Hải Phòng; "
        "Các tổ chức chính trị - xã hội, tổ chức xã hội - nghề nghiệp, UBND các quận, huyện."
    )
    assert ids(reading) == [
        "so-tnmt",
        "so-ngoai-vu",
        "lhh-khkt",
        "to-chuc-ct-xh",
        "to-chuc-xh-nn",
        "ubnd-districts",
    ]
    assert any("':' read as ';'" in note for note in reading.notes)


def test_district_list_expands_to_district_committees(resolver):
    # line 2773
    reading = resolver.resolve_cell(
        "Các Sở: Tài chính, Lao động - Thương binh và Xã hội; "
        "UBND các huyện, quận: Cát Hải, Thủy Nguyên, Hải An, Kiến Thụy, Đồ Sơn, Dương Kinh."
    )
    assert ids(reading) == [
        "so-tai-chinh",
        "so-ldtbxh",
        "ubnd-h-cat-hai",
        "ubnd-h-thuy-nguyen",
        "ubnd-q-hai-an",
        "ubnd-h-kien-thuy",
        "ubnd-q-do-son",
        "ubnd-q-duong-kinh",
    ]


def test_agency_inside_a_so_list_that_is_not_a_so(resolver):
    # line 2925: "Công an thành phố" sits inside "Các Sở: …"
    reading = resolver.resolve_cell(
        "Các Sở: Tài nguyên và Môi trường,Công Thương, Ngoại vụ, Thông tin và Truyền thông, "
        "Công an thành phố; Đài Truyền hình Hải Phòng"
    )
    assert ids(reading) == [
        "so-tnmt",
        "so-cong-thuong",
        "so-ngoai-vu",
        "so-tttt",
        "cong-an-tp",
        "dai-ptth",
    ]


def test_typos_resolve_to_the_canonical_agency(resolver):
    assert ids(resolver.resolve_cell("Bộ Chỉ quân sự TP")) == ["bchqs-tp"]  # line 2697
    assert ids(resolver.resolve_cell("Sở Văn hóaThể thao")) == ["so-vhtt"]  # line 3654
    assert ids(resolver.resolve_cell("Trung tâm chăm sóc sực khỏe sinh sản")) == [
        "tt-cssk-sinh-san"
    ]  # line 4282


def test_abbreviations(resolver):
    assert ids(resolver.resolve_cell("Trung tâm truyền thông GDSK.")) == ["tt-truyen-thong-gdsk"]
    assert ids(resolver.resolve_cell("VCCI tại Hải Phòng")) == ["vcci-hp"]
    assert ids(resolver.resolve_cell("Công an TP; Tòa án ND thành phố")) == [
        "cong-an-tp",
        "toa-an-tp",
    ]


def test_compound_names_are_read_as_several_agencies(resolver):
    # line 1164: "Báo đài, truyền hình Hải Phòng" = the newspaper and the broadcaster
    reading = resolver.resolve_cell("Sở Tài chính, Báo đài, truyền hình Hải Phòng")
    assert ids(reading) == ["so-tai-chinh", "bao-tinh", "dai-ptth"]
    # line 2871: the defunct "Sở Văn hóa, Thể thao và Du lịch" inside a list
    reading = resolver.resolve_cell("Các Sở: Tài chính, Ngoại vụ, Văn hóa, Thể thao và Du lịch")
    assert ids(reading) == ["so-tai-chinh", "so-ngoai-vu", "so-vhtt", "so-du-lich"]


def test_vague_units_are_agents_not_noise(resolver, registry):
    reading = resolver.resolve_cell("Các Sở, Ban, Ngành; Các đơn vị có liên quan.")
    assert ids(reading) == ["vague-depts-sectors", "vague-related-units"]
    assert {registry.agencies[i].kind for i in ids(reading)} == {"vague"}


def test_unknown_name_is_kept_as_unresolved(resolver):
    reading = resolver.resolve_cell("Sở Giáo dục và Đào tạo; Hội Những Người Yêu Mèo Hải Phòng")
    assert ids(reading)[0] == "so-gddt"
    assert reading.mentions[1].how == "unresolved"
    assert reading.mentions[1].agency_id == "unresolved-hoi-nhung-nguoi-yeu-meo-hai-phong"
    assert reading.mentions[1].raw == "Hội Những Người Yêu Mèo Hải Phòng"


def test_truncated_name_is_not_guessed(resolver):
    reading = resolver.resolve_cell("Sở Giáo dục")
    assert [m.how for m in reading.mentions] == ["unresolved"]


def test_every_partner_cell_of_the_document_resolves(plan):
    unresolved = [
        (t.task_id, m.raw) for t in plan.tasks for m in t.partners if m.how == "unresolved"
    ]
    assert unresolved == []
