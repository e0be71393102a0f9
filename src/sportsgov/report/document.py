"""The report as data: sections of paragraphs, tables and figures.

A :class:`Report` is built once (see :func:`sportsgov.report.build_report`) and rendered
many ways (:mod:`sportsgov.report.render`): Markdown, one self-contained HTML file and
JSON. Tables keep typed cells (numbers stay numbers in JSON); the renderers format them.

Examples
--------
>>> from sportsgov.report.document import Report, Section, Table
>>> table = Table(columns=("区县", "人均面积 (m²/人)"), rows=(("东城区", 2.71), ("北山县", 1.98)))
>>> section = Section(key="s", title="指标", tables=(table,))
>>> report = Report(title="示例", subtitle="", lang="zh", sections=(section,))
>>> report.sections[0].tables[0].rows[1]
('北山县', 1.98)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from attrs import field, frozen

from sportsgov.errors import InvalidInputError

__all__ = ["Cell", "Figure", "Report", "Section", "Table"]

Cell = str | int | float | None
"""A table cell: text, a number, or None for "no data"."""


def _tuple_rows(rows: Iterable[Iterable[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(r) for r in rows)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _tables(values: Iterable[Table]) -> tuple[Table, ...]:
    return tuple(values)


def _figures(values: Iterable[Figure]) -> tuple[Figure, ...]:
    return tuple(values)


def _sections(values: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(values)


@frozen
class Table:
    """A table with a header row, typed cells and an optional caption.

    ``status`` optionally gives one status word per row (``met``, ``behind`` ...) that the
    HTML renderer colours; ``data`` is machine-readable content for the JSON output.
    """

    columns: tuple[str, ...] = field(converter=_strs)
    rows: tuple[tuple[Cell, ...], ...] = field(converter=_tuple_rows)
    caption: str = ""
    status: tuple[str, ...] = field(default=(), converter=_strs)
    key: str = ""

    def __attrs_post_init__(self) -> None:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise InvalidInputError.bad(
                    f"rows[{i}]", row, f"must have {len(self.columns)} cells, one per column"
                )


@frozen
class Figure:
    """A chart: PNG bytes (None when matplotlib is not installed) and its alt text [-]."""

    key: str
    title: str
    png: bytes | None = None
    alt: str = ""


@frozen
class Section:
    """One report section: a title, paragraphs, tables, figures and machine-readable data."""

    key: str
    title: str
    paragraphs: tuple[str, ...] = field(default=(), converter=_strs)
    tables: tuple[Table, ...] = field(default=(), converter=_tables)
    figures: tuple[Figure, ...] = field(default=(), converter=_figures)
    data: dict[str, Any] = field(factory=dict)
    seconds: float = 0.0
    html: str = ""  # a trusted HTML fragment for index.html only (the interactive map)


@frozen
class Report:
    """A whole report: title, language, sections, and notes (e.g. the synthetic-data label)."""

    title: str
    subtitle: str
    lang: Literal["zh", "en"]
    sections: tuple[Section, ...] = field(converter=_sections)
    notes: tuple[str, ...] = field(default=(), converter=_strs)
    meta: dict[str, Any] = field(factory=dict)
