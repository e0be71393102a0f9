"""Report rendering: Markdown, self-contained HTML and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sportsgov.errors import InvalidInputError
from sportsgov.report.document import Figure, Report, Section, Table
from sportsgov.report.render import format_cell, to_html, to_json, to_markdown, write_report

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _report(png: bytes | None = PNG) -> Report:
    table = Table(
        columns=("区县", "人均面积 (m²/人)", "状态"),
        rows=(("东城区", 2.7123, "已达标"), ("北山县|x", None, "滞后")),
        status=("met", "behind"),
        caption="人均体育场地面积",
    )
    section = Section(
        key="indicators",
        title="指标",
        paragraphs=("<script>alert(1)</script>",),
        tables=(table,),
        figures=(Figure(key="bars", title="人均面积", png=png, alt="bar chart"),),
        data={"values": {"990102": 2.7123}, "nan": float("nan")},
    )
    return Report(
        title="清河市",
        subtitle="截至 2024-09-30",
        lang="zh",
        sections=(section,),
        notes=("合成数据",),
    )


def test_markdown_escapes_pipes_and_formats_numbers() -> None:
    md = to_markdown(_report(), figure_dir="figures")
    assert "| 北山县\\|x | — | 滞后 |" in md
    assert "| 东城区 | 2.712 | 已达标 |" in md
    assert "![bar chart](figures/bars.png)" in md
    assert "> 合成数据" in md


def test_html_is_self_contained_and_escaped() -> None:
    page = to_html(_report())
    assert "<script>" not in page  # paragraphs are escaped, and we ship no scripts
    assert "&lt;script&gt;" in page
    assert 'src="data:image/png;base64,' in page
    assert "http://" not in page and "https://" not in page
    assert '<tr class="behind">' in page
    assert 'lang="zh-CN"' in page


def test_html_without_matplotlib_still_renders_tables() -> None:
    page = to_html(_report(png=None))
    assert "<img" not in page
    assert "<table>" in page


def test_json_keeps_numbers_and_drops_nan() -> None:
    doc = json.loads(to_json(_report()))
    sec = doc["sections"][0]
    assert sec["tables"][0]["rows"][0] == ["东城区", 2.7123, "已达标"]
    assert sec["data"]["nan"] is None
    assert sec["figures"] == [{"key": "bars", "title": "人均面积", "rendered": True}]


def test_write_report_writes_three_files(tmp_path: Path) -> None:
    written = write_report(_report(), tmp_path / "out")
    assert sorted(p.name for p in written.values()) == ["index.html", "report.json", "report.md"]
    assert (tmp_path / "out" / "figures" / "bars.png").read_bytes() == PNG


def test_write_report_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="formats='pdf': expected some of"):
        write_report(_report(), tmp_path, formats=["pdf"])  # type: ignore[list-item]


def test_table_rows_must_match_columns() -> None:
    with pytest.raises(InvalidInputError, match=r"rows\[0\]=.*must have 2 cells"):
        Table(columns=("a", "b"), rows=((1,),))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (1234567, "1,234,567"),
        (0.1 + 0.2, "0.3"),
        (-0.0001, "0"),
        (True, "✓"),
        ("x", "x"),
    ],
)
def test_format_cell(value: object, text: str) -> None:
    assert format_cell(value) == text  # type: ignore[arg-type]
