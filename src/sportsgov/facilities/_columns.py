"""Column building and CSV row parsing behind :class:`~sportsgov.facilities.Inventory`.

Size: just over 1,000 lines, on purpose: the row parser (:class:`RowParser`) and the
vectorized chunk loader (:class:`ColumnarCSV`) must agree cell for cell (ids, kinds,
region codes or names, areas, dates) -- every row the fast checks flag is handed to
the row parser -- so they are kept side by side in one module.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from sportsgov._common.aliases import cell_quantity
from sportsgov._common.cells import is_missing, sheet_text
from sportsgov._common.datums import DATUMS, normalize_datum
from sportsgov._common.degrees import degrees
from sportsgov.errors import (
    DataError,
    DatumError,
    InvalidInputError,
    NotFoundError,
    SportsgovError,
    UnitError,
    format_value,
)
from sportsgov.facilities.facility import check_lonlat, optional_date
from sportsgov.facilities.kinds import FacilityKinds, unknown_kind
from sportsgov.regions import RegionTree
from sportsgov.regions._names import RegionNames

if TYPE_CHECKING:
    from sportsgov.facilities.inventory import Inventory

#: Columns of ``Inventory.to_csv`` (and read by ``Inventory.from_csv``).
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "region",
    "area",
    "length",
    "lon",
    "lat",
    "datum",
    "opened",
    "closed",
    "public",
)

#: Columns the fast path checks cell by cell itself (flagged cells go to the row
#: parser, which applies ``sheet_text``): read without the reader's cleaning pass.
FAST_CHECKED = frozenset({"region", "area", "length", "lon", "lat", "opened", "closed"})
NAT = np.iinfo(np.int64).min
EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
TRUE_CELLS = {"1", "true", "t", "yes", "y", "是", "开放", "√", "✓", "✔"}
BOOL_EXPECTED = "must be true or false (1/0, yes/no, Y/N, 是/否, 开放/不开放, √/×)"
FALSE_CELLS = {"0", "false", "f", "no", "n", "否", "不开放", "×", "✗", "✘"}


# ----------------------------------------------------------------------------- row parsing


def parse_float(cell: Any, name: str, unit: str) -> float:
    """NaN for missing (``is_missing``); float for a number (in ``unit``); converts units."""
    if isinstance(cell, str):
        cell = sheet_text(cell, number=True)  # '420, １２０, 1,200 (as the reader would)
        exact = cell_quantity(cell, unit)  # 1.2万, 0.3亩, 420平方米: exact, as the reader
        if exact is not None:
            return float(exact)
    if is_missing(cell):
        return np.nan
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        try:
            return float(cell)
        except OverflowError:  # an int beyond the float range
            raise InvalidInputError.bad(name, cell, "must be a finite number") from None
    if isinstance(cell, str):
        try:
            return float(cell)
        except ValueError:
            pass
    from sportsgov.units import magnitude_in

    try:
        value = magnitude_in(cell, unit, argument=name, finite=False)
    except (InvalidInputError, UnitError) as exc:
        if exc.argument == name:
            raise  # a part of the cell taken for a unit ('1,20' -> ',20'): name the field
        eg = "420, 1,200, 1.2万 or 3亩" if unit == "m^2" else "800, 1,200 or 1.2公里"
        allowed = f"expected a number of {unit.replace('^2', '²')} such as {eg}"
        raise InvalidInputError.bad(name, cell, allowed) from None
    if not isinstance(value, float):
        raise InvalidInputError.bad(name, cell, "must be a single number")
    return value


def parse_day(cell: Any, name: str) -> int:
    """Days since 1970-01-01 of a date cell (NaT for a missing cell), via ``as_date``."""
    if isinstance(cell, str) and "'" in cell:  # '2024-03-01 (checked first: the fast path)
        cell = sheet_text(cell)
    day = optional_date(cell, name)
    return int(NAT) if day is None else day.toordinal() - EPOCH_ORDINAL


def parse_bool(cell: Any, name: str) -> bool:
    if is_missing(cell):
        return True
    if isinstance(cell, bool | np.bool_):
        return bool(cell)
    text = str(cell).strip().lower()
    if text in TRUE_CELLS:
        return True
    if text in FALSE_CELLS:
        return False
    raise InvalidInputError.bad(name, cell, BOOL_EXPECTED)


class RowParser:
    """Accumulates validated rows into Python lists (one per column)."""

    def __init__(
        self, kinds: FacilityKinds, tree: RegionTree | None, datum: str, source: str | None
    ) -> None:
        self.kinds = kinds
        self.tree = tree
        self.names = None if tree is None else RegionNames(tree)  # region names -> codes
        self.default_datum = DATUMS.index(datum)
        self.source = source
        self.length_kind = kinds.flag("length").tolist()
        self.region_pos: dict[str, int] = {}
        self.seen: dict[Any, int] = {}
        self.cols: dict[str, list[Any]] = {k: [] for k in ("row", *CSV_COLUMNS)}

    def _fail(self, exc: InvalidInputError | UnitError, row: int, name: str) -> SportsgovError:
        if isinstance(exc, UnitError):
            err = UnitError(
                ", ".join(w for w in (self.source, f"row {row}", f"field {name}") if w)
                + f": {exc.message}",
                argument=name,
                value=exc.value,
            )
            err.row = row  # type: ignore[attr-defined]
            err.field = name  # type: ignore[attr-defined]
            err.source = self.source  # type: ignore[attr-defined]
            return err
        return DataError(exc.message, source=self.source, row=row, field=name, value=exc.value)

    def add(self, rec: Mapping[str, Any], row: int) -> None:
        name = "id"
        try:
            if not isinstance(rec, Mapping):
                raise InvalidInputError.bad("record", rec, "must be a mapping")
            for key in ("id", "kind", "region"):
                name = key
                if key not in rec or is_missing(rec[key]):
                    raise InvalidInputError.bad(key, rec.get(key), "is required")
            name = "id"
            fid = rec["id"]
            fid = fid.strip() if isinstance(fid, str) else fid
            if isinstance(fid, float) and fid.is_integer():
                fid = int(fid)
            # ids are compared by their text: 1 and "1" (or " 1") are one id
            if id_text(fid) in self.seen:
                raise InvalidInputError.bad(
                    "id", fid, f"duplicate id (first seen in row {self.seen[id_text(fid)]})"
                )
            name = "kind"
            k = (
                self.kinds.index(rec["kind"])
                if isinstance(rec["kind"], str)
                else self.kinds.index(str(rec["kind"]))
            )
            name = "region"
            region = rec["region"]
            region = (
                str(int(region))
                if isinstance(region, int) and not isinstance(region, bool)
                else sheet_text(str(region))
            )
            if self.names is not None and region not in self.names.tree:
                region = self.names.code(region)
            name = "area"
            area = parse_float(rec.get("area"), "area", "m^2")
            name = "length"
            length = parse_float(rec.get("length"), "length", "m")
            name = "area"
            if area != area:
                if not self.length_kind[k]:
                    raise InvalidInputError.bad(
                        "area",
                        rec.get("area"),
                        f"missing: required for kind {self.kinds.kinds[k].code!r} "
                        "(measured by area) [m²]",
                    )
                if length != length:
                    raise InvalidInputError.bad(
                        "area",
                        rec.get("area"),
                        f"missing: a {self.kinds.kinds[k].code} needs an area [m²] "
                        "or a length [m]",
                    )
            elif not (0 <= area < np.inf):
                raise InvalidInputError.bad(
                    "area",
                    area,
                    "must be >= 0 m²" if area < 0 else "must be a finite number of m²",
                )
            name = "length"
            if length == length and not (0 <= length < np.inf):
                raise InvalidInputError.bad("length", length, "must be >= 0 m")
            name = "lon"
            cell = rec.get("lon")
            lon = np.nan if is_missing(cell) else degrees(cell, "lon", axis="lon")
            name = "lat"
            cell = rec.get("lat")
            lat = np.nan if is_missing(cell) else degrees(cell, "lat", axis="lat")
            name = "lon"
            if (lon != lon) != (lat != lat):
                raise InvalidInputError.bad(
                    "lat" if lat != lat else "lon",
                    rec.get("lat" if lat != lat else "lon"),
                    "lon and lat must be given together",
                )
            name = "lat"
            if lat == lat and not -90 <= lat <= 90:
                hint = " (are lon and lat swapped?)" if -90 <= lon <= 90 else ""
                raise InvalidInputError.bad("lat", lat, f"must be in [-90, 90]{hint}")
            name = "lon"
            if lon == lon and not -180 <= lon <= 180:
                raise InvalidInputError.bad("lon", lon, "must be in [-180, 180]")
            name = "datum"
            if lon != lon:
                datum = -1
            elif is_missing(rec.get("datum")):
                datum = self.default_datum
            else:
                datum = DATUMS.index(normalize_datum(rec.get("datum")))
            name = "opened"
            opened = parse_day(rec.get("opened"), "opened")
            name = "closed"
            closed = parse_day(rec.get("closed"), "closed")
            if closed != NAT and closed <= opened:
                raise InvalidInputError.bad(
                    "closed",
                    rec.get("closed"),
                    "must be after opened="
                    + _dt.date.fromordinal(opened + EPOCH_ORDINAL).isoformat(),
                )
            name = "public"
            public = parse_bool(rec.get("public"), "public")
        except (InvalidInputError, UnitError) as exc:
            if isinstance(exc, DataError) and exc.row is not None:
                raise
            raise self._fail(exc, row, exc.argument or name) from None
        cols = self.cols
        self.seen[id_text(fid)] = row
        cols["row"].append(row)
        cols["id"].append(fid)
        cols["name"].append("" if is_missing(rec.get("name")) else str(rec.get("name")))
        cols["kind"].append(k)
        pos = self.region_pos.get(region)
        if pos is None:
            pos = self.region_pos[region] = len(self.region_pos)
        cols["region"].append(pos)
        cols["area"].append(area)
        cols["length"].append(length)
        cols["lon"].append(lon)
        cols["lat"].append(lat)
        cols["datum"].append(datum)
        cols["opened"].append(opened)
        cols["closed"].append(closed)
        cols["public"].append(public)

    def build(self, cls: type[Inventory]) -> Inventory:
        cols = self.cols
        ids_list = cols["id"]
        if ids_list and all(isinstance(v, int) and not isinstance(v, bool) for v in ids_list):
            ids = np.array(ids_list, dtype=np.int64)
        else:
            ids = np.array([str(v) for v in ids_list], dtype=object)
        length = np.array(cols["length"], dtype=np.float64)
        lon = np.array(cols["lon"], dtype=np.float64)
        lat = np.array(cols["lat"], dtype=np.float64)
        names = np.array(cols["name"], dtype=object)
        return cls._make(
            kinds=self.kinds,
            ids=ids,
            kind=np.array(cols["kind"], dtype=np.int16),
            region_codes=tuple(self.region_pos),
            region=np.array(cols["region"], dtype=np.int32),
            area=np.array(cols["area"], dtype=np.float64),
            opened=np.array(cols["opened"], dtype=np.int64).view("datetime64[D]"),
            closed=np.array(cols["closed"], dtype=np.int64).view("datetime64[D]"),
            public=np.array(cols["public"], dtype=bool),
            length=None if np.isnan(length).all() else length,
            lon=None if np.isnan(lon).all() else lon,
            lat=None if np.isnan(lat).all() else lat,
            datum=None if np.isnan(lon).all() else np.array(cols["datum"], dtype=np.int8),
            names=None if all(v == "" for v in cols["name"]) else names,
            tree=self.tree,
            source=self.source,
        )


CHUNK = 65_536  # rows per vectorized block
PUBLIC_CELLS = {**dict.fromkeys(TRUE_CELLS, True), **dict.fromkeys(FALSE_CELLS, False), "": True}


def fast_floats(col: Sequence[str]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Parse a column of numeric cells; ``""`` is NaN. Returns (values, failed)."""
    ok = np.zeros(len(col), dtype=bool)
    if not any(col):  # an empty column (e.g. no lengths at all)
        return np.full(len(col), np.nan), ok
    if all(col):  # no empty cell: convert directly
        try:
            return np.array(col, dtype=np.float64), ok
        except ValueError:
            pass
    cleaned = [c if c else "nan" for c in col]
    try:
        return np.array(cleaned, dtype=np.float64), ok
    except ValueError:
        values = np.empty(len(col), dtype=np.float64)
        failed = np.zeros(len(col), dtype=bool)
        for i, c in enumerate(cleaned):
            try:
                values[i] = float(c)
            except ValueError:
                values[i] = np.nan
                failed[i] = True
        return values, failed


