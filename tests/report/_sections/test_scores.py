"""The report's scores section (``sportsgov/report/_sections/scores.py``) on the tiny city.

Oracles: an assessment and a scorecard called directly (the number of rows, the
ranking), the 序时进度 worked by hand (274 of 366 days on 2024-09-30) and the
per-capita ratio worked by hand.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

from sportsgov import plans
from sportsgov.assessment import assess, score
from sportsgov.citydata import CityData
from sportsgov.report import build_report
from sportsgov.report._context import Context
from sportsgov.report._sections.scores import compute, layout
from sportsgov.report.settings import ReportSettings

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


def _context(root: Path, lang: str = "en", **settings: object) -> Context:
    city = CityData.load(root)
    plan = plans.load("zhengzhou-2024")
    return Context(
        city, plan, date(2024, 9, 30), lang, False, attrs.evolve(ReportSettings(), **settings)
    )


def test_compute_is_frozen_data_the_layout_only_words(tmp_path: Path, tiny_city: TinyCity) -> None:
    toml = tiny_city.toml + 'scheme = "zhengzhou-2024-districts"\n'
    root = tiny_city.write(tmp_path / "mini", toml=toml)
    data = compute(_context(root, "en"))
    assert compute(_context(root, "zh")) == data  # no language in the computed data
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        data.card = None  # type: ignore[misc]
    # oracle: the assessment and the scorecard called directly
    city = CityData.load(root)
    direct = assess(plans.load("zhengzhou-2024"), [], as_of="2024-09-30", regions=city.regions)
    assert sum(data.status_counts.values()) == len(direct.rows)
    assert [r.target_id for r in data.city_rows] == [
        r.target_id for r in data.assessment.rows if r.region == "990100"
    ]
    card = score(data.assessment, "zhengzhou-2024-districts")
    assert [(r.rank, r.region, r.total) for r in data.card.regions] == [
        (r.rank, r.region, r.total) for r in card.regions
    ]
    section = layout(data, _context(root, "en"))
    assert section.data["ranking"] == [(r.rank, r.region, float(r.total)) for r in card.regions]


def test_the_amber_rank_is_a_setting(tmp_path: Path, tiny_city: TinyCity) -> None:
    toml = tiny_city.toml + 'scheme = "zhengzhou-2024-districts"\n'
    root = tiny_city.write(tmp_path / "mini", toml=toml)
    data = compute(_context(root))
    with_reasons = [bool(r.reasons("en")) for r in data.card.regions]
    assert any(with_reasons)  # the tiny city misses targets: deductions to colour

    def colours(**settings: object) -> list[str]:
        ctx = _context(root, **settings)
        data = compute(ctx)  # the setting is read when computing, the layout only draws it
        table = next(t for t in layout(data, ctx).tables if t.key == "scores")
        assert table.status == data.rank_status
        return list(table.status)

    ranks = [r.rank for r in data.card.regions]
    expect = ["met" if not w else ("on_track" if k <= 3 else "behind")
              for w, k in zip(with_reasons, ranks, strict=True)]  # fmt: skip
    assert colours() == expect  # the default, 3
    assert colours(scores_amber_rank=0) == ["met" if not w else "behind" for w in with_reasons]
    assert "on_track" in colours(scores_amber_rank=len(ranks))


def test_no_scheme_no_ranking_status(tmp_path: Path, tiny_city: TinyCity) -> None:
    data = compute(_context(tiny_city.write(tmp_path / "mini")))
    assert (data.card, data.rank_status) == (None, ())
