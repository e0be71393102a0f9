"""Strategies for coverage: coordinates, point layers, fitness circles, cost tables."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

__all__ = [
    "MAINLAND_CHINA_BOX",
    "cost_tables",
    "fitness_circles",
    "lonlats",
    "points",
]


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
