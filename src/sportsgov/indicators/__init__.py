"""Per-capita indicators: 人均体育场地面积, pitches per 10,000, instructors per 1,000.

Every calculator returns an :class:`IndicatorValue` that carries its parts
(numerator, denominator, the population year used, how many facilities were
counted, what was excluded) so the figure can be explained and challenged.

Definitions
-----------
per-capita venue area (人均体育场地面积)
    Venue area of the facilities in service on ``as_of`` whose kind counts toward
    venue area, within the region (a district includes its streets), divided by
    the year-end resident population (年末常住人口) [m²/person]. This is the
    definition of the national sports venue statistics.
pitches per 10,000 residents (每万人足球场地数)
    Football pitches in service (11-, 7- and 5-a-side each count as one) per
    10,000 year-end residents.
instructors per 1,000 residents (每千人社会体育指导员数)
    Registered social sports instructors per 1,000 year-end residents.

Which population year
---------------------
The denominator is the year-end population of the **latest year-end on or
before** ``as_of`` (:func:`population_year`): ``as_of=2024-12-31`` uses the 2024
year-end figure, as the national statistics do for a year-end indicator;
``as_of=2024-06-30`` uses the 2023 year-end figure, the latest one that exists on
that day. Pass ``population_year=`` to choose another year explicitly. A missing
year raises :class:`~sportsgov.errors.DataError` unless ``interpolate=True``.

Examples
--------
>>> from sportsgov.regions import PopulationTable
>>> from sportsgov.facilities import Inventory
>>> inv = Inventory.from_records([
...     {"id": 1, "kind": "football_11", "region": "A", "area": 7140},
...     {"id": 2, "kind": "gym", "region": "A", "area": 2860}])
>>> pop = PopulationTable.from_records([{"region": "A", "year": 2024, "population": 4000}])
>>> v = per_capita_area(inv, pop, region="A", as_of="2024-12-31")
>>> v.value
<Quantity(2.5, 'meter ** 2 / person')>
>>> v.population_year, v.denominator
(2024, 4000)
>>> pitches_per_10k(inv, pop, region="A", as_of="2024-12-31").value
2.5
"""

from sportsgov.indicators.calculators import (
    indicator_table,
    instructors_per_1000,
    per_capita_area,
    pitches_per_10k,
    ratio,
    share,
)
from sportsgov.indicators.values import IndicatorTable, IndicatorValue, population_year

__all__ = [
    "IndicatorTable",
    "IndicatorValue",
    "indicator_table",
    "instructors_per_1000",
    "per_capita_area",
    "pitches_per_10k",
    "population_year",
    "ratio",
    "share",
]
