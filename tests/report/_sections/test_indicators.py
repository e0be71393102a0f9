"""The report's indicators section (``sportsgov/report/_sections/indicators.py``) on the tiny city.

Oracle: the figures worked by hand from the tiny city's three CSV texts (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sportsgov.report import build_report

if TYPE_CHECKING:
    from tests.conftest import TinyCity


def test_indicator_figures_match_the_hand_computation(tmp_path: Path, tiny_city: TinyCity) -> None:
    rep = build_report(data=tiny_city.write(tmp_path / "mini"), charts=False, lang="en")
    data = next(s for s in rep.sections if s.key == "indicators").data
    # as_of 2024-09-30: the 2023 year-end population applies (120,000 + 80,000)
    assert data["population_year"] == 2023
    area = {"990101": 7140 + 420, "990121": 300}
    people = {"990101": 120_000, "990121": 80_000}
    assert data["per_capita_area"]["990100"] == pytest.approx(sum(area.values()) / 200_000)
    for code in ("990101", "990121"):
        assert data["per_capita_area"][code] == pytest.approx(area[code] / people[code])
    # one 11-a-side pitch (F1) in the urban district, none in the county
    assert data["pitches_per_10k"] == pytest.approx(
        {"990100": 1 / 20, "990101": 1 / 12, "990121": 0.0}
    )
