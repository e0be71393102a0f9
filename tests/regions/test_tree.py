"""Tests for sportsgov.regions.tree: the region hierarchy (and its files, with population)."""

from __future__ import annotations

import gzip
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.regions import PopulationTable, Region, RegionTree
from sportsgov.testing import region_trees

CITY = [
    {"code": "4101", "name": "郑州市", "level": "city", "parent": None, "settlement": "mixed"},
    {"code": "410102", "name": "中原区", "level": "区", "parent": "4101", "settlement": "城镇"},
    {"code": "410122", "name": "中牟县", "level": "县", "parent": "4101", "settlement": "rural"},
    {"code": "41010201", "name": "林山寨街道", "level": "街道", "parent": "410102"},
    {"code": "41010202", "name": "建设路街道", "level": "street", "parent": "410102"},
    {"code": "41012201", "name": "城关镇", "level": "镇", "parent": "410122"},
]


@pytest.fixture
def tree() -> RegionTree:
    return RegionTree.from_records(CITY)


# --------------------------------------------------------------------------- worked examples


def test_structure_and_lookup(tree: RegionTree) -> None:
    assert [r.code for r in tree.children("4101")] == ["410102", "410122"]
    assert [r.code for r in tree.descendants("410102")] == ["41010201", "41010202"]
    assert [r.code for r in tree.ancestors("41012201")] == ["410122", "4101"]
    assert [r.code for r in tree.leaves()] == ["41010201", "41010202", "41012201"]
    assert tree["中牟县"].code == "410122"
    assert tree["410102"].level == "district"
    assert tree["410122"].level == "county"
    assert tree["41012201"].level == "township"
    assert tree["410102"].settlement == "urban"
    assert tree["41010201"].settlement == "mixed"  # not given: mixed
    assert [r.code for r in tree.at_level("district")] == ["410102", "410122"]
    assert tree.ancestor_at("41010202", "county").code == "410102"  # same tier
    assert tree.is_within("41010202", "4101")
    assert not tree.is_within("4101", "41010202")
    assert tree.parent("4101") is None
    assert "410102" in tree and "nope" not in tree


def test_generic_district_or_county_level_accepted() -> None:
    t = RegionTree.from_records(
        [
            {"code": "A", "name": "City", "level": "city", "parent": ""},
            {"code": "B", "name": "X", "level": "district-or-county", "parent": "A"},
            {"code": "C", "name": "Y", "level": "street-or-township", "parent": "B"},
        ]
    )
    assert [r.level for r in t] == ["city", "district-or-county", "street-or-township"]
    assert [r.code for r in t.at_level("county")] == ["B"]


def test_input_order_does_not_matter(tree: RegionTree) -> None:
    shuffled = RegionTree.from_records(list(reversed(CITY)))
    assert shuffled.codes[0] == "4101"
    assert {r.code for r in shuffled} == {r.code for r in tree}
    # siblings keep their input order
    assert [c.code for c in shuffled.children("4101")] == ["410122", "410102"]
    assert [c.code for c in shuffled.children("410102")] == ["41010202", "41010201"]
    for r in tree:
        assert shuffled[r.code] == r


def test_roll_up_add_and_fill(tree: RegionTree) -> None:
    parts = {"41010201": 3, "41010202": 4, "410102": 10, "41012201": Fraction(1, 2)}
    totals = tree.roll_up(parts)
    assert totals["410102"] == 17  # own 10 + streets 3 + 4
    assert totals["410122"] == Fraction(1, 2)
    assert totals["4101"] == Fraction(35, 2)
    published = {"41010201": 3, "41010202": 4, "410102": 10}
    filled = tree.roll_up(published, how="fill")
    assert filled["410102"] == 10  # own total kept
    assert "410122" not in filled  # its township has no figure
    assert "4101" not in filled  # one district cannot be resolved


