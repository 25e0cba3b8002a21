"""``drop_marks`` gives what the per-character fold it replaced gave, on any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from build_graph.marks import drop_marks


def per_character(text: str) -> str:
    return "".join(c for c in text if not unicodedata.combining(c))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_any_text_as_the_generator_folded_it(text):
    assert drop_marks(text) == per_character(text)
    decomposed = unicodedata.normalize("NFD", text)
    assert drop_marks(decomposed) == per_character(decomposed)


def test_vietnamese_letters_lose_their_marks_once_decomposed():
    text = unicodedata.normalize("NFD", "Sở Tài nguyên và Môi trường, Hải Phòng; Thuỵ, Hoà")
    assert drop_marks(text) == "So Tai nguyen va Moi truong, Hai Phong; Thuy, Hoa"
    assert drop_marks("đ Đ") == "đ Đ"  # a letter of its own, not a mark: the folds map it


def test_every_combining_mark_of_the_first_planes_is_dropped():
    marks = "".join(chr(c) for c in range(0x3000) if unicodedata.combining(chr(c)))
    assert len(marks) > 300 and drop_marks("a" + marks + "b") == "ab"
