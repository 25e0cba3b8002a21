"""The closest spelling of a name among a registry's keys: ``difflib.get_close_matches(word,
keys, 1, cutoff)``, answered the same, without its per-key Python loop.

difflib tests every key with ``quick_ratio`` (twice the characters the two strings share,
counted with repeats, over their total length; an upper bound of ``ratio``) before the costly
``ratio``. A province's registry has ~3,000 keys, and a national build asks ~20,000 times:
those tests were ~2.7 CPU-s of the 63-plan build. Here every key's character counts are
one row of a matrix, so a word's shared counts with every key are one vectorised step; the
few keys that pass both of difflib's cheap bounds then get difflib's own ``ratio``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence

import numpy as np


class CloseNames:
    """``best(word, cutoff)`` is ``difflib.get_close_matches(word, keys, 1, cutoff)``."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = list(keys)
        alphabet = sorted({character for key in self.keys for character in key})
        self._column = {character: i for i, character in enumerate(alphabet)}
        self._counts = np.zeros((len(self.keys), len(alphabet)), dtype=np.int32)
        for row, key in enumerate(self.keys):
            for character, count in Counter(key).items():
                self._counts[row, self._column[character]] = count
        self._lengths = np.array([len(key) for key in self.keys], dtype=np.int64)

    def best(self, word: str, cutoff: float) -> str | None:
        """The key difflib would give for ``word`` (highest ratio, ties to the greater key),
        or None when no key reaches ``cutoff``."""
        if not self.keys or not word:  # (difflib's ratio of two empty strings is 1.0)
            close = difflib.get_close_matches(word, self.keys, 1, cutoff)
            return close[0] if close else None
        wanted = np.zeros(self._counts.shape[1], dtype=np.int32)
        for character, count in Counter(word).items():
            column = self._column.get(character)
            if column is not None:  # a character no key has is shared with none
                wanted[column] = count
        shared = np.minimum(self._counts, wanted).sum(axis=1)
        totals = self._lengths + len(word)
        # difflib's bounds, as difflib computes them (2.0 * matches / length, a float64)
        real_quick = 2.0 * np.minimum(self._lengths, len(word)) / totals
        quick = 2.0 * shared / totals
        passing = np.flatnonzero((real_quick >= cutoff) & (quick >= cutoff))
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        found: list[tuple[float, str]] = []
        for row in passing:
            key = self.keys[row]
            matcher.set_seq1(key)
            score = matcher.ratio()
            if score >= cutoff:
                found.append((score, key))
        return max(found)[1] if found else None
