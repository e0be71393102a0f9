"""What-if scenarios: typed changes to a city, re-evaluated, and the difference.

A :class:`Scenario` is plain data — a base city (a :class:`~sportsgov.citydata.CityData`
or the path of its data directory) and a list of typed changes:

* :class:`AddFacility` — a new facility (kind, region, area [m²], optional location
  and cost);
* :class:`AddArea` — venue area added to a region without a location [m²];
* :class:`CloseFacilities` — facilities (by id) closed on a date;
* :class:`Spend` — money spent on a budget line;
* :class:`ChangePopulation` — a projection (``"linear"``/``"geometric"``) and/or
  given year-end figures;
* :class:`AddEvents` — events added to an event target (e.g. ``mass-events``).

:meth:`Scenario.evaluate` recomputes the per-capita area and pitches, the
fitness-circle coverage per district, every assessment status and the district
scores and ranks; :func:`diff` lists what changed between two results: targets that
flip status, ranks that move, coverage gained per district, money spent.
Scenarios round-trip through JSON and TOML (:meth:`Scenario.to_data`,
:meth:`Scenario.from_data`, :meth:`Scenario.to_toml`, :meth:`Scenario.from_toml`).

Examples
--------
>>> sc = Scenario("sample", changes=[AddArea("990102", 20000, cost="300万元"),
...                                  Spend("B01", "200万元")], name="more area")
>>> Scenario.from_data(sc.to_data()) == sc
True
>>> sc.to_data()["changes"][0]  # doctest: +ELLIPSIS
{'type': 'add_area', 'region': '990102', 'area': '20000', 'facility_kind': 'multi_purpose', ...}
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

import numpy as np
from attrs import field, fields, frozen

from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import as_date

if TYPE_CHECKING:
    from sportsgov.citydata import CityData

__all__ = [
    "AddArea",
    "AddEvents",
    "AddFacility",
    "Change",
    "ChangePopulation",
    "CloseFacilities",
    "Scenario",
    "ScenarioDiff",
    "ScenarioResult",
    "Spend",
    "StatusFlip",
    "diff",
    "evaluate_city",
]


# ----------------------------------------------------------------- converters


def _dec(value: Any, argument: str = "area") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise InvalidInputError.bad(argument, value, "expected an int, Decimal or decimal string")
    try:
        d = Decimal(value)
    except ArithmeticError:
        raise InvalidInputError.bad(argument, value, "expected a decimal number") from None
    if not d.is_finite() or d < 0:
        raise InvalidInputError.bad(argument, value, "must be a finite number >= 0")
    return d


def _area(value: Any) -> Decimal:
    return _dec(value, "area")


def _opt_money(value: Any) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value)
    raise InvalidInputError.bad("cost", value, "expected Money or a string such as '120万元'")


def _money(value: Any) -> Money:
    m = _opt_money(value)
    if m is None:
        raise InvalidInputError.bad("amount", None, "expected Money or a string such as '120万元'")
    return m


def _opt_date(value: Any) -> dt.date | None:
    return None if value is None else as_date(value, argument="on")


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _strs(value: Iterable[Any]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError.bad("count", value, "expected a whole number")
    return value


def _figures(value: Any) -> tuple[tuple[str, int, int], ...]:
    out = []
    items = value.items() if isinstance(value, Mapping) else value
    for item in items:
        item = cast(Any, item)
        try:
            if isinstance(item, Mapping):
                row = (item["region"], item["year"], item["population"])
            elif len(item) == 2:  # ((region, year), population) from a mapping
                row = (item[0][0], item[0][1], item[1])
            else:
                row = (item[0], item[1], item[2])
            out.append((str(row[0]), int(row[1]), int(row[2])))
        except (KeyError, IndexError, TypeError, ValueError):
            raise InvalidInputError.bad(
                "figures",
                item,
                "expected (region, year, population) or {region, year, population}",
            ) from None
    return tuple(out)


# --------------------------------------------------------------------- changes


@frozen
class AddFacility:
    """A new facility [area m², location in WGS-84 or ``datum``, cost Money].

    Examples
    --------
    >>> AddFacility("N1", "fitness_path", "990102001", 300, lon=113.6, lat=34.77).area
    Decimal('300')
    """

    type: ClassVar[str] = "add_facility"
    id: str
    kind: str
    region: str
    area: Decimal = field(converter=_area)
    lon: float | None = field(default=None, converter=_opt_float)
    lat: float | None = field(default=None, converter=_opt_float)
    datum: str = "wgs84"
    opened: dt.date | None = field(default=None, converter=_opt_date)
    cost: Money | None = field(default=None, converter=_opt_money)


@frozen
class AddArea:
    """Venue area added to a region without a location [m²] (counts in per-capita area).

    Examples
    --------
    >>> AddArea("990102", "1.5万").area
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: area='1.5万': expected a decimal number
    """

    type: ClassVar[str] = "add_area"
    region: str
    area: Decimal = field(converter=_area)
    facility_kind: str = "multi_purpose"
    cost: Money | None = field(default=None, converter=_opt_money)


@frozen
class CloseFacilities:
    """Facilities closed on ``on`` (default: the evaluation date).

    Examples
    --------
    >>> CloseFacilities(["F000001", "F000002"]).ids
    ('F000001', 'F000002')
    """

    type: ClassVar[str] = "close_facilities"
    ids: tuple[str, ...] = field(converter=_strs)
    on: dt.date | None = field(default=None, converter=_opt_date)


@frozen
class Spend:
    """Money spent on a budget line (``line`` of ``budget_lines.csv``) [Money].

    Examples
    --------
    >>> Spend("B01", "200万元").amount
    Money('2000000.00')
    """

    type: ClassVar[str] = "spend"
    line: str
    amount: Money = field(converter=_money)


@frozen
class ChangePopulation:
    """A population projection and/or given year-end figures [persons].

    ``method`` projects the table to ``to_year`` (default: the population year of the
    evaluation date) with :meth:`~sportsgov.regions.PopulationTable.project`; then
    ``figures`` (``(region, year, population)``) replace or add own figures.

    Examples
    --------
    >>> ChangePopulation(figures={("990102001", 2023): 240000}).figures
    (('990102001', 2023, 240000),)
    """

    type: ClassVar[str] = "change_population"
    method: Literal["linear", "geometric"] | None = None
    to_year: int | None = None
    figures: tuple[tuple[str, int, int], ...] = field(default=(), converter=_figures)


@frozen
class AddEvents:
    """Events added to a target (id or indicator) in a region [count].

    Examples
    --------
    >>> AddEvents("mass-events", "990100", 40).count
    40
    """

    type: ClassVar[str] = "add_events"
    target: str
    region: str
    count: int = field(converter=_count)


Change = AddFacility | AddArea | CloseFacilities | Spend | ChangePopulation | AddEvents
_TYPES: dict[str, type[Any]] = {
    c.type: c for c in (AddFacility, AddArea, CloseFacilities, Spend, ChangePopulation, AddEvents)
}


def _plain(value: Any) -> Any:
    if isinstance(value, Money):
        return f"{value.to_decimal()}元"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _change_to_data(change: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"type": change.type}
    for f in fields(type(change)):
        v = getattr(change, f.name)
        if v is None:
            continue  # TOML has no null: absent means default
        if f.name == "figures":
            v = [{"region": r, "year": y, "population": p} for r, y, p in v]
        data[f.name] = _plain(v)
    return data


def _change_from_data(data: Any, i: int) -> Any:
    if not isinstance(data, Mapping) or data.get("type") not in _TYPES:
        raise DataError(
            f"changes[{i}].type={data.get('type') if isinstance(data, Mapping) else data!r}: "
            "expected one of " + ", ".join(repr(k) for k in _TYPES),
            field="type",
        )
    cls = _TYPES[data["type"]]
    kwargs = {k: v for k, v in data.items() if k != "type"}
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise DataError(f"changes[{i}] ({data['type']}): {exc}", field="changes") from None


def _changes(value: Iterable[Any]) -> tuple[Any, ...]:
    out = tuple(value)
    for i, c in enumerate(out):
        if type(c) not in _TYPES.values():
            raise InvalidInputError.bad(
                f"changes[{i}]",
                c,
                "expected AddFacility, AddArea, CloseFacilities, Spend, ChangePopulation "
                "or AddEvents",
            )
    return out


def _base(value: Any) -> Any:
    from sportsgov.citydata import CityData

    if isinstance(value, CityData | str):
        return value
    if isinstance(value, Path):
        return str(value)
    raise InvalidInputError.bad("base", value, "expected a CityData, a directory path or 'sample'")


# --------------------------------------------------------------------- results


def _pairs(value: Mapping[Any, Any]) -> dict[Any, Any]:
    return dict(value)


@frozen
class ScenarioResult:
    """What :meth:`Scenario.evaluate` computed (every mapping keyed by region code).

    Attributes
    ----------
    as_of, plan
        Evaluation date and plan name.
    per_capita
        Venue area per resident [m²/person] (city and districts).
    area
        Counted venue area [m²].
    population
        Year-end population used [persons].
    coverage
        Fitness-circle coverage share per district (and the city) [0–1].
    covered_population
        Population within a circle [persons].
    statuses
        ``{(target id, region): status}``.
    scores, ranks
        District totals and competition ranks under the city's scheme.
    budget
        ``{line: (budget, spent)}`` [Money].
    money
        Money the scenario's changes spend (Spend plus the costs of new facilities
        and area) [Money].
    assessment
        The :class:`~sportsgov.assessment.Assessment` behind ``statuses`` (for
        :func:`~sportsgov.planning.gaps`); not part of equality or ``to_data``.
    population_table
        The population used (after any :class:`ChangePopulation`).
    """

    as_of: dt.date
    plan: str
    per_capita: Mapping[str, float] = field(converter=_pairs)
    area: Mapping[str, float] = field(converter=_pairs)
    population: Mapping[str, int] = field(converter=_pairs)
    coverage: Mapping[str, float] = field(converter=_pairs)
    covered_population: Mapping[str, float] = field(converter=_pairs)
    statuses: Mapping[tuple[str, str], str] = field(converter=_pairs)
    scores: Mapping[str, Decimal] = field(converter=_pairs)
    ranks: Mapping[str, int] = field(converter=_pairs)
    budget: Mapping[str, tuple[Money, Money]] = field(converter=_pairs)
    money: Money
    assessment: Any = field(default=None, eq=False, repr=False)
    population_table: Any = field(default=None, eq=False, repr=False)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        return {
            "as_of": self.as_of.isoformat(),
            "plan": self.plan,
            "per_capita": dict(self.per_capita),
            "area": dict(self.area),
            "population": dict(self.population),
            "coverage": dict(self.coverage),
            "covered_population": dict(self.covered_population),
            "statuses": [
                {"target": t, "region": r, "status": s} for (t, r), s in self.statuses.items()
            ],
            "scores": {k: str(v) for k, v in self.scores.items()},
            "ranks": dict(self.ranks),
            "budget": {
                k: {"budget": str(b), "spent": str(s)} for k, (b, s) in self.budget.items()
            },
            "money": str(self.money),
        }


@frozen
class StatusFlip:
    """A target whose status changed in a region."""

    target: str
    region: str
    before: str
    after: str


@frozen
class ScenarioDiff:
    """What changed from one :class:`ScenarioResult` to another (:func:`diff`).

    Attributes
    ----------
    flips
        Targets that changed status, per region.
    rank_moves
        ``{region: (rank before, rank after)}`` for ranks that moved.
    score_changes
        ``{region: after - before}`` for totals that changed.
    coverage_gained
        ``{region: (share gained, population gained [persons])}`` where coverage changed.
    per_capita_change
        ``{region: after - before}`` [m²/person] where it changed.
    money_spent
        Money the second scenario spends beyond the first [Money].
    """

    flips: tuple[StatusFlip, ...]
    rank_moves: Mapping[str, tuple[int, int]] = field(converter=_pairs)
    score_changes: Mapping[str, Decimal] = field(converter=_pairs)
    coverage_gained: Mapping[str, tuple[float, float]] = field(converter=_pairs)
    per_capita_change: Mapping[str, float] = field(converter=_pairs)
    money_spent: Money

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data."""
        return {
            "flips": [
                {"target": f.target, "region": f.region, "before": f.before, "after": f.after}
                for f in self.flips
            ],
            "rank_moves": {k: list(v) for k, v in self.rank_moves.items()},
            "score_changes": {k: str(v) for k, v in self.score_changes.items()},
            "coverage_gained": {
                k: {"share": s, "population": p} for k, (s, p) in self.coverage_gained.items()
            },
            "per_capita_change": dict(self.per_capita_change),
            "money_spent": str(self.money_spent),
        }