def test_csv_round_trip(tmp_path: Path, tree: RegionTree) -> None:
    tree.to_csv(tmp_path / "regions.csv")
    again = RegionTree.from_csv(tmp_path / "regions.csv")
    assert again == tree
    pop = PopulationTable({("410102", 2024): 5, ("410122", 2024): 7}, tree=tree)
    pop.to_csv(tmp_path / "population.csv")
    assert PopulationTable.from_csv(tmp_path / "population.csv", tree=tree) == pop
    raw = (tmp_path / "population.csv").read_bytes()
    (tmp_path / "population.csv.gz").write_bytes(gzip.compress(b"\xef\xbb\xbf" + raw))
    assert PopulationTable.from_csv(tmp_path / "population.csv.gz").get("410122", 2024) == 7


def test_round_trip_through_sportsgov_io(tree: RegionTree) -> None:
    from sportsgov.io import from_json, from_toml, to_json, to_toml

    assert from_json(to_json(tree), RegionTree) == tree
    assert from_toml(to_toml(tree), RegionTree) == tree
    assert from_json(to_json(tree["410102"]), Region) == tree["410102"]
    pop = PopulationTable({("41010201", 2024): 5, ("410122", 2023): 7}, tree=tree)
    again = from_toml(to_toml(pop), PopulationTable)
    assert again == pop and again.tree == tree
    assert again.get("410122", 2023) == 7


# --------------------------------------------------------------------------- properties


def _graph(tree: RegionTree) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(tree.codes)
    g.add_edges_from((r.parent, r.code) for r in tree if r.parent is not None)
    return g


@given(region_trees(max_size=25))
def test_structure_matches_networkx(tree: RegionTree) -> None:
    g = _graph(tree)
    assert nx.is_arborescence(g)
    for r in tree:
        assert {d.code for d in tree.descendants(r.code)} == nx.descendants(g, r.code)
        assert {a.code for a in tree.ancestors(r.code)} == nx.ancestors(g, r.code)
        assert [c.code for c in tree.children(r.code)] == [
            c for c in tree.codes if c in set(g.successors(r.code))
        ]
    leaves = {n for n in g if g.out_degree(n) == 0}
    assert {r.code for r in tree.leaves()} == leaves
    # topological order: parents before children
    position = {c: i for i, c in enumerate(tree.codes)}
    assert all(position[r.parent] < position[r.code] for r in tree if r.parent)


@given(region_trees(max_size=25), st.data())
def test_roll_up_brute_force(tree: RegionTree, data: st.DataObject) -> None:
    values = {
        c: data.draw(st.integers(-1000, 1000)) for c in tree.codes if data.draw(st.booleans())
    }
    totals = tree.roll_up(values)
    g = _graph(tree)
    for code in tree.codes:
        expected = values.get(code, 0) + sum(values.get(d, 0) for d in nx.descendants(g, code))
        assert totals[code] == expected
    arr = tree.roll_up_array([float(values.get(c, 0)) for c in tree.codes])
    assert arr.tolist() == [float(totals[c]) for c in tree.codes]


# --------------------------------------------------------------------------- bad input


def test_duplicate_code() -> None:
    with pytest.raises(DataError, match=r"row 2, field code: code='A': duplicate code"):
        RegionTree.from_records(
            [
                {"code": "A", "name": "City", "level": "city", "parent": None},
                {"code": "A", "name": "Again", "level": "district", "parent": None},
            ]
        )


def test_unknown_parent() -> None:
    with pytest.raises(DataError, match=r"row 2, field parent: parent='Z': unknown parent"):
        RegionTree.from_records(
            [
                {"code": "A", "name": "City", "level": "city", "parent": None},
                {"code": "B", "name": "East", "level": "district", "parent": "Z"},
            ]
        )


def test_cycle_named_with_its_path() -> None:
    with pytest.raises(
        DataError, match=r"cycle in the region hierarchy: (B -> C -> B|C -> B -> C)"
    ):
        RegionTree.from_records(
            [
                {"code": "A", "name": "City", "level": "city", "parent": None},
                {"code": "B", "name": "East", "level": "district", "parent": "C"},
                {"code": "C", "name": "West", "level": "district", "parent": "B"},
            ]
        )


