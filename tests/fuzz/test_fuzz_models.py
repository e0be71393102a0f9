"""Fuzz the loaders (CSV bytes incl. GBK, huge numbers, ``10**10**10`` cells) and the
coverage calculators (extreme coordinates, radii, costs).

Failures found in modules being restructured in parallel (facilities, regions,
coverage) are marked ``xfail(strict=True)`` with the failure named: they turn
into errors as soon as they are fixed, so the mark gets removed then.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
from fuzzutil import HOSTILE, bounded, budget, call
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.coverage import Points, circle_coverage, suggest_sites, two_step_fca
from sportsgov.facilities import Inventory
from sportsgov.regions import PopulationTable, RegionTree

cells = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(
        ["1", "120.5", "-3", "2024-01-01", "football_11", "R1", "gym", "116.4", "39.9"]
    ),
    st.text(max_size=8),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gbk"])


def _warm_up() -> None:
    """Load each reader once outside the time bound (first calls import lazily)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.csv"
        path.write_text("id,kind,region,area\n1,gym,R1,100\n", encoding="utf-8")
        Inventory.from_csv(path)


_warm_up()


def _csv(header: str, rows: list[list[str]], encoding: str) -> bytes:
    lines = [header] + [",".join(r) for r in rows]
    return "\n".join(lines).encode(encoding, errors="replace")


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / f"f{abs(hash(data))}.csv"
    path.write_bytes(data)
    return path


@budget
@given(
    st.lists(st.lists(cells, min_size=6, max_size=6), max_size=4),
    encodings,
    st.binary(max_size=20),
)
@bounded
def test_inventory_from_csv(tmp_path: Path, rows: list[list[str]], enc: str, junk: bytes) -> None:
    data = _csv("id,kind,region,area,lon,lat", rows, enc) + junk
    inv = call("Inventory.from_csv", Inventory.from_csv, _file(tmp_path, data))
    if inv is not None:
        assert len(inv) <= len(rows)


@budget
@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=4), encodings)
@bounded
def test_population_from_csv(tmp_path: Path, rows: list[list[str]], enc: str) -> None:
    data = _csv("region,year,population", rows, enc)
    call("PopulationTable.from_csv", PopulationTable.from_csv, _file(tmp_path, data))


@budget
@given(st.lists(st.lists(cells, min_size=5, max_size=5), max_size=4), encodings)
@bounded
def test_region_tree_from_csv(tmp_path: Path, rows: list[list[str]], enc: str) -> None:
    data = _csv("code,name,level,parent,settlement", rows, enc)
    call("RegionTree.from_csv", RegionTree.from_csv, _file(tmp_path, data))


extreme = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -180.0, 180.0, 90.0, -90.0, 1e308, 10**400, 2**63]),
)


@budget
@given(
    st.lists(st.tuples(extreme, extreme, extreme), min_size=1, max_size=4),
    st.lists(st.tuples(extreme, extreme), min_size=1, max_size=4),
    st.one_of(extreme, st.sampled_from(HOSTILE)),
)
@bounded
def test_circle_coverage(demand: list[Any], sites: list[Any], radius: Any) -> None:
    d = call(
        "Points",
        lambda: Points(
            [p[0] for p in demand], [p[1] for p in demand], weight=[p[2] for p in demand]
        ),
    )
    f = call("Points", lambda: Points([p[0] for p in sites], [p[1] for p in sites]))
    if d is None or f is None:
        return
    r = call("circle_coverage", circle_coverage, d, f, radius=radius)
    if r is not None:
        assert 0 <= r.share <= 1 and math.isfinite(float(r.share))


@budget
@given(
    st.integers(1, 3).flatmap(
        lambda m: st.integers(1, 3).flatmap(
            lambda n: st.tuples(
                st.lists(extreme, min_size=m, max_size=m),
                st.lists(extreme, min_size=n, max_size=n),
                st.lists(st.lists(extreme, min_size=n, max_size=n), min_size=m, max_size=m),
            )
        )
    ),
    st.one_of(extreme, st.sampled_from(HOSTILE)),
)
@bounded
def test_two_step_fca_and_siting(arrays: Any, threshold: Any) -> None:
    demand, supply, costs = arrays
    a = call("two_step_fca", two_step_fca, demand, supply, costs, threshold=threshold)
    if a is not None:
        assert np.isfinite(np.asarray(a.scores, dtype=float)).all()
    s = call("suggest_sites", suggest_sites, demand, costs=costs, threshold=threshold, count=1)
    if s is not None:
        assert len(s.sites) <= 1


codes = st.sampled_from(["A", " A", "B", "B ", "C", "1", 1, "", "\t"])


@budget
@given(
    st.lists(
        st.tuples(codes, st.one_of(codes, st.none()), st.sampled_from(["city", "district", "x"])),
        max_size=6,
    )
)
@bounded
def test_region_tree_from_records(rows: list[tuple[Any, Any, str]]) -> None:
    records = [
        {"code": c, "name": f"n{i}", "level": lv, "parent": p} for i, (c, p, lv) in enumerate(rows)
    ]
    tree = call("RegionTree.from_records", RegionTree.from_records, records)
    if tree is not None:  # every region reached from a root: no cycle slipped through
        assert len(tree.regions) == len(rows)


@budget
@given(st.lists(st.tuples(codes, st.sampled_from([2024, "2024", " 2024", 2023]), cells)))
@bounded
def test_population_from_records(rows: list[tuple[Any, Any, Any]]) -> None:
    records = [{"region": r, "year": y, "population": p} for r, y, p in rows]
    table = call("PopulationTable.from_records", PopulationTable.from_records, records)
    if table is not None:  # no two rows merged into one figure
        assert len(table) == len(rows)


@budget
@given(st.lists(st.lists(cells, min_size=5, max_size=5), max_size=4), encodings)
@bounded
def test_budget_lines_from_file(tmp_path: Path, rows: list[list[str]], enc: str) -> None:
    from sportsgov.budget import BudgetLineTable

    data = _csv("line,name,region,预算(万元),spent", rows, enc)
    table = call("BudgetLineTable.from_file", BudgetLineTable.from_file, _file(tmp_path, data))
    if table is not None:  # money exact and never negative
        assert all(b.budget.fen >= 0 and b.spent.fen >= 0 for b in table)


@budget
@given(st.lists(st.lists(cells, min_size=5, max_size=5), max_size=4), encodings)
@bounded
def test_subsidy_claims_from_file(tmp_path: Path, rows: list[list[str]], enc: str) -> None:
    from sportsgov.budget import SubsidyClaimTable

    data = _csv("claim_id,person,kind,amount,on", rows, enc)
    table = call("SubsidyClaimTable.from_file", SubsidyClaimTable.from_file, _file(tmp_path, data))
    if table is not None:
        assert all(c.amount.fen >= 0 for c in table)
