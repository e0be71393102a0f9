"""Fixtures shared by the whole suite.

The tests mirror ``src/sportsgov/`` (``tests/coverage/test_circle.py`` tests
``sportsgov/coverage/circle.py``); a fixture that more than one of those files
needs lives here instead of being pasted into each.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class TinyCity:
    """The smallest valid city data directory, as text: the three required files and a city.toml.

    A city (990100) with one urban district (990101) and one rural county (990121);
    year-end populations for 2023 and 2024; three facilities, one of them given in GCJ-02.
    """

    regions: str = """code,name,level,parent,settlement
990100,小城市,city,,mixed
990101,城关区,district,990100,urban
990121,山里县,county,990100,rural
"""
    population: str = """region,year,population
990101,2023,120000
990121,2023,80000
990101,2024,121000
990121,2024,79000
"""
    facilities: str = """id,name,kind,region,area,length,lon,lat,datum,opened,closed,public
F1,城关体育场,football_11,990101,7140,,113.60,34.70,wgs84,2010-01-01,,true
F2,城关篮球场,basketball,990101,420,,113.61,34.70,gcj02,2015-05-01,,true
F3,山里健身路径,fitness_path,990121,300,,113.90,34.90,wgs84,2020-01-01,,true
"""
    toml: str = """name = "小城市"
code = "990100"
as_of = "2024-09-30"
plan = "zhengzhou-2024"
"""

    def write(self, root: Path, *, toml: str | None = None) -> Path:
        """Write the city into ``root`` (created if needed; files overwritten) and return it.

        ``toml`` replaces the city.toml text (``""`` writes an empty one).
        """
        root.mkdir(parents=True, exist_ok=True)
        (root / "regions.csv").write_text(self.regions, encoding="utf-8")
        (root / "population.csv").write_text(self.population, encoding="utf-8")
        (root / "facilities.csv").write_text(self.facilities, encoding="utf-8")
        (root / "city.toml").write_text(self.toml if toml is None else toml, encoding="utf-8")
        return root


@pytest.fixture(scope="session")
def tiny_city() -> TinyCity:
    """The tiny city: ``tiny_city.write(tmp_path / "mini")`` makes a loadable data directory."""
    return TinyCity()
