"""SchoolTable (``sportsgov/talent/schools.py``): files, frames, bad cells, staffing.

Oracles: the figures written into each file by the test itself; for the sample city,
the standard library's ``csv`` module reading the same file and sums done here; for
workbooks, openpyxl (the writer).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sportsgov.citydata import CityData, sample_city_path
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.talent import QuotaStandard, School, SchoolTable


def test_gbk_csv_with_chinese_headers(tmp_path: Path) -> None:
    text = (
        "学校名称,所属区县,教练员人数,在训运动员人数,项目\n"
        "清河一中,990101,2,34,田径\n"
        '城关小学,990101,1,"1,030",足球\n'
        "山里中学,990121,3,28,篮球\n"
    )
    path = tmp_path / "学校.csv"
    path.write_bytes(text.encode("gbk"))
    t = SchoolTable.from_file(path)
    assert t.source == "学校.csv"
    assert list(t) == [
        School("清河一中", "990101", 2, 34),
        School("城关小学", "990101", 1, 1030),
        School("山里中学", "990121", 3, 28),
    ]
    assert [r.row for r in t] == [2, 3, 4]
    assert t.totals() == {"coaches": 6, "athletes": 1092}
    assert t.staffing()["城关小学"] == {"coaches": 1, "athletes": 1030}
    gaps = QuotaStandard("2351", {"coaches": 2, "athletes": 30}).gaps(t.staffing())
    assert gaps.short_units == ("城关小学", "山里中学")


def test_xlsx_with_a_title_row_names_the_spreadsheet_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "传统项目学校情况表"
    ws.merge_cells("A1:D1")
    ws["A2"] = "填报单位：清河市体育局"
    ws.append(["学校", "地区", "教练员", "运动员"])
    ws.append(["S1", 990101, 2.0, 30.0])
    ws.append(["S2", "990121", "3", "41"])
    path = tmp_path / "学校.xlsx"
    wb.save(path)
    t = SchoolTable.from_file(path)
    assert [(r.school, r.region, r.coaches, r.athletes, r.row) for r in t] == [
        ("S1", "990101", 2, 30, 4),
        ("S2", "990121", 3, 41, 5),
    ]
    ws.append(["S3", "990121", 2, "三十"])
    wb.save(path)
    with pytest.raises(DataError) as info:
        SchoolTable.from_file(path)
    err = info.value
    assert (err.source, err.row, err.field) == ("学校.xlsx", 6, "athletes")
    assert err.detail == "athletes='三十': expected a whole number"


@pytest.mark.parametrize(
    ("body", "row", "field", "message"),
    [
        ("S1,990101,2,-30\n", 2, "athletes", "athletes='-30': must be >= 0"),
        ("S1,990101,2,30\nS2,990101,1.5,30\n", 3, "coaches",
         "coaches='1.5': expected a whole number"),
        ("S1,990101,,30\n", 2, "coaches", "coaches='': missing"),
        ("S1,,2,30\n", 2, "region", "region='': missing"),
        ("S1,990101,2,30\nS2,990101,2,30\nS1,990121,3,31\n", 4, "school",
         "school='S1': duplicate school"),
    ],
)  # fmt: skip
def test_bad_rows_raise_data_error_with_file_row_and_field(
    tmp_path: Path, body: str, row: int, field: str, message: str
) -> None:
    path = tmp_path / "schools.csv"
    path.write_text("school,region,coaches,athletes\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as info:
        SchoolTable.from_file(path)
    err = info.value
    assert (err.source, err.row, err.field, err.detail) == ("schools.csv", row, field, message)


def test_records_and_bad_arguments() -> None:
    with pytest.raises(DataError, match=r"^row 2, field school: school=None: missing$"):
        SchoolTable.from_records(
            [
                {"school": "S1", "region": "A", "coaches": 2, "athletes": 30},
                {"region": "A", "coaches": 2, "athletes": 30},
            ]
        )
    with pytest.raises(DataError, match=r"^row 1, field coaches: coaches=True: expected a whole"):
        SchoolTable.from_records([{"school": "S1", "region": "A", "coaches": True, "athletes": 1}])
    with pytest.raises(InvalidInputError, match=r"^errors='collect': expected 'raise'$"):
        SchoolTable.from_file("schools.csv", errors="collect")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^rows\[0\]=.*: expected a School$"):
        SchoolTable([{"school": "S1"}])  # type: ignore[list-item]
    assert SchoolTable(()).totals() == {"coaches": 0, "athletes": 0}


def test_sample_city_schools_are_a_typed_table() -> None:
    city = CityData.sample()
    assert isinstance(city.schools, SchoolTable)
    path = sample_city_path() / "schools.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r.school for r in city.schools] == [r["school"] for r in rows]
    assert city.schools.totals() == {
        "coaches": sum(int(r["coaches"]) for r in rows),
        "athletes": sum(int(r["athletes"]) for r in rows),
    }


def test_missing_column_names_the_file_and_header_row(tmp_path: Path) -> None:
    path = tmp_path / "学校.csv"
    path.write_bytes("学校名称,所属区县,教练员人数\n一中,410802,2\n".encode("gbk"))
    with pytest.raises(DataError, match=r"^学校\.csv, row 1: missing column athletes") as info:
        SchoolTable.from_file(path)
    assert (info.value.source, info.value.row) == ("学校.csv", 1)
