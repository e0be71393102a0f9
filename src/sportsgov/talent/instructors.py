"""Social sports instructors (社会体育指导员) counted by region and year: :class:`InstructorTable`.

A city's ``instructors.csv`` holds, for each region (a district, a county or a
street) and year, the registered social sports instructors at the end of that year.
:class:`InstructorTable` reads it through the one tolerant table reader (any
encoding Excel writes, Chinese headers such as 行政区划代码, 年份, 社会体育指导员人数,
title rows above the header, ``.xlsx``) and checks every cell; the indicator
instructors per 1,000 residents (:func:`sportsgov.indicators.instructors_per_1000`)
divides :meth:`InstructorTable.counts` of one year by the population.

Examples
--------
>>> t = InstructorTable.from_records([
...     {"region": "990101", "year": 2023, "instructors": 240},
...     {"region": "990101", "year": 2024, "instructors": "262"},
...     {"region": "990121", "year": 2024, "instructors": "105"},
... ])
>>> t.years(), t.latest_year(2024), t.counts(2024)
((2023, 2024), 2024, {'990101': 262, '990121': 105})
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from sportsgov._common.cells import text_cell
from sportsgov._common.tablefile import RegionTableFile
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.talent._csv import cell, count_cell, year_cell

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["InstructorCount", "InstructorTable"]


@frozen
class InstructorCount:
    """Registered social sports instructors in one region at the end of one year.

    Attributes
    ----------
    region : str
        Region code (a district, county or street; parents are summed by the
        indicator over the region tree).
    year : int
        The year whose year-end count this is.
    instructors : int
        Registered social sports instructors (社会体育指导员) [people].
    row : int or None
        Spreadsheet row it was read from (header = row 1; the record number for
        :meth:`InstructorTable.from_records`); not compared.

    Examples
    --------
    >>> InstructorCount("990101", 2024, 262)
    InstructorCount(region='990101', year=2024, instructors=262)
    """

    region: str
    year: int
    instructors: int
    row: int | None = field(default=None, eq=False, repr=False)


def _rows(value: Iterable[InstructorCount]) -> tuple[InstructorCount, ...]:
    return tuple(value)


@frozen
class InstructorTable(RegionTableFile):
    """Year-end counts of social sports instructors by region and year.

    Build with :meth:`from_file` (``instructors.csv`` of a city data directory, or a
    GBK file or workbook), :meth:`from_records` or :meth:`from_frame`; iterate to
    get :class:`InstructorCount` rows in file order (their ``row`` is the
    spreadsheet row, header = row 1). A region appears at most once per year.
    Columns ``region,year,instructors``; Chinese headers (行政区划代码/地区, 年份,
    社会体育指导员人数 …, see the how-to "Load your own spreadsheets") and
    ``columns={"file header": "field"}`` for others.

    Attributes
    ----------
    rows : tuple of InstructorCount
        The counts, in the order read.
    source : str or None
        Where they were read from (for error messages).

    Examples
    --------
    >>> t = InstructorTable.from_records([{"region": "990101", "year": "2024",
    ...                                    "instructors": "262"}], source="instructors.csv")
    >>> len(t), t[0].instructors, t.source
    (1, 262, 'instructors.csv')
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "指导员.csv"
    >>> _ = p.write_bytes("地区,年份,社会体育指导员人数\\n990101,2024,262\\n".encode("gbk"))
    >>> InstructorTable.from_file(p).counts(2024)
    {'990101': 262}
    >>> import pandas as pd
    >>> df = pd.DataFrame({"年份": [2024], "地区": ["990101"], "指导员": [262]})
    >>> InstructorTable.from_frame(df)[0].row
    2
    """

    table_kind: ClassVar[str] = "instructors"
    row_field: ClassVar[str | None] = "rows"

    rows: tuple[InstructorCount, ...] = field(converter=_rows)
    source: str | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[str, int]] = set()
        for n, r in enumerate(self.rows, start=1):
            if not isinstance(r, InstructorCount):
                raise InvalidInputError.bad(f"rows[{n - 1}]", r, "expected an InstructorCount")
            if (r.region, r.year) in seen:
                raise DataError(
                    f"region={r.region!r}, year={r.year}: duplicate count "
                    "(one per region and year)",
                    source=self.source,
                    row=n,
                    field="region",
                )
            seen.add((r.region, r.year))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[InstructorCount]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> InstructorCount:
        return self.rows[i]

    def years(self) -> tuple[int, ...]:
        """The years with counts, ascending.

        Examples
        --------
        >>> InstructorTable.from_records([{"region": "A", "year": 2024, "instructors": 3},
        ...                               {"region": "A", "year": 2022, "instructors": 2}]).years()
        (2022, 2024)
        """
        return tuple(sorted({r.year for r in self.rows}))

    def latest_year(self, year: int) -> int | None:
        """The latest year with counts that is ``year`` or earlier (None if there is none).

        Examples
        --------
        >>> t = InstructorTable.from_records([{"region": "A", "year": 2022, "instructors": 2}])
        >>> t.latest_year(2024), t.latest_year(2021)
        (2022, None)
        """
        earlier = [y for y in self.years() if y <= year]
        return earlier[-1] if earlier else None

    def counts(self, year: int) -> dict[str, int]:
        """``{region: instructors}`` at the end of ``year``, in file order.

        Raises
        ------
        NotFoundError
            No count for ``year``; the message lists the years there are.

        Examples
        --------
        >>> t = InstructorTable.from_records([{"region": "A", "year": 2024, "instructors": 3}])
        >>> t.counts(2024)
        {'A': 3}
        >>> t.counts(2023)
        Traceback (most recent call last):
        ...
        sportsgov.errors.NotFoundError: year=2023: no instructor counts; years: 2024
        """
        out = {r.region: r.instructors for r in self.rows if r.year == year}
        if not out:
            years = ", ".join(str(y) for y in self.years()) or "none"
            raise NotFoundError.bad("year", year, f"no instructor counts; years: {years}")
        return out

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        tree: RegionTree | None = None,
    ) -> InstructorTable:
        """Build from mappings with keys ``region``, ``year`` and ``instructors``.

        Counts may be ints or text (``"1,234"``); other keys are ignored.

        With ``tree``, a ``region`` naming a region of the tree is stored as
        its code (the rules of :meth:`from_file`); without it cells are kept
        as given.

        Raises
        ------
        DataError
            A missing or bad cell (not a whole number >= 0, not a 4-digit year) or a
            region repeated within a year, naming the record (1-based) and the field.

        Examples
        --------
        >>> InstructorTable.from_records([{"region": "A", "year": 2024, "instructors": "x"}])
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: row 1, field instructors: instructors='x': expected a whole...
        """
        from sportsgov.regions._names import region_records

        records = region_records(records, tree, source=source)  # names -> codes
        rows: list[InstructorCount] = []
        for n, rec in enumerate(records, start=1):
            rows.append(
                InstructorCount(
                    cell(rec, "region", text_cell, row=n, source=source),
                    cell(rec, "year", year_cell, row=n, source=source),
                    cell(rec, "instructors", count_cell, row=n, source=source),
                    n,
                )
            )
        return cls(tuple(rows), source)

    def __repr__(self) -> str:
        """Short: the source and the first counts (never every row).

        Examples
        --------
        >>> InstructorTable.from_records([{"region": "990101", "year": "2024",
        ...                                "instructors": "262"}])
        InstructorTable(source=None, rows=[990101 2024: 262])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "InstructorTable",
            [("source", self.source)],
            (f"{r.region} {r.year}: {r.instructors:,}" for r in self.rows),
            count=len(self.rows),
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first counts, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"InstructorTable: {len(self.rows):,} rows",
            ["region", "year", "instructors"],
            ((r.region, r.year, r.instructors) for r in self.rows),
            count=len(self.rows),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Records in the ``instructors.csv`` layout (read back by :meth:`from_records`).

        Examples
        --------
        >>> t = InstructorTable.from_records([{"region": "A", "year": 2024, "instructors": 3}])
        >>> t.to_records()
        [{'region': 'A', 'year': 2024, 'instructors': 3}]
        """
        return [
            {"region": r.region, "year": r.year, "instructors": r.instructors} for r in self.rows
        ]

    def to_frame(self) -> Any:
        """The counts as a pandas DataFrame ``region, year, instructors``.

        :meth:`from_frame` reads it back. Needs the ``pandas`` extra.

        Examples
        --------
        >>> t = InstructorTable.from_records([{"region": "A", "year": 2024, "instructors": 3}])
        >>> t.to_frame().to_dict("records")
        [{'region': 'A', 'year': 2024, 'instructors': 3}]
        >>> InstructorTable.from_frame(t.to_frame()) == t
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("InstructorTable.to_frame")
        return pd.DataFrame(
            {
                "region": pd.Series([r.region for r in self.rows], dtype=object),
                "year": pd.Series([r.year for r in self.rows], dtype="int64"),
                "instructors": pd.Series([r.instructors for r in self.rows], dtype="int64"),
            }
        )
