"""Totals and notes around the data (sportsgov._common.footers and the reader).

The files are made the way bureaus make them: a title row, Chinese headers, a
``合计`` row and ``注：``/``填表人`` lines under the data, in a GBK CSV export, an
openpyxl workbook and a DataFrame. Oracle: the rows written as data, which must
all come back (and nothing else), and the rows written around them, which must
be set aside with their spreadsheet row numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.footers import footer_rows, is_note, is_total
from sportsgov._common.tables import read_table
from sportsgov.errors import DataError
from sportsgov.facilities import Inventory
from sportsgov.regions import PopulationTable, RegionTree

TREE = RegionTree.from_records(
    [
        {"code": "410100", "name": "清河市", "level": "city"},
        {"code": "410102", "name": "中原区", "level": "district", "parent": "410100"},
        {"code": "410103", "name": "二七区", "level": "district", "parent": "410100"},
    ]
)

GBK_EXPORT = """清河市2024年体育场地统计表,,,,
填报单位：清河市体育局,,,,
序号,场地编号,场地类型,所属区县,场地面积（平方米）
1,F1,篮球场,410102,"1,200.5"
2,F2,七人制足球场,410103,7000
,合计,,,"8,200.5"
注：1. 数据截至2024年12月31日。,,,,
2. 面积为场地有效面积。,,,,
填表人：张三,,审核人：李四,,
"""


def test_a_gbk_export_with_a_total_and_notes_loads_its_records(tmp_path: Path) -> None:
    p = tmp_path / "场地.csv"
    p.write_bytes(GBK_EXPORT.encode("gbk"))
    raw = read_table(p, table="facilities")
    assert raw.rows.tolist() == [4, 5]  # spreadsheet rows: title, unit, header above
    assert raw.column("id") == ("F1", "F2")
    assert raw.skipped == (
        (6, "合计"),
        (7, "注：1. 数据截至2024年12月31日。"),
        (8, "2. 面积为场地有效面积。"),
        (9, "填表人：张三"),
    )
    inv = Inventory.from_file(p, tree=TREE)
    assert inv.ids.tolist() == ["F1", "F2"]
    assert inv.area.tolist() == [1200.5, 7000.0]


def test_a_workbook_with_a_city_total_first_and_a_total_last(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "常住人口"
    ws.merge_cells("A1:C1")
    ws.append(["行政区划代码", "年份", "常住人口（人）"])
    ws.append(["全市合计", 2024, 1_300_000])
    ws.append(["410102", 2024, 700_000])
    ws.append([410103, 2024, 600_000])
    ws.append(["总计：", 2024, 1_300_000])
    ws.append(["数据来源：第七次全国人口普查推算", None, None])
    p = tmp_path / "人口.xlsx"
    wb.save(p)
    raw = read_table(p, table="population")
    assert raw.skipped == ((3, "全市合计"), (6, "总计："), (7, "数据来源：第七次全国人口普查推算"))
    pop = PopulationTable.from_file(p, tree=TREE)
    assert pop.get("410102", 2024) == 700_000
    assert pop.get("410103", 2024) == 600_000


def test_a_frame_with_a_total_row() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "编号": ["F1", "F2", "合计"],
            "类型": ["篮球场", "篮球场", None],
            "所属区县": ["410102", "410103", None],
            "面积": [420.0, 380.0, 800.0],
        }
    )
    assert Inventory.from_frame(df, tree=TREE).ids.tolist() == ["F1", "F2"]


def test_a_subtotal_inside_the_data_is_a_bad_row_with_its_number(tmp_path: Path) -> None:
    p = tmp_path / "场地.csv"
    p.write_text(
        "编号,类型,所属区县,面积\nF1,篮球场,410102,420\n中原区小计,,,420\nF2,篮球场,410103,380\n",
        "utf-8",
    )
    with pytest.raises(DataError, match=r"场地.csv, row 3"):
        Inventory.from_file(p, tree=TREE)


def test_rows_that_only_look_like_notes_stay_data(tmp_path: Path) -> None:
    # 注册 is not 注：; a one-cell last row with no total or note above it is data
    p = tmp_path / "场地.csv"
    p.write_text(
        "编号,名称,类型,所属区县,面积\nF1,注册中心球场,篮球场,410102,420\n注册1,,,,\n", "utf-8"
    )
    raw = read_table(p, table="facilities")
    assert raw.column("id") == ("F1", "注册1") and raw.skipped == ()
    with pytest.raises(DataError, match=r"row 3"):  # and its missing cells are reported
        Inventory.from_file(p, tree=TREE)


def test_a_full_record_whose_first_cell_reads_as_a_note_stays_data(tmp_path: Path) -> None:
    # a note is a line of text, not a record: these rows fill every column, so they
    # are data even where their first cell starts like a note (注1, Source 2)
    p = tmp_path / "场地.csv"
    p.write_text("编号,名称,类型,所属区县,面积\n注1,南湖球场,篮球场,410102,420\n", "utf-8")
    raw = read_table(p, table="facilities")
    assert raw.column("id") == ("注1",) and raw.skipped == ()
    assert Inventory.from_file(p, tree=TREE).ids.tolist() == ["注1"]
    q = tmp_path / "sites.csv"
    q.write_text(
        "id,name,kind,region,area\nS1,a,basketball,410102,420\n"
        "Source 2,b,basketball,410102,7000\nNote: 2 sites,,,,\n",
        "utf-8",
    )
    raw = read_table(q, table="facilities")
    assert raw.column("id") == ("S1", "Source 2") and raw.skipped == ((4, "Note: 2 sites"),)


def test_a_signature_line_of_several_note_cells_is_set_aside(tmp_path: Path) -> None:
    p = tmp_path / "场地.csv"
    p.write_text(
        "编号,名称,类型,所属区县,面积\nF1,南湖球场,篮球场,410102,420\n"
        "填表人：张三,审核人：李四,填报日期：2025年1月5日,,\n",
        "utf-8",
    )
    raw = read_table(p, table="facilities")
    assert raw.column("id") == ("F1",) and raw.skipped == ((3, "填表人：张三"),)


# ----------------------------------------------------------------------------- properties
ids = st.from_regex(r"[A-Z]{0,2}[0-9]{1,6}", fullmatch=True)
labels_total = st.sampled_from(
    ["合计", "总计", "全市合计", "金水区小计：", "Total", "SUM", "共 计"]
)
labels_note = st.sampled_from(
    ["注：口径", "说明:", "数据来源：统计局", "填表人：张三", "Notes", "注1"]
)
cells = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=6)


@given(
    st.lists(st.tuples(ids, cells, cells), min_size=1, max_size=30),
    st.lists(labels_total, max_size=2),
    st.lists(st.one_of(labels_total, labels_note), max_size=3),
    st.lists(cells.filter(lambda t: t.strip() != ""), max_size=2),
)
def test_exactly_the_rows_around_the_data_are_set_aside(
    data: list[tuple[str, str, str]],
    head: list[str],
    tail: list[str],
    lines: list[str],
) -> None:
    # the tail: totals/notes, then (only under them) one-cell continuation lines
    foot = [(t, "", "") for t in tail] + ([(x, "", "") for x in lines] if tail else [])
    rows = [(h, "1", "2") for h in head] + data + foot
    cols = list(zip(*rows, strict=True))
    first, stop = footer_rows(cols, len(rows))
    assert (first, stop) == (len(head), len(head) + len(data))


@given(st.lists(st.tuples(ids, cells), min_size=1, max_size=30))
def test_records_alone_are_never_set_aside(data: list[tuple[str, str]]) -> None:
    cols = list(zip(*data, strict=True))
    assert footer_rows(cols, len(data)) == (0, len(data))


@given(ids)
def test_an_id_is_never_a_total_or_a_note(text: str) -> None:
    assert not is_total(text) and not is_note(text)
