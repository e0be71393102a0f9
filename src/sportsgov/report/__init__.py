"""Scorecard reports: build once (:func:`build_report`), render as HTML, Markdown and JSON.

* :mod:`sportsgov.report.build` — :func:`build_report` runs every calculator on a city;
  it orchestrates the sections, one private module each (``report/_sections/``).
* :mod:`sportsgov.report.settings` — :class:`ReportSettings`, the thresholds and sizes
  (``[report]`` in ``city.toml``) with documented defaults.
* :mod:`sportsgov.report.document` — :class:`Report`, :class:`Section`, :class:`Table`,
  :class:`Figure`.
* :mod:`sportsgov.report.render` — :func:`to_html` (one self-contained file),
  :func:`to_markdown`, :func:`to_json`, :func:`write_report`.
"""

from __future__ import annotations

from sportsgov.report.build import Progress, build_report
from sportsgov.report.document import Figure, Report, Section, Table
from sportsgov.report.render import to_html, to_json, to_markdown, write_report
from sportsgov.report.settings import ReportSettings

__all__ = [
    "Figure",
    "Progress",
    "Report",
    "ReportSettings",
    "Section",
    "Table",
    "build_report",
    "to_html",
    "to_json",
    "to_markdown",
    "write_report",
]
