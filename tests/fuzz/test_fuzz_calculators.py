"""Fuzz the calculators over hostile numbers: indicators, the talent pipeline,
factor allocation, co-funding splits and budget execution rates.

Invariants besides the error contract: money parts add up to the total exactly,
pipeline stocks are finite and non-negative (and in ``mode="exact"`` people are
conserved: stock + intake = next stock + leavers), per-capita figures are finite.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from fuzzutil import HOSTILE, bounded, budget, call
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


@budget
@given(
    st.lists(st.tuples(st.sampled_from(["A", "B"]), numbers), min_size=1, max_size=3),
    st.lists(st.tuples(st.sampled_from(["A", "B"]), numbers), min_size=1, max_size=3),
)
@bounded
def test_indicators(areas: list[tuple[str, Any]], people: list[tuple[str, Any]]) -> None:
    records = [
        {"id": i, "kind": "football_7", "region": r, "area": a} for i, (r, a) in enumerate(areas)
    ]
    inv = call("Inventory.from_records", Inventory.from_records, records)
    pop = call(
        "PopulationTable.from_records",
        PopulationTable.from_records,
        [{"region": r, "year": 2024, "population": p} for r, p in dict(people).items()],
    )
    if inv is None or pop is None:
        return
    for name, fn in (("per_capita_area", per_capita_area), ("pitches_per_10k", pitches_per_10k)):
        v = call(name, fn, inv, pop, region=["A", "B"], as_of="2024-12-31")
        for one in v or ():
            if one.value is not None:  # a Quantity (m²/person) or a plain number
                assert math.isfinite(float(getattr(one.value, "magnitude", one.value))), one


MODEL = PipelineModel(["a", "b", "c"], [["0.5", "0.25", 0], [0, "0.6", "0.3"], [0, 0, "0.9"]])


@budget
@given(
    st.one_of(
        st.dictionaries(st.sampled_from(["a", "b", "c", "x"]), numbers, max_size=3),
        st.lists(numbers, max_size=4),
    ),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(["a", "b"]), numbers, max_size=2)),
    st.one_of(st.integers(min_value=-1, max_value=30), st.sampled_from([1001, 10**9, 2.0])),
    st.sampled_from(["float", "exact", "integer", "fast"]),
)
@bounded
def test_pipeline_project(stock: Any, intake: Any, years: Any, mode: str) -> None:
    p = call("PipelineModel.project", MODEL.project, stock, years, intake, mode=mode)
    if p is None:
        return
    final = p.stock(years)
    for tier, n in final.items():
        assert math.isfinite(float(n)) and n >= 0, (tier, n)
    if mode == "exact":  # people are conserved: stock + intake = next stock + leavers
        stocks, intake, leavers = p.stocks, p.intake, p.leavers
        for t in range(years):
            assert sum(stocks[t]) + sum(intake[t]) == sum(stocks[t + 1]) + sum(leavers[t])


@budget
@given(
    fen,
    st.dictionaries(
        st.sampled_from(["A", "B", "C"]),
        st.dictionaries(st.sampled_from(["v", "w"]), numbers, max_size=2),
        max_size=3,
    ),
    st.one_of(
        st.just({"v": 60, "w": 40}),
        st.just({"v": 1}),
        st.dictionaries(st.sampled_from(["v", "w"]), numbers, max_size=2),
    ),
)
@bounded
def test_factor_allocation(total: int, measures: Any, weights: Any) -> None:
    money = call("Money", Money, total)
    if money is None:
        return
    r = call("factor_allocation", factor_allocation, money, measures, weights)
    if r is not None:
        assert sum((m.fen for m in r.amounts.values()), 0) == money.fen


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
    fen,
    fen,
    st.one_of(
        st.sampled_from(HOSTILE), st.sampled_from(["2024-06-30", "2024-02-30", "0001-01-01"])
    ),
    st.one_of(st.sampled_from(HOSTILE), st.sampled_from(["2024", "2024-Q2", "2024-13"])),
    numbers,
)
@bounded
def test_execution_rate(spent: int, total: int, as_of: Any, period: Any, tolerance: Any) -> None:
    a, b = call("Money", Money, spent), call("Money", Money, total)
    if a is None or b is None:
        return
    r = call(
        "execution_rate", execution_rate, a, b, as_of=as_of, period=period, tolerance=tolerance
    )
    if r is not None:
        assert 0 <= r.time_progress <= 1
