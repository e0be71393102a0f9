"""Apportionment (名额分配): share a whole number of seats in proportion to weights.

:func:`apportion` divides ``total`` indivisible things -- seats, training places,
new pitches, reserve-athlete quotas (后备人才名额) -- among units in proportion
to their weights (population, enrolment, a factor score), with optional per-unit
floors (保底) and caps (封顶), exactly: weights are converted to exact rationals
(floats through :class:`fractions.Fraction`, so ``0.1`` means the binary double
it really is) and every comparison that decides a seat is made in integers.

Methods (canonical name first, accepted aliases after):

- ``hamilton``: largest remainder of the Hare quota (最大余数法); aliases
  ``largest-remainder``, ``hare``, ``hare-niemeyer``.
- ``jefferson``: divisor method rounding down (D'Hondt); aliases ``dhondt``,
  ``d'hondt``.
- ``webster``: divisor method rounding half up (Sainte-Laguë); alias
  ``sainte-lague``.
- ``huntington-hill``: divisor method with geometric-mean rounding (US House).
- ``adams``: divisor method rounding up.

Divisor methods find a divisor ``d`` with ``seats = clamp(round(w / d), floor,
cap)`` summing to ``total``; they are computed by a divisor search over numpy
arrays (not seat by seat), so 100,000 units and 10,000,000 seats take a fraction
of a second, and the seats at the boundary are verified with exact integer
arithmetic. Ties that decide a seat raise :class:`~sportsgov.errors.TieError`
unless ``ties="order"`` is given, in which case the earlier unit in input order
wins and the result lists the tied units in :attr:`Apportionment.tied`.

Size: about 1,150 lines, on purpose: five methods share one exact rounding core,
the bounds rules, the tie detection and the fast divisor search with its exact
verification; split into modules they would only import each other's helpers.

Examples
--------
>>> from sportsgov.apportionment import apportion
>>> apportion(10, {"A": 5, "B": 3, "C": 2}).seats
{'A': 5, 'B': 3, 'C': 2}
>>> r = apportion(8, [100_000, 80_000, 30_000, 20_000], method="dhondt")
>>> r.seats
[4, 3, 1, 0]
>>> r.divisor  # any d in (20000, 25000) gives floor(votes / d) = seats
Fraction(22000, 1)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Generic, Literal, TypeAlias, TypeVar, cast, overload

import numpy as np
import numpy.typing as npt
from attrs import cmp_using, field, frozen

from sportsgov._exact import Reason, to_fraction
from sportsgov.errors import InfeasibleError, InvalidInputError, TieError, format_value

__all__ = [
    "METHODS",
    "Apportionment",
    "Method",
    "TiePolicy",
    "apportion",
]

Method: TypeAlias = Literal[
    "hamilton",
    "jefferson",
    "webster",
    "huntington-hill",
    "adams",
    "largest-remainder",
    "hare",
    "hare-niemeyer",
    "dhondt",
    "d'hondt",
    "sainte-lague",
]
"""Accepted method names (canonical names and aliases)."""

TiePolicy: TypeAlias = Literal["error", "order"]
"""``"error"``: raise :class:`~sportsgov.errors.TieError`; ``"order"``: earlier unit wins."""

METHODS: dict[str, str] = {
    "hamilton": "hamilton",
    "largest-remainder": "hamilton",
    "hare": "hamilton",
    "hare-niemeyer": "hamilton",
    "jefferson": "jefferson",
    "dhondt": "jefferson",
    "d'hondt": "jefferson",
    "webster": "webster",
    "sainte-lague": "webster",
    "sainte-laguë": "webster",
    "huntington-hill": "huntington-hill",
    "adams": "adams",
}
"""Every accepted method name (lower case) mapped to its canonical name."""

_CANONICAL = ("hamilton", "jefferson", "webster", "huntington-hill", "adams")

K = TypeVar("K", bound=Hashable)
SeatsT = TypeVar("SeatsT", bound="dict[Any, int] | list[int]")
QuotasT = TypeVar("QuotasT", bound="dict[Any, Fraction] | list[Fraction]")

WeightLike: TypeAlias = int | float | Decimal | Fraction | np.integer[Any] | np.floating[Any]
IntArray: TypeAlias = npt.NDArray[Any]  # int64 or object (Python ints) 1-D array

_I64_SAFE = 2**62
_REL_TOL = 1e-9  # float priorities within this relative distance are compared exactly
_SETTLE_BATCH = 8  # the float search stops this many seats from the total at most


class _LazyQuotas:
    """Standard quotas ``w * total / sum(w)`` waiting to be built as fractions."""

    __slots__ = ("keys", "total", "weights")

    def __init__(self, weights: IntArray, total: int, keys: list[Any] | None) -> None:
        self.weights = weights
        self.total = total
        self.keys = keys

    def build(self) -> dict[Any, Fraction] | list[Fraction]:
        values = _standard_quotas(self.weights, self.total)
        return values if self.keys is None else dict(zip(self.keys, values, strict=True))

    def __reduce__(self) -> tuple[Any, ...]:  # pickle the built value, not the recipe
        return (_identity, (self.build(),))


def _identity(x: Any) -> Any:
    return x


def _same_quotas(a: Any, b: Any) -> bool:
    a = a.build() if isinstance(a, _LazyQuotas) else a
    b = b.build() if isinstance(b, _LazyQuotas) else b
    return bool(a == b)


@frozen(eq=True, unsafe_hash=False, repr=False)
class Apportionment(Generic[SeatsT, QuotasT]):
    """The result of :func:`apportion`: seats per unit and what explains them.

    ``seats`` and ``quotas`` have the shape of the input: a ``dict`` keyed like a
    mapping of weights (in its order), or a ``list`` in the order of a sequence
    of weights. Both are fresh containers owned by this result.

    Attributes
    ----------
    seats : dict or list of int
        Seats per unit; they sum to ``total``.
    quotas : dict or list of Fraction
        Exact standard quotas ``total * w / sum(w)`` (the seats each unit would
        get if seats were divisible), computed once over all units.
    method : str
        Canonical method name (``"hamilton"``, ``"jefferson"``, ``"webster"``,
        ``"huntington-hill"``, ``"adams"``).
    total : int
        Number of seats apportioned.
    tied : tuple
        Keys (or indices) of the units that were tied for the last seat(s) and
        separated by ``ties="order"``; empty when no tie decided anything.
    divisor : Fraction or None
        Divisor methods: a divisor ``d`` (in weight units per seat) that
        reproduces the result, ``seats = clamp(round(w / d), floor, cap)``; the
        roundest such number (fewest significant digits, near the middle of the
        admissible range) is reported. At a tie it is the tie value itself.
        ``None`` for Hamilton and when no divisor is determined.
    notes : tuple of str
        Plain-language notes on how the result was reached (bounds that bound,
        ties broken, fallbacks taken).

    Examples
    --------
    >>> r = apportion(5, {"east": 3, "west": 2, "north": 1}, method="webster")
    >>> r.seats
    {'east': 2, 'west': 2, 'north': 1}
    >>> r.quotas["east"]
    Fraction(5, 2)
    >>> r.method, r.total, r.divisor
    ('webster', 5, Fraction(13, 10))
    """

    seats: SeatsT
    _quotas: Any = field(
        alias="quotas", repr=False, eq=cmp_using(eq=_same_quotas, require_same_type=False)
    )
    method: str = field(kw_only=True)
    total: int = field(kw_only=True)
    tied: tuple[Any, ...] = field(default=(), kw_only=True)
    divisor: Fraction | None = field(default=None, kw_only=True)
    notes: tuple[str, ...] = field(default=(), kw_only=True)

    @property
    def quotas(self) -> QuotasT:
        """Exact standard quotas (``Fraction``), shaped like :attr:`seats`.

        Built on first access (a large apportionment need not pay for 100,000
        fractions it never reads).
        """
        q = self._quotas
        if isinstance(q, _LazyQuotas):
            q = q.build()
            object.__setattr__(self, "_quotas", q)
        return cast(QuotasT, q)

    def to_frame(self) -> Any:
        """Seats and exact quotas as a pandas DataFrame ``unit, seats, quota``.

        ``quota`` is the exact standard quota (``Fraction``); ``unit`` the key (or
        position for a list). Needs the ``pandas`` extra.

        Examples
        --------
        >>> apportion(10, {"A": 5, "B": 3, "C": 2}, method="dhondt").to_frame()["seats"].tolist()
        [5, 3, 2]
        """
        from sportsgov._common.frames import pandas

        pd = pandas("Apportionment.to_frame")
        seats: Any = self.seats
        quotas: Any = self.quotas
        if isinstance(seats, dict):
            units = list(seats)
            rows = [[u, seats[u], quotas[u]] for u in units]
        else:
            rows = [[i, s, quotas[i]] for i, s in enumerate(seats)]
        return pd.DataFrame(rows, columns=["unit", "seats", "quota"])

    def _seat_items(self) -> Any:
        seats: Any = self.seats
        return seats.items() if isinstance(seats, dict) else enumerate(seats)

    def __repr__(self) -> str:
        """Short: method, total, divisor, ties and the first seats, never every unit.

        Examples
        --------
        >>> apportion(5, {"east": 3, "west": 2, "north": 1}, method="webster")
        Apportionment(method='webster', total=5, divisor=Fraction(13, 10), tied=(), seats=[east: 2, west: 2, north: 1])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        return text_repr(
            "Apportionment",
            [
                ("method", self.method),
                ("total", self.total),
                ("divisor", self.divisor),
                ("tied", self.tied),
            ],
            (f"{u}: {n}" for u, n in self._seat_items()),
            count=len(self.seats),
            label="seats",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first units and their seats (quotas stay unbuilt)."""
        from sportsgov._common.display import html_table

        return html_table(
            f"Apportionment of {self.total:,} seats by {self.method} among "
            f"{len(self.seats):,} units",
            ["unit", "seats"],
            self._seat_items(),
            count=len(self.seats),
        )


# ---------------------------------------------------------------------------- public


@overload
def apportion(
    total: int | np.integer[Any],
    weights: Mapping[K, WeightLike],
    *,
    method: Method | str = "hamilton",
    floors: int | Mapping[K, int] | None = None,
    caps: int | Mapping[K, int | None] | None = None,
    ties: TiePolicy = "error",
) -> Apportionment[dict[K, int], dict[K, Fraction]]: ...


@overload
def apportion(
    total: int | np.integer[Any],
    weights: Sequence[WeightLike] | npt.NDArray[Any],
    *,
    method: Method | str = "hamilton",
    floors: int | Sequence[int] | npt.NDArray[Any] | None = None,
    caps: int | Sequence[int | None] | npt.NDArray[Any] | None = None,
    ties: TiePolicy = "error",
) -> Apportionment[list[int], list[Fraction]]: ...


def apportion(
    total: int | np.integer[Any],
    weights: Any,
    *,
    method: Method | str = "hamilton",
    floors: Any = None,
    caps: Any = None,
    ties: TiePolicy = "error",
) -> Apportionment[Any, Any]:
    """Apportion ``total`` seats among units in proportion to ``weights``.

    Parameters
    ----------
    total : int
        Seats (places, quotas) to distribute; ``>= 0``.
    weights : mapping or sequence of numbers
        One non-negative weight per unit (population, votes, enrolment ...):
        ``int``, ``Decimal``, ``Fraction`` or ``float`` (converted exactly), or
        a 1-D numpy array. A mapping gives a result keyed the same (in the same
        order); a sequence gives a result in the same order.
    method : str
        ``"hamilton"`` (default; largest remainder, Hare-Niemeyer),
        ``"jefferson"`` (= ``"dhondt"``), ``"webster"`` (= ``"sainte-lague"``),
        ``"huntington-hill"`` or ``"adams"``. Case and ``_``/space are ignored.
    floors : int, mapping or sequence, optional
        Minimum seats per unit (one int for every unit, or per unit; missing
        keys mean 0).
    caps : int, mapping or sequence, optional
        Maximum seats per unit (``None`` entries mean no cap).
    ties : {"error", "order"}
        What to do when units are exactly tied for the last seat(s):
        ``"error"`` raises :class:`~sportsgov.errors.TieError` naming them,
        ``"order"`` gives the seat(s) to the earlier unit(s) in input order and
        reports them in :attr:`Apportionment.tied`.

    Returns
    -------
    Apportionment
        ``.seats`` (summing to ``total``), exact ``.quotas``, ``.method``,
        ``.tied``, ``.divisor`` and ``.notes``.

    Raises
    ------
    InvalidInputError
        Negative or non-finite weights, a negative or non-integer total, a total
        above 10**12 seats (``MAX_TOTAL``), an
        unknown method (the message lists the allowed names), floors above caps,
        floor/cap keys that are not units, lengths that do not match.
    InfeasibleError
        Floors sum to more than ``total``, caps (and zero weights, which take no
        seats beyond their floors) leave room for fewer than ``total``, or
        Huntington-Hill/Adams get fewer seats than units with positive weight.
    TieError
        A tie decides a seat and ``ties="error"``.

    Notes
    -----
    *Hamilton with bounds* follows the historical rule: standard quotas are
    computed once over all units; a unit whose quota is below its floor (above
    its cap) is fixed there; the other units keep their original quotas, take
    their whole parts, and the seats left go by largest remainder. If the whole
    parts alone exceed the seats left (or more seats are left than units can
    take), quotas are re-computed over the unfixed units until no bound is
    violated (the bounded quota), and a note says so.

    *Divisor methods* apply bounds inside the rounding: ``seats = clamp(round(w /
    d), floor, cap)``. Huntington-Hill and Adams give every unit with positive
    weight at least one seat. A unit with weight 0 gets its floor and nothing
    more.

    Examples
    --------
    The 1880 US census and the Alabama paradox (Hamilton, Nevada floored at 1)
    are in the tests; a small one:

    >>> apportion(7, {"A": 4.5, "B": 3.0, "C": 2.5}).seats
    {'A': 3, 'B': 2, 'C': 2}
    >>> apportion(7, {"A": 4.5, "B": 3.0, "C": 2.5}, caps={"A": 2}).seats
    {'A': 2, 'B': 3, 'C': 2}
    >>> apportion(4, [1, 1, 1], method="jefferson", ties="order").seats
    [2, 1, 1]
    >>> apportion(2, [10, 1, 1], method="huntington-hill")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InfeasibleError: total=2: huntington-hill gives every unit ... need at least 3
    """
    canonical = _canonical_method(method)
    if ties not in ("error", "order"):
        raise InvalidInputError.bad("ties", ties, "expected one of 'error', 'order'")
    m_total = _check_total(total)

    if not isinstance(weights, Mapping | np.ndarray | Sequence) and callable(
        getattr(weights, "items", None)
    ):
        weights = dict(weights.items())  # mapping-like, e.g. a pandas Series: keyed by index
    if isinstance(weights, Mapping):
        keys: list[Any] | None = list(weights.keys())
        values: Sequence[Any] | npt.NDArray[Any] = list(weights.values())

        def label(i: int) -> str:
            assert keys is not None
            return f"weights[{keys[i]!r}]"

    elif isinstance(weights, np.ndarray | Sequence) and not isinstance(weights, str | bytes):
        keys = None
        values = weights

        def label(i: int) -> str:
            return f"weights[{i}]"

    elif isinstance(weights, Iterable) and not isinstance(weights, str | bytes):
        keys = None
        values = list(weights)  # e.g. a generator

        def label(i: int) -> str:
            return f"weights[{i}]"

    else:
        raise InvalidInputError.bad(
            "weights", weights, "must be a mapping or a sequence of non-negative numbers"
        )

    w_int, scale = _integer_weights(values, label)
    n = len(w_int)
    unit_keys: list[Any] = keys if keys is not None else list(range(n))
    f = _bounds(floors, "floors", keys, n, m_total, default=0)
    c = _bounds(caps, "caps", keys, n, m_total, default=None)
    for bad in np.flatnonzero(f > c).tolist():
        raise InvalidInputError.bad(
            _bound_label("floors", keys, bad),
            int(f[bad]),
            f"must be <= {_bound_label('caps', keys, bad)}={int(c[bad])}",
        )
    positive = _positive_mask(w_int)
    c_eff = np.where(positive, c, f)  # a zero weight takes its floor and nothing more
    _check_feasible(m_total, f, c, c_eff)

    quotas = _LazyQuotas(w_int, m_total, keys)
    notes: list[str] = []
    if canonical == "hamilton":
        seats, tied, notes = _hamilton(w_int, f, c_eff, m_total, ties, unit_keys)
        divisor = None
    else:
        f_eff = f
        if canonical in ("huntington-hill", "adams"):
            f_eff = np.where(positive & (c_eff >= 1), np.maximum(f, 1), f)
            need = sum(f_eff.tolist())  # exact: int64 sums could wrap
            if need > m_total:
                count = int((positive & (c_eff >= 1)).sum())
                raise InfeasibleError(
                    f"total={m_total}: {canonical} gives every unit with positive weight "
                    f"at least one seat; {count} such units need at least {need}"
                )
        seats, tied, divisor, notes = _divisor(
            canonical, w_int, scale, f_eff, c_eff, m_total, ties, unit_keys
        )

    seat_list = [int(s) for s in seats.tolist()]
    return Apportionment(
        seats=seat_list if keys is None else dict(zip(keys, seat_list, strict=True)),
        quotas=quotas,
        method=canonical,
        total=m_total,
        tied=tuple(tied),
        divisor=divisor,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------- input


def _canonical_method(method: object) -> str:
    allowed = (
        "expected one of "
        + ", ".join(repr(m) for m in _CANONICAL)
        + (" (aliases: 'dhondt', 'sainte-lague', 'largest-remainder', 'hare', 'hare-niemeyer')")
    )
    if not isinstance(method, str):
        raise InvalidInputError.bad("method", method, allowed)
    key = method.strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return METHODS[key]
    except KeyError:
        raise InvalidInputError.bad("method", method, allowed) from None


def _check_total(total: object) -> int:
    if isinstance(total, bool) or not isinstance(total, numbers.Integral):
        raise InvalidInputError.bad("total", total, "must be a non-negative integer")
    value = int(total)
    if value < 0:
        raise InvalidInputError.bad("total", value, "must be >= 0")
    if value > MAX_TOTAL:
        # seats, floors and caps are int64 arrays inside: bound them well below 2**63
        raise InvalidInputError.bad("total", value, f"must be <= {MAX_TOTAL:,} seats")
    return value


MAX_TOTAL = 10**12
"""Most seats :func:`apportion` shares (floors and caps are bounded by it too)."""


def _integer_weights(
    values: Sequence[Any] | npt.NDArray[Any], label: Callable[[int], str]
) -> tuple[IntArray, Fraction]:
    """Exact integer weights ``W = w * scale`` (int64 array, or object array of ints)."""
    if isinstance(values, np.ndarray):
        if values.ndim != 1:
            raise InvalidInputError.bad(
                "weights", values, f"must be one-dimensional, got shape {values.shape}"
            )
        kind = values.dtype.kind
        if kind in "iu":
            if values.size and kind == "i" and values.min() < 0:
                i = int(np.argmin(values))
                raise InvalidInputError.bad(label(i), int(values[i]), "must be >= 0")
            if values.size and int(values.max()) >= _I64_SAFE // max(1, values.size):
                return _as_int_array([int(v) for v in values.tolist()]), Fraction(1)
            return values.astype(np.int64), Fraction(1)
        if kind == "f":
            return _float_weights(values.astype(np.float64), label)
        if kind == "O":
            values = values.tolist()
        else:
            raise InvalidInputError.bad(
                "weights", values, f"must hold numbers, got dtype {values.dtype}"
            )
    vals = list(values)
    types = {type(v) for v in vals}
    if types <= {int}:
        for i, v in enumerate(vals):
            if v < 0:
                raise InvalidInputError.bad(label(i), v, "must be >= 0")
        return _as_int_array(vals), Fraction(1)
    if types <= {float}:
        return _float_weights(np.array(vals, dtype=np.float64), label)
    fracs = [_fraction(v, label(i)) for i, v in enumerate(vals)]
    lcm = math.lcm(*(fr.denominator for fr in fracs)) if fracs else 1
    ints = [fr.numerator * (lcm // fr.denominator) for fr in fracs]
    g = math.gcd(*ints) if ints else 0
    if g > 1:
        ints = [x // g for x in ints]
    else:
        g = 1
    return _as_int_array(ints), Fraction(lcm, g)


_WEIGHT_ALLOWED: dict[Reason, str] = {
    "bool": "must be a number, not a bool",
    "type": "must be a number (int, Decimal, Fraction or float)",
}


def _fraction(value: object, label: str) -> Fraction:
    """A non-negative weight, floats at their exact binary value (strings refused)."""
    return to_fraction(
        value, label, floats="binary", strings=False, negative=False, allowed=_WEIGHT_ALLOWED
    )


def _float_weights(
    arr: npt.NDArray[np.float64], label: Callable[[int], str]
) -> tuple[IntArray, Fraction]:
    """Floats to exact integers: each float is ``m * 2**e`` with an integer ``m``."""
    finite = np.isfinite(arr)
    if not finite.all():
        i = int(np.argmin(finite))
        raise InvalidInputError.bad(label(i), float(arr[i]), "must be a finite number")
    if arr.size and arr.min() < 0:
        i = int(np.argmin(arr))
        raise InvalidInputError.bad(label(i), float(arr[i]), "must be >= 0")
    mant, exp = np.frexp(arr)
    m = np.ldexp(mant, 53).astype(np.int64)
    e = exp.astype(np.int64) - 53
    nz = m != 0
    if not nz.any():
        return np.zeros(arr.size, dtype=np.int64), Fraction(1)
    low = m & -m  # lowest set bit: strip trailing zero bits into the exponent
    tz = np.where(nz, np.frexp(low.astype(np.float64))[1] - 1, 0).astype(np.int64)
    m = m >> tz
    e = e + tz
    e_min = int(e[nz].min())
    shift = np.where(nz, e - e_min, 0)
    bits = np.frexp(m.astype(np.float64))[1]
    if int((shift + bits).max()) + max(1, arr.size).bit_length() <= 62:
        w = np.where(nz, m << shift, 0).astype(np.int64)
    else:
        w = np.array(
            [int(mi) << int(si) for mi, si in zip(m.tolist(), shift.tolist(), strict=True)],
            dtype=object,
        )
    scale = Fraction(2) ** (-e_min)
    return w, scale


def _as_int_array(ints: list[int]) -> IntArray:
    """int64 when the sum cannot overflow, else an object array of Python ints."""
    if not ints or sum(ints) < _I64_SAFE:
        return np.array(ints, dtype=np.int64)
    return np.array(ints, dtype=object)


def _positive_mask(w: IntArray) -> npt.NDArray[np.bool_]:
    return np.asarray(w > 0, dtype=bool)


def _bound_label(name: str, keys: list[Any] | None, i: int) -> str:
    return f"{name}[{keys[i]!r}]" if keys is not None else f"{name}[{i}]"


def _bounds(
    spec: object,
    name: str,
    keys: list[Any] | None,
    n: int,
    total: int,
    *,
    default: int | None,
) -> npt.NDArray[np.int64]:
    """Floors/caps as an int64 array.

    Caps above ``total`` (and missing caps) become ``total + 1``: never binding,
    and they leave every uncapped unit an open next seat for the divisor report.
    """
    fill = total + 1 if default is None else default
    out = np.full(n, fill, dtype=np.int64)
    if spec is None:
        return out

    def value(v: object, where: str) -> int:
        if v is None and default is None:
            return total + 1
        if isinstance(v, bool) or not isinstance(v, numbers.Integral):
            raise InvalidInputError.bad(where, v, "must be a non-negative integer")
        iv = int(v)
        if iv < 0:
            raise InvalidInputError.bad(where, iv, "must be >= 0")
        if default is None:
            return min(iv, total + 1)
        if iv > total:
            # format_value: a floor of 10**4301 has too many digits for str()
            raise InfeasibleError(
                f"{where}={format_value(iv)}: must be <= total={format_value(total)}"
            )
        return iv

    if not isinstance(spec, bool) and isinstance(spec, numbers.Integral):
        out[:] = value(spec, name)
        return out
    if keys is not None:
        if not isinstance(spec, Mapping):
            raise InvalidInputError.bad(
                name, spec, "must be an int or a mapping keyed like weights"
            )
        index = {k: i for i, k in enumerate(keys)}
        unknown = [k for k in spec if k not in index]
        if unknown:
            raise InvalidInputError.bad(
                name,
                spec,
                f"keys {unknown!r} are not units of weights",
                shown=f"{{{', '.join(repr(k) for k in unknown[:5])}: ...}}",
            )
        for k, v in spec.items():
            out[index[k]] = value(v, f"{name}[{k!r}]")
        return out
    if (
        isinstance(spec, Mapping)
        or not isinstance(spec, np.ndarray | Sequence)
        or isinstance(spec, str)
    ):
        raise InvalidInputError.bad(name, spec, "must be an int or a sequence as long as weights")
    items = spec.tolist() if isinstance(spec, np.ndarray) else list(spec)
    if len(items) != n:
        raise InvalidInputError.bad(
            name, spec, f"must have one entry per unit ({n}), got {len(items)}"
        )
    for i, v in enumerate(items):
        out[i] = value(v, f"{name}[{i}]")
    return out


def _check_feasible(
    total: int,
    f: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    c_eff: npt.NDArray[np.int64],
) -> None:
    floor_sum = sum(f.tolist())  # exact Python ints: int64 sums could wrap
    if floor_sum > total:
        raise InfeasibleError(f"total={total}: must be >= the sum of floors ({floor_sum})")
    room = sum(c_eff.tolist())
    if room < total:
        cap_sum = sum(c.tolist())
        if cap_sum < total:
            raise InfeasibleError(f"total={total}: must be <= the sum of caps ({cap_sum})")
        raise InfeasibleError(
            f"total={total}: only {room} seats can be given (units with weight 0 take "
            "no seats beyond their floors)"
        )


def _standard_quotas(w: IntArray, total: int) -> list[Fraction]:
    wsum = _sum(w)
    if wsum == 0:
        return [Fraction(0)] * len(w)
    return [Fraction(int(x) * total, wsum) for x in w.tolist()]


# ---------------------------------------------------------------------------- hamilton


def _to_object_if_large(*arrays: IntArray, limit: int) -> list[IntArray]:
    if limit < _I64_SAFE and all(a.dtype != object for a in arrays):
        return [a.astype(np.int64) for a in arrays]
    return [a.astype(object) for a in arrays]


def _top_by_remainder(
    idx: npt.NDArray[np.intp],
    rem: IntArray,
    count: int,
    ties: str,
    keys: list[Any],
) -> tuple[npt.NDArray[np.intp], list[Any]]:
    """Pick ``count`` of ``idx`` with the largest ``rem`` (aligned with idx)."""
    if count <= 0:
        return idx[:0], []
    if count >= len(idx):
        return idx, []
    cut = np.partition(rem, len(rem) - count)[len(rem) - count]
    greater = np.asarray(rem > cut, dtype=bool)
    equal = np.asarray(rem == cut, dtype=bool)
    need = count - int(greater.sum())
    eq_idx = idx[equal]
    if len(eq_idx) <= need:
        return np.concatenate([idx[greater], eq_idx]), []
    tied = [keys[int(i)] for i in eq_idx]
    if ties == "error":
        raise TieError(
            f"ties='error': units {_names(tied)} have equal remainders and are tied for "
            f"{need} seat(s); pass ties='order' to give them by input order",
            tied=tied,
        )
    return np.concatenate([idx[greater], eq_idx[:need]]), tied


def _hamilton(
    w: IntArray,
    f: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    total: int,
    ties: str,
    keys: list[Any],
) -> tuple[IntArray, list[Any], list[str]]:
    n = len(w)
    wsum = _sum(w)
    if n == 0 or total == 0:
        return np.zeros(n, dtype=np.int64), [], []
    if wsum == 0:  # all weights 0: feasibility says floors sum to total
        return f.copy(), [], []
    w_, f_, c_ = _to_object_if_large(w, f, c, limit=int(w.max()) * total)
    num = w_ * total
    whole = num // wsum
    rem = num % wsum
    low = np.asarray(whole < f_, dtype=bool)  # quota < floor
    high = np.asarray((whole > c_) | ((whole == c_) & (rem > 0)), dtype=bool)  # quota > cap
    seats = np.where(low, f_, np.where(high, c_, whole))
    left = total - int(seats.sum())
    free = ~(low | high)
    eligible = np.flatnonzero(free & np.asarray(whole < c_, dtype=bool) & (np.asarray(w_ > 0)))
    notes: list[str] = []
    if 0 <= left <= len(eligible):
        chosen, tied = _top_by_remainder(eligible, rem[eligible], left, ties, keys)
        seats[chosen] += 1
        if low.any() or high.any():
            notes.append(
                f"Hamilton with bounds (historical rule): {int(low.sum())} unit(s) fixed at "
                f"their floor and {int(high.sum())} at their cap; the others kept their "
                "standard quotas"
            )
            if low.any():
                notes.append(
                    f"fixed at their floor: {_names([keys[i] for i in np.flatnonzero(low)])}"
                )
            if high.any():
                notes.append(
                    f"fixed at their cap: {_names([keys[i] for i in np.flatnonzero(high)])}"
                )
        if tied:
            notes.append(f"tie between {_names(tied)} for the last seat(s), broken by input order")
        return np.asarray(seats, dtype=np.int64), tied, notes
    notes.append(
        "Hamilton with bounds: the whole parts of the unbounded units "
        + ("exceed" if left < 0 else "fall short of")
        + " the seats left after fixing bounded units; quotas were re-computed over the "
        "unfixed units (bounded quota)"
    )
    seats2, tied = _hamilton_recomputed(w_, f_, c_, total, ties, keys)
    if tied:
        notes.append(f"tie between {_names(tied)} for the last seat(s), broken by input order")
    return seats2, tied, notes


def _hamilton_recomputed(
    w: IntArray,
    f: IntArray,
    c: IntArray,
    total: int,
    ties: str,
    keys: list[Any],
) -> tuple[IntArray, list[Any]]:
    """Largest remainder of the bounded quota: fix violators until none remain."""
    wo = w.astype(object)
    fo = f.astype(object)
    co = c.astype(object)
    free = np.asarray((wo > 0) & (fo < co), dtype=bool)
    seats = np.where(free, 0, fo).astype(object)
    left = total - int(seats.sum())
    while True:
        idx = np.flatnonzero(free)
        wf = int(wo[idx].sum())
        if len(idx) == 0 or wf == 0:
            break
        num = wo[idx] * left
        low = np.asarray(num < fo[idx] * wf, dtype=bool)
        high = np.asarray(num > co[idx] * wf, dtype=bool)
        if not low.any() and not high.any():
            break
        ex_low = int((fo[idx][low] * wf - num[low]).sum()) if low.any() else 0
        ex_high = int((num[high] - co[idx][high] * wf).sum()) if high.any() else 0
        if low.any() and ex_low >= ex_high:
            fix, val = idx[low], fo[idx][low]
        else:
            fix, val = idx[high], co[idx][high]
        seats[fix] = val
        free[fix] = False
        left -= int(val.sum())
    idx = np.flatnonzero(free)
    if len(idx):
        wf = int(wo[idx].sum())
        num = wo[idx] * left
        whole = num // wf
        rem = num % wf
        seats[idx] = whole
        rest = left - int(whole.sum())
        ok = np.asarray(whole < co[idx], dtype=bool)
        chosen, tied = _top_by_remainder(idx[ok], rem[ok], rest, ties, keys)
        seats[chosen] += 1
    else:
        tied = []
    return np.asarray(seats.astype(np.int64)), tied


# ---------------------------------------------------------------------------- divisor


def _float_weights_of(w: IntArray) -> npt.NDArray[np.float64]:
    if w.dtype != object:
        return w.astype(np.float64)
    big = max((int(x).bit_length() for x in w.tolist()), default=0)
    shift = max(0, big - 1000)
    return np.array([int(x) / (1 << shift) for x in w.tolist()], dtype=np.float64)


class _Divisor:
    """Divisor-method machinery for one method over integer weights."""

    def __init__(self, method: str, w: IntArray) -> None:
        self.method = method
        self.w = w
        self.wf = _float_weights_of(w)

    # signposts s(k): the (k+1)-th seat is won when w / d exceeds s(k)
    def signpost(self, k: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        kf = k.astype(np.float64)
        if self.method == "jefferson":
            return kf + 1.0
        if self.method == "webster":
            return kf + 0.5
        if self.method == "adams":
            return kf
        return np.sqrt(kf * (kf + 1.0))

    def rounded(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        if self.method == "jefferson":
            return np.floor(x)
        if self.method == "webster":
            return np.floor(x + 0.5)
        if self.method == "adams":
            return np.ceil(x)
        fl = np.floor(x)
        return fl + (x * x > fl * (fl + 1.0))

    def exact(self, i: int, k: int) -> Fraction:
        """Priority of unit i's (k+1)-th seat, exactly (squared for Huntington-Hill)."""
        wi = int(self.w[i])
        if self.method == "jefferson":
            return Fraction(wi, k + 1)
        if self.method == "webster":
            return Fraction(2 * wi, 2 * k + 1)
        if self.method == "adams":
            return Fraction(wi, k)
        return Fraction(wi * wi, k * (k + 1))


def _divisor(
    method: str,
    w: IntArray,
    scale: Fraction,
    f: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    total: int,
    ties: str,
    keys: list[Any],
) -> tuple[npt.NDArray[np.int64], list[Any], Fraction | None, list[str]]:
    dm = _Divisor(method, w)
    n = len(w)
    fsum, csum = sum(f.tolist()), sum(c.tolist())
    if total == fsum:
        seats = f.copy()
    elif total == csum:
        seats = c.copy()
    else:
        seats = _search(dm, f, c, total)
    notes: list[str] = []
    seats, tied, v_hi, v_lo = _settle(dm, seats, f, c, total, ties, keys)
    if tied:
        notes.append(f"tie between {_names(tied)} for the last seat(s), broken by input order")
    divisor = _report_divisor(method, v_hi, v_lo, scale)
    if divisor is None and n and (v_hi is not None or v_lo is not None):
        notes.append("the divisor at the tie is irrational (Huntington-Hill); not reported")
    if divisor is not None and not tied:
        notes.extend(_binding_notes(method, w, scale, divisor, seats, f, c, total, keys))
    return seats, tied, divisor, notes


def _round_exact(method: str, x: Fraction) -> int:
    """Seats for ``x = w / d`` under the method's rounding, without bounds."""
    if x <= 0:
        return 0
    if method == "jefferson":
        return math.ceil(x) - 1
    if method == "webster":
        return max(0, math.ceil(x - Fraction(1, 2)))
    if method == "adams":
        return math.ceil(x)
    y = x * x  # huntington-hill: count k >= 0 with k (k + 1) < y
    k = math.isqrt(math.floor(y))
    while k > 0 and k * (k + 1) >= y:
        k -= 1
    while (k + 1) * (k + 2) < y:
        k += 1
    return k + 1 if k * (k + 1) < y else k


def _binding_notes(
    method: str,
    w: IntArray,
    scale: Fraction,
    divisor: Fraction,
    seats: npt.NDArray[np.int64],
    f: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    total: int,
    keys: list[Any],
) -> list[str]:
    """Name the units whose floor or cap changed their rounded seats."""
    at_bound = np.flatnonzero(((seats == f) & (f > 0)) | ((seats == c) & (c <= total)))
    if len(at_bound) == 0 or len(at_bound) > 10_000:
        return []
    raised: list[Any] = []
    lowered: list[Any] = []
    unit = scale * divisor
    for i in at_bound.tolist():
        r = _round_exact(method, Fraction(int(w[i])) / unit)
        if r < seats[i]:
            raised.append(keys[i])
        elif r > seats[i]:
            lowered.append(keys[i])
    notes = []
    if raised:
        notes.append(f"raised to their floor: {_names(raised)}")
    if lowered:
        notes.append(f"held down by their cap: {_names(lowered)}")
    return notes


def _search(
    dm: _Divisor, f: npt.NDArray[np.int64], c: npt.NDArray[np.int64], total: int
) -> npt.NDArray[np.int64]:
    """Float divisor search: seats(t) = clamp(round(w * t), f, c) with t = 1/d."""
    wf = dm.wf
    ff = f.astype(np.float64)
    cf = c.astype(np.float64)

    def seats_at(t: float) -> npt.NDArray[np.float64]:
        with np.errstate(over="ignore", invalid="ignore"):
            r = dm.rounded(wf * t)  # t is finite, so no 0 * inf; overflow to inf is clipped
        return np.clip(r, ff, cf)

    wsum = float(wf.sum())
    t0 = total / wsum if wsum > 0 else 1.0
    s0 = float(seats_at(t0).sum())
    if s0 == total:
        return seats_at(t0).astype(np.int64)
    if s0 < total:
        t_lo, s_lo = t0, s0
        t_hi = t0 * 2.0
        s_hi = float(seats_at(t_hi).sum())
        while s_hi < total and t_hi < 1e300:
            t_lo, s_lo = t_hi, s_hi
            t_hi *= 2.0
            s_hi = float(seats_at(t_hi).sum())
    else:
        t_hi, s_hi = t0, s0
        t_lo, s_lo = 0.0, float(ff.sum())
    for it in range(200):
        if s_lo == total:
            return seats_at(t_lo).astype(np.int64)
        if s_hi == total:
            return seats_at(t_hi).astype(np.int64)
        if s_hi - s_lo <= _SETTLE_BATCH:
            break  # a few seats apart: _settle adds them exactly by priority
        if it % 3 == 2:
            t = 0.5 * (t_lo + t_hi)
        else:
            t = t_lo + (total - s_lo) * (t_hi - t_lo) / (s_hi - s_lo)
        if not t_lo < t < t_hi:
            t = 0.5 * (t_lo + t_hi)
            if not t_lo < t < t_hi:
                break
        s = float(seats_at(t).sum())
        if s < total:
            t_lo, s_lo = t, s
        else:
            t_hi, s_hi = t, s
    return seats_at(t_lo).astype(np.int64)


def _settle(
    dm: _Divisor,
    seats: npt.NDArray[np.int64],
    f: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    total: int,
    ties: str,
    keys: list[Any],
) -> tuple[npt.NDArray[np.int64], list[Any], Fraction | None, Fraction | None]:
    """Make the float result exact: right total, and every held seat >= every open one."""
    seats = seats.copy()
    wf = dm.wf
    # 1. right total: add the best open seats / remove the worst held ones, in batches
    while True:
        diff = total - int(seats.sum())
        if diff == 0:
            break
        if diff > 0:
            cand = np.flatnonzero(seats < c)
            pri = wf[cand] / dm.signpost(seats[cand])
            pick = cand if diff >= len(cand) else cand[np.argpartition(-pri, diff - 1)[:diff]]
            seats[pick] += 1
        else:
            cand = np.flatnonzero(seats > f)
            pri = wf[cand] / dm.signpost(seats[cand] - 1)
            k = -diff
            pick = cand if k >= len(cand) else cand[np.argpartition(pri, k - 1)[:k]]
            seats[pick] -= 1
    # 2. exchange until the smallest held priority >= the largest open priority (exactly)
    tied: list[Any] = []
    while True:
        open_idx = np.flatnonzero(seats < c)
        held_idx = np.flatnonzero(seats > f)
        v_hi, hi_units = _extreme(dm, open_idx, seats[open_idx], largest=True)
        v_lo, lo_units = _extreme(dm, held_idx, seats[held_idx] - 1, largest=False)
        if v_hi is None or v_lo is None or v_hi < v_lo:
            return seats, tied, v_hi, v_lo
        if v_hi > v_lo:
            seats[hi_units[0]] += 1
            seats[lo_units[0]] -= 1
            continue
        # exact tie: the held seats at v go to the earliest tied units
        group = sorted(set(hi_units) | set(lo_units))
        held = len(lo_units)
        tied = [keys[i] for i in group]
        if ties == "error":
            raise TieError(
                f"ties='error': units {_names(tied)} are tied for the last {held} seat(s); "
                "pass ties='order' to give them by input order",
                tied=tied,
            )
        winners = set(group[:held])
        for i in lo_units:
            if i not in winners:
                seats[i] -= 1
        for i in hi_units:
            if i in winners:
                seats[i] += 1
        return seats, tied, v_hi, v_lo


def _extreme(
    dm: _Divisor,
    idx: npt.NDArray[np.intp],
    k: npt.NDArray[np.int64],
    *,
    largest: bool,
) -> tuple[Fraction | None, list[int]]:
    """Exact largest (smallest) priority among units ``idx`` for seat index ``k``."""
    if len(idx) == 0:
        return None, []
    pri = dm.wf[idx] / dm.signpost(k)
    if largest:
        best = float(pri.max())
        near = np.flatnonzero(pri >= best * (1.0 - _REL_TOL))
    else:
        best = float(pri.min())
        near = np.flatnonzero(pri <= best * (1.0 + _REL_TOL))
    exact = [(dm.exact(int(idx[j]), int(k[j])), int(idx[j])) for j in near]
    value = max(e for e, _ in exact) if largest else min(e for e, _ in exact)
    units = sorted(i for e, i in exact if e == value)
    if not largest:
        units = units[::-1]  # remove from the latest unit first when no tie
    return value, units


def _report_divisor(
    method: str, v_hi: Fraction | None, v_lo: Fraction | None, scale: Fraction
) -> Fraction | None:
    """The simplest divisor (in original weight units) that reproduces the result."""
    if v_hi is None and v_lo is None:
        return None
    if method == "huntington-hill":
        sq = scale * scale
        hi = None if v_hi is None else v_hi / sq
        lo = None if v_lo is None else v_lo / sq
        if hi is not None and lo is not None and hi == lo:
            return _exact_sqrt(hi)
        bits = 32
        while True:
            a = Fraction(0) if hi is None else _sqrt_bound(hi, bits, upper=True)
            b = None if lo is None else _sqrt_bound(lo, bits, upper=False)
            if b is None or a < b:
                return _roundest_between(a, b)
            bits *= 2
    hi = None if v_hi is None else v_hi / scale
    lo = None if v_lo is None else v_lo / scale
    if hi is not None and lo is not None and hi == lo:
        return hi
    return _roundest_between(Fraction(0) if hi is None else hi, lo)


def _exact_sqrt(x: Fraction) -> Fraction | None:
    p, q = math.isqrt(x.numerator), math.isqrt(x.denominator)
    if p * p == x.numerator and q * q == x.denominator:
        return Fraction(p, q)
    return None


def _sqrt_bound(x: Fraction, bits: int, *, upper: bool) -> Fraction:
    """A rational within 2**-bits of sqrt(x): >= sqrt(x) if ``upper`` else <= sqrt(x)."""
    s = 1 << bits
    y = x * s * s
    if upper:
        m = math.isqrt(math.ceil(y))
        if m * m < y:
            m += 1
    else:
        m = math.isqrt(math.floor(y))
    return Fraction(m, s)


def _roundest_between(a: Fraction, b: Fraction | None) -> Fraction:
    """A number strictly between a >= 0 and b with the fewest significant digits.

    Among the multiples of the coarsest power of ten that fit, the one nearest the
    middle of the interval; falls back to the simplest fraction for tiny intervals.
    """
    if b is None:
        b = 2 * a + 1
    try:
        top = math.floor(math.log10(b)) + 1
    except (OverflowError, ValueError):  # pragma: no cover - astronomically large weights
        return _simplest_between(a, b)
    for p in range(top, top - 40, -1):
        unit = Fraction(10) ** p
        lo_m = math.floor(a / unit) + 1
        hi_m = math.ceil(b / unit) - 1
        if lo_m <= hi_m:
            m = min(max(round((a + b) / 2 / unit), lo_m), hi_m)
            return m * unit
    return _simplest_between(a, b)


def _simplest_between(a: Fraction, b: Fraction | None) -> Fraction:
    """The fraction with the smallest denominator strictly between a >= 0 and b."""
    fl = math.floor(a)
    if b is None or fl + 1 < b:
        return Fraction(fl + 1)
    af, bf = a - fl, b - fl
    y = _simplest_between(1 / bf, None if af == 0 else 1 / af)
    return fl + 1 / y


def _sum(w: IntArray) -> int:
    """Exact sum of integer weights (object arrays sum as Python ints)."""
    return int(w.sum())


def _names(keys: Sequence[Any]) -> str:
    shown = [repr(k) for k in keys[:8]]
    if len(keys) > 8:
        shown.append(f"... ({len(keys)} units)")
    return ", ".join(shown)
