"""Tests for sportsgov.money: exact fen arithmetic, parsing, formatting, allocation."""

from __future__ import annotations

import copy
import itertools
import math
import pickle
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pytest
from apportionment import methods as peer
from hypothesis import assume, given
from hypothesis import strategies as st

from sportsgov.errors import InvalidInputError, TieError
from sportsgov.money import Allocation, Money, allocate, allocate_detailed
from sportsgov.testing import money, money_weights

# ----------------------------------------------------------------- oracles


def brute_force_allocate(total_fen: int, weights: list[Fraction]) -> list[int]:
    """Independent oracle: among all ways to round each exact quota down or up with
    the right sum, take the one closest to the quotas (least squares), ties by
    preferring to round up earlier units. Exponential: for small inputs only.

    Largest remainder is known to minimise sum((a_i - q_i)^2) over integer vectors
    with the right sum (Balinski & Young, *Fair Representation*, 2001, ch. 2).
    """
    sign = -1 if total_fen < 0 else 1
    amount = abs(total_fen)
    quotas = [Fraction(amount) * w / sum(weights) for w in weights]
    floors = [math.floor(q) for q in quotas]
    left = amount - sum(floors)
    best: tuple[Fraction, tuple[int, ...]] | None = None
    for ups in itertools.combinations(range(len(weights)), left):
        parts = [f + (i in ups) for i, f in enumerate(floors)]
        cost = sum((p - q) ** 2 for p, q in zip(parts, quotas, strict=True))
        key = (cost, tuple(-int(i in ups) for i in range(len(weights))))
        if best is None or key < (best[0], best[1]):
            best = (cost, key[1])
    assert best is not None
    return [sign * (f - u) for f, u in zip(floors, best[1], strict=True)]


# ----------------------------------------------------------------- construction


def test_constructor_takes_fen() -> None:
    assert Money(123).fen == 123
    assert str(Money(123)) == "1.23"
    assert Money(np.int64(5)).fen == 5
    assert type(Money(np.int64(5)).fen) is int
    assert Money.from_fen(7) == Money(7)
    assert Money.zero() == Money(0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12.50", r"^fen='12.50': Money\(\) takes an int number of fen \(分\); for yuan use"),
        (1.5, r"^fen=1.5: Money\(\) takes an int number of fen \(分\); floats are refused"),
        (True, r"^fen=True: Money\(\) takes an int number of fen"),
        (Decimal(1), r"^fen=Decimal\('1'\): Money\(\) takes an int number of fen"),
    ],
)
def test_constructor_refuses_non_int(value: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Money(value)  # type: ignore[arg-type]


def test_yuan() -> None:
    assert Money.yuan(12) == Money(1200)
    assert Money.yuan("12.50") == Money(1250)
    assert Money.yuan(" -3.2 ") == Money(-320)
    assert Money.yuan(Decimal("0.01")) == Money(1)
    assert Money.yuan(Fraction(1, 4)) == Money(25)
    assert Money.yuan(Decimal("1E+3")) == Money(100000)


@pytest.mark.parametrize(
    ("amount", "rounding", "fen"),
    [
        ("0.125", "half_up", 13),
        ("-0.125", "half_up", -13),
        ("0.125", "half_even", 12),
        ("0.135", "half_even", 14),
        ("0.129", "down", 12),
        ("-0.129", "down", -12),
        ("0.121", "up", 13),
        ("-0.121", "floor", -13),
        ("-0.129", "ceiling", -12),
        ("0.121", "ceiling", 13),
        ("0.129", "floor", 12),
    ],
)
def test_yuan_rounding_modes(amount: str, rounding: str, fen: int) -> None:
    assert Money.yuan(amount, rounding=rounding).fen == fen  # type: ignore[arg-type]


def test_yuan_refuses() -> None:
    with pytest.raises(InvalidInputError, match=r"^amount=0.15: floats are refused for money"):
        Money.yuan(0.15)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"use Decimal\('0.15'\)"):
        Money.yuan(0.15)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^amount='0.125': is not a whole number of fen"):
        Money.yuan("0.125")
    with pytest.raises(InvalidInputError, match=r"^amount=Fraction\(1, 3\): is not a whole"):
        Money.yuan(Fraction(1, 3))
    with pytest.raises(InvalidInputError, match=r"^amount=NaN: must be finite"):
        Money.yuan(Decimal("NaN"))
    with pytest.raises(InvalidInputError, match=r"^amount='abc': expected a decimal number"):
        Money.yuan("abc")
    with pytest.raises(InvalidInputError, match=r"^amount=True: expected int, Decimal or"):
        Money.yuan(True)
    with pytest.raises(InvalidInputError, match=r"^rounding='bankers': expected None or one of"):
        Money.yuan(1, rounding="bankers")  # type: ignore[arg-type]


