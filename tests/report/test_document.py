"""The report as data: Table, Figure, Section, Report (frozen, converted, validated)."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import InvalidInputError
from sportsgov.report.document import Figure, Report, Section, Table
from sportsgov.report.render import to_json

cells = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(max_size=12),
)


def test_worked_example_from_the_module_doc() -> None:
    table = Table(columns=["区县", "人均面积 (m²/人)"], rows=[["东城区", 2.71], ["北山县", 1.98]])
    report = Report(
        title="示例",
        subtitle="",
        lang="zh",
        sections=[Section(key="s", title="指标", tables=[table])],
    )
    assert report.sections[0].tables[0].rows == (("东城区", 2.71), ("北山县", 1.98))
    assert isinstance(report.sections, tuple) and isinstance(table.columns, tuple)


def test_everything_is_frozen() -> None:
    table = Table(columns=("a",), rows=((1,),))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        table.caption = "x"  # type: ignore[misc]
    section = Section(key="k", title="t", tables=(table,))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        section.title = "x"  # type: ignore[misc]
    changed = attrs.evolve(section, seconds=1.5)
    assert changed.seconds == 1.5 and section.seconds == 0.0


def test_row_with_wrong_width_is_refused() -> None:
    with pytest.raises(
        InvalidInputError, match=r"rows\[1\]=\('b',\): must have 2 cells, one per column"
    ):
        Table(columns=("name", "value"), rows=(("a", 1), ("b",)))


def test_figure_without_png_is_allowed() -> None:
    fig = Figure(key="map", title="覆盖图")
    assert fig.png is None and fig.alt == ""


@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.lists(st.text(min_size=1, max_size=8), min_size=n, max_size=n),
            st.lists(st.lists(cells, min_size=n, max_size=n), max_size=6),
        )
    )
)
def test_rows_from_lists_equal_rows_from_tuples(
    shape: tuple[list[str], list[list[object]]],
) -> None:
    columns, rows = shape
    a = Table(columns=columns, rows=rows)  # type: ignore[arg-type]
    b = Table(columns=tuple(columns), rows=tuple(tuple(r) for r in rows))  # type: ignore[arg-type]
    assert a == b and len(a.rows) == len(rows)
    assert all(len(r) == len(columns) for r in a.rows)


@given(st.lists(st.lists(cells, min_size=2, max_size=2), max_size=6))
def test_cells_keep_their_types_through_json(rows: list[list[object]]) -> None:
    """Independent check with the json module: numbers stay numbers, None stays null."""
    report = Report(
        title="t",
        subtitle="",
        lang="en",
        sections=(Section(key="s", title="S", tables=(Table(columns=("a", "b"), rows=rows),)),),  # type: ignore[arg-type]
    )
    back = json.loads(to_json(report))["sections"][0]["tables"][0]["rows"]
    assert back == [list(r) for r in rows]
