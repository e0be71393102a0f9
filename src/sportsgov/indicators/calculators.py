"""Indicator calculators: per-capita area, pitches per 10,000, generic ratios and shares.

Every calculator returns an :class:`~sportsgov.indicators.IndicatorValue` (or, over
many regions, an :class:`~sportsgov.indicators.IndicatorTable`); the definitions
and the population-year rule are in :mod:`sportsgov.indicators`.

Examples
--------
>>> from sportsgov.regions import PopulationTable
>>> from sportsgov.facilities import Inventory
>>> inv = Inventory.from_records([
...     {"id": 1, "kind": "football_11", "region": "A", "area": 7140},
...     {"id": 2, "kind": "gym", "region": "A", "area": 2860}])
>>> pop = PopulationTable.from_records([{"region": "A", "year": 2024, "population": 4000}])
>>> per_capita_area(inv, pop, region="A", as_of="2024-12-31").value
<Quantity(2.5, 'meter ** 2 / person')>
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from sportsgov.errors import DataError, InvalidInputError, format_value
from sportsgov.facilities import Inventory
from sportsgov.indicators.values import (
    IndicatorTable,
    IndicatorValue,
    figure_fraction,
    population_year,
)
from sportsgov.periods import as_date
from sportsgov.regions import (
    LEVEL_TIER,
    PopulationTable,
    Region,
    RegionTree,
    normalize_level,
)

__all__ = [
    "indicator_table",
    "instructors_per_1000",
    "per_capita_area",
    "pitches_per_10k",
    "ratio",
    "share",
]

_Unknown = Literal["raise", "exclude"]

_UNITS = {
    "per_capita_area": "m²/person",
    "pitches_per_10k": "per 10,000 residents",
    "ball_courts_per_10k": "per 10,000 residents",
    "instructors_per_1000": "per 1,000 residents",
}


# ----------------------------------------------------------------------------- core


def _pick_tree(
    inventory: Inventory | None, population: PopulationTable | None, tree: RegionTree | None
) -> RegionTree | None:
    if tree is not None:
        return tree
    if population is not None and population.tree is not None:
        return population.tree
    if inventory is not None and inventory.tree is not None:
        return inventory.tree
    return None


def _region_list(region: Any) -> tuple[list[str], bool]:
    """(codes, single?); codes stripped as the tables store them (' A' is 'A')."""
    if isinstance(region, Region):
        return [region.code], True
    if isinstance(region, str):
        return [region.strip()], True
    if isinstance(region, int) and not isinstance(region, bool):
        return [str(region)], True
    if region is None:
        raise InvalidInputError.bad(
            "region", region, "is required: a region code or a list of codes"
        )
    try:
        items = list(region)
    except TypeError:
        raise InvalidInputError.bad(
            "region", region, "must be a region code or a list of codes"
        ) from None
    out = []
    for item in items:
        if isinstance(item, Region):
            out.append(item.code)
        elif isinstance(item, str):
            out.append(item.strip())
        elif isinstance(item, int | np.integer) and not isinstance(item, bool):
            out.append(str(int(item)))
        else:
            raise InvalidInputError.bad("region", item, "must be a region code")
    return out, False


def _resolve_year(as_of: _dt.date, population_year_arg: int | None) -> int:
    if population_year_arg is None:
        return population_year(as_of)
    if isinstance(population_year_arg, bool) or not isinstance(population_year_arg, int):
        raise InvalidInputError.bad("population_year", population_year_arg, "must be a year (int)")
    return population_year_arg


def _populations(
    population: PopulationTable,
    codes: Sequence[str],
    year: int,
    *,
    interpolate: bool,
    missing: Literal["raise", "skip"],
) -> tuple[npt.NDArray[np.int64], list[tuple[str, str]], bool]:
    """Population per code; (values, skipped, any interpolated)."""
    exact = population.resolve_year(year)
    values = np.zeros(len(codes), dtype=np.int64)
    skipped: list[tuple[str, str]] = []
    interpolated = False
    for i, code in enumerate(codes):
        value = exact.get(code)
        if value is None:
            if interpolate:
                try:
                    value = population.get(code, year, interpolate=True)
                    interpolated = True
                except DataError as exc:
                    if missing == "raise":
                        raise
                    skipped.append((code, exc.detail))
                    continue
            else:
                if missing == "raise":
                    population.get(code, year)  # raises the explanatory DataError
                    raise AssertionError("unreachable")  # pragma: no cover
                skipped.append((code, f"no year-end {year} population"))
                continue
        if value <= 0:
            reason = f"population={value} in {year}: per-capita indicators need a population > 0"
            if missing == "raise":
                raise DataError(f"region={code!r}: {reason}", field="population", value=value)
            skipped.append((code, reason))
            continue
        values[i] = value
    return values, skipped, interpolated


def _inventory_totals(
    inventory: Inventory,
    tree: RegionTree | None,
    codes: Sequence[str],
    *,
    as_of: _dt.date,
    flag: str,
    weighted: bool,
    unknown_regions: _Unknown,
    public: bool | None,
) -> tuple[npt.NDArray[np.float64], Callable[[], npt.NDArray[np.int64]], int]:
    """Per requested code: numerator, a (lazy) facility counter, facilities excluded."""
    if unknown_regions not in ("raise", "exclude"):
        raise InvalidInputError.bad(
            "unknown_regions", unknown_regions, "expected one of 'raise', 'exclude'"
        )
    totals = inventory.totals_by_region(
        codes,
        tree=tree,
        flag=flag,
        weighted=weighted,
        as_of=as_of,
        public=public,
        unknown_regions=unknown_regions,
    )
    counts = totals.counts
    values = np.asarray(totals.values, dtype=np.float64)
    overflow = ~np.isfinite(values)
    if overflow.any():  # each area is finite, but 1e308 + 1e308 is not
        code = codes[int(np.flatnonzero(overflow)[0])]
        raise DataError(
            f"region={code!r}: the facilities' areas add up beyond the float range "
            "(about 1.8e308 m²); check the area column",
            field="area",
            value=code,
        )

    def counter() -> npt.NDArray[np.int64]:
        return counts

    return values, counter, totals.excluded


def _per_population(
    indicator: str,
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: Any,
    as_of: object,
    flag: str,
    weighted: bool,
    scale: int,
    population_year_arg: int | None,
    interpolate: bool,
    unknown_regions: _Unknown,
    public: bool | None,
    tree: RegionTree | None,
) -> IndicatorValue | list[IndicatorValue]:
    codes, single = _region_list(region)
    table = _table(
        indicator,
        inventory,
        population,
        codes=codes,
        as_of=as_of,
        flag=flag,
        weighted=weighted,
        scale=scale,
        population_year_arg=population_year_arg,
        interpolate=interpolate,
        unknown_regions=unknown_regions,
        public=public,
        tree=tree,
        missing="raise",
    )
    rows = table.rows()
    return rows[0] if single else rows


def _table(
    indicator: str,
    inventory: Inventory,
    population: PopulationTable,
    *,
    codes: Sequence[str] | None,
    as_of: object,
    flag: str,
    weighted: bool,
    scale: int,
    population_year_arg: int | None,
    interpolate: bool,
    unknown_regions: _Unknown,
    public: bool | None,
    tree: RegionTree | None,
    missing: Literal["raise", "skip"],
    level: str | None = None,
) -> IndicatorTable:
    if not isinstance(inventory, Inventory):
        raise InvalidInputError.bad("inventory", inventory, "must be an Inventory")
    if not isinstance(population, PopulationTable):
        raise InvalidInputError.bad("population", population, "must be a PopulationTable")
    day = as_date(as_of)
    year = _resolve_year(day, population_year_arg)
    the_tree = _pick_tree(inventory, population, tree)
    if codes is None:
        if the_tree is not None:
            regions = the_tree.regions
            if level is not None:
                tier = LEVEL_TIER[normalize_level(level)]
                regions = tuple(r for r in regions if LEVEL_TIER[r.level] == tier)
            codes = [r.code for r in regions]
        else:
            if level is not None:
                raise InvalidInputError.bad("level", level, "needs a RegionTree (pass tree=)")
            codes = population.regions()
    else:
        if the_tree is not None:
            codes = [the_tree[c].code for c in codes]  # names -> codes; unknown raises
    numerator, counter, excluded = _inventory_totals(
        inventory,
        the_tree,
        codes,
        as_of=day,
        flag=flag,
        weighted=weighted,
        unknown_regions=unknown_regions,
        public=public,
    )
    people, skipped, interpolated = _populations(
        population, codes, year, interpolate=interpolate, missing=missing
    )
    keep = people > 0
    count_source: Callable[[], npt.NDArray[np.int64]] = counter
    if not keep.all():
        idx = np.flatnonzero(keep)
        codes = [codes[i] for i in idx.tolist()]
        numerator, people = numerator[idx], people[idx]

        def count_source() -> npt.NDArray[np.int64]:
            return counter()[idx]

    value = numerator * scale / people if len(codes) else np.zeros(0)
    notes: list[str] = []
    if interpolated:
        notes.append(f"year-end {year} population interpolated linearly for some regions")
    if public is not None:
        notes.append("public facilities only" if public else "non-public facilities only")
    for arr in (numerator, people, value):
        arr.flags.writeable = False
    return IndicatorTable(
        indicator,
        _UNITS[indicator],
        day,
        year,
        scale,
        tuple(codes),
        numerator,
        people,
        value,
        count_source,
        excluded=excluded,
        skipped=tuple(skipped),
        notes=tuple(notes),
    )


# ----------------------------------------------------------------------------- calculators


@overload
def per_capita_area(
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: str | Region,
    as_of: object,
    population_year: int | None = ...,
    interpolate: bool = ...,
    unknown_regions: _Unknown = ...,
    public: bool | None = ...,
    tree: RegionTree | None = ...,
) -> IndicatorValue: ...
@overload
def per_capita_area(
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: list[Any] | tuple[Any, ...] | npt.NDArray[Any],
    as_of: object,
    population_year: int | None = ...,
    interpolate: bool = ...,
    unknown_regions: _Unknown = ...,
    public: bool | None = ...,
    tree: RegionTree | None = ...,
) -> list[IndicatorValue]: ...


def per_capita_area(
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: Any,
    as_of: object,
    population_year: int | None = None,
    interpolate: bool = False,
    unknown_regions: _Unknown = "raise",
    public: bool | None = None,
    tree: RegionTree | None = None,
) -> IndicatorValue | list[IndicatorValue]:
    """Per-capita sports venue area (人均体育场地面积) [m²/person].

    Venue area of the facilities in service on ``as_of`` whose kind counts toward
    venue area, within ``region`` (with a tree: including everything below it),
    divided by the year-end resident population of :func:`population_year`.

    Parameters
    ----------
    inventory : Inventory
        The facilities.
    population : PopulationTable
        Year-end resident population.
    region : str or sequence of str
        A code (or unique name) gives one :class:`IndicatorValue`; a list gives a
        list in the same order (computed in one vectorized pass).
    as_of : date or ISO string
        Day the facilities are counted on (``opened <= as_of < closed``).
    population_year : int, optional
        Override the population year (default: latest year-end on or before ``as_of``).
    interpolate : bool, default False
        Interpolate a missing population year linearly between known years.
    unknown_regions : {"raise", "exclude"}, default "raise"
        Facilities whose region is not in the tree: raise, or leave them out and
        report how many in :attr:`IndicatorValue.excluded`.
    public : bool, optional
        Count only public (True) or non-public (False) facilities; default all,
        as the national statistics do.
    tree : RegionTree, optional
        Region tree (default: the population's, else the inventory's).

    Returns
    -------
    IndicatorValue or list of IndicatorValue
        ``.value`` is a Quantity [m²/person]; ``.numerator`` the area [m²],
        ``.denominator`` the population [persons].

    Raises
    ------
    DataError
        Population missing for that year, or zero; a facility in a region not
        in the tree (with ``unknown_regions="raise"``).
    NotFoundError
        Unknown region.

    Examples
    --------
    National check, 2024 (national sports venue statistics; NBS communiqué): 4.23
    billion m² over 1,408.28 million residents:

    >>> from sportsgov.regions import PopulationTable
    >>> from sportsgov.facilities import Inventory
    >>> inv = Inventory.from_records([
    ...     {"id": 1, "kind": "other", "region": "CN", "area": 4.23e9}])
    >>> pop = PopulationTable.from_records(
    ...     [{"region": "CN", "year": 2024, "population": "140828万"}])
    >>> v = per_capita_area(inv, pop, region="CN", as_of="2024-12-31")
    >>> round(v.magnitude, 2)
    3.0
    """
    return _per_population(
        "per_capita_area",
        inventory,
        population,
        region=region,
        as_of=as_of,
        flag="counts_toward_area",
        weighted=True,
        scale=1,
        population_year_arg=population_year,
        interpolate=interpolate,
        unknown_regions=unknown_regions,
        public=public,
        tree=tree,
    )


@overload
def pitches_per_10k(
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: str | Region,
    as_of: object,
    which: Literal["football", "ball_courts"] = ...,
    population_year: int | None = ...,
    interpolate: bool = ...,
    unknown_regions: _Unknown = ...,
    public: bool | None = ...,
    tree: RegionTree | None = ...,
) -> IndicatorValue: ...
@overload
def pitches_per_10k(
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: list[Any] | tuple[Any, ...] | npt.NDArray[Any],
    as_of: object,
    which: Literal["football", "ball_courts"] = ...,
    population_year: int | None = ...,
    interpolate: bool = ...,
    unknown_regions: _Unknown = ...,
    public: bool | None = ...,
    tree: RegionTree | None = ...,
) -> list[IndicatorValue]: ...


def pitches_per_10k(
    inventory: Inventory,
    population: PopulationTable,
    *,
    region: Any,
    as_of: object,
    which: Literal["football", "ball_courts"] = "football",
    population_year: int | None = None,
    interpolate: bool = False,
    unknown_regions: _Unknown = "raise",
    public: bool | None = None,
    tree: RegionTree | None = None,
) -> IndicatorValue | list[IndicatorValue]:
    """Football pitches per 10,000 year-end residents (每万人足球场地数).

    Each 11-, 7- or 5-a-side pitch (kinds with ``counts_as_pitch``) counts as
    one. ``which="ball_courts"`` counts the "three big balls" courts instead
    (football incl. 8-a-side, basketball, volleyball: ``ball_court`` kinds), as
    in scheme C (体育消费活力城市等级评定, table A.1). Other parameters as in
    :func:`per_capita_area`; ``.value`` is a float [per 10,000 residents].

    Examples
    --------
    >>> from sportsgov.regions import PopulationTable
    >>> from sportsgov.facilities import Inventory
    >>> inv = Inventory.from_records([
    ...     {"id": i, "kind": k, "region": "A", "area": 1000}
    ...     for i, k in enumerate(["football_11", "football_7", "football_5", "basketball"])])
    >>> pop = PopulationTable({("A", 2024): 30_000})
    >>> pitches_per_10k(inv, pop, region="A", as_of="2024-12-31").value
    1.0
    >>> pitches_per_10k(inv, pop, region="A", as_of="2024-12-31", which="ball_courts").value
    1.3333333333333333
    """
    if which not in ("football", "ball_courts"):
        raise InvalidInputError.bad("which", which, "expected one of 'football', 'ball_courts'")
    return _per_population(
        "pitches_per_10k" if which == "football" else "ball_courts_per_10k",
        inventory,
        population,
        region=region,
        as_of=as_of,
        flag="counts_as_pitch" if which == "football" else "ball_court",
        weighted=False,
        scale=10_000,
        population_year_arg=population_year,
        interpolate=interpolate,
        unknown_regions=unknown_regions,
        public=public,
        tree=tree,
    )


_INDICATORS: dict[str, tuple[str, bool, int]] = {
    "per_capita_area": ("counts_toward_area", True, 1),
    "pitches_per_10k": ("counts_as_pitch", False, 10_000),
    "ball_courts_per_10k": ("ball_court", False, 10_000),
}


def indicator_table(
    inventory: Inventory,
    population: PopulationTable,
    *,
    as_of: object,
    indicator: Literal["per_capita_area", "pitches_per_10k", "ball_courts_per_10k"] = (
        "per_capita_area"
    ),
    level: str | None = None,
    regions: Iterable[str] | None = None,
    missing: Literal["raise", "skip"] = "skip",
    population_year: int | None = None,
    interpolate: bool = False,
    unknown_regions: _Unknown = "raise",
    public: bool | None = None,
    tree: RegionTree | None = None,
) -> IndicatorTable:
    """An indicator for every region of the tree (or of one level) in one vectorized call.

    Parameters
    ----------
    indicator : {"per_capita_area", "pitches_per_10k", "ball_courts_per_10k"}
        Which indicator.
    level : str, optional
        Only regions in this level's tier (``"district"`` includes counties).
    regions : iterable of str, optional
        Exactly these regions, in this order (instead of the whole tree).
    missing : {"skip", "raise"}, default "skip"
        Regions without a usable population (missing year, zero): leave them out
        and list them in :attr:`IndicatorTable.skipped`, or raise.
    as_of, population_year, interpolate, unknown_regions, public, tree
        As in :func:`per_capita_area`.

    Examples
    --------
    >>> from sportsgov.regions import PopulationTable
    >>> from sportsgov.facilities import Inventory
    >>> inv = Inventory.from_records([{"id": 1, "kind": "gym", "region": "A", "area": 50}])
    >>> pop = PopulationTable({("A", 2024): 20, ("B", 2023): 5})
    >>> t = indicator_table(inv, pop, as_of="2024-12-31")
    >>> t.regions, t.skipped
    (('A',), (('B', 'no year-end 2024 population'),))
    """
    if indicator not in _INDICATORS:
        raise InvalidInputError.bad(
            "indicator", indicator, "expected one of " + ", ".join(repr(k) for k in _INDICATORS)
        )
    if missing not in ("raise", "skip"):
        raise InvalidInputError.bad("missing", missing, "expected one of 'raise', 'skip'")
    flag, weighted, scale = _INDICATORS[indicator]
    codes = None
    if regions is not None:
        codes, _ = _region_list(list(regions))
    return _table(
        indicator,
        inventory,
        population,
        codes=codes,
        as_of=as_of,
        flag=flag,
        weighted=weighted,
        scale=scale,
        population_year_arg=population_year,
        interpolate=interpolate,
        unknown_regions=unknown_regions,
        public=public,
        tree=tree,
        missing=missing,
        level=level,
    )


# ----------------------------------------------------------------------------- generic ratios


def _scalar(value: Any, name: str) -> int | float | Fraction | Decimal:
    if isinstance(value, bool):
        raise InvalidInputError.bad(name, value, "must be a number")
    if hasattr(value, "magnitude"):
        value = value.magnitude
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if text.lstrip("-").isdigit():
            return int(text)
        try:
            number = Decimal(text)
        except ArithmeticError:
            raise InvalidInputError.bad(name, value, "must be a number") from None
        if not number.is_finite():
            raise InvalidInputError.bad(name, value, "must be a finite number")
        return number
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidInputError.bad(name, value, "must be a finite number")
    if isinstance(value, int | Fraction | Decimal):
        return value
    if isinstance(value, float | np.floating | np.integer):
        v = value.item() if isinstance(value, np.generic) else value
        if isinstance(v, float) and not np.isfinite(v):
            raise InvalidInputError.bad(name, value, "must be a finite number")
        return v
    raise InvalidInputError.bad(name, value, "must be a number")


def _counts_table(
    values: Mapping[str, Any] | Iterable[Mapping[str, Any]],
    name: str,
    *,
    year: int | None = None,
) -> dict[str, Any]:
    """Figures per region from a mapping or from records.

    Records are ``{"region", <figure>}`` where the figure is the one other column
    (``count``, ``value``, ``instructors`` …). Records with a ``year`` column are
    filtered to ``year`` (required then).
    """
    if isinstance(values, Mapping):
        items = list(values.items())
    else:
        items = []
        for row, rec in enumerate(values, start=1):
            if not isinstance(rec, Mapping) or "region" not in rec:
                raise DataError(
                    f"expected records with 'region' and a figure, got {format_value(rec)}",
                    row=row,
                    field=name,
                )
            if "year" in rec and rec["year"] not in (None, ""):
                if year is None:
                    raise DataError(
                        "records have a 'year' column: pass as_of (and a PopulationTable) "
                        "to choose the year",
                        row=row,
                        field="year",
                    )
                try:
                    if int(rec["year"]) != year:
                        continue
                except (TypeError, ValueError):
                    raise DataError(
                        f"year={rec['year']!r}: must be a year", row=row, field="year"
                    ) from None
            keys = [k for k in rec if k not in ("region", "year")]
            preferred = [k for k in ("count", "value", "instructors", name) if k in rec]
            if preferred:
                key = preferred[0]
            elif len(keys) == 1:
                key = keys[0]
            else:
                raise DataError(
                    f"cannot tell which column is the figure among {keys}; name it 'count'",
                    row=row,
                    field=name,
                )
            items.append((rec["region"], rec[key]))
    out: dict[str, Any] = {}
    for code, value in items:
        v = _scalar(value, name)
        if v < 0:
            raise InvalidInputError.bad(name, value, "must be >= 0", shown=f"{value} ({code})")
        if str(code) in out:
            raise DataError(f"region={code!r}: duplicate figure", field=name)
        out[str(code)] = v
    return out


def ratio(
    numerator: Any,
    denominator: Any,
    *,
    region: Any = None,
    as_of: object = None,
    scale: int = 1,
    unit: str = "",
    indicator: str = "ratio",
    population_year: int | None = None,
    interpolate: bool = False,
    tree: RegionTree | None = None,
) -> IndicatorValue | list[IndicatorValue]:
    """A generic ratio ``numerator / denominator * scale`` with its parts.

    Three forms:

    * numbers: ``ratio(216, 100_000, scale=1000)``;
    * a figure per region and a :class:`~sportsgov.regions.PopulationTable`
      (``region`` and ``as_of`` required): the year-end population of
      :func:`population_year` is the denominator;
    * a figure per region and another mapping per region.

    Figures per region are *totals* as published: a region without its own
    figure gets the sum of its children (with a tree; see
    :meth:`RegionTree.roll_up <sportsgov.regions.RegionTree.roll_up>`
    ``how="fill"``).

    Raises
    ------
    DataError
        Zero or missing denominator for a region.
    InvalidInputError
        Negative or non-numeric figures, zero scalar denominator.

    Examples
    --------
    >>> ratio(3, 4).value
    0.75
    >>> ratio({"A": 10}, {"A": 40}, region="A").value
    0.25
    """
    if isinstance(scale, bool) or not isinstance(scale, int) or scale <= 0:
        raise InvalidInputError.bad("scale", scale, "must be a positive integer")
    unit = unit or _UNITS.get(indicator, "")
    day = None if as_of is None else as_date(as_of)
    if not isinstance(numerator, Mapping | list | tuple) and not isinstance(
        denominator, Mapping | PopulationTable
    ):
        num = _scalar(numerator, "numerator")
        den = _scalar(denominator, "denominator")
        if den <= 0:
            raise InvalidInputError.bad("denominator", denominator, "must be > 0")
        if num < 0:
            raise InvalidInputError.bad("numerator", numerator, "must be >= 0")
        value = float(figure_fraction(num) / figure_fraction(den) * scale)
        code = None if region is None else _region_list(region)[0][0]
        return IndicatorValue(value, num, den, unit, code, day, indicator=indicator, scale=scale)
    if region is None:
        raise InvalidInputError.bad("region", None, "is required with figures per region")
    codes, single = _region_list(region)
    the_tree = tree if tree is not None else getattr(denominator, "tree", None)
    year: int | None = None if day is None else _resolve_year(day, population_year)
    nums = _counts_table(numerator, "numerator", year=year)
    if the_tree is not None:
        nums = the_tree.roll_up(nums, how="fill")
        codes = [the_tree[c].code for c in codes]
    if isinstance(denominator, PopulationTable):
        if day is None or year is None:
            raise InvalidInputError.bad("as_of", None, "is required with a PopulationTable")
        dens: dict[str, Any] = {}
        for code in codes:
            dens[code] = denominator.get(code, year, interpolate=interpolate)
    else:
        dens = _counts_table(denominator, "denominator", year=year)
        if the_tree is not None:
            dens = the_tree.roll_up(dens, how="fill")
    out: list[IndicatorValue] = []
    for code in codes:
        if code not in nums:
            raise DataError(f"region={code!r}: no {indicator} numerator figure", field="numerator")
        divisor = dens.get(code)
        if divisor is None or divisor <= 0:
            raise DataError(
                f"region={code!r}: denominator={divisor}: must be > 0 (never divided by zero)",
                field="denominator",
            )
        num = nums[code]
        value = float(figure_fraction(num) / figure_fraction(divisor) * scale)
        out.append(
            IndicatorValue(
                value,
                num,
                divisor,
                unit,
                code,
                day,
                indicator=indicator,
                population_year=year if isinstance(denominator, PopulationTable) else None,
                scale=scale,
            )
        )
    return out[0] if single else out


def instructors_per_1000(
    instructors: Mapping[str, int] | Iterable[Mapping[str, Any]],
    population: PopulationTable,
    *,
    region: Any,
    as_of: object,
    population_year: int | None = None,
    interpolate: bool = False,
    tree: RegionTree | None = None,
) -> IndicatorValue | list[IndicatorValue]:
    """Social sports instructors per 1,000 year-end residents (每千人社会体育指导员数).

    Parameters
    ----------
    instructors : mapping region → count, or records ``{"region", "count"}``
        Registered instructors; a region without its own figure is the sum of its
        children (with a tree).
    population : PopulationTable
        Year-end resident population.
    region, as_of, population_year, interpolate, tree
        As in :func:`per_capita_area`.

    Examples
    --------
    The national 2025 target is 2.16 per 1,000 (全民健身计划(2021—2025年)):

    >>> from sportsgov.regions import PopulationTable
    >>> pop = PopulationTable({("A", 2024): 500_000})
    >>> instructors_per_1000({"A": 1080}, pop, region="A", as_of="2024-12-31").value
    2.16
    """
    return ratio(
        instructors,
        population,
        region=region,
        as_of=as_of,
        scale=1000,
        unit=_UNITS["instructors_per_1000"],
        indicator="instructors_per_1000",
        population_year=population_year,
        interpolate=interpolate,
        tree=tree,
    )


def share(
    part: Any,
    whole: Any,
    *,
    region: Any = None,
    as_of: object = None,
    indicator: str = "share",
    tree: RegionTree | None = None,
) -> IndicatorValue | list[IndicatorValue]:
    """The share ``part / whole`` in [0, 1] (e.g. people exercising regularly).

    Same forms as :func:`ratio`; additionally ``part <= whole`` is required.

    Raises
    ------
    InvalidInputError
        ``part`` larger than ``whole``, negative, or ``whole`` zero.

    Examples
    --------
    >>> share(385, 1000).value
    0.385
    >>> share(5, 4)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: part=5: must be <= whole=4
    """
    result = ratio(
        part, whole, region=region, as_of=as_of, unit="share", indicator=indicator, tree=tree
    )
    rows = result if isinstance(result, list) else [result]
    for row in rows:
        if figure_fraction(getattr(row.numerator, "magnitude", row.numerator)) > figure_fraction(
            row.denominator
        ):
            raise InvalidInputError.bad(
                "part",
                row.numerator,
                f"must be <= whole={row.denominator}"
                + (
                    f" (region {row.region})"
                    if row.region is not None and region is not None
                    else ""
                ),
            )
    return result
