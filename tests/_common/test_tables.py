"""Tests for sportsgov._common.tables (the tolerant table reader) and its alias data.

Files are generated in the tests the way users produce them: Excel's GBK CSV export,
UTF-8 with BOM, semicolons, TSV, gzip, workbooks written by openpyxl with merged
title rows. Independent oracles: openpyxl (the writer and its own reader, for cell
positions and its ``from_excel`` serial-date conversion) and the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import shutil
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from sportsgov._common.aliases import (
    FieldSpec,
)
from sportsgov._common.dates import from_excel_serial
from sportsgov._common.tables import (
    build_table,
    cell_text,
    decode,
    field_specs,
    read_table,
)
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

openpyxl = pytest.importorskip("openpyxl")  # the excel extra; in dev
pytest.importorskip("python_calamine")
from openpyxl.utils.datetime import from_excel as openpyxl_from_excel  # noqa: E402

HEADER_ZH = ["编号", "名称", "类型", "所属区县", "面积(平方米)", "经度", "纬度", "建成日期"]
ROWS_ZH = [
    ["F1", "人民公园篮球场", "篮球场", "410102", "420", "113.6", "34.7", "2020/5/1"],
    ["F2", "体育中心游泳馆", "游泳馆", "410103", "1250.5", "113.7", "34.8", "2021年3月1日"],
    ["F3", "滨河健身步道", "健身步道", "410104", "", "113.8", "34.9", ""],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(encoding)
    if path.suffix == ".gz":
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------- text files
def test_gbk_csv_with_chinese_headers(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "场地.csv", [HEADER_ZH, *ROWS_ZH], "gbk")
    t = read_table(p, table="facilities")
    assert (t.format, t.encoding, t.delimiter, t.header_row) == ("csv", "gb18030", ",", 1)
    assert t.rows.tolist() == [2, 3, 4]
    assert t.fields["name"] == tuple(r[1] for r in ROWS_ZH)
    assert t.fields["area"] == ("420", "1250.5", "")
    assert t.fields["opened"] == ("2020/5/1", "2021年3月1日", "")
    assert t.mapping["area"] == "面积(平方米)"
    assert t.units == {"area": "平方米"} and t.scale("area") == 1
    assert t.extra == {}
    assert t.column("closed") == ("", "", "")
    assert next(iter(t.records())) == (
        2,
        {
            "id": "F1",
            "name": "人民公园篮球场",
            "kind": "篮球场",
            "region": "410102",
            "area": "420",
            "lon": "113.6",
            "lat": "34.7",
            "opened": "2020/5/1",
        },
    )


def test_utf8_bom_semicolon_tsv_and_gzip_read_the_same(tmp_path: Path) -> None:
    rows = [HEADER_ZH, *ROWS_ZH]
    base = read_table(write_csv(tmp_path / "a.csv", rows, "utf-8"), table="facilities")
    variants = {
        "utf-8-sig": write_csv(tmp_path / "bom.csv", rows, "utf-8-sig"),
        ";": write_csv(tmp_path / "semi.csv", rows, "gbk", ";"),
        "tsv": write_csv(tmp_path / "t.tsv", rows, "utf-8", "\t"),
        "txt-tab": write_csv(tmp_path / "t.txt", rows, "gb18030", "\t"),
        "gz": write_csv(tmp_path / "g.csv.gz", rows, "gbk"),
        "utf-16": tmp_path / "excel-unicode.txt",
    }
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter="\t").writerows(rows)
    variants["utf-16"].write_bytes(buf.getvalue().encode("utf-16"))
    for name, path in variants.items():
        t = read_table(path, table="facilities")
        assert t.fields == base.fields, name
        assert t.rows.tolist() == base.rows.tolist(), name
        assert "\ufeff" not in "".join(t.header), name
    assert read_table(variants["utf-8-sig"], table="facilities").encoding == "utf-8-sig"
    assert read_table(variants[";"], table="facilities").delimiter == ";"
    assert read_table(variants["tsv"], table="facilities").delimiter == "\t"
    assert read_table(variants["utf-16"], table="facilities").encoding == "utf-16"


def test_comma_file_with_semicolons_in_cells_keeps_comma(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "a.csv",
        [["编号", "名称", "类型", "区县", "面积"], ["F1", "a;b;c", "x", "1", "2"]],
        "utf-8",
    )
    t = read_table(p, table="facilities")
    assert t.delimiter == "," and t.fields["name"] == ("a;b;c",)


def test_title_rows_blank_rows_and_extra_columns_keep_spreadsheet_numbers(tmp_path: Path) -> None:
    rows = [
        ["2024年清河市体育场地统计表", "", "", "", "", ""],
        ["填报单位：体育局", "", "", "", "", ""],
        ["序号", "场地编号", "场地类型", "行政区划代码", "场地面积（万平方米）", "备注"],
        ["1", "F1", "篮球场", "410102", "0.042", "新建"],
        ["", "", "", "", "", ""],
        ["2", "F2", "足球场", "410103", "0.714", ""],
        ["3", "F3", "游泳池", "410104", "0.125"],  # short row: padded
    ]
    t = read_table(write_csv(tmp_path / "t.csv", rows, "gbk"), table="facilities")
    assert t.header_row == 3
    assert t.rows.tolist() == [4, 6, 7]
    assert t.extra == {"序号": ("1", "2", "3"), "备注": ("新建", "", "")}
    assert t.units == {"area": "万平方米"} and t.scale("area") == 10_000


def test_undecodable_byte_names_file_and_spreadsheet_row(tmp_path: Path) -> None:
    lines = [",".join(HEADER_ZH), *(",".join(r) for r in ROWS_ZH)]
    data = "\r\n".join(lines).encode("gb18030") + b"\r\n"
    # row 4 (the third data row) gets a lead byte followed by a byte no GB18030 trail allows
    raw = data.split(b"\r\n")
    raw[3] = raw[3].replace(b"F3", b"F\x81\x203")
    p = tmp_path / "坏.csv"
    p.write_bytes(b"\r\n".join(raw))
    with pytest.raises(DataError, match=r"^坏\.csv, row 4: cannot decode byte 0x81") as info:
        read_table(p, table="facilities")
    assert info.value.row == 4 and info.value.source == "坏.csv"
    assert "neither UTF-8 nor GB18030" in str(info.value)
    assert not isinstance(info.value, UnicodeDecodeError)


def test_damaged_utf8_file_is_reported_not_read_as_gb18030(tmp_path: Path) -> None:
    text = "\r\n".join(",".join(r) for r in [HEADER_ZH, *ROWS_ZH]) + "\r\n"
    data = bytearray(text.encode("utf-8"))
    cut = data.index("滨".encode())
    data[cut] = 0xFF
    p = tmp_path / "u.csv"
    p.write_bytes(bytes(data))
    with pytest.raises(DataError, match=r"u\.csv, row 4: cannot decode byte 0xff as utf-8"):
        read_table(p, table="facilities")


def test_explicit_encoding_wins(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "g.csv", [HEADER_ZH, *ROWS_ZH], "gbk")
    assert read_table(p, table="facilities", encoding="gbk").encoding == "gbk"
    with pytest.raises(DataError, match=r"g\.csv, row 1: cannot decode .* not utf-8"):
        read_table(p, table="facilities", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"^encoding='klingon': unknown codec"):
        read_table(p, table="facilities", encoding="klingon")


def test_explicit_delimiter(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "a.csv", [["编号", "类型", "区县", "面积"], ["F1", "x", "1", "2"]], "utf-8", "|"
    )
    assert read_table(p, table="facilities", delimiter="|").fields["id"] == ("F1",)
    with pytest.raises(DataError, match="every row has one column"):
        read_table(p, table="facilities")
    with pytest.raises(InvalidInputError, match=r"^delimiter='\|\|': expected one character"):
        read_table(p, table="facilities", delimiter="||")


# ----------------------------------------------------------------------------- workbooks
def make_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    other = wb.create_sheet("场地")
    other["A1"] = "2024年体育场地统计表"
    other.merge_cells("A1:H1")
    other["A2"] = "填报单位：清河市体育局        填报日期：2024年12月"
    other.merge_cells("A2:H2")
    other.append(
        [
            "场地编号",
            "场地名称",
            "场地类型",
            "行政区划代码",
            "场地面积（㎡）",
            "建成日期",
            "停用日期",
            "备注",
        ]
    )
    other.append(["F1", "一号场", "篮球场", "410102", 420.0, dt.date(2024, 3, 1), None, 5])
    other.append(["F2", "二号场", "七人制足球场", 410103, "1250.50", 45352, "", None])
    other.append([None] * 8)
    other.append(
        ["F3", "三号场", "游泳馆", "0410104", 1250.5, dt.datetime(2023, 1, 2), 45400.0, "x"]
    )
    ws["A1"] = "see sheet 场地"
    wb.save(path)
    return path


def test_xlsx_merged_titles_dates_serials_and_text_numbers(tmp_path: Path) -> None:
    p = make_workbook(tmp_path / "场地.xlsx")
    t = read_table(p, table="facilities", sheet="场地")
    assert (t.format, t.sheet, t.header_row, t.encoding) == ("xlsx", "场地", 3, None)
    # oracle: openpyxl's own reader for where each id sits
    ws = openpyxl.load_workbook(p)["场地"]
    where = {row[0].value: row[0].row for row in ws.iter_rows(min_row=4) if row[0].value}
    assert t.rows.tolist() == [where["F1"], where["F2"], where["F3"]] == [4, 5, 7]
    assert t.fields["region"] == ("410102", "410103", "0410104")
    assert t.fields["area"] == ("420", "1250.50", "1250.5")
    assert t.fields["kind"] == ("篮球场", "七人制足球场", "游泳馆")
    serial = openpyxl_from_excel(45352).date().isoformat()
    assert t.fields["opened"] == ("2024-03-01", serial, "2023-01-02")
    assert t.fields["closed"] == ("", "", openpyxl_from_excel(45400).date().isoformat())
    assert t.extra == {"备注": ("5", "", "x")}
    assert t.units == {"area": "m2"} and t.scale("area") == 1
    assert read_table(p, table="facilities", sheet=1).fields == t.fields
    assert read_table(p, table="facilities", sheet=-1).fields == t.fields


def test_first_sheet_by_default_and_bad_sheet(tmp_path: Path) -> None:
    p = make_workbook(tmp_path / "b.xlsx")
    with pytest.raises(
        DataError, match=r"^b\.xlsx, row 1: no header row found: .*'see sheet 场地'"
    ):
        read_table(p, table="facilities")
    with pytest.raises(NotFoundError, match=r"^sheet='设施': expected one of '汇总', '场地'$"):
        read_table(p, table="facilities", sheet="设施")
    with pytest.raises(NotFoundError, match=r"^sheet=5: the workbook has 2 sheets"):
        read_table(p, table="facilities", sheet=5)


def test_xlsx_renamed_csv_is_read_by_its_bytes(tmp_path: Path) -> None:
    p = make_workbook(tmp_path / "a.xlsx")
    renamed = tmp_path / "a.csv"
    shutil.copy(p, renamed)
    t = read_table(renamed, table="facilities", sheet="场地")
    assert t.format == "xlsx"
    assert t.fields == read_table(p, table="facilities", sheet="场地").fields


def test_csv_named_xlsx_and_junk_are_refused(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "a.xlsx", [HEADER_ZH, *ROWS_ZH], "utf-8")
    with pytest.raises(DataError, match=r"^a\.xlsx: named \.xlsx but not an Excel workbook"):
        read_table(p, table="facilities")
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataError, match=r"^junk\.csv: looks like a binary file"):
        read_table(junk, table="facilities")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(DataError, match=r"^broken\.xlsx: cannot read the xlsx workbook"):
        read_table(broken, table="facilities")
    odd = tmp_path / "a.json"
    odd.write_text("{}")
    with pytest.raises(InvalidInputError, match=r"expected a \.csv, \.csv\.gz, \.tsv"):
        read_table(odd, table="facilities")


# ----------------------------------------------------------------------------- edge files
def test_header_only_empty_and_missing_files(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "h.csv", [HEADER_ZH], "gbk")
    t = read_table(p, table="facilities")
    assert len(t) == 0 and t.fields["id"] == () and t.rows.tolist() == []
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match=r"^e\.csv, row 1: the file is empty"):
        read_table(empty, table="facilities")
    with pytest.raises(NotFoundError, match="file not found"):
        read_table(tmp_path / "nope.csv", table="facilities")
    fake_gz = tmp_path / "f.csv.gz"
    fake_gz.write_text("id\n1\n")
    with pytest.raises(DataError, match=r"^f\.csv\.gz: named \.gz but not gzip"):
        read_table(fake_gz, table="facilities")


def test_unknown_header_gets_a_suggestion(tmp_path: Path) -> None:
    rows = [
        ["场地编号", "场地类型", "所属区县", "场地面职(平方米)"],
        ["F1", "篮球场", "410102", "420"],
    ]
    p = write_csv(tmp_path / "s.csv", rows, "gbk")
    with pytest.raises(DataError) as info:
        read_table(p, table="facilities")
    msg = str(info.value)
    assert msg.startswith("s.csv, row 1: missing column area (面积, 场地面积, 体育场地面积)")
    assert "'场地面职(平方米)' is not known, did you mean '场地面积'?" in msg
    t = read_table(p, table="facilities", columns={"场地面职(平方米)": "area"})
    assert t.fields["area"] == ("420",) and t.units == {"area": "平方米"}
    t = read_table(p, table="facilities", columns={"场地面职": "area"})  # unit part ignored
    assert t.fields["area"] == ("420",)


def test_no_header_names_the_expected_headers(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "n.csv", [["a", "b"], ["1", "2"]], "utf-8")
    with pytest.raises(DataError) as info:
        read_table(p, table="population")
    assert str(info.value) == (
        "n.csv, row 1: no header row found: expected headers such as region (行政区划代码), "
        "year (年份), population (常住人口); searched rows 1-2; row 1 reads ['a', 'b']"
    )


def test_collect_returns_findings_and_raise_raises_the_first(tmp_path: Path) -> None:
    rows = [["编号", "类型", "所属区县"], ["F1", "篮球场", "410102", "surplus"], ["F2", "x", "1"]]
    p = write_csv(tmp_path / "c.csv", rows, "utf-8")
    t = read_table(p, table="facilities", errors="collect")
    assert [(f.row, f.detail.split(";")[0]) for f in t.findings] == [
        (1, "missing column area (面积, 场地面积, 体育场地面积)"),
        (2, "row has 4 cells, the header has 3: a delimiter inside an unquoted cell?"),
    ]
    assert t.fields["id"] == ("F1", "F2")
    with pytest.raises(DataError, match="missing column area"):
        read_table(p, table="facilities")
    with pytest.raises(DataError, match=r"^c\.csv, row 2: row has 4 cells"):
        read_table(p, fields=["id"], columns={"编号": "id"})
    with pytest.raises(
        InvalidInputError, match=r"^errors='ignore': expected one of 'raise', 'collect'"
    ):
        read_table(p, table="facilities", errors="ignore")  # type: ignore[arg-type]


def test_duplicate_field_keeps_the_preferred_alias(tmp_path: Path) -> None:
    rows = [
        ["编号", "所属区县", "行政区划代码", "类型", "面积"],
        ["F1", "中原区", "410102", "x", "1"],
    ]
    t = read_table(write_csv(tmp_path / "d.csv", rows, "utf-8"), table="facilities")
    assert t.fields["region"] == ("410102",)
    assert t.extra == {"所属区县": ("中原区",)}


def test_argument_errors(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "a.csv", [["id"], ["1"]], "utf-8")
    with pytest.raises(InvalidInputError, match=r"^columns\['ID'\]='size': expected one of 'id'"):
        read_table(p, fields=["id"], columns={"ID": "size"})
    with pytest.raises(NotFoundError, match=r"^table='venues': expected one of"):
        read_table(p, table="venues")
    with pytest.raises(InvalidInputError, match="give table= or fields="):
        read_table(p)
    t = read_table(p, fields={"id": FieldSpec("id", aliases=("编号",))})
    with pytest.raises(NotFoundError, match=r"^field='area': expected one of 'id'"):
        t.column("area")


def test_bad_unit_in_header(tmp_path: Path) -> None:
    rows = [["编号", "类型", "区县", "面积(公斤)"], ["F1", "x", "1", "2"]]
    t = read_table(write_csv(tmp_path / "u.csv", rows, "utf-8"), table="facilities")
    with pytest.raises(DataError, match=r"^u\.csv, row 1, field area: area unit='公斤': expected"):
        t.scale("area")


def test_serial_dates_in_csv_date_columns_only(tmp_path: Path) -> None:
    rows = [
        ["编号", "类型", "区县", "面积", "建成日期"],
        ["F1", "x", "45352", "45352", "45352"],
        ["F2", "x", "1", "2", "2024-03-01"],
        ["F3", "x", "1", "2", "20240301"],
    ]
    t = read_table(write_csv(tmp_path / "s.csv", rows, "utf-8"), table="facilities")
    assert t.fields["opened"] == ("2024-03-01", "2024-03-01", "20240301")
    assert t.fields["region"][0] == "45352" and t.fields["area"][0] == "45352"


# ----------------------------------------------------------------------------- helpers
@given(st.integers(1, 2_958_465).filter(lambda n: n != 60), st.floats(0, 0.999))
def test_from_excel_serial_matches_openpyxl(day: int, time: float) -> None:
    assert from_excel_serial(day + time) == openpyxl_from_excel(day + time).date()


def test_from_excel_serial_edges() -> None:
    epoch_1904 = dt.datetime(1904, 1, 1)
    assert from_excel_serial(0, system=1904) == dt.date(1904, 1, 1)
    assert (
        from_excel_serial(1000, system=1904) == openpyxl_from_excel(1000, epoch=epoch_1904).date()
    )
    for bad, msg in [
        (60, "1900-02-29, a day that does not exist"),
        (0, "expected an Excel day number from 1 to 2958465"),
        (2_958_466, "from 1 to 2958465"),
        ("x", "expected an Excel day number"),
    ]:
        with pytest.raises(InvalidInputError, match=msg):
            from_excel_serial(bad)
    with pytest.raises(InvalidInputError, match=r"^system=1901: expected one of 1900, 1904"):
        from_excel_serial(1, system=1901)  # type: ignore[arg-type]


def test_cell_text() -> None:
    assert [cell_text(v) for v in (12.0, -0.0, 1e20, 0.1, 7, False, dt.time(8, 30))] == [
        "12",
        "0",
        "1e+20",
        "0.1",
        "7",
        "false",
        "08:30:00",
    ]


def test_decode_prefers_utf8_and_falls_back() -> None:
    assert decode("编号".encode()) == ("编号", "utf-8")
    assert decode("编号".encode("gbk")) == ("编号", "gb18030")
    assert decode("𠀀".encode("gb18030")) == ("𠀀", "gb18030")  # 4-byte GB18030, not GBK


# ----------------------------------------------------------------------------- alias data


def test_sample_city_headers_are_all_canonical() -> None:
    city = resources.files("sportsgov").joinpath("data/sample_city")
    for table, stem in [
        ("facilities", "facilities.csv"),
        ("population", "population.csv"),
        ("regions", "regions.csv"),
        ("observations", "observations.csv"),
        ("events", "events.csv"),
        ("instructors", "instructors.csv"),
        ("schools", "schools.csv"),
        ("budget_lines", "budget_lines.csv"),
        ("subsidy_claims", "subsidy_claims.csv"),
        ("talent_stock", "talent_stock.csv"),
        ("talent_rates", "talent_rates.csv"),
        ("population_grid", "population_grid.csv.gz"),
        ("road_nodes", "roads_nodes.csv.gz"),
        ("road_edges", "roads_edges.csv.gz"),
    ]:
        with resources.as_file(city.joinpath(stem)) as path:
            t = read_table(path, table=table)
        assert t.extra == {}, (stem, t.extra)
        assert t.header_row == 1 and len(t) > 0 and t.encoding == "utf-8"
        assert set(t.fields) == set(t.header), stem


# ----------------------------------------------------------------------------- round trips
_CELL = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 .,;-\"'场地篮球足体育馆区县人口ＡＢ１２㎡𠀀\n")),
    max_size=6,
).filter(lambda s: not s.startswith("="))
_TABLES = st.lists(st.lists(_CELL, min_size=3, max_size=3), max_size=6)


def _expected(rows: list[list[str]]) -> tuple[list[list[str]], list[int]]:
    kept = [(r, i + 2) for i, r in enumerate(rows) if any(r)]
    return [r for r, _ in kept], [n for _, n in kept]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_TABLES, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_csv_round_trip(tmp_path: Path, rows: list[list[str]], encoding: str) -> None:
    p = tmp_path / "r.csv"
    write_csv(p, [["a", "b", "c"], *rows], encoding)
    if encoding == "gb18030":  # bytes that are also valid UTF-8 are read as UTF-8 (documented)
        data = p.read_bytes()
        assume(data.decode("gb18030") == data.decode("utf-8", errors="replace"))
    t = read_table(p, fields=["a", "b", "c"])
    kept, numbers = _expected(rows)
    assert [list(r) for r in zip(*(t.fields[f] for f in "abc"), strict=True)] == kept
    assert t.rows.tolist() == numbers


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=_TABLES)
def test_xlsx_round_trip(tmp_path: Path, rows: list[list[str]]) -> None:
    # openpyxl writes a blank-only text without xml:space="preserve", so readers
    # (Excel too) see an empty cell: compare with that
    rows = [[c if c.strip() else "" for c in r] for r in rows]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["a", "b", "c"])
    for r in rows:
        ws.append([c if c else None for c in r])
    p = tmp_path / "r.xlsx"
    wb.save(p)
    t = read_table(p, fields=["a", "b", "c"])
    kept, numbers = _expected(rows)
    assert [list(r) for r in zip(*(t.fields[f] for f in "abc"), strict=True)] == kept
    assert t.rows.tolist() == numbers


def test_open_handles_text_and_binary(tmp_path: Path) -> None:
    text = "\r\n".join(",".join(r) for r in [HEADER_ZH, *ROWS_ZH]) + "\r\n"
    base = read_table(io.StringIO(text, newline=""), table="facilities")
    assert base.source == "<stream>" and base.fields["name"][0] == "人民公园篮球场"
    assert read_table(io.BytesIO(text.encode("gbk")), table="facilities").fields == base.fields
    gz = io.BytesIO(gzip.compress(text.encode("utf-8-sig")))
    assert read_table(gz, table="facilities", source="upload").fields == base.fields
    p = make_workbook(tmp_path / "w.xlsx")
    with p.open("rb") as fh:
        t = read_table(fh, table="facilities", sheet="场地")
    assert t.source == "w.xlsx" and t.format == "xlsx"
    with pytest.raises(DataError, match=r"^<stream>, row 1: the file is empty"):
        read_table(io.StringIO(""), table="facilities")


def test_excel_floats_show_fifteen_digits() -> None:
    assert cell_text(0.1 + 0.2) == "0.3"
    assert cell_text(113.606174) == "113.606174"
    assert cell_text(1e-05) == "1e-05"


def test_bracket_notes_of_non_quantity_headers_are_kept(tmp_path: Path) -> None:
    rows = [
        ["编号", "类型", "区县", "面积", "经度(GCJ-02)", "纬度（GCJ-02）"],
        ["F1", "x", "1", "2", "113", "34"],
    ]
    t = read_table(write_csv(tmp_path / "n.csv", rows, "utf-8"), table="facilities")
    assert t.units == {"lon": "gcj-02", "lat": "gcj-02"}
    assert t.scale("lon") == 1 and t.scale("area") == 1


# ------------------------------------------------- column-wise fast paths against the oracles
_PLAIN = st.text(alphabet=st.sampled_from(list("abX019 .-场地区县")), max_size=4)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(_PLAIN, min_size=0, max_size=5), max_size=8),
    title=st.booleans(),
    crlf=st.booleans(),
    end=st.sampled_from(["\n", ""]),
)
@example(rows=[["1", "2", "3"], ["x", "", "z"]], title=True, crlf=False, end="")  # rectangular
@example(rows=[["1", "2", "3"], [], ["", "", ""], ["x", "y"]], title=False, crlf=True, end="\n")
@example(rows=[["1", "2", "3", "4"], ["x", "y", "z"]], title=False, crlf=False, end="")  # 4+2=2*3
@example(rows=[["1", "2", "3"], ["", "", ""], ["4", "5", "6"]], title=False, crlf=True, end="")
@example(rows=[["1", "2", "3"], ["", "", ""]], title=True, crlf=False, end="")  # blank last row
@example(rows=[["1", "2", "3"], ["", "", ""]], title=True, crlf=True, end="\n")
def test_unquoted_text_matches_the_csv_module(
    tmp_path: Path, rows: list[list[str]], title: bool, crlf: bool, end: str
) -> None:
    """Unquoted files are split column-wise when every row is full; the csv module,
    reading the same text row by row, is the oracle (blank rows skipped but counted,
    short rows padded, a filled cell beyond the header an error with its row)."""
    lines = (["2024年 表,,"] if title else []) + ["a,b,c"] + [",".join(r) for r in rows]
    text = ("\r\n" if crlf else "\n").join(lines) + end
    p = tmp_path / "plain.csv"
    p.write_bytes(text.encode("utf-8"))
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    first = 3 if title else 2  # spreadsheet row of the first body row
    kept = [(r, first + i) for i, r in enumerate(parsed[first - 1 :]) if any(r)]
    too_long = [n for r, n in kept if any(r[3:])]
    if too_long:
        with pytest.raises(DataError, match=rf"^plain.csv, row {too_long[0]}: row has"):
            read_table(p, fields=["a", "b", "c"])
        return
    t = read_table(p, fields=["a", "b", "c"])
    assert t.header_row == first - 1
    assert t.rows.tolist() == [n for _, n in kept]
    padded = [[*r, "", "", ""][:3] for r, _ in kept]
    assert [list(r) for r in zip(*(t.fields[f] for f in "abc"), strict=True)] == padded


_CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**17), 10**17),
    st.floats(),
    st.sampled_from([0.0, -0.0, 1e15, 1e16 - 2, 123456789012345.0, 0.1 + 0.2, 45292.0]),
    st.text(alphabet="a1 -", max_size=3),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.times(),
)


@st.composite
def _workbook_columns(draw: st.DrawFn) -> list[list[object]]:
    n = draw(st.integers(0, 12))
    floats = st.lists(st.floats(), min_size=n, max_size=n)  # all-float columns: one pass
    mixed = st.lists(_CELL_VALUES, min_size=n, max_size=n)
    return [draw(st.one_of(floats, mixed)) for _ in range(2)]


def _date_text(value: object) -> str:
    """Oracle for a date field's cell: Excel serials through from_excel_serial."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return from_excel_serial(value).isoformat()
        except InvalidInputError:
            pass
    return cell_text(value)


