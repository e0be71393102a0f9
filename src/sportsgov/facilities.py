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

from __future__ import annotations

import csv
import datetime as _dt
import functools
import gzip
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal, overload

import attrs
import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov.errors import (
    DataError,
    DatumError,
    InvalidInputError,
    NotFoundError,
    SportsgovError,
    UnitError,
    format_value,
)
from sportsgov.regions import (
    LEVEL_TIER,
    Region,
    RegionTree,
    _as_date,
    _is_missing,
    _normalize_level,
    _open_text,
)

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
]

Measure = Literal["area", "length"]
"""How a facility kind's size is recorded: by ``area`` [m²] or by ``length`` [m]."""

Datum = Literal["wgs84", "gcj02", "bd09"]
"""Coordinate datum: WGS-84 (GPS), GCJ-02 (Chinese map services), BD-09 (Baidu)."""

DATUMS: tuple[str, ...] = ("wgs84", "gcj02", "bd09")

_DATUM_ALIASES = {
    "wgs84": "wgs84",
    "wgs-84": "wgs84",
    "wgs_84": "wgs84",
    "epsg:4326": "wgs84",
    "gcj02": "gcj02",
    "gcj-02": "gcj02",
    "gcj_02": "gcj02",
    "bd09": "bd09",
    "bd-09": "bd09",
    "bd_09": "bd09",
}

_NAT = np.iinfo(np.int64).min
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_TRUE = {"1", "true", "t", "yes", "y", "是", "开放"}
_FALSE = {"0", "false", "f", "no", "n", "否", "不开放"}

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "region",
    "area",
    "length",
    "lon",
    "lat",
    "datum",
    "opened",
    "closed",
    "public",
)


def _datum(value: object, argument: str = "datum") -> str:
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text is None or text not in _DATUM_ALIASES:
        raise DatumError.bad(argument, value, "expected one of 'wgs84', 'gcj02', 'bd09'")
    return _DATUM_ALIASES[text]


# ----------------------------------------------------------------------------- kinds


