"""The interactive coverage map of ``index.html``: Leaflet, inlined, vector layers only.

The page is often opened inside a government intranet, so the map needs nothing
from the network: Leaflet 1.9.4 (BSD-2-Clause, ``report/assets/LEAFLET-LICENSE.txt``)
is inlined from the package, and the layers are vector data in the page (no tile
server). Districts are polygons coloured by fitness-circle coverage or by per-capita
sports area (a layer switch), with facilities, uncovered residents and the suggested
sites on top; a site's popup gives its district, its coordinates in WGS-84 and GCJ-02
and its gain. ``basemap="osm"`` adds an OpenStreetMap tile layer for readers who are
online (coordinates are WGS-84, which OSM tiles use; Amap tiles would need GCJ-02).

After drawing, the script writes the number of features per layer into the map
element's ``data-layers`` attribute (the headless-browser test reads it).

Examples
--------
>>> fc = {"type": "FeatureCollection", "features": [{"type": "Feature",
...       "properties": {"code": "A", "name": "甲区", "coverage": 0.8, "per_capita": 2.1},
...       "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}
>>> html = coverage_map_html(fc, facilities=[(0.5, 0.4, "体育馆")], uncovered=[], sites=[])
>>> "L.map(" in html and "https://" not in html.split("<script>", 2)[2][:200]
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Literal

import numpy as np

from sportsgov._i18n import Lang, t
from sportsgov.errors import InvalidInputError

__all__ = ["Basemap", "coverage_map_html", "leaflet_assets", "section_map_html"]

Basemap = Literal["osm"]
_TILES = {"osm": "https://tile.openstreetmap.org/{z}/{x}/{y}.png"}


def leaflet_assets() -> tuple[str, str]:
    """``(css, js)`` of the bundled Leaflet, CSS image references removed (offline page)."""
    base = resources.files("sportsgov.report") / "assets"
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    css = re.sub(r"url\((?!#)[^)]*\)", "none", css)  # layer/marker icons: not used here
    return css, js


def _json(value: Any) -> str:
    """JSON safe to put inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def coverage_map_html(
    districts: Mapping[str, Any],
    *,
    facilities: Sequence[tuple[float, float, str]],
    uncovered: Sequence[tuple[float, float, float]],
    sites: Sequence[Mapping[str, Any]],
    lang: Lang = "zh",
    basemap: Basemap | None = None,
    element_id: str = "coverage-map",
) -> str:
    """The HTML fragment of the map (a div, Leaflet's CSS and JS, the layers and a script).

    Parameters
    ----------
    districts : GeoJSON FeatureCollection (WGS-84)
        District polygons; properties ``code``, ``name``, ``coverage`` (share 0–1 or
        None) and ``per_capita`` [m²/person] (or None).
    facilities : sequence of (lon, lat, name) [°, WGS-84]
    uncovered : sequence of (lon, lat, population) [°, persons]
        Population points outside every fitness circle.
    sites : sequence of mappings
        Suggested sites: ``order``, ``district``, ``lon_wgs84``, ``lat_wgs84``,
        ``lon_gcj02``, ``lat_gcj02``, ``gain`` [persons].
    lang : {"zh", "en"}
    basemap : {"osm"}, optional
        An online tile layer under the vector layers; ``None`` (default) needs no
        network.
    element_id : str
        ``id`` of the map's div.
    """
    if basemap is not None and basemap not in _TILES:
        raise InvalidInputError.bad("basemap", basemap, "expected 'osm' or None")
    css, js = leaflet_assets()
    labels = {
        key: t(f"map.{key}", lang)
        for key in (
            "coverage",
            "per_capita",
            "facilities",
            "uncovered",
            "sites",
            "district",
            "gain",
            "order",
            "no_data",
            "persons",
        )
    }
    data = {
        "districts": districts,
        "facilities": [[round(x, 6), round(y, 6), n] for x, y, n in facilities],
        "uncovered": [[round(x, 6), round(y, 6), round(p)] for x, y, p in uncovered],
        "sites": list(sites),
        "labels": labels,
        "tiles": _TILES.get(basemap) if basemap else None,
    }
    return (
        f'<div id="{element_id}" class="sg-map" style="height:560px;border:1px solid #ccc;'
        f'background:#f4f6f8"></div>\n'
        f"<style>{css}\n.sg-legend{{background:#fff;padding:6px 8px;font:12px sans-serif;"
        f"line-height:18px}}.sg-legend i{{display:inline-block;width:14px;height:10px;"
        f"margin-right:4px}}</style>\n"
        f"<script>{js}</script>\n"
        f"<script>(function(){{var D={_json(data)};{_SCRIPT.replace('@ID@', element_id)}}})();"
        f"</script>\n"
    )


