"""Strategies for the foundation: quantities, money, dates and periods, apportionment inputs."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sportsgov.testing._compat import renamed

__all__ = [
    "APPORTION_METHODS",
    "apportion_inputs",
    "apportion_weights",
    "apportionments",
    "dates",
    "money",
    "money_weights",
    "periods",
    "quantities",
]


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


def money(
    min_value: Any = -(10**12),
    max_value: Any = 10**12,
    *,
    min_fen: int | None = None,
    max_fen: int | None = None,
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.money.Money` amounts from ``min_value`` to ``max_value``.

    Registered for ``st.from_type(Money)`` (default bounds: ±100 亿元).

    Parameters
    ----------
    min_value, max_value : int [fen] or Money
        Bounds, included. ``min_fen`` / ``max_fen`` are the deprecated old names.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import money
    >>> @given(money(min_value=0, max_value=10_000))
    ... def test_range(m):
    ...     assert 0 <= m.fen <= 10_000
    >>> test_range()
    """
    from sportsgov.money import Money

    low = renamed("money", "min_fen", min_fen, "min_value", getattr(min_value, "fen", min_value))
    high = renamed("money", "max_fen", max_fen, "max_value", getattr(max_value, "fen", max_value))
    return st.integers(min_value=low, max_value=high).map(Money)


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
    max_size: int = 8,
    max_total: int = 60,
    methods: tuple[str, ...] = APPORTION_METHODS,
    bounds: bool = False,
    keyed: bool = False,
    kinds: tuple[str, ...] = ("int", "small", "decimal", "fraction", "float"),
    max_units: int | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Feasible keyword arguments for :func:`~sportsgov.apportionment.apportion`.

    At most ``max_size`` units (``max_units`` is the deprecated old name).

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

    size = renamed("apportion_inputs", "max_units", max_units, "max_size", max_size)

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        weights = draw(apportion_weights(1, size, kinds=kinds))
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
    *,
    max_size: int = 8,
    max_total: int = 60,
    bounds: bool = True,
    max_units: int | None = None,
) -> st.SearchStrategy[Any]:
    """:class:`~sportsgov.apportionment.Apportionment` results (ties broken by order),
    keyed by ``"u0"``, ``"u1"`` ... or by position, for at most ``max_size`` units
    (``max_units`` is the deprecated old name). Registered for ``from_type``.

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

    size = renamed("apportionments", "max_units", max_units, "max_size", max_size)

    def run(kwargs: dict[str, Any]) -> Any:
        return apportion(**kwargs, ties="order")

    return (
        st.booleans()
        .flatmap(
            lambda keyed: apportion_inputs(
                max_size=size, max_total=max_total, bounds=bounds, keyed=keyed
            )
        )
        .map(run)
    )