def day_code(cell: str) -> int:
    try:
        return parse_day(cell, "date")
    except InvalidInputError:
        return BAD_DAY


BAD_DAY = int(NAT) + 1


def fast_days(col: Sequence[str], cache: dict[str, int]) -> tuple[npt.NDArray[np.int64], Any]:
    """Parse date cells to days since 1970 (NaT when missing). Returns (days, failed).

    ``cache`` (cell -> day) is kept across chunks: each distinct day is parsed once.
    """
    days = map_cells(col, day_code, np.int64, cache)
    failed = days == BAD_DAY
    if failed.any():
        days[failed] = NAT
    return days, failed


def public_code(cell: str) -> int:
    value = PUBLIC_CELLS.get(cell.strip().lower())
    return -1 if value is None else int(value)


def map_cells(
    col: Sequence[str], func: Callable[[str], int], dtype: Any, cache: Any = None
) -> Any:
    """Apply ``func`` to each distinct cell once (``cache``: cells done before), map the column."""
    table: dict[str, int] = {} if cache is None else cache
    for cell in set(col).difference(table):
        table[cell] = func(cell)
    return np.fromiter(map(table.__getitem__, col), dtype=dtype, count=len(col))


class ColumnarCSV:
    """Loads CSV rows chunk by chunk with vectorized parsing and checks.

    Rows that any fast check flags are re-parsed one by one by :class:`RowParser`,
    which either accepts them (e.g. an area written ``"3亩"``) or raises the
    exact row-numbered error; so messages are the same as record-by-record loading.
    """

    def __init__(
        self,
        kinds: FacilityKinds,
        tree: RegionTree | None,
        datum: str,
        source: str | None,
        header: list[str],
    ) -> None:
        self.kinds = kinds
        self.tree = tree
        self.source = source
        self.header = header
        self.position = {name: j for j, name in enumerate(header)}
        self.slow = RowParser(kinds, tree, datum, source)
        self.default_datum = DATUMS.index(datum)
        self.kind_lookup: dict[str, int] = {}
        self.datum_lookup: dict[str, int] = {"": self.default_datum}
        self.length_kind = kinds.flag("length")
        self.parts: list[dict[str, npt.NDArray[Any]]] = []
        self.raw_region: dict[str, int] = {}
        self.names_seen = False
        self.day_cache: dict[str, int] = {}  # date cell -> day, across chunks

    def _col(self, columns: Sequence[Sequence[str]], name: str) -> Sequence[str] | None:
        j = self.position.get(name)
        if j is None:
            return None
        return columns[j]

    def _region_index(self, cell: str) -> int:
        found = self.raw_region.get(cell)
        if found is None:
            code, names = sheet_text(cell), self.slow.names  # '0410102 -> 0410102
            if code and names is not None and code not in names.tree:
                code = names.find(code) or ""  # a name: its code; else the slow path's error
            pos = self.slow.region_pos.get(code)
            if pos is None:
                if not code:
                    pos = -1
                else:
                    pos = self.slow.region_pos[code] = len(self.slow.region_pos)
            found = self.raw_region[cell] = pos
        return found

    def _kind_index(self, cell: str) -> int:
        found = self.kind_lookup.get(cell)
        if found is None:
            try:
                found = self.kinds.index(cell)
            except NotFoundError:
                found = -1
            self.kind_lookup[cell] = found
        return found

    def _datum_index(self, cell: str) -> int:
        found = self.datum_lookup.get(cell)
        if found is None:
            try:
                found = DATUMS.index(normalize_datum(cell))
            except DatumError:
                found = -1
            self.datum_lookup[cell] = found
        return found

    def feed(
        self,
        columns: Sequence[Sequence[str]],
        numbers: list[int],
        errors: str,
        failures: list[SportsgovError],
    ) -> None:
        m = len(numbers)
        if not m:
            return
        slow = np.zeros(m, dtype=bool)
        # ids (cells with surrounding spaces go the slow way, which strips them)
        ids = list(map(str.strip, self._col(columns, "id") or ()))
        if not all(ids):
            slow[[i for i, c in enumerate(ids) if not c]] = True
        # kinds
        kind_idx = map_cells(self._col(columns, "kind") or (), self._kind_index, np.int16)
        slow |= kind_idx < 0
        # regions
        region_idx = map_cells(self._col(columns, "region") or (), self._region_index, np.int32)
        slow |= region_idx < 0
        region_idx[region_idx < 0] = 0
        # sizes and coordinates
        nan = np.full(m, np.nan)
        floats: dict[str, npt.NDArray[np.float64]] = {}
        for name in ("area", "length", "lon", "lat"):
            col = self._col(columns, name)
            if col is None:
                floats[name] = nan
                continue
            values, failed = fast_floats(col)
            floats[name] = values
            slow |= failed
        area, length, lon, lat = floats["area"], floats["length"], floats["lon"], floats["lat"]
        with np.errstate(invalid="ignore"):
            length_ok = (length >= 0) & (length < np.inf)
            area_ok = (area >= 0) & (area < np.inf)
            safe_kind = np.where(kind_idx >= 0, kind_idx, 0)
            area_ok |= np.isnan(area) & self.length_kind[safe_kind] & length_ok
            slow |= ~area_ok
            slow |= ~np.isnan(length) & ~length_ok
            slow |= np.isnan(lon) != np.isnan(lat)
            slow |= ~np.isnan(lat) & ~((lat >= -90) & (lat <= 90))
            slow |= ~np.isnan(lon) & ~((lon >= -180) & (lon <= 180))
        # datum
        datum_col = self._col(columns, "datum")
        if datum_col is None:
            datum = np.full(m, self.default_datum, dtype=np.int8)
        else:
            datum = map_cells(datum_col, self._datum_index, np.int8)
            slow |= datum < 0
        datum = np.where(np.isnan(lon), np.int8(-1), datum).astype(np.int8)
        # dates
        days: dict[str, npt.NDArray[np.int64]] = {}
        for name in ("opened", "closed"):
            col = self._col(columns, name)
            if col is None:
                days[name] = np.full(m, NAT, dtype=np.int64)
                continue
            values_d, failed = fast_days(col, self.day_cache)
            days[name] = values_d
            slow |= failed
        opened, closed = days["opened"], days["closed"]
        slow |= (closed != NAT) & (closed <= opened)
        # public
        public_col = self._col(columns, "public")
        if public_col is None:
            public = np.ones(m, dtype=bool)
        else:
            codes = map_cells(public_col, public_code, np.int8)
            slow |= codes < 0
            public = codes == 1
        names = self._col(columns, "name")
        if names is not None and any(names):
            self.names_seen = True
        # duplicate ids, in row order, among rows that passed so far
        seen = self.slow.seen
        passed = np.flatnonzero(~slow).tolist()
        every = len(passed) == m
        new = (
            dict(zip(ids, numbers, strict=True)) if every else {ids[i]: numbers[i] for i in passed}
        )
        if len(new) == len(passed) and seen.keys().isdisjoint(new):
            seen.update(new)  # the common case: no id repeats (checked as sets, in C)
        else:
            flags = slow.tolist()
            for i, fid in enumerate(ids):
                if flags[i]:
                    continue
                if fid in seen:
                    slow[i] = True
                else:
                    seen[fid] = numbers[i]
        fast = ~slow
        row_no = np.array(numbers, dtype=np.int64)
        self.parts.append(
            {
                "row": row_no[fast],
                "id": np.array(ids, dtype=object)[fast],
                "name": np.array(names if names is not None else [""] * m, dtype=object)[fast],
                "kind": kind_idx[fast].astype(np.int16),
                "region": region_idx[fast],
                "area": area[fast],
                "length": length[fast],
                "lon": lon[fast],
                "lat": lat[fast],
                "datum": datum[fast],
                "opened": opened[fast],
                "closed": closed[fast],
                "public": public[fast],
            }
        )
        for i in np.flatnonzero(slow).tolist():
            record = {name: columns[j][i] for j, name in enumerate(self.header)}
            try:
                self.slow.add(record, numbers[i])
            except (DataError, UnitError) as exc:
                if errors == "raise":
                    raise
                failures.append(exc)

    def finish(self) -> ColumnarCSV:
        return self

    def build(self, cls: type[Inventory]) -> Inventory:
        cols = self.slow.cols
        extra: dict[str, npt.NDArray[Any]] = {
            "row": np.array(cols["row"], dtype=np.int64),
            "id": np.array([str(v) for v in cols["id"]], dtype=object),
            "name": np.array(cols["name"], dtype=object),
            "kind": np.array(cols["kind"], dtype=np.int16),
            "region": np.array(cols["region"], dtype=np.int32),
            "area": np.array(cols["area"], dtype=np.float64),
            "length": np.array(cols["length"], dtype=np.float64),
            "lon": np.array(cols["lon"], dtype=np.float64),
            "lat": np.array(cols["lat"], dtype=np.float64),
            "datum": np.array(cols["datum"], dtype=np.int8),
            "opened": np.array(cols["opened"], dtype=np.int64),
            "closed": np.array(cols["closed"], dtype=np.int64),
            "public": np.array(cols["public"], dtype=bool),
        }
        parts = [*self.parts, extra]
        merged = {k: np.concatenate([part[k] for part in parts]) for k in extra}
        order = np.argsort(merged["row"], kind="stable")
        if not np.array_equal(order, np.arange(order.size)):
            merged = {k: v[order] for k, v in merged.items()}
        ids = merged["id"]
        lon, lat, length = merged["lon"], merged["lat"], merged["length"]
        no_coords = bool(np.isnan(lon).all())
        names = merged["name"]
        return cls._make(
            kinds=self.kinds,
            ids=ids,
            kind=merged["kind"],
            region_codes=tuple(self.slow.region_pos),
            region=merged["region"],
            area=merged["area"],
            opened=merged["opened"].view("datetime64[D]"),
            closed=merged["closed"].view("datetime64[D]"),
            public=merged["public"],
            length=None if np.isnan(length).all() else length,
            lon=None if no_coords else lon,
            lat=None if no_coords else lat,
            datum=None if no_coords else merged["datum"],
            names=None if not (self.names_seen or any(cols["name"])) else names,
            tree=self.tree,
            source=self.source,
        )


