"""Tests for ``sportsgov._common.aliases``: header aliases, header units, kind names."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from importlib import resources
from pathlib import Path

from sportsgov._common.aliases import (
    alias_index,
    cell_quantity,
    kind_code,
    normalize_header,
    table_fields,
    table_kinds,
    unit_scale,
)


def test_normalize_header() -> None:
    assert normalize_header("面积（㎡）") == ("面积", "m2")
    assert normalize_header(" 场地 名称 ") == ("场地名称", None)
    assert normalize_header("*建成日期") == ("建成日期", None)
    assert normalize_header("(备注)") == ("(备注)", None)
    assert normalize_header(None) == ("", None)


def test_unit_scale() -> None:
    assert unit_scale("万平方米", "m^2", field="area") == 10_000
    assert unit_scale("亩", "m^2", field="area") == Fraction(10_000, 15)
    assert unit_scale("公里", "m", field="length") == 1000
    assert unit_scale("万元", "yuan", field="budget") == 10_000
    assert unit_scale("万人", "person", field="population") == 10_000


def test_alias_data_every_table_and_field_consistent() -> None:
    kinds = table_kinds()
    for table in (
        "facilities",
        "regions",
        "population",
        "population_grid",
        "observations",
        "events",
        "instructors",
        "schools",
        "budget_lines",
        "subsidy_claims",
        "talent_stock",
        "talent_rates",
        "medals",
        "road_nodes",
        "road_edges",
    ):
        assert table in kinds
        fields = table_fields(table)
        index = alias_index(fields)
        for name, spec in fields.items():
            assert index[normalize_header(name)[0]][0] == name, (table, name)
            for alias in spec.aliases:  # no alias silently claimed by another field
                assert index[normalize_header(alias)[0]][0] == name, (table, alias)


def test_the_issue_headers_map_as_documented() -> None:
    idx = alias_index(table_fields("facilities"))
    expected = {
        "编号": "id",
        "场地编号": "id",
        "名称": "name",
        "场地名称": "name",
        "类型": "kind",
        "场地类型": "kind",
        "所属区县": "region",
        "行政区划代码": "region",
        "面积": "area",
        "场地面积(平方米)": "area",
        "经度": "lon",
        "纬度": "lat",
        "建成日期": "opened",
        "建成时间": "opened",
        "停用日期": "closed",
        "坐标系": "datum",
    }
    for header, name in expected.items():
        assert idx[normalize_header(header)[0]][0] == name, header


def test_kind_names() -> None:
    text = resources.files("sportsgov").joinpath("data/facility_kinds.toml").read_text("utf-8")
    codes = {k["code"] for k in tomllib.loads(text)["kind"]}
    for code in codes:
        assert kind_code(code) == code
    data = tomllib.loads(
        resources.files("sportsgov").joinpath("data/aliases.toml").read_text("utf-8")
    )
    for name, code in data["kinds"].items():
        assert code in codes and kind_code(name) == code, name
    assert {
        n: kind_code(n)
        for n in (
            "足球场",
            "十一人制足球场",
            "七人制足球场",
            "五人制足球场",
            "篮球场",
            "游泳池",
            "游泳馆",
            "健身房",
            "全民健身路径",
            "健身步道",
            "绿道",
            "滑冰场",
            "冰场",
            "滑雪场",
            "室外篮球场",
            "游泳池（室内）",
            "ＧＹＭ",
        )
    } == {
        "足球场": "football_11",
        "十一人制足球场": "football_11",
        "七人制足球场": "football_7",
        "五人制足球场": "football_5",
        "篮球场": "basketball",
        "游泳池": "swimming_pool",
        "游泳馆": "swimming_pool",
        "健身房": "gym",
        "全民健身路径": "fitness_path",
        "健身步道": "trail",
        "绿道": "greenway",
        "滑冰场": "ice_rink",
        "冰场": "ice_rink",
        "滑雪场": "ski_slope",
        "室外篮球场": "basketball",
        "游泳池（室内）": "swimming_pool",
        "ＧＹＭ": "gym",
    }
    assert kind_code("沙壶球场") is None and kind_code(None) is None


def test_docs_alias_table_matches_the_data() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs/howto/load-excel.md").read_text("utf-8")
    for table in table_kinds():
        assert f"#### `{table}`" in doc, table
        section = doc.split(f"#### `{table}`", 1)[1].split("####", 1)[0]
        for name, spec in table_fields(table).items():
            line = next(x for x in section.splitlines() if x.startswith(f"| `{name}` |"))
            assert line.endswith(f"| {', '.join(spec.aliases)} |"), (table, name)
    data = tomllib.loads(
        resources.files("sportsgov").joinpath("data/aliases.toml").read_text("utf-8")
    )
    kinds_section = doc.split("## Facility kind names", 1)[1].split("\n## ", 1)[0]
    for name in data["kinds"]:
        assert name in kinds_section, name


def test_cell_quantity_is_exact_and_refuses_other_quantities() -> None:
    # oracle: the unit definitions (1 亩 = 10000/15 m², 1 公顷 = 10000 m², 1 公里 = 1000 m)
    assert cell_quantity("0.3亩", "m^2") == 200
    assert cell_quantity("1.5万亩", "m^2") == 10**7  # 15000 亩
    assert cell_quantity("0.5 公顷", "m^2") == 5000
    assert cell_quantity("1.2公里", "m") == 1200
    assert cell_quantity("1.2万", None) == 12000
    assert cell_quantity("3.5亿", None) == 350_000_000
    assert cell_quantity("-2万", None) == -20000
    assert cell_quantity("420", "m^2") is None  # a plain number: the header's unit applies
    assert cell_quantity("420米", "m^2") is None  # a length is no area
    assert cell_quantity("12人", None) is None  # a count without a unit takes none
    assert cell_quantity("abc", "m^2") is None
