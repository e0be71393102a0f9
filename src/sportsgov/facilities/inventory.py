"""The columnar facility :class:`Inventory` (numpy columns, dating, filters, totals).

Size: it is one class, :class:`Inventory`, whose
methods share its cached columns (counted area, region keys, tree positions); about
half of the lines are numpy-style docstrings with runnable examples. Column
building and CSV parsing already live in the private ``_columns`` module; what is
left is the public surface of one noun.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import gzip
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal, cast, overload

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov._common.arrays import readonly
from sportsgov._common.dates import as_date
from sportsgov._common.datums import DATUMS, normalize_datum
from sportsgov._common.tablefile import TableReader
from sportsgov._common.tables import field_specs
from sportsgov.errors import (
    DataError,
    DatumError,
    InvalidInputError,
    NotFoundError,
    SportsgovError,
    UnitError,
)
from sportsgov.facilities._columns import (
    CHUNK,
    CSV_COLUMNS,
    EPOCH_ORDINAL,
    FAST_CHECKED,
    NAT,
    ColumnarCSV,
    RowParser,
    build_columns,
    kind_selection,
    number_cell,
    text_cell,
)
from sportsgov.facilities.facility import Facility, facility_from_record
from sportsgov.facilities.kinds import FacilityKinds
from sportsgov.regions import LEVEL_TIER, Region, RegionTree, normalize_level
from sportsgov.regions._names import name_hint

__all__ = ["CSV_COLUMNS", "Inventory", "LoadResult", "RegionTotals"]

# ----------------------------------------------------------------------------- Inventory


def _deprecated(old: str, new: str) -> None:
    warnings.warn(
        f"Inventory.{old}() is deprecated; use Inventory.{new}",
        DeprecationWarning,
        stacklevel=3,
    )


@frozen
class RegionTotals:
    """Totals per region from :meth:`Inventory.totals_by_region`.

    Attributes
    ----------
    codes : tuple of str
        The regions, in the order asked.
    values : numpy.ndarray of float64
        Area [m²] (``weighted=True``) or number of facilities, per region.
    counts : numpy.ndarray of int64
        Number of facilities counted, per region.
    excluded : int
        Facilities left out because their region is not in the tree.
    """

    codes: tuple[str, ...]
    values: npt.NDArray[np.float64] = field(eq=False)
    counts: npt.NDArray[np.int64] = field(eq=False)
    excluded: int = 0


@frozen
class LoadResult:
    """What a loader returns with ``errors="collect"``: the good rows and every error.

    Attributes
    ----------
    inventory : Inventory
        Built from the rows without errors.
    errors : tuple of SportsgovError
        One error per rejected row (``DataError`` or ``UnitError``), each with its
        ``row`` (1-based data row, header excluded) and ``field``.

    Examples
    --------
    >>> res = Inventory.from_records(
    ...     [{"id": 1, "kind": "gym", "region": "A", "area": -5},
    ...      {"id": 2, "kind": "gym", "region": "A", "area": 50}], errors="collect")
    >>> len(res.inventory), [e.row for e in res.errors]
    (1, [1])
    """

    inventory: Inventory
    errors: tuple[SportsgovError, ...]

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.errors


_Errors = Literal["raise", "collect"]


@frozen(eq=False)
class Inventory(TableReader):
    """A columnar facility inventory (numpy arrays inside), for millions of venues.

    Build it with :meth:`from_records`, :meth:`from_arrays` or :meth:`from_csv`.
    All columns are read-only numpy arrays of the same length; methods return
    new inventories or results, never mutate.

    Attributes
    ----------
    kinds : FacilityKinds
        The taxonomy the ``kind`` column indexes into.
    ids : numpy.ndarray
        Facility ids (unique).
    kind : numpy.ndarray of int16
        Index into ``kinds.kinds``.
    region_codes : tuple of str
        Region categories; ``region`` indexes into them.
    region : numpy.ndarray of int32
        Index into ``region_codes``.
    area : numpy.ndarray of float64 [m²]
        Venue area; NaN only for length-measured kinds without a recorded area.
    length : numpy.ndarray of float64 [m] or None
        Length (NaN = not recorded); ``None`` when no record has one.
    lon, lat : numpy.ndarray of float64 [°] or None
        Coordinates (NaN = not recorded); ``None`` when no record has any.
    datum : numpy.ndarray of int8 or None
        Index into :data:`DATUMS` (-1 = no coordinates).
    opened, closed : numpy.ndarray of datetime64[D]
        In service from ``opened`` (inclusive; NaT = since before any date) until
        ``closed`` (exclusive; NaT = still open).
    public : numpy.ndarray of bool
        Open to the public (对外开放).
    names : numpy.ndarray of str or None
        Names, if given.
    tree : RegionTree or None
        If given, every region code is a region of the tree and area totals roll
        up over it (a district's total includes its streets). The loaders given a
        ``tree=`` accept a region cell that names a region (中原区, 清河市中原区,
        中原区（清河市）) and store its code; a name several regions share is an
        error listing their codes. Without a tree a cell is kept as written.
    source : str or None
        File name the inventory came from.

    Examples
    --------
    >>> import numpy as np
    >>> inv = Inventory.from_arrays(
    ...     id=np.arange(3), kind=np.array(["football_5", "gym", "trail"]),
    ...     region=np.array(["A", "A", "B"]), area=np.array([800.0, 300.0, 1200.0]),
    ...     opened=np.array(["2020-01-01", "2021-01-01", ""]), closed=None)
    >>> inv.count_by_kind()
    {'football_5': 1, 'gym': 1, 'trail': 1}
    >>> inv.total_area(by="region")
    {'A': <Quantity(1100.0, 'meter ** 2')>, 'B': <Quantity(1200.0, 'meter ** 2')>}
    """

    table_kind: ClassVar[str] = "facilities"
    file_options: ClassVar[tuple[str, ...]] = ("kinds", "tree", "datum")
    error_choices: ClassVar[tuple[str, ...]] = ("raise", "collect")

    kinds: FacilityKinds
    ids: npt.NDArray[Any]
    kind: npt.NDArray[np.int16]
    region_codes: tuple[str, ...]
    region: npt.NDArray[np.int32]
    area: npt.NDArray[np.float64]
    opened: npt.NDArray[np.datetime64]
    closed: npt.NDArray[np.datetime64]
    public: npt.NDArray[np.bool_]
    length: npt.NDArray[np.float64] | None = None
    lon: npt.NDArray[np.float64] | None = None
    lat: npt.NDArray[np.float64] | None = None
    datum: npt.NDArray[np.int8] | None = None
    names: npt.NDArray[Any] | None = None
    tree: RegionTree | None = None
    source: str | None = None
    _cache: dict[str, Any] = field(factory=dict, init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        n = self.ids.shape[0]
        for name in (
            "kind",
            "region",
            "area",
            "opened",
            "closed",
            "public",
            "length",
            "lon",
            "lat",
            "datum",
            "names",
        ):
            arr = getattr(self, name)
            if arr is not None and arr.shape != (n,):
                raise InvalidInputError.bad(
                    name, arr, f"must be a 1-D column of {n} values (one per id)"
                )

    # -- constructors ---------------------------------------------------------

    @classmethod
    def from_arrays(
        cls,
        *,
        id: npt.ArrayLike,
        kind: npt.ArrayLike,
        region: npt.ArrayLike,
        area: Any,
        opened: Any = None,
        closed: Any = None,
        length: Any = None,
        lon: npt.ArrayLike | None = None,
        lat: npt.ArrayLike | None = None,
        datum: str | npt.ArrayLike = "wgs84",
        public: bool | npt.ArrayLike = True,
        name: npt.ArrayLike | None = None,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        kind_categories: Sequence[str] | None = None,
        region_categories: Sequence[str] | None = None,
        source: str | None = None,
        copy: bool = True,
    ) -> Inventory:
        """Build from numpy columns (vectorized validation; the fast path).

        Parameters
        ----------
        id : array_like
            Unique ids (integers or strings).
        kind : array_like
            Kind codes/aliases as strings, or integer codes into ``kind_categories``.
        region : array_like
            Region codes as strings, or integer codes into ``region_categories``.
        area : array_like [m²] or Quantity array
            Venue area. Plain numbers are m²; a Quantity array is converted (亩, ha);
            a length raises :class:`~sportsgov.errors.UnitError`. NaN is allowed
            only for length-measured kinds that have a ``length``.
        opened, closed : array_like of datetime64[D] or ISO strings, optional
            ``""``/``None``/NaT = missing. ``closed`` must be after ``opened``.
        length : array_like [m], optional
            Lengths for trails and greenways.
        lon, lat : array_like [°], optional
            Coordinates (NaN = not recorded).
        datum : str or array_like, default "wgs84"
            Datum of the coordinates.
        public : bool or array_like of bool, default True
            Open to the public.
        name : array_like, optional
            Names.
        kinds : FacilityKinds, optional
            Taxonomy (default :meth:`FacilityKinds.default`).
        tree : RegionTree, optional
            If given, every region must be in it: a code, or a name of exactly one
            region (stored as its code; see :meth:`from_file`).
        kind_categories, region_categories : sequence of str, optional
            Labels for integer-coded ``kind`` / ``region`` columns (as from
            ``numpy.unique(..., return_inverse=True)`` or a pandas Categorical):
            this avoids factorizing millions of strings.
        copy : bool, default True
            Copy the input arrays, so later changes to them cannot reach the
            inventory. ``copy=False`` keeps arrays that already have the right
            dtype as read-only *views* (numpy's ``copy=False`` convention): faster
            and lighter for millions of rows, but the caller must not modify them
            afterwards.

        Raises
        ------
        DataError
            Unknown kind (listing the known kinds), unknown region, negative or
            missing area, duplicate id, ``closed`` not after ``opened``, bad
            coordinates; each with the 1-based row.
        UnitError
            ``area`` given as a length.

        Examples
        --------
        >>> import numpy as np
        >>> inv = Inventory.from_arrays(
        ...     id=np.arange(4), kind=np.array([0, 1, 1, 2]),
        ...     kind_categories=["football_11", "football_7", "basketball"],
        ...     region=np.zeros(4, dtype=np.int32), region_categories=["410102"],
        ...     area=np.array([7140.0, 2000.0, 2000.0, 608.0]),
        ...     opened=np.array(["2019-01-01"] * 4, dtype="datetime64[D]"),
        ...     closed=np.array(["NaT", "NaT", "2023-01-01", "NaT"], dtype="datetime64[D]"))
        >>> inv.pitch_count(as_of="2024-12-31")
        2
        """
        columns, clean = build_columns(
            id=id,
            kind=kind,
            region=region,
            area=area,
            opened=opened,
            closed=closed,
            length=length,
            lon=lon,
            lat=lat,
            datum=datum,
            public=public,
            name=name,
            kinds=kinds,
            tree=tree,
            kind_categories=kind_categories,
            region_categories=region_categories,
            source=source,
            copy=copy,
        )
        inventory = cls._make(**columns)
        if clean:
            inventory._cache["area0"] = inventory.area
        return inventory

    @classmethod
    def _make(cls, **columns: Any) -> Inventory:
        for key, value in list(columns.items()):
            if isinstance(value, np.ndarray):
                columns[key] = readonly(value)
        return cls(**columns)

    @overload
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any] | Facility],
        *,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["raise"] = ...,
        source: str | None = ...,
    ) -> Inventory: ...
    @overload
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any] | Facility],
        *,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["collect"],
        source: str | None = ...,
    ) -> LoadResult: ...

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any] | Facility],
        *,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
        errors: _Errors = "raise",
        source: str | None = None,
    ) -> Inventory | LoadResult:
        """Build from records (mappings in the ``facilities.csv`` layout, or :class:`Facility`).

        Keys: ``id, kind, region, area`` (required; ``area`` may be empty for
        trails with a ``length``) and optional ``name, length, lon, lat, datum,
        opened, closed, public``. Areas are m² when bare numbers; strings and
        quantities in 亩/ha are converted. A record without ``datum`` uses the
        ``datum`` argument. With ``tree``, ``region`` is a code or a region name
        (stored as its code; the rules in :meth:`from_file`).

        Parameters
        ----------
        errors : {"raise", "collect"}, default "raise"
            ``"raise"`` stops at the first bad record; ``"collect"`` skips bad
            records and returns a :class:`LoadResult` with the inventory of the
            good ones and one error per bad record.

        Raises
        ------
        DataError
            A bad record (1-based row, field, and for kinds the known kinds).
        UnitError
            An area given in a length unit (message names the row).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": "F1", "kind": "swimming_pool", "region": "A", "area": "1.5亩",
        ...      "lon": 113.6, "lat": 34.7, "opened": "2020-01-01", "closed": None}])
        >>> float(inv.area[0])
        1000.0
        >>> Inventory.from_records([{"id": "F1", "kind": "pool", "region": "A", "area": 5}])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: row 1, field kind: kind='pool': unknown facility kind; ...
        """
        if errors not in ("raise", "collect"):
            raise InvalidInputError.bad("errors", errors, "expected one of 'raise', 'collect'")
        parser = RowParser(kinds or FacilityKinds.default(), tree, normalize_datum(datum), source)
        failures: list[SportsgovError] = []
        for row, record in enumerate(records, start=1):
            if isinstance(record, Facility):
                record = record.to_record()
            try:
                parser.add(record, row)
            except (DataError, UnitError) as exc:
                if errors == "raise":
                    raise
                failures.append(exc)
        inventory = parser.build(cls)
        if errors == "collect":
            return LoadResult(inventory, tuple(failures))
        return inventory

    @overload
    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = ...,
        columns: Mapping[str, str] | None = ...,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["raise"] = ...,
    ) -> Inventory: ...
    @overload
    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = ...,
        columns: Mapping[str, str] | None = ...,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
        errors: Literal["collect"],
    ) -> LoadResult: ...

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = None,
        columns: Mapping[str, str] | None = None,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
        errors: _Errors = "raise",
    ) -> Inventory | LoadResult:
        """Stream ``facilities.csv`` (``.csv.gz`` accepted) into an inventory.

        Columns: ``id,name,kind,region,area,length,lon,lat,datum,opened,closed,public``
        (``id, kind, region, area`` required; the others optional). Empty cells
        are missing values. Area in m² (a cell such as ``"3亩"`` is converted),
        length in m, dates ISO ``YYYY-MM-DD``, public ``true/false/1/0/是/否``
        (empty = true). The file goes through :meth:`from_file` (encoding,
        Chinese headers and Excel workbooks are accepted too); errors name the
        file, the spreadsheet row (header = row 1) and the field.

        Parameters
        ----------
        encoding, columns
            As for :meth:`from_file` (the keywords of every table's ``from_csv``).
        kinds, tree, datum
            As for :meth:`from_file`.
        errors : {"raise", "collect"}, default "raise"
            With ``"collect"`` every bad row is skipped and reported: the result
            is a :class:`LoadResult` ``(inventory, errors)``.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "facilities.csv"
        >>> _ = p.write_text(
        ...     "id,name,kind,region,area,length,lon,lat,datum,opened,closed,public\\n"
        ...     "F1,Park,football_7,A,2000,,113.6,34.7,gcj02,2021-05-01,,true\\n"
        ...     "F2,Bad,football_7,A,-1,,,,,,,\\n", encoding="utf-8")
        >>> res = Inventory.from_csv(p, errors="collect")
        >>> len(res.inventory), str(res.errors[0])
        (1, 'facilities.csv, row 3, field area: area=-1.0: must be >= 0 m²')
        """
        if errors == "collect":
            return cls.from_file(
                path, encoding=encoding, columns=columns, kinds=kinds, tree=tree,
                datum=datum, errors="collect",
            )  # fmt: skip
        return cls.from_file(
            path, encoding=encoding, columns=columns, kinds=kinds, tree=tree,
            datum=datum, errors=errors,
        )  # fmt: skip

    @overload
    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = ...,
        sheet: str | int | None = ...,
        columns: Mapping[str, str] | None = ...,
        errors: Literal["raise"] = ...,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
    ) -> Inventory: ...
    @overload
    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = ...,
        sheet: str | int | None = ...,
        columns: Mapping[str, str] | None = ...,
        errors: Literal["collect"],
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
    ) -> LoadResult: ...

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = None,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        errors: _Errors = "raise",
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
    ) -> Inventory | LoadResult:
        """Read a facility list as a bureau has it: CSV (any encoding), gzip, xlsx or xls.

        Goes through the one tolerant table reader: the format is decided by the
        bytes, the encoding detected (UTF-8, UTF-8 with BOM, GB18030/GBK), the
        header row found under title rows, Chinese headers mapped (编号, 场地类型,
        所属区县, 面积(平方米), 经度, 纬度, 建成日期 ...), a unit in the area header
        converted (面积(万平方米)), Chinese kind names mapped to kind codes (足球场 ->
        ``football_11``) and dates such as ``2024/3/1`` or Excel serials read.
        Row numbers in errors are the ones the spreadsheet shows (header = row 1).

        Region names: with ``tree``, a region cell is resolved to a code, once per
        distinct cell: a code of the tree first; then (compared full-width folded,
        blanks removed, case-folded) a code written full-width or the name of
        exactly one region; then a name qualified by its ancestors, before it
        (清河市中原区) or in brackets after it (中原区（清河市）). A name shared by
        several regions is a :class:`~sportsgov.errors.DataError` listing the
        candidate codes with their parents' names. Without ``tree`` the cell is
        kept as written.

        Parameters
        ----------
        path : str or os.PathLike
            ``.csv``, ``.csv.gz``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xlsm`` or ``.xls``.
        encoding : str, optional
            Text encoding; default detected.
        sheet : str or int, optional
            Workbook sheet by name or 0-based index; default the first.
        columns : mapping of str to str, optional
            ``{"header in the file": "field"}`` for headers the aliases do not know.
        errors : {"raise", "collect"}, default "raise"
            ``"collect"`` skips bad rows and returns a :class:`LoadResult`.
        kinds, tree, datum
            As for :meth:`from_csv`.

        Raises
        ------
        DataError
            Unreadable file, missing column, or a bad cell (file, spreadsheet row, field).

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "场地.csv"
        >>> text = ("编号,场地名称,场地类型,所属区县,面积(平方米),建成日期\\n"
        ...         "F1,北园,足球场,410102,7140,2024/3/1\\n")
        >>> _ = p.write_bytes(text.encode("gbk"))
        >>> inv = Inventory.from_file(p)
        >>> inv[0].kind, float(inv.area[0]), str(inv[0].opened)
        ('football_11', 7140.0, '2024-03-01')
        >>> tree = RegionTree.from_records([
        ...     {"code": "4101", "name": "郑州市", "level": "city"},
        ...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"}])
        >>> _ = p.write_bytes(text.replace("410102", "中原区").encode("gbk"))
        >>> Inventory.from_file(p, tree=tree).region_codes
        ('410102',)
        """
        return cast(
            "Inventory | LoadResult",
            cls._read_file(
                path, encoding, sheet, columns, errors, kinds=kinds, tree=tree, datum=datum
            ),
        )

    @overload
    @classmethod
    def from_frame(
        cls,
        df: Any,
        *,
        columns: Mapping[str, str] | None = ...,
        errors: Literal["raise"] = ...,
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
    ) -> Inventory: ...
    @overload
    @classmethod
    def from_frame(
        cls,
        df: Any,
        *,
        columns: Mapping[str, str] | None = ...,
        errors: Literal["collect"],
        kinds: FacilityKinds | None = ...,
        tree: RegionTree | None = ...,
        datum: str = ...,
    ) -> LoadResult: ...

    @classmethod
    def from_frame(
        cls,
        df: Any,
        *,
        columns: Mapping[str, str] | None = None,
        errors: _Errors = "raise",
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
    ) -> Inventory | LoadResult:
        """Build from a pandas DataFrame through the same header aliases as :meth:`from_file`.

        Row numbers in errors are the frame position + 2 (as if saved with its
        header on row 1). Needs the ``pandas`` extra.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"编号": ["F1"], "类型": ["篮球场"], "所属区县": ["410102"],
        ...                    "面积": [420.0]})
        >>> Inventory.from_frame(df)[0].kind
        'basketball'
        >>> inv = Inventory.from_frame(df)
        >>> Inventory.from_frame(inv.to_frame()) == inv
        True
        """
        return cast(
            "Inventory | LoadResult",
            cls._read_frame(df, columns, errors, kinds=kinds, tree=tree, datum=datum),
        )

    @classmethod
    def _from_raw(
        cls,
        raw: Any,
        errors: _Errors,
        *,
        kinds: FacilityKinds | None = None,
        tree: RegionTree | None = None,
        datum: str = "wgs84",
        **_: Any,  # nothing else reaches here: the readers check file_options
    ) -> Inventory | LoadResult:
        from sportsgov._common.aliases import kind_code

        taxonomy = kinds or FacilityKinds.default()
        default = normalize_datum(datum)
        note = raw.units.get("lon") or raw.units.get("lat")
        if "datum" not in raw.fields and note:
            with contextlib.suppress(DatumError):
                default = normalize_datum(note)
        header = list(raw.fields)
        # the fast path checks these columns itself and hands flagged cells to the row
        # parser, which cleans them (sheet_text): no pass over a million clean cells
        cells: list[Sequence[str]] = [
            raw.scaled(name, clean=name not in FAST_CHECKED) for name in header
        ]
        if "kind" in raw.fields:
            lookup: dict[str, str] = {}
            j = header.index("kind")
            column = cells[j]
            for text in set(column):
                if text in taxonomy:
                    lookup[text] = text
                else:
                    code = kind_code(text)
                    lookup[text] = code if code is not None and code in taxonomy else text
            cells[j] = [lookup[text] for text in column]
        loader = ColumnarCSV(taxonomy, tree, default, raw.source, header)
        failures: list[SportsgovError] = list(raw.findings)
        numbers = raw.rows.tolist()
        if any(
            s.required and f not in raw.fields
            for f, s in field_specs(cls.table_kind, None).items()
        ):
            numbers = []  # errors="collect": no row can be read; the findings name the columns
        for start in range(0, len(numbers), CHUNK):
            stop = start + CHUNK
            loader.feed([c[start:stop] for c in cells], numbers[start:stop], errors, failures)
        failures.sort(key=lambda e: getattr(e, "row", 0) or 0)
        inventory = loader.finish().build(cls)
        if errors == "collect":
            return LoadResult(inventory, tuple(failures))
        return inventory

    # -- basics ---------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def __eq__(self, other: object) -> bool:
        """Value equality: same facilities in the same order, same taxonomy and tree.

        Columns are compared by value (region and kind by code, NaN equal to NaN, a
        missing optional column equal to an all-missing one); the internal category
        numbering does not matter.

        Examples
        --------
        >>> a = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> b = Inventory.from_data(a.to_data())
        >>> a == b, a == a.filter(kind="football_5")
        (True, False)
        """
        if not isinstance(other, Inventory):
            return NotImplemented
        if self is other:
            return True
        if len(self) != len(other) or self.kinds.kinds != other.kinds.kinds:
            return False
        if self.tree != other.tree:
            return False

        def floats(arr: npt.NDArray[np.float64] | None, n: int) -> npt.NDArray[np.float64]:
            return np.full(n, np.nan) if arr is None else arr

        n = len(self)
        same_regions = self.region_codes == other.region_codes and np.array_equal(
            self.region, other.region
        )
        if not same_regions and not np.array_equal(self.region_of, other.region_of):
            return False
        own_names = self.names if self.names is not None else np.full(n, "", dtype=object)
        other_names = other.names if other.names is not None else np.full(n, "", dtype=object)
        own_datum = self.datum if self.datum is not None else np.full(n, -1, dtype=np.int8)
        other_datum = other.datum if other.datum is not None else np.full(n, -1, dtype=np.int8)
        return bool(
            np.array_equal(self.ids.astype(object), other.ids.astype(object))
            and np.array_equal(self.kind, other.kind)
            and np.array_equal(self.area, other.area, equal_nan=True)
            and np.array_equal(floats(self.length, n), floats(other.length, n), equal_nan=True)
            and np.array_equal(floats(self.lon, n), floats(other.lon, n), equal_nan=True)
            and np.array_equal(floats(self.lat, n), floats(other.lat, n), equal_nan=True)
            and np.array_equal(own_datum, other_datum)
            and np.array_equal(self.opened.view(np.int64), other.opened.view(np.int64))
            and np.array_equal(self.closed.view(np.int64), other.closed.view(np.int64))
            and np.array_equal(self.public, other.public)
            and np.array_equal(own_names.astype(str), other_names.astype(str))
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"<Inventory {len(self)} facilities, {len(self.region_codes)} regions, "
            f"{len(self.kinds)} kinds>"
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first facilities (id, name, kind, region, area, opened)."""
        from sportsgov._common.display import html_table

        return html_table(
            f"Inventory: {len(self):,} facilities, {len(self.region_codes):,} regions",
            ["id", "name", "kind", "region", "area_m2", "length_m", "opened", "closed"],
            (
                (
                    r["id"],
                    r["name"],
                    r["kind"],
                    r["region"],
                    r["area"],
                    r["length"],
                    r["opened"],
                    r["closed"],
                )
                for r in (self._record(i) for i in range(len(self)))
            ),
            count=len(self),
        )

    def __getitem__(self, i: int) -> Facility:
        """The ``i``-th facility as a :class:`Facility`."""
        n = len(self)
        if not isinstance(i, int | np.integer) or not -n <= i < n:
            raise InvalidInputError.bad("index", i, f"must be an integer in [{-n}, {n})")
        return facility_from_record(self._record(int(i) % n))

    def __iter__(self) -> Iterator[Facility]:
        for i in range(len(self)):
            yield facility_from_record(self._record(i))

    @property
    def kind_codes(self) -> npt.NDArray[Any]:
        """The kind code of every facility (a string array)."""
        return np.asarray(self.kinds.codes, dtype=object)[self.kind].astype(str)

    @property
    def region_of(self) -> npt.NDArray[Any]:
        """The region code of every facility (a string array)."""
        return np.asarray(self.region_codes, dtype=object)[self.region].astype(str)

    def _take(self, mask: npt.NDArray[np.bool_] | npt.NDArray[np.intp]) -> Inventory:
        def pick(arr: npt.NDArray[Any] | None) -> npt.NDArray[Any] | None:
            return None if arr is None else arr[mask]

        return Inventory._make(
            kinds=self.kinds,
            ids=self.ids[mask],
            kind=self.kind[mask],
            region_codes=self.region_codes,
            region=self.region[mask],
            area=self.area[mask],
            opened=self.opened[mask],
            closed=self.closed[mask],
            public=self.public[mask],
            length=pick(self.length),
            lon=pick(self.lon),
            lat=pick(self.lat),
            datum=pick(self.datum),
            names=pick(self.names),
            tree=self.tree,
            source=self.source,
        )

    # -- dating and filtering ---------------------------------------------------

    def in_service(self, as_of: object) -> npt.NDArray[np.bool_]:
        """Boolean mask of facilities in service on ``as_of`` (``opened <= d < closed``).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "closed": "2024-07-01"}])
        >>> inv.in_service("2024-06-30").tolist(), inv.in_service("2024-07-01").tolist()
        ([True], [False])
        """
        day = np.int64(as_date(as_of).toordinal() - EPOCH_ORDINAL)
        o8 = self.opened.view(np.int64)
        c8 = self.closed.view(np.int64)
        # NaT is the smallest int64: "opened = NaT" passes ``<=`` (in service since
        # before any date); "closed = NaT" must be tested explicitly.
        alive = o8 <= day
        alive &= (c8 > day) | (c8 == NAT)
        return alive

    def as_of(self, date: object) -> Inventory:
        """Facilities in service on ``date``: opened on or before it, not yet closed.

        A facility closed on ``date`` is not counted on ``date``.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "opened": "2024-07-01"}])
        >>> len(inv.as_of("2024-06-30")), len(inv.as_of("2024-07-01"))
        (0, 1)
        """
        return self._take(self.in_service(date))

    def _kind_mask(self, kind: str | Iterable[str]) -> npt.NDArray[np.bool_]:
        wanted = [kind] if isinstance(kind, str) else list(kind)
        table = np.zeros(len(self.kinds), dtype=bool)
        for k in wanted:
            table[self.kinds.index(k)] = True
        return table[self.kind]

    def _region_table(self, region: str | Iterable[str]) -> npt.NDArray[np.bool_]:
        """Boolean table over ``region_codes``: within the given region(s)."""
        wanted = [region] if isinstance(region, str | Region) else list(region)
        table = np.zeros(len(self.region_codes), dtype=bool)
        position = {c: j for j, c in enumerate(self.region_codes)}
        for key in wanted:
            if self.tree is not None:
                root = self.tree[key.code if isinstance(key, Region) else key]
                within = {r.code for r in self.tree.descendants(root.code, include_self=True)}
                for code in within:
                    j = position.get(code)
                    if j is not None:
                        table[j] = True
            else:
                code = key.code if isinstance(key, Region) else str(key)
                j = position.get(code)
                if j is None:
                    raise NotFoundError.bad(
                        "region", key, "no facility in this region (and no tree to look it up)"
                    )
                table[j] = True
        return table

    def mask(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
        as_of: object = None,
    ) -> npt.NDArray[np.bool_]:
        """Boolean row mask for :meth:`filter` (all conditions combined with *and*).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "public": False}])
        >>> inv.mask(public=True).tolist()
        [False]
        """
        out = np.ones(len(self), dtype=bool)
        if kind is not None:
            out &= self._kind_mask(kind)
        if region is not None:
            out &= self._region_table(region)[self.region]
        if public is not None:
            out &= self.public == bool(public)
        if as_of is not None:
            out &= self.in_service(as_of)
        return out

    def filter(
        self,
        *,
        kind: str | Iterable[str] | None = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
        as_of: object = None,
    ) -> Inventory:
        """Facilities matching every condition given.

        Parameters
        ----------
        kind : str or iterable of str, optional
            Kind code(s) (aliases accepted).
        region : str or iterable of str, optional
            Region code(s); with a tree, facilities in descendants are included.
        public : bool, optional
            Only public (True) or non-public (False) facilities.
        as_of : date or ISO string, optional
            Only facilities in service on that day.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10},
        ...     {"id": 2, "kind": "football_5", "region": "A", "area": 800}])
        >>> len(inv.filter(kind=["football_5", "football_7"]))
        1
        """
        return self._take(self.mask(kind=kind, region=region, public=public, as_of=as_of))

    # -- totals ---------------------------------------------------------------

    def counted_area(self) -> npt.NDArray[np.float64]:
        """Area that counts toward venue area, per facility [m²].

        Zero for kinds with ``counts_toward_area = false`` and for length-measured
        facilities without a recorded area (read-only, computed once).
        """
        cached = self._cache.get("counted_area")
        if cached is None:
            counts = self.kinds.flag("counts_toward_area")
            if counts.all() and not np.isnan(self.area).any():
                cached = self.area
            else:
                cached = np.where(counts[self.kind], self.area, 0.0)
                np.nan_to_num(cached, copy=False, nan=0.0)
                cached.flags.writeable = False
            self._cache["counted_area"] = cached
        return cached

    def _region_kind_totals(
        self,
        *,
        as_of: object = None,
        public: bool | None = None,
        counts: bool = True,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64] | None]:
        """Area [m²] and number of facilities for every (region category, kind) pair.

        One weighted ``numpy.bincount`` over the whole inventory: the fast path
        behind the indicators. Rows follow :attr:`region_codes`, columns
        ``kinds.kinds``. Areas include every kind (apply
        ``kinds.flag("counts_toward_area")`` to the columns for venue area);
        missing trail areas count as 0.

        Parameters
        ----------
        as_of : date or ISO string, optional
            Only facilities in service on that day.
        public : bool, optional
            Only public (True) or non-public (False) facilities.
        counts : bool, default True
            Also return the counts (else ``None``).
        """
        nk = len(self.kinds)
        ncat = len(self.region_codes)
        key = self._cache.get("region_kind_key")
        if key is None:
            key = self.region.astype(np.intp) * nk
            key += self.kind
            key.flags.writeable = False
            self._cache["region_kind_key"] = key
        area0 = self._area0()
        mask: npt.NDArray[np.bool_] | None = None
        if as_of is not None:
            mask = self.in_service(as_of)
        if public is not None:
            pub = self.public == bool(public)
            mask = pub if mask is None else mask & pub
        weights = area0 if mask is None else np.where(mask, area0, 0.0)
        sums: Any = np.bincount(key, weights=weights, minlength=ncat * nk)
        area: npt.NDArray[np.float64] = sums.reshape(ncat, nk)
        number: npt.NDArray[np.int64] | None = None
        if counts:
            raw = np.bincount(key if mask is None else key[mask], minlength=ncat * nk)
            number = raw.astype(np.int64, copy=False).reshape(ncat, nk)
        return area, number

    def _area0(self) -> npt.NDArray[np.float64]:
        area0 = self._cache.get("area0")
        if area0 is None:
            area0 = self.area
            if np.isnan(area0).any():
                area0 = np.nan_to_num(area0, nan=0.0)
                area0.flags.writeable = False
            self._cache["area0"] = area0
        return area0

    def _region_sums(
        self,
        *,
        flag: str | None = None,
        weighted: bool = True,
        as_of: object = None,
        public: bool | None = None,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_] | None]:
        """Area [m²] (or number of facilities) per region category, one bincount.

        Rows follow :attr:`region_codes`. The fast path of the indicators.

        Parameters
        ----------
        flag : str, optional
            Only kinds with this flag (``"counts_toward_area"``, ``"counts_as_pitch"``,
            ``"ball_court"``, ``"length"``).
        weighted : bool, default True
            Sum the area (True) or count facilities (False).
        as_of : date or ISO string, optional
            Only facilities in service on that day.
        public : bool, optional
            Only public (True) or non-public (False) facilities.

        Returns
        -------
        sums : numpy.ndarray of float64
            One value per region category.
        mask : numpy.ndarray of bool or None
            The rows that were included (``None``: all of them), for follow-up counts.
        """
        mask: npt.NDArray[np.bool_] | None = None
        if as_of is not None:
            mask = self.in_service(as_of)
        if flag is not None:
            table = self.kinds.flag(flag)
            if not table.all():
                sel = kind_selection(self.kind, table)
                mask = sel if mask is None else np.logical_and(mask, sel, out=mask)
        if public is not None:
            pub = self.public == bool(public)
            mask = pub if mask is None else np.logical_and(mask, pub, out=mask)
        ncat = len(self.region_codes)
        weights: npt.NDArray[Any] | None
        if weighted:
            area0 = self._area0()
            weights = area0 if mask is None else np.where(mask, area0, 0.0)
        else:
            weights = mask
        sums: Any = np.bincount(self.region, weights=weights, minlength=ncat)
        return sums.astype(np.float64, copy=False), mask

    def _region_counts(self, mask: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.int64]:
        """Number of facilities per region category (only rows where ``mask`` is true)."""
        ncat = len(self.region_codes)
        if mask is None:
            return np.bincount(self.region, minlength=ncat).astype(np.int64, copy=False)
        raw: Any = np.bincount(self.region, weights=mask, minlength=ncat)
        out: npt.NDArray[np.int64] = np.rint(raw).astype(np.int64)
        return out

    def _resolve_tree(self, tree: RegionTree | None) -> RegionTree | None:
        return tree if tree is not None else self.tree

    def _category_to_tree(
        self, tree: RegionTree, *, unknown: Literal["raise", "exclude"]
    ) -> npt.NDArray[np.int64]:
        """Map region categories to tree positions (-1 = not in tree)."""
        key = f"tree:{id(tree)}"
        cached = self._cache.get(key)
        if cached is None or cached[0] is not tree:
            arr = np.array(
                [tree.index(c) if c in tree else -1 for c in self.region_codes], dtype=np.int64
            )
            self._cache[key] = (tree, arr)
        else:
            arr = cached[1]
        if unknown == "raise" and (arr < 0).any():
            missing = [c for c, i in zip(self.region_codes, arr.tolist(), strict=True) if i < 0]
            used = np.bincount(self.region, minlength=len(self.region_codes))
            used_missing = [c for c in missing if used[self.region_codes.index(c)]]
            if used_missing:
                j = self.region_codes.index(used_missing[0])
                row = int(np.flatnonzero(self.region == j)[0]) + 1
                shown = ", ".join(repr(c) for c in used_missing[:5])
                raise DataError(
                    f"region={used_missing[0]!r}: not a region of the tree"
                    f"{name_hint(tree, used_missing[0])} "
                    f"({len(used_missing)} unknown region codes: {shown}); pass "
                    "unknown_regions='exclude' to leave them out and report them",
                    source=self.source,
                    row=row,
                    field="region",
                )
        return arr

    def _sum_by_category(
        self, weights: npt.NDArray[np.float64] | None, mask: npt.NDArray[np.bool_] | None
    ) -> npt.NDArray[np.float64]:
        """Sum of ``weights`` (or counts) over masked rows, per region category."""
        if mask is not None:
            if weights is None:
                weights = mask.astype(np.float64)
            else:
                weights = weights * mask
        return np.bincount(self.region, weights=weights, minlength=len(self.region_codes)).astype(
            np.float64, copy=False
        )

    def _by_tree(
        self,
        per_category: npt.NDArray[np.float64],
        tree: RegionTree,
        *,
        unknown: Literal["raise", "exclude"] = "raise",
    ) -> tuple[npt.NDArray[np.float64], float]:
        """Inclusive totals over the tree, and the total left out (unknown regions)."""
        where = self._category_to_tree(tree, unknown=unknown)
        known = where >= 0
        own = np.bincount(where[known], weights=per_category[known], minlength=len(tree))
        excluded = float(per_category[~known].sum())
        return tree.roll_up_array(own), excluded

    def total_area(
        self,
        *,
        by: str | None = None,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        public: bool | None = None,
        tree: RegionTree | None = None,
    ) -> Any:
        """Venue area [m²] of kinds that count toward venue area.

        Parameters
        ----------
        by : str, optional
            ``None``: one Quantity. ``"kind"``: dict kind code → Quantity.
            ``"region"``: dict region code → Quantity (with a tree: every region
            of the tree, each including its descendants; without: the recorded
            codes). A level name (``"district"``, ``"county"``, ``"street"``,
            ``"city"`` …; needs a tree): dict over the regions of that tier, each
            including everything below it.
        as_of : date or ISO string, optional
            Count only facilities in service on that day.
        region, kind, public
            Filters as in :meth:`filter`.
        tree : RegionTree, optional
            Overrides the inventory's tree.

        Examples
        --------
        >>> from sportsgov.regions import RegionTree
        >>> tree = RegionTree.from_records([
        ...     {"code": "C", "name": "City", "level": "city", "parent": None},
        ...     {"code": "D1", "name": "East", "level": "district", "parent": "C"},
        ...     {"code": "S1", "name": "S1", "level": "street", "parent": "D1"}])
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "S1", "area": 300},
        ...     {"id": 2, "kind": "football_7", "region": "D1", "area": 2000},
        ...     {"id": 3, "kind": "greenway", "region": "D1", "area": 9000}], tree=tree)
        >>> inv.total_area(by="district")
        {'D1': <Quantity(2300.0, 'meter ** 2')>}
        >>> inv.total_area(region="City")
        <Quantity(2300.0, 'meter ** 2')>
        """
        from sportsgov.units import Q_

        mask = self.mask(kind=kind, region=None, public=public, as_of=as_of)
        if region is not None:
            mask &= (
                self._region_table(region)[self.region]
                if tree is None
                else _within_mask(self, tree, region)
            )
        weights = self.counted_area()
        if by is None:
            return Q_(float(np.dot(weights, mask)), "m^2")
        if by == "kind":
            sums = np.bincount(self.kind, weights=weights * mask, minlength=len(self.kinds))
            present = np.bincount(self.kind[mask], minlength=len(self.kinds)) > 0
            return {
                k.code: Q_(float(sums[i]), "m^2") for i, k in enumerate(self.kinds) if present[i]
            }
        per_cat = self._sum_by_category(weights, mask)
        the_tree = self._resolve_tree(tree)
        if by == "region" and the_tree is None:
            present = np.bincount(self.region[mask], minlength=len(self.region_codes)) > 0
            return {
                c: Q_(float(per_cat[j]), "m^2")
                for j, c in enumerate(self.region_codes)
                if present[j]
            }
        if the_tree is None:
            raise InvalidInputError.bad(
                "by", by, "grouping by level needs a RegionTree (pass tree= or build with tree=)"
            )
        totals, _ = self._by_tree(per_cat, the_tree)
        if by == "region":
            return {c: Q_(float(totals[i]), "m^2") for i, c in enumerate(the_tree.codes)}
        try:
            tier = LEVEL_TIER[normalize_level(by)]
        except InvalidInputError:
            raise InvalidInputError.bad(
                "by",
                by,
                "expected None, 'kind', 'region' or a level name ('district', 'street', ...)",
            ) from None
        return {
            r.code: Q_(float(totals[i]), "m^2")
            for i, r in enumerate(the_tree.regions)
            if LEVEL_TIER[r.level] == tier
        }

    def count_by_kind(
        self,
        *,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
    ) -> dict[str, int]:
        """Number of facilities per kind code (kinds with none are left out).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10},
        ...     {"id": 2, "kind": "健身房", "region": "A", "area": 12}])
        >>> inv.count_by_kind()
        {'gym': 2}
        """
        mask = self.mask(region=region, public=public, as_of=as_of)
        counts = np.bincount(self.kind[mask], minlength=len(self.kinds))
        return {k.code: int(counts[i]) for i, k in enumerate(self.kinds) if counts[i]}

    def count(
        self,
        *,
        flag: str | None = None,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        public: bool | None = None,
    ) -> int:
        """Number of facilities matching the filters and, if given, a kind ``flag``
        (``"counts_as_pitch"``, ``"ball_court"``, ``"counts_toward_area"``, ``"length"``).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "basketball", "region": "A", "area": 608},
        ...     {"id": 2, "kind": "football_5", "region": "A", "area": 800}])
        >>> inv.count(flag="ball_court"), inv.count(flag="counts_as_pitch")
        (2, 1)
        """
        mask = self.mask(kind=kind, region=region, public=public, as_of=as_of)
        if flag is not None:
            mask &= self.kinds.flag(flag)[self.kind]
        return int(np.count_nonzero(mask))

    def pitch_count(
        self,
        *,
        as_of: object = None,
        region: str | Iterable[str] | None = None,
        public: bool | None = None,
    ) -> int:
        """Football pitches (11-, 7-, 5-a-side … each counts as one).

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": i, "kind": k, "region": "A", "area": 1000}
        ...     for i, k in enumerate(["football_11", "football_7", "football_5", "gym"])])
        >>> inv.pitch_count()
        3
        """
        return self.count(flag="counts_as_pitch", as_of=as_of, region=region, public=public)

    def coordinates(
        self, *, as_of: object = None
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], str]:
        """``(lon, lat, datum)`` of the facilities that have coordinates.

        Raises
        ------
        DatumError
            The located facilities are in more than one datum (convert first).
        InvalidInputError
            No facility has coordinates.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "lon": 113.6, "lat": 34.7}])
        >>> inv.coordinates()
        (array([113.6]), array([34.7]), 'wgs84')
        """
        if self.lon is None or self.lat is None or self.datum is None:
            raise InvalidInputError.bad("lon", None, "no facility has coordinates")
        mask = self.datum >= 0
        if as_of is not None:
            mask &= self.in_service(as_of)
        used = np.unique(self.datum[mask])
        if used.size > 1:
            raise DatumError.bad(
                "datum",
                [DATUMS[int(i)] for i in used],
                "facilities are in several datums; convert them to one first",
            )
        datum = DATUMS[int(used[0])] if used.size else "wgs84"
        return self.lon[mask].copy(), self.lat[mask].copy(), datum

    # -- totals by region (the public aggregation) ------------------------------

    def totals_by_region(
        self,
        codes: Sequence[str] | None = None,
        *,
        tree: RegionTree | None = None,
        flag: str | None = None,
        weighted: bool = True,
        as_of: object = None,
        public: bool | None = None,
        unknown_regions: Literal["raise", "exclude"] = "raise",
    ) -> RegionTotals:
        """Area [m²] (or number of facilities) per region, rolled up a region tree.

        One ``numpy.bincount`` over the inventory, then (with a tree) one roll-up:
        the fast path behind :mod:`sportsgov.indicators`. With a tree, a region's
        total includes every descendant's facilities.

        Parameters
        ----------
        codes : sequence of str, optional
            Regions to report, in this order; default every region code of the
            inventory (:attr:`region_codes`).
        tree : RegionTree, optional
            Roll up over this tree (default :attr:`tree`; ``None``: no roll-up, a
            region's own facilities only).
        flag : str, optional
            Only kinds with this flag (``"counts_toward_area"``, ``"counts_as_pitch"``,
            ``"ball_court"``, ``"length"``).
        weighted : bool, default True
            Sum the area [m²] (missing trail areas count 0) or count facilities.
        as_of : date or ISO string, optional
            Only facilities in service on that day.
        public : bool, optional
            Only public (True) or non-public (False) facilities.
        unknown_regions : {"raise", "exclude"}, default "raise"
            Facilities whose region is not in ``tree``: raise :class:`DataError`,
            or leave them out and count them in :attr:`RegionTotals.excluded`.

        Returns
        -------
        RegionTotals
            ``values`` (area [m²] or counts as float), ``counts`` (facilities), and
            ``excluded`` (facilities left out), ``codes`` in the order asked.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10},
        ...     {"id": 2, "kind": "greenway", "region": "A", "area": 99},
        ...     {"id": 3, "kind": "gym", "region": "B", "area": 5}])
        >>> t = inv.totals_by_region(flag="counts_toward_area")
        >>> t.codes, t.values.tolist(), t.counts.tolist()
        (('A', 'B'), [10.0, 5.0], [1, 1])
        """
        if unknown_regions not in ("raise", "exclude"):
            raise InvalidInputError.bad(
                "unknown_regions", unknown_regions, "expected one of 'raise', 'exclude'"
            )
        tree = self._resolve_tree(tree)
        wanted = tuple(self.region_codes) if codes is None else tuple(codes)
        per_cat, mask = self._region_sums(flag=flag, weighted=weighted, as_of=as_of, public=public)
        per_count = self._region_counts(mask).astype(np.float64)
        excluded = 0
        if tree is None:
            position = {c: j for j, c in enumerate(self.region_codes)}
            idx = np.array([position.get(c, -1) for c in wanted], dtype=np.int64)
            found = idx >= 0
            safe = np.where(found, idx, 0)

            def gather(per_category: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
                if not len(per_category):
                    return np.zeros(len(wanted))
                return np.where(found, per_category[safe], 0.0)

        else:
            where = self._category_to_tree(tree, unknown=unknown_regions)
            known = where >= 0
            rows = np.array([tree.index(c) for c in wanted], dtype=np.int64)
            n_nodes = len(tree)

            def gather(per_category: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
                own = np.bincount(where[known], weights=per_category[known], minlength=n_nodes)
                rolled: npt.NDArray[np.float64] = tree.roll_up_array(own)[rows]
                return rolled

            if not known.all():
                excluded = int(np.rint(per_count[~known].sum()))
        values = gather(per_cat)
        counts = np.rint(gather(per_count)).astype(np.int64)
        return RegionTotals(wanted, readonly(values), readonly(counts), excluded)

    def region_sums(
        self,
        *,
        flag: str | None = None,
        weighted: bool = True,
        as_of: object = None,
        public: bool | None = None,
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_] | None]:
        """Deprecated: use :meth:`totals_by_region` (``.values`` per region)."""
        _deprecated("region_sums", "totals_by_region(...).values")
        return self._region_sums(flag=flag, weighted=weighted, as_of=as_of, public=public)

    def region_counts(self, mask: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.int64]:
        """Deprecated: use :meth:`totals_by_region` (``.counts`` per region)."""
        _deprecated("region_counts", "totals_by_region(...).counts")
        return self._region_counts(mask)

    def region_kind_totals(
        self, *, as_of: object = None, public: bool | None = None, counts: bool = True
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64] | None]:
        """Deprecated: use :meth:`totals_by_region` with ``flag=`` or :meth:`count_by_kind`."""
        _deprecated("region_kind_totals", "totals_by_region(...) or count_by_kind(...)")
        return self._region_kind_totals(as_of=as_of, public=public, counts=counts)

    def to_points(
        self,
        *,
        datum: str = "wgs84",
        weight: npt.ArrayLike | Literal["area"] | None = None,
        as_of: object = None,
    ) -> Any:
        """The located facilities as :class:`sportsgov.coverage.Points` in one datum.

        Facilities recorded in another datum are converted (GCJ-02 and BD-09 to
        WGS-84 within a millimetre); facilities without coordinates are left out.

        Parameters
        ----------
        datum : str, default "wgs84"
            Datum of the result (any alias: ``"gps"``, ``"gcj02"``, ``"baidu"`` ...).
        weight : array-like, "area" or None
            Weight per facility of this inventory (length ``len(inventory)``), or
            ``"area"`` for the counted area [m²]; ``None``: no weights.
        as_of : date or ISO string, optional
            Only facilities in service on that day.

        Returns
        -------
        sportsgov.coverage.Points
            One point per located (and in-service) facility, in inventory order.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "lon": 113.6, "lat": 34.7},
        ...     {"id": 2, "kind": "gym", "region": "A", "area": 20}])
        >>> p = inv.to_points(weight="area")
        >>> p.lon.tolist(), p.weight.tolist(), p.datum
        ([113.6], [10.0], 'wgs84')
        """
        from sportsgov.coverage import Points, convert

        target = normalize_datum(datum)
        if self.lon is None or self.lat is None or self.datum is None:
            raise InvalidInputError.bad("lon", None, "no facility has coordinates")
        mask = self.datum >= 0
        if as_of is not None:
            mask &= self.in_service(as_of)
        lon = self.lon[mask].astype(np.float64, copy=True)
        lat = self.lat[mask].astype(np.float64, copy=True)
        codes = self.datum[mask]
        for code in np.unique(codes):
            name = DATUMS[int(code)]
            if name != target:
                sel = codes == code
                lon[sel], lat[sel] = convert(lon[sel], lat[sel], src=name, dst=target)
        weights: npt.NDArray[np.float64] | None = None
        if isinstance(weight, str):
            if weight != "area":
                raise InvalidInputError.bad("weight", weight, "expected 'area', an array or None")
            weights = self.counted_area()[mask]
        elif weight is not None:
            arr = np.asarray(weight, dtype=np.float64)
            if arr.shape != (len(self),):
                raise InvalidInputError.bad(
                    "weight",
                    weight,
                    f"must have one value per facility ({len(self)})",
                    shown=f"array of shape {arr.shape}",
                )
            weights = arr[mask]
        return Points(lon, lat, datum=target, weight=weights)

    # -- geography (substance in sportsgov.coverage.boundaries / layers) --------

    def locate(self, boundaries: Any, *, missing: Iterable[str] = ("",)) -> Inventory:
        """Fill missing region codes from where the facilities lie.

        Delegates to :meth:`Boundaries.locate_facilities
        <sportsgov.coverage.boundaries.Boundaries.locate_facilities>`, which also
        returns the plausibility findings (facilities whose stated region disagrees
        with the boundaries).

        Parameters
        ----------
        boundaries : Boundaries
        missing : iterable of str, default ("",)
            Region labels that mean "not recorded".

        Examples
        --------
        >>> import shapely
        >>> from sportsgov.coverage import Boundaries
        >>> b = Boundaries.from_geometries(["410102"], [shapely.box(113.6, 34.7, 113.7, 34.8)])
        >>> row = {"id": 1, "kind": "gym", "region": "未知", "area": 10}
        >>> inv = Inventory.from_records([{**row, "lon": 113.65, "lat": 34.75}])
        >>> inv.locate(b, missing=["未知"]).region_of.tolist()
        ['410102']
        """
        result = boundaries.locate_facilities(self, missing=missing)
        return result.inventory  # type: ignore[no-any-return]

    def to_geojson(self, path: Any = None, *, datum: str = "wgs84") -> dict[str, Any]:
        """Facilities with coordinates as GeoJSON points (``datum="gcj02"`` for Amap).

        See :func:`sportsgov.coverage.layers.inventory_geojson`.

        Examples
        --------
        >>> inv = Inventory.from_records([
        ...     {"id": 1, "kind": "gym", "region": "A", "area": 10, "lon": 113.6, "lat": 34.7}])
        >>> inv.to_geojson(datum="gcj02")["features"][0]["properties"]["kind"]
        'gym'
        """
        from sportsgov.coverage.layers import inventory_geojson

        return inventory_geojson(self, path, datum=datum)

    # -- output ---------------------------------------------------------------

    def _record(self, i: int) -> dict[str, Any]:
        def opt(arr: npt.NDArray[np.float64] | None) -> float | None:
            if arr is None:
                return None
            v = float(arr[i])
            return None if v != v else v

        def day(arr: npt.NDArray[np.datetime64]) -> _dt.date | None:
            v = arr[i]
            return None if np.isnat(v) else v.astype(_dt.date)

        datum = None
        if self.datum is not None and self.datum[i] >= 0:
            datum = DATUMS[int(self.datum[i])]
        return {
            "id": self.ids[i].item() if hasattr(self.ids[i], "item") else self.ids[i],
            "name": "" if self.names is None else str(self.names[i]),
            "kind": self.kinds.kinds[int(self.kind[i])].code,
            "region": self.region_codes[int(self.region[i])],
            "area": opt(self.area),
            "length": opt(self.length),
            "lon": opt(self.lon),
            "lat": opt(self.lat),
            "datum": datum,
            "opened": day(self.opened),
            "closed": day(self.closed),
            "public": bool(self.public[i]),
        }

    def to_records(self) -> list[dict[str, Any]]:
        """Records in the ``facilities.csv`` layout (``from_records`` round-trips them).

        Examples
        --------
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> inv.to_records()[0]["area"]
        10.0
        """
        return [self._record(i) for i in range(len(self))]

    def to_frame(self) -> Any:
        """A pandas DataFrame in the ``facilities.csv`` layout, units in the column names.

        Columns ``id, name, kind, region, area_m2, length_m, lon, lat, datum,
        opened, closed, public`` (missing numbers NaN, missing dates ``None``);
        :meth:`from_frame` reads it back. Needs the ``pandas`` extra.

        Examples
        --------
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> list(inv.to_frame().columns)[:6]
        ['id', 'name', 'kind', 'region', 'area_m2', 'length_m']
        """
        from sportsgov._common.frames import pandas

        pd = pandas("Inventory.to_frame")
        records = self.to_records()
        names = {"area": "area_m2", "length": "length_m"}
        data = {names.get(c, c): [r[c] for r in records] for c in CSV_COLUMNS}
        for c in ("area_m2", "length_m", "lon", "lat"):
            data[c] = [np.nan if v is None else v for v in data[c]]
        return pd.DataFrame(data, columns=list(data))

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML (:mod:`sportsgov.io`): ``{"facilities": [records]}``
        with ISO dates and missing values left out (plus ``regions`` when the
        inventory has a tree, and ``kinds`` when the taxonomy is not the default).

        Examples
        --------
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> Inventory.from_data(inv.to_data()).to_records() == inv.to_records()
        True
        """
        records = []
        for rec in self.to_records():
            out: dict[str, Any] = {}
            for key, value in rec.items():
                if value is None or (key == "name" and value == ""):
                    continue
                out[key] = value.isoformat() if isinstance(value, _dt.date) else value
            records.append(out)
        data: dict[str, Any] = {"facilities": records}
        if self.tree is not None:
            data["regions"] = self.tree.to_data()["regions"]
        if self.kinds is not FacilityKinds.default():
            data["kinds"] = self.kinds.to_records()
        return data

    @classmethod
    def from_data(cls, data: Any) -> Inventory:
        """Inverse of :meth:`to_data`."""
        if not isinstance(data, Mapping) or not isinstance(data.get("facilities"), list):
            raise DataError("facilities: expected a list of facility records")
        tree = RegionTree.from_data(data["regions"]) if "regions" in data else None
        kinds = FacilityKinds.from_records(data["kinds"]) if "kinds" in data else None
        return cls.from_records(data["facilities"], tree=tree, kinds=kinds)

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write ``facilities.csv`` (``.gz`` suffix: gzip). Empty cells = missing.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv.gz"
        >>> inv = Inventory.from_records([{"id": "F1", "kind": "gym", "region": "A", "area": 10}])
        >>> inv.to_csv(p)
        >>> Inventory.from_csv(p).to_records() == inv.to_records()
        True
        """
        p = Path(path)
        opener: Any = gzip.open if p.suffix == ".gz" else open
        with opener(p, "wt", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_COLUMNS)
            for i in range(len(self)):
                rec = self._record(i)
                writer.writerow(
                    [
                        text_cell(rec[c]) if c != "area" and c != "length" else number_cell(rec[c])
                        for c in CSV_COLUMNS
                    ]
                )


def _within_mask(
    inv: Inventory, tree: RegionTree, region: str | Iterable[str]
) -> npt.NDArray[np.bool_]:
    keys = [region] if isinstance(region, str) else list(region)
    within: set[str] = set()
    for key in keys:
        within |= {r.code for r in tree.descendants(tree[key].code, include_self=True)}
    table = np.array([c in within for c in inv.region_codes], dtype=bool)
    return table[inv.region]
