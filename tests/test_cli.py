"""The ``sportsgov`` command line, run in-process on real files in temporary directories.

Every success path writes real files that are read back; every failure class is checked for
its exit code (2 usage, 1 the work could not be done) and for ONE line on stderr naming the
file/row at fault. The full report on the sample city takes a couple of seconds, so it is
built once per module.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov import plans
from sportsgov._version import __version__
from sportsgov.apportionment import apportion
from sportsgov.citydata import sample_city_path
from sportsgov.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("sportsgov: error: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report")
    code, stdout, stderr = run("report", "--out", str(out))
    assert code == EXIT_OK, stderr
    return out, stdout


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """A writable copy of the sample city (only the small files; big ones are linked)."""
    root = tmp_path / "city"
    root.mkdir()
    for path in sample_city_path().iterdir():
        if path.stat().st_size > 100_000:
            (root / path.name).symlink_to(path)
        else:
            shutil.copy(path, root / path.name)
    return root


def rewrite(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (1-based data row) of a CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row - 1][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --------------------------------------------------------------------------- report
def test_report_default_writes_four_files_and_a_summary(sample_report: tuple[Path, str]) -> None:
    out, stdout = sample_report
    assert sorted(p.name for p in out.iterdir()) == [
        "figures",
        "index.html",
        "report.json",
        "report.md",
        "report.xlsx",
    ]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="scorecard"' in page
    # self-contained: scripts and styles are inline (the map's Leaflet too), nothing is fetched
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?:", page)
    assert "<link" not in page and "<script src" not in page
    doc = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert doc["meta"]["city"] == "清河市" and doc["meta"]["as_of"] == "2024-09-30"
    assert [s["key"] for s in doc["sections"]] == [
        "indicators",
        "coverage",
        "talent",
        "budget",
        "scores",
        "plan",
        "quality",
    ]
    assert doc["meta"]["data_quality"] == {"warnings": 0, "findings": []}
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# 清河市") and "合成示例数据" in md
    # the summary names where the files are, one line per file
    for name in ("index.html", "report.md", "report.json", "report.xlsx"):
        assert f"报告已写入 {out / name}" in stdout
    assert "人均体育场地面积" in stdout
    assert "数据质量:未发现不合理的数据。" in stdout  # the summary says how many findings
    import openpyxl

    book = openpyxl.load_workbook(out / "report.xlsx")
    assert len(book.worksheets) == len(doc["sections"])  # one sheet per section
    indicators = book.worksheets[0]
    header = next(r for r in indicators.iter_rows(values_only=True) if r[0] == "区县")
    assert "常住人口" in header  # Chinese headers
    values = [c for r in indicators.iter_rows(values_only=True) for c in r]
    assert any(isinstance(v, int) and v > 100_000 for v in values)  # numbers as numbers


def test_report_english_markdown_only_with_as_of(tmp_path: Path) -> None:
    code, stdout, stderr = run(
        "report",
        "--lang",
        "en",
        "--format",
        "md",
        "--as-of",
        "2024-06-30",
        "--out",
        str(tmp_path),
        "--quiet",
    )
    assert code == EXIT_OK, stderr
    assert stdout == ""  # --quiet: no summary
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures", "report.md"]
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "As of 2024-06-30" in md and "synthetic sample data" in md


def test_report_plan_by_name_and_by_file(tmp_path: Path) -> None:
    code, _, stderr = run(
        "report", "--plan", "national-2025-2035", "--format", "json", "--out", str(tmp_path / "a")
    )
    assert code == EXIT_OK, stderr
    doc = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert doc["meta"]["plan"] == "national-2025-2035"
    plan_file = tmp_path / "my-plan.toml"
    source = plans.catalog_path("zhengzhou-2024") if hasattr(plans, "catalog_path") else None
    if source is None:
        source = next(Path(plans.__file__).parent.rglob("zhengzhou-2024.toml"))
    shutil.copy(source, plan_file)
    code, _, stderr = run(
        "report", "--plan", str(plan_file), "--format", "json", "--out", str(tmp_path / "b")
    )
    assert code == EXIT_OK, stderr
    doc = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert doc["meta"]["plan"] == "zhengzhou-2024"


def test_report_on_own_data_directory(city: Path, tmp_path: Path) -> None:
    # a modified copy: rename the city and drop the optional budget and talent files
    (city / "city.toml").write_text(
        (city / "city.toml")
        .read_text(encoding="utf-8")
        .replace('name = "清河市"', 'name = "测试市"'),
        encoding="utf-8",
    )
    for name in (
        "budget_lines.csv",
        "subsidy_program.toml",
        "subsidy_claims.csv",
        "talent_rates.csv",
        "schools.csv",
    ):
        (city / name).unlink()
    code, _, stderr = run(
        "report", "--data", str(city), "--format", "json", "--out", str(tmp_path / "o"), "--quiet"
    )
    assert code == EXIT_OK, stderr
    doc = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert doc["meta"]["city"] == "测试市"
    assert doc["meta"]["skipped"] == ["talent", "budget"]
    assert any("缺少数据" in n and "后备人才梯队" in n for n in doc["notes"])


# --------------------------------------------------------------------------- coverage
@pytest.fixture
def points(tmp_path: Path) -> tuple[Path, Path]:
    demand = tmp_path / "demand.csv"
    demand.write_text(
        "lon,lat,population,region\n113.600,34.70,100,A\n113.700,34.70,50,B\n113.601,34.70,30,A\n",
        encoding="utf-8",
    )
    facilities = tmp_path / "facilities.csv"
    facilities.write_text("lon,lat\n113.6005,34.70\n", encoding="utf-8")
    return demand, facilities


def test_coverage_summary_by_region(points: tuple[Path, Path]) -> None:
    code, stdout, _ = run(
        "coverage", str(points[0]), str(points[1]), "--radius", "500", "--by", "region"
    )
    assert code == EXIT_OK
    # hand check: A's two points lie 46 m and 46 m from the facility, B's lies ~9.1 km away
    assert stdout.splitlines() == [
        "covered 130 of 180 residents (72.22%) within 500 m",
        "  A: 100.00% (130 of 130)",
        "  B: 0.00% (0 of 50)",
    ]


def test_coverage_writes_uncovered_csv_and_geojson(
    points: tuple[Path, Path], tmp_path: Path
) -> None:
    out_csv = tmp_path / "x.csv"
    code, stdout, _ = run(
        "coverage", str(points[0]), str(points[1]), "--radius", "1 km", "--out", str(out_csv)
    )
    assert code == EXIT_OK
    assert "within 1 km" in stdout and "km m" not in stdout
    with out_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["region"] for r in rows] == ["B"]
    # independent check of the distance: haversine on the 0.1005° of longitude at 34.70°N
    import math

    expected = (
        2
        * 6_371_008.8
        * math.asin(math.cos(math.radians(34.70)) * math.sin(math.radians(0.0995) / 2))
    )
    assert float(rows[0]["nearest_m"]) == pytest.approx(expected, abs=20)
    out_geo = tmp_path / "x.geojson"
    code, _, _ = run(
        "coverage", str(points[0]), str(points[1]), "--radius", "500", "--out", str(out_geo)
    )
    assert code == EXIT_OK
    geo = json.loads(out_geo.read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert [f["geometry"]["coordinates"] for f in geo["features"]] == [[113.7, 34.7]]


# ------------------------------------------------------------------ apportion, plans, version
def test_apportion_table_matches_the_library() -> None:
    code, stdout, _ = run("apportion", "10", "A=5", "B=3", "C=2", "--method", "webster")
    assert code == EXIT_OK
    assert stdout.splitlines()[-1] == "method=webster  total=10"


@given(st.lists(st.integers(1, 10_000), min_size=2, max_size=6), st.integers(10, 200))
def test_apportion_cli_agrees_with_the_library(weights: list[int], total: int) -> None:
    names = [f"U{i}" for i in range(len(weights))]
    code, stdout, _ = run(
        "apportion",
        str(total),
        *(f"{n}={w}" for n, w in zip(names, weights, strict=True)),
        "--ties",
        "order",
    )
    assert code == EXIT_OK
    seats = {line.split()[0]: int(line.split()[-1]) for line in stdout.splitlines()[1:-1]}
    assert seats == apportion(total, dict(zip(names, weights, strict=True)), ties="order").seats
    assert sum(seats.values()) == total


def test_apportion_with_floor_and_cap() -> None:
    code, stdout, _ = run("apportion", "10", "A=8", "B=1", "C=1", "--floor", "B=2", "--cap", "A=6")
    assert code == EXIT_OK
    seats = {line.split()[0]: int(line.split()[-1]) for line in stdout.splitlines()[1:-1]}
    assert seats["A"] == 6 and seats["B"] >= 2 and sum(seats.values()) == 10


def test_plans_list_show_check(tmp_path: Path) -> None:
    code, stdout, _ = run("plans", "list")
    assert code == EXIT_OK
    names = [line.split()[0] for line in stdout.splitlines()]
    assert "zhengzhou-2024" in names and names == sorted(names)
    code, stdout, _ = run("plans", "show", "zhengzhou-2024")
    assert code == EXIT_OK
    n = len(plans.load("zhengzhou-2024").targets)
    assert stdout.splitlines()[0] == f"zhengzhou-2024: {n} targets"
    assert len(stdout.splitlines()) == n + 1
    source = next(Path(plans.__file__).parent.rglob("zhengzhou-2024.toml"))
    code, stdout, _ = run("plans", "check", str(source))
    assert code == EXIT_OK and stdout.strip() == f"{source}: ok, {n} targets"


def test_version() -> None:
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = main(["--version"])
    assert code == EXIT_OK
    assert out.getvalue().strip() == f"sportsgov {__version__}"


# --------------------------------------------------------------------------- usage errors → 2
@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        (["report", "--lang", "fr"], "invalid choice: 'fr'"),
        (["report", "--format", "pdf"], "--format: 'pdf'"),
        (["report", "--nope"], "unrecognized arguments: --nope"),
        (["coverage", "a.csv", "b.csv"], "required: --radius"),
        (["apportion", "ten", "A=1"], "invalid int value: 'ten'"),
        (["plans", "show"], "required: name"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], fragment: str) -> None:
    code, stdout, err = run(*argv)
    assert code == EXIT_USAGE
    assert fragment in err and "Try 'sportsgov --help'." in err
    assert "Traceback" not in err and stdout == ""


def test_no_command_prints_help_and_exits_2() -> None:
    code, stdout, _ = run()
    assert code == EXIT_USAGE and "usage: sportsgov" in stdout


# ------------------------------------------------------------------ failures → 1, one line
def test_bad_facility_row_names_file_row_and_field(city: Path, tmp_path: Path) -> None:
    (city / "facilities.csv").unlink()
    shutil.copy(sample_city_path() / "facilities.csv", city / "facilities.csv")
    rewrite(city / "facilities.csv", 7, "area", "lots")
    code, _, err = run("report", "--data", str(city), "--out", str(tmp_path / "o"), "--quiet")
    assert code == EXIT_FAILED
    line = one_line_error(err)
    assert "facilities.csv, row 8, field area: area='lots'" in line  # header = row 1
    assert not (tmp_path / "o").exists()  # nothing half-written


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "message"),
    [
        ("population.csv", 3, "population", "many", "population.csv, row 4, field population"),
        (
            "budget_lines.csv",
            2,
            "spent",
            "lots",
            "budget_lines.csv, row 3, field spent: spent='lots'",
        ),
        ("instructors.csv", 4, "instructors", "x", "instructors.csv, row 5, field instructors"),
        (
            "schools.csv",
            5,
            "athletes",
            "-3",
            "schools.csv, row 6, field athletes: athletes='-3': must be >= 0",
        ),
        ("observations.csv", 2, "value", "?", "observations.csv, row 3, field value"),
        ("talent_stock.csv", 1, "stock", "1.5", "talent_stock.csv, row 2, field stock"),
        ("regions.csv", 2, "settlement", "town", "regions.csv, row 3, field settlement"),
    ],
)
def test_bad_csv_cells_exit_1_with_one_line(
    city: Path, tmp_path: Path, name: str, row: int, column: str, value: str, message: str
) -> None:
    rewrite(city / name, row, column, value)
    code, _, err = run("report", "--data", str(city), "--out", str(tmp_path / "o"), "--quiet")
    assert code == EXIT_FAILED
    assert message in one_line_error(err)


def test_bad_gzipped_road_file_names_the_file(city: Path, tmp_path: Path) -> None:
    import gzip

    (city / "roads_nodes.csv.gz").unlink()
    with gzip.open(city / "roads_nodes.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write("id,lon,lat\n0,113.6,34.7\n1,east,34.7\n")
    code, _, err = run("report", "--data", str(city), "--out", str(tmp_path / "o"), "--quiet")
    assert code == EXIT_FAILED
    assert "roads_nodes.csv.gz, row 3, field lon" in one_line_error(err)  # header = row 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "--plan", "nope"], "name='nope': no bundled plan"),
        (["report", "--plan", "missing.toml"], "no such plan file"),
        (["report", "--as-of", "2024-13-01"], "as_of='2024-13-01': not a valid date"),
        (["report", "--data", "/nonexistent/city"], "not a directory"),
        (["apportion", "2", "A=1", "B=1", "C=1", "--method", "huntington-hill"], "at least 3"),
        (["apportion", "5", "A=1", "B=1", "--floor", "A=4", "B=4"], "sum of floors (8)"),
        (["apportion", "5", "A=1", "B=1"], "tied"),
        (["apportion", "5", "A=1", "B=x"], "weights[B]='x': expected a number"),
        (["apportion", "5", "A=1", "--method", "dhont"], "method='dhont'"),
        (["plans", "show", "nope"], "no bundled plan"),
        (["plans", "check", "/nonexistent.toml"], "no such plan file"),
        (
            ["coverage", "/nonexistent.csv", "b.csv", "--radius", "5"],
            "path='/nonexistent.csv': no such file",
        ),
    ],
)
def test_failures_exit_1_with_one_line(argv: list[str], message: str, tmp_path: Path) -> None:
    if argv[0] == "report":
        argv = [*argv, "--out", str(tmp_path / "o"), "--quiet"]
    code, _, err = run(*argv)
    assert code == EXIT_FAILED
    assert message in one_line_error(err)


def test_missing_required_file(city: Path, tmp_path: Path) -> None:
    (city / "population.csv").unlink()
    code, _, err = run("report", "--data", str(city), "--out", str(tmp_path / "o"), "--quiet")
    assert code == EXIT_FAILED
    assert one_line_error(err).endswith("missing required file population.csv")


def test_bad_coverage_csv_row(points: tuple[Path, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("lon,lat,population\n113.6,34.7,10\n113.6,34.7,ten\n", encoding="utf-8")
    code, _, err = run("coverage", str(bad), str(points[1]), "--radius", "500")
    assert code == EXIT_FAILED
    assert (
        "bad.csv, row 2, field population: population='ten': expected a number"
        in one_line_error(err)
    )
    code, _, err = run("coverage", str(points[0]), str(points[1]), "--radius", "-5")
    assert code == EXIT_FAILED
    assert "radius=-5 m: must be > 0 m" in one_line_error(err)
    dms = tmp_path / "dms.csv"
    dms.write_text("lon,lat,population\n113°36′E,34°42′N,10\n113°61′,34.7,3\n", "utf-8")
    code, _, err = run("coverage", str(dms), str(points[1]), "--radius", "500")
    assert code == EXIT_FAILED
    assert "dms.csv, row 2, field lon: lon='113°61′': minutes must be < 60" in one_line_error(err)


def test_debug_shows_the_traceback() -> None:
    from sportsgov.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match=r"as_of='2024-13-01': not a valid date"):
        main(
            ["report", "--as-of", "2024-13-01", "--quiet", "--debug"],
            out=io.StringIO(),
            err=io.StringIO(),
        )
    with pytest.raises(InvalidInputError, match=r"weights\[A\]='x'"):
        main(["--debug", "apportion", "3", "A=x"], out=io.StringIO(), err=io.StringIO())


def test_debug_traceback_in_a_real_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "sportsgov.cli", "apportion", "3", "A=x", "--debug"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "sportsgov.cli", "apportion", "3", "A=x"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert proc.stderr == "sportsgov: error: weights[A]='x': expected a number\n"


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "sportsgov", "apportion", "10", "A=5", "B=3", "C=2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "method=hamilton" in done.stdout


def test_error_hints_use_cli_spelling_and_help_lists_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run("apportion", "2", "A=1", "B=1", "C=1")
    assert code == EXIT_FAILED
    line = one_line_error(err)
    assert "pass --ties order" in line and "ties='order'" not in line
    capsys.readouterr()
    assert run("apportion", "--help")[0] == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "{error,order}" in out and "huntington-hill" in out and "dhondt" in out
    assert run("report", "--help")[0] == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--population-year" in out and "xlsx" in out and "{zh,en}" in out
