"""queries/COOKBOOK.md: at least 15 research questions, each query runs on the bundled plan
and gives the answer the cookbook prints, and declares the prefixes it uses."""

from __future__ import annotations

import re

import pytest

from build_graph.graph.prefixes import PREFIXES
from build_graph.sparql.library import query_prefixes

from .cookbook import COOKBOOK, answer, questions

QUESTIONS = questions(COOKBOOK.read_text("utf-8"))


def test_the_cookbook_has_at_least_15_questions_numbered_in_order():
    assert len(QUESTIONS) >= 15
    assert [q.number for q in QUESTIONS] == list(range(1, len(QUESTIONS) + 1))
    assert len({q.title for q in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: f"{q.number:02d}")
def test_each_answer_still_holds(question):
    got = answer(question)
    assert got == question.answer
    assert got.count("\n") > 2, "an answer with no row proves little"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: f"{q.number:02d}")
def test_each_query_declares_the_prefixes_it_uses(question):
    declared = query_prefixes(question.query)
    body = re.sub(r"<[^>\s]*>|\"[^\"]*\"", "", question.query.split("SELECT", 1)[1])
    used = {m for m in re.findall(r"(?<![\w?$])([a-z][\w\-]*):", body) if m in PREFIXES}
    assert used <= set(declared), sorted(used - set(declared))
