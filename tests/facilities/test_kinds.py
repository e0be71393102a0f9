"""Tests for ``sportsgov.facilities.kinds``: the facility-kind table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sportsgov.errors import DataError
from sportsgov.facilities import FacilityKind, FacilityKinds

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- kinds


def test_default_kinds_follow_the_census_rules() -> None:
    kinds = FacilityKinds.default()
    pitches = [k.code for k in kinds if k.counts_as_pitch]
    assert pitches == ["football_11", "football_8", "football_7", "football_5", "beach_football"]
    balls = {k.code for k in kinds if k.ball_court}
    assert balls == {*pitches, "basketball", "volleyball"}  # 三大球 (scheme C)
    assert {k.code for k in kinds if k.measure == "length"} == {"trail", "greenway"}
    for code in (
        "football_11",
        "football_7",
        "football_5",
        "basketball",
        "swimming_pool",
        "gym",
        "fitness_path",
        "trail",
        "ice_rink",
        "ski_slope",
        "tennis",
        "badminton",
        "table_tennis",
        "sports_hall",
        "multi_purpose",
        "stadium",
    ):
        assert code in kinds
    assert kinds["全民健身路径"].code == "fitness_path"
    assert kinds["11人制足球场"].code == "football_11"


def test_reference_page_table_matches_the_data_file() -> None:
    """docs/reference/facilities.md lists every bundled kind with its flags."""
    text = (ROOT / "docs" / "reference" / "facilities.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (\w+) \| (\S+) \| (area|length) \| ([^|]+) \| (\w+) \| (\w+) \|$", text, flags=re.M
    )
    kinds = FacilityKinds.default()
    assert [r[0] for r in rows] == list(kinds.codes)
    for code, zh, measure, area, pitch, ball in rows:
        k = kinds[code]
        assert (k.name_zh, k.measure) == (zh, measure)
        assert k.counts_toward_area == area.startswith("yes")
        assert k.counts_as_pitch == (pitch == "yes")
        assert k.ball_court == (ball == "yes")


def test_extend_from_file(tmp_path: Path) -> None:
    p = tmp_path / "kinds.toml"
    p.write_text(
        'extends = "default"\n'
        '[[kind]]\ncode = "padel"\nname_zh = "板式网球场"\naliases = ["padel court"]\n'
        '[[kind]]\ncode = "greenway"\nname_zh = "绿道"\nmeasure = "length"\n'
        "counts_toward_area = true\n",
        encoding="utf-8",
    )
    kinds = FacilityKinds.load(p)
    assert kinds.codes[-1] == "padel"
    assert kinds["padel court"].code == "padel"
    assert kinds["greenway"].counts_toward_area  # replaced in place
    assert kinds.codes.index("greenway") == FacilityKinds.default().codes.index("greenway")
    only = tmp_path / "only.toml"
    only.write_text('[[kind]]\ncode = "padel"\nname_zh = "板式网球场"\n', encoding="utf-8")
    assert FacilityKinds.load(only).codes == ("padel",)
    assert FacilityKinds.default().extend(only).codes[-1] == "padel"


def test_kind_file_errors(tmp_path: Path) -> None:
    p = tmp_path / "kinds.toml"
    p.write_text('[[kind]]\ncode = "x"\nname_zh = "X"\nmeasure = "volume"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"kinds.toml, row 1, field measure: measure='volume'"):
        FacilityKinds.load(p)
    p.write_text('[[kind]]\ncode = "x"\nname_zh = "X"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"row 1: keys \['colour'\] unknown"):
        FacilityKinds.load(p)
    p.write_text("[[kind]\n", encoding="utf-8")
    with pytest.raises(DataError, match="not valid TOML"):
        FacilityKinds.load(p)
    with pytest.raises(DataError, match=r"code='gym': kind already defined"):
        FacilityKinds.default().extend([FacilityKind("gym", "健身房")])
    with pytest.raises(DataError, match=r"aliases='健身房': already names kind 'gym'"):
        FacilityKinds(
            [FacilityKind("gym", "健身房"), FacilityKind("g2", "G", aliases=("健身房",))]
        )
