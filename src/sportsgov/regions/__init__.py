"""Administrative regions and their year-end resident population (常住人口).

A :class:`RegionTree` holds the hierarchy of a province, city or county down to
streets and townships (街道 / 乡镇) and rolls any additive figure up the tree. A
:class:`PopulationTable` holds the year-end resident population by region and
year; a parent without its own figure is the sum of its children.
:meth:`PopulationTable.project` extends it by a stated trend.

The package has one module per noun: :mod:`~sportsgov.regions.tree` (regions and
their hierarchy, with the level tiers), :mod:`~sportsgov.regions.population` (the
population table and its projection) and :mod:`~sportsgov.regions.projection`
(trend fitting over ``{year: persons}``, which knows nothing of tables). Import
from ``sportsgov.regions``.

Examples
--------
>>> from sportsgov.regions import RegionTree, PopulationTable
>>> tree = RegionTree.from_records([
...     {"code": "4101", "name": "郑州市", "level": "city", "parent": None},
...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101",
...      "settlement": "urban"},
...     {"code": "410122", "name": "中牟县", "level": "county", "parent": "4101",
...      "settlement": "rural"},
... ])
>>> [r.code for r in tree.children("4101")]
['410102', '410122']
>>> tree.roll_up({"410102": 3, "410122": 4})["4101"]
7
>>> pop = PopulationTable.from_records(
...     [{"region": "410102", "year": 2024, "population": 1_000_000},
...      {"region": "410122", "year": 2024, "population": 500_000}], tree=tree)
>>> pop.get("4101", 2024)
1500000
"""

from sportsgov.regions.population import (
    PopulationMismatch,
    PopulationTable,
    ProjectedPopulation,
    project_population,
)
from sportsgov.regions.projection import PROJECTION_METHODS, ProjectionFit, ProjectionMethod
from sportsgov.regions.tree import LEVEL_TIER as LEVEL_TIER
from sportsgov.regions.tree import Level, Region, RegionTree, Settlement, normalize_level

__all__ = [
    "PROJECTION_METHODS",
    "Level",
    "PopulationMismatch",
    "PopulationTable",
    "ProjectedPopulation",
    "ProjectionFit",
    "ProjectionMethod",
    "Region",
    "RegionTree",
    "Settlement",
    "normalize_level",
    "project_population",
]
