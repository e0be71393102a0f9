"""Observations: measured values of targets or indicators, by region and date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from sportsgov._common.cells import is_missing
from sportsgov._common.tablefile import RegionTableFile
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.periods import as_date

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["Observation", "ObservationTable"]


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        raise InvalidInputError.bad("value", value, "expected a number, not a bool")
    if isinstance(value, Decimal | int):
        if isinstance(value, Decimal) and not value.is_finite():
            raise InvalidInputError.bad("value", value, "must be a finite number")
        return value
    if isinstance(value, float):
        if value != value or abs(value) == float("inf"):
            raise InvalidInputError.bad("value", value, "must be a finite number")
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            out = Decimal(value.strip().replace(",", ""))
        except ArithmeticError:
            raise InvalidInputError.bad("value", value, "expected a decimal number") from None
        if not out.is_finite():
            raise InvalidInputError.bad("value", value, "must be a finite number")
        return out
    return value  # Quantity, Money, Fraction: converted when assessed


def _opt_unit(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _tup(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@frozen
class Observation:
    """One measured value: of a target (by id) or an indicator (by name), in a region, at a date.

    Attributes
    ----------
    target
        A target id of the plan being assessed (``"per-capita-area"``) or an indicator
        name (``"per_capita_area"``); an indicator observation feeds every target on
        that indicator for the region.
    region
        Region code (or ``"city"`` for the plan's whole area).
    value
        The value: a number (int, Decimal, numeric str; floats are read by their
        shortest repr), a Quantity of :mod:`sportsgov.units` or a Money. For flow
        indicators (events held, facilities built) it is the cumulative count within
        the target's period up to ``as_of``.
    as_of
        Date the value refers to.
    unit
        Unit of a plain number (``"平方米/人"``, ``"%"``, ``"场次"``); ``None`` means the
        indicator's own unit.
    row
        Row number in the file it came from (for error messages); not compared.

    Examples
    --------
    >>> o = Observation("per-capita-area", "410102", "2.71", "2024-12-31", unit="m^2/person")
    >>> o.value, o.as_of
    (Decimal('2.71'), datetime.date(2024, 12, 31))
    """

    target: str = field(converter=str)
    region: str = field(converter=str)
    value: Any = field(converter=_value)
    as_of: dt.date = field(converter=as_date)
    unit: str | None = field(default=None, converter=_opt_unit)
    row: int | None = field(default=None, eq=False, repr=False)


@frozen
class ObservationTable(RegionTableFile):
    """A table of observations, with the file it was read from (for error messages).

    Build with :meth:`from_csv` (columns ``target,region,value,unit,as_of``, the layout
    of the sample city's ``observations.csv``), :meth:`from_records` or
    :meth:`from_arrays`; iterate to get :class:`Observation` s. :meth:`from_file`
    also reads GBK files and workbooks with the Chinese headers 指标编号, 行政区划代码,
    数值, 单位, 统计日期.

    Examples
    --------
    >>> t = ObservationTable.from_records([
    ...     {"target": "mass-events", "region": "city", "value": 260, "as_of": "2024-03-31"},
    ... ])
    >>> len(t), t[0].value
    (1, 260)
    """

    table_kind: ClassVar[str] = "observations"

    rows: tuple[Observation, ...] = field(converter=_tup)
    source: str | None = field(default=None, eq=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> Observation:
        return self.rows[i]

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        tree: RegionTree | None = None,
    ) -> ObservationTable:
        """Build from mappings with keys ``target, region, value, as_of`` and optional ``unit``.

        With ``tree``, a ``region`` naming a region of the tree is stored as
        its code (the rules of :meth:`from_file`); without it cells are kept
        as given.

        Raises
        ------
        DataError
            Missing key or bad value, naming the row (1-based) and field.
        """
        from sportsgov.regions._names import region_records

        records = region_records(records, tree, source=source)  # names -> codes
        rows = []
        for i, rec in enumerate(records, start=1):
            for key in ("target", "region", "value", "as_of"):
                if is_missing(rec.get(key)):
                    message = InvalidInputError.bad(key, rec.get(key), "missing").message
                    raise DataError(message, source=source, row=i, field=key)
            try:
                rows.append(
                    Observation(
                        rec["target"],
                        rec["region"],
                        rec["value"],
                        rec["as_of"],
                        rec.get("unit"),
                        i,
                    )
                )
            except InvalidInputError as exc:
                raise DataError(
                    str(exc), source=source, row=i, field=exc.argument or "value"
                ) from None
        return cls(tuple(rows), source)

    def __repr__(self) -> str:
        """Short: the source and the first observations (never every row).

        Examples
        --------
        >>> ObservationTable.from_records([
        ...     {"target": "mass-events", "region": "city", "value": 260, "as_of": "2024-03-31"},
        ... ])
        ObservationTable(source=None, rows=[mass-events city: 260])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "ObservationTable",
            [("source", self.source)],
            (f"{o.target} {o.region}: {o.value}" for o in self.rows),
            count=len(self.rows),
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first observations, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"ObservationTable: {len(self.rows):,} observations",
            ["target", "region", "value", "unit", "as_of"],
            ((o.target, o.region, o.value, o.unit, o.as_of) for o in self.rows),
            count=len(self.rows),
        )

    def to_frame(self) -> Any:
        """The observations as a pandas DataFrame ``target, region, value, unit, as_of``.

        Values stay exact (``Decimal``/``int`` as given); :meth:`from_frame` reads it back.
        Needs the ``pandas`` extra.

        Examples
        --------
        >>> t = ObservationTable.from_records(
        ...     [{"target": "mass-events", "region": "A", "value": "260", "as_of": "2024-03-31"}])
        >>> ObservationTable.from_frame(t.to_frame()).rows == t.rows
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("ObservationTable.to_frame")
        columns = ["target", "region", "value", "unit", "as_of"]
        return pd.DataFrame(
            [[o.target, o.region, o.value, o.unit, o.as_of] for o in self.rows], columns=columns
        )

    @classmethod
    def from_arrays(
        cls,
        *,
        target: Sequence[str],
        region: Sequence[str],
        value: Sequence[Any],
        as_of: Any,
        unit: str | None = None,
        tree: RegionTree | None = None,
    ) -> ObservationTable:
        """Build from parallel columns; ``as_of`` and ``unit`` may be one value for all rows.

        With ``tree``, a ``region`` naming a region of the tree is stored as its code
        (the rules of :meth:`from_file`).

        Raises
        ------
        InvalidInputError
            Columns of different lengths.
        DataError
            With ``tree``: a region name several regions share (row = position + 1).

        Examples
        --------
        >>> from sportsgov.regions import RegionTree
        >>> tree = RegionTree.from_records([{"code": "A", "name": "城关区", "level": "district"}])
        >>> t = ObservationTable.from_arrays(target=["mass-events"], region=["城关区"],
        ...                                  value=[3], as_of="2024-06-30", tree=tree)
        >>> t[0].region
        'A'
        """
        n = len(target)
        if len(region) != n or len(value) != n:
            raise InvalidInputError.bad(
                "columns",
                (n, len(region), len(value)),
                "target, region and value must have equal lengths",
            )
        if tree is not None:
            from sportsgov.regions._names import region_records

            named = region_records([{"region": r} for r in region], tree)  # names -> codes
            region = [rec["region"] for rec in named]
        dates = (
            as_of if isinstance(as_of, Sequence) and not isinstance(as_of, str) else [as_of] * n
        )
        if len(dates) != n:
            raise InvalidInputError.bad("as_of", len(dates), f"expected {n} dates or one date")
        d_cache: dict[Any, dt.date] = {}
        rows = []
        for i in range(n):
            d = dates[i]
            day = d_cache.get(d)
            if day is None:
                day = d_cache[d] = as_date(d)
            rows.append(Observation(target[i], region[i], value[i], day, unit, i + 1))
        return cls(tuple(rows))
