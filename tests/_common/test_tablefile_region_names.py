"""Region names in the standalone table loaders: ``RegionTableFile``'s ``tree=``.

The six tables with a region column (observations, instructors, schools, budget
lines, events, candidate projects) take ``tree=`` in ``from_file`` / ``from_csv`` /
``from_frame`` / ``from_records``: a cell naming a region is stored as its code, a
cell that is no region of the tree is kept as written, an ambiguous name is a
DataError naming the file, row and field. Oracle: the tree's own ``index()`` and
``find()`` and hand-written expectations; a table written with names loads equal to
the same table written with codes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.regions.named_regions import REGIONS

from sportsgov.assessment import Observation, ObservationTable, assess
from sportsgov.budget import BudgetLineTable, EventCatalog
from sportsgov.errors import DataError, NotFoundError
from sportsgov.planning import ProjectTable
from sportsgov.regions import RegionTree
from sportsgov.talent import InstructorTable, SchoolTable

# region cells as bureaus write them, and the codes they mean (hand-written)
CELLS = [
    "中原区",
    "990102",
    "文化路街道",
    "清河市新华区友谊路街道",
    "新华区（清河市）",
    " 山里县　",
    "全市",
]
EXPECTED = ["990102", "990102", "990102001", "990103001", "990103", "990121", "全市"]
AS_WRITTEN = [
    "中原区",
    "990102",
    "文化路街道",
    "清河市新华区友谊路街道",
    "新华区（清河市）",
    "山里县",
    "全市",
]

Row = Callable[[int, str], list[object]]
Regions = Callable[[Any], list[str]]

# class -> (Chinese header, row i with region cell, the regions of the loaded table)
TABLES: dict[type[Any], tuple[list[str], Row, Regions]] = {
    ObservationTable: (
        ["指标编号", "所属区县", "数值", "单位", "统计日期"],
        lambda i, region: ["mass-events", region, 10 + i, "场次", "2024-03-31"],
        lambda t: [o.region for o in t],
    ),
    InstructorTable: (
        ["所属区县", "年份", "社会体育指导员"],
        lambda i, region: [region, 2010 + i, 100 + i],
        lambda t: [r.region for r in t.rows],
    ),
    SchoolTable: (
        ["学校名称", "所属区县", "教练员", "运动员"],
        lambda i, region: [f"体校{i}", region, 2, 30 + i],
        lambda t: [r.region for r in t.rows],
    ),
    BudgetLineTable: (
        ["编号", "名称", "所属区县", "预算", "支出"],
        lambda i, region: [f"B{i}", "场地建设", region, "12.5万元", "0"],
        lambda t: [b.region for b in t.lines],
    ),
    EventCatalog: (
        ["日期", "赛事名称", "级别", "类别", "办赛模式", "费用", "所属区县"],
        lambda i, region: ["2024-03-01", f"赛事{i}", "city", "mass", "政府主办", "12万元", region],
        lambda t: [e.region for e in t.events],
    ),
    ProjectTable: (
        ["项目编号", "项目名称", "所属区县", "面积", "投资"],
        lambda i, region: [f"P{i}", "篮球场", region, 420, "94万元"],
        lambda t: [p.region for p in t.rows],
    ),
}
CLASSES = list(TABLES)


@pytest.fixture
def tree() -> RegionTree:
    return RegionTree.from_records(REGIONS)


def _rows(cls: type[Any], cells: list[str]) -> list[list[object]]:
    return [TABLES[cls][1](i, cell) for i, cell in enumerate(cells)]


def _gbk(path: Path, cls: type[Any], cells: list[str]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["清河市体育工作统计表（2024年）"])
    writer.writerow(["填报单位：清河市体育局"])
    writer.writerows([TABLES[cls][0], *_rows(cls, cells)])
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


def _xlsx(path: Path, cls: type[Any], cells: list[str]) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["清河市体育工作统计表（2024年）"])
    sheet.append(TABLES[cls][0])
    for row in _rows(cls, cells):
        sheet.append(row)
    book.save(path)
    return path


def _records(cls: type[Any], cells: list[str]) -> list[dict[str, object]]:
    header = [_FIELDS[cls][h] for h in TABLES[cls][0]]
    return [dict(zip(header, row, strict=True)) for row in _rows(cls, cells)]


_FIELDS: dict[type[Any], dict[str, str]] = {
    ObservationTable: {
        "指标编号": "target",
        "所属区县": "region",
        "数值": "value",
        "单位": "unit",
        "统计日期": "as_of",
    },
    InstructorTable: {"所属区县": "region", "年份": "year", "社会体育指导员": "instructors"},
    SchoolTable: {
        "学校名称": "school",
        "所属区县": "region",
        "教练员": "coaches",
        "运动员": "athletes",
    },
    BudgetLineTable: {
        "编号": "line",
        "名称": "name",
        "所属区县": "region",
        "预算": "budget",
        "支出": "spent",
    },
    EventCatalog: {
        "日期": "date",
        "赛事名称": "name",
        "级别": "level",
        "类别": "category",
        "办赛模式": "model",
        "费用": "cost",
        "所属区县": "region",
    },
    ProjectTable: {
        "项目编号": "id",
        "项目名称": "name",
        "所属区县": "region",
        "面积": "area_m2",
        "投资": "cost",
    },
}


def test_the_expectations_agree_with_the_trees_own_lookups(tree: RegionTree) -> None:
    # the oracle: a unique plain name is what the tree's index() finds; a qualified
    # one is the one region of that name under the qualifier (find())
    for cell, code in zip(CELLS, EXPECTED, strict=True):
        text = cell.strip()
        if text in tree or text == "全市":
            continue
        if len(tree.find(text)) == 1:
            assert tree.regions[tree.index(text)].code == code
    assert [r.code for r in tree.find("友谊路街道")] == ["990103001"]
    assert sorted(r.code for r in tree.find("新华区")) == ["980105", "990103"]
    assert tree.parent("990103") is not None and tree.parent("990103").name == "清河市"


@pytest.mark.parametrize("cls", CLASSES)
def test_gbk_csv_with_names_loads_codes(tmp_path: Path, tree: RegionTree, cls: type[Any]) -> None:
    path = _gbk(tmp_path / "表.csv", cls, CELLS)
    regions = TABLES[cls][2]
    assert regions(cls.from_file(path, tree=tree)) == EXPECTED
    assert regions(cls.from_csv(path, tree=tree)) == EXPECTED
    assert [r.strip() for r in regions(cls.from_file(path))] == AS_WRITTEN  # no tree: as written
    # the same table written with codes loads equal
    coded = _gbk(tmp_path / "codes.csv", cls, EXPECTED)
    assert cls.from_file(coded, tree=tree) == cls.from_file(path, tree=tree)


@pytest.mark.parametrize("cls", CLASSES)
def test_xlsx_with_a_title_row_loads_codes(
    tmp_path: Path, tree: RegionTree, cls: type[Any]
) -> None:
    path = _xlsx(tmp_path / "表.xlsx", cls, CELLS)
    assert TABLES[cls][2](cls.from_file(path, tree=tree)) == EXPECTED


@pytest.mark.parametrize("fmt", ["gbk", "xlsx"])
@pytest.mark.parametrize("cls", CLASSES)
def test_ambiguous_name_names_file_row_field_and_candidates(
    tmp_path: Path, tree: RegionTree, cls: type[Any], fmt: str
) -> None:
    cells = ["中原区", "990102", "新华区", "新华区"]
    path = (
        _gbk(tmp_path / "表.csv", cls, cells)
        if fmt == "gbk"
        else _xlsx(tmp_path / "表.xlsx", cls, cells)
    )
    row = 6 if fmt == "gbk" else 5  # two title rows in the CSV, one in the workbook
    with pytest.raises(DataError) as info:
        cls.from_file(path, tree=tree)
    message = str(info.value)
    assert message.startswith(f"{path.name}, row {row}, field region: region='新华区': ")
    assert "name is ambiguous: " in message and "; write the code or qualify" in message
    for code in sorted(r.code for r in tree.find("新华区")):  # every candidate and its parent
        parent = tree.parent(code)
        assert parent is not None and f"{code} (in {parent.name})" in message
    assert (info.value.row, info.value.field) == (row, "region")
    assert TABLES[cls][2](cls.from_file(path))[2] == "新华区"  # no tree: no error


@pytest.mark.parametrize("cls", CLASSES)
def test_from_records_with_a_tree(tree: RegionTree, cls: type[Any]) -> None:
    regions = TABLES[cls][2]
    records = _records(cls, CELLS)
    assert regions(cls.from_records(records, tree=tree)) == EXPECTED
    assert regions(cls.from_records(iter(records), tree=tree)) == EXPECTED  # any iterable
    assert regions(cls.from_records(records))[0] == "中原区"
    assert records[0]["region"] == "中原区"  # the caller's records are not changed
    bad = _records(cls, ["中原区", "新华区"])
    with pytest.raises(DataError, match=r"^t\.csv, row 2, field region: region='新华区': name is"):
        cls.from_records(bad, source="t.csv", tree=tree)


@pytest.mark.parametrize("cls", CLASSES)
def test_from_frame_with_a_tree(tree: RegionTree, cls: type[Any]) -> None:
    pd = pytest.importorskip("pandas")
    header, _, regions = TABLES[cls]
    df = pd.DataFrame(_rows(cls, CELLS), columns=header)
    assert regions(cls.from_frame(df, tree=tree)) == EXPECTED
    df = pd.DataFrame(_rows(cls, ["中原区", "新华区"]), columns=header)
    with pytest.raises(DataError) as info:
        cls.from_frame(df, tree=tree)
    assert (info.value.row, info.value.field) == (3, "region")  # frame position + 2


def test_non_text_region_cells_are_left_to_the_row_builder(tree: RegionTree) -> None:
    records = [{"region": 990102, "year": 2024, "instructors": 3}]
    assert InstructorTable.from_records(records, tree=tree).rows[0].region == "990102"
    with pytest.raises(DataError, match=r"field region"):
        InstructorTable.from_records([{"region": None, "year": 2024, "instructors": 3}], tree=tree)


# a region of unique name, written as its code, its name or qualified by its parent
_UNIQUE = ["990100", "990102", "990121", "990102001", "990103001", "980100"]


def _written(tree: RegionTree, code: str, style: int) -> str:
    region = tree[code]
    parent = tree.parent(code)
    if style == 0 or (style >= 2 and parent is None):
        return code
    if style == 1:
        return region.name
    assert parent is not None
    return f"{parent.name}{region.name}" if style == 2 else f"{region.name}（{parent.name}）"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_UNIQUE), st.integers(0, 3)),
        min_size=1,
        max_size=8,
    )
)
def test_names_load_equal_to_codes(picks: list[tuple[str, int]]) -> None:
    tree = RegionTree.from_records(REGIONS)
    codes = [code for code, _ in picks]
    named = [_written(tree, code, style) for code, style in picks]
    written = [
        {"region": text, "year": 2000 + i, "instructors": i} for i, text in enumerate(named)
    ]
    coded = [{"region": code, "year": 2000 + i, "instructors": i} for i, code in enumerate(codes)]
    from_names = InstructorTable.from_records(written, tree=tree)
    assert from_names == InstructorTable.from_records(coded)
    assert [r.region for r in from_names.rows] == [tree.regions[tree.index(c)].code for c in codes]


def test_assess_says_give_tree_when_loading(tree: RegionTree) -> None:
    from sportsgov import plans

    plan = plans.load("zhengzhou-2024")
    text = (
        "指标编号,所属区县,数值,单位,统计日期\ncommunity-games-district,中原区,3,场次,2024-06-30\n"
    )
    loose = ObservationTable.from_file(io.StringIO(text))
    with pytest.raises(NotFoundError) as info:
        assess(plan, loose, as_of="2024-06-30", regions=tree, city="990100")
    assert str(info.value) == (
        "observations[1].region='中原区': not a region of the assessment (not in the region "
        "tree or list) (the name of region '990102': give tree= when loading to resolve "
        "names to codes)"
    )
    resolved = ObservationTable.from_file(io.StringIO(text), tree=tree)
    report = assess(plan, resolved, as_of="2024-06-30", regions=tree, city="990100")
    assert report.row("community-games-district", "990102").actual == 3
    # a label that names no region gets no hint
    unknown = [Observation("community-games-district", "中原", 3, "2024-06-30", unit="场次")]
    with pytest.raises(NotFoundError) as info:
        assess(plan, unknown, as_of="2024-06-30", regions=tree, city="990100")
    assert str(info.value).endswith("(not in the region tree or list)")


def test_observations_from_arrays_with_a_tree(tree: RegionTree) -> None:
    columns = {"target": ["mass-events"] * 3, "value": [1, 2, 3], "as_of": "2024-06-30"}
    t = ObservationTable.from_arrays(region=["中原区", "city", "990103"], tree=tree, **columns)
    assert [o.region for o in t] == ["990102", "city", "990103"]
    assert [o.row for o in t] == [1, 2, 3]
    with pytest.raises(DataError) as info:
        ObservationTable.from_arrays(region=["中原区", "city", "新华区"], tree=tree, **columns)
    assert (info.value.row, info.value.field) == (3, "region")
