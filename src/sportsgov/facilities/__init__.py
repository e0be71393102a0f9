"""Sports facilities: the kind taxonomy, single facilities and a columnar inventory.

* :class:`FacilityKind` / :class:`FacilityKinds`: the taxonomy of venue kinds
  (体育场地类型), shipped as data (``sportsgov/data/facility_kinds.toml``) after the
  national sports venue census categories. Football pitches (11-, 7- and 5-a-side)
  each count as one pitch; trails and greenways are measured by length. Users
  extend it from their own TOML file.
* :class:`Facility`: one venue, a frozen record.
* :class:`Inventory`: millions of venues in numpy columns, with ``as_of`` dating,
  filters, area totals grouped over a :class:`~sportsgov.regions.RegionTree`
  and counts by kind.

The package has one module per noun: :mod:`~sportsgov.facilities.kinds`
(the taxonomy), :mod:`~sportsgov.facilities.facility` (one venue),
:mod:`~sportsgov.facilities.inventory` (the columnar inventory); column building
and CSV parsing live in a private module. Import from ``sportsgov.facilities``.

Dating convention
-----------------
A facility is *in service on day d* when ``opened <= d`` and it has not closed by
then: ``closed`` is the first day it is no longer in service, so a facility
closed on d is **not** counted on d. A missing ``opened`` means "in service since
before any date asked about" (census stock); a missing ``closed`` means still open.

Examples
--------
>>> from sportsgov.facilities import Inventory
>>> inv = Inventory.from_records([
...     {"id": "F1", "kind": "football_11", "region": "410102", "area": 7140,
...      "opened": "2020-05-01"},
...     {"id": "F2", "kind": "basketball", "region": "410102", "area": 608,
...      "opened": "2024-03-01", "closed": "2024-10-01"},
... ])
>>> len(inv), len(inv.as_of("2024-06-30")), len(inv.as_of("2024-12-31"))
(2, 2, 1)
>>> inv.total_area(as_of="2024-12-31")
<Quantity(7140.0, 'meter ** 2')>
>>> inv.pitch_count(as_of="2024-12-31")
1
"""

from sportsgov.facilities._columns import CSV_COLUMNS as CSV_COLUMNS
from sportsgov.facilities.facility import DATUMS, Datum, Facility, Location
from sportsgov.facilities.inventory import Inventory, LoadResult, RegionTotals
from sportsgov.facilities.kinds import FacilityKind, FacilityKinds, Measure

__all__ = [
    "DATUMS",
    "Datum",
    "Facility",
    "FacilityKind",
    "FacilityKinds",
    "Inventory",
    "LoadResult",
    "Location",
    "Measure",
    "RegionTotals",
]