def detach(arr: Any, original: Any, copy: bool) -> Any:
    """Copy ``arr`` if it may share memory with the caller's ``original`` (and ``copy``)."""
    if copy and isinstance(original, np.ndarray) and np.may_share_memory(arr, original):
        return arr.copy()
    return arr


def date_column(
    value: Any, n: int, name: str, *, source: str | None, rows: npt.NDArray[np.int64] | None
) -> npt.NDArray[np.datetime64]:
    """A ``datetime64[D]`` column with NaT for missing values."""
    if value is None:
        return np.full(n, np.datetime64("NaT", "D"), dtype="datetime64[D]")
    if isinstance(value, str | _dt.date | np.datetime64):
        day = optional_date(value, name)
        fill = np.datetime64("NaT", "D") if day is None else np.datetime64(day, "D")
        return np.full(n, fill, dtype="datetime64[D]")
    arr = np.asarray(value)
    if arr.dtype.kind == "M":
        return arr.astype("datetime64[D]", copy=False)
    if arr.dtype.kind == "U":
        cleaned = np.where(np.char.strip(arr) == "", "NaT", arr)
        try:
            return cleaned.astype("datetime64[D]")
        except ValueError:
            pass  # find the bad row below
    out = np.empty(n, dtype=np.int64)
    for i, item in enumerate(arr.tolist() if arr.ndim else [arr.item()] * n):
        try:
            day = optional_date(item, name)
        except InvalidInputError as exc:
            row = int(rows[i]) if rows is not None else i + 1
            raise DataError(
                f"{name}={format_value(item)}: {exc.allowed or exc.message}",
                source=source,
                row=row,
                field=name,
            ) from exc
        out[i] = NAT if day is None else day.toordinal() - EPOCH_ORDINAL
    return out.view("datetime64[D]")


