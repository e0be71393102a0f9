"""sportsgov.talent.standards: "2351" school standards, ratio rules, quota allocation."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import InfeasibleError, InvalidInputError, NotFoundError
from sportsgov.talent import (
    INDIVIDUAL_SPORTS,
    TEAM_SPORTS,
    QuotaStandard,
    RatioRule,
    allocate_quota,
    check_ratios,
)

# 2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03 (Jiaozuo 2024 work points):
# 加快"2351"工程建设，保持130所
# 传校2名专(兼)职教练员、30名运动员的基本队伍，保持青少年体育后备人才阵营4000人的规模。
STD_2351 = QuotaStandard(
    "2351",
    {"coaches": 2, "athletes": 30},
    source="2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03",
)


def test_2351_worked_example() -> None:
    assert STD_2351.requirements(130) == {"coaches": 260, "athletes": 3900}
    # 3,900 athletes from the schools fall 100 short of the 4,000 reserve pool;
    # at 30 per school that pool alone would need 134 schools.
    assert 4000 - STD_2351.requirements(130)["athletes"] == 100
    assert STD_2351.units_needed("athletes", 4000) == 134
    assert STD_2351.requirements(134)["athletes"] >= 4000 > STD_2351.requirements(133)["athletes"]


def test_requirements_by_district_mapping() -> None:
    by = {"A": 40, "B": 50, "C": 40}
    assert STD_2351.requirements(by) == STD_2351.requirements(130)
    assert STD_2351.by_unit(by)["B"] == {"coaches": 100, "athletes": 1500}


def test_winter_school_shares() -> None:
    # 張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10: 宣化二中
    # 张家口市青少年冬季奥林匹克运动学校, 注册运动员
    # 320人, 其中32人入选国家集训队, 28人入选省集训队 -> 10 % national, 8.75 % provincial.
    registered, national, provincial = 320, 32, 28
    assert Fraction(national, registered) == Fraction(1, 10)
    assert Fraction(provincial, registered) == Fraction(7, 80)
    # As a standard per school (exact per-unit fractions), two such schools need 64 / 56.
    std = QuotaStandard("winter", {"national": Fraction(32, 320), "provincial": Fraction(28, 320)})
    assert std.requirements(640) == {"national": 64, "provincial": 56}


def test_gaps_per_unit_and_total() -> None:
    actual = {
        "school 1": {"coaches": 2, "athletes": 30},
        "school 2": {"coaches": 1, "athletes": 36},
        "school 3": {"coaches": 3, "athletes": 25},
    }
    g = STD_2351.gaps(actual)
    assert g.shortfall["school 2"] == {"coaches": 1, "athletes": 0}
    assert g.surplus["school 2"] == {"coaches": 0, "athletes": 6}
    assert g.total_shortfall == {"coaches": 1, "athletes": 5}
    assert g.net == {"coaches": 0, "athletes": 1}
    assert g.short_units == ("school 2", "school 3")


@given(
    st.dictionaries(
        st.text("ABCDEFG", min_size=1, max_size=2),
        st.fixed_dictionaries({"coaches": st.integers(0, 6), "athletes": st.integers(0, 60)}),
        max_size=8,
    )
)
def test_gaps_match_brute_force(actual: dict[str, dict[str, int]]) -> None:
    g = STD_2351.gaps(actual)
    for role, need in (("coaches", 2), ("athletes", 30)):
        brute_short = sum(max(need - row[role], 0) for row in actual.values())
        brute_net = sum(row[role] for row in actual.values()) - need * len(actual)
        assert g.total_shortfall[role] == brute_short
        assert g.net[role] == brute_net
        # net = surplus - shortfall, summed over units
        surplus = sum(s[role] for s in g.surplus.values())
        assert g.net[role] == surplus - g.total_shortfall[role]


@given(st.integers(0, 10_000), st.integers(0, 50), st.integers(1, 60))
def test_requirements_linear_and_units_needed_minimal(n: int, coaches: int, athletes: int) -> None:
    std = QuotaStandard("x", {"coaches": coaches, "athletes": athletes})
    assert std.requirements(n) == {"coaches": coaches * n, "athletes": athletes * n}
    need = std.units_needed("athletes", n)
    assert std.requirements(need)["athletes"] >= n
    assert need == 0 or std.requirements(need - 1)["athletes"] < n
    assert need == math.ceil(n / athletes)


def test_ratio_rules_practice_figures() -> None:
    # Practice figures reported in secondary sources, not a published standard:
    # 1:8–10 individual, 1:12–15 team.
    assert (INDIVIDUAL_SPORTS.low, INDIVIDUAL_SPORTS.high) == (8, 10)
    assert (TEAM_SPORTS.low, TEAM_SPORTS.high) == (12, 15)
    check = check_ratios(
        {
            "athletics": {"coaches": 3, "athletes": 30},  # 10: ok (inclusive)
            "swimming": {"coaches": 2, "athletes": 30},  # 15 > 10
            "karate": (4, 24),  # 6 < 8
            "football": (2, 26),  # team: 13 ok
            "volleyball": (0, 12),  # no coach
        },
        {
            "athletics": INDIVIDUAL_SPORTS,
            "swimming": INDIVIDUAL_SPORTS,
            "karate": INDIVIDUAL_SPORTS,
            "football": TEAM_SPORTS,
            "volleyball": TEAM_SPORTS,
        },
    )
    out = {b.unit: b for b in check.out_of_range}
    assert set(out) == {"swimming", "karate", "volleyball"}
    assert out["swimming"].direction == "too_many_athletes"
    assert out["swimming"].coaches_needed == 1  # ceil(30 / 10) - 2
    assert out["karate"].direction == "too_few_athletes"
    assert out["volleyball"].ratio is None and out["volleyball"].coaches_needed == 1
    assert check.ratios["football"] == 13 and not check.ok


def test_2351_school_against_ratio_rules() -> None:
    # A "2351" school (2 coaches, 30 athletes) has 15 athletes per coach: inside the
    # team-sport band, outside the individual-sport band.
    assert TEAM_SPORTS.allows(coaches=2, athletes=30)
    assert not INDIVIDUAL_SPORTS.allows(coaches=2, athletes=30)


@given(st.integers(0, 20), st.integers(0, 300))
def test_ratio_check_brute_force(coaches: int, athletes: int) -> None:
    ok = check_ratios({"u": (coaches, athletes)}, INDIVIDUAL_SPORTS).ok
    if coaches == 0:
        assert ok == (athletes == 0)
    else:
        assert ok == (8 * coaches <= athletes <= 10 * coaches)


def test_allocate_reserve_places_with_floor() -> None:
    # 新型体校: each development zone / district at least one (2024年郑州市体育工作要点,
    # 郑州市体育局, 2024-07-25, 索引号
    # 005252290/2024-00022)
    a = allocate_quota(12, {"A": 900, "B": 500, "C": 40, "D": 10}, floors=1)
    assert sum(a.places.values()) == 12
    assert all(v >= 1 for v in a.places.values())
    # Quotas 7.45 / 4.14 / 0.33 / 0.08: C and D are lifted to their floor; the whole parts
    # of A and B (7 + 4) exceed the 10 places left, so apportion re-computes over A and B
    # (6.43 / 3.57) and says so in its notes.
    assert a.places == {"A": 6, "B": 4, "C": 1, "D": 1}
    assert any("re-comput" in n or "recomput" in n for n in a.notes), a.notes
    assert a.quotas["D"] == Fraction(12 * 10, 1450)
    assert a.floors == {"A": 1, "B": 1, "C": 1, "D": 1}


def test_allocate_matches_peer_library() -> None:
    apportionment = pytest.importorskip("apportionment.methods")
    weights = {"A": 4300, "B": 2600, "C": 1800, "D": 1300}
    for ours, theirs in (("hamilton", "largest_remainder"), ("jefferson", "dhondt")):
        a = allocate_quota(40, weights, method=ours)  # type: ignore[arg-type]
        ref = apportionment.compute(theirs, list(weights.values()), 40)
        assert list(a.places.values()) == list(ref)


def test_allocate_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"weights=\{\}: expected a non-empty"):
        allocate_quota(3, {})
    with pytest.raises(NotFoundError, match=r"floors='Z': unknown unit"):
        allocate_quota(3, {"A": 1}, floors={"Z": 1})
    with pytest.raises(InfeasibleError):
        allocate_quota(2, {"A": 1, "B": 1, "C": 1}, floors=1)
    with pytest.raises(InvalidInputError, match=r"floors=-1: must be a whole number >= 0"):
        allocate_quota(3, {"A": 1}, floors=-1)


def test_bad_standards() -> None:
    with pytest.raises(InvalidInputError, match=r"per_unit\['coaches'\]=-2: must be >= 0"):
        QuotaStandard("x", {"coaches": -2})
    with pytest.raises(InvalidInputError, match=r"per_unit=\{\}: expected a non-empty mapping"):
        QuotaStandard("x", {})
    with pytest.raises(InvalidInputError, match=r"units=-130: must be a whole number >= 0"):
        STD_2351.requirements(-130)
    with pytest.raises(InvalidInputError, match=r"units=2.5: must be a whole number >= 0"):
        STD_2351.requirements(2.5)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match=r"role='judges': unknown role; expected one of"):
        STD_2351.units_needed("judges", 3)
    with pytest.raises(NotFoundError, match=r"role='judges': unknown role"):
        STD_2351.gaps({"A": {"judges": 3}})
    with pytest.raises(InvalidInputError, match=r"actual\['A'\]\['coaches'\]=-1: must be a whole"):
        STD_2351.gaps({"A": {"coaches": -1}})
    with pytest.raises(InvalidInputError, match=r"high=8: must be >= low=10"):
        RatioRule("bad", 10, 8)
    with pytest.raises(InvalidInputError, match=r"ratio bound=0: must be > 0"):
        RatioRule("bad", 0, 8)
    with pytest.raises(InvalidInputError, match=r"units\['A'\]=.*missing 'athletes'"):
        check_ratios({"A": {"coaches": 1}})
    with pytest.raises(NotFoundError, match=r"rule='B': no ratio rule given"):
        check_ratios({"B": (1, 8)}, {"A": TEAM_SPORTS})


def test_io_round_trip() -> None:
    io = pytest.importorskip("sportsgov.io")
    assert io.from_json(io.to_json(STD_2351), QuotaStandard) == STD_2351
    assert io.from_json(io.to_json(TEAM_SPORTS), RatioRule) == TEAM_SPORTS
    a = allocate_quota(12, {"A": 900, "B": 500, "C": 40, "D": 10}, floors=1)
    assert io.from_json(io.to_json(a), type(a)) == a
    with pytest.raises(InvalidInputError, match=r"per_unit\['coaches'\]=-2"):
        io.from_json('{"name": "x", "per_unit": {"coaches": -2}}', QuotaStandard)