def diff(base: ScenarioResult, other: ScenarioResult) -> ScenarioDiff:
    """What changed from ``base`` to ``other``.

    Examples
    --------
    >>> r = ScenarioResult(dt.date(2024, 9, 30), "p", {}, {}, {}, {"A": 0.5}, {"A": 50.0},
    ...                    {("t", "A"): "behind"}, {}, {}, {}, Money(0))
    >>> r2 = ScenarioResult(dt.date(2024, 9, 30), "p", {}, {}, {}, {"A": 0.75}, {"A": 75.0},
    ...                     {("t", "A"): "on_track"}, {}, {}, {}, Money.yuan(10))
    >>> d = diff(r, r2)
    >>> d.flips[0].after, d.coverage_gained["A"], d.money_spent
    ('on_track', (0.25, 25.0), Money('10.00'))
    """
    flips = tuple(
        StatusFlip(t, r, s, other.statuses[(t, r)])
        for (t, r), s in base.statuses.items()
        if (t, r) in other.statuses and other.statuses[(t, r)] != s
    )
    moves = {k: (v, other.ranks[k]) for k, v in base.ranks.items() if other.ranks.get(k, v) != v}
    scores = {
        k: other.scores[k] - v
        for k, v in base.scores.items()
        if k in other.scores and other.scores[k] != v
    }
    cov = {
        k: (other.coverage[k] - v, other.covered_population[k] - base.covered_population[k])
        for k, v in base.coverage.items()
        if k in other.coverage and other.covered_population[k] != base.covered_population[k]
    }
    pc = {
        k: other.per_capita[k] - v
        for k, v in base.per_capita.items()
        if k in other.per_capita and other.per_capita[k] != v
    }
    return ScenarioDiff(flips, moves, scores, cov, pc, other.money - base.money)


