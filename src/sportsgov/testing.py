"""Hypothesis strategies for sportsgov's public models (property-based testing).

Two ways to use them in your own tests (``pip install sportsgov[test]``; needs
``hypothesis``):

* ``st.from_type(Money)``, ``st.from_type(Period)``, ``st.from_type(Apportionment)``
  ... just work: sportsgov registers its strategies through the ``hypothesis``
  entry point (``[project.entry-points.hypothesis]`` in ``pyproject.toml``), so
  hypothesis calls ``_hypothesis_setup_hook`` when it is imported.
* Call the strategy functions of this module for control over ranges and shapes:
  ``money(min_fen=0)``, ``periods("2024-01-01", "2024-12-31")``,
  ``quantities("m^2")``, ``apportion_inputs(bounds=True)`` ...

Strategies build objects through their public constructors, so every drawn
object passed its validators (``st.builds`` on an attrs class would not apply
them in every case, and ``from_type(Decimal)`` yields NaN: we use explicit
strategies instead).

For contributors: each area writes its strategies between its ``# --- <area>
---`` markers and registers its types in ``_register_strategies`` (which the
entry point ``_hypothesis_setup_hook`` calls) between the register markers, one
``st.register_type_strategy(...)`` line per type, importing its classes inside
the function (it runs at ``import hypothesis``, so keep it light).
``tests/test_testing.py`` draws from every registered strategy and checks the
instances, so a broken registration fails there.
``__all__`` is computed at the end of the module from the public functions
defined here.

Examples
--------
>>> from hypothesis import given, strategies as st
>>> from sportsgov.money import Money
>>> @given(st.from_type(Money))
... def test_money_is_exact(m):
...     assert m + Money(0) == m
>>> test_money_is_exact()
"""

from __future__ import annotations

from typing import Any

_IMPORTED = False  # True once this module has finished importing
_PENDING: list[bool] = []  # the entry point ran while we were still importing


def _hypothesis_setup_hook() -> None:
    """The ``hypothesis`` entry point: register every strategy.

    Importing this module imports hypothesis, which runs its entry points, which
    call this hook while this module is still half-imported; then registration
    is deferred to the end of the module (:func:`_register_strategies`).
    """
    if _IMPORTED:
        _register_strategies()
    else:
        _PENDING.append(True)


from hypothesis import strategies as st  # noqa: E402  (after the hook, see above)

__all__: list[str] = []  # filled at the end of the module

# Each area adds its strategies in its own section below and registers them in
# _hypothesis_setup_hook's matching section.


# --- units ---
def quantities(
    unit: str = "m",
    *,
    min_value: float = 0.0,
    max_value: float = 1e9,
    units: list[str] | None = None,
) -> st.SearchStrategy[Any]:
    """Quantities of sportsgov's registry with the dimension of ``unit``.

    Magnitudes are finite floats in ``[min_value, max_value]`` (in ``unit``); the
    unit of each example is drawn from ``units`` (default: ``unit`` and, for
    areas and lengths, the other units of that dimension), so code under test
    meets 亩 and 公顷 as well as m².

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import quantities
    >>> @given(quantities("m^2"))
    ... def test_areas(q):
    ...     assert q.check("[area]")
    >>> test_areas()
    """
    from sportsgov.units import Q_, as_quantity

    base = as_quantity(1, unit)
    if units is None:
        units = {
            "[length]": ["m", "km", "cm"],
            "[length] ** 2": ["m^2", "km^2", "hectare", "mu_cn"],
            "[time]": ["second", "minute", "hour", "day"],
        }.get(str(base.dimensionality), [unit])
    factors = {u: base.to(u).magnitude for u in units}

    def build(args: tuple[float, str]) -> Any:
        value, chosen = args
        return Q_(value * factors[chosen], chosen)

    return st.tuples(
        st.floats(min_value=min_value, max_value=max_value, allow_nan=False, allow_infinity=False),
        st.sampled_from(sorted(factors)),
    ).map(build)


