"""Coverage inputs shared by circle, network and tiled coverage (private; plain names).

``region_codes`` turns ``by=`` into one region code per demand point; ``is_time``
tells a travel time from a length; ``radius_array`` resolves every form of
``radius=`` (number, quantity, array, mapping by region, ``FitnessCircle``,
``SettlementCircles``) into one threshold per demand point [m or min].
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import numpy as np
from numpy.typing import NDArray

from sportsgov.coverage._quantity import as_positive
from sportsgov.coverage.geo import Points
from sportsgov.coverage.presets import FitnessCircle, SettlementCircles, radius_by_settlement
from sportsgov.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["is_time", "radius_array", "region_codes", "require_population"]

FloatArray: TypeAlias = NDArray[np.float64]


def require_population(demand: Points) -> None:
    """Refuse a demand layer whose total weight (population) is not > 0."""
    if demand.total_weight <= 0:
        raise InvalidInputError.bad(
            "demand",
            demand,
            "total weight (population) must be > 0",
            shown=f"{len(demand)} points of weight 0",
        )


def region_codes(by: Any, demand: Points) -> NDArray[np.str_] | None:
    if by is None:
        return None
    n = len(demand)
    if isinstance(by, Mapping):
        if demand.id is None:
            raise InvalidInputError.bad(
                "by",
                by,
                "a mapping id -> region needs demand points with ids (Points(..., id=...))",
                shown=f"mapping of {len(by)} ids",
            )
        out = []
        for pid in demand.id.tolist():
            if pid not in by:
                raise NotFoundError.bad("by", pid, "demand id has no region in the mapping")
            out.append(str(by[pid]))
        return np.asarray(out, dtype=str)
    if isinstance(by, str):
        raise InvalidInputError.bad(
            "by", by, "must be one region code per demand point or a mapping id -> code"
        )
    arr = np.asarray(list(by) if not isinstance(by, np.ndarray) else by)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise InvalidInputError.bad(
            "by",
            by,
            f"must have one region code per demand point ({n})",
            shown=f"{arr.size} values",
        )
    return arr.astype(str)


def is_time(value: Any) -> bool:
    if isinstance(value, str) or (hasattr(value, "magnitude") and hasattr(value, "units")):
        from sportsgov.units import as_quantity

        q = as_quantity(value, argument="radius", finite=False)
        return bool(q.dimensionality == as_quantity(1, "minute").dimensionality)
    return False


def radius_array(
    radius: Any,
    demand: Points,
    codes: NDArray[np.str_] | None,
    regions: RegionTree | Mapping[str, str] | None,
    unit: str,
) -> FloatArray:
    n = len(demand)
    if isinstance(radius, FitnessCircle):
        value = radius.radius if unit == "m" else radius.minutes
        return np.full(n, value, dtype=np.float64)
    if isinstance(radius, SettlementCircles):
        if codes is None or regions is None:
            raise InvalidInputError.bad(
                "radius",
                "SettlementCircles",
                "needs by=region codes and regions=RegionTree",
                shown="SettlementCircles(...)",
            )
        if unit == "m":
            return radius_by_settlement(regions, codes.tolist(), circles=radius)
        settlement = (
            {str(k): str(v) for k, v in regions.items()}
            if isinstance(regions, Mapping)
            else {r.code: r.settlement for r in regions}
        )
        out = np.empty(n, dtype=np.float64)
        for k, c in enumerate(codes.tolist()):
            if c not in settlement:
                raise NotFoundError.bad("region", c, "not in the region tree")
            out[k] = radius.for_settlement(settlement[c]).minutes
        return out
    if isinstance(radius, Mapping):
        if codes is None:
            raise InvalidInputError.bad(
                "radius",
                radius,
                "a per-region mapping needs by=region codes",
                shown=f"mapping of {len(radius)} regions",
            )
        per: dict[str, float] = {}
        for key, val in radius.items():
            v = (
                val.radius
                if (isinstance(val, FitnessCircle) and unit == "m")
                else (val.minutes if isinstance(val, FitnessCircle) else val)
            )
            per[str(key)] = cast(float, as_positive(v, unit, name=f"radius[{key!r}]"))
        uniq, inverse = np.unique(codes, return_inverse=True)
        vals = np.empty(len(uniq), dtype=np.float64)
        for k, c in enumerate(uniq.tolist()):
            if c not in per:
                raise NotFoundError.bad("radius", c, "region has no radius in the mapping")
            vals[k] = per[c]
        return vals[inverse.reshape(-1)]
    r = as_positive(radius, unit, name="radius")
    if isinstance(r, float):
        return np.full(n, r, dtype=np.float64)
    if r.ndim != 1 or r.shape[0] != n:
        raise InvalidInputError.bad(
            "radius",
            radius,
            f"must be one number or one per demand point ({n})",
            shown=f"{r.size} values",
        )
    return r.astype(np.float64, copy=True)
