"""sportsgov.plans: Target, Task, Plan, the indicator registry and exact unit conversion."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov import plans
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, UnitError
from sportsgov.money import Money
from sportsgov.periods import Period
from sportsgov.plans import Milestone, Plan, SourceRef, Target, Task
from sportsgov.plans._units import DIMENSIONS, convert
from sportsgov.testing import plans_, targets
from sportsgov.units import Q_

Y2024 = Period.year(2024)


# ------------------------------------------------------------ worked examples


def test_zhengzhou_per_capita_area_target_from_the_source() -> None:
    # 2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022:
    # "人均场地面积达到2.65平方米"
    t = plans.load("zhengzhou-2024").target("per-capita-area")
    assert (t.indicator, t.comparator, t.value, t.unit) == (
        "per_capita_area",
        ">=",
        Decimal("2.65"),
        "m^2/person",
    )
    assert t.period == Y2024 and t.deadline == dt.date(2024, 12, 31)
    assert t.lead == "郑州市体育局" and t.source is not None
    assert (
        t.source.document
        == "2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022"
    )
    assert t.quantity() == Q_(Decimal("2.65"), "m**2/person")


def test_money_target_in_yi_yuan_is_exact() -> None:
    # "体育产业总产值达到480亿"
    t = plans.load("zhengzhou-2024").target("industry-output")
    assert t.value == Decimal("48000000000") and t.unit == "yuan"
    assert t.money() == Money.yuan(48_000_000_000)


def test_shaoxing_outdoor_space_in_wan_square_metres() -> None:
    # "户外运动场地200万平方米以上" -> 2,000,000 m²
    t = plans.load("shaoxing-2020-2022").target("outdoor-space")
    assert t.value == Decimal(2_000_000) and t.unit == "m^2"
    assert t.quantity().to("ha").magnitude == pytest.approx(200)


def test_target_create_from_quantity_and_money() -> None:
    t = Target.create("area", "new_outdoor_sports_area", ">=", Q_(30, "ha"), "2024")
    assert t.value == Decimal(300000)
    m = Target.create("fund", "talent_fund_spent", ">=", Money.parse("7668.28万元"), "2019/2021")
    assert m.value == Decimal("76682800.00") and m.money() == Money.parse("7668.28万元")
    mu = Target.create("mu", "new_outdoor_sports_area", ">=", 15, Y2024, unit="亩")
    assert mu.value == Decimal(10000)


def test_task_phase_milestone_and_plan_accessors() -> None:
    task = Task(
        "编制规划",
        lead="市体育局",
        partners=["市自然资源和规划局"],
        deadline="2024-12-31",
        milestones=[Milestone("2024-06-30", "草案")],
    )
    assert task.partners == ("市自然资源和规划局",) and task.milestones[0].on == dt.date(
        2024, 6, 30
    )
    plan = plans.load("zhengzhou-2024")
    assert [t.id for t in plan.for_indicator("sports_associations")] == [
        "associations-city",
        "associations-district",
    ]
    assert len(plan.with_targets(plan.targets[:3]).targets) == 3
    assert {t.scope for t in plan.targets} == {"city", "each district"}
    assert plan.target("themed-activities-district").per_district


def test_jiaozuo_2351_school_standard_targets() -> None:
    # "保持130所传校2名专(兼)职教练员、30名运动员的基本队伍"
    plan = plans.load("jiaozuo-2024")
    values = {t.id: t.value for t in plan.targets}
    assert values["traditional-schools"] * values["coaches-per-school"] == 260
    assert values["traditional-schools"] * values["athletes-per-school"] == 3900
    assert plan.baselines[0].value == Decimal("2.62") and plan.baselines[0].unit == "m^2/person"


def test_indicator_registry_links_calculators() -> None:
    ind = plans.get_indicator("per_capita_area")
    from sportsgov.indicators import per_capita_area

    assert ind.resolve() is per_capita_area
    with_calc = {i.name for i in plans.indicators() if i.calculator}
    assert {"per_capita_area", "pitches_per_10k", "instructors_per_1000"} <= with_calc


def test_compute_evaluates_a_target_from_raw_data() -> None:
    from sportsgov.facilities import Inventory
    from sportsgov.regions import PopulationTable, RegionTree

    tree = RegionTree.from_records(
        [
            {"code": "4101", "name": "郑州市", "level": "city", "parent": None},
            {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"},
        ]
    )
    pop = PopulationTable.from_records(
        [{"region": "410102", "year": 2024, "population": 200_000}], tree=tree
    )
    inv = Inventory.from_records(
        [
            {
                "id": "a",
                "kind": "football_11",
                "region": "410102",
                "area": 530_000,
                "lon": 113.6,
                "lat": 34.7,
                "opened": "2020-01-01",
                "closed": None,
            }
        ]
    )
    area = plans.compute("per_capita_area", inv, pop, region="410102", as_of="2024-12-31")
    assert area == Decimal("2.65")  # 530,000 m² / 200,000 people, exactly
    pitches = plans.compute("pitches_per_10k", inv, pop, region="410102", as_of="2024-12-31")
    assert pitches == Decimal("0.05")  # 1 pitch per 200,000 residents
    target = plans.load("zhengzhou-2024").target("per-capita-area")
    assert area >= target.value


# ------------------------------------------------------------ properties


@given(targets())
def test_targets_are_valid_and_pickle(t: Target) -> None:
    assert t.comparator in plans.COMPARATORS
    assert t.unit == plans.get_indicator(t.indicator).unit
    if t.comparator == "between":
        assert t.upper is not None and t.upper >= t.value
    again = pickle.loads(pickle.dumps(t))
    assert again == t


@given(plans_())
def test_plan_target_lookup_finds_every_target(plan: Plan) -> None:
    for t in plan.targets:
        assert plan.target(t.id) is t


@given(
    st.sampled_from(sorted(DIMENSIONS)),
    st.data(),
    st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=3),
)
def test_unit_conversion_is_exact_and_invertible(
    dim: str, data: st.DataObject, x: Decimal
) -> None:
    table = DIMENSIONS[dim][1]
    a = data.draw(st.sampled_from(sorted(table)))
    b = data.draw(st.sampled_from(sorted(table)))
    got = convert(x, a, b)
    # Independent oracle: the exact rational product of the factors.
    exact = Fraction(x) * table[a] / table[b]
    den = (table[a] / table[b]).denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:  # a terminating decimal factor: exact, and the round trip is exact
        assert Fraction(got) == exact
        assert convert(got, b, a) == x
    else:  # e.g. minutes -> hours (1/60): correct to Decimal's 28 significant digits
        assert abs(Fraction(got) - exact) <= abs(exact) * Fraction(1, 10**27)


# ------------------------------------------------------------ bad input


def test_bad_targets_raise_with_messages() -> None:
    with pytest.raises(InvalidInputError, match=r"comparator='=>': expected one of '>=', '<='"):
        Target("x", "per_capita_area", "=>", Decimal(1), Y2024)  # type: ignore[arg-type]
    with pytest.raises(
        NotFoundError,
        match=r"indicator='per_capita': unknown indicator; did you mean 'per_capita_area'",
    ):
        Target("x", "per_capita", ">=", Decimal(1), Y2024)
    with pytest.raises(InvalidInputError, match=r"upper=1: target 'x': must be >= value=2"):
        Target("x", "community_games", "between", Decimal(2), Y2024, upper=Decimal(1))
    with pytest.raises(
        InvalidInputError, match=r"target 'x': only 'between' takes an upper bound"
    ):
        Target("x", "community_games", ">=", Decimal(2), Y2024, upper=Decimal(3))
    with pytest.raises(UnitError, match=r"expected m\^2/person \(area per person\), got a count"):
        Target.create("x", "per_capita_area", ">=", 3, "2024", unit="场次")
    with pytest.raises(UnitError, match=r"value=3 m: expected \[area\]"):
        Target.create("x", "new_outdoor_sports_area", ">=", Q_(3, "m"), "2024")
    with pytest.raises(InvalidInputError, match=r"value=nan: must be a finite number"):
        Target.create("x", "community_games", ">=", float("nan"), "2024")
    with pytest.raises(InvalidInputError, match=r"period='2024-Q5'"):
        Target.create("x", "community_games", ">=", 3, "2024-Q5")
    with pytest.raises(
        InvalidInputError, match=r"pace='weekly': expected one of 'none', 'quarterly'"
    ):
        Target("x", "community_games", ">=", Decimal(2), Y2024, pace="weekly")  # type: ignore[arg-type]
    with pytest.raises(UnitError, match=r"target 'x': unit count is not money"):
        Target("x", "community_games", ">=", Decimal(2), Y2024).money()


def test_plan_rejects_duplicate_ids_and_unknown_lookups() -> None:
    t = Target("a", "community_games", ">=", Decimal(2), Y2024)
    with pytest.raises(InvalidInputError, match=r"targets='a': plan 'p': duplicate id"):
        Plan("p", "bureau", Y2024, targets=[t, t])
    plan = Plan("p", "bureau", Y2024, targets=[t])
    with pytest.raises(NotFoundError, match=r"target='b': plan 'p' has no such target"):
        plan.target("b")
    with pytest.raises(NotFoundError, match=r"indicator='mass_sports_events': has no calculator"):
        plans.compute("mass_sports_events")
    with pytest.raises(InvalidInputError, match=r"deadline='soon': expected a date such as"):
        Task("t", deadline="soon")
    assert SourceRef("x, issuer, 2026-01-01", last_verified="2026-01-01").last_verified == dt.date(
        2026, 1, 1
    )


@given(st.from_type(Target), st.from_type(Plan))
def test_strategies_are_registered_for_from_type(t: Target, plan: Plan) -> None:
    assert isinstance(t, Target) and isinstance(plan, Plan)
    assert len({x.id for x in plan.targets}) == len(plan.targets)


def test_target_lookup_outside_its_valid_period_raises_by_default() -> None:
    nat = plans.load("national-2025-2035")
    assert nat.target_for("regular_exercise_share", as_of="2025-12-31").value == Decimal("38.5")
    assert nat.target_for("regular_exercise_share", as_of="2026-01-01").value == Decimal(45)
    with pytest.raises(
        NotFoundError,
        match=r"as_of='2036-01-01': no target on 'regular_exercise_share' \(scope 'city'\) "
        r"of plan 'national-2025-2035' is in force; targets: regular-exercisers-2025 "
        r"\(2021/2025\), "
        r"regular-exercisers-2035 \(2019/2035\)",
    ):
        nat.target_for("regular_exercise_share", as_of="2036-01-01")
    zz = plans.load("zhengzhou-2024")
    assert zz.target_for("sports_associations", as_of="2024-05-01").id == "associations-city"
    district = zz.target_for("sports_associations", as_of="2024-05-01", scope="each district")
    assert district is not None and district.value == 35
    with pytest.raises(
        InvalidInputError, match=r"outside='latest': expected one of 'raise', 'none'"
    ):
        zz.target_for("sports_associations", as_of="2024-05-01", outside="latest")  # type: ignore[arg-type]


# -- malformed plan files (hardening): DataError naming file and field path ------------

_HEAD = 'name = "x"\nissuer = "y"\nperiod = "2024"\n'
_TARGET = '[[targets]]\nid = "a"\nindicator = "mass_sports_events"\ncomparator = ">="\nvalue = 1\n'


def _plan(tmp_path: Any, text: str) -> Plan:
    p = tmp_path / "p.toml"
    p.write_text(_HEAD + text, encoding="utf-8")
    return plans.load_file(p)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        (
            "targets = [1]\n",
            r"^p\.toml, row 1, field targets\[1\]: targets\[1\]=1: expected a table$",
        ),
        (
            "targets = 'abc'\n",
            r"^p\.toml, field targets: targets='abc': expected an array of tables",
        ),
        ("phases = [[1]]\n", r"^p\.toml, row 1, field phases\[1\]: phases\[1\]=\[1\]: expected a"),
        ("baselines = 7\n", r"^p\.toml, field baselines: baselines=7: expected an array"),
        (
            "[[tasks]]\ntitle = 't'\nmilestones = [1]\n",
            r"^p\.toml, row 1, field tasks\[1\]\.milestones\[1\]: .*=1: expected a table$",
        ),
        (
            _TARGET.replace('"mass_sports_events"', "[1]"),
            r"^p\.toml, row 1, field indicator: targets\[1\] \(id='a'\): indicator=\[1\]: unknown",
        ),
        (
            _TARGET.replace("value = 1", "value = '1e999999999'"),
            r"^p\.toml, row 1, field value: .*value='1e999999999': must have at most 1000 digits",
        ),
        (
            _TARGET.replace("value = 1", "value = 1" + "0" * 2000),
            r"^p\.toml, row 1, field value: .*: must have at most 1000 digits",
        ),
        (_TARGET + "partners = 5\n", r"^p\.toml, row 1, field partners: .*partners=5: expected a"),
        (
            _TARGET + "partners = [1, 2]\n",
            r"field partners: .*partners=\[1, 2\]: expected a unit name",
        ),
    ],
)
def test_malformed_plan_files_are_data_errors(tmp_path: Any, text: str, pattern: str) -> None:
    with pytest.raises(DataError, match=pattern):
        _plan(tmp_path, text)


def test_unforeseen_shapes_name_the_field_path() -> None:
    data = {"name": "x", "issuer": "y", "period": "2024"}
    target = {"id": "a", "indicator": "mass_sports_events", "comparator": ">=", "value": 1}
    with pytest.raises(
        DataError,
        match=r"^<plan>, field targets\[1\]: targets\[1\]: malformed \(AttributeError: 'list'",
    ):
        plans.parse_plan({**data, "targets": [{**target, "unit": [1]}]})
    with pytest.raises(DataError, match=r"^<plan>: plan=5: expected a table$"):
        plans.parse_plan(5)  # type: ignore[arg-type]
    with pytest.raises(
        DataError, match=r"^<plan>, field published: plan: published=\[1\]: expected a"
    ):
        plans.parse_plan({**data, "published": [1]})


def test_one_partner_name_is_a_list_of_one_never_split(tmp_path: Any) -> None:
    plan = _plan(tmp_path, _TARGET + 'partners = "abc"\n')
    assert plan.targets[0].partners == ("abc",)
    plan = _plan(tmp_path, '[[tasks]]\ntitle = "t"\npartners = "市教育局"\n')
    assert plan.tasks[0].partners == ("市教育局",)
    assert Task("t", partners=["a", "b"]).partners == ("a", "b")
    with pytest.raises(InvalidInputError, match=r"^partners=\{'a': 1\}: expected a unit name"):
        Task("t", partners={"a": 1})
