"""Fuzz the foundation: money, units, apportionment, periods.

Each test feeds generated and hostile input to a public entry point and checks
(1) only ``SportsgovError`` escapes, (2) each example ends within the time bound,
(3) the invariants of a successful result (sums, bounds, finiteness).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from fuzzutil import HOSTILE, bounded, budget, call
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.apportionment import apportion
from sportsgov.money import Money, allocate
from sportsgov.periods import Period, time_progress
from sportsgov.units import Q_, as_quantity, registry

texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
huge_ints = st.one_of(
    st.integers(-(10**6), 10**6),
    st.sampled_from([2**61, 2**63, 2**64 + 1, 10**400, -(10**5000), 10**4301]),
)
decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [Decimal("1E+100000000"), Decimal("1E-100000000"), Decimal("sNaN"), Decimal("-0")]
    ),
)
numbers = st.one_of(
    huge_ints,
    decimals,
    st.fractions(max_denominator=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.booleans(),
    st.none(),
)


@budget
@given(texts)
@bounded
def test_money_parse(text: str) -> None:
    m = call("Money.parse", Money.parse, text)
    if m is not None:
        assert type(m.fen) is int
        assert Money.parse(str(m)) == m  # what prints parses back


@budget
@given(numbers)
@bounded
def test_money_yuan(value: Any) -> None:
    m = call("Money.yuan", Money.yuan, value, rounding="half_up")
    if m is not None:
        assert type(m.fen) is int


@budget
@given(st.integers(-(10**12), 10**12), numbers)
@bounded
def test_money_arithmetic(fen: int, factor: Any) -> None:
    m = Money(fen)
    product = call("Money.__mul__", lambda: m * factor)
    if product is not None:
        assert type(product.fen) is int
    call("Money.__truediv__", lambda: m / factor)
    call("Money.__lt__", lambda: m < factor)
    call("Money.__eq__", lambda: m == factor)
    call("Money.__add__", lambda: m + factor)


@budget
@given(st.integers(-(10**15), 10**15), st.lists(numbers, max_size=6))
@bounded
def test_money_allocate(fen: int, weights: list[Any]) -> None:
    parts = call("allocate", allocate, Money(fen), weights)
    if parts is not None:
        assert sum(parts, Money(0)) == Money(fen)  # always adds up to the total


@budget
@given(
    st.one_of(numbers, texts), st.one_of(st.none(), texts, st.sampled_from(["m^2", "亩", "km"]))
)
@bounded
def test_as_quantity(value: Any, unit: Any) -> None:
    q = call("as_quantity", as_quantity, value, unit)
    if q is not None and not hasattr(q.magnitude, "shape"):
        assert math.isfinite(float(q.magnitude))  # finite=True is the default


unit_texts = st.one_of(
    texts,
    st.sampled_from(
        ["m**10**10**10", "m^99999999", "[length]**10**10", "[area] / [population]", "km", "亩"]
    ),
)


@budget
@given(st.one_of(texts, unit_texts), unit_texts)
@bounded
def test_pint_entry_points(text: str, unit: str) -> None:
    # pint's own string entry points, public through Q_ and the registry
    for name, fn in [
        ("Q_(text)", lambda: Q_(text)),
        ("Q_(5, unit)", lambda: Q_(5, unit)),
        ("Q_(text, unit)", lambda: Q_(text, unit)),
        ("registry(text)", lambda: registry(text)),
        ("registry.parse_units", lambda: registry.parse_units(unit)),
        ("Quantity.to", lambda: Q_(5, "m").to(unit)),
        ("registry.get_dimensionality", lambda: registry.get_dimensionality(unit)),
    ]:
        q = call(name, fn)
        if q is not None and hasattr(q, "magnitude") and not hasattr(q.magnitude, "shape"):
            assert not math.isnan(float(q.magnitude))


@budget
@given(
    huge_ints,
    st.lists(st.one_of(huge_ints, decimals, st.fractions(), st.floats()), max_size=6),
    st.sampled_from(["hamilton", "jefferson", "webster", "huntington-hill", "adams", "x"]),
    st.one_of(st.none(), huge_ints),
)
@bounded
def test_apportion(total: Any, weights: list[Any], method: str, floors: Any) -> None:
    r = call("apportion", apportion, total, weights, method=method, floors=floors, ties="order")
    if r is not None:
        assert sum(r.seats) == total  # seats always add up to the total
        assert all(s >= 0 for s in r.seats)
        if isinstance(floors, int):
            assert all(s >= floors for s in r.seats)


@budget
@given(texts)
@bounded
def test_period_parse(text: str) -> None:
    p = call("Period.parse", Period.parse, text)
    if p is not None:
        assert p.start <= p.end


@budget
@given(
    st.one_of(st.sampled_from(["2024", "2024-Q2", "2020-06/2022-08", "2024-W01"]), texts),
    st.one_of(st.dates(), texts, huge_ints),
    st.sampled_from(["day", "month", "quarter", "week"]),
)
@bounded
def test_time_progress(period: Any, as_of: Any, basis: str) -> None:
    f = call("time_progress", time_progress, period, as_of, basis=basis)
    if f is not None:
        assert isinstance(f, Fraction) and 0 <= f <= 1


def test_dates_are_real() -> None:  # the strategies above cover min/max dates
    assert dt.date.min < dt.date.max
