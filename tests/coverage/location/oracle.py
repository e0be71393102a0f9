"""Shared by the location-model tests: random instances and the spopt + CBC oracle."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pulp
from hypothesis import strategies as st

SEEDS = range(8)


def cbc() -> Any:
    return pulp.PULP_CBC_CMD(msg=False)


def instance(seed: int) -> tuple[np.ndarray, np.ndarray, int, float]:
    """Random demand × candidate costs (whole numbers), weights, p and a feasible threshold."""
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(6, 22)), int(rng.integers(4, 9))
    costs = np.round(rng.uniform(0, 100, (m, n)))
    weights = rng.integers(1, 20, m).astype(float)
    p = int(rng.integers(1, n))
    threshold = float(costs.min(axis=1).max() + rng.integers(0, 30))
    return costs, weights, p, threshold


def spopt_value(build: Callable[[], Any]) -> float:
    """Objective of a spopt model built and solved by ``build`` (PuLP 3.3 warns on its API)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return float(build().problem.objective.value())


@st.composite
def tiny(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, int]:
    m = draw(st.integers(1, 6))
    n = draw(st.integers(2, 5))
    costs = np.array(
        draw(
            st.lists(st.lists(st.integers(0, 9), min_size=n, max_size=n), min_size=m, max_size=m)
        ),
        dtype=float,
    )
    w = np.array(draw(st.lists(st.integers(0, 9), min_size=m, max_size=m)), dtype=float)
    p = draw(st.integers(1, n - 1))
    return costs, w, p
