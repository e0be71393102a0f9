"""The report's scores section (``sportsgov/report/_sections/scores.py``) on the tiny city.

Oracles: an assessment called directly (the number of rows), the 序时进度 worked by hand
(274 of 366 days on 2024-09-30) and the per-capita ratio worked by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sportsgov import plans
from sportsgov.assessment import assess
from sportsgov.citydata import CityData
from sportsgov.report import build_report

if TYPE_CHECKING:
    from tests.conftest import TinyCity


def test_scores_section_counts_and_city_rows(tmp_path: Path, tiny_city: TinyCity) -> None:
    root = tiny_city.write(tmp_path / "mini")
    rep = build_report(data=root, charts=False, lang="en")
    section = next(s for s in rep.sections if s.key == "scores")
    counts = section.data["status_counts"]
    city = CityData.load(root)
    plan = plans.load("zhengzhou-2024")
    empty = assess(plan, [], as_of="2024-09-30", regions=city.regions)
    assert sum(counts.values()) == len(empty.rows)
    # the tiny city only yields the two computed indicators, both far below target
    assert counts["behind"] == 2
    assert counts["no_data"] == len(empty.rows) - 2
    table = next(t for t in section.tables if t.key == "assessment")
    area = next(r for r in table.rows if r[1] == "m²/person")
    assert area[2] == 0.0393  # 7,860 m² / 200,000 residents
    assert area[4] == f"{0.0393 / 2.65:.1%}"
    assert area[5] == f"{274 / 366:.1%}"
    assert table.status[table.rows.index(area)] == "behind"
