"""CityData: the loader of a city data directory (the input of ``sportsgov report``)."""

from __future__ import annotations

import csv
import gzip
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportsgov.citydata import CityData, sample_city_path
from sportsgov.errors import DataError
from sportsgov.report import build_report

if TYPE_CHECKING:
    from tests.conftest import TinyCity


@pytest.fixture(scope="module")
def sample() -> CityData:
    return CityData.sample()


# --------------------------------------------------------------------------- the sample city
def test_sample_city_loads_every_part(sample: CityData) -> None:
    assert sample.name == "清河市" and sample.synthetic and sample.root_code == "990100"
    assert str(sample.as_of) == "2024-09-30"
    for part in (
        "grid",
        "roads",
        "instructors",
        "events",
        "budget_lines",
        "subsidy_program",
        "subsidy_claims",
        "talent",
        "talent_stock",
        "schools",
        "observations",
    ):
        assert getattr(sample, part) is not None, part
    assert len(sample.facilities) >= 5000


def test_sample_population_rolls_up_like_a_plain_csv_sum(sample: CityData) -> None:
    # oracle: the csv module and a dict, no sportsgov code
    with (sample_city_path() / "population.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = sum(int(r["population"]) for r in rows if r["year"] == "2023")
    assert int(sample.population.get(sample.root_code, 2023)) == total


def test_sample_grid_matches_the_file(sample: CityData) -> None:
    with gzip.open(
        sample_city_path() / "population_grid.csv.gz", "rt", encoding="utf-8"
    ) as handle:
        rows = list(csv.DictReader(handle))
    assert sample.grid is not None
    assert len(sample.grid.lon) == len(rows)
    assert float(sample.grid.weight.sum()) == pytest.approx(
        sum(float(r["population"]) for r in rows)
    )
    assert list(sample.grid_regions[:3]) == [r["region"] for r in rows[:3]]


# --------------------------------------------------------------------------- a minimal city
def test_minimal_city_has_no_optional_parts(tmp_path: Path, tiny_city: TinyCity) -> None:
    city = CityData.load(tiny_city.write(tmp_path / "mini"))
    assert city.name == "小城市" and not city.synthetic
    for part in (
        "grid",
        "roads",
        "instructors",
        "events",
        "budget_lines",
        "subsidy_program",
        "talent",
        "observations",
    ):
        assert getattr(city, part) is None, part


def test_minimal_city_report_leaves_out_sections_and_says_so(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    report = build_report(data=tiny_city.write(tmp_path / "mini"), lang="en", charts=False)
    assert [s.key for s in report.sections] == ["indicators", "scores", "quality"]
    assert report.meta["skipped"] == ["coverage", "talent", "budget", "plan"]
    assert report.notes == (
        "Left out for lack of data: Fitness-circle coverage (urban 10 / rural 15 minutes), "
        "Talent pipeline, Budget execution and subsidies, Next year's plan",
    )
    # by hand: as of 2024-09-30 the latest year-end population is 2023's;
    # (7140 + 420 + 300) m² / 200,000 people, and the county 300 m² / 80,000
    data = report.sections[0].data
    assert data["population_year"] == 2023
    assert data["per_capita_area"]["990100"] == pytest.approx(7860 / 200_000)
    assert data["per_capita_area"]["990121"] == pytest.approx(300 / 80_000)
    assert data["pitches_per_10k"]["990101"] == pytest.approx(1 / 12)


@pytest.mark.parametrize(
    ("drop", "skipped"),
    [
        (["population_grid.csv.gz"], ["coverage"]),
        (["talent_rates.csv", "schools.csv"], ["talent"]),
        (["budget_lines.csv", "subsidy_program.toml"], ["budget"]),
        (["projects.csv"], ["plan"]),
    ],
)
def test_each_optional_part_absent_skips_its_section(
    tmp_path: Path, drop: list[str], skipped: list[str]
) -> None:
    root = tmp_path / "city"
    root.mkdir()
    for path in sample_city_path().iterdir():
        if path.name not in drop:
            (root / path.name).symlink_to(path)
    city = CityData.load(root)
    report = build_report(data=city, charts=False, lang="en")
    assert report.meta["skipped"] == skipped
    assert any(n.startswith("Left out for lack of data") for n in report.notes)


def test_csv_gz_is_accepted_wherever_csv_is(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    data = (root / "population.csv").read_bytes()
    (root / "population.csv").unlink()
    (root / "population.csv.gz").write_bytes(gzip.compress(data, mtime=0))
    assert int(CityData.load(root).population.get("990100", 2024)) == 200_000


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 5_000_000), min_size=2, max_size=2))
def test_root_population_is_the_sum_of_its_children(
    tmp_path: Path, tiny_city: TinyCity, pops: list[int]
) -> None:
    root = tiny_city.write(tmp_path / f"p{pops[0]}_{pops[1]}")
    (root / "population.csv").write_text(
        f"region,year,population\n990101,2024,{pops[0]}\n990121,2024,{pops[1]}\n", encoding="utf-8"
    )
    assert int(CityData.load(root).population.get("990100", 2024)) == sum(pops)


