"""Cells as bureau files hold them, table by table: read exactly right or refused by name.

One probe: every case is a row ``(table, column, cell, expected)``. The cell goes
into an otherwise valid one-row file of that table -- a GBK CSV with the Chinese
headers bureaus use (and, for a subset, an xlsx workbook written with openpyxl,
under a title row) -- which is loaded through the table's public reader. The
expected outcome is either the value the table holds for that column, or
:class:`Err`: a :class:`~sportsgov.errors.DataError` naming the file, the row the
spreadsheet shows, the field, and a message matching the regex (which shows the
value and what is allowed).

The oracle is the cell written by hand: ``113°36′12″`` is 113 + 36/60 + 12/3600
degrees, ``1.2万`` is 12000, ``(1,234.00)`` is minus 1234 yuan.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from attrs import frozen

from sportsgov.assessment import ObservationTable
from sportsgov.budget.claims import SubsidyClaimTable
from sportsgov.budget.events import EventCatalog
from sportsgov.budget.lines import BudgetLineTable
from sportsgov.citydata import CityData
from sportsgov.coverage import Points
from sportsgov.coverage.network import RoadNetwork
from sportsgov.errors import DataError, SportsgovError, UnitError
from sportsgov.facilities import Inventory
from sportsgov.money import Money
from sportsgov.planning.projects import ProjectTable
from sportsgov.regions import PopulationTable
from sportsgov.talent.instructors import InstructorTable
from sportsgov.talent.medals import MedalTable
from sportsgov.talent.pipeline import PipelineModel
from sportsgov.talent.schools import SchoolTable


@frozen
class Err:
    """An expected refusal: the DataError's message (after ``file, row, field:``) matches."""

    pattern: str


@frozen
class Table:
    """A one-row table file: headers, a valid row, how to load it and read a column back."""

    file: str
    headers: dict[str, str]  # canonical field -> the header written
    row: dict[str, str]
    load: Callable[[Path], Any]
    get: Callable[[Any, str], Any]
    city: dict[str, str] | None = None  # a city data file: the other files written beside it


def _edges(tmp: Path) -> Path:
    p = tmp / "edges.csv"
    p.write_text("source,target,length\n", encoding="utf-8")
    return p


