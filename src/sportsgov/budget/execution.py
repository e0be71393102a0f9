"""Budget execution (预算执行率) against time progress (序时进度).

Strict budget management (严格预算管理, 张家口市…扎实推进冬奥筹办, 河北日报, 2021-01-22) means
checking, during the year, that each budget line is spent at the pace of the
calendar: the **execution rate** ``spent / budget`` is compared with the **time
progress** (序时进度) of the budget period at ``as_of`` — the elapsed share of the
period from :func:`sportsgov.periods.time_progress` (whole days elapsed through
``as_of`` inclusive, over the days in the period, by default).

Status, with ``gap = rate − time progress`` and a tolerance ``tol`` (percentage
points as a fraction; default 5 points):

* ``"ahead"``  if ``gap > tol``;
* ``"behind"`` if ``gap < −tol``;
* ``"on_pace"`` otherwise (boundaries count as on pace).

Everything is exact (:class:`~fractions.Fraction`); ``percent()`` formats for reports.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal

from attrs import frozen

from sportsgov._common.numbers import round_half_up
from sportsgov.budget._numbers import as_date, as_fraction, as_money_fen, money
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period, as_period, time_progress

__all__ = ["ExecutionRate", "ExecutionTable", "execution_rate", "execution_table", "percent"]

Status = Literal["ahead", "on_pace", "behind"]
Basis = Literal["day", "month", "quarter"]

_DEFAULT_TOL = Fraction(5, 100)


def percent(value: Fraction, places: int = 1) -> str:
    """Format an exact share as a percentage, rounded half-up.

    Examples
    --------
    >>> percent(Fraction(2, 3))
    '66.7%'
    """
    scaled = value * 100 * 10**places
    sign = "-" if scaled < 0 else ""
    n = round_half_up(abs(scaled))
    whole, frac = divmod(n, 10**places)
    return f"{sign}{whole}.{frac:0{places}d}%" if places else f"{sign}{whole}%"


@frozen
class ExecutionRate:
    """Execution of one budget line against time progress.

    Attributes
    ----------
    line : Hashable
        Name of the budget line (None for a single call).
    spent, budget : Money
        Spent so far (实际支出) and the line's budget (预算).
    rate : Fraction
        ``spent / budget`` (may exceed 1 when overspent).
    time_progress : Fraction
        序时进度 of ``period`` at ``as_of``, in [0, 1].
    gap : Fraction
        ``rate − time_progress``.
    status : {"ahead", "on_pace", "behind"}
        See the module docs.
    tolerance : Fraction
        The tolerance used.
    as_of : date
        The date of the figures.
    period : Period
        The budget period.

    Examples
    --------
    >>> from sportsgov import Money, Period
    >>> r = execution_rate(Money.yuan(40), Money.yuan(100), as_of="2024-06-30",
    ...                    period=Period.year(2024))
    >>> r.status, percent(r.rate), percent(r.time_progress)
    ('behind', '40.0%', '49.7%')
    """

    line: Hashable
    spent: Money
    budget: Money
    rate: Fraction
    time_progress: Fraction
    gap: Fraction
    status: Status
    tolerance: Fraction
    as_of: _dt.date
    period: Period

    @property
    def overspent(self) -> bool:
        """True if more than the budget has been spent."""
        return self.rate > 1

    @property
    def unspent(self) -> Money:
        """Budget not yet spent (negative when overspent)."""
        return self.budget - self.spent


def _tolerance(value: object) -> Fraction:
    tol = as_fraction(value, "tolerance")
    if tol >= 1:
        raise InvalidInputError.bad("tolerance", value, "must be >= 0 and < 1 (e.g. '5%')")
    return tol


def _rate(
    line: Hashable,
    spent: object,
    budget: object,
    as_of: _dt.date,
    period: Period,
    progress: Fraction,
    tol: Fraction,
) -> ExecutionRate:
    name = "spent" if line is None else f"spent[{line!r}]"
    s = as_money_fen(spent, name)
    b = as_money_fen(budget, "budget" if line is None else f"budget[{line!r}]")
    assert s is not None and b is not None
    if b <= 0:
        raise InvalidInputError.bad(
            "budget" if line is None else f"budget[{line!r}]",
            budget,
            "must be > 0",
            shown=str(money(b)),
        )
    rate = Fraction(s, b)
    gap = rate - progress
    status: Status = "ahead" if gap > tol else "behind" if gap < -tol else "on_pace"
    return ExecutionRate(line, money(s), money(b), rate, progress, gap, status, tol, as_of, period)


def execution_rate(
    spent: Money,
    budget: Money,
    *,
    as_of: _dt.date | str,
    period: Period | str,
    tolerance: object = _DEFAULT_TOL,
    basis: Basis = "day",
) -> ExecutionRate:
    """Execution rate of one budget line and its status against 序时进度.

    Parameters
    ----------
    spent : Money
        Amount spent so far (>= 0).
    budget : Money
        The line's budget (> 0).
    as_of : date or ISO string
        Date of the figures.
    period : Period, str or pendulum.Interval
        The budget period (usually the fiscal year, ``Period.year(2024)``).
    tolerance : number, optional
        Allowed gap in either direction, as a fraction (``"5%"``, ``Fraction(1, 20)``).
    basis : {"day", "month", "quarter"}
        How time progress is counted (passed to :func:`~sportsgov.periods.time_progress`).

    Returns
    -------
    ExecutionRate

    Raises
    ------
    InvalidInputError
        Negative or float money, a zero budget, a bad tolerance or date.

    Examples
    --------
    >>> from sportsgov import Money, Period
    >>> r = execution_rate(Money.parse("75万元"), Money.parse("100万元"),
    ...                    as_of="2024-09-30", period=Period.year(2024))
    >>> r.rate, r.status
    (Fraction(3, 4), 'on_pace')
    """
    p = as_period(period)
    d = as_date(as_of, "as_of")
    tol = _tolerance(tolerance)
    progress = time_progress(p, d, basis=basis)
    return _rate(None, spent, budget, d, p, progress, tol)


@frozen
class ExecutionTable:
    """Execution of many budget lines at once (result of :func:`execution_table`).

    Attributes
    ----------
    rows : tuple[ExecutionRate, ...]
        One row per line, in input order.
    total : ExecutionRate
        All lines together (``line="total"``).

    Examples
    --------
    >>> from sportsgov import Money, Period
    >>> t = execution_table({"venues": (Money.yuan(10), Money.yuan(100)),
    ...                      "events": (Money.yuan(60), Money.yuan(100))},
    ...                     as_of="2024-06-30", period=Period.year(2024))
    >>> [r.line for r in t.behind()], t.total.rate
    (['venues'], Fraction(7, 20))
    """

    rows: tuple[ExecutionRate, ...]
    total: ExecutionRate

    def __getitem__(self, line: Hashable) -> ExecutionRate:
        """The row of ``line``."""
        for r in self.rows:
            if r.line == line:
                return r
        raise InvalidInputError.bad("line", line, "no such budget line")

    def behind(self) -> list[ExecutionRate]:
        """Rows behind time progress, worst first."""
        return sorted((r for r in self.rows if r.status == "behind"), key=lambda r: r.gap)

    def by_status(self) -> dict[Status, list[Hashable]]:
        """Line names grouped by status."""
        out: dict[Status, list[Hashable]] = {"ahead": [], "on_pace": [], "behind": []}
        for r in self.rows:
            out[r.status].append(r.line)
        return out

    def as_records(self) -> list[dict[str, Any]]:
        """Rows as flat dicts (money as Money, shares as percentages) for a report."""
        return [
            {
                "line": r.line,
                "spent": r.spent,
                "budget": r.budget,
                "rate": percent(r.rate),
                "time_progress": percent(r.time_progress),
                "gap": percent(r.gap),
                "status": r.status,
            }
            for r in (*self.rows, self.total)
        ]

    def __repr__(self) -> str:
        """Short: the totals and the first lines with their status (never every line).

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> execution_table({"venues": (Money.yuan(10), Money.yuan(100))},
        ...                 as_of="2024-06-30", period=Period.year(2024))
        ExecutionTable(spent=Money('10.00'), budget=Money('100.00'), rate=Fraction(1, 10), as_of=datetime.date(2024, 6, 30), lines=[venues: behind])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        t = self.total
        return text_repr(
            "ExecutionTable",
            [("spent", t.spent), ("budget", t.budget), ("rate", t.rate), ("as_of", t.as_of)],
            (f"{r.line}: {r.status}" for r in self.rows),
            count=len(self.rows),
            label="lines",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first lines, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        t = self.total
        return html_table(
            f"ExecutionTable: {len(self.rows):,} lines, {t.spent} of {t.budget} yuan spent "
            f"({float(t.rate):.1%}) as of {t.as_of}",
            [
                *("line", "spent_yuan", "budget_yuan", "unspent_yuan", "rate"),
                *("time_progress", "gap", "tolerance", "status", "as_of"),
            ],
            (
                (
                    *(r.line, r.spent, r.budget, r.unspent, r.rate),
                    *(r.time_progress, r.gap, r.tolerance, r.status, r.as_of),
                )
                for r in self.rows
            ),
            count=len(self.rows),
        )

    def to_frame(self, *, total: bool = False) -> Any:
        """The rows as a pandas DataFrame, one per budget line (in input order).

        Columns: ``line``; ``spent_yuan``, ``budget_yuan``, ``unspent_yuan`` (exact
        :class:`~decimal.Decimal` yuan); ``rate``, ``time_progress``, ``gap``,
        ``tolerance`` (exact :class:`~fractions.Fraction` shares: 3/4 is 75 %);
        ``status``; ``as_of`` (:class:`datetime.date`). Needs the ``pandas`` extra.

        Parameters
        ----------
        total : bool, default False
            Add the all-lines row (``line="total"``) at the end.

        Examples
        --------
        >>> from sportsgov import Money, Period
        >>> t = execution_table({"venues": (Money.yuan(10), Money.yuan(100)),
        ...                      "events": (Money.yuan(60), Money.yuan(100))},
        ...                     as_of="2024-06-30", period=Period.year(2024))
        >>> t.to_frame(total=True)[["line", "spent_yuan", "rate", "status"]].values.tolist()
        [['venues', Decimal('10.00'), Fraction(1, 10), 'behind'], ['events', Decimal('60.00'), Fraction(3, 5), 'ahead'], ['total', Decimal('70.00'), Fraction(7, 20), 'behind']]
        """  # noqa: E501
        from sportsgov._common.frames import pandas

        pd = pandas("ExecutionTable.to_frame")
        rows = (*self.rows, self.total) if total else self.rows
        columns = ["line", "spent_yuan", "budget_yuan", "unspent_yuan", "rate"]
        columns += ["time_progress", "gap", "tolerance", "status", "as_of"]
        return pd.DataFrame(
            [
                [
                    r.line,
                    r.spent.to_decimal(),
                    r.budget.to_decimal(),
                    r.unspent.to_decimal(),
                    r.rate,
                    r.time_progress,
                    r.gap,
                    r.tolerance,
                    r.status,
                    r.as_of,
                ]
                for r in rows
            ],
            columns=columns,
        )


def execution_table(
    lines: Mapping[Hashable, tuple[Money, Money]] | Iterable[Mapping[str, Any]],
    *,
    as_of: _dt.date | str,
    period: Period | str,
    tolerance: object = _DEFAULT_TOL,
    basis: Basis = "day",
) -> ExecutionTable:
    """Execution rates of many budget lines against the same 序时进度.

    Parameters
    ----------
    lines : mapping {line: (spent, budget)} or iterable of records
        Records are mappings with keys ``"line"``, ``"spent"``, ``"budget"`` (money as
        :class:`Money` or strings such as ``"12.5万元"``, e.g. straight from a CSV reader).
    as_of, period, tolerance, basis
        As in :func:`execution_rate`.

    Returns
    -------
    ExecutionTable
        One :class:`ExecutionRate` per line plus the total.

    Raises
    ------
    DataError
        A record lacks a field or repeats a line name (says which row).
    InvalidInputError
        Bad money, budget, tolerance or date.

    Examples
    --------
    >>> from sportsgov import Period
    >>> rows = [{"line": "A", "spent": "30万元", "budget": "100万元"},
    ...         {"line": "B", "spent": "52万元", "budget": "100万元"}]
    >>> t = execution_table(rows, as_of="2024-06-30", period=Period.year(2024))
    >>> t.by_status()
    {'ahead': [], 'on_pace': ['B'], 'behind': ['A']}
    """
    p = as_period(period)
    d = as_date(as_of, "as_of")
    tol = _tolerance(tolerance)
    progress = time_progress(p, d, basis=basis)
    items: list[tuple[Hashable, object, object]] = []
    if isinstance(lines, Mapping):
        for name, pair in lines.items():
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise InvalidInputError.bad(f"lines[{name!r}]", pair, "expected (spent, budget)")
            items.append((name, pair[0], pair[1]))
    else:
        for n, rec in enumerate(lines, start=1):
            if not isinstance(rec, Mapping):
                raise DataError("expected a mapping with line, spent, budget", row=n)
            for key in ("line", "spent", "budget"):
                if key not in rec:
                    raise DataError(f"missing field {key!r}", row=n, field=key)
            items.append((rec["line"], rec["spent"], rec["budget"]))
    seen: set[Hashable] = set()
    rows: list[ExecutionRate] = []
    for n, (name, spent, budget) in enumerate(items, start=1):
        if name in seen:
            raise DataError(f"line={name!r}: duplicate line id", row=n, field="line")
        seen.add(name)
        rows.append(_rate(name, spent, budget, d, p, progress, tol))
    if not rows:
        raise InvalidInputError.bad("lines", lines, "must hold at least one budget line")
    total = _rate(
        "total",
        money(sum(r.spent.fen for r in rows)),
        money(sum(r.budget.fen for r in rows)),
        d,
        p,
        progress,
        tol,
    )
    return ExecutionTable(tuple(rows), total)
