"""Per-capita sports venue area (人均体育场地面积) for every district of the sample city.

Loads the bundled synthetic city (regions, year-end population, facility inventory,
instructors), computes per-capita venue area, football pitches per 10,000 and
social sports instructors per 1,000 for the city and each district/county at the
2024 year end, prints a table and writes it to ``build/indicators_per_capita.csv``.

Run: ``python examples/indicators_per_capita.py``
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from sportsgov import (
    Inventory,
    PopulationTable,
    RegionTree,
    indicator_table,
    instructors_per_1000,
    per_capita_area,
)

AS_OF = "2024-12-31"


def main() -> None:
    data = resources.files("sportsgov") / "data" / "sample_city"
    with resources.as_file(data) as folder:
        tree = RegionTree.from_csv(Path(folder) / "regions.csv")
        population = PopulationTable.from_csv(Path(folder) / "population.csv", tree=tree)
        loaded = Inventory.from_csv(Path(folder) / "facilities.csv", tree=tree, errors="collect")
        with (Path(folder) / "instructors.csv").open(encoding="utf-8") as fh:
            instructors = list(csv.DictReader(fh))
    inventory = loaded.inventory
    print(f"{len(inventory):,} facilities loaded, {len(loaded.errors)} rows rejected")
    for problem in population.check(tolerance=0.001):
        print(f"  population check: {problem.region} {problem.year}: off by {problem.difference}")

    # One vectorized call for every district and county (the tier of "district").
    area = indicator_table(inventory, population, as_of=AS_OF, level="district")
    pitches = indicator_table(
        inventory, population, as_of=AS_OF, level="district", indicator="pitches_per_10k"
    )
    city = tree.roots()[0].code
    codes = [city, *area.regions]
    staff = instructors_per_1000(instructors, population, region=codes, as_of=AS_OF)
    city_area = per_capita_area(inventory, population, region=city, as_of=AS_OF)

    rows = []
    for code, people in zip(codes, staff, strict=True):
        a = city_area if code == city else area[code]
        p = pitches[code] if code != city else None
        rows.append(
            {
                "region": code,
                "name": tree[code].name,
                "population": a.denominator,
                "venue_area_m2": round(a.numerator.magnitude),
                "per_capita_area_m2": round(a.magnitude, 2),
                "pitches_per_10k": "" if p is None else round(p.value, 2),
                "instructors_per_1000": round(people.value, 2),
            }
        )
    pitches_city = indicator_table(
        inventory, population, as_of=AS_OF, indicator="pitches_per_10k", regions=[city]
    )
    rows[0]["pitches_per_10k"] = round(float(pitches_city.value[0]), 2)

    header = list(rows[0])
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row[h]) for h in header))
    print()
    print(city_area.explain())

    out = Path("build") / "indicators_per_capita.csv"
    out.parent.mkdir(exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    print(f"written {out}")


if __name__ == "__main__":
    main()
