"""Is the sample city's ten-minute fitness circle complete? Coverage table and map.

Loads the bundled synthetic city (population grid, facilities partly in GCJ-02, road
network), measures coverage with urban 10-minute / rural 15-minute walking circles
as the crow flies and along the roads, prints a per-region table and, with the
``plot`` extra, writes ``build/coverage_fitness_circle.png``.

Run: ``python examples/coverage_fitness_circle.py``
"""

from __future__ import annotations

import csv
import gzip
from importlib.resources import files
from pathlib import Path

from sportsgov.coverage import Points, RoadNetwork, SettlementCircles, circle_coverage
from sportsgov.regions import RegionTree

OUT = Path("build")


def main() -> None:
    data = files("sportsgov") / "data" / "sample_city"
    tree = RegionTree.from_csv(data / "regions.csv")
    with gzip.open(data / "population_grid.csv.gz", "rt", encoding="utf-8") as fh:
        grid = list(csv.DictReader(fh))
    homes = Points.from_records(grid, weight="population")
    region = [row["region"] for row in grid]
    with open(data / "facilities.csv", encoding="utf-8") as fh:
        venues = list(csv.DictReader(fh))
    # some venues were recorded in GCJ-02 (map apps): convert them explicitly
    sites = Points.from_records(venues, id="id", datum_field="datum", to="wgs84")

    circles = SettlementCircles()
    r = circle_coverage(homes, sites, radius=circles, by=region, regions=tree)
    roads = RoadNetwork.from_csv(
        data / "roads_nodes.csv.gz", data / "roads_edges.csv.gz", speed=4.5
    )
    n = circle_coverage(
        homes, sites, radius=circles, by=region, regions=tree, network=roads, max_snap=300
    )

    print(f"population {homes.total_weight:,.0f} in {len(homes):,} cells; {len(sites):,} venues")
    print(f"straight-line coverage: {r.share:.1%}   along the roads: {n.share:.1%}")
    print()
    print(f"{'region':10} {'name':6} {'type':6} {'radius':>7} {'straight':>9} {'roads':>7}")
    road_rows = n.regions
    for code, row in r.regions.items():
        reg = tree[code]
        radius = circles.for_settlement(reg.settlement).radius
        print(
            f"{code:10} {reg.name:6} {reg.settlement:6} {radius:6.0f}m "
            f"{row.share or 0:9.1%} {road_rows[code].share or 0:7.1%}"
        )

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\nmatplotlib not installed (pip install 'sportsgov[plot]'): no map written")
        return
    OUT.mkdir(exist_ok=True)
    fig, ax = plt.subplots(figsize=(8, 8))
    cov = r.covered
    ax.scatter(homes.lon[cov], homes.lat[cov], s=1, c="#2e9e4f", label="covered", lw=0)
    ax.scatter(homes.lon[~cov], homes.lat[~cov], s=2, c="#d7301f", label="not covered", lw=0)
    ax.scatter(sites.lon, sites.lat, s=1, c="black", label="facility", lw=0)
    ax.set_title(f"Sample city: fitness-circle coverage {r.share:.1%} (synthetic data)")
    ax.set_xlabel("longitude [°E]")
    ax.set_ylabel("latitude [°N]")
    ax.set_aspect(1 / 0.82)  # ~cos(34.8°): keep distances round on screen
    ax.legend(markerscale=8, loc="lower right")
    path = OUT / "coverage_fitness_circle.png"
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    print(f"\nmap written to {path}")


if __name__ == "__main__":
    main()
