"""``CloseNames.best`` answers as ``difflib.get_close_matches(word, keys, 1, cutoff)`` does: on
random names, and on the Hải Phòng registry's keys with the misspellings a plan may hold."""

from __future__ import annotations

import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_graph.model.agencies import agency_key
from build_graph.read.close_names import CloseNames

PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

letters = st.sampled_from([*"abcđeghiklmnoprstuyàáạăâêôơư ", "&", "-"])
names = st.text(alphabet=letters, min_size=0, max_size=24)


def reference(word: str, keys: list[str], cutoff: float) -> str | None:
    close = difflib.get_close_matches(word, keys, 1, cutoff)
    return close[0] if close else None


@PROFILE
@given(
    word=names,
    keys=st.lists(names, min_size=0, max_size=40),
    cutoff=st.sampled_from([0.0, 0.5, 0.6, 0.85, 0.9, 1.0]),
)
def test_it_answers_as_difflib_on_any_names(word, keys, cutoff):
    assert CloseNames(keys).best(word, cutoff) == reference(word, keys, cutoff)


@PROFILE
@given(data=st.data())
def test_ties_go_to_the_greater_key_as_in_difflib(data):
    """Keys of one length sharing the word's letters tie on every bound."""
    word = data.draw(st.text(alphabet="abcd", min_size=3, max_size=6))
    keys = data.draw(st.lists(st.permutations(list(word)).map("".join), max_size=8))
    assert CloseNames(keys).best(word, 0.5) == reference(word, keys, 0.5)


def test_the_registry_keys_with_a_plans_misspellings(registry):
    """Every key of the Hải Phòng registry with one letter dropped, doubled or swapped: the
    reading the resolver makes (cutoff 0.9) is difflib's."""
    keys = sorted(registry.keys)
    close = CloseNames(keys)
    words = [agency_key(w) for w in ("Sở Tài nguyên và Môi truờng", "Sở Y tê", "Bảo hiểm xã hộ")]
    for key in keys[::7]:
        middle = len(key) // 2
        words += [key[:middle] + key[middle + 1 :], key[:middle] + key[middle] + key[middle:]]
        words.append(key[: middle - 1] + key[middle] + key[middle - 1] + key[middle + 1 :])
    assert len(words) > 300
    for word in words:
        assert close.best(word, 0.9) == reference(word, keys, 0.9), word
