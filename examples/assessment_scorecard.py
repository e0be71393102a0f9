"""Assess the districts of a synthetic city against the Zhengzhou 2024 work points, score
them with an (illustrative) district scheme and with the published scheme A, and write the
scorecards to build/assessment_scorecard.json.

Run: python examples/assessment_scorecard.py
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

from sportsgov import plans
from sportsgov.assessment import Observation, assess, pace_by_quarter, score

DISTRICTS = {
    "990102": "东城区",
    "990103": "西城区",
    "990104": "南湖区",
    "990105": "高新区",
    "990121": "北山县",
    "990122": "河口县",
    "990123": "青松县",
    "990181": "临江市",
}


def main() -> None:
    rng = random.Random(2024)
    plan = plans.load("zhengzhou-2024")
    print(f"{plan.title} ({plan.issuer}): {len(plan.targets)} targets, {len(plan.tasks)} tasks")

    # Synthetic year-end figures: each district reaches 60–130 % of each per-district minimum.
    obs = []
    for code in DISTRICTS:
        for t in plan.targets:
            if t.per_district:
                share = Decimal(rng.randint(60, 130)) / 100
                obs.append(
                    Observation(t.id, code, (t.value * share).quantize(Decimal(1)), "2024-12-31")
                )
    obs.append(Observation("mass-events", "city", 1046, "2024-12-31"))
    a = assess(plan, obs, as_of="2025-01-15", regions=list(DISTRICTS))
    print("status counts:", a.summary())

    card = score(
        a,
        "zhengzhou-2024-districts",
        inputs={"990105": {"bonus_points": 4}, "990123": {"safety_incidents": 1}},
    )
    print("\nrank  district  total")
    for rank, code, total in card.ranking():
        print(f"{rank:>4}  {DISTRICTS[code]}  {total}")
    last = card.regions[-1]
    print(f"\nwhy {DISTRICTS[last.region]} lost points:")
    for line in last.reasons("zh"):
        print("  -", line)

    # The published scheme A (体育局对各区县体育工作考核评价细则) on its own inputs.
    inputs = {"*": {"provincial_average": "2.62"}}
    for code in DISTRICTS:
        now = Decimal(rng.randint(230, 300)) / 100
        inputs[code] = {
            "per_capita_area": now,
            "per_capita_area@previous": now - Decimal(rng.randint(0, 12)) / 100,
            "facility_tasks_done": rng.randint(5, 9),
            "facility_tasks_required": 8,
            "one_stadium_two_halls": rng.choice([100, 100, 67]),
            "regular_exercise_share": Decimal(rng.randint(280, 320)) / 10,
            "regular_exercise_share@previous": Decimal(rng.randint(275, 315)) / 10,
        }
    card_a = score(None, "scheme-a", inputs=inputs)
    print("\nscheme A (9 points):", [(DISTRICTS[c], str(t)) for _, c, t in card_a.ranking()])

    pace = pace_by_quarter([231, 262, 240, 313], 1000, year=2024, as_of="2024-12-31")
    print(
        "\nmass events by quarter (序时开展):",
        [(p.quarter, p.cumulative, p.paced_target, p.status) for p in pace],
    )

    out = Path("build")
    out.mkdir(exist_ok=True)
    path = out / "assessment_scorecard.json"
    payload = {
        "plan": plan.name,
        "as_of": a.as_of.isoformat(),
        "districts": card.to_records("zh"),
        "scheme_a": card_a.to_records("en"),
        "rows": a.to_records(),
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {path}")


if __name__ == "__main__":
    main()
