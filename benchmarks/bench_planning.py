"""Planning: best portfolio (MILP) and scenario re-evaluation on the sample city.

Targets: 200 candidate projects × 3,000 regions' targets solved to
optimality (or a stated gap) within a minute; a scenario re-evaluation of the sample
city in under 2 s. The reference of the portfolio case is the greedy heuristic (best
gain per yuan) on the same instance, to show what exactness costs; the scenario case
has no reference (the base evaluation time is shown instead).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.run import Case
from sportsgov.money import Money
from sportsgov.planning import Need, Project, best_portfolio


def _instance(n_projects: int, n_regions: int) -> dict[str, Any]:
    rng = np.random.default_rng(17)
    regions = [f"R{i:04d}" for i in range(n_regions)]
    measures = ["area_m2", "mass_sports_events", "instructors"]
    needs = []
    # one area need per region, a few city-wide needs
    for r in regions:
        needs.append(
            Need(
                f"area@{r}",
                "area_m2",
                int(rng.integers(500, 5000)),
                region=r,
                points=int(rng.integers(1, 5)),
            )
        )
    for k in range(20):
        needs.append(Need(f"city-{k}", measures[k % 3], int(rng.integers(50, 400))))
    projects = []
    for j in range(n_projects):
        adds = {"area_m2": int(rng.integers(0, 6000))}
        adds[measures[1 + j % 2]] = int(rng.integers(0, 80))
        projects.append(
            Project(
                f"P{j:03d}",
                Money.yuan(int(rng.integers(50, 900)) * 10_000),
                adds=adds,
                region=regions[int(rng.integers(0, n_regions))],
            )
        )
    total = sum((p.cost for p in projects), Money(0))
    return {"projects": projects, "needs": needs, "budget": Money(total.fen // 3)}


def _portfolio(d: dict[str, Any], method: str, objective: str) -> Any:
    return best_portfolio(
        d["projects"],
        d["budget"],
        objective=objective,  # type: ignore[arg-type]
        needs=d["needs"],
        method=method,  # type: ignore[arg-type]
        time_limit=60.0,
        ties=False,
    )


def cases(quick: bool) -> list[Case]:
    """Planning cases (quick: 30 projects × 200 regions; full: 200 × 3,000)."""
    from sportsgov.citydata import CityData
    from sportsgov.planning import (
        AddArea,
        AddEvents,
        AddFacility,
        CloseFacilities,
        Scenario,
        Spend,
    )

    n_projects, n_regions = (30, 200) if quick else (200, 3000)
    data = _instance(n_projects, n_regions)
    city = CityData.sample()
    changes = [
        AddArea("990123", 50_000, cost="750万元"),
        AddFacility("NEW1", "fitness_path", "990102001", 300, lon=113.61, lat=34.77),
        CloseFacilities(["F000001"]),
        AddEvents("community-games-district", "990103", 6),
        Spend("B01", "200万元"),
    ]
    Scenario(city).evaluate()  # warm the base cache (facility points, grid regions)
    out = []
    for objective in ("targets_met", "score"):
        out.append(
            Case(
                name=f"best_portfolio {objective}: {n_projects} projects × "
                f"{n_regions + 20} targets",
                func=lambda o=objective: _portfolio(data, "milp", o),
                reference=lambda o=objective: _portfolio(data, "greedy", o),
                reference_name="greedy (ours)",
                target="optimal or stated gap < 60 s",
                repeat=1,
            )
        )
    out.append(
        Case(
            name="scenario re-evaluation, sample city (5 changes)",
            func=lambda: Scenario(city, changes=changes).evaluate(),
            reference=lambda: Scenario(city).evaluate(),
            reference_name="base evaluation",
            target="< 2 s",
            repeat=3,
        )
    )
    return out
