"""Tests for the private exact-number helper :mod:`sportsgov._exact`.

Independent oracles: ``float.as_integer_ratio`` (a float's exact binary value) and
``decimal.Decimal(repr(x))`` (the shortest decimal that round-trips, which is what
``repr`` promises since Python 3.1).
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._exact import fmt, to_fraction
from sportsgov.errors import InvalidInputError

finite_floats = st.floats(allow_nan=False, allow_infinity=False)


# ------------------------------------------------------------------ worked examples


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, Fraction(3)),
        (-7, Fraction(-7)),
        (Fraction(2, 3), Fraction(2, 3)),
        (Decimal("0.15"), Fraction(3, 20)),
        (Decimal("-1.5E+3"), Fraction(-1500)),
        ("0.15", Fraction(3, 20)),
        (" 3/20 ", Fraction(3, 20)),
        ("1e-3", Fraction(1, 1000)),
        ("-2", Fraction(-2)),
        ("15%", Fraction(3, 20)),
        (" 12.5 % ", Fraction(1, 8)),
        ("3/20%", Fraction(3, 2000)),
    ],
)
@pytest.mark.parametrize("policy", ["binary", "shortest"])
def test_exact_inputs_ignore_the_float_policy(
    value: object, expected: Fraction, policy: Any
) -> None:
    assert to_fraction(value, "x", floats=policy) == expected


def test_float_policies_differ_exactly_where_documented() -> None:
    # 0.1 is not one tenth in binary: 0.1 == 3602879701896397 / 2**55
    assert to_fraction(0.1, "x", floats="shortest") == Fraction(1, 10)
    assert to_fraction(0.1, "x", floats="binary") == Fraction(3602879701896397, 2**55)
    assert to_fraction(0.43, "x", floats="shortest") == Fraction(43, 100)
    # dyadic floats are the same either way
    assert to_fraction(0.375, "x", floats="binary") == Fraction(3, 8)
    assert to_fraction(0.375, "x", floats="shortest") == Fraction(3, 8)
    assert to_fraction(-2.5, "x", floats="shortest") == Fraction(-5, 2)


def test_fraction_passes_through_unchanged() -> None:
    half = Fraction(1, 2)
    assert to_fraction(half, "x", floats="shortest") is half


def test_numpy_scalars() -> None:
    assert to_fraction(np.int64(2**62 + 1), "x", floats="binary") == 2**62 + 1  # no float rounding
    assert to_fraction(np.uint8(200), "x", floats="shortest") == 200
    assert to_fraction(np.float64(0.1), "x", floats="shortest") == Fraction(1, 10)
    assert to_fraction(np.float64(0.1), "x", floats="binary") == Fraction(0.1)
    # float32 0.1 is read as the float64 it widens to
    assert to_fraction(np.float32(0.5), "x", floats="shortest") == Fraction(1, 2)
    assert to_fraction(np.float32(0.1), "x", floats="binary") == Fraction(float(np.float32(0.1)))
    assert to_fraction(np.array(7), "x", floats="binary") == 7
    assert to_fraction(np.array(0.25), "x", floats="shortest") == Fraction(1, 4)


def test_negative_values_kept_unless_refused() -> None:
    assert to_fraction("-15%", "x", floats="shortest") == Fraction(-3, 20)
    assert to_fraction(-0.0, "x", floats="binary", negative=False) == 0
    assert to_fraction(0, "x", floats="binary", negative=False) == 0
    for bad in (-1, Fraction(-1, 3), Decimal("-0.01"), -1e-300, "-1%", np.int8(-1)):
        with pytest.raises(InvalidInputError, match=r"^w=.*: must be >= 0$"):
            to_fraction(bad, "w", floats="shortest", negative=False)


# ------------------------------------------------------------------ properties


@given(finite_floats)
def test_binary_policy_is_the_exact_binary_value(x: float) -> None:
    got = to_fraction(x, "x", floats="binary")
    assert (got.numerator, got.denominator) == x.as_integer_ratio()


@given(finite_floats)
def test_shortest_policy_is_the_shortest_repr_and_round_trips(x: float) -> None:
    got = to_fraction(x, "x", floats="shortest")
    assert got == Fraction(Decimal(repr(x)))
    assert float(got) == x


@given(st.fractions(), st.sampled_from(["binary", "shortest"]))
def test_exact_values_round_trip_through_strings(value: Fraction, policy: Any) -> None:
    assert to_fraction(str(value), "x", floats=policy) == value
    assert to_fraction(f"{value}%", "x", floats=policy) == value / 100
    assert to_fraction(Decimal(value.numerator), "x", floats=policy) == value.numerator


@given(st.integers(), st.booleans())
def test_negative_flag_refuses_exactly_the_negatives(n: int, negative: bool) -> None:
    if n < 0 and not negative:
        with pytest.raises(InvalidInputError, match="must be >= 0"):
            to_fraction(n, "n", floats="binary", negative=negative)
    else:
        assert to_fraction(n, "n", floats="binary", negative=negative) == n


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("value", [True, False, np.bool_(True), np.array(False)])
def test_bools_are_refused(value: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^rate=.*: expected a number, not a bool$"):
        to_fraction(value, "rate", floats="shortest")


@pytest.mark.parametrize(
    "value",
    [
        math.nan,
        math.inf,
        -math.inf,
        np.float64("nan"),
        np.float32("inf"),
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
    ],
)
@pytest.mark.parametrize("policy", ["binary", "shortest"])
def test_nan_and_infinities_are_refused(value: object, policy: Any) -> None:
    with pytest.raises(InvalidInputError, match=r"^x=.*: must be a finite number$"):
        to_fraction(value, "x", floats=policy)


@pytest.mark.parametrize(
    "value", ["", "abc", "nan", "inf", "1/0", "5%%", "%", "0x10", "Infinity%", "NaN%"]
)
def test_bad_strings_are_refused(value: str) -> None:
    with pytest.raises(InvalidInputError, match=r"^x=.*: expected a finite number$"):
        to_fraction(value, "x", floats="shortest")


@pytest.mark.parametrize("value", [None, [1], object(), 1j, b"1"])
def test_non_numbers_are_refused(value: object) -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"^x=.*: expected an int, Fraction, Decimal, float or numeric string$",
    ):
        to_fraction(value, "x", floats="binary")


def test_arrays_that_are_not_scalars_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="expected a finite number"):
        to_fraction(np.array([1.0, 2.0]), "x", floats="binary")


def test_strings_can_be_refused_and_messages_replaced() -> None:
    allowed = {"type": "must be a weight", "bool": "no bools", "finite": "must be finite"}
    with pytest.raises(InvalidInputError, match=r"^w='1': must be a weight$"):
        to_fraction("1", "w", floats="binary", strings=False, allowed=allowed)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^w=True: no bools$"):
        to_fraction(True, "w", floats="binary", allowed=allowed)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^w=nan: must be finite$"):
        to_fraction(math.nan, "w", floats="binary", allowed=allowed)  # type: ignore[arg-type]
    # reasons not replaced keep their default text
    with pytest.raises(InvalidInputError, match=r"^w=-1: must be >= 0$"):
        to_fraction(-1, "w", floats="binary", negative=False, allowed=allowed)  # type: ignore[arg-type]


def test_default_type_text_follows_strings_flag() -> None:
    with pytest.raises(
        InvalidInputError, match=r"^x='0.5': expected an int, Fraction, Decimal or float$"
    ):
        to_fraction("0.5", "x", floats="shortest", strings=False)


def test_unknown_float_policy_is_refused() -> None:
    with pytest.raises(
        InvalidInputError, match=r"^floats='decimal': expected one of 'binary', 'shortest'$"
    ):
        to_fraction(1, "x", floats="decimal")  # type: ignore[arg-type]


# ------------------------------------------------------------------ callers keep their messages


def test_budget_wrapper_keeps_its_messages_and_types() -> None:
    from sportsgov.budget._numbers import as_fraction

    assert as_fraction(0.3, "r") == Fraction(3, 10)
    assert as_fraction("-5%", "r", allow_negative=True) == Fraction(-1, 20)
    with pytest.raises(InvalidInputError, match=r"^r=True: expected a number, got a bool$"):
        as_fraction(True, "r")
    with pytest.raises(InvalidInputError, match=r"^r='x': not a number$"):
        as_fraction("x", "r")
    with pytest.raises(InvalidInputError, match=r"^r=.*: expected a number, got int64$"):
        as_fraction(np.int64(1), "r")
    with pytest.raises(InvalidInputError, match=r"^r=-1: must be >= 0$"):
        as_fraction(-1, "r")


def test_apportion_and_money_weights_keep_their_messages() -> None:
    from sportsgov.apportionment import _fraction
    from sportsgov.money import Money, _weight

    assert _fraction(0.1, "w[0]") == Fraction(0.1)
    with pytest.raises(
        InvalidInputError, match=r"^w\[0\]='1': must be a number \(int, Decimal, Fraction"
    ):
        _fraction("1", "w[0]")
    with pytest.raises(InvalidInputError, match=r"^w\[0\]=True: must be a number, not a bool$"):
        _fraction(True, "w[0]")
    assert _weight(Money(250), "a") == 250
    assert _weight(np.float32(0.5), "a") == Fraction(1, 2)
    with pytest.raises(InvalidInputError, match=r"^weights\['a'\]=nan: must be finite$"):
        _weight(math.nan, "a")
    with pytest.raises(InvalidInputError, match=r"^weights\['a'\]=.*: must be >= 0$"):
        _weight(Money(-1), "a")
    # numpy scalars are shown as the plain number they hold
    with pytest.raises(InvalidInputError, match=r"^weights\['a'\]=-5: must be >= 0$"):
        _weight(np.int64(-5), "a")
    with pytest.raises(InvalidInputError, match=r"^weights\['a'\]=nan: must be finite$"):
        _weight(np.float32("nan"), "a")


# ------------------------------------------------------------------ fmt


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(4, 2), "2"),
        (Fraction(3, 20), "0.15"),
        (Fraction(1, 3), "1/3 (≈0.333333)"),
        (Fraction(1, 30_000_000_007), "≈3.33333e-11"),
        (5, "5"),
        (0.5, "0.5"),
    ],
)
def test_fmt(value: Fraction | int | float, text: str) -> None:
    assert fmt(value) == text
