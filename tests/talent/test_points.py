"""sportsgov.talent.points: Games points, shared credit, extra credit, 输送 delivery credit."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.talent import ExtraCredit, GamesPoints, GamesResult
from sportsgov.testing import games_points, games_results

NINE = GamesPoints([9, 7, 6, 5, 4, 3, 2, 1])  # a common table; a parameter, not a constant


def test_points_per_place() -> None:
    assert [NINE.points_for(p) for p in range(1, 10)] == [9, 7, 6, 5, 4, 3, 2, 1, 0]
    relay = GamesPoints([9, 7, 6, 5, 4, 3, 2, 1], multipliers={"relay": 2})
    assert relay.points_for(1, "relay") == 18 and relay.points_for(1) == 9


def test_shared_credit_half_half() -> None:
    # Rules of the 12th National Games (第十二届全国运动会), 2013, as reported in secondary
    # sources: an athlete shared by two units is credited 0.5/0.5.
    s = NINE.score([GamesResult("400m", 1, {"Henan": "0.5", "PLA": "0.5"})])
    assert s.points == {"Henan": Fraction(9, 2), "PLA": Fraction(9, 2)}
    assert s.medals.medals("Henan").gold == Fraction(1, 2)
    assert s.medals.totals.gold == 1


def test_olympic_gold_counts_double() -> None:
    # Rules of the 12th National Games (第十二届全国运动会), 2013, as reported in secondary
    # sources: an Olympic gold counted as two Games golds.
    rules = GamesPoints(
        [9, 7, 6, 5, 4, 3, 2, 1],
        extra=[ExtraCredit("olympic", 2, source="12th National Games rules (2013)")],
    )
    s = rules.score(
        [
            GamesResult("London 2012 diving", 1, "Henan", level="olympic"),
            GamesResult("London 2012 judo", 2, "Henan", level="olympic"),  # silver: not doubled
            GamesResult("100m", 1, "Hubei"),
        ]
    )
    assert s.medals.medals("Henan").as_tuple() == (2, 1, 0)
    assert s.points["Henan"] == 2 * 9 + 7
    assert [r.unit for r in s.medals.ranking()] == ["Henan", "Hubei"]
    only_medals = GamesPoints([9], extra=[ExtraCredit("olympic", 2, applies_to="medals")])
    s2 = only_medals.score([GamesResult("x", 1, "A", level="olympic")])
    assert (s2.medals.medals("A").gold, s2.points["A"]) == (2, 9)


def test_delivery_credit_jiaozuo_asian_games() -> None:
    # 2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03: 4 athletes trained and
    # delivered (培养输送) by Jiaozuo
    # won 3 gold, 2 silver, 2 bronze at the Hangzhou Asian Games; the city honoured the
    # grassroots units that delivered them. The per-athlete split is not in the source, so
    # the medals here are attributed to placeholder grassroots units.
    results = [
        GamesResult("basketball", 1, "China", kind="team", trained_by="unit 1"),
        GamesResult("football", 1, "China", kind="team", trained_by="unit 2"),
        GamesResult("karate", 1, "China", trained_by="unit 3"),
        GamesResult("swim A", 2, "China", trained_by="unit 4"),
        GamesResult("swim B", 2, "China", trained_by="unit 4"),
        GamesResult("swim C", 3, "China", trained_by="unit 4"),
        GamesResult("swim D", 3, "China", trained_by="unit 4"),
    ]
    s = NINE.score(results)
    assert s.delivery_medals.totals.as_tuple() == (3, 2, 2)
    assert s.medals.totals.as_tuple() == (3, 2, 2)  # the representing tally is untouched
    assert s.delivery_medals.medals("unit 4").as_tuple() == (0, 2, 2)
    assert s.delivery_points["unit 4"] == 7 + 7 + 6 + 6
    halves = GamesPoints([9], delivery_share="1/2").score(results[:1])
    assert halves.delivery_points == {"unit 1": Fraction(9, 2)}
    off = GamesPoints([9], delivery_share=0).score(results[:1])
    assert off.delivery_points == {}
    both = s.ranking(with_delivery=True)
    assert both[0].unit == "China"


def test_relay_team_medal_counts_once() -> None:
    s = NINE.score([GamesResult("4x100m", 1, {"A": "3/4", "B": "1/4"}, kind="relay")])
    assert s.medals.totals.gold == 1
    assert s.points == {"A": Fraction(27, 4), "B": Fraction(9, 4)}


def _brute_points(rules: GamesPoints, results: list[GamesResult]) -> dict[str, Fraction]:
    out: dict[str, Fraction] = {}
    for r in results:
        table = list(rules.points) + [Fraction(0)] * 20
        pts = table[r.place - 1] * rules.multipliers[r.kind]
        for rule in rules.extra:
            if rule.level == r.level and r.place in rule.places and rule.applies_to != "medals":
                pts *= rule.factor
        for unit, share in r.units.items():
            out[unit] = out.get(unit, Fraction(0)) + pts * share
    return out


@given(games_points(), st.lists(games_results(), max_size=12))
def test_score_matches_brute_force_and_shares_sum_to_one(
    rules: GamesPoints, results: list[GamesResult]
) -> None:
    s = rules.score(results)
    brute = _brute_points(rules, results)
    assert s.points == brute
    for i, _ in enumerate(results):
        shares = [ln.share for ln in s.lines if ln.result == i and ln.tally == "representing"]
        assert sum(shares) == 1
    # every figure reconciles with its audit lines
    for unit, pts in s.points.items():
        assert pts == sum(ln.points for ln in s.lines if ln.unit == unit and
                          ln.tally == "representing")  # fmt: skip
    medals_in = sum(1 for r in results if r.place <= 3 and r.level == "games")
    counted = s.medals.totals
    if not rules.extra:
        assert counted.gold + counted.silver + counted.bronze == sum(
            1 for r in results if r.place <= 3
        )
    assert counted.gold + counted.silver + counted.bronze >= medals_in


def test_points_table_from_files(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("place,points\n2,7\n1,9\n3,6\n", encoding="utf-8")
    assert GamesPoints.from_file(tmp_path / "p.csv").points == (9, 7, 6)
    (tmp_path / "p.json").write_text(
        json.dumps({"points": [13, 11, 10], "multipliers": {"team": 2}, "name": "省运会"}),
        encoding="utf-8",
    )
    g = GamesPoints.from_file(tmp_path / "p.json")
    assert g.points_for(1, "team") == 26 and g.name == "省运会"
    (tmp_path / "p.toml").write_text('points = [9, 7, 6]\nname = "x"\n', encoding="utf-8")
    assert GamesPoints.from_file(tmp_path / "p.toml").points == (9, 7, 6)


def test_points_file_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("place,points\n1,9\nx,7\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.csv, row 2, field place: place='x'"):
        GamesPoints.from_file(tmp_path / "bad.csv")
    (tmp_path / "gap.csv").write_text("place,points\n1,9\n3,7\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"places \[2\] missing"):
        GamesPoints.from_file(tmp_path / "gap.csv")
    (tmp_path / "neg.csv").write_text("place,points\n1,-9\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"neg.csv, field points: points\[place 1\]=-9"):
        GamesPoints.from_file(tmp_path / "neg.csv")
    (tmp_path / "p.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DataError, match=r"expected a key 'points'"):
        GamesPoints.from_file(tmp_path / "p.json")
    with pytest.raises(NotFoundError, match=r"path=.*no such file"):
        GamesPoints.from_file(tmp_path / "none.csv")
    (tmp_path / "p.xlsx").write_text("", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"expected a .csv, .json or .toml file"):
        GamesPoints.from_file(tmp_path / "p.xlsx")


def test_bad_input() -> None:
    with pytest.raises(InvalidInputError, match=r"place=0: must be an int >= 1"):
        GamesResult("100m", 0, "A")
    with pytest.raises(InvalidInputError, match=r"place=-2: must be an int >= 1"):
        NINE.points_for(-2)
    with pytest.raises(InvalidInputError, match=r"units=.*shares sum to 0.9; must sum to exactly"):
        GamesResult("100m", 1, {"A": "0.5", "B": "0.4"})
    with pytest.raises(InvalidInputError, match=r"trained_by=.*shares sum to 1.2"):
        GamesResult("100m", 1, "A", trained_by={"X": "0.6", "Y": "0.6"})
    with pytest.raises(InvalidInputError, match=r"units\['B'\]=0: must be > 0"):
        GamesResult("100m", 1, {"A": 1, "B": 0})
    with pytest.raises(InvalidInputError, match=r"kind='mixed': expected one of 'individual'"):
        GamesResult("100m", 1, "A", kind="mixed")
    with pytest.raises(InvalidInputError, match=r"points\[place 2\]=-7: must be >= 0"):
        GamesPoints([9, -7])
    with pytest.raises(InvalidInputError, match=r"multipliers='mixed': keys must be"):
        GamesPoints([9], multipliers={"mixed": 2})
    with pytest.raises(InvalidInputError, match=r"applies_to='all': expected one of 'both'"):
        ExtraCredit("olympic", 2, applies_to="all")
    with pytest.raises(InvalidInputError, match=r"results\[0\]=.*expected a GamesResult"):
        NINE.score([("100m", 1, "A")])  # type: ignore[list-item]


def test_io_round_trip() -> None:
    io = pytest.importorskip("sportsgov.io")
    rules = GamesPoints(
        [9, 7, 6, 5, 4, 3, 2, 1],
        multipliers={"relay": 2},
        extra=[ExtraCredit("olympic", 2, source="2013 National Games rules")],
        delivery_share="1/2",
        name="全运会",
    )
    assert io.from_json(io.to_json(rules), GamesPoints) == rules
    res = GamesResult("400m", 1, {"A": "0.5", "B": "0.5"}, trained_by="C", athlete="张三")
    assert io.from_json(io.to_json(res), GamesResult) == res
    score = rules.score([res])
    again = io.from_json(io.to_json(score), type(score))
    assert again.points == score.points and again.lines == score.lines
    with pytest.raises(InvalidInputError, match=r"shares sum to 0\.9"):
        io.from_json('{"event": "x", "place": 1, "units": {"A": "0.9"}}', GamesResult)


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_from_file_directory_and_deep_nesting_are_data_errors(tmp_path: Path, suffix: str) -> None:
    (tmp_path / f"d{suffix}").mkdir()
    with pytest.raises(DataError, match=r"d\.(json|toml): cannot be read: Is a directory$"):
        GamesPoints.from_file(tmp_path / f"d{suffix}")
    deep = tmp_path / f"deep{suffix}"
    body = "[" * 100_000 + "]" * 100_000
    deep.write_text(body if suffix == ".json" else "points = " + body, encoding="utf-8")
    with pytest.raises(DataError, match=r"deep\.(json|toml): cannot parse: "):
        GamesPoints.from_file(deep)