TABLES: dict[str, Table] = {
    "facilities": Table(
        "场地.csv",
        {
            "id": "编号",
            "kind": "场地类型",
            "region": "所属区县",
            "area": "面积(平方米)",
            "length": "长度",
            "lon": "经度",
            "lat": "纬度",
            "opened": "建成日期",
            "public": "是否开放",
        },
        {
            "id": "F1",
            "kind": "篮球场",
            "region": "410102",
            "area": "420",
            "length": "",
            "lon": "113.6",
            "lat": "34.7",
            "opened": "2024-03-01",
            "public": "是",
        },
        lambda p: Inventory.from_file(p),
        lambda inv, col: (
            float(getattr(inv, col)[0]) if col in ("area", "lon", "lat") else getattr(inv[0], col)
        ),
    ),
    "population": Table(
        "人口.csv",
        {"region": "地区", "year": "年份", "population": "常住人口"},
        {"region": "410102", "year": "2024", "population": "725000"},
        lambda p: PopulationTable.from_file(p),
        lambda t, col: t.get("410102", 2024),
    ),
    "observations": Table(
        "监测.csv",
        {
            "target": "指标编号",
            "region": "地区",
            "value": "数值",
            "unit": "单位",
            "as_of": "截至日期",
        },
        {"target": "t1", "region": "全市", "value": "260", "unit": "场次", "as_of": "2024-03-31"},
        lambda p: ObservationTable.from_file(p),
        lambda t, col: getattr(t[0], col),
    ),
    "events": Table(
        "赛事.csv",
        {
            "date": "举办日期",
            "name": "赛事名称",
            "level": "级别",
            "category": "类别",
            "model": "办赛模式",
            "cost": "费用",
            "rate": "补贴比例",
            "cap": "补贴上限",
        },
        {
            "date": "2024-05-01",
            "name": "健步走",
            "level": "city",
            "category": "mass",
            "model": "部分补贴",
            "cost": "20万元",
            "rate": "30%",
            "cap": "5万元",
        },
        lambda p: EventCatalog.from_file(p),
        lambda t, col: (
            t.events[0].date if col == "date" else getattr(t.events[0].funding_model, col)
        ),
    ),
    "budget_lines": Table(
        "预算.csv",
        {"line": "项目编号", "name": "项目名称", "budget": "预算", "spent": "已支出"},
        {"line": "B01", "name": "全民健身工程", "budget": "1800万元", "spent": "1293.38万元"},
        lambda p: BudgetLineTable.from_file(p),
        lambda t, col: getattr(t[0], col),
    ),
    "subsidy_claims": Table(
        "补贴申请.csv",
        {
            "claim_id": "申请编号",
            "person": "申请人",
            "kind": "补贴类型",
            "amount": "申请金额",
            "on": "申请日期",
        },
        {
            "claim_id": "C1",
            "person": "P1",
            "kind": "ski_ticket",
            "amount": "180",
            "on": "2024/1/9",
        },
        lambda p: SubsidyClaimTable.from_file(p),
        lambda t, col: getattr(t[0], col),
    ),
    "instructors": Table(
        "社会体育指导员.csv",
        {"region": "地区", "year": "年份", "instructors": "社会体育指导员"},
        {"region": "410102", "year": "2024", "instructors": "12"},
        lambda p: InstructorTable.from_file(p),
        lambda t, col: getattr(t.rows[0], col),
    ),
    "schools": Table(
        "学校.csv",
        {"school": "学校名称", "region": "所属区县", "coaches": "教练员", "athletes": "运动员"},
        {"school": "一中", "region": "410102", "coaches": "2", "athletes": "30"},
        lambda p: SchoolTable.from_file(p),
        lambda t, col: getattr(t.rows[0], col),
    ),
    "talent_rates": Table(
        "转移率.csv",
        {"from": "起始层级", "to": "目标层级", "rate": "转移率"},
        {"from": "三线", "to": "二线", "rate": "0.2"},
        lambda p: PipelineModel.from_file(p, tiers=["三线", "二线"]),
        lambda t, col: t.transitions[0][1],
    ),
    "medals": Table(
        "奖牌.csv",
        {"unit": "代表队", "gold": "金牌", "silver": "银牌", "bronze": "铜牌"},
        {"unit": "焦作", "gold": "3", "silver": "2", "bronze": "1"},
        lambda p: MedalTable.from_file(p),
        lambda t, col: getattr(t.entries["焦作"], col),
    ),
    "projects": Table(
        "项目.csv",
        {
            "id": "项目编号",
            "name": "项目名称",
            "region": "所属区县",
            "area_m2": "面积(平方米)",
            "cost": "投资",
            "lon": "经度",
            "lat": "纬度",
        },
        {
            "id": "P1",
            "name": "北园体育公园",
            "region": "410102",
            "area_m2": "5200",
            "cost": "1800万元",
            "lon": "113.6",
            "lat": "34.7",
        },
        lambda p: ProjectTable.from_file(p),
        lambda t, col: getattr(t[0], "area" if col == "area_m2" else col),
    ),
    "road_nodes": Table(
        "路网节点.csv",
        {"id": "节点编号", "lon": "经度", "lat": "纬度"},
        {"id": "1", "lon": "113.6", "lat": "34.7"},
        lambda p: RoadNetwork.from_csv(p, _edges(p.parent)),
        lambda net, col: float(getattr(net.nodes, col)[0]),
    ),
    "points": Table(
        "健身点.csv",
        {"lon": "lon", "lat": "lat"},
        {"lon": "113.6", "lat": "34.7"},
        lambda p: Points.from_csv(p),
        lambda pts, col: float(getattr(pts, col)[0]),
    ),
    "population_grid": Table(
        "population_grid.csv",
        {"lon": "经度", "lat": "纬度", "population": "人口", "region": "区划代码"},
        {"lon": "113.6", "lat": "34.7", "population": "120", "region": "990101"},
        lambda p: CityData.load(p.parent),
        lambda city, col: float(getattr(city.grid, col)[0]),
        city={},
    ),
    "talent_stock": Table(
        "talent_stock.csv",
        {"region": "地区", "tier": "层级", "stock": "人数"},
        {"region": "990101", "tier": "一线", "stock": "12"},
        lambda p: CityData.load(p.parent),
        lambda city, col: city.talent_stock["990101"]["一线"],
        city={"talent_rates.csv": "from,to,rate\n一线,一线,0.9\n"},
    ),
}

DMS = 113 + Fraction(36, 60) + Fraction(12, 3600)
NOT_THERE = r"missing"

