"""The report's interactive map (report/map.py): offline by default, data embedded safely."""

from __future__ import annotations

import json
import re

import pytest

from sportsgov.errors import InvalidInputError
from sportsgov.report.map import coverage_map_html, leaflet_assets

FC = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "code": "A",
                "name": "甲</script>区",
                "coverage": 0.8,
                "per_capita": None,
            },
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        }
    ],
}
SITE = {
    "order": 1,
    "district": "甲区",
    "lon_wgs84": 113.6,
    "lat_wgs84": 34.7,
    "lon_gcj02": 113.606,
    "lat_gcj02": 34.699,
    "gain": 1234.0,
}


def embedded(html: str) -> dict:
    found = re.search(r"var D=(\{.*?\});\s*var el=", html, flags=re.S)
    assert found
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_offline_by_default_and_the_data_round_trips() -> None:
    html = coverage_map_html(
        FC, facilities=[(0.5, 0.2, "馆")], uncovered=[(0.2, 0.1, 37.4)], sites=[SITE]
    )
    data = embedded(html)
    assert data["tiles"] is None
    assert data["districts"] == FC and data["sites"] == [SITE]
    assert data["facilities"] == [[0.5, 0.2, "馆"]] and data["uncovered"] == [[0.2, 0.1, 37]]
    assert "</script>区" not in html  # a name cannot close the script element
    assert data["labels"]["coverage"] == "健身圈覆盖率"
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html)


def test_online_basemap_only_when_asked() -> None:
    html = coverage_map_html(FC, facilities=[], uncovered=[], sites=[], basemap="osm", lang="en")
    assert embedded(html)["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert embedded(html)["labels"]["coverage"] == "fitness-circle coverage"
    with pytest.raises(InvalidInputError, match=r"basemap='amap': expected 'osm' or None"):
        coverage_map_html(FC, facilities=[], uncovered=[], sites=[], basemap="amap")  # type: ignore[arg-type]


def test_leaflet_is_bundled_with_its_licence_and_needs_no_images() -> None:
    from importlib import resources

    css, js = leaflet_assets()
    assert js.startswith("/* @preserve\n * Leaflet 1.9.4")
    assert "url(images/" not in css and ".leaflet-container" in css
    licence = (resources.files("sportsgov.report") / "assets" / "LEAFLET-LICENSE.txt").read_text()
    assert licence.startswith("BSD 2-Clause License")


def test_report_map_offline_by_default_osm_on_request() -> None:
    from sportsgov.report import build_report

    with pytest.raises(InvalidInputError, match=r"basemap='google': expected 'osm' or None"):
        build_report(basemap="google", charts=False)  # type: ignore[arg-type]
    report = build_report(lang="en", charts=False, basemap="osm")
    html = next(s.html for s in report.sections if s.key == "coverage")
    data = embedded(html)
    assert data["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert len(data["districts"]["features"]) == 8 and len(data["sites"]) == 10
    site = data["sites"][0]
    assert {"lon_wgs84", "lat_wgs84", "lon_gcj02", "lat_gcj02", "gain", "district"} <= set(site)
    assert 0.0 < site["lon_gcj02"] - site["lon_wgs84"] < 0.01  # GCJ-02 shift, east in China
