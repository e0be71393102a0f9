"""Strategies for the models: region trees, population, facilities, inventories, indicators."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sportsgov.errors import InvalidInputError
from sportsgov.testing._compat import renamed

__all__ = [
    "facilities",
    "facility_kinds",
    "facility_records",
    "indicator_values",
    "inventories",
    "locations",
    "population_tables",
    "region_trees",
]


_TIER_LEVELS = {
    2: ("city",),
    3: ("district", "county"),
    4: ("street", "township"),
    5: ("community", "village"),
}


@st.composite
def _region_tree(draw: Any, min_size: int, max_size: int, shuffle: bool) -> Any:
    from sportsgov.regions import Region, RegionTree

    n = draw(st.integers(min_size, max_size))
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


def region_trees(
    *,
    min_size: int = 1,
    max_size: int = 20,
    shuffle: bool = True,
    max_regions: int | None = None,
) -> st.SearchStrategy[Any]:
    """Valid :class:`~sportsgov.regions.RegionTree` s: one city root, districts,
    streets and communities below (codes ``R0``, ``R1`` … with ``R0`` the root),
    given in a random order when ``shuffle``.

    Parameters
    ----------
    min_size, max_size : int
        Number of regions (root included), at least 1. ``max_regions`` is the
        deprecated old name of ``max_size``.

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(region_trees(max_size=5))
    ... def test(tree):
    ...     assert tree.regions[0].code == "R0" and len(tree.roots()) == 1
    >>> test()
    """
    high = renamed("region_trees", "max_regions", max_regions, "max_size", max_size)
    if min_size < 1 or high < min_size:
        raise InvalidInputError.bad("min_size", min_size, f"must be >= 1 and <= max_size={high}")
    return _region_tree(min_size, high, shuffle)


@st.composite
def _population_table(
    draw: Any, tree: Any, years: tuple[int, ...], max_population: int, parents: bool
) -> Any:
    from sportsgov.regions import PopulationTable

    if tree is None:
        tree = draw(region_trees(max_size=10))
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
    from sportsgov.facilities import Inventory

    # Through the public constructor: a one-record inventory validates the record.
    return Inventory.from_records([draw(_facility_record(("A", "B"), draw(st.integers(0, 999))))])[
        0
    ]


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
