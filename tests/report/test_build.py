"""build_report: every section of the scorecard, checked against plain re-computations.

The sample report is built once per module (a couple of seconds with charts). Figures are
checked against independent oracles: the csv module and Decimal for areas, populations and
budgets; a brute-force haversine for the coverage of one district.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pendulum
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sportsgov.citydata import CityData, sample_city_path
from sportsgov.errors import InvalidInputError
from sportsgov.money import Money
from sportsgov.report import Report, _charts, build_report, to_html

if TYPE_CHECKING:
    from tests.conftest import TinyCity

SAMPLE = sample_city_path()
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def read(name: str) -> list[dict[str, str]]:
    opener: Any = gzip.open if name.endswith(".gz") else open
    with opener(SAMPLE / name, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def city() -> CityData:
    return CityData.sample()


@pytest.fixture(scope="module")
def report(city: CityData) -> Report:
    return build_report(data=city, lang="zh", charts=True)


@pytest.fixture(scope="module")
def report_en(city: CityData) -> Report:
    return build_report(data=city, lang="en", charts=False)


def section(report: Report, key: str) -> Any:
    return next(s for s in report.sections if s.key == key)


# --------------------------------------------------------------------------- structure
def test_all_sections_in_order_with_timings(report: Report) -> None:
    assert [s.key for s in report.sections] == [
        "indicators",
        "coverage",
        "talent",
        "budget",
        "scores",
        "plan",
        "quality",
    ]
    assert report.meta["skipped"] == []
    assert set(report.meta["seconds"]) == {s.key for s in report.sections}
    assert all(s.seconds > 0 for s in report.sections)
    assert (
        report.meta["synthetic"] is True
        and report.notes[0] == "本报告使用的是合成示例数据,仅用于演示。"
    )
    assert report.title == "清河市 体育工作评估报告"


def test_every_chart_is_a_png(report: Report) -> None:
    figures = [f for s in report.sections for f in s.figures]
    assert [f.key for f in figures] == [
        "per_capita_area",
        "coverage_map",
        "pipeline",
        "execution",
        "plan_area",
        "plan_coverage",
    ]
    for fig in figures:
        assert fig.png is not None and fig.png.startswith(PNG_MAGIC) and len(fig.png) > 5_000


def test_english_labels_come_from_the_catalog(report_en: Report) -> None:
    assert report_en.title == "清河市: sports work assessment report"
    table = section(report_en, "indicators").tables[0]
    assert table.columns[0] == "District" and table.rows[1][1] == "urban"
    assert all(not f.png for s in report_en.sections for f in s.figures)  # charts=False


def test_renders_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate a missing ``plot`` extra: every chart function gets no pyplot."""
    monkeypatch.setattr(_charts, "_pyplot", lambda: None)
    rep = build_report(lang="en", charts=True)
    assert [s.key for s in rep.sections] == [
        "indicators",
        "coverage",
        "talent",
        "budget",
        "scores",
        "plan",
        "quality",
    ]
    assert all(f.png is None for s in rep.sections for f in s.figures)
    assert any("matplotlib is not installed" in n for n in rep.notes)
    page = to_html(rep)
    assert "<img" not in page and 'class="scorecard"' in page


