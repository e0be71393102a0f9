"""The scorecard report (体育工作评估报告) for the bundled synthetic sample city, from Python.

Does what ``sportsgov report --out build/report-sample`` does, through the public API:
builds the report (every section, charts when matplotlib is installed), prints the
summary line of each section and the time each took, and writes ``index.html`` (one
self-contained file), ``report.md`` and ``report.json`` under ``build/report-sample/``.
A second, English run on the same loaded city shows that the data is read only once.

Run: ``python examples/report_sample_city.py``
"""

from __future__ import annotations

from pathlib import Path

from sportsgov.citydata import CityData
from sportsgov.report import build_report, write_report

OUT = Path("build") / "report-sample"


def main() -> None:
    city = CityData.sample()  # or CityData.load("path/to/your/city")
    print(f"{city.name}: {len(city.facilities):,} facilities, synthetic={city.synthetic}")

    report = build_report(data=city, lang="zh")
    for section in report.sections:
        print(f"[{section.seconds:5.2f} s] {section.title}")
        if section.paragraphs:
            print(f"          {section.paragraphs[0]}")
    print(
        f"total {report.meta['total_seconds']:.2f} s; skipped: {report.meta['skipped'] or 'none'}"
    )

    written = write_report(report, OUT)
    for fmt, path in written.items():
        print(f"{fmt:>4}: {path}")

    english = build_report(data=city, lang="en", charts=False)
    write_report(english, OUT / "en", formats=("md",))
    scores = next(section for section in english.sections if section.key == "scores")
    ranking = scores.data["ranking"]
    print(
        "ranking:",
        ", ".join(
            f"{rank}. {city.regions.get(code).name} {points:g}" for rank, code, points in ranking
        ),
    )


if __name__ == "__main__":
    main()
