"""Property tests: whatever the text, the reader returns a plan or raises its own InputError."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_graph.document.decoding import split_lines
from build_graph.errors import InputError
from build_graph.read.reader import read_plan_lines

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

vietnamese = st.text(
    alphabet=st.sampled_from(
        list("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")
        + list("abcdefghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY0123456789 .,:;-–\n\u00a0")
    ),
    max_size=400,
)
table_tokens = st.sampled_from(
    [
        "PHỤ LỤC 01",
        "PHỤ LỤC 02",
        "CƠ QUAN CHỦ TRÌ THỰC HIỆN: SỞ Y TẾ.",
        "TT",
        "Nhiệm vụ",
        "Đơn vị phối hợp",
        "Giai đoạn thực hiện",
        "1",
        "2",
        "1.1",
        "1.2",
        "1.1.1",
        "2.1",
        "Mục tiêu 3.8: Giảm ô nhiễm",
        "Mục tiêu 3.8.b:",
        "Mục tiêu 2:",
        "Mục tiêu 12.2a:",
        "Tuyên truyền, vận động nhân dân.",
        "Các Sở: Tài chính, Y tế; UBND các quận, huyện",
        "Các đơn vị có liên quan",
        "2017-2020",
        "2021-2030",
        "và",
        "Hàng năm",
        "2019",
        "",
        "Sở Y tế chủ trì thực hiện các mục tiêu: 3.8.b, 2.1.a trong Kế hoạch",
        "DANH MỤC CÁC PHỤ LỤC",
        "Bạn Chưa Đăng Nhập Thành Viên!",
        "Các Sở: ; :",
    ]
)


def outcome(text: str, resolver) -> str:
    try:
        plan = read_plan_lines(split_lines(text), "<generated>", resolver)
    except InputError as exc:
        assert exc.path == "<generated>"
        assert "\n" not in str(exc)
        return "refused"
    assert all(task.text for task in plan.tasks)
    return "plan"


@PROFILE
@given(text=vietnamese)
def test_random_text(text, resolver):
    outcome(text, resolver)


@PROFILE
@given(tokens=st.lists(table_tokens, max_size=60))
def test_random_tables(tokens, resolver):
    outcome("\n".join(tokens), resolver)


@PROFILE
@given(data=st.data())
def test_mutations_of_the_real_document(data, source_lines, resolver):
    texts = [line.text for line in source_lines]
    for _ in range(data.draw(st.integers(1, 8), label="mutations")):
        if len(texts) < 2:
            break
        i = data.draw(st.integers(0, len(texts) - 1), label="at")
        kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "cut"]), label="kind")
        if kind == "delete":
            del texts[i]
        elif kind == "duplicate":
            texts.insert(i, texts[i])
        elif kind == "swap":
            j = data.draw(st.integers(0, len(texts) - 1), label="with")
            texts[i], texts[j] = texts[j], texts[i]
        else:
            texts = texts[:i]
    outcome("\n".join(texts), resolver)


@PROFILE
@given(cell=st.text(max_size=200))
def test_resolver_never_fails_and_drops_nothing(cell, resolver):
    reading = resolver.resolve_cell(cell)
    if any(ch.isalnum() for ch in cell):
        assert reading.mentions, cell
    for mention in reading.mentions:
        assert mention.agency_id
        assert mention.how in {"alias", "list-expansion", "compound", "fuzzy", "unresolved"}


@PROFILE
@given(text=vietnamese)
def test_nfd_and_crlf_copies_read_the_same(text):
    base = split_lines(text)
    assert split_lines(unicodedata.normalize("NFD", text)) == base
    assert split_lines(text.replace("\n", "\r\n")) == base
