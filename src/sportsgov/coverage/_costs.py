"""Private: cost tables (who can reach what, at which cost) for 2SFCA and siting.

A :class:`CostTable` is the one internal form of "costs": the *reachable pairs*
``(demand index, supply index, cost)`` sorted by demand then supply (CSR order),
with the table's shape, an optional unit and optional ids. Every accepted input
form is turned into it by :func:`as_cost_table`:

* a dense ``(m, n)`` numpy array: every finite entry is a reachable pair,
  ``inf`` means "not reachable";
* a scipy sparse matrix or array (any format): every *stored* entry is a
  reachable pair, including explicitly stored zeros (cost 0); an entry that is not
  stored is not reachable (this is the ``scipy.sparse.csgraph`` convention, not the
  linear-algebra one where a missing entry is 0);
* a long table: rows ``(demand, supply, cost)`` where demand and supply are
  positions (ints) or ids (when the demand/supply were given as mappings
  ``{id: value}``).

The class is public through :mod:`sportsgov.coverage.fca`.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov.coverage._finite import check_total, float64_array
from sportsgov.errors import DataError, InvalidInputError, format_value

__all__ = [
    "CostTable",
    "as_cost_table",
    "candidate_columns",
    "check_weights",
    "existing_indices",
    "frame_pairs",
    "is_frame",
    "sort_keys",
    "trusted_table",
    "unsorted_pairs",
]

_ID_SHOWN = 5
_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)


def _readonly(array: NDArray[Any]) -> NDArray[Any]:
    array.flags.writeable = False
    return array


def _int_array(value: Any) -> NDArray[np.int64]:
    return _readonly(np.array(value, dtype=np.int64).reshape(-1))


def _float_array(value: Any) -> NDArray[np.float64]:
    return _readonly(float64_array(value, "cost", what="costs").reshape(-1))


def _shape(value: Any) -> tuple[int, int]:
    return (int(value[0]), int(value[1]))


def _ids(value: Sequence[Hashable] | None) -> tuple[Hashable, ...] | None:
    return None if value is None else tuple(value)


def _show_ids(values: Iterable[object]) -> str:
    items = list(values)
    head = ", ".join(repr(v) for v in items[:_ID_SHOWN])
    more = f", ... ({len(items)} in all)" if len(items) > _ID_SHOWN else ""
    return f"[{head}{more}]"


@frozen
class CostTable:
    """Reachable (demand, supply) pairs with their travel cost.

    The sparse, explicit form of a cost matrix: only pairs listed here are
    reachable, each at ``cost`` (a distance [m], a time [min], ... see ``unit``).
    Pairs are kept sorted by demand then supply and are unique. Build one with
    :meth:`from_rows`, :meth:`from_dense`, :meth:`from_sparse`,
    :meth:`from_arrays` or :func:`~sportsgov.coverage.fca.catchment_costs`; the
    calculators also accept those raw forms directly.

    Parameters
    ----------
    demand : array of int, shape (k,)
        Demand (row) index of each pair, ``0 <= demand < shape[0]``.
    supply : array of int, shape (k,)
        Supply (column) index of each pair, ``0 <= supply < shape[1]``.
    cost : array of float, shape (k,)
        Cost of each pair, finite and ``>= 0`` [``unit``].
    shape : (int, int)
        ``(m, n)``: number of demand and supply locations.
    unit : str or None
        Unit of ``cost`` (``"m"``, ``"min"`` ...), used to convert a Quantity
        threshold; ``None`` if unknown.
    demand_ids, supply_ids : tuple or None
        Ids of the rows and columns, if the table was built from ids.

    Raises
    ------
    InvalidInputError
        Lengths differ, an index is out of range, a cost is NaN, infinite or
        negative, or the pairs are not sorted and unique (use
        :meth:`from_arrays`, which sorts and reports duplicates).

    Examples
    --------
    >>> t = CostTable.from_rows([(0, 1, 250.0), (1, 0, 0.0), (0, 0, 900.0)], shape=(2, 2))
    >>> t.demand.tolist(), t.supply.tolist(), t.cost.tolist()
    ([0, 0, 1], [0, 1, 0], [900.0, 250.0, 0.0])
    >>> t.within(500).cost.tolist()
    [250.0, 0.0]
    """

    demand: NDArray[np.int64] = field(converter=_int_array, eq=_ARRAY_EQ, hash=False)
    supply: NDArray[np.int64] = field(converter=_int_array, eq=_ARRAY_EQ, hash=False)
    cost: NDArray[np.float64] = field(converter=_float_array, eq=_ARRAY_EQ, hash=False)
    shape: tuple[int, int] = field(converter=_shape)
    unit: str | None = None
    demand_ids: tuple[Hashable, ...] | None = field(default=None, converter=_ids)
    supply_ids: tuple[Hashable, ...] | None = field(default=None, converter=_ids)

    def __attrs_post_init__(self) -> None:
        m, n = self.shape
        k = self.demand.size
        if m < 0 or n < 0:
            raise InvalidInputError.bad("shape", self.shape, "must be >= 0 in both axes")
        if self.supply.size != k or self.cost.size != k:
            raise InvalidInputError.bad(
                "costs",
                (k, self.supply.size, self.cost.size),
                "demand, supply and cost must have the same length",
                shown=f"lengths ({k}, {self.supply.size}, {self.cost.size})",
            )
        for name, ids, size in (
            ("demand_ids", self.demand_ids, m),
            ("supply_ids", self.supply_ids, n),
        ):
            if ids is not None and len(ids) != size:
                raise InvalidInputError.bad(
                    name, ids, f"must have {size} ids (the shape), got {len(ids)}"
                )
        if k == 0:
            return
        _check_range("demand", self.demand, m)
        _check_range("supply", self.supply, n)
        _check_costs(self.cost, rows=None)
        key = self.demand * np.int64(max(n, 1)) + self.supply
        if k > 1 and not bool(np.all(key[1:] > key[:-1])):
            raise InvalidInputError.bad(
                "costs",
                "pairs",
                "pairs must be sorted by (demand, supply) and unique; "
                "build the table with CostTable.from_arrays or from_rows",
                shown="unsorted or repeated pairs",
            )

    # ------------------------------------------------------------------ views
    @property
    def nnz(self) -> int:
        """Number of reachable pairs."""
        return int(self.demand.size)

    def within(self, threshold: float | NDArray[np.float64]) -> CostTable:
        """The pairs with ``cost <= threshold`` (same shape, unit and ids).

        ``threshold`` is one number or one per demand location (shape (m,)).

        Examples
        --------
        >>> CostTable.from_dense([[1.0, 5.0]]).within(1.0).nnz
        1
        >>> CostTable.from_dense([[1.0, 5.0], [1.0, 5.0]]).within(np.array([1.0, 5.0])).nnz
        3
        """
        limit = np.asarray(threshold, dtype=np.float64)
        keep = self.cost <= (limit[self.demand] if limit.ndim else limit)
        if bool(keep.all()):
            return self
        # a subset of sorted, unique, checked pairs needs no re-check
        table = trusted_table(
            self.demand[keep], self.supply[keep], self.cost[keep], self.shape, self.unit
        )
        object.__setattr__(table, "demand_ids", self.demand_ids)
        object.__setattr__(table, "supply_ids", self.supply_ids)
        return table

    def indptr(self) -> NDArray[np.int64]:
        """CSR row pointer: pairs of demand ``i`` are ``indptr[i]:indptr[i + 1]``.

        Examples
        --------
        >>> CostTable.from_dense([[1.0, 2.0], [np.inf, np.inf], [0.0, np.inf]]).indptr().tolist()
        [0, 2, 2, 3]
        """
        counts = np.bincount(self.demand, minlength=self.shape[0])
        out = np.zeros(self.shape[0] + 1, dtype=np.int64)
        np.cumsum(counts, out=out[1:])
        return out

    def to_dense(self) -> NDArray[np.float64]:
        """The ``(m, n)`` matrix, ``inf`` where a pair is not reachable (small tables only).

        Examples
        --------
        >>> CostTable.from_rows([(0, 1, 3.0)], shape=(1, 2)).to_dense().tolist()
        [[inf, 3.0]]
        """
        out = np.full(self.shape, np.inf)
        out[self.demand, self.supply] = self.cost
        return out

    # ----------------------------------------------------------- constructors
    @classmethod
    def from_arrays(
        cls,
        demand: Any,
        supply: Any,
        cost: Any,
        *,
        shape: tuple[int, int],
        unit: str | None = None,
    ) -> CostTable:
        """Build from three parallel arrays in any order; duplicates are refused.

        Pairs with an infinite cost are dropped (not reachable).

        Raises
        ------
        InvalidInputError
            Different lengths, an index out of range, a NaN or negative cost, or
            the same (demand, supply) pair twice.

        Examples
        --------
        >>> CostTable.from_arrays([1, 0], [0, 0], [5.0, 7.0], shape=(2, 1)).cost.tolist()
        [7.0, 5.0]
        """
        m, n = int(shape[0]), int(shape[1])
        d, s, c = _checked_pairs(demand, supply, cost, m, n)
        # (demand, supply) packed into one int64 in CSR order: supply in the low bits
        sbits = max(n - 1, 1).bit_length()
        key = d << np.int64(sbits)
        key |= s
        if key.size > 1 and not bool(np.all(key[1:] > key[:-1])):
            key, order = sort_keys(key, max(m, 1) << sbits, overwrite=True)
            _refuse_repeats(key, sbits)
            c = c[order]
            s = np.bitwise_and(key, np.int64((1 << sbits) - 1), out=order)  # order is spent
            key >>= np.int64(sbits)
            d = key
        else:  # already in CSR order (what routing engines and our own tables give)
            d, s, c = d.copy(), s.copy(), c.copy()
        return trusted_table(d, s, c, (m, n), unit)

    @classmethod
    def from_frame(
        cls,
        df: Any,
        *,
        demand: str = "demand",
        supply: str = "supply",
        cost: str = "cost",
        shape: tuple[int, int] | None = None,
        demand_ids: Sequence[Hashable] | None = None,
        supply_ids: Sequence[Hashable] | None = None,
        unit: str | None = None,
    ) -> CostTable:
        """Build from a pandas DataFrame with one row per (demand, supply) pair.

        This is the long table a routing engine exports. Without ids the two key
        columns are 0-based positions (``shape`` defaults to one past the largest);
        with ``demand_ids``/``supply_ids`` they name ids, as in :meth:`from_rows`.

        Parameters
        ----------
        df : pandas.DataFrame
        demand, supply, cost : str
            Column names; ``cost`` in ``unit`` (e.g. metres or minutes).
        shape : (int, int), optional
            Number of demand and supply points.
        demand_ids, supply_ids : sequence, optional
            The ids the key columns name, in row / column order.
        unit : str, optional
            Unit of the costs.

        Raises
        ------
        InvalidInputError
            A named column is missing, or any of the :meth:`from_arrays` checks.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"o": ["A", "B"], "d": ["gym", "gym"], "m": [300.0, 900.0]})
        >>> t = CostTable.from_frame(df, demand="o", supply="d", cost="m",
        ...                          demand_ids=["A", "B"], supply_ids=["gym"], unit="m")
        >>> t.shape, t.cost.tolist()
        ((2, 1), [300.0, 900.0])
        """
        columns = [str(c) for c in getattr(df, "columns", ())]
        for argument, name in (("demand", demand), ("supply", supply), ("cost", cost)):
            if name not in columns:
                raise InvalidInputError.bad(
                    argument, name, f"no such column; the frame has {', '.join(columns) or 'none'}"
                )
        if demand_ids is None and supply_ids is None:
            d = df[demand].to_numpy()
            s = df[supply].to_numpy()
            if shape is None:
                shape = (int(d.max()) + 1, int(s.max()) + 1) if len(d) else (0, 0)
            return cls.from_arrays(d, s, df[cost].to_numpy(), shape=shape, unit=unit)
        rows = zip(df[demand].tolist(), df[supply].tolist(), df[cost].tolist(), strict=True)
        return cls.from_rows(
            rows, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=unit
        )

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Sequence[Any]],
        *,
        shape: tuple[int, int] | None = None,
        demand_ids: Sequence[Hashable] | None = None,
        supply_ids: Sequence[Hashable] | None = None,
        unit: str | None = None,
        source: str | None = None,
    ) -> CostTable:
        """Build from a long table of rows ``(demand, supply, cost)``.

        Without ids, demand and supply are 0-based positions and ``shape`` is
        required (or taken as one past the largest index). With ``demand_ids``
        and/or ``supply_ids`` the rows name ids, which are checked against those
        sets: an unknown id raises :class:`~sportsgov.errors.DataError` naming it.

        Raises
        ------
        DataError
            A row without 3 fields, an unknown id, a cost that is not a number,
            NaN or negative (the message gives the 1-based row).
        InvalidInputError
            A pair listed twice, an index out of range.

        Examples
        --------
        >>> t = CostTable.from_rows(
        ...     [("A", "gym", 400), ("B", "gym", 1200)],
        ...     demand_ids=["A", "B"],
        ...     supply_ids=["gym"],
        ...     unit="m",
        ... )
        >>> t.shape, t.cost.tolist()
        ((2, 1), [400.0, 1200.0])
        >>> CostTable.from_rows([("C", "gym", 1)], demand_ids=["A"], supply_ids=["gym"])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: row 1, field demand: demand='C': unknown demand id; ...
        """
        d_list: list[int] = []
        s_list: list[int] = []
        c_list: list[float] = []
        d_lookup = _lookup(demand_ids, "demand_ids")
        s_lookup = _lookup(supply_ids, "supply_ids")
        for r, row in enumerate(rows, start=1):
            try:
                a, b, c = row
            except (TypeError, ValueError):
                raise DataError(
                    f"row={format_value(row)}: expected (demand, supply, cost)",
                    source=source,
                    row=r,
                ) from None
            d_list.append(_resolve(a, d_lookup, "demand", r, source))
            s_list.append(_resolve(b, s_lookup, "supply", r, source))
            try:
                value = float(c)
            except (TypeError, ValueError, OverflowError):
                raise DataError(
                    f"cost={format_value(c)}: must be a number >= 0",
                    source=source,
                    row=r,
                    field="cost",
                ) from None
            if math.isnan(value) or value < 0:
                raise DataError(
                    f"cost={format_value(c)}: must be a number >= 0 (inf = not reachable)",
                    source=source,
                    row=r,
                    field="cost",
                )
            c_list.append(value)
        if shape is None:
            m = len(demand_ids) if demand_ids is not None else max(d_list, default=-1) + 1
            n = len(supply_ids) if supply_ids is not None else max(s_list, default=-1) + 1
            shape = (m, n)
        table = cls.from_arrays(
            np.array(d_list, dtype=np.int64),
            np.array(s_list, dtype=np.int64),
            np.array(c_list, dtype=np.float64),
            shape=shape,
            unit=unit,
        )
        if demand_ids is not None or supply_ids is not None:
            table = attrs.evolve(table, demand_ids=demand_ids, supply_ids=supply_ids)
        return table

    @classmethod
    def from_dense(cls, matrix: Any, *, unit: str | None = None) -> CostTable:
        """Build from a dense ``(m, n)`` matrix; ``inf`` marks an unreachable pair.

        Raises
        ------
        InvalidInputError
            Not 2-D, a NaN or a negative entry (named by position).

        Examples
        --------
        >>> CostTable.from_dense([[0.0, np.inf], [3.5, 1.0]]).nnz
        3
        """
        try:
            arr = float64_array(matrix, "costs", what="costs")
        except InvalidInputError:
            raise
        except (TypeError, ValueError) as exc:
            raise InvalidInputError.bad(
                "costs", matrix, "expected an (m, n) matrix of numbers"
            ) from exc
        if arr.ndim != 2:
            raise InvalidInputError.bad(
                "costs", matrix, f"expected an (m, n) matrix, got {arr.ndim} dimension(s)"
            )
        bad = np.isnan(arr) | (arr < 0)
        if bool(bad.any()):
            i, j = (int(x) for x in np.argwhere(bad)[0])
            raise InvalidInputError.bad(
                f"costs[{i}, {j}]",
                float(arr[i, j]),
                "must be >= 0 (use inf for 'not reachable')",
            )
        d, s = np.nonzero(np.isfinite(arr))
        return cls(d, s, arr[d, s], arr.shape, unit)

    @classmethod
    def from_sparse(cls, matrix: Any, *, unit: str | None = None) -> CostTable:
        """Build from a scipy sparse matrix/array: every *stored* entry is reachable.

        Explicitly stored zeros are pairs at cost 0; entries not stored are not
        reachable. Beware that scipy operations such as arithmetic or
        ``eliminate_zeros()`` drop explicit zeros; build such tables with
        :meth:`from_arrays` if zero costs matter. Repeated entries (possible in
        COO format, which scipy would silently add up) are refused.

        Examples
        --------
        >>> from scipy import sparse
        >>> m = sparse.coo_array(([0.0, 120.0], ([0, 1], [1, 1])), shape=(2, 3))
        >>> t = CostTable.from_sparse(m)
        >>> t.shape, t.nnz, t.cost.tolist()
        ((2, 3), 2, [0.0, 120.0])
        """
        coo = matrix.tocoo()
        shape = (int(coo.shape[0]), int(coo.shape[1]))
        data = np.asarray(coo.data, dtype=np.float64)
        if data.size and bool(np.isinf(data).any()):
            i = int(np.flatnonzero(np.isinf(data))[0])
            raise InvalidInputError.bad(
                f"costs[{int(coo.row[i])}, {int(coo.col[i])}]",
                float(data[i]),
                "must be finite in a sparse matrix (leave the entry out for 'not reachable')",
            )
        _check_costs(data, rows=(np.asarray(coo.row), np.asarray(coo.col)))
        return cls.from_arrays(coo.row, coo.col, data, shape=shape, unit=unit)


def sort_keys(
    key: NDArray[np.int64], bound: int, *, overwrite: bool = False
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Sorted copy of non-negative int64 keys (all ``< bound``) and the sorting permutation.

    Equal keys come out in an unspecified order (callers refuse duplicates, so a
    stable sort would buy nothing). When key and position fit together in 63 bits,
    both are packed into one int64 and sorted with :func:`numpy.sort` (SIMD sorting
    networks, 3-4x faster than :func:`numpy.argsort`); otherwise ``argsort``.
    ``overwrite=True`` lets the packing reuse ``key``'s buffer (a caller's own
    temporary: one array of the input's size less to allocate and fault in).

    Examples
    --------
    >>> k, o = sort_keys(np.array([30, 10, 20]), 31)
    >>> k.tolist(), o.tolist()
    ([10, 20, 30], [1, 2, 0])
    """
    k = key.size
    shift = max(k - 1, 1).bit_length()
    if max(bound - 1, 1).bit_length() + shift <= 63:
        packed = np.left_shift(key, np.int64(shift), out=key if overwrite else None)
        packed |= np.arange(k, dtype=np.int64)
        packed.sort()
        order = packed & np.int64((1 << shift) - 1)
        packed >>= np.int64(shift)
        return packed, order
    order = np.argsort(key)
    return key[order], order


