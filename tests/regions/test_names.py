"""Tests for ``sportsgov.regions._names``: region cells written as names resolve to codes.

Oracle: the tree's own ``find()`` (which regions carry a name) and ``ancestors()``,
and hand-written expectations.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.tables import read_table
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.regions import PopulationTable, RegionTree
from sportsgov.regions._names import RegionNames, name_hint

# Two cities, each with a 新华区 (as 石家庄 and 沧州 have), and streets below.
TWO_CITIES = [
    {"code": "990100", "name": "清河市", "level": "city"},
    {"code": "990102", "name": "中原区", "level": "district", "parent": "990100"},
    {"code": "990103", "name": "新华区", "level": "district", "parent": "990100"},
    {"code": "990102001", "name": "文化路街道", "level": "street", "parent": "990102"},
    {"code": "990103001", "name": "文化路街道", "level": "street", "parent": "990103"},
    {"code": "980100", "name": "河东市", "level": "city"},
    {"code": "980105", "name": "新华区", "level": "district", "parent": "980100"},
    {"code": "980105001", "name": "East Road", "level": "street", "parent": "980105"},
]


@pytest.fixture
def tree() -> RegionTree:
    return RegionTree.from_records(TWO_CITIES)


def test_codes_and_unique_names(tree: RegionTree) -> None:
    names = RegionNames(tree)
    assert names.code("990102") == "990102"
    assert names.code("中原区") == "990102"
    # the tree's own lookup agrees for every unique name
    for region in tree:
        if len(tree.find(region.name)) == 1:
            assert names.code(region.name) == tree[region.name].code == region.code


def test_the_readers_normalisation_applies(tree: RegionTree) -> None:
    names = RegionNames(tree)
    # full-width, blanks inside, ideographic space, case: the fold of header/kind lookups
    assert names.code("中原　区") == "990102"
    assert names.code("ＥＡＳＴ  road") == "980105001"
    assert names.code("９９０１０２") == "990102"  # a code typed full-width


def test_qualified_names(tree: RegionTree) -> None:
    names = RegionNames(tree)
    assert names.code("河东市新华区") == "980105"
    assert names.code("清河市新华区") == "990103"
    assert names.code("新华区（河东市）") == "980105"
    assert names.code("新华区(清河市)") == "990103"
    assert names.code("中原区文化路街道") == "990102001"
    assert names.code("清河市中原区文化路街道") == "990102001"
    assert names.code("文化路街道（新华区）") == "990103001"
    assert names.code("文化路街道(清河市新华区)") == "990103001"
    # a qualifier that is not an ancestor does not resolve
    with pytest.raises(InvalidInputError, match="not a region of the tree"):
        names.code("河东市中原区")


def test_ambiguous_name_lists_codes_with_parents(tree: RegionTree) -> None:
    names = RegionNames(tree)
    expected = sorted(r.code for r in tree.find("新华区"))
    assert expected == ["980105", "990103"]
    with pytest.raises(InvalidInputError) as info:
        names.code("新华区")
    message = str(info.value)
    assert message.startswith("region='新华区': name is ambiguous: ")
    assert "990103 (in 清河市)" in message and "980105 (in 河东市)" in message
    assert "write the code or qualify the name" in message
    assert names.find("新华区") is None
    # 文化路街道 twice in 清河市: the city alone does not settle it
    with pytest.raises(
        InvalidInputError, match=r"990102001 \(in 中原区\), 990103001 \(in 新华区\)"
    ):
        names.code("清河市文化路街道")


def test_unknown_and_custom_message(tree: RegionTree) -> None:
    names = RegionNames(tree)
    with pytest.raises(
        InvalidInputError,
        match=r"^region='中原': not a region of the tree \(neither a code nor a name\)$",
    ):
        names.code("中原")
    with pytest.raises(InvalidInputError, match=r"^region='X': unknown region$"):
        names.code("X", "unknown region")


def test_unknown_and_ambiguous_stay_not_found_errors_in_population_tables(
    tree: RegionTree,
) -> None:
    # PopulationTable(tree=...) raised NotFoundError (a LookupError) for an unknown or
    # shared name before names went through RegionNames; callers catching it still must
    with pytest.raises(NotFoundError, match=r"region='X': unknown region code or name"):
        PopulationTable(figures={("X", 2024): 1}, tree=tree)
    with pytest.raises(NotFoundError, match=r"region='新华区': name is ambiguous"):
        PopulationTable(figures={("新华区", 2024): 1}, tree=tree)
    with pytest.raises(LookupError):
        RegionNames(tree).code("X")


def test_name_hint(tree: RegionTree) -> None:
    assert "give tree= when loading" in name_hint(tree, "中原区")
    assert "'990102'" in name_hint(tree, "中原区")
    assert name_hint(tree, "990102") == ""
    assert name_hint(tree, "新华区") == ""  # ambiguous: no single region to name


def test_tree_lookup_of_a_qualified_name_gives_the_hint(tree: RegionTree) -> None:
    # a calculator given a table loaded without tree= looks its regions up in the
    # tree: a qualified name is no key of the tree, and the error says how to load it
    from sportsgov.errors import NotFoundError

    with pytest.raises(NotFoundError) as info:
        tree.roll_up({"清河市中原区": 3}, how="fill")
    assert str(info.value) == (
        "region='清河市中原区': unknown region code or name (8 regions, e.g. '990100', "
        "'980100', '990102') (the name of region '990102': give tree= when loading to "
        "resolve names to codes)"
    )
    with pytest.raises(NotFoundError, match=r"e\.g\. '990100', '980100', '990102'\)$"):
        tree.index("中原")  # names no region: no hint


def test_recode_records_keeps_unknown_and_refuses_ambiguous(tree: RegionTree) -> None:
    names = RegionNames(tree)
    records = [{"region": "中原区"}, {"region": "city"}, {"region": ""}, {"region": 7}, "x", {}]
    out = names.recode_records(records, source="t.csv")
    assert out == [
        {"region": "990102"},
        {"region": "city"},
        {"region": ""},
        {"region": 7},
        "x",
        {},
    ]
    assert out[1] is records[1] and records[0] == {"region": "中原区"}  # unchanged: not copied
    records = [{"region": "中原区"}, {"region": "新华区"}, {"region": "新华区"}]
    with pytest.raises(DataError) as info:
        names.recode_records(records, source="t.csv")
    assert (info.value.source, info.value.row, info.value.field) == ("t.csv", 2, "region")
    assert "name is ambiguous: 990103 (in 清河市), 980105 (in 河东市)" in str(info.value)


def test_recode_keeps_unknown_and_refuses_ambiguous(tree: RegionTree) -> None:
    raw = read_table(
        io.StringIO(
            "学校名称,所属区县,教练员人数,运动员人数\nS1,中原区,1,2\nS2,city,1,2\nS3,,1,2\n"
        ),
        table="schools",
        source="schools.csv",
    )
    out = RegionNames(tree).recode(raw)
    assert out.fields["region"] == ("990102", "city", "")
    unchanged = read_table(
        io.StringIO("学校名称,所属区县,教练员,运动员\nS1,990102,1,2\n"), table="schools"
    )
    assert RegionNames(tree).recode(unchanged) is unchanged
    bad = read_table(
        io.StringIO(
            "标题\n学校名称,所属区县,教练员,运动员\n"
            "S1,中原区,1,2\nS2,新华区,1,2\nS3,文化路街道,1,2\nS4,新华区 ,1,2\n"
        ),
        table="schools",
        source="s.csv",
    )
    with pytest.raises(DataError, match=r"^s\.csv, row 4, field region: region='新华区': name is"):
        RegionNames(tree).recode(bad)


@given(st.lists(st.sampled_from([r["code"] for r in TWO_CITIES]), min_size=1, max_size=12))
def test_every_region_resolves_by_its_code_or_its_qualified_name(codes: list[str]) -> None:
    tree = RegionTree.from_records(TWO_CITIES)
    names = RegionNames(tree)
    for code in codes:
        region = tree[code]
        chain = "".join(r.name for r in reversed(tree.ancestors(code)))
        assert names.code(code) == code
        # the full ancestor chain always settles it in this tree
        assert names.code(chain + region.name) == code
        if len(tree.find(region.name)) == 1:
            assert names.code(region.name) == code
