"""Year-end resident population (常住人口) by region and year, and its projection.

A :class:`PopulationTable` holds the year-end resident population by region and
year; with a :class:`~sportsgov.regions.RegionTree` a parent without its own figure
is the sum of its children. :meth:`PopulationTable.project` (or
:func:`project_population`) extends a table by a stated trend
(:mod:`sportsgov.regions.projection`) or a given projection table and returns a
:class:`ProjectedPopulation` saying how. Only regions with their own figures are
projected; parents roll up through the tree as usual.

Examples
--------
>>> from sportsgov.regions import PopulationTable, RegionTree
>>> tree = RegionTree.from_records([
...     {"code": "4101", "name": "郑州市", "level": "city", "parent": None},
...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"},
...     {"code": "410122", "name": "中牟县", "level": "county", "parent": "4101"},
... ])
>>> pop = PopulationTable.from_records(
...     [{"region": "410102", "year": 2024, "population": 1_000_000},
...      {"region": "410122", "year": 2024, "population": 500_000}], tree=tree)
>>> pop.get("4101", 2024)
1500000
>>> pop = PopulationTable({("A", 2021): 100, ("A", 2022): 110, ("A", 2023): 120})
>>> p = pop.project(2025, method="linear")
>>> p.get("A", 2025), p.method, p.fits["A"].rate
(140, 'linear', Fraction(10, 1))
>>> p.fits["A"].years
(2021, 2022, 2023)
"""

from __future__ import annotations

import csv
import heapq
import os
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import IO, Any, ClassVar, Literal, cast

import attrs
import numpy as np
from attrs import field, frozen

from sportsgov._common.cells import is_missing
from sportsgov._common.numbers import CN_MULTIPLIERS, round_half_up
from sportsgov._common.tablefile import TableFile
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, format_value
from sportsgov.regions._names import RegionNames
from sportsgov.regions._parse import load_by_suffix, region_code
from sportsgov.regions.projection import (
    PROJECTION_METHODS,
    ProjectionFit,
    ProjectionMethod,
    fit_trend,
)
from sportsgov.regions.tree import Region, RegionTree

__all__ = [
    "PopulationMismatch",
    "PopulationTable",
    "ProjectedPopulation",
    "project_population",
]


_POP_RE = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?)\s*(万|亿)?\s*(?:人)?\s*$")


_MAX_DIGITS = 100
MAX_POPULATION = 10**15
"""Largest population figure [people]: the bound of the coverage calculators too."""


def _population_value(value: object) -> int:
    """Parse a head count: ``int``, integral float, ``"1408.28万"`` (万/亿 multipliers)."""
    if isinstance(value, bool):
        raise InvalidInputError.bad("population", value, "must be a whole number of people")
    if isinstance(value, int | np.integer):
        number = Fraction(int(value))
    elif isinstance(value, float | np.floating):
        if not np.isfinite(value):
            raise InvalidInputError.bad("population", value, "must be a finite number >= 0")
        number = Fraction(float(value))
    elif isinstance(value, str):
        match = _POP_RE.match(value)
        if not match:
            raise InvalidInputError.bad(
                "population", value, "must be a whole number of people (万/亿 allowed)"
            )
        digits = match.group(1).replace(",", "").replace("_", "")
        if len(digits) > _MAX_DIGITS:  # Python refuses ints of more than 4300 digits
            raise InvalidInputError.bad(
                "population", value, f"must have at most {_MAX_DIGITS} digits"
            )
        number = Fraction(digits)
        if match.group(2):
            number *= CN_MULTIPLIERS[match.group(2)]
    else:
        raise InvalidInputError.bad("population", value, "must be a whole number of people")
    if number.denominator != 1:
        raise InvalidInputError.bad("population", value, "must be a whole number of people")
    if number < 0:
        raise InvalidInputError.bad("population", value, "must be >= 0")
    if number > MAX_POPULATION:  # beyond int64 arrays, and every real population
        raise InvalidInputError.bad("population", value, f"must be <= {MAX_POPULATION:.0e} people")
    return int(number)