# ----------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        # 張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10: 投入人才專項資金7668.28萬元
        ("7668.28万元", 76_682_800_00),
        ("7668.28萬元", 76_682_800_00),
        # 2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03:
        # 全市体育产业总规模达61.56亿元
        ("61.56亿元", 6_156_000_000_00),
        ("5.54億元", 554_000_000_00),
        ("¥1,234.50", 1_234_50),
        ("￥1,234.50", 1_234_50),
        ("1234.5元", 1_234_50),
        ("12.5", 12_50),
        ("-3.20元", -3_20),
        ("¥-3.20", -3_20),
        ("-¥3.20", -3_20),
        ("１，２３４．５元", 1_234_50),
        ("RMB 100", 100_00),
        ("人民币100元", 100_00),
        ("100 CNY", 100_00),
        ("3万", 30_000_00),
        ("1.5千元", 1_500_00),
        ("250分", 2_50),
        (".5元", 50),
        ("  8.44 亿元 ", 844_000_000_00),
        ("12.", 12_00),
        ("+7元", 7_00),
    ],
)
def test_parse(text: str, fen: int) -> None:
    assert Money.parse(text).fen == fen


@pytest.mark.parametrize(
    "text",
    ["", "abc", "12,34元", "1,2345", "--3", "-¥-3", "3美元", "1.2.3", "元", "3 万 万元", "1e5"],
)
def test_parse_refuses(text: str) -> None:
    with pytest.raises(InvalidInputError, match=r"^text=.*: expected an amount such as"):
        Money.parse(text)


def test_parse_fractions_of_fen() -> None:
    with pytest.raises(InvalidInputError, match=r"^text='1.2345678万元': is not a whole"):
        Money.parse("1.2345678万元")
    assert Money.parse("1.2345678万元", rounding="half_up") == Money.yuan("12345.68")
    assert Money.parse("1.2345675万元", rounding="half_up") == Money.yuan("12345.68")
    assert Money.parse("1.2345675万元", rounding="half_even") == Money.yuan("12345.68")
    with pytest.raises(InvalidInputError, match=r"^text=5: expected a string"):
        Money.parse(5)  # type: ignore[arg-type]


# ----------------------------------------------------------------- text


def test_repr_and_str() -> None:
    m = Money.parse("7668.28万元")
    assert repr(m) == "Money('76682800.00')"
    assert str(m) == "76682800.00"
    assert repr(Money(-5)) == "Money('-0.05')"
    assert str(Money(0)) == "0.00"


@pytest.mark.parametrize(
    ("fen", "spec", "text"),
    [
        (76_682_800_00, "万元", "7668.28万元"),
        (76_682_800_00, "亿元", "0.766828亿元"),
        (76_682_800_00, "元", "76682800.00元"),
        (76_682_800_00, ",元", "76,682,800.00元"),
        (76_682_800_00, ",", "76,682,800.00"),
        (76_682_800_00, ".1亿元", "0.8亿元"),
        (76_682_800_00, ".0万元", "7668万元"),
        (76_682_850_00, ".0万元", "7668万元"),
        (76_685_000_00, ".0万元", "7669万元"),  # half up, not banker's
        (76_685_000_00, ".3万元", "7668.500万元"),
        (6_156_000_000_00, "亿元", "61.56亿元"),
        (1, "万元", "0.000001万元"),
        (-3_20, "¥", "-¥3.20"),
        (-3_20, "¥,元", "-¥3.20元"),
        (-1, ".0", "0"),  # rounds to zero: no "-0"
        (123_456_789, "¥,.2", "¥1,234,567.89"),
        (5, "", "0.05"),
        (1_234_50, "12,", "    1,234.50"),
        (1_234_50, "<12,", "1,234.50    "),
        (1_234_50, "*^12", "**1234.50***"),
        (1_234_50, ">12.1万元", "       0.1万元"),  # width counts characters
    ],
)
def test_format(fen: int, spec: str, text: str) -> None:
    assert format(Money(fen), spec) == text
    assert f"{Money(fen):{spec}}" == text