# ------------------------------------------------------------------ evaluation


class _BaseCache:
    """The expensive, change-independent parts of a base city, computed once."""

    def __init__(self, city: CityData) -> None:
        from sportsgov.coverage import convert

        self.city = city
        root = city.root_code
        self.root = root
        self.districts = [r.code for r in city.regions.children(root)]
        self.district_of: dict[str, str] = {}
        for d in self.districts:
            for r in city.regions.descendants(d, include_self=True):
                self.district_of[r.code] = d
        self.settlement = {d: city.regions.get(d).settlement for d in self.districts}
        inv = city.facilities
        self.ids = np.asarray(inv.ids).astype(str)
        self.index = {k: i for i, k in enumerate(self.ids.tolist())}
        self.lon = self.lat = None
        if inv.lon is not None and inv.lat is not None and inv.datum is not None:
            from sportsgov.coverage.geo import DATUMS

            lon = np.array(inv.lon, dtype=np.float64)
            lat = np.array(inv.lat, dtype=np.float64)
            for code in np.unique(inv.datum):
                if code >= 0 and DATUMS[int(code)] != "wgs84":
                    sel = inv.datum == code
                    lon[sel], lat[sel] = convert(
                        lon[sel], lat[sel], src=DATUMS[int(code)], dst="wgs84"
                    )
            self.lon, self.lat = lon, lat
        self.grid_by = None
        if city.grid is not None and city.grid_regions is not None:
            self.grid_by = np.array(
                [self.district_of.get(str(c), str(c)) for c in city.grid_regions]
            )
        self.events: list[Any] = []


