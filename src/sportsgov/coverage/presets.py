"""Fitness-circle (健身圈) and life-circle (生活圈) presets with their sources.

A *fitness circle* is the area from which residents reach a sports facility within a
given travel time. Plans state it in minutes (城区10分钟健身圈、农村15分钟健身圈); a
coverage calculation needs a distance. :class:`FitnessCircle` turns one into the other
with an explicit travel speed (a parameter, never hidden), or carries a published
distance directly.

Presets
-------
``URBAN_FITNESS_CIRCLE``
    10 minutes' walk, for cities: "到2022年,构建城区10分钟健身圈、农村15分钟健身圈"
    (Shaoxing Asian Games city action plan, 绍兴市亚运城市行动计划(2020—2022年),
    绍兴市人民政府办公室, 2020-09-18).
``RURAL_FITNESS_CIRCLE``
    15 minutes' walk, for rural areas (same source).
``LIFE_CIRCLE_5``, ``LIFE_CIRCLE_10``, ``LIFE_CIRCLE_15``
    GB 50180-2018 城市居住区规划设计标准 life circles: 5 minutes = 300 m, 10 minutes =
    500 m, 15 minutes = 800–1,000 m walking distance (we use 1,000 m and keep the
    range in :attr:`FitnessCircle.distance_range`).

Walking speed defaults to :data:`WALK_SPEED_KMH` = 4.5 km/h, the middle of the
4–5 km/h commonly used in Chinese planning practice (a practice figure, not a standard);
a 10-minute walk is then 750 m, a 15-minute walk 1,125 m.

Examples
--------
>>> URBAN_FITNESS_CIRCLE.radius
750.0
>>> FitnessCircle(10, speed=5).radius
833.333...
>>> LIFE_CIRCLE_15.radius, LIFE_CIRCLE_15.distance_range
(1000.0, (800.0, 1000.0))
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import attrs
import numpy as np
from attrs import field, frozen
from numpy.typing import NDArray

from sportsgov.coverage._quantity import magnitude
from sportsgov.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = [
    "FITNESS_CIRCLES",
    "LIFE_CIRCLE_5",
    "LIFE_CIRCLE_10",
    "LIFE_CIRCLE_15",
    "RURAL_FITNESS_CIRCLE",
    "URBAN_FITNESS_CIRCLE",
    "WALK_SPEED_KMH",
    "FitnessCircle",
    "Mode",
    "SettlementCircles",
    "radius_by_settlement",
]

Mode: TypeAlias = Literal["walk", "cycle"]
"""Travel mode of a circle: ``"walk"`` (default speed :data:`WALK_SPEED_KMH`) or ``"cycle"``."""

WALK_SPEED_KMH = 4.5
"""Default walking speed [km/h]: middle of the 4–5 km/h common in planning practice."""

_MODES = ("walk", "cycle")
_SHAOXING = (
    "绍兴市亚运城市行动计划(2020—2022年), 绍兴市人民政府办公室, 2020-09-18 "
    "(Shaoxing action plan: 城区10分钟健身圈、农村15分钟健身圈)"
)
_GB50180 = "GB 50180-2018 城市居住区规划设计标准, life circles (生活圈居住区)"


def _positive(name: str, unit: str) -> Any:
    def conv(value: Any) -> float | None:
        if value is None:
            return None
        mag = magnitude(value, unit, name=name)
        try:
            number = float(mag)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError.bad(name, value, f"must be a number > 0 {unit}") from exc
        if not math.isfinite(number) or number <= 0:
            raise InvalidInputError.bad(
                name, value, f"must be > 0 {unit}", shown=f"{number:g} {unit}"
            )
        return number

    return conv


def _to_minutes(value: Any) -> float:
    out = _positive("minutes", "min")(value)
    if out is None:
        raise InvalidInputError.bad("minutes", None, "must be a number > 0 min")
    return cast(float, out)


def _to_speed(value: Any) -> float | None:
    return cast("float | None", _positive("speed", "km/h")(value))


def _to_distance(value: Any) -> float | None:
    return cast("float | None", _positive("distance", "m")(value))


def _mode(value: object) -> Mode:
    if value == "walk":
        return "walk"
    if value == "cycle":
        return "cycle"
    raise InvalidInputError.bad("mode", value, "expected one of 'walk', 'cycle'")


def _range(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError.bad(
            "distance_range", value, "must be a pair (low, high) in m"
        ) from exc
    if not (math.isfinite(low) and math.isfinite(high) and 0 < low <= high):
        raise InvalidInputError.bad("distance_range", value, "must satisfy 0 < low <= high m")
    return (low, high)


@frozen
class FitnessCircle:
    """A travel-time catchment (健身圈/生活圈) and the distance it stands for.

    Parameters
    ----------
    minutes : float or Quantity [min]
        Travel time, > 0.
    mode : {"walk", "cycle"}, default "walk"
    speed : float or Quantity [km/h], optional
        Travel speed. Defaults to :data:`WALK_SPEED_KMH` for ``"walk"``; required for
        ``"cycle"`` (we ship no cycling default without a source).
    distance : float or Quantity [m], optional
        A published distance that replaces speed × time (GB 50180-2018 life circles).
    distance_range : (float, float), optional [m]
        The published range when the source gives one (800–1,000 m); informative.
    name : str
        Label for reports.
    source : str
        Where the figure comes from (document file name or standard).

    Raises
    ------
    InvalidInputError
        Non-positive minutes, speed or distance, unknown mode, cycling without a speed.

    Examples
    --------
    >>> FitnessCircle(15).radius
    1125.0
    >>> FitnessCircle(10, mode="cycle", speed="12 km/h").radius
    2000.0
    >>> FitnessCircle(0)
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: minutes=0 min: must be > 0 min
    >>> FitnessCircle(10, mode="bus")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: mode='bus': expected one of 'walk', 'cycle'
    """

    minutes: float = field(converter=_to_minutes)
    mode: Mode = field(default="walk", converter=_mode)
    speed: float | None = field(default=None, converter=_to_speed)
    distance: float | None = field(default=None, kw_only=True, converter=_to_distance)
    distance_range: tuple[float, float] | None = field(
        default=None, kw_only=True, converter=_range
    )
    name: str = field(default="", kw_only=True)
    source: str = field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.speed is None and self.distance is None:
            if self.mode == "walk":
                object.__setattr__(self, "speed", WALK_SPEED_KMH)
            else:
                raise InvalidInputError.bad(
                    "speed", None, "required for mode='cycle' (e.g. speed=12 for 12 km/h)"
                )

    @property
    def radius(self) -> float:
        """Catchment radius [m]: the published distance, else speed × minutes."""
        if self.distance is not None:
            return self.distance
        assert self.speed is not None
        return self.speed * 1000.0 / 60.0 * self.minutes

    @property
    def speed_m_per_min(self) -> float | None:
        """Travel speed [m/min] (``None`` for a distance-only circle without speed)."""
        return None if self.speed is None else self.speed * 1000.0 / 60.0

    def with_speed(self, speed: Any) -> FitnessCircle:
        """The same circle at another speed [km/h] (a published distance is dropped).

        Examples
        --------
        >>> URBAN_FITNESS_CIRCLE.with_speed(4).radius
        666.666...
        """
        return attrs.evolve(self, speed=speed, distance=None, distance_range=None)


URBAN_FITNESS_CIRCLE = FitnessCircle(
    10, name="城区10分钟健身圈 (urban 10-minute fitness circle)", source=_SHAOXING
)
"""Urban 10-minute walking fitness circle (750 m at 4.5 km/h)."""

RURAL_FITNESS_CIRCLE = FitnessCircle(
    15, name="农村15分钟健身圈 (rural 15-minute fitness circle)", source=_SHAOXING
)
"""Rural 15-minute walking fitness circle (1,125 m at 4.5 km/h)."""

LIFE_CIRCLE_5 = FitnessCircle(
    5, distance=300, name="5分钟生活圈 (5-minute life circle)", source=_GB50180
)
"""GB 50180-2018 5-minute life circle: 300 m walking distance (5,000–12,000 residents)."""

LIFE_CIRCLE_10 = FitnessCircle(
    10, distance=500, name="10分钟生活圈 (10-minute life circle)", source=_GB50180
)
"""GB 50180-2018 10-minute life circle: 500 m walking distance (15,000–25,000 residents)."""

LIFE_CIRCLE_15 = FitnessCircle(
    15,
    distance=1000,
    distance_range=(800, 1000),
    name="15分钟生活圈 (15-minute life circle)",
    source=_GB50180,
)
"""GB 50180-2018 15-minute life circle: 800–1,000 m (1,000 m used; 50,000–100,000 residents)."""


@frozen
class SettlementCircles:
    """Which circle applies to urban, rural and mixed regions (``Region.settlement``).

    Parameters
    ----------
    urban : FitnessCircle, default URBAN_FITNESS_CIRCLE
    rural : FitnessCircle, default RURAL_FITNESS_CIRCLE
    mixed : FitnessCircle, default URBAN_FITNESS_CIRCLE
        A mixed county holds both town and village; by default it gets the stricter
        urban circle so that "complete coverage" is never claimed on the generous
        rural radius. Pass ``mixed=RURAL_FITNESS_CIRCLE`` to choose otherwise.

    Examples
    --------
    >>> c = SettlementCircles()
    >>> c.for_settlement("rural").minutes, c.for_settlement("mixed").minutes
    (15.0, 10.0)
    """

    urban: FitnessCircle = URBAN_FITNESS_CIRCLE
    rural: FitnessCircle = RURAL_FITNESS_CIRCLE
    mixed: FitnessCircle = URBAN_FITNESS_CIRCLE

    def for_settlement(self, settlement: str) -> FitnessCircle:
        """The circle for ``"urban"``, ``"rural"`` or ``"mixed"``.

        Examples
        --------
        >>> SettlementCircles().for_settlement("rural").radius
        1125.0
        """
        if settlement == "urban":
            return self.urban
        if settlement == "rural":
            return self.rural
        if settlement == "mixed":
            return self.mixed
        raise InvalidInputError.bad(
            "settlement", settlement, "expected one of 'urban', 'rural', 'mixed'"
        )

    def radius_by_region(self, tree: RegionTree) -> dict[str, float]:
        """Radius [m] for every region code of ``tree``, from its settlement.

        Examples
        --------
        >>> from sportsgov.regions import RegionTree
        >>> row = {"code": "1", "name": "A", "level": "city", "parent": None}
        >>> tree = RegionTree.from_records([{**row, "settlement": "rural"}])
        >>> SettlementCircles().radius_by_region(tree)
        {'1': 1125.0}
        """
        return {r.code: self.for_settlement(r.settlement).radius for r in tree}


FITNESS_CIRCLES = SettlementCircles()
"""Default thresholds: urban 10 minutes, rural 15 minutes, mixed 10 minutes (walking)."""


def radius_by_settlement(
    tree: RegionTree | Mapping[str, str],
    codes: Iterable[object],
    *,
    circles: SettlementCircles = FITNESS_CIRCLES,
) -> NDArray[np.float64]:
    """Radius [m] per demand point from the settlement of its region.

    Parameters
    ----------
    tree : RegionTree or mapping of code -> settlement
        Where each region's settlement (``"urban"``/``"rural"``/``"mixed"``) is read.
    codes : iterable of str
        Region code of each demand point.
    circles : SettlementCircles, default FITNESS_CIRCLES

    Returns
    -------
    numpy.ndarray of float64 [m]

    Raises
    ------
    NotFoundError
        A code is not in the tree.

    Examples
    --------
    >>> radius_by_settlement({"A": "urban", "B": "rural"}, ["A", "B", "A"]).tolist()
    [750.0, 1125.0, 750.0]
    """
    if isinstance(tree, Mapping):
        settlement = {str(k): str(v) for k, v in tree.items()}
    else:
        settlement = {r.code: r.settlement for r in tree}
    radii = {s: circles.for_settlement(s).radius for s in set(settlement.values())}
    arr = np.asarray(list(codes) if not isinstance(codes, np.ndarray) else codes, dtype=object)
    uniq, inverse = np.unique(arr.astype(str), return_inverse=True)
    values = np.empty(len(uniq), dtype=np.float64)
    for k, code in enumerate(uniq.tolist()):
        if code not in settlement:
            raise NotFoundError.bad("region", code, "not in the region tree")
        values[k] = radii[settlement[code]]
    return values[inverse.reshape(-1)]
