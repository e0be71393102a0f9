"""InstructorTable (``sportsgov/talent/instructors.py``): files, frames, bad cells, look-ups.

Oracles: the figures written into each file by the test itself; for the sample city,
the standard library's ``csv`` module reading the same file; for workbooks, openpyxl
(the writer).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sportsgov.citydata import CityData, sample_city_path
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.talent import InstructorCount, InstructorTable


def test_gbk_csv_with_chinese_headers_and_a_title_row(tmp_path: Path) -> None:
    text = (
        "2024年社会体育指导员统计,,\n"
        "行政区划代码,统计年度,社会体育指导员人数\n"
        '990101,2023,"1,205"\n'
        "990121,2023,386\n"
        "990101,2024,1262\n"
    )
    path = tmp_path / "指导员.csv"
    path.write_bytes(text.encode("gbk"))
    t = InstructorTable.from_file(path)
    assert t.source == "指导员.csv"
    assert list(t) == [
        InstructorCount("990101", 2023, 1205),
        InstructorCount("990121", 2023, 386),
        InstructorCount("990101", 2024, 1262),
    ]
    assert [r.row for r in t] == [3, 4, 5]  # spreadsheet rows under the title row
    assert t.years() == (2023, 2024)
    assert t.counts(2023) == {"990101": 1205, "990121": 386}
    assert (t.latest_year(2025), t.latest_year(2023), t.latest_year(2022)) == (2024, 2023, None)


def test_columns_map_an_unknown_header(tmp_path: Path) -> None:
    path = tmp_path / "i.csv"
    path.write_text("区域,年份,人数\n990101,2024,12\n", encoding="utf-8")
    t = InstructorTable.from_file(path, columns={"区域": "region", "人数": "instructors"})
    assert t.counts(2024) == {"990101": 12}


def test_xlsx_with_a_title_row_names_the_spreadsheet_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "清河市社会体育指导员人数(年末)"
    ws.merge_cells("A1:C1")
    ws.append(["地区", "年份", "指导员人数"])
    ws.append(["990101", 2024, 1262.0])  # Excel stores every number as a float
    ws.append([990121, "2024", "386"])
    path = tmp_path / "指导员.xlsx"
    wb.save(path)
    t = InstructorTable.from_file(path)
    assert t.counts(2024) == {"990101": 1262, "990121": 386}
    assert [r.row for r in t] == [3, 4]
    ws.append(["990122", 2024, 12.5])
    wb.save(path)
    with pytest.raises(DataError) as info:
        InstructorTable.from_file(path)
    err = info.value
    assert (err.source, err.row, err.field) == ("指导员.xlsx", 5, "instructors")
    assert err.detail == "instructors='12.5': expected a whole number"


@pytest.mark.parametrize(
    ("body", "row", "field", "message"),
    [
        ("990101,2024,x\n", 2, "instructors", "instructors='x': expected a whole number"),
        ("990101,2024,10\n990121,2024,-3\n", 3, "instructors", "instructors='-3': must be >= 0"),
        ("990101,2024,10\n990121,2024,\n", 3, "instructors", "instructors='': missing"),
        ("990101,24,10\n", 2, "year", "year='24': must be a 4-digit year"),
        ("990101,二〇二四,10\n", 2, "year", "year='二〇二四': must be a 4-digit year"),
        (",2024,10\n", 2, "region", "region='': missing"),
        (
            "990101,2024,10\n990121,2024,3\n990101,2024,11\n",
            4,
            "region",
            "region='990101', year=2024: duplicate count (one per region and year)",
        ),
    ],
)
def test_bad_rows_raise_data_error_with_file_row_and_field(
    tmp_path: Path, body: str, row: int, field: str, message: str
) -> None:
    path = tmp_path / "instructors.csv"
    path.write_text("region,year,instructors\n" + body, encoding="utf-8")
    with pytest.raises(DataError) as info:
        InstructorTable.from_file(path)
    err = info.value
    assert (err.source, err.row, err.field, err.detail) == ("instructors.csv", row, field, message)
    assert str(err) == f"instructors.csv, row {row}, field {field}: {message}"


def test_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "instructors.csv"
    path.write_text("region,instructors\n990101,3\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"^instructors\.csv, row 1: missing column year"):
        InstructorTable.from_file(path)


def test_errors_other_than_raise_and_missing_year_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^errors='collect': expected 'raise'$"):
        InstructorTable.from_file("instructors.csv", errors="collect")  # type: ignore[arg-type]
    t = InstructorTable.from_records([{"region": "A", "year": 2024, "instructors": 3}])
    with pytest.raises(NotFoundError, match=r"^year=2023: no instructor counts; years: 2024$"):
        t.counts(2023)
    with pytest.raises(NotFoundError, match=r"years: none$"):
        InstructorTable(()).counts(2024)
    with pytest.raises(InvalidInputError, match=r"^rows\[0\]=\('A', 2024, 3\): expected an"):
        InstructorTable([("A", 2024, 3)])  # type: ignore[list-item]


def test_sample_city_instructors_are_a_typed_table() -> None:
    city = CityData.sample()
    assert isinstance(city.instructors, InstructorTable)
    path = sample_city_path() / "instructors.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(city.instructors) == len(rows)
    for year in {int(r["year"]) for r in rows}:
        expected = {r["region"]: int(r["instructors"]) for r in rows if int(r["year"]) == year}
        assert city.instructors.counts(year) == expected