_CACHE: dict[int, _BaseCache] = {}


def _cache_for(city: CityData) -> _BaseCache:
    got = _CACHE.get(id(city))
    if got is None or got.city is not city:
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        got = _CACHE[id(city)] = _BaseCache(city)
    return got


def _load_base(base: Any) -> CityData:
    from sportsgov.citydata import CityData, sample_city_path

    if isinstance(base, CityData):
        return base
    key = str(sample_city_path()) if base == "sample" else str(base)
    for entry in _CACHE.values():
        if str(entry.city.root) == key:
            return entry.city
    return CityData.load(key)


def evaluate_city(
    city: CityData,
    changes: Sequence[Any] = (),
    *,
    plan: Any = None,
    as_of: dt.date | str | None = None,
) -> ScenarioResult:
    """Evaluate a city with ``changes`` applied (the engine of :meth:`Scenario.evaluate`).

    Parameters
    ----------
    city
        The base :class:`~sportsgov.citydata.CityData`.
    changes
        Typed changes (see the module documentation).
    plan
        A plan name or :class:`~sportsgov.plans.Plan` (default: the city's).
    as_of
        Evaluation date (default: the city's).

    Returns
    -------
    ScenarioResult
    """
    from sportsgov import plans
    from sportsgov.assessment import (
        Observation,
        assess,
        observations_from_events,
        rank_competition,
        score,
    )
    from sportsgov.facilities import Inventory
    from sportsgov.indicators import per_capita_area, pitches_per_10k, population_year

    cache = _cache_for(city)
    plan_ref = plan if plan is not None else city.manifest.get("plan")
    if plan_ref is None:
        raise InvalidInputError.bad("plan", None, "name a plan or set plan in city.toml")
    plan_obj = plans.load(plan_ref) if isinstance(plan_ref, str) else plan_ref
    day = as_date(as_of, argument="as_of") if as_of is not None else city.as_of
    if day is None:
        raise InvalidInputError.bad("as_of", None, "give as_of or set it in city.toml")
    root, districts, tree = cache.root, cache.districts, city.regions
    codes = [root, *districts]

    # population ------------------------------------------------------------
    population = city.population
    for c in changes:
        if isinstance(c, ChangePopulation):
            if c.method is not None:
                population = population.project(c.to_year or population_year(day), method=c.method)
            if c.figures:
                figures = dict(population.figures)
                figures.update({(r, y): p for r, y, p in c.figures})
                population = type(city.population)(figures, tree=tree, source="scenario")

    # facilities: base indicators, minus closures, plus additions -------------
    inv = city.facilities
    area = per_capita_area(inv, population, region=codes, as_of=day, tree=tree)
    pitches = pitches_per_10k(inv, population, region=codes, as_of=day, tree=tree)
    num_area = [float(getattr(a.numerator, "magnitude", a.numerator)) for a in area]
    num_pitch = [float(getattr(p.numerator, "magnitude", p.numerator)) for p in pitches]
    denom = [int(getattr(a.denominator, "magnitude", a.denominator)) for a in area]
    closed_rows: list[int] = []
    for c in changes:
        if isinstance(c, CloseFacilities) and (c.on is None or c.on <= day):
            for fid in c.ids:
                if fid not in cache.index:
                    raise InvalidInputError.bad("ids", fid, "no facility with this id in the base")
                closed_rows.append(cache.index[fid])
    records: list[dict[str, Any]] = []
    sign: list[int] = []
    for i in dict.fromkeys(closed_rows):
        rec = inv[i].to_record()
        records.append(rec)
        sign.append(-1)
    for k, c in enumerate(changes):
        if isinstance(c, AddFacility):
            records.append(
                {
                    "id": c.id,
                    "kind": c.kind,
                    "region": c.region,
                    "area": float(c.area),
                    "opened": c.opened,
                }
            )
            sign.append(1)
        elif isinstance(c, AddArea):
            records.append(
                {
                    "id": f"scenario-area-{k}",
                    "kind": c.facility_kind,
                    "region": c.region,
                    "area": float(c.area),
                }
            )
            sign.append(1)
    for s in (1, -1):
        part = [r for r, g in zip(records, sign, strict=True) if g == s]
        if not part:
            continue
        delta = Inventory.from_records(part, kinds=inv.kinds)
        da = per_capita_area(delta, population, region=codes, as_of=day, tree=tree)
        dp = pitches_per_10k(delta, population, region=codes, as_of=day, tree=tree)
        for j in range(len(codes)):
            num_area[j] += s * float(getattr(da[j].numerator, "magnitude", da[j].numerator))
            num_pitch[j] += s * float(getattr(dp[j].numerator, "magnitude", dp[j].numerator))
    per_capita = {c: (a / d if d else 0.0) for c, a, d in zip(codes, num_area, denom, strict=True)}
    per_10k = {
        c: (p * 10000 / d if d else 0.0) for c, p, d in zip(codes, num_pitch, denom, strict=True)
    }

    # coverage --------------------------------------------------------------
    coverage: dict[str, float] = {}
    covered_pop: dict[str, float] = {}
    if city.grid is not None and cache.lon is not None and cache.grid_by is not None:
        from sportsgov.coverage import FITNESS_CIRCLES, Points, circle_coverage

        keep = inv.in_service(day) & np.isfinite(cache.lon)
        if closed_rows:
            keep[closed_rows] = False
        lon, lat = cache.lon[keep], cache.lat[keep]  # type: ignore[index]
        new = [c for c in changes if isinstance(c, AddFacility) and c.lon is not None]
        new = [c for c in new if c.opened is None or c.opened <= day]
        if new:
            from sportsgov.coverage import convert

            nl = np.array([c.lon for c in new], dtype=np.float64)
            nt = np.array([c.lat for c in new], dtype=np.float64)
            for d in {c.datum for c in new} - {"wgs84"}:
                sel = np.array([c.datum == d for c in new])
                nl[sel], nt[sel] = convert(nl[sel], nt[sel], src=d, dst="wgs84")
            lon, lat = np.concatenate([lon, nl]), np.concatenate([lat, nt])
        res = circle_coverage(
            city.grid,
            Points(lon, lat, datum="wgs84"),
            radius=FITNESS_CIRCLES,
            by=cache.grid_by,
            regions=cache.settlement,
        )
        for code, rc in res.regions.items():
            coverage[code] = float(rc.share or 0.0)
            covered_pop[code] = float(rc.covered_population)
        coverage[root] = float(res.share)
        covered_pop[root] = float(res.covered_population)

    # assessment and scores ----------------------------------------------------
    known = {t.indicator for t in plan_obj.targets} | {t.id for t in plan_obj.targets}
    observations = [o for o in (city.observations or ()) if o.target in known]
    observed = {(o.target, o.region) for o in observations}
    computed = []
    for code in codes:
        computed.append(
            Observation(
                "per_capita_area",
                code,
                Decimal(str(round(per_capita[code], 4))),
                day,
                unit="m^2/person",
            )
        )
        computed.append(
            Observation("pitches_per_10k", code, Decimal(str(round(per_10k[code], 4))), day)
        )
    if city.events is not None:
        computed.extend(observations_from_events(city.events, as_of=day, city=root))
    obs = [
        *observations,
        *(o for o in computed if (o.target, o.region) not in observed and o.target in known),
    ]
    for c in changes:
        if isinstance(c, AddEvents):
            target = next((t for t in plan_obj.targets if c.target in (t.id, t.indicator)), None)
            if target is None:
                raise InvalidInputError.bad(
                    "target", c.target, f"not a target or indicator of plan {plan_obj.name!r}"
                )
            keys = {target.id, target.indicator}
            mine = [o for o in obs if o.target in keys and o.region == c.region and o.as_of <= day]
            if mine:
                last = max(mine, key=lambda o: o.as_of)
                obs.remove(last)
                obs.append(
                    Observation(
                        last.target, last.region, last.value + c.count, last.as_of, unit=last.unit
                    )
                )
            else:
                obs.append(Observation(target.id, c.region, c.count, day))
    assessment = assess(plan_obj, obs, as_of=day, regions=tree)
    statuses = {(r.target_id, r.region): r.status for r in assessment.rows}
    scores: dict[str, Decimal] = {}
    ranks: dict[str, int] = {}
    scheme = city.manifest.get("scheme")
    if scheme:
        card = score(assessment, scheme)
        scores = {r.region: r.total for r in card.regions}
        ranks = rank_competition(scores)

    # budget --------------------------------------------------------------------
    budget: dict[str, tuple[Money, Money]] = {}
    for line in city.budget_lines or ():
        budget[line.line] = (line.budget, line.spent)
    money = Money(0)
    for c in changes:
        if isinstance(c, Spend):
            if c.line not in budget:
                raise InvalidInputError.bad(
                    "line", c.line, "not a budget line (" + ", ".join(budget) + ")"
                )
            line_budget, line_spent = budget[c.line]
            budget[c.line] = (line_budget, line_spent + c.amount)
            money += c.amount
        elif isinstance(c, AddFacility | AddArea) and c.cost is not None:
            money += c.cost
    return ScenarioResult(
        as_of=day,
        plan=plan_obj.name,
        per_capita=per_capita,
        area=dict(zip(codes, num_area, strict=True)),
        population=dict(zip(codes, denom, strict=True)),
        coverage=coverage,
        covered_population=covered_pop,
        statuses=statuses,
        scores=scores,
        ranks=ranks,
        budget=budget,
        money=money,
        assessment=assessment,
        population_table=population,
    )


