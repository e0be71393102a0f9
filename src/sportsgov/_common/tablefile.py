"""``from_file``, ``from_frame`` and ``from_csv`` for a table class, written once.

A table class -- a frozen attrs class holding the rows of one kind of file
(regions, population, observations, events, candidate projects ...) -- inherits
:class:`TableFile`, names its table kind (the key of its fields and header aliases
in ``sportsgov/data/aliases.toml``) and provides its row builder, the classmethod
``from_records(records, *, source=None, ...)`` it has anyway. The three readers
then come from here, each going through the one tolerant reader of
:mod:`sportsgov._common.tables`: encoding detected, header row found under title
rows, Chinese headers mapped, units in headers converted, and a
:class:`~sportsgov.errors.DataError` raised by the row builder with a 1-based
record number re-raised with the row the spreadsheet shows (header = row 1).

How to add a table class::

    @frozen
    class SchoolTable(TableFile):
        table_kind: ClassVar[str] = "schools"     # [tables.schools] in aliases.toml
        row_field: ClassVar[str | None] = "rows"  # rows get the spreadsheet row

        rows: tuple[School, ...] = field(converter=tuple)
        source: str | None = field(default=None, eq=False)  # not part of equality

        @classmethod
        def from_records(cls, records, *, source=None) -> SchoolTable: ...

The readers take no keyword besides their own, so a type checker refuses
``SchoolTable.from_file(p, tree=t)``. A class whose row builder takes more keywords
(``PopulationTable``: ``tree=``) lists them in ``file_options`` and declares its
three readers with the keywords spelled out, each one line calling
:meth:`TableReader._read_file` / :meth:`TableReader._read_frame` -- the work stays
here and mypy checks every keyword. A class whose row builder needs the raw
columns rather than records (the facility inventory reads whole columns)
overrides ``_from_raw(raw, errors, **options)`` instead.

A table with a ``region`` column (observations, instructors, schools, budget
lines, events, candidate projects) inherits :class:`RegionTableFile` instead: its
readers spell out ``tree=``, and its ``from_records`` takes ``tree=`` too and
starts with ``records = region_records(records, tree, source=source)``, the one
line that resolves region names to codes.

``errors``: every table's readers take ``errors="raise"`` (the first bad row
raises) and refuse anything else with ``errors='collect': expected 'raise'``. Only
the facility inventory, whose readers are ``@overload``-ed to return a
``LoadResult`` of good rows and errors, also takes ``"collect"``
(``error_choices``).

Examples
--------
>>> import io
>>> from typing import ClassVar
>>> from attrs import frozen
>>> @frozen
... class Heights(TableFile):
...     table_kind: ClassVar[str] = "instructors"
...     rows: tuple[tuple[str, int], ...]
...     @classmethod
...     def from_records(cls, records, *, source=None):
...         return cls(tuple((r["region"], int(r["instructors"])) for r in records))
>>> Heights.from_file(io.StringIO("地区,年份,社会体育指导员\\nA,2024,12\\n")).rows
(('A', 12),)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, ClassVar, Literal, Self, cast

from attrs import evolve

if TYPE_CHECKING:
    from sportsgov._common.tables import Errors, RawTable
    from sportsgov.regions import RegionTree

__all__ = ["RegionTableFile", "TableFile", "TableReader"]


class TableReader:
    """Mixin: reading a table kind's files and DataFrames and building the class from them.

    The work behind :class:`TableFile`'s readers, for a class that declares its own
    typed readers (``@overload``-ed on ``errors``) and calls :meth:`_read_file` and
    :meth:`_read_frame` from them. Subclasses set ``table_kind`` (a table of
    ``aliases.toml``) and, when their row builder takes keywords besides ``source``
    that the readers pass on (``tree=`` of the population table), list them in
    ``file_options``. ``error_choices`` are the ``errors=`` the readers take
    (``("raise",)``; the facility inventory adds ``"collect"``). ``row_field`` names
    the tuple attribute whose rows carry a ``row`` [1-based]: the default builder
    then sets it to the row the spreadsheet shows (header = row 1) instead of the
    record number.
    """

    __slots__ = ()

    table_kind: ClassVar[str]
    file_options: ClassVar[tuple[str, ...]] = ()
    error_choices: ClassVar[tuple[str, ...]] = ("raise",)
    row_field: ClassVar[str | None] = None

    @classmethod
    def _read_file(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        encoding: str | None,
        sheet: str | int | None,
        columns: Mapping[str, str] | None,
        errors: Errors,
        /,
        **options: Any,
    ) -> Any:
        """Read ``path`` as ``table_kind`` and build the table (whatever ``_from_raw`` gives).

        The reader's own arguments come by position, the row builder's ``options``
        by keyword (checked against ``file_options``).
        """
        from sportsgov._common.tables import read_table

        cls._check_options(options, "from_file")
        cls._check_errors(errors)
        raw = read_table(
            path,
            table=cls.table_kind,
            encoding=encoding,
            sheet=sheet,
            columns=columns,
            errors=errors,
        )
        return cls._from_raw(raw, errors, **options)

    @classmethod
    def _read_frame(
        cls, df: Any, columns: Mapping[str, str] | None, errors: Errors, /, **options: Any
    ) -> Any:
        """Read a DataFrame as ``table_kind`` and build the table."""
        from sportsgov._common.frames import frame_columns

        cls._check_options(options, "from_frame")
        cls._check_errors(errors)
        raw = frame_columns(df, table=cls.table_kind, columns=columns, errors=errors)
        return cls._from_raw(raw, errors, **options)

    @classmethod
    def _from_raw(cls, raw: RawTable, errors: Errors, **options: Any) -> Any:
        """Row builder hook: ``from_records(records, source=..., **options)`` by default.

        ``errors`` is always ``"raise"`` for the default builder. With ``row_field``
        set, each row's ``row`` becomes the row the spreadsheet shows.
        """
        from sportsgov._common.tables import build_from_raw

        build = getattr(cls, "from_records")  # noqa: B009 - each subclass has its own signature
        table = build_from_raw(
            raw, lambda records, source: build(records, source=source, **options)
        )
        if cls.row_field is None:
            return table
        lines = raw.rows.tolist()
        rows = getattr(table, cls.row_field)
        renumbered = [evolve(r, row=n) for r, n in zip(rows, lines, strict=True)]
        return evolve(table, **{cls.row_field: renumbered})

    @classmethod
    def _check_errors(cls, errors: object) -> None:
        from sportsgov.errors import InvalidInputError

        if errors not in cls.error_choices:
            listed = ", ".join(repr(c) for c in cls.error_choices)
            many = "one of " if len(cls.error_choices) > 1 else ""
            raise InvalidInputError.bad("errors", errors, f"expected {many}{listed}")

    @classmethod
    def _check_options(cls, options: Mapping[str, Any], method: str) -> None:
        for name in options:
            if name not in cls.file_options:
                raise TypeError(
                    f"{cls.__name__}.{method}() got an unexpected keyword argument {name!r}"
                )


class TableFile(TableReader):
    """Mixin: ``from_file``, ``from_frame`` and ``from_csv`` of a table class.

    Subclasses set ``table_kind`` (see :class:`TableReader`). The readers take no
    other keywords; a class whose ``from_records`` takes more (``tree=``) declares
    its readers with those keywords spelled out, calling ``_read_file`` /
    ``_read_frame`` (see the module documentation).
    """

    __slots__ = ()

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        encoding: str | None = None,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
    ) -> Self:
        """Read the table from a file as a bureau has it: CSV (any encoding), gzip, xlsx, xls.

        Goes through the one tolerant table reader: the format is decided by the
        bytes, the encoding detected (UTF-8, UTF-8 with BOM, GB18030/GBK), the
        header row found under title rows, Chinese headers mapped through the
        aliases of the class's table kind (``table_kind``; listed in the how-to
        "Load an Excel or GBK file"), a unit written in a header converted exactly
        (常住人口(万人) multiplies by 10,000). Errors name the file, the spreadsheet
        row (header = row 1) and the field.

        Parameters
        ----------
        path : str, os.PathLike or open file
            ``.csv``, ``.csv.gz``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xlsm`` or ``.xls``
            (xlsx/xls need the ``excel`` extra); an open handle is read from its
            current position.
        encoding : str, optional
            Text encoding; default detected. Ignored for workbooks.
        sheet : str or int, optional
            Workbook sheet by name or 0-based index; default the first.
        columns : mapping of str to str, optional
            ``{"header in the file": "field"}`` for headers the aliases do not know.
        errors : {"raise"}, default "raise"
            The first bad row raises; anything else is refused (only the facility
            inventory collects errors).

        Returns
        -------
        Self
            An instance of the class the method is called on.

        Raises
        ------
        DataError
            Unreadable file, no header row, a missing column or a bad cell (file,
            spreadsheet row, field).
        NotFoundError
            No such file.
        MissingExtraError
            A workbook without the ``excel`` extra installed.
        InvalidInputError
            ``errors`` other than ``"raise"``.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> from sportsgov.regions import RegionTree
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "区划.csv"
        >>> text = ("2024年行政区划表,,,\\n行政区划代码,名称,级别,上级代码\\n"
        ...         "410100,郑州市,city,\\n410102,中原区,district,410100\\n")
        >>> _ = p.write_bytes(text.encode("gbk"))
        >>> [r.name for r in RegionTree.from_file(p)]
        ['郑州市', '中原区']
        """
        return cast(
            Self,
            cls._read_file(path, encoding, sheet, columns, errors),
        )

    @classmethod
    def from_frame(cls, df: Any, *, columns: Mapping[str, str] | None = None) -> Self:
        """Build from a pandas DataFrame through the same header aliases as :meth:`from_file`.

        Cells become text as a workbook's would (whole floats without ``.0``,
        timestamps as ISO dates, missing values empty); row numbers in errors are
        the frame position + 2 (as if saved with its header on row 1). Needs the
        ``pandas`` extra.

        Parameters
        ----------
        df : pandas.DataFrame
            The table; its column labels are the header.
        columns : mapping of str to str, optional
            ``{"column label": "field"}`` for labels the aliases do not know.

        Returns
        -------
        Self
            An instance of the class the method is called on.

        Raises
        ------
        InvalidInputError
            ``df`` is not a DataFrame.
        DataError
            A missing column or a bad cell (row, field).

        Examples
        --------
        >>> import pandas as pd
        >>> from sportsgov.regions import PopulationTable
        >>> df = pd.DataFrame({"地区": ["410102"], "年份": [2024], "常住人口(万人)": [72.5]})
        >>> PopulationTable.from_frame(df).get("410102", 2024)
        725000
        """
        return cast(Self, cls._read_frame(df, columns, "raise"))

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        encoding: str | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
    ) -> Self:
        """Read a CSV with the columns of ``from_records`` (header row first): :meth:`from_file`.

        UTF-8 with or without BOM (or GBK); ``.csv.gz`` is decompressed. ``path``,
        ``encoding``, ``columns`` and ``errors`` as for :meth:`from_file`; returns an
        instance of the class the method is called on.

        Examples
        --------
        >>> import io
        >>> from sportsgov.assessment import ObservationTable
        >>> text = "target,region,value,unit,as_of\\nmass-events,city,260,场次,2024-03-31\\n"
        >>> ObservationTable.from_csv(io.StringIO(text))[0].unit
        '场次'
        """
        return cls.from_file(path, encoding=encoding, columns=columns, errors=errors)


class RegionTableFile(TableFile):
    """Mixin: the readers of a table with a ``region`` column, taking ``tree=``.

    ``from_file``, ``from_frame`` and ``from_csv`` of :class:`TableFile` with one
    more keyword, ``tree`` (spelled out, so a type checker sees it), handed to the
    row builder ``from_records(records, *, source=None, tree=None)``. That builder
    starts with the one line ``records = region_records(records, tree,
    source=source)`` (:mod:`sportsgov.regions`' name resolver): with a tree, a
    region cell naming a region (中原区, 清河市中原区, 中原区（清河市）) becomes its
    code, a cell that is no region of the tree is kept as written, a name several
    regions share is a :class:`~sportsgov.errors.DataError` naming the file, the
    spreadsheet row and the candidates.
    """

    __slots__ = ()

    file_options: ClassVar[tuple[str, ...]] = ("tree",)

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        encoding: str | None = None,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        tree: RegionTree | None = None,
    ) -> Self:
        """Read the table from a file as a bureau has it: CSV (any encoding), gzip, xlsx, xls.

        The one tolerant table reader (see :meth:`TableFile.from_file`): encoding
        detected, the header row found under title rows, Chinese headers mapped,
        units in headers converted; errors name the file, the spreadsheet row
        (header = row 1) and the field.

        Parameters
        ----------
        path : str, os.PathLike or open file
            ``.csv``, ``.csv.gz``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xlsm`` or ``.xls``
            (xlsx/xls need the ``excel`` extra); an open handle is read from its
            current position.
        encoding : str, optional
            Text encoding; default detected. Ignored for workbooks.
        sheet : str or int, optional
            Workbook sheet by name or 0-based index; default the first.
        columns : mapping of str to str, optional
            ``{"header in the file": "field"}`` for headers the aliases do not know.
        errors : {"raise"}, default "raise"
            The first bad row raises; anything else is refused.
        tree : RegionTree, optional
            Region cells may name the region: a code of the tree, the name of
            exactly one region (full-width folded, blanks removed), or a name
            qualified by its ancestors (清河市中原区, 中原区（清河市）) is stored as
            its code, once per distinct cell. A cell that is no region of the tree
            is kept as written; a name several regions share is an error listing
            their codes. Without a tree every cell is kept as written.

        Returns
        -------
        Self
            An instance of the class the method is called on.

        Raises
        ------
        DataError
            Unreadable file, no header row, a missing column, a bad cell or an
            ambiguous region name (file, spreadsheet row, field).
        NotFoundError
            No such file.
        MissingExtraError
            A workbook without the ``excel`` extra installed.
        InvalidInputError
            ``errors`` other than ``"raise"``.

        Examples
        --------
        >>> import io
        >>> from sportsgov.regions import RegionTree
        >>> from sportsgov.talent import InstructorTable
        >>> tree = RegionTree.from_records([
        ...     {"code": "4101", "name": "郑州市", "level": "city"},
        ...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"}])
        >>> text = "地区,年份,社会体育指导员\\n中原区,2024,262\\n"
        >>> InstructorTable.from_file(io.StringIO(text), tree=tree).rows[0].region
        '410102'
        >>> InstructorTable.from_file(io.StringIO(text)).rows[0].region
        '中原区'
        """
        return cast(Self, cls._read_file(path, encoding, sheet, columns, errors, tree=tree))

    @classmethod
    def from_frame(
        cls, df: Any, *, columns: Mapping[str, str] | None = None, tree: RegionTree | None = None
    ) -> Self:
        """Build from a pandas DataFrame through the same header aliases as :meth:`from_file`.

        Row numbers in errors are the frame position + 2; ``tree`` resolves region
        names as for :meth:`from_file`. Needs the ``pandas`` extra.

        Examples
        --------
        >>> import pandas as pd
        >>> from sportsgov.regions import RegionTree
        >>> from sportsgov.talent import SchoolTable
        >>> tree = RegionTree.from_records([{"code": "A", "name": "城关区", "level": "district"}])
        >>> df = pd.DataFrame({"学校名称": ["一中"], "所属区县": ["城关区"],
        ...                    "教练员": [2], "运动员": [30]})
        >>> SchoolTable.from_frame(df, tree=tree).rows[0].region
        'A'
        """
        return cast(Self, cls._read_frame(df, columns, "raise", tree=tree))

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        encoding: str | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        tree: RegionTree | None = None,
    ) -> Self:
        """Read a CSV with the columns of ``from_records`` (header row first): :meth:`from_file`.

        Examples
        --------
        >>> import io
        >>> from sportsgov.assessment import ObservationTable
        >>> text = "target,region,value,unit,as_of\\nmass-events,city,260,场次,2024-03-31\\n"
        >>> ObservationTable.from_csv(io.StringIO(text))[0].region
        'city'
        """
        return cls.from_file(path, encoding=encoding, columns=columns, errors=errors, tree=tree)