def test_progress_callback_runs_from_0_to_1(tmp_path: Path, tiny_city: TinyCity) -> None:
    calls: list[tuple[float, str]] = []
    build_report(
        data=tiny_city.write(
            tmp_path / "mini", toml='plan = "zhengzhou-2024"\nas_of = "2024-09-30"\n'
        ),
        lang="en",
        charts=False,
        progress=lambda f, m: calls.append((f, m)),
    )
    fractions = [f for f, _ in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert [m for _, m in calls] == [
        "loading data",
        "Per-capita area and other indicators",
        "Automatic district scores and ranking",
        "Data quality",
        "done",
    ]


# --------------------------------------------------------------------------- indicators
def test_city_per_capita_area_equals_a_plain_sum(report: Report) -> None:
    as_of = "2024-09-30"
    area = sum(
        Decimal(r["area"] or "0")
        for r in read("facilities.csv")
        if r["opened"] <= as_of and (not r["closed"] or r["closed"] > as_of)
    )
    people = sum(int(r["population"]) for r in read("population.csv") if r["year"] == "2023")
    data = section(report, "indicators").data
    assert data["population_year"] == 2023
    assert data["per_capita_area"]["990100"] == pytest.approx(float(area / people), rel=1e-12)
    city_row = section(report, "indicators").tables[0].rows[0]
    assert city_row[2] == people and city_row[4] == round(float(area / people), 3)


def test_indicator_rows_coloured_by_target(report: Report) -> None:
    table = section(report, "indicators").tables[0]
    target = 2.65  # zhengzhou-2024: per-capita area >= 2.65 m²/person
    for row, status in zip(table.rows, table.status, strict=True):
        assert status == ("met" if row[4] >= target else "behind")


# --------------------------------------------------------------------------- coverage
def _haversine(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Any:
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_008.8 * np.arcsin(np.sqrt(a))


def test_coverage_of_one_district_by_brute_force(report: Report, city: CityData) -> None:
    """东城区 (urban, 750 m = 10 min at 4.5 km/h): brute-force haversine over all pairs."""
    from sportsgov.coverage import gcj02_to_wgs84

    grid = [r for r in read("population_grid.csv.gz") if r["region"].startswith("990102")]
    lon = np.array([float(r["lon"]) for r in grid])
    lat = np.array([float(r["lat"]) for r in grid])
    pop = np.array([float(r["population"]) for r in grid])
    fac = [
        r
        for r in read("facilities.csv")
        if r["opened"] <= "2024-09-30" and (not r["closed"] or r["closed"] > "2024-09-30")
    ]
    flon = np.array([float(r["lon"]) for r in fac])
    flat = np.array([float(r["lat"]) for r in fac])
    gcj = np.array([r["datum"] == "gcj02" for r in fac])
    flon[gcj], flat[gcj] = gcj02_to_wgs84(flon[gcj], flat[gcj])
    # every facility near the district's bounding box, then all pairs at once
    box = (
        (flon > lon.min() - 0.03)
        & (flon < lon.max() + 0.03)
        & (flat > lat.min() - 0.02)
        & (flat < lat.max() + 0.02)
    )
    covered = (
        _haversine(lon[:, None], lat[:, None], flon[box][None, :], flat[box][None, :]) <= 750.0
    ).any(axis=1)
    expected = pop[covered].sum() / pop.sum()
    assert section(report, "coverage").data["by_district"]["990102"] == pytest.approx(
        expected, abs=1e-9
    )


def test_suggested_sites_gains_are_decreasing(report: Report) -> None:
    sites = section(report, "coverage").tables[1]
    gains = [row[-1] for row in sites.rows]
    assert len(gains) == 10 and gains == sorted(gains, reverse=True) and gains[-1] > 0
    assert [row[0] for row in sites.rows] == list(range(1, 11))


def test_indicators_section_returns_typed_data(report: Report, city: CityData) -> None:
    from sportsgov import plans
    from sportsgov.report._context import Context
    from sportsgov.report._sections import indicators
    from sportsgov.report.settings import ReportSettings

    assert city.as_of is not None
    ctx = Context(city, plans.load("zhengzhou-2024"), city.as_of, "zh", False, ReportSettings())
    data = indicators.compute(ctx)
    assert ctx.observations == []
    published = section(report, "indicators")
    assert {r.code: r.per_capita_area for r in data.regions} == published.data["per_capita_area"]
    assert [r.code for r in data.regions] == [ctx.root, *ctx.districts]
    assert data.target_area == 2.65  # the Zhengzhou 2024 target, m² per person
    assert all(r.met == (r.per_capita_area >= 2.65) for r in data.regions)
    assert [(o.target, o.region) for o in data.observations[:2]] == [
        ("per_capita_area", ctx.root),
        ("pitches_per_10k", ctx.root),
    ]
    assert indicators.layout(data, ctx).tables == published.tables


def test_coverage_section_returns_typed_data(report: Report, city: CityData) -> None:
    """compute() returns the section's data (and its observations) instead of filling
    the shared context; layout() turns exactly that data into the published tables."""
    from sportsgov import plans
    from sportsgov.report._context import Context
    from sportsgov.report._sections import coverage
    from sportsgov.report.settings import ReportSettings

    assert city.as_of is not None
    ctx = Context(city, plans.load("zhengzhou-2024"), city.as_of, "zh", False, ReportSettings())
    data = coverage.compute(ctx)
    assert ctx.observations == []
    published = section(report, "coverage")
    assert {d.code: d.share for d in data.districts} == published.data["by_district"]
    assert [d.status for d in data.districts] == list(published.tables[0].status)
    assert data.sites is not None and len(data.sites) == 10
    assert [round(s.gain) for s in data.sites] == [row[-1] for row in published.tables[1].rows]
    assert [o.region for o in data.observations] == [d.code for d in data.districts]
    assert coverage.layout(data, ctx).tables == published.tables


# --------------------------------------------------------------------------- talent
def test_pipeline_starts_from_the_stock_file(report: Report) -> None:
    stock: dict[str, int] = {}
    for r in read("talent_stock.csv"):
        stock[r["tier"]] = stock.get(r["tier"], 0) + int(r["stock"])
    pipeline = section(report, "talent").data["pipeline"]
    assert {tier: values[0] for tier, values in pipeline.items()} == stock


def test_2351_standard_against_the_schools_file(report: Report) -> None:
    schools = read("schools.csv")
    data = section(report, "talent").data["standard"]
    assert data["required"] == {"coaches": 2 * len(schools), "athletes": 30 * len(schools)}
    assert data["actual"]["coaches"] == sum(int(r["coaches"]) for r in schools)
    short = sum(1 for r in schools if int(r["coaches"]) < 2 or int(r["athletes"]) < 30)
    assert data["short_schools"] == short


# --------------------------------------------------------------------------- budget
def test_execution_rate_is_spent_over_budget(report: Report) -> None:
    lines = read("budget_lines.csv")
    spent = sum((Money.parse(r["spent"]) for r in lines), Money(0))
    budget = sum((Money.parse(r["budget"]) for r in lines), Money(0))
    data = section(report, "budget").data["execution"]
    assert data["rate"] == pytest.approx(spent.fen / budget.fen)
    # 序时进度 on 2024-09-30: 274 of 366 days of 2024
    assert data["time_progress"] == pytest.approx(274 / 366)


def test_subsidy_never_overspends(report: Report) -> None:
    data = section(report, "budget").data["subsidy"]
    assert Money.parse(data["paid"]) <= Money.parse(data["budget"])
    table = section(report, "budget").tables[1]
    paid = sum((Money.parse(str(row[2]).replace(",", "")) for row in table.rows), Money(0))
    assert paid == Money.parse(data["paid"])


# --------------------------------------------------------------------------- scores
def test_ranking_is_ordered_and_complete(report: Report, city: CityData) -> None:
    ranking = section(report, "scores").data["ranking"]
    districts = {r.code for r in city.regions.children(city.root_code)}
    assert {code for _, code, _ in ranking} == districts
    scores = [s for _, _, s in ranking]
    assert scores == sorted(scores, reverse=True)
    assert [rank for rank, _, _ in ranking] == list(range(1, len(ranking) + 1))


def test_scorecard_rows_give_reasons_for_lost_points(report: Report) -> None:
    card = section(report, "scores").tables[1]
    assert card.key == "scores"
    for row in card.rows:
        assert (row[2] == 100) == (row[3] == "—")


def test_status_counts_add_up(report: Report) -> None:
    data = section(report, "scores").data
    table = section(report, "scores").tables[0]
    assert sum(data["status_counts"].values()) >= len(table.rows) > 0
    assert data["ignored_observations"] == []


def test_another_plan_ignores_observations_it_does_not_know(city: CityData) -> None:
    rep = build_report(data=city, plan="national-2025-2035", charts=False, lang="en")
    data = section(rep, "scores").data
    assert "physique-monitoring-city" in data["ignored_observations"]


# --------------------------------------------------------------------------- bad input
def test_bad_language() -> None:
    with pytest.raises(InvalidInputError, match=r"lang='fr': expected one of 'zh', 'en'"):
        build_report(lang="fr")  # type: ignore[arg-type]


def test_no_plan_and_no_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_city: TinyCity
) -> None:
    root = tiny_city.write(tmp_path / "mini", toml='as_of = "2024-09-30"\n')
    with pytest.raises(InvalidInputError, match=r"plan=None: name a plan \(--plan NAME\|FILE\)"):
        build_report(data=root, charts=False)
    root.joinpath("city.toml").write_text('plan = "zhengzhou-2024"\n', encoding="utf-8")
    # No as_of anywhere: today in Beijing time, not the server's UTC day.
    instant = pendulum.datetime(2024, 3, 1, 23, 30, tz="UTC")
    monkeypatch.setattr(pendulum, "now", lambda tz=None: instant.in_timezone(tz or "UTC"))
    assert build_report(data=root, charts=False).meta["as_of"] == "2024-03-02"
    with pytest.raises(InvalidInputError, match=r"as_of='yesterday'"):
        build_report(data=root, charts=False, as_of="yesterday")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.lists(st.integers(1, 20_000), min_size=3, max_size=3),
    st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
)
@example([420, 300, 7140], dt.date(2024, 6, 30))  # values that collided with the template
@example([1, 1, 1], dt.date(2024, 12, 31))  # the 2024 year-end population applies
def test_per_capita_area_of_a_mini_city(
    tmp_path: Path, tiny_city: TinyCity, areas: list[int], as_of: dt.date
) -> None:
    root = tiny_city.write(tmp_path / "mini", toml='plan = "zhengzhou-2024"\n')
    # rebuilt from records (a string replacement of ",420," could hit a generated area)
    records = list(csv.DictReader(io.StringIO(tiny_city.facilities)))
    assert [r["id"] for r in records] == ["F1", "F2", "F3"]
    for record, area in zip(records, areas, strict=True):
        record["area"] = str(area)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    root.joinpath("facilities.csv").write_text(out.getvalue(), encoding="utf-8")
    rep = build_report(data=root, as_of=as_of, charts=False, lang="en")
    data = section(rep, "indicators").data
    # opened dates are all before 2024; population: the latest year-end on or before
    # as_of, so 2023 (200,000 / 80,000) except on 2024-12-31 (200,000 / 79,000)
    county = 79_000 if as_of == dt.date(2024, 12, 31) else 80_000
    assert data["per_capita_area"]["990100"] == pytest.approx(sum(areas) / 200_000)
    assert data["per_capita_area"]["990121"] == pytest.approx(areas[2] / county)
    assert rep.meta["as_of"] == as_of.isoformat()