_SCRIPT = r"""
var el=document.getElementById('@ID@'),L_=D.labels;
var map=L.map(el,{preferCanvas:false,attributionControl:!!D.tiles});
if(D.tiles){L.tileLayer(D.tiles,{maxZoom:18,attribution:'&copy; OpenStreetMap'}).addTo(map);}
var canvas=L.canvas({padding:0.2});
function ramp(v,lo,hi){if(v===null||v===undefined)return '#cccccc';
 var x=Math.max(0,Math.min(1,(v-lo)/((hi-lo)||1)));
 var c=[[215,48,39],[252,141,89],[254,224,139],[145,207,96],[26,152,80]];
 var i=Math.min(3,Math.floor(x*4)),f=x*4-i,a=c[i],b=c[i+1];
 return 'rgb('+a.map(function(k,j){return Math.round(k+(b[j]-k)*f);}).join(',')+')';}
var pc=D.districts.features.map(function(f){return f.properties.per_capita;})
 .filter(function(v){return v!==null&&v!==undefined;});
var pcLo=pc.length?Math.min.apply(null,pc):0,pcHi=pc.length?Math.max.apply(null,pc):1;
function fmt(v,d){return (v===null||v===undefined)?L_.no_data:v.toFixed(d);}
function districtLayer(key){return L.geoJSON(D.districts,{
 style:function(f){var v=f.properties[key];
  return {color:'#555',weight:1,fillOpacity:0.55,
   fillColor:key==='coverage'?ramp(v,0.6,1.0):ramp(v,pcLo,pcHi)};},
 onEachFeature:function(f,l){var p=f.properties;
  l.bindPopup('<b>'+p.name+'</b> ('+p.code+')<br>'+L_.coverage+': '
   +(p.coverage===null||p.coverage===undefined?L_.no_data:(100*p.coverage).toFixed(1)+'%')
   +'<br>'+L_.per_capita+': '+fmt(p.per_capita,2));}});}
var byCoverage=districtLayer('coverage'),byArea=districtLayer('per_capita');
var fac=L.layerGroup(D.facilities.map(function(r){
 return L.circleMarker([r[1],r[0]],{renderer:canvas,radius:2,color:'#1f4e9c',weight:1,
  fillOpacity:0.8}).bindTooltip(r[2]);}));
var unc=L.layerGroup(D.uncovered.map(function(r){
 return L.circleMarker([r[1],r[0]],{renderer:canvas,radius:1.5,color:'#b2182b',weight:0,
  fillOpacity:0.7}).bindTooltip(r[2]+' '+L_.persons);}));
var sites=L.layerGroup(D.sites.map(function(s){
 return L.marker([s.lat_wgs84,s.lon_wgs84],{icon:L.divIcon({className:'sg-site',
  html:'<div style="background:#6a3d9a;color:#fff;border-radius:9px;width:18px;height:18px;'
  +'text-align:center;font:bold 11px/18px sans-serif">'+s.order+'</div>',iconSize:[18,18]})})
  .bindPopup('<b>'+L_.order+' '+s.order+'</b><br>'+L_.district+': '+s.district
   +'<br>WGS-84: '+s.lon_wgs84.toFixed(6)+', '+s.lat_wgs84.toFixed(6)
   +'<br>GCJ-02: '+s.lon_gcj02.toFixed(6)+', '+s.lat_gcj02.toFixed(6)
   +'<br>'+L_.gain+': '+Math.round(s.gain)+' '+L_.persons);}));
byCoverage.addTo(map);fac.addTo(map);unc.addTo(map);sites.addTo(map);
var base={};base[L_.coverage]=byCoverage;base[L_.per_capita]=byArea;
var over={};over[L_.facilities]=fac;over[L_.uncovered]=unc;over[L_.sites]=sites;
L.control.layers(base,over,{collapsed:false}).addTo(map);
L.control.scale({imperial:false}).addTo(map);
var legend=L.control({position:'bottomright'});
legend.onAdd=function(){var d=L.DomUtil.create('div','sg-legend');
 d.innerHTML=L_.coverage+': <i style="background:'+ramp(0.6,0.6,1)+'"></i>60% '
  +'<i style="background:'+ramp(0.8,0.6,1)+'"></i>80% <i style="background:'
  +ramp(1,0.6,1)+'"></i>100%';return d;};
legend.addTo(map);
var b=byCoverage.getBounds();if(b.isValid()){map.fitBounds(b,{padding:[10,10]});}
else{map.setView([0,0],2);}
el.setAttribute('data-layers',JSON.stringify({districts:D.districts.features.length,
 facilities:D.facilities.length,uncovered:D.uncovered.length,sites:D.sites.length}));
"""


