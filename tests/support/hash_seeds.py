"""Run a snippet of Python in child processes under several PYTHONHASHSEEDs: a result that
must not depend on the hash seed (set and dict-of-str orders) is printed the same by each."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable


def outputs_under_hash_seeds(code: str, seeds: Iterable[int] = (1, 2, 3, 4)) -> set[str]:
    """The distinct standard outputs of ``python -c code``, one child per seed."""
    return {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in seeds
    }
