"""Strategies for plans and assessment: targets, plans, observations."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sportsgov.testing._compat import renamed

__all__ = [
    "observations_for",
    "plans_",
    "targets",
]


def targets(
    *,
    indicators: Any = None,
    comparators: Any = None,
    scopes: Any = None,
    year: int | None = None,
) -> st.SearchStrategy[Any]:
    """Valid :class:`sportsgov.plans.Target` s (exact Decimal values in the indicator unit).

    ``indicators``/``comparators``/``scopes`` restrict the choices (sequences);
    ``year`` fixes the period to that calendar year.
    """
    from decimal import Decimal

    from sportsgov.periods import Period
    from sportsgov.plans import COMPARATORS, INDICATORS, Target

    names = sorted(indicators or INDICATORS)
    comps = list(comparators or COMPARATORS)
    scope_choices = list(scopes or ["city", "each district"])
    values = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("100000"), places=2)
    period = (
        st.just(Period.year(year))
        if year is not None
        else st.integers(2019, 2035).map(Period.year)
    )

    @st.composite
    def build(draw: Any) -> Any:
        comparator = draw(st.sampled_from(comps))
        value = draw(values)
        upper = None
        if comparator == "between":
            extra = st.decimals(min_value=Decimal(0), max_value=Decimal(1000), places=2)
            upper = value + draw(extra)
        return Target(
            id=draw(st.integers(0, 999).map(lambda i: f"t-{i}")),
            indicator=draw(st.sampled_from(names)),
            comparator=comparator,
            value=value,
            upper=upper,
            period=draw(period),
            scope=draw(st.sampled_from(scope_choices)),
            lead=draw(st.sampled_from(["市体育局", "区体育局", "市教育局"])),
        )

    return build()


def plans_(
    *, max_size: int = 8, year: int | None = None, max_targets: int | None = None
) -> st.SearchStrategy[Any]:
    """Valid :class:`sportsgov.plans.Plan` s of at most ``max_size`` targets with unique ids.

    All targets fall within the plan's year. ``max_targets`` is the deprecated old
    name of ``max_size``.
    """
    from sportsgov.periods import Period
    from sportsgov.plans import Plan

    size = renamed("plans_", "max_targets", max_targets, "max_size", max_size)

    @st.composite
    def build(draw: Any) -> Any:
        y = year if year is not None else draw(st.integers(2019, 2035))
        ts = draw(st.lists(targets(year=y), max_size=size, unique_by=lambda t: t.id))
        return Plan(name=f"plan-{y}", issuer="市体育局", period=Period.year(y), targets=ts)

    return build()


def observations_for(plan: Any, regions: Any, *, as_of: Any) -> st.SearchStrategy[Any]:
    """Lists of :class:`sportsgov.assessment.Observation` for ``plan``'s targets in ``regions``.

    At most one observation per target × region (no duplicates), dated ``as_of``;
    values from 0 to twice the target.
    """
    from decimal import Decimal

    from sportsgov.assessment import Observation

    keys = [
        (t, r) for t in plan.targets for r in (regions if t.scope == "each district" else ["city"])
    ]

    @st.composite
    def build(draw: Any) -> Any:
        chosen = []
        if keys:
            chosen = draw(st.lists(st.sampled_from(keys), unique_by=lambda k: (k[0].id, k[1])))
        out = []
        for t, r in chosen:
            v = draw(st.decimals(min_value=Decimal(0), max_value=t.value * 2 + 1, places=2))
            out.append(Observation(t.id, r, v, as_of))
        return out

    return build()