def section_map_html(ctx: Any, data: Any) -> str:
    """The coverage section's map when the city ships ``boundaries.geojson`` ("" otherwise).

    ``ctx`` is the report builder's context (city, labels, observations, language);
    ``data`` the coverage section's computed data (results, demand, facilities, sites).
    """
    from sportsgov.coverage import Points, coordinate_columns

    path = ctx.city.root / "boundaries.geojson"
    if not path.exists():
        return ""
    districts = json.loads(path.read_text(encoding="utf-8"))
    per_capita = {
        o.region: float(o.value) for o in ctx.observations if o.target == "per_capita_area"
    }
    sphere, facilities, demand = data.sphere, data.facilities, data.demand
    regions = sphere.regions
    for feature in districts.get("features", []):
        props = feature.setdefault("properties", {})
        code = str(props.get("code"))
        props["name"] = ctx.label(code)
        reg = regions.get(code)
        props["coverage"] = None if reg is None or reg.share is None else float(reg.share)
        props["per_capita"] = per_capita.get(code)
    ids = facilities.id
    fac = [
        (float(x), float(y), "" if ids is None else str(ids[k]))
        for k, (x, y) in enumerate(zip(facilities.lon, facilities.lat, strict=True))
    ]
    unc = ~np.asarray(sphere.covered)
    uncovered = [
        (float(x), float(y), float(p))
        for x, y, p in zip(
            np.asarray(demand.lon)[unc],
            np.asarray(demand.lat)[unc],
            np.asarray(demand.weights)[unc],
            strict=True,
        )
    ]
    sites = []
    if data.sites:
        site_lon = np.array([s.lon for s in data.sites])
        site_lat = np.array([s.lat for s in data.sites])
        cols = coordinate_columns(Points(site_lon, site_lat))
        for k, site in enumerate(data.sites):
            sites.append(
                {
                    "order": k + 1,
                    "district": ctx.label(site.region),
                    **{key: float(col[k]) for key, col in cols.items()},
                    "gain": float(site.gain),
                }
            )
    return coverage_map_html(
        districts,
        facilities=fac,
        uncovered=uncovered,
        sites=sites,
        lang=ctx.lang,
        basemap=getattr(ctx, "basemap", None),
    )
