"""Tests for sportsgov.budget.events (办赛经费投入模型 and event catalogs)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.budget import Event, EventCatalog, FundingModel
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period
from sportsgov.testing import funding_models


def test_four_models_from_zhengzhou_work_points() -> None:
    """政府主办、购买服务、部分补贴、市场化运作 (2024年郑州市体育工作要点, 郑州市体育局,
    2024-07-25, 索引号 005252290/2024-00022)."""
    gov = FundingModel.government_hosted(Money.parse("120万元"))
    bought = FundingModel.purchased_service(Money.parse("35万元"))
    part = FundingModel.partial_subsidy(Money.parse("80万元"), "30%", cap=Money.parse("20万元"))
    part_uncapped = FundingModel("部分补贴", Money.parse("80万元"), "0.125")
    market = FundingModel.market_operated(Money.parse("500万元"))
    assert [m.public_cost for m in (gov, bought, part, part_uncapped, market)] == [
        Money.parse("120万元"),
        Money.parse("35万元"),
        Money.parse("20万元"),
        Money.parse("10万元"),
        Money(0),
    ]
    assert [m.label for m in (gov, bought, part, market)] == [
        "政府主办",
        "购买服务",
        "部分补贴",
        "市场化运作",
    ]


def _year_catalog() -> EventCatalog:
    """1,043 mass events and 520 youth events over 2024 (targets: ≥ 1,000 and ≥ 500,
    2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022), models
    cycling through the four kinds."""
    events = []
    models = [
        FundingModel.government_hosted(Money.yuan(20000)),
        FundingModel.purchased_service(Money.yuan(8000)),
        FundingModel.partial_subsidy(Money.yuan(10000), "1/3"),
        FundingModel.market_operated(),
    ]
    start = dt.date(2024, 1, 1)
    for i in range(1043 + 520):
        day = start + dt.timedelta(days=(i * 7) % 366)
        category = "mass" if i < 1043 else "youth"
        events.append(Event(day, f"e{i}", "district", category, models[i % 4], "体育局", "zz"))
    return EventCatalog(events)


def test_counts_and_costs_by_quarter_and_model() -> None:
    cat = _year_catalog()
    counts = cat.count_by_quarter(year=2024, category="mass")
    assert list(counts) == [Period.quarter(2024, q) for q in range(1, 5)]
    assert sum(counts.values()) == 1043
    # independent count by month arithmetic
    by_hand = [0, 0, 0, 0]
    for e in cat.filter(category="mass"):
        by_hand[(e.date.month - 1) // 3] += 1
    assert list(counts.values()) == by_hand
    assert sum(cat.count_by_quarter(year=2024, category="youth").values()) == 520
    by_model = cat.public_cost(by="model")
    n = [sum(1 for i in range(1563) if i % 4 == k) for k in range(4)]
    assert by_model == {
        "government_hosted": Money.yuan(20000) * n[0],
        "purchased_service": Money.yuan(8000) * n[1],
        "partial_subsidy": Money.yuan("3333.33") * n[2],
        "market_operated": Money(0),
    }
    assert sum(cat.public_cost(by="quarter").values()) == cat.total_public_cost
    assert cat.public_cost(by="region") == {"zz": cat.total_public_cost}


@given(
    st.lists(
        st.tuples(st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)), funding_models()),
        max_size=30,
    )
)
def test_totals_agree(items: list[tuple[dt.date, FundingModel]]) -> None:
    cat = EventCatalog(Event(d, f"e{i}", "city", "mass", m) for i, (d, m) in enumerate(items))
    total = sum((e.public_cost for e in cat), Money(0))
    assert sum(cat.public_cost(by="quarter").values(), Money(0)) == total
    assert sum(cat.public_cost(by="model").values(), Money(0)) == total
    assert sum(cat.count_by_quarter().values()) == len(items)
    for y in (2023, 2024, 2025):
        assert sum(cat.count_by_quarter(year=y).values()) == sum(
            1 for d, _ in items if d.year == y
        )


@given(funding_models())
def test_partial_subsidy_against_decimal_oracle(model: FundingModel) -> None:
    if model.kind != "partial_subsidy":
        return
    assert model.cost is not None and model.rate is not None
    exact = Decimal(model.cost.fen) * model.rate.numerator / model.rate.denominator
    want = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if model.cap is not None:
        want = min(want, model.cap.fen)
    assert model.public_cost.fen == want


def test_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "date,name,level,category,model,cost,rate,cap,organizer,region\n"
        "2024-03-02,郑州马拉松,national,mass,购买服务,350万元,,,市体育局,410100\n"
        "2024-08-08,全民健身日,city,mass,government_hosted,12万元,,,市体育局,410100\n"
        "2024-10-01,社区运动会,community,mass,部分补贴,2万元,50%,5000元,,\n",
        encoding="utf-8",
    )
    cat = EventCatalog.from_csv(path)
    assert len(cat) == 3
    assert cat.public_cost(by="quarter", year=2024) == {
        Period.quarter(2024, 1): Money.parse("350万元"),
        Period.quarter(2024, 2): Money(0),
        Period.quarter(2024, 3): Money.parse("12万元"),
        Period.quarter(2024, 4): Money.yuan(5000),
    }
    assert cat.events[2].organizer == "" and cat.events[0].region == "410100"


def test_bad_records() -> None:
    base: dict[str, Any] = {
        "date": "2024-01-01",
        "name": "x",
        "level": "city",
        "category": "mass",
        "model": "政府主办",
        "cost": "1万元",
    }
    with pytest.raises(DataError, match=r"row 1, field model: kind='lottery': expected one of"):
        EventCatalog.from_records([dict(base, model="lottery")])
    with pytest.raises(DataError, match=r"row 2, field cost: cost=None: a government_hosted"):
        EventCatalog.from_records([base, dict(base, cost="")])
    with pytest.raises(DataError, match=r"row 1, field date: date='2024-02-30': not a valid date"):
        EventCatalog.from_records([dict(base, date="2024-02-30")])
    with pytest.raises(DataError, match=r"row 1, field name: name: missing"):
        EventCatalog.from_records([dict(base, name=" ")])
    with pytest.raises(DataError, match=r"field cost: cost=-5元: must be >= 0"):
        EventCatalog.from_records([dict(base, cost="-5元")])
    with pytest.raises(InvalidInputError, match=r"rate=2: must be > 0 and <= 1"):
        FundingModel.partial_subsidy(Money(1), 2)
    with pytest.raises(InvalidInputError, match=r"only a partial_subsidy event has a rate"):
        FundingModel("government_hosted", Money(1), "0.5")
    with pytest.raises(InvalidInputError, match=r"by='week': expected one of"):
        _year_catalog().public_cost(by="week")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"cost=1.5: floats are refused for money"):
        FundingModel.government_hosted(1.5)  # type: ignore[arg-type]


def test_cumulative_counts_for_paced_targets() -> None:
    """Running totals per quarter, for "≥ 1,000 events in 2024" checked quarter by quarter."""
    cat = _year_catalog()
    per = list(cat.count_by_quarter(year=2024, category="mass").values())
    running = list(cat.count_by_quarter(year=2024, category="mass", cumulative=True).values())
    assert running == [sum(per[: i + 1]) for i in range(4)]
    assert running[-1] == 1043


def test_a_bad_cost_cell_is_worded_like_every_money_cell(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "date,name,level,category,model,cost\n2024-01-01,A,city,mass,government_hosted,lots\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        EventCatalog.from_file(path)
    assert str(info.value) == (
        "events.csv, row 2, field cost: cost='lots': expected a money amount such as "
        "'12.5万元' or '1,234.50'"
    )
