"""Candidate projects (候选项目): the investments a plan chooses from, read from a table file.

A :class:`ProjectTable` holds the rows of a ``projects.csv`` (or a GBK CSV saved by
Excel, or a workbook with a title row and Chinese headers: 项目编号, 项目名称, 所属区县,
场地类型, 面积(平方米), 投资(万元), 经度, 纬度). Each :class:`CandidateProject` is one
investment: the venue area it adds to a district, what it costs, and its site when it
has one. The report's plan section and ``sportsgov whatif --projects`` read them here
and turn them into :class:`~sportsgov.planning.Project` s for
:func:`~sportsgov.planning.best_portfolio`.

Examples
--------
>>> import io
>>> from sportsgov.money import Money
>>> text = ("项目编号,项目名称,所属区县,面积(平方米),投资(万元)\\n"
...         "P1,北园体育公园,410102,5200,1800\\n")
>>> p = ProjectTable.from_file(io.StringIO(text))[0]
>>> p.id, p.area, p.cost == Money.parse("1800万元"), p.kind, p.lon
('P1', Decimal('5200'), True, 'multi_purpose', None)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import field, frozen

from sportsgov._common.cells import is_missing
from sportsgov._common.degrees import degrees
from sportsgov._common.tablefile import RegionTableFile
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["CandidateProject", "ProjectTable"]

_REQUIRED = ("id", "region", "area_m2", "cost")


@frozen
class CandidateProject:
    """One candidate investment, with its site if it has one.

    Attributes
    ----------
    id : str
        Project id, unique in its table.
    name : str
        Display name (the id when the file has none).
    region : str
        Code of the district the area is added to.
    kind : str
        Facility kind code of what is built (``"multi_purpose"`` when not given).
    area : Decimal
        Venue area the project adds [m²].
    cost : Money
        What it costs [fen].
    lon, lat : float or None
        Site [degrees, WGS-84]; both None for a project without a site (a district
        sports park still to be placed).
    row : int or None
        Where the project was read from (the spreadsheet row when read by
        :meth:`ProjectTable.from_file`, header = row 1); not part of equality.

    Examples
    --------
    >>> from decimal import Decimal
    >>> from sportsgov.money import Money
    >>> p = CandidateProject("P1", "北园健身中心", "410102", "gym", Decimal(5290),
    ...                      Money.parse("1847万元"), 113.47, 34.77)
    >>> p.cost, p.area
    (Money('18470000.00'), Decimal('5290'))
    """

    id: str
    name: str
    region: str
    kind: str
    area: Decimal
    cost: Money
    lon: float | None
    lat: float | None
    row: int | None = field(default=None, eq=False, repr=False, kw_only=True)


def _rows(value: Iterable[CandidateProject]) -> tuple[CandidateProject, ...]:
    return tuple(value)


@frozen
class ProjectTable(RegionTableFile):
    """The candidate projects of a plan, in file order (``projects.csv``).

    Build with :meth:`from_file` (CSV in any encoding, gzip, xlsx, xls; Chinese
    headers), :meth:`from_frame` or :meth:`from_records`; iterate to get
    :class:`CandidateProject` s.

    Examples
    --------
    >>> t = ProjectTable.from_records(
    ...     [{"id": "P1", "region": "410102", "area_m2": "500", "cost": "94万元",
    ...       "lon": "113.6", "lat": "34.7"}])
    >>> len(t), t[0].name, t[0].lon, t.ids
    (1, 'P1', 113.6, ('P1',))
    """

    table_kind: ClassVar[str] = "projects"
    row_field: ClassVar[str | None] = "rows"

    rows: tuple[CandidateProject, ...] = field(converter=_rows)
    source: str | None = field(default=None, eq=False)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[CandidateProject]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> CandidateProject:
        return self.rows[i]

    @property
    def ids(self) -> tuple[str, ...]:
        """Project ids in file order."""
        return tuple(p.id for p in self.rows)

    def __repr__(self) -> str:
        """Short: the source and the first projects (never every project).

        Examples
        --------
        >>> ProjectTable.from_records([{"id": "P1", "region": "410102", "area_m2": "500",
        ...                             "cost": "94万元"}])
        ProjectTable(source=None, projects=[P1: 940000.00])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "ProjectTable",
            [("source", self.source)],
            (f"{p.id}: {p.cost}" for p in self.rows),
            count=len(self.rows),
            label="projects",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first projects, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"ProjectTable: {len(self.rows):,} candidate projects",
            ["id", "name", "region", "kind", "area_m2", "cost_yuan", "lon", "lat"],
            ((p.id, p.name, p.region, p.kind, p.area, p.cost, p.lon, p.lat) for p in self.rows),
            count=len(self.rows),
        )

    def to_frame(self) -> Any:
        """A pandas DataFrame ``id, name, region, kind, area_m2, cost_yuan, lon, lat``.

        ``area_m2`` is the exact :class:`~decimal.Decimal` area [m²], ``cost_yuan`` exact
        :class:`~decimal.Decimal` yuan (two places), ``lon``/``lat`` degrees (WGS-84,
        None for a project without a site); :meth:`from_frame` reads the frame back.
        Needs the ``pandas`` extra.

        Examples
        --------
        >>> t = ProjectTable.from_records(
        ...     [{"id": "P1", "region": "410102", "area_m2": "500", "cost": "94万元"}])
        >>> df = t.to_frame()
        >>> list(df.columns)
        ['id', 'name', 'region', 'kind', 'area_m2', 'cost_yuan', 'lon', 'lat']
        >>> df["cost_yuan"].tolist()
        [Decimal('940000.00')]
        >>> ProjectTable.from_frame(df).rows == t.rows
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("ProjectTable.to_frame")
        data = {
            "id": [p.id for p in self.rows],
            "name": [p.name for p in self.rows],
            "region": [p.region for p in self.rows],
            "kind": [p.kind for p in self.rows],
            "area_m2": [p.area for p in self.rows],
            "cost_yuan": [p.cost.to_decimal() for p in self.rows],
            "lon": [p.lon for p in self.rows],
            "lat": [p.lat for p in self.rows],
        }
        return pd.DataFrame(data, columns=list(data), dtype=object)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        tree: RegionTree | None = None,
    ) -> ProjectTable:
        """Build from mappings with keys ``id, region, area_m2, cost`` and optional
        ``name, kind, lon, lat``.

        Parameters
        ----------
        records : iterable of mapping
            ``area_m2`` in m² (a number >= 0), ``cost`` as money text (``"1847万元"``)
            or a number of yuan, ``lon``/``lat`` in degrees (WGS-84), both or neither.
        source : str, optional
            File name for error messages.
        tree : RegionTree, optional
            A ``region`` naming a region of the tree is stored as its code (the
            rules of :meth:`from_file`); without it cells are kept as given.

        Raises
        ------
        DataError
            A missing value, a duplicate id, a bad number, a coordinate out of range,
            only one of lon/lat, or no rows at all; it names the 1-based record (the
            spreadsheet row when read by :meth:`from_file`) and the field.

        Examples
        --------
        >>> ProjectTable.from_records([{"id": "P1", "region": "A", "area_m2": "-1",
        ...                             "cost": "1万元"}], source="p.csv")
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: p.csv, row 1, field area_m2: area_m2='-1': expected ...
        """
        from sportsgov.regions._names import region_records

        records = region_records(records, tree, source=source)  # names -> codes
        out: list[CandidateProject] = []
        seen: set[str] = set()
        for row, record in enumerate(records, start=1):
            out.append(_project(record, row, source, seen))
        if not out:
            raise DataError("no data rows", source=source)
        return cls(tuple(out), source)


def _text(record: Mapping[str, Any], name: str) -> str:
    value = record.get(name)
    return "" if value is None else str(value).strip()


def _project(
    record: Mapping[str, Any], row: int, source: str | None, seen: set[str]
) -> CandidateProject:
    for name in _REQUIRED:
        if is_missing(record.get(name)):
            message = InvalidInputError.bad(name, record.get(name), "missing").message
            raise DataError(message, source=source, row=row, field=name)
    pid = _text(record, "id")
    if pid in seen:
        raise DataError(f"id={pid!r}: duplicate project id", source=source, row=row, field="id")
    seen.add(pid)
    text = _text(record, "area_m2")
    try:
        area = Decimal(text.replace(",", ""))
        if not area.is_finite() or area < 0:
            raise InvalidOperation
    except (InvalidOperation, ArithmeticError):
        raise DataError(
            f"area_m2={text!r}: expected a number of m² >= 0",
            source=source,
            row=row,
            field="area_m2",
        ) from None
    try:
        cost = Money.parse(_text(record, "cost"))
    except InvalidInputError:
        raise DataError(
            f"cost={_text(record, 'cost')!r}: expected a money amount such as '12.5万元' "
            "or '1,234.50'",
            source=source,
            row=row,
            field="cost",
        ) from None
    if cost < Money(0):
        raise DataError(
            f"cost={_text(record, 'cost')!r}: must be >= 0", source=source, row=row, field="cost"
        )
    coords: list[float | None] = []
    axes: tuple[tuple[Literal["lon", "lat"], float], ...] = (("lon", 180.0), ("lat", 90.0))
    for name, bound in axes:
        text = _text(record, name)
        if is_missing(text):
            coords.append(None)
            continue
        try:
            value = degrees(text, name, axis=name)
        except InvalidInputError as exc:
            raise DataError(exc.message, source=source, row=row, field=name) from None
        if not -bound <= value <= bound:
            raise DataError(
                f"{name}={text!r}: expected degrees in [-{bound:g}, {bound:g}]",
                source=source,
                row=row,
                field=name,
            )
        coords.append(value)
    if (coords[0] is None) != (coords[1] is None):
        raise DataError("lon, lat: give both or neither", source=source, row=row, field="lon")
    return CandidateProject(
        pid,
        _text(record, "name") or pid,
        _text(record, "region"),
        _text(record, "kind") or "multi_purpose",
        area,
        cost,
        coords[0],
        coords[1],
        row=row,
    )