def _tuple_of_str(value: Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _measure(value: object) -> str:
    if value not in ("area", "length"):
        raise InvalidInputError.bad("measure", value, "expected one of 'area', 'length'")
    return str(value)


def _flag(name: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidInputError.bad(name, value, "must be true or false")

    return check


@frozen
class FacilityKind:
    """One kind of sports facility (体育场地类型).

    Parameters
    ----------
    code : str
        Machine code, e.g. ``"football_11"``.
    name_zh : str
        Chinese name as in the venue census, e.g. ``"11人制足球场"``.
    name_en : str
        English name.
    measure : {"area", "length"}
        How the size is recorded: area [m²], or length [m] for trails and greenways
        (their area is then optional).
    counts_toward_area : bool
        Whether its area enters venue area (体育场地面积) and so per-capita area.
    counts_as_pitch : bool
        Football pitches: each record counts as one pitch (11-, 7-, 5-a-side alike).
    ball_court : bool
        One of the "three big balls" (三大球) courts: football, basketball, volleyball.
    group : str
        Broad group (``football``, ``ball``, ``aquatics`` …).
    aliases : tuple of str
        Other names accepted on input (Chinese variants).
    note : str
        Why the flags are set as they are, where not obvious.

    Examples
    --------
    >>> FacilityKind("padel", "板式网球场", "padel court", group="ball").measure
    'area'
    """

    code: str = field()
    name_zh: str = field()
    name_en: str = field(default="")
    measure: Measure = field(default="area", converter=_measure)
    counts_toward_area: bool = field(default=True, validator=_flag("counts_toward_area"))
    counts_as_pitch: bool = field(default=False, validator=_flag("counts_as_pitch"))
    ball_court: bool = field(default=False, validator=_flag("ball_court"))
    group: str = field(default="other")
    aliases: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    note: str = field(default="")

    @code.validator
    def _check_code(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise InvalidInputError.bad("code", value, "must be a non-empty code without spaces")

    @name_zh.validator
    def _check_name(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInputError.bad("name_zh", value, "must be a non-empty string")

    def to_record(self) -> dict[str, Any]:
        """The kind as a TOML-ready record.

        Examples
        --------
        >>> FacilityKind("padel", "板式网球场").to_record()["code"]
        'padel'
        """
        return attrs.asdict(
            self, value_serializer=lambda _i, _a, v: list(v) if isinstance(v, tuple) else v
        )


_KIND_KEYS = {a.name for a in attrs.fields(FacilityKind)}


def _kinds_converter(value: Iterable[FacilityKind]) -> tuple[FacilityKind, ...]:
    return tuple(value)


@frozen(eq=False)
class FacilityKinds:
    """A facility-kind taxonomy: an ordered, read-only collection of :class:`FacilityKind`.

    Use :meth:`default` for the bundled national-census taxonomy, :meth:`load`
    for a TOML file, and :meth:`extend` to add or override kinds.

    Parameters
    ----------
    kinds : iterable of FacilityKind
        Codes must be unique; an alias may not name another kind.
    source : str, optional
        Where the kinds came from.

    Raises
    ------
    DataError
        Duplicate code or clashing alias.

    Examples
    --------
    >>> kinds = FacilityKinds.default()
    >>> kinds["football_7"].counts_as_pitch
    True
    >>> kinds["健身步道"].code, kinds["trail"].measure
    ('trail', 'length')
    """

    kinds: tuple[FacilityKind, ...] = field(converter=_kinds_converter)
    source: str | None = field(default=None, kw_only=True)
    _lookup: dict[str, int] = field(init=False, repr=False)
    _flags: dict[str, npt.NDArray[np.bool_]] = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        lookup: dict[str, int] = {}
        for i, kind in enumerate(self.kinds):
            if not isinstance(kind, FacilityKind):
                raise DataError(
                    f"expected a FacilityKind, got {format_value(kind)}",
                    source=self.source,
                    row=i + 1,
                )
            if kind.code in lookup:
                raise DataError(
                    f"code={kind.code!r}: duplicate facility kind",
                    source=self.source,
                    row=i + 1,
                    field="code",
                )
            lookup[kind.code] = i
        for i, kind in enumerate(self.kinds):
            for alias in (kind.name_zh, *kind.aliases):
                j = lookup.get(alias)
                if j is not None and j != i:
                    if alias == kind.name_zh:
                        continue  # a code that equals another kind's Chinese name: code wins
                    raise DataError(
                        f"aliases={alias!r}: already names kind {self.kinds[j].code!r}",
                        source=self.source,
                        row=i + 1,
                        field="aliases",
                    )
                lookup.setdefault(alias, i)
        flags = {
            name: np.array([getattr(k, name) for k in self.kinds], dtype=bool)
            for name in ("counts_toward_area", "counts_as_pitch", "ball_court")
        }
        flags["length"] = np.array([k.measure == "length" for k in self.kinds], dtype=bool)
        for arr in flags.values():
            arr.flags.writeable = False
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_flags", flags)

    # -- constructors ---------------------------------------------------------

    @classmethod
    def default(cls) -> FacilityKinds:
        """The bundled taxonomy (``sportsgov/data/facility_kinds.toml``), loaded once.

        Examples
        --------
        >>> "football_11" in FacilityKinds.default().codes
        True
        """
        return _default_kinds()

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, source: str | None = None
    ) -> FacilityKinds:
        """Build from mappings with the :class:`FacilityKind` fields.

        Examples
        --------
        >>> FacilityKinds.from_records([{"code": "padel", "name_zh": "板式网球场"}]).codes
        ('padel',)
        """
        kinds: list[FacilityKind] = []
        for row, record in enumerate(records, start=1):
            if not isinstance(record, Mapping):
                raise DataError(
                    f"expected a table, got {format_value(record)}", source=source, row=row
                )
            unknown = sorted(set(record) - _KIND_KEYS)
            if unknown:
                raise DataError(
                    f"keys {unknown} unknown; expected some of {sorted(_KIND_KEYS)}",
                    source=source,
                    row=row,
                )
            try:
                kinds.append(FacilityKind(**record))
            except TypeError as exc:
                raise DataError(
                    f"code and name_zh are required ({exc})", source=source, row=row
                ) from None
            except InvalidInputError as exc:
                raise DataError(
                    exc.message, source=source, row=row, field=exc.argument, value=exc.value
                ) from None
        return cls(kinds, source=source)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> FacilityKinds:
        """Read a taxonomy from a TOML file (``[[kind]]`` tables, as the bundled file).

        If the file has a top-level ``extends = "default"``, its kinds extend the
        bundled taxonomy (a kind with an existing code replaces it). Loading never
        executes code.

        Raises
        ------
        DataError
            Invalid TOML, unknown keys, bad values; names the ``[[kind]]`` number.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "kinds.toml"
        >>> _ = p.write_text('extends = "default"\\n[[kind]]\\ncode = "padel"\\n'
        ...                  'name_zh = "板式网球场"\\n', encoding="utf-8")
        >>> kinds = FacilityKinds.load(p)
        >>> kinds["padel"].counts_toward_area, "football_11" in kinds
        (True, True)
        """
        p = Path(path)
        if not p.exists():
            raise NotFoundError.bad("path", str(p), "no such file")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"not valid TOML: {exc}", source=p.name) from None
        return cls._from_toml(data, source=p.name)

    @classmethod
    def _from_toml(cls, data: Mapping[str, Any], *, source: str | None) -> FacilityKinds:
        records = data.get("kind", [])
        if not isinstance(records, list):
            raise DataError("kind: expected an array of tables [[kind]]", source=source)
        loaded = cls.from_records(records, source=source)
        base = data.get("extends")
        if base is None:
            return loaded
        if base != "default":
            raise DataError(
                f"extends={base!r}: expected 'default' (or no extends key)", source=source
            )
        return cls.default().extend(loaded, replace=True)

    def extend(
        self,
        other: FacilityKinds | Iterable[FacilityKind] | str | os.PathLike[str],
        *,
        replace: bool = False,
    ) -> FacilityKinds:
        """A new taxonomy with ``other``'s kinds added after these.

        Parameters
        ----------
        other : FacilityKinds, iterable of FacilityKind, or path to a TOML file
            The kinds to add.
        replace : bool, default False
            Let a kind with an existing code replace it (in place); otherwise a
            clash raises.

        Raises
        ------
        DataError
            A code already exists and ``replace`` is false.

        Examples
        --------
        >>> kinds = FacilityKinds.default().extend([FacilityKind("padel", "板式网球场")])
        >>> kinds.codes[-1]
        'padel'
        >>> kinds.extend([FacilityKind("padel", "板式网球场")])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: code='padel': kind already defined (pass replace=True ...)
        """
        if isinstance(other, str | os.PathLike):
            other = FacilityKinds.load(other)
        new = list(other.kinds if isinstance(other, FacilityKinds) else other)
        merged = list(self.kinds)
        position = {k.code: i for i, k in enumerate(merged)}
        for kind in new:
            if kind.code in position:
                if not replace:
                    raise DataError(
                        f"code={kind.code!r}: kind already defined (pass replace=True to override)"
                    )
                merged[position[kind.code]] = kind
            else:
                position[kind.code] = len(merged)
                merged.append(kind)
        return FacilityKinds(merged, source=self.source)

    # -- lookup ---------------------------------------------------------------

    @property
    def codes(self) -> tuple[str, ...]:
        """Kind codes in order."""
        return tuple(k.code for k in self.kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def __iter__(self) -> Iterator[FacilityKind]:
        return iter(self.kinds)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._lookup

    def __getitem__(self, key: str) -> FacilityKind:
        return self.kinds[self.index(key)]

    def index(self, key: str) -> int:
        """Position of a kind given its code, Chinese name or an alias.

        Raises
        ------
        NotFoundError
            Unknown kind; the message lists the known codes.

        Examples
        --------
        >>> FacilityKinds.default().index("football_11")
        0
        >>> FacilityKinds.default().index("quidditch")
        Traceback (most recent call last):
        ...
        sportsgov.errors.NotFoundError: kind='quidditch': unknown facility kind; known kinds: ...
        """
        found = self._lookup.get(key) if isinstance(key, str) else None
        if found is None and isinstance(key, str):
            found = self._lookup.get(key.strip())
        if found is None:
            raise NotFoundError.bad("kind", key, self._known())
        return found

    def _known(self) -> str:
        return "unknown facility kind; known kinds: " + ", ".join(self.codes)

    def flag(self, name: str) -> npt.NDArray[np.bool_]:
        """Boolean array over the kinds: ``counts_toward_area``, ``counts_as_pitch``,
        ``ball_court`` or ``length`` (measured by length).

        Examples
        --------
        >>> FacilityKinds.default().flag("counts_as_pitch")[:4].tolist()
        [True, True, True, True]
        """
        try:
            return self._flags[name]
        except KeyError:
            raise InvalidInputError.bad(
                "flag", name, "expected one of " + ", ".join(repr(k) for k in self._flags)
            ) from None

    def to_records(self) -> list[dict[str, Any]]:
        """Kinds as TOML-ready records (``FacilityKinds.from_records`` round-trips).

        Examples
        --------
        >>> k = FacilityKinds.default()
        >>> FacilityKinds.from_records(k.to_records()).kinds == k.kinds
        True
        """
        return [k.to_record() for k in self.kinds]

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML: ``{"kind": [records]}`` (the bundled file's layout)."""
        return {"kind": self.to_records()}

    @classmethod
    def from_data(cls, data: Any) -> FacilityKinds:
        """Inverse of :meth:`to_data` (``extends = "default"`` honoured)."""
        if not isinstance(data, Mapping):
            raise DataError("kinds: expected a table with [[kind]] entries")
        return cls._from_toml(data, source=None)

    def to_toml(self, path: str | os.PathLike[str]) -> None:
        """Write the taxonomy as TOML (``[[kind]]`` tables)."""
        import tomli_w

        Path(path).write_text(
            tomli_w.dumps({"version": 1, "kind": self.to_records()}), encoding="utf-8"
        )


@functools.cache
def _default_kinds() -> FacilityKinds:
    text = resources.files("sportsgov").joinpath("data/facility_kinds.toml").read_text("utf-8")
    return FacilityKinds._from_toml(tomllib.loads(text), source="facility_kinds.toml")


# ----------------------------------------------------------------------------- Facility


def _opt_float(value: object, argument: str, unit: str) -> float | None:
    from sportsgov.units import magnitude_in

    if _is_missing(value):
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


def _opt_date(value: object) -> _dt.date | None:
    if _is_missing(value):
        return None
    if isinstance(value, np.datetime64) and np.isnat(value):
        return None
    return _as_date(value, "date")


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
    datum: Datum = field(default="wgs84", converter=_datum)

    def __attrs_post_init__(self) -> None:
        _check_lonlat(
            np.array([self.lon]), np.array([self.lat]), rows=None, source=None, plain=True
        )


def _check_lonlat(
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
    return "" if _is_missing(value) else str(value)


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
    opened: _dt.date | None = field(default=None, kw_only=True, converter=_opt_date)
    closed: _dt.date | None = field(default=None, kw_only=True, converter=_opt_date)
    public: bool = field(default=True, kw_only=True, validator=_flag("public"))

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
        day = _as_date(on, "on")
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


# ----------------------------------------------------------------------------- Inventory


@frozen
class LoadResult:
    """What a loader returns with ``errors="collect"``: the good rows and every error.

    Attributes
    ----------
    inventory : Inventory
        Built from the rows without errors.
    errors : tuple of SportsgovError
        One error per rejected row (``DataError`` or ``UnitError``), each with its
        ``row`` (1-based data row, header excluded) and ``field``.

    Examples
    --------
    >>> res = Inventory.from_records(
    ...     [{"id": 1, "kind": "gym", "region": "A", "area": -5},
    ...      {"id": 2, "kind": "gym", "region": "A", "area": 50}], errors="collect")
    >>> len(res.inventory), [e.row for e in res.errors]
    (1, [1])
    """

    inventory: Inventory
    errors: tuple[SportsgovError, ...]

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.errors


def _readonly(arr: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A read-only view (never changes the flags of an array the caller holds)."""
    if arr.flags.writeable:
        arr = arr.view()
        arr.flags.writeable = False
    return arr


def _detach(arr: Any, original: Any, copy: bool) -> Any:
    """Copy ``arr`` if it may share memory with the caller's ``original`` (and ``copy``)."""
    if copy and isinstance(original, np.ndarray) and np.may_share_memory(arr, original):
        return arr.copy()
    return arr


def _date_column(
    value: Any, n: int, name: str, *, source: str | None, rows: npt.NDArray[np.int64] | None
) -> npt.NDArray[np.datetime64]:
    """A ``datetime64[D]`` column with NaT for missing values."""
    if value is None:
        return np.full(n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
    if isinstance(value, str | _dt.date | np.datetime64):
        day = _opt_date(value)
        fill = np.datetime64("NaT", "D") if day is None else np.datetime64(day, "D")
        return np.full(n, fill, dtype="datetime64[D]")
    arr = np.asarray(value)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[D]", copy=False)
    if arr.dtype.kind == "U":
        cleaned = np.where(np.char.strip(arr) == "", "NaT", arr)
        try:
            return cleaned.astype("datetime64[D]")
        except ValueError:
            pass  # find the bad row below
    out = np.empty(n, dtype=np.int64)
    for i, item in enumerate(arr.tolist() if arr.ndim else [arr.item()] * n):
        try:
            day = _opt_date(item)
        except InvalidInputError as exc:
            row = int(rows[i]) if rows is not None else i + 1
            raise DataError(
                f"{name}={format_value(item)}: must be an ISO date (YYYY-MM-DD)",
                source=source,
                row=row,
                field=name,
            ) from exc
        out[i] = _NAT if day is None else day.toordinal() - _EPOCH_ORDINAL
    return out.view("datetime64[D]")


def _float_column(
    value: Any, n: int, name: str, unit: str, *, allow_none: bool = True
) -> npt.NDArray[np.float64] | None:
    from sportsgov.units import magnitude_in

    if value is None:
        return None
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        arr = np.asarray(magnitude_in(value, unit, argument=name, finite=False), dtype=np.float64)
    else:
        arr = np.asarray(value)
        if arr.dtype.kind in "fiub":
            arr = arr.astype(np.float64, copy=False)
        else:
            items = arr.tolist() if arr.ndim else [arr.item()]
            arr = np.array(
                [
                    np.nan
                    if _is_missing(v)
                    else magnitude_in(v, unit, argument=name, finite=False)
                    for v in items
                ],
                dtype=np.float64,
            )
    if arr.ndim == 0:
        arr = np.full(n, float(arr), dtype=np.float64)
    return arr


def _factorize(
    values: Any,
    categories: Sequence[Any] | None,
    name: str,
) -> tuple[npt.NDArray[np.intp] | npt.NDArray[Any], list[str]]:
    """Return (codes, labels) for a label column or an integer code column."""
    arr = np.asarray(values)
    if categories is not None:
        labels = [str(c) for c in categories]
        if arr.dtype.kind not in "iu":
            raise InvalidInputError.bad(
                name, arr, f"with {name}_categories, {name} must hold integer codes"
            )
        if len(set(labels)) != len(labels):
            raise InvalidInputError.bad(f"{name}_categories", categories, "must be unique")
        if arr.size:
            lo, hi = int(arr.min()), int(arr.max())
            if lo < 0 or hi >= len(labels):
                bad = int(np.flatnonzero((arr < 0) | (arr >= len(labels)))[0])
                raise DataError(
                    f"{name}={int(arr[bad])}: code outside "
                    f"{name}_categories (0..{len(labels) - 1})",
                    row=bad + 1,
                    field=name,
                )
        return arr, labels
    if arr.dtype.kind == "O":
        items = arr.tolist()
        if any(_is_missing(v) for v in items):
            bad = next(i for i, v in enumerate(items) if _is_missing(v))
            raise DataError(f"{name}={items[bad]!r}: is required", row=bad + 1, field=name)
        arr = np.array([str(v).strip() for v in items])
    elif arr.dtype.kind in "iu":
        arr = arr.astype(str)
    uniques, inverse = np.unique(arr, return_inverse=True)
    return inverse.reshape(-1), [str(u) for u in uniques.tolist()]


def _check_ids(
    ids: npt.NDArray[Any], rows: npt.NDArray[np.int64] | None, source: str | None
) -> None:
    n = ids.shape[0]
    if n < 2:
        return
    if ids.dtype.kind in "iu" and bool(np.all(ids[1:] > ids[:-1])):
        return
    order = np.argsort(ids, kind="stable")
    s = ids[order]
    dup = np.flatnonzero(s[1:] == s[:-1])
    if dup.size:
        second = order[dup + 1]
        i = int(second.min())
        first = int(order[dup[np.argmin(second)]])
        row = int(rows[i]) if rows is not None else i + 1
        first_row = int(rows[first]) if rows is not None else first + 1
        raise DataError(
            f"id={format_value(ids[i].item())}: duplicate id (first seen in row {first_row})",
            source=source,
            row=row,
            field="id",
        )


_Errors = Literal["raise", "collect"]


@frozen(eq=False)
class Inventory:
    """A columnar facility inventory (numpy arrays inside), for millions of venues.

    Build it with :meth:`from_records`, :meth:`from_arrays` or :meth:`from_csv`.
    All columns are read-only numpy arrays of the same length; methods return
    new inventories or results, never mutate.

    Attributes
    ----------
    kinds : FacilityKinds
        The taxonomy the ``kind`` column indexes into.
    ids : numpy.ndarray
        Facility ids (unique).
    kind : numpy.ndarray of int16
        Index into ``kinds.kinds``.
    region_codes : tuple of str
        Region categories; ``region`` indexes into them.
    region : numpy.ndarray of int32
        Index into ``region_codes``.
    area : numpy.ndarray of float64 [m²]
        Venue area; NaN only for length-measured kinds without a recorded area.
    length : numpy.ndarray of float64 [m] or None
        Length (NaN = not recorded); ``None`` when no record has one.
    lon, lat : numpy.ndarray of float64 [°] or None
        Coordinates (NaN = not recorded); ``None`` when no record has any.
    datum : numpy.ndarray of int8 or None
        Index into :data:`DATUMS` (-1 = no coordinates).
    opened, closed : numpy.ndarray of datetime64[D]
        In service from ``opened`` (inclusive; NaT = since before any date) until
        ``closed`` (exclusive; NaT = still open).
    public : numpy.ndarray of bool
        Open to the public (对外开放).
    names : numpy.ndarray of str or None
        Names, if given.
    tree : RegionTree or None
        If given, every region code is a region of the tree and area totals roll
        up over it (a district's total includes its streets).
    source : str or None
        File name the inventory came from.

    Examples
    --------
    >>> import numpy as np
    >>> inv = Inventory.from_arrays(
    ...     id=np.arange(3), kind=np.array(["football_5", "gym", "trail"]),
    ...     region=np.array(["A", "A", "B"]), area=np.array([800.0, 300.0, 1200.0]),
    ...     opened=np.array(["2020-01-01", "2021-01-01", ""]), closed=None)
    >>> inv.count_by_kind()
    {'football_5': 1, 'gym': 1, 'trail': 1}
    >>> inv.total_area(by="region")
    {'A': <Quantity(1100.0, 'meter ** 2')>, 'B': <Quantity(1200.0, 'meter ** 2')>}
    """

    kinds: FacilityKinds
    ids: npt.NDArray[Any]
    kind: npt.NDArray[np.int16]
    region_codes: tuple[str, ...]
    region: npt.NDArray[np.int32]
    area: npt.NDArray[np.float64]
    opened: npt.NDArray[np.datetime64]
    closed: npt.NDArray[np.datetime64]
    public: npt.NDArray[np.bool_]
    length: npt.NDArray[np.float64] | None = None
    lon: npt.NDArray[np.float64] | None = None
    lat: npt.NDArray[np.float64] | None = None
    datum: npt.NDArray[np.int8] | None = None
    names: npt.NDArray[Any] | None = None
    tree: RegionTree | None = None
    source: str | None = None
    _cache: dict[str, Any] = field(factory=dict, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        n = self.ids.shape[0]
        for name in (
            "kind",
            "region",
            "area",
            "opened",
            "closed",
            "public",
            "length",
            "lon",
            "lat",
            "datum",
            "names",
        ):
            arr = getattr(self, name)
            if arr is not None and arr.shape != (n,):
                raise InvalidInputError.bad(
                    name, arr, f"must be a 1-D column of {n} values (one per id)"
                )

    # -- constructors ---------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        *,
        id: npt.ArrayLike,
        kind: npt.ArrayLike,
        region: npt.ArrayLike,
        area: Any,
        opened: Any = None,
        closed: Any = None,
        length: Any = None,
        lon: npt.ArrayLike | None = None,
        lat: npt.ArrayLike | None = None,
        datum: str | npt.ArrayLike = "wgs84",
        public: bool | npt.ArrayLike = True,
        name: npt.ArrayLike | None = None,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        kind_categories: Sequence[str] | None = None,
        region_categories: Sequence[str] | None = None,
        source: str | None = None,
        copy: bool = True,
    ) -> Inventory:
        """Build from numpy columns (vectorized validation; the fast path).

        Parameters
        ----------
        id : array_like
            Unique ids (integers or strings).
        kind : array_like
            Kind codes/aliases as strings, or integer codes into ``kind_categories``.
        region : array_like
            Region codes as strings, or integer codes into ``region_categories``.
        area : array_like [m²] or Quantity array
            Venue area. Plain numbers are m²; a Quantity array is converted (亩, ha);
            a length raises :class:`~sportsgov.errors.UnitError`. NaN is allowed
            only for length-measured kinds that have a ``length``.
        opened, closed : array_like of datetime64[D] or ISO strings, optional
            ``""``/``None``/NaT = missing. ``closed`` must be after ``opened``.
        length : array_like [m], optional
            Lengths for trails and greenways.
        lon, lat : array_like [°], optional
            Coordinates (NaN = not recorded).
        datum : str or array_like, default "wgs84"
            Datum of the coordinates.
        public : bool or array_like of bool, default True
            Open to the public.
        name : array_like, optional
            Names.
        kinds : FacilityKinds, optional
            Taxonomy (default :meth:`FacilityKinds.default`).
        tree : RegionTree, optional
            If given, every region must be in it.
        kind_categories, region_categories : sequence of str, optional
            Labels for integer-coded ``kind`` / ``region`` columns (as from
            ``numpy.unique(..., return_inverse=True)`` or a pandas Categorical):
            this avoids factorizing millions of strings.
        copy : bool, default True
            Copy the input arrays, so later changes to them cannot reach the
            inventory. ``copy=False`` keeps arrays that already have the right
            dtype as read-only *views* (numpy's ``copy=False`` convention): faster
            and lighter for millions of rows, but the caller must not modify them
            afterwards.

        Raises
        ------
        DataError
            Unknown kind (listing the known kinds), unknown region, negative or
            missing area, duplicate id, ``closed`` not after ``opened``, bad
            coordinates; each with the 1-based row.
        UnitError
            ``area`` given as a length.

        Examples
        --------
        >>> import numpy as np
        >>> inv = Inventory.from_arrays(
        ...     id=np.arange(4), kind=np.array([0, 1, 1, 2]),
        ...     kind_categories=["football_11", "football_7", "basketball"],
        ...     region=np.zeros(4, dtype=np.int32), region_categories=["410102"],
        ...     area=np.array([7140.0, 2000.0, 2000.0, 608.0]),
        ...     opened=np.array(["2019-01-01"] * 4, dtype="datetime64[D]"),
        ...     closed=np.array(["NaT", "NaT", "2023-01-01", "NaT"], dtype="datetime64[D]"))
        >>> inv.pitch_count(as_of="2024-12-31")
        2
        """
        kinds = kinds if kinds is not None else FacilityKinds.default()
        ids = np.asarray(id)
        if ids.ndim != 1:
            raise InvalidInputError.bad("id", ids, "must be a 1-D array")
        n = ids.shape[0]
        if ids.dtype.kind == "O":
            items = ids.tolist()
            if any(_is_missing(v) for v in items):
                bad = next(i for i, v in enumerate(items) if _is_missing(v))
                raise DataError("id: is required", row=bad + 1, field="id", source=source)
            ids = np.array([str(v) for v in items])
        _check_ids(ids, None, source)
        # kinds
        kind_arr, kind_labels = _factorize(kind, kind_categories, "kind")
        if np.shape(kind_arr) != (n,):
            raise InvalidInputError.bad("kind", kind, f"must have {n} values (one per id)")
        lookup = np.empty(len(kind_labels), dtype=np.int16)
        for j, label in enumerate(kind_labels):
            try:
                lookup[j] = kinds.index(label)
            except NotFoundError:
                row = int(np.flatnonzero(kind_arr == j)[0]) + 1 if n else 0
                raise DataError(
                    f"kind={label!r}: {kinds._known()}", source=source, row=row, field="kind"
                ) from None
        if np.array_equal(lookup, np.arange(len(lookup))):
            kind_idx = _detach(kind_arr.astype(np.int16, copy=False), kind, copy)
        else:
            kind_idx = lookup[kind_arr]
        # regions
        region_arr, region_labels = _factorize(region, region_categories, "region")
        if np.shape(region_arr) != (n,):
            raise InvalidInputError.bad("region", region, f"must have {n} values (one per id)")
        region_labels = [lab.strip() for lab in region_labels]
        if tree is not None:
            for j, label in enumerate(region_labels):
                if label not in tree:
                    hits = np.flatnonzero(region_arr == j)
                    if hits.size:
                        raise DataError(
                            f"region={label!r}: not a region of the tree",
                            source=source,
                            row=int(hits[0]) + 1,
                            field="region",
                        )
        region_idx = _detach(region_arr.astype(np.int32, copy=False), region, copy)
        # sizes
        area_arr = _float_column(area, n, "area", "m^2")
        if area_arr is None:
            raise InvalidInputError.bad(
                "area", None, "is required (m²; NaN for trails with a length)"
            )
        area_arr = _detach(area_arr, area, copy)
        if area_arr.shape != (n,):
            raise InvalidInputError.bad("area", area, f"must have {n} values (one per id)")
        length_arr = _float_column(length, n, "length", "m")
        if length_arr is not None:
            length_arr = _detach(length_arr, length, copy)
            if length_arr.shape != (n,):
                raise InvalidInputError.bad("length", length, f"must have {n} values")
        clean = _check_sizes(area_arr, length_arr, kind_idx, kinds, rows=None, source=source)
        # dates
        opened_arr = _detach(
            _date_column(opened, n, "opened", source=source, rows=None), opened, copy
        )
        closed_arr = _detach(
            _date_column(closed, n, "closed", source=source, rows=None), closed, copy
        )
        if opened_arr.shape != (n,) or closed_arr.shape != (n,):
            raise InvalidInputError.bad(
                "opened", opened, f"opened and closed must have {n} values"
            )
        _check_dates(opened_arr, closed_arr, rows=None, source=source)
        # coordinates
        lon_arr = _float_column(lon, n, "lon", "")
        lat_arr = _float_column(lat, n, "lat", "")
        datum_arr: npt.NDArray[np.int8] | None = None
        if (lon_arr is None) != (lat_arr is None):
            raise InvalidInputError.bad("lon", lon, "lon and lat must be given together")
        if lon_arr is not None and lat_arr is not None:
            lon_arr = _detach(lon_arr, lon, copy)
            lat_arr = _detach(lat_arr, lat, copy)
            _check_lonlat(lon_arr, lat_arr, rows=None, source=source)
            has = ~np.isnan(lon_arr)
            if isinstance(datum, str):
                datum_arr = np.where(
                    has, np.int8(DATUMS.index(_datum(datum))), np.int8(-1)
                ).astype(np.int8)
            else:
                dat_codes, dat_labels = _factorize(datum, None, "datum")
                dl = np.array([DATUMS.index(_datum(x)) for x in dat_labels], dtype=np.int8)
                datum_arr = np.where(has, dl[dat_codes], np.int8(-1)).astype(np.int8)
        public_arr = np.asarray(public)
        if public_arr.dtype != np.bool_:
            raise InvalidInputError.bad("public", public, "must be a bool or an array of bools")
        public_arr = (
            np.broadcast_to(public_arr, (n,))
            if public_arr.ndim == 0
            else _detach(public_arr, public, copy)
        )
        names_arr = (
            None
            if name is None
            else np.array(
                name, dtype=object if np.asarray(name).dtype.kind == "O" else None, copy=True
            )
        )
        inventory = cls._make(
            kinds=kinds,
            ids=_detach(ids, id, copy),
            kind=kind_idx,
            region_codes=tuple(region_labels),
            region=region_idx,
            area=area_arr,
            opened=opened_arr,
            closed=closed_arr,
            public=public_arr,
            length=length_arr,
            lon=lon_arr,
            lat=lat_arr,
            datum=datum_arr,
            names=names_arr,
            tree=tree,
            source=source,
        )
        if clean:
            inventory._cache["area0"] = inventory.area
        return inventory

    @classmethod
    def _make(cls, **columns: Any) -> Inventory:
        for key, value in list(columns.items()):
            if isinstance(value, np.ndarray):
                columns[key] = _readonly(value)
        return cls(**columns)

    @overload
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any] | Facility],
        *,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["raise"] = ...,
        source: str | None = ...,
    ) -> Inventory: ...
    @overload
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any] | Facility],
        *,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["collect"],
        source: str | None = ...,
    ) -> LoadResult: ...

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any] | Facility],
        *,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
        errors: _Errors = "raise",
        source: str | None = None,
    ) -> Inventory | LoadResult:
        """Build from records (mappings in the ``facilities.csv`` layout, or :class:`Facility`).

        Keys: ``id, kind, region, area`` (required; ``area`` may be empty for
        trails with a ``length``) and optional ``name, length, lon, lat, datum,
        opened, closed, public``. Areas are m² when bare numbers; strings and
        quantities in 亩/ha are converted. A record without ``datum`` uses the
        ``datum`` argument.

        Parameters
        ----------
        errors : {"raise", "collect"}, default "raise"
            ``"raise"`` stops at the first bad record; ``"collect"`` skips bad
            records and returns a :class:`LoadResult` with the inventory of the
            good ones and one error per bad record.

        Raises
        ------
        DataError
            A bad record (1-based row, field, and for kinds the known kinds).
        UnitError
            An area given in a length unit (message names the row).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": "F1", "kind": "swimming_pool", "region": "A", "area": "1.5亩",
        ...      "lon": 113.6, "lat": 34.7, "opened": "2020-01-01", "closed": None}])
        >>> float(inv.area[0])
        1000.0
        >>> Inventory.from_records([{"id": "F1", "kind": "pool", "region": "A", "area": 5}])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: row 1, field kind: kind='pool': unknown facility kind; ...
        """
        if errors not in ("raise", "collect"):
            raise InvalidInputError.bad("errors", errors, "expected one of 'raise', 'collect'")
        parser = _RowParser(kinds or FacilityKinds.default(), tree, _datum(datum), source)
        failures: list[SportsgovError] = []
        for row, record in enumerate(records, start=1):
            if isinstance(record, Facility):
                record = record.to_record()
            try:
                parser.add(record, row)
            except (DataError, UnitError) as exc:
                if errors == "raise":
                    raise
                failures.append(exc)
        inventory = parser.build(cls)
        if errors == "collect":
            return LoadResult(inventory, tuple(failures))
        return inventory

    @overload
    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["raise"] = ...,
    ) -> Inventory: ...
    @overload
    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["collect"],
    ) -> LoadResult: ...

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
        errors: _Errors = "raise",
    ) -> Inventory | LoadResult:
        """Stream ``facilities.csv`` (``.csv.gz`` accepted) into an inventory.

        Columns: ``id,name,kind,region,area,length,lon,lat,datum,opened,closed,public``
        (``id, kind, region, area`` required; the others optional). Empty cells
        are missing values. Area in m² (a cell such as ``"3亩"`` is converted),
        length in m, dates ISO ``YYYY-MM-DD``, public ``true/false/1/0/是/否``
        (empty = true). Rows are read one at a time; errors name the file, the
        1-based data row (header excluded) and the field.

        Parameters
        ----------
        errors : {"raise", "collect"}, default "raise"
            With ``"collect"`` every bad row is skipped and reported: the result
            is a :class:`LoadResult` ``(inventory, errors)``.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "facilities.csv"
        >>> _ = p.write_text(
        ...     "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public\\n"
        ...     "F1,Park,football_7,A,2000,,113.6,34.7,gcj02,2021-05-01,,true\\n"
        ...     "F2,Bad,football_7,A,-1,,,,,,,\\n", encoding="utf-8")
        >>> res = Inventory.from_csv(p, errors="collect")
        >>> len(res.inventory), str(res.errors[0])
        (1, 'facilities.csv, row 2, field area: area=-1.0: must be >= 0 m²')
        """
        p = Path(path)
        if errors not in ("raise", "collect"):
            raise InvalidInputError.bad("errors", errors, "expected one of 'raise', 'collect'")
        failures: list[SportsgovError] = []
        with _open_text(p) as fh:
            reader = csv.reader(fh)
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise DataError("empty file: expected a header row", source=p.name) from None
            missing = [c for c in ("id", "kind", "region", "area") if c not in header]
            if missing:
                raise DataError(
                    f"columns {missing} missing; found {header}", source=p.name, line=1
                )
            loader = _ColumnarCSV(
                kinds or FacilityKinds.default(), tree, _datum(datum), p.name, header
            )
            width = len(header)
            # Cells go straight into column lists: strings are not tracked by the
            # garbage collector, so millions of rows cost no collection passes.
            columns: list[list[str]] = [[] for _ in range(width)]
            appends = [col.append for col in columns]
            numbers: list[int] = []
            for row, cells in enumerate(reader, start=1):
                if len(cells) != width:
                    if not cells:
                        continue
                    exc = DataError(
                        f"{len(cells)} cells, expected {width} (header: {','.join(header)})",
                        source=p.name,
                        row=row,
                    )
                    if errors == "raise":
                        loader.feed(columns, numbers, errors, failures)  # earlier rows first
                        raise exc
                    failures.append(exc)
                    continue
                for append, cell in zip(appends, cells):  # noqa: B905 - lengths checked
                    append(cell)
                numbers.append(row)
                if len(numbers) >= _CHUNK:
                    loader.feed(columns, numbers, errors, failures)
                    columns = [[] for _ in range(width)]
                    appends = [col.append for col in columns]
                    numbers = []
            loader.feed(columns, numbers, errors, failures)
        failures.sort(key=lambda e: getattr(e, "row", 0) or 0)
        parser = loader.finish()
        inventory = parser.build(cls)
        if errors == "collect":
            return LoadResult(inventory, tuple(failures))
        return inventory

    # -- basics ---------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def __eq__(self, other: object) -> bool:
        """Value equality: same facilities in the same order, same taxonomy and tree.

        Columns are compared by value (region and kind by code, NaN equal to NaN, a
        missing optional column equal to an all-missing one); the internal category
        numbering does not matter.

        Examples
        --------
        >>> a = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> b = Inventory.from_data(a.to_data())
        >>> a == b, a == a.filter(kind="football_5")
        (True, False)
        """
        if not isinstance(other, Inventory):
            return NotImplemented
        if self is other:
            return True
        if len(self) != len(other) or self.kinds.kinds != other.kinds.kinds:
            return False
        if self.tree != other.tree:
            return False

        def floats(arr: npt.NDArray[np.float64] | None, n: int) -> npt.NDArray[np.float64]:
            return np.full(n, np.nan) if arr is None else arr

        n = len(self)
        same_regions = self.region_codes == other.region_codes and np.array_equal(
            self.region, other.region
        )
        if not same_regions and not np.array_equal(self.region_of, other.region_of):
            return False
        own_names = self.names if self.names is not None else np.full(n, "", dtype=object)
        other_names = other.names if other.names is not None else np.full(n, "", dtype=object)
        own_datum = self.datum if self.datum is not None else np.full(n, -1, dtype=np.int8)
        other_datum = other.datum if other.datum is not None else np.full(n, -1, dtype=np.int8)
        return bool(
            np.array_equal(self.ids.astype(object), other.ids.astype(object))
            and np.array_equal(self.kind, other.kind)
            and np.array_equal(self.area, other.area, equal_nan=True)
            and np.array_equal(floats(self.length, n), floats(other.length, n), equal_nan=True)
            and np.array_equal(floats(self.lon, n), floats(other.lon, n), equal_nan=True)
            and np.array_equal(floats(self.lat, n), floats(other.lat, n), equal_nan=True)
            and np.array_equal(own_datum, other_datum)
            and np.array_equal(self.opened.view(np.int64), other.opened.view(np.int64))
            and np.array_equal(self.closed.view(np.int64), other.closed.view(np.int64))
            and np.array_equal(self.public, other.public)
            and np.array_equal(own_names.astype(str), other_names.astype(str))
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<Inventory {len(self)} facilities, {len(self.region_codes)} regions, "
            f"{len(self.kinds)} kinds>"
        )

    def __getitem__(self, i: int) -> Facility:
        """The ``i``-th facility as a :class:`Facility`."""
        n = len(self)
        if not isinstance(i, int | np.integer) or not -n <= i < n:
            raise InvalidInputError.bad("index", i, f"must be an integer in [{-n}, {n})")
        return _facility_from_record(self._record(int(i) % n))

    def __iter__(self) -> Iterator[Facility]:
        for i in range(len(self)):
            yield _facility_from_record(self._record(i))

    @property
    def kind_codes(self) -> npt.NDArray[Any]:
        """The kind code of every facility (a string array)."""
        return np.asarray(self.kinds.codes, dtype=object)[self.kind].astype(str)

    @property
    def region_of(self) -> npt.NDArray[Any]:
        """The region code of every facility (a string array)."""
        return np.asarray(self.region_codes, dtype=object)[self.region].astype(str)

    def _take(self, mask: npt.NDArray[np.bool_] | npt.NDArray[np.intp]) -> Inventory:
        def pick(arr: npt.NDArray[Any] | None) -> npt.NDArray[Any] | None:
            return None if arr is None else arr[mask]

        return Inventory._make(
            kinds=self.kinds,
            ids=self.ids[mask],
            kind=self.kind[mask],
            region_codes=self.region_codes,
            region=self.region[mask],
            area=self.area[mask],
            opened=self.opened[mask],
            closed=self.closed[mask],
            public=self.public[mask],
            length=pick(self.length),
            lon=pick(self.lon),
            lat=pick(self.lat),
            datum=pick(self.datum),
            names=pick(self.names),
            tree=self.tree,
            source=self.source,
        )

    # -- dating and filtering ---------------------------------------------------

    def in_service(self, as_of: object) -> npt.NDArray[np.bool_]:
        """Boolean mask of facilities in service on ``as_of`` (``opened <= d < closed``).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "closed": "2024-07-01"}])
        >>> inv.in_service("2024-06-30").tolist(), inv.in_service("2024-07-01").tolist()
        ([True], [False])
        """
        day = np.int64(_as_date(as_of).toordinal() - _EPOCH_ORDINAL)
        o8 = self.opened.view(np.int64)
        c8 = self.closed.view(np.int64)
        # NaT is the smallest int64: "opened = NaT" passes ``<=`` (in service since
        # before any date); "closed = NaT" must be tested explicitly.
        alive = o8 <= day
        alive &= (c8 > day) | (c8 == _NAT)
        return alive

    def as_of(self, date: object) -> Inventory:
        """Facilities in service on ``date``: opened on or before it, not yet closed.

        A facility closed on ``date`` is not counted on ``date``.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "opened": "2024-07-01"}])
        >>> len(inv.as_of("2024-06-30")), len(inv.as_of("2024-07-01"))
        (0, 1)
        """
        return self._take(self.in_service(date))

    def _kind_mask(self, kind: str | Iterable[str]) -> npt.NDArray[np.bool_]:
        wanted = [kind] if isinstance(kind, str) else list(kind)
        table = np.zeros(len(self.kinds), dtype=bool)
        for k in wanted:
            table[self.kinds.index(k)] = True
        return table[self.kind]

    def _region_table(self, region: str | Iterable[str]) -> npt.NDArray[np.bool_]:
        """Boolean table over ``region_codes``: within the given region(s)."""
        wanted = [region] if isinstance(region, str | Region) else list(region)
        table = np.zeros(len(self.region_codes), dtype=bool)
        position = {c: j for j, c in enumerate(self.region_codes)}
        for key in wanted:
            if self.tree is not None:
                root = self.tree[key.code if isinstance(key, Region) else key]
                within = {r.code for r in self.tree.descendants(root.code, include_self=True)}
                for code in within:
                    j = position.get(code)
                    if j is not None:
                        table[j] = True
            else:
                code = key.code if isinstance(key, Region) else str(key)
                j = position.get(code)
                if j is None:
                    raise NotFoundError.bad(
                        "region", key, "no facility in this region (and no tree to look it up)"
                    )
                table[j] = True
        return table

    def mask(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
        as_of: object = None,
    ) -> npt.NDArray[np.bool_]:
        """Boolean row mask for :meth:`filter` (all conditions combined with *and*).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "public": False}])
        >>> inv.mask(public=True).tolist()
        [False]
        """
        out = np.ones(len(self), dtype=bool)
        if kind is not None:
            out &= self._kind_mask(kind)
        if region is not None:
            out &= self._region_table(region)[self.region]
        if public is not None:
            out &= self.public == bool(public)
        if as_of is not None:
            out &= self.in_service(as_of)
        return out

    def filter(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
        as_of: object = None,
    ) -> Inventory:
        """Facilities matching every condition given.

        Parameters
        ----------
        kind : str or iterable of str, optional
            Kind code(s) (aliases accepted).
        region : str or iterable of str, optional
            Region code(s); with a tree, facilities in descendants are included.
        public : bool, optional
            Only public (True) or non-public (False) facilities.
        as_of : date or ISO string, optional
            Only facilities in service on that day.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10},
        ...     {"id": 2, "kind": "football_5", "region": "A", "area": 800}])
        >>> len(inv.filter(kind=["football_5", "football_7"]))
        1
        """
        return self._take(self.mask(kind=kind, region=region, public=public, as_of=as_of))

    # -- totals ---------------------------------------------------------------

    def counted_area(self) -> npt.NDArray[np.float64]:
        """Area that counts toward venue area, per facility [m²].

        Zero for kinds with ``counts_toward_area = false`` and for length-measured
        facilities without a recorded area (read-only, computed once).
        """
        cached = self._cache.get("counted_area")
        if cached is None:
            counts = self.kinds.flag("counts_toward_area")
            if counts.all() and not np.isnan(self.area).any():
                cached = self.area
            else:
                cached = np.where(counts[self.kind], self.area, 0.0)
                np.nan_to_num(cached, copy=False, nan=0.0)
                cached.flags.writeable = False
            self._cache["counted_area"] = cached
        return cached

    def region_kind_totals(
        self,
        *,
        as_of: object = None,
        public: bool | None = None,
        counts: bool = True,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64] | None]:
        """Area [m²] and number of facilities for every (region category, kind) pair.

        One weighted ``numpy.bincount`` over the whole inventory: the fast path
        behind the indicators. Rows follow :attr:`region_codes`, columns
        ``kinds.kinds``. Areas include every kind (apply
        ``kinds.flag("counts_toward_area")`` to the columns for venue area);
        missing trail areas count as 0.

        Parameters
        ----------
        as_of : date or ISO string, optional
            Only facilities in service on that day.
        public : bool, optional
            Only public (True) or non-public (False) facilities.
        counts : bool, default True
            Also return the counts (else ``None``).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "football_11", "region": "A", "area": 7000},
        ...     {"id": 2, "kind": "football_11", "region": "A", "area": 7100}])
        >>> area, n = inv.region_kind_totals()
        >>> float(area[0, 0]), int(n[0, 0])
        (14100.0, 2)
        """
        nk = len(self.kinds)
        ncat = len(self.region_codes)
        key = self._cache.get("region_kind_key")
        if key is None:
            key = self.region.astype(np.intp) * nk
            key += self.kind
            key.flags.writeable = False
            self._cache["region_kind_key"] = key
        area0 = self._area0()
        mask: npt.NDArray[np.bool_] | None = None
        if as_of is not None:
            mask = self.in_service(as_of)
        if public is not None:
            pub = self.public == bool(public)
            mask = pub if mask is None else mask & pub
        weights = area0 if mask is None else np.where(mask, area0, 0.0)
        sums: Any = np.bincount(key, weights=weights, minlength=ncat * nk)
        area: npt.NDArray[np.float64] = sums.reshape(ncat, nk)
        number: npt.NDArray[np.int64] | None = None
        if counts:
            raw = np.bincount(key if mask is None else key[mask], minlength=ncat * nk)
            number = raw.astype(np.int64, copy=False).reshape(ncat, nk)
        return area, number

    def _area0(self) -> npt.NDArray[np.float64]:
        area0 = self._cache.get("area0")
        if area0 is None:
            area0 = self.area
            if np.isnan(area0).any():
                area0 = np.nan_to_num(area0, nan=0.0)
                area0.flags.writeable = False
            self._cache["area0"] = area0
        return area0

    def region_sums(
        self,
        *,
        flag: str | None = None,
        weighted: bool = True,
        as_of: object = None,
        public: bool | None = None,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_] | None]:
        """Area [m²] (or number of facilities) per region category, one bincount.

        Rows follow :attr:`region_codes`. The fast path of the indicators.

        Parameters
        ----------
        flag : str, optional
            Only kinds with this flag (``"counts_toward_area"``, ``"counts_as_pitch"``,
            ``"ball_court"``, ``"length"``).
        weighted : bool, default True
            Sum the area (True) or count facilities (False).
        as_of : date or ISO string, optional
            Only facilities in service on that day.
        public : bool, optional
            Only public (True) or non-public (False) facilities.

        Returns
        -------
        sums : numpy.ndarray of float64
            One value per region category.
        mask : numpy.ndarray of bool or None
            The rows that were included (``None``: all of them), for follow-up counts.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10},
        ...     {"id": 2, "kind": "greenway", "region": "A", "area": 99},
        ...     {"id": 3, "kind": "gym", "region": "B", "area": 5}])
        >>> inv.region_sums(flag="counts_toward_area")[0].tolist()
        [10.0, 5.0]
        """
        mask: npt.NDArray[np.bool_] | None = None
        if as_of is not None:
            mask = self.in_service(as_of)
        if flag is not None:
            table = self.kinds.flag(flag)
            if not table.all():
                sel = _kind_selection(self.kind, table)
                mask = sel if mask is None else np.logical_and(mask, sel, out=mask)
        if public is not None:
            pub = self.public == bool(public)
            mask = pub if mask is None else np.logical_and(mask, pub, out=mask)
        ncat = len(self.region_codes)
        weights: npt.NDArray[Any] | None
        if weighted:
            area0 = self._area0()
            weights = area0 if mask is None else np.where(mask, area0, 0.0)
        else:
            weights = mask
        sums: Any = np.bincount(self.region, weights=weights, minlength=ncat)
        return sums.astype(np.float64, copy=False), mask

    def region_counts(self, mask: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.int64]:
        """Number of facilities per region category (only rows where ``mask`` is true).

        Examples
        --------
        >>> inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 10}])
        >>> inv.region_counts().tolist()
        [1]
        """
        ncat = len(self.region_codes)
        if mask is None:
            return np.bincount(self.region, minlength=ncat).astype(np.int64, copy=False)
        raw: Any = np.bincount(self.region, weights=mask, minlength=ncat)
        out: npt.NDArray[np.int64] = np.rint(raw).astype(np.int64)
        return out

    def _resolve_tree(self, tree: RegionTree | None) -> RegionTree | None:
        return tree if tree is not None else self.tree

    def _category_to_tree(
        self, tree: RegionTree, *, unknown: Literal["raise", "exclude"]
    ) -> npt.NDArray[np.int64]:
        """Map region categories to tree positions (-1 = not in tree)."""
        key = f"tree:{id(tree)}"
        cached = self._cache.get(key)
        if cached is None or cached[0] is not tree:
            index = tree._index
            arr = np.array([index.get(c, -1) for c in self.region_codes], dtype=np.int64)
            self._cache[key] = (tree, arr)
        else:
            arr = cached[1]
        if unknown == "raise" and (arr < 0).any():
            missing = [c for c, i in zip(self.region_codes, arr.tolist(), strict=True) if i < 0]
            used = np.bincount(self.region, minlength=len(self.region_codes))
            used_missing = [c for c in missing if used[self.region_codes.index(c)]]
            if used_missing:
                j = self.region_codes.index(used_missing[0])
                row = int(np.flatnonzero(self.region == j)[0]) + 1
                shown = ", ".join(repr(c) for c in used_missing[:5])
                raise DataError(
                    f"region={used_missing[0]!r}: not a region of the tree "
                    f"({len(used_missing)} unknown region codes: {shown}); pass "
                    "unknown_regions='exclude' to leave them out and report them",
                    source=self.source,
                    row=row,
                    field="region",
                )
        return arr

    def _sum_by_category(
        self, weights: npt.NDArray[np.float64] | None, mask: npt.NDArray[np.bool_] | None
    ) -> npt.NDArray[np.float64]:
        """Sum of ``weights`` (or counts) over masked rows, per region category."""
        if mask is not None:
            if weights is None:
                weights = mask.astype(np.float64)
            else:
                weights = weights * mask
        return np.bincount(self.region, weights=weights, minlength=len(self.region_codes)).astype(
            np.float64, copy=False
        )

    def _by_tree(
        self,
        per_category: npt.NDArray[np.float64],
        tree: RegionTree,
        *,
        unknown: Literal["raise", "exclude"] = "raise",
    ) -> tuple[npt.NDArray[np.float64], float]:
        """Inclusive totals over the tree, and the total left out (unknown regions)."""
        where = self._category_to_tree(tree, unknown=unknown)
        known = where >= 0
        own = np.bincount(where[known], weights=per_category[known], minlength=len(tree))
        excluded = float(per_category[~known].sum())
        return tree.roll_up_array(own), excluded

    def total_area(
        self,
        *,
        by: str | None = None,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        public: bool | None = None,
        tree: RegionTree | None = None,
    ) -> Any:
        """Venue area [m²] of kinds that count toward venue area.

        Parameters
        ----------
        by : str, optional
            ``None``: one Quantity. ``"kind"``: dict kind code → Quantity.
            ``"region"``: dict region code → Quantity (with a tree: every region
            of the tree, each including its descendants; without: the recorded
            codes). A level name (``"district"``, ``"county"``, ``"street"``,
            ``"city"`` …; needs a tree): dict over the regions of that tier, each
            including everything below it.
        as_of : date or ISO string, optional
            Count only facilities in service on that day.
        region, kind, public
            Filters as in :meth:`filter`.
        tree : RegionTree, optional
            Overrides the inventory's tree.

        Examples
        --------
        >>> from sportsgov.regions import RegionTree
        >>> tree = RegionTree.from_records([
        ...     {"code": "C", "name": "City", "level": "city", "parent": None},
        ...     {"code": "D1", "name": "East", "level": "district", "parent": "C"},
        ...     {"code": "S1", "name": "S1", "level": "street", "parent": "D1"}])
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "S1", "area": 300},
        ...     {"id": 2, "kind": "football_7", "region": "D1", "area": 2000},
        ...     {"id": 3, "kind": "greenway", "region": "D1", "area": 9000}], tree=tree)
        >>> inv.total_area(by="district")
        {'D1': <Quantity(2300.0, 'meter ** 2')>}
        >>> inv.total_area(region="City")
        <Quantity(2300.0, 'meter ** 2')>
        """
        from sportsgov.units import Q_

        mask = self.mask(kind=kind, region=None, public=public, as_of=as_of)
        if region is not None:
            mask &= (
                self._region_table(region)[self.region]
                if tree is None
                else _within_mask(self, tree, region)
            )
        weights = self.counted_area()
        if by is None:
            return Q_(float(np.dot(weights, mask)), "m^2")
        if by == "kind":
            sums = np.bincount(self.kind, weights=weights * mask, minlength=len(self.kinds))
            present = np.bincount(self.kind[mask], minlength=len(self.kinds)) > 0
            return {
                k.code: Q_(float(sums[i]), "m^2") for i, k in enumerate(self.kinds) if present[i]
            }
        per_cat = self._sum_by_category(weights, mask)
        the_tree = self._resolve_tree(tree)
        if by == "region" and the_tree is None:
            present = np.bincount(self.region[mask], minlength=len(self.region_codes)) > 0
            return {
                c: Q_(float(per_cat[j]), "m^2")
                for j, c in enumerate(self.region_codes)
                if present[j]
            }
        if the_tree is None:
            raise InvalidInputError.bad(
                "by", by, "grouping by level needs a RegionTree (pass tree= or build with tree=)"
            )
        totals, _ = self._by_tree(per_cat, the_tree)
        if by == "region":
            return {c: Q_(float(totals[i]), "m^2") for i, c in enumerate(the_tree.codes)}
        try:
            tier = LEVEL_TIER[_normalize_level(by)]
        except InvalidInputError:
            raise InvalidInputError.bad(
                "by",
                by,
                "expected None, 'kind', 'region' or a level name ('district', 'street', ...)",
            ) from None
        return {
            r.code: Q_(float(totals[i]), "m^2")
            for i, r in enumerate(the_tree.regions)
            if LEVEL_TIER[r.level] == tier
        }

    def count_by_kind(
        self,
        *,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
    ) -> dict[str, int]:
        """Number of facilities per kind code (kinds with none are left out).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10},
        ...     {"id": 2, "kind": "健身房", "region": "A", "area": 12}])
        >>> inv.count_by_kind()
        {'gym': 2}
        """
        mask = self.mask(region=region, public=public, as_of=as_of)
        counts = np.bincount(self.kind[mask], minlength=len(self.kinds))
        return {k.code: int(counts[i]) for i, k in enumerate(self.kinds) if counts[i]}

    def count(
        self,
        *,
        flag: str | None = None,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        public: bool | None = None,
    ) -> int:
        """Number of facilities matching the filters and, if given, a kind ``flag``
        (``"counts_as_pitch"``, ``"ball_court"``, ``"counts_toward_area"``, ``"length"``).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "basketball", "region": "A", "area": 608},
        ...     {"id": 2, "kind": "football_5", "region": "A", "area": 800}])
        >>> inv.count(flag="ball_court"), inv.count(flag="counts_as_pitch")
        (2, 1)
        """
        mask = self.mask(kind=kind, region=region, public=public, as_of=as_of)
        if flag is not None:
            mask &= self.kinds.flag(flag)[self.kind]
        return int(np.count_nonzero(mask))

    def pitch_count(
        self,
        *,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
    ) -> int:
        """Football pitches (11-, 7-, 5-a-side … each counts as one).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": i, "kind": k, "region": "A", "area": 1000}
        ...     for i, k in enumerate(["football_11", "football_7", "football_5", "gym"])])
        >>> inv.pitch_count()
        3
        """
        return self.count(flag="counts_as_pitch", as_of=as_of, region=region, public=public)

    def coordinates(
        self, *, as_of: object = None
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], str]:
        """``(lon, lat, datum)`` of the facilities that have coordinates.

        Raises
        ------
        DatumError
            The located facilities are in more than one datum (convert first).
        InvalidInputError
            No facility has coordinates.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "lon": 113.6, "lat": 34.7}])
        >>> inv.coordinates()
        (array([113.6]), array([34.7]), 'wgs84')
        """
        if self.lon is None or self.lat is None or self.datum is None:
            raise InvalidInputError.bad("lon", None, "no facility has coordinates")
        mask = self.datum >= 0
        if as_of is not None:
            mask &= self.in_service(as_of)
        used = np.unique(self.datum[mask])
        if used.size > 1:
            raise DatumError.bad(
                "datum",
                [DATUMS[int(i)] for i in used],
                "facilities are in several datums; convert them to one first",
            )
        datum = DATUMS[int(used[0])] if used.size else "wgs84"
        return self.lon[mask].copy(), self.lat[mask].copy(), datum

    # -- geography (substance in sportsgov.coverage.boundaries / layers) --------

    def locate(self, boundaries: Any, *, missing: Iterable[str] = ("",)) -> Inventory:
        """Fill missing region codes from where the facilities lie.

        Delegates to :meth:`Boundaries.locate_facilities
        <sportsgov.coverage.boundaries.Boundaries.locate_facilities>`, which also
        returns the plausibility findings (facilities whose stated region disagrees
        with the boundaries).

        Parameters
        ----------
        boundaries : Boundaries
        missing : iterable of str, default ("",)
            Region labels that mean "not recorded".

        Examples
        --------
        >>> import shapely
        >>> from sportsgov.coverage import Boundaries
        >>> b = Boundaries.from_geometries(["410102"], [shapely.box(113.6, 34.7, 113.7, 34.8)])
        >>> row = {"id": 1, "kind": "gym", "region": "未知", "area": 10}
        >>> inv = Inventory.from_records([{**row, "lon": 113.65, "lat": 34.75}])
        >>> inv.locate(b, missing=["未知"]).region_of.tolist()
        ['410102']
        """
        result = boundaries.locate_facilities(self, missing=missing)
        return result.inventory  # type: ignore[no-any-return]

    def to_geojson(self, path: Any = None, *, datum: str = "wgs84") -> dict[str, Any]:
        """Facilities with coordinates as GeoJSON points (``datum="gcj02"`` for Amap).

        See :func:`sportsgov.coverage.layers.inventory_geojson`.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "lon": 113.6, "lat": 34.7}])
        >>> inv.to_geojson(datum="gcj02")["features"][0]["properties"]["kind"]
        'gym'
        """
        from sportsgov.coverage.layers import inventory_geojson

        return inventory_geojson(self, path, datum=datum)

    # -- output ---------------------------------------------------------------

    def _record(self, i: int) -> dict[str, Any]:
        def opt(arr: npt.NDArray[np.float64] | None) -> float | None:
            if arr is None:
                return None
            v = float(arr[i])
            return None if v != v else v

        def day(arr: npt.NDArray[np.datetime64]) -> _dt.date | None:
            v = arr[i]
            return None if np.isnat(v) else v.astype(_dt.date)

        datum = None
        if self.datum is not None and self.datum[i] >= 0:
            datum = DATUMS[int(self.datum[i])]
        return {
            "id": self.ids[i].item() if hasattr(self.ids[i], "item") else self.ids[i],
            "name": "" if self.names is None else str(self.names[i]),
            "kind": self.kinds.kinds[int(self.kind[i])].code,
            "region": self.region_codes[int(self.region[i])],
            "area": opt(self.area),
            "length": opt(self.length),
            "lon": opt(self.lon),
            "lat": opt(self.lat),
            "datum": datum,
            "opened": day(self.opened),
            "closed": day(self.closed),
            "public": bool(self.public[i]),
        }

    def to_records(self) -> list[dict[str, Any]]:
        """Records in the ``facilities.csv`` layout (``from_records`` round-trips them).

        Examples
        --------
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> inv.to_records()[0]["area"]
        10.0
        """
        return [self._record(i) for i in range(len(self))]

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML (:mod:`sportsgov.io`): ``{"facilities": [records]}``
        with ISO dates and missing values left out (plus ``regions`` when the
        inventory has a tree, and ``kinds`` when the taxonomy is not the default).

        Examples
        --------
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> Inventory.from_data(inv.to_data()).to_records() == inv.to_records()
        True
        """
        records = []
        for rec in self.to_records():
            out: dict[str, Any] = {}
            for key, value in rec.items():
                if value is None or (key == "name" and value == ""):
                    continue
                out[key] = value.isoformat() if isinstance(value, _dt.date) else value
            records.append(out)
        data: dict[str, Any] = {"facilities": records}
        if self.tree is not None:
            data["regions"] = self.tree.to_data()["regions"]
        if self.kinds is not FacilityKinds.default():
            data["kinds"] = self.kinds.to_records()
        return data

    @classmethod
    def from_data(cls, data: Any) -> Inventory:
        """Inverse of :meth:`to_data`."""
        if not isinstance(data, Mapping) or not isinstance(data.get("facilities"), list):
            raise DataError("facilities: expected a list of facility records")
        tree = RegionTree.from_data(data["regions"]) if "regions" in data else None
        kinds = FacilityKinds.from_records(data["kinds"]) if "kinds" in data else None
        return cls.from_records(data["facilities"], tree=tree, kinds=kinds)

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write ``facilities.csv`` (``.gz`` suffix: gzip). Empty cells = missing.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv.gz"
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> inv.to_csv(p)
        >>> Inventory.from_csv(p).to_records() == inv.to_records()
        True
        """
        p = Path(path)
        opener: Any = gzip.open if p.suffix == ".gz" else open
        with opener(p, "wt", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for i in range(len(self)):
                rec = self._record(i)
                writer.writerow(
                    [
                        _cell(rec[c]) if c != "area" and c != "length" else _num_cell(rec[c])
                        for c in CSV_COLUMNS
                    ]
                )


def _kind_selection(
    kind: npt.NDArray[np.int16], table: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """``table[kind]``, computed by a few comparisons when few kinds are in or out
    (a comparison on int16 codes is ~20x cheaper than a gather)."""
    off = np.flatnonzero(~table)
    on = np.flatnonzero(table)
    if not len(off):
        return np.ones(kind.shape, dtype=bool)
    if len(off) <= 6 and len(off) <= len(on):
        sel: npt.NDArray[np.bool_] = kind != off[0]
        for code in off[1:]:
            sel &= kind != code
        return sel
    if len(on) <= 6:
        if not len(on):
            return np.zeros(kind.shape, dtype=bool)
        chosen: npt.NDArray[np.bool_] = kind == on[0]
        for code in on[1:]:
            chosen |= kind == code
        return chosen
    return table[kind]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _num_cell(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _within_mask(
    inv: Inventory, tree: RegionTree, region: str | Iterable[str]
) -> npt.NDArray[np.bool_]:
    keys = [region] if isinstance(region, str) else list(region)
    within: set[str] = set()
    for key in keys:
        within |= {r.code for r in tree.descendants(tree[key].code, include_self=True)}
    table = np.array([c in within for c in inv.region_codes], dtype=bool)
    return table[inv.region]


def _facility_from_record(rec: Mapping[str, Any]) -> Facility:
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


def _check_sizes(
    area: npt.NDArray[np.float64],
    length: npt.NDArray[np.float64] | None,
    kind: npt.NDArray[np.int16],
    kinds: FacilityKinds,
    *,
    rows: npt.NDArray[np.int64] | None,
    source: str | None,
) -> bool:
    """Validate sizes; return True when every area is a finite number >= 0."""
    ok = area >= 0
    ok &= area < np.inf
    clean = bool(ok.all())
    if clean and length is None:
        return True
    problems: list[tuple[int, str, float, str]] = []
    bad = np.flatnonzero(~ok)
    if bad.size:
        values = area[bad]
        nan = np.isnan(values)
        by_length = kinds.flag("length")[kind[bad]]
        has_length = np.zeros(bad.size, dtype=bool)
        if length is not None:
            lb = length[bad]
            has_length = (lb >= 0) & (lb < np.inf)
        allowed = nan & by_length & has_length
        offending = np.flatnonzero(~allowed)
        if offending.size:
            j = int(offending[0])
            i = int(bad[j])
            v = float(values[j])
            code = kinds.kinds[int(kind[i])].code
            if nan[j] and by_length[j]:
                text = f"missing: a {code} needs an area [m²] or a length [m]"
            elif nan[j]:
                text = f"missing: required for kind {code!r} (measured by area) [m²]"
            elif v < 0:
                text = "must be >= 0 m²"
            else:
                text = "must be a finite number of m²"
            problems.append((i, "area", v, text))
    if length is not None:
        lbad = np.flatnonzero((length < 0) | (length == np.inf))
        if lbad.size:
            i = int(lbad[0])
            problems.append((i, "length", float(length[i]), "must be >= 0 m"))
    if problems:
        i, name, v, allowed_text = min(problems, key=lambda p: p[0])
        row = int(rows[i]) if rows is not None else i + 1
        raise DataError(
            f"{name}={format_value(v)}: {allowed_text}", source=source, row=row, field=name
        )
    return clean


def _check_dates(
    opened: npt.NDArray[np.datetime64],
    closed: npt.NDArray[np.datetime64],
    *,
    rows: npt.NDArray[np.int64] | None,
    source: str | None,
) -> None:
    o8 = opened.view(np.int64)
    c8 = closed.view(np.int64)
    bad = (c8 <= o8) & (c8 != _NAT)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = int(rows[i]) if rows is not None else i + 1
        raise DataError(
            f"closed={np.datetime64(int(c8[i]), 'D')}: must be after "
            f"opened={np.datetime64(int(o8[i]), 'D')}",
            source=source,
            row=row,
            field="closed",
        )


# ----------------------------------------------------------------------------- row parsing


def _parse_float(cell: Any, name: str, unit: str) -> float:
    """NaN for missing; float for a number (in ``unit``); converts strings with units."""
    if cell is None:
        return np.nan
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        return float(cell)
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            return np.nan
        try:
            return float(text)
        except ValueError:
            pass
    from sportsgov.units import magnitude_in

    value = magnitude_in(cell, unit, argument=name, finite=False)
    if not isinstance(value, float):
        raise InvalidInputError.bad(name, cell, "must be a single number")
    return value


def _parse_day(cell: Any, name: str) -> int:
    if cell is None:
        return int(_NAT)
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            return int(_NAT)
        try:
            return _dt.date.fromisoformat(text).toordinal() - _EPOCH_ORDINAL
        except ValueError:
            raise InvalidInputError.bad(name, cell, "must be an ISO date (YYYY-MM-DD)") from None
    day = _opt_date(cell)
    return int(_NAT) if day is None else day.toordinal() - _EPOCH_ORDINAL


def _parse_bool(cell: Any, name: str) -> bool:
    if _is_missing(cell):
        return True
    if isinstance(cell, bool | np.bool_):
        return bool(cell)
    text = str(cell).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidInputError.bad(name, cell, "must be true or false (1/0, yes/no, 是/否)")


class _RowParser:
    """Accumulates validated rows into Python lists (one per column)."""

    def __init__(
        self, kinds: FacilityKinds, tree: RegionTree | None, datum: str, source: str | None
    ) -> None:
        self.kinds = kinds
        self.tree = tree
        self.default_datum = DATUMS.index(datum)
        self.source = source
        self.length_kind = kinds.flag("length").tolist()
        self.region_pos: dict[str, int] = {}
        self.seen: dict[Any, int] = {}
        self.cols: dict[str, list[Any]] = {k: [] for k in ("row", *CSV_COLUMNS)}

    def _fail(self, exc: InvalidInputError | UnitError, row: int, name: str) -> SportsgovError:
        if isinstance(exc, UnitError):
            err = UnitError(
                ", ".join(w for w in (self.source, f"row {row}", f"field {name}") if w)
                + f": {exc.message}",
                argument=name,
                value=exc.value,
            )
            err.row = row  # type: ignore[attr-defined]
            err.field = name  # type: ignore[attr-defined]
            err.source = self.source  # type: ignore[attr-defined]
            return err
        return DataError(exc.message, source=self.source, row=row, field=name, value=exc.value)

    def add(self, rec: Mapping[str, Any], row: int) -> None:
        name = "id"
        try:
            if not isinstance(rec, Mapping):
                raise InvalidInputError.bad("record", rec, "must be a mapping")
            for key in ("id", "kind", "region"):
                name = key
                if key not in rec or _is_missing(rec[key]):
                    raise InvalidInputError.bad(key, rec.get(key), "is required")
            name = "id"
            fid = rec["id"]
            fid = fid.strip() if isinstance(fid, str) else fid
            if isinstance(fid, float) and fid.is_integer():
                fid = int(fid)
            if fid in self.seen:
                raise InvalidInputError.bad(
                    "id", fid, f"duplicate id (first seen in row {self.seen[fid]})"
                )
            name = "kind"
            k = (
                self.kinds.index(rec["kind"])
                if isinstance(rec["kind"], str)
                else self.kinds.index(str(rec["kind"]))
            )
            name = "region"
            region = rec["region"]
            region = (
                str(int(region))
                if isinstance(region, int) and not isinstance(region, bool)
                else str(region).strip()
            )
            if self.tree is not None and region not in self.tree:
                raise InvalidInputError.bad("region", region, "not a region of the tree")
            name = "area"
            area = _parse_float(rec.get("area"), "area", "m^2")
            name = "length"
            length = _parse_float(rec.get("length"), "length", "m")
            name = "area"
            if area != area:
                if not self.length_kind[k]:
                    raise InvalidInputError.bad(
                        "area",
                        rec.get("area"),
                        f"missing: required for kind {self.kinds.kinds[k].code!r} "
                        "(measured by area) [m²]",
                    )
                if length != length:
                    raise InvalidInputError.bad(
                        "area",
                        rec.get("area"),
                        f"missing: a {self.kinds.kinds[k].code} needs an area [m²] "
                        "or a length [m]",
                    )
            elif not (0 <= area < np.inf):
                raise InvalidInputError.bad(
                    "area",
                    area,
                    "must be >= 0 m²" if area < 0 else "must be a finite number of m²",
                )
            name = "length"
            if length == length and not (0 <= length < np.inf):
                raise InvalidInputError.bad("length", length, "must be >= 0 m")
            name = "lon"
            lon = _parse_float(rec.get("lon"), "lon", "")
            name = "lat"
            lat = _parse_float(rec.get("lat"), "lat", "")
            name = "lon"
            if (lon != lon) != (lat != lat):
                raise InvalidInputError.bad(
                    "lat" if lat != lat else "lon",
                    rec.get("lat" if lat != lat else "lon"),
                    "lon and lat must be given together",
                )
            name = "lat"
            if lat == lat and not -90 <= lat <= 90:
                hint = " (are lon and lat swapped?)" if -90 <= lon <= 90 else ""
                raise InvalidInputError.bad("lat", lat, f"must be in [-90, 90]{hint}")
            name = "lon"
            if lon == lon and not -180 <= lon <= 180:
                raise InvalidInputError.bad("lon", lon, "must be in [-180, 180]")
            name = "datum"
            if lon != lon:
                datum = -1
            elif _is_missing(rec.get("datum")):
                datum = self.default_datum
            else:
                datum = DATUMS.index(_datum(rec.get("datum")))
            name = "opened"
            opened = _parse_day(rec.get("opened"), "opened")
            name = "closed"
            closed = _parse_day(rec.get("closed"), "closed")
            if closed != _NAT and closed <= opened:
                raise InvalidInputError.bad(
                    "closed",
                    rec.get("closed"),
                    "must be after opened="
                    + _dt.date.fromordinal(opened + _EPOCH_ORDINAL).isoformat(),
                )
            name = "public"
            public = _parse_bool(rec.get("public"), "public")
        except (InvalidInputError, UnitError) as exc:
            if isinstance(exc, DataError) and exc.row is not None:
                raise
            raise self._fail(exc, row, exc.argument or name) from None
        cols = self.cols
        self.seen[fid] = row
        cols["row"].append(row)
        cols["id"].append(fid)
        cols["name"].append("" if _is_missing(rec.get("name")) else str(rec.get("name")))
        cols["kind"].append(k)
        pos = self.region_pos.get(region)
        if pos is None:
            pos = self.region_pos[region] = len(self.region_pos)
        cols["region"].append(pos)
        cols["area"].append(area)
        cols["length"].append(length)
        cols["lon"].append(lon)
        cols["lat"].append(lat)
        cols["datum"].append(datum)
        cols["opened"].append(opened)
        cols["closed"].append(closed)
        cols["public"].append(public)

    def build(self, cls: type[Inventory]) -> Inventory:
        cols = self.cols
        ids_list = cols["id"]
        if ids_list and all(isinstance(v, int) and not isinstance(v, bool) for v in ids_list):
            ids = np.array(ids_list, dtype=np.int64)
        else:
            ids = np.array([str(v) for v in ids_list], dtype=object)
        length = np.array(cols["length"], dtype=np.float64)
        lon = np.array(cols["lon"], dtype=np.float64)
        lat = np.array(cols["lat"], dtype=np.float64)
        names = np.array(cols["name"], dtype=object)
        return cls._make(
            kinds=self.kinds,
            ids=ids,
            kind=np.array(cols["kind"], dtype=np.int16),
            region_codes=tuple(self.region_pos),
            region=np.array(cols["region"], dtype=np.int32),
            area=np.array(cols["area"], dtype=np.float64),
            opened=np.array(cols["opened"], dtype=np.int64).view("datetime64[D]"),
            closed=np.array(cols["closed"], dtype=np.int64).view("datetime64[D]"),
            public=np.array(cols["public"], dtype=bool),
            length=None if np.isnan(length).all() else length,
            lon=None if np.isnan(lon).all() else lon,
            lat=None if np.isnan(lat).all() else lat,
            datum=None if np.isnan(lon).all() else np.array(cols["datum"], dtype=np.int8),
            names=None if all(v == "" for v in cols["name"]) else names,
            tree=self.tree,
            source=self.source,
        )


_CHUNK = 65_536  # rows per vectorized block
_PUBLIC_CELLS = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False), "": True}


def _fast_floats(col: Sequence[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Parse a column of numeric cells; ``""`` is NaN. Returns (values, failed)."""
    ok = np.zeros(len(col), dtype=bool)
    if not any(col):  # an empty column (e.g. no lengths at all)
        return np.full(len(col), np.nan), ok
    if all(col):  # no empty cell: convert directly
        try:
            return np.array(col, dtype=np.float64), ok
        except ValueError:
            pass
    cleaned = [c if c else "nan" for c in col]
    try:
        return np.array(cleaned, dtype=np.float64), ok
    except ValueError:
        values = np.empty(len(col), dtype=np.float64)
        failed = np.zeros(len(col), dtype=bool)
        for i, c in enumerate(cleaned):
            try:
                values[i] = float(c)
            except ValueError:
                values[i] = np.nan
                failed[i] = True
        return values, failed


def _day_code(cell: str) -> int:
    text = cell.strip()
    if not text:
        return int(_NAT)
    try:
        return _dt.date.fromisoformat(text).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return _BAD_DAY


_BAD_DAY = int(_NAT) + 1


def _fast_days(col: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Parse ISO date cells to days since 1970 (NaT for ``""``). Returns (days, failed)."""
    days = _map_cells(col, _day_code, np.int64)
    failed = days == _BAD_DAY
    if failed.any():
        days[failed] = _NAT
    return days, failed


def _public_code(cell: str) -> int:
    value = _PUBLIC_CELLS.get(cell.strip().lower())
    return -1 if value is None else int(value)


def _map_cells(col: Sequence[str], func: Callable[[str], int], dtype: Any) -> npt.NDArray[Any]:
    """Apply ``func`` to each distinct cell once, then map the column (cells repeat a lot)."""
    table = {cell: func(cell) for cell in set(col)}
    return np.fromiter(map(table.__getitem__, col), dtype=dtype, count=len(col))


class _ColumnarCSV:
    """Loads CSV rows chunk by chunk with vectorized parsing and checks.

    Rows that any fast check flags are re-parsed one by one by :class:`_RowParser`,
    which either accepts them (e.g. an area written ``"3亩"``) or raises the
    exact row-numbered error; so messages are the same as record-by-record loading.
    """

    def __init__(
        self,
        kinds: FacilityKinds,
        tree: RegionTree | None,
        datum: str,
        source: str | None,
        header: list[str],
    ) -> None:
        self.kinds = kinds
        self.tree = tree
        self.source = source
        self.header = header
        self.position = {name: j for j, name in enumerate(header)}
        self.slow = _RowParser(kinds, tree, datum, source)
        self.default_datum = DATUMS.index(datum)
        self.kind_lookup: dict[str, int] = {}
        self.datum_lookup: dict[str, int] = {"": self.default_datum}
        self.length_kind = kinds.flag("length")
        self.parts: list[dict[str, npt.NDArray[Any]]] = []
        self.raw_region: dict[str, int] = {}
        self.names_seen = False

    def _col(self, columns: list[list[str]], name: str) -> Sequence[str] | None:
        j = self.position.get(name)
        if j is None:
            return None
        return columns[j]

    def _region_index(self, cell: str) -> int:
        found = self.raw_region.get(cell)
        if found is None:
            code = cell.strip()
            pos = self.slow.region_pos.get(code)
            if pos is None:
                if not code or (self.tree is not None and code not in self.tree):
                    pos = -1
                else:
                    pos = self.slow.region_pos[code] = len(self.slow.region_pos)
            found = self.raw_region[cell] = pos
        return found

    def _kind_index(self, cell: str) -> int:
        found = self.kind_lookup.get(cell)
        if found is None:
            try:
                found = self.kinds.index(cell)
            except NotFoundError:
                found = -1
            self.kind_lookup[cell] = found
        return found

    def _datum_index(self, cell: str) -> int:
        found = self.datum_lookup.get(cell)
        if found is None:
            try:
                found = DATUMS.index(_datum(cell))
            except DatumError:
                found = -1
            self.datum_lookup[cell] = found
        return found

    def feed(
        self,
        columns: list[list[str]],
        numbers: list[int],
        errors: str,
        failures: list[SportsgovError],
    ) -> None:
        m = len(numbers)
        if not m:
            return
        slow = np.zeros(m, dtype=bool)
        # ids (cells with surrounding spaces go the slow way, which strips them)
        ids = list(map(str.strip, self._col(columns, "id") or ()))
        for i in [i for i, c in enumerate(ids) if not c]:
            slow[i] = True
        # kinds
        kind_idx = _map_cells(self._col(columns, "kind") or (), self._kind_index, np.int16)
        slow |= kind_idx < 0
        # regions
        region_idx = _map_cells(self._col(columns, "region") or (), self._region_index, np.int32)
        slow |= region_idx < 0
        region_idx[region_idx < 0] = 0
        # sizes and coordinates
        nan = np.full(m, np.nan)
        floats: dict[str, npt.NDArray[np.float64]] = {}
        for name in ("area", "length", "lon", "lat"):
            col = self._col(columns, name)
            if col is None:
                floats[name] = nan
                continue
            values, failed = _fast_floats(col)
            floats[name] = values
            slow |= failed
        area, length, lon, lat = floats["area"], floats["length"], floats["lon"], floats["lat"]
        with np.errstate(invalid="ignore"):
            length_ok = (length >= 0) & (length < np.inf)
            area_ok = (area >= 0) & (area < np.inf)
            safe_kind = np.where(kind_idx >= 0, kind_idx, 0)
            area_ok |= np.isnan(area) & self.length_kind[safe_kind] & length_ok
            slow |= ~area_ok
            slow |= ~np.isnan(length) & ~length_ok
            slow |= np.isnan(lon) != np.isnan(lat)
            slow |= ~np.isnan(lat) & ~((lat >= -90) & (lat <= 90))
            slow |= ~np.isnan(lon) & ~((lon >= -180) & (lon <= 180))
        # datum
        datum_col = self._col(columns, "datum")
        if datum_col is None:
            datum = np.full(m, self.default_datum, dtype=np.int8)
        else:
            datum = _map_cells(datum_col, self._datum_index, np.int8)
            slow |= datum < 0
        datum = np.where(np.isnan(lon), np.int8(-1), datum).astype(np.int8)
        # dates
        days: dict[str, npt.NDArray[np.int64]] = {}
        for name in ("opened", "closed"):
            col = self._col(columns, name)
            if col is None:
                days[name] = np.full(m, _NAT, dtype=np.int64)
                continue
            values_d, failed = _fast_days(col)
            days[name] = values_d
            slow |= failed
        opened, closed = days["opened"], days["closed"]
        slow |= (closed != _NAT) & (closed <= opened)
        # public
        public_col = self._col(columns, "public")
        if public_col is None:
            public = np.ones(m, dtype=bool)
        else:
            codes = _map_cells(public_col, _public_code, np.int8)
            slow |= codes < 0
            public = codes == 1
        names = self._col(columns, "name")
        if names is not None and any(names):
            self.names_seen = True
        # duplicate ids, in row order, among rows that passed so far
        seen = self.slow.seen
        for i, fid in enumerate(ids):
            if slow[i]:
                continue
            if fid in seen:
                slow[i] = True
            else:
                seen[fid] = numbers[i]
        fast = ~slow
        row_no = np.array(numbers, dtype=np.int64)
        self.parts.append(
            {
                "row": row_no[fast],
                "id": np.array(ids, dtype=object)[fast],
                "name": np.array(names if names is not None else [""] * m, dtype=object)[fast],
                "kind": kind_idx[fast].astype(np.int16),
                "region": region_idx[fast],
                "area": area[fast],
                "length": length[fast],
                "lon": lon[fast],
                "lat": lat[fast],
                "datum": datum[fast],
                "opened": opened[fast],
                "closed": closed[fast],
                "public": public[fast],
            }
        )
        for i in np.flatnonzero(slow).tolist():
            record = {name: columns[j][i] for j, name in enumerate(self.header)}
            try:
                self.slow.add(record, numbers[i])
            except (DataError, UnitError) as exc:
                if errors == "raise":
                    raise
                failures.append(exc)

    def finish(self) -> _ColumnarCSV:
        return self

    def build(self, cls: type[Inventory]) -> Inventory:
        cols = self.slow.cols
        extra: dict[str, npt.NDArray[Any]] = {
            "row": np.array(cols["row"], dtype=np.int64),
            "id": np.array([str(v) for v in cols["id"]], dtype=object),
            "name": np.array(cols["name"], dtype=object),
            "kind": np.array(cols["kind"], dtype=np.int16),
            "region": np.array(cols["region"], dtype=np.int32),
            "area": np.array(cols["area"], dtype=np.float64),
            "length": np.array(cols["length"], dtype=np.float64),
            "lon": np.array(cols["lon"], dtype=np.float64),
            "lat": np.array(cols["lat"], dtype=np.float64),
            "datum": np.array(cols["datum"], dtype=np.int8),
            "opened": np.array(cols["opened"], dtype=np.int64),
            "closed": np.array(cols["closed"], dtype=np.int64),
            "public": np.array(cols["public"], dtype=bool),
        }
        parts = [*self.parts, extra]
        merged = {k: np.concatenate([part[k] for part in parts]) for k in extra}
        order = np.argsort(merged["row"], kind="stable")
        if not np.array_equal(order, np.arange(order.size)):
            merged = {k: v[order] for k, v in merged.items()}
        ids = merged["id"]
        lon, lat, length = merged["lon"], merged["lat"], merged["length"]
        no_coords = bool(np.isnan(lon).all())
        names = merged["name"]
        return cls._make(
            kinds=self.kinds,
            ids=ids,
            kind=merged["kind"],
            region_codes=tuple(self.slow.region_pos),
            region=merged["region"],
            area=merged["area"],
            opened=merged["opened"].view("datetime64[D]"),
            closed=merged["closed"].view("datetime64[D]"),
            public=merged["public"],
            length=None if np.isnan(length).all() else length,
            lon=None if no_coords else lon,
            lat=None if no_coords else lat,
            datum=None if no_coords else merged["datum"],
            names=None if not (self.names_seen or any(cols["name"])) else names,
            tree=self.tree,
            source=self.source,
        )
