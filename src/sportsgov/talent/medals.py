"""Medal tables: gold-first and by-total rankings with shared ranks, and deltas.

A :class:`MedalTable` holds :class:`Medals` (gold 金, silver 银, bronze 铜) per
unit (city, district, delegation). Counts are exact: whole medals, or
fractions where a games credits a shared athlete 0.5/0.5 (双计分;
rules of the 12th National Games (第十二届全国运动会), 2013, as reported in secondary sources).

Rankings use *standard competition ranking* ("1224"): tied units share the
best rank and the next rank skips. Two orders are offered:

``"gold"``
    the Olympic convention (金牌榜): more golds first, then silvers, then bronzes.
``"total"``
    more medals in total first, then gold, silver, bronze.

Within a tie units are listed by code, so the listing is a total order.

Examples
--------
>>> from sportsgov.talent import MedalTable
>>> t = MedalTable({"Jiaozuo": (3, 2, 2), "B": (3, 2, 2), "C": (1, 9, 0)})
>>> [(r.rank, r.unit) for r in t.ranking()]
[(1, 'B'), (1, 'Jiaozuo'), (3, 'C')]
>>> [(r.rank, r.unit) for r in t.ranking("total")]
[(1, 'C'), (2, 'B'), (2, 'Jiaozuo')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias, cast

from attrs import field, frozen

from sportsgov._common.tablefile import TableReader
from sportsgov._exact import fmt, to_fraction
from sportsgov.errors import InvalidInputError, NotFoundError
from sportsgov.talent._csv import sheet_rows

if TYPE_CHECKING:
    from sportsgov._common.tables import Errors, RawTable

__all__ = ["MedalDelta", "MedalRank", "MedalTable", "Medals"]

Order: TypeAlias = Literal["gold", "total"]
_ORDERS = ("gold", "total")
_FIELDS = ("unit", "gold", "silver", "bronze")


def _medal_count(value: object, field: str = "medals") -> Fraction:
    frac = to_fraction(value, field, floats="shortest")
    if frac < 0:
        raise InvalidInputError.bad(field, value, "must be >= 0", shown=fmt(frac))
    return frac


def _plain(value: Fraction) -> int | Fraction:
    return value.numerator if value.denominator == 1 else value


@frozen(order=False)
class Medals:
    """Gold, silver and bronze counts (exact; whole or shared fractions).

    Examples
    --------
    >>> m = Medals(3, 2, 2)
    >>> m.total
    7
    >>> m + Medals("1/2", 0, 0)
    Medals(gold=Fraction(7, 2), silver=Fraction(2, 1), bronze=Fraction(2, 1))
    >>> Medals(-1, 0, 0)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: medals=-1: must be >= 0
    """

    gold: Fraction = field(default=Fraction(0), converter=_medal_count)
    silver: Fraction = field(default=Fraction(0), converter=_medal_count)
    bronze: Fraction = field(default=Fraction(0), converter=_medal_count)

    @property
    def total(self) -> int | Fraction:
        """Gold + silver + bronze."""
        return _plain(self.gold + self.silver + self.bronze)

    def as_tuple(self) -> tuple[int | Fraction, int | Fraction, int | Fraction]:
        """``(gold, silver, bronze)`` with whole counts as ints."""
        return (_plain(self.gold), _plain(self.silver), _plain(self.bronze))

    def __add__(self, other: object) -> Medals:
        if not isinstance(other, Medals):
            return NotImplemented
        return Medals(
            self.gold + other.gold, self.silver + other.silver, self.bronze + other.bronze
        )


def _as_medals(value: object, unit: str) -> Medals:
    if isinstance(value, Medals):
        return value
    if isinstance(value, Mapping):
        unknown = set(value) - {"gold", "silver", "bronze"}
        if unknown:
            raise InvalidInputError.bad(
                f"entries[{unit!r}]", dict(value), "keys must be gold, silver, bronze"
            )
        return Medals(value.get("gold", 0), value.get("silver", 0), value.get("bronze", 0))
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 3:
        return Medals(*value)
    raise InvalidInputError.bad(
        f"entries[{unit!r}]", value, "expected Medals, (gold, silver, bronze) or a mapping"
    )


def _entries(value: Mapping[str, object]) -> dict[str, Medals]:
    if not isinstance(value, Mapping):
        raise InvalidInputError.bad("entries", value, "expected {unit: medals}")
    return {str(unit): _as_medals(m, str(unit)) for unit, m in value.items()}


@frozen
class MedalRank:
    """One row of a ranking: shared ``rank`` (1224), ``unit`` and its ``medals``.

    Examples
    --------
    >>> row = MedalTable({"A": (1, 0, 0), "B": (1, 0, 0)}).ranking()[1]
    >>> row.rank, row.unit, row.medals.as_tuple()
    (1, 'B', (1, 0, 0))
    """

    rank: int
    unit: str
    medals: Medals


@frozen
class MedalDelta:
    """Change of one unit between two editions (``current - previous``).

    Attributes
    ----------
    unit : str
    gold, silver, bronze, total : int or Fraction
        Differences (may be negative).
    rank_before, rank_after : int or None
        Gold-first ranks in each edition (None when absent from it).

    Examples
    --------
    >>> MedalTable({"A": (2, 0, 0)}).delta(MedalTable({"A": (1, 1, 0)}))[0]
    MedalDelta(unit='A', gold=1, silver=-1, bronze=0, total=0, rank_before=1, rank_after=1)
    """

    unit: str
    gold: int | Fraction
    silver: int | Fraction
    bronze: int | Fraction
    total: int | Fraction
    rank_before: int | None
    rank_after: int | None


@frozen
class MedalTable(TableReader):
    """Medals per unit, with rankings, totals and edition-to-edition deltas.

    Parameters
    ----------
    entries : mapping
        ``{unit: Medals | (gold, silver, bronze) | {"gold": g, ...}}``.
    name : str
        Games and edition, e.g. ``"第十九届亚运会 (Hangzhou 2023)"``.
    source : str
        Citation.

    Examples
    --------
    >>> t = MedalTable({"Jiaozuo": (3, 2, 2)}, name="Hangzhou Asian Games")
    >>> t.totals.as_tuple(), t.totals.total
    ((3, 2, 2), 7)
    """

    table_kind: ClassVar[str] = "medals"
    file_options: ClassVar[tuple[str, ...]] = ("name", "source")

    entries: dict[str, Medals] = field(converter=_entries)
    name: str = field(default="", kw_only=True)
    source: str = field(default="", kw_only=True)

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, name: str = "", source: str = ""
    ) -> MedalTable:
        """Build from rows ``{"unit", "gold", "silver", "bronze"}``; repeated units add up.

        Examples
        --------
        >>> MedalTable.from_records([{"unit": "A", "gold": 1}, {"unit": "A", "bronze": 2}]).entries
        {'A': Medals(gold=Fraction(1, 1), silver=Fraction(0, 1), bronze=Fraction(2, 1))}
        """
        out: dict[str, Medals] = {}
        for n, rec in enumerate(records, start=1):
            if "unit" not in rec:
                raise InvalidInputError.bad(f"records[{n}]", dict(rec), "missing key 'unit'")
            unit = str(rec["unit"])
            m = _as_medals({k: v for k, v in rec.items() if k != "unit"}, unit)
            out[unit] = out[unit] + m if unit in out else m
        return cls(out, name=name, source=source)

    @classmethod
    def from_csv(
        cls,
        path: str | Path,
        *,
        encoding: str | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        name: str = "",
        source: str = "",
    ) -> MedalTable:
        """Read a CSV with columns ``unit,gold,silver,bronze``: :meth:`from_file`.

        Takes the keywords of every table's ``from_csv`` (``encoding``, ``columns``,
        ``errors``) and the table's own (``name``, ``source``), as :meth:`from_file`.
        """
        return cls.from_file(
            path, encoding=encoding, columns=columns, errors=errors, name=name, source=source
        )

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        *,
        encoding: str | None = None,
        sheet: str | int | None = None,
        columns: Mapping[str, str] | None = None,
        errors: Literal["raise"] = "raise",
        name: str = "",
        source: str = "",
    ) -> MedalTable:
        """Read a table file with columns ``unit,gold,silver,bronze`` (repeated units add up).

        CSV in any encoding, ``.csv.gz``, ``.xlsx`` or ``.xls``, Chinese headers
        (单位/代表队, 金牌, 银牌, 铜牌) through the one table reader. ``source`` is
        stored on the table (default the path).

        Bad rows raise :class:`DataError` naming the file, row and field; ``errors``
        other than ``"raise"`` raise :class:`InvalidInputError`.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "medals.csv"
        >>> _ = path.write_text("unit,gold,silver,bronze\\nJiaozuo,3,2,2\\n", encoding="utf-8")
        >>> MedalTable.from_csv(path).medals("Jiaozuo").as_tuple()
        (3, 2, 2)
        """
        return cast(
            MedalTable,
            cls._read_file(
                path, encoding, sheet, columns, errors, name=name, source=source or str(path)
            ),
        )

    @classmethod
    def from_frame(
        cls,
        df: Any,
        *,
        columns: Mapping[str, str] | None = None,
        name: str = "",
        source: str = "",
    ) -> MedalTable:
        """Build from a pandas DataFrame ``unit, gold, silver, bronze`` (as :meth:`from_file`).

        Repeated units add up; counts may be ints, Fractions or text (``"1/2"``).
        ``name`` and ``source`` are stored as given (a frame has no path). Errors name
        the frame row (position + 2, as for a saved sheet).

        Examples
        --------
        >>> t = MedalTable({"A": (1, "1/2", 0), "B": (0, 0, 3)})
        >>> MedalTable.from_frame(t.to_frame()) == t
        True
        """
        return cast(
            MedalTable,
            cls._read_frame(df, columns, "raise", name=name, source=source),
        )

    @classmethod
    def _from_raw(
        cls,
        raw: RawTable,
        errors: Errors,
        *,
        name: str = "",
        source: str = "",
        **_: Any,  # nothing else reaches here: the readers check file_options
    ) -> MedalTable:
        """The table from a read table; errors name ``raw.source`` and the sheet row."""
        return cls._from_rows(sheet_rows(raw, _FIELDS), raw.source, name=name, source=source)

    def __repr__(self) -> str:
        """Short: the name, the totals and the first units (never every unit).

        Examples
        --------
        >>> MedalTable({"Jiaozuo": (3, 2, 2)}, name="Hangzhou Asian Games")
        MedalTable(name='Hangzhou Asian Games', totals=(3, 2, 2), entries=[Jiaozuo: (3, 2, 2)])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "MedalTable",
            [("name", self.name), ("totals", self.totals.as_tuple())],
            (f"{u}: {m.as_tuple()}" for u, m in self.entries.items()),
            count=len(self.entries),
            label="entries",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first units, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"MedalTable {self.name}: {len(self.entries):,} units, {self.totals.total} medals",
            [*_FIELDS, "total"],
            ((u, *m.as_tuple(), m.total) for u, m in self.entries.items()),
            count=len(self.entries),
        )

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame ``unit, gold, silver, bronze, total`` (input order).

        Whole counts are ints, shared credit exact :class:`~fractions.Fraction`;
        :meth:`from_frame` reads it back (``total`` is ignored there). Needs the
        ``pandas`` extra.

        Examples
        --------
        >>> MedalTable({"A": (1, "1/2", 0)}).to_frame().values.tolist()
        [['A', 1, Fraction(1, 2), 0, Fraction(3, 2)]]
        """
        from sportsgov._common.frames import pandas

        pd = pandas("MedalTable.to_frame")
        return pd.DataFrame(
            [[u, *m.as_tuple(), m.total] for u, m in self.entries.items()],
            columns=[*_FIELDS, "total"],
        )

    @classmethod
    def _from_rows(
        cls, rows: list[tuple[int, dict[str, str]]], where: str, *, name: str, source: str
    ) -> MedalTable:
        from sportsgov.errors import DataError

        out: dict[str, Medals] = {}
        for n, row in rows:
            if not row["unit"]:
                raise DataError("unit='': must not be empty", source=where, row=n,
                                field="unit")  # fmt: skip
            counts = []
            for col in _FIELDS[1:]:
                try:
                    counts.append(_medal_count(row[col] or 0, col))
                except InvalidInputError as exc:
                    raise DataError(str(exc), source=where, row=n, field=col) from None
            m = Medals(*counts)
            out[row["unit"]] = out[row["unit"]] + m if row["unit"] in out else m
        return cls(out, name=name, source=source)

    @classmethod
    def from_places(
        cls,
        results: Iterable[tuple[str, int]],
        *,
        name: str = "",
        source: str = "",
    ) -> MedalTable:
        """Count medals from ``(unit, place)`` pairs (places 1, 2, 3 are medals).

        Examples
        --------
        >>> MedalTable.from_places([("A", 1), ("A", 3), ("B", 2), ("B", 5)]).medals("A").as_tuple()
        (1, 0, 1)
        """
        counts: dict[str, list[int]] = {}
        for unit, place in results:
            if isinstance(place, bool) or not isinstance(place, int) or place <= 0:
                raise InvalidInputError.bad("place", place, "must be an int >= 1")
            row = counts.setdefault(str(unit), [0, 0, 0])
            if place <= 3:
                row[place - 1] += 1
        return cls({u: Medals(*c) for u, c in counts.items()}, name=name, source=source)

    @property
    def units(self) -> tuple[str, ...]:
        """Units in input order."""
        return tuple(self.entries)

    @property
    def totals(self) -> Medals:
        """All medals of the table summed."""
        out = Medals()
        for m in self.entries.values():
            out = out + m
        return out

    def medals(self, unit: str) -> Medals:
        """Medals of one unit; unknown units raise :class:`NotFoundError`."""
        try:
            return self.entries[unit]
        except KeyError:
            raise NotFoundError.bad("unit", unit, "not in this medal table") from None

    @staticmethod
    def sort_key(medals: Medals, order: Order = "gold") -> tuple[Fraction, ...]:
        """The key that sorts better units first (smaller is better).

        Examples
        --------
        >>> MedalTable.sort_key(Medals(1, 0, 0)) < MedalTable.sort_key(Medals(0, 5, 5))
        True
        """
        if order not in _ORDERS:
            raise InvalidInputError.bad("order", order, "expected one of 'gold', 'total'")
        key = (-medals.gold, -medals.silver, -medals.bronze)
        if order == "total":
            return (-(medals.gold + medals.silver + medals.bronze), *key)
        return key

    def ranking(self, order: Order = "gold") -> tuple[MedalRank, ...]:
        """Units best first with shared ranks (standard competition ranking, "1224").

        Examples
        --------
        >>> t = MedalTable({"A": (1, 0, 0), "B": (0, 3, 0), "C": (0, 3, 0), "D": (0, 0, 1)})
        >>> [r.rank for r in t.ranking()]
        [1, 2, 2, 4]
        """
        keyed = sorted(
            ((self.sort_key(m, order), u, m) for u, m in self.entries.items()),
            key=lambda row: (row[0], row[1]),
        )
        out: list[MedalRank] = []
        for pos, (key, unit, medals) in enumerate(keyed, start=1):
            rank = out[-1].rank if out and self.sort_key(out[-1].medals, order) == key else pos
            out.append(MedalRank(rank, unit, medals))
        return tuple(out)

    def rank_of(self, unit: str, order: Order = "gold") -> int:
        """The shared rank of ``unit``.

        Examples
        --------
        >>> MedalTable({"A": (0, 1, 0), "B": (1, 0, 0)}).rank_of("A")
        2
        """
        self.medals(unit)
        return next(r.rank for r in self.ranking(order) if r.unit == unit)

    def delta(self, previous: MedalTable) -> tuple[MedalDelta, ...]:
        """Change per unit from ``previous`` to this edition (units of either table).

        Examples
        --------
        >>> new = MedalTable({"A": (3, 2, 2)})
        >>> old = MedalTable({"A": (1, 2, 4), "B": (1, 0, 0)})
        >>> [(d.unit, d.gold, d.total, d.rank_before, d.rank_after) for d in new.delta(old)]
        [('A', 2, 0, 1, 1), ('B', -1, -1, 2, None)]
        """
        if not isinstance(previous, MedalTable):
            raise InvalidInputError.bad("previous", previous, "expected a MedalTable")
        before = {r.unit: r.rank for r in previous.ranking()}
        after = {r.unit: r.rank for r in self.ranking()}
        units = list(self.entries) + [u for u in previous.entries if u not in self.entries]
        out = []
        zero = Medals()
        for unit in units:
            now = self.entries.get(unit, zero)
            then = previous.entries.get(unit, zero)
            out.append(
                MedalDelta(
                    unit,
                    _plain(now.gold - then.gold),
                    _plain(now.silver - then.silver),
                    _plain(now.bronze - then.bronze),
                    _plain(Fraction(now.total) - Fraction(then.total)),
                    before.get(unit),
                    after.get(unit),
                )
            )
        return tuple(out)