CASES: list[tuple[str, str, str, Any]] = [
    # ---- coordinates: decimal, DMS, DDM, hemisphere letters; errors name the field
    ("facilities", "lon", '113°36′12"', float(DMS)),
    ("facilities", "lon", "113°36'12\"", float(DMS)),
    ("facilities", "lon", "113度36分12秒", float(DMS)),
    ("facilities", "lon", "E113°36′12″", float(DMS)),
    ("facilities", "lon", "113°36′12″W", -float(DMS)),
    ("facilities", "lat", "34°46′N", float(34 + Fraction(46, 60))),
    ("facilities", "lat", "34°46.5′S", -34.775),
    ("facilities", "lat", "北纬34°46′", float(34 + Fraction(46, 60))),
    ("facilities", "lon", "１１３.６", 113.6),
    ("facilities", "lon", "113.6 ", 113.6),
    ("facilities", "lon", "113°61′", Err(r"^lon='113°61′': minutes must be < 60$")),
    ("facilities", "lon", "113°6′61″", Err(r"^lon='113°6′61″': seconds must be < 60$")),
    ("facilities", "lat", "34°46′E", Err(r"^lat='34°46′E': hemisphere E .*expected N or S")),
    ("facilities", "lon", "-113°36′E", Err(r"^lon='-113°36′E': a sign and a hemisphere")),
    ("facilities", "lon", "东边", Err(r"^lon='东边': expected degrees such as 113.6")),
    ("projects", "lon", "113度36分12秒", float(DMS)),
    ("projects", "lat", "34°46′N", float(34 + Fraction(46, 60))),
    ("projects", "lon", "113°61′", Err(r"^lon='113°61′': minutes must be < 60$")),
    ("road_nodes", "lon", "E113°36′12″", float(DMS)),
    ("road_nodes", "lat", "34°46′N", float(34 + Fraction(46, 60))),
    ("road_nodes", "lon", "113°61′", Err(r"^lon='113°61′': minutes must be < 60$")),
    ("points", "lon", "113°36′12″", float(DMS)),
    ("points", "lat", "34°61′", Err(r"^lat='34°61′': minutes must be < 60$")),
    ("population_grid", "lon", "113°36′12″E", float(DMS)),
    ("population_grid", "lat", "34°46′E", Err(r"^lat='34°46′E': hemisphere E")),
    # ---- numbers: full-width, thousands, 万, units, apostrophe, blanks
    ("facilities", "area", "１２０", 120.0),
    ("facilities", "area", "1,200", 1200.0),
    ("facilities", "area", "1,200.5", 1200.5),
    ("facilities", "area", "1.2万", 12000.0),
    ("facilities", "area", "420平方米", 420.0),
    ("facilities", "area", "420㎡", 420.0),
    ("facilities", "area", "3亩", 2000.0),
    ("facilities", "area", "'420", 420.0),
    ("facilities", "area", " 420 ", 420.0),
    ("facilities", "area", "1,20", Err(r"^area='1,20': expected a number of m² such as 420")),
    ("facilities", "area", "420米", Err(r"^area=420 m: expected \[area\] \(m², 亩, ha\)")),
    ("facilities", "area", "—", Err(r"^area='—': missing: required for kind 'basketball'")),
    ("facilities", "area", "——", Err(r"^area='——': missing")),
    ("facilities", "area", "/", Err(r"^area='/': missing")),
    ("facilities", "area", "无", Err(r"^area='无': missing")),
    ("facilities", "area", "NA", Err(r"^area='NA': missing")),
    ("facilities", "region", "'0410102", "0410102"),
    ("facilities", "region", "410102 ", "410102"),
    ("population", "population", "１２０", 120),
    ("population", "population", "1,200", 1200),
    ("population", "population", "72.5万", 725000),
    ("population", "population", "'725000", 725000),
    ("population", "population", "1.2万人", 12000),
    ("population", "population", "420㎡", Err(r"^population='420㎡': must be a whole number")),
    ("population", "population", "—", Err(r"^population='—': is required")),
    ("population", "year", "２０２４", 725000),
    ("population", "year", "'2024", 725000),
    ("population", "year", "2024年", Err(r"^year='2024年': must be a 4-digit year")),
    ("observations", "value", "１２０", Decimal(120)),
    ("observations", "value", "1,200", Decimal(1200)),
    ("observations", "value", "'260", Decimal(260)),
    ("observations", "value", "1.2万", Decimal(12000)),
    ("observations", "value", "12.5%", Err(r"^value='12.5%': expected a decimal number")),
    ("observations", "value", "NA", Err(r"^value='NA': missing")),
    ("instructors", "instructors", "１２０", 120),
    ("instructors", "instructors", "1,200", 1200),
    ("instructors", "instructors", "1.2万", 12000),
    ("instructors", "instructors", "'420", 420),
    ("instructors", "instructors", "420㎡", Err(r"^instructors='420㎡': expected a whole number")),
    ("instructors", "instructors", "—", Err(r"^instructors='—': missing")),
    ("instructors", "year", "２０２４", 2024),
    ("schools", "coaches", "1,200", 1200),
    ("schools", "coaches", "１２", 12),
    ("schools", "coaches", "2.5", Err(r"^coaches='2.5': expected a whole number")),
    ("schools", "coaches", "无", Err(r"^coaches='无': missing")),
    ("schools", "coaches", "12人", Err(r"^coaches='12人': expected a whole number")),
    ("talent_stock", "stock", "1,200", 1200),
    ("talent_stock", "stock", "１２", 12),
    ("talent_stock", "stock", "1.5", Err(r"^stock='1.5': expected a whole number")),
    ("medals", "gold", "1,200", Fraction(1200)),
    ("medals", "gold", "１２", Fraction(12)),
    ("medals", "gold", "'3", Fraction(3)),
    ("medals", "gold", "0.5", Fraction(1, 2)),  # a shared (双计分) medal
    ("medals", "gold", "—", Err(r"^gold='—': expected a finite number")),
    ("projects", "area_m2", "1.2万", Decimal(12000)),
    ("projects", "area_m2", "420平方米", Decimal(420)),
    ("projects", "area_m2", "0.5公顷", Decimal(5000)),
    ("projects", "area_m2", "—", Err(r"^area_m2='—': missing")),
    # ---- shares
    ("events", "rate", "12.5%", Fraction(1, 8)),
    ("events", "rate", "30％", Fraction(3, 10)),
    ("events", "rate", "0.3", Fraction(3, 10)),
    ("talent_rates", "rate", "12.5%", Fraction(1, 8)),
    ("talent_rates", "rate", "１２.５%", Fraction(1, 8)),
    ("talent_rates", "rate", "—", Err(r"^rate='—': expected a finite number")),
    # ---- money: 万元, ¥ (￥ in GBK), thousands, brackets are negative
    ("budget_lines", "budget", "1234.00万元", Money.parse("1234万元")),
    ("budget_lines", "budget", "￥1,234.00", Money.yuan("1234")),
    ("budget_lines", "budget", "1,234.00", Money.yuan("1234")),
    ("budget_lines", "budget", "１２万元", Money.parse("12万元")),
    ("budget_lines", "budget", "'1234", Money.yuan("1234")),
    ("budget_lines", "budget", "1234.00 ", Money.yuan("1234")),
    ("budget_lines", "budget", "(1,234.00)", Err(r"^budget=-1234.00: must be >= 0$")),
    ("budget_lines", "spent", "（1,234.00）", Err(r"^spent=-1234.00: must be >= 0$")),
    ("budget_lines", "budget", "—", Err(r"^budget='—': missing$")),
    ("budget_lines", "budget", "1,2345", Err(r"^budget='1,2345': expected a money amount")),
    ("events", "cost", "1234.00万元", Money.parse("1234万元")),
    ("events", "cost", "￥1,234.00", Money.yuan("1234")),
    ("events", "cost", "(1,234.00)", Err(r"^cost=-1234.00: must be >= 0$")),
    ("subsidy_claims", "amount", "￥180.00", Money.yuan("180")),
    ("subsidy_claims", "amount", "１８０", Money.yuan("180")),
    ("subsidy_claims", "amount", "180.00元", Money.yuan("180")),
    ("subsidy_claims", "amount", "(180)", Err(r"^amount=-180.00: must be >= 0$")),
    ("projects", "cost", "(1,234.00)", Err(r"^cost='-1234.00': must be >= 0$")),
    ("projects", "cost", "1,234.00万元", Money.parse("1234万元")),
    # ---- dates: dotted, unpadded, Excel serial, apostrophe; a month is not a day
    ("facilities", "opened", "2024.3.1", dt.date(2024, 3, 1)),
    ("facilities", "opened", "2024-3-1", dt.date(2024, 3, 1)),
    ("facilities", "opened", "45352", dt.date(2024, 3, 1)),
    ("facilities", "opened", "'2024-03-01", dt.date(2024, 3, 1)),
    ("facilities", "opened", "2024年3月1日", dt.date(2024, 3, 1)),
    ("facilities", "opened", "2024年3月", Err(r"^opened='2024年3月': a day is missing")),
    ("facilities", "opened", "2024-03", Err(r"^opened='2024-03': a day is missing")),
    ("facilities", "opened", "2024-02-30", Err(r"^opened='2024-02-30': not a valid date")),
    ("observations", "as_of", "2024.3.31", dt.date(2024, 3, 31)),
    ("observations", "as_of", "45382", dt.date(2024, 3, 31)),
    ("observations", "as_of", "2024年3月", Err(r"^as_of='2024年3月': a day is missing")),
    ("events", "date", "2024.5.1", dt.date(2024, 5, 1)),
    ("events", "date", "2024年5月", Err(r"^date='2024年5月': a day is missing")),
    ("subsidy_claims", "on", "2024.1.9", dt.date(2024, 1, 9)),
    ("subsidy_claims", "on", "45300", dt.date(2024, 1, 9)),
    ("subsidy_claims", "on", "2024-1-9 ", dt.date(2024, 1, 9)),
    ("subsidy_claims", "on", "2024年1月", Err(r"^on='2024年1月': a day is missing")),
    # ---- booleans
    *[("facilities", "public", c, True) for c in ("是", "√", "Y", "开放", "1", "是 ")],
    *[("facilities", "public", c, False) for c in ("否", "×", "N", "不开放", "0")],
    ("facilities", "public", "有", Err(r"^public='有': must be true or false .*√/×")),
]