def float_column(
    value: Any, n: int, name: str, unit: str, *, allow_none: bool = True
) -> npt.NDArray[np.float64] | None:
    from sportsgov.units import magnitude_in

    if value is None:
        return None
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        arr = np.asarray(magnitude_in(value, unit, argument=name, finite=False), dtype=np.float64)
    else:
        arr = np.asarray(value)
        if arr.dtype.kind in "fiub":
            arr = arr.astype(np.float64, copy=False)
        else:
            items = arr.tolist() if arr.ndim else [arr.item()]
            arr = np.array(
                [
                    np.nan if is_missing(v) else magnitude_in(v, unit, argument=name, finite=False)
                    for v in items
                ],
                dtype=np.float64,
            )
    if arr.ndim == 0:
        arr = np.full(n, float(arr), dtype=np.float64)
    return arr


def factorize(
    values: Any,
    categories: Sequence[Any] | None,
    name: str,
) -> tuple[npt.NDArray[np.intp] | npt.NDArray[Any], list[str]]:
    """Return (codes, labels) for a label column or an integer code column."""
    arr = np.asarray(values)
    if categories is not None:
        labels = [str(c) for c in categories]
        if arr.dtype.kind not in "iu":
            raise InvalidInputError.bad(
                name, arr, f"with {name}_categories, {name} must hold integer codes"
            )
        if len(set(labels)) != len(labels):
            raise InvalidInputError.bad(f"{name}_categories", categories, "must be unique")
        if arr.size:
            lo, hi = int(arr.min()), int(arr.max())
            if lo < 0 or hi >= len(labels):
                bad = int(np.flatnonzero((arr < 0) | (arr >= len(labels)))[0])
                raise DataError(
                    f"{name}={int(arr[bad])}: code outside "
                    f"{name}_categories (0..{len(labels) - 1})",
                    row=bad + 1,
                    field=name,
                )
        return arr, labels
    if arr.dtype.kind == "O":
        items = arr.tolist()
        if any(is_missing(v) for v in items):
            bad = next(i for i, v in enumerate(items) if is_missing(v))
            raise DataError(f"{name}={items[bad]!r}: is required", row=bad + 1, field=name)
        arr = np.array([str(v).strip() for v in items])
    elif arr.dtype.kind in "iu":
        arr = arr.astype(str)
    uniques, inverse = np.unique(arr, return_inverse=True)
    return inverse.reshape(-1), [str(u) for u in uniques.tolist()]


