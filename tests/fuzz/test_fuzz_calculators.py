"""Fuzz the calculators over hostile numbers: indicators, the talent pipeline,
factor allocation, co-funding splits and budget execution rates.

Invariants besides the error contract: money parts add up to the total exactly,
pipeline stocks are finite and non-negative (and in ``mode="exact"`` people are
conserved: stock + intake = next stock + leavers), per-capita figures are finite.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from fuzzutil import HOSTILE, bounded, budget, call, mostly
from hypothesis import given
from hypothesis import strategies as st

from sportsgov import Money, factor_allocation
from sportsgov.budget import cofunding, execution_rate
from sportsgov.facilities import Inventory
from sportsgov.indicators import per_capita_area, pitches_per_10k
from sportsgov.regions import PopulationTable
from sportsgov.talent import PipelineModel

numbers = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from([0, 1, 2, 10**12, 10**12 + 1, 1e308, -1, 0.5, "0.25", "15%", "1/3"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.fractions(),
    st.sampled_from([10**5000, Decimal("1E+999999"), True, None, [1], {"a": 1}]),
)
fen = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**15),
    st.sampled_from([0, 1, 2**62, 2**63, 10**999]),
)


# (counts toward venue area, counts as a pitch), from the default facility kinds
KINDS = {
    "football_11": (True, True),
    "football_7": (True, True),
    "football_5": (True, True),
    "basketball": (True, False),
    "other": (True, False),
}
REGIONS = ["A", "B", "C"]
AS_OF = dt.date(2024, 12, 31)
areas = st.one_of(
    st.floats(min_value=0, max_value=1e12),
    st.integers(min_value=0, max_value=10**15),
    st.sampled_from([0, 0.0, 5e-324, 1e-300, 1e15, 1e300, 1e308, 1.7976931348623157e308]),
)
DAYS = ["2020-01-01", "2024-12-30", "2024-12-31", "2025-01-01", "2025-06-30"]
# (opened, closed): either may be empty; a closing day is after the opening day
service = st.integers(-1, len(DAYS) - 1).flatmap(
    lambda i: st.tuples(st.just(DAYS[i] if i >= 0 else ""), st.sampled_from(["", *DAYS[i + 1 :]]))
)
populations = st.one_of(
    st.integers(min_value=1, max_value=10**12), st.sampled_from([0, 1, 7, 10**12])
)


@st.composite
def indicator_inputs(draw: Any) -> tuple[list[dict[str, Any]], dict[str, Any], list[str]]:
    """Facilities, populations and the regions asked for: valid but extreme in most
    examples (no facility, zero populations, areas from 5e-324 to 1.8e308 m²,
    populations up to 10**12, facilities opening or closing on the day counted,
    regions asked twice or not at all), one hostile value in about a fifth."""
    records = [
        {
            "id": f"F{i}",
            "kind": draw(st.sampled_from(sorted(KINDS))),
            "region": draw(st.sampled_from(REGIONS)),
            "area": draw(areas),
        }
        for i in range(draw(st.integers(0, 6)))
    ]
    for rec in records:
        rec["opened"], rec["closed"] = draw(service)
    people = {r: draw(populations) for r in draw(st.sets(st.sampled_from(REGIONS), min_size=1))}
    asked = draw(st.lists(st.sampled_from(sorted(people)), max_size=4))
    hostile = draw(mostly(st.none(), st.sampled_from(["area", "population", "region"])))
    if hostile == "area" and records:
        draw(st.sampled_from(records))["area"] = draw(numbers)
    elif hostile == "population":
        people[draw(st.sampled_from(sorted(people)))] = draw(numbers)
    elif hostile == "region":
        asked.append(draw(st.sampled_from(["D", "", " A", 1, None])))
    return records, people, asked


def _in_service(rec: dict[str, Any]) -> bool:
    opened = dt.date.fromisoformat(rec["opened"]) if rec["opened"] else dt.date.min
    closed = dt.date.fromisoformat(rec["closed"]) if rec["closed"] else dt.date.max
    return opened <= AS_OF < closed


@budget
@given(indicator_inputs())
@bounded
def test_indicators(inputs: tuple[list[dict[str, Any]], dict[str, Any], list[str]]) -> None:
    records, people, asked = inputs
    inv = call("Inventory.from_records", Inventory.from_records, records)
    pop = call(
        "PopulationTable.from_records",
        PopulationTable.from_records,
        [{"region": r, "year": 2024, "population": p} for r, p in people.items()],
    )
    if inv is None or pop is None:
        return
    for name, fn in (("per_capita_area", per_capita_area), ("pitches_per_10k", pitches_per_10k)):
        got = call(name, fn, inv, pop, region=asked, as_of="2024-12-31")
        if got is None:
            continue
        assert [v.region for v in got] == [str(a).strip() for a in asked]
        for v in got:  # against a brute-force sum over the records, in Fraction
            here = [r for r in records if r["region"] == v.region and _in_service(r)]
            assert v.denominator > 0
            if isinstance(people[v.region], int):  # a hostile text may read as a number
                assert v.denominator == people[v.region]
            if name == "pitches_per_10k":
                count = sum(KINDS[r["kind"]][1] for r in here)
                assert v.numerator == count and v.facilities == count
                assert v.exact() == Fraction(count * 10_000, v.denominator)
                assert v.value == float(v.exact())  # one correctly rounded division
            else:
                exact = sum((Fraction(float(r["area"])) for r in here), Fraction(0))
                num = v.numerator.magnitude
                assert math.isfinite(num) and math.isfinite(v.magnitude)
                # numpy sums in float: within the float summation bound of the exact sum
                assert abs(Fraction(num) - exact) <= Fraction(len(here), 2**52) * exact
                assert v.facilities == len(here)
                assert v.magnitude == float(Fraction(num) / v.denominator)


MODEL = PipelineModel(["a", "b", "c"], [["0.5", "0.25", 0], [0, "0.6", "0.3"], [0, 0, "0.9"]])


people = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.fractions(min_value=0, max_value=10**6, max_denominator=100),
    st.sampled_from([0, 1, 10**12, "12", Decimal("0.5"), 0.0, 2.5]),
)


@st.composite
def pipeline_inputs(draw: Any) -> tuple[Any, ...]:
    """Stock, intake, years and mode: valid but extreme in most examples (empty tiers,
    10**12 people per tier, fractional people, intake per year, one to thirty years),
    one hostile value in about a fifth."""
    mode = draw(st.sampled_from(["float", "exact", "integer"]))
    whole = st.integers(min_value=0, max_value=10**12) if mode == "integer" else people
    years = draw(st.integers(1, 30))
    stock = {t: draw(whole) for t in draw(st.sets(st.sampled_from("abc"), min_size=1))}
    intake = draw(
        st.one_of(
            st.none(),
            st.dictionaries(st.sampled_from("ab"), whole, max_size=2),
            st.dictionaries(
                st.sampled_from("ab"), st.lists(whole, min_size=years, max_size=years), max_size=2
            ),
        )
    )
    hostile = draw(mostly(st.none(), st.sampled_from(["stock", "intake", "years", "mode"])))
    if hostile == "stock":
        stock[draw(st.sampled_from("abcx"))] = draw(numbers)
    elif hostile == "intake":
        intake = {"a": draw(numbers)}
    elif hostile == "years":
        years = draw(st.sampled_from([0, -1, 1001, 10**9, 2.0, True]))
    elif hostile == "mode":
        mode = "fast"
    return stock, intake, years, mode


@budget
@given(pipeline_inputs())
@bounded
def test_pipeline_project(inputs: tuple[Any, ...]) -> None:
    stock, intake, years, mode = inputs
    p = call("PipelineModel.project", MODEL.project, stock, years, intake, mode=mode)
    if p is None:
        return
    final = p.stock(years)
    for tier, n in final.items():
        assert math.isfinite(float(n)) and n >= 0, (tier, n)
    if mode != "float":  # people are conserved: stock + intake = next stock + leavers
        stocks, intake, leavers = p.stocks, p.intake, p.leavers
        for t in range(years):
            assert sum(stocks[t]) + sum(intake[t]) == sum(stocks[t + 1]) + sum(leavers[t])
    if mode == "float":  # against the exact projection
        exact = MODEL.project(stock, years, intake, mode="exact").stock(years)
        for tier, n in final.items():
            assert float(n) == pytest.approx(float(exact[tier]), rel=1e-9, abs=1e-6), tier


measure = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.fractions(min_value=0, max_value=10**6, max_denominator=1000),
    st.sampled_from([0, 1, "0.001", Decimal("1E-12"), 10**12, "12"]),
)
WEIGHTS = [
    {"v": 60, "w": 40},
    {"v": 100},
    {"v": 1},
    {"v": "0.5", "w": "0.5"},
    {"v": Fraction(1, 3), "w": Fraction(2, 3)},
    {"v": 0, "w": 100},
]
totals = st.one_of(fen, st.sampled_from([0, 1, 2, 2**62]))


@st.composite
def allocation_inputs(draw: Any) -> tuple[Any, ...]:
    """A total, measures and weights: valid but extreme in most examples (a total of
    0 or 1 fen or 2**62, measures of 0 for some units, exact fractions, weights summing
    to 1 or 100 with a zero weight), one hostile value in about a fifth."""
    weights = dict(draw(st.sampled_from(WEIGHTS)))
    units = draw(st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=3, unique=True))
    measures = {u: {f: draw(measure) for f in weights} for u in units}
    hostile = draw(mostly(st.none(), st.sampled_from(["measure", "weight"])))
    if hostile == "measure":
        measures[units[0]]["v"] = draw(numbers)
    elif hostile == "weight":
        weights["v"] = draw(numbers)
    return draw(totals), measures, weights


@budget
@given(allocation_inputs())
@bounded
def test_factor_allocation(inputs: tuple[Any, ...]) -> None:
    total, measures, weights = inputs
    money = call("Money", Money, total)
    if money is None:
        return
    r = call("factor_allocation", factor_allocation, money, measures, weights)
    if r is None:
        return
    assert sum((m.fen for m in r.amounts.values()), 0) == money.fen
    # each unit within a fen of its exact share, computed by hand in Fraction
    values = [*weights.values(), *(x for m in measures.values() for x in m.values())]
    if any(isinstance(x, float) for x in values):
        return  # a hostile float: read through its decimal text, not its binary value
    try:
        w = {f: Fraction(x) for f, x in weights.items()}
        given = {u: {f: Fraction(m[f]) for f in w} for u, m in measures.items()}
    except (TypeError, ValueError):
        return  # a hostile value the allocation read ("15%") and Fraction does not
    col = {f: sum(m[f] for m in given.values()) for f in w}
    for unit, m in given.items():
        share = sum((w[f] / sum(w.values()) * m[f] / col[f] for f in w if w[f]), Fraction(0))
        assert abs(r.amounts[unit].fen - share * money.fen) < 1, (unit, share)


@budget
@given(
    fen,
    st.one_of(
        st.just({"city": 50, "county": 50}),
        st.dictionaries(st.sampled_from(["city", "county", "town"]), numbers, max_size=3),
    ),
    st.sampled_from(["largest", "first", "last", "nope"]),
)
@bounded
def test_cofunding(cost: int, shares: Any, remainder: str) -> None:
    money = call("Money", Money, cost)
    if money is None:
        return
    s = call("cofunding", cofunding, money, shares, remainder=remainder)
    if s is not None:
        assert sum((m.fen for m in s.amounts.values()), 0) == money.fen


@budget
@given(
    st.integers(min_value=0, max_value=10**15),
    st.one_of(st.integers(min_value=1, max_value=10**15), st.sampled_from([1, 2**62])),
    mostly(
        st.one_of(
            st.dates(min_value=dt.date(2023, 6, 1), max_value=dt.date(2025, 6, 30)),
            st.sampled_from(["2024-01-01", "2024-12-31", "2024-02-29", "2023-12-31"]),
        ),
        st.one_of(st.sampled_from(HOSTILE), st.sampled_from(["2024-02-30", "0001-01-01"])),
        0.1,
    ),
    mostly(
        st.sampled_from(
            ["2024", "2024-Q1", "2024-Q4", "2024-W10", "2024-02", "2023", "2024-03-01"]
        ),
        st.one_of(st.sampled_from(HOSTILE), st.sampled_from(["2024-13", "2024-Q5"])),
        0.1,
    ),
    mostly(
        st.one_of(
            st.fractions(min_value=0, max_value=Fraction(999, 1000)),
            st.sampled_from([0, "0.05", 0.05, Decimal("0.1"), "0.999999"]),
        ),
        numbers,
        0.1,
    ),
)
@bounded
def test_execution_rate(spent: int, total: int, as_of: Any, period: Any, tolerance: Any) -> None:
    """Mostly valid but extreme (a budget of 1 fen or 2**62, nothing spent or far
    overspent, days before, on the edges of and after the period, a zero
    tolerance); a hostile date, period or tolerance in about a tenth each."""
    a, b = call("Money", Money, spent), call("Money", Money, total)
    if a is None or b is None:
        return
    r = call(
        "execution_rate", execution_rate, a, b, as_of=as_of, period=period, tolerance=tolerance
    )
    if r is not None:
        assert 0 <= r.time_progress <= 1
        assert r.rate == Fraction(spent, total) and r.gap == r.rate - r.time_progress
