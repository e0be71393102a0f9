"""Region cells written as names: the rule that turns 中原区 into its code.

Bureau spreadsheets name districts and streets (所属区县 = 中原区, 街道 = 文化路街道)
more often than they give the division code. A loader with a region tree resolves a
region cell (already stripped by the reader) to a code, in this order:

1. the cell is a code of the tree: that region;
2. its comparison key (:func:`~sportsgov._common.aliases.fold_text`: full-width
   folded, blanks removed, case-folded -- the reader's one name normalisation) is a
   code written full-width (``４１０１０２``) or the name of exactly one region;
3. a name shared by several regions (两个 新华区 in different cities) is
   **ambiguous**: an error lists the candidate codes with their parents' names;
4. a name qualified by its ancestors resolves when exactly one region fits: the
   qualifier -- one ancestor's name, or the run of ancestor names down to the
   parent -- written before the name (``清河市中原区``, ``中原区文化路街道``,
   ``清河市中原区文化路街道``) or in brackets after it (``中原区（清河市）``,
   ``文化路街道(中原区)``); several fitting regions are ambiguous as in 3;
5. anything else is not a region of the tree.

Work happens only for a cell that is not a code, once per distinct cell (a memo),
and the name index is built on the first such cell: a file of codes costs nothing.

Two ways in, one rule: :meth:`RegionNames.recode` rewrites a raw table's region
cells (the city directory's grid and stock files), :func:`region_records` a row
builder's records (the first line of every ``from_records(..., tree=)`` of a table
with a region column); both keep a cell that is no region of the tree as written.

Examples
--------
>>> from sportsgov.regions import RegionTree
>>> tree = RegionTree.from_records([
...     {"code": "4101", "name": "郑州市", "level": "city", "parent": None},
...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"},
...     {"code": "1301", "name": "石家庄市", "level": "city", "parent": None},
...     {"code": "130105", "name": "新华区", "level": "district", "parent": "1301"},
...     {"code": "1309", "name": "沧州市", "level": "city", "parent": None},
...     {"code": "130902", "name": "新华区", "level": "district", "parent": "1309"},
... ])
>>> names = RegionNames(tree)
>>> names.code("410102"), names.code("中原区 "), names.code("沧州市新华区")
('410102', '410102', '130902')
>>> names.code("新华区（石家庄市）")
'130105'
>>> names.code("新华区")
Traceback (most recent call last):
...
sportsgov.errors.NotFoundError: region='新华区': name is ambiguous: 130105 (in 石家庄市), ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import evolve

from sportsgov._common.aliases import fold_text
from sportsgov.errors import DataError, InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from sportsgov._common.tables import RawTable
    from sportsgov.regions.tree import RegionTree

__all__ = ["RegionNames", "name_hint", "region_records"]

# After NFKC the full-width brackets （） are ().
_BRACKETED = re.compile(r"^(.+?)\((.+)\)$")


class RegionNames:
    """Resolves region cells (codes or names) against one tree; see the module doc.

    Parameters
    ----------
    tree : RegionTree
        The regions the cells must be in.
    """

    def __init__(self, tree: RegionTree) -> None:
        self.tree = tree
        self._names: dict[str, tuple[int, ...]] = {}
        self._codes: dict[str, int] = {}
        self._built = False
        self._memo: dict[str, tuple[int, ...]] = {}

    def _build(self) -> None:
        names: dict[str, list[int]] = {}
        for i, region in enumerate(self.tree.regions):
            names.setdefault(fold_text(region.name), []).append(i)
            self._codes.setdefault(fold_text(region.code), i)
        self._names = {k: tuple(v) for k, v in names.items()}
        self._built = True

    def candidates(self, text: str) -> tuple[int, ...]:
        """Positions in ``tree.regions`` of the regions ``text`` may mean (empty: none)."""
        if text in self.tree:
            return (self.tree.index(text),)
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = self._lookup(text)
        return found

    def _lookup(self, text: str) -> tuple[int, ...]:
        if not self._built:
            self._build()
        key = fold_text(text)
        if key in self._codes:
            return (self._codes[key],)
        hits = self._names.get(key)
        if hits:
            return hits
        found: set[int] = set()
        bracketed = _BRACKETED.match(key)
        if bracketed is not None:
            name, qualifier = bracketed.groups()
            found.update(i for i in self._names.get(name, ()) if self._fits(i, qualifier))
        for cut in range(1, len(key)):
            found.update(i for i in self._names.get(key[cut:], ()) if self._fits(i, key[:cut]))
        return tuple(sorted(found))

    def _fits(self, i: int, qualifier: str) -> bool:
        """Whether ``qualifier`` is one ancestor name of region ``i`` or the run of them
        down to its parent."""
        chain = [
            fold_text(r.name) for r in reversed(self.tree.ancestors(self.tree.regions[i].code))
        ]
        return qualifier in chain or any(
            "".join(chain[j:]) == qualifier for j in range(len(chain))
        )

    def find(self, text: str) -> str | None:
        """The code ``text`` resolves to, or ``None`` (unknown or ambiguous)."""
        hits = self.candidates(text)
        return self.tree.regions[hits[0]].code if len(hits) == 1 else None

    def code(
        self, text: str, unknown: str = "not a region of the tree (neither a code nor a name)"
    ) -> str:
        """The code ``text`` resolves to.

        Raises
        ------
        NotFoundError
            ``region=...: name is ambiguous: <code> (in <parent>), ...`` or
            ``region=...: <unknown>`` (as :meth:`RegionTree.index
            <sportsgov.regions.RegionTree.index>`).
        """
        hits = self.candidates(text)
        if len(hits) == 1:
            return self.tree.regions[hits[0]].code
        if hits:
            raise NotFoundError.bad("region", text, self._ambiguous(hits))
        raise NotFoundError.bad("region", text, unknown)

    def _ambiguous(self, hits: tuple[int, ...]) -> str:
        listed = []
        for i in hits[:8]:
            region = self.tree.regions[i]
            parent = self.tree.parent(region.code)
            listed.append(region.code if parent is None else f"{region.code} (in {parent.name})")
        more = f" and {len(hits) - 8} more" if len(hits) > 8 else ""
        example = self.tree.regions[hits[-1]]
        parent = self.tree.parent(example.code)
        qualified = f" or qualify the name ({parent.name}{example.name})" if parent else ""
        return f"name is ambiguous: {', '.join(listed)}{more}; write the code{qualified}"

    def recode(self, raw: RawTable, field: str = "region") -> RawTable:
        """``raw`` with the cells of ``field`` that name a region replaced by its code.

        Codes, empty cells and cells that are no region of the tree are kept as
        written (the table's own checks see them); an ambiguous name is an error.

        Raises
        ------
        DataError
            An ambiguous name, with the file, the spreadsheet row and the field.
        """
        cells = raw.fields.get(field)
        if cells is None:
            return raw
        table, first = self._recoded(cells)
        if first is not None:  # the error names the first such row
            raise self._ambiguity(cells[first], raw.source, int(raw.rows[first]), field)
        if all(table[c] == c for c in table):
            return raw
        return evolve(raw, fields={**raw.fields, field: tuple(map(table.__getitem__, cells))})

    def recode_records(
        self, records: Iterable[Any], *, source: str | None = None, field: str = "region"
    ) -> list[Any]:
        """``records`` (a list) with the text cells of ``field`` that name a region as its code.

        The rules of :meth:`recode` for records: codes, empty cells, cells that are
        no region of the tree, other values and records that are no mappings are
        kept as given (the row builder's own checks see them); a record changed is
        a new dict.

        Raises
        ------
        DataError
            An ambiguous name, with ``source``, the record (1-based) and the field.
        """
        out = list(records)
        where = [
            i
            for i, rec in enumerate(out)
            if isinstance(rec, Mapping) and isinstance(rec.get(field), str)
        ]
        cells = [out[i][field] for i in where]
        table, first = self._recoded(cells)
        if first is not None:
            raise self._ambiguity(cells[first], source, where[first] + 1, field)
        for i, cell in zip(where, cells, strict=True):
            if table[cell] != cell:
                out[i] = {**out[i], field: table[cell]}
        return out

    def _recoded(self, cells: Sequence[str]) -> tuple[dict[str, str], int | None]:
        """``{cell: its code or itself}`` of the distinct cells, once each, and the
        position of the first ambiguous one (``None``: none is)."""
        table: dict[str, str] = {}
        for cell in set(cells):
            text = cell.strip()
            table[cell] = cell if not text or text in self.tree else self._keep(text, cell)
        bad = [c for c in table if table[c] is _AMBIGUOUS]
        return table, (min(map(cells.index, bad)) if bad else None)

    def _ambiguity(self, cell: str, source: str | None, row: int, field: str) -> DataError:
        text = cell.strip()
        message = InvalidInputError.bad("region", text, self._ambiguous(self.candidates(text)))
        return DataError(message.message, source=source, row=row, field=field)

    def _keep(self, text: str, cell: str) -> str:
        hits = self.candidates(text)
        if len(hits) > 1:
            return _AMBIGUOUS
        return self.tree.regions[hits[0]].code if hits else cell


_AMBIGUOUS = "\x00ambiguous"


def name_hint(tree: RegionTree, label: str) -> str:
    """A hint for a region label a tree rejects: ``""``, or how to resolve it if it is a name.

    Examples
    --------
    >>> from sportsgov.regions import RegionTree
    >>> tree = RegionTree.from_records([{"code": "A", "name": "城关区", "level": "district"}])
    >>> name_hint(tree, "城关区")
    " (the name of region 'A': give tree= when loading to resolve names to codes)"
    >>> name_hint(tree, "B")
    ''
    """
    code = RegionNames(tree).find(label)
    if code is None or code == label:
        return ""
    return f" (the name of region {code!r}: give tree= when loading to resolve names to codes)"


def region_records(
    records: Iterable[Any], tree: RegionTree | None, *, source: str | None = None
) -> Iterable[Any]:
    """``records`` with their ``region`` names resolved to codes against ``tree``.

    The one line a table class's ``from_records(..., tree=)`` starts with: without
    a tree the records are returned untouched; with one, see
    :meth:`RegionNames.recode_records` (names to codes, other cells as given, an
    ambiguous name a :class:`~sportsgov.errors.DataError` naming the record).

    Examples
    --------
    >>> from sportsgov.regions import RegionTree
    >>> tree = RegionTree.from_records([
    ...     {"code": "4101", "name": "郑州市", "level": "city"},
    ...     {"code": "410102", "name": "中原区", "level": "district", "parent": "4101"}])
    >>> region_records([{"region": "郑州市中原区"}, {"region": "city"}], tree)
    [{'region': '410102'}, {'region': 'city'}]
    """
    return records if tree is None else RegionNames(tree).recode_records(records, source=source)
