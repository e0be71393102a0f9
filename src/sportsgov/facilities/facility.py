"""One venue: :class:`Location` (a point in a stated datum) and :class:`Facility`."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov._common.cells import is_missing
from sportsgov._common.dates import as_date
from sportsgov._common.datums import DATUMS, Datum, normalize_datum
from sportsgov.errors import (
    DataError,
    InvalidInputError,
    format_value,
)
from sportsgov.facilities.kinds import bool_validator

__all__ = ["DATUMS", "Datum", "Facility", "Location", "facility_from_record", "optional_date"]

# ----------------------------------------------------------------------------- Facility


def _opt_float(value: object, argument: str, unit: str) -> float | None:
    from sportsgov.units import magnitude_in

    if is_missing(value):
        return None
    magnitude = magnitude_in(value, unit, argument=argument, finite=False)
    if not isinstance(magnitude, float):
        raise InvalidInputError.bad(argument, value, "must be a single number")
    if not np.isfinite(magnitude):
        raise InvalidInputError.bad(argument, value, f"must be a finite number >= 0 {unit}")
    if magnitude < 0:
        raise InvalidInputError.bad(argument, value, f"must be >= 0 {_unit_label(unit)}")
    return magnitude


def _unit_label(unit: str) -> str:
    return {"m^2": "m²", "m": "m"}.get(unit, unit)


def _area_converter(value: object) -> Any:
    from sportsgov.units import Q_

    m2 = _opt_float(value, "area", "m^2")
    return None if m2 is None else Q_(m2, "m^2")


def _length_converter(value: object) -> Any:
    from sportsgov.units import Q_

    m = _opt_float(value, "length", "m")
    return None if m is None else Q_(m, "m")


def optional_date(value: object, argument: str = "date") -> _dt.date | None:
    """A day from :func:`~sportsgov.periods.as_date`, or ``None`` for a missing cell or NaT."""
    if is_missing(value):
        return None
    if isinstance(value, np.datetime64) and np.isnat(value):
        return None
    return as_date(value, argument)


@frozen
class Location:
    """A point: longitude and latitude [°] in a stated datum.

    Raises
    ------
    InvalidInputError
        Out-of-range coordinates (with a hint when lon and lat look swapped).
    DatumError
        Unknown datum.

    Examples
    --------
    >>> Location(113.62, 34.75, "gcj02")
    Location(lon=113.62, lat=34.75, datum='gcj02')
    >>> Location(34.75, 113.62)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: lat=113.62: must be in [-90, 90] (are lon and lat swapped?)
    """

    lon: float = field(converter=float)
    lat: float = field(converter=float)
    datum: Datum = field(default="wgs84", converter=normalize_datum)

    def __attrs_post_init__(self) -> None:
        check_lonlat(
            np.array([self.lon]), np.array([self.lat]), rows=None, source=None, plain=True
        )


def check_lonlat(
    lon: npt.NDArray[np.float64],
    lat: npt.NDArray[np.float64],
    *,
    rows: npt.NDArray[np.int64] | None,
    source: str | None,
    plain: bool = False,
) -> None:
    lon_nan = np.isnan(lon)
    lat_nan = np.isnan(lat)
    problems: list[tuple[int, str, float, str]] = []
    half = lon_nan != lat_nan
    if half.any():
        i = int(np.flatnonzero(half)[0])
        name = "lat" if lat_nan[i] else "lon"
        problems.append(
            (
                i,
                name,
                float(lon[i] if name == "lat" else lat[i]),
                "lon and lat must be given together",
            )
        )
    bad_lat = ~lat_nan & ~((lat >= -90) & (lat <= 90))
    if bad_lat.any():
        i = int(np.flatnonzero(bad_lat)[0])
        hint = " (are lon and lat swapped?)" if -90 <= lon[i] <= 90 else ""
        problems.append((i, "lat", float(lat[i]), f"must be in [-90, 90]{hint}"))
    bad_lon = ~lon_nan & ~((lon >= -180) & (lon <= 180))
    if bad_lon.any():
        i = int(np.flatnonzero(bad_lon)[0])
        problems.append((i, "lon", float(lon[i]), "must be in [-180, 180]"))
    if not problems:
        return
    i, name, value, allowed = min(problems, key=lambda p: p[0])
    if plain:
        raise InvalidInputError.bad(name, value, allowed)
    row = int(rows[i]) if rows is not None else i + 1
    raise DataError(f"{name}={format_value(value)}: {allowed}", source=source, row=row, field=name)


def _name_converter(value: object) -> str:
    return "" if is_missing(value) else str(value)


def _region_converter(value: object) -> str:
    return str(value).strip()


@frozen
class Facility:
    """One sports facility (体育场地), a frozen record.

    Parameters
    ----------
    id : str
        Unique id.
    name : str
        Name (may be empty).
    kind : str
        Kind code (see :class:`FacilityKinds`); checked against a taxonomy when
        the facility joins an :class:`Inventory`.
    region : str
        Code of the region it lies in (usually a street/township or district).
    area : Quantity or number, optional
        Venue area; numbers are m², quantities and strings in 亩 or ha are
        converted (``"3 亩"``, ``"1.2 ha"``). Stored as a Quantity [m²].
    length : Quantity or number, optional
        Length [m] for trails and greenways.
    location : Location, optional
        Coordinates and datum.
    opened, closed : date or ISO string, optional
        In service from ``opened`` (inclusive) until ``closed`` (exclusive).
    public : bool, default True
        Open to the public (对外开放).

    Raises
    ------
    UnitError
        ``area`` not an area (e.g. metres) or ``length`` not a length.
    InvalidInputError
        Negative or NaN sizes, ``closed`` not after ``opened``, empty id.

    Examples
    --------
    >>> f = Facility("F1", "东区体育公园", "football_7", "410102", area="0.6 ha",
    ...              opened="2023-09-01")
    >>> f.area
    <Quantity(6000.0, 'meter ** 2')>
    >>> Facility("F2", "", "trail", "410102", area="1200 m")
    Traceback (most recent call last):
    ...
    sportsgov.errors.UnitError: area=1200 m: expected [area] (m², 亩, ha), got [length]
    """

    id: str = field(converter=str)
    name: str = field(converter=_name_converter)
    kind: str = field()
    region: str = field(converter=_region_converter)
    area: Any = field(default=None, converter=_area_converter)
    length: Any = field(default=None, kw_only=True, converter=_length_converter)
    location: Location | None = field(default=None, kw_only=True)
    opened: _dt.date | None = field(default=None, kw_only=True, converter=optional_date)
    closed: _dt.date | None = field(default=None, kw_only=True, converter=optional_date)
    public: bool = field(default=True, kw_only=True, validator=bool_validator("public"))

    def __attrs_post_init__(self) -> None:
        if not self.id.strip():
            raise InvalidInputError.bad("id", self.id, "must be non-empty")
        if not isinstance(self.kind, str) or not self.kind.strip():
            raise InvalidInputError.bad("kind", self.kind, "must be a kind code")
        if not self.region:
            raise InvalidInputError.bad("region", self.region, "must be a region code")
        if self.opened is not None and self.closed is not None and self.closed <= self.opened:
            raise InvalidInputError.bad(
                "closed",
                self.closed.isoformat(),
                f"must be after opened={self.opened.isoformat()}",
            )

    def in_service(self, on: object) -> bool:
        """True if in service on day ``on`` (``opened <= on < closed``).

        Examples
        --------
        >>> f = Facility("F1", "", "gym", "A", 300, opened="2024-01-01", closed="2024-07-01")
        >>> f.in_service("2024-06-30"), f.in_service("2024-07-01")
        (True, False)
        """
        day = as_date(on, "on")
        if self.opened is not None and self.opened > day:
            return False
        return self.closed is None or self.closed > day

    def to_record(self) -> dict[str, Any]:
        """The facility in the ``facilities.csv`` layout (area in m², length in m).

        Examples
        --------
        >>> Facility("F1", "", "gym", "A", 300).to_record()["area"]
        300.0
        """
        loc = self.location
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "region": self.region,
            "area": None if self.area is None else float(self.area.magnitude),
            "length": None if self.length is None else float(self.length.magnitude),
            "lon": None if loc is None else loc.lon,
            "lat": None if loc is None else loc.lat,
            "datum": None if loc is None else loc.datum,
            "opened": self.opened,
            "closed": self.closed,
            "public": self.public,
        }


def facility_from_record(rec: Mapping[str, Any]) -> Facility:
    """A :class:`Facility` from one record of :meth:`Inventory.to_records`."""
    loc = None
    if rec.get("lon") is not None and rec.get("lat") is not None:
        loc = Location(rec["lon"], rec["lat"], rec.get("datum") or "wgs84")
    return Facility(
        str(rec["id"]),
        rec.get("name") or "",
        rec["kind"],
        rec["region"],
        rec.get("area"),
        length=rec.get("length"),
        location=loc,
        opened=rec.get("opened"),
        closed=rec.get("closed"),
        public=bool(rec.get("public", True)),
    )
