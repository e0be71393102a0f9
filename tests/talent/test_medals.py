"""sportsgov.talent.medals: medal tables, gold-first / total rankings, 1224 ties, deltas."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import InvalidInputError, NotFoundError
from sportsgov.talent import Medals, MedalTable
from sportsgov.testing import medal_tables

# 2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03 (Jiaozuo):
# 杭州亚运会我市培养输送的4名运动健儿夺得3金2银2铜,
# 全国第一届学青会我市24名运动员参赛，获得10金3银2铜.
ASIAN_GAMES = [
    # 女篮 张茹, 女足 姜佳惠, 空手道 丁佳美, 游泳 王浩宇 — the split by athlete is not in the
    # source; only the totals 3 gold, 2 silver, 2 bronze are. Rows here are per medal.
    {"unit": "Jiaozuo", "gold": 1},
    {"unit": "Jiaozuo", "gold": 1},
    {"unit": "Jiaozuo", "gold": 1},
    {"unit": "Jiaozuo", "silver": 2},
    {"unit": "Jiaozuo", "bronze": 2},
]


def test_jiaozuo_asian_games_totals() -> None:
    t = MedalTable.from_records(ASIAN_GAMES, name="第十九届亚运会 (Hangzhou 2023)")
    assert t.medals("Jiaozuo").as_tuple() == (3, 2, 2)
    assert t.totals.total == 7


def test_jiaozuo_youth_games_totals() -> None:
    t = MedalTable({"Jiaozuo": Medals(10, 3, 2)}, name="第一届全国学生(青年)运动会")
    assert t.totals.as_tuple() == (10, 3, 2) and t.totals.total == 15


def test_gold_first_and_total_orders() -> None:
    t = MedalTable({"A": (1, 0, 0), "B": (0, 5, 5), "C": (1, 0, 0), "D": (0, 5, 6)})
    assert [(r.rank, r.unit) for r in t.ranking()] == [(1, "A"), (1, "C"), (3, "D"), (4, "B")]
    assert [(r.rank, r.unit) for r in t.ranking("total")] == [
        (1, "D"),
        (2, "B"),
        (3, "A"),
        (3, "C"),
    ]
    assert t.rank_of("C") == 1 and t.rank_of("B", "total") == 2


def _brute_rank(table: MedalTable, unit: str) -> int:
    """1 + number of units strictly better by gold, then silver, then bronze."""
    me = table.entries[unit]
    better = 0
    for other in table.entries.values():
        if (other.gold > me.gold) or (
            other.gold == me.gold
            and (
                other.silver > me.silver
                or (other.silver == me.silver and other.bronze > me.bronze)
            )
        ):
            better += 1
    return better + 1


@given(medal_tables(shared=True))
def test_ranking_matches_brute_force_and_is_total_order(table: MedalTable) -> None:
    ranks = table.ranking()
    assert sorted(r.unit for r in ranks) == sorted(table.entries)
    for r in ranks:
        assert r.rank == _brute_rank(table, r.unit)
    # consistent with gold-first: a listed-before unit is never worse
    for a, b in itertools.pairwise(ranks):
        ka, kb = MedalTable.sort_key(a.medals), MedalTable.sort_key(b.medals)
        assert ka <= kb
        assert (a.rank == b.rank) == (ka == kb)
        assert ka != kb or a.unit < b.unit  # ties listed by code: a total order


@given(medal_tables(), medal_tables())
def test_delta_adds_back(new: MedalTable, old: MedalTable) -> None:
    for d in new.delta(old):
        now = new.entries.get(d.unit, Medals())
        then = old.entries.get(d.unit, Medals())
        assert then.gold + d.gold == now.gold
        assert then.silver + d.silver == now.silver
        assert then.bronze + d.bronze == now.bronze
        assert Fraction(then.total) + d.total == now.total
        assert (d.rank_after is None) == (d.unit not in new.entries)


def test_delta_between_editions() -> None:
    old = MedalTable({"Jiaozuo": (6, 4, 1), "Luoyang": (8, 2, 3)}, name="13th")
    new = MedalTable({"Jiaozuo": (9, 5, 2), "Luoyang": (7, 6, 3), "Xinxiang": (1, 0, 0)})
    d = {x.unit: x for x in new.delta(old)}
    assert (d["Jiaozuo"].gold, d["Jiaozuo"].total) == (3, 5)
    assert (d["Jiaozuo"].rank_before, d["Jiaozuo"].rank_after) == (2, 1)
    assert d["Xinxiang"].rank_before is None and d["Xinxiang"].rank_after == 3
    assert d["Luoyang"].gold == -1


def test_from_places_and_shared_counts() -> None:
    t = MedalTable.from_places([("A", 1), ("B", 2), ("A", 3), ("C", 4)])
    assert t.medals("C").total == 0
    shared = MedalTable({"A": ("1/2", 0, 0), "B": ("1/2", 0, 0)})
    assert shared.totals.gold == 1
    assert [r.rank for r in shared.ranking()] == [1, 1]


def test_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"medals=-1: must be >= 0"):
        MedalTable({"A": (-1, 0, 0)})
    with pytest.raises(InvalidInputError, match=r"entries\['A'\]=.*expected Medals"):
        MedalTable({"A": (1, 2)})
    with pytest.raises(InvalidInputError, match=r"entries\['A'\]=.*keys must be gold"):
        MedalTable({"A": {"gold": 1, "platinum": 2}})
    with pytest.raises(InvalidInputError, match=r"place=0: must be an int >= 1"):
        MedalTable.from_places([("A", 0)])
    with pytest.raises(
        InvalidInputError, match=r"order='silver': expected one of 'gold', 'total'"
    ):
        MedalTable({"A": (1, 0, 0)}).ranking("silver")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match=r"unit='Z': not in this medal table"):
        MedalTable({"A": (1, 0, 0)}).rank_of("Z")
    with pytest.raises(InvalidInputError, match=r"records\[1\]=.*missing key 'unit'"):
        MedalTable.from_records([{"gold": 1}])
    with pytest.raises(InvalidInputError, match=r"medals=nan: .*finite"):
        Medals(float("nan"))


def test_from_csv_and_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sportsgov.errors import DataError

    good = tmp_path / "m.csv"
    good.write_text(
        "unit,gold,silver,bronze\nJiaozuo,3,2,2\nLuoyang,1,,0\nJiaozuo,0.5,0,0\n", encoding="utf-8"
    )
    t = MedalTable.from_csv(good)
    assert t.medals("Jiaozuo").gold == Fraction(7, 2) and t.medals("Luoyang").silver == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,gold,silver,bronze\nA,1,-2,0\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.csv, row 2, field silver: silver=-2: must be >= 0"):
        MedalTable.from_csv(bad)
    text = tmp_path / "text.csv"
    text.write_text("unit,gold,silver,bronze\nA,one,0,0\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 2, field gold: gold='one'"):
        MedalTable.from_csv(text)


@given(st.from_type(MedalTable))
def test_registered_strategy_builds_valid_tables(table: MedalTable) -> None:
    # st.from_type works through the hypothesis entry point (sportsgov.testing)
    ranks = [r.rank for r in table.ranking("total")]
    assert ranks == sorted(ranks) and all(r >= 1 for r in ranks)


def test_io_round_trip() -> None:
    io = pytest.importorskip("sportsgov.io")
    t = MedalTable({"Jiaozuo": (10, 3, 2), "B": ("1/2", 0, 1)}, name="学青会", source="001")
    assert io.from_json(io.to_json(t), MedalTable) == t
    assert io.from_toml(io.to_toml(t), MedalTable) == t
