"""Best portfolio within a budget (sportsgov.planning.portfolio).

Independent check: brute force over every subset of the candidate projects
(n <= 8): the best value within the budget, and the cheapest cost at that value.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov.errors import InvalidInputError
from sportsgov.money import Money
from sportsgov.planning import Need, Project, best_portfolio

REGIONS = ["A", "B", "C"]


def brute(projects, budget, value_of):
    best = None
    for k in range(len(projects) + 1):
        for combo in itertools.combinations(range(len(projects)), k):
            cost = sum(projects[j].cost.fen for j in combo)
            if cost > budget.fen:
                continue
            key = (value_of(combo), -cost)
            if best is None or key > best:
                best = key
    return best[0], -best[1]


def needs_value(projects, needs, combo, weighted):
    total = Fraction(0)
    for n in needs:
        got = sum(
            (
                projects[j].adds.get(n.measure, Decimal(0))
                for j in combo
                if n.region is None or projects[j].region == n.region
            ),
            Decimal(0),
        )
        if got >= n.amount:
            total += Fraction(n.points) if weighted else 1
    return total


project_st = st.builds(
    lambda i, cost, region, area, events: Project(
        f"p{i}", Money.yuan(cost), adds={"area_m2": area, "events": events}, region=region
    ),
    st.integers(0, 0),
    st.integers(1, 60),
    st.sampled_from(REGIONS),
    st.integers(0, 500),
    st.integers(0, 5),
)


@st.composite
def instances(draw):
    n = draw(st.integers(1, 8))
    projects = [
        Project(f"p{i}", p.cost, adds=p.adds, region=p.region)
        for i, p in enumerate(draw(st.lists(project_st, min_size=n, max_size=n)))
    ]
    needs = [
        Need(
            f"n{i}",
            draw(st.sampled_from(["area_m2", "events"])),
            draw(st.integers(-5, 800)),
            region=draw(st.sampled_from([*REGIONS, None])),
            points=draw(st.integers(1, 9)),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    budget = Money.yuan(draw(st.integers(0, 200)))
    return projects, needs, budget


@settings(max_examples=40, deadline=None)
@given(instances(), st.sampled_from(["targets_met", "score"]))
def test_targets_objectives_match_brute_force(instance, objective) -> None:
    projects, needs, budget = instance
    p = best_portfolio(projects, budget, objective=objective, needs=needs)
    value, cost = brute(
        projects, budget, lambda c: needs_value(projects, needs, c, objective == "score")
    )
    assert p.optimal and p.method == "milp" and p.gap == 0
    assert p.value == value
    assert p.cost.fen == cost and p.cost <= budget and p.left == budget - p.cost
    chosen = [int(i[1:]) for i in p.chosen]
    assert needs_value(projects, needs, chosen, objective == "score") == value


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 50), st.sets(st.integers(0, 7), max_size=4)),
        min_size=1,
        max_size=8,
    ),
    st.lists(st.integers(0, 100), min_size=8, max_size=8),
    st.integers(0, 150),
    st.sets(st.integers(0, 7), max_size=3),
)
def test_covered_population_matches_brute_force(sites, pop, budget, already) -> None:
    projects = [Project(f"s{i}", Money.yuan(c), covers=cov) for i, (c, cov) in enumerate(sites)]
    population = np.array(pop, dtype=float)
    covered = np.zeros(8, dtype=bool)
    covered[list(already)] = True

    def value(combo):
        hit = set().union(*(projects[j].covers for j in combo)) - already if combo else set()
        return Fraction(int(sum(pop[i] for i in hit)))

    b = Money.yuan(budget)
    p = best_portfolio(
        projects, b, objective="covered_population", population=population, covered=covered
    )
    v, cost = brute(projects, b, value)
    assert p.value == v and p.cost.fen == cost


@settings(max_examples=20, deadline=None)
@given(instances())
def test_greedy_is_feasible_and_bounded(instance) -> None:
    projects, needs, budget = instance
    g = best_portfolio(projects, budget, objective="targets_met", needs=needs, method="greedy")
    exact = best_portfolio(projects, budget, objective="targets_met", needs=needs)
    assert g.method == "greedy" and g.cost <= budget
    assert g.value <= exact.value <= g.bound + 1e-9
    assert 0 <= g.gap <= 1


def test_tie_is_reported_in_words() -> None:
    projects = [Project("a", "10元", adds={"x": 1}), Project("b", "10元", adds={"x": 1})]
    p = best_portfolio(projects, "10元", objective="targets_met", needs=[Need("t", "x", 1)])
    assert p.value == 1 and len(p.ties) == 1
    assert "Tie:" in " ".join(p.explanation)
    assert {p.chosen[0], p.ties[0][0]} == {"a", "b"}


def test_nothing_affordable_is_explained() -> None:
    p = best_portfolio(
        [Project("a", "10元", adds={"x": 1})],
        "5元",
        objective="targets_met",
        needs=[Need("t", "x", 1)],
    )
    assert p.chosen == () and p.value == 0
    assert "No project fits the budget of 5.00: the cheapest, a, costs 10.00." in p.explanation
    assert any(s.startswith("Not met within the budget: t") for s in p.explanation)
    q = best_portfolio(
        [Project("a", "10元", adds={"x": 1})],
        "50元",
        objective="targets_met",
        needs=[Need("t", "x", 5)],
    )
    assert "Cannot be met by any choice of candidates: t (the candidates add 1 of 5)." in (
        q.explanation
    )


def test_bad_inputs() -> None:
    a = Project("a", "10元", adds={"x": 1})
    with pytest.raises(
        InvalidInputError, match=r"objective='most': expected one of 'targets_met'"
    ):
        best_portfolio([a], "10元", objective="most")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"budget=-1.00: must be >= 0"):
        best_portfolio([a], Money.yuan(-1), needs=[Need("t", "x", 1)])
    with pytest.raises(InvalidInputError, match=r"projects='a': duplicate project id"):
        best_portfolio([a, a], "10元", needs=[Need("t", "x", 1)])
    with pytest.raises(InvalidInputError, match=r"needs=\[\]: objective='targets_met' needs"):
        best_portfolio([a], "10元")
    with pytest.raises(InvalidInputError, match="population=None"):
        best_portfolio([a], "10元", objective="covered_population")
    with pytest.raises(InvalidInputError, match=r"adds\['x'\]=-1: must be >= 0"):
        Project("b", "1元", adds={"x": -1})
    with pytest.raises(InvalidInputError, match=r"adds\['x'\]=0.5: expected an int"):
        Project("b", "1元", adds={"x": 0.5})


def test_projects_in_regions_no_need_names_are_explained() -> None:
    # needs carry codes; the projects were loaded with district names and no tree
    needs = [Need("t@410102", "area_m2", 100, region="410102")]
    projects = [
        Project("a", "10元", adds={"area_m2": 200}, region="中原区"),
        Project("b", "10元", adds={"area_m2": 50}, region="410102"),
        Project("c", "10元", adds={"area_m2": 50}, region=None),
    ]
    p = best_portfolio(projects, "30元", objective="targets_met", needs=needs)
    assert p.value == 0  # only b counts, and it adds 50 of 100
    said = [w for w in p.explanation if w.startswith("No need is in the region")]
    assert said == [
        "No need is in the region of some projects ('中原区', no region), so they add nothing to "
        "any need; if these regions are written by name, load the projects with tree= to store "
        "their codes."
    ]
    q = best_portfolio(projects[1:2], "30元", objective="targets_met", needs=needs)
    assert not [w for w in q.explanation if w.startswith("No need is in the region")]
