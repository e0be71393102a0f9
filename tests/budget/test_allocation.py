"""Tests for sportsgov.budget.allocation (因素法 factor allocation)."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sportsgov.budget import factor_allocation
from sportsgov.errors import InfeasibleError, InvalidInputError, NotFoundError, TieError
from sportsgov.money import Money
from sportsgov.testing import factor_problems

# ---------------------------------------------------------------- oracle


def _oracle_shares(measures: dict[str, dict[str, Any]], weights: dict[str, Any]) -> dict:
    w = {f: Fraction(v) for f, v in weights.items()}
    s = sum(w.values())
    if s == 100:
        w = {f: v / 100 for f, v in w.items()}
    tot = {f: sum(Fraction(measures[u][f]) for u in measures) for f in w}
    return {
        u: sum((w[f] * Fraction(measures[u][f]) / tot[f] for f in w if w[f]), Fraction(0))
        for u in measures
    }


def _oracle_bounded(total: int, shares: dict, floors: dict, caps: dict) -> dict | None:
    """Brute force: try every assignment of units to floor / free / cap and keep the
    consistent ones (x_u = clamp(lam * s_u, f_u, c_u), sum x_u = total)."""
    units = list(shares)
    solutions = []
    for assign in itertools.product("lfc", repeat=len(units)):
        if any(a == "c" and u not in caps for a, u in zip(assign, units, strict=True)):
            continue
        fixed = Fraction(0)
        free_s = Fraction(0)
        for a, u in zip(assign, units, strict=True):
            if a == "l":
                fixed += floors.get(u, 0)
            elif a == "c":
                fixed += caps[u]
            else:
                free_s += shares[u]
        if free_s == 0:
            if fixed != total:
                continue
            lam = max(
                (
                    Fraction(caps[u]) / shares[u]
                    for a, u in zip(assign, units, strict=True)
                    if a == "c" and shares[u]
                ),
                default=Fraction(0),
            )
        else:
            lam = (total - fixed) / free_s
        lams = [lam]
        for lam in lams:
            x = {}
            ok = True
            for a, u in zip(assign, units, strict=True):
                v = lam * shares[u]
                f = floors.get(u, 0)
                c = caps.get(u)
                if a == "l":
                    ok &= v <= f
                    x[u] = Fraction(f)
                elif a == "c":
                    ok &= v >= c
                    x[u] = Fraction(c)
                else:
                    ok &= v >= f and (c is None or v <= c) and shares[u] > 0
                    x[u] = v
            if ok and sum(x.values()) == total:
                solutions.append(x)
    if not solutions:
        return None
    assert all(x == solutions[0] for x in solutions)  # the bounded split is unique
    return solutions[0]


def _oracle_round(exact: dict) -> dict:
    base = {u: int(v // 1) for u, v in exact.items()}
    left = int(sum(exact.values())) - sum(base.values())
    order = sorted(exact, key=lambda u: (-(exact[u] - base[u]), list(exact).index(u)))
    for u in order[:left]:
        base[u] += 1
    return base


def _oracle(problem: dict) -> dict | None:
    shares = _oracle_shares(problem["measures"], problem["weights"])
    floors = {u: m.fen for u, m in problem.get("floors", {}).items()}
    caps = {u: m.fen for u, m in problem.get("caps", {}).items()}
    total = problem["total"].fen
    if any(floors.get(u, 0) > c for u, c in caps.items()):
        return None
    exact = _oracle_bounded(total, shares, floors, caps)
    if exact is None:
        return None
    return _oracle_round(exact)


# ---------------------------------------------------------------- worked examples


def test_venue_opening_subsidy_50_30_20() -> None:
    """Practice split 50 % venues, 30 % open area, 20 % visits (practice figures reported in
    secondary sources, not a published standard)."""
    r = factor_allocation(
        Money.parse("100万元"),
        measures={
            "A": {"venues": 12, "area": 30000, "visits": 400000},
            "B": {"venues": 8, "area": 50000, "visits": 350000},
            "C": {"venues": 5, "area": 20000, "visits": 250000},
        },
        weights={"venues": Decimal("0.5"), "area": Decimal("0.3"), "visits": Decimal("0.2")},
    )
    assert r.amounts == {
        "A": Money.yuan(410000),
        "B": Money.yuan(380000),
        "C": Money.yuan(210000),
    }
    # by hand: A = 1e6 * (0.5*12/25 + 0.3*30000/100000 + 0.2*400000/1000000)
    assert r["A"].by_factor == {
        "venues": Fraction(24_000_000),
        "area": Fraction(9_000_000),
        "visits": Fraction(8_000_000),
    }
    assert r.weights == {
        "venues": Fraction(1, 2),
        "area": Fraction(3, 10),
        "visits": Fraction(1, 5),
    }
    assert r.factor_totals["venues"] == 25
    assert r.remainder_units == () and r.tied == () and r.level == 1


def test_talent_fund_7668_28_wan_over_three_years() -> None:
    """The Zhangjiakou Winter Olympics talent fund: 7668.28万元 over three years
    (張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10). Equal thirds leave 1 fen; it goes to the
    first year by input order and the three years tie."""
    total = Money.parse("7668.28万元")
    assert total.fen == 7_668_280_000
    r = factor_allocation(
        total, {"2019": {"years": 1}, "2020": {"years": 1}, "2021": {"years": 1}}, {"years": 1}
    )
    assert [m.fen for m in r.amounts.values()] == [2_556_093_334, 2_556_093_333, 2_556_093_333]
    assert r.remainder_units == ("2019",)
    assert r.tied == ("2019", "2020", "2021")
    with pytest.raises(TieError, match="tie for the last 1 remainder fen") as info:
        factor_allocation(
            total,
            {"2019": {"years": 1}, "2020": {"years": 1}, "2021": {"years": 1}},
            {"years": 1},
            ties="error",
        )
    assert info.value.tied == ("2019", "2020", "2021")


def test_talent_fund_among_23_units_with_floor_and_cap() -> None:
    """The same fund among the 21 city departments, 1 county and 1 development zone of the
    talent task force (張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10), by trainees, with a
    floor and a cap."""
    units = [f"dept{i:02d}" for i in range(21)] + ["county", "zone"]
    measures = {u: {"trainees": 1000 + 150 * i} for i, u in enumerate(units)}
    total = Money.parse("7668.28万元")
    floors = {"dept00": Money.parse("300万元")}
    caps = {"zone": Money.parse("400万元")}
    r = factor_allocation(total, measures, {"trainees": 100}, floors=floors, caps=caps)
    assert sum(r.amounts.values()) == total
    assert r.amounts["dept00"] == Money.parse("300万元")
    assert r.amounts["zone"] == Money.parse("400万元")
    assert r["dept00"].bound == "floor" and r["zone"].bound == "cap"
    # every other unit scaled by the same level, and still in proportion to trainees
    free = [u for u in units if u not in ("dept00", "zone")]
    ratios = {r[u].bounded / r[u].ideal for u in free}
    assert ratios == {r.level}
    # independent check: the free units share what is left in proportion to trainees
    rest = total.fen - floors["dept00"].fen - caps["zone"].fen
    t_free = sum(measures[u]["trainees"] for u in free)
    exact = {u: Fraction(rest * measures[u]["trainees"], t_free) for u in free}
    assert _oracle_round(exact) == {u: r.amounts[u].fen for u in free}


def test_breakdown_explains_every_fen() -> None:
    r = factor_allocation(
        Money.yuan("1000.01"),
        {"a": {"x": 1, "y": 5}, "b": {"x": 2, "y": 1}, "c": {"x": 4, "y": 0}},
        {"x": "60%", "y": "40%"},
        floors={"c": Money.yuan(600)},
    )
    for u in r.units:
        parts = sum(u.by_factor.values(), Fraction(0)) + u.redistribution + u.rounding
        assert parts == u.amount.fen
        assert -1 < u.rounding < 1
    assert r["c"].bound == "floor"
    rows = r.table()
    assert rows[0]["unit"] == "a" and "from x" in rows[0]


def test_zero_share_unit_gets_only_its_floor() -> None:
    r = factor_allocation(
        Money.yuan(100),
        {"a": {"x": 0}, "b": {"x": 1}},
        {"x": 1},
        floors={"a": Money.yuan(10)},
    )
    assert r.amounts == {"a": Money.yuan(10), "b": Money.yuan(90)}


def test_zero_weight_factor_may_be_zero_everywhere() -> None:
    r = factor_allocation(
        Money.yuan(10), {"a": {"x": 1, "y": 0}, "b": {"x": 1, "y": 0}}, {"x": 1, "y": 0}
    )
    assert r.amounts == {"a": Money.yuan(5), "b": Money.yuan(5)}


# ---------------------------------------------------------------- properties


@given(factor_problems())
def test_matches_bruteforce_oracle_unbounded(problem: dict) -> None:
    r = factor_allocation(**problem)
    assert {u: m.fen for u, m in r.amounts.items()} == _oracle(problem)
    assert sum(r.amounts.values()) == problem["total"]


@given(factor_problems(max_size=4, bounds=True, max_total_fen=10**6))
def test_matches_bruteforce_oracle_bounded(problem: dict) -> None:
    expected = _oracle(problem)
    if expected is None:
        with pytest.raises(InfeasibleError):
            factor_allocation(**problem)
        return
    r = factor_allocation(**problem)
    got = {u: m.fen for u, m in r.amounts.items()}
    assert got == expected
    assert sum(got.values()) == problem["total"].fen
    for u, f in problem["floors"].items():
        assert r.amounts[u] >= f
    for u, c in problem["caps"].items():
        assert r.amounts[u] <= c


@given(factor_problems(), st.randoms(use_true_random=False))
def test_invariant_to_unit_order_up_to_ties(problem: dict, rnd: Any) -> None:
    r = factor_allocation(**problem)
    units = list(problem["measures"])
    rnd.shuffle(units)
    shuffled = dict(problem, measures={u: problem["measures"][u] for u in units})
    r2 = factor_allocation(**shuffled)
    for u in units:
        if u in r.tied:
            assert abs(r2.amounts[u].fen - r.amounts[u].fen) <= 1
        else:
            assert r2.amounts[u] == r.amounts[u]
    assert list(r2.amounts) == units


@given(factor_problems(), st.data())
def test_monotone_in_a_units_measure(problem: dict, data: Any) -> None:
    r = factor_allocation(**problem)
    unit = data.draw(st.sampled_from(list(problem["measures"])))
    factor = data.draw(st.sampled_from(list(problem["weights"])))
    bump = data.draw(st.integers(1, 10**6))
    measures = {u: dict(m) for u, m in problem["measures"].items()}
    measures[unit][factor] += bump
    r2 = factor_allocation(**dict(problem, measures=measures))
    assert r2.amounts[unit] >= r.amounts[unit]
    assert r2[unit].ideal >= r[unit].ideal


@given(factor_problems(max_size=4, bounds=True, max_total_fen=10**6))
def test_bounds_respected_and_parts_add_up(problem: dict) -> None:
    try:
        r = factor_allocation(**problem)
    except InfeasibleError:
        return
    for u in r.units:
        if u.floor is not None:
            assert u.amount >= u.floor
        if u.cap is not None:
            assert u.amount <= u.cap
        assert sum(u.by_factor.values(), Fraction(0)) + u.redistribution + u.rounding == (
            u.amount.fen
        )
    assert sum(u.extra_fen for u in r.units) == len(r.remainder_units)


@given(factor_problems())
def test_percent_weights_same_as_shares(problem: dict) -> None:
    pct = {f: w * 100 for f, w in problem["weights"].items()}
    assume(sum(pct.values()) == 100)
    assert factor_allocation(**dict(problem, weights=pct)).amounts == (
        factor_allocation(**problem).amounts
    )


# ---------------------------------------------------------------- bad input


def test_weights_must_sum_to_1_or_100() -> None:
    with pytest.raises(
        InvalidInputError, match=r"must sum to exactly 1 \(shares\) or exactly 100 .*sum to 0.9"
    ):
        factor_allocation(Money.yuan(1), {"a": {"x": 1, "y": 1}}, {"x": "0.5", "y": "0.4"})


def test_negative_total_and_float_money_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"total=-1.00: must be >= 0"):
        factor_allocation(Money.yuan(-1), {"a": {"x": 1}}, {"x": 1})
    with pytest.raises(InvalidInputError, match="floats are refused for money"):
        factor_allocation(12.5, {"a": {"x": 1}}, {"x": 1})  # type: ignore[arg-type]


def test_negative_measure_and_weight_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"measures\['a'\]\['x'\]=-1: must be >= 0"):
        factor_allocation(Money.yuan(1), {"a": {"x": -1}}, {"x": 1})
    with pytest.raises(InvalidInputError, match=r"weights\['y'\]=-10: must be >= 0"):
        factor_allocation(Money.yuan(1), {"a": {"x": 1, "y": 1}}, {"x": 110, "y": -10})


def test_unknown_and_missing_factors() -> None:
    with pytest.raises(InvalidInputError, match=r"measures\['a'\]\['z'\]=1: unknown factor"):
        factor_allocation(Money.yuan(1), {"a": {"x": 1, "z": 1}}, {"x": 1})
    with pytest.raises(InvalidInputError, match=r"missing factor 'y'"):
        factor_allocation(Money.yuan(1), {"a": {"x": 1}}, {"x": "50%", "y": "50%"})
    with pytest.raises(InvalidInputError, match=r"factor 'y': is 0 for every unit"):
        factor_allocation(Money.yuan(1), {"a": {"x": 1, "y": 0}}, {"x": "50%", "y": "50%"})


def test_unknown_unit_in_bounds() -> None:
    with pytest.raises(NotFoundError, match=r"floors\['zz'\]=.*unknown unit"):
        factor_allocation(Money.yuan(1), {"a": {"x": 1}}, {"x": 1}, floors={"zz": Money.yuan(1)})


def test_infeasible_bounds() -> None:
    m = {"a": {"x": 1}, "b": {"x": 1}}
    with pytest.raises(InfeasibleError, match=r"floors sum to 120.00 > total=100.00"):
        factor_allocation(
            Money.yuan(100), m, {"x": 1}, floors={"a": Money.yuan(60), "b": Money.yuan(60)}
        )
    with pytest.raises(InfeasibleError, match=r"total=100.00 exceeds 80.00"):
        factor_allocation(
            Money.yuan(100), m, {"x": 1}, caps={"a": Money.yuan(40), "b": Money.yuan(40)}
        )
    with pytest.raises(InfeasibleError, match=r"a floor must not exceed its cap"):
        factor_allocation(
            Money.yuan(100), m, {"x": 1}, floors={"a": Money.yuan(50)}, caps={"a": Money.yuan(4)}
        )


def test_bad_ties_and_empty_measures() -> None:
    with pytest.raises(InvalidInputError, match=r"ties='coin': expected one of 'order', 'error'"):
        factor_allocation(Money.yuan(1), {"a": {"x": 1}}, {"x": 1}, ties="coin")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"measures=\{\}: expected a non-empty mapping"):
        factor_allocation(Money.yuan(1), {}, {"x": 1})