def test_format_method_and_bad_specs() -> None:
    m = Money.parse("7668.28万元")
    assert m.format("万元", places=4) == "7668.2800万元"
    assert m.format(None) == "76682800.00"
    assert m.format(grouping=True, symbol=True) == "¥76,682,800.00元"
    with pytest.raises(InvalidInputError, match=r"^format_spec='x': expected \[\[fill\]align\]"):
        format(m, "x")
    with pytest.raises(InvalidInputError, match=r"^unit='美元': expected one of '元', '万元'"):
        m.format("美元")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^places=-1: expected an int >= 0"):
        m.format(places=-1)


def test_to_decimal() -> None:
    m = Money.parse("7668.28万元")
    assert m.to_decimal() == Decimal("76682800.00")
    assert str(m.to_decimal()) == "76682800.00"
    assert m.to_decimal("万元") == Decimal("7668.28")
    assert m.to_decimal("亿元") == Decimal("0.766828")
    assert Money(-5).to_decimal() == Decimal("-0.05")
    assert Money(150).to_fraction() == Fraction(3, 2)


# ----------------------------------------------------------------- arithmetic


def test_add_sub_neg_abs() -> None:
    a, b = Money.yuan("12.50"), Money.yuan("0.75")
    assert a + b == Money(1325)
    assert a - b == Money(1175)
    assert -a == Money(-1250)
    assert abs(Money(-3)) == Money(3)
    assert +a is a
    assert sum([a, b, b]) == Money(1400)
    assert sum([]) == 0  # the empty sum stays the int 0
    assert 0 - a == -a
    assert a + 0 is a
    assert a - 0 is a
    assert bool(Money(0)) is False
    assert bool(Money(1)) is True


def test_add_refuses_bare_numbers() -> None:
    m = Money(100)
    with pytest.raises(InvalidInputError, match=r"^other=5: cannot add a bare number \+ Money"):
        m + 5  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match=r"^other=Decimal\('1'\): cannot subtract"):
        m - Decimal(1)  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match=r"^other=0.5: floats are refused"):
        0.5 + m  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match="cannot subtract"):
        3 - m  # type: ignore[operator]
    with pytest.raises(TypeError):
        m + "1"  # type: ignore[operator]


def test_multiply_rounds_half_up() -> None:
    assert Money(100) * 3 == Money(300)
    assert 3 * Money(100) == Money(300)
    # 0.125 元 * 1 -> stays; 25 fen * 0.5 = 12.5 fen -> 13 (四舍五入), banker's would give 12
    assert Money(25) * Decimal("0.5") == Money(13)
    assert round(12.5) == 12  # the trap: Python's round is half-to-even
    assert Money(-25) * Decimal("0.5") == Money(-13)  # symmetric: half away from zero
    assert Money(35) * Fraction(1, 2) == Money(18)
    assert Money.yuan(12000) * Decimal("0.15") == Money.yuan(1800)  # OpenFisca float32 trap
    assert Money(1) * np.int64(3) == Money(3)


def test_multiply_refuses() -> None:
    with pytest.raises(InvalidInputError, match=r"^factor=0.15: floats are refused"):
        Money(100) * 0.15  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match=r"use Decimal\('0.15'\)"):
        0.15 * Money(100)  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match=r"^factor=Money\('1.00'\): expected int, Decimal"):
        Money(100) * Money(100)  # type: ignore[operator]
    with pytest.raises(InvalidInputError, match=r"^factor=True: expected int"):
        Money(100) * True
    with pytest.raises(InvalidInputError, match=r"^factor=sNaN: must be finite"):
        Money(100) * Decimal("sNaN")


def test_divide() -> None:
    assert Money.yuan(10) / 3 == Money.yuan("3.33")
    assert Money.yuan(20) / 3 == Money.yuan("6.67")
    assert Money(1) / 2 == Money(1)  # 0.5 fen -> 1
    assert Money(-1) / 2 == Money(-1)
    assert Money(5) / Decimal("0.5") == Money(10)
    assert Money(300) / Money(200) == Fraction(3, 2)
    with pytest.raises(InvalidInputError, match=r"^divisor=0: must not be zero"):
        Money(1) / 0
    with pytest.raises(InvalidInputError, match=r"^divisor=Money\('0.00'\): must not be zero"):
        Money(1) / Money(0)
    with pytest.raises(InvalidInputError, match=r"^divisor=2.0: floats are refused"):
        Money(1) / 2.0  # type: ignore[operator]