#: Cases also written as an xlsx workbook (cells typed as text, under a title row).
XLSX = [
    ("facilities", "lon", '113°36′12"', float(DMS)),
    ("facilities", "lon", "113°61′", Err(r"^lon='113°61′': minutes must be < 60$")),
    ("facilities", "area", "１２０", 120.0),
    ("facilities", "area", "'420", 420.0),
    ("facilities", "opened", "2024年3月", Err(r"^opened='2024年3月': a day is missing")),
    ("budget_lines", "budget", "¥1,234.00", Money.yuan("1234")),
    ("budget_lines", "spent", "(1,234.00)", Err(r"^spent=-1234.00: must be >= 0$")),
    ("schools", "coaches", "1,200", 1200),
    ("road_nodes", "lat", "34°46′N", float(34 + Fraction(46, 60))),
]


def _case_id(case: tuple[str, str, str, Any]) -> str:
    return f"{case[0]}.{case[1]}={case[2]!r}"


def _write_csv(path: Path, table: Table, column: str, cell: str) -> int:
    row = {**table.row, column: cell}
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")  # as Excel saves a CSV
    out.writerow([table.headers[f] for f in table.row])
    out.writerow([row[f] for f in table.row])
    path.write_bytes(buf.getvalue().encode("gbk"))
    return 2