# --------------------------------------------------------------------------- bad files
def test_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"data='.*nowhere': not a directory"):
        CityData.load(tmp_path / "nowhere")


@pytest.mark.parametrize("name", ["regions.csv", "population.csv", "facilities.csv"])
def test_missing_required_file(tmp_path: Path, name: str, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    (root / name).unlink()
    with pytest.raises(DataError, match=rf"mini: missing required file {name}") as info:
        CityData.load(root)
    assert info.value.source == str(root)


@pytest.mark.parametrize(
    ("name", "text", "match", "row"),
    [
        (
            "population.csv",
            "region,year,population\n990101,2024,12\n990121,2024,lots\n",
            r"population='lots'",
            2,
        ),
        (
            "facilities.csv",
            "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public\n"
            "F1,城关体育场,football_11,990101,7140,,113.60,34.70,wgs84,2010-01-01,,true\n"
            "F2,城关篮球场,basketball,990101,-4,,113.61,34.70,gcj02,2015-05-01,,true\n",
            r"area",
            2,
        ),
        (
            "instructors.csv",
            "region,year,instructors\n990101,2024,x\n",
            r"instructors='x': expected a whole number",
            1,
        ),
        (
            "budget_lines.csv",
            "line,name,region,budget,spent\nB1,a,990100,10万元,1万元\nB2,b,990100,ten,0\n",
            r"budget='ten': expected a money amount",
            2,
        ),
        (
            "schools.csv",
            "school,region,coaches,athletes\nS1,990101,2,-30\n",
            r"athletes='-30': must be >= 0",
            1,
        ),
        (
            "subsidy_claims.csv",
            "claim_id,person,kind,amount,on\nC1,P1,ski_ticket,100,2024-13-01\n",
            r"on='2024-13-01': not a valid date \(month must be in 1..12\)",
            1,
        ),
        (
            "population_grid.csv",
            "lon,lat,population,region\n113.6,34.7,10,990101\n113.6,north,3,990101\n",
            r"lat='north': expected degrees such as 113.6",
            2,
        ),
        (
            "talent_stock.csv",
            "region,tier,stock\n990101,一线,1.5\n",
            r"stock='1.5': expected a whole number",
            1,
        ),
    ],
)
def test_bad_cells_name_file_and_row(
    tmp_path: Path, name: str, text: str, match: str, row: int, tiny_city: TinyCity
) -> None:
    root = tiny_city.write(tmp_path / "mini")
    (root / name).write_text(text, encoding="utf-8")
    if name == "talent_stock.csv":
        (root / "talent_rates.csv").write_text("from,to,rate\n一线,一线,0.9\n", encoding="utf-8")
    with pytest.raises(DataError, match=match) as info:
        CityData.load(root)
    assert Path(str(info.value.source)).name == name
    assert info.value.row == row + 1  # the spreadsheet's row: header = row 1


def test_missing_column_is_named(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    (root / "schools.csv").write_text("school,region,coaches\nS1,990101,2\n", encoding="utf-8")
    with pytest.raises(
        DataError,
        match=r"schools.csv, row 1: missing column athletes \(运动员, 运动员人数, 学员\)",
    ):
        CityData.load(root)


def test_bad_toml(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    (root / "city.toml").write_text('name = "unterminated\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"city.toml: not valid TOML"):
        CityData.load(root)
    (root / "city.toml").write_text(tiny_city.toml, encoding="utf-8")
    (root / "subsidy_program.toml").write_text('name = "x"\nbogus = 1\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"subsidy_program.toml: unknown keys \['bogus'\]"):
        CityData.load(root)


def test_bad_road_file_is_named(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    (root / "roads_nodes.csv").write_text("id,lon,lat\n0,113.6,34.7\n1,x,34.7\n", encoding="utf-8")
    (root / "roads_edges.csv").write_text("source,target,length\n0,1,100\n", encoding="utf-8")
    # the row a spreadsheet shows: the header is row 1, the bad node row 3
    with pytest.raises(DataError, match=r"roads_nodes.csv, row 3, field lon: lon='x'"):
        CityData.load(root)


def test_two_roots_need_a_code(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    (root / "city.toml").write_text('as_of = "2024-09-30"\n', encoding="utf-8")
    (root / "regions.csv").write_text(
        tiny_city.regions.replace("990121,山里县,county,990100", "990121,山里县,county,"),
        encoding="utf-8",
    )
    city = CityData.load(root)
    with pytest.raises(DataError, match=r"regions has 2 roots: name the city's code in city.toml"):
        _ = city.root_code


def test_copy_of_sample_is_independent(tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(sample_city_path(), root)
    assert CityData.load(root).name == "清河市"


# ------------------------------------------------- bad numbers for the report (hardening)
@pytest.mark.parametrize(
    ("toml", "pattern"),
    [
        (
            '[standard]\ncoaches = "many"\nathletes = 51\n',
            r"city\.toml, field standard\.coaches: standard\.coaches='many': expected a whole",
        ),
        (
            "[standard]\ncoaches = 3\nathletes = -1\n",
            r"city\.toml, field standard\.athletes: standard\.athletes=-1: must be >= 0$",
        ),
        (
            "[standard]\ncoaches = 3.5\nathletes = 1\n",
            r"field standard\.coaches: standard\.coaches=3\.5: expected a whole number$",
        ),
        ("[standard]\nathletes = 1\n", r"field standard\.coaches: standard\.coaches: missing$"),
        ('standard = "x"\n', r"field standard: standard='x': expected a table \[standard\]$"),
        ('[talent]\nstart = "soon"\n', r"field talent\.start: talent\.start='soon': expected"),
        ("[talent]\nhorizon = 99999\n", r"talent\.horizon=99999: expected a year between"),
        ("[talent.target]\nfirst = [1]\n", r"talent\.target\.first=\[1\]: expected a whole"),
    ],
)
def test_city_toml_numbers_are_checked_on_load(
    tmp_path: Path, tiny_city: TinyCity, toml: str, pattern: str
) -> None:
    root = tiny_city.write(tmp_path / "c", toml=tiny_city.toml + toml)
    with pytest.raises(DataError, match=pattern):
        CityData.load(root)


def test_report_without_an_instructor_figure_before_the_date_is_a_data_error(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    root = tiny_city.write(tmp_path / "c")
    (root / "instructors.csv").write_text(
        "region,year,instructors\n990101,2025,40\n990121,2026,12\n", encoding="utf-8"
    )
    with pytest.raises(
        DataError,
        match=r"^instructors\.csv, field year: year: no instructor figure for 2024 or earlier "
        r"\(report as_of=2024-09-30; years in the file: 2025, 2026\)$",
    ):
        build_report(data=root, charts=False)


# --------------------------------------------------------------------------- region names


def _named_city(tmp_path: Path, tiny_city: TinyCity) -> Path:
    """The tiny city with a second city owning another 城关区, and names in the files."""
    root = tiny_city.write(tmp_path / "named")
    regions = (
        tiny_city.regions + "980100,河东市,city,,mixed\n980101,城关区,district,980100,urban\n"
    )
    (root / "regions.csv").write_text(regions, encoding="utf-8")
    (root / "population.csv").write_text(
        tiny_city.population.replace("990101,", "城关区（小城市）,").replace("990121,", "山里县,"),
        encoding="gbk",
    )
    (root / "facilities.csv").write_text(
        tiny_city.facilities.replace(",990101,", ",小城市城关区,").replace(",990121,", ",山里县,"),
        encoding="utf-8",
    )
    return root


def test_region_names_in_city_files_are_stored_as_codes(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    root = _named_city(tmp_path, tiny_city)
    (root / "schools.csv").write_bytes(
        "学校名称,所属区县,教练员,运动员\nS1,山里县,2,30\nS2,小城市城关区,1,20\nS3,990101,1,5\n"
        "S4,不存在区,1,5\n".encode("gbk")
    )
    (root / "observations.csv").write_text(
        "target,region,value,unit,as_of\nfields-built,city,3,块,2024-09-30\n"
        "fields-built,小城市,3,块,2024-09-30\n",
        encoding="utf-8",
    )
    city = CityData.load(root)
    assert city.population.get("990101", 2024) == 121_000
    assert sorted(city.facilities.region_codes) == ["990101", "990121"]
    assert city.schools is not None and city.observations is not None
    # names -> codes; a cell that is no region of the tree is kept for the checks to report
    assert [s.region for s in city.schools.rows] == ["990121", "990101", "990101", "不存在区"]
    assert [o.region for o in city.observations.rows] == ["city", "990100"]


def test_an_ambiguous_region_name_in_a_city_file_names_file_row_and_candidates(
    tmp_path: Path, tiny_city: TinyCity
) -> None:
    root = _named_city(tmp_path, tiny_city)
    (root / "schools.csv").write_text(
        "学校表\nschool,region,coaches,athletes\nS1,山里县,2,30\nS2,城关区,1,20\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        CityData.load(root)
    assert str(info.value).startswith(
        "schools.csv, row 4, field region: region='城关区': name is ambiguous: "
        "990101 (in 小城市), 980101 (in 河东市)"
    )
    # the required files too
    (root / "schools.csv").unlink()
    facilities = tiny_city.facilities.replace(",990121,", ",城关区,")
    (root / "facilities.csv").write_text(facilities, encoding="utf-8")
    with pytest.raises(DataError, match=r"facilities\.csv, row 4, field region: region='城关区'"):
        CityData.load(root)
