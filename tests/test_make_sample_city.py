"""The sample-city generator (``tools/make_sample_city.py``) and the data it ships.

The generator is deterministic: regenerating into a temporary directory reproduces the
shipped files byte for byte (so the shipped data is exactly what the script says). The
shipped data meets the sizes the report benchmark needs (8 districts/counties, 50,000+
grid points, 5,000+ facilities, a 50,000+-node road network), checked by reading the files with
the plain ``csv`` module (independently of :mod:`sportsgov.citydata`).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import importlib.util
import io
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from sportsgov.citydata import sample_city_path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "make_sample_city.py"
SHIPPED = sample_city_path()


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample_city", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(name: str) -> Iterator[dict[str, str]]:
    path = SHIPPED / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        yield from csv.DictReader(handle)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample_city")
    with contextlib.redirect_stdout(io.StringIO()):
        code = _tool().main(["--out", str(out)])
    assert code in (0, None)
    return out


def test_regenerating_reproduces_the_shipped_files_byte_for_byte(regenerated: Path) -> None:
    shipped = sorted(p.name for p in SHIPPED.iterdir())
    assert sorted(p.name for p in regenerated.iterdir()) == shipped
    differ = [
        name
        for name in shipped
        if (SHIPPED / name).read_bytes() != (regenerated / name).read_bytes()
    ]
    assert differ == []


def test_gzip_files_carry_no_timestamp() -> None:
    for path in SHIPPED.glob("*.gz"):
        assert path.read_bytes()[4:8] == b"\x00\x00\x00\x00", (
            path.name
        )  # MTIME field of the gzip header


def test_the_city_is_labelled_synthetic() -> None:
    manifest = tomllib.loads((SHIPPED / "city.toml").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True
    assert "SYNTHETIC" in (SHIPPED / "README.md").read_text(encoding="utf-8")


def test_districts_and_counties_urban_rural_mixed() -> None:
    regions = list(rows("regions.csv"))
    root = [r for r in regions if not r["parent"]]
    assert len(root) == 1
    districts = [r for r in regions if r["parent"] == root[0]["code"]]
    assert 8 <= len(districts) <= 10
    assert {r["settlement"] for r in districts} == {"urban", "rural", "mixed"}
    assert {r["level"] for r in districts} >= {"district", "county"}
    assert all(r["code"].startswith("99") for r in regions)  # no real division uses 99xxxx


def test_population_yearly_for_at_least_three_years_a_few_million() -> None:
    population = list(rows("population.csv"))
    years = sorted({int(r["year"]) for r in population})
    assert len(years) >= 3
    regions = {r["code"]: r for r in rows("regions.csv")}
    leaves = {r["region"] for r in population}
    # every leaf has a figure for every year; no region counted twice with its parent
    for year in years:
        assert {r["region"] for r in population if int(r["year"]) == year} == leaves
        assert not any(regions[code]["parent"] in leaves for code in leaves)
        total = sum(int(r["population"]) for r in population if int(r["year"]) == year)
        assert 2_000_000 <= total <= 10_000_000


def test_population_grid_size() -> None:
    grid = list(rows("population_grid.csv.gz"))
    assert len(grid) >= 50_000
    assert all(float(r["population"]) >= 0 for r in grid[:1000])


def test_facilities_many_kinds_some_in_gcj02() -> None:
    facilities = list(rows("facilities.csv"))
    assert len(facilities) >= 5_000
    assert len({r["kind"] for r in facilities}) >= 8
    datums = {r["datum"] for r in facilities}
    assert datums >= {"wgs84", "gcj02"}
    share_gcj = sum(r["datum"] == "gcj02" for r in facilities) / len(facilities)
    assert 0.05 <= share_gcj <= 0.95
    assert len({r["id"] for r in facilities}) == len(facilities)


def test_road_network_size_and_edges_refer_to_nodes() -> None:
    nodes = {r["id"] for r in rows("roads_nodes.csv.gz")}
    assert len(nodes) >= 50_000
    edges = list(rows("roads_edges.csv.gz"))
    assert len(edges) >= len(nodes) - 1
    assert all(e["source"] in nodes and e["target"] in nodes for e in edges)
    assert all(float(e["length"]) > 0 for e in edges[:5000])


def test_talent_budget_subsidy_and_observations_present() -> None:
    for name in (
        "talent_rates.csv",
        "talent_stock.csv",
        "schools.csv",
        "budget_lines.csv",
        "subsidy_claims.csv",
        "observations.csv",
        "events.csv",
        "instructors.csv",
    ):
        assert next(rows(name), None) is not None, name
    program = tomllib.loads((SHIPPED / "subsidy_program.toml").read_text(encoding="utf-8"))
    assert {"name", "rate", "budget", "period"} <= set(program)


def test_shipped_size_stays_small() -> None:
    total = sum(p.stat().st_size for p in SHIPPED.iterdir())
    assert total < 5_000_000
