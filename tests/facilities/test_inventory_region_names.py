"""Region names in bureau files: ``Inventory`` and ``PopulationTable`` loaders with ``tree=``.

A district or street written by its name (所属区县 = 中原区) is stored as its code;
names and codes may be mixed; an ambiguous name names the file, row, field and
candidates. Oracle: the tree's own ``find()`` / ``index()`` and hand-written
expectations; a table written with names loads equal to the same table with codes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.regions.named_regions import REGIONS

from sportsgov.errors import DataError
from sportsgov.facilities import Inventory
from sportsgov.regions import PopulationTable, RegionTree

#: codes whose name is unique in the tree (the oracle: the tree's own find())
UNIQUE = ["990100", "990102", "990121", "990102001", "990103001", "980100"]
HEADER = ["编号", "场地名称", "场地类型", "所属区县", "面积(平方米)", "建成日期"]


@pytest.fixture
def tree() -> RegionTree:
    return RegionTree.from_records(REGIONS)


def _gbk(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if title:
        writer.writerow(["清河市体育场地统计表（2024年）"])
        writer.writerow(["填报单位：清河市体育局"])
    writer.writerows([HEADER, *rows])
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["清河市体育场地统计表（2024年）"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


ROWS = [
    ["F1", "北园篮球场", "篮球场", "中原区", 420, "2020/3/1"],
    ["F2", "南湖游泳馆", "游泳馆", "990102", 1250, "2021/5/1"],
    ["F3", "文化路健身路径", "全民健身路径", "文化路街道", 300, "2019/1/1"],
    ["F4", "友谊路足球场", "足球场", "清河市新华区友谊路街道", 7140, "2018/9/1"],
    ["F5", "新华区体育馆", "体育馆", "新华区（清河市）", 3000, "2017/9/1"],
    ["F6", "山里县篮球场", "篮球场", " 山里县　", 420, "2016/9/1"],
]
EXPECTED = ["990102", "990102", "990102001", "990103001", "990103", "990121"]


def _regions(inv: Inventory) -> list[str]:
    return [inv.region_codes[i] for i in inv.region.tolist()]


@pytest.mark.parametrize("fmt", ["gbk", "xlsx"])
def test_names_and_codes_mixed_load_as_codes(tmp_path: Path, tree: RegionTree, fmt: str) -> None:
    path = (
        _gbk(tmp_path / "场地.csv", ROWS) if fmt == "gbk" else _xlsx(tmp_path / "场地.xlsx", ROWS)
    )
    inv = Inventory.from_file(path, tree=tree)
    assert _regions(inv) == EXPECTED
    assert len(set(inv.region_codes)) == len(inv.region_codes)  # a name and its code: one
    assert all(code in tree for code in inv.region_codes)
    # the roll-up sees the named facilities: 中原区 = F1 + F2 + F3 (its street)
    assert inv.total_area(region="990102").magnitude == pytest.approx(420 + 1250 + 300)


@pytest.mark.parametrize("fmt", ["gbk", "xlsx"])
def test_ambiguous_name_names_file_row_field_and_candidates(
    tmp_path: Path, tree: RegionTree, fmt: str
) -> None:
    rows = [*ROWS[:2], ["F9", "新华篮球场", "篮球场", "新华区", 420, "2020/3/1"]]
    path = (
        _gbk(tmp_path / "场地.csv", rows) if fmt == "gbk" else _xlsx(tmp_path / "场地.xlsx", rows)
    )
    row = 6 if fmt == "gbk" else 5  # two title rows in the CSV, one in the workbook
    candidates = sorted(r.code for r in tree.find("新华区"))
    with pytest.raises(DataError) as info:
        Inventory.from_file(path, tree=tree)
    message = str(info.value)
    assert message.startswith(f"{path.name}, row {row}, field region: region='新华区': ")
    assert "name is ambiguous" in message
    for code in candidates:
        parent = tree.parent(code)
        assert parent is not None and f"{code} (in {parent.name})" in message
    assert info.value.row == row and info.value.field == "region"
    # collect mode: the other rows load, the ambiguous one is reported
    result = Inventory.from_file(path, tree=tree, errors="collect")
    assert _regions(result.inventory) == ["990102", "990102"]
    assert [e.row for e in result.errors] == [row]


def test_unknown_name_is_not_a_region(tmp_path: Path, tree: RegionTree) -> None:
    path = _gbk(tmp_path / "场地.csv", [["F1", "x", "篮球场", "中原", 420, "2020/3/1"]])
    with pytest.raises(
        DataError,
        match=r"^场地\.csv, row 4, field region: region='中原': not a region of the tree",
    ):
        Inventory.from_file(path, tree=tree)


def test_without_a_tree_names_stay_text_and_a_later_tree_says_how(
    tmp_path: Path, tree: RegionTree
) -> None:
    inv = Inventory.from_file(_gbk(tmp_path / "场地.csv", ROWS[:1]))
    assert inv.region_codes == ("中原区",)
    with pytest.raises(
        DataError, match=r"region='中原区': not a region of the tree \(the name of "
    ):
        inv.total_area(tree=tree, by="region")
    with pytest.raises(DataError, match="give tree= when loading to resolve names to codes"):
        inv.total_area(tree=tree, by="region")


def test_from_records_and_from_arrays_resolve_names(tree: RegionTree) -> None:
    records = [
        {"id": f"F{i}", "kind": "gym", "region": cell, "area": 10}
        for i, cell in enumerate(["中原区", "990102", "友谊路街道"])
    ]
    assert _regions(Inventory.from_records(records, tree=tree)) == [
        "990102",
        "990102",
        "990103001",
    ]
    arrays = Inventory.from_arrays(
        id=np.arange(3),
        kind=np.array(["gym"] * 3),
        region=np.array(["中原区", "990102", "友谊路街道"]),
        area=np.ones(3),
        opened=None,
        closed=None,
        tree=tree,
    )
    assert arrays.region_codes == ("990102", "990103001")
    assert arrays.region.tolist() == [0, 0, 1]
    with pytest.raises(
        DataError, match=r"^row 2, field region: region='新华区': name is ambiguous"
    ):
        Inventory.from_arrays(
            id=np.arange(2),
            kind=np.array(["gym"] * 2),
            region=np.array(["中原区", "新华区"]),
            area=np.ones(2),
            opened=None,
            closed=None,
            tree=tree,
        )


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(UNIQUE), st.booleans(), st.integers(1, 9000)),
        min_size=1,
        max_size=15,
    )
)
def test_a_table_with_codes_and_the_same_with_names_load_equal(
    rows: list[tuple[str, bool, int]],
) -> None:
    tree = RegionTree.from_records(REGIONS)

    def text(cells: list[list[object]]) -> io.BytesIO:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows([HEADER, *cells])
        return io.BytesIO(buffer.getvalue().encode("gbk"))

    def cells(named: bool) -> list[list[object]]:
        return [
            [f"F{i}", "", "篮球场", tree[code].name if named and use else code, area, "2020/3/1"]
            for i, (code, use, area) in enumerate(rows)
        ]

    with_codes = Inventory.from_file(text(cells(False)), tree=tree)
    with_names = Inventory.from_file(text(cells(True)), tree=tree)
    assert _regions(with_names) == _regions(with_codes) == [code for code, _, _ in rows]
    assert sorted(with_names.region_codes) == sorted(with_codes.region_codes)
    assert with_names.area.tolist() == with_codes.area.tolist()
    pop_codes = PopulationTable.from_file(
        io.StringIO("地区,年份,常住人口\n" + "".join(f"{c},2024,{a}\n" for c, _, a in rows[:1])),
        tree=tree,
    )
    pop_names = PopulationTable.from_file(
        io.StringIO(
            "地区,年份,常住人口\n" + "".join(f"{tree[c].name},2024,{a}\n" for c, _, a in rows[:1])
        ),
        tree=tree,
    )
    assert pop_names == pop_codes


def test_population_names_in_a_gbk_file(tmp_path: Path, tree: RegionTree) -> None:
    path = tmp_path / "人口.csv"
    text = (
        "清河市常住人口（2024年末）\n地区,年份,常住人口(万人)\n"
        "中原区,2024,72.5\n990103,2024,30\n山里县,2024,12\n"
    )
    path.write_bytes(text.encode("gbk"))
    pop = PopulationTable.from_file(path, tree=tree)
    assert pop.figures == {
        ("990102", 2024): 725_000,
        ("990103", 2024): 300_000,
        ("990121", 2024): 120_000,
    }
    assert pop.get("990100", 2024) == 1_145_000
    path.write_bytes((text + "新华区,2023,1\n").encode("gbk"))
    with pytest.raises(
        DataError,
        match=r"^人口\.csv, row 6, field region: region='新华区': name is ambiguous: "
        r"990103 \(in 清河市\), 980105 \(in 河东市\)",
    ):
        PopulationTable.from_file(path, tree=tree)
    path.write_bytes((text + "中原,2023,1\n").encode("gbk"))
    with pytest.raises(DataError, match=r"row 6, field region: region='中原': unknown region"):
        PopulationTable.from_file(path, tree=tree)
    # a name and its code for the same year are one figure given twice
    path.write_bytes((text + "990102,2024,1\n").encode("gbk"))
    with pytest.raises(DataError, match=r"row 6, field region: region='990102' year=2024: dup"):
        PopulationTable.from_file(path, tree=tree)
