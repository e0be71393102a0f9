"""Tests for ``sportsgov._common.numbers``: half-up rounding, Chinese multipliers."""

from __future__ import annotations

import decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.numbers import CN_MULTIPLIERS, round_half_up

# ------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),
        (Fraction(3, 2), 2),
        (Fraction(-3, 2), -2),
        (Fraction(7, 3), 2),
        (Fraction(-7, 3), -2),
        (0, 0),
        (4, 4),
    ],
)
def test_round_half_up_is_away_from_zero(value: Fraction, expected: int) -> None:
    assert round_half_up(value) == expected


@given(st.fractions(max_denominator=1000))
def test_round_half_up_matches_decimal_and_is_symmetric(value: Fraction) -> None:
    with decimal.localcontext(decimal.Context(prec=200)):
        exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
        oracle = int(exact.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))
    assert round_half_up(value) == oracle
    assert round_half_up(-value) == -round_half_up(value)


def test_multipliers() -> None:
    assert CN_MULTIPLIERS["万"] == 10_000 and CN_MULTIPLIERS["亿"] == 100_000_000


def test_population_uses_symmetric_rounding() -> None:
    from sportsgov.regions import PopulationTable

    pop = PopulationTable.from_records([{"region": "A", "year": 2024, "population": "1.5万"}])
    assert pop.get("A", 2024) == 15_000
