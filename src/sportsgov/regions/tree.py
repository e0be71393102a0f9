"""Administrative regions (行政区划) and their hierarchy.

A :class:`RegionTree` holds the hierarchy of a province, city or county down to
streets and townships (街道 / 乡镇) and rolls any additive figure up the tree.

Levels
------
Each region has a ``level`` from :data:`Level`. Levels are ranked into tiers::

    country (0) > province (1) > city (2) > district | county | district-or-county (3)
    > street | township | street-or-township (4) > community | village (5)

A child's tier must be deeper than its parent's. ``district`` and ``county``
(区 / 县, including county-level cities) share one tier, as do ``street`` and
``township``; the generic ``district-or-county`` and ``street-or-township`` are
accepted when the data does not say which. Chinese level names (省, 市, 区, 县,
区县, 街道, 乡镇, 社区, 村 …) are accepted on input.

Examples
--------
>>> from sportsgov.regions import RegionTree
>>> tree = RegionTree.from_records([
...     {"code": "4101", "name": "郑州市", "level": "city", "parent": None},
...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101",
...      "settlement": "urban"},
...     {"code": "410122", "name": "中牟县", "level": "county", "parent": "4101",
...      "settlement": "rural"},
... ])
>>> [r.code for r in tree.children("4101")]
['410102', '410122']
>>> tree.roll_up({"410102": 3, "410122": 4})["4101"]
7
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, Literal, TypeVar, cast, get_args

import attrs
import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov._common.cells import is_missing
from sportsgov._common.tablefile import TableFile
from sportsgov.errors import DataError, InvalidInputError, NotFoundError, format_value
from sportsgov.regions._parse import load_by_suffix, region_code

__all__ = [
    "Level",
    "Region",
    "RegionTree",
    "Settlement",
    "normalize_level",
]

Level = Literal[
    "country",
    "province",
    "city",
    "district",
    "county",
    "district-or-county",
    "street",
    "township",
    "street-or-township",
    "community",
    "village",
]
"""Administrative level of a region (see the module docstring for the tiers)."""

Settlement = Literal["urban", "rural", "mixed"]
"""Settlement type of a region: ``urban`` (城镇), ``rural`` (农村) or ``mixed``."""

LEVELS: tuple[str, ...] = get_args(Level)
SETTLEMENTS: tuple[str, ...] = get_args(Settlement)

#: Tier of each level (0 = country ... 5 = community/village).
LEVEL_TIER: dict[str, int] = {
    "country": 0,
    "province": 1,
    "city": 2,
    "district": 3,
    "county": 3,
    "district-or-county": 3,
    "street": 4,
    "township": 4,
    "street-or-township": 4,
    "community": 5,
    "village": 5,
}

_LEVEL_ALIASES: dict[str, str] = {
    "国家": "country",
    "全国": "country",
    "nation": "country",
    "national": "country",
    "省": "province",
    "自治区": "province",
    "直辖市": "province",
    "市": "city",
    "地级市": "city",
    "prefecture": "city",
    "区": "district",
    "市辖区": "district",
    "县": "county",
    "县级市": "county",
    "区县": "district-or-county",
    "district_or_county": "district-or-county",
    "街道": "street",
    "乡": "township",
    "镇": "township",
    "乡镇": "township",
    "town": "township",
    "street_or_township": "street-or-township",
    "社区": "community",
    "村": "village",
}

_SETTLEMENT_ALIASES: dict[str, str] = {
    "城镇": "urban",
    "城市": "urban",
    "城区": "urban",
    "农村": "rural",
    "乡村": "rural",
    "混合": "mixed",
}

_REGION_FIELDS = ("code", "name", "level", "parent", "settlement")

T = TypeVar("T")


# ----------------------------------------------------------------------------- helpers


def _choices(values: Iterable[str]) -> str:
    return "expected one of " + ", ".join(repr(v) for v in values)


def normalize_level(value: object) -> str:
    """The canonical :data:`Level` of a level name (English or Chinese, e.g. ``"区县"``).

    Raises
    ------
    InvalidInputError
        Not a level: ``level='x': expected one of 'country', 'province', ...``.

    Examples
    --------
    >>> normalize_level("县"), normalize_level("District")
    ('county', 'district')
    """
    text = str(value).strip() if value is not None else ""
    text = _LEVEL_ALIASES.get(text, text)
    text = text.lower()
    text = _LEVEL_ALIASES.get(text, text)
    if text not in LEVEL_TIER:
        raise InvalidInputError.bad("level", value, _choices(LEVELS))
    return text


def _normalize_settlement(value: object) -> str:
    if is_missing(value):
        return "mixed"
    text = str(value).strip()
    text = _SETTLEMENT_ALIASES.get(text, text).lower()
    if text not in SETTLEMENTS:
        raise InvalidInputError.bad("settlement", value, _choices(SETTLEMENTS))
    return text


# ----------------------------------------------------------------------------- Region


def _level_converter(value: object) -> str:
    return normalize_level(value)


def _settlement_converter(value: object) -> str:
    return _normalize_settlement(value)


def _parent_converter(value: object) -> str | None:
    return None if is_missing(value) else region_code(value, "parent")


@frozen
class Region:
    """One administrative region (行政区划).

    Parameters
    ----------
    code : str
        Unique code, e.g. the 6- or 12-digit administrative division code
        (行政区划代码). Integers are converted to strings.
    name : str
        Name, e.g. ``"中原区"``.
    level : Level
        Administrative level (Chinese names accepted: ``"区"``, ``"县"``, ``"街道"`` …).
    parent : str or None
        Code of the parent region; ``None`` (or ``""``) for a root.
    settlement : {"urban", "rural", "mixed"}
        Settlement type (城镇 / 农村); decides e.g. 10- versus 15-minute fitness
        circles. Default ``"mixed"``.

    Raises
    ------
    InvalidInputError
        Empty code or name, unknown level or settlement, or a region that is its own parent.

    Examples
    --------
    >>> Region("410102", "中原区", "区", "4101", settlement="城镇")
    Region(code='410102', name='中原区', level='district', parent='4101', settlement='urban')
    >>> Region("410102", "中原区", "borough", "4101")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: level='borough': expected one of 'country', ...
    """

    code: str = field(converter=region_code)
    name: str = field()
    level: Level = field(converter=_level_converter)
    parent: str | None = field(default=None, converter=_parent_converter)
    settlement: Settlement = field(default="mixed", converter=_settlement_converter)

    @name.validator
    def _check_name(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInputError.bad("name", value, "must be a non-empty string")

    def __attrs_post_init__(self) -> None:
        if self.parent == self.code:
            raise InvalidInputError.bad(
                "parent", self.parent, f"region {self.code!r} cannot be its own parent"
            )

    @property
    def tier(self) -> int:
        """Depth tier of the level (0 country … 5 community/village)."""
        return LEVEL_TIER[self.level]

    def to_record(self) -> dict[str, str | None]:
        """The region as a plain record (the ``regions.csv`` layout).

        Examples
        --------
        >>> Region("410102", "中原区", "district", "4101").to_record()["parent"]
        '4101'
        """
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "parent": self.parent,
            "settlement": self.settlement,
        }


def _region_from_record(record: Mapping[str, Any]) -> Region:
    for key in ("code", "name", "level"):
        if key not in record or is_missing(record[key]):
            raise InvalidInputError.bad(key, record.get(key), "is required")
    return Region(
        record["code"],
        str(record["name"]).strip(),
        record["level"],
        record.get("parent"),
        settlement=record.get("settlement"),
    )


# ----------------------------------------------------------------------------- RegionTree


def _regions_converter(value: Iterable[Region]) -> tuple[Region, ...]:
    return tuple(value)


@frozen
class RegionTree(TableFile):
    """A hierarchy of regions (a forest: several roots are allowed).

    Build it with :meth:`from_records` or :meth:`from_csv`; the constructor takes
    :class:`Region` objects in any order. Regions are kept in a topological order
    (every parent before its children, siblings in input order). :meth:`from_file`
    reads ``regions.csv`` (``code,name,level,parent,settlement``) or a GBK file or
    workbook with the Chinese headers 行政区划代码, 名称, 级别, 上级代码, 城乡属性.

    Parameters
    ----------
    regions : iterable of Region
        The regions. Codes must be unique, parents must exist, no cycles, and a
        child's level must be below its parent's.
    source : str, optional
        Where the regions came from (a file name), for error messages.

    Raises
    ------
    DataError
        Duplicate code, unknown parent, cycle or level not below the parent's; the
        message names the row (1-based position in the input).

    Examples
    --------
    >>> tree = RegionTree.from_records([
    ...     {"code": "A", "name": "City", "level": "city", "parent": ""},
    ...     {"code": "A1", "name": "East", "level": "district", "parent": "A"},
    ...     {"code": "A11", "name": "E-street", "level": "street", "parent": "A1"},
    ... ])
    >>> [r.code for r in tree.ancestors("A11")]
    ['A1', 'A']
    >>> tree["East"].code
    'A1'
    """

    table_kind: ClassVar[str] = "regions"

    regions: tuple[Region, ...] = field(converter=_regions_converter)
    source: str | None = field(default=None, kw_only=True, eq=False)
    _index: dict[str, int] = field(init=False, repr=False, eq=False)
    _parent: npt.NDArray[np.int64] = field(init=False, repr=False, eq=False)
    _children: tuple[tuple[int, ...], ...] = field(init=False, repr=False, eq=False)
    _depth: npt.NDArray[np.int64] = field(init=False, repr=False, eq=False)
    _by_name: dict[str, tuple[int, ...]] = field(init=False, repr=False, eq=False)
    _tier_ancestor: dict[int, npt.NDArray[np.int64]] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        regions = self.regions
        source = self.source
        first_row: dict[str, int] = {}
        for row, region in enumerate(regions, start=1):
            if not isinstance(region, Region):
                raise DataError(
                    f"expected a Region, got {format_value(region)}", source=source, row=row
                )
            if region.code in first_row:
                raise DataError(
                    f"code={region.code!r}: duplicate code (first seen in row "
                    f"{first_row[region.code]})",
                    source=source,
                    row=row,
                    field="code",
                    value=region.code,
                )
            first_row[region.code] = row
        by_code = {r.code: r for r in regions}
        for row, region in enumerate(regions, start=1):
            if region.parent is not None and region.parent not in by_code:
                raise DataError(
                    f"parent={region.parent!r}: unknown parent of region {region.code!r}",
                    source=source,
                    row=row,
                    field="parent",
                    value=region.parent,
                )
        # Topological order by breadth-first search from the roots.
        kids: dict[str, list[str]] = {r.code: [] for r in regions}
        roots: list[str] = []
        for region in regions:
            if region.parent is None:
                roots.append(region.code)
            else:
                kids[region.parent].append(region.code)
        order: list[str] = []
        queue = list(roots)
        head = 0
        while head < len(queue):
            code = queue[head]
            head += 1
            order.append(code)
            queue.extend(kids[code])
        if len(order) != len(regions):
            seen = set(order)
            start = next(r.code for r in regions if r.code not in seen)
            # Walk up from an unreached region until a code repeats: O(n), iterative,
            # a dict of positions (a list lookup made 50,000-region cycles hang).
            path = [start]
            position = {start: 0}
            code = start
            while True:
                parent = by_code[code].parent
                assert parent is not None  # every unreached node has a parent
                if parent in position:
                    cycle = [*path[position[parent] :], parent]
                    break
                position[parent] = len(path)
                path.append(parent)
                code = parent
            shown = cycle if len(cycle) <= 8 else [*cycle[:3], "...", *cycle[-3:]]
            size = "" if len(cycle) <= 8 else f" ({len(cycle) - 1} regions)"
            raise DataError(
                "cycle in the region hierarchy: " + " -> ".join(shown) + size,
                source=source,
                row=first_row[cycle[0]],
                field="parent",
            )
        for region in regions:
            if region.parent is not None:
                parent_region = by_code[region.parent]
                if LEVEL_TIER[region.level] <= LEVEL_TIER[parent_region.level]:
                    raise DataError(
                        f"level={region.level!r}: must be below its parent "
                        f"{parent_region.code!r} ({parent_region.level})",
                        source=source,
                        row=first_row[region.code],
                        field="level",
                        value=region.level,
                    )
        ordered = tuple(by_code[c] for c in order)
        index = {r.code: i for i, r in enumerate(ordered)}
        parents = np.array(
            [-1 if r.parent is None else index[r.parent] for r in ordered], dtype=np.int64
        )
        depth = np.zeros(len(ordered), dtype=np.int64)
        children: list[list[int]] = [[] for _ in ordered]
        for i, p in enumerate(parents.tolist()):
            if p >= 0:
                depth[i] = depth[p] + 1
                children[p].append(i)
        by_name: dict[str, list[int]] = {}
        for i, r in enumerate(ordered):
            by_name.setdefault(r.name, []).append(i)
        object.__setattr__(self, "regions", ordered)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_parent", parents)
        object.__setattr__(self, "_children", tuple(tuple(c) for c in children))
        object.__setattr__(self, "_depth", depth)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})
        object.__setattr__(self, "_tier_ancestor", {})

    # -- constructors ---------------------------------------------------------

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, source: str | None = None
    ) -> RegionTree:
        """Build a tree from records with keys ``code, name, level, parent, settlement``.

        ``parent`` empty or ``None`` marks a root; ``settlement`` may be omitted
        (``"mixed"``).

        Raises
        ------
        DataError
            A bad record (with its 1-based row number), duplicate code, unknown
            parent, or a cycle.

        Examples
        --------
        >>> RegionTree.from_records([
        ...     {"code": "A", "name": "City", "level": "city", "parent": None},
        ...     {"code": "A", "name": "Again", "level": "city", "parent": None},
        ... ])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: row 2, field code: code='A': duplicate code (first seen ...)
        """
        regions: list[Region] = []
        for row, record in enumerate(records, start=1):
            if not isinstance(record, Mapping):
                raise DataError(
                    f"expected a mapping with keys {list(_REGION_FIELDS)}, got "
                    f"{format_value(record)}",
                    source=source,
                    row=row,
                )
            try:
                regions.append(_region_from_record(record))
            except DataError:
                raise
            except InvalidInputError as exc:
                raise DataError(
                    exc.message, source=source, row=row, field=exc.argument, value=exc.value
                ) from None
        return cls(regions, source=source)

    def __repr__(self) -> str:
        """Short: the source and the first regions (never every region).

        Examples
        --------
        >>> RegionTree([Region("A", "City", "city")])
        RegionTree(source=None, regions=[A City])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "RegionTree",
            [("source", self.source)],
            (f"{r.code} {r.name}" for r in self.regions),
            count=len(self.regions),
            label="regions",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first regions, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        columns = ["code", "name", "level", "parent", "settlement"]
        return html_table(
            f"RegionTree: {len(self.regions):,} regions",
            columns,
            ([r.to_record()[c] for c in columns] for r in self.regions),
            count=len(self.regions),
        )

    def to_frame(self) -> Any:
        """A pandas DataFrame in the ``regions.csv`` layout (``code, name, level, parent,
        settlement``), in tree order. Needs the ``pandas`` extra.
        """
        from sportsgov._common.frames import pandas

        pd = pandas("RegionTree.to_frame")
        return pd.DataFrame(
            self.to_records(), columns=["code", "name", "level", "parent", "settlement"]
        )

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> RegionTree:
        """Read regions from ``.csv`` (``.csv.gz``), ``.json`` or ``.toml`` by suffix.

        JSON/TOML hold ``{"regions": [records]}`` (see :mod:`sportsgov.io`).

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "regions.toml"
        >>> _ = p.write_text('[[regions]]\\ncode = "A"\\nname = "City"\\nlevel = "city"\\n',
        ...                  encoding="utf-8")
        >>> RegionTree.load(p).codes
        ('A',)
        """
        return cast(RegionTree, load_by_suffix(cls, path))

    # -- lookup ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.regions)

    def __iter__(self) -> Iterator[Region]:
        return iter(self.regions)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._index

    def __getitem__(self, key: str) -> Region:
        """Look up a region by code, or else by unique name."""
        return self.regions[self.index(key)]

    @property
    def codes(self) -> tuple[str, ...]:
        """All codes in topological order (parents first)."""
        return tuple(r.code for r in self.regions)

    def index(self, key: str | Region) -> int:
        """Position of a region (by code, or else by unique name) in :attr:`regions`.

        Raises
        ------
        NotFoundError
            Unknown code or name, or a name shared by several regions.

        Examples
        --------
        >>> tree = RegionTree([Region("A", "City", "city")])
        >>> tree.index("A"), tree.index("City")
        (0, 0)
        >>> tree.index("B")
        Traceback (most recent call last):
        ...
        sportsgov.errors.NotFoundError: region='B': unknown region code or name (1 regions, ...)
        """
        if isinstance(key, Region):
            key = key.code
        if not isinstance(key, str):
            raise NotFoundError.bad("region", key, "must be a region code or name (str)")
        found = self._index.get(key)
        if found is not None:
            return found
        hits = self._by_name.get(key, ())
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            codes = [self.regions[i].code for i in hits]
            raise NotFoundError.bad(
                "region", key, f"name is ambiguous, use a code (one of {codes})"
            )
        from sportsgov.regions._names import name_hint

        examples = ", ".join(repr(c) for c in self.codes[:3])
        raise NotFoundError.bad(
            "region",
            key,
            f"unknown region code or name ({len(self)} regions, e.g. {examples})"
            + name_hint(self, key),  # a qualified or full-width name: its code, and how
        )

    def get(self, key: str) -> Region:
        """Region by code or unique name (same as ``tree[key]``).

        Examples
        --------
        >>> RegionTree([Region("A", "City", "city")]).get("City").code
        'A'
        """
        return self[key]

    def find(self, name: str) -> list[Region]:
        """All regions with this exact name (possibly none).

        Examples
        --------
        >>> RegionTree([Region("A", "City", "city")]).find("City")
        [Region(code='A', name='City', level='city', parent=None, settlement='mixed')]
        """
        return [self.regions[i] for i in self._by_name.get(name, ())]

    # -- structure ------------------------------------------------------------

    def roots(self) -> list[Region]:
        """Regions without a parent (the top of each hierarchy), in tree order.

        Examples
        --------
        >>> RegionTree([Region("A", "City", "city")]).roots()[0].code
        'A'
        """
        return [r for r in self.regions if r.parent is None]

    def parent(self, key: str) -> Region | None:
        """The parent region, or ``None`` for a root.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "East", "district", "A")])
        >>> t.parent("B").code
        'A'
        """
        p = int(self._parent[self.index(key)])
        return None if p < 0 else self.regions[p]

    def children(self, key: str) -> list[Region]:
        """Direct children, in input order.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "East", "district", "A")])
        >>> [r.code for r in t.children("A")]
        ['B']
        """
        return [self.regions[i] for i in self._children[self.index(key)]]

    def descendants(self, key: str, *, include_self: bool = False) -> list[Region]:
        """All regions below ``key`` (depth-first, parents before children).

        Examples
        --------
        >>> t = RegionTree.from_records([
        ...     {"code": "A", "name": "City", "level": "city", "parent": None},
        ...     {"code": "B", "name": "East", "level": "district", "parent": "A"},
        ...     {"code": "C", "name": "S1", "level": "street", "parent": "B"}])
        >>> [r.code for r in t.descendants("A")]
        ['B', 'C']
        """
        start = self.index(key)
        out: list[int] = [start] if include_self else []
        stack = list(reversed(self._children[start]))
        while stack:
            i = stack.pop()
            out.append(i)
            stack.extend(reversed(self._children[i]))
        return [self.regions[i] for i in out]

    def ancestors(self, key: str) -> list[Region]:
        """Parent, grandparent … up to the root (nearest first).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "East", "district", "A")])
        >>> [r.code for r in t.ancestors("B")]
        ['A']
        """
        out: list[Region] = []
        p = int(self._parent[self.index(key)])
        while p >= 0:
            out.append(self.regions[p])
            p = int(self._parent[p])
        return out

    def leaves(self, key: str | None = None) -> list[Region]:
        """Regions without children (below ``key`` if given, else in the whole tree).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "East", "district", "A")])
        >>> [r.code for r in t.leaves()]
        ['B']
        """
        pool = self.regions if key is None else self.descendants(key, include_self=True)
        return [r for r in pool if not self._children[self._index[r.code]]]

    def at_level(self, level: str) -> list[Region]:
        """Regions in the tier of ``level`` (``"district"`` also gives counties).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> [r.code for r in t.at_level("district")]
        ['B']
        """
        tier = LEVEL_TIER[normalize_level(level)]
        return [r for r in self.regions if LEVEL_TIER[r.level] == tier]

    def ancestor_at(self, key: str, level: str) -> Region | None:
        """The region itself or its ancestor in the tier of ``level`` (``None`` if none).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> t.ancestor_at("B", "city").code
        'A'
        """
        i = int(self.tier_ancestor_index(LEVEL_TIER[normalize_level(level)])[self.index(key)])
        return None if i < 0 else self.regions[i]

    def is_within(self, key: str, ancestor: str) -> bool:
        """True if ``key`` is ``ancestor`` or lies below it.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> t.is_within("B", "A"), t.is_within("A", "B")
        (True, False)
        """
        target = self.index(ancestor)
        i = self.index(key)
        while i >= 0:
            if i == target:
                return True
            i = int(self._parent[i])
        return False

    # -- vectorized helpers ---------------------------------------------------

    @property
    def parent_index(self) -> npt.NDArray[np.int64]:
        """Parent position of every region (``-1`` for roots), a read-only array."""
        view = self._parent.view()
        view.flags.writeable = False
        return view

    def indices(self, keys: Iterable[str]) -> npt.NDArray[np.int64]:
        """Positions of many regions at once (codes or unique names).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> t.indices(["B", "A"]).tolist()
        [1, 0]
        """
        return np.fromiter((self.index(k) for k in keys), dtype=np.int64)

    def tier_ancestor_index(self, tier: int) -> npt.NDArray[np.int64]:
        """For each region, the position of itself-or-ancestor in ``tier`` (``-1`` if none)."""
        cached = self._tier_ancestor.get(tier)
        if cached is not None:
            return cached
        out = np.full(len(self), -1, dtype=np.int64)
        for i, r in enumerate(self.regions):  # topological: parent already done
            if LEVEL_TIER[r.level] == tier:
                out[i] = i
            elif self._parent[i] >= 0:
                out[i] = out[self._parent[i]]
        out.flags.writeable = False
        self._tier_ancestor[tier] = out
        return out

    def roll_up_array(self, values: npt.ArrayLike) -> npt.NDArray[Any]:
        """Inclusive totals for an array aligned with :attr:`regions`.

        ``result[i] = values[i] + sum of values over all descendants of i``.
        Works for 1-D arrays and for 2-D arrays (one column per figure).

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city"), Region("B", "X", "county", "A")])
        >>> t.roll_up_array([1.0, 2.0]).tolist()
        [3.0, 2.0]
        """
        total = np.array(values, copy=True)
        if total.shape[:1] != (len(self),):
            raise InvalidInputError.bad(
                "values", values, f"must have {len(self)} rows, one per region in tree order"
            )
        parent = self._parent
        # Children come after their parents: walk backwards, adding each node into its parent.
        depth = self._depth
        for d in range(int(depth.max(initial=0)), 0, -1):
            nodes = np.flatnonzero(depth == d)
            np.add.at(total, parent[nodes], total[nodes])
        return total

    def roll_up(
        self,
        values: Mapping[str, T],
        *,
        how: Literal["add", "fill"] = "add",
        start: Any = 0,
    ) -> dict[str, T]:
        """Roll an additive figure up the tree.

        Python arithmetic is used, so ``int``, ``Fraction``, ``Decimal`` and
        :class:`~sportsgov.money.Money` stay exact.

        Parameters
        ----------
        values : mapping of code to number
            Figures recorded at any level (codes or unique names).
        how : {"add", "fill"}, default "add"
            ``"add"``: figures are *parts* (e.g. the area of venues recorded at
            each level): a region's total is its own value (``start`` if absent)
            plus its children's totals, so a district's total includes its
            streets. ``"fill"``: figures are *totals* (as published in yearbooks):
            a region's own figure is kept; a region without one gets the sum of
            its children's, provided every child has one; otherwise it is left
            out of the result.
        start : number, default 0
            With ``how="add"``, the value of a region with no figure of its own
            (use ``Money(0)`` for money).

        Returns
        -------
        dict
            Total for every region of the tree (``"fill"``: every region that
            resolves), in tree order.

        Raises
        ------
        NotFoundError
            A key is not a region of the tree.
        InvalidInputError
            ``how`` is not one of the choices.

        Examples
        --------
        >>> t = RegionTree.from_records([
        ...     {"code": "A", "name": "City", "level": "city", "parent": None},
        ...     {"code": "B", "name": "East", "level": "district", "parent": "A"},
        ...     {"code": "C", "name": "S1", "level": "street", "parent": "B"}])
        >>> t.roll_up({"B": 2, "C": 5})
        {'A': 7, 'B': 7, 'C': 5}
        >>> t.roll_up({"B": 2, "C": 5}, how="fill")
        {'A': 2, 'B': 2, 'C': 5}
        """
        if how not in ("add", "fill"):
            raise InvalidInputError.bad("how", how, "expected one of 'add', 'fill'")
        parent = self._parent.tolist()
        if how == "fill":
            resolved: list[Any] = [None] * len(self)
            for key, value in values.items():
                resolved[self.index(key)] = value
            kid_sum: list[Any] = [None] * len(self)
            blocked = [False] * len(self)
            for i in range(len(self) - 1, -1, -1):
                if resolved[i] is None and kid_sum[i] is not None and not blocked[i]:
                    resolved[i] = kid_sum[i]
                p = parent[i]
                if p >= 0:
                    if resolved[i] is None:
                        blocked[p] = True
                    else:
                        kid_sum[p] = (
                            resolved[i] if kid_sum[p] is None else kid_sum[p] + resolved[i]
                        )
            return {
                r.code: resolved[i] for i, r in enumerate(self.regions) if resolved[i] is not None
            }
        own: list[Any] = [start] * len(self)
        for key, value in values.items():
            own[self.index(key)] = value
        total = list(own)
        for i in range(len(self) - 1, -1, -1):
            p = parent[i]
            if p >= 0:
                total[p] = total[p] + total[i]
        return {r.code: total[i] for i, r in enumerate(self.regions)}

    def to_records(self) -> list[dict[str, str | None]]:
        """Regions as records (the ``regions.csv`` layout), in tree order.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city")])
        >>> RegionTree.from_records(t.to_records()) == t
        True
        """
        return [r.to_record() for r in self.regions]

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML (:mod:`sportsgov.io`): ``{"regions": [records]}``.

        Examples
        --------
        >>> t = RegionTree([Region("A", "City", "city")])
        >>> RegionTree.from_data(t.to_data()) == t
        True
        """
        return {
            "regions": [
                {k: v for k, v in rec.items() if v is not None} for rec in self.to_records()
            ]
        }

    @classmethod
    def from_data(cls, data: Any) -> RegionTree:
        """Inverse of :meth:`to_data` (a bare list of records is accepted too)."""
        records = data.get("regions") if isinstance(data, Mapping) else data
        if not isinstance(records, list):
            raise DataError("regions: expected a list of region records")
        return cls.from_records(records)

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Write ``regions.csv`` (``code,name,level,parent,settlement``)."""
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(_REGION_FIELDS))
            writer.writeheader()
            for rec in self.to_records():
                writer.writerow({k: "" if v is None else v for k, v in rec.items()})
