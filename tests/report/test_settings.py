"""ReportSettings: documented defaults, the [report] table of city.toml, and its effect."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import attrs
import pytest

from sportsgov.citydata import CityData
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.report import build_report
from sportsgov.report.settings import ReportSettings


def test_defaults_are_the_documented_ones() -> None:
    s = ReportSettings()
    assert (s.coverage_met, s.coverage_on_track) == (0.999, 0.9)
    assert (s.candidate_limit, s.suggested_sites, s.max_snap) == (1500, 10, 300.0)
    assert ReportSettings.from_table(None) == s == ReportSettings.from_table({})
    assert s.scores_amber_rank == 3
    assert "scores_amber_rank : int [3]" in (ReportSettings.__doc__ or "")
    for field in ("coverage_met", "coverage_on_track", "candidate_limit", "suggested_sites"):
        assert f"{field} :" in (ReportSettings.__doc__ or ""), field


def test_from_table_converts_units_and_types() -> None:
    s = ReportSettings.from_table(
        {"coverage_met": 1, "suggested_sites": 20, "max_snap": "0.25 km", "candidate_limit": 99}
    )
    assert s == ReportSettings(
        coverage_met=1.0, suggested_sites=20, max_snap=250.0, candidate_limit=99
    )
    assert ReportSettings.from_table({"max_snap": 120}).max_snap == 120.0


@pytest.mark.parametrize(
    ("table", "field", "message"),
    [
        (
            {"sugested_sites": 5},
            "report.sugested_sites",
            r"\[report\] sugested_sites: unknown key",
        ),
        (
            {"suggested_sites": 2.5},
            "report.suggested_sites",
            "suggested_sites=2.5: expected a whole",
        ),
        ({"suggested_sites": 0}, "report.suggested_sites", "suggested_sites=0: must be >= 1"),
        (
            {"coverage_met": "high"},
            "report.coverage_met",
            "coverage_met='high': expected a number",
        ),
        ({"coverage_met": 1.5}, "report.coverage_met", r"must be a share in \(0, 1\]"),
        (
            {"coverage_met": 0.8},
            "report.coverage_on_track",
            r"coverage_on_track=0.9: must be <= coverage_met=0.8",
        ),
        ({"max_snap": "3 kg"}, "report.max_snap", "unit=.kg.: not a unit"),
        ({"max_snap": "3 s"}, "report.max_snap", "max_snap="),
        ({"max_snap": -1}, "report.max_snap", r"max_snap=-1.0 m: must be > 0 m"),
        ({"max_snap": True}, "report.max_snap", "expected metres"),
        (
            {"scores_amber_rank": -1},
            "report.scores_amber_rank",
            "scores_amber_rank=-1: must be >= 0",
        ),
        ({"scores_amber_rank": "3"}, "report.scores_amber_rank", "expected a whole number"),
    ],
)
def test_bad_tables_name_the_key(table: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(DataError, match=message) as info:
        ReportSettings.from_table(table, source="city.toml")
    assert info.value.field == field and info.value.source == "city.toml"


def test_direct_construction_is_validated() -> None:
    with pytest.raises(InvalidInputError, match=r"^candidate_limit=0: must be >= 1$"):
        ReportSettings(candidate_limit=0)


def test_city_toml_report_table_is_read_and_checked(tmp_path: Path) -> None:
    sample = CityData.sample()
    root = tmp_path / "city"
    root.mkdir()
    for f in sample.root.iterdir():
        if f.is_file():
            (root / f.name).write_bytes(f.read_bytes())
    toml = (root / "city.toml").read_text("utf-8")
    (root / "city.toml").write_text(toml + "\n[report]\nsuggested_sites = 3\n", "utf-8")
    report = build_report(data=root, charts=False)
    coverage = next(s for s in report.sections if s.key == "coverage")
    sites = coverage.tables[1]
    assert [row[0] for row in sites.rows] == [1, 2, 3]
    (root / "city.toml").write_text(toml + "\n[report]\nsuggested = 3\n", "utf-8")
    with pytest.raises(DataError, match=r"\[report\] suggested: unknown key") as info:
        build_report(data=root, charts=False)
    assert info.value.field == "report.suggested"
    assert info.value.source is not None and info.value.source.endswith("city.toml")


def test_thresholds_decide_the_coverage_status() -> None:
    """With met at 50 % and on track at 40 %, each district's status follows its share."""
    settings = ReportSettings(coverage_met=0.5, coverage_on_track=0.4, suggested_sites=1)
    report = build_report(charts=False, settings=settings)
    coverage = next(s for s in report.sections if s.key == "coverage")
    shares = list(coverage.data["by_district"].values())  # districts in table order
    statuses = coverage.tables[0].status
    assert len(statuses) == len(shares) > 0
    for share, status in zip(shares, statuses, strict=True):
        assert status == ("met" if share >= 0.5 else "on_track" if share >= 0.4 else "behind")
    assert {"met", "on_track", "behind"} & set(statuses)


def test_budget_execution_settings_defaults_and_checks() -> None:
    s = ReportSettings()
    assert (s.execution_tolerance, s.execution_basis) == (0.05, "day")
    for field in ("execution_tolerance", "execution_basis"):
        assert f"{field} :" in (ReportSettings.__doc__ or ""), field
    assert ReportSettings.from_table({"execution_tolerance": 0}).execution_tolerance == 0.0
    cases = [
        ({"execution_tolerance": 1}, "execution_tolerance=1.0: must be >= 0 and < 1"),
        ({"execution_tolerance": -0.1}, "execution_tolerance=-0.1: must be >= 0 and < 1"),
        ({"execution_tolerance": "5%"}, "execution_tolerance='5%': expected a number"),
        ({"execution_basis": "week"}, "execution_basis='week': expected one of 'day', 'month'"),
    ]
    for table, message in cases:
        with pytest.raises(DataError, match=message) as info:
            ReportSettings.from_table(table, source="city.toml")
        assert info.value.field == f"report.{next(iter(table))}"


def test_every_default_is_documented_once_as_the_code_has_it() -> None:
    # the class docstring is where the defaults are documented: "name : type [default]"
    # (Python 3.13 strips the docstring's common indentation at compile time: dedent)
    doc = inspect.cleandoc(ReportSettings.__doc__ or "")
    documented = dict(re.findall(r"^(\w+) : \w+ \[(.+)\]$", doc, flags=re.MULTILINE))
    fields = {f.name: f.default for f in attrs.fields(ReportSettings)}
    assert set(documented) == set(fields)
    for name, default in fields.items():
        value = ast.literal_eval(documented[name])
        assert (type(value), value) == (type(default), default), name