def _year(value: object) -> int:
    if isinstance(value, bool):
        raise InvalidInputError.bad("year", value, "must be a 4-digit year")
    try:
        year = int(str(value).strip()) if isinstance(value, str) else int(cast(Any, value))
    except (TypeError, ValueError):
        raise InvalidInputError.bad("year", value, "must be a 4-digit year") from None
    if isinstance(value, float) and value != year:
        raise InvalidInputError.bad("year", value, "must be a 4-digit year")
    if not 1000 <= year <= 9999:
        raise InvalidInputError.bad("year", value, "must be a 4-digit year")
    return year


@frozen
class PopulationMismatch:
    """A parent whose own population differs from the sum of its children.

    Attributes
    ----------
    region : str
        Code of the parent.
    year : int
        The year-end.
    own : int
        The parent's own figure [persons].
    children_sum : int
        Sum of its children's figures [persons].
    difference : int
        ``own - children_sum`` [persons].
    relative : float
        ``difference / own`` (``inf`` only if ``own`` is 0 and the sum is not).
    """

    region: str
    year: int
    own: int
    children_sum: int
    difference: int
    relative: float


_UNKNOWN = "unknown region code or name (not a region of the tree)"


def _figures_converter(value: Mapping[tuple[str, int], int]) -> dict[tuple[str, int], int]:
    return dict(value)