def _gcj02(lon: float, lat: float) -> tuple[float, float]:
    """Oracle: the published WGS-84 -> GCJ-02 formula (googollee/eviltransform, Krasovsky
    ellipsoid), written out here independently of sportsgov.coverage."""
    import math

    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlat += common + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3 * math.pi)) * 2 / 3
    dlat += (160.0 * math.sin(y / 12 * math.pi) + 320.0 * math.sin(y * math.pi / 30)) * 2 / 3
    dlon += common + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3 * math.pi)) * 2 / 3
    dlon += (150.0 * math.sin(x / 12 * math.pi) + 300.0 * math.sin(x / 30 * math.pi)) * 2 / 3
    a, ee = 6378245.0, 0.00669342162296594323
    rad = math.radians(lat)
    magic = 1 - ee * math.sin(rad) ** 2
    dlat = dlat * 180 / (a * (1 - ee) / (magic * math.sqrt(magic)) * math.pi)
    dlon = dlon * 180 / (a / math.sqrt(magic) * math.cos(rad) * math.pi)
    return lon + dlon, lat + dlat


def test_suggested_sites_give_both_datums(
    report: Report, report_en: Report, tmp_path: Path
) -> None:
    import json

    from sportsgov.report import to_json, to_markdown
    from sportsgov.report.render import to_xlsx

    # the oracle reproduces eviltransform's published Beijing pair
    assert _gcj02(116.377817, 39.911954) == pytest.approx((116.38404722455657, 39.91334545536069))
    published = section(report, "coverage")
    table = published.tables[1]
    labels = ("经度(WGS-84)", "纬度(WGS-84)", "经度(GCJ-02)", "纬度(GCJ-02)")
    assert table.columns == ("#", "区县", *labels, table.columns[-1])
    sites = published.data["sites"]
    assert len(sites) == len(table.rows) == 10
    for row, site in zip(table.rows, sites, strict=True):
        lon, lat = site["lon_wgs84"], site["lat_wgs84"]
        glon, glat = _gcj02(lon, lat)
        assert (site["lon_gcj02"], site["lat_gcj02"]) == pytest.approx((glon, glat), abs=1e-9)
        assert abs(glon - lon) > 1e-3  # the sample city is in China: the datums differ
        cells = [float(c) for c in row[2:6]]
        assert cells == pytest.approx([lon, lat, glon, glat], abs=6e-6)  # 5 decimals shown
        assert (row[0], row[-1]) == (site["order"], round(site["gain"]))
    # report.json: the new key beside the unchanged old ones
    doc = json.loads(to_json(report))
    data = next(s for s in doc["sections"] if s["key"] == "coverage")["data"]
    assert set(data) == {"share", "by_district", "road_share", "sites"}
    assert data["sites"] == sites
    assert set(sites[0]) == {"order", "region", "gain", "lon_wgs84", "lat_wgs84"} | {
        "lon_gcj02",
        "lat_gcj02",
    }
    # English labels in Markdown; the xlsx sheet has the header and the cells
    en = section(report_en, "coverage").tables[1].columns[2:6]
    assert en == ("lon (WGS-84)", "lat (WGS-84)", "lon (GCJ-02)", "lat (GCJ-02)")
    md_header = "| lon (WGS-84) | lat (WGS-84) | lon (GCJ-02) | lat (GCJ-02) |"
    assert md_header in to_markdown(report_en)
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(to_xlsx(report, tmp_path / "report.xlsx"))
    rows = [r for ws in book.worksheets for r in ws.iter_rows(values_only=True)]
    header = next(k for k, r in enumerate(rows) if r[2:6] == labels)
    assert rows[header + 1][:6] == table.rows[0][:6]
