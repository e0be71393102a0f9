"""Foundation tour: money exact to the fen, Chinese units, periods and 序时进度.

Figures from the source documents:
- 張家口冬奧人才工作報道 (張家口新聞傳媒集團, 2021-10): 三年来投入人才专项资金7668.28萬元
  (talent fund, 3 years)
- 2024年郑州市体育工作要点 (郑州市体育局, 2024-07-25, 索引号 005252290/2024-00022):
  人均场地面积达到2.65平方米 (per-capita sports area target)
- 张家口市…扎实推进冬奥筹办 (河北日报, 2021-01-22): 水域面积达6.1万亩 (Guyuan's frozen
  water surface)

Run: ``python examples/foundation_money_units_periods.py`` (prints; writes build/foundation.json).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Literal

from sportsgov import (
    Money,
    Period,
    allocate_detailed,
    as_quantity,
    magnitude_in,
    time_progress,
)


def main() -> None:
    # --- money: parse the fund, split it 3:3:1 exactly, report who got the extra fen
    fund = Money.parse("7668.28萬元")
    print(f"fund: {fund:万元} = {fund:¥,元}")
    split = allocate_detailed(fund, {"市本级": 3, "张北县": 3, "崇礼区": 1})
    for row in split.rows():
        extra = "  +1 fen (largest remainder)" if row.extra_fen else ""
        print(f"  {row.key}: {row.part:,元}  exact quota {row.quota / 100} 元{extra}")
    print(f"  parts sum to {sum(split.as_list())} == {fund}")
    print(f"  15% co-funding share: {fund * Decimal('0.15'):,元} (四舍五入 to the fen)")

    # --- units: Chinese notation in, any unit out
    water = as_quantity("6.1万亩")
    print(f"water surface: {water:~P} = {water.to('ha'):.1f~P} = {water.to('km^2'):.2f~P}")
    per_capita = as_quantity("2.65平方米/人")
    population = as_quantity(1_282_000, "person")
    needed = (per_capita * population).to("km^2")
    print(f"area needed for {population:~P} at {per_capita:~P}: {needed:.3f~P}")
    print(f"radius 1.5 km in metres: {magnitude_in('1.5 km', 'm', argument='radius')}")

    # --- periods and time progress (序时进度)
    year = Period.year(2024)
    as_of = "2024-07-01"
    bases: tuple[Literal["day", "month", "quarter"], ...] = ("day", "month", "quarter")
    for basis in bases:
        share = time_progress(year, as_of, basis=basis)
        print(f"time progress {year} as of {as_of} by {basis}: {share} = {float(share):.1%}")
    plan = Period.parse("2020-06/2022-08")
    print(f"plan period {plan}: {plan.days} days, {len(plan.months())} months, quarters:")
    print("  " + ", ".join(str(q) for q in plan.quarters()))

    out = Path("build")
    out.mkdir(exist_ok=True)
    record = {
        "fund_fen": fund.fen,
        "parts_fen": {k: v.fen for k, v in split.as_dict().items()},
        "remainder_to": list(split.remainder_to),
        "water": {"magnitude": water.magnitude, "unit": f"{water.units}"},
        "period": str(plan),
        "time_progress": str(time_progress(year, as_of)),
    }
    (out / "foundation.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    print(f"wrote {out / 'foundation.json'}")


if __name__ == "__main__":
    main()
