"""Budget lines (预算项目): each line's budget and the money spent on it so far, as a typed table.

A city's ``budget_lines.csv`` -- or the spreadsheet the finance office keeps, with
headers such as 项目编号, 项目名称, 预算(万元), 已支出(万元) -- read through the one
tolerant table reader into a :class:`BudgetLineTable` of :class:`BudgetLine` rows.
Money is exact (:class:`~sportsgov.money.Money`, integer fen): a header unit such as
万元 multiplies the bare numbers under it exactly, and a cell may carry its own unit
(``"12.5万元"``). :meth:`BudgetLineTable.execution` compares every line with the
time progress (序时进度) of the budget period (:func:`~sportsgov.budget.execution_table`).

Examples
--------
>>> import io
>>> text = "项目编号,项目名称,预算(万元),已支出(万元)\\nB01,全民健身工程,1800,1293.38\\n"
>>> lines = BudgetLineTable.from_file(io.StringIO(text))
>>> lines[0].budget, lines[0].spent, lines[0].label
(Money('18000000.00'), Money('12933800.00'), '全民健身工程')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from sportsgov._common.cells import is_missing, text_cell
from sportsgov._common.tablefile import RegionTableFile
from sportsgov.budget._numbers import money, money_cell
from sportsgov.budget.execution import Basis, ExecutionTable, execution_table
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.money import Money
from sportsgov.periods import Period

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["BudgetLine", "BudgetLineTable"]

_REQUIRED = ("line", "budget", "spent")


def _line(value: object) -> str:
    return text_cell(value, "line")


def _budget(value: object) -> Money:
    return money_cell(value, "budget")


def _spent(value: object) -> Money:
    return money_cell(value, "spent")


def _name(value: object) -> str:
    return text_cell(value, "name", required=False)


def _region(value: object) -> str:
    return text_cell(value, "region", required=False)


@frozen
class BudgetLine:
    """One budget line (预算项目): its budget and what has been spent on it.

    Attributes
    ----------
    line : str
        The line's id (项目编号), unique in its table.
    budget : Money
        The line's budget for the period (预算) [元, exact to the fen], >= 0.
    spent : Money
        Spent so far (已支出 / 执行数) [元], >= 0 (may exceed ``budget``).
    name : str
        Display name (项目名称); ``""`` when not given.
    region : str
        Region code the line belongs to; ``""`` when not given.
    row : int or None
        Spreadsheet row it was read from (header = row 1), for messages; not compared.

    Examples
    --------
    >>> b = BudgetLine("B01", "1800万元", "1293.38万元", name="全民健身工程")
    >>> b.budget, b.unspent
    (Money('18000000.00'), Money('5066200.00'))
    >>> BudgetLine("B02", "ten", "0")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: budget='ten': expected a money amount such as ...
    """

    line: str = field(converter=_line)
    budget: Money = field(converter=_budget)
    spent: Money = field(converter=_spent)
    name: str = field(default="", converter=_name, kw_only=True)
    region: str = field(default="", converter=_region, kw_only=True)
    row: int | None = field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def label(self) -> str:
        """The name, or the id when the line has no name."""
        return self.name or self.line

    @property
    def unspent(self) -> Money:
        """Budget not yet spent [元] (negative when overspent)."""
        return self.budget - self.spent


def _lines(value: Iterable[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(value)


@frozen
class BudgetLineTable(RegionTableFile):
    """The budget lines of a city or a fund, in file order (built by the ``from_*`` methods).

    :meth:`from_file` reads ``budget_lines.csv`` or the finance office's GBK file or
    workbook: Chinese headers mapped (项目编号, 项目名称, 所属区县, 预算 / 预算金额,
    已支出 / 执行数, with a unit in brackets such as 预算(万元)),
    ``columns={"header": "field"}`` for others; each line's ``row`` is the
    spreadsheet row (header = row 1). :meth:`from_frame` reads :meth:`to_frame`
    back (``budget_yuan``, ``spent_yuan`` columns).

    Attributes
    ----------
    lines : tuple of BudgetLine
        The lines; their ids are unique.
    source : str or None
        The file they were read from (for messages); not compared.

    Raises
    ------
    InvalidInputError
        An element that is not a :class:`BudgetLine`, or a line id used twice
        (:class:`~sportsgov.errors.DataError` naming the row of the repeat).

    Examples
    --------
    >>> t = BudgetLineTable.from_records([
    ...     {"line": "B01", "budget": "100万元", "spent": "30万元"},
    ...     {"line": "B02", "budget": "100万元", "spent": "52万元", "name": "赛事"},
    ... ])
    >>> len(t), t["B02"].label, t.budget_total, t.spent_total
    (2, '赛事', Money('2000000.00'), Money('820000.00'))
    >>> t.execution(as_of="2024-06-30", period=Period.year(2024)).by_status()
    {'ahead': [], 'on_pace': ['B02'], 'behind': ['B01']}
    """

    table_kind: ClassVar[str] = "budget_lines"
    row_field: ClassVar[str | None] = "lines"

    lines: tuple[BudgetLine, ...] = field(converter=_lines)
    source: str | None = field(default=None, eq=False)

    @lines.validator
    def _check(self, _attr: object, value: tuple[object, ...]) -> None:
        seen: set[str] = set()
        for i, line in enumerate(value):
            if not isinstance(line, BudgetLine):
                raise InvalidInputError.bad(f"lines[{i}]", line, "expected a BudgetLine")
            if line.line in seen:
                raise DataError(
                    f"line={line.line!r}: duplicate line id",
                    source=self.source,
                    row=line.row,
                    field="line",
                )
            seen.add(line.line)

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[BudgetLine]:
        return iter(self.lines)

    def __getitem__(self, key: int | str) -> BudgetLine:
        """The line at position ``key`` (an int) or with id ``key`` (a str).

        Raises
        ------
        NotFoundError
            No line has the id ``key``.
        """
        if isinstance(key, str):
            for line in self.lines:
                if line.line == key:
                    return line
            known = ", ".join(repr(line.line) for line in self.lines[:10])
            raise NotFoundError.bad("line", key, f"no such budget line (lines: {known})")
        return self.lines[key]

    @property
    def budget_total(self) -> Money:
        """Sum of the budgets [元]."""
        return money(sum(line.budget.fen for line in self.lines))

    @property
    def spent_total(self) -> Money:
        """Sum spent [元]."""
        return money(sum(line.spent.fen for line in self.lines))

    def execution(
        self,
        *,
        as_of: _dt.date | str,
        period: Period | str,
        tolerance: object = "5%",
        basis: Basis = "day",
    ) -> ExecutionTable:
        """Execution rate of every line against the 序时进度 of ``period`` at ``as_of``.

        The rows are keyed by line id, in table order.

        Parameters
        ----------
        as_of : datetime.date or str
            The day the spending is counted to.
        period : Period or str
            The budget period (``"2024"``: the calendar year).
        tolerance : share, default "5%"
            The allowed gap between execution rate and time progress, in either
            direction [fraction of 1 or ``"5%"``].
        basis : {"day", "month", "quarter"}, default "day"
            How time progress is counted (:func:`~sportsgov.periods.time_progress`).

        Returns
        -------
        ExecutionTable
            As :func:`~sportsgov.budget.execution_table` gives it.

        Raises
        ------
        InvalidInputError
            A line with a zero budget (its rate is undefined), an empty table, or a
            bad date, period, tolerance or basis.

        Examples
        --------
        >>> t = BudgetLineTable([BudgetLine("B1", "100万元", "30万元"),
        ...                      BudgetLine("B2", "10万元", "5万元")])
        >>> e = t.execution(as_of="2024-06-30", period="2024")
        >>> [(r.line, r.status) for r in e.rows]
        [('B1', 'behind'), ('B2', 'on_pace')]
        """
        pairs: dict[Hashable, tuple[Money, Money]] = {
            line.line: (line.spent, line.budget) for line in self.lines
        }
        return execution_table(
            pairs,
            as_of=as_of,
            period=period,
            tolerance=tolerance,
            basis=basis,
        )

    # -- in and out ------------------------------------------------------------------
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        tree: RegionTree | None = None,
    ) -> BudgetLineTable:
        """Build from mappings with keys ``line, budget, spent`` and optional ``name, region``.

        Parameters
        ----------
        records : iterable of mapping
            One mapping per line. ``budget`` and ``spent`` are :class:`Money` or text
            (``"12.5万元"``, ``"1,234.50"`` in 元) [元]; empty strings count as missing.
        source : str, optional
            File name for error messages.
        tree : RegionTree, optional
            A ``region`` naming a region of the tree is stored as its code (the
            rules of :meth:`from_file`); without it cells are kept as given.

        Raises
        ------
        DataError
            A missing or bad cell, or a repeated line id, naming the record (1-based)
            and the field.

        Examples
        --------
        >>> t = BudgetLineTable.from_records(
        ...     [{"line": "B1", "name": "场地", "budget": "12.5万元", "spent": "0"}])
        >>> t["B1"].label, t.budget_total
        ('场地', Money('125000.00'))
        >>> BudgetLineTable.from_records([{"line": "B1", "budget": "", "spent": "0"}],
        ...                              source="lines.csv")
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: lines.csv, row 1, field budget: budget='': missing
        """
        from sportsgov.regions._names import region_records

        records = region_records(records, tree, source=source)  # names -> codes
        return _build(cls, records, source)

    def to_records(self) -> list[dict[str, str]]:
        """Records in the ``budget_lines.csv`` layout, money as 元 text (read by ``from_records``).

        Examples
        --------
        >>> BudgetLineTable([BudgetLine("B1", "1.5万元", "0")]).to_records()
        [{'line': 'B1', 'name': '', 'region': '', 'budget': '15000.00', 'spent': '0.00'}]
        """
        return [
            {
                "line": b.line,
                "name": b.name,
                "region": b.region,
                "budget": str(b.budget),
                "spent": str(b.spent),
            }
            for b in self.lines
        ]

    def __repr__(self) -> str:
        """Short: the totals and the first lines (never every line).

        Examples
        --------
        >>> BudgetLineTable.from_records([{"line": "B01", "budget": "100万元", "spent": "30万元"}])
        BudgetLineTable(source=None, budget=Money('1000000.00'), spent=Money('300000.00'), lines=[B01: 300000.00/1000000.00])
        """  # noqa: E501
        from sportsgov._common.display import text_repr

        return text_repr(
            "BudgetLineTable",
            [("source", self.source), ("budget", self.budget_total), ("spent", self.spent_total)],
            (f"{b.line}: {b.spent}/{b.budget}" for b in self.lines),
            count=len(self.lines),
            label="lines",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first lines, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"BudgetLineTable: {len(self.lines):,} lines, {self.spent_total} of "
            f"{self.budget_total} yuan spent",
            ["line", "name", "region", "budget_yuan", "spent_yuan"],
            ((b.line, b.name, b.region, b.budget, b.spent) for b in self.lines),
            count=len(self.lines),
        )

    def to_frame(self) -> Any:
        """A pandas DataFrame ``line, name, region, budget_yuan, spent_yuan``.

        Money columns hold exact :class:`~decimal.Decimal` yuan (two places), named
        with the unit; :meth:`from_frame` reads the frame back. Needs the ``pandas``
        extra.

        Examples
        --------
        >>> t = BudgetLineTable([BudgetLine("B1", "12.5万元", "3000")])
        >>> df = t.to_frame()
        >>> list(df.columns), df["budget_yuan"].tolist()
        (['line', 'name', 'region', 'budget_yuan', 'spent_yuan'], [Decimal('125000.00')])
        >>> BudgetLineTable.from_frame(df) == t
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("BudgetLineTable.to_frame")
        data = {
            "line": [b.line for b in self.lines],
            "name": [b.name for b in self.lines],
            "region": [b.region for b in self.lines],
            "budget_yuan": [b.budget.to_decimal() for b in self.lines],
            "spent_yuan": [b.spent.to_decimal() for b in self.lines],
        }
        return pd.DataFrame(data, columns=list(data))


def _build(
    cls: type[BudgetLineTable], records: Iterable[Mapping[str, Any]], source: str | None
) -> BudgetLineTable:
    """The table; errors and each row's ``row`` name the record (1-based)."""
    lines: list[BudgetLine] = []
    seen: set[str] = set()
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, Mapping):
            raise DataError("expected a mapping with line, budget, spent", source=source, row=n)
        for key in _REQUIRED:
            value = rec.get(key)
            if is_missing(value):
                message = InvalidInputError.bad(key, value, "missing").message
                raise DataError(message, source=source, row=n, field=key)
        try:
            line = BudgetLine(
                rec["line"],
                rec["budget"],
                rec["spent"],
                name=rec.get("name"),
                region=rec.get("region"),
                row=n,
            )
        except InvalidInputError as exc:
            raise DataError(str(exc), source=source, row=n, field=exc.argument) from None
        if line.line in seen:
            raise DataError(
                f"line={line.line!r}: duplicate line id",
                source=source,
                row=n,
                field="line",
            )
        seen.add(line.line)
        lines.append(line)
    return cls(tuple(lines), source)
