"""Tests for sportsgov._common.display (short reprs and notebook tables).

Oracles: hand-written expected strings, the standard library's html.escape, and
length bounds computed from the helper's documented widths.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from sportsgov._common.display import (
    CELL_WIDTH,
    FIELD_WIDTH,
    HTML_ROWS,
    REPR_ROWS,
    cell,
    clip,
    html_table,
    text_repr,
)
from sportsgov.money import Money


def test_cell_formats_exact_values_exactly() -> None:
    assert cell(Money.yuan("7668.28")) == "7668.28"
    assert cell(Decimal("0.10")) == "0.10"
    assert cell(Fraction(2, 3)) == "2/3"
    assert cell(1 / 3) == "0.333333"
    assert cell(float("inf")) == "inf"
    assert cell(None) == "" and cell(False) == "False"
    assert cell(dt.date(2024, 12, 31)) == "2024-12-31"
    assert len(cell("长" * 100)) == CELL_WIDTH


def test_clip() -> None:
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdefg", 6) == "abc..."
    assert clip("abcdef", 2) == "..."  # never longer than the text marker


def test_text_repr_shows_count_and_first_rows() -> None:
    rows = (f"r{i}" for i in itertools.count())  # endless: only `limit` are read
    assert text_repr("T", [("a", "x")], rows, count=10**6) == (
        "T(a='x', rows=[r0, r1, r2, r3, r4, ... 999,995 more])"
    )
    assert text_repr("T", [("a", 1)]) == "T(a=1)"
    assert text_repr("T", [], [], count=0, label="units") == "T(units=[])"


@settings(max_examples=25)
@given(
    st.lists(st.tuples(st.text(max_size=10), st.text(max_size=300)), max_size=5),
    st.lists(st.text(max_size=300), max_size=50),
)
def test_text_repr_is_bounded(fields: list[tuple[str, str]], rows: list[str]) -> None:
    text = text_repr("Name", fields, rows, count=len(rows))
    per_field = 10 + 1 + FIELD_WIDTH + 2
    bound = len("Name()") + len(fields) * per_field + 7 + REPR_ROWS * (FIELD_WIDTH + 2) + 30
    assert len(text) <= bound


@settings(max_examples=25)
@given(st.lists(st.lists(st.text(max_size=80), min_size=2, max_size=2), max_size=40))
def test_html_table_escapes_and_bounds(rows: list[list[str]]) -> None:
    out = html_table("<T> & co", ["a<", "b"], rows, count=len(rows))
    assert out.startswith("<p>&lt;T&gt; &amp; co</p><table><thead><tr><th>a&lt;</th>")
    assert out.count("<tr>") == 1 + min(len(rows), HTML_ROWS)
    for row in rows[:HTML_ROWS]:
        assert "".join(f"<td>{html.escape(cell(v))}</td>" for v in row) in out
    if len(rows) > HTML_ROWS:
        assert out.endswith(f"<p>... {len(rows) - HTML_ROWS:,} more rows</p>")
    else:
        assert out.endswith("</table>")


def test_the_typed_city_tables_print_short() -> None:
    # 6,000 subsidy claims printed 745,504 characters with the attrs repr
    from sportsgov.citydata import CityData, sample_city_path
    from sportsgov.planning import ProjectTable

    city = CityData.load(sample_city_path())
    projects = ProjectTable.from_file(sample_city_path() / "projects.csv")
    tables = [city.instructors, city.schools, city.budget_lines, city.subsidy_claims, projects]
    for table in [*tables, city.events]:
        text = repr(table)
        assert text.startswith(type(table).__name__ + ("(source=" if table in tables else "("))
        assert len(text) <= 80 + REPR_ROWS * (FIELD_WIDTH + 2) + 60, type(table).__name__
        more = len(table) - REPR_ROWS
        assert text.endswith(f"... {more:,} more])" if more > 0 else "])")
