"""Budget rules end to end: split a fund by factors, co-fund it, pay subsidies, track execution.

Run: ``python examples/budget_factor_allocation.py``. Prints the results and writes the
allocation breakdown (CSV) and the subsidy ledger (JSON) under ``build/budget/``.
Figures are synthetic except where a source is cited.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from sportsgov import (
    Money,
    Period,
    SubsidyLedger,
    SubsidyProgram,
    cofunding,
    execution_table,
    factor_allocation,
)

OUT = Path(__file__).resolve().parent.parent / "build" / "budget"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)

    # 1. 因素法: venue-opening subsidy, 50 % venues / 30 % open area / 20 % visits
    #    (practice split from secondary sources).
    measures = {
        "中原区": {"venues": 42, "area": 128_000, "visits": 1_350_000},
        "二七区": {"venues": 35, "area": 96_500, "visits": 1_120_000},
        "金水区": {"venues": 61, "area": 210_300, "visits": 2_480_000},
        "惠济区": {"venues": 18, "area": 64_200, "visits": 410_000},
        "巩义市": {"venues": 27, "area": 88_900, "visits": 530_000},
        "登封市": {"venues": 24, "area": 71_400, "visits": 605_000},
    }
    fund = Money.parse("1000万元")
    result = factor_allocation(
        fund,
        measures,
        {"venues": "50%", "area": "30%", "visits": "20%"},
        floors={"惠济区": Money.parse("90万元")},
        caps={"金水区": Money.parse("300万元")},
    )
    print(f"Factor allocation of {fund:万元} (sum {sum(result.amounts.values()):万元}):")
    for unit in result.units:
        bound = f"  [{unit.bound}]" if unit.bound else ""
        print(f"  {unit.unit}: {unit.amount:,}{bound}")
    print(f"  remainder fen to: {', '.join(map(str, result.remainder_units))}")
    rows = result.table()
    with (OUT / "allocation.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    # 2. City / county co-funding of a county-level city's share.
    split = cofunding(result.amounts["巩义市"], {"city": 70, "county": 30})
    print(f"巩义市 co-funding: {split.amounts} (odd fen to {split.remainder_units})")

    # 3. A 乐冰雪-style ski subsidy (张家口市…扎实推进冬奥筹办, 河北日报, 2021-01-22),
    #    5,000 random claims.
    program = SubsidyProgram(
        "乐冰雪 2020—2021 雪季",
        ["ski_ticket", "coaching", "training"],
        {"ski_ticket": "50%", "coaching": "30%", "training": 1},
        {"ski_ticket": Money.yuan(100), "coaching": Money.yuan(150)},
        Money.yuan(500),
        Money.parse("20万元"),
        Period.parse("2020-12/2021-03"),
    )
    ledger = SubsidyLedger(program)
    rng = random.Random(2021)
    start = dt.date(2020, 11, 25)
    records = [
        (
            f"LBX-{i:05d}",
            f"user-{rng.randint(1, 1500)}",
            rng.choice(["ski_ticket", "coaching", "training", "lift"]),
            Money(rng.randint(5_000, 60_000)),
            start + dt.timedelta(days=rng.randint(0, 130)),
        )
        for i in range(5_000)
    ]
    results = ledger.claim_many(records)
    rejected = sum(1 for r in results if not r.accepted)
    budget_hit = sum(1 for r in results if r.binding_limit == "budget")
    print(
        f"Subsidy ledger: paid {ledger.paid_total:,} of {program.budget:,}; "
        f"{rejected} claims rejected, {budget_hit} cut by the budget"
    )
    print(f"  by kind: {ledger.totals(by='kind')}")
    ledger.save(OUT / "ledger.json")
    assert SubsidyLedger.load(OUT / "ledger.json").paid_total == ledger.paid_total

    # 4. Execution against 序时进度 at mid-year.
    table = execution_table(
        {
            "体育场地设施建设": (Money.parse("1320万元"), Money.parse("3600万元")),
            "全民健身赛事活动": (Money.parse("610万元"), Money.parse("1200万元")),
            "青少年体育": (Money.parse("455万元"), Money.parse("800万元")),
        },
        as_of="2024-06-30",
        period=Period.year(2024),
    )
    print("Execution at 2024-06-30:")
    for rec in table.as_records():
        print(f"  {rec['line']}: {rec['rate']} vs {rec['time_progress']} -> {rec['status']}")
    print(f"Wrote {OUT / 'allocation.csv'} and {OUT / 'ledger.json'}")


if __name__ == "__main__":
    main()