@settings(max_examples=80)
@given(columns=_workbook_columns())
def test_workbook_columns_convert_like_cell_by_cell(columns: list[list[object]]) -> None:
    """build_table converts workbook columns at once; cell_text on every cell (and
    from_excel_serial in date fields) is the oracle, rows of zeros and False stay."""
    specs = field_specs(None, {"a": FieldSpec("a"), "d": FieldSpec("d", type="date")})
    grid = [["a", "d"], *map(list, zip(*columns, strict=True))]
    t = build_table(grid, specs=specs, user={}, source="w.xlsx", fmt="xlsx")
    kept = [
        (r, i + 2)
        for i, r in enumerate(grid[1:])
        if any(not (v is None or (isinstance(v, str) and v == "")) for v in r)
    ]
    assert t.rows.tolist() == [n for _, n in kept]
    assert list(t.fields["a"]) == [cell_text(r[0]) for r, _ in kept]
    assert list(t.fields["d"]) == [_date_text(r[1]) for r, _ in kept]


def test_a_duplicate_names_both_copies_by_their_spreadsheet_rows(tmp_path: Path) -> None:
    # a title row and a blank line push the records down: record 1 is on row 3, record 3
    # on row 6 (oracle: counting the lines written here, header = row 2 under the title)
    from sportsgov.regions import PopulationTable, RegionTree

    regions = tmp_path / "regions.csv"
    regions.write_text(
        "清河市行政区划\ncode,name,level,parent\nA,City,city,\nA1,D1,district,A\n\nA1,D2,district,A\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"row 6, field code: .*first seen in row 4\)"):
        RegionTree.from_file(regions)
    population = tmp_path / "population.csv"
    population.write_text(
        "人口表\nregion,year,population\nA1,2023,10\nA1,2024,11\nA1,2023,12\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"row 5, .*first seen in row 3\)"):
        PopulationTable.from_file(population)


def test_gbk_whose_chinese_happens_to_be_valid_utf8_is_read_as_gbk(tmp_path: Path) -> None:
    # 元 is D4 AA in GBK, also the UTF-8 of the Armenian Ԫ: a GBK export with English
    # headers and only that character used to come back as "180.00Ԫ"
    from sportsgov.budget import BudgetLineTable
    from sportsgov.money import Money

    p = tmp_path / "lines.csv"
    p.write_bytes("line,budget,spent\nB1,180.00元,0\n".encode("gbk"))
    assert "180.00元".encode("gbk").decode("utf-8") == "180.00Ԫ"  # the trap is real
    raw = read_table(p, fields=["line", "budget", "spent"])
    assert raw.encoding == "gb18030" and raw.column("budget") == ("180.00元",)
    assert BudgetLineTable.from_file(p).lines[0].budget == Money.yuan("180.00")
    # genuine UTF-8 stays UTF-8: Chinese (three-byte), Latin letters, a Greek unit
    for text in ("line,budget\nB1,180.00元\n", "name,area\ncafé,12\n", "x,y\nμ,1\n体育,2\n"):
        p.write_bytes(text.encode("utf-8"))
        assert decode(text.encode("utf-8"))[1] == "utf-8", text