def _write_xlsx(path: Path, table: Table, column: str, cell: str) -> int:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    ws = wb.active
    row = {**table.row, column: cell}
    ws.append(["2024年统计表"])  # a title row above the header
    ws.append([table.headers[f] for f in table.row])
    ws.append([row[f] for f in table.row])
    wb.save(path)
    return 3


def _check(path: Path, table: Table, column: str, expected: Any, sheet_row: int) -> None:
    if isinstance(expected, Err):
        with pytest.raises((DataError, UnitError)) as info:  # UnitError: a unit of another kind
            table.load(path)
        err = info.value
        assert Path(str(err.source)).name == path.name
        assert err.row == sheet_row
        assert err.field == column
        detail = str(err).split(f"field {column}: ", 1)[-1]
        assert re.search(expected.pattern, detail), detail
        return
    try:
        loaded = table.load(path)
    except SportsgovError as exc:  # pragma: no cover - the failure message shows why
        pytest.fail(f"refused: {exc}")
    value = table.get(loaded, column)
    if isinstance(expected, float):
        assert value == pytest.approx(expected, abs=1e-12)
    else:
        assert value == expected
        assert type(value) is type(expected)


PROBE = [("csv", *case) for case in CASES] + [("xlsx", *case) for case in XLSX]


@pytest.mark.parametrize(
    ("fmt", "table", "column", "cell", "expected"),
    PROBE,
    ids=[f"{fmt}:{_case_id(case)}" for fmt, *case in PROBE],  # type: ignore[arg-type]
)
def test_cell(
    tmp_path: Path,
    tiny_city: Any,
    fmt: str,
    table: str,
    column: str,
    cell: str,
    expected: Any,
) -> None:
    """One cell in a one-row file of its table: read exactly, or refused by file/row/field."""
    spec = TABLES[table]
    if spec.city is not None:
        tiny_city.write(tmp_path)
        for name, text in spec.city.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
    if fmt == "csv":
        path = tmp_path / spec.file
        row = _write_csv(path, spec, column, cell)
    else:
        path = tmp_path / spec.file.replace(".csv", ".xlsx")
        row = _write_xlsx(path, spec, column, cell)
    _check(path, spec, column, expected, row)
