"""Indicator results: one figure with its parts, and a table of them.

:class:`IndicatorValue` is one figure (value, numerator, denominator, the
population year used, what was counted and excluded) so that it can be explained
and challenged; :class:`IndicatorTable` holds one indicator for many regions in
numpy columns. :func:`population_year` is the rule for which year-end population
a figure on a given day uses. The calculators that build them live in
:mod:`sportsgov.indicators.calculators`.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov._exact import to_fraction
from sportsgov.errors import DataError, NotFoundError
from sportsgov.periods import as_date

__all__ = ["IndicatorTable", "IndicatorValue", "population_year"]

_LABELS: dict[str, tuple[str, str]] = {
    "per_capita_area": ("人均体育场地面积", "per-capita sports venue area"),
    "pitches_per_10k": ("每万人足球场地数", "football pitches per 10,000 residents"),
    "ball_courts_per_10k": ("每万人三大球场地数", "three-big-ball courts per 10,000 residents"),
    "instructors_per_1000": (
        "每千人社会体育指导员数",
        "social sports instructors per 1,000 residents",
    ),
    "ratio": ("比率", "ratio"),
    "share": ("占比", "share"),
}


def population_year(as_of: object) -> int:
    """The year whose year-end population a figure on ``as_of`` uses.

    The latest year-end (31 December) on or before ``as_of``.

    Examples
    --------
    >>> population_year("2024-12-31"), population_year("2024-12-30")
    (2024, 2023)
    """
    day = as_date(as_of)
    return day.year if (day.month, day.day) == (12, 31) else day.year - 1


@functools.cache
def _area_unit() -> Any:
    from sportsgov.units import Q_

    return Q_(1.0, "m^2/person").units


@functools.cache
def _m2() -> Any:
    from sportsgov.units import Q_

    return Q_(1.0, "m^2").units


def _quantities(values: list[float], unit: Any) -> list[Any]:
    """Scalar quantities of one unit, one per value, built in bulk.

    ``float * unit`` costs ~50-100 µs in pint (a multiplication with unit
    bookkeeping); a table of 3,000 regions spent 80 % of its time there. The
    registry's Quantity class is instantiated directly with the already parsed
    units: the same object ``Q_(value, unit)`` builds (pint stores ``_magnitude``
    and ``_units``), checked once against the public constructor.
    """
    if not values:
        return []
    units = unit._units if hasattr(unit, "_units") else unit
    cls = type(values[0] * unit)
    if not _FAST_QUANTITY.get(cls, False):
        probe = object.__new__(cls)
        probe._magnitude = 1.5
        probe._units = units
        reference = cls(1.5, units)
        ok = vars(probe) == vars(reference) if hasattr(probe, "__dict__") else False
        _FAST_QUANTITY[cls] = ok
        if not ok:
            return [cls(v, units) for v in values]
    out = []
    for v in values:
        q = object.__new__(cls)
        q._magnitude = v
        q._units = units
        out.append(q)
    return out


_FAST_QUANTITY: dict[type, bool] = {}


@frozen
class IndicatorValue:
    """One indicator for one region on one day, with the parts that make it.

    Attributes
    ----------
    value : Quantity or float
        The indicator: a Quantity [m²/person] for per-capita area; a float for
        counts per 10,000 / 1,000 residents and for ratios and shares.
    numerator : Quantity or number
        Venue area [m²], a count, or the figure divided.
    denominator : int or number
        Year-end resident population [persons] (or the divisor of a ratio).
    unit : str
        Unit of ``value`` in words (``"m²/person"``, ``"per 10,000 residents"``).
    region : str or None
        Region code.
    as_of : datetime.date or None
        The day the facilities were counted.
    indicator : str
        ``"per_capita_area"``, ``"pitches_per_10k"``, ``"instructors_per_1000"``,
        ``"ratio"``, ``"share"`` …
    population_year : int or None
        Whose year-end population the denominator is.
    scale : int
        Multiplier applied (10,000 for "per 10,000").
    facilities : int or None
        Number of facilities counted in the numerator.
    excluded : int
        Facilities left out because their region is not in the tree
        (``unknown_regions="exclude"``); the whole inventory's count.
    notes : tuple of str
        Anything else a reader must know (interpolated population …).

    Examples
    --------
    >>> from sportsgov.indicators import share
    >>> v = share(3, 4)
    >>> v.value, v.exact()
    (0.75, Fraction(3, 4))
    """

    value: Any
    numerator: Any
    denominator: Any
    unit: str
    region: str | None = None
    as_of: _dt.date | None = None
    indicator: str = field(default="ratio", kw_only=True)
    population_year: int | None = field(default=None, kw_only=True)
    scale: int = field(default=1, kw_only=True)
    facilities: int | None = field(default=None, kw_only=True)
    excluded: int = field(default=0, kw_only=True)
    notes: tuple[str, ...] = field(default=(), kw_only=True)

    @property
    def magnitude(self) -> float:
        """``value`` as a plain float (in :attr:`unit`)."""
        return float(getattr(self.value, "magnitude", self.value))

    def exact(self) -> Fraction:
        """``numerator / denominator * scale`` as an exact fraction.

        Exact for integer counts; for areas, exact in the float inputs.

        Examples
        --------
        >>> from sportsgov.indicators import ratio
        >>> ratio(2, 3, scale=1000).exact()
        Fraction(2000, 3)
        """
        num = getattr(self.numerator, "magnitude", self.numerator)
        return figure_fraction(num) / figure_fraction(self.denominator) * self.scale

    def explain(self) -> str:
        """The figure in words, with its parts and their sources.

        Examples
        --------
        >>> from sportsgov.indicators import ratio
        >>> print(ratio(216, 100_000, scale=1000, region="A",
        ...             indicator="instructors_per_1000").explain())
        每千人社会体育指导员数 social sports instructors per 1,000 residents, region A: 216 / 100,000 x 1,000 = 2.16 per 1,000 residents
        """  # noqa: E501
        zh, en = _LABELS.get(self.indicator, (self.indicator, self.indicator))
        head = f"{zh} {en}" if zh != en else en
        where = []
        if self.region is not None:
            where.append(f"region {self.region}")
        if self.as_of is not None:
            where.append(f"as of {self.as_of.isoformat()}")
        num = self.numerator
        if hasattr(num, "magnitude"):
            mag = float(num.magnitude)
            shown = f"{mag:,.0f}" if mag.is_integer() else f"{mag:,.2f}"
            num_text = f"{shown} m²" if str(num.units) == "meter ** 2" else f"{num:~P}"
        else:
            num_text = _number(num)
        if self.facilities is not None:
            num_text += f" ({self.facilities:,} facilities in service)"
        den_text = _number(self.denominator)
        if self.population_year is not None:
            den_text += f" persons (year-end {self.population_year} resident population)"
        scale = f" x {self.scale:,}" if self.scale != 1 else ""
        text = (
            f"{head}{', ' if where else ''}{', '.join(where)}: {num_text} / {den_text}{scale}"
            f" = {self.magnitude:.4g} {self.unit}"
        )
        if self.excluded:
            text += f"; {self.excluded:,} facilities outside the region tree excluded"
        for note in self.notes:
            text += f"; {note}"
        return text


def _number(value: Any) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}"
    return str(value)


def figure_fraction(value: Any) -> Fraction:
    """Exact value of an already-checked figure (floats at their binary value)."""
    return to_fraction(value, "value", floats="binary")


# ----------------------------------------------------------------------------- table


@frozen(eq=False, repr=False)
class IndicatorTable:
    """One indicator for many regions at once (numpy columns, one row per region).

    Rows are regions in tree order (or in the order asked for). Regions whose
    population is missing or zero are not rows: they are listed in
    :attr:`skipped` with the reason (unless ``missing="raise"`` was asked, then
    they raise).

    Attributes
    ----------
    indicator, unit : str
        What the values are.
    as_of : datetime.date
        Day the facilities were counted.
    population_year : int
        Year-end population used.
    scale : int
        Multiplier (10,000 for per 10,000).
    regions : tuple of str
        Region codes (rows).
    numerator : numpy.ndarray of float64
        Area [m²] or counts per row.
    denominator : numpy.ndarray of int64
        Population [persons] per row.
    value : numpy.ndarray of float64
        ``numerator / denominator * scale`` (never NaN or inf).
    facilities : numpy.ndarray of int64
        Facilities counted per row (computed on first use: it costs one more pass).
    excluded : int
        Facilities left out because their region is not in the tree.
    skipped : tuple of (str, str)
        ``(region, reason)`` for regions without a usable population.
    notes : tuple of str
        Anything a reader must know.

    Examples
    --------
    >>> from sportsgov.regions import RegionTree, PopulationTable
    >>> from sportsgov.facilities import Inventory
    >>> from sportsgov.indicators import indicator_table
    >>> tree = RegionTree.from_records([
    ...     {"code": "C", "name": "City", "level": "city", "parent": None},
    ...     {"code": "D1", "name": "East", "level": "district", "parent": "C"},
    ...     {"code": "D2", "name": "West", "level": "district", "parent": "C"}])
    >>> pop = PopulationTable.from_records([
    ...     {"region": "D1", "year": 2024, "population": 1000},
    ...     {"region": "D2", "year": 2024, "population": 3000}], tree=tree)
    >>> inv = Inventory.from_records([
    ...     {"id": 1, "kind": "gym", "region": "D1", "area": 2000},
    ...     {"id": 2, "kind": "gym", "region": "D2", "area": 3000}])
    >>> t = indicator_table(inv, pop, as_of="2024-12-31")
    >>> dict(zip(t.regions, t.value.round(2).tolist()))
    {'C': 1.25, 'D1': 2.0, 'D2': 1.0}
    >>> t["D1"].value
    <Quantity(2.0, 'meter ** 2 / person')>
    """

    indicator: str
    unit: str
    as_of: _dt.date
    population_year: int
    scale: int
    regions: tuple[str, ...]
    numerator: npt.NDArray[np.float64]
    denominator: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]
    _facilities: npt.NDArray[np.int64] | Callable[[], npt.NDArray[np.int64]] = field(
        alias="facilities", repr=False
    )
    excluded: int = 0
    skipped: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    _position: dict[str, int] = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_position", {c: i for i, c in enumerate(self.regions)})

    def __reduce__(self) -> tuple[Any, ...]:
        # The facility counts may still be a closure: resolve them so the table pickles
        # (multiprocessing, Dask).
        return (
            _rebuild_table,
            (
                self.indicator,
                self.unit,
                self.as_of,
                self.population_year,
                self.scale,
                self.regions,
                self.numerator,
                self.denominator,
                self.value,
                self.facilities,
                self.excluded,
                self.skipped,
                self.notes,
            ),
        )

    @property
    def facilities(self) -> npt.NDArray[np.int64]:
        """Facilities counted per row (computed on first use)."""
        if callable(self._facilities):
            counts = np.asarray(self._facilities(), dtype=np.int64)
            counts.flags.writeable = False
            object.__setattr__(self, "_facilities", counts)
            return counts
        return self._facilities

    def __len__(self) -> int:
        return len(self.regions)

    def __iter__(self) -> Iterator[IndicatorValue]:
        return iter(self.rows())

    def __contains__(self, code: object) -> bool:
        return code in self._position

    def __getitem__(self, code: str) -> IndicatorValue:
        i = self._position.get(code)
        if i is None:
            reason = dict(self.skipped).get(code)
            if reason is not None:
                raise DataError(f"region={code!r}: {reason}")
            raise NotFoundError.bad("region", code, "not a row of this table")
        return self._row(i)

    def _row(self, i: int, facilities: npt.NDArray[np.int64] | None = None) -> IndicatorValue:
        if facilities is None:
            facilities = self.facilities
        num = float(self.numerator[i])
        den = int(self.denominator[i])
        val = float(self.value[i])
        if self.indicator == "per_capita_area":
            value: Any = val * _area_unit()
            numerator: Any = num * _m2()
        else:
            value = val
            numerator = int(num) if num.is_integer() else num
        return IndicatorValue(
            value,
            numerator,
            den,
            self.unit,
            self.regions[i],
            self.as_of,
            indicator=self.indicator,
            population_year=self.population_year,
            scale=self.scale,
            facilities=int(facilities[i]),
            excluded=self.excluded,
            notes=self.notes,
        )

    def rows(self) -> list[IndicatorValue]:
        """Every row as an :class:`IndicatorValue` (columns converted once, not per row)."""
        nums = self.numerator.tolist()
        vals = self.value.tolist()
        if self.indicator == "per_capita_area":
            values: list[Any] = _quantities(vals, _area_unit())
            numerators: list[Any] = _quantities(nums, _m2())
        else:
            values = vals
            numerators = [int(x) if x.is_integer() else x for x in nums]
        indicator, year, scale = self.indicator, self.population_year, self.scale
        excluded, notes = self.excluded, self.notes
        return [
            IndicatorValue(
                v,
                num,
                den,
                self.unit,
                code,
                self.as_of,
                indicator=indicator,
                population_year=year,
                scale=scale,
                facilities=f,
                excluded=excluded,
                notes=notes,
            )
            for v, num, den, code, f in zip(
                values,
                numerators,
                self.denominator.tolist(),
                self.regions,
                self.facilities.tolist(),
                strict=True,
            )
        ]

    def to_records(self) -> list[dict[str, Any]]:
        """Plain records ``{"region", "value", "numerator", "denominator", "facilities"}``.

        Examples
        --------
        >>> from sportsgov.regions import PopulationTable
        >>> from sportsgov.facilities import Inventory
        >>> from sportsgov.indicators import indicator_table
        >>> inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 50}])
        >>> pop = PopulationTable({("A", 2024): 20})
        >>> indicator_table(inv, pop, as_of="2024-12-31", regions=["A"]).to_records()
        [{'region': 'A', 'value': 2.5, 'numerator': 50.0, 'denominator': 20, 'facilities': 1}]
        """
        return [
            {
                "region": c,
                "value": float(self.value[i]),
                "numerator": float(self.numerator[i]),
                "denominator": int(self.denominator[i]),
                "facilities": int(self.facilities[i]),
            }
            for i, c in enumerate(self.regions)
        ]

    def _columns(self) -> tuple[str, str]:
        """Names of the value and numerator columns of :meth:`to_frame`."""
        if self.indicator == "per_capita_area":
            return "per_capita_area_m2_per_person", "area_m2"
        if self.indicator in ("pitches_per_10k", "ball_courts_per_10k", "instructors_per_1000"):
            return self.indicator, "count"
        return "value", "numerator"

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame, one row per region (in row order).

        Columns: ``region``; the value, named with its unit
        (``per_capita_area_m2_per_person`` [m²/person]; ``pitches_per_10k``,
        ``ball_courts_per_10k``, ``instructors_per_1000`` [per 10,000 / 1,000
        residents]; ``value`` for a plain ratio or share); the numerator
        (``area_m2`` [m²] for per-capita area, ``count`` for the per-10,000 and
        per-1,000 figures, ``numerator`` otherwise); ``population_persons`` (the
        denominator, year-end :attr:`population_year`); ``facilities`` (counted).
        Skipped regions are not rows (see :attr:`skipped`). Needs the ``pandas`` extra.

        Examples
        --------
        >>> from sportsgov.regions import PopulationTable
        >>> from sportsgov.facilities import Inventory
        >>> from sportsgov.indicators import indicator_table
        >>> inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 50}])
        >>> pop = PopulationTable({("A", 2024): 20})
        >>> df = indicator_table(inv, pop, as_of="2024-12-31", regions=["A"]).to_frame()
        >>> df.values.tolist()
        [['A', 2.5, 50.0, 20, 1]]
        >>> list(df.columns)
        ['region', 'per_capita_area_m2_per_person', 'area_m2', 'population_persons', 'facilities']
        """
        from sportsgov._common.frames import pandas

        pd = pandas("IndicatorTable.to_frame")
        value, numerator = self._columns()
        return pd.DataFrame(
            {
                "region": np.array(self.regions, dtype=object),
                value: np.array(self.value),
                numerator: np.array(self.numerator),
                "population_persons": np.array(self.denominator),
                "facilities": np.array(self.facilities),
            }
        )

    def __repr__(self) -> str:
        """Short: what the table holds and its first rows, never one line per region.

        Examples
        --------
        >>> from sportsgov.regions import PopulationTable
        >>> from sportsgov.facilities import Inventory
        >>> from sportsgov.indicators import indicator_table
        >>> inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 50}])
        >>> indicator_table(inv, PopulationTable({("A", 2024): 20}), as_of="2024-12-31")
        IndicatorTable(indicator='per_capita_area', unit='m²/person', as_of='2024-12-31', population_year=2024, regions=[A: 2.5])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        return text_repr(
            "IndicatorTable",
            [
                ("indicator", self.indicator),
                ("unit", self.unit),
                ("as_of", self.as_of.isoformat()),
                ("population_year", self.population_year),
            ],
            (f"{c}: {v:.6g}" for c, v in zip(self.regions, self.value.tolist(), strict=True)),
            count=len(self),
            label="regions",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first rows (region, value, numerator, population)."""
        from sportsgov._common.display import html_table

        value, numerator = self._columns()
        return html_table(
            f"IndicatorTable: {self.indicator} [{self.unit}] as of {self.as_of.isoformat()}, "
            f"year-end {self.population_year} population, {len(self):,} regions",
            ["region", value, numerator, "population_persons"],
            zip(
                self.regions,
                self.value.tolist(),
                self.numerator.tolist(),
                self.denominator.tolist(),
                strict=True,
            ),
            count=len(self),
        )

    def to_geojson(
        self, path: Any = None, *, boundaries: Any, datum: str = "wgs84"
    ) -> dict[str, Any]:
        """The table joined to region polygons (choropleth-ready GeoJSON).

        Every polygon gets ``indicator``, ``unit``, ``value``, ``numerator``,
        ``denominator`` and ``facilities`` (``None`` for regions not in the table).
        See :func:`sportsgov.coverage.layers.records_geojson`.
        """
        from sportsgov.coverage.layers import records_geojson

        rows = [{**r, "indicator": self.indicator, "unit": self.unit} for r in self.to_records()]
        return records_geojson(boundaries, rows, path, datum=datum, name=self.indicator)


def _rebuild_table(*args: Any) -> IndicatorTable:
    (indicator, unit, as_of, year, scale, regions, num, den, value, facilities, *rest) = args
    excluded, skipped, notes = rest
    return IndicatorTable(
        indicator,
        unit,
        as_of,
        year,
        scale,
        regions,
        num,
        den,
        value,
        facilities,
        excluded=excluded,
        skipped=skipped,
        notes=notes,
    )
