"""Talent example: a district's reserve pipeline, the "2351" standard, quotas, medals, points.

Run:  python examples/talent_pipeline.py
Writes build/talent/pipeline.csv (one row per year and tier, whole people).

Figures from the sources are cited; the pipeline rates and district weights are
ILLUSTRATIVE (synthetic), not published statistics.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sportsgov.talent import (
    TEAM_SPORTS,
    ExtraCredit,
    GamesPoints,
    GamesResult,
    MedalTable,
    PipelineModel,
    QuotaStandard,
    Tier,
    allocate_quota,
    check_ratios,
)

OUT = Path("build") / "talent"


def main() -> None:
    # 1. The "2351" standard (2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03):
    # 130 traditional schools,
    #    each 2 coaches + 30 athletes; a reserve pool of 4,000.
    std = QuotaStandard("2351", {"coaches": 2, "athletes": 30})
    need = std.requirements(130)
    print("2351 requirements for 130 schools:", need)
    print("short of the 4,000 reserve pool by", 4000 - need["athletes"], "athletes;",
          "schools needed at 30 each:", std.units_needed("athletes", 4000))  # fmt: skip
    print("2 coaches : 30 athletes within team-sport band 1:12–15?",
          TEAM_SPORTS.allows(coaches=2, athletes=30))  # fmt: skip
    ratios = check_ratios({"school A": (2, 30), "school B": (1, 22), "school C": (3, 30)},
                          TEAM_SPORTS)  # fmt: skip
    print("out of range:", [(b.unit, b.direction, b.coaches_needed) for b in ratios.out_of_range])

    # 2. A 一二三线 pipeline (illustrative rates).
    model = PipelineModel(
        [
            Tier("grassroots", "三线 传统项目学校/俱乐部", 3),
            Tier("school", "二线 市县体校", 2),
            Tier("province", "一线 省队", 1),
        ],
        {
            "grassroots": {"grassroots": "0.62", "school": "0.08"},
            "school": {"school": "0.70", "province": "0.06"},
            "province": {"province": "0.85"},
        },
        source="illustrative",
    )
    stock = {"grassroots": 3600, "school": 420, "province": 35}
    plan = model.required_intake(
        {"grassroots": 4000, "school": 500, "province": 45},
        2026,
        start=2024,
        stock=stock,
        entry=["grassroots"],
        match="at_least",
    )
    print("yearly grassroots intake to reach the 2026 targets:", plan.as_dict(whole=True))
    proj = model.project(stock, plan.years, plan.whole_per_year, mode="integer")
    print("stock at end of 2026 (whole people):", proj.stock(plan.years))
    OUT.mkdir(parents=True, exist_ok=True)
    rows = proj.rows()
    with (OUT / "pipeline.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print("wrote", OUT / "pipeline.csv")

    # 3. New-type sports schools: at least one per district (2024年郑州市体育工作要点,
    # 郑州市体育局, 2024-07-25,
    # 索引号 005252290/2024-00022).
    alloc = allocate_quota(12, {"Jinshui": 900, "Erqi": 500, "Gongyi": 40, "Dengfeng": 10},
                           floors=1)  # fmt: skip
    print("places:", alloc.places, "notes:", alloc.notes)

    # 4. Medals (2024年全市体育工作暨党风廉政建设工作会议精神解读, 焦作日报, 2024-03): Asian Games
    # 3-2-2, Youth Games 10-3-2.
    asian = MedalTable({"Jiaozuo": (3, 2, 2)}, name="Hangzhou Asian Games")
    youth = MedalTable({"Jiaozuo": (10, 3, 2)}, name="1st National Student (Youth) Games")
    print("Asian Games total:", asian.totals.total, "| Youth Games total:", youth.totals.total)

    # 5. Points: 9-7-6-5-4-3-2-1, shared credit, Olympic gold counted double (12th National
    #    Games rules, 2013), 输送 delivery credit.
    rules = GamesPoints([9, 7, 6, 5, 4, 3, 2, 1], extra=[ExtraCredit("olympic", 2)])
    score = rules.score(
        [
            GamesResult("100m", 1, {"A": "0.5", "B": "0.5"}, trained_by="club X"),
            GamesResult("diving", 1, "A", level="olympic"),
            GamesResult("4x100m", 2, "B", kind="relay"),
        ]
    )
    print("points:", {u: str(p) for u, p in score.points.items()})
    print("delivery points:", {u: str(p) for u, p in score.delivery_points.items()})
    print("ranking:", [(r.rank, r.unit) for r in score.ranking()])


if __name__ == "__main__":
    main()
