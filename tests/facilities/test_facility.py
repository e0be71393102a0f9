"""Tests for ``sportsgov.facilities.facility``: one facility."""

from __future__ import annotations

import pytest

from sportsgov.errors import DatumError, InvalidInputError, UnitError
from sportsgov.facilities import Facility, Location
from sportsgov.units import Q_

# --------------------------------------------------------------------------- Facility


def test_facility_units_and_dates() -> None:
    f = Facility("F1", "", "swimming_pool", "A", "1.5亩", opened="2024-01-01")
    assert f.area.to("m^2").magnitude == pytest.approx(1000.0)
    assert Facility("F2", "", "gym", "A", Q_(0.01, "ha")).area.magnitude == pytest.approx(100.0)
    t = Facility("F3", "", "trail", "A", None, length="2.5 km")
    assert t.length.magnitude == 2500.0 and t.area is None
    assert f.in_service("2024-01-01") and not f.in_service("2023-12-31")
    assert Location(113.6, 34.7, "GCJ-02").datum == "gcj02"


def test_facility_bad_input() -> None:
    with pytest.raises(UnitError, match=r"area=120 m: expected \[area\]"):
        Facility("F", "", "gym", "A", Q_(120, "m"))
    with pytest.raises(InvalidInputError, match=r"area=-3: must be >= 0 m²"):
        Facility("F", "", "gym", "A", -3)
    with pytest.raises(InvalidInputError, match=r"closed='2024-01-01': must be after opened"):
        Facility("F", "", "gym", "A", 3, opened="2024-01-01", closed="2024-01-01")
    with pytest.raises(InvalidInputError, match=r"lat=113.6: must be in \[-90, 90\] \(are lon"):
        Location(34.7, 113.6)
    with pytest.raises(DatumError, match=r"datum='bd-10': expected one of"):
        Location(113.6, 34.7, "bd-10")
