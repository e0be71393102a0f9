"""``sportsgov gaps`` and ``sportsgov whatif``, and the report's next-year plan section.

Run in-process on the bundled sample city. The JSON figures are checked against the
planning functions called directly, against hand computations (the area to add and its
exact cost), and against brute force (every project's catchment by haversine over all
uncovered residents; every resident inside a circle of the full-coverage sites). Bad
inputs give exit code 1 with one line naming the file/row/argument, or 2 for usage.
"""

from __future__ import annotations

import csv
import io
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sportsgov import plans
from sportsgov.citydata import CityData, sample_city_path
from sportsgov.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from sportsgov.coverage import FITNESS_CIRCLES, circle_coverage, radius_by_settlement
from sportsgov.errors import DataError
from sportsgov.money import Money
from sportsgov.planning import (
    Project,
    ProjectTable,
    Scenario,
    area_to_add,
    best_portfolio,
    diff,
    evaluate_city,
    gaps,
)
from sportsgov.report.settings import ReportSettings

PROJECTS = sample_city_path() / "projects.csv"
SCENARIO = """\
name = "next year"
base = "sample"

[[changes]]
type = "add_area"
region = "990123"
area = "120000"
cost = "5400万元"

[[changes]]
type = "add_events"
target = "community-games-district"
region = "990122"
count = 10

[[changes]]
type = "add_events"
target = "themed-activities-district"
region = "990122"
count = 3
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sportsgov: error: "), err
    return lines[0]


def section_data(out: Path, key: str) -> dict[str, Any]:
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (section,) = [s for s in doc["sections"] if s["key"] == key]
    data: dict[str, Any] = section["data"]
    return data


@pytest.fixture(scope="module")
def city() -> CityData:
    return CityData.sample()


@pytest.fixture(scope="module")
def base(city: CityData) -> Any:
    return evaluate_city(city)


@pytest.fixture(scope="module")
def uncovered(city: CityData) -> tuple[Any, Any, Any, Any, Any]:
    """Grid residents outside every fitness circle: mask, lon, lat, population, radius [m]."""
    assert city.grid is not None and city.grid_regions is not None
    district_of = {}
    for d in city.regions.children(city.root_code):
        for r in city.regions.descendants(d.code, include_self=True):
            district_of[r.code] = d.code
    by = np.array([district_of[str(c)] for c in city.grid_regions])
    settlement = {d: city.regions.get(d).settlement for d in set(by.tolist())}
    facilities = city.facilities.to_points(datum="wgs84", as_of=city.as_of)
    covered = np.asarray(
        circle_coverage(
            city.grid, facilities, radius=FITNESS_CIRCLES, by=by, regions=settlement
        ).covered
    )
    return (
        covered,
        np.asarray(city.grid.lon),
        np.asarray(city.grid.lat),
        np.asarray(city.grid.weight, dtype=float),
        radius_by_settlement(settlement, by),
    )


def haversine(lon1: Any, lat1: Any, lon2: float, lat2: float) -> Any:
    r = 6_371_008.8
    p1, p2 = np.radians(lat1), math.radians(lat2)
    a = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * math.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * r * np.arcsin(np.sqrt(a))


# ------------------------------------------------------------------------------ gaps
@pytest.fixture(scope="module")
def gaps_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("gaps")
    code, stdout, stderr = run("gaps", "--out", str(out), "--lang", "en")
    assert code == EXIT_OK, stderr
    return out, stdout


def test_gaps_writes_html_md_json(gaps_out: tuple[Path, str]) -> None:
    out, stdout = gaps_out
    assert {p.name for p in out.iterdir()} >= {"index.html", "report.md", "report.json"}
    assert "Gaps and pace" in (out / "index.html").read_text(encoding="utf-8")
    assert "off course at the current pace" in stdout


def test_gaps_json_matches_the_library(
    gaps_out: tuple[Path, str], city: CityData, base: Any
) -> None:
    data = section_data(gaps_out[0], "gaps")
    pop = city.population.project(2025, method="linear")
    expected = gaps(base.assessment.plan, base.assessment, population=pop)
    assert data["gaps"] == json.loads(json.dumps(expected.to_data()))
    # by hand: >= 1,000 mass events, 790 held by 30 September: 210 left in 3 months
    row = next(
        r for r in data["gaps"]["rows"] if r["target"] == "mass-events" and r["region"] == "990100"
    )
    assert (row["shortfall"], row["months_left"], row["per_month"]) == ("210", "3", "70")


def test_gaps_area_to_add_by_hand(gaps_out: tuple[Path, str], city: CityData, base: Any) -> None:
    data = section_data(gaps_out[0], "gaps")["area_to_add"]
    pop = city.population.project(2025, method="linear")
    districts = [r.code for r in city.regions.children(city.root_code)]
    assert [r["region"] for r in data["rows"]] == districts
    total = Decimal(0)
    for row in data["rows"]:
        now = Decimal(str(round(base.area[row["region"]], 2)))
        need = Decimal("2.65") * pop.get(row["region"], 2025)
        add = max(Decimal(0), need - now)
        total += add
        assert Decimal(row["to_add"]) == add
        # 2000 yuan per m², exact to the fen, half up
        fen = (add * 200_000).quantize(Decimal(1), rounding="ROUND_HALF_UP")
        assert Money.parse(row["cost"]) == Money(int(fen))
    assert Decimal(data["total_to_add"]) == total
    again = area_to_add(
        "2.65",
        {d: Decimal(str(round(base.area[d], 2))) for d in districts},
        pop,
        year=2025,
        unit_costs={"*": "2000元"},
    )
    assert data == json.loads(json.dumps(again.to_data()))


def test_gaps_by_date(tmp_path: Path, city: CityData, base: Any) -> None:
    code, _, stderr = run("gaps", "--by", "2025-06-30", "--format", "json", "--out", str(tmp_path))
    assert code == EXIT_OK, stderr
    data = section_data(tmp_path, "gaps")["gaps"]
    assert data["by"] == "2025-06-30"
    pop = city.population.project(2025, method="linear")
    expected = gaps(base.assessment.plan, base.assessment, by="2025-06-30", population=pop)
    assert data == json.loads(json.dumps(expected.to_data()))


# ---------------------------------------------------------------------------- whatif
def test_whatif_scenario_before_after_matches_diff(tmp_path: Path, city: CityData) -> None:
    path = tmp_path / "next.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run("whatif", "--scenario", str(path), "--out", str(out))
    assert code == EXIT_OK, stderr
    assert "2 项目标状态改变" in stdout
    data = section_data(out, "whatif")
    sc = Scenario.from_toml(SCENARIO, base=city)
    expected = diff(sc.baseline().evaluate(), sc.evaluate())
    assert data["diff"] == json.loads(json.dumps(expected.to_data()))
    flips = {(f["target"], f["region"], f["after"]) for f in data["diff"]["flips"]}
    assert flips == {
        ("themed-activities-district", "990122", "met"),
        ("community-games-district", "990122", "met"),
    }
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (section,) = doc["sections"]
    table = next(t for t in section["tables"] if t["key"] == "before_after")
    row = next(r for r in table["rows"] if r[0] == "河口县")
    assert (row[7], row[8]) == (8, 5)  # rank before, after


def test_whatif_scenario_json_file(tmp_path: Path, city: CityData) -> None:
    path = tmp_path / "next.json"
    path.write_text(json.dumps(Scenario.from_toml(SCENARIO).to_data()), encoding="utf-8")
    code, _, stderr = run(
        "whatif", "--scenario", str(path), "--format", "json", "--out", str(tmp_path / "o")
    )
    assert code == EXIT_OK, stderr
    assert len(section_data(tmp_path / "o", "whatif")["diff"]["flips"]) == 2


@pytest.fixture(scope="module")
def portfolio_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("portfolio")
    code, _, stderr = run(
        "whatif", "--projects", str(PROJECTS), "--budget", "5000万元", "--out", str(out)
    )
    assert code == EXIT_OK, stderr
    return out


def test_whatif_reads_a_gbk_projects_file_with_chinese_headers(
    tmp_path: Path, portfolio_out: Path
) -> None:
    # the bundled projects.csv as a bureau would save it: a title row, Chinese headers, GBK
    rows = list(csv.reader(PROJECTS.read_text(encoding="utf-8").splitlines()))
    header = ["项目编号", "项目名称", "所属区县", "场地类型", "面积(平方米)", "投资"]
    header += ["经度", "纬度"]
    assert len(rows[0]) == len(header)
    text = "\r\n".join(",".join(r) for r in [["候选项目"], header, *rows[1:]]) + "\r\n"
    path = tmp_path / "候选项目.csv"
    path.write_bytes(text.encode("gbk"))
    out = tmp_path / "o"
    code, _, stderr = run(
        "whatif", "--projects", str(path), "--budget", "5000万元", "--format", "json",
        "--out", str(out),
    )  # fmt: skip
    assert code == EXIT_OK, stderr
    assert section_data(out, "portfolio") == section_data(portfolio_out, "portfolio")


def test_whatif_portfolio_matches_best_portfolio_with_brute_force_catchments(
    portfolio_out: Path, uncovered: tuple[Any, Any, Any, Any, Any]
) -> None:
    covered, lon, lat, pop, radius = uncovered
    open_idx = np.flatnonzero(~covered)
    projects = []
    catchments = {}
    for p in ProjectTable.from_file(PROJECTS):
        reach: list[int] = []
        if p.lon is not None and p.lat is not None:
            dist = haversine(lon[open_idx], lat[open_idx], p.lon, p.lat)
            reach = open_idx[dist <= radius[open_idx]].tolist()
        catchments[p.id] = set(reach)
        projects.append(
            Project(p.id, p.cost, adds={"area_m2": p.area}, region=p.region, covers=reach)
        )
    expected = best_portfolio(
        projects, "5000万元", objective="covered_population", population=pop, covered=covered
    )
    data = section_data(portfolio_out, "portfolio")
    assert data["portfolio"] == json.loads(json.dumps(expected.to_data()))
    assert data["portfolio"]["optimal"] is True
    reached = set().union(*(catchments[i] for i in data["portfolio"]["chosen"]))
    assert Decimal(data["portfolio"]["value"]) == Decimal(int(pop[sorted(reached)].sum()))
    assert Money.parse(data["portfolio"]["cost"]) <= Money.parse("5000万元")
    # before/after: the chosen sites raise coverage, never lower it
    for region, gained in data["diff"]["coverage_gained"].items():
        assert gained["population"] > 0, region


def test_whatif_portfolio_targets_met(tmp_path: Path) -> None:
    code, _, stderr = run(
        "whatif",
        "--projects",
        str(PROJECTS),
        "--budget",
        "3亿元",
        "--objective",
        "targets_met",
        "--format",
        "json",
        "--out",
        str(tmp_path),
    )
    assert code == EXIT_OK, stderr
    data = section_data(tmp_path, "portfolio")["portfolio"]
    assert data["objective"] == "targets_met"
    assert Decimal(data["value"]) == len(data["met"])


# ------------------------------------------------------------------- the report section
def test_report_plan_section_full_coverage_by_brute_force(
    tmp_path: Path, uncovered: tuple[Any, Any, Any, Any, Any]
) -> None:
    from sportsgov.report import build_report

    report = build_report(lang="en", charts=False)
    (section,) = [s for s in report.sections if s.key == "plan"]
    assert section.title == "Next year's plan"
    assert [t.key for t in section.tables][:3] == ["gaps", "area_to_add", "portfolio"]
    cover = section.data["sites_to_reach"]
    assert cover["optimal"] is True and cover["method"] == "milp"
    assert cover["covered"] == pytest.approx(cover["required"])
    covered, lon, lat, _, radius = uncovered
    sites = np.array(cover["sites_lonlat"])
    assert len(sites) == len(cover["sites"]) >= cover["lower_bound"] - 1e-6
    for i in np.flatnonzero(~covered):
        dist = haversine(sites[:, 0], sites[:, 1], float(lon[i]), float(lat[i]))
        assert dist.min() <= radius[i] + 1e-6, i
    assert "portfolio" in section.data and "diff" in section.data


# ---------------------------------------------------------------------- bad inputs
def test_missing_scenario_file_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("whatif", "--scenario", str(tmp_path / "nope.toml"))
    assert code == EXIT_FAILED
    line = one_line_error(err)
    assert "nope.toml" in line and "cannot read" in line


def test_invalid_scenario_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\n[[changes]]\ntype = "teleport"\n', encoding="utf-8")
    code, _, err = run("whatif", "--scenario", str(path), "--out", str(tmp_path / "o"))
    assert code == EXIT_FAILED
    line = one_line_error(err)
    assert "bad.toml" in line and "teleport" in line


@pytest.mark.parametrize("budget", ["5000万刀", "abc", "-5万元"])
def test_bad_budget_text_is_one_line(budget: str) -> None:
    code, _, err = run("whatif", "--projects", str(PROJECTS), f"--budget={budget}")
    assert code == EXIT_FAILED
    line = one_line_error(err)
    assert line.startswith(f"sportsgov: error: --budget={budget!r}: "), line


def test_bad_project_row_names_file_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text(
        "id,name,region,kind,area_m2,cost,lon,lat\n"
        "A,a,990102,gym,500,100万元,113.6,34.7\n"
        "B,b,990102,gym,500,lots,113.6,34.7\n",
        encoding="utf-8",
    )
    code, _, err = run("whatif", "--projects", str(path), "--budget", "5000万元")
    assert code == EXIT_FAILED
    line = one_line_error(err)
    assert "projects.csv, row 3, field cost" in line  # the spreadsheet row: header = row 1


@pytest.mark.parametrize(
    "argv",
    [
        ["whatif"],
        ["whatif", "--projects", "p.csv"],
        ["whatif", "--scenario", "s.toml", "--projects", "p.csv", "--budget", "1万元"],
        ["whatif", "--scenario", "s.toml", "--budget", "1万元"],
        ["gaps", "--format", "pdf"],
        ["gaps", "--lang", "fr"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    code, _, err = run(*argv)
    assert code == EXIT_USAGE
    assert "Try 'sportsgov --help'." in err


def test_by_before_as_of_is_one_line() -> None:
    code, _, err = run("gaps", "--by", "2024-01-01")
    assert code == EXIT_FAILED
    assert "by='2024-01-01': must be on or after as_of=2024-09-30" in one_line_error(err)


def test_plan_settings_defaults_and_errors() -> None:
    s = ReportSettings()
    assert (s.plan_year, s.plan_area_target, s.plan_unit_cost, s.plan_budget) == (
        2025,
        2.65,
        "2000元",
        "5000万元",
    )
    assert ReportSettings.from_table({"plan_budget": "3亿元"}).plan_budget == "3亿元"
    with pytest.raises(DataError, match=r"field report\.plan_budget: plan_budget='lots'"):
        ReportSettings.from_table({"plan_budget": "lots"})
    with pytest.raises(DataError, match=r"field report\.plan_objective: .*'covered_population'"):
        ReportSettings.from_table({"plan_objective": "fun"})
    with pytest.raises(DataError, match=r"field report\.plan_year"):
        ReportSettings.from_table({"plan_year": "2025"})


def test_projects_csv_is_the_bundled_plan_input() -> None:
    projects = ProjectTable.from_file(PROJECTS)
    assert len(projects) == 68 and len({p.id for p in projects}) == 68
    assert sum(1 for p in projects if p.lon is None) == 8  # district sports parks
    assert plans.load("zhengzhou-2024").name == "zhengzhou-2024"
    assert "SYNTHETIC" in (sample_city_path() / "README.md").read_text(encoding="utf-8")


def test_gaps_writes_the_section_as_a_workbook_too(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = io.StringIO()
    code = main(["gaps", "--out", str(tmp_path), "--lang", "en", "--quiet"], out=out)
    assert code == EXIT_OK
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True)
    # one sheet per section, holding every row of the section's tables
    assert len(book.sheetnames) == len(data["sections"]) == 1
    sheet = book[book.sheetnames[0]]
    rows = sum(len(t["rows"]) for t in data["sections"][0]["tables"])
    assert rows > 0 and sheet.max_row >= rows
