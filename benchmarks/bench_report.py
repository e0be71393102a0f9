"""Benchmarks for ``sportsgov report`` on the bundled sample city, section by section.

Target: the whole report on the sample city (8 districts/counties, 50,000+ grid points,
5,000+ facilities, a 50,000+-node road network) in under 30 s on the CI machine.

Reference for every case: reading the same input files with the plain ``csv`` module
(``gzip`` for ``.csv.gz``) into lists of dicts, and nothing else. The ratio says how much
the section's computation costs on top of merely reading its data.

Quick mode (CI smoke run) builds the report of a three-file city instead: well under a second.
"""

from __future__ import annotations

import csv
import gzip
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.run import Case

INPUTS = {
    "load": [
        "regions.csv",
        "population.csv",
        "facilities.csv",
        "population_grid.csv.gz",
        "roads_nodes.csv.gz",
        "roads_edges.csv.gz",
        "instructors.csv",
        "events.csv",
        "budget_lines.csv",
        "subsidy_claims.csv",
        "talent_rates.csv",
        "talent_stock.csv",
        "schools.csv",
        "observations.csv",
    ],
    "indicators": ["facilities.csv", "population.csv", "instructors.csv"],
    "coverage": [
        "population_grid.csv.gz",
        "facilities.csv",
        "roads_nodes.csv.gz",
        "roads_edges.csv.gz",
    ],
    "talent": ["talent_rates.csv", "talent_stock.csv", "schools.csv"],
    "budget": ["budget_lines.csv", "subsidy_claims.csv"],
    "scores": ["observations.csv", "events.csv"],
}


def _read_csv(root: Path, names: list[str]) -> Callable[[], Any]:
    def run() -> list[list[dict[str, str]]]:
        out = []
        for name in names:
            path = root / name
            if name.endswith(".gz"):
                with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
                    out.append(list(csv.DictReader(handle)))
            else:
                with path.open(encoding="utf-8", newline="") as handle:
                    out.append(list(csv.DictReader(handle)))
        return out

    return run


def _mini_city() -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-report-"))
    (root / "regions.csv").write_text(
        "code,name,level,parent,settlement\n990100,小城市,city,,mixed\n"
        "990101,城关区,district,990100,urban\n990121,山里县,county,990100,rural\n",
        encoding="utf-8",
    )
    (root / "population.csv").write_text(
        "region,year,population\n990101,2023,120000\n990121,2023,80000\n", encoding="utf-8"
    )
    (root / "facilities.csv").write_text(
        "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public\n"
        "F1,体育场,football_11,990101,7140,,113.60,34.70,wgs84,2010-01-01,,true\n"
        "F2,健身路径,fitness_path,990121,300,,113.90,34.90,wgs84,2020-01-01,,true\n",
        encoding="utf-8",
    )
    (root / "city.toml").write_text(
        'as_of = "2024-09-30"\nplan = "zhengzhou-2024"\n', encoding="utf-8"
    )
    return root


def cases(quick: bool) -> list[Case]:
    from sportsgov.citydata import CityData, sample_city_path
    from sportsgov.report import build_report, write_report

    if quick:
        root = _mini_city()
        names = ["regions.csv", "population.csv", "facilities.csv"]
        return [
            Case(
                name="report, 3-file city, no charts",
                func=lambda: build_report(data=root, charts=False, lang="en"),
                reference=_read_csv(root, names),
                reference_name="csv module",
                target="smoke run",
                repeat=1,
            )
        ]

    root = sample_city_path()
    city = CityData.sample()
    from sportsgov import plans
    from sportsgov.report._context import Context
    from sportsgov.report._sections import BUILDERS
    from sportsgov.report.settings import ReportSettings

    plan = plans.load("zhengzhou-2024")
    assert city.as_of is not None

    # the scores use the observations the indicator and coverage sections compute: once, untimed
    computed = Context(city, plan, city.as_of, "zh", False, ReportSettings())
    for other in ("indicators", "coverage"):
        BUILDERS[other](computed)

    def section(key: str, charts: bool) -> Callable[[], Any]:
        def run() -> Any:
            assert city.as_of is not None
            ctx = Context(city, plan, city.as_of, "zh", charts, ReportSettings())
            if key == "scores":
                ctx.observations = list(computed.observations)
            return BUILDERS[key](ctx)

        return run

    out = Path(tempfile.mkdtemp(prefix="bench-report-out-"))
    result: list[Case] = [
        Case(
            name="load sample city (CityData.sample)",
            func=CityData.sample,
            reference=_read_csv(root, INPUTS["load"]),
            reference_name="csv module",
            target="a few seconds",
        )
    ]
    for key in ("indicators", "coverage", "talent", "budget", "scores"):
        result.append(
            Case(
                name=f"section {key} (with chart)",
                func=section(key, True),
                reference=_read_csv(root, INPUTS[key]),
                reference_name="csv read of its inputs",
                target="part of < 30 s",
                max_seconds=30.0,
            )
        )
    result += [
        Case(
            name="whole report, no charts",
            func=lambda: build_report(charts=False),
            reference=_read_csv(root, INPUTS["load"]),
            reference_name="csv module",
            target="< 30 s",
            max_seconds=30.0,
        ),
        Case(
            name="sportsgov report (build + html/md/json)",
            func=lambda: write_report(build_report(), out),
            reference=_read_csv(root, INPUTS["load"]),
            reference_name="csv module",
            target="< 30 s",
            max_seconds=30.0,
        ),
    ]
    return result