def test_compare_and_hash() -> None:
    a, b = Money(1), Money(2)
    assert a < b <= b and b > a >= a and a != b
    assert max([a, b]) is b
    assert sorted([b, a]) == [a, b]
    assert len({Money(1), Money.yuan("0.01"), Money(2)}) == 2
    assert (Money(0) == 0) is False
    with pytest.raises(TypeError):
        a < 1  # type: ignore[operator]  # noqa: B015
    # a SportsgovError too, saying how to compare
    with pytest.raises(
        InvalidInputError, match=r"other=Decimal\('1\.00'\): compare Money >= Money"
    ):
        a >= Decimal("1.00")  # type: ignore[operator]  # noqa: B015
    assert (Money.yuan(1) == Decimal("1.00")) is False


def test_a_rate_is_checked_the_same_whatever_was_multiplied_before() -> None:
    # the per-rate cache must not let 1.000...0 (1,005 digits, refused) through
    # because the equal Decimal("1") was used first
    long_one = Decimal("1." + "0" * 1004)
    bound = r"must have at most 1000 digits"
    with pytest.raises(InvalidInputError, match=bound):
        Money.yuan(1) * long_one
    assert Money.yuan(1) * Decimal("1") == Money.yuan(1)
    with pytest.raises(InvalidInputError, match=bound):
        Money.yuan(1) * long_one
    # equal rates written differently still give equal products
    assert Money(12345) * Decimal("0.35") == Money(12345) * Decimal("0.350") == Money(4321)


def test_huge_numbers_are_refused_fast() -> None:
    bound = r"must have at most 1000 digits and a magnitude within 1E-1000 \.\. 1E\+1000"
    with pytest.raises(InvalidInputError, match=r"factor=Decimal\('1E\+100000000'\): " + bound):
        Money.yuan(1) * Decimal("1E+100000000")
    with pytest.raises(InvalidInputError, match=r"divisor=Decimal\('1E-100000000'\): " + bound):
        Money.yuan(1) / Decimal("1E-100000000")
    with pytest.raises(InvalidInputError, match="text='9999.*" + bound):
        Money.parse("9" * 5000)
    with pytest.raises(InvalidInputError, match="amount='9999.*" + bound):
        Money.yuan("9" * 5000)
    with pytest.raises(InvalidInputError, match="amount='1E\\+100000000': " + bound):
        Money.yuan("1E+100000000")
    with pytest.raises(InvalidInputError, match="fen=<int of about 5001 digits>: " + bound):
        Money(10**5000)
    with pytest.raises(InvalidInputError, match="amount='Infinity': expected a decimal"):
        Money.yuan("Infinity")
    assert Money.parse("9" * 1000 + "元").fen == int("9" * 1000) * 100  # the bound itself


def test_immutable_and_pickles() -> None:
    m = Money(5)
    with pytest.raises(AttributeError):
        m.fen = 6  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(m)) == m
    assert copy.deepcopy(m) == m
    split = allocate_detailed(Money(100), {"a": 1, "b": 2})
    assert pickle.loads(pickle.dumps(split)) == split


def test_pickles_in_another_process() -> None:
    payload = pickle.dumps([Money(-12345), allocate_detailed(Money(100), [1, 1, 1])])
    code = (
        "import pickle, sys\n"
        "m, a = pickle.loads(sys.stdin.buffer.read())\n"
        "print(m, a.parts[0] + m, a.remainder_to)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=payload, capture_output=True, check=True
    )
    assert out.stdout.decode().split() == ["-123.45", "-123.11", "(0,)"]


# ----------------------------------------------------------------- money properties


@given(money(), money())
def test_add_matches_decimal(a: Money, b: Money) -> None:
    assert (a + b).to_decimal() == a.to_decimal() + b.to_decimal()
    assert (a - b) + b == a


@given(
    money(),
    st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False, allow_infinity=False),
)
def test_multiply_matches_decimal_round_half_up(m: Money, k: Decimal) -> None:
    # Oracle: the decimal module's ROUND_HALF_UP, quantized to the fen.
    expected = (m.to_decimal() * k).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert (m * k).to_decimal() == expected
    assert (-m) * k == -(m * k)


