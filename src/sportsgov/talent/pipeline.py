"""The 一二三线 training pipeline as a Markov manpower model.

A :class:`PipelineModel` holds the tiers of a training network (三线 grassroots
traditional schools and clubs → 二线 city/county sports schools → 一线
provincial teams, or any other ladder) and the yearly transition rates between
them. Stocks move by the classic Markov manpower equation (Bartholomew 1982,
*Stochastic Models for Social Processes*, 3rd ed.)::

    n(t+1) = n(t) · P + r(t+1)

where ``n`` is the row vector of people per tier, ``P[i][j]`` the share of tier
``i`` found in tier ``j`` a year later (``P[i][i]`` is retention, ``P[i][j]``
with ``j != i`` promotion, transfer or demotion) and ``r`` the intake (new
recruits, 招生/选材). The attrition (流失/淘汰) rate of tier ``i`` is
``1 - sum_j P[i][j]``.

:meth:`PipelineModel.project` runs the equation forward in one of three modes:

``"float"``
    numpy float64, vectorized over any number of units (districts, schools);
    the fast path for large scenario runs.
``"exact"``
    :class:`~fractions.Fraction` arithmetic (numpy object arrays): expected
    stocks without rounding error, for audits and tests.
``"integer"``
    whole people: each year every tier's stock is split into stayers, movers to
    each tier and leavers by the largest-remainder rule (Hamilton, ties to the
    earlier destination in tier order, attrition last), computed in exact
    integer arithmetic, so reports never show fractional athletes and
    ``stock + intake - leavers - promoted out + promoted in = next stock``
    holds exactly.

:meth:`PipelineModel.required_intake` inverts the projection: the constant
yearly intake that brings the stock to a target by a given year.

Examples
--------
>>> from sportsgov.talent import PipelineModel
>>> model = PipelineModel(
...     ["grassroots", "city", "province"],
...     {"grassroots": {"grassroots": "0.6", "city": "0.1"},
...      "city": {"city": "0.7", "province": "0.05"},
...      "province": {"province": "0.8"}},
... )
>>> model.attrition_of("grassroots")
Fraction(3, 10)
>>> p = model.project({"grassroots": 4000, "city": 600, "province": 40}, 1,
...                   intake={"grassroots": 1200}, mode="integer")
>>> p.stock(1)
{'grassroots': 3600, 'city': 820, 'province': 62}
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias, cast

import numpy as np
from attrs import frozen

from sportsgov._common.tablefile import TableReader
from sportsgov._exact import fmt, to_fraction
from sportsgov.errors import InfeasibleError, InvalidInputError, NotFoundError
from sportsgov.talent._csv import sheet_rows
from sportsgov.talent.projection import MODES, IntakePlan, Mode, Projection, plain
from sportsgov.talent.tiers import Tier, as_tiers

if TYPE_CHECKING:
    from sportsgov._common.tables import Errors, RawTable

__all__ = ["PipelineModel"]

Match: TypeAlias = Literal["exact", "at_least"]
_MATCHES = ("exact", "at_least")
_RATE_FIELDS = ("from", "to", "rate")


def _lookup(codes: Sequence[str], tier: object, argument: str) -> int:
    if isinstance(tier, Tier):
        tier = tier.code
    try:
        return list(codes).index(tier)  # type: ignore[arg-type]
    except ValueError:
        allowed = ", ".join(repr(c) for c in codes)
        raise NotFoundError.bad(
            argument, tier, f"unknown tier; expected one of {allowed}"
        ) from None


MAX_PEOPLE = 10**12
"""Largest stock or intake of one tier in one unit [people]: far beyond any real
pipeline, small enough that float projections stay finite and exact ones fast."""
MAX_YEARS = 1000
"""Longest projection [years]."""


def _check_rate(value: object, argument: str) -> Fraction:
    rate = to_fraction(value, argument, floats="shortest")
    if not 0 <= rate <= 1:
        raise InvalidInputError.bad(argument, value, "must be in [0, 1]", shown=fmt(rate))
    return rate


@frozen(init=False)
class PipelineModel(TableReader):
    """Markov manpower model of a training pipeline: ``n(t+1) = n(t)·P + intake``.

    Parameters
    ----------
    tiers : sequence of Tier or str
        The tiers in a fixed order (grassroots first is customary).
    transitions : mapping or square matrix
        Yearly rates [share of the tier per year]: ``{from: {to: rate}}`` (missing
        entries are 0) or a ``k × k`` nested list / numpy array in tier order.
        ``transitions[i][i]`` is retention; the others are promotions or
        transfers. Rates may be int, Fraction, Decimal, float or strings
        (``"0.6"``, ``"3/5"``, ``"60%"``) and are stored exactly.
    attrition : mapping or sequence, optional
        Yearly leaving rate per tier. By default ``1 - row sum``. If given it
        must equal ``1 - row sum`` exactly (a consistency check).
    source : str
        Where the rates come from (a citation or data file).

    Raises
    ------
    InvalidInputError
        A rate outside [0, 1], a row summing above 1, attrition inconsistent
        with the row, or a matrix of the wrong shape.
    NotFoundError
        A mapping names an unknown tier.

    Examples
    --------
    >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    >>> m.attrition
    (Fraction(1, 4), Fraction(1, 10))
    >>> PipelineModel(["a", "b"], [["0.9", "0.2"], [0, 1]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: transitions['a']=1.1: row sums above 1; must be <= 1 ...
    """

    table_kind: ClassVar[str] = "talent_rates"
    file_options: ClassVar[tuple[str, ...]] = ("tiers", "source")

    tiers: tuple[Tier, ...]
    transitions: tuple[tuple[Fraction, ...], ...]
    attrition: tuple[Fraction, ...]
    source: str = ""

    def __init__(
        self,
        tiers: Iterable[Tier | str | Mapping[str, Any]],
        transitions: Mapping[str, Mapping[str, object]] | Sequence[Sequence[object]] | Any,
        attrition: Mapping[str, object] | Sequence[object] | None = None,
        *,
        source: str = "",
    ) -> None:
        tier_objs = as_tiers(tiers)
        codes = [t.code for t in tier_objs]
        k = len(codes)
        rows: list[list[Fraction]] = [[Fraction(0)] * k for _ in range(k)]
        if isinstance(transitions, Mapping):
            for src, targets in transitions.items():
                i = _lookup(codes, src, "transitions")
                if not isinstance(targets, Mapping):
                    raise InvalidInputError.bad(
                        f"transitions[{codes[i]!r}]", targets, "expected a mapping {to: rate}"
                    )
                for dst, rate in targets.items():
                    j = _lookup(codes, dst, f"transitions[{codes[i]!r}]")
                    rows[i][j] = _check_rate(rate, f"transitions[{codes[i]!r}][{codes[j]!r}]")
        else:
            matrix = list(transitions.tolist() if hasattr(transitions, "tolist") else transitions)
            if len(matrix) != k or any(
                isinstance(r, str) or not hasattr(r, "__len__") or len(r) != k for r in matrix
            ):
                raise InvalidInputError.bad(
                    "transitions", matrix, f"expected a {k} × {k} matrix (one row per tier)"
                )
            for i, row in enumerate(matrix):
                for j, rate in enumerate(row):
                    rows[i][j] = _check_rate(rate, f"transitions[{codes[i]!r}][{codes[j]!r}]")
        leave: list[Fraction] = []
        for i, row in enumerate(rows):
            total = sum(row, Fraction(0))
            if total > 1:
                raise InvalidInputError.bad(
                    f"transitions[{codes[i]!r}]",
                    total,
                    "row sums above 1; must be <= 1 (the rest is attrition)",
                    shown=fmt(total),
                )
            leave.append(1 - total)
        if attrition is not None:
            given: list[Fraction | None] = [None] * k
            if isinstance(attrition, Mapping):
                for code, rate in attrition.items():
                    i = _lookup(codes, code, "attrition")
                    given[i] = _check_rate(rate, f"attrition[{codes[i]!r}]")
            else:
                seq = list(attrition)
                if len(seq) != k:
                    raise InvalidInputError.bad("attrition", seq, f"expected {k} rates")
                given = [_check_rate(r, f"attrition[{codes[i]!r}]") for i, r in enumerate(seq)]
            for i, rate in enumerate(given):
                if rate is not None and rate != leave[i]:
                    raise InvalidInputError.bad(
                        f"attrition[{codes[i]!r}]",
                        rate,
                        f"must equal 1 - row sum = {fmt(leave[i])} "
                        "(retention + promotions + attrition = 1)",
                        shown=fmt(rate),
                    )
        self.__attrs_init__(tier_objs, tuple(tuple(r) for r in rows), tuple(leave), source)

    # -- alternative constructors -------------------------------------------------
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        tiers: Iterable[Tier | str | Mapping[str, Any]],
        source: str = "",
    ) -> PipelineModel:
        """Build from rows ``{"from": code, "to": code, "rate": r}``.

        Examples
        --------
        >>> m = PipelineModel.from_records(
        ...     [{"from": "a", "to": "a", "rate": "0.7"}, {"from": "a", "to": "b", "rate": "0.1"}],
        ...     tiers=["a", "b"])
        >>> m.attrition_of("a"), m.attrition_of("b")
        (Fraction(1, 5), Fraction(1, 1))
        """
        nested: dict[str, dict[str, object]] = {}
        for n, rec in enumerate(records, start=1):
            try:
                nested.setdefault(str(rec["from"]), {})[str(rec["to"])] = rec["rate"]
            except KeyError as exc:
                raise InvalidInputError.bad(
                    f"records[{n}]",
                    dict(rec),
                    f"missing key {exc.args[0]!r} (need from, to, rate)",
                ) from None
        return cls(tiers, nested, source=source)

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        encoding: str | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        tiers: Iterable[Tier | str | Mapping[str, Any]] | None = None,
        source: str | None = None,
    ) -> PipelineModel:
        """Read rates from a CSV with columns ``from,to,rate``: :meth:`from_file`.

        Takes the keywords of every table's ``from_csv`` (``encoding``, ``columns``,
        ``errors``) and the model's own (``tiers``, ``source``), as :meth:`from_file`.
        """
        return cls.from_file(
            path, encoding=encoding, columns=columns, errors=errors, tiers=tiers, source=source
        )

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        encoding: str | None = None,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        tiers: Iterable[Tier | str | Mapping[str, Any]] | None = None,
        source: str | None = None,
    ) -> PipelineModel:
        """Read rates from a table file with columns ``from,to,rate`` (one row per non-zero rate).

        CSV in any encoding, ``.csv.gz``, ``.xlsx`` or ``.xls``, Chinese headers
        (起始层级, 目标层级, 转移率) through the one table reader; ``columns=`` maps
        other headers. Row numbers in errors are the spreadsheet's (header = row 1).

        ``tiers`` fixes the tier order; by default tiers appear in the order first
        seen. ``source`` is stored on the model (default the path). Bad rows raise
        :class:`DataError` naming the file, row and field; ``errors`` other than
        ``"raise"`` raise :class:`InvalidInputError`.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "rates.csv"
        >>> _ = path.write_text("from,to,rate\\nbase,base,0.6\\nbase,top,0.1\\ntop,top,0.8\\n")
        >>> PipelineModel.from_csv(path).attrition
        (Fraction(3, 10), Fraction(1, 5))
        """
        return cast(
            PipelineModel,
            cls._read_file(
                path, encoding, sheet, columns, errors, tiers=tiers, source=source or str(path)
            ),
        )

    @classmethod
    def from_frame(
        cls,
        df: Any,
        *,
        columns: Mapping[str, str] | None = None,
        tiers: Iterable[Tier | str | Mapping[str, Any]] | None = None,
        source: str = "",
    ) -> PipelineModel:
        """Build from a pandas DataFrame ``from, to, rate`` (the aliases of :meth:`from_file`).

        Rates may be Fractions, Decimals, ints, floats or text (``"3/5"``, ``"60%"``).
        The frame holds rates only: pass ``tiers`` to keep tier names and lines
        (by default tiers are the codes in the order first seen). ``source`` is stored
        on the model as given (a frame has no path). Errors name the frame row
        (position + 2, as for a saved sheet).

        Examples
        --------
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> PipelineModel.from_frame(m.to_frame()) == m
        True
        """
        return cast(
            PipelineModel,
            cls._read_frame(df, columns, "raise", tiers=tiers, source=source),
        )

    @classmethod
    def _from_raw(
        cls,
        raw: RawTable,
        errors: Errors,
        *,
        tiers: Iterable[Tier | str | Mapping[str, Any]] | None = None,
        source: str = "",
        **_: Any,  # nothing else reaches here: the readers check file_options
    ) -> PipelineModel:
        """The model from a read table; errors name ``raw.source`` and the sheet row."""
        return cls._from_rows(sheet_rows(raw, _RATE_FIELDS), tiers, raw.source, source)

    @classmethod
    def _from_rows(
        cls,
        rows: list[tuple[int, dict[str, str]]],
        tiers: Iterable[Tier | str | Mapping[str, Any]] | None,
        where: str,
        source: str,
    ) -> PipelineModel:
        from sportsgov.errors import DataError

        seen: list[str] = []
        nested: dict[str, dict[str, object]] = {}
        for n, row in rows:
            for key in ("from", "to"):
                if not row[key]:
                    raise DataError(f"{key}='': must name a tier", source=where, row=n,
                                    field=key)  # fmt: skip
                if row[key] not in seen:
                    seen.append(row[key])
            try:
                rate = _check_rate(row["rate"], "rate")
            except InvalidInputError as exc:
                raise DataError(str(exc), source=where, row=n, field="rate") from None
            if row["to"] in nested.get(row["from"], {}):
                raise DataError(
                    f"from={row['from']!r}, to={row['to']!r}: given twice",
                    source=where,
                    row=n,
                    field="to",
                )
            nested.setdefault(row["from"], {})[row["to"]] = rate
        try:
            return cls(tiers if tiers is not None else seen, nested, source=source)
        except InvalidInputError as exc:
            raise DataError(str(exc), source=where) from None

    def __repr__(self) -> str:
        """Short: the tiers with their stay and attrition rates (never the matrix).

        Examples
        --------
        >>> PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        PipelineModel(source='', tiers=[a: stay 1/2 leave 1/4, b: stay 9/10 leave 1/10])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "PipelineModel",
            [("source", self.source)],
            (
                f"{c}: stay {self.transitions[i][i]} leave {self.attrition[i]}"
                for i, c in enumerate(self.codes)
            ),
            count=len(self.codes),
            label="tiers",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first transitions, columns as :meth:`to_frame`."""
        import itertools

        from sportsgov._common.display import html_table

        codes = self.codes
        moves = [
            (codes[i], codes[j], rate)
            for i, row in enumerate(self.transitions)
            for j, rate in enumerate(row)
            if i != j and rate
        ]
        return html_table(
            f"PipelineModel: {len(codes)} tiers, {len(moves)} promotions",
            ["from", "to", "rate"],
            itertools.chain(((c, c, self.transitions[i][i]) for i, c in enumerate(codes)), moves),
            count=len(codes) + len(moves),
        )

    def to_frame(self) -> Any:
        """The rates as a pandas DataFrame ``from, to, rate`` (the ``from_file`` layout).

        One retention row per tier first (``from == to``, in tier order, zero rates
        included, so every tier and the tier order survive a round trip), then every
        non-zero move in tier order. ``rate`` is the exact
        :class:`~fractions.Fraction` [share of the tier per year]; attrition is
        ``1 - row sum``. Tier names and lines are not in the frame: pass
        ``tiers=model.tiers`` to :meth:`from_frame` to keep them. Needs the
        ``pandas`` extra.

        Examples
        --------
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> m.to_frame().values.tolist()
        [['a', 'a', Fraction(1, 2)], ['b', 'b', Fraction(9, 10)], ['a', 'b', Fraction(1, 4)]]
        """
        from sportsgov._common.frames import pandas

        pd = pandas("PipelineModel.to_frame")
        codes = self.codes
        rows = [[c, c, self.transitions[i][i]] for i, c in enumerate(codes)]
        rows += [
            [codes[i], codes[j], rate]
            for i, row in enumerate(self.transitions)
            for j, rate in enumerate(row)
            if i != j and rate
        ]
        return pd.DataFrame(rows, columns=["from", "to", "rate"])

    # -- accessors ----------------------------------------------------------------
    @property
    def codes(self) -> tuple[str, ...]:
        """Tier codes in model order."""
        return tuple(t.code for t in self.tiers)

    def index(self, tier: Tier | str) -> int:
        """Position of ``tier`` in the model; unknown tiers raise :class:`NotFoundError`.

        Examples
        --------
        >>> PipelineModel(["a", "b"], [[0, 1], [0, 0]]).index("b")
        1
        """
        return _lookup(self.codes, tier, "tier")

    def rate(self, src: Tier | str, dst: Tier | str) -> Fraction:
        """The yearly rate from ``src`` to ``dst`` [share per year].

        Examples
        --------
        >>> PipelineModel(["a", "b"], [["0.5", "0.5"], [0, 1]]).rate("a", "b")
        Fraction(1, 2)
        """
        return self.transitions[self.index(src)][self.index(dst)]

    def attrition_of(self, tier: Tier | str) -> Fraction:
        """The yearly attrition rate of ``tier`` (``1 - row sum``).

        Examples
        --------
        >>> PipelineModel(["a"], [["0.8"]]).attrition_of("a")
        Fraction(1, 5)
        """
        return self.attrition[self.index(tier)]

    def matrix(self, *, exact: bool = False) -> np.ndarray[Any, Any]:
        """The transition matrix ``P`` as a numpy array (float64, or Fractions if ``exact``).

        Examples
        --------
        >>> PipelineModel(["a", "b"], [["0.5", "0.25"], [0, 1]]).matrix()
        array([[0.5 , 0.25],
               [0.  , 1.  ]])
        """
        if exact:
            out = np.empty((len(self.tiers), len(self.tiers)), dtype=object)
            for i, row in enumerate(self.transitions):
                for j, rate in enumerate(row):
                    out[i, j] = rate
            return out
        return np.array([[float(r) for r in row] for row in self.transitions], dtype=float)

    # -- projection -----------------------------------------------------------------
    def project(
        self,
        stock: Mapping[str, object] | Sequence[object] | Any,
        years: int,
        intake: Mapping[str, object] | Sequence[object] | Any | None = None,
        *,
        mode: Mode = "float",
    ) -> Projection:
        """Project stocks ``years`` years ahead: ``n(t+1) = n(t)·P + intake(t+1)``.

        Parameters
        ----------
        stock : mapping, sequence or array [people]
            ``{tier: n}`` or a length-``k`` vector for one unit, or a
            ``units × k`` array for many units at once (vectorized).
        years : int
            Number of yearly steps (>= 1).
        intake : mapping, sequence or array [people per year], optional
            ``{tier: n}`` or ``{tier: [n per year]}``; a ``(k,)`` vector (same
            every year), ``(years, k)`` (per year, every unit) or
            ``(units, years, k)``. Intake of year ``t`` is counted in the stock
            at the end of year ``t``.
        mode : {"float", "exact", "integer"}
            numpy floats (fast), exact Fractions, or whole people with the
            largest-remainder split of every tier each year.

        Returns
        -------
        Projection
            Stocks for years ``0..years`` plus intake, flows and leavers.

        Raises
        ------
        InvalidInputError
            Negative or non-finite stocks or intakes, or beyond
            :data:`MAX_PEOPLE` (10¹² per tier and unit), ``years`` beyond
            :data:`MAX_YEARS` (1000), wrong shapes, a bad mode, or non-whole
            numbers in ``mode="integer"``.
        NotFoundError
            A mapping names an unknown tier.

        Examples
        --------
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> m.project({"a": 100, "b": 10}, 2, intake={"a": 50}, mode="exact").stock(2)
        {'a': Fraction(100, 1), 'b': Fraction(278, 5)}
        >>> m.project({"a": 100, "b": 10}, 2, intake={"a": 50}, mode="integer").stock(2)
        {'a': 100, 'b': 56}
        """
        if mode not in MODES:
            raise InvalidInputError.bad(
                "mode", mode, "expected one of 'float', 'exact', 'integer'"
            )
        if isinstance(years, bool) or not isinstance(years, int | np.integer) or years < 1:
            raise InvalidInputError.bad("years", years, "must be an int >= 1")
        if years > MAX_YEARS:
            raise InvalidInputError.bad("years", years, f"must be <= {MAX_YEARS}")
        years = int(years)
        k = len(self.tiers)
        single, n0 = self._stock_array(stock, mode)
        units = n0.shape[0]
        r = self._intake_array(intake, years, units, mode)
        if mode == "integer":
            return self._project_integer(n0, r, years, single)
        dtype: type[object] = object if mode == "exact" else float
        p = self.matrix(exact=mode == "exact")
        stocks = np.empty((units, years + 1, k), dtype=dtype)
        stocks[:, 0, :] = n0
        for t in range(years):
            stocks[:, t + 1, :] = stocks[:, t, :] @ p + r[:, t, :]
        if mode == "float" and not np.isfinite(stocks).all():  # guarded by the bounds
            raise InvalidInputError.bad(  # pragma: no cover - unreachable within MAX_PEOPLE
                "stock", stock, "the projection left the float range: use mode='exact'"
            )
        leave = np.array([a if mode == "exact" else float(a) for a in self.attrition], dtype=dtype)
        return Projection._build(self, mode, stocks, r, p, leave, None, single)

    def _stock_array(self, stock: Any, mode: str) -> tuple[bool, np.ndarray[Any, Any]]:
        k = len(self.tiers)
        if isinstance(stock, Mapping):
            vec = np.zeros((1, k), dtype=object)
            for code, n in stock.items():
                # one cell each: np.array([[...]]) would turn list values into a third axis
                vec[0, _lookup(self.codes, code, "stock")] = n
            return True, self._numbers(vec, "stock", mode)
        arr = _as_array(stock, "stock", mode)
        if arr.ndim == 1 and arr.shape[0] == k:
            return True, self._numbers(arr.reshape(1, k), "stock", mode)
        if arr.ndim == 2 and arr.shape[1] == k and arr.shape[0] >= 1:
            return False, self._numbers(arr, "stock", mode)
        raise InvalidInputError.bad(
            "stock", stock, f"expected {{tier: n}}, a length-{k} vector or a units × {k} array"
        )

    def _intake_array(
        self, intake: Any, years: int, units: int, mode: str
    ) -> np.ndarray[Any, Any]:
        k = len(self.tiers)
        if intake is None:
            arr: np.ndarray[Any, Any] = np.zeros((1, 1, k), dtype=object)
        elif isinstance(intake, Mapping):
            arr = np.zeros((1, years, k), dtype=object)
            for code, value in intake.items():
                j = _lookup(self.codes, code, "intake")
                if isinstance(value, str) or not hasattr(value, "__len__"):
                    arr[0, :, j] = value
                else:
                    seq = list(value)
                    if len(seq) != years:
                        raise InvalidInputError.bad(
                            f"intake[{self.codes[j]!r}]", seq, f"expected {years} yearly values"
                        )
                    for t, v in enumerate(seq):
                        arr[0, t, j] = v
        else:
            raw = _as_array(intake, "intake", mode)
            if raw.ndim == 1 and raw.shape == (k,):
                arr = raw.reshape(1, 1, k)
            elif raw.ndim == 2 and raw.shape == (years, k):
                arr = raw.reshape(1, years, k)
            elif raw.ndim == 3 and raw.shape == (units, years, k):
                arr = raw
            else:
                raise InvalidInputError.bad(
                    "intake",
                    intake,
                    f"expected {{tier: n}}, shape ({k},), ({years}, {k}) "
                    f"or ({units}, {years}, {k})",
                )
        checked = self._numbers(arr, "intake", mode)
        return np.broadcast_to(checked, (units, years, k)).copy()

    def _numbers(
        self, arr: np.ndarray[Any, Any], argument: str, mode: str
    ) -> np.ndarray[Any, Any]:
        """Validate (finite, >= 0) and convert to the mode's dtype."""
        if mode == "float":
            try:
                out = np.asarray(arr, dtype=float)
            except (TypeError, ValueError, OverflowError):
                for pos, value in np.ndenumerate(np.asarray(arr, dtype=object)):
                    name = f"{argument}[{self.codes[pos[-1]]!r}]"
                    if to_fraction(plain(value), name, floats="shortest") > MAX_PEOPLE:
                        raise InvalidInputError.bad(  # an int beyond the float range
                            name, plain(value), f"must be <= {MAX_PEOPLE:,} [people]"
                        ) from None
                raise InvalidInputError.bad(argument, arr, "expected numbers") from None
            huge = np.isfinite(out) & (out > MAX_PEOPLE)
            if huge.any():
                pos = tuple(int(x) for x in np.argwhere(huge)[0])
                raise InvalidInputError.bad(
                    f"{argument}[{self.codes[pos[-1]]!r}]",
                    plain(arr[pos]),
                    f"must be <= {MAX_PEOPLE:,} [people]",
                )
            bad = ~np.isfinite(out) | (out < 0)
            if bad.any():
                pos = tuple(int(x) for x in np.argwhere(bad)[0])
                tier = self.codes[pos[-1]]
                raise InvalidInputError.bad(
                    f"{argument}[{tier!r}]",
                    plain(arr[pos]),
                    "must be a finite number >= 0 [people]",
                )
            return out
        try:
            numeric = np.asarray(arr.tolist())
        except (TypeError, ValueError):  # ragged or exotic input: checked one by one below
            numeric = np.asarray(0)
        if (
            numeric.shape == arr.shape
            and numeric.dtype.kind in "iu"
            and not (numeric < 0).any()
            and not (numeric > MAX_PEOPLE).any()
        ):
            # Fast path for integer arrays (whole people): exact as Python ints / int64.
            if mode == "integer" and numeric.dtype.kind == "i":
                return numeric.astype(np.int64)
            return numeric.astype(object)
        out = np.empty(arr.shape, dtype=object)
        for pos, value in np.ndenumerate(arr):
            tier = self.codes[pos[-1]]
            frac = to_fraction(value, f"{argument}[{tier!r}]", floats="shortest")
            if abs(frac) > MAX_PEOPLE:  # checked first: fmt() cannot show a 5000-digit int
                raise InvalidInputError.bad(
                    f"{argument}[{tier!r}]",
                    value,
                    "must be >= 0 [people]" if frac < 0 else f"must be <= {MAX_PEOPLE:,} [people]",
                )
            if frac < 0:
                raise InvalidInputError.bad(
                    f"{argument}[{tier!r}]", value, "must be >= 0 [people]", shown=fmt(frac)
                )
            if mode == "integer":
                if frac.denominator != 1:
                    raise InvalidInputError.bad(
                        f"{argument}[{tier!r}]",
                        value,
                        "must be whole people in mode='integer' (round first, e.g. "
                        "IntakePlan.whole_per_year)",
                        shown=fmt(frac),
                    )
                out[pos] = frac.numerator
            else:
                out[pos] = frac
        return out

    def _project_integer(
        self, n0: np.ndarray[Any, Any], r: np.ndarray[Any, Any], years: int, single: bool
    ) -> Projection:
        k = len(self.tiers)
        full = [[*row, leave] for row, leave in zip(self.transitions, self.attrition, strict=True)]
        denom = math.lcm(*(x.denominator for row in full for x in row))
        numer = [[x.numerator * (denom // x.denominator) for x in row] for row in full]
        biggest = max(int(n0.max()), 0) + years * max(int(r.max()), 0) if r.size else 0
        fits = (biggest + 1) * denom * (k + 1) < 2**62
        dtype: type[object] = np.int64 if fits else object
        weights = np.array(numer, dtype=dtype)  # (k, k+1)
        units = n0.shape[0]
        stocks = np.zeros((units, years + 1, k), dtype=dtype)
        moves = np.zeros((units, years, k, k + 1), dtype=dtype)
        stocks[:, 0, :] = n0
        intake = r.astype(dtype)
        rank_base = np.arange(k + 1)
        for t in range(years):
            n = stocks[:, t, :]
            q = n[:, :, None] * weights[None, :, :]
            base = q // denom
            rem = q % denom
            left = n - base.sum(axis=-1)
            # Largest remainder, ties to the earlier destination (stable sort).
            order = np.argsort(-rem, axis=-1, kind="stable")
            ranks = np.empty_like(order)
            np.put_along_axis(ranks, order, np.broadcast_to(rank_base, order.shape), axis=-1)
            flows = base + (ranks < left[:, :, None])
            moves[:, t] = flows
            stocks[:, t + 1, :] = flows[:, :, :k].sum(axis=1) + intake[:, t, :]
        p = np.array([[int(x * denom) for x in row] for row in self.transitions], dtype=object)
        return Projection._build(
            self, "integer", stocks, intake, p, np.zeros(k, dtype=object), moves, single
        )

    # -- inverse ----------------------------------------------------------------------
    def required_intake(
        self,
        target: Mapping[str, object] | Sequence[object],
        year: int,
        *,
        stock: Mapping[str, object] | Sequence[object],
        start: int | None = None,
        entry: Iterable[Tier | str] | None = None,
        match: Match = "exact",
    ) -> IntakePlan:
        """The constant yearly intake that brings ``stock`` to ``target`` by ``year``.

        Solves ``target = stock·P^T + r·(I + P + … + P^(T-1))`` for ``r >= 0``.

        * ``match="exact"``, a target for every tier and intake allowed into every
          tier (``entry=None``): closed form, solved in exact Fractions
          (Gauss-Jordan elimination).
        * otherwise (intake only into ``entry`` tiers, e.g. recruits enter only
          at the grassroots; some tiers without target; or ``match="at_least"``):
          the smallest total intake
          meeting the target, by linear programming (``scipy.optimize.linprog``,
          HiGHS); ``per_year`` then holds the solver's result as Fractions
          (to 1e-9).

        Parameters
        ----------
        target : mapping or sequence [people]
            Stock wanted at the end of ``year``. Tiers not named in a mapping
            are unconstrained (then the linear programme is used).
        year : int
            Horizon in years (>= 1), or a calendar year if ``start`` is given.
        stock : mapping or sequence [people]
            Stock now (end of year 0 / of ``start``).
        start : int, optional
            Calendar year of ``stock``; then ``year`` is a calendar year.
        entry : iterable of tiers, optional
            Tiers that may take intake (default: all).
        match : {"exact", "at_least"}
            Hit the target exactly, or reach at least it with minimal intake.

        Returns
        -------
        IntakePlan

        Raises
        ------
        InfeasibleError
            The target cannot be reached; the message names the tier (a
            surplus that only removals could fix, or a tier with no promotion
            path from the entry tiers within the horizon).

        Examples
        --------
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> plan = m.required_intake({"a": 125, "b": 60}, 2, stock={"a": 100, "b": 10})
        >>> plan.per_year
        (Fraction(200, 3), Fraction(7, 57))
        >>> m.project({"a": 100, "b": 10}, 2, plan.per_year, mode="exact").stock(2)
        {'a': Fraction(125, 1), 'b': Fraction(60, 1)}
        >>> plan.whole_per_year
        (67, 1)
        """
        if match not in _MATCHES:
            raise InvalidInputError.bad("match", match, "expected one of 'exact', 'at_least'")
        if start is not None:
            horizon = int(year) - int(start)
            if horizon < 1:
                raise InvalidInputError.bad("year", year, f"must be after start={start}")
        else:
            horizon = year
        if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 1:
            raise InvalidInputError.bad("year", year, "must be an int >= 1 (years ahead)")
        k = len(self.tiers)
        _, n0_arr = self._stock_array(stock, "exact")
        n0 = [Fraction(x) for x in n0_arr[0]]
        wanted: list[Fraction | None] = [None] * k
        if isinstance(target, Mapping):
            for code, value in target.items():
                j = _lookup(self.codes, code, "target")
                wanted[j] = self._target_value(value, j)
        else:
            seq = list(target)
            if len(seq) != k:
                raise InvalidInputError.bad("target", seq, f"expected {k} values")
            wanted = [self._target_value(v, j) for j, v in enumerate(seq)]
        entry_idx = list(range(k)) if entry is None else sorted({self.index(e) for e in entry})
        if not entry_idx:
            raise InvalidInputError.bad("entry", entry, "must name at least one tier")
        p = [list(row) for row in self.transitions]
        powers = [_identity(k)]
        for _ in range(horizon):
            powers.append(_matmul(powers[-1], p))
        s = _identity(k)
        for m in powers[1:horizon]:
            s = [[a + b for a, b in zip(r1, r2, strict=True)] for r1, r2 in zip(s, m, strict=True)]
        drift = _vecmat(n0, powers[horizon])
        if match == "exact" and len(entry_idx) == k and all(w is not None for w in wanted):
            need = [w - d for w, d in zip(wanted, drift, strict=True)]  # type: ignore[operator]
            sol = _solve_transposed(s, need)
            if sol is not None:
                negative = [j for j, x in enumerate(sol) if x < 0]
                if negative:
                    j = negative[0]
                    raise InfeasibleError(
                        f"target[{self.codes[j]!r}]={fmt(wanted[j] or 0)}: cannot be "
                        f"reached by year {year}: it would need a negative intake "
                        f"({fmt(sol[j])} a year); the people already there or promoted "
                        f"into it exceed the target "
                        f"(tiers affected: {[self.codes[i] for i in negative]})"
                    )
                return self._plan(horizon, sol, "closed-form", n0, wanted, powers, s)
        sol = self._solve_lp(s, drift, wanted, entry_idx, match, year, horizon)
        return self._plan(horizon, sol, "linprog", n0, wanted, powers, s)

    def _target_value(self, value: object, j: int) -> Fraction:
        frac = to_fraction(value, f"target[{self.codes[j]!r}]", floats="shortest")
        if frac < 0:
            raise InvalidInputError.bad(
                f"target[{self.codes[j]!r}]", value, "must be >= 0 [people]", shown=fmt(frac)
            )
        return frac

    def _solve_lp(
        self,
        s: list[list[Fraction]],
        drift: list[Fraction],
        wanted: list[Fraction | None],
        entry_idx: list[int],
        match: str,
        year: int,
        horizon: int,
    ) -> list[Fraction]:
        from scipy.optimize import linprog, nnls

        k = len(self.tiers)
        rows = [j for j in range(k) if wanted[j] is not None]
        need = {j: wanted[j] - drift[j] for j in rows}  # type: ignore[operator]
        # Reachability: a tier with a positive need but no path from an entry tier.
        for j in rows:
            if need[j] > 0 and all(s[e][j] == 0 for e in entry_idx):
                raise InfeasibleError(
                    f"target[{self.codes[j]!r}]={fmt(wanted[j] or 0)}: cannot be reached by year "
                    f"{year}: no promotion path from the entry tiers "
                    f"{[self.codes[e] for e in entry_idx]} within {horizon} year(s)"
                )
        a = np.array([[float(s[e][j]) for e in entry_idx] for j in rows], dtype=float)
        b = np.array([float(need[j]) for j in rows], dtype=float)
        cost = np.ones(len(entry_idx))
        if match == "exact":
            res = linprog(cost, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        else:
            res = linprog(cost, A_ub=-a, b_ub=-b, bounds=(0, None), method="highs")
        if res.status != 0:
            x, _ = nnls(a, b)
            resid = a @ x - b
            worst = int(np.argmax(np.abs(resid)))
            j = rows[worst]
            why = "a surplus (too many people already there or promoted in)"
            if resid[worst] < 0:
                why = "a shortfall the entry tiers cannot fill in the right proportions"
            raise InfeasibleError(
                f"target[{self.codes[j]!r}]={fmt(wanted[j] or 0)}: cannot be reached by "
                f"year {year} with intake only into {[self.codes[e] for e in entry_idx]}: {why}; "
                f"closest reachable is {a[worst] @ x + float(drift[j]):.6g}"
            )
        out = [Fraction(0)] * k
        for e, value in zip(entry_idx, res.x, strict=True):
            out[e] = Fraction(max(float(value), 0.0)).limit_denominator(10**9)
        return out

    def _plan(
        self,
        horizon: int,
        sol: list[Fraction],
        method: str,
        n0: list[Fraction],
        wanted: list[Fraction | None],
        powers: list[list[list[Fraction]]],
        s: list[list[Fraction]],
    ) -> IntakePlan:
        drift = _vecmat(n0, powers[horizon])
        add = _vecmat(sol, s)
        reached = tuple(d + a for d, a in zip(drift, add, strict=True))
        whole = tuple(math.ceil(x) for x in sol)
        return IntakePlan(
            tiers=self.tiers,
            years=horizon,
            per_year=tuple(sol),
            whole_per_year=whole,
            method=method,
            target=tuple(wanted),
            reached=reached,
        )


def _as_array(value: Any, argument: str, mode: str) -> np.ndarray[Any, Any]:
    """``np.asarray`` that reports ragged or non-numeric input as InvalidInputError."""
    try:
        return np.asarray(value, dtype=object if mode != "float" else None)
    except (ValueError, TypeError):
        raise InvalidInputError.bad(
            argument, value, "expected a rectangular array of numbers [people]"
        ) from None


def _identity(k: int) -> list[list[Fraction]]:
    return [[Fraction(int(i == j)) for j in range(k)] for i in range(k)]


def _matmul(a: list[list[Fraction]], b: list[list[Fraction]]) -> list[list[Fraction]]:
    cols = list(zip(*b, strict=True))
    return [
        [sum((x * y for x, y in zip(row, col, strict=True)), Fraction(0)) for col in cols]
        for row in a
    ]


def _vecmat(v: Sequence[Fraction], m: list[list[Fraction]]) -> list[Fraction]:
    return [sum((v[i] * m[i][j] for i in range(len(v))), Fraction(0)) for j in range(len(m[0]))]


def _solve_transposed(s: list[list[Fraction]], need: list[Fraction]) -> list[Fraction] | None:
    """Solve ``r · S = need`` exactly (Gauss-Jordan on ``Sᵀ``); None if singular."""
    k = len(s)
    aug = [[s[i][j] for i in range(k)] + [need[j]] for j in range(k)]  # rows: Sᵀ | need
    for col in range(k):
        pivot = next((r for r in range(col, k) if aug[r][col] != 0), None)
        if pivot is None:
            return None
        aug[col], aug[pivot] = aug[pivot], aug[col]
        piv = aug[col][col]
        aug[col] = [x / piv for x in aug[col]]
        for r in range(k):
            if r != col and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[col], strict=True)]
    return [aug[i][k] for i in range(k)]
