"""Tests for ``sportsgov.coverage.weights``: distance-decay weights.

Oracle: the ``access`` package's own weight functions (``access.weights.gaussian``,
``gravity`` and ``step_fn``), called one cost at a time; ``exponential`` against
``math.exp``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage.weights import exponential, gaussian, inverse_power, step, zones
from sportsgov.errors import InvalidInputError

access_weights = pytest.importorskip("access.weights")

COSTS = st.lists(st.floats(0, 500, allow_nan=False), min_size=1, max_size=8)
POSITIVE = st.floats(0.5, 100, allow_nan=False)


@given(COSTS, POSITIVE)
def test_gaussian_is_access_gaussian(costs: list[float], sigma: float) -> None:
    ours = gaussian(sigma)(np.array(costs))
    theirs = [access_weights.gaussian(sigma)(c) for c in costs]
    assert ours.tolist() == pytest.approx(theirs, rel=1e-12, abs=1e-300)


@given(COSTS, st.floats(0.5, 3), POSITIVE, st.floats(0.01, 5))
def test_inverse_power_is_access_gravity(
    costs: list[float], beta: float, scale: float, min_cost: float
) -> None:
    ours = inverse_power(beta, scale=scale, min_cost=min_cost)(np.array(costs))
    theirs = [access_weights.gravity(scale, -beta, min_dist=min_cost)(c) for c in costs]
    assert ours.tolist() == pytest.approx(theirs, rel=1e-12)


@given(COSTS, st.lists(st.floats(0, 1), min_size=1, max_size=4))
def test_zones_are_access_step_function(costs: list[float], levels: list[float]) -> None:
    pairs = [(10.0 * (i + 1), w) for i, w in enumerate(sorted(levels, reverse=True))]
    ours = zones(pairs)(np.array(costs))
    theirs = [access_weights.step_fn(dict(pairs))(c) for c in costs]
    assert ours.tolist() == pytest.approx(theirs)


@given(COSTS, st.floats(0.01, 2))
def test_exponential_is_exp_minus_beta_cost(costs: list[float], beta: float) -> None:
    ours = exponential(beta)(np.array(costs))
    assert ours.tolist() == pytest.approx([math.exp(-beta * c) for c in costs], rel=1e-12)


def test_inverse_power_at_cost_zero_needs_min_cost() -> None:
    with pytest.raises(InvalidInputError, match=r"gave inf at cost 0\.0: .*needs min_cost > 0"):
        inverse_power(2)(np.array([1.0, 0.0]))


def test_step_includes_its_boundary() -> None:
    assert step(10)(np.array([0.0, 10.0, 10.5])).tolist() == [1.0, 1.0, 0.0]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: gaussian(-1), r"^sigma=-1: must be finite and > 0$"),
        (lambda: exponential(math.nan), r"^beta=nan: must be finite and > 0$"),
        (lambda: step(0), r"^d0=0: must be finite and > 0$"),
    ],
)
def test_bad_parameters(make: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        make()  # type: ignore[operator]
