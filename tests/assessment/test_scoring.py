"""Automatic scores: the published schemes A, B, C case by case, reasons, ranking with ties."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import rankdata

from sportsgov import plans
from sportsgov.assessment import (
    Band,
    Item,
    Observation,
    Scheme,
    assess,
    load_scheme,
    load_scheme_file,
    parse_scheme,
    rank_competition,
    schemes,
    score,
)
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

D = Decimal
A = load_scheme("scheme-a")
B = load_scheme("scheme-b")
C = load_scheme("scheme-c")


def one(scheme: Scheme | str, **values: Any) -> Any:
    """Score one region 'X' from inputs (a provincial average of 2.62 m² for scheme A)."""
    return score(None, scheme, inputs={"*": {"provincial_average": "2.62"}, "X": values}).region(
        "X"
    )


def pts(scheme: Scheme | str, item: str, **values: Any) -> Decimal:
    return one(scheme, **values).item(item).points  # type: ignore[no-any-return]


# ------------------------------------------------------------ scheme A (rule kinds 1–5)


@pytest.mark.parametrize(
    ("area", "points"),
    [("2.62", "2"), ("2.80", "2"), ("2.61", "1"), ("2.52", "1"), ("2.519", "0"), ("2.3", "0")],
)
def test_a_1_1a_per_step_deduction_partial_steps_round_up_floor_zero(
    area: str, points: str
) -> None:
    # "each 0.1 m² short: −1; a partial 0.1 m² counts as a whole step; not below 0"
    assert pts(A, "1.1a", per_capita_area=area) == D(points)


@pytest.mark.parametrize(
    ("now", "before", "points"),
    [
        # at or above the provincial average: ≥3 % → 2, 2–3 → 1.5, 1–2 → 0.5, < 1 → 0
        ("2.781", "2.70", "2"),  # +3 % exactly: the "≥ 3 %" band
        ("2.78", "2.70", "1.5"),  # +2.96 %
        ("2.754", "2.70", "1.5"),  # +2 % exactly
        ("2.727", "2.70", "0.5"),  # +1 % exactly
        ("2.72", "2.70", "0"),  # +0.74 %
        # below it: ≥5 % → 2, 3–5 → 1.5, 1–3 → 1, < 1 → 0
        ("2.52", "2.40", "2"),  # +5 % exactly
        ("2.472", "2.40", "1.5"),  # +3 % exactly
        ("2.424", "2.40", "1"),  # +1 % exactly
        ("2.41", "2.40", "0"),  # +0.42 %
    ],
)
def test_a_1_1b_bands_chosen_by_1_1a(now: str, before: str, points: str) -> None:
    x = one(A, per_capita_area=now, **{"per_capita_area@previous": before})
    assert x.item("1.1b").points == D(points)


@pytest.mark.parametrize(
    ("done", "points"), [(8, "2"), (9, "2"), (7, "1.5"), (5, "0.5"), (4, "0"), (0, "0")]
)
def test_a_1_2a_count_shortfall(done: int, points: str) -> None:
    assert pts(A, "1.2a", facility_tasks_done=done, facility_tasks_required=8) == D(points)


@pytest.mark.parametrize(("ratio", "points"), [("100", "1"), ("99.9", "0"), ("0", "0")])
def test_a_1_2b_all_or_nothing(ratio: str, points: str) -> None:
    assert pts(A, "1.2b", one_stadium_two_halls=ratio) == D(points)


@pytest.mark.parametrize(
    ("share", "points"),
    [
        ("29.5", "1"),
        ("31", "1"),
        ("29.45", "0.9"),
        ("29.4", "0.9"),
        ("29.39", "0.8"),
        ("28.6", "0.1"),
        ("28.5", "0"),
        ("20", "0"),
    ],
)
def test_a_1_3a_per_tenth_point_deduction(share: str, points: str) -> None:
    assert pts(A, "1.3a", regular_exercise_share=share) == D(points)


@pytest.mark.parametrize(
    ("now", "before", "points"),
    [("30.0", "29.5", "1"), ("29.99", "29.5", "0"), ("31", "29", "1"), ("29", "29.2", "0")],
)
def test_a_1_3b_improvement_in_percentage_points(now: str, before: str, points: str) -> None:
    x = one(A, regular_exercise_share=now, **{"regular_exercise_share@previous": before})
    assert x.item("1.3b").points == D(points)


def test_a_whole_region_and_reasons_in_both_languages() -> None:
    x = one(
        A,
        per_capita_area="2.45",
        **{"per_capita_area@previous": "2.40"},
        facility_tasks_done=7,
        facility_tasks_required=8,
        one_stadium_two_halls=100,
        regular_exercise_share="29.37",
        **{"regular_exercise_share@previous": "29.0"},
    )
    assert [i.points for i in x.items] == [D(0), D(1), D("1.5"), D(1), D("0.8"), D(0)]
    assert x.total == D("4.3") and x.base == D("4.3")
    zh = x.reasons("zh")
    assert len(zh) == 5  # every item that lost points has a reason; 1.2b lost none
    assert zh[2] == "1.2a 年度体育设施建设任务:完成7个,任务8个,缺1个,每缺1个扣0.5分,扣0.5分"
    assert x.reasons("en")[4] == (
        "1.3b growth of regular exercisers: 0.37 percentage points short of 0.5 percentage points,"
        " all or nothing: −1"
    )
    assert x.reasons("en")[3] == (
        "1.3a regular exercisers (students excluded): 29.37% is 0.13% below 29.5%; "
        "2 step(s) of 0.1% (a partial step counts as whole) at −0.1: −0.2"
    )
    assert sum(i.lost for i in x.items) == A.max_base - x.total


def test_a_missing_data_scores_zero_with_a_reason() -> None:
    x = score(None, A, inputs={"X": {}}).region("X")
    assert x.total == 0 and len(x.reasons("en")) == 6
    assert x.reasons("en")[0] == "1.1a per-capita venue area: no data, −2"


# ------------------------------------------------------------ scheme B (kind 6)


def test_b_base_plus_capped_bonus() -> None:
    x = one(B, base_points="92.5", bonus_events=4, bonus_reform=3, bonus_commendation=5)
    assert (x.base, x.bonus, x.total) == (D("92.5"), D(10), D("102.5"))
    assert x.reasons("zh")[-1] == "加分项合计12分,超过上限10分,按10分计"
    y = one(B, base_points="92.5", bonus_events=4, bonus_experience=2)
    assert (y.bonus, y.total, y.bonus_capped) == (D(6), D("98.5"), None)
    assert one(B, base_points=120).base == D(100)  # the base cannot exceed its 100 points
    assert B.max_total == D(110)


# ------------------------------------------------------------ scheme C (kind 2, explicit edges)


@pytest.mark.parametrize(
    ("share", "upper_inclusive", "lower_inclusive"),
    [
        ("37.1", "0", "0"),
        ("37.2", "1", "1"),
        ("39.9", "1", "1"),
        ("40", "1", "1.5"),
        ("40.01", "1.5", "1.5"),
        ("42", "1.5", "2"),
        ("42.01", "2", "2"),
        ("60", "2", "2"),
    ],
)
def test_c_band_edges_follow_the_stated_rule(
    share: str, upper_inclusive: str, lower_inclusive: str
) -> None:
    assert C.edges == "upper-inclusive"
    assert pts(C, "C1", regular_exercise_share=share) == D(upper_inclusive)
    other = attrs.evolve(C, edges="lower-inclusive")
    assert pts(other, "C1", regular_exercise_share=share) == D(lower_inclusive)


@pytest.mark.parametrize(
    ("now", "before", "points"),
    [
        ("2.62", "2.62", "0.5"),
        ("2.882", "2.62", "0.5"),
        ("2.8821", "2.62", "1"),
        ("2.5", "2.62", "0"),
    ],
)
def test_c_growth_bands(now: str, before: str, points: str) -> None:
    assert one(C, per_capita_area=now, **{"per_capita_area@previous": before}).item(
        "C5"
    ).points == D(points)


def test_c_full_city() -> None:
    x = one(
        C,
        regular_exercise_share="38.5",
        instructors_per_1000="2.16",
        physique_pass_rate="92.1",
        per_capita_area="2.89",
        **{"per_capita_area@previous": "2.62"},
        three_ball_pitches_per_10k="9",
    )
    # 1 + 0 (2.16 < 2.53) + 1.5 + 1 + 1 (+10.3 %) + 1 = 5.5
    assert [i.points for i in x.items] == [D(1), D(0), D("1.5"), D(1), D(1), D(1)]
    assert x.total == D("5.5")


# ------------------------------------------------------------ from an assessment


def _district_obs(region: str, factor: Decimal) -> list[Observation]:
    plan = plans.load("zhengzhou-2024")
    return [
        Observation(t.id, region, t.value * factor, "2024-12-31")
        for t in plan.targets
        if t.per_district
    ]


def test_zhengzhou_districts_from_an_assessment() -> None:
    plan = plans.load("zhengzhou-2024")
    obs = _district_obs("A", D(1)) + _district_obs("B", D("0.5")) + _district_obs("C", D(1))
    a = assess(plan, obs, as_of="2025-01-10")
    card = score(
        a, "zhengzhou-2024-districts", inputs={"C": {"safety_incidents": 1, "bonus_points": 7}}
    )
    assert card.ranking() == [(1, "A", D(100)), (1, "C", D(100)), (3, "B", D("21.50"))]
    c = card.region("C")
    assert (c.base, c.bonus, c.deductions) == (D(100), D(5), D(-5))
    assert c.reasons("en") == [
        "D1 safety incidents: 1 case(s) at −5 each: −5",
        "bonus items total 7, capped at 5",
    ]
    b = card.region("B")
    # themed: 3 of 6 -> 3 missing × 2 = −6 → 4; games 50 % → 5; park 0.5 < 1 → 0;
    # associations 17.5 of 35 → 18 missing → 0; guidance 5; physique 7.5; pilots, school, demo 0
    assert [i.points for i in b.items][:9] == [
        D(4),
        D("5.00"),
        D(0),
        D(0),
        D("5.00"),
        D("7.50"),
        D(0),
        D(0),
        D(0),
    ]
    assert (
        "3 sports park built or rebuilt (at least 1): target not met (status: missed)"
        in b.reasons("en")[2]
    )


# ------------------------------------------------------------ properties


values = st.decimals(min_value=D(0), max_value=D(100), places=3)


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "per_capita_area",
                "per_capita_area@previous",
                "facility_tasks_done",
                "facility_tasks_required",
                "one_stadium_two_halls",
                "regular_exercise_share",
                "regular_exercise_share@previous",
            ]
        ),
        values.filter(lambda v: v > 0),
    )
)
def test_scores_stay_within_bounds(inputs: dict[str, Decimal]) -> None:
    for scheme in (A, C):
        x = score(None, scheme, inputs={"*": {"provincial_average": "2.62"}, "X": inputs}).region(
            "X"
        )
        for it in x.items:
            assert 0 <= it.points <= it.max_points
            assert (it.reason is None) == (it.points == it.max_points)
        assert 0 <= x.total <= scheme.max_base


@given(
    st.lists(st.decimals(min_value=D("0.5"), max_value=D(3), places=1), min_size=1, max_size=8),
    st.randoms(),
)
def test_a_region_meeting_every_target_gets_full_marks(factors: list[Decimal], rnd: Any) -> None:
    plan = plans.load("zhengzhou-2024")
    obs = [o for i, f in enumerate(factors) for o in _district_obs(f"R{i}", max(f, D(1)))]
    card = score(assess(plan, obs, as_of="2024-12-31"), "zhengzhou-2024-districts")
    scheme = load_scheme("zhengzhou-2024-districts")
    for r in card.regions:
        assert r.total == scheme.max_base == D(100) and r.rank == 1 and r.reasons() == []


@given(
    st.lists(st.sampled_from([D(80), D("85.5"), D(90), D(95), D(100)]), min_size=1, max_size=12),
    st.randoms(),
)
def test_ranking_shares_ties_and_is_stable_under_reordering(
    totals: list[Decimal], rnd: Any
) -> None:
    inputs = {f"R{i}": {"base_points": t} for i, t in enumerate(totals)}
    card = score(None, B, inputs=inputs)
    codes = list(inputs)
    rnd.shuffle(codes)
    again = score(None, B, inputs={c: inputs[c] for c in codes})
    assert card.ranking() == again.ranking()
    # Oracle: scipy's "min" ranking of the negated totals is competition ranking.
    oracle = rankdata(-np.array([float(t) for t in totals]), method="min")
    got = {r.region: r.rank for r in card.regions}
    assert [got[f"R{i}"] for i in range(len(totals))] == [int(k) for k in oracle]


def test_rank_competition_1224() -> None:
    assert rank_competition({"a": D(90), "b": D(95), "c": D(90), "d": D(80)}) == {
        "a": 2,
        "b": 1,
        "c": 2,
        "d": 4,
    }
    assert rank_competition({}) == {}


# ------------------------------------------------------------ scheme files and bad input


def test_bundled_schemes_load() -> None:
    assert schemes() == ["scheme-a", "scheme-b", "scheme-c", "zhengzhou-2024-districts"]
    assert A.item("1.1b").choose_by == "1.1a"
    with pytest.raises(NotFoundError, match=r"scheme='scheme-d': expected one of 'scheme-a'"):
        load_scheme("scheme-d")
    with pytest.raises(NotFoundError, match=r"item='9.9': scheme 'scheme-a' has no such item"):
        A.item("9.9")


def test_scheme_file_errors_name_item_row_and_field(tmp_path: Path) -> None:
    good = (
        'name = "s"\ntitle = "t"\n[[items]]\nid = "1"\ntitle = "x"\npoints = 2\n'
        'rule = "threshold"\nthreshold = 3\n'
    )
    p = tmp_path / "s.toml"
    p.write_text(good, encoding="utf-8")
    assert load_scheme_file(p).item("1").threshold == D(3)
    cases = [
        (
            good.replace('rule = "threshold"', 'rule = "thresold"'),
            "rule",
            r"rule='thresold': expected one of",
        ),
        (
            good.replace("threshold = 3\n", ""),
            "threshold",
            r"item '1': rule 'threshold' needs threshold",
        ),
        (good + "colour = 1\n", "colour", r"colour: unknown key"),
        (good + "step = 0.1\n", "step", r"give both step and per_step"),
        (
            good.replace("points = 2", 'points = "two"'),
            "points",
            r"points='two': expected a decimal number",
        ),
        (good + "bands = [{ lo = 1, pts = 2 }]\n", "bands", r"pts=2: unknown band key"),
    ]
    for text, field, message in cases:
        p.write_text(text, encoding="utf-8")
        with pytest.raises(DataError, match=message) as info:
            load_scheme_file(p)
        assert (info.value.source, info.value.row) == ("s.toml", 1), text
        assert info.value.field == field, (field, str(info.value))
    p.write_text(good.replace('"s"', '"s"\nedges = "both"'), encoding="utf-8")
    with pytest.raises(
        DataError, match=r"edges='both': expected one of 'lower-inclusive', 'upper-inclusive'"
    ):
        load_scheme_file(p)


def test_scheme_model_checks() -> None:
    with pytest.raises(
        InvalidInputError, match=r"choose_by='2': item '1': must name an earlier item"
    ):
        Scheme(
            "s",
            "t",
            [Item("1", "x", D(1), "bands", bands=[Band(None, None, D(1))], choose_by="2")],
        )
    with pytest.raises(InvalidInputError, match=r"items='1': scheme 's': duplicate item id"):
        Scheme("s", "t", [Item("1", "x", D(1), "given"), Item("1", "y", D(1), "given")])
    with pytest.raises(
        InvalidInputError, match=r"inputs\['X'\]\['base_points'\]='lots': expected a number"
    ):
        score(None, B, inputs={"X": {"base_points": "lots"}})
    with pytest.raises(InvalidInputError, match=r"lang='fr': expected one of 'zh', 'en'"):
        one(A, per_capita_area="1").reasons("fr")  # type: ignore[arg-type]


def test_results_pickle_for_other_processes() -> None:
    import pickle

    plan = plans.load("zhengzhou-2024")
    a = assess(plan, _district_obs("A", D("0.7")), as_of="2024-12-31")
    card = score(a, "zhengzhou-2024-districts")
    again = pickle.loads(pickle.dumps((a, card)))
    assert again[0].rows == a.rows
    assert again[1].ranking() == card.ranking()
    assert again[1].regions[0].reasons("en") == card.regions[0].reasons("en")


@pytest.mark.parametrize("name", schemes())
def test_bundled_schemes_round_trip_through_toml_and_json(name: str) -> None:
    from sportsgov import io

    scheme = load_scheme(name)
    assert io.from_toml(io.to_toml(scheme), Scheme) == scheme
    assert io.from_json(io.to_json(scheme), Scheme) == scheme


@pytest.mark.parametrize("bad", ["NaN", "Infinity", float("nan"), float("-inf")])
def test_scheme_numbers_must_be_finite(bad: object) -> None:
    from sportsgov.assessment._scheme import _dec

    with pytest.raises(InvalidInputError, match=r"points=.*: must be a finite number"):
        _dec(bad, "points")


# -- malformed schemes and non-finite inputs (hardening) -------------------------------

_ITEM = {"id": "1", "title": "t", "points": 1, "rule": "given"}


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        ({"items": [1]}, r"^s\.toml, row 1, field items\[1\]: items\[1\]=1: expected a table$"),
        ({"items": "x"}, r"^s\.toml, field items: items='x': expected an array of tables"),
        (
            {"items": [{**_ITEM, "rule": "bands", "bands": [1]}]},
            r"^s\.toml, row 1, field items\[1\]\.bands\[1\]: items\[1\]\.bands\[1\]=1: expected",
        ),
        (
            {"items": [{**_ITEM, "points": "1e999999999"}]},
            r"^s\.toml, row 1, field points: .*points='1e999999999': must be within ±1E\+15",
        ),
        (
            {"items": [{**_ITEM, "points": "Infinity"}]},
            r"^s\.toml, row 1, field points: .*points='Infinity': must be a finite number$",
        ),
        (
            {"items": [_ITEM], "precision": "1e-999999999"},
            r"^s\.toml, field precision: precision='1e-999999999': must be within",
        ),
        ({"items": [_ITEM], "precision": "0"}, r"^s\.toml, field precision: precision='0': must"),
        (
            {"items": [{**_ITEM, "choose_by": [1]}]},
            r"^s\.toml, field scheme: scheme: malformed \(TypeError: unhashable type: 'list'\)$",
        ),
    ],
)
def test_malformed_schemes_are_data_errors(data: dict[Any, Any], pattern: str) -> None:
    with pytest.raises(DataError, match=pattern):
        parse_scheme({"name": "s", "title": "t", **data}, source="s.toml")


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("Infinity", r"='Infinity': must be a finite number$"),
        ("-Infinity", r"='-Infinity': must be a finite number$"),
        (Decimal("NaN"), r"=Decimal\('NaN'\): must be a finite number$"),
        (float("inf"), r"=inf: must be a finite number$"),
        ("1e999999999", r"='1e999999999': must be within ±1E\+15$"),
        (10**5000, r"=<int of about 5001 digits>: must be within ±1E\+15$"),
    ],
    ids=["inf", "-inf", "nan", "float-inf", "huge-exponent", "5001-digit-int"],
)
def test_score_refuses_non_finite_and_huge_inputs(value: Any, pattern: str) -> None:
    with pytest.raises(InvalidInputError, match=r"^inputs\['X'\]\['per_capita_area'\]" + pattern):
        score(None, "scheme-a", inputs={"X": {"per_capita_area": value}})


def test_score_beyond_decimal_precision_names_the_item() -> None:
    scheme = parse_scheme(
        {
            "name": "s",
            "title": "t",
            "precision": "1E-12",
            "items": [{**_ITEM, "points": "1E+15", "weight": "1E+15", "measure": "m"}],
        }
    )
    with pytest.raises(InvalidInputError, match=r"^item='1': its figures exceed exact decimal"):
        score(None, scheme, inputs={"X": {"m": "1E+15"}})
