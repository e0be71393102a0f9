"""Schools of the reserve-talent network and their staffing: :class:`SchoolTable`.

The third line of the 一二三线 network is made of traditional sports schools
(传统项目学校), clubs and new-type sports schools; a city's ``schools.csv`` lists
them with their region and how many coaches and athletes each has.
:class:`SchoolTable` reads it through the one tolerant table reader (any encoding
Excel writes, Chinese headers such as 学校名称, 所属区县, 教练员人数, 运动员人数,
title rows above the header, ``.xlsx``) and checks every cell;
:meth:`SchoolTable.staffing` is what :meth:`QuotaStandard.gaps
<sportsgov.talent.standards.QuotaStandard.gaps>` compares with a "2351"-style standard.

Examples
--------
>>> from sportsgov.talent import QuotaStandard
>>> t = SchoolTable.from_records([
...     {"school": "S1", "region": "990101", "coaches": 2, "athletes": 34},
...     {"school": "S2", "region": "990121", "coaches": "1", "athletes": "30"},
... ])
>>> t.totals()
{'coaches': 3, 'athletes': 64}
>>> QuotaStandard("2351", {"coaches": 2, "athletes": 30}).gaps(t.staffing()).short_units
('S2',)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen

from sportsgov._common.cells import text_cell
from sportsgov._common.tablefile import RegionTableFile
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.talent._csv import cell, count_cell

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["School", "SchoolTable"]


@frozen
class School:
    """One school of the reserve-talent network with its staffing.

    Attributes
    ----------
    school : str
        The school's id or name, unique in its table.
    region : str
        Code of the region (district or county) it belongs to.
    coaches : int
        Full- and part-time coaches (教练员) [people].
    athletes : int
        Athletes in training (在训运动员) [people].
    row : int or None
        Spreadsheet row it was read from (header = row 1; the record number for
        :meth:`SchoolTable.from_records`); not compared.

    Examples
    --------
    >>> School("S001", "990102", 3, 30)
    School(school='S001', region='990102', coaches=3, athletes=30)
    """

    school: str
    region: str
    coaches: int
    athletes: int
    row: int | None = field(default=None, eq=False, repr=False)


def _rows(value: Iterable[School]) -> tuple[School, ...]:
    return tuple(value)


@frozen
class SchoolTable(RegionTableFile):
    """The schools of a city's talent network, each with its region and staffing.

    Build with :meth:`from_file` (``schools.csv`` of a city data directory, or a
    GBK file or workbook), :meth:`from_records` or :meth:`from_frame`; iterate to
    get :class:`School` rows in file order (their ``row`` is the spreadsheet row,
    header = row 1). A school appears once. Columns
    ``school,region,coaches,athletes``; Chinese headers (学校名称, 所属区县,
    教练员人数, 运动员人数 …, see the how-to "Load your own spreadsheets") and
    ``columns={"file header": "field"}`` for others.

    Attributes
    ----------
    rows : tuple of School
        The schools, in the order read.
    source : str or None
        Where they were read from (for error messages).

    Examples
    --------
    >>> t = SchoolTable.from_records([{"school": "S1", "region": "990101",
    ...                                "coaches": 2, "athletes": 34}])
    >>> len(t), t[0].athletes
    (1, 34)
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "学校.csv"
    >>> text = "学校名称,所属区县,教练员人数,运动员人数\\n一中,990101,2,34\\n"
    >>> _ = p.write_bytes(text.encode("gbk"))
    >>> SchoolTable.from_file(p).totals()
    {'coaches': 2, 'athletes': 34}
    >>> import pandas as pd
    >>> df = pd.DataFrame({"学校": ["一中"], "地区": ["990101"], "教练员": [2],
    ...                    "运动员": [34]})
    >>> SchoolTable.from_frame(df).staffing()
    {'一中': {'coaches': 2, 'athletes': 34}}
    """

    table_kind: ClassVar[str] = "schools"
    row_field: ClassVar[str | None] = "rows"

    rows: tuple[School, ...] = field(converter=_rows)
    source: str | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for n, r in enumerate(self.rows, start=1):
            if not isinstance(r, School):
                raise InvalidInputError.bad(f"rows[{n - 1}]", r, "expected a School")
            if r.school in seen:
                raise DataError(
                    f"school={r.school!r}: duplicate school",
                    source=self.source,
                    row=n,
                    field="school",
                )
            seen.add(r.school)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[School]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> School:
        return self.rows[i]

    def staffing(self) -> dict[str, dict[str, int]]:
        """``{school: {"coaches": n, "athletes": n}}`` in file order [people].

        The ``actual`` argument of :meth:`QuotaStandard.gaps
        <sportsgov.talent.standards.QuotaStandard.gaps>`.

        Examples
        --------
        >>> SchoolTable.from_records([{"school": "S1", "region": "A", "coaches": 2,
        ...                            "athletes": 34}]).staffing()
        {'S1': {'coaches': 2, 'athletes': 34}}
        """
        return {r.school: {"coaches": r.coaches, "athletes": r.athletes} for r in self.rows}

    def totals(self) -> dict[str, int]:
        """Coaches and athletes summed over the schools [people].

        Examples
        --------
        >>> SchoolTable.from_records([]).totals()
        {'coaches': 0, 'athletes': 0}
        """
        return {
            "coaches": sum(r.coaches for r in self.rows),
            "athletes": sum(r.athletes for r in self.rows),
        }

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        tree: RegionTree | None = None,
    ) -> SchoolTable:
        """Build from mappings with keys ``school``, ``region``, ``coaches``, ``athletes``.

        Counts may be ints or text (``"1,234"``); other keys are ignored.

        With ``tree``, a ``region`` naming a region of the tree is stored as
        its code (the rules of :meth:`from_file`); without it cells are kept
        as given.

        Raises
        ------
        DataError
            A missing or bad cell (a count that is not a whole number >= 0) or a
            repeated school, naming the record (1-based) and the field.

        Examples
        --------
        >>> SchoolTable.from_records([{"school": "S1", "region": "A", "coaches": 2,
        ...                            "athletes": "-30"}])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: row 1, field athletes: athletes='-30': must be >= 0
        """
        from sportsgov.regions._names import region_records

        records = region_records(records, tree, source=source)  # names -> codes
        rows = [
            School(
                cell(rec, "school", text_cell, row=n, source=source),
                cell(rec, "region", text_cell, row=n, source=source),
                cell(rec, "coaches", count_cell, row=n, source=source),
                cell(rec, "athletes", count_cell, row=n, source=source),
                n,
            )
            for n, rec in enumerate(records, start=1)
        ]
        return cls(tuple(rows), source)

    def __repr__(self) -> str:
        """Short: the source and the first schools (never every row).

        Examples
        --------
        >>> SchoolTable.from_records([{"school": "S1", "region": "990101",
        ...                            "coaches": 2, "athletes": 34}])
        SchoolTable(source=None, rows=[S1: 34 athletes])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "SchoolTable",
            [("source", self.source)],
            (f"{r.school}: {r.athletes} athletes" for r in self.rows),
            count=len(self.rows),
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first schools, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"SchoolTable: {len(self.rows):,} schools",
            ["school", "region", "coaches", "athletes"],
            ((r.school, r.region, r.coaches, r.athletes) for r in self.rows),
            count=len(self.rows),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Records in the ``schools.csv`` layout (read back by :meth:`from_records`).

        Examples
        --------
        >>> SchoolTable.from_records([{"school": "S1", "region": "A", "coaches": 2,
        ...                            "athletes": 34}]).to_records()
        [{'school': 'S1', 'region': 'A', 'coaches': 2, 'athletes': 34}]
        """
        return [
            {"school": r.school, "region": r.region, "coaches": r.coaches, "athletes": r.athletes}
            for r in self.rows
        ]

    def to_frame(self) -> Any:
        """The schools as a pandas DataFrame ``school, region, coaches, athletes``.

        :meth:`from_frame` reads it back. Needs the ``pandas`` extra.

        Examples
        --------
        >>> t = SchoolTable.from_records([{"school": "S1", "region": "A", "coaches": 2,
        ...                                "athletes": 34}])
        >>> t.to_frame().to_dict("records")
        [{'school': 'S1', 'region': 'A', 'coaches': 2, 'athletes': 34}]
        >>> SchoolTable.from_frame(t.to_frame()) == t
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("SchoolTable.to_frame")
        return pd.DataFrame(
            {
                "school": pd.Series([r.school for r in self.rows], dtype=object),
                "region": pd.Series([r.region for r in self.rows], dtype=object),
                "coaches": pd.Series([r.coaches for r in self.rows], dtype="int64"),
                "athletes": pd.Series([r.athletes for r in self.rows], dtype="int64"),
            }
        )