# --- end units ---
# --- money ---
def money(min_fen: int = -(10**12), max_fen: int = 10**12) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.money.Money` amounts between ``min_fen`` and ``max_fen`` fen.

    Registered for ``st.from_type(Money)`` (default bounds: ±100 亿元).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import money
    >>> @given(money(min_fen=0, max_fen=10_000))
    ... def test_range(m):
    ...     assert 0 <= m.fen <= 10_000
    >>> test_range()
    """
    from sportsgov.money import Money

    return st.integers(min_value=min_fen, max_value=max_fen).map(Money)


def money_weights(
    min_size: int = 1, max_size: int = 8, *, allow_zero: bool = True
) -> st.SearchStrategy[list[Any]]:
    """Lists of allocation weights (int, Decimal, Fraction mixed), not all zero.

    Decimals are finite (``st.decimals`` with ``allow_nan=False``: ``from_type(Decimal)``
    would yield NaN).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.money import Money, allocate
    >>> from sportsgov.testing import money, money_weights
    >>> @given(money(), money_weights())
    ... def test_sum(total, weights):
    ...     assert sum(allocate(total, weights)) == total
    >>> test_sum()
    """
    from decimal import Decimal
    from fractions import Fraction

    low = 0 if allow_zero else 1
    weight = st.one_of(
        st.integers(min_value=low, max_value=10**6),
        st.decimals(
            min_value=Decimal(low) / 100,
            max_value=Decimal(10**4),
            places=2,
            allow_nan=False,
            allow_infinity=False,
        ),
        st.fractions(min_value=Fraction(low, 7), max_value=Fraction(10**4), max_denominator=97),
    )
    return st.lists(weight, min_size=min_size, max_size=max_size).filter(
        lambda ws: any(w > 0 for w in ws)
    )


# --- end money ---
# --- periods ---
def dates(min_value: Any = "1990-01-01", max_value: Any = "2060-12-31") -> st.SearchStrategy[Any]:
    """Plain :class:`datetime.date` values between two days (anything ``as_date`` reads).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import dates
    >>> @given(dates("2024-01-01", "2024-12-31"))
    ... def test_in_2024(d):
    ...     assert d.year == 2024
    >>> test_in_2024()
    """
    from sportsgov.periods import as_date

    return st.dates(
        min_value=as_date(min_value, argument="min_value"),
        max_value=as_date(max_value, argument="max_value"),
    )


def periods(
    min_value: Any = "1990-01-01",
    max_value: Any = "2060-12-31",
    *,
    max_days: int = 3 * 366,
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.periods.Period` values: calendar years, quarters, months,
    ISO weeks and arbitrary day ranges (at most ``max_days`` long) within the bounds.

    Registered for ``st.from_type(Period)``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.periods import Period
    >>> from sportsgov.testing import periods
    >>> @given(periods())
    ... def test_round_trip(p):
    ...     assert Period.parse(str(p)) == p
    >>> test_round_trip()
    """
    import datetime as _dt

    from sportsgov.periods import Period, as_date

    low = as_date(min_value, argument="min_value")
    high = as_date(max_value, argument="max_value")

    def ranged(args: tuple[_dt.date, int]) -> Any:
        start, length = args
        return Period(start, min(start + _dt.timedelta(days=length), high))

    def calendar(args: tuple[str, _dt.date]) -> Any:
        kind, day = args
        if kind == "year":
            p = Period.year(day.year)
        elif kind == "quarter":
            p = Period.quarter(day.year, (day.month + 2) // 3)
        elif kind == "month":
            p = Period.month(day.year, day.month)
        else:
            iso_year, iso_week, _ = day.isocalendar()
            p = Period.week(iso_year, iso_week)
        return p

    in_bounds = (
        st.tuples(
            st.sampled_from(["year", "quarter", "month", "week"]),
            st.dates(min_value=low, max_value=high),
        )
        .map(calendar)
        .filter(lambda p: low <= p.start and p.end <= high)
    )
    return st.one_of(
        in_bounds,
        st.tuples(
            st.dates(min_value=low, max_value=high), st.integers(min_value=0, max_value=max_days)
        ).map(ranged),
    )


# --- end periods ---
# --- apportion ---
APPORTION_METHODS = ("hamilton", "jefferson", "webster", "huntington-hill", "adams")


def apportion_weights(
    min_size: int = 1,
    max_size: int = 8,
    *,
    kinds: tuple[str, ...] = ("int", "small", "decimal", "fraction", "float"),
) -> st.SearchStrategy[list[Any]]:
    """Lists of non-negative weights for :func:`~sportsgov.apportionment.apportion`,
    at least one positive.

    ``kinds`` chooses the number types mixed in a list: ``"int"`` (0..10⁶),
    ``"small"`` (ints 0..6, which make ties likely), ``"decimal"`` (finite, two
    places; ``from_type(Decimal)`` would yield NaN), ``"fraction"`` and ``"float"``
    (finite, 0..10⁶).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import apportion_weights
    >>> @given(apportion_weights(kinds=("small",)))
    ... def test_small(ws):
    ...     assert all(0 <= w <= 6 for w in ws) and any(ws)
    >>> test_small()
    """
    from decimal import Decimal

    options: dict[str, st.SearchStrategy[Any]] = {
        "int": st.integers(0, 10**6),
        "small": st.integers(0, 6),
        "decimal": st.decimals(
            min_value=Decimal(0),
            max_value=Decimal(10**4),
            places=2,
            allow_nan=False,
            allow_infinity=False,
        ),
        "fraction": st.fractions(min_value=0, max_value=10**4, max_denominator=97),
        "float": st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False),
    }
    unknown = sorted(set(kinds) - set(options))
    if unknown or not kinds:
        raise ValueError(f"kinds={kinds!r}: expected some of {sorted(options)}")
    weight = st.one_of(*(options[k] for k in kinds))
    return st.lists(weight, min_size=min_size, max_size=max_size).filter(
        lambda ws: any(w > 0 for w in ws)
    )


def apportion_inputs(
    *,
    max_units: int = 8,
    max_total: int = 60,
    methods: tuple[str, ...] = APPORTION_METHODS,
    bounds: bool = False,
    keyed: bool = False,
    kinds: tuple[str, ...] = ("int", "small", "decimal", "fraction", "float"),
) -> st.SearchStrategy[dict[str, Any]]:
    """Feasible keyword arguments for :func:`~sportsgov.apportionment.apportion`.

    Draws ``{"total", "weights", "method", "floors", "caps"}``. Weights come from
    :func:`apportion_weights`; with ``bounds=True`` floors (ints) and caps (ints or
    ``None``, never below the floor) are drawn per unit, otherwise both are
    ``None``. ``total`` is drawn last, inside the feasible range (at least the
    floors, and one seat per positive weight for Huntington-Hill and Adams; at
    most what caps and zero weights allow), so ``apportion(**kwargs)`` never raises
    :class:`~sportsgov.errors.InfeasibleError`; it may raise
    :class:`~sportsgov.errors.TieError` unless you add ``ties="order"``. With
    ``keyed=True`` weights are a dict ``{"u0": ..., "u1": ...}`` and bounds are
    dicts over some of those keys.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.apportionment import apportion
    >>> from sportsgov.testing import apportion_inputs
    >>> @given(apportion_inputs(bounds=True))
    ... def test_sums(kwargs):
    ...     r = apportion(**kwargs, ties="order")
    ...     assert sum(r.seats) == kwargs["total"]
    >>> test_sums()
    """

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        weights = draw(apportion_weights(1, max_units, kinds=kinds))
        n = len(weights)
        method = draw(st.sampled_from(methods))
        floors: list[int] | None = None
        caps: list[int | None] | None = None
        if bounds:
            floors = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
            caps = [
                draw(st.none() | st.integers(fl, fl + 6)) if draw(st.booleans()) else None
                for fl in floors
            ]
        f = floors or [0] * n
        c = caps or [None] * n
        lower = 0
        upper: int | None = 0
        for w, fl, cp in zip(weights, f, c, strict=True):
            first = method in ("huntington-hill", "adams") and w > 0 and (cp is None or cp >= 1)
            lower += max(fl, 1) if first else fl
            if upper is not None:
                upper = None if (w > 0 and cp is None) else upper + (fl if w == 0 else cp or 0)
        high = lower + max_total if upper is None else min(upper, lower + max_total)
        total = draw(st.integers(lower, max(lower, high)))
        if not keyed:
            return {
                "total": total,
                "weights": weights,
                "method": method,
                "floors": floors,
                "caps": caps,
            }
        keys = [f"u{i}" for i in range(n)]
        kf = None if floors is None else {k: v for k, v in zip(keys, floors, strict=True) if v}
        kc = (
            None
            if caps is None
            else {k: v for k, v in zip(keys, caps, strict=True) if v is not None}
        )
        return {
            "total": total,
            "weights": dict(zip(keys, weights, strict=True)),
            "method": method,
            "floors": kf,
            "caps": kc,
        }

    return build()


def apportionments(
    *, max_units: int = 8, max_total: int = 60, bounds: bool = True
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.apportionment.Apportionment` results (ties broken by order),
    keyed by ``"u0"``, ``"u1"`` ... or by position. Registered for ``from_type``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import apportionments
    >>> @given(apportionments())
    ... def test_total(r):
    ...     seats = r.seats.values() if isinstance(r.seats, dict) else r.seats
    ...     assert sum(seats) == r.total
    >>> test_total()
    """
    from sportsgov.apportionment import apportion

    def run(kwargs: dict[str, Any]) -> Any:
        return apportion(**kwargs, ties="order")

    return (
        st.booleans()
        .flatmap(
            lambda keyed: apportion_inputs(
                max_units=max_units, max_total=max_total, bounds=bounds, keyed=keyed
            )
        )
        .map(run)
    )