@frozen
class Scenario:
    """A base city and typed changes; plain data (JSON/TOML round trip).

    Attributes
    ----------
    base
        A :class:`~sportsgov.citydata.CityData`, a data directory path, or
        ``"sample"`` (the bundled sample city).
    changes
        Typed changes, applied in order.
    name
        Label.
    as_of, plan
        Evaluation date and plan (default: the city's ``city.toml``).
    """

    base: Any = field(converter=_base)
    changes: tuple[Any, ...] = field(default=(), converter=_changes)
    name: str = ""
    as_of: dt.date | None = field(default=None, converter=_opt_date)
    plan: str | None = None

    def evaluate(self) -> ScenarioResult:
        """Recompute indicators, coverage, statuses and scores with the changes applied."""
        city = _load_base(self.base)
        return evaluate_city(city, self.changes, plan=self.plan, as_of=self.as_of)

    def baseline(self) -> Scenario:
        """The same scenario without its changes (the base to :func:`diff` against)."""
        return Scenario(
            self.base, (), name=f"{self.name} (base)", as_of=self.as_of, plan=self.plan
        )

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML (``base`` as a path string, or ``"sample"``)."""
        from sportsgov.citydata import CityData, sample_city_path

        base = self.base
        if isinstance(base, CityData):
            base = "sample" if base.root.resolve() == sample_city_path() else str(base.root)
        data: dict[str, Any] = {"name": self.name, "base": base}
        if self.as_of is not None:
            data["as_of"] = self.as_of.isoformat()
        if self.plan is not None:
            data["plan"] = self.plan
        data["changes"] = [_change_to_data(c) for c in self.changes]
        return data

    @classmethod
    def from_data(cls, data: Any, *, base: Any = None) -> Scenario:
        """Inverse of :meth:`to_data`; ``base`` overrides the stored base."""
        if not isinstance(data, Mapping):
            raise DataError("scenario: expected a table with name, base and changes")
        changes = data.get("changes", [])
        if not isinstance(changes, list):
            raise DataError("changes: expected a list of tables", field="changes")
        return cls(
            base if base is not None else data.get("base", "sample"),
            [_change_from_data(c, i) for i, c in enumerate(changes)],
            name=str(data.get("name", "")),
            as_of=data.get("as_of"),
            plan=data.get("plan"),
        )

    def to_toml(self) -> str:
        """The scenario as TOML text (``[[changes]]`` tables)."""
        return _dump_toml(self.to_data())

    @classmethod
    def from_toml(cls, text: str, *, base: Any = None) -> Scenario:
        """Read a scenario from TOML text (:meth:`to_toml`)."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"scenario: not valid TOML: {exc}") from None
        return cls.from_data(data, base=base)


def _toml_value(v: Any) -> str:
    import json

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        # JSON escapes are valid TOML basic-string escapes; TOML also forbids DEL raw
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    raise InvalidInputError.bad("value", v, "cannot be written as TOML")


def _dump_toml(data: Mapping[str, Any]) -> str:
    import json

    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if k != "changes"]
    for change in data.get("changes", []):
        lines.append("")
        lines.append("[[changes]]")
        lines.extend(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in change.items())
    return "\n".join(lines) + "\n"
