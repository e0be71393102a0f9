"""BudgetLine / BudgetLineTable (``sportsgov/budget/lines.py``).

Oracles: the fen worked by hand from the cells (1293.38万元 = 1293.38 x 10,000 x 100
fen), openpyxl writing the workbook, :func:`~sportsgov.budget.execution_table` called
on plain records for the execution rates, and round trips for the frames and records.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from sportsgov.budget import BudgetLine, BudgetLineTable, execution_table
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.money import Money
from sportsgov.periods import Period

GBK_TEXT = (
    "项目编号,项目名称,所属区县,预算(万元),已支出(万元),备注\n"
    "B01,全民健身工程,990100,1800,1293.38,\n"
    "B02,青少年体育赛事,990102,650.5,434.24,年中追加\n"
    "B03,场地维护,990103,12.5万元,0,\n"
)


def test_gbk_csv_with_chinese_headers_and_wan_yuan(tmp_path: Path) -> None:
    path = tmp_path / "预算执行.csv"
    path.write_bytes(GBK_TEXT.encode("gbk"))
    t = BudgetLineTable.from_file(path)
    assert [b.line for b in t] == ["B01", "B02", "B03"]
    # by hand: 万元 x 10,000 x 100 fen
    assert [b.budget.fen for b in t] == [1800_0000_00, 650_5000_00, 12_5000_00]
    assert [b.spent.fen for b in t] == [1293_3800_00, 434_2400_00, 0]
    assert (t[1].name, t[1].region, t[1].row) == ("青少年体育赛事", "990102", 3)
    assert t.budget_total == Money(1800_0000_00 + 650_5000_00 + 12_5000_00)
    assert t.source == path.name  # errors name the file


def test_xlsx_with_a_title_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年体育专项资金执行情况表"])
    ws.merge_cells("A1:D1")
    ws.append(["预算编号", "预算项目", "年初预算(元)", "实际支出(元)"])
    ws.append(["B01", "全民健身工程", 1_800_000, 1_293_380.5])
    ws.append(["B02", "赛事", "2,000.00", "12.34"])
    path = tmp_path / "预算.xlsx"
    wb.save(path)
    t = BudgetLineTable.from_file(path)
    assert [(b.line, b.budget.fen, b.spent.fen) for b in t] == [
        ("B01", 1_800_000_00, 1_293_380_50),
        ("B02", 2_000_00, 12_34),
    ]
    assert [b.row for b in t] == [3, 4]  # the title row shifts the spreadsheet rows


@pytest.mark.parametrize(
    ("text", "row", "field", "message"),
    [
        (
            "编号,预算,已支出\nB1,10万元,1万元\nB2,ten,0\n",
            3,
            "budget",
            "budget='ten': expected a money amount",
        ),
        ("编号,预算,已支出\nB1,10万元,-1万元\n", 2, "spent", "spent=-10000.00: must be >= 0"),
        ("编号,预算,已支出\nB1,10万元,0.001\n", 2, "spent", "spent='0.001': expected a money"),
        ("编号,预算,已支出\nB1,10万元,1\n,5,1\n", 3, "line", "line='': missing"),
        ("编号,预算,已支出\nB1,10万元,1\nB1,5,1\n", 3, "line", "line='B1': duplicate line id"),
    ],
)
def test_bad_rows_name_file_row_and_field(text: str, row: int, field: str, message: str) -> None:
    with pytest.raises(DataError) as info:
        BudgetLineTable.from_file(io.StringIO(text))
    assert (info.value.row, info.value.field) == (row, field)
    assert message in str(info.value)


def test_title_row_shifts_the_row_of_an_error(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_text("2024年预算表,,\nline,budget,spent\nB1,1,1\nB2,1,lots\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"lines\.csv, row 4, field spent: spent='lots'"):
        BudgetLineTable.from_file(path)


def test_missing_column_is_a_data_error() -> None:
    with pytest.raises(DataError, match=r"missing column spent"):
        BudgetLineTable.from_file(io.StringIO("line,budget\nB1,1\n"))


def test_constructor_refuses_floats_ints_and_repeats() -> None:
    with pytest.raises(InvalidInputError, match=r"budget=1\.5: floats are refused"):
        BudgetLine("B1", 1.5, "0")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"spent=3: expected Money"):
        BudgetLine("B1", "1", 3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"line=' ': missing"):
        BudgetLine(" ", "1", "0")
    with pytest.raises(DataError, match=r"line='B1': duplicate line id"):
        BudgetLineTable([BudgetLine("B1", "1", "0"), BudgetLine("B1", "2", "0")])
    with pytest.raises(InvalidInputError, match=r"lines\[0\]=.*expected a BudgetLine"):
        BudgetLineTable(["B1"])  # type: ignore[list-item]
    with pytest.raises(NotFoundError, match=r"line='B9': no such budget line \(lines: 'B1'\)"):
        BudgetLineTable([BudgetLine("B1", "1", "0")])["B9"]


def test_execution_matches_execution_table_on_plain_records() -> None:
    t = BudgetLineTable.from_file(io.StringIO(GBK_TEXT))
    got = t.execution(as_of="2024-09-30", period=Period.year(2024))
    records = [
        {"line": "B01", "spent": "1293.38万元", "budget": "1800万元"},
        {"line": "B02", "spent": "434.24万元", "budget": "650.5万元"},
        {"line": "B03", "spent": "0", "budget": "12.5万元"},
    ]
    assert got == execution_table(records, as_of="2024-09-30", period=Period.year(2024))
    # by hand: 1293.38 / 1800, against 274 of 366 days
    assert got["B01"].rate == Fraction(129338, 180000)
    assert got["B01"].time_progress == Fraction(274, 366)
    assert got.by_status() == {"ahead": [], "on_pace": ["B01"], "behind": ["B02", "B03"]}


def test_execution_refuses_a_zero_budget() -> None:
    t = BudgetLineTable([BudgetLine("B1", "0", "10")])  # loads: quality checks warn
    with pytest.raises(InvalidInputError, match=r"budget\['B1'\]=0\.00: must be > 0"):
        t.execution(as_of="2024-06-30", period="2024")


def test_frame_columns_are_exact_decimal_yuan() -> None:
    pytest.importorskip("pandas")
    t = BudgetLineTable([BudgetLine("B1", "1293.38万元", "0.01", name="工程", region="990100")])
    df = t.to_frame()
    assert list(df.columns) == ["line", "name", "region", "budget_yuan", "spent_yuan"]
    assert df["budget_yuan"].tolist() == [Decimal("12933800.00")]
    assert df["spent_yuan"].tolist() == [Decimal("0.01")]
    empty = BudgetLineTable([]).to_frame()
    assert list(empty.columns) == list(df.columns) and len(empty) == 0


def test_sample_city_lines_match_the_csv_module() -> None:
    import csv

    from sportsgov.citydata import sample_city_path

    path = sample_city_path() / "budget_lines.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    t = BudgetLineTable.from_file(path)
    assert [(b.line, b.name, b.region) for b in t] == [
        (r["line"], r["name"], r["region"]) for r in rows
    ]
    # oracle for the money: Decimal arithmetic on the 万元 text
    for b, r in zip(t, rows, strict=True):
        for got, text in ((b.budget, r["budget"]), (b.spent, r["spent"])):
            assert got.fen == int(Decimal(text.removesuffix("万元")) * 10_000 * 100)
    assert [b.row for b in t] == list(range(2, len(rows) + 2))
