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
        file_options: ClassVar[tuple[str, ...]] = ()  # extra keywords of from_records

        rows: tuple[School, ...]

        @classmethod
        def from_records(cls, records, *, source=None) -> SchoolTable: ...

A class whose row builder needs the raw columns rather than records (the
facility inventory reads whole columns) overrides ``_from_raw(raw, errors,
**options)`` instead; one with extra typed results (``errors="collect"``)
declares its own ``@overload``-ed readers and calls ``_read_file`` /
``_read_frame`` for the work.

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

if TYPE_CHECKING:
    from sportsgov._common.tables import Errors, RawTable

__all__ = ["TableFile", "TableReader"]


class TableReader:
    """Mixin: reading a table kind's files and DataFrames and building the class from them.

    The work behind :class:`TableFile`'s readers, for a class that declares its own
    typed readers (``@overload``-ed on ``errors``) and calls :meth:`_read_file` and
    :meth:`_read_frame` from them. Subclasses set ``table_kind`` (a table of
    ``aliases.toml``) and, when their row builder takes keywords besides ``source``
    that the readers pass on (``tree=`` of the population table), list them in
    ``file_options``.
    """

    __slots__ = ()

    table_kind: ClassVar[str]
    file_options: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def _read_file(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        encoding: str | None,
        sheet: str | int | None,
        columns: Mapping[str, str] | None,
        errors: Errors,
        **options: Any,
    ) -> Any:
        """Read ``path`` as ``table_kind`` and build the table (whatever ``_from_raw`` gives)."""
        from sportsgov._common.tables import read_table

        cls._check_options(options, "from_file")
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
        cls, df: Any, *, columns: Mapping[str, str] | None, errors: Errors, **options: Any
    ) -> Any:
        """Read a DataFrame as ``table_kind`` and build the table."""
        from sportsgov._common.frames import frame_columns

        cls._check_options(options, "from_frame")
        raw = frame_columns(df, table=cls.table_kind, columns=columns, errors=errors)
        return cls._from_raw(raw, errors, **options)

    @classmethod
    def _from_raw(cls, raw: RawTable, errors: Errors, **options: Any) -> Any:
        """Row builder hook: ``from_records(records, source=..., **options)`` by default.

        ``errors`` is always ``"raise"`` for the default builder.
        """
        from sportsgov._common.tables import build_from_raw

        build = getattr(cls, "from_records")  # noqa: B009 - each subclass has its own signature
        return build_from_raw(
            raw, lambda records, source: build(records, source=source, **options)
        )

    @classmethod
    def _check_options(cls, options: Mapping[str, Any], method: str) -> None:
        for name in options:
            if name not in cls.file_options:
                raise TypeError(
                    f"{cls.__name__}.{method}() got an unexpected keyword argument {name!r}"
                )


class TableFile(TableReader):
    """Mixin: ``from_file``, ``from_frame`` and ``from_csv`` of a table class.

    Subclasses set ``table_kind`` and, when their ``from_records`` takes keywords
    besides ``source`` that the readers should pass on, ``file_options`` (see
    :class:`TableReader`).
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
        **options: Any,
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
            The first bad row raises.
        **options
            Keywords of the class's ``from_records`` listed in ``file_options``
            (``PopulationTable``: ``tree`` [RegionTree], enabling roll-ups).

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
        TypeError
            A keyword the class does not take.

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
            cls._read_file(
                path, encoding=encoding, sheet=sheet, columns=columns, errors=errors, **options
            ),
        )

    @classmethod
    def from_frame(
        cls, df: Any, *, columns: Mapping[str, str] | None = None, **options: Any
    ) -> Self:
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
        **options
            As for :meth:`from_file`.

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
        return cast(Self, cls._read_frame(df, columns=columns, errors="raise", **options))

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str] | IO[str] | IO[bytes], **options: Any) -> Self:
        """Read a CSV with the columns of ``from_records`` (header row first): :meth:`from_file`.

        UTF-8 with or without BOM (or GBK); ``.csv.gz`` is decompressed. ``path`` and
        ``**options`` as for :meth:`from_file`; returns an instance of the class the
        method is called on.

        Examples
        --------
        >>> import io
        >>> from sportsgov.assessment import ObservationTable
        >>> text = "target,region,value,unit,as_of\\nmass-events,city,260,场次,2024-03-31\\n"
        >>> ObservationTable.from_csv(io.StringIO(text))[0].unit
        '场次'
        """
        return cls.from_file(path, **options)