# --- end apportion ---
# --- regions-facilities-indicators ---
_TIER_LEVELS = {
    2: ("city",),
    3: ("district", "county"),
    4: ("street", "township"),
    5: ("community", "village"),
}


@st.composite
def _region_tree(draw: Any, max_regions: int, shuffle: bool) -> Any:
    from sportsgov.regions import Region, RegionTree

    n = draw(st.integers(1, max_regions))
    tiers = [2]
    parents: list[int | None] = [None]
    for i in range(1, n):
        candidates = [j for j in range(i) if tiers[j] < 5]
        p = draw(st.sampled_from(candidates))
        parents.append(p)
        tiers.append(tiers[p] + 1)
    regions = [
        Region(
            f"R{i}",
            f"Region {i}",
            draw(st.sampled_from(_TIER_LEVELS[tiers[i]])),
            None if parents[i] is None else f"R{parents[i]}",
            settlement=draw(st.sampled_from(("urban", "rural", "mixed"))),
        )
        for i in range(n)
    ]
    if shuffle:
        regions = draw(st.permutations(regions))
    return RegionTree(regions)


def region_trees(max_regions: int = 20, *, shuffle: bool = True) -> st.SearchStrategy[Any]:
    """Valid :class:`~sportsgov.regions.RegionTree` s: one city root, districts,
    streets and communities below (codes ``R0``, ``R1`` … with ``R0`` the root),
    given in a random order when ``shuffle``.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(region_trees(max_regions=5))
    ... def test(tree):
    ...     assert tree.regions[0].code == "R0" and len(tree.roots()) == 1
    >>> test()
    """
    return _region_tree(max_regions, shuffle)


@st.composite
def _population_table(
    draw: Any, tree: Any, years: tuple[int, ...], max_population: int, parents: bool
) -> Any:
    from sportsgov.regions import PopulationTable

    if tree is None:
        tree = draw(region_trees(10))
    figures: dict[tuple[str, int], int] = {}
    for region in tree.leaves():
        for year in years:
            figures[(region.code, year)] = draw(st.integers(0, max_population))
    if parents:
        for region in tree.regions:
            if tree.children(region.code) and draw(st.booleans()):
                for year in years:
                    figures[(region.code, year)] = draw(st.integers(0, max_population))
    return PopulationTable(figures, tree=tree)