@given(money(min_value=-(10**9), max_value=10**9), st.integers(min_value=1, max_value=10**6))
def test_divide_matches_decimal(m: Money, d: int) -> None:
    # Oracle: decimal division (28 significant digits is exact enough here: a
    # quotient k/d with d <= 10**6 is never within 10**-7 of a half without being one).
    got = (m / d).fen
    assert abs(Fraction(got) - Fraction(m.fen, d)) <= Fraction(1, 2)
    expected = (Decimal(m.fen) / Decimal(d)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert Decimal(got) == expected


_TO_FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@given(money(), st.sampled_from(["元", "万元", "亿元"]))
def test_full_width_text_parses(m: Money, unit: str) -> None:
    text = m.format(unit, grouping=True).translate(_TO_FULLWIDTH)  # type: ignore[arg-type]
    assert Money.parse(text) == m


@given(money(), st.sampled_from(["元", "万元", "亿元"]))
def test_format_round_trips_through_parse(m: Money, unit: str) -> None:
    assert Money.parse(m.format(unit)) == m  # type: ignore[arg-type]
    assert Money.parse(format(m, f"¥,{unit}")) == m
    assert Money.yuan(str(m)) == m
    assert Money.yuan(m.to_decimal()) == m


# ----------------------------------------------------------------- allocation: examples


def test_allocate_readme_example() -> None:
    # 7668.28万元 among three units 3:3:1. Quotas in fen: 3286405714 2/7 (x2) and
    # 1095468571 3/7; one fen left goes to the largest remainder (3/7, the third).
    fund = Money.parse("7668.28万元")
    parts = allocate(fund, [3, 3, 1])
    assert [str(p) for p in parts] == ["32864057.14", "32864057.14", "10954685.72"]
    assert sum(parts) == fund
    detail = allocate_detailed(fund, [3, 3, 1])
    assert detail.remainder_to == (2,)
    assert detail.tied == ()
    assert detail.quotas == [
        Fraction(3286405714 * 7 + 2, 7),
        Fraction(3286405714 * 7 + 2, 7),
        Fraction(1095468571 * 7 + 3, 7),
    ]


def test_allocate_mapping_and_ties() -> None:
    parts = allocate(Money(100), {"a": 1, "b": 1, "c": 1})
    assert parts == {"a": Money(34), "b": Money(33), "c": Money(33)}
    assert list(parts) == ["a", "b", "c"]
    d = allocate_detailed(Money(100), {"c": 1, "a": 1, "b": 1})
    assert d.parts == {"c": Money(34), "a": Money(33), "b": Money(33)}  # input order
    assert d.remainder_to == ("c",)
    assert d.tied == ("c", "a", "b")
    assert isinstance(d, Allocation)
    with pytest.raises(TieError, match=r"tie for the last 1 fen") as info:
        allocate(Money(100), {"a": 1, "b": 1, "c": 1}, ties="error")
    assert info.value.tied == ("a", "b", "c")
    # No tie that matters -> ties="error" is fine.
    assert allocate(Money(99), [1, 1, 1], ties="error") == [Money(33)] * 3


def test_allocate_zero_weights_and_zero_total() -> None:
    assert allocate(Money(10), [0, 1, 0, 1]) == [Money(0), Money(5), Money(0), Money(5)]
    assert allocate(Money(11), [0, 1, 0, 1]) == [Money(0), Money(6), Money(0), Money(5)]
    assert allocate(Money(0), [1, 2]) == [Money(0), Money(0)]


def test_allocate_negative_total_mirrors() -> None:
    refund = allocate_detailed(Money(-100), [1, 1, 1])
    assert refund.parts == [Money(-34), Money(-33), Money(-33)]
    assert refund.remainder_to == (0,)
    assert refund.quotas == [Fraction(-100, 3)] * 3


def test_allocate_weight_types() -> None:
    total = Money.yuan(100)
    expected = allocate(total, [1, 2, 3])
    assert allocate(total, [Decimal("0.1"), Decimal("0.2"), Decimal("0.3")]) == expected
    assert allocate(total, [Fraction(1, 6), Fraction(1, 3), Fraction(1, 2)]) == expected
    assert allocate(total, np.array([1, 2, 3])) == expected
    assert allocate(total, (w for w in [1, 2, 3])) == expected
    assert allocate(total, [Money(1), Money(2), Money(3)]) == expected
    # floats: exact binary value (0.5 and 0.25 are exact in binary)
    assert allocate(total, [0.25, 0.5, 0.75]) == expected
    assert allocate(total, np.array([0.25, 0.5, 0.75])) == expected
    assert total.allocate([1, 2, 3]) == expected


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([], r"^weights=\[\]: must not be empty"),
        ([0, 0], r"^weights=\[0, 0\]: must not all be zero"),
        ([1, -1], r"^weights\[1\]=-1: must be >= 0"),
        ({"a": Decimal("-0.5")}, r"^weights\['a'\]=Decimal\('-0.5'\): must be >= 0"),
        ([1, float("nan")], r"^weights\[1\]=nan: must be finite"),
        ([1, Decimal("Infinity")], r"^weights\[1\]=Decimal\('Infinity'\): must be finite"),
        ([1, True], r"^weights\[1\]=True: expected a number, not a bool"),
        ([1, "2"], r"^weights\[1\]='2': expected int, Decimal, Fraction, float or Money"),
        ("123", r"^weights='123': expected a sequence or a mapping"),
        (5, r"^weights=5: expected a sequence or a mapping"),
    ],
)
def test_allocate_bad_weights(weights: object, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        allocate(Money(100), weights)  # type: ignore[call-overload]


def test_allocate_bad_total_and_ties() -> None:
    with pytest.raises(InvalidInputError, match=r"^total=100: expected Money"):
        allocate(100, [1, 2])  # type: ignore[call-overload]
    with pytest.raises(InvalidInputError, match=r"^ties='random': expected one of 'order'"):
        allocate(Money(100), [1, 2], ties="random")  # type: ignore[call-overload]


# ----------------------------------------------------------------- allocation: properties


@given(money(), money_weights())
def test_allocation_sums_and_stays_within_one_fen(total: Money, weights: list[object]) -> None:
    d = allocate_detailed(total, weights)
    assert isinstance(d.parts, list) and isinstance(d.quotas, list)
    assert sum(d.parts) == total
    assert sum(d.quotas) == total.fen
    for part, quota in zip(d.parts, d.quotas, strict=True):
        assert abs(part.fen - quota) < 1
    for part, w in zip(d.parts, weights, strict=True):
        if w == 0:
            assert part == Money(0)
        if total.fen >= 0:
            assert part.fen >= 0


@given(money(min_value=-(10**6), max_value=10**6), money_weights(max_size=7))
def test_allocation_matches_brute_force_oracle(total: Money, weights: list[object]) -> None:
    fractions = [Fraction(w) for w in weights]  # type: ignore[arg-type]
    assert [p.fen for p in allocate(total, weights)] == brute_force_allocate(total.fen, fractions)


@given(money(), money_weights())
def test_negation_symmetry(total: Money, weights: list[object]) -> None:
    assert allocate(-total, weights) == [-p for p in allocate(total, weights)]


@given(money(min_value=0), money_weights(min_size=2), st.randoms(use_true_random=False))
def test_order_independence_up_to_ties(total: Money, weights: list[object], rnd: object) -> None:
    n = len(weights)
    perm = list(range(n))
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    d = allocate_detailed(total, weights)
    shuffled = allocate_detailed(total, [weights[i] for i in perm])
    for new_pos, old_pos in enumerate(perm):
        if old_pos not in d.tied:
            assert shuffled.parts[new_pos] == d.parts[old_pos]
    # Among tied units the extra fen follow input order in both runs.
    assert sorted(p.fen for p in shuffled.parts) == sorted(p.fen for p in d.parts)


@given(
    st.integers(min_value=1, max_value=10**6),  # the peer refuses 0 seats
    st.lists(st.integers(min_value=1, max_value=10**5), min_size=1, max_size=10),
)
def test_matches_apportionment_largest_remainder(fen: int, votes: list[int]) -> None:
    """Peer oracle: the `apportionment` package's largest-remainder (Hamilton) method,
    allocating fen as seats. Compared only where no tie decides."""
    d = allocate_detailed(Money(fen), votes)
    assume(not d.tied)
    seats = peer.compute("largest_remainder", votes, fen, fractions=True, verbose=False)
    assert [p.fen for p in d.parts] == seats


@given(money(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=50))
def test_equal_weights_give_parts_differing_by_at_most_one_fen(total: Money, n: int) -> None:
    parts = allocate(total, [1] * n)
    assert max(parts).fen - min(parts).fen <= 1
    assert parts == sorted(parts, reverse=True)  # extra fen go to the first units


@given(st.from_type(Money))
def test_registered_strategy(m: Money) -> None:
    assert isinstance(m, Money)
    assert type(m.fen) is int
    assert abs(m.fen) <= 10**12


def test_large_inputs_are_exact() -> None:
    total = Money.parse("61.56亿元")
    weights = [Decimal(i) / 7 for i in range(1, 3001)]
    parts = allocate(total, weights)
    assert sum(parts) == total
    assert len(parts) == 3000
