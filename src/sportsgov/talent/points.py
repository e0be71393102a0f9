"""Games points (团体总分) with shared credit, extra-credit rules and 输送 delivery credit.

Multi-sport games (省运会, 全运会, 学青会 …) rank delegations by medals and by
points per place. The rules differ per games, so everything is a parameter:

* points per place (9-7-6-5-4-3-2-1 for places 1–8 is common but not universal;
  practice figures reported in secondary sources, not a published standard), or
  a table read from a CSV/JSON/TOML file;
* a multiplier per event kind (``"individual"``, ``"relay"``, ``"team"``) for
  games that score relays or team events more (default 1 for all);
* shared credit (双计分): an athlete credited to two units, e.g. 0.5/0.5
  (rules of the 12th National Games, 第十二届全国运动会, 2013, as reported in
  secondary sources); shares must sum to exactly 1 per result;
* :class:`ExtraCredit` rules: e.g. the 2013 National Games counted an Olympic
  gold as two Games golds (same rules), so a result with
  ``level="olympic"`` and place 1 counts with factor 2 in medals and points;
* delivery credit (输送): the unit that originally trained an athlete
  (``trained_by``) gets ``delivery_share`` × the credit in a *separate* tally,
  as when Jiaozuo honoured the grassroots units that delivered its 4 Asian
  Games medallists (3 gold, 2 silver, 2 bronze; 2024年全市体育工作暨党风廉政建设工作会议精神解读,
  焦作日报, 2024-03).

All arithmetic is exact (:class:`~fractions.Fraction`), so shared credits sum
exactly and totals reconcile line by line (:attr:`GamesScore.lines`).

Examples
--------
>>> from sportsgov.talent import GamesPoints, GamesResult
>>> rules = GamesPoints([9, 7, 6, 5, 4, 3, 2, 1])
>>> score = rules.score([
...     GamesResult("100m", 1, "A"),
...     GamesResult("400m", 2, {"A": "0.5", "B": "0.5"}),
...     GamesResult("4x100m relay", 3, "B", kind="relay"),
... ])
>>> score.points
{'A': Fraction(25, 2), 'B': Fraction(19, 2)}
>>> [(r.rank, r.unit) for r in score.ranking()]
[(1, 'A'), (2, 'B')]
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, TypeAlias

from attrs import field, frozen

from sportsgov._common.csvfiles import read_failure, read_rows
from sportsgov._exact import fmt, to_fraction
from sportsgov.errors import DataError, InvalidInputError, NotFoundError
from sportsgov.talent.medals import Medals, MedalTable

__all__ = [
    "CreditLine",
    "ExtraCredit",
    "GamesPoints",
    "GamesResult",
    "GamesScore",
    "PointsRank",
]

Kind: TypeAlias = Literal["individual", "relay", "team"]
_KINDS = ("individual", "relay", "team")
Applies: TypeAlias = Literal["both", "medals", "points"]
_APPLIES = ("both", "medals", "points")


def _shares(value: object, argument: str) -> dict[str, Fraction]:
    """``"A"`` -> ``{"A": 1}``; mapping -> exact shares, each > 0, summing to 1."""
    if isinstance(value, str):
        if not value:
            raise InvalidInputError.bad(argument, value, "unit must be a non-empty string")
        return {value: Fraction(1)}
    if not isinstance(value, Mapping) or not value:
        raise InvalidInputError.bad(argument, value, "expected a unit or {unit: share}")
    out: dict[str, Fraction] = {}
    for unit, share in value.items():
        frac = to_fraction(share, f"{argument}[{unit!r}]", floats="shortest")
        if frac <= 0:
            raise InvalidInputError.bad(
                f"{argument}[{unit!r}]", share, "must be > 0", shown=fmt(frac)
            )
        out[str(unit)] = frac
    total = sum(out.values(), Fraction(0))
    if total != 1:
        raise InvalidInputError.bad(
            argument, dict(value), f"shares sum to {fmt(total)}; must sum to exactly 1"
        )
    return out


def _credited(value: object) -> dict[str, Fraction]:
    return _shares(value, "units")


def _trained(value: object) -> dict[str, Fraction] | None:
    return None if value is None else _shares(value, "trained_by")


def _place(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInputError.bad("place", value, "must be an int >= 1")


def _kind(instance: object, attribute: Any, value: object) -> None:
    if value not in _KINDS:
        raise InvalidInputError.bad("kind", value, "expected one of 'individual', 'relay', 'team'")


@frozen
class GamesResult:
    """One placing at a games.

    Parameters
    ----------
    event : str
        Event name (``"women's 100 m"``).
    place : int
        Final place, >= 1.
    units : str or mapping
        The credited unit, or ``{unit: share}`` with exact shares summing to 1
        (双计分, e.g. ``{"A": "0.5", "B": "0.5"}``).
    kind : {"individual", "relay", "team"}
        Event kind (selects the multiplier). A relay or team result is one
        result: its medal counts once, shared among ``units``.
    level : str
        ``"games"`` for results at this games; another label (``"olympic"``,
        ``"national"``) for results counted into it under an :class:`ExtraCredit` rule.
    trained_by : str or mapping, optional
        The unit(s) that originally trained the athlete (输送单位), shares summing to 1.
    athlete : str
        Name, for the audit lines.

    Examples
    --------
    >>> GamesResult("100m", 0, "A")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: place=0: must be an int >= 1
    >>> GamesResult("100m", 1, {"A": "0.5", "B": "0.4"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: units=...: shares sum to 0.9; must sum to exactly 1
    """

    event: str
    place: int = field(validator=_place)
    units: dict[str, Fraction] = field(converter=_credited)
    kind: str = field(default="individual", validator=_kind, kw_only=True)
    level: str = field(default="games", kw_only=True)
    trained_by: dict[str, Fraction] | None = field(default=None, converter=_trained, kw_only=True)
    athlete: str = field(default="", kw_only=True)


def _factor_value(value: object) -> Fraction:
    return to_fraction(value, "factor", floats="shortest")


@frozen
class ExtraCredit:
    """Count some results extra, e.g. an Olympic gold as two Games golds.

    Parameters
    ----------
    level : str
        Results with this ``GamesResult.level`` are affected (``"olympic"``).
    factor : number
        Multiplier (2 = counted twice). Exact.
    places : tuple of int
        Places affected (default: 1, gold only).
    applies_to : {"both", "medals", "points"}
        What the factor multiplies.
    source : str
        Citation of the rule.

    Examples
    --------
    >>> OLYMPIC_GOLD_DOUBLE = ExtraCredit("olympic", 2, source="2013 National Games rules")
    >>> OLYMPIC_GOLD_DOUBLE.factor
    Fraction(2, 1)
    """

    level: str
    factor: Fraction = field(converter=_factor_value)
    places: tuple[int, ...] = field(default=(1,), converter=tuple, kw_only=True)
    applies_to: str = field(default="both", kw_only=True)
    source: str = field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.factor < 0:
            raise InvalidInputError.bad(
                "factor", self.factor, "must be >= 0", shown=fmt(self.factor)
            )
        for p in self.places:
            _place(self, None, p)
        if self.applies_to not in _APPLIES:
            raise InvalidInputError.bad(
                "applies_to", self.applies_to, "expected one of 'both', 'medals', 'points'"
            )


def _points_table(value: object) -> tuple[Fraction, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidInputError.bad("points", value, "expected points for places 1, 2, 3, ...")
    out = []
    for i, p in enumerate(value, start=1):
        frac = to_fraction(p, f"points[place {i}]", floats="shortest")
        if frac < 0:
            raise InvalidInputError.bad(f"points[place {i}]", p, "must be >= 0", shown=fmt(frac))
        out.append(frac)
    if not out:
        raise InvalidInputError.bad("points", [], "must give points for at least place 1")
    return tuple(out)


def _multipliers(value: Mapping[str, object] | None) -> dict[str, Fraction]:
    out = dict.fromkeys(_KINDS, Fraction(1))
    for kind, m in (value or {}).items():
        if kind not in _KINDS:
            raise InvalidInputError.bad(
                "multipliers", kind, "keys must be 'individual', 'relay', 'team'"
            )
        frac = to_fraction(m, f"multipliers[{kind!r}]", floats="shortest")
        if frac < 0:
            raise InvalidInputError.bad(
                f"multipliers[{kind!r}]", m, "must be >= 0", shown=fmt(frac)
            )
        out[kind] = frac
    return out


def _share_value(value: object) -> Fraction:
    frac = to_fraction(value, "delivery_share", floats="shortest")
    if frac < 0:
        raise InvalidInputError.bad("delivery_share", value, "must be >= 0", shown=fmt(frac))
    return frac


@frozen
class CreditLine:
    """One credit posted by :meth:`GamesPoints.score` (the audit trail).

    Attributes
    ----------
    result : int
        Index of the result in the input.
    event : str
    unit : str
    tally : str
        ``"representing"`` (the games tally) or ``"delivery"`` (输送 credit).
    share : Fraction
        The unit's share of the result.
    factor : Fraction
        Extra-credit factor applied to the points (1 if none).
    points : Fraction
    medals : Medals

    Examples
    --------
    >>> line = GamesPoints([9]).score([GamesResult("a", 1, {"X": "1/2", "Y": "1/2"})]).lines[0]
    >>> line.unit, line.share, line.points
    ('X', Fraction(1, 2), Fraction(9, 2))
    """

    result: int
    event: str
    unit: str
    tally: str
    share: Fraction
    factor: Fraction
    points: Fraction
    medals: Medals


@frozen
class PointsRank:
    """One row of a points ranking: shared ``rank`` (1224), ``unit``, ``points``.

    Examples
    --------
    >>> GamesPoints([9]).score([GamesResult("a", 1, "X")]).ranking()[0]
    PointsRank(rank=1, unit='X', points=Fraction(9, 1))
    """

    rank: int
    unit: str
    points: Fraction


@frozen
class GamesScore:
    """Result of :meth:`GamesPoints.score`.

    Attributes
    ----------
    points : dict
        ``{unit: points}`` of the games tally (exact).
    medals : MedalTable
        Medals of the games tally (shared medals as fractions).
    delivery_points : dict
        ``{unit: points}`` credited to the training units (输送), a separate tally.
    delivery_medals : MedalTable
    lines : tuple of CreditLine
        Every credit posted, so each figure can be explained.

    Examples
    --------
    >>> s = GamesPoints([9, 7]).score([GamesResult("a", 2, "X", trained_by="Club")])
    >>> s.points, s.medals.medals("X").as_tuple(), s.delivery_points
    ({'X': Fraction(7, 1)}, (0, 1, 0), {'Club': Fraction(7, 1)})
    """

    points: dict[str, Fraction]
    medals: MedalTable
    delivery_points: dict[str, Fraction]
    delivery_medals: MedalTable
    lines: tuple[CreditLine, ...]

    def ranking(self, *, with_delivery: bool = False) -> tuple[PointsRank, ...]:
        """Units by points, best first, ties shared (1224); ties listed by unit code.

        With ``with_delivery=True`` the delivery tally is added to the games tally.

        Examples
        --------
        >>> s = GamesPoints([9, 7]).score([GamesResult("a", 1, "X"), GamesResult("b", 1, "Y")])
        >>> [(r.rank, r.unit) for r in s.ranking()]
        [(1, 'X'), (1, 'Y')]
        """
        totals = dict(self.points)
        if with_delivery:
            for unit, p in self.delivery_points.items():
                totals[unit] = totals.get(unit, Fraction(0)) + p
        ordered = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        out: list[PointsRank] = []
        for pos, (unit, pts) in enumerate(ordered, start=1):
            rank = out[-1].rank if out and out[-1].points == pts else pos
            out.append(PointsRank(rank, unit, pts))
        return tuple(out)


@frozen
class GamesPoints:
    """The scoring rules of a games: points per place, multipliers, extra credit, delivery.

    Parameters
    ----------
    points : sequence of numbers
        Points for places 1, 2, 3, … [points]; places beyond the table score 0.
    multipliers : mapping, optional
        ``{"individual"|"relay"|"team": factor}`` (default 1 each).
    extra : sequence of ExtraCredit
        Extra-credit rules (factors of all matching rules multiply).
    delivery_share : number
        Share of each result's credit given to the training units (输送) in the
        separate delivery tally (default 1 = full credit; 0 disables).
    name, source : str
        Games name and citation of the rules.

    Examples
    --------
    >>> rules = GamesPoints([9, 7, 6, 5, 4, 3, 2, 1], extra=[ExtraCredit("olympic", 2)])
    >>> rules.points_for(1), rules.points_for(9)
    (Fraction(9, 1), Fraction(0, 1))
    >>> s = rules.score([GamesResult("London 2012", 1, "A", level="olympic")])
    >>> s.medals.medals("A").gold, s.points["A"]
    (Fraction(2, 1), Fraction(18, 1))
    """

    points: tuple[Fraction, ...] = field(converter=_points_table)
    multipliers: dict[str, Fraction] = field(factory=dict, converter=_multipliers, kw_only=True)
    extra: tuple[ExtraCredit, ...] = field(default=(), converter=tuple, kw_only=True)
    delivery_share: Fraction = field(default=Fraction(1), converter=_share_value, kw_only=True)
    name: str = field(default="", kw_only=True)
    source: str = field(default="", kw_only=True)

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> GamesPoints:
        """Read points per place from a file and build the rules.

        * ``.csv`` with columns ``place,points`` (places 1..n, each once);
        * ``.json`` / ``.toml`` with ``points = [9, 7, ...]`` (other keys —
          ``multipliers``, ``delivery_share``, ``name``, ``source`` — are used too).

        Raises :class:`DataError` naming the file, row and field.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "pts.csv").write_text("place,points\\n1,9\\n2,7\\n3,6\\n")
        >>> GamesPoints.from_file(d / "pts.csv").points_for(3)
        Fraction(6, 1)
        """
        path = Path(path)
        if not path.exists():
            raise NotFoundError.bad("path", str(path), "no such file")
        suffix = path.suffix.lower()
        if suffix == ".csv":
            table: dict[int, object] = {}
            source = str(path)
            for row_no, row in read_rows(path, ("place", "points"), source=source):
                try:
                    place = int(row["place"])
                except (TypeError, ValueError):
                    raise DataError(
                        f"place={row['place']!r}: expected an int >= 1",
                        source=str(path),
                        row=row_no,
                        field="place",
                    ) from None
                if place <= 0 or place in table:
                    raise DataError(
                        f"place={place}: must be >= 1 and appear once",
                        source=str(path),
                        row=row_no,
                        field="place",
                    )
                table[place] = row["points"]
            missing = [p for p in range(1, len(table) + 1) if p not in table]
            if missing:
                raise DataError(f"places {missing} missing: give places 1..n", source=str(path))
            values: list[object] = [table[p] for p in range(1, len(table) + 1)]
            data: dict[str, Any] = {}
        elif suffix in (".json", ".toml"):
            try:
                if suffix == ".json":
                    data = json.loads(path.read_text(encoding="utf-8"))
                else:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
                raise DataError(f"cannot parse: {exc}", source=str(path)) from None
            except RecursionError:
                raise DataError("cannot parse: nested too deeply", source=str(path)) from None
            except OSError as exc:  # a directory, permissions
                raise read_failure(exc, source=str(path)) from None
            if not isinstance(data, dict) or "points" not in data:
                raise DataError("expected a key 'points'", source=str(path), field="points")
            values = list(data.pop("points"))
        else:
            raise InvalidInputError.bad("path", str(path), "expected a .csv, .json or .toml file")
        try:
            return cls(values, **{**data, **kwargs})
        except InvalidInputError as exc:
            raise DataError(str(exc), source=str(path), field="points") from None

    def points_for(self, place: int, kind: Kind = "individual") -> Fraction:
        """Points for ``place`` in an event of ``kind`` (0 beyond the table).

        Examples
        --------
        >>> GamesPoints([9, 7], multipliers={"relay": 2}).points_for(2, "relay")
        Fraction(14, 1)
        """
        _place(self, None, place)
        _kind(self, None, kind)
        base = self.points[place - 1] if place <= len(self.points) else Fraction(0)
        return base * self.multipliers[kind]

    def _factor(self, result: GamesResult, what: str) -> Fraction:
        f = Fraction(1)
        for rule in self.extra:
            if (
                rule.level == result.level
                and result.place in rule.places
                and (rule.applies_to in ("both", what))
            ):
                f *= rule.factor
        return f

    def score(self, results: Iterable[GamesResult]) -> GamesScore:
        """Tally points and medals per unit, plus the delivery (输送) tally.

        Examples
        --------
        >>> rules = GamesPoints([9, 7, 6, 5, 4, 3, 2, 1])
        >>> s = rules.score([GamesResult("karate", 1, "Jiaozuo", trained_by="Xiuwu County")])
        >>> s.delivery_points, s.delivery_medals.medals("Xiuwu County").as_tuple()
        ({'Xiuwu County': Fraction(9, 1)}, (1, 0, 0))
        """
        points: dict[str, Fraction] = {}
        medals: dict[str, Medals] = {}
        d_points: dict[str, Fraction] = {}
        d_medals: dict[str, Medals] = {}
        lines: list[CreditLine] = []
        for idx, res in enumerate(results):
            if not isinstance(res, GamesResult):
                raise InvalidInputError.bad(f"results[{idx}]", res, "expected a GamesResult")
            fp = self._factor(res, "points")
            fm = self._factor(res, "medals")
            base = self.points_for(res.place, res.kind) * fp  # type: ignore[arg-type]
            medal = [Fraction(0)] * 3
            if res.place <= 3:
                medal[res.place - 1] = fm
            tallies: list[tuple[str, Mapping[str, Fraction], Fraction]] = [
                ("representing", res.units, Fraction(1))
            ]
            if res.trained_by is not None and self.delivery_share:
                tallies.append(("delivery", res.trained_by, self.delivery_share))
            for tally, shares, scale in tallies:
                pts_map = points if tally == "representing" else d_points
                med_map = medals if tally == "representing" else d_medals
                for unit, share in shares.items():
                    w = share * scale
                    pts = base * w
                    m = Medals(*(x * w for x in medal))
                    pts_map[unit] = pts_map.get(unit, Fraction(0)) + pts
                    med_map[unit] = med_map[unit] + m if unit in med_map else m
                    lines.append(CreditLine(idx, res.event, unit, tally, w, fp, pts, m))
        return GamesScore(
            points=points,
            medals=MedalTable(medals, name=self.name, source=self.source),
            delivery_points=d_points,
            delivery_medals=MedalTable(d_medals, name=f"{self.name} (delivery)".strip()),
            lines=tuple(lines),
        )

    def rule_summary(self) -> Sequence[str]:
        """Human-readable lines describing the rules (for reports).

        Examples
        --------
        >>> GamesPoints([9, 7, 6]).rule_summary()[0]
        'points per place: 9-7-6'
        """
        out = ["points per place: " + "-".join(fmt(p) for p in self.points)]
        for kind, m in self.multipliers.items():
            if m != 1:
                out.append(f"{kind} events × {fmt(m)}")
        out.extend(
            f"level {rule.level!r} places {list(rule.places)}: × {fmt(rule.factor)} "
            f"({rule.applies_to})"
            for rule in self.extra
        )
        out.append(f"delivery (输送) share: {fmt(self.delivery_share)}")
        return out