def id_text(value: Any) -> str:
    """The text an id is compared by: stripped, a whole float as its integer.

    ``1``, ``1.0``, ``"1"`` and ``" 1"`` are one id; ``"01"`` is another.

    Examples
    --------
    >>> [id_text(v) for v in (1, 1.0, " 1", "01")]
    ['1', '1', '1', '01']
    """
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item"):  # numpy scalars
        return id_text(value.item())
    return str(value)


def check_ids(
    ids: npt.NDArray[Any], rows: npt.NDArray[np.int64] | None, source: str | None
) -> None:
    n = ids.shape[0]
    if n < 2:
        return
    if ids.dtype.kind in "iu" and bool(np.all(ids[1:] > ids[:-1])):
        return
    order = np.argsort(ids, kind="stable")
    s = ids[order]
    dup = np.flatnonzero(s[1:] == s[:-1])
    if dup.size:
        second = order[dup + 1]
        i = int(second.min())
        first = int(order[dup[np.argmin(second)]])
        row = int(rows[i]) if rows is not None else i + 1
        first_row = int(rows[first]) if rows is not None else first + 1
        raise DataError(
            f"id={format_value(ids[i].item())}: duplicate id (first seen in row {first_row})",
            source=source,
            row=row,
            field="id",
        )


def kind_selection(
    kind: npt.NDArray[np.int16], table: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """``table[kind]``, computed by a few comparisons when few kinds are in or out
    (a comparison on int16 codes is ~20x cheaper than a gather)."""
    off = np.flatnonzero(~table)
    on = np.flatnonzero(table)
    if not len(off):
        return np.ones(kind.shape, dtype=bool)
    if len(off) <= 6 and len(off) <= len(on):
        sel: npt.NDArray[np.bool_] = kind != off[0]
        for code in off[1:]:
            sel &= kind != code
        return sel
    if len(on) <= 6:
        if not len(on):
            return np.zeros(kind.shape, dtype=bool)
        chosen: npt.NDArray[np.bool_] = kind == on[0]
        for code in on[1:]:
            chosen |= kind == code
        return chosen
    return table[kind]


def text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def number_cell(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def check_sizes(
    area: npt.NDArray[np.float64],
    length: npt.NDArray[np.float64] | None,
    kind: npt.NDArray[np.int16],
    kinds: FacilityKinds,
    *,
    rows: npt.NDArray[np.int64] | None,
    source: str | None,
) -> bool:
    """Validate sizes; return True when every area is a finite number >= 0."""
    ok = area >= 0
    ok &= area < np.inf
    clean = bool(ok.all())
    if clean and length is None:
        return True
    problems: list[tuple[int, str, float, str]] = []
    bad = np.flatnonzero(~ok)
    if bad.size:
        values = area[bad]
        nan = np.isnan(values)
        by_length = kinds.flag("length")[kind[bad]]
        has_length = np.zeros(bad.size, dtype=bool)
        if length is not None:
            lb = length[bad]
            has_length = (lb >= 0) & (lb < np.inf)
        allowed = nan & by_length & has_length
        offending = np.flatnonzero(~allowed)
        if offending.size:
            j = int(offending[0])
            i = int(bad[j])
            v = float(values[j])
            code = kinds.kinds[int(kind[i])].code
            if nan[j] and by_length[j]:
                text = f"missing: a {code} needs an area [m²] or a length [m]"
            elif nan[j]:
                text = f"missing: required for kind {code!r} (measured by area) [m²]"
            elif v < 0:
                text = "must be >= 0 m²"
            else:
                text = "must be a finite number of m²"
            problems.append((i, "area", v, text))
    if length is not None:
        lbad = np.flatnonzero((length < 0) | (length == np.inf))
        if lbad.size:
            i = int(lbad[0])
            problems.append((i, "length", float(length[i]), "must be >= 0 m"))
    if problems:
        i, name, v, allowed_text = min(problems, key=lambda p: p[0])
        row = int(rows[i]) if rows is not None else i + 1
        raise DataError(
            f"{name}={format_value(v)}: {allowed_text}", source=source, row=row, field=name
        )
    return clean


def check_dates(
    opened: npt.NDArray[np.datetime64],
    closed: npt.NDArray[np.datetime64],
    *,
    rows: npt.NDArray[np.int64] | None,
    source: str | None,
) -> None:
    o8 = opened.view(np.int64)
    c8 = closed.view(np.int64)
    bad = (c8 <= o8) & (c8 != NAT)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        row = int(rows[i]) if rows is not None else i + 1
        raise DataError(
            f"closed={np.datetime64(int(c8[i]), 'D')}: must be after "
            f"opened={np.datetime64(int(o8[i]), 'D')}",
            source=source,
            row=row,
            field="closed",
        )


def build_columns(
    *,
    id: npt.ArrayLike,
    kind: npt.ArrayLike,
    region: npt.ArrayLike,
    area: Any,
    opened: Any,
    closed: Any,
    length: Any,
    lon: npt.ArrayLike | None,
    lat: npt.ArrayLike | None,
    datum: str | npt.ArrayLike,
    public: bool | npt.ArrayLike,
    name: npt.ArrayLike | None,
    kinds: FacilityKinds | None,
    tree: RegionTree | None,
    kind_categories: Sequence[str] | None,
    region_categories: Sequence[str] | None,
    source: str | None,
    copy: bool,
) -> tuple[dict[str, Any], bool]:
    """Validated columns for ``Inventory(**columns)`` and whether no area is NaN.

    The body of :meth:`Inventory.from_arrays` (see there for the parameters).
    """
    kinds = kinds if kinds is not None else FacilityKinds.default()
    ids = np.asarray(id)
    if ids.ndim != 1:
        raise InvalidInputError.bad("id", ids, "must be a 1-D array")
    n = ids.shape[0]
    if ids.dtype.kind == "O":
        items = ids.tolist()
        if any(is_missing(v) for v in items):
            bad = next(i for i, v in enumerate(items) if is_missing(v))
            raise DataError("id: is required", row=bad + 1, field="id", source=source)
        ids = np.array([id_text(v) for v in items])
    check_ids(ids, None, source)
    # kinds
    kind_arr, kind_labels = factorize(kind, kind_categories, "kind")
    if np.shape(kind_arr) != (n,):
        raise InvalidInputError.bad("kind", kind, f"must have {n} values (one per id)")
    lookup = np.empty(len(kind_labels), dtype=np.int16)
    for j, label in enumerate(kind_labels):
        try:
            lookup[j] = kinds.index(label)
        except NotFoundError:
            row = int(np.flatnonzero(kind_arr == j)[0]) + 1 if n else 0
            raise DataError(
                f"kind={label!r}: {unknown_kind(kinds)}", source=source, row=row, field="kind"
            ) from None
    if np.array_equal(lookup, np.arange(len(lookup))):
        kind_idx = detach(kind_arr.astype(np.int16, copy=False), kind, copy)
    else:
        kind_idx = lookup[kind_arr]
    # regions
    region_arr, region_labels = factorize(region, region_categories, "region")
    if np.shape(region_arr) != (n,):
        raise InvalidInputError.bad("region", region, f"must have {n} values (one per id)")
    region_labels = [lab.strip() for lab in region_labels]
    names = None if tree is None else RegionNames(tree)
    for j, label in enumerate(region_labels):
        if names is not None and label not in names.tree:
            hits = np.flatnonzero(region_arr == j)
            if hits.size:
                try:
                    region_labels[j] = names.code(label)  # a region name: its code
                except InvalidInputError as exc:
                    row = int(hits[0]) + 1
                    raise DataError(exc.message, source=source, row=row, field="region") from None
    unique = list(dict.fromkeys(region_labels))
    if len(unique) < len(region_labels):  # a name and its code (or two spellings): one region
        position = {label: i for i, label in enumerate(unique)}
        merge = np.array([position[label] for label in region_labels], dtype=np.int32)
        region_arr, region_labels = merge[np.asarray(region_arr, dtype=np.intp)], unique
    region_idx = detach(region_arr.astype(np.int32, copy=False), region, copy)
    # sizes
    area_arr = float_column(area, n, "area", "m^2")
    if area_arr is None:
        raise InvalidInputError.bad("area", None, "is required (m²; NaN for trails with a length)")
    area_arr = detach(area_arr, area, copy)
    if area_arr.shape != (n,):
        raise InvalidInputError.bad("area", area, f"must have {n} values (one per id)")
    length_arr = float_column(length, n, "length", "m")
    if length_arr is not None:
        length_arr = detach(length_arr, length, copy)
        if length_arr.shape != (n,):
            raise InvalidInputError.bad("length", length, f"must have {n} values")
    clean = check_sizes(area_arr, length_arr, kind_idx, kinds, rows=None, source=source)
    # dates
    opened_arr = detach(date_column(opened, n, "opened", source=source, rows=None), opened, copy)
    closed_arr = detach(date_column(closed, n, "closed", source=source, rows=None), closed, copy)
    if opened_arr.shape != (n,) or closed_arr.shape != (n,):
        raise InvalidInputError.bad("opened", opened, f"opened and closed must have {n} values")
    check_dates(opened_arr, closed_arr, rows=None, source=source)
    # coordinates
    lon_arr = float_column(lon, n, "lon", "")
    lat_arr = float_column(lat, n, "lat", "")
    datum_arr: npt.NDArray[np.int8] | None = None
    if (lon_arr is None) != (lat_arr is None):
        raise InvalidInputError.bad("lon", lon, "lon and lat must be given together")
    if lon_arr is not None and lat_arr is not None:
        lon_arr = detach(lon_arr, lon, copy)
        lat_arr = detach(lat_arr, lat, copy)
        check_lonlat(lon_arr, lat_arr, rows=None, source=source)
        has = ~np.isnan(lon_arr)
        if isinstance(datum, str):
            datum_arr = np.where(
                has, np.int8(DATUMS.index(normalize_datum(datum))), np.int8(-1)
            ).astype(np.int8)
        else:
            dat_codes, dat_labels = factorize(datum, None, "datum")
            dl = np.array([DATUMS.index(normalize_datum(x)) for x in dat_labels], dtype=np.int8)
            datum_arr = np.where(has, dl[dat_codes], np.int8(-1)).astype(np.int8)
    public_arr = np.asarray(public)
    if public_arr.dtype != np.bool_:
        raise InvalidInputError.bad("public", public, "must be a bool or an array of bools")
    public_arr = (
        np.broadcast_to(public_arr, (n,))
        if public_arr.ndim == 0
        else detach(public_arr, public, copy)
    )
    names_arr = (
        None
        if name is None
        else np.array(
            name, dtype=object if np.asarray(name).dtype.kind == "O" else None, copy=True
        )
    )
    columns = {
        "kinds": kinds,
        "ids": detach(ids, id, copy),
        "kind": kind_idx,
        "region_codes": tuple(region_labels),
        "region": region_idx,
        "area": area_arr,
        "opened": opened_arr,
        "closed": closed_arr,
        "public": public_arr,
        "length": length_arr,
        "lon": lon_arr,
        "lat": lat_arr,
        "datum": datum_arr,
        "names": names_arr,
        "tree": tree,
        "source": source,
    }
    return columns, clean
