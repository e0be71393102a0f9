"""Apportion 400 new fitness fields and 3,000 training places among districts.

A city sports bureau allocates new community fields (新建社区健身场地) by resident
population with a floor of 20 per district, and 3,000 social-sports-instructor
training places (社会体育指导员培训名额) by the number of fitness sites, capped at
900 for the largest district. The four methods are compared, ties are decided
by the published order of districts, and the result is saved as JSON and TOML
under ``build/examples/`` and read back.

Run: ``python examples/foundation_apportion.py`` (a second or less).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from sportsgov import apportion
from sportsgov.apportionment import Apportionment
from sportsgov.io import dump, load

OUT = Path("build/examples")

# Synthetic district figures (a prefecture-level city); residents and fitness sites.
POPULATION = {
    "中心区": 1_120_000,
    "东城区": 860_000,
    "西城区": 735_000,
    "南湖区": 512_000,
    "北山区": 288_000,
    "新港县": 161_000,
    "云岭县": 58_000,
}
SITES = {
    "中心区": 1_310,
    "东城区": 905,
    "西城区": 802,
    "南湖区": 470,
    "北山区": 260,
    "新港县": 160,
    "云岭县": 93,
}


def show(title: str, result: Apportionment[dict[str, int], dict[str, Fraction]]) -> None:
    print(f"\n{title}  (method={result.method}, total={result.total})")
    for district, seats in result.seats.items():
        quota = float(result.quotas[district])
        print(f"  {district:<6} quota {quota:8.2f}  ->  {seats:4d}")
    if result.divisor is not None:
        print(f"  divisor: {float(result.divisor):,.1f} per place")
    for note in result.notes:
        print(f"  note: {note}")
    if result.tied:
        print(f"  tie decided by input order among: {', '.join(result.tied)}")


def main() -> None:
    fields = apportion(400, POPULATION, floors=20, ties="order")
    show("400 new community fields by population, at least 20 each (Hamilton)", fields)

    print("\nThe same 400 fields by each divisor method (floors 20):")
    for method in ("jefferson", "webster", "huntington-hill", "adams"):
        r = apportion(400, POPULATION, method=method, floors=20, ties="order")
        print(f"  {method:<16}", " ".join(f"{s:4d}" for s in r.seats.values()))

    places = apportion(3_000, SITES, caps={"中心区": 900}, method="webster", ties="order")
    show("3,000 instructor-training places by fitness sites, cap 900 (Sainte-Laguë)", places)

    OUT.mkdir(parents=True, exist_ok=True)
    for name in ("fields.json", "fields.toml"):
        path = dump(fields, OUT / name)
        again = load(path, Apportionment)
        assert again == fields
        print(f"\nwrote {path} and read it back: identical = {again == fields}")


if __name__ == "__main__":
    main()