def population_tables(
    tree: Any = None,
    *,
    years: tuple[int, ...] = (2023, 2024),
    max_population: int = 2_000_000,
    parents: bool = False,
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.regions.PopulationTable` s with a figure for every leaf of
    ``tree`` (drawn if not given) in every year; with ``parents=True`` some parents
    also get their own (possibly inconsistent) figures.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(population_tables())
    ... def test(pop):
    ...     root = pop.tree.roots()[0].code
    ...     assert pop.get(root, 2024) >= 0
    >>> test()
    """
    return _population_table(tree, years, max_population, parents)


_KIND_SAMPLE = (
    "football_11",
    "football_7",
    "football_5",
    "basketball",
    "volleyball",
    "gym",
    "swimming_pool",
    "fitness_path",
    "trail",
    "greenway",
    "ice_rink",
)


@st.composite
def _facility_record(draw: Any, regions: tuple[str, ...], index: int) -> dict[str, Any]:
    import datetime as dt

    kind = draw(st.sampled_from(_KIND_SAMPLE))
    by_length = kind in ("trail", "greenway")
    area = draw(st.one_of(st.none(), st.floats(0, 1e5)) if by_length else st.floats(0, 1e5))
    length = draw(st.floats(1, 2e4)) if by_length else None
    opened = draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))))
    closed = None
    if draw(st.booleans()):
        start = opened or dt.date(1990, 1, 1)
        closed = draw(st.dates(start + dt.timedelta(days=1), dt.date(2035, 1, 1)))
    located = draw(st.booleans())
    return {
        "id": f"F{index}",
        "name": draw(st.sampled_from(("", "体育公园", "Stadium"))),
        "kind": kind,
        "region": draw(st.sampled_from(regions)),
        "area": area,
        "length": length,
        "lon": draw(st.floats(73, 135)) if located else None,
        "lat": draw(st.floats(18, 53)) if located else None,
        "datum": draw(st.sampled_from(("wgs84", "gcj02"))) if located else None,
        "opened": opened,
        "closed": closed,
        "public": draw(st.booleans()),
    }


@st.composite
def _facility_records(
    draw: Any, regions: tuple[str, ...] | None, min_size: int, max_size: int
) -> list[dict[str, Any]]:
    pool = regions or ("A", "B", "C")
    n = draw(st.integers(min_size, max_size))
    return [draw(_facility_record(tuple(pool), i)) for i in range(n)]


def facility_records(
    regions: tuple[str, ...] | None = None, *, min_size: int = 0, max_size: int = 20
) -> st.SearchStrategy[Any]:
    """Lists of valid facility records in the ``facilities.csv`` layout (unique
    ids ``F0``, ``F1`` …; trails and greenways measured by length, some without
    area; optional coordinates, dates and names), in regions drawn from ``regions``.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(facility_records(max_size=3))
    ... def test(records):
    ...     assert len({r["id"] for r in records}) == len(records)
    >>> test()
    """
    return _facility_records(regions, min_size, max_size)


@st.composite
def _inventory(draw: Any, tree: Any, min_size: int, max_size: int) -> Any:
    from sportsgov.facilities import Inventory

    regions = None if tree is None else tuple(tree.codes)
    records = draw(_facility_records(regions, min_size, max_size))
    return Inventory.from_records(records, tree=tree)


def inventories(
    tree: Any = None, *, min_size: int = 0, max_size: int = 20
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.facilities.Inventory` s built from :func:`facility_records`
    (in the regions of ``tree`` if given).

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(inventories(max_size=3))
    ... def test(inv):
    ...     assert len(inv) <= 3
    >>> test()
    """
    return _inventory(tree, min_size, max_size)


@st.composite
def _facility(draw: Any) -> Any:
    from sportsgov.facilities import _facility_from_record

    return _facility_from_record(draw(_facility_record(("A", "B"), draw(st.integers(0, 999)))))


def facilities() -> st.SearchStrategy[Any]:
    """Single valid :class:`~sportsgov.facilities.Facility` records.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(facilities())
    ... def test(f):
    ...     assert f.id.startswith("F")
    >>> test()
    """
    return _facility()


def locations(datums: tuple[str, ...] = ("wgs84", "gcj02")) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.facilities.Location` s inside mainland China's bounding box.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(locations())
    ... def test(loc):
    ...     assert 73 <= loc.lon <= 135 and loc.datum in ("wgs84", "gcj02")
    >>> test()
    """
    from sportsgov.facilities import Location

    return st.builds(Location, st.floats(73, 135), st.floats(18, 53), st.sampled_from(datums))


def facility_kinds() -> st.SearchStrategy[Any]:
    """Kinds of the bundled taxonomy (:class:`~sportsgov.facilities.FacilityKind`).

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(facility_kinds())
    ... def test(kind):
    ...     assert kind.measure in ("area", "length")
    >>> test()
    """
    from sportsgov.facilities import FacilityKinds

    return st.sampled_from(FacilityKinds.default().kinds)


@st.composite
def _indicator_value(draw: Any) -> Any:
    from sportsgov.indicators import ratio

    den = draw(st.integers(1, 10**9))
    num = draw(st.integers(0, 10**7))
    scale = draw(st.sampled_from((1, 1000, 10_000)))
    region = draw(st.sampled_from(("A", "B", "990102")))
    day = draw(st.dates())
    return ratio({region: num}, {region: den}, region=region, as_of=day, scale=scale)


def indicator_values() -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.indicators.IndicatorValue` s of generic ratios (exact parts).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from hypothesis import given
    >>> @given(indicator_values())
    ... def test(v):
    ...     assert v.exact() == Fraction(v.numerator * v.scale, v.denominator)
    >>> test()
    """
    return _indicator_value()


# --- end regions-facilities-indicators ---
# --- coverage ---
# Mainland China's extent, roughly (used by default so GCJ-02 offsets apply).
MAINLAND_CHINA_BOX = (73.5, 18.2, 134.8, 53.5)


def lonlats(
    box: tuple[float, float, float, float] = MAINLAND_CHINA_BOX,
) -> st.SearchStrategy[tuple[float, float]]:
    """(lon, lat) pairs [°] uniformly inside ``box`` = (lon_min, lat_min, lon_max, lat_max).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import lonlats
    >>> @given(lonlats())
    ... def test_inside(p):
    ...     assert 73.5 <= p[0] <= 134.8 and 18.2 <= p[1] <= 53.5
    >>> test_inside()
    """
    lon0, lat0, lon1, lat1 = box
    return st.tuples(
        st.floats(min_value=lon0, max_value=lon1, allow_nan=False, allow_infinity=False),
        st.floats(min_value=lat0, max_value=lat1, allow_nan=False, allow_infinity=False),
    )


def points(
    min_size: int = 1,
    max_size: int = 30,
    *,
    datum: str | None = "wgs84",
    weighted: bool = True,
    box: tuple[float, float, float, float] = MAINLAND_CHINA_BOX,
    spread: float | None = 0.05,
    max_weight: int = 10_000,
    ids: bool = False,
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.coverage.geo.Points` layers (registered for ``from_type``).

    Parameters
    ----------
    min_size, max_size : int
        Number of points.
    datum : str or None
        Datum of the layer; ``None`` draws one of ``wgs84``, ``gcj02``, ``bd09``.
    weighted : bool
        Draw integer populations in ``[0, max_weight]`` (at least one > 0).
    box : (lon_min, lat_min, lon_max, lat_max) [°]
        Where points (or cluster centres) lie; default mainland China.
    spread : float or None [°]
        If given, points cluster within ± ``spread`` degrees of a centre drawn in
        ``box`` (≈ 5 km at the default), so that km-scale radii cover some of them;
        ``None`` spreads points over the whole box.
    ids : bool
        Attach ids ``"p0"``, ``"p1"`` ...

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import points
    >>> @given(points(max_size=5))
    ... def test_layer(p):
    ...     assert 1 <= len(p) <= 5 and p.total_weight > 0
    >>> test_layer()
    """

    @st.composite
    def build(draw: Any) -> Any:
        from sportsgov.coverage.geo import Points

        n = draw(st.integers(min_value=min_size, max_value=max_size))
        if spread is None:
            coords = draw(st.lists(lonlats(box), min_size=n, max_size=n))
        else:
            cx, cy = draw(lonlats(box))
            offset = st.floats(
                min_value=-spread, max_value=spread, allow_nan=False, allow_infinity=False
            )
            deltas = draw(st.lists(st.tuples(offset, offset), min_size=n, max_size=n))
            coords = [
                (min(max(cx + dx, -180.0), 180.0), min(max(cy + dy, -90.0), 90.0))
                for dx, dy in deltas
            ]
        d = datum if datum is not None else draw(st.sampled_from(["wgs84", "gcj02", "bd09"]))
        weight = None
        if weighted:
            weight = draw(
                st.lists(
                    st.integers(min_value=0, max_value=max_weight), min_size=n, max_size=n
                ).filter(lambda ws: n == 0 or any(w > 0 for w in ws))
            )
        lon = [c[0] for c in coords]
        lat = [c[1] for c in coords]
        return Points(
            lon, lat, datum=d, weight=weight, id=[f"p{i}" for i in range(n)] if ids else None
        )

    return build()


def fitness_circles() -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.coverage.presets.FitnessCircle` walks of 1–30 min at 3–6 km/h.

    Registered for ``from_type``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import fitness_circles
    >>> @given(fitness_circles())
    ... def test_radius(c):
    ...     assert 50 <= c.radius <= 3000
    >>> test_radius()
    """
    from sportsgov.coverage.presets import FitnessCircle

    return st.builds(
        FitnessCircle,
        st.integers(min_value=1, max_value=30),
        st.just("walk"),
        st.floats(min_value=3.0, max_value=6.0, allow_nan=False, allow_infinity=False),
    )


def cost_tables(
    max_demand: int = 8,
    max_supply: int = 6,
    *,
    max_cost: float = 60.0,
    density: float = 0.5,
    unit: str | None = "minute",
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.coverage.fca.CostTable` of random reachable pairs.

    Registered for ``from_type``. Costs are finite floats in ``[0, max_cost]``
    (zeros included: co-located pairs); each (demand, supply) pair is present
    with probability about ``density``. Shapes are 1..``max_demand`` ×
    1..``max_supply``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import cost_tables
    >>> @given(cost_tables())
    ... def test_table(t):
    ...     assert t.nnz <= t.shape[0] * t.shape[1] and (t.cost >= 0).all()
    >>> test_table()
    """

    @st.composite
    def build(draw: Any) -> Any:
        import numpy as np

        from sportsgov.coverage.fca import CostTable

        m = draw(st.integers(min_value=1, max_value=max_demand))
        n = draw(st.integers(min_value=1, max_value=max_supply))
        keep = draw(
            st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=m * n, max_size=m * n)
        )
        cost = st.one_of(
            st.just(0.0),
            st.floats(min_value=0.0, max_value=max_cost, allow_nan=False, allow_infinity=False),
        )
        values = draw(st.lists(cost, min_size=m * n, max_size=m * n))
        mask = np.array(keep).reshape(m, n) < density
        i, j = np.nonzero(mask)
        return CostTable(i, j, np.array(values).reshape(m, n)[i, j], (m, n), unit)

    return build()


# --- end coverage ---
# --- talent ---
def tiers(max_tiers: int = 5) -> st.SearchStrategy[Any]:
    """Tuples of :class:`sportsgov.talent.Tier` with unique codes (1..``max_tiers``).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import tiers
    >>> @given(tiers())
    ... def test_codes_unique(ts):
    ...     assert len({t.code for t in ts}) == len(ts)
    >>> test_codes_unique()
    """
    from sportsgov.talent import Tier

    names = ["三线", "二线", "一线", "grassroots", "city", "province", "national", "club"]
    return st.lists(
        st.sampled_from(names), min_size=1, max_size=min(max_tiers, len(names)), unique=True
    ).map(lambda codes: tuple(Tier(c, line=i + 1) for i, c in enumerate(codes)))


def pipeline_models(
    max_tiers: int = 5, *, denominator: int = 20, min_attrition: int = 1
) -> st.SearchStrategy[Any]:
    """Valid :class:`sportsgov.talent.PipelineModel` instances.

    Rates are multiples of ``1/denominator``; every tier loses at least
    ``min_attrition/denominator`` a year (so ``I - P`` is invertible and
    :meth:`~sportsgov.talent.PipelineModel.required_intake` has a closed form).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import pipeline_models
    >>> @given(pipeline_models())
    ... def test_rows(m):
    ...     assert all(sum(r) + a == 1 for r, a in zip(m.transitions, m.attrition))
    >>> test_rows()
    """
    from fractions import Fraction

    from sportsgov.talent import PipelineModel

    room = denominator - min_attrition

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        ts = draw(tiers(max_tiers))
        k = len(ts)
        rows = []
        for _ in range(k):
            cuts = sorted(draw(st.lists(st.integers(0, room), min_size=k, max_size=k)))
            parts = [b - a for a, b in zip([0, *cuts[:-1]], cuts, strict=True)]
            rows.append([Fraction(x, denominator) for x in parts])
        return PipelineModel(ts, rows)

    return build()


def medal_tables(max_units: int = 8, *, shared: bool = False) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.MedalTable` with 0..``max_units`` units.

    With ``shared=True`` counts may be halves (0.5/0.5 shared credit).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import medal_tables
    >>> @given(medal_tables())
    ... def test_ranks_start_at_one(t):
    ...     assert not t.entries or t.ranking()[0].rank == 1
    >>> test_ranks_start_at_one()
    """
    from fractions import Fraction

    from sportsgov.talent import Medals, MedalTable

    step = Fraction(1, 2) if shared else Fraction(1)
    count = st.integers(0, 12).map(lambda n: n * step)
    medals = st.builds(Medals, count, count, count)
    units = st.text("ABCDEFGH甲乙丙丁", min_size=1, max_size=3)
    return st.dictionaries(units, medals, max_size=max_units).map(MedalTable)


def games_results(units: tuple[str, ...] = ("A", "B", "C", "D")) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.GamesResult` with valid shares (some shared 双计分).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import games_results
    >>> @given(games_results())
    ... def test_shares(r):
    ...     assert sum(r.units.values()) == 1
    >>> test_shares()
    """
    from fractions import Fraction

    from sportsgov.talent import GamesResult

    @st.composite
    def shares(draw: st.DrawFn) -> dict[str, Fraction]:
        chosen = draw(st.lists(st.sampled_from(units), min_size=1, max_size=3, unique=True))
        weights = draw(st.lists(st.integers(1, 4), min_size=len(chosen), max_size=len(chosen)))
        total = sum(weights)
        return {u: Fraction(w, total) for u, w in zip(chosen, weights, strict=True)}

    return st.builds(
        GamesResult,
        event=st.sampled_from(["100m", "4x100m relay", "karate -55kg", "basketball"]),
        place=st.integers(1, 12),
        units=shares(),
        kind=st.sampled_from(["individual", "relay", "team"]),
        level=st.sampled_from(["games", "games", "olympic"]),
        trained_by=st.none() | shares(),
    )


def games_points() -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.GamesPoints` rule sets (tables, multipliers, extra credit).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import games_points
    >>> @given(games_points())
    ... def test_first_place_scores(g):
    ...     assert g.points_for(1) >= 0
    >>> test_first_place_scores()
    """
    from sportsgov.talent import ExtraCredit, GamesPoints

    table = st.lists(st.integers(0, 20), min_size=1, max_size=10).map(
        lambda xs: sorted(xs, reverse=True)
    )
    mult = st.fixed_dictionaries(
        {}, optional={"relay": st.integers(1, 3), "team": st.integers(1, 3)}
    )
    extra = st.lists(st.builds(ExtraCredit, st.just("olympic"), st.integers(1, 3)), max_size=1)
    return st.builds(
        GamesPoints, table, multipliers=mult, extra=extra, delivery_share=st.sampled_from([0, 1])
    )


# --- end talent ---
# --- budget ---
def factor_problems(
    *,
    max_units: int = 5,
    max_factors: int = 3,
    max_total_fen: int = 10**9,
    bounds: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Inputs for :func:`sportsgov.budget.factor_allocation` as a dict of keyword arguments.

    ``{"total", "measures", "weights"}`` (plus ``"floors"`` and ``"caps"`` when
    ``bounds=True``; bounds are drawn freely, so some problems are infeasible).
    Weights are exact fractions summing to 1; every factor with a positive weight
    has a positive total measure. Units are ``"u0"``, ``"u1"``...; measures mix
    ints and Fractions.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.budget import factor_allocation
    >>> from sportsgov.testing import factor_problems
    >>> @given(factor_problems())
    ... def test_sum(p):
    ...     assert sum(factor_allocation(**p).amounts.values()) == p["total"]
    >>> test_sum()
    """
    from fractions import Fraction

    from sportsgov.money import Money

    @st.composite
    def build(draw: Any) -> dict[str, Any]:
        n = draw(st.integers(1, max_units))
        k = draw(st.integers(1, max_factors))
        units = [f"u{i}" for i in range(n)]
        factors = [f"f{j}" for j in range(k)]
        raw = draw(st.lists(st.integers(0, 20), min_size=k, max_size=k).filter(any))
        weights = {f: Fraction(r, sum(raw)) for f, r in zip(factors, raw, strict=True)}
        measure = st.one_of(st.integers(0, 10**6), st.fractions(0, 1000, max_denominator=50))
        measures = {u: {f: draw(measure) for f in factors} for u in units}
        for f in factors:
            if weights[f] and not any(measures[u][f] for u in units):
                measures[units[0]][f] = 1
        total = Money(draw(st.integers(0, max_total_fen)))
        problem: dict[str, Any] = {"total": total, "measures": measures, "weights": weights}
        if bounds:
            cap_fen = max_total_fen
            floors = {
                u: Money(draw(st.integers(0, total.fen // max(1, n - 1))))
                for u in units
                if draw(st.booleans())
            }
            caps = {
                u: Money(draw(st.integers(floors[u].fen if u in floors else 0, cap_fen)))
                for u in units
                if draw(st.booleans())
            }
            problem["floors"] = floors
            problem["caps"] = caps
        return problem

    return build()


def funding_models() -> st.SearchStrategy[Any]:
    """:class:`sportsgov.budget.FundingModel` of all four kinds (registered for ``from_type``).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import funding_models
    >>> @given(funding_models())
    ... def test_public_cost_not_above_cost(m):
    ...     assert m.cost is None or m.public_cost <= m.cost or m.kind == "market_operated"
    >>> test_public_cost_not_above_cost()
    """
    from fractions import Fraction

    from sportsgov.budget import FundingModel
    from sportsgov.money import Money

    cost = st.integers(0, 10**9).map(Money)
    return st.one_of(
        cost.map(FundingModel.government_hosted),
        cost.map(FundingModel.purchased_service),
        st.builds(
            lambda c, r, cap: FundingModel.partial_subsidy(c, r, cap=cap),
            cost,
            st.fractions(Fraction(1, 100), 1, max_denominator=100),
            st.none() | cost,
        ),
        st.just(FundingModel.market_operated()),
    )


def subsidy_programs(
    *, kinds: tuple[str, ...] = ("ski_ticket", "coaching", "training", "event")
) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.budget.SubsidyProgram` over the year 2024 with small caps and
    budgets, so that caps and the budget bind often (registered for ``from_type``).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import subsidy_programs
    >>> @given(subsidy_programs())
    ... def test_budget_positive(p):
    ...     assert p.budget.fen > 0
    >>> test_budget_positive()
    """
    from fractions import Fraction

    from sportsgov.budget import SubsidyProgram
    from sportsgov.money import Money
    from sportsgov.periods import Period

    rate = st.fractions(Fraction(1, 100), 1, max_denominator=100)
    cap = st.none() | st.integers(0, 50_000).map(Money)

    @st.composite
    def build(draw: Any) -> Any:
        chosen = draw(st.lists(st.sampled_from(kinds), min_size=1, unique=True))
        rates: Any = {k: draw(rate) for k in chosen} if draw(st.booleans()) else draw(rate)
        return SubsidyProgram(
            "test program",
            chosen,
            rates,
            draw(cap),
            draw(cap),
            Money(draw(st.integers(1, 500_000))),
            Period.year(2024),
        )

    return build()


def subsidy_claims(
    *,
    kinds: tuple[str, ...] = ("ski_ticket", "coaching", "training", "event", "lift"),
    people: int = 4,
    max_size: int = 40,
) -> st.SearchStrategy[list[tuple[str, str, str, Any, Any]]]:
    """Lists of claims ``(claim_id, person, kind, amount, on)`` for a
    :class:`~sportsgov.budget.SubsidyLedger`: some ids repeat, some kinds are not
    covered and some dates fall outside 2024, so every path is exercised.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import subsidy_claims
    >>> @given(subsidy_claims())
    ... def test_shape(claims):
    ...     assert all(len(c) == 5 for c in claims)
    >>> test_shape()
    """
    import datetime as dt

    from sportsgov.money import Money

    claim = st.tuples(
        st.integers(0, max_size).map(lambda i: f"c{i}"),
        st.integers(0, people - 1).map(lambda i: f"p{i}"),
        st.sampled_from(kinds),
        st.integers(0, 100_000).map(Money),
        st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31)),
    )
    return st.lists(claim, max_size=max_size)


# --- end budget ---
# --- plans-assessment ---
def targets(
    *,
    indicators: Any = None,
    comparators: Any = None,
    scopes: Any = None,
    year: int | None = None,
) -> st.SearchStrategy[Any]:
    """Valid :class:`sportsgov.plans.Target` s (exact Decimal values in the indicator unit).

    ``indicators``/``comparators``/``scopes`` restrict the choices (sequences);
    ``year`` fixes the period to that calendar year.
    """
    from decimal import Decimal

    from sportsgov.periods import Period
    from sportsgov.plans import COMPARATORS, INDICATORS, Target

    names = sorted(indicators or INDICATORS)
    comps = list(comparators or COMPARATORS)
    scope_choices = list(scopes or ["city", "each district"])
    values = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("100000"), places=2)
    period = (
        st.just(Period.year(year))
        if year is not None
        else st.integers(2019, 2035).map(Period.year)
    )

    @st.composite
    def build(draw: Any) -> Any:
        comparator = draw(st.sampled_from(comps))
        value = draw(values)
        upper = None
        if comparator == "between":
            extra = st.decimals(min_value=Decimal(0), max_value=Decimal(1000), places=2)
            upper = value + draw(extra)
        return Target(
            id=draw(st.integers(0, 999).map(lambda i: f"t-{i}")),
            indicator=draw(st.sampled_from(names)),
            comparator=comparator,
            value=value,
            upper=upper,
            period=draw(period),
            scope=draw(st.sampled_from(scope_choices)),
            lead=draw(st.sampled_from(["市体育局", "区体育局", "市教育局"])),
        )

    return build()


def plans_(*, max_targets: int = 8, year: int | None = None) -> st.SearchStrategy[Any]:
    """Valid :class:`sportsgov.plans.Plan` s with unique target ids within one period."""
    from sportsgov.periods import Period
    from sportsgov.plans import Plan

    @st.composite
    def build(draw: Any) -> Any:
        y = year if year is not None else draw(st.integers(2019, 2035))
        ts = draw(st.lists(targets(year=y), max_size=max_targets, unique_by=lambda t: t.id))
        return Plan(name=f"plan-{y}", issuer="市体育局", period=Period.year(y), targets=ts)

    return build()


def observations_for(plan: Any, regions: Any, *, as_of: Any) -> st.SearchStrategy[Any]:
    """Lists of :class:`sportsgov.assessment.Observation` for ``plan``'s targets in ``regions``.

    At most one observation per target × region (no duplicates), dated ``as_of``;
    values from 0 to twice the target.
    """
    from decimal import Decimal

    from sportsgov.assessment import Observation

    keys = [
        (t, r) for t in plan.targets for r in (regions if t.scope == "each district" else ["city"])
    ]

    @st.composite
    def build(draw: Any) -> Any:
        chosen = []
        if keys:
            chosen = draw(st.lists(st.sampled_from(keys), unique_by=lambda k: (k[0].id, k[1])))
        out = []
        for t, r in chosen:
            v = draw(st.decimals(min_value=Decimal(0), max_value=t.value * 2 + 1, places=2))
            out.append(Observation(t.id, r, v, as_of))
        return out

    return build()


# --- end plans-assessment ---


def _register_strategies() -> None:
    """Register strategies with hypothesis (through :func:`_hypothesis_setup_hook`).

    Each registration line is owned by an area; running it twice is harmless
    (a later registration replaces the earlier one).
    """
    # --- register ---
    # regions-facilities-indicators
    from sportsgov import facilities as _fac  # regions-facilities-indicators
    from sportsgov import regions as _reg  # regions-facilities-indicators

    st.register_type_strategy(_reg.RegionTree, region_trees())  # regions-facilities-indicators
    st.register_type_strategy(_reg.PopulationTable, population_tables())  # regions-facilities-...
    st.register_type_strategy(_fac.Facility, facilities())  # regions-facilities-indicators
    st.register_type_strategy(_fac.Inventory, inventories())  # regions-facilities-indicators
    st.register_type_strategy(_fac.Location, locations())  # regions-facilities-indicators
    st.register_type_strategy(_fac.FacilityKind, facility_kinds())  # regions-facilities-...
    from sportsgov import indicators as _ind  # regions-facilities-indicators

    st.register_type_strategy(_ind.IndicatorValue, indicator_values())  # regions-facilities-...
    # talent
    from sportsgov import talent as _talent  # talent

    st.register_type_strategy(_talent.PipelineModel, pipeline_models())  # talent
    st.register_type_strategy(_talent.MedalTable, medal_tables())  # talent
    st.register_type_strategy(_talent.GamesResult, games_results())  # talent
    st.register_type_strategy(_talent.GamesPoints, games_points())  # talent
    # money
    from sportsgov.money import Money as _Money  # money

    st.register_type_strategy(_Money, money())  # money
    # periods
    from sportsgov.periods import Period as _Period  # periods

    st.register_type_strategy(_Period, periods())  # periods
    # budget
    from sportsgov import budget as _budget  # budget

    st.register_type_strategy(_budget.FundingModel, funding_models())  # budget
    st.register_type_strategy(_budget.SubsidyProgram, subsidy_programs())  # budget
    # coverage
    from sportsgov.coverage.geo import Points as _Points  # coverage
    from sportsgov.coverage.presets import FitnessCircle as _FitnessCircle  # coverage

    st.register_type_strategy(_Points, points())  # coverage
    st.register_type_strategy(_FitnessCircle, fitness_circles())  # coverage
    from sportsgov.coverage.fca import CostTable as _CostTable  # coverage (fca)

    st.register_type_strategy(_CostTable, cost_tables())  # coverage (fca)
    # apportion
    from sportsgov.apportionment import Apportionment as _Apportionment  # apportion

    st.register_type_strategy(_Apportionment, apportionments())  # apportion
    # plans-assessment
    from sportsgov import plans as _plans  # plans-assessment

    st.register_type_strategy(_plans.Target, targets())  # plans-assessment
    st.register_type_strategy(_plans.Plan, plans_())  # plans-assessment
    # --- end register ---


_IMPORTED = True
if _PENDING:
    _register_strategies()

__all__ = sorted(  # every public strategy function defined above
    name
    for name, value in list(globals().items())
    if not name.startswith("_")
    and callable(value)
    and getattr(value, "__module__", None) == __name__
)
