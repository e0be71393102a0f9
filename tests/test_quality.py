"""Real data in: converted sample cities read the same, corrupted cities are reported.

* The bundled sample city saved as GBK CSVs with Chinese headers and ``2024/3/1``
  dates, once as one ``.xlsx`` per table, and once as GBK CSVs naming districts and
  streets (东城区, 东城区文化路街道) instead of giving their codes, gives the same
  ``report.json`` figures as the UTF-8 original (the oracle is the original city's
  report).
* About 55 corrupted cities a user would try: each ends in a clear
  :class:`~sportsgov.errors.SportsgovError` message (``check_city`` lists it as an
  error, ``CityData.load`` raises it) or a data-quality warning, never a traceback
  nor a silently normal result.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sportsgov._common.aliases import table_fields
from sportsgov.citydata import CityData, sample_city_path
from sportsgov.errors import SportsgovError
from sportsgov.facilities import FacilityKinds
from sportsgov.quality import Finding, check_city, check_data
from sportsgov.report import build_report
from sportsgov.report.render import to_json

_TABLES = {
    "regions": "regions",
    "population": "population",
    "facilities": "facilities",
    "population_grid": "population_grid",
    "roads_nodes": "road_nodes",
    "roads_edges": "road_edges",
    "instructors": "instructors",
    "events": "events",
    "budget_lines": "budget_lines",
    "subsidy_claims": "subsidy_claims",
    "talent_rates": "talent_rates",
    "talent_stock": "talent_stock",
    "schools": "schools",
    "observations": "observations",
}


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _stem(path: Path) -> str:
    return path.name.split(".")[0]


def _chinese(
    rows: list[list[str]], table: str, names: dict[str, str] | None = None
) -> list[list[str]]:
    """Headers -> their first Chinese alias, ISO dates -> 2024/3/1, kind codes -> 中文名,
    and with ``names`` region codes -> the names (``{code: name}``)."""
    fields = table_fields(table)
    header = rows[0]
    region_col = header.index("region") if names and "region" in header else -1
    out_header = [fields[h].aliases[0] if h in fields and fields[h].aliases else h for h in header]
    dates = [j for j, h in enumerate(header) if h in fields and fields[h].type == "date"]
    kinds = FacilityKinds.default()
    kind_col = header.index("kind") if table == "facilities" else -1
    body = []
    for row in rows[1:]:
        row = list(row)
        for j in dates:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[j]):
                d = dt.date.fromisoformat(row[j])
                row[j] = f"{d.year}/{d.month}/{d.day}"
        if kind_col >= 0:
            row[kind_col] = kinds[row[kind_col]].name_zh
        if region_col >= 0 and names:
            row[region_col] = names.get(row[region_col], row[region_col])
        body.append(row)
    return [out_header, *body]


def _region_names(src: Path) -> dict[str, str]:
    """``{code: name}`` of the sample city: districts by name, streets qualified by
    their district (东城区文化路街道), as bureau files write them."""
    regions = {row[0]: row for row in _read_csv(src / "regions.csv")[1:]}
    names = {}
    for code, (_, name, level, parent, *_) in regions.items():
        names[code] = regions[parent][1] + name if level == "street" else name
    return names


def _convert(target: Path, how: str) -> Path:
    """The sample city saved as GBK CSVs (``how="gbk"``), one xlsx per table, or GBK
    CSVs with region names instead of codes outside ``regions.csv`` (``"gbk-names"``)."""
    src = sample_city_path()
    names = _region_names(src) if how == "gbk-names" else None
    target.mkdir(parents=True)
    for path in src.iterdir():
        # not tables of the reader (the plan section's candidate projects have their own
        # loader): copied as they are
        if path.suffix in (".toml", ".geojson") or path.name.startswith("projects."):
            shutil.copy(path, target / path.name)
            continue
        if ".csv" not in path.name:
            continue
        stem = _stem(path)
        rows = _chinese(_read_csv(path), _TABLES[stem], None if stem == "regions" else names)
        if how.startswith("gbk"):
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\r\n").writerows(rows)
            (target / f"{stem}.csv").write_bytes(buffer.getvalue().encode("gbk"))
        else:
            _write_xlsx(target / f"{stem}.xlsx", rows, title=stem == "facilities")
    return target


def _typed(cell: str) -> object:
    if re.fullmatch(r"-?\d{1,15}", cell) and not (len(cell) > 1 and cell.startswith("0")):
        return int(cell)
    if re.fullmatch(r"-?\d+\.\d+", cell):
        return float(cell)
    if re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", cell):
        y, m, d = map(int, cell.split("/"))
        return dt.datetime(y, m, d)
    return cell


def _write_xlsx(path: Path, rows: list[list[str]], *, title: bool) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    if title:  # a title row above the header, as bureau workbooks have
        sheet.append(["清河市体育场地统计表(2024年)"])
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([_typed(c) for c in row])
    book.save(path)


def _figures(path: Path | None) -> dict[str, object]:
    report = build_report(data=path, lang="en", charts=False)
    data = json.loads(to_json(report))
    data["meta"].pop("seconds", None)
    data["meta"].pop("total_seconds", None)
    for section in data["sections"]:
        section.pop("seconds", None)
    return data


@pytest.mark.slow
@pytest.mark.parametrize("how", ["gbk", "xlsx", "gbk-names"])
def test_converted_sample_city_gives_the_same_report(tmp_path: Path, how: str) -> None:
    if how == "xlsx":
        pytest.importorskip("python_calamine")
    converted = _convert(tmp_path / how, how)
    if how == "gbk":  # the files really are GBK with Chinese headers and 2024/3/1 dates
        raw = (converted / "facilities.csv").read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        text = raw.decode("gbk")
        assert text.startswith("编号,名称,类型,行政区划代码,面积") and "/" in text.splitlines()[1]
    if how == "gbk-names":  # districts and streets by name in every file but regions.csv
        lines = (converted / "facilities.csv").read_bytes().decode("gbk").splitlines()
        assert lines[1].split(",")[3] == "东城区文化路街道"
        schools = (converted / "schools.csv").read_bytes().decode("gbk").splitlines()
        assert schools[1].split(",")[1] == "东城区"
        # every region column came back as the codes (not only what the report shows)
        named, coded = CityData.load(converted), CityData.load(sample_city_path())
        for part in ("population", "instructors", "schools", "events", "budget_lines"):
            assert getattr(named, part) == getattr(coded, part), part
        assert named.observations is not None and coded.observations is not None
        assert named.observations.rows == coded.observations.rows
        assert named.talent_stock == coded.talent_stock
        assert list(named.grid_regions) == list(coded.grid_regions)
        for inv in (named.facilities, coded.facilities):
            assert all(code in inv.tree for code in inv.region_codes)
        assert [named.facilities.region_codes[i] for i in named.facilities.region] == [
            coded.facilities.region_codes[i] for i in coded.facilities.region
        ]
    assert _figures(converted) == _figures(None)


# --------------------------------------------------------------------------- corrupted cities

MINI_REGIONS = """code,name,level,parent,settlement
990100,小城市,city,,mixed
990101,城关区,district,990100,urban
990121,山里县,county,990100,rural
"""
MINI_POPULATION = """region,year,population
990101,2023,120000
990121,2023,80000
990101,2024,121000
990121,2024,79000
"""
_FACILITY_ROWS = [
    "F1,城关体育场,football_11,990101,7140,,113.600,34.700,wgs84,2010-01-01,,true",
    "F2,城关篮球场,basketball,990101,420,,113.610,34.702,wgs84,2015-05-01,,true",
    "F3,城关羽毛球馆,badminton,990101,600,,113.605,34.705,wgs84,2016-05-01,,true",
    "F4,城关游泳馆,swimming_pool,990101,1250,,113.603,34.698,wgs84,2017-05-01,,true",
    "F5,城关健身路径,fitness_path,990101,300,,113.612,34.701,wgs84,2018-05-01,,true",
    "F6,城关网球场,tennis,990101,670,,113.601,34.703,wgs84,2019-05-01,,true",
    "F7,山里健身路径,fitness_path,990121,300,,113.900,34.900,wgs84,2020-01-01,,true",
]
HEADER = "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public"
MINI_FACILITIES = "\n".join([HEADER, *_FACILITY_ROWS]) + "\n"
MINI_TOML = 'name = "小城市"\ncode = "990100"\nas_of = "2024-09-30"\nplan = "zhengzhou-2024"\n'
MINI_BUDGET = "line,name,region,budget,spent\nB1,全民健身工程,990100,100万元,60万元\n"


def _mini(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "regions.csv").write_text(MINI_REGIONS, encoding="utf-8")
    (root / "population.csv").write_text(MINI_POPULATION, encoding="utf-8")
    (root / "facilities.csv").write_text(MINI_FACILITIES, encoding="utf-8")
    (root / "budget_lines.csv").write_text(MINI_BUDGET, encoding="utf-8")
    (root / "city.toml").write_text(MINI_TOML, encoding="utf-8")
    return root


def _facility(i: int, **cells: str) -> Callable[[Path], None]:
    """Replace cells of facility row ``i`` (0-based) in facilities.csv."""

    def mutate(root: Path) -> None:
        names = HEADER.split(",")
        rows = [r.split(",") for r in _FACILITY_ROWS]
        for key, value in cells.items():
            rows[i][names.index(key)] = value
        lines = [HEADER, *(",".join(r) for r in rows)]
        (root / "facilities.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    return mutate


def _write(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / name).write_bytes(text.encode(encoding))

    return mutate


def _bytes(name: str, data: bytes, remove: str | None = None) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        if remove:
            (root / remove).unlink()
        (root / name).write_bytes(data)

    return mutate


def _remove(name: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / name).unlink()

    return mutate


def _population(region: str, year: str, value: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = MINI_POPULATION.replace(f"{region},{year},", f"{region},{year},X", 1)
        text = re.sub(rf"{region},{year},X\d+", f"{region},{year},{value}", text)
        (root / "population.csv").write_text(text, encoding="utf-8")

    return mutate


def _xlsx_bytes() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in MINI_FACILITIES.splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_renamed(root: Path) -> None:
    (root / "facilities.csv").write_bytes(_xlsx_bytes())


def _swap_gbk(root: Path) -> None:
    rows = [r.split(",") for r in MINI_FACILITIES.splitlines()]
    (root / "facilities.csv").write_bytes(
        "\n".join(",".join(r) for r in rows).encode("gbk") + b"\n"
    )


def _broken_utf8(root: Path) -> None:
    data = MINI_FACILITIES.encode("utf-8")
    cut = data.index("篮".encode())
    (root / "facilities.csv").write_bytes(data[:cut] + b"\xff\xfe" + data[cut + 3 :])


def _duplicate_coordinates(root: Path) -> None:
    _facility(1, lon="113.600", lat="34.700")(root)


OK = ("ok", "", "")
# (case id, mutation, expected): expected is ("error", file, message regex),
# ("warning", field, message regex) or OK (reads the same: encodings, layouts).
CASES: list[tuple[str, Callable[[Path], None], tuple[str, str, str]]] = [
    # --- files that read the same as the original
    ("gbk facilities", _swap_gbk, OK),
    (
        "utf-8 bom",
        _write("facilities.csv", "\ufeff" + MINI_FACILITIES),
        OK,
    ),
    ("xlsx renamed csv", _xlsx_renamed, OK),
    ("xlsx facilities", _bytes("facilities.xlsx", b"", remove="facilities.csv"), OK),
    ("semicolons", _write("facilities.csv", MINI_FACILITIES.replace(",", ";")), OK),
    ("tabs", _write("facilities.csv", MINI_FACILITIES.replace(",", "\t")), OK),
    ("crlf", _write("facilities.csv", MINI_FACILITIES.replace("\n", "\r\n")), OK),
    (
        "gzip",
        _bytes("facilities.csv.gz", gzip.compress(MINI_FACILITIES.encode()), "facilities.csv"),
        OK,
    ),
    (
        "title row",
        _write("facilities.csv", "2024年体育场地统计表,,,\n" + MINI_FACILITIES),
        OK,
    ),
    (
        "chinese headers",
        _write(
            "facilities.csv",
            MINI_FACILITIES.replace(
                HEADER,
                "场地编号,场地名称,场地类型,所属区县,面积(平方米),长度,经度,纬度,坐标系,建成日期,停用日期,是否开放",
            ),
        ),
        OK,
    ),
    ("slash dates", _facility(0, opened="2010/1/1"), OK),
    ("chinese dates", _facility(0, opened="2010年1月1日"), OK),
    ("chinese kind", _facility(1, kind="篮球场"), OK),
    ("area in mu", _facility(4, area="0.45亩"), OK),
    # --- errors: unreadable files and bad cells
    (
        "binary junk",
        _bytes("facilities.csv", bytes(range(256)) * 4),
        ("error", "facilities.csv", "binary"),
    ),
    ("empty file", _write("facilities.csv", ""), ("error", "facilities.csv", "empty")),
    (
        "header only",
        _write("facilities.csv", HEADER + "\n"),
        ("error", "facilities.csv", "no data|no facilit|empty"),
    ),
    ("broken utf-8", _broken_utf8, ("error", "facilities.csv", "decode")),
    (
        "text named xlsx",
        _bytes("facilities.xlsx", MINI_FACILITIES.encode(), "facilities.csv"),
        ("error", "facilities.xlsx", "not an Excel workbook"),
    ),
    (
        "missing facilities",
        _remove("facilities.csv"),
        ("error", "facilities.csv", "missing required file"),
    ),
    ("missing regions", _remove("regions.csv"), ("error", "regions.csv", "missing required file")),
    (
        "missing population",
        _remove("population.csv"),
        ("error", "population.csv", "missing required file"),
    ),
    (
        "missing column",
        _write("facilities.csv", MINI_FACILITIES.replace(",area,", ",size,")),
        ("error", "facilities.csv", "missing column area"),
    ),
    (
        "misspelt header",
        _write("facilities.csv", MINI_FACILITIES.replace(",area,", ",面职,")),
        ("error", "facilities.csv", "missing column area"),
    ),
    (
        "negative area",
        _facility(1, area="-420"),
        ("error", "facilities.csv", "area=-420.0: must be >= 0"),
    ),
    ("text area", _facility(1, area="大"), ("error", "facilities.csv", "area")),
    (
        "length as area",
        _facility(1, area="420 m"),
        ("error", "facilities.csv", "expected \\[area\\]"),
    ),
    (
        "unknown kind",
        _facility(1, kind="魁地奇球场"),
        ("error", "facilities.csv", "unknown facility kind"),
    ),
    ("bad date", _facility(1, opened="2024-13-01"), ("error", "facilities.csv", "opened")),
    (
        "closed before opened",
        _facility(1, opened="2024-05-01", closed="2024-04-01"),
        ("error", "facilities.csv", "must be after opened"),
    ),
    (
        "swapped lon lat",
        _facility(1, lon="34.702", lat="113.610"),
        ("error", "facilities.csv", "swapped"),
    ),
    ("duplicate id", _facility(1, id="F1"), ("error", "facilities.csv", "duplicate id")),
    ("unknown region", _facility(1, region="990199"), ("error", "facilities.csv", "region")),
    ("bad datum", _facility(1, datum="beijing54"), ("error", "facilities.csv", "datum")),
    ("bad public", _facility(1, public="maybe"), ("error", "facilities.csv", "true or false")),
    (
        "long row",
        _write(
            "facilities.csv",
            MINI_FACILITIES.replace("2015-05-01,,true", "2015-05-01,,true,extra,cells"),
        ),
        ("error", "facilities.csv", "cells|longer"),
    ),
    (
        "population text",
        _population("990101", "2024", "lots"),
        ("error", "population.csv", "population='lots'"),
    ),
    (
        "population negative",
        _population("990101", "2024", "-5"),
        ("error", "population.csv", "population"),
    ),
    (
        "population gbk header",
        _write(
            "population.csv",
            "地区,年度,常住人口(万人)\n990101,2023,12\n990121,2023,8\n990101,2024,12.1\n990121,2024,7.9\n",
            "gbk",
        ),
        OK,
    ),
    (
        "regions unknown parent",
        _write(
            "regions.csv",
            MINI_REGIONS.replace("990121,山里县,county,990100", "990121,山里县,county,990999"),
        ),
        ("error", "regions.csv", "parent"),
    ),
    (
        "regions bad level",
        _write("regions.csv", MINI_REGIONS.replace(",county,", ",galaxy,")),
        ("error", "regions.csv", "level"),
    ),
    (
        "budget text",
        _write("budget_lines.csv", "line,name,region,budget,spent\nB1,x,990100,ten,1万元\n"),
        ("error", "budget_lines.csv", "budget='ten'"),
    ),
    ("bad city.toml", _write("city.toml", "name = \n"), ("error", "city.toml", "")),
    # --- warnings: reads, but cannot be right
    ("absurd area", _facility(1, area="1e15"), ("warning", "area", "larger than any real")),
    (
        "pitch in wrong unit",
        _facility(0, area="7140000"),
        ("warning", "area", "typed in the wrong unit"),
    ),
    ("zero area", _facility(2, area="0"), ("warning", "area", "area=0")),
    ("population in 万人", _population("990101", "2024", "12"), ("warning", "population", "万人")),
    (
        "population absurd",
        _population("990121", "2024", "100000000000000"),
        ("warning", "population", "outside"),
    ),
    (
        "population tiny",
        _population("990121", "2023", "3"),
        ("warning", "population", "plausible"),
    ),
    (
        "population tiny, its region written by name",
        _write("population.csv", MINI_POPULATION.replace("990121,2023,80000", "山里县,2023,3")),
        ("warning", "population", "county 990121, 2023"),
    ),
    (
        "over-spending",
        _write(
            "budget_lines.csv", "line,name,region,budget,spent\nB1,x,990100,100万元,5500万元\n"
        ),
        ("warning", "spent", "5500% of the budget"),
    ),
    (
        "spent without budget",
        _write("budget_lines.csv", "line,name,region,budget,spent\nB1,x,990100,0,10万元\n"),
        ("warning", "spent", "no budget"),
    ),
    (
        "shifted coordinates",
        _facility(3, lon="116.603", lat="39.698"),
        ("warning", "lon", "far outside its district"),
    ),
    ("sign-flipped longitude", _facility(3, lon="-113.603"), ("warning", "lon", "far outside")),
    ("duplicate coordinates", _duplicate_coordinates, ("warning", "lon", "same coordinates")),
    (
        "population year missing",
        _write(
            "population.csv", "region,year,population\n990101,2022,120000\n990121,2022,80000\n"
        ),
        ("warning", "year", "using 2022, the latest earlier year"),
    ),
]


def _apply(root: Path, case: str, mutate: Callable[[Path], None]) -> None:
    if case == "xlsx facilities":
        (root / "facilities.csv").unlink()
        (root / "facilities.xlsx").write_bytes(_xlsx_bytes())
        return
    mutate(root)


@pytest.mark.parametrize(("case", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_corrupted_city_is_reported(
    tmp_path: Path, case: str, mutate: Callable[[Path], None], expected: tuple[str, str, str]
) -> None:
    root = _mini(tmp_path / "city")
    _apply(root, case, mutate)
    findings = check_city(root)
    assert all(isinstance(f, Finding) for f in findings)
    level, where, pattern = expected
    if level == "ok":
        assert findings == [], [str(f) for f in findings]
        reference = CityData.load(_mini(tmp_path / "reference"))
        loaded = CityData.load(root)
        assert loaded.facilities.total_area() == reference.facilities.total_area()
        assert loaded.population.figures == reference.population.figures
        return
    if level == "error":
        errors = [f for f in findings if f.level == "error"]
        assert errors, [str(f) for f in findings]
        assert any(f.file == where and re.search(pattern, f.message) for f in errors), [
            str(f) for f in errors
        ]
        with pytest.raises(SportsgovError):  # the report refuses the city, with a message
            CityData.load(root)
        return
    warnings = [f for f in findings if f.level == "warning"]
    assert not [f for f in findings if f.level == "error"], [str(f) for f in findings]
    assert any(f.field == where and re.search(pattern, f.message) for f in warnings), [
        str(f) for f in findings
    ]


def test_case_list_covers_the_issue() -> None:
    assert len(CASES) >= 55
    assert {c[2][0] for c in CASES} == {"ok", "error", "warning"}


def test_sample_city_has_no_findings() -> None:
    assert check_data(CityData.sample()) == []


def test_finding_to_data_and_str() -> None:
    f = Finding("error", "regions.csv", 3, "parent", "parent='X': unknown")
    assert f.to_data() == {
        "level": "error",
        "file": "regions.csv",
        "row": 3,
        "field": "parent",
        "message": "parent='X': unknown",
    }
    assert str(f) == "error: regions.csv, row 3, field parent: parent='X': unknown"
    assert str(Finding("warning", "", None, None, "m")) == "warning: m"


def test_report_carries_the_findings(tmp_path: Path) -> None:
    root = _mini(tmp_path / "city")
    _facility(1, area="1e15")(root)
    report = build_report(data=root, lang="en", charts=False)
    data = json.loads(to_json(report))
    quality = next(s for s in data["sections"] if s["key"] == "quality")
    assert quality["data"]["warnings"] == 1
    assert data["meta"]["data_quality"]["findings"][0]["field"] == "area"
    assert any("1 figures to verify" in line for line in report.meta["summary"])


def test_report_falls_back_to_an_earlier_population_year(tmp_path: Path) -> None:
    root = _mini(tmp_path / "city")
    (root / "population.csv").write_text(
        "region,year,population\n990101,2022,120000\n990121,2022,80000\n", encoding="utf-8"
    )
    report = build_report(data=root, lang="en", charts=False)
    assert report.meta["population_year"] == 2022
    assert any("using 2022, the latest earlier year" in n for n in report.notes)
    chosen = build_report(data=root, lang="en", charts=False, population_year=2022)
    assert chosen.meta["population_year"] == 2022
    assert not any("latest earlier year" in n for n in chosen.notes)


def test_cli_check_exit_codes(tmp_path: Path) -> None:
    from sportsgov.cli import main

    root = _mini(tmp_path / "city")
    out = io.StringIO()
    assert main(["check", "--data", str(root)], out=out) == 0
    assert out.getvalue().strip().endswith("0 errors, 0 warnings")
    _facility(1, area="1e15")(root)  # warnings only: exit 0
    out = io.StringIO()
    assert main(["check", "--data", str(root)], out=out) == 0
    assert "warning: facilities.csv, row 3, field area: area=1e+15 m²" in out.getvalue()
    _facility(2, area="-1")(root)  # an error: exit 1, every problem listed
    (root / "regions.csv").unlink()
    out = io.StringIO()
    assert main(["check", "--data", str(root)], out=out) == 1
    text = out.getvalue()
    assert "error: regions.csv: missing required file" in text
    assert "error: facilities.csv, row 4, field area: area=-1.0: must be >= 0 m²" in text
    assert text.strip().endswith("2 errors, 0 warnings")


def test_check_lists_problems_of_several_files_at_once(tmp_path: Path) -> None:
    root = _mini(tmp_path / "city")
    _write("regions.csv", MINI_REGIONS.replace(",county,", ",galaxy,"))(root)
    _population("990101", "2024", "lots")(root)
    _facility(1, area="-420")(root)
    _facility(2, kind="魁地奇球场")(root)
    files = sorted({f.file for f in check_city(root) if f.level == "error"})
    assert files == ["facilities.csv", "population.csv", "regions.csv"]


def test_rows_set_aside_by_the_reader_are_named(tmp_path: Path) -> None:
    city = tmp_path / "city"
    shutil.copytree(sample_city_path(), city)
    facilities = city / "facilities.csv"
    n = len(facilities.read_text("utf-8").splitlines())  # header + data rows
    width = facilities.read_text("utf-8").splitlines()[0].count(",")
    tail = "合计" + "," * width + "\n" + "注：数据截至2024年底" + "," * width + "\n"
    facilities.write_text(facilities.read_text("utf-8") + tail, "utf-8")
    found = [f for f in check_city(city) if "not read as data" in f.message]
    assert [(f.level, f.file, f.row) for f in found] == [
        ("warning", "facilities.csv", n + 1),
        ("warning", "facilities.csv", n + 2),
    ]
    assert "'合计'" in found[0].message and "注：数据截至2024年底" in found[1].message
    assert not [f for f in check_city(city) if f.level == "error"]  # the city still loads
    assert [f for f in check_city(sample_city_path()) if "not read" in f.message] == []