def _checked_pairs(
    demand: Any, supply: Any, cost: Any, m: int, n: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """The three columns as arrays, checked (lengths, index ranges, costs), ``inf`` dropped."""
    d = _as_index_array("demand", demand)
    s = _as_index_array("supply", supply)
    c = _as_cost_array(cost)
    if not (d.size == s.size == c.size):
        raise InvalidInputError.bad(
            "costs",
            None,
            "demand, supply and cost must have the same length",
            shown=f"lengths ({d.size}, {s.size}, {c.size})",
        )
    _check_range("demand", d, m)
    _check_range("supply", s, n)
    # one reduction each (NaN propagates through min/max): the common all-finite case
    if c.size and not (float(c.min()) >= 0.0 and float(c.max()) < math.inf):
        _check_costs(c, rows=None, allow_inf=True)
        finite = np.isfinite(c)
        d, s, c = d[finite], s[finite], c[finite]
    return d, s, c


def _refuse_repeats(key: NDArray[Any], sbits: int) -> None:
    """Raise on the first (demand, supply) pair that appears twice in sorted ``key``."""
    dup = np.flatnonzero(key[1:] == key[:-1])
    if dup.size:
        k = int(key[dup[0]])
        pair = (k >> sbits, k & ((1 << sbits) - 1))
        raise InvalidInputError.bad(
            "costs",
            pair,
            "each (demand, supply) pair may appear only once",
            shown=f"pair ({pair[0]}, {pair[1]}) repeated",
        )


def unsorted_pairs(
    demand: Any, supply: Any, cost: Any, *, shape: tuple[int, int]
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """The checks of :meth:`CostTable.from_arrays`, keeping the caller's row order.

    For calculators that only sum over pairs (2SFCA, E2SFCA) and so need no
    table order: the same errors (lengths, ranges, NaN or negative costs, a
    repeated pair), ``inf`` costs dropped, but only the packed (demand, supply)
    keys are sorted, to find repeats — in 32 bits when they fit, without the
    positions and without reordering the costs (about half the time of the
    table's sort).

    Examples
    --------
    >>> d, s, c = unsorted_pairs([1, 0], [0, 0], [5.0, 7.0], shape=(2, 1))
    >>> d.tolist(), c.tolist()
    ([1, 0], [5.0, 7.0])
    >>> unsorted_pairs([0, 0], [1, 1], [5.0, 7.0], shape=(1, 2))
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: costs=pair (0, 1) repeated: each (demand, supply) pair may appear only once
    """  # noqa: E501
    m, n = int(shape[0]), int(shape[1])
    d, s, c = _checked_pairs(demand, supply, cost, m, n)
    if d.size > 1:
        sbits = max(n - 1, 1).bit_length()
        if (max(m, 1) << sbits) <= 1 << 32:
            key = np.left_shift(d.astype(np.uint32), np.uint32(sbits))
            key |= s.astype(np.uint32)
        else:
            key = d << np.int64(sbits)
            key |= s
        key.sort()
        _refuse_repeats(key, sbits)
    return d, s, c


def trusted_table(
    demand: NDArray[np.int64],
    supply: NDArray[np.int64],
    cost: NDArray[np.float64],
    shape: tuple[int, int],
    unit: str | None = None,
) -> CostTable:
    """A :class:`CostTable` from arrays the library already checked (no copy, no re-check).

    Only for data built inside the library: ``demand``/``supply`` int64 and ``cost``
    float64 arrays of equal length, indices in range, costs finite and ``>= 0``, pairs
    sorted by (demand, supply) and unique. The arrays become read-only and belong to
    the table. Skips the O(k) validation pass and the three converter copies of the
    public constructor.
    """
    table = CostTable.__new__(CostTable)
    for name, value in (("demand", demand), ("supply", supply), ("cost", cost)):
        object.__setattr__(table, name, _readonly(value))
    object.__setattr__(table, "shape", (int(shape[0]), int(shape[1])))
    object.__setattr__(table, "unit", unit)
    object.__setattr__(table, "demand_ids", None)
    object.__setattr__(table, "supply_ids", None)
    return table


# ---------------------------------------------------------------- checks ------


def _as_index_array(name: str, value: Any) -> NDArray[np.int64]:
    arr = np.asarray(value)
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.dtype.kind not in "iu":
        raise InvalidInputError.bad(name, value, "indices must be integers")
    return arr.astype(np.int64, copy=False).reshape(-1)


def _as_cost_array(value: Any) -> NDArray[np.float64]:
    try:
        return float64_array(value, "cost", what="costs").reshape(-1)
    except InvalidInputError:
        raise
    except (TypeError, ValueError) as exc:
        raise InvalidInputError.bad("cost", value, "must be numbers >= 0") from exc


def _check_range(name: str, index: NDArray[np.int64], size: int) -> None:
    if index.size == 0:
        return
    if int(index.min()) >= 0 and int(index.max()) < size:  # two reductions, no temporaries
        return
    bad = (index < 0) | (index >= size)
    k = int(np.flatnonzero(bad)[0])
    raise InvalidInputError.bad(
        name, int(index[k]), f"index out of range: must be in 0..{size - 1}"
    )


def _check_costs(
    cost: NDArray[np.float64],
    *,
    rows: tuple[NDArray[Any], NDArray[Any]] | None,
    allow_inf: bool = False,
) -> None:
    bad = np.isnan(cost) | (cost < 0)
    if not allow_inf:
        bad |= np.isinf(cost)
    if bool(bad.any()):
        k = int(np.flatnonzero(bad)[0])
        where = f"costs[{int(rows[0][k])}, {int(rows[1][k])}]" if rows is not None else "cost"
        raise InvalidInputError.bad(where, float(cost[k]), "must be finite and >= 0")


def _lookup(ids: Sequence[Hashable] | None, name: str) -> dict[Hashable, int] | None:
    if ids is None:
        return None
    lookup: dict[Hashable, int] = {}
    for k, key in enumerate(ids):
        if key in lookup:
            raise InvalidInputError.bad(name, key, "ids must be unique", shown=f"{key!r} repeated")
        lookup[key] = k
    return lookup


def _resolve(
    key: Any, lookup: dict[Hashable, int] | None, name: str, row: int, source: str | None
) -> int:
    if lookup is not None:
        try:
            return lookup[key]
        except (KeyError, TypeError):
            known = _show_ids(lookup)
            raise DataError(
                f"{name}={format_value(key)}: unknown {name} id; known ids are {known}",
                source=source,
                row=row,
                field=name,
            ) from None
    if isinstance(key, bool) or not isinstance(key, int | np.integer):
        raise DataError(
            f"{name}={format_value(key)}: expected a 0-based index (int); "
            f"pass the {name} as a mapping {{id: value}} to use ids",
            source=source,
            row=row,
            field=name,
        )
    if not -(2**62) < key < 2**62:
        raise DataError(
            f"{name}={format_value(key)}: index out of range",
            source=source,
            row=row,
            field=name,
        )
    return int(key)


_UNITS = {"population": "persons"}


def check_weights(
    value: Any, name: str, what: str
) -> tuple[NDArray[np.float64], tuple[Hashable, ...] | None]:
    """Validate population/capacity values; returns (values, ids or None).

    Accepts a sequence or 1-D array of numbers, a mapping ``{id: number}`` or a
    ``Points`` layer (its ``weight``; ones when it has none). Values must be finite,
    ``>= 0`` and total at most ``MAX_TOTAL`` = 1e15 (see ``coverage/_finite.py``):
    capacities near 1e308 would otherwise overflow the sums that 2SFCA conserves.
    """
    ids: tuple[Hashable, ...] | None = None
    if isinstance(value, Mapping):
        ids = tuple(value.keys())
        raw: Any = list(value.values())
    elif hasattr(value, "lon") and hasattr(value, "lat"):  # a Points layer
        weight = getattr(value, "weight", None)
        raw = np.ones(len(value.lon)) if weight is None else weight
        point_ids = getattr(value, "id", None)
        ids = None if point_ids is None else tuple(np.asarray(point_ids).tolist())
    else:
        raw = value
    if isinstance(raw, str | bytes):
        raise InvalidInputError.bad(name, value, f"expected {what} as numbers (one per location)")
    try:
        arr = float64_array(raw, name, what=what)
    except InvalidInputError:
        raise
    except (TypeError, ValueError) as exc:
        raise InvalidInputError.bad(
            name, value, f"expected {what} as numbers (one per location)"
        ) from exc
    if arr.ndim != 1:
        raise InvalidInputError.bad(
            name, value, f"expected a 1-D sequence of {what}, got {arr.ndim} dimension(s)"
        )
    bad = ~np.isfinite(arr) | (arr < 0)
    if bool(bad.any()):
        k = int(np.flatnonzero(bad)[0])
        label = repr(ids[k]) if ids is not None else str(k)
        raise InvalidInputError.bad(
            f"{name}[{label}]", float(arr[k]), f"{what} must be finite and >= 0"
        )
    check_total(
        arr, name, unit=_UNITS.get(what, ""), label=lambda k: repr(ids[k]) if ids else str(k)
    )
    arr.flags.writeable = False
    return arr, ids


def as_cost_table(
    costs: Any,
    *,
    shape: tuple[int, int],
    demand_ids: tuple[Hashable, ...] | None,
    supply_ids: tuple[Hashable, ...] | None,
    unit: str | None = None,
) -> CostTable:
    """Coerce any accepted cost form to a :class:`CostTable` of the given shape."""
    m, n = shape
    if isinstance(costs, CostTable):
        table = costs
        if unit is not None and table.unit is None:
            table = attrs.evolve(table, unit=unit)
    elif _is_sparse(costs):
        table = CostTable.from_sparse(costs, unit=unit)
    elif isinstance(costs, np.ndarray):
        table = CostTable.from_dense(costs, unit=unit)
    elif is_frame(costs):
        return _frame_table(
            costs, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=unit
        )
    elif isinstance(costs, Mapping | str | bytes) or costs is None:
        raise InvalidInputError.bad(
            "costs",
            costs,
            "expected an (m, n) array, a scipy sparse matrix, a CostTable "
            "or rows (demand, supply, cost)",
        )
    else:
        try:
            rows = list(costs)
        except TypeError:
            raise InvalidInputError.bad(
                "costs",
                costs,
                "expected an (m, n) array, a scipy sparse matrix, a CostTable "
                "or rows (demand, supply, cost)",
            ) from None
        row_lengths = {_length(r) for r in rows}
        looks_dense = len(rows) == m and row_lengths == {n}
        looks_rows = row_lengths <= {3}
        if looks_dense and looks_rows:
            raise InvalidInputError.bad(
                "costs",
                costs,
                f"ambiguous: {m} rows of 3 values could be an ({m}, 3) matrix or a long "
                "table; pass np.asarray(costs) for a matrix or CostTable.from_rows(...) "
                "for a table",
                shown=f"list of {m} rows of 3",
            )
        if looks_dense and not looks_rows:
            table = CostTable.from_dense(rows, unit=unit)
        elif looks_rows:
            table = CostTable.from_rows(
                rows, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=unit
            )
            return table
        else:
            raise InvalidInputError.bad(
                "costs",
                costs,
                f"expected an ({m}, {n}) matrix or rows of (demand, supply, cost)",
                shown=f"list of {len(rows)} rows",
            )
    if table.shape != (m, n):
        raise InvalidInputError.bad(
            "costs",
            table.shape,
            f"shape must be ({m}, {n}) (demand × supply), got {table.shape}",
            shown=f"shape {table.shape}",
        )
    _check_table_ids(table, demand_ids, supply_ids)
    return table


def _check_table_ids(
    table: CostTable,
    demand_ids: tuple[Hashable, ...] | None,
    supply_ids: tuple[Hashable, ...] | None,
) -> None:
    for name, have, want in (
        ("demand", table.demand_ids, demand_ids),
        ("supply", table.supply_ids, supply_ids),
    ):
        if have is None or want is None or have == want:
            continue
        missing = [k for k in want if k not in set(have)]
        extra = [k for k in have if k not in set(want)]
        if missing or extra:
            raise DataError(
                f"{name} ids of the cost table and of {name} differ: "
                f"only in {name}: {_show_ids(missing)}; only in the table: {_show_ids(extra)}",
                field=name,
            )
        raise DataError(
            f"{name} ids of the cost table are in a different order than {name}; "
            "rebuild the table with the same id order",
            field=name,
        )


def is_frame(value: Any) -> bool:
    """A pandas (or pandas-like) DataFrame: columns, positional access, numpy out."""
    return hasattr(value, "columns") and hasattr(value, "iloc") and hasattr(value, "to_numpy")


def _frame_columns(frame: Any) -> list[NDArray[Any]]:
    """The three columns (demand, supply, cost) of a long-table DataFrame, in order."""
    if len(frame.columns) != 3:
        raise InvalidInputError.bad(
            "costs",
            list(frame.columns),
            "a DataFrame of costs needs 3 columns: demand, supply, cost (in that order)",
            shown=f"DataFrame with columns {list(frame.columns)}",
        )
    cols = []
    for k in range(3):
        series = frame.iloc[:, k]
        boxed = getattr(getattr(series, "dtype", None), "kind", "") == "O"
        if boxed and hasattr(series, "infer_objects"):
            series = series.infer_objects()  # Python ints in an object column: int64
        cols.append(np.asarray(series.to_numpy()))
    return cols


def _frame_table(
    frame: Any,
    *,
    shape: tuple[int, int],
    demand_ids: tuple[Hashable, ...] | None,
    supply_ids: tuple[Hashable, ...] | None,
    unit: str | None,
) -> CostTable:
    """A long table as a DataFrame of three columns (demand, supply, cost), in order.

    Integer positions go straight to :meth:`CostTable.from_arrays` (no Python rows);
    ids (when demand/supply carry them) are resolved row by row as for any long table.
    """
    cols = _frame_columns(frame)
    if demand_ids is None and supply_ids is None:
        return CostTable.from_arrays(*cols, shape=shape, unit=unit)
    rows = zip(*(c.tolist() for c in cols), strict=True)
    return CostTable.from_rows(
        rows, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=unit
    )


def frame_pairs(
    frame: Any,
    *,
    shape: tuple[int, int],
    demand_ids: tuple[Hashable, ...] | None,
    supply_ids: tuple[Hashable, ...] | None,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
    """A long-table DataFrame as checked (demand, supply, cost) arrays, in any order.

    Positions keep the frame's row order (:func:`unsorted_pairs`: no table sort);
    ids are resolved as for any long table (in table order).
    """
    if demand_ids is None and supply_ids is None:
        return unsorted_pairs(*_frame_columns(frame), shape=shape)
    t = _frame_table(frame, shape=shape, demand_ids=demand_ids, supply_ids=supply_ids, unit=None)
    return t.demand, t.supply, t.cost


def _length(row: Any) -> int:
    try:
        return len(row)
    except TypeError:
        return -1


def _is_sparse(value: Any) -> bool:
    if not hasattr(value, "tocoo"):
        return False
    from scipy import sparse

    return bool(sparse.issparse(value))


def existing_indices(
    existing: Any, n: int, candidate_ids: tuple[Hashable, ...] | None
) -> list[int]:
    """Existing sites given as candidate indices or ids -> indices (checked, unique)."""
    if isinstance(existing, str | bytes) or not isinstance(existing, Sequence | np.ndarray):
        raise InvalidInputError.bad(
            "existing", existing, "expected candidate indices or ids, or a Points layer"
        )
    lookup = None if candidate_ids is None else {k: i for i, k in enumerate(candidate_ids)}
    out: list[int] = []
    for item in list(existing):
        if lookup is not None and not isinstance(item, bool) and item in lookup:
            out.append(lookup[item])
            continue
        if lookup is not None or isinstance(item, bool) or not isinstance(item, int | np.integer):
            raise InvalidInputError.bad(
                "existing",
                item,
                "unknown candidate id"
                if lookup is not None
                else "expected candidate indices (int)",
            )
        if not 0 <= int(item) < n:
            raise InvalidInputError.bad(
                "existing", int(item), f"candidate index out of range: must be in 0..{n - 1}"
            )
        out.append(int(item))
    if len(set(out)) != len(out):
        raise InvalidInputError.bad(
            "existing", existing, "each existing site may be listed only once"
        )
    return out


def candidate_columns(costs: Any, m: int | None = None) -> int:
    """Number of candidates implied by a cost table given without candidate ids.

    With ``m`` (the number of demand points) given, ``m`` rows of 3 values could be an
    (m, 3) matrix or a long table: 3 is returned so that :func:`as_cost_table` refuses
    the ambiguity, as it does for 2SFCA.
    """
    if isinstance(costs, CostTable):
        return costs.shape[1]
    shape = getattr(costs, "shape", None)
    if shape is not None and len(shape) == 2:
        return int(shape[1])
    try:
        rows = list(costs)
    except TypeError:
        raise InvalidInputError.bad("costs", costs, "expected an (m, n) cost table") from None
    lengths = {len(r) if hasattr(r, "__len__") else -1 for r in rows}
    if lengths == {3} and len(rows) == m:
        return 3
    if lengths == {3} and all(isinstance(r[1], int | np.integer) for r in rows):
        top = max(int(r[1]) for r in rows)
        if top >= 2**31:
            raise InvalidInputError.bad("costs", top, "supply index out of range: must be < 2**31")
        return top + 1
    if len(lengths) == 1 and -1 not in lengths:
        return lengths.pop()
    raise InvalidInputError.bad("costs", costs, "expected an (m, n) cost table or rows")