@frozen
class PopulationTable(TableFile):
    """Year-end resident population (年末常住人口) by region and year [persons].

    A region's figure for a year is, in order of preference:

    1. its own figure;
    2. with a ``tree``: the sum of its children's figures, each resolved the
       same way (so a city without its own figure is the sum of its districts);
    3. with ``interpolate=True`` only: linear interpolation between the nearest
       known years before and after (own figure first, else the children's),
       rounded half up to whole persons. Years outside the known range are
       never extrapolated.

    Anything else raises :class:`~sportsgov.errors.DataError`.

    :meth:`from_file` reads ``population.csv`` (``region,year,population``) or a GBK
    file or workbook with the Chinese headers 地区/行政区划代码, 年份, 常住人口; a unit
    in the header is converted exactly (常住人口(万人) multiplies by 10,000); pass
    ``tree=`` for roll-ups.

    Parameters
    ----------
    figures : mapping of (code, year) to int
        Own figures [persons].
    tree : RegionTree, optional
        Enables roll-up to parents and the consistency :meth:`check`; every
        region must then be in the tree, as a code or as a region name stored as
        its code (unique name, or qualified by its ancestors: 清河市中原区,
        中原区（清河市）; a shared name is an error listing the candidates).
    source : str, optional
        Name of the data source for messages.

    Examples
    --------
    >>> pop = PopulationTable({("A", 2023): 100, ("A", 2025): 200})
    >>> pop.get("A", 2023)
    100
    >>> pop.get("A", 2024, interpolate=True)
    150
    >>> pop.get("A", 2024)
    Traceback (most recent call last):
    ...
    sportsgov.errors.DataError: region='A' year=2024: no year-end population (known years: ...
    """

    table_kind: ClassVar[str] = "population"
    file_options: ClassVar[tuple[str, ...]] = ("tree",)

    figures: dict[tuple[str, int], int] = field(converter=_figures_converter)
    tree: RegionTree | None = field(default=None, kw_only=True)
    source: str | None = field(default=None, kw_only=True, eq=False)
    _years: dict[str, tuple[int, ...]] = field(init=False, repr=False, eq=False)
    _cache: dict[tuple[int, bool], dict[str, int]] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        names = None if self.tree is None else RegionNames(self.tree)
        years: dict[str, list[int]] = {}
        clean: dict[tuple[str, int], int] = {}
        given: dict[tuple[str, int], object] = {}  # the key as given, for duplicates
        for key, value in self.figures.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                raise InvalidInputError.bad("figures", key, "keys must be (region, year) pairs")
            code = region_code(key[0], "region")
            year = _year(key[1])
            count = _population_value(value)
            if names is not None and code not in names.tree:
                code = names.code(code, _UNKNOWN)  # a region name: its code
            if (code, year) in clean:  # 'A' and ' A', 2024 and "2024", a name and its code
                raise DataError(
                    f"figures={format_value(key)}: duplicate of {format_value(given[code, year])} "
                    f"(both are region={code!r} year={year}); give each figure once",
                    source=self.source,
                    field="region",
                    value=key,
                )
            clean[(code, year)] = count
            given[(code, year)] = key
            years.setdefault(code, []).append(year)
        object.__setattr__(self, "figures", clean)
        object.__setattr__(self, "_years", {k: tuple(sorted(v)) for k, v in years.items()})
        object.__setattr__(self, "_cache", {})

    # -- constructors ---------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        tree: RegionTree | None = None,
        source: str | None = None,
    ) -> PopulationTable:
        """Build from records ``{"region", "year", "population"}``.

        ``population`` is a whole number of persons; strings such as
        ``"1408.28万"`` are accepted (万 = 10⁴, 亿 = 10⁸).

        Raises
        ------
        DataError
            Bad value, duplicate (region, year), or (with ``tree``) an unknown
            region; the message names the 1-based row.

        Examples
        --------
        >>> PopulationTable.from_records([
        ...     {"region": "CN", "year": 2024, "population": "140828万"}]).get("CN", 2024)
        1408280000
        """
        figures: dict[tuple[str, int], int] = {}
        first_row: dict[tuple[str, int], int] = {}
        names = None if tree is None else RegionNames(tree)
        for row, record in enumerate(records, start=1):
            if not isinstance(record, Mapping):
                raise DataError(
                    f"expected a mapping with keys region, year, population, got "
                    f"{format_value(record)}",
                    source=source,
                    row=row,
                )
            try:
                for key in ("region", "year", "population"):
                    if key not in record or is_missing(record[key]):
                        raise InvalidInputError.bad(key, record.get(key), "is required")
                code = region_code(record["region"], "region")
                if names is not None and code not in names.tree:
                    code = names.code(code, _UNKNOWN)  # a region name: its code
                year = _year(record["year"])
                count = _population_value(record["population"])
            except InvalidInputError as exc:
                raise DataError(
                    exc.message, source=source, row=row, field=exc.argument, value=exc.value
                ) from None
            key2 = (code, year)
            if key2 in figures:
                raise DataError(
                    f"region={code!r} year={year}: duplicate figure (first seen in row "
                    f"{first_row[key2]})",
                    source=source,
                    row=row,
                    field="region",
                )
            figures[key2] = count
            first_row[key2] = row
        return cls(figures, tree=tree, source=source)

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
    ) -> PopulationTable:
        """Read ``region, year, population`` [persons] from a CSV (any encoding), gzip or xlsx.

        The one tolerant table reader of every table class: the header row found
        under title rows, Chinese headers (地区/行政区划代码, 年份, 常住人口) mapped, a
        unit in the header converted exactly (常住人口(万人) multiplies by 10,000);
        errors name the file, the spreadsheet row (header = row 1) and the field.

        Parameters
        ----------
        path : str, os.PathLike or open file
            ``.csv``, ``.csv.gz``, ``.xlsx`` or ``.xls`` (workbooks need the ``excel``
            extra); an open handle is read from its current position.
        encoding : str, optional
            Text encoding; default detected (UTF-8, BOM, GB18030/GBK).
        sheet : str or int, optional
            Workbook sheet by name or 0-based index; default the first.
        columns : mapping of str to str, optional
            ``{"header in the file": "field"}`` for headers the aliases do not know.
        errors : {"raise"}, default "raise"
            The first bad row raises.
        tree : RegionTree, optional
            Enables roll-ups to parents; every region must be in it, as a code or
            a region name (stored as its code; the rules of
            :meth:`Inventory.from_file <sportsgov.facilities.Inventory.from_file>`).

        Examples
        --------
        >>> import io
        >>> text = "地区,年份,常住人口(万人)\\nA,2024,1.5\\n"
        >>> PopulationTable.from_file(io.StringIO(text)).get("A", 2024)
        15000
        >>> tree = RegionTree([Region("A", "城关区", "district")])
        >>> text = "地区,年份,常住人口(万人)\\n城关区,2024,1.5\\n"
        >>> PopulationTable.from_file(io.StringIO(text), tree=tree).figures
        {('A', 2024): 15000}
        """
        return cast(
            PopulationTable,
            cls._read_file(path, encoding, sheet, columns, errors, tree=tree),
        )

    @classmethod
    def from_frame(
        cls, df: Any, *, columns: Mapping[str, str] | None = None, tree: RegionTree | None = None
    ) -> PopulationTable:
        """Build from a pandas DataFrame through the header aliases of :meth:`from_file`.

        Row numbers in errors are the frame position + 2; ``tree`` as for
        :meth:`from_file`. Needs the ``pandas`` extra.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"地区": ["410102"], "年份": [2024], "常住人口(万人)": [72.5]})
        >>> PopulationTable.from_frame(df).get("410102", 2024)
        725000
        """
        return cast(PopulationTable, cls._read_frame(df, columns, "raise", tree=tree))

    @classmethod
    def from_csv(
        cls,
        path: str | os.PathLike[str] | IO[str] | IO[bytes],
        *,
        encoding: str | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        tree: RegionTree | None = None,
    ) -> PopulationTable:
        """Read ``population.csv`` (``region,year,population``): :meth:`from_file`.

        Examples
        --------
        >>> import io
        >>> pop = PopulationTable.from_csv(io.StringIO("region,year,population\\nA,2024,9\\n"))
        >>> pop.get("A", 2024)
        9
        """
        return cls.from_file(path, encoding=encoding, columns=columns, errors=errors, tree=tree)

    def __repr__(self) -> str:
        """Short: the source, the number of regions and the first figures.

        Examples
        --------
        >>> PopulationTable({("A", 2023): 100, ("A", 2025): 200})
        PopulationTable(source=None, regions=1, figures=[A 2023: 100, A 2025: 200])
        """
        from sportsgov._common.display import REPR_ROWS, text_repr

        return text_repr(
            "PopulationTable",
            [("source", self.source), ("regions", len(self._years))],
            (f"{c} {y}: {v:,}" for (c, y), v in self._first(REPR_ROWS)),
            count=len(self.figures),
            label="figures",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first figures, columns as :meth:`to_frame`."""
        from sportsgov._common.display import HTML_ROWS, html_table

        return html_table(
            f"PopulationTable: {len(self.figures):,} figures, {len(self._years):,} regions",
            ["region", "year", "population"],
            ((c, y, v) for (c, y), v in self._first(HTML_ROWS)),
            count=len(self.figures),
        )

    def _first(self, n: int) -> list[tuple[tuple[str, int], int]]:
        """The first ``n`` figures in :meth:`to_records` order (without sorting them all)."""
        return heapq.nsmallest(n, self.figures.items())

    def to_frame(self) -> Any:
        """Own figures as a pandas DataFrame ``region, year, population`` (persons).

        Needs the ``pandas`` extra.
        """
        from sportsgov._common.frames import pandas

        pd = pandas("PopulationTable.to_frame")
        return pd.DataFrame(self.to_records(), columns=["region", "year", "population"])

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], *, tree: RegionTree | None = None
    ) -> PopulationTable:
        """Read figures from ``.csv`` (``.csv.gz``), ``.json`` or ``.toml`` by suffix.

        JSON/TOML hold ``{"population": [records], "regions": [...]}`` (``regions``
        optional); ``tree`` applies to CSV files and to data without regions.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "population.json"
        >>> _ = p.write_text('{"population": [{"region": "A", "year": 2024, '
        ...                  '"population": 5}]}', encoding="utf-8")
        >>> PopulationTable.load(p).get("A", 2024)
        5
        """
        table = cast(PopulationTable, load_by_suffix(cls, path, tree=tree))
        if tree is not None and table.tree is None:
            table = table.with_tree(tree)
        return table

    # -- queries --------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.figures)

    def regions(self) -> list[str]:
        """Codes with at least one own figure, sorted.

        Examples
        --------
        >>> PopulationTable({("B", 2024): 1, ("A", 2024): 2}).regions()
        ['A', 'B']
        """
        return sorted(self._years)

    def years(self, region: str | None = None) -> list[int]:
        """Years with own figures (for one region, or for any region).

        Examples
        --------
        >>> PopulationTable({("A", 2024): 1, ("A", 2022): 2}).years("A")
        [2022, 2024]
        """
        if region is None:
            return sorted({y for _, y in self.figures})
        return list(self._years.get(self._key(region), ()))

    def _key(self, region: str) -> str:
        if isinstance(region, Region):
            return region.code
        if self.tree is not None:
            return self.tree[region].code
        code = region_code(region, "region")
        if code not in self._years:
            raise NotFoundError.bad(
                "region", region, "no population figures for this region (and no tree)"
            )
        return code

    def _children_codes(self, code: str) -> list[str]:
        if self.tree is None or code not in self.tree:
            return []
        return [r.code for r in self.tree.children(code)]

    def _exact(self, code: str, year: int) -> int | None:
        own = self.figures.get((code, year))
        if own is not None:
            return own
        kids = self._children_codes(code)
        if not kids:
            return None
        total = 0
        for kid in kids:
            value = self._exact(kid, year)
            if value is None:
                return None
            total += value
        return total

    def _interpolated(self, code: str, year: int) -> int | None:
        years = self._years.get(code, ())
        before = [y for y in years if y < year]
        after = [y for y in years if y > year]
        if before and after:
            y0, y1 = before[-1], after[0]
            v0, v1 = self.figures[(code, y0)], self.figures[(code, y1)]
            return round_half_up(Fraction(v0) + Fraction(v1 - v0, y1 - y0) * (year - y0))
        kids = self._children_codes(code)
        if not kids:
            return None
        total = 0
        for kid in kids:
            value = self._resolve(kid, year, interpolate=True)
            if value is None:
                return None
            total += value
        return total

    def _resolve(self, code: str, year: int, *, interpolate: bool) -> int | None:
        value = self._exact(code, year)
        if value is None and interpolate:
            value = self._interpolated(code, year)
        return value

    def get(self, region: str, year: int, *, interpolate: bool = False) -> int:
        """Year-end resident population of ``region`` in ``year`` [persons].

        Parameters
        ----------
        region : str
            Region code (or unique name when the table has a tree).
        year : int
            The year whose year-end (31 December) figure is wanted.
        interpolate : bool, default False
            Interpolate linearly between the nearest known years if the year is
            missing (never extrapolates).

        Raises
        ------
        NotFoundError
            Unknown region.
        DataError
            No figure for that year (and none derivable from the children, nor
            by interpolation when asked).

        Examples
        --------
        >>> PopulationTable({("A", 2024): 10}).get("A", 2024)
        10
        """
        code = self._key(region)
        year = _year(year)
        value = self._resolve(code, year, interpolate=interpolate)
        if value is None:
            raise self._missing(code, year, interpolate)
        return value

    def _missing(self, code: str, year: int, interpolate: bool) -> DataError:
        known = self._years.get(code, ())
        if not known:  # a parent's figures are its children's sums: say which years resolve
            known = tuple(
                y for y in self.years() if self._resolve(code, y, interpolate=False) is not None
            )
        known_text = ", ".join(str(y) for y in known) if known else "none"
        detail = f"region={code!r} year={year}: no year-end population (known years: {known_text})"
        kids = self._children_codes(code)
        if kids:
            lacking = [k for k in kids if self._resolve(k, year, interpolate=interpolate) is None]
            shown = ", ".join(repr(k) for k in lacking[:5])
            more = f" and {len(lacking) - 5} more" if len(lacking) > 5 else ""
            detail += f"; children without a figure: {shown}{more}"
        if interpolate:
            detail += "; interpolation needs known years before and after (no extrapolation)"
        else:
            detail += "; pass interpolate=True to interpolate linearly between known years"
        return DataError(detail, source=self.source)

    def resolve_year(self, year: int, *, interpolate: bool = False) -> dict[str, int]:
        """Every figure resolvable for ``year``: own figures plus (with a tree) roll-ups.

        Regions that cannot be resolved are absent from the result.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> PopulationTable({("B", 2024): 7}, tree=t).resolve_year(2024)
        {'A': 7, 'B': 7}
        """
        year = _year(year)
        key = (year, bool(interpolate))
        cached = self._cache.get(key)
        if cached is not None:
            return dict(cached)
        codes: list[str] = list(self.tree.codes) if self.tree is not None else []
        codes += [c for c in self._years if self.tree is None or c not in self.tree]
        out: dict[str, int] = {}
        if self.tree is not None and not interpolate:
            # Bottom-up pass over the tree: linear time.
            tree = self.tree
            resolved: list[int | None] = [self.figures.get((c, year)) for c in tree.codes]
            kid_sum: list[int] = [0] * len(tree)
            kid_missing: list[bool] = [False] * len(tree)
            parent = tree.parent_index.tolist()
            has_kids: list[bool] = [False] * len(tree)
            for p in parent:
                if p >= 0:
                    has_kids[p] = True
            for i in range(len(tree) - 1, -1, -1):
                if resolved[i] is None and has_kids[i] and not kid_missing[i]:
                    resolved[i] = kid_sum[i]
                p = parent[i]
                if p >= 0:
                    value = resolved[i]
                    if value is None:
                        kid_missing[p] = True
                    else:
                        kid_sum[p] += value
            out = {c: v for c, v in zip(tree.codes, resolved, strict=True) if v is not None}
        else:
            for code in codes:
                value = self._resolve(code, year, interpolate=interpolate)
                if value is not None:
                    out[code] = value
        self._cache[key] = out
        return dict(out)

    def check(self, *, tolerance: float = 0.0, absolute: int = 0) -> list[PopulationMismatch]:
        """Parents whose own figure disagrees with the sum of their children.

        A (parent, year) is compared only when the parent has its own figure and
        every child resolves for that year. It is reported when
        ``|own - children_sum| > max(absolute, tolerance * own)``. Nothing is
        changed: the parent's own figure keeps precedence in :meth:`get`.

        Parameters
        ----------
        tolerance : float, default 0.0
            Allowed relative difference (e.g. ``0.005`` for 0.5 %).
        absolute : int, default 0
            Allowed absolute difference [persons].

        Raises
        ------
        InvalidInputError
            No tree, or a negative tolerance.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> pop = PopulationTable({("A", 2024): 105, ("B", 2024): 100}, tree=t)
        >>> [(m.region, m.difference) for m in pop.check()]
        [('A', 5)]
        >>> pop.check(tolerance=0.05)
        []
        """
        if self.tree is None:
            raise InvalidInputError.bad(
                "tree", None, "check() needs a PopulationTable with a tree"
            )
        if not (tolerance >= 0) or not np.isfinite(tolerance):
            raise InvalidInputError.bad("tolerance", tolerance, "must be a finite number >= 0")
        if absolute < 0:
            raise InvalidInputError.bad("absolute", absolute, "must be >= 0")
        out: list[PopulationMismatch] = []
        for (code, year), own in sorted(self.figures.items(), key=lambda kv: (kv[0][1],)):
            kids = self._children_codes(code)
            if not kids:
                continue
            values = [self._exact(k, year) for k in kids]
            if any(v is None for v in values):
                continue
            total = sum(cast(list[int], values))
            diff = own - total
            if abs(diff) > max(absolute, tolerance * own):
                relative = diff / own if own else float("inf")
                out.append(PopulationMismatch(code, year, own, total, diff, relative))
        order = {c: i for i, c in enumerate(self.tree.codes)}
        out.sort(key=lambda m: (order.get(m.region, -1), m.year))
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """Own figures as records ``{"region", "year", "population"}``.

        Examples
        --------
        >>> PopulationTable({("A", 2024): 5}).to_records()
        [{'region': 'A', 'year': 2024, 'population': 5}]
        """
        return [
            {"region": c, "year": y, "population": v} for (c, y), v in sorted(self.figures.items())
        ]

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write ``population.csv`` (``region,year,population``)."""
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["region", "year", "population"])
            writer.writeheader()
            writer.writerows(self.to_records())

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML: ``{"population": [records], "regions": [...]}``
        (``regions`` only when the table has a tree).

        Examples
        --------
        >>> pop = PopulationTable({("A", 2024): 5})
        >>> PopulationTable.from_data(pop.to_data()) == pop
        True
        """
        data: dict[str, Any] = {"population": self.to_records()}
        if self.tree is not None:
            data["regions"] = self.tree.to_data()["regions"]
        return data

    @classmethod
    def from_data(cls, data: Any) -> PopulationTable:
        """Inverse of :meth:`to_data`."""
        if not isinstance(data, Mapping) or not isinstance(data.get("population"), list):
            raise DataError("population: expected a list of {region, year, population} records")
        tree = RegionTree.from_data(data["regions"]) if "regions" in data else None
        return cls.from_records(data["population"], tree=tree)

    def project(
        self,
        to_year: int,
        *,
        method: ProjectionMethod = "linear",
        projections: PopulationTable | Mapping[tuple[str, int], int] | None = None,
        years: Iterable[int] | None = None,
        min_years: int = 3,
    ) -> PopulationTable:
        """Projected to ``to_year`` by a stated trend or a given projection table.

        Delegates to :func:`project_population` (parameters there); the result
        is a :class:`ProjectedPopulation` stating the method, the years used and
        the fitted rate of every region.

        Examples
        --------
        >>> pop = PopulationTable({("A", 2021): 100, ("A", 2022): 110, ("A", 2023): 120})
        >>> pop.project(2025, method="linear").get("A", 2025)
        140
        """
        return project_population(
            self,
            to_year,
            method=method,
            projections=projections,
            years=years,
            min_years=min_years,
        )

    def with_tree(self, tree: RegionTree) -> PopulationTable:
        """The same figures attached to ``tree`` (validates the codes).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city")])
        >>> PopulationTable({("A", 2024): 5}).with_tree(t).tree is t
        True
        """
        return attrs.evolve(self, tree=tree)


def project_population(
    table: PopulationTable,
    to_year: int,
    *,
    method: ProjectionMethod = "linear",
    projections: PopulationTable | Mapping[tuple[str, int], int] | None = None,
    years: Iterable[int] | None = None,
    min_years: int = 3,
) -> ProjectedPopulation:
    """Project every region with its own figures to ``to_year`` [persons].

    Parameters
    ----------
    table
        The :class:`~sportsgov.regions.PopulationTable` with the history.
    to_year
        Last year to project; every year after a region's last known year up to
        ``to_year`` is added.
    method
        ``"linear"``, ``"geometric"`` or ``"table"`` (see
        :mod:`sportsgov.regions.projection`).
    projections
        For ``method="table"``: the published projection, a PopulationTable or a
        mapping ``{(region, year): persons}``.
    years
        Restrict the fit to these known years (default: all known years).
    min_years
        Fewest known years a trend fit needs (default 3).

    Returns
    -------
    ProjectedPopulation
        A :class:`~sportsgov.regions.PopulationTable` with ``method``, ``to_year``
        and ``fits`` (one :class:`ProjectionFit` per region) stating what was done.

    Raises
    ------
    InvalidInputError
        Unknown method; a region with fewer than ``min_years`` known years; a
        non-positive population for ``"geometric"``.
    DataError
        ``method="table"`` and the projection lacks a year that is needed.

    Examples
    --------
    >>> from sportsgov.regions import PopulationTable
    >>> pop = PopulationTable({("A", 2020): 1000, ("A", 2021): 1050, ("A", 2022): 1100})
    >>> p = project_population(pop, 2024, method="geometric")
    >>> p.get("A", 2024), round(float(p.fits["A"].rate), 5)
    (1210, 0.04881)
    >>> project_population(pop, 2024, method="cubic")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: method='cubic': expected one of 'linear', ...
    """
    if method not in PROJECTION_METHODS:
        raise InvalidInputError.bad(
            "method", method, "expected one of " + ", ".join(repr(m) for m in PROJECTION_METHODS)
        )
    if isinstance(to_year, bool) or not isinstance(to_year, int):
        raise InvalidInputError.bad("to_year", to_year, "expected a whole year such as 2025")
    if min_years < 2:
        raise InvalidInputError.bad("min_years", min_years, "must be >= 2")
    chosen = None if years is None else {int(y) for y in years}
    history: dict[str, list[tuple[int, int]]] = {}
    for (code, year), value in sorted(table.figures.items()):
        if chosen is None or year in chosen:
            history.setdefault(code, []).append((year, value))
    if method == "table":
        if projections is None:
            raise InvalidInputError.bad(
                "projections", None, "method='table' needs a projection table"
            )
        given = (
            projections
            if isinstance(projections, PopulationTable)
            else PopulationTable(dict(projections))
        )
    figures = dict(table.figures)
    fits: dict[str, ProjectionFit] = {}
    for code, points in history.items():
        added: dict[int, int] = {}
        if method == "table":
            for y in range(points[-1][0] + 1, to_year + 1):
                try:
                    added[y] = given.get(code, y)
                except (DataError, InvalidInputError):
                    raise DataError(
                        f"region={code!r} year={y}: the projection table has no figure"
                    ) from None
            fits[code] = ProjectionFit(code, method, tuple(added), None, None, added)
        else:
            fit = fit_trend(code, dict(points), to_year, method=method, min_years=min_years)
            fits[code] = fit
            added = dict(fit.projected)
        for y, v in added.items():
            figures[(code, y)] = v
    first = min((p[0][0] for p in history.values()), default=to_year)
    label = f"{table.source or 'population'}: {method} projection to {to_year}"
    return ProjectedPopulation(
        figures,
        tree=table.tree,
        source=label,
        method=method,
        to_year=to_year,
        fits=fits,
        base_years=(first, max((p[-1][0] for p in history.values()), default=first)),
    )


@frozen
class ProjectedPopulation(PopulationTable):
    """A :class:`~sportsgov.regions.PopulationTable` extended by a projection.

    Attributes
    ----------
    method
        ``"linear"``, ``"geometric"`` or ``"table"``.
    to_year
        Last projected year.
    fits
        ``{region: ProjectionFit}``: years used and fitted rate per region.
    base_years
        ``(first, last)`` known year of the history.
    """

    method: str = field(default="linear", kw_only=True)
    to_year: int = field(default=0, kw_only=True)
    fits: Mapping[str, ProjectionFit] = field(factory=dict, kw_only=True, eq=False)
    base_years: tuple[int, int] = field(default=(0, 0), kw_only=True)

    def describe(self) -> str:
        """One line stating the method and the years used.

        Examples
        --------
        >>> pop = PopulationTable({("A", 2021): 1, ("A", 2022): 2, ("A", 2023): 3})
        >>> pop.project(2025, method="linear").describe()
        'linear projection to 2025 from the years 2021–2023'
        """
        a, b = self.base_years
        return f"{self.method} projection to {self.to_year} from the years {a}–{b}"

    def __repr__(self) -> str:
        """Short: the method, the horizon and the first figures (never every figure).

        Examples
        --------
        >>> PopulationTable({("A", 2021): 90, ("A", 2022): 100, ("A", 2023): 110}).project(2024)
        ProjectedPopulation(method='linear', to_year=2024, regions=1, figures=[A 2021: 90, A 2022: 100, A 2023: 110, A 2024: 120])
        """  # noqa: E501
        from sportsgov._common.display import REPR_ROWS, text_repr

        return text_repr(
            "ProjectedPopulation",
            [("method", self.method), ("to_year", self.to_year), ("regions", len(self.fits))],
            (f"{c} {y}: {v:,}" for (c, y), v in self._first(REPR_ROWS)),
            count=len(self.figures),
            label="figures",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first figures, columns as :meth:`to_frame`."""
        from sportsgov._common.display import HTML_ROWS, html_table

        added = {(c, y) for c, f in self.fits.items() for y in f.projected}
        return html_table(
            f"ProjectedPopulation ({self.method}) to {self.to_year}: "
            f"{len(self.figures):,} figures, {len(added):,} projected",
            ["region", "year", "population", "projected"],
            ((c, y, v, (c, y) in added) for (c, y), v in self._first(HTML_ROWS)),
            count=len(self.figures),
        )

    def to_frame(self) -> Any:
        """Own and projected figures as a pandas DataFrame ``region, year, population, projected``.

        ``population`` in persons; ``projected`` is True for the years the projection
        added (see :attr:`fits`). ``PopulationTable.from_frame`` reads the first
        three columns back. Needs the ``pandas`` extra.

        Examples
        --------
        >>> pop = PopulationTable({("A", 2021): 1, ("A", 2022): 2, ("A", 2023): 3})
        >>> pop.project(2024).to_frame().values.tolist()[-2:]
        [['A', 2023, 3, False], ['A', 2024, 4, True]]
        """
        frame = super().to_frame()
        added = {(c, y) for c, f in self.fits.items() for y in f.projected}
        frame["projected"] = [
            (c, y) in added for c, y in zip(frame["region"], frame["year"], strict=True)
        ]
        return frame

    def projection_data(self) -> dict[str, Any]:
        """The projection's statement as plain data (method, years, fits)."""
        return {
            "method": self.method,
            "to_year": self.to_year,
            "base_years": list(self.base_years),
            "fits": {c: f.to_data() for c, f in sorted(self.fits.items())},
        }