def test_self_parent_and_level_order() -> None:
    with pytest.raises(DataError, match=r"row 1, field parent: parent='A': region 'A' cannot"):
        RegionTree.from_records([{"code": "A", "name": "City", "level": "city", "parent": "A"}])
    with pytest.raises(
        DataError, match=r"level='city': must be below its parent 'B' \(district\)"
    ):
        RegionTree.from_records(
            [
                {"code": "B", "name": "East", "level": "district", "parent": None},
                {"code": "A", "name": "City", "level": "city", "parent": "B"},
            ]
        )


def test_bad_level_settlement_and_missing_fields() -> None:
    with pytest.raises(DataError, match=r"row 1, field level: level='borough': expected one of"):
        RegionTree.from_records([{"code": "A", "name": "X", "level": "borough", "parent": None}])
    with pytest.raises(InvalidInputError, match=r"settlement='suburb': expected one of 'urban'"):
        Region("A", "X", "city", settlement="suburb")
    with pytest.raises(DataError, match=r"row 1, field name: name=None: is required"):
        RegionTree.from_records([{"code": "A", "level": "city"}])
    with pytest.raises(DataError, match=r"row 1: expected a mapping"):
        RegionTree.from_records(["A,City,city"])  # type: ignore[list-item]


def test_unknown_and_ambiguous_lookup() -> None:
    t = RegionTree.from_records(
        [
            {"code": "A", "name": "City", "level": "city", "parent": None},
            {"code": "B", "name": "新华区", "level": "district", "parent": "A"},
            {"code": "C", "name": "新华区", "level": "district", "parent": "A"},
        ]
    )
    with pytest.raises(NotFoundError, match=r"region='Z': unknown region code or name"):
        t["Z"]
    with pytest.raises(
        NotFoundError, match=r"name is ambiguous, use a code \(one of \['B', 'C'\]\)"
    ):
        t["新华区"]
    with pytest.raises(NotFoundError, match="unknown region"):
        t.roll_up({"Z": 1})
    with pytest.raises(InvalidInputError, match=r"how='sum': expected one of 'add', 'fill'"):
        t.roll_up({}, how="sum")  # type: ignore[arg-type]


def test_csv_errors_name_file_and_row(tmp_path: Path) -> None:
    p = tmp_path / "regions.csv"
    p.write_text("code,name,level,parent\nA,City,city,\nB,East,nowhere,A\n", encoding="utf-8")
    # the spreadsheet's row numbers: header = row 1
    with pytest.raises(DataError, match=r"regions.csv, row 3, field level: level='nowhere'"):
        RegionTree.from_csv(p)
    p.write_text("code,name,parent\nA,City,\n", encoding="utf-8")
    with pytest.raises(
        DataError,
        match=r"regions.csv, row 1: missing column level \(级别, 层级, 区划级别\)",
    ):
        RegionTree.from_csv(p)
    with pytest.raises(NotFoundError, match="file not found"):
        RegionTree.from_csv(tmp_path / "absent.csv")


def test_load_by_suffix(tmp_path: Path, tree: RegionTree) -> None:
    from sportsgov.io import dump

    dump(tree, tmp_path / "regions.json")
    tree.to_csv(tmp_path / "regions.csv")
    assert RegionTree.load(tmp_path / "regions.json") == tree
    assert RegionTree.load(tmp_path / "regions.csv") == tree
    pop = PopulationTable({("410102", 2024): 9})
    dump(pop, tmp_path / "population.toml")
    loaded = PopulationTable.load(tmp_path / "population.toml", tree=tree)
    assert loaded.tree is tree
    assert loaded.get("410102", 2024) == 9
    with pytest.raises(InvalidInputError, match=r"path='regions.parquet': expected a .csv"):
        RegionTree.load(tmp_path / "regions.parquet")
    tree.to_frame().to_excel(tmp_path / "regions.xlsx", index=False)  # a workbook reads too
    assert RegionTree.load(tmp_path / "regions.xlsx") == tree


