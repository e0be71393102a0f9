"""Tests for sportsgov.budget.cofunding (city/county and central/provincial/local splits)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.budget import cofunding
from sportsgov.errors import InfeasibleError, InvalidInputError, NotFoundError
from sportsgov.money import Money, allocate
from sportsgov.testing import money

shares_st = (
    st.lists(st.integers(0, 100), min_size=1, max_size=5)
    .filter(any)
    .map(lambda raw: {f"p{i}": Fraction(r, sum(raw)) for i, r in enumerate(raw)})
)


def test_talent_fund_city_county_split() -> None:
    """7668.28万元 (張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10) split 60/40 between city
    and county: exact, no remainder."""
    s = cofunding(Money.parse("7668.28万元"), {"city": 60, "county": 40})
    assert s.amounts == {
        "city": Money.parse("4600.968万元"),
        "county": Money.parse("3067.312万元"),
    }
    assert s.remainder_units == ()


def test_three_levels_with_odd_fen() -> None:
    thirds = {"central": Fraction(1, 3), "provincial": Fraction(1, 3), "local": Fraction(1, 3)}
    s = cofunding(Money(100), thirds)
    assert [m.fen for m in s.amounts.values()] == [34, 33, 33]
    assert s.remainder_units == ("central",)
    last = cofunding(Money(101), thirds, remainder="last")
    assert [m.fen for m in last.amounts.values()] == [33, 33, 35]
    assert last.rule.endswith("all remainder fen to the last payer listed")


def test_cap_shifts_rest_to_other_levels() -> None:
    s = cofunding(
        Money.parse("1000万元"),
        {"central": 50, "provincial": 30, "local": 20},
        caps={"central": Money.parse("300万元")},
    )
    assert s.amounts["central"] == Money.parse("300万元")
    # the other 700万元 is shared 30:20
    assert s.amounts["provincial"] == Money.parse("420万元")
    assert s.amounts["local"] == Money.parse("280万元")
    assert s.capped == ("central",)


@given(money(-(10**10), 10**10), shares_st)
def test_matches_money_allocate_and_mirrors(cost: Money, shares: dict) -> None:
    """Peer oracle: sportsgov.money.allocate (largest remainder, ties by order)."""
    s = cofunding(cost, shares)
    assert s.amounts == allocate(cost, shares)
    assert sum(s.amounts.values()) == cost
    neg = cofunding(-cost, shares)
    assert neg.amounts == {k: -v for k, v in s.amounts.items()}


@given(money(0, 10**8), shares_st, st.sampled_from(["first", "last"]))
def test_first_last_give_all_remainder_to_one_payer(cost: Money, shares: dict, rule: Any) -> None:
    s = cofunding(cost, shares, remainder=rule)
    assert sum(s.amounts.values()) == cost
    for p, m in s.amounts.items():
        exact = s.exact[p]
        assert exact - 1 < m.fen  # no one loses more than the fraction of a fen
        if p not in s.remainder_units:
            assert m.fen == int(exact)
    assert len(s.remainder_units) <= 1


def test_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"they sum to 90"):
        cofunding(Money.yuan(1), {"city": 50, "county": 40})
    with pytest.raises(InvalidInputError, match="floats are refused for money"):
        cofunding(100.0, {"city": 1})  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"remainder='random': expected one of"):
        cofunding(Money.yuan(1), {"city": 1}, remainder="random")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match=r"caps\['town'\]=.*unknown payer"):
        cofunding(Money.yuan(1), {"city": 1}, caps={"town": Money.yuan(1)})
    with pytest.raises(InfeasibleError, match=r"exceeds 0.50"):
        cofunding(Money.yuan(1), {"city": 1}, caps={"city": Money.yuan("0.5")})
    with pytest.raises(InvalidInputError, match=r"shares\['x'\]=-1: must be >= 0"):
        cofunding(Money.yuan(1), {"x": -1, "y": 2})


def test_shares_beyond_the_float_range_are_refused_not_an_overflow() -> None:
    with pytest.raises(InvalidInputError, match=r"they sum to more than 1e308$"):
        cofunding(Money(100), {"city": Fraction(10**400, 3)})
