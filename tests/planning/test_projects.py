"""Candidate projects read through the tolerant reader (``sportsgov/planning/projects.py``).

Oracles: the bundled ``projects.csv`` read by Python's own ``csv`` module (the same
projects, ids, areas and money whatever the file's encoding or format), and openpyxl
as the writer of the workbook.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.citydata import sample_city_path
from sportsgov.errors import DataError
from sportsgov.money import Money
from sportsgov.planning import CandidateProject, ProjectTable

PROJECTS = sample_city_path() / "projects.csv"
ZH_HEADER = [
    "项目编号",
    "项目名称",
    "所属区县",
    "场地类型",
    "面积(平方米)",
    "投资(万元)",
    "经度",
    "纬度",
]


def _oracle() -> list[dict[str, str]]:
    with PROJECTS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _zh_rows() -> list[list[str]]:
    # the sample file rewritten as a bureau's spreadsheet: Chinese headers, cost in 万元
    return [
        [r["id"], r["name"], r["region"], r["kind"], r["area_m2"], r["cost"].removesuffix("万元"),
         r["lon"], r["lat"]]
        for r in _oracle()
    ]  # fmt: skip


def _check_same_as_sample(table: ProjectTable) -> None:
    rows = _oracle()
    assert len(table) == len(rows) == 68
    for p, r in zip(table, rows, strict=True):
        assert isinstance(p, CandidateProject)
        assert (p.id, p.name, p.region, p.kind) == (r["id"], r["name"], r["region"], r["kind"])
        assert p.area == Decimal(r["area_m2"])
        assert p.cost == Money.parse(r["cost"])
        assert (p.lon is None) == (r["lon"] == "")
        if p.lon is not None:
            assert (p.lon, p.lat) == (float(r["lon"]), float(r["lat"]))


def test_the_bundled_projects_csv() -> None:
    assert all(r["cost"].endswith("万元") for r in _oracle())  # _zh_rows relies on it
    _check_same_as_sample(ProjectTable.from_file(PROJECTS))


def test_a_gbk_file_with_chinese_headers_and_a_title_row(tmp_path: Path) -> None:
    p = tmp_path / "候选项目.csv"
    lines = ["2025年候选项目表" + "," * 7, ",".join(ZH_HEADER)]
    lines += [",".join(r) for r in _zh_rows()]
    p.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    _check_same_as_sample(ProjectTable.from_file(p))


def test_an_xlsx_with_a_merged_title_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目"
    ws.append(["2025年全民健身设施候选项目"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ZH_HEADER))
    ws.append(ZH_HEADER)
    for r in _zh_rows():
        # numbers as numbers, as a spreadsheet holds them; no site: empty cells
        ws.append([*r[:4], int(r[4]), Decimal(r[5]), *(float(x) if x else None for x in r[6:])])
    p = tmp_path / "项目.xlsx"
    wb.save(p)
    table = ProjectTable.from_file(p)
    _check_same_as_sample(table)
    assert table.source == "项目.xlsx"


def test_bad_cells_name_the_spreadsheet_row_and_field(tmp_path: Path) -> None:
    p = tmp_path / "项目.csv"
    text = (
        "说明:候选项目\n项目编号,所属区县,面积(平方米),投资(万元)\n"
        "A,990102,500,100\nB,990102,500,很多\n"
    )
    p.write_bytes(text.encode("gbk"))
    with pytest.raises(DataError) as exc:
        ProjectTable.from_file(p)
    assert str(exc.value).startswith("项目.csv, row 4, field cost: ")


def test_a_missing_cost_column_is_named(tmp_path: Path) -> None:
    p = tmp_path / "p.csv"
    p.write_text("id,region,area_m2\nA,990102,1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"p\.csv, row 1: missing column cost \(投资"):
        ProjectTable.from_file(p)


def test_from_frame_matches_from_file() -> None:
    pytest.importorskip("pandas")
    t = ProjectTable.from_file(PROJECTS)
    import pandas as pd

    df = pd.read_csv(PROJECTS, dtype=str, keep_default_na=False)
    assert ProjectTable.from_frame(df) == ProjectTable(t.rows, "<DataFrame>")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,region,area_m2,cost\nA,990102,-1,1万元\n", "row 2, field area_m2: area_m2='-1'"),
        ("id,region,area_m2,cost\nA,990102,1,1万元\nA,990102,1,1万元\n", "row 3, field id"),
        ("id,region,area_m2,cost,lon,lat\nA,990102,1,1万元,34.7,\n", "row 2, field lon: lon, lat"),
        ("id,region,area_m2,cost,lon,lat\nA,990102,1,1万元,34.7,113.6\n", "row 2, field lat"),
        ("id,region,area_m2,cost\nA,990102,1,-1万元\n", "row 2, field cost: cost='-1万元'"),
        ("id,region,area_m2,cost\nA,990102,1,lots\n", "field cost: cost='lots': expected a"),
        ("id,region,area_m2,cost\nA,,1,1万元\n", "row 2, field region: region='': missing"),
        ("id,region,area_m2,cost\n", "p.csv: no data rows"),
    ],
)
def test_bad_rows_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(".", r"\.")):
        ProjectTable.from_file(path)


_project_rows = st.lists(
    st.tuples(
        st.integers(0, 10**7),  # area [m²]
        st.integers(0, 10**12),  # cost [fen]
        st.one_of(st.none(), st.tuples(st.integers(-1800, 1800), st.integers(-900, 900))),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=30)
@given(rows=_project_rows)
def test_gbk_chinese_headers_round_trip_any_valid_rows(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[int, int, tuple[int, int] | None]]
) -> None:
    # oracle: the generated values; cost written in 元 with fen, coordinates in tenths
    lines = ["编号,所属区县,面积(平方米),投资(元),经度,纬度"]
    for i, (area, fen, site) in enumerate(rows):
        lon, lat = ("", "") if site is None else (f"{site[0] / 10}", f"{site[1] / 10}")
        lines.append(f"项目{i},410102,{area},{Money.from_fen(fen)},{lon},{lat}")
    p = tmp_path_factory.mktemp("p") / "项目.csv"
    p.write_bytes("\n".join(lines).encode("gbk"))
    table = ProjectTable.from_file(p)
    assert table.ids == tuple(f"项目{i}" for i in range(len(rows)))
    for got, (area, fen, site) in zip(table, rows, strict=True):
        assert (got.area, got.cost.fen, got.region, got.kind) == (
            area,
            fen,
            "410102",
            "multi_purpose",
        )
        assert (got.lon, got.lat) == (
            (None, None) if site is None else (site[0] / 10, site[1] / 10)
        )


def test_rows_are_the_spreadsheet_rows_and_frames_read_back(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("2025年候选项目,,,\nid,region,area_m2,cost\nA,990102,1,1万元\nB,990102,2,3\n")
    t = ProjectTable.from_file(path)
    assert [p.row for p in t] == [3, 4]  # the title row shifts them, header = row 2
    one = ProjectTable.from_records([{"id": "A", "region": "R", "area_m2": 1, "cost": 1}])
    assert [p.row for p in one] == [1]  # the record number without a file
    pytest.importorskip("pandas")
    df = t.to_frame()
    assert list(df.columns) == [
        "id",
        "name",
        "region",
        "kind",
        "area_m2",
        "cost_yuan",
        "lon",
        "lat",
    ]
    assert df["cost_yuan"].tolist() == [Decimal("10000.00"), Decimal("3.00")]
    assert ProjectTable.from_frame(df) == t  # the source (file vs frame) is not compared
    bundled = ProjectTable.from_file(PROJECTS)
    assert ProjectTable.from_frame(bundled.to_frame()) == bundled


@settings(max_examples=30)
@given(rows=_project_rows, areas=st.lists(st.decimals("0", "1e6", places=2), min_size=8))
def test_to_frame_round_trips_through_from_frame(
    rows: list[tuple[int, int, tuple[int, int] | None]], areas: list[Decimal]
) -> None:
    pytest.importorskip("pandas")
    # oracle: the generated projects themselves, rebuilt from the DataFrame
    projects = tuple(
        CandidateProject(
            f"P{i}",
            f"项目{i}",
            "410102",
            "multi_purpose",
            areas[i],
            Money.from_fen(fen),
            None if site is None else site[0] / 10,
            None if site is None else site[1] / 10,
        )
        for i, (_, fen, site) in enumerate(rows)
    )
    table = ProjectTable(projects)
    df = table.to_frame()
    assert df["cost_yuan"].tolist() == [Money.from_fen(f).to_decimal() for _, f, _ in rows]
    assert ProjectTable.from_frame(df).rows == projects