def test_missing_year_of_a_parent_names_the_years_its_children_give() -> None:
    tree = RegionTree([Region("C", "City", "city"), Region("D", "East", "district", "C")])
    table = PopulationTable({("D", 2022): 10, ("D", 2023): 11}, tree=tree)
    with pytest.raises(DataError, match=r"region='C' year=2024: .*known years: 2022, 2023\)"):
        table.get("C", 2024)


# -- silent nonsense refused (hardening) -----------------------------------------------


@pytest.mark.parametrize(
    ("figures", "pattern"),
    [
        (
            {("A", 2024): 1, (" A", 2024): 2},
            r"^field region: figures=\(' A', 2024\): duplicate of \('A', 2024\) "
            r"\(both are region='A' year=2024\); give each figure once$",
        ),
        (
            {("A", 2024): 1, ("A", "2024"): 2},
            r"figures=\('A', '2024'\): duplicate of \('A', 2024\)",
        ),
    ],
)
def test_population_keys_equal_after_normalising_are_refused(
    figures: dict[tuple[str, object], int], pattern: str
) -> None:
    with pytest.raises(DataError, match=pattern):
        PopulationTable(figures)  # type: ignore[arg-type]


def test_population_records_equal_after_normalising_name_both_rows() -> None:
    records = [
        {"region": "A", "year": 2024, "population": 1},
        {"region": " A", "year": "2024", "population": 2},
    ]
    with pytest.raises(
        DataError, match=r"^row 2, field region: .*duplicate figure \(first seen in row 1\)$"
    ):
        PopulationTable.from_records(records)


def test_a_50000_region_cycle_is_named_not_a_hang() -> None:
    # a cycle of 50,000 regions behind a tail of 1,000: the old walk was quadratic
    n = 50_000
    records = [{"code": "C", "name": "c", "level": "city", "parent": ""}]
    records += [
        {"code": f"R{i}", "name": f"r{i}", "level": "district", "parent": f"R{(i + 1) % n}"}
        for i in range(n)
    ]
    records += [
        {"code": f"T{i}", "name": "t", "level": "district", "parent": f"T{i + 1}"}
        for i in range(999)
    ]
    records.append({"code": "T999", "name": "t", "level": "district", "parent": "R0"})
    with pytest.raises(DataError) as e:
        RegionTree.from_records(records)
    msg = str(e.value)
    assert msg.startswith("row 2, field parent: cycle in the region hierarchy: R0 -> R1 -> R2 -> ")
    assert msg.endswith("-> R49998 -> R49999 -> R0 (50000 regions)")
    # an independent check of the cycle: networkx finds the same one
    graph = nx.DiGraph((r["code"], r["parent"]) for r in records if r["parent"])
    assert len(nx.find_cycle(graph, "T0")) == n


def test_a_short_cycle_is_named_in_full() -> None:
    records = [
        {"code": "A", "name": "a", "level": "district", "parent": "B"},
        {"code": "B", "name": "b", "level": "district", "parent": "A"},
    ]
    with pytest.raises(
        DataError, match=r"^row 1, field parent: cycle in the region hierarchy: A -> B -> A$"
    ):
        RegionTree.from_records(records)


def test_population_of_5000_digits_is_refused_naming_the_bound() -> None:
    with pytest.raises(
        DataError, match=r"^row 1, field population: .*must have at most 100 digits$"
    ):
        PopulationTable.from_records([{"region": "A", "year": 2024, "population": "9" * 5000}])


@pytest.mark.parametrize("population", [2**70, 10**15 + 1, "1000000000000001"])
def test_population_beyond_1e15_is_refused(population: object) -> None:
    with pytest.raises(
        DataError, match=r"field population: population=.*: must be <= 1e\+15 people$"
    ):
        PopulationTable.from_records([{"region": "A", "year": 2024, "population": population}])
